//! Honest confidence: how sure a trained network is of a reading, and when to say "not sure".
//!
//! A network's raw outputs overstate its certainty. Temperature scaling (Guo et al., 2017)
//! divides the output layer's pre-activations z by one number T, fitted on held-out examples
//! so the top probability matches how often the top answer is right; the model file stores T.
//! The same softmax(z / T) serves every output activation (sigmoid outputs too), so both
//! presets get a calibrated confidence.

use crate::ranking::top_two;

/// Below this calibrated top probability the page says it is not sure (and names the two
/// likeliest answers).
pub const UNSURE_BELOW: f32 = 0.75;

/// What a model file says about its confidence. The default (T = 1, no "no digit" threshold)
/// is what an uncalibrated model gets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// Divides z before the softmax; > 1 softens an overconfident network.
    pub temperature: f32,
    /// A drawing whose evidence log Σ exp(z / T) is below this looks like no digit the network
    /// knows (fitted on held-out digits); −∞ when the model file has none.
    pub no_digit_below: f32,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration {
            temperature: 1.0,
            no_digit_below: f32::NEG_INFINITY,
        }
    }
}

/// What the page says about one reading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// The network is sure enough: its answer.
    Sure { digit: usize },
    /// Not sure: the two likeliest answers.
    Unsure { first: usize, second: usize },
    /// Nothing like a digit the network knows.
    NoDigit,
}

impl Verdict {
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Sure { .. } => "sure",
            Verdict::Unsure { .. } => "unsure",
            Verdict::NoDigit => "no-digit",
        }
    }
}

impl Calibration {
    /// Calibrated probabilities softmax(z / T) into `probs` (same length as z), and the
    /// verdict. Allocation-free.
    pub fn read(&self, z: &[f32], probs: &mut [f32]) -> Verdict {
        let t = self.temperature;
        let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v / t));
        let mut sum = 0.0f32;
        for (p, &v) in probs.iter_mut().zip(z) {
            *p = (v / t - max).exp();
            sum += *p;
        }
        for p in probs.iter_mut() {
            *p /= sum;
        }
        let evidence = max + sum.ln();
        // (A network with one output is always sure of it.)
        let (first, second) = top_two(probs).unwrap_or((0, 0));
        if evidence < self.no_digit_below {
            Verdict::NoDigit
        } else if probs[first] < UNSURE_BELOW {
            Verdict::Unsure { first, second }
        } else {
            Verdict::Sure { digit: first }
        }
    }
}

/// Bins of the expected calibration error (equal widths of top probability).
pub const ECE_BINS: usize = 15;

/// log Σ exp(z / T): how much the network's outputs say "some digit I know" (the evidence
/// `Calibration::read` compares with `no_digit_below`).
pub fn evidence(z: &[f32], t: f32) -> f32 {
    let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v / t));
    max + z.iter().map(|&v| (v / t - max).exp()).sum::<f32>().ln()
}

/// Mean negative log-likelihood of the labels under softmax(z / T); `z` holds one row of
/// `classes` pre-activations per label.
pub fn nll(z: &[f32], labels: &[u8], classes: usize, t: f32) -> f64 {
    let sum: f64 = z
        .chunks_exact(classes)
        .zip(labels)
        .map(|(row, &l)| (evidence(row, t) - row[l as usize] / t) as f64)
        .sum();
    sum / labels.len().max(1) as f64
}

/// The temperature with the least negative log-likelihood (golden-section search over ln T
/// in [ln 0.05, ln 50]; the NLL is smooth and has a single minimum in T for real networks).
pub fn fit_temperature(z: &[f32], labels: &[u8], classes: usize) -> f32 {
    let f = |lt: f64| nll(z, labels, classes, lt.exp() as f32);
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (0.05f64.ln(), 50f64.ln());
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..60 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d);
        }
    }
    ((a + b) / 2.0).exp() as f32
}

/// Expected calibration error of softmax(z / T) over `bins` equal-width bins of top
/// probability: Σ_bins (n_bin / n) · |accuracy_bin − mean confidence_bin|.
pub fn ece(z: &[f32], labels: &[u8], classes: usize, t: f32, bins: usize) -> f32 {
    let mut count = vec![0usize; bins];
    let mut correct = vec![0usize; bins];
    let mut confidence = vec![0f64; bins];
    let mut probs = vec![0.0; classes];
    let cal = Calibration {
        temperature: t,
        ..Calibration::default()
    };
    for (row, &l) in z.chunks_exact(classes).zip(labels) {
        cal.read(row, &mut probs);
        let (top, _) = top_two(&probs).unwrap_or((0, 0));
        let p = probs[top];
        let bin = ((p * bins as f32) as usize).min(bins - 1);
        count[bin] += 1;
        correct[bin] += usize::from(top == l as usize);
        confidence[bin] += p as f64;
    }
    let n = labels.len().max(1) as f64;
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| {
            let k = count[b] as f64;
            k / n * (correct[b] as f64 / k - confidence[b] / k).abs()
        })
        .sum::<f64>() as f32
}

