// Choosing the network: the core's presets, or custom settings (fields made from the core's
// schema). It only gathers options; the core validates them, and its refusal is shown here.

import { fmtInt } from '../../core/format.js';
import { SCHEMA } from '../../core/config.js';
import { NetworkFields, shownValue } from '../../ui/network-fields.js';

/** One line saying what a network is: 784-16-16-10 · sigmoid · squared error · SGD. */
function blurb(sizes, o) {
  const parts = [sizes.join('-'), shownValue(o.activation)];
  if (o.outputActivation !== o.activation) parts.push(shownValue(o.outputActivation));
  parts.push(shownValue(o.loss), shownValue(o.optimizer));
  return parts.join(' · ');
}

/** The presets by name: their menu label and one-line description. */
export const PRESETS = Object.fromEntries(SCHEMA.presets.map((p) => [p.name, { name: p.label, blurb: blurb(p.sizes, p.options) }]));

const SPEEDS = [[0, 'Full speed'], [10000, '10,000 a second'], [1000, '1,000 a second'], [100, '100 a second'], [10, '10 a second'], [2, '2 a second']];
const FIELDS = ['hidden', 'activation', 'outputActivation', 'loss', 'optimizer', 'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed'];

let counter = 0;

/** The panel's markup (`p`: the prefix of its element ids); the custom fields are added after. */
function settingsHtml(p) {
  const radio = (value, text) => `<label class="mn-seg-item"><input type="radio" name="${p}-preset" value="${value}"><span>${text}</span></label>`;
  return `
      <fieldset class="mn-presets">
        <legend class="mn-h">Network</legend>
        <div class="mn-seg" role="radiogroup" aria-label="Preset">
          ${Object.entries(PRESETS).map(([k, v]) => radio(k, v.name)).join('')}${radio('custom', 'Custom')}
        </div>
        <p class="mn-preset-blurb" id="${p}-blurb"></p>
        <p class="mn-params"><strong id="${p}-params">–</strong> weights and biases</p>
        <label class="mn-check" id="${p}-adam-row"><input type="checkbox" id="${p}-adam"> Adam optimizer instead of momentum</label>
      </fieldset>
      <form class="mn-custom" id="${p}-form" hidden novalidate>
        <div class="mn-fields"></div>
        <button type="submit" class="mn-btn mn-btn-primary">Apply settings</button>
      </form>
      <p class="mn-msg mn-error" id="${p}-error" role="alert" hidden></p>
      <label class="mn-field mn-speed"><span>Speed</span><select id="${p}-speed" aria-label="Speed">${SPEEDS.map(([v, t]) => `<option value="${v}">${t}</option>`).join('')}</select></label>`;
}

export class Settings {
  /**
   * @param {HTMLElement} wrap
   * @param {{ onPreset: (name: string, adam: boolean) => void, onApply: (options: object) => void,
   *   onSpeed: (perSecond: number) => void }} handlers  `preset` and `speed`: shown at first
   */
  constructor(wrap, handlers, preset, speed) {
    const p = `mn-set-${++counter}`;
    this.base = Object.keys(PRESETS)[0]; // the preset custom settings start from
    wrap.innerHTML = settingsHtml(p);
    this.$ = (s) => wrap.querySelector(`#${p}-${s}`);
    this.radios = [...wrap.querySelectorAll(`input[name="${p}-preset"]`)];
    this.fields = new NetworkFields(p, FIELDS, 'mn');
    wrap.querySelector('.mn-fields').append(...this.fields.fields);
    for (const r of this.radios) {
      r.addEventListener('change', () => {
        if (!r.checked) return;
        this.setPreset(r.value);
        if (r.value === 'custom') this.fields.inputs.hidden.focus();
        else {
          this.$('adam').checked = false;
          handlers.onPreset(r.value, false);
        }
      });
    }
    this.$('adam').addEventListener('change', () => handlers.onPreset('modern', this.$('adam').checked));
    this.$('form').addEventListener('submit', (e) => {
      e.preventDefault();
      let options;
      try {
        options = { preset: this.base, ...this.fields.read() };
      } catch (err) {
        return this.error(err.message);
      }
      handlers.onApply(options);
    });
    const sel = this.$('speed');
    sel.addEventListener('change', () => handlers.onSpeed(Number(sel.value)));
    if (![...sel.options].some((o) => o.value === String(speed))) sel.add(new Option(`${fmtInt(speed)} a second`, String(speed)));
    sel.value = String(speed);
    this.setPreset(preset);
  }

  /** Shows `name` ('custom': the form) as chosen. */
  setPreset(name) {
    for (const r of this.radios) r.checked = r.value === name;
    if (name !== 'custom') this.base = name;
    this.$('form').hidden = name !== 'custom';
    this.$('adam-row').hidden = name !== 'modern';
    const text = this.described ?? PRESETS[this.base].blurb;
    this.$('blurb').textContent = name === 'custom' ? `${text}. Change anything and apply.` : text;
  }

  /** Shows the network in use (the core's `info`) and the `preset` it is; fills the fields from it. */
  show(info, preset, adam) {
    this.$('adam').checked = adam;
    this.setPreset(preset);
    const acts = info.activations;
    const options = {
      hidden: info.sizes.slice(1, -1), activation: acts[0] ?? 'sigmoid', outputActivation: acts[acts.length - 1],
      loss: info.loss, optimizer: info.optimizer, learningRate: info.learningRate, momentum: info.momentum,
      batchSize: info.batchSize, lrDecay: info.lrDecay, seed: info.seed,
    };
    this.$('params').textContent = fmtInt(info.parameterCount);
    this.fields.fill(options);
    // What the network in use actually is (a preset adapts to the data's size).
    this.described = blurb(info.sizes, options);
    this.$('blurb').textContent = this.described;
  }

  error(message) {
    const e = this.$('error');
    e.hidden = !message;
    e.textContent = message ? `Not applied: ${message}. The current network stays.` : '';
  }
}
