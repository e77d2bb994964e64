// The "Draw a digit" section's controller: the pad, the reading and the model choice. The wasm
// Reader reads on the main thread; everything shown comes from one reader.frame() per animation
// frame. DOM: dom.js; model sources: models.js; handles: mount.js.

import { Emitter } from '../../core/events.js';
import { fmtInt } from '../../core/format.js';
import { onPageModels } from '../../core/models-on-page.js';
import { DEFAULT_PALETTE } from '../../render/theme.js';
import { releasePage } from '../../ui/task-common.js';
import { el } from '../../ui/controls.js';
import { toStrokes } from './pad.js';
import { sourceOf, openReader, listModels } from './models.js';
import { buildDom, say, showReading, LOADING } from './dom.js';

/** The pixels of any canvas (2d, WebGL, bitmap), copied through a 2d scratch canvas. */
function canvasPixels(c) {
  if (!(c.width > 0 && c.height > 0)) throw new Error(`neuroglow draw: predict(canvas): the canvas is ${c.width}×${c.height} pixels`);
  const ctx = el('canvas', { width: c.width, height: c.height }).getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  try {
    return ctx.getImageData(0, 0, c.width, c.height);
  } catch (e) {
    throw new Error(`neuroglow draw: predict(canvas): its pixels cannot be read (${e.message})`);
  }
}

/** Pixels given to predict(), checked: `n` numbers 0..1, as a Float32Array. */
function checkPixels(x, n) {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    throw new TypeError('neuroglow draw: predict(x): x must be a canvas, an ImageData, or the 784 pixels (0..1) of a 28×28 image');
  }
  if (x.length !== n) throw new Error(`neuroglow draw: predict(pixels): expected ${n} numbers (a 28×28 image), got ${x.length}`);
  const bad = Array.prototype.findIndex.call(x, (v) => typeof v !== 'number' || !(v >= 0 && v <= 1));
  if (bad >= 0) throw new Error(`neuroglow draw: predict(pixels): value ${String(x[bad])} at position ${bad + 1} is not a number from 0 to 1`);
  return Float32Array.from(x);
}

const EVENTS = ['prediction', 'model'];
const GONE = 'neuroglow draw: this section was destroyed';
/** An error's message as the section shows it, without the API's prefix. */
const shown = (e) => e.detail ?? e.message;

let instances = 0;
let versions = 0;

export class DrawController {
  constructor(element, options, wasm) {
    Object.assign(this, {
      element, options, wasm, doc: element.ownerDocument, events: new Emitter(), id: `dr${++instances}`, pretrained: new Map(),
      modelBase: new URL(options.modelUrl ?? new URL('../../models/', import.meta.url)), palette: options.palette ?? DEFAULT_PALETTE,
      reader: null, info: null, model: null, modelLabel: '', entry: null, offEpoch: null, error: null, loadToken: 0,
      result: { outputs: null, guess: null, runnerUp: null }, seen: new Float32Array(784), lit: 0,
      stale: true, settle: true, raf: 0, destroyed: false,
      task: null, // the public API's side when mounted by mount() (mount.js)
    });
    buildDom(this);
    this.offModels = onPageModels(this.doc, () => listModels(this));
    listModels(this);
  }

  modelValue() {
    return this.entry ? this.entry.id : this.model ?? 'modern';
  }

  // ---------------------------------------------------------------- reading

