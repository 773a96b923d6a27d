//! The generator as a library call: for `build.rs` scripts, the
//! `apifox-codegen` command and `cargo xtask`.
//!
//! [`Generator`] finds the settings of a spec, runs the pipeline and writes
//! the result. Writing only touches files whose content changed, so an
//! unchanged regeneration writes nothing and cargo rebuilds nothing.
//!
//! # In a `build.rs`
//!
//! A generated crate refers to its own items as `crate::runtime::…`,
//! `crate::models::…`. Included into another crate those paths would point
//! at the wrong root, so [`Generator::write_module_to`] writes the crate as
//! one file, `<OUT_DIR>/<name>.rs` (the package name, `-` as `_`), whose
//! modules are inline and whose `crate::` paths are rewritten relative to
//! the file (`self::…`, `super::…`). The file can then be included inside
//! any module — the usual pattern, as with `prost`:
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     apifox_codegen::Generator::new("specs/petstore") // a file or folder
//!         .strict(true)
//!         .rerun_if_changed(true)
//!         .write_module_to(std::env::var("OUT_DIR").unwrap())
//!         .unwrap_or_else(|error| panic!("{error}"));
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod petstore {
//!     include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! }
//! ```
//!
//! The crate needs the generated crate's dependencies
//! ([`crate::emit::manifest::DEPENDENCIES`]).
//! What differs from depending on a generated crate: the crate-level
//! README docs and lints (`#![forbid(unsafe_code)]`…) are left out (inner
//! attributes cannot be `include!`d), the generated `tests/` are not
//! included, and the runtime's `User-Agent` names the including crate. The
//! included modules must be reachable (`pub`) for their doc examples, which
//! name them by `module_path!()`, to compile as doctests.

// The example is a whole `build.rs`, `fn main` included.
#![allow(clippy::needless_doctest_main)]

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostics::Error;
use crate::{Generated, Options, emit, naming};

/// Generates one crate from one spec; see the [module docs](self).
///
/// ```no_run
/// use apifox_codegen::Generator;
///
/// let generated = Generator::new("specs/wooshpay")
///     .config("specs/wooshpay/codegen.toml") // the default for a folder
///     .strict(true)
///     .write_to("generated/wooshpay")?;
/// println!("{} operations", generated.api.operations.len());
/// # Ok::<(), apifox_codegen::diagnostics::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    spec: PathBuf,
    config: Option<PathBuf>,
    name: Option<String>,
    strict: bool,
    rerun_if_changed: bool,
}

