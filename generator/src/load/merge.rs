//! Merging the files of a spec folder into one API.
//!
//! Paths are unioned operation by operation. A component defined in several
//! files must be defined identically (apifox pages each carry a copy of the
//! schemas they use); two different definitions under one name are an error
//! that names both files and the first place where they differ.

use std::path::Path;

use serde_json::{Map, Value};

use super::SpecFile;
use crate::diagnostics::{Diagnostic, Error, Location, Pointer, Severity, SourceMap};

/// Merges `files` (in order) into one document.
pub fn merge(
    files: Vec<SpecFile>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(Value, SourceMap), Error> {
    let mut sources = SourceMap::default();
    let mut merged = Map::new();
    for file in files {
        let index = sources.add_file(file.path.clone());
        let SpecFile { path, document } = file;
        let file = path.as_path();
        let Value::Object(document) = document else {
            unreachable!("the loader only returns object documents")
        };
        for (key, value) in document {
            let pointer = Pointer::root().push(&key);
            match key.as_str() {
                "paths" => merge_paths(
                    warnings,
                    &mut merged,
                    value,
                    &pointer,
                    file,
                    index,
                    &mut sources,
                )?,
                "components" => {
                    merge_components(&mut merged, value, &pointer, file, index, &mut sources)?
                }
                "servers" | "tags" => union_list(&mut merged, key, value),
                _ => {
                    let slot = merged.entry(key).or_insert(Value::Null);
                    if is_empty(slot) {
                        *slot = value;
                    }
                }
            }
        }
    }
    Ok((Value::Object(merged), sources))
}

fn merge_paths(
    warnings: &mut Vec<Diagnostic>,
    merged: &mut Map<String, Value>,
    paths: Value,
    pointer: &Pointer,
    file: &Path,
    index: usize,
    sources: &mut SourceMap,
) -> Result<(), Error> {
    let Value::Object(paths) = paths else {
        return Err(Error::at(
            location(file, pointer),
            "`paths` must be a mapping",
        ));
    };
    let target = object_slot(merged, "paths");
    for (path, item) in paths {
        let path_pointer = pointer.push(&path);
        match target.get_mut(&path) {
            None => {
                sources.record(path_pointer, index);
                target.insert(path, item);
            }
            Some(Value::Object(existing)) => {
                let Value::Object(item) = item else {
                    return Err(Error::at(
                        location(file, &path_pointer),
                        "a path item must be a mapping",
                    ));
                };
                for (method, operation) in item {
                    let method_pointer = path_pointer.push(&method);
                    match existing.get(&method) {
                        None => {
                            sources.record(method_pointer, index);
                            existing.insert(method, operation);
                        }
                        // Two pages documenting one endpoint differently (a
                        // page per request shape): the first is used.
                        Some(previous) => {
                            if let Err(conflict) = same_definition(
                                previous,
                                &operation,
                                &method_pointer,
                                file,
                                sources,
                            ) {
                                warnings.extend(conflict.diagnostics().iter().map(|diagnostic| {
                                    Diagnostic {
                                        severity: Severity::Warning,
                                        message: format!(
                                            "{}; the first definition is used",
                                            diagnostic.message
                                        ),
                                        ..diagnostic.clone()
                                    }
                                }));
                            }
                        }
                    }
                }
            }
            Some(previous) => same_definition(previous, &item, &path_pointer, file, sources)?,
        }
    }
    Ok(())
}

fn merge_components(
    merged: &mut Map<String, Value>,
    components: Value,
    pointer: &Pointer,
    file: &Path,
    index: usize,
    sources: &mut SourceMap,
) -> Result<(), Error> {
    let Value::Object(components) = components else {
        return Err(Error::at(
            location(file, pointer),
            "`components` must be a mapping",
        ));
    };
    let target = object_slot(merged, "components");
    for (kind, entries) in components {
        let kind_pointer = pointer.push(&kind);
        let Value::Object(entries) = entries else {
            if !entries.is_null() {
                return Err(Error::at(
                    location(file, &kind_pointer),
                    format!("`components.{kind}` must be a mapping"),
                ));
            }
            continue;
        };
        let target = object_slot(target, &kind);
        for (name, definition) in entries {
            let entry_pointer = kind_pointer.push(&name);
            match target.get(&name) {
                None => {
                    sources.record(entry_pointer, index);
                    target.insert(name, definition);
                }
                Some(previous) => {
                    same_definition(previous, &definition, &entry_pointer, file, sources)?
                }
            }
        }
    }
    Ok(())
}

/// Checks that a repeated definition equals the one merged first.
fn same_definition(
    previous: &Value,
    next: &Value,
    pointer: &Pointer,
    file: &Path,
    sources: &SourceMap,
) -> Result<(), Error> {
    let Some(difference) = first_difference(previous, next, pointer.clone()) else {
        return Ok(());
    };
    let first_file = sources
        .file_of_entry(pointer)
        .or_else(|| sources.file_of_entry(&parent(pointer)))
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    let name = pointer.tokens().last().unwrap_or_default();
    Err(Error::at(
        location(file, &difference),
        format!(
            "`{name}` is defined differently in {first_file} and {}; they first differ at {difference}",
            file.display()
        ),
    ))
}

fn parent(pointer: &Pointer) -> Pointer {
    let text = pointer.as_str();
    Pointer::parse(&text[..text.rfind('/').unwrap_or(0)])
}

/// The pointer of the first node where `a` and `b` differ, if they do.
/// Object keys are compared as sets: key order is not a difference.
pub(crate) fn first_difference(a: &Value, b: &Value, at: Pointer) -> Option<Pointer> {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .find_map(|(key, left)| match b.get(key) {
                Some(right) => first_difference(left, right, at.push(key)),
                None => Some(at.push(key)),
            })
            .or_else(|| {
                b.keys()
                    .find(|key| !a.contains_key(*key))
                    .map(|key| at.push(key))
            }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(index, (left, right))| first_difference(left, right, at.push(index)))
            .or_else(|| (a.len() != b.len()).then(|| at.push(a.len().min(b.len())))),
        _ => (a != b).then_some(at),
    }
}