  /** Reads (stale: the ink changed) or only redraws (resized, recoloured) on the next animation frame. */
  request() {
    if (this.raf || this.destroyed) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      try {
        if (this.stale) this.update();
        else this.show();
      } catch (e) {
        if (e?.code !== 'crashed') throw e; // (the module stopped: the section's notice says so)
      }
    });
  }

  /** Reads the pad now (API calls do not wait for the next frame) and announces the result. */
  updateNow() {
    this.settle = true;
    this.update();
  }

  update() {
    cancelAnimationFrame(this.raf); // this reading is drawn now
    this.raf = 0;
    this.stale = false;
    if (this.reader) this.readPad();
    else this.pad.render();
    this.show();
    this.events.emit('prediction', { ...this.snapshot(), settled: !this.pad.drawing });
  }

  readPad() {
    const img = this.pad.pixels();
    try {
      this.reader.read(img.data, img.width, img.height);
    } catch (e) {
      // A model whose weights overflow on this drawing: said, not shown as a reading.
      say(this, e.detail ?? e.message, true);
    }
  }

  /** Shows the Reader's frame everywhere; its views are read before anything else calls into wasm. */
  show() {
    const f = this.reader?.frame();
    const outputs = f?.known.output ? Array.from(f.buffers[`a${f.sizes.length - 1}`]) : null;
    this.result = { outputs, guess: outputs && f.guess, runnerUp: outputs && f.runnerUp };
    this.lit = f?.known.lit ?? 0;
    if (f) this.seen.set(f.buffers.a0);
    else this.seen.fill(0);
    // Not while the drawing is hidden (a tab, an embed without it): it is drawn when it shows.
    if (f && this.net.fit.w > 1) this.net.draw(f, { playing: true, weightsVersion: this.version, now: performance.now(), palette: this.palette });
    showReading(this);
  }

  /** Recolours the network drawing and its words ('green-red' | 'blue-orange'). */
  setPalette(name) {
    this.palette = name;
    this.$('palette').value = name;
    this.request();
    this.events.emit('palette', name);
  }

  // ---------------------------------------------------------------- models

  /** Switches to a shipped model, one another section offers (id or name) or .ngm bytes; rejects with why, keeping the current one. */
  async useModel(which) {
    if (this.destroyed) throw new Error(GONE);
    const token = ++this.loadToken;
    const { bytes, model, label, entry } = await sourceOf(this, which);
    if (this.destroyed) throw new Error(GONE);
    if (token !== this.loadToken) throw Object.assign(new Error('neuroglow draw: replaced by a later model choice'), { replaced: true });
    const reader = openReader(this.wasm, bytes);
    this.reader?.free();
    Object.assign(this, { reader, model, modelLabel: label, error: null, info: reader.info(), version: ++versions });
    const { sizes, activations } = this.info;
    this.probability = activations.at(-1) === 'softmax';
    this.watch(entry);
    listModels(this);
    this.net.canvas.setAttribute('aria-label', `The network (${sizes.join('–')} neurons) reading your drawing: the 28×28 input on one side, the hidden neurons glowing with their activity, the ${sizes.at(-1)} outputs on the other side.`);
    this.updateNow();
    this.events.emit('model', { model, info: this.info });
    return { model, info: this.info };
  }

  /** Follows the chosen page model: its network is fetched again after every epoch. */
  watch(entry) {
    this.offEpoch?.();
    this.offEpoch = null;
    this.entry = entry;
    if (entry) this.offEpoch = entry.on('epoch', () => this.entry === entry && this.choose(entry.id, 'Updated to the network after its latest epoch.'));
  }

  /** A model chosen on the page: shows what happened, never throws. */
  async choose(value, done) {
    if (!value) return;
    say(this, LOADING);
    try {
      const { info } = await this.useModel(value);
      const note = info.note ? ` (${info.note})` : '';
      say(this, done ?? `Reading with ${this.modelLabel}: ${info.sizes.join('–')} neurons, ${fmtInt(info.parameterCount)} weights and biases${note}.`);
    } catch (e) {
      if (e.replaced || this.destroyed) return;
      say(this, shown(e), true);
      this.$('model').value = this.modelValue();
    }
  }

  /** The first model could not be loaded: shown in the section and in state().error. */
  failed(e) {
    say(this, (this.error = shown(e)), true);
    this.updateNow();
  }

  // ---------------------------------------------------------------- actions (the API's)

  /** The outputs for a canvas (the pad's read as the pad reads itself), an ImageData or 784 pixels; null for no ink. */
  predict(x) {
    if (this.destroyed) throw new Error(GONE);
    const reader = this.reader;
    if (!reader) throw new Error(`neuroglow draw: no model is loaded${this.error ? ` (${this.error})` : ''}`);
    if (x instanceof HTMLCanvasElement) x = x === this.pad.canvas ? this.pad.pixels() : canvasPixels(x);
    if (!(x instanceof ImageData)) x = checkPixels(x, this.info.sizes[0]);
    let out;
    try {
      out = x instanceof ImageData ? reader.read(x.data, x.width, x.height) : reader.readPixels(x);
    } catch (e) {
      throw new Error(`neuroglow draw: predict: ${e.message}`);
    }
    this.readPad(); // the Reader shows the pad's reading again
    return out ? Array.from(out) : null;
  }

  draw(strokes) {
    if (this.destroyed) throw new Error(GONE);
    this.pad.add(toStrokes(strokes));
    this.updateNow();
    return this.result.outputs && [...this.result.outputs];
  }

  undo() {
    if (this.destroyed) return false;
    const done = this.pad.undo();
    this.updateNow();
    return done;
  }

  clear() {
    if (this.destroyed) return;
    this.pad.clear();
    this.updateNow();
  }

  on(name, fn) {
    if (!EVENTS.includes(name)) throw new Error(`neuroglow draw: unknown event "${name}" (known: ${EVENTS.join(', ')})`);
    return this.events.on(name, fn);
  }

  snapshot() {
    const { outputs, guess, runnerUp } = this.result;
    const { model, modelLabel: modelName, info, error } = this;
    return { guess, runnerUp, outputs: outputs && [...outputs], model, modelName, empty: this.pad.empty, strokes: this.pad.strokes.length, info, error };
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    this.offModels();
    this.watch(null);
    this.pad.destroy();
    this.net.destroy();
    this.reader?.free();
    this.reader = null;
    (this.task ?? this).root.remove();
    if (this.task) releasePage(this.task.element, this.task.id);
    this.events.clear();
  }
}
