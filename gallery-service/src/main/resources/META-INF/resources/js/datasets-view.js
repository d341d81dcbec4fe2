// One dataset (#dataset=<name>): a grid of its held-out images, its counts per split and per label
// (with the class names where the dataset has them), and the ingest records rejected for it: counts
// by reason and the latest reasons. Redrawn whenever a dataset event or a dead letter arrives.

import {gridSource} from './api.js';
import {$, el} from './dom.js';
import {factItems, formatStep, shapeOf} from './format.js';
import {setHash, showPanel} from './router.js';
import {state} from './state.js';

let shown = null;

export function showDataset(name) {
  setHash('#dataset=' + encodeURIComponent(name));
  shown = name;
  showPanel('dataset-detail');
  renderDataset();
}

export function datasetShown() {
  return !$('dataset-detail').hidden;
}

// A dataset event or a rejection: redrawn if it is the dataset shown.
export function refreshDataset(dataset) {
  if (datasetShown() && dataset.name === shown) renderDataset();
}

function renderDataset() {
  const dataset = state.datasets.get(shown) || {name: shown, countsBySplit: {}, labelNames: [], countsByLabel: {},
    rejectedByReason: {}, latestRejected: [], rejected: 0};
  $('dataset-title').textContent = dataset.name || '(no dataset header)';
  $('dataset-state').textContent = dataset.lastEvent || 'rejections only';
  $('dataset-facts').replaceChildren(...factItems([
    ['shape', shapeOf(dataset)],
    ['images', formatStep(Object.values(dataset.countsBySplit || {}).reduce((a, b) => a + b, 0))],
    ['classes', (dataset.labelNames || []).length || null],
    ['updated', dataset.updatedAt ? new Date(dataset.updatedAt).toLocaleString() : null],
  ]));
  renderSamples(dataset);
  rows('dataset-splits', Object.entries(dataset.countsBySplit || {}).map(([split, count]) =>
    el('tr', {'data-split': split}, el('td', {}, split), el('td', {class: 'number'}, formatStep(count)))));
  renderLabels(dataset);
  renderRejections(dataset);
}

function rows(tableId, trs) {
  $(tableId).tBodies[0].replaceChildren(...trs);
}

function renderSamples(dataset) {
  const img = $('dataset-samples');
  const status = $('dataset-samples-status');
  const heldOut = (dataset.countsBySplit || {}).heldout || 0;
  if (!heldOut) {
    img.hidden = true;
    status.hidden = false;
    status.textContent = 'No held-out image yet.';
    return;
  }
  // read again when more held-out images are announced (the grid shows the first ones, up to a few dozen)
  const url = `/api/datasets/${encodeURIComponent(dataset.name)}/samples.png?heldout=${heldOut}`;
  if (img.dataset.url === url) return;
  img.dataset.url = url;
  gridSource(url).then((source) => {
    if (img.dataset.url !== url) return;
    img.onload = () => { img.hidden = false; status.hidden = true; };
    img.onerror = () => {
      img.hidden = true;
      status.hidden = false;
      status.textContent = 'The held-out images are not readable yet.';
    };
    img.src = source;
  }).catch((error) => { status.textContent = error.message; });
}

function renderLabels(dataset) {
  const names = dataset.labelNames || [];
  const counts = dataset.countsByLabel || {};
  const labels = [...new Set([...names.keys(), ...Object.keys(counts).map(Number)])].sort((a, b) => a - b);
  $('dataset-labels').hidden = labels.length === 0;
  $('dataset-no-labels').hidden = labels.length > 0;
  rows('dataset-labels', labels.map((label) => el('tr', {'data-label': String(label)},
    el('td', {class: 'number'}, label),
    el('td', {'data-field': 'name'}, names[label] !== undefined ? names[label] : '–'),
    el('td', {class: 'number', 'data-field': 'count'}, counts[label] !== undefined ? formatStep(counts[label]) : '–'))));
}

function renderRejections(dataset) {
  const byReason = Object.entries(dataset.rejectedByReason || {});
  $('dataset-rejected-count').textContent = dataset.rejected ? `(${formatStep(dataset.rejected)})` : '';
  $('dataset-no-rejections').hidden = byReason.length > 0;
  $('dataset-rejections').hidden = byReason.length === 0;
  rows('dataset-rejections', byReason.map(([code, count]) => el('tr', {'data-reason': code},
    el('td', {}, el('code', {}, code)), el('td', {class: 'number'}, formatStep(count)))));
  $('dataset-latest-rejected').replaceChildren(...(dataset.latestRejected || []).map((record) =>
    el('li', {'data-code': record.code}, el('code', {}, record.code), ' ', record.reason || '')));
}
