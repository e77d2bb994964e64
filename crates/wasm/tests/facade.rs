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
fn every_option_is_accepted_by_name() {
    // All of neuroglow_wasm's option names at once (a name missing from its list is refused).
    let p = Playground::new(options(
        r#"{"task":"xor2","preset":null,"hidden":[3],"activation":"tanh","outputActivation":"sigmoid",
            "loss":"cross_entropy","bias":true,"init":"xavier","optimizer":"adam","learningRate":0.1,
            "momentum":0.8,"batchSize":2,"lrDecay":0.99,"seed":7}"#,
    ));
    assert!(p.is_ok());
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
    // None reaches JS as undefined.
    assert!(state_field(&p, "diverged").is_undefined());
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

/// A tiny image set: `n` 28×28 images with a bright square, labels cycling 0..9.
fn tiny_mnist(n: usize) -> (Vec<u8>, Vec<u8>) {
    let mut pixels = vec![0u8; n * 784];
    for i in 0..n {
        for y in 8..20 {
            for x in 6 + i % 5..14 + i % 5 {
                pixels[i * 784 + y * 28 + x] = 255;
            }
        }
    }
    let labels: Vec<u8> = (0..n).map(|i| (i % 10) as u8).collect();
    (neuroglow_core::idx::encode(&[n, 28, 28], &pixels), neuroglow_core::idx::encode(&[n], &labels))
}

#[wasm_bindgen_test]
fn image_tasks_train_evaluate_save_and_load() {
    let (img, lab) = tiny_mnist(40);
    let mut p = Playground::with_images(options(r#"{"preset":"3b1b"}"#), &img, &lab).unwrap();
    p.set_test_data(&img, &lab).unwrap();
    p.train_examples(80.0).unwrap();
    let eval = p.evaluate().unwrap();
    let count = js_sys::Reflect::get(&eval, &"count".into()).unwrap().as_f64().unwrap();
    assert_eq!(count, 40.0);
    let saved = p.save("tiny");
    // Garbage is refused and the network stays.
    let before = p.view("weights", 0).unwrap().to_vec();
    assert!(p.load(b"not a model").is_err());
    assert_eq!(p.view("weights", 0).unwrap().to_vec(), before);
    assert_eq!(p.load(&saved).unwrap(), "tiny");
    // A truncated IDX file is a clear error, not a panic.
    assert!(Playground::with_images(JsValue::UNDEFINED, &img[..100], &lab).is_err());
}

#[wasm_bindgen_test]
fn a_reader_reads_drawings() {
    let (img, lab) = tiny_mnist(10);
    let p = Playground::with_images(options(r#"{"preset":"modern"}"#), &img, &lab).unwrap();
    let mut r = neuroglow_wasm::Reader::from_model(&p.save("")).unwrap();
    let (w, h) = (100usize, 100usize);
    let mut rgba = vec![0u8; w * h * 4];
    assert!(r.read(&rgba, w, h).unwrap().is_none(), "an empty pad has no reading");
    for y in 20..80 {
        for x in 45..55 {
            rgba[(y * w + x) * 4..][..4].copy_from_slice(&[255, 255, 255, 255]);
        }
    }
    let out = r.read(&rgba, w, h).unwrap().unwrap();
    assert_eq!(out.len(), 10);
    assert!((out.iter().sum::<f32>() - 1.0).abs() < 1e-4, "softmax output");
    assert_eq!(r.input().length(), 784);
    assert!(r.read(&rgba[..10], w, h).is_err());
    assert!(neuroglow_wasm::Reader::from_model(b"nope").is_err());
}
