//! `Playground`: one network, its data and its training history, owned by Rust and driven from
//! JS. Several can live side by side; they share nothing.

use crate::options::Options;
use crate::views::{self, Kind};
use crate::js_error;
use neuroglow_core::{Stepper, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The most cycles one `trainCycles` call may run (the page trains in slices to stay live).
const MAX_CYCLES_PER_CALL: f64 = 10_000_000.0;

#[wasm_bindgen]
pub struct Playground {
    stepper: Stepper,
    task: &'static str,
}

/// What `state()` returns to JS.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct State {
    task: &'static str,
    /// Completed cycles (a cycle is one pass over all examples).
    cycle: f64,
    /// 0-based position in the cycle of the example shown or in progress.
    example: usize,
    example_count: usize,
    /// idle | present | forward | error | backward | update
    phase: &'static str,
    /// The weight layer a forward/backward phase is at (0 connects input to first hidden).
    layer: Option<usize>,
    in_progress: bool,
    probing: bool,
    /// Mean loss of the last completed cycle.
    loss: Option<f32>,
    /// Loss of the example in the trace (after its error phase).
    example_loss: f32,
    diverged: Option<String>,
    snapshot_count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Examples {
    inputs: Vec<Vec<f32>>,
    targets: Vec<Vec<f32>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    task: &'static str,
    sizes: Vec<usize>,
    activations: Vec<&'static str>,
    loss: &'static str,
    bias: bool,
    learning_rate: f32,
    batch_size: usize,
    seed: u64,
    parameter_count: usize,
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(v).map_err(js_error)
}

#[wasm_bindgen]
impl Playground {
    /// Builds a network for a task from plain options (see `Options`); throws on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Playground, JsError> {
        let opts: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| js_error(format!("invalid setting: {e}")))?
        };
        let built = opts.build().map_err(js_error)?;
        let trainer = Trainer::new(built.config).map_err(js_error)?;
        let stepper = Stepper::new(trainer, built.data, false).map_err(js_error)?;
        Ok(Playground { stepper, task: built.task })
    }

    /// Task, layer sizes, activations and the other settings actually in use.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let c = &self.stepper.trainer.config;
        let net = self.stepper.net();
        to_js(&Info {
            task: self.task,
            sizes: net.sizes(),
            activations: net.layers.iter().map(|l| l.activation.name()).collect(),
            loss: c.loss.name(),
            bias: c.bias,
            learning_rate: c.learning_rate,
            batch_size: c.batch_size,
            seed: c.seed,
            parameter_count: net.parameter_count(),
        })
    }

    pub fn state(&self) -> Result<JsValue, JsError> {
        let s = &self.stepper;
        to_js(&State {
            task: self.task,
            cycle: s.cycle as f64,
            example: s.example(),
            example_count: s.data.len(),
            phase: s.phase.name(),
            layer: s.phase.layer(),
            in_progress: s.in_progress(),
            probing: s.is_probing(),
            loss: s.last_loss(),
            example_loss: s.trainer.trace.loss,
            diverged: s.diverged.clone(),
            snapshot_count: s.snapshots.len(),
        })
    }

    /// The training examples (small tasks only: this copies).
    pub fn examples(&self) -> Result<JsValue, JsError> {
        let d = &self.stepper.data;
        let n = d.len().min(1000);
        to_js(&Examples { inputs: (0..n).map(|i| d.input(i)).collect(), targets: (0..n).map(|i| d.target(i)).collect() })
    }

    #[wasm_bindgen(js_name = stepPhase)]
    pub fn step_phase(&mut self) -> Result<(), JsError> {
        self.stepper.step_phase().map_err(js_error)
    }

    #[wasm_bindgen(js_name = stepExample)]
    pub fn step_example(&mut self) -> Result<(), JsError> {
        self.stepper.step_example().map_err(js_error)
    }

    #[wasm_bindgen(js_name = stepCycle)]
    pub fn step_cycle(&mut self) -> Result<(), JsError> {
        self.stepper.step_cycle().map_err(js_error)
    }

    /// Trains `cycles` more cycles at full speed.
    #[wasm_bindgen(js_name = trainCycles)]
    pub fn train_cycles(&mut self, cycles: f64) -> Result<(), JsError> {
        if !(cycles.is_finite() && (0.0..=MAX_CYCLES_PER_CALL).contains(&cycles)) {
            return Err(js_error(format!("cycles must be a number from 0 to {MAX_CYCLES_PER_CALL}, not {cycles}")));
        }
        self.stepper.train_cycles(cycles as u64).map_err(js_error)
    }

    /// The network's outputs for an input (no training, nothing shown).
    pub fn predict(&self, input: &[f32]) -> Result<Vec<f32>, JsError> {
        self.stepper.net().predict(input).map_err(js_error)
    }

    /// Puts a new input on the input neurons; `stepPhase` then shows the network thinking.
    pub fn probe(&mut self, input: &[f32]) -> Result<(), JsError> {
        self.stepper.probe(input).map_err(js_error)
    }

    #[wasm_bindgen(js_name = finishProbe)]
    pub fn finish_probe(&mut self) -> Result<(), JsError> {
        self.stepper.finish_probe().map_err(js_error)
    }

    /// The cycle of each kept snapshot, oldest first.
    #[wasm_bindgen(js_name = snapshotCycles)]
    pub fn snapshot_cycles(&self) -> Vec<f64> {
        self.stepper.snapshots.iter().map(|s| s.cycle as f64).collect()
    }

    /// Rewinds to snapshot `index` (see `snapshotCycles`).
    pub fn restore(&mut self, index: usize) -> Result<(), JsError> {
        self.stepper.restore(index).map_err(js_error)
    }

    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, rate: f32) -> Result<(), JsError> {
        self.stepper.trainer.set_learning_rate(rate).map_err(js_error)
    }

    /// A zero-copy view of named numbers (see `views::Kind`): valid until the next call into
    /// this module; make a fresh one each frame.
    pub fn view(&self, kind: &str, index: usize) -> Result<js_sys::Float32Array, JsError> {
        let k = Kind::parse(kind).ok_or_else(|| js_error(format!("unknown view \"{kind}\"")))?;
        let slice = views::slice(&self.stepper, k, index)
            .ok_or_else(|| js_error(format!("view \"{kind}\" has no index {index}")))?;
        // SAFETY: the view aliases wasm memory; it is handed straight to JS, which reads it
        // before calling into wasm again (documented above), so no Rust code observes it.
        Ok(unsafe { js_sys::Float32Array::view(slice) })
    }
}
