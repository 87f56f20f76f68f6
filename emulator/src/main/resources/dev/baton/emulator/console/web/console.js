import {$, h, replaceChildren, toast, duration, shortTime} from './dom.js';
import {api, listen} from './api.js';
import {renderChat} from './chat.js';
import {appsPanel, peopleList, timeline, pendingFaults, avatar} from './panels.js';
import {logRows, logDetail} from './log.js';

// The console's one piece of state; every change arrives through the live feed and leads to one fresh read.
const ui = {state: null, pageId: null, psid: null, conversation: null, deliveries: [], detail: null, owner: undefined};
const HUES = [212, 145, 28, 330, 185, 95, 8, 52];
const INBOX_HUE = 262;

function page() {
  return ui.state?.pages.find((candidate) => candidate.id === ui.pageId) ?? null;
}

function labelOf(appId) {
  const current = page();
  if (appId === null || appId === undefined) return {name: 'nobody', hue: 0, none: true};
  if (current && appId === current.inbox.id) return {name: current.inbox.name, hue: INBOX_HUE, inbox: true};
  const index = current ? current.apps.findIndex((app) => app.id === appId) : -1;
  if (index < 0) return {name: `app ${appId}`, hue: 0};
  return {name: current.apps[index].name || `app ${appId}`, hue: HUES[index % HUES.length]};
}

// ---- reading ----

let refreshing = null;
let again = false;
let timer = null;

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 40);
}

async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      ui.state = await api.state();
      if (!ui.state.pages.some((candidate) => candidate.id === ui.pageId)) ui.pageId = ui.state.pages[0]?.id ?? null;
      const current = page();
      if (current && !ui.psid) ui.psid = current.people[0]?.psid ?? $('#new-psid').value;
      ui.conversation = current && ui.psid ? await api.conversation(current.id, ui.psid).catch(() => null) : null;
      // What Messenger shows a new person: the Page's greeting, ice breakers or Get Started (Messenger Profile).
      ui.welcome = current && ui.psid && !ui.conversation ? await api.welcome(current.id, ui.psid).catch(() => null) : null;
      ui.deliveries = current ? (await api.deliveries(current.id)).deliveries : [];
      render();
    } catch (error) {
      toast(`Could not read the emulator: ${error.message}`, 'error');
    }
  })();
  await refreshing;
  refreshing = null;
  if (again) {
    again = false;
    await refresh();
  }
}

// ---- drawing ----

function render() {
  const current = page();
  renderTop(current);
  if (!current) {
    replaceChildren($('#messages'), [h('div', {class: 'empty'}, h('strong', {}, 'No Page is registered yet.'),
      h('p', {}, 'Register one with POST /_emulator/pages (see the emulator README) and it appears here.'))]);
    return;
  }
  $('#page-id').textContent = `${current.id} \u00b7 ${current.platform}`;
  replaceChildren($('#people-list'), peopleList(current, ui.psid, labelOf, select));
  const owner = ui.conversation?.owner_app_id ?? null;
  replaceChildren($('#apps'), appsPanel(current, ui.conversation ? owner : undefined, labelOf));
  renderChatPane(current);
  renderInbox(current);
  renderAppSelects(current);
  replaceChildren($('#faults-pending'), pendingFaults(ui.state.faults, labelOf));
  renderLog();
}

function renderTop(current) {
  const select = $('#page-select');
  const pages = ui.state.pages.map((candidate) => h('option', {value: candidate.id, selected: candidate.id === ui.pageId},
    `${candidate.id} (${candidate.platform})`));
  if (select.options.length !== pages.length) replaceChildren(select, pages);
  select.value = ui.pageId ?? '';
  const clock = ui.state.clock;
  $('#clock-now').textContent = clock.now.replace('T', ' ').slice(0, 19) + ' UTC';
  $('#clock-now').setAttribute('datetime', clock.now);
  $('#clock-offset').textContent = clock.advanced_seconds ? `moved +${duration(clock.advanced_seconds)}` : 'real time';
  const target = $('#clock-target');
  if (!target.value || document.activeElement !== target) {
    target.min = clock.now.slice(0, 16);
  }
}

