// Where the pad's model comes from (a shipped file, a model another section offers, or bytes), the
// Reader made of it (refused in words a learner can act on), and the model menu.

import { MODELS } from '../../core/config.js';
import { has, t } from '../../core/i18n.js';
import { pageModels } from '../../core/models-on-page.js';

/** An API error: prefixed for programmers, with the bare `detail` for showing in the section. */
export const drawError = (text, Kind = Error) => Object.assign(new Kind(`neuroglow draw: ${text}`), { detail: text });

/** A shipped model's menu label in the page's language (the core's English label for a model the catalogue does not name). */
export function modelName(name) {
  const key = `draw.model${name[0].toUpperCase()}${name.slice(1)}`;
  return has(key) ? t(key) : MODELS[name];
}

/** "Your model": bytes given to useModel(), or a page model whose section is gone. */
const yourModel = () => t('draw.yourModel');

/** The .ngm bytes of a shipped model, from the folder `base`. */
async function fetchPretrained(base, name) {
  const url = new URL(`${name}.ngm`, base);
  const res = await fetch(url).catch((e) => {
    throw new Error(t('draw.fetchFailed', { model: modelName(name), url: url.href, why: e.message }));
  });
  if (!res.ok) throw new Error(t('draw.notAvailable', { model: modelName(name), url: url.href, status: String(res.status) }));
  return new Uint8Array(await res.arrayBuffer());
}

/** Bytes given to useModel(): a Uint8Array, an ArrayBuffer or another byte view; else null. */
const asBytes = (x) => (x instanceof ArrayBuffer ? new Uint8Array(x) : ArrayBuffer.isView(x) ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength) : null);

/** The bytes, name and menu label of a model choice (controller useModel()), and its page entry. */
export async function sourceOf(c, which) {
  if (typeof which !== 'string') {
    const bytes = asBytes(which);
    if (!bytes) throw drawError(`useModel(model): model must be ${Object.keys(MODELS).map((n) => `"${n}"`).join(', ')}, a model offered on the page, or .ngm bytes (Uint8Array)`, TypeError);
    return { bytes, model: 'custom', label: yourModel(), entry: null };
  }
  if (MODELS[which]) {
    // Fetched once per section; a failed fetch is tried again next time.
    if (!c.pretrained.has(which)) c.pretrained.set(which, fetchPretrained(c.modelBase, which).catch((e) => {
      c.pretrained.delete(which);
      throw e;
    }));
    return { bytes: await c.pretrained.get(which), model: which, label: modelName(which), entry: null };
  }
  const entry = pageModels(c.doc).find((e) => e.id === which || e.name === which);
  if (!entry) {
    const names = [...Object.keys(MODELS), ...pageModels(c.doc).map((e) => e.name)];
    throw drawError(`unknown model "${which}" (try ${names.map((n) => `"${n}"`).join(', ')}, or pass .ngm bytes)`);
  }
  const bytes = asBytes(await entry.save());
  if (!bytes) throw drawError(`"${entry.name}" gave no model bytes`);
  return { bytes, model: entry.name, label: entry.name, entry };
}

/** A Reader for model bytes; throws an Error saying why a model cannot read drawings. */
export function openReader(wasm, bytes) {
  try {
    return wasm.Reader.fromModel(bytes);
  } catch (e) {
    if (e?.code === 'model-shape') {
      throw new Error(t('draw.notDrawings'));
    }
    throw new Error(t('draw.loadFailed', { why: String(e?.message ?? e) }));
  }
}

/** The model menu: the shipped models, those other sections offer, and "your model". */
export function listModels(c) {
  const offered = pageModels(c.doc);
  if (c.entry && !offered.includes(c.entry)) {
    // The section that offered it is gone; its network stays in use as "your model".
    c.watch(null);
    c.model = 'custom';
    c.modelLabel = yourModel();
  }
  const options = [...Object.keys(MODELS).map((name) => [name, modelName(name)]), ...offered.map((e) => [e.id, e.name])];
  if (c.model === 'custom') options.push(['custom', c.modelLabel]);
  const sel = c.$('model');
  sel.replaceChildren(...options.map(([value, text]) => Object.assign(c.doc.createElement('option'), { value, text })));
  sel.value = c.modelValue();
  c.btn('latest').hidden = !c.entry;
}
