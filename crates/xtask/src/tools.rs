//! Making sure the outside tools exist, installing what is missing.
//!
//! A fresh machine (and CI) has Rust, Node and apt but nothing project-specific,
//! so every tool the pipeline needs is checked here and installed on demand.

use crate::cmd;
use std::path::{Path, PathBuf};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn ensure_wasm_target() -> Result<(), String> {
    let Some(installed) =
        cmd::stdout(cmd::at_root("rustup").args(["target", "list", "--installed"]))
    else {
        // A toolchain without rustup: let cargo report a missing target itself.
        println!("xtask: rustup not found; assuming the {WASM_TARGET} target is available");
        return Ok(());
    };
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    cmd::run(cmd::at_root("rustup").args(["target", "add", WASM_TARGET]))
}

/// Where `wasm-bindgen` and its test runner live once checked.
pub struct Bindgen {
    pub cli: PathBuf,
    pub test_runner: PathBuf,
}

/// wasm-bindgen-cli must match the `wasm-bindgen` crate in Cargo.lock exactly,
/// or the generated glue refuses the module's schema.
pub fn ensure_wasm_bindgen() -> Result<Bindgen, String> {
    let lock_path = crate::root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let want = lock_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no `wasm-bindgen` package; is neuroglow-wasm in the workspace?")?;

    if let Some(found) = find_bindgen(&want) {
        return Ok(found);
    }
    println!("xtask: installing wasm-bindgen-cli {want} (matches Cargo.lock; takes a few minutes)");
    cmd::run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    find_bindgen(&want).ok_or_else(|| {
        format!(
            "installed wasm-bindgen-cli {want} but cannot find it in {} or on PATH",
            cargo_bin().display()
        )
    })
}

/// The first directory holding both binaries at exactly `version`.
/// Cargo's bin directory goes first: that is where `cargo install` puts them.
fn find_bindgen(version: &str) -> Option<Bindgen> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::iter::once(cargo_bin())
        .chain(std::env::split_paths(&path))
        .map(|dir| Bindgen {
            cli: dir.join("wasm-bindgen"),
            test_runner: dir.join("wasm-bindgen-test-runner"),
        })
        .find(|b| {
            tool_version(&b.cli).as_deref() == Some(version)
                && tool_version(&b.test_runner).as_deref() == Some(version)
        })
}

fn cargo_bin() -> PathBuf {
    if let Some(root) = std::env::var_os("CARGO_INSTALL_ROOT") {
        return PathBuf::from(root).join("bin");
    }
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// `wasm-bindgen 0.2.130` -> `0.2.130`.
fn tool_version(program: &Path) -> Option<String> {
    if !program.is_file() {
        return None;
    }
    let out = cmd::stdout(std::process::Command::new(program).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

/// The version of package `name` in a Cargo.lock (the first, if several).
pub fn lock_version(lock: &str, name: &str) -> Option<String> {
    for block in lock.split("[[package]]").skip(1) {
        let (mut found_name, mut version) = (None, None);
        for line in block.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                break; // a following table such as [metadata]
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"');
            match key.trim() {
                "name" => found_name = Some(value),
                "version" => version = Some(value),
                _ => {}
            }
        }
        if found_name == Some(name) {
            return version.map(str::to_string);
        }
    }
    None
}

/// Chromium and its driver from Debian: Playwright's own browser download is not
/// reachable here, and the distro pair always matches each other.
pub fn ensure_chromium() -> Result<(), String> {
    ensure_apt(&[CHROMIUM, CHROMEDRIVER], &["chromium", "chromium-driver"])
}

/// Firefox ESR from Debian, driven over WebDriver BiDi by puppeteer-core (tests/engines).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// WebKitGTK's WebDriver; the package brings libwebkit2gtk and its MiniBrowser, which it drives.
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// MiniBrowser has no headless mode: it runs on an X server of its own.
pub const XVFB: &str = "/usr/bin/Xvfb";

pub fn ensure_firefox() -> Result<(), String> {
    ensure_apt(&[FIREFOX], &["firefox-esr"])
}

pub fn ensure_webkit() -> Result<(), String> {
    ensure_apt(&[WEBKIT_DRIVER, XVFB], &["webkit2gtk-driver", "xvfb"])?;
    minibrowser()
        .map(|_| ())
        .ok_or_else(|| "webkit2gtk-driver is installed but no MiniBrowser was found under /usr/lib/*/webkit*gtk-*/".into())
}

/// WebKitGTK's MiniBrowser (…/webkit2gtk-4.1/MiniBrowser on Debian 12, webkitgtk-6.0 later).
pub fn minibrowser() -> Option<PathBuf> {
    let libs = [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib",
    ];
    libs.iter()
        .filter_map(|lib| std::fs::read_dir(lib).ok())
        .flat_map(|dir| dir.flatten().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("webkit2gtk-") || n.starts_with("webkitgtk-"))
        })
        .map(|p| p.join("MiniBrowser"))
        .find(|p| p.is_file())
}

/// Installs Debian `packages` with apt-get (as root) unless every one of `files` exists.
fn ensure_apt(files: &[&str], packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !Path::new(f).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "xtask: {} missing; installing {} with apt-get (needs root)",
        missing.join(", "),
        packages.join(" ")
    );
    let apt = || {
        let mut c = cmd::at_root("apt-get");
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    cmd::run(apt().arg("update"))?;
    cmd::run(apt().args(["install", "-y"]).args(packages))?;
    for needed in files {
        if !Path::new(needed).is_file() {
            return Err(format!(
                "apt-get installed {} but {needed} is still missing",
                packages.join(" ")
            ));
        }
    }
    Ok(())
}

/// `npm ci` in tests/ when node_modules is missing or was installed from another lock.
pub fn ensure_npm_deps() -> Result<(), String> {
    let dir = crate::root().join("tests");
    let lock_path = dir.join("package-lock.json");
    let lock = std::fs::read(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    // A copy of the lock that was installed; comparing it avoids a hash crate.
    let stamp = dir.join("node_modules").join(".neuroglow-installed-lock");
    if std::fs::read(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    if cmd::stdout(cmd::at_root("npm").arg("--version")).is_none() {
        return Err(
            "npm not found: install Node.js 20+ with npm (apt-get install -y nodejs npm)".into(),
        );
    }
    cmd::run(
        cmd::at_root("npm")
            .current_dir(&dir)
            .args(["ci", "--no-audit", "--no-fund"]),
    )?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

#[cfg(test)]
mod tests {
    use super::lock_version;

    const LOCK: &str = r#"
# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "quote",
 "wasm-bindgen-macro-support",
]

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "a0181c14"
dependencies = [
 "cfg-if",
]

[[package]]
name = "xtask"
version = "0.1.0"

[metadata]
name = "not-a-package"
"#;

    #[test]
    fn finds_the_exact_package_not_a_prefix() {
        assert_eq!(
            lock_version(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            lock_version(LOCK, "wasm-bindgen-macro").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(lock_version(LOCK, "xtask").as_deref(), Some("0.1.0"));
    }

    #[test]
    fn missing_package_is_none() {
        assert_eq!(lock_version(LOCK, "wasm"), None);
        assert_eq!(lock_version(LOCK, "not-a-package"), None);
        assert_eq!(lock_version("", "wasm-bindgen"), None);
    }

    #[test]
    fn reads_the_real_lock() {
        let lock = std::fs::read_to_string(crate::root().join("Cargo.lock")).unwrap();
        let v = lock_version(&lock, "wasm-bindgen").expect("wasm-bindgen in Cargo.lock");
        assert!(v.starts_with("0.2."), "{v}");
    }
}
