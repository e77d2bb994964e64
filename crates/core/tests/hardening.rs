//! Regressions for what bad files, long runs and odd numbers did to the core (issue 10's
//! findings); each test failed before its fix.

use neuroglow_core::dataset::{xor3, Dataset, Inputs, Targets};
use neuroglow_core::metrics::evaluate;
use neuroglow_core::optimizer::Optimizer;
use neuroglow_core::{
    model_file, schedule, Activation, Error, Loss, NetConfig, Network, OptimizerKind, Stepper,
    Trainer,
};
use rand::rngs::StdRng;
use rand::SeedableRng;

fn net(sizes: &[usize], activation: Activation, bias: bool) -> Network {
    let cfg = NetConfig {
        sizes: sizes.to_vec(),
        activation,
        output_activation: Activation::Sigmoid,
        bias,
        ..NetConfig::default()
    };
    Network::new(&cfg, &mut StdRng::seed_from_u64(1))
}

/// Finding 1: a test set with fewer classes than the network's outputs crashed the worker.
#[test]
fn a_test_set_with_fewer_classes_than_outputs_is_evaluated() {
    let mut n = net(&[4, 3, 12], Activation::Sigmoid, true);
    // Make the network answer class 11, which the test labels (0..=9) never name.
    n.layers[1].biases[11] = 50.0;
    let data = Dataset::new(
        4,
        10,
        Inputs::Floats(vec![0.5; 4 * 5]),
        Targets::Classes(vec![0, 3, 9, 2, 1]),
    )
    .unwrap();
    let e = evaluate(&n, Loss::SquaredError, &data);
    assert_eq!((e.count, e.classes), (5, 12));
    assert_eq!(e.confusion.iter().sum::<u32>(), 5);
    assert_eq!(
        e.confusion[3 * 12 + 11],
        1,
        "the true 3 is booked as guessed 11"
    );
}

/// Finding 6: finite but huge weights made every output NaN, which the page read as a 0.
#[test]
fn outputs_that_overflow_are_an_error_not_a_reading() {
    let mut n = net(&[3, 4, 1], Activation::Linear, true);
    n.layers[0].weights.fill(3e38);
    // inf − inf at the output: NaN (what the page showed as "it reads a 0").
    n.layers[1]
        .weights
        .iter_mut()
        .enumerate()
        .for_each(|(i, w)| *w = if i % 2 == 0 { 3e38 } else { -3e38 });
    let e = n.predict(&[1.0, 1.0, 1.0]).unwrap_err();
    assert_eq!(e.code(), "model");
    // Loading such a model is refused, and the network that was there stays.
    let mut s = Stepper::new(
        Trainer::new(NetConfig {
            bias: true,
            ..NetConfig::default()
        })
        .unwrap(),
        xor3(),
        false,
    )
    .unwrap();
    let before = s.net().clone();
    let bytes = model_file::save(&n, Loss::SquaredError, "huge");
    assert_eq!(
        s.load_model(model_file::load(&bytes).unwrap())
            .unwrap_err()
            .code(),
        "model"
    );
    assert_eq!(s.net(), &before);
}

/// Finding 7: relu(NaN) = 0 kept the loss finite while the weights were NaN; training went on.
#[test]
fn nan_weights_behind_a_relu_stop_training() {
    let cfg = NetConfig {
        activation: Activation::Relu,
        ..NetConfig::default()
    };
    let mut s = Stepper::new(Trainer::new(cfg).unwrap(), xor3(), false).unwrap();
    s.trainer.net.layers[0].weights[(0, 0)] = f32::NAN;
    let r = s.train_cycles(3);
    assert!(matches!(r, Err(Error::Diverged(_))), "{r:?}");
    assert!(s
        .diverged
        .as_deref()
        .unwrap_or("")
        .contains("weights became infinite or not a number"));
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
    let cfg = NetConfig {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        ..NetConfig::default()
    };
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
    let data = Dataset::new(
        784,
        10,
        Inputs::Bytes(vec![7; 784 * 2]),
        Targets::Classes(vec![1, 2]),
    )
    .unwrap();
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
    assert!(loaded
        .net
        .layers
        .iter()
        .all(|l| l.biases.iter().all(|&b| b == 0.0)));
}

