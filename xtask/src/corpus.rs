//! `cargo xtask corpus DIR`: generate a crate for every spec in a folder and
//! `cargo check` them all (library and generated tests) in one temporary
//! workspace.
//!
//! Dependencies are built once: every crate shares the workspace and its
//! target directory. A spec passes when it generates and its crate checks
//! with no warnings. A panic in the generator is that spec's failure, not
//! the run's. With `--test`, each crate that checks cleanly also runs its
//! tests (spec examples decoded and encoded back, operations against a mock
//! server): a failing one is that spec's failure.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use apifox_codegen::config::Config;
use apifox_codegen::diagnostics::Severity;
use apifox_codegen::ir::ExampleLog;
use apifox_codegen::{Options, naming};
use serde_json::Value;

use crate::codegen::{workspace_root, write};

/// One spec of the corpus and what became of it.
struct Entry {
    spec: PathBuf,
    package: String,
    outcome: Outcome,
    generator_warnings: usize,
    /// How the spec's examples fared against the generated types.
    examples: ExampleLog,
}

enum Outcome {
    Generated,
    GenError(String),
}

pub fn run(dir: &Path, workspace: Option<PathBuf>, run_tests: bool) -> Result<ExitCode> {
    let root = workspace_root();
    let workspace = workspace.unwrap_or_else(|| root.join("target/corpus"));
    if workspace.exists() {
        fs::remove_dir_all(&workspace)
            .with_context(|| format!("clearing {}", workspace.display()))?;
    }
    fs::create_dir_all(&workspace)?;

    let mut entries = Vec::new();
    for spec in specs_in(dir)? {
        let stem = spec
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let package = naming::crate_name(&stem);
        let config = match Config::for_spec(&spec) {
            Ok(Some(config)) => Config {
                package: apifox_codegen::config::Package {
                    name: package.clone(),
                    ..config.package
                },
                ..config
            },
            Ok(None) => Config::named(&package),
            Err(error) => {
                entries.push(Entry {
                    spec,
                    package,
                    outcome: Outcome::GenError(first_line(&error.to_string())),
                    generator_warnings: 0,
                    examples: ExampleLog::default(),
                });
                continue;
            }
        };
        let outcome = match generate_catching_panics(&spec, &config) {
            Ok(output) => {
                write(&workspace.join(&package), &output)?;
                let warnings = output
                    .warnings
                    .iter()
                    .filter(|diagnostic| diagnostic.severity == Severity::Warning)
                    .count();
                entries.push(Entry {
                    spec,
                    package,
                    outcome: Outcome::Generated,
                    generator_warnings: warnings,
                    examples: output.api.examples.clone(),
                });
                continue;
            }
            Err(message) => Outcome::GenError(message),
        };
        entries.push(Entry {
            spec,
            package,
            outcome,
            generator_warnings: 0,
            examples: ExampleLog::default(),
        });
    }

    let members: Vec<&str> = entries
        .iter()
        .filter(|entry| matches!(entry.outcome, Outcome::Generated))
        .map(|entry| entry.package.as_str())
        .collect();
    let checks = if members.is_empty() {
        BTreeMap::new()
    } else {
        check(&root, &workspace, &members)?
    };

    // Crates with a feature per module: each module on its own must build,
    // with its dependencies' features and nothing else.
    let clean = |member: &&&str| {
        checks
            .get(**member)
            .is_none_or(|check| check.errors.is_empty() && check.warnings == 0)
    };
    let mut feature_failures: BTreeMap<&str, String> = BTreeMap::new();
    for member in members.iter().filter(clean) {
        if let Some(failure) = check_module_features(&root, &workspace, member)? {
            feature_failures.insert(member, failure);
        }
    }
    // Tests only of crates that check cleanly: the others fail already.
    let tested: BTreeMap<&str, Result<(), String>> = if run_tests {
        members
            .iter()
            .filter(clean)
            .map(|member| Ok((*member, test(&root, &workspace, member)?)))
            .collect::<Result<_>>()?
    } else {
        BTreeMap::new()
    };

    let mut passed = 0;
    let mut failed = 0;
    for entry in &entries {
        let name = entry.spec.file_name().unwrap_or_default().to_string_lossy();
        let line = match &entry.outcome {
            Outcome::GenError(message) => format!("gen-error: {message}"),
            Outcome::Generated => match checks.get(&entry.package) {
                Some(Check { errors, .. }) if !errors.is_empty() => {
                    format!("check-error: {}", errors[0])
                }
                Some(Check { warnings, .. }) if *warnings > 0 => format!("warnings: {warnings}"),
                _ if feature_failures.contains_key(entry.package.as_str()) => {
                    format!(
                        "feature-error: {}",
                        feature_failures[entry.package.as_str()]
                    )
                }
                _ if matches!(tested.get(entry.package.as_str()), Some(Err(_))) => {
                    let Some(Err(failure)) = tested.get(entry.package.as_str()) else {
                        unreachable!("matched above");
                    };
                    format!("test-failure: {failure}")
                }
                _ => {
                    let note = match entry.generator_warnings {
                        0 => String::new(),
                        n => format!(" ({n} generator warning{})", if n == 1 { "" } else { "s" }),
                    };
                    println!("{name}: ok{note}");
                    passed += 1;
                    continue;
                }
            },
        };
        println!("{name}: {line}");
        failed += 1;
    }
    print_example_fidelity(&entries);
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The specs of `dir`: spec files and spec folders, in name order.
fn specs_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let is_spec_file = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                matches!(
                    extension.to_ascii_lowercase().as_str(),
                    "json" | "yaml" | "yml" | "md"
                )
            });
        if path.is_dir() || is_spec_file {
            specs.push(path);
        }
    }
    specs.sort();
    if specs.is_empty() {
        bail!("no specs in {}", dir.display());
    }
    Ok(specs)
}

