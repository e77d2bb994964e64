//! `Playground`: one network, its data and its training history, owned by Rust and driven from
//! JS. Several can live side by side; they share nothing.

use crate::frame::{self, FrameCache};
use crate::input;
use crate::options::{self, need};
use crate::{fail, js_error, to_js, to_json, views};
use neuroglow_core::dataset::Dataset;
use neuroglow_core::known::Known;
use neuroglow_core::{idx, metrics, model_file, Init, OptimizerKind, Stepper, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The most cycles one `trainCycles` call may run (the page trains in slices to stay live).
const MAX_CYCLES_PER_CALL: f64 = 10_000_000.0;

#[wasm_bindgen]
pub struct Playground {
    stepper: Stepper,
    task: &'static str,
    /// The preset an image task was built from.
    preset: Option<&'static str>,
    frames: FrameCache,
    /// Held-out examples for `evaluate` (image tasks).
    test: Option<Dataset>,
    /// An evaluation in progress, a slice at a time.
    evaluating: Option<metrics::Evaluator>,
}

/// At most this many misclassified test examples are listed by `evaluate`.
const MAX_MISTAKES: usize = 500;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Metrics {
    count: usize,
    loss: f32,
    accuracy: f32,
    seen: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EvaluationJs {
    count: usize,
    accuracy: f32,
    loss: f32,
    classes: usize,
    confusion: Vec<u32>,
    per_class: Vec<f32>,
    /// Test indices the network gets wrong (first MAX_MISTAKES), with its guesses.
    mistakes: Vec<usize>,
    guesses: Vec<u8>,
    /// How many test examples the network gets wrong in all (`mistakes` lists the first ones).
    wrong: usize,
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
    /// Cycles per entry of the frame's loss `history` (1, 2, 4, …: long runs keep every n-th).
    history_stride: f64,
    /// Loss of the example in the trace (after its error phase).
    example_loss: f32,
    diverged: Option<String>,
    snapshot_count: usize,
    /// Examples learned since the network was built or loaded.
    seen: f64,
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
    optimizer: OptimizerKind,
    init: Init,
    momentum: f32,
    lr_decay: f32,
    /// The learning rate in force now (after `lrDecay` per cycle).
    current_learning_rate: f32,
}

impl Playground {
    fn build(options: JsValue, images: Option<Dataset>) -> Result<Playground, JsValue> {
        let shuffle = images.is_some();
        let built = options::parse(&options)?.config(images)?;
        let data = need(built.data, "this task needs image data")?;
        let trainer = Trainer::new(built.config).map_err(js_error)?;
        let stepper = Stepper::new(trainer, data, shuffle).map_err(js_error)?;
        Ok(Playground {
            stepper,
            task: built.task,
            preset: built.preset,
            frames: FrameCache::default(),
            test: None,
            evaluating: None,
        })
    }

    fn test_data(&self) -> Result<&Dataset, JsValue> {
        need(self.test.as_ref(), "no test data has been set")
    }

    fn state_value(&self) -> State {
        let s = &self.stepper;
        State {
            task: self.task,
            cycle: s.cycle as f64,
            example: s.example(),
            example_count: s.data.len(),
            phase: s.phase.name(),
            layer: s.phase.layer(),
            in_progress: s.in_progress(),
            probing: s.is_probing(),
            loss: s.last_loss(),
            history_stride: s.history_stride as f64,
            example_loss: s.trainer.trace.loss,
            diverged: s.diverged.clone(),
            snapshot_count: s.snapshots.len(),
            seen: s.trainer.seen as f64,
        }
    }
}

/// An index from JS, taken as a number and checked (wasm-bindgen would wrap 2^32 to 0).
fn whole(x: f64) -> Result<usize, JsValue> {
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64 {
        Ok(x as usize)
    } else {
        Err(fail(
            "input",
            &format!("{x} is not an index (a whole number from 0)"),
        ))
    }
}

fn core<T>(r: neuroglow_core::Result<T>) -> Result<T, JsValue> {
    r.map_err(js_error)
}

/// An images file and a labels file (IDX, gzipped or not), streamed from the JS arrays: their
/// sizes are checked before their data is copied into wasm memory.
fn read_images(images: &JsValue, labels: &JsValue) -> Result<Dataset, JsValue> {
    let file = |v: &JsValue, what: &str| {
        let src = input::JsBytes::new(v, what)?;
        let len = src.len();
        core(idx::read(src, len, what))
    };
    core(idx::dataset(
        file(images, "images file")?,
        file(labels, "labels file")?,
    ))
}

#[wasm_bindgen]
impl Playground {
    /// Builds a network for a task from plain options (see `Options`); throws on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Playground, JsValue> {
        Playground::build(options, None)
    }

    /// An image task (MNIST or the user's own IDX pair, gzipped or not).
    #[wasm_bindgen(js_name = withImages)]
    pub fn with_images(
        options: JsValue,
        images: JsValue,
        labels: JsValue,
    ) -> Result<Playground, JsValue> {
        let data = read_images(&images, &labels)?;
        Playground::build(options, Some(data))
    }

    /// Held-out data for `evaluate`; must match the training data's shape.
    #[wasm_bindgen(js_name = setTestData)]
    pub fn set_test_data(&mut self, images: JsValue, labels: JsValue) -> Result<(), JsValue> {
        let data = read_images(&images, &labels)?;
        core(self.stepper.check_test_data(&data))?;
        self.test = Some(data);
        self.evaluating = None;
        Ok(())
    }

    /// Task, layer sizes, activations and the other settings actually in use.
    pub fn info(&self) -> Result<JsValue, JsValue> {
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
            optimizer: c.optimizer,
            init: c.init,
            momentum: c.momentum,
            lr_decay: c.lr_decay,
            current_learning_rate: self.stepper.trainer.optimizer.learning_rate,
        })
    }

    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&self.state_value())
    }

    /// The network options in force, by name (after a model was loaded too): what a Share link
    /// writes. Image tasks also name their preset.
    pub fn settings(&self) -> Result<JsValue, JsValue> {
        to_json(&options::in_force(
            self.task,
            self.preset,
            &self.stepper.trainer.config,
        ))
    }

    /// One frame: state, which layers are known, guess and runner-up, and zero-copy views of
    /// every number drawn (activations, δ, weights, gradients, changes, the weights before the
    /// step, the strongest synapses of big layers). Valid until the next call into this module.
    pub fn frame(&mut self) -> Result<JsValue, JsValue> {
        let state = to_js(&self.state_value())?;
        let s = &self.stepper;
        let extra = frame::Extra {
            state,
            known: Known::of(s),
            before: s.before_kept.then_some(s.before.as_slice()),
            before_exact: s.before_exact,
        };
        frame::build(&views::Source::of(s), &mut self.frames, extra)
    }

    /// The training examples (small tasks only: this copies).
    pub fn examples(&self) -> Result<JsValue, JsValue> {
        let d = &self.stepper.data;
        let n = d.len().min(1000);
        to_js(&Examples {
            inputs: (0..n).map(|i| d.input(i)).collect(),
            targets: (0..n).map(|i| d.target(i)).collect(),
        })
    }

    #[wasm_bindgen(js_name = stepPhase)]
    pub fn step_phase(&mut self) -> Result<(), JsValue> {
        self.stepper.step_phase().map_err(js_error)
    }

    #[wasm_bindgen(js_name = stepExample)]
    pub fn step_example(&mut self) -> Result<(), JsValue> {
        self.stepper.step_example().map_err(js_error)
    }

    #[wasm_bindgen(js_name = stepCycle)]
    pub fn step_cycle(&mut self) -> Result<(), JsValue> {
        self.stepper.step_cycle().map_err(js_error)
    }

    /// Trains `cycles` more cycles at full speed.
    #[wasm_bindgen(js_name = trainCycles)]
    pub fn train_cycles(&mut self, cycles: f64) -> Result<(), JsValue> {
        if !(cycles.is_finite() && (0.0..=MAX_CYCLES_PER_CALL).contains(&cycles)) {
            return Err(fail(
                "input",
                &format!("cycles must be a number from 0 to {MAX_CYCLES_PER_CALL}, not {cycles}"),
            ));
        }
        self.stepper.train_cycles(cycles as u64).map_err(js_error)
    }

    /// The network's outputs for an input (no training, nothing shown).
    pub fn predict(&self, input: JsValue) -> Result<Vec<f32>, JsValue> {
        let input = input::floats(&input, self.stepper.net().input_size(), "the input")?;
        self.stepper.net().predict(&input).map_err(js_error)
    }

    /// Puts a new input on the input neurons; `stepPhase` then shows the network thinking.
    pub fn probe(&mut self, input: JsValue) -> Result<(), JsValue> {
        let input = input::floats(&input, self.stepper.net().input_size(), "the input")?;
        self.stepper.probe(&input).map_err(js_error)
    }

    #[wasm_bindgen(js_name = finishProbe)]
    pub fn finish_probe(&mut self) -> Result<(), JsValue> {
        self.stepper.finish_probe().map_err(js_error)
    }

    /// The cycle of each kept snapshot, oldest first.
    #[wasm_bindgen(js_name = snapshotCycles)]
    pub fn snapshot_cycles(&self) -> Vec<f64> {
        self.stepper
            .snapshots
            .iter()
            .map(|s| s.cycle as f64)
            .collect()
    }

    /// Rewinds to snapshot `index` (see `snapshotCycles`).
    pub fn restore(&mut self, index: f64) -> Result<(), JsValue> {
        let index = whole(index)?;
        self.stepper.restore(index).map_err(js_error)
    }

    /// A zero-copy view of named numbers (see `views::Kind`): valid until the next call into
    /// this module; make a fresh one each frame.
    pub fn view(&self, kind: &str, index: usize) -> Result<js_sys::Float32Array, JsValue> {
        views::view(&views::Source::of(&self.stepper), kind, index)
    }

    /// Trains `count` more examples at full speed (mini-batches use the matrix path).
    #[wasm_bindgen(js_name = trainExamples)]
    pub fn train_examples(&mut self, count: f64) -> Result<(), JsValue> {
        if !(count.is_finite() && (0.0..=1e9).contains(&count)) {
            return Err(fail(
                "input",
                &format!("count must be a number from 0 to 1e9, not {count}"),
            ));
        }
        self.stepper.train_examples(count as u64).map_err(js_error)
    }

    /// Loss and accuracy over the examples learned since the last call.
    #[wasm_bindgen(js_name = takeMetrics)]
    pub fn take_metrics(&mut self) -> Result<JsValue, JsValue> {
        let seen = self.stepper.trainer.seen as f64;
        let w = self.stepper.trainer.take_window();
        to_js(&Metrics {
            count: w.count,
            loss: w.mean_loss(),
            accuracy: w.accuracy(),
            seen,
        })
    }

    /// Accuracy, mean loss, confusion matrix and mistakes on the test data, in one go.
    pub fn evaluate(&mut self) -> Result<JsValue, JsValue> {
        self.evaluate_start()?;
        self.evaluate_more(f64::MAX)?;
        self.evaluation()
    }

    /// Starts an evaluation on the test data done a slice at a time (`evaluateMore`), so the
    /// page can answer Pause in between; train only once it is done.
    #[wasm_bindgen(js_name = evaluateStart)]
    pub fn evaluate_start(&mut self) -> Result<(), JsValue> {
        self.evaluating = Some(metrics::Evaluator::new(
            self.stepper.net(),
            self.test_data()?,
        ));
        Ok(())
    }

    /// Evaluates up to `count` more test examples; true when all are done.
    #[wasm_bindgen(js_name = evaluateMore)]
    pub fn evaluate_more(&mut self, count: f64) -> Result<bool, JsValue> {
        let count = if count.is_nan() || count < 1.0 {
            1
        } else {
            count.min(usize::MAX as f64) as usize
        };
        let test = need(self.test.as_ref(), "no test data has been set")?;
        let e = need(
            self.evaluating.as_mut(),
            "no evaluation has been started (evaluateStart)",
        )?;
        Ok(e.run(
            self.stepper.net(),
            self.stepper.trainer.config.loss,
            test,
            count,
        ))
    }

    /// The evaluation started by `evaluateStart` (over the examples done, if not all).
    pub fn evaluation(&mut self) -> Result<JsValue, JsValue> {
        let e = need(
            self.evaluating.take(),
            "no evaluation has been started (evaluateStart)",
        )?
        .finish();
        let test = self.test_data()?;
        let mut mistakes: Vec<usize> = e.mistakes(test).collect();
        let wrong = mistakes.len();
        mistakes.truncate(MAX_MISTAKES);
        let guesses = mistakes.iter().map(|&i| e.predictions[i]).collect();
        to_js(&EvaluationJs {
            count: e.count,
            accuracy: e.accuracy(),
            loss: e.mean_loss,
            classes: e.classes,
            per_class: e.per_class(),
            confusion: e.confusion,
            mistakes,
            guesses,
            wrong,
        })
    }

    /// Pixels (0..255) of a test image, and its label via `testLabel`.
    #[wasm_bindgen(js_name = testImage)]
    pub fn test_image(&self, index: f64) -> Result<Vec<u8>, JsValue> {
        let index = whole(index)?;
        let test = self.test_data()?;
        test.image_bytes(index)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| fail("input", &format!("there is no test image {index}")))
    }

    #[wasm_bindgen(js_name = testLabel)]
    pub fn test_label(&self, index: f64) -> Result<usize, JsValue> {
        let index = whole(index)?;
        self.test_data()?
            .label(index)
            .ok_or_else(|| fail("input", &format!("there is no test label {index}")))
    }

    /// Shows the network thinking about test image `index` (then `stepPhase`/`finishProbe`).
    #[wasm_bindgen(js_name = probeTest)]
    pub fn probe_test(&mut self, index: f64) -> Result<(), JsValue> {
        let index = whole(index)?;
        let test = self.test_data()?;
        if index >= test.len() {
            return Err(fail("input", &format!("there is no test image {index}")));
        }
        let input = test.input(index);
        self.stepper.probe(&input).map_err(js_error)
    }

    /// The model as a file (see core's `model_file`).
    pub fn save(&self, note: &str) -> Vec<u8> {
        model_file::save(self.stepper.net(), self.stepper.trainer.config.loss, note)
    }

    /// Replaces the network with a saved model; a bad or mismatched file throws and the current
    /// network stays. Returns the model's note.
    pub fn load(&mut self, bytes: JsValue) -> Result<String, JsValue> {
        let bytes = input::bytes(&bytes, model_file::MAX_BYTES, "the model file")?;
        let model = model_file::load(&bytes).map_err(js_error)?;
        self.evaluating = None;
        let note = model.note.clone();
        self.stepper.load_model(model).map_err(js_error)?;
        Ok(note)
    }

    /// Shows the network thinking about the training example at the current position.
    #[wasm_bindgen(js_name = probeCurrent)]
    pub fn probe_current(&mut self) -> Result<(), JsValue> {
        let input = self.stepper.data.input(self.stepper.example_index());
        self.stepper.probe(&input).map_err(js_error)?;
        self.stepper.finish_probe().map_err(js_error)
    }

    /// Label of the training example shown (image tasks).
    #[wasm_bindgen(js_name = currentLabel)]
    pub fn current_label(&self) -> Option<usize> {
        self.stepper.data.label(self.stepper.example_index())
    }
}
