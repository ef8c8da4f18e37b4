'use strict';
// Live console: one EventSource per selection (listener port, optionally one session), tables updated in place.

const MAX_FRAMES = 500;
const $ = (id) => document.getElementById(id);

const state = {
  port: null,        // selected listener port, as in data-port
  session: null,     // selected session id, as in data-session
  source: null,      // the current EventSource
  retryTimer: 0,
  serverError: null, // last `error` event of the current stream
  paused: false,
  held: [],          // frames received while paused
  pending: [],       // frames waiting for the next animation frame
  flushQueued: false,
  missed: 0,
};

// ---- formatting ----

function el(tag, cls, text = '', title = '') {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  if (title) e.title = title;
  return e;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ms = (micros) => (micros / 1000).toFixed(2);
const rate = (perSecond) => Number(perSecond || 0).toFixed(1);
const num = (text, title) => ({ text, cls: 'num', title });
const yesNo = (on, offCls = 'off') => ({ text: on ? 'yes' : 'no', cls: on ? 'on' : offCls });
const simpleName = (name) => String(name ?? '').split('.').pop();

// Local wall-clock time of an ISO-8601 instant, with the day when it is not today.
function clock(iso, withMillis = false) {
  if (!iso) return '';
  const d = new Date(String(iso).replace(/(\.\d{3})\d+/, '$1')); // Java sends up to nanoseconds
  if (isNaN(d)) return String(iso);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  const t = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  if (withMillis) return `${t}.${p(d.getMilliseconds(), 3)}`;
  if (d.toDateString() === new Date().toDateString()) return t;
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${t}`;
}
const time = (iso) => ({ text: clock(iso), title: iso });

// Appends text with control characters shown as [0D]-style escapes (the notation the send box accepts).
function appendEscaped(target, value) {
  const text = String(value ?? '');
  let last = 0;
  for (const m of text.matchAll(/[\u0000-\u001f\u007f-\u009f]/g)) {
    target.append(text.slice(last, m.index),
      el('span', 'esc', `[${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}]`));
    last = m.index + 1;
  }
  target.append(text.slice(last));
  return target;
}

// ---- tables ----

// A cell spec is a plain value or {text, cls, title}, or {lines: [[text, cls]...]} for one line each.
function setCell(td, spec) {
  const s = spec !== null && typeof spec === 'object' ? spec : { text: spec };
  const text = String(s.text ?? '');
  if (s.lines) td.replaceChildren(...s.lines.map(([line, cls]) => el('div', cls || '', line)));
  else if (td.textContent !== text) td.textContent = text;
  td.className = s.cls || '';
  td.title = s.title || '';
}

// Updates rows in place keyed by data-<key> (adds new, removes gone, keeps order), so that the
// selected class and a click in progress survive the per-second refresh.
function syncRows(table, items, key, keyOf, cellsOf, init) {
  const body = table.tBodies[0];
  const old = new Map();
  for (const r of body.rows) old.set(r.dataset[key], [...(old.get(r.dataset[key]) || []), r]);
  items.forEach((item, i) => {
    const id = String(keyOf(item));
    let row = old.get(id)?.shift();
    const created = !row;
    if (created) {
      row = document.createElement('tr');
      row.dataset[key] = id;
    }
    cellsOf(item).forEach((spec, c) => setCell(row.cells[c] || row.insertCell(c), spec));
    if (created) init?.(row, id);
    if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null);
  });
  old.forEach((rows) => rows.forEach((r) => r.remove()));
  table.tFoot.hidden = items.length > 0;
}

// what requestAsync and heartbeats did; nothing for a listener or factory that uses neither
function conversationLines(c) {
  if (!c) return [];
  const lines = [];
  if (c.correlation && c.correlation !== 'NONE') {
    lines.push([`${c.correlation}: ${c.inFlight ? `${c.inFlight} in flight, ` : ''}${c.replies} replied`]);
    const faults = [[c.timeouts, 'timed out'], [c.late, 'late'], [c.unmatched, 'unmatched'],
      [c.duplicateKeysRefused, 'duplicate keys'], [c.refusedFull, 'refused full']].filter(([n]) => n > 0);
    if (faults.length) lines.push([faults.map(([n, what]) => `${n} ${what}`).join(', '), 'bad']);
  }
  if (c.heartbeatsSent || c.heartbeatsMissed) {
    lines.push([`heartbeats ${c.heartbeatsSent} sent, ${c.heartbeatsMissed} missed`, c.heartbeatsMissed ? 'bad' : '']);
  }
  return lines;
}

const orDash = (lines) => (lines.length ? lines : [['—']]);

function renderOverview(o) {
  $('user').textContent = o.user ? `signed in as ${o.user}` : '';
  document.body.classList.toggle('no-operate', !o.canOperate);

  syncRows($('listeners'), o.listeners || [], 'port', (l) => l.port, (l) => [
    num(l.port), l.bindAddress, { text: simpleName(l.name), cls: 'clip', title: l.name },
    { text: l.framing, cls: 'clip', title: l.framing }, yesNo(l.tls), yesNo(l.listening, 'bad'),
    num(l.openConnections), num(rate(l.framesInPerSecond), `${l.framesIn} frames in`),
    num(rate(l.framesOutPerSecond), `${l.framesOut} frames out`), num(l.refused),
    { lines: orDash([...(l.linkState ? [[l.linkState, /^connected/.test(l.linkState) ? 'on' : 'bad']] : []),
      ...conversationLines(l.conversation)]) },
  ]);

  syncRows($('factories'), o.factories || [], 'targets', (f) => f.targets, (f) => [
    { lines: String(f.targets).split(/\s*,\s*/).map((t) => [t]) },
    { lines: (f.hostStates || []).map((s) => [s, / up$/.test(s) ? 'on' : 'bad']) },
    { text: f.framing, cls: 'clip', title: f.framing }, yesNo(f.tls),
    num(`${f.socketsOpen} / ${f.socketsLent}`), num(f.requests),
    num(f.requestMicrosP50LastMinute ? `${ms(f.requestMicrosP50LastMinute)} / ${ms(f.requestMicrosP99LastMinute)}` : '—',
      f.requests ? `since the start: ${ms(f.requestMicrosP50)} / ${ms(f.requestMicrosP99)} ms` : undefined),
    { lines: orDash([...(f.linkStates || []).map((s) => [s, / connected /.test(s) ? 'on' : 'bad']),
      ...conversationLines(f.conversation)]) },
  ]);

  syncOptions($('request-factory'), o.requestFactories || []);
  markSelection();
}

function renderSessions(list) {
  syncRows($('sessions'), list, 'session', (s) => s.id, (s) => [
    { text: s.id, cls: 'clip', title: s.id }, s.peer, s.member, time(s.openedAt), num(`${s.framesIn} / ${s.framesOut}`),
    num(`${s.bytesIn} / ${s.bytesOut}`), time(s.lastActivity),
  ], (row) => {
    const button = el('button', 'close-session', 'Close', 'close this connection');
    button.type = 'button';
    row.insertCell().append(button);
  });
  markSelection();
}

// Rebuilds the options only when the list changed, keeping the user's choice (and an open drop-down).
function syncOptions(select, values) {
  if ([...select.options].map((o) => o.value).join('\n') === values.join('\n')) return;
  const chosen = select.value;
  select.replaceChildren(...values.map((v) => new Option(v, v)));
  if (values.includes(chosen)) select.value = chosen;
}

function markSelection() {
  for (const r of $('listeners').tBodies[0].rows) r.classList.toggle('selected', r.dataset.port === state.port);
  for (const r of $('sessions').tBodies[0].rows) r.classList.toggle('selected', r.dataset.session === state.session);
  $('sessions').tFoot.rows[0].cells[0].textContent = state.port ? 'no sessions' : 'select a listener';
  $('send-target').textContent = state.session || 'select a session';
  $('send-target').classList.toggle('none', !state.session);
  $('frames-scope').textContent = !state.port ? ''
    : `port ${state.port} · ${state.session ? `session ${state.session}` : 'all sessions'}`;
  $('frames').dataset.empty = state.port ? 'waiting for frames…' : 'select a listener to watch its frames';
}

// ---- selection and stream ----

function query() {
  const q = new URLSearchParams();
  if (state.port) q.set('port', state.port);
  if (state.session) q.set('session', state.session);
  return q.toString();
}

function select(port, session) {
  if (port === state.port && session === state.session) return;
  if (port !== state.port) {
    $('sessions').tBodies[0].replaceChildren();
    $('sessions').tFoot.hidden = false;
  }
  state.port = port;
  state.session = session;
  const q = query();
  history.replaceState(null, '', q ? `#${q}` : location.pathname + location.search); // a reload keeps the selection
  clearFrames();
  markSelection();
  openStream();
}

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').className = `status ${kind}`;
}

