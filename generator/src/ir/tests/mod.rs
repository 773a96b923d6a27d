//! Unit tests of the IR built from small specs.

use super::*;
use crate::config::Config;

mod envelopes;

/// The IR of a spec written inline (YAML) under `config`, with the
/// diagnostics: for unit tests here and in `emit`.
pub(crate) fn from_yaml(
    yaml: &str,
    config: &crate::config::Config,
) -> (Api, Vec<crate::diagnostics::Diagnostic>) {
    use crate::diagnostics::{Diagnostics, SourceMap};

    let document: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
    let mut sources = SourceMap::default();
    sources.add_file("spec.yaml".into());
    let mut diagnostics = Diagnostics::new(sources);
    let openapi = crate::normalize::normalize(
        document,
        crate::normalize::Settings {
            patches: &[],
            file: std::path::Path::new("codegen.toml"),
            shared_metadata: None,
        },
        &mut diagnostics,
    )
    .unwrap();
    let api = build(&openapi, config, &mut diagnostics);
    (api, diagnostics.into_warnings())
}

pub(super) fn api(yaml: &str) -> Api {
    analyzed(yaml, &Config::named("t")).0
}

/// The IR of `yaml` under `config`, with the diagnostics.
pub(super) fn analyzed(yaml: &str, config: &Config) -> (Api, Vec<crate::diagnostics::Diagnostic>) {
    from_yaml(yaml, config)
}

/// Every example is counted; one that does not decode is logged with
/// where it fails and a reason that groups alike misfits.
#[test]
fn examples_are_logged_with_their_misfits() {
    let api = api(r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {n: {type: integer}}}
            example: {n: 1}
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: string}}}
              examples:
                ok: {value: {id: a}}
                listed: {value: {id: [a]}}
"#);
    let log = &api.examples;
    assert_eq!(log.requests, (1, 1));
    assert_eq!(log.responses, (2, 1));
    assert_eq!(log.misfits.len(), 1);
    let misfit = &log.misfits[0];
    assert!(!misfit.request);
    assert_eq!(misfit.path, "$.id");
    assert_eq!(misfit.reason, "expected text, found a list");
    assert!(
        misfit.at.as_str().ends_with("/examples/listed/value"),
        "{}",
        misfit.at
    );
}

/// The fields of `name`, by JSON key.
pub(super) fn fields<'a>(api: &'a Api, name: &str) -> Vec<&'a Field> {
    let Some(def) = api.types.iter().find(|def| def.name == name) else {
        let names: Vec<&str> = api.types.iter().map(|def| def.name.as_str()).collect();
        panic!("no type {name} among {names:?}");
    };
    let TypeKind::Struct(structure) = &def.kind else {
        panic!("{name} is not a struct");
    };
    structure.fields.iter().collect()
}

pub(super) fn field<'a>(api: &'a Api, name: &str, key: &str) -> &'a Field {
    fields(api, name)
        .into_iter()
        .find(|field| field.wire_name == key)
        .unwrap()
}

/// A response whose `Charge` examples leave out or null required fields,
/// and a `Customer` that requests send too.
const EVIDENCE: &str = r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /charges:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Customer'}
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Charge'}
              examples:
                a: {value: {id: ch_1, amount: 5, refunds: null, customer: {id: c, email: null}}}
                b: {value: {id: ch_2, amount: 6, customer: {id: c, email: e}}}
components:
  schemas:
    Charge:
      type: object
      required: [id, amount, refunds, customer]
      properties:
        id: {type: string}
        amount: {type: integer}
        refunds: {type: array, items: {type: string}}
        customer: {$ref: '#/components/schemas/Customer'}
    Customer:
      type: object
      required: [id, email]
      properties:
        id: {type: string}
        email: {type: string}
"#;

/// A required response field that an example leaves out or nulls becomes
/// optional, with a note naming the example; a type that requests send
/// keeps its required fields, and the example stays a misfit.
#[test]
fn response_examples_loosen_required_fields_but_never_request_types() {
    let (api, diagnostics) = analyzed(EVIDENCE, &Config::named("t"));
    assert!(!field(&api, "Charge", "refunds").required);
    assert!(
        field(&api, "Charge", "id").required,
        "no example shows it absent"
    );
    assert!(
        field(&api, "Customer", "email").required,
        "requests send Customer"
    );
    let notes: Vec<(String, &str)> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Note)
        .map(|d| (d.location.pointer.to_string(), d.message.as_str()))
        .collect();
    assert!(
        notes
            .iter()
            .any(|(at, n)| n.starts_with("`Charge.refunds` is optional")
                && at.ends_with("/examples/a/value")
                && n.contains("`$.refunds`")),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .any(|(_, n)| n.contains("`Customer.email`") && n.contains("stays required")),
        "{notes:#?}"
    );
    // `a` still does not fit (its customer's email is null); `b` does.
    assert_eq!(api.examples.responses, (2, 1));
    assert_eq!(api.examples.misfits[0].path, "$.customer.email");
}

/// `[examples]` pins a field either way.
#[test]
fn settings_pin_fields_against_the_examples() {
    let config: Config = toml::from_str(
        r#"
[package]
name = "t"
[examples]
required = ["Charge.refunds"]
optional = ["Charge.amount"]
"#,
    )
    .unwrap();
    let (api, _) = analyzed(EVIDENCE, &config);
    assert!(field(&api, "Charge", "refunds").required);
    assert!(!field(&api, "Charge", "amount").required);
    let (_, diagnostics) = analyzed(
        EVIDENCE,
        &toml::from_str("[package]\nname = \"t\"\n[examples]\nrequired = [\"Charge.nope\"]")
            .unwrap(),
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("`Charge.nope`, which is not a field")),
        "{diagnostics:#?}"
    );
    // Not even a pin loosens a type that requests send.
    let (api, diagnostics) = analyzed(
        EVIDENCE,
        &toml::from_str("[package]\nname = \"t\"\n[examples]\noptional = [\"Customer.id\"]")
            .unwrap(),
    );
    assert!(field(&api, "Customer", "id").required);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("`Customer`, which requests send")),
        "{diagnostics:#?}"
    );
}

