// neuroglow's public API: mount a playground where a learner watches a network think and learn.
//
//   import { mount } from './www/neuroglow.js';
//   const pg = await mount(element, { task: 'xor3', hidden: [4], seed: 1, controls: true });
//   pg.step('phase'); await pg.train({ cycles: 60000 }); pg.predict([1, 1, 0]);
//
// The network and all its maths live in Rust (wasm); this module renders and handles input.
// Instances share nothing but the loaded wasm module.

import { loadWasm } from './core/wasm.js';
import { Session, NETWORK_OPTIONS } from './core/session.js';
import { fmt, fmtInt } from './core/format.js';
import { NetworkView } from './render/network-view.js';
import { LossChart } from './render/loss-chart.js';
import { ExamplesTable } from './render/examples-table.js';
import { Controls, ownsKeys, el } from './ui/controls.js';
import { Player, phaseMs, SPEED_MIN, SPEED_MAX, SPEED_DEFAULT } from './ui/player.js';
import { Tooltip, describe } from './ui/tooltip.js';
import { ProbePanel } from './ui/probe.js';
import { SettingsPanel } from './ui/settings.js';

/** Options handled here (not by the network). */
const UI_OPTIONS = ['controls', 'speed', 'schedule', 'keyboard'];
const EVENTS = ['step', 'cycle', 'diverged'];
const STEP_KINDS = ['phase', 'example', 'cycle'];

