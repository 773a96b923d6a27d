//! What values look like on the wire, worked out from the IR alone: the
//! oracle of the generated tests, independent of the serde code under test.

use serde_json::{Map, Value};

use super::scope::Scope;
use crate::ir::{Scalar, TypeKind, TypeRef, lenient_decoded};

/// What an example should look like after decoding into `ty` and encoding
/// again: `null`s gone, keys the schema does not declare gone (listed in the
/// second value, as JSON paths), JSON-encoded strings decoded where the API
/// is lenient, numeric strings read as numbers where decimals are exact.
pub fn round_trip(scope: &Scope<'_>, ty: &TypeRef, example: &Value) -> (Value, Vec<String>) {
    let mut dropped = Vec::new();
    let value = expected(scope, ty, example, "$", &mut dropped).unwrap_or(Value::Null);
    (value, dropped)
}

fn expected(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: &Value,
    at: &str,
    dropped: &mut Vec<String>,
) -> Option<Value> {
    if example.is_null() {
        return None;
    }
    let lenient = scope.config.types.lenient;
    match ty {
        TypeRef::Nullable(inner) => expected(scope, inner, example, at, dropped),
        TypeRef::Any => Some(without_nulls(example)),
        TypeRef::Scalar(Scalar::Decimal) => match example {
            Value::String(text) => serde_json::from_str(text.trim())
                .ok()
                .or_else(|| Some(example.clone())),
            other => Some(other.clone()),
        },
        TypeRef::Scalar(Scalar::Float) => {
            Some(example.as_f64().map_or_else(|| example.clone(), number))
        }
        // Read and written by the runtime's own code: numeric strings become
        // numbers, RFC 3339 text is written in UTC.
        TypeRef::Scalar(Scalar::Timestamp) => {
            serde_json::from_value::<crate::ir::timestamp::Timestamp>(example.clone())
                .ok()
                .and_then(|time| serde_json::to_value(time).ok())
                .or_else(|| Some(example.clone()))
        }
        TypeRef::Scalar(_) => Some(example.clone()),
        TypeRef::Array(item) => match &*lenient_decoded(example, lenient) {
            Value::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(index, value)| {
                        expected(scope, item, value, &format!("{at}[{index}]"), dropped)
                    })
                    .collect(),
            )),
            other => Some(other.clone()),
        },
        TypeRef::Map(value_ty) => match &*lenient_decoded(example, lenient) {
            Value::Object(entries) => Some(Value::Object(
                entries
                    .iter()
                    .filter_map(|(key, value)| {
                        expected(scope, value_ty, value, &format!("{at}.{key}"), dropped)
                            .map(|value| (key.clone(), value))
                    })
                    .collect(),
            )),
            other => Some(other.clone()),
        },
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            TypeKind::Alias(target) => expected(scope, target, example, at, dropped),
            TypeKind::Enum(_) => Some(example.clone()),
            TypeKind::Union(_) => Some(without_nulls(example)),
            TypeKind::Struct(structure) => {
                let decoded = lenient_decoded(example, lenient);
                let Value::Object(entries) = &*decoded else {
                    return Some(example.clone());
                };
                let mut out = Map::new();
                for (key, value) in entries {
                    let field = structure
                        .fields
                        .iter()
                        .find(|field| &field.wire_name == key);
                    match (field, &structure.additional) {
                        (Some(field), _) => {
                            let value = if field.drift {
                                declared_form(&field.ty, value)
                            } else {
                                value.clone()
                            };
                            if let Some(value) =
                                expected(scope, &field.ty, &value, &format!("{at}.{key}"), dropped)
                            {
                                out.insert(key.clone(), value);
                            }
                        }
                        (None, Some(additional)) => {
                            if let Some(value) = expected(
                                scope,
                                &additional.ty,
                                value,
                                &format!("{at}.{key}"),
                                dropped,
                            ) {
                                out.insert(key.clone(), value);
                            }
                        }
                        (None, None) => dropped.push(format!("{at}.{key}")),
                    }
                }
                Some(Value::Object(out))
            }
        },
    }
}

/// A drifting scalar as it is written back: in the form its field
/// declares (`runtime::codec::drift` reads either).
fn declared_form(ty: &TypeRef, value: &Value) -> Value {
    let scalar = match ty {
        TypeRef::Nullable(inner) => return declared_form(inner, value),
        TypeRef::Scalar(scalar) => *scalar,
        _ => return value.clone(),
    };
    match (scalar, value) {
        // As the runtime writes it: integers as they are, fractions through
        // `f64`'s `Display` (which serde_json's text can differ from).
        (Scalar::String, Value::Number(number)) => Value::String(match number.as_f64() {
            Some(float) if number.is_f64() => float.to_string(),
            _ => number.to_string(),
        }),
        (Scalar::Integer, Value::String(text)) => text
            .trim()
            .parse::<i64>()
            .map_or_else(|_| value.clone(), Value::from),
        (Scalar::Float, Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .map_or_else(|_| value.clone(), number),
        _ => value.clone(),
    }
}

/// An `f64` as the JSON the runtime writes: whole numbers without a
/// fraction (`runtime::codec::float`).
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// `value` with every `null` left out (in objects and lists).
pub fn without_nulls(value: &Value) -> Value {
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

/// The `name=value` pairs of a query string or form for `value`, by the
/// runtime's rules: `null` left out, lists repeat the name, objects nest in
/// brackets.
pub fn pairs(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::String(text) => out.push((name.to_owned(), text.clone())),
        Value::Bool(_) | Value::Number(_) => out.push((name.to_owned(), value.to_string())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        pairs(&format!("{name}[{index}]"), item, out)
                    }
                    _ => pairs(name, item, out),
                }
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                pairs(&format!("{name}[{key}]"), field, out);
            }
        }
    }
}

/// The pairs of every field of an object.
pub fn object_pairs(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Value::Object(fields) = value {
        for (name, field) in fields {
            pairs(name, field, &mut out);
        }
    }
    out
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
pub fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Percent-encoding of a URL path, as the HTTP client sends it.
pub fn path_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Base64 (standard alphabet, padded), for expected `Authorization` values.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"sk_test_123:"), "c2tfdGVzdF8xMjM6");
    }

    #[test]
    fn pairs_nest_objects_and_repeat_lists() {
        let pairs = object_pairs(&json!({"created": {"gt": 1}, "tag": ["a", "b"], "x": null}));
        assert_eq!(
            pairs,
            [
                ("created[gt]".to_owned(), "1".to_owned()),
                ("tag".to_owned(), "a".to_owned()),
                ("tag".to_owned(), "b".to_owned())
            ]
        );
        assert_eq!(form_encode("created[gt]"), "created%5Bgt%5D");
        assert_eq!(form_encode("a b"), "a+b");
    }
}
