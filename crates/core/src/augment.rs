//! Data augmentation: MNIST digits varied the way drawn digits vary, then normalised exactly as
//! the drawing pad's digits are (`preprocess::to_mnist`), so a network trained on them sees the
//! distribution the pad produces.
//!
//! Each example is warped on a 48×48 canvas in MNIST pixels (the 28×28 field with a margin of
//! 10, room for a digit grown or turned): a random affine map (rotation, scale per axis, shear,
//! sub-pixel shift) about the field's centre, an elastic distortion (Simard, Steinkraus & Platt
//! 2003: a random displacement field smoothed with a Gaussian of σ pixels, scaled by α), and a
//! change of stroke width (soft grey-level dilation or erosion: a blend with the 3×3 max or min
//! filter, repeated for more than one pixel). Then the canvas is cropped to its ink, scaled so
//! the long side is 20 and centred by mass, as every drawing is.
//!
//! Seeded (`StdRng`), so the same seed gives the same examples; the buffers are reused, so
//! warping allocates nothing (the final `to_mnist` does, as the pad's call does).

use crate::preprocess::{to_mnist, Gray, FIELD};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Side of the working canvas, in MNIST pixels.
pub const CANVAS: usize = 48;
const MARGIN: usize = (CANVAS - FIELD) / 2;
/// Field pixels an identity warp shifts a source pixel by: source (x, y) lands on canvas
/// (x + MARGIN, y + MARGIN).
const OFFSET: f32 = MARGIN as f32;
/// The displacement fields are made on a grid of half the canvas's resolution (with σ / 2)
/// and interpolated: the same smooth field for a quarter of the work.
const COARSE: usize = CANVAS / 2;

/// One example's transformation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Radians, clockwise on the screen (y points down).
    pub rotation: f32,
    /// Size factors along x and y (their ratio changes the digit's proportions).
    pub scale_x: f32,
    pub scale_y: f32,
    /// x moves by shear × (y − centre), y pointing down: negative leans the top to the right.
    pub shear: f32,
    /// Sub-pixel shift in MNIST pixels (changes how the ink falls on the pixel grid).
    pub shift_x: f32,
    pub shift_y: f32,
    /// Elastic distortion strength α (0 = none), in pixels per unit of smoothed noise.
    pub elastic_alpha: f32,
    /// Pixels added to (> 0) or taken from (< 0) each side of a stroke.
    pub stroke: f32,
    /// Ink multiplied by this (then clipped at 1): > 1 makes grey edges solid, as a pen's
    /// crisp strokes are.
    pub gain: f32,
}

impl Params {
    /// No change: a digit comes out as it went in (for MNIST digits, exactly).
    pub const IDENTITY: Params = Params {
        rotation: 0.0,
        scale_x: 1.0,
        scale_y: 1.0,
        shear: 0.0,
        shift_x: 0.0,
        shift_y: 0.0,
        elastic_alpha: 0.0,
        stroke: 0.0,
        gain: 1.0,
    };
}

/// The ranges parameters are drawn from (uniformly).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranges {
    /// Largest rotation either way, in degrees.
    pub rotation_deg: f32,
    /// Overall size factor, low..high.
    pub scale: (f32, f32),
    /// Largest |ln(scale_x / scale_y)|: how much wider or narrower a digit may get.
    pub aspect: f32,
    /// Shear, low..high.
    pub shear: (f32, f32),
    /// Largest shift either way, in pixels.
    pub shift: f32,
    /// Elastic α, low..high, and the smoothing σ (pixels).
    pub elastic_alpha: (f32, f32),
    pub elastic_sigma: f32,
    /// Stroke change per side in pixels, low..high.
    pub stroke: (f32, f32),
    /// Ink gain, low..high.
    pub gain: (f32, f32),
}

impl Default for Ranges {
    /// What the shipped models train with: drawn digits slant, turn, stretch and wobble more
    /// than MNIST's, and their strokes run from hairlines to a third of the digit's height.
    fn default() -> Self {
        Ranges {
            rotation_deg: 15.0,
            scale: (0.85, 1.15),
            aspect: 0.45,
            shear: (-0.4, 0.3),
            shift: 0.5,
            elastic_alpha: (0.0, 30.0),
            elastic_sigma: 4.0,
            stroke: (-0.6, 1.8),
            gain: (1.0, 1.0),
        }
    }
}

