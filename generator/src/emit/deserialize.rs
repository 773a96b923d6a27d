//! `Deserialize` for structs, written out as one `match` over the JSON
//! keys on top of `runtime::object`, instead of serde's derive.
//!
//! The derive expands every struct into a field enum with its own visitor
//! and visitors for objects and sequences; in a large SDK that is most of
//! what `cargo check` spends. This impl keeps the derive's behaviour for
//! JSON (see the runtime module) at a fraction of the code: a field with a
//! codec is read through the codec's `Reader`, and a struct with
//! `additionalProperties` collects the keys it does not list.

use proc_macro2::TokenStream;
use quote::quote;

use super::field_codec;
use super::scope::{Scope, ident};
use crate::ir::Struct;
use crate::naming::Namespace;

/// The impl for the struct `name`; `allow_deprecated`: the attribute its
/// code needs when some fields are deprecated.
pub fn impl_(
    scope: &Scope<'_>,
    name: &str,
    structure: &Struct,
    allow_deprecated: Option<&TokenStream>,
) -> TokenStream {
    let fields = &structure.fields;
    let type_name = ident(name);
    let deserialize = scope.import("serde", "Deserialize");
    let deserializer = scope.import("serde", "Deserializer");
    let map_access = scope.import("serde::de", "MapAccess");
    let visitor = scope.import("serde::de", "Visitor");
    let object = scope.import("crate::runtime", "object");
    scope.import("std", "fmt");
    // A local per field, named after it unless it would shadow one of the
    // visitor's own or read like a module it calls (`object::next`): then
    // with a trailing underscore.
    const TAKEN: [&str; 7] = ["map", "key", "deserializer", "f", "object", "codec", "fmt"];
    let mut locals = Namespace::with_reserved(&TAKEN);
    let mut local = |name: &str| {
        let wanted = if TAKEN.contains(&name) {
            format!("{name}_")
        } else {
            name.to_owned()
        };
        locals.claim(&wanted, "_")
    };
    let slots: Vec<_> = fields
        .iter()
        .map(|field| ident(&local(&field.name)))
        .collect();
    let arms = fields.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.wire_name;
        match field_codec::reader(scope, field.ty.non_null(), field.is_optional(), field.drift) {
            Some(codec) => {
                quote!(#wire => #object::next_with(&mut map, &mut #slot, #wire, #codec)?,)
            }
            None => quote!(#wire => #object::next(&mut map, &mut #slot, #wire)?,),
        }
    });
    // Keys the struct does not list: collected, or skipped.
    let (extra_local, other_keys, extra_init) = match &structure.additional {
        Some(additional) => {
            let claimed = local(&additional.name);
            let local = ident(&claimed);
            let field_name = ident(&additional.name);
            // Field init shorthand where the local has the field's name.
            let init = if claimed == additional.name {
                quote!(#field_name,)
            } else {
                quote!(#field_name: #local,)
            };
            let map_type = scope.import("std::collections", "BTreeMap");
            let read = match field_codec::reader(scope, &additional.ty, false, false) {
                Some(codec) => quote!(#object::extra_with(&mut map, &mut #local, key, #codec)?),
                None => quote!(#object::extra(&mut map, &mut #local, key)?),
            };
            (
                Some(quote!(let mut #local = #map_type::new();)),
                read,
                Some(init),
            )
        }
        None => (None, quote!(#object::skip(&mut map)?), None),
    };
    // A struct without fields has no keys to tell apart (and one that
    // takes no other keys either has no use for the key).
    let binding = if fields.is_empty() && structure.additional.is_none() {
        quote!(_)
    } else {
        quote!(key)
    };
    let body = if fields.is_empty() {
        quote!(#other_keys;)
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => #other_keys,
            }
        }
    };
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
                        #extra_local
                        while let Some(#binding) = map.next_key::<#object::Key<'de>>()? {
                            #body
                        }
                        Ok(#type_name {
                            #(#inits,)*
                            #extra_init
                        })
                    }
                }

                deserializer.deserialize_map(Fields)
            }
        }
    }
}