/// A number where text is declared (or the reverse) is read in either
/// form; the example becomes a test. A list where text is declared stays a
/// misfit.
#[test]
fn scalars_in_the_other_form_drift_and_shapes_do_not() {
    let (api, _) = analyzed(
        r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {code: {type: string}, page: {type: integer}, tags: {type: string}}
            examples:
              a: {value: {code: 42, page: '3'}}
              b: {value: {tags: [x]}}
      responses:
        '204': {description: ''}
"#,
        &Config::named("t"),
    );
    let body = fields(&api, "PostXRequest");
    let drift: Vec<(&str, bool)> = body
        .iter()
        .map(|field| (field.wire_name.as_str(), field.drift))
        .collect();
    assert_eq!(drift, [("code", true), ("page", true), ("tags", false)]);
    assert_eq!(api.examples.requests, (2, 1));
    assert_eq!(
        api.examples.misfits[0].reason,
        "expected text, found a list"
    );
}

/// Example text in JSON with comments is read, and a comment beside a
/// field without a description becomes its doc.
#[test]
fn commented_example_text_is_read_and_documents_fields() {
    let (api, _) = analyzed(
        r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /cats:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                age: {type: integer, description: Years.}
            example: "{\n  \"name\": \"麻薯\", // 名字\n  \"age\": 2, // 年龄\n}"
      responses:
        '204': {description: ''}
"#,
        &Config::named("t"),
    );
    assert_eq!(api.examples.requests, (1, 1));
    let body = &api.operations[0].body.as_ref().unwrap().examples[0];
    assert_eq!(body, &serde_json::json!({"name": "麻薯", "age": 2}));
    let name = field(&api, "PostCatsRequest", "name");
    assert_eq!(
        name.docs.as_deref(),
        Some("名字\n\n(From a comment in an example of the spec.)")
    );
    assert_eq!(
        field(&api, "PostCatsRequest", "age").docs.as_deref(),
        Some("Years.")
    );
}

/// Apifox rule 6: `x-apifox-enum` descriptions are variant docs, and
/// `x-apifox-folder` (or else the first tag) is the operation's module.
#[test]
fn apifox_enum_docs_and_folders() {
    let api = api(r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a:
    get:
      summary: List things
      tags: [Ignored Tag]
      x-apifox-folder: API Reference/Payment Intents
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                type: object
                properties:
                  usage:
                    type: string
                    enum: [off_session, on_session]
                    x-apifox-enum:
                      - {value: off_session, name: '', description: Customer may be absent.}
                      - {value: on_session, name: On session, description: ''}
  /b:
    get:
      summary: Other
      tags: [Second Folder, Third]
      responses: {'204': {description: ''}}
"#);
    let first = &api.operations[0];
    assert_eq!(api.module(first.module).name, "payment_intents");
    assert_eq!(api.module(api.operations[1].module).name, "second_folder");
    let ResponseKind::Json(TypeRef::Named(response)) = &first.response.kind else {
        panic!()
    };
    let TypeKind::Struct(structure) = &api.type_def(*response).kind else {
        panic!()
    };
    let TypeRef::Named(usage) = &structure.fields[0].ty else {
        panic!()
    };
    let TypeKind::Enum(usage) = &api.type_def(*usage).kind else {
        panic!()
    };
    let docs: Vec<Option<&str>> = usage.variants.iter().map(|v| v.docs.as_deref()).collect();
    assert_eq!(docs, [Some("Customer may be absent."), Some("On session")]);
}

/// A union that contains itself is checked against an example without
/// recursing forever: the example simply does not fit through that path.
#[test]
fn a_union_that_contains_itself_does_not_overflow_the_checker() {
    let (api, _) = analyzed(
        r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              examples:
                object: {value: {name: x}}
                text: {value: cat}
components:
  schemas:
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Pet'
        - type: string
"#,
        &Config::named("t"),
    );
    assert_eq!(api.examples.responses, (2, 1));
}

/// Inline schemas of the same shape become one type, however many places
/// use them; a schema that differs in one field's type gets its own.
#[test]
fn inline_schemas_of_one_shape_share_a_type() {
    let api = api(r#"
openapi: 3.0.1
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Customer:
      type: object
      properties:
        address: {type: object, properties: {city: {type: string}}}
    Merchant:
      type: object
      properties:
        address: {type: object, properties: {city: {type: string}}}
    Branch:
      type: object
      properties:
        address: {type: object, properties: {city: {type: integer}}}
"#);
    let address_of = |component: &str| {
        let def = api
            .types
            .iter()
            .find(|def| def.name == component)
            .unwrap_or_else(|| panic!("no type {component}"));
        let TypeKind::Struct(structure) = &def.kind else {
            panic!("{component} is not a struct");
        };
        match structure.fields[0].ty.non_null() {
            TypeRef::Named(id) => *id,
            other => panic!("{component}.address is {other:?}"),
        }
    };
    assert_eq!(address_of("Customer"), address_of("Merchant"));
    assert_ne!(address_of("Customer"), address_of("Branch"));
    let cities = api
        .types
        .iter()
        .filter(|def| {
            matches!(&def.kind, TypeKind::Struct(structure)
                if structure.fields.iter().any(|field| field.wire_name == "city"))
        })
        .count();
    assert_eq!(cities, 2, "{:#?}", api.types);
}
