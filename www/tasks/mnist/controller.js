// The MNIST section's controller: a network learning to read handwritten digits, live. Training
// runs in a Web Worker (worker.js, through client.js); this class holds what the section shows
// and its actions. Its DOM is dom.js's, the worker's reports and the drawing display.js's, saving
// and loading models.js's, its handles mount.js's.

import { Emitter } from '../../core/events.js';
import { t } from '../../core/i18n.js';
import { NETWORK_SETTINGS, appliesTo, coreWords, defaultOf } from '../../core/config.js';
import { registerModel } from '../../core/models-on-page.js';
import { DEFAULT_PALETTE, palette, css } from '../../render/theme.js';
import { releasePage } from '../../ui/task-common.js';
import { MnistClient } from './client.js';
import { buildDom } from './dom.js';
import { errorText, listen, render, updateCounters, writeNotes } from './display.js';
import { saveModel } from './models.js';

export const TASK = 'mnist';
/** The network settings MNIST takes (preset first). */
export const NET = NETWORK_SETTINGS.filter((n) => appliesTo(n, TASK));
const MNIST_FILES = { trainImages: 'train-images-idx3-ubyte.gz', trainLabels: 'train-labels-idx1-ubyte.gz', testImages: 't10k-images-idx3-ubyte.gz', testLabels: 't10k-labels-idx1-ubyte.gz' };

export const sameValue = (a, b) => (Array.isArray(a) ? String(a) === String(b)
  : typeof a === 'number' ? Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)) : a === b);

/** The preset a network's settings (the worker's, in force) are, or 'custom' when any differs. */
export function presetOf(s) {
  return NET.every((n) => n === 'preset' || sameValue(s[n], defaultOf(n, TASK, false, s.preset))) ? s.preset : 'custom';
}

let instances = 0;

export class MnistController {
  constructor(element, options) {
    Object.assign(this, {
      element, options, events: new Emitter(), info: null, playing: false, isReady: false, loading: null, failure: null,
      seen: 0, samplesPerSecond: 0, evaluation: null, hasTest: false, dataName: 'MNIST', raf: 0, timers: new Set(), destroyed: false,
      frame: null, fresh: false, // the worker's latest frame; fresh: not drawn yet
      task: null, follow: null, // the public API's side (mount.js) when mounted by mount(); told of changed settings
      preset: options.preset ?? '3b1b',
      netOptions: Object.fromEntries(NET.filter((k) => options[k] !== undefined).map((k) => [k, options[k]])),
      speed: Number(options.examplesPerSecond) > 0 ? Number(options.examplesPerSecond) : 0,
      palette: options.palette ?? DEFAULT_PALETTE,
    });
    this.id = `mn${++instances}`;
    buildDom(this);
    this.setPalette(this.palette);
    this.client = new MnistClient();
    listen(this);
    this.ready = this.load({ urls: this.mnistUrls() });
    this.ready.catch(() => {}); // shown on the page; callers that await it see the error too
    // A drawing pad on the same page can read with the network trained here.
    this.unregister = registerModel(element.ownerDocument, { name: t('mnist.modelOnPage'), save: () => saveModel(this), on: (name, fn) => this.events.on(name, fn) });
  }

  mnistUrls() {
    // Relative to the standalone MNIST page's folder (www/mnist/).
    const base = new URL(this.options.dataUrl ?? '../data/mnist/', new URL('../../mnist/', import.meta.url));
    return Object.fromEntries(Object.entries(MNIST_FILES).map(([k, f]) => [k, new URL(f, base).href]));
  }

  /** Runs a UI action; its failure is shown, never thrown into the console. */
  async guard(fn) {
    try {
      this.alert(null);
      await fn();
    } catch (e) {
      if (!this.destroyed) this.alert(errorText(e));
    }
  }

  alert(message) {
    Object.assign(this.$('alert'), { hidden: !message, textContent: message ?? '' });
  }

  /** What Play says, and which buttons work. */
  setPlaying(on) {
    this.playing = on;
    for (const b of this.root.querySelectorAll('.mn-toolbar button')) b.disabled = !this.isReady;
    const play = this.btn('play');
    play.textContent = t(this.playing ? 'mnist.pause' : 'mnist.play');
    play.classList.toggle('mn-playing', this.playing);
    this.btn('evaluate').disabled = !this.isReady || !this.hasTest;
  }

  requestRender() {
    if (!this.raf && !this.destroyed) this.raf = requestAnimationFrame((t) => render(this, t));
  }

  /** Draws the network again (not only when a new frame comes). */
  redrawNet() {
    this.netDirty = true;
    this.requestRender();
  }

  /** Colours by weight sign everywhere in the section (theme.js palettes); live. */
  setPalette(name) {
    this.palette = name;
    const p = palette(name);
    this.root.style.setProperty('--mn-pos', css(p.pos));
    this.root.style.setProperty('--mn-neg', css(p.neg));
    this.$('palette').value = name;
    this.weights.setPalette(name);
    this.confusion.setPalette(name);
    writeNotes(this);
    this.redrawNet();
    this.follow?.({ palette: name });
  }

