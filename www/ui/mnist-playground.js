// mount(element, { task: 'mnist', … }): the MNIST section (www/mnist/mnist-view.js) behind the
// public API's conventions: settings from config.js (so they live in the URL and the Share link,
// with warnings for bad ones), the core's message for networks it refuses, and a handle with the
// common methods (state, settings, warnings, link, embedCode, configure, on, destroy) around MNIST's own
// (train, evaluate, predict, save, load, step, play, pause).
//
// The section trains in its own worker; this module checks settings against the core on the
// main thread first (with ten blank images), so a refused URL setting becomes a warning instead
// of a failed load.

import { loadWasm } from '../core/wasm.js';
import { Emitter } from '../core/events.js';
import { TASKS, NETWORK_SETTINGS, appliesTo, defaultOf, checkSettings } from '../core/config.js';
import { mountMnist } from '../mnist/mnist-view.js';
import { dropRefused, coreMessage, addStylesheet, writeUrl, linkFor, embedCodeFor, mountSection, releasePage, destroyGuards } from './task-common.js';

const TASK = 'mnist';
/** The network settings MNIST takes, preset first. */
const NET = NETWORK_SETTINGS.filter((n) => appliesTo(n, TASK));
/** Events of the MNIST section, plus the public API's own. */
export const MNIST_EVENTS = ['ready', 'frame', 'metrics', 'evaluation', 'epoch', 'diverged', 'error', 'settings', 'prediction'];

const approx = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
const sameValue = (a, b) => (Array.isArray(a) ? Array.isArray(b) && a.join(',') === b.join(',') : typeof a === 'number' ? approx(a, b) : a === b);

/** The network settings that differ from the preset's (what the core and the section need). */
function overrides(settings) {
  const out = { preset: settings.preset };
  for (const n of NET) {
    if (n === 'preset') continue;
    const d = defaultOf(n, TASK, false, settings.preset);
    if (!sameValue(settings[n], d)) out[n] = Array.isArray(settings[n]) ? settings[n].slice() : settings[n];
  }
  return out;
}

/** IDX files of ten blank 28×28 images labelled 0–9: enough for the core to build the network. */
function blankDigits() {
  const n = 10;
  const images = new Uint8Array(16 + n * 784);
  images.set([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28]);
  const labels = new Uint8Array(8 + n);
  labels.set([0, 0, 8, 1, 0, 0, 0, n]);
  for (let i = 0; i < n; i++) labels[8 + i] = i;
  return { images, labels };
}

/** The core's message when it refuses these settings, else null. */
function refusal(wasm, settings, data) {
  try {
    wasm.Playground.withImages({ task: TASK, ...overrides(settings) }, data.images, data.labels).free();
    return null;
  } catch (e) {
    return coreMessage(e);
  }
}

/** The settings a network's info stands for: the closest preset, and what differs from it. */
function settingsOf(info, current) {
  const fromInfo = {
    hidden: info.sizes.slice(1, -1),
    activation: info.activations[0],
    outputActivation: info.activations[info.activations.length - 1],
    loss: info.loss,
    bias: info.bias,
    init: info.init,
    optimizer: info.optimizer,
    learningRate: +info.learningRate.toPrecision(7),
    momentum: +info.momentum.toPrecision(7),
    batchSize: info.batchSize,
    lrDecay: +info.lrDecay.toPrecision(7),
    seed: info.seed,
  };
  const diffs = (p) => Object.keys(fromInfo).filter((n) => !sameValue(fromInfo[n], defaultOf(n, TASK, false, p))).length;
  // The current preset wins ties, so a custom network keeps the preset it started from.
  const presets = [current.preset, ...Object.keys(TASKS[TASK].presets).filter((p) => p !== current.preset)];
  const preset = presets.reduce((best, p) => (diffs(p) < diffs(best) ? p : best));
  return { ...current, preset, ...fromInfo };
}

let counter = 0;

