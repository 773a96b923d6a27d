//! The spec-change review, one pair of small specs (base → head) per row of
//! the README's classification table, apifox cases included. Each asserts
//! the verdict and snapshots the report lines.

use apifox_codegen::config::Config;
use apifox_codegen::review::{self, Input, Level};
use serde_json::{Value, json};

/// The base spec: one folder with refunds (create, retrieve), a `Refund`
/// component referenced by the response and adjusted by `x-apifox-refs`
/// in the request, an enum with apifox descriptions.
fn base() -> Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "Demo", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "components": {
            "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}},
            "schemas": {
                "Refund": {
                    "type": "object",
                    "description": "A refund.",
                    "properties": {
                        "id": {"type": "string", "description": "Its id."},
                        "amount": {"type": "integer"},
                        "reason": {"type": "string"},
                        "status": {
                            "type": "string",
                            "enum": ["pending", "succeeded"],
                            "x-apifox-enum": [
                                {"value": "pending", "name": "", "description": "Not done yet."},
                                {"value": "succeeded", "name": "", "description": "Done."}
                            ]
                        },
                        "note": {"type": "string"}
                    },
                    "required": ["id"],
                    "x-apifox-orders": ["id", "amount", "reason", "status", "note"]
                }
            }
        },
        "security": [{"basic": []}],
        "paths": {
            "/v1/refunds": {"post": {
                "summary": "Create a refund",
                "x-apifox-folder": "Refunds",
                "parameters": [{"name": "expand", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {},
                    "x-apifox-refs": {"01ABC": {
                        "$ref": "#/components/schemas/Refund",
                        "x-apifox-overrides": {"id": null, "status": null}
                    }},
                    "x-apifox-orders": ["01ABC"],
                    "required": ["amount"]
                }}}},
                "responses": {"200": {"description": "", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Refund"}
                }}}}
            }},
            "/v1/refunds/{id}": {"get": {
                "summary": "Retrieve a refund",
                "x-apifox-folder": "Refunds",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Refund"}
                }}}}
            }}
        }
    })
}

/// Reviews `base` → `head` and returns the verdict and the report.
fn run(base: &Value, head: &Value) -> (Option<Level>, String) {
    let dir = tempfile::tempdir().unwrap();
    let analyze = |name: &str, spec: &Value| {
        let path = dir.path().join(name);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(
            path.join("spec.json"),
            serde_json::to_string_pretty(spec).unwrap(),
        )
        .unwrap();
        let config = Config::named("demo");
        apifox_codegen::analyze(&path, &config).expect("the spec reads")
    };
    let old = analyze("base", base);
    let new = analyze("head", head);
    let review = review::review(
        "demo",
        Some(Input {
            api: &old.api,
            sources: &old.sources,
            version: "0.1.0",
        }),
        Some(Input {
            api: &new.api,
            sources: &new.sources,
            version: "0.1.0",
        }),
    );
    let report = review::markdown(std::slice::from_ref(&review))
        .replace(&dir.path().display().to_string(), "<tmp>");
    (review.verdict, report)
}

/// Runs one case: `edit` turns the base into the head.
fn case(name: &str, expected: Option<Level>, edit: impl FnOnce(&mut Value)) {
    let base = base();
    let mut head = base.clone();
    edit(&mut head);
    let (verdict, report) = run(&base, &head);
    assert_eq!(verdict, expected, "{name}:\n{report}");
    insta::assert_snapshot!(format!("review__{name}"), report);
}

fn refund(spec: &mut Value) -> &mut Value {
    &mut spec["components"]["schemas"]["Refund"]
}

fn create(spec: &mut Value) -> &mut Value {
    &mut spec["paths"]["/v1/refunds"]["post"]
}

#[test]
fn nothing_changed() {
    case("nothing_changed", None, |_| {});
}

#[test]
fn a_new_optional_response_field_is_additive() {
    case("new_optional_field", Some(Level::Additive), |spec| {
        refund(spec)["properties"]["currency"] = json!({"type": "string"});
    });
}

#[test]
fn a_new_required_field_is_breaking() {
    // `Refund::new` gains an argument (and the request, built from the
    // component, requires it too).
    case("new_required_field", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]["currency"] = json!({"type": "string"});
        refund(spec)["required"] = json!(["id", "currency"]);
    });
}