/// Finding 3: the loss history grew by a number per cycle forever (a tab left playing reached
/// wasm32's 4 GiB). It now thins itself: every entry kept is the loss of the cycle it names.
#[test]
fn the_loss_history_stays_bounded_and_true() {
    use neuroglow_core::budget::MAX_HISTORY;
    let build =
        || Stepper::new(Trainer::new(NetConfig::default()).unwrap(), xor3(), false).unwrap();
    let mut full = build();
    full.train_cycles(MAX_HISTORY as u64 - 1).unwrap();
    assert_eq!(
        (full.history.len(), full.history_stride),
        (MAX_HISTORY - 1, 1)
    );
    let mut long = build();
    long.train_cycles(3 * MAX_HISTORY as u64 + 5).unwrap();
    assert!(
        long.history.len() <= MAX_HISTORY,
        "{} entries",
        long.history.len()
    );
    assert_eq!(long.history_stride, 4);
    for (i, &loss) in long.history.iter().take(MAX_HISTORY / 4).enumerate() {
        assert_eq!(
            loss,
            full.history[i * 4],
            "entry {i} is cycle {}'s loss",
            i * 4 + 1
        );
    }
    assert!(long.last_loss().is_some_and(|l| l < full.history[0]));
    // Rewinding to an early snapshot restores that cycle's loss; training on forgets the rest.
    let snap = long.snapshots.iter().position(|s| s.cycle == 1000).unwrap();
    long.restore(snap).unwrap();
    assert_eq!(long.last_loss(), Some(full.history[999]));
    long.step_cycle().unwrap();
    assert_eq!(long.history.len(), 1001usize.div_ceil(4));
}

/// Finding 4: snapshots were capped by count (160), not bytes: with a large network and Adam
/// they alone could exceed wasm32's memory. Now they share a fixed number of bytes.
#[test]
fn snapshots_of_a_large_network_fit_their_share() {
    use neuroglow_core::budget::{snapshot_bytes, SNAPSHOT_BYTES};
    let cfg = NetConfig {
        sizes: vec![64, 1500, 1500, 4],
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.001,
        ..NetConfig::default()
    };
    let data = Dataset::new(
        64,
        4,
        Inputs::Floats(vec![0.5; 64]),
        Targets::Classes(vec![1]),
    )
    .unwrap();
    let mut s = Stepper::new(Trainer::new(cfg.clone()).unwrap(), data, false).unwrap();
    s.train_cycles(600).unwrap();
    let kept = s.snapshots.len() * snapshot_bytes(&cfg);
    assert!(
        s.snapshots.len() >= 2 && kept <= SNAPSHOT_BYTES,
        "{} snapshots, {} MiB",
        s.snapshots.len(),
        kept >> 20
    );
    assert_eq!(s.snapshots[0].cycle, 0, "the start is always kept");
    let newest = (0..=600)
        .rev()
        .find(|&c| schedule::is_snapshot_cycle(c))
        .unwrap();
    assert_eq!(
        s.snapshots.last().unwrap().cycle,
        newest,
        "the newest is always kept"
    );
}

/// Finding 8: layer limits bounded the parameters, not the memory: this passed validation and
/// needed about 423 MiB, 262 MiB of it activations for one batch of 1024. Refused now, with
/// the option to change and the biggest part named.
#[test]
fn settings_within_every_limit_but_over_the_memory_budget_are_refused() {
    use neuroglow_core::schema::{resolve, task, Value};
    let hidden: Vec<f64> = vec![1.0, 4096.0, 120.0, 4096.0, 120.0, 4096.0, 120.0, 4096.0];
    let given = |batch: f64| {
        vec![
            ("hidden".to_string(), Value::List(hidden.clone())),
            ("batchSize".to_string(), Value::Num(batch)),
        ]
    };
    let mnist = task("mnist").unwrap();
    let e = resolve(mnist, &given(1024.0), 784, 10).unwrap_err();
    assert_eq!((e.code(), e.option()), ("config", Some("batchSize")));
    assert!(
        e.detail().contains("activations") && e.detail().contains("384 MiB"),
        "{e}"
    );
    assert!(
        resolve(mnist, &given(64.0), 784, 10).is_ok(),
        "a smaller batch fits"
    );
    // Data counts too: the same refusal, as a data error, when the examples are what is big.
    let tiny = NetConfig {
        sizes: vec![400, 2, 10],
        ..NetConfig::default()
    };
    let n = 1_000_000;
    let many = Dataset::new(
        400,
        10,
        Inputs::Bytes(vec![0; 400 * n]),
        Targets::Classes(vec![0; n]),
    )
    .unwrap();
    let e = Stepper::new(Trainer::new(tiny).unwrap(), many, true)
        .err()
        .expect("refused");
    assert_eq!(e.code(), "data", "{e}");
    assert!(e.detail().contains("the data ("), "{e}");
}