/** view for config.js TASKS.mnist (neuroglow.js VIEWS). */
export async function mountMnistTask(element, resolved) {
  addStylesheet(element.ownerDocument);
  const wasm = await loadWasm();
  const data = blankDigits();
  dropRefused(resolved, NET, (s) => refusal(wasm, s, data));
  const { settings, warnings } = resolved;

  const id = `ng-mnist-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  // With changes to the preset, playing starts after the rebuild that shows them as Custom.
  const autoplay = settings.start === 'playing' && Object.keys(overrides(settings)).length === 1;
  const { root, section } = await mountSection(element, { task: TASK, id, warnings }, (into) =>
    mountMnist(into, { ...overrides(settings), autoplay, heading: settings.heading && !settings.embed }),
  );
  root.classList.toggle('ng-embed', settings.embed);
  return new MnistPlayground(element, root, id, section, settings, warnings).api;
}

class MnistPlayground {
  constructor(element, root, id, mn, settings, warnings) {
    this.element = element;
    this.root = root;
    this.id = id;
    this.mn = mn;
    this.settings = settings;
    this.warnings = warnings.slice();
    this.events = new Emitter();
    this.destroyed = false;
    this.infoKey = '';
    // The page URL is claimed now; ready (data-ready) once the data is in, below.
    if (settings.url) element.ownerDocument.documentElement.dataset.neuroglowUrl = id;
    // The section's own controls (preset, custom settings, loading a model) change the network:
    // every frame carries its info, so the settings, the URL and 'settings' listeners follow.
    this.offFrame = mn.on('frame', (f) => this.follow(f.info));
    const overridden = Object.keys(overrides(settings)).length > 1;
    // Ready once the data is in and, for a preset with changes, the section shows them as Custom
    // (they come through configure(): the same settings and seed, the same network).
    this.readyFailed = false;
    this.ready = mn.ready.then(async (described) => {
      if (overridden && !this.destroyed) {
        await mn.configure(overrides(this.settings));
        if (this.settings.start === 'playing' && !this.destroyed) await mn.play();
      }
      if (!this.destroyed) element.dataset.ready = 'true';
      return described;
    });
    this.ready.catch(() => {
      this.readyFailed = true; // shown in the section; its Try again makes a new mn.ready
    });
    this.offReady = mn.on('ready', () => {
      if (this.readyFailed && !this.destroyed) element.dataset.ready = 'true';
    });
    this.api = this.makeApi();
  }

  follow(info) {
    if (this.destroyed || !info || info.task !== TASK) return; // own data is not a URL setting
    const key = JSON.stringify(info, ['sizes', 'activations', 'loss', 'bias', 'init', 'optimizer', 'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed']);
    if (key === this.infoKey) return;
    const first = this.infoKey === '';
    this.infoKey = key;
    const next = settingsOf(info, this.settings);
    const changed = NET.some((n) => !sameValue(next[n], this.settings[n]));
    if (!changed) return;
    this.settings = next;
    writeUrl(this.element, this.root, this.id, this.settings);
    if (!first) this.events.emit('settings', this.publicSettings());
  }

  publicSettings() {
    const { url, appUrl, heading, ...rest } = structuredClone(this.settings);
    return rest;
  }

  /** Changes network settings (a new preset brings its own defaults); resolves with the info. */
  async configure(changes) {
    let checked;
    try {
      checked = checkSettings(changes ?? {}, TASK, { allowed: NET });
    } catch (e) {
      throw new Error(`neuroglow configure(): ${e.message}`);
    }
    const next = { ...this.settings, ...checked };
    if (checked.preset && checked.preset !== this.settings.preset) {
      for (const n of NET) if (n !== 'preset' && !(n in checked)) next[n] = defaultOf(n, TASK, false, checked.preset);
    }
    // Set first: the new network's first frame (which comes before the reply) then matches.
    const before = this.settings;
    this.settings = next;
    let info;
    try {
      info = await this.mn.configure(overrides(next));
    } catch (e) {
      this.settings = before;
      throw new Error(`neuroglow configure(): ${coreMessage(e)}`);
    }
    this.follow(info);
    writeUrl(this.element, this.root, this.id, this.settings);
    this.events.emit('settings', this.publicSettings());
    return info;
  }

  state() {
    return { task: TASK, ...this.mn.state() };
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.offFrame();
    this.offReady();
    this.mn.destroy();
    this.root.remove();
    this.events.clear();
    releasePage(this.element, this.id);
  }

  makeApi() {
    const self = this;
    const mn = this.mn;
    const { live, liveAsync } = destroyGuards(() => self.destroyed);
    return Object.freeze({
      /** Settles when the MNIST data is in (rejects with why it could not load). */
      get ready() {
        return self.readyFailed ? mn.ready : self.ready;
      },
      step: liveAsync('step', (unit = 'phase') => {
        if (!['phase', 'example', 'batch', 'epoch'].includes(unit)) {
          throw new Error(`neuroglow step(unit): unit must be "phase", "example", "batch" or "epoch", not ${JSON.stringify(unit)}`);
        }
        return mn.step(unit);
      }),
      train: liveAsync('train', ({ epochs = 1 } = {}) => {
        if (!(Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= 1000)) {
          throw new Error('neuroglow train({ epochs }): epochs must be a whole number from 1 to 1000');
        }
        return mn.train({ epochs });
      }),
      evaluate: liveAsync('evaluate', () => mn.evaluate()),
      predict: liveAsync('predict', async (pixels) => {
        if (!(Array.isArray(pixels) || ArrayBuffer.isView(pixels))) {
          throw new Error('neuroglow predict(pixels): pixels must be 784 numbers from 0 to 1 (a 28×28 image, row by row)');
        }
        const output = await mn.predict(pixels);
        self.events.emit('prediction', { input: Array.from(pixels), output: Array.from(output), thought: false });
        return output;
      }),
      save: liveAsync('save', () => mn.save()),
      load: liveAsync('load', (bytes) => {
        if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) throw new Error('neuroglow load(bytes): bytes must be a Uint8Array (from save())');
        return mn.load(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
      }),
      play: liveAsync('play', () => mn.play()),
      pause: liveAsync('pause', () => mn.pause()),
      reset: liveAsync('reset', () => mn.configure(overrides(self.settings)).then(() => self.state())),
      configure: liveAsync('configure', (changes) => self.configure(changes)),
      showTest: liveAsync('showTest', (index) => mn.showTest(index)),
      state: live('state', () => self.state()),
      info: live('info', () => (mn.state().info ? { ...mn.state().info } : null)),
      settings: live('settings', () => self.publicSettings()),
      warnings: live('warnings', () => self.warnings.slice()),
      link: live('link', () => linkFor(self.element, self.settings)),
      embedCode: live('embedCode', (opts) => {
        const sizes = [784, ...self.settings.hidden, 10].join('-');
        return embedCodeFor(self.element, self.settings, `neuroglow: a ${sizes} neural network learning handwritten digits (MNIST)`, opts);
      }),
      on: live('on', (name, fn) => {
        if (!MNIST_EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${MNIST_EVENTS.join(', ')})`);
        return name === 'settings' || name === 'prediction' ? self.events.on(name, fn) : mn.on(name, fn);
      }),
      destroy: () => self.destroy(),
      get task() {
        return TASK;
      },
      get element() {
        return self.root;
      },
    });
  }
}
