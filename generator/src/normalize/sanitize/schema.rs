//! Schema keywords of the wrong JSON type, repaired or dropped (see
//! [`super`]).

use serde_json::{Map, Value};

use super::values::{json_kind, text_of};
use crate::diagnostics::{Pending, Pointer};

/// The JSON types the typed model expects for schema keywords.
#[derive(Clone, Copy)]
enum Expect {
    Bool,
    Text,
    Number,
    Count,
    Schema,
    SchemaOrBool,
    SchemaList,
    SchemaMap,
    TextList,
    List,
    Discriminator,
    Anything,
}

impl Expect {
    /// What the keyword's value should be, for messages.
    fn describe(self) -> &'static str {
        match self {
            Self::Bool => "a boolean",
            Self::Text => "text",
            Self::Number => "a number",
            Self::Count => "a non-negative integer",
            Self::Schema => "a schema (a mapping)",
            Self::SchemaOrBool => "a schema (a mapping) or a boolean",
            Self::SchemaList => "a list of schemas",
            Self::SchemaMap => "a mapping of schemas",
            Self::TextList => "a list of property names",
            Self::List => "a list",
            Self::Discriminator => "a discriminator with a `propertyName`",
            Self::Anything => "any value",
        }
    }
}

fn expected(key: &str) -> Option<Expect> {
    Some(match key {
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
        | "exclusiveMinimum" | "exclusiveMaximum" => Expect::Bool,
        "title" | "description" | "pattern" | "format" | "$ref" | "type" => Expect::Text,
        "multipleOf" | "minimum" | "maximum" => Expect::Number,
        "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minLength" | "maxLength" => {
            Expect::Count
        }
        "items" | "not" => Expect::Schema,
        "additionalProperties" => Expect::SchemaOrBool,
        "allOf" | "oneOf" | "anyOf" => Expect::SchemaList,
        "properties" => Expect::SchemaMap,
        "required" => Expect::TextList,
        "enum" => Expect::List,
        "discriminator" => Expect::Discriminator,
        "example" | "default" => Expect::Anything,
        _ => return None,
    })
}

/// Repairs one schema node (its children are visited separately).
pub fn repair_schema(node: &mut Value, pointer: &Pointer, diagnostics: &mut Pending) {
    let Value::Object(schema) = node else {
        let found = json_kind(node);
        if !matches!(node, Value::Bool(true)) {
            diagnostics.warn(
                pointer,
                format!("expected a schema (a mapping), found {found}; the value is typed as `serde_json::Value`"),
            );
        }
        *node = Value::Object(Map::new());
        return;
    };
    lift_property_required_flags(schema);
    if let Some(Value::String(kind)) = schema.get("type").cloned() {
        fix_type_name(schema, &kind, pointer, diagnostics);
    }
    let keys: Vec<String> = schema.keys().cloned().collect();
    for key in keys {
        if key.starts_with("x-") {
            continue;
        }
        let Some(expect) = expected(&key) else {
            // Keywords the model does not know (`examples`, `$schema`,
            // `contentMediaType`…) would only be ignored by it; dropping
            // them keeps the model from tripping over their types.
            schema.remove(&key);
            continue;
        };
        let value = schema.get_mut(&key).expect("listed above");
        if !repair(value, expect) {
            diagnostics.warn(
                &pointer.push(&key),
                format!(
                    "`{key}` must be {}, found {}; it is ignored",
                    expect.describe(),
                    json_kind(value)
                ),
            );
            schema.remove(&key);
        }
    }
    if let Some(Value::Array(items)) = schema.get("items") {
        if !items.is_empty() {
            diagnostics.warn(
                &pointer.push("items"),
                "tuple arrays (a list under `items`) are not supported; items are typed as `serde_json::Value`",
            );
        }
        schema.insert("items".to_owned(), Value::Object(Map::new()));
    }
}

