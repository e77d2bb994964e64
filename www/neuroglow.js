// neuroglow's public API: mount a playground where a learner watches a network think and learn.
//
//   import { mount } from './www/neuroglow.js';
//   const pg = await mount(element, { task: 'xor3', hidden: [4], seed: 1, controls: ['step', 'play', 'reset'] });
//   pg.on('cycle', ({ loss }) => { if (loss < 0.1) pg.pause(); });
//   pg.step('phase'); await pg.train({ cycles: 60000 }); pg.predict([1, 1, 0]);
//
//   const mnist = await mount(element, { task: 'mnist', preset: '3b1b' });   // ui/mnist-playground.js
//   const ev = await mnist.train({ epochs: 1 });  // ev.accuracy, ev.confusion
//   const pad = await mount(element, { task: 'draw', model: 'modern' });     // ui/draw-playground.js
//
// Options, URL parameters and Share links follow one table (core/config.js); the typed API is
// documented in neuroglow.d.ts. The network and all its maths live in Rust (wasm); this module
// renders and handles input. Instances share nothing but the loaded wasm module.

import { loadWasm } from './core/wasm.js';
import { Session } from './core/session.js';
import {
  resolveSettings, networkOptions, partsOf, checkSettings, defaultOf, appliesTo,
  TASKS, SETTINGS, NETWORK_SETTINGS, PARTS, supportsTask,
} from './core/config.js';
import { fmt, fmtInt } from './core/format.js';
import { NetworkView } from './render/network-view.js';
import { LossChart } from './render/loss-chart.js';
import { ExamplesTable } from './render/examples-table.js';
import { palette, describePalette } from './render/palette.js';
import { Controls, ownsKeys, el } from './ui/controls.js';
import { Player, phaseMs } from './ui/player.js';
import { Tooltip, describe } from './ui/tooltip.js';
import { ProbePanel } from './ui/probe.js';
import { SettingsPanel } from './ui/settings.js';
import { Tools } from './ui/tools.js';
import { CanvasRecorder, canvasPng, downloadBlob, sizeText } from './ui/recorder.js';
import { dropRefused, coreMessage, addStylesheet, writeUrl, warningsBox, claimPage, releasePage, destroyGuards, embedCodeFor, linkFor } from './ui/task-common.js';

export { supportsTask, SETTINGS, TASKS, PARTS };

/** Events a playground emits (`on(name, fn)`). */
export const EVENTS = ['step', 'cycle', 'diverged', 'prediction', 'play', 'pause', 'reset', 'settings', 'recording'];
const STEP_KINDS = ['phase', 'example', 'cycle'];
const CONTROL_PARTS = ['step', 'example', 'cycle', 'play', 'reset', 'speed', 'schedule', 'rewind'];
const TOOL_PARTS = ['share', 'embed', 'record', 'image', 'palette'];
/** What configure() may change on a live playground (the rest is fixed at mount). */
const LIVE_SETTINGS = ['task', ...NETWORK_SETTINGS, 'speed', 'schedule', 'palette', 'values'];

/**
 * The code that shows each kind of task (config.js: TASKS[task].view). Each takes the element and
 * the resolved settings ({ settings, warnings, fromUrl }) and resolves with the playground API.
 * MNIST and draw-a-digit load on demand, so a page with XOR alone never fetches them.
 */
const VIEWS = {
  xor: mountXor,
  mnist: async (element, resolved) => (await import('./ui/mnist-playground.js')).mountMnistTask(element, resolved),
  draw: async (element, resolved) => (await import('./ui/draw-playground.js')).mountDrawTask(element, resolved),
};

