//! The options JS passes to `new Playground(...)`, turned into a core config and data set.

use neuroglow_core::dataset::{self, Dataset};
use neuroglow_core::presets::preset;
use neuroglow_core::{Activation, Error, Init, Loss, NetConfig, OptimizerKind, Result};
use serde::Deserialize;

/// The JS names of `Options`' fields. serde-wasm-bindgen reads only the fields a struct
/// declares, so `deny_unknown_fields` alone never sees a misspelt one: `check_names` does.
pub const FIELDS: [&str; 14] = [
    "task", "preset", "hidden", "activation", "outputActivation", "loss", "bias", "init", "optimizer",
    "learningRate", "momentum", "batchSize", "lrDecay", "seed",
];

/// Refuses option names this module does not know, naming the known ones.
pub fn check_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<()> {
    for name in names {
        if !FIELDS.contains(&name) {
            return Err(Error::Config(format!("unknown option \"{name}\" (known: {})", FIELDS.join(", "))));
        }
    }
    Ok(())
}

/// Mirrors the `mount()` options that concern the network (UI options are handled in JS).
/// Absent fields take the task's defaults.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    pub task: Option<String>,
    /// For image tasks: "3b1b" or "modern"; the other options override its settings.
    pub preset: Option<String>,
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
    pub lr_decay: Option<f32>,
    pub seed: Option<u64>,
}

pub struct Built {
    pub task: &'static str,
    pub config: NetConfig,
    pub data: Dataset,
}

impl Options {
    /// `images`: a data set the caller loaded (image tasks); XOR tasks build their own.
    pub fn build(self, images: Option<Dataset>) -> Result<Built> {
        let task_name = self.task.as_deref().unwrap_or(if images.is_some() { "mnist" } else { "xor3" });
        let (task, data, base) = match (task_name, images) {
            ("xor3", None) => ("xor3", dataset::xor3(), NetConfig::default()),
            ("xor2", None) => ("xor2", dataset::xor2(), NetConfig { bias: true, ..NetConfig::default() }),
            (t @ ("mnist" | "images"), Some(d)) => {
                let name = self.preset.as_deref().unwrap_or("modern");
                let base = preset(name, d.input_size, d.output_size)
                    .ok_or_else(|| Error::Config(format!("unknown preset \"{name}\" (try 3b1b or modern)")))?;
                (if t == "mnist" { "mnist" } else { "images" }, d, base)
            }
            ("mnist" | "images", None) => return Err(Error::Config("this task needs image data".into())),
            (other, _) => return Err(Error::Config(format!("unknown task \"{other}\" (try xor3, xor2 or mnist)"))),
        };
        let mut sizes = vec![data.input_size];
        sizes.extend(self.hidden.unwrap_or_else(|| base.sizes[1..base.sizes.len() - 1].to_vec()));
        sizes.push(data.output_size);
        let config = NetConfig {
            sizes,
            activation: self.activation.unwrap_or(base.activation),
            output_activation: self.output_activation.unwrap_or(base.output_activation),
            loss: self.loss.unwrap_or(base.loss),
            bias: self.bias.unwrap_or(base.bias),
            init: self.init.unwrap_or(base.init),
            optimizer: self.optimizer.unwrap_or(base.optimizer),
            learning_rate: self.learning_rate.unwrap_or(base.learning_rate),
            momentum: self.momentum.unwrap_or(base.momentum),
            batch_size: self.batch_size.unwrap_or(base.batch_size),
            lr_decay: self.lr_decay.unwrap_or(base.lr_decay),
            seed: self.seed.unwrap_or(base.seed),
        };
        config.validate()?;
        Ok(Built { task, config, data })
    }
}

