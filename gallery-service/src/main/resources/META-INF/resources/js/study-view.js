// One study (#study=<name>): what it reproduces, its runs finished of planned, whether its report is
// final (and where it was written), its figure, its table (ours beside the paper's numbers) and a
// verdict per claim. Read again whenever a study event names it.

import {getJson, gridSource, studyUrl} from './api.js';
import {$, el} from './dom.js';
import {factItems, formatNumber, formatSetting, words} from './format.js';
import {setHash, showPanel} from './router.js';

let shown = null;
let reading = null;   // the read in flight
let readAgain = false; // a change arrived while reading

export function showStudy(name) {
  setHash('#study=' + encodeURIComponent(name));
  shown = name;
  showPanel('study-detail');
  $('study-title').textContent = name;
  readStudy();
}

export function studyShown() {
  return !$('study-detail').hidden;
}

// A study changed: read again if it is the study shown, once more at most while a read is on its way.
export function refreshStudy(summary) {
  if (!studyShown() || summary.study !== shown) return;
  if (reading) readAgain = true; else readStudy();
}

function readStudy() {
  const name = shown;
  reading = getJson(studyUrl(name)).then((detail) => {
    if (name === shown) renderStudy(detail);
  }).catch((error) => {
    if (name === shown) $('study-status').textContent = error.message;
  }).finally(() => {
    reading = null;
    if (readAgain) {
      readAgain = false;
      readStudy();
    }
  });
}

function renderStudy({progress, report}) {
  $('study-title').textContent = progress.study;
  showStage($('study-state'), progress);
  const fraction = progress.runsTotal ? progress.runsFinished / progress.runsTotal : 0;
  $('study-progress').style.width = (fraction * 100).toFixed(1) + '%';
  $('study-facts').replaceChildren(...factItems([
    ['title', progress.title],
    ['paper', progress.paper],
    ['profile', progress.profile],
    ['runs finished', progress.state === 'rejected' ? null : `${progress.runsFinished} / ${progress.runsTotal}`],
    ['announced', progress.at ? new Date(progress.at).toLocaleString() : null],
  ]));
  $('study-status').textContent = statusLine(progress);
  $('study-status').dataset.final = String(progress.final);
  const reason = $('study-reason');
  reason.hidden = !progress.reason && !progress.writeProblem;
  reason.textContent = [progress.code, progress.reason, progress.writeProblem && 'not written: ' + progress.writeProblem]
    .filter(Boolean).join(': ');
  for (const id of ['study-figure-card', 'study-table-card', 'study-claims-card']) $(id).hidden = !report;
  if (report) {
    renderFigure(progress, report);
    renderTable(report);
    renderClaims(report);
  }
}

// A study's stage, from its announcement and its report: rejected, in progress or final. A submitted
// study stays `submitted` in its events however far its runs are; the report says when it is final.
function stage(progress) {
  if (progress.state === 'rejected') return 'rejected';
  return progress.final ? 'final' : 'in progress';
}

function showStage(badge, progress) {
  const shown = stage(progress);
  badge.className = 'badge study-stage';
  badge.dataset.stage = shown;
  badge.textContent = shown;
}

export function stageBadge(progress) {
  const badge = el('span', {'data-field': 'stage'});
  showStage(badge, progress);
  return badge;
}

// Where the study's report stands: in progress, final (and where written) or rejected.
export function statusLine(progress) {
  if (stage(progress) === 'rejected') return 'rejected: nothing ran';
  if (stage(progress) === 'in progress') return 'in progress';
  return progress.reportKey ? `final — written to s3://${progress.bucket}/${progress.reportKey}`
    : 'final — being written to the bucket';
}

// The figure changes with the results: its address carries what it was drawn from, so a new one is read.
function renderFigure(progress, report) {
  const img = $('study-figure');
  const url = studyUrl(progress.study) + '/figure.png?of=' + fingerprint(JSON.stringify(report));
  if (img.dataset.url === url) return;
  img.dataset.url = url;
  gridSource(url).then((source) => {
    if (img.dataset.url === url) img.src = source;
  }).catch((error) => { $('study-status').textContent = error.message; });
}

function fingerprint(text) {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

function renderTable(report) {
  $('study-table').tBodies[0].replaceChildren(...report.table.map((row) => el('tr',
    {'data-series': row.series, 'data-metric': row.metric},
    el('td', {}, row.series),
    el('td', {class: 'varied'}, Object.entries(row.varied || {})
      .map(([key, value]) => `${words(key)} ${formatSetting(value)}`).join(' · ') || '–'),
    el('td', {}, row.metric),
    el('td', {class: 'number', 'data-field': 'ours'}, ours(row)),
    el('td', {class: 'number', 'data-field': 'paper'}, formatNumber(row.paper)),
    el('td', {class: 'source'}, row.paperSource || '–'))));
}

function ours(row) {
  if (row.mean === null || row.mean === undefined) return '–';
  const sd = row.sd === null || row.sd === undefined ? '' : ' ± ' + formatNumber(row.sd);
  return `${formatNumber(row.mean)}${sd} (${row.seeds} seed${row.seeds === 1 ? '' : 's'})`;
}

function renderClaims(report) {
  $('study-claims').replaceChildren(...report.claims.map((claim) => el('li', {'data-claim': claim.id},
    el('div', {class: 'item-title'},
      el('span', {}, el('code', {}, claim.id), ' ', claim.says),
      el('span', {class: 'badge verdict', 'data-verdict': claim.verdict}, claim.verdict)),
    el('div', {class: 'item-sub'}, `${claim.rule}: ${claim.reason}`))));
}

// The sidebar's line of a study: its stage, runs finished of planned and its verdicts.
export function studyLine(study) {
  if (stage(study) === 'rejected') return `rejected · ${study.code || ''}`;
  const verdicts = Object.entries(study.verdicts || {}).map(([verdict, n]) => `${n} ${verdict}`).join(', ');
  return [`${study.runsFinished} / ${study.runsTotal} runs`, stage(study), verdicts]
    .filter(Boolean).join(' · ');
}

export function shownStudy() {
  return studyShown() ? shown : null;
}
