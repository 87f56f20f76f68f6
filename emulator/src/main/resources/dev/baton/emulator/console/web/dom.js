// A tiny element builder: h('div', {class: 'x', onclick: f}, 'text', child). Text always goes in as text,
// never as HTML, since every string here may come from an app's message.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'style' && typeof value === 'object') {
      for (const [property, styleValue] of Object.entries(value)) element.style.setProperty(property, styleValue);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (selector) => document.querySelector(selector);

export function replaceChildren(element, children) {
  element.replaceChildren(...children.filter((child) => child));
}

export function toast(message, kind = 'info') {
  const box = h('div', {class: `toast ${kind}`}, message);
  $('#toasts').append(box);
  setTimeout(() => box.remove(), kind === 'error' ? 7000 : 3500);
}

/** "14:05:09" in UTC, or with the day when it is not today's (simulated) date. */
export function shortTime(iso, now) {
  if (!iso) return '';
  const date = new Date(iso);
  const time = date.toISOString().slice(11, 19);
  if (now && new Date(now).toISOString().slice(0, 10) !== date.toISOString().slice(0, 10)) {
    return `${date.toISOString().slice(5, 10)} ${time}`;
  }
  return time;
}

export function duration(seconds) {
  if (!seconds) return '';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return [days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`].filter(Boolean).join(' ') || `${seconds}s`;
}