/// Warps digits; holds its random state and reusable buffers.
#[derive(Clone, Debug)]
pub struct Augmenter {
    rng: StdRng,
    pub ranges: Ranges,
    canvas: Gray,
    tmp: Vec<f32>,
    dx: Vec<f32>,
    dy: Vec<f32>,
    kernel: Vec<f32>,
    kernel_sigma: f32,
    scratch: Vec<f32>,
}

/// Share of 1s that `augment_digit` gives a flag (and of those, the share that also get a
/// base): MNIST's writers were mostly American, whose 1 is a bare stroke, while many people
/// draw the flagged 1, which the network otherwise reads as a 7.
pub const ONE_FLAG: f32 = 0.5;
pub const ONE_BASE: f32 = 0.3;

impl Augmenter {
    pub fn new(seed: u64) -> Augmenter {
        Augmenter::with_ranges(seed, Ranges::default())
    }

    pub fn with_ranges(seed: u64, ranges: Ranges) -> Augmenter {
        let n = CANVAS * CANVAS;
        Augmenter {
            rng: StdRng::seed_from_u64(seed),
            ranges,
            canvas: Gray {
                width: CANVAS,
                height: CANVAS,
                pixels: vec![0.0; n],
            },
            tmp: vec![0.0; n],
            dx: vec![0.0; COARSE * COARSE],
            dy: vec![0.0; COARSE * COARSE],
            kernel: Vec::new(),
            kernel_sigma: f32::NAN,
            scratch: vec![0.0; FIELD * FIELD],
        }
    }

    /// Random parameters from the ranges.
    pub fn sample(&mut self) -> Params {
        let r = self.ranges;
        let rng = &mut self.rng;
        let mut between = |(lo, hi): (f32, f32)| {
            if hi > lo {
                rng.random_range(lo..hi)
            } else {
                lo
            }
        };
        let size = between(r.scale);
        let aspect = between((-r.aspect, r.aspect)) / 2.0;
        Params {
            rotation: between((-r.rotation_deg, r.rotation_deg)).to_radians(),
            scale_x: size * aspect.exp(),
            scale_y: size * (-aspect).exp(),
            shear: between(r.shear),
            shift_x: between((-r.shift, r.shift)),
            shift_y: between((-r.shift, r.shift)),
            elastic_alpha: between(r.elastic_alpha),
            stroke: between(r.stroke),
            gain: between(r.gain),
        }
    }

    /// A random variation of `src` (28×28, ink 0..1) into `out` (784 values, ink 0..1).
    /// False (and `out` untouched) if no ink is left, which only an empty `src` gives.
    pub fn augment(&mut self, src: &[f32], out: &mut [f32]) -> bool {
        let p = self.sample();
        self.apply(src, &p, out)
    }

    /// As `augment`, knowing the digit: a 1 sometimes gets the flag (and base) many people
    /// write it with (`ONE_FLAG`, `ONE_BASE`), painted on it before it is warped.
    pub fn augment_digit(&mut self, src: &[f32], label: usize, out: &mut [f32]) -> bool {
        let p = self.sample();
        if label == 1 && self.rng.random::<f32>() < ONE_FLAG {
            let base = self.rng.random::<f32>() < ONE_BASE;
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.copy_from_slice(src);
            self.flag_one(&mut scratch, base);
            let ok = self.apply(&scratch, &p, out);
            self.scratch = scratch;
            return ok;
        }
        self.apply(src, &p, out)
    }

    /// Paints a flag (a short stroke down and left from the top of the ink) and maybe a base
    /// on a 28×28 one, as wide as its stroke.
    fn flag_one(&mut self, img: &mut [f32], base: bool) {
        let side = FIELD;
        let rows: Vec<usize> = (0..side)
            .filter(|&y| img[y * side..(y + 1) * side].iter().any(|&v| v > 0.5))
            .collect();
        let (Some(&top), Some(&bottom)) = (rows.first(), rows.last()) else {
            return;
        };
        let mean_x = |img: &[f32], y: usize| {
            let row = &img[y * side..(y + 1) * side];
            let m: f32 = row.iter().sum();
            row.iter()
                .enumerate()
                .map(|(x, &v)| x as f32 * v)
                .sum::<f32>()
                / m.max(1e-6)
        };
        let mid = (top + bottom) / 2;
        let width = img[mid * side..(mid + 1) * side]
            .iter()
            .filter(|&&v| v > 0.5)
            .count() as f32;
        let r = (width / 2.0).clamp(0.8, 2.5);
        let h = (bottom - top) as f32;
        let (tx, ty) = (mean_x(img, top), top as f32 + r * 0.5);
        let len = h * self.rng.random_range(0.2..0.4);
        let angle = self.rng.random_range(25.0f32..60.0).to_radians();
        let end = (tx - len * angle.cos(), ty + len * angle.sin());
        paint_line(img, (tx, ty), end, r);
        if base {
            let (bx, by) = (mean_x(img, bottom), bottom as f32 - r * 0.5);
            let half = h * self.rng.random_range(0.12..0.25);
            paint_line(img, (bx - half, by), (bx + half, by), r);
        }
    }

