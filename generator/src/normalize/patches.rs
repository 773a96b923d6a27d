//! Maintainer corrections from `codegen.toml` (`[[patch]]`), applied to the
//! merged document before apifox semantics, so that a genuine export stays
//! byte for byte as apifox wrote it while its generated API is corrected.
//!
//! A patch that names something the spec does not have is an error naming
//! the patch: a stale correction must not silently stop applying.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::Patch;
use crate::diagnostics::{Error, Pointer};

/// Applies `patches` in order. `settings` is the file they were read from.
pub fn apply(document: &mut Value, patches: &[Patch], settings: &Path) -> Result<(), Error> {
    for (index, patch) in patches.iter().enumerate() {
        apply_one(document, patch).map_err(|message| {
            Error::in_file(
                settings,
                format!("[[patch]] #{} ({}): {message}", index + 1, target(patch)),
            )
        })?;
    }
    Ok(())
}

fn target(patch: &Patch) -> String {
    match (&patch.operation, &patch.schema, &patch.field) {
        (Some(operation), _, _) => format!("operation `{operation}`"),
        (None, Some(schema), Some(field)) => format!("schema `{schema}`, field `{field}`"),
        (None, Some(schema), None) => format!("schema `{schema}`"),
        (None, None, _) => "no target".to_owned(),
    }
}

fn apply_one(document: &mut Value, patch: &Patch) -> Result<(), String> {
    match (&patch.operation, &patch.schema) {
        (Some(_), Some(_)) => Err("name either an `operation` or a `schema`, not both".to_owned()),
        (None, None) => Err("name the `operation` or the `schema` to change".to_owned()),
        (Some(operation), None) => patch_operation(document, operation, patch),
        (None, Some(schema)) => patch_schema(document, schema, patch),
    }
}

fn patch_operation(document: &mut Value, operation: &str, patch: &Patch) -> Result<(), String> {
    let (method, path) = operation
        .trim()
        .split_once(' ')
        .ok_or("write the operation as `METHOD /path`")?;
    let method = method.to_ascii_lowercase();
    let pointer = Pointer::root()
        .push("paths")
        .push(path.trim())
        .push(&method);
    let node = document
        .pointer_mut(pointer.as_str())
        .and_then(Value::as_object_mut)
        .ok_or_else(|| format!("the spec has no operation `{operation}` (at {pointer})"))?;
    if let Some(field) = &patch.field {
        if patch.name.is_some() || patch.body.is_some() || patch.response.is_some() {
            return Err("with a `field`, only `enum`, `set` and `description` apply".to_owned());
        }
        return patch_node(field_node(json_body(node)?, field, "the JSON body")?, patch);
    }
    if patch.set.is_some() || patch.values.is_some() {
        // On the JSON request body itself.
        patch_node(json_body(node)?, patch)?;
    }
    if let Some(name) = &patch.name {
        node.insert("operationId".to_owned(), Value::String(name.clone()));
    }
    set_text(node, "summary", patch.summary.as_ref());
    set_text(node, "description", patch.description.as_ref());
    if let Some(toml::Value::Boolean(false)) = &patch.body {
        node.remove("requestBody")
            .ok_or("it has no request body to remove")?;
    } else if let Some(body) = &patch.body {
        let request = mapping(node, "requestBody", "its `requestBody`")?;
        set_json_schema(request, schema_value(body)?)?;
    }
    if let Some(response) = &patch.response {
        let success = node
            .get_mut("responses")
            .and_then(Value::as_object_mut)
            .ok_or("it has no `responses`")?
            .iter_mut()
            .find(|(status, _)| status.trim().starts_with('2'))
            .map(|(_, response)| response)
            .ok_or("it has no success response")?
            .as_object_mut()
            .ok_or("its success response is not a mapping")?;
        set_json_schema(success, schema_value(response)?)?;
    }
    Ok(())
}

fn patch_schema(document: &mut Value, schema: &str, patch: &Patch) -> Result<(), String> {
    if patch.name.is_some() || patch.body.is_some() || patch.response.is_some() {
        return Err("`name`, `body` and `response` apply to operations".to_owned());
    }
    if patch.summary.is_some() {
        return Err("schemas have no `summary`; use `description`".to_owned());
    }
    let pointer = Pointer::root()
        .push("components")
        .push("schemas")
        .push(schema);
    let mut node = document
        .pointer_mut(pointer.as_str())
        .ok_or_else(|| format!("the spec has no component schema `{schema}`"))?;
    if let Some(field) = &patch.field {
        node = field_node(node, field, &format!("`{schema}`"))?;
    }
    patch_node(node, patch)
}

