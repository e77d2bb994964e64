// Choosing the network: the two presets, or custom settings (hidden layers, activation, loss,
// optimizer, learning rate, batch size, seed). It only gathers options; the core validates
// them, and its message is shown when it refuses.

import { fmtInt } from '../../core/format.js';
import { parseHidden } from '../../core/session.js';

export const PRESETS = {
  '3b1b': { name: '3Blue1Brown', blurb: '784-16-16-10 · sigmoid · squared error · SGD' },
  modern: { name: 'Modern', blurb: '784-128-64-10 · ReLU · softmax · cross-entropy · momentum' },
};

const SPEEDS = [
  [0, 'Full speed'],
  [10000, '10,000 a second'],
  [1000, '1,000 a second'],
  [100, '100 a second'],
  [10, '10 a second'],
  [2, '2 a second'],
];

const ACTIVATIONS = [['sigmoid', 'sigmoid'], ['tanh', 'tanh'], ['relu', 'ReLU'], ['linear', 'linear']];
const OUTPUTS = [['sigmoid', 'sigmoid'], ['softmax', 'softmax'], ['linear', 'linear'], ['tanh', 'tanh'], ['relu', 'ReLU']];
const LOSSES = [['squared_error', 'squared error'], ['cross_entropy', 'cross-entropy']];
const OPTIMIZERS = [['sgd', 'SGD'], ['momentum', 'momentum'], ['adam', 'Adam']];

let counter = 0;

function select(id, options, name) {
  return `<select id="${id}" aria-label="${name}">${options.map(([v, t]) => `<option value="${v}">${t}</option>`).join('')}</select>`;
}

/** The panel's markup (`p`: the prefix of its element ids). */
function settingsHtml(p) {
  return `
      <fieldset class="mn-presets">
        <legend class="mn-h">Network</legend>
        <div class="mn-seg" role="radiogroup" aria-label="Preset">
          ${Object.entries(PRESETS).map(([k, v]) => `
          <label class="mn-seg-item"><input type="radio" name="${p}-preset" value="${k}"><span>${v.name}</span></label>`).join('')}
          <label class="mn-seg-item"><input type="radio" name="${p}-preset" value="custom"><span>Custom</span></label>
        </div>
        <p class="mn-preset-blurb" id="${p}-blurb"></p>
        <p class="mn-params"><strong id="${p}-params">–</strong> weights and biases</p>
        <label class="mn-check" id="${p}-adam-row"><input type="checkbox" id="${p}-adam"> Adam optimizer instead of momentum</label>
      </fieldset>
      <form class="mn-custom" id="${p}-form" hidden novalidate>
        <div class="mn-fields">
          <label class="mn-field mn-wide"><span>Hidden layers</span><input id="${p}-hidden" inputmode="numeric" autocomplete="off" spellcheck="false" placeholder="e.g. 16, 16"></label>
          <label class="mn-field"><span>Activation</span>${select(`${p}-act`, ACTIVATIONS, 'Activation')}</label>
          <label class="mn-field"><span>Output activation</span>${select(`${p}-out`, OUTPUTS, 'Output activation')}</label>
          <label class="mn-field"><span>Loss</span>${select(`${p}-loss`, LOSSES, 'Loss')}</label>
          <label class="mn-field"><span>Optimizer</span>${select(`${p}-opt`, OPTIMIZERS, 'Optimizer')}</label>
          <label class="mn-field"><span>Learning rate</span><input id="${p}-lr" inputmode="decimal" autocomplete="off"></label>
          <label class="mn-field"><span>Momentum</span><input id="${p}-mom" inputmode="decimal" autocomplete="off"></label>
          <label class="mn-field"><span>Batch size</span><input id="${p}-batch" inputmode="numeric" autocomplete="off"></label>
          <label class="mn-field"><span>Rate decay per epoch</span><input id="${p}-decay" inputmode="decimal" autocomplete="off"></label>
          <label class="mn-field"><span>Seed</span><input id="${p}-seed" inputmode="numeric" autocomplete="off"></label>
        </div>
        <button type="submit" class="mn-btn mn-btn-primary">Apply settings</button>
      </form>
      <p class="mn-msg mn-error" id="${p}-error" role="alert" hidden></p>
      <label class="mn-field mn-speed"><span>Speed</span>${select(`${p}-speed`, SPEEDS.map(([v, t]) => [String(v), t]), 'Speed')}</label>`;
}

export class Settings {
  /**
   * @param {HTMLElement} wrap
   * @param {{ onPreset: (name: string, adam: boolean) => void, onApply: (options: object) => void,
   *   onSpeed: (perSecond: number) => void }} handlers
   */
  constructor(wrap, handlers) {
    const p = `mn-set-${++counter}`;
    this.p = p;
    this.handlers = handlers;
    this.base = '3b1b';
    wrap.innerHTML = settingsHtml(p);
    this.$ = (s) => wrap.querySelector(`#${p}-${s}`);
    this.wrap = wrap;
    this.listen(handlers);
  }

