//! Responses that the examples show wrapped in an envelope the schema
//! does not document.
//!
//! Many backends wrap every response in `{"code": 200, "message": "…",
//! "data": …}`, and their apifox schemas often describe only what is under
//! `data`. A client built from the schema alone fails on every such
//! response. When a response's recorded examples show the declared value
//! under one key of an object whose other keys hold plain values, and no
//! example shows the value bare, the operation returns a struct for the
//! envelope instead: the declared value under its key, the other keys as
//! optional fields typed from the examples.
//!
//! An example shows an envelope only when the declared value fits under
//! exactly one of its keys. When several fit (an integer fits `code` as
//! well as `data`), the key that the spec's clear envelopes use decides.
//! `[examples] envelopes = false` turns the rule off.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::examples::{Checker, unrelated};
use super::{Field, Operation, ResponseKind, Scalar, Struct, TypeDef, TypeId, TypeKind, TypeRef};
use crate::config::NumberType;
use crate::diagnostics::{Diagnostics, Pointer};
use crate::naming::{self, Namespace};

/// What the examples of one response show.
struct Wrapped {
    operation: usize,
    /// The key that holds the declared value.
    key: String,
    /// The other keys with every value the examples give them.
    others: BTreeMap<String, Vec<Value>>,
    /// The first example that shows the envelope.
    at: Pointer,
}

/// Finds the responses that every telling example shows in an envelope,
/// and makes each of them return a struct for it.
pub(super) fn wrap(
    types: &mut Vec<TypeDef>,
    operations: &mut [Operation],
    names: &mut Namespace,
    number: NumberType,
    lenient: bool,
    diagnostics: &mut Diagnostics,
) {
    let found = {
        let checker = Checker { types, lenient };
        find(&checker, operations)
    };
    // Envelopes around one named type with the same keys and types share
    // a struct (whatever values their examples show).
    let mut shared: HashMap<Vec<(String, TypeRef)>, TypeId> = HashMap::new();
    for wrapped in found {
        let operation = &mut operations[wrapped.operation];
        let ResponseKind::Json(declared) = &operation.response.kind else {
            continue;
        };
        let declared = declared.clone();
        let structure = envelope(&declared, &wrapped, number);
        let shape: Vec<(String, TypeRef)> = structure
            .fields
            .iter()
            .map(|field| (field.wire_name.clone(), field.ty.clone()))
            .collect();
        let id = match shared.get(&shape) {
            Some(id) => *id,
            None => {
                // Around a named type the envelope is named after it, goes
                // beside it and is shared; else it is the operation's own.
                let (wrapped_name, module) = match &declared {
                    TypeRef::Named(inner) => {
                        (Some(types[inner.0].name.as_str()), types[inner.0].module)
                    }
                    _ => (None, operation.module),
                };
                let name = naming::envelope_type_name(wrapped_name, &operation.type_prefix);
                let id = TypeId(types.len());
                types.push(TypeDef {
                    name: names.claim(&name, ""),
                    module,
                    docs: None,
                    role: role(&declared, operation, &wrapped.key, types),
                    origin: wrapped.at.clone(),
                    kind: TypeKind::Struct(structure),
                });
                if matches!(declared, TypeRef::Named(_)) {
                    shared.insert(shape, id);
                }
                id
            }
        };
        let beside: Vec<String> = wrapped
            .others
            .keys()
            .map(|key| format!("`{key}`"))
            .collect();
        let beside = if beside.is_empty() {
            String::new()
        } else {
            format!(", beside {}", beside.join(", "))
        };
        diagnostics.note(
            &wrapped.at,
            format!(
                "`{} {}` returns `{}`: the examples wrap the declared value in an object the \
                 schema does not describe, under `{}`{beside}",
                operation.method.as_str(),
                operation.path,
                types[id.0].name,
                wrapped.key,
            ),
        );
        operation.response.kind = ResponseKind::Json(TypeRef::Named(id));
    }
}

/// The role line of an envelope type.
fn role(declared: &TypeRef, operation: &Operation, key: &str, types: &[TypeDef]) -> String {
    let inner = match declared {
        TypeRef::Named(id) => format!("[`{}`]", types[id.0].name),
        _ => format!(
            "the response of `{} {}`",
            operation.method.as_str(),
            operation.path
        ),
    };
    format!(
        "The envelope the server sends {inner} in, under `{key}`, as the spec's examples show it \
         (the schema describes only what is inside)."
    )
}

