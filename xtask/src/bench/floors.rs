//! What the pipeline is measured against: the bare parse of its input
//! (the floor every ratio divides by), and two costs that any design
//! built, as this one is, on `openapiv3`'s model and on `prettyplease`
//! cannot go below.
//!
//! - The typed read: the input read straight into `openapiv3::OpenAPI` by
//!   its derived serde impls, with no apifox rule applied. The front end
//!   (load, normalize, IR) does that much and more.
//! - The print: `prettyplease` printing the emitted Rust from syntax trees
//!   built beforehand, off the clock. Emission prints all of it.
//!
//! Each is timed on one thread, as the floor is.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use super::clock::Clock;

/// Which parser a text goes to.
pub(super) enum Text {
    Json,
    Yaml,
}

/// The texts the loader parses: a JSON or YAML file, or the OpenAPI code
/// blocks of the Markdown pages and the YAML files of a folder.
pub(super) fn parse_inputs(spec: &Path) -> Result<Vec<(Text, String)>> {
    let mut paths = if spec.is_dir() {
        fs::read_dir(spec)?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        vec![spec.to_owned()]
    };
    paths.sort();
    let mut texts = Vec::new();
    for path in paths {
        let extension = path
            .extension()
            .map(|extension| extension.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let read = || fs::read_to_string(&path).with_context(|| format!("{}", path.display()));
        match extension.as_str() {
            "json" => texts.push((Text::Json, read()?)),
            "yaml" | "yml" => texts.push((Text::Yaml, read()?)),
            "md" => texts.extend(code_blocks(&read()?)),
            _ => {}
        }
    }
    Ok(texts)
}

/// The `yaml`/`json` fenced blocks of a Markdown page that hold an OpenAPI
/// document (the loader's rule, simplified).
pub(super) fn code_blocks(page: &str) -> Vec<(Text, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(Text, String)> = None;
    for line in page.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut current, fence) {
            (None, Some(tag)) => {
                current = match tag.trim() {
                    "yaml" | "yml" | "" => Some((Text::Yaml, String::new())),
                    "json" => Some((Text::Json, String::new())),
                    _ => None,
                };
            }
            (Some(_), Some(_)) => {
                let (kind, text) = current.take().expect("inside a block");
                if text.contains("openapi") {
                    blocks.push((kind, text));
                }
            }
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The parse floor of `texts`: each parsed into a plain tree, the trees
/// dropped after the clock stops, as the loader's result is.
pub(super) fn parse(texts: &[(Text, String)]) -> Result<Duration> {
    let mut json = Vec::new();
    let mut yaml = Vec::new();
    let start = Clock::start();
    for (kind, text) in texts {
        match kind {
            Text::Json => json.push(serde_json::from_str::<serde_json::Value>(text)?),
            Text::Yaml => yaml.push(serde_yaml::from_str::<serde_yaml::Value>(text)?),
        }
    }
    let elapsed = start.elapsed();
    drop(black_box((json, yaml)));
    Ok(elapsed)
}

/// The typed read of `texts`; `None` when one of them is not a whole
/// document that `openapiv3` reads (a page's fragment, or an export it
/// refuses before normalization).
pub(super) fn typed_read(texts: &[(Text, String)]) -> Option<Duration> {
    let mut read = Vec::with_capacity(texts.len());
    let start = Clock::start();
    for (kind, text) in texts {
        read.push(match kind {
            Text::Json => serde_json::from_str::<openapiv3::OpenAPI>(text).ok()?,
            Text::Yaml => serde_yaml::from_str::<openapiv3::OpenAPI>(text).ok()?,
        });
    }
    let elapsed = start.elapsed();
    drop(black_box(read));
    Some(elapsed)
}

/// The emitted Rust `files` (but the runtime's copy, which is not
/// emitted) parsed and printed again: the time to parse them and the time
/// `prettyplease` takes to print them, apart.
pub(super) fn reprint<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> Result<(Duration, Duration)> {
    let (mut parse, mut print) = (Duration::ZERO, Duration::ZERO);
    for (path, text) in files {
        let rust = path.extension().is_some_and(|extension| extension == "rs");
        if !rust || path.starts_with("src/runtime") {
            continue;
        }
        let start = Clock::start();
        let file = syn::parse_file(text)
            .with_context(|| format!("re-parsing the emitted {}", path.display()))?;
        parse += start.elapsed();
        let start = Clock::start();
        let printed = prettyplease::unparse(&file);
        print += start.elapsed();
        drop(black_box((file, printed)));
    }
    Ok((parse, print))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_are_the_openapi_ones() {
        let page = "# Page\n\n```json\n{\"a\": 1}\n```\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\n```\n";
        let blocks = code_blocks(page);
        assert_eq!(blocks.len(), 1);
        assert!(matches!(blocks[0].0, Text::Yaml));
        assert_eq!(blocks[0].1, "openapi: 3.0.1\n");
    }

    #[test]
    fn typed_read_needs_whole_documents() {
        let whole = "{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}";
        assert!(typed_read(&[(Text::Json, whole.to_owned())]).is_some());
        let fragment = "openapi: 3.0.1\npaths: {}\n";
        assert!(typed_read(&[(Text::Yaml, fragment.to_owned())]).is_none());
    }

    #[test]
    fn reprint_skips_the_runtime_and_other_files() {
        // Parsing either of the others would fail.
        reprint([
            (Path::new("src/lib.rs"), "fn f() {}"),
            (Path::new("src/runtime/mod.rs"), "not rust"),
            (Path::new("Cargo.toml"), "not rust"),
        ])
        .expect("only src/lib.rs is parsed");
        assert!(reprint([(Path::new("src/lib.rs"), "fn (")]).is_err());
    }
}
