//! Apifox rule 5: fields documented as "not implemented" do not exist.
//!
//! WooshPay keeps Stripe's field list in its schemas and marks the fields it
//! does not support with the description `（未实现）`. Such a property is
//! removed everywhere it is named: from `properties`, from `required`, from
//! `x-apifox-orders` and `x-apifox-ignore-properties`, and from the
//! `x-apifox-overrides` of every reference to the schema that declared it.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::refs::schema_ref;
use super::walk;

/// Whether a property schema is marked as not implemented: its description
/// is `（未实现）` (full-width or ASCII parentheses), possibly followed by
/// more text.
pub fn is_not_implemented(schema: &Value) -> bool {
    let Some(description) = schema.get("description").and_then(Value::as_str) else {
        return false;
    };
    let description = description.trim();
    description.starts_with("（未实现）")
        || description.starts_with("(未实现)")
        || description == "未实现"
}

/// Removes every not-implemented property from `document`.
pub fn drop_not_implemented(document: &mut Value) {
    let rule = NotImplemented::declared_in(document);
    walk::rewrite_each_schema(document, &|node| rule.drop_from(node));
}

/// The not-implemented property names of each component schema, so that
/// references to a component can drop their overrides of those names.
pub struct NotImplemented(HashMap<String, BTreeSet<String>>);

impl NotImplemented {
    /// The names declared not implemented by the components of `document`.
    pub fn declared_in(document: &Value) -> Self {
        let Some(schemas) = document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
        else {
            return Self(HashMap::new());
        };
        let declared = schemas
            .iter()
            .map(|(name, schema)| {
                let names = schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|properties| {
                        properties
                            .iter()
                            .filter(|(_, property)| is_not_implemented(property))
                            .map(|(name, _)| name.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                (name.clone(), names)
            })
            .collect();
        Self(declared)
    }

    /// Removes the not-implemented properties of the schema `node` (not
    /// of the schemas inside it) from every list that names them.
    pub fn drop_from(&self, node: &mut Value) {
        let Value::Object(object) = node else { return };
        let mut removed = BTreeSet::new();
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.retain(|name, property| {
                let keep = !is_not_implemented(property);
                if !keep {
                    removed.insert(name.clone());
                }
                keep
            });
        }
        if let Some(Value::Object(entries)) = object.get_mut("x-apifox-refs") {
            let none = BTreeSet::new();
            for entry in entries.values_mut() {
                let inherited = schema_ref(entry)
                    .and_then(|name| self.0.get(&name))
                    .unwrap_or(&none);
                let Value::Object(entry) = entry else {
                    continue;
                };
                if let Some(Value::Object(overrides)) = entry.get_mut("x-apifox-overrides") {
                    overrides.retain(|name, schema| {
                        !inherited.contains(name) && !is_not_implemented(schema)
                    });
                }
                remove_names(entry, "required", inherited);
                removed.extend(inherited.iter().cloned());
            }
        }
        for key in ["required", "x-apifox-orders", "x-apifox-ignore-properties"] {
            remove_names(object, key, &removed);
        }
    }
}

fn remove_names(object: &mut Map<String, Value>, key: &str, names: &BTreeSet<String>) {
    if let Some(Value::Array(items)) = object.get_mut(key) {
        items.retain(|item| item.as_str().is_none_or(|name| !names.contains(name)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognises_the_marker() {
        assert!(is_not_implemented(&json!({"description": "（未实现）"})));
        assert!(is_not_implemented(
            &json!({"description": " (未实现) later"})
        ));
        assert!(!is_not_implemented(&json!({"description": "implemented"})));
        assert!(!is_not_implemented(&json!({"type": "string"})));
    }

    #[test]
    fn drops_the_field_from_properties_lists_and_overrides() {
        let mut document = json!({
            "components": {"schemas": {"Intent": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "review": {"type": "string", "description": "（未实现）"}
                },
                "required": ["id", "review"],
                "x-apifox-orders": ["id", "review"]
            }}},
            "paths": {"/x": {"post": {"responses": {"200": {"content": {"application/json": {
                "schema": {
                    "type": "object",
                    "x-apifox-refs": {"01": {
                        "$ref": "#/components/schemas/Intent",
                        "x-apifox-overrides": {"review": null},
                        "required": ["review"]
                    }},
                    "x-apifox-orders": ["01"],
                    "properties": {
                        "id": {"type": "string"},
                        "review": {"type": "string", "description": "（未实现）"}
                    },
                    "x-apifox-ignore-properties": ["id", "review"]
                }
            }}}}}}}
        });
        drop_not_implemented(&mut document);
        assert_eq!(
            document["components"]["schemas"]["Intent"],
            json!({
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "required": ["id"],
                "x-apifox-orders": ["id"]
            })
        );
        let response = &document["paths"]["/x"]["post"]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        assert_eq!(
            response["x-apifox-refs"]["01"]["x-apifox-overrides"],
            json!({})
        );
        assert_eq!(response["x-apifox-refs"]["01"]["required"], json!([]));
        assert_eq!(response["x-apifox-ignore-properties"], json!(["id"]));
        assert_eq!(response["properties"], json!({"id": {"type": "string"}}));
    }
}
