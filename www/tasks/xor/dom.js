// The XOR playground's DOM: the canvas with its tooltip, the status bar and legend, the controls
// and tools, and the panels below (chart, examples, probe, settings), wired to the playground.

import { NetworkRenderer } from '../../render/network.js';
import { LineChart } from '../../render/chart.js';
import { describePalette, colourName } from '../../render/theme.js';
import { fmt, fmtInt } from '../../core/format.js';
import { t } from '../../core/i18n.js';
import { Controls, el } from '../../ui/controls.js';
import { ProbePanel } from '../../ui/probe.js';
import { SettingsPanel } from '../../ui/settings.js';
import { Tools } from '../../ui/tools.js';
import { warningsBox } from '../../ui/task-common.js';

const CONTROL_PARTS = ['step', 'example', 'cycle', 'play', 'reset', 'speed', 'schedule', 'rewind'];
const TOOL_PARTS = ['share', 'embed', 'record', 'image', 'palette'];

/** Builds the playground's DOM into `pg.root` and appends it to `pg.element`. */
export function buildDom(pg) {
  const s = pg.settings;
  pg.root = el('div', { class: `ng${s.embed ? ' ng-embed' : ''}`, id: pg.id, dataNeuroglow: '', dataTask: s.task });
  buildStage(pg);
  buildControls(pg);
  buildPanels(pg);
  if (s.keyboard === 'page') document.addEventListener('keydown', pg.onKey);
  else if (s.keyboard === 'focus') pg.root.addEventListener('keydown', pg.onKey);
  applyView(pg);
  pg.element.append(pg.root);
}

/** The canvas, its tooltip, the status bar and legend, the alert. */
function buildStage(pg) {
  pg.canvas = el('canvas', { class: 'ng-net', tabIndex: 0, role: 'img', ariaLabel: t('xor.canvasLabel') });
  pg.tipEl = el('div', { class: 'ng-tip', role: 'tooltip', id: `${pg.id}-tip`, hidden: true });
  pg.wrap = el('div', { class: 'ng-canvas-wrap' }, pg.canvas, pg.tipEl);
  const stat = (name, label, text) => {
    pg.status[name] = el('b', { text, dataStat: name });
    return el('span', { class: 'ng-stat' }, el('span', { class: 'ng-stat-label', text: label }), pg.status[name]);
  };
  pg.status = {};
  const stats = el('div', { class: 'ng-status' }, stat('cycle', t('xor.statCycle'), '0'), stat('example', t('xor.statExample'), '–'), stat('phase', t('xor.statPhase'), t('xor.phaseIdle')), stat('loss', t('xor.statLoss'), '–'));
  pg.legendEl = el('div', { class: 'ng-legend', role: 'note' });
  const bar = el('div', { class: 'ng-statusbar' }, ...[['status', stats], ['legend', pg.legendEl]].filter(([p]) => pg.parts.has(p)).map(([, e]) => e));
  pg.alertEl = el('div', { class: 'ng-alert', role: 'alert', hidden: true });
  if (pg.warnings.length) pg.root.append(warningsBox(pg.warnings));
  pg.root.append(el('div', { class: 'ng-stage' }, pg.wrap, ...(bar.childElementCount ? [bar] : [])), pg.alertEl);

  pg.view = new NetworkRenderer(pg.wrap, { canvas: pg.canvas, onResize: () => pg.requestFrame(true), maxDpr: 3 });
  pg.canvas.addEventListener('pointermove', (e) => pg.onPointer(e));
  pg.canvas.addEventListener('pointerdown', (e) => pg.onPointer(e, true));
  pg.canvas.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && pg.setHover(null));
}

/** The buttons: Step, Play, … and the tools (Share, Embed, Record, Save image, palette). */
function buildControls(pg) {
  const has = (p) => pg.parts.has(p);
  // A learner's click that fails shows why in the alert (a script's call throws instead).
  const guard = (fn) => (...args) => new Promise((done) => done(fn(...args))).catch((e) => pg.alert(e.message));
  if (TOOL_PARTS.some(has)) {
    pg.tools = new Tools(pg.id, pg.parts, {
      link: () => pg.link(),
      embedCode: (opts) => pg.embedCode(opts),
      record: guard(() => (pg.recording.active ? pg.recording.stop() : pg.recording.start())),
      image: guard(() => pg.recording.saveImage()),
      palette: guard((name) => pg.configure({ palette: name })),
    }, pg.settings.palette);
  }
  if (!CONTROL_PARTS.some(has) && !pg.tools) return;
  pg.controls = new Controls(pg.id, {
    step: guard((kind) => pg.userStep(kind)),
    toggle: guard(() => (pg.player.playing ? pg.pause() : pg.play())),
    reset: guard(() => pg.reset()),
    speed: guard((v) => pg.configure({ speed: v })),
    schedule: guard((on) => pg.configure({ schedule: on })),
    rewind: guard((i) => pg.rewind(i)),
  }, pg.settings, pg.parts, pg.tools?.items ?? []);
  pg.root.append(pg.controls.element, ...(pg.tools ? [pg.tools.box] : []));
}

