//! `cargo xtask fuzz`: mutate real apifox exports at random and run the
//! whole pipeline (load, normalize, IR, emit) on each mutant.
//!
//! Each run takes a spec of the folder (round robin), applies one to three
//! mutations chosen by a SplitMix64 generator seeded with `--seed` and the
//! run number (so `--seed S --runs R` replays exactly), writes the mutant
//! as JSON and generates a crate from it in memory, on a worker thread with
//! a time bound. A mutant must not make the generator panic or hang, and
//! every diagnostic of a failed run must name a pointer that exists in the
//! mutant (or the mutated node or one of its ancestors). An error located
//! at the root or at `/paths` for a deeper mutation is reported too, as a
//! warning: the generator should point at the deepest node it can. And
//! the generator's hand-written read of the normalized mutant into
//! openapiv3's model must agree with openapiv3's own read (or leave the
//! mutant to it): a disagreement is a finding.
//!
//! A panic is minimized (nodes deleted while it still panics at the same
//! place) and written with its stack to `/tmp/fuzz-findings`. A hung
//! thread cannot be stopped and a stack overflow aborts the process, so the
//! runs happen in a child process that keeps its tallies in a state file:
//! when it hangs (and exits) or dies, the mutant it was on is a finding
//! (the first few minimized, in further child processes) and a new child
//! goes on with the next run.

mod mutate;
mod pipeline;
mod pointer;
mod tally;

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use apifox_codegen::load;
use serde_json::Value;

use crate::codegen::workspace_root;
use mutate::{Applied, Rng};
use pipeline::{Outcome, record_panic, run_pipeline};
use tally::{InFlight, Kind, Tally, cause, judge};

/// The seed of `cargo xtask fuzz` without `--seed` (and of CI).
pub const DEFAULT_SEED: u64 = 20_261_202;

/// What `cargo xtask fuzz` was asked to do.
pub struct Settings {
    pub runs: usize,
    pub seed: u64,
    /// The folder of specs (default: `../shared/apifox-corpus/open` beside
    /// the workspace).
    pub dir: Option<PathBuf>,
    pub timeout: Duration,
}

/// The worker thread's stack: the size of a main thread's on Linux, where
/// the `apifox-codegen` command runs the pipeline.
const STACK_SIZE: usize = 8 << 20;

/// How long a panic is minimized for.
const MINIMIZE_FOR: Duration = Duration::from_secs(20);

/// How many crashes are minimized (each takes up to [`MINIMIZE_FOR`]).
const MINIMIZED_CRASHES: usize = 3;

/// Set in a child process: the state file it keeps its tallies in.
const STATE_VAR: &str = "APIFOX_FUZZ_STATE";
/// Set in a child process: the first run it does.
const FROM_VAR: &str = "APIFOX_FUZZ_FROM";
/// Set in a child process that only runs the pipeline on this spec (to
/// find out whether it crashes).
const ONE_VAR: &str = "APIFOX_FUZZ_ONE";
/// The exit code of a child process whose mutant hung the pipeline (the
/// hung thread cannot be stopped, but its process can end).
const HUNG: u8 = 3;

