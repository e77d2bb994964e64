//! One frame: everything the page draws, in one object per call (the Rust-and-WebAssembly book's
//! Game of Life: Rust owns the state, JS reads one snapshot per frame). Numbers are zero-copy
//! views into wasm memory, valid until the next call into wasm.

use crate::views::Source;
use crate::{fail, to_js, to_json};
use js_sys::{Float32Array, Object, Reflect, Uint32Array};
use nalgebra::DMatrix;
use neuroglow_core::known::Known;
use neuroglow_core::ranking::{strongest, top_two, STRONGEST};
use wasm_bindgen::JsValue;

/// Buffers a frame reuses from call to call: the strongest-synapse indices and the key names
/// (built before any view exists, so no allocation can move memory under a view).
#[derive(Default)]
pub struct FrameCache {
    strong: [Vec<Vec<u32>>; 3],
    has: [Vec<bool>; 3],
    keys: Vec<(String, String, String)>,
    weight_keys: Vec<[String; 10]>,
    /// The weights never change (a Reader): rank them once.
    pub fixed_weights: bool,
    ranked: bool,
}

const WEIGHT_KINDS: [&str; 10] = [
    "weights",
    "biases",
    "gradWeights",
    "gradBiases",
    "changeWeights",
    "changeBiases",
    "before",
    "strong",
    "strongGrad",
    "strongChange",
];

/// What a frame shows besides the network: state (null for a reader) and the weights before.
pub struct Extra<'a> {
    pub state: JsValue,
    pub known: Known,
    pub before: Option<&'a [DMatrix<f32>]>,
    pub before_exact: bool,
}

impl FrameCache {
    fn prepare(&mut self, src: &Source) {
        let (neurons, layers) = (src.net.layers.len() + 1, src.net.layers.len());
        if self.keys.len() != neurons {
            self.keys = (0..neurons)
                .map(|l| (format!("a{l}"), format!("z{l}"), format!("delta{l}")))
                .collect();
            self.weight_keys = (0..layers)
                .map(|k| WEIGHT_KINDS.map(|w| format!("{w}{k}")))
                .collect();
        }
        for s in 0..3 {
            self.strong[s].resize_with(layers, Vec::new);
            self.has[s].resize(layers, false);
        }
        let rank_weights = !(self.fixed_weights && self.ranked);
        self.ranked = true;
        for k in 0..layers {
            let values: [Option<&[f32]>; 3] = [
                rank_weights.then(|| src.net.layers[k].weights.as_slice()),
                src.optimizer.map(|_| src.trace.grad_w[k].as_slice()),
                src.optimizer.map(|o| o.change_w[k].as_slice()),
            ];
            for (s, v) in values.into_iter().enumerate() {
                if s == 0 && !rank_weights {
                    continue;
                }
                self.has[s][k] = v.is_some_and(|v| strongest(v, STRONGEST, &mut self.strong[s][k]));
            }
        }
    }
}

fn set(obj: &Object, key: &str, v: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(key), v)
        .map(|_| ())
        .map_err(|_| fail("state", "could not build a frame"))
}

fn view(s: &[f32]) -> JsValue {
    // SAFETY: the view aliases wasm memory and is read by JS before its next call into wasm
    // (documented on `frame`); nothing in this function allocates after the first view is made.
    unsafe { Float32Array::view(s) }.into()
}

fn index_view(s: &[u32]) -> JsValue {
    // SAFETY: as for `view`.
    unsafe { Uint32Array::view(s) }.into()
}

/// Builds the frame object (its shape: README, "Architecture"; types: neuroglow.d.ts `Frame`).
pub fn build(src: &Source, cache: &mut FrameCache, extra: Extra) -> Result<JsValue, JsValue> {
    cache.prepare(src);
    let net = src.net;
    // Everything that allocates comes first.
    let frame = Object::new();
    set(&frame, "state", &extra.state)?;
    set(&frame, "sizes", &to_js(&net.sizes())?)?;
    let activations: Vec<&str> = net.layers.iter().map(|l| l.activation.name()).collect();
    set(&frame, "activations", &to_js(&activations)?)?;
    set(&frame, "bias", &net.bias.into())?;
    set(&frame, "known", &to_json(&extra.known)?)?;
    let top = if extra.known.output {
        top_two(src.trace.output())
    } else {
        None
    };
    set(
        &frame,
        "guess",
        &top.map_or(JsValue::NULL, |t| (t.0 as u32).into()),
    )?;
    set(
        &frame,
        "runnerUp",
        &top.map_or(JsValue::NULL, |t| (t.1 as u32).into()),
    )?;
    set(
        &frame,
        "beforeExact",
        &(extra.before.is_some() && extra.before_exact).into(),
    )?;
    let buffers = Object::new();
    set(&frame, "buffers", &buffers)?;
    // Then the views.
    let t = src.trace;
    for (l, (a, z, d)) in cache.keys.iter().enumerate() {
        set(&buffers, a, &view(&t.a[l]))?;
        set(&buffers, z, &view(&t.z[l]))?;
        set(&buffers, d, &view(&t.delta[l]))?;
    }
    for (k, keys) in cache.weight_keys.iter().enumerate() {
        let layer = &net.layers[k];
        set(&buffers, &keys[0], &view(layer.weights.as_slice()))?;
        set(&buffers, &keys[1], &view(layer.biases.as_slice()))?;
        if let Some(o) = src.optimizer {
            set(&buffers, &keys[2], &view(t.grad_w[k].as_slice()))?;
            set(&buffers, &keys[3], &view(&t.grad_b[k]))?;
            set(&buffers, &keys[4], &view(o.change_w[k].as_slice()))?;
            set(&buffers, &keys[5], &view(&o.change_b[k]))?;
        }
        if let Some(before) = extra.before.and_then(|b| b.get(k)) {
            set(&buffers, &keys[6], &view(before.as_slice()))?;
        }
        for s in 0..3 {
            if cache.has[s][k] {
                set(&buffers, &keys[7 + s], &index_view(&cache.strong[s][k]))?;
            }
        }
    }
    set(&buffers, "target", &view(&t.target))?;
    set(&buffers, "error", &view(&t.error))?;
    if src.optimizer.is_some() {
        set(&buffers, "history", &view(src.history))?;
    }
    Ok(frame.into())
}
