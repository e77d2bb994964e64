//! Target `strokes`: the pen's points become ink and the network's input
//! (`raster::Strokes::new`, `raster::paint`, `Preprocessor::run`: what `Reader.readStrokes` runs
//! on every pointer move).
//!
//! Input: a side byte (8 + b % 120 pixels: small pads keep the fuzzer fast; the maths does not
//! depend on the size), a pen byte (b / 255 × 0.3 of the side), then strokes: a length byte
//! (1 + b % 32 points; 0 with the top bit set: a stroke end list that lies, to reach the shape
//! checks) and per point two i16 coordinates (k / 8192: −4 … 4 sides, the pad being 0 … 1) —
//! except that the values i16::MIN and i16::MAX stand for NaN and 1e30.
//!
//! Properties: no panic; malformed strokes are an input error; painting the strokes as they
//! grow (`Painter`) gives the ink painting them whole gives; ink in [0, 1]; no ink from points
//! all beyond one edge of the pad; the same preprocessor reused across drawings gives
//! what a fresh one gives; the input is 784 values in [0, 1].

use crate::input::Input;
use neuroglow_core::preprocess::{to_mnist, Gray, Preprocessor, FIELD};
use neuroglow_core::raster::{paint, Painter, Strokes};
use std::cell::RefCell;

thread_local! {
    /// One preprocessor for every input of a run, as a Reader keeps one.
    static REUSED: RefCell<(Preprocessor, Gray, Painter)> = RefCell::default();
}

pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let side = 8 + input.below(120);
    let pen = input.byte() as f32 / 255.0 * 0.3;
    let (mut xy, mut ends) = (Vec::new(), Vec::new());
    while !input.rest_is_empty() && xy.len() < 4096 {
        let b = input.byte();
        if b & 0x80 != 0 && b & 0x1f == 0 {
            ends.push(input.u16() as u32); // a lying end
            continue;
        }
        for _ in 0..1 + (b as usize % 32) {
            for _ in 0..2 {
                let k = input.u16() as i16;
                xy.push(match k {
                    i16::MIN => f32::NAN,
                    i16::MAX => 1e30,
                    k => k as f32 / 8192.0,
                });
            }
        }
        ends.push((xy.len() / 2) as u32);
    }
    let strokes = match Strokes::new(&xy, &ends) {
        Ok(s) => s,
        Err(e) => {
            assert_eq!(e.code(), "input", "{e:?}");
            return;
        }
    };
    REUSED.with(|cell| {
        let (pre, ink, painter) = &mut *cell.borrow_mut();
        paint(strokes, pen, side, ink);
        // Painted as the pad grows it (the strokes before the last, then the last a few points
        // at a time), after whatever the painter painted for the previous input: the same ink.
        let k = ends.len();
        if k > 0 {
            let (first, last) = (
                if k > 1 { ends[k - 2] as usize } else { 0 },
                ends[k - 1] as usize,
            );
            for n in [first + 1, (first + last).div_ceil(2), last] {
                if n <= first || n > last {
                    continue;
                }
                let mut grown = ends.clone();
                grown[k - 1] = n as u32;
                painter.paint(Strokes::new(&xy[..2 * n], &grown).unwrap(), pen, side);
            }
        }
        if k > 0 {
            assert_eq!(painter.ink(), &*ink, "painting as the strokes grow differs");
        }
        assert_eq!(
            (ink.width, ink.height, ink.pixels.len()),
            (side, side, side * side)
        );
        assert!(
            ink.pixels.iter().all(|p| (0.0..=1.0).contains(p)),
            "ink outside [0, 1]"
        );
        // A curve stays within the hull of its points: points all beyond one edge of the pad (by
        // more than the pen's reach) leave no ink on it.
        let reach = pen / 2.0 + 1.5 / side as f32;
        let all = |f: &dyn Fn(f32, f32) -> bool| xy.chunks_exact(2).all(|p| f(p[0], p[1]));
        let beyond = all(&|x, _| x < -reach)
            || all(&|x, _| x > 1.0 + reach)
            || all(&|_, y| y < -reach)
            || all(&|_, y| y > 1.0 + reach);
        let inked = ink.pixels.iter().any(|&p| p > 0.0);
        assert!(
            !(beyond && inked),
            "ink on the pad from points all beyond one edge"
        );
        let fresh = to_mnist(ink);
        let reused = pre.run(ink).map(|s| s.field.clone());
        assert_eq!(
            fresh, reused,
            "a reused preprocessor differs from a fresh one"
        );
        if let Some(field) = reused {
            assert_eq!(field.pixels.len(), FIELD * FIELD);
            assert!(field.pixels.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    });
}
