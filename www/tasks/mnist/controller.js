// The MNIST section's controller: a network learning to read handwritten digits, live. Training
// runs in a Web Worker with its own wasm instance (mnist/worker.js, through mnist/client.js);
// this class holds the section's state and actions (load, configure, play, step, train,
// evaluate, predict). Its DOM is dom.js's, the worker's reports reports.js's, the drawing of
// frames display.js's, models model-files.js's and its handles api.js's. Mounted by mount()
// (mount.js), it also carries the public API's settings (`task`: the URL, Share links).

import { Emitter } from '../../core/events.js';
import { fmtInt } from '../../core/format.js';
import { registerModel } from '../../core/models-on-page.js';
import { releasePage } from '../../ui/task-common.js';
import { MnistClient } from '../../mnist/client.js';
import { PRESETS } from './settings.js';
import { buildDom, ensureStyles } from './dom.js';
import { listen } from './reports.js';
import { render, updateCounters } from './display.js';
import { saveModel } from './model-files.js';

const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};
export const NET_KEYS = ['preset', 'hidden', 'activation', 'outputActivation', 'loss', 'bias', 'init', 'optimizer',
  'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed'];

let instances = 0;

export class MnistController {
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
    /** The public API's side when mounted by mount() (mount.js bindTask), else null. */
    this.task = null;
    this.preset = PRESETS[options.preset] ? options.preset : '3b1b';
    this.netOptions = { preset: this.preset };
    for (const k of NET_KEYS) if (options[k] !== undefined) this.netOptions[k] = options[k];
    this.speed = Number(options.examplesPerSecond) > 0 ? Number(options.examplesPerSecond) : 0;
    this.id = `mn${++instances}`;
    ensureStyles(element.ownerDocument);
    buildDom(this);
    this.client = new MnistClient();
    listen(this);
    this.ready = this.load({ urls: this.mnistUrls() });
    // `ready` rejecting is shown on the page; callers that await it see the error too.
    this.ready.catch(() => {});
    // A drawing pad on the same page can read with the network trained here.
    this.unregister = registerModel(element.ownerDocument, {
      name: 'The model you just trained',
      save: () => saveModel(this),
      on: (name, fn) => this.events.on(name, fn),
    });
  }

  mnistUrls() {
    // Relative to the MNIST page's folder (www/mnist/), where this section's code lived first.
    const base = new URL(this.options.dataUrl ?? '../data/mnist/', new URL('../../mnist/', import.meta.url));
    return Object.fromEntries(Object.entries(MNIST_FILES).map(([k, f]) => [k, new URL(f, base).href]));
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

  requestRender() {
    if (!this.raf && !this.destroyed) this.raf = requestAnimationFrame((t) => render(this, t));
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
    updateCounters(this);
    this.requestRender();
  }

  /** Loads a data set (`urls` of the MNIST files, or own `files`) into the worker. */
  async load(payload) {
    this.showLoading(payload.urls ? 'Loading the MNIST digits…' : 'Reading your files…');
    try {
      const options = payload.urls ? this.netOptions : { ...this.netOptions, task: 'images' };
      const described = await this.client.init({ ...payload, options });
      this.isReady = true;
      this.playing = false;
      this.setInfo(described);
      this.$('loading').hidden = true;
      this.events.emit('ready', described);
      if (this.options.autoplay && !this.autoplayed) {
        this.autoplayed = true;
        this.play().catch(() => {});
      }
      return described;
    } catch (e) {
      this.failure = e.message;
      if (!this.isReady) this.showLoadFailure(payload.urls ? 'The MNIST digits could not be loaded' : 'These files could not be used', e.message, !payload.urls);
      else this.$('loading').hidden = true;
      this.events.emit('error', { during: 'load', message: e.message });
      throw e;
    }
  }

  showLoading(title) {
    const overlay = this.$('loading');
    overlay.hidden = false;
    overlay.classList.remove('mn-failed');
    this.btn('retry').hidden = true;
    this.$('load-title').textContent = title;
    this.$('progress').hidden = false;
    this.failure = null;
  }

  showLoadFailure(title, message, noRetry) {
    this.$('loading').classList.add('mn-failed');
    this.$('load-title').textContent = title;
    this.$('load-note').textContent = message;
    this.$('progress').hidden = true;
    this.btn('retry').hidden = noRetry;
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

  // ---------------------------------------------------------------- teardown

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.task?.offFrame();
    this.task?.offReady();
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
    if (this.task) {
      this.task.root.remove();
      releasePage(this.task.element, this.task.id);
    }
    this.events.clear();
  }
}
