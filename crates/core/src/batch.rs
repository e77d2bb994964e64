//! Mini-batch passes as matrix-matrix products (the fast path for batch sizes above one).
//! A batch holds one example per column, so an image copies in as one contiguous column.
//!
//! On wasm the first layer can take a sparse path instead: MNIST digits are ~80% blank, and
//! wasm simd128 (no FMA, 4 lanes) runs the dense product at a fraction of native speed, so
//! skipping the zero inputs roughly halves a batch's time there. Natively (AVX2/FMA) the dense
//! product is faster, so the sparse path is off by default outside wasm.

use crate::kernels::sparse_gemv_acc;
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
    assert!(
        reach(m, k, a_strides) <= a.len()
            && reach(k, n, b_strides) <= b.len()
            && reach(m, n, c_strides) <= c.len()
    );
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

/// The sparse first-layer path applies to inputs with at most this fraction of non-zeros
/// (MNIST: ~0.19). Per multiply-add it costs ~2.5× the dense product, so denser data is faster dense.
const SPARSE_MAX_DENSITY: f32 = 0.3;
/// …and to first layers at least this wide (narrower ones miss the 32-row register blocks).
const SPARSE_MIN_WIDTH: usize = 32;

/// A batch's non-zero inputs, listed both ways round: by example (for the forward pass) and by
/// input (for the first layer's weight gradient).
#[derive(Clone, Debug, Default)]
struct SparseInputs {
    /// (input index, value) of example 0's non-zeros, then example 1's, …
    by_example: Vec<(u32, f32)>,
    /// Example c's entries are by_example[example_start[c]..example_start[c + 1]].
    example_start: Vec<usize>,
    /// (example index, value) of input 0's non-zeros, then input 1's, …
    by_input: Vec<(u32, f32)>,
    /// Input j's entries are by_input[input_start[j]..input_start[j + 1]].
    input_start: Vec<usize>,
    /// The lists describe the batch now in `a[0]` (set by `forward_batch`).
    ready: bool,
}

impl SparseInputs {
    /// Lists the non-zeros of `b` columns of `n_in` inputs; false (and not ready) when there
    /// are too many for the sparse path to pay.
    fn index(&mut self, inputs: &[f32], n_in: usize, b: usize) -> bool {
        self.ready = false;
        self.by_example.clear();
        self.example_start.clear();
        self.example_start.push(0);
        let limit = (SPARSE_MAX_DENSITY * (n_in * b) as f32) as usize;
        for col in inputs.chunks_exact(n_in).take(b) {
            for (j, &x) in col.iter().enumerate() {
                if x != 0.0 {
                    self.by_example.push((j as u32, x));
                }
            }
            if self.by_example.len() > limit {
                return false;
            }
            self.example_start.push(self.by_example.len());
        }
        // Transpose by counting sort: counts, then each input's start, then place the entries
        // (advancing starts[j + 1] as input j's cursor leaves it at input j's end, which is
        // input j + 1's start: the finished offsets).
        let starts = &mut self.input_start;
        starts.clear();
        starts.resize(n_in + 2, 0);
        for &(j, _) in &self.by_example {
            starts[j as usize + 2] += 1;
        }
        for j in 2..starts.len() {
            starts[j] += starts[j - 1];
        }
        self.by_input.clear();
        self.by_input.resize(self.by_example.len(), (0, 0.0));
        for (c, range) in self.example_start.windows(2).enumerate() {
            for &(j, x) in &self.by_example[range[0]..range[1]] {
                let cursor = &mut starts[j as usize + 1];
                self.by_input[*cursor] = (c as u32, x);
                *cursor += 1;
            }
        }
        starts.pop();
        self.ready = true;
        true
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
    /// Whether the first layer may take the sparse path (see the module docs); on by default
    /// on wasm only. Either way the results are the same up to float summation order.
    pub sparse_first_layer: bool,
    sparse: SparseInputs,
}

impl Batch {
    pub fn new(sizes: &[usize], capacity: usize) -> Batch {
        let per = || {
            sizes
                .iter()
                .map(|&n| vec![0.0; n * capacity])
                .collect::<Vec<_>>()
        };
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
            sparse_first_layer: cfg!(target_arch = "wasm32"),
            sparse: SparseInputs::default(),
        }
    }