function renderChatPane(current) {
  const conversation = ui.conversation;
  const now = ui.state.clock.now;
  $('#chat-title').textContent = ui.psid ? `Person ${ui.psid}` : 'No person selected';
  $('#chat-avatar').replaceWith(Object.assign(avatar(ui.psid ?? '?'), {id: 'chat-avatar'}));
  const badge = $('#owner-badge');
  const owner = conversation ? conversation.owner_app_id : undefined;
  const label = conversation ? labelOf(owner) : {name: '\u2013', hue: 0};
  badge.textContent = label.name;
  badge.dataset.appId = owner ?? '';
  badge.className = `badge owner-badge${label.inbox ? ' inbox' : ''}${label.none ? ' none' : ''}`;
  badge.style.setProperty('--hue', label.hue);
  if (ui.owner !== undefined && ui.owner !== owner && conversation) {
    void badge.offsetWidth;
    badge.classList.add('changed');
  }
  ui.owner = owner;
  $('#owner-expiry').textContent = conversation?.control_expires_at
    ? `control until ${shortTime(conversation.control_expires_at, now)}` : '';
  $('#chat-window').textContent = windowText(conversation, now);
  const messages = $('#messages');
  const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  if (!conversation) {
    const welcome = ui.welcome;
    replaceChildren(messages, [h('div', {class: 'empty'},
      h('strong', {}, ui.psid ? `Person ${ui.psid} has not written yet.` : 'Pick a person, or open a new one.'),
      welcome?.greeting ? h('p', {class: 'greeting'}, welcome.greeting) : null,
      welcome?.shows === 'ice_breakers' ? h('div', {class: 'template-buttons welcome', role: 'group', 'aria-label': 'Ice breakers'},
        (welcome.ice_breakers ?? []).map((breaker) => h('button', {type: 'button', 'data-payload': breaker.payload ?? '',
          onclick: () => act('ice-breaker', {question: breaker.question})}, breaker.question))) : null,
      welcome?.shows === 'get_started' && welcome.get_started ? h('button', {type: 'button', class: 'primary',
        onclick: () => act('get-started', {})}, welcome.get_started.title ?? 'Get Started') : null,
      h('p', {}, 'Write below, tap a Click-to-Message ad, open an m.me link or press Get Started to start the conversation.'))]);
    replaceChildren($('#quick-replies'), []);
  } else {
    const {items, chips} = renderChat(conversation, {appLabel: labelOf, now, onQuickReply: quickReply,
      onPostback: postback, onReact: react});
    replaceChildren(messages, items);
    replaceChildren($('#quick-replies'), chips);
    if (atBottom || ui.scrollDown) messages.scrollTop = messages.scrollHeight;
    ui.scrollDown = false;
  }
  replaceChildren($('#timeline'), timeline(conversation?.owner_history ?? [], labelOf, now));
  const enabled = Boolean(ui.psid);
  for (const control of document.querySelectorAll('#composer button, #composer input, .entry-points button, .entry-points input, .entry-points select')) {
    control.disabled = !enabled;
  }
}

function windowText(conversation, now) {
  if (!conversation) return '';
  if (!conversation.window_closes_at) return 'The person has not acted yet';
  const left = (Date.parse(conversation.window_closes_at) - Date.parse(now)) / 1000;
  if (left > 0) return `Messaging window open for ${duration(Math.round(left))}`;
  const human = (Date.parse(conversation.human_agent_window_closes_at) - Date.parse(now)) / 1000;
  return human > 0 ? `Window closed; HUMAN_AGENT replies for ${duration(Math.round(human))}` : 'Every window is closed';
}

