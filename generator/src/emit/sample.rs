//! Sample values of a type, for examples and generated tests: a Rust
//! expression that builds the value, and the JSON it must serialize to.
//! Values follow a spec example where there is one and are made up
//! otherwise. The JSON is worked out here from the IR, independently of
//! serde, so that tests comparing the two check the generated code.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::scope::Scope;
use super::syntax::ident;
use crate::ir::{Scalar, TypeKind, TypeRef};

/// How much of a value to fill in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Required fields only (for docs).
    Required,
    /// Also the optional fields the example has (for tests).
    Example,
    /// Every field (for tests without an example).
    Full,
}

/// A sample value.
pub struct Sample {
    /// An expression that builds the value.
    pub expr: TokenStream,
    /// The JSON the value serializes to; `Value::Null` for `None`.
    pub json: Value,
}

/// A sample of type `ty`, following `example` where it fits.
pub fn sample(scope: &Scope<'_>, ty: &TypeRef, example: Option<&Value>, detail: Detail) -> Sample {
    value(scope, ty, example.filter(|e| !e.is_null()), detail, 0)
}

/// Just the expression of [`sample`].
pub fn expr(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: Option<&Value>,
    detail: Detail,
) -> TokenStream {
    sample(scope, ty, example, detail).expr
}

const MAX_DEPTH: usize = 6;

