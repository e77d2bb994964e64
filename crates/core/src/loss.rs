//! Losses, each with its value and its gradient with respect to the output layer's z.

use crate::activation::{log_sum_exp, softplus, Activation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// L = ½·Σ (y − a)², the source's "error = target − output".
    SquaredError,
    /// Softmax output: L = −Σ y·ln a. Sigmoid output: binary cross-entropy per unit.
    CrossEntropy,
}

impl Loss {
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "squared_error",
            Loss::CrossEntropy => "cross_entropy",
        }
    }

    pub fn parse(s: &str) -> Option<Loss> {
        [Loss::SquaredError, Loss::CrossEntropy]
            .into_iter()
            .find(|l| l.name() == s)
    }

    /// Cross-entropy needs outputs that are probabilities.
    pub fn supports(self, output: Activation) -> bool {
        match self {
            Loss::SquaredError => true,
            Loss::CrossEntropy => matches!(output, Activation::Sigmoid | Activation::Softmax),
        }
    }

    /// The loss of one example, computed from z where that is more stable than from a.
    pub fn value(self, output: Activation, z: &[f32], a: &[f32], y: &[f32]) -> f32 {
        match (self, output) {
            (Loss::SquaredError, _) => {
                0.5 * a.iter().zip(y).map(|(a, y)| (y - a) * (y - a)).sum::<f32>()
            }
            (Loss::CrossEntropy, Activation::Softmax) => {
                let lse = log_sum_exp(z);
                -y.iter().zip(z).map(|(y, z)| y * (z - lse)).sum::<f32>()
            }
            // ln a = −softplus(−z), ln(1−a) = −softplus(z)
            (Loss::CrossEntropy, _) => y
                .iter()
                .zip(z)
                .map(|(y, z)| y * softplus(-z) + (1.0 - y) * softplus(*z))
                .sum(),
        }
    }

    /// δ = ∂L/∂z at the output layer, written into `delta`.
    pub fn output_delta(
        self,
        output: Activation,
        z: &[f32],
        a: &[f32],
        y: &[f32],
        delta: &mut [f32],
    ) {
        match (self, output) {
            (Loss::CrossEntropy, Activation::Softmax) => {
                // Exact for any y: ∂/∂z_i (−Σ y ln softmax) = a_i·Σy − y_i.
                let sum_y: f32 = y.iter().sum();
                delta
                    .iter_mut()
                    .zip(a)
                    .zip(y)
                    .for_each(|((d, a), y)| *d = a * sum_y - y);
            }
            (Loss::CrossEntropy, _) => delta
                .iter_mut()
                .zip(a)
                .zip(y)
                .for_each(|((d, a), y)| *d = a - y),
            (Loss::SquaredError, act) => {
                delta
                    .iter_mut()
                    .zip(a)
                    .zip(y)
                    .for_each(|((d, a), y)| *d = a - y);
                act.backprop(z, a, delta);
            }
        }
    }
}
