//! Responses read as the envelope their examples show (`ir/envelopes.rs`),
//! and examples that say nothing about a type's fields.

use super::{analyzed, api, field, fields};
use crate::config::Config;
use crate::ir::{Api, ResponseKind, Scalar, TypeRef};

/// A spec whose examples of `GET /roles/{id}` wrap a `Role` in
/// `{code, message, data}`, beside a placeholder apifox filled in; the
/// examples of `POST /roles/count` wrap an integer, which fits `code` as
/// well as `data`; `GET /plain` shows its value bare.
const WRAPPED: &str = r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /roles/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Role'}
              examples:
                '1': {value: {id: '', name: ''}}
                '2': {value: {code: 200, message: ok, data: {id: r_1}}}
  /roles/count:
    post:
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {type: integer}
              example: {code: 200, message: ok, data: 3}
  /plain:
    get:
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Role'}
              examples:
                '1': {value: {id: r_2, name: Admin}}
                '2': {value: {code: 200, data: {id: r_1, name: Admin}}}
components:
  schemas:
    Role:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
"#;

fn response_type<'a>(api: &'a Api, path: &str) -> &'a str {
    let operation = api.operations.iter().find(|op| op.path == path).unwrap();
    match &operation.response.kind {
        ResponseKind::Json(TypeRef::Named(id)) => &api.type_def(*id).name,
        other => panic!("{path} returns {other:?}"),
    }
}

/// The envelope becomes the response type: the declared value required
/// under its key, the other keys optional and typed from the examples.
/// The envelope's own example is evidence about `Role` (`name` is left
/// out), so `Role.name` is loosened; the placeholder is only a misfit.
#[test]
fn responses_are_read_as_the_envelope_their_examples_show() {
    let (api, diagnostics) = analyzed(WRAPPED, &Config::named("t"));
    assert_eq!(response_type(&api, "/roles/{id}"), "RoleEnvelope");
    let envelope: Vec<(&str, bool, &TypeRef)> = fields(&api, "RoleEnvelope")
        .into_iter()
        .map(|field| (field.wire_name.as_str(), field.required, &field.ty))
        .collect();
    let role = match &envelope[1].2 {
        TypeRef::Named(id) => api.type_def(*id).name.as_str(),
        other => panic!("{other:?}"),
    };
    assert_eq!(role, "Role");
    assert_eq!(
        (envelope[0], envelope[2]),
        (
            ("code", false, &TypeRef::Scalar(Scalar::Integer)),
            ("message", false, &TypeRef::Scalar(Scalar::String))
        )
    );
    assert_eq!((envelope[1].0, envelope[1].1), ("data", true));
    assert!(!field(&api, "Role", "name").required);
    assert!(
        diagnostics.iter().any(|d| d
            .message
            .starts_with("`GET /roles/{id}` returns `RoleEnvelope`: the examples wrap")),
        "{diagnostics:#?}"
    );
    let placeholder = api
        .examples
        .misfits
        .iter()
        .find(|misfit| misfit.at.as_str().contains("roles~1{id}"))
        .unwrap();
    assert!(
        placeholder
            .reason
            .ends_with("the example is a placeholder, every value of it empty or zero"),
        "{}",
        placeholder.reason
    );
    // An example that shows the value bare keeps the declared type.
    assert_eq!(response_type(&api, "/plain"), "Role");
}

/// An integer fits `code` as well as `data`: the key of the spec's clear
/// envelopes decides, and the envelope is the operation's own type.
#[test]
fn the_spec_s_clear_envelopes_decide_an_ambiguous_key() {
    let api = api(WRAPPED);
    assert_eq!(
        response_type(&api, "/roles/count"),
        "PostRolesCountResponse"
    );
    let data = field(&api, "PostRolesCountResponse", "data");
    assert_eq!(
        (data.required, &data.ty),
        (true, &TypeRef::Scalar(Scalar::Integer))
    );
}

/// `[examples] envelopes = false` keeps the declared types.
#[test]
fn envelopes_can_be_turned_off() {
    let config: Config =
        toml::from_str("[package]\nname = \"t\"\n[examples]\nenvelopes = false").unwrap();
    let (api, _) = analyzed(WRAPPED, &config);
    assert_eq!(response_type(&api, "/roles/{id}"), "Role");
    assert!(!api.types.iter().any(|def| def.name.ends_with("Envelope")));
    // The envelope is then a misfit, and the report says what it is.
    let wrapped = api
        .examples
        .misfits
        .iter()
        .find(|misfit| {
            misfit.at.as_str().ends_with(
                "roles~1{id}/get/responses/200/content/application~1json/examples/2/value",
            )
        })
        .unwrap();
    assert!(
        wrapped
            .reason
            .ends_with("the example wraps the declared value in an object, under `data`"),
        "{}",
        wrapped.reason
    );
}

/// An error body filed as a success example (`{"message": …}`) has none
/// of the type's keys: it loosens nothing, and the report says why.
#[test]
fn an_object_with_none_of_the_declared_keys_loosens_nothing() {
    let api = api(r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /x:
    get:
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties: {id: {type: integer}, name: {type: string}}
              examples:
                ok: {value: {id: 1, name: Sugar}}
                denied: {value: {message: This action is unauthorized.}}
"#);
    assert!(field(&api, "GetXResponse", "id").required);
    assert!(field(&api, "GetXResponse", "name").required);
    assert_eq!(api.examples.responses, (2, 1));
    assert_eq!(
        api.examples.misfits[0].reason,
        "the required field is missing or null: the example has none of the declared fields"
    );
}
