//! The few vector kernels the per-example hot path (and the batch path's sparse first layer)
//! needs, written so LLVM vectorises them (wasm simd128 included). Matrices are nalgebra's
//! column-major: column j of an n_out×n_in weight matrix holds the weights leaving input j,
//! contiguous in memory.
//!
//! Why not nalgebra's product here: its generic path runs at ~1 GFLOP/s for one-row operands,
//! while these loops over contiguous columns vectorise.

/// y += alpha·x
#[inline]
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

/// Σ x·y with eight independent accumulators (float adds cannot be reordered otherwise).
#[inline]
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut acc = [0.0f32; 8];
    let xc = x.chunks_exact(8);
    let yc = y.chunks_exact(8);
    let tail: f32 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (xs, ys) in xc.zip(yc) {
        for k in 0..8 {
            acc[k] += xs[k] * ys[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// y += W·x for column-major W (n_out = y.len()). Zero inputs are skipped: MNIST is ~80% blank.
#[inline]
pub fn gemv_acc(w: &[f32], x: &[f32], y: &mut [f32]) {
    let n_out = y.len();
    for (col, &xj) in w.chunks_exact(n_out).zip(x) {
        if xj != 0.0 {
            axpy(xj, col, y);
        }
    }
}

/// out = Wᵀ·d for column-major W (n_out = d.len()).
#[inline]
pub fn gemv_t(w: &[f32], d: &[f32], out: &mut [f32]) {
    for (o, col) in out.iter_mut().zip(w.chunks_exact(d.len())) {
        *o = dot(col, d);
    }
}

/// G = d·xᵀ (overwrite) or G += d·xᵀ (accumulate), column-major G with n_out = d.len().
#[inline]
pub fn outer(d: &[f32], x: &[f32], g: &mut [f32], accumulate: bool) {
    for (col, &xj) in g.chunks_exact_mut(d.len()).zip(x) {
        if accumulate {
            if xj != 0.0 {
                axpy(xj, d, col);
            }
        } else if xj == 0.0 {
            col.fill(0.0);
        } else {
            for (g, d) in col.iter_mut().zip(d) {
                *g = xj * d;
            }
        }
    }
}

/// y += M·s for a sparse vector s given as (column index, value) entries: y += Σ v·M[:, j]
/// for column-major M with y.len() rows. Rows go in register-sized blocks so each block of y
/// stays in registers while the entries stream by (on wasm simd128, ~2× faster than an axpy
/// per entry, which loads and stores y every time).
#[inline]
pub fn sparse_gemv_acc(m: &[f32], entries: &[(u32, f32)], y: &mut [f32]) {
    let n = y.len();
    let mut r = 0;
    while r + 32 <= n {
        gather_block::<32>(m, n, r, entries, &mut y[r..r + 32]);
        r += 32;
    }
    while r + 8 <= n {
        gather_block::<8>(m, n, r, entries, &mut y[r..r + 8]);
        r += 8;
    }
    for (i, y) in y.iter_mut().enumerate().skip(r) {
        *y += entries
            .iter()
            .map(|&(j, v)| v * m[j as usize * n + i])
            .sum::<f32>();
    }
}

/// Rows r..r+R of `sparse_gemv_acc`, accumulated in a fixed-size array LLVM keeps in registers.
#[inline(always)]
fn gather_block<const R: usize>(
    m: &[f32],
    n: usize,
    r: usize,
    entries: &[(u32, f32)],
    y: &mut [f32],
) {
    let mut acc = [0.0f32; R];
    acc.copy_from_slice(y);
    for &(j, v) in entries {
        let col = &m[j as usize * n + r..][..R];
        for (a, w) in acc.iter_mut().zip(col) {
            *a += v * w;
        }
    }
    y.copy_from_slice(&acc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{DMatrix, DVector};

    fn sample(n: usize, seed: f32) -> Vec<f32> {
        (0..n)
            .map(|i| ((i as f32 * 0.37 + seed).sin() * 2.0).round() / 2.0)
            .collect()
    }

    #[test]
    fn kernels_agree_with_nalgebra() {
        let (n_out, n_in) = (13, 29);
        let w = DMatrix::from_vec(n_out, n_in, sample(n_out * n_in, 0.1));
        let x = DVector::from_vec(sample(n_in, 0.7));
        let d = DVector::from_vec(sample(n_out, 1.3));

        let mut y = vec![0.0; n_out];
        gemv_acc(w.as_slice(), x.as_slice(), &mut y);
        assert!((DVector::from_vec(y) - &w * &x).amax() < 1e-4);

        let mut t = vec![0.0; n_in];
        gemv_t(w.as_slice(), d.as_slice(), &mut t);
        assert!((DVector::from_vec(t) - w.transpose() * &d).amax() < 1e-4);

        let mut g = vec![1.0; n_out * n_in];
        outer(d.as_slice(), x.as_slice(), &mut g, false);
        let expected = &d * x.transpose();
        assert!((DMatrix::from_vec(n_out, n_in, g.clone()) - &expected).amax() < 1e-5);
        outer(d.as_slice(), x.as_slice(), &mut g, true);
        assert!((DMatrix::from_vec(n_out, n_in, g) - expected * 2.0).amax() < 1e-4);
    }

    #[test]
    fn sparse_gemv_agrees_with_dense_for_every_block_split() {
        // 32-row blocks, 8-row blocks and single rows: 77 = 2·32 + 8 + 5.
        for n_out in [1, 8, 13, 32, 77] {
            let n_in = 29;
            let w = DMatrix::from_vec(n_out, n_in, sample(n_out * n_in, 0.4));
            let x: Vec<f32> = sample(n_in, 0.9)
                .iter()
                .enumerate()
                .map(|(j, v)| if j % 3 == 0 { *v } else { 0.0 })
                .collect();
            let entries: Vec<(u32, f32)> = x
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0.0)
                .map(|(j, v)| (j as u32, *v))
                .collect();
            let start = sample(n_out, 2.1);
            let mut y = start.clone();
            sparse_gemv_acc(w.as_slice(), &entries, &mut y);
            let expected = DVector::from_vec(start) + &w * DVector::from_vec(x);
            assert!(
                (DVector::from_vec(y) - expected).amax() < 1e-4,
                "{n_out} rows"
            );
        }
    }
}
