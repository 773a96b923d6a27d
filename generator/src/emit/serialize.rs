//! `Serialize` for structs, written out as one `serialize_entry` per key,
//! instead of serde's derive.
//!
//! The derive expands every field attribute (`rename`,
//! `skip_serializing_if`, `serialize_with`) into its own wrapper type and
//! impl; in a large SDK that is a third of what `cargo check` spends. The
//! impl written here behaves as the derive did for JSON: a struct is an
//! object with its keys in field order, an optional key is left out when
//! `None`, a required key that may be null is written as `null`, a field
//! with a codec is written through the codec's `Writer`, and the keys of
//! `additionalProperties` follow the declared ones.

use proc_macro2::TokenStream;
use quote::quote;

use super::field_codec;
use super::scope::{Scope, ident};
use crate::ir::{Field, Struct, TypeRef};

/// The impl for the struct `name`; `allow_deprecated`: the attribute its
/// code needs when some fields are deprecated.
pub fn impl_(
    scope: &Scope<'_>,
    name: &str,
    structure: &Struct,
    allow_deprecated: Option<&TokenStream>,
) -> TokenStream {
    let type_name = ident(name);
    let serialize = scope.import("serde", "Serialize");
    let serializer = scope.import("serde", "Serializer");
    // `end` is a method of this trait, so even an empty map needs it.
    scope.import("serde::ser", "SerializeMap");
    let body = if structure.fields.is_empty() && structure.additional.is_none() {
        quote!(serializer.serialize_map(Some(0))?.end())
    } else {
        let entries = structure.fields.iter().map(|field| entry(scope, field));
        let additional = structure.additional.as_ref().map(|additional| {
            let field = ident(&additional.name);
            let value = through_codec(scope, &additional.ty, false, quote!(value));
            quote! {
                for (key, value) in &self.#field {
                    map.serialize_entry(key, #value)?;
                }
            }
        });
        quote! {
            let mut map = serializer.serialize_map(None)?;
            #(#entries)*
            #additional
            map.end()
        }
    };
    quote! {
        #allow_deprecated
        impl #serialize for #type_name {
            fn serialize<S: #serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}

/// The statement that writes `field`'s key, if it is written.
fn entry(scope: &Scope<'_>, field: &Field) -> TokenStream {
    let field_name = ident(&field.name);
    let wire = &field.wire_name;
    let inner = field.ty.non_null();
    // An optional key that is `None` is left out; a required one that may
    // be null is written, as `null`.
    if field.is_optional() && !field.required {
        let value = through_codec(scope, inner, false, quote!(value));
        quote! {
            if let Some(value) = &self.#field_name {
                map.serialize_entry(#wire, #value)?;
            }
        }
    } else {
        let value = through_codec(scope, inner, field.is_optional(), quote!(&self.#field_name));
        quote!(map.serialize_entry(#wire, #value)?;)
    }
}

/// `value` (a reference to a `ty`, or to an `Option` of one when
/// `optional`), wrapped to be written through its codec if it has one.
fn through_codec(
    scope: &Scope<'_>,
    ty: &TypeRef,
    optional: bool,
    value: TokenStream,
) -> TokenStream {
    match field_codec::writer(scope, ty, optional) {
        Some(codec) => {
            let object = scope.import("crate::runtime", "object");
            quote!(&#object::written(#value, #codec))
        }
        None => value,
    }
}
