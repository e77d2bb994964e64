//! Running child processes with errors that say which command failed.

use std::process::{Command, Stdio};

/// `cargo`, the same one that is running xtask (cargo sets `$CARGO` for `cargo run`).
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(crate::root());
    cmd
}

/// A command run from the repository root.
pub fn at_root(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(crate::root());
    cmd
}

/// Runs with output streamed to the terminal; Err unless it exits 0.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    println!("xtask: $ {}", describe(cmd));
    // No stdin: CI has none, and nothing here should ever prompt.
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Trimmed stdout of a successful run; None if the program is missing or fails.
pub fn stdout(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The command line as a person would type it, for logs and errors.
pub fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
