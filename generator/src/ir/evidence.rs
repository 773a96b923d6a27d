//! Letting a spec's own examples correct its types, once the types are
//! final, then checking every example against them.
//!
//! Apifox keeps recorded request and response bodies beside schemas that
//! were often written by hand afterwards. Where the two disagree, the
//! example is usually what the server sends, so:
//!
//! - a field that a *response* example leaves out or sends as `null`,
//!   in an object that has other keys of its type,
//!   although the schema requires it, becomes optional. Types that requests
//!   also send are never loosened (a required request field stays required),
//!   and `[examples] required`/`optional` in `codegen.toml` pin a field
//!   either way;
//! - a scalar field that an example shows in the other form (a number for
//!   text, numeric text for a number) reads both forms and keeps its
//!   declared type (`Field::drift`);
//! - a comment beside a property of an example written as JSON text
//!   becomes the field's doc where the schema has none.
//!
//! Each change is a located note naming the example. Examples that still do
//! not fit are warnings, and no tests; the rest become the generated tests.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::envelopes::{placeholder, wrapping_keys};
use super::examples::{Checker, drifted_fits, lenient_decoded, unrelated};
use super::{
    ExampleLog, Misfit, Operation, Recorded, ResponseKind, Scalar, TypeDef, TypeId, TypeKind,
    TypeRef,
};
use crate::config::ExampleSettings;
use crate::diagnostics::{Diagnostics, Pointer};

/// What one example shows about one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Shown {
    /// A required field left out or `null` (in a response).
    Absent,
    /// A scalar in its other form.
    Drifted,
}

/// The first example that shows something about a field.
struct Evidence {
    at: Pointer,
    path: String,
}

/// Corrects the types from the examples, then checks each example: those
/// that fit become the operations' examples (and tests), the others are
/// logged and warned about.
pub(super) fn settle(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    settings: &ExampleSettings,
    lenient: bool,
    diagnostics: &mut Diagnostics,
) -> ExampleLog {
    document_from_comments(types, operations, diagnostics);
    let sent = sent_types(types, operations);
    let mut found: BTreeMap<(TypeId, usize, Shown), Evidence> = BTreeMap::new();
    {
        let checker = Checker { types, lenient };
        for operation in operations.iter() {
            for (ty, recorded, response) in examples_of(operation) {
                for example in recorded {
                    let mut shown = Vec::new();
                    gather(&checker, ty, &example.value, "$", response, &[], &mut shown);
                    for (id, field, what, path) in shown {
                        found.entry((id, field, what)).or_insert(Evidence {
                            at: example.at.clone(),
                            path,
                        });
                    }
                }
            }
        }
    }
    let pins = Pins::resolve(types, settings, diagnostics);
    for ((id, index, shown), evidence) in &found {
        let def = &types[id.0];
        let TypeKind::Struct(structure) = &def.kind else {
            continue;
        };
        let field = &structure.fields[*index];
        let name = format!("{}.{}", def.name, field.wire_name);
        let where_ = format!("this example shows `{}`", evidence.path);
        let change = match shown {
            Shown::Absent if pins.required.contains(&(*id, *index)) => None,
            Shown::Absent if sent.contains(id) => {
                diagnostics.note(
                    &evidence.at,
                    format!(
                        "`{name}` is required by the schema, but {where_} missing or null; it stays \
                         required, as `{}` is also sent in requests",
                        def.name
                    ),
                );
                None
            }
            Shown::Absent => Some(format!(
                "`{name}` is optional: the schema requires it, but {where_} missing or null"
            )),
            Shown::Drifted => Some(format!(
                "`{name}` reads both numbers and text: {where_} in the form the schema does not \
                 declare; it is still written as declared"
            )),
        };
        if let Some(change) = change {
            diagnostics.note(&evidence.at, change);
            let TypeKind::Struct(structure) = &mut types[id.0].kind else {
                continue;
            };
            let field = &mut structure.fields[*index];
            match shown {
                Shown::Absent => field.required = false,
                Shown::Drifted => field.drift = true,
            }
        }
    }
    for (id, index) in &pins.optional {
        if sent.contains(id) {
            // Request types are never loosened, not even by a pin.
            diagnostics.warn(
                &Pointer::root(),
                format!(
                    "codegen.toml: `[examples] optional` names a field of `{}`, which requests \
                     send; it stays required",
                    types[id.0].name
                ),
            );
        } else if let TypeKind::Struct(structure) = &mut types[id.0].kind {
            structure.fields[*index].required = false;
        }
    }
    check_all(types, operations, lenient, diagnostics)
}

