//! Unions (`oneOf`/`anyOf`) and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs};
use super::scope::Scope;
use super::syntax::ident;
use crate::ir::{TypeDef, TypeKind, TypeRef, Union};

/// An untagged enum: the variants are tried in spec order and the first
/// that reads the value wins.
pub fn union_(scope: &Scope<'_>, def: &TypeDef, union: &Union) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&docs::of_type(def));
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let mut ty = scope.ty(&variant.ty);
        if boxed(scope, &variant.ty) {
            ty = quote!(Box<#ty>);
        }
        let docs = doc_attrs(&variant_docs(scope, &variant.ty));
        quote! {
            #docs
            #variant_name(#ty),
        }
    });
    scope.import("serde", "Deserialize");
    scope.import("serde", "Serialize");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Whether a union variant holds its struct in a `Box`: structs are large
/// next to the other variants (and may contain the union itself).
pub fn boxed(scope: &Scope<'_>, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(scope.api.type_def(*id).kind, TypeKind::Struct(_)))
}

fn variant_docs(scope: &Scope<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => format!("A [`{}`].", scope.api.type_def(*id).name),
        TypeRef::Nullable(inner) => variant_docs(scope, inner),
        TypeRef::Array(_) => "A list.".to_owned(),
        TypeRef::Map(_) => "An object.".to_owned(),
        TypeRef::Scalar(_) | TypeRef::Any => "A plain value.".to_owned(),
    }
}

/// `pub type Name = Target;` for a component that names another type.
pub fn alias(scope: &Scope<'_>, def: &TypeDef, target: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&docs::of_type(def));
    let target = scope.ty(target);
    quote! {
        #docs
        pub type #name = #target;
    }
}
