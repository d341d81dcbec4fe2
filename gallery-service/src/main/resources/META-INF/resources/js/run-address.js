// The address of the run view (#run=<id>&...), so that a shared link opens the run as it was shown:
// step (the checkpoint shown, only when not following the latest), log (the losses' scale, 1 or 0,
// only when picked), hide (losses switched off), metrics-scale (log or linear, only when picked) and
// hide-metrics (evaluation charts switched off).

import {flag, hashOf, listParam, param, setHash} from './router.js';
import {state} from './state.js';

// What showRunAs (state.js) takes, from the pairs of an address (router.js route().view).
export function runViewOf(view) {
  const step = param(view, 'step');
  const scale = param(view, 'metrics-scale');
  return {
    step: step !== null && Number.isFinite(Number(step)) ? Number(step) : null,
    logScale: flag(param(view, 'log')),
    hidden: listParam(view, 'hide'),
    hiddenMetrics: listParam(view, 'hide-metrics'),
    metricsScale: scale === 'log' || scale === 'linear' ? scale : null,
  };
}

export function runHash(runId) {
  return hashOf('#run=' + encodeURIComponent(runId), [
    ['step', state.followLatest ? null : state.shownStep],
    ['log', state.logScale === null ? null : (state.logScale ? '1' : '0')],
    ['hide', [...state.hidden]],
    ['metrics-scale', state.metricsScale],
    ['hide-metrics', [...state.hiddenMetrics]],
  ]);
}

// Puts what the run view shows now in the address.
export function showRunAddress() {
  if (state.selected !== null) setHash(runHash(state.selected));
}
