//! Synthetic apifox exports of any size, for `cargo xtask bench`.
//!
//! The document is built deterministically (no randomness) in the shape of a
//! real apifox JSON export: components named with spaces and referenced
//! with percent-encoded `$ref`s, request bodies that are a component minus
//! some fields (`x-apifox-refs` with `x-apifox-overrides` null deletions),
//! `x-apifox-orders` everywhere, `x-apifox-enum` variant docs, nested
//! inline objects, `x-apifox-folder` folders of [`PER_FOLDER`] operations,
//! list endpoints with cursor parameters, and path parameters.
//!
//! Operations come in groups of five per resource (list, create, retrieve,
//! update, delete), each resource with its own component.

use serde_json::{Map, Value, json};

/// Operations per `x-apifox-folder`.
pub const PER_FOLDER: usize = 50;

/// The five operations of one resource.
const PER_RESOURCE: usize = 5;

/// A pretty-printed JSON export with exactly `operations` operations.
pub fn spec(operations: usize) -> String {
    let resources = operations.div_ceil(PER_RESOURCE);
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert("Customer Record".into(), customer());
    schemas.insert("Postal Address".into(), address());
    let mut ulids = Ulids(0);
    let mut emitted = 0;
    for resource in 0..resources {
        let name = format!("Resource {resource}");
        let reference = format!("#/components/schemas/Resource%20{resource}");
        schemas.insert(name.clone(), component(resource));
        let collection = format!("/v1/resource{resource}s");
        let item = format!("{collection}/{{id}}");
        let kinds = [
            Kind::List,
            Kind::Create,
            Kind::Retrieve,
            Kind::Update,
            Kind::Delete,
        ];
        for kind in kinds {
            if emitted == operations {
                break;
            }
            let folder = format!("API Reference/Group {}", emitted / PER_FOLDER);
            let (path, method, operation) =
                kind.operation(&name, &reference, &collection, &item, &mut ulids);
            let mut operation = operation;
            let object = operation
                .as_object_mut()
                .expect("an operation is an object");
            object.insert("tags".into(), json!([folder]));
            object.insert("x-apifox-folder".into(), json!(folder));
            object.insert("x-apifox-status".into(), json!("released"));
            object.insert(
                "x-run-in-apifox".into(),
                json!(format!(
                    "https://app.apifox.com/web/project/1/apis/api-{}-run",
                    1_000_000 + emitted
                )),
            );
            let entry = paths
                .entry(path)
                .or_insert_with(|| Value::Object(Map::new()));
            entry
                .as_object_mut()
                .expect("a path item is an object")
                .insert(method.into(), operation);
            emitted += 1;
        }
    }
    let document = json!({
        "openapi": "3.0.1",
        "info": {"title": "Synthetic", "description": "", "version": "1.0.0"},
        "tags": [],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        },
        "servers": [{"url": "https://api.example.com", "description": "Production"}],
        "security": [{"bearer": []}]
    });
    serde_json::to_string_pretty(&document).expect("a JSON value serializes")
}

/// apifox's ULID keys of `x-apifox-refs`, counted up.
struct Ulids(usize);

impl Ulids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("01HBENCH{:018}", self.0)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    List,
    Create,
    Retrieve,
    Update,
    Delete,
}

