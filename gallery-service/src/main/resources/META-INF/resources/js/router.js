// Where the page is: one run (#run=<id>), the runs of a sweep side by side (#group=<id>) or runs
// picked by hand side by side (#compare=<id>,<id>,...).

import {$} from './dom.js';

export function route() {
  const match = location.hash.match(/^#(run|group|compare)=(.+)$/);
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
  for (const panel of ['run-detail', 'compare-detail', 'empty-detail']) {
    $(panel).hidden = panel !== id;
  }
}
