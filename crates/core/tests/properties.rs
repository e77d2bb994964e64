//! Property tests: random networks driven by random sequences of step / train / probe / restore /
//! load. Whatever the sequence, nothing panics, the stepper's invariants hold, and the memory it
//! holds stays within the budget's estimate for its configuration (measured with a counting
//! allocator).

use neuroglow_core::budget::{self, Estimate, MAX_HISTORY};
use neuroglow_core::dataset::{xor3, Dataset, Inputs, Targets};
use neuroglow_core::{
    model_file, Activation, Init, Loss, NetConfig, Network, OptimizerKind, Stepper, Trainer,
};
use proptest::prelude::*;
use rand::SeedableRng;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the bytes each thread holds (tests run on several threads at once).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|l| l.set(l.get() + layout.size() as isize));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|l| l.set(l.get() - layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = LIVE.try_with(|l| l.set(l.get() + new_size as isize - layout.size() as isize));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> isize {
    LIVE.with(Cell::get)
}

#[derive(Clone, Debug)]
enum Op {
    Phase,
    Example,
    Cycle,
    Train(u64),
    TrainExamples(u64),
    Probe(Vec<f32>),
    FinishProbe,
    Restore(usize),
    /// A model of these hidden sizes (it fits the data when `fits`), or damaged bytes.
    Load {
        hidden: Vec<usize>,
        fits: bool,
        damage: Option<usize>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Phase),
        2 => Just(Op::Example),
        1 => Just(Op::Cycle),
        2 => (0u64..300).prop_map(Op::Train),
        2 => (0u64..200).prop_map(Op::TrainExamples),
        1 => prop::collection::vec(prop_oneof![Just(f32::NAN), -2.0f32..2.0], 0..20).prop_map(Op::Probe),
        1 => Just(Op::FinishProbe),
        1 => (0usize..200).prop_map(Op::Restore),
        1 => (prop::collection::vec(1usize..12, 0..3), any::<bool>(), prop::option::of(0usize..400))
            .prop_map(|(hidden, fits, damage)| Op::Load { hidden, fits, damage }),
    ]
}

fn config() -> impl Strategy<Value = (NetConfig, bool)> {
    let act = prop_oneof![
        Just(Activation::Sigmoid),
        Just(Activation::Tanh),
        Just(Activation::Relu),
        Just(Activation::Linear)
    ];
    let opt = prop_oneof![
        Just(OptimizerKind::Sgd),
        Just(OptimizerKind::Momentum),
        Just(OptimizerKind::Adam)
    ];
    (
        prop::collection::vec(1usize..24, 0..4),
        act,
        opt,
        1usize..9,
        0.001f32..20.0,
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(
            |(hidden, activation, optimizer, batch_size, learning_rate, bias, images, seed)| {
                let (i, o) = if images { (16, 4) } else { (3, 1) };
                let sizes = std::iter::once(i)
                    .chain(hidden)
                    .chain(std::iter::once(o))
                    .collect();
                let (output_activation, loss) = if images {
                    (Activation::Softmax, Loss::CrossEntropy)
                } else {
                    (Activation::Sigmoid, Loss::SquaredError)
                };
                let cfg = NetConfig {
                    sizes,
                    activation,
                    output_activation,
                    loss,
                    optimizer,
                    batch_size,
                    learning_rate,
                    bias,
                    seed,
                    init: Init::Xavier,
                    ..NetConfig::default()
                };
                (cfg, images)
            },
        )
}

/// 40 examples of 16 pixels in 4 classes.
fn images() -> Dataset {
    let pixels = (0..40 * 16).map(|k| ((k * 37) % 256) as u8).collect();
    let labels = (0..40).map(|k| (k % 4) as u8).collect();
    Dataset::new(16, 4, Inputs::Bytes(pixels), Targets::Classes(labels)).unwrap()
}

fn model(s: &Stepper, hidden: &[usize], fits: bool, damage: Option<usize>) -> Vec<u8> {
    let (i, o) = (s.data.input_size, s.data.output_size);
    let sizes = std::iter::once(if fits { i } else { i + 1 })
        .chain(hidden.iter().copied())
        .chain(std::iter::once(o))
        .collect();
    let cfg = NetConfig {
        sizes,
        ..s.trainer.config.clone()
    };
    let net = Network::new(&cfg, &mut rand::rngs::StdRng::seed_from_u64(7));
    let mut bytes = model_file::save(&net, cfg.loss, "property test");
    if let Some(d) = damage {
        let n = bytes.len();
        bytes[d % n] ^= 0x5a;
    }
    bytes
}

fn apply(s: &mut Stepper, op: &Op) {
    let _ = match op {
        Op::Phase => s.step_phase(),
        Op::Example => s.step_example(),
        Op::Cycle => s.step_cycle(),
        Op::Train(n) => s.train_cycles(*n),
        Op::TrainExamples(n) => s.train_examples(*n),
        Op::Probe(x) => s.probe(x),
        Op::FinishProbe => s.finish_probe(),
        Op::Restore(i) => s.restore(*i),
        Op::Load {
            hidden,
            fits,
            damage,
        } => {
            let bytes = model(s, hidden, *fits, *damage);
            match model_file::load(&bytes) {
                Ok(m) => s.load_model(m),
                Err(e) => Err(e),
            }
        }
    };
}

fn check(s: &Stepper, held: isize) {
    let snaps = &s.snapshots;
    assert!(s.history.len() <= MAX_HISTORY);
    assert!(s.history_stride.is_power_of_two());
    assert!(
        s.history.len() as u64 >= s.cycle.div_ceil(s.history_stride),
        "history covers every completed cycle"
    );
    assert!(snaps.len() <= budget::snapshot_count(&s.trainer.config) && !snaps.is_empty());
    assert!(
        snaps.windows(2).all(|w| w[0].cycle < w[1].cycle),
        "snapshots in order"
    );
    assert!(
        snaps
            .iter()
            .all(|x| x.cycle <= s.history.len() as u64 * s.history_stride),
        "a snapshot's past is in the history"
    );
    assert!(s.example() < s.data.len());
    assert_eq!(s.net().sizes(), s.trainer.config.sizes);
    let estimate = Estimate::of(&s.trainer.config, s.data.bytes());
    assert!(estimate.total() <= budget::BUDGET);
    assert!(
        held <= estimate.total() as isize,
        "holds {held} bytes, estimated {} ({estimate:?})",
        estimate.total()
    );
}

proptest! {
    // 96 cases in CI; PROPTEST_CASES=… for a longer search.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_keeps_the_invariants_and_the_memory_bound((cfg, images_task) in config(), ops in prop::collection::vec(op(), 1..40)) {
        let data = if images_task { images() } else { xor3() };
        let base = live();
        let Ok(trainer) = Trainer::new(cfg) else { return Ok(()) };
        let mut s = Stepper::new(trainer, data, images_task).unwrap();
        for op in &ops {
            apply(&mut s, op);
            check(&s, live() - base);
        }
    }
}

/// The history's bound holds on a long run too (the random runs are too short to reach it).
#[test]
fn a_long_run_keeps_the_history_within_its_bound_and_the_memory_estimate() {
    let base = live();
    let mut s = Stepper::new(Trainer::new(NetConfig::default()).unwrap(), xor3(), false).unwrap();
    s.train_cycles(5 * MAX_HISTORY as u64).unwrap();
    check(&s, live() - base);
    assert_eq!(s.history_stride, 8);
}
