// The NIC Manager dashboard: polls /api/state once a second and shows it. Charts are Chart.js (vendor/).
// Names come from the host (a VM may be called 'toString', 'constructor' or '__proto__'), so everything keyed by a
// name is a Map, never a plain object whose prototype would answer for a missing name.
'use strict';

const POLL_MS = 1000;
const POINTS = 60;
const COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#f4a261', '#6a4c93', '#457b9d', '#8ac926', '#ff595e'];
const STATE_COLORS = new Map(Object.entries({ UP: '#2a9d8f', BUSY: '#2a9d8f', STANDBY: '#8d99ae', DOWN: '#e76f51',
  FAILED: '#9d0208', UNREACHABLE: '#f4a261', NOT_SELECTED: '#6a4c93', UNUSED: '#adb5bd' }));
// The token that only this page gets (a SameSite=Strict cookie, set with the page): every state change sends it back.
const CSRF_COOKIE = 'nicmgr-csrf';
const CSRF_HEADER = 'X-Nicmgr-Csrf';

function csrfToken() {
  const prefix = `${CSRF_COOKIE}=`;
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith(prefix));
  return cookie ? cookie.substring(prefix.length) : '';
}

/** A JSON object's own entries as a Map (an absent key is undefined, whatever the name). */
function mapOf(object) {
  return new Map(Object.entries(object ?? {}));
}

// A bond member's state: its link's, unless the bond's ARP monitor finds it UNREACHABLE (carrier up, no answer).
function memberState(bond, member) {
  const monitored = (bond.arpMonitor?.members ?? []).find(a => a.nic === member.name);
  return monitored?.state === 'UNREACHABLE' ? 'UNREACHABLE' : member.state;
}

// What a bond-to-member line shows: the link's state while the member carries traffic or is out for a link reason; its
// role while it is healthy but carries nothing (STANDBY, NOT_SELECTED by LACP, UNUSED: held out awaiting failback).
function memberLink(bond, member) {
  const state = memberState(bond, member);
  if (member.role === 'STANDBY' || member.role === 'NOT_SELECTED') return member.role;
  return member.role === 'UNUSED' && state === 'UP' ? 'UNUSED' : state;
}

let lastEvent = 0;
const vmChart = lineChart('vm-chart');
const nicChart = lineChart('nic-chart');

function lineChart(id) {
  return new Chart(document.getElementById(id), {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      elements: { point: { radius: 0 } },
      scales: { x: { title: { display: true, text: 'kernel time (s)' } }, y: { beginAtZero: true } },
    },
  });
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  children.forEach(child => node.append(child));
  return node;
}

function mbps(bps) { return (bps / 1e6).toFixed(1); }

/** Adds one point per series of the Map values (missing series get a new dataset), keeping the last POINTS. */
function plot(chart, label, values) {
  chart.data.labels.push(label);
  values.forEach((value, name) => {
    let dataset = chart.data.datasets.find(d => d.label === name);
    if (!dataset) {
      const color = COLORS[chart.data.datasets.length % COLORS.length];
      dataset = { label: name, data: new Array(chart.data.labels.length - 1).fill(null), borderColor: color,
        backgroundColor: color, tension: 0.2 };
      chart.data.datasets.push(dataset);
    }
  });
  chart.data.datasets.forEach(dataset => dataset.data.push(values.get(dataset.label) ?? null));
  if (chart.data.labels.length > POINTS) {
    chart.data.labels.shift();
    chart.data.datasets.forEach(dataset => dataset.data.shift());
  }
  chart.update();
}

/** A VM's throughput as the page shows it: bits per second from net:stats, else frames per second sent. */
function vmRate(rate) {
  if (!rate) return { value: 0, unit: 'fps' };
  if (rate.throughputBps !== null && rate.throughputBps !== undefined) return { value: rate.throughputBps, unit: 'bps' };
  return { value: rate.txFps, unit: 'fps' };
}

