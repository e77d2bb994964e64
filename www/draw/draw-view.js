// The "Draw a digit" section: a pad to draw on, the 28×28 image the network actually reads, its
// guess with ten score bars, and the network lighting up for the drawing. A trained model reads
// on the main thread through the wasm Reader (preprocessing and the forward pass are Rust's);
// this module wires the parts together and offers a small API:
//
//   const d = await mountDraw(element, { model: 'modern' });
//   d.draw([[[0.5, 0.2], [0.5, 0.8]]]);      // strokes in 0..1 of the pad → outputs or null
//   d.predict(canvas | imageData | pixels784) // → outputs (null for an empty drawing)
//   d.undo(); d.clear(); await d.useModel('3b1b' | bytes);
//   d.state();  // { guess, runnerUp, outputs, model, empty, … }
//   d.on('prediction', fn); d.destroy();

import { Emitter } from '../core/events.js';
import { fmtInt } from '../core/format.js';
import { loadWasm } from '../core/wasm.js';
import { pageModels, onPageModels } from '../core/models-on-page.js';
import { MnistNetworkView } from '../mnist/network-view.js';
import { DrawPad, toStrokes } from './pad.js';
import { ReaderFrames } from './frames.js';
import { ScoreBars, scoreText } from './bars.js';
import { SeenImage } from './seen.js';
import { PRETRAINED, fetchPretrained, asBytes, openReader } from './models.js';
import { linkStylesheet } from '../core/stylesheet.js';

const OPTIONS = ['model', 'modelUrl', 'heading', 'hide'];
/** The parts `hide` can leave out (the pad, its buttons, the guess and the bars always show). */
const PARTS = { seen: '.dr-seen', model: '.dr-model', network: '.dr-net-panel' };
const EVENTS = ['prediction', 'model'];
const INVITATION = 'Draw a digit from 0 to 9 in the box: the network reads it as you draw.';
const REPLACED = 'replaced by a later model choice';

