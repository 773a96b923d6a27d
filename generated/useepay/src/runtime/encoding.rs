// @generated: a copy of generator/runtime/src/encoding.rs, made by `cargo xtask codegen`. Edit it there.

//! Values into URL paths, query strings and form bodies.

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use super::error::Error;

/// Characters kept as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value as one percent-encoded path segment, so that an id holding `/`
/// or `?` cannot change which resource is addressed.
pub fn path_segment(value: impl Display) -> String {
    utf8_percent_encode(&value.to_string(), SEGMENT).to_string()
}

/// Flattens `value` into `name=value` pairs, the way form and query
/// encodings expect: `null` is left out, lists repeat the name
/// (`tag=a&tag=b`), and objects nest in brackets (`created[gt]=1`).
pub fn pairs<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<(String, String)>, Error> {
    let value = serde_json::to_value(value)
        .map_err(|error| Error::InvalidRequest(format!("`{name}` cannot be encoded: {error}")))?;
    let mut out = Vec::new();
    flatten(name, &value, &mut out);
    Ok(out)
}

/// Flattens the fields of an object into pairs (each field its own name).
pub fn object_pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, Error> {
    let value = serde_json::to_value(value).map_err(|error| {
        Error::InvalidRequest(format!("the parameters cannot be encoded: {error}"))
    })?;
    let mut out = Vec::new();
    match &value {
        Value::Object(fields) => {
            for (name, field) in fields {
                flatten(name, field, &mut out);
            }
        }
        Value::Null => {}
        other => {
            return Err(Error::InvalidRequest(format!(
                "expected an object to encode as parameters, found {other}"
            )));
        }
    }
    Ok(out)
}

fn flatten(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(flag) => out.push((name.to_owned(), flag.to_string())),
        Value::Number(number) => out.push((name.to_owned(), number.to_string())),
        Value::String(text) => out.push((name.to_owned(), text.clone())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        flatten(&format!("{name}[{index}]"), item, out)
                    }
                    _ => flatten(name, item, out),
                }
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                flatten(&format!("{name}[{key}]"), field, out);
            }
        }
    }
}

/// A value as the text of a header or a multipart field: strings as they
/// are, other values as JSON.
pub fn text<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Option<String>, Error> {
    match serde_json::to_value(value) {
        Ok(Value::Null) => Ok(None),
        Ok(Value::String(text)) => Ok(Some(text)),
        Ok(other) => Ok(Some(other.to_string())),
        Err(error) => Err(Error::InvalidRequest(format!(
            "`{name}` cannot be encoded: {error}"
        ))),
    }
}