    /// `src` warped by `p` and normalised as the pad normalises a drawing.
    pub fn apply(&mut self, src: &[f32], p: &Params, out: &mut [f32]) -> bool {
        self.warp(src, p);
        match to_mnist(&self.canvas) {
            Some(g) => {
                out.copy_from_slice(&g.pixels);
                true
            }
            None => false,
        }
    }

    /// The warped digit on the 48×48 canvas, before normalisation.
    pub fn warp(&mut self, src: &[f32], p: &Params) -> &Gray {
        assert_eq!(src.len(), FIELD * FIELD, "a 28×28 image");
        let elastic = p.elastic_alpha != 0.0;
        if elastic {
            self.displacements(p.elastic_alpha);
        }
        // Forward map: q = centre + shift + M (x − centre), M = rotation · shear · scale.
        let (s, c) = p.rotation.sin_cos();
        let (a, b) = (p.scale_x, p.shear * p.scale_y);
        let d = p.scale_y;
        // M = [[c, −s], [s, c]] · [[a, b], [0, d]]
        let m = [c * a, c * b - s * d, s * a, s * b + c * d];
        let det = m[0] * m[3] - m[1] * m[2];
        let inv = [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
        let centre = (FIELD / 2) as f32;
        let cc = centre + OFFSET;
        for v in 0..CANVAS {
            for u in 0..CANVAS {
                let i = v * CANVAS + u;
                let (mut qx, mut qy) = (u as f32 - cc - p.shift_x, v as f32 - cc - p.shift_y);
                if elastic {
                    let (cx, cy) = (u as f32 * 0.5, v as f32 * 0.5);
                    qx += sample(&self.dx, COARSE, cx, cy);
                    qy += sample(&self.dy, COARSE, cx, cy);
                }
                let x = centre + inv[0] * qx + inv[1] * qy;
                let y = centre + inv[2] * qx + inv[3] * qy;
                self.canvas.pixels[i] = bilinear(src, x, y);
            }
        }
        self.stroke(p.stroke);
        for v in &mut self.canvas.pixels {
            *v = (*v * p.gain).clamp(0.0, 1.0);
        }
        &self.canvas
    }

    /// Random displacement fields, smoothed by a Gaussian and scaled by α, into dx and dy.
    fn displacements(&mut self, alpha: f32) {
        let sigma = (self.ranges.elastic_sigma / 2.0).max(0.1);
        if sigma != self.kernel_sigma {
            let radius = (3.0 * sigma).ceil() as isize;
            self.kernel.clear();
            self.kernel.extend(
                (-radius..=radius).map(|k| (-(k * k) as f32 / (2.0 * sigma * sigma)).exp()),
            );
            let sum: f32 = self.kernel.iter().sum();
            self.kernel.iter_mut().for_each(|k| *k /= sum);
            self.kernel_sigma = sigma;
        }
        for field in [&mut self.dx, &mut self.dy] {
            for v in field.iter_mut() {
                *v = self.rng.random_range(-1.0f32..1.0);
            }
            smooth(field, &mut self.tmp[..COARSE * COARSE], &self.kernel);
            // Smoothing noise on a grid half as fine leaves it twice as strong: halve α so it
            // means what it means on the full grid.
            for v in field.iter_mut() {
                *v *= alpha / 2.0;
            }
        }
    }

    /// Soft dilation (amount > 0) or erosion (< 0) by |amount| pixels per side.
    fn stroke(&mut self, amount: f32) {
        let mut left = amount.abs();
        let mut pass = 0;
        while left > 1e-4 {
            let f = left.min(1.0);
            // Alternating the square and the cross grows a rounder pen than squares alone.
            let square = pass % 2 == 1;
            filter3(&self.canvas.pixels, &mut self.tmp, amount > 0.0, square);
            for (v, &t) in self.canvas.pixels.iter_mut().zip(&self.tmp) {
                *v += f * (t - *v);
            }
            left -= f;
            pass += 1;
        }
    }
}

/// An anti-aliased round-capped line of radius r on a 28×28 image (ink kept where darker).
fn paint_line(img: &mut [f32], a: (f32, f32), b: (f32, f32), r: f32) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = (dx * dx + dy * dy).max(1e-6);
    for y in 0..FIELD {
        for x in 0..FIELD {
            let (px, py) = (x as f32 - a.0, y as f32 - a.1);
            let t = ((px * dx + py * dy) / len2).clamp(0.0, 1.0);
            let d = ((px - t * dx).powi(2) + (py - t * dy).powi(2)).sqrt();
            let v = (r + 0.5 - d).clamp(0.0, 1.0);
            let cell = &mut img[y * FIELD + x];
            *cell = cell.max(v);
        }
    }
}

