//! `Deserialize` for structs, written out as one `match` over the JSON
//! keys on top of `runtime::object`, instead of serde's derive.
//!
//! The derive expands every struct into a field enum with its own visitor
//! and visitors for objects and sequences; in a large SDK that is most of
//! what `cargo check` spends. This impl keeps the derive's behaviour for
//! JSON (see the runtime module) at a fraction of the code. Structs whose
//! fields need a codec, or that collect unknown keys, keep the derive.

use proc_macro2::TokenStream;
use quote::quote;

use super::scope::{Scope, ident};
use super::serde_attrs;
use crate::ir::{Field, Struct, TypeRef};
use crate::naming::Namespace;

/// Whether `structure` gets a written-out impl: every field is read as
/// its type reads itself, and unknown keys are skipped.
pub fn written_out(scope: &Scope<'_>, structure: &Struct) -> bool {
    structure.additional.is_none()
        && structure
            .fields
            .iter()
            .all(|field| !serde_attrs::has_codec(scope, inner(&field.ty), field.drift))
}

fn inner(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner,
        other => other,
    }
}

/// The impl for the struct `name`; `allow_deprecated`: the attribute its
/// code needs when some fields are deprecated.
pub fn impl_(
    scope: &Scope<'_>,
    name: &str,
    fields: &[Field],
    allow_deprecated: Option<&TokenStream>,
) -> TokenStream {
    let type_name = ident(name);
    let deserialize = scope.import("serde", "Deserialize");
    let deserializer = scope.import("serde", "Deserializer");
    let map_access = scope.import("serde::de", "MapAccess");
    let visitor = scope.import("serde::de", "Visitor");
    let object = scope.import("crate::runtime", "object");
    scope.import("std", "fmt");
    // A local per field, named after it unless that would shadow one of
    // the visitor's own.
    let mut locals = Namespace::with_reserved(&["map", "key", "deserializer", "f"]);
    let slots: Vec<_> = fields
        .iter()
        .map(|field| ident(&locals.claim(&field.name, "_")))
        .collect();
    let arms = fields.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.wire_name;
        quote!(#wire => #object::next(&mut map, &mut #slot, #wire)?,)
    });
    let inits = fields.iter().zip(&slots).map(|(field, slot)| {
        let field_name = ident(&field.name);
        let wire = &field.wire_name;
        if field.is_optional() {
            quote!(#field_name: #object::optional(#slot))
        } else {
            quote!(#field_name: #object::required(#slot, #wire)?)
        }
    });
    quote! {
        #allow_deprecated
        impl<'de> #deserialize<'de> for #type_name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Fields;

                #allow_deprecated
                impl<'de> #visitor<'de> for Fields {
                    type Value = #type_name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        #object::expecting(f, #name)
                    }

                    fn visit_map<A: #map_access<'de>>(self, mut map: A) -> Result<#type_name, A::Error> {
                        #(let mut #slots = None;)*
                        while let Some(key) = map.next_key::<#object::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                _ => #object::skip(&mut map)?,
                            }
                        }
                        Ok(#type_name {
                            #(#inits,)*
                        })
                    }
                }

                deserializer.deserialize_map(Fields)
            }
        }
    }
}
