//! The crate root: `lib.rs`, which declares the modules and re-exports
//! what a caller names first, with `client.rs`, `webhook.rs` and the copy
//! of the runtime beside it.
//!
//! None of it needs the modules' text, only which modules have a file, so
//! [`files`] is built while the modules are.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::ModuleFeatures;
use super::scope::Scope;
use super::syntax::ident;
use super::{client, example, render, runtime, webhook};
use crate::config::Config;
use crate::diagnostics::Error;
use crate::ir::{Api, ModuleId};

/// The root's files, for an API whose modules `emitted` (by index, in
/// order) have a file.
pub(super) fn files(
    api: &Api,
    config: &Config,
    emitted: &[usize],
    module_features: &ModuleFeatures,
    display_name: &str,
) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut files = Vec::new();
    let mut module_items: Vec<TokenStream> = emitted
        .iter()
        .map(|&index| {
            let gate = module_features
                .gate(index)
                .map(|feature| quote!(#[cfg(feature = #feature)]));
            let module = ident(&api.modules[index].name);
            quote!(#gate pub mod #module;)
        })
        .collect();

    if let Some(webhooks) = &api.webhooks {
        let scope = Scope::new(api, config, ModuleId(usize::MAX));
        files.push((
            PathBuf::from("src/webhook.rs"),
            render(webhook::module(&scope, webhooks, display_name))?,
        ));
        module_items.push(quote!(
            pub mod webhook;
        ));
    }

    let runtime_features = runtime::features(api);
    let file = runtime_features
        .contains(&runtime::Feature::Multipart)
        .then(|| quote!(File,));
    let timestamp = runtime_features
        .contains(&runtime::Feature::Timestamps)
        .then(|| quote!(Timestamp,));
    let mut exports = quote!(
        pub use runtime::{ApiError, Call, Error, ErrorBody, #file RawRequest, RequestOptions, Response, Secret, #timestamp};
    );
    // A spec of models only (apifox schema pages) has nothing to call: the
    // crate is its models.
    if !api.operations.is_empty() {
        files.push((
            PathBuf::from("src/client.rs"),
            client_rs(api, config, module_features, display_name)?,
        ));
        let mut names = vec![quote!(Client)];
        if !api.security.is_empty() {
            names.push(quote!(Credentials));
        }
        if !api.servers.is_empty() {
            names.push(quote!(Environment));
        }
        exports = quote! {
            mod client;
            pub use client::{#(#names),*};
            #exports
        };
    }
    files.push((
        PathBuf::from("src/lib.rs"),
        lib_rs(api, config, &module_items, &exports)?,
    ));
    for (name, source) in runtime::files(&runtime_features) {
        files.push((PathBuf::from(format!("src/runtime/{name}")), source));
    }
    Ok(files)
}

/// `client.rs`: the client, its credentials and environments.
fn client_rs(
    api: &Api,
    config: &Config,
    module_features: &ModuleFeatures,
    display_name: &str,
) -> Result<String, Error> {
    let scope = Scope::new(api, config, ModuleId(usize::MAX));
    let client = client::client_module(&scope, display_name, module_features);
    let imports = scope.imports();
    render(quote! {
        //! The client, its credentials and environments.
        #imports
        #client
    })
}

/// `lib.rs`: the README as the crate's docs, the modules, and `exports`.
fn lib_rs(
    api: &Api,
    config: &Config,
    module_items: &[TokenStream],
    exports: &TokenStream,
) -> Result<String, Error> {
    let required_doc =
        example::required_fields_doc(api, config).map(|text| quote!(#![doc = #text]));
    let lib = render(quote! {
        #![doc = include_str!("../README.md")]
        #required_doc
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #(#module_items)*
        pub mod runtime;

        #exports
    })?;
    // Said once here rather than at every such field.
    Ok(lib.replacen(
        "#![warn(missing_docs)]\n",
        "#![warn(missing_docs)]\n// A field the spec documents nowhere has `#[allow(missing_docs)]` instead of\n// a doc comment that would only repeat its name.\n",
        1,
    ))
}