/// The schema of the dotted `field` inside `node` (named `owner` in errors).
fn field_node<'a>(
    mut node: &'a mut Value,
    field: &str,
    owner: &str,
) -> Result<&'a mut Value, String> {
    for (depth, name) in field.split('.').enumerate() {
        node = property(node, name).ok_or_else(|| {
            let parent = field.split('.').take(depth).collect::<Vec<_>>().join(".");
            if parent.is_empty() {
                format!("{owner} has no field `{name}`")
            } else {
                format!("{owner} has no field `{parent}.{name}`")
            }
        })?;
    }
    Ok(node)
}

/// Applies `enum`, `set` and `description` to a schema node.
fn patch_node(node: &mut Value, patch: &Patch) -> Result<(), String> {
    let node = node
        .as_object_mut()
        .ok_or("the target is not a schema mapping")?;
    if let Some(set) = &patch.set {
        for (key, value) in set {
            let value = serde_json::to_value(value).map_err(|error| error.to_string())?;
            node.insert(key.clone(), value);
        }
    }
    if let Some(values) = &patch.values {
        let kind = node.get("type").and_then(Value::as_str);
        if !matches!(kind, None | Some("string")) {
            return Err(format!(
                "only string fields become enums; this one is `{}`",
                kind.unwrap_or_default()
            ));
        }
        if values.is_empty() {
            return Err("`enum` needs at least one value".to_owned());
        }
        node.insert("type".to_owned(), Value::String("string".to_owned()));
        node.insert(
            "enum".to_owned(),
            Value::Array(values.iter().cloned().map(Value::String).collect()),
        );
    }
    set_text(node, "description", patch.description.as_ref());
    Ok(())
}

/// The schema of an operation's JSON request body.
fn json_body(operation: &mut Map<String, Value>) -> Result<&mut Value, String> {
    operation
        .get_mut("requestBody")
        .and_then(|body| body.pointer_mut("/content/application~1json/schema"))
        .ok_or_else(|| "it has no JSON request body".to_owned())
}

/// Sets the `application/json` schema of a request body or response.
fn set_json_schema(holder: &mut Map<String, Value>, schema: Value) -> Result<(), String> {
    let content = mapping(holder, "content", "its `content`")?;
    let media = mapping(content, "application/json", "its JSON content")?;
    media.insert("schema".to_owned(), schema);
    Ok(())
}

/// The mapping at `key` of `node`, made empty if absent.
fn mapping<'a>(
    node: &'a mut Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<&'a mut Map<String, Value>, String> {
    node.entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| format!("{what} is not a mapping"))
}

/// The schema of property `name` of an object schema, looking through
/// arrays (`items`) on the way.
fn property<'a>(node: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    let node = if node.get("type").and_then(Value::as_str) == Some("array") {
        node.get_mut("items")?
    } else {
        node
    };
    node.get_mut("properties")?.get_mut(name)
}

fn set_text(node: &mut Map<String, Value>, key: &str, text: Option<&String>) {
    if let Some(text) = text {
        node.insert(key.to_owned(), Value::String(text.clone()));
    }
}

