//! The presets on the real MNIST files the page serves: the accuracy claims of the README.

use neuroglow_core::dataset::Dataset;
use neuroglow_core::{idx, metrics, model_file, presets, NetConfig, Stepper, Trainer};

fn load(images: &str, labels: &str) -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/mnist/");
    let read =
        |f: &str| std::fs::read(format!("{dir}{f}")).unwrap_or_else(|e| panic!("{dir}{f}: {e}"));
    idx::image_dataset(&read(images), &read(labels)).unwrap()
}

fn train_preset(name: &str, epochs: u64) -> (Stepper, f32) {
    let train = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    let test = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    assert_eq!(
        (train.len(), test.len(), train.input_size, train.output_size),
        (60_000, 10_000, 784, 10)
    );
    let cfg: NetConfig = presets::preset(name, 784, 10).unwrap();
    let mut s = Stepper::new(Trainer::new(cfg.clone()).unwrap(), train, true).unwrap();
    s.train_cycles(epochs).unwrap();
    let e = metrics::evaluate(s.net(), cfg.loss, &test);
    assert_eq!(e.count, 10_000);
    assert_eq!(e.confusion.iter().sum::<u32>(), 10_000);
    println!(
        "{name}: {epochs} epochs → test accuracy {:.2}%",
        e.accuracy() * 100.0
    );
    (s, e.accuracy())
}

#[test]
fn the_3b1b_preset_reaches_92_percent_in_3_epochs() {
    let (s, acc) = train_preset("3b1b", 3);
    assert_eq!(s.net().parameter_count(), 13_002);
    assert!(acc >= 0.92, "3b1b test accuracy {acc}");
}

#[test]
fn the_modern_preset_reaches_97_5_percent_in_3_epochs() {
    let (s, acc) = train_preset("modern", 3);
    assert!(acc >= 0.975, "modern test accuracy {acc}");
    // A saved model reads back to the same predictions.
    let bytes = model_file::save(s.net(), s.trainer.config.loss, "test");
    let loaded = model_file::load(&bytes).unwrap();
    let x = s.data.input(0);
    assert_eq!(
        loaded.net.predict(&x).unwrap(),
        s.net().predict(&x).unwrap()
    );
}

#[test]
fn training_on_a_subset_is_deterministic_and_learns() {
    let train = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz").head(3000);
    let run = || {
        let cfg = presets::preset("modern", 784, 10).unwrap();
        let mut s = Stepper::new(Trainer::new(cfg).unwrap(), train.clone(), true).unwrap();
        s.train_cycles(2).unwrap();
        s
    };
    let (a, b) = (run(), run());
    assert_eq!(a.net(), b.net());
    assert!(a.history[1] < a.history[0]);
}

#[test]
fn the_shipped_pretrained_models_reach_their_stated_accuracy() {
    let test = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    for (name, floor) in [("modern", 0.98), ("3b1b", 0.92)] {
        let path = format!("{}/../../www/models/{name}.ngm", env!("CARGO_MANIFEST_DIR"));
        let model = model_file::load(&std::fs::read(&path).unwrap()).unwrap();
        let e = metrics::evaluate(&model.net, model.loss, &test);
        println!("{name}: {:.2}% — {}", e.accuracy() * 100.0, model.note);
        assert!(e.accuracy() >= floor, "{name}: {}", e.accuracy());
        // The note states the accuracy it was made with.
        assert!(
            model
                .note
                .contains(&format!("{:.2}%", e.accuracy() * 100.0)),
            "{}",
            model.note
        );
    }
}
