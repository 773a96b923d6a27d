//! Apifox rule 2: a `$ref` keeps the description written next to it.
//!
//! apifox writes `{description: "Shipping information for this
//! PaymentIntent.", $ref: ...}` to document a field whose type is a
//! component. OpenAPI 3.0 says siblings of `$ref` are ignored, and the
//! `openapiv3` crate drops them silently. [`keep_ref_siblings`] rewrites such
//! a node to the equivalent `{allOf: [{$ref: ...}], description: ...}`,
//! which the typed model keeps and the IR reads as "the component, with this
//! description".

use serde_json::{Map, Value};

use super::walk;

/// Annotations worth keeping next to a reference.
const KEPT: [&str; 8] = [
    "description",
    "title",
    "nullable",
    "deprecated",
    "readOnly",
    "writeOnly",
    "default",
    "example",
];

/// Rewrites every `$ref` with annotation siblings in `document`.
pub fn keep_ref_siblings(document: &mut Value) {
    walk::rewrite_each_schema(document, &wrap);
}

/// Rewrites one schema node; other siblings of `$ref` are dropped.
pub fn wrap(node: &mut Value) {
    let Value::Object(schema) = node else { return };
    let Some(reference) = schema.get("$ref").cloned() else {
        return;
    };
    let mut wrapped = Map::new();
    for key in KEPT {
        if let Some(value) = schema.get(key) {
            let meaningful = match value {
                Value::String(text) => !text.trim().is_empty(),
                Value::Bool(flag) => *flag,
                Value::Null => false,
                _ => true,
            };
            if meaningful {
                wrapped.insert(key.to_owned(), value.clone());
            }
        }
    }
    schema.clear();
    let mut target = Map::new();
    target.insert("$ref".to_owned(), reference);
    if wrapped.is_empty() {
        *schema = target;
    } else {
        wrapped.insert(
            "allOf".to_owned(),
            Value::Array(vec![Value::Object(target)]),
        );
        *schema = wrapped;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_described_ref_becomes_a_single_all_of() {
        let mut node = json!({
            "description": "Shipping information.",
            "$ref": "#/components/schemas/Shipping",
            "x-apifox-orders": []
        });
        wrap(&mut node);
        assert_eq!(
            node,
            json!({
                "description": "Shipping information.",
                "allOf": [{"$ref": "#/components/schemas/Shipping"}]
            })
        );
    }

    #[test]
    fn a_ref_without_annotations_stays_plain() {
        let mut node =
            json!({"$ref": "#/components/schemas/A", "description": "", "type": "object"});
        wrap(&mut node);
        assert_eq!(node, json!({"$ref": "#/components/schemas/A"}));
    }
}
