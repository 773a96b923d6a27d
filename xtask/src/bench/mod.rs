//! `cargo xtask bench [--quick]`: how long each stage of the pipeline takes,
//! against the floor of parsing the same input.
//!
//! Inputs: the ~180-operation export of the open apifox corpus (when the
//! corpus is there), `specs/wooshpay`, any spec given with `--spec`, and
//! synthetic exports of 500 to 5,000 operations ([`crate::synthetic`]).
//! Each figure is the median of [`RUNS`] runs ([`QUICK_RUNS`] with
//! `--quick`); the floor is a bare `serde_json::from_str::<Value>` (JSON)
//! or the YAML parse the loader uses (`.yaml` files and the YAML blocks of
//! Markdown pages), see [`floors`].
//!
//! Formatting happens inside `emit::emit` and cannot be timed apart
//! without changing the generator: the emit column is emit + format, and
//! `fmt≈` is what lexing, parsing and printing the emitted Rust again with
//! `syn` and `prettyplease` costs. That bounds the format share from above:
//! the emitter parses only the items it quotes, and hands the code every
//! struct repeats (its `Serialize`, `Deserialize` and builder) to the
//! printer as syntax trees, so on large APIs `fmt≈` exceeds the whole emit
//! column. Its printing share bounds the format share from below, since
//! the emitter prints every line: the last table gives it, with the other
//! cost no design on `openapiv3` can avoid (see [`floors`]).
//!
//! Times are the benchmark process's CPU time (all threads) where the platform gives it,
//! so that other work on the machine does not inflate them (the write stage
//! then leaves out waiting for the disk); wall-clock time elsewhere. One
//! more column gives the end-to-end wall clock of the same runs, which is
//! what a user waits for (and what "under a second" means).

mod clock;
mod floors;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use apifox_codegen::config::Config;
use apifox_codegen::diagnostics::Diagnostics;
use apifox_codegen::{Generated, emit, ir, load, naming, normalize};

use crate::codegen::{self, workspace_root};
use crate::synthetic;
use clock::{Clock, median};

const RUNS: usize = 5;
const QUICK_RUNS: usize = 3;
/// The sizes of the synthetic specs, in operations.
const SIZES: [usize; 4] = [500, 1_000, 2_000, 5_000];
/// The real export of about 180 operations (`MANIFEST.tsv`: 180 paths).
const CORPUS_EXPORT: &str = "../shared/apifox-corpus/open/008-boyuan-official-web.yaml";
/// A per-operation time growing more than this from the smallest to the
/// largest synthetic spec is flagged as superlinear.
const SUPERLINEAR: f64 = 2.0;

struct Input {
    label: String,
    spec: PathBuf,
    synthetic: Option<usize>,
}

/// The medians of one input, in milliseconds.
#[derive(Default)]
struct Row {
    label: String,
    operations: usize,
    types: usize,
    warnings: usize,
    /// Nodes of the normalized JSON document: the work the front end
    /// does, to tell a stage that does more per operation as specs grow
    /// from one whose nodes cost more (a tree that outgrew the caches).
    nodes: usize,
    kilobytes: f64,
    /// The generated crate's size.
    emitted_kilobytes: f64,
    synthetic: Option<usize>,
    floor: f64,
    load: f64,
    normalize: f64,
    ir: f64,
    emit: f64,
    format_estimate: f64,
    /// prettyplease's time to print the emitted files ([`floors`]).
    print: f64,
    /// The input read straight into openapiv3's model ([`floors`]), when
    /// it reads.
    typed_read: Option<f64>,
    write: f64,
    /// End to end by the wall clock: what a user waits for, with the
    /// modules emitted in parallel.
    wall: f64,
}

impl Row {
    fn front(&self) -> f64 {
        self.load + self.normalize + self.ir
    }

    fn total(&self) -> f64 {
        self.front() + self.emit + self.write
    }
}

