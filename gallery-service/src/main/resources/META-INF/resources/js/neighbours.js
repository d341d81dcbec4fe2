// The memorisation view: the shown checkpoint's first samples beside their nearest training images,
// in pixel space and in each feature extractor's space, as metrics-service stored them when it judged
// the checkpoint (read by the gallery, GET /api/runs/{id}/neighbours/{step}).

import {authorizedFetch} from './auth.js';
import {$, el} from './dom.js';
import {formatNumber, formatStep} from './format.js';
import {state} from './state.js';

const MIN_TILE = 56;
// What the card shows: key `${runId}@${step}`, and whether that step's memorisation was judged when it was drawn.
const shown = {key: null, judged: false, data: null, space: null};

function build(card) {
  card.replaceChildren(
    el('div', {class: 'card-head'}, el('h3', {}, 'Nearest training images'),
      el('div', {id: 'neighbour-controls', class: 'controls', hidden: true},
        el('label', {htmlFor: 'neighbour-space'}, 'space'),
        el('select', {id: 'neighbour-space', disabled: true}))),
    el('p', {id: 'neighbours-status', class: 'muted'}, 'No checkpoint yet.'),
    el('div', {id: 'neighbours', class: 'neighbours', hidden: true}));
  $('neighbour-space').addEventListener('change', (event) => {
    shown.space = event.target.value;
    drawSpace();
  });
}

function tile(data, base64, title) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const {channels, height, width} = data;
  const canvas = el('canvas', {width, height, title});
  const scale = Math.max(1, Math.ceil(MIN_TILE / Math.max(height, width)));
  canvas.style.width = `${width * scale}px`;
  canvas.style.height = `${height * scale}px`;
  const context = canvas.getContext('2d');
  const image = context.createImageData(width, height);
  const plane = height * width;
  for (let p = 0; p < plane; p++) {
    image.data[4 * p] = bytes[p];
    image.data[4 * p + 1] = bytes[channels === 3 ? p + plane : p];
    image.data[4 * p + 2] = bytes[channels === 3 ? p + 2 * plane : p];
    image.data[4 * p + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

function drawSpace() {
  const data = shown.data;
  const space = data.spaces.find((s) => s.space === shown.space) || data.spaces[0];
  $('neighbours').replaceChildren(...(space ? space.queries : []).map((query) => el('div',
    {class: 'neighbour-row', 'data-sample': String(query.sample)},
    el('figure', {class: 'neighbour-sample'}, tile(data, query.pixels, `sample ${query.sample}`),
      el('figcaption', {}, `sample ${query.sample}`)),
    ...query.neighbours.map((n) => el('figure', {},
      tile(data, n.pixels, `training image ${n.trainingIndex}`),
      el('figcaption', {}, `d ${formatNumber(n.distance)}`))))));
}

function show(data) {
  shown.data = data;
  const select = $('neighbour-space');
  const spaces = data.spaces.map((s) => s.space);
  if (!spaces.includes(shown.space)) shown.space = spaces[0] || null;
  select.replaceChildren(...spaces.map((s) => el('option', {value: s, selected: s === shown.space}, s)));
  select.disabled = spaces.length < 2;
  $('neighbour-controls').hidden = false;
  $('neighbours-status').textContent = `Step ${formatStep(data.step)}: the first samples (left) and their`
    + ' nearest training images, closest first; d is the distance in the chosen space.';
  $('neighbours').hidden = false;
  drawSpace();
}

function showStatus(text, key) {
  shown.data = null;
  $('neighbours').hidden = true;
  $('neighbour-space').replaceChildren();
  $('neighbour-controls').hidden = true;
  const status = $('neighbours-status');
  status.textContent = text;
  status.dataset.state = key;
}

const NOT_EVALUATED = (step) => `Not evaluated yet: metrics-service stores the nearest training images of step `
  + `${formatStep(step)} when it judges it (every evaluate-every-th checkpoint and the last).`;

async function load(runId, step, key) {
  const url = `/api/runs/${encodeURIComponent(runId)}/neighbours/${step}`;
  const response = await authorizedFetch(url, {headers: {Accept: 'application/json'}});
  if (shown.key !== key) return;
  if (response.ok) {
    $('neighbours-status').dataset.state = 'ready';
    show(await response.json());
  } else if (response.status === 404) {
    showStatus(NOT_EVALUATED(step), 'not-evaluated');
  } else {
    showStatus(`Could not read the nearest neighbours: HTTP ${response.status}`, 'failed');
  }
}

build($('neighbours-card'));

// metrics-service stores a checkpoint's nearest neighbours before it publishes the checkpoint's
// pixel_memorisation (MetricNames.PIXEL_MEMORISATION): until that evaluation arrives there is nothing to ask for.
const STORED_WITH = 'pixel_memorisation';

function memorisationJudged(runId, step) {
  const data = state.loaded.get(runId);
  return Boolean(data) && [...data.evaluations.values()].some((e) => e.step === step && e.metric === STORED_WITH);
}

// Draws the view for the shown step; asks the gallery only once the step's neighbours are stored.
export function renderNeighbours(runId, step) {
  if (step === null || step === undefined) {
    shown.key = null;
    showStatus('No checkpoint yet.', 'none');
    return;
  }
  const key = `${runId}@${step}`;
  const judged = memorisationJudged(runId, step);
  if (shown.key === key && (shown.data || shown.judged === judged)) return;
  shown.key = key;
  shown.judged = judged;
  if (!judged) {
    showStatus(NOT_EVALUATED(step), 'not-evaluated');
    return;
  }
  load(runId, step, key).catch((error) => showStatus(`Could not read the nearest neighbours: ${error}`, 'failed'));
}
