//! What the runs found, kept between child processes in the state file:
//! the mutant in flight, the findings by kind, and the counts; and what is
//! wrong with the errors a run reports.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use apifox_codegen::diagnostics::Diagnostic;
use serde_json::{Value, json};

use super::first_line;
use super::mutate::Applied;
use super::pipeline::PanicReport;
use super::pointer;

/// The mutant being run.
#[derive(Clone, Debug)]
pub(super) struct InFlight {
    pub(super) run: usize,
    pub(super) spec: String,
    pub(super) mutations: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Crash,
    Hang,
    Panic,
    /// The generator's fast read of the normalized mutant differs from
    /// openapiv3's own (`normalize::typed::compare`).
    Misread,
    /// An error whose pointer is not in the mutant.
    Unlocated,
    /// An error at the root or `/paths` for a deeper mutation.
    Shallow,
}

const KINDS: [Kind; 6] = [
    Kind::Crash,
    Kind::Hang,
    Kind::Panic,
    Kind::Misread,
    Kind::Unlocated,
    Kind::Shallow,
];

impl Kind {
    pub(super) fn is_failure(self) -> bool {
        matches!(self, Kind::Crash | Kind::Hang | Kind::Panic | Kind::Misread)
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Crash => "CRASH",
            Kind::Hang => "HANG",
            Kind::Panic => "PANIC",
            Kind::Misread => "MISREAD",
            Kind::Unlocated => "unlocated error",
            Kind::Shallow => "warning: shallow error",
        }
    }

    pub(super) fn slug(self) -> &'static str {
        match self {
            Kind::Crash => "crash",
            Kind::Hang => "hang",
            Kind::Panic => "panic",
            Kind::Misread => "misread",
            Kind::Unlocated => "unlocated",
            Kind::Shallow => "shallow",
        }
    }
}

/// A kind of finding, with its first occurrence.
pub(super) struct Finding {
    pub(super) kind: Kind,
    pub(super) cause: String,
    pub(super) count: usize,
    pub(super) summary: String,
    pub(super) first: InFlight,
    pub(super) file: PathBuf,
}

/// What the runs so far found; kept in the state file between child
/// processes.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) completed: usize,
    pub(super) ok: usize,
    pub(super) errors: usize,
    pub(super) unlocated: usize,
    pub(super) slowest_ms: u64,
    pub(super) slowest_run: usize,
    /// The time spent in the pipeline, minimizing aside.
    pub(super) pipeline_ms: u64,
    pub(super) findings: Vec<Finding>,
    pub(super) in_flight: Option<InFlight>,
}

fn in_flight_json(case: &InFlight) -> Value {
    json!({ "run": case.run, "spec": case.spec, "mutations": case.mutations })
}

fn in_flight_of(value: &Value) -> Option<InFlight> {
    Some(InFlight {
        run: value["run"].as_u64()? as usize,
        spec: value["spec"].as_str()?.to_owned(),
        mutations: value["mutations"].as_str()?.to_owned(),
    })
}