/**
 * Mounts a playground into `element`. Resolves with its handle; rejects with a clear Error for
 * bad options. With `url: true` the page's URL query adds settings (bad ones become warnings
 * shown in the playground) and is kept in step with the settings.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('neuroglow mount(element, options): element must be a DOM element');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('neuroglow mount(element, options): options must be an object');
  }
  const doc = element.ownerDocument;
  let resolved;
  try {
    resolved = resolveSettings(options, options.url === true ? doc.defaultView.location.search : null);
  } catch (e) {
    throw new Error(`neuroglow: ${e.message}`);
  }
  const view = VIEWS[TASKS[resolved.settings.task].view];
  if (!view) throw new Error(`neuroglow: task "${resolved.settings.task}" cannot be shown yet`);
  if (!resolved.settings.url) return view(element, resolved);
  // The page URL has one owner; claimed before the first await so two mounts cannot both win.
  const docEl = doc.documentElement;
  if (docEl.dataset.neuroglowUrl) throw new Error('neuroglow: only one playground per page can use url: true (it owns the page URL)');
  docEl.dataset.neuroglowUrl = 'mounting';
  try {
    return await view(element, resolved);
  } catch (e) {
    if (docEl.dataset.neuroglowUrl === 'mounting') delete docEl.dataset.neuroglowUrl;
    throw e;
  }
}

async function mountXor(element, resolved) {
  addStylesheet(element.ownerDocument);
  const wasm = await loadWasm();
  const session = buildSession(wasm, resolved);
  return new Instance(element, session, resolved.settings, resolved.warnings).api;
}

/**
 * The network for these settings. When the core refuses settings that came from the URL, each
 * is tried in turn and the refused ones are dropped with a warning (the core's own message);
 * refused mount() options throw.
 */
function buildSession(wasm, resolved) {
  dropRefused(resolved, NETWORK_SETTINGS, (s) => {
    try {
      new wasm.Playground(networkOptions(s)).free();
      return null;
    } catch (e) {
      return coreMessage(e);
    }
  });
  return new Session(wasm, networkOptions(resolved.settings));
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function litLayers(s, layerCount) {
  switch (s.phase) {
    case 'idle':
      return 0;
    case 'present':
      return 1;
    case 'forward':
      return (s.layer ?? 0) + 2;
    default:
      return layerCount + 1;
  }
}

const copySettings = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? v.slice() : v]));

class Instance {
  constructor(element, session, settings, warnings) {
    this.element = element;
    this.session = session;
    this.settings = settings;
    this.warnings = warnings.slice();
    this.parts = partsOf(settings);
    this.id = `ng-${Math.random().toString(36).slice(2, 10)}`;
    this.speed = settings.speed;
    this.scheduleOn = settings.schedule;
    this.anim = { start: 0, dur: 0, flash: false };
    this.hover = null;
    this.pointer = null;
    this.frameReq = 0;
    this.destroyed = false;
    this.thinkToken = null;
    this.trainToken = null;
    this.onFrame = this.onFrame.bind(this);
    this.onKey = this.onKey.bind(this);
    this.events = session.events;

    this.player = new Player({
      session,
      speed: () => this.speed,
      schedule: () => this.scheduleOn,
      step: (kind, ms) => this.doStep(kind, ms),
      train: (n) => this.session.trainCycles(n),
      changed: (playing, reason) => {
        this.controls?.setPlaying(playing);
        this.requestFrame();
        this.events.emit(playing ? 'play' : 'pause', { reason, state: this.state() });
        if (!playing && reason === 'end' && this.recorder.recording) this.stopRecording().catch((e) => this.showAlert(e.message));
      },
    });
    this.recorder = null;
    this.lastRecording = null;
    this.buildDom();
    this.recorder = new CanvasRecorder(this.canvas);
    this.unsubDiverged = this.events.on('diverged', ({ message }) => {
      this.player.pause('diverged');
      this.showAlert(message);
    });
    this.networkChanged();
    this.api = this.makeApi();
    this.render(performance.now());
    claimPage(element, this.id, settings);
    if (settings.start === 'playing') this.play();
  }

  // ---------------------------------------------------------------- DOM