/// What a run counted besides time.
struct Counts {
    operations: usize,
    types: usize,
    warnings: usize,
    nodes: usize,
    /// Bytes of the crate's files.
    emitted: usize,
}

/// One run's stage times.
struct Sample {
    load: Duration,
    normalize: Duration,
    ir: Duration,
    emit: Duration,
    format_estimate: Duration,
    /// The share of `format_estimate` that is printing.
    print: Duration,
    write: Duration,
    wall: Duration,
}

pub fn run(quick: bool, only: Option<&str>, specs: &[PathBuf]) -> Result<ExitCode> {
    let runs = if quick { QUICK_RUNS } else { RUNS };
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: xtask was built without optimizations; the timings mean little. \
             Run `cargo run --release -p xtask -- bench`."
        );
    }
    let root = workspace_root();
    let scratch = tempfile::tempdir().context("creating a temporary folder")?;
    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    let corpus = root.join(CORPUS_EXPORT);
    if corpus.is_file() {
        inputs.push(Input {
            label: format!(
                "corpus `{}`",
                corpus.file_name().unwrap_or_default().to_string_lossy()
            ),
            spec: corpus,
            synthetic: None,
        });
    } else {
        notes.push(format!(
            "skipped the corpus export: {} is absent",
            corpus.display()
        ));
    }
    inputs.push(Input {
        label: "`specs/wooshpay`".into(),
        spec: root.join("specs/wooshpay"),
        synthetic: None,
    });
    for spec in specs {
        anyhow::ensure!(spec.exists(), "no spec at {}", spec.display());
        inputs.push(Input {
            label: format!("`{}`", spec.display()),
            spec: spec.clone(),
            synthetic: None,
        });
    }
    for size in SIZES {
        // Written only when timed: the largest takes a while to make.
        if only.is_some_and(|only| !format!("synthetic {size}").contains(only)) {
            continue;
        }
        let path = scratch.path().join(format!("synthetic-{size}.json"));
        fs::write(&path, synthetic::spec(size))
            .with_context(|| format!("writing {}", path.display()))?;
        inputs.push(Input {
            label: format!("synthetic {size}"),
            spec: path,
            synthetic: Some(size),
        });
    }

    if let Some(only) = only {
        inputs.retain(|input| input.label.contains(only));
        if inputs.is_empty() {
            anyhow::bail!("no input's label contains `{only}`");
        }
    }
    let mut rows = Vec::new();
    for input in &inputs {
        eprintln!("bench: {} ({runs} runs)", input.label);
        rows.push(measure(input, runs, scratch.path())?);
    }

    println!(
        "## Pipeline timings (median of {runs} runs, {}{})\n",
        Clock::KIND,
        if cfg!(debug_assertions) {
            ", UNOPTIMIZED BUILD"
        } else {
            ""
        }
    );
    println!(
        "Each cell: milliseconds (× the parse floor). emit includes formatting; \
         fmt≈ bounds the format share from above (see `xtask/src/bench/mod.rs`). The last \
         column is the wall clock of the same runs (the modules are emitted in \
         parallel; the other columns count every thread's time).\n"
    );
    println!(
        "| input | ops | types | KB | parse floor | load | normalize | IR | emit+format (fmt≈) | write | load+normalize+IR | end-to-end | end-to-end, wall |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for row in &rows {
        let cell = |ms: f64| format!("{ms:.1} ({:.1}×)", ms / row.floor);
        println!(
            "| {} | {} | {} | {:.0} | {:.2} | {} | {} | {} | {} (≈{:.0}) | {} | {} | {} | {} |",
            row.label,
            row.operations,
            row.types,
            row.kilobytes,
            row.floor,
            cell(row.load),
            cell(row.normalize),
            cell(row.ir),
            cell(row.emit),
            row.format_estimate,
            cell(row.write),
            cell(row.front()),
            cell(row.total()),
            cell(row.wall),
        );
    }
    print_least(&rows);
    for row in rows.iter().filter(|row| row.warnings > 0) {
        notes.push(format!("{}: {} warnings", row.label, row.warnings));
    }

    let synthetic: Vec<&Row> = rows.iter().filter(|row| row.synthetic.is_some()).collect();
    // Growth needs two sizes (`--only` may leave one).
    if let [first, .., last] = synthetic.as_slice() {
        println!("\n## Growth with size (synthetic specs, ms per operation)\n");
        println!(
            "| ops | JSON nodes per op | end-to-end ms | end-to-end | load | normalize | IR | emit+format | write |"
        );
        println!("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        type Stage = fn(&Row) -> f64;
        let stages: [Stage; 6] = [
            Row::total,
            |row| row.load,
            |row| row.normalize,
            |row| row.ir,
            |row| row.emit,
            |row| row.write,
        ];
        let per_op =
            |row: &Row, stage: Stage| stage(row) / row.synthetic.expect("a synthetic row") as f64;
        for row in &synthetic {
            let cells: Vec<String> = stages
                .iter()
                .map(|stage| format!("{:.3}", per_op(row, *stage)))
                .collect();
            let operations = row.synthetic.unwrap_or_default();
            println!(
                "| {operations} | {:.1} | {:.0} | {} |",
                row.nodes as f64 / operations.max(1) as f64,
                row.total(),
                cells.join(" | ")
            );
        }
        let growth: Vec<String> = stages
            .iter()
            .map(|stage| {
                let ratio = per_op(last, *stage) / per_op(first, *stage);
                if ratio > SUPERLINEAR {
                    format!("**{ratio:.2}× superlinear**")
                } else {
                    format!("{ratio:.2}×")
                }
            })
            .collect();
        println!(
            "| {}/{} per-op ratio | | | {} |",
            last.synthetic.unwrap_or_default(),
            first.synthetic.unwrap_or_default(),
            growth.join(" | ")
        );
        println!(
            "\nA per-op ratio near 1 means linear growth; above {SUPERLINEAR} is flagged as superlinear. \
             When the JSON nodes per operation (the normalized document's) stay flat while a stage's \
             time per operation grows, the stage does no more work per operation: each node costs \
             more, as the tree outgrows the CPU caches."
        );
    }
    let commands: Vec<(&str, &Path)> = inputs
        .iter()
        .map(|input| (input.label.as_str(), input.spec.as_path()))
        .collect();
    crate::command_time::table(&root, &commands, runs, scratch.path())?;
    if !notes.is_empty() {
        println!();
        for note in &notes {
            println!("- {note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table of [`floors`]: what the design costs at least, beside the
/// budgets the pipeline is held to.
fn print_least(rows: &[Row]) {
    println!("\n## The least this design can cost\n");
    println!(
        "Milliseconds (× the parse floor), on one thread. *typed read*: the input read \
         straight into `openapiv3`'s model by its serde impls, with no apifox rule applied; \
         the front end (load + normalize + IR) does that and more. *print*: `prettyplease` \
         printing the emitted Rust from syntax trees built beforehand; emission prints all \
         of it. — where the input is not a whole document `openapiv3` reads as it stands.\n"
    );
    println!("| input | input KB | crate KB | parse floor | typed read | print |");
    println!("|---|--:|--:|--:|--:|--:|");
    for row in rows {
        let cell = |ms: f64| format!("{ms:.1} ({:.1}×)", ms / row.floor);
        println!(
            "| {} | {:.0} | {:.0} | {:.2} | {} | {} |",
            row.label,
            row.kilobytes,
            row.emitted_kilobytes,
            row.floor,
            row.typed_read.map_or_else(|| "—".to_owned(), cell),
            cell(row.print),
        );
    }
}

fn measure(input: &Input, runs: usize, scratch: &Path) -> Result<Row> {
    let config = match Config::for_spec(&input.spec)? {
        Some(config) => config,
        None => {
            let stem = input.spec.file_stem().unwrap_or_default();
            Config::named(&naming::crate_name(&stem.to_string_lossy()))
        }
    };
    let texts = floors::parse_inputs(&input.spec)?;
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();

    let mut parses = Vec::with_capacity(runs);
    let mut typed_reads = Vec::with_capacity(runs);
    let mut samples = Vec::with_capacity(runs);
    let mut row = Row {
        label: input.label.clone(),
        kilobytes: bytes as f64 / 1024.0,
        synthetic: input.synthetic,
        ..Row::default()
    };
    for run in 0..runs {
        parses.push(floors::parse(&texts)?);
        typed_reads.extend(floors::typed_read(&texts));

        let out = scratch.join(format!("out-{}-{run}", row.label.replace([' ', '`'], "")));
        let (sample, counts) = pipeline(&input.spec, &config, &out)?;
        fs::remove_dir_all(&out).ok();
        (row.operations, row.types, row.warnings, row.nodes) = (
            counts.operations,
            counts.types,
            counts.warnings,
            counts.nodes,
        );
        row.emitted_kilobytes = counts.emitted as f64 / 1024.0;
        samples.push(sample);
    }
    row.floor = median(parses);
    row.load = median(samples.iter().map(|s| s.load).collect());
    row.normalize = median(samples.iter().map(|s| s.normalize).collect());
    row.ir = median(samples.iter().map(|s| s.ir).collect());
    row.emit = median(samples.iter().map(|s| s.emit).collect());
    row.format_estimate = median(samples.iter().map(|s| s.format_estimate).collect());
    row.print = median(samples.iter().map(|s| s.print).collect());
    row.typed_read = (!typed_reads.is_empty()).then(|| median(typed_reads));
    row.write = median(samples.iter().map(|s| s.write).collect());
    row.wall = median(samples.iter().map(|s| s.wall).collect());
    Ok(row)
}

/// Runs the stages of `apifox_codegen::generate` one by one, then writes
/// the crate to `out` (a fresh folder, so that every file is written).
fn pipeline(spec: &Path, config: &Config, out: &Path) -> Result<(Sample, Counts)> {
    let wall = std::time::Instant::now();
    let start = Clock::start();
    let loaded = load::load(spec)?;
    let load = start.elapsed();

    let start = Clock::start();
    let mut diagnostics = Diagnostics::new(loaded.sources);
    for warning in loaded.warnings {
        diagnostics.add(warning);
    }
    let settings = config.settings_file(spec);
    let document = normalize::apply(
        loaded.document,
        normalize::Settings::of(config, &settings),
        &mut diagnostics,
    )?;
    let applied = start.elapsed();
    // Counted off the clock.
    let nodes = nodes(&document);
    let start = Clock::start();
    let openapi = normalize::read(document, &mut diagnostics)?;
    let normalize = applied + start.elapsed();

    let start = Clock::start();
    let api = ir::build(&openapi, config, &mut diagnostics);
    let ir = start.elapsed();

    let start = Clock::start();
    let files = emit::emit(&api, config)?;
    let emit = start.elapsed();

    let generated = Generated {
        api,
        files,
        warnings: diagnostics.warnings().to_vec(),
    };
    let start = Clock::start();
    codegen::write(out, &generated)?;
    let write = start.elapsed();
    let wall = wall.elapsed();

    let (reparse, print) = floors::reprint(
        generated
            .files
            .files
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str())),
    )?;

    Ok((
        Sample {
            load,
            normalize,
            ir,
            emit,
            format_estimate: reparse + print,
            print,
            write,
            wall,
        },
        Counts {
            operations: generated.api.operations.len(),
            types: generated.api.types.len(),
            warnings: generated.warnings.len(),
            nodes,
            emitted: generated.files.files.values().map(String::len).sum(),
        },
    ))
}

/// The nodes of a JSON tree: objects, arrays and scalars.
fn nodes(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Object(object) => object.values().map(nodes).sum(),
        serde_json::Value::Array(items) => items.iter().map(nodes).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_count_containers_and_scalars() {
        assert_eq!(nodes(&serde_json::json!({"a": [1, 2], "b": null})), 5);
    }
}
