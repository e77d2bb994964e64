//! A drawing becomes an MNIST-style input, the way the MNIST digits were made: crop to the
//! ink, scale to fit a 20×20 box keeping the aspect ratio (area averaging, so thin strokes
//! turn grey rather than vanish), then place in a 28×28 field with the ink's centre of mass on
//! its centre pixel.

use crate::error::{Error, Result};

/// A greyscale image, ink 0..1, row-major.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f32>,
}

/// The MNIST field and the box the digit is scaled into.
pub const FIELD: usize = 28;
pub const BOX: usize = 20;
/// Ink below this is background (anti-aliasing fringes of an empty canvas).
const INK_THRESHOLD: f32 = 0.05;
/// Largest drawing accepted (a 4K canvas).
pub const MAX_PIXELS: usize = 4096 * 4096;

impl Gray {
    /// Ink from canvas RGBA: light strokes on a dark or transparent background, as MNIST
    /// stores digits (ink = luminance × alpha).
    pub fn from_rgba(rgba: &[u8], width: usize, height: usize) -> Result<Gray> {
        let n = width
            .checked_mul(height)
            .filter(|&n| n > 0 && n <= MAX_PIXELS);
        let Some(n) = n else {
            return Err(Error::Input(format!(
                "a drawing of {width}×{height} pixels is out of range"
            )));
        };
        if rgba.len() != n * 4 {
            return Err(Error::Input(format!(
                "{width}×{height} RGBA needs {} bytes, got {}",
                n * 4,
                rgba.len()
            )));
        }
        let pixels = rgba
            .chunks_exact(4)
            .map(|p| {
                let lum = 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32;
                lum / 255.0 * (p[3] as f32 / 255.0)
            })
            .collect();
        Ok(Gray {
            width,
            height,
            pixels,
        })
    }

    fn at(&self, x: usize, y: usize) -> f32 {
        self.pixels[y * self.width + x]
    }

    /// The smallest rectangle (x0, y0, x1, y1), exclusive ends, holding all the ink.
    pub fn ink_bounds(&self) -> Option<(usize, usize, usize, usize)> {
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..self.height {
            for x in 0..self.width {
                if self.at(x, y) > INK_THRESHOLD {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x + 1);
                    y1 = y1.max(y + 1);
                }
            }
        }
        (x0 != usize::MAX).then_some((x0, y0, x1, y1))
    }

    /// Centre of mass of the ink in pixel-index coordinates (pixel i's centre is at i), the
    /// convention MNIST was centred with.
    pub fn centre_of_mass(&self) -> Option<(f32, f32)> {
        let (mut m, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
        for y in 0..self.height {
            for x in 0..self.width {
                let v = self.at(x, y) as f64;
                m += v;
                mx += v * x as f64;
                my += v * y as f64;
            }
        }
        (m > 0.0).then(|| ((mx / m) as f32, (my / m) as f32))
    }
}

/// One axis of area-averaging resampling: output cell i averages the source over
/// [start + i·scale, start + (i+1)·scale), counting partly covered source pixels by overlap.
/// Cell i's (source, weight) pairs are `pairs[ends[i-1]..ends[i]]`.
#[derive(Clone, Debug, Default)]
struct AreaWeights {
    pairs: Vec<(usize, f32)>,
    ends: Vec<usize>,
}

impl AreaWeights {
    /// Source pixels outside [start, end) (float rounding at the crop's far edge) are left out.
    fn fill(&mut self, start: usize, end: usize, out_len: usize) {
        let scale = (end - start) as f32 / out_len as f32;
        let start_f = start as f32;
        self.pairs.clear();
        self.ends.clear();
        for i in 0..out_len {
            let (a, b) = (start_f + i as f32 * scale, start_f + (i + 1) as f32 * scale);
            let first = (a.floor().max(0.0) as usize).max(start);
            let last = (b.ceil() as usize).min(end);
            for s in first..last {
                let overlap = (b.min(s as f32 + 1.0) - a.max(s as f32)).max(0.0);
                if overlap > 0.0 {
                    self.pairs.push((s, overlap / scale));
                }
            }
            self.ends.push(self.pairs.len());
        }
    }

    fn cell(&self, i: usize) -> &[(usize, f32)] {
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.pairs[from..self.ends[i]]
    }
}

/// How a drawing became the network's input, step by step (what the page's strip shows).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps {
    /// The ink's bounding box in the drawing, (x0, y0, x1, y1), exclusive ends, in pixels.
    pub bounds: (usize, usize, usize, usize),
    /// Box pixels per drawing pixel: the long side of the ink becomes 20.
    pub scale: f32,
    /// The ink scaled into the 20×20 box (its long side 20 pixels).
    pub small: Gray,
    /// The scaled ink's centre of mass, in its own pixel-index coordinates.
    pub centre_of_mass: (f32, f32),
    /// Whole pixels the scaled ink moves (from the field's top-left corner) so its centre of
    /// mass lands on the field's centre pixel (14, 14).
    pub shift: (isize, isize),
    /// Whole pixels the centre of mass moved the ink (right, down) from where centring its box
    /// alone would have put it: what centring by mass, as MNIST did, changes.
    pub moved: (isize, isize),
    /// The 28×28 input the network reads.
    pub field: Gray,
}

