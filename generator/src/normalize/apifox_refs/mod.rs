//! Apifox rule 3: a schema with `x-apifox-refs` *is* the referenced
//! component, adjusted.
//!
//! apifox models "this object is a `Payment Intent`, minus these fields" as
//!
//! ```yaml
//! type: object
//! x-apifox-refs:
//!   01GMN392R2PFCSD5ZV7BHTPAH0:
//!     $ref: '#/components/schemas/Payment%20Intent'
//!     x-apifox-overrides: {review: null}     # null deletes, a schema replaces
//!     required: [amount]                     # optional: required fields of the ref
//! x-apifox-orders: [01GMN392R2PFCSD5ZV7BHTPAH0, extra]
//! properties: {...}                          # copies of the ref's fields, or empty
//! x-apifox-ignore-properties: [id, amount]   # which of `properties` are copies
//! ```
//!
//! [`resolve_refs`] replaces every such schema by what it means: the
//! component's fields with the overrides applied, the schema's own fields at
//! the positions `x-apifox-orders` gives, and the union of the required
//! lists. When nothing is adjusted the result is a plain `$ref` to the
//! component, so the generated code uses the component type itself instead
//! of a copy named after the operation.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::orders::listed_order;
use super::refs::{component_ref, schema_name};
use super::walk;
use crate::diagnostics::{Diagnostics, Pending, Pointer};

/// Resolves every `x-apifox-refs` schema in `document`.
///
/// The component schemas first, one after the other, each on first use
/// (a component expands into others). Then every other root, which reads
/// the resolved components and changes nothing but itself: those are
/// resolved on the pool, as most of a large document is its path items.
pub fn resolve_refs(document: &mut Value, diagnostics: &mut Diagnostics) {
    let schemas = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .map(std::mem::take)
        .unwrap_or_default();
    let names: Vec<String> = schemas.keys().cloned().collect();
    let mut found = Pending::default();
    let mut resolver = Resolver {
        components: Components::Resolving(
            schemas
                .into_iter()
                .map(|(name, schema)| (name, State::Raw(schema)))
                .collect(),
        ),
        expanding: Vec::new(),
        diagnostics: &mut found,
    };
    for name in &names {
        resolver.resolved(name);
    }
    let Components::Resolving(mut states) = resolver.components else {
        unreachable!("made above")
    };
    // The component schemas are out of the document, so these are the
    // other roots; they are resolved while the components are in `states`,
    // then the components move back into the document, uncloned.
    found.append(walk::each_root_in_parallel(
        document,
        &|root, pointer, found| {
            Resolver {
                components: Components::Resolved(&states),
                expanding: Vec::new(),
                diagnostics: found,
            }
            .tree(root, pointer);
        },
    ));
    diagnostics.record(found);
    let mut resolved = Map::new();
    for name in names {
        if let Some(State::Done(schema)) = states.remove(&name) {
            resolved.insert(name, schema);
        }
    }
    if let Some(slot) = document.pointer_mut("/components/schemas") {
        *slot = Value::Object(resolved);
    }
}

enum State {
    Raw(Value),
    /// Being resolved; the raw schema is kept for references to the
    /// component from inside itself.
    InProgress(Value),
    Done(Value),
}

/// The component schemas, as the resolver reads them.
enum Components<'s> {
    /// Resolved one by one, each when first referenced.
    Resolving(HashMap<String, State>),
    /// All resolved, shared by the threads that resolve the other roots.
    Resolved(&'s HashMap<String, State>),
}

impl Components<'_> {
    fn get(&self, name: &str) -> Option<&State> {
        match self {
            Components::Resolving(states) => states.get(name),
            Components::Resolved(states) => states.get(name),
        }
    }
}

struct Resolver<'s, 'd> {
    components: Components<'s>,
    /// Components whose own fields are being expanded into a reference to
    /// themselves.
    expanding: Vec<String>,
    /// Warnings, and aliases of the nodes made from overrides.
    diagnostics: &'d mut Pending,
}

/// What one `x-apifox-refs` entry contributes.
struct Expansion {
    id: String,
    /// The component the entry points at, when it is one.
    target: Option<String>,
    properties: Map<String, Value>,
    required: Vec<String>,
    /// Whether overrides or a changed required list make the result differ
    /// from the component.
    adjusted: bool,
}

