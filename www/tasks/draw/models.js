// Where the drawing pad's model comes from: the pretrained files shipped with the page, or bytes
// (a file, another section's freshly trained network). Turns bytes into a Reader with a message
// a learner can act on when they cannot be used.

export const PRETRAINED = {
  modern: 'Modern (pretrained)',
  '3b1b': '3Blue1Brown (pretrained)',
};

/** The .ngm bytes of a shipped pretrained model, from the folder `base`. */
export async function fetchPretrained(base, name) {
  const url = new URL(`${name}.ngm`, base);
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`The ${PRETRAINED[name]} model could not be fetched from ${url.href} (${e.message}).`);
  }
  if (!res.ok) throw new Error(`The ${PRETRAINED[name]} model is not available (${url.href}: HTTP ${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Bytes given to useModel() as a Uint8Array (or an ArrayBuffer / other byte view). */
export function asBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return null;
}

/** A Reader for model bytes; throws an Error saying why a model cannot read drawings. */
export function openReader(wasm, bytes) {
  try {
    return wasm.Reader.fromModel(bytes);
  } catch (e) {
    const why = String(e?.message ?? e);
    if (/784 inputs/.test(why)) {
      throw new Error('This model cannot read drawings: it was trained on images that are not 28×28 pixels (a drawing needs a network with 784 inputs). The current model stays.');
    }
    throw new Error(`This model could not be loaded (${why}). The current model stays.`);
  }
}
