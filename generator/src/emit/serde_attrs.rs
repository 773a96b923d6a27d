//! The `#[serde(…)]` attribute of a struct field.

use proc_macro2::TokenStream;
use quote::quote;

use super::scope::Scope;
use crate::ir::{Scalar, TypeKind, TypeRef};

/// The codec a field needs beyond serde's defaults.
enum Codec {
    /// Exact decimals: `runtime::codec::decimal` and its submodules.
    Decimal(&'static str),
    /// JSON-encoded strings accepted for arrays and objects.
    Lenient,
    /// Whole floats written as integers: `runtime::codec::float`.
    Float,
}

/// The serde attribute of a field of type `ty` (without its `Option`),
/// whose JSON key is `rename` when it differs from the Rust name.
/// `optional` fields default to `None`; `skip_none` leaves them out when
/// serializing (optional keys), otherwise `None` is written as `null`
/// (required keys that may be null).
pub fn field(
    scope: &Scope<'_>,
    ty: &TypeRef,
    rename: Option<&str>,
    optional: bool,
    skip_none: bool,
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
    match codec(scope, ty) {
        Some(Codec::Float) => {
            let path = if optional {
                "crate::runtime::codec::float::option"
            } else {
                "crate::runtime::codec::float"
            };
            parts.push(quote!(with = #path));
        }
        Some(Codec::Decimal(module)) => {
            let path = match (module, optional) {
                ("", false) => "crate::runtime::codec::decimal".to_owned(),
                ("", true) => "crate::runtime::codec::decimal::option".to_owned(),
                ("list", false) => "crate::runtime::codec::decimal::list".to_owned(),
                (_, _) => "crate::runtime::codec::decimal::option_list".to_owned(),
            };
            parts.push(quote!(with = #path));
        }
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
    match ty {
        TypeRef::Scalar(Scalar::Decimal) => Some(Codec::Decimal("")),
        TypeRef::Scalar(Scalar::Float) => Some(Codec::Float),
        TypeRef::Array(item) if **item == TypeRef::Scalar(Scalar::Decimal) => {
            Some(Codec::Decimal("list"))
        }
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
