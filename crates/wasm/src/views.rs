//! Zero-copy `Float32Array` views into wasm memory, named by what they show.
//!
//! A view is valid until the next call into wasm that may allocate; JS makes fresh views each
//! frame (as in the Rust-and-WebAssembly book's Game of Life) and never keeps them.

use crate::fail;
use neuroglow_core::optimizer::Optimizer;
use neuroglow_core::trace::Trace;
use neuroglow_core::{Network, Stepper};
use wasm_bindgen::JsValue;

/// Which numbers a view shows, and which layer index it takes.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Per weight layer k (0-based, k connects neuron layer k to k+1). Column-major n_out×n_in:
    /// element j·n_out + i is the synapse from neuron j of layer k to neuron i of layer k+1.
    Weights,
    Biases,
    GradWeights,
    GradBiases,
    ChangeWeights,
    ChangeBiases,
    /// Per neuron layer l (0 = input).
    Z,
    A,
    Delta,
    /// Output-sized, no index.
    Target,
    Error,
    /// Mean loss per completed cycle, no index (also in every frame as `history`).
    History,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "weights" => Kind::Weights,
            "biases" => Kind::Biases,
            "gradWeights" => Kind::GradWeights,
            "gradBiases" => Kind::GradBiases,
            "changeWeights" => Kind::ChangeWeights,
            "changeBiases" => Kind::ChangeBiases,
            "z" => Kind::Z,
            "a" => Kind::A,
            "delta" => Kind::Delta,
            "target" => Kind::Target,
            "error" => Kind::Error,
            "history" => Kind::History,
            _ => return None,
        })
    }
}

/// What a view can show: a network, the trace of its last pass, and (when training) the
/// optimizer's last change and the loss history.
pub struct Source<'a> {
    pub net: &'a Network,
    pub trace: &'a Trace,
    pub optimizer: Option<&'a Optimizer>,
    pub history: &'a [f32],
}

impl<'a> Source<'a> {
    pub fn of(s: &'a Stepper) -> Source<'a> {
        Source {
            net: s.net(),
            trace: &s.trainer.trace,
            optimizer: Some(&s.trainer.optimizer),
            history: &s.history,
        }
    }
}

/// The slice a view shows, or None when the index is out of range (or it has no such numbers).
pub fn slice<'a>(src: &Source<'a>, kind: Kind, index: usize) -> Option<&'a [f32]> {
    let (net, t) = (src.net, src.trace);
    Some(match kind {
        Kind::Weights => net.layers.get(index)?.weights.as_slice(),
        Kind::Biases => net.layers.get(index)?.biases.as_slice(),
        Kind::GradWeights => t.grad_w.get(index)?.as_slice(),
        Kind::GradBiases => t.grad_b.get(index)?.as_slice(),
        Kind::ChangeWeights => src.optimizer?.change_w.get(index)?.as_slice(),
        Kind::ChangeBiases => src.optimizer?.change_b.get(index)?.as_slice(),
        Kind::Z => t.z.get(index)?.as_slice(),
        Kind::A => t.a.get(index)?.as_slice(),
        Kind::Delta => t.delta.get(index)?.as_slice(),
        Kind::Target => &t.target,
        Kind::Error => &t.error,
        Kind::History => src.history,
    })
}

/// A `Float32Array` aliasing wasm memory for a named view.
pub fn view(src: &Source, kind: &str, index: usize) -> Result<js_sys::Float32Array, JsValue> {
    let k = Kind::parse(kind).ok_or_else(|| fail("input", &format!("unknown view \"{kind}\"")))?;
    let slice = slice(src, k, index)
        .ok_or_else(|| fail("input", &format!("view \"{kind}\" has no index {index}")))?;
    // SAFETY: the view aliases wasm memory; it is handed straight to JS, which reads it before
    // calling into wasm again (documented on `view`), so no Rust code observes it meanwhile.
    Ok(unsafe { js_sys::Float32Array::view(slice) })
}
