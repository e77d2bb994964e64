//! The facade in a real browser: options in, errors out as JS exceptions, views alias memory.

use neuroglow_wasm::{next_frame, Playground};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// Bytes and numbers as the page passes them: typed arrays.
fn u8s(b: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(b).into()
}

fn f32s(x: &[f32]) -> JsValue {
    js_sys::Float32Array::from(x).into()
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
    let out = p.predict(f32s(&[1.0, 1.0, 0.0])).unwrap();
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
    assert!(p.predict(f32s(&[1.0])).is_err());
    assert!(p.probe(f32s(&[f32::NAN, 0.0, 0.0])).is_err());
    assert!(p.view("weights", 9).is_err());
    assert!(p.view("secrets", 0).is_err());
    assert!(p.train_cycles(f64::NAN).is_err());
    assert!(p.train_cycles(-5.0).is_err());
    assert!(p.restore(99.0).is_err());
    assert!(p.restore(-1.0).is_err() && p.restore(0.5).is_err() && p.restore(f64::NAN).is_err());
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
    assert!(state_field(&p, "diverged")
        .as_string()
        .unwrap()
        .contains("learning rate"));
    p.restore(0.0).unwrap();
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
    (
        neuroglow_core::idx::encode(&[n, 28, 28], &pixels),
        neuroglow_core::idx::encode(&[n], &labels),
    )
}

