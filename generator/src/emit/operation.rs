//! Operations: one async method per operation on its module's handle.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::builder;
use super::docs::{self, doc_attributes, doc_attrs, paragraphs};
use super::format::Items;
use super::scope::Scope;
use super::struct_::{derives, public_field, struct_item};
use super::syntax::{generic_ty, ident};
use crate::ir::{
    BodyEncoding, Field, Module, Operation, Param, ParamLocation, PathSegment, ResponseKind,
    Scalar, TypeKind, TypeRef,
};

/// The handle type of a module, with one method per operation.
pub fn handle(scope: &Scope<'_>, module: &Module, operations: &[&Operation]) -> TokenStream {
    let handle = ident(&module.handle);
    let docs = doc_attrs(&format!(
        "The operations of `{}`; get them from [`Client::{}`](crate::Client::{}).",
        module.title, module.name, module.name
    ));
    let methods = operations.iter().map(|operation| {
        let one_page = method(scope, operation);
        let every_page = super::pagination::stream_method(scope, operation);
        quote!(#one_page #every_page)
    });
    let api_client = scope.import("crate::runtime", "ApiClient");
    let options = scope.import("crate::runtime", "RequestOptions");
    quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct #handle<'c> {
            client: &'c #api_client,
            options: #options,
        }

        impl<'c> #handle<'c> {
            pub(crate) fn new(client: &'c #api_client) -> Self {
                Self { client, options: #options::new() }
            }

            /// Uses `options` for every call made through this handle, on top
            /// of those already set (what `options` sets wins). An
            /// idempotency key belongs on one call, not here: set it on the
            /// call (`.idempotency_key(key)` before `.await`).
            pub fn with_options(mut self, options: #options) -> Self {
                self.options = self.options.merge(options);
                self
            }

            #(#methods)*
        }
    }
}

