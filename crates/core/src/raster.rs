//! The pen: strokes kept as points become anti-aliased ink, as the drawing pad paints them —
//! round caps and joins, each stroke a chain of quadratic curves through the midpoints of its
//! points — so the page reads the pen's points instead of reading pixels back from a canvas.
//!
//! Points are shares of the pad's side (0..1; a little outside is allowed and clipped), the
//! pen's width a share of the side too, so the same strokes give the same ink at any size.

use crate::preprocess::Gray;

/// The pad's pen width, a share of its side: a digit over most of the pad shrinks by about
/// 1/10 into MNIST's 20-pixel box, which makes this MNIST's 2–3 pixel pen.
pub const PEN: f32 = 0.075;
/// The side, in pixels, at which the page reads a drawing (as its canvas used to be).
pub const SIDE: usize = 280;
/// Most points in one drawing (about 30 seconds of continuous drawing at 120 events a second,
/// times ten); more are refused, so no drawing makes the work unbounded.
pub const MAX_POINTS: usize = 40_000;
/// Pixels a flattened piece of a curve spans at most.
const FLAT_STEP: f32 = 2.0;

/// Strokes as flat coordinates and where each stroke ends, the shape the page hands over
/// without copying per point: `xy = [x0, y0, x1, y1, …]`, `ends[k]` = the number of points in
/// strokes 0..=k.
#[derive(Clone, Copy, Debug)]
pub struct Strokes<'a> {
    pub xy: &'a [f32],
    pub ends: &'a [u32],
}

impl<'a> Strokes<'a> {
    /// Checks the shape: ends rising, the last equal to the number of points, every
    /// coordinate finite, at most MAX_POINTS points.
    pub fn new(xy: &'a [f32], ends: &'a [u32]) -> crate::Result<Strokes<'a>> {
        let bad = |m: String| Err(crate::Error::Input(m));
        if xy.len() % 2 != 0 {
            return bad(format!("{} coordinates are not (x, y) pairs", xy.len()));
        }
        let n = xy.len() / 2;
        if n > MAX_POINTS {
            return bad(format!(
                "a drawing of {n} points is too long (at most {MAX_POINTS})"
            ));
        }
        if ends.last().map_or(0, |&e| e as usize) != n {
            return bad(format!(
                "the strokes end at point {}, but there are {n} points",
                ends.last().copied().unwrap_or(0)
            ));
        }
        if ends.windows(2).any(|w| w[1] <= w[0]) || ends.first() == Some(&0) {
            return bad("every stroke needs at least one point".into());
        }
        if let Some(i) = xy.iter().position(|v| !v.is_finite()) {
            return bad(format!(
                "point {} has a coordinate that is not a finite number",
                i / 2 + 1
            ));
        }
        Ok(Strokes { xy, ends })
    }

    /// Each stroke's points as (x, y) pairs.
    pub fn each(&self) -> impl Iterator<Item = &'a [f32]> + '_ {
        let mut start = 0usize;
        self.ends.iter().map(move |&e| {
            let s = &self.xy[start * 2..e as usize * 2];
            start = e as usize;
            s
        })
    }
}

/// Paints strokes into `out` (resized to side × side, cleared first), ink 0..1.
/// Allocation-free once `out` has its size.
pub fn paint(strokes: Strokes, pen: f32, side: usize, out: &mut Gray) {
    clear(out, side);
    let r = radius(pen, side);
    for pts in strokes.each() {
        let n = pts.len() / 2;
        pieces(pts, side, r, 0, n.saturating_sub(2), out);
        tail(pts, side, r, out);
    }
}

fn clear(out: &mut Gray, side: usize) {
    out.width = side;
    out.height = side;
    out.pixels.clear();
    out.pixels.resize(side * side, 0.0);
}

fn radius(pen: f32, side: usize) -> f32 {
    (pen * side as f32 / 2.0).max(0.5)
}

/// A stroke's point i in pixels. Far-off points are pulled in (their ink is off the pad
/// anyway), so no product overflows.
fn at(pts: &[f32], side: usize, i: usize) -> (f32, f32) {
    let s = side as f32;
    (
        pts[2 * i].clamp(-1.0, 2.0) * s,
        pts[2 * i + 1].clamp(-1.0, 2.0) * s,
    )
}

