//! How well a network does: accuracy, mean loss, confusion matrix.

use crate::batch::Batch;
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
    let classes = data.output_size.max(net.output_size());
    let mut e = Evaluation {
        count: data.len(),
        correct: 0,
        mean_loss: 0.0,
        classes,
        confusion: vec![0; classes * classes],
        predictions: Vec::with_capacity(if data.label(0).is_some() { data.len() } else { 0 }),
    };
    let mut batch = Batch::new(&net.sizes(), 256.min(data.len().max(1)));
    let mut loss_sum = 0.0f64;
    let act = net.output_activation();
    let n = net.output_size();
    let mut start = 0;
    while start < data.len() {
        let len = batch.capacity.min(data.len() - start);
        batch.len = len;
        for i in 0..len {
            data.copy_input(start + i, batch.input_mut(i));
            data.copy_target(start + i, batch.target_mut(i));
        }
        net.forward_batch(&mut batch);
        let last = batch.z.len() - 1;
        for i in 0..len {
            let out = batch.output(i);
            let target = &batch.target[i * n..(i + 1) * n];
            loss_sum += loss.value(act, &batch.z[last][i * n..(i + 1) * n], out, target) as f64;
            let label = data.label(start + i);
            if is_correct(out, target) {
                e.correct += 1;
            }
            if let Some(l) = label {
                let p = argmax(out);
                e.confusion[l * classes + p] += 1;
                e.predictions.push(p as u8);
            }
        }
        start += len;
    }
    e.mean_loss = (loss_sum / data.len().max(1) as f64) as f32;
    e
}
