//! How much memory a network will take, worked out once from its settings before anything is
//! built, and the one budget every configuration must fit. Limits on layer sizes bound the
//! parameters, not the memory: a few wide layers with a large batch can need hundreds of MiB of
//! activations. The estimate is an upper bound on what the core allocates for one section (its
//! network, training state, snapshots, loss history and data); the property tests check it
//! against a counting allocator.

use crate::config::{NetConfig, OptimizerKind};
use crate::error::{Error, Result};

/// What one section (a playground, or the MNIST worker) may use. A school Chromebook has 4 GiB
/// in all; wasm32 can address 4 GiB at most. The largest network allowed (4 million
/// parameters, Adam) with MNIST's data needs about 290 MiB.
pub const BUDGET: usize = 384 << 20;
/// Snapshots to rewind to share this much; a big network keeps fewer of them (never < 2).
pub const SNAPSHOT_BYTES: usize = 128 << 20;
/// Most snapshots kept, however small the network (enough to scrub smoothly).
pub const MAX_SNAPSHOTS: usize = 160;
/// Loss-history entries kept; past this the history keeps every 2nd, 4th, … cycle.
pub const MAX_HISTORY: usize = 1 << 16;
/// Examples a data set may hold (EMNIST "byclass" has 697,932).
pub const MAX_EXAMPLES: usize = 1_000_000;
/// Examples evaluated in one batch.
pub const EVAL_BATCH: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The weights and biases, their gradient, and a copy from before the last step.
    Parameters,
    /// The optimizer's last change, plus momentum's velocity or Adam's two moments.
    Optimizer,
    /// Every neuron's sum, activation and error, for one example and for a whole batch.
    Activations,
    Snapshots,
    History,
    Data,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Parameters,
        Part::Optimizer,
        Part::Activations,
        Part::Snapshots,
        Part::History,
        Part::Data,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Parameters => "the weights and biases",
            Part::Optimizer => "the optimizer's state",
            Part::Activations => "the activations of a batch",
            Part::Snapshots => "the snapshots to rewind to",
            Part::History => "the loss history",
            Part::Data => "the data",
        }
    }

    /// The setting to change when this part is the biggest.
    fn option(self) -> &'static str {
        match self {
            Part::Activations => "batchSize",
            Part::Optimizer => "optimizer",
            _ => "hidden",
        }
    }

    fn remedy(self) -> &'static str {
        match self {
            Part::Activations => "use a smaller batch or narrower layers",
            Part::Optimizer => "use plain SGD or a smaller network",
            Part::Data => "use fewer or smaller examples",
            _ => "use fewer or narrower layers",
        }
    }
}

/// Bytes per part, in `Part::ALL` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub bytes: [usize; 6],
}

const F32: usize = 4;
const WORD: usize = std::mem::size_of::<usize>();
/// Bookkeeping per weight layer in each copy of the parameters (a layer's struct, its matrix
/// and vector headers), and for the rest of a section's structures: the property tests measure
/// these against a counting allocator.
const PER_LAYER: usize = 192;
const FIXED: usize = 64 << 10;

impl Estimate {
    /// The memory `config` needs with `data_bytes` of data (see `Dataset::bytes`; 0 before the
    /// data is known).
    pub fn of(config: &NetConfig, data_bytes: usize) -> Estimate {
        let s = &config.sizes;
        // Biases are stored (as zeros) even when the network has none.
        let params = s.windows(2).fold(0usize, |a, w| {
            a.saturating_add(w[0].saturating_mul(w[1]).saturating_add(w[1]))
        });
        let neurons = s.iter().fold(0usize, |a, &n| a.saturating_add(n));
        let (n_in, n_out) = (
            s.first().copied().unwrap_or(0),
            s.last().copied().unwrap_or(0),
        );
        let b = config.batch_size.max(1);
        let p = params
            .saturating_mul(F32)
            .saturating_add(s.len() * PER_LAYER);
        // Net + gradient + the weights before the last step, and the section's fixed structures.
        let parameters = p.saturating_mul(3).saturating_add(FIXED);
        let moments = optimizer_slots(config.optimizer);
        let optimizer = p.saturating_mul(1 + moments);
        // One example's trace (z, a, δ + target and error), the batch buffers (z, a, δ, target,
        // loss), an evaluation batch, and the sparse first layer's two lists (≤ 30% non-zeros,
        // 8 bytes each, plus their starts).
        let trace = neurons
            .saturating_mul(3)
            .saturating_add(n_out * 2)
            .saturating_mul(F32);
        let per_batch = |cols: usize| {
            neurons
                .saturating_mul(3)
                .saturating_add(n_out + 1)
                .saturating_mul(cols)
                .saturating_mul(F32)
        };
        let sparse = n_in
            .saturating_mul(b)
            .saturating_mul(2 * 8 * 3 / 10 + 1)
            .saturating_add((n_in + b + 3) * WORD);
        let activations = trace
            .saturating_add(per_batch(b))
            .saturating_add(per_batch(EVAL_BATCH))
            .saturating_add(sparse);
        // The list itself grows by doubling.
        let list = (snapshot_count(config) + 1).next_power_of_two()
            * std::mem::size_of::<crate::stepper::Snapshot>();
        let snapshots = snapshot_count(config)
            .saturating_mul(snapshot_bytes(config))
            .saturating_add(list);
        let history = MAX_HISTORY * F32;
        Estimate {
            bytes: [
                parameters,
                optimizer,
                activations,
                snapshots,
                history,
                data_bytes,
            ],
        }
    }

