//! Structs: objects with known fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::builder;
use super::docs::{self, doc_attrs, first_paragraph};
use super::format::Items;
use super::scope::Scope;
use super::syntax::ident;
use super::{deserialize, serialize};
use crate::ir::{Field, Scalar, Struct, TypeDef, TypeKind, TypeRef};

/// A struct with serde: `Serialize` and `Deserialize` written out
/// (`serialize.rs`, `deserialize.rs`), not derived. Optional fields are
/// `Option`s that are left out when `None` and accept `null`.
///
/// Every struct is `#[non_exhaustive]` and built with `new`, which takes the
/// fields that are not `Option`s, and a chained setter per optional field.
/// So a request cannot be sent without its required fields (there is no
/// `Default` to fill them with zeros), and a field the API adds later is a
/// new setter, not a breaking change. Structs whose fields are all optional
/// also derive `Default`.
pub fn struct_(scope: &Scope<'_>, def: &TypeDef, structure: &Struct) -> Items {
    let name = ident(&def.name);
    let docs = doc_attrs(&docs::of_type(def));
    // A multipart body with file parts is never JSON: the operation sends
    // its fields part by part.
    let with_serde = !has_files(structure);
    let fields = structure
        .fields
        .iter()
        .map(|field| field_tokens(scope, field));
    let additional = structure.additional.as_ref().map(|additional| {
        let field = ident(&additional.name);
        let value = scope.ty(&additional.ty);
        let map = scope.import("std::collections", "BTreeMap");
        quote! {
            /// Keys the schema does not list.
            pub #field: #map<String, #value>,
        }
    });
    let default = structure
        .fields
        .iter()
        .all(Field::is_optional)
        .then(|| quote!(Default,));
    let redacting = structure.fields.iter().any(|field| field.sensitive);
    let debug = (!redacting).then(|| quote!(Debug,));
    let debug_impl = redacting.then(|| redacting_debug(scope, def, structure));
    let mut items = Items::from(quote! {
        #docs
        #[derive(Clone, #debug #default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }

    });
    items.tree(builder(
        scope,
        &def.name,
        &structure.fields,
        structure.additional.as_ref(),
    ));
    items.tokens(quote!(#debug_impl));
    if with_serde {
        let deprecated = structure.fields.iter().any(|field| field.deprecated);
        items.tree(serialize::impl_(scope, &def.name, structure, deprecated));
        items.tree(deserialize::impl_(scope, &def.name, structure, deprecated));
    }
    items
}

/// `Debug` that prints sensitive fields as `"[redacted]"` (or `None`).
fn redacting_debug(scope: &Scope<'_>, def: &TypeDef, structure: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let redacted = scope.import("crate::runtime", "Redacted");
    scope.import("std", "fmt");
    let fields = structure.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let label = &field.name;
        if !field.sensitive {
            quote!(.field(#label, &self.#field_name))
        } else if field.is_optional() {
            quote!(.field(#label, &self.#field_name.as_ref().map(|_| #redacted)))
        } else {
            quote!(.field(#label, &#redacted))
        }
    });
    let additional = structure.additional.as_ref().map(|additional| {
        let field_name = ident(&additional.name);
        let label = &additional.name;
        quote!(.field(#label, &self.#field_name))
    });
    quote! {
        impl fmt::Debug for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(#type_name)
                    #(#fields)*
                    #additional
                    .finish()
            }
        }
    }
}

fn has_files(structure: &Struct) -> bool {
    structure.fields.iter().any(|field| is_file(&field.ty))
}

fn is_file(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(Scalar::Binary) => true,
        TypeRef::Array(inner) | TypeRef::Nullable(inner) => is_file(inner),
        _ => false,
    }
}

/// A field of the struct.
fn field_tokens(scope: &Scope<'_>, field: &Field) -> TokenStream {
    let name = ident(&field.name);
    // A field the spec says nothing about gets no doc that only repeats
    // its name; the lint is silenced for it alone (see the crate root).
    let docs = match field_docs(scope, field) {
        Some(text) => doc_attrs(&text),
        None => quote!(#[allow(missing_docs)]),
    };
    let inner = field.ty.non_null();
    let mut ty = scope.ty(inner);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    if field.is_optional() {
        ty = quote!(Option<#ty>);
    }
    quote! {
        #docs
        pub #name: #ty,
    }
}

/// A field's docs: its own description, else the first paragraph of its
/// type's description; `None` when the spec has neither.
fn field_docs(scope: &Scope<'_>, field: &Field) -> Option<String> {
    let mut docs = match (
        &field.docs,
        named_target(scope, &field.ty).and_then(|def| def.docs.as_ref()),
    ) {
        (Some(docs), _) => docs::spec(docs),
        (None, Some(type_docs)) => first_paragraph(&docs::spec(type_docs)),
        (None, None) if field.deprecated => String::new(),
        (None, None) => return None,
    };
    if field.deprecated {
        if !docs.is_empty() {
            docs.push_str("\n\n");
        }
        docs.push_str("**Deprecated** in the API.");
    }
    Some(docs)
}

fn named_target<'a>(scope: &Scope<'a>, ty: &TypeRef) -> Option<&'a TypeDef> {
    match ty {
        TypeRef::Named(id) => {
            let def = scope.api.type_def(*id);
            match &def.kind {
                TypeKind::Alias(_) => None,
                _ => Some(def),
            }
        }
        TypeRef::Nullable(inner) => named_target(scope, inner),
        _ => None,
    }
}
