// The XOR playground's DOM: the canvas with its tooltip, the status bar and legend, the controls
// and tools (Share, Embed, Record, …), and the panels below (chart, examples, probe, settings).
// Each piece calls back into the playground (playground.js); applyView() puts the palette and
// view settings onto them.

import { NetworkView } from '../../render/network-view.js';
import { LossChart } from '../../render/loss-chart.js';
import { palette, describePalette } from '../../render/palette.js';
import { Controls, el } from '../../ui/controls.js';
import { Tooltip } from '../../ui/tooltip.js';
import { ProbePanel } from '../../ui/probe.js';
import { SettingsPanel } from '../../ui/settings.js';
import { Tools } from '../../ui/tools.js';
import { warningsBox } from '../../ui/task-common.js';
import { ExamplesTable } from './examples-table.js';

const CONTROL_PARTS = ['step', 'example', 'cycle', 'play', 'reset', 'speed', 'schedule', 'rewind'];
const TOOL_PARTS = ['share', 'embed', 'record', 'image', 'palette'];

/** Builds the playground's DOM into `pg.root` and appends it to `pg.element`. */
export function buildDom(pg) {
  const s = pg.settings;
  pg.root = el('div', { class: 'ng', id: pg.id, dataNeuroglow: '', dataTask: s.task });
  pg.root.classList.toggle('ng-embed', s.embed);
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
  const has = (p) => pg.parts.has(p);
  pg.canvas = el('canvas', { class: 'ng-net', tabIndex: 0, role: 'img', ariaLabel: 'The neural network' });
  pg.tipEl = el('div', { class: 'ng-tip', role: 'tooltip', id: `${pg.id}-tip` });
  pg.wrap = el('div', { class: 'ng-canvas-wrap' }, pg.canvas, pg.tipEl);
  pg.status = {
    cycle: el('b', { text: '0' }),
    example: el('b', { text: '–' }),
    phase: el('b', { text: 'idle' }),
    loss: el('b', { text: '–' }),
  };
  for (const [k, v] of Object.entries(pg.status)) v.dataset.stat = k;
  const stat = (label, value) => el('span', { class: 'ng-stat' }, el('span', { class: 'ng-stat-label', text: label }), value);
  pg.statusEl = el(
    'div',
    { class: 'ng-status' },
    stat('Cycle', pg.status.cycle),
    stat('Example', pg.status.example),
    stat('Phase', pg.status.phase),
    stat('Average error', pg.status.loss),
  );
  pg.legendEl = el('div', { class: 'ng-legend' });
  const bar = el('div', { class: 'ng-statusbar' });
  if (has('status')) bar.append(pg.statusEl);
  if (has('legend')) bar.append(pg.legendEl);
  pg.alertEl = el('div', { class: 'ng-alert', role: 'alert' });
  pg.alertEl.hidden = true;
  const stage = el('div', { class: 'ng-stage' }, pg.wrap);
  if (bar.childElementCount) stage.append(bar);
  if (pg.warnings.length) pg.root.append(warningsBox(pg.warnings));
  pg.root.append(stage, pg.alertEl);

  pg.view = new NetworkView(pg.wrap, pg.canvas, () => pg.requestFrame(true));
  pg.tooltip = new Tooltip(pg.tipEl);
  pg.canvas.addEventListener('pointermove', (e) => pg.onPointer(e));
  pg.canvas.addEventListener('pointerdown', (e) => pg.onPointer(e, true));
  pg.canvas.addEventListener('pointerleave', (e) => {
    if (e.pointerType === 'mouse') pg.setHover(null);
  });
}