/// Where curve piece i of a stroke starts: its first point, then the midpoints.
fn piece_start(pts: &[f32], side: usize, i: usize) -> (f32, f32) {
    if i == 0 {
        return at(pts, side, 0);
    }
    let (p, q) = (at(pts, side, i), at(pts, side, i + 1));
    ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0)
}

/// Curve pieces `from..to` of a stroke, as the pad paints them: piece i is the quadratic curve
/// from `piece_start(i)` with point i + 1 as its control, ending at the midpoint to point i + 2.
/// They depend only on points up to i + 2, so a growing stroke never changes a painted piece.
fn pieces(pts: &[f32], side: usize, r: f32, from: usize, to: usize, out: &mut Gray) {
    for i in from..to {
        let (start, c, end) = (
            piece_start(pts, side, i),
            at(pts, side, i + 1),
            piece_start(pts, side, i + 1),
        );
        let len = dist(start, c) + dist(c, end);
        let n = ((len / FLAT_STEP).ceil() as usize).clamp(1, 64);
        let mut a = start;
        for k in 1..=n {
            let t = k as f32 / n as f32;
            let u = 1.0 - t;
            let b = (
                u * u * start.0 + 2.0 * u * t * c.0 + t * t * end.0,
                u * u * start.1 + 2.0 * u * t * c.1 + t * t * end.1,
            );
            capsule(out, a, b, r);
            a = b;
        }
    }
}

/// A stroke's end: the straight line from its last curve piece to its last point (a dot for a
/// stroke of one point). The only part that changes while the stroke grows.
fn tail(pts: &[f32], side: usize, r: f32, out: &mut Gray) {
    let n = pts.len() / 2;
    if n == 0 {
        return;
    }
    let from = piece_start(pts, side, n.saturating_sub(2));
    capsule(
        out,
        if n == 1 { at(pts, side, 0) } else { from },
        at(pts, side, n - 1),
        r,
    );
}

/// Paints strokes as `paint` does, remembering what it painted: while the page only adds
/// points to the last stroke or starts new strokes (drawing), it paints just the new curve
/// pieces onto a kept canvas, then the last stroke's moving end. Anything else (Undo, Clear,
/// another drawing, another pen) paints from scratch. Ink equals `paint`'s exactly (ink is
/// the maximum over the pieces, whatever their order).
#[derive(Clone, Debug, Default)]
pub struct Painter {
    /// Every finished stroke and the last stroke's finished pieces.
    base: Gray,
    /// The base plus the last stroke's end: what `paint` returns.
    ink: Gray,
    xy: Vec<f32>,
    ends: Vec<u32>,
    /// Strokes wholly in `base`, and curve pieces of the next one in it.
    strokes_done: usize,
    pieces_done: usize,
    pen: f32,
}

impl Painter {
    /// The ink painted last.
    pub fn ink(&self) -> &Gray {
        &self.ink
    }

    pub fn paint(&mut self, strokes: Strokes, pen: f32, side: usize) -> &Gray {
        if !self.extends(&strokes, pen, side) {
            clear(&mut self.base, side);
            self.xy.clear();
            self.ends.clear();
            (self.strokes_done, self.pieces_done, self.pen) = (0, 0, pen);
        }
        let r = radius(pen, side);
        let count = strokes.ends.len();
        let mut last = None;
        for (k, pts) in strokes.each().enumerate().skip(self.strokes_done) {
            let n = pts.len() / 2;
            let settled = n.saturating_sub(2);
            pieces(pts, side, r, self.pieces_done, settled, &mut self.base);
            if k + 1 < count {
                tail(pts, side, r, &mut self.base); // a later stroke began: this one is finished
                (self.strokes_done, self.pieces_done) = (k + 1, 0);
            } else {
                self.pieces_done = settled;
                last = Some(pts);
            }
        }
        self.ink.clone_from(&self.base);
        if let Some(pts) = last {
            tail(pts, side, r, &mut self.ink);
        }
        self.xy.clear();
        self.xy.extend_from_slice(strokes.xy);
        self.ends.clear();
        self.ends.extend_from_slice(strokes.ends);
        &self.ink
    }

