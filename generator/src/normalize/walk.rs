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
    each_root(document, &mut |root, pointer| {
        visit_tree(root, pointer, visit)
    });
}

/// `visit` on `node` and every schema below it; `pointer` is `node`'s, and
/// is moved down and back up in place rather than built anew per schema.
fn visit_tree(
    node: &mut Value,
    pointer: &mut Pointer,
    visit: &mut dyn FnMut(&mut Value, &Pointer),
) {
    visit(node, pointer);
    for_each_child(node, pointer, &mut |child, child_pointer| {
        visit_tree(child, child_pointer, visit)
    });
}

/// Calls `f` on each direct sub-schema of the schema `node`, with `pointer`
/// (the node's) moved to the child's for the call.
pub fn for_each_child(
    node: &mut Value,
    pointer: &mut Pointer,
    f: &mut dyn FnMut(&mut Value, &mut Pointer),
) {
    let Value::Object(object) = node else { return };
    for (key, value) in object.iter_mut() {
        // Most keys of a schema (`type`, `description`, `example`…) hold no
        // schema: the pointer moves only under those that do.
        match (key.as_str(), value) {
            (key, Value::Object(children)) if SCHEMA_MAPS.contains(&key) => {
                let node = pointer.descend(key);
                for (name, child) in children.iter_mut() {
                    let parent = pointer.descend(name);
                    f(child, pointer);
                    pointer.ascend(parent);
                }
                pointer.ascend(node);
            }
            (key, child @ Value::Object(_)) if SCHEMA_SLOTS.contains(&key) => {
                let node = pointer.descend(key);
                f(child, pointer);
                pointer.ascend(node);
            }
            (key, Value::Array(children)) if SCHEMA_LISTS.contains(&key) || key == "items" => {
                let node = pointer.descend(key);
                for (index, child) in children.iter_mut().enumerate() {
                    let parent = pointer.descend(index);
                    f(child, pointer);
                    pointer.ascend(parent);
                }
                pointer.ascend(node);
            }
            ("x-apifox-refs", Value::Object(entries)) => {
                let node = pointer.descend("x-apifox-refs");
                for (id, entry) in entries.iter_mut() {
                    let Some(Value::Object(overrides)) = entry.get_mut("x-apifox-overrides") else {
                        continue;
                    };
                    let entry_parent = pointer.descend(id);
                    pointer.descend("x-apifox-overrides");
                    for (name, child) in overrides.iter_mut() {
                        if child.is_object() {
                            let parent = pointer.descend(name);
                            f(child, pointer);
                            pointer.ascend(parent);
                        }
                    }
                    pointer.ascend(entry_parent);
                }
                pointer.ascend(node);
            }
            _ => {}
        }
    }
}

/// Calls `f` on every schema that is not inside another schema, in
/// document order: components first, then paths.
///
/// The roots are reached in one descent, not collected as pointers and
/// looked up again: every pass starts here, and the lookups (a hashed key
/// per level per root) were a third of a pass on a large spec.
pub fn each_root(document: &mut Value, f: &mut Visit<'_>) {
    let root = Pointer::root();
    if let Some(Value::Object(components)) = document.get_mut("components") {
        let components_pointer = root.push("components");
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let kind_pointer = components_pointer.push(kind);
            for (name, entry) in entries.iter_mut() {
                let mut pointer = kind_pointer.push(name);
                match kind.as_str() {
                    "schemas" => f(entry, &mut pointer),
                    "parameters" | "headers" => parameter_roots(entry, &pointer, f),
                    "requestBodies" => content_roots(entry, &pointer, f),
                    "responses" => response_roots(entry, &pointer, f),
                    _ => {}
                }
            }
        }
    }
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        let paths_pointer = root.push("paths");
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else {
                continue;
            };
            let item_pointer = paths_pointer.push(path);
            parameter_list_roots(item, &item_pointer, f);
            for method in METHODS {
                let Some(Value::Object(operation)) = item.get_mut(method) else {
                    continue;
                };
                let operation_pointer = item_pointer.push(method);
                parameter_list_roots(operation, &operation_pointer, f);
                if let Some(body) = operation.get_mut("requestBody") {
                    content_roots(body, &operation_pointer.push("requestBody"), f);
                }
                if let Some(Value::Object(responses)) = operation.get_mut("responses") {
                    let responses_pointer = operation_pointer.push("responses");
                    for (status, response) in responses.iter_mut() {
                        response_roots(response, &responses_pointer.push(status), f);
                    }
                }
            }
        }
    }
}

/// What [`each_root`] calls on each root: the pointer is the root's, for
/// the callee to move down and back up ([`for_each_child`]).
type Visit<'f> = dyn FnMut(&mut Value, &mut Pointer) + 'f;

fn parameter_list_roots(owner: &mut Map<String, Value>, pointer: &Pointer, f: &mut Visit<'_>) {
    let Some(Value::Array(parameters)) = owner.get_mut("parameters") else {
        return;
    };
    let pointer = pointer.push("parameters");
    for (index, parameter) in parameters.iter_mut().enumerate() {
        parameter_roots(parameter, &pointer.push(index), f);
    }
}

fn parameter_roots(parameter: &mut Value, pointer: &Pointer, f: &mut Visit<'_>) {
    if let Some(schema) = parameter.get_mut("schema") {
        f(schema, &mut pointer.push("schema"));
    }
    content_roots(parameter, pointer, f);
}

fn response_roots(response: &mut Value, pointer: &Pointer, f: &mut Visit<'_>) {
    content_roots(response, pointer, f);
    if let Some(Value::Object(headers)) = response.get_mut("headers") {
        let headers_pointer = pointer.push("headers");
        for (name, header) in headers.iter_mut() {
            parameter_roots(header, &headers_pointer.push(name), f);
        }
    }
}

fn content_roots(owner: &mut Value, pointer: &Pointer, f: &mut Visit<'_>) {
    let Some(Value::Object(content)) = owner.get_mut("content") else {
        return;
    };
    let content_pointer = pointer.push("content");
    for (media_type, media) in content.iter_mut() {
        if let Some(schema) = media.get_mut("schema") {
            f(schema, &mut content_pointer.push(media_type).push("schema"));
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
