//! Structs: objects with known fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs, first_paragraph};
use super::scope::{Scope, ident};
use super::serde_attrs;
use crate::ir::{Field, Scalar, Struct, TypeDef, TypeKind, TypeRef};

/// A struct with serde derives. Optional fields are `Option`s that are left
/// out when `None` and accept `null`; `Default` is derived when every field
/// has a default, so callers can fill only what they need.
pub fn struct_(scope: &Scope<'_>, def: &TypeDef, structure: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&docs::of_type(def));
    // A multipart body with file parts is never JSON: the operation sends
    // its fields part by part.
    let with_serde = !has_files(structure);
    let fields = structure
        .fields
        .iter()
        .map(|field| field_tokens(scope, field, with_serde));
    let additional = structure.additional.as_ref().map(|additional| {
        let field = ident(&additional.name);
        let value = scope.ty(&additional.ty);
        let map = scope.import("std::collections", "BTreeMap");
        let flatten = with_serde.then(|| quote!(#[serde(flatten)]));
        quote! {
            /// Keys the schema does not list.
            #flatten
            pub #field: #map<String, #value>,
        }
    });
    let default = structure
        .fields
        .iter()
        .all(|field| field.is_optional() || scope.has_default(&field.ty))
        .then(|| quote!(Default,));
    let serde = if !with_serde {
        TokenStream::new()
    } else {
        scope.import("serde", "Deserialize");
        scope.import("serde", "Serialize");
        quote!(Serialize, Deserialize)
    };
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, #serde)]
        pub struct #name {
            #(#fields)*
            #additional
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

fn field_tokens(scope: &Scope<'_>, field: &Field, with_serde: bool) -> TokenStream {
    let name = ident(&field.name);
    let docs = doc_attrs(&field_docs(scope, field));
    let inner = match &field.ty {
        TypeRef::Nullable(inner) => inner.as_ref(),
        other => other,
    };
    let mut ty = scope.ty(inner);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    if field.is_optional() {
        ty = quote!(Option<#ty>);
    }
    let serde = if with_serde {
        let rename = (field.name != field.wire_name).then_some(field.wire_name.as_str());
        serde_attrs::field(scope, inner, rename, field.is_optional(), !field.required)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #serde
        pub #name: #ty,
    }
}

/// A field's docs: its own description, else the first paragraph of its
/// type's description, else its JSON key.
fn field_docs(scope: &Scope<'_>, field: &Field) -> String {
    let mut docs = match (
        &field.docs,
        named_target(scope, &field.ty).and_then(|def| def.docs.as_ref()),
    ) {
        (Some(docs), _) => docs::spec(docs),
        (None, Some(type_docs)) => first_paragraph(&docs::spec(type_docs)),
        (None, None) => format!("`{}`", field.wire_name),
    };
    if field.deprecated {
        docs.push_str("\n\n**Deprecated** in the API.");
    }
    docs
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
