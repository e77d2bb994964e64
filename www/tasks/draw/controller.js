// The "Draw a digit" section's controller: the pad, the reading and the model choice. The wasm
// Reader reads the pad's strokes (their points: Reader.readStrokes paints them in Rust, no pixels
// are read back) on the main thread, once per animation frame; everything shown (the verdict in
// words, the calibrated confidence in the bars, the network, the "See how it sees" steps) comes
// from one reader.frame(). DOM: dom.js (words.js, strip.js); model sources: models.js; handles: mount.js.

import { Emitter } from '../../core/events.js';
import { fmtInt } from '../../core/format.js';
import { onPageModels } from '../../core/models-on-page.js';
import { DEFAULT_PALETTE } from '../../render/theme.js';
import { releasePage } from '../../ui/task-common.js';
import { el } from '../../ui/controls.js';
import { toStrokes } from './pad.js';
import { sourceOf, openReader, listModels, drawError } from './models.js';
import { t } from '../../core/i18n.js';
import { coreWords } from '../../core/config.js';
import { buildDom, say, showReading, showSeen, showCaption, loading } from './dom.js';
import { fullWords } from './words.js';

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
const shown = (e) => coreWords(e);

let instances = 0;
let versions = 0;

export class DrawController {
  constructor(element, options, wasm) {
    Object.assign(this, {
      element, options, wasm, doc: element.ownerDocument, events: new Emitter(), id: `dr${++instances}`, pretrained: new Map(),
      modelBase: new URL(options.modelUrl ?? new URL('../../models/', import.meta.url)), palette: options.palette ?? DEFAULT_PALETTE,
      reader: null, info: null, model: null, modelLabel: '', entry: null, offEpoch: null, error: null, loadToken: 0,
      result: { outputs: null, guess: null, runnerUp: null, reading: null }, seen: new Float32Array(784), lit: 0,
      pen: wasm.pen(), // the core's pen: { width, side, maxPoints } (the same as a Reader's info())
      stale: true, settle: true, raf: 0, destroyed: false, fullSaid: false,
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
    this.read();
    this.show();
    this.events.emit('prediction', { ...this.snapshot(), settled: !this.pad.drawing });
  }

  /** Reads the pad's strokes into the Reader (no drawing yet). */
  read() {
    this.stale = false;
    if (this.fullSaid && !this.pad.ink.full) {
      this.fullSaid = false;
      say(this, '');
    }
    if (this.reader) this.readPad();
  }

  /**
   * The pen moved (or strokes were removed): reads now, in the pointer event, and writes the
   * words and the bars' numbers at once; the pad, the network and the strip are drawn on the
   * next animation frame. Waiting for that frame to read would put up to a frame between the
   * pen and the numbers.
   */
  penMoved() {
    if (!this.reader || this.destroyed) {
      this.stale = true;
      return this.request();
    }
    try {
      this.read();
      this.showNumbers(this.reader.frame());
    } catch (e) {
      if (e?.code !== 'crashed') throw e; // (the module stopped: the section's notice says so)
      return;
    }
    this.request();
    this.events.emit('prediction', { ...this.snapshot(), settled: !this.pad.drawing });
  }

  /** Reads the pad's strokes (their points, not its pixels); the outputs, or undefined for an empty pad. */
  readPad() {
    const { xy, ends } = this.pad.ink.views();
    try {
      return this.reader.readStrokes(xy, ends);
    } catch (e) {
      if (e?.code === 'crashed') throw e; // the module stopped: the section's notice says so
      // A model whose weights overflow on this drawing: said, not shown as a reading.
      say(this, coreWords(e), true);
    }
  }

  /** Shows the Reader's frame everywhere; its views are read before anything else calls into wasm. */
  show() {
    this.pad.render();
    const f = this.reader?.frame();
    // The numbers first (words, bars), then the pictures. Nothing here calls into wasm before the
    // network has been drawn from the frame's views.
    this.showNumbers(f);
    showSeen(this.$('seen'), this.seen);
    const { reading } = this.result;
    // Not while the drawing is hidden (a tab, an embed without it): it is drawn when it shows.
    if (f && this.net.fit.w > 1) this.net.draw(f, { playing: true, weightsVersion: this.version, now: performance.now(), palette: this.palette });
    showCaption(this);
    this.strip.show(f && reading, this.seen);
  }

  /** The frame's reading as the words and the bars (f undefined: no model yet). */
  showNumbers(f) {
    const outputs = f?.known.output ? Array.from(f.buffers[`a${f.sizes.length - 1}`]) : null;
    // The reading: the verdict, the two likeliest digits and the calibrated confidence (null: empty pad).
    const reading = (outputs && f.state) || null;
    this.result = { outputs, guess: outputs && f.guess, runnerUp: outputs && f.runnerUp, reading };
    this.lit = f?.known.lit ?? 0;
    if (f) this.seen.set(f.buffers.a0);
    else this.seen.fill(0);
    showReading(this);
  }

  /** A point did not fit: the drawing holds the most points the core reads. */
  full() {
    say(this, fullWords(this.pen.maxPoints), true);
    this.fullSaid = true;
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
    this.net.canvas.setAttribute('aria-label', t('draw.networkLabel', { sizes: sizes.join('–'), outputs: sizes.at(-1) }));
    this.updateNow();
    this.events.emit('model', { model, info: this.info });
    return { model, info: this.info };
  }

  /** Follows the chosen page model: its network is fetched again after every epoch. */
  watch(entry) {
    this.offEpoch?.();
    this.offEpoch = null;
    this.entry = entry;
    if (entry) this.offEpoch = entry.on('epoch', () => this.entry === entry && this.choose(entry.id, t('draw.updated')));
  }

  /** A model chosen on the page: shows what happened, never throws. */
  async choose(value, done) {
    if (!value) return;
    say(this, loading());
    try {
      const { info } = await this.useModel(value);
      const note = info.note ? ` (${info.note})` : '';
      say(this, done ?? t('draw.readingWith', { model: this.modelLabel, sizes: info.sizes.join('–'), count: fmtInt(info.parameterCount), note }));
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
    // The pad is read from its strokes, as it reads itself; other canvases from their pixels.
    const pad = x === this.pad.canvas;
    if (!pad && x instanceof HTMLCanvasElement) x = canvasPixels(x);
    if (!pad && !(x instanceof ImageData)) x = checkPixels(x, this.info.sizes[0]);
    const { xy, ends } = this.pad.ink.views();
    let out;
    try {
      out = pad ? reader.readStrokes(xy, ends) : x instanceof ImageData ? reader.read(x.data, x.width, x.height) : reader.readPixels(x);
    } catch (e) {
      throw new Error(`neuroglow draw: predict: ${e.message}`);
    }
    if (pad) return out ? Array.from(out) : null;
    this.readPad(); // the Reader shows the pad's reading again
    return out ? Array.from(out) : null;
  }

  draw(strokes) {
    if (this.destroyed) throw new Error(GONE);
    try {
      this.pad.add(toStrokes(strokes));
    } catch (e) {
      if (e instanceof RangeError) throw drawError(`draw(strokes): ${e.message}`, RangeError);
      throw e;
    }
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
    const r = this.result.reading;
    return {
      guess, runnerUp, outputs: outputs && [...outputs], verdict: r?.verdict ?? null, confidence: r ? Array.from(r.confidence) : null,
      model, modelName, empty: this.pad.empty, strokes: this.pad.strokes, info, error,
    };
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
