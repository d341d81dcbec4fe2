// Runs side by side (#group=<id> for a sweep, #compare=<id>,<id>,... for runs picked by hand):
// one chosen series of every run, their latest state and evaluations, their latest grids.

import {fetchComparison} from './api.js';
import {COLORS, drawChart, lineChart, prefersLog, renderLegend} from './charts.js';
import {$, el, perFrame} from './dom.js';
import {columnHeader, evaluationColumns, evaluationTitle, latestEvaluations} from './evaluations.js';
import {factItems, formatNumber, formatSetting, formatStep, variedLabel, words} from './format.js';
import {showFrontier} from './frontier.js';
import {latestCheckpoint, showGrid} from './images.js';
import {flag, hashOf, listParam, param, setHash, showPanel} from './router.js';
import {scheduleLists} from './sidebar.js';
import {
  chooseSeries, compareAs, comparisonFailed, loadRunData, openComparison, setCompareLogScale, showComparisonAs,
  state, toggleComparedRun,
} from './state.js';

const compareChart = lineChart('compare-chart', 'compare-tooltip', 'compare-empty');

// Kept per comparison: the options #compare-series holds, to rebuild it only when they change, and
// "<run id>|<kind>" -> the figure showing that grid, so images do not reload.
let shownOptions = '';
let figures = new Map();

// target: {group} for a sweep, {runIds} for runs picked by hand; view: the pairs of an address
// (router.js) to show it as: series (the option of #compare-series), log (1 or 0), hide (run ids);
// without, a comparison already shown stays as it is.
export function showComparison(target, view = null) {
  const hash = target.group !== undefined ? '#group=' + encodeURIComponent(target.group)
    : '#compare=' + target.runIds.map(encodeURIComponent).join(',');
  const opening = !(state.comparison && state.comparison.hash === hash);
  if (opening) {
    openComparison(target, hash);
    shownOptions = '';
    figures = new Map();
    showPanel('compare-detail');
    scheduleLists();
    loadComparison();
  }
  if (view) {
    showComparisonAs({series: param(view, 'series'), logScale: flag(param(view, 'log')), hidden: listParam(view, 'hide')});
  }
  showComparisonAddress();
  scheduleComparison();
}

function showComparisonAddress() {
  const comparison = state.comparison;
  setHash(hashOf(comparison.hash, [
    ['series', comparison.series],
    ['log', comparison.logScale === null ? null : (comparison.logScale ? '1' : '0')],
    ['hide', [...comparison.hidden]],
  ]));
}

async function loadComparison() {
  const comparison = state.comparison;
  try {
    const found = await fetchComparison(comparison);
    if (comparison === state.comparison) applyComparison(found);
  } catch (error) {
    if (comparison === state.comparison) {
      comparisonFailed(comparison, error.message);
      scheduleComparison();
    }
  }
}

// Takes the server's view of which runs are compared and what varies, and reads the history of runs new to it.
export function applyComparison(found) {
  const added = compareAs(found);
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
    data: state.loaded.get(run.runId),
  }));
}

export const scheduleComparison = perFrame(renderComparison);

export const scheduleComparisonChart = perFrame(() => {
  if (state.comparison) drawComparisonChart();
});

function renderComparison() {
  const comparison = state.comparison;
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
  showFrontier(comparison.group, comparedRuns(comparison).reduce((n, run) => n + run.data.evaluations.size, 0));
  renderComparisonTable(comparison);
  renderComparisonImages(comparison);
}

// ---- chart ------------------------------------------------------------------------------------

// What the comparison chart can show: any training series of the runs, or any evaluation metric
// over checkpoint steps.
function seriesOptions() {
  const losses = new Set();
  const evaluations = [];
  for (const data of state.loaded.values()) {
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

// The series picked while it is offered, else the first offered.
function drawnSeries(comparison, options) {
  const picked = options.find((option) => option.value === comparison.series);
  return picked || options[0] || null;
}

function renderSeriesOptions(drawn, options) {
  const select = $('compare-series');
  const signature = options.map((option) => option.value).join('\n');
  if (shownOptions !== signature) {
    select.replaceChildren(...options.map((option) => el('option', {value: option.value}, option.label)));
    shownOptions = signature;
  }
  select.value = drawn ? drawn.value : '';
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
  const comparison = state.comparison;
  const options = seriesOptions();
  const option = drawnSeries(comparison, options);
  renderSeriesOptions(option, options);
  const lines = comparedRuns(comparison).map((run) => ({
    key: run.runId,
    label: run.label ? `${run.runId} · ${run.label}` : run.runId,
    color: run.color,
    ...seriesOf(run.data, option ? option.value : null),
  }));
  $('compare-log-scale').checked = comparison.logScale === null ? prefersLog(lines) : comparison.logScale;
  renderLegend('compare-legend', lines, comparison.hidden, (runId) => {
    toggleComparedRun(runId);
    showComparisonAddress();
    scheduleComparisonChart();
  });
  drawChart(compareChart, lines.filter((line) => !comparison.hidden.has(line.key)), option ? option.yLabel : '',
    $('compare-log-scale').checked);
  compareChart.canvas.dataset.series = option ? option.value : '';
}

// ---- table and images -------------------------------------------------------------------------

function renderComparisonTable(comparison) {
  const runs = comparedRuns(comparison);
  const columns = evaluationColumns(runs.flatMap((run) => [...run.data.evaluations.values()]));
  const table = $('compare-table');
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, 'run'),
    ...comparison.varied.map((name) => el('th', {}, words(name))),
    el('th', {}, 'state'), el('th', {}, 'step'), el('th', {}, 'checkpoint'), ...columns.map(columnHeader)));
  table.tBodies[0].replaceChildren(...runs.map((run) => {
    const summary = state.runs.get(run.runId) || {step: 0};
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

function renderComparisonImages(comparison) {
  for (const kind of ['samples', 'reconstructions']) {
    $('compare-' + kind).replaceChildren(...comparedRuns(comparison).map((run) => {
      const key = `${run.runId}|${kind}`;
      if (!figures.has(key)) {
        const figure = {
          caption: el('figcaption'),
          img: el('img', {alt: `${kind} of ${run.runId}`, hidden: true, 'data-run-id': run.runId}),
          status: el('div', {class: 'image-status'}),
        };
        figure.node = el('figure', {'data-run-id': run.runId}, figure.caption, figure.img, figure.status);
        figures.set(key, figure);
      }
      const figure = figures.get(key);
      const checkpoint = latestCheckpoint(run.data.checkpoints, kind);
      figure.caption.replaceChildren(el('span', {class: 'swatch', style: `background:${run.color};margin-right:6px`}),
        run.label ? `${run.runId} · ${run.label}` : run.runId,
        checkpoint ? ` · step ${formatStep(checkpoint.step)}` : '');
      showGrid(figure.img, figure.status, kind, checkpoint);
      return figure.node;
    }));
  }
}

// ---- controls ---------------------------------------------------------------------------------

$('compare-series').addEventListener('change', (event) => {
  chooseSeries(event.target.value);
  showComparisonAddress();
  scheduleComparisonChart();
});
$('compare-log-scale').addEventListener('change', (event) => {
  setCompareLogScale(event.target.checked);
  showComparisonAddress();
  scheduleComparisonChart();
});
