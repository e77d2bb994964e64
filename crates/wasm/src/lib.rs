//! The wasm-bindgen facade over `neuroglow-core`. It converts options and errors and hands JS
//! zero-copy views into wasm memory; it does no maths of its own. Every entry point validates
//! what JS sends, so no panic is reachable from JS: bad input becomes a thrown `Error`.

mod options;
mod playground;
mod reader;
mod views;

pub use playground::Playground;
pub use reader::Reader;

use wasm_bindgen::prelude::*;

/// The first cycle after `cycle` at which the source video showed a frame.
#[wasm_bindgen(js_name = nextFrame)]
pub fn next_frame(cycle: f64) -> f64 {
    let c = if cycle.is_finite() && cycle > 0.0 { cycle as u64 } else { 0 };
    neuroglow_core::schedule::next_frame(c) as f64
}

/// The wasm module's memory, for building typed-array views.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

pub(crate) fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
