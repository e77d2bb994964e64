//! The settings of a network and its training, with the limits that keep a page alive.

use crate::activation::Activation;
use crate::error::{Error, Result};
use crate::loss::Loss;
use serde::{Deserialize, Serialize};

/// Largest layer and largest network we agree to build: a browser tab must survive them.
pub const MAX_LAYER_SIZE: usize = 4096;
pub const MAX_LAYERS: usize = 12;
pub const MAX_PARAMETERS: usize = 4_000_000;
pub const MAX_BATCH: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Init {
    /// Uniform(−1, 1), the source's `2·random − 1`.
    Uniform,
    /// Glorot/Xavier uniform: ±√(6/(in+out)); suits sigmoid and tanh.
    Xavier,
    /// He uniform: ±√(6/in); suits ReLU.
    He,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Adam,
}

/// Everything that defines a network and how it learns. Field names are the JS option names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct NetConfig {
    /// Layer sizes from input to output, e.g. [3, 4, 1].
    pub sizes: Vec<usize>,
    pub activation: Activation,
    pub output_activation: Activation,
    pub loss: Loss,
    pub bias: bool,
    pub init: Init,
    pub optimizer: OptimizerKind,
    pub learning_rate: f32,
    /// Momentum coefficient (also Adam's β1).
    pub momentum: f32,
    pub batch_size: usize,
    /// The learning rate is multiplied by this after every cycle (epoch); 1 keeps it constant.
    pub lr_decay: f32,
    pub seed: u64,
}

impl Default for NetConfig {
    /// The source's XOR network: 3-4-1 sigmoid, no biases, uniform(−1,1), online, lr 1.
    fn default() -> Self {
        NetConfig {
            sizes: vec![3, 4, 1],
            activation: Activation::Sigmoid,
            output_activation: Activation::Sigmoid,
            loss: Loss::SquaredError,
            bias: false,
            init: Init::Uniform,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 1.0,
            momentum: 0.9,
            batch_size: 1,
            lr_decay: 1.0,
            seed: 1,
        }
    }
}

impl NetConfig {
    pub fn validate(&self) -> Result<()> {
        let err = |m: String| Err(Error::config(m));
        if self.sizes.len() < 2 {
            return err("a network needs at least an input and an output layer".into());
        }
        if self.sizes.len() > MAX_LAYERS {
            return err(format!(
                "{} layers is too many (at most {MAX_LAYERS})",
                self.sizes.len()
            ));
        }
        if let Some(s) = self.sizes.iter().find(|&&s| s == 0 || s > MAX_LAYER_SIZE) {
            return err(format!(
                "a layer of {s} neurons is out of range (1 to {MAX_LAYER_SIZE})"
            ));
        }
        let params = self.parameter_count();
        if params > MAX_PARAMETERS {
            return err(format!(
                "{params} weights and biases is too many for a browser (at most {MAX_PARAMETERS})"
            ));
        }
        if self.activation == Activation::Softmax {
            return err("softmax can only be the output activation".into());
        }
        if !self.loss.supports(self.output_activation) {
            return err(format!(
                "cross-entropy needs a sigmoid or softmax output, not {}",
                self.output_activation.name()
            ));
        }
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= 100.0)
        {
            return err(format!(
                "learning rate {} is out of range (0 < rate ≤ 100)",
                self.learning_rate
            ));
        }
        if !(self.momentum.is_finite() && (0.0..1.0).contains(&self.momentum)) {
            return err(format!(
                "momentum {} is out of range (0 ≤ m < 1)",
                self.momentum
            ));
        }
        if !(self.lr_decay.is_finite() && self.lr_decay > 0.0 && self.lr_decay <= 1.0) {
            return err(format!(
                "learning-rate decay {} is out of range (0 < decay ≤ 1)",
                self.lr_decay
            ));
        }
        if self.batch_size == 0 || self.batch_size > MAX_BATCH {
            return err(format!(
                "batch size {} is out of range (1 to {MAX_BATCH})",
                self.batch_size
            ));
        }
        // Within every limit can still be too much memory; the data is checked when it comes.
        crate::budget::Estimate::of(self, 0).check()
    }

    /// Weights plus biases (biases counted only when enabled).
    pub fn parameter_count(&self) -> usize {
        self.sizes
            .windows(2)
            .map(|w| {
                w[0].saturating_mul(w[1])
                    .saturating_add(if self.bias { w[1] } else { 0 })
            })
            .fold(0usize, |a, b| a.saturating_add(b))
    }

    pub fn activation_of(&self, layer: usize) -> Activation {
        if layer + 2 == self.sizes.len() {
            self.output_activation
        } else {
            self.activation
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_source_network() {
        let c = NetConfig::default();
        assert!(c.validate().is_ok());
        assert_eq!(c.parameter_count(), 3 * 4 + 4);
    }

    #[test]
    fn the_3b1b_network_has_13002_parameters() {
        let c = NetConfig {
            sizes: vec![784, 16, 16, 10],
            bias: true,
            ..NetConfig::default()
        };
        assert_eq!(c.parameter_count(), 13_002);
    }

    #[test]
    fn absurd_settings_are_refused_with_a_message() {
        let huge = NetConfig {
            sizes: vec![784, 1_000_000, 10],
            ..NetConfig::default()
        };
        assert!(
            matches!(huge.validate(), Err(Error::Config { message: m, .. }) if m.contains("1000000"))
        );
        let wide = NetConfig {
            sizes: vec![4000, 4000, 4000],
            ..NetConfig::default()
        };
        assert!(wide
            .validate()
            .unwrap_err()
            .to_string()
            .contains("too many"));
        let lr = NetConfig {
            learning_rate: f32::NAN,
            ..NetConfig::default()
        };
        assert!(lr.validate().is_err());
        let ce = NetConfig {
            loss: Loss::CrossEntropy,
            output_activation: Activation::Relu,
            ..NetConfig::default()
        };
        assert!(ce
            .validate()
            .unwrap_err()
            .to_string()
            .contains("cross-entropy"));
        let sm = NetConfig {
            activation: Activation::Softmax,
            ..NetConfig::default()
        };
        assert!(sm.validate().is_err());
        let empty = NetConfig {
            sizes: vec![3],
            ..NetConfig::default()
        };
        assert!(empty.validate().is_err());
    }
}
