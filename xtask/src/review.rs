//! `cargo xtask review [--base REF] [--check] [--changelog]`: what the
//! spec changes since REF do to each generated crate's Rust API (see
//! `apifox_codegen::review`), as Markdown for a pull request.
//!
//! The specs at REF come out of git (`git archive`) into a temporary
//! folder, so the work tree is never touched.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use apifox_codegen::config::{self, Config};
use apifox_codegen::review::{self, ApiReview, Input, changelog};
use apifox_codegen::{Analyzed, naming};

/// Runs the review; see the module docs.
pub fn run(
    root: &Path,
    base: Option<String>,
    check: bool,
    changelog_wanted: bool,
) -> Result<ExitCode> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let base = match base {
        Some(base) => base,
        None => merge_base(&root)?,
    };
    let snapshot = tempfile::tempdir().context("making a temporary folder")?;
    extract_specs(&root, &base, snapshot.path())?;
    let base_specs = snapshot.path().join("specs");
    let head_specs = root.join("specs");

    let mut names = BTreeSet::new();
    for folder in [&base_specs, &head_specs] {
        if folder.is_dir() {
            for entry in fs::read_dir(folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    names.insert(
                        path.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                    );
                }
            }
        }
    }

    let mut reviews = Vec::new();
    for name in &names {
        let old = side(&base_specs.join(name), name)
            .with_context(|| format!("reading `specs/{name}` at {base}"))?;
        let new = side(&head_specs.join(name), name)
            .with_context(|| format!("reading `specs/{name}` in the work tree"))?;
        fn input(side: &Option<(Analyzed, Config)>) -> Option<Input<'_>> {
            side.as_ref().map(|(analyzed, config)| Input {
                api: &analyzed.api,
                sources: &analyzed.sources,
                version: &config.package.version,
            })
        }
        // The work tree's name, else the base's (an API removed).
        let crate_name = new
            .as_ref()
            .or(old.as_ref())
            .map_or_else(|| name.clone(), |(_, config)| config.package.name.clone());
        reviews.push(review::review(&crate_name, input(&old), input(&new)));
    }

    let base_prefix = format!("{}/", snapshot.path().display());
    let root_prefix = format!("{}/", root.display());
    let report = review::markdown(&reviews)
        .replace(&base_prefix, &format!("{base}:"))
        .replace(&root_prefix, "");
    println!("{report}");

    if changelog_wanted {
        for (name, review) in names.iter().zip(&reviews) {
            write_changelog(&head_specs.join(name), review)?;
        }
    }
    let short: Vec<&ApiReview> = reviews
        .iter()
        .filter(|review| !review.version_ok())
        .collect();
    if check && !short.is_empty() {
        for review in short {
            eprintln!(
                "error: `{}` is at {} but its changes need at least {}: bump `version` in codegen.toml",
                review.name,
                review.head_version.as_deref().unwrap_or("?"),
                review.required.as_deref().unwrap_or("?"),
            );
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The API in `folder` read up to the IR, with its settings; `None` when
/// the folder does not exist on that side.
fn side(folder: &Path, name: &str) -> Result<Option<(Analyzed, Config)>> {
    if !folder.is_dir() {
        return Ok(None);
    }
    let config =
        Config::for_spec(folder)?.unwrap_or_else(|| Config::named(&naming::crate_name(name)));
    let analyzed = apifox_codegen::analyze(folder, &config)?;
    Ok(Some((analyzed, config)))
}

/// Adds the review's entry, under the work tree's version, to the
/// changelog of the spec folder (`codegen` copies it into the crate).
fn write_changelog(folder: &Path, review: &ApiReview) -> Result<()> {
    let Some(version) = review.head_version.as_deref() else {
        return Ok(());
    };
    let Some(entry) = changelog::entry(review, version) else {
        return Ok(());
    };
    let path = folder.join(config::CHANGELOG);
    let existing = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, changelog::update(&existing, version, &entry))
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The merge base of `HEAD` and `main` (or `origin/main`).
fn merge_base(root: &Path) -> Result<String> {
    for main in ["main", "origin/main"] {
        let output = Command::new("git")
            .args(["merge-base", "HEAD", main])
            .current_dir(root)
            .stderr(Stdio::null())
            .output()
            .context("running git")?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned());
        }
    }
    bail!("no merge base with `main`: pass --base REF")
}

/// Writes the `specs/` folder of `reference` into `into`.
fn extract_specs(root: &Path, reference: &str, into: &Path) -> Result<()> {
    let archive = Command::new("git")
        .args(["archive", "--format=tar", reference, "--", "specs"])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running git archive")?;
    let output = archive.wait_with_output()?;
    if !output.status.success() {
        // A reference without `specs/` has no APIs to compare against.
        let message = String::from_utf8_lossy(&output.stderr);
        if message.contains("did not match any files") {
            return Ok(());
        }
        bail!("git archive {reference}: {}", message.trim());
    }
    let mut tar = Command::new("tar")
        .args(["-x", "-C"])
        .arg(into)
        .stdin(Stdio::piped())
        .spawn()
        .context("running tar")?;
    use std::io::Write as _;
    tar.stdin
        .take()
        .context("tar's stdin")?
        .write_all(&output.stdout)?;
    if !tar.wait()?.success() {
        bail!("tar could not unpack the specs of {reference}");
    }
    Ok(())
}
