//! `apifox-codegen`: turns apifox OpenAPI exports into Rust SDK crates.
//!
//! Exit codes: 0 success; 1 `check` found stale files, or a file could not
//! be written (or `init` would overwrite one); 2 usage error; 3 the spec or
//! its settings are wrong (with `--strict`, warnings count as spec errors).

mod init;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apifox_codegen::{Generated, Generator, stale_files, write_crate};
use clap::{Args, Parser, Subcommand};
use miette::Severity;

use report::Reporter;

/// See `apifox_codegen::allocator` for why this one, and how it is tuned.
#[global_allocator]
static ALLOCATOR: apifox_codegen::allocator::Allocator = apifox_codegen::allocator::Allocator;

/// Exit code: `check` found differences, or an I/O failure.
const FAILED: u8 = 1;
/// Exit code: the spec (or `codegen.toml`) is wrong.
const SPEC_ERROR: u8 = 3;

#[derive(Parser)]
#[command(
    name = "apifox-codegen",
    version,
    about = "Turns apifox OpenAPI exports into Rust SDK crates",
    after_help = "Exit codes: 0 ok, 1 stale files (check) or a write failed, 2 usage, \
                  3 spec or settings error (with --strict, warnings too)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from a spec file or folder.
    Generate(Spec),
    /// Check that a crate folder is what the spec produces; exit 1 naming
    /// the stale files if not.
    Check(Spec),
    /// Start a spec folder: `<dir>/<api>/codegen.toml` with every setting
    /// and its default, and a README.
    Init {
        /// The API's name (the folder's and the crate's).
        api: String,
        /// Where spec folders live.
        #[arg(long, default_value = "specs")]
        dir: PathBuf,
    },
}

#[derive(Args)]
struct Spec {
    /// The spec: a YAML/JSON export, an apifox Markdown page, or a folder
    /// of them (with its `codegen.toml`).
    #[arg(long)]
    spec: PathBuf,
    /// The crate folder.
    #[arg(long)]
    out: PathBuf,
    /// The crate's name (default: from the settings, else the spec's folder
    /// or file name).
    #[arg(long)]
    name: Option<String>,
    /// The settings file (default: `codegen.toml` in the spec folder).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Fail on warnings (exit 3).
    #[arg(long)]
    strict: bool,
}

impl Spec {
    fn generator(&self) -> Generator {
        let mut generator = Generator::new(&self.spec).strict(self.strict);
        if let Some(config) = &self.config {
            generator = generator.config(config);
        }
        if let Some(name) = &self.name {
            generator = generator.name(name);
        }
        generator
    }

    /// Runs the pipeline, reporting warnings or errors.
    fn generate(&self, reporter: &Reporter) -> Result<Generated, ExitCode> {
        match self.generator().generate() {
            Ok(generated) => {
                for warning in &generated.warnings {
                    reporter.diagnostic(warning);
                }
                Ok(generated)
            }
            Err(error) => {
                for diagnostic in error.diagnostics() {
                    reporter.diagnostic(diagnostic);
                }
                Err(ExitCode::from(SPEC_ERROR))
            }
        }
    }
}

fn main() -> ExitCode {
    apifox_codegen::allocator::configure();
    let cli = Cli::parse();
    let reporter = Reporter::new();
    let result = match cli.command {
        Command::Generate(spec) => generate(&spec, &reporter),
        Command::Check(spec) => check(&spec, &reporter),
        Command::Init { api, dir } => match init::init(&api, &dir) {
            Ok(files) => {
                for file in files {
                    println!("wrote {}", file.display());
                }
                Ok(())
            }
            Err(message) => {
                reporter.message(Severity::Error, message);
                Err(ExitCode::from(FAILED))
            }
        },
    };
    result.err().unwrap_or(ExitCode::SUCCESS)
}

fn generate(spec: &Spec, reporter: &Reporter) -> Result<(), ExitCode> {
    let generated = spec.generate(reporter)?;
    let written = write_crate(&spec.out, &generated.files).map_err(|error| {
        reporter.message(Severity::Error, error.to_string());
        ExitCode::from(FAILED)
    })?;
    let notes = generated
        .warnings
        .iter()
        .filter(|diagnostic| diagnostic.severity == apifox_codegen::diagnostics::Severity::Note)
        .count();
    println!(
        "generated {} ({} operations, {} types, {} warnings, {notes} notes; {} files written, {} removed)",
        spec.out.display(),
        generated.api.operations.len(),
        generated.api.types.len(),
        generated.warnings.len() - notes,
        written.changed.len(),
        written.removed.len()
    );
    Ok(())
}

fn check(spec: &Spec, reporter: &Reporter) -> Result<(), ExitCode> {
    let generated = spec.generate(reporter)?;
    if let Ok(config) = spec.generator().load_config() {
        warn_about_metadata(&spec.out, &config, reporter);
    }
    let stale = stale_files(&spec.out, &generated.files).map_err(|error| {
        reporter.message(Severity::Error, error.to_string());
        ExitCode::from(FAILED)
    })?;
    if stale.is_empty() {
        println!("{} is up to date", spec.out.display());
        return Ok(());
    }
    let list: Vec<String> = stale.iter().map(|file| format!("  {file}")).collect();
    reporter.message(
        Severity::Error,
        format!(
            "{} is not what the spec produces; run `apifox-codegen generate`:\n{}",
            spec.out.display(),
            list.join("\n")
        ),
    );
    Err(ExitCode::from(FAILED))
}

/// crates.io shows `repository`, `documentation` and `homepage`: a warning
/// (never a failure) for each that `[package]` leaves unset.
fn warn_about_metadata(out: &Path, config: &apifox_codegen::config::Config, reporter: &Reporter) {
    let missing = config.unset_links();
    if !missing.is_empty() {
        reporter.message(
            Severity::Warning,
            format!(
                "{}: `{}` unset in [package] of codegen.toml; crates.io shows {}",
                out.join("Cargo.toml").display(),
                missing.join("`, `"),
                if missing.len() == 1 { "it" } else { "them" }
            ),
        );
    }
}
