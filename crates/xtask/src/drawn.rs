//! `cargo xtask drawn`: a held-out test set of digits drawn the way the pad draws them — pen
//! strokes made from shape templates (several per digit), jittered, slanted, turned, stretched,
//! sized and placed on the pad, sampled like a mouse or finger, painted with `raster::paint` at
//! several pen widths and read with `preprocess::to_mnist`, exactly as the page reads a drawing.
//!
//! It is made differently from the training augmentation (`neuroglow_core::augment`, which warps
//! MNIST bitmaps): nothing here starts from an MNIST digit. Also makes "scribbles" (zigzags,
//! blobs, circles crossed by lines, hatching, dots, spirals…) for checking the "no digit" verdict.

use neuroglow_core::dataset::Dataset;
use neuroglow_core::preprocess::{to_mnist, Gray};
use neuroglow_core::raster::{self, Strokes};
use neuroglow_core::{idx, model_file};
use std::f32::consts::PI;
use std::path::Path;

pub const USAGE: &str = "drawn [--seed N] [--per-class N] [--out DIR] [--montage FILE.pgm]";

/// Where the committed set lives, and its file names.
pub const DIR: &str = "tests/data/drawn";
pub const IMAGES: &str = "drawn-images-idx3-ubyte";
pub const LABELS: &str = "drawn-labels-idx1-ubyte";
pub const STROKES: &str = "drawn-strokes.json";
/// The committed set's seed and size.
pub const SEED: u64 = 2026;
pub const PER_CLASS: usize = 100;
/// Digits per class in the strokes file (drawn with the page's pen, `raster::PEN`).
pub const STROKES_PER_CLASS: usize = 5;

pub type P = (f32, f32);

/// The point at t (0..1) of the uniform Catmull-Rom segment from p[1] to p[2].
pub fn catmull_rom(p: [P; 4], t: f32) -> P {
    let (t2, t3) = (t * t, t * t * t);
    let f = |a: f32, b: f32, c: f32, d: f32| {
        0.5 * (2.0 * b
            + (c - a) * t
            + (2.0 * a - 5.0 * b + 4.0 * c - d) * t2
            + (3.0 * b - a - 3.0 * c + d) * t3)
    };
    (
        f(p[0].0, p[1].0, p[2].0, p[3].0),
        f(p[0].1, p[1].1, p[2].1, p[3].1),
    )
}

/// A preprocessed drawing as bytes (0..255), appended to `out`.
pub fn push_bytes(g: &Gray, out: &mut Vec<u8>) {
    out.extend(
        g.pixels
            .iter()
            .map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() as u8),
    );
}

