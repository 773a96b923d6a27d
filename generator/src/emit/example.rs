//! The usage example of a crate's README: build a client, make one call.

use proc_macro2::TokenStream;
use quote::quote;

use super::sample::{self, Detail};
use super::scope::Scope;
use super::syntax::ident;
use crate::config::Config;
use crate::ir::{
    Api, BodyEncoding, Credential, Operation, ParamLocation, ResponseKind, Scalar, SecurityKind,
    TypeRef,
};

/// The example program, formatted.
pub fn readme_example(api: &Api, config: &Config) -> String {
    let scope = Scope::outside(api, config);
    let client = scope.import("crate", "Client");
    let error = scope.import("crate", "Error");
    let base_url = api
        .servers
        .is_empty()
        .then(|| quote!("https://api.example.com",));
    let credentials = credentials_example(&scope);
    let call = api
        .operations
        .iter()
        .find(|operation| is_simple(&scope, operation))
        .map(|operation| {
            let call = call(&scope, operation);
            quote! {
                let response = #call.await?;
                println!("{response:?}");
            }
        });
    let body = quote! {
        #[tokio::main]
        async fn main() -> Result<(), #error> {
            let client = #client::new(#base_url #credentials)?;
            #call
            Ok(())
        }
    };
    let imports = scope.imports();
    let tokens = quote! {
        #imports
        #body
    };
    super::format::file(tokens).unwrap_or_else(|error| format!("// {error}\n"))
}

fn credentials_example(scope: &Scope<'_>) -> TokenStream {
    credentials_expr(scope, &|field| format!("your {}", field.replace('_', " ")))
}

/// The credentials argument of `Client::new`/`builder`, with `value(field)`
/// as each secret; empty when the API has no credentials.
pub fn credentials_expr(scope: &Scope<'_>, value: &dyn Fn(&str) -> String) -> TokenStream {
    let fields: Vec<&str> = scope
        .api
        .security
        .iter()
        .flat_map(|scheme| match &scheme.kind {
            SecurityKind::HttpBasic { username, password } => vec![username, password],
            SecurityKind::HttpBearer { token } => vec![token],
            SecurityKind::ApiKey { key, .. } => vec![key],
        })
        .filter_map(|credential| match credential {
            Credential::Field(name) => Some(name.as_str()),
            Credential::Fixed(_) => None,
        })
        .collect();
    match fields.as_slice() {
        [] => TokenStream::new(),
        [only] => {
            let placeholder = value(only);
            quote!(#placeholder)
        }
        several => {
            let credentials = scope.import("crate", "Credentials");
            let fields = several.iter().map(|name| {
                let field = ident(name);
                let placeholder = value(name);
                quote!(#field: #placeholder.into())
            });
            quote!(#credentials { #(#fields),* })
        }
    }
}

/// Whether an operation makes a short example: a JSON (or empty) response
/// and arguments that are easy to write.
fn is_simple(scope: &Scope<'_>, operation: &Operation) -> bool {
    let params_simple = operation
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .all(|param| !param.required);
    let body_simple = operation
        .body
        .as_ref()
        .is_none_or(|body| !body.examples.is_empty() || built_from_nothing(scope, &body.ty));
    matches!(
        operation.response.kind,
        ResponseKind::Json(_) | ResponseKind::Empty
    ) && params_simple
        && body_simple
        && !operation.deprecated
}

/// Whether a value of `ty` is written without arguments: a struct whose
/// fields are all optional (`Type::new()`), or free-form JSON.
fn built_from_nothing(scope: &Scope<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            crate::ir::TypeKind::Struct(structure) => {
                structure.fields.iter().all(|field| field.is_optional())
            }
            _ => false,
        },
        TypeRef::Map(_) | TypeRef::Any => true,
        _ => false,
    }
}

/// `client.module().operation(arguments)`.
pub fn call(scope: &Scope<'_>, operation: &Operation) -> TokenStream {
    let module = ident(&scope.api.module(operation.module).name);
    let method = ident(&operation.name);
    let mut arguments = Vec::new();
    for param in operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
    {
        let value = sample::expr(scope, &param.ty, None, Detail::Required);
        let text = format!("{}_123", param.name.trim_end_matches('_'));
        arguments.push(match &param.ty {
            TypeRef::Scalar(Scalar::String) => quote!(#text),
            TypeRef::Named(_) => quote!(&#value),
            _ => quote!(#value),
        });
    }
    if let Some(params_type) = &operation.params_type {
        let module = &scope.api.module(operation.module).name;
        let params = scope.import_from_module(module, params_type);
        let required = operation
            .params
            .iter()
            .filter(|param| param.location != ParamLocation::Path && !param.is_optional())
            .map(|param| sample::expr(scope, &param.ty, None, Detail::Required));
        arguments.push(quote!(&#params::new(#(#required),*)));
    }
    if let Some(body) = &operation.body {
        arguments.push(match body.encoding {
            BodyEncoding::Binary => quote!(b"contents"),
            BodyEncoding::Text => quote!("text"),
            _ => {
                let value = sample::expr(scope, &body.ty, body.examples.first(), Detail::Required);
                quote!(&#value)
            }
        });
    }
    quote!(client.#module().#method(#(#arguments),*))
}

/// A section of the crate docs showing that a request with required fields
/// is built with `new` and has no `Default` (a `compile_fail` doctest, next
/// to one that compiles, so that the failure can only be the missing
/// `Default`); `None` when no operation's body has required fields.
pub fn required_fields_doc(api: &Api, config: &Config) -> Option<String> {
    let (id, body) = api.operations.iter().find_map(|operation| {
        let body = operation.body.as_ref()?;
        let TypeRef::Named(id) = &body.ty else {
            return None;
        };
        let crate::ir::TypeKind::Struct(structure) = &api.type_def(*id).kind else {
            return None;
        };
        structure
            .fields
            .iter()
            .any(|field| !field.is_optional())
            .then_some((*id, body))
    })?;
    let scope = Scope::outside(api, config);
    let value = sample::expr(&scope, &body.ty, body.examples.first(), Detail::Required);
    let imports = scope.imports();
    let builds = super::format::file(quote! {
        #imports
        fn main() {
            let _request = #value;
        }
    })
    .ok()?;
    let scope = Scope::outside(api, config);
    let name = scope.named(id);
    let imports = scope.imports();
    let fails = super::format::file(quote! {
        #imports
        fn main() {
            let _request = #name::default();
        }
    })
    .ok()?;
    let type_name = &api.type_def(id).name;
    Some(format!(
        "\n## Required fields\n\n\
         A struct with required fields, such as `{type_name}`, takes them in `new`, and its optional \
         fields through setters:\n\n```\n{builds}```\n\n\
         It has no `Default`, which would fill the required fields with zeros and empty strings:\n\n\
         ```compile_fail\n{fails}```\n"
    ))
}
