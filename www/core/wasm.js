// Loads the wasm package once; every playground on the page shares the instantiated module.
// The only module-level state in neuroglow is this promise.

let ready = null;

const PKG = new URL('../pkg/neuroglow_wasm.js', import.meta.url);
const WASM = new URL('../pkg/neuroglow_wasm_bg.wasm', import.meta.url);

/** Instantiates the module: fetched in a browser, read from disk under Node (unit tests). */
async function instantiate(mod) {
  if (typeof window === 'undefined' && typeof self === 'undefined' && globalThis.process?.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    mod.initSync({ module: await readFile(WASM) });
  } else {
    await mod.default({ module_or_path: WASM });
  }
  return mod;
}

/** Resolves with the wasm-bindgen module (Playground, Reader, schema, …), initialised. */
export function loadWasm() {
  if (!ready) {
    ready = import(PKG.href)
      .then(instantiate)
      .catch((e) => {
        ready = null; // let a later mount try again
        throw new Error(`neuroglow: could not load the WebAssembly module (${e.message}). Build it into www/pkg first (cargo xtask serve).`);
      });
  }
  return ready;
}
