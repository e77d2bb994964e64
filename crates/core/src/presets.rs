//! Named networks for MNIST: the classic 3Blue1Brown net and a modern one.

use crate::activation::Activation;
use crate::config::{Init, NetConfig, OptimizerKind};
use crate::loss::Loss;

pub const PRESETS: [&str; 2] = ["3b1b", "modern"];

/// The learning rate Adam takes in place of a preset's SGD or momentum rate (Kingma & Ba's
/// default): the page's "Adam instead of momentum" switch.
pub const ADAM_LEARNING_RATE: f32 = 0.001;

/// How menus name a preset.
pub fn label(name: &str) -> &'static str {
    match name {
        "3b1b" => "3Blue1Brown",
        "modern" => "Modern",
        _ => "Custom",
    }
}

/// The settings of a preset for `inputs` pixels and `classes` outputs (784 and 10 for MNIST).
pub fn preset(name: &str, inputs: usize, classes: usize) -> Option<NetConfig> {
    match name {
        // 784-16-16-10, sigmoid everywhere, squared error, plain SGD: 13,002 parameters.
        "3b1b" => Some(NetConfig {
            sizes: vec![inputs, 16, 16, classes],
            activation: Activation::Sigmoid,
            output_activation: Activation::Sigmoid,
            loss: Loss::SquaredError,
            bias: true,
            init: Init::Xavier,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 3.0,
            momentum: 0.0,
            batch_size: 10,
            lr_decay: 1.0,
            seed: 1,
        }),
        // 784-128-64-10, ReLU hidden, softmax output, cross-entropy, SGD with momentum.
        "modern" => Some(NetConfig {
            sizes: vec![inputs, 128, 64, classes],
            activation: Activation::Relu,
            output_activation: Activation::Softmax,
            loss: Loss::CrossEntropy,
            bias: true,
            init: Init::He,
            optimizer: OptimizerKind::Momentum,
            learning_rate: 0.05,
            momentum: 0.9,
            batch_size: 32,
            lr_decay: 0.5,
            seed: 1,
        }),
        _ => None,
    }
}
