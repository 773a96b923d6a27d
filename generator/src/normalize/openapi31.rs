//! OpenAPI 3.1 schema spellings, rewritten in their 3.0 form.
//!
//! apifox exports 3.1 documents (`type: [string, "null"]`, `examples:
//! [...]`, numeric `exclusiveMinimum`) and also writes `type: 'null'` into
//! 3.0.1 documents. The typed model reads 3.0, so each 3.1 construct is
//! rewritten to its 3.0 equivalent wherever it appears.

use serde_json::{Map, Value};

use super::walk;
use crate::diagnostics::{Diagnostics, Pending, Pointer};

/// Rewrites every schema of `document` to OpenAPI 3.0 form.
pub fn downgrade(document: &mut Value, diagnostics: &mut Diagnostics) {
    diagnostics.record(walk::each_schema_in_parallel(
        document,
        &|node, pointer, pending| {
            if let Value::Object(schema) = node {
                downgrade_schema(schema, pointer, pending);
            }
        },
    ));
    if let Value::Object(root) = document {
        root.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Rewrites one schema node (not its children).
pub fn downgrade_schema(
    schema: &mut Map<String, Value>,
    pointer: &Pointer,
    diagnostics: &mut Pending,
) {
    match schema.get("type").cloned() {
        Some(Value::Array(types)) => {
            let mut names: Vec<String> = types
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            let nullable = names.iter().any(|name| name == "null");
            names.retain(|name| name != "null");
            if nullable {
                schema.insert("nullable".to_owned(), Value::Bool(true));
            }
            match names.as_slice() {
                [single] => {
                    schema.insert("type".to_owned(), Value::String(single.clone()));
                }
                [] => {
                    schema.remove("type");
                }
                _ => {
                    diagnostics.warn(
                        pointer,
                        format!(
                            "a value of several types ({}) is typed as `serde_json::Value`",
                            names.join(", ")
                        ),
                    );
                    schema.remove("type");
                }
            }
        }
        Some(Value::String(name)) if name == "null" => {
            schema.remove("type");
            schema.insert("nullable".to_owned(), Value::Bool(true));
        }
        _ => {}
    }
    if let Some(Value::Array(examples)) = schema.remove("examples")
        && let (Some(first), false) = (examples.into_iter().next(), schema.contains_key("example"))
    {
        schema.insert("example".to_owned(), first);
    }
    if let Some(constant) = schema.remove("const") {
        schema.insert("enum".to_owned(), Value::Array(vec![constant]));
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(limit)) = schema.get(exclusive).cloned() {
            schema.insert(bound.to_owned(), Value::Number(limit));
            schema.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    collapse_null_alternatives(schema);
}

/// `anyOf: [X, {type: 'null'}]` (how 3.1 spells "nullable X") becomes X with
/// `nullable: true`.
fn collapse_null_alternatives(schema: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = schema.get(key) else {
            continue;
        };
        let is_null = |alternative: &Value| {
            alternative.get("type").and_then(Value::as_str) == Some("null")
                || alternative.as_object().is_some_and(|object| {
                    object.len() == 1 && object.get("nullable") == Some(&Value::Bool(true))
                })
        };
        let others: Vec<Value> = alternatives
            .iter()
            .filter(|a| !is_null(a))
            .cloned()
            .collect();
        if others.len() == alternatives.len() {
            continue;
        }
        schema.remove(key);
        schema.insert("nullable".to_owned(), Value::Bool(true));
        match <[Value; 1]>::try_from(others) {
            Ok([Value::Object(only)]) if only.contains_key("$ref") => {
                schema.insert("allOf".to_owned(), Value::Array(vec![Value::Object(only)]));
            }
            Ok([Value::Object(only)]) => {
                for (field, value) in only {
                    schema.entry(field).or_insert(value);
                }
            }
            Ok([other]) => {
                schema.insert(key.to_owned(), Value::Array(vec![other]));
            }
            Err(others) if !others.is_empty() => {
                schema.insert(key.to_owned(), Value::Array(others));
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;
    use serde_json::json;

    fn downgraded(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"S": schema}}});
        let mut diagnostics = Diagnostics::new(SourceMap::default());
        downgrade(&mut document, &mut diagnostics);
        document["components"]["schemas"]["S"].clone()
    }

    #[test]
    fn type_lists_become_nullable_types() {
        assert_eq!(
            downgraded(json!({"type": ["string", "null"], "examples": ["a", "b"]})),
            json!({"type": "string", "nullable": true, "example": "a"})
        );
        assert_eq!(
            downgraded(json!({"type": "null"})),
            json!({"nullable": true})
        );
    }

    #[test]
    fn numeric_exclusive_bounds_and_const() {
        assert_eq!(
            downgraded(json!({"type": "integer", "exclusiveMinimum": 0, "const": 5})),
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 0, "enum": [5]})
        );
    }

    #[test]
    fn any_of_with_null_is_a_nullable_schema() {
        assert_eq!(
            downgraded(
                json!({"anyOf": [{"type": "string"}, {"type": "null"}], "description": "d"})
            ),
            json!({"description": "d", "nullable": true, "type": "string"})
        );
        assert_eq!(
            downgraded(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
    }
}
