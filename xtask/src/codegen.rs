//! `cargo xtask codegen` and `cargo xtask generate`: thin wrappers around
//! [`apifox_codegen::Generator`], which also writes the files and finds the
//! stale ones (shared with the `apifox-codegen` command).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use apifox_codegen::config;
use apifox_codegen::{Generated, Generator, naming};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

/// Regenerates (or checks) `generated/<api>` for every `specs/<api>`.
pub fn codegen(check: bool) -> Result<ExitCode> {
    let root = workspace_root();
    let specs = root.join("specs");
    let generated = root.join("generated");
    let mut apis = Vec::new();
    for entry in fs::read_dir(&specs).with_context(|| format!("reading {}", specs.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            apis.push(path);
        }
    }
    apis.sort();

    let mut failed = false;
    let mut stale = Vec::new();
    for spec in &apis {
        let folder = spec
            .file_name()
            .expect("a folder has a name")
            .to_string_lossy()
            .into_owned();
        let relative = spec.strip_prefix(&root).unwrap_or(spec);
        let mut generator = Generator::new(relative).strict(true);
        if !spec.join(config::FILE_NAME).exists() {
            generator = generator.name(naming::crate_name(&folder));
        }
        let output = match generator.generate() {
            Ok(output) => output,
            Err(error) => {
                eprintln!("{error}");
                failed = true;
                continue;
            }
        };
        let out = generated.join(&folder);
        if check {
            // The same warning as `apifox-codegen check`: crates.io shows
            // these links, and they cannot be added after publishing.
            if let Ok(config) = generator.load_config() {
                let missing = config.unset_links();
                if !missing.is_empty() {
                    eprintln!(
                        "warning: specs/{folder}/codegen.toml: `{}` unset in [package]; crates.io shows them",
                        missing.join("`, `")
                    );
                }
            }
            stale.extend(
                apifox_codegen::stale_files(&out, &output.files)?
                    .iter()
                    .map(ToString::to_string),
            );
        } else {
            write(&out, &output)?;
            println!(
                "generated {} ({} operations, {} types)",
                out.strip_prefix(&root).unwrap_or(&out).display(),
                output.api.operations.len(),
                output.api.types.len()
            );
        }
    }
    // Crates whose spec is gone.
    if generated.is_dir() {
        for entry in fs::read_dir(&generated)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
            if path.is_dir() && !specs.join(&name).is_dir() {
                if check {
                    stale.push(format!("{} (no spec)", path.display()));
                } else {
                    fs::remove_dir_all(&path)?;
                    println!("removed {} (its spec is gone)", path.display());
                }
            }
        }
    }
    if check && !stale.is_empty() {
        eprintln!("generated code is stale; run `cargo xtask codegen`:");
        for file in &stale {
            eprintln!("  {file}");
        }
        return Ok(ExitCode::FAILURE);
    }
    if check && !failed {
        println!("generated/ is up to date");
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `cargo xtask generate --spec PATH --out DIR [--name NAME]`.
pub fn generate_one(
    spec: &Path,
    out: &Path,
    name: Option<String>,
    strict: bool,
) -> Result<ExitCode> {
    let mut generator = Generator::new(spec).strict(strict);
    if let Some(name) = name {
        generator = generator.name(name);
    }
    let config = generator.load_config()?;
    match generator.generate() {
        Ok(output) => {
            for warning in &output.warnings {
                eprintln!("{warning}");
            }
            write(out, &output)?;
            println!(
                "generated {} in {} ({} operations, {} types, {} warnings)",
                config.package.name,
                out.display(),
                output.api.operations.len(),
                output.api.types.len(),
                output.warnings.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("{error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Writes the crate into `out` (only files that changed), removing files of
/// an earlier generation that are no longer produced.
pub fn write(out: &Path, output: &Generated) -> Result<()> {
    apifox_codegen::write_crate(out, &output.files)?;
    Ok(())
}
