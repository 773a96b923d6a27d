//! The rules of `x-apifox-refs`, each on the smallest document that shows it.

use super::*;
use crate::diagnostics::SourceMap;
use serde_json::json;

fn resolve(document: &mut Value) -> Vec<String> {
    let mut diagnostics = Diagnostics::new(SourceMap::default());
    resolve_refs(document, &mut diagnostics);
    diagnostics
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn intent() -> Value {
    json!({
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "amount": {"type": "integer"},
            "status": {"type": "string"}
        },
        "required": ["amount"]
    })
}

fn response(schema: Value) -> Value {
    json!({
        "paths": {"/x": {"post": {"responses": {"200": {"content": {
            "application/json": {"schema": schema}
        }}}}}},
        "components": {"schemas": {"Payment Intent": intent()}}
    })
}

fn response_schema(document: &Value) -> &Value {
    &document["paths"]["/x"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
}

#[test]
fn an_unadjusted_reference_is_the_component_itself() {
    let mut document = response(json!({
        "type": "object",
        "description": "The canceled intent.",
        "x-apifox-refs": {"01": {
            "$ref": "#/components/schemas/Payment%20Intent",
            "x-apifox-overrides": {}
        }},
        "x-apifox-orders": ["01"],
        "properties": {"id": {"type": "string"}, "amount": {"type": "integer"}},
        "required": ["amount"],
        "x-apifox-ignore-properties": ["id", "amount", "status"]
    }));
    assert!(resolve(&mut document).is_empty());
    assert_eq!(
        response_schema(&document),
        &json!({"description": "The canceled intent.", "$ref": "#/components/schemas/Payment%20Intent"})
    );
}

#[test]
fn overrides_delete_and_replace_fields_and_orders_place_them() {
    let mut document = response(json!({
        "type": "object",
        "x-apifox-refs": {"01": {
            "$ref": "#/components/schemas/Payment Intent",
            "x-apifox-overrides": {"status": null, "id": {"type": "integer"}},
            "required": ["id"]
        }},
        "x-apifox-orders": ["before", "01"],
        "properties": {"before": {"type": "boolean"}},
        "required": ["before"]
    }));
    assert!(resolve(&mut document).is_empty());
    assert_eq!(
        response_schema(&document),
        &json!({
            "type": "object",
            "properties": {
                "before": {"type": "boolean"},
                "id": {"type": "integer"},
                "amount": {"type": "integer"}
            },
            "required": ["before", "id"]
        })
    );
}

#[test]
fn fields_carried_only_by_the_ref_still_appear() {
    let mut document = response(json!({
        "type": "object",
        "x-apifox-refs": {"01": {
            "$ref": "#/components/schemas/Payment Intent",
            "x-apifox-overrides": {"status": null}
        }},
        "x-apifox-orders": ["01"],
        "properties": {}
    }));
    resolve(&mut document);
    let keys: Vec<_> = response_schema(&document)["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["id", "amount"]);
    assert_eq!(response_schema(&document)["required"], json!(["amount"]));
}

#[test]
fn a_changed_required_list_is_an_adjustment() {
    let mut document = response(json!({
        "type": "object",
        "x-apifox-refs": {"01": {"$ref": "#/components/schemas/Payment Intent", "required": []}},
        "properties": {}
    }));
    resolve(&mut document);
    assert_eq!(response_schema(&document)["type"], "object");
    assert!(response_schema(&document).get("required").is_none());
}

#[test]
fn a_ref_with_direct_overrides_is_resolved_too() {
    let mut document = response(json!({
        "type": "object",
        "additionalProperties": {
            "$ref": "#/components/schemas/Payment Intent",
            "x-apifox-overrides": {"id": null}
        }
    }));
    resolve(&mut document);
    let map_value = &response_schema(&document)["additionalProperties"];
    let keys: Vec<_> = map_value["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["amount", "status"]);
}

#[test]
fn entries_without_a_ref_are_reported() {
    let mut document = response(json!({
        "type": "object",
        "x-apifox-refs": {"01": {"x-apifox-overrides": {}}},
        "properties": {"a": {"type": "string"}}
    }));
    let warnings = resolve(&mut document);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("x-apifox-refs/01"), "{}", warnings[0]);
    assert_eq!(
        response_schema(&document)["properties"],
        json!({"a": {"type": "string"}})
    );
}

#[test]
fn an_adjusted_reference_of_a_component_to_itself_is_expanded_once() {
    let mut document = json!({"components": {"schemas": {"Response": {
        "type": "object",
        "properties": {
            "data": {"type": "string"},
            "errors": {
                "type": "object",
                "additionalProperties": {
                    "$ref": "#/components/schemas/Response",
                    "x-apifox-overrides": {"errors": null, "data": {"type": "object", "properties": {}}}
                }
            }
        }
    }}}});
    assert!(resolve(&mut document).is_empty());
    let nested = &document["components"]["schemas"]["Response"]["properties"]["errors"]["additionalProperties"];
    assert_eq!(
        nested,
        &json!({"type": "object", "properties": {"data": {"type": "object", "properties": {}}}})
    );
}

#[test]
fn components_built_from_refs_resolve_before_they_are_used() {
    let mut document = json!({
        "components": {"schemas": {
            "Base": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}},
            "Derived": {
                "type": "object",
                "x-apifox-refs": {"r": {"$ref": "#/components/schemas/Base", "x-apifox-overrides": {"b": null}}},
                "properties": {"c": {"type": "integer"}}
            },
            "User": {
                "type": "object",
                "x-apifox-refs": {"r": {"$ref": "#/components/schemas/Derived"}},
                "properties": {}
            }
        }}
    });
    resolve(&mut document);
    let user = &document["components"]["schemas"]["User"];
    assert_eq!(user["$ref"], "#/components/schemas/Derived");
    let derived = &document["components"]["schemas"]["Derived"]["properties"];
    assert_eq!(
        derived.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["c", "a"]
    );
}

#[test]
fn warnings_keep_document_order_though_paths_resolve_in_parallel() {
    // A component's warning first, then one per path in the paths' order:
    // enough paths that the pool splits them.
    let entry = json!({
        "type": "object",
        "x-apifox-refs": {"01": {"x-apifox-overrides": {}}}
    });
    let paths: Map<String, Value> = (0..64)
        .map(|index| {
            (
                format!("/p{index:02}"),
                json!({"get": {"responses": {"200": {"content": {
                    "application/json": {"schema": entry.clone()}
                }}}}}),
            )
        })
        .collect();
    let mut document = json!({
        "paths": paths,
        "components": {"schemas": {"Broken": entry.clone()}}
    });
    let warnings = resolve(&mut document);
    assert_eq!(warnings.len(), 65);
    assert!(
        warnings[0].contains("/components/schemas/Broken/"),
        "{}",
        warnings[0]
    );
    for (index, warning) in warnings[1..].iter().enumerate() {
        assert!(
            warning.contains(&format!("/paths/~1p{index:02}/")),
            "{warning}"
        );
    }
}
