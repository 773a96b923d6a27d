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

/// Decodes `example` into `T`, encodes it back, and checks that nothing was
/// lost or changed, modulo `null`s, key order, the keys listed in
/// `undeclared` (dotted paths the schema does not declare) and strings that
/// hold JSON where `T` has an array or object (the lenient reading).
pub fn assert_round_trip<T>(example: &Value, undeclared: &[&str])
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let decoded: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|error| panic!("the example decodes: {error}"));
    let encoded = without_nulls(&serde_json::to_value(&decoded).expect("the value encodes"));
    let mut expected = without_nulls(example);
    for path in undeclared {
        remove_path(&mut expected, path);
    }
    let expected = decode_json_strings(expected, &encoded);
    assert_eq!(encoded, expected, "the example changed in a round trip");
}

fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key.clone(), without_nulls(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|v| !v.is_null())
                .map(without_nulls)
                .collect(),
        ),
        other => other.clone(),
    }
}

fn remove_path(value: &mut Value, path: &str) {
    let mut keys: Vec<&str> = path.split('.').collect();
    let last = keys.pop().expect("a non-empty path");
    let mut node = value;
    for key in keys {
        match node.get_mut(key) {
            Some(child) => node = child,
            None => return,
        }
    }
    if let Value::Object(entries) = node {
        entries.remove(last);
    }
}

/// Where `actual` has an array or object and `expected` a string holding
/// JSON, the string decoded.
fn decode_json_strings(expected: Value, actual: &Value) -> Value {
    match (expected, actual) {
        (Value::String(text), Value::Array(_) | Value::Object(_)) => {
            let decoded: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
            decode_json_strings(without_nulls(&decoded), actual)
        }
        (Value::Object(entries), Value::Object(actual)) => Value::Object(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let value = match actual.get(&key) {
                        Some(actual) => decode_json_strings(value, actual),
                        None => value,
                    };
                    (key, value)
                })
                .collect(),
        ),
        (Value::Array(items), Value::Array(actual)) => Value::Array(
            items
                .into_iter()
                .zip(actual.iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(value, actual)| match actual {
                    Some(actual) => decode_json_strings(value, actual),
                    None => value,
                })
                .collect(),
        ),
        (expected, _) => expected,
    }
}
