// Form fields for network options, made from the core's schema: each option's label, the input
// its kind needs (a menu of the values it takes, a box for numbers or layer sizes, a checkbox)
// and its one-line doc. JS only reads the text back by kind; the core says whether it is valid.
// The XOR settings panel and the MNIST custom network both use these.

import { SCHEMA, BY_NAME, TASKS } from '../core/config.js';
import { has, localiseDigits, t } from '../core/i18n.js';

const SPECS = Object.fromEntries(SCHEMA.options.map((o) => [o.name, o]));
/** How values read in a menu (the value itself unless it reads better otherwise). */
const SHOWN = { relu: 'ReLU', sgd: 'SGD', adam: 'Adam' };
const camel = (s) => String(s).replace(/(^|[_-])(\w)/g, (_, __, c) => c.toUpperCase());
/**
 * A value of an enum option as a menu shows it, in the page's language: the catalogue's
 * `ui.value<Name>` when it has one (squared_error → ui.valueSquaredError), else the name itself.
 */
export const shownValue = (v) => (has(`ui.value${camel(v)}`) ? t(`ui.value${camel(v)}`) : SHOWN[v] ?? v);
// The settings table (core/settings-table.js) reads option labels and docs, task names and titles
// from the catalogue; these are its words, looked up when shown.
/** An option's label ("hidden layers") and its one-line doc. */
export const optionLabel = (name) => BY_NAME[name]?.label ?? SPECS[name]?.label ?? name;
export const optionDoc = (name) => BY_NAME[name]?.doc ?? SPECS[name]?.doc ?? '';
/** A task's name in menus ("Classic XOR") and in sentences ("XOR", "handwritten digits"). */
export const taskLabel = (name) => TASKS[name]?.label ?? name;
export const taskTitle = (name) => TASKS[name]?.title ?? name;
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function input(spec, id) {
  let node;
  if (spec.type === 'enum') {
    node = document.createElement('select');
    for (const v of spec.values) node.append(new Option(shownValue(v), v));
  } else {
    node = document.createElement('input');
    node.type = spec.type === 'boolean' ? 'checkbox' : 'text';
    if (spec.type !== 'boolean') {
      node.inputMode = spec.type === 'number' ? 'decimal' : 'numeric';
      node.autocomplete = 'off';
      node.spellcheck = false;
      if (spec.type === 'layers') node.placeholder = t('ui.layersPlaceholder');
    }
  }
  node.id = id;
  node.title = optionDoc(spec.name);
  return node;
}

/** A labelled field in the page's style ('ng': XOR's panel) or the MNIST section's ('mn'). */
function field(style, spec, node) {
  const label = document.createElement('label');
  label.htmlFor = node.id;
  label.textContent = cap(optionLabel(spec.name));
  const wrap = document.createElement('div');
  const check = spec.type === 'boolean';
  wrap.className = style === 'mn' ? (spec.type === 'layers' ? 'mn-field mn-wide' : check ? 'mn-check' : 'mn-field') : check ? 'ng-field ng-check' : 'ng-field';
  wrap.append(...(check ? [node, label] : [label, node]));
  return wrap;
}

/** Reads a field's text as its option's kind; throws a message naming the field. */
function read(spec, node) {
  if (spec.type === 'boolean') return node.checked;
  if (spec.type === 'enum') return node.value;
  const text = node.value.trim();
  if (spec.type === 'layers') {
    if (text === '' || text.toLowerCase() === 'none') return [];
    const sizes = text.split(/[\s,;]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
    if (sizes.some((n) => !Number.isSafeInteger(n))) throw new Error(t('ui.fieldNotWholeNumbers', { label: optionLabel(spec.name), text }));
    return sizes;
  }
  const n = Number(text.replace(',', '.')); // (a decimal comma, as German and Spanish write it)
  if (text === '' || !Number.isFinite(n)) throw new Error(t('ui.fieldNotNumber', { label: optionLabel(spec.name), text }));
  return n;
}

export class NetworkFields {
  /**
   * @param {string} prefix  id prefix (unique on the page)
   * @param {string[]} names option names, in display order
   * @param {'ng'|'mn'} style
   */
  constructor(prefix, names, style) {
    this.specs = names.map((n) => SPECS[n]);
    this.inputs = Object.fromEntries(this.specs.map((s) => [s.name, input(s, `${prefix}-${s.name}`)]));
    this.fields = this.specs.map((s) => field(style, s, this.inputs[s.name]));
  }

  /** Shows the values of `settings` (option name → value). */
  fill(settings) {
    for (const s of this.specs) {
      const v = settings[s.name];
      const node = this.inputs[s.name];
      if (v === undefined) continue;
      if (s.type === 'boolean') node.checked = v;
      else if (s.type === 'layers') node.value = v.join(', ');
      else if (s.type === 'number') node.value = localiseDigits(String(+Number(v).toPrecision(6)));
      else node.value = String(v);
    }
  }

  /** The options as typed, by kind (throws a message naming a field that is not a number). */
  read() {
    return Object.fromEntries(this.specs.map((s) => [s.name, read(s, this.inputs[s.name])]));
  }
}