impl Tally {
    pub(super) fn write(&self, path: &Path) -> Result<()> {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|finding| {
                json!({
                    "kind": finding.kind.slug(),
                    "cause": finding.cause,
                    "count": finding.count,
                    "summary": finding.summary,
                    "first": in_flight_json(&finding.first),
                    "file": finding.file,
                })
            })
            .collect();
        let state = json!({
            "completed": self.completed,
            "ok": self.ok,
            "errors": self.errors,
            "unlocated": self.unlocated,
            "slowest_ms": self.slowest_ms,
            "slowest_run": self.slowest_run,
            "pipeline_ms": self.pipeline_ms,
            "findings": findings,
            "in_flight": self.in_flight.as_ref().map(in_flight_json),
        });
        fs::write(path, serde_json::to_vec(&state)?)
            .with_context(|| format!("writing {}", path.display()))
    }

    pub(super) fn read(path: &Path) -> Result<Self> {
        let text = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let state: Value = serde_json::from_slice(&text)?;
        let number = |key: &str| state[key].as_u64().unwrap_or(0);
        let findings = state["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|finding| {
                Some(Finding {
                    kind: *KINDS
                        .iter()
                        .find(|kind| Some(kind.slug()) == finding["kind"].as_str())?,
                    cause: finding["cause"].as_str()?.to_owned(),
                    count: finding["count"].as_u64()? as usize,
                    summary: finding["summary"].as_str()?.to_owned(),
                    first: in_flight_of(&finding["first"])?,
                    file: PathBuf::from(finding["file"].as_str()?),
                })
            })
            .collect();
        Ok(Self {
            completed: number("completed") as usize,
            ok: number("ok") as usize,
            errors: number("errors") as usize,
            unlocated: number("unlocated") as usize,
            slowest_ms: number("slowest_ms"),
            slowest_run: number("slowest_run") as usize,
            pipeline_ms: number("pipeline_ms"),
            findings,
            in_flight: in_flight_of(&state["in_flight"]),
        })
    }

    /// Counts a finding; the first of its kind and cause is written to
    /// `findings_dir`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record(
        &mut self,
        findings_dir: &Path,
        seed: u64,
        kind: Kind,
        summary: String,
        case: &InFlight,
        mutant: &Value,
        panic: Option<&PanicReport>,
    ) -> Result<()> {
        let cause = cause(kind, &summary);
        if let Some(finding) = self
            .findings
            .iter_mut()
            .find(|finding| finding.kind == kind && finding.cause == cause)
        {
            finding.count += 1;
            return Ok(());
        }
        let number = self.findings.len() + 1;
        let file = findings_dir.join(format!("{number:02}-{}-run{}.json", kind.slug(), case.run));
        fs::create_dir_all(findings_dir)
            .with_context(|| format!("creating {}", findings_dir.display()))?;
        fs::write(&file, serde_json::to_string_pretty(mutant)?)?;
        let mut notes = format!(
            "{}: {summary}\nspec: {}\nrun {} of seed {seed} (replay: cargo xtask fuzz --seed {seed} --runs {})\nmutations: {}\nmutant: {}\n",
            kind.label(),
            case.spec,
            case.run,
            case.run + 1,
            case.mutations,
            file.display(),
        );
        if matches!(kind, Kind::Crash | Kind::Hang) {
            notes.push_str(concat!(
                "(minimized if among the first few: it still crashes or hangs the pipeline)\n",
                "stack: APIFOX_FUZZ_ONE=<mutant> gdb -batch -ex run -ex bt --args target/debug/xtask fuzz\n",
                "(for a hang, interrupt it: gdb -ex run, Ctrl-C, bt)\n",
            ));
        }
        if let Some(report) = panic {
            let _ = write!(
                notes,
                "(minimized: the mutant above still panics at {})\nthread: {}\n\n{}\n",
                report.location, report.thread, report.backtrace
            );
        }
        fs::write(file.with_extension("txt"), notes)?;
        // (The parent process reports crashes and hangs as they happen.)
        if kind == Kind::Panic {
            println!(
                "run {} ({}): {}: {summary}",
                case.run,
                case.spec,
                kind.label()
            );
            if let Some(report) = panic {
                for frame in our_frames(&report.backtrace) {
                    println!("    {frame}");
                }
            }
        }
        self.findings.push(Finding {
            kind,
            cause,
            count: 1,
            summary,
            first: case.clone(),
            file,
        });
        Ok(())
    }

    /// Prints the summary; failure if the generator panicked, hung or
    /// crashed.
    pub(super) fn summarize(&self, elapsed: Duration) -> ExitCode {
        let located = match self.unlocated {
            0 => "all located".to_owned(),
            n => format!("{n} not located"),
        };
        println!(
            "{} mutants: {} pipeline ok, {} errors ({located}), {} findings",
            self.completed,
            self.ok,
            self.errors,
            self.findings.iter().map(|f| f.count).sum::<usize>(),
        );
        let mut findings: Vec<&Finding> = self.findings.iter().collect();
        findings.sort_by_key(|finding| finding.kind);
        for finding in findings {
            println!(
                "  {} ×{}: {} (first: run {}, {}: {})",
                finding.kind.label(),
                finding.count,
                finding.summary,
                finding.first.run,
                finding.first.spec,
                finding.first.mutations,
            );
            println!("    written to {}", finding.file.display());
        }
        println!(
            "{elapsed:.1?} in all, {:.1?} in the pipeline; slowest mutant {} ms (run {})",
            Duration::from_millis(self.pipeline_ms),
            self.slowest_ms,
            self.slowest_run
        );
        if self
            .findings
            .iter()
            .any(|finding| finding.kind.is_failure())
        {
            println!(
                "FAILED: the generator panicked, hung, crashed or misread a spec; see the findings above"
            );
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// What is wrong with a diagnostic of a failed run, if anything.
pub(super) fn judge(
    diagnostic: &Diagnostic,
    mutant_path: &Path,
    applied: &[Applied],
    mutant: &Value,
) -> Option<(Kind, String)> {
    let pointer = diagnostic.location.pointer.as_str();
    let text = format!(
        "{} {}",
        pointer_text(pointer),
        first_line(&diagnostic.message)
    );
    if diagnostic.location.file != mutant_path {
        let file = diagnostic.location.file.display();
        return Some((Kind::Unlocated, format!("names file `{file}`: {text}")));
    }
    let mutated = || applied.iter().flat_map(|applied| &applied.at);
    // A key the error says is missing names a place in an existing node.
    let exists = mutant.pointer(pointer).is_some()
        || pointer
            .rsplit_once('/')
            .is_some_and(|(parent, _)| mutant.pointer(parent).is_some_and(Value::is_object));
    if !exists && !mutated().any(|at| pointer::is_ancestor_or_self(pointer, at)) {
        return Some((Kind::Unlocated, format!("not in the mutant: {text}")));
    }
    let shallow = (pointer.is_empty() || pointer == "/paths")
        && mutated().all(|at| pointer::depth(at) > pointer::depth(pointer));
    shallow.then_some((Kind::Shallow, text))
}

fn pointer_text(pointer: &str) -> String {
    format!("#{pointer}")
}

/// What identifies a finding among others of its kind: the message with
/// names and numbers blanked, and the pointer's top level.
pub(super) fn cause(kind: Kind, summary: &str) -> String {
    if kind == Kind::Panic {
        return summary.rsplit(" at ").next().unwrap_or(summary).to_owned();
    }
    if matches!(kind, Kind::Crash | Kind::Hang | Kind::Misread) {
        return summary.to_owned();
    }
    let mut cause = String::new();
    let mut quoted = false;
    for c in summary.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    cause.push_str("`…`");
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !cause.ends_with('#') && !cause.ends_with('N') {
                    cause.push('N');
                }
            }
            _ => cause.push(c),
        }
    }
    // Group by the pointer's first two tokens, not the whole pointer.
    match cause.split_once(' ') {
        Some((pointer, rest)) if pointer.starts_with('#') => {
            let top: Vec<&str> = pointer.splitn(4, '/').take(3).collect();
            format!("{} {rest}", top.join("/"))
        }
        _ => cause,
    }
}

/// The lines of a backtrace that are in the generator (or this fuzzer).
fn our_frames(backtrace: &str) -> Vec<String> {
    let lines: Vec<&str> = backtrace.lines().collect();
    let mut frames = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.contains("apifox_codegen::") {
            let place = lines
                .get(index + 1)
                .map(|next| next.trim())
                .filter(|next| next.starts_with("at "))
                .unwrap_or_default();
            frames.push(format!("{line} {place}"));
            if frames.len() == 12 {
                break;
            }
        }
    }
    frames
}