function render(state) {
  const clock = document.getElementById('clock');
  clock.textContent = `${state.clock} clock, kernel time ${(state.time / 1e9).toFixed(1)} s`;
  clock.dataset.time = String(state.time);
  const problems = document.getElementById('problems');
  problems.hidden = state.problems.length === 0;
  problems.textContent = state.problems.join('; ');

  const vms = state.vms?.vms ?? [];
  const vnics = state.vnics?.vnics ?? [];
  const nics = state.nics?.nics ?? [];
  const bonds = state.bonds?.bonds ?? [];
  const rates = { vms: mapOf(state.rates?.vms), nics: mapOf(state.rates?.nics) };

  renderVms(vms, vnics, rates);
  renderNics(nics, rates);
  renderBonds(bonds);
  renderTopology(state.topology, nics, bonds, vms, vnics);
  renderEvents(state.events);

  const label = (state.time / 1e9).toFixed(0);
  const vmValues = new Map();
  let unit = 'fps';
  vms.forEach(vm => {
    const rate = vmRate(rates.vms.get(vm.name));
    unit = rate.unit;
    vmValues.set(vm.name, rate.unit === 'bps' ? rate.value / 1e6 : rate.value);
  });
  document.getElementById('vm-chart-title').textContent = unit === 'bps'
    ? 'Per-VM throughput (Mb/s, net:stats)' : 'Per-VM transmit (frames/s; Mb/s once net:stats exists)';
  plot(vmChart, label, vmValues);
  const nicValues = new Map();
  nics.forEach(nic => {
    const rate = rates.nics.get(nic.name);
    nicValues.set(nic.name, rate ? (rate.txBps + rate.rxBps) / 1e6 : 0);
  });
  plot(nicChart, label, nicValues);
}

function renderVms(vms, vnics, rates) {
  const body = document.querySelector('#vms tbody');
  body.replaceChildren(...vms.map(vm => {
    const rate = vmRate(rates.vms.get(vm.name));
    const uplinks = vnics.filter(v => v.vm === vm.name).map(v => v.uplink ?? '-').join(', ') || '-';
    const shown = rate.unit === 'bps' ? `${mbps(rate.value)} Mb/s` : `${rate.value.toFixed(0)} frames/s`;
    return el('tr', { 'data-vm': vm.name }, el('td', {}, vm.name), el('td', {}, vm.state),
      el('td', { class: 'number' }, String(vm.priority)), el('td', {}, uplinks),
      el('td', { class: 'number vm-rate', 'data-vm-rate': vm.name, 'data-value': String(rate.value),
        'data-unit': rate.unit }, shown),
      el('td', { class: 'vm-drops', 'data-vm-drops': vm.name }, vmDrops(vnics, vm.name)));
  }));
}

/** A VM's transmit drops by reason, over its virtual NICs (vnic:list: in the NIC manager's bond, a NIC, a cable). */
function vmDrops(vnics, vmName) {
  const drops = new Map();
  vnics.filter(v => v.vm === vmName).forEach(v => Object.entries(v.txDropped ?? {})
    .forEach(([reason, count]) => drops.set(reason, (drops.get(reason) ?? 0) + count)));
  return [...drops].map(([reason, count]) => `${reason} ${count}`).join(', ') || '0';
}

function renderNics(nics, rates) {
  const body = document.querySelector('#nics tbody');
  body.replaceChildren(...nics.map(nic => {
    const rate = rates.nics.get(nic.name) ?? { txBps: 0, rxBps: 0 };
    const down = nic.state === 'DOWN';
    const button = el('button', { 'data-nic': nic.name, 'data-action': down ? 'plug' : 'unplug' },
      down ? 'replug' : 'unplug');
    button.addEventListener('click', () => cable(nic.name, down ? 'plug' : 'unplug'));
    return el('tr', { 'data-nic-row': nic.name }, el('td', {}, nic.name), el('td', {}, nic.driver),
      el('td', {}, nic.bond ?? '-'), el('td', { class: 'nic-role' }, nic.role ?? '-'),
      el('td', { class: 'nic-state' }, nic.state),
      el('td', { class: 'number' }, mbps(rate.txBps)), el('td', { class: 'number' }, mbps(rate.rxBps)),
      el('td', {}, button));
  }));
}

function renderBonds(bonds) {
  const body = document.querySelector('#bonds tbody');
  body.replaceChildren(...bonds.map(bond => el('tr', { 'data-bond': bond.name }, el('td', {}, bond.name),
    el('td', {}, bond.policy),
    el('td', { class: 'carrying' }, (bond.carryingNow ?? []).join(', ') || 'none'),
    el('td', {}, ...memberRoles(bond)),
    el('td', { class: 'number' }, String(bond.failovers)), el('td', { class: 'number' }, String(bond.failbacks)))));
}

/** Each member as "NIC STATE ROLE", its role's reason on hover, separated by commas. */
function memberRoles(bond) {
  if (bond.members.length === 0) return ['-'];
  return bond.members.flatMap((m, i) => [i === 0 ? '' : ', ',
    el('span', { class: `member role-${(m.role ?? '').toLowerCase()}`, 'data-member': m.name,
      'data-role': m.role ?? '', title: m.roleReason ?? '' }, `${m.name} ${memberState(bond, m)} ${m.role ?? ''}`)]);
}

