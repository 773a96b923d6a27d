//! Making hand-edited exports readable by the typed OpenAPI model.
//!
//! Real exports hold values of the wrong JSON type (`required: true` on a
//! property, `minimum: "0"`, `items: [...]`, a schema that is a string),
//! Swagger 2 leftovers (`type: file`) and security schemes of made-up types.
//! The `openapiv3` crate rejects a whole document for one such value, so this
//! pass repairs what has an obvious meaning and removes or replaces the rest
//! with an untyped schema, warning with the node's location. Parts the
//! generator never reads (links, callbacks, response headers, encodings,
//! named examples) are dropped rather than validated.

use serde_json::{Map, Value};

use crate::normalize::walk::{self, METHODS};

mod schema;
mod security;
mod values;

use crate::diagnostics::{Diagnostics, Pointer};
use security::{expand_combinations, sanitize_security_requirements, sanitize_security_scheme};
use values::text_of;

/// Repairs `document` in place.
pub fn sanitize(document: &mut Value, diagnostics: &mut Diagnostics) {
    let Value::Object(root) = document else {
        return;
    };
    sanitize_info(root);
    keep_if(root, "servers", |servers| {
        let Value::Array(servers) = servers else {
            return false;
        };
        servers.retain(|server| server.get("url").is_some_and(Value::is_string));
        for server in servers.iter_mut() {
            if let Value::Object(server) = server {
                server.retain(|key, value| match key.as_str() {
                    "url" => true,
                    "description" => value.is_string(),
                    _ => false,
                });
            }
        }
        true
    });
    keep_if(root, "tags", |tags| {
        let Value::Array(tags) = tags else {
            return false;
        };
        tags.retain(|tag| tag.get("name").is_some_and(Value::is_string));
        for tag in tags.iter_mut() {
            if let Value::Object(tag) = tag {
                tag.retain(|key, value| {
                    key == "name" || (key == "description" && value.is_string())
                });
            }
        }
        true
    });
    keep_if(root, "security", sanitize_security_requirements);
    expand_combinations(root, diagnostics);
    root.remove("externalDocs");
    root.remove("webhooks");

    let root_pointer = Pointer::root();
    if let Some(Value::Object(components)) = root.get_mut("components") {
        let pointer = root_pointer.push("components");
        components.retain(|kind, _| {
            matches!(
                kind.as_str(),
                "schemas" | "responses" | "parameters" | "requestBodies" | "securitySchemes"
            )
        });
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                *entries = Value::Object(Map::new());
                continue;
            };
            let kind_pointer = pointer.push(kind);
            entries.retain(|name, entry| {
                let entry_pointer = kind_pointer.push(name);
                match kind.as_str() {
                    "responses" => sanitize_response(entry),
                    "parameters" => sanitize_parameter(entry, &entry_pointer, diagnostics),
                    "requestBodies" => sanitize_request_body(entry),
                    "securitySchemes" => {
                        sanitize_security_scheme(entry, &entry_pointer, diagnostics)
                    }
                    _ => true,
                }
            });
        }
    }
    sanitize_paths(root, diagnostics);
    diagnostics.record(walk::each_schema_in_parallel(
        document,
        &schema::repair_schema,
    ));
}

fn sanitize_info(root: &mut Map<String, Value>) {
    let info = root
        .entry("info")
        .or_insert_with(|| Value::Object(Map::new()));
    if !info.is_object() {
        *info = Value::Object(Map::new());
    }
    let Value::Object(info) = info else {
        unreachable!()
    };
    for key in ["title", "version"] {
        let value = info
            .entry(key)
            .or_insert_with(|| Value::String(String::new()));
        if !value.is_string() {
            *value = Value::String(text_of(value));
        }
    }
    info.retain(|key, value| match key.as_str() {
        "title" | "version" => true,
        "description" => value.is_string(),
        _ => false,
    });
}

