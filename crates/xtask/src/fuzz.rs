//! `cargo xtask fuzz [--secs N] [--sanitizer S] [TARGET…]`: runs the cargo-fuzz targets of
//! `crates/fuzz` (thin wrappers around the properties in `crates/fuzz-targets`) one after the
//! other, each for N seconds, and prints executions, speed and crashes per target.
//!
//! Installs what is missing: the nightly toolchain (libFuzzer needs it) and cargo-fuzz. Seeds
//! from `crates/fuzz/seeds/<target>/` are copied into a working corpus under
//! `target/fuzz/corpus/<target>/` that grows from run to run (the committed seeds never do);
//! crash inputs land in `target/fuzz/artifacts/<target>/`, libFuzzer's output in
//! `target/fuzz/logs/<target>.log`. A target already being fuzzed (by another xtask) is refused.

use crate::cmd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

pub const USAGE: &str = "fuzz [--secs N] [--sanitizer none|address] [TARGET…]";

/// Every target, with the longest input libFuzzer may make for it (each module of
/// crates/fuzz-targets documents its input).
const TARGETS: &[(&str, usize)] = &[
    ("idx", 4096),
    ("model", 4096),
    ("evaluate", 1024),
    ("preprocess", 4096),
    ("options", 512),
    ("batch", 1024),
    ("strokes", 2048),
];

/// One libFuzzer process at a time: the machine's cores are shared.
const RSS_LIMIT_MB: u32 = 2048;
/// A single input taking this long is a bug (every target runs in well under a millisecond).
const TIMEOUT_SECS: u32 = 10;

struct Options {
    secs: u64,
    sanitizer: String,
    targets: Vec<&'static str>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let usage = || {
        format!(
            "usage: cargo xtask {USAGE}\ntargets: {}",
            names().join(", ")
        )
    };
    let mut o = Options {
        secs: 60,
        sanitizer: "none".into(),
        targets: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))
        };
        match flag {
            "--secs" => {
                let v = value()?;
                o.secs =
                    v.parse().ok().filter(|&s| s > 0).ok_or_else(|| {
                        format!("--secs wants a whole number of seconds, got {v:?}")
                    })?;
            }
            "--sanitizer" => {
                let v = value()?;
                if !["none", "address"].contains(&v.as_str()) {
                    return Err(format!("--sanitizer wants none or address, got {v:?}"));
                }
                o.sanitizer = v;
            }
            name if !name.starts_with('-') => {
                let t = TARGETS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| format!("unknown target {name:?}\n{}", usage()))?;
                if !o.targets.contains(&t.0) {
                    o.targets.push(t.0);
                }
            }
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    if o.targets.is_empty() {
        o.targets = names();
    }
    Ok(o)
}

fn names() -> Vec<&'static str> {
    TARGETS.iter().map(|(n, _)| *n).collect()
}

/// What one run of a target did.
struct Run {
    target: &'static str,
    executions: u64,
    per_sec: u64,
    secs: f64,
    peak_rss_mb: u64,
    /// Crash, timeout and out-of-memory inputs libFuzzer wrote.
    artifacts: Vec<String>,
    failed: bool,
    /// Stopped by a signal (Ctrl-C) before its time: no crash, but not a full run either.
    interrupted: bool,
    log: PathBuf,
}

pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let work = root.join("target/fuzz");
    // Debug assertions and overflow checks on (cargo-fuzz's default); no sanitizer by default:
    // the core is safe Rust but for one bounds-checked call into matrixmultiply, and without
    // AddressSanitizer each target runs about twice as fast.
    cmd::run(nightly_cargo().args([
        "fuzz",
        "build",
        "--fuzz-dir",
        "crates/fuzz",
        "--target-dir",
        "target/fuzz",
        "--sanitizer",
        &o.sanitizer,
    ]))?;
    let bin_dir = work.join(host()?).join("release");
    let mut runs = Vec::new();
    for &target in &o.targets {
        runs.push(run(root, &bin_dir, target, &o)?);
    }
    print_table(&runs);
    let bad: Vec<&Run> = runs.iter().filter(|r| r.failed).collect();
    if bad.is_empty() {
        if let Some(r) = runs.iter().find(|r| r.interrupted) {
            return Err(format!(
                "{} was interrupted before its {} s",
                r.target, o.secs
            ));
        }
        return Ok(());
    }
    for r in &bad {
        let bin = bin_dir.join(r.target);
        eprintln!(
            "\n{}: failed (full output: {})",
            r.target,
            rel(root, &r.log)
        );
        for line in tail(&r.log, 40) {
            eprintln!("  | {line}");
        }
        for a in &r.artifacts {
            eprintln!("  reproduce: {} {a}", rel(root, &bin));
        }
        if r.artifacts.is_empty() {
            eprintln!("  (no input was written; see the log)");
        }
    }
    Err(format!(
        "{} of {} targets failed; once fixed, add the input as crates/fuzz/seeds/<target>/regression-<what>",
        bad.len(),
        runs.len()
    ))
}

