// Loads the wasm package; every playground on the page shares the instantiated module. Each call
// into it is guarded (crash.js): after a trap that instance is dead, its sections say so and offer
// to reload (ui/crash-notice.js), and the next loadWasm() instantiates a fresh module (a module
// record of its own: the wasm-bindgen glue keeps one instance per record). A dead instance's memory
// stays until the page goes (a module record cannot be unloaded). The only module-level state in
// neuroglow is here: the current instance and its loading.

import { WasmInstance } from './crash.js';
import { assertSupported, missingFeatures } from './support.js';
import { pageLang, ready, useLang } from './i18n.js';

const PKG = new URL('../pkg/neuroglow_wasm.js', import.meta.url);
const WASM = new URL('../pkg/neuroglow_wasm_bg.wasm', import.meta.url);

let current = null; // the WasmInstance in use
let loading = null; // the promise of the next one
let count = 0;
const crashListeners = new Set();

/** Instantiates the module: fetched in a browser, read from disk under Node (unit tests). Returns its exports. */
async function instantiate(mod) {
  if (typeof window === 'undefined' && typeof self === 'undefined' && globalThis.process?.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return mod.initSync({ module: await readFile(WASM) });
  }
  return mod.default({ module_or_path: WASM });
}

/** A fresh instance: the first from the glue's own URL, later ones from a URL of their own. */
async function fresh() {
  const n = ++count;
  const href = n === 1 ? PKG.href : `${PKG.href}?instance=${n}`;
  const mod = await import(href);
  const exports = await instantiate(mod);
  const inst = new WasmInstance(mod, { id: n });
  inst.memory = exports.memory;
  inst.onCrash((crash) => {
    for (const fn of [...crashListeners]) fn(crash, inst);
  });
  return inst;
}

/**
 * The module as every caller sees it: the exports of the instance in use (a fresh one after a
 * crash and the next loadWasm()). Objects made (Playground, Reader) stay with the instance that
 * made them.
 */
const LIVE = new Proxy({}, {
  get: (_, key) => (current ? current.exports[key] : undefined),
  has: (_, key) => !!current && key in current.exports,
});

/** Resolves with the wasm-bindgen module (Playground, Reader, schema, …), initialised and alive. */
export function loadWasm() {
  if (current && !current.dead) return Promise.resolve(LIVE);
  if (!loading) {
    // A browser without what the build needs (WebAssembly SIMD, …) gets a message naming it, in
    // the page's language (the first mount has not chosen one yet: this runs at the settings' import).
    if (missingFeatures().length) {
      const words = ready() ? Promise.resolve() : useLang(pageLang()).catch(() => {});
      return words.then(() => assertSupported());
    }
    loading = fresh().then(
      (inst) => {
        current = inst;
        loading = null;
        return LIVE;
      },
      (e) => {
        loading = null; // let a later mount try again
        throw new Error(`neuroglow: could not load the WebAssembly module (${e.message}). Build it into www/pkg first (cargo xtask serve).`);
      },
    );
  }
  return loading;
}

/** The instance in use (null before the first loadWasm()): sections watch it for a crash. */
export function wasmInstance() {
  return current;
}

/** Calls `fn(crash, instance)` whenever an instance of this page (or worker) dies; returns an unsubscribe. */
export function onWasmCrash(fn) {
  crashListeners.add(fn);
  return () => crashListeners.delete(fn);
}

/** Bytes of wasm memory the instance in use has (it only grows): for soak tests and the worker's report. */
export function wasmMemoryBytes() {
  return current?.memory?.buffer.byteLength ?? 0;
}
