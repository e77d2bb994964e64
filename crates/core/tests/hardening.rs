//! Regressions for what bad files, long runs and odd numbers did to the core (issue 10's
//! findings); each test failed before its fix.

use neuroglow_core::dataset::{xor3, Dataset, Inputs, Targets};
use neuroglow_core::metrics::evaluate;
use neuroglow_core::optimizer::Optimizer;
use neuroglow_core::{model_file, schedule, Activation, Error, Loss, NetConfig, Network, OptimizerKind, Stepper, Trainer};
use rand::rngs::StdRng;
use rand::SeedableRng;

fn net(sizes: &[usize], activation: Activation, bias: bool) -> Network {
    let cfg = NetConfig { sizes: sizes.to_vec(), activation, output_activation: Activation::Sigmoid, bias, ..NetConfig::default() };
    Network::new(&cfg, &mut StdRng::seed_from_u64(1))
}

/// Finding 1: a test set with fewer classes than the network's outputs crashed the worker.
#[test]
fn a_test_set_with_fewer_classes_than_outputs_is_evaluated() {
    let mut n = net(&[4, 3, 12], Activation::Sigmoid, true);
    // Make the network answer class 11, which the test labels (0..=9) never name.
    n.layers[1].biases[11] = 50.0;
    let data = Dataset::new(4, 10, Inputs::Floats(vec![0.5; 4 * 5]), Targets::Classes(vec![0, 3, 9, 2, 1])).unwrap();
    let e = evaluate(&n, Loss::SquaredError, &data);
    assert_eq!((e.count, e.classes), (5, 12));
    assert_eq!(e.confusion.iter().sum::<u32>(), 5);
    assert_eq!(e.confusion[3 * 12 + 11], 1, "the true 3 is booked as guessed 11");
}

/// Finding 6: finite but huge weights made every output NaN, which the page read as a 0.
#[test]
fn outputs_that_overflow_are_an_error_not_a_reading() {
    let mut n = net(&[3, 4, 1], Activation::Linear, true);
    n.layers[0].weights.fill(3e38);
    // inf − inf at the output: NaN (what the page showed as "it reads a 0").
    n.layers[1].weights.iter_mut().enumerate().for_each(|(i, w)| *w = if i % 2 == 0 { 3e38 } else { -3e38 });
    let e = n.predict(&[1.0, 1.0, 1.0]).unwrap_err();
    assert_eq!(e.code(), "model");
    // Loading such a model is refused, and the network that was there stays.
    let mut s = Stepper::new(Trainer::new(NetConfig { bias: true, ..NetConfig::default() }).unwrap(), xor3(), false).unwrap();
    let before = s.net().clone();
    let bytes = model_file::save(&n, Loss::SquaredError, "huge");
    assert_eq!(s.load_model(model_file::load(&bytes).unwrap()).unwrap_err().code(), "model");
    assert_eq!(s.net(), &before);
}

/// Finding 7: relu(NaN) = 0 kept the loss finite while the weights were NaN; training went on.
#[test]
fn nan_weights_behind_a_relu_stop_training() {
    let cfg = NetConfig { activation: Activation::Relu, ..NetConfig::default() };
    let mut s = Stepper::new(Trainer::new(cfg).unwrap(), xor3(), false).unwrap();
    s.trainer.net.layers[0].weights[(0, 0)] = f32::NAN;
    let r = s.train_cycles(3);
    assert!(matches!(r, Err(Error::Diverged(_))), "{r:?}");
    assert!(s.diverged.as_deref().unwrap_or("").contains("weights became infinite or not a number"));
    // Phase by phase too.
    s.restore(0).unwrap();
    s.trainer.net.layers[0].weights[(0, 0)] = f32::NAN;
    let mut result = Ok(());
    for _ in 0..7 {
        result = s.step_phase();
        if result.is_err() {
            break;
        }
    }
    assert!(matches!(result, Err(Error::Diverged(_))), "{result:?}");
}

/// Finding 9: Adam's step counter was cast to i32 and wrapped after 2³¹ updates.
#[test]
fn adam_after_two_billion_updates_still_steps() {
    let cfg = NetConfig { optimizer: OptimizerKind::Adam, learning_rate: 0.01, ..NetConfig::default() };
    let mut n = Network::new(&cfg, &mut StdRng::seed_from_u64(1));
    let mut o = Optimizer::new(&cfg);
    o.steps = 1 << 31;
    let grads_w: Vec<_> = n.layers.iter().map(|l| l.weights.map(|_| 0.1)).collect();
    let grads_b: Vec<_> = n.layers.iter().map(|l| vec![0.1; l.biases.len()]).collect();
    o.step(&mut n, &grads_w, &grads_b, 1);
    assert!(n.is_finite());
}

/// Finding 9: huge numbers from JS wrapped instead of saturating or being refused.
#[test]
fn huge_cycle_numbers_and_indices_do_not_wrap() {
    assert!(schedule::next_frame(u64::MAX) >= u64::MAX - 60_000);
    let data = Dataset::new(784, 10, Inputs::Bytes(vec![7; 784 * 2]), Targets::Classes(vec![1, 2])).unwrap();
    assert!(data.image_bytes(1).is_some());
    assert!(data.image_bytes(2).is_none());
    assert!(data.image_bytes(usize::MAX / 100).is_none());
    assert!(data.image_bytes(1 << 28).is_none());
}

/// Finding 9: a model file without biases applied the biases it happened to store.
#[test]
fn a_model_without_biases_uses_none() {
    let mut n = net(&[3, 4, 1], Activation::Sigmoid, false);
    n.layers[0].biases.fill(5.0);
    let loaded = model_file::load(&model_file::save(&n, Loss::SquaredError, "")).unwrap();
    assert!(!loaded.net.bias);
    assert!(loaded.net.layers.iter().all(|l| l.biases.iter().all(|&b| b == 0.0)));
}
