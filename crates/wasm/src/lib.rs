//! The wasm-bindgen facade over `neuroglow-core`. It converts options and errors and hands JS
//! zero-copy views into wasm memory; it decides nothing of its own. Every entry point validates
//! what JS sends, so no panic is reachable from JS: bad input becomes a thrown `Error` carrying a
//! `code` (config, data, model, input, diverged, state) and, for settings, the `option` refused.
//! A panic that slips through all the same is caught by the hook below: its message is kept for
//! `lastPanic()` and logged once, and the module stops (panic = "abort" traps): JS then treats the
//! instance as dead and offers to reload the section (www/core/crash.js).

mod frame;
mod input;
mod options;
mod playground;
mod reader;
mod views;

pub use playground::Playground;
pub use reader::Reader;

use neuroglow_core::Error;
use std::sync::{Once, OnceLock};
use wasm_bindgen::prelude::*;

/// The first panic's message and where it happened (the module is dead after it).
static PANIC: OnceLock<(String, String)> = OnceLock::new();

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    static HOOK: Once = Once::new();
    HOOK.call_once(install_panic_hook);
}

/// Chains a hook in front of the current one that keeps the first panic for `lastPanic()` and
/// logs it once with console.error. `start` installs it; public for the facade's tests (whose
/// harness installs its own hook after `start`).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload_as_str()
            .unwrap_or("a panic without a message")
            .to_string();
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        if PANIC.set((message, location)).is_ok() {
            console_error(&format!(
                "neuroglow: the WebAssembly module stopped: {info}"
            ));
        }
        previous(info);
    }));
}

/// The panic that stopped this module, as `{ message, location }`, or null. Allocates nothing
/// in wasm memory, so it is safe to ask a module that has just trapped.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> JsValue {
    let Some((message, location)) = PANIC.get() else {
        return JsValue::NULL;
    };
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"message".into(), &JsValue::from_str(message));
    let _ = js_sys::Reflect::set(&out, &"location".into(), &JsValue::from_str(location));
    out.into()
}

/// The first cycle after `cycle` at which the source video showed a frame.
#[wasm_bindgen(js_name = nextFrame)]
pub fn next_frame(cycle: f64) -> f64 {
    let c = if cycle.is_finite() && cycle > 0.0 {
        cycle as u64
    } else {
        0
    };
    neuroglow_core::schedule::next_frame(c) as f64
}

/// The drawing pad's pen, before any model is loaded: `{ width }` (share of the pad's side),
/// `side` (pixels strokes are read at) and `maxPoints` (most points in one drawing); a
/// `Reader`'s `info()` says the same.
#[wasm_bindgen]
pub fn pen() -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Pen {
        width: f32,
        side: usize,
        max_points: usize,
    }
    to_json(&Pen {
        width: neuroglow_core::raster::PEN,
        side: neuroglow_core::raster::SIDE,
        max_points: neuroglow_core::raster::MAX_POINTS,
    })
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
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| fail("state", &e.to_string()))
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
