// Every evaluation metric of the shown run over checkpoint steps, one small chart per metric and
// feature extractor (the critic's too), one line per judge; then how far behind the trainer each judge
// was when it published (the lag on its evaluations), in steps and in seconds. Charts switched off
// in the picker and the scale ('log', 'linear', or null: as suits each chart) are state (and address).

import {COLORS, drawChart, drawStepMarkers, lineChart, prefersLog, renderLegend} from './charts.js';
import {$, el, perFrame} from './dom.js';
import {evaluationColumns} from './evaluations.js';
import {showRunAddress} from './run-address.js';
import {dataArrivalSteps, setMetricsScale, state, toggleMetricChart} from './state.js';

const LAG_CHARTS = [
  {key: 'lag|steps', title: 'judging lag', unit: 'steps behind the trainer', of: (lag) => lag.steps},
  {key: 'lag|seconds', title: 'judging lag', unit: 'seconds behind the trainer', of: (lag) => lag.seconds},
];

// The picker's chips name charts, not lines: one neutral colour (the judges' colours are in #metric-judges).
const PICKER_COLOR = '#9aa3b5';

// chart key -> {node, chart}; kept while the run is shown so that canvases are not rebuilt per event.
let figures = new Map();
let shownRun = null;
let nextId = 0;

export const scheduleMetricCharts = perFrame(() => {
  if (state.selected) drawMetricCharts();
});

function figureFor(key, title, subtitle, kind) {
  if (!figures.has(key)) {
    const id = `metric-chart-${nextId++}`;
    const node = el('figure', {class: 'small-chart', 'data-key': key, 'data-kind': kind},
      el('figcaption', {}, el('strong', {}, title), ' ', subtitle),
      el('div', {class: 'chart-wrap'},
        el('canvas', {id, 'data-points': '0', 'data-lines': '0', 'aria-label': `${title} ${subtitle} over steps`}),
        el('div', {id: id + '-tooltip', class: 'chart-tooltip', hidden: true}),
        el('p', {id: id + '-empty', class: 'chart-empty muted'}, 'No value yet.')));
    $('metric-charts').append(node);
    figures.set(key, {node, chart: lineChart(id, id + '-tooltip', id + '-empty')});
  }
  return figures.get(key);
}

// One line per judge, coloured alike in every chart.
function judgeLines(producers, pointsOf) {
  return producers.map((producer, i) => {
    const byStep = pointsOf(producer);
    const steps = [...byStep.keys()].sort((a, b) => a - b);
    return {key: producer, label: producer, color: COLORS[i % COLORS.length], steps,
      values: steps.map((step) => byStep.get(step))};
  }).filter((line) => line.steps.length > 0);
}

function pointsWhere(evaluations, producer, test, valueOf) {
  const byStep = new Map();
  for (const e of evaluations) {
    if (e.producer === producer && test(e)) byStep.set(e.step, valueOf(e));
  }
  return byStep;
}

function drawMetricCharts() {
  if (shownRun !== state.selected) {
    shownRun = state.selected;
    figures = new Map();
    $('metric-charts').replaceChildren();
  }
  const evaluations = [...state.loaded.get(state.selected).evaluations.values()];
  const producers = [...new Set(evaluations.map((e) => e.producer))].sort();
  const charts = evaluationColumns(evaluations).map((column) => {
    const [metric, extractor] = column.split('|');
    return {key: column, title: metric, subtitle: extractor, kind: 'metric', yLabel: metric, chooseScale: true,
      lines: judgeLines(producers, (producer) => pointsWhere(evaluations, producer,
        (e) => e.metric === metric && e.extractor === extractor, (e) => e.value))};
  });
  if (evaluations.some((e) => e.lag)) {
    charts.push(...LAG_CHARTS.map((lag) => ({key: lag.key, title: lag.title, subtitle: lag.unit, kind: 'lag',
      yLabel: lag.unit.split(' ')[0], chooseScale: false,
      lines: judgeLines(producers, (producer) => pointsWhere(evaluations, producer, (e) => e.lag,
        (e) => lag.of(e.lag)))})));
  }
  $('metric-charts-card').hidden = charts.length === 0;
  $('metric-judges').replaceChildren(...producers.map((producer, i) => el('span', {class: 'legend-item', 'data-key': producer},
    el('span', {class: 'swatch', style: `background:${COLORS[i % COLORS.length]}`}), producer)));
  renderLegend('metric-picker', charts.map((chart) => ({key: chart.key, color: PICKER_COLOR,
    label: `${chart.title} · ${chart.subtitle}`})), state.hiddenMetrics, (key) => {
    toggleMetricChart(key);
    showRunAddress();
    scheduleMetricCharts();
  });
  $('metrics-scale').value = state.metricsScale || '';
  const arrivals = dataArrivalSteps(state.selected);
  for (const chart of charts) {
    const {node, chart: drawn} = figureFor(chart.key, chart.title, chart.subtitle, chart.kind);
    node.hidden = state.hiddenMetrics.has(chart.key);
    if (node.hidden) continue;
    const scale = chart.chooseScale ? state.metricsScale : 'linear';
    const log = scale === 'log' || (scale === null && prefersLog(chart.lines));
    drawChart(drawn, chart.lines, chart.yLabel, log);
    drawStepMarkers(drawn, arrivals, 'new data');
    drawn.canvas.dataset.log = String(log);
  }
}

$('metrics-scale').addEventListener('change', (event) => {
  setMetricsScale(event.target.value || null);
  showRunAddress();
  scheduleMetricCharts();
});