fn union_list(merged: &mut Map<String, Value>, key: String, value: Value) {
    let Value::Array(items) = value else { return };
    let Value::Array(target) = merged
        .entry(key)
        .or_insert_with(|| Value::Array(Vec::new()))
    else {
        return;
    };
    for item in items {
        if !target.contains(&item) {
            target.push(item);
        }
    }
}

fn object_slot<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut().expect("just made an object")
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn location(file: &Path, pointer: &Pointer) -> Location {
    Location {
        file: file.to_owned(),
        pointer: pointer.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(path: &str, document: Value) -> SpecFile {
        SpecFile {
            path: path.into(),
            document,
        }
    }

    #[test]
    fn paths_are_unioned_and_identical_components_merge() {
        let address = json!({"type": "object", "properties": {"city": {"type": "string"}}});
        let (merged, sources) = merge(
            vec![
                spec(
                    "a.md",
                    json!({"openapi": "3.0.1", "paths": {"/a": {"get": {}}},
                "components": {"schemas": {"Address": address.clone()}}}),
                ),
                spec(
                    "b.md",
                    json!({"openapi": "3.0.1", "paths": {"/a": {"post": {}}, "/b": {"get": {}}},
                "components": {"schemas": {"Address": address}}}),
                ),
            ],
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(merged["paths"]["/a"], json!({"get": {}, "post": {}}));
        assert!(merged["paths"]["/b"].is_object());
        let post = Pointer::parse("/paths/~1a/post/responses");
        assert_eq!(sources.locate(&post).file, std::path::Path::new("b.md"));
    }

    #[test]
    fn different_components_under_one_name_are_an_error() {
        let error = merge(
            vec![
                spec(
                    "a.md",
                    json!({"openapi": "3.0.1", "components": {"schemas": {"Address":
                {"type": "object", "properties": {"city": {"type": "string"}}}}}}),
                ),
                spec(
                    "b.md",
                    json!({"openapi": "3.0.1", "components": {"schemas": {"Address":
                {"type": "object", "properties": {"city": {"type": "integer"}}}}}}),
                ),
            ],
            &mut Vec::new(),
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(message.contains("a.md and b.md"), "{message}");
        assert!(
            message.contains("#/components/schemas/Address/properties/city/type"),
            "{message}"
        );
    }

    #[test]
    fn one_endpoint_documented_twice_keeps_the_first_with_a_warning() {
        let page = |summary: &str| json!({"openapi": "3.0.1", "paths": {"/v1/x": {"post": {"summary": summary}}}});
        let mut warnings = Vec::new();
        let (merged, _) = merge(
            vec![spec("a.md", page("Image")), spec("a.md", page("Video"))],
            &mut warnings,
        )
        .unwrap();
        assert_eq!(merged["paths"]["/v1/x"]["post"]["summary"], "Image");
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].location.pointer.as_str(),
            "/paths/~1v1~1x/post/summary"
        );
        assert!(
            warnings[0]
                .message
                .ends_with("the first definition is used"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn key_order_is_not_a_difference() {
        let a = json!({"x": 1, "y": [1, 2]});
        let b = json!({"y": [1, 2], "x": 1});
        assert_eq!(first_difference(&a, &b, Pointer::root()), None);
        let c = json!({"y": [1, 3], "x": 1});
        assert_eq!(
            first_difference(&a, &c, Pointer::root()),
            Some(Pointer::parse("/y/1"))
        );
    }
}