/// The evidence below which `share` of these (held-out, real) digits fall: the "no digit"
/// threshold.
pub fn fit_no_digit(z: &[f32], classes: usize, t: f32, share: f32) -> f32 {
    let mut e: Vec<f32> = z.chunks_exact(classes).map(|r| evidence(r, t)).collect();
    if e.is_empty() {
        return f32::NEG_INFINITY;
    }
    e.sort_by(f32::total_cmp);
    let k = ((share * e.len() as f32) as usize).min(e.len() - 1);
    e[k]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_sum_to_one_and_temperature_softens_them() {
        let z = [2.0, 1.0, 0.5, -1.0];
        let mut p = [0.0; 4];
        Calibration::default().read(&z, &mut p);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        let sharp = p[0];
        let soft = Calibration {
            temperature: 2.0,
            ..Calibration::default()
        };
        soft.read(&z, &mut p);
        assert!(p[0] < sharp && p[0] > 0.25);
    }

    #[test]
    fn verdicts() {
        let mut p = [0.0; 3];
        let c = Calibration::default();
        assert_eq!(c.read(&[9.0, 0.0, 0.0], &mut p), Verdict::Sure { digit: 0 });
        assert_eq!(
            c.read(&[0.0, 3.0, 2.8], &mut p),
            Verdict::Unsure {
                first: 1,
                second: 2
            }
        );
        let strict = Calibration {
            no_digit_below: 5.0,
            ..c
        };
        assert_eq!(strict.read(&[1.0, 0.0, 0.0], &mut p), Verdict::NoDigit);
    }

    /// A tiny deterministic generator for synthetic logits.
    fn lcg(state: &mut u64) -> f32 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 40) as f32 / (1u64 << 24) as f32
    }

    #[test]
    fn the_fit_recovers_a_known_temperature() {
        // Labels drawn from softmax(l); the network reports z = 2.5·l (overconfident), so the
        // best temperature is 2.5.
        let (classes, n) = (10, 20_000);
        let mut st = 7u64;
        let (mut z, mut labels) = (Vec::new(), Vec::new());
        let mut p = vec![0.0; classes];
        for _ in 0..n {
            let l: Vec<f32> = (0..classes).map(|_| 4.0 * lcg(&mut st)).collect();
            Calibration::default().read(&l, &mut p);
            let u = lcg(&mut st);
            let mut acc = 0.0;
            let label = p
                .iter()
                .position(|&q| {
                    acc += q;
                    u < acc
                })
                .unwrap_or(classes - 1);
            labels.push(label as u8);
            z.extend(l.iter().map(|v| 2.5 * v));
        }
        let t = fit_temperature(&z, &labels, classes);
        assert!((t - 2.5).abs() < 0.1, "fitted T = {t}");
        assert!(nll(&z, &labels, classes, t) < nll(&z, &labels, classes, 1.0));
        // Calibrated, the confidence matches the accuracy; uncalibrated it does not.
        assert!(ece(&z, &labels, classes, t, ECE_BINS) < 0.02);
        assert!(ece(&z, &labels, classes, 1.0, ECE_BINS) > 0.1);
    }

    #[test]
    fn ece_of_a_hand_example() {
        // Two classes, T = 1. Rows with top probabilities 0.9 (right), 0.9 (wrong), 0.6 (right):
        // bins 13 ([0.867, 0.933)) holds two at mean confidence 0.9 and accuracy 0.5; bin 9
        // ([0.6, 0.667)) holds one at 0.6, accuracy 1. ECE = 2/3·0.4 + 1/3·0.4 = 0.4.
        let logit = |p: f32| (p / (1.0 - p)).ln();
        let z = [logit(0.9), 0.0, logit(0.9), 0.0, logit(0.6), 0.0];
        let labels = [0u8, 1, 0];
        let e = ece(&z, &labels, 2, 1.0, ECE_BINS);
        assert!((e - 0.4).abs() < 1e-4, "ECE {e}");
        assert!((ece(&z[..2], &labels[..1], 2, 1.0, ECE_BINS) - 0.1).abs() < 1e-4);
    }

    #[test]
    fn the_no_digit_threshold_flags_the_chosen_share() {
        let z: Vec<f32> = (0..1000).flat_map(|i| [i as f32 / 100.0, 0.0]).collect();
        let cal = Calibration {
            temperature: 1.0,
            no_digit_below: fit_no_digit(&z, 2, 1.0, 0.01),
        };
        let mut p = [0.0; 2];
        let flagged = z
            .chunks_exact(2)
            .filter(|r| cal.read(r, &mut p) == Verdict::NoDigit)
            .count();
        assert_eq!(flagged, 10);
        assert!((evidence(&[1.0, 1.0], 1.0) - (1.0 + 2f32.ln())).abs() < 1e-6);
    }
}