/// The bodies and responses of `operation` with their examples; `true`
/// for responses.
fn examples_of(operation: &Operation) -> Vec<(&TypeRef, &[Recorded], bool)> {
    let mut out = Vec::new();
    if let Some(body) = &operation.body {
        out.push((&body.ty, body.recorded.as_slice(), false));
    }
    if let ResponseKind::Json(ty) = &operation.response.kind {
        out.push((ty, operation.response.recorded.as_slice(), true));
    }
    out
}

/// Checks every example against the final types: those that fit are kept
/// for tests, the others logged with a warning.
fn check_all(
    types: &[TypeDef],
    operations: &mut [Operation],
    lenient: bool,
    diagnostics: &mut Diagnostics,
) -> ExampleLog {
    let checker = Checker { types, lenient };
    let mut log = ExampleLog::default();
    for operation in operations.iter_mut() {
        if let Some(body) = &mut operation.body {
            body.examples = fitting(
                &checker,
                &body.ty,
                &body.recorded,
                true,
                &mut log,
                diagnostics,
            );
        }
        let response = &mut operation.response;
        if let ResponseKind::Json(ty) = &response.kind {
            response.examples = fitting(
                &checker,
                ty,
                &response.recorded,
                false,
                &mut log,
                diagnostics,
            );
        }
    }
    log
}

fn fitting(
    checker: &Checker<'_>,
    ty: &TypeRef,
    recorded: &[Recorded],
    request: bool,
    log: &mut ExampleLog,
    diagnostics: &mut Diagnostics,
) -> Vec<Value> {
    let mut fitting = Vec::new();
    for example in recorded {
        let counts = if request {
            &mut log.requests
        } else {
            &mut log.responses
        };
        counts.0 += 1;
        match checker.check(ty, &example.value) {
            Ok(()) => {
                counts.1 += 1;
                fitting.push(example.value.clone());
            }
            Err(problem) => {
                let reason = match misfit_kind(checker, ty, &example.value) {
                    Some(why) => format!("{}: {why}", problem.reason()),
                    None => problem.reason(),
                };
                diagnostics.warn(
                    &example.at,
                    format!(
                        "the example does not fit the schema (at `{}`, {reason}); no test is made \
                         of it",
                        problem.path,
                    ),
                );
                log.misfits.push(Misfit {
                    request,
                    at: example.at.clone(),
                    path: problem.path,
                    reason,
                    placeholder: placeholder(&example.value),
                });
            }
        }
    }
    fitting
}

/// What kind of misfit `example` is, where that can be told: a
/// placeholder, an envelope (`{"code": 200, "data": […]}`) around what the
/// schema declares, or the reverse.
fn misfit_kind(checker: &Checker<'_>, ty: &TypeRef, example: &Value) -> Option<String> {
    if placeholder(example) {
        return Some("the example is a placeholder, every value of it empty or zero".to_owned());
    }
    // Only one key may fit: an integer fits `code` as well as `data`.
    match wrapping_keys(checker, ty, example).as_slice() {
        [key] => {
            return Some(format!(
                "the example wraps the declared value in an object, under `{key}`"
            ));
        }
        [_, ..] => return None,
        [] => {}
    }
    let Value::Object(entries) = example else {
        return None;
    };
    let Some((_, TypeKind::Struct(structure))) = checker.unaliased(ty) else {
        return None;
    };
    if !unrelated(structure, entries) {
        return None;
    }
    let inside = structure
        .fields
        .iter()
        .find(|field| checker.check(&field.ty, example).is_ok());
    Some(match inside {
        Some(field) => format!(
            "the example is the value the schema declares under `{}`, without what is around it",
            field.wire_name
        ),
        None => "the example has none of the declared fields".to_owned(),
    })
}

