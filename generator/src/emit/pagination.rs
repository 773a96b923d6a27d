//! Paginated list operations: a `…_stream` method beside the one-page call,
//! and the `Page` and `HasId` impls the runtime's `paginate` walks with.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::scope::Scope;
use super::syntax::ident;
use crate::ir::{
    Api, Operation, Pagination, ParamLocation, Scalar, TypeDef, TypeId, TypeKind, TypeRef,
};

/// The `…_stream` method of a paginated operation: every item of every page,
/// fetched as the stream is read.
pub fn stream_method(scope: &Scope<'_>, operation: &Operation) -> TokenStream {
    let Some(pagination) = &operation.pagination else {
        return TokenStream::new();
    };
    let stream_name = ident(&pagination.stream_method);
    let one_page = ident(&operation.name);
    let item = scope.named(pagination.item);
    let stream = scope.import("futures", "Stream");
    let error = scope.import("crate::runtime", "Error");
    let paginate = scope.import("crate::runtime", "paginate");
    let cursor = ident(&pagination.cursor_field);
    let docs = doc_attrs(&format!(
        "Every item of [`Self::{}`], page after page: the next page is asked for\n\
         (after the last item's id) as the stream is read. An error ends the stream.",
        operation.name
    ));

    let mut parameters = Vec::new();
    let mut owned = Vec::new();
    let mut per_page = Vec::new();
    let mut call_arguments = Vec::new();
    for param in operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
    {
        let name = ident(&param.name);
        match &param.ty {
            TypeRef::Scalar(Scalar::String | Scalar::Binary) => {
                parameters.push(quote!(#name: &str));
                owned.push(quote!(let #name = #name.to_owned();));
                per_page.push(quote!(let #name = #name.clone();));
                call_arguments.push(quote!(&#name));
            }
            TypeRef::Named(_) => {
                let ty = scope.ty(&param.ty);
                parameters.push(quote!(#name: &#ty));
                owned.push(quote!(let #name = #name.clone();));
                per_page.push(quote!(let #name = #name.clone();));
                call_arguments.push(quote!(&#name));
            }
            other => {
                let ty = scope.ty(other);
                parameters.push(quote!(#name: #ty));
                call_arguments.push(quote!(#name));
            }
        }
    }
    let mut cursor_target = None;
    if let Some(params_type) = &operation.params_type {
        let params_type = ident(params_type);
        parameters.push(quote!(params: &#params_type));
        owned.push(quote!(let params = params.clone();));
        per_page.push(quote!(let mut params = params.clone();));
        call_arguments.push(quote!(&params));
        if !pagination.cursor_in_body {
            cursor_target = Some(quote!(params));
        }
    }
    if let Some(body) = &operation.body {
        let ty = scope.ty(&body.ty);
        parameters.push(quote!(body: &#ty));
        owned.push(quote!(let body = body.clone();));
        per_page.push(quote!(let mut body = body.clone();));
        call_arguments.push(quote!(&body));
        if pagination.cursor_in_body {
            cursor_target = Some(quote!(body));
        }
    }
    let target = cursor_target.unwrap_or_else(|| quote!(params));
    let cursor_optional = cursor_is_optional(scope, operation);
    let set_cursor = if cursor_optional {
        quote!(#target.#cursor = Some(cursor);)
    } else {
        quote!(#target.#cursor = cursor;)
    };
    // The stream owns what it needs (a copy of the handle, the arguments),
    // so it outlives the temporary handle of
    // `client.payment_intents().list_stream(…)`; it borrows only the client.
    quote! {
        #docs
        pub fn #stream_name(&self, #(#parameters),*) -> impl #stream<Item = Result<#item, #error>> + use<'c> {
            let handle = self.clone();
            #(#owned)*
            #paginate(move |cursor| {
                let handle = handle.clone();
                #(#per_page)*
                if let Some(cursor) = cursor {
                    #set_cursor
                }
                async move { handle.#one_page(#(#call_arguments),*).await }
            })
        }
    }
}

/// Whether the cursor field is an `Option` (it is unless the spec requires
/// it, which would make little sense but is allowed).
fn cursor_is_optional(scope: &Scope<'_>, operation: &Operation) -> bool {
    let Some(pagination) = &operation.pagination else {
        return true;
    };
    if pagination.cursor_in_body {
        let fields = operation.body.as_ref().and_then(|body| match &body.ty {
            TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
                TypeKind::Struct(structure) => Some(&structure.fields),
                _ => None,
            },
            _ => None,
        });
        fields
            .and_then(|fields| {
                fields
                    .iter()
                    .find(|field| field.name == pagination.cursor_field)
            })
            .is_none_or(|field| field.is_optional())
    } else {
        operation
            .params
            .iter()
            .find(|param| param.name == pagination.cursor_field)
            .is_none_or(|param| !param.required || matches!(param.ty, TypeRef::Nullable(_)))
    }
}

/// The types that paginated operations list: each page type and item type
/// with the first operation that lists it. Found once for the API, so that
/// each of its (thousands of) types does not scan every operation.
pub struct Roles<'a> {
    pages: HashMap<TypeId, &'a Pagination>,
    items: HashMap<TypeId, &'a Pagination>,
}

impl<'a> Roles<'a> {
    pub fn of(api: &'a Api) -> Self {
        let mut roles = Self {
            pages: HashMap::new(),
            items: HashMap::new(),
        };
        for pagination in api
            .operations
            .iter()
            .filter_map(|op| op.pagination.as_ref())
        {
            roles.pages.entry(pagination.page).or_insert(pagination);
            roles.items.entry(pagination.item).or_insert(pagination);
        }
        roles
    }
}

/// The `Page` impl of a page type and the `HasId` impl of an item type, for
/// the type `def` (`id`), once however many operations list it.
pub fn impls(scope: &Scope<'_>, roles: &Roles<'_>, id: TypeId, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(structure) = &def.kind else {
        return TokenStream::new();
    };
    let name = ident(&def.name);
    let field = |rust_name: &str| {
        structure
            .fields
            .iter()
            .find(|field| field.name == rust_name)
    };
    let mut out = TokenStream::new();
    if let Some(pagination) = roles.pages.get(&id) {
        let page = scope.import("crate::runtime", "Page");
        let item = scope.named(pagination.item);
        let data = ident(&pagination.data_field);
        let has_more = ident(&pagination.has_more_field);
        let data_value = match field(&pagination.data_field) {
            Some(field) if field.is_optional() => quote!(self.#data.unwrap_or_default()),
            _ => quote!(self.#data),
        };
        let has_more_value = match field(&pagination.has_more_field) {
            Some(field) if field.is_optional() => quote!(self.#has_more.unwrap_or_default()),
            _ => quote!(self.#has_more),
        };
        out.extend(quote! {
            impl #page for #name {
                type Item = #item;

                fn into_parts(self) -> (Vec<#item>, bool) {
                    (#data_value, #has_more_value)
                }
            }
        });
    }
    if let Some(pagination) = roles.items.get(&id) {
        let has_id = scope.import("crate::runtime", "HasId");
        let id_field = ident(&pagination.id_field);
        let value = match field(&pagination.id_field) {
            Some(field) if field.is_optional() => quote!(self.#id_field.as_deref()),
            _ => quote!(Some(&self.#id_field)),
        };
        out.extend(quote! {
            impl #has_id for #name {
                fn id(&self) -> Option<&str> {
                    #value
                }
            }
        });
    }
    out
}
