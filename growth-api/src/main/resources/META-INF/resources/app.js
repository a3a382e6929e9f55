// The weekly review page: reads growth-api's JSON API only (same origin), draws with uPlot.
'use strict';

const status = document.getElementById('status');

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((body && body.detail) || ('HTTP ' + response.status + ' for ' + path));
  }
  return body;
}

function fail(where, error) {
  status.textContent = where + ': ' + error.message;
  status.className = 'error';
}

const MONEY = new Set(['USD', 'EUR', 'GBP']);
function fmt(value, unit, decimals) {
  if (value === null || value === undefined) return '–';
  const n = Number(value);
  const digits = decimals !== undefined ? decimals : (MONEY.has(unit) || !Number.isInteger(n) ? 2 : 0);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
  children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

const day = d => d.toISOString().slice(0, 10);
const today = new Date();
const daysAgo = n => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n));
const epoch = iso => Date.parse(iso + 'T00:00:00Z') / 1000;

function chart(target, labels, series, x, rows, height) {
  target.replaceChildren();
  const width = Math.max(260, target.clientWidth || target.parentElement.clientWidth - 20);
  const colors = ['#0969da', '#1a7f37', '#cf222e', '#8250df'];
  return new uPlot({
    width, height: height || 200,
    scales: { x: { time: true } },
    series: [{}].concat(series.map((label, i) => ({ label, stroke: colors[i % colors.length], width: 1.5 }))),
    axes: [{}, { size: 60 }],
  }, [x].concat(rows), target);
}

function sparkline(target, weeks) {
  const points = weeks.filter(w => w.value !== null);
  if (points.length < 2) return;
  const x = points.map((_, i) => i);
  new uPlot({
    width: 200, height: 40, legend: { show: false }, cursor: { show: false },
    scales: { x: { time: false } }, axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: '#0969da', width: 1.5 }],
  }, [x, points.map(w => Number(w.value))], target);
}

function targetText(k) {
  const t = k.target;
  if (!t || t.kind === 'none') return 'no target';
  if (t.kind === 'wow-growth') return 'target +' + fmt(t.wowGrowthPct, '', 1) + ' % WoW' + (t.value != null ? ' (' + fmt(t.value, k.unit) + ')' : '');
  if (t.kind === 'goal') return 'goal ' + fmt(t.goal, k.unit);
  return 'target: ' + t.kpi + (t.value != null ? ' (' + fmt(t.value, k.unit) + ')' : '');
}

async function loadKpis(week) {
  const report = await api('/api/v1/kpis' + (week ? '?week=' + encodeURIComponent(week) : ''));
  document.getElementById('kpi-week').textContent = report.week;
  document.getElementById('week').value = report.week;
  const cards = document.getElementById('kpis');
  cards.replaceChildren();
  for (const k of report.kpis) {
    const growth = k.wowGrowthPct === null ? 'no previous week' : (k.wowGrowthPct >= 0 ? '+' : '') + fmt(k.wowGrowthPct, '', 2) + ' % WoW';
    const verdict = k.onTrack === null ? el('span', { class: 'badge' }, 'no verdict')
      : el('span', { class: 'badge ' + (k.onTrack ? 'on' : 'off') }, k.onTrack ? 'on track' : 'off track');
    const spark = el('div', { class: 'spark' });
    cards.append(el('article', { class: 'card', 'data-key': k.key, title: k.description || '' },
      el('h3', {}, k.name),
      el('div', {}, el('span', { class: 'value' }, fmt(k.value, k.unit)), ' ', el('span', { class: 'unit' }, k.unit)),
      el('div', { class: 'meta' }, growth, ' · ', targetText(k)),
      verdict, spark));
    api('/api/v1/kpis/' + encodeURIComponent(k.key) + '/weekly?to=' + report.week)
      .then(h => sparkline(spark, h.weeks)).catch(e => fail(k.name + ' history', e));
  }
}

function breakdownTable(table, title, entries) {
  table.replaceChildren(el('tr', {}, el('th', {}, title), el('th', {}, 'installations'), el('th', {}, 'hosted + remote')));
  entries.slice(0, 8).forEach(e => table.append(el('tr', {}, el('td', {}, e.value), el('td', {}, fmt(e.installations)),
    el('td', {}, fmt(e.hostedInstances + e.remoteInstances)))));
}

async function loadInstallations() {
  const from = day(daysAgo(89)), to = day(today);
  const days = await api('/api/v1/installations/daily?from=' + from + '&to=' + to);
  const x = days.map(d => epoch(d.date));
  chart(document.getElementById('chart-installations'), null, ['installations'], x, [days.map(d => d.installations)]);
  chart(document.getElementById('chart-instances'), null, ['hosted + remote', 'hosted', 'remote'], x,
    [days.map(d => d.hostedInstances + d.remoteInstances), days.map(d => d.hostedInstances), days.map(d => d.remoteInstances)]);
  chart(document.getElementById('chart-churn'), null, ['added', 'removed'], x,
    [days.map(d => d.added), days.map(d => d.removed)]);
  breakdownTable(document.getElementById('by-driver'), 'driver', await api('/api/v1/installations/breakdown?by=driver'));
  breakdownTable(document.getElementById('by-os'), 'OS', await api('/api/v1/installations/breakdown?by=os'));
}

