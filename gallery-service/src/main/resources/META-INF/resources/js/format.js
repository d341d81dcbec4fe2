// How numbers, steps, settings and facts read on the page.

import {el} from './dom.js';

export function formatNumber(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  // four significant digits, without trailing zeros
  return String(Number(value.toPrecision(4)));
}

// Axis labels: as short as the tick spacing allows (0.1, 1, 10, 2.5k).
export function formatTick(value) {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(0);
  if (magnitude >= 1e4) return String(Number((value / 1000).toPrecision(3))) + 'k';
  return String(Number(value.toPrecision(3)));
}

export function formatStep(step) {
  return Number(step).toLocaleString('en-US');
}

// 45 s, 12 min, 3 h 5 min, 2 d 4 h
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.round((s % 86400) / 3600)} h`;
}

export function shapeOf(dataset) {
  return dataset.channels ? `${dataset.channels}×${dataset.height}×${dataset.width}` : 'shape unknown';
}

// learningRate -> learning rate
export function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function formatSetting(value) {
  if (value === null || value === undefined) return 'unset';
  if (typeof value === 'number') return formatNumber(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// "lambda 0.1": what tells a run apart from the runs it is compared with.
export function variedLabel(comparison, runId) {
  const run = comparison ? comparison.runs.find((r) => r.runId === runId) : null;
  if (!run || comparison.varied.length === 0) return '';
  if (!run.values) return 'spec not seen yet';
  return comparison.varied.map((name) => `${words(name)} ${formatSetting(run.values[name])}`).join(' · ');
}

export function factItems(facts) {
  return facts.filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => el('div', {}, el('dt', {}, key), el('dd', {}, value)));
}
