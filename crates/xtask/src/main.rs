//! Developer commands for neuroglow, run as `cargo xtask <command>`.
//!
//! Few dependencies (the core, for train and bench; serde_json, for the browser bench's results):
//! xtask must build quickly on a fresh machine before anything else works.

mod bench;
mod build;
mod cmd;
mod dist;
mod drawn;
mod fuzz;
mod marks;
mod serve;
mod soak;
mod test;
mod tools;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]   build the wasm package into www/pkg and serve the repo on
                     http://127.0.0.1:N/ (default 8080)
  test               native tests, wasm tests in headless Chromium, browser e2e tests
  dist               build a self-contained static site into dist/ (any host, any sub-path, offline)
  bench [--quick]    print training throughput (native, wasm, TensorFlow.js), drawing
                     latency and page size; --quick for a short smoke run
  train --preset 3b1b|modern [--seed N] [--epochs N] [--lr-decay X] [--augment on|off]
        [--keep X] [--rejects X] [--out FILE]
                     train on MNIST (augmented; the last 5,000 held out for calibration) and
                     write the calibrated model www/models/<preset>.ngm; prints MNIST and
                     drawn-set accuracy, ECE, temperature, no-digit threshold, scribble flags
  train --measure FILE
                     the same figures for an existing model file
  drawn [--seed N] [--per-class N] [--out DIR]
                     make the held-out drawn-digit test set tests/data/drawn/ (pen strokes
                     painted and read as the pad does) and score the shipped models on it
  fuzz [--secs N] [TARGET…]
                     run each cargo-fuzz target N s (default 60; nightly, installed if missing)
  soak [--cycles N] [--epochs N] [--every S] [--only xor|mnist]
                     train XOR 10^8 cycles (SGD, Adam) and MNIST 20 epochs in headless
                     Chromium; print the wasm memory curve, fail if it keeps growing
  help               show this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => parse_port(&args[1..]).and_then(serve::command),
        Some("test") if args.len() == 1 => test::command(),
        Some("dist") if args.len() == 1 => dist::command(),
        Some("bench") => bench::command(&root(), &args[1..]),
        Some("train") => train::command(&root(), &args[1..]),
        Some("drawn") => drawn::command(&root(), &args[1..]),
        Some("fuzz") => fuzz::command(&root(), &args[1..]),
        Some("soak") => soak::command(&root(), &args[1..]),
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(_) => Err(format!("unknown arguments: {}\n\n{USAGE}", args.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root; every command runs from there so relative paths mean one thing.
pub fn root() -> PathBuf {
    // crates/xtask -> repository root.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// `[--port N]` / `[--port=N]` for `serve`.
fn parse_port(args: &[String]) -> Result<u16, String> {
    let bad = |v: &str| format!("--port wants a number from 1 to 65535, got {v:?}");
    let mut port = 8080;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = match arg.strip_prefix("--port=") {
            Some(v) => v.to_string(),
            None if arg == "--port" => it.next().cloned().ok_or_else(|| bad(""))?,
            None => return Err(format!("serve: unknown argument {arg:?}\n\n{USAGE}")),
        };
        port = value
            .parse()
            .ok()
            .filter(|&p| p != 0)
            .ok_or_else(|| bad(&value))?;
    }
    Ok(port)
}

#[cfg(test)]
mod tests {
    use super::parse_port;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_defaults_and_parses_both_spellings() {
        assert_eq!(parse_port(&args(&[])), Ok(8080));
        assert_eq!(parse_port(&args(&["--port", "8765"])), Ok(8765));
        assert_eq!(parse_port(&args(&["--port=9000"])), Ok(9000));
    }

    #[test]
    fn port_rejects_garbage() {
        assert!(parse_port(&args(&["--port"])).is_err());
        assert!(parse_port(&args(&["--port", "0"])).is_err());
        assert!(parse_port(&args(&["--port", "70000"])).is_err());
        assert!(parse_port(&args(&["--verbose"])).is_err());
    }
}

/// Whether this is a CI run (`CI=true`, as GitHub Actions, GitLab and most CI systems set it).
pub fn ci() -> bool {
    std::env::var("CI")
        .is_ok_and(|v| matches!(v.trim().to_lowercase().as_str(), "true" | "1" | "yes"))
}
