// Reads come from the console's own JSON (/_emulator/console/api/...); every action goes through the ordinary
// control API (/_emulator/...), exactly what a test or curl would call.
const CONSOLE = '/_emulator/console/api';

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error(json.error?.message ?? `HTTP ${response.status}`);
  }
  return json;
}

const person = (page, psid, action) =>
  `/_emulator/pages/${encodeURIComponent(page)}/people/${encodeURIComponent(psid)}/${action}`;

export const api = {
  state: () => call('GET', `${CONSOLE}/state`),
  conversation: (page, psid) => call('GET', `${CONSOLE}/pages/${encodeURIComponent(page)}/people/${encodeURIComponent(psid)}`),
  deliveries: (page) => call('GET', `${CONSOLE}/pages/${encodeURIComponent(page)}/deliveries`),
  delivery: (app, sequence) => call('GET', `${CONSOLE}/apps/${encodeURIComponent(app)}/deliveries/${sequence}`),
  welcome: (page, psid) => call('GET', person(page, psid, 'welcome')),
  act: (page, psid, action, body = {}) => call('POST', person(page, psid, action), body),
  advanceClock: (seconds) => call('POST', '/_emulator/clock', {advance_seconds: seconds}),
  addFault: (fault) => call('POST', '/_emulator/faults', fault),
  clearFaults: () => call('DELETE', '/_emulator/faults'),
};

/** Server-Sent Events: each names what changed; onChange gets them, onStatus true/false as the link lives. */
export function listen(onChange, onStatus) {
  const source = new EventSource(`${CONSOLE}/events`);
  source.onopen = () => onStatus(true);
  source.onerror = () => onStatus(false);
  source.onmessage = (message) => onChange(JSON.parse(message.data));
  return source;
}