#[test]
fn a_field_type_change_is_breaking() {
    case("field_type_changed", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]["amount"] = json!({"type": "string"});
    });
}

#[test]
fn a_field_becoming_required_is_breaking() {
    case("field_now_required", Some(Level::Breaking), |spec| {
        refund(spec)["required"] = json!(["id", "note"]);
    });
}

#[test]
fn a_field_becoming_optional_is_breaking() {
    case("field_now_optional", Some(Level::Breaking), |spec| {
        refund(spec)["required"] = json!([]);
    });
}

#[test]
fn a_removed_field_is_breaking() {
    case("field_removed", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]
            .as_object_mut()
            .unwrap()
            .remove("note");
    });
}

#[test]
fn a_string_becoming_an_enum_is_breaking() {
    case("string_became_enum", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]["reason"]["enum"] = json!(["duplicate", "fraudulent"]);
    });
}

#[test]
fn a_new_enum_value_is_additive() {
    case("enum_value_added", Some(Level::Additive), |spec| {
        refund(spec)["properties"]["status"]["enum"] = json!(["pending", "succeeded", "failed"]);
    });
}

#[test]
fn a_removed_enum_value_is_breaking() {
    case("enum_value_removed", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]["status"]["enum"] = json!(["succeeded"]);
        refund(spec)["properties"]["status"]["x-apifox-enum"] =
            json!([{"value": "succeeded", "name": "", "description": "Done."}]);
    });
}

#[test]
fn an_enum_value_description_is_docs_only() {
    case("enum_value_docs", Some(Level::Docs), |spec| {
        refund(spec)["properties"]["status"]["x-apifox-enum"][1]["description"] = json!("Settled.");
    });
}

#[test]
fn a_description_edit_is_docs_only() {
    case("description_edited", Some(Level::Docs), |spec| {
        refund(spec)["properties"]["id"]["description"] = json!("The refund's id (`re_…`).");
        refund(spec)["description"] = json!("A refund of a payment.");
    });
}

#[test]
fn a_new_operation_is_additive() {
    case("operation_added", Some(Level::Additive), |spec| {
        spec["paths"]["/v1/refunds/{id}/cancel"] = json!({"post": {
            "summary": "Cancel a refund",
            "x-apifox-folder": "Refunds",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Refund"}
            }}}}
        }});
    });
}

#[test]
fn a_removed_operation_is_breaking() {
    case("operation_removed", Some(Level::Breaking), |spec| {
        spec["paths"]
            .as_object_mut()
            .unwrap()
            .remove("/v1/refunds/{id}");
    });
}

#[test]
fn a_renamed_operation_is_breaking() {
    case("operation_renamed", Some(Level::Breaking), |spec| {
        spec["paths"]["/v1/refunds/{id}"]["get"]["summary"] = json!("Fetch a refund");
    });
}

#[test]
fn a_path_change_is_breaking() {
    case("path_changed", Some(Level::Breaking), |spec| {
        let item = spec["paths"]
            .as_object_mut()
            .unwrap()
            .remove("/v1/refunds/{id}")
            .unwrap();
        spec["paths"]["/v2/refunds/{id}"] = item;
    });
}

#[test]
fn a_method_change_is_breaking() {
    case("method_changed", Some(Level::Breaking), |spec| {
        let item = spec["paths"]["/v1/refunds"]
            .as_object_mut()
            .unwrap()
            .remove("post")
            .unwrap();
        spec["paths"]["/v1/refunds"]["put"] = item;
    });
}

#[test]
fn an_auth_change_is_breaking() {
    case("auth_changed", Some(Level::Breaking), |spec| {
        spec["components"]["securitySchemes"] =
            json!({"key": {"type": "apiKey", "in": "header", "name": "x-api-key"}});
        spec["security"] = json!([{"key": []}]);
    });
}

