//! A network together with what it needs to learn: loss, optimizer, and the trace of the
//! last example. Learning one example never allocates.

use crate::batch::Batch;
use crate::config::NetConfig;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::loss::Loss;
use crate::metrics::is_correct;
use crate::network::Network;
use crate::optimizer::Optimizer;
use crate::trace::Trace;
use rand::rngs::StdRng;
use rand::SeedableRng;

#[derive(Clone, Debug)]
pub struct Trainer {
    pub config: NetConfig,
    pub net: Network,
    pub optimizer: Optimizer,
    pub trace: Trace,
    /// Examples whose gradients are summed in the trace, waiting for an update.
    pub pending: usize,
    /// Buffers of the matrix-matrix path, made on first use.
    batch: Option<Batch>,
    /// Running figures since the last `take_window` (loss is summed, before each update).
    window: Window,
    /// Examples learned in total.
    pub seen: u64,
}

/// Training figures over a window of recent examples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Window {
    pub count: usize,
    pub correct: usize,
    pub loss_sum: f64,
}

impl Window {
    pub fn mean_loss(&self) -> f32 {
        (self.loss_sum / self.count.max(1) as f64) as f32
    }

    pub fn accuracy(&self) -> f32 {
        self.correct as f32 / self.count.max(1) as f32
    }
}

impl Trainer {
    pub fn new(config: NetConfig) -> Result<Trainer> {
        config.validate()?;
        let mut rng = StdRng::seed_from_u64(config.seed);
        let net = Network::new(&config, &mut rng);
        Ok(Trainer {
            optimizer: Optimizer::new(&config),
            trace: Trace::new(&config.sizes),
            net,
            config,
            pending: 0,
            batch: None,
            window: Window::default(),
            seen: 0,
        })
    }

    pub fn loss(&self) -> Loss {
        self.config.loss
    }

    pub fn check_data(&self, data: &Dataset) -> Result<()> {
        let (i, o) = (self.net.input_size(), self.net.output_size());
        if data.input_size != i || data.output_size != o {
            return Err(Error::config(format!(
                "the data has {} inputs and {} outputs but the network {i} and {o}",
                data.input_size, data.output_size
            )));
        }
        Ok(())
    }

    /// Loads example i into the trace (input and target).
    pub fn present(&mut self, data: &Dataset, i: usize) {
        data.copy_input(i, &mut self.trace.a[0]);
        data.copy_target(i, &mut self.trace.target);
    }

    /// The output error of the presented, forwarded example; δ of the output layer.
    pub fn compare(&mut self) -> f32 {
        let loss = self.net.output_error(self.config.loss, &mut self.trace);
        self.window.count += 1;
        self.window.loss_sum += loss as f64;
        self.window.correct += is_correct(self.trace.output(), &self.trace.target) as usize;
        self.seen += 1;
        loss
    }

    /// The figures since the last call, and a fresh window.
    pub fn take_window(&mut self) -> Window {
        std::mem::take(&mut self.window)
    }

    /// Weight layer k's backward step; the first example of a batch overwrites the gradients.
    pub fn backward_layer(&mut self, k: usize) {
        self.net
            .backward_layer(k, &mut self.trace, self.pending > 0);
    }

    /// Whether the example now in the trace completes a mini-batch.
    pub fn update_due(&self) -> bool {
        self.pending + 1 >= self.config.batch_size
    }

    /// Counts the example in the trace as part of the batch and, when the batch is full (or
    /// `force`), applies the update. Returns whether it updated.
    pub fn end_example(&mut self, force: bool) -> bool {
        self.pending += 1;
        if self.pending >= self.config.batch_size || force {
            self.optimizer.step(
                &mut self.net,
                &self.trace.grad_w,
                &self.trace.grad_b,
                self.pending,
            );
            self.pending = 0;
            true
        } else {
            false
        }
    }

    /// One example, start to finish. Returns its loss (before the update).
    pub fn learn(&mut self, data: &Dataset, i: usize) -> f32 {
        self.present(data, i);
        for k in 0..self.net.layers.len() {
            self.net.forward_layer(k, &mut self.trace);
        }
        let loss = self.compare();
        self.net.backward(&mut self.trace, self.pending > 0);
        self.end_example(false);
        loss
    }

    /// A whole mini-batch through the matrix-matrix path, then one update. Returns the sum of
    /// the examples' losses. Needs no gradients pending from single examples.
    pub fn learn_batch(&mut self, data: &Dataset, indices: &[usize]) -> f64 {
        debug_assert_eq!(self.pending, 0);
        let cap = self.config.batch_size.max(indices.len());
        let batch = match &mut self.batch {
            Some(b) if b.capacity >= indices.len() => b,
            slot => slot.insert(Batch::new(&self.config.sizes, cap)),
        };
        batch.len = indices.len();
        for (col, &i) in indices.iter().enumerate() {
            data.copy_input(i, batch.input_mut(col));
            data.copy_target(i, batch.target_mut(col));
        }
        self.net.forward_batch(batch);
        self.net.backward_batch(
            self.config.loss,
            batch,
            &mut self.trace.grad_w,
            &mut self.trace.grad_b,
        );
        let n = self.net.output_size();
        let mut sum = 0.0f64;
        for col in 0..indices.len() {
            sum += batch.loss[col] as f64;
            self.window.correct +=
                is_correct(batch.output(col), &batch.target[col * n..(col + 1) * n]) as usize;
        }
        self.window.count += indices.len();
        self.window.loss_sum += sum;
        self.seen += indices.len() as u64;
        self.optimizer.step(
            &mut self.net,
            &self.trace.grad_w,
            &self.trace.grad_b,
            indices.len(),
        );
        sum
    }

    /// Applies a partly filled batch (end of an epoch).
    pub fn flush(&mut self) {
        if self.pending > 0 {
            self.optimizer.step(
                &mut self.net,
                &self.trace.grad_w,
                &self.trace.grad_b,
                self.pending,
            );
            self.pending = 0;
        }
    }

    /// Replaces the learning rate (the rest of the optimizer state stays).
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<()> {
        let cfg = NetConfig {
            learning_rate: lr,
            ..self.config.clone()
        };
        cfg.validate()?;
        self.config = cfg;
        self.optimizer.learning_rate = lr;
        Ok(())
    }
}
