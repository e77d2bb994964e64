// Choosing the network: the core's presets, or custom settings (fields made from the core's
// schema). It only gathers options; the core validates them, and its refusal is shown here.

import { fmtInt } from '../../core/format.js';
import { SCHEMA } from '../../core/config.js';
import { has, t } from '../../core/i18n.js';
import { NetworkFields, shownValue } from '../../ui/network-fields.js';
import { esc } from './display.js';

/** One line saying what a network is: 784-16-16-10 · sigmoid · squared error · SGD. */
function blurb(sizes, o) {
  const parts = [sizes.join('-'), shownValue(o.activation)];
  if (o.outputActivation !== o.activation) parts.push(shownValue(o.outputActivation));
  parts.push(shownValue(o.loss), shownValue(o.optimizer));
  return parts.join(' · ');
}

/** A preset's name in the page's language (the core's label when the catalogue has none). */
const presetLabel = (p) => {
  const key = `mnist.presetName${p.name[0].toUpperCase()}${p.name.slice(1)}`;
  return has(key) ? t(key) : p.label;
};

/** The presets by name: their menu label and one-line description (looked up when asked: the catalogue loads after import). */
export const presets = () => Object.fromEntries(SCHEMA.presets.map((p) => [p.name, { name: presetLabel(p), blurb: blurb(p.sizes, p.options) }]));

const SPEEDS = [0, 10000, 1000, 100, 10, 2];
const speedName = (v) => (v > 0 ? t('mnist.perSecond', { n: v }) : t('mnist.fullSpeed'));
const m = (key, params) => esc(t(key, params));
const FIELDS = ['hidden', 'activation', 'outputActivation', 'loss', 'optimizer', 'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed'];

let counter = 0;

/** The panel's markup (`p`: the prefix of its element ids); the custom fields are added after. */
function settingsHtml(p, list) {
  const radio = (value, text) => `<label class="mn-seg-item"><input type="radio" name="${p}-preset" value="${value}"><span>${text}</span></label>`;
  return `
      <fieldset class="mn-presets">
        <legend class="mn-h">${m('mnist.network')}</legend>
        <div class="mn-seg" role="radiogroup" aria-label="${m('mnist.preset')}">
          ${Object.entries(list).map(([k, v]) => radio(k, esc(v.name))).join('')}${radio('custom', m('mnist.custom'))}
        </div>
        <p class="mn-preset-blurb" id="${p}-blurb"></p>
        <p class="mn-params">${m('mnist.parameterCount', { count: '\u0001' }).replace('\u0001', `<strong id="${p}-params">–</strong>`)}</p>
        <label class="mn-check" id="${p}-adam-row"><input type="checkbox" id="${p}-adam"> ${m('mnist.adam')}</label>
      </fieldset>
      <form class="mn-custom" id="${p}-form" hidden novalidate>
        <div class="mn-fields"></div>
        <button type="submit" class="mn-btn mn-btn-primary">${m('mnist.applySettings')}</button>
      </form>
      <p class="mn-msg mn-error" id="${p}-error" role="alert" hidden></p>
      <label class="mn-field mn-speed"><span>${m('mnist.speed')}</span><select id="${p}-speed" aria-label="${m('mnist.speed')}">${SPEEDS.map((v) => `<option value="${v}">${esc(speedName(v))}</option>`).join('')}</select></label>`;
}

export class Settings {
  /**
   * @param {HTMLElement} wrap
   * @param {{ onPreset: (name: string, adam: boolean) => void, onApply: (options: object) => void,
   *   onSpeed: (perSecond: number) => void }} handlers  `preset` and `speed`: shown at first
   */
  constructor(wrap, handlers, preset, speed) {
    const p = `mn-set-${++counter}`;
    this.presets = presets();
    this.base = Object.keys(this.presets)[0]; // the preset custom settings start from
    wrap.innerHTML = settingsHtml(p, this.presets);
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
    if (![...sel.options].some((o) => o.value === String(speed))) sel.add(new Option(speedName(speed), String(speed)));
    sel.value = String(speed);
    this.setPreset(preset);
  }

  /** Shows `name` ('custom': the form) as chosen. */
  setPreset(name) {
    for (const r of this.radios) r.checked = r.value === name;
    if (name !== 'custom') this.base = name;
    this.$('form').hidden = name !== 'custom';
    this.$('adam-row').hidden = name !== 'modern';
    const text = this.described ?? this.presets[this.base].blurb;
    this.$('blurb').textContent = name === 'custom' ? t('mnist.customBlurb', { blurb: text }) : text;
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
    e.textContent = message ? t('mnist.notApplied', { why: message }) : '';
  }
}
