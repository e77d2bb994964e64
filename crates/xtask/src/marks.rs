//! Non-digits drawn with the pad's pen, for training the "no digit" answer (outlier exposure):
//! random pen marks painted with `raster::paint` at `raster::SIDE` and read with
//! `preprocess::to_mnist`, as the page reads a drawing. Made independently of the scribbles the
//! verdict is checked on (`drawn::scribbles`): every mark here is a Catmull-Rom spline through
//! random points — a scrawl of 1–4 strokes, a line of "handwriting" (a spline wandering along
//! a row), or a short fat smear — never a template shape.

use crate::drawn::{catmull_rom, push_bytes, Rng, P};
use neuroglow_core::preprocess::{to_mnist, Gray};
use neuroglow_core::raster::{self, Strokes};

/// Spacing of the points along a spline (shares of the pad's side).
const STEP: f32 = 0.008;

fn range(rng: &mut Rng, lo: f32, hi: f32) -> f32 {
    lo + (hi - lo) * rng.unit()
}

/// A centripetal-free (uniform) Catmull-Rom spline through `pts`, as points about STEP apart.
fn spline(pts: &[P]) -> Vec<P> {
    let n = pts.len();
    let mut out = vec![pts[0]];
    for i in 0..n - 1 {
        let p0 = pts[i.saturating_sub(1)];
        let (p1, p2) = (pts[i], pts[i + 1]);
        let p3 = pts[(i + 2).min(n - 1)];
        let len = ((p2.0 - p1.0).powi(2) + (p2.1 - p1.1).powi(2)).sqrt();
        let k = ((len / STEP).ceil() as usize).clamp(1, 400);
        for j in 1..=k {
            out.push(catmull_rom([p0, p1, p2, p3], j as f32 / k as f32));
        }
    }
    out
}

/// One mark's strokes (pad shares) and pen width.
fn mark(rng: &mut Rng) -> (Vec<Vec<P>>, f32) {
    // The mark's box on the pad.
    let w = range(rng, 0.3, 0.85);
    let h = range(rng, 0.3, 0.85);
    let (x0, y0) = (range(rng, 0.05, 0.95 - w), range(rng, 0.05, 0.95 - h));
    let inside = |rng: &mut Rng| (x0 + w * rng.unit(), y0 + h * rng.unit());
    let pen = raster::PEN * range(rng, 0.5, 1.6);
    match rng.below(4) {
        // Scrawl: 1–4 strokes through 3–10 random points each, at least 6 points in all (so
        // a lone arc that might read as a 1 or a 7 is rare).
        0 => {
            let strokes = 1 + rng.below(4);
            let mut out = Vec::new();
            let mut total = 0;
            for s in 0..strokes {
                let min = if s + 1 == strokes {
                    6usize.saturating_sub(total).max(3)
                } else {
                    3
                };
                let k = min.max(3 + rng.below(8)).min(10);
                total += k;
                let pts: Vec<P> = (0..k).map(|_| inside(rng)).collect();
                out.push(spline(&pts));
            }
            (out, pen)
        }
        // Handwriting: a spline wandering left to right along a row, 7–14 points, the row
        // written once or twice.
        1 => {
            let rows = 1 + rng.below(2);
            let mut out = Vec::new();
            for r in 0..rows {
                let k = 7 + rng.below(8);
                let band = h / rows as f32;
                let pts: Vec<P> = (0..k)
                    .map(|i| {
                        // Sometimes stepping back, so the spline loops as cursive does.
                        let x = x0 + w * (i as f32 + 1.8 * rng.unit() - 0.6) / k as f32;
                        (x, y0 + band * (r as f32 + rng.unit()))
                    })
                    .collect();
                out.push(spline(&pts));
            }
            (out, pen * 0.8)
        }
        // Fragments: 4–9 short strokes of 2–3 points, scattered over the box.
        2 => {
            let strokes = 4 + rng.below(6);
            let out = (0..strokes)
                .map(|_| {
                    let c = inside(rng);
                    let r = range(rng, 0.03, 0.12);
                    let pts: Vec<P> = (0..2 + rng.below(2))
                        .map(|_| {
                            (
                                c.0 + r * (2.0 * rng.unit() - 1.0),
                                c.1 + r * (2.0 * rng.unit() - 1.0),
                            )
                        })
                        .collect();
                    spline(&pts)
                })
                .collect();
            (out, pen)
        }
        // Smear: 1–2 short strokes of 4–7 points in a small box, with a fat pen.
        _ => {
            let strokes = 1 + rng.below(2);
            let (cx, cy) = (x0 + w / 2.0, y0 + h / 2.0);
            let r = range(rng, 0.08, 0.2);
            let out = (0..strokes)
                .map(|_| {
                    let k = 4 + rng.below(4);
                    let pts: Vec<P> = (0..k)
                        .map(|_| {
                            (
                                cx + r * (2.0 * rng.unit() - 1.0),
                                cy + r * (2.0 * rng.unit() - 1.0),
                            )
                        })
                        .collect();
                    spline(&pts)
                })
                .collect();
            (out, raster::PEN * range(rng, 1.6, 3.5))
        }
    }
}

/// `n` pen marks as 28×28 bytes, the same for the same seed.
pub fn marks(n: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0x6d61_726b_7321);
    let mut canvas = Gray {
        width: 0,
        height: 0,
        pixels: Vec::new(),
    };
    let mut out = Vec::with_capacity(n * 784);
    let (mut xy, mut ends) = (Vec::new(), Vec::new());
    while out.len() < n * 784 {
        let (strokes, pen) = mark(&mut rng);
        xy.clear();
        ends.clear();
        for s in &strokes {
            for &(x, y) in s {
                xy.extend_from_slice(&[x, y]);
            }
            ends.push((xy.len() / 2) as u32);
        }
        let Ok(s) = Strokes::new(&xy, &ends) else {
            continue;
        };
        raster::paint(s, pen, raster::SIDE, &mut canvas);
        if let Some(g) = to_mnist(&canvas) {
            push_bytes(&g, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_deterministic_inked_and_in_range() {
        let a = marks(60, 7);
        assert_eq!(a.len(), 60 * 784);
        assert_eq!(a, marks(60, 7));
        assert_ne!(a, marks(60, 8));
        for m in a.chunks_exact(784) {
            let ink = m.iter().filter(|&&v| v > 64).count();
            assert!(ink >= 10, "a mark with {ink} inked pixels");
        }
        // Values are bytes, so in [0, 1] as inputs; the marks are not all alike.
        assert!(
            a.chunks_exact(784)
                .collect::<std::collections::HashSet<_>>()
                .len()
                == 60
        );
    }
}
