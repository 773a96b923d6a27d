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
use super::sample::{self, Detail, Sample};
use super::scope::Scope;
use super::syntax::ident;
use super::wire;
use crate::ir::{
    ApiKeyLocation, BodyEncoding, Credential, Method, Operation, ParamLocation, PathSegment,
    ResponseKind, Scalar, SecurityKind, TypeRef,
};

/// `tests/operations.rs`, if the crate has operations.
pub fn operations(scope: &Scope<'_>) -> Option<TokenStream> {
    let api = scope.api;
    if api.operations.is_empty() {
        return None;
    }
    let tests: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|operation| operation_test(scope, operation))
        .collect();
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
    Some(quote! {
        //! Every operation, called once against a mock server.
        #deprecated

        #imports

        /// A client of the mock server, with test credentials.
        fn client(server: &MockServer) -> #client_type {
            #build.build().expect("the client builds")
        }

        #(#tests)*
    })
}

fn operation_test(scope: &Scope<'_>, operation: &Operation) -> TokenStream {
    let module = &scope.api.module(operation.module).name;
    let test_name = ident(&format!("{module}_{}", operation.name));
    let mut lets = Vec::new();
    let mut matchers = vec![{
        let http_method = operation.method.as_str();
        matcher(scope, "method", quote!(#http_method))
    }];
    let mut arguments = Vec::new();

    // Path parameters: distinct values, so a swapped pair would show.
    let mut path_values = Vec::new();
    for (position, param) in operation.params.iter().enumerate() {
        if param.location != ParamLocation::Path {
            path_values.push(None);
            continue;
        }
        let (argument, text) = path_argument(scope, param.ty.clone(), &param.name, position);
        arguments.push(argument);
        path_values.push(Some(text));
    }
    let mut expected_path = String::new();
    for segment in &operation.segments {
        match segment {
            PathSegment::Literal(text) => expected_path.push_str(&wire::path_encode(text)),
            PathSegment::Param(index) => expected_path.push_str(&wire::path_encode(
                path_values[*index].as_deref().unwrap_or_default(),
            )),
        }
    }
    matchers.push(matcher(scope, "path", quote!(#expected_path)));

    // Query and header parameters: every one set.
    if let Some(params_type) = &operation.params_type {
        let params_struct = scope.import(&format!("crate::{module}"), params_type);
        let mut required = Vec::new();
        let mut setters = Vec::new();
        for param in operation
            .params
            .iter()
            .filter(|param| param.location != ParamLocation::Path)
        {
            let inner = param.ty.non_null();
            let Sample { expr, json } = sample::sample(scope, inner, None, Detail::Full);
            let optional = !param.required || matches!(param.ty, TypeRef::Nullable(_));
            if optional {
                let setter = ident(&crate::naming::setter_name(&param.name));
                setters.push(quote!(.#setter(#expr)));
            } else {
                required.push(expr);
            }
            let wire_name = &param.wire_name;
            match param.location {
                ParamLocation::Query => {
                    let mut pairs = Vec::new();
                    wire::pairs(wire_name, &json, &mut pairs);
                    for (name, value) in pairs {
                        matchers.push(matcher(scope, "query_param", quote!(#name, #value)));
                    }
                }
                ParamLocation::Header => {
                    if let Some(text) = scalar_text(&json) {
                        matchers.push(matcher(scope, "header", quote!(#wire_name, #text)));
                    }
                }
                ParamLocation::Path => {}
            }
        }
        lets.push(quote!(let params = #params_struct::new(#(#required),*) #(#setters)*;));
        arguments.push(quote!(&params));
    }

    // The body.
    if let Some(body) = &operation.body {
        match body.encoding {
            BodyEncoding::Text => {
                arguments.push(quote!("text body"));
                matchers.push(matcher(scope, "body_string_contains", quote!("text body")));
            }
            BodyEncoding::Binary => {
                arguments.push(quote!(b"binary body"));
                matchers.push(matcher(
                    scope,
                    "body_string_contains",
                    quote!("binary body"),
                ));
            }
            encoding => {
                let Sample { expr, json } =
                    sample::sample(scope, &body.ty, body.examples.first(), Detail::Example);
                lets.push(quote!(let body = #expr;));
                arguments.push(quote!(&body));
                match encoding {
                    BodyEncoding::Json => {
                        let text = json.to_string();
                        matchers.push(matcher(
                            scope,
                            "header",
                            quote!("content-type", "application/json"),
                        ));
                        matchers.push(matcher(scope, "body_json", quote!(serde_json::from_str::<serde_json::Value>(#text).expect("valid JSON"))));
                    }
                    BodyEncoding::Query => {
                        for (name, value) in wire::object_pairs(&json) {
                            matchers.push(matcher(scope, "query_param", quote!(#name, #value)));
                        }
                    }
                    BodyEncoding::Form => {
                        matchers.push(matcher(
                            scope,
                            "header",
                            quote!("content-type", "application/x-www-form-urlencoded"),
                        ));
                        for (name, value) in wire::object_pairs(&json) {
                            let pair = format!(
                                "{}={}",
                                wire::form_encode(&name),
                                wire::form_encode(&value)
                            );
                            matchers.push(matcher(scope, "body_string_contains", quote!(#pair)));
                        }
                    }
                    BodyEncoding::Multipart => {
                        if let Value::Object(fields) = &json {
                            // A list sends a part per item, so an empty one
                            // sends none.
                            let sent = fields.iter().filter(|(_, value)| {
                                !value.is_null()
                                    && value.as_array().is_none_or(|items| !items.is_empty())
                            });
                            for (name, _) in sent {
                                let part = format!("name=\"{name}\"");
                                matchers.push(matcher(
                                    scope,
                                    "body_string_contains",
                                    quote!(#part),
                                ));
                            }
                        }
                    }
                    BodyEncoding::Text | BodyEncoding::Binary => {}
                }
            }
        }
    }

    // Credentials and the idempotency key.
    if operation.authenticated {
        matchers.extend(auth_matchers(scope));
    }
    if scope.config.retries.idempotency_keys
        && matches!(operation.method, Method::Post | Method::Patch)
    {
        matchers.push(matcher(scope, "header_exists", quote!("idempotency-key")));
    }

    // The response: a sample value, sent as the JSON it encodes to.
    let status = operation.response.status;
    let (response, check) = match &operation.response.kind {
        ResponseKind::Json(ty) => {
            let Sample { expr, json } = sample::sample(
                scope,
                ty,
                operation.response.examples.first(),
                Detail::Example,
            );
            let text = json.to_string();
            let expected_ty = scope.ty(ty);
            lets.push(quote!(let expected: #expected_ty = #expr;));
            (
                quote!(ResponseTemplate::new(#status).set_body_raw(#text, "application/json")),
                quote!(assert_eq!(response, expected);),
            )
        }
        ResponseKind::Text => (
            quote!(ResponseTemplate::new(#status).set_body_string("response text")),
            quote!(assert_eq!(response, "response text");),
        ),
        ResponseKind::Binary => (
            quote!(ResponseTemplate::new(#status).set_body_bytes(b"response bytes".to_vec())),
            quote!(assert_eq!(response.as_ref(), b"response bytes");),
        ),
        ResponseKind::Empty => (quote!(ResponseTemplate::new(#status)), TokenStream::new()),
    };
    let binding = (!check.is_empty()).then(|| quote!(let response =));

    let accessor = ident(module);
    let method_name = ident(&operation.name);
    let (first, rest) = matchers
        .split_first()
        .expect("the method matcher is always there");
    quote! {
        #[tokio::test]
        async fn #test_name() {
            let server = MockServer::start().await;
            #(#lets)*
            Mock::given(#first)#(.and(#rest))*
                .respond_with(#response)
                .expect(1)
                .mount(&server)
                .await;
            #binding client(&server)
                .#accessor()
                .#method_name(#(#arguments),*)
                .await
                .expect("the call succeeds");
            #check
        }
    }
}

/// A call of the wiremock matcher `name` (imported) with `arguments`.
fn matcher(scope: &Scope<'_>, name: &str, arguments: TokenStream) -> TokenStream {
    let function = scope.import("wiremock::matchers", name);
    quote!(#function(#arguments))
}

/// The argument for a path parameter and its text in the path.
fn path_argument(
    scope: &Scope<'_>,
    ty: TypeRef,
    name: &str,
    position: usize,
) -> (TokenStream, String) {
    match ty {
        TypeRef::Scalar(Scalar::String | Scalar::Binary) => {
            let text = format!(
                "{}-{}",
                name.trim_end_matches('_').replace('_', "-"),
                position + 1
            );
            (quote!(#text), text)
        }
        TypeRef::Scalar(Scalar::Integer) => {
            let value = position as i64 + 1;
            let literal = proc_macro2::Literal::i64_unsuffixed(value);
            (quote!(#literal), value.to_string())
        }
        other => {
            let Sample { expr, json } = sample::sample(scope, &other, None, Detail::Full);
            let text = scalar_text(&json).unwrap_or_default();
            let argument = if matches!(other, TypeRef::Named(_)) {
                quote!(&#expr)
            } else {
                expr
            };
            (argument, text)
        }
    }
}

fn scalar_text(json: &Value) -> Option<String> {
    match json {
        Value::String(text) => Some(text.clone()),
        Value::Number(_) | Value::Bool(_) => Some(json.to_string()),
        _ => None,
    }
}

/// Matchers for the credentials of `credentials_expr`'s test values.
fn auth_matchers(scope: &Scope<'_>) -> Vec<TokenStream> {
    let value = |credential: &Credential| match credential {
        Credential::Field(name) => format!("test-{}", name.replace('_', "-")),
        Credential::Fixed(value) => value.clone(),
    };
    scope
        .api
        .security
        .iter()
        .map(|scheme| match &scheme.kind {
            SecurityKind::HttpBasic { username, password } => {
                let expected = format!(
                    "Basic {}",
                    wire::base64(format!("{}:{}", value(username), value(password)).as_bytes())
                );
                matcher(scope, "header", quote!("authorization", #expected))
            }
            SecurityKind::HttpBearer { token } => {
                let expected = format!("Bearer {}", value(token));
                matcher(scope, "header", quote!("authorization", #expected))
            }
            SecurityKind::ApiKey {
                location,
                parameter,
                key,
            } => {
                let expected = value(key);
                match location {
                    ApiKeyLocation::Header => {
                        matcher(scope, "header", quote!(#parameter, #expected))
                    }
                    ApiKeyLocation::Query => {
                        matcher(scope, "query_param", quote!(#parameter, #expected))
                    }
                    ApiKeyLocation::Cookie => {
                        let cookie = format!("{parameter}={expected}");
                        matcher(scope, "header", quote!("cookie", #cookie))
                    }
                }
            }
        })
        .collect()
}

/// `tests/examples.rs`, if the spec has examples.
pub fn examples(scope: &Scope<'_>) -> Option<TokenStream> {
    let mut tests = Vec::new();
    for operation in &scope.api.operations {
        let module = &scope.api.module(operation.module).name;
        let base = format!("{module}_{}", operation.name);
        if let Some(body) = &operation.body {
            if matches!(
                body.encoding,
                BodyEncoding::Json | BodyEncoding::Query | BodyEncoding::Form
            ) {
                for (index, example) in body.examples.iter().enumerate() {
                    tests.push(example_test(
                        scope,
                        &body.ty,
                        example,
                        &name(&base, "request", index, body.examples.len()),
                    ));
                }
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
