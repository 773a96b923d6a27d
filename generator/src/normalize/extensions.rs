//! One spelling for apifox's extension keys.
//!
//! Apidog (apifox's international edition) writes `x-apidog-orders` where
//! apifox writes `x-apifox-orders`; some exports strip the vendor part and
//! leave `x--orders`; hand-edited exports carry stray quotes around keys
//! (`x-apifox-orders'`). All of them mean the `x-apifox-*` key, so every
//! later pass only has to know that one.

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::refs::is_literal;

/// The `x-apifox-*` spelling of an extension key, if `key` is one of its
/// variants; `None` for keys that are already canonical or not apifox's.
pub fn canonical_key(key: &str) -> Option<String> {
    let trimmed = key.trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace());
    let suffix = trimmed
        .strip_prefix("x-apidog-")
        .or_else(|| trimmed.strip_prefix("x--"))
        .or_else(|| trimmed.strip_prefix("x-apifox-"))?;
    let canonical = format!("x-apifox-{suffix}");
    (canonical != key).then_some(canonical)
}

/// Renames every variant extension key of `document` to its canonical
/// spelling. A key that is already present in canonical form wins over its
/// variants. Names (of properties, paths, components…) and example data are
/// left alone.
pub fn canonicalize(document: &mut Value) {
    // The path items, most of a large document, are visited in parallel,
    // taken out while the rest is visited (no key of theirs is renamed
    // anywhere else).
    let mut paths = match document.get_mut("paths") {
        Some(paths @ Value::Object(_)) => std::mem::take(paths),
        _ => Value::Null,
    };
    visit(document, false);
    if let Value::Object(items) = &mut paths {
        items
            .values_mut()
            .collect::<Vec<_>>()
            .into_par_iter()
            .for_each(|item| visit(item, false));
        if let Some(slot) = document.get_mut("paths") {
            *slot = paths;
        }
    }
}

fn visit(node: &mut Value, keys_are_names: bool) {
    match node {
        Value::Object(object) => {
            if !keys_are_names {
                rename_keys(object);
            }
            for (key, child) in object.iter_mut() {
                if keys_are_names {
                    visit(child, false);
                } else if !is_literal(key) {
                    visit(child, is_name_map(key));
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| visit(item, false)),
        _ => {}
    }
}

fn rename_keys(object: &mut Map<String, Value>) {
    let renames: Vec<(String, String)> = object
        .keys()
        .filter_map(|key| canonical_key(key).map(|canonical| (key.clone(), canonical)))
        .collect();
    for (from, to) in renames {
        if let Some(value) = object.remove(&from)
            && !object.contains_key(&to)
        {
            object.insert(to, value);
        }
    }
}

/// Keys whose value maps names (not spec keywords) to nodes.
fn is_name_map(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "x-apifox-overrides"
            | "x-apifox-refs"
            | "paths"
            | "responses"
            | "content"
            | "schemas"
            | "parameters"
            | "requestBodies"
            | "headers"
            | "securitySchemes"
            | "encoding"
            | "links"
            | "callbacks"
            | "variables"
            | "mapping"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn variants_map_to_the_apifox_key() {
        assert_eq!(
            canonical_key("x-apidog-orders").as_deref(),
            Some("x-apifox-orders")
        );
        assert_eq!(
            canonical_key("x--orders").as_deref(),
            Some("x-apifox-orders")
        );
        assert_eq!(
            canonical_key("x-apifox-orders'").as_deref(),
            Some("x-apifox-orders")
        );
        assert_eq!(
            canonical_key("'x-apidog-refs'").as_deref(),
            Some("x-apifox-refs")
        );
        assert_eq!(canonical_key("x-apifox-orders"), None);
        assert_eq!(canonical_key("x-go-name"), None);
        assert_eq!(canonical_key("description"), None);
    }

    #[test]
    fn renames_keys_but_not_names_or_examples() {
        let mut document = json!({
            "type": "object",
            "x-apidog-orders": ["x--orders"],
            "properties": {"x--orders": {"type": "string", "x--orders": []}},
            "example": {"x--orders": 1},
            "x-apifox-refs": {"01": {"$ref": "#/a", "x-apidog-overrides": {"x--name": null}}}
        });
        canonicalize(&mut document);
        assert_eq!(
            document,
            json!({
                "type": "object",
                "properties": {"x--orders": {"type": "string", "x-apifox-orders": []}},
                "example": {"x--orders": 1},
                "x-apifox-refs": {"01": {"$ref": "#/a", "x-apifox-overrides": {"x--name": null}}},
                "x-apifox-orders": ["x--orders"]
            })
        );
    }

    #[test]
    fn the_canonical_key_wins_over_a_variant() {
        let mut document = json!({"x-apifox-orders": ["a"], "x-apidog-orders": ["b"]});
        canonicalize(&mut document);
        assert_eq!(document, json!({"x-apifox-orders": ["a"]}));
    }
}