function renderInbox(current) {
  const owns = ui.conversation && ui.conversation.owner_app_id === current.inbox.id;
  $('#inbox-done').disabled = !owns;
  $('#inbox-main').disabled = !ui.conversation || owns;
  $('#inbox-text').disabled = !ui.conversation;
  $('#inbox-form button').disabled = !ui.conversation;
  $('#inbox-state').textContent = !ui.conversation ? 'No conversation selected.'
    : owns ? 'The Inbox controls this thread: reply, or mark it Done to give it back to the default app.'
      : `Owned by ${labelOf(ui.conversation.owner_app_id).name}. Replying or moving it to Main takes control for the Inbox.`;
}

function renderAppSelects(current) {
  const options = (selected) => current.apps.map((app) => h('option', {value: app.id, selected: app.id === selected}, app.name));
  for (const id of ['#ad-app', '#fault-app']) {
    const select = $(id);
    const keep = select.value;
    if (select.options.length !== current.apps.length) {
      const marketing = current.apps.find((app) => /market/i.test(app.name))?.id;
      replaceChildren(select, options(keep || (id === '#ad-app' ? marketing : current.apps[0]?.id)));
    }
  }
  const logApp = $('#log-app');
  if (logApp.options.length !== current.apps.length + 1) {
    const keep = logApp.value;
    replaceChildren(logApp, [h('option', {value: ''}, 'all apps'), ...options(keep)]);
    logApp.value = keep;
  }
}

function renderLog() {
  const rows = logRows(ui.deliveries, {labelOf, appFilter: $('#log-app').value, now: ui.state.clock.now,
    psidFilter: $('#log-person').checked ? ui.psid : null, selected: ui.detail?.sequence, onOpen: openDelivery});
  replaceChildren($('#log-rows'), rows);
  $('#log-count').textContent = `${rows.length} of ${ui.deliveries.length} POSTs`;
}

async function openDelivery(delivery) {
  try {
    ui.detail = await api.delivery(delivery.app_id, delivery.sequence);
    const box = $('#log-detail');
    replaceChildren(box, logDetail(ui.detail, labelOf, closeDelivery));
    box.hidden = false;
    renderLog();
    $('#log-detail-close').focus();
  } catch (error) {
    toast(error.message, 'error');
  }
}

function closeDelivery() {
  const sequence = ui.detail?.sequence;
  ui.detail = null;
  $('#log-detail').hidden = true;
  renderLog();
  document.querySelector(`#log-rows tr[data-sequence="${sequence}"] button`)?.focus();
}

// ---- acting ----

async function act(action, body, success) {
  const current = page();
  if (!current || !ui.psid) return false;
  ui.scrollDown = true;
  let done = false;
  try {
    await api.act(current.id, ui.psid, action, body);
    if (success) toast(success);
    done = true;
  } catch (error) {
    toast(error.message, 'error');
  }
  schedule();
  return done;
}

const quickReply = (title, payload) => act('messages', {text: title, quick_reply_payload: payload});
const postback = (title, payload) => act('postbacks', {title, payload: payload ?? title});
const react = (mid, reaction, emoji) => act('react', {mid, reaction, emoji});

function select(psid) {
  ui.psid = psid;
  ui.owner = undefined;
  ui.scrollDown = true;
  history.replaceState(null, '', `#person=${encodeURIComponent(psid)}`);
  schedule();
}

function on(selector, event, handler) {
  $(selector).addEventListener(event, (e) => {
    if (event === 'submit') e.preventDefault();
    handler(e);
  });
}