/// Turns drawings into MNIST inputs, keeping its buffers between drawings (no allocation
/// once it has seen a drawing as large) and the steps of the last one.
#[derive(Clone, Debug, Default)]
pub struct Preprocessor {
    wx: AreaWeights,
    wy: AreaWeights,
    rows: Vec<f32>,
    steps: Steps,
}

impl Preprocessor {
    /// The steps of the last drawing read (empty before the first).
    pub fn steps(&self) -> &Steps {
        &self.steps
    }

    /// Crops, scales into the 20×20 box, and centres by mass in a 28×28 field; the steps, or
    /// None when there is no ink (an empty pad).
    pub fn run(&mut self, img: &Gray) -> Option<&Steps> {
        let (x0, y0, x1, y1) = img.ink_bounds()?;
        let (bw, bh) = ((x1 - x0) as f32, (y1 - y0) as f32);
        // Source pixels per output pixel, so the longer side becomes BOX.
        let scale = bw.max(bh) / BOX as f32;
        let out_w = ((bw / scale).round() as usize).clamp(1, BOX);
        let out_h = ((bh / scale).round() as usize).clamp(1, BOX);
        // Each side's whole pixels cover exactly the crop: rounding stretches or squeezes the
        // short side by at most half a pixel (a thinner line is widened to one). Centring the
        // unstretched side instead cut the rounding off both its edges: two far-apart dots
        // lost all their ink.
        self.wx.fill(x0, x1, out_w);
        self.wy.fill(y0, y1, out_h);
        // Horizontal pass over the crop's rows, then vertical.
        self.rows.clear();
        self.rows.resize(out_w * (y1 - y0), 0.0);
        for y in y0..y1 {
            let row = &img.pixels[y * img.width..(y + 1) * img.width];
            for i in 0..out_w {
                self.rows[(y - y0) * out_w + i] =
                    self.wx.cell(i).iter().map(|&(s, w)| row[s] * w).sum();
            }
        }
        let st = &mut self.steps;
        st.small.width = out_w;
        st.small.height = out_h;
        st.small.pixels.clear();
        st.small.pixels.resize(out_w * out_h, 0.0);
        for j in 0..out_h {
            for i in 0..out_w {
                st.small.pixels[j * out_w + i] = self
                    .wy
                    .cell(j)
                    .iter()
                    .map(|&(s, w)| self.rows[(s - y0) * out_w + i] * w)
                    .sum::<f32>()
                    .min(1.0);
            }
        }
        // Shift by whole pixels, as MNIST did, so the centre of mass lands on pixel (14, 14).
        // (MNIST digits put through this come out unchanged.)
        let (cx, cy) = st.small.centre_of_mass()?;
        let centre = (FIELD / 2) as f32;
        let (dx, dy) = (
            (centre - cx).round() as isize,
            (centre - cy).round() as isize,
        );
        st.field.width = FIELD;
        st.field.height = FIELD;
        st.field.pixels.clear();
        st.field.pixels.resize(FIELD * FIELD, 0.0);
        for y in 0..out_h {
            for x in 0..out_w {
                let (fx, fy) = (x as isize + dx, y as isize + dy);
                if (0..FIELD as isize).contains(&fx) && (0..FIELD as isize).contains(&fy) {
                    st.field.pixels[fy as usize * FIELD + fx as usize] =
                        st.small.pixels[y * out_w + x];
                }
            }
        }
        st.bounds = (x0, y0, x1, y1);
        st.scale = 1.0 / scale;
        st.centre_of_mass = (cx, cy);
        st.shift = (dx, dy);
        st.moved = (
            dx - ((FIELD - out_w) / 2) as isize,
            dy - ((FIELD - out_h) / 2) as isize,
        );
        Some(&self.steps)
    }
}