function openStream() {
  state.source?.close();
  clearTimeout(state.retryTimer);
  state.serverError = null;
  const q = query();
  const es = new EventSource(q ? `api/stream?${q}` : 'api/stream');
  state.source = es;
  const on = (type, handle) => es.addEventListener(type, (e) => handle(JSON.parse(e.data)));
  es.onopen = () => setStatus(state.serverError || 'live', state.serverError ? 'error' : 'live');
  on('overview', renderOverview);
  on('sessions', renderSessions);
  on('frame', receiveFrame);
  on('missed', (m) => addMissed(m.missed));
  es.addEventListener('error', (e) => {
    if (e.data) { // an `error` event sent by the server, not a connection failure
      state.serverError = JSON.parse(e.data).error;
      setStatus(state.serverError, 'error');
      return;
    }
    setStatus('disconnected, retrying', 'warn');
    // EventSource retries by itself, except after an HTTP error status: then retry here.
    if (es.readyState === EventSource.CLOSED) state.retryTimer = setTimeout(openStream, 5000);
  });
}

// ---- frames ----

function receiveFrame(f) {
  if (!state.paused) queueFrames([f]);
  else if (state.held.length < MAX_FRAMES) state.held.push(f);
  else addMissed(1);
}

// Frames are appended once per animation frame, so a burst costs one layout.
function queueFrames(frames) {
  state.pending.push(...frames);
  // Only the newest MAX_FRAMES can stay in the view; this also bounds the queue in a hidden tab (no animation frames).
  if (state.pending.length > MAX_FRAMES) state.pending.splice(0, state.pending.length - MAX_FRAMES);
  if (!state.flushQueued && state.pending.length) {
    state.flushQueued = true;
    requestAnimationFrame(flushFrames);
  }
}

