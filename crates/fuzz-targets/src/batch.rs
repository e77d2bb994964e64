//! Target `batch`: the three ways a network computes the same thing agree — the mini-batch
//! path with a dense first layer (native), the same with the sparse first layer (the default on
//! wasm, so the browser's MNIST training; natively only tests reach it), and one example at a
//! time (the phase-by-phase path the page draws).
//!
//! Input, byte by byte: inputs (1 + b % 48), first hidden layer (b < 192: 32 + b % 32, wide
//! enough for the sparse path; else 1 + b % 8), more hidden layers (b % 3) and their sizes
//! (1 + b % 16, two bytes), outputs (1 + b % 10), hidden activation (b % 4), output
//! activation (b % 5), loss (b % 2), bias (b & 1), init seed, batch size (1 + b % 12), spare
//! capacity (b % 3), density (b: an input is non-zero when a stream byte is below it); then the
//! stream that fills inputs and targets.
//!
//! Properties: no panic; where everything is finite, activations, losses and the weight and
//! bias gradients (summed over the batch) agree to float rounding; gradients are overwritten,
//! not added to what was there.

use crate::input::Input;
use nalgebra::DMatrix;
use neuroglow_core::batch::Batch;
use neuroglow_core::trace::Trace;
use neuroglow_core::{Activation, Init, Loss, NetConfig, Network};
use rand::SeedableRng;

const HIDDEN: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::Linear,
];

type Grads = (Vec<DMatrix<f32>>, Vec<Vec<f32>>);

pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let n_in = 1 + input.below(48);
    let first = match input.byte() {
        b if b < 192 => 32 + b as usize % 32,
        b => 1 + b as usize % 8,
    };
    let more = input.below(3);
    let more_sizes = [1 + input.below(16), 1 + input.below(16)];
    let n_out = 1 + input.below(10);
    let activation = HIDDEN[input.below(4)];
    let output_activation = Activation::ALL[input.below(5)];
    let loss = [Loss::SquaredError, Loss::CrossEntropy][input.below(2)];
    let bias = input.flag();
    let seed = input.byte() as u64;
    let b = 1 + input.below(12);
    let spare = input.below(3);
    let density = input.byte();
    let mut stream = input.stream();

    let mut sizes = vec![n_in, first];
    sizes.extend(&more_sizes[..more]);
    sizes.push(n_out);
    let mut cfg = NetConfig {
        sizes: sizes.clone(),
        activation,
        output_activation,
        loss,
        bias,
        init: Init::He,
        ..NetConfig::default()
    };
    if cfg.validate().is_err() {
        cfg.loss = Loss::SquaredError;
    }
    cfg.validate().expect("a small network");
    let mut net = Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(seed));
    if bias {
        for l in &mut net.layers {
            l.biases.iter_mut().for_each(|x| *x = stream.signed(0.5));
        }
    }

    let xs: Vec<Vec<f32>> = (0..b)
        .map(|_| {
            (0..n_in)
                .map(|_| {
                    if stream.byte() < density {
                        stream.unit()
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let ys: Vec<Vec<f32>> = (0..b)
        .map(|_| {
            let mut y = vec![0.0; n_out];
            y[stream.byte() as usize % n_out] = 1.0;
            y
        })
        .collect();

    // The batch path, dense then sparse first layer.
    let batch_run = |sparse: bool| {
        let mut batch = Batch::new(&sizes, b + spare);
        batch.sparse_first_layer = sparse;
        batch.len = b;
        for i in 0..b {
            batch.input_mut(i).copy_from_slice(&xs[i]);
            batch.target_mut(i).copy_from_slice(&ys[i]);
        }
        let mut gw: Vec<DMatrix<f32>> = sizes
            .windows(2)
            .map(|w| DMatrix::from_element(w[1], w[0], 9.0))
            .collect();
        let mut gb: Vec<Vec<f32>> = sizes[1..].iter().map(|&n| vec![9.0; n]).collect();
        net.forward_batch(&mut batch);
        net.backward_batch(cfg.loss, &mut batch, &mut gw, &mut gb);
        let outputs: Vec<Vec<f32>> = (0..b).map(|i| batch.output(i).to_vec()).collect();
        (outputs, batch.loss[..b].to_vec(), (gw, gb))
    };
    let dense = batch_run(false);
    let sparse = batch_run(true);

    // One example at a time, gradients accumulated.
    let mut trace = Trace::new(&sizes);
    let mut outputs = Vec::new();
    let mut losses = Vec::new();
    for i in 0..b {
        net.forward(&xs[i], &mut trace);
        trace.target.copy_from_slice(&ys[i]);
        losses.push(net.output_error(cfg.loss, &mut trace));
        net.backward(&mut trace, i > 0);
        outputs.push(trace.output().to_vec());
    }
    if !bias {
        trace.grad_b.iter_mut().for_each(|g| g.fill(9.0)); // untouched: not compared
    }
    let single = (
        outputs,
        losses,
        (trace.grad_w.clone(), trace.grad_b.clone()),
    );

    for (name, other) in [("sparse", &sparse), ("one at a time", &single)] {
        for i in 0..b {
            close(
                &dense.0[i],
                &other.0[i],
                &format!("{name}: outputs of example {i}"),
            );
        }
        close(&dense.1, &other.1, &format!("{name}: losses"));
        let (gw, gb) = (&dense.2, &other.2);
        for k in 0..sizes.len() - 1 {
            close(
                gw.0[k].as_slice(),
                gb.0[k].as_slice(),
                &format!("{name}: weight gradient {k}"),
            );
            if bias {
                close(&gw.1[k], &gb.1[k], &format!("{name}: bias gradient {k}"));
            }
        }
    }
    check_overwritten(&dense.2, bias);
    check_overwritten(&sparse.2, bias);
}

/// Equal up to float rounding, relative to the largest magnitude (skipped where not finite).
fn close(a: &[f32], b: &[f32], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}");
    if !a.iter().chain(b).all(|x| x.is_finite()) {
        return;
    }
    let scale = a.iter().chain(b).fold(1.0f32, |m, x| m.max(x.abs()));
    for (j, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-4 * scale,
            "{what}, element {j}: {x} vs {y} (scale {scale})"
        );
    }
}

/// The 9s the gradients were filled with are gone (a weight gradient that is exactly 9 by
/// chance is not a bug, but with these sizes and values it does not happen).
fn check_overwritten((gw, gb): &Grads, bias: bool) {
    let untouched = |v: &[f32]| v.len() > 2 && v.iter().all(|&x| x == 9.0);
    assert!(
        !gw.iter().any(|g| untouched(g.as_slice())),
        "a weight gradient was not written"
    );
    if bias {
        assert!(
            !gb.iter().any(|g| untouched(g)),
            "a bias gradient was not written"
        );
    }
}