/// Crops, scales into the 20×20 box, and centres by mass in a 28×28 field. None when there is
/// no ink (an empty pad).
pub fn to_mnist(img: &Gray) -> Option<Gray> {
    Preprocessor::default().run(img).map(|s| s.field.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A filled ellipse (a fat "0") with its box at (x, y), size w×h, on a canvas.
    fn blob(canvas: usize, x: usize, y: usize, w: usize, h: usize) -> Gray {
        let mut g = Gray {
            width: canvas,
            height: canvas,
            pixels: vec![0.0; canvas * canvas],
        };
        let (cx, cy, rx, ry) = (
            x as f32 + w as f32 / 2.0,
            y as f32 + h as f32 / 2.0,
            w as f32 / 2.0,
            h as f32 / 2.0,
        );
        for py in y..y + h {
            for px in x..x + w {
                let (dx, dy) = ((px as f32 + 0.5 - cx) / rx, (py as f32 + 0.5 - cy) / ry);
                let r = dx * dx + dy * dy;
                if r <= 1.0 && r >= 0.35 {
                    g.pixels[py * canvas + px] = 1.0;
                }
            }
        }
        g
    }

    #[test]
    fn empty_pad_gives_nothing() {
        assert!(to_mnist(&Gray {
            width: 50,
            height: 50,
            pixels: vec![0.0; 2500]
        })
        .is_none());
    }

    #[test]
    fn centre_of_mass_lands_within_half_a_pixel_of_the_centre() {
        for (x, y, w, h) in [
            (10, 10, 100, 160),
            (200, 5, 60, 40),
            (0, 150, 130, 130),
            (33, 77, 7, 19),
        ] {
            let out = to_mnist(&blob(280, x, y, w, h)).unwrap();
            let (cx, cy) = out.centre_of_mass().unwrap();
            // Pixel-index coordinates: the field's middle pixel is 14 (MNIST's convention).
            assert!(
                (cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5,
                "{x},{y},{w}×{h}: ({cx}, {cy})"
            );
        }
    }

    #[test]
    fn aspect_ratio_is_kept_and_the_long_side_is_20() {
        let out = to_mnist(&blob(280, 40, 20, 100, 200)).unwrap();
        let (x0, y0, x1, y1) = out.ink_bounds().unwrap();
        assert_eq!(y1 - y0, 20);
        assert!(((x1 - x0) as i32 - 10).abs() <= 1, "width {}", x1 - x0);
    }

    #[test]
    fn tiny_huge_or_cornered_drawings_give_nearly_the_same_input() {
        let reference = to_mnist(&blob(280, 70, 40, 100, 200)).unwrap();
        for (x, y, w, h) in [
            (0, 0, 20, 40),
            (150, 50, 115, 230),
            (5, 230, 20, 40),
            (255, 0, 25, 50),
        ] {
            let out = to_mnist(&blob(280, x, y, w, h)).unwrap();
            let diff: f32 = out
                .pixels
                .iter()
                .zip(&reference.pixels)
                .map(|(a, b)| (a - b).abs())
                .sum();
            let ink: f32 = reference.pixels.iter().sum();
            assert!(
                diff / ink < 0.25,
                "{x},{y},{w}×{h}: differs by {:.0}% of the ink",
                100.0 * diff / ink
            );
        }
    }

    #[test]
    fn thin_strokes_become_grey_not_lost() {
        let mut g = Gray {
            width: 200,
            height: 200,
            pixels: vec![0.0; 40000],
        };
        for y in 10..190 {
            g.pixels[y * 200 + 100] = 1.0; // a one-pixel vertical line
        }
        let out = to_mnist(&g).unwrap();
        let ink: f32 = out.pixels.iter().sum();
        assert!(
            ink > 0.5,
            "area averaging keeps the stroke's mass, got {ink}"
        );
    }

    #[test]
    fn the_steps_say_how_the_input_was_made() {
        let mut p = Preprocessor::default();
        let s = p.run(&blob(280, 40, 20, 100, 200)).unwrap().clone();
        assert_eq!(s.bounds.1, 20);
        assert_eq!(s.bounds.3 - s.bounds.1, 200);
        assert!(
            (s.scale - 0.1).abs() < 1e-6,
            "200 px → 20: ×0.1, got {}",
            s.scale
        );
        assert_eq!((s.small.width, s.small.height), (10, 20));
        assert_eq!(s.field, to_mnist(&blob(280, 40, 20, 100, 200)).unwrap());
        // The shift moves the small image's centre of mass onto (14, 14).
        let (cx, cy) = s.centre_of_mass;
        assert!((cx + s.shift.0 as f32 - 14.0).abs() <= 0.5);
        assert!((cy + s.shift.1 as f32 - 14.0).abs() <= 0.5);
        // A symmetric ellipse's mass is at its box's centre: centring by mass moves it at most
        // the half pixel an odd box's centring rounds off.
        assert!(
            s.moved.0.abs() <= 1 && s.moved.1.abs() <= 1,
            "{:?}",
            s.moved
        );
        // The same preprocessor, reused on a smaller drawing, gives what a fresh one gives.
        let again = p.run(&blob(100, 10, 10, 30, 30)).unwrap().clone();
        assert_eq!(
            again,
            Preprocessor::default()
                .run(&blob(100, 10, 10, 30, 30))
                .unwrap()
                .clone()
        );
    }

    #[test]
    fn rgba_is_checked() {
        assert!(Gray::from_rgba(&[0; 15], 2, 2).is_err());
        assert!(Gray::from_rgba(&[], 0, 0).is_err());
        let g = Gray::from_rgba(&[255, 255, 255, 255, 255, 255, 255, 0], 2, 1).unwrap();
        assert_eq!(g.pixels, vec![1.0, 0.0]);
    }
}
