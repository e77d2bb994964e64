//! `cargo xtask soak [--cycles N] [--epochs N] [--every SECONDS] [--only xor|mnist]`: trains for a
//! long time in headless Chromium, as a learner who leaves the page open would, and checks that
//! the WebAssembly memory stops growing. XOR runs `train()` at full speed for 10^8 cycles with SGD
//! and again with Adam; MNIST trains 20 epochs in its worker. The driver, tests/soak/soak.mjs,
//! samples `memory.buffer.byteLength` of the module doing the work every few seconds and prints
//! the samples as JSON; here they are printed as a curve and judged: a run fails when its memory
//! grew in the second half of the run by more than a small tolerance (wasm memory never shrinks,
//! so a bounded program levels off; one that keeps a little per cycle keeps climbing).
//! Too long for `cargo xtask test`; installs what it needs as `test` does. `--url` soaks a page
//! already served elsewhere (another build, say) instead of building and serving this tree.

use crate::{build, serve, tools};
use serde_json::Value as Json;
use std::path::Path;
use std::process::{Command, Stdio};

pub const USAGE: &str =
    "soak [--cycles N] [--epochs N] [--every SECONDS] [--only xor|mnist] [--url URL]";

/// Growth allowed in the second half of a run: this many bytes, or this share of the memory at
/// half-time, whichever is more (allocator slack; a 64 KiB page now and then).
const TOLERANCE_BYTES: f64 = 2.0 * MIB;
const TOLERANCE_SHARE: f64 = 0.02;
/// Fewer samples than this are too few to tell a slope from a step.
const MIN_SAMPLES: usize = 4;
/// At most this many rows of a curve are printed (all samples are judged).
const ROWS: usize = 24;
const MIB: f64 = 1024.0 * 1024.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub cycles: u64,
    pub epochs: u64,
    pub every: f64,
    pub only: Option<String>,
    /// A server already serving the repository (another build, say): no build, no server of our own.
    pub url: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            cycles: 100_000_000,
            epochs: 20,
            every: 5.0,
            only: None,
            url: None,
        }
    }
}

/// The command line after `soak`.
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value\n\nusage: cargo xtask {USAGE}"))
        };
        match name {
            "--cycles" => o.cycles = whole(name, &value()?, 1e15)?,
            "--epochs" => o.epochs = whole(name, &value()?, 1000.0)?,
            "--every" => {
                let v = value()?;
                o.every = v
                    .parse()
                    .ok()
                    .filter(|s: &f64| (0.2..=600.0).contains(s))
                    .ok_or_else(|| format!("--every wants seconds from 0.2 to 600, got {v:?}"))?;
            }
            "--only" => {
                let v = value()?;
                if v != "xor" && v != "mnist" {
                    return Err(format!("--only wants xor or mnist, got {v:?}"));
                }
                o.only = Some(v);
            }
            "--url" => {
                let v = value()?;
                if !(v.starts_with("http://") || v.starts_with("https://")) {
                    return Err(format!(
                        "--url wants an http(s) URL of the repository root, got {v:?}"
                    ));
                }
                o.url = Some(if v.ends_with('/') { v } else { format!("{v}/") });
            }
            _ => {
                return Err(format!(
                    "soak: unknown argument {arg:?}\n\nusage: cargo xtask {USAGE}"
                ))
            }
        }
    }
    Ok(o)
}

/// A whole number from 1 to `max`, written plainly, with `_`/`,` separators or as `1e8`.
fn whole(name: &str, text: &str, max: f64) -> Result<u64, String> {
    let v: f64 = text
        .replace(['_', ','], "")
        .parse()
        .map_err(|_| format!("{name} wants a number, got {text:?}"))?;
    if v.fract() == 0.0 && (1.0..=max).contains(&v) {
        Ok(v as u64)
    } else {
        Err(format!(
            "{name} wants a whole number from 1 to {max}, got {text:?}"
        ))
    }
}

pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    let o = parse_args(args)?;
    tools::ensure_chromium()?;
    tools::ensure_npm_deps()?;
    let url = match &o.url {
        Some(url) => url.clone(),
        None => {
            build::wasm_package()?;
            let port = serve::spawn(serve::bind(0)?, root.to_path_buf())?;
            format!("http://127.0.0.1:{port}/")
        }
    };
    println!("xtask: soaking the page at {url}");
    let mut node = Command::new("node");
    node.current_dir(root)
        .arg("tests/soak/soak.mjs")
        .args([
            "--cycles",
            &o.cycles.to_string(),
            "--epochs",
            &o.epochs.to_string(),
            "--every",
            &o.every.to_string(),
        ])
        .args(o.only.iter().flat_map(|only| ["--only", only.as_str()]))
        .env("NEUROGLOW_URL", &url)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    let out = node
        .output()
        .map_err(|e| format!("could not start node (install Node.js 20+): {e}"))?;
    if !out.status.success() {
        return Err(format!("node tests/soak/soak.mjs failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let results: Json = serde_json::from_str(text.trim())
        .map_err(|e| format!("tests/soak/soak.mjs printed no valid JSON ({e}):\n{text}"))?;
    let mut failed = Vec::new();
    for run in results["runs"].as_array().map_or(&[][..], Vec::as_slice) {
        let (report, ok) = report(run);
        println!("\n{report}");
        if !ok {
            failed.push(run["name"].as_str().unwrap_or("?").to_string());
        }
    }
    let errors: Vec<&str> = results["errors"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(Json::as_str)
        .collect();
    if !errors.is_empty() {
        println!("\nconsole errors on the page:\n  {}", errors.join("\n  "));
    }
    if failed.is_empty() {
        println!("\nxtask: soak passed: memory levels off");
        Ok(())
    } else {
        Err(format!("soak failed: {}", failed.join(", ")))
    }
}

/// One memory sample: seconds since the start, progress (cycles or epochs), bytes of wasm memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t: f64,
    pub progress: f64,
    pub bytes: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Grew `growth` bytes in the second half, within the tolerance.
    Steady {
        growth: f64,
        tolerance: f64,
    },
    /// Grew `growth` bytes in the second half: `per_unit` bytes a cycle (or epoch).
    Growing {
        growth: f64,
        tolerance: f64,
        per_unit: f64,
    },
    TooShort,
}

/// The memory curve's verdict: growth from the sample at half the run's time to the last.
pub fn judge(samples: &[Sample]) -> Verdict {
    if samples.len() < MIN_SAMPLES {
        return Verdict::TooShort;
    }
    let (first, last) = (samples[0], samples[samples.len() - 1]);
    let half = first.t + (last.t - first.t) / 2.0;
    let mid = samples
        .iter()
        .copied()
        .find(|s| s.t >= half)
        .unwrap_or(last);
    let growth = last.bytes - mid.bytes;
    let tolerance = TOLERANCE_BYTES.max(TOLERANCE_SHARE * mid.bytes);
    if growth <= tolerance {
        return Verdict::Steady { growth, tolerance };
    }
    let done = last.progress - mid.progress;
    Verdict::Growing {
        growth,
        tolerance,
        per_unit: if done > 0.0 {
            growth / done
        } else {
            f64::INFINITY
        },
    }
}

/// A run's curve, rate and verdict as text, and whether it passed.
pub fn report(run: &Json) -> (String, bool) {
    let name = run["name"].as_str().unwrap_or("?");
    let unit = run["unit"].as_str().unwrap_or("cycles");
    let target = run["target"].as_f64().unwrap_or(0.0);
    let rows = run["samples"].as_array().map_or(&[][..], Vec::as_slice);
    let sample = |r: &Json| Sample {
        t: r["t"].as_f64().unwrap_or(0.0),
        progress: r["progress"].as_f64().unwrap_or(0.0),
        bytes: r["bytes"].as_f64().unwrap_or(0.0),
    };
    let samples: Vec<Sample> = rows.iter().map(sample).collect();
    let mut out = format!("{name}: {} {unit}", crate::bench::thousands(target));
    if let (Some(a), Some(b)) = (samples.first(), samples.last()) {
        let secs = b.t - a.t;
        let rate = if secs > 0.0 {
            (b.progress - a.progress) / secs
        } else {
            0.0
        };
        let speed = if unit == "epochs" {
            format!(
                "{:.2} epochs/min ({} examples/s)",
                rate * 60.0,
                crate::bench::thousands(rate * 60_000.0)
            )
        } else {
            format!("{} {unit}/s", crate::bench::thousands(rate))
        };
        out += &format!(
            ", {} in {:.0} s: {speed}",
            crate::bench::thousands(b.progress),
            secs
        );
    }
    let page = rows.iter().any(|r| r["pageBytes"].is_number());
    out += &format!(
        "\n  {:>8}  {:>14}  {:>9}{}  {:>11}",
        "time",
        unit,
        "wasm MiB",
        if page { "  page MiB" } else { "" },
        "JS heap MiB"
    );
    for i in thin(rows.len(), ROWS) {
        let (r, s) = (&rows[i], samples[i]);
        let mb = |v: &Json| {
            v.as_f64()
                .map_or("–".to_string(), |b| format!("{:.1}", b / MIB))
        };
        let progress = if unit == "epochs" {
            format!("{:.2}", s.progress)
        } else {
            crate::bench::thousands(s.progress)
        };
        let page_col = if page {
            format!("  {:>8}", mb(&r["pageBytes"]))
        } else {
            String::new()
        };
        out += &format!(
            "\n  {:>7.0}s  {progress:>14}  {:>9.1}{page_col}  {:>11}",
            s.t,
            s.bytes / MIB,
            mb(&r["heap"])
        );
    }
    let (line, ok) = match (run["error"].as_str(), judge(&samples)) {
        (Some(e), _) => (format!("FAIL: the run stopped: {e}"), false),
        (None, Verdict::TooShort) => (
            format!(
                "too short to judge ({} samples; run longer or sample more often with --every)",
                samples.len()
            ),
            true,
        ),
        (None, Verdict::Steady { growth, tolerance }) => (
            format!(
                "ok: memory levels off ({:+.1} MiB in the second half; tolerance {:.1} MiB)",
                growth / MIB,
                tolerance / MIB
            ),
            true,
        ),
        (
            None,
            Verdict::Growing {
                growth,
                tolerance,
                per_unit,
            },
        ) => {
            let unit1 = unit.trim_end_matches('s');
            let (growth, tolerance) = (growth / MIB, tolerance / MIB);
            let why = format!(
                "{growth:+.1} MiB in the second half ({per_unit:.1} bytes a {unit1}; tolerance {tolerance:.1} MiB)"
            );
            (format!("FAIL: memory keeps growing: {why}"), false)
        }
    };
    out += &format!("\n  verdict: {line}");
    (out, ok)
}

/// At most `max` indices of `0..n`, evenly spread, always the first and the last.
fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    let mut v: Vec<usize> = (0..max).map(|k| k * (n - 1) / (max - 1)).collect();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn curve(points: &[(f64, f64, f64)]) -> Vec<Sample> {
        points
            .iter()
            .map(|&(t, progress, mib)| Sample {
                t,
                progress,
                bytes: mib * MIB,
            })
            .collect()
    }

    #[test]
    fn options_default_and_parse() {
        assert_eq!(parse_args(&[]), Ok(Options::default()));
        let o = parse_args(&args(&[
            "--cycles",
            "1e6",
            "--epochs=2",
            "--every",
            "1.5",
            "--only",
            "xor",
        ]))
        .unwrap();
        assert_eq!(
            o,
            Options {
                cycles: 1_000_000,
                epochs: 2,
                every: 1.5,
                only: Some("xor".into()),
                url: None,
            }
        );
        let o = parse_args(&args(&["--url", "http://127.0.0.1:8000"])).unwrap();
        assert_eq!(o.url.as_deref(), Some("http://127.0.0.1:8000/"));
        assert_eq!(
            parse_args(&args(&["--cycles", "100_000"])).unwrap().cycles,
            100_000
        );
        for bad in [
            &["--cycles"][..],
            &["--cycles", "0"],
            &["--cycles", "1.5"],
            &["--epochs", "5000"],
            &["--every", "0"],
            &["--only", "draw"],
            &["--fast"],
            &["--url", "example.org"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_curve_that_levels_off_passes() {
        // Grows while the snapshots and history fill, then stays (a page now and then).
        let c = curve(&[
            (0.0, 0.0, 1.1),
            (5.0, 1e6, 1.6),
            (10.0, 2e6, 1.7),
            (15.0, 3e6, 1.7),
            (20.0, 4e6, 1.75),
            (25.0, 5e6, 1.75),
        ]);
        assert!(
            matches!(judge(&c), Verdict::Steady { .. }),
            "{:?}",
            judge(&c)
        );
    }

    #[test]
    fn a_curve_that_keeps_climbing_fails_with_its_slope() {
        // 13 bytes a cycle, the loss history's leak.
        let c: Vec<Sample> = (0..=10)
            .map(|k| Sample {
                t: k as f64 * 5.0,
                progress: k as f64 * 1e6,
                bytes: 1.1 * MIB + 13.0 * k as f64 * 1e6,
            })
            .collect();
        match judge(&c) {
            Verdict::Growing {
                per_unit, growth, ..
            } => {
                assert!((per_unit - 13.0).abs() < 1e-9, "{per_unit}");
                assert!((growth - 13.0 * 5e6).abs() < 1.0);
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn growth_in_the_first_half_only_is_no_leak_and_few_samples_say_nothing() {
        let c = curve(&[
            (0.0, 0.0, 1.0),
            (5.0, 1.0, 40.0),
            (10.0, 2.0, 41.0),
            (15.0, 3.0, 41.0),
            (20.0, 4.0, 41.0),
        ]);
        assert!(matches!(judge(&c), Verdict::Steady { .. }));
        assert_eq!(judge(&c[..3]), Verdict::TooShort);
    }

    #[test]
    fn reports_fail_on_growth_or_a_stopped_run() {
        let run = |error: Json, mibs: &[f64]| {
            let sample = |(i, m): (usize, &f64)| {
                let (t, progress) = (i as f64 * 5.0, i as f64 * 1e6);
                serde_json::json!({ "t": t, "progress": progress, "bytes": m * MIB, "heap": 5.0 * MIB })
            };
            let samples: Vec<Json> = mibs.iter().enumerate().map(sample).collect();
            serde_json::json!({ "name": "xor-sgd", "unit": "cycles", "target": 1e8, "samples": samples, "error": error })
        };
        let (text, ok) = report(&run(Json::Null, &[1.0, 1.5, 1.5, 1.5, 1.5]));
        assert!(ok, "{text}");
        assert!(text.contains("verdict: ok"), "{text}");
        assert!(text.contains("200,000 cycles/s"), "{text}");
        let (text, ok) = report(&run(Json::Null, &[1.0, 20.0, 40.0, 60.0, 80.0]));
        assert!(!ok);
        assert!(text.contains("FAIL: memory keeps growing"), "{text}");
        assert!(text.contains("bytes a cycle"), "{text}");
        let (text, ok) = report(&run(
            "crashed: out of memory".into(),
            &[1.0, 1.0, 1.0, 1.0, 1.0],
        ));
        assert!(!ok);
        assert!(text.contains("the run stopped: crashed"), "{text}");
    }

    #[test]
    fn thinning_keeps_the_ends() {
        assert_eq!(thin(3, 24), vec![0, 1, 2]);
        let t = thin(100, 24);
        assert_eq!((t.len(), t[0], *t.last().unwrap()), (24, 0, 99));
    }
}
