//! Every fact about what a network can be, written once: the tasks, the presets, the shipped
//! models and every network option (its name, URL parameter, type, range, default per task and a
//! one-line doc). JS receives all of it through one facade call and builds its settings table,
//! its forms and its URL parsing from it; validation of option values happens here, once.
//!
//! After TensorFlow Playground's `state.ts`: one table, mapped straight onto the maths objects.

use crate::activation::Activation;
use crate::config::{
    Init, NetConfig, OptimizerKind, MAX_BATCH, MAX_LAYERS, MAX_LAYER_SIZE, MAX_PARAMETERS,
};
use crate::error::{Error, Result};
use crate::loss::Loss;
use crate::presets;
use serde::Serialize;

/// An option's value as it arrives from JS (or from a URL, once JS has read its text by type).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Num(f64),
    Text(String),
    List(Vec<f64>),
}

/// What kind of value an option takes; serialised for JS as `{ type, values | min, max, … }`.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Kind {
    Enum {
        values: &'static [&'static str],
    },
    Boolean,
    #[serde(rename_all = "camelCase")]
    Number {
        min: f64,
        max: f64,
        min_open: bool,
        max_open: bool,
    },
    Integer {
        min: f64,
        max: f64,
    },
    /// Neurons per hidden layer.
    Layers {
        max: usize,
        most: usize,
    },
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct OptionSpec {
    /// The mount() option name (also the field of `NetConfig`, camelCase).
    pub name: &'static str,
    /// The URL query parameter.
    pub param: &'static str,
    /// How people call it ("learning rate").
    pub label: &'static str,
    #[serde(flatten)]
    pub kind: Kind,
    pub doc: &'static str,
    /// Words completing "… must be ___".
    pub valid: &'static str,
}

const ACTIVATIONS: &[&str] = &["sigmoid", "tanh", "relu", "linear"];
const OUTPUT_ACTIVATIONS: &[&str] = &["sigmoid", "tanh", "relu", "linear", "softmax"];
const SAFE_INT: f64 = 9_007_199_254_740_991.0;

/// Every network option, in display order.
pub const OPTIONS: &[OptionSpec] = &[
    OptionSpec { name: "preset", param: "preset", label: "preset", kind: Kind::Enum { values: &presets::PRESETS },
        doc: "MNIST: the network to start from (3b1b: 784-16-16-10 as in 3Blue1Brown\u{2019}s video; modern: 784-128-64-10 ReLU, softmax, cross-entropy). The other network settings default to the preset\u{2019}s.",
        valid: "one of 3b1b, modern" },
    OptionSpec { name: "model", param: "model", label: "model", kind: Kind::Enum { values: &["modern", "3b1b"] },
        doc: "Draw a digit: the shipped trained network that reads the drawing (modern: 98.2 % of the test digits, 3b1b: 92.6 %).",
        valid: "one of modern, 3b1b" },
    OptionSpec { name: "hidden", param: "hidden", label: "hidden layers", kind: Kind::Layers { max: MAX_LAYER_SIZE, most: MAX_LAYERS - 2 },
        doc: "Neurons per hidden layer, input to output.",
        valid: "whole numbers of neurons per layer, e.g. 4 or 4,3 (none for no hidden layer)" },
    OptionSpec { name: "activation", param: "activation", label: "activation", kind: Kind::Enum { values: ACTIVATIONS },
        doc: "Activation function of the hidden layers.", valid: "one of sigmoid, tanh, relu, linear" },
    OptionSpec { name: "outputActivation", param: "output", label: "output activation", kind: Kind::Enum { values: OUTPUT_ACTIVATIONS },
        doc: "Activation function of the output layer.", valid: "one of sigmoid, tanh, relu, linear, softmax" },
    OptionSpec { name: "loss", param: "loss", label: "loss", kind: Kind::Enum { values: &["squared_error", "cross_entropy"] },
        doc: "The error the network minimises.", valid: "one of squared_error, cross_entropy" },
    OptionSpec { name: "bias", param: "bias", label: "biases", kind: Kind::Boolean,
        doc: "Whether neurons have biases.", valid: "true or false" },
    OptionSpec { name: "init", param: "init", label: "initialisation", kind: Kind::Enum { values: &["uniform", "xavier", "he"] },
        doc: "How the first weights are drawn.", valid: "one of uniform, xavier, he" },
    OptionSpec { name: "optimizer", param: "optimizer", label: "optimizer", kind: Kind::Enum { values: &["sgd", "momentum", "adam"] },
        doc: "How gradients become weight changes.", valid: "one of sgd, momentum, adam" },
    OptionSpec { name: "learningRate", param: "lr", label: "learning rate",
        kind: Kind::Number { min: 0.0, max: 100.0, min_open: true, max_open: false },
        doc: "Step size of each weight change.", valid: "a number between 0 and 100" },
    OptionSpec { name: "momentum", param: "momentum", label: "momentum",
        kind: Kind::Number { min: 0.0, max: 1.0, min_open: false, max_open: true },
        doc: "Momentum (and Adam\u{2019}s \u{3b2}1).", valid: "a number from 0 to below 1" },
    OptionSpec { name: "batchSize", param: "batch", label: "batch size", kind: Kind::Integer { min: 1.0, max: MAX_BATCH as f64 },
        doc: "Examples per weight update (1: after every example).", valid: "a whole number from 1 to 1024" },
    OptionSpec { name: "lrDecay", param: "decay", label: "learning-rate decay",
        kind: Kind::Number { min: 0.0, max: 1.0, min_open: true, max_open: false },
        doc: "The learning rate is multiplied by this after every cycle (XOR) or epoch (MNIST).", valid: "a number above 0, at most 1" },
    OptionSpec { name: "seed", param: "seed", label: "seed", kind: Kind::Integer { min: 0.0, max: SAFE_INT },
        doc: "Seed of the random first weights: the same seed, the same run.", valid: "a whole number from 0 up" },
];

