//! Everything one example's pass through the network produces, kept so the page can show it:
//! weighted sums z, activations a, error terms δ = ∂L/∂z, and every weight's gradient.
//!
//! Indexing: neuron layers l = 0..=L (0 is the input); weight layer k = 0..L connects neuron
//! layer k to k+1. `z[0]` and `delta[0]` exist (zeros) so every neuron layer has the same fields.

use nalgebra::DMatrix;

#[derive(Clone, Debug)]
pub struct Trace {
    pub z: Vec<Vec<f32>>,
    pub a: Vec<Vec<f32>>,
    pub delta: Vec<Vec<f32>>,
    pub target: Vec<f32>,
    /// target − output, the source's "error".
    pub error: Vec<f32>,
    pub loss: f32,
    pub grad_w: Vec<DMatrix<f32>>,
    pub grad_b: Vec<Vec<f32>>,
}

impl Trace {
    pub fn new(sizes: &[usize]) -> Trace {
        Trace {
            delta: sizes.iter().map(|&n| vec![0.0; n]).collect(),
            grad_w: sizes
                .windows(2)
                .map(|w| DMatrix::zeros(w[1], w[0]))
                .collect(),
            grad_b: sizes[1..].iter().map(|&n| vec![0.0; n]).collect(),
            ..Trace::forward_only(sizes)
        }
    }

    /// Activations only (no δ, no gradients): for a network that just reads.
    pub fn forward_only(sizes: &[usize]) -> Trace {
        let per_layer = || sizes.iter().map(|&n| vec![0.0; n]).collect::<Vec<_>>();
        let out = *sizes.last().unwrap_or(&0);
        Trace {
            z: per_layer(),
            a: per_layer(),
            delta: Vec::new(),
            target: vec![0.0; out],
            error: vec![0.0; out],
            loss: 0.0,
            grad_w: Vec::new(),
            grad_b: Vec::new(),
        }
    }

    pub fn output(&self) -> &[f32] {
        self.a.last().map(Vec::as_slice).unwrap_or(&[])
    }

    /// Forget the signals of a previous pass (the page shows a dark network). Gradients stay:
    /// they may be part of a mini-batch sum, and the page shows them as "last gradient".
    pub fn clear(&mut self) {
        for v in self.z.iter_mut().chain(&mut self.a).chain(&mut self.delta) {
            v.fill(0.0);
        }
        self.target.fill(0.0);
        self.error.fill(0.0);
        self.loss = 0.0;
    }
}