// The shared pieces are the MNIST section's (mnist.css); draw.css holds the drawing's own.
function ensureStyles(doc) {
  linkStylesheet(doc, new URL('../mnist/mnist.css', import.meta.url));
  linkStylesheet(doc, new URL('./draw.css', import.meta.url));
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** The indices of the largest and second-largest outputs (which to highlight). */
function topTwo(out) {
  let a = -1;
  let b = -1;
  for (let i = 0; i < out.length; i++) {
    if (a < 0 || out[i] > out[a]) {
      b = a;
      a = i;
    } else if (b < 0 || out[i] > out[b]) b = i;
  }
  return [a, b];
}

/** The pixels of any canvas (2d, WebGL, bitmap), copied through a 2d scratch canvas. */
function canvasPixels(c) {
  if (!(c.width > 0 && c.height > 0)) throw new Error(`neuroglow draw: predict(canvas): the canvas is ${c.width}×${c.height} pixels`);
  const scratch = document.createElement('canvas');
  scratch.width = c.width;
  scratch.height = c.height;
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  try {
    return ctx.getImageData(0, 0, c.width, c.height);
  } catch (e) {
    throw new Error(`neuroglow draw: predict(canvas): its pixels cannot be read (${e.message})`);
  }
}

let instances = 0;

class DrawView {
  constructor(element, options, wasm) {
    this.element = element;
    this.options = options;
    this.wasm = wasm;
    this.doc = element.ownerDocument;
    this.events = new Emitter();
    this.id = `dr${++instances}`;
    this.modelBase = new URL(options.modelUrl ?? new URL('../models/', import.meta.url));
    this.pretrained = new Map();
    this.reader = null;
    this.frames = null;
    this.info = null;
    this.model = null;
    this.modelLabel = '';
    this.entry = null;
    this.offEpoch = null;
    this.error = null;
    this.loadToken = 0;
    this.result = { outputs: null, guess: null, runnerUp: null };
    this.seen = new Float32Array(784);
    this.stale = true;
    this.settle = true;
    this.raf = 0;
    this.destroyed = false;
    ensureStyles(this.doc);
    this.build();
    this.offModels = onPageModels(this.doc, () => this.listModels());
    this.listModels();
  }

  // ---------------------------------------------------------------- DOM

  build() {
    const id = this.id;
    const root = this.doc.createElement('section');
    root.className = 'mn-root dr-root';
    root.setAttribute('aria-label', 'Draw a digit');
    const h = this.options.heading;
    const title = typeof h === 'string' ? h : 'Draw a digit';
    root.innerHTML = `
      ${h === false ? '' : `<header class="mn-header">
        <h2 class="mn-title"></h2>
        <p class="mn-lede">Write a digit with your mouse, finger or pen. The trained network reads it the way it read the MNIST digits: shrunk to 28×28 pixels, centred, then passed through its neurons.</p>
      </header>`}
      <div class="dr-layout">
        <div class="mn-panel dr-drawing">
          <div class="dr-pad" data-part="pad">
            <p class="dr-invite" data-part="invite" aria-hidden="true">Draw a digit here</p>
          </div>
          <p class="mn-sr" id="${id}-padhelp">Drawing needs a mouse, a finger or a pen. The network's guess is announced when you lift it.</p>
          <div class="dr-toolbar" role="group" aria-label="Drawing">
            <button type="button" class="mn-btn" data-act="undo" aria-keyshortcuts="Control+Z" disabled>Undo</button>
            <button type="button" class="mn-btn" data-act="clear" disabled>Clear</button>
          </div>
        </div>
        <div class="mn-panel dr-reading">
          <div class="dr-top">
            <figure class="dr-seen" data-part="seen">
              <figcaption>What the network sees<span>28 × 28 pixels</span></figcaption>
            </figure>
            <div class="dr-guess">
              <p class="dr-guess-label">It reads</p>
              <p class="dr-guess-digit" data-part="guess">?</p>
              <p class="dr-guess-note" data-part="note"></p>
            </div>
          </div>
          <p class="mn-sr" role="status" aria-live="polite" data-part="status"></p>
          <div class="dr-bars-wrap" data-part="bars"></div>
          <div class="dr-model">
            <label class="mn-field" for="${id}-model"><span>Model</span></label>
            <select class="dr-select" id="${id}-model" data-part="model"></select>
            <button type="button" class="mn-btn" data-act="latest" hidden>Use latest</button>
          </div>
          <p class="mn-msg" data-part="msg" aria-live="polite"></p>
        </div>
      </div>
      <section class="mn-panel dr-net-panel" aria-labelledby="${id}-nh">
        <h3 class="mn-h" id="${id}-nh">Inside the network</h3>
        <div class="mn-net-wrap dr-net-wrap" data-part="net">
          <div class="mn-tip dr-tip" data-part="tip" hidden></div>
        </div>
        <p class="dr-caption" data-part="caption"></p>
      </section>`;
    if (h !== false) root.querySelector('.mn-title').textContent = title;
    for (const part of this.options.hide ?? []) root.querySelector(PARTS[part]).hidden = true;
    this.root = root;
    this.element.append(root);
    this.$ = (part) => root.querySelector(`[data-part="${part}"]`);
    this.btn = (act) => root.querySelector(`[data-act="${act}"]`);

    this.pad = new DrawPad(this.$('pad'), {
      label: 'Drawing pad: draw a digit from 0 to 9',
      describedBy: `${id}-padhelp`,
      onChange: () => {
        this.stale = true;
        this.request();
      },
      onEnd: () => {
        this.stale = true;
        this.settle = true;
        this.request();
      },
    });
    this.seenView = new SeenImage(this.$('seen'));
    this.bars = new ScoreBars(this.$('bars'), 'Score for each digit');
    this.net = new MnistNetworkView(this.$('net'), () => this.request());

    this.btn('undo').addEventListener('click', () => this.undo());
    this.btn('clear').addEventListener('click', () => this.clear());
    this.btn('latest').addEventListener('click', () => this.choose(this.entry?.id));
    this.$('model').addEventListener('change', (e) => this.choose(e.target.value));
    root.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && e.target.tagName !== 'SELECT') {
        e.preventDefault();
        this.undo();
      }
    });
    const net = this.$('net');
    this.onHover = (e) => this.hover(e);
    this.onLeave = () => {
      this.$('tip').hidden = true;
    };
    net.addEventListener('pointermove', this.onHover);
    // A tap shows the value too (touch has no hover).
    net.addEventListener('pointerdown', this.onHover);
    net.addEventListener('pointerleave', this.onLeave);
  }

  /** The model choices: the pretrained ones and any model another section offers. */
  listModels() {
    const sel = this.$('model');
    const offered = pageModels(this.doc);
    if (this.entry && !offered.includes(this.entry)) {
      // The section that offered it is gone; its network stays in use as "your model".
      this.setEpochWatch(null);
      this.model = 'custom';
      this.modelLabel = 'Your model';
    }
    const opts = Object.entries(PRETRAINED).map(([v, t]) => [v, t]);
    for (const e of offered) opts.push([e.id, e.name]);
    if (this.model === 'custom') opts.push(['custom', this.modelLabel]);
    sel.textContent = '';
    for (const [v, t] of opts) {
      const o = this.doc.createElement('option');
      o.value = v;
      o.textContent = t;
      sel.append(o);
    }
    sel.value = this.modelValue();
    this.btn('latest').hidden = !this.entry;
  }

  modelValue() {
    return this.entry ? this.entry.id : this.model ?? 'modern';
  }

  say(text, isError = false) {
    const m = this.$('msg');
    m.textContent = text ?? '';
    m.classList.toggle('mn-error', !!isError);
    m.classList.toggle('mn-banner', !!isError);
    m.setAttribute('role', isError ? 'alert' : 'note');
  }

  hover(e) {
    const tip = this.$('tip');
    const f = this.frame;
    const r = this.$('net').getBoundingClientRect();
    const hit = this.net.neuronAt(e.clientX - r.left, e.clientY - r.top);
    if (!hit || !f) {
      tip.hidden = true;
      return;
    }
    const L = this.info.sizes.length - 1;
    const v = f.buffers[`a${hit.layer}`][hit.index];
    const value = f.blank ? 'nothing drawn yet' : hit.layer === L ? scoreText(v, this.probability) : v.toFixed(3);
    tip.textContent = hit.layer === L
      ? `Output ${hit.index}: ${value}`
      : `Hidden layer ${hit.layer}, neuron ${hit.index + 1}: ${value}`;
    tip.style.left = `${hit.x}px`;
    tip.style.top = `${hit.y - hit.r - 4}px`;
    tip.hidden = false;
  }

  // ---------------------------------------------------------------- reading

  request() {
    if (!this.raf && !this.destroyed) this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  tick(now) {
    this.raf = 0;
    if (this.stale) this.update(now);
    this.net.render(now);
  }

  /** Reads the pad now (API calls do not wait for the next frame) and announces the result. */
  updateNow() {
    this.settle = true;
    this.update(performance.now());
    this.request();
  }

  /** Reads the pad with the model and shows the result everywhere; announces when settled. */
  update(now) {
    this.stale = false;
    const empty = this.pad.empty;
    let outputs = null;
    if (this.reader) {
      const img = this.pad.pixels();
      const out = this.reader.read(img.data, img.width, img.height);
      outputs = out ? Array.from(out) : null;
      this.seen.set(this.reader.input());
      this.frame = this.frames.frame(this.reader, outputs === null);
      this.net.setFrame(this.frame, now);
    } else {
      this.pad.render();
      this.seen.fill(0);
    }
    const [guess, runnerUp] = outputs ? topTwo(outputs) : [null, null];
    this.result = { outputs, guess, runnerUp };
    this.seenView.show(this.seen);
    this.bars.update(outputs, guess, runnerUp, this.probability);
    this.$('invite').hidden = !empty;
    this.btn('undo').disabled = empty;
    this.btn('clear').disabled = empty;
    setText(this.$('guess'), outputs ? String(guess) : '?');
    this.$('guess').classList.toggle('dr-none', !outputs);
    setText(this.$('note'), outputs
      ? `${scoreText(outputs[guess], this.probability)}${this.probability ? ' sure' : ''} · runner-up ${runnerUp} (${scoreText(outputs[runnerUp], this.probability)})`
      : this.reader ? 'Nothing drawn yet.' : this.error ? 'No model to read with.' : 'Loading the model…');
    if (this.settle && !this.pad.drawing) {
      this.settle = false;
      setText(this.$('status'), this.statusText());
    }
    this.events.emit('prediction', { ...this.snapshot(), settled: !this.pad.drawing });
  }

  statusText() {
    if (!this.reader) return this.error ?? 'Loading the model…';
    const { outputs, guess, runnerUp } = this.result;
    if (!outputs) return INVITATION;
    const p = this.probability;
    return `It reads a ${guess} (${scoreText(outputs[guess], p)}). Runner-up: ${runnerUp} (${scoreText(outputs[runnerUp], p)}).`;
  }

  // ---------------------------------------------------------------- models

  async bytesOf(name) {
    if (!this.pretrained.has(name)) {
      const p = fetchPretrained(this.modelBase, name);
      this.pretrained.set(name, p);
      p.catch(() => this.pretrained.delete(name));
    }
    return this.pretrained.get(name);
  }

  /**
   * Switches to a pretrained model ('modern' | '3b1b'), a model another section offers (its id
   * or name) or .ngm bytes. Rejects with why when it cannot read drawings; the current stays.
   */
  async useModel(which) {
    if (this.destroyed) throw new Error('neuroglow draw: this section was destroyed');
    const token = ++this.loadToken;
    let bytes;
    let model;
    let label;
    let entry = null;
    if (typeof which === 'string') {
      if (PRETRAINED[which]) {
        model = which;
        label = PRETRAINED[which];
        bytes = await this.bytesOf(which);
      } else {
        entry = pageModels(this.doc).find((e) => e.id === which || e.name === which) ?? null;
        if (!entry) {
          const names = [...Object.keys(PRETRAINED), ...pageModels(this.doc).map((e) => e.name)];
          throw new Error(`neuroglow draw: unknown model "${which}" (try ${names.map((n) => `"${n}"`).join(', ')}, or pass .ngm bytes)`);
        }
        model = entry.name;
        label = entry.name;
        const saved = await entry.save();
        bytes = asBytes(saved);
        if (!bytes) throw new Error(`neuroglow draw: "${entry.name}" gave no model bytes`);
      }
    } else {
      bytes = asBytes(which);
      if (!bytes) throw new TypeError('neuroglow draw: useModel(model): model must be "modern", "3b1b", a model offered on the page, or .ngm bytes (Uint8Array)');
      model = 'custom';
      label = 'Your model';
    }
    if (this.destroyed) throw new Error('neuroglow draw: this section was destroyed');
    if (token !== this.loadToken) throw new Error(`neuroglow draw: ${REPLACED}`);
    const reader = openReader(this.wasm, bytes);
    this.setReader(reader, model, label, entry);
    return { model, info: this.info };
  }

  setReader(reader, model, label, entry) {
    this.reader?.free();
    this.reader = reader;
    this.error = null;
    this.info = reader.info();
    this.frames = new ReaderFrames(reader, this.info);
    const acts = this.info.activations;
    this.probability = acts[acts.length - 1] === 'softmax';
    this.model = model;
    this.modelLabel = label;
    this.setEpochWatch(entry);
    this.net.setInfo(this.info);
    this.bars.setCount(this.info.sizes[this.info.sizes.length - 1]);
    this.listModels();
    this.caption();
    this.net.canvas.setAttribute('aria-label', `The network (${this.info.sizes.join('–')} neurons) reading your drawing: the 28×28 input on one side, the hidden neurons glowing with their activity, the ${this.info.sizes[this.info.sizes.length - 1]} outputs on the other side.`);
    this.updateNow();
    this.events.emit('model', { model, info: this.info });
  }

  /** Follows the chosen page model: its network is fetched again after every epoch. */
  setEpochWatch(entry) {
    this.offEpoch?.();
    this.offEpoch = null;
    this.entry = entry;
    if (!entry) return;
    this.offEpoch = entry.on('epoch', () => {
      if (this.entry === entry) this.choose(entry.id, 'Updated to the network after its latest epoch.');
    });
  }

  /** A model chosen on the page: shows what happened, never throws. */
  async choose(value, done) {
    if (!value) return;
    const sel = this.$('model');
    this.say('Loading the model…');
    try {
      const { info } = await this.useModel(value);
      const note = this.reader.info().note;
      this.say(done ?? `Reading with ${this.modelLabel}: ${info.sizes.join('–')} neurons, ${fmtInt(info.parameterCount)} weights and biases${note ? ` (${note})` : ''}.`);
    } catch (e) {
      if (e.message.endsWith(REPLACED) || this.destroyed) return;
      this.say(e.message.replace(/^neuroglow draw: /, ''), true);
      sel.value = this.modelValue();
    }
  }

  caption() {
    const sizes = this.info.sizes;
    const capped = Object.keys(this.frames.weights).filter((k) => k.startsWith('strong')).length;
    setText(this.$('caption'), `Your drawing's 784 pixels are the input neurons; each hidden neuron glows as strongly as it fires; the brightest output is the guess. ${capped ? 'Only the strongest synapses of the big layers are drawn. ' : ''}Green synapses are positive weights, red negative. Hover a neuron to see its value. (${sizes.join('–')} neurons)`);
  }

  // ---------------------------------------------------------------- API

  need() {
    if (this.destroyed) throw new Error('neuroglow draw: this section was destroyed');
    if (!this.reader) throw new Error(`neuroglow draw: no model is loaded${this.error ? ` (${this.error})` : ''}`);
    return this.reader;
  }

  predict(x) {
    const reader = this.need();
    if (x instanceof HTMLCanvasElement) {
      // The pad's own canvas is read as the pad reads itself (its fixed-size reading canvas).
      return this.readImage(reader, x === this.pad.canvas ? this.pad.pixels() : canvasPixels(x));
    }
    if (x instanceof ImageData) return this.readImage(reader, x);
    if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) return this.readPixels(reader, x);
    throw new TypeError('neuroglow draw: predict(x): x must be a canvas, an ImageData, or the 784 pixels (0..1) of a 28×28 image');
  }

  readImage(reader, img) {
    let out;
    try {
      out = reader.read(img.data, img.width, img.height);
    } catch (e) {
      throw new Error(`neuroglow draw: predict: ${e.message}`);
    }
    return out ? Array.from(out) : null;
  }

  readPixels(reader, pixels) {
    const n = this.info.sizes[0];
    if (pixels.length !== n) throw new Error(`neuroglow draw: predict(pixels): expected ${n} numbers (a 28×28 image), got ${pixels.length}`);
    for (let i = 0; i < n; i++) {
      const v = pixels[i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new Error(`neuroglow draw: predict(pixels): value ${String(v)} at position ${i + 1} is not a number from 0 to 1`);
      }
    }
    try {
      return Array.from(reader.readPixels(Float32Array.from(pixels)));
    } catch (e) {
      throw new Error(`neuroglow draw: predict: ${e.message}`);
    }
  }

  draw(strokes) {
    if (this.destroyed) throw new Error('neuroglow draw: this section was destroyed');
    let checked;
    try {
      checked = toStrokes(strokes);
    } catch (e) {
      throw new TypeError(`neuroglow draw: draw(strokes): ${e.message}`);
    }
    this.pad.add(checked);
    this.updateNow();
    return this.result.outputs ? [...this.result.outputs] : null;
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

  snapshot() {
    const { outputs, guess, runnerUp } = this.result;
    return {
      guess,
      runnerUp,
      outputs: outputs ? [...outputs] : null,
      model: this.model,
      modelName: this.modelLabel,
      empty: this.pad.empty,
      strokes: this.pad.strokes.length,
      info: this.info,
      error: this.error,
    };
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    this.offModels();
    this.setEpochWatch(null);
    this.pad.destroy();
    this.net.destroy();
    this.reader?.free();
    this.reader = null;
    this.root.remove();
    this.events.clear();
  }

  api() {
    return {
      element: this.root,
      /** The visible drawing canvas (pass it to predict()). */
      canvas: this.pad.canvas,
      predict: (x) => this.predict(x),
      draw: (strokes) => this.draw(strokes),
      undo: () => this.undo(),
      clear: () => this.clear(),
      useModel: (m) => this.useModel(m),
      /** The 28×28 image (784 values 0..1) the network read from the pad last. */
      input: () => Float32Array.from(this.seen),
      state: () => this.snapshot(),
      on: (name, fn) => {
        if (!EVENTS.includes(name)) throw new Error(`neuroglow draw: unknown event "${name}" (known: ${EVENTS.join(', ')})`);
        return this.events.on(name, fn);
      },
      destroy: () => this.destroy(),
    };
  }
}

