//! `cargo xtask test`: every test the project has, in order, stopping at the first failure.

use crate::{build, cmd, dist, serve, tools};
use std::path::{Path, PathBuf};
use std::time::Instant;

enum Outcome {
    Passed,
    Skipped(String),
}

type Stage = (&'static str, fn() -> Result<Outcome, String>);

const STAGES: [Stage; 8] = [
    ("native tests", native_tests),
    ("JS unit tests (node, no browser)", js_unit_tests),
    ("chromium + chromedriver", chromium),
    ("wasm tests in headless Chromium", wasm_tests),
    ("browser e2e tests", e2e_tests),
    ("languages (catalogues, every page)", language_tests),
    ("firefox e2e (core subset)", firefox_e2e),
    ("webkit e2e (core subset)", webkit_e2e),
];

pub fn command() -> Result<(), String> {
    let mut lines = Vec::new();
    let mut failure = None;
    // NEUROGLOW_TEST_STAGES=firefox,webkit runs only the stages whose names contain one of these
    // words (for working on one stage); CI sets nothing and runs them all.
    let only: Vec<String> = std::env::var("NEUROGLOW_TEST_STAGES")
        .unwrap_or_default()
        .split(',')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    for (name, stage) in STAGES {
        if !only.is_empty() && !only.iter().any(|w| name.to_lowercase().contains(w)) {
            lines.push(format!("  not run  {name} (NEUROGLOW_TEST_STAGES)"));
            continue;
        }
        if failure.is_some() {
            lines.push(format!("  not run  {name}"));
            continue;
        }
        println!("\nxtask: ==> {name}");
        let start = Instant::now();
        let result = stage();
        let secs = start.elapsed().as_secs_f64();
        lines.push(match &result {
            Ok(Outcome::Passed) => format!("  ok       {name:<34} {secs:7.1}s"),
            Ok(Outcome::Skipped(why)) => format!("  skipped  {name:<34} ({why})"),
            Err(_) => format!("  FAILED   {name:<34} {secs:7.1}s"),
        });
        if let Err(e) = result {
            failure = Some(format!("stage `{name}` failed: {e}"));
        }
    }
    println!("\nxtask: summary\n{}", lines.join("\n"));
    match failure {
        Some(e) => Err(e),
        None => {
            println!("xtask: all stages passed");
            Ok(())
        }
    }
}

/// Release because the tests train real networks.
fn native_tests() -> Result<Outcome, String> {
    cmd::run(cmd::cargo().args([
        "test",
        "--workspace",
        "--exclude",
        "neuroglow-wasm",
        "--release",
    ]))?;
    Ok(Outcome::Passed)
}

/// tests/unit/*.test.mjs under `node --test`: the JS logic (settings and URLs, the worker
/// protocol, the scheduler, layout, theme) without a browser, against the real wasm package.
fn js_unit_tests() -> Result<Outcome, String> {
    let root = crate::root();
    let files = files_ending(&root.join("tests/unit"), ".test.mjs");
    if files.is_empty() {
        return Err("no tests/unit/*.test.mjs".into());
    }
    need_node()?;
    build::wasm_package()?;
    cmd::run(
        cmd::at_root("node")
            .args(["--test", "--test-reporter=spec"])
            .args(files.iter().map(|f| f.strip_prefix(&root).unwrap_or(f))),
    )?;
    Ok(Outcome::Passed)
}

fn chromium() -> Result<Outcome, String> {
    tools::ensure_chromium()?;
    Ok(Outcome::Passed)
}

/// The wasm facade's `wasm_bindgen_test`s, run by wasm-bindgen-test-runner through chromedriver.
fn wasm_tests() -> Result<Outcome, String> {
    let crate_dir = crate::root().join("crates/wasm");
    if files_ending(&crate_dir.join("tests"), ".rs").is_empty() {
        return Ok(Outcome::Skipped("no crates/wasm/tests/*.rs yet".into()));
    }
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen()?;
    let mut c = cmd::cargo();
    c.args([
        "test",
        "-p",
        "neuroglow-wasm",
        "--release",
        "--target",
        tools::WASM_TARGET,
    ])
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        &bindgen.test_runner,
    )
    .env("CHROMEDRIVER", tools::CHROMEDRIVER)
    // Chrome flags; the runner reads ./webdriver.json by default, this pins the path.
    .env(
        "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
        crate_dir.join("webdriver.json"),
    );
    // The runner prefers any other driver named in the environment; only Chromium is installed.
    for var in ["GECKODRIVER", "SAFARIDRIVER", "MSEDGEDRIVER", "NO_HEADLESS"] {
        c.env_remove(var).env_remove(format!("{var}_REMOTE"));
    }
    // Defaults (20 s per test binary, 5 s for the driver) are tight on a 2-core CI machine.
    for (var, secs) in [
        ("WASM_BINDGEN_TEST_TIMEOUT", "600"),
        ("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60"),
    ] {
        if std::env::var_os(var).is_none() {
            c.env(var, secs);
        }
    }
    cmd::run(&mut c)?;
    Ok(Outcome::Passed)
}

