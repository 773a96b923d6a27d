//! Project automation, run as `cargo xtask <command>`.
//!
//! - `codegen [--check]`: regenerate every crate in `generated/` from
//!   `specs/` (or check that they are up to date);
//! - `generate --spec PATH --out DIR [--name NAME]`: generate one crate from
//!   any spec file or folder;
//! - `corpus DIR`: generate and `cargo check` a crate for every spec in DIR;
//! - `bench [--quick]`: time each pipeline stage against the parse floor;
//!   `bench --check-time`: time `cargo check` of a generated crate;
//! - `fuzz [--runs N] [--seed S]`: the generator on mutated real specs;
//! - `review [--base REF] [--check] [--changelog]`: what the spec changes
//!   since REF do to each crate's Rust API, and the version they need.

mod bench;
mod check_time;
mod codegen;
mod command_time;
mod corpus;
mod fuzz;
mod review;
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The generator's allocator, for the same reasons as the command's
/// (`apifox_codegen::allocator`); `cargo xtask bench` measures with it.
#[global_allocator]
static ALLOCATOR: apifox_codegen::allocator::Allocator = apifox_codegen::allocator::Allocator;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every crate in `generated/` from `specs/`.
    Codegen {
        /// Only check that `generated/` is up to date; exit non-zero and name
        /// the stale files if it is not.
        #[arg(long)]
        check: bool,
    },
    /// Generate a crate from one spec file or folder.
    Generate {
        /// The spec: a YAML/JSON export, an apifox Markdown page, or a
        /// folder of them.
        #[arg(long)]
        spec: PathBuf,
        /// Where to write the crate.
        #[arg(long)]
        out: PathBuf,
        /// The crate's name (default: from `codegen.toml`, else the spec's
        /// file name).
        #[arg(long)]
        name: Option<String>,
        /// Fail on warnings.
        #[arg(long)]
        strict: bool,
    },
    /// Report what the spec changes since a git reference do to each
    /// crate's Rust API (Markdown for a pull request).
    Review {
        /// The reference to compare with (default: the merge base with
        /// `main`).
        #[arg(long)]
        base: Option<String>,
        /// Exit non-zero when a crate's `version` is lower than its
        /// changes need.
        #[arg(long)]
        check: bool,
        /// Add the changes to `specs/<api>/CHANGELOG.md` under the
        /// crate's version.
        #[arg(long)]
        changelog: bool,
        /// The repository to review (default: this one).
        #[arg(long)]
        repo: Option<PathBuf>,
    },
    /// Time each pipeline stage on real and synthetic specs (run with
    /// `--release`).
    Bench {
        /// 3 runs per figure instead of 5.
        #[arg(long)]
        quick: bool,
        /// Instead of timing, write the synthetic export of this many
        /// operations to `--out` (to profile or read it).
        #[arg(long, requires = "out")]
        synthetic: Option<usize>,
        /// Where `--synthetic` writes the export.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Instead of the pipeline, time `cargo check` of the crate
        /// generated from the ~180-operation corpus export, against
        /// openapi-generator's recorded figure.
        #[arg(long, conflicts_with = "synthetic")]
        check_time: bool,
        /// Time only the inputs whose label contains this text
        /// (`--only "synthetic 5000"`, `--only wooshpay`): a quicker
        /// before-and-after of one change.
        #[arg(long)]
        only: Option<String>,
        /// Also time this spec (a file or a folder; repeatable), such as
        /// an export of your own: how far it is from its parse floor.
        #[arg(long = "spec", value_name = "PATH")]
        specs: Vec<PathBuf>,
    },
    /// Generate and `cargo check` a crate for every spec in a folder.
    Corpus {
        /// The folder of specs.
        dir: PathBuf,
        /// Where to put the temporary workspace (default:
        /// `target/corpus`).
        #[arg(long)]
        workspace: Option<PathBuf>,
        /// Also run each crate's tests (its examples, round trips and
        /// operations against a mock server), not only `cargo check`.
        #[arg(long)]
        test: bool,
    },
    /// Mutate real specs at random; the generator must neither panic nor
    /// hang, and its errors must point into the mutant.
    Fuzz {
        /// How many mutants.
        #[arg(long, default_value_t = 300)]
        runs: usize,
        /// The random seed (a run is replayed by its seed and run count).
        #[arg(long, default_value_t = fuzz::DEFAULT_SEED)]
        seed: u64,
        /// The folder of specs (default: `../shared/apifox-corpus/open`
        /// beside the workspace; skipped if absent).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// How long one mutant may take before it is a hang.
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
    },
}

fn main() -> ExitCode {
    apifox_codegen::allocator::configure();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check } => codegen::codegen(check),
        Command::Generate {
            spec,
            out,
            name,
            strict,
        } => codegen::generate_one(&spec, &out, name, strict),
        Command::Corpus {
            dir,
            workspace,
            test,
        } => corpus::run(&dir, workspace, test),
        Command::Bench {
            synthetic: Some(operations),
            out: Some(out),
            ..
        } => std::fs::write(&out, synthetic::spec(operations))
            .map(|()| ExitCode::SUCCESS)
            .map_err(anyhow::Error::from),
        Command::Bench {
            check_time: true, ..
        } => check_time::run(),
        Command::Bench {
            quick, only, specs, ..
        } => bench::run(quick, only.as_deref(), &specs),
        Command::Fuzz {
            runs,
            seed,
            dir,
            timeout_ms,
        } => fuzz::run(fuzz::Settings {
            runs,
            seed,
            dir,
            timeout: std::time::Duration::from_millis(timeout_ms),
        }),
        Command::Review {
            base,
            check,
            changelog,
            repo,
        } => review::run(
            &repo.unwrap_or_else(codegen::workspace_root),
            base,
            check,
            changelog,
        ),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
