//! The options JS passes to `new Playground(...)`, turned into a core config and data set.

use neuroglow_core::dataset::{self, Dataset};
use neuroglow_core::{Activation, Error, Init, Loss, NetConfig, OptimizerKind, Result};
use serde::Deserialize;

/// Mirrors the `mount()` options that concern the network (UI options are handled in JS).
/// Absent fields take the task's defaults.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    pub task: Option<String>,
    pub hidden: Option<Vec<usize>>,
    pub activation: Option<Activation>,
    pub output_activation: Option<Activation>,
    pub loss: Option<Loss>,
    pub bias: Option<bool>,
    pub init: Option<Init>,
    pub optimizer: Option<OptimizerKind>,
    pub learning_rate: Option<f32>,
    pub momentum: Option<f32>,
    pub batch_size: Option<usize>,
    pub seed: Option<u64>,
}

pub struct Built {
    pub task: &'static str,
    pub config: NetConfig,
    pub data: Dataset,
}

impl Options {
    pub fn build(self) -> Result<Built> {
        let (task, data) = match self.task.as_deref().unwrap_or("xor3") {
            "xor3" => ("xor3", dataset::xor3()),
            "xor2" => ("xor2", dataset::xor2()),
            other => return Err(Error::Config(format!("unknown task \"{other}\" (try xor3 or xor2)"))),
        };
        let d = NetConfig::default();
        let mut sizes = vec![data.input_size];
        sizes.extend(self.hidden.unwrap_or_else(|| vec![4]));
        sizes.push(data.output_size);
        let config = NetConfig {
            sizes,
            activation: self.activation.unwrap_or(d.activation),
            output_activation: self.output_activation.unwrap_or(d.output_activation),
            loss: self.loss.unwrap_or(d.loss),
            bias: self.bias.unwrap_or(task == "xor2"),
            init: self.init.unwrap_or(d.init),
            optimizer: self.optimizer.unwrap_or(d.optimizer),
            learning_rate: self.learning_rate.unwrap_or(d.learning_rate),
            momentum: self.momentum.unwrap_or(d.momentum),
            batch_size: self.batch_size.unwrap_or(d.batch_size),
            seed: self.seed.unwrap_or(d.seed),
        };
        config.validate()?;
        Ok(Built { task, config, data })
    }
}