  /** A new network (the worker's reply `d`), not playing: everything about the old one goes. */
  setNetwork(d, preset = presetOf(d.settings)) {
    Object.assign(this, { info: d.info, hasTest: d.hasTest, seen: d.state?.seen ?? 0, preset, evaluation: null });
    this.settings.show(d.info, preset, preset === 'modern' && d.settings.optimizer === 'adam');
    this.lossChart.clear();
    this.accChart.clear();
    this.gallery.reset();
    this.root.querySelector('.mn-eval').classList.remove('mn-has-eval');
    this.$('eval-summary').textContent = t(this.hasTest ? 'mnist.evalIntroImages' : 'mnist.noTestSet');
    writeNotes(this);
    this.setPlaying(false);
    updateCounters(this);
    this.requestRender();
    this.follow?.(d.settings);
  }

  /** Loads a data set (`urls` of the MNIST files, or own `files`) into the worker. */
  async load(payload) {
    const own = !payload.urls;
    this.overlay(t(own ? 'mnist.readingYourFiles' : 'mnist.loadingDigits'));
    try {
      const d = await this.client.request('init', { ...payload, options: { ...this.netOptions, task: own ? 'images' : TASK } });
      this.isReady = true;
      this.setNetwork(d);
      this.$('loading').hidden = true;
      this.events.emit('ready', d);
      if (this.options.autoplay && !this.autoplayed) {
        this.autoplayed = true;
        this.play().catch(() => {});
      }
      return d;
    } catch (e) {
      this.failure = e.message;
      if (!this.isReady) this.overlay(t(own ? 'mnist.filesUnusable' : 'mnist.loadFailed'), errorText(e), !own);
      else this.$('loading').hidden = true;
      this.events.emit('error', { during: 'load', code: e.code, message: e.message });
      throw e;
    }
  }

  /** The overlay over the network: loading (with progress), or why loading `failed` (Try again when `retry`). */
  overlay(title, failed = null, retry = false) {
    this.$('loading').hidden = false;
    this.$('loading').classList.toggle('mn-failed', !!failed);
    this.$('load-title').textContent = title;
    if (failed) this.$('load-note').textContent = failed;
    else this.failure = null;
    this.$('progress').hidden = !!failed;
    this.btn('retry').hidden = !retry;
  }

  async whenReady() {
    if (this.destroyed) throw new Error('this MNIST view was destroyed');
    await this.ready;
  }

  /** Rebuilds the network (a refusal throws, the network stays); `preset`: what the section shows as chosen. */
  async configure(options = {}, preset = undefined) {
    await this.whenReady();
    const task = this.dataName === 'MNIST' ? TASK : 'images';
    const d = await this.client.request('configure', { options: { ...options, task } });
    this.netOptions = options;
    this.setNetwork(d, preset);
    this.settings.error(null);
    return d.info;
  }

  /** The settings panel's choices; a refusal is shown there. */
  async choose(options, preset) {
    try {
      await this.configure(options, preset);
    } catch (e) {
      this.settings.error(coreWords(e));
    }
  }

  setSpeed(v) {
    this.speed = v;
    if (this.isReady) this.client.request('speed', { examplesPerSecond: v }).catch(() => {});
  }

  async reset() {
    await this.configure(this.netOptions, this.preset);
    this.alert(null); // (a report of the old network may have come in meanwhile)
  }

  /** Trains on own IDX files (or, without, the MNIST digits again); resolves with what it did. */
  async useData(files = null, names = null) {
    const before = this.dataName;
    this.dataName = names?.images ?? 'MNIST';
    const d = await this.load(files ? { files } : { urls: this.mnistUrls() }).catch((e) => {
      this.dataName = before;
      throw e;
    });
    if (!files) return t('mnist.backOnMnist');
    const side = Math.round(Math.sqrt(d.info.sizes[0]));
    const params = { name: names.images, count: d.state.exampleCount, side, classes: d.info.sizes.at(-1), test: names.testImages };
    return t(d.hasTest ? 'mnist.trainingOnWithTest' : 'mnist.trainingOn', params);
  }

  /** A request to the worker once the data is in; `playing`: what the Play button says meanwhile. */
  async ask(type, payload = {}, playing = this.playing) {
    await this.whenReady();
    this.setPlaying(playing);
    return this.client.request(type, payload);
  }

  async play() {
    await this.ask('speed', { examplesPerSecond: this.speed });
    this.alert(null);
    await this.client.request('play');
    this.setPlaying(true);
  }

  pause() {
    return this.ask('pause', {}, false);
  }

  step(unit = 'phase') {
    return unit === 'epoch' ? this.train({ epochs: 1 }) : this.ask('step', { unit }, false);
  }

  async train({ epochs = 1 } = {}) {
    try {
      return await this.ask('train', { epochs }, true);
    } finally {
      this.setPlaying(false);
    }
  }

  evaluate() {
    return this.ask('evaluate');
  }

  /** Shows test image `index` going through the network (scrolled into view). */
  showTest(index) {
    const r = this.$('net').getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) this.$('net').scrollIntoView({ block: 'center' });
    return this.ask('probeTest', { index, animate: true }, false);
  }

  predict(pixels) {
    return this.ask('predict', { pixels: Array.from(pixels) });
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unregister();
    cancelAnimationFrame(this.raf);
    for (const t of this.timers) clearTimeout(t);
    this.client.terminate();
    for (const w of [this.net, this.weights, this.lossChart, this.accChart]) w.destroy(); // (their resize observers)
    this.root.remove();
    if (this.task) {
      this.task.root.remove();
      releasePage(this.task.element, this.task.id);
    }
    this.events.clear();
  }
}
