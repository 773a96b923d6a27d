//! The normalized document read into `openapiv3`'s typed model, in parts.
//!
//! openapiv3 reads each object that has `flatten`ed extensions (the
//! document, `paths`, `components`, every path item, operation and schema)
//! by copying it into a buffer first: a node n objects deep is copied n
//! times, and the whole document is one thread's work. The path items and
//! the component schemas, nearly all of a large document, are therefore
//! read one by one on the thread pool, each from its own node, and the rest
//! of the document, small, is read as before. The result is the model a
//! whole read gives: `Paths` keeps only the `/…` keys, which are the ones
//! taken out, and `components.schemas` is a plain map.

use openapiv3::{OpenAPI, PathItem, ReferenceOr, Schema};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};

/// `document` read into the typed model; `None` if any part fails to read,
/// and the caller reads it whole again to say where.
pub fn read(document: &Value) -> Option<OpenAPI> {
    let root = document.as_object()?;
    let paths: Vec<_> = root
        .get("paths")
        .and_then(Value::as_object)
        .map(|paths| paths.iter().filter(|(key, _)| is_path(key)).collect())
        .unwrap_or_default();
    let schemas: Option<Vec<_>> = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
        .map(|schemas| schemas.iter().collect());

    // The document without the parts read on their own.
    let mut rest = Map::with_capacity(root.len());
    for (key, value) in root {
        let value = match (key.as_str(), value) {
            ("paths", Value::Object(paths)) => Value::Object(without(paths, is_path)),
            ("components", Value::Object(components)) if schemas.is_some() => {
                Value::Object(without(components, |key| key == "schemas"))
            }
            _ => value.clone(),
        };
        rest.insert(key.clone(), value);
    }

    let (openapi, (paths, schemas)) = rayon::join(
        || OpenAPI::deserialize(&Value::Object(rest)).ok(),
        || {
            rayon::join(
                || each::<ReferenceOr<PathItem>>(&paths),
                || schemas.map(|schemas| each::<ReferenceOr<Schema>>(&schemas)),
            )
        },
    );
    let mut openapi = openapi?;
    openapi.paths.paths.extend(paths?);
    if let Some(schemas) = schemas {
        // `rest` kept `components`, so the model has it.
        openapi.components.as_mut()?.schemas.extend(schemas?);
    }
    Some(openapi)
}

/// Whether `key` of `paths` is a path: the keys openapiv3's `Paths` reads
/// as path items (it drops the others, or keeps them as extensions).
fn is_path(key: &str) -> bool {
    key.starts_with('/')
}

/// Each of `entries` read as a `T`, in parallel and in order; `None` if
/// one does not read.
fn each<T: for<'de> Deserialize<'de> + Send>(
    entries: &[(&String, &Value)],
) -> Option<Vec<(String, T)>> {
    entries
        .par_iter()
        .map(|(key, node)| Some(((*key).clone(), T::deserialize(*node).ok()?)))
        .collect()
}

/// A copy of `object` without the keys `taken`.
fn without(object: &Map<String, Value>, taken: impl Fn(&str) -> bool) -> Map<String, Value> {
    object
        .iter()
        .filter(|(key, _)| !taken(key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read in parts, a document is what it is read whole: extensions of
    /// `paths` and `components` stay, keys of `paths` that are neither
    /// paths nor extensions go, and the order of paths and schemas holds.
    #[test]
    fn parts_read_as_the_whole() {
        let document = serde_json::json!({
            "openapi": "3.0.1",
            "info": {"title": "T", "version": "1"},
            "x-apifox": {"folders": []},
            "paths": {
                "/b": {"get": {"responses": {"200": {"description": "ok"}}}},
                "x-order": [1, 2],
                "stray": {"get": {}},
                "/a": {"$ref": "#/components/pathItems/A"},
            },
            "components": {
                "schemas": {
                    "Z": {"type": "object", "properties": {"id": {"type": "string"}}},
                    "A": {"$ref": "#/components/schemas/Z"},
                },
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}},
                "x-kept": true,
            },
        });
        let whole = OpenAPI::deserialize(&document).unwrap();
        assert_eq!(read(&document), Some(whole));
    }

    /// A part that does not read fails the whole read, so that the caller
    /// reads the document again to say where.
    #[test]
    fn a_bad_part_fails_the_read() {
        let bad_schema = serde_json::json!({
            "openapi": "3.0.1",
            "info": {"title": "T", "version": "1"},
            "paths": {},
            "components": {"schemas": {"A": {"type": "object", "required": "id"}}},
        });
        assert!(OpenAPI::deserialize(&bad_schema).is_err());
        assert_eq!(read(&bad_schema), None);
        let bad_path = serde_json::json!({
            "openapi": "3.0.1",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {"responses": 7}}},
        });
        assert!(OpenAPI::deserialize(&bad_path).is_err());
        assert_eq!(read(&bad_path), None);
    }
}
