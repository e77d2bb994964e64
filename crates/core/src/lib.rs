//! neuroglow's core: dense neural networks whose every forward and backward step can be
//! watched, plus the data they learn from. No web dependencies; tested natively.
//!
//! Rooms: `activation` and `loss` (the maths as {f, derivative} pairs), `network` (layers and
//! passes), `kernels` (vectorisable loops), `batch` (mini-batches as matrix products),
//! `optimizer` (SGD, momentum, Adam), `trainer` (one example or batch at a time), `stepper`
//! (phase-by-phase training, history, snapshots), `known` (which layers a phase has computed),
//! `ranking` (top outputs, strongest synapses), `schedule` (when to show frames), `schema`
//! (tasks, presets and every option, once), `config` and `presets`, `budget` (the memory a
//! configuration needs, checked once), `dataset` and `idx`, `metrics`, `model_file`,
//! `preprocess` (a drawing → MNIST's 28×28), `trace` and `error`.

pub mod activation;
pub mod augment;
pub mod batch;
pub mod budget;
pub mod calibration;
pub mod config;
pub mod dataset;
pub mod error;
pub mod idx;
pub mod kernels;
pub mod known;
pub mod loss;
pub mod metrics;
pub mod model_file;
pub mod network;
pub mod optimizer;
pub mod preprocess;
pub mod presets;
pub mod ranking;
pub mod raster;
pub mod schedule;
pub mod schema;
pub mod stepper;
pub mod trace;
pub mod trainer;

pub use activation::Activation;
pub use config::{Init, NetConfig, OptimizerKind};
pub use dataset::Dataset;
pub use error::{Error, Result};
pub use loss::Loss;
pub use network::Network;
pub use stepper::{Phase, Stepper};
pub use trainer::Trainer;