    /// Whether it was made for a network of these layer sizes.
    pub fn fits(&self, sizes: &[usize]) -> bool {
        self.sizes == sizes
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
        batch.sparse.ready = false;
        for (k, layer) in self.layers.iter().enumerate() {
            let (n_out, n_in) = layer.weights.shape();
            let sparse = k == 0
                && batch.sparse_first_layer
                && n_out >= SPARSE_MIN_WIDTH
                && batch.sparse.index(&batch.a[0], n_in, b);
            let z = &mut batch.z[k + 1][..n_out * b];
            for col in z.chunks_exact_mut(n_out) {
                col.copy_from_slice(layer.biases.as_slice());
            }
            if sparse {
                let s = &batch.sparse;
                for (zc, range) in z.chunks_exact_mut(n_out).zip(s.example_start.windows(2)) {
                    sparse_gemv_acc(
                        layer.weights.as_slice(),
                        &s.by_example[range[0]..range[1]],
                        zc,
                    );
                }
            } else {
                gemm(
                    n_out,
                    n_in,
                    b,
                    1.0,
                    layer.weights.as_slice(),
                    (1, n_out),
                    &batch.a[k][..n_in * b],
                    (1, n_in),
                    1.0,
                    z,
                    (1, n_out),
                );
            }
            let a = &mut batch.a[k + 1][..n_out * b];
            for (zc, ac) in z.chunks_exact(n_out).zip(a.chunks_exact_mut(n_out)) {
                layer.activation.apply(zc, ac);
            }
        }
    }

