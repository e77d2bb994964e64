// Models that one section of a page offers to the others: an MNIST section registers the network
// it is training, and a drawing pad on the same page lists it next to the pretrained ones. The
// list lives on the document (not in this module), so every section of one page sees the same
// list even if this module is loaded under two URLs, and separate documents never mix.

const KEY = Symbol.for('neuroglow.modelsOnPage');
const EVENT = 'neuroglow:models';

const registry = (doc) => (doc[KEY] ??= { entries: [], next: 0 });
const changed = (doc) => doc.dispatchEvent(new CustomEvent(EVENT));

/**
 * Offers a model to the other sections of `doc`; returns a function that withdraws it. `save()`
 * resolves with its current .ngm bytes; `on('epoch', fn)` (optional) says when to fetch them again.
 */
export function registerModel(doc, { name, save, on } = {}) {
  if (typeof name !== 'string' || !name) throw new TypeError('registerModel: name must be a non-empty string');
  if (typeof save !== 'function') throw new TypeError('registerModel: save must be a function');
  if (on !== undefined && typeof on !== 'function') throw new TypeError('registerModel: on must be a function');
  const reg = registry(doc);
  // Two sections offering "the model you just trained" stay apart by a number.
  let shown = name;
  for (let k = 2; reg.entries.some((e) => e.name === shown); k++) shown = `${name} (${k})`;
  const entry = Object.freeze({ id: `page-${++reg.next}`, name: shown, save, on: on ?? (() => () => {}) });
  reg.entries.push(entry);
  changed(doc);
  return () => {
    const i = reg.entries.indexOf(entry);
    if (i < 0) return;
    reg.entries.splice(i, 1);
    changed(doc);
  };
}

/** The models offered on `doc` now: [{ id, name, save, on }], in the order they came. */
export function pageModels(doc) {
  return [...registry(doc).entries];
}

/** Calls `fn` whenever a model is offered or withdrawn on `doc`; returns the unsubscribe. */
export function onPageModels(doc, fn) {
  doc.addEventListener(EVENT, fn);
  return () => doc.removeEventListener(EVENT, fn);
}
