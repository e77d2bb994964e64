//! The properties neuroglow is fuzzed against, one function per target, each taking the fuzz
//! input as bytes and panicking on a bug. `crates/fuzz` wraps them for cargo-fuzz (nightly,
//! `cargo xtask fuzz`); this crate builds on stable, and its tests replay every seed in
//! `crates/fuzz/seeds/<target>/` through its target, so CI checks the seeds and the
//! properties without nightly.
//!
//! Each module documents its input layout (read with `input::Input`: a fixed order of bytes,
//! zeros past the end) and its properties.

pub mod batch;
pub mod evaluate;
pub mod idx;
pub mod input;
pub mod model;
pub mod options;
pub mod preprocess;
pub mod strokes;

#[cfg(test)]
mod seeds;

/// A target: the fuzz input in, a panic on a bug.
pub type Target = fn(&[u8]);

/// Every target by name (the names of the cargo-fuzz binaries and of the seed folders).
pub const TARGETS: &[(&str, Target)] = &[
    ("idx", idx::run),
    ("model", model::run),
    ("evaluate", evaluate::run),
    ("preprocess", preprocess::run),
    ("options", options::run),
    ("batch", batch::run),
    ("strokes", strokes::run),
];

#[cfg(test)]
mod tests {
    use super::TARGETS;
    use std::path::PathBuf;

    fn seed_dir(target: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../fuzz/seeds")
            .join(target)
    }

    /// Every committed seed (generated ones and crash regressions) through its target.
    #[test]
    fn every_seed_passes_its_target() {
        for (target, run) in TARGETS {
            let dir = seed_dir(target);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            assert!(!files.is_empty(), "no seeds in {}", dir.display());
            for f in files {
                let bytes = std::fs::read(&f).unwrap();
                let outcome = std::panic::catch_unwind(|| run(&bytes));
                assert!(
                    outcome.is_ok(),
                    "seed {} fails target {target}",
                    f.display()
                );
            }
        }
    }

    /// Every seed `seeds.rs` makes is committed (regenerate them with
    /// `cargo test -p neuroglow-fuzz-targets -- --ignored write_seeds`). Only the names are
    /// compared: gzip output may change with the compressor's version.
    #[test]
    fn generated_seeds_are_committed() {
        for (target, name, _) in super::seeds::all() {
            let path = seed_dir(target).join(&name);
            assert!(
                path.is_file(),
                "{} is missing: run write_seeds",
                path.display()
            );
        }
    }

    #[test]
    #[ignore = "writes crates/fuzz/seeds"]
    fn write_seeds() {
        for (target, name, bytes) in super::seeds::all() {
            let dir = seed_dir(target);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }

    /// The seeds reach the cases they are named after (valid ones are accepted, …).
    #[test]
    fn seeds_reach_their_cases() {
        use neuroglow_core::{idx, model_file, preprocess};
        let seed = |target: &str, name: &str| std::fs::read(seed_dir(target).join(name)).unwrap();
        for (name, ok) in [
            ("valid-raw", true),
            ("valid-gzip", true),
            ("valid-mnist-digit-gzip", true),
            ("valid-99-classes", true),
            ("valid-64x64-zeros-gzip", true),
            ("label-200", false),
            ("truncated-gzip", false),
            ("no-examples", false),
        ] {
            let b = seed("idx", name);
            let mut i = crate::input::Input::new(&b);
            let n = i.u16() as usize;
            let (images, labels) = (i.take(n), i.rest());
            assert_eq!(idx::image_dataset(images, labels).is_ok(), ok, "idx/{name}");
        }
        for (name, ok) in [
            ("valid-sigmoid-4-3-2", true),
            ("valid-modern-6-5-4-3", true),
            ("valid-draw-784-1-10", true),
            ("overflowing-weights", true),
            ("bias-false-with-biases", true),
            ("nan-weight", false),
            ("softmax-hidden", false),
            ("huge-sizes", false),
        ] {
            assert_eq!(
                model_file::load(&seed("model", name)).is_ok(),
                ok,
                "model/{name}"
            );
        }
        let huge = model_file::load(&seed("model", "overflowing-weights")).unwrap();
        assert!(huge.net.predict(&[1.0; 3]).is_err());
        let stroke = seed("preprocess", "canvas-stroke");
        let g = preprocess::Gray::from_rgba(&stroke[3..], 8, 8).unwrap();
        assert!(preprocess::to_mnist(&g).is_some());
        for (name, valid) in [
            ("one", true),
            ("dot", true),
            ("nan-point", false),
            ("lying-end", false),
        ] {
            let b = seed("strokes", name);
            let outcome = std::panic::catch_unwind(|| crate::strokes::run(&b));
            assert!(outcome.is_ok(), "strokes/{name}");
            // Valid strokes parse: the first stroke's points are within the pad.
            let mut i = crate::input::Input::new(&b);
            let _ = (i.byte(), i.byte());
            let n = 1 + i.byte() as usize % 32;
            let xy: Vec<f32> = (0..2 * n)
                .map(|_| match i.u16() as i16 {
                    i16::MIN => f32::NAN,
                    k => k as f32 / 8192.0,
                })
                .collect();
            let rest_ends = !i.rest_is_empty();
            let ok = neuroglow_core::raster::Strokes::new(&xy, &[n as u32]).is_ok() && !rest_ends;
            assert_eq!(ok, valid, "strokes/{name}");
        }
        use crate::options::{outcome, Outcome::*};
        for (name, want) in [
            ("xor3-defaults", Trained { diverged: false }),
            ("xor2-adam", Trained { diverged: false }),
            ("mnist-modern", Trained { diverged: false }),
            ("images-3b1b-batch-4", Trained { diverged: false }),
            ("every-option", Trained { diverged: false }),
            ("no-hidden-layer", Trained { diverged: false }),
            ("learning-rate-100-diverges", Trained { diverged: true }),
            ("learning-rate-0", Refused),
            ("hidden-too-wide", Refused),
            ("hidden-too-many", Refused),
            ("momentum-rounds-to-1", Refused),
            ("draw-builds-nothing", Refused),
            ("seed-beyond-2-53", Refused),
            ("budget-refuses-wide-batch", Refused),
            ("big-but-accepted", Big),
        ] {
            assert_eq!(outcome(&seed("options", name)), want, "options/{name}");
        }
    }

    #[test]
    fn empty_and_tiny_inputs_pass() {
        for (_, run) in TARGETS {
            for input in [&[][..], &[0], &[255; 3], &[1; 40], &[0xff; 300]] {
                run(input);
            }
        }
    }
}
