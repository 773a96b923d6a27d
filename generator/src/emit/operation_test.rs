//! The test of one operation in `tests/operations.rs`: the operation is
//! called against a mock server that expects the request the IR describes
//! and answers with a sample response.
//!
//! A crate has one test per operation, so the test is built as a syntax
//! tree (`syntax.rs`), with the sample values `sample.rs` builds the same
//! way: nothing is parsed. The code it is equal to is quoted in
//! [`operation_test`]'s docs.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;
use syn::{Expr, Item, ItemFn, Lit, LitInt, Pat, ReturnType, Stmt, Type, token};

use super::sample::{self, Detail, Sample};
use super::scope::Scope;
use super::syntax::{
    self, bind, binding, block, borrow, bytes, call, generic_path, ident, literal, marker_path,
    method, named, semi, signature, string, unit_ty, var,
};
use super::wire;
use crate::ir::{
    ApiKeyLocation, BodyEncoding, Credential, Method, Operation, ParamLocation, PathSegment,
    ResponseKind, Scalar, SecurityKind, TypeRef,
};

/// The test of `operation`, equal to this code:
///
/// ```text
/// #[tokio::test]
/// async fn module_operation() {
///     let server = MockServer::start().await;
///     let params = OperationParams::new(required…).optional(value); // with parameters
///     let body = Body::new(…); // with a body
///     let expected: Output = Output::new(…); // with a JSON response
///     Mock::given(method("POST"))
///         .and(path("/v1/things/id-1"))
///         .and(query_param("limit", "1")) // and the other matchers
///         .respond_with(ResponseTemplate::new(200u16).set_body_raw("{…}", "application/json"))
///         .expect(1)
///         .mount(&server)
///         .await;
///     let response = client(&server)
///         .module()
///         .operation("id-1", &params, &body)
///         .await
///         .expect("the call succeeds");
///     assert_eq!(response, expected);
/// }
/// ```
pub fn operation_test(scope: &Scope<'_>, operation: &Operation) -> Item {
    let module = &scope.api.module(operation.module).name;
    let server = ident("MockServer");
    let mut stmts = vec![bind(
        ident("server"),
        await_(call(var([server, ident("start")]), [])),
    )];
    let mut matchers = vec![matcher(
        scope,
        "method",
        [string(operation.method.as_str())],
    )];
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
    matchers.push(matcher(scope, "path", [string(&expected_path)]));

    // Query and header parameters: every one set.
    if let Some(params_type) = &operation.params_type {
        let params_struct = scope.import_from_module(module, params_type);
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
                setters.push((crate::naming::setter_name(&param.name), expr));
            } else {
                required.push(expr);
            }
            let wire_name = &param.wire_name;
            match param.location {
                ParamLocation::Query => {
                    let mut pairs = Vec::new();
                    wire::pairs(wire_name, &json, &mut pairs);
                    for (name, value) in pairs {
                        matchers.push(matcher(
                            scope,
                            "query_param",
                            [string(&name), string(&value)],
                        ));
                    }
                }
                ParamLocation::Header => {
                    if let Some(text) = scalar_text(&json) {
                        matchers.push(matcher(scope, "header", [string(wire_name), string(&text)]));
                    }
                }
                ParamLocation::Path => {}
            }
        }
        let mut params = call(var([params_struct, ident("new")]), required);
        for (setter, value) in setters {
            params = method(params, &setter, [value]);
        }
        stmts.push(bind(ident("params"), params));
        arguments.push(borrow(named("params")));
    }

    // The body.
    if let Some(body) = &operation.body {
        body_matchers(scope, body, &mut stmts, &mut arguments, &mut matchers);
    }

    // Credentials and the idempotency key.
    if operation.authenticated {
        matchers.extend(auth_matchers(scope));
    }
    if scope.config.retries.idempotency_keys
        && matches!(operation.method, Method::Post | Method::Patch)
    {
        matchers.push(matcher(scope, "header_exists", [string("idempotency-key")]));
    }

    // The response: a sample value, sent as the JSON it encodes to.
    let status = literal(Literal::u16_suffixed(operation.response.status));
    let template = call(var([ident("ResponseTemplate"), ident("new")]), [status]);
    let (response, check) = match &operation.response.kind {
        ResponseKind::Json(ty) => {
            let Sample { expr, json } = sample::sample(
                scope,
                ty,
                operation.response.examples.first(),
                Detail::Example,
            );
            stmts.push(bind_typed("expected", scope.type_tree(ty), expr));
            (
                method(
                    template,
                    "set_body_raw",
                    [string(&json.to_string()), string("application/json")],
                ),
                Some(quote!(response, expected)),
            )
        }
        ResponseKind::Text => (
            method(template, "set_body_string", [string("response text")]),
            Some(quote!(response, "response text")),
        ),
        ResponseKind::Binary => (
            method(
                template,
                "set_body_bytes",
                [method(bytes(b"response bytes"), "to_vec", [])],
            ),
            Some(quote!(response.as_ref(), b"response bytes")),
        ),
        ResponseKind::Empty => (template, None),
    };

    let mut matchers = matchers.into_iter();
    let first = matchers.next().expect("the method matcher is always there");
    let mut mock = call(var([ident("Mock"), ident("given")]), [first]);
    for rest in matchers {
        mock = method(mock, "and", [rest]);
    }
    let one = Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: Lit::Int(LitInt::new("1", Span::call_site())),
    });
    let mock = method(method(mock, "respond_with", [response]), "expect", [one]);
    stmts.push(semi(await_(method(
        mock,
        "mount",
        [borrow(named("server"))],
    ))));

    let client = call(named("client"), [borrow(named("server"))]);
    let handle = method(client, module, []);
    let called = await_(method(handle, &operation.name, arguments));
    let response = method(called, "expect", [string("the call succeeds")]);
    match check {
        Some(check) => {
            stmts.push(bind(ident("response"), response));
            stmts.push(Stmt::Macro(syn::StmtMacro {
                attrs: Vec::new(),
                mac: macro_call("assert_eq", check),
                semi_token: Some(token::Semi::default()),
            }));
        }
        None => stmts.push(semi(response)),
    }

    let mut sig = signature(&format!("{module}_{}", operation.name), [], unit_ty());
    sig.asyncness = Some(token::Async::default());
    sig.output = ReturnType::Default;
    Item::Fn(ItemFn {
        attrs: vec![marker_path([ident("tokio"), ident("test")])],
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig,
        block: Box::new(block(stmts)),
    })
}

