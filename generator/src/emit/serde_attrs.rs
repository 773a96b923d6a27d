//! How a struct field goes through serde: its `#[serde(…)]` attribute for
//! `Serialize`, and the runtime codec its written-out `Deserialize` reads
//! it with.

use proc_macro2::TokenStream;
use quote::quote;

use super::scope::{Scope, ident};
use crate::ir::{Field, Scalar, TypeKind, TypeRef};

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

/// The serde attribute of a field of type `ty` (without its `Option`), for
/// `Serialize` (structs write out their `Deserialize`, see
/// `deserialize.rs`), whose JSON key is `rename` when it differs from the
/// Rust name. `skip_none` leaves `None` out (optional keys); otherwise
/// `None` is written as `null` (required keys that may be null).
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
    if optional && skip_none {
        parts.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let writer = match codec(scope, ty) {
        Some(Codec::Float) if optional => Some("crate::runtime::codec::float::option::serialize"),
        Some(Codec::Float) => Some("crate::runtime::codec::float::serialize"),
        Some(Codec::Decimal) => Some("crate::runtime::codec::decimal::serialize"),
        Some(Codec::Lenient) | None => None,
    };
    if let Some(path) = writer {
        parts.push(quote!(serialize_with = #path));
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// The runtime codec that reads a field of type `ty` (without its
/// `Option`), if it is not read as its type reads itself: the `Reader` of
/// `runtime::codec::drift` for a `drift` scalar (either form), else of
/// `decimal`, `float` or `lenient`. `optional`: the Rust field is an
/// `Option`.
pub fn reader(scope: &Scope<'_>, ty: &TypeRef, optional: bool, drift: bool) -> Option<TokenStream> {
    let drifts = drift
        && matches!(
            ty,
            TypeRef::Scalar(Scalar::String | Scalar::Integer | Scalar::Float)
        );
    let codec = if drifts {
        "drift"
    } else {
        match codec(scope, ty)? {
            Codec::Decimal => "decimal",
            Codec::Float if optional => "float::option",
            Codec::Float => "float",
            Codec::Lenient if optional => {
                return Some(runtime_path("lenient", "OptionReader", scope));
            }
            Codec::Lenient => "lenient",
        }
    };
    Some(runtime_path(codec, "Reader", scope))
}

/// `codec::<module>::<item>` of the runtime, with `codec` imported.
fn runtime_path(module: &str, item: &str, scope: &Scope<'_>) -> TokenStream {
    let codec = scope.import("crate::runtime", "codec");
    let modules = module.split("::").map(ident);
    let item = ident(item);
    quote!(#codec #(:: #modules)* :: #item)
}

/// Whether `#[serde(rename_all = "camelCase")]` on the struct saves at
/// least two field-level `rename`s (APIs written in Java name every key
/// `likeThis`): one attribute at type level instead of one per field.
pub fn camel_case_pays(fields: &[Field]) -> bool {
    let renames = |key: &dyn Fn(&str) -> String| {
        fields
            .iter()
            .filter(|field| key(&field.name) != field.wire_name)
            .count()
    };
    let plain = renames(&|name| name.to_owned());
    let camel = renames(&camel_case);
    camel + 2 <= plain
}

/// The key serde's `rename_all = "camelCase"` gives the field `name`:
/// each `_` dropped and the letter after it capitalized, the first letter
/// lowercase (serde_derive's `RenameRule::CamelCase`, applied to fields).
pub fn camel_case(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut capitalize = false;
    for ch in name.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize && !key.is_empty() {
            key.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            key.push(if key.is_empty() {
                ch.to_ascii_lowercase()
            } else {
                ch
            });
            capitalize = false;
        }
    }
    key
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

#[cfg(test)]
mod tests {
    use super::camel_case;

    /// The keys serde itself writes under `rename_all = "camelCase"`.
    #[test]
    fn camel_case_is_serde_s() {
        #[allow(non_snake_case, dead_code)]
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Keys {
            user_id: u8,
            type_: u8,
            _leading: u8,
            a__b: u8,
            address_2: u8,
            plain: u8,
            three_ds_status: u8,
        }
        let keys = Keys {
            user_id: 0,
            type_: 0,
            _leading: 0,
            a__b: 0,
            address_2: 0,
            plain: 0,
            three_ds_status: 0,
        };
        let serde_json::Value::Object(written) = serde_json::to_value(keys).unwrap() else {
            panic!("an object");
        };
        let mut written: Vec<&String> = written.keys().collect();
        written.sort();
        let ours: Vec<String> = [
            "user_id",
            "type_",
            "_leading",
            "a__b",
            "address_2",
            "plain",
            "three_ds_status",
        ]
        .iter()
        .map(|name| camel_case(name))
        .collect();
        let mut ours_sorted: Vec<&String> = ours.iter().collect();
        ours_sorted.sort();
        assert_eq!(written, ours_sorted);
    }
}