/// The network options every trainable task takes (besides `preset` for image tasks).
const NET: &[&str] = &[
    "hidden",
    "activation",
    "outputActivation",
    "loss",
    "bias",
    "init",
    "optimizer",
    "learningRate",
    "momentum",
    "batchSize",
    "lrDecay",
    "seed",
];
const IMAGE_NET: &[&str] = &[
    "preset",
    "hidden",
    "activation",
    "outputActivation",
    "loss",
    "bias",
    "init",
    "optimizer",
    "learningRate",
    "momentum",
    "batchSize",
    "lrDecay",
    "seed",
];

/// Which data a task learns from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Data {
    Xor3,
    Xor2,
    /// Image files the page loads (MNIST, or the user's own).
    Images,
    /// Nothing to learn: a shipped model reads drawings.
    Model,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct TaskSpec {
    pub name: &'static str,
    /// Menu label.
    pub label: &'static str,
    /// As in "a 3-4-1 network learning ___".
    pub title: &'static str,
    /// The kind of page that shows it (xor, mnist, draw).
    pub view: &'static str,
    pub data: Data,
    /// The network options it takes.
    pub options: &'static [&'static str],
}

pub const TASKS: &[TaskSpec] = &[
    TaskSpec {
        name: "xor3",
        label: "3-input XOR (the source)",
        title: "3-input XOR",
        view: "xor",
        data: Data::Xor3,
        options: NET,
    },
    TaskSpec {
        name: "xor2",
        label: "Classic XOR",
        title: "XOR",
        view: "xor",
        data: Data::Xor2,
        options: NET,
    },
    TaskSpec {
        name: "mnist",
        label: "Handwritten digits (MNIST)",
        title: "handwritten digits",
        view: "mnist",
        data: Data::Images,
        options: IMAGE_NET,
    },
    TaskSpec {
        name: "draw",
        label: "Draw a digit",
        title: "your handwriting",
        view: "draw",
        data: Data::Model,
        options: &["model"],
    },
];

/// The preset an image task starts from unless told otherwise.
pub const DEFAULT_PRESET: &str = "3b1b";
/// The shipped model the drawing pad reads with unless told otherwise.
pub const DEFAULT_MODEL: &str = "modern";

/// A shipped, pretrained model (www/models/<name>.ngm).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ModelSpec {
    pub name: &'static str,
    pub label: &'static str,
    /// The preset it was trained from.
    pub preset: &'static str,
}

pub const MODELS: &[ModelSpec] = &[
    ModelSpec {
        name: "modern",
        label: "Modern (pretrained)",
        preset: "modern",
    },
    ModelSpec {
        name: "3b1b",
        label: "3Blue1Brown (pretrained)",
        preset: "3b1b",
    },
];

/// The name MNIST's task goes by when it learns from the user's own image files.
pub const OWN_IMAGES: &str = "images";

