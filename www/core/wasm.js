// Loads the wasm package once; every playground on the page shares the instantiated module.
// The only module-level state in neuroglow is this promise.

let ready = null;

/** Resolves with the wasm-bindgen module (Playground, nextFrame, …), initialised. */
export function loadWasm() {
  if (!ready) {
    const url = new URL('../pkg/neuroglow_wasm.js', import.meta.url);
    ready = import(url.href)
      .then(async (mod) => {
        await mod.default({ module_or_path: new URL('../pkg/neuroglow_wasm_bg.wasm', import.meta.url) });
        return mod;
      })
      .catch((e) => {
        ready = null; // let a later mount try again
        throw new Error(`neuroglow: could not load the WebAssembly module (${e.message}). Build it into www/pkg first (cargo xtask serve).`);
      });
  }
  return ready;
}
