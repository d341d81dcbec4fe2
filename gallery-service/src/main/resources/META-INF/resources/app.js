'use strict';

// The gallery page: REST for the state, server-sent events for every change after it.
// No framework and no CDN: the page must work in a browser without internet access.
// It shows one run (#run=<id>), the runs of a sweep side by side (#group=<id>) or runs picked by
// hand side by side (#compare=<id>,<id>,...).

const COLORS = ['#2f6fde', '#e4572e', '#17a673', '#9b5de5', '#f2a541', '#00a6c8', '#d1495b',
  '#6c8a1f', '#8d6a9f', '#4a5568'];

const view = {
  runs: new Map(),
  datasets: new Map(),
  groups: new Map(),        // sweep id -> its runs and the settings that differ between them
  selected: null,           // the run shown alone
  comparison: null,         // the runs shown side by side (see showComparison)
  loaded: new Map(),        // run id -> {series, checkpoints, evaluations} of every run shown
  shownStep: null,
  hidden: new Set(),        // loss names switched off in the legend
  logScaleTouched: false,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key === 'style') node.style.cssText = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message || `${url}: HTTP ${response.status}`);
  }
  return response.json();
}

function runUrl(runId) {
  return '/api/runs/' + encodeURIComponent(runId);
}

// Many events may arrive within one frame: draw once per frame.
function perFrame(draw) {
  let pending = false;
  return () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        draw();
      });
    }
  };
}

// ---- formatting -------------------------------------------------------------------------------

function formatNumber(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  // four significant digits, without trailing zeros
  return String(Number(value.toPrecision(4)));
}

// Axis labels: as short as the tick spacing allows (0.1, 1, 10, 2.5k).
function formatTick(value) {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(0);
  if (magnitude >= 1e4) return String(Number((value / 1000).toPrecision(3))) + 'k';
  return String(Number(value.toPrecision(3)));
}

function formatStep(step) {
  return Number(step).toLocaleString('en-US');
}

function shapeOf(dataset) {
  return dataset.channels ? `${dataset.channels}×${dataset.height}×${dataset.width}` : 'shape unknown';
}