    /// Backward pass after `forward_batch` with targets in `batch.target`: per-example losses
    /// into `batch.loss`, and gradients summed over the batch into `grad_w`/`grad_b`.
    pub fn backward_batch(
        &self,
        loss: Loss,
        batch: &mut Batch,
        grad_w: &mut [DMatrix<f32>],
        grad_b: &mut [Vec<f32>],
    ) {
        let b = batch.len;
        let last = self.layers.len();
        let act = self.output_activation();
        let n = self.output_size();
        for i in 0..b {
            let r = i * n..(i + 1) * n;
            let (z, a, y) = (
                &batch.z[last][r.clone()],
                &batch.a[last][r.clone()],
                &batch.target[r.clone()],
            );
            batch.loss[i] = loss.value(act, z, a, y);
            loss.output_delta(act, z, a, y, &mut batch.delta[last][r]);
        }
        for k in (0..last).rev() {
            let layer = &self.layers[k];
            let (n_out, n_in) = layer.weights.shape();
            let (lower, upper) = batch.delta.split_at_mut(k + 1);
            let d = &upper[0][..n_out * b];
            // ∂L/∂W = Δ·Aᵀ (summed over the batch's columns).
            if k == 0 && batch.sparse.ready {
                // Column j = Σ over the examples whose input j is non-zero of x_j·δ.
                let s = &batch.sparse;
                for (gc, range) in grad_w[0]
                    .as_mut_slice()
                    .chunks_exact_mut(n_out)
                    .zip(s.input_start.windows(2))
                {
                    gc.fill(0.0);
                    sparse_gemv_acc(d, &s.by_input[range[0]..range[1]], gc);
                }
            } else {
                gemm(
                    n_out,
                    b,
                    n_in,
                    1.0,
                    d,
                    (1, n_out),
                    &batch.a[k][..n_in * b],
                    (n_in, 1),
                    0.0,
                    grad_w[k].as_mut_slice(),
                    (1, n_out),
                );
            }
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
                gemm(
                    n_in,
                    n_out,
                    b,
                    1.0,
                    layer.weights.as_slice(),
                    (n_out, 1),
                    d,
                    (1, n_out),
                    0.0,
                    below,
                    (1, n_in),
                );
                let prev = self.layers[k - 1].activation;
                let (z, a) = (&batch.z[k][..n_in * b], &batch.a[k][..n_in * b]);
                for ((g, z), a) in below
                    .chunks_exact_mut(n_in)
                    .zip(z.chunks_exact(n_in))
                    .zip(a.chunks_exact(n_in))
                {
                    prev.backprop(z, a, g);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::config::{Init, NetConfig};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// A batch of `b` inputs where roughly `density` of the values are non-zero.
    fn batch(sizes: &[usize], b: usize, density: f64, rng: &mut StdRng) -> Batch {
        // Spare capacity: only the first `b` columns count.
        let mut batch = Batch::new(sizes, b + 3);
        batch.len = b;
        for c in 0..b {
            for x in batch.input_mut(c) {
                *x = if rng.random_bool(density) {
                    rng.random_range(0.0..1.0)
                } else {
                    0.0
                };
            }
            batch.target_mut(c)[c % sizes[sizes.len() - 1]] = 1.0;
        }
        batch
    }

    /// A batch after its passes, with its weight and bias gradients.
    type Passed = (Batch, Vec<DMatrix<f32>>, Vec<Vec<f32>>);

    /// Forward and backward with the first layer dense, then sparse.
    fn both_ways(sizes: &[usize], b: usize, density: f64) -> [Passed; 2] {
        let cfg = NetConfig {
            sizes: sizes.to_vec(),
            activation: Activation::Relu,
            output_activation: Activation::Softmax,
            loss: Loss::CrossEntropy,
            bias: true,
            init: Init::He,
            ..NetConfig::default()
        };
        let mut rng = StdRng::seed_from_u64(7);
        let net = Network::new(&cfg, &mut rng);
        let input = batch(sizes, b, density, &mut rng);
        [false, true].map(|sparse| {
            let mut batch = input.clone();
            batch.sparse_first_layer = sparse;
            let mut gw: Vec<DMatrix<f32>> = sizes
                .windows(2)
                .map(|w| DMatrix::from_element(w[1], w[0], 9.0))
                .collect();
            let mut gb: Vec<Vec<f32>> = sizes[1..].iter().map(|&n| vec![9.0; n]).collect();
            net.forward_batch(&mut batch);
            net.backward_batch(Loss::CrossEntropy, &mut batch, &mut gw, &mut gb);
            (batch, gw, gb)
        })
    }

    fn max_diff(a: &[f32], b: &[f32]) -> f32 {
        assert_eq!(a.len(), b.len());
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max)
    }

    #[test]
    fn sparse_first_layer_matches_the_dense_product() {
        // 70 = 2·32 + 6 rows exercises every block size of the kernel.
        let [(dense, dw, db), (sparse, sw, sb)] = both_ways(&[100, 70, 12, 4], 5, 0.2);
        assert!(
            sparse.sparse.ready && !dense.sparse.ready,
            "the sparse path was taken"
        );
        for l in 1..4 {
            assert!(
                max_diff(&dense.a[l], &sparse.a[l]) < 1e-5,
                "activations of layer {l}"
            );
        }
        assert!(max_diff(&dense.loss, &sparse.loss) < 1e-5);
        for k in 0..3 {
            assert!(
                max_diff(dw[k].as_slice(), sw[k].as_slice()) < 1e-5,
                "weight gradient {k}"
            );
            assert!(max_diff(&db[k], &sb[k]) < 1e-5, "bias gradient {k}");
        }
        // Inputs that are zero in every example get a zero gradient column, not a stale one.
        let blank = (0..100)
            .find(|&j| (0..5).all(|c| sparse.a[0][c * 100 + j] == 0.0))
            .expect("a blank input");
        assert!(sw[0].column(blank).iter().all(|&g| g == 0.0));
    }

    #[test]
    fn dense_inputs_and_narrow_layers_stay_dense() {
        let [_, (dense_inputs, _, _)] = both_ways(&[100, 70, 4], 8, 0.9);
        assert!(!dense_inputs.sparse.ready);
        let [_, (narrow, _, _)] = both_ways(&[100, 16, 4], 8, 0.2);
        assert!(!narrow.sparse.ready);
    }

    #[test]
    fn sparse_lists_both_ways_round() {
        let mut s = SparseInputs::default();
        // Two examples of three inputs: [0, 2, 0] and [3, 0, 4].
        assert!(
            !s.index(&[0.0, 2.0, 0.0, 3.0, 0.0, 4.0], 3, 2),
            "4 of 6 non-zero is too dense"
        );
        let mut s = SparseInputs::default();
        let inputs = [0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        assert!(s.index(&inputs, 6, 2));
        assert_eq!(s.by_example, vec![(1, 2.0), (0, 3.0)]);
        assert_eq!(s.example_start, vec![0, 1, 2]);
        assert_eq!(s.by_input, vec![(1, 3.0), (0, 2.0)]);
        assert_eq!(s.input_start, vec![0, 1, 2, 2, 2, 2, 2]);
    }
}