/// The example-fidelity report: per spec and in total, the request and
/// response examples found and how many decode into their generated type,
/// then the misfits grouped by reason, each with where it is.
fn print_example_fidelity(entries: &[Entry]) {
    let ratio = |(found, fit): (usize, usize)| match (fit * 100).checked_div(found) {
        Some(percent) => format!("{fit}/{found} decode ({percent}%)"),
        None => "none".to_owned(),
    };
    println!("\n## Example fidelity\n");
    let mut requests = (0, 0);
    let mut responses = (0, 0);
    let mut by_reason: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Misfits that are apifox placeholders, (requests, responses).
    let mut placeholders = (0, 0);
    for entry in entries {
        let log = &entry.examples;
        if log.requests.0 + log.responses.0 == 0 {
            continue;
        }
        let name = entry.spec.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "- {name}: requests {}, responses {}",
            ratio(log.requests),
            ratio(log.responses)
        );
        requests = (requests.0 + log.requests.0, requests.1 + log.requests.1);
        responses = (responses.0 + log.responses.0, responses.1 + log.responses.1);
        for misfit in &log.misfits {
            let side = if misfit.request {
                "request"
            } else {
                "response"
            };
            if misfit.placeholder {
                if misfit.request {
                    placeholders.0 += 1;
                } else {
                    placeholders.1 += 1;
                }
            }
            by_reason
                .entry(format!("{side}: {}", misfit.reason))
                .or_default()
                .push(format!("{name}{} at `{}`", misfit.at, misfit.path));
        }
    }
    println!(
        "\nIn total: requests {}, responses {}.",
        ratio(requests),
        ratio(responses)
    );
    if placeholders != (0, 0) {
        // Placeholders record nothing a server sent; the figures without
        // them say how well the recorded bodies decode.
        println!(
            "Without the {} placeholders apifox filled in (every value empty or zero): requests \
             {}, responses {}.",
            placeholders.0 + placeholders.1,
            ratio((requests.0 - placeholders.0, requests.1)),
            ratio((responses.0 - placeholders.1, responses.1))
        );
    }
    if !by_reason.is_empty() {
        println!("\nSkipped examples, by reason:\n");
        let mut reasons: Vec<(&String, &Vec<String>)> = by_reason.iter().collect();
        reasons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (reason, places) in reasons {
            println!("- {reason} ({}):", places.len());
            for place in places {
                println!("  - {place}");
            }
        }
    }
    println!();
}

/// Runs the generator, turning a panic into an error message.
fn generate_catching_panics(
    spec: &Path,
    config: &Config,
) -> std::result::Result<apifox_codegen::Generated, String> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        apifox_codegen::generate(spec, config, Options::default())
    }));
    panic::set_hook(previous);
    match result {
        Ok(Ok(output)) => Ok(output),
        Ok(Err(error)) => Err(first_line(&error.to_string())),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    payload
                        .downcast_ref::<&str>()
                        .map(|text| (*text).to_owned())
                })
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(format!("the generator panicked: {}", first_line(&message)))
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

#[derive(Default)]
struct Check {
    errors: Vec<String>,
    warnings: usize,
}