/// tests/e2e/*.test.mjs with node:test against the page served by serve.rs.
fn e2e_tests() -> Result<Outcome, String> {
    let root = crate::root();
    let files = files_ending(&root.join("tests/e2e"), ".test.mjs");
    if files.is_empty() {
        return Ok(Outcome::Skipped("no tests/e2e/*.test.mjs".into()));
    }
    need_node()?;
    build::wasm_package()?;
    // dist/ for tests/e2e/dist.test.mjs (which serves it under a sub-path); this also checks
    // its URLs and the first-view size budget.
    let dist_dir = root.join(dist::DIST_DIR);
    dist::write(&dist_dir)?;
    served_node_tests(
        "the e2e tests",
        &files,
        &[("NEUROGLOW_DIST", dist_dir.as_os_str())],
    )
}

/// tests/languages/: the catalogue test (every language has every key English has, with the
/// same placeholders; every key the code uses exists; the stylesheets are logical) and the walk of
/// every page in every language in Chromium (nothing left in English, no missing key).
fn language_tests() -> Result<Outcome, String> {
    let files = files_ending(&crate::root().join("tests/languages"), ".test.mjs");
    if files.is_empty() {
        return Err("no tests/languages/*.test.mjs".into());
    }
    need_node()?;
    tools::ensure_chromium()?;
    build::wasm_package()?;
    served_node_tests("the language tests", &files, &[])
}

fn need_node() -> Result<(), String> {
    match cmd::stdout(cmd::at_root("node").arg("--version")) {
        Some(_) => Ok(()),
        None => Err("node not found: install Node.js 20+".into()),
    }
}

/// Serves the repository on a free port and runs `files` under node:test, one file at a time,
/// with NEUROGLOW_URL pointing at it (and `env`). Files are listed explicitly: how
/// `node --test DIR` treats a directory differs across Node versions.
fn served_node_tests(
    what: &str,
    files: &[PathBuf],
    env: &[(&str, &std::ffi::OsStr)],
) -> Result<Outcome, String> {
    let root = crate::root();
    tools::ensure_npm_deps()?;
    let port = serve::spawn(serve::bind(0)?, root.clone())?;
    let url = format!("http://127.0.0.1:{port}/");
    println!("xtask: serving {url} for {what}");
    let mut c = cmd::at_root("node");
    c.args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(files.iter().map(|f| f.strip_prefix(&root).unwrap_or(f)))
        .env("NEUROGLOW_URL", &url);
    for (k, v) in env {
        c.env(k, v);
    }
    cmd::run(&mut c)?;
    Ok(Outcome::Passed)
}

/// tests/engines/core.test.mjs (the core subset of the e2e suite: XOR stepping, MNIST training,
/// drawing with mouse and touch, Share/Embed, Record, Save image, the JS API) in Firefox ESR,
/// driven over WebDriver BiDi; XOR's trained answer is compared with Chromium's to the bit.
fn firefox_e2e() -> Result<Outcome, String> {
    engine_e2e("firefox", tools::ensure_firefox)
}

/// The same in WebKitGTK's MiniBrowser through WebKitWebDriver, on an Xvfb display of its own.
fn webkit_e2e() -> Result<Outcome, String> {
    engine_e2e("webkit", tools::ensure_webkit)
}

/// Under CI (CI=true) a browser that cannot be installed fails the stage; elsewhere (no root, no
/// apt) the stage is skipped, saying why.
fn engine_e2e(engine: &str, ensure: fn() -> Result<(), String>) -> Result<Outcome, String> {
    let root = crate::root();
    let file = root.join("tests/engines/core.test.mjs");
    if !file.is_file() {
        return Err(format!("{} is missing", file.display()));
    }
    if let Err(e) = ensure() {
        if crate::ci() {
            return Err(format!("{engine} is required under CI=true: {e}"));
        }
        return Ok(Outcome::Skipped(format!("{engine} not installed: {e}")));
    }
    tools::ensure_chromium()?; // the reference answers come from Chromium
    need_node()?;
    build::wasm_package()?;
    served_node_tests(
        &format!("the {engine} tests"),
        &[file],
        &[("NEUROGLOW_ENGINE", std::ffi::OsStr::new(engine))],
    )
}

/// Files directly in `dir` whose names end with `suffix`, sorted; empty if `dir` is missing.
fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}
