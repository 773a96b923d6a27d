//! One type for metadata.
//!
//! Payment APIs attach "metadata" (a merchant's own string keys and values)
//! to most objects, and apifox exports describe it differently page by page:
//! an object with no properties, an object with example keys (`key1`), even
//! a string. Left alone, one crate gets three Rust types for the same thing.
//! With `[types] metadata = "strings"` (or `"json"`), every property named
//! `metadata` refers to one component, `Metadata`: an object of string (or
//! any JSON) values.

use serde_json::{Map, Value, json};

use super::walk::each_schema;
use crate::config::MetadataValues;

/// The component every `metadata` property refers to.
const COMPONENT: &str = "Metadata";

/// Points every property named `metadata` at the `Metadata` component,
/// which is added unless the spec has one.
pub fn share_metadata(document: &mut Value, values: MetadataValues) {
    let mut found = false;
    let reference = format!("#/components/schemas/{COMPONENT}");
    each_schema(document, &mut |node, _| {
        let Some(Value::Object(properties)) = node.get_mut("properties") else {
            return;
        };
        let Some(metadata) = properties.get_mut("metadata") else {
            return;
        };
        if metadata.get("$ref").and_then(Value::as_str) == Some(reference.as_str()) {
            return;
        }
        found = true;
        let mut shared = Map::new();
        shared.insert("$ref".to_owned(), Value::String(reference.clone()));
        // The page's own words about the field stay with it.
        if let Some(description) = metadata
            .get("description")
            .filter(|d| d.as_str().is_some_and(|text| !text.trim().is_empty()))
        {
            shared.insert("description".to_owned(), description.clone());
        }
        *metadata = Value::Object(shared);
    });
    if !found {
        return;
    }
    let Value::Object(root) = document else {
        return;
    };
    let schemas = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .and_then(|components| {
            components
                .entry("schemas")
                .or_insert_with(|| json!({}))
                .as_object_mut()
        });
    if let Some(schemas) = schemas {
        schemas.entry(COMPONENT).or_insert_with(|| {
            let values = match values {
                MetadataValues::Strings => json!({"type": "string"}),
                MetadataValues::Json => json!({}),
            };
            json!({
                "type": "object",
                "additionalProperties": values,
                "description": "Your own key-value pairs, kept with the object: up to the API's limits on \
                                the number and length of keys and values."
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metadata_property_refers_to_one_component() {
        let mut document = json!({
            "paths": {"/x": {"post": {
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"metadata": {"type": "string", "description": "Tags."}}
                }}}},
                "responses": {"200": {"description": ""}}
            }}},
            "components": {"schemas": {"Refund": {
                "type": "object",
                "properties": {
                    "metadata": {"type": "object", "properties": {"key1": {"type": "string"}}},
                    "nested": {"type": "object", "properties": {"metadata": {"type": "object"}}}
                }
            }}}
        });
        share_metadata(&mut document, MetadataValues::Strings);
        let reference = json!({"$ref": "#/components/schemas/Metadata"});
        let refund = &document["components"]["schemas"]["Refund"]["properties"];
        assert_eq!(refund["metadata"], reference);
        assert_eq!(refund["nested"]["properties"]["metadata"], reference);
        let body = &document["paths"]["/x"]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(
            body["properties"]["metadata"],
            json!({"$ref": "#/components/schemas/Metadata", "description": "Tags."})
        );
        assert_eq!(
            document["components"]["schemas"]["Metadata"]["additionalProperties"],
            json!({"type": "string"})
        );
    }

    #[test]
    fn a_spec_without_metadata_is_left_alone() {
        let mut document = json!({"components": {"schemas": {"A": {"type": "object"}}}});
        let before = document.clone();
        share_metadata(&mut document, MetadataValues::Json);
        assert_eq!(document, before);
    }
}