  listen(handlers) {
    const wrap = this.wrap;
    const p = this.p;
    for (const r of wrap.querySelectorAll(`input[name="${p}-preset"]`)) {
      r.addEventListener('change', () => {
        if (!r.checked) return;
        if (r.value === 'custom') {
          this.showForm(true);
          this.$('hidden').focus();
        } else {
          this.base = r.value;
          this.showForm(false);
          this.$('adam').checked = false;
          handlers.onPreset(r.value, false);
        }
        this.updateBlurb();
      });
    }
    this.$('adam').addEventListener('change', () => handlers.onPreset('modern', this.$('adam').checked));
    this.$('form').addEventListener('submit', (e) => {
      e.preventDefault();
      let options;
      try {
        options = this.read();
      } catch (err) {
        this.error(err.message);
        return;
      }
      handlers.onApply(options);
    });
    this.$('speed').addEventListener('change', () => handlers.onSpeed(Number(this.$('speed').value)));
  }

  preset() {
    return this.wrap.querySelector(`input[name="${this.p}-preset"]:checked`)?.value ?? this.base;
  }

  setPreset(name) {
    for (const r of this.wrap.querySelectorAll(`input[name="${this.p}-preset"]`)) r.checked = r.value === name;
    if (name !== 'custom') this.base = name;
    this.showForm(name === 'custom');
    this.updateBlurb();
  }

  setAdam(on) {
    this.$('adam').checked = on;
  }

  setSpeed(v) {
    const sel = this.$('speed');
    if (![...sel.options].some((o) => o.value === String(v))) {
      sel.add(new Option(`${fmtInt(v)} a second`, String(v)));
    }
    sel.value = String(v);
  }

  showForm(on) {
    this.$('form').hidden = !on;
    this.$('adam-row').hidden = on || this.preset() !== 'modern';
  }

  updateBlurb() {
    const name = this.preset();
    this.$('blurb').textContent = name === 'custom'
      ? `${this.described ?? PRESETS[this.base].blurb}. Change anything and apply.`
      : this.described ?? PRESETS[name].blurb;
    this.$('adam-row').hidden = name !== 'modern';
  }

  /** Fills the fields from the network's info (what the core actually uses). */
  show(info) {
    const hidden = info.sizes.slice(1, -1);
    this.$('params').textContent = fmtInt(info.parameterCount);
    this.$('hidden').value = hidden.join(', ');
    this.$('act').value = info.activations[0] ?? 'sigmoid';
    this.$('out').value = info.activations[info.activations.length - 1];
    this.$('loss').value = info.loss;
    this.$('opt').value = info.optimizer ?? 'sgd';
    this.$('lr').value = String(+info.learningRate.toPrecision(6));
    this.$('mom').value = String(+(info.momentum ?? 0).toPrecision(6));
    this.$('batch').value = String(info.batchSize);
    this.$('decay').value = String(+(info.lrDecay ?? 1).toPrecision(6));
    this.$('seed').value = String(info.seed);
    // What the network in use actually is (a preset adapts to the data's size).
    const act = { relu: 'ReLU', sigmoid: 'sigmoid', tanh: 'tanh', linear: 'linear', softmax: 'softmax' };
    const acts = info.activations;
    const out = acts[acts.length - 1];
    const parts = [info.sizes.join('-'), act[acts[0]] ?? acts[0]];
    if (out !== acts[0]) parts.push(act[out] ?? out);
    parts.push(info.loss === 'cross_entropy' ? 'cross-entropy' : 'squared error', info.optimizer === 'sgd' ? 'SGD' : info.optimizer === 'adam' ? 'Adam' : 'momentum');
    this.described = parts.join(' · ');
    this.$('blurb').textContent = this.described;
  }

  read() {
    const num = (id, what) => {
      const t = this.$(id).value.trim();
      const v = Number(t);
      if (t === '' || !Number.isFinite(v)) throw new Error(`${what}: "${t}" is not a number`);
      return v;
    };
    const int = (id, what) => {
      const v = num(id, what);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${what}: "${this.$(id).value.trim()}" is not a whole number`);
      return v;
    };
    return {
      preset: this.base,
      hidden: parseHidden(this.$('hidden').value),
      activation: this.$('act').value,
      outputActivation: this.$('out').value,
      loss: this.$('loss').value,
      optimizer: this.$('opt').value,
      learningRate: num('lr', 'learning rate'),
      momentum: num('mom', 'momentum'),
      batchSize: int('batch', 'batch size'),
      lrDecay: num('decay', 'rate decay'),
      seed: int('seed', 'seed'),
    };
  }

  error(message) {
    const e = this.$('error');
    e.hidden = !message;
    e.textContent = message ? `Not applied: ${message}. The current network stays.` : '';
  }
}
