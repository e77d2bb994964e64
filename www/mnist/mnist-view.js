// The MNIST section: a network learning to read handwritten digits, live. Training runs in a
// Web Worker with its own wasm instance (worker.js); this module builds the page section, turns
// the worker's frames and reports into drawings, and offers a small API:
//
//   const mnist = await mountMnist(element, { preset: '3b1b' });
//   await mnist.ready;                       // data loaded (rejects with why it failed)
//   mnist.play(); mnist.pause(); await mnist.step('phase' | 'example' | 'batch' | 'epoch');
//   const ev = await mnist.train({ epochs: 1 });   // evaluation after the last epoch
//   const ev2 = await mnist.evaluate();           // { accuracy, loss, confusion, perClass, … }
//   const out = await mnist.predict(pixels784);   // 784 numbers 0..1 → the 10 outputs
//   const bytes = await mnist.save(); await mnist.load(bytes);
//   mnist.state(); mnist.on('frame' | 'epoch' | 'evaluation' | 'diverged', fn); mnist.destroy();

import { Emitter } from '../core/events.js';
import { fmt, fmtInt } from '../core/format.js';
import { MnistClient } from './client.js';
import { MnistNetworkView, argMax } from './network-view.js';
import { WeightPictures } from './weight-pictures.js';
import { LineChart } from './charts.js';
import { ConfusionView } from './confusion.js';
import { Gallery } from './gallery.js';
import { ModelsPanel, download } from './models.js';
import { Settings, PRESETS } from './settings.js';
import { OwnData } from './own-data.js';
import { registerModel } from '../core/models-on-page.js';
import { linkStylesheet } from '../core/stylesheet.js';

const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};
const NET_KEYS = ['preset', 'hidden', 'activation', 'outputActivation', 'loss', 'bias', 'init', 'optimizer',
  'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed'];
/** Options of the section itself (the rest are the network's, checked by the core). */
const VIEW_OPTIONS = ['task', 'examplesPerSecond', 'autoplay', 'dataUrl', 'heading', 'controls', 'speed', 'schedule', 'keyboard'];
const EVAL_VIEW_MS = 1200; // the confusion matrix and gallery follow training at most this often
const CREDIT = 'MNIST database by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0.';

const COLOURS = { loss: '#ffd68c', train: '#7dd3fc', test: '#4ade80' };

function ensureStyles(doc) {
  linkStylesheet(doc, new URL('./mnist.css', import.meta.url));
}

/** Writes text only when it changed (no layout work for a frame that says the same). */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// Stopping a run of epochs early (Pause, Reset, a new model) rejects its promise; the buttons
// that started it need not report that.
const STOPPED = /paused|rebuilt|loaded|replaced|new training run/;

const pct = (x, d = 1) => (Number.isFinite(x) ? `${(x * 100).toFixed(d)}%` : '–');

function phaseText(s, info, label) {
  const L = info.sizes.length - 1;
  const name = (l) => (l === 0 ? 'the input' : l === L ? 'the output layer' : `hidden layer ${l}`);
  switch (s.phase) {
    case 'present':
      return `The image is on the ${fmtInt(info.sizes[0])} input neurons, one per pixel. Step to send it forward.`;
    case 'forward':
      return `Forward: ${name(s.layer + 1)} adds up its weighted inputs from ${name(s.layer)} and fires.`;
    case 'error':
      return `Error: the outputs are compared with the label ${label ?? ''} (dashed ring). This example’s loss is ${fmt(s.exampleLoss, 4)}.`;
    case 'backward':
      return `Backward: the error flows back through the weights between ${name(s.layer)} and ${name(s.layer + 1)}; violet shows how much each weight is to blame.`;
    case 'update':
      return 'Update: the weights move a little against their gradients (the flash shows how much each changed).';
    default:
      return '';
  }
}

let instances = 0;