  buildDom() {
    const id = this.id;
    const has = (p) => this.parts.has(p);
    const s = this.settings;
    this.root = el('div', { class: 'ng', id, dataNeuroglow: '', dataTask: s.task });
    this.root.classList.toggle('ng-embed', s.embed);
    this.canvas = el('canvas', { class: 'ng-net', tabIndex: 0, role: 'img', ariaLabel: 'The neural network' });
    this.tipEl = el('div', { class: 'ng-tip', role: 'tooltip', id: `${id}-tip` });
    this.wrap = el('div', { class: 'ng-canvas-wrap' }, this.canvas, this.tipEl);
    this.status = {
      cycle: el('b', { text: '0' }),
      example: el('b', { text: '–' }),
      phase: el('b', { text: 'idle' }),
      loss: el('b', { text: '–' }),
    };
    for (const [k, v] of Object.entries(this.status)) v.dataset.stat = k;
    const stat = (label, value) => el('span', { class: 'ng-stat' }, el('span', { class: 'ng-stat-label', text: label }), value);
    this.statusEl = el(
      'div',
      { class: 'ng-status' },
      stat('Cycle', this.status.cycle),
      stat('Example', this.status.example),
      stat('Phase', this.status.phase),
      stat('Average error', this.status.loss),
    );
    this.legendEl = el('div', { class: 'ng-legend' });
    const bar = el('div', { class: 'ng-statusbar' });
    if (has('status')) bar.append(this.statusEl);
    if (has('legend')) bar.append(this.legendEl);
    this.alertEl = el('div', { class: 'ng-alert', role: 'alert' });
    this.alertEl.hidden = true;
    const stage = el('div', { class: 'ng-stage' }, this.wrap);
    if (bar.childElementCount) stage.append(bar);
    if (this.warnings.length) this.root.append(warningsBox(this.warnings));
    this.root.append(stage, this.alertEl);

    this.view = new NetworkView(this.wrap, this.canvas, () => this.requestFrame(true));
    this.tooltip = new Tooltip(this.tipEl);
    this.canvas.addEventListener('pointermove', (e) => this.onPointer(e));
    this.canvas.addEventListener('pointerdown', (e) => this.onPointer(e, true));
    this.canvas.addEventListener('pointerleave', (e) => {
      if (e.pointerType === 'mouse') this.setHover(null);
    });

    const guard = (fn) => (...args) => {
      try {
        const r = fn(...args);
        if (r instanceof Promise) r.catch((e) => this.showAlert(e.message));
        return r;
      } catch (e) {
        this.showAlert(e.message);
      }
    };
    if (TOOL_PARTS.some(has)) {
      this.tools = new Tools(
        id,
        this.parts,
        {
          link: () => this.link(),
          embedCode: (opts) => this.embedCode(opts),
          record: guard(() => (this.recorder.recording ? this.stopRecording() : this.startRecording())),
          image: guard(() => this.saveImage()),
          palette: guard((name) => this.configure({ palette: name })),
        },
        s.palette,
      );
    }
    if (CONTROL_PARTS.some(has) || this.tools) {
      this.controls = new Controls(
        id,
        {
          step: guard((kind) => this.userStep(kind)),
          toggle: guard(() => this.togglePlay()),
          reset: guard(() => this.reset()),
          speed: guard((v) => this.configure({ speed: v })),
          schedule: guard((on) => this.configure({ schedule: on })),
          rewind: guard((i) => this.rewind(i)),
        },
        { speed: this.speed, schedule: this.scheduleOn },
        this.parts,
        this.tools?.items ?? [],
      );
      this.root.append(this.controls.element);
      if (this.tools) this.root.append(this.tools.box);
    }
    const panels = [];
    const panel = (name, title, ...body) => {
      const h = el('h2', { class: 'ng-h', id: `${id}-${name}-h`, text: title });
      return el('section', { class: `ng-panel ng-panel-${name}`, ariaLabelledby: h.id }, h, ...body);
    };
    if (has('chart')) {
      this.chartCanvas = el('canvas', { class: 'ng-chart', role: 'img', ariaLabel: 'Average error per cycle' });
      this.chartWrap = el('div', { class: 'ng-chart-wrap' }, this.chartCanvas);
      panels.push(panel('chart', 'Average error per cycle', this.chartWrap));
    }
    if (has('examples')) {
      this.table = new ExamplesTable();
      panels.push(panel('examples', 'Training examples', this.table.element));
    }
    if (has('probe')) {
      this.probe = new ProbePanel(id, (values) => this.think(values), this.defaultProbe());
      panels.push(panel('probe', 'Ask the network', this.probe.form));
    }
    if (has('settings')) {
      this.settingsPanel = new SettingsPanel(id, this.settings, (opts) => this.configure(opts, { byLabel: true }));
      panels.push(panel('settings', 'Settings', this.settingsPanel.form));
    }
    // data-count: how many panels share the row (the settings panel always takes a row of its own).
    const inRow = panels.length - (has('settings') ? 1 : 0);
    if (panels.length) this.root.append(el('div', { class: 'ng-panels', dataCount: String(Math.max(1, inRow)) }, ...panels));
    if (this.chartWrap) this.chart = new LossChart(this.chartWrap, this.chartCanvas, () => this.requestFrame(true));
    if (s.keyboard === 'page') document.addEventListener('keydown', this.onKey);
    else if (s.keyboard === 'focus') this.root.addEventListener('keydown', this.onKey);
    this.applyView();
    this.element.append(this.root);
  }

