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

use super::walk::{self, METHODS};
use crate::diagnostics::{Diagnostics, Pointer};

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
    walk::each_schema(document, &mut |node, pointer| {
        sanitize_schema(node, pointer, diagnostics)
    });
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
        responses.retain(|status, response| {
            (status == "default" || status.chars().all(|c| c.is_ascii_alphanumeric()))
                && sanitize_response(response)
        });
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

fn sanitize_security_requirements(requirements: &mut Value) -> bool {
    let Value::Array(list) = requirements else {
        return false;
    };
    list.retain_mut(|requirement| {
        let Value::Object(requirement) = requirement else {
            return false;
        };
        requirement.retain(|_, scopes| {
            if let Value::Array(items) = scopes {
                items.retain(Value::is_string);
                true
            } else {
                false
            }
        });
        true
    });
    true
}

/// Rewrites a security scheme into one of the forms the typed model reads;
/// returns whether to keep it. OAuth 2 and OpenID Connect are read as bearer
/// tokens: the SDK is handed a token, it does not run the flows.
fn sanitize_security_scheme(
    scheme: &mut Value,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) -> bool {
    let Value::Object(object) = scheme else {
        return false;
    };
    let description = object.get("description").filter(|d| d.is_string()).cloned();
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut clean = Map::new();
    match kind.as_str() {
        "apiKey" => {
            let location = object.get("in").and_then(Value::as_str).unwrap_or("header");
            let Some(name) = object.get("name").and_then(Value::as_str) else {
                diagnostics.warn(
                    pointer,
                    "an `apiKey` security scheme needs a `name`; it is ignored",
                );
                return false;
            };
            if !matches!(location, "header" | "query" | "cookie") {
                diagnostics.warn(
                    pointer,
                    format!("an `apiKey` cannot be sent `in: {location}`; it is ignored"),
                );
                return false;
            }
            clean.insert("type".into(), "apiKey".into());
            clean.insert("in".into(), location.into());
            clean.insert("name".into(), name.into());
        }
        "http" | "bearer" | "basic" | "oauth2" | "openIdConnect" => {
            let scheme_name = match kind.as_str() {
                "http" => object
                    .get("scheme")
                    .and_then(Value::as_str)
                    .unwrap_or("bearer")
                    .to_ascii_lowercase(),
                "basic" => "basic".to_owned(),
                _ => "bearer".to_owned(),
            };
            clean.insert("type".into(), "http".into());
            clean.insert("scheme".into(), scheme_name.into());
        }
        other => {
            diagnostics.warn(
                pointer,
                format!("unknown security scheme type `{other}`; the scheme is ignored"),
            );
            return false;
        }
    }
    if let Some(description) = description {
        clean.insert("description".into(), description);
    }
    *object = clean;
    true
}

/// The JSON types the typed model expects for schema keywords.
#[derive(Clone, Copy)]
enum Expect {
    Bool,
    Text,
    Number,
    Count,
    Schema,
    SchemaOrBool,
    SchemaList,
    SchemaMap,
    TextList,
    List,
    Discriminator,
    Anything,
}

impl Expect {
    /// What the keyword's value should be, for messages.
    fn describe(self) -> &'static str {
        match self {
            Self::Bool => "a boolean",
            Self::Text => "text",
            Self::Number => "a number",
            Self::Count => "a non-negative integer",
            Self::Schema => "a schema (a mapping)",
            Self::SchemaOrBool => "a schema (a mapping) or a boolean",
            Self::SchemaList => "a list of schemas",
            Self::SchemaMap => "a mapping of schemas",
            Self::TextList => "a list of property names",
            Self::List => "a list",
            Self::Discriminator => "a discriminator with a `propertyName`",
            Self::Anything => "any value",
        }
    }
}

fn expected(key: &str) -> Option<Expect> {
    Some(match key {
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
        | "exclusiveMinimum" | "exclusiveMaximum" => Expect::Bool,
        "title" | "description" | "pattern" | "format" | "$ref" | "type" => Expect::Text,
        "multipleOf" | "minimum" | "maximum" => Expect::Number,
        "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minLength" | "maxLength" => {
            Expect::Count
        }
        "items" | "not" => Expect::Schema,
        "additionalProperties" => Expect::SchemaOrBool,
        "allOf" | "oneOf" | "anyOf" => Expect::SchemaList,
        "properties" => Expect::SchemaMap,
        "required" => Expect::TextList,
        "enum" => Expect::List,
        "discriminator" => Expect::Discriminator,
        "example" | "default" => Expect::Anything,
        _ => return None,
    })
}