impl Generator {
    /// A generator for the spec at `spec`: a YAML/JSON export, an apifox
    /// Markdown page, or a folder of them.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            config: None,
            name: None,
            strict: false,
            rerun_if_changed: false,
        }
    }

    /// Reads the settings from `path` instead of the default: the spec
    /// folder's `codegen.toml` if there is one, else defaults with the
    /// crate named after the folder (or the spec file).
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// Names the crate `name`, whatever the settings say.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Fails on warnings (a `serde_json::Value` fallback, a repaired
    /// spec…) instead of reporting them in [`Generated::warnings`].
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Prints `cargo:rerun-if-changed=` lines for the spec, the settings and
    /// the guide, so that a `build.rs` reruns when one of them changes (and
    /// only then).
    pub fn rerun_if_changed(mut self, rerun: bool) -> Self {
        self.rerun_if_changed = rerun;
        self
    }

    /// The spec this generator reads.
    pub fn spec(&self) -> &Path {
        &self.spec
    }

    /// The settings: the given file, the spec folder's `codegen.toml`, or
    /// defaults; with the name given to [`Generator::name`].
    pub fn load_config(&self) -> Result<Config, Error> {
        let mut config = match &self.config {
            Some(path) => read_config(path)?,
            None => match Config::for_spec(&self.spec)? {
                Some(config) => config,
                None => Config::named(&naming::crate_name(&default_name(&self.spec))),
            },
        };
        if let Some(name) = &self.name {
            config.package.name.clone_from(name);
        }
        Ok(config)
    }

    /// Runs the pipeline without writing anything.
    pub fn generate(&self) -> Result<Generated, Error> {
        self.run().map(|(_, generated)| generated)
    }

    fn run(&self) -> Result<(Config, Generated), Error> {
        let config = self.load_config()?;
        if self.rerun_if_changed {
            for path in self.inputs(&config) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let generated = crate::generate(
            &self.spec,
            &config,
            Options {
                strict: self.strict,
            },
        )?;
        Ok((config, generated))
    }

    /// Generates the crate into the folder `out` (its `Cargo.toml`,
    /// `README.md`, `src/`, `tests/`), writing only the files that changed
    /// and removing those an earlier generation wrote that are no longer
    /// produced. Nothing is written when generation fails.
    pub fn write_to(&self, out: impl AsRef<Path>) -> Result<Generated, Error> {
        let generated = self.generate()?;
        write_crate(out.as_ref(), &generated.files)?;
        Ok(generated)
    }

    /// Generates the crate as one Rust file, `<out_dir>/<name>.rs`, for
    /// `include!` (see the [module docs](self)); written only when its
    /// content changed.
    pub fn write_module_to(&self, out_dir: impl AsRef<Path>) -> Result<Generated, Error> {
        let (config, generated) = self.run()?;
        let source = module_source(&generated.files)?;
        let name = config.package.name.replace('-', "_");
        let path = out_dir.as_ref().join(format!("{name}.rs"));
        write_if_changed(&path, &source)?;
        Ok(generated)
    }

    /// The files of `out` that are not what the spec produces (empty when
    /// `out` is up to date).
    pub fn check(&self, out: impl AsRef<Path>) -> Result<(Generated, Vec<Stale>), Error> {
        let generated = self.generate()?;
        let stale = stale_files(out.as_ref(), &generated.files)?;
        Ok((generated, stale))
    }

    /// What the output depends on: the spec (a folder is watched whole), the
    /// settings file, the guide and the changelog.
    fn inputs(&self, config: &Config) -> Vec<PathBuf> {
        let mut inputs = vec![self.spec.clone()];
        let settings = self
            .config
            .clone()
            .or_else(|| config.source.clone())
            .or_else(|| {
                let path = self.spec.join(config::FILE_NAME);
                (self.spec.is_dir() && !path.exists()).then_some(path)
            });
        if let Some(settings) = settings {
            if let Some(folder) = settings.parent() {
                if let Some(guide) = &config.docs.guide {
                    inputs.push(folder.join(guide));
                }
                if config.docs.changelog_text.is_some() {
                    inputs.push(folder.join(config::CHANGELOG));
                }
            }
            inputs.push(settings);
        }
        inputs
    }
}

/// The crate name of a spec without settings: its folder's or file's name.
fn default_name(spec: &Path) -> String {
    let name = if spec.is_dir() {
        spec.canonicalize()
            .ok()
            .and_then(|path| path.file_name().map(|name| name.to_owned()))
            .or_else(|| spec.file_name().map(|name| name.to_owned()))
    } else {
        spec.file_stem().map(|name| name.to_owned())
    };
    name.map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "api".to_owned())
}

/// Reads a settings file at any path; the guide and changelog it goes with
/// are beside it (see [`Config::read`]).
pub fn read_config(path: &Path) -> Result<Config, Error> {
    Config::read(path)
}

/// What [`write_crate`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or rewritten, relative to the crate folder.
    pub changed: Vec<PathBuf>,
    /// Files of an earlier generation removed.
    pub removed: Vec<PathBuf>,
}

/// Writes `files` into the crate folder `out`: only files whose content
/// differs are written, and files of an earlier generation that are no
/// longer produced are removed (`target/` is left alone).
pub fn write_crate(out: &Path, files: &emit::Crate) -> Result<Written, Error> {
    let mut written = Written::default();
    for existing in existing_files(out)? {
        if !files.files.contains_key(&existing) {
            let path = out.join(&existing);
            fs::remove_file(&path)
                .map_err(|error| Error::in_file(&path, format!("cannot remove: {error}")))?;
            written.removed.push(existing);
        }
    }
    // A large API's files are tens of megabytes: each is compared and
    // written on the pool (the list keeps the files' order).
    let changed: Vec<Option<&PathBuf>> = files
        .files
        .par_iter()
        .map(|(relative, content)| {
            Ok(write_if_changed(&out.join(relative), content)?.then_some(relative))
        })
        .collect::<Result<_, Error>>()?;
    written.changed = changed.into_iter().flatten().cloned().collect();
    Ok(written)
}

/// Writes `content` to `path` unless it already holds it; whether it wrote.
pub fn write_if_changed(path: &Path, content: &str) -> Result<bool, Error> {
    if fs::read(path).ok().as_deref() == Some(content.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|error| Error::in_file(parent, format!("cannot create: {error}")))?;
    }
    fs::write(path, content)
        .map_err(|error| Error::in_file(path, format!("cannot write: {error}")))?;
    Ok(true)
}

/// A file of a crate folder that is not what the spec produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    /// The file, under the crate folder.
    pub path: PathBuf,
    /// How it differs.
    pub reason: StaleReason,
}