/** The buttons: Step, Play, … and the tools (Share, Embed, Record, Save image, palette). */
function buildControls(pg) {
  const has = (p) => pg.parts.has(p);
  const guard = (fn) => (...args) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e) => pg.showAlert(e.message));
      return r;
    } catch (e) {
      pg.showAlert(e.message);
    }
  };
  if (TOOL_PARTS.some(has)) {
    pg.tools = new Tools(
      pg.id,
      pg.parts,
      {
        link: () => pg.link(),
        embedCode: (opts) => pg.embedCode(opts),
        record: guard(() => (pg.recording.active ? pg.recording.stop() : pg.recording.start())),
        image: guard(() => pg.recording.saveImage()),
        palette: guard((name) => pg.configure({ palette: name })),
      },
      pg.settings.palette,
    );
  }
  if (CONTROL_PARTS.some(has) || pg.tools) {
    pg.controls = new Controls(
      pg.id,
      {
        step: guard((kind) => pg.userStep(kind)),
        toggle: guard(() => pg.togglePlay()),
        reset: guard(() => pg.reset()),
        speed: guard((v) => pg.configure({ speed: v })),
        schedule: guard((on) => pg.configure({ schedule: on })),
        rewind: guard((i) => pg.rewind(i)),
      },
      { speed: pg.speed, schedule: pg.scheduleOn },
      pg.parts,
      pg.tools?.items ?? [],
    );
    pg.root.append(pg.controls.element);
    if (pg.tools) pg.root.append(pg.tools.box);
  }
}

/** The panels under the canvas: the error chart, the examples, the probe, the settings. */
function buildPanels(pg) {
  const has = (p) => pg.parts.has(p);
  const id = pg.id;
  const panels = [];
  const panel = (name, title, ...body) => {
    const h = el('h2', { class: 'ng-h', id: `${id}-${name}-h`, text: title });
    return el('section', { class: `ng-panel ng-panel-${name}`, ariaLabelledby: h.id }, h, ...body);
  };
  if (has('chart')) {
    pg.chartCanvas = el('canvas', { class: 'ng-chart', role: 'img', ariaLabel: 'Average error per cycle' });
    pg.chartWrap = el('div', { class: 'ng-chart-wrap' }, pg.chartCanvas);
    panels.push(panel('chart', 'Average error per cycle', pg.chartWrap));
  }
  if (has('examples')) {
    pg.table = new ExamplesTable();
    panels.push(panel('examples', 'Training examples', pg.table.element));
  }
  if (has('probe')) {
    pg.probe = new ProbePanel(id, (values) => pg.think(values), pg.defaultProbe());
    panels.push(panel('probe', 'Ask the network', pg.probe.form));
  }
  if (has('settings')) {
    pg.settingsPanel = new SettingsPanel(id, pg.settings, (opts) => pg.configure(opts, { byLabel: true }));
    panels.push(panel('settings', 'Settings', pg.settingsPanel.form));
  }
  // data-count: how many panels share the row (the settings panel always takes a row of its own).
  const inRow = panels.length - (has('settings') ? 1 : 0);
  if (panels.length) pg.root.append(el('div', { class: 'ng-panels', dataCount: String(Math.max(1, inRow)) }, ...panels));
  if (pg.chartWrap) pg.chart = new LossChart(pg.chartWrap, pg.chartCanvas, () => pg.requestFrame(true));
}

/** Palette and view options onto the DOM and the drawing. */
export function applyView(pg) {
  const s = pg.settings;
  for (const name of ['green-red', 'blue-orange']) pg.root.classList.toggle(`ng-palette-${name}`, s.palette === name);
  pg.view.setPalette(s.palette);
  pg.view.setValues(s.values);
  const p = palette(s.palette);
  const sw = (cls) => el('span', { class: `ng-swatch ${cls}`, ariaHidden: 'true' });
  pg.legendEl.replaceChildren(
    el('span', { class: 'ng-legend-item' }, sw('ng-pos'), `${p.posName}: excites`),
    el('span', { class: 'ng-legend-item' }, sw('ng-neg'), `${p.negName}: inhibits`),
    el('span', { class: 'ng-legend-note', text: 'thicker = stronger' }),
  );
  pg.legendEl.title = describePalette(s.palette);
  pg.legendEl.setAttribute('aria-label', `Legend: ${describePalette(s.palette)}`);
  pg.legendEl.setAttribute('role', 'note');
  pg.tools?.setPalette(s.palette);
  pg.controls?.setSpeed(pg.speed);
  pg.controls?.setSchedule(pg.scheduleOn);
  pg.requestFrame(true);
}