fn run(root: &Path, bin_dir: &Path, target: &'static str, o: &Options) -> Result<Run, String> {
    let work = root.join("target/fuzz");
    let corpus = work.join("corpus").join(target);
    let artifacts = work.join("artifacts").join(target);
    let logs = work.join("logs");
    for d in [&corpus, &artifacts, &logs] {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let _lock = Lock::take(work.join(format!("{target}.lock")), target)?;
    copy_seeds(&root.join("crates/fuzz/seeds").join(target), &corpus)?;
    let max_len = TARGETS
        .iter()
        .find(|(n, _)| *n == target)
        .map_or(4096, |t| t.1);
    let log = logs.join(format!("{target}.log"));
    let log_file =
        std::fs::File::create(&log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let mut c = Command::new(bin_dir.join(target));
    c.current_dir(root)
        .arg(&corpus)
        .arg(format!("-max_total_time={}", o.secs))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
        .arg(format!("-timeout={TIMEOUT_SECS}"))
        .arg(format!("-max_len={max_len}"))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1")
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
        .stderr(log_file);
    println!(
        "xtask: fuzzing {target} for {} s (log: {})",
        o.secs,
        rel(root, &log)
    );
    let start = Instant::now();
    let mut child = c
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", cmd::describe(&c)))?;
    let pid = child.id();
    let status = child
        .wait()
        .map_err(|e| format!("{}: {e}", cmd::describe(&c)))?;
    let secs = start.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let stat = |key: &str| {
        text.lines()
            .rev()
            .find_map(|l| {
                l.strip_prefix(&format!("stat::{key}:"))
                    .and_then(|v| v.trim().parse::<u64>().ok())
            })
            .unwrap_or(0)
    };
    let written: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.split_once("Test unit written to ")
                .map(|(_, p)| p.trim().to_string())
        })
        .map(|p| rel(root, Path::new(&p)))
        .collect();
    let interrupted = text.contains(&format!("=={pid}== libFuzzer: run interrupted"));
    Ok(Run {
        target,
        executions: stat("number_of_executed_units"),
        per_sec: stat("average_exec_per_sec"),
        secs,
        peak_rss_mb: stat("peak_rss_mb"),
        failed: !written.is_empty() || (!status.success() && !interrupted),
        interrupted,
        artifacts: written,
        log,
    })
}

/// One run of a target at a time (two would write one log and race on one corpus): a file
/// holding the xtask's process id, stale once that process is gone.
struct Lock(PathBuf);

impl Lock {
    fn take(path: PathBuf, target: &str) -> Result<Lock, String> {
        let me = std::process::id();
        if let Some(pid) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok())
        {
            if pid != me && Path::new(&format!("/proc/{pid}")).exists() {
                return Err(format!(
                    "{target} is being fuzzed already, by process {pid} (lock: {})",
                    path.display()
                ));
            }
        }
        std::fs::write(&path, me.to_string())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Lock(path))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Seeds into the working corpus, by name (new and changed ones; libFuzzer's own files stay).
fn copy_seeds(seeds: &Path, corpus: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(seeds).map_err(|e| format!("{}: {e}", seeds.display()))?;
    for e in entries {
        let path = e.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let to = corpus.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &to)
                .map_err(|e| format!("cannot copy {} to {}: {e}", path.display(), to.display()))?;
        }
    }
    Ok(())
}