/// Finding 5: a small gzip could expand to 256 MiB of 1×1 images (268 million examples) that
/// passed every check, and were decompressed in full first. The header's promise is checked
/// before anything big is read or allocated.
#[test]
fn a_gzip_bomb_is_refused_from_its_header() {
    use neuroglow_core::idx::{self, encode};
    use std::io::{Read, Write};
    let count = 16 << 20; // 16,777,216 one-pixel images: 16 MiB that gzip to ~16 KB.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&encode(&[count, 1, 1], &vec![0; count]))
        .unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 64 << 10, "{} bytes", bomb.len());
    /// Counts what the parser takes from the file.
    struct Counting<'a>(&'a [u8], usize);
    impl Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }
    let mut src = Counting(&bomb, 0);
    let e = idx::read(&mut src, bomb.len(), "images file").unwrap_err();
    assert!(e.to_string().contains("examples is too many"), "{e}");
    assert!(
        src.1 <= 16 << 10,
        "read {} of {} bytes before refusing",
        src.1,
        bomb.len()
    );
    // Too big a file is refused before a byte is read; so is a model file.
    let mut untouched = Counting(&bomb, 0);
    assert!(idx::read(&mut untouched, idx::MAX_FILE_BYTES + 1, "images file").is_err());
    assert_eq!(untouched.1, 0);
    assert_eq!(
        model_file::load(&vec![0; model_file::MAX_BYTES + 1])
            .unwrap_err()
            .code(),
        "model"
    );
}

/// Found by the property tests: Train while a probe was part-way through left the example "in
/// progress" at its Update phase, and the next step or train looped forever (a frozen tab).
#[test]
fn training_during_a_probe_then_stepping_does_not_hang() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut s =
            Stepper::new(Trainer::new(NetConfig::default()).unwrap(), xor3(), false).unwrap();
        s.probe(&[1.0, 1.0, 0.0]).unwrap();
        s.step_phase().unwrap();
        s.train_cycles(3).unwrap();
        s.step_example().unwrap();
        s.train_cycles(3).unwrap();
        s.step_cycle().unwrap();
        let _ = done.send(s.cycle);
    });
    let cycle = finished
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("stepping after a probe returns");
    assert_eq!(cycle, 7);
}

/// Finding 5 (test data): a test set is checked against the budget together with the training set.
#[test]
fn training_and_test_data_together_must_fit_the_budget() {
    let n = 500_000;
    let set = || {
        Dataset::new(
            400,
            10,
            Inputs::Bytes(vec![0; 400 * n]),
            Targets::Classes(vec![0; n]),
        )
        .unwrap()
    };
    let s = Stepper::new(
        Trainer::new(NetConfig {
            sizes: vec![400, 2, 10],
            ..NetConfig::default()
        })
        .unwrap(),
        set(),
        true,
    )
    .unwrap();
    let e = s.check_test_data(&set()).unwrap_err();
    assert_eq!(e.code(), "data");
    assert!(e.detail().contains("the data ("), "{e}");
    assert!(s.check_test_data(&set().head(1000)).is_ok());
    let other = Dataset::new(
        16,
        10,
        Inputs::Bytes(vec![0; 16]),
        Targets::Classes(vec![0]),
    )
    .unwrap();
    assert!(s
        .check_test_data(&other)
        .unwrap_err()
        .to_string()
        .contains("do not match"));
}

/// Found by fuzzing (options): a fast run whose weights became infinite part-way still took the
/// snapshot at a cycle boundary inside the run, and rewinding to it cleared "diverged" while
/// bringing the broken weights back.
#[test]
fn no_snapshot_keeps_weights_that_diverged() {
    let cfg = NetConfig {
        activation: Activation::Relu,
        ..NetConfig::default()
    };
    let mut s = Stepper::new(Trainer::new(cfg).unwrap(), xor3(), false).unwrap();
    // A weight that is not a number behind a ReLU: the loss stays finite (relu(NaN) = 0).
    s.trainer.net.layers[0].weights[(0, 0)] = f32::NAN;
    let e = s.train_cycles(30).unwrap_err();
    assert_eq!(e.code(), "diverged");
    assert_eq!(
        s.snapshots.len(),
        1,
        "only the start's: every later one would hold the broken weights"
    );
    for i in 0..s.snapshots.len() {
        s.restore(i).unwrap();
        assert!(
            s.net().is_finite(),
            "snapshot {i} (cycle {}) holds weights that are not finite",
            s.snapshots[i].cycle
        );
    }
}
