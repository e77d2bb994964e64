//! `cargo xtask train`: trains a preset on the MNIST files the page serves and writes the
//! pretrained model the page ships (www/models/<preset>.ngm), with its test accuracy.

use neuroglow_core::dataset::Dataset;
use neuroglow_core::{idx, metrics, model_file, presets, Stepper, Trainer};
use std::path::Path;
use std::time::Instant;

pub const USAGE: &str =
    "train --preset 3b1b|modern [--seed N] [--epochs N] [--lr-decay X] [--out FILE]";

/// The recipe of each shipped model: (epochs, learning-rate decay per epoch).
fn recipe(preset: &str) -> (u64, f32) {
    match preset {
        "modern" => (10, 0.7),
        _ => (30, 0.93),
    }
}

pub fn load_mnist(root: &Path, split: &str) -> Result<Dataset, String> {
    let dir = root.join("www/data/mnist");
    let read = |name: String| {
        std::fs::read(dir.join(&name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    idx::image_dataset(
        &read(format!("{split}-images-idx3-ubyte.gz"))?,
        &read(format!("{split}-labels-idx1-ubyte.gz"))?,
    )
    .map_err(|e| e.to_string())
}

pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    let mut preset = None;
    let mut seed = 1u64;
    let mut epochs = None;
    let mut decay = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\nusage: cargo xtask {USAGE}"))
        };
        let bad = |v: &str| format!("{flag}: bad value {v:?}");
        match flag.as_str() {
            "--preset" => preset = Some(value()?),
            "--seed" => seed = value()?.parse().map_err(|_| bad("seed"))?,
            "--epochs" => epochs = Some(value()?.parse::<u64>().map_err(|_| bad("epochs"))?),
            "--lr-decay" => decay = Some(value()?.parse::<f32>().map_err(|_| bad("lr-decay"))?),
            "--out" => out = Some(value()?),
            other => {
                return Err(format!(
                    "unknown argument {other:?}\nusage: cargo xtask {USAGE}"
                ))
            }
        }
    }
    let preset =
        preset.ok_or_else(|| format!("--preset is required\nusage: cargo xtask {USAGE}"))?;
    let (default_epochs, default_decay) = recipe(&preset);
    let (epochs, decay) = (
        epochs.unwrap_or(default_epochs),
        decay.unwrap_or(default_decay),
    );
    let mut cfg = presets::preset(&preset, 784, 10).ok_or_else(|| {
        format!(
            "unknown preset {preset:?} (try {})",
            presets::PRESETS.join(" or ")
        )
    })?;
    cfg.seed = seed;
    cfg.lr_decay = decay;
    let train = load_mnist(root, "train")?;
    let test = load_mnist(root, "t10k")?;
    let mut s = Stepper::new(
        Trainer::new(cfg.clone()).map_err(|e| e.to_string())?,
        train,
        true,
    )
    .map_err(|e| e.to_string())?;
    println!("training {preset} ({} parameters), seed {seed}, {epochs} epochs, lr {} × {decay}/epoch, batch {}",
        s.net().parameter_count(), cfg.learning_rate, cfg.batch_size);
    let start = Instant::now();
    let mut accuracy = 0.0;
    for epoch in 1..=epochs {
        s.train_cycles(1).map_err(|e| e.to_string())?;
        let e = metrics::evaluate(s.net(), cfg.loss, &test);
        accuracy = e.accuracy();
        println!(
            "  epoch {epoch:>3}: train loss {:.4}, test accuracy {:.2}%, test loss {:.4} ({:.1} s)",
            s.history.last().unwrap_or(&f32::NAN),
            accuracy * 100.0,
            e.mean_loss,
            start.elapsed().as_secs_f64()
        );
    }
    let note = format!(
        "{preset} preset, seed {seed}, {epochs} epochs (lr decay {decay}): test accuracy {:.2}% on the 10,000 MNIST test images. Made by: cargo xtask train --preset {preset} --seed {seed}",
        accuracy * 100.0
    );
    let path = out
        .map(Into::into)
        .unwrap_or_else(|| root.join(format!("www/models/{preset}.ngm")));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, model_file::save(s.net(), cfg.loss, &note))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {} — {note}", path.display());
    Ok(())
}