class MnistView {
  constructor(element, options) {
    this.element = element;
    this.options = options;
    this.events = new Emitter();
    this.info = null;
    this.frame = null;
    this.pendingFrame = null;
    this.playing = false;
    this.isReady = false;
    this.loading = null;
    this.failure = null;
    this.seen = 0;
    this.samplesPerSecond = 0;
    this.evaluation = null;
    this.hasTest = false;
    this.dataName = 'MNIST';
    this.raf = 0;
    this.timers = new Set();
    this.destroyed = false;
    this.lastEvalView = 0;
    this.preset = PRESETS[options.preset] ? options.preset : '3b1b';
    this.netOptions = { preset: this.preset };
    for (const k of NET_KEYS) if (options[k] !== undefined) this.netOptions[k] = options[k];
    this.speed = Number(options.examplesPerSecond) > 0 ? Number(options.examplesPerSecond) : 0;
    this.id = `mn${++instances}`;
    ensureStyles(element.ownerDocument);
    this.build();
    this.client = new MnistClient();
    this.listen();
    this.ready = this.load({ urls: this.mnistUrls() });
    // `ready` rejecting is shown on the page; callers that await it see the error too.
    this.ready.catch(() => {});
    // A drawing pad on the same page can read with the network trained here.
    this.unregister = registerModel(element.ownerDocument, {
      name: 'The model you just trained',
      save: () => this.save(),
      on: (name, fn) => this.events.on(name, fn),
    });
  }

  mnistUrls() {
    const base = new URL(this.options.dataUrl ?? '../data/mnist/', import.meta.url);
    return Object.fromEntries(Object.entries(MNIST_FILES).map(([k, f]) => [k, new URL(f, base).href]));
  }

  // ---------------------------------------------------------------- DOM