/// The envelope struct: the declared value under its key, required, and
/// the other keys as optional fields.
fn envelope(declared: &TypeRef, wrapped: &Wrapped, number: NumberType) -> Struct {
    let mut names = Namespace::default();
    let mut entries: Vec<(&String, Option<&Vec<Value>>)> = wrapped
        .others
        .iter()
        .map(|(key, values)| (key, Some(values)))
        .collect();
    entries.push((&wrapped.key, None));
    // Keys in the order of the first example would need its source order;
    // alphabetical order keeps the struct stable as examples change.
    entries.sort_by(|left, right| left.0.cmp(right.0));
    let fields = entries
        .into_iter()
        .map(|(key, values)| {
            let (ty, required, docs) = match values {
                None => (
                    declared.clone(),
                    true,
                    "The response the schema describes.".to_owned(),
                ),
                Some(values) => (
                    scalar_of(values, number),
                    false,
                    format!(
                        "Not described by the schema; the examples show {}.",
                        shown(values)
                    ),
                ),
            };
            Field {
                name: names.claim(&naming::field_name(key), "_"),
                wire_name: key.clone(),
                ty,
                required,
                docs: Some(docs),
                deprecated: false,
                boxed: false,
                sensitive: false,
                drift: false,
            }
        })
        .collect();
    Struct {
        fields,
        additional: None,
    }
}

/// The values an envelope field takes in the examples, for its doc.
fn shown(values: &[Value]) -> String {
    let mut distinct: Vec<String> = Vec::new();
    for value in values {
        let text = format!("`{value}`");
        if !distinct.contains(&text) {
            distinct.push(text);
        }
    }
    distinct.truncate(3);
    distinct.join(", ")
}

/// The type of an envelope field from its example values: the one scalar
/// they all are, else any JSON value.
fn scalar_of(values: &[Value], number: NumberType) -> TypeRef {
    let mut found: Option<Scalar> = None;
    for value in values {
        let scalar = match value {
            Value::Null => continue,
            Value::Bool(_) => Scalar::Boolean,
            Value::String(_) => Scalar::String,
            Value::Number(n) if n.is_i64() || n.is_u64() => Scalar::Integer,
            Value::Number(_) => match number {
                NumberType::F64 => Scalar::Float,
                NumberType::Decimal => Scalar::Decimal,
            },
            Value::Array(_) | Value::Object(_) => return TypeRef::Any,
        };
        found = match found {
            None => Some(scalar),
            Some(same) if same == scalar => Some(same),
            // An integer beside a fraction is a number.
            Some(Scalar::Integer) if matches!(scalar, Scalar::Float | Scalar::Decimal) => {
                Some(scalar)
            }
            Some(other @ (Scalar::Float | Scalar::Decimal)) if scalar == Scalar::Integer => {
                Some(other)
            }
            Some(_) => return TypeRef::Any,
        };
    }
    found.map_or(TypeRef::Any, TypeRef::Scalar)
}

/// What one example shows about its response.
enum Shows {
    /// The declared value itself (or something too unlike an envelope to
    /// tell).
    Bare,
    /// An envelope, with the keys that could hold the declared value.
    Envelope {
        candidates: Vec<String>,
        example: usize,
    },
    /// Nothing either way: a value of another shape, or a placeholder
    /// apifox filled in from the schema.
    Nothing,
}

