//! Visiting every schema of a document.
//!
//! Schemas sit at many places in an OpenAPI document (components, parameter
//! and header schemas, media types) and nest inside each other (properties,
//! items, compositions) and inside apifox's reference overrides. The passes
//! of this stage all need the same traversal, so it is written once here.

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::diagnostics::{Pending, Pointer};

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
pub fn each_root(document: &mut Value, f: &mut Visit<'_>) {
    for (mut pointer, root) in roots(document) {
        f(root, &mut pointer);
    }
}

/// What [`each_root`] calls on each root: the pointer is the root's, for
/// the callee to move down and back up ([`for_each_child`]).
type Visit<'f> = dyn FnMut(&mut Value, &mut Pointer) + 'f;

/// [`each_root`] on the pool, for passes whose work on a root reads
/// nothing another root changes. `visit` records warnings in the sink it
/// is given; they come back in document order, as a walk on one thread
/// would have found them.
pub fn each_root_in_parallel(
    document: &mut Value,
    visit: &(dyn Fn(&mut Value, &mut Pointer, &mut Pending) + Sync),
) -> Pending {
    let found: Vec<Pending> = roots(document)
        .into_par_iter()
        .map(|(mut pointer, root)| {
            let mut pending = Pending::default();
            visit(root, &mut pointer, &mut pending);
            pending
        })
        .collect();
    found.into_iter().collect()
}

/// [`each_schema`] with the roots visited in parallel, for passes whose
/// rewrite of a schema reads nothing outside it; the warnings come back
/// in document order.
pub fn each_schema_in_parallel(
    document: &mut Value,
    visit: &(dyn Fn(&mut Value, &Pointer, &mut Pending) + Sync),
) -> Pending {
    each_root_in_parallel(document, &|root, pointer, pending| {
        visit_tree(root, pointer, &mut |node, pointer| {
            visit(node, pointer, pending)
        });
    })
}

/// Calls `visit` on every entry of `map`, the node at `pointer`, in
/// parallel, with the entry's pointer; the warnings come back in the
/// entries' order. For passes over the whole document, whose bulk is the
/// entries of `paths`.
pub fn each_entry_in_parallel(
    map: &mut Map<String, Value>,
    pointer: &Pointer,
    visit: &(dyn Fn(&mut Value, &mut Pointer, &mut Pending) + Sync),
) -> Pending {
    let found: Vec<Pending> = map
        .iter_mut()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(key, value)| {
            let mut pending = Pending::default();
            visit(value, &mut pointer.push(key), &mut pending);
            pending
        })
        .collect();
    found.into_iter().collect()
}

/// [`each_schema_in_parallel`] for a rewrite that needs neither the
/// schema's pointer nor warnings.
pub fn rewrite_each_schema(document: &mut Value, rewrite: &(dyn Fn(&mut Value) + Sync)) {
    let _none = each_schema_in_parallel(document, &|node, _, _| rewrite(node));
}

/// Every schema of `document` that is not inside another schema, with its
/// pointer, in document order: components first, then paths.
///
/// The roots are reached in one descent, not collected as pointers and
/// looked up again: every pass starts here, and the lookups (a hashed key
/// per level per root) were a third of a pass on a large spec. Each root is
/// a mutable borrow of its own, which is what lets a pass visit them on
/// several threads.
pub fn roots(document: &mut Value) -> Vec<(Pointer, &mut Value)> {
    let mut roots = Vec::new();
    let Value::Object(document) = document else {
        return roots;
    };
    let mut components = None;
    let mut paths = None;
    for (key, value) in document.iter_mut() {
        match (key.as_str(), value) {
            ("components", Value::Object(value)) => components = Some(value),
            ("paths", Value::Object(value)) => paths = Some(value),
            _ => {}
        }
    }
    // One pointer moves down and back up; each root gets a copy.
    let mut pointer = Pointer::root();
    if let Some(components) = components {
        let top = pointer.descend("components");
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let parent = pointer.descend(kind);
            for (name, entry) in entries.iter_mut() {
                let at = pointer.descend(name);
                match kind.as_str() {
                    "schemas" => roots.push((pointer.clone(), entry)),
                    "parameters" | "headers" => parameter_roots(entry, &mut pointer, &mut roots),
                    "requestBodies" => content_roots(entry, &mut pointer, &mut roots),
                    "responses" => response_roots(entry, &mut pointer, &mut roots),
                    _ => {}
                }
                pointer.ascend(at);
            }
            pointer.ascend(parent);
        }
        pointer.ascend(top);
    }
    if let Some(paths) = paths {
        let top = pointer.descend("paths");
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else {
                continue;
            };
            let at = pointer.descend(path);
            // The item's own parameters first, then its operations in
            // `METHODS` order, whatever order the keys are in.
            let mut parameters = None;
            let mut operations: [Option<&mut Map<String, Value>>; METHODS.len()] =
                Default::default();
            for (key, value) in item.iter_mut() {
                if key == "parameters" {
                    parameters = Some(value);
                } else if let (Some(slot), Value::Object(operation)) =
                    (METHODS.iter().position(|method| method == key), value)
                {
                    operations[slot] = Some(operation);
                }
            }
            if let Some(parameters) = parameters {
                parameter_list_roots(parameters, &mut pointer, &mut roots);
            }
            for (method, operation) in METHODS.iter().zip(operations) {
                if let Some(operation) = operation {
                    let parent = pointer.descend(method);
                    operation_roots(operation, &mut pointer, &mut roots);
                    pointer.ascend(parent);
                }
            }
            pointer.ascend(at);
        }
        pointer.ascend(top);
    }
    roots
}