/// The argument of a request body, the `let body = …;` of a structured
/// one, and the matchers of what is sent.
fn body_matchers(
    scope: &Scope<'_>,
    body: &crate::ir::Body,
    stmts: &mut Vec<Stmt>,
    arguments: &mut Vec<Expr>,
    matchers: &mut Vec<Expr>,
) {
    match body.encoding {
        BodyEncoding::Text => {
            arguments.push(string("text body"));
            matchers.push(matcher(
                scope,
                "body_string_contains",
                [string("text body")],
            ));
        }
        BodyEncoding::Binary => {
            arguments.push(bytes(b"binary body"));
            matchers.push(matcher(
                scope,
                "body_string_contains",
                [string("binary body")],
            ));
        }
        encoding => {
            let Sample { expr, json } =
                sample::sample(scope, &body.ty, body.examples.first(), Detail::Example);
            stmts.push(bind(ident("body"), expr));
            arguments.push(borrow(named("body")));
            match encoding {
                BodyEncoding::Json => {
                    matchers.push(matcher(
                        scope,
                        "header",
                        [string("content-type"), string("application/json")],
                    ));
                    // `serde_json::from_str::<serde_json::Value>(text).expect("valid JSON")`.
                    let value = syntax::ty([ident("serde_json"), ident("Value")]);
                    let mut from_str = generic_path(ident("from_str"), [value]);
                    if let Some(syn::PathArguments::AngleBracketed(arguments)) = from_str
                        .segments
                        .last_mut()
                        .map(|segment| &mut segment.arguments)
                    {
                        arguments.colon2_token = Some(token::PathSep::default());
                    }
                    from_str.segments.insert(0, ident("serde_json").into());
                    let parsed = call(
                        Expr::Path(syn::ExprPath {
                            attrs: Vec::new(),
                            qself: None,
                            path: from_str,
                        }),
                        [string(&json.to_string())],
                    );
                    matchers.push(matcher(
                        scope,
                        "body_json",
                        [method(parsed, "expect", [string("valid JSON")])],
                    ));
                }
                BodyEncoding::Query => {
                    for (name, value) in wire::object_pairs(&json) {
                        matchers.push(matcher(
                            scope,
                            "query_param",
                            [string(&name), string(&value)],
                        ));
                    }
                }
                BodyEncoding::Form => {
                    matchers.push(matcher(
                        scope,
                        "header",
                        [
                            string("content-type"),
                            string("application/x-www-form-urlencoded"),
                        ],
                    ));
                    for (name, value) in wire::object_pairs(&json) {
                        let pair =
                            format!("{}={}", wire::form_encode(&name), wire::form_encode(&value));
                        matchers.push(matcher(scope, "body_string_contains", [string(&pair)]));
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
                            matchers.push(matcher(scope, "body_string_contains", [string(&part)]));
                        }
                    }
                }
                BodyEncoding::Text | BodyEncoding::Binary => {}
            }
        }
    }
}

