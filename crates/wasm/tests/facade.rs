//! The facade in a real browser: options in, errors out as JS exceptions, views alias memory.

use neuroglow_wasm::{next_frame, Playground};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn state_field(p: &Playground, key: &str) -> JsValue {
    js_sys::Reflect::get(&p.state().unwrap(), &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn default_is_the_source_xor_network() {
    let p = Playground::new(JsValue::UNDEFINED).unwrap();
    let info = p.info().unwrap();
    let sizes = js_sys::Reflect::get(&info, &"sizes".into()).unwrap();
    assert_eq!(js_sys::JSON::stringify(&sizes).unwrap(), "[3,4,1]");
    assert_eq!(state_field(&p, "phase").as_string().unwrap(), "idle");
}

#[wasm_bindgen_test]
fn stepping_moves_the_counters_and_the_views_alias_wasm_memory() {
    let mut p = Playground::new(options(r#"{"task":"xor3","seed":3}"#)).unwrap();
    let w0 = p.view("weights", 0).unwrap().to_vec();
    assert_eq!(w0.len(), 12);
    for _ in 0..7 {
        p.step_phase().unwrap();
    }
    assert_eq!(state_field(&p, "phase").as_string().unwrap(), "update");
    assert_ne!(p.view("weights", 0).unwrap().to_vec(), w0);
    let change = p.view("changeWeights", 0).unwrap().to_vec();
    assert!(change.iter().any(|&c| c != 0.0));
    p.train_cycles(60_000.0).unwrap();
    assert_eq!(state_field(&p, "cycle").as_f64().unwrap(), 60_000.0);
    let out = p.predict(&[1.0, 1.0, 0.0]).unwrap();
    assert!(out[0] < 0.05, "[1,1,0] → {}", out[0]);
    assert_eq!(p.view("history", 0).unwrap().length(), 60_000);
}

#[wasm_bindgen_test]
fn bad_input_throws_instead_of_panicking() {
    assert!(Playground::new(options(r#"{"task":"chess"}"#)).is_err());
    assert!(Playground::new(options(r#"{"hidden":[1000000]}"#)).is_err());
    assert!(Playground::new(options(r#"{"learningRate":-1}"#)).is_err());
    assert!(Playground::new(options(r#"{"hidden":"four"}"#)).is_err());
    assert!(Playground::new(options(r#"{"colour":"blue"}"#)).is_err());
    let mut p = Playground::new(JsValue::NULL).unwrap();
    assert!(p.predict(&[1.0]).is_err());
    assert!(p.probe(&[f32::NAN, 0.0, 0.0]).is_err());
    assert!(p.view("weights", 9).is_err());
    assert!(p.view("secrets", 0).is_err());
    assert!(p.train_cycles(f64::NAN).is_err());
    assert!(p.train_cycles(-5.0).is_err());
    assert!(p.restore(99).is_err());
    assert!(p.set_learning_rate(f32::INFINITY).is_err());
    // Still alive and well after all that.
    p.step_example().unwrap();
}

#[wasm_bindgen_test]
fn divergence_is_reported_and_pauses() {
    let mut p = Playground::new(options(
        r#"{"activation":"linear","outputActivation":"linear","learningRate":100,"hidden":[8]}"#,
    ))
    .unwrap();
    assert!(p.train_cycles(1000.0).is_err());
    assert!(state_field(&p, "diverged").as_string().unwrap().contains("learning rate"));
    p.restore(0).unwrap();
    assert!(state_field(&p, "diverged").is_null());
}

#[wasm_bindgen_test]
fn two_playgrounds_do_not_interfere() {
    let mut a = Playground::new(options(r#"{"seed":1}"#)).unwrap();
    let b = Playground::new(options(r#"{"seed":1}"#)).unwrap();
    let before = b.view("weights", 0).unwrap().to_vec();
    a.train_cycles(100.0).unwrap();
    assert_eq!(b.view("weights", 0).unwrap().to_vec(), before);
    assert_eq!(state_field(&b, "cycle").as_f64().unwrap(), 0.0);
}

#[wasm_bindgen_test]
fn frames_follow_the_source_schedule() {
    assert_eq!(next_frame(0.0), 2.0);
    assert_eq!(next_frame(f64::NAN), 2.0);
    assert_eq!(next_frame(12_500.0), 60_000.0);
}
