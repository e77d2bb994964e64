//! Mini-batch passes as matrix-matrix products (the fast path for batch sizes above one).
//! A batch holds one example per column, so an image copies in as one contiguous column.

use crate::loss::Loss;
use crate::network::Network;
use nalgebra::DMatrix;

/// Safe wrapper over `matrixmultiply::sgemm`: C = α·A·B + β·C for m×k A, k×n B, with any
/// row/column strides, so transposes cost nothing. Panics (a bug, not user input) if a stride
/// would reach outside a slice.
#[allow(clippy::too_many_arguments)]
pub fn gemm(
    m: usize,
    k: usize,
    n: usize,
    alpha: f32,
    a: &[f32],
    a_strides: (usize, usize),
    b: &[f32],
    b_strides: (usize, usize),
    beta: f32,
    c: &mut [f32],
    c_strides: (usize, usize),
) {
    let reach = |rows: usize, cols: usize, (rs, cs): (usize, usize)| {
        if rows == 0 || cols == 0 {
            0
        } else {
            (rows - 1) * rs + (cols - 1) * cs + 1
        }
    };
    assert!(reach(m, k, a_strides) <= a.len() && reach(k, n, b_strides) <= b.len() && reach(m, n, c_strides) <= c.len());
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: the assert above keeps every element the kernel touches inside the slices.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            alpha,
            a.as_ptr(),
            a_strides.0 as isize,
            a_strides.1 as isize,
            b.as_ptr(),
            b_strides.0 as isize,
            b_strides.1 as isize,
            beta,
            c.as_mut_ptr(),
            c_strides.0 as isize,
            c_strides.1 as isize,
        );
    }
}

/// Column-major activations of a whole batch, per neuron layer: `a[l]` is n_l × capacity.
#[derive(Clone, Debug)]
pub struct Batch {
    pub capacity: usize,
    /// Examples in the batch now (≤ capacity).
    pub len: usize,
    sizes: Vec<usize>,
    pub z: Vec<Vec<f32>>,
    pub a: Vec<Vec<f32>>,
    pub delta: Vec<Vec<f32>>,
    pub target: Vec<f32>,
    /// Each example's loss.
    pub loss: Vec<f32>,
}

impl Batch {
    pub fn new(sizes: &[usize], capacity: usize) -> Batch {
        let per = || sizes.iter().map(|&n| vec![0.0; n * capacity]).collect::<Vec<_>>();
        let out = *sizes.last().unwrap_or(&0);
        Batch {
            capacity,
            len: 0,
            sizes: sizes.to_vec(),
            z: per(),
            a: per(),
            delta: per(),
            target: vec![0.0; out * capacity],
            loss: vec![0.0; capacity],
        }
    }

    /// Column `i` of neuron layer `l`'s activations.
    pub fn output(&self, i: usize) -> &[f32] {
        let l = self.sizes.len() - 1;
        let n = self.sizes[l];
        &self.a[l][i * n..(i + 1) * n]
    }

    pub fn input_mut(&mut self, i: usize) -> &mut [f32] {
        let n = self.sizes[0];
        &mut self.a[0][i * n..(i + 1) * n]
    }

    pub fn target_mut(&mut self, i: usize) -> &mut [f32] {
        let n = *self.sizes.last().unwrap_or(&0);
        &mut self.target[i * n..(i + 1) * n]
    }
}

impl Network {
    /// Forward pass of the `batch.len` examples in `batch.a[0]`.
    pub fn forward_batch(&self, batch: &mut Batch) {
        let b = batch.len;
        for (k, layer) in self.layers.iter().enumerate() {
            let (n_out, n_in) = layer.weights.shape();
            let z = &mut batch.z[k + 1][..n_out * b];
            for col in z.chunks_exact_mut(n_out) {
                col.copy_from_slice(layer.biases.as_slice());
            }
            gemm(n_out, n_in, b, 1.0, layer.weights.as_slice(), (1, n_out), &batch.a[k][..n_in * b], (1, n_in), 1.0, z, (1, n_out));
            let a = &mut batch.a[k + 1][..n_out * b];
            for (zc, ac) in z.chunks_exact(n_out).zip(a.chunks_exact_mut(n_out)) {
                layer.activation.apply(zc, ac);
            }
        }
    }

    /// Backward pass after `forward_batch` with targets in `batch.target`: per-example losses
    /// into `batch.loss`, and gradients summed over the batch into `grad_w`/`grad_b`.
    pub fn backward_batch(&self, loss: Loss, batch: &mut Batch, grad_w: &mut [DMatrix<f32>], grad_b: &mut [Vec<f32>]) {
        let b = batch.len;
        let last = self.layers.len();
        let act = self.output_activation();
        let n = self.output_size();
        for i in 0..b {
            let r = i * n..(i + 1) * n;
            let (z, a, y) = (&batch.z[last][r.clone()], &batch.a[last][r.clone()], &batch.target[r.clone()]);
            batch.loss[i] = loss.value(act, z, a, y);
            loss.output_delta(act, z, a, y, &mut batch.delta[last][r]);
        }
        for k in (0..last).rev() {
            let layer = &self.layers[k];
            let (n_out, n_in) = layer.weights.shape();
            let (lower, upper) = batch.delta.split_at_mut(k + 1);
            let d = &upper[0][..n_out * b];
            // ∂L/∂W = Δ·Aᵀ (summed over the batch's columns).
            gemm(n_out, b, n_in, 1.0, d, (1, n_out), &batch.a[k][..n_in * b], (n_in, 1), 0.0, grad_w[k].as_mut_slice(), (1, n_out));
            if self.bias {
                let gb = &mut grad_b[k];
                gb.fill(0.0);
                for col in d.chunks_exact(n_out) {
                    gb.iter_mut().zip(col).for_each(|(g, d)| *g += d);
                }
            }
            if k > 0 {
                let below = &mut lower[k][..n_in * b];
                // Δ_below = Wᵀ·Δ, then through the activation's derivative.
                gemm(n_in, n_out, b, 1.0, layer.weights.as_slice(), (n_out, 1), d, (1, n_out), 0.0, below, (1, n_in));
                let prev = self.layers[k - 1].activation;
                let (z, a) = (&batch.z[k][..n_in * b], &batch.a[k][..n_in * b]);
                for ((g, z), a) in below.chunks_exact_mut(n_in).zip(z.chunks_exact(n_in)).zip(a.chunks_exact(n_in)) {
                    prev.backprop(z, a, g);
                }
            }
        }
    }
}
