// The "Draw a digit" section's controller: the pad, the 28×28 image the network actually reads,
// its guess with ten score bars, and the network lighting up for the drawing. A trained model
// reads on the main thread through the wasm Reader (preprocessing and the forward pass are
// Rust's); this class holds the reading and the model choice. Its DOM is dom.js's, reading
// reading.js's and its handles api.js's. Mounted by mount() (mount.js), it also carries the
// public API's settings (`task`: the model in the URL and Share links).

import { Emitter } from '../../core/events.js';
import { fmtInt } from '../../core/format.js';
import { pageModels, onPageModels } from '../../core/models-on-page.js';
import { releasePage } from '../../ui/task-common.js';
import { toStrokes } from './pad.js';
import { ReaderFrames } from './frames.js';
import { PRETRAINED, fetchPretrained, asBytes, openReader } from './models.js';
import { buildDom, ensureStyles, listModels, say } from './dom.js';
import { topTwo, predictWith, noteText, statusText } from './reading.js';

const EVENTS = ['prediction', 'model'];
const REPLACED = 'replaced by a later model choice';
const GONE = 'neuroglow draw: this section was destroyed';

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

let instances = 0;

export class DrawController {
  constructor(element, options, wasm) {
    this.element = element;
    this.options = options;
    this.wasm = wasm;
    this.doc = element.ownerDocument;
    this.events = new Emitter();
    this.id = `dr${++instances}`;
    this.modelBase = new URL(options.modelUrl ?? new URL('../../models/', import.meta.url));
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
    /** The public API's side when mounted by mount() (mount.js), else null. */
    this.task = null;
    ensureStyles(this.doc);
    buildDom(this);
    this.offModels = onPageModels(this.doc, () => listModels(this));
    listModels(this);
  }

  modelValue() {
    return this.entry ? this.entry.id : this.model ?? 'modern';
  }

  say(text, isError = false) {
    say(this, text, isError);
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
    setText(this.$('note'), noteText(this.result, this.probability, !!this.reader, this.error));
    if (this.settle && !this.pad.drawing) {
      this.settle = false;
      setText(this.$('status'), statusText(this.result, this.probability, !!this.reader, this.error));
    }
    this.events.emit('prediction', { ...this.snapshot(), settled: !this.pad.drawing });
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

  /** The bytes, name and menu label of a model choice (see useModel), and its page entry. */
  async source(which) {
    if (typeof which !== 'string') {
      const bytes = asBytes(which);
      if (!bytes) throw new TypeError('neuroglow draw: useModel(model): model must be "modern", "3b1b", a model offered on the page, or .ngm bytes (Uint8Array)');
      return { bytes, model: 'custom', label: 'Your model', entry: null };
    }
    if (PRETRAINED[which]) return { bytes: await this.bytesOf(which), model: which, label: PRETRAINED[which], entry: null };
    const entry = pageModels(this.doc).find((e) => e.id === which || e.name === which) ?? null;
    if (!entry) {
      const names = [...Object.keys(PRETRAINED), ...pageModels(this.doc).map((e) => e.name)];
      throw new Error(`neuroglow draw: unknown model "${which}" (try ${names.map((n) => `"${n}"`).join(', ')}, or pass .ngm bytes)`);
    }
    const saved = await entry.save();
    const bytes = asBytes(saved);
    if (!bytes) throw new Error(`neuroglow draw: "${entry.name}" gave no model bytes`);
    return { bytes, model: entry.name, label: entry.name, entry };
  }

  /**
   * Switches to a pretrained model ('modern' | '3b1b'), a model another section offers (its id
   * or name) or .ngm bytes. Rejects with why when it cannot read drawings; the current stays.
   */
  async useModel(which) {
    if (this.destroyed) throw new Error(GONE);
    const token = ++this.loadToken;
    const { bytes, model, label, entry } = await this.source(which);
    if (this.destroyed) throw new Error(GONE);
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
    listModels(this);
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

  // ---------------------------------------------------------------- actions (the API's)

  need() {
    if (this.destroyed) throw new Error(GONE);
    if (!this.reader) throw new Error(`neuroglow draw: no model is loaded${this.error ? ` (${this.error})` : ''}`);
    return this.reader;
  }

  predict(x) {
    const reader = this.need();
    return predictWith(reader, x, this.pad, this.info.sizes[0]);
  }

  draw(strokes) {
    if (this.destroyed) throw new Error(GONE);
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

  on(name, fn) {
    if (!EVENTS.includes(name)) throw new Error(`neuroglow draw: unknown event "${name}" (known: ${EVENTS.join(', ')})`);
    return this.events.on(name, fn);
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
    this.task?.offModel();
    cancelAnimationFrame(this.raf);
    this.offModels();
    this.setEpochWatch(null);
    this.pad.destroy();
    this.net.destroy();
    this.reader?.free();
    this.reader = null;
    this.root.remove();
    if (this.task) {
      this.task.root.remove();
      releasePage(this.task.element, this.task.id);
    }
    this.events.clear();
  }
}