  /** Palette and view options onto the DOM and the drawing. */
  applyView() {
    const s = this.settings;
    for (const name of ['green-red', 'blue-orange']) this.root.classList.toggle(`ng-palette-${name}`, s.palette === name);
    this.view.setPalette(s.palette);
    this.view.setValues(s.values);
    const p = palette(s.palette);
    const sw = (cls) => el('span', { class: `ng-swatch ${cls}`, ariaHidden: 'true' });
    this.legendEl.replaceChildren(
      el('span', { class: 'ng-legend-item' }, sw('ng-pos'), `${p.posName}: excites`),
      el('span', { class: 'ng-legend-item' }, sw('ng-neg'), `${p.negName}: inhibits`),
      el('span', { class: 'ng-legend-note', text: 'thicker = stronger' }),
    );
    this.legendEl.title = describePalette(s.palette);
    this.legendEl.setAttribute('aria-label', `Legend: ${describePalette(s.palette)}`);
    this.legendEl.setAttribute('role', 'note');
    this.tools?.setPalette(s.palette);
    this.controls?.setSpeed(this.speed);
    this.controls?.setSchedule(this.scheduleOn);
    this.requestFrame(true);
  }

  defaultProbe() {
    return this.session.info.sizes[0] === 2 ? '1, 1' : this.session.info.sizes[0] === 3 ? '1, 1, 0' : '';
  }

  /** After the network object was (re)built. */
  networkChanged() {
    this.view.setNetwork(this.session.info);
    this.table?.setExamples(this.session.examples);
    this.anim = { start: 0, dur: 0, flash: false };
    this.setHover(null);
    this.hideAlert();
    this.canvas.setAttribute('aria-label', `A ${this.session.info.sizes.join('-')} neural network learning ${TASKS[this.settings.task].title}. ${describePalette(this.settings.palette)}`);
    this.root.dataset.task = this.settings.task;
    this.requestFrame(true);
  }

  // ---------------------------------------------------------------- actions

  /** A step: runs it and starts its animation. Returns the state. */
  doStep(kind, animMs) {
    let s;
    if (kind === 'phase') s = this.session.stepPhase();
    else if (kind === 'example') s = this.session.stepExample();
    else s = this.session.stepCycle();
    if (!s.diverged) this.hideAlert();
    const dur = reducedMotion() ? 0 : animMs;
    const flash = kind !== 'cycle' && s.phase === 'update';
    this.anim = { start: performance.now(), dur, flash };
    this.requestFrame(true);
    return s;
  }

  /** A step asked for by the learner or the API: pauses play and any thinking first. */
  userStep(kind) {
    if (!STEP_KINDS.includes(kind)) throw new Error(`neuroglow step(kind): kind must be "phase", "example" or "cycle", not ${JSON.stringify(kind)}`);
    this.player.pause();
    this.thinkToken = null;
    this.doStep(kind, Math.min(650, Math.max(280, phaseMs(this.speed) * 0.85)));
    return this.state();
  }

  togglePlay() {
    if (this.player.playing) this.pause();
    else this.play();
  }

  play() {
    if (this.player.playing) return;
    this.thinkToken = null;
    this.trainToken = null;
    if (this.session.state().diverged) {
      this.showAlert(this.session.state().diverged);
      return;
    }
    this.player.play();
    this.requestFrame();
  }

  /** Pauses playing, and stops a train() in progress (it resolves with the state reached). */
  pause() {
    this.session.interrupt();
    if (this.trainToken) {
      this.trainToken = null;
      this.events.emit('pause', { reason: 'user', state: this.state() });
    }
    this.player.pause();
  }

  reset() {
    this.player.pause();
    this.thinkToken = null;
    this.trainToken = null;
    this.session.build(this.session.netOptions);
    this.networkChanged();
    this.probe?.setDefault(this.defaultProbe());
    const s = this.state();
    this.events.emit('reset', s);
    return s;
  }

