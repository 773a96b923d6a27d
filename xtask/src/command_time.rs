//! The last table of `cargo xtask bench`: the `apifox-codegen generate`
//! command timed as a user runs it, a process of its own from start to
//! exit, printing its diagnostics and writing every file.
//!
//! The pipeline table times the library's stages. Printing a spec's
//! warnings and notes with the lines they point at happens in the command
//! only, and once took a quarter of a run on the ~180-operation export
//! without showing there; this table is where such costs show.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Builds the command (release) and prints how long it takes on each of
/// `inputs` (label and spec path): one untimed run first, then `runs`
/// timed ones, each into a fresh folder under `scratch`.
pub fn table(root: &Path, inputs: &[(&str, &Path)], runs: usize, scratch: &Path) -> Result<()> {
    eprintln!("bench: building the apifox-codegen command");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let built = Command::new(cargo)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .args([
            "build",
            "--quiet",
            "--release",
            "--package",
            "apifox-codegen",
            "--bin",
            "apifox-codegen",
        ])
        .status()
        .context("running cargo build")?;
    if !built.success() {
        bail!("building the apifox-codegen command failed");
    }
    let binary = root.join("target/release/apifox-codegen");

    println!(
        "\n## The `apifox-codegen generate` command (median of {runs} runs after one untimed, wall clock of the whole process)\n"
    );
    println!("| input | milliseconds (median) | fastest–slowest |");
    println!("|---|--:|--:|");
    for (label, spec) in inputs {
        eprintln!("bench: the command on {label}");
        let out = scratch.join("command-out");
        generate(&binary, spec, &out)?;
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| generate(&binary, spec, &out))
            .collect::<Result<_>>()?;
        times.sort();
        let milliseconds = |time: Duration| time.as_secs_f64() * 1000.0;
        println!(
            "| {label} | {:.0} | {:.0}–{:.0} |",
            milliseconds(times[runs / 2]),
            milliseconds(times[0]),
            milliseconds(times[runs - 1]),
        );
    }
    Ok(())
}

/// Runs `binary generate` on `spec` into `out`, emptied first so that
/// every file is written; returns how long the process took.
fn generate(binary: &Path, spec: &Path, out: &Path) -> Result<Duration> {
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    let mut command = Command::new(binary);
    command
        .arg("generate")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        // Printed all the same (the reporter does not look where stderr
        // goes but for colour), and never blocking on a full pipe.
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("running {}", binary.display()))?;
    let elapsed = start.elapsed();
    if !status.success() {
        bail!("apifox-codegen generate failed on {}", spec.display());
    }
    Ok(elapsed)
}