function flushFrames() {
  state.flushQueued = false;
  const view = $('frames');
  const follow = view.scrollHeight - view.scrollTop - view.clientHeight < 24; // unless the user scrolled up
  view.append(...state.pending.map(frameRow));
  state.pending = [];
  while (view.childElementCount > MAX_FRAMES) view.firstElementChild.remove();
  if (follow) view.scrollTop = view.scrollHeight;
}

function frameRow(f) {
  const cut = f.complete === false; // only the first bytes were captured
  const row = el('div', 'frame');
  row.dataset.direction = f.direction;
  const text = appendEscaped(el('span', 'frame-text'), f.text);
  if (cut) text.append(el('span', 'more', '…'));
  row.append(
    el('span', 'frame-time', clock(f.time, true), f.time),
    el('span', 'frame-dir', f.direction),
    el('span', 'frame-session', f.session),
    el('span', 'frame-length', String(f.length), cut ? `${f.length} bytes, only the start was captured` : ''),
    text,
    el('span', 'frame-hex', cut ? `${f.hex} …` : f.hex),
  );
  return row;
}

function addMissed(n) {
  state.missed += n;
  $('missed').textContent = `${plural(state.missed, 'frame')} missed`;
  $('missed').hidden = state.missed === 0;
}

function clearFrames() {
  $('frames').replaceChildren();
  state.pending = [];
  state.held = [];
  state.missed = 0;
  addMissed(0);
}