impl Resolver<'_, '_> {
    /// The resolved schema of component `name`, resolved now if it was not
    /// yet; `None` while that component is itself being resolved (a
    /// reference cycle) or when it is unknown. A borrow, not a copy: a
    /// component is referenced many times, and an expansion reads only its
    /// fields.
    fn resolved(&mut self, name: &str) -> Option<&Value> {
        if let Components::Resolving(states) = &mut self.components
            && let State::Raw(_) = states.get(name)?
        {
            let Some(State::Raw(mut schema)) = states.remove(name) else {
                unreachable!("checked above")
            };
            // The raw schema stays readable for references from inside it.
            states.insert(name.to_owned(), State::InProgress(schema.clone()));
            let mut pointer = Pointer::root()
                .push("components")
                .push("schemas")
                .push(name);
            self.tree(&mut schema, &mut pointer);
            // Still `Resolving`: matched again only to borrow the states
            // back from `tree`, which needed the whole resolver.
            if let Components::Resolving(states) = &mut self.components {
                states.insert(name.to_owned(), State::Done(schema));
            }
        }
        match self.components.get(name)? {
            State::Done(schema) => Some(schema),
            State::InProgress(_) | State::Raw(_) => None,
        }
    }

    /// Resolves the schema tree at `node`, innermost schemas first, so that
    /// own fields and override schemas are resolved before they are merged.
    fn tree(&mut self, node: &mut Value, pointer: &mut Pointer) {
        walk::for_each_child(node, pointer, &mut |child, child_pointer| {
            self.tree(child, child_pointer)
        });
        self.node(node, pointer);
    }

    fn node(&mut self, node: &mut Value, pointer: &Pointer) {
        let Value::Object(schema) = node else { return };
        lift_direct_overrides(schema);
        let Some(Value::Object(entries)) = schema.remove("x-apifox-refs") else {
            return;
        };
        let order = listed_order(schema);
        schema.remove("x-apifox-orders");
        let copies = string_list(schema.remove("x-apifox-ignore-properties"));
        let own_required = string_list(schema.remove("required"));
        let mut own = match schema.remove("properties") {
            Some(Value::Object(properties)) => properties,
            _ => Map::new(),
        };
        own.retain(|name, _| !copies.contains(name));

        let entries_pointer = pointer.push("x-apifox-refs");
        let expansions: Vec<Expansion> = entries
            .into_iter()
            .filter_map(|(id, entry)| {
                let entry_pointer = entries_pointer.push(&id);
                self.expand(id, entry, &entry_pointer, pointer)
            })
            .collect();

        if let [only] = expansions.as_slice()
            && let (Some(target), false, true) = (&only.target, only.adjusted, own.is_empty())
            && own_required.iter().all(|name| only.required.contains(name))
        {
            schema.remove("type");
            schema.retain(|key, _| !key.starts_with("x-apifox"));
            schema.insert(
                "$ref".to_owned(),
                Value::String(component_ref("schemas", target)),
            );
            return;
        }

        let mut properties = Map::new();
        let mut placed = vec![false; expansions.len()];
        let place = |properties: &mut Map<String, Value>, expansion: &Expansion| {
            for (name, property) in &expansion.properties {
                if !properties.contains_key(name) && !own.contains_key(name) {
                    properties.insert(name.clone(), property.clone());
                }
            }
        };
        for item in &order {
            if let Some(index) = expansions.iter().position(|e| &e.id == item) {
                if !placed[index] {
                    placed[index] = true;
                    place(&mut properties, &expansions[index]);
                }
            } else if let Some(property) = own.get(item) {
                properties.insert(item.clone(), property.clone());
            }
        }
        for (name, property) in &own {
            if !properties.contains_key(name) {
                properties.insert(name.clone(), property.clone());
            }
        }
        for (index, expansion) in expansions.iter().enumerate() {
            if !placed[index] {
                place(&mut properties, expansion);
            }
        }

        let mut required: Vec<String> = Vec::new();
        for name in own_required
            .into_iter()
            .chain(expansions.into_iter().flat_map(|e| e.required))
        {
            if properties.contains_key(&name) && !required.contains(&name) {
                required.push(name);
            }
        }
        schema.retain(|key, _| !key.starts_with("x-apifox"));
        schema.insert("type".to_owned(), Value::String("object".to_owned()));
        schema.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert(
                "required".to_owned(),
                Value::Array(required.into_iter().map(Value::String).collect()),
            );
        }
    }

    /// What the entry `id` contributes to its schema.
    /// `pointer` is the entry's, `schema` that of the schema it is in.
    fn expand(
        &mut self,
        id: String,
        entry: Value,
        pointer: &Pointer,
        schema: &Pointer,
    ) -> Option<Expansion> {
        let Value::Object(mut entry) = entry else {
            self.diagnostics.warn(
                pointer,
                "an `x-apifox-refs` entry must be a mapping; it is ignored",
            );
            return None;
        };
        let overrides = match entry.remove("x-apifox-overrides") {
            Some(Value::Object(overrides)) => overrides,
            _ => Map::new(),
        };
        let entry_required = entry
            .remove("required")
            .map(|value| string_list(Some(value)));
        let target = entry
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(schema_name);
        let Some(target) = target else {
            if entry.contains_key("properties") {
                // An entry written out inline instead of referencing a
                // component: its fields are used as they are.
                let properties = match entry.remove("properties") {
                    Some(Value::Object(properties)) => properties,
                    _ => Map::new(),
                };
                return Some(Expansion {
                    id,
                    target: None,
                    properties,
                    required: entry_required.unwrap_or_default(),
                    adjusted: true,
                });
            }
            self.diagnostics.warn(
                pointer,
                "an `x-apifox-refs` entry without a `$ref` to a component schema is ignored",
            );
            return None;
        };
        let adjusting = !overrides.is_empty() || entry_required.is_some();
        let fields = self.resolved(&target).map(fields_of);
        let (properties, component_required) = match fields {
            Some(fields) => fields,
            // A reference from inside the component to itself, adjusted
            // (cloudreve's `Response.aggregated_error` maps to `Response`
            // minus that field): expand the component's own fields once. A
            // reference met again inside that expansion is used as it is,
            // so the recursion ends.
            None if adjusting && !self.expanding.contains(&target) => {
                let Some(State::InProgress(raw)) = self.components.get(&target) else {
                    return None;
                };
                let mut raw = raw.clone();
                let mut component_pointer = Pointer::root()
                    .push("components")
                    .push("schemas")
                    .push(&target);
                self.expanding.push(target.clone());
                self.tree(&mut raw, &mut component_pointer);
                self.expanding.pop();
                fields_of(&raw)
            }
            None => {
                return Some(Expansion {
                    id,
                    target: Some(target),
                    properties: Map::new(),
                    required: Vec::new(),
                    adjusted: false,
                });
            }
        };
        let Some(mut properties) = properties else {
            // Not an object with fields (an alias, a composition): it can
            // only be used whole.
            if !overrides.is_empty() {
                self.diagnostics.warn(
                    pointer,
                    format!("`{target}` has no properties to override; the overrides are ignored"),
                );
            }
            return Some(Expansion {
                id,
                target: Some(target),
                properties: Map::new(),
                required: Vec::new(),
                adjusted: false,
            });
        };
        let mut adjusted = false;
        for (name, replacement) in overrides {
            match replacement {
                Value::Null => adjusted |= properties.shift_remove(&name).is_some(),
                replacement => {
                    adjusted |= properties.get(&name) != Some(&replacement);
                    // Later diagnostics about this field name the override
                    // the spec has, not the place it is merged into.
                    let overrides_at = if id == LIFTED {
                        schema.push("x-apifox-overrides")
                    } else {
                        pointer.push("x-apifox-overrides")
                    };
                    self.diagnostics.alias(
                        schema.push("properties").push(&name),
                        overrides_at.push(&name),
                    );
                    properties.insert(name, replacement);
                }
            }
        }
        let required: Vec<String> = entry_required
            .unwrap_or(component_required.clone())
            .into_iter()
            .filter(|name| properties.contains_key(name))
            .collect();
        let still_required: Vec<&String> = component_required
            .iter()
            .filter(|name| properties.contains_key(*name))
            .collect();
        adjusted |= required.len() != still_required.len()
            || !required.iter().all(|name| still_required.contains(&name));
        Some(Expansion {
            id,
            target: Some(target),
            properties,
            required,
            adjusted,
        })
    }
}