/// Brings `value` to the expected JSON type where that has an obvious
/// meaning; returns `false` when it cannot.
fn repair(value: &mut Value, expect: Expect) -> bool {
    match (expect, &*value) {
        (Expect::Bool, Value::Bool(_))
        | (Expect::Text, Value::String(_))
        | (Expect::Number, Value::Number(_))
        | (Expect::Schema, Value::Object(_) | Value::Array(_))
        | (Expect::SchemaOrBool, Value::Object(_) | Value::Bool(_))
        | (Expect::SchemaMap, Value::Object(_))
        | (Expect::List, Value::Array(_))
        | (Expect::Anything, _) => true,
        (Expect::Bool, Value::String(text)) if text == "true" || text == "false" => {
            *value = Value::Bool(text == "true");
            true
        }
        (Expect::Text, Value::Number(_) | Value::Bool(_)) => {
            *value = Value::String(text_of(value));
            true
        }
        (Expect::Number, Value::String(text)) => match text.trim().parse::<serde_json::Number>() {
            Ok(number) => {
                *value = Value::Number(number);
                true
            }
            Err(_) => false,
        },
        (Expect::Count, Value::Number(number)) => number.as_u64().is_some(),
        (Expect::Count, Value::String(text)) => match text.trim().parse::<u64>() {
            Ok(count) => {
                *value = Value::from(count);
                true
            }
            Err(_) => false,
        },
        (Expect::Schema, Value::Bool(true)) => {
            *value = Value::Object(Map::new());
            true
        }
        (Expect::SchemaList, Value::Array(items)) => {
            let items: Vec<Value> = items
                .iter()
                .filter(|item| item.is_object())
                .cloned()
                .collect();
            *value = Value::Array(items);
            true
        }
        (Expect::TextList, Value::Array(items)) => {
            let names: Vec<Value> = items
                .iter()
                .filter(|item| item.is_string())
                .cloned()
                .collect();
            *value = Value::Array(names);
            true
        }
        (Expect::Discriminator, Value::Object(object)) => {
            let Some(property) = object
                .get("propertyName")
                .filter(|p| p.is_string())
                .cloned()
            else {
                return false;
            };
            let mut clean = Map::new();
            clean.insert("propertyName".into(), property);
            if let Some(Value::Object(mapping)) = object.get("mapping") {
                let mapping: Map<String, Value> = mapping
                    .iter()
                    .filter(|(_, target)| target.is_string())
                    .map(|(key, target)| (key.clone(), target.clone()))
                    .collect();
                clean.insert("mapping".into(), Value::Object(mapping));
            }
            *value = Value::Object(clean);
            true
        }
        _ => false,
    }
}

/// Swagger 2 style `required: true` on a property means the parent lists
/// it as required.
fn lift_property_required_flags(schema: &mut Map<String, Value>) {
    let Some(Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    let mut lifted = Vec::new();
    for (name, property) in properties.iter_mut() {
        if let Some(Value::Bool(flag)) = property.get("required").cloned() {
            if flag {
                lifted.push(Value::String(name.clone()));
            }
            if let Value::Object(property) = property {
                property.remove("required");
            }
        }
    }
    if lifted.is_empty() {
        return;
    }
    let required = schema
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(required) = required {
        for name in lifted {
            if !required.contains(&name) {
                required.push(name);
            }
        }
    }
}

/// Maps type names that are not OpenAPI's onto the OpenAPI ones.
fn fix_type_name(
    schema: &mut Map<String, Value>,
    kind: &str,
    pointer: &Pointer,
    diagnostics: &mut Pending,
) {
    let normalized = kind.trim().to_ascii_lowercase();
    let (name, format) = match normalized.as_str() {
        "string" | "number" | "integer" | "boolean" | "array" | "object" => {
            (normalized.as_str(), None)
        }
        "file" | "binary" => ("string", Some("binary")),
        "int" | "long" | "int32" | "int64" => ("integer", None),
        "float" | "double" | "decimal" => ("number", None),
        "bool" => ("boolean", None),
        "date" | "datetime" | "date-time" | "text" | "str" => ("string", None),
        "map" | "dict" => ("object", None),
        "list" => ("array", None),
        _ => {
            diagnostics.warn(
                &pointer.push("type"),
                format!("unknown type `{kind}`; the value is typed as `serde_json::Value`"),
            );
            schema.remove("type");
            return;
        }
    };
    schema.insert("type".to_owned(), Value::String(name.to_owned()));
    if let Some(format) = format {
        schema.insert("format".to_owned(), Value::String(format.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::normalize::sanitize::tests::sanitized;

    #[test]
    fn a_non_mapping_schema_becomes_untyped_with_its_location() {
        let (document, warnings) = sanitized(json!({
            "components": {"schemas": {"A": {"type": "object", "properties": {"x": "string"}}}}
        }));
        assert_eq!(
            document["components"]["schemas"]["A"]["properties"]["x"],
            json!({})
        );
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains(
                "#/components/schemas/A/properties/x: expected a schema (a mapping), found a string"
            ),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn obvious_type_mistakes_are_repaired() {
        let (document, warnings) = sanitized(json!({
            "components": {"schemas": {"A": {
                "type": "object",
                "properties": {
                    "id": {"type": "int", "required": true, "minimum": "1"},
                    "file": {"type": "file"},
                    "tags": {"type": "array", "items": [{"type": "string"}]}
                },
                "examples": ["ignored"]
            }}}
        }));
        let schema = &document["components"]["schemas"]["A"];
        assert_eq!(schema["required"], json!(["id"]));
        assert_eq!(
            schema["properties"]["id"],
            json!({"type": "integer", "minimum": 1})
        );
        assert_eq!(
            schema["properties"]["file"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(schema["properties"]["tags"]["items"], json!({}));
        assert!(schema.get("examples").is_none());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
