//! Rankings the page shows: the top two outputs, and which synapses of a big layer are strong
//! enough to draw (a 784×128 layer has 100,352; a canvas shows a few thousand legibly).

/// Synapses drawn per big weight layer.
pub const STRONGEST: usize = 2000;
/// Layers with at most this many weights are drawn whole.
pub const DRAW_ALL_UP_TO: usize = 4096;

/// The largest and second-largest entries' indices (first on ties); None for fewer than two.
pub fn top_two(v: &[f32]) -> Option<(usize, usize)> {
    if v.len() < 2 {
        return None;
    }
    let key = |x: f32| if x.is_nan() { f32::NEG_INFINITY } else { x };
    let (mut a, mut b) = if key(v[1]) > key(v[0]) {
        (1, 0)
    } else {
        (0, 1)
    };
    for (i, &x) in v.iter().enumerate().skip(2) {
        if key(x) > key(v[a]) {
            b = a;
            a = i;
        } else if key(x) > key(v[b]) {
            b = i;
        }
    }
    Some((a, b))
}

/// Fills `out` with the indices of the `count` largest |values| (in index order) and returns
/// true; returns false (leaving `out` empty) when the layer is small enough to draw whole.
/// A histogram of |v| on a log scale finds the threshold in two passes, without sorting.
pub fn strongest(values: &[f32], count: usize, out: &mut Vec<u32>) -> bool {
    out.clear();
    if values.len() <= DRAW_ALL_UP_TO.max(count) {
        return false;
    }
    let max = values
        .iter()
        .map(|v| v.abs())
        .filter(|v| v.is_finite())
        .fold(0.0f32, f32::max);
    if max <= 0.0 {
        out.extend(0..count as u32);
        return true;
    }
    // Bins by the bits of |v|/max: exponent and four mantissa bits, which order like the value
    // itself (a log scale without a logarithm); below 2^-20 of the largest is one bin.
    const BINS: usize = 21 << 4;
    const LOW: u32 = (127 - 20) << 4;
    let scale = 1.0 / max;
    let bin = |v: f32| -> usize {
        let r = v.abs() * scale;
        if !(r > 0.0) {
            return 0;
        }
        let b = (r.min(1.0).to_bits() >> 19).saturating_sub(LOW) as usize;
        b.min(BINS - 1)
    };
    let mut hist = [0u32; BINS];
    values.iter().for_each(|&v| hist[bin(v)] += 1);
    let (mut cut, mut above) = (BINS - 1, 0usize);
    while cut > 0 && above + hist[cut] as usize <= count {
        above += hist[cut] as usize;
        cut -= 1;
    }
    let mut room = count - above;
    for (i, &v) in values.iter().enumerate() {
        let b = bin(v);
        if b > cut || (b == cut && room > 0) {
            if b == cut {
                room -= 1;
            }
            out.push(i as u32);
            if out.len() == count {
                break;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_two_picks_the_largest_pair() {
        assert_eq!(top_two(&[0.1, 0.7, 0.2]), Some((1, 2)));
        assert_eq!(top_two(&[0.9, 0.1]), Some((0, 1)));
        assert_eq!(top_two(&[f32::NAN, 0.3, 0.5]), Some((2, 1)));
        assert_eq!(top_two(&[1.0]), None);
    }

    #[test]
    fn strongest_keeps_the_largest_magnitudes() {
        let values: Vec<f32> = (0..10_000)
            .map(|i| ((i * 7919) % 10_000) as f32 / 10_000.0 - 0.5)
            .collect();
        let mut out = Vec::new();
        assert!(strongest(&values, 2000, &mut out));
        assert_eq!(out.len(), 2000);
        let smallest_kept = out
            .iter()
            .map(|&i| values[i as usize].abs())
            .fold(f32::INFINITY, f32::min);
        let dropped_above = values
            .iter()
            .enumerate()
            .filter(|(i, v)| !out.contains(&(*i as u32)) && v.abs() > smallest_kept * 1.05)
            .count();
        assert_eq!(dropped_above, 0, "nothing clearly stronger is left out");
        assert!(!strongest(&values[..100], 2000, &mut out) && out.is_empty());
    }
}