async function loadMetric(name) {
  const values = await api('/api/v1/snapshots/metrics/' + encodeURIComponent(name) + '?from=' + day(daysAgo(89)) + '&to=' + day(today));
  chart(document.getElementById('chart-metric'), null, [name], values.map(v => epoch(v.date)), [values.map(v => Number(v.value))]);
}

async function loadCloud() {
  let latest;
  try {
    latest = await api('/api/v1/snapshots/latest');
  } catch (e) {
    document.getElementById('snapshot-date').textContent = '(no snapshot yet)';
    return;
  }
  document.getElementById('snapshot-date').textContent = '(snapshot of ' + latest.date + ')';
  const table = document.getElementById('snapshot');
  const select = document.getElementById('metric');
  table.replaceChildren(el('tr', {}, el('th', {}, 'metric'), el('th', {}, 'value')));
  select.replaceChildren();
  Object.entries(latest.metrics).forEach(([name, value]) => {
    table.append(el('tr', {}, el('td', {}, name), el('td', {}, fmt(value))));
    select.append(el('option', { value: name }, name));
  });
  const preferred = Object.keys(latest.metrics).find(n => n === 'platform.instanceCount') || Object.keys(latest.metrics)[0];
  if (preferred) {
    select.value = preferred;
    await loadMetric(preferred);
  }
  select.onchange = () => loadMetric(select.value).catch(e => fail('metric', e));
}

function query(form) {
  return new URLSearchParams(new FormData(form)).toString();
}

async function calcEnd(form) {
  const r = await api('/api/v1/growth/calculator?' + query(form));
  document.getElementById('calc-end-value').textContent = fmt(r.end, '', 2);
  document.getElementById('calc-end-multiple').textContent = fmt(r.multiple, '', 2);
  const weeks = [...Array(r.weeks + 1).keys()];
  const target = document.getElementById('chart-calc');
  target.replaceChildren();
  new uPlot({ width: Math.max(260, target.parentElement.clientWidth - 20), height: 160, scales: { x: { time: false } },
    axes: [{}, { size: 80 }], series: [{ label: 'week' }, { label: 'value', stroke: '#8250df', width: 1.5 }] },
    [weeks, weeks.map(w => r.start * Math.pow(1 + r.weeklyGrowthPct / 100, w))], target);
}

async function calcRate(form) {
  const r = await api('/api/v1/growth/calculator?' + query(form));
  document.getElementById('calc-rate-value').textContent = fmt(r.weeklyGrowthPct, '', 2);
}

async function calcWeeks(form) {
  const r = await api('/api/v1/growth/calculator?' + query(form));
  document.getElementById('calc-weeks-value').textContent = r.weeks;
  document.getElementById('calc-weeks-exact').textContent = fmt(r.exactWeeks, '', 2);
}

async function handbook() {
  const table = document.getElementById('handbook');
  table.replaceChildren(el('tr', {}, el('th', {}, 'weekly growth'), el('th', {}, 'after 52 weeks'), el('th', {}, 'multiple')));
  for (const pct of [0.5, 1, 2, 3, 5, 7, 10, 15, 20]) {
    const r = await api('/api/v1/growth/calculator?start=100&weeklyGrowthPct=' + pct + '&weeks=52');
    table.append(el('tr', { 'data-pct': pct }, el('td', {}, pct + ' %'), el('td', {}, fmt(r.end, '', 2)), el('td', {}, fmt(r.multiple, '', 2) + '×')));
  }
}

function wire(id, run) {
  const form = document.getElementById(id);
  form.addEventListener('submit', event => {
    event.preventDefault();
    run(form).catch(e => fail('calculator', e));
  });
  return run(form).catch(e => fail('calculator', e));
}

document.getElementById('week-go').addEventListener('click',
  () => loadKpis(document.getElementById('week').value.trim()).catch(e => fail('KPIs', e)));

Promise.allSettled([
  loadKpis().catch(e => fail('KPIs', e)),
  loadInstallations().catch(e => fail('installations', e)),
  loadCloud().catch(e => fail('cloud usage', e)),
  wire('calc-end', calcEnd), wire('calc-rate', calcRate), wire('calc-weeks', calcWeeks),
  handbook().catch(e => fail('handbook', e)),
]).then(() => {
  if (!status.textContent) status.textContent = 'loaded';
  document.body.dataset.loaded = 'true';
});
