import {h, shortTime} from './dom.js';

// The webhook log: every POST to the Page's apps, newest first, with each event's field (messaging or
// standby) and kind, the HTTP status, the attempt (a retry when above 1) and the time to answer. A row's
// body, pretty-printed, and its signature headers are read on demand.

export function logRows(deliveries, {labelOf, appFilter, psidFilter, selected, onOpen, now}) {
  const rows = [];
  for (let i = deliveries.length - 1; i >= 0; i--) {
    const delivery = deliveries[i];
    if (appFilter && delivery.app_id !== appFilter) continue;
    if (psidFilter && !delivery.events.some((event) => event.psid === psidFilter)) continue;
    const label = labelOf(delivery.app_id);
    const people = [...new Set(delivery.events.map((event) => event.psid))];
    rows.push(h('tr', {class: `${delivery.succeeded ? '' : 'failed'}${selected === delivery.sequence ? ' selected' : ''}`,
      'data-sequence': delivery.sequence, 'data-app-id': delivery.app_id},
    h('td', {}, delivery.sequence),
    h('td', {}, shortTime(delivery.at, now)),
    h('td', {}, h('span', {class: 'badge tiny', style: {'--hue': label.hue}}, label.name)),
    h('td', {class: 'fields'}, [...new Set(delivery.events.map((event) => event.field))]
      .map((field) => h('span', {class: `pill ${field}`}, field))),
    h('td', {}, h('div', {class: 'kinds'}, delivery.events.map((event) => h('code', {}, event.kind)))),
    h('td', {}, people.join(', ')),
    h('td', {}, h('span', {class: `pill ${delivery.succeeded ? 'ok' : 'fail'}`, title: delivery.failure ?? ''},
      delivery.status === 0 ? 'no answer' : delivery.status)),
    h('td', {}, delivery.attempt > 1 ? h('span', {class: 'pill standby'}, `retry ${delivery.attempt - 1}`) : '1st'),
    h('td', {}, delivery.failure && delivery.status === 0 ? delivery.failure : `${delivery.answer_ms} ms`),
    h('td', {}, h('button', {type: 'button', class: 'ghost', 'aria-label': `Show body of delivery ${delivery.sequence}`,
      onclick: () => onOpen(delivery)}, 'Body'))));
  }
  return rows;
}

export function logDetail(detail, labelOf, onClose) {
  const label = labelOf(detail.app_id);
  return [
    h('div', {class: 'row'}, h('strong', {}, `POST #${detail.sequence} to `, label.name),
      h('button', {type: 'button', class: 'ghost', id: 'log-detail-close', 'aria-label': 'Close the body', onclick: onClose}, 'Close')),
    h('dl', {},
      h('dt', {}, 'URL'), h('dd', {}, detail.url),
      Object.entries(detail.headers).map(([name, value]) => [h('dt', {}, name), h('dd', {class: 'header'}, value)]),
      h('dt', {}, 'Answer'), h('dd', {}, `${detail.status || 'none'}${detail.answer ? ` \u00b7 ${detail.answer}` : ''}`
        + `${detail.failure ? ` \u00b7 ${detail.failure}` : ''} \u00b7 ${detail.answer_ms} ms`)),
    h('pre', {class: 'body', 'aria-label': 'Webhook body'}, detail.body_pretty),
  ];
}
