//! Whether a spec example fits the type it illustrates, and where not, why.
//!
//! Examples become tests of the generated crate (they must decode into
//! their type and encode back). An example that contradicts its own schema
//! (a required field missing, text where a number is declared) would only
//! be a failing test; it is left out with a warning that says where it is
//! wrong. Before that, `evidence` lets examples correct the types where the
//! rules allow it.

use std::borrow::Cow;

use serde_json::Value;

use super::{Scalar, Struct, TypeDef, TypeKind, TypeRef};

/// Why an example does not fit, at a JSON path (`$.data[0].id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
}

/// What is wrong where an example does not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A field the type requires is absent or `null`.
    MissingOrNull,
    /// Another kind of value than the type's.
    Expected {
        expected: &'static str,
        found: &'static str,
    },
}

impl Problem {
    /// The reason in words that group alike problems.
    pub fn reason(&self) -> String {
        match &self.kind {
            ProblemKind::MissingOrNull => "the required field is missing or null".to_owned(),
            ProblemKind::Expected { expected, found } => {
                format!("expected {expected}, found {found}")
            }
        }
    }
}

/// Checks examples against finished types.
pub struct Checker<'a> {
    pub types: &'a [TypeDef],
    /// Whether arrays and objects may arrive as JSON-encoded strings.
    pub lenient: bool,
}

impl Checker<'_> {
    /// `Ok` when `example` decodes into `ty`; else the first problem.
    pub fn check(&self, ty: &TypeRef, example: &Value) -> Result<(), Problem> {
        self.at(ty, example, "$", false, &[])
    }

    /// The kind and definition `ty` names, through aliases; `None` for
    /// other types and for a cycle of aliases (which names no shape).
    pub fn unaliased<'t>(&'t self, ty: &'t TypeRef) -> Option<(super::TypeId, &'t TypeKind)> {
        let mut ty = ty;
        for _ in 0..=self.types.len() {
            let TypeRef::Named(id) = ty else {
                return None;
            };
            match &self.types[id.0].kind {
                TypeKind::Alias(inner) => ty = inner,
                kind => return Some((*id, kind)),
            }
        }
        None
    }

    /// `drift`: the value's field accepts numbers for text and numeric text
    /// for numbers (`Field::drift`). `unions`: the unions already entered
    /// with this same value, so that a union that contains itself fails
    /// instead of recursing forever.
    fn at(
        &self,
        ty: &TypeRef,
        value: &Value,
        at: &str,
        drift: bool,
        unions: &[super::TypeId],
    ) -> Result<(), Problem> {
        let mismatch = |expected: &'static str| {
            Err(Problem {
                path: at.to_owned(),
                kind: ProblemKind::Expected {
                    expected,
                    found: kind(value),
                },
            })
        };
        match ty {
            TypeRef::Nullable(inner) => match value {
                Value::Null => Ok(()),
                _ => self.at(inner, value, at, drift, unions),
            },
            TypeRef::Any => Ok(()),
            TypeRef::Scalar(scalar) => {
                if scalar_fits(*scalar, value) || (drift && drifted_fits(*scalar, value)) {
                    Ok(())
                } else {
                    mismatch(scalar_kind(*scalar))
                }
            }
            TypeRef::Array(item) => match &*lenient_decoded(value, self.lenient) {
                Value::Array(items) => {
                    items
                        .iter()
                        .enumerate()
                        .try_for_each(|(index, item_value)| {
                            self.at(item, item_value, &format!("{at}[{index}]"), false, &[])
                        })
                }
                _ => mismatch("a list"),
            },
            TypeRef::Map(value_ty) => match &*lenient_decoded(value, self.lenient) {
                Value::Object(entries) => entries.iter().try_for_each(|(key, entry)| {
                    self.at(value_ty, entry, &format!("{at}.{key}"), false, &[])
                }),
                _ => mismatch("an object"),
            },
            TypeRef::Named(_) => match self.unaliased(ty) {
                None => Ok(()),
                Some((_, TypeKind::Alias(_))) => Ok(()),
                Some((_, TypeKind::Enum(_))) if value.is_string() => Ok(()),
                Some((_, TypeKind::Enum(_))) => mismatch("text"),
                Some((id, TypeKind::Union(union))) => {
                    if unions.contains(&id) {
                        return mismatch("one of the union's shapes");
                    }
                    let unions = [unions, &[id]].concat();
                    if union
                        .variants
                        .iter()
                        .any(|variant| self.at(&variant.ty, value, at, false, &unions).is_ok())
                    {
                        Ok(())
                    } else {
                        mismatch("one of the union's shapes")
                    }
                }
                Some((_, TypeKind::Struct(structure))) => {
                    let decoded = lenient_decoded(value, self.lenient);
                    let Value::Object(entries) = &*decoded else {
                        return mismatch("an object");
                    };
                    for field in &structure.fields {
                        let field_at = format!("{at}.{}", field.wire_name);
                        match entries.get(&field.wire_name) {
                            None | Some(Value::Null) if !field.is_optional() => {
                                return Err(Problem {
                                    path: field_at,
                                    kind: ProblemKind::MissingOrNull,
                                });
                            }
                            None | Some(Value::Null) => {}
                            Some(field_value) => {
                                self.at(&field.ty, field_value, &field_at, field.drift, &[])?
                            }
                        }
                    }
                    if let Some(additional) = &structure.additional {
                        for (key, entry) in entries {
                            if !structure.fields.iter().any(|field| &field.wire_name == key) {
                                self.at(&additional.ty, entry, &format!("{at}.{key}"), false, &[])?;
                            }
                        }
                    }
                    Ok(())
                }
            },
        }
    }
}

/// Whether `value` is what serde reads for `scalar`.
fn scalar_fits(scalar: Scalar, value: &Value) -> bool {
    match scalar {
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
        // The runtime's own code decides which times it reads.
        Scalar::Timestamp => {
            serde_json::from_value::<super::timestamp::Timestamp>(value.clone()).is_ok()
        }
    }
}

/// Whether `value` is the other scalar form that `runtime::codec::drift`
/// reads for `scalar`: a number for text, numeric text for a number.
pub(super) fn drifted_fits(scalar: Scalar, value: &Value) -> bool {
    match (scalar, value) {
        (Scalar::String, Value::Number(_)) => true,
        (Scalar::Integer, Value::String(text)) => text.trim().parse::<i64>().is_ok(),
        (Scalar::Float, Value::String(text)) => text.trim().parse::<f64>().is_ok(),
        _ => false,
    }
}

fn scalar_kind(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "text",
        Scalar::Integer => "an integer",
        Scalar::Float | Scalar::Decimal => "a number",
        Scalar::Boolean => "a boolean",
        Scalar::Binary => "a file",
        Scalar::Timestamp => "a Unix time or RFC 3339 text",
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

pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether `entries`, given for `structure`, is some other object: it has
/// keys, none of them the struct's, and the struct takes no other keys.
/// Such an example says nothing about the struct's fields (it is usually
/// an envelope around it, or a value of another type).
pub(super) fn unrelated(structure: &Struct, entries: &serde_json::Map<String, Value>) -> bool {
    structure.additional.is_none()
        && !entries.is_empty()
        && !structure
            .fields
            .iter()
            .any(|field| entries.contains_key(&field.wire_name))
}
