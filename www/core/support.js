// What a browser needs to run neuroglow, checked before the WebAssembly module loads, so that an
// old browser gets a message naming what it lacks and the browsers that work, never a blank or
// forever-loading section. The wasm build uses these WebAssembly features (its target_features
// section: simd128, reference-types, bulk-memory, and older ones every browser with these has);
// the JS uses structuredClone, Array.prototype.at and findLastIndex (newer than all the syntax it
// uses). www/support-check.js runs the same checks as a classic script, for browsers too old to
// run the modules at all; both say it with the support.* messages of the catalogue (loadWasm()
// loads the browser's language first: a browser that fails here fails before any mount chose
// one), and tests/unit/support.test.mjs keeps the two in step.

import { ready, t } from './i18n.js';

// Smallest modules using one feature each (after wasm-feature-detect).
const WASM_PROBES = {
  // i32.const 0; i8x16.splat; i8x16.popcnt; end — returns a v128.
  simd: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
  // ref.null func; drop.
  referenceTypes: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
  // memory.copy 0 0 0 on a memory of one page.
  bulkMemory: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
};

/**
 * [name (what `missing` lists: the API's values), its message key, test(globalThis) → boolean],
 * in the order they are named.
 */
export const REQUIREMENTS = [
  ['WebAssembly', 'support.featureWasm', (g) => typeof g.WebAssembly === 'object' && typeof g.WebAssembly.validate === 'function'],
  ['WebAssembly SIMD', 'support.featureSimd', (g) => wasmValidates(g, WASM_PROBES.simd)],
  ['WebAssembly reference types', 'support.featureReferenceTypes', (g) => wasmValidates(g, WASM_PROBES.referenceTypes)],
  ['WebAssembly bulk memory', 'support.featureBulkMemory', (g) => wasmValidates(g, WASM_PROBES.bulkMemory)],
  ['structuredClone', 'support.featureStructuredClone', (g) => typeof g.structuredClone === 'function'],
  ['Array.prototype.at and findLastIndex', 'support.featureArrayAt', (g) => typeof g.Array?.prototype.at === 'function' && typeof g.Array.prototype.findLastIndex === 'function'],
];
/** A feature's message key by its name. */
export const FEATURE_KEYS = Object.fromEntries(REQUIREMENTS.map(([name, key]) => [name, key]));

function wasmValidates(g, bytes) {
  try {
    return typeof g.WebAssembly === 'object' && g.WebAssembly.validate(new Uint8Array(bytes)) === true;
  } catch {
    return false;
  }
}

/** The names of what `g` (default: this global) lacks; empty when it has everything. */
export function missingFeatures(g = globalThis) {
  return REQUIREMENTS.filter(([, , has]) => {
    try {
      return !has(g);
    } catch {
      return true;
    }
  }).map(([name]) => name);
}

/** The sentence a person reads when `missing` is not empty (names of REQUIREMENTS, or words already in the page's language). */
export function unsupportedMessage(missing) {
  // No catalogue (it could not be fetched): the classic script's English sentence, else the list.
  if (!ready()) return globalThis.neuroglowSupport?.message?.(missing) ?? `neuroglow: unsupported (${missing.join(', ')})`;
  const names = missing.map((name) => (FEATURE_KEYS[name] ? t(FEATURE_KEYS[name]) : name));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')}${t('support.and')}${names[names.length - 1]}` : names[0];
  return t('support.lacks', { names: list, browsers: t('support.browsers') });
}

/** Throws an Error with code 'unsupported' (and `missing`) when the browser lacks something. */
export function assertSupported(g = globalThis) {
  const missing = missingFeatures(g);
  if (!missing.length) return;
  const e = new Error(unsupportedMessage(missing));
  e.code = 'unsupported';
  e.missing = missing;
  throw e;
}
