//! Honest confidence: how sure a trained network is of a reading, and when to say "not sure".
//!
//! A network's raw outputs overstate its certainty. Temperature scaling (Guo et al., 2017)
//! divides the output layer's pre-activations z by one number T, fitted on held-out examples
//! so the top probability matches how often the top answer is right; the model file stores T.
//! The same softmax(z / T) serves every output activation (sigmoid outputs too), so both
//! presets get a calibrated confidence.

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
        let (first, second) = top_two(probs);
        if evidence < self.no_digit_below {
            Verdict::NoDigit
        } else if probs[first] < UNSURE_BELOW {
            Verdict::Unsure { first, second }
        } else {
            Verdict::Sure { digit: first }
        }
    }
}

/// Indices of the largest and second-largest values (the first of equals).
pub fn top_two(v: &[f32]) -> (usize, usize) {
    let mut first = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[first] {
            first = i;
        }
    }
    let mut second = usize::from(first == 0);
    for (i, &x) in v.iter().enumerate() {
        if i != first && x > v[second] {
            second = i;
        }
    }
    (first, second)
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
        assert_eq!(top_two(&[0.1, 0.1, 0.1]), (0, 1));
        assert_eq!(top_two(&[0.0, 0.3, 0.5]), (2, 1));
    }
}
