//! The fast read against openapiv3's own, node kind by node kind: every
//! rule of `fields`, `schema` and `operation` has a case here that fails
//! if the rule is dropped or changed.

use serde_json::{Value, json};

use openapiv3::OpenAPI;
use serde::Deserialize;

use super::{Agreement, compare, read};

/// A document whose only operation's `200` response has `schema`, and
/// whose components hold it too.
fn with_schema(schema: Value) -> Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": schema.clone()}},
        }}}}},
        "components": {"schemas": {"S": schema}},
    })
}

/// A document whose only operation has `parameter`.
fn with_parameter(parameter: Value) -> Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {
            "parameters": [parameter],
            "responses": {"200": {"description": "ok"}},
        }}},
    })
}

/// A document whose only operation has `responses`.
fn with_responses(responses: Value) -> Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {"responses": responses}}},
    })
}

#[track_caller]
fn same(document: Value) {
    assert_eq!(compare(&document), Agreement::Same, "{document:#}");
}

/// openapiv3 refuses `document`, and the fast read leaves it to say why.
#[track_caller]
fn refused(document: Value) {
    use serde::Deserialize;
    assert!(
        openapiv3::OpenAPI::deserialize(&document).is_err(),
        "{document:#}"
    );
    assert!(read(document.clone()).is_err(), "{document:#}");
}

#[test]
fn schemas_of_each_type_read_as_openapiv3_reads_them() {
    for schema in [
        json!({}),
        json!({"type": "string", "format": "date-time", "pattern": "^a", "minLength": 1,
               "maxLength": 9, "enum": ["a", null]}),
        json!({"type": "string", "format": "uuid"}),
        json!({"type": "number", "format": "double", "minimum": 1, "maximum": 2.5,
               "multipleOf": 0.5, "exclusiveMinimum": true, "enum": [1.5, null]}),
        json!({"type": "integer", "format": "int64", "minimum": -3, "maximum": 9,
               "multipleOf": 3, "exclusiveMaximum": false, "enum": [3, null]}),
        json!({"type": "boolean", "enum": [true, null]}),
        json!({"type": "object", "properties": {"a": {"$ref": "#/components/schemas/S"},
               "b": {"type": "string"}}, "required": ["a"], "minProperties": 1,
               "additionalProperties": false}),
        json!({"type": "object", "additionalProperties": {"type": "integer"}}),
        json!({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/S"}}),
        json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3,
               "uniqueItems": true}),
        json!({"type": "array", "items": {"$ref": "#/components/schemas/S"}}),
    ] {
        same(with_schema(schema));
    }
}

/// A key another type owns, an `enum` of the wrong values, or a `format`
/// where the type has none makes the schema `Any`; so does an unknown
/// `type`, or a composition beside a type or another composition.
#[test]
fn mixed_schemas_are_any() {
    for schema in [
        json!({"type": "string", "minimum": 1}),
        json!({"type": "string", "enum": [1]}),
        json!({"type": "number", "pattern": "x"}),
        json!({"type": "integer", "minimum": 1.5}),
        json!({"type": "integer", "multipleOf": 0.5}),
        json!({"type": "integer", "enum": [1.5]}),
        json!({"type": "integer", "maximum": 18446744073709551615_u64}),
        json!({"type": "boolean", "format": "flag"}),
        json!({"type": "boolean", "enum": ["yes"]}),
        json!({"type": "object", "enum": [{}]}),
        json!({"type": "object", "format": "map", "properties": {}}),
        json!({"type": "object", "items": {}}),
        json!({"type": "array", "format": "list"}),
        json!({"type": "array", "enum": [[]]}),
        json!({"type": "array", "properties": {}}),
        json!({"type": "thing", "minLength": 1}),
        json!({"type": "object", "oneOf": [{"type": "string"}]}),
        json!({"oneOf": [{}], "allOf": [{}]}),
        json!({"anyOf": [{}], "format": "x"}),
        json!({"not": {}, "enum": [1]}),
        json!({"minimum": 1, "maxLength": 2, "items": {}, "uniqueItems": false}),
    ] {
        same(with_schema(schema));
    }
}

#[test]
fn compositions_alone_keep_their_kind() {
    for schema in [
        json!({"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/S"}]}),
        json!({"allOf": [{"type": "object"}]}),
        json!({"anyOf": []}),
        json!({"not": {"type": "string"}}),
    ] {
        same(with_schema(schema));
    }
}

