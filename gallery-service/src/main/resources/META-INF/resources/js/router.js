// Where the page is and how it shows it, all in the address so that it can be shared: the first pair
// says what is shown: one run (#run=<id>), the runs of a sweep side by side (#group=<id>), runs
// picked by hand side by side (#compare=<id>,<id>,...), one dataset (#dataset=<name>), every study
// (#studies, the one address without a value) or one study (#study=<name>); the pairs
// after it say how (&step=120&log=1...), each view naming its own. Every value is URI-encoded; a list's items are encoded one by one and
// joined with commas.

import {$} from './dom.js';

// Every kind of address the page knows (GalleryConsoleErrorsTest visits each one).
export const ROUTE_KINDS = ['run', 'group', 'compare', 'dataset', 'studies', 'study'];

function decodeList(value) {
  return value.split(',').filter(Boolean).map(decodeURIComponent);
}

// {kind, id | runIds, view}: view is a Map of the pairs after the first, values still encoded (see param, listParam).
export function route() {
  const [first, ...rest] = location.hash.replace(/^#/, '').split('&');
  if (first === 'studies') return {kind: 'studies', view: new Map()};
  const match = first.match(/^([a-z-]+)=(.+)$/);
  if (!match || !ROUTE_KINDS.includes(match[1])) return null;
  const view = new Map(rest.filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  }));
  return match[1] === 'compare'
    ? {kind: 'compare', runIds: decodeList(match[2]), view}
    : {kind: match[1], id: decodeURIComponent(match[2]), view};
}

export function param(view, key) {
  return view && view.has(key) ? decodeURIComponent(view.get(key)) : null;
}

export function listParam(view, key) {
  return view && view.has(key) ? decodeList(view.get(key)) : [];
}

// The address of what is shown: base (#run=<id>, ...) and the pairs [key, value] of how; a value that
// is null, undefined or an empty list is left out (the view's default).
export function hashOf(base, pairs) {
  const parts = [base];
  for (const [key, value] of pairs) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    parts.push(key + '=' + (Array.isArray(value) ? value.map(encodeURIComponent).join(',')
      : encodeURIComponent(String(value))));
  }
  return parts.join('&');
}

// A boolean the user set (true / false), or null while the view picks it.
export function flag(value) {
  return value === null ? null : value === '1';
}

export function setHash(hash) {
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }
}

export function showPanel(id) {
  for (const panel of ['run-detail', 'compare-detail', 'dataset-detail', 'studies-detail', 'study-detail', 'empty-detail']) {
    $(panel).hidden = panel !== id;
  }
}