/// Walks an example along its type, noting what it shows about each
/// field. `unions`: those entered with this same value (see `Checker`).
fn gather(
    checker: &Checker<'_>,
    ty: &TypeRef,
    value: &Value,
    path: &str,
    response: bool,
    unions: &[TypeId],
    out: &mut Vec<(TypeId, usize, Shown, String)>,
) {
    match ty {
        TypeRef::Nullable(inner) => gather(checker, inner, value, path, response, unions, out),
        TypeRef::Array(item) => {
            if let Value::Array(items) = &*lenient_decoded(value, checker.lenient) {
                for (index, item_value) in items.iter().enumerate() {
                    let at = format!("{path}[{index}]");
                    gather(checker, item, item_value, &at, response, &[], out);
                }
            }
        }
        TypeRef::Map(value_ty) => {
            if let Value::Object(entries) = &*lenient_decoded(value, checker.lenient) {
                for (key, entry) in entries {
                    let at = format!("{path}.{key}");
                    gather(checker, value_ty, entry, &at, response, &[], out);
                }
            }
        }
        TypeRef::Named(_) => match checker.unaliased(ty) {
            Some((id, TypeKind::Struct(structure))) => {
                let decoded = lenient_decoded(value, checker.lenient);
                let Value::Object(entries) = &*decoded else {
                    return;
                };
                if unrelated(structure, entries) {
                    return;
                }
                for (index, field) in structure.fields.iter().enumerate() {
                    let field_path = format!("{path}.{}", field.wire_name);
                    match entries.get(&field.wire_name) {
                        None | Some(Value::Null) => {
                            if response && !field.is_optional() {
                                out.push((id, index, Shown::Absent, field_path));
                            }
                        }
                        Some(field_value) => {
                            if let Some(scalar) = scalar_of(&field.ty)
                                && drifted_fits(scalar, field_value)
                            {
                                out.push((id, index, Shown::Drifted, field_path.clone()));
                            }
                            gather(
                                checker,
                                &field.ty,
                                field_value,
                                &field_path,
                                response,
                                &[],
                                out,
                            );
                        }
                    }
                }
            }
            Some((id, TypeKind::Union(union))) if !unions.contains(&id) => {
                // Only a variant the value fits says anything about it.
                if let Some(variant) = union
                    .variants
                    .iter()
                    .find(|variant| checker.check(&variant.ty, value).is_ok())
                {
                    let unions = [unions, &[id]].concat();
                    gather(checker, &variant.ty, value, path, response, &unions, out);
                }
            }
            _ => {}
        },
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}

/// The scalar a field holds directly (or as a nullable value).
fn scalar_of(ty: &TypeRef) -> Option<Scalar> {
    match ty {
        TypeRef::Scalar(scalar) => Some(*scalar),
        TypeRef::Nullable(inner) => scalar_of(inner),
        _ => None,
    }
}

/// Types that requests send: those of bodies and parameters, and all they
/// contain.
fn sent_types(types: &[TypeDef], operations: &[Operation]) -> HashSet<TypeId> {
    let mut sent = HashSet::new();
    let mut stack: Vec<&TypeRef> = Vec::new();
    for operation in operations {
        if let Some(body) = &operation.body {
            stack.push(&body.ty);
        }
        stack.extend(operation.params.iter().map(|param| &param.ty));
    }
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(id) => {
                if sent.insert(*id) {
                    match &types[id.0].kind {
                        TypeKind::Struct(structure) => {
                            stack.extend(structure.fields.iter().map(|field| &field.ty));
                            stack.extend(structure.additional.iter().map(|extra| &extra.ty));
                        }
                        TypeKind::Union(union) => {
                            stack.extend(union.variants.iter().map(|variant| &variant.ty))
                        }
                        TypeKind::Alias(target) => stack.push(target),
                        TypeKind::Enum(_) => {}
                    }
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                stack.push(inner)
            }
            TypeRef::Scalar(_) | TypeRef::Any => {}
        }
    }
    sent
}