  build() {
    const root = document.createElement('section');
    root.className = 'mn-root';
    root.setAttribute('aria-label', 'MNIST: a network learning to read handwritten digits');
    const heading = this.options.heading !== false;
    root.innerHTML = `
      ${heading ? `<header class="mn-header">
        <h2 class="mn-title">Watch a network learn to read handwriting</h2>
        <p class="mn-lede">60,000 handwritten digits, a few thousand artificial neurons and nothing but arithmetic. Press <b>Play</b> and watch the weights organise themselves, or <b>Step</b> through one example to see a single thought.</p>
      </header>` : ''}
      <div class="mn-layout">
        <div class="mn-stage mn-panel">
          <div class="mn-toolbar" role="group" aria-label="Training">
            <button type="button" class="mn-btn mn-btn-primary mn-play" data-act="play" disabled>Play</button>
            <button type="button" class="mn-btn" data-act="epoch" disabled>One epoch</button>
            <button type="button" class="mn-btn" data-act="batch" disabled>One batch</button>
            <button type="button" class="mn-btn" data-act="example" disabled>One example</button>
            <button type="button" class="mn-btn" data-act="phase" disabled>Step</button>
            <button type="button" class="mn-btn mn-btn-quiet" data-act="reset" disabled>Reset</button>
          </div>
          <div class="mn-net-wrap" data-part="net">
            <div class="mn-overlay" data-part="loading">
              <div class="mn-overlay-box">
                <p class="mn-overlay-title" data-part="load-title">Loading the MNIST digits…</p>
                <progress data-part="progress" aria-label="Loading data" max="1" value="0"></progress>
                <p class="mn-overlay-note" data-part="load-note">Starting…</p>
                <button type="button" class="mn-btn" data-act="retry" hidden>Try again</button>
              </div>
            </div>
          </div>
          <div class="mn-under">
            <p class="mn-status" data-part="status"></p>
            <p class="mn-phase" data-part="phase"></p>
            <p class="mn-msg mn-error mn-banner" data-part="alert" role="alert" hidden></p>
            <dl class="mn-counters">
              <div><dt>Epoch</dt><dd data-c="epoch">0</dd></div>
              <div><dt>Examples seen</dt><dd data-c="seen">0</dd></div>
              <div><dt>Samples / s</dt><dd data-c="sps">–</dd></div>
              <div><dt>Test accuracy</dt><dd data-c="acc">–</dd></div>
            </dl>
            <p class="mn-caption" data-part="caption"></p>
          </div>
        </div>
        <aside class="mn-side">
          <section class="mn-panel" data-part="settings" aria-label="Network settings"></section>
          <section class="mn-panel mn-charts" aria-label="Learning curves">
            <div class="mn-chart" data-part="loss-chart"></div>
            <div class="mn-chart" data-part="acc-chart"></div>
          </section>
          <section class="mn-panel" data-part="models" aria-label="Models"></section>
        </aside>
      </div>
      <section class="mn-panel mn-weights" aria-labelledby="${this.id}-wh">
        <h3 class="mn-h" id="${this.id}-wh">What each neuron of the first hidden layer looks for</h3>
        <p class="mn-note" data-part="weights-note"></p>
        <div class="mn-weights-wrap" data-part="weights"></div>
      </section>
      <section class="mn-panel mn-eval" aria-labelledby="${this.id}-eh">
        <div class="mn-eval-head">
          <h3 class="mn-h" id="${this.id}-eh">How well it reads the test digits</h3>
          <button type="button" class="mn-btn" data-act="evaluate" disabled>Evaluate on the test set</button>
        </div>
        <p class="mn-eval-summary" data-part="eval-summary">Digits it has never seen: how many does it get right, which does it mix up?</p>
        <div class="mn-eval-grid">
          <div class="mn-eval-matrix"><h4 class="mn-h4">Confusion matrix <span class="mn-muted">rows: true digit · columns: guess</span></h4><div data-part="matrix"></div></div>
          <div class="mn-eval-bars"><h4 class="mn-h4">Accuracy per digit</h4><div data-part="bars"></div></div>
        </div>
        <h4 class="mn-h4 mn-eval-gallery-h">Mistakes</h4>
        <div data-part="gallery"></div>
      </section>
      <section class="mn-panel" data-part="own" aria-label="Your own data"></section>
      <footer class="mn-credit">${CREDIT}</footer>`;
    this.root = root;
    this.element.append(root);
    this.$ = (part) => root.querySelector(`[data-part="${part}"]`);
    this.btn = (act) => root.querySelector(`[data-act="${act}"]`);

    const redraw = () => this.requestRender();
    this.net = new MnistNetworkView(this.$('net'), redraw);
    this.weights = new WeightPictures(this.$('weights'), (i) => {
      this.net.setFocus(i);
      this.requestRender();
    }, redraw);
    this.lossChart = new LineChart(this.$('loss-chart'), {
      label: 'Training loss',
      format: (y, axis) => (axis !== undefined ? fmt(y, axis) : fmt(y, 3)),
      series: [{ key: 'loss', label: 'loss', colour: COLOURS.loss }],
    }, redraw);
    this.accChart = new LineChart(this.$('acc-chart'), {
      label: 'Accuracy',
      yMin: 0,
      yMax: 1,
      format: (y, axis) => (axis !== undefined ? `${Math.round(y * 100)}%` : pct(y)),
      series: [
        { key: 'train', label: 'training', colour: COLOURS.train },
        { key: 'test', label: 'test', colour: COLOURS.test, dots: true },
      ],
    }, redraw);
    this.confusion = new ConfusionView(this.$('matrix'), this.$('bars'), (cell) => this.gallery.setFilter(cell));
    this.gallery = new Gallery(this.$('gallery'), { testImages: (i) => this.client.testImages(i) }, (index) => this.showTest(index));
    this.settings = new Settings(this.$('settings'), {
      onPreset: (name, adam) => this.choosePreset(name, adam),
      onApply: (opts) => this.applySettings(opts),
      onSpeed: (v) => this.setSpeed(v),
    });
    this.settings.setPreset(this.preset);
    this.settings.setSpeed(this.speed);
    this.models = new ModelsPanel(this.$('models'), {
      save: () => this.saveToFile(),
      loadFile: (f) => this.loadFile(f),
      loadPretrained: (name) => this.loadPretrained(name),
    });
    this.own = new OwnData(this.$('own'), {
      use: (files, names) => this.useOwnData(files, names),
      useMnist: () => this.useMnist(),
    });

    const act = (name, fn) => this.btn(name).addEventListener('click', () => this.guard(fn));
    act('play', () => (this.playing ? this.pause() : this.play()));
    act('epoch', () => this.step('epoch').catch((e) => {
      if (!STOPPED.test(e.message)) throw e;
    }));
    act('batch', () => this.step('batch'));
    act('example', () => this.step('example'));
    act('phase', () => this.step('phase'));
    act('reset', () => this.reset());
    act('evaluate', () => this.evaluate());
    act('retry', () => {
      this.ready = this.load({ urls: this.mnistUrls() });
      return this.ready;
    });
  }