    /// Whether `strokes` is what was painted last with points added to its last stroke or new
    /// strokes after it (same pen and size).
    fn extends(&self, strokes: &Strokes, pen: f32, side: usize) -> bool {
        let k = self.ends.len();
        pen.to_bits() == self.pen.to_bits()
            && self.base.width == side
            && !self.ends.is_empty()
            && strokes.ends.len() >= k
            && strokes.ends[..k - 1] == self.ends[..k - 1]
            && strokes.ends[k - 1] >= self.ends[k - 1]
            && (strokes.ends.len() == k || strokes.ends[k - 1] == self.ends[k - 1])
            && strokes.xy.len() >= self.xy.len()
            && strokes.xy[..self.xy.len()]
                .iter()
                .zip(&self.xy)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Ink of a round-capped line of radius r from a to b: each pixel takes the larger of its ink
/// and its coverage, estimated from the distance of its centre to the segment (a one-pixel
/// ramp at the edge, as canvas anti-aliasing gives).
fn capsule(out: &mut Gray, a: (f32, f32), b: (f32, f32), r: f32) {
    let (w, h) = (out.width as f32, out.height as f32);
    let reach = r + 0.5;
    let x0 = (a.0.min(b.0) - reach).floor().max(0.0);
    let x1 = (a.0.max(b.0) + reach).ceil().min(w);
    let y0 = (a.1.min(b.1) - reach).floor().max(0.0);
    let y1 = (a.1.max(b.1) + reach).ceil().min(h);
    if x0 >= x1 || y0 >= y1 {
        return; // wholly off the pad
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let inv = if len2 > 0.0 { 1.0 / len2 } else { 0.0 };
    let (outer, inner) = (reach * reach, (r - 0.5).max(0.0).powi(2));
    let width = out.width;
    for y in y0 as usize..y1 as usize {
        let py = y as f32 + 0.5 - a.1;
        let row = &mut out.pixels[y * width..(y + 1) * width];
        for (x, v) in row
            .iter_mut()
            .enumerate()
            .take(x1 as usize)
            .skip(x0 as usize)
        {
            if *v >= 1.0 {
                continue;
            }
            let px = x as f32 + 0.5 - a.0;
            let t = ((px * dx + py * dy) * inv).clamp(0.0, 1.0);
            let (ex, ey) = (px - t * dx, py - t * dy);
            let d2 = ex * ex + ey * ey;
            if d2 >= outer {
                continue;
            }
            let cover = if d2 <= inner {
                1.0
            } else {
                (reach - d2.sqrt()).min(1.0)
            };
            if cover > *v {
                *v = cover;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(xy: &[f32], ends: &[u32], pen: f32, side: usize) -> Gray {
        let mut g = Gray {
            width: 0,
            height: 0,
            pixels: Vec::new(),
        };
        paint(Strokes::new(xy, ends).unwrap(), pen, side, &mut g);
        g
    }

    #[test]
    fn a_dot_is_a_disc_of_the_pen_width() {
        let g = ink(&[0.5, 0.5], &[1], 0.1, 200); // radius 10 px
        let area: f32 = g.pixels.iter().sum();
        let disc = std::f32::consts::PI * 100.0;
        assert!((area - disc).abs() / disc < 0.03, "area {area} vs {disc}");
        assert_eq!(g.pixels[100 * 200 + 100], 1.0);
        assert_eq!(g.pixels[100 * 200 + 115], 0.0);
    }

    #[test]
    fn a_line_has_the_area_of_its_capsule_and_soft_edges() {
        // 120 px long, radius 5, its edges through the middle of pixel rows.
        let g = ink(&[0.2, 0.5025, 0.8, 0.5025], &[2], 0.05, 200);
        let area: f32 = g.pixels.iter().sum();
        let capsule = 120.0 * 10.0 + std::f32::consts::PI * 25.0;
        assert!(
            (area - capsule).abs() / capsule < 0.03,
            "{area} vs {capsule}"
        );
        let grey = g.pixels.iter().filter(|&&v| v > 0.0 && v < 1.0).count();
        assert!(grey > 200, "anti-aliased edge pixels: {grey}");
    }

    #[test]
    fn curves_pass_through_the_midpoints_and_end_at_the_last_point() {
        // An L through three points: the curve bends inside the corner and ends at (0.8, 0.8).
        let g = ink(&[0.2, 0.2, 0.2, 0.8, 0.8, 0.8], &[3], 0.02, 100);
        let at = |x: usize, y: usize| g.pixels[y * 100 + x];
        assert!(at(20, 20) > 0.5 && at(50, 80) > 0.5 && at(79, 80) > 0.5);
        assert_eq!(
            at(20, 79),
            0.0,
            "the corner is rounded off, as the canvas draws it"
        );
    }

    #[test]
    fn strokes_are_checked() {
        assert!(Strokes::new(&[0.1], &[1]).is_err());
        assert!(Strokes::new(&[0.1, 0.2], &[2]).is_err());
        assert!(Strokes::new(&[0.1, 0.2, 0.3, 0.4], &[1, 1, 2]).is_err());
        assert!(Strokes::new(&[f32::NAN, 0.2], &[1]).is_err());
        assert!(Strokes::new(&vec![0.5; 2 * MAX_POINTS + 2], &[MAX_POINTS as u32 + 1]).is_err());
        let s = Strokes::new(&[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], &[1, 3]).unwrap();
        assert_eq!(s.each().map(|p| p.len() / 2).collect::<Vec<_>>(), [1, 2]);
        assert!(Strokes::new(&[], &[]).is_ok(), "no strokes: an empty pad");
    }

    /// A drawing as the pad makes it: each stroke grows a point at a time, then the next.
    #[test]
    fn painting_as_the_strokes_grow_equals_painting_them_whole() {
        let strokes: [&[f32]; 3] = [
            &[
                0.3, 0.3, 0.5, 0.1, 0.7, 0.3, 0.45, 0.6, 0.3, 0.85, 0.75, 0.85,
            ],
            &[0.8, 0.2],
            &[0.2, 0.5, 0.25, 0.52, 0.4, 0.47, 0.8, 0.55],
        ];
        let mut painter = Painter::default();
        let (mut xy, mut ends) = (Vec::new(), Vec::new());
        for s in strokes {
            ends.push(xy.len() as u32 / 2);
            for p in s.chunks(2) {
                xy.extend_from_slice(p);
                *ends.last_mut().unwrap() += 1;
                let whole = ink(&xy, &ends, PEN, 120);
                let grown = painter.paint(Strokes::new(&xy, &ends).unwrap(), PEN, 120);
                assert_eq!(
                    grown,
                    &whole,
                    "after {} points in {} strokes",
                    xy.len() / 2,
                    ends.len()
                );
            }
        }
        // Undo (the last stroke removed), another pen, another size: painted from scratch.
        let (xy2, ends2) = (&xy[..14], &ends[..2]);
        let undone = painter
            .paint(Strokes::new(xy2, ends2).unwrap(), PEN, 120)
            .clone();
        assert_eq!(undone, ink(xy2, ends2, PEN, 120));
        let thick = painter
            .paint(Strokes::new(xy2, ends2).unwrap(), 0.1, 120)
            .clone();
        assert_eq!(thick, ink(xy2, ends2, 0.1, 120));
        let big = painter
            .paint(Strokes::new(xy2, ends2).unwrap(), 0.1, 200)
            .clone();
        assert_eq!(big, ink(xy2, ends2, 0.1, 200));
        // A moved point (not an extension) and an empty pad.
        let mut moved = xy.clone();
        moved[3] += 0.01;
        assert_eq!(
            painter.paint(Strokes::new(&moved, &ends).unwrap(), PEN, 120),
            &ink(&moved, &ends, PEN, 120)
        );
        assert!(painter
            .paint(Strokes::new(&[], &[]).unwrap(), PEN, 120)
            .pixels
            .iter()
            .all(|&v| v == 0.0));
    }

    #[test]
    fn points_off_the_pad_are_clipped() {
        let g = ink(&[-3.0, -3.0, 5.0, -2.0, 1e30, 1e30], &[3], 0.1, 50);
        assert!(g.pixels.iter().all(|v| (0.0..=1.0).contains(v)));
    }
}
