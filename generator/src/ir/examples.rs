//! Whether a spec example fits the type it illustrates.
//!
//! Examples become tests of the generated crate (they must decode into
//! their type and encode back). An example that contradicts its own schema
//! (a required field missing, text where a number is declared) would only
//! be a failing test; it is left out with a warning that says where it is
//! wrong.

use std::borrow::Cow;

use serde_json::Value;

use super::types::Types;
use super::{Scalar, TypeKind, TypeRef};

impl Types<'_> {
    /// `Ok` when `example` decodes into `ty`; else where and why not, as
    /// a JSON path (`$.data[0].id`) and a reason.
    pub fn check_example(
        &self,
        ty: &TypeRef,
        example: &Value,
        lenient: bool,
    ) -> Result<(), String> {
        self.check(ty, example, lenient, "$")
    }

    fn check(&self, ty: &TypeRef, value: &Value, lenient: bool, at: &str) -> Result<(), String> {
        let mismatch = |expected: &str| {
            Err(format!(
                "at `{at}`, expected {expected}, found {}",
                kind(value)
            ))
        };
        match ty {
            TypeRef::Nullable(inner) => match value {
                Value::Null => Ok(()),
                _ => self.check(inner, value, lenient, at),
            },
            TypeRef::Any => Ok(()),
            TypeRef::Scalar(scalar) => {
                let fits = match scalar {
                    Scalar::String => value.is_string(),
                    Scalar::Integer => value.is_i64() || value.is_u64(),
                    Scalar::Float => value.is_number(),
                    Scalar::Decimal => {
                        value.is_number()
                            || value
                                .as_str()
                                .is_some_and(|text| text.trim().parse::<f64>().is_ok())
                    }
                    Scalar::Boolean => value.is_boolean(),
                    Scalar::Binary => true,
                    Scalar::Timestamp => {
                        serde_json::from_value::<super::timestamp::Timestamp>(value.clone()).is_ok()
                    }
                };
                if fits {
                    Ok(())
                } else {
                    mismatch(match scalar {
                        Scalar::String => "text",
                        Scalar::Integer => "an integer",
                        Scalar::Float | Scalar::Decimal => "a number",
                        Scalar::Boolean => "a boolean",
                        Scalar::Binary => "a file",
                        Scalar::Timestamp => "a Unix time or RFC 3339 text",
                    })
                }
            }
            TypeRef::Array(item) => match &*lenient_decoded(value, lenient) {
                Value::Array(items) => {
                    items
                        .iter()
                        .enumerate()
                        .try_for_each(|(index, item_value)| {
                            self.check(item, item_value, lenient, &format!("{at}[{index}]"))
                        })
                }
                _ => mismatch("a list"),
            },
            TypeRef::Map(value_ty) => match &*lenient_decoded(value, lenient) {
                Value::Object(entries) => entries.iter().try_for_each(|(key, entry)| {
                    self.check(value_ty, entry, lenient, &format!("{at}.{key}"))
                }),
                _ => mismatch("an object"),
            },
            TypeRef::Named(id) => match self.kind(*id) {
                // Followed to the end at once: a cycle of aliases names no
                // shape, so any value fits it.
                TypeKind::Alias(_) => match self.unaliased(ty) {
                    Some((id, _)) => self.check(&TypeRef::Named(id), value, lenient, at),
                    None => Ok(()),
                },
                TypeKind::Enum(_) if value.is_string() => Ok(()),
                TypeKind::Enum(_) => mismatch("text"),
                TypeKind::Union(union) => {
                    if union
                        .variants
                        .iter()
                        .any(|variant| self.check(&variant.ty, value, lenient, at).is_ok())
                    {
                        Ok(())
                    } else {
                        mismatch("one of the union's shapes")
                    }
                }
                TypeKind::Struct(structure) => {
                    let decoded = lenient_decoded(value, lenient);
                    let Value::Object(entries) = &*decoded else {
                        return mismatch("an object");
                    };
                    for field in &structure.fields {
                        let field_at = format!("{at}.{}", field.wire_name);
                        match entries.get(&field.wire_name) {
                            None | Some(Value::Null) if !field.is_optional() => {
                                return Err(format!(
                                    "at `{field_at}`, the required field is missing or null"
                                ));
                            }
                            None | Some(Value::Null) => {}
                            Some(field_value) => {
                                self.check(&field.ty, field_value, lenient, &field_at)?
                            }
                        }
                    }
                    if let Some(additional) = &structure.additional {
                        for (key, entry) in entries {
                            if !structure.fields.iter().any(|field| &field.wire_name == key) {
                                self.check(&additional.ty, entry, lenient, &format!("{at}.{key}"))?;
                            }
                        }
                    }
                    Ok(())
                }
            },
        }
    }
}

/// The JSON a string holds where the API is read leniently (the runtime's
/// `codec::lenient` decodes it the same way); otherwise the value itself.
pub fn lenient_decoded(value: &Value, lenient: bool) -> Cow<'_, Value> {
    match value {
        Value::String(text) if lenient => {
            serde_json::from_str(text).map_or(Cow::Borrowed(value), Cow::Owned)
        }
        other => Cow::Borrowed(other),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