fn sanitize_paths(root: &mut Map<String, Value>, diagnostics: &mut Diagnostics) {
    let paths = root
        .entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(paths) = paths else {
        *paths = Value::Object(Map::new());
        return;
    };
    let paths_pointer = Pointer::root().push("paths");
    paths.retain(|path, item| {
        let item_pointer = paths_pointer.push(path);
        let Value::Object(item) = item else {
            diagnostics.warn(
                &item_pointer,
                "a path item must be a mapping; the path is skipped",
            );
            return false;
        };
        item.retain(|key, _| METHODS.contains(&key.as_str()) || key == "parameters");
        sanitize_parameter_list(item, &item_pointer, diagnostics);
        item.retain(|method, operation| {
            if method == "parameters" {
                return true;
            }
            let operation_pointer = item_pointer.push(method);
            let Value::Object(operation) = operation else {
                diagnostics.warn(
                    &operation_pointer,
                    "an operation must be a mapping; the operation is skipped",
                );
                return false;
            };
            sanitize_operation(operation, &operation_pointer, diagnostics);
            true
        });
        true
    });
}

fn sanitize_operation(
    operation: &mut Map<String, Value>,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) {
    operation.remove("callbacks");
    operation.remove("externalDocs");
    operation.remove("servers");
    for key in ["summary", "description", "operationId"] {
        keep_if(operation, key, |value| value.is_string());
    }
    keep_if(operation, "deprecated", |value| value.is_boolean());
    keep_if(operation, "tags", |tags| {
        let Value::Array(tags) = tags else {
            return false;
        };
        tags.retain(Value::is_string);
        true
    });
    keep_if(operation, "security", sanitize_security_requirements);
    sanitize_parameter_list(operation, pointer, diagnostics);
    keep_if(operation, "requestBody", sanitize_request_body);
    let responses = operation
        .entry("responses")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(responses) = responses {
        // `"200 "` is a hand-edited `200`.
        let entries = std::mem::take(responses);
        for (status, mut response) in entries {
            let status = status.trim().to_owned();
            let is_status =
                status == "default" || status.chars().all(|c| c.is_ascii_alphanumeric());
            if is_status && sanitize_response(&mut response) && !responses.contains_key(&status) {
                responses.insert(status, response);
            }
        }
    } else {
        *responses = Value::Object(Map::new());
    }
}

fn sanitize_parameter_list(
    owner: &mut Map<String, Value>,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) {
    let Some(parameters) = owner.get_mut("parameters") else {
        return;
    };
    let Value::Array(list) = parameters else {
        owner.remove("parameters");
        return;
    };
    let list_pointer = pointer.push("parameters");
    let mut index = 0;
    list.retain_mut(|parameter| {
        let keep = sanitize_parameter(parameter, &list_pointer.push(index), diagnostics);
        index += 1;
        keep
    });
}

/// Repairs a parameter; returns whether to keep it.
fn sanitize_parameter(
    parameter: &mut Value,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) -> bool {
    let Value::Object(object) = parameter else {
        diagnostics.warn(pointer, "a parameter must be a mapping; it is skipped");
        return false;
    };
    if object.contains_key("$ref") {
        return object.get("$ref").is_some_and(Value::is_string);
    }
    let location = object.get("in").and_then(Value::as_str).unwrap_or_default();
    if !matches!(location, "query" | "header" | "path" | "cookie") {
        diagnostics.warn(
            pointer,
            format!("a parameter must be `in` query, header, path or cookie, not `{location}`; it is skipped"),
        );
        return false;
    }
    let Some(name) = object.get("name").filter(|name| name.is_string()) else {
        diagnostics.warn(pointer, "a parameter needs a `name`; it is skipped");
        return false;
    };
    if name.as_str().is_some_and(|name| name.trim().is_empty()) {
        diagnostics.warn(pointer, "a parameter has an empty `name`; it is skipped");
        return false;
    }
    let styles: &[&str] = match location {
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "path" => &["matrix", "label", "simple"],
        "header" => &["simple"],
        _ => &["form"],
    };
    object.retain(|key, value| match key.as_str() {
        "name" | "in" | "schema" | "content" | "example" => true,
        "required" | "explode" | "allowReserved" | "allowEmptyValue" | "deprecated" => {
            value.is_boolean()
        }
        "description" => value.is_string(),
        "style" => value.as_str().is_some_and(|style| styles.contains(&style)),
        _ => key.starts_with("x-"),
    });
    if object.contains_key("schema") {
        object.remove("content");
        if !object.get("schema").is_some_and(Value::is_object) {
            object.insert("schema".to_owned(), Value::Object(Map::new()));
        }
    } else if !sanitize_content_slot(object) {
        object.insert("schema".to_owned(), Value::Object(Map::new()));
    }
    true
}

