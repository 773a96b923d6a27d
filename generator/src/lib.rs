//! Turns apifox OpenAPI exports into Rust SDK crates.
//!
//! The pipeline reads top to bottom, each stage a module with a narrow
//! interface:
//!
//! 1. [`load`]: spec files (YAML, JSON, apifox Markdown pages) into one JSON
//!    document, remembering which file each part came from;
//! 2. [`normalize`]: apifox semantics (references, overrides, field orders,
//!    "not implemented" fields…) applied, leaving plain OpenAPI 3.0 in the
//!    typed `openapiv3` model;
//! 3. [`ir`]: the generator's own model of the SDK, with every Rust name
//!    decided (by [`naming`]);
//! 4. [`emit`]: the crate's files, formatted.
//!
//! Problems carry the spec file and the JSON pointer of the node
//! ([`diagnostics`]). What the generator cannot express degrades to
//! `serde_json::Value` with a warning; [`Options::strict`] turns warnings
//! into errors.
//!
//! [`Generator`] runs it all from a spec path and writes the crate (or,
//! for a `build.rs`, one module file to `include!`); the `apifox-codegen`
//! command and `cargo xtask` are thin wrappers around it.

#[cfg(feature = "cli")]
pub mod allocator;
pub mod builder;
pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod load;
pub mod locate;
pub mod naming;
pub mod normalize;
pub mod review;

use std::path::Path;

pub use builder::{
    Generator, Stale, StaleReason, Written, module_source, read_config, relative_paths,
    stale_files, write_crate, write_if_changed,
};
use config::Config;
use diagnostics::{Diagnostic, Diagnostics, Error, Severity};

/// How to run the pipeline.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Fail on warnings: for SDKs that are published, where a silent
    /// `serde_json::Value` fallback is a bug in the spec.
    pub strict: bool,
}

/// A generated crate and what was noticed on the way.
#[derive(Debug)]
pub struct Generated {
    pub api: ir::Api,
    pub files: emit::Crate,
    pub warnings: Vec<Diagnostic>,
}

/// An API read up to the IR, with where each part of it came from.
#[derive(Debug)]
pub struct Analyzed {
    pub api: ir::Api,
    /// Which spec file each path and component came from.
    pub sources: diagnostics::SourceMap,
    pub warnings: Vec<Diagnostic>,
}

/// Runs the pipeline on the spec at `spec` up to the IR (what `review`
/// compares; [`generate`] goes on to emit).
pub fn analyze(spec: &Path, config: &Config) -> Result<Analyzed, Error> {
    let loaded = load::load(spec)?;
    let mut diagnostics = Diagnostics::new(loaded.sources);
    for warning in loaded.warnings {
        diagnostics.add(warning);
    }
    let document = loaded.document;
    let settings = config.settings_file(spec);
    let openapi = normalize::normalize(
        document,
        normalize::Settings::of(config, &settings),
        &mut diagnostics,
    )?;
    let api = ir::build(&openapi, config, &mut diagnostics);
    // The typed model is a tree of many small allocations: on a
    // 5,000-operation spec freeing it takes some 30 ms, which the pool
    // does while the caller goes on to emit (measured: 20-45 ms sooner
    // to the emitted crate).
    rayon::spawn(move || drop(openapi));
    let (sources, warnings) = diagnostics.into_parts();
    Ok(Analyzed {
        api,
        sources,
        warnings,
    })
}

/// Runs the whole pipeline on the spec at `spec` (a file or a folder).
pub fn generate(spec: &Path, config: &Config, options: Options) -> Result<Generated, Error> {
    let Analyzed { api, warnings, .. } = analyze(spec, config)?;
    if options.strict
        && warnings
            .iter()
            .any(|warning| warning.severity == Severity::Warning)
    {
        return Err(Error::from_diagnostics(
            warnings
                .into_iter()
                .filter(|warning| warning.severity == Severity::Warning)
                .map(|warning| Diagnostic {
                    severity: Severity::Error,
                    ..warning
                })
                .collect(),
        ));
    }
    let files = emit::emit(&api, config)?;
    Ok(Generated {
        api,
        files,
        warnings,
    })
}