/// The roots found so far, in document order.
type Roots<'a> = Vec<(Pointer, &'a mut Value)>;

// Each of the following takes the pointer of the node it is given, moves it
// down to the roots below and leaves it where it found it.

fn operation_roots<'a>(
    operation: &'a mut Map<String, Value>,
    pointer: &mut Pointer,
    roots: &mut Roots<'a>,
) {
    let [parameters, body, responses] =
        values_of(operation, ["parameters", "requestBody", "responses"]);
    if let Some(parameters) = parameters {
        parameter_list_roots(parameters, pointer, roots);
    }
    if let Some(body) = body {
        let parent = pointer.descend("requestBody");
        content_roots(body, pointer, roots);
        pointer.ascend(parent);
    }
    if let Some(Value::Object(responses)) = responses {
        let parent = pointer.descend("responses");
        for (status, response) in responses.iter_mut() {
            let at = pointer.descend(status);
            response_roots(response, pointer, roots);
            pointer.ascend(at);
        }
        pointer.ascend(parent);
    }
}

fn parameter_list_roots<'a>(
    parameters: &'a mut Value,
    pointer: &mut Pointer,
    roots: &mut Roots<'a>,
) {
    let Value::Array(parameters) = parameters else {
        return;
    };
    let parent = pointer.descend("parameters");
    for (index, parameter) in parameters.iter_mut().enumerate() {
        let at = pointer.descend(index);
        parameter_roots(parameter, pointer, roots);
        pointer.ascend(at);
    }
    pointer.ascend(parent);
}

fn parameter_roots<'a>(parameter: &'a mut Value, pointer: &mut Pointer, roots: &mut Roots<'a>) {
    let Value::Object(parameter) = parameter else {
        return;
    };
    let [schema, content] = values_of(parameter, ["schema", "content"]);
    if let Some(schema) = schema {
        roots.push((pointer.push("schema"), schema));
    }
    if let Some(content) = content {
        media_roots(content, pointer, roots);
    }
}

fn response_roots<'a>(response: &'a mut Value, pointer: &mut Pointer, roots: &mut Roots<'a>) {
    let Value::Object(response) = response else {
        return;
    };
    let [content, headers] = values_of(response, ["content", "headers"]);
    if let Some(content) = content {
        media_roots(content, pointer, roots);
    }
    if let Some(Value::Object(headers)) = headers {
        let parent = pointer.descend("headers");
        for (name, header) in headers.iter_mut() {
            let at = pointer.descend(name);
            parameter_roots(header, pointer, roots);
            pointer.ascend(at);
        }
        pointer.ascend(parent);
    }
}

/// The values of `keys` in `object`, each a mutable borrow of its own (a
/// lookup per key would borrow the whole object each time).
fn values_of<'a, const N: usize>(
    object: &'a mut Map<String, Value>,
    keys: [&str; N],
) -> [Option<&'a mut Value>; N] {
    let mut found = std::array::from_fn(|_| None);
    for (key, value) in object.iter_mut() {
        if let Some(slot) = keys.iter().position(|wanted| wanted == key) {
            found[slot] = Some(value);
        }
    }
    found
}

fn content_roots<'a>(owner: &'a mut Value, pointer: &mut Pointer, roots: &mut Roots<'a>) {
    if let Some(content) = owner.get_mut("content") {
        media_roots(content, pointer, roots);
    }
}

/// The schemas of `content`, the `content` map of the node at `pointer`.
fn media_roots<'a>(content: &'a mut Value, pointer: &mut Pointer, roots: &mut Roots<'a>) {
    let Value::Object(content) = content else {
        return;
    };
    let parent = pointer.descend("content");
    for (media_type, media) in content.iter_mut() {
        if let Some(schema) = media.get_mut("schema") {
            let at = pointer.descend(media_type);
            roots.push((pointer.push("schema"), schema));
            pointer.ascend(at);
        }
    }
    pointer.ascend(parent);
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

    #[test]
    fn the_parallel_walk_warns_in_document_order() {
        // Enough path items for the pool to split them between threads.
        let mut paths = serde_json::Map::new();
        for index in 0..64 {
            paths.insert(
                format!("/items/{index}"),
                json!({"get": {
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"a": {"type": "array", "items": {"type": "integer"}}}
                    }}}}}
                }}),
            );
        }
        let mut document = json!({
            "paths": paths,
            "components": {"schemas": {"A": {"properties": {"b": {"type": "string"}}}}}
        });
        let mut in_order = Vec::new();
        each_schema(&mut document, &mut |_, pointer| {
            in_order.push(pointer.clone())
        });
        let pending = each_schema_in_parallel(&mut document, &|_, pointer, pending| {
            pending.warn(pointer, "seen")
        });
        let mut diagnostics = crate::diagnostics::Diagnostics::new(Default::default());
        diagnostics.record(pending);
        let found: Vec<Pointer> = diagnostics
            .warnings()
            .iter()
            .map(|warning| warning.location.pointer.clone())
            .collect();
        assert_eq!(found.len(), 1 + 1 + 64 * 4);
        assert_eq!(found, in_order);
    }
}
