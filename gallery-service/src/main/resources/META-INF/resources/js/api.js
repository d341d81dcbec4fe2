// The gallery's REST API: the state the page starts from and re-reads after a reconnect. Reads are
// open unless aegan.auth.read-access=token, and the page sends no token (as before the split).

export async function getJson(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
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
  const [datasets, runs, groups] = await Promise.all([
    getJson('/api/datasets'), getJson('/api/runs'), getJson('/api/groups')]);
  return {datasets, runs, groups};
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
