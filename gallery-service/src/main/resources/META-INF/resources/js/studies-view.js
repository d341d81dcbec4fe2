// Every study (#studies), one row each: what it reproduces, its profile and stage, its runs finished of
// planned, where its report stands and its verdicts; a row opens the study. Redrawn as study events arrive.

import {$, el, perFrame} from './dom.js';
import {setHash, showPanel} from './router.js';
import {state} from './state.js';
import {showStudy, stageBadge, statusLine} from './study-view.js';

export function showStudies() {
  setHash('#studies');
  showPanel('studies-detail');
  renderStudies();
}

export function studiesShown() {
  return !$('studies-detail').hidden;
}

export const refreshStudies = perFrame(() => {
  if (studiesShown()) renderStudies();
});

function renderStudies() {
  const studies = [...state.studies.values()].sort((a, b) => a.study.localeCompare(b.study));
  $('studies-empty').hidden = studies.length > 0;
  $('studies-table').tBodies[0].replaceChildren(...studies.map((study) => {
    const fraction = study.runsTotal ? study.runsFinished / study.runsTotal : 0;
    const row = el('tr', {class: 'study-row', 'data-study': study.study},
      el('td', {}, el('code', {}, study.study), study.title ? el('div', {class: 'item-sub'}, study.title) : null),
      el('td', {}, study.profile || '–'),
      el('td', {}, stageBadge(study)),
      el('td', {class: 'number'}, `${study.runsFinished} / ${study.runsTotal}`,
        el('div', {class: 'mini-progress'}, el('div', {style: `width:${(fraction * 100).toFixed(1)}%`}))),
      el('td', {'data-field': 'report'}, study.state === 'rejected'
        ? `${study.code}: ${study.reason || ''}` : statusLine(study)),
      el('td', {'data-field': 'verdicts'}, Object.entries(study.verdicts || {})
        .map(([verdict, n]) => `${n} ${verdict}`).join(', ') || '–'));
    row.addEventListener('click', () => showStudy(study.study));
    return row;
  }));
}
