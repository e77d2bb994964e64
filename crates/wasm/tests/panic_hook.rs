//! A real panic reaches JS: the hook keeps its message and location for `lastPanic()`, and the
//! call that panicked traps (panic = "abort") as a `WebAssembly.RuntimeError`, which is what
//! www/core/crash.js takes for a dead module. In a file of its own: after a panic the module's
//! state is spent (std counts the panic as never finished), so no other test shares this instance.

use neuroglow_wasm::{install_panic_hook, last_panic};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn field(v: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(v, &key.into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_panic_traps_and_lastpanic_tells_what_and_where() {
    assert!(last_panic().is_null(), "no panic yet");
    // The test harness installs its own hook after the module's start function; ours goes first.
    install_panic_hook();
    // JS calls a closure that panics, as it would call an export; the trap unwinds to JS.
    let calls =
        js_sys::Function::new_with_args("f", "try { f(); return null; } catch (e) { return e; }");
    let panics = Closure::<dyn Fn()>::new(|| {
        let options: Vec<u32> = Vec::new();
        panic!("neuroglow test panic: {} options", options.len());
    });
    let thrown = calls.call1(&JsValue::NULL, panics.as_ref()).unwrap();
    let is_trap =
        js_sys::Function::new_with_args("e", "return e instanceof WebAssembly.RuntimeError;");
    assert_eq!(
        is_trap.call1(&JsValue::NULL, &thrown).unwrap(),
        JsValue::TRUE,
        "a trap, got {thrown:?}"
    );
    let panic = last_panic();
    assert_eq!(field(&panic, "message"), "neuroglow test panic: 0 options");
    let location = field(&panic, "location");
    assert!(
        location.starts_with("crates/wasm/tests/panic_hook.rs:"),
        "{location}"
    );
}