/// A call of the wiremock matcher `name` (imported) with `arguments`.
fn matcher<const N: usize>(scope: &Scope<'_>, name: &str, arguments: [Expr; N]) -> Expr {
    let function = scope.import("wiremock::matchers", name);
    call(var([function]), arguments)
}

/// The argument for a path parameter and its text in the path.
fn path_argument(scope: &Scope<'_>, ty: TypeRef, name: &str, position: usize) -> (Expr, String) {
    match ty {
        TypeRef::Scalar(Scalar::String | Scalar::Binary) => {
            let text = format!(
                "{}-{}",
                name.trim_end_matches('_').replace('_', "-"),
                position + 1
            );
            (string(&text), text)
        }
        TypeRef::Scalar(Scalar::Integer) => {
            let value = position as i64 + 1;
            (literal(Literal::i64_unsuffixed(value)), value.to_string())
        }
        other => {
            let Sample { expr, json } = sample::sample(scope, &other, None, Detail::Full);
            let text = scalar_text(&json).unwrap_or_default();
            let argument = if matches!(other, TypeRef::Named(_)) {
                borrow(expr)
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
fn auth_matchers(scope: &Scope<'_>) -> Vec<Expr> {
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
                matcher(
                    scope,
                    "header",
                    [string("authorization"), string(&expected)],
                )
            }
            SecurityKind::HttpBearer { token } => {
                let expected = format!("Bearer {}", value(token));
                matcher(
                    scope,
                    "header",
                    [string("authorization"), string(&expected)],
                )
            }
            SecurityKind::ApiKey {
                location,
                parameter,
                key,
            } => {
                let expected = string(&value(key));
                match location {
                    ApiKeyLocation::Header => {
                        matcher(scope, "header", [string(parameter), expected])
                    }
                    ApiKeyLocation::Query => {
                        matcher(scope, "query_param", [string(parameter), expected])
                    }
                    ApiKeyLocation::Cookie => {
                        let cookie = format!("{parameter}={}", value(key));
                        matcher(scope, "header", [string("cookie"), string(&cookie)])
                    }
                }
            }
        })
        .collect()
}

/// `expr.await`.
fn await_(expr: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: token::Dot::default(),
        await_token: token::Await::default(),
    })
}

/// `let name: ty = init;`.
fn bind_typed(name: &str, ty: Type, init: Expr) -> Stmt {
    Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: token::Let::default(),
        modifiers: Default::default(),
        pat: Pat::Type(syn::PatType {
            attrs: Vec::new(),
            pat: Box::new(binding(ident(name), false)),
            colon_token: token::Colon::default(),
            ty: Box::new(ty),
        }),
        init: Some(syn::LocalInit {
            eq_token: token::Eq::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: token::Semi::default(),
    })
}

/// `name!(tokens)`.
fn macro_call(name: &str, tokens: TokenStream) -> syn::Macro {
    syn::Macro {
        path: ident(name).into(),
        bang_token: token::Not::default(),
        delimiter: syn::MacroDelimiter::Paren(token::Paren::default()),
        tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::emit::format::{self, Items};

    /// The tests built as trees print as their quoted form would, for the
    /// bodies and credentials none of the specs in the repository have.
    #[test]
    fn tests_print_as_quoted_code() {
        let config = Config::named("t");
        let (api, _) = crate::ir::tests::from_yaml(
            r#"openapi: 3.0.1
info: {title: T, version: '1'}
security: [{session: []}]
components:
  securitySchemes:
    session: {type: apiKey, in: cookie, name: sid}
paths:
  /things/{id}/file:
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        '200':
          description: ok
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
"#,
            &config,
        );
        let scope = Scope::outside(&api, &config);
        let mut items = Items::default();
        for operation in &api.operations {
            items.tree(operation_test(&scope, operation));
        }
        let text = format::items(items).unwrap();
        let parsed: syn::File = syn::parse_str(&text).expect("the printed tests parse");
        assert_eq!(prettyplease::unparse(&parsed), text);
        let flat = |text: &str| {
            text.split_whitespace()
                .collect::<String>()
                .replace(",)", ")")
        };
        let printed = flat(&text);
        for shape in [
            "#[tokio::test] async fn",
            "let server = MockServer::start().await;",
            "Mock::given(method(\"PUT\")).and(path(\"/things/1/file\"))",
            ".and(body_string_contains(\"binary body\"))",
            ".and(header(\"cookie\", \"sid=test-session\"))",
            ".respond_with(ResponseTemplate::new(200u16).set_body_bytes(b\"response bytes\".to_vec()))",
            ".expect(1).mount(&server).await;",
            "(1, b\"binary body\").await.expect(\"the call succeeds\");",
            "assert_eq!(response.as_ref(), b\"response bytes\");",
        ] {
            assert!(printed.contains(&flat(shape)), "{shape} in:\n{text}");
        }
    }
}