  /** Runs a UI action; its failure is shown, never thrown into the console. */
  async guard(fn) {
    try {
      this.alert(null);
      await fn();
    } catch (e) {
      if (!this.destroyed) this.alert(e.message);
    }
  }

  alert(message) {
    const a = this.$('alert');
    a.hidden = !message;
    a.textContent = message ?? '';
  }

  setControls() {
    const ready = this.isReady;
    for (const b of this.root.querySelectorAll('.mn-toolbar button')) b.disabled = !ready;
    const play = this.btn('play');
    play.textContent = this.playing ? 'Pause' : 'Play';
    play.classList.toggle('mn-playing', this.playing);
    this.btn('evaluate').disabled = !ready || !this.hasTest;
  }

  // ---------------------------------------------------------------- worker reports

  listen() {
    const c = this.client;
    c.on('progress', (m) => {
      this.loading = { loaded: m.loaded, total: m.total };
      const p = this.$('progress');
      p.max = Math.max(1, m.total);
      p.value = m.loaded;
      this.$('load-note').textContent = m.total
        ? `${(m.loaded / 1e6).toFixed(1)} of ${(m.total / 1e6).toFixed(1)} MB`
        : `${(m.loaded / 1e6).toFixed(1)} MB`;
    });
    c.on('frame', (f) => {
      this.frame = f;
      this.pendingFrame = f;
      this.seen = f.seen;
      this.samplesPerSecond = f.samplesPerSecond;
      if (!f.playing && this.playing) {
        this.playing = false;
        this.setControls();
      }
      this.requestRender();
      this.events.emit('frame', f);
    });
    c.on('metrics', (m) => {
      for (const p of m.points) {
        this.lossChart.add('loss', p.epochs, p.loss);
        this.accChart.add('train', p.epochs, p.accuracy);
      }
      this.seen = m.seen;
      this.samplesPerSecond = m.samplesPerSecond;
      this.updateCounters();
      this.requestRender();
      this.events.emit('metrics', m);
    });
    c.on('evaluation', (ev) => this.onEvaluation(ev));
    c.on('epoch', (m) => this.events.emit('epoch', { epoch: m.epoch, evaluation: m.evaluation }));
    c.on('diverged', (m) => {
      this.playing = false;
      this.setControls();
      this.alert(`${m.message ?? 'Training diverged.'} Press Reset to start again.`);
      this.events.emit('diverged', m);
    });
    c.on('error', (m) => {
      this.playing = false;
      this.setControls();
      this.alert(`Training stopped: ${m.message}`);
      this.events.emit('error', m);
    });
  }

  onEvaluation(ev) {
    this.evaluation = ev;
    this.accChart.add('test', ev.epochs, ev.accuracy);
    this.updateCounters();
    this.requestRender();
    this.events.emit('evaluation', ev);
    this.scheduleEvalView(ev.reason !== 'interim' && ev.reason !== 'epoch');
  }