#[test]
fn a_renamed_type_is_breaking() {
    case("type_renamed", Some(Level::Breaking), |spec| {
        let schemas = spec["components"]["schemas"].as_object_mut().unwrap();
        let refund = schemas.remove("Refund").unwrap();
        schemas.insert("RefundObject".to_owned(), refund);
        let text = serde_json::to_string(spec)
            .unwrap()
            .replace("schemas/Refund\"", "schemas/RefundObject\"");
        *spec = serde_json::from_str(&text).unwrap();
    });
}

#[test]
fn a_new_component_in_use_is_additive() {
    case("type_added", Some(Level::Additive), |spec| {
        spec["components"]["schemas"]["Fee"] =
            json!({"type": "object", "properties": {"amount": {"type": "integer"}}});
        refund(spec)["properties"]["fee"] = json!({"$ref": "#/components/schemas/Fee"});
    });
}

#[test]
fn a_new_optional_query_parameter_is_additive() {
    case("query_param_added", Some(Level::Additive), |spec| {
        create(spec)["parameters"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}));
    });
}

#[test]
fn a_new_required_query_parameter_is_breaking() {
    case(
        "required_query_param_added",
        Some(Level::Breaking),
        |spec| {
            create(spec)["parameters"].as_array_mut().unwrap().push(
            json!({"name": "account", "in": "query", "required": true, "schema": {"type": "string"}}),
        );
        },
    );
}

#[test]
fn an_apifox_override_edit_shows_in_the_request_type() {
    // The request stops hiding `status`: its type gains an optional field.
    case("apifox_override_edited", Some(Level::Additive), |spec| {
        create(spec)["requestBody"]["content"]["application/json"]["schema"]["x-apifox-refs"]["01ABC"]
            ["x-apifox-overrides"] = json!({"id": null});
    });
}

#[test]
fn a_field_newly_marked_not_implemented_is_removed() {
    case("marked_not_implemented", Some(Level::Breaking), |spec| {
        refund(spec)["properties"]["note"]["description"] = json!("（未实现）");
    });
}

#[test]
fn an_apifox_orders_reorder_changes_nothing() {
    case("orders_reordered", None, |spec| {
        refund(spec)["x-apifox-orders"] = json!(["note", "status", "reason", "amount", "id"]);
    });
}

#[test]
fn reordered_required_fields_swap_constructor_arguments() {
    // `Refund::new(id, reason)` becomes `new(reason, id)`: both strings, so
    // callers still compile, with the values swapped.
    let mut base = base();
    refund(&mut base)["required"] = json!(["id", "reason"]);
    let mut head = base.clone();
    refund(&mut head)["x-apifox-orders"] = json!(["reason", "amount", "status", "note", "id"]);
    let (verdict, report) = run(&base, &head);
    assert_eq!(verdict, Some(Level::Breaking), "{report}");
    assert!(report.contains("arguments reordered"), "{report}");
    insta::assert_snapshot!("review__required_fields_reordered", report);
}

#[test]
fn a_folder_move_moves_operations_and_their_types() {
    case("folder_moved", Some(Level::Breaking), |spec| {
        create(spec)["x-apifox-folder"] = json!("Payments");
    });
}

#[test]
fn versions_are_checked_against_what_the_changes_need() {
    let base = base();
    let mut head = base.clone();
    refund(&mut head)["properties"]
        .as_object_mut()
        .unwrap()
        .remove("note");
    let dir = tempfile::tempdir().unwrap();
    let analyze = |name: &str, spec: &Value| {
        let path = dir.path().join(name);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("spec.json"), spec.to_string()).unwrap();
        apifox_codegen::analyze(&path, &Config::named("demo")).unwrap()
    };
    let (old, new) = (analyze("base", &base), analyze("head", &head));
    let with_version = |version: &str| {
        review::review(
            "demo",
            Some(Input {
                api: &old.api,
                sources: &old.sources,
                version: "0.1.3",
            }),
            Some(Input {
                api: &new.api,
                sources: &new.sources,
                version,
            }),
        )
    };
    let unbumped = with_version("0.1.3");
    assert_eq!(unbumped.required.as_deref(), Some("0.2.0"));
    assert!(!unbumped.version_ok());
    assert!(review::markdown(&[unbumped]).contains("bump `version` in codegen.toml to 0.2.0"));
    assert!(with_version("0.2.0").version_ok());
    assert!(!with_version("0.1.4").version_ok());
}
