// Where the page is: one run (#run=<id>), the runs of a sweep side by side (#group=<id>), runs
// picked by hand side by side (#compare=<id>,<id>,...) or one dataset (#dataset=<name>).

import {$} from './dom.js';

export function route() {
  const match = location.hash.match(/^#(run|group|compare|dataset)=(.+)$/);
  if (!match) return null;
  return match[1] === 'compare'
    ? {kind: 'compare', runIds: match[2].split(',').filter(Boolean).map(decodeURIComponent)}
    : {kind: match[1], id: decodeURIComponent(match[2])};
}

export function setHash(hash) {
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }
}

export function showPanel(id) {
  for (const panel of ['run-detail', 'compare-detail', 'dataset-detail', 'empty-detail']) {
    $(panel).hidden = panel !== id;
  }
}
