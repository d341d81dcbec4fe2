// What the page knows and what it shows. Views read `state`; only the functions of this module
// change it.

import {fetchRunHistory} from './api.js';

export const state = {
  runs: new Map(),
  datasets: new Map(),
  groups: new Map(),        // sweep id -> its runs and the settings that differ between them
  studies: new Map(),       // study name -> its progress (StudySummary)
  selected: null,           // the run shown alone
  comparison: null,         // the runs shown side by side (see openComparison)
  loaded: new Map(),        // run id -> {series, checkpoints, evaluations} of every run shown
  shownStep: null,
  followLatest: true,       // the shown step moves to each new checkpoint
  hidden: new Set(),        // loss names switched off in the legend
  logScale: null,           // the losses' scale picked by hand (true: log); null: as suits them
  hiddenMetrics: new Set(), // evaluation charts switched off (metric-charts.js)
  metricsScale: null,       // 'log' or 'linear' for every evaluation chart; null: as suits each
};

// ---- summaries of every dataset, run and sweep ----------------------------------------------

export function replaceSummaries({datasets, runs, groups, studies}) {
  state.datasets = new Map(datasets.map((d) => [d.name, d]));
  state.runs = new Map(runs.map((r) => [r.runId, r]));
  state.groups = new Map(groups.map((g) => [g.group, g]));
  state.studies = new Map(studies.map((s) => [s.study, s]));
}

export function putStudy(study) {
  state.studies.set(study.study, study);
}

export function putDataset(dataset) {
  state.datasets.set(dataset.name, dataset);
}

export function putRun(run) {
  state.runs.set(run.runId, run);
}

export function putGroup(group) {
  state.groups.set(group.group, group);
}

export function sortedRuns() {
  return [...state.runs.values()].sort((a, b) =>
    (b.updatedAt || '').localeCompare(a.updatedAt || '') || a.runId.localeCompare(b.runId));
}

// ---- what is shown ----------------------------------------------------------------------------

// After a reconnect, changes may have been missed: what is shown is opened (and read) again.
export function forgetShown() {
  state.selected = null;
  state.comparison = null;
}

export function openRun(runId) {
  state.selected = runId;
  state.comparison = null;
  state.loaded = new Map([[runId, emptyRunData()]]);
  showRunAs({});
}

// How the run is shown, as an address gives it (run-address.js): what it leaves out is the default.
export function showRunAs({step = null, logScale = null, hidden = [], hiddenMetrics = [], metricsScale = null}) {
  state.shownStep = step;
  state.followLatest = step === null;
  state.hidden = new Set(hidden);
  state.logScale = logScale;
  state.hiddenMetrics = new Set(hiddenMetrics);
  state.metricsScale = metricsScale;
}

export function setShownStep(step) {
  state.shownStep = step;
}

export function setFollowLatest(follow) {
  state.followLatest = follow;
}

export function toggleLoss(name) {
  toggle(state.hidden, name);
}

export function setLogScale(log) {
  state.logScale = log;
}

export function toggleMetricChart(key) {
  toggle(state.hiddenMetrics, key);
}

export function setMetricsScale(scale) {
  state.metricsScale = scale;
}

// target: {group} for a sweep, {runIds} for runs picked by hand; hash: where it is shown.
export function openComparison(target, hash) {
  state.selected = null;
  state.comparison = {
    hash,
    group: target.group !== undefined ? target.group : null,
    runIds: target.runIds || [],
    varied: [],
    runs: [],              // [{runId, values}] as the server compares them
    problem: null,         // why the comparison cannot be shown (yet)
    series: null,          // the option of #compare-series picked; null: the first offered
    hidden: new Set(),     // run ids switched off in the legend
    logScale: null,        // picked by hand (true: log); null: as suits the series
  };
  state.loaded = new Map();
  return state.comparison;
}

export function comparisonFailed(comparison, message) {
  comparison.problem = message;
}

// Takes the server's view of which runs are compared and what varies; the runs new to it are
// returned, with empty data to read their history into.
export function compareAs(found) {
  const comparison = state.comparison;
  comparison.problem = null;
  comparison.varied = found.varied;
  comparison.runs = found.runs;
  const added = found.runs.map((run) => run.runId).filter((runId) => !state.loaded.has(runId));
  added.forEach((runId) => state.loaded.set(runId, emptyRunData()));
  return added;
}

// A series picked by hand is drawn on the scale that suits it until the scale is picked too.
export function chooseSeries(value) {
  state.comparison.series = value;
  state.comparison.logScale = null;
}

// How the comparison is shown, as an address gives it (compare-view.js).
export function showComparisonAs({series = null, logScale = null, hidden = []}) {
  Object.assign(state.comparison, {series, logScale, hidden: new Set(hidden)});
}

export function toggleComparedRun(runId) {
  toggle(state.comparison.hidden, runId);
}

export function setCompareLogScale(log) {
  state.comparison.logScale = log;
}

function toggle(set, key) {
  if (set.has(key)) set.delete(key); else set.add(key);
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

function evaluationKey(e) {
  return `${e.step}|${e.metric}|${e.extractor}|${e.producer}`;
}

// Each returns false when the run is not shown (its update is not kept).
export function addMetric(update) {
  const data = state.loaded.get(update.runId);
  if (!data) return false;
  for (const [name, value] of Object.entries(update.values || {})) {
    if (!data.series.has(name)) data.series.set(name, {steps: [], values: []});
    addPoint(data.series.get(name), update.step, value);
  }
  return true;
}

export function addCheckpoint(checkpoint) {
  const data = state.loaded.get(checkpoint.runId);
  if (!data) return false;
  data.checkpoints.set(checkpoint.step, checkpoint);
  return true;
}

export function addEvaluation(evaluation) {
  const data = state.loaded.get(evaluation.runId);
  if (!data) return false;
  data.evaluations.set(evaluationKey(evaluation), evaluation);
  return true;
}

// Reads the history of a shown run into its data. Live updates that came in meanwhile are at
// least as new as what is read, so they stay. False when the run is no longer shown.
export async function loadRunData(runId) {
  const data = state.loaded.get(runId);
  const {metrics, checkpoints, evaluations} = await fetchRunHistory(runId);
  if (state.loaded.get(runId) !== data) return false;
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

// The steps from which a run drew from more of its dataset (after its start), marked on its charts.
export function dataArrivalSteps(runId) {
  return (state.runs.get(runId)?.dataArrivals || []).filter((a) => a.step > 0).map((a) => a.step);
}
