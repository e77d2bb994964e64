// Form fields for network options, made from the core's schema: each option's label, the input
// its kind needs (a menu of the values it takes, a box for numbers or layer sizes, a checkbox)
// and its one-line doc. JS only reads the text back by kind; the core says whether it is valid.
// The XOR settings panel and the MNIST custom network both use these.

import { SCHEMA } from '../core/config.js';

const SPECS = Object.fromEntries(SCHEMA.options.map((o) => [o.name, o]));
/** How values read in a menu (the value itself unless it reads better otherwise). */
const SHOWN = { relu: 'ReLU', sgd: 'SGD', adam: 'Adam', squared_error: 'squared error', cross_entropy: 'cross-entropy' };
export const shownValue = (v) => SHOWN[v] ?? v;
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
      if (spec.type === 'layers') node.placeholder = 'e.g. 16, 16';
    }
  }
  node.id = id;
  node.title = spec.doc;
  return node;
}

/** A labelled field in the page's style ('ng': XOR's panel) or the MNIST section's ('mn'). */
function field(style, spec, node) {
  const label = document.createElement('label');
  label.htmlFor = node.id;
  label.textContent = cap(spec.label);
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
  const t = node.value.trim();
  if (spec.type === 'layers') {
    if (t === '' || t.toLowerCase() === 'none') return [];
    const sizes = t.split(/[\s,;]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
    if (sizes.some((n) => !Number.isSafeInteger(n))) throw new Error(`${spec.label}: "${t}" is not a list of whole numbers (write e.g. 4 or 4, 3)`);
    return sizes;
  }
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) throw new Error(`${spec.label}: "${t}" is not a number`);
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
      else if (s.type === 'number') node.value = String(+Number(v).toPrecision(6));
      else node.value = String(v);
    }
  }

  /** The options as typed, by kind (throws a message naming a field that is not a number). */
  read() {
    return Object.fromEntries(this.specs.map((s) => [s.name, read(s, this.inputs[s.name])]));
  }
}
