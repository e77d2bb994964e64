//! Target `evaluate`: `metrics::evaluate` of a small network on a data set whose class count
//! differs from the network's outputs (a test set with fewer or more classes than the training
//! set: once an index out of bounds in the confusion matrix), with labels, float targets or none.
//!
//! Input, byte by byte: inputs (1 + b % 6), hidden layers (b % 3), their sizes (1 + b % 8, two
//! bytes), outputs (1 + b % 12), hidden activation (b % 4: sigmoid, tanh, relu, linear), output
//! activation (b % 5, adds softmax), loss (b % 2), bias (b & 1), weights (b % 3: as initialised
//! from the seed byte that follows, from the stream in ±4, or extreme values), seed, targets
//! (b % 2: classes, floats), classes of the data (1 + b % 100), examples (u16 % 301, so batches
//! of 256 and a partial one), input kind (b & 1: bytes, floats in [0, 1]), three slice sizes
//! (3·b examples each, for `Evaluator`); then the stream that fills weights, inputs and labels.
//!
//! Properties: no panic; counts, the confusion matrix (a row and a column for every class the
//! data or the network can name, summing to the examples), predictions (each a network output),
//! the mistakes listed, accuracy and per-class accuracy in [0, 1]; evaluating a slice at a time
//! gives exactly the same; a finite loss unless the weights are extreme.

use crate::input::Input;
use neuroglow_core::dataset::{Dataset, Inputs, Targets};
use neuroglow_core::idx::MAX_CLASSES;
use neuroglow_core::{metrics, Activation, Init, Loss, NetConfig, Network};
use rand::SeedableRng;

const HIDDEN: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::Linear,
];
const EXTREME: [f32; 8] = [0.0, 1e30, -1e30, 3.4e38, -3.4e38, 1e-30, 88.0, -88.0];

pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let n_in = 1 + input.below(6);
    let hidden = input.below(3);
    let sizes_h = [1 + input.below(8), 1 + input.below(8)];
    let n_out = 1 + input.below(12);
    let activation = HIDDEN[input.below(4)];
    let output_activation = Activation::ALL[input.below(5)];
    let loss = [Loss::SquaredError, Loss::CrossEntropy][input.below(2)];
    let bias = input.flag();
    let weights = input.below(3);
    let seed = input.byte() as u64;
    let float_targets = input.flag();
    let classes = 1 + input.below(MAX_CLASSES);
    let count = input.u16() as usize % 301;
    let byte_inputs = input.flag();
    let slices = [input.byte(), input.byte(), input.byte()];
    let mut stream = input.stream();

    let mut sizes = vec![n_in];
    sizes.extend(&sizes_h[..hidden]);
    sizes.push(n_out);
    let mut cfg = NetConfig {
        sizes,
        activation,
        output_activation,
        loss,
        bias,
        init: Init::Xavier,
        ..NetConfig::default()
    };
    if cfg.validate().is_err() {
        cfg.loss = Loss::SquaredError; // cross-entropy needs a sigmoid or softmax output
    }
    cfg.validate().expect("a small network");
    let mut net = Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(seed));
    if weights > 0 {
        for l in &mut net.layers {
            let fill = |s: &mut crate::input::Stream| {
                if weights == 1 {
                    s.signed(4.0)
                } else {
                    EXTREME[s.byte() as usize % 8]
                }
            };
            l.weights.iter_mut().for_each(|w| *w = fill(&mut stream));
            if bias {
                l.biases.iter_mut().for_each(|b| *b = fill(&mut stream));
            }
        }
    }

    let inputs = if byte_inputs {
        Inputs::Bytes((0..count * n_in).map(|_| stream.byte()).collect())
    } else {
        Inputs::Floats((0..count * n_in).map(|_| stream.unit()).collect())
    };
    let (d, classes) = if float_targets {
        let t = Targets::Floats((0..count * n_out).map(|_| stream.unit()).collect());
        (
            Dataset::new(n_in, n_out, inputs, t).expect("float targets of the network's size"),
            None,
        )
    } else {
        let labels = (0..count)
            .map(|_| (stream.byte() as usize % classes) as u8)
            .collect();
        (
            Dataset::new(n_in, classes, inputs, Targets::Classes(labels))
                .expect("labels below the classes"),
            Some(classes),
        )
    };

    let e = metrics::evaluate(&net, cfg.loss, &d);
    let k = classes.unwrap_or(n_out).max(n_out);
    assert_eq!((e.count, e.classes, e.confusion.len()), (count, k, k * k));
    assert!(e.correct <= count);
    assert!((0.0..=1.0).contains(&e.accuracy()));
    let per = e.per_class();
    assert_eq!(per.len(), k);
    assert!(per.iter().all(|a| (0.0..=1.0).contains(a)), "{per:?}");
    if classes.is_some() {
        assert_eq!(e.predictions.len(), count);
        assert!(
            e.predictions.iter().all(|&p| (p as usize) < n_out),
            "a prediction beyond the outputs"
        );
        assert_eq!(
            e.confusion.iter().map(|&c| c as usize).sum::<usize>(),
            count
        );
        for c in 0..k {
            let row: u32 = e.confusion[c * k..(c + 1) * k].iter().sum();
            let labelled = (0..count).filter(|&i| d.label(i) == Some(c)).count();
            assert_eq!(row as usize, labelled, "row {c} of the confusion matrix");
            assert!(
                e.confusion[c * k + n_out..(c + 1) * k]
                    .iter()
                    .all(|&x| x == 0),
                "a column no output names"
            );
        }
    } else {
        assert!(e.predictions.is_empty());
        assert!(e.confusion.iter().all(|&c| c == 0));
    }
    // The examples it got wrong are those whose prediction is not their label.
    let wrong: Vec<usize> = e.mistakes(&d).collect();
    let diagonal: u32 = (0..k).map(|c| e.confusion[c * k + c]).sum();
    assert_eq!(
        wrong.len(),
        if classes.is_some() {
            count - diagonal as usize
        } else {
            0
        }
    );
    assert!(wrong
        .iter()
        .all(|&i| d.label(i) != Some(e.predictions[i] as usize)));

    // A slice at a time (whole batches of 256; the page answers Pause in between): the same.
    let mut sliced = metrics::Evaluator::new(&net, &d);
    for s in slices {
        let before = sliced.done();
        let done = sliced.run(&net, cfg.loss, &d, s as usize * 3);
        assert!(sliced.done() >= before && sliced.done() <= count);
        assert_eq!(done, sliced.done() == count);
    }
    sliced.run(&net, cfg.loss, &d, usize::MAX);
    let sliced = sliced.finish();
    assert!(
        sliced.mean_loss == e.mean_loss || (sliced.mean_loss.is_nan() && e.mean_loss.is_nan()),
        "loss in slices"
    );
    let no_loss = |x: &metrics::Evaluation| metrics::Evaluation {
        mean_loss: 0.0,
        ..x.clone()
    };
    assert_eq!(no_loss(&sliced), no_loss(&e), "evaluation in slices");

    if weights < 2 {
        // Moderate weights, small layers, inputs in [0, 1]: nothing can overflow.
        assert!(
            e.mean_loss.is_finite(),
            "loss {} from moderate weights",
            e.mean_loss
        );
    }
}