/// `null` is a missing key for an `Option` field (`type`, `example`,
/// `default`, …), and the data every kind shares is read beside it.
#[test]
fn schema_data_and_nulls() {
    same(with_schema(json!({
        "nullable": true, "readOnly": true, "writeOnly": false, "deprecated": true,
        "title": "T", "description": "D", "example": {"a": [1]}, "default": 3,
        "discriminator": {"propertyName": "kind", "mapping": {"a": "#/components/schemas/S"}},
        "externalDocs": {"url": "https://example.com"},
        "x-apifox-folder": "F", "x-other": {"b": null}, "unknown": 1,
    })));
    same(with_schema(json!({
        "type": null, "format": null, "properties": null, "example": null,
        "default": null, "title": null, "enum": null, "items": null,
    })));
    same(with_schema(
        json!({"type": "string", "pattern": null, "minimum": null}),
    ));
}

/// A string `$ref` makes a reference whatever is beside it; any other
/// `$ref` is an unknown key of a schema.
#[test]
fn references() {
    same(with_schema(
        json!({"$ref": "#/components/schemas/S", "description": "kept out"}),
    ));
    same(with_schema(json!({"$ref": 5, "type": "string"})));
    same(with_schema(json!({"$ref": null})));
}

/// What openapiv3 refuses, the fast read leaves to it.
#[test]
fn invalid_schemas_are_left_to_openapiv3() {
    for schema in [
        json!({"nullable": null}),
        json!({"required": "id"}),
        json!({"minLength": -1}),
        json!({"minLength": 1.0}),
        json!({"type": ["string", "null"]}),
        json!({"properties": {"a": "string"}}),
        json!({"additionalProperties": 1}),
        json!({"items": [{}]}),
        json!({"example": 1, "readOnly": "yes"}),
        json!("string"),
    ] {
        refused(with_schema(schema));
    }
}

#[test]
fn parameters_of_each_place() {
    same(with_parameter(json!({
        "name": "q", "in": "query", "description": "Q", "required": true, "deprecated": false,
        "schema": {"type": "string"}, "style": "deepObject", "explode": true,
        "allowReserved": true, "allowEmptyValue": false, "example": "x",
        "examples": {"e": {"value": 1}, "r": {"$ref": "#/components/examples/E"}},
        "x-apifox-enum": [],
    })));
    same(with_parameter(
        json!({"name": "id", "in": "path", "required": true,
        "style": "label", "schema": {"type": "integer"}}),
    ));
    same(with_parameter(
        json!({"name": "X-A", "in": "header", "style": "simple",
        "content": {"application/json": {"schema": {"type": "object"}}}}),
    ));
    same(with_parameter(
        json!({"name": "c", "in": "cookie", "schema": {}, "example": null}),
    ));
    same(with_parameter(json!({"$ref": "#/components/parameters/P"})));
}

#[test]
fn invalid_parameters_are_left_to_openapiv3() {
    for parameter in [
        json!({"name": "q", "in": "body", "schema": {}}),
        json!({"in": "query", "schema": {}}),
        json!({"name": "q", "in": "query"}),
        json!({"name": "q", "in": "query", "schema": {}, "style": "matrix"}),
        json!({"name": "q", "in": "query", "schema": {}, "required": null}),
    ] {
        refused(with_parameter(parameter));
    }
    // Both `schema` and `content`: openapiv3 takes one of them; the fast
    // read does not guess which.
    let both = with_parameter(json!({"name": "q", "in": "query", "schema": {},
        "content": {"text/plain": {}}}));
    assert_eq!(compare(&both), Agreement::GaveUp);
}

/// Status codes in either form, `default` apart, and the keys that are
/// neither skipped.
#[test]
fn responses_by_status() {
    same(with_responses(json!({
        "200": {"description": "ok", "headers": {
            "X-Rate": {"schema": {"type": "integer"}, "required": true, "style": "simple"},
            "X-Ref": {"$ref": "#/components/headers/H"},
        }, "content": {"application/json": {
            "schema": {"type": "object"}, "example": {"a": 1}, "examples": {"e": {"value": 2}},
            "encoding": {"a": {"contentType": "text/plain"}}, "x-m": 1,
        }}, "links": {"l": {"operationId": "o"}}, "x-r": true},
        "2XX": {"description": "also ok"},
        "4xx": {"$ref": "#/components/responses/E"},
        "099": {"description": "not a status"},
        "1000": {"description": "not a status"},
        "+20": {"description": "not a status"},
        "default": {"description": "anything else"},
        "x-extension": {"description": "an extension"},
        "stray": 7,
    })));
    refused(with_responses(json!({"200": {"content": {}}})));
    refused(with_responses(
        json!({"200": {"description": "ok", "headers": {"X": {}}}}),
    ));
}