  scheduleEvalView(now) {
    if (this.evalTimer && now) {
      clearTimeout(this.evalTimer);
      this.timers.delete(this.evalTimer);
      this.evalTimer = 0;
    }
    if (this.evalTimer) return;
    const wait = now || !this.playing ? 0 : Math.max(0, this.lastEvalView + EVAL_VIEW_MS - performance.now());
    const show = () => {
      this.evalTimer = 0;
      this.lastEvalView = performance.now();
      if (this.evaluation && !this.destroyed) this.showEvaluation(this.evaluation);
    };
    if (wait === 0) show();
    else this.evalTimer = this.timer(show, wait);
  }

  timer(fn, ms) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  showEvaluation(ev) {
    this.root.querySelector('.mn-eval').classList.add('mn-has-eval');
    this.confusion.update(ev);
    this.gallery.update(ev);
    this.$('eval-summary').innerHTML = '';
    const b = document.createElement('b');
    b.textContent = pct(ev.accuracy, 2);
    this.$('eval-summary').append(
      b,
      ` of ${fmtInt(ev.count)} test ${this.dataName === 'MNIST' ? 'digits' : 'images'} right after ${fmt(ev.epochs, ev.epochs % 1 === 0 ? 0 : 2)} epoch${ev.epochs === 1 ? '' : 's'} (test loss ${fmt(ev.loss, 3)}).`,
    );
  }

  // ---------------------------------------------------------------- drawing

  requestRender() {
    if (!this.raf && !this.destroyed) this.raf = requestAnimationFrame((t) => this.render(t));
  }

  render(now) {
    this.raf = 0;
    let f = this.pendingFrame;
    // A frame of a new network can arrive just before the reply that describes it: wait for it.
    if (f && (!this.info || f.info.sizes.join('-') !== this.info.sizes.join('-'))) f = null;
    if (f) {
      this.pendingFrame = null;
      this.net.setFrame(f, now);
      this.weights.setFrame(f);
      this.updateStatus(f);
    }
    const more = this.net.render(now);
    this.weights.render();
    this.lossChart.render();
    this.accChart.render();
    if (f) this.client.ack();
    if (more) this.requestRender();
  }

  updateStatus(f) {
    const s = f.state;
    const out = f.buffers[`a${this.info.sizes.length - 1}`];
    const computed = !(s.phase === 'present' || (s.phase === 'forward' && s.layer < this.info.sizes.length - 2));
    const guess = computed && out ? argMax(out) : null;
    const says = guess === null ? '' : ` · the network says ${guess}`;
    const label = f.label ?? '–';
    setText(this.$('status'), f.probe != null
      ? `Test image ${fmtInt(f.probe + 1)} · a ${label}${says}`
      : `Training example ${fmtInt(s.example + 1)} of ${fmtInt(s.exampleCount)} · label ${label}${says}`);
    setText(this.$('phase'), f.playing || !f.stepped ? '' : phaseText(s, this.info, f.label));
    this.updateCounters(f);
    this.updateCaption();
  }

  updateCounters(f = this.frame) {
    if (!f) return;
    const s = f.state;
    const q = (c) => this.root.querySelector(`[data-c="${c}"]`);
    setText(q('epoch'), fmtInt(s.cycle));
    setText(q('seen'), fmtInt(this.seen));
    setText(q('sps'), this.playing && this.samplesPerSecond > 0 ? fmtInt(this.samplesPerSecond) : '–');
    setText(q('acc'), this.evaluation ? pct(this.evaluation.accuracy, 2) : '–');
  }

  updateCaption() {
    const parts = this.net.synapseSummary();
    const capped = parts.filter((p) => p.shown < p.total);
    const L = this.info.sizes.length - 1;
    const where = (k) => (k === 0 ? 'from the input' : k === L - 1 ? 'into the output layer' : `between hidden layers ${k} and ${k + 1}`);
    const text = capped.length
      ? `Showing the ${capped.map((p) => `${fmtInt(p.shown)} strongest of ${fmtInt(p.total)} synapses ${where(p.layer)}`).join(', and the ')}${capped.length < parts.length ? '; all the others are drawn' : ''}.`
      : 'All synapses shown.';
    setText(this.$('caption'), `${text} Green: positive weight, red: negative; brighter and thicker: stronger.`);
  }

