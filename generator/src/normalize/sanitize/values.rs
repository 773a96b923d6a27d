//! How odd values read as text, and what kind of JSON value a node is:
//! shared by the passes over the document and over its schemas.

use serde_json::Value;

/// A value as text: strings as they are, `null` as nothing, others as
/// their JSON.
pub(super) fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What kind of JSON value `value` is, in words for diagnostics.
pub(super) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
