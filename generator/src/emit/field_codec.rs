//! How a struct field goes through serde: the runtime codecs its
//! written-out `Serialize` and `Deserialize` write and read it with.

use proc_macro2::Ident;

use super::scope::Scope;
use super::syntax::ident;
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

/// The runtime codec that writes a field of type `ty` (without its
/// `Option`), if it is not written as its type writes itself: the
/// `Writer` of `runtime::codec::decimal` or `float` (`float::option` for
/// an `Option` written as `null` when `None`). `optional`: the value
/// written is the field's `Option`.
pub fn writer(scope: &Scope<'_>, ty: &TypeRef, optional: bool) -> Option<Vec<Ident>> {
    let codec = match codec(scope, ty)? {
        Codec::Decimal => "decimal",
        Codec::Float if optional => "float::option",
        Codec::Float => "float",
        // Written as the type writes itself; only reading is lenient.
        Codec::Lenient => return None,
    };
    Some(runtime_path(codec, "Writer", scope))
}

/// The runtime codec that reads a field of type `ty` (without its
/// `Option`), if it is not read as its type reads itself: the `Reader` of
/// `runtime::codec::drift` for a `drift` scalar (either form), else of
/// `decimal`, `float` or `lenient`. `optional`: the Rust field is an
/// `Option`.
pub fn reader(scope: &Scope<'_>, ty: &TypeRef, optional: bool, drift: bool) -> Option<Vec<Ident>> {
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

/// The segments of `codec::<module>::<item>` of the runtime, with `codec`
/// imported.
fn runtime_path(module: &str, item: &str, scope: &Scope<'_>) -> Vec<Ident> {
    let codec = scope.import("crate::runtime", "codec");
    std::iter::once(codec)
        .chain(module.split("::").map(ident))
        .chain([ident(item)])
        .collect()
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
