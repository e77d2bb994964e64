//! Backprop against finite differences, for every activation/loss pair the config allows.

use neuroglow_core::trace::Trace;
use neuroglow_core::{Activation, Init, Loss, NetConfig, Network};
use rand::rngs::StdRng;
use rand::SeedableRng;

fn loss_of(net: &Network, loss: Loss, x: &[f32], y: &[f32]) -> f64 {
    let mut t = Trace::new(&net.sizes());
    net.forward(x, &mut t);
    t.target.copy_from_slice(y);
    net.output_error(loss, &mut t) as f64
}

fn check(hidden: Activation, output: Activation, loss: Loss, bias: bool) {
    let cfg = NetConfig {
        sizes: vec![4, 5, 3, 3],
        activation: hidden,
        output_activation: output,
        loss,
        bias,
        init: Init::Xavier,
        ..NetConfig::default()
    };
    cfg.validate().unwrap();
    let mut net = Network::new(&cfg, &mut StdRng::seed_from_u64(7));
    // Non-zero biases so they matter; inputs away from ReLU's kink.
    for (k, l) in net.layers.iter_mut().enumerate() {
        l.biases.iter_mut().enumerate().for_each(|(i, b)| {
            *b = if bias {
                0.1 * (i as f32 - k as f32)
            } else {
                0.0
            }
        });
    }
    let x = [0.9f32, -0.4, 0.3, 0.7];
    let y: Vec<f32> = if output == Activation::Softmax {
        vec![0.0, 1.0, 0.0]
    } else {
        vec![0.2, 0.9, 0.0]
    };
    let mut t = Trace::new(&net.sizes());
    net.forward(&x, &mut t);
    t.target.copy_from_slice(&y);
    net.output_error(loss, &mut t);
    net.backward(&mut t, false);

    let h = 1e-2f32;
    let mut worst = 0.0f64;
    for k in 0..net.layers.len() {
        for idx in 0..net.layers[k].weights.len() {
            let analytic = t.grad_w[k].as_slice()[idx] as f64;
            let mut plus = net.clone();
            plus.layers[k].weights.as_mut_slice()[idx] += h;
            let mut minus = net.clone();
            minus.layers[k].weights.as_mut_slice()[idx] -= h;
            let numeric =
                (loss_of(&plus, loss, &x, &y) - loss_of(&minus, loss, &x, &y)) / (2.0 * h as f64);
            let err = (numeric - analytic).abs() / (1e-3 + numeric.abs().max(analytic.abs()));
            worst = worst.max(err);
            assert!(err < 2e-2, "{hidden:?}/{output:?}/{loss:?} w[{k}][{idx}]: numeric {numeric} analytic {analytic}");
        }
        if bias {
            for i in 0..net.layers[k].biases.len() {
                let analytic = t.grad_b[k][i] as f64;
                let mut plus = net.clone();
                plus.layers[k].biases[i] += h;
                let mut minus = net.clone();
                minus.layers[k].biases[i] -= h;
                let numeric = (loss_of(&plus, loss, &x, &y) - loss_of(&minus, loss, &x, &y))
                    / (2.0 * h as f64);
                assert!(
                    (numeric - analytic).abs() < 2e-2 * (1e-3 + numeric.abs().max(analytic.abs())),
                    "{hidden:?}/{output:?}/{loss:?} b[{k}][{i}]: numeric {numeric} analytic {analytic}"
                );
            }
        }
    }
    assert!(worst.is_finite());
}

#[test]
fn every_activation_and_loss_pair_matches_finite_differences() {
    let hidden = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ];
    let mut pairs = 0;
    for &h in &hidden {
        for out in Activation::ALL {
            for loss in [Loss::SquaredError, Loss::CrossEntropy] {
                if !loss.supports(out) {
                    continue;
                }
                for bias in [false, true] {
                    check(h, out, loss, bias);
                    pairs += 1;
                }
            }
        }
    }
    // 4 hidden × (5 outputs with squared error + 2 with cross-entropy) × 2 bias settings.
    assert_eq!(pairs, 4 * 7 * 2);
}
