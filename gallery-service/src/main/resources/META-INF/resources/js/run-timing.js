// How long a run still needs and where a waiting run stands, as the server measures them
// (RunSummary: stepsPerSecond and etaSeconds while it trains, queuePosition while it waits).

import {el} from './dom.js';
import {formatDuration, formatNumber} from './format.js';
import {state} from './state.js';

const QUEUE_MEANING = 'its place among the runs waiting for a trainer, in the order they were queued (1: queued first); '
  + 'trainers take runs per partition of runs.requests, so it is not a promise of which starts next';

function waitingCount() {
  return [...state.runs.values()].filter((run) => run.queuePosition !== null && run.queuePosition !== undefined).length;
}

function speed(run) {
  return run.stepsPerSecond >= 10 ? formatNumber(Math.round(run.stepsPerSecond)) : formatNumber(run.stepsPerSecond);
}

// Facts for the run header: [key, value] pairs, none when they do not apply.
export function timingFacts(run) {
  const facts = [];
  if (run.stepsPerSecond) facts.push(['steps / s', speed(run)]);
  if (run.etaSeconds !== null && run.etaSeconds !== undefined) facts.push(['time left', formatDuration(run.etaSeconds)]);
  if (run.queuePosition) {
    facts.push(['in queue', el('span', {title: QUEUE_MEANING}, `#${run.queuePosition} of ${waitingCount()} waiting`)]);
  }
  return facts;
}

// One line for the sidebar, or null.
export function timingLine(run) {
  if (run.queuePosition) return {text: `#${run.queuePosition} in queue`, title: QUEUE_MEANING};
  const parts = [];
  if (run.stepsPerSecond) parts.push(`${speed(run)} steps/s`);
  if (run.etaSeconds !== null && run.etaSeconds !== undefined) parts.push(`${formatDuration(run.etaSeconds)} left`);
  return parts.length ? {text: parts.join(' · '), title: 'measured over its latest metric reports'} : null;
}
