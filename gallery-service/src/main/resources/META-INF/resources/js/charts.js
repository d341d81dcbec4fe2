// Line charts over training steps: the run view draws one line per loss, the comparison one line
// per run. A line is {key, label, color, steps, values}. The canvas says what it shows in
// data-lines (lines with at least one point), data-points and data-x-ticks (the steps labelled).

import {$, el} from './dom.js';
import {formatNumber, formatStep, formatTick} from './format.js';

export const COLORS = ['#2f6fde', '#e4572e', '#17a673', '#9b5de5', '#f2a541', '#00a6c8', '#d1495b',
  '#6c8a1f', '#8d6a9f', '#4a5568'];

export function lineChart(canvasId, tooltipId, emptyId) {
  const chart = {canvas: $(canvasId), tooltip: $(tooltipId), empty: $(emptyId), lines: [], geometry: null};
  chart.canvas.addEventListener('mousemove', (event) => showTooltip(chart, event));
  chart.canvas.addEventListener('mouseleave', () => { chart.tooltip.hidden = true; });
  return chart;
}

// Log scale by default when every value is positive and they span more than two decades.
export function prefersLog(lines) {
  let min = Infinity;
  let max = -Infinity;
  for (const line of lines) {
    for (const v of line.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return min > 0 && max / min > 100;
}

// Round values from min to max, about count of them, at least minStep apart (1 for training steps).
function niceTicks(min, max, count, minStep = 0) {
  if (!(max > min)) {
    return [min];
  }
  const raw = Math.max((max - min) / count, minStep);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}

function logTicks(minLog, maxLog) {
  const ticks = [];
  const decades = maxLog - minLog;
  const mantissas = decades <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil(decades / 6));
  for (let e = Math.floor(minLog); e <= Math.ceil(maxLog); e++) {
    if (((e % every) + every) % every !== 0) continue;
    for (const m of mantissas) {
      const v = Math.log10(m) + e;
      if (v >= minLog - 1e-9 && v <= maxLog + 1e-9) ticks.push(v);
    }
  }
  return ticks;
}

export function drawChart(chart, lines, yLabel, log) {
  const canvas = chart.canvas;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  chart.lines = lines;

  const transform = log ? (v) => (v > 0 ? Math.log10(v) : NaN) : (v) => v;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity, points = 0, drawn = 0;
  for (const line of lines) {
    const before = points;
    for (let i = 0; i < line.steps.length; i++) {
      const y = transform(line.values[i]);
      if (!Number.isFinite(y)) continue;
      xMin = Math.min(xMin, line.steps[i]);
      xMax = Math.max(xMax, line.steps[i]);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
      points++;
    }
    if (points > before) drawn++;
  }
  canvas.dataset.points = String(points);
  canvas.dataset.lines = String(drawn);
  chart.empty.hidden = points > 0;
  chart.geometry = null;
  if (points === 0) return;

  if (xMax === xMin) { xMin -= 1; xMax += 1; }
  if (yMax === yMin) { const pad = Math.abs(yMin) * 0.1 || 1; yMin -= pad; yMax += pad; }
  const yPad = (yMax - yMin) * 0.05;
  yMin -= yPad;
  yMax += yPad;

  const margin = {left: 70, right: 18, top: 12, bottom: 44};
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x) => margin.left + (x - xMin) / (xMax - xMin) * plotW;
  const py = (y) => margin.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;

  ctx.font = '12px system-ui, sans-serif';
  ctx.lineWidth = 1;
  // grid and y ticks
  const yTicks = log ? logTicks(yMin, yMax) : niceTicks(yMin, yMax, 6);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    const y = Math.round(py(t)) + 0.5;
    ctx.strokeStyle = '#e8ebf1';
    ctx.beginPath(); ctx.moveTo(margin.left, y); ctx.lineTo(margin.left + plotW, y); ctx.stroke();
    ctx.fillStyle = '#6b7385';
    ctx.fillText(formatTick(log ? Math.pow(10, t) : t), margin.left - 8, y);
  }
  // x ticks
  const xTicks = niceTicks(xMin, xMax, Math.max(2, Math.floor(plotW / 90)), 1).filter(Number.isInteger);
  canvas.dataset.xTicks = xTicks.join(',');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks) {
    const x = Math.round(px(t)) + 0.5;
    ctx.strokeStyle = '#f0f2f6';
    ctx.beginPath(); ctx.moveTo(x, margin.top); ctx.lineTo(x, margin.top + plotH); ctx.stroke();
    ctx.strokeStyle = '#9aa3b5';
    ctx.beginPath(); ctx.moveTo(x, margin.top + plotH); ctx.lineTo(x, margin.top + plotH + 4); ctx.stroke();
    ctx.fillStyle = '#6b7385';
    ctx.fillText(formatStep(t), x, margin.top + plotH + 7);
  }
  // axes
  ctx.strokeStyle = '#9aa3b5';
  ctx.beginPath();
  ctx.moveTo(margin.left + 0.5, margin.top);
  ctx.lineTo(margin.left + 0.5, margin.top + plotH + 0.5);
  ctx.lineTo(margin.left + plotW, margin.top + plotH + 0.5);
  ctx.stroke();
  // axis labels
  ctx.fillStyle = '#394150';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('training step', margin.left + plotW / 2, height - 4);
  ctx.save();
  ctx.translate(14, margin.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(log ? `${yLabel} (log scale)` : yLabel, 0, 0);
  ctx.restore();

  // lines
  ctx.save();
  ctx.beginPath();
  ctx.rect(margin.left, margin.top, plotW, plotH);
  ctx.clip();
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  for (const line of lines) {
    ctx.strokeStyle = line.color;
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < line.steps.length; i++) {
      const y = transform(line.values[i]);
      if (!Number.isFinite(y)) { pen = false; continue; }
      const X = px(line.steps[i]);
      const Y = py(y);
      if (pen) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
      pen = true;
    }
    ctx.stroke();
    if (line.steps.length === 1) {
      ctx.fillStyle = line.color;
      ctx.beginPath();
      ctx.arc(px(line.steps[0]), py(transform(line.values[0])), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  chart.geometry = {margin, plotW, plotH, xMin, xMax};
}

// Vertical dashed markers at the given steps of a chart drawn by drawChart (e.g. where new data
// arrived), each labelled at the top; steps outside the plotted range are left out. The canvas
// lists the drawn steps in data-markers.
export function drawStepMarkers(chart, steps, label) {
  const g = chart.geometry;
  const shown = g ? steps.filter((step) => step >= g.xMin && step <= g.xMax) : [];
  chart.canvas.dataset.markers = shown.join(',');
  if (shown.length === 0) return;
  const ctx = chart.canvas.getContext('2d');
  ctx.save();
  ctx.strokeStyle = '#7a5af8';
  ctx.fillStyle = '#7a5af8';
  ctx.setLineDash([4, 3]);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  for (const step of shown) {
    const x = Math.round(g.margin.left + (step - g.xMin) / (g.xMax - g.xMin) * g.plotW) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, g.margin.top); ctx.lineTo(x, g.margin.top + g.plotH); ctx.stroke();
    ctx.fillText(label, x + 3, g.margin.top + 2);
  }
  ctx.restore();
}

// Every line, the hidden ones faded; a click on one calls onToggle with its key.
export function renderLegend(containerId, lines, hidden, onToggle) {
  $(containerId).replaceChildren(...lines.map((line) => {
    const item = el('span', {class: 'legend-item' + (hidden.has(line.key) ? ' off' : ''), 'data-key': line.key,
      title: 'click to show or hide'},
      el('span', {class: 'swatch', style: `background:${line.color}`}), line.label);
    item.addEventListener('click', () => onToggle(line.key));
    return item;
  }));
}

function nearestIndex(steps, step) {
  let lo = 0, hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1; else hi = mid;
  }
  if (lo > 0 && Math.abs(steps[lo - 1] - step) < Math.abs(steps[lo] - step)) lo--;
  return lo;
}

function showTooltip(chart, event) {
  const g = chart.geometry;
  const tooltip = chart.tooltip;
  const x = event.offsetX;
  if (!g || x < g.margin.left || x > g.margin.left + g.plotW) {
    tooltip.hidden = true;
    return;
  }
  const step = g.xMin + (x - g.margin.left) / g.plotW * (g.xMax - g.xMin);
  const rows = [];
  let shownStep = null;
  for (const line of chart.lines) {
    if (line.steps.length === 0) continue;
    const i = nearestIndex(line.steps, step);
    shownStep = line.steps[i];
    rows.push(el('div', {}, el('span', {class: 'swatch', style: `background:${line.color};margin-right:6px`}),
      `${line.label}: ${formatNumber(line.values[i])}`));
  }
  if (rows.length === 0) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren(el('div', {}, `step ${formatStep(shownStep)}`), ...rows);
  tooltip.hidden = false;
  const left = Math.min(x + 14, chart.canvas.clientWidth - tooltip.offsetWidth - 4);
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${Math.max(4, event.offsetY - tooltip.offsetHeight - 8)}px`;
}