#[test]
fn operations_path_items_and_the_document() {
    same(json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1", "x-logo": "l"},
        "servers": [{"url": "https://example.com/{v}", "variables": {"v": {"default": "1"}}}],
        "security": [{"key": []}],
        "tags": [{"name": "t", "description": "d"}],
        "externalDocs": {"url": "https://example.com"},
        "x-apifox": {"folders": []},
        "paths": {
            "/a": {
                "summary": "S", "description": "D", "x-item": 1, "xml": "not an extension",
                "servers": [{"url": "https://a.example.com"}],
                "parameters": [{"name": "p", "in": "query", "schema": {}}],
                "get": {
                    "tags": ["t"], "summary": "G", "description": "GD", "operationId": "getA",
                    "externalDocs": {"url": "https://example.com"}, "deprecated": true,
                    "security": [], "servers": [], "x-apifox-folder": "F",
                    "requestBody": {"$ref": "#/components/requestBodies/B"},
                    "callbacks": {"c": {"{$request.body#/url}": {"post": {
                        "responses": {"200": {"description": "ok"}}}}}},
                    "responses": {"200": {"description": "ok"}},
                },
                "post": {
                    "requestBody": {"description": "B", "required": true, "x-b": 1,
                        "content": {"multipart/form-data": {"schema": {"type": "object"}}}},
                    "responses": {},
                },
                "put": null,
            },
            "/b": {"$ref": "#/components/pathItems/B"},
            "x-paths": [1],
            "stray": {"get": {}},
        },
        "components": {
            "schemas": {"S": {"type": "string"}, "R": {"$ref": "#/components/schemas/S"}},
            "responses": {"E": {"description": "error"}},
            "parameters": {"P": {"name": "p", "in": "header", "schema": {}}},
            "examples": {"E": {"value": 1}},
            "requestBodies": {"B": {"content": {}}},
            "headers": {"H": {"schema": {"type": "string"}}},
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}},
            "links": {"L": {"operationId": "o"}},
            "callbacks": {"C": {}},
            "x-components": true,
        },
    }));
    same(
        json!({"openapi": "3.0.1", "info": {"title": "T", "version": "1"}, "paths": {},
        "components": null}),
    );
}

#[test]
fn invalid_documents_are_left_to_openapiv3() {
    let info = json!({"title": "T", "version": "1"});
    for document in [
        json!({"openapi": "3.0.1", "info": info}),
        json!({"info": info, "paths": {}}),
        json!({"openapi": "3.0.1", "paths": {}}),
        json!({"openapi": "3.0.1", "info": info, "paths": {}, "servers": null}),
        json!({"openapi": "3.0.1", "info": info, "paths": {"/a": {"get": {}}}}),
        json!({"openapi": "3.0.1", "info": info, "paths": {"/a": {"get": {"responses": 7}}}}),
        json!({"openapi": "3.0.1", "info": info, "paths": {}, "components": {"schemas": []}}),
        json!([]),
    ] {
        refused(document);
    }
}

/// What the fast read gives up on goes to openapiv3 with the rest of the
/// document, and the parts it read go back in their places.
#[test]
fn parts_given_up_on_are_read_by_openapiv3_and_merged_in_order() {
    let parameter = |both: bool| {
        let mut parameter = json!({"name": "q", "in": "query", "schema": {"type": "string"}});
        if both {
            // Both `schema` and `content`: left to openapiv3.
            parameter["content"] = json!({"text/plain": {}});
        }
        parameter
    };
    let item = |both| {
        json!({"get": {"parameters": [parameter(both)],
        "responses": {"200": {"description": "ok"}}}})
    };
    let document = json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": item(false), "/b": item(true), "x-note": 1, "/c": item(false), "/d": item(true)},
        "components": {"schemas": {
            "A": {"type": "string"},
            "B": {"type": "object", "properties": {"h": {
                "type": "object", "additionalProperties": true,
                "x-stays": {"$ref": 5},
            }}},
            "C": {"$ref": "#/components/schemas/A"},
        }},
    });
    let whole = OpenAPI::deserialize(&document).expect("openapiv3 reads it");
    let partial = read(document).expect_err("two path items are left to openapiv3");
    let left = partial.document();
    let paths: Vec<&String> = left["paths"].as_object().expect("paths").keys().collect();
    assert_eq!(
        paths,
        ["x-note", "/b", "/d"],
        "only what was not read is left"
    );
    assert_eq!(left["components"]["schemas"], json!({}));
    let rest = OpenAPI::deserialize(left).expect("openapiv3 reads the rest");
    let complete = partial.complete(rest);
    assert_eq!(complete, whole);
    let order: Vec<&String> = complete.paths.paths.keys().collect();
    assert_eq!(order, ["/a", "/b", "/c", "/d"]);
}
