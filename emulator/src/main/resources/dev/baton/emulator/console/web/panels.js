import {h, shortTime} from './dom.js';

// The side panels and the people list: the Page's apps, the ownership timeline, pending faults.

export function appsPanel(page, ownerId, labelOf) {
  const rows = page.apps.map((app) => {
    const label = labelOf(app.id);
    return h('li', {class: `app${app.subscribed ? '' : ' unsubscribed'}${app.id === ownerId ? ' owner-now' : ''}`,
      style: {'--hue': label.hue}, 'data-app-id': app.id},
    h('div', {}, h('div', {class: 'name'}, h('span', {class: 'badge tiny', style: {'--hue': label.hue}}, app.name),
      app.id === ownerId ? h('span', {class: 'small muted'}, 'owns this thread') : null),
    h('div', {class: 'id'}, `app ${app.id}`)),
    h('div', {class: 'counts'},
      h('span', {class: 'pill ok', title: 'Webhook POSTs answered 2xx', 'aria-label': `${app.deliveries_succeeded} deliveries succeeded`},
        `\u2713 ${app.deliveries_succeeded}`),
      h('span', {class: 'pill fail', title: 'Webhook POSTs that failed', 'aria-label': `${app.deliveries_failed} deliveries failed`},
        `\u2717 ${app.deliveries_failed}`)),
    h('div', {class: 'roles'},
      app.roles.map((role) => h('span', {class: 'pill role'}, role)),
      h('span', {class: 'pill role'}, app.standby ? 'standby on' : 'standby off'),
      app.can_take_control ? h('span', {class: 'pill role'}, 'can take control') : null,
      h('span', {class: `pill ${app.subscribed ? 'ok' : 'fail'}`}, app.subscribed ? 'subscribed' : 'unsubscribed'),
      app.retries ? h('span', {class: 'pill standby'}, `${app.retries} retries`) : null));
  });
  const inbox = labelOf(page.inbox.id);
  rows.push(h('li', {class: `app${page.inbox.id === ownerId ? ' owner-now' : ''}`, style: {'--hue': inbox.hue}, 'data-app-id': page.inbox.id},
    h('div', {}, h('div', {class: 'name'}, h('span', {class: 'badge tiny inbox'}, page.inbox.name),
      page.inbox.id === ownerId ? h('span', {class: 'small muted'}, 'owns this thread') : null),
    h('div', {class: 'id'}, `humans \u00b7 app ${page.inbox.id} \u00b7 no webhook`)),
    h('div', {}),
    h('div', {class: 'roles'}, page.inbox.roles.map((role) => h('span', {class: 'pill role'}, role)))));
  return rows;
}

export function peopleList(page, selected, labelOf, onSelect) {
  return page.people.map((person) => {
    const owner = labelOf(person.owner_app_id);
    return h('li', {}, h('button', {type: 'button', 'aria-current': person.psid === selected ? 'true' : 'false',
      'data-psid': person.psid, 'aria-label': `Open the conversation of person ${person.psid}, owned by ${owner.name}`,
      onclick: () => onSelect(person.psid)},
    avatar(person.psid),
    h('span', {class: 'who'}, person.psid, h('span', {class: `badge tiny${owner.inbox ? ' inbox' : ''}`, style: {'--hue': owner.hue}}, owner.name)),
    h('span', {class: 'last'}, person.last_direction === 'outbound' ? '\u21a9 ' : '', person.last_text ?? '')));
  });
}

export function avatar(psid) {
  const hue = [...String(psid)].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 7);
  return h('span', {class: 'avatar', 'aria-hidden': 'true',
    style: {background: `linear-gradient(135deg, hsl(${hue} 85% 55%), hsl(${(hue + 50) % 360} 80% 45%))`}},
  String(psid).slice(-2));
}

export function timeline(history, labelOf, now) {
  if (!history.length) return [h('li', {class: 'muted small'}, 'No owner yet.')];
  return history.map((change) => {
    const from = labelOf(change.from_app_id);
    const to = labelOf(change.to_app_id);
    return h('li', {style: {'--hue': to.hue}},
      h('div', {class: 'change'}, h('span', {class: `badge tiny${from.inbox ? ' inbox' : ''}`, style: {'--hue': from.hue}}, from.name),
        '\u2192', h('span', {class: `badge tiny${to.inbox ? ' inbox' : ''}`, style: {'--hue': to.hue}}, to.name)),
      h('div', {class: 'cause'}, change.cause.replace(/\b\d{6,}\b/g, (id) => labelOf(id).name)),
      h('div', {class: 'when'}, shortTime(change.at, now)));
  });
}

export function pendingFaults(faults, labelOf) {
  const items = [];
  for (const [app, count] of Object.entries(faults.failing_deliveries ?? {})) {
    items.push(`${labelOf(app).name}: the next ${count} deliveries fail`);
  }
  for (const [app, list] of Object.entries(faults.webhooks ?? {})) {
    for (const fault of list) {
      items.push(`${labelOf(app).name}: next delivery ${fault.kind === 'delay' ? `delayed ${fault.delay_ms} ms` : fault.kind}`);
    }
  }
  for (const fault of faults.graph ?? []) {
    items.push(`Graph: next ${fault.remaining} call(s) ${GRAPH_FAULTS[fault.kind] ?? fault.kind}${fault.kind === 'slow' || fault.kind === 'slow_answer' ? ` by ${fault.delay_ms} ms` : ''}`);
  }
  return items.map((text) => h('li', {}, text));
}

const GRAPH_FAULTS = {rate_limit: 'answered 613', server_error: 'answered 500', slow: 'answered slowly', slow_answer: 'done, answered late', bad_gateway: 'answered 502'};