pub fn run(settings: Settings) -> Result<ExitCode> {
    if let Some(spec) = std::env::var_os(ONE_VAR) {
        let outcome = run_pipeline(Path::new(&spec), settings.timeout, usize::MAX);
        return Ok(match outcome {
            Outcome::Hung => ExitCode::from(HUNG),
            _ => ExitCode::SUCCESS,
        });
    }
    let dir = settings
        .dir
        .clone()
        .unwrap_or_else(|| workspace_root().join("../shared/apifox-corpus/open"));
    if !dir.is_dir() {
        println!("skipping the fuzzer: {} is not there", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    match std::env::var_os(STATE_VAR) {
        Some(state) => child(&settings, &dir, Path::new(&state)),
        None => supervise(&settings),
    }
}

/// Runs the fuzzing loop in child processes, a new one after a mutant
/// crashed or hung the last, and prints the summary.
fn supervise(settings: &Settings) -> Result<ExitCode> {
    let started = Instant::now();
    let scratch = tempfile::tempdir().context("creating a temporary folder")?;
    let state = scratch.path().join("state.json");
    let exe = std::env::current_exe().context("finding the xtask binary")?;
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let findings_dir = findings_dir(settings);
    // The findings of an earlier session with this seed and run count.
    let _ = fs::remove_dir_all(&findings_dir);
    let mut from = 0;
    let mut last_code = Some(0);
    while from < settings.runs {
        let status = std::process::Command::new(&exe)
            .args(&args)
            .env(STATE_VAR, &state)
            .env(FROM_VAR, from.to_string())
            .status()
            .context("running the fuzzer's child process")?;
        last_code = status.code();
        let kind = match last_code {
            None => Kind::Crash,
            Some(code) if code == i32::from(HUNG) => Kind::Hang,
            Some(_) => break,
        };
        let mut tally = Tally::read(&state)?;
        let Some(in_flight) = tally.in_flight.take() else {
            anyhow::bail!("the fuzzer died before its first mutant: {status}");
        };
        let mutant_path = scratch.path().join("mutant.json");
        let mutant: Value = serde_json::from_slice(&fs::read(&mutant_path)?)?;
        let summary = match kind {
            Kind::Hang => format!(
                "run {}: no result within {:?}",
                in_flight.run, settings.timeout
            ),
            _ => format!(
                "run {}: the process died ({status}): a stack overflow or an abort",
                in_flight.run
            ),
        };
        println!(
            "{}: {summary} ({}); mutations: {}",
            kind.label(),
            in_flight.spec,
            in_flight.mutations
        );
        // Each crash or hang is its own finding (nothing tells two apart);
        // the first few are minimized, in child processes.
        let so_far = tally.findings.iter().filter(|f| f.kind == kind);
        let minimal = if so_far.count() < MINIMIZED_CRASHES {
            let started = Instant::now();
            let minimal = minimize(&mutant, &mutant_path, |candidate| {
                reproduces(&exe, &args, candidate, kind, settings.timeout).unwrap_or(false)
            });
            println!("    minimized in {:.1?}", started.elapsed());
            minimal
        } else {
            mutant
        };
        tally.completed += 1;
        tally.record(
            &findings_dir,
            settings.seed,
            kind,
            summary,
            &in_flight,
            &minimal,
            None,
        )?;
        tally.write(&state)?;
        from = in_flight.run + 1;
    }
    if !state.exists() {
        // The child skipped (no spec) or failed before its first mutant.
        return Ok(if last_code == Some(0) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let tally = Tally::read(&state)?;
    let summary = tally.summarize(started.elapsed());
    if last_code.is_some_and(|code| code != 0) {
        // The child's own error (printed by it).
        return Ok(ExitCode::FAILURE);
    }
    Ok(summary)
}

/// Whether the pipeline still crashes the process (or hangs) on the spec
/// at `spec`. While minimizing, a hang is a fifth of the time bound.
fn reproduces(
    exe: &Path,
    args: &[std::ffi::OsString],
    spec: &Path,
    kind: Kind,
    timeout: Duration,
) -> Result<bool> {
    let timeout = (timeout / 5).as_millis().max(1).to_string();
    let status = std::process::Command::new(exe)
        .args(args)
        .args(["--timeout-ms", &timeout])
        .env(ONE_VAR, spec)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    Ok(match kind {
        Kind::Hang => status.code() == Some(i32::from(HUNG)),
        _ => status.code().is_none(),
    })
}

/// Where the findings of a session go: `/tmp/fuzz-findings/seedS-runsN`.
fn findings_dir(settings: &Settings) -> PathBuf {
    std::env::temp_dir()
        .join("fuzz-findings")
        .join(format!("seed{}-runs{}", settings.seed, settings.runs))
}

/// The fuzzing loop, from run `APIFOX_FUZZ_FROM` on, its tallies kept in
/// `state` after every run.
fn child(settings: &Settings, dir: &Path, state: &Path) -> Result<ExitCode> {
    let from: usize = std::env::var(FROM_VAR)
        .ok()
        .and_then(|from| from.parse().ok())
        .unwrap_or(0);
    let files = spec_files(dir)?;
    if files.is_empty() {
        println!("skipping the fuzzer: no spec in {}", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mutant_path = state.with_file_name("mutant.json");
    if from == 0 {
        println!(
            "fuzzing {} mutants of {} specs from {} (seed {}, {} ms per mutant)",
            settings.runs,
            files.len(),
            dir.display(),
            settings.seed,
            settings.timeout.as_millis(),
        );
    }
    let mut tally = if from == 0 {
        Tally::default()
    } else {
        Tally::read(state)?
    };
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(record_panic));
    let session = Session {
        seed: settings.seed,
        timeout: settings.timeout,
        mutant_path,
        findings_dir: findings_dir(settings),
    };
    let started = Instant::now();
    let mut bases = Bases::new(files);
    for run in from..settings.runs {
        let Some((name, base)) = bases.get(run) else {
            continue;
        };
        let mut rng = Rng::for_run(settings.seed, run);
        let mut mutant = base.clone();
        let applied: Vec<Applied> = (0..1 + rng.below(3))
            .filter_map(|_| mutate::mutate(&mut mutant, &mut rng))
            .collect();
        let case = InFlight {
            run,
            spec: name.clone(),
            mutations: mutations(&applied),
        };
        fs::write(&session.mutant_path, serde_json::to_vec(&mutant)?)
            .with_context(|| format!("writing {}", session.mutant_path.display()))?;
        tally.in_flight = Some(case.clone());
        tally.write(state)?;
        if !session.check(&mut tally, &case, &applied, &mutant)? {
            // Hung: the parent records it (the mutant is in flight) and
            // starts a new process, as the thread cannot be stopped.
            return Ok(ExitCode::from(HUNG));
        }
        tally.in_flight = None;
        tally.completed += 1;
        tally.write(state)?;
        if (run + 1) % 1000 == 0 {
            println!("… {} runs, {:.1?}", run + 1, started.elapsed());
        }
    }
    panic::set_hook(previous_hook);
    Ok(ExitCode::SUCCESS)
}

/// The spec files of `dir`, in name order.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|file| {
        file.extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                matches!(
                    extension.to_ascii_lowercase().as_str(),
                    "json" | "yaml" | "yml" | "md"
                )
            })
    });
    files.sort();
    Ok(files)
}