/// Bilinear sample of a 28×28 image at pixel-index coordinates (0 outside).
fn bilinear(src: &[f32], x: f32, y: f32) -> f32 {
    sample(src, FIELD, x, y)
}

/// Bilinear sample of a side × side grid at pixel-index coordinates (0 outside).
fn sample(src: &[f32], side: usize, x: f32, y: f32) -> f32 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (x0, y0) = (x0 as isize, y0 as isize);
    let at = |xi: isize, yi: isize| {
        if (0..side as isize).contains(&xi) && (0..side as isize).contains(&yi) {
            src[yi as usize * side + xi as usize]
        } else {
            0.0
        }
    };
    let top = at(x0, y0) + fx * (at(x0 + 1, y0) - at(x0, y0));
    if fy == 0.0 {
        return top;
    }
    let bottom = at(x0, y0 + 1) + fx * (at(x0 + 1, y0 + 1) - at(x0, y0 + 1));
    top + fy * (bottom - top)
}

/// Separable Gaussian smoothing of a COARSE² field in place (zero outside).
fn smooth(field: &mut [f32], tmp: &mut [f32], kernel: &[f32]) {
    let r = (kernel.len() / 2) as isize;
    let n = COARSE as isize;
    // Horizontal: field → tmp.
    for y in 0..n {
        for x in 0..n {
            let mut s = 0.0;
            for (k, &w) in kernel.iter().enumerate() {
                let xx = x + k as isize - r;
                if (0..n).contains(&xx) {
                    s += w * field[(y * n + xx) as usize];
                }
            }
            tmp[(y * n + x) as usize] = s;
        }
    }
    // Vertical: tmp → field.
    for y in 0..n {
        for x in 0..n {
            let mut s = 0.0;
            for (k, &w) in kernel.iter().enumerate() {
                let yy = y + k as isize - r;
                if (0..n).contains(&yy) {
                    s += w * tmp[(yy * n + x) as usize];
                }
            }
            field[(y * n + x) as usize] = s;
        }
    }
}

