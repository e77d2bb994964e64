//! Turning gradients into weight changes: plain SGD, SGD with momentum, and Adam.
//! The change applied last is kept (`change_w`, `change_b`) so the page can show it.

use crate::config::{NetConfig, OptimizerKind};
use crate::network::Network;
use nalgebra::DMatrix;

const ADAM_BETA2: f32 = 0.999;
const ADAM_EPS: f32 = 1e-8;

#[derive(Clone, Debug)]
pub struct Optimizer {
    pub kind: OptimizerKind,
    pub learning_rate: f32,
    pub momentum: f32,
    /// Number of updates so far (Adam's bias correction needs it).
    pub steps: u64,
    /// Momentum's velocity, Adam's first moment.
    first_w: Vec<DMatrix<f32>>,
    first_b: Vec<Vec<f32>>,
    /// Adam's second moment.
    second_w: Vec<DMatrix<f32>>,
    second_b: Vec<Vec<f32>>,
    pub change_w: Vec<DMatrix<f32>>,
    pub change_b: Vec<Vec<f32>>,
}

impl Optimizer {
    pub fn new(cfg: &NetConfig) -> Optimizer {
        let mats = || {
            cfg.sizes
                .windows(2)
                .map(|w| DMatrix::zeros(w[1], w[0]))
                .collect::<Vec<_>>()
        };
        let vecs = || {
            cfg.sizes[1..]
                .iter()
                .map(|&n| vec![0.0; n])
                .collect::<Vec<_>>()
        };
        let needs_first = cfg.optimizer != OptimizerKind::Sgd;
        let needs_second = cfg.optimizer == OptimizerKind::Adam;
        Optimizer {
            kind: cfg.optimizer,
            learning_rate: cfg.learning_rate,
            momentum: cfg.momentum,
            steps: 0,
            first_w: if needs_first { mats() } else { vec![] },
            first_b: if needs_first { vecs() } else { vec![] },
            second_w: if needs_second { mats() } else { vec![] },
            second_b: if needs_second { vecs() } else { vec![] },
            change_w: mats(),
            change_b: vecs(),
        }
    }

    /// Applies one update from gradients summed over `count` examples (their mean is used).
    pub fn step(
        &mut self,
        net: &mut Network,
        grad_w: &[DMatrix<f32>],
        grad_b: &[Vec<f32>],
        count: usize,
    ) {
        self.steps += 1;
        let scale = 1.0 / count.max(1) as f32;
        let lr = self.learning_rate;
        // Past 2^20 updates β^t is 0 in f32 anyway; capping keeps the exponent from wrapping.
        let (mu, t) = (self.momentum, self.steps.min(1 << 20) as i32);
        // Adam's bias-corrected step size, folded into one factor.
        let adam_lr = lr * (1.0 - ADAM_BETA2.powi(t)).sqrt() / (1.0 - mu.powi(t));
        for (k, layer) in net.layers.iter_mut().enumerate() {
            let update = |w: &mut [f32],
                          g: &[f32],
                          c: &mut [f32],
                          m: Option<&mut [f32]>,
                          v: Option<&mut [f32]>| {
                match self.kind {
                    OptimizerKind::Sgd => {
                        for ((w, g), c) in w.iter_mut().zip(g).zip(c.iter_mut()) {
                            *c = -lr * scale * g;
                            *w += *c;
                        }
                    }
                    OptimizerKind::Momentum => {
                        let m = m.unwrap_or_default();
                        for (((w, g), c), m) in
                            w.iter_mut().zip(g).zip(c.iter_mut()).zip(m.iter_mut())
                        {
                            *m = mu * *m - lr * scale * g;
                            *c = *m;
                            *w += *c;
                        }
                    }
                    OptimizerKind::Adam => {
                        let (m, v) = (m.unwrap_or_default(), v.unwrap_or_default());
                        for ((((w, g), c), m), v) in w
                            .iter_mut()
                            .zip(g)
                            .zip(c.iter_mut())
                            .zip(m.iter_mut())
                            .zip(v.iter_mut())
                        {
                            let g = g * scale;
                            *m = mu * *m + (1.0 - mu) * g;
                            *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
                            *c = -adam_lr * *m / (v.sqrt() + ADAM_EPS);
                            *w += *c;
                        }
                    }
                }
            };
            update(
                layer.weights.as_mut_slice(),
                grad_w[k].as_slice(),
                self.change_w[k].as_mut_slice(),
                self.first_w.get_mut(k).map(|m| m.as_mut_slice()),
                self.second_w.get_mut(k).map(|m| m.as_mut_slice()),
            );
            if net.bias {
                update(
                    layer.biases.as_mut_slice(),
                    &grad_b[k],
                    &mut self.change_b[k],
                    self.first_b.get_mut(k).map(|m| m.as_mut_slice()),
                    self.second_b.get_mut(k).map(|m| m.as_mut_slice()),
                );
            }
        }
    }
}
