//! Visiting every schema of a document.
//!
//! Schemas sit at many places in an OpenAPI document (components, parameter
//! and header schemas, media types) and nest inside each other (properties,
//! items, compositions) and inside apifox's reference overrides. The passes
//! of this stage all need the same traversal, so it is written once here.

use serde_json::{Map, Value};

use crate::diagnostics::Pointer;

/// The HTTP methods an OpenAPI path item may hold.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keys whose value is a map from names to schemas.
const SCHEMA_MAPS: [&str; 2] = ["properties", "patternProperties"];
/// Keys whose value is a single schema.
const SCHEMA_SLOTS: [&str; 4] = ["items", "additionalProperties", "not", "contains"];
/// Keys whose value is a list of schemas.
const SCHEMA_LISTS: [&str; 4] = ["allOf", "oneOf", "anyOf", "prefixItems"];

/// Calls `visit` on every schema of `document`, children after their parent
/// (pre-order), with the schema's pointer. `visit` may rewrite the node; the
/// traversal then continues into the rewritten node.
pub fn each_schema(document: &mut Value, visit: &mut dyn FnMut(&mut Value, &Pointer)) {
    for root in schema_roots(document) {
        if let Some(node) = document.pointer_mut(root.as_str()) {
            visit_tree(node, &root, visit);
        }
    }
}

fn visit_tree(node: &mut Value, pointer: &Pointer, visit: &mut dyn FnMut(&mut Value, &Pointer)) {
    visit(node, pointer);
    for_each_child(node, pointer, &mut |child, child_pointer| {
        visit_tree(child, child_pointer, visit)
    });
}

/// Calls `f` on each direct sub-schema of the schema `node`.
pub fn for_each_child(
    node: &mut Value,
    pointer: &Pointer,
    f: &mut dyn FnMut(&mut Value, &Pointer),
) {
    let Value::Object(object) = node else { return };
    for (key, value) in object.iter_mut() {
        let key_pointer = pointer.push(key);
        match (key.as_str(), value) {
            (key, Value::Object(children)) if SCHEMA_MAPS.contains(&key) => {
                for (name, child) in children.iter_mut() {
                    f(child, &key_pointer.push(name));
                }
            }
            (key, child @ Value::Object(_)) if SCHEMA_SLOTS.contains(&key) => {
                f(child, &key_pointer)
            }
            (key, Value::Array(children)) if SCHEMA_LISTS.contains(&key) || key == "items" => {
                for (index, child) in children.iter_mut().enumerate() {
                    f(child, &key_pointer.push(index));
                }
            }
            ("x-apifox-refs", Value::Object(entries)) => {
                for (id, entry) in entries.iter_mut() {
                    let entry_pointer = key_pointer.push(id);
                    let Some(Value::Object(overrides)) = entry.get_mut("x-apifox-overrides") else {
                        continue;
                    };
                    let overrides_pointer = entry_pointer.push("x-apifox-overrides");
                    for (name, child) in overrides.iter_mut() {
                        if child.is_object() {
                            f(child, &overrides_pointer.push(name));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The pointers of every schema that is not inside another schema.
pub fn schema_roots(document: &Value) -> Vec<Pointer> {
    let mut roots = Vec::new();
    let root = Pointer::root();
    if let Some(components) = document.get("components").and_then(Value::as_object) {
        let components_pointer = root.push("components");
        for (kind, entries) in components {
            let Some(entries) = entries.as_object() else {
                continue;
            };
            let kind_pointer = components_pointer.push(kind);
            for (name, entry) in entries {
                let pointer = kind_pointer.push(name);
                match kind.as_str() {
                    "schemas" => roots.push(pointer),
                    "parameters" | "headers" => parameter_roots(entry, &pointer, &mut roots),
                    "requestBodies" => content_roots(entry, &pointer, &mut roots),
                    "responses" => response_roots(entry, &pointer, &mut roots),
                    _ => {}
                }
            }
        }
    }
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        let paths_pointer = root.push("paths");
        for (path, item) in paths {
            let item_pointer = paths_pointer.push(path);
            let Some(item) = item.as_object() else {
                continue;
            };
            parameter_list_roots(item, &item_pointer, &mut roots);
            for method in METHODS {
                let Some(operation) = item.get(method).and_then(Value::as_object) else {
                    continue;
                };
                let operation_pointer = item_pointer.push(method);
                parameter_list_roots(operation, &operation_pointer, &mut roots);
                if let Some(body) = operation.get("requestBody") {
                    content_roots(body, &operation_pointer.push("requestBody"), &mut roots);
                }
                if let Some(responses) = operation.get("responses").and_then(Value::as_object) {
                    let responses_pointer = operation_pointer.push("responses");
                    for (status, response) in responses {
                        response_roots(response, &responses_pointer.push(status), &mut roots);
                    }
                }
            }
        }
    }
    roots
}

fn parameter_list_roots(owner: &Map<String, Value>, pointer: &Pointer, roots: &mut Vec<Pointer>) {
    let Some(parameters) = owner.get("parameters").and_then(Value::as_array) else {
        return;
    };
    let pointer = pointer.push("parameters");
    for (index, parameter) in parameters.iter().enumerate() {
        parameter_roots(parameter, &pointer.push(index), roots);
    }
}

fn parameter_roots(parameter: &Value, pointer: &Pointer, roots: &mut Vec<Pointer>) {
    if parameter.get("schema").is_some() {
        roots.push(pointer.push("schema"));
    }
    content_roots(parameter, pointer, roots);
}

fn response_roots(response: &Value, pointer: &Pointer, roots: &mut Vec<Pointer>) {
    content_roots(response, pointer, roots);
    if let Some(headers) = response.get("headers").and_then(Value::as_object) {
        let headers_pointer = pointer.push("headers");
        for (name, header) in headers {
            parameter_roots(header, &headers_pointer.push(name), roots);
        }
    }
}

fn content_roots(owner: &Value, pointer: &Pointer, roots: &mut Vec<Pointer>) {
    let Some(content) = owner.get("content").and_then(Value::as_object) else {
        return;
    };
    let content_pointer = pointer.push("content");
    for (media_type, media) in content {
        if media.get("schema").is_some() {
            roots.push(content_pointer.push(media_type).push("schema"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_nested_schemas_and_apifox_overrides() {
        let mut document = json!({
            "paths": {"/a": {"post": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"list": {"type": "array", "items": {"type": "integer"}}}
                }}}},
                "responses": {"200": {"content": {"application/json": {"schema": {
                    "x-apifox-refs": {"01": {"$ref": "#/components/schemas/A",
                        "x-apifox-overrides": {"gone": null, "kept": {"type": "string"}}}}
                }}}}}
            }}},
            "components": {"schemas": {"A": {"allOf": [{"type": "object"}]}}}
        });
        let mut seen = Vec::new();
        each_schema(&mut document, &mut |_, pointer| {
            seen.push(pointer.as_str().to_owned())
        });
        assert_eq!(
            seen,
            [
                "/components/schemas/A",
                "/components/schemas/A/allOf/0",
                "/paths/~1a/post/parameters/0/schema",
                "/paths/~1a/post/requestBody/content/application~1json/schema",
                "/paths/~1a/post/requestBody/content/application~1json/schema/properties/list",
                "/paths/~1a/post/requestBody/content/application~1json/schema/properties/list/items",
                "/paths/~1a/post/responses/200/content/application~1json/schema",
                "/paths/~1a/post/responses/200/content/application~1json/schema/x-apifox-refs/01/x-apifox-overrides/kept",
            ]
        );
    }
}
