//! Apifox rule 4: `x-apifox-orders` sets the order of a schema's fields.
//!
//! The list names properties, and, on schemas built from references, the
//! ids of `x-apifox-refs` entries, which stand for the referenced schema's
//! fields at that position (see [`super::apifox_refs`]). Names that match no
//! property are ignored; properties the list does not name keep their
//! relative order after the named ones.

use serde_json::{Map, Value};

use super::walk;

/// The names listed in a schema's `x-apifox-orders`.
pub fn listed_order(schema: &Map<String, Value>) -> Vec<String> {
    schema
        .get("x-apifox-orders")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Reorders `properties` to follow `order`.
pub fn reorder(properties: &mut Map<String, Value>, order: &[String]) {
    let mut rest = std::mem::take(properties);
    for name in order {
        if let Some((key, value)) = rest.shift_remove_entry(name.as_str()) {
            properties.insert(key, value);
        }
    }
    properties.extend(rest);
}

/// Applies `x-apifox-orders` to every schema of `document`.
pub fn apply_orders(document: &mut Value) {
    walk::rewrite_each_schema(document, &order_fields);
}

/// Applies the `x-apifox-orders` of the schema `node` to its own fields.
pub fn order_fields(node: &mut Value) {
    let Value::Object(schema) = node else { return };
    let order = listed_order(schema);
    if let (false, Some(Value::Object(properties))) =
        (order.is_empty(), schema.get_mut("properties"))
    {
        reorder(properties, &order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn listed_fields_come_first_in_list_order() {
        let mut document = json!({"components": {"schemas": {"A": {
            "type": "object",
            "properties": {"c": {}, "a": {}, "z": {}, "b": {}},
            "x-apifox-orders": ["a", "01HXREFID", "b", "c", "missing"]
        }}}});
        apply_orders(&mut document);
        let keys: Vec<_> = document["components"]["schemas"]["A"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["a", "b", "c", "z"]);
    }
}
