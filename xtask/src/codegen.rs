//! `cargo xtask codegen` and `cargo xtask generate`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use apifox_codegen::config::Config;
use apifox_codegen::{Generated, Options, naming};

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
        let config = match Config::for_spec(spec) {
            Ok(config) => config.unwrap_or_else(|| Config::named(&naming::crate_name(&folder))),
            Err(error) => {
                eprintln!("{error}");
                failed = true;
                continue;
            }
        };
        let relative = spec.strip_prefix(&root).unwrap_or(spec);
        let output = match apifox_codegen::generate(relative, &config, Options { strict: true }) {
            Ok(output) => output,
            Err(error) => {
                eprintln!("{error}");
                failed = true;
                continue;
            }
        };
        let out = generated.join(&folder);
        if check {
            stale.extend(differences(&out, &output)?);
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
    let mut config = match Config::for_spec(spec)? {
        Some(config) => config,
        None => {
            let stem = spec
                .file_stem()
                .unwrap_or(spec.as_os_str())
                .to_string_lossy();
            Config::named(&naming::crate_name(&stem))
        }
    };
    if let Some(name) = name {
        config.package.name = name;
    }
    match apifox_codegen::generate(spec, &config, Options { strict }) {
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

/// Writes the crate into `out`, removing files of an earlier generation that
/// are no longer produced.
pub fn write(out: &Path, output: &Generated) -> Result<()> {
    for existing in existing_files(out)? {
        if !output.files.files.contains_key(&existing) {
            fs::remove_file(out.join(&existing))?;
        }
    }
    for (relative, content) in &output.files.files {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(())
}

/// The files of `out` that differ from `output`, as messages.
fn differences(out: &Path, output: &Generated) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let existing: BTreeSet<PathBuf> = existing_files(out)?.into_iter().collect();
    for (relative, content) in &output.files.files {
        let path = out.join(relative);
        match fs::read_to_string(&path) {
            Ok(current) if &current == content => {}
            Ok(_) => found.push(format!("{} (differs)", path.display())),
            Err(_) => found.push(format!("{} (missing)", path.display())),
        }
    }
    for relative in existing {
        if !output.files.files.contains_key(&relative) {
            found.push(format!(
                "{} (no longer generated)",
                out.join(relative).display()
            ));
        }
    }
    Ok(found)
}

/// Every file under `out`, relative to it; build output is not ours.
fn existing_files(out: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !out.is_dir() {
        return Ok(files);
    }
    let mut pending = vec![out.to_owned()];
    while let Some(directory) = pending.pop() {
        for entry in fs::read_dir(&directory)? {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name == "target") {
                    continue;
                }
                pending.push(path);
            } else {
                files.push(path.strip_prefix(out).expect("under out").to_owned());
            }
        }
    }
    files.sort();
    Ok(files)
}
