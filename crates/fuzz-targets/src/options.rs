//! Target `options`: network options, as a page or a URL gives them, through to a network that
//! trains — `schema::resolve` (every option checked, the config validated), `Trainer::new`,
//! `Stepper::new` on data of the task's shape, then a few steps (what `new Playground(options)`
//! and `Playground.withImages` do, then Step / Play).
//!
//! Input, byte by byte: task (b % 6: xor3, xor2, mnist, images — MNIST's task on the user's
//! files —, draw, an unknown name), image side (1 + b % 5), examples (1 + b % 8), largest label
//! (b % 100), option count (b % 8), each option as a name byte and a value (see `value`), step
//! count (1 + b % 3) and steps (see `step`); then the stream that fills pixels and labels.
//! Hidden layers have 1 to 64 neurons, or one of a few special sizes: wide ones (128 to 4096,
//! to reach the limits and the memory budget; accepted networks that big are checked but not
//! built, so a run stays fast) and refused ones.
//!
//! Properties: no panic; a refusal is a config error; an accepted config is valid, has the
//! data's inputs and outputs, fits the memory budget (`budget::Estimate`) with its data, and
//! reads back through `options_of` as itself (what Share links rely on). A small one (the
//! usual case) then builds a trainer and a stepper and trains with only a divergence as an
//! error, its weights finite whenever a step succeeds (unless it diverged before: probing a
//! diverged network is allowed).

use crate::input::{Input, Stream};
use neuroglow_core::budget::{Estimate, BUDGET};
use neuroglow_core::config::MAX_PARAMETERS;
use neuroglow_core::schema::{self, Value, OPTIONS};
use neuroglow_core::{dataset, idx, Error, Stepper, Trainer};

pub const TASKS: [&str; 6] = ["xor3", "xor2", "mnist", "images", "draw", "chess"];
pub const EXTRA_NAMES: [&str; 4] = ["task", "nonsense", "", "Hidden"];
pub const NUMBERS: [f64; 32] = [
    0.0,
    -0.0,
    1.0,
    0.5,
    -1.0,
    1.5,
    2.0,
    3.0,
    10.0,
    100.0,
    100.00001,
    1e-9,
    1e-45,
    0.9,
    0.99999999,
    0.999,
    1.0000001,
    1024.0,
    1025.0,
    9007199254740991.0,
    9007199254740992.0,
    1.8446744073709552e19,
    1e300,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.05,
    0.001,
    4097.0,
    f64::MIN_POSITIVE,
    f64::EPSILON,
    65.0,
];
const LAYER_SPECIALS: [f64; 16] = [
    0.0,
    -1.0,
    1.5,
    f64::NAN,
    f64::INFINITY,
    4097.0,
    1e6,
    1e300,
    128.0,
    512.0,
    1000.0,
    2000.0,
    4096.0,
    4096.0,
    120.0,
    0.5,
];
/// Accepted networks beyond these are checked, not built (building takes milliseconds).
const BUILD_PARAMETERS: usize = 100_000;
const BUILD_BYTES: usize = 32 << 20;
pub const TEXTS: [&str; 8] = [
    "",
    "SIGMOID",
    "gelu",
    "modern ",
    "images",
    "xor3",
    "softmax",
    "cross-entropy",
];

/// The name of option byte b: every option, then a few that are not.
fn name(b: u8) -> &'static str {
    let i = b as usize % (OPTIONS.len() + EXTRA_NAMES.len());
    OPTIONS
        .get(i)
        .map_or_else(|| EXTRA_NAMES[i - OPTIONS.len()], |o| o.name)
}

/// Every value an enum option takes (all options', so most are the wrong option's).
pub fn enum_values() -> Vec<&'static str> {
    OPTIONS
        .iter()
        .filter_map(|o| match o.kind {
            schema::Kind::Enum { values } => Some(values),
            _ => None,
        })
        .flatten()
        .copied()
        .collect()
}

/// A value: kind (b % 4: bool, number, text, list), then its bytes.
fn value(input: &mut Input) -> Value {
    match input.below(4) {
        0 => Value::Bool(input.flag()),
        1 => Value::Num(match input.below(3) {
            0 => NUMBERS[input.below(NUMBERS.len())],
            1 => input.byte() as f64,
            _ => f64::from_bits(input.u64()),
        }),
        2 => Value::Text(match input.below(3) {
            0 => {
                let all = enum_values();
                all[input.byte() as usize % all.len()].to_string()
            }
            1 => TEXTS[input.below(TEXTS.len())].to_string(),
            _ => {
                let n = input.below(7);
                String::from_utf8_lossy(input.take(n)).into_owned()
            }
        }),
        _ => {
            let n = input.below(12);
            Value::List(
                (0..n)
                    .map(|_| {
                        let b = input.byte();
                        if b < 208 {
                            1.0 + (b % 64) as f64
                        } else {
                            LAYER_SPECIALS[b as usize % 16]
                        }
                    })
                    .collect(),
            )
        }
    }
}

/// How an input ended (for tests of the seeds).
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The task or an option was refused.
    Refused,
    /// Accepted, but too big to build in a fuzz run.
    Big,
    /// Built and stepped; whether training diverged.
    Trained { diverged: bool },
}

