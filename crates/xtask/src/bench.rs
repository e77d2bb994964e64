//! `cargo xtask bench [--quick]`: prints how fast neuroglow trains and reads drawings —
//! natively, and as wasm in headless Chromium beside TensorFlow.js — how long the drawing pad
//! takes from a pointer event to the bars' numbers on the real page, and how big the page's
//! first view is. It measures and prints; nothing here fails on a slow machine (targets are
//! marked met or MISSED in the tables, not asserted).
//! Our wasm's training throughput and drawing latency are also measured in each browser engine
//! this machine can run (Chromium, and Firefox and WebKitGTK where installed; tests/bench/
//! engines.mjs), so that a regression in one engine is seen; an engine missing here is skipped.
//!
//! The browser half is tests/bench/ (index.html + bench.js, driven by run.mjs), which prints
//! its results as JSON on stdout; the figures are read back here and printed with the native ones.

use crate::{build, dist, serve, tools, train};
use neuroglow_core::dataset::Dataset;
use neuroglow_core::preprocess::{self, Gray};
use neuroglow_core::trace::Trace;
use neuroglow_core::{model_file, presets, OptimizerKind, Stepper, Trainer};
use serde_json::Value as Json;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub const USAGE: &str = "bench [--quick]";

/// The training shapes (named after the presets they come from) and batch sizes measured.
pub const SHAPES: [&str; 2] = ["3b1b", "modern"];
pub const BATCHES: [usize; 3] = [1, 32, 128];
/// Training examples used by every engine: the first 10,240 MNIST training images (a multiple
/// of every batch size, so no cycle ends with a part-filled batch).
pub const TRAIN_EXAMPLES: usize = 10_240;
/// The same SGD for every engine.
pub const LEARNING_RATE: f32 = 0.1;
/// Targets: our wasm over TF.js-wasm, per batch size.
const TARGETS: [(usize, f64); 2] = [(1, 10.0), (128, 3.0)];
/// Drawing latency target for the modern preset, milliseconds: p95 of a read (`Reader.read`,
/// `Reader.readStrokes`) and of the page's whole path from a pointer event to the bars' numbers.
const LATENCY_TARGET_MS: f64 = 1.0;
/// The drawing pad's size in pixels.
const PAD: usize = 280;

/// How long each measurement runs; the browser page uses the same numbers (bench.js).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Warm-up (and calibration of the chunk size) before timing.
    pub warm_secs: f64,
    /// One timed chunk; the reported rate is the median over `reps` chunks.
    pub chunk_secs: f64,
    pub reps: usize,
    /// Drawing reads timed per preset.
    pub reads: usize,
}

impl Timing {
    pub fn new(quick: bool) -> Timing {
        if quick {
            Timing {
                warm_secs: 0.05,
                chunk_secs: 0.05,
                reps: 3,
                reads: 100,
            }
        } else {
            Timing {
                warm_secs: 0.3,
                chunk_secs: 0.25,
                reps: 7,
                reads: 1000,
            }
        }
    }
}

/// `[--quick]`: Ok(quick).
pub fn parse_args(args: &[String]) -> Result<bool, String> {
    match args {
        [] => Ok(false),
        [q] if q == "--quick" => Ok(true),
        _ => Err(format!(
            "unknown arguments: {}\nusage: cargo xtask {USAGE}",
            args.join(" ")
        )),
    }
}

pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    let quick = parse_args(args)?;
    let timing = Timing::new(quick);
    let started = Instant::now();
    build::wasm_package()?;
    let sizes = dist::first_view_sizes(root);

    eprintln!("xtask: bench: native training…");
    let train_data = train::load_mnist(root, "train")?.head(TRAIN_EXAMPLES);
    let mut train_rows = Vec::new();
    for shape in SHAPES {
        for batch in BATCHES {
            let rate = native_training(&train_data, shape, batch, &timing)?;
            eprintln!(
                "  native {shape} batch {batch}: {} samples/s",
                thousands(rate.median)
            );
            train_rows.push(("native".to_string(), shape.to_string(), batch, rate));
        }
    }
    eprintln!("xtask: bench: native drawing latency…");
    let test_data = train::load_mnist(root, "t10k")?;
    let mut latency_rows = Vec::new();
    for preset in presets::PRESETS {
        latency_rows.push(native_latency(root, &test_data, preset, &timing)?);
    }

    eprintln!("xtask: bench: browser (wasm and TensorFlow.js in headless Chromium)…");
    // A failed browser run still prints the native figures (its cells show —), then fails.
    let outcome = browser(root, quick);
    let browser = outcome.as_ref().cloned().unwrap_or(Json::Null);
    train_rows.extend(browser_training(&browser));
    latency_rows.extend(browser_latency(&browser));
    let path_rows = browser_path(&browser);

    eprintln!(
        "xtask: bench: our wasm in each browser engine (Chromium; Firefox, WebKit if installed)…"
    );
    let engines_outcome = engines(root, quick);
    let (engine_rows, engine_notes) =
        browser_engines(engines_outcome.as_ref().unwrap_or(&Json::Null));

    println!();
    print_environment(&browser, quick, &timing);
    println!();
    print_training(&train_rows, &timing);
    println!();
    print_latency(&latency_rows);
    println!();
    print_path(&path_rows);
    println!();
    print_engines(&engine_rows, &engine_notes);
    println!();
    print_sizes(&sizes.0, sizes.1);
    for e in arr(&browser["errors"]) {
        println!("browser error: {}", e.as_str().unwrap_or("?"));
    }
    println!(
        "\nxtask: bench finished in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    outcome.map_err(|e| format!("the browser half of the bench failed: {e}"))?;
    engines_outcome
        .map(|_| ())
        .map_err(|e| format!("the bench in each browser engine failed: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Measuring

/// Throughput over timed chunks, samples per second.
#[derive(Clone, Debug, PartialEq)]
pub struct Rate {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// Each timed chunk's rate, in order (the browser alternates engines chunk by chunk).
    pub rates: Vec<f64>,
    /// Mean training loss over the last chunk: a sanity check that the engine really learns.
    pub loss: Option<f64>,
}

impl Rate {
    pub fn of(rates: Vec<f64>, loss: Option<f64>) -> Rate {
        Rate {
            median: median(&rates),
            min: percentile(&rates, 0.0),
            max: percentile(&rates, 100.0),
            rates,
            loss,
        }
    }
}

/// Ours over theirs. `paired`: they ran alternating chunks, so take the median of the
/// chunk-by-chunk ratios (robust to a neighbour's load coming and going); else the ratio of
/// the medians.
pub fn speedup(ours: &Rate, theirs: &Rate, paired: bool) -> f64 {
    if paired && ours.rates.len() == theirs.rates.len() && !ours.rates.is_empty() {
        let pairs: Vec<f64> = ours
            .rates
            .iter()
            .zip(&theirs.rates)
            .map(|(a, b)| a / b)
            .collect();
        median(&pairs)
    } else {
        ours.median / theirs.median
    }
}

/// Runs `work(n)` (n examples, always a multiple of `step`) while doubling n until the
/// warm-up time has passed, sizes a chunk from the last rate, then times `reps` chunks.
fn measure(
    step: usize,
    t: &Timing,
    mut work: impl FnMut(usize) -> Result<(), String>,
) -> Result<Vec<f64>, String> {
    let warm = Instant::now();
    let mut n = step;
    let mut rate;
    loop {
        let start = Instant::now();
        work(n)?;
        let secs = start.elapsed().as_secs_f64();
        rate = n as f64 / secs.max(1e-9);
        if warm.elapsed().as_secs_f64() >= t.warm_secs {
            break;
        }
        if secs < t.warm_secs / 4.0 {
            n *= 2;
        }
    }
    let chunk = round_up((rate * t.chunk_secs) as usize, step);
    (0..t.reps)
        .map(|_| {
            let start = Instant::now();
            work(chunk)?;
            Ok(chunk as f64 / start.elapsed().as_secs_f64().max(1e-9))
        })
        .collect()
}

/// The smallest positive multiple of `step` that is ≥ n.
pub fn round_up(n: usize, step: usize) -> usize {
    n.div_ceil(step).max(1) * step
}

pub fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

/// Nearest-rank percentile (p in 0..=100) of unsorted values; NaN when empty.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// The config every engine trains: the preset's shape, activations, loss and init, with plain
/// SGD at `LEARNING_RATE` and no decay.
pub fn bench_config(shape: &str, batch: usize) -> neuroglow_core::NetConfig {
    let mut cfg = presets::preset(shape, 784, 10).expect("a known preset");
    cfg.optimizer = OptimizerKind::Sgd;
    cfg.learning_rate = LEARNING_RATE;
    cfg.batch_size = batch;
    cfg.lr_decay = 1.0;
    cfg
}

/// neuroglow-core in this (release) process, through the same `Stepper::train_examples` the
/// wasm `Playground.trainExamples` calls.
fn native_training(data: &Dataset, shape: &str, batch: usize, t: &Timing) -> Result<Rate, String> {
    let trainer = Trainer::new(bench_config(shape, batch)).map_err(|e| e.to_string())?;
    let mut s = Stepper::new(trainer, data.clone(), true).map_err(|e| e.to_string())?;
    let rates = measure(batch, t, |n| {
        s.trainer.take_window();
        s.train_examples(n as u64).map_err(|e| e.to_string())
    })?;
    let loss = s.trainer.take_window().mean_loss() as f64;
    Ok(Rate::of(rates, Some(loss)))
}

/// Drawing latency of one engine and preset, milliseconds per read.
#[derive(Clone, Debug, PartialEq)]
pub struct Latency {
    pub engine: String,
    pub preset: String,
    /// What was read: "rgba" (a 280×280 canvas's pixels) or "strokes" (the pen's points).
    pub input: String,
    pub reads: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Reads whose top class is the digit's label, 0..1 (sanity).
    pub agreement: f64,
}

/// Median, 95th percentile and maximum of a set of timings, milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
}

/// The drawing pad's whole path on the real page (tests/bench/path.mjs), per model.
#[derive(Clone, Debug, PartialEq)]
pub struct PathRow {
    pub preset: String,
    /// The "See how it sees" strip was open (it draws four more pictures per reading).
    pub strip: bool,
    pub events: usize,
    /// Drawings finished read as the digit drawn, 0..1 (sanity).
    pub agreement: f64,
    /// Event timestamp → the bars' numbers written (the pad reads in the pointer event).
    pub event: Spread,
    /// The event reaching the page → the bars' numbers written: the page's whole path.
    pub work: Spread,
    /// The event reaching the page → the next animation frame drawn (the pad, the network
    /// drawing, the strip when open).
    pub shown: Spread,
    /// Event timestamp → after the frame's rendering (about when the numbers reach the screen).
    pub paint: Spread,
}

/// How many different test digits the timed reads cycle through.
const DRAWINGS: usize = 64;

/// MNIST test digit `i` drawn on the 280×280 pad, as canvas RGBA: light ink on an opaque dark
/// background, scaled up 10× with bilinear smoothing (as a canvas `drawImage` would).
pub fn render_digit(pixels: &[u8]) -> Vec<u8> {
    let scale = PAD as f32 / 28.0;
    let at = |x: isize, y: isize| -> f32 {
        if (0..28).contains(&x) && (0..28).contains(&y) {
            pixels[y as usize * 28 + x as usize] as f32
        } else {
            0.0
        }
    };
    let mut rgba = vec![0u8; PAD * PAD * 4];
    for py in 0..PAD {
        let sy = (py as f32 + 0.5) / scale - 0.5;
        let (y0, fy) = (sy.floor() as isize, sy - sy.floor());
        for px in 0..PAD {
            let sx = (px as f32 + 0.5) / scale - 0.5;
            let (x0, fx) = (sx.floor() as isize, sx - sx.floor());
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            let v = (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8;
            rgba[(py * PAD + px) * 4..][..4].copy_from_slice(&[v, v, v, 255]);
        }
    }
    rgba
}

/// What the wasm `Reader.read` does, natively: RGBA → grey → MNIST preprocessing → forward.
fn native_latency(
    root: &Path,
    test: &Dataset,
    preset: &str,
    t: &Timing,
) -> Result<Latency, String> {
    let path = root.join(format!("www/models/{preset}.ngm"));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = model_file::load(&bytes).map_err(|e| e.to_string())?;
    let mut trace = Trace::new(&model.net.sizes());
    let drawings: Vec<(Vec<u8>, usize)> = (0..DRAWINGS)
        .map(|i| {
            (
                render_digit(test.image_bytes(i).expect("byte images")),
                test.label(i).unwrap_or(0),
            )
        })
        .collect();
    let mut read = |rgba: &[u8]| -> Result<usize, String> {
        let gray = Gray::from_rgba(rgba, PAD, PAD).map_err(|e| e.to_string())?;
        let image = preprocess::to_mnist(&gray).ok_or("a test digit has no ink")?;
        model.net.forward(&image.pixels, &mut trace);
        Ok(neuroglow_core::metrics::argmax(trace.output()))
    };
    for (rgba, _) in drawings.iter().take(t.reads / 10 + 1) {
        read(rgba)?;
    }
    let mut ms = Vec::with_capacity(t.reads);
    let mut agree = 0;
    for i in 0..t.reads {
        let (rgba, label) = &drawings[i % DRAWINGS];
        let start = Instant::now();
        let guess = read(rgba)?;
        ms.push(start.elapsed().as_secs_f64() * 1e3);
        agree += (guess == *label) as usize;
    }
    Ok(Latency {
        engine: "native".into(),
        preset: preset.into(),
        input: "rgba".into(),
        reads: t.reads,
        median_ms: median(&ms),
        p95_ms: percentile(&ms, 95.0),
        max_ms: percentile(&ms, 100.0),
        agreement: agree as f64 / t.reads as f64,
    })
}

// ---------------------------------------------------------------------------------------------
// The browser half

/// Serves the repository, runs tests/bench/run.mjs (which opens tests/bench/index.html in
/// headless Chromium) and parses the JSON it prints.
fn browser(root: &Path, quick: bool) -> Result<Json, String> {
    tools::ensure_chromium()?;
    let results = node_json(root, "tests/bench/run.mjs", quick)?;
    if let Some(e) = results["error"].as_str() {
        return Err(format!("the bench page failed: {e}"));
    }
    Ok(results)
}

/// Serves the repository and runs tests/bench/engines.mjs, which measures our wasm in each
/// browser engine it can run (one after another) and prints JSON; an engine that is missing or
/// fails is a note in that JSON, not an error here.
fn engines(root: &Path, quick: bool) -> Result<Json, String> {
    node_json(root, "tests/bench/engines.mjs", quick)
}

/// Serves the repository, runs a node `script` against it (NEUROGLOW_URL) and parses the JSON
/// it prints on stdout.
fn node_json(root: &Path, script: &str, quick: bool) -> Result<Json, String> {
    tools::ensure_npm_deps()?;
    let port = serve::spawn(serve::bind(0)?, root.to_path_buf())?;
    let mut node = Command::new("node");
    node.current_dir(root)
        .arg(script)
        .args(quick.then_some("--quick"))
        .env("NEUROGLOW_URL", format!("http://127.0.0.1:{port}/"))
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    let out = node
        .output()
        .map_err(|e| format!("could not start node (install Node.js 20+): {e}"))?;
    if !out.status.success() {
        return Err(format!("node {script} failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&text)
        .map_err(|e| format!("{script} printed no valid JSON ({e}):\n{text}"))
}

/// A JSON array's items (none when the value is missing or not an array).
fn arr(v: &Json) -> &[Json] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn browser_training(results: &Json) -> Vec<(String, String, usize, Rate)> {
    arr(&results["train"])
        .iter()
        .filter_map(|r| {
            Some((
                r["engine"].as_str()?.to_string(),
                r["shape"].as_str()?.to_string(),
                r["batch"].as_f64()? as usize,
                Rate::of(
                    arr(&r["rates"]).iter().filter_map(Json::as_f64).collect(),
                    r["loss"].as_f64(),
                ),
            ))
        })
        .collect()
}

fn browser_latency(results: &Json) -> Vec<Latency> {
    arr(&results["latency"])
        .iter()
        .filter_map(|r| {
            Some(Latency {
                engine: r["engine"].as_str()?.to_string(),
                preset: r["preset"].as_str()?.to_string(),
                input: r["input"].as_str().unwrap_or("rgba").to_string(),
                reads: r["reads"].as_f64()? as usize,
                median_ms: r["medianMs"].as_f64()?,
                p95_ms: r["p95Ms"].as_f64()?,
                max_ms: r["maxMs"].as_f64()?,
                agreement: r["agreement"].as_f64()?,
            })
        })
        .collect()
}

fn spread(v: &Json) -> Option<Spread> {
    Some(Spread {
        p50: v["p50"].as_f64()?,
        p95: v["p95"].as_f64()?,
        max: v["max"].as_f64()?,
    })
}

fn browser_path(results: &Json) -> Vec<PathRow> {
    arr(&results["path"])
        .iter()
        .filter_map(|r| {
            Some(PathRow {
                preset: r["preset"].as_str()?.to_string(),
                strip: r["strip"].as_bool().unwrap_or(false),
                events: r["events"].as_f64()? as usize,
                agreement: r["agreement"].as_f64()?,
                event: spread(&r["eventMs"])?,
                work: spread(&r["workMs"])?,
                shown: spread(&r["shownMs"])?,
                paint: spread(&r["paintMs"])?,
            })
        })
        .collect()
}

/// The batch sizes measured in every engine (our wasm only: TF.js is compared in Chromium).
pub const ENGINE_BATCHES: [usize; 2] = [1, 128];

/// Our wasm in one browser engine (tests/bench/engines.mjs): the "Engines" table's row.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineRow {
    /// "chromium", "firefox" or "webkit".
    pub engine: String,
    /// As the driver reports it, e.g. "firefox/153.8.0", "WebKitGTK 2.50.6 (MiniBrowser)".
    pub version: String,
    /// Training, samples/s (median of the chunks), for SHAPES × ENGINE_BATCHES in that order.
    pub train: Vec<f64>,
    /// `Reader.readStrokes`, ms per read, for the presets modern and 3b1b.
    pub strokes: [Spread; 2],
    /// `Reader.read` of canvas pixels, modern and 3b1b; None where the engine could not make them.
    pub rgba: Option<[Spread; 2]>,
    pub cross_origin_isolated: bool,
    /// The smallest step of the page's clock, ms.
    pub clock_ms: Option<f64>,
    /// Page errors seen while it ran.
    pub errors: Vec<String>,
}

/// The presets in the Engines table's reading columns.
const ENGINE_PRESETS: [&str; 2] = ["modern", "3b1b"];

/// Rows of the Engines table, and (engine, why it has no row) for the others: skipped (not
/// installed), failed, or missing timings (left out rather than printed as zeros).
pub fn browser_engines(results: &Json) -> (Vec<EngineRow>, Vec<(String, String)>) {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for e in arr(&results["engines"]) {
        let name = e["name"].as_str().unwrap_or("?").to_string();
        if let Some(why) = e["skipped"].as_str() {
            notes.push((name, format!("skipped: {why}")));
        } else if let Some(err) = e["error"].as_str() {
            notes.push((name, format!("failed: {err}")));
        } else if let Some(row) = engine_row(&name, e) {
            rows.push(row);
        } else {
            notes.push((name, "left out: its results are missing timings".into()));
        }
    }
    (rows, notes)
}

fn engine_row(name: &str, e: &Json) -> Option<EngineRow> {
    let train = SHAPES
        .iter()
        .flat_map(|&s| ENGINE_BATCHES.iter().map(move |&b| (s, b)))
        .map(|(shape, batch)| {
            arr(&e["train"]).iter().find(|r| {
                r["shape"].as_str() == Some(shape) && r["batch"].as_f64() == Some(batch as f64)
            })?["median"]
                .as_f64()
        })
        .collect::<Option<Vec<f64>>>()?;
    let reads = |input: &str, preset: &str| {
        let r = arr(&e["latency"])
            .iter()
            .find(|r| r["input"].as_str() == Some(input) && r["preset"].as_str() == Some(preset))?;
        Some(Spread {
            p50: r["medianMs"].as_f64()?,
            p95: r["p95Ms"].as_f64()?,
            max: r["maxMs"].as_f64()?,
        })
    };
    let both = |input: &str| {
        Some([
            reads(input, ENGINE_PRESETS[0])?,
            reads(input, ENGINE_PRESETS[1])?,
        ])
    };
    Some(EngineRow {
        engine: name.to_string(),
        version: e["version"].as_str().unwrap_or("?").to_string(),
        train,
        strokes: both("strokes")?,
        rgba: both("rgba"),
        cross_origin_isolated: e["env"]["crossOriginIsolated"].as_bool() == Some(true),
        clock_ms: e["env"]["clockMs"].as_f64(),
        errors: arr(&e["errors"])
            .iter()
            .filter_map(|v| Some(v.as_str()?.to_string()))
            .collect(),
    })
}

/// "firefox/153.8.0" → "153.8", "Chromium 156.0.8078.108" → "156.0", "WebKitGTK 2.50.6 (…)" →
/// "2.50": the first version number, to its minor part.
pub fn short_version(version: &str) -> String {
    version
        .split(|c: char| c.is_whitespace() || c == '/')
        .find(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .map_or("?".into(), |t| {
            t.split('.').take(2).collect::<Vec<_>>().join(".")
        })
}

// ---------------------------------------------------------------------------------------------
// Printing

/// 1234567.8 → "1,234,568".
pub fn thousands(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
}

/// "met" or "MISSED" for ours/theirs against a needed factor; None where no target applies.
pub fn verdict(batch: usize, ratio: Option<f64>) -> Option<String> {
    let need = TARGETS.iter().find(|(b, _)| *b == batch)?.1;
    Some(match ratio {
        Some(r) if r >= need => format!("≥{need:.0}×: met"),
        Some(_) => format!("≥{need:.0}×: MISSED"),
        None => format!("≥{need:.0}×: not measured"),
    })
}

/// Engine names as printed.
const ENGINES: [(&str, &str); 4] = [
    ("native", "native"),
    ("neuroglow-wasm", "our wasm"),
    ("tfjs-wasm", "tfjs-wasm"),
    ("tfjs-cpu", "tfjs-cpu"),
];

fn print_environment(browser: &Json, quick: bool, t: &Timing) {
    let env = &browser["env"];
    let flag = |k: &str| {
        env[k]
            .as_bool()
            .map_or("?", |b| if b { "yes" } else { "no" })
    };
    println!(
        "== neuroglow bench{} ==",
        if quick {
            " --quick (smoke run: short timings, noisy)"
        } else {
            ""
        }
    );
    println!("browser:   {}", env["userAgent"].as_str().unwrap_or("?"));
    println!(
        "tf.js:     {} — wasm backend SIMD: {}, threads: {} (single-threaded, as ours); crossOriginIsolated: {}",
        env["tfjsVersion"].as_str().unwrap_or("?"),
        flag("wasmSimd"),
        flag("wasmThreads"),
        flag("crossOriginIsolated"),
    );
    println!(
        "timing:    warm-up {:.2} s, then median of {} chunks of {:.2} s per cell; {} drawing reads per preset",
        t.warm_secs, t.reps, t.chunk_secs, t.reads
    );
}

fn print_training(rows: &[(String, String, usize, Rate)], t: &Timing) {
    let find = |engine: &str, shape: &str, batch: usize| {
        rows.iter()
            .find(|(e, s, b, _)| e == engine && s == shape && *b == batch)
            .map(|r| &r.3)
    };
    println!(
        "1. Training throughput, samples/s (median of {} chunks; plain SGD lr {LEARNING_RATE}; the first {} MNIST training images)",
        t.reps,
        thousands(TRAIN_EXAMPLES as f64)
    );
    println!("   3b1b = 784-16-16-10 sigmoid, squared error; modern = 784-128-64-10 ReLU, softmax + cross-entropy");
    println!("   tf.js: manual step (optimizer.minimize in tf.tidy, fused matMul+bias, data pre-uploaded as batch tensors)");
    println!("   ours/tf-wasm: median of chunk-by-chunk ratios (the two alternate chunks in one page); ours/tf-cpu: ratio of medians");
    print!("{:<7} {:>5}", "shape", "batch");
    for (_, name) in ENGINES {
        print!(" {name:>11}");
    }
    println!(
        " {:>12} {:>11}  target (ours/tfjs-wasm)",
        "ours/tf-wasm", "ours/tf-cpu"
    );
    let mut misses = Vec::new();
    for shape in SHAPES {
        for batch in BATCHES {
            print!("{shape:<7} {batch:>5}");
            for (engine, _) in ENGINES {
                print!(
                    " {:>11}",
                    find(engine, shape, batch).map_or("—".into(), |r| thousands(r.median))
                );
            }
            let ours = find("neuroglow-wasm", shape, batch);
            // Only our wasm and tfjs-wasm alternate chunks in the page (see bench.js).
            let ratio = |other: &str| {
                Some(speedup(
                    ours?,
                    find(other, shape, batch)?,
                    other == "tfjs-wasm",
                ))
            };
            let show = |r: Option<f64>| r.map_or("—".into(), |r| format!("{r:.1}×"));
            let (wasm_ratio, cpu_ratio) = (ratio("tfjs-wasm"), ratio("tfjs-cpu"));
            print!(" {:>12} {:>11}", show(wasm_ratio), show(cpu_ratio));
            match verdict(batch, wasm_ratio) {
                Some(v) => {
                    if !v.ends_with("met") {
                        misses.push(format!("{shape} batch {batch}"));
                    }
                    println!("  {v}");
                }
                None => println!(),
            }
        }
    }
    println!("   spread (min–max of the chunks, samples/s) and training loss of the last chunk, as a sanity check:");
    for (engine, name) in ENGINES {
        let cells: Vec<String> = SHAPES
            .iter()
            .flat_map(|&s| BATCHES.iter().map(move |&b| (s, b)))
            .filter_map(|(s, b)| {
                let r = find(engine, s, b)?;
                let loss = r.loss.map_or(String::new(), |l| format!(", loss {l:.3}"));
                Some(format!(
                    "{s}/{b}: {}–{}{loss}",
                    thousands(r.min),
                    thousands(r.max)
                ))
            })
            .collect();
        if !cells.is_empty() {
            println!("   {name:<10} {}", cells.join("; "));
        }
    }
    if misses.is_empty() {
        println!("   targets (our wasm ≥10× tfjs-wasm at batch 1, ≥3× at batch 128): all met");
    } else {
        println!(
            "   targets (our wasm ≥10× tfjs-wasm at batch 1, ≥3× at batch 128): MISSED for {}",
            misses.join(", ")
        );
    }
}

/// "met" or "MISSED" against the drawing latency target (modern only).
fn latency_target(preset: &str, p95_ms: f64) -> &'static str {
    match preset {
        "modern" if p95_ms < LATENCY_TARGET_MS => "met",
        "modern" => "MISSED",
        _ => "",
    }
}

fn print_latency(rows: &[Latency]) {
    println!("2. Reading a drawing, ms per read: Reader.read(rgba 280×280) or Reader.readStrokes(the pen's points)");
    println!("   = (painting the strokes +) preprocessing + forward pass; rgba: {DRAWINGS} MNIST test digits drawn 10× larger,");
    println!("   strokes: {DRAWINGS} handwritten digits (tests/bench/strokes.js, ~70 points each); a different one each read");
    println!(
        "{:<7} {:<9} {:<8} {:>6} {:>8} {:>8} {:>8} {:>10}  target (modern p95 < {LATENCY_TARGET_MS} ms)",
        "preset", "engine", "input", "reads", "median", "p95", "max", "agreement"
    );
    for preset in presets::PRESETS.iter().rev() {
        for r in rows.iter().filter(|r| r.preset == *preset) {
            let name = ENGINES
                .iter()
                .find(|(e, _)| *e == r.engine)
                .map_or(r.engine.as_str(), |e| e.1);
            println!(
                "{:<7} {:<9} {:<8} {:>6} {:>8.3} {:>8.3} {:>8.3} {:>9.1}%  {}",
                r.preset,
                name,
                r.input,
                r.reads,
                r.median_ms,
                r.p95_ms,
                r.max_ms,
                r.agreement * 100.0,
                latency_target(&r.preset, r.p95_ms)
            );
        }
    }
}

fn print_path(rows: &[PathRow]) {
    println!("3. The pad's whole path on www/draw/ in Chromium: real mouse events drawing handwritten digits, ms per event");
    println!("   handler → numbers: from the pointer event reaching the page to the bars' numbers written (the pad reads in");
    println!("     the event: its points, Reader.readStrokes, the frame, the words and bars): the page's whole path;");
    println!("   event → numbers: the same from the event's timestamp, so it adds Chromium's delivery, which holds pointer");
    println!("     moves for the next animation frame (about half a frame on average: no page code can shorten it);");
    println!("   handler → all shown: to the end of that frame, where the pad, the network drawing (and the strip) are");
    println!("     drawn; event → paint: to just after that frame's rendering, about when it all reaches the screen");
    println!(
        "{:<14} {:>6} {:>22} {:>22} {:>22} {:>15} {:>6}  target (modern handler → numbers p95 < {LATENCY_TARGET_MS} ms)",
        "preset", "events", "event → numbers", "handler → numbers", "handler → all shown", "event → paint", "read"
    );
    println!(
        "{:<14} {:>6} {:>22} {:>22} {:>22} {:>15} {:>6}",
        "", "", "p50 / p95 / max", "p50 / p95 / max", "p50 / p95 / max", "p50 / p95", "right"
    );
    let three = |s: &Spread| format!("{:.2} / {:.2} / {:.1}", s.p50, s.p95, s.max);
    for r in rows {
        let name = format!("{}{}", r.preset, if r.strip { " +strip" } else { "" });
        println!(
            "{name:<14} {:>6} {:>22} {:>22} {:>22} {:>15} {:>5.0}%  {}",
            r.events,
            three(&r.event),
            three(&r.work),
            three(&r.shown),
            format!("{:.1} / {:.1}", r.paint.p50, r.paint.p95),
            r.agreement * 100.0,
            if r.strip {
                ""
            } else {
                latency_target(&r.preset, r.work.p95)
            }
        );
    }
    if rows.is_empty() {
        println!("   (not measured: see the browser errors below)");
    }
}

fn print_engines(rows: &[EngineRow], notes: &[(String, String)]) {
    println!(
        "4. Engines: our wasm in each browser engine (samples/s; drawing ms per read, p50 / p95)"
    );
    println!("   the same page in each (tests/bench/index.html?engine, cross-origin isolated), one engine at a time;");
    println!("   TF.js stays in Chromium (table 1); \"vs chromium\": the geometric mean of the four training ratios");
    let cells: Vec<String> = SHAPES
        .iter()
        .flat_map(|&s| ENGINE_BATCHES.iter().map(move |&b| format!("{s}/{b}")))
        .collect();
    println!(
        "{:<9} {:<8} {:>43} {:>8}  {:>13} {:>13}  {:>13} {:>13}",
        "",
        "",
        "training (shape/batch)",
        "vs",
        "readStrokes",
        "readStrokes",
        "read rgba",
        "read rgba"
    );
    print!("{:<9} {:<8}", "engine", "version");
    for cell in &cells {
        print!(" {cell:>10}");
    }
    println!(
        " {:>8}  {:>13} {:>13}  {:>13} {:>13}",
        "chromium", "modern", "3b1b", "modern", "3b1b"
    );
    let chromium = rows.iter().find(|r| r.engine == "chromium");
    let two = |s: &Spread| format!("{:.2} / {:.2}", s.p50, s.p95);
    for r in rows {
        print!("{:<9} {:<8}", r.engine, short_version(&r.version));
        for rate in &r.train {
            print!(" {:>10}", thousands(*rate));
        }
        let relative = chromium
            .filter(|c| c.engine != r.engine)
            .map_or("".into(), |c| {
                format!("{:.2}×", geometric_mean_ratio(&r.train, &c.train))
            });
        let rgba = r.rgba.as_ref();
        println!(
            " {relative:>8}  {:>13} {:>13}  {:>13} {:>13}",
            two(&r.strokes[0]),
            two(&r.strokes[1]),
            rgba.map_or("—".into(), |s| two(&s[0])),
            rgba.map_or("—".into(), |s| two(&s[1])),
        );
    }
    for r in rows {
        let clock = r
            .clock_ms
            .map_or("?".into(), |c| format!("{:.0} µs", c * 1e3));
        println!(
            "   {}: {}; cross-origin isolated: {}, clock step {clock}",
            r.engine,
            r.version,
            if r.cross_origin_isolated { "yes" } else { "NO" }
        );
        for e in &r.errors {
            println!("   {} page error: {e}", r.engine);
        }
    }
    for (engine, why) in notes {
        println!("   {engine}: {why}");
    }
    if rows.is_empty() && notes.is_empty() {
        println!("   (not measured: see the error below)");
    }
}

/// The geometric mean of a[i] / b[i].
pub fn geometric_mean_ratio(a: &[f64], b: &[f64]) -> f64 {
    let logs: Vec<f64> = a.iter().zip(b).map(|(x, y)| (x / y).ln()).collect();
    (logs.iter().sum::<f64>() / logs.len() as f64).exp()
}

/// The first view as `cargo xtask dist` measures it (dist.rs: the same files, the same budget).
fn print_sizes(sizes: &[dist::FileSize], gzip_ok: bool) {
    let raw: u64 = sizes.iter().map(|f| f.raw).sum();
    let gzip: u64 = sizes.iter().map(|f| f.gzip).sum();
    let packed = if gzip_ok {
        "gzip -9"
    } else {
        "uncompressed (gzip not installed)"
    };
    println!("5. First-view payload: index.html and the HTML, JS, CSS and wasm it loads (not data, models)");
    println!(
        "   {} files: {} raw, {} {packed} (budget {}): {}",
        sizes.len(),
        dist::human(raw),
        dist::human(gzip),
        dist::human(dist::BUDGET),
        if gzip <= dist::BUDGET {
            "within budget"
        } else {
            "OVER BUDGET"
        }
    );
    println!("   biggest:");
    for f in sizes.iter().take(8) {
        println!(
            "   {:>10} {:>10}  {}",
            dist::human(f.gzip),
            dist::human(f.raw),
            f.path
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments() {
        assert_eq!(parse_args(&args(&[])), Ok(false));
        assert_eq!(parse_args(&args(&["--quick"])), Ok(true));
        assert!(parse_args(&args(&["--slow"])).is_err());
        assert!(parse_args(&args(&["--quick", "--quick"])).is_err());
        let (quick, full) = (Timing::new(true), Timing::new(false));
        assert!(quick.chunk_secs < full.chunk_secs && quick.reps <= full.reps);
        assert!(full.reads >= 500, "the drawing latency needs ≥ 500 reads");
    }

    #[test]
    fn statistics() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(percentile(&[5.0, 1.0, 4.0, 2.0, 3.0], 0.0), 1.0);
        assert_eq!(percentile(&[5.0, 1.0, 4.0, 2.0, 3.0], 100.0), 5.0);
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&hundred, 95.0), 95.0);
        assert!(median(&[]).is_nan());
        assert_eq!(round_up(0, 32), 32);
        assert_eq!(round_up(33, 32), 64);
        assert_eq!(round_up(7, 1), 7);
        for b in BATCHES {
            assert_eq!(TRAIN_EXAMPLES % b, 0);
        }
    }

    #[test]
    fn speedup_pairs_alternating_chunks() {
        // A neighbour's load halves both engines' third chunk: the paired ratio stays 4.
        let ours = Rate::of(vec![400.0, 400.0, 200.0], None);
        let theirs = Rate::of(vec![100.0, 100.0, 50.0], None);
        assert_eq!(speedup(&ours, &theirs, true), 4.0);
        assert_eq!(speedup(&ours, &theirs, false), 4.0);
        let short = Rate::of(vec![900.0], None);
        assert_eq!(speedup(&short, &theirs, true), 9.0);
        let steady = Rate::of(vec![300.0, 300.0, 300.0], None);
        assert_eq!(speedup(&steady, &theirs, true), 3.0);
        assert_eq!(speedup(&steady, &theirs, false), 3.0);
    }

    #[test]
    fn formatting() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1234567.8), "1,234,568");
        assert_eq!(thousands(-1500.0), "-1,500");
        assert_eq!(thousands(f64::NAN), "—");
        assert_eq!(crate::dist::human(1536), "1.5 KB");
        assert_eq!(verdict(1, Some(12.0)).as_deref(), Some("≥10×: met"));
        assert_eq!(verdict(128, Some(2.9)).as_deref(), Some("≥3×: MISSED"));
        assert_eq!(verdict(128, None).as_deref(), Some("≥3×: not measured"));
        assert_eq!(verdict(32, Some(1.0)), None);
    }

    #[test]
    fn bench_config_is_plain_sgd_on_the_preset_shapes() {
        let c = bench_config("modern", 128);
        assert_eq!(c.sizes, vec![784, 128, 64, 10]);
        assert_eq!(
            (c.optimizer, c.learning_rate, c.batch_size, c.lr_decay),
            (OptimizerKind::Sgd, 0.1, 128, 1.0)
        );
        assert_eq!(bench_config("3b1b", 1).sizes, vec![784, 16, 16, 10]);
        assert!(c.validate().is_ok());
    }

    #[test]
    fn rendered_digits_fill_the_pad() {
        let mut digit = vec![0u8; 784];
        for y in 13..16 {
            digit[y * 28 + 13..y * 28 + 16].fill(255);
        }
        let rgba = render_digit(&digit);
        assert_eq!(rgba.len(), PAD * PAD * 4);
        let centre = (145 * PAD + 145) * 4;
        assert_eq!(&rgba[centre..centre + 4], &[255, 255, 255, 255]);
        assert_eq!(&rgba[..4], &[0, 0, 0, 255]);
    }

    #[test]
    fn reads_browser_results() {
        let doc: Json = serde_json::from_str(
            r#"{"train":[{"engine":"tfjs-wasm","shape":"3b1b","batch":32,"median":1000,"min":900,"max":1100,"rates":[1000,900,1100],"loss":0.5}],
                "latency":[{"engine":"neuroglow-wasm","preset":"modern","input":"strokes","reads":500,"medianMs":0.2,"p95Ms":0.3,"maxMs":1,"agreement":0.98}],
                "path":[{"preset":"modern","strip":false,"events":600,"drawings":9,"agreement":1,"lost":0,
                  "eventMs":{"p50":9,"p95":17,"max":30},"workMs":{"p50":0.6,"p95":0.9,"max":3},
                  "shownMs":{"p50":1.5,"p95":2.5,"max":5},"paintMs":{"p50":12,"p95":20,"max":40}},
                  {"preset":"3b1b","events":600}]}"#,
        )
        .unwrap();
        let t = browser_training(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].0.as_str(), t[0].2, t[0].3.median, t[0].3.loss),
            ("tfjs-wasm", 32, 1000.0, Some(0.5))
        );
        assert_eq!((t[0].3.min, t[0].3.max), (900.0, 1100.0));
        let l = browser_latency(&doc);
        assert_eq!(
            (l[0].preset.as_str(), l[0].input.as_str(), l[0].p95_ms),
            ("modern", "strokes", 0.3)
        );
        // A row missing its timings is left out, not printed as zeros.
        let p = browser_path(&doc);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].preset.as_str(), p[0].strip, p[0].events),
            ("modern", false, 600)
        );
        assert_eq!(
            (
                p[0].event.p95,
                p[0].work.p95,
                p[0].shown.p50,
                p[0].paint.max
            ),
            (17.0, 0.9, 1.5, 40.0)
        );
        assert_eq!(latency_target("modern", p[0].work.p95), "met");
        assert_eq!(latency_target("modern", 1.5), "MISSED");
        assert_eq!(latency_target("3b1b", 1.5), "");
    }

    #[test]
    fn reads_engine_results() {
        let train = |shape: &str, batch: usize, median: f64| {
            format!(
                r#"{{"engine":"neuroglow-wasm","shape":"{shape}","batch":{batch},"median":{median},"rates":[{median}]}}"#
            )
        };
        let reads = |input: &str, preset: &str, p50: f64| {
            format!(
                r#"{{"engine":"neuroglow-wasm","input":"{input}","preset":"{preset}","reads":100,"medianMs":{p50},"p95Ms":{},"maxMs":2,"agreement":1}}"#,
                p50 + 0.25
            )
        };
        let all_train = [
            train("3b1b", 1, 100000.0),
            train("3b1b", 32, 1.0), // not an Engines batch: ignored
            train("3b1b", 128, 300000.0),
            train("modern", 1, 25000.0),
            train("modern", 128, 100000.0),
        ]
        .join(",");
        let strokes = [
            reads("strokes", "modern", 0.6),
            reads("strokes", "3b1b", 0.5),
        ]
        .join(",");
        let doc = format!(
            r#"{{"engines":[
              {{"name":"chromium","version":"Chromium 156.0.8078.108","env":{{"crossOriginIsolated":true,"clockMs":0.005}},
                "train":[{all_train}],"latency":[{strokes},{},{}],"errors":[]}},
              {{"name":"firefox","version":"firefox/153.8.0","env":{{"crossOriginIsolated":false}},
                "train":[{all_train}],"latency":[{strokes}],"errors":["pageerror: boom"]}},
              {{"name":"webkit","version":"WebKitGTK 2.50.6 (MiniBrowser)","train":[{}],"latency":[{strokes}]}},
              {{"name":"other","skipped":"missing /usr/bin/other"}},
              {{"name":"broken","error":"did not start"}}]}}"#,
            reads("rgba", "modern", 0.2),
            reads("rgba", "3b1b", 0.1),
            train("3b1b", 1, 5.0),
        );
        let (rows, notes) = browser_engines(&serde_json::from_str(&doc).unwrap());
        assert_eq!(rows.len(), 2);
        let (c, f) = (&rows[0], &rows[1]);
        assert_eq!(
            (c.engine.as_str(), f.engine.as_str()),
            ("chromium", "firefox")
        );
        // SHAPES × ENGINE_BATCHES, in that order.
        assert_eq!(c.train, vec![100000.0, 300000.0, 25000.0, 100000.0]);
        assert_eq!(
            (c.strokes[0].p50, c.strokes[0].p95, c.strokes[1].p50),
            (0.6, 0.85, 0.5)
        );
        let rgba = c.rgba.expect("chromium read canvas pixels");
        assert_eq!((rgba[0].p50, rgba[1].p95), (0.2, 0.35));
        assert!(c.cross_origin_isolated && c.clock_ms == Some(0.005));
        assert_eq!(f.rgba, None);
        assert!(!f.cross_origin_isolated && f.clock_ms.is_none());
        assert_eq!(f.errors, vec!["pageerror: boom".to_string()]);
        // A row missing timings is left out, not printed as zeros; the others say why.
        let names: Vec<&str> = notes.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(names, ["webkit", "other", "broken"]);
        assert!(notes[0].1.starts_with("left out"));
        assert_eq!(notes[1].1, "skipped: missing /usr/bin/other");
        assert_eq!(notes[2].1, "failed: did not start");
        assert!(browser_engines(&Json::Null).0.is_empty());

        assert_eq!(short_version(&c.version), "156.0");
        assert_eq!(short_version(&f.version), "153.8");
        assert_eq!(short_version("WebKitGTK 2.50.6 (MiniBrowser)"), "2.50");
        assert_eq!(short_version(""), "?");
        let r = geometric_mean_ratio(&[2.0, 8.0], &[1.0, 1.0]);
        assert!((r - 4.0).abs() < 1e-12);
    }
}
