//! The generated seed corpora: small valid inputs of every kind each target reads, and the
//! near misses around them. `cargo test -p neuroglow-fuzz-targets -- --ignored write_seeds`
//! writes them to `crates/fuzz/seeds/<target>/`; crash regressions sit next to them by hand.

use crate::{idx as idx_target, model::fnv1a, options as opt};
use neuroglow_core::idx::encode;
use neuroglow_core::model_file;
use neuroglow_core::schema::OPTIONS;
use neuroglow_core::{Activation, Loss, NetConfig, Network};
use rand::SeedableRng;
use std::io::Write;

type Seed = (&'static str, String, Vec<u8>);

pub fn all() -> Vec<Seed> {
    let mut out = Vec::new();
    out.extend(idx().into_iter().map(|(n, b)| ("idx", n.to_string(), b)));
    out.extend(
        model()
            .into_iter()
            .map(|(n, b)| ("model", n.to_string(), b)),
    );
    out.extend(
        evaluate()
            .into_iter()
            .map(|(n, b)| ("evaluate", n.to_string(), b)),
    );
    out.extend(
        preprocess()
            .into_iter()
            .map(|(n, b)| ("preprocess", n.to_string(), b)),
    );
    out.extend(
        options()
            .into_iter()
            .map(|(n, b)| ("options", n.to_string(), b)),
    );
    out.extend(
        batch()
            .into_iter()
            .map(|(n, b)| ("batch", n.to_string(), b)),
    );
    out.extend(
        strokes()
            .into_iter()
            .map(|(n, b)| ("strokes", n.to_string(), b)),
    );
    out
}

/// Strokes on a pad of `side` (8 + b % 120) with pen byte `pen`: points as shares of the side.
fn pen_input(side: u8, pen: u8, strokes: &[&[(f32, f32)]]) -> Vec<u8> {
    let mut v = vec![side.wrapping_sub(8), pen];
    for s in strokes {
        v.push((s.len() - 1) as u8);
        for &(x, y) in *s {
            for c in [x, y] {
                let k = if c.is_nan() {
                    i16::MIN
                } else if c > 4.0 {
                    i16::MAX
                } else {
                    (c * 8192.0) as i16
                };
                v.extend_from_slice(&k.to_le_bytes());
            }
        }
    }
    v
}

fn strokes() -> Vec<(&'static str, Vec<u8>)> {
    let one: &[(f32, f32)] = &[(0.5, 0.15), (0.5, 0.5), (0.5, 0.85)];
    let two: &[(f32, f32)] = &[
        (0.3, 0.3),
        (0.5, 0.1),
        (0.7, 0.3),
        (0.3, 0.85),
        (0.75, 0.85),
    ];
    let bar: &[(f32, f32)] = &[(0.2, 0.5), (0.8, 0.5)];
    let mut lying = pen_input(100, 64, &[one]);
    lying.extend_from_slice(&[0x80, 9, 0]); // an end list that claims point 9
    vec![
        ("one", pen_input(100, 64, &[one])),
        ("two", pen_input(120, 64, &[two])),
        (
            "four-two-strokes",
            pen_input(
                60,
                64,
                &[
                    &[(0.35, 0.15), (0.25, 0.55), (0.7, 0.55)],
                    &[(0.6, 0.2), (0.6, 0.9)],
                ],
            ),
        ),
        ("dot", pen_input(50, 64, &[&[(0.5, 0.5)]])),
        (
            "plus",
            pen_input(40, 200, &[bar, &[(0.5, 0.2), (0.5, 0.8)]]),
        ),
        (
            "off-the-pad",
            pen_input(30, 64, &[&[(-2.0, -2.0), (3.0, -1.0)]]),
        ),
        (
            "grazing-the-edge",
            pen_input(30, 255, &[&[(-0.1, 0.5), (-0.1, 0.6)]]),
        ),
        ("nan-point", pen_input(30, 64, &[&[(0.5, f32::NAN)]])),
        (
            "huge-point",
            pen_input(30, 64, &[&[(0.5, 0.5), (5.0, 5.0)]]),
        ),
        ("zero-pen", pen_input(30, 0, &[one])),
        ("lying-end", lying),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Deterministic filler bytes.
fn noise(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn idx() -> Vec<(&'static str, Vec<u8>)> {
    let pixels: Vec<u8> = (0..2 * 4 * 4).map(|i| (i * 8) as u8).collect();
    let (img, lab) = (encode(&[2, 4, 4], &pixels), encode(&[2], &[3, 7]));
    let e = idx_target::encode;
    // A 28×28 "1": MNIST's shape.
    let mut digit = vec![0u8; 28 * 28];
    for y in 4..24 {
        digit[y * 28 + 14] = 255;
        digit[y * 28 + 13] = 128;
    }
    vec![
        ("valid-raw", e(&img, &lab)),
        ("valid-gzip", e(&gzip(&img), &gzip(&lab))),
        ("valid-gzip-images-raw-labels", e(&gzip(&img), &lab)),
        (
            "valid-mnist-digit",
            e(&encode(&[1, 28, 28], &digit), &encode(&[1], &[1])),
        ),
        (
            "valid-mnist-digit-gzip",
            e(
                &gzip(&encode(&[1, 28, 28], &digit)),
                &gzip(&encode(&[1], &[1])),
            ),
        ),
        (
            "valid-99-classes",
            e(
                &encode(&[3, 2, 2], &noise(12, 1)),
                &encode(&[3], &[0, 57, 99]),
            ),
        ),
        (
            "valid-64x64-zeros-gzip",
            e(
                &gzip(&encode(&[1, 64, 64], &[0; 64 * 64])),
                &encode(&[1], &[0]),
            ),
        ),
        ("label-200", e(&img, &encode(&[2], &[1, 200]))),
        ("truncated-header", e(&img[..6], &lab)),
        ("truncated-data", e(&img[..img.len() - 3], &lab)),
        ("truncated-gzip", e(&gzip(&img)[..20], &lab)),
        ("swapped", e(&lab, &img)),
        (
            "no-examples",
            e(&encode(&[0, 4, 4], &[]), &encode(&[0], &[])),
        ),
        (
            "huge-dimensions",
            e(&encode(&[0xFFFF_FFFF, 0xFFFF_FFFF, 2], &[]), &lab),
        ),
        (
            "not-square",
            e(&encode(&[1, 2, 3], &[0; 6]), &encode(&[1], &[0])),
        ),
        ("count-mismatch", e(&img, &encode(&[3], &[1, 2, 3]))),
        ("extra-byte", e(&[&img[..], &[0]].concat(), &lab)),
        ("floats", e(&[&[0, 0, 0x0D], &img[3..]].concat(), &lab)),
        (
            "four-dimensions",
            e(&encode(&[1, 1, 2, 2], &[9; 4]), &encode(&[1], &[0])),
        ),
    ]
}

/// A model file from header text and numbers, with a correct checksum.
fn ngm(header: &str, numbers: &[f32]) -> Vec<u8> {
    let mut out = b"NGLWMDL1".to_vec();
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    numbers
        .iter()
        .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    let sum = fnv1a(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn net(
    sizes: &[usize],
    activation: Activation,
    output: Activation,
    loss: Loss,
    bias: bool,
) -> (Network, Loss) {
    let cfg = NetConfig {
        sizes: sizes.to_vec(),
        activation,
        output_activation: output,
        loss,
        bias,
        ..NetConfig::default()
    };
    cfg.validate().unwrap();
    let mut n = Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(1));
    if bias {
        n.layers
            .iter_mut()
            .for_each(|l| l.biases.iter_mut().for_each(|b| *b = 0.25));
    }
    (n, loss)
}

fn model() -> Vec<(&'static str, Vec<u8>)> {
    use Activation::*;
    let save = |(n, l): (Network, Loss), note: &str| model_file::save(&n, l, note);
    let sigmoid = save(
        net(&[4, 3, 2], Sigmoid, Sigmoid, Loss::SquaredError, false),
        "",
    );
    let mut huge = net(&[3, 2, 1], Linear, Linear, Loss::SquaredError, true);
    huge.0
        .layers
        .iter_mut()
        .for_each(|l| l.weights.iter_mut().for_each(|w| *w = 1e30));
    let mut v2 = sigmoid.clone();
    v2[8] = 2;
    let header =
        |sizes: &str, acts: &str, rest: &str| format!("sizes={sizes}\nactivations={acts}\n{rest}");
    vec![
        ("valid-sigmoid-4-3-2", sigmoid.clone()),
        (
            "valid-modern-6-5-4-3",
            save(
                net(&[6, 5, 4, 3], Relu, Softmax, Loss::CrossEntropy, true),
                "a seed, 12.5 %",
            ),
        ),
        (
            "valid-linear-2-1",
            save(
                net(&[2, 1], Sigmoid, Linear, Loss::SquaredError, true),
                "one layer",
            ),
        ),
        (
            "valid-tanh-5-4-2",
            save(net(&[5, 4, 2], Tanh, Sigmoid, Loss::CrossEntropy, true), ""),
        ),
        (
            "valid-draw-784-1-10",
            save(
                net(&[784, 1, 10], Relu, Softmax, Loss::CrossEntropy, true),
                "reads drawings",
            ),
        ),
        (
            "overflowing-weights",
            save(huge, "finite weights, infinite outputs"),
        ),
        ("truncated", sigmoid[..sigmoid.len() - 10].to_vec()),
        ("version-2", v2),
        ("not-a-model", b"hello, this is not a model".to_vec()),
        (
            "bias-false-with-biases",
            ngm(
                &header("2,1", "sigmoid", "loss=squared_error\nbias=false\nnote=\n"),
                &[0.5, -0.5, 7.0],
            ),
        ),
        (
            "bad-size",
            ngm(
                &header("2,x", "sigmoid", "loss=squared_error\nbias=true\n"),
                &[],
            ),
        ),
        (
            "zero-size",
            ngm(
                &header("2,0,1", "relu,sigmoid", "loss=squared_error\nbias=true\n"),
                &[],
            ),
        ),
        (
            "softmax-hidden",
            ngm(
                &header(
                    "1,2,1",
                    "softmax,sigmoid",
                    "loss=squared_error\nbias=false\n",
                ),
                &[0.0; 7],
            ),
        ),
        (
            "mixed-hidden",
            ngm(
                &header(
                    "1,1,1,1",
                    "relu,tanh,sigmoid",
                    "loss=squared_error\nbias=false\n",
                ),
                &[0.0; 6],
            ),
        ),
        (
            "cross-entropy-relu",
            ngm(
                &header("1,1", "relu", "loss=cross_entropy\nbias=false\n"),
                &[0.0; 2],
            ),
        ),
        (
            "no-loss",
            ngm(&header("1,1", "sigmoid", "bias=false\n"), &[0.0; 2]),
        ),
        (
            "too-many-numbers",
            ngm(
                &header("1,1", "sigmoid", "loss=squared_error\nbias=false\n"),
                &[0.0; 3],
            ),
        ),
        (
            "nan-weight",
            ngm(
                &header("1,1", "sigmoid", "loss=squared_error\nbias=false\n"),
                &[f32::NAN, 0.0],
            ),
        ),
        (
            "huge-sizes",
            ngm(
                &header(
                    "4096,4096,4096",
                    "relu,sigmoid",
                    "loss=squared_error\nbias=false\n",
                ),
                &[],
            ),
        ),
        ("header-length-past-end", {
            let mut f = sigmoid.clone();
            f[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
            f
        }),
    ]
}

/// The `evaluate` layout (see its module): network, then data, then the stream.
#[allow(clippy::too_many_arguments)]
fn eval_input(
    n_in: u8,
    hidden: &[u8],
    n_out: u8,
    act: u8,
    out_act: u8,
    loss: u8,
    bias: u8,
    weights: u8,
    float_targets: u8,
    classes: u8,
    count: u16,
    bytes: u8,
) -> Vec<u8> {
    let h = [
        hidden.first().copied().unwrap_or(1),
        hidden.get(1).copied().unwrap_or(1),
    ];
    let mut v = vec![
        n_in - 1,
        hidden.len() as u8,
        h[0] - 1,
        h[1] - 1,
        n_out - 1,
        act,
        out_act,
        loss,
        bias,
        weights,
        1,
        float_targets,
        classes - 1,
    ];
    v.extend_from_slice(&count.to_le_bytes());
    v.push(bytes);
    v.extend([0, 30, 90]); // slices of 0, 90 and 270 examples
    v.extend(noise(97, count as u32));
    v
}

fn evaluate() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        // The past bug: a test set naming fewer classes (3) than the network's 10 outputs.
        (
            "test-set-with-fewer-classes",
            eval_input(4, &[5], 10, 0, 0, 0, 1, 0, 0, 3, 20, 1),
        ),
        (
            "test-set-with-more-classes",
            eval_input(4, &[5], 3, 2, 4, 1, 1, 1, 0, 10, 300, 0),
        ),
        (
            "float-targets",
            eval_input(3, &[4, 3], 2, 1, 0, 1, 0, 1, 1, 1, 7, 0),
        ),
        (
            "extreme-weights",
            eval_input(2, &[], 4, 3, 3, 0, 1, 2, 0, 4, 9, 1),
        ),
        (
            "no-examples",
            eval_input(6, &[8, 8], 12, 2, 4, 1, 1, 0, 0, 100, 0, 0),
        ),
        (
            "one-output-one-class",
            eval_input(1, &[], 1, 0, 0, 0, 0, 0, 0, 1, 257, 1),
        ),
    ]
}

fn preprocess() -> Vec<(&'static str, Vec<u8>)> {
    // An 8×8 canvas with a white stroke down the middle, on transparent black.
    let mut stroke = vec![0u8; 8 * 8 * 4];
    for y in 1..7 {
        stroke[(y * 8 + 4) * 4..(y * 8 + 5) * 4].copy_from_slice(&[255, 255, 255, 255]);
    }
    let canvas = |w: u16, rgba: &[u8]| [&[0][..], &(w - 1).to_le_bytes(), rgba].concat();
    let raw =
        |w: u32, h: u32, rgba: &[u8]| [&[1][..], &w.to_le_bytes(), &h.to_le_bytes(), rgba].concat();
    let sparse = |w: u16, h: u16, dots: &[(u16, u16, u8)]| {
        let mut v = [&[2][..], &(w - 1).to_le_bytes(), &(h - 1).to_le_bytes()].concat();
        for &(x, y, ink) in dots {
            v.extend_from_slice(&x.to_le_bytes());
            v.extend_from_slice(&y.to_le_bytes());
            v.push(ink);
        }
        v
    };
    let line: Vec<(u16, u16, u8)> = (10..190).map(|y| (100, y, 255)).collect();
    vec![
        ("canvas-stroke", canvas(8, &stroke)),
        ("canvas-empty", canvas(8, &[0; 8 * 8 * 4])),
        ("canvas-noise", canvas(16, &noise(16 * 12 * 4, 3))),
        ("raw-stroke", raw(8, 8, &stroke)),
        ("raw-wrong-length", raw(2, 2, &[255; 15])),
        ("raw-zero-size", raw(0, 0, &[])),
        ("raw-overflowing-size", raw(u32::MAX, u32::MAX, &[255; 16])),
        ("raw-too-large", raw(4096, 4097, &[255; 16])),
        ("sparse-one-dot", sparse(280, 280, &[(140, 140, 255)])),
        (
            "sparse-far-corners",
            sparse(300, 300, &[(0, 0, 255), (299, 299, 20)]),
        ),
        ("sparse-thin-line", sparse(200, 200, &line)),
        (
            "sparse-below-threshold",
            sparse(50, 50, &[(10, 10, 12), (30, 40, 13)]),
        ),
        (
            "sparse-just-above-threshold",
            sparse(50, 50, &[(10, 10, 14)]),
        ),
        (
            "sparse-wide-row",
            sparse(300, 1, &[(0, 0, 255), (299, 0, 255)]),
        ),
    ]
}

/// An option's name byte.
fn name(n: &str) -> u8 {
    let all: Vec<&str> = OPTIONS
        .iter()
        .map(|o| o.name)
        .chain(opt::EXTRA_NAMES)
        .collect();
    all.iter().position(|&x| x == n).unwrap() as u8
}

/// Value encodings (see `options::value`).
fn text(s: &str) -> Vec<u8> {
    vec![
        2,
        0,
        opt::enum_values().iter().position(|&x| x == s).unwrap() as u8,
    ]
}
fn special(x: f64) -> Vec<u8> {
    debug_assert!(
        opt::NUMBERS
            .iter()
            .any(|&n| n == x || (n.is_nan() && x.is_nan())),
        "{x} is not in NUMBERS"
    );
    vec![
        1,
        0,
        opt::NUMBERS
            .iter()
            .position(|&n| n == x || (n.is_nan() && x.is_nan()))
            .unwrap() as u8,
    ]
}
fn float(x: f64) -> Vec<u8> {
    [&[1, 2][..], &x.to_bits().to_le_bytes()].concat()
}
fn int(x: u8) -> Vec<u8> {
    vec![1, 1, x]
}
fn boolean(b: bool) -> Vec<u8> {
    vec![0, b as u8]
}
fn layers(l: &[u8]) -> Vec<u8> {
    [
        &[3, l.len() as u8][..],
        &l.iter().map(|&n| n - 1).collect::<Vec<_>>(),
    ]
    .concat()
}

/// The `options` layout: task, side, examples, largest label, options, steps, stream.
fn opts(
    task: &str,
    side: u8,
    count: u8,
    largest: u8,
    given: &[(&str, Vec<u8>)],
    steps: &[(u8, u8)],
) -> Vec<u8> {
    let mut v = vec![
        opt::TASKS.iter().position(|&t| t == task).unwrap() as u8,
        side - 1,
        count - 1,
        largest,
        given.len() as u8,
    ];
    for (n, val) in given {
        v.push(name(n));
        v.extend(val);
    }
    v.push(steps.len() as u8 - 1);
    steps.iter().for_each(|&(op, arg)| v.extend([op, arg]));
    v.extend(noise(64, v.len() as u32));
    v
}

fn options() -> Vec<(&'static str, Vec<u8>)> {
    let phases = (0, 11);
    vec![
        (
            "xor3-defaults",
            opts("xor3", 1, 1, 0, &[], &[phases, (1, 0)]),
        ),
        (
            "xor2-adam",
            opts(
                "xor2",
                1,
                1,
                0,
                &[
                    ("optimizer", text("adam")),
                    ("learningRate", special(0.05)),
                    ("hidden", layers(&[4, 3])),
                ],
                &[(3, 19), (2, 0)],
            ),
        ),
        (
            "mnist-modern",
            opts(
                "mnist",
                5,
                8,
                9,
                &[("preset", text("modern"))],
                &[(3, 7), (5, 0), phases],
            ),
        ),
        (
            "images-3b1b-batch-4",
            opts(
                "images",
                4,
                8,
                12,
                &[("batchSize", int(4)), ("seed", special(9007199254740991.0))],
                &[(3, 7), (6, 0), (4, 0)],
            ),
        ),
        (
            "every-option",
            opts(
                "xor3",
                1,
                1,
                0,
                &[
                    ("hidden", layers(&[3, 2])),
                    ("activation", text("tanh")),
                    ("outputActivation", text("softmax")),
                    ("loss", text("cross_entropy")),
                    ("bias", boolean(true)),
                    ("init", text("he")),
                    ("optimizer", text("momentum")),
                    ("learningRate", float(0.3)),
                    ("momentum", special(0.9)),
                    ("batchSize", int(2)),
                    ("lrDecay", float(0.75)),
                    ("seed", int(42)),
                ],
                &[(4, 0), (2, 0), (5, 0)],
            ),
        ),
        (
            "learning-rate-0",
            opts(
                "xor3",
                1,
                1,
                0,
                &[("learningRate", special(0.0))],
                &[(1, 0)],
            ),
        ),
        (
            "learning-rate-100-diverges",
            opts(
                "xor2",
                1,
                1,
                0,
                &[
                    ("learningRate", special(100.0)),
                    ("outputActivation", text("linear")),
                    ("activation", text("linear")),
                    ("hidden", layers(&[64, 64])),
                ],
                &[(4, 0), (3, 19), (6, 0)],
            ),
        ),
        (
            "cross-entropy-relu",
            opts(
                "xor3",
                1,
                1,
                0,
                &[
                    ("loss", text("cross_entropy")),
                    ("outputActivation", text("relu")),
                ],
                &[(1, 0)],
            ),
        ),
        (
            "hidden-too-wide",
            opts("xor3", 1, 1, 0, &[("hidden", vec![3, 1, 229])], &[(1, 0)]),
        ),
        (
            "hidden-too-many",
            opts("xor3", 1, 1, 0, &[("hidden", layers(&[2; 11]))], &[(1, 0)]),
        ),
        (
            "momentum-rounds-to-1",
            opts(
                "xor3",
                1,
                1,
                0,
                &[("momentum", special(0.99999999))],
                &[(1, 0)],
            ),
        ),
        (
            "softmax-hidden",
            opts(
                "mnist",
                2,
                2,
                0,
                &[("activation", text("softmax"))],
                &[(1, 0)],
            ),
        ),
        (
            "preset-for-xor",
            opts("xor3", 1, 1, 0, &[("preset", text("modern"))], &[(1, 0)]),
        ),
        (
            "draw-builds-nothing",
            opts("draw", 1, 1, 0, &[("model", text("3b1b"))], &[(1, 0)]),
        ),
        ("unknown-task", opts("chess", 1, 1, 0, &[], &[(1, 0)])),
        (
            "unknown-option",
            opts("xor3", 1, 1, 0, &[("nonsense", boolean(true))], &[(1, 0)]),
        ),
        (
            "batch-size-fraction",
            opts("xor3", 1, 1, 0, &[("batchSize", special(1.5))], &[(1, 0)]),
        ),
        (
            "seed-beyond-2-53",
            opts(
                "xor3",
                1,
                1,
                0,
                &[("seed", special(9007199254740992.0))],
                &[(1, 0)],
            ),
        ),
        // The example: few parameters, but a batch of 1024 through 4096-wide layers.
        (
            "budget-refuses-wide-batch",
            opts(
                "mnist",
                5,
                2,
                9,
                &[
                    ("hidden", vec![3, 8, 0, 220, 222, 220, 222, 220, 222, 220]),
                    ("batchSize", special(1024.0)),
                ],
                &[(1, 0)],
            ),
        ),
        (
            "big-but-accepted",
            opts("mnist", 5, 2, 9, &[("hidden", vec![3, 1, 220])], &[(1, 0)]),
        ),
        (
            "no-hidden-layer",
            opts(
                "mnist",
                3,
                5,
                99,
                &[("hidden", layers(&[]))],
                &[(3, 4), (6, 0)],
            ),
        ),
    ]
}

/// The `batch` layout (see its module), then the stream.
#[allow(clippy::too_many_arguments)]
fn batch_input(
    n_in: u8,
    first: u8,
    more: &[u8],
    n_out: u8,
    act: u8,
    out_act: u8,
    loss: u8,
    bias: u8,
    b: u8,
    density: u8,
) -> Vec<u8> {
    let m = [
        more.first().copied().unwrap_or(1),
        more.get(1).copied().unwrap_or(1),
    ];
    let mut v = vec![
        n_in - 1,
        first,
        more.len() as u8,
        m[0] - 1,
        m[1] - 1,
        n_out - 1,
        act,
        out_act,
        loss,
        bias,
        7,
        b - 1,
        1,
        density,
    ];
    v.extend(noise(211, b as u32));
    v
}

fn batch() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        // MNIST-like sparse inputs into a 38-wide ReLU layer, softmax, cross-entropy: MNIST on wasm.
        (
            "sparse-relu-softmax",
            batch_input(47, 6, &[12], 4, 2, 4, 1, 1, 5, 50),
        ),
        (
            "dense-inputs",
            batch_input(40, 0, &[], 3, 0, 0, 0, 1, 8, 255),
        ),
        (
            "narrow-first-layer",
            batch_input(30, 200, &[5, 3], 2, 1, 0, 1, 0, 3, 60),
        ),
        (
            "all-zero-inputs",
            batch_input(20, 10, &[], 10, 2, 4, 1, 0, 12, 0),
        ),
        (
            "one-example",
            batch_input(1, 47, &[16, 16], 1, 3, 3, 0, 1, 1, 128),
        ),
    ]
}