/// How a file is stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaleReason {
    /// Its content is not the generated one.
    Differs,
    /// It is generated but absent.
    Missing,
    /// It is there but no longer generated.
    NoLongerGenerated,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.reason {
            StaleReason::Differs => "differs",
            StaleReason::Missing => "missing",
            StaleReason::NoLongerGenerated => "no longer generated",
        };
        write!(f, "{} ({reason})", self.path.display())
    }
}

/// The files of the crate folder `out` that differ from `files`.
pub fn stale_files(out: &Path, files: &emit::Crate) -> Result<Vec<Stale>, Error> {
    let mut found = Vec::new();
    let existing: BTreeSet<PathBuf> = existing_files(out)?.into_iter().collect();
    found.par_extend(files.files.par_iter().filter_map(|(relative, content)| {
        let path = out.join(relative);
        let reason = match fs::read(&path) {
            Ok(current) if current == content.as_bytes() => return None,
            Ok(_) => StaleReason::Differs,
            Err(_) => StaleReason::Missing,
        };
        Some(Stale { path, reason })
    }));
    for relative in existing {
        if !files.files.contains_key(&relative) {
            found.push(Stale {
                path: out.join(relative),
                reason: StaleReason::NoLongerGenerated,
            });
        }
    }
    Ok(found)
}