/// 3×3 max (dilate) or min (erode) filter over the square or the cross (out of the canvas
/// counts as background).
fn filter3(src: &[f32], dst: &mut [f32], dilate: bool, square: bool) {
    let n = CANVAS as isize;
    for y in 0..n {
        for x in 0..n {
            let mut best = src[(y * n + x) as usize];
            for dy in -1..=1isize {
                for dx in -1..=1isize {
                    if (dx != 0 && dy != 0 && !square) || (dx == 0 && dy == 0) {
                        continue;
                    }
                    let (xx, yy) = (x + dx, y + dy);
                    let v = if (0..n).contains(&xx) && (0..n).contains(&yy) {
                        src[(yy * n + xx) as usize]
                    } else {
                        0.0
                    };
                    best = if dilate { best.max(v) } else { best.min(v) };
                }
            }
            dst[(y * n + x) as usize] = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made "7"-ish digit normalised like MNIST's.
    fn digit() -> Vec<f32> {
        let mut g = Gray {
            width: 56,
            height: 56,
            pixels: vec![0.0; 56 * 56],
        };
        for x in 10..44 {
            for y in 8..12 {
                g.pixels[y * 56 + x] = 1.0;
            }
        }
        for y in 8..50 {
            let x = 42 - (y - 8) / 2;
            for dx in 0..4 {
                g.pixels[y * 56 + x + dx] = 1.0;
            }
        }
        to_mnist(&g).unwrap().pixels
    }

    fn mnist_head(n: usize) -> Option<Vec<Vec<f32>>> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../www/data/mnist/t10k-images-idx3-ubyte.gz"
        );
        let bytes = std::fs::read(path).ok()?;
        let idx = crate::idx::parse(&bytes, "test images").ok()?;
        Some(
            idx.data
                .chunks_exact(784)
                .take(n)
                .map(|c| c.iter().map(|&b| b as f32 / 255.0).collect())
                .collect(),
        )
    }

    #[test]
    fn identity_parameters_give_the_digit_back() {
        let mut a = Augmenter::new(1);
        let mut out = vec![0.0; 784];
        let src = digit();
        assert!(a.apply(&src, &Params::IDENTITY, &mut out));
        assert_eq!(out, src);
        // Real MNIST digits come back unchanged too (when the files are there).
        if let Some(digits) = mnist_head(50) {
            let same = digits
                .iter()
                .filter(|d| {
                    a.apply(d, &Params::IDENTITY, &mut out);
                    out.iter().zip(d.iter()).all(|(x, y)| (x - y).abs() < 1e-6)
                })
                .count();
            assert!(same >= 45, "{same} of 50 MNIST digits unchanged");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_examples() {
        let src = digit();
        let run = |seed| {
            let mut a = Augmenter::new(seed);
            let mut out = vec![0.0; 784 * 20];
            for chunk in out.chunks_exact_mut(784) {
                assert!(a.augment(&src, chunk));
            }
            out
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn outputs_are_ink_in_range_of_roughly_the_same_amount() {
        let src = digit();
        let ink = |v: &[f32]| v.iter().sum::<f32>();
        let mut a = Augmenter::new(3);
        let mut out = vec![0.0; 784];
        for _ in 0..200 {
            assert!(a.augment(&src, &mut out));
            assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
            let ratio = ink(&out) / ink(&src);
            // Strokes get thinner or much thicker, but the digit stays a digit.
            assert!((0.3..4.0).contains(&ratio), "ink ratio {ratio}");
            let (cx, cy) = Gray {
                width: 28,
                height: 28,
                pixels: out.clone(),
            }
            .centre_of_mass()
            .unwrap();
            assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5);
        }
        // Without the stroke change, geometry alone keeps the ink within a fifth.
        let mut a = Augmenter::with_ranges(
            4,
            Ranges {
                stroke: (0.0, 0.0),
                gain: (1.0, 1.0),
                ..Ranges::default()
            },
        );
        for _ in 0..100 {
            let p = Params {
                elastic_alpha: 0.0,
                ..a.sample()
            };
            a.warp(&src, &p);
            let ratio = ink(&a.canvas.pixels) / ink(&src);
            assert!((0.6..1.6).contains(&ratio), "ink ratio {ratio}");
        }
    }

    #[test]
    fn thickening_adds_ink_and_thinning_removes_it() {
        let src = digit();
        let mut a = Augmenter::new(1);
        let ink = |a: &mut Augmenter, stroke| {
            let p = Params {
                stroke,
                ..Params::IDENTITY
            };
            a.warp(&src, &p).pixels.iter().sum::<f32>()
        };
        let (thin, same, thick) = (ink(&mut a, -0.5), ink(&mut a, 0.0), ink(&mut a, 1.5));
        assert!(thin < same && same < thick, "{thin} {same} {thick}");
        assert!(thick > 1.8 * same);
    }

    #[test]
    fn ones_get_a_flag_sometimes() {
        // A bare vertical 1.
        let mut one = vec![0.0; 784];
        for y in 4..24 {
            one[y * 28 + 14] = 1.0;
            one[y * 28 + 15] = 1.0;
        }
        let mut a = Augmenter::new(2);
        let mut out = vec![0.0; 784];
        let mut wide = 0;
        for _ in 0..100 {
            assert!(a.augment_digit(&one, 1, &mut out));
            let g = Gray {
                width: 28,
                height: 28,
                pixels: out.clone(),
            };
            let (x0, _, x1, _) = g.ink_bounds().unwrap();
            wide += usize::from(x1 - x0 > 8);
        }
        // About half get a flag, which widens them; other digits never do.
        assert!((25..75).contains(&wide), "{wide} of 100 flagged");
        let mut a = Augmenter::new(2);
        let mut b = Augmenter::new(2);
        let mut out2 = vec![0.0; 784];
        a.augment_digit(&one, 7, &mut out);
        b.augment(&one, &mut out2);
        assert_eq!(out, out2);
    }

    #[test]
    fn elastic_distortion_moves_ink_a_little() {
        let src = digit();
        let mut a = Augmenter::new(5);
        let p = Params {
            elastic_alpha: 34.0,
            ..Params::IDENTITY
        };
        let mut out = vec![0.0; 784];
        a.apply(&src, &p, &mut out);
        let diff: f32 = out.iter().zip(&src).map(|(x, y)| (x - y).abs()).sum();
        let ink: f32 = src.iter().sum();
        assert!(diff > 0.05 * ink && diff < 1.5 * ink, "{diff} vs ink {ink}");
    }
}
