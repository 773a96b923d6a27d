//! Structs: objects with known fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs, first_paragraph};
use super::format::Items;
use super::scope::{Scope, ident};
use super::{deserialize, serialize};
use crate::ir::{Additional, Field, Scalar, Struct, TypeDef, TypeKind, TypeRef};

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
    let builder = builder(
        scope,
        &def.name,
        &structure.fields,
        structure.additional.as_ref(),
    );
    let mut items = Items::from(quote! {
        #docs
        #[derive(Clone, #debug #default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #builder
        #debug_impl
    });
    if with_serde {
        let deprecated = structure.fields.iter().any(|field| field.deprecated);
        items.tree(serialize::impl_(scope, &def.name, structure, deprecated));
        items.tree(deserialize::impl_(scope, &def.name, structure, deprecated));
    }
    items
}

/// `new` with the fields that are not `Option`s, and a setter per `Option`,
/// for the struct `type_name`.
pub fn builder(
    scope: &Scope<'_>,
    type_name: &str,
    fields: &[Field],
    additional: Option<&Additional>,
) -> TokenStream {
    let name = ident(type_name);
    let (required, optional): (Vec<&Field>, Vec<&Field>) =
        fields.iter().partition(|field| !field.is_optional());
    let params = required.iter().map(|field| {
        let arg = ident(&field.name);
        let ty = param_type(scope, &field.ty);
        quote!(#arg: #ty)
    });
    let inits = fields.iter().map(|field| {
        let field_name = ident(&field.name);
        if field.is_optional() {
            return quote!(#field_name: None);
        }
        let value = converted(&field.ty, quote!(#field_name));
        match (field.boxed, &field.ty) {
            (true, _) => quote!(#field_name: Box::new(#value)),
            (false, TypeRef::Scalar(Scalar::String)) => quote!(#field_name: #value),
            // Field init shorthand, as a person would write it.
            (false, _) => quote!(#field_name),
        }
    });
    let additional = additional.map(|additional| {
        let field = ident(&additional.name);
        quote!(#field: Default::default(),)
    });
    let new_docs = doc_attrs(&if required.is_empty() {
        format!(
            "An empty `{type_name}`: every field is optional; set the ones you need with the methods named after them."
        )
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|field| format!("`{}`", field.name))
            .collect();
        format!(
            "A `{type_name}` with its required fields ({}); set optional ones with the methods named after them.",
            names.join(", ")
        )
    });
    let setters = optional.iter().map(|field| {
        let field_name = ident(&field.name);
        let setter = ident(&crate::naming::setter_name(&field.name));
        let inner = field.ty.non_null();
        let ty = param_type(scope, inner);
        let value = converted(inner, quote!(value));
        let value = if field.boxed {
            quote!(Box::new(#value))
        } else {
            value
        };
        let docs = doc_attrs(&format!("Sets [`{0}`](Self::{0}).", field.name));
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #docs
            #deprecated
            #[must_use]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field_name = Some(#value);
                self
            }
        }
    });
    let allow_deprecated = allow_deprecated(fields);
    quote! {
        #allow_deprecated
        impl #name {
            #new_docs
            #[must_use]
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                    #additional
                }
            }

            #(#setters)*
        }
    }
}

/// `#[allow(deprecated)]` for code that sets every field of a struct,
/// when some are deprecated (using them is what the lint warns about).
fn allow_deprecated(fields: &[Field]) -> Option<TokenStream> {
    fields
        .iter()
        .any(|field| field.deprecated)
        .then(|| quote!(#[allow(deprecated)]))
}

/// The parameter type of a constructor or setter for a value of `ty`:
/// strings take anything that becomes a `String` (`"eur"` as well as an
/// owned string); other types are taken as they are, so that literals such
/// as `vec![]` need no annotation.
fn param_type(scope: &Scope<'_>, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::String) => quote!(impl Into<String>),
        other => scope.ty(other),
    }
}

/// `value` converted for [`param_type`].
fn converted(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::String) => quote!(#value.into()),
        _ => value,
    }
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
