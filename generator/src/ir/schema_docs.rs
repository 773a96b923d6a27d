//! What a schema says about itself in prose: descriptions, the documented
//! values of enums (`x-apifox-enum`), and enum variants from values.

use std::collections::HashMap;

use openapiv3::{Schema, SchemaKind, Type};
use serde_json::Value;

use super::{Enum, Scalar, TypeRef, Variant};
use crate::naming::{self, Namespace};

/// The description of a schema, if it has a non-empty one.
pub fn describe(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    data.description
        .as_deref()
        .or(data.title.as_deref())
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// A field's documentation: its description, and for enums of numbers
/// (which stay numbers in Rust) the documented values.
pub(super) fn field_docs(schema: &Schema) -> Option<String> {
    let description = describe(schema);
    let values: Vec<&Value> = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            return append_values(
                description,
                &integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(*v))
                    .collect::<Vec<_>>(),
                schema,
            );
        }
        SchemaKind::Any(any) if !any.enumeration.iter().all(Value::is_string) => {
            any.enumeration.iter().collect()
        }
        _ => return description,
    };
    let values: Vec<Value> = values.into_iter().cloned().collect();
    append_values(description, &values, schema)
}

pub(super) fn append_values(
    description: Option<String>,
    values: &[Value],
    schema: &Schema,
) -> Option<String> {
    if values.is_empty() {
        return description;
    }
    let labels = apifox_enum_docs(schema);
    let mut text = description.map(|d| format!("{d}\n\n")).unwrap_or_default();
    text.push_str("Known values:");
    for value in values {
        let key = match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        match labels.get(&key) {
            Some(label) => text.push_str(&format!("\n- `{key}`: {label}")),
            None => text.push_str(&format!("\n- `{key}`")),
        }
    }
    Some(text)
}

/// The variant docs apifox keeps in `x-apifox-enum`, by wire value.
pub(super) fn apifox_enum_docs(schema: &Schema) -> HashMap<String, String> {
    let Some(Value::Array(entries)) = schema.schema_data.extensions.get("x-apifox-enum") else {
        return HashMap::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let value = match entry.get("value")? {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let text = ["description", "name"]
                .iter()
                .filter_map(|key| entry.get(*key).and_then(Value::as_str))
                .map(str::trim)
                .find(|text| !text.is_empty())?;
            Some((value, text.to_owned()))
        })
        .collect()
}

pub(super) fn enum_of(values: &[String], schema: &Schema) -> Enum {
    let docs = apifox_enum_docs(schema);
    let mut names = Namespace::with_reserved(&["Unknown"]);
    let mut seen = Vec::new();
    let variants = values
        .iter()
        .filter(|value| {
            let fresh = !seen.contains(value);
            seen.push(value);
            fresh
        })
        .map(|value| Variant {
            name: names.claim(&naming::variant_name(value), ""),
            value: value.clone(),
            docs: docs.get(value).cloned(),
        })
        .collect();
    Enum { variants }
}

pub(super) fn scalar_of_values(values: &[Value], number: Scalar) -> TypeRef {
    if values
        .iter()
        .all(|value| value.is_i64() || value.is_u64() || value.is_null())
    {
        TypeRef::Scalar(Scalar::Integer)
    } else if values
        .iter()
        .all(|value| value.is_number() || value.is_null())
    {
        TypeRef::Scalar(number)
    } else if values
        .iter()
        .all(|value| value.is_boolean() || value.is_null())
    {
        TypeRef::Scalar(Scalar::Boolean)
    } else {
        TypeRef::Any
    }
}