pub fn run(data: &[u8]) {
    outcome(data);
}

pub fn outcome(data: &[u8]) -> Outcome {
    let mut input = Input::new(data);
    let task_name = TASKS[input.below(TASKS.len())];
    let side = 1 + input.below(5);
    let count = 1 + input.below(8);
    let largest_label = input.below(100);
    let given: Vec<(String, Value)> = (0..input.below(8))
        .map(|_| (name(input.byte()).to_string(), value(&mut input)))
        .collect();
    let steps: Vec<(u8, u8)> = (0..1 + input.below(3))
        .map(|_| (input.byte(), input.byte()))
        .collect();
    let mut stream = input.stream();

    // The task, as the facade picks it ("images" is MNIST's task on the user's own files).
    let spec_name = if task_name == schema::OWN_IMAGES {
        "mnist"
    } else {
        task_name
    };
    let spec = match schema::task_or_err(spec_name) {
        Ok(s) => s,
        Err(e) => {
            assert_eq!((e.code(), e.option()), ("config", Some("task")));
            return Outcome::Refused;
        }
    };
    let (data, shuffle) = match spec.data {
        schema::Data::Xor3 => (dataset::xor3(), false),
        schema::Data::Xor2 => (dataset::xor2(), false),
        schema::Data::Images => (images(side, count, largest_label, &mut stream), true),
        schema::Data::Model => (dataset::xor3(), false), // refused below: draw builds no network
    };
    let (inputs, classes) = (data.input_size, data.output_size);

    let config = match schema::resolve(spec, &given, inputs, classes) {
        Ok(c) => c,
        Err(e) => {
            assert_eq!(e.code(), "config", "{e:?}");
            return Outcome::Refused;
        }
    };
    assert!(
        config.validate().is_ok(),
        "resolve accepted an invalid config: {config:?}"
    );
    assert_eq!(
        (config.sizes[0], *config.sizes.last().unwrap()),
        (inputs, classes)
    );
    assert!(config.parameter_count() <= MAX_PARAMETERS);
    // The options in force read back as the same config (settings() → URL → mount()).
    let in_force: Vec<(String, Value)> = schema::options_of(&config)
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
    assert_eq!(
        schema::resolve(spec, &in_force, inputs, classes).as_ref(),
        Ok(&config),
        "options_of does not read back"
    );
    // Every accepted config fits the memory budget, with its data.
    let estimate = Estimate::of(&config, data.bytes());
    assert!(
        estimate.total() <= BUDGET,
        "accepted, but needs {} bytes: {estimate:?}",
        estimate.total()
    );
    if config.parameter_count() > BUILD_PARAMETERS || estimate.total() > BUILD_BYTES {
        return Outcome::Big;
    }

    let trainer = Trainer::new(config.clone()).expect("a resolved config builds a trainer");
    let mut stepper = Stepper::new(trainer, data, shuffle).expect("data of the task's shape");
    let mut diverged = false;
    for (op, arg) in steps {
        let r = step(&mut stepper, op, arg, &mut stream);
        match r {
            // (A probe of a diverged network is allowed: it shows what the broken weights do.)
            Ok(()) => assert!(
                stepper.net().is_finite() || stepper.diverged.is_some(),
                "a step succeeded with weights that are not finite, and no divergence reported"
            ),
            Err(Error::Diverged(_)) => diverged = true,
            Err(e) => panic!("step {op} failed: {e:?}"),
        }
    }
    Outcome::Trained { diverged }
}

/// One step (op % 7): a phase, an example, a cycle, some examples at full speed, a full-speed
/// cycle, a probe of a new input thought through, or a rewind to a kept snapshot.
fn step(s: &mut Stepper, op: u8, arg: u8, stream: &mut Stream) -> neuroglow_core::Result<()> {
    match op % 7 {
        0 => (0..=arg % 12).try_for_each(|_| s.step_phase()),
        1 => s.step_example(),
        2 => s.step_cycle(),
        3 => s.train_examples(1 + arg as u64 % 20),
        4 => s.train_cycles(1),
        5 => {
            let x: Vec<f32> = (0..s.net().input_size()).map(|_| stream.unit()).collect();
            s.probe(&x)?;
            s.finish_probe()
        }
        _ => {
            let i = arg as usize % s.snapshots.len();
            s.restore(i)
        }
    }
}

/// A small image data set made as a user's files are read (side × side pixels, at least 10
/// classes).
fn images(
    side: usize,
    count: usize,
    largest_label: usize,
    stream: &mut Stream,
) -> dataset::Dataset {
    let pixels: Vec<u8> = (0..count * side * side).map(|_| stream.byte()).collect();
    let mut labels: Vec<u8> = (0..count)
        .map(|_| (stream.byte() as usize % (largest_label + 1)) as u8)
        .collect();
    labels[0] = largest_label as u8;
    let images = idx::encode(&[count, side, side], &pixels);
    idx::image_dataset(&images, &idx::encode(&[count], &labels)).expect("a well-formed image set")
}