/// A schema written in TOML, as JSON.
fn schema_value(value: &toml::Value) -> Result<Value, String> {
    let schema = serde_json::to_value(value).map_err(|error| error.to_string())?;
    if !schema.is_object() {
        return Err("a schema must be a table".to_owned());
    }
    Ok(schema)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({
            "paths": {"/v1/sessions/{id}": {"get": {
                "summary": "Retreive a Session",
                "responses": {"200": {"description": ""}}
            }, "post": {
                "summary": "Update",
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {}}}}},
                "responses": {"200 ": {"description": ""}}
            }}},
            "components": {"schemas": {"Refund": {
                "type": "object",
                "properties": {
                    "status": {"type": "string"},
                    "amount": {"type": "integer"},
                    "lines": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}}
                }
            }}}
        })
    }

    fn patch(text: &str) -> Vec<Patch> {
        #[derive(serde::Deserialize)]
        struct File {
            patch: Vec<Patch>,
        }
        toml::from_str::<File>(text).unwrap().patch
    }

    fn run(text: &str) -> Result<Value, String> {
        let mut document = document();
        apply(&mut document, &patch(text), Path::new("codegen.toml"))
            .map(|()| document)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn renames_an_operation_through_its_operation_id() {
        let document =
            run("[[patch]]\noperation = \"GET /v1/sessions/{id}\"\nname = \"retrieve\"\nsummary = \"Retrieve a Session\"").unwrap();
        let get = &document["paths"]["/v1/sessions/{id}"]["get"];
        assert_eq!(get["operationId"], "retrieve");
        assert_eq!(get["summary"], "Retrieve a Session");
    }

    #[test]
    fn turns_a_string_field_into_an_enum_through_arrays() {
        let document = run(
            "[[patch]]\nschema = \"Refund\"\nfield = \"status\"\nenum = [\"pending\", \"succeeded\"]\n\
             [[patch]]\nschema = \"Refund\"\nfield = \"lines.kind\"\nenum = [\"a\"]\ndescription = \"Kind.\"",
        )
        .unwrap();
        let refund = &document["components"]["schemas"]["Refund"]["properties"];
        assert_eq!(refund["status"]["enum"], json!(["pending", "succeeded"]));
        assert_eq!(
            refund["lines"]["items"]["properties"]["kind"]["enum"],
            json!(["a"])
        );
        assert_eq!(
            refund["lines"]["items"]["properties"]["kind"]["description"],
            "Kind."
        );
    }

    #[test]
    fn types_an_untyped_body_and_response() {
        let document = run("[[patch]]\noperation = \"post /v1/sessions/{id}\"\n\
             body = { type = \"object\", properties = { amount = { type = \"integer\" } } }\n\
             response = { \"$ref\" = \"#/components/schemas/Refund\" }")
        .unwrap();
        let post = &document["paths"]["/v1/sessions/{id}"]["post"];
        assert_eq!(
            post["requestBody"]["content"]["application/json"]["schema"]["properties"]["amount"]["type"],
            "integer"
        );
        assert_eq!(
            post["responses"]["200 "]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Refund"
        );
    }

    #[test]
    fn sets_keys_on_body_fields_and_removes_bodies() {
        let document = run(
            "[[patch]]\noperation = \"POST /v1/sessions/{id}\"\nfield = \"amount\"\nset = { type = \"integer\" }",
        );
        assert!(
            document
                .unwrap_err()
                .contains("JSON body has no field `amount`")
        );
        let mut document = document_with_body_field();
        apply(
            &mut document,
            &patch("[[patch]]\noperation = \"POST /v1/sessions/{id}\"\nfield = \"amount\"\nset = { type = \"integer\" }\n[[patch]]\noperation = \"GET /v1/sessions/{id}\"\nbody = false"),
            Path::new("codegen.toml"),
        )
        .unwrap_err();
        let mut document = document_with_body_field();
        apply(
            &mut document,
            &patch("[[patch]]\noperation = \"POST /v1/sessions/{id}\"\nfield = \"amount\"\nset = { type = \"integer\" }\n[[patch]]\noperation = \"POST /v1/sessions/{id}\"\nname = \"update\""),
            Path::new("codegen.toml"),
        )
        .unwrap();
        let post = &document["paths"]["/v1/sessions/{id}"]["post"];
        assert_eq!(
            post["requestBody"]["content"]["application/json"]["schema"]["properties"]["amount"]["type"],
            "integer"
        );
        apply(
            &mut document,
            &patch("[[patch]]\noperation = \"POST /v1/sessions/{id}\"\nbody = false"),
            Path::new("codegen.toml"),
        )
        .unwrap();
        assert!(
            document["paths"]["/v1/sessions/{id}"]["post"]
                .get("requestBody")
                .is_none()
        );
    }

    fn document_with_body_field() -> Value {
        let mut document = document();
        document["paths"]["/v1/sessions/{id}"]["post"]["requestBody"]["content"]["application/json"]
            ["schema"]["properties"]["amount"] = json!({"type": "string"});
        document
    }

    #[test]
    fn missing_targets_are_located_errors() {
        let error = run("[[patch]]\noperation = \"GET /v1/nope\"\nname = \"x\"").unwrap_err();
        assert!(error.contains("codegen.toml"), "{error}");
        assert!(error.contains("[[patch]] #1"), "{error}");
        assert!(error.contains("no operation `GET /v1/nope`"), "{error}");
        let error = run("[[patch]]\nschema = \"Refund\"\nfield = \"lines.nope\"\nenum = [\"a\"]")
            .unwrap_err();
        assert!(
            error.contains("`Refund` has no field `lines.nope`"),
            "{error}"
        );
        let error = run("[[patch]]\nschema = \"Nope\"\ndescription = \"x\"").unwrap_err();
        assert!(error.contains("no component schema `Nope`"), "{error}");
        let error =
            run("[[patch]]\nschema = \"Refund\"\nfield = \"amount\"\nenum = [\"a\"]").unwrap_err();
        assert!(error.contains("only string fields"), "{error}");
    }
}
