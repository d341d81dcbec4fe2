// One run alone (#run=<id>): its header, losses, checkpoint images and evaluations.

import {COLORS, drawChart, drawStepMarkers, lineChart, prefersLog, renderLegend} from './charts.js';
import {$, el, perFrame} from './dom.js';
import {columnHeader, evaluationColumns, evaluationTitle} from './evaluations.js';
import {factItems, formatNumber, formatStep, words} from './format.js';
import {readySteps, showGrid} from './images.js';
import {renderInterpolations} from './interpolations.js';
import {renderJudgingLag} from './judging-lag.js';
import {scheduleMetricCharts} from './metric-charts.js';
import {renderNeighbours} from './neighbours.js';
import {runViewOf, showRunAddress} from './run-address.js';
import {showPanel} from './router.js';
import {timingFacts} from './run-timing.js';
import {scheduleLists} from './sidebar.js';
import {
  dataArrivalSteps, loadRunData, openRun, setFollowLatest, setLogScale, setShownStep, showRunAs, state, toggleLoss,
} from './state.js';

const lossChart = lineChart('loss-chart', 'chart-tooltip', 'chart-empty');

// view: the pairs of an address (router.js) to show the run as; without, a run already shown stays as it is.
export function selectRun(runId, view = null) {
  const opening = state.selected !== runId;
  if (opening) openRun(runId);
  if (view) showRunAs(runViewOf(view));
  showRunAddress();
  if (opening) {
    scheduleLists();
    loadSelectedRun();
  } else if (view) {
    scheduleLosses();
    renderCheckpoints();
    scheduleMetricCharts();
  }
}

async function loadSelectedRun() {
  const runId = state.selected;
  showPanel('run-detail');
  renderRunHeader();
  try {
    if (!await loadRunData(runId)) return;
    scheduleLosses();
    renderCheckpoints();
    renderEvaluations();
  } catch (error) {
    console.warn('could not load run', runId, error);
  }
}

export function renderRunHeader() {
  const run = state.runs.get(state.selected);
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
    ...timingFacts(run),
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
  $('samples-classes').textContent = classRows(spec.hyperparameters?.classes, state.datasets.get(run.dataset));
  const reason = $('run-reason');
  reason.hidden = !run.reason;
  reason.textContent = run.reason || '';
}

// A conditional model's sample grid shows one class per row, in label order (CheckpointRenderer).
function classRows(classes, dataset) {
  if (!classes) return '';
  const names = (dataset?.labelNames || []).slice(0, classes);
  const listed = names.length ? ': ' + names.slice(0, 10).join(', ') + (classes > 10 ? ', …' : '') : '';
  return `, one class per row in label order${listed}`;
}

// ---- losses -----------------------------------------------------------------------------------

export const scheduleLosses = perFrame(() => {
  if (state.selected) drawLosses();
});

function drawLosses() {
  const data = state.loaded.get(state.selected);
  const lines = [...data.series].map(([name, s], i) =>
    ({key: name, label: name, color: COLORS[i % COLORS.length], steps: s.steps, values: s.values}));
  $('log-scale').checked = state.logScale === null ? prefersLog(lines) : state.logScale;
  renderLegend('loss-legend', lines, state.hidden, (name) => {
    toggleLoss(name);
    showRunAddress();
    scheduleLosses();
  });
  drawChart(lossChart, lines.filter((line) => !state.hidden.has(line.key)), 'loss', $('log-scale').checked);
  drawStepMarkers(lossChart, dataArrivalSteps(state.selected), 'new data');
}

// ---- checkpoint images ------------------------------------------------------------------------

export function renderCheckpoints() {
  const checkpoints = state.loaded.get(state.selected).checkpoints;
  const steps = [...checkpoints.keys()].sort((a, b) => b - a);
  const select = $('step-select');
  const ready = readySteps(checkpoints);
  // a step from the address stays, even before its checkpoint is read
  if (state.followLatest || state.shownStep === null) {
    setShownStep(ready.length ? ready[0] : (steps.length ? steps[0] : null));
  }
  $('follow-latest').checked = state.followLatest;
  select.replaceChildren(...steps.map((step) => {
    const c = checkpoints.get(step);
    const label = formatStep(step) + (c.last ? ' (last)' : '')
      + (c.samples.state === 'pending' ? ' – rendering' : c.samples.state === 'failed' ? ' – failed' : '');
    return el('option', {value: String(step), selected: step === state.shownStep}, label);
  }));
  select.disabled = steps.length === 0;
  const checkpoint = state.shownStep === null ? null : checkpoints.get(state.shownStep);
  showGrid($('samples'), $('samples-status'), 'samples', checkpoint);
  showGrid($('reconstructions'), $('reconstructions-status'), 'reconstructions', checkpoint);
  renderInterpolations(checkpoint);
  renderNeighbours(state.selected, state.shownStep);
}

// ---- evaluations ------------------------------------------------------------------------------

export function renderEvaluations() {
  const evaluations = [...state.loaded.get(state.selected).evaluations.values()];
  $('no-evaluations').hidden = evaluations.length > 0;
  renderJudgingLag($('judging-lag'), evaluations);
  scheduleMetricCharts();
  renderNeighbours(state.selected, state.shownStep);
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

// ---- controls ---------------------------------------------------------------------------------

$('log-scale').addEventListener('change', (event) => {
  setLogScale(event.target.checked);
  showRunAddress();
  scheduleLosses();
});
$('step-select').addEventListener('change', (event) => {
  setShownStep(Number(event.target.value));
  setFollowLatest(state.shownStep === readySteps(state.loaded.get(state.selected).checkpoints)[0]);
  showRunAddress();
  renderCheckpoints();
});
$('follow-latest').addEventListener('change', (event) => {
  setFollowLatest(event.target.checked);
  showRunAddress();
  renderCheckpoints();
});