/// MNIST's shape, for presets shown before any data is loaded.
pub const MNIST_INPUTS: usize = 784;
pub const MNIST_CLASSES: usize = 10;

pub fn option(name: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|o| o.name == name)
}

pub fn task(name: &str) -> Option<&'static TaskSpec> {
    TASKS.iter().find(|t| t.name == name)
}

fn refuse(option: &'static str, message: String) -> Error {
    Error::Config {
        option: Some(option),
        message,
        range: false,
    }
}

fn task_names() -> String {
    TASKS.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
}

/// A task by name, or a config error naming `task`.
pub fn task_or_err(name: &str) -> Result<&'static TaskSpec> {
    task(name).ok_or_else(|| {
        refuse(
            "task",
            format!("unknown task \"{name}\" (try {})", task_names()),
        )
    })
}

/// Shortest decimal that reads back as the same f32 (0.05, not 0.0500000007).
pub fn f32_value(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

/// The network options of a config, by name (what a task's defaults are, and what is in force).
pub fn options_of(c: &NetConfig) -> Vec<(&'static str, Value)> {
    let n = c.sizes.len();
    let hidden = if n >= 2 {
        c.sizes[1..n - 1].iter().map(|&s| s as f64).collect()
    } else {
        Vec::new()
    };
    vec![
        ("hidden", Value::List(hidden)),
        ("activation", Value::Text(c.activation.name().into())),
        (
            "outputActivation",
            Value::Text(c.output_activation.name().into()),
        ),
        ("loss", Value::Text(c.loss.name().into())),
        ("bias", Value::Bool(c.bias)),
        ("init", Value::Text(init_name(c.init).into())),
        ("optimizer", Value::Text(optimizer_name(c.optimizer).into())),
        ("learningRate", Value::Num(f32_value(c.learning_rate))),
        ("momentum", Value::Num(f32_value(c.momentum))),
        ("batchSize", Value::Num(c.batch_size as f64)),
        ("lrDecay", Value::Num(f32_value(c.lr_decay))),
        ("seed", Value::Num(c.seed as f64)),
    ]
}

pub fn init_name(i: Init) -> &'static str {
    match i {
        Init::Uniform => "uniform",
        Init::Xavier => "xavier",
        Init::He => "he",
    }
}

pub fn optimizer_name(o: OptimizerKind) -> &'static str {
    match o {
        OptimizerKind::Sgd => "sgd",
        OptimizerKind::Momentum => "momentum",
        OptimizerKind::Adam => "adam",
    }
}

/// The settings a task starts from for data of `inputs` and `classes` (image tasks: of `preset`).
pub fn base_config(
    task: &TaskSpec,
    preset: Option<&str>,
    inputs: usize,
    classes: usize,
) -> Result<NetConfig> {
    match task.data {
        Data::Xor3 => Ok(NetConfig::default()),
        Data::Xor2 => Ok(NetConfig {
            sizes: vec![2, 4, 1],
            bias: true,
            ..NetConfig::default()
        }),
        Data::Images => {
            let name = preset.unwrap_or(DEFAULT_PRESET);
            presets::preset(name, inputs, classes).ok_or_else(|| {
                refuse(
                    "preset",
                    format!(
                        "unknown preset \"{name}\" (try {})",
                        presets::PRESETS.join(" or ")
                    ),
                )
            })
        }
        Data::Model => Err(refuse(
            "task",
            format!(
                "task \"{}\" reads with a shipped model and builds no network",
                task.name
            ),
        )),
    }
}