  // ---------------------------------------------------------------- network and data

  setInfo(described) {
    const { info } = described;
    this.info = info;
    this.hasTest = described.hasTest;
    this.net.setInfo(info);
    this.weights.setInfo(info);
    this.settings.show(info);
    this.lossChart.clear();
    this.accChart.clear();
    this.evaluation = null;
    this.gallery.reset();
    this.root.querySelector('.mn-eval').classList.remove('mn-has-eval');
    this.seen = 0;
    const side = Math.round(Math.sqrt(info.sizes[0]));
    this.$('weights-note').textContent = `Each picture is one neuron’s ${fmtInt(info.sizes[0])} incoming weights laid out like the ${side}×${side} image: the neuron fires for ink on green and is held back by ink on red. They start as noise; watch them change as it learns.`;
    this.$('eval-summary').textContent = this.hasTest
      ? 'Images it has never seen: how many does it get right, which does it mix up?'
      : 'There is no test set: add a test images and labels pair to see how well it generalises.';
    this.net.canvas.setAttribute('aria-label', `The network: ${info.sizes.join('–')} neurons. The input image is on the left, the ${info.sizes[info.sizes.length - 1]} outputs on the right.`);
    this.setControls();
    this.updateCounters();
    this.requestRender();
  }

  async load(payload) {
    const overlay = this.$('loading');
    overlay.hidden = false;
    overlay.classList.remove('mn-failed');
    this.btn('retry').hidden = true;
    this.$('load-title').textContent = payload.urls ? 'Loading the MNIST digits…' : 'Reading your files…';
    this.$('progress').hidden = false;
    this.failure = null;
    try {
      const options = payload.urls ? this.netOptions : { ...this.netOptions, task: 'images' };
      const described = await this.client.init({ ...payload, options });
      this.isReady = true;
      this.playing = false;
      this.setInfo(described);
      overlay.hidden = true;
      this.events.emit('ready', described);
      if (this.options.autoplay && !this.autoplayed) {
        this.autoplayed = true;
        this.play().catch(() => {});
      }
      return described;
    } catch (e) {
      this.failure = e.message;
      if (!this.isReady) {
        overlay.classList.add('mn-failed');
        this.$('load-title').textContent = payload.urls ? 'The MNIST digits could not be loaded' : 'These files could not be used';
        this.$('load-note').textContent = e.message;
        this.$('progress').hidden = true;
        this.btn('retry').hidden = !payload.urls;
      } else overlay.hidden = true;
      this.events.emit('error', { during: 'load', message: e.message });
      throw e;
    }
  }

  async whenReady() {
    if (this.destroyed) throw new Error('this MNIST view was destroyed');
    await this.ready;
  }

  /** Rebuilds the network; a refused setting throws (its message) and the network stays. */
  async configure(options = {}, fromUi = false) {
    await this.whenReady();
    const opts = { ...options };
    if (!this.dataName.startsWith('MNIST') && !opts.task) opts.task = 'images';
    const described = await this.client.configure(opts);
    this.netOptions = options;
    this.playing = false;
    if (!fromUi) {
      // Options from the API: show which preset they are (anything beyond it is custom).
      const extra = Object.keys(options).some((k) => k !== 'preset' && k !== 'task' && options[k] !== undefined);
      this.preset = extra ? 'custom' : PRESETS[options.preset] ? options.preset : 'modern';
      this.settings.setAdam(false);
      this.settings.setPreset(this.preset);
    }
    this.setInfo(described);
    this.settings.error(null);
    return described.info;
  }

  async choosePreset(name, adam) {
    const options = { preset: name };
    if (adam) Object.assign(options, { optimizer: 'adam', learningRate: 0.001 });
    try {
      await this.configure(options, true);
      this.preset = name;
    } catch (e) {
      this.settings.error(e.message);
    }
  }