/// Repairs one schema node (its children are visited separately).
fn sanitize_schema(node: &mut Value, pointer: &Pointer, diagnostics: &mut Diagnostics) {
    let Value::Object(schema) = node else {
        let found = json_kind(node);
        if !matches!(node, Value::Bool(true)) {
            diagnostics.warn(
                pointer,
                format!("expected a schema (a mapping), found {found}; the value is typed as `serde_json::Value`"),
            );
        }
        *node = Value::Object(Map::new());
        return;
    };
    lift_property_required_flags(schema);
    if let Some(Value::String(kind)) = schema.get("type").cloned() {
        fix_type_name(schema, &kind, pointer, diagnostics);
    }
    let keys: Vec<String> = schema.keys().cloned().collect();
    for key in keys {
        if key.starts_with("x-") {
            continue;
        }
        let Some(expect) = expected(&key) else {
            // Keywords the model does not know (`examples`, `$schema`,
            // `contentMediaType`…) would only be ignored by it; dropping
            // them keeps the model from tripping over their types.
            schema.remove(&key);
            continue;
        };
        let value = schema.get_mut(&key).expect("listed above");
        if !repair(value, expect) {
            diagnostics.warn(
                &pointer.push(&key),
                format!(
                    "`{key}` must be {}, found {}; it is ignored",
                    expect.describe(),
                    json_kind(value)
                ),
            );
            schema.remove(&key);
        }
    }
    if let Some(Value::Array(items)) = schema.get("items") {
        if !items.is_empty() {
            diagnostics.warn(
                &pointer.push("items"),
                "tuple arrays (a list under `items`) are not supported; items are typed as `serde_json::Value`",
            );
        }
        schema.insert("items".to_owned(), Value::Object(Map::new()));
    }
}

/// Brings `value` to the expected JSON type where that has an obvious
/// meaning; returns `false` when it cannot.
fn repair(value: &mut Value, expect: Expect) -> bool {
    match (expect, &*value) {
        (Expect::Bool, Value::Bool(_))
        | (Expect::Text, Value::String(_))
        | (Expect::Number, Value::Number(_))
        | (Expect::Schema, Value::Object(_) | Value::Array(_))
        | (Expect::SchemaOrBool, Value::Object(_) | Value::Bool(_))
        | (Expect::SchemaMap, Value::Object(_))
        | (Expect::List, Value::Array(_))
        | (Expect::Anything, _) => true,
        (Expect::Bool, Value::String(text)) if text == "true" || text == "false" => {
            *value = Value::Bool(text == "true");
            true
        }
        (Expect::Text, Value::Number(_) | Value::Bool(_)) => {
            *value = Value::String(text_of(value));
            true
        }
        (Expect::Number, Value::String(text)) => match text.trim().parse::<serde_json::Number>() {
            Ok(number) => {
                *value = Value::Number(number);
                true
            }
            Err(_) => false,
        },
        (Expect::Count, Value::Number(number)) => number.as_u64().is_some(),
        (Expect::Count, Value::String(text)) => match text.trim().parse::<u64>() {
            Ok(count) => {
                *value = Value::from(count);
                true
            }
            Err(_) => false,
        },
        (Expect::Schema, Value::Bool(true)) => {
            *value = Value::Object(Map::new());
            true
        }
        (Expect::SchemaList, Value::Array(items)) => {
            let items: Vec<Value> = items
                .iter()
                .filter(|item| item.is_object())
                .cloned()
                .collect();
            *value = Value::Array(items);
            true
        }
        (Expect::TextList, Value::Array(items)) => {
            let names: Vec<Value> = items
                .iter()
                .filter(|item| item.is_string())
                .cloned()
                .collect();
            *value = Value::Array(names);
            true
        }
        (Expect::Discriminator, Value::Object(object)) => {
            let Some(property) = object
                .get("propertyName")
                .filter(|p| p.is_string())
                .cloned()
            else {
                return false;
            };
            let mut clean = Map::new();
            clean.insert("propertyName".into(), property);
            if let Some(Value::Object(mapping)) = object.get("mapping") {
                let mapping: Map<String, Value> = mapping
                    .iter()
                    .filter(|(_, target)| target.is_string())
                    .map(|(key, target)| (key.clone(), target.clone()))
                    .collect();
                clean.insert("mapping".into(), Value::Object(mapping));
            }
            *value = Value::Object(clean);
            true
        }
        _ => false,
    }
}