fn text<'a>(spec: &OptionSpec, v: &'a Value) -> Result<&'a str> {
    match (spec.kind, v) {
        (Kind::Enum { values }, Value::Text(s)) if values.contains(&s.as_str()) => Ok(s),
        _ => Err(bad(spec, v)),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Num(x) => x.to_string(),
        Value::Text(s) => format!("\"{s}\""),
        Value::List(l) => format!(
            "[{}]",
            l.iter().map(f64::to_string).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn bad(spec: &OptionSpec, v: &Value) -> Error {
    let message = match v {
        Value::Num(x) => format!("{} {x} is out of range ({})", spec.label, spec.valid),
        _ => format!("{} must be {}, not {}", spec.label, spec.valid, describe(v)),
    };
    Error::Config {
        option: Some(spec.name),
        message,
        range: true,
    }
}

/// A number option's value, checked against its range as f64 (before any rounding to f32, so
/// 0.99999999 is refused as what it is).
fn number(spec: &OptionSpec, v: &Value) -> Result<f64> {
    let Value::Num(x) = *v else {
        return Err(bad(spec, v));
    };
    let ok = match spec.kind {
        Kind::Number {
            min,
            max,
            min_open,
            max_open,
        } => {
            x.is_finite()
                && (if min_open { x > min } else { x >= min })
                && (if max_open { x < max } else { x <= max })
        }
        Kind::Integer { min, max } => x.is_finite() && x.fract() == 0.0 && x >= min && x <= max,
        _ => false,
    };
    if ok {
        Ok(x)
    } else {
        Err(bad(spec, v))
    }
}

fn layers(spec: &OptionSpec, v: &Value) -> Result<Vec<usize>> {
    let Value::List(l) = v else {
        return Err(bad(spec, v));
    };
    if l.iter()
        .any(|&x| !(x.is_finite() && x.fract() == 0.0 && x >= 1.0))
    {
        return Err(bad(spec, v));
    }
    if let Some(&x) = l.iter().find(|&&x| x > MAX_LAYER_SIZE as f64) {
        return Err(refuse(
            "hidden",
            format!("a layer of {x} neurons is out of range (1 to {MAX_LAYER_SIZE})"),
        ));
    }
    if l.len() + 2 > MAX_LAYERS {
        return Err(refuse(
            "hidden",
            format!("{} layers is too many (at most {MAX_LAYERS})", l.len() + 2),
        ));
    }
    Ok(l.iter().map(|&x| x as usize).collect())
}

/// Sets one option on a config (sizes keep their input and output). Names the option on error.
pub fn apply(config: &mut NetConfig, name: &str, v: &Value) -> Result<()> {
    let spec = option(name).ok_or_else(|| Error::config(format!("unknown option \"{name}\"")))?;
    match spec.name {
        "hidden" => {
            let (i, o) = (config.sizes[0], config.sizes[config.sizes.len() - 1]);
            config.sizes = std::iter::once(i)
                .chain(layers(spec, v)?)
                .chain(std::iter::once(o))
                .collect();
        }
        "activation" => {
            config.activation = Activation::parse(text(spec, v)?).ok_or_else(|| bad(spec, v))?
        }
        "outputActivation" => {
            config.output_activation =
                Activation::parse(text(spec, v)?).ok_or_else(|| bad(spec, v))?
        }
        "loss" => config.loss = Loss::parse(text(spec, v)?).ok_or_else(|| bad(spec, v))?,
        "bias" => match v {
            Value::Bool(b) => config.bias = *b,
            _ => return Err(bad(spec, v)),
        },
        "init" => {
            config.init = match text(spec, v)? {
                "uniform" => Init::Uniform,
                "xavier" => Init::Xavier,
                _ => Init::He,
            }
        }
        "optimizer" => {
            config.optimizer = match text(spec, v)? {
                "sgd" => OptimizerKind::Sgd,
                "momentum" => OptimizerKind::Momentum,
                _ => OptimizerKind::Adam,
            }
        }
        "learningRate" => config.learning_rate = number(spec, v)? as f32,
        "momentum" => config.momentum = number(spec, v)? as f32,
        "lrDecay" => config.lr_decay = number(spec, v)? as f32,
        "batchSize" => config.batch_size = number(spec, v)? as usize,
        "seed" => config.seed = number(spec, v)? as u64,
        // preset and model choose a starting point; they are read before the others.
        _ => {
            text(spec, v)?;
        }
    }
    Ok(())
}

/// The config for `task` with `given` options on top of its defaults (image tasks: of the
/// preset given, for data of `inputs` pixels and `classes` classes). Every value is checked
/// here; an error names the option it refuses.
pub fn resolve(
    task: &TaskSpec,
    given: &[(String, Value)],
    inputs: usize,
    classes: usize,
) -> Result<NetConfig> {
    for (name, _) in given {
        if !task.options.contains(&name.as_str()) {
            let known = task.options.join(", ");
            return Err(match option(name) {
                Some(o) => refuse(
                    o.name,
                    format!(
                        "option \"{name}\" does not apply to task \"{}\" (its options: {known})",
                        task.name
                    ),
                ),
                None => Error::config(format!("unknown option \"{name}\" (known: task, {known})")),
            });
        }
    }
    let preset = match given.iter().find(|(n, _)| n == "preset") {
        Some((_, v)) => Some(text(option("preset").expect("preset is an option"), v)?),
        None => None,
    };
    let mut config = base_config(task, preset, inputs, classes)?;
    for (name, v) in given {
        apply(&mut config, name, v)?;
    }
    validate_named(&config)?;
    Ok(config)
}

/// `NetConfig::validate`, with the option to blame named where one option is at fault.
pub fn validate_named(config: &NetConfig) -> Result<()> {
    config.validate().map_err(|e| match e {
        Error::Config {
            option: None,
            message,
            range,
        } => {
            let option = blame(config, &message);
            Error::Config {
                option,
                message,
                range,
            }
        }
        other => other,
    })
}

/// The option a validation failure is about: checked by re-validating with that option reset.
fn blame(config: &NetConfig, _message: &str) -> Option<&'static str> {
    let d = NetConfig::default();
    let tries: [(&'static str, NetConfig); 6] = [
        (
            "learningRate",
            NetConfig {
                learning_rate: d.learning_rate,
                ..config.clone()
            },
        ),
        (
            "momentum",
            NetConfig {
                momentum: d.momentum,
                ..config.clone()
            },
        ),
        (
            "lrDecay",
            NetConfig {
                lr_decay: d.lr_decay,
                ..config.clone()
            },
        ),
        (
            "batchSize",
            NetConfig {
                batch_size: d.batch_size,
                ..config.clone()
            },
        ),
        (
            "activation",
            NetConfig {
                activation: d.activation,
                ..config.clone()
            },
        ),
        (
            "hidden",
            NetConfig {
                sizes: vec![config.sizes[0], *config.sizes.last().unwrap_or(&1)],
                ..config.clone()
            },
        ),
    ];
    for (name, c) in tries {
        if c.validate().is_ok() {
            return Some(name);
        }
    }
    // Loss and output activation disagree: the output activation is the one that changes more.
    let ce = NetConfig {
        loss: Loss::SquaredError,
        ..config.clone()
    };
    ce.validate().is_ok().then_some("outputActivation")
}

/// Everything JS needs to know about options, tasks, presets and models, in one value.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub options: &'static [OptionSpec],
    pub tasks: Vec<TaskInfo>,
    pub presets: Vec<Preset>,
    pub models: &'static [ModelSpec],
    pub limits: Limits,
    /// The cycles at which the source video shows the network (Play's schedule; it ends at the last).
    pub source_frames: &'static [u64],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskInfo {
    #[serde(flatten)]
    pub spec: TaskSpec,
    /// The default of every option the task takes.
    pub defaults: std::collections::BTreeMap<&'static str, Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    pub name: &'static str,
    /// How menus name it.
    pub label: &'static str,
    /// Layer sizes for MNIST (784 inputs, 10 classes).
    pub sizes: Vec<usize>,
    /// The options that switch it to Adam (the optimizer and the learning rate Adam takes).
    pub with_adam: std::collections::BTreeMap<&'static str, Value>,
    /// Its value of every network option (MNIST's 784 inputs and 10 classes).
    pub options: std::collections::BTreeMap<&'static str, Value>,
    pub parameters: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub max_layer_size: usize,
    pub max_layers: usize,
    pub max_parameters: usize,
    pub max_batch: usize,
    /// Largest data file (IDX, gzipped or not) and model file read, in bytes: pages check a
    /// file's size against these before reading it.
    pub max_file_bytes: usize,
    pub max_model_bytes: usize,
    pub max_examples: usize,
    /// The memory one section may use (see `budget`).
    pub memory_budget: usize,
}

pub fn schema() -> Schema {
    let tasks = TASKS
        .iter()
        .map(|t| {
            let mut defaults: std::collections::BTreeMap<&'static str, Value> = match t.data {
                Data::Model => Default::default(),
                _ => {
                    let c = base_config(t, None, MNIST_INPUTS, MNIST_CLASSES)
                        .expect("every trainable task has a base");
                    options_of(&c).into_iter().collect()
                }
            };
            if t.options.contains(&"preset") {
                defaults.insert("preset", Value::Text(DEFAULT_PRESET.into()));
            }
            if t.options.contains(&"model") {
                defaults.insert("model", Value::Text(DEFAULT_MODEL.into()));
            }
            TaskInfo { spec: *t, defaults }
        })
        .collect();
    let presets = presets::PRESETS
        .iter()
        .map(|&name| {
            let c =
                presets::preset(name, MNIST_INPUTS, MNIST_CLASSES).expect("listed presets exist");
            let with_adam = [
                ("optimizer", Value::Text("adam".into())),
                (
                    "learningRate",
                    Value::Num(f32_value(presets::ADAM_LEARNING_RATE)),
                ),
            ]
            .into_iter()
            .collect();
            Preset {
                name,
                label: presets::label(name),
                with_adam,
                parameters: c.parameter_count(),
                options: options_of(&c).into_iter().collect(),
                sizes: c.sizes,
            }
        })
        .collect();
    Schema {
        options: OPTIONS,
        tasks,
        presets,
        models: MODELS,
        limits: Limits {
            max_layer_size: MAX_LAYER_SIZE,
            max_layers: MAX_LAYERS,
            max_parameters: MAX_PARAMETERS,
            max_batch: MAX_BATCH,
            max_file_bytes: crate::idx::MAX_FILE_BYTES,
            max_model_bytes: crate::model_file::MAX_BYTES,
            max_examples: crate::budget::MAX_EXAMPLES,
            memory_budget: crate::budget::BUDGET,
        },
        source_frames: &crate::schedule::SOURCE_FRAMES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(pairs: &[(&str, Value)]) -> Vec<(String, Value)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn every_task_option_is_an_option_and_every_option_is_used() {
        for t in TASKS {
            for o in t.options {
                assert!(option(o).is_some(), "{} lists unknown option {o}", t.name);
            }
        }
        for o in OPTIONS {
            assert!(
                TASKS.iter().any(|t| t.options.contains(&o.name)),
                "{} is used by no task",
                o.name
            );
        }
    }

    #[test]
    fn defaults_are_the_core_configs() {
        let x = resolve(task("xor3").unwrap(), &[], 3, 1).unwrap();
        assert_eq!(x, NetConfig::default());
        let m = resolve(
            task("mnist").unwrap(),
            &given(&[("preset", Value::Text("modern".into()))]),
            784,
            10,
        )
        .unwrap();
        assert_eq!(m, presets::preset("modern", 784, 10).unwrap());
        let s = schema();
        let mnist = s.tasks.iter().find(|t| t.spec.name == "mnist").unwrap();
        assert_eq!(mnist.defaults["hidden"], Value::List(vec![16.0, 16.0]));
        assert_eq!(mnist.defaults["learningRate"], Value::Num(3.0));
        let modern = s.presets.iter().find(|p| p.name == "modern").unwrap();
        assert_eq!(
            modern.options["learningRate"],
            Value::Num(0.05),
            "f32 shown as its shortest decimal"
        );
        assert_eq!(
            s.presets
                .iter()
                .find(|p| p.name == "3b1b")
                .unwrap()
                .parameters,
            13_002
        );
    }

    #[test]
    fn refusals_name_the_option() {
        let t = task("xor3").unwrap();
        let opt = |r: Result<NetConfig>| match r {
            Err(Error::Config { option, .. }) => option,
            other => panic!("expected a config error, got {other:?}"),
        };
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("learningRate", Value::Num(0.0))]),
                3,
                1
            )),
            Some("learningRate")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("momentum", Value::Num(0.99999999))]),
                3,
                1
            )),
            Some("momentum")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("hidden", Value::List(vec![1e6]))]),
                3,
                1
            )),
            Some("hidden")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("hidden", Value::List(vec![4000.0, 4000.0]))]),
                3000,
                1
            )),
            Some("hidden")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("activation", Value::Text("softmax".into()))]),
                3,
                1
            )),
            Some("activation")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[("preset", Value::Text("modern".into()))]),
                3,
                1
            )),
            Some("preset")
        );
        assert_eq!(
            opt(resolve(
                t,
                &given(&[
                    ("loss", Value::Text("cross_entropy".into())),
                    ("outputActivation", Value::Text("relu".into()))
                ]),
                3,
                1
            )),
            Some("outputActivation")
        );
        assert_eq!(
            opt(resolve(t, &given(&[("nonsense", Value::Bool(true))]), 3, 1)),
            None
        );
        let e = resolve(t, &given(&[("batchSize", Value::Num(1.5))]), 3, 1).unwrap_err();
        assert_eq!(e.code(), "config");
        assert!(
            e.to_string()
                .contains("batch size 1.5 is out of range (a whole number from 1 to 1024)"),
            "{e}"
        );
        assert!(e.out_of_range());
        assert!(
            !resolve(t, &given(&[("hidden", Value::List(vec![1e6]))]), 3, 1)
                .unwrap_err()
                .out_of_range()
        );
    }
}