/** The panels under the canvas: the error chart, the examples, the probe, the settings. */
function buildPanels(pg) {
  const has = (p) => pg.parts.has(p);
  const panels = [];
  const panel = (name, title, body) => {
    const h = el('h2', { class: 'ng-h', id: `${pg.id}-${name}-h`, text: title });
    panels.push(el('section', { class: `ng-panel ng-panel-${name}`, ariaLabelledby: h.id }, h, body));
  };
  const chartWrap = el('div', { class: 'ng-chart-wrap' });
  if (has('chart')) panel('chart', t('xor.chartTitle'), chartWrap);
  if (has('examples')) panel('examples', t('xor.examplesTitle'), (pg.table = new ExamplesTable()).element);
  if (has('probe')) panel('probe', t('xor.probeTitle'), (pg.probe = new ProbePanel(pg.id, (values) => pg.think(values), pg.defaultProbe())).form);
  if (has('settings')) panel('settings', t('xor.settingsTitle'), (pg.settingsPanel = new SettingsPanel(pg.id, pg.settings, (opts) => pg.configure(opts, { byLabel: true }))).form);
  // data-count: how many panels share the row (the settings panel always takes a row of its own).
  const inRow = panels.length - (has('settings') ? 1 : 0);
  if (panels.length) pg.root.append(el('div', { class: 'ng-panels', dataCount: String(Math.max(1, inRow)) }, ...panels));
  if (!has('chart')) return;
  pg.chart = new LineChart(chartWrap, {
    canvas: chartWrap.appendChild(el('canvas', { class: 'ng-chart' })),
    label: t('xor.chartTitle'),
    legend: false,
    logX: true,
    empty: t('xor.chartEmpty'),
    format: (y, d = 4) => fmt(y, d),
    series: [
      { key: 'past', label: t('xor.chartSeries'), colour: 'rgba(255,196,110,0.95)', fill: 'rgba(255,184,77,0.28)', marker: (x, y) => t('xor.chartMarker', { value: fmt(y, 4), cycle: fmtInt(x) }) },
      { key: 'future', colour: 'rgba(150,165,205,0.35)', dash: true },
    ],
  }, () => pg.requestFrame(true));
}

/** Palette and view options onto the DOM and the drawing. */
export function applyView(pg) {
  const s = pg.settings;
  for (const name of ['green-red', 'blue-orange']) pg.root.classList.toggle(`ng-palette-${name}`, s.palette === name);
  pg.view.setPalette(s.palette);
  pg.view.setValues(s.values);
  const item = (cls, text) => el('span', { class: 'ng-legend-item' }, el('span', { class: `ng-swatch ${cls}`, ariaHidden: 'true' }), text);
  pg.legendEl.replaceChildren(item('ng-pos', t('xor.legendExcites', { colour: colourName(s.palette, 'pos') })), item('ng-neg', t('xor.legendInhibits', { colour: colourName(s.palette, 'neg') })), el('span', { class: 'ng-legend-note', text: t('xor.legendNote') }));
  pg.legendEl.title = describePalette(s.palette);
  pg.legendEl.setAttribute('aria-label', t('xor.legendLabel', { text: describePalette(s.palette) }));
  pg.tools?.setPalette(s.palette);
  pg.controls?.set({ speed: s.speed, schedule: s.schedule });
  pg.requestFrame(true);
}

/** The training examples, the current one highlighted, with what the network answers for each now. */
class ExamplesTable {
  constructor() {
    this.element = el('div', { class: 'ng-table-wrap' });
    this.rows = [];
  }

  setExamples({ inputs, targets }) {
    const th = (text, cls = '') => el('th', { scope: 'col', class: cls, text });
    const head = el('tr', {}, ...(inputs[0] ?? []).map((_, j) => th(`x${j + 1}`)));
    head.append(th(t((targets[0]?.length ?? 0) > 1 ? 'xor.headTargets' : 'xor.headTarget'), 'ng-target'), th(t('xor.headOutputNow'), 'ng-out'));
    this.rows = inputs.map((x, i) => {
      const out = el('td', { class: 'ng-out', text: '–' });
      const cells = [...x.map((v) => el('td', { text: fmt(v, 0) })), el('td', { class: 'ng-target', text: targets[i].map((v) => fmt(v, 0)).join(t('ui.listSeparator')) }), out];
      return { tr: el('tr', {}, ...cells), out, input: x };
    });
    this.element.replaceChildren(el('table', { class: 'ng-examples' }, el('thead', {}, head), el('tbody', {}, ...this.rows.map((r) => r.tr))));
    this.current = -1;
    this.version = -1;
  }

  /** Highlights example `current` (−1: none); after the weights changed (`version`) asks `predict` anew. */
  update(current, version, predict) {
    if (current !== this.current) {
      this.rows[this.current]?.tr.classList.remove('ng-current');
      this.rows[this.current]?.tr.removeAttribute('aria-current');
      this.rows[current]?.tr.classList.add('ng-current');
      this.rows[current]?.tr.setAttribute('aria-current', 'true');
      this.current = current;
    }
    if (version === this.version) return;
    this.version = version;
    for (const r of this.rows) r.out.textContent = answer(predict, r.input);
  }
}

/** The outputs as text; a diverged network (outputs not finite: code 'model') has no answer. */
function answer(predict, input) {
  try {
    return predict(input).map((v) => fmt(v, 3)).join(t('ui.listSeparator'));
  } catch (e) {
    if (e?.code !== 'model') throw e;
    return '–';
  }
}
