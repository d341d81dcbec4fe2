// The gallery's REST API: the state the page starts from and re-reads after a reconnect. Reads are
// open unless aegan.auth.read-access=token; then every call carries the reader token (auth.js).

import {authorizedFetch, signedIn} from './auth.js';

export async function getJson(url) {
  const response = await authorizedFetch(url, {headers: {Accept: 'application/json'}});
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message || `${url}: HTTP ${response.status}`);
  }
  return response.json();
}

function runUrl(runId) {
  return '/api/runs/' + encodeURIComponent(runId);
}

export async function fetchSummaries() {
  const [datasets, runs, groups, studies] = await Promise.all([
    getJson('/api/datasets'), getJson('/api/runs'), getJson('/api/groups'), getJson('/api/studies')]);
  return {datasets, runs, groups, studies};
}

export function studyUrl(name) {
  return '/api/studies/' + encodeURIComponent(name);
}

export async function fetchRunHistory(runId) {
  const [metrics, checkpoints, evaluations] = await Promise.all([
    getJson(runUrl(runId) + '/metrics'),
    getJson(runUrl(runId) + '/checkpoints'),
    getJson(runUrl(runId) + '/evaluations')]);
  return {metrics, checkpoints, evaluations};
}

// target: {group} for a sweep (group not null), {runIds} for runs picked by hand.
export function fetchComparison(target) {
  return getJson(target.group !== null ? '/api/groups/' + encodeURIComponent(target.group)
    : '/api/comparison?runs=' + target.runIds.map(encodeURIComponent).join(','));
}

// An <img> cannot send a token: with one, a grid is fetched with it and shown from memory. Grids
// never change once drawn, so each is fetched once per page.
const gridsInMemory = new Map();

async function fetchGrid(url) {
  const response = await authorizedFetch(url, {headers: {Accept: 'image/png'}});
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

// What an <img> showing the grid at url should take as its src.
export function gridSource(url) {
  if (!signedIn()) return Promise.resolve(url);
  if (!gridsInMemory.has(url)) {
    const source = fetchGrid(url);
    source.catch(() => gridsInMemory.delete(url));
    gridsInMemory.set(url, source);
  }
  return gridsInMemory.get(url);
}
