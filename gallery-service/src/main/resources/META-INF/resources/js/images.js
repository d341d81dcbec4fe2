// The sample and reconstruction grids of checkpoints, as the run view and the comparison show them.

import {gridSource} from './api.js';
import {formatStep} from './format.js';

// The steps with a drawn grid, newest first.
export function readySteps(checkpoints) {
  return [...checkpoints.values()]
    .filter((c) => c.samples.state === 'ready' || c.reconstructions.state === 'ready')
    .map((c) => c.step).sort((a, b) => b - a);
}

// The newest checkpoint whose grid of this kind is drawn, else the newest one (to say where it stands).
export function latestCheckpoint(checkpoints, kind) {
  const newestFirst = [...checkpoints.values()].sort((a, b) => b.step - a.step);
  return newestFirst.find((c) => c[kind].state === 'ready') || newestFirst[0] || null;
}

// data-step names the step of the grid in src, so it changes with src (a fetched grid comes later).
function showSource(img, url, step) {
  if (img.dataset.url === url) return;
  img.dataset.url = url;
  gridSource(url).then((source) => {
    if (img.dataset.url !== url) return; // another grid was asked for meanwhile
    img.setAttribute('src', source);
    img.dataset.step = step;
  }).catch((error) => console.warn('could not load the grid', url, error));
}

export function showGrid(img, status, kind, checkpoint) {
  const grid = checkpoint ? checkpoint[kind] : null;
  if (grid && grid.state === 'ready') {
    showSource(img, grid.url, String(checkpoint.step));
    img.hidden = false;
    status.hidden = true;
    return;
  }
  img.hidden = true;
  img.removeAttribute('src');
  delete img.dataset.url;
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
