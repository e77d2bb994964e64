//! A dense feed-forward network and its layer-by-layer forward and backward passes.
//! Each pass is split per layer so the page can show the signal moving one layer at a time.

use crate::activation::Activation;
use crate::config::{Init, NetConfig};
use crate::error::{Error, Result};
use crate::kernels;
use crate::loss::Loss;
use crate::trace::Trace;
use nalgebra::{DMatrix, DVector};
use rand::rngs::StdRng;
use rand::Rng;

#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// n_out × n_in, column-major: `weights[(i, j)]` goes from input j to neuron i.
    pub weights: DMatrix<f32>,
    /// Zeros (and never updated) when the network has no biases.
    pub biases: DVector<f32>,
    pub activation: Activation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub bias: bool,
}

impl Network {
    /// Builds and initialises a network. The config must have been validated.
    pub fn new(cfg: &NetConfig, rng: &mut StdRng) -> Network {
        let layers = cfg
            .sizes
            .windows(2)
            .enumerate()
            .map(|(k, w)| {
                let (n_in, n_out) = (w[0], w[1]);
                let limit = match cfg.init {
                    Init::Uniform => 1.0,
                    Init::Xavier => (6.0 / (n_in + n_out) as f32).sqrt(),
                    Init::He => (6.0 / n_in as f32).sqrt(),
                };
                Layer {
                    weights: DMatrix::from_fn(n_out, n_in, |_, _| rng.random_range(-limit..limit)),
                    biases: DVector::zeros(n_out),
                    activation: cfg.activation_of(k),
                }
            })
            .collect();
        Network {
            layers,
            bias: cfg.bias,
        }
    }

    /// Neuron counts from input to output.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![self.input_size()];
        s.extend(self.layers.iter().map(|l| l.weights.nrows()));
        s
    }

    pub fn input_size(&self) -> usize {
        self.layers.first().map_or(0, |l| l.weights.ncols())
    }

    pub fn output_size(&self) -> usize {
        self.layers.last().map_or(0, |l| l.weights.nrows())
    }

    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.len() + if self.bias { l.biases.len() } else { 0 })
            .sum()
    }

    pub fn output_activation(&self) -> Activation {
        self.layers
            .last()
            .map_or(Activation::Linear, |l| l.activation)
    }

    /// Puts an input into the trace (neuron layer 0).
    pub fn present(&self, input: &[f32], trace: &mut Trace) {
        trace.a[0].copy_from_slice(input);
    }

    /// Weight layer k: z = W·a + b and a = f(z) for neuron layer k+1.
    pub fn forward_layer(&self, k: usize, trace: &mut Trace) {
        let layer = &self.layers[k];
        let (before, after) = trace.a.split_at_mut(k + 1);
        let z = &mut trace.z[k + 1];
        z.copy_from_slice(layer.biases.as_slice());
        kernels::gemv_acc(layer.weights.as_slice(), &before[k], z);
        layer.activation.apply(z, &mut after[0]);
    }

    pub fn forward(&self, input: &[f32], trace: &mut Trace) {
        self.present(input, trace);
        for k in 0..self.layers.len() {
            self.forward_layer(k, trace);
        }
    }

    /// Compares the output with `trace.target`: the loss, the source's error (target − output),
    /// and δ of the output layer. Returns the loss.
    pub fn output_error(&self, loss: Loss, trace: &mut Trace) -> f32 {
        let last = self.layers.len();
        let act = self.output_activation();
        let (z, a, y) = (&trace.z[last], &trace.a[last], &trace.target);
        for ((e, y), a) in trace.error.iter_mut().zip(y).zip(a) {
            *e = y - a;
        }
        trace.loss = loss.value(act, z, a, y);
        loss.output_delta(act, z, a, y, &mut trace.delta[last]);
        trace.loss
    }

    /// Weight layer k, backwards: the gradients of its weights and biases from δ of neuron
    /// layer k+1, and (unless k is 0) δ of neuron layer k. `accumulate` adds to the gradients
    /// (mini-batches) instead of overwriting them.
    pub fn backward_layer(&self, k: usize, trace: &mut Trace, accumulate: bool) {
        let layer = &self.layers[k];
        let (lower, upper) = trace.delta.split_at_mut(k + 1);
        let d = &upper[0];
        kernels::outer(d, &trace.a[k], trace.grad_w[k].as_mut_slice(), accumulate);
        if self.bias {
            let gb = &mut trace.grad_b[k];
            if accumulate {
                gb.iter_mut().zip(d).for_each(|(g, d)| *g += d);
            } else {
                gb.copy_from_slice(d);
            }
        }
        if k > 0 {
            let below = &mut lower[k];
            kernels::gemv_t(layer.weights.as_slice(), d, below);
            self.layers[k - 1]
                .activation
                .backprop(&trace.z[k], &trace.a[k], below);
        }
    }

    pub fn backward(&self, trace: &mut Trace, accumulate: bool) {
        for k in (0..self.layers.len()).rev() {
            self.backward_layer(k, trace, accumulate);
        }
    }

    /// The output for one input, checked (a finite input must give finite outputs: weights that
    /// are finite but huge can still overflow). Allocates the activations only, not a gradient
    /// trace: for the page's "new situation", not hot loops.
    pub fn predict(&self, input: &[f32]) -> Result<Vec<f32>> {
        check_input(input, self.input_size())?;
        let mut trace = Trace::forward_only(&self.sizes());
        self.forward(input, &mut trace);
        check_output(trace.output())?;
        Ok(trace.output().to_vec())
    }

    /// Every weight and bias finite? (A diverging run is stopped, not drawn as garbage.)
    pub fn is_finite(&self) -> bool {
        self.layers.iter().all(|l| {
            l.weights.iter().all(|w| w.is_finite()) && l.biases.iter().all(|b| b.is_finite())
        })
    }
}

/// Outputs a page may show: all finite (else the model's weights overflow on this input).
pub fn check_output(output: &[f32]) -> Result<()> {
    if output.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(Error::Model("the network's outputs are not finite numbers: its weights are too large for this input".into()))
    }
}

/// An input must have the network's size and only finite numbers.
pub fn check_input(input: &[f32], expected: usize) -> Result<()> {
    if input.len() != expected {
        return Err(Error::Input(format!(
            "expected {expected} numbers, got {}",
            input.len()
        )));
    }
    if let Some(i) = input.iter().position(|x| !x.is_finite()) {
        return Err(Error::Input(format!(
            "value {} at position {} is not a finite number",
            input[i],
            i + 1
        )));
    }
    Ok(())
}
