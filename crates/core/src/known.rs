//! What a phase has computed: which layers of the trace hold this pass's numbers. The page lights
//! exactly these layers; it never works this out itself.

use crate::stepper::{Phase, Stepper};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Known {
    /// Neuron layers 0..lit hold this pass's activations.
    pub lit: usize,
    /// Neuron layers delta_from..=L hold this example's δ.
    pub delta_from: Option<usize>,
    /// Weight layers grad_from..L hold this example's gradients.
    pub grad_from: Option<usize>,
    /// The target and the error of a training example are known.
    pub error: bool,
    /// The output layer is lit.
    pub output: bool,
}

impl Known {
    /// For a network of `layers` weight layers at `phase`. A probe (the network thinking about a
    /// new input) computes no error, δ or gradients; fast training (`traced` false) leaves no
    /// single example's gradients to show.
    pub fn at(phase: Phase, layers: usize, probing: bool, traced: bool) -> Known {
        let lit = match phase {
            Phase::Idle => 0,
            Phase::Present => 1,
            Phase::Forward(k) => k + 2,
            Phase::Error | Phase::Backward(_) | Phase::Update => layers + 1,
        };
        let learning = !probing;
        let delta_from = match phase {
            Phase::Error if learning => Some(layers),
            Phase::Backward(k) if learning => Some(k.max(1)),
            _ => None,
        };
        let grad_from = match phase {
            Phase::Backward(k) if learning => Some(k),
            Phase::Update if learning && traced => Some(0),
            _ => None,
        };
        let error = learning
            && traced
            && matches!(phase, Phase::Error | Phase::Backward(_) | Phase::Update);
        Known {
            lit,
            delta_from,
            grad_from,
            error,
            output: lit == layers + 1,
        }
    }

    pub fn of(s: &Stepper) -> Known {
        Known::at(s.phase, s.net().layers.len(), s.is_probing(), s.traced)
    }

    /// A network that has just read an input whole (the drawing pad), or nothing yet.
    pub fn read(layers: usize, has_input: bool) -> Known {
        let lit = if has_input { layers + 1 } else { 0 };
        Known {
            lit,
            delta_from: None,
            grad_from: None,
            error: false,
            output: has_input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_light_up_as_the_signal_travels() {
        let k = |p| Known::at(p, 2, false, true);
        assert_eq!(k(Phase::Idle).lit, 0);
        assert_eq!(k(Phase::Present).lit, 1);
        assert_eq!(k(Phase::Forward(0)).lit, 2);
        assert!(!k(Phase::Forward(0)).output);
        assert!(k(Phase::Forward(1)).output);
        assert_eq!(k(Phase::Error).delta_from, Some(2));
        assert_eq!(k(Phase::Backward(1)).delta_from, Some(1));
        assert_eq!(k(Phase::Backward(0)).delta_from, Some(1));
        assert_eq!(k(Phase::Backward(0)).grad_from, Some(0));
        assert_eq!(k(Phase::Update).grad_from, Some(0));
        assert!(k(Phase::Error).error);
    }

    #[test]
    fn a_probe_and_fast_training_know_less() {
        let p = Known::at(Phase::Forward(1), 2, true, true);
        assert!(p.output && !p.error && p.delta_from.is_none() && p.grad_from.is_none());
        let fast = Known::at(Phase::Update, 2, false, false);
        assert!(fast.output && !fast.error && fast.grad_from.is_none());
    }
}
