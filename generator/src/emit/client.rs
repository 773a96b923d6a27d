//! The generated `Client`, its `Credentials` and `Environment`s.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, doc_attrs, paragraphs};
use super::scope::Scope;
use super::syntax::ident;
use crate::ir::{ApiKeyLocation, Credential, SecurityKind};

/// The `client` module: the client type and how it is configured.
pub fn client_module(
    scope: &Scope<'_>,
    display_name: &str,
    features: &super::features::ModuleFeatures,
) -> TokenStream {
    let api = scope.api;
    let api_client = scope.import("crate::runtime", "ApiClient");
    let method = scope.import("crate::runtime", "Method");
    let raw = scope.import("crate::runtime", "RawRequest");
    let builder = scope.import("crate::runtime", "ClientBuilder");
    let error = scope.import("crate::runtime", "Error");
    let auth = auth_expression(scope);
    let credentials = credentials_struct(scope, display_name);
    let has_credentials = !credentials.is_empty();
    let environment = environment_enum(scope);

    let (base_param, base_arg, base_value, default_doc) = match api.servers.first() {
        Some(server) => (
            TokenStream::new(),
            TokenStream::new(),
            {
                let name = ident(&server.name);
                quote!(Environment::#name)
            },
            format!(
                "the [`Environment::{}`] environment (<{}>)",
                server.name, server.url
            ),
        ),
        None => {
            let into_base_url = scope.import("crate::runtime", "IntoBaseUrl");
            (
                quote!(base_url: impl #into_base_url,),
                quote!(base_url,),
                quote!(base_url),
                "the API at `base_url`".to_owned(),
            )
        }
    };
    let (credentials_param, credentials_arg, credentials_binding, new_with) = if has_credentials {
        (
            quote!(credentials: impl Into<Credentials>),
            quote!(credentials),
            quote!(let credentials = credentials.into();),
            ", authenticated with `credentials`",
        )
    } else {
        (
            TokenStream::new(),
            TokenStream::new(),
            TokenStream::new(),
            "",
        )
    };
    let new_docs = doc_attrs(&format!("A client of {default_doc}{new_with}."));
    let idempotency_keys = scope.config.retries.idempotency_keys;
    let retry_doc = if idempotency_keys {
        " Failed calls are retried (connection errors, timeouts, 429, 5xx); POST and PATCH calls carry a fresh `Idempotency-Key`, reused by their retries, so a retry cannot run a call twice."
    } else {
        " Failed calls are retried (connection errors, timeouts, 429, 5xx), except POST and PATCH calls: this API does not document `Idempotency-Key`, so they are retried only when you give a key yourself (`RequestOptions::idempotency_key`)."
    };

    let accessors = api
        .modules
        .iter()
        .enumerate()
        .skip(1)
        .map(|(index, module)| {
            let accessor = ident(&module.name);
            let docs = doc_attrs(&format!("The operations of `{}`.", module.title));
            // A module behind a feature is named by its path, as a `use` of it
            // would need the feature too.
            let (gate, handle) = match features.gate(index) {
                Some(feature) => {
                    let module_ident = ident(&module.name);
                    let handle = ident(&module.handle);
                    (
                        quote!(#[cfg(feature = #feature)]),
                        quote!(crate::#module_ident::#handle),
                    )
                }
                None => {
                    let handle = scope.named_handle(module);
                    (TokenStream::new(), quote!(#handle))
                }
            };
            quote! {
                #docs
                #gate
                pub fn #accessor(&self) -> #handle<'_> {
                    #handle::new(&self.inner)
                }
            }
        });
    let client_docs = doc_attrs(&format!(
        "A client of the {display_name} API.\n\nCloning is cheap: clones share one connection pool."
    ));
    quote! {
        #client_docs
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #api_client,
        }

        impl Client {
            #new_docs
            pub fn new(#base_param #credentials_param) -> Result<Self, #error> {
                Self::builder(#base_arg #credentials_arg).build()
            }

            /// A builder for a client, to choose the environment (or any base
            /// URL), the timeouts and the retries before building it.
            #[doc = ""]
            #[doc = #retry_doc]
            pub fn builder(#base_param #credentials_param) -> #builder<Self> {
                #credentials_binding
                #builder::new(#base_value, #auth).idempotency_keys(#idempotency_keys)
            }

            #(#accessors)*

            /// A call to an endpoint this SDK does not have yet, at `path`
            /// (relative to the base URL). It goes through the same
            /// credentials, retries, idempotency keys and errors as the
            /// generated operations; await it for the response as JSON, or
            /// ask for a type with `.send::<T>()`.
            pub fn request(&self, method: #method, path: impl Into<String>) -> #raw<'_> {
                self.inner.request(method, path)
            }

            /// The configured connection this client sends through, for code
            /// that builds its own requests with the runtime.
            pub fn api_client(&self) -> &#api_client {
                &self.inner
            }
        }

        impl From<#api_client> for Client {
            fn from(inner: #api_client) -> Self {
                Self { inner }
            }
        }

        #credentials
        #environment
    }
}

fn field_of(credential: &Credential) -> TokenStream {
    match credential {
        Credential::Field(name) => {
            let name = ident(name);
            quote!(credentials.#name)
        }
        Credential::Fixed(value) => quote!(#value),
    }
}

fn auth_expression(scope: &Scope<'_>) -> TokenStream {
    let auth = scope.import("crate::runtime", "Auth");
    let mut expression = quote!(#auth::none());
    for scheme in &scope.api.security {
        expression = match &scheme.kind {
            SecurityKind::HttpBasic { username, password } => {
                let (username, password) = (field_of(username), field_of(password));
                quote!(#expression.and_basic(#username, #password))
            }
            SecurityKind::HttpBearer { token } => {
                let token = field_of(token);
                quote!(#expression.and_bearer(#token))
            }
            SecurityKind::ApiKey {
                location,
                parameter,
                key,
            } => {
                let location_type = scope.import("crate::runtime", "KeyLocation");
                let location = ident(match location {
                    ApiKeyLocation::Header => "Header",
                    ApiKeyLocation::Query => "Query",
                    ApiKeyLocation::Cookie => "Cookie",
                });
                let key = field_of(key);
                quote!(#expression.and_api_key(#location_type::#location, #parameter, #key))
            }
        };
    }
    expression
}

/// The `Credentials` struct: one secret per credential field.
fn credentials_struct(scope: &Scope<'_>, display_name: &str) -> TokenStream {
    let mut fields = Vec::new();
    for scheme in &scope.api.security {
        let description = scheme.description.as_deref().map(docs::spec);
        let described = |role: String| paragraphs([Some(role.as_str()), description.as_deref()]);
        match &scheme.kind {
            SecurityKind::HttpBasic { username, password } => {
                if let Credential::Field(name) = username {
                    fields.push((
                        name.clone(),
                        described("Sent as the HTTP Basic username.".to_owned()),
                    ));
                }
                if let Credential::Field(name) = password {
                    fields.push((
                        name.clone(),
                        described("Sent as the HTTP Basic password.".to_owned()),
                    ));
                }
            }
            SecurityKind::HttpBearer {
                token: Credential::Field(name),
            } => {
                fields.push((
                    name.clone(),
                    described("Sent as a bearer token (`Authorization: Bearer …`).".to_owned()),
                ));
            }
            SecurityKind::ApiKey {
                location,
                parameter,
                key: Credential::Field(name),
            } => {
                let place = match location {
                    ApiKeyLocation::Header => "header",
                    ApiKeyLocation::Query => "query parameter",
                    ApiKeyLocation::Cookie => "cookie",
                };
                fields.push((
                    name.clone(),
                    described(format!("Sent as the `{parameter}` {place}.")),
                ));
            }
            _ => {}
        }
    }
    if fields.is_empty() {
        return TokenStream::new();
    }
    let secret = scope.import("crate::runtime", "Secret");
    let field_tokens = fields.iter().map(|(name, docs)| {
        let name = ident(name);
        let docs = doc_attrs(docs);
        quote! {
            #docs
            pub #name: #secret,
        }
    });
    let single = (fields.len() == 1).then(|| {
        let name = ident(&fields[0].0);
        quote! {
            impl From<&str> for Credentials {
                fn from(value: &str) -> Self {
                    Self { #name: #secret::from(value) }
                }
            }

            impl From<String> for Credentials {
                fn from(value: String) -> Self {
                    Self { #name: #secret::from(value) }
                }
            }

            impl From<#secret> for Credentials {
                fn from(#name: #secret) -> Self {
                    Self { #name }
                }
            }
        }
    });
    let docs = doc_attrs(&format!(
        "The credentials of a {display_name} client. `Debug` never shows the secrets."
    ));
    quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct Credentials {
            #(#field_tokens)*
        }

        #single
    }
}

/// The `Environment` enum of the API's servers, if it has any.
fn environment_enum(scope: &Scope<'_>) -> TokenStream {
    let servers = &scope.api.servers;
    if servers.is_empty() {
        return TokenStream::new();
    }
    let into_base_url = scope.import("crate::runtime", "IntoBaseUrl");
    let variants = servers.iter().enumerate().map(|(index, server)| {
        let name = ident(&server.name);
        let description = server.description.as_deref().map(docs::spec);
        let docs = doc_attrs(&paragraphs([
            description.as_deref(),
            Some(&format!("<{}>", server.url)),
        ]));
        let default = (index == 0).then(|| quote!(#[default]));
        quote! {
            #docs
            #default
            #name,
        }
    });
    let urls = servers.iter().map(|server| {
        let name = ident(&server.name);
        let url = &server.url;
        quote!(Self::#name => #url,)
    });
    quote! {
        /// The places the API is served from.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            /// The environment's base URL.
            pub fn url(self) -> &'static str {
                match self {
                    #(#urls)*
                }
            }
        }

        impl #into_base_url for Environment {
            fn into_base_url(self) -> String {
                self.url().to_owned()
            }
        }
    }
}
