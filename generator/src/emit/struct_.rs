//! Structs: objects with known fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::builder;
use syn::{Attribute, Fields, FieldsNamed, Item, ItemStruct, Type, Visibility, token};

use super::docs::{self, doc_attributes, first_paragraph};
use super::format::Items;
use super::scope::Scope;
use super::syntax::{attribute, generic_ty, ident, marker, terminated, ty};
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
    // A multipart body with file parts is never JSON: the operation sends
    // its fields part by part.
    let with_serde = !has_files(structure);
    let fields = structure
        .fields
        .iter()
        .map(|field| field_tree(scope, field));
    let additional = structure.additional.as_ref().map(|additional| {
        let map = scope.import("std::collections", "BTreeMap");
        let value = scope.type_tree(&additional.ty);
        syn::Field {
            attrs: doc_attributes("Keys the schema does not list."),
            ..public_field(
                &additional.name,
                generic_ty(map, [ty([ident("String")]), value]),
            )
        }
    });
    let redacting = structure.fields.iter().any(|field| field.sensitive);
    let mut items = Items::default();
    items.tree(struct_item(
        doc_attributes(&docs::of_type(def)),
        &def.name,
        derives(&structure.fields, !redacting),
        fields.chain(additional),
    ));
    items.tree(builder(
        scope,
        &def.name,
        &structure.fields,
        structure.additional.as_ref(),
    ));
    if redacting {
        items.tokens(redacting_debug(scope, def, structure));
    }
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

/// `attrs #[derive(derives)] #[non_exhaustive] pub struct name { fields… }`:
/// a struct of the API and a parameters struct.
pub fn struct_item(
    mut attrs: Vec<Attribute>,
    name: &str,
    derives: TokenStream,
    fields: impl IntoIterator<Item = syn::Field>,
) -> Item {
    attrs.push(attribute("derive", derives));
    attrs.push(marker("non_exhaustive"));
    Item::Struct(ItemStruct {
        attrs,
        vis: Visibility::Public(token::Pub::default()),
        struct_token: token::Struct::default(),
        ident: ident(name),
        generics: Default::default(),
        fields: Fields::Named(FieldsNamed {
            brace_token: token::Brace::default(),
            named: terminated(fields),
        }),
        semi_token: None,
    })
}

/// What a struct of `fields` derives: `Debug` unless it prints its own,
/// and `Default` when every field is optional.
pub fn derives(fields: &[Field], debug: bool) -> TokenStream {
    let debug = debug.then(|| quote!(Debug,));
    let default = fields
        .iter()
        .all(Field::is_optional)
        .then(|| quote!(Default,));
    quote!(Clone, #debug #default PartialEq)
}

/// `pub name: ty`, without docs.
pub fn public_field(name: &str, ty: Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: Visibility::Public(token::Pub::default()),
        modifiers: Default::default(),
        ident: Some(ident(name)),
        colon_token: Some(token::Colon::default()),
        ty,
        default: None,
    }
}

/// A field of the struct.
fn field_tree(scope: &Scope<'_>, field: &Field) -> syn::Field {
    // A field the spec says nothing about gets no doc that only repeats
    // its name; the lint is silenced for it alone (see the crate root).
    let attrs = match field_docs(scope, field) {
        Some(text) => doc_attributes(&text),
        None => vec![attribute("allow", quote!(missing_docs))],
    };
    let mut ty = scope.type_tree(field.ty.non_null());
    if field.boxed {
        ty = generic_ty(ident("Box"), [ty]);
    }
    if field.is_optional() {
        ty = generic_ty(ident("Option"), [ty]);
    }
    syn::Field {
        attrs,
        ..public_field(&field.name, ty)
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