/// A small deterministic generator (SplitMix64): the set must not change if the rand crate's
/// StdRng algorithm does.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
    /// Triangular on [−a, a] (a softer jitter than uniform).
    fn jitter(&mut self, a: f32) -> f32 {
        (self.unit() + self.unit() - 1.0) * a
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A stroke under construction, as dense points in the digit's unit box (y down).
struct S(Vec<P>);

const DENSE: f32 = 0.01;

impl S {
    fn at(p: P) -> S {
        S(vec![p])
    }
    fn last(&self) -> P {
        *self.0.last().unwrap()
    }
    fn line(mut self, p: P) -> S {
        let a = self.last();
        let n = ((dist(a, p) / DENSE).ceil() as usize).max(1);
        for k in 1..=n {
            let t = k as f32 / n as f32;
            self.0.push((a.0 + t * (p.0 - a.0), a.1 + t * (p.1 - a.1)));
        }
        self
    }
    fn quad(mut self, c: P, p: P) -> S {
        let a = self.last();
        let n = (((dist(a, c) + dist(c, p)) / DENSE).ceil() as usize).max(1);
        for k in 1..=n {
            let t = k as f32 / n as f32;
            let u = 1.0 - t;
            self.0.push((
                u * u * a.0 + 2.0 * u * t * c.0 + t * t * p.0,
                u * u * a.1 + 2.0 * u * t * c.1 + t * t * p.1,
            ));
        }
        self
    }
    /// An elliptic arc from angle a0 to a1 (degrees; 0 = right, 90 = down, so decreasing
    /// angles run anticlockwise on the screen), joined to the stroke by a line.
    fn arc(mut self, c: P, rx: f32, ry: f32, a0: f32, a1: f32) -> S {
        let point = |a: f32| {
            let r = a.to_radians();
            (c.0 + rx * r.cos(), c.1 + ry * r.sin())
        };
        self = self.line(point(a0));
        let len = (a1 - a0).abs().to_radians() * rx.max(ry);
        let n = ((len / DENSE).ceil() as usize).max(1);
        for k in 1..=n {
            self.0.push(point(a0 + (a1 - a0) * k as f32 / n as f32));
        }
        self
    }
    /// A smooth curve (Catmull-Rom) from the last point through `pts`.
    fn curve(mut self, pts: &[P]) -> S {
        let mut all = vec![self.last()];
        all.extend_from_slice(pts);
        let get = |i: isize| all[i.clamp(0, all.len() as isize - 1) as usize];
        for i in 0..all.len() as isize - 1 {
            let (p0, p1, p2, p3) = (get(i - 1), get(i), get(i + 1), get(i + 2));
            let n = ((dist(p1, p2) / DENSE).ceil() as usize).max(1);
            for k in 1..=n {
                self.0
                    .push(catmull_rom([p0, p1, p2, p3], k as f32 / n as f32));
            }
        }
        self
    }
}

fn dist(a: P, b: P) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Template variants per digit.
const VARIANTS: [usize; 10] = [3, 5, 4, 3, 4, 4, 4, 5, 3, 5];

/// The strokes of template `v` of `digit`, in its unit box, with control points jittered.
fn template(digit: usize, v: usize, rng: &mut Rng) -> Vec<Vec<P>> {
    let j = 0.055;
    let mut p = |x: f32, y: f32| (x + rng.jitter(j), y + rng.jitter(j));
    let strokes: Vec<S> = match (digit, v) {
        (0, 0) => vec![S::at(p(0.5, 0.02)).arc(p(0.5, 0.5), 0.3, 0.48, -90.0, -465.0)],
        (0, 1) => vec![S::at(p(0.55, 0.02)).arc(p(0.5, 0.5), 0.28, 0.48, -80.0, 290.0)],
        (0, _) => vec![S::at(p(0.45, 0.05)).arc(p(0.5, 0.5), 0.2, 0.47, -110.0, -440.0)],
        (1, 0) => vec![S::at(p(0.5, 0.0)).line(p(0.5, 1.0))],
        (1, 1) => vec![S::at(p(0.36, 0.25)).line(p(0.55, 0.0)).line(p(0.55, 1.0))],
        (1, 2) => vec![
            S::at(p(0.36, 0.24)).line(p(0.55, 0.0)).line(p(0.55, 1.0)),
            S::at(p(0.3, 1.0)).line(p(0.8, 1.0)),
        ],
        (1, 3) => vec![S::at(p(0.34, 0.32)).line(p(0.58, 0.0)).line(p(0.52, 1.0))],
        (1, _) => vec![S::at(p(0.35, 0.15))
            .quad(p(0.5, 0.08), p(0.56, 0.0))
            .line(p(0.5, 1.0))],
        (2, 0) => vec![S::at(p(0.2, 0.3))
            .arc(p(0.5, 0.3), 0.3, 0.28, 200.0, 375.0)
            .quad(p(0.6, 0.65), p(0.12, 1.0))
            .line(p(0.9, 0.98))],
        (2, 1) => vec![S::at(p(0.2, 0.3))
            .arc(p(0.5, 0.3), 0.3, 0.28, 200.0, 380.0)
            .curve(&[
                p(0.55, 0.65),
                p(0.25, 0.9),
                p(0.15, 0.97),
                p(0.1, 0.87),
                p(0.22, 0.8),
                p(0.38, 0.92),
                p(0.62, 0.98),
                p(0.9, 0.94),
            ])],
        (2, 3) => vec![S::at(p(0.12, 0.12))
            .quad(p(0.5, -0.08), p(0.85, 0.1))
            .line(p(0.15, 0.98))
            .quad(p(0.5, 0.9), p(0.92, 0.98))],
        (2, _) => vec![S::at(p(0.15, 0.25))
            .curve(&[
                p(0.3, 0.05),
                p(0.6, 0.02),
                p(0.8, 0.2),
                p(0.7, 0.45),
                p(0.35, 0.75),
                p(0.1, 1.0),
            ])
            .line(p(0.9, 1.0))],
        (3, 0) => vec![S::at(p(0.2, 0.2))
            .arc(p(0.48, 0.26), 0.3, 0.25, 200.0, 450.0)
            .arc(p(0.48, 0.74), 0.32, 0.25, -90.0, 150.0)],
        (3, 1) => vec![S::at(p(0.15, 0.0))
            .line(p(0.85, 0.0))
            .line(p(0.42, 0.4))
            .arc(p(0.48, 0.7), 0.33, 0.28, -110.0, 150.0)],
        (3, _) => vec![S::at(p(0.2, 0.15))
            .arc(p(0.5, 0.25), 0.28, 0.24, 210.0, 480.0)
            .arc(p(0.5, 0.73), 0.3, 0.26, -120.0, 140.0)],
        (4, 0) => vec![
            S::at(p(0.2, 0.0)).line(p(0.12, 0.62)).line(p(0.9, 0.62)),
            S::at(p(0.72, 0.15)).line(p(0.72, 1.0)),
        ],
        (4, 1) => vec![
            S::at(p(0.65, 0.0)).line(p(0.08, 0.66)).line(p(0.95, 0.66)),
            S::at(p(0.66, 0.15)).line(p(0.66, 1.0)),
        ],
        (4, 3) => vec![
            S::at(p(0.55, 0.0)).line(p(0.1, 0.7)).line(p(0.92, 0.7)),
            S::at(p(0.62, 0.35)).line(p(0.6, 1.0)),
        ],
        (4, _) => vec![
            S::at(p(0.25, 0.05)).line(p(0.12, 0.55)).line(p(0.9, 0.58)),
            S::at(p(0.7, -0.05)).line(p(0.68, 1.0)),
        ],
        (5, 0) => vec![
            S::at(p(0.27, 0.02))
                .line(p(0.22, 0.45))
                .arc(p(0.47, 0.7), 0.32, 0.28, -140.0, 150.0),
            S::at(p(0.27, 0.02)).line(p(0.85, 0.0)),
        ],
        (5, 1) => vec![S::at(p(0.85, 0.0))
            .line(p(0.28, 0.02))
            .line(p(0.22, 0.45))
            .arc(p(0.47, 0.7), 0.32, 0.28, -140.0, 150.0)],
        (5, 3) => vec![S::at(p(0.85, 0.02))
            .quad(p(0.4, -0.02), p(0.25, 0.05))
            .quad(p(0.2, 0.3), p(0.3, 0.45))
            .curve(&[p(0.7, 0.5), p(0.75, 0.85), p(0.4, 1.0), p(0.12, 0.9)])],
        (5, _) => vec![
            S::at(p(0.25, 0.0)).line(p(0.2, 0.45)).curve(&[
                p(0.5, 0.38),
                p(0.8, 0.55),
                p(0.75, 0.9),
                p(0.4, 1.0),
                p(0.1, 0.88),
            ]),
            S::at(p(0.25, 0.0)).line(p(0.8, 0.02)),
        ],
        (6, 0) => vec![S::at(p(0.66, 0.0)).quad(p(0.18, 0.3), p(0.16, 0.72)).arc(
            p(0.48, 0.73),
            0.32,
            0.26,
            180.0,
            -175.0,
        )],
        (6, 1) => vec![S::at(p(0.65, 0.0)).line(p(0.22, 0.6)).arc(
            p(0.48, 0.75),
            0.3,
            0.24,
            170.0,
            -185.0,
        )],
        (6, 3) => vec![S::at(p(0.6, 0.0)).quad(p(0.3, 0.3), p(0.28, 0.75)).arc(
            p(0.48, 0.8),
            0.2,
            0.19,
            180.0,
            -170.0,
        )],
        (6, _) => vec![S::at(p(0.68, 0.03)).quad(p(0.22, 0.3), p(0.2, 0.8)).arc(
            p(0.45, 0.8),
            0.25,
            0.2,
            180.0,
            -170.0,
        )],
        (7, 0) => vec![S::at(p(0.1, 0.0)).line(p(0.9, 0.0)).line(p(0.38, 1.0))],
        (7, 1) => vec![
            S::at(p(0.1, 0.0)).line(p(0.9, 0.0)).line(p(0.38, 1.0)),
            S::at(p(0.3, 0.52)).line(p(0.8, 0.5)),
        ],
        (7, 2) => vec![S::at(p(0.12, 0.14))
            .line(p(0.12, 0.0))
            .line(p(0.9, 0.02))
            .quad(p(0.55, 0.45), p(0.45, 1.0))],
        (7, 4) => vec![S::at(p(0.12, 0.02))
            .line(p(0.88, 0.0))
            .quad(p(0.45, 0.5), p(0.5, 1.0))],
        (7, _) => vec![S::at(p(0.1, 0.06))
            .quad(p(0.5, -0.04), p(0.9, 0.02))
            .line(p(0.42, 1.0))],
        (8, 0) => vec![S::at(p(0.78, 0.1)).curve(&[
            p(0.5, 0.0),
            p(0.22, 0.12),
            p(0.25, 0.35),
            p(0.5, 0.5),
            p(0.8, 0.68),
            p(0.75, 0.93),
            p(0.5, 1.0),
            p(0.2, 0.9),
            p(0.22, 0.68),
            p(0.5, 0.5),
            p(0.75, 0.3),
            p(0.76, 0.1),
        ])],
        (8, 1) => vec![
            S::at(p(0.72, 0.25)).arc(p(0.5, 0.25), 0.22, 0.24, 0.0, 370.0),
            S::at(p(0.5, 0.48)).arc(p(0.5, 0.74), 0.28, 0.26, -90.0, 280.0),
        ],
        (8, _) => vec![S::at(p(0.22, 0.1)).curve(&[
            p(0.5, 0.0),
            p(0.78, 0.12),
            p(0.75, 0.35),
            p(0.5, 0.5),
            p(0.2, 0.68),
            p(0.25, 0.93),
            p(0.5, 1.0),
            p(0.8, 0.9),
            p(0.78, 0.68),
            p(0.5, 0.5),
            p(0.25, 0.3),
            p(0.24, 0.1),
        ])],
        (9, 0) => vec![S::at(p(0.75, 0.3))
            .arc(p(0.45, 0.27), 0.3, 0.26, 10.0, -350.0)
            .line(p(0.7, 1.0))],
        (9, 1) => vec![S::at(p(0.75, 0.3))
            .arc(p(0.45, 0.27), 0.3, 0.26, 10.0, -350.0)
            .quad(p(0.75, 0.85), p(0.35, 1.0))],
        (9, 2) => vec![
            S::at(p(0.7, 0.27)).arc(p(0.42, 0.27), 0.28, 0.25, 0.0, -360.0),
            S::at(p(0.72, 0.05)).line(p(0.7, 1.0)),
        ],
        (9, 4) => vec![S::at(p(0.7, 0.2))
            .arc(p(0.5, 0.2), 0.22, 0.19, 0.0, -360.0)
            .line(p(0.66, 1.0))],
        (9, _) => vec![S::at(p(0.6, 0.05))
            .arc(p(0.45, 0.28), 0.3, 0.26, -60.0, -390.0)
            .line(p(0.68, 1.0))],
        _ => unreachable!("digits are 0..=9"),
    };
    strokes.into_iter().map(|s| s.0).collect()
}

/// How one digit is put on the pad.
struct Pose {
    aspect: f32,
    shear: f32,
    rotation: f32,
    height: f32,
    wobble: [(f32, f32, f32, f32); 2],
}

/// Slants, turns, stretches, wobbles, sizes and places dense strokes on the pad (0..1).
fn place(strokes: &mut [Vec<P>], pose: &Pose, pen: f32, rng: &mut Rng) {
    let (s, c) = pose.rotation.sin_cos();
    for pt in strokes.iter_mut().flatten() {
        let (mut x, mut y) = *pt;
        // A gentle, smooth wobble of the hand (two sine waves per axis).
        let [(ax, fx, gx, phx), (ay, fy, gy, phy)] = pose.wobble;
        x += ax * (fx * x + gx * y + phx).sin();
        y += ay * (fy * x + gy * y + phy).sin();
        x = 0.5 + (x - 0.5) * pose.aspect + pose.shear * (0.5 - y);
        let (dx, dy) = (x - 0.5, y - 0.5);
        *pt = (
            (c * dx - s * dy) * pose.height,
            (s * dx + c * dy) * pose.height,
        );
    }
    // Anywhere on the pad with the ink inside it.
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in strokes.iter().flatten() {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let m = pen / 2.0 + 0.01;
    let mut offset = |lo: f32, hi: f32| {
        let (a, b) = (m - lo, 1.0 - m - hi);
        if b > a {
            rng.range(a, b)
        } else {
            (a + b) / 2.0
        }
    };
    let (ox, oy) = (offset(x0, x1), offset(y0, y1));
    for pt in strokes.iter_mut().flatten() {
        *pt = (pt.0 + ox, pt.1 + oy);
    }
}

/// Points as a mouse or finger reports them: spaced by the hand's speed (varying along the
/// stroke), never closer than the pad keeps (0.0025 of the side), the last point kept.
fn sample_like_a_hand(stroke: &[P], rng: &mut Rng) -> Vec<P> {
    let speed = rng.range(0.004, 0.02);
    let mut out = vec![stroke[0]];
    let mut next = speed * rng.range(0.5, 1.5);
    let mut walked = 0.0;
    for w in stroke.windows(2) {
        walked += dist(w[0], w[1]);
        if walked >= next {
            out.push(w[1]);
            walked = 0.0;
            next = (speed * rng.range(0.5, 1.5)).max(0.0025);
        }
    }
    let last = *stroke.last().unwrap();
    if dist(*out.last().unwrap(), last) >= 0.0025 {
        out.push(last);
    } else if out.len() > 1 {
        *out.last_mut().unwrap() = last;
    }
    out
}

/// One drawn digit: its strokes (points as shares of the pad's side) and pen width.
pub struct Drawing {
    pub strokes: Vec<Vec<P>>,
    pub pen: f32,
}

/// A random drawing of `digit`; `pen` fixes the pen width (else 0.5–1.6 × the pad's).
pub fn draw_digit(digit: usize, rng: &mut Rng, pen: Option<f32>) -> Drawing {
    let v = rng.below(VARIANTS[digit]);
    let mut strokes = template(digit, v, rng);
    // Sometimes the pen lands or lifts with a little hook.
    for s in strokes.iter_mut() {
        if rng.unit() < 0.25 {
            let a = rng.range(0.0, 2.0 * PI);
            let len = rng.range(0.02, 0.07);
            let (x, y) = s[0];
            let hook = S::at((x + len * a.cos(), y + len * a.sin())).line((x, y)).0;
            s.splice(0..0, hook[..hook.len() - 1].iter().copied());
        }
        if rng.unit() < 0.15 {
            let a = rng.range(0.0, 2.0 * PI);
            let len = rng.range(0.02, 0.06);
            let (x, y) = *s.last().unwrap();
            let tail = S::at((x, y)).line((x + len * a.cos(), y + len * a.sin())).0;
            s.extend_from_slice(&tail[1..]);
        }
    }
    let pen = pen.unwrap_or_else(|| raster::PEN * rng.range(0.5, 1.6));
    let mut wave = || {
        (
            rng.range(0.0, 0.04),
            rng.range(2.0, 7.0),
            rng.range(2.0, 7.0),
            rng.range(0.0, 2.0 * PI),
        )
    };
    let wobble = [wave(), wave()];
    let pose = Pose {
        // A wide 1 is a 7: ones keep their narrow flag.
        aspect: rng.range(0.55, if digit == 1 { 1.1 } else { 1.6 }),
        shear: rng.range(-0.25, 0.5),
        rotation: rng.range(-18.0, 18.0).to_radians(),
        height: rng.range(0.3, 0.9),
        wobble,
    };
    place(&mut strokes, &pose, pen, rng);
    // The hand trembles a little (and a mouse reports whole pixels).
    let tremor = rng.range(0.0, 0.004);
    let strokes = strokes
        .iter()
        .map(|s| {
            let mut pts = sample_like_a_hand(s, rng);
            for p in pts.iter_mut() {
                *p = (
                    (p.0 + rng.jitter(tremor)).clamp(0.0, 1.0),
                    (p.1 + rng.jitter(tremor)).clamp(0.0, 1.0),
                );
            }
            // The pad skips a point closer than 0.0025 of the side to the last one it kept.
            let mut kept = vec![pts[0]];
            for &p in &pts[1..] {
                if dist(*kept.last().unwrap(), p) >= 0.0025 {
                    kept.push(p);
                }
            }
            kept
        })
        .collect();
    Drawing { strokes, pen }
}

/// The kinds of scribble `draw_scribble` makes.
pub const SCRIBBLE_KINDS: [&str; 8] = [
    "zigzag",
    "blob",
    "circle+lines",
    "curve",
    "hatching",
    "dots",
    "spiral",
    "star",
];

/// An Archimedean spiral from `c` out to radii `rx`, `ry` in `turns` turns (60 points a turn).
fn spiral(c: P, rx: f32, ry: f32, turns: f32) -> Vec<P> {
    let n = (turns * 60.0) as usize;
    (0..=n)
        .map(|k| {
            let t = k as f32 / n as f32;
            let a = t * turns * 2.0 * PI;
            (c.0 + t * rx * a.cos(), c.1 + t * ry * a.sin())
        })
        .collect()
}

/// A random scribble that is no digit, and its kind (an index into SCRIBBLE_KINDS).
pub fn draw_scribble(rng: &mut Rng) -> (Drawing, usize) {
    let pen = raster::PEN * rng.range(0.6, 1.5);
    let c = (rng.range(0.35, 0.65), rng.range(0.35, 0.65));
    let size = rng.range(0.2, 0.45);
    let pt = |rng: &mut Rng| (c.0 + rng.range(-size, size), c.1 + rng.range(-size, size));
    let kind = rng.below(8);
    let strokes: Vec<Vec<P>> = match kind {
        // Zigzag: straight lines between random points.
        0 => {
            let mut s = S::at(pt(rng));
            for _ in 0..rng.below(8) + 5 {
                s = s.line(pt(rng));
            }
            vec![s.0]
        }
        // A filled blob: a tight spiral with a fat pen.
        1 => {
            let r = size * rng.range(0.4, 0.8);
            let turns = rng.range(3.0, 6.0);
            let ry = r * rng.range(0.6, 1.2);
            vec![spiral(c, r, ry, turns)]
        }
        // A circle crossed by lines.
        2 => {
            let r = size * rng.range(0.5, 0.9);
            let mut v = vec![
                S::at((c.0 + r, c.1))
                    .arc(c, r, r * rng.range(0.7, 1.3), 0.0, 360.0)
                    .0,
            ];
            for _ in 0..rng.below(3) + 1 {
                v.push(S::at(pt(rng)).line(pt(rng)).0);
            }
            v
        }
        // A smooth random curve.
        3 => {
            let pts: Vec<P> = (0..rng.below(5) + 6).map(|_| pt(rng)).collect();
            vec![S::at(pt(rng)).curve(&pts).0]
        }
        // Hatching: parallel lines, sometimes crossed.
        4 => {
            let mut v = Vec::new();
            let n = rng.below(4) + 3;
            let cross = rng.unit() < 0.5;
            for k in 0..n {
                let o = -size + 2.0 * size * k as f32 / (n - 1) as f32;
                v.push(
                    S::at((c.0 - size, c.1 + o))
                        .line((c.0 + size, c.1 + o + rng.jitter(0.05)))
                        .0,
                );
                if cross {
                    v.push(S::at((c.0 + o, c.1 - size)).line((c.0 + o, c.1 + size)).0);
                }
            }
            v
        }
        // Dots.
        5 => (0..rng.below(6) + 3).map(|_| vec![pt(rng)]).collect(),
        // An open spiral.
        6 => {
            let turns = rng.range(1.5, 3.0);
            vec![spiral(c, size, size, turns)]
        }
        // A star: lines through the middle.
        _ => {
            let n = rng.below(3) + 3;
            let a0 = rng.range(0.0, PI);
            (0..n)
                .map(|k| {
                    let a = a0 + PI * k as f32 / n as f32;
                    let (dx, dy) = (size * a.cos(), size * a.sin());
                    S::at((c.0 - dx, c.1 - dy)).line((c.0 + dx, c.1 + dy)).0
                })
                .collect()
        }
    };
    let pen = if kind == 1 { pen * 1.5 } else { pen };
    let strokes = strokes.iter().map(|s| sample_like_a_hand(s, rng)).collect();
    (Drawing { strokes, pen }, kind)
}

impl Drawing {
    /// Painted on the pad and read as the page reads it: the 28×28 input (None if empty).
    pub fn read(&self, canvas: &mut Gray) -> Option<Vec<f32>> {
        let mut xy = Vec::new();
        let mut ends = Vec::new();
        for s in &self.strokes {
            for &(x, y) in s {
                xy.extend_from_slice(&[x, y]);
            }
            ends.push((xy.len() / 2) as u32);
        }
        let strokes = Strokes::new(&xy, &ends).ok()?;
        raster::paint(strokes, self.pen, raster::SIDE, canvas);
        to_mnist(canvas).map(|g| g.pixels)
    }
}

fn to_bytes(v: &[f32]) -> impl Iterator<Item = u8> + '_ {
    v.iter().map(|&x| (x.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// The set: images (n × 784 bytes) and labels, digits 0..9 in turn.
pub fn generate(seed: u64, per_class: usize) -> (Vec<u8>, Vec<u8>) {
    let mut rng = Rng::new(seed);
    let mut canvas = Gray::default();
    let (mut images, mut labels) = (Vec::new(), Vec::new());
    for i in 0..per_class * 10 {
        let digit = i % 10;
        let input = draw_digit(digit, &mut rng, None)
            .read(&mut canvas)
            .expect("a digit has ink");
        images.extend(to_bytes(&input));
        labels.push(digit as u8);
    }
    (images, labels)
}

/// `n` scribbles read as the page reads them, with their kinds.
pub fn scribbles(seed: u64, n: usize) -> Vec<(Vec<f32>, usize)> {
    let mut rng = Rng::new(seed ^ 0x5c81_bb1e);
    let mut canvas = Gray::default();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (drawing, kind) = draw_scribble(&mut rng);
        if let Some(v) = drawing.read(&mut canvas) {
            out.push((v, kind));
        }
    }
    out
}

/// Strokes for a browser test: `per_class` digits per class drawn with the page's pen.
fn strokes_json(seed: u64, per_class: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x0057_20e5);
    let digits: Vec<serde_json::Value> = (0..per_class * 10)
        .map(|i| {
            let d = draw_digit(i % 10, &mut rng, Some(raster::PEN));
            // Four decimals: a tenth of a pixel on a 1,000-pixel pad.
            let round = |v: f32| (v as f64 * 1e4).round() / 1e4;
            let strokes: Vec<Vec<[f64; 2]>> = d
                .strokes
                .iter()
                .map(|s| s.iter().map(|&(x, y)| [round(x), round(y)]).collect())
                .collect();
            serde_json::json!({ "label": i % 10, "strokes": strokes })
        })
        .collect();
    let doc = serde_json::json!({
        "about": "Digits drawn by `cargo xtask drawn` (crates/xtask/src/drawn.rs) with the page's pen (raster::PEN); points are shares of the pad's side, for draw(strokes).",
        "seed": seed,
        "pen": raster::PEN,
        "digits": digits,
    });
    serde_json::to_string(&doc).expect("JSON")
}

/// The first `rows` × 10 images side by side, as a greyscale PGM (for looking at them).
pub fn pgm_montage(images: &[u8], rows: usize) -> Vec<u8> {
    let rows = rows.min(images.len() / 7840);
    let (w, h) = (10 * 29, rows * 29);
    let mut px = vec![40u8; w * h];
    for (k, img) in images.chunks_exact(784).take(rows * 10).enumerate() {
        let (ox, oy) = ((k % 10) * 29, (k / 10) * 29);
        for y in 0..28 {
            for x in 0..28 {
                px[(oy + y) * w + ox + x] = img[y * 28 + x];
            }
        }
    }
    let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
    out.extend(px);
    out
}

/// Reads a drawn set (as written by `command`).
pub fn load(dir: &Path) -> Result<Dataset, String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    idx::image_dataset(&read(IMAGES)?, &read(LABELS)?).map_err(|e| e.to_string())
}

pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    let mut seed = SEED;
    let mut per_class = PER_CLASS;
    let mut out = root.join(DIR);
    let mut montage = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\nusage: cargo xtask {USAGE}"))?;
        let bad = || format!("{flag}: bad value {value:?}");
        match flag.as_str() {
            "--seed" => seed = value.parse().map_err(|_| bad())?,
            "--per-class" => per_class = value.parse().map_err(|_| bad())?,
            "--out" => out = value.into(),
            "--montage" => montage = Some(value.clone()),
            other => {
                return Err(format!(
                    "unknown argument {other:?}\nusage: cargo xtask {USAGE}"
                ))
            }
        }
    }
    let (images, labels) = generate(seed, per_class);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let n = labels.len();
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes)
            .map_err(|e| format!("{}: {e}", out.join(name).display()))
    };
    write(IMAGES, &idx::encode(&[n, 28, 28], &images))?;
    write(LABELS, &idx::encode(&[n], &labels))?;
    write(STROKES, strokes_json(seed, STROKES_PER_CLASS).as_bytes())?;
    if let Some(path) = montage {
        std::fs::write(&path, pgm_montage(&images, 20)).map_err(|e| format!("{path}: {e}"))?;
    }
    println!("wrote {n} drawn digits (seed {seed}) to {}", out.display());
    for name in ["modern", "3b1b"] {
        let path = root.join(format!("www/models/{name}.ngm"));
        if let Ok(bytes) = std::fs::read(&path) {
            let m = model_file::load(&bytes).map_err(|e| e.to_string())?;
            let data = load(&out)?;
            let e = neuroglow_core::metrics::evaluate(&m.net, m.loss, &data);
            println!(
                "  {name}.ngm reads {:.1}% of them (per class: {})",
                e.accuracy() * 100.0,
                e.per_class()
                    .iter()
                    .map(|a| format!("{:.0}", a * 100.0))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_varied() {
        let (a, la) = generate(5, 3);
        let (b, lb) = generate(5, 3);
        assert_eq!((&a, &la), (&b, &lb));
        assert_eq!(la.len(), 30);
        assert_ne!(generate(6, 3).0, a);
        assert_eq!(strokes_json(5, 1), strokes_json(5, 1));
        // No two images alike.
        let imgs: Vec<&[u8]> = a.chunks_exact(784).collect();
        for i in 0..imgs.len() {
            for j in i + 1..imgs.len() {
                assert_ne!(imgs[i], imgs[j]);
            }
        }
    }

    #[test]
    fn points_are_spaced_as_the_pad_keeps_them() {
        let mut rng = Rng::new(1);
        for d in 0..10 {
            let drawing = draw_digit(d, &mut rng, None);
            for s in &drawing.strokes {
                for w in s.windows(2) {
                    assert!(dist(w[0], w[1]) >= 0.0025 - 1e-6);
                }
                assert!(s
                    .iter()
                    .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)));
            }
        }
    }

    #[test]
    fn the_committed_set_is_what_the_generator_makes() {
        let root = crate::root();
        let data = load(&root.join(DIR)).expect("the committed drawn set");
        assert_eq!(data.len(), PER_CLASS * 10);
        let (images, _) = generate(SEED, 2);
        assert_eq!(data.image_bytes(0).unwrap(), &images[..784]);
        assert_eq!(data.image_bytes(19).unwrap(), &images[19 * 784..20 * 784]);
    }

    #[test]
    fn the_shipped_modern_model_reads_the_drawn_set() {
        let root = crate::root();
        let data = load(&root.join(DIR)).expect("the committed drawn set");
        let bytes = std::fs::read(root.join("www/models/modern.ngm")).expect("the shipped model");
        let m = model_file::load(&bytes).unwrap();
        let e = neuroglow_core::metrics::evaluate(&m.net, m.loss, &data);
        assert!(
            e.accuracy() >= 0.97,
            "modern.ngm reads {:.1}% of the drawn digits",
            e.accuracy() * 100.0
        );
    }
}
