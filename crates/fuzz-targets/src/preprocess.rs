//! Target `preprocess`: a drawing becomes the 28×28 input the network reads
//! (`Gray::from_rgba` then `to_mnist`, what `Reader.read` runs on every stroke).
//!
//! Input: a mode byte (b % 3), then
//! - 0, canvas: u16 width (1 + w % 1024), then RGBA bytes; the height is what the bytes fill;
//! - 1, raw: u32 width, u32 height (anything, huge included), then RGBA bytes of any length;
//! - 2, sparse: u16 width, u16 height (1 + % 300 each), then (u16 x, u16 y, ink byte) dots on an
//!   empty pad, as `Gray` directly (pads larger than the few bytes a fuzz input holds).
//!
//! Properties: no panic; either an input error, no ink (None), or exactly 784 values, each
//! finite and in [0, 1]; ink in the drawing gives ink in the result.

use crate::input::Input;
use neuroglow_core::preprocess::{to_mnist, Gray, FIELD};

pub fn run(data: &[u8]) {
    let mut input = Input::new(data);
    let gray = match input.below(3) {
        0 => {
            let width = 1 + input.u16() as usize % 1024;
            let rgba = input.rest();
            let height = rgba.len() / (4 * width);
            Gray::from_rgba(&rgba[..4 * width * height], width, height)
        }
        1 => {
            let (width, height) = (input.u32() as usize, input.u32() as usize);
            Gray::from_rgba(input.rest(), width, height)
        }
        _ => {
            let width = 1 + input.u16() as usize % 300;
            let height = 1 + input.u16() as usize % 300;
            let mut g = Gray {
                width,
                height,
                pixels: vec![0.0; width * height],
            };
            while !input.rest_is_empty() {
                let (x, y, ink) = (
                    input.u16() as usize % width,
                    input.u16() as usize % height,
                    input.byte(),
                );
                g.pixels[y * width + x] = ink as f32 / 255.0;
            }
            Ok(g)
        }
    };
    let gray = match gray {
        Ok(g) => g,
        Err(e) => {
            assert_eq!(e.code(), "input", "{e:?}");
            return;
        }
    };
    assert_eq!(gray.pixels.len(), gray.width * gray.height);
    assert!(
        gray.pixels.iter().all(|p| (0.0..=1.0).contains(p)),
        "ink outside [0, 1]"
    );
    let inked = gray.ink_bounds().is_some();
    match to_mnist(&gray) {
        Some(out) => {
            assert!(inked, "a result from an empty pad");
            assert_eq!(
                (out.width, out.height, out.pixels.len()),
                (FIELD, FIELD, FIELD * FIELD)
            );
            assert!(
                out.pixels
                    .iter()
                    .all(|p| p.is_finite() && (0.0..=1.0).contains(p)),
                "{:?}",
                out.pixels
            );
            assert!(out.pixels.iter().any(|&p| p > 0.0), "the ink vanished");
        }
        None => assert!(!inked, "ink, but no result"),
    }
}