// learningRate -> learning rate
function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function formatSetting(value) {
  if (value === null || value === undefined) return 'unset';
  if (typeof value === 'number') return formatNumber(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// "lambda 0.1": what tells a run apart from the runs it is compared with.
function variedLabel(comparison, runId) {
  const run = comparison ? comparison.runs.find((r) => r.runId === runId) : null;
  if (!run || comparison.varied.length === 0) return '';
  if (!run.values) return 'spec not seen yet';
  return comparison.varied.map((name) => `${words(name)} ${formatSetting(run.values[name])}`).join(' · ');
}

function factItems(facts) {
  return facts.filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => el('div', {}, el('dt', {}, key), el('dd', {}, value)));
}

// ---- navigation -------------------------------------------------------------------------------

function route() {
  const match = location.hash.match(/^#(run|group|compare)=(.+)$/);
  if (!match) return null;
  return match[1] === 'compare'
    ? {kind: 'compare', runIds: match[2].split(',').filter(Boolean).map(decodeURIComponent)}
    : {kind: match[1], id: decodeURIComponent(match[2])};
}

function follow(wanted) {
  if (wanted.kind === 'run') selectRun(wanted.id);
  else if (wanted.kind === 'group') showComparison({group: wanted.id});
  else showComparison({runIds: wanted.runIds});
}

function setHash(hash) {
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }
}

function showPanel(id) {
  for (const panel of ['run-detail', 'compare-detail', 'empty-detail']) {
    $(panel).hidden = panel !== id;
  }
}

// ---- run and dataset lists --------------------------------------------------------------------

const scheduleLists = perFrame(() => {
  renderRunList();
  renderDatasetList();
});

function sortedRuns() {
  return [...view.runs.values()].sort((a, b) =>
    (b.updatedAt || '').localeCompare(a.updatedAt || '') || a.runId.localeCompare(b.runId));
}

// Lone runs and sweeps, most recently active first; a sweep lists its runs under one heading.
function renderRunList() {
  const runs = sortedRuns();
  $('run-count').textContent = runs.length ? `(${runs.length})` : '';
  $('no-runs').hidden = runs.length > 0;
  const order = [];
  const members = new Map();
  for (const run of runs) {
    if (!run.group) {
      order.push(run);
    } else if (members.has(run.group)) {
      members.get(run.group).push(run);
    } else {
      members.set(run.group, [run]);
      order.push(run.group);
    }
  }
  $('run-list').replaceChildren(...order.map((entry) =>
    typeof entry === 'string' ? groupItem(entry, members.get(entry)) : runItem(entry, '')));
}

function runItem(run, label) {
  const fraction = run.steps ? Math.min(1, run.step / run.steps) : 0;
  const item = el('li', {class: 'run-item' + (run.runId === view.selected ? ' selected' : ''), 'data-run-id': run.runId},
    el('div', {class: 'item-title'},
      el('span', {class: 'name', title: run.runId}, run.runId),
      el('span', {class: 'badge ' + (run.state || '')}, run.state || 'unknown')),
    label ? el('div', {class: 'item-sub varied'}, label) : null,
    el('div', {class: 'item-sub'},
      `${run.model || '?'} · ${run.dataset || '?'} · step ${formatStep(run.step)}${run.steps ? ' / ' + formatStep(run.steps) : ''}`),
    el('div', {class: 'mini-progress'}, el('div', {style: `width:${(fraction * 100).toFixed(1)}%`})));
  item.addEventListener('click', () => selectRun(run.runId));
  return item;
}

function groupItem(group, runs) {
  const comparison = view.groups.get(group);
  const sorted = [...runs].sort((a, b) => a.runId.localeCompare(b.runId, 'en', {numeric: true}));
  const head = el('div', {class: 'group-head', title: 'compare the runs of this sweep side by side'},
    el('div', {class: 'item-title'},
      el('span', {class: 'name'}, group),
      el('span', {class: 'count'}, `${sorted.length} run${sorted.length === 1 ? '' : 's'}`)),
    comparison && comparison.varied.length
      ? el('div', {class: 'item-sub'}, 'varies ' + comparison.varied.map(words).join(', ')) : null);
  head.addEventListener('click', () => showComparison({group}));
  const selected = view.comparison && view.comparison.group === group;
  return el('li', {class: 'group-item' + (selected ? ' selected' : ''), 'data-group': group},
    head,
    el('ul', {class: 'item-list'}, ...sorted.map((run) => runItem(run, variedLabel(comparison, run.runId)))));
}

function renderDatasetList() {
  const datasets = [...view.datasets.values()].sort((a, b) => a.name.localeCompare(b.name));
  $('dataset-count').textContent = datasets.length ? `(${datasets.length})` : '';
  $('no-datasets').hidden = datasets.length > 0;
  $('dataset-list').replaceChildren(...datasets.map((dataset) => {
    const counts = dataset.countsBySplit || {};
    const parts = [shapeOf(dataset)];
    if (counts.train !== undefined) parts.push(`train ${formatStep(counts.train)}`);
    if (counts.heldout !== undefined) parts.push(`held-out ${formatStep(counts.heldout)}`);
    return el('li', {class: 'dataset-item', 'data-dataset': dataset.name},
      el('div', {class: 'item-title'},
        el('span', {class: 'name', title: dataset.name}, dataset.name || '(no dataset header)'),
        dataset.lastEvent ? el('span', {class: 'badge'}, dataset.lastEvent) : null),
      el('div', {class: 'item-sub'}, parts.join(' · ')),
      dataset.rejected > 0
        ? el('div', {class: 'item-sub', title: Object.entries(dataset.rejectedByReason || {})
            .map(([code, n]) => `${code}: ${n}`).join('\n')},
          el('span', {class: 'rejected'}, `${formatStep(dataset.rejected)} rejected`),
          ' (' + Object.keys(dataset.rejectedByReason || {}).join(', ') + ')')
        : null);
  }));
}

// ---- data of the runs shown -------------------------------------------------------------------

function emptyRunData() {
  return {series: new Map(), checkpoints: new Map(), evaluations: new Map()};
}

function addPoint(series, step, value) {
  const last = series.steps.length - 1;
  if (last >= 0 && series.steps[last] === step) {
    series.values[last] = value;
  } else if (last < 0 || series.steps[last] < step) {
    series.steps.push(step);
    series.values.push(value);
  }
}

function addMetric(data, update) {
  for (const [name, value] of Object.entries(update.values || {})) {
    if (!data.series.has(name)) data.series.set(name, {steps: [], values: []});
    addPoint(data.series.get(name), update.step, value);
  }
}

function evaluationKey(e) {
  return `${e.step}|${e.metric}|${e.extractor}|${e.producer}`;
}

// Reads the history of a shown run into its data. Live updates that came in meanwhile are at
// least as new as what is read, so they stay. False when the run is no longer shown.
async function loadRunData(runId) {
  const data = view.loaded.get(runId);
  const [metrics, checkpoints, evaluations] = await Promise.all([
    getJson(runUrl(runId) + '/metrics'),
    getJson(runUrl(runId) + '/checkpoints'),
    getJson(runUrl(runId) + '/evaluations')]);
  if (view.loaded.get(runId) !== data) return false;
  for (const s of metrics.series) {
    const merged = {steps: [...s.steps], values: [...s.values]};
    const live = data.series.get(s.name);
    if (live) live.steps.forEach((step, i) => addPoint(merged, step, live.values[i]));
    data.series.set(s.name, merged);
  }
  for (const c of checkpoints) {
    if (!data.checkpoints.has(c.step)) data.checkpoints.set(c.step, c);
  }
  for (const e of evaluations) {
    if (!data.evaluations.has(evaluationKey(e))) data.evaluations.set(evaluationKey(e), e);
  }
  return true;
}

// ---- selected run -----------------------------------------------------------------------------

function selectRun(runId) {
  setHash('#run=' + encodeURIComponent(runId));
  if (view.selected === runId) return;
  view.selected = runId;
  view.comparison = null;
  view.loaded = new Map([[runId, emptyRunData()]]);
  view.shownStep = null;
  view.hidden = new Set();
  view.logScaleTouched = false;
  $('log-scale').checked = false;
  scheduleLists();
  loadSelectedRun();
}

async function loadSelectedRun() {
  const runId = view.selected;
  showPanel('run-detail');
  renderRunHeader();
  try {
    if (!await loadRunData(runId)) return;
    scheduleChart();
    renderCheckpoints();
    renderEvaluations();
  } catch (error) {
    console.warn('could not load run', runId, error);
  }
}

function renderRunHeader() {
  const run = view.runs.get(view.selected);
  if (!run) return;
  $('run-title').textContent = run.runId;
  const badge = $('run-state');
  badge.textContent = run.state || 'unknown';
  badge.className = 'badge ' + (run.state || '');
  $('run-progress').style.width = run.steps ? `${Math.min(100, 100 * run.step / run.steps).toFixed(1)}%` : '0';
  const spec = run.spec || {};
  const facts = [
    ['model', run.model],
    ['dataset', run.dataset],
    ['step', run.steps ? `${formatStep(run.step)} / ${formatStep(run.steps)}` : formatStep(run.step)],
    ['images / s', run.imagesPerSecond ? formatNumber(Math.round(run.imagesPerSecond)) : '–'],
    ['batch size', spec.batchSize],
    ['seed', spec.seed],
    ['checkpoint every', spec.checkpointEvery],
    ['group', run.group ? el('a', {href: '#group=' + encodeURIComponent(run.group), title: 'compare the runs of this sweep'},
      run.group) : null],
  ];
  for (const [key, value] of Object.entries(spec.hyperparameters || {})) {
    facts.push([words(key), typeof value === 'number' ? formatNumber(value) : value]);
  }
  $('run-facts').replaceChildren(...factItems(facts));
  const reason = $('run-reason');
  reason.hidden = !run.reason;
  reason.textContent = run.reason || '';
}

// ---- charts -----------------------------------------------------------------------------------

// A line chart over training steps: the run view draws one line per loss, the comparison one line
// per run. A line is {key, label, color, steps, values}. The canvas says what it shows in
// data-lines (lines with at least one point) and data-points.
function lineChart(canvasId, tooltipId, emptyId) {
  const chart = {canvas: $(canvasId), tooltip: $(tooltipId), empty: $(emptyId), lines: [], geometry: null};
  chart.canvas.addEventListener('mousemove', (event) => showTooltip(chart, event));
  chart.canvas.addEventListener('mouseleave', () => { chart.tooltip.hidden = true; });
  return chart;
}

const lossChart = lineChart('loss-chart', 'chart-tooltip', 'chart-empty');
const compareChart = lineChart('compare-chart', 'compare-tooltip', 'compare-empty');

const scheduleChart = perFrame(() => {
  if (view.selected) drawLosses();
  else if (view.comparison) drawComparisonChart();
});

// Log scale by default when every value is positive and they span more than two decades.
function prefersLog(lines) {
  let min = Infinity;
  let max = -Infinity;
  for (const line of lines) {
    for (const v of line.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return min > 0 && max / min > 100;
}

function niceTicks(min, max, count) {
  if (!(max > min)) {
    return [min];
  }
  const raw = (max - min) / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}

function logTicks(minLog, maxLog) {
  const ticks = [];
  const decades = maxLog - minLog;
  const mantissas = decades <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil(decades / 6));
  for (let e = Math.floor(minLog); e <= Math.ceil(maxLog); e++) {
    if (((e % every) + every) % every !== 0) continue;
    for (const m of mantissas) {
      const v = Math.log10(m) + e;
      if (v >= minLog - 1e-9 && v <= maxLog + 1e-9) ticks.push(v);
    }
  }
  return ticks;
}

function drawChart(chart, lines, yLabel, log) {
  const canvas = chart.canvas;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  chart.lines = lines;

  const transform = log ? (v) => (v > 0 ? Math.log10(v) : NaN) : (v) => v;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity, points = 0, drawn = 0;
  for (const line of lines) {
    const before = points;
    for (let i = 0; i < line.steps.length; i++) {
      const y = transform(line.values[i]);
      if (!Number.isFinite(y)) continue;
      xMin = Math.min(xMin, line.steps[i]);
      xMax = Math.max(xMax, line.steps[i]);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
      points++;
    }
    if (points > before) drawn++;
  }
  canvas.dataset.points = String(points);
  canvas.dataset.lines = String(drawn);
  chart.empty.hidden = points > 0;
  chart.geometry = null;
  if (points === 0) return;

  if (xMax === xMin) { xMin -= 1; xMax += 1; }
  if (yMax === yMin) { const pad = Math.abs(yMin) * 0.1 || 1; yMin -= pad; yMax += pad; }
  const yPad = (yMax - yMin) * 0.05;
  yMin -= yPad;
  yMax += yPad;

  const margin = {left: 70, right: 18, top: 12, bottom: 44};
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x) => margin.left + (x - xMin) / (xMax - xMin) * plotW;
  const py = (y) => margin.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;

  ctx.font = '12px system-ui, sans-serif';
  ctx.lineWidth = 1;
  // grid and y ticks
  const yTicks = log ? logTicks(yMin, yMax) : niceTicks(yMin, yMax, 6);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    const y = Math.round(py(t)) + 0.5;
    ctx.strokeStyle = '#e8ebf1';
    ctx.beginPath(); ctx.moveTo(margin.left, y); ctx.lineTo(margin.left + plotW, y); ctx.stroke();
    ctx.fillStyle = '#6b7385';
    ctx.fillText(formatTick(log ? Math.pow(10, t) : t), margin.left - 8, y);
  }
  // x ticks
  const xTicks = niceTicks(xMin, xMax, Math.max(2, Math.floor(plotW / 90))).filter((t) => Number.isInteger(t) || xMax - xMin < 10);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks) {
    const x = Math.round(px(t)) + 0.5;
    ctx.strokeStyle = '#f0f2f6';
    ctx.beginPath(); ctx.moveTo(x, margin.top); ctx.lineTo(x, margin.top + plotH); ctx.stroke();
    ctx.strokeStyle = '#9aa3b5';
    ctx.beginPath(); ctx.moveTo(x, margin.top + plotH); ctx.lineTo(x, margin.top + plotH + 4); ctx.stroke();
    ctx.fillStyle = '#6b7385';
    ctx.fillText(formatStep(Math.round(t * 100) / 100), x, margin.top + plotH + 7);
  }
  // axes
  ctx.strokeStyle = '#9aa3b5';
  ctx.beginPath();
  ctx.moveTo(margin.left + 0.5, margin.top);
  ctx.lineTo(margin.left + 0.5, margin.top + plotH + 0.5);
  ctx.lineTo(margin.left + plotW, margin.top + plotH + 0.5);
  ctx.stroke();
  // axis labels
  ctx.fillStyle = '#394150';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('training step', margin.left + plotW / 2, height - 4);
  ctx.save();
  ctx.translate(14, margin.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(log ? `${yLabel} (log scale)` : yLabel, 0, 0);
  ctx.restore();

  // lines
  ctx.save();
  ctx.beginPath();
  ctx.rect(margin.left, margin.top, plotW, plotH);
  ctx.clip();
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  for (const line of lines) {
    ctx.strokeStyle = line.color;
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < line.steps.length; i++) {
      const y = transform(line.values[i]);
      if (!Number.isFinite(y)) { pen = false; continue; }
      const X = px(line.steps[i]);
      const Y = py(y);
      if (pen) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
      pen = true;
    }
    ctx.stroke();
    if (line.steps.length === 1) {
      ctx.fillStyle = line.color;
      ctx.beginPath();
      ctx.arc(px(line.steps[0]), py(transform(line.values[0])), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  chart.geometry = {margin, plotW, plotH, xMin, xMax};
}

// Every line, the hidden ones faded; a click hides or shows one.
function renderLegend(containerId, lines, hidden) {
  $(containerId).replaceChildren(...lines.map((line) => {
    const item = el('span', {class: 'legend-item' + (hidden.has(line.key) ? ' off' : ''), 'data-key': line.key,
      title: 'click to show or hide'},
      el('span', {class: 'swatch', style: `background:${line.color}`}), line.label);
    item.addEventListener('click', () => {
      if (hidden.has(line.key)) hidden.delete(line.key); else hidden.add(line.key);
      scheduleChart();
    });
    return item;
  }));
}

function nearestIndex(steps, step) {
  let lo = 0, hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1; else hi = mid;
  }
  if (lo > 0 && Math.abs(steps[lo - 1] - step) < Math.abs(steps[lo] - step)) lo--;
  return lo;
}

function showTooltip(chart, event) {
  const g = chart.geometry;
  const tooltip = chart.tooltip;
  const x = event.offsetX;
  if (!g || x < g.margin.left || x > g.margin.left + g.plotW) {
    tooltip.hidden = true;
    return;
  }
  const step = g.xMin + (x - g.margin.left) / g.plotW * (g.xMax - g.xMin);
  const rows = [];
  let shownStep = null;
  for (const line of chart.lines) {
    if (line.steps.length === 0) continue;
    const i = nearestIndex(line.steps, step);
    shownStep = line.steps[i];
    rows.push(el('div', {}, el('span', {class: 'swatch', style: `background:${line.color};margin-right:6px`}),
      `${line.label}: ${formatNumber(line.values[i])}`));
  }
  if (rows.length === 0) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren(el('div', {}, `step ${formatStep(shownStep)}`), ...rows);
  tooltip.hidden = false;
  const left = Math.min(x + 14, chart.canvas.clientWidth - tooltip.offsetWidth - 4);
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${Math.max(4, event.offsetY - tooltip.offsetHeight - 8)}px`;
}

function drawLosses() {
  const data = view.loaded.get(view.selected);
  const lines = [...data.series].map(([name, s], i) =>
    ({key: name, label: name, color: COLORS[i % COLORS.length], steps: s.steps, values: s.values}));
  if (!view.logScaleTouched) $('log-scale').checked = prefersLog(lines);
  renderLegend('loss-legend', lines, view.hidden);
  drawChart(lossChart, lines.filter((line) => !view.hidden.has(line.key)), 'loss', $('log-scale').checked);
}

// ---- checkpoint images ------------------------------------------------------------------------

function readySteps(checkpoints) {
  return [...checkpoints.values()]
    .filter((c) => c.samples.state === 'ready' || c.reconstructions.state === 'ready')
    .map((c) => c.step).sort((a, b) => b - a);
}

function renderCheckpoints() {
  const checkpoints = view.loaded.get(view.selected).checkpoints;
  const steps = [...checkpoints.keys()].sort((a, b) => b - a);
  const select = $('step-select');
  const ready = readySteps(checkpoints);
  if ($('follow-latest').checked || view.shownStep === null || !checkpoints.has(view.shownStep)) {
    view.shownStep = ready.length ? ready[0] : (steps.length ? steps[0] : null);
  }
  select.replaceChildren(...steps.map((step) => {
    const c = checkpoints.get(step);
    const label = formatStep(step) + (c.last ? ' (last)' : '')
      + (c.samples.state === 'pending' ? ' – rendering' : c.samples.state === 'failed' ? ' – failed' : '');
    return el('option', {value: String(step), selected: step === view.shownStep}, label);
  }));
  select.disabled = steps.length === 0;
  const checkpoint = view.shownStep === null ? null : checkpoints.get(view.shownStep);
  showGrid($('samples'), $('samples-status'), 'samples', checkpoint);
  showGrid($('reconstructions'), $('reconstructions-status'), 'reconstructions', checkpoint);
}

function showGrid(img, status, kind, checkpoint) {
  const grid = checkpoint ? checkpoint[kind] : null;
  if (grid && grid.state === 'ready') {
    if (img.getAttribute('src') !== grid.url) {
      img.setAttribute('src', grid.url);
    }
    img.dataset.step = String(checkpoint.step);
    img.hidden = false;
    status.hidden = true;
    return;
  }
  img.hidden = true;
  img.removeAttribute('src');
  delete img.dataset.step;
  status.hidden = false;
  status.classList.toggle('failed', !!grid && grid.state === 'failed');
  if (!checkpoint) {
    status.textContent = 'No checkpoint yet.';
  } else if (grid.state === 'pending') {
    status.textContent = `Rendering step ${formatStep(checkpoint.step)}…`;
  } else {
    status.textContent = `${grid.state === 'failed' ? 'Rendering failed' : 'Not available'}: ${grid.message || ''}`;
  }
}

// ---- evaluations ------------------------------------------------------------------------------

// One column per metric and feature extractor.
function evaluationColumns(evaluations) {
  return [...new Set(evaluations.map((e) => `${e.metric}|${e.extractor}`))].sort();
}

function columnHeader(column) {
  const [metric, extractor] = column.split('|');
  return el('th', {}, metric, el('small', {}, extractor));
}

function evaluationTitle(e) {
  return `${e.producer}, ${e.sampleCount} images`;
}

function renderEvaluations() {
  const evaluations = [...view.loaded.get(view.selected).evaluations.values()];
  $('no-evaluations').hidden = evaluations.length > 0;
  const table = $('evaluations');
  table.hidden = evaluations.length === 0;
  const columns = evaluationColumns(evaluations);
  const byStep = new Map();
  for (const e of evaluations) {
    if (!byStep.has(e.step)) byStep.set(e.step, new Map());
    byStep.get(e.step).set(`${e.metric}|${e.extractor}`, e);
  }
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, 'step'), ...columns.map(columnHeader)));
  const steps = [...byStep.keys()].sort((a, b) => b - a);
  table.tBodies[0].replaceChildren(...steps.map((step) => el('tr', {'data-step': String(step)},
    el('td', {}, formatStep(step)),
    ...columns.map((column) => {
      const e = byStep.get(step).get(column);
      return el('td', {title: e ? evaluationTitle(e) : ''}, e ? formatNumber(e.value) : '');
    }))));
}

// ---- runs side by side ------------------------------------------------------------------------

// target: {group} for a sweep, {runIds} for runs picked by hand.
function showComparison(target) {
  const hash = target.group !== undefined ? '#group=' + encodeURIComponent(target.group)
    : '#compare=' + target.runIds.map(encodeURIComponent).join(',');
  setHash(hash);
  if (view.comparison && view.comparison.hash === hash) return;
  view.selected = null;
  view.comparison = {
    hash,
    group: target.group !== undefined ? target.group : null,
    runIds: target.runIds || [],
    varied: [],
    runs: [],              // [{runId, values}] as the server compares them
    problem: null,         // why the comparison cannot be shown (yet)
    series: null,          // the option of #compare-series drawn
    seriesOptions: '',     // the options #compare-series holds, to rebuild it only when they change
    hidden: new Set(),     // run ids switched off in the legend
    logScaleTouched: false,
    figures: new Map(),    // "<run id>|<kind>" -> the figure showing that grid, kept so images do not reload
  };
  view.loaded = new Map();
  $('compare-log-scale').checked = false;
  showPanel('compare-detail');
  scheduleLists();
  scheduleComparison();
  loadComparison();
}

async function loadComparison() {
  const comparison = view.comparison;
  const url = comparison.group !== null ? '/api/groups/' + encodeURIComponent(comparison.group)
    : '/api/comparison?runs=' + comparison.runIds.map(encodeURIComponent).join(',');
  try {
    const found = await getJson(url);
    if (comparison === view.comparison) applyComparison(found);
  } catch (error) {
    if (comparison === view.comparison) {
      comparison.problem = error.message;
      scheduleComparison();
    }
  }
}

// Takes the server's view of which runs are compared and what varies, and reads the history of runs new to it.
function applyComparison(found) {
  const comparison = view.comparison;
  comparison.problem = null;
  comparison.varied = found.varied;
  comparison.runs = found.runs;
  const added = found.runs.map((run) => run.runId).filter((runId) => !view.loaded.has(runId));
  added.forEach((runId) => view.loaded.set(runId, emptyRunData()));
  scheduleComparison();
  for (const runId of added) {
    loadRunData(runId)
      .then((loaded) => { if (loaded) scheduleComparison(); })
      .catch((error) => console.warn('could not load run', runId, error));
  }
}

function comparedRuns(comparison) {
  return comparison.runs.map((run, i) => ({
    runId: run.runId,
    values: run.values,
    label: variedLabel(comparison, run.runId),
    color: COLORS[i % COLORS.length],
    data: view.loaded.get(run.runId),
  }));
}

const scheduleComparison = perFrame(renderComparison);

function renderComparison() {
  const comparison = view.comparison;
  if (!comparison) return;
  $('compare-title').textContent = comparison.group !== null ? comparison.group : 'runs picked by hand';
  $('compare-kind').textContent = comparison.group !== null ? 'sweep' : 'comparison';
  $('compare-facts').replaceChildren(...factItems([
    ['runs', comparison.runs.length],
    ['varied', comparison.varied.length ? comparison.varied.map(words).join(', ') : 'nothing'],
  ]));
  const status = $('compare-status');
  status.hidden = !comparison.problem;
  status.textContent = comparison.problem || '';
  drawComparisonChart();
  renderComparisonTable(comparison);
  renderComparisonImages(comparison);
}

// What the comparison chart can show: any training series of the runs, or any evaluation metric
// over checkpoint steps.
function seriesOptions() {
  const losses = new Set();
  const evaluations = [];
  for (const data of view.loaded.values()) {
    data.series.forEach((s, name) => losses.add(name));
    evaluations.push(...data.evaluations.values());
  }
  return [
    ...[...losses].map((name) => ({value: 'training:' + name, label: name, yLabel: name})),
    ...evaluationColumns(evaluations).map((column) => {
      const [metric, extractor] = column.split('|');
      return {value: 'evaluation:' + column, label: `${metric} (${extractor}, per checkpoint)`, yLabel: metric};
    }),
  ];
}

function renderSeriesOptions(comparison, options) {
  if (!options.some((option) => option.value === comparison.series)) {
    comparison.series = options.length ? options[0].value : null;
  }
  const select = $('compare-series');
  const signature = options.map((option) => option.value).join('\n');
  if (comparison.seriesOptions !== signature) {
    select.replaceChildren(...options.map((option) => el('option', {value: option.value}, option.label)));
    comparison.seriesOptions = signature;
  }
  select.value = comparison.series || '';
  select.disabled = options.length === 0;
}

// The chosen quantity of one run as {steps, values}.
function seriesOf(data, choice) {
  const [, kind, name] = (choice || '').match(/^(training|evaluation):(.*)$/) || [];
  if (!data || !kind) return {steps: [], values: []};
  if (kind === 'training') return data.series.get(name) || {steps: [], values: []};
  const byStep = new Map();
  for (const e of data.evaluations.values()) {
    if (`${e.metric}|${e.extractor}` === name) byStep.set(e.step, e.value);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  return {steps, values: steps.map((step) => byStep.get(step))};
}

function drawComparisonChart() {
  const comparison = view.comparison;
  const options = seriesOptions();
  renderSeriesOptions(comparison, options);
  const option = options.find((o) => o.value === comparison.series);
  const lines = comparedRuns(comparison).map((run) => ({
    key: run.runId,
    label: run.label ? `${run.runId} · ${run.label}` : run.runId,
    color: run.color,
    ...seriesOf(run.data, comparison.series),
  }));
  if (!comparison.logScaleTouched) $('compare-log-scale').checked = prefersLog(lines);
  renderLegend('compare-legend', lines, comparison.hidden);
  drawChart(compareChart, lines.filter((line) => !comparison.hidden.has(line.key)), option ? option.yLabel : '',
    $('compare-log-scale').checked);
  compareChart.canvas.dataset.series = comparison.series || '';
}

// The evaluation at the highest step of each column.
function latestEvaluations(data) {
  const latest = new Map();
  for (const e of data.evaluations.values()) {
    const column = `${e.metric}|${e.extractor}`;
    if (!latest.has(column) || latest.get(column).step <= e.step) latest.set(column, e);
  }
  return latest;
}

function renderComparisonTable(comparison) {
  const runs = comparedRuns(comparison);
  const columns = evaluationColumns(runs.flatMap((run) => [...run.data.evaluations.values()]));
  const table = $('compare-table');
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, 'run'),
    ...comparison.varied.map((name) => el('th', {}, words(name))),
    el('th', {}, 'state'), el('th', {}, 'step'), el('th', {}, 'checkpoint'), ...columns.map(columnHeader)));
  table.tBodies[0].replaceChildren(...runs.map((run) => {
    const summary = view.runs.get(run.runId) || {step: 0};
    const latest = latestEvaluations(run.data);
    return el('tr', {'data-run-id': run.runId},
      el('td', {}, el('span', {class: 'swatch', style: `background:${run.color};margin-right:6px`}),
        el('a', {href: '#run=' + encodeURIComponent(run.runId), title: 'open this run'}, run.runId)),
      ...comparison.varied.map((name) => el('td', {'data-setting': name},
        run.values ? formatSetting(run.values[name]) : '?')),
      el('td', {'data-field': 'state'}, el('span', {class: 'badge ' + (summary.state || '')}, summary.state || 'unknown')),
      el('td', {'data-field': 'step'},
        summary.steps ? `${formatStep(summary.step)} / ${formatStep(summary.steps)}` : formatStep(summary.step)),
      el('td', {'data-field': 'checkpoint'}, summary.latestCheckpoint !== null && summary.latestCheckpoint !== undefined
        ? formatStep(summary.latestCheckpoint) : '–'),
      ...columns.map((column) => {
        const e = latest.get(column);
        const [metric, extractor] = column.split('|');
        return el('td', {'data-metric': metric, 'data-extractor': extractor,
          title: e ? `step ${formatStep(e.step)}, ${evaluationTitle(e)}` : ''}, e ? formatNumber(e.value) : '');
      }));
  }));
}

// The newest checkpoint whose grid of this kind is drawn, else the newest one (to say where it stands).
function latestCheckpoint(checkpoints, kind) {
  const newestFirst = [...checkpoints.values()].sort((a, b) => b.step - a.step);
  return newestFirst.find((c) => c[kind].state === 'ready') || newestFirst[0] || null;
}

function renderComparisonImages(comparison) {
  for (const kind of ['samples', 'reconstructions']) {
    $('compare-' + kind).replaceChildren(...comparedRuns(comparison).map((run) => {
      const key = `${run.runId}|${kind}`;
      if (!comparison.figures.has(key)) {
        const figure = {
          caption: el('figcaption'),
          img: el('img', {alt: `${kind} of ${run.runId}`, hidden: true, 'data-run-id': run.runId}),
          status: el('div', {class: 'image-status'}),
        };
        figure.node = el('figure', {'data-run-id': run.runId}, figure.caption, figure.img, figure.status);
        comparison.figures.set(key, figure);
      }
      const figure = comparison.figures.get(key);
      const checkpoint = latestCheckpoint(run.data.checkpoints, kind);
      figure.caption.replaceChildren(el('span', {class: 'swatch', style: `background:${run.color};margin-right:6px`}),
        run.label ? `${run.runId} · ${run.label}` : run.runId,
        checkpoint ? ` · step ${formatStep(checkpoint.step)}` : '');
      showGrid(figure.img, figure.status, kind, checkpoint);
      return figure.node;
    }));
  }
}

// ---- live updates -----------------------------------------------------------------------------

function setConnection(state, text) {
  const node = $('connection');
  node.dataset.state = state;
  node.textContent = text;
}

async function loadAll() {
  const [datasets, runs, groups] = await Promise.all([
    getJson('/api/datasets'), getJson('/api/runs'), getJson('/api/groups')]);
  view.datasets = new Map(datasets.map((d) => [d.name, d]));
  view.runs = new Map(runs.map((r) => [r.runId, r]));
  view.groups = new Map(groups.map((g) => [g.group, g]));
  scheduleLists();
  const wanted = route();
  if (wanted && (wanted.kind !== 'run' || view.runs.has(wanted.id))) {
    // after a reconnect, changes may have been missed: read what is shown again
    view.selected = null;
    view.comparison = null;
    follow(wanted);
  } else if (runs.length) {
    selectRun(sortedRuns()[0].runId);
  }
}

function connect() {
  const source = new EventSource('/api/stream');
  const on = (type, handler) => source.addEventListener(type, (event) => handler(JSON.parse(event.data)));
  on('hello', () => {
    setConnection('live', 'live');
    // after a reconnect, changes may have been missed: read the whole state again
    loadAll().catch((error) => console.warn('could not load the state', error));
  });
  on('ping', () => {});
  on('dataset', (dataset) => {
    view.datasets.set(dataset.name, dataset);
    scheduleLists();
  });
  on('run', (run) => {
    view.runs.set(run.runId, run);
    scheduleLists();
    if (run.runId === view.selected) {
      renderRunHeader();
    } else if (view.loaded.has(run.runId)) {
      scheduleComparison();
    } else if (!view.selected && !view.comparison) {
      selectRun(run.runId);
    }
  });
  on('group', (group) => {
    view.groups.set(group.group, group);
    scheduleLists();
    if (view.comparison && view.comparison.group === group.group) applyComparison(group);
  });
  on('metric', (update) => {
    const data = view.loaded.get(update.runId);
    if (data) {
      addMetric(data, update);
      scheduleChart();
    }
  });
  const onCheckpoint = (checkpoint) => {
    const data = view.loaded.get(checkpoint.runId);
    if (!data) return;
    data.checkpoints.set(checkpoint.step, checkpoint);
    if (view.selected) renderCheckpoints(); else scheduleComparison();
  };
  on('checkpoint', onCheckpoint);
  on('images', onCheckpoint);
  on('evaluation', (evaluation) => {
    const data = view.loaded.get(evaluation.runId);
    if (!data) return;
    data.evaluations.set(evaluationKey(evaluation), evaluation);
    if (view.selected) renderEvaluations(); else scheduleComparison();
  });
  source.onerror = () => setConnection('offline', 'reconnecting');
}

$('log-scale').addEventListener('change', () => {
  view.logScaleTouched = true;
  scheduleChart();
});
$('step-select').addEventListener('change', (event) => {
  view.shownStep = Number(event.target.value);
  $('follow-latest').checked = view.shownStep === readySteps(view.loaded.get(view.selected).checkpoints)[0];
  renderCheckpoints();
});
$('follow-latest').addEventListener('change', renderCheckpoints);
$('compare-series').addEventListener('change', (event) => {
  view.comparison.series = event.target.value;
  view.comparison.logScaleTouched = false;
  scheduleChart();
});
$('compare-log-scale').addEventListener('change', () => {
  view.comparison.logScaleTouched = true;
  scheduleChart();
});
window.addEventListener('resize', scheduleChart);
window.addEventListener('hashchange', () => {
  const wanted = route();
  if (wanted) follow(wanted);
});

connect();