  async applySettings(options) {
    try {
      await this.configure(options, true);
      this.preset = 'custom';
    } catch (e) {
      this.settings.error(e.message);
    }
  }

  async setSpeed(v) {
    this.speed = v;
    if (this.isReady) await this.client.speed(v).catch(() => {});
  }

  async reset() {
    await this.configure(this.netOptions, true);
    this.alert(null);
  }

  async useOwnData(files, names) {
    const before = this.dataName;
    this.dataName = names.images;
    let described;
    try {
      described = await this.load({ files });
    } catch (e) {
      this.dataName = before;
      throw e;
    }
    return `Training on ${names.images} (${fmtInt(described.state.exampleCount)} images of ${described.side}×${described.side} pixels, ${described.info.sizes[described.info.sizes.length - 1]} classes)${described.hasTest ? ` with ${names.testImages} to test on` : ''}.`;
  }

  async useMnist() {
    const before = this.dataName;
    this.dataName = 'MNIST';
    try {
      await this.load({ urls: this.mnistUrls() });
    } catch (e) {
      this.dataName = before;
      throw e;
    }
    return 'Back on the MNIST digits.';
  }

  // ---------------------------------------------------------------- training

  async play() {
    await this.whenReady();
    this.alert(null);
    await this.client.speed(this.speed);
    await this.client.play();
    this.playing = true;
    this.setControls();
  }

  async pause() {
    await this.whenReady();
    this.playing = false;
    this.setControls();
    return this.client.pause();
  }

  async step(unit = 'phase') {
    await this.whenReady();
    if (unit === 'epoch') return this.train({ epochs: 1 });
    this.playing = false;
    this.setControls();
    return this.client.step(unit);
  }

  async train({ epochs = 1 } = {}) {
    await this.whenReady();
    this.playing = true;
    this.setControls();
    try {
      return await this.client.train(epochs);
    } finally {
      this.playing = false;
      this.setControls();
    }
  }

  async evaluate() {
    await this.whenReady();
    const ev = await this.client.evaluate();
    return ev;
  }

