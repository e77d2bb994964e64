//! neuroglow's core: dense neural networks whose every forward and backward step can be
//! watched, plus the data they learn from. No web dependencies; tested natively.
//!
//! Rooms: `activation` and `loss` (the maths as {f, derivative} pairs), `network` (layers and
//! passes), `kernels` (vectorisable loops), `optimizer` (SGD, momentum, Adam), `trainer`
//! (one example at a time), `stepper` (phase-by-phase training, history, snapshots),
//! `schedule` (when to show frames), `dataset` and `tasks`.

pub mod activation;
pub mod batch;
pub mod config;
pub mod dataset;
pub mod error;
pub mod idx;
pub mod kernels;
pub mod loss;
pub mod metrics;
pub mod model_file;
pub mod network;
pub mod optimizer;
pub mod preprocess;
pub mod presets;
pub mod schedule;
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