fn value(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: Option<&Value>,
    detail: Detail,
    depth: usize,
) -> Sample {
    match ty {
        TypeRef::Scalar(scalar) => scalar_value(scope, *scalar, example),
        TypeRef::Nullable(inner) => match example {
            Some(example) => {
                let inner = value(scope, inner, Some(example), detail, depth + 1);
                let expr = inner.expr;
                Sample {
                    expr: quote!(Some(#expr)),
                    json: inner.json,
                }
            }
            None if detail == Detail::Full && depth < MAX_DEPTH => {
                let inner = value(scope, inner, None, detail, depth + 1);
                let expr = inner.expr;
                Sample {
                    expr: quote!(Some(#expr)),
                    json: inner.json,
                }
            }
            None => Sample {
                expr: quote!(None),
                json: Value::Null,
            },
        },
        TypeRef::Array(item) => {
            let items: Vec<Sample> = match example {
                Some(Value::Array(items)) => items
                    .iter()
                    .take(3)
                    .map(|example| value(scope, item, Some(example), detail, depth + 1))
                    .collect(),
                None if detail == Detail::Full && depth < MAX_DEPTH => {
                    vec![value(scope, item, None, detail, depth + 1)]
                }
                _ => Vec::new(),
            };
            let exprs = items.iter().map(|item| &item.expr);
            Sample {
                expr: quote!(vec![#(#exprs),*]),
                json: Value::Array(items.iter().map(|item| item.json.clone()).collect()),
            }
        }
        TypeRef::Map(inner) if **inner == TypeRef::Any => match example {
            Some(example @ Value::Object(_)) => Sample {
                expr: json_expr(example),
                json: example.clone(),
            },
            _ => Sample {
                expr: quote!(Default::default()),
                json: Value::Object(Map::new()),
            },
        },
        TypeRef::Map(inner) => {
            let entries: Vec<(String, Sample)> = match example {
                Some(Value::Object(entries)) => entries
                    .iter()
                    .take(3)
                    .map(|(key, entry)| {
                        (
                            key.clone(),
                            value(scope, inner, Some(entry), detail, depth + 1),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if entries.is_empty() {
                return Sample {
                    expr: quote!(Default::default()),
                    json: Value::Object(Map::new()),
                };
            }
            let map = scope.import("std::collections", "BTreeMap");
            let exprs = entries.iter().map(|(key, entry)| {
                let entry = &entry.expr;
                quote!((#key.to_owned(), #entry))
            });
            Sample {
                expr: quote!(#map::from([#(#exprs),*])),
                json: Value::Object(
                    entries
                        .iter()
                        .map(|(key, entry)| (key.clone(), entry.json.clone()))
                        .collect(),
                ),
            }
        }
        TypeRef::Any => {
            let json = example.cloned().unwrap_or(Value::Null);
            Sample {
                expr: json_expr(&json),
                json,
            }
        }
        TypeRef::Named(id) => named(scope, *id, example, detail, depth),
    }
}

fn named(
    scope: &Scope<'_>,
    id: crate::ir::TypeId,
    example: Option<&Value>,
    detail: Detail,
    depth: usize,
) -> Sample {
    let def = scope.api.type_def(id);
    // Named (and so imported) only where the sample spells the type: an
    // import nothing uses would be a warning in the generated tests.
    let name = || scope.named(id);
    match &def.kind {
        TypeKind::Alias(target) => value(scope, target, example, detail, depth + 1),
        TypeKind::Enum(enumeration) => {
            let wanted = example.and_then(Value::as_str);
            let known = enumeration
                .variants
                .iter()
                .find(|variant| Some(variant.value.as_str()) == wanted)
                .or_else(|| {
                    wanted
                        .is_none()
                        .then(|| enumeration.variants.first())
                        .flatten()
                });
            match known {
                Some(variant) => {
                    let name = name();
                    let variant_name = ident(&variant.name);
                    Sample {
                        expr: quote!(#name::#variant_name),
                        json: Value::String(variant.value.clone()),
                    }
                }
                None => {
                    let name = name();
                    let text = wanted.unwrap_or_default();
                    Sample {
                        expr: quote!(#name::from(#text)),
                        json: Value::String(text.to_owned()),
                    }
                }
            }
        }
        TypeKind::Union(union) => {
            let name = name();
            let variant = &union.variants[0];
            let variant_name = ident(&variant.name);
            let inner = value(scope, &variant.ty, example, detail, depth + 1);
            let mut expr = inner.expr;
            if super::union_::boxed(scope, &variant.ty) {
                expr = quote!(Box::new(#expr));
            }
            Sample {
                expr: quote!(#name::#variant_name(#expr)),
                json: inner.json,
            }
        }
        TypeKind::Struct(structure) => {
            let name = name();
            // Past MAX_DEPTH only required fields are filled (below), which
            // ends any recursion a finite JSON value can have; this bound
            // only stops specs whose required fields nest without end.
            if depth >= 4 * MAX_DEPTH && structure.fields.iter().all(|f| f.is_optional()) {
                return Sample {
                    expr: quote!(#name::new()),
                    json: Value::Object(Map::new()),
                };
            }
            let object = example.and_then(Value::as_object);
            let mut arguments = Vec::new();
            let mut setters = Vec::new();
            let mut json = Map::new();
            for field in &structure.fields {
                let field_example = object
                    .and_then(|object| object.get(&field.wire_name))
                    .filter(|e| !e.is_null());
                let inner = field.ty.non_null();
                let wanted = !field.is_optional()
                    || (detail == Detail::Example && field_example.is_some())
                    || (detail == Detail::Full && depth < MAX_DEPTH);
                if !wanted {
                    if field.required {
                        json.insert(field.wire_name.clone(), Value::Null);
                    }
                    continue;
                }
                let sample = value(scope, inner, field_example, detail, depth + 1);
                let expr = sample.expr;
                if field.is_optional() {
                    let setter = ident(&crate::naming::setter_name(&field.name));
                    setters.push(quote!(.#setter(#expr)));
                } else {
                    arguments.push(expr);
                }
                json.insert(field.wire_name.clone(), sample.json);
            }
            Sample {
                expr: quote!(#name::new(#(#arguments),*) #(#setters)*),
                json: Value::Object(json),
            }
        }
    }
}

fn scalar_value(scope: &Scope<'_>, scalar: Scalar, example: Option<&Value>) -> Sample {
    match scalar {
        Scalar::String => {
            let text = match example {
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => "string".to_owned(),
            };
            Sample {
                expr: quote!(#text.to_owned()),
                json: Value::String(text),
            }
        }
        Scalar::Integer => {
            let number = example.and_then(Value::as_i64).unwrap_or(1);
            let literal = Literal::i64_unsuffixed(number);
            Sample {
                expr: quote!(#literal),
                json: Value::from(number),
            }
        }
        Scalar::Float => {
            let number = example.and_then(Value::as_f64).unwrap_or(1.5);
            let literal = Literal::f64_unsuffixed(number);
            Sample {
                expr: quote!(#literal),
                json: super::wire::number(number),
            }
        }
        Scalar::Decimal => {
            let decimal = scope.import("rust_decimal", "Decimal");
            let text = match example {
                Some(Value::Number(number)) => number.to_string(),
                Some(Value::String(text)) if text.parse::<f64>().is_ok() => text.clone(),
                _ => "10.5".to_owned(),
            };
            let (mantissa, scale) = decimal_parts(&text);
            let json = serde_json::from_str(&text).unwrap_or(Value::Null);
            let mantissa = Literal::i64_unsuffixed(mantissa);
            let scale = Literal::u32_unsuffixed(scale);
            Sample {
                expr: quote!(#decimal::new(#mantissa, #scale)),
                json,
            }
        }
        Scalar::Boolean => {
            let flag = example.and_then(Value::as_bool).unwrap_or(true);
            Sample {
                expr: quote!(#flag),
                json: Value::Bool(flag),
            }
        }
        Scalar::Binary => {
            let file = scope.import("crate::runtime", "File");
            Sample {
                expr: quote!(#file::new(b"file contents".to_vec(), "file.txt")),
                json: Value::String("file contents".to_owned()),
            }
        }
        Scalar::Timestamp => {
            // An integer example keeps its value (and so its unit, by the
            // runtime's rule); text is replaced, as writing it back
            // normalizes it to UTC.
            const MILLIS: i64 = 100_000_000_000;
            let number = example.and_then(Value::as_i64).unwrap_or(1_700_000_000);
            let timestamp = scope.import("crate::runtime", "Timestamp");
            let literal = Literal::i64_unsuffixed(number);
            let expr = if number.unsigned_abs() >= MILLIS.unsigned_abs() {
                quote!(#timestamp::from_unix_millis(#literal))
            } else {
                quote!(#timestamp::from_unix_seconds(#literal))
            };
            Sample {
                expr,
                json: Value::from(number),
            }
        }
    }
}

/// `100.23` → `(10023, 2)`; plain integers have scale 0.
fn decimal_parts(text: &str) -> (i64, u32) {
    let text = text.trim();
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c.is_ascii_digit()) => {
            let digits = format!("{whole}{fraction}");
            (digits.parse().unwrap_or(0), fraction.len() as u32)
        }
        _ => (text.parse::<f64>().map(|n| n as i64).unwrap_or(0), 0),
    }
}

/// An expression that parses `value` from its JSON text (into whatever
/// type the context wants). A `json!` literal would be prettier, but JSON
/// string escapes are not always valid Rust.
pub fn json_expr(value: &Value) -> TokenStream {
    let text = value.to_string();
    quote!(serde_json::from_str(#text).expect("valid JSON"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_literals_keep_their_digits() {
        assert_eq!(decimal_parts("100.23"), (10023, 2));
        assert_eq!(decimal_parts("7"), (7, 0));
    }
}