/// A schema that is itself a reference with overrides (`$ref` next to
/// `x-apifox-overrides`) is read as a schema with that single reference
/// entry.
fn lift_direct_overrides(schema: &mut Map<String, Value>) {
    if !schema.contains_key("$ref") || !schema.contains_key("x-apifox-overrides") {
        return;
    }
    let mut entry = Map::new();
    for key in ["$ref", "x-apifox-overrides", "required"] {
        if let Some(value) = schema.remove(key) {
            entry.insert(key.to_owned(), value);
        }
    }
    let mut entries = Map::new();
    entries.insert(LIFTED.to_owned(), Value::Object(entry));
    schema.insert("x-apifox-refs".to_owned(), Value::Object(entries));
    schema.insert("x-apifox-orders".to_owned(), Value::from(vec![LIFTED]));
}

/// The id of the entry that [`lift_direct_overrides`] makes: its overrides
/// are the schema's own.
const LIFTED: &str = "ref";

/// What an expansion copies from a resolved component: its `properties`
/// (`None` when it has none: it can only be used whole) and its `required`
/// list.
fn fields_of(component: &Value) -> (Option<Map<String, Value>>, Vec<String>) {
    let properties = component
        .get("properties")
        .and_then(Value::as_object)
        .cloned();
    let required = component
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    (properties, required)
}

fn string_list(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(text) => Some(text),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
