//! Activation functions as `{f, derivative}` pairs, after TensorFlow Playground's `nn.ts`.
//! Softmax is the one vector-valued activation; it is only allowed at the output layer.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Sigmoid,
    Tanh,
    Relu,
    Linear,
    Softmax,
}

impl Activation {
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
        Activation::Softmax,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
            Activation::Softmax => "softmax",
        }
    }

    pub fn parse(s: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == s)
    }

    /// a = f(z), element by element (softmax over the whole layer).
    pub fn apply(self, z: &[f32], a: &mut [f32]) {
        match self {
            Activation::Sigmoid => z.iter().zip(a).for_each(|(z, a)| *a = sigmoid(*z)),
            Activation::Tanh => z.iter().zip(a).for_each(|(z, a)| *a = z.tanh()),
            Activation::Relu => z.iter().zip(a).for_each(|(z, a)| *a = z.max(0.0)),
            Activation::Linear => a.copy_from_slice(z),
            Activation::Softmax => softmax(z, a),
        }
    }

    /// f'(z) for the element-wise activations, from z and a = f(z) (whichever is cheaper).
    /// The source's sigmoid derivative is written from the output: o·(1−o).
    #[inline]
    pub fn derivative(self, z: f32, a: f32) -> f32 {
        match self {
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Linear => 1.0,
            Activation::Softmax => unreachable_softmax(),
        }
    }

    /// Turns ∂L/∂a (in `g`) into ∂L/∂z, in place. Softmax uses its Jacobian:
    /// ∂L/∂z_i = a_i·(g_i − Σ_j g_j·a_j).
    pub fn backprop(self, z: &[f32], a: &[f32], g: &mut [f32]) {
        match self {
            Activation::Softmax => {
                let dot: f32 = g.iter().zip(a).map(|(g, a)| g * a).sum();
                g.iter_mut().zip(a).for_each(|(g, a)| *g = a * (*g - dot));
            }
            Activation::Linear => {}
            act => {
                for ((g, z), a) in g.iter_mut().zip(z).zip(a) {
                    *g *= act.derivative(*z, *a);
                }
            }
        }
    }
}

#[cold]
fn unreachable_softmax() -> f32 {
    // Softmax is handled as a whole layer in `backprop`; nothing calls this path.
    0.0
}

#[inline]
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// ln(1 + e^x) without overflow.
#[inline]
pub fn softplus(x: f32) -> f32 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

pub fn log_sum_exp(z: &[f32]) -> f32 {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        return max;
    }
    max + z.iter().map(|z| (z - max).exp()).sum::<f32>().ln()
}

fn softmax(z: &[f32], a: &mut [f32]) {
    // Shift by the max so exp never overflows.
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for (a, z) in a.iter_mut().zip(z) {
        *a = (z - max).exp();
        sum += *a;
    }
    let inv = 1.0 / sum;
    a.iter_mut().for_each(|a| *a *= inv);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences() {
        let h = 1e-3;
        for act in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::Linear,
        ] {
            for &z in &[-2.5f32, -0.7, 0.3, 1.9] {
                let f = |x: f32| {
                    let mut a = [0.0];
                    act.apply(&[x], &mut a);
                    a[0] as f64
                };
                let numeric = (f(z + h) - f(z - h)) / (2.0 * h as f64);
                let mut a = [0.0];
                act.apply(&[z], &mut a);
                let analytic = act.derivative(z, a[0]) as f64;
                assert!(
                    (numeric - analytic).abs() < 1e-3,
                    "{act:?} at {z}: {numeric} vs {analytic}"
                );
            }
        }
    }

    #[test]
    fn softmax_is_a_distribution_even_for_huge_inputs() {
        let mut a = [0.0; 3];
        Activation::Softmax.apply(&[1000.0, 1001.0, -1000.0], &mut a);
        assert!((a.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(a[1] > a[0] && a[2] == 0.0);
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(Activation::parse(act.name()), Some(act));
        }
        assert_eq!(Activation::parse("gelu"), None);
    }
}