/**
 * Mounts a playground into `element`. Resolves with its handle; rejects with a clear Error for
 * bad options.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('neuroglow mount(element, options): element must be a DOM element');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('neuroglow mount(element, options): options must be an object');
  }
  const known = [...NETWORK_OPTIONS, ...UI_OPTIONS];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new Error(`neuroglow: unknown option "${key}" (known options: ${known.join(', ')})`);
  }
  const ui = {
    controls: options.controls ?? true,
    speed: options.speed ?? SPEED_DEFAULT,
    schedule: options.schedule ?? true,
    keyboard: options.keyboard ?? 'focus',
  };
  if (typeof ui.controls !== 'boolean') throw new Error('neuroglow: option "controls" must be true or false');
  if (typeof ui.schedule !== 'boolean') throw new Error('neuroglow: option "schedule" must be true or false');
  if (!Number.isInteger(ui.speed) || ui.speed < SPEED_MIN || ui.speed > SPEED_MAX) {
    throw new Error(`neuroglow: option "speed" must be a whole number from ${SPEED_MIN} to ${SPEED_MAX}`);
  }
  if (!['focus', 'page', false].includes(ui.keyboard)) {
    throw new Error('neuroglow: option "keyboard" must be "focus" (keys work when the playground has focus), "page" or false');
  }
  const netOptions = {};
  for (const key of NETWORK_OPTIONS) if (options[key] !== undefined) netOptions[key] = options[key];

  addStylesheet(element.ownerDocument);
  const wasm = await loadWasm();
  let session;
  try {
    session = new Session(wasm, netOptions);
  } catch (e) {
    throw new Error(`neuroglow: ${e.message}`);
  }
  return new Instance(element, session, ui).api;
}

/** Links style.css once per document (found by its data attribute, not module state). */
function addStylesheet(doc) {
  if (doc.querySelector('link[data-neuroglow-style]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./style.css', import.meta.url).href;
  link.dataset.neuroglowStyle = '';
  doc.head.append(link);
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

class Instance {
  constructor(element, session, ui) {
    this.element = element;
    this.session = session;
    this.ui = ui;
    this.id = `ng-${Math.random().toString(36).slice(2, 10)}`;
    this.speed = ui.speed;
    this.scheduleOn = ui.schedule;
    this.anim = { start: 0, dur: 0, flash: false };
    this.hover = null;
    this.pointer = null;
    this.frameReq = 0;
    this.destroyed = false;
    this.thinkToken = null;
    this.trainToken = null;
    this.lastStatus = '';
    this.onFrame = this.onFrame.bind(this);
    this.onKey = this.onKey.bind(this);

    this.player = new Player({
      session,
      speed: () => this.speed,
      schedule: () => this.scheduleOn,
      step: (kind, ms) => this.doStep(kind, ms),
      train: (n) => this.session.trainCycles(n),
      changed: (playing) => {
        this.controls?.setPlaying(playing);
        this.requestFrame();
      },
    });
    this.buildDom();
    this.unsubDiverged = session.events.on('diverged', ({ message }) => {
      this.player.pause('diverged');
      this.showAlert(message);
    });
    this.networkChanged();
    this.api = this.makeApi();
    this.render(performance.now());
    element.dataset.ready = 'true';
  }

  // ---------------------------------------------------------------- DOM

  buildDom() {
    const id = this.id;
    this.root = el('div', { class: `ng${this.ui.controls ? '' : ' ng-bare'}`, id, dataNeuroglow: '' });
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
    this.alertEl = el('div', { class: 'ng-alert', role: 'alert' });
    this.alertEl.hidden = true;
    this.root.append(el('div', { class: 'ng-stage' }, this.wrap, this.statusEl), this.alertEl);

    this.view = new NetworkView(this.wrap, this.canvas, () => this.requestFrame(true));
    this.tooltip = new Tooltip(this.tipEl);
    this.canvas.addEventListener('pointermove', (e) => this.onPointer(e));
    this.canvas.addEventListener('pointerdown', (e) => this.onPointer(e, true));
    this.canvas.addEventListener('pointerleave', (e) => {
      if (e.pointerType === 'mouse') this.setHover(null);
    });

    if (this.ui.controls) {
      const guard = (fn) => (...args) => {
        try {
          return fn(...args);
        } catch (e) {
          this.showAlert(e.message);
        }
      };
      this.controls = new Controls(
        id,
        {
          step: guard((kind) => this.userStep(kind)),
          toggle: guard(() => this.togglePlay()),
          reset: guard(() => this.reset()),
          speed: (v) => {
            this.speed = v;
          },
          schedule: (on) => {
            this.scheduleOn = on;
            this.player.clear();
          },
          rewind: guard((i) => this.rewind(i)),
        },
        { speed: this.speed, schedule: this.scheduleOn },
      );
      this.chartCanvas = el('canvas', { class: 'ng-chart', role: 'img', ariaLabel: 'Average error per cycle' });
      this.chartWrap = el('div', { class: 'ng-chart-wrap' }, this.chartCanvas);
      this.table = new ExamplesTable();
      this.probe = new ProbePanel(id, (values) => this.think(values), this.defaultProbe());
      this.settings = new SettingsPanel(id, this.session.info, (opts) => this.configure(opts));
      const panel = (name, title, ...body) => {
        const h = el('h2', { class: 'ng-h', id: `${id}-${name}-h`, text: title });
        return el('section', { class: `ng-panel ng-panel-${name}`, ariaLabelledby: h.id }, h, ...body);
      };
      this.root.append(
        this.controls.element,
        el(
          'div',
          { class: 'ng-panels' },
          panel('chart', 'Average error per cycle', this.chartWrap),
          panel('examples', 'Training examples', this.table.element),
          panel('probe', 'Ask the network', this.probe.form),
          panel('settings', 'Settings', this.settings.form),
        ),
      );
      this.chart = new LossChart(this.chartWrap, this.chartCanvas, () => this.requestFrame(true));
    }
    if (this.ui.keyboard === 'page') document.addEventListener('keydown', this.onKey);
    else if (this.ui.keyboard === 'focus') this.root.addEventListener('keydown', this.onKey);
    this.element.append(this.root);
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
    this.canvas.setAttribute('aria-label', `A ${this.session.info.sizes.join('-')} neural network (${this.session.info.task})`);
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
    this.thinkToken = null;
    if (!this.player.playing && this.session.state().diverged) {
      this.showAlert(this.session.state().diverged);
      return;
    }
    this.player.toggle();
    this.requestFrame();
  }

  play() {
    if (!this.player.playing) this.togglePlay();
  }

  pause() {
    this.player.pause();
  }

  reset() {
    this.player.pause();
    this.thinkToken = null;
    this.trainToken = null;
    this.session.build(this.session.netOptions);
    this.networkChanged();
    this.probe?.setDefault(this.defaultProbe());
    return this.session.state();
  }

  /** Rebuilds with new network options; throws (keeping the network) when they are refused. */
  configure(netOptions) {
    const opts = {};
    for (const [k, v] of Object.entries(netOptions ?? {})) {
      if (!NETWORK_OPTIONS.includes(k)) throw new Error(`unknown network option "${k}"`);
      if (v !== undefined) opts[k] = v;
    }
    this.session.build(opts); // throws before anything changes
    this.player.pause();
    this.thinkToken = null;
    this.trainToken = null;
    this.networkChanged();
    this.probe?.setDefault(this.defaultProbe());
    this.settings?.show(this.session.info);
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

  /** Trains in slices that yield to the browser; resolves with the state. */
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
    const L = this.session.layers();
    const stepMs = reducedMotion() ? 0 : Math.min(700, Math.max(300, phaseMs(this.speed)));
    this.anim = { start: performance.now(), dur: stepMs * 0.85, flash: false };
    this.requestFrame(true);
    while (s.probing && s.inProgress) {
      await new Promise((r) => setTimeout(r, stepMs));
      if (this.destroyed || this.thinkToken !== token) break;
      s = this.doStep('phase', stepMs * 0.85);
    }
    if (this.thinkToken === token) this.thinkToken = null;
    if (this.destroyed) return [];
    return Array.from(this.session.pg.view('a', L));
  }

  state() {
    return { ...this.session.state(), playing: this.player.playing };
  }

  // ---------------------------------------------------------------- input

  onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || this.destroyed) return;
    const t = e.target;
    if (ownsKeys(t)) return;
    // Under keyboard: 'page', keys inside another playground belong to that one.
    if (t instanceof Element && t.closest('[data-neuroglow]') && !this.root.contains(t)) return;
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
      if (this.dirty || animating || this.player.playing) this.render(now);
      if (this.player.playing || animating) this.requestFrame();
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
      caption: this.caption(s, K),
      hover: this.hover,
    };
    // Non-drawing reads first (they may call into wasm); the view makes its own fresh views.
    this.updateStatus(s);
    if (this.controls) {
      this.controls.update(s, () => session.snapshotCycles());
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
      });
      this.tooltip.show(content, this.pointer.x, this.pointer.y, this.view.cssW, this.view.cssH);
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
        return loss ? loss[0].toUpperCase() + loss.slice(1) : '';
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
    const live = (name, fn) => (...args) => {
      if (self.destroyed) throw new Error(`neuroglow: ${name}() on a destroyed playground`);
      return fn(...args);
    };
    const liveAsync = (name, fn) => async (...args) => {
      if (self.destroyed) throw new Error(`neuroglow: ${name}() on a destroyed playground`);
      return fn(...args);
    };
    return Object.freeze({
      step: live('step', (kind = 'phase') => self.userStep(kind)),
      train: liveAsync('train', (opts) => self.train(opts)),
      predict: live('predict', (input) => self.session.predict(input)),
      think: liveAsync('think', (input) => self.think(input)),
      state: live('state', () => self.state()),
      play: live('play', () => self.play()),
      pause: live('pause', () => self.pause()),
      reset: live('reset', () => self.reset()),
      configure: live('configure', (opts) => self.configure(opts)),
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
      on: live('on', (name, fn) => {
        if (!EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${EVENTS.join(', ')})`);
        return self.session.events.on(name, fn);
      }),
      destroy: () => self.destroy(),
      get element() {
        return self.root;
      },
    });
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.player.pause();
    if (this.frameReq) cancelAnimationFrame(this.frameReq);
    this.frameReq = 0;
    document.removeEventListener('keydown', this.onKey);
    this.view.destroy();
    this.chart?.destroy();
    this.unsubDiverged();
    this.root.remove();
    delete this.element.dataset.ready;
    this.session.free();
  }
}

function sameHit(a, b) {
  if (!a || !b) return a === b;
  return a.type === b.type && a.l === b.l && a.i === b.i && a.k === b.k && a.j === b.j;
}