/// Every file under `out`, relative to it; build output (`target/`) is not
/// ours.
fn existing_files(out: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    if !out.is_dir() {
        return Ok(files);
    }
    let mut pending = vec![out.to_owned()];
    while let Some(directory) = pending.pop() {
        let entries = fs::read_dir(&directory)
            .map_err(|error| Error::in_file(&directory, format!("cannot read: {error}")))?;
        for entry in entries {
            let path = entry
                .map_err(|error| Error::in_file(&directory, format!("cannot read: {error}")))?
                .path();
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

/// The crate's `src/` as one file for `include!`: `mod x;` items replaced
/// by `mod x { … }` with the module's file inline, `crate::` paths made
/// relative, and `src/lib.rs`'s inner attributes (crate docs and lints)
/// left out.
pub fn module_source(files: &emit::Crate) -> Result<String, Error> {
    let lib = files
        .files
        .get(Path::new("src/lib.rs"))
        .ok_or_else(|| Error::in_file("src/lib.rs", "the generated crate has no src/lib.rs"))?;
    // Everything before the first item is comments and inner attributes.
    let start = lib
        .lines()
        .scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len() + 1;
            Some((at, line))
        })
        .find(|(_, line)| {
            ["pub mod ", "mod ", "pub use ", "use "]
                .iter()
                .any(|prefix| line.starts_with(prefix))
        })
        .map_or(lib.len(), |(at, _)| at);
    let mut out = String::from(
        "// @generated by apifox-codegen (`Generator::write_module_to`). Do not edit: change the spec instead.\n\
         // The crate's modules, inline, for `include!` inside a module.\n\n",
    );
    inline_modules(files, Path::new("src"), &lib[start..], 0, &mut out)?;
    Ok(out)
}

/// Appends `source` (a module at `depth` below the crate root, whose child
/// files live in `folder`) to `out`, with child modules inline.
fn inline_modules(
    files: &emit::Crate,
    folder: &Path,
    source: &str,
    depth: usize,
    out: &mut String,
) -> Result<(), Error> {
    let source = relative_paths(source, depth);
    let mut previous = "";
    for line in source.split_inclusive('\n') {
        let conditional = previous.trim_start().starts_with("#[cfg(");
        if !line.trim().is_empty() {
            previous = line;
        }
        let Some((head, name)) = module_declaration(line) else {
            out.push_str(line);
            continue;
        };
        let found = [
            (folder.join(format!("{name}.rs")), folder.join(name)),
            (folder.join(name).join("mod.rs"), folder.join(name)),
        ]
        .into_iter()
        .find(|(path, _)| files.files.contains_key(path));
        let Some((child, child_folder)) = found else {
            // A part of the runtime the API does not use is compiled out
            // (`#[cfg(any())] mod multipart;`) and its file left out.
            if conditional {
                out.push_str(line);
                continue;
            }
            return Err(Error::in_file(
                folder.join(format!("{name}.rs")),
                "a module the generated crate declares has no file",
            ));
        };
        out.push_str(head);
        out.push_str(" {\n");
        inline_modules(files, &child_folder, &files.files[&child], depth + 1, out)?;
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("}\n");
    }
    Ok(())
}

/// `pub mod name;` → (`pub mod name`, `name`).
fn module_declaration(line: &str) -> Option<(&str, &str)> {
    let head = line.trim_end().strip_suffix(';')?;
    let name = head.trim_start().rsplit_once("mod ")?;
    let visibility = name.0.trim();
    let valid_visibility = visibility.is_empty()
        || visibility == "pub"
        || (visibility.starts_with("pub(") && visibility.ends_with(')'));
    let ident = name.1;
    (valid_visibility
        && !ident.is_empty()
        && ident.chars().all(|c| c == '_' || c.is_ascii_alphanumeric()))
    .then_some((head, ident))
}

/// `crate::` paths of a module `depth` levels below the crate root, made
/// relative (`self::` at the root, `super::super::` two levels down);
/// `$crate::` and `my_crate::` are left alone.
pub fn relative_paths(source: &str, depth: usize) -> String {
    let replacement = if depth == 0 {
        "self::".to_owned()
    } else {
        "super::".repeat(depth)
    };
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(index) = rest.find("crate::") {
        let before = rest[..index].chars().next_back();
        let is_path = !before.is_some_and(|c| c == '$' || c == '_' || c.is_alphanumeric());
        out.push_str(&rest[..index]);
        out.push_str(if is_path { &replacement } else { "crate::" });
        rest = &rest[index + "crate::".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_of(files: &[(&str, &str)]) -> emit::Crate {
        emit::Crate {
            files: files
                .iter()
                .map(|(path, text)| (PathBuf::from(path), (*text).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn crate_paths_become_relative_to_the_module() {
        assert_eq!(
            relative_paths("use crate::runtime::Error;\n$crate::x; my_crate::y", 2),
            "use super::super::runtime::Error;\n$crate::x; my_crate::y"
        );
        assert_eq!(
            relative_paths("#[serde(with = \"crate::runtime::codec\")]", 1),
            "#[serde(with = \"super::runtime::codec\")]"
        );
        assert_eq!(
            relative_paths("pub(crate) use crate::a;", 0),
            "pub(crate) use self::a;"
        );
    }

    #[test]
    fn a_module_file_has_its_modules_inline_and_no_crate_attributes() {
        let files = crate_of(&[
            (
                "src/lib.rs",
                "// @generated\n\n#![doc = include_str!(\"../README.md\")]\n#![warn(missing_docs)]\n\npub mod models;\npub mod runtime;\npub use runtime::Error;\n",
            ),
            ("src/models.rs", "//! Models.\nuse crate::runtime::Error;\n"),
            (
                "src/runtime/mod.rs",
                "//! Runtime.\nmod error;\npub use error::Error;\n",
            ),
            (
                "src/runtime/error.rs",
                "pub struct Error;\nuse crate::runtime::Error as E;\n",
            ),
        ]);
        let source = module_source(&files).unwrap();
        assert!(!source.contains("#!["), "{source}");
        assert!(!source.contains("crate::"), "{source}");
        assert!(
            source.contains(
                "pub mod models {\n//! Models.\nuse super::runtime::Error;\n}\n\
                 pub mod runtime {\n//! Runtime.\nmod error {\npub struct Error;\nuse super::super::runtime::Error as E;\n}\npub use error::Error;\n}\n\
                 pub use runtime::Error;\n"
            ),
            "{source}"
        );
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_are_named() {
        let dir = std::env::temp_dir().join(format!("apifox-codegen-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let files = crate_of(&[("Cargo.toml", "a"), ("src/lib.rs", "b")]);
        let written = write_crate(&dir, &files).unwrap();
        assert_eq!(written.changed.len(), 2);
        assert_eq!(write_crate(&dir, &files).unwrap(), Written::default());
        assert!(stale_files(&dir, &files).unwrap().is_empty());
        fs::write(dir.join("src/lib.rs"), "edited").unwrap();
        fs::write(dir.join("src/old.rs"), "old").unwrap();
        let stale: Vec<String> = stale_files(&dir, &files)
            .unwrap()
            .iter()
            .map(|stale| stale.to_string())
            .collect();
        assert_eq!(
            stale,
            [
                format!("{} (differs)", dir.join("src/lib.rs").display()),
                format!("{} (no longer generated)", dir.join("src/old.rs").display()),
            ]
        );
        let written = write_crate(&dir, &files).unwrap();
        assert_eq!(written.changed, [PathBuf::from("src/lib.rs")]);
        assert_eq!(written.removed, [PathBuf::from("src/old.rs")]);
        let _ = fs::remove_dir_all(&dir);
    }
}