function renderEvents(events) {
  const list = document.getElementById('events');
  events.forEach(event => {
    if (event.sequence <= lastEvent) return; // already shown
    lastEvent = event.sequence;
    const details = Object.entries(event.details).map(([k, v]) => `${k}=${v}`).join(' ');
    const kind = event.topic.substring(event.topic.lastIndexOf('/') + 1);
    const subject = event.subject ?? '-'; // null: the event names nothing it is about
    list.prepend(el('li', { class: 'event', 'data-topic': event.topic, 'data-subject': subject },
      `${(event.time / 1e9).toFixed(3)} s `, el('span', { class: 'kind' }, kind),
      ` ${event.topic.replace(/^nicmgr\//, '').replace(/\/[^/]*$/, '')} ${subject} ${details}`));
  });
}

async function cable(nic, action) {
  const answer = await fetch(`/api/cable?nic=${encodeURIComponent(nic)}&action=${action}`,
    { method: 'POST', headers: { [CSRF_HEADER]: csrfToken() } });
  const body = await answer.json();
  if (!answer.ok) alert(body.error);
  poll();
}

// --- topology: five columns of boxes joined by lines coloured by link state -----------------------------------
const SVG = 'http://www.w3.org/2000/svg';
const BOX_W = 120, BOX_H = 28, ROW = 40, COLUMNS = ['VMs', 'bonds', 'NICs', 'switches', 'hosts'];

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderTopology(topology, nics, bonds, vms, vnics) {
  const picture = document.getElementById('topology');
  const width = picture.clientWidth || 1000;
  const columnX = COLUMNS.map((_, i) => 20 + BOX_W / 2 + i * (width - 40 - BOX_W) / (COLUMNS.length - 1));
  const links = topology?.links ?? [];
  const columns = [vms.map(v => v.name), bonds.map(b => b.name), nics.map(n => n.name),
    (topology?.switches ?? []).map(s => s.name), links.filter(l => l.kind === 'HOST').map(l => l.device)];
  const position = new Map();
  columns.forEach((names, c) => names.forEach((name, r) => {
    position.set(`${c}:${name}`, { x: columnX[c], y: 30 + r * ROW });
  }));
  const rows = Math.max(1, ...columns.map(c => c.length));
  picture.setAttribute('viewBox', `0 0 ${width} ${30 + rows * ROW}`);
  picture.style.height = `${30 + rows * ROW}px`;
  const lines = [], boxes = [];
  const join = (a, b, state) => {
    const from = position.get(a), to = position.get(b);
    if (from && to) {
      lines.push(svg('line', { x1: from.x, y1: from.y, x2: to.x, y2: to.y,
        stroke: STATE_COLORS.get(state) ?? '#8d99ae' }));
    }
  };
  vnics.forEach(v => {
    if (v.uplink) join(`0:${v.vm}`, bonds.some(b => b.name === v.uplink) ? `1:${v.uplink}` : `2:${v.uplink}`,
      v.attached ? 'UP' : 'DOWN');
  });
  bonds.forEach(b => b.members.forEach(m => {
    join(`1:${b.name}`, `2:${m.name}`, memberLink(b, m));
  }));
  links.forEach(l => {
    if (l.kind === 'NIC') join(`2:${l.device}`, `3:${l.switchName}`, l.state);
    if (l.kind === 'HOST') join(`3:${l.switchName}`, `4:${l.device}`, l.state);
  });
  const nicState = new Map(nics.map(n => [n.name, n.state]));
  columns.forEach((names, c) => {
    boxes.push(svg('text', { x: columnX[c], y: 10, class: 'column-title' }, COLUMNS[c]));
    names.forEach(name => {
      const p = position.get(`${c}:${name}`);
      const state = c === 2 ? nicState.get(name) : 'UP';
      boxes.push(svg('rect', { x: p.x - BOX_W / 2, y: p.y - BOX_H / 2, width: BOX_W, height: BOX_H,
        fill: c === 2 ? STATE_COLORS.get(state) ?? '#8d99ae' : '#1d3557', 'data-node': name }));
      boxes.push(svg('text', { x: p.x, y: p.y }, name));
    });
  });
  picture.replaceChildren(...lines, ...boxes);
}

let polling = false;

async function poll() {
  if (polling) return;
  polling = true;
  try {
    const answer = await fetch(`/api/state?after=${lastEvent}`);
    if (answer.ok) render(await answer.json());
  } catch (failure) {
    document.getElementById('clock').textContent = `host unreachable (${failure.message})`;
  } finally {
    polling = false;
  }
}

poll();
setInterval(poll, POLL_MS);