  /**
   * Changes settings (network ones rebuild the network; speed, schedule, palette and values apply
   * live). Settings not given keep their values; a new task starts from its own defaults.
   * Throws, changing nothing, when a setting is refused.
   */
  configure(changes, { byLabel = false } = {}) {
    const checked = checkSettings(changes ?? {}, this.settings.task, { byLabel, allowed: LIVE_SETTINGS });
    const task = checked.task ?? this.settings.task;
    if (TASKS[task].view !== 'xor') throw new Error(`task "${task}" needs a playground of its own: mount() one`);
    const next = { ...this.settings, ...checked };
    const rebuild = Object.keys(checked).some((k) => k === 'task' || NETWORK_SETTINGS.includes(k));
    if (checked.task && checked.task !== this.settings.task) {
      for (const n of NETWORK_SETTINGS) {
        if (!appliesTo(n, task)) delete next[n];
        else next[n] = n in checked ? checked[n] : defaultOf(n, task);
      }
    }
    if (rebuild) {
      this.session.build(networkOptions(next)); // throws before anything changes
      this.player.pause();
      this.thinkToken = null;
      this.trainToken = null;
    }
    this.settings = next;
    this.speed = next.speed;
    if (next.schedule !== this.scheduleOn) {
      this.scheduleOn = next.schedule;
      this.player.clear();
    }
    if (rebuild) {
      this.networkChanged();
      this.probe?.setDefault(this.defaultProbe());
      this.settingsPanel?.show(this.settings);
    }
    this.applyView();
    this.syncUrl();
    this.events.emit('settings', this.publicSettings());
    return { ...this.session.info };
  }

  rewind(index) {
    this.player.pause();
    this.thinkToken = null;
    const s = this.session.restore(index);
    this.hideAlert();
    this.anim = { start: 0, dur: 0, flash: false };
    this.requestFrame(true);
    return s;
  }

  /** Trains in slices that yield to the browser; resolves with the state (pause() stops it). */
  async train({ cycles } = {}) {
    if (!Number.isSafeInteger(cycles) || cycles < 0) throw new Error('neuroglow train({ cycles }): cycles must be a whole number ≥ 0');
    this.player.pause();
    this.thinkToken = null;
    const token = {};
    this.trainToken = token;
    const session = this.session;
    const generation = session.generation;
    const target = session.state().cycle + cycles;
    let rate = 20; // cycles per ms, adapted
    for (;;) {
      if (this.destroyed || this.trainToken !== token || session.generation !== generation) break;
      const s = session.state();
      if (s.cycle >= target || s.diverged) break;
      const n = Math.min(target - s.cycle, Math.max(1, Math.floor(rate * 10)));
      const t0 = performance.now();
      const after = session.trainCycles(n);
      const dt = performance.now() - t0;
      rate = dt > 0.5 ? Math.max(0.05, 0.5 * rate + 0.5 * (n / dt)) : rate * 2;
      this.anim = { start: 0, dur: 0, flash: false };
      this.requestFrame(true);
      if (after.diverged) break;
      await new Promise((r) => setTimeout(r, 0));
    }
    if (this.trainToken === token) this.trainToken = null;
    return this.destroyed ? null : this.state();
  }

  /** Shows the network thinking about an input, layer by layer. Resolves with its outputs. */
  async think(values) {
    this.player.pause();
    const token = {};
    this.thinkToken = token;
    let s = this.session.probe(values); // throws for a bad input, nothing changed
    let interrupted = false;
    const L = this.session.layers();
    const stepMs = reducedMotion() ? 0 : Math.min(700, Math.max(300, phaseMs(this.speed)));
    this.anim = { start: performance.now(), dur: stepMs * 0.85, flash: false };
    this.requestFrame(true);
    while (s.probing && s.inProgress) {
      await new Promise((r) => setTimeout(r, stepMs));
      if (this.destroyed || this.thinkToken !== token) {
        interrupted = true;
        break;
      }
      s = this.doStep('phase', stepMs * 0.85);
    }
    if (this.thinkToken === token) this.thinkToken = null;
    if (this.destroyed) return [];
    const output = Array.from(this.session.pg.view('a', L));
    if (!interrupted) this.probe?.show(values, output);
    this.events.emit('prediction', { input: Array.from(values), output, thought: true });
    return output;
  }