/// The specs, loaded (and merged into one document) when first needed, so
/// that a child process started after a crash loads only what it uses.
struct Bases {
    files: Vec<PathBuf>,
    loaded: Vec<Option<Option<(String, Value)>>>,
}

impl Bases {
    fn new(files: Vec<PathBuf>) -> Self {
        let loaded = files.iter().map(|_| None).collect();
        Self { files, loaded }
    }

    /// The spec of run `run` (round robin), or `None` if it does not load.
    fn get(&mut self, run: usize) -> Option<&(String, Value)> {
        let index = run % self.files.len();
        let file = &self.files[index];
        self.loaded[index]
            .get_or_insert_with(|| {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                match load::load(file) {
                    Ok(loaded) => Some((name.into_owned(), loaded.document)),
                    Err(error) => {
                        println!("not fuzzing {name}: {}", first_line(&error.to_string()));
                        None
                    }
                }
            })
            .as_ref()
    }
}

fn mutations(applied: &[Applied]) -> String {
    let list: Vec<&str> = applied.iter().map(|a| a.what.as_str()).collect();
    if list.is_empty() {
        "no mutation".to_owned()
    } else {
        list.join("; ")
    }
}

/// What a child process needs to run mutants.
struct Session {
    seed: u64,
    timeout: Duration,
    mutant_path: PathBuf,
    findings_dir: PathBuf,
}

impl Session {
    /// Runs the pipeline on `mutant` (written at `mutant_path`) and records
    /// what is wrong; false when it hung (and the session must stop).
    fn check(
        &self,
        tally: &mut Tally,
        case: &InFlight,
        applied: &[Applied],
        mutant: &Value,
    ) -> Result<bool> {
        let started = Instant::now();
        let outcome = run_pipeline(&self.mutant_path, self.timeout, case.run);
        let elapsed = started.elapsed().as_millis() as u64;
        tally.pipeline_ms += elapsed;
        if elapsed > tally.slowest_ms {
            (tally.slowest_ms, tally.slowest_run) = (elapsed, case.run);
        }
        let (dir, seed) = (&self.findings_dir, self.seed);
        if matches!(outcome, Outcome::Ok | Outcome::Failed(_))
            && let Some(summary) = pipeline::misread(&self.mutant_path)
        {
            tally.record(dir, seed, Kind::Misread, summary, case, mutant, None)?;
        }
        match outcome {
            Outcome::Ok => tally.ok += 1,
            Outcome::Failed(diagnostics) => {
                tally.errors += 1;
                let mut unlocated = false;
                for diagnostic in &diagnostics {
                    let judged = judge(diagnostic, &self.mutant_path, applied, mutant);
                    if let Some((kind, summary)) = judged {
                        unlocated |= kind == Kind::Unlocated;
                        tally.record(dir, seed, kind, summary, case, mutant, None)?;
                    }
                }
                if unlocated {
                    tally.unlocated += 1;
                }
            }
            Outcome::Panicked(report) => {
                let summary = format!("{} at {}", report.message, report.location);
                let known = tally
                    .findings
                    .iter()
                    .any(|f| f.kind == Kind::Panic && f.cause == cause(Kind::Panic, &summary));
                let minimal = if known {
                    mutant.clone()
                } else {
                    let scratch = self.mutant_path.with_file_name("minimizing.json");
                    minimize(mutant, &scratch, |candidate| {
                        matches!(
                            run_pipeline(candidate, self.timeout, usize::MAX),
                            Outcome::Panicked(again) if again.location == report.location
                        )
                    })
                };
                tally.record(
                    dir,
                    seed,
                    Kind::Panic,
                    summary,
                    case,
                    &minimal,
                    Some(&report),
                )?;
            }
            Outcome::Hung => return Ok(false),
        }
        Ok(true)
    }
}

/// Deletes nodes of `mutant`, biggest first, while `still` holds for the
/// smaller document (written to `scratch` for it).
fn minimize(mutant: &Value, scratch: &Path, mut still: impl FnMut(&Path) -> bool) -> Value {
    let deadline = Instant::now() + MINIMIZE_FOR;
    let mut best = mutant.clone();
    let mut needed = std::collections::HashSet::new();
    'shrink: while Instant::now() < deadline {
        for pointer in pointer::pointers(&best).into_iter().skip(1) {
            if Instant::now() >= deadline {
                break 'shrink;
            }
            if needed.contains(&pointer) {
                continue;
            }
            let mut candidate = best.clone();
            if pointer::remove(&mut candidate, &pointer).is_none() {
                continue;
            }
            let Ok(bytes) = serde_json::to_vec(&candidate) else {
                continue;
            };
            if fs::write(scratch, bytes).is_err() {
                break 'shrink;
            }
            if still(scratch) {
                best = candidate;
                continue 'shrink;
            }
            needed.insert(pointer);
        }
        break;
    }
    let _ = fs::remove_file(scratch);
    best
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}