impl Kind {
    fn operation(
        self,
        name: &str,
        reference: &str,
        collection: &str,
        item: &str,
        ulids: &mut Ulids,
    ) -> (String, &'static str, Value) {
        let id = json!([{
            "name": "id",
            "in": "path",
            "description": format!("The ID of the {name}."),
            "required": true,
            "example": "res_123",
            "schema": {"type": "string"}
        }]);
        let ok = |schema: Value| {
            json!({
                "200": {
                    "description": "",
                    "content": {"application/json": {"schema": schema}},
                    "headers": {},
                    "x-apifox-name": "OK"
                }
            })
        };
        let body = |schema: Value| json!({"content": {"application/json": {"schema": schema}}});
        match self {
            Kind::List => {
                let parameters: Vec<Value> = [
                    (
                        "limit",
                        "integer",
                        "A limit on the number of objects, 1 to 100.",
                    ),
                    (
                        "starting_after",
                        "string",
                        "A cursor: the ID to start after.",
                    ),
                    ("ending_before", "string", "A cursor: the ID to end before."),
                ]
                .iter()
                .map(|(param, ty, description)| {
                    json!({
                        "name": param, "in": "query", "description": description,
                        "required": false, "schema": {"type": ty}
                    })
                })
                .collect();
                let page = json!({
                    "type": "object",
                    "properties": {
                        "object": {"type": "string"},
                        "url": {"type": "string"},
                        "has_more": {"type": "boolean"},
                        "data": {"type": "array", "items": {"$ref": reference}}
                    },
                    "required": ["object", "has_more", "data"],
                    "x-apifox-orders": ["object", "url", "has_more", "data"],
                    "x-apifox-ignore-properties": []
                });
                let operation = json!({
                    "summary": format!("List all {name}"),
                    "deprecated": false,
                    "description": format!("Returns a page of {name} objects."),
                    "parameters": parameters,
                    "responses": ok(page)
                });
                (collection.to_owned(), "get", operation)
            }
            Kind::Create => {
                let key = ulids.next();
                let schema = json!({
                    "type": "object",
                    "properties": {
                        "confirm": {"type": "boolean", "description": "Confirm at once."}
                    },
                    "x-apifox-refs": {
                        (key.clone()): {
                            "$ref": reference,
                            "x-apifox-overrides": {"id": null, "object": null, "created": null},
                            "required": ["amount", "currency"]
                        }
                    },
                    "x-apifox-orders": [key, "confirm"],
                    "x-apifox-ignore-properties": []
                });
                let operation = json!({
                    "summary": format!("Create a {name}"),
                    "deprecated": false,
                    "description": "",
                    "parameters": [],
                    "requestBody": body(schema),
                    "responses": ok(json!({"$ref": reference}))
                });
                (collection.to_owned(), "post", operation)
            }
            Kind::Retrieve => {
                let operation = json!({
                    "summary": format!("Retrieve a {name}"),
                    "deprecated": false,
                    "description": "",
                    "parameters": id,
                    "responses": ok(json!({"$ref": reference}))
                });
                (item.to_owned(), "get", operation)
            }
            Kind::Update => {
                let schema = json!({
                    "type": "object",
                    "properties": {
                        "description": {"type": "string", "description": "A free-form note."},
                        "status": status(),
                        "shipping": {
                            "type": "object",
                            "description": "Where to ship.",
                            "properties": {
                                "name": {"type": "string"},
                                "phone": {"type": "string"},
                                "address": {"$ref": "#/components/schemas/Postal%20Address"}
                            },
                            "x-apifox-orders": ["name", "phone", "address"],
                            "x-apifox-ignore-properties": []
                        }
                    },
                    "x-apifox-orders": ["description", "status", "shipping"],
                    "x-apifox-ignore-properties": []
                });
                let key = ulids.next();
                let response = json!({
                    "type": "object",
                    "properties": {},
                    "x-apifox-refs": {
                        (key.clone()): {
                            "$ref": reference,
                            "x-apifox-overrides": {"owner": null}
                        }
                    },
                    "x-apifox-orders": [key],
                    "x-apifox-ignore-properties": []
                });
                let operation = json!({
                    "summary": format!("Update a {name}"),
                    "deprecated": false,
                    "description": "",
                    "parameters": id,
                    "requestBody": body(schema),
                    "responses": ok(response)
                });
                (item.to_owned(), "post", operation)
            }
            Kind::Delete => {
                let deleted = json!({
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "object": {"type": "string"},
                        "deleted": {"type": "boolean"}
                    },
                    "required": ["id", "deleted"],
                    "x-apifox-orders": ["id", "object", "deleted"],
                    "x-apifox-ignore-properties": []
                });
                let operation = json!({
                    "summary": format!("Delete a {name}"),
                    "deprecated": false,
                    "description": "",
                    "parameters": id,
                    "responses": ok(deleted)
                });
                (item.to_owned(), "delete", operation)
            }
        }
    }
}

fn status() -> Value {
    json!({
        "type": "string",
        "description": "The state of the object.",
        "enum": ["pending", "active", "closed"],
        "x-apifox-enum": [
            {"value": "pending", "name": "", "description": "Waiting for confirmation."},
            {"value": "active", "name": "Active", "description": ""},
            {"value": "closed", "name": "", "description": "No longer usable."}
        ]
    })
}

/// The component of resource number `resource`.
fn component(resource: usize) -> Value {
    json!({
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "Unique identifier."},
            "object": {"type": "string", "description": "The object's type."},
            "amount": {"type": "integer", "format": "int64", "description": "In minor units."},
            "currency": {"type": "string", "description": "ISO 4217, lowercase."},
            "status": status(),
            "created": {"type": "integer", "description": "Unix timestamp."},
            "owner": {"$ref": "#/components/schemas/Customer%20Record"},
            "details": {
                "type": "object",
                "description": format!("What resource {resource} is about."),
                "properties": {
                    "reference": {"type": "string"},
                    "quantity": {"type": "integer"},
                    "limits": {
                        "type": "object",
                        "properties": {
                            "daily": {"type": "integer"},
                            "monthly": {"type": "integer"}
                        },
                        "x-apifox-orders": ["daily", "monthly"],
                        "x-apifox-ignore-properties": []
                    }
                },
                "x-apifox-orders": ["reference", "quantity", "limits"],
                "x-apifox-ignore-properties": []
            },
            "labels": {"type": "array", "items": {"type": "string"}}
        },
        "required": ["id", "object", "amount", "currency", "status"],
        "x-apifox-orders": [
            "id", "object", "amount", "currency", "status", "created", "owner", "details", "labels"
        ],
        "x-apifox-ignore-properties": [],
        "x-apifox-folder": format!("Schemas/Group {}", resource * PER_RESOURCE / PER_FOLDER)
    })
}

fn customer() -> Value {
    json!({
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "email": {"type": "string"},
            "address": {"$ref": "#/components/schemas/Postal%20Address"}
        },
        "required": ["id"],
        "x-apifox-orders": ["id", "email", "address"],
        "x-apifox-ignore-properties": [],
        "x-apifox-folder": "Schemas"
    })
}

fn address() -> Value {
    json!({
        "type": "object",
        "properties": {
            "line1": {"type": "string"},
            "city": {"type": "string"},
            "country": {"type": "string", "description": "ISO 3166-1 alpha-2."}
        },
        "x-apifox-orders": ["line1", "city", "country"],
        "x-apifox-ignore-properties": [],
        "x-apifox-folder": "Schemas"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_operations_asked_for_and_is_deterministic() {
        let text = spec(12);
        assert_eq!(text, spec(12));
        let document: Value = serde_json::from_str(&text).unwrap();
        let count: usize = document["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(count, 12);
        assert!(text.contains("#/components/schemas/Resource%201"));
    }
}
