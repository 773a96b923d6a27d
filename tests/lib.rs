//! Helpers shared by the workspace tests: where the reference material is,
//! and how to read the examples out of the seed documents.

use std::path::{Path, PathBuf};

/// The project README, whose examples are compiled (as doctests) against the
/// generated crates.
#[doc = include_str!("../README.md")]
pub mod readme {}

use serde_json::Value;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_owned()
}

/// `../shared` beside the checkout: the seeds, provider notes and apifox
/// corpus the tests read (never copied into the project).
pub fn shared_dir() -> PathBuf {
    let shared = workspace_root().join("../shared");
    assert!(
        shared.is_dir(),
        "the reference material is expected at {} (a `shared` folder beside the checkout)",
        shared.display()
    );
    shared
}

/// The text of a seed document, by file name prefix (`000`).
pub fn seed(prefix: &str) -> String {
    let seeds = shared_dir().join("seeds");
    let entry = std::fs::read_dir(&seeds)
        .expect("the seeds folder is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed `{prefix}…` in {}", seeds.display()));
    std::fs::read_to_string(entry).expect("the seed is readable")
}

/// The JSON examples of a rendered apifox page, in page order: each
/// `Example` line followed by a JSON document.
pub fn documented_examples(page: &str) -> Vec<Value> {
    let lines: Vec<&str> = page.lines().collect();
    let mut examples = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.trim() != "Example" {
            continue;
        }
        if !lines
            .get(index + 1)
            .is_some_and(|next| next.trim_start().starts_with('{'))
        {
            continue;
        }
        let mut text = String::new();
        let mut depth = 0i32;
        let mut in_string = false;
        let mut escaped = false;
        'document: for line in &lines[index + 1..] {
            text.push_str(line);
            text.push('\n');
            for c in line.chars() {
                match (in_string, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (true, false, '"') => in_string = false,
                    (false, _, '"') => in_string = true,
                    (false, _, '{') => depth += 1,
                    (false, _, '}') => {
                        depth -= 1;
                        if depth == 0 {
                            break 'document;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Ok(value) = serde_json::from_str(&text) {
            examples.push(value);
        }
    }
    examples
}