function wire() {
  const fromHash = () => /person=([^&]+)/.exec(location.hash);
  if (fromHash()) ui.psid = decodeURIComponent(fromHash()[1]);
  window.addEventListener('hashchange', () => {
    if (fromHash() && decodeURIComponent(fromHash()[1]) !== ui.psid) select(decodeURIComponent(fromHash()[1]));
  });
  $('#new-psid').value = String(9000 + Math.floor(Math.random() * 900) + 100);
  on('#new-person', 'submit', () => {
    const psid = $('#new-psid').value.trim();
    if (psid) select(psid);
    $('#composer-text').focus();
  });
  on('#page-select', 'change', (e) => {
    ui.pageId = e.target.value;
    ui.psid = null;
    schedule();
  });
  on('#composer', 'submit', () => {
    const input = $('#composer-text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    act('messages', {text});
  });
  on('#ad-form', 'submit', () => {
    const body = {ad_id: $('#ad-id').value.trim(), receiving_app_id: $('#ad-app').value};
    if ($('#ad-ref').value.trim()) body.ref = $('#ad-ref').value.trim();
    if ($('#ad-text').value.trim()) body.text = $('#ad-text').value.trim();
    act('ad-click', body).then((done) => {
      if (done) $('#ad-details').open = false;
    });
  });
  on('#link-form', 'submit', () => act('link', {ref: $('#link-ref').value.trim()}));
  on('#get-started-form', 'submit', () => {
    const ref = $('#get-started-ref').value.trim();
    act('get-started', ref ? {ref} : {});
  });
  on('#person-read', 'click', () => act('read', {}, 'Read receipt sent'));
  on('#person-delivered', 'click', () => act('delivered', {}, 'Delivery receipt sent'));
  on('#inbox-form', 'submit', () => {
    const input = $('#inbox-text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    act('inbox-reply', {text});
  });
  on('#inbox-done', 'click', () => act('inbox-done', {}, 'Marked Done: the thread goes back to the default app'));
  on('#inbox-main', 'click', () => act('inbox-move-to-main', {}, 'Moved to Main: the Inbox has the thread'));
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () => advance(Number(button.dataset.advance)));
  }
  on('#clock-to', 'submit', () => {
    const value = $('#clock-target').value;
    if (!value) return;
    const seconds = Math.round((Date.parse(`${value}:00Z`) - Date.parse(ui.state.clock.now)) / 1000);
    if (!(seconds > 0)) {
      toast('The clock only moves forward: pick a later time (UTC).', 'error');
      return;
    }
    advance(seconds);
  });
  on('#fault-form', 'submit', injectFault);
  on('#fault-clear', 'click', async () => {
    try {
      await api.clearFaults();
      toast('Faults cleared');
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  on('#fault-kind', 'change', showFaultFields);
  showFaultFields();
  on('#log-app', 'change', renderLog);
  on('#log-person', 'change', renderLog);
}

function showFaultFields() {
  const kind = $('#fault-kind').value;
  const perApp = !kind.startsWith('graph_');
  const counted = kind === 'fail_delivery' || kind.startsWith('graph_');
  const delayed = kind === 'delay_delivery' || kind === 'graph_slow' || kind === 'graph_slow_answer';
  for (const [id, shown] of [['fault-app', perApp], ['fault-count', counted], ['fault-delay', delayed]]) {
    $(`#${id}`).disabled = !shown;
    $(`label[for="${id}"]`).classList.toggle('muted', !shown);
  }
}

async function injectFault() {
  const kind = $('#fault-kind').value;
  const fault = {kind};
  if (!kind.startsWith('graph_')) fault.app_id = $('#fault-app').value;
  if (kind === 'fail_delivery' || kind.startsWith('graph_')) fault.count = Number($('#fault-count').value);
  if (kind === 'delay_delivery' || kind === 'graph_slow' || kind === 'graph_slow_answer') fault.delay_ms = Number($('#fault-delay').value);
  try {
    await api.addFault(fault);
    toast('Fault injected');
  } catch (error) {
    toast(error.message, 'error');
  }
  schedule();
}

async function advance(seconds) {
  try {
    await api.advanceClock(seconds);
    toast(`Clock moved forward ${duration(seconds)}`);
  } catch (error) {
    toast(error.message, 'error');
  }
  schedule();
}

function connect() {
  listen(() => schedule(), (live) => {
    $('#live').className = `live ${live ? 'on' : 'off'}`;
    $('#live-text').textContent = live ? 'live' : 'reconnecting…';
    if (live) schedule();
  });
}

wire();
connect();
refresh();
