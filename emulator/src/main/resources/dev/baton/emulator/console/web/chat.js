import {h, shortTime} from './dom.js';

// Draws one conversation the way Messenger shows it to the person: their bubbles on the right, the Page's on
// the left labelled with the app (or the Inbox) that sent each, quick replies as chips under the newest
// message, button and generic templates as buttons and cards that answer when clicked, images as images.

const REACTIONS = [['love', '\u2764\ufe0f'], ['like', '\ud83d\udc4d'], ['smile', '\ud83d\ude06']];

export function renderChat(conversation, context) {
  const {appLabel, onQuickReply, onPostback, onReact, now} = context;
  const reactions = new Map();
  for (const line of conversation.transcript) {
    const reaction = line.kind === 'reaction' ? line.content?.reaction : null;
    if (reaction) reactions.set(reaction.mid, reaction.action === 'unreact' ? null : reaction.emoji);
  }
  const items = [];
  let previousSender = null;
  for (const line of conversation.transcript) {
    if (line.kind === 'reaction') continue;
    if (line.direction === 'inbound') {
      const event = inboundEvent(line);
      if (event) items.push(event);
      if (line.kind === 'ad_click' || line.kind === 'link') {
        previousSender = null;
        continue;
      }
      items.push(personBubble(line, now));
      previousSender = 'person';
    } else {
      const label = appLabel(line.app_id);
      const showSender = previousSender !== line.app_id;
      items.push(pageMessage(line, label, showSender, reactions.get(line.mid), {onPostback, onReact, now}));
      previousSender = line.app_id;
    }
  }
  const last = conversation.transcript.filter((line) => line.kind !== 'reaction').at(-1);
  const chips = last && last.direction === 'outbound' ? quickReplies(last.content, onQuickReply) : [];
  return {items, chips};
}

function inboundEvent(line) {
  const referral = line.content?.referral;
  if (referral && referral.source === 'ADS') {
    return h('div', {class: 'event-line', 'data-kind': 'ad'}, '\ud83d\udce3 Tapped ad ', h('code', {}, referral.ad_id),
      referral.ref ? ` \u00b7 ref ${referral.ref}` : '');
  }
  if (line.kind === 'link') {
    return h('div', {class: 'event-line', 'data-kind': 'link'}, '\ud83d\udd17 Opened an m.me link \u00b7 ref ', h('code', {}, line.text));
  }
  return null;
}

function personBubble(line, now) {
  const content = line.content ?? {};
  const parts = [];
  if (line.text) parts.push(h('div', {class: 'bubble'}, line.text));
  for (const attachment of content.attachments ?? []) {
    if (attachment.type === 'image' && attachment.payload?.url) {
      parts.push(h('img', {class: 'image', src: attachment.payload.url, alt: 'Image the person sent'}));
    } else {
      parts.push(h('div', {class: 'bubble'}, `\ud83d\udcce ${attachment.type}`));
    }
  }
  const meta = [shortTime(line.at, now)];
  if (line.kind === 'quick_reply') meta.push(`quick reply \u00b7 ${content.quick_reply?.payload ?? ''}`);
  if (line.kind === 'postback') meta.push('button tap');
  return h('div', {class: 'msg person', 'data-mid': line.mid ?? ''}, parts, h('div', {class: 'meta'}, meta.join(' \u00b7 ')));
}

function pageMessage(line, label, showSender, reaction, {onPostback, onReact, now}) {
  const content = line.content ?? (line.text ? {text: line.text} : {});
  const parts = [];
  const attachment = content.attachment;
  const template = attachment?.type === 'template' ? attachment.payload ?? {} : null;
  if (template?.template_type === 'button') {
    parts.push(h('div', {class: 'button-template'}, h('div', {class: 'bubble'}, template.text ?? ''),
      h('div', {class: 'template-buttons'}, (template.buttons ?? []).map((button) => templateButton(button, onPostback)))));
  } else if (template?.template_type === 'generic') {
    parts.push(h('div', {class: 'template-cards'}, (template.elements ?? []).map((element) => card(element, onPostback))));
  } else if (template) {
    parts.push(h('div', {class: 'bubble'}, `[${template.template_type ?? 'template'} template]`));
  } else if (attachment) {
    const url = attachment.payload?.url;
    if (attachment.type === 'image' && url) {
      parts.push(h('img', {class: 'image', src: url, alt: `Image sent by ${label.name}`}));
    } else {
      parts.push(h('div', {class: 'bubble'}, `\ud83d\udcce ${attachment.type}${url ? ` \u00b7 ${url}` : ''}`));
    }
  }
  if (content.text) parts.unshift(h('div', {class: 'bubble'}, content.text));
  if (reaction) parts.at(-1)?.append(h('span', {class: 'reaction-badge', 'aria-label': `You reacted ${reaction}`}, reaction));
  const reactButtons = line.mid ? REACTIONS.map(([name, emoji]) => h('button', {
    type: 'button', class: 'react', 'aria-label': `React ${name} to this message`, title: `React ${name}`,
    onclick: () => onReact(line.mid, name, emoji)}, emoji)) : [];
  return h('div', {class: `msg page${label.inbox ? ' inbox' : ''}`, 'data-mid': line.mid ?? '', 'data-app-id': line.app_id ?? ''},
    showSender ? h('div', {class: 'sender'}, h('span', {class: `badge tiny${label.inbox ? ' inbox' : ''}`,
      style: {'--hue': label.hue}}, label.name)) : null,
    parts,
    h('div', {class: 'meta row'}, shortTime(line.at, now), reactButtons));
}

function card(element, onPostback) {
  return h('div', {class: 'template-card'},
    element.image_url ? h('img', {src: element.image_url, alt: element.title ?? ''}) : null,
    h('div', {class: 'body'}, h('div', {class: 'title'}, element.title ?? ''),
      element.subtitle ? h('div', {class: 'subtitle'}, element.subtitle) : null),
    (element.buttons ?? []).length ? h('div', {class: 'template-buttons'},
      element.buttons.map((button) => templateButton(button, onPostback))) : null);
}

function templateButton(button, onPostback) {
  if (button.type === 'web_url' && /^https?:/.test(button.url ?? '')) {
    return h('a', {href: button.url, target: '_blank', rel: 'noopener noreferrer'}, `${button.title} \u2197`);
  }
  if (button.type === 'postback') {
    return h('button', {type: 'button', 'data-payload': button.payload ?? '',
      onclick: () => onPostback(button.title, button.payload)}, button.title);
  }
  if (button.type === 'phone_number') {
    return h('a', {href: `tel:${button.payload ?? ''}`}, `\ud83d\udcde ${button.title}`);
  }
  return h('button', {type: 'button', disabled: true, title: `${button.type} buttons do nothing here`}, button.title ?? button.type);
}

function quickReplies(content, onQuickReply) {
  return (content?.quick_replies ?? []).map((reply) => {
    const title = reply.title ?? (reply.content_type === 'user_email' ? 'me@example.com'
      : reply.content_type === 'user_phone_number' ? '+15555550100' : reply.content_type);
    return h('button', {type: 'button', class: 'chip', 'data-payload': reply.payload ?? '',
      'aria-label': `Quick reply: ${title}`, onclick: () => onQuickReply(title, reply.payload ?? title)},
    reply.image_url ? h('img', {src: reply.image_url, alt: '', width: 16, height: 16}) : null, title);
  });
}