fn print_table(runs: &[Run]) {
    println!(
        "\n{:<11} {:>14} {:>9} {:>8} {:>8} {:>8}",
        "target", "executions", "exec/s", "seconds", "rss MB", "crashes"
    );
    for r in runs {
        let crashes = if r.failed {
            r.artifacts.len().max(1)
        } else {
            0
        };
        println!(
            "{:<11} {:>14} {:>9} {:>8.0} {:>8} {:>8}",
            r.target,
            thousands(r.executions),
            thousands(r.per_sec),
            r.secs,
            r.peak_rss_mb,
            crashes
        );
    }
}

/// 12345678 → "12,345,678".
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn tail(path: &Path, lines: usize) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// `cargo` of the nightly toolchain, without what `cargo xtask` (stable) set for itself.
fn nightly_cargo() -> Command {
    let mut c = cmd::at_root("rustup");
    c.args(["run", "nightly", "cargo"]);
    for var in [
        "CARGO",
        "RUSTUP_TOOLCHAIN",
        "RUSTC",
        "RUSTDOC",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
    ] {
        c.env_remove(var);
    }
    c
}

fn ensure_nightly() -> Result<(), String> {
    let list = cmd::stdout(cmd::at_root("rustup").args(["toolchain", "list"])).ok_or(
        "rustup not found: fuzzing needs rustup and a nightly toolchain (https://rustup.rs)",
    )?;
    if list.lines().any(|l| l.starts_with("nightly")) {
        return Ok(());
    }
    cmd::run(cmd::at_root("rustup").args([
        "toolchain",
        "install",
        "nightly",
        "--profile",
        "minimal",
    ]))
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    if cmd::stdout(nightly_cargo().args(["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    println!("xtask: installing cargo-fuzz (once; about a minute)");
    cmd::run(cmd::cargo().args(["install", "cargo-fuzz", "--locked"]))
}

/// The host's target triple (where cargo-fuzz puts the binaries).
fn host() -> Result<String, String> {
    let out = cmd::stdout(cmd::at_root("rustup").args(["run", "nightly", "rustc", "-vV"]))
        .ok_or("cannot run the nightly rustc")?;
    out.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_string)
        .ok_or_else(|| "rustc -vV printed no host".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_seconds_sanitizer_and_targets() {
        let o = parse(&args(&[])).unwrap();
        assert_eq!(
            (o.secs, o.sanitizer.as_str(), o.targets.len()),
            (60, "none", TARGETS.len())
        );
        let o = parse(&args(&[
            "--secs",
            "5",
            "model",
            "--sanitizer=address",
            "idx",
            "model",
        ]))
        .unwrap();
        assert_eq!(
            (o.secs, o.sanitizer.as_str(), o.targets),
            (5, "address", vec!["model", "idx"])
        );
        assert_eq!(parse(&args(&["--secs=7"])).unwrap().secs, 7);
        for bad in [
            &["--secs"][..],
            &["--secs", "0"],
            &["--secs", "x"],
            &["nope"],
            &["--sanitizer", "memory"],
            &["-v"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_target_has_seeds_and_a_wrapper() {
        let root = crate::root();
        for (t, _) in TARGETS {
            assert!(
                root.join("crates/fuzz/fuzz_targets")
                    .join(format!("{t}.rs"))
                    .is_file(),
                "{t}: no wrapper"
            );
            let seeds = std::fs::read_dir(root.join("crates/fuzz/seeds").join(t))
                .map(|d| d.count())
                .unwrap_or(0);
            assert!(seeds > 0, "{t}: no seeds");
        }
    }

    #[test]
    fn a_target_is_fuzzed_by_one_run_at_a_time() {
        let dir = std::env::temp_dir().join(format!("xtask-fuzz-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.lock");
        std::fs::write(&path, "1").unwrap(); // init: alive, and not us
        if Path::new("/proc/1").exists() {
            assert!(Lock::take(path.clone(), "t").is_err());
        }
        std::fs::write(&path, u32::MAX.to_string()).unwrap(); // no such process: stale
        let lock = Lock::take(path.clone(), "t").unwrap();
        assert!(path.exists());
        drop(lock);
        assert!(!path.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
