//! Rust expressions that build a value of a type, for examples and tests:
//! taken from a spec example where there is one, made up otherwise.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::scope::{Scope, ident};
use crate::ir::{Scalar, TypeKind, TypeRef};

/// How much of a value to write.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Required fields only (for docs).
    Required,
    /// Also the optional fields the example has (for tests).
    Example,
}

/// An expression of type `ty`, following `example` where it fits.
pub fn expr(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: Option<&Value>,
    detail: Detail,
) -> TokenStream {
    value(scope, ty, example.filter(|e| !e.is_null()), detail, 0)
}

const MAX_DEPTH: usize = 8;

fn value(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: Option<&Value>,
    detail: Detail,
    depth: usize,
) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => scalar_value(scope, *scalar, example),
        TypeRef::Nullable(inner) => match example {
            Some(example) if !example.is_null() => {
                let inner = value(scope, inner, Some(example), detail, depth + 1);
                quote!(Some(#inner))
            }
            _ => quote!(None),
        },
        TypeRef::Array(item) => {
            let items: Vec<TokenStream> = match example {
                Some(Value::Array(items)) => items
                    .iter()
                    .take(3)
                    .map(|example| value(scope, item, Some(example), detail, depth + 1))
                    .collect(),
                _ => Vec::new(),
            };
            quote!(vec![#(#items),*])
        }
        TypeRef::Map(inner) if **inner == TypeRef::Any => match example {
            Some(example @ Value::Object(_)) => {
                let json = json_literal(example);
                quote!(serde_json::from_value(serde_json::json!(#json)).expect("an object"))
            }
            _ => quote!(Default::default()),
        },
        TypeRef::Map(inner) => match example {
            Some(Value::Object(entries)) if !entries.is_empty() => {
                let map = scope.import("std::collections", "BTreeMap");
                let entries = entries.iter().take(3).map(|(key, entry)| {
                    let entry = value(scope, inner, Some(entry), detail, depth + 1);
                    quote!((#key.to_owned(), #entry))
                });
                quote!(#map::from([#(#entries),*]))
            }
            _ => quote!(Default::default()),
        },
        TypeRef::Any => {
            let json = example.map_or(quote!(null), json_literal);
            quote!(serde_json::json!(#json))
        }
        TypeRef::Named(id) => {
            let def = scope.api.type_def(*id);
            let name = scope.named(*id);
            match &def.kind {
                TypeKind::Alias(target) => value(scope, target, example, detail, depth + 1),
                TypeKind::Enum(enumeration) => {
                    let wanted = example.and_then(Value::as_str);
                    match enumeration
                        .variants
                        .iter()
                        .find(|variant| Some(variant.value.as_str()) == wanted)
                        .or_else(|| {
                            wanted
                                .is_none()
                                .then(|| enumeration.variants.first())
                                .flatten()
                        }) {
                        Some(variant) => {
                            let variant = ident(&variant.name);
                            quote!(#name::#variant)
                        }
                        None => {
                            let text = wanted.unwrap_or_default();
                            quote!(#name::from(#text))
                        }
                    }
                }
                TypeKind::Union(union) => {
                    let variant = &union.variants[0];
                    let variant_name = ident(&variant.name);
                    let inner = value(scope, &variant.ty, example, detail, depth + 1);
                    quote!(#name::#variant_name(#inner))
                }
                TypeKind::Struct(structure) => {
                    if depth >= MAX_DEPTH {
                        return quote!(Default::default());
                    }
                    let object = example.and_then(Value::as_object);
                    let defaultable = structure
                        .fields
                        .iter()
                        .all(|field| field.is_optional() || scope.has_default(&field.ty));
                    let mut fields = Vec::new();
                    let mut omitted = false;
                    for field in &structure.fields {
                        let field_name = ident(&field.name);
                        let field_example = object
                            .and_then(|object| object.get(&field.wire_name))
                            .filter(|e| !e.is_null());
                        let inner = match &field.ty {
                            TypeRef::Nullable(inner) => inner.as_ref(),
                            other => other,
                        };
                        let wanted = !field.is_optional()
                            || (detail == Detail::Example && field_example.is_some());
                        if !wanted {
                            omitted = true;
                            if !defaultable {
                                fields.push(quote!(#field_name: None));
                            }
                            continue;
                        }
                        let mut expression = value(scope, inner, field_example, detail, depth + 1);
                        if field.boxed {
                            expression = quote!(Box::new(#expression));
                        }
                        if field.is_optional() {
                            expression = quote!(Some(#expression));
                        }
                        fields.push(quote!(#field_name: #expression));
                    }
                    if let Some(additional) = &structure.additional {
                        let field_name = ident(&additional.name);
                        if defaultable {
                            omitted = true;
                        } else {
                            fields.push(quote!(#field_name: Default::default()));
                        }
                    }
                    if omitted && defaultable {
                        quote!(#name { #(#fields,)* ..Default::default() })
                    } else {
                        quote!(#name { #(#fields),* })
                    }
                }
            }
        }
    }
}

fn scalar_value(scope: &Scope<'_>, scalar: Scalar, example: Option<&Value>) -> TokenStream {
    match scalar {
        Scalar::String => {
            let text = match example {
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => "string".to_owned(),
            };
            quote!(#text.to_owned())
        }
        Scalar::Integer => {
            let number = example.and_then(Value::as_i64).unwrap_or(1);
            let literal = Literal::i64_unsuffixed(number);
            quote!(#literal)
        }
        Scalar::Float => {
            let number = example.and_then(Value::as_f64).unwrap_or(1.5);
            let literal = Literal::f64_unsuffixed(number);
            quote!(#literal)
        }
        Scalar::Decimal => {
            let decimal = scope.import("rust_decimal", "Decimal");
            let text = match example {
                Some(Value::Number(number)) => number.to_string(),
                Some(Value::String(text)) if text.parse::<f64>().is_ok() => text.clone(),
                _ => "10.5".to_owned(),
            };
            let (mantissa, scale) = decimal_parts(&text);
            let mantissa = Literal::i64_unsuffixed(mantissa);
            let scale = Literal::u32_unsuffixed(scale);
            quote!(#decimal::new(#mantissa, #scale))
        }
        Scalar::Boolean => {
            let flag = example.and_then(Value::as_bool).unwrap_or(true);
            quote!(#flag)
        }
        Scalar::Binary => {
            let file = scope.import("crate::runtime", "File");
            quote!(#file::new(b"file contents".to_vec(), "file.txt"))
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

/// A JSON value as the tokens of a `serde_json::json!` argument.
fn json_literal(value: &Value) -> TokenStream {
    let text = value.to_string();
    text.parse().unwrap_or_else(|_| quote!(null))
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