fn method(scope: &Scope<'_>, operation: &Operation) -> TokenStream {
    let name = ident(&operation.name);
    let route = format!("`{} {}`", operation.method.as_str(), operation.path);
    let summary = operation.summary.as_deref().map(docs::spec);
    let description = operation.description.as_deref().map(docs::spec);
    let docs = doc_attrs(&paragraphs([
        Some(summary.as_deref().unwrap_or(&route)),
        description.as_deref(),
        summary.is_some().then_some(route.as_str()),
    ]));
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));

    let mut arguments = Vec::new();
    for param in operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
    {
        let arg = ident(&param.name);
        let ty = path_arg_type(scope, &param.ty);
        arguments.push(quote!(#arg: #ty));
    }
    if let Some(params_type) = &operation.params_type {
        let params_type = ident(params_type);
        arguments.push(quote!(params: &#params_type));
    }
    if let Some(body) = &operation.body {
        let ty = body_arg_type(scope, body.encoding, &body.ty);
        arguments.push(quote!(body: &#ty));
    }

    let request_type = scope.import("crate::runtime", "Request");
    let method_type = scope.import("crate::runtime", "Method");
    let http_method = ident(operation.method.as_str());
    let path = path_expression(scope, operation);
    let mut request = quote!(#request_type::new(#method_type::#http_method, #path));
    for param in &operation.params {
        let field = ident(&param.name);
        let wire = &param.wire_name;
        request = match param.location {
            ParamLocation::Path => request,
            ParamLocation::Query => quote!(#request.query(#wire, &params.#field)),
            ParamLocation::Header => quote!(#request.header(#wire, &params.#field)),
        };
    }
    let mut prelude = TokenStream::new();
    if let Some(body) = &operation.body {
        request = match body.encoding {
            BodyEncoding::Json => quote!(#request.json(body)),
            BodyEncoding::Form => quote!(#request.form(body)),
            BodyEncoding::Query => quote!(#request.query_object(body)),
            BodyEncoding::Text => quote!(#request.text(body)),
            BodyEncoding::Binary => quote!(#request.bytes(body)),
            BodyEncoding::Multipart => {
                prelude = multipart_form(scope, &body.ty);
                quote!(form.attach(#request))
            }
        };
    }
    if !operation.authenticated && !scope.api.security.is_empty() {
        request = quote!(#request.without_auth());
    }
    let call = scope.import("crate::runtime", "Call");
    let (output, constructor) = match &operation.response.kind {
        ResponseKind::Json(ty) => (scope.ty(ty), quote!(json)),
        ResponseKind::Text => (quote!(String), quote!(text)),
        ResponseKind::Binary => {
            let bytes = scope.import("crate::runtime", "Bytes");
            (quote!(#bytes), quote!(bytes))
        }
        ResponseKind::Empty => (quote!(()), quote!(empty)),
    };
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#arguments),*) -> #call<'c, #output> {
            #prelude
            let request = #request;
            #call::<#output>::#constructor(self.client, request, &self.options)
        }
    }
}

/// The path as a string literal, or a `format!` that percent-encodes each
/// path parameter.
fn path_expression(scope: &Scope<'_>, operation: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut values = Vec::new();
    for segment in &operation.segments {
        match segment {
            PathSegment::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathSegment::Param(index) => {
                template.push_str("{}");
                values.push(ident(&operation.params[*index].name));
            }
        }
    }
    if values.is_empty() {
        return quote!(#template);
    }
    let segment = scope.import("crate::runtime", "path_segment");
    quote!(format!(#template, #(#segment(#values)),*))
}

fn path_arg_type(scope: &Scope<'_>, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::String | Scalar::Binary) => quote!(&str),
        TypeRef::Named(_) => {
            let ty = scope.ty(ty);
            quote!(&#ty)
        }
        other => scope.ty(other),
    }
}

/// The type behind the `body: &…` argument.
fn body_arg_type(scope: &Scope<'_>, encoding: BodyEncoding, ty: &TypeRef) -> TokenStream {
    match (encoding, ty) {
        (BodyEncoding::Text, _) => quote!(str),
        (BodyEncoding::Binary, _) => quote!([u8]),
        (_, TypeRef::Nullable(inner)) => body_arg_type(scope, encoding, inner),
        (_, TypeRef::Array(item)) => {
            let item = scope.ty(item);
            quote!([#item])
        }
        (_, other) => scope.ty(other),
    }
}

/// `let form = Multipart::new()…;` with a part per field of the body.
fn multipart_form(scope: &Scope<'_>, ty: &TypeRef) -> TokenStream {
    let multipart = scope.import("crate::runtime", "Multipart");
    let fields = match ty {
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            TypeKind::Struct(structure) => Some(&structure.fields),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        // A free-form object: each key is a text field.
        return quote! {
            let mut form = #multipart::new();
            for (name, value) in body {
                form = form.text(name, value);
            }
        };
    };
    let parts = fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire_name;
        let inner = field.ty.non_null();
        match (inner, field.is_optional()) {
            (TypeRef::Scalar(Scalar::Binary), false) => {
                quote!(form = form.file(#wire, &body.#name);)
            }
            (TypeRef::Scalar(Scalar::Binary), true) => {
                quote!(form = form.optional_file(#wire, body.#name.as_ref());)
            }
            (TypeRef::Array(item), optional) if **item == TypeRef::Scalar(Scalar::Binary) => {
                let files = if optional {
                    quote!(body.#name.iter().flatten())
                } else {
                    quote!(body.#name.iter())
                };
                quote! {
                    for file in #files {
                        form = form.file(#wire, file);
                    }
                }
            }
            _ => quote!(form = form.text(#wire, &body.#name);),
        }
    });
    quote! {
        let mut form = #multipart::new();
        #(#parts)*
    }
}

/// The struct of an operation's query and header parameters.
pub fn params_struct(scope: &Scope<'_>, module: &Module, operation: &Operation) -> Items {
    let Some(params_type) = &operation.params_type else {
        return Items::default();
    };
    let docs = doc_attributes(&format!(
        "The query and header parameters of [`{}::{}`].",
        module.handle, operation.name
    ));
    let params: Vec<&Param> = operation
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .collect();
    let fields = params.iter().map(|param| {
        let where_ = match param.location {
            ParamLocation::Query => "query parameter",
            _ => "header",
        };
        let description = param.docs.as_deref().map(docs::spec);
        let docs = doc_attributes(&paragraphs([
            description.as_deref(),
            Some(&format!("Sent as the `{}` {where_}.", param.wire_name)),
        ]));
        let mut ty = scope.type_tree(param.ty.non_null());
        if !param.required || matches!(param.ty, TypeRef::Nullable(_)) {
            ty = generic_ty(ident("Option"), [ty]);
        }
        syn::Field {
            attrs: docs,
            ..public_field(&param.name, ty)
        }
    });
    let as_fields: Vec<Field> = params.iter().map(|param| param.as_field()).collect();
    let mut items = Items::default();
    items.tree(struct_item(
        docs,
        params_type,
        derives(&as_fields, true),
        fields,
    ));
    items.tree(builder(scope, params_type, &as_fields, None));
    items
}
