// What a browser needs to run neuroglow, checked before the WebAssembly module loads, so that an
// old browser gets a message naming what it lacks and the browsers that work, never a blank or
// forever-loading section. The wasm build uses these WebAssembly features (its target_features
// section: simd128, reference-types, bulk-memory, and older ones every browser with these has);
// the JS uses structuredClone, Array.prototype.at and findLastIndex (newer than all the syntax it
// uses). www/support-check.js runs the same checks as a classic script, for browsers too old to
// run the modules at all; both say it with the support.* messages of the catalogue (English when
// none is loaded yet: a browser that fails here may fail before any language was chosen), and
// tests/unit/support.test.mjs keeps the two in step.

import { has, ready, t } from './i18n.js';

/** The oldest browsers that have everything (see README, Browsers), in English (the words shown are support.browsers'). */
export const SUPPORTED = 'Chrome or Edge 98 or later, Firefox 114 or later, or Safari 16.4 or later (iPhone and iPad: iOS/iPadOS 16.4)';

/** The English support.* messages, for when no catalogue is loaded (the same as en.json's and support-check.js's). */
export const ENGLISH = {
  'support.lacks': 'neuroglow cannot run in this browser: it lacks {names}. It runs in {browsers}; please update this browser or open the page in one of those.',
  'support.and': ' and ',
  'support.browsers': SUPPORTED,
  'support.featureModules': 'JavaScript modules',
  'support.featureWasm': 'WebAssembly',
  'support.featureSimd': 'WebAssembly SIMD',
  'support.featureReferenceTypes': 'WebAssembly reference types',
  'support.featureBulkMemory': 'WebAssembly bulk memory',
  'support.featureStructuredClone': 'structuredClone',
  'support.featureArrayAt': 'Array.prototype.at and findLastIndex',
};

/** A feature's message key, by the name `missing` lists it under (the names stay English: they are the API's values). */
export const FEATURE_KEYS = Object.fromEntries(Object.entries(ENGLISH).filter(([k]) => k.startsWith('support.feature')).map(([k, name]) => [name, k]));

/** A support.* message in the page's language, or in English before any catalogue is loaded. */
function say(key, params = {}) {
  if (ready() && has(key)) return t(key, params);
  return ENGLISH[key].replace(/\{(\w+)\}/g, (whole, name) => params[name] ?? whole);
}

// Smallest modules using one feature each (after wasm-feature-detect).
const WASM_PROBES = {
  // i32.const 0; i8x16.splat; i8x16.popcnt; end — returns a v128.
  simd: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
  // ref.null func; drop.
  referenceTypes: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
  // memory.copy 0 0 0 on a memory of one page.
  bulkMemory: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
};

/** [name shown to people, test(globalThis) → boolean], in the order they are named. */
export const REQUIREMENTS = [
  ['WebAssembly', (g) => typeof g.WebAssembly === 'object' && typeof g.WebAssembly.validate === 'function'],
  ['WebAssembly SIMD', (g) => wasmValidates(g, WASM_PROBES.simd)],
  ['WebAssembly reference types', (g) => wasmValidates(g, WASM_PROBES.referenceTypes)],
  ['WebAssembly bulk memory', (g) => wasmValidates(g, WASM_PROBES.bulkMemory)],
  ['structuredClone', (g) => typeof g.structuredClone === 'function'],
  ['Array.prototype.at and findLastIndex', (g) => typeof g.Array?.prototype.at === 'function' && typeof g.Array.prototype.findLastIndex === 'function'],
];

function wasmValidates(g, bytes) {
  try {
    return typeof g.WebAssembly === 'object' && g.WebAssembly.validate(new Uint8Array(bytes)) === true;
  } catch {
    return false;
  }
}

/** The names of what `g` (default: this global) lacks; empty when it has everything. */
export function missingFeatures(g = globalThis) {
  return REQUIREMENTS.filter(([, has]) => {
    try {
      return !has(g);
    } catch {
      return true;
    }
  }).map(([name]) => name);
}

/** The sentence a person reads when `missing` is not empty (names of REQUIREMENTS, or words already in the page's language). */
export function unsupportedMessage(missing) {
  const names = missing.map((name) => (FEATURE_KEYS[name] ? say(FEATURE_KEYS[name]) : name));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')}${say('support.and')}${names[names.length - 1]}` : names[0];
  return say('support.lacks', { names: list, browsers: say('support.browsers') });
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