/// The responses to wrap, in operation order.
fn find(checker: &Checker<'_>, operations: &[Operation]) -> Vec<Wrapped> {
    let mut per_response: Vec<(usize, Vec<Shows>)> = Vec::new();
    for (index, operation) in operations.iter().enumerate() {
        let ResponseKind::Json(declared) = &operation.response.kind else {
            continue;
        };
        // A paged list is read by the runtime's pager, whose page type
        // must stay the declared one.
        if operation.pagination.is_some() || matches!(declared, TypeRef::Any) {
            continue;
        }
        let shows = operation
            .response
            .recorded
            .iter()
            .enumerate()
            .map(|(example, recorded)| classify(checker, declared, &recorded.value, example))
            .collect();
        per_response.push((index, shows));
    }
    // Keys that clear envelopes use decide between several candidates.
    let mut clear_keys: Vec<&str> = Vec::new();
    for (_, shows) in &per_response {
        for show in shows {
            if let Shows::Envelope { candidates, .. } = show
                && let [key] = candidates.as_slice()
                && !clear_keys.contains(&key.as_str())
            {
                clear_keys.push(key);
            }
        }
    }
    let mut found = Vec::new();
    for (index, shows) in &per_response {
        if shows.iter().any(|show| matches!(show, Shows::Bare)) {
            continue;
        }
        let mut key: Option<&str> = None;
        let mut examples = Vec::new();
        let mut agreed = true;
        for show in shows {
            let Shows::Envelope {
                candidates,
                example,
            } = show
            else {
                continue;
            };
            let chosen = match candidates.as_slice() {
                [only] => Some(only.as_str()),
                several => {
                    let mut clear = several
                        .iter()
                        .filter(|candidate| clear_keys.contains(&candidate.as_str()));
                    match (clear.next(), clear.next()) {
                        (Some(one), None) => Some(one.as_str()),
                        _ => None,
                    }
                }
            };
            match (chosen, key) {
                (None, _) => agreed = false,
                (Some(chosen), None) => key = Some(chosen),
                (Some(chosen), Some(known)) if chosen != known => agreed = false,
                _ => {}
            }
            examples.push(*example);
        }
        let (Some(key), true) = (key, agreed) else {
            continue;
        };
        let recorded = &operations[*index].response.recorded;
        let mut others: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for example in &examples {
            if let Value::Object(entries) = &recorded[*example].value {
                for (name, value) in entries {
                    if name != key {
                        others.entry(name.clone()).or_default().push(value.clone());
                    }
                }
            }
        }
        found.push(Wrapped {
            operation: *index,
            key: key.to_owned(),
            others,
            at: recorded[examples[0]].at.clone(),
        });
    }
    found
}

/// What `value`, an example of a response declared as `declared`, shows.
fn classify(checker: &Checker<'_>, declared: &TypeRef, value: &Value, example: usize) -> Shows {
    if placeholder(value) {
        return Shows::Nothing;
    }
    if holds(checker, declared, value) {
        return Shows::Bare;
    }
    let candidates = wrapping_keys(checker, declared, value);
    if candidates.is_empty() {
        Shows::Nothing
    } else {
        Shows::Envelope {
            candidates: candidates.into_iter().map(str::to_owned).collect(),
            example,
        }
    }
}

/// The keys of `value` that could hold a `declared` value, when `value`
/// has the shape of an envelope: an object whose other keys hold plain
/// values. Empty for any other value.
pub(super) fn wrapping_keys<'v>(
    checker: &Checker<'_>,
    declared: &TypeRef,
    value: &'v Value,
) -> Vec<&'v str> {
    let Value::Object(entries) = value else {
        return Vec::new();
    };
    let mut candidates = Vec::new();
    for (key, inner) in entries {
        if !inner.is_null() && holds(checker, declared, inner) {
            candidates.push(key.as_str());
        } else if inner.is_array() || inner.is_object() {
            return Vec::new();
        }
    }
    candidates
}

/// Whether every value in `value` is empty text, zero, `false` or `null`:
/// the placeholder apifox fills in from a schema, which records nothing the
/// server sent.
pub(super) fn placeholder(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(flag) => !flag,
        Value::Number(number) => number.as_f64() == Some(0.0),
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.iter().all(placeholder),
        Value::Object(entries) => entries.values().all(placeholder),
    }
}

/// Whether `value` is (a possibly imperfect example of) a `ty`: for a
/// struct, an object with at least one of its keys (or none at all);
/// otherwise a value that fits.
fn holds(checker: &Checker<'_>, ty: &TypeRef, value: &Value) -> bool {
    match (checker.unaliased(ty), value) {
        (Some((_, TypeKind::Struct(structure))), Value::Object(entries)) => {
            !unrelated(structure, entries)
        }
        _ => checker.check(ty, value).is_ok(),
    }
}