/// `cargo check`s the workspace of `members` with the project's target
/// directory (so dependencies built for the project are reused), keeping
/// going past failing crates, and collects each crate's diagnostics.
fn check(root: &Path, workspace: &Path, members: &[&str]) -> Result<BTreeMap<String, Check>> {
    let mut manifest = String::from("[workspace]\nresolver = \"3\"\nmembers = [\n");
    for member in members {
        manifest.push_str(&format!("    \"{member}\",\n"));
    }
    manifest.push_str("]\n");
    fs::write(workspace.join("Cargo.toml"), manifest)?;
    // Start from the project's lock file, so the same dependency versions
    // are chosen and their builds reused.
    if let Ok(lock) = fs::read(root.join("Cargo.lock")) {
        fs::write(workspace.join("Cargo.lock"), lock)?;
    }
    let output = cargo(root, workspace)
        .args([
            "check",
            "--workspace",
            // The generated tests too: a warning there is a generator bug.
            "--all-targets",
            "--keep-going",
            "--message-format=json",
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo check")?;
    let mut checks: BTreeMap<String, Check> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let Some(package) = package_name(&message["package_id"]) else {
            continue;
        };
        if !members.contains(&package.as_str()) {
            continue;
        }
        let check = checks.entry(package).or_default();
        let diagnostic = &message["message"];
        match diagnostic["level"].as_str() {
            Some("error") => {
                let text = diagnostic["message"].as_str().unwrap_or_default();
                let place = diagnostic["spans"]
                    .as_array()
                    .and_then(|spans| spans.iter().find(|span| span["is_primary"] == true))
                    .map(|span| {
                        format!(
                            " at {}:{}",
                            span["file_name"].as_str().unwrap_or_default(),
                            span["line_start"]
                        )
                    })
                    .unwrap_or_default();
                check.errors.push(format!("{text}{place}"));
            }
            // The closing "N warnings emitted" summary has no spans.
            Some("warning")
                if diagnostic["spans"]
                    .as_array()
                    .is_some_and(|spans| !spans.is_empty()) =>
            {
                check.warnings += 1;
            }
            _ => {}
        }
    }
    Ok(checks)
}

/// For a crate with a feature per module (`all-modules`), `cargo check`s
/// each module's feature alone; the first that fails or warns, with why.
fn check_module_features(root: &Path, workspace: &Path, member: &str) -> Result<Option<String>> {
    let manifest: toml::Table = toml::from_str(&fs::read_to_string(
        workspace.join(member).join("Cargo.toml"),
    )?)?;
    let Some(modules) = manifest
        .get("features")
        .and_then(|features| features.get("all-modules"))
        .and_then(toml::Value::as_array)
    else {
        return Ok(None);
    };
    for feature in modules.iter().filter_map(toml::Value::as_str) {
        let output = cargo(root, workspace)
            .args([
                "check",
                "--quiet",
                "-p",
                member,
                "--no-default-features",
                "--features",
            ])
            .arg(format!("rustls-ring,{feature}"))
            .output()
            .context("running cargo check")?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let problem = stderr
            .lines()
            .find(|line| line.starts_with("error") || line.starts_with("warning"));
        if !output.status.success() || problem.is_some() {
            let problem = problem.unwrap_or("the check failed");
            return Ok(Some(format!("`{feature}` alone: {problem}")));
        }
    }
    Ok(None)
}

/// Runs the tests of `member` in the corpus workspace; `Err` holds the
/// first failing test's name, or the first line of the error.
fn test(root: &Path, workspace: &Path, member: &str) -> Result<Result<(), String>> {
    let output = cargo(root, workspace)
        .args(["test", "--quiet", "--no-fail-fast", "-p", member])
        .output()
        .context("running cargo test")?;
    if output.status.success() {
        return Ok(Ok(()));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failure = stdout
        .lines()
        .find_map(|line| {
            line.strip_prefix("---- ")
                .map(|rest| rest.trim_end_matches(" stdout ----").to_owned())
        })
        .or_else(|| {
            stderr
                .lines()
                .find(|line| line.starts_with("error"))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "the tests failed".to_owned());
    Ok(Err(failure))
}

/// Cargo, run in a workspace of generated crates (the corpus's, or the
/// check-time bench's) with the project's target directory, so that
/// dependencies built for the project are reused. Incremental state is
/// off: each corpus crate is built once, and it would be gigabytes of disk
/// kept for nothing (the bench sets it per run).
pub(crate) fn cargo(root: &Path, workspace: &Path) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// The package name in a cargo package id: `path+file:///…/dir#0.1.0`,
/// `path+file:///…/dir#name@0.1.0`, or the older `name 0.1.0 (…)`.
fn package_name(id: &Value) -> Option<String> {
    let id = id.as_str()?;
    match id.split_once('#') {
        Some((_, fragment)) if fragment.contains('@') => {
            fragment.split('@').next().map(str::to_owned)
        }
        Some((url, _)) => url.rsplit('/').next().map(str::to_owned),
        None => id.split_whitespace().next().map(str::to_owned),
    }
}