// ---- operations ----

function showResult(target, kind, ...content) {
  target.className = `result ${kind}`;
  target.replaceChildren(...content);
}

async function operate(target, button, url, body, onSuccess) {
  button.disabled = true;
  showResult(target, 'busy', '…');
  try {
    const res = await fetch(url, {
      method: 'POST',
      // the console refuses a request that acts without this header: another site's page cannot send it
      headers: { 'X-Requested-By': 'tcp-console', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* an HTML error page */ }
    if (res.status === 401 || res.status === 403 && !data?.error) {
      const link = el('a', '', 'sign in');
      link.href = 'login';
      showResult(target, 'error', 'Sending and closing need the role tcp-console: ', link);
    } else if (!res.ok) {
      showResult(target, 'error', data?.error || `HTTP ${res.status}`);
    } else {
      onSuccess(data);
    }
  } catch (err) {
    showResult(target, 'error', `request failed: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}

function closeSession(id, button) {
  const out = $('session-result');
  operate(out, button, `api/sessions/${encodeURIComponent(id)}/close`, null,
    () => showResult(out, 'ok', `closed ${id}`));
}

function send() {
  const out = $('send-result');
  if (!state.session) return showResult(out, 'error', 'select a session first');
  operate(out, $('send-button'), `api/sessions/${encodeURIComponent(state.session)}/send`,
    { mode: $('send-mode').value, data: $('send-data').value },
    (d) => showResult(out, 'ok', `sent ${plural(d.sent, 'byte')}`));
}

function request() {
  const out = $('request-result');
  const factory = $('request-factory').value;
  if (!factory) return showResult(out, 'error', 'no request factory is deployed');
  operate(out, $('request-button'), 'api/factories/request', {
    factory,
    mode: $('request-mode').value,
    data: $('request-data').value,
    timeoutMillis: Number($('request-timeout').value) || 5000,
  }, ({ reply, micros }) => {
    const cut = reply.complete === false;
    const text = appendEscaped(el('div', 'mono'), reply.text);
    if (cut) text.append('…');
    showResult(out, 'ok', el('div', 'reply-meta', `reply of ${plural(reply.length, 'byte')} in ${ms(micros)} ms`),
      text, el('div', 'mono hex', cut ? `${reply.hex} …` : reply.hex));
  });
}

// ---- wiring ----

$('listeners').tBodies[0].addEventListener('click', (e) => {
  const row = e.target.closest('tr[data-port]');
  if (row) select(row.dataset.port, null);
});

$('sessions').tBodies[0].addEventListener('click', (e) => {
  const row = e.target.closest('tr[data-session]');
  if (!row) return;
  const id = row.dataset.session;
  const button = e.target.closest('.close-session');
  if (button) closeSession(id, button);
  else select(state.port, state.session === id ? null : id);
});

$('frames').addEventListener('click', (e) => {
  const row = e.target.closest('.frame');
  if (row && getSelection().isCollapsed) row.classList.toggle('expanded'); // not when selecting text to copy
});

$('pause').addEventListener('click', () => {
  state.paused = !state.paused;
  $('pause').textContent = state.paused ? 'Resume' : 'Pause';
  $('pause').classList.toggle('active', state.paused);
  if (!state.paused) {
    queueFrames(state.held);
    state.held = [];
  }
});

$('clear').addEventListener('click', clearFrames);

$('send-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
$('request-form').addEventListener('submit', (e) => { e.preventDefault(); request(); });

for (const [mode, data] of [['send-mode', 'send-data'], ['request-mode', 'request-data']]) {
  $(mode).addEventListener('change', () => {
    $(data).placeholder = $(mode).value === 'hex' ? '48 65 6C 6C 6F' : 'hello[0D][0A]';
  });
}

const initial = new URLSearchParams(location.hash.slice(1));
state.port = initial.get('port');
state.session = state.port && initial.get('session');
markSelection();
openStream();