  predict(input) {
    const output = this.session.predict(input);
    this.events.emit('prediction', { input: Array.from(input), output, thought: false });
    return output;
  }

  state() {
    return { ...this.session.state(), playing: this.player.playing, recording: this.recorder?.recording ?? false };
  }

  publicSettings() {
    const { url, appUrl, ...rest } = copySettings(this.settings);
    return rest;
  }

  // ---------------------------------------------------------------- links

  /** A link that opens these settings as the full playground (an embed's link opens the full page). */
  link() {
    return linkFor(this.element, this.settings);
  }

  /** An <iframe> snippet showing these settings in the compact embed layout. */
  embedCode(options) {
    const title = `neuroglow: a ${this.session.info.sizes.join('-')} neural network learning ${TASKS[this.settings.task].title}`;
    return embedCodeFor(this.element, this.settings, title, options);
  }

  /** With url: true, the page URL follows the settings (no reload, no history entry). */
  syncUrl() {
    if (!this.destroyed) writeUrl(this.element, this.root, this.id, this.settings);
  }

  // ---------------------------------------------------------------- recording

  fileName(ext) {
    const info = this.session.info;
    return `neuroglow-${this.settings.task}-${info.sizes.join('-')}-seed${this.settings.seed}-cycle${this.session.state().cycle}.${ext}`;
  }

  /** Starts a WebM recording of the canvas and plays (with the schedule, unless told not to). */
  startRecording({ play = true, schedule = true } = {}) {
    if (this.recorder.recording) throw new Error('neuroglow: already recording');
    this.lastRecording = null;
    if (schedule && !this.scheduleOn) this.configure({ schedule: true });
    this.render(performance.now());
    this.recorder.start();
    this.root.classList.add('ng-recording');
    this.tools?.setRecording(true);
    this.tools?.say('Recording… press Stop recording to finish.');
    this.events.emit('recording', { recording: true, mimeType: this.recorder.mimeType });
    if (play) this.play();
    this.requestFrame(true);
  }

  /**
   * Stops recording (and playing); resolves with the video, also offered for download. After a
   * recording that stopped by itself (the schedule reached its end) it resolves with that one.
   */
  stopRecording() {
    if (!this.recorder.recording) {
      if (this.lastRecording) return this.lastRecording;
      return Promise.reject(new Error('neuroglow: not recording'));
    }
    this.lastRecording = this.finishRecording();
    return this.lastRecording;
  }

  async finishRecording() {
    const seconds = this.recorder.elapsed();
    const name = this.fileName('webm');
    const blob = await this.recorder.stop();
    if (this.player.playing) this.pause();
    this.root.classList.remove('ng-recording');
    if (this.destroyed) return blob;
    this.tools?.setRecording(false);
    if (this.tools) {
      this.tools.say(`Recorded ${seconds.toFixed(1)} s of video.`, 'good');
      this.tools.offer(URL.createObjectURL(blob), name, `Download video (${sizeText(blob.size)})`);
    }
    this.events.emit('recording', { recording: false, blob, seconds });
    return blob;
  }

  /** The current frame as a PNG; downloads it unless { download: false }. */
  async saveImage({ download = true } = {}) {
    this.exporting = true;
    this.render(performance.now());
    let blob;
    try {
      blob = await canvasPng(this.canvas);
    } finally {
      this.exporting = false;
      this.requestFrame(true);
    }
    if (download) downloadBlob(blob, this.fileName('png'), this.element.ownerDocument);
    return blob;
  }

  // ---------------------------------------------------------------- input

  onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || this.destroyed) return;
    const t = e.target;
    if (ownsKeys(t)) return;
    // Under keyboard: 'page', keys inside another playground belong to that one, and a
    // playground out of sight (e.g. in a hidden tab) takes none.
    if (t instanceof Element && t.closest('[data-neuroglow]') && !this.root.contains(t)) return;
    if (this.root.getClientRects().length === 0) return;
    try {
      if (e.key === ' ' || e.key === 'Spacebar') {
        if (t instanceof Element && t.closest('button, a, summary')) return; // they click themselves
        e.preventDefault();
        this.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        this.userStep('phase');
      }
    } catch (err) {
      this.showAlert(err.message);
    }
  }

  onPointer(e, tap = false) {
    const rect = this.canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = this.view.hitTest(x, y);
    if (tap && e.pointerType !== 'mouse' && hit && this.hover && sameHit(hit, this.hover)) {
      this.setHover(null); // a second tap closes it
      return;
    }
    this.pointer = { x, y };
    this.setHover(hit);
  }

  setHover(hit) {
    const changed = !sameHit(hit, this.hover);
    this.hover = hit;
    if (!hit) this.tooltip.hide();
    if (changed) this.requestFrame(true);
  }

  // ---------------------------------------------------------------- drawing

  requestFrame(dirty = false) {
    if (dirty) this.dirty = true;
    if (!this.frameReq && !this.destroyed) this.frameReq = requestAnimationFrame(this.onFrame);
  }

  onFrame(now) {
    this.frameReq = 0;
    if (this.destroyed) return;
    try {
      this.player.tick(now);
      const animating = this.anim.dur > 0 && now - this.anim.start < this.anim.dur + 32;
      // While recording every frame is drawn, so the video stream has a steady frame rate.
      const recording = this.recorder?.recording ?? false;
      if (this.dirty || animating || this.player.playing || recording) this.render(now);
      if (this.player.playing || animating || recording) this.requestFrame();
    } catch (e) {
      this.player.pause();
      this.showAlert(`Something went wrong: ${e.message}`);
      console.error(e);
    }
  }

  render(now) {
    this.dirty = false;
    const session = this.session;
    const s = session.state();
    const info = session.info;
    const K = info.sizes.length - 1;
    const t = this.anim.dur > 0 ? Math.min(1, Math.max(0, (now - this.anim.start) / this.anim.dur)) : 1;
    const lit = litLayers(s, K);
    const stepping = session.lastOp === 'phase' || session.lastOp === 'example';
    const disp = {
      phase: s.phase,
      layer: s.layer ?? null,
      probing: s.probing,
      lit,
      t,
      flash: this.anim.flash,
      prev: session.before && s.phase === 'update' && this.anim.dur > 0 ? session.before : null,
      showError: !s.probing && stepping && ['error', 'backward', 'update'].includes(s.phase),
      cycle: s.cycle,
      loss: s.loss ?? null,
      legend: this.exporting || (this.recorder?.recording ?? false),
      caption: this.caption(s, K),
      hover: this.hover,
    };
    // Non-drawing reads first (they may call into wasm); the view makes its own fresh views.
    this.updateStatus(s);
    this.controls?.update(s, () => session.snapshotCycles());
    if (this.table) {
      const current = s.phase !== 'idle' && !s.probing ? s.example : -1;
      this.table.update(current, `${session.generation}:${session.version}`, (x) => session.predict(x));
    }
    this.view.draw(session.pg, disp);
    this.chart?.draw(session.pg, s.cycle, session.generation);
    if (this.hover && this.pointer) {
      const content = describe(this.hover, {
        pg: session.pg,
        info,
        lit,
        phase: s.phase,
        layer: s.layer ?? null,
        probing: s.probing,
        before: session.before,
        beforeExact: session.beforeExact,
        colours: palette(this.settings.palette),
      });
      this.tooltip.show(content, this.pointer.x, this.pointer.y, this.view.fit.w, this.view.fit.h);
    }
  }

  caption(s, K) {
    const n = s.exampleCount;
    const ex = `Example ${s.example + 1} of ${n}`;
    const loss = s.loss !== null && s.loss !== undefined ? `average error ${fmt(s.loss, 4)}` : '';
    if (s.diverged) return 'Training diverged — Reset or rewind';
    if (s.probing) return s.inProgress ? 'New situation: thinking…' : 'New situation: the network\u2019s answer';
    switch (s.phase) {
      case 'idle':
        return s.cycle === 0 ? 'Press Step or Play to start' : `Rewound · ${loss}`;
      case 'present':
        return `${ex} · the input arrives`;
      case 'forward':
        return `${ex} · forward: layer ${s.layer + 1} → ${s.layer + 2}`;
      case 'error':
        return `${ex} · error = target − output`;
      case 'backward':
        return `${ex} · backward: layer ${s.layer + 2} → ${s.layer + 1}`;
      case 'update':
        if (this.session.lastOp === 'phase' || this.session.lastOp === 'example') return `${ex} · the weights change`;
        return this.player.playing ? 'Learning…' : 'Press Step to watch the next example';
      default:
        return '';
    }
  }

  updateStatus(s) {
    const phase = s.probing && s.phase !== 'idle'
      ? s.inProgress
        ? `thinking${s.layer !== null && s.layer !== undefined ? ` (layer ${s.layer + 1}→${s.layer + 2})` : ''}`
        : 'answered'
      : s.phase === 'forward'
        ? `forward (layer ${s.layer + 1}→${s.layer + 2})`
        : s.phase === 'backward'
          ? `backward (layer ${s.layer + 2}→${s.layer + 1})`
          : s.phase;
    const vals = {
      cycle: fmtInt(s.cycle),
      example: `${s.phase === 'idle' ? '–' : s.example + 1} of ${s.exampleCount}`,
      phase,
      loss: s.loss !== null && s.loss !== undefined ? fmt(s.loss, 4) : '–',
    };
    for (const [k, v] of Object.entries(vals)) if (this.status[k].textContent !== v) this.status[k].textContent = v;
  }

  showAlert(message) {
    this.alertEl.textContent = message;
    this.alertEl.hidden = false;
  }

  hideAlert() {
    if (!this.alertEl.hidden) {
      this.alertEl.hidden = true;
      this.alertEl.textContent = '';
    }
  }

  // ---------------------------------------------------------------- API

  makeApi() {
    const self = this;
    const { live, liveAsync } = destroyGuards(() => self.destroyed);
    return Object.freeze({
      step: live('step', (kind = 'phase') => self.userStep(kind)),
      train: liveAsync('train', (opts) => self.train(opts)),
      predict: live('predict', (input) => self.predict(input)),
      think: liveAsync('think', (input) => self.think(input)),
      state: live('state', () => self.state()),
      play: live('play', () => self.play()),
      pause: live('pause', () => self.pause()),
      reset: live('reset', () => self.reset()),
      configure: live('configure', (opts) => {
        try {
          return self.configure(opts);
        } catch (e) {
          throw new Error(e.message.startsWith('neuroglow') ? e.message : `neuroglow configure(): ${e.message.replace(/^invalid setting: /, '')}`);
        }
      }),
      settings: live('settings', () => self.publicSettings()),
      warnings: live('warnings', () => self.warnings.slice()),
      info: live('info', () => ({ ...self.session.info })),
      examples: live('examples', () => structuredClone(self.session.examples)),
      snapshots: live('snapshots', () => self.session.snapshotCycles()),
      rewind: live('rewind', (index) => self.rewind(index)),
      neuronAt: live('neuronAt', (layer, index) => {
        const sizes = self.session.info.sizes;
        if (!(Number.isInteger(layer) && layer >= 0 && layer < sizes.length && Number.isInteger(index) && index >= 0 && index < sizes[layer])) {
          throw new Error(`neuroglow neuronAt(layer, index): there is no neuron ${index} in layer ${layer}`);
        }
        return self.view.neuronAt(layer, index);
      }),
      link: live('link', () => self.link()),
      embedCode: live('embedCode', (opts) => self.embedCode(opts)),
      startRecording: live('startRecording', (opts) => self.startRecording(opts)),
      stopRecording: liveAsync('stopRecording', () => self.stopRecording()),
      saveImage: liveAsync('saveImage', (opts) => self.saveImage(opts)),
      on: live('on', (name, fn) => {
        if (!EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${EVENTS.join(', ')})`);
        return self.events.on(name, fn);
      }),
      destroy: () => self.destroy(),
      get task() {
        return self.settings.task;
      },
      get element() {
        return self.root;
      },
    });
  }

  destroy() {
    if (this.destroyed) return;
    if (this.recorder?.recording) this.recorder.stop().catch(() => {});
    this.destroyed = true;
    this.player.pause();
    if (this.frameReq) cancelAnimationFrame(this.frameReq);
    this.frameReq = 0;
    document.removeEventListener('keydown', this.onKey);
    this.view.destroy();
    this.chart?.destroy();
    this.tools?.destroy();
    this.unsubDiverged();
    this.root.remove();
    releasePage(this.element, this.id);
    this.session.free();
  }
}

function sameHit(a, b) {
  if (!a || !b) return a === b;
  return a.type === b.type && a.l === b.l && a.i === b.i && a.k === b.k && a.j === b.j;
}
