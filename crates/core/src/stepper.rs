//! Training you can watch: one phase of one example at a time (present → forward layer by
//! layer → error → backward layer by layer → update), or whole examples and cycles, with the
//! loss history and snapshots to rewind to.

use crate::budget::{self, Estimate, MAX_HISTORY};
use crate::config::NetConfig;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::model_file::Model;
use crate::network::{check_input, Network};
use crate::optimizer::Optimizer;
use crate::schedule::is_snapshot_cycle;
use crate::trainer::Trainer;
use nalgebra::DMatrix;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing shown yet (fresh, reset, or rewound).
    Idle,
    /// The input is on the input neurons.
    Present,
    /// The signal has passed weight layer k (neuron layer k+1 is lit).
    Forward(usize),
    /// Output compared with the target.
    Error,
    /// The error has passed weight layer k backwards: its gradients are known, and δ of
    /// neuron layer k (when k > 0).
    Backward(usize),
    /// The weights have changed.
    Update,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Present => "present",
            Phase::Forward(_) => "forward",
            Phase::Error => "error",
            Phase::Backward(_) => "backward",
            Phase::Update => "update",
        }
    }

    /// The weight layer the phase is at, if any.
    pub fn layer(self) -> Option<usize> {
        match self {
            Phase::Forward(k) | Phase::Backward(k) => Some(k),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Snapshot {
    pub cycle: u64,
    /// The mean loss of the cycle before it (the history may not hold that cycle any more).
    last_loss: Option<f32>,
    net: Network,
    optimizer: Optimizer,
    rng: StdRng,
}

#[derive(Clone, Debug)]
pub struct Stepper {
    pub trainer: Trainer,
    pub data: Dataset,
    shuffle: bool,
    rng: StdRng,
    order: Vec<usize>,
    /// Completed cycles (epochs).
    pub cycle: u64,
    /// Position in this cycle's order of the next example to start.
    position: usize,
    /// Position of the example in the trace.
    shown: usize,
    pub phase: Phase,
    /// An example (or a probe of a new input) is part-way through its phases.
    in_progress: bool,
    /// The trace holds a user's input, not a training example.
    probing: bool,
    cycle_loss: f64,
    /// Mean loss of every `history_stride`-th completed cycle: entry i is cycle i·stride + 1's.
    /// Past `MAX_HISTORY` entries every second one goes and the stride doubles, so a tab left
    /// training for days keeps a bounded, evenly spaced curve.
    pub history: Vec<f32>,
    pub history_stride: u64,
    last_loss: Option<f32>,
    pub snapshots: Vec<Snapshot>,
    /// As many snapshots as fit the budget's share for this network (`budget::snapshot_count`).
    max_snapshots: usize,
    /// Why training stopped, when it diverged.
    pub diverged: Option<String>,
    /// The weights as they were before the last step or probe (for tweening the drawing and
    /// writing out sums), when `before_kept`; reused buffers, sized like the network.
    pub before: Vec<DMatrix<f32>>,
    pub before_kept: bool,
    /// Whether the forward pass in the trace used exactly `before` (phase/example steps, probes).
    pub before_exact: bool,
    /// The trace holds a pass made phase by phase (a step or a probe), not fast training's.
    pub traced: bool,
}

impl Stepper {
    pub fn new(trainer: Trainer, data: Dataset, shuffle: bool) -> Result<Stepper> {
        trainer.check_data(&data)?;
        if data.is_empty() {
            return Err(Error::Data("the data set has no examples".into()));
        }
        Estimate::of(&trainer.config, data.bytes()).check()?;
        let rng = StdRng::seed_from_u64(trainer.config.seed ^ 0x5eed_0f_0dde5);
        let max_snapshots = budget::snapshot_count(&trainer.config);
        let mut s = Stepper {
            order: (0..data.len()).collect(),
            trainer,
            data,
            shuffle,
            rng,
            cycle: 0,
            position: 0,
            shown: 0,
            phase: Phase::Idle,
            in_progress: false,
            probing: false,
            cycle_loss: 0.0,
            history: Vec::new(),
            history_stride: 1,
            last_loss: None,
            snapshots: Vec::new(),
            max_snapshots,
            diverged: None,
            before: Vec::new(),
            before_kept: false,
            before_exact: false,
            traced: false,
        };
        s.take_snapshot();
        s.start_cycle();
        Ok(s)
    }

    pub fn net(&self) -> &Network {
        &self.trainer.net
    }

    /// Position (0-based) within the cycle of the example shown or in progress.
    pub fn example(&self) -> usize {
        self.shown
    }

    /// Dataset index of the example shown.
    pub fn example_index(&self) -> usize {
        self.order[self.shown]
    }

    pub fn is_probing(&self) -> bool {
        self.probing
    }

    pub fn in_progress(&self) -> bool {
        self.in_progress
    }

    /// The mean loss of the last completed cycle.
    pub fn last_loss(&self) -> Option<f32> {
        self.last_loss
    }

    fn layers(&self) -> usize {
        self.trainer.net.layers.len()
    }

    /// Each cycle's order depends only on the RNG state, so a snapshot can replay it.
    fn start_cycle(&mut self) {
        self.order.iter_mut().enumerate().for_each(|(i, o)| *o = i);
        if self.shuffle {
            self.order.shuffle(&mut self.rng);
        }
        self.position = 0;
        self.cycle_loss = 0.0;
    }

    /// Training after a rewind forgets the future that was rewound over.
    fn branch(&mut self) {
        self.history
            .truncate(self.cycle.div_ceil(self.history_stride) as usize);
        let cycle = self.cycle;
        self.snapshots.retain(|s| s.cycle <= cycle);
    }

    fn check_running(&self) -> Result<()> {
        match &self.diverged {
            Some(why) => Err(Error::Diverged(why.clone())),
            None => Ok(()),
        }
    }

    /// Remembers the weights before a step the page shows (reusing the buffers).
    fn keep_before(&mut self, exact: bool) {
        let layers = &self.trainer.net.layers;
        if self.before.len() != layers.len()
            || self
                .before
                .iter()
                .zip(layers)
                .any(|(b, l)| b.shape() != l.weights.shape())
        {
            self.before = layers.iter().map(|l| l.weights.clone()).collect();
        } else {
            self.before
                .iter_mut()
                .zip(layers)
                .for_each(|(b, l)| b.copy_from(&l.weights));
        }
        self.before_kept = true;
        self.before_exact = exact;
    }

    fn forget_before(&mut self) {
        self.before_kept = false;
        self.before_exact = false;
    }

    /// Advances one phase. A new example starts when the previous one is done.
    pub fn step_phase(&mut self) -> Result<()> {
        self.check_running()?;
        self.keep_before(true);
        self.phase_once()
    }

    fn phase_once(&mut self) -> Result<()> {
        if !self.in_progress {
            self.begin_example();
            return Ok(());
        }
        let last = self.layers() - 1;
        match self.phase {
            Phase::Idle => self.begin_example(),
            Phase::Present => {
                self.trainer.net.forward_layer(0, &mut self.trainer.trace);
                self.phase = Phase::Forward(0);
                if self.probing && last == 0 {
                    self.in_progress = false;
                }
            }
            Phase::Forward(k) if k < last => {
                self.trainer
                    .net
                    .forward_layer(k + 1, &mut self.trainer.trace);
                self.phase = Phase::Forward(k + 1);
                if self.probing && k + 1 == last {
                    self.in_progress = false;
                }
            }
            Phase::Forward(_) => {
                let loss = self.trainer.compare();
                self.phase = Phase::Error;
                if !loss.is_finite() {
                    return self.diverge(loss);
                }
            }
            Phase::Error => {
                self.trainer.backward_layer(last);
                self.phase = Phase::Backward(last);
                if last == 0 {
                    self.after_backward();
                }
            }
            Phase::Backward(0) => return self.apply_update(),
            Phase::Backward(k) => {
                self.trainer.backward_layer(k - 1);
                self.phase = Phase::Backward(k - 1);
                if k == 1 {
                    self.after_backward();
                }
            }
            // Nothing is left of an example at its update: the next phase starts the next one.
            Phase::Update => self.begin_example(),
        }
        Ok(())
    }

    /// After the last backward step: the example is done unless an update is due.
    fn after_backward(&mut self) {
        if !self.update_due() {
            self.finish_example(false);
        }
    }

    fn update_due(&self) -> bool {
        self.trainer.update_due() || self.position + 1 == self.order.len()
    }

    fn begin_example(&mut self) {
        self.branch();
        self.probing = false;
        self.traced = true;
        self.shown = self.position;
        let i = self.order[self.position];
        self.trainer.trace.clear();
        self.trainer.present(&self.data, i);
        self.phase = Phase::Present;
        self.in_progress = true;
    }

    /// From Backward(0) with an update due: the Update phase.
    fn apply_update(&mut self) -> Result<()> {
        self.finish_example(true);
        self.phase = Phase::Update;
        self.check_parameters()
    }

    /// A ReLU turns NaN into 0, so a loss can stay finite while the weights are not: the
    /// parameters themselves are checked after updates.
    fn check_parameters(&mut self) -> Result<()> {
        if self.trainer.net.is_finite() {
            return Ok(());
        }
        let why = format!(
            "training diverged at cycle {}: the weights became infinite or not a number. The learning \
             rate ({}) is probably too high; lower it, then Reset or rewind.",
            self.cycle + 1,
            self.trainer.config.learning_rate
        );
        self.in_progress = false;
        self.diverged = Some(why.clone());
        Err(Error::Diverged(why))
    }

    /// Books a completed example: batch accounting, cycle accounting, snapshots.
    fn finish_example(&mut self, update: bool) {
        let end_of_cycle = self.position + 1 == self.order.len();
        self.trainer.end_example(update || end_of_cycle);
        self.in_progress = false;
        self.cycle_loss += self.trainer.trace.loss as f64;
        self.position += 1;
        if end_of_cycle {
            self.complete_cycle();
        }
    }

    fn complete_cycle(&mut self) {
        let mean = (self.cycle_loss / self.order.len() as f64) as f32;
        self.record_loss(mean);
        self.cycle += 1;
        self.trainer.optimizer.learning_rate *= self.trainer.config.lr_decay;
        // (Not of weights that are no longer finite: rewinding there would bring the divergence back
        // unreported. Fast training checks the parameters only once its run is done.)
        if is_snapshot_cycle(self.cycle) && self.trainer.net.is_finite() {
            self.take_snapshot();
        }
        self.start_cycle();
    }

    /// Books the loss of the cycle now completing (`self.cycle` before it counts).
    fn record_loss(&mut self, mean: f32) {
        self.last_loss = Some(mean);
        if self.cycle % self.history_stride != 0 {
            return;
        }
        if self.history.len() == MAX_HISTORY {
            let mut i = 0;
            self.history.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.history_stride *= 2;
            if self.cycle % self.history_stride != 0 {
                return;
            }
        }
        self.history.push(mean);
    }

    fn diverge(&mut self, loss: f32) -> Result<()> {
        let why = format!(
            "training diverged at cycle {}: the error became {} (not a number). The learning rate ({}) \
             is probably too high; lower it, then Reset or rewind.",
            self.cycle + 1,
            loss,
            self.trainer.config.learning_rate
        );
        self.in_progress = false;
        self.diverged = Some(why.clone());
        Err(Error::Diverged(why))
    }

    /// Finishes the example in progress (all its remaining phases), or runs the next one whole.
    pub fn step_example(&mut self) -> Result<()> {
        self.check_running()?;
        self.keep_before(true);
        self.finish_example_phases()
    }

    fn finish_example_phases(&mut self) -> Result<()> {
        if !self.in_progress || self.probing {
            self.begin_example();
        }
        while self.in_progress {
            self.phase_once()?;
        }
        Ok(())
    }

    /// Finishes the current cycle (or runs the next whole cycle when at a cycle boundary).
    pub fn step_cycle(&mut self) -> Result<()> {
        self.check_running()?;
        self.keep_before(false);
        let target = self.cycle + 1;
        self.run_fast(target, u64::MAX)
    }

    /// Runs `cycles` more cycles at full speed (no phases), finishing any example in progress.
    pub fn train_cycles(&mut self, cycles: u64) -> Result<()> {
        self.forget_before();
        let target = self.cycle.saturating_add(cycles);
        self.run_fast(target, u64::MAX)
    }

    /// Runs `count` more examples at full speed (mini-batches through the matrix path).
    pub fn train_examples(&mut self, count: u64) -> Result<()> {
        self.forget_before();
        self.run_fast(u64::MAX, count)
    }

    /// Trains until `target_cycle` cycles are complete or `examples` examples are done.
    fn run_fast(&mut self, target_cycle: u64, mut examples: u64) -> Result<()> {
        self.check_running()?;
        if self.in_progress && !self.probing {
            self.finish_example_phases()?;
        }
        self.branch();
        // A probe part-way through is dropped: training takes over the trace.
        self.probing = false;
        self.in_progress = false;
        self.traced = false;
        let b = self.trainer.config.batch_size;
        while self.cycle < target_cycle && examples > 0 {
            let start = self.position;
            let aligned = self.trainer.pending == 0 && start % b == 0;
            let loss = if b > 1 && aligned && start + b <= self.order.len() && examples >= b as u64
            {
                let loss = self
                    .trainer
                    .learn_batch(&self.data, &self.order[start..start + b]);
                self.position += b;
                loss
            } else {
                let loss = self.trainer.learn(&self.data, self.order[start]) as f64;
                self.position += 1;
                loss
            };
            examples -= (self.position - start) as u64;
            self.shown = self.position - 1;
            if !loss.is_finite() {
                self.phase = Phase::Error;
                return self.diverge(loss as f32);
            }
            self.cycle_loss += loss;
            if self.position == self.order.len() {
                self.trainer.flush();
                self.complete_cycle();
            }
        }
        self.phase = Phase::Update;
        self.check_parameters()
    }

    /// Puts a user's input on the input neurons; step_phase then shows the network thinking
    /// about it, layer by layer. Training resumes with the next step after that.
    pub fn probe(&mut self, input: &[f32]) -> Result<()> {
        check_input(input, self.trainer.net.input_size())?;
        if self.in_progress && !self.probing {
            self.finish_example_phases()?;
        }
        self.keep_before(true);
        self.traced = true;
        self.trainer.trace.clear();
        self.trainer.trace.a[0].copy_from_slice(input);
        self.probing = true;
        self.in_progress = true;
        self.phase = Phase::Present;
        Ok(())
    }

    /// Runs the remaining forward phases of a probe at once.
    pub fn finish_probe(&mut self) -> Result<()> {
        while self.probing && self.in_progress {
            self.phase_once()?;
        }
        Ok(())
    }

    fn take_snapshot(&mut self) {
        if self.snapshots.last().is_some_and(|s| s.cycle == self.cycle) {
            return;
        }
        self.snapshots.push(Snapshot {
            cycle: self.cycle,
            last_loss: self.last_loss,
            net: self.trainer.net.clone(),
            optimizer: self.trainer.optimizer.clone(),
            rng: self.rng.clone(),
        });
        if self.snapshots.len() > self.max_snapshots {
            // Keep the first and the newest; drop every second one in between.
            let last = self.snapshots.len() - 1;
            let mut i = 0;
            self.snapshots.retain(|_| {
                let keep = i == 0 || i == last || i % 2 == 0;
                i += 1;
                keep
            });
        }
    }

    /// Rewinds (or fast-forwards, within kept history) to snapshot `i`. The loss history stays
    /// until training continues from there.
    pub fn restore(&mut self, i: usize) -> Result<()> {
        let snap = self
            .snapshots
            .get(i)
            .ok_or_else(|| {
                Error::Input(format!(
                    "there is no snapshot {i} (there are {})",
                    self.snapshots.len()
                ))
            })?
            .clone();
        self.trainer.net = snap.net;
        self.trainer.optimizer = snap.optimizer;
        self.trainer.pending = 0;
        self.rng = snap.rng;
        self.cycle = snap.cycle;
        self.last_loss = snap.last_loss;
        self.start_cycle();
        self.shown = 0;
        self.phase = Phase::Idle;
        self.in_progress = false;
        self.probing = false;
        self.diverged = None;
        self.traced = false;
        self.forget_before();
        self.trainer.trace.clear();
        Ok(())
    }

    /// Whether `test` can be evaluated on: images like the training data's, no more classes,
    /// and the memory of both data sets within the budget.
    pub fn check_test_data(&self, test: &Dataset) -> Result<()> {
        let train = &self.data;
        if test.input_size != train.input_size || test.output_size > train.output_size {
            return Err(Error::Data(format!(
                "the test images ({} pixels, {} classes) do not match the training images ({} pixels, {} classes)",
                test.input_size, test.output_size, train.input_size, train.output_size
            )));
        }
        Estimate::of(
            &self.trainer.config,
            train.bytes().saturating_add(test.bytes()),
        )
        .check()
    }

    /// Replaces the network with a loaded model (its architecture may differ); training
    /// settings stay, history starts afresh. On error nothing changes.
    pub fn load_model(&mut self, model: Model) -> Result<()> {
        let sizes = model.net.sizes();
        let (i, o) = (self.data.input_size, self.data.output_size);
        if sizes.first() != Some(&i) || sizes.last() != Some(&o) {
            return Err(Error::Model(format!(
                "the model has {} inputs and {} outputs; this data needs {i} and {o}",
                sizes.first().unwrap_or(&0),
                sizes.last().unwrap_or(&0)
            )));
        }
        let layers = &model.net.layers;
        let config = NetConfig {
            sizes,
            activation: layers
                .first()
                .map_or(self.trainer.config.activation, |l| l.activation),
            output_activation: model.net.output_activation(),
            loss: model.loss,
            bias: model.net.bias,
            ..self.trainer.config.clone()
        };
        let config = if layers.len() == 1 {
            NetConfig {
                activation: self.trainer.config.activation,
                ..config
            }
        } else {
            config
        };
        // Finite weights can still overflow: a model must give finite outputs on this data.
        model.net.predict(&self.data.input(0))?;
        let mut trainer = Trainer::new(config)?;
        Estimate::of(&trainer.config, self.data.bytes()).check()?;
        trainer.net = model.net;
        self.max_snapshots = budget::snapshot_count(&trainer.config);
        self.trainer = trainer;
        self.cycle = 0;
        self.history.clear();
        self.history_stride = 1;
        self.last_loss = None;
        self.snapshots.clear();
        self.diverged = None;
        self.in_progress = false;
        self.probing = false;
        self.traced = false;
        self.forget_before();
        self.phase = Phase::Idle;
        self.take_snapshot();
        self.start_cycle();
        Ok(())
    }
}