fn sanitize_request_body(body: &mut Value) -> bool {
    let Value::Object(object) = body else {
        return false;
    };
    if object.contains_key("$ref") {
        return object.get("$ref").is_some_and(Value::is_string);
    }
    object.retain(|key, value| match key.as_str() {
        "content" => true,
        "required" => value.is_boolean(),
        "description" => value.is_string(),
        _ => key.starts_with("x-"),
    });
    sanitize_content_slot(object);
    true
}

fn sanitize_response(response: &mut Value) -> bool {
    let Value::Object(object) = response else {
        return false;
    };
    if object.contains_key("$ref") {
        return object.get("$ref").is_some_and(Value::is_string);
    }
    object.retain(|key, _| key == "description" || key == "content" || key.starts_with("x-"));
    let description = object
        .entry("description")
        .or_insert_with(|| Value::String(String::new()));
    if !description.is_string() {
        *description = Value::String(text_of(description));
    }
    sanitize_content_slot(object);
    true
}

/// Keeps `content` a mapping of media types that each have at most a schema
/// and examples; returns whether any media type is left.
fn sanitize_content_slot(owner: &mut Map<String, Value>) -> bool {
    let Some(Value::Object(content)) = owner.get_mut("content") else {
        owner.remove("content");
        return false;
    };
    content.retain(|_, media| {
        let Value::Object(media) = media else {
            return false;
        };
        media.retain(|key, value| match key.as_str() {
            "schema" => value.is_object(),
            "example" => true,
            "examples" => {
                let Value::Object(examples) = value else {
                    return false;
                };
                examples.retain(|_, example| {
                    let Value::Object(example) = example else {
                        return false;
                    };
                    example.retain(|key, value| match key.as_str() {
                        "summary" | "description" => value.is_string(),
                        "value" => true,
                        _ => false,
                    });
                    true
                });
                true
            }
            _ => key.starts_with("x-"),
        });
        true
    });
    !content.is_empty()
}

/// Keeps `map[key]` only if `check` accepts it, after `check` has repaired
/// it in place.
fn keep_if(map: &mut Map<String, Value>, key: &str, check: impl FnOnce(&mut Value) -> bool) {
    if let Some(value) = map.get_mut(key)
        && !check(value)
    {
        map.remove(key);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;
    use serde_json::json;

    /// The sanitized document and the warnings, as text.
    pub(in crate::normalize) fn sanitized(mut document: Value) -> (Value, Vec<String>) {
        let mut diagnostics = Diagnostics::new(SourceMap::default());
        sanitize(&mut document, &mut diagnostics);
        let warnings = diagnostics
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        (document, warnings)
    }

    #[test]
    fn operations_get_the_fields_the_model_requires() {
        let (document, _) = sanitized(json!({
            "paths": {"/a": {"get": {"parameters": [
                {"name": "q", "in": "query"},
                {"name": "bad", "in": "body"}
            ], "responses": {"200": {"content": {"application/json": {"schema": {}}}}}}}}
        }));
        let operation = &document["paths"]["/a"]["get"];
        assert_eq!(
            operation["parameters"],
            json!([{"name": "q", "in": "query", "schema": {}}])
        );
        assert_eq!(operation["responses"]["200"]["description"], "");
        assert_eq!(document["info"], json!({"title": "", "version": ""}));
    }
}
