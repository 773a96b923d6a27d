//! Stage 1: read spec files into JSON trees and merge them into one document.
//!
//! A spec is a single file or a folder. Files ending in `.yaml`, `.yml` or
//! `.json` are full exports; `.md` files are apifox per-endpoint pages whose
//! OpenAPI document sits in a fenced code block. Everything after this stage
//! sees one `serde_json::Value` with a [`SourceMap`] that remembers which file
//! each path and component came from.

mod markdown;
mod merge;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Error, SourceMap};

pub use merge::merge;

/// One parsed spec document (a Markdown page may hold several).
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The file the document was read from.
    pub path: PathBuf,
    /// The OpenAPI document, with YAML anchors and merge keys resolved.
    pub document: Value,
}

/// A spec, read and merged.
#[derive(Debug)]
pub struct Loaded {
    /// The merged document.
    pub document: Value,
    /// Which file each part of it came from.
    pub sources: SourceMap,
    /// What was repaired while reading (YAML apifox writes but YAML does
    /// not allow).
    pub warnings: Vec<Diagnostic>,
}

/// Reads the spec at `path` (a file or a folder of files) and merges it into
/// one document.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let mut warnings = Vec::new();
    let files = read_spec(path, &mut warnings)?;
    let (document, sources) = merge(files, &mut warnings)?;
    Ok(Loaded {
        document,
        sources,
        warnings,
    })
}

/// Reads every spec document at `path` without merging them.
///
/// In a folder, files are read in name order so that the merged document
/// (and with it every generated name) does not depend on the file system.
/// Markdown files without an OpenAPI code block are documentation (a
/// `README.md`, a `SOURCES.md`) and are skipped; named directly, such a file
/// is an error.
pub fn read_spec(path: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Vec<SpecFile>, Error> {
    if !path.is_dir() {
        return read_file(path, warnings);
    }
    let mut entries = fs::read_dir(path)
        .map_err(|error| Error::in_file(path, format!("cannot read the spec folder: {error}")))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| Error::in_file(path, format!("cannot read the spec folder: {error}")))?;
    entries.sort();
    // Parsed on the pool (a folder of apifox pages is a hundred small
    // YAML documents), then taken in name order: the same documents,
    // warnings and first error as one file after another would give.
    let parsed: Vec<_> = entries
        .par_iter()
        .map(|entry| {
            let mut found = Vec::new();
            let files = match kind_of(entry) {
                Some(FileKind::Markdown) => {
                    let text = read_text(entry)?;
                    if markdown::has_openapi_block(&text) {
                        parse_markdown(entry, &text, &mut found)?
                    } else {
                        Vec::new()
                    }
                }
                Some(_) => read_file(entry, &mut found)?,
                None => Vec::new(),
            };
            Ok((files, found))
        })
        .collect();
    let mut files = Vec::new();
    for result in parsed {
        let (parsed, found) = result?;
        files.extend(parsed);
        warnings.extend(found);
    }
    if files.is_empty() {
        return Err(Error::in_file(
            path,
            "the folder holds no spec files (.yaml, .yml, .json, or .md pages with an OpenAPI block)",
        ));
    }
    Ok(files)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Yaml,
    Json,
    Markdown,
}

fn kind_of(path: &Path) -> Option<FileKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "yaml" | "yml" => Some(FileKind::Yaml),
        "json" => Some(FileKind::Json),
        "md" | "markdown" => Some(FileKind::Markdown),
        _ => None,
    }
}

fn read_text(path: &Path) -> Result<String, Error> {
    let text = fs::read_to_string(path)
        .map_err(|error| Error::in_file(path, format!("cannot read the file: {error}")))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Reads one spec file; a file with an unknown extension is read as YAML
/// (which also accepts JSON) unless it looks like a Markdown page.
fn read_file(path: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Vec<SpecFile>, Error> {
    let text = read_text(path)?;
    let kind = kind_of(path).unwrap_or_else(|| {
        if markdown::has_openapi_block(&text) {
            FileKind::Markdown
        } else {
            FileKind::Yaml
        }
    });
    match kind {
        FileKind::Markdown => parse_markdown(path, &text, warnings),
        FileKind::Json => {
            let document = serde_json::from_str(&text).map_err(|error| {
                Error::in_file(
                    path,
                    format!(
                        "invalid JSON at line {} column {}: {error}",
                        error.line(),
                        error.column()
                    ),
                )
            })?;
            Ok(vec![checked(path, document)?])
        }
        FileKind::Yaml => Ok(vec![checked(path, yaml::parse(path, &text, 0, warnings)?)?]),
    }
}

fn parse_markdown(
    path: &Path,
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<SpecFile>, Error> {
    let blocks = markdown::openapi_blocks(text).map_err(|message| Error::in_file(path, message))?;
    blocks
        .into_iter()
        .map(|block| {
            checked(
                path,
                yaml::parse(path, block.text, block.first_line - 1, warnings)?,
            )
        })
        .collect()
}

/// Where the `openapi` key of `path` is (or is missing from).
fn openapi_key(path: &Path) -> crate::diagnostics::Location {
    crate::diagnostics::Location {
        file: path.to_owned(),
        pointer: crate::diagnostics::Pointer::root().push("openapi"),
    }
}

/// Rejects documents that are not OpenAPI 3 objects.
fn checked(path: &Path, document: Value) -> Result<SpecFile, Error> {
    let Some(object) = document.as_object() else {
        return Err(Error::in_file(
            path,
            "expected an OpenAPI document (a mapping at the top level)",
        ));
    };
    match object.get("openapi").map(version_text) {
        Some(version) if version.starts_with('3') => {}
        Some(version) => {
            return Err(Error::at(
                openapi_key(path),
                format!("unsupported OpenAPI version `{version}`; expected 3.0 or 3.1"),
            ));
        }
        None if object.contains_key("swagger") => {
            return Err(Error::in_file(
                path,
                "Swagger 2.0 documents are not supported; export OpenAPI 3 from apifox",
            ));
        }
        None => {
            // The missing key itself: it shows as its parent, the root.
            return Err(Error::at(
                openapi_key(path),
                "expected an OpenAPI document: the top-level `openapi` key is missing",
            ));
        }
    }
    Ok(SpecFile {
        path: path.to_owned(),
        document,
    })
}

fn version_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
