//! The wasm-bindgen facade over `neuroglow-core`. It converts options and errors and hands JS
//! zero-copy views into wasm memory; it decides nothing of its own. Every entry point validates
//! what JS sends, so no panic is reachable from JS: bad input becomes a thrown `Error` carrying a
//! `code` (config, data, model, input, diverged, state) and, for settings, the `option` refused.

mod frame;
mod options;
mod playground;
mod reader;
mod views;

pub use playground::Playground;
pub use reader::Reader;

use neuroglow_core::Error;
use wasm_bindgen::prelude::*;

/// The first cycle after `cycle` at which the source video showed a frame.
#[wasm_bindgen(js_name = nextFrame)]
pub fn next_frame(cycle: f64) -> f64 {
    let c = if cycle.is_finite() && cycle > 0.0 { cycle as u64 } else { 0 };
    neuroglow_core::schedule::next_frame(c) as f64
}

/// Every task, preset, shipped model and network option (type, range, default, doc): the one
/// description JS builds its settings, forms and URL parsing from.
#[wasm_bindgen]
pub fn schema() -> Result<JsValue, JsValue> {
    to_json(&neuroglow_core::schema::schema())
}

/// Checks network options for a task without building anything (image tasks: for MNIST's
/// 784 pixels and 10 classes). Returns the options in force; throws a `config` error naming the
/// option it refuses.
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(options: JsValue) -> Result<JsValue, JsValue> {
    let opts = options::parse(&options)?;
    let built = opts.config(None)?;
    to_json(&options::in_force(built.task, built.preset, &built.config))
}

/// A Rust value as a plain JS value (None → undefined).
pub(crate) fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(v).map_err(|e| fail("state", &e.to_string()))
}

/// A Rust value as JSON-like JS (maps → plain objects, None → null).
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| fail("state", &e.to_string()))
}

/// A core error as a JS `Error` with `code` and `detail` (the message without its kind); for
/// settings also `option` (the one refused) and `range` (its value is outside what it takes).
pub(crate) fn js_error(e: Error) -> JsValue {
    let err = fail(e.code(), &e.to_string());
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &k.into(), &v);
    };
    set("detail", e.detail().into());
    if let Some(option) = e.option() {
        set("option", option.into());
    }
    if e.code() == "config" {
        set("range", e.out_of_range().into());
    }
    err
}

/// A JS `Error` with a `code` for what the facade itself refuses (e.g. "state": no test data).
pub(crate) fn fail(code: &str, message: &str) -> JsValue {
    let err: JsValue = js_sys::Error::new(message).into();
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    err
}