#[wasm_bindgen_test]
fn image_tasks_train_evaluate_save_and_load() {
    let (img, lab) = tiny_mnist(40);
    let mut p =
        Playground::with_images(options(r#"{"preset":"3b1b"}"#), u8s(&img), u8s(&lab)).unwrap();
    p.set_test_data(u8s(&img), u8s(&lab)).unwrap();
    p.train_examples(80.0).unwrap();
    let eval = p.evaluate().unwrap();
    let count = js_sys::Reflect::get(&eval, &"count".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!(count, 40.0);
    let saved = p.save("tiny");
    // Garbage is refused and the network stays.
    let before = p.view("weights", 0).unwrap().to_vec();
    assert!(p.load(u8s(b"not a model")).is_err());
    assert_eq!(p.view("weights", 0).unwrap().to_vec(), before);
    assert_eq!(p.load(u8s(&saved)).unwrap(), "tiny");
    // Indices that would wrap to image 0 on wasm32 are refused, not read.
    assert!(p.test_image(39.0).is_ok());
    for bad in [40.0, 2f64.powi(28), 2f64.powi(32), 1e20, -1.0, f64::NAN] {
        assert!(
            p.test_image(bad).is_err() && p.test_label(bad).is_err() && p.probe_test(bad).is_err(),
            "{bad}"
        );
    }
    // A truncated IDX file is a clear error, not a panic.
    assert!(Playground::with_images(JsValue::UNDEFINED, u8s(&img[..100]), u8s(&lab)).is_err());
}

#[wasm_bindgen_test]
fn a_reader_reads_drawings() {
    let (img, lab) = tiny_mnist(10);
    let p =
        Playground::with_images(options(r#"{"preset":"modern"}"#), u8s(&img), u8s(&lab)).unwrap();
    let mut r = neuroglow_wasm::Reader::from_model(u8s(&p.save(""))).unwrap();
    let (w, h) = (100usize, 100usize);
    let mut rgba = vec![0u8; w * h * 4];
    assert!(
        r.read(u8s(&rgba), w, h).unwrap().is_none(),
        "an empty pad has no reading"
    );
    for y in 20..80 {
        for x in 45..55 {
            rgba[(y * w + x) * 4..][..4].copy_from_slice(&[255, 255, 255, 255]);
        }
    }
    let out = r.read(u8s(&rgba), w, h).unwrap().unwrap();
    assert_eq!(out.len(), 10);
    assert!(
        (out.iter().sum::<f32>() - 1.0).abs() < 1e-4,
        "softmax output"
    );
    let seen = js_sys::Float32Array::from(get(&get(&r.frame().unwrap(), "buffers"), "a0"));
    assert_eq!(
        seen.length(),
        784,
        "the 28×28 the network sees is the frame's a0"
    );
    assert!(r.read(u8s(&rgba[..10]), w, h).is_err());
    assert!(neuroglow_wasm::Reader::from_model(u8s(b"nope")).is_err());
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn errors_carry_a_code_and_the_option_refused() {
    let e = Playground::new(options(r#"{"learningRate":0}"#))
        .err()
        .unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "config");
    assert_eq!(get(&e, "option").as_string().unwrap(), "learningRate");
    let e = Playground::new(options(r#"{"task":"xor3","preset":"modern"}"#))
        .err()
        .unwrap();
    assert_eq!(
        get(&e, "option").as_string().unwrap(),
        "preset",
        "an option of another task is named"
    );
    let mut p = Playground::new(JsValue::UNDEFINED).unwrap();
    let e = p.probe(f32s(&[1.0])).err().unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "input");
    assert_eq!(
        get(&p.evaluate().err().unwrap(), "code")
            .as_string()
            .unwrap(),
        "state"
    );
}

#[wasm_bindgen_test]
fn the_schema_describes_every_task_and_option_once() {
    let s = neuroglow_wasm::schema().unwrap();
    let tasks = js_sys::Array::from(&get(&s, "tasks"));
    let names: Vec<String> = tasks
        .iter()
        .map(|t| get(&t, "name").as_string().unwrap())
        .collect();
    assert_eq!(names, ["xor3", "xor2", "mnist", "draw"]);
    let mnist = tasks
        .iter()
        .find(|t| get(t, "name").as_string().unwrap() == "mnist")
        .unwrap();
    let lr = get(&get(&mnist, "defaults"), "learningRate")
        .as_f64()
        .unwrap();
    assert_eq!(lr, 3.0, "MNIST defaults to the 3b1b preset");
    let opts = js_sys::Array::from(&get(&s, "options"));
    let lr = opts
        .iter()
        .find(|o| get(o, "name").as_string().unwrap() == "learningRate")
        .unwrap();
    assert_eq!(get(&lr, "type").as_string().unwrap(), "number");
    assert_eq!(get(&lr, "param").as_string().unwrap(), "lr");
    // checkOptions validates without building and returns what is in force.
    let c = neuroglow_wasm::check_options(options(
        r#"{"task":"mnist","preset":"modern","learningRate":0.02}"#,
    ))
    .unwrap();
    assert_eq!(get(&c, "batchSize").as_f64().unwrap(), 32.0);
    assert_eq!(get(&c, "learningRate").as_f64().unwrap(), 0.02);
    assert!(
        neuroglow_wasm::check_options(options(r#"{"task":"mnist","hidden":[1000000]}"#)).is_err()
    );
}

#[wasm_bindgen_test]
fn one_frame_says_what_is_known_and_shows_every_number() {
    let mut p = Playground::new(options(r#"{"task":"xor3","seed":3}"#)).unwrap();
    let known = |f: &JsValue, k: &str| get(&get(f, "known"), k);
    let f = p.frame().unwrap();
    assert_eq!(known(&f, "lit").as_f64().unwrap(), 0.0);
    assert!(get(&f, "guess").is_null());
    p.step_phase().unwrap(); // present
    p.step_phase().unwrap(); // forward 0
    let f = p.frame().unwrap();
    assert_eq!(known(&f, "lit").as_f64().unwrap(), 2.0);
    assert!(get(&f, "beforeExact").as_bool().unwrap());
    let buffers = get(&f, "buffers");
    assert_eq!(
        js_sys::Float32Array::from(get(&buffers, "weights0")).length(),
        12
    );
    assert_eq!(
        js_sys::Float32Array::from(get(&buffers, "before0")).length(),
        12
    );
    p.step_phase().unwrap(); // forward 1
    p.step_phase().unwrap(); // error
    let f = p.frame().unwrap();
    assert_eq!(known(&f, "deltaFrom").as_f64().unwrap(), 2.0);
    assert!(known(&f, "error").as_bool().unwrap());
    p.train_cycles(10.0).unwrap();
    let f = p.frame().unwrap();
    assert!(known(&f, "output").as_bool().unwrap() && !known(&f, "error").as_bool().unwrap());
    assert!(
        get(&get(&f, "buffers"), "before0").is_undefined(),
        "fast training keeps no weights from before"
    );
    // A big layer sends only its strongest synapses' indices.
    let (img, lab) = tiny_mnist(20);
    let mut m =
        Playground::with_images(options(r#"{"preset":"modern"}"#), u8s(&img), u8s(&lab)).unwrap();
    m.probe_current().unwrap();
    let f = m.frame().unwrap();
    let strong = js_sys::Uint32Array::from(get(&get(&f, "buffers"), "strong0"));
    assert_eq!(strong.length(), 2000);
    assert!(
        get(&get(&f, "buffers"), "strong2").is_undefined(),
        "64×10 is drawn whole"
    );
    let (g, r) = (
        get(&f, "guess").as_f64().unwrap(),
        get(&f, "runnerUp").as_f64().unwrap(),
    );
    assert!(g != r && g < 10.0 && r < 10.0);
    let mut reader = neuroglow_wasm::Reader::from_model(u8s(&m.save(""))).unwrap();
    assert_eq!(
        get(&get(&reader.frame().unwrap(), "known"), "lit")
            .as_f64()
            .unwrap(),
        0.0
    );
    assert!(
        get(&reader.frame().unwrap(), "state").is_null(),
        "no reading yet"
    );
    reader.read_pixels(f32s(&[0.5; 784])).unwrap();
    let f = reader.frame().unwrap();
    assert!(known(&f, "output").as_bool().unwrap());
    let state = get(&f, "state");
    assert!(get(&state, "verdict").is_string());
    assert!(
        get(&state, "steps").is_null(),
        "pixels given straight have no preprocessing steps"
    );
}

#[wasm_bindgen_test]
fn a_reader_reads_the_pens_strokes() {
    let (img, lab) = tiny_mnist(10);
    let p =
        Playground::with_images(options(r#"{"preset":"modern"}"#), u8s(&img), u8s(&lab)).unwrap();
    let mut r = neuroglow_wasm::Reader::from_model(u8s(&p.save(""))).unwrap();
    let ends = |e: &[u32]| -> JsValue { js_sys::Uint32Array::from(e).into() };
    // A "1" and a dot, as shares of the pad's side.
    let xy = [0.5, 0.15, 0.5, 0.5, 0.5, 0.85, 0.8, 0.8];
    let out = r.read_strokes(f32s(&xy), ends(&[3, 4])).unwrap().unwrap();
    assert_eq!(out.len(), 10);
    let state = get(&r.frame().unwrap(), "state");
    let verdict = get(&state, "verdict").as_string().unwrap();
    assert!(["sure", "unsure", "no-digit"].contains(&verdict.as_str()));
    let confidence = js_sys::Float32Array::from(get(&state, "confidence")).to_vec();
    assert!((confidence.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    let steps = get(&state, "steps");
    let bounds: Vec<f64> = js_sys::Array::from(&get(&steps, "bounds"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    // The pen (0.075 of 280 px: radius 10.5) around x = 140, y from 42 to 238.
    assert_eq!(bounds, [129.0, 31.0, 235.0, 249.0]);
    assert!((get(&steps, "scale").as_f64().unwrap() - 20.0 / 218.0).abs() < 1e-6);
    let a0 = js_sys::Float32Array::from(get(&get(&r.frame().unwrap(), "buffers"), "a0")).to_vec();
    // Bad strokes are refused with code "input", and the last reading stays.
    for (xy, e) in [
        (f32s(&[0.5, 0.5, 0.6]), ends(&[1])),
        (f32s(&[0.5, 0.5]), ends(&[2])),
        (f32s(&[f32::NAN, 0.5]), ends(&[1])),
        (
            js_sys::Array::of2(&0.5.into(), &0.5.into()).into(),
            ends(&[1]),
        ),
    ] {
        let err = r.read_strokes(xy, e).err().unwrap();
        assert_eq!(get(&err, "code").as_string().unwrap(), "input");
    }
    let kept = js_sys::Float32Array::from(get(&get(&r.frame().unwrap(), "buffers"), "a0")).to_vec();
    assert_eq!(kept, a0, "a refused drawing leaves the reading as it was");
    // Too many points: refused before anything is copied into wasm memory.
    let before = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let n = 2 * neuroglow_core::raster::MAX_POINTS + 2;
    let big = js_sys::Float32Array::new_with_length(n as u32 * 200);
    let err = r
        .read_strokes(big.into(), ends(&[n as u32 * 100]))
        .err()
        .unwrap();
    assert_eq!(get(&err, "code").as_string().unwrap(), "input");
    let after = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    assert_eq!(before, after, "wasm memory did not grow");
    // No strokes: an empty pad.
    assert!(r.read_strokes(f32s(&[]), ends(&[])).unwrap().is_none());
    assert!(get(&r.frame().unwrap(), "state").is_null());
}

#[wasm_bindgen_test]
fn a_model_whose_outputs_overflow_is_refused_not_read() {
    use neuroglow_core::{model_file, Activation, Loss, NetConfig, Network};
    use rand::SeedableRng;
    let cfg = NetConfig {
        sizes: vec![784, 4, 10],
        activation: Activation::Linear,
        bias: true,
        ..NetConfig::default()
    };
    let mut net = Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(1));
    net.layers[0].weights.fill(3e38);
    // Column-major 10×4: alternate the sign by hidden neuron, so every output sums inf − inf.
    net.layers[1]
        .weights
        .iter_mut()
        .enumerate()
        .for_each(|(i, w)| *w = if (i / 10) % 2 == 0 { 3e38 } else { -3e38 });
    let mut r =
        neuroglow_wasm::Reader::from_model(u8s(&model_file::save(&net, Loss::SquaredError, "")))
            .unwrap();
    let e = r.read_pixels(f32s(&[0.5; 784])).err().unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "model");
    let f = r.frame().unwrap();
    assert_eq!(
        get(&get(&f, "known"), "lit").as_f64().unwrap(),
        0.0,
        "the network goes dark"
    );
    assert!(get(&f, "guess").is_null());
}

#[wasm_bindgen_test]
fn arrays_too_big_or_of_the_wrong_kind_are_refused_before_they_are_copied() {
    let (img, lab) = tiny_mnist(20);
    let mut p =
        Playground::with_images(options(r#"{"preset":"modern"}"#), u8s(&img), u8s(&lab)).unwrap();
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    let before = memory();
    // 160 MB (over the 128 MB a data file may hold), and a 6 MB array given as an input of 784.
    let huge = js_sys::Uint8Array::new_with_length(160 << 20);
    let e = p
        .set_test_data(huge.clone().into(), u8s(&lab))
        .err()
        .unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "data");
    assert!(p.load(huge.into()).is_err());
    let e = p
        .predict(js_sys::Float32Array::new_with_length(6 << 20).into())
        .err()
        .unwrap();
    assert_eq!(get(&e, "code").as_string().unwrap(), "input");
    assert_eq!(memory(), before, "wasm memory did not grow");
    // Plain arrays of numbers are read; strings and plain objects are not bytes.
    assert_eq!(
        p.predict(js_sys::Array::of1(&0.5.into()).into())
            .err()
            .map(|e| get(&e, "code").as_string().unwrap()),
        Some("input".into())
    );
    assert_eq!(
        get(
            &p.set_test_data("abc".into(), u8s(&lab)).err().unwrap(),
            "code"
        )
        .as_string()
        .unwrap(),
        "input"
    );
}

#[wasm_bindgen_test]
fn an_evaluation_in_slices_equals_one_in_a_go() {
    let (img, lab) = tiny_mnist(700);
    let mut p =
        Playground::with_images(options(r#"{"preset":"modern"}"#), u8s(&img), u8s(&lab)).unwrap();
    p.set_test_data(u8s(&img), u8s(&lab)).unwrap();
    p.train_examples(300.0).unwrap();
    let whole = js_sys::JSON::stringify(&p.evaluate().unwrap()).unwrap();
    p.evaluate_start().unwrap();
    let mut slices = 1;
    while !p.evaluate_more(100.0).unwrap() {
        slices += 1;
    }
    assert!(slices >= 3, "{slices} slices");
    let sliced = js_sys::JSON::stringify(&p.evaluation().unwrap()).unwrap();
    assert_eq!(sliced, whole);
    assert_eq!(
        get(&p.evaluate_more(1.0).err().unwrap(), "code")
            .as_string()
            .unwrap(),
        "state",
        "nothing left to evaluate"
    );
}
