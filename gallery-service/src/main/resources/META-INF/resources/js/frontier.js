// The frontier of a sweep (#group=<id>): every run as a point of two metrics chosen here, at its
// latest checkpoint judged on both, and the Pareto front the gallery computes
// (GET /api/groups/{group}/frontier). Read again whenever the sweep's evaluations change.

import {getJson} from './api.js';
import {$, el} from './dom.js';
import {formatNumber, formatStep, formatTick} from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = {left: 64, right: 16, top: 12, bottom: 44};
const ARROWS = {LOWER_IS_BETTER: '↓ lower is better', HIGHER_IS_BETTER: '↑ higher is better'};

// What was last asked for, so an unchanged sweep is not read again; the axes chosen in the page.
let asked = '';
let chosen = {x: '', y: ''};
let shownGroup = null;

// Called whenever the comparison redraws: a sweep's frontier is read again when its runs'
// evaluations (evaluationCount) or the chosen axes change; runs picked by hand have none.
export function showFrontier(group, evaluationCount) {
  $('frontier-card').hidden = group === null;
  if (group === null) return;
  if (group !== shownGroup) {
    shownGroup = group;
    chosen = {x: '', y: ''};
  }
  const query = new URLSearchParams();
  if (chosen.x) query.set('x', chosen.x);
  if (chosen.y) query.set('y', chosen.y);
  const url = `/api/groups/${encodeURIComponent(group)}/frontier?${query}`;
  if (asked === `${url}#${evaluationCount}`) return;
  asked = `${url}#${evaluationCount}`;
  getJson(url)
    .then((frontier) => { if (frontier.group === shownGroup) renderFrontier(frontier); })
    .catch((error) => { $('frontier-note').textContent = error.message; });
}

function renderFrontier(frontier) {
  for (const axis of ['x', 'y']) {
    const select = $('frontier-' + axis);
    select.replaceChildren(...frontier.axes.map((a) => el('option', {value: a.name}, a.name)));
    select.value = frontier[axis] ? frontier[axis].name : '';
    select.disabled = frontier.axes.length === 0;
  }
  const plot = $('frontier-plot');
  plot.dataset.points = String(frontier.points.length);
  plot.dataset.front = frontier.points.filter((p) => p.onFront).map((p) => p.runId).sort().join(',');
  plot.replaceChildren();
  $('frontier-note').textContent = frontier.points.length
    ? 'Each run at its latest checkpoint judged on both metrics; the line joins the runs no other run beats on both.'
    : 'No run has been judged on both metrics yet.';
  if (!frontier.points.length) return;
  drawPlot(plot, frontier);
}

function scale(values, from, to) {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  const at = (value) => from + (value - min) / (max - min) * (to - from);
  at.ticks = [min + pad, (min + max) / 2, max - pad];
  return at;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([key, value]) => node.setAttribute(key, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawPlot(plot, frontier) {
  plot.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  const x = scale(frontier.points.map((p) => p.x), MARGIN.left, WIDTH - MARGIN.right);
  const y = scale(frontier.points.map((p) => p.y), HEIGHT - MARGIN.bottom, MARGIN.top);
  const bottom = HEIGHT - MARGIN.bottom;
  plot.append(svg('line', {x1: MARGIN.left, y1: bottom, x2: WIDTH - MARGIN.right, y2: bottom, class: 'frontier-axis'}),
    svg('line', {x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: bottom, class: 'frontier-axis'}));
  for (const tick of x.ticks) {
    plot.append(svg('text', {x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'frontier-tick'}, formatTick(tick)));
  }
  for (const tick of y.ticks) {
    plot.append(svg('text', {x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'frontier-tick'}, formatTick(tick)));
  }
  plot.append(svg('text', {x: (MARGIN.left + WIDTH - MARGIN.right) / 2, y: HEIGHT - 6, 'text-anchor': 'middle',
    class: 'frontier-label', 'data-axis': 'x'}, `${frontier.x.name} ${ARROWS[frontier.x.direction]}`),
  svg('text', {x: 14, y: (MARGIN.top + bottom) / 2, 'text-anchor': 'middle', class: 'frontier-label', 'data-axis': 'y',
    transform: `rotate(-90 14 ${(MARGIN.top + bottom) / 2})`}, `${frontier.y.name} ${ARROWS[frontier.y.direction]}`));
  const front = frontier.points.filter((p) => p.onFront).sort((a, b) => a.x - b.x || a.y - b.y);
  plot.append(svg('polyline', {class: 'frontier-front',
    points: front.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}));
  for (const point of frontier.points) {
    const dot = svg('circle', {cx: x(point.x), cy: y(point.y), r: point.onFront ? 6 : 4,
      class: point.onFront ? 'frontier-point on-front' : 'frontier-point', 'data-run-id': point.runId,
      'data-on-front': String(point.onFront)});
    dot.append(svg('title', {}, `${point.runId} at step ${formatStep(point.step)}: ${frontier.x.name} `
      + `${formatNumber(point.x)}, ${frontier.y.name} ${formatNumber(point.y)}`));
    // names of points in the right half go to their left, so they stay inside the plot
    const right = x(point.x) > (MARGIN.left + WIDTH - MARGIN.right) / 2;
    plot.append(dot, svg('text', {x: x(point.x) + (right ? -8 : 8), y: y(point.y) - 6,
      'text-anchor': right ? 'end' : 'start', class: 'frontier-run'}, point.runId));
  }
}

for (const axis of ['x', 'y']) {
  $('frontier-' + axis).addEventListener('change', (event) => {
    chosen = {...chosen, [axis]: event.target.value};
    asked = '';
    showFrontier(shownGroup, -1);
  });
}
