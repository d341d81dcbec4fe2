// How far behind the trainer each judge was when it published its latest evaluations of the run
// (the lag the judges put on each evaluation), shown beside the run's evaluations.

import {el} from './dom.js';
import {formatNumber, formatStep} from './format.js';

// producer -> its evaluation with a lag at the highest step
export function latestLags(evaluations) {
  const latest = new Map();
  for (const e of evaluations) {
    if (!e.lag) continue;
    const seen = latest.get(e.producer);
    if (!seen || seen.step < e.step) latest.set(e.producer, e);
  }
  return latest;
}

export function renderJudgingLag(list, evaluations) {
  const latest = [...latestLags(evaluations)].sort(([a], [b]) => a.localeCompare(b));
  list.hidden = latest.length === 0;
  list.replaceChildren(...latest.map(([producer, e]) => el('li', {
    'data-producer': producer,
    title: `when it published step ${formatStep(e.step)}: the run's newest checkpoint was ${formatStep(e.lag.steps)} `
      + `steps further, and step ${formatStep(e.step)} had been announced ${formatNumber(e.lag.seconds)} s before`,
  }, el('strong', {}, producer), ` ${formatStep(e.lag.steps)} steps · ${formatNumber(Math.round(e.lag.seconds * 10) / 10)} s`
    + ' behind the trainer')));
}
