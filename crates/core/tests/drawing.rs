//! Drawings read like MNIST digits: test digits re-drawn on a 280×280 pad at other sizes and
//! places, then preprocessed, are classified as the originals.

use neuroglow_core::preprocess::{to_mnist, Gray};
use neuroglow_core::{idx, metrics::argmax, presets, Stepper, Trainer};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const PAD: usize = 280;

fn read(f: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../www/data/mnist/{f}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Draws a 28×28 digit onto the pad at `scale`, top-left corner at (ox, oy): each pad pixel
/// gets the source ink it covers (area coverage), as if the digit were printed at that size.
fn redraw(digit: &[f32], scale: f32, ox: usize, oy: usize) -> Gray {
    let mut pad = Gray {
        width: PAD,
        height: PAD,
        pixels: vec![0.0; PAD * PAD],
    };
    let size = (28.0 * scale).ceil() as usize;
    // coverage[p] = [(source index, fraction of pad pixel p it covers)]
    let coverage: Vec<Vec<(usize, f32)>> = (0..size)
        .map(|p| {
            let (a, b) = (p as f32 / scale, (p + 1) as f32 / scale);
            (a.floor() as usize..(b.ceil() as usize).min(28))
                .map(|s| {
                    (
                        s,
                        ((b.min(s as f32 + 1.0) - a.max(s as f32)) * scale).max(0.0),
                    )
                })
                .collect()
        })
        .collect();
    for (py, cy) in coverage.iter().enumerate() {
        for (px, cx) in coverage.iter().enumerate() {
            let v: f32 = cy
                .iter()
                .flat_map(|&(sy, wy)| {
                    cx.iter()
                        .map(move |&(sx, wx)| digit[sy * 28 + sx] * wx * wy)
                })
                .sum();
            if ox + px < PAD && oy + py < PAD {
                pad.pixels[(oy + py) * PAD + ox + px] = v;
            }
        }
    }
    pad
}

#[test]
fn redrawn_test_digits_are_read_as_the_originals() {
    let train = idx::image_dataset(
        &read("train-images-idx3-ubyte.gz"),
        &read("train-labels-idx1-ubyte.gz"),
    )
    .unwrap();
    let test = idx::image_dataset(
        &read("t10k-images-idx3-ubyte.gz"),
        &read("t10k-labels-idx1-ubyte.gz"),
    )
    .unwrap();
    let cfg = presets::preset("modern", 784, 10).unwrap();
    let mut s = Stepper::new(Trainer::new(cfg).unwrap(), train, true).unwrap();
    s.train_cycles(3).unwrap();
    let net = s.net();

    let mut rng = StdRng::seed_from_u64(42);
    let cases = 1000;
    let mut same = 0;
    for i in 0..cases {
        let digit = test.input(i);
        let original = argmax(&net.predict(&digit).unwrap());
        // Sizes from a small scribble (2.5× → 70 px) to filling the pad (9.5× → 266 px).
        let scale = rng.random_range(2.5f32..9.5);
        let room = PAD - (28.0 * scale) as usize;
        let (ox, oy) = (rng.random_range(0..=room), rng.random_range(0..=room));
        let input = to_mnist(&redraw(&digit, scale, ox, oy)).expect("a digit has ink");
        if argmax(&net.predict(&input.pixels).unwrap()) == original {
            same += 1;
        }
    }
    let rate = same as f32 / cases as f32;
    println!(
        "{same}/{cases} redrawn digits read as the originals ({:.1}%)",
        rate * 100.0
    );
    assert!(rate >= 0.97, "only {:.1}% agree", rate * 100.0);
}

#[test]
fn mnist_digits_pass_through_the_pipeline_unchanged() {
    let test = idx::image_dataset(
        &read("t10k-images-idx3-ubyte.gz"),
        &read("t10k-labels-idx1-ubyte.gz"),
    )
    .unwrap();
    let mut total = 0.0;
    for i in 0..1000 {
        let digit = Gray {
            width: 28,
            height: 28,
            pixels: test.input(i),
        };
        let out = to_mnist(&digit).unwrap();
        let diff: f32 = out
            .pixels
            .iter()
            .zip(&digit.pixels)
            .map(|(a, b)| (a - b).abs())
            .sum();
        // Never more than one pixel's worth of ink moves (rounding of the centre).
        assert!(diff < 1.0, "digit {i} changed by {diff}");
        total += diff;
    }
    assert!(total / 1000.0 < 0.01, "mean change {}", total / 1000.0);
}
