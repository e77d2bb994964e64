//! Zero-copy `Float32Array` views into wasm memory, named by what they show.
//!
//! A view is valid until the next call into wasm that may allocate; JS makes fresh views each
//! frame (as in the Rust-and-WebAssembly book's Game of Life) and never keeps them.

use neuroglow_core::Stepper;

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
    /// Mean loss per completed cycle, no index.
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

/// The slice a view shows, or None when the index is out of range.
pub fn slice(s: &Stepper, kind: Kind, index: usize) -> Option<&[f32]> {
    let net = s.net();
    let t = &s.trainer.trace;
    let opt = &s.trainer.optimizer;
    Some(match kind {
        Kind::Weights => net.layers.get(index)?.weights.as_slice(),
        Kind::Biases => net.layers.get(index)?.biases.as_slice(),
        Kind::GradWeights => t.grad_w.get(index)?.as_slice(),
        Kind::GradBiases => t.grad_b.get(index)?.as_slice(),
        Kind::ChangeWeights => opt.change_w.get(index)?.as_slice(),
        Kind::ChangeBiases => opt.change_b.get(index)?.as_slice(),
        Kind::Z => t.z.get(index)?.as_slice(),
        Kind::A => t.a.get(index)?.as_slice(),
        Kind::Delta => t.delta.get(index)?.as_slice(),
        Kind::Target => &t.target,
        Kind::Error => &t.error,
        Kind::History => &s.history,
    })
}