/// Swagger 2 style `required: true` on a property means the parent lists
/// it as required.
fn lift_property_required_flags(schema: &mut Map<String, Value>) {
    let Some(Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    let mut lifted = Vec::new();
    for (name, property) in properties.iter_mut() {
        if let Some(Value::Bool(flag)) = property.get("required").cloned() {
            if flag {
                lifted.push(Value::String(name.clone()));
            }
            if let Value::Object(property) = property {
                property.remove("required");
            }
        }
    }
    if lifted.is_empty() {
        return;
    }
    let required = schema
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(required) = required {
        for name in lifted {
            if !required.contains(&name) {
                required.push(name);
            }
        }
    }
}

/// Maps type names that are not OpenAPI's onto the OpenAPI ones.
fn fix_type_name(
    schema: &mut Map<String, Value>,
    kind: &str,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) {
    let normalized = kind.trim().to_ascii_lowercase();
    let (name, format) = match normalized.as_str() {
        "string" | "number" | "integer" | "boolean" | "array" | "object" => {
            (normalized.as_str(), None)
        }
        "file" | "binary" => ("string", Some("binary")),
        "int" | "long" | "int32" | "int64" => ("integer", None),
        "float" | "double" | "decimal" => ("number", None),
        "bool" => ("boolean", None),
        "date" | "datetime" | "date-time" | "text" | "str" => ("string", None),
        "map" | "dict" => ("object", None),
        "list" => ("array", None),
        _ => {
            diagnostics.warn(
                &pointer.push("type"),
                format!("unknown type `{kind}`; the value is typed as `serde_json::Value`"),
            );
            schema.remove("type");
            return;
        }
    };
    schema.insert("type".to_owned(), Value::String(name.to_owned()));
    if let Some(format) = format {
        schema.insert("format".to_owned(), Value::String(format.to_owned()));
    }
}

fn keep_if(map: &mut Map<String, Value>, key: &str, check: impl FnOnce(&mut Value) -> bool) {
    if let Some(value) = map.get_mut(key) {
        if !check(value) {
            map.remove(key);
        }
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;
    use serde_json::json;

    fn sanitized(mut document: Value) -> (Value, Vec<String>) {
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
    fn a_non_mapping_schema_becomes_untyped_with_its_location() {
        let (document, warnings) = sanitized(json!({
            "components": {"schemas": {"A": {"type": "object", "properties": {"x": "string"}}}}
        }));
        assert_eq!(
            document["components"]["schemas"]["A"]["properties"]["x"],
            json!({})
        );
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains(
                "#/components/schemas/A/properties/x: expected a schema (a mapping), found a string"
            ),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn obvious_type_mistakes_are_repaired() {
        let (document, warnings) = sanitized(json!({
            "components": {"schemas": {"A": {
                "type": "object",
                "properties": {
                    "id": {"type": "int", "required": true, "minimum": "1"},
                    "file": {"type": "file"},
                    "tags": {"type": "array", "items": [{"type": "string"}]}
                },
                "examples": ["ignored"]
            }}}
        }));
        let schema = &document["components"]["schemas"]["A"];
        assert_eq!(schema["required"], json!(["id"]));
        assert_eq!(
            schema["properties"]["id"],
            json!({"type": "integer", "minimum": 1})
        );
        assert_eq!(
            schema["properties"]["file"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(schema["properties"]["tags"]["items"], json!({}));
        assert!(schema.get("examples").is_none());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn made_up_security_schemes_are_mapped_or_dropped() {
        let (document, warnings) = sanitized(json!({
            "components": {"securitySchemes": {
                "a": {"type": "bearer", "scheme": "bearer"},
                "b": {"type": "oauth2", "flows": {"authorizationCode": {}}},
                "c": {"type": "magic"}
            }}
        }));
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["a"], json!({"type": "http", "scheme": "bearer"}));
        assert_eq!(schemes["b"], json!({"type": "http", "scheme": "bearer"}));
        assert!(schemes.get("c").is_none());
        assert!(warnings[0].contains("unknown security scheme type `magic`"));
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
