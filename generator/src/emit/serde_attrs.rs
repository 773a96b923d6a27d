//! The `#[serde(…)]` attribute of a struct field.

use proc_macro2::TokenStream;
use quote::quote;

use super::scope::Scope;
use crate::ir::{Scalar, TypeKind, TypeRef};

/// The codec a field needs beyond serde's defaults.
enum Codec {
    /// Exact decimals, at any depth of lists, maps and options:
    /// `runtime::codec::decimal`.
    Decimal,
    /// JSON-encoded strings accepted for arrays and objects.
    Lenient,
    /// Whole floats written as integers: `runtime::codec::float`.
    Float,
}

/// The serde attribute of a field of type `ty` (without its `Option`),
/// whose JSON key is `rename` when it differs from the Rust name.
/// `optional` fields default to `None`; `skip_none` leaves them out when
/// serializing (optional keys), otherwise `None` is written as `null`
/// (required keys that may be null). A `drift` field reads its scalar in
/// either form (`runtime::codec::drift`).
pub fn field(
    scope: &Scope<'_>,
    ty: &TypeRef,
    rename: Option<&str>,
    optional: bool,
    skip_none: bool,
    drift: bool,
) -> TokenStream {
    let mut parts = Vec::new();
    if let Some(wire) = rename {
        parts.push(quote!(rename = #wire));
    }
    if optional {
        parts.push(quote!(default));
        if skip_none {
            parts.push(quote!(skip_serializing_if = "Option::is_none"));
        }
    }
    let drifts = drift
        && matches!(
            ty,
            TypeRef::Scalar(Scalar::String | Scalar::Integer | Scalar::Float)
        );
    if drifts {
        parts.push(quote!(
            deserialize_with = "crate::runtime::codec::drift::deserialize"
        ));
    }
    match codec(scope, ty) {
        Some(Codec::Float) if drifts => {
            let path = if optional {
                "crate::runtime::codec::float::option::serialize"
            } else {
                "crate::runtime::codec::float::serialize"
            };
            parts.push(quote!(serialize_with = #path));
        }
        Some(Codec::Float) => {
            let path = if optional {
                "crate::runtime::codec::float::option"
            } else {
                "crate::runtime::codec::float"
            };
            parts.push(quote!(with = #path));
        }
        Some(Codec::Decimal) => parts.push(quote!(with = "crate::runtime::codec::decimal")),
        Some(Codec::Lenient) => {
            let path = if optional {
                "crate::runtime::codec::lenient::option"
            } else {
                "crate::runtime::codec::lenient::deserialize"
            };
            parts.push(quote!(deserialize_with = #path));
        }
        None => {}
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

fn codec(scope: &Scope<'_>, ty: &TypeRef) -> Option<Codec> {
    if holds_decimal(scope, ty) {
        return Some(Codec::Decimal);
    }
    match ty {
        TypeRef::Scalar(Scalar::Float) => Some(Codec::Float),
        TypeRef::Array(_) | TypeRef::Map(_) if scope.config.types.lenient => Some(Codec::Lenient),
        TypeRef::Named(id) if scope.config.types.lenient => match &scope.api.type_def(*id).kind {
            TypeKind::Struct(_) => Some(Codec::Lenient),
            TypeKind::Alias(target) => match target {
                TypeRef::Array(_) | TypeRef::Map(_) => Some(Codec::Lenient),
                _ => None,
            },
            TypeKind::Enum(_) | TypeKind::Union(_) => None,
        },
        _ => None,
    }
}

/// Whether `ty` is a decimal, or lists, maps, options or aliases of one:
/// the shapes `runtime::codec::decimal` reads. serde's own `Decimal` impls
/// would read JSON numbers through `f64` and write strings.
fn holds_decimal(scope: &Scope<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(scalar) => *scalar == Scalar::Decimal,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_decimal(scope, inner)
        }
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            TypeKind::Alias(target) => holds_decimal(scope, target),
            _ => false,
        },
        TypeRef::Any => false,
    }
}