/// Fields `codegen.toml` pins, as (type, field index).
struct Pins {
    required: HashSet<(TypeId, usize)>,
    optional: HashSet<(TypeId, usize)>,
}

impl Pins {
    fn resolve(
        types: &[TypeDef],
        settings: &ExampleSettings,
        diagnostics: &mut Diagnostics,
    ) -> Self {
        let mut resolve = |names: &[String], key: &str| {
            names
                .iter()
                .filter_map(|name| {
                    let found = find_field(types, name);
                    if found.is_none() {
                        diagnostics.warn(
                            &Pointer::root(),
                            format!(
                                "codegen.toml: `[examples] {key}` names `{name}`, which is not a \
                                 field of a generated struct (`Type.json_key`)"
                            ),
                        );
                    }
                    found
                })
                .collect()
        };
        Self {
            required: resolve(&settings.required, "required"),
            optional: resolve(&settings.optional, "optional"),
        }
    }
}

/// The field `Type.json_key` names: the type by its Rust name or its
/// schema name.
fn find_field(types: &[TypeDef], name: &str) -> Option<(TypeId, usize)> {
    let (type_name, key) = name.rsplit_once('.')?;
    let rust_name = crate::naming::type_name(type_name);
    types.iter().enumerate().find_map(|(index, def)| {
        if def.name != type_name && def.name != rust_name {
            return None;
        }
        let TypeKind::Struct(structure) = &def.kind else {
            return None;
        };
        let field = structure
            .fields
            .iter()
            .position(|field| field.wire_name == key)?;
        Some((TypeId(index), field))
    })
}

/// A comment beside a property of a JSON-text example becomes the doc of
/// the field it describes, where the schema gives none.
fn document_from_comments(
    types: &mut [TypeDef],
    operations: &[Operation],
    diagnostics: &mut Diagnostics,
) {
    let mut docs: Vec<(TypeId, usize, String, Pointer)> = Vec::new();
    {
        let checker = Checker {
            types,
            lenient: false,
        };
        for operation in operations {
            for (ty, recorded, _) in examples_of(operation) {
                for example in recorded {
                    for comment in &example.comments {
                        if let Some((id, index)) = field_at(&checker, ty, &comment.path) {
                            docs.push((id, index, comment.text.clone(), example.at.clone()));
                        }
                    }
                }
            }
        }
    }
    for (id, index, text, at) in docs {
        let def = &mut types[id.0];
        let type_name = def.name.clone();
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        let field = &mut structure.fields[index];
        if field.docs.is_none() {
            diagnostics.note(
                &at,
                format!(
                    "`{type_name}.{}` is documented by the comment beside it in this example",
                    field.wire_name
                ),
            );
            field.docs = Some(format!(
                "{text}\n\n(From a comment in an example of the spec.)"
            ));
        }
    }
}

/// The struct field at `path` (keys, `[]` for list items) below `ty`.
fn field_at(checker: &Checker<'_>, ty: &TypeRef, path: &[String]) -> Option<(TypeId, usize)> {
    let (first, rest) = path.split_first()?;
    match ty {
        TypeRef::Nullable(inner) => field_at(checker, inner, path),
        TypeRef::Array(item) if first == "[]" => field_at(checker, item, rest),
        TypeRef::Map(value) => field_at(checker, value, rest),
        TypeRef::Named(_) => {
            let (id, TypeKind::Struct(structure)) = checker.unaliased(ty)? else {
                return None;
            };
            let index = structure
                .fields
                .iter()
                .position(|field| &field.wire_name == first)?;
            if rest.is_empty() {
                Some((id, index))
            } else {
                field_at(checker, &structure.fields[index].ty, rest)
            }
        }
        _ => None,
    }
}
