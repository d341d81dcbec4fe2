// Evaluation columns, one per metric and feature extractor, as the run view and the comparison
// table show them.

import {el} from './dom.js';

export function evaluationColumns(evaluations) {
  return [...new Set(evaluations.map((e) => `${e.metric}|${e.extractor}`))].sort();
}

export function columnHeader(column) {
  const [metric, extractor] = column.split('|');
  return el('th', {}, metric, el('small', {}, extractor));
}

export function evaluationTitle(e) {
  return `${e.producer}, ${e.sampleCount} images`;
}

// The evaluation at the highest step of each column.
export function latestEvaluations(data) {
  const latest = new Map();
  for (const e of data.evaluations.values()) {
    const column = `${e.metric}|${e.extractor}`;
    if (!latest.has(column) || latest.get(column).step <= e.step) latest.set(column, e);
  }
  return latest;
}
