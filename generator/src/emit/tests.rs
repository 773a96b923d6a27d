//! The tests every generated crate carries, generated from the IR, so that a
//! new endpoint or example in the spec brings its own test:
//!
//! - `tests/operations.rs` calls every operation once against a mock
//!   server and checks the method, path, query, headers (credentials,
//!   idempotency key) and body it sends, and that the response decodes;
//! - `tests/examples.rs` decodes every example of the spec into its type
//!   and checks that it encodes back to the same JSON, modulo `null`s, key
//!   order and keys the schema does not declare (each test lists those).
//!
//! What the requests must look like comes from [`super::wire`], which works
//! it out from the IR, not from the serde code under test.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::example::credentials_expr;
use super::format::Items;
use super::operation_test::operation_test;
use super::scope::Scope;
use super::syntax::ident;
use super::wire;
use crate::diagnostics::Error;
use crate::ir::{BodyEncoding, ResponseKind, TypeRef};

/// `tests/operations.rs`, if the crate has operations.
pub fn operations(scope: &Scope<'_>) -> Option<Result<Items, Error>> {
    if scope.api.operations.is_empty() {
        return None;
    }
    Some(operations_file(scope))
}

fn operations_file(scope: &Scope<'_>) -> Result<Items, Error> {
    let api = scope.api;
    // One test per operation (`operation_test.rs`).
    let tests = api
        .operations
        .iter()
        .map(|operation| operation_test(scope, operation))
        .collect::<Vec<_>>();
    for name in ["Mock", "MockServer", "ResponseTemplate"] {
        scope.import("wiremock", name);
    }
    let client_type = scope.import("crate", "Client");
    let credentials = credentials_expr(scope, &|field| format!("test-{}", field.replace('_', "-")));
    let build = if api.servers.is_empty() {
        quote!(#client_type::builder(server.uri(), #credentials))
    } else {
        quote!(#client_type::builder(#credentials).base_url(server.uri()))
    };
    let deprecated = api
        .operations
        .iter()
        .any(|operation| operation.deprecated)
        .then(|| quote!(#![allow(deprecated)]));
    let imports = scope.imports();
    let mut items = Items::from(quote! {
        //! Every operation, called once against a mock server.
        #deprecated

        #imports

        /// A client of the mock server, with test credentials.
        fn client(server: &MockServer) -> #client_type {
            #build.build().expect("the client builds")
        }
    });
    for test in tests {
        items.tree(test);
    }
    Ok(items)
}

/// `tests/examples.rs`, if the spec has examples.
pub fn examples(scope: &Scope<'_>) -> Option<TokenStream> {
    let mut tests = Vec::new();
    for operation in &scope.api.operations {
        let module = &scope.api.module(operation.module).name;
        let base = format!("{module}_{}", operation.name);
        if let Some(body) = &operation.body
            && matches!(
                body.encoding,
                BodyEncoding::Json | BodyEncoding::Query | BodyEncoding::Form
            )
        {
            for (index, example) in body.examples.iter().enumerate() {
                tests.push(example_test(
                    scope,
                    &body.ty,
                    example,
                    &name(&base, "request", index, body.examples.len()),
                ));
            }
        }
        if let ResponseKind::Json(ty) = &operation.response.kind {
            let examples = &operation.response.examples;
            for (index, example) in examples.iter().enumerate() {
                tests.push(example_test(
                    scope,
                    ty,
                    example,
                    &name(&base, "response", index, examples.len()),
                ));
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    let imports = scope.imports();
    Some(quote! {
        //! Every example of the spec decodes into its type and encodes back to
        //! the same JSON, modulo `null`s, key order and keys the schema does not
        //! declare.
        #imports

        /// `value` without `null`s (in objects and lists).
        fn without_nulls(value: serde_json::Value) -> serde_json::Value {
            match value {
                serde_json::Value::Object(entries) => entries
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, value)| (key, without_nulls(value)))
                    .collect(),
                serde_json::Value::Array(items) => {
                    items.into_iter().filter(|value| !value.is_null()).map(without_nulls).collect()
                }
                other => other,
            }
        }

        #(#tests)*
    })
}

fn name(base: &str, role: &str, index: usize, count: usize) -> String {
    if count > 1 {
        format!("{base}_{role}_example_{}", index + 1)
    } else {
        format!("{base}_{role}_example")
    }
}

fn example_test(scope: &Scope<'_>, ty: &TypeRef, example: &Value, test_name: &str) -> TokenStream {
    let test_name = ident(test_name);
    let rust_type = scope.ty(ty);
    let (expected, dropped) = wire::round_trip(scope, ty, example);
    let example_text = raw_string(&serde_json::to_string_pretty(example).unwrap_or_default());
    let expected_text = raw_string(&serde_json::to_string_pretty(&expected).unwrap_or_default());
    let docs = if dropped.is_empty() {
        TokenStream::new()
    } else {
        let note = format!(
            " The example has keys the schema does not declare, which are not kept: {}.",
            dropped
                .iter()
                .map(|path| format!("`{path}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote!(#[doc = #note])
    };
    quote! {
        #docs
        #[test]
        fn #test_name() {
            let example = #example_text;
            let decoded: #rust_type = serde_json::from_str(example).expect("the example decodes");
            let encoded = without_nulls(serde_json::to_value(&decoded).expect("the value encodes"));
            let expected: serde_json::Value = serde_json::from_str(#expected_text).expect("valid JSON");
            assert_eq!(encoded, expected);
        }
    }
}

/// `text` as a raw string literal, for readable JSON in the tests.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| {
            let literal = proc_macro2::Literal::string(text);
            quote!(#literal)
        })
}