  async showTest(index) {
    await this.whenReady();
    this.playing = false;
    this.setControls();
    const r = this.$('net').getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) this.$('net').scrollIntoView({ block: 'center' });
    return this.client.probeTest(index, true);
  }

  async predict(pixels) {
    await this.whenReady();
    return this.client.predict(pixels);
  }

  // ---------------------------------------------------------------- models

  async save() {
    await this.whenReady();
    const acc = this.evaluation ? `, test accuracy ${pct(this.evaluation.accuracy, 2)}` : '';
    return this.client.save(`${this.info.sizes.join('-')} trained ${this.frame?.state.cycle ?? 0} epochs in the browser${acc}`);
  }

  async saveToFile() {
    const bytes = await this.save();
    const name = `neuroglow-${this.preset}-${this.info.sizes.join('-')}.ngm`;
    download(bytes, name);
    return `Saved ${name} (${fmtInt(Math.ceil(bytes.length / 1024))} KB).`;
  }

  /** Loads model bytes; a bad or mismatched file throws and the current model stays. */
  async load_(bytes, options) {
    await this.whenReady();
    const r = await this.client.load(bytes, options);
    this.playing = false;
    this.setInfo(r);
    if (r.evaluation) this.onEvaluation(r.evaluation);
    return r;
  }

  async loadFile(file) {
    const r = await this.load_(new Uint8Array(await file.arrayBuffer()));
    this.preset = 'custom';
    this.settings.setPreset('custom');
    this.settings.show(r.info);
    return `Loaded ${file.name}${r.note ? `: ${r.note}` : ''}.`;
  }

  async loadPretrained(name) {
    const url = new URL(`../models/${name}.ngm`, import.meta.url);
    let res;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new Error(`The pretrained ${PRESETS[name].name} model could not be fetched (${e.message}).`);
    }
    if (!res.ok) {
      throw new Error(`The pretrained ${PRESETS[name].name} model is not available (models/${name}.ngm: HTTP ${res.status}). It is made with “cargo xtask train”.`);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const r = await this.load_(bytes, { preset: name, ...(this.dataName === 'MNIST' ? {} : { task: 'images' }) });
    this.netOptions = { preset: name };
    this.preset = name;
    this.settings.setPreset(name);
    return `Loaded the pretrained ${PRESETS[name].name} model${r.evaluation ? `: ${pct(r.evaluation.accuracy, 2)} of the test digits right` : ''}.`;
  }

  // ---------------------------------------------------------------- API

  snapshot() {
    return {
      ready: this.isReady,
      error: this.failure,
      loading: this.loading,
      playing: this.playing,
      preset: this.preset,
      data: this.dataName,
      speed: this.speed,
      info: this.info,
      state: this.frame?.state ?? null,
      /** The test image on the input (after picking a mistake), or null for training examples. */
      probe: this.frame?.probe ?? null,
      epoch: this.frame?.state.cycle ?? 0,
      seen: this.seen,
      samplesPerSecond: this.samplesPerSecond,
      evaluation: this.evaluation,
    };
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unregister();
    cancelAnimationFrame(this.raf);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.client.terminate();
    this.net.destroy();
    this.weights.destroy();
    this.lossChart.destroy();
    this.accChart.destroy();
    this.confusion.destroy();
    this.gallery.destroy();
    this.root.remove();
    this.events.clear();
  }

  api() {
    const view = this;
    return {
      element: this.root,
      get ready() { return view.ready; },
      play: () => this.play(),
      pause: () => this.pause(),
      step: (unit) => this.step(unit),
      train: (opts) => this.train(opts),
      evaluate: () => this.evaluate(),
      predict: (pixels) => this.predict(pixels),
      save: () => this.save(),
      load: (bytes) => this.load_(bytes).then((r) => ({ note: r.note, info: r.info, evaluation: r.evaluation })),
      configure: (options) => this.configure(options),
      showTest: (index) => this.showTest(index),
      state: () => this.snapshot(),
      on: (name, fn) => this.events.on(name, fn),
      destroy: () => this.destroy(),
    };
  }
}

/**
 * Mounts the MNIST section into `element` and starts loading the data (progress is shown; the
 * returned API's `ready` promise settles when loading ends).
 * @param {HTMLElement} element
 * @param {object} [options]  preset ('3b1b' | 'modern'), any network option of the core
 *   (hidden, activation, outputActivation, loss, bias, init, optimizer, learningRate, momentum,
 *   batchSize, lrDecay, seed), examplesPerSecond (training speed, 0 = full), autoplay (start
 *   training once the data is in), dataUrl (folder of the MNIST files), heading (false to leave
 *   out the section's heading). `task: 'mnist'` and the public API's UI options (controls,
 *   speed, schedule, keyboard) are accepted and ignored, so mount() can pass its options on.
 */
export async function mountMnist(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountMnist(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('mountMnist(element, options): options must be an object');
  }
  const known = [...NET_KEYS, ...VIEW_OPTIONS];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new Error(`neuroglow MNIST: unknown option "${key}" (known options: ${known.join(', ')})`);
  }
  if (options.task !== undefined && options.task !== 'mnist') {
    throw new Error(`neuroglow MNIST: task must be "mnist", not "${options.task}"`);
  }
  if (options.preset !== undefined && !PRESETS[options.preset]) {
    throw new Error(`neuroglow MNIST: unknown preset "${options.preset}" (try ${Object.keys(PRESETS).join(' or ')})`);
  }
  const eps = options.examplesPerSecond;
  if (eps !== undefined && !(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new Error('neuroglow MNIST: examplesPerSecond must be a number ≥ 0 (0 trains at full speed)');
  }
  const view = new MnistView(element, options);
  return view.api();
}
