//! Target `model`: loading a `.ngm` model file (`model_file::load`, what `Reader.fromModel`
//! and `Playground.load` run on user files), then using what was loaded.
//!
//! Input: a model file. It is loaded as it is, and — when its checksum is wrong — once more
//! with the checksum fixed, so mutations get past the checksum into the header and the numbers.
//! Properties: nothing panics; a refusal is a model error; an accepted model is a valid network
//! whose forward pass on inputs in [0, 1] gives finite outputs or a clean error, that saves and
//! loads back unchanged, that evaluates, and that a playground on matching data can take and
//! train one step.

use crate::input::Input;
use neuroglow_core::config::MAX_PARAMETERS;
use neuroglow_core::dataset::{Dataset, Inputs, Targets};
use neuroglow_core::model_file::{self, Model};
use neuroglow_core::{metrics, Error, NetConfig, Stepper, Trainer};

/// The file's FNV-1a checksum (as `model_file` computes it).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

pub fn run(data: &[u8]) {
    let loaded = model_file::load(data);
    check(data, loaded);
    if data.len() >= 4 {
        let body = &data[..data.len() - 4];
        let sum = fnv1a(body).to_le_bytes();
        if data[data.len() - 4..] != sum {
            let mut fixed = body.to_vec();
            fixed.extend_from_slice(&sum);
            let loaded = model_file::load(&fixed);
            check(data, loaded);
        }
    }
}

fn check(data: &[u8], loaded: neuroglow_core::Result<Model>) {
    let m = match loaded {
        Ok(m) => m,
        Err(e) => {
            assert_eq!(e.code(), "model", "{e:?}");
            return;
        }
    };
    let net = &m.net;
    let sizes = net.sizes();
    assert!(
        sizes.len() >= 2 && sizes.iter().all(|&s| s > 0),
        "sizes {sizes:?}"
    );
    assert!(net.parameter_count() <= MAX_PARAMETERS);
    assert!(net.is_finite());
    if !net.bias {
        assert!(
            net.layers
                .iter()
                .all(|l| l.biases.iter().all(|&b| b == 0.0)),
            "a bias-less network with biases"
        );
    }
    for l in &net.layers[..net.layers.len() - 1] {
        assert_ne!(
            l.activation,
            neuroglow_core::Activation::Softmax,
            "softmax in a hidden layer"
        );
    }
    assert!(m.loss.supports(net.output_activation()));

    // Forward passes on inputs in [0, 1]: finite outputs of the right size, or a model error.
    let (n_in, n_out) = (net.input_size(), net.output_size());
    let mut stream = Input::new(data).stream();
    let inputs: Vec<Vec<f32>> = vec![
        vec![0.0; n_in],
        vec![1.0; n_in],
        vec![0.5; n_in],
        (0..n_in).map(|_| stream.unit()).collect(),
    ];
    for x in &inputs {
        match net.predict(x) {
            Ok(y) => assert!(y.len() == n_out && y.iter().all(|v| v.is_finite()), "{y:?}"),
            Err(e) => assert_eq!(e.code(), "model", "{e:?}"),
        }
    }
    assert_eq!(
        net.predict(&vec![0.0; n_in + 1]).map_err(|e| e.code()),
        Err("input")
    );

    // Saving gives a file that loads back as the same network.
    let again =
        model_file::load(&model_file::save(net, m.loss, &m.note)).expect("a saved model loads");
    assert_eq!(
        (&again.net, again.loss),
        (net, m.loss),
        "save then load changed the model"
    );

    // Evaluation over the inputs (the batch path), with class labels.
    let flat: Vec<f32> = inputs.concat();
    let labels: Vec<u8> = (0..inputs.len())
        .map(|i| (i % n_out.min(256)) as u8)
        .collect();
    let classes = Dataset::new(
        n_in,
        n_out.min(256),
        Inputs::Floats(flat.clone()),
        Targets::Classes(labels.clone()),
    );
    if let Ok(d) = &classes {
        let e = metrics::evaluate(net, m.loss, d);
        assert_eq!(
            (e.count, e.confusion.iter().sum::<u32>() as usize),
            (inputs.len(), inputs.len())
        );
    }

    // A playground on data of the model's shape takes it (or refuses it cleanly) and trains.
    let targets = Targets::Floats((0..inputs.len() * n_out).map(|_| stream.unit()).collect());
    let data = Dataset::new(n_in, n_out, Inputs::Floats(flat), targets)
        .expect("data of the model's shape");
    let base = NetConfig {
        sizes: vec![n_in, n_out],
        ..NetConfig::default()
    };
    let Ok(trainer) = Trainer::new(base) else {
        return;
    }; // wider than a layer may be
    let mut stepper = Stepper::new(trainer, data, false).expect("matching data");
    match stepper.load_model(m.clone()) {
        Ok(()) => {
            assert_eq!(stepper.net(), net);
            match stepper.train_examples(2) {
                Ok(()) => assert!(stepper.net().is_finite()),
                Err(e) => assert!(matches!(e, Error::Diverged(_)), "{e:?}"),
            }
        }
        Err(e) => assert_eq!(e.code(), "model", "{e:?}"),
    }
}