/**
 * Mounts a "Draw a digit" section into `element`; resolves once it can read (the model loaded).
 * A model that fails to load is reported in the section and by state().error.
 * @param {HTMLElement} element
 * @param {{ model?: 'modern' | '3b1b', modelUrl?: string | URL, heading?: boolean | string, hide?: string[] }} [options]
 *   model: the pretrained model to start with (default 'modern'); modelUrl: the folder of the
 *   .ngm files (default ../models/ next to this module); heading: false leaves the heading out,
 *   a string replaces its text; hide: parts to leave out ('seen', 'model', 'network').
 */
export async function mountDraw(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountDraw(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('mountDraw(element, options): options must be an object');
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) throw new Error(`neuroglow draw: unknown option "${key}" (known options: ${OPTIONS.join(', ')})`);
  }
  const { model = 'modern', modelUrl, heading } = options;
  if (!PRETRAINED[model]) throw new Error(`neuroglow draw: unknown model "${model}" (try ${Object.keys(PRETRAINED).map((k) => `"${k}"`).join(' or ')})`);
  if (modelUrl !== undefined) {
    try {
      new URL(modelUrl, document.baseURI);
    } catch {
      throw new Error(`neuroglow draw: modelUrl "${modelUrl}" is not a URL`);
    }
  }
  if (heading !== undefined && typeof heading !== 'boolean' && typeof heading !== 'string') {
    throw new Error('neuroglow draw: heading must be true, false or a string');
  }
  if (options.hide !== undefined && !(Array.isArray(options.hide) && options.hide.every((p) => Object.hasOwn(PARTS, p)))) {
    throw new Error(`neuroglow draw: hide must be a list of ${Object.keys(PARTS).join(', ')}`);
  }
  const opts = { ...options };
  if (modelUrl !== undefined) {
    // A folder: "models" and "models/" both mean the files inside it.
    const u = new URL(modelUrl, document.baseURI);
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    opts.modelUrl = u;
  }
  const wasm = await loadWasm();
  const view = new DrawView(element, opts, wasm);
  try {
    await view.useModel(model);
  } catch (e) {
    view.error = e.message.replace(/^neuroglow draw: /, '');
    view.say(view.error, true);
    view.updateNow();
  }
  return view.api();
}
