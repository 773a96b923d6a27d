//! Where exact decimals cannot stay exact.
//!
//! serde reads an untagged enum (a union) by buffering the value first,
//! and that buffer keeps a JSON number only as an `f64`. A decimal inside a
//! union is therefore read through `f64`, or, where its field uses the
//! exact codec, not at all. The maintainer hears of each such type at
//! generation time rather than a merchant at run time. (Structs read their
//! keys one by one, `additionalProperties` too, so they buffer nothing.)

use super::{TypeDef, TypeId, TypeKind, TypeRef};
use crate::diagnostics::Diagnostics;

/// Warns about every union that holds a decimal.
pub fn warn_about_buffered_decimals(types: &[TypeDef], diagnostics: &mut Diagnostics) {
    for def in types {
        let TypeKind::Union(union) = &def.kind else {
            continue;
        };
        let buffered = union
            .variants
            .iter()
            .any(|variant| holds_decimal(types, &variant.ty, &mut Vec::new()));
        if buffered {
            diagnostics.warn(
                &def.origin,
                format!(
                    "`{}` is a union (oneOf/anyOf) that holds decimals; serde reads such \
                     types through a buffer that keeps numbers as f64, so its decimals may \
                     lose digits or fail to decode",
                    def.name
                ),
            );
        }
    }
}

/// Whether a value of type `ty` can contain a decimal.
fn holds_decimal(types: &[TypeDef], ty: &TypeRef, seen: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::Scalar(scalar) => *scalar == super::Scalar::Decimal,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_decimal(types, inner, seen)
        }
        TypeRef::Any => false,
        TypeRef::Named(id) => {
            if seen.contains(id) {
                return false;
            }
            seen.push(*id);
            match &types[id.0].kind {
                TypeKind::Alias(target) => holds_decimal(types, target, seen),
                TypeKind::Struct(structure) => structure
                    .fields
                    .iter()
                    .map(|field| &field.ty)
                    .chain(structure.additional.iter().map(|additional| &additional.ty))
                    .any(|ty| holds_decimal(types, ty, seen)),
                TypeKind::Union(union) => union
                    .variants
                    .iter()
                    .any(|variant| holds_decimal(types, &variant.ty, seen)),
                TypeKind::Enum(_) => false,
            }
        }
    }
}
