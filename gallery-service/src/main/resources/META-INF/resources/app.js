'use strict';

// The gallery page: REST for the state, server-sent events for every change after it.
// No framework and no CDN: the page must work in a browser without internet access.

const COLORS = ['#2f6fde', '#e4572e', '#17a673', '#9b5de5', '#f2a541', '#00a6c8', '#d1495b',
  '#6c8a1f', '#8d6a9f', '#4a5568'];

const view = {
  runs: new Map(),
  datasets: new Map(),
  selected: null,
  series: new Map(),        // name -> {steps: [], values: []} of the selected run
  checkpoints: new Map(),   // step -> checkpoint view of the selected run
  evaluations: new Map(),   // "step|metric|extractor|producer" -> evaluation of the selected run
  shownStep: null,
  hidden: new Set(),        // loss names switched off in the legend
  logScaleTouched: false,
  chartGeometry: null,
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
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

function runUrl(runId) {
  return '/api/runs/' + encodeURIComponent(runId);
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

// ---- run and dataset lists --------------------------------------------------------------------

let listsPending = false;

function scheduleLists() {
  if (!listsPending) {
    listsPending = true;
    requestAnimationFrame(() => {
      listsPending = false;
      renderRunList();
      renderDatasetList();
    });
  }
}

function sortedRuns() {
  return [...view.runs.values()].sort((a, b) =>
    (b.updatedAt || '').localeCompare(a.updatedAt || '') || a.runId.localeCompare(b.runId));
}

function renderRunList() {
  const runs = sortedRuns();
  $('run-count').textContent = runs.length ? `(${runs.length})` : '';
  $('no-runs').hidden = runs.length > 0;
  $('run-list').replaceChildren(...runs.map((run) => {
    const fraction = run.steps ? Math.min(1, run.step / run.steps) : 0;
    const item = el('li', {class: 'run-item' + (run.runId === view.selected ? ' selected' : ''), 'data-run-id': run.runId},
      el('div', {class: 'item-title'},
        el('span', {class: 'name', title: run.runId}, run.runId),
        el('span', {class: 'badge ' + (run.state || '')}, run.state || 'unknown')),
      el('div', {class: 'item-sub'},
        `${run.model || '?'} · ${run.dataset || '?'} · step ${formatStep(run.step)}${run.steps ? ' / ' + formatStep(run.steps) : ''}`),
      el('div', {class: 'mini-progress'}, el('div', {style: `width:${(fraction * 100).toFixed(1)}%`})));
    item.addEventListener('click', () => selectRun(run.runId));
    return item;
  }));
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

// ---- selected run -----------------------------------------------------------------------------

function selectRun(runId) {
  if (location.hash !== '#run=' + encodeURIComponent(runId)) {
    history.replaceState(null, '', '#run=' + encodeURIComponent(runId));
  }
  if (view.selected === runId) return;
  view.selected = runId;
  view.series = new Map();
  view.checkpoints = new Map();
  view.evaluations = new Map();
  view.shownStep = null;
  view.hidden = new Set();
  view.logScaleTouched = false;
  $('log-scale').checked = false;
  scheduleLists();
  loadSelectedRun();
}

async function loadSelectedRun() {
  const runId = view.selected;
  if (!runId) return;
  $('run-detail').hidden = false;
  $('empty-detail').hidden = true;
  renderRunHeader();
  try {
    const [metrics, checkpoints, evaluations] = await Promise.all([
      getJson(runUrl(runId) + '/metrics'),
      getJson(runUrl(runId) + '/checkpoints'),
      getJson(runUrl(runId) + '/evaluations')]);
    if (runId !== view.selected) return;
    view.series = new Map(metrics.series.map((s) => [s.name, {steps: [...s.steps], values: [...s.values]}]));
    view.checkpoints = new Map(checkpoints.map((c) => [c.step, c]));
    view.evaluations = new Map(evaluations.map((e) => [evaluationKey(e), e]));
    chooseScaleOnce();
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
    ['group', spec.group],
  ];
  for (const [key, value] of Object.entries(spec.hyperparameters || {})) {
    const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    facts.push([words, typeof value === 'number' ? formatNumber(value) : value]);
  }
  $('run-facts').replaceChildren(...facts.filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => el('div', {}, el('dt', {}, key), el('dd', {}, value))));
  const reason = $('run-reason');
  reason.hidden = !run.reason;
  reason.textContent = run.reason || '';
}

// ---- loss chart -------------------------------------------------------------------------------

let chartPending = false;

function scheduleChart() {
  if (!chartPending) {
    chartPending = true;
    requestAnimationFrame(() => {
      chartPending = false;
      drawChart();
    });
  }
}

function colorOf(name) {
  const names = [...view.series.keys()];
  return COLORS[names.indexOf(name) % COLORS.length];
}

// Log scale by default when every value is positive and they span more than two decades.
function chooseScaleOnce() {
  if (view.logScaleTouched || view.series.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const s of view.series.values()) {
    for (const v of s.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  $('log-scale').checked = min > 0 && max / min > 100;
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

function drawChart() {
  const canvas = $('loss-chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  renderLegend();

  const log = $('log-scale').checked;
  const transform = log ? (v) => (v > 0 ? Math.log10(v) : NaN) : (v) => v;
  const visible = [...view.series.entries()].filter(([name]) => !view.hidden.has(name));
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity, points = 0;
  for (const [, s] of visible) {
    for (let i = 0; i < s.steps.length; i++) {
      const y = transform(s.values[i]);
      if (!Number.isFinite(y)) continue;
      xMin = Math.min(xMin, s.steps[i]);
      xMax = Math.max(xMax, s.steps[i]);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
      points++;
    }
  }
  canvas.dataset.points = String(points);
  canvas.dataset.series = String(visible.length);
  $('chart-empty').hidden = points > 0;
  view.chartGeometry = null;
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
  ctx.fillText(log ? 'loss (log scale)' : 'loss', 0, 0);
  ctx.restore();

  // series
  ctx.save();
  ctx.beginPath();
  ctx.rect(margin.left, margin.top, plotW, plotH);
  ctx.clip();
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  for (const [name, s] of visible) {
    ctx.strokeStyle = colorOf(name);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < s.steps.length; i++) {
      const y = transform(s.values[i]);
      if (!Number.isFinite(y)) { pen = false; continue; }
      const X = px(s.steps[i]);
      const Y = py(y);
      if (pen) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
      pen = true;
    }
    ctx.stroke();
    if (s.steps.length === 1) {
      ctx.fillStyle = colorOf(name);
      ctx.beginPath();
      ctx.arc(px(s.steps[0]), py(transform(s.values[0])), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  view.chartGeometry = {margin, plotW, plotH, xMin, xMax, px};
}

function renderLegend() {
  $('loss-legend').replaceChildren(...[...view.series.keys()].map((name) => {
    const item = el('span', {class: 'legend-item' + (view.hidden.has(name) ? ' off' : ''), 'data-series': name,
      title: 'click to show or hide'},
      el('span', {class: 'swatch', style: `background:${colorOf(name)}`}), name);
    item.addEventListener('click', () => {
      if (view.hidden.has(name)) view.hidden.delete(name); else view.hidden.add(name);
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

function showTooltip(event) {
  const g = view.chartGeometry;
  const tooltip = $('chart-tooltip');
  const canvas = $('loss-chart');
  const x = event.offsetX;
  if (!g || x < g.margin.left || x > g.margin.left + g.plotW) {
    tooltip.hidden = true;
    return;
  }
  const step = g.xMin + (x - g.margin.left) / g.plotW * (g.xMax - g.xMin);
  const rows = [];
  let shownStep = null;
  for (const [name, s] of view.series) {
    if (view.hidden.has(name) || s.steps.length === 0) continue;
    const i = nearestIndex(s.steps, step);
    shownStep = s.steps[i];
    rows.push(el('div', {}, el('span', {class: 'swatch', style: `background:${colorOf(name)};margin-right:6px`}),
      `${name}: ${formatNumber(s.values[i])}`));
  }
  if (rows.length === 0) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren(el('div', {}, `step ${formatStep(shownStep)}`), ...rows);
  tooltip.hidden = false;
  const left = Math.min(x + 14, canvas.clientWidth - tooltip.offsetWidth - 4);
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${Math.max(4, event.offsetY - tooltip.offsetHeight - 8)}px`;
}

function appendMetric(update) {
  for (const [name, value] of Object.entries(update.values || {})) {
    let s = view.series.get(name);
    if (!s) {
      s = {steps: [], values: []};
      view.series.set(name, s);
    }
    const last = s.steps.length - 1;
    if (last >= 0 && s.steps[last] === update.step) {
      s.values[last] = value;
    } else if (last < 0 || s.steps[last] < update.step) {
      s.steps.push(update.step);
      s.values.push(value);
    }
  }
  chooseScaleOnce();
  scheduleChart();
}

// ---- checkpoint images ------------------------------------------------------------------------

function readySteps() {
  return [...view.checkpoints.values()]
    .filter((c) => c.samples.state === 'ready' || c.reconstructions.state === 'ready')
    .map((c) => c.step).sort((a, b) => b - a);
}

function renderCheckpoints() {
  const steps = [...view.checkpoints.keys()].sort((a, b) => b - a);
  const select = $('step-select');
  const ready = readySteps();
  if ($('follow-latest').checked || view.shownStep === null || !view.checkpoints.has(view.shownStep)) {
    view.shownStep = ready.length ? ready[0] : (steps.length ? steps[0] : null);
  }
  select.replaceChildren(...steps.map((step) => {
    const c = view.checkpoints.get(step);
    const label = formatStep(step) + (c.last ? ' (last)' : '')
      + (c.samples.state === 'pending' ? ' – rendering' : c.samples.state === 'failed' ? ' – failed' : '');
    return el('option', {value: String(step), selected: step === view.shownStep}, label);
  }));
  select.disabled = steps.length === 0;
  const checkpoint = view.shownStep === null ? null : view.checkpoints.get(view.shownStep);
  showGrid('samples', checkpoint);
  showGrid('reconstructions', checkpoint);
}

function showGrid(kind, checkpoint) {
  const img = $(kind);
  const status = $(kind + '-status');
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

function evaluationKey(e) {
  return `${e.step}|${e.metric}|${e.extractor}|${e.producer}`;
}

function renderEvaluations() {
  const evaluations = [...view.evaluations.values()];
  $('no-evaluations').hidden = evaluations.length > 0;
  const table = $('evaluations');
  table.hidden = evaluations.length === 0;
  const columns = [...new Set(evaluations.map((e) => `${e.metric}|${e.extractor}`))].sort();
  const byStep = new Map();
  for (const e of evaluations) {
    if (!byStep.has(e.step)) byStep.set(e.step, new Map());
    byStep.get(e.step).set(`${e.metric}|${e.extractor}`, e);
  }
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, 'step'), ...columns.map((column) => {
    const [metric, extractor] = column.split('|');
    return el('th', {}, metric, el('small', {}, extractor));
  })));
  const steps = [...byStep.keys()].sort((a, b) => b - a);
  table.tBodies[0].replaceChildren(...steps.map((step) => el('tr', {'data-step': String(step)},
    el('td', {}, formatStep(step)),
    ...columns.map((column) => {
      const e = byStep.get(step).get(column);
      return el('td', {title: e ? `${e.producer}, ${e.sampleCount} images` : ''}, e ? formatNumber(e.value) : '');
    }))));
}

// ---- live updates -----------------------------------------------------------------------------

function setConnection(state, text) {
  const node = $('connection');
  node.dataset.state = state;
  node.textContent = text;
}

async function loadAll() {
  const [datasets, runs] = await Promise.all([getJson('/api/datasets'), getJson('/api/runs')]);
  view.datasets = new Map(datasets.map((d) => [d.name, d]));
  view.runs = new Map(runs.map((r) => [r.runId, r]));
  scheduleLists();
  const wanted = decodeURIComponent((location.hash.match(/^#run=(.+)$/) || [])[1] || '');
  if (wanted && view.runs.has(wanted)) {
    view.selected = null;
    selectRun(wanted);
  } else if (view.selected && view.runs.has(view.selected)) {
    loadSelectedRun();
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
    } else if (!view.selected) {
      selectRun(run.runId);
    }
  });
  on('metric', (update) => {
    if (update.runId === view.selected) appendMetric(update);
  });
  const onCheckpoint = (checkpoint) => {
    if (checkpoint.runId === view.selected) {
      view.checkpoints.set(checkpoint.step, checkpoint);
      renderCheckpoints();
    }
  };
  on('checkpoint', onCheckpoint);
  on('images', onCheckpoint);
  on('evaluation', (evaluation) => {
    if (evaluation.runId === view.selected) {
      view.evaluations.set(evaluationKey(evaluation), evaluation);
      renderEvaluations();
    }
  });
  source.onerror = () => setConnection('offline', 'reconnecting');
}

$('log-scale').addEventListener('change', () => {
  view.logScaleTouched = true;
  scheduleChart();
});
$('step-select').addEventListener('change', (event) => {
  view.shownStep = Number(event.target.value);
  $('follow-latest').checked = view.shownStep === readySteps()[0];
  renderCheckpoints();
});
$('follow-latest').addEventListener('change', renderCheckpoints);
$('loss-chart').addEventListener('mousemove', showTooltip);
$('loss-chart').addEventListener('mouseleave', () => { $('chart-tooltip').hidden = true; });
window.addEventListener('resize', scheduleChart);
window.addEventListener('hashchange', () => {
  const wanted = decodeURIComponent((location.hash.match(/^#run=(.+)$/) || [])[1] || '');
  if (wanted && wanted !== view.selected) selectRun(wanted);
});

connect();
