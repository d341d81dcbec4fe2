// The gallery page: REST for the state, server-sent events for every change after it. This module
// wires the views to the stream and to the address; each view lives in its own module.

import {fetchSummaries} from './api.js';
import {initSignIn} from './auth.js';
import {applyComparison, scheduleComparison, scheduleComparisonChart, showComparison} from './compare-view.js';
import {datasetShown, refreshDataset, showDataset} from './datasets-view.js';
import {refreshStudies, showStudies, studiesShown} from './studies-view.js';
import {refreshStudy, showStudy, studyShown} from './study-view.js';
import {GalleryEvent} from './events.js';
import {route} from './router.js';
import {scheduleMetricCharts} from './metric-charts.js';
import {renderCheckpoints, renderEvaluations, renderRunHeader, scheduleLosses, selectRun} from './run-view.js';
import {initSidebar, scheduleLists} from './sidebar.js';
import {
  addCheckpoint, addEvaluation, addMetric, forgetShown, putDataset, putGroup, putRun, putStudy, replaceSummaries,
  sortedRuns, state,
} from './state.js';
import {connect} from './stream.js';

// Shows what the address names, as it names it.
function follow(wanted) {
  if (wanted.kind === 'run') selectRun(wanted.id, wanted.view);
  else if (wanted.kind === 'group') showComparison({group: wanted.id}, wanted.view);
  else if (wanted.kind === 'dataset') showDataset(wanted.id);
  else if (wanted.kind === 'study') showStudy(wanted.id);
  else if (wanted.kind === 'studies') showStudies();
  else showComparison({runIds: wanted.runIds}, wanted.view);
}

// Each chart draws only while its view is shown.
function scheduleCharts() {
  scheduleLosses();
  scheduleMetricCharts();
  scheduleComparisonChart();
}

async function loadAll() {
  const summaries = await fetchSummaries();
  replaceSummaries(summaries);
  scheduleLists();
  const wanted = route();
  if (wanted && (wanted.kind !== 'run' || state.runs.has(wanted.id))) {
    // after a reconnect, changes may have been missed: read what is shown again
    forgetShown();
    follow(wanted);
  } else if (summaries.runs.length) {
    selectRun(sortedRuns()[0].runId);
  }
}

// A checkpoint announced, its grids rendered, an evaluation: redrawn where the run is shown.
function renderShownRun(render) {
  if (state.selected) render(); else scheduleComparison();
}

function onCheckpoint(checkpoint) {
  if (addCheckpoint(checkpoint)) renderShownRun(renderCheckpoints);
}

initSignIn();
initSidebar({openRun: selectRun, openGroup: (group) => showComparison({group}), openDataset: showDataset,
  openStudy: showStudy});
window.addEventListener('resize', scheduleCharts);
window.addEventListener('hashchange', () => {
  const wanted = route();
  if (wanted) follow(wanted);
});

connect({
  // after a reconnect, changes may have been missed: read the whole state again
  [GalleryEvent.HELLO]: () => loadAll().catch((error) => console.warn('could not load the state', error)),
  [GalleryEvent.PING]: () => {},
  [GalleryEvent.DATASET]: (dataset) => {
    putDataset(dataset);
    scheduleLists();
    refreshDataset(dataset);
  },
  [GalleryEvent.RUN]: (run) => {
    putRun(run);
    scheduleLists();
    if (run.runId === state.selected) {
      renderRunHeader();
    } else if (state.loaded.has(run.runId)) {
      scheduleComparison();
    } else if (!state.selected && !state.comparison && !datasetShown() && !studyShown() && !studiesShown()) {
      selectRun(run.runId);
    }
  },
  [GalleryEvent.GROUP]: (group) => {
    putGroup(group);
    scheduleLists();
    if (state.comparison && state.comparison.group === group.group) applyComparison(group);
  },
  [GalleryEvent.METRIC]: (update) => {
    if (addMetric(update)) scheduleCharts();
  },
  [GalleryEvent.CHECKPOINT]: onCheckpoint,
  [GalleryEvent.IMAGES]: onCheckpoint,
  [GalleryEvent.EVALUATION]: (evaluation) => {
    if (addEvaluation(evaluation)) renderShownRun(renderEvaluations);
  },
  [GalleryEvent.STUDY]: (study) => {
    putStudy(study);
    scheduleLists();
    refreshStudy(study);
    refreshStudies();
  },
});
