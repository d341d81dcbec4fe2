// The sidebar: lone runs and sweeps, most recently active first, the datasets and the studies.

import {$, el, perFrame} from './dom.js';
import {formatStep, shapeOf, variedLabel, words} from './format.js';
import {timingLine} from './run-timing.js';
import {sortedRuns, state} from './state.js';
import {shownStudy, stageBadge, studyLine} from './study-view.js';

// What a click on a run or on a sweep's heading opens; set by initSidebar.
const actions = {openRun: () => {}, openGroup: () => {}, openDataset: () => {}, openStudy: () => {}};

export function initSidebar({openRun, openGroup, openDataset, openStudy}) {
  actions.openRun = openRun;
  actions.openGroup = openGroup;
  actions.openDataset = openDataset;
  actions.openStudy = openStudy;
}

export const scheduleLists = perFrame(() => {
  renderRunList();
  renderDatasetList();
  renderStudyList();
});

// A sweep lists its runs under one heading.
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
  const timing = timingLine(run);
  const item = el('li', {class: 'run-item' + (run.runId === state.selected ? ' selected' : ''), 'data-run-id': run.runId},
    el('div', {class: 'item-title'},
      el('span', {class: 'name', title: run.runId}, run.runId),
      el('span', {class: 'badge ' + (run.state || '')}, run.state || 'unknown')),
    label ? el('div', {class: 'item-sub varied'}, label) : null,
    el('div', {class: 'item-sub'},
      `${run.model || '?'} · ${run.dataset || '?'} · step ${formatStep(run.step)}${run.steps ? ' / ' + formatStep(run.steps) : ''}`),
    timing ? el('div', {class: 'item-sub timing', 'data-field': 'timing', title: timing.title}, timing.text) : null,
    el('div', {class: 'mini-progress'}, el('div', {style: `width:${(fraction * 100).toFixed(1)}%`})));
  item.addEventListener('click', () => actions.openRun(run.runId));
  return item;
}

function groupItem(group, runs) {
  const comparison = state.groups.get(group);
  const sorted = [...runs].sort((a, b) => a.runId.localeCompare(b.runId, 'en', {numeric: true}));
  const head = el('div', {class: 'group-head', title: 'compare the runs of this sweep side by side'},
    el('div', {class: 'item-title'},
      el('span', {class: 'name'}, group),
      el('span', {class: 'count'}, `${sorted.length} run${sorted.length === 1 ? '' : 's'}`)),
    comparison && comparison.varied.length
      ? el('div', {class: 'item-sub'}, 'varies ' + comparison.varied.map(words).join(', ')) : null);
  head.addEventListener('click', () => actions.openGroup(group));
  const selected = state.comparison && state.comparison.group === group;
  return el('li', {class: 'group-item' + (selected ? ' selected' : ''), 'data-group': group},
    head,
    el('ul', {class: 'item-list'}, ...sorted.map((run) => runItem(run, variedLabel(comparison, run.runId)))));
}

function renderDatasetList() {
  const datasets = [...state.datasets.values()].sort((a, b) => a.name.localeCompare(b.name));
  $('dataset-count').textContent = datasets.length ? `(${datasets.length})` : '';
  $('no-datasets').hidden = datasets.length > 0;
  $('dataset-list').replaceChildren(...datasets.map((dataset) => {
    const counts = dataset.countsBySplit || {};
    const parts = [shapeOf(dataset)];
    if (counts.train !== undefined) parts.push(`train ${formatStep(counts.train)}`);
    if (counts.heldout !== undefined) parts.push(`held-out ${formatStep(counts.heldout)}`);
    const item = el('li', {class: 'dataset-item', 'data-dataset': dataset.name},
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
    item.addEventListener('click', () => actions.openDataset(dataset.name));
    return item;
  }));
}

function renderStudyList() {
  const studies = [...state.studies.values()].sort((a, b) => a.study.localeCompare(b.study));
  $('study-count').textContent = studies.length ? `(${studies.length})` : '';
  $('no-studies').hidden = studies.length > 0;
  $('study-list').replaceChildren(...studies.map((study) => {
    const fraction = study.runsTotal ? study.runsFinished / study.runsTotal : 0;
    const item = el('li', {class: 'study-item' + (study.study === shownStudy() ? ' selected' : ''),
      'data-study': study.study},
    el('div', {class: 'item-title'},
      el('span', {class: 'name', title: study.title || study.study}, study.study),
      stageBadge(study)),
    el('div', {class: 'item-sub'}, studyLine(study)),
    el('div', {class: 'mini-progress'}, el('div', {style: `width:${(fraction * 100).toFixed(1)}%`})));
    item.addEventListener('click', () => actions.openStudy(study.study));
    return item;
  }));
}
