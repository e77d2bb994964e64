//! The wasm package the page loads: www/pkg/neuroglow_wasm{.js,_bg.wasm,.d.ts}.

use crate::{cmd, tools};
use std::path::PathBuf;

pub const PKG_DIR: &str = "www/pkg";

/// Ensures the tools, compiles neuroglow-wasm for the browser and runs wasm-bindgen.
/// Cargo's incremental build makes a re-run after an edit cheap.
pub fn wasm_package() -> Result<tools::Bindgen, String> {
    tools::ensure_wasm_target()?;
    let bindgen = tools::ensure_wasm_bindgen()?;
    // +simd128 comes from .cargo/config.toml's [target.wasm32-unknown-unknown].
    cmd::run(cmd::cargo().args([
        "build",
        "-p",
        "neuroglow-wasm",
        "--release",
        "--target",
        tools::WASM_TARGET,
    ]))?;
    let wasm = target_dir()
        .join(tools::WASM_TARGET)
        .join("release")
        .join("neuroglow_wasm.wasm");
    // Typescript output stays on: the .d.ts documents the facade for the JS side. The name
    // section (function names, for debuggers: 60 KB, a fifth of the page's first view in gzip)
    // stays out of what the pages load; panics report their own file and line.
    cmd::run(
        cmd::at_root(&bindgen.cli)
            .args([
                "--target",
                "web",
                "--remove-name-section",
                "--out-dir",
                PKG_DIR,
            ])
            .arg(&wasm),
    )?;
    Ok(bindgen)
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => crate::root().join(dir), // join keeps an absolute dir as is
        None => crate::root().join("target"),
    }
}
