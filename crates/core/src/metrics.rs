//! How well a network does: accuracy, mean loss, confusion matrix.

use crate::batch::Batch;
use crate::budget::EVAL_BATCH;
use crate::dataset::Dataset;
use crate::loss::Loss;
use crate::network::Network;

/// Index of the largest output (first one on ties).
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// Several outputs (classes): the top output is the target's top. One output: within 0.5.
pub fn is_correct(output: &[f32], target: &[f32]) -> bool {
    if target.len() > 1 {
        argmax(output) == argmax(target)
    } else {
        output.iter().zip(target).all(|(o, t)| (o - t).abs() < 0.5)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub count: usize,
    pub correct: usize,
    pub mean_loss: f32,
    pub classes: usize,
    /// classes × classes, row = true class, column = predicted class.
    pub confusion: Vec<u32>,
    /// The predicted class of every example (classification sets only).
    pub predictions: Vec<u8>,
}

impl Evaluation {
    pub fn accuracy(&self) -> f32 {
        if self.count == 0 {
            0.0
        } else {
            self.correct as f32 / self.count as f32
        }
    }

    /// The examples of `data` (the set evaluated) whose predicted class is not their label.
    pub fn mistakes<'a>(&'a self, data: &'a Dataset) -> impl Iterator<Item = usize> + 'a {
        self.predictions
            .iter()
            .enumerate()
            .filter(move |&(i, &p)| data.label(i).is_some_and(|l| l != p as usize))
            .map(|(i, _)| i)
    }

    /// Accuracy of each true class.
    pub fn per_class(&self) -> Vec<f32> {
        (0..self.classes)
            .map(|c| {
                let row = &self.confusion[c * self.classes..(c + 1) * self.classes];
                let total: u32 = row.iter().sum();
                if total == 0 {
                    0.0
                } else {
                    row[c] as f32 / total as f32
                }
            })
            .collect()
    }
}

/// Runs the whole data set through the network in batches of 256. The confusion matrix has a
/// row and column for every class the labels or the network's outputs can name (a test set may
/// hold fewer classes than the network was trained on).
pub fn evaluate(net: &Network, loss: Loss, data: &Dataset) -> Evaluation {
    let mut e = Evaluator::new(net, data);
    e.run(net, loss, data, usize::MAX);
    e.finish()
}

/// An evaluation done a slice at a time, so a page can answer Pause in between. The network
/// must not change between slices (the page trains only once it is done).
#[derive(Clone, Debug)]
pub struct Evaluator {
    e: Evaluation,
    batch: Batch,
    loss_sum: f64,
    next: usize,
}

impl Evaluator {
    pub fn new(net: &Network, data: &Dataset) -> Evaluator {
        let classes = data.output_size.max(net.output_size());
        let e = Evaluation {
            count: data.len(),
            correct: 0,
            mean_loss: 0.0,
            classes,
            confusion: vec![0; classes * classes],
            predictions: Vec::with_capacity(if data.label(0).is_some() {
                data.len()
            } else {
                0
            }),
        };
        Evaluator {
            e,
            batch: Batch::new(&net.sizes(), EVAL_BATCH.min(data.len().max(1))),
            loss_sum: 0.0,
            next: 0,
        }
    }

    /// Examples evaluated so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Evaluates up to `count` more examples (whole batches); true when the set is done. A
    /// network or data set of another shape than it started with starts it over.
    pub fn run(&mut self, net: &Network, loss: Loss, data: &Dataset, count: usize) -> bool {
        if self.e.count != data.len()
            || self.e.classes != data.output_size.max(net.output_size())
            || !self.batch.fits(&net.sizes())
        {
            *self = Evaluator::new(net, data);
        }
        let (act, n, classes) = (net.output_activation(), net.output_size(), self.e.classes);
        let batch = &mut self.batch;
        let end = data.len().min(self.next.saturating_add(count.max(1)));
        while self.next < end {
            let start = self.next;
            let len = batch.capacity.min(data.len() - start);
            batch.len = len;
            for i in 0..len {
                data.copy_input(start + i, batch.input_mut(i));
                data.copy_target(start + i, batch.target_mut(i));
            }
            net.forward_batch(batch);
            let last = batch.z.len() - 1;
            for i in 0..len {
                let out = batch.output(i);
                let target = &batch.target[i * n..(i + 1) * n];
                self.loss_sum +=
                    loss.value(act, &batch.z[last][i * n..(i + 1) * n], out, target) as f64;
                if is_correct(out, target) {
                    self.e.correct += 1;
                }
                if let Some(l) = data.label(start + i) {
                    let p = argmax(out);
                    self.e.confusion[l * classes + p] += 1;
                    self.e.predictions.push(p.min(u8::MAX as usize) as u8);
                }
            }
            self.next += len;
        }
        self.next >= data.len()
    }

    /// The evaluation (of the examples done so far, when not finished).
    pub fn finish(mut self) -> Evaluation {
        self.e.count = self.next;
        self.e.mean_loss = (self.loss_sum / self.next.max(1) as f64) as f32;
        self.e
    }
}