    pub fn total(&self) -> usize {
        self.bytes.iter().fold(0usize, |a, &b| a.saturating_add(b))
    }

    pub fn part(&self, part: Part) -> usize {
        self.bytes[Part::ALL.iter().position(|&p| p == part).unwrap_or(0)]
    }

    /// The largest part and its bytes.
    pub fn biggest(&self) -> (Part, usize) {
        Part::ALL
            .iter()
            .copied()
            .zip(self.bytes)
            .max_by_key(|&(_, b)| b)
            .unwrap_or((Part::Data, 0))
    }

    /// Refuses a configuration over the budget, naming its biggest part (a data error when the
    /// data is the biggest part, else a settings error about the option to change).
    pub fn check(&self) -> Result<()> {
        let total = self.total();
        if total <= BUDGET {
            return Ok(());
        }
        let (part, bytes) = self.biggest();
        let message = format!(
            "this needs about {} MiB of memory, more than the {} MiB a section may use; the biggest part is {} \
             ({} MiB): {}",
            mib(total),
            BUDGET >> 20,
            part.label(),
            mib(bytes),
            part.remedy()
        );
        Err(match part {
            Part::Data => Error::Data(message),
            _ => Error::Config {
                option: Some(part.option()),
                message,
                range: false,
            },
        })
    }
}

fn mib(bytes: usize) -> usize {
    bytes.div_ceil(1 << 20)
}

/// Momentum keeps one extra copy of the parameters, Adam two.
fn optimizer_slots(kind: OptimizerKind) -> usize {
    match kind {
        OptimizerKind::Sgd => 0,
        OptimizerKind::Momentum => 1,
        OptimizerKind::Adam => 2,
    }
}

/// One snapshot: the network and the optimizer (its last change and moments).
pub fn snapshot_bytes(config: &NetConfig) -> usize {
    let params = config.sizes.windows(2).fold(0usize, |a, w| {
        a.saturating_add(w[0].saturating_mul(w[1]).saturating_add(w[1]))
    });
    let copy = params
        .saturating_mul(F32)
        .saturating_add(config.sizes.len() * PER_LAYER);
    copy.saturating_mul(2 + optimizer_slots(config.optimizer))
}

/// How many snapshots `config`'s network keeps: as many as fit `SNAPSHOT_BYTES`, 2 to 160.
pub fn snapshot_count(config: &NetConfig) -> usize {
    (SNAPSHOT_BYTES / snapshot_bytes(config).max(1)).clamp(2, MAX_SNAPSHOTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(sizes: &[usize], batch: usize, optimizer: OptimizerKind) -> NetConfig {
        NetConfig {
            sizes: sizes.to_vec(),
            batch_size: batch,
            optimizer,
            ..NetConfig::default()
        }
    }

    #[test]
    fn small_networks_fit_easily() {
        let xor = Estimate::of(&NetConfig::default(), 0);
        assert!(xor.total() < 1 << 20, "{xor:?}");
        let modern = Estimate::of(
            &net(&[784, 128, 64, 10], 32, OptimizerKind::Adam),
            60_000 * 793,
        );
        assert!(modern.check().is_ok());
        assert_eq!(modern.biggest().0, Part::Snapshots);
        let largest = net(&[784, 2000, 1200, 10], 1024, OptimizerKind::Adam);
        assert!(largest.parameter_count() > 3_900_000);
        assert!(Estimate::of(&largest, 70_000 * 793).check().is_ok());
    }

    #[test]
    fn the_issue_example_is_refused_for_its_activations() {
        // hidden=1,4096,120,4096,… with batch 1024: parameters are few, activations huge.
        let sizes = [784, 1, 4096, 120, 4096, 120, 4096, 120, 4096, 10];
        let cfg = net(&sizes, 1024, OptimizerKind::Sgd);
        let e = Estimate::of(&cfg, 0);
        assert_eq!(e.biggest().0, Part::Activations);
        let err = e.check().unwrap_err();
        assert_eq!(err.option(), Some("batchSize"));
        assert!(err.to_string().contains("activations"), "{err}");
        assert!(Estimate::of(&net(&sizes, 32, OptimizerKind::Sgd), 0)
            .check()
            .is_ok());
    }

    #[test]
    fn big_networks_keep_fewer_snapshots_within_their_share() {
        let big = net(&[784, 2048, 1024, 10], 1, OptimizerKind::Adam);
        assert!(snapshot_count(&big) >= 2 && snapshot_count(&big) < MAX_SNAPSHOTS);
        assert!(
            snapshot_count(&big) * snapshot_bytes(&big)
                <= SNAPSHOT_BYTES.max(2 * snapshot_bytes(&big))
        );
        assert_eq!(snapshot_count(&NetConfig::default()), MAX_SNAPSHOTS);
    }

    #[test]
    fn data_over_budget_is_a_data_error() {
        let e = Estimate::of(&NetConfig::default(), BUDGET);
        assert_eq!(e.check().unwrap_err().code(), "data");
    }
}
