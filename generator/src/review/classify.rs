//! What changed between two surfaces, and whether merchants' code that
//! compiled against the old crate still compiles (and means the same) with
//! the new one. The rules are those of the README's table; they hold
//! because of how the emitter writes Rust: structs and enums are
//! `#[non_exhaustive]`, structs are built through `new` and setters.

use std::collections::BTreeMap;

use super::surface::{FieldSig, Shape, Surface, TypeSig};
use crate::diagnostics::Pointer;

/// How much a change matters to merchants' code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Only documentation changed.
    Docs,
    /// New items; code that compiled still compiles and means the same.
    Additive,
    /// Code that compiled may not, or may mean something else.
    Breaking,
}

impl Level {
    /// The word for it in a report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Docs => "docs only",
            Self::Additive => "additive",
            Self::Breaking => "breaking",
        }
    }
}

/// Which side of the comparison a change is located in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Base,
    Head,
}

/// One change of the Rust API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The Rust item: `payment_intents().confirm`, `Refund.reason`.
    pub item: String,
    /// What happened to it, in a few words.
    pub what: String,
    pub level: Level,
    /// Whether the item is an operation (else a type or its part).
    pub operation: bool,
    /// `added`, `removed` or `changed`, for the summary counts.
    pub motion: Motion,
    /// The spec node behind the change, on the side that has it.
    pub origin: Option<(Side, Pointer)>,
}

/// Whether an item appeared, disappeared or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Added,
    Removed,
    Changed,
}

/// The changes from `base` to `head`, in item order.
pub fn changes(base: &Surface, head: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    if base.auth != head.auth {
        out.push(Change {
            item: "Client".to_owned(),
            what: format!(
                "authentication: {} → {}",
                list(&base.auth),
                list(&head.auth)
            ),
            level: Level::Breaking,
            operation: false,
            motion: Motion::Changed,
            origin: None,
        });
    }
    for (key, old, new) in pairs(&base.operations, &head.operations) {
        let change = |what: String, level, motion, origin| Change {
            item: key.clone(),
            what,
            level,
            operation: true,
            motion,
            origin,
        };
        match (old, new) {
            (None, Some(new)) => out.push(change(
                format!("added (`{}`)", new.route),
                Level::Additive,
                Motion::Added,
                Some((Side::Head, new.origin.clone())),
            )),
            (Some(old), None) => out.push(change(
                format!("removed (`{}`)", old.route),
                Level::Breaking,
                Motion::Removed,
                Some((Side::Base, old.origin.clone())),
            )),
            (Some(old), Some(new)) => {
                let origin = Some((Side::Head, new.origin.clone()));
                if old.signature != new.signature {
                    out.push(change(
                        format!("`{}` → `{}`", old.signature, new.signature),
                        Level::Breaking,
                        Motion::Changed,
                        origin.clone(),
                    ));
                }
                if old.route != new.route {
                    out.push(change(
                        format!("sends `{}` instead of `{}`", new.route, old.route),
                        Level::Breaking,
                        Motion::Changed,
                        origin.clone(),
                    ));
                }
                if old.docs != new.docs {
                    out.push(change(
                        "documentation changed".to_owned(),
                        Level::Docs,
                        Motion::Changed,
                        origin,
                    ));
                }
            }
            (None, None) => {}
        }
    }
    for (name, old, new) in pairs(&base.types, &head.types) {
        match (old, new) {
            (None, Some(new)) => out.push(Change {
                item: name.clone(),
                what: format!("{} added (in `{}`)", new.shape.kind(), new.module),
                level: Level::Additive,
                operation: false,
                motion: Motion::Added,
                origin: Some((Side::Head, new.origin.clone())),
            }),
            (Some(old), None) => out.push(Change {
                item: name.clone(),
                what: format!("{} removed (from `{}`)", old.shape.kind(), old.module),
                level: Level::Breaking,
                operation: false,
                motion: Motion::Removed,
                origin: Some((Side::Base, old.origin.clone())),
            }),
            (Some(old), Some(new)) => type_changes(&name, old, new, &mut out),
            (None, None) => {}
        }
    }
    out
}

fn type_changes(name: &str, old: &TypeSig, new: &TypeSig, out: &mut Vec<Change>) {
    let origin = Some((Side::Head, new.origin.clone()));
    let start = out.len();
    let mut push = |item: String, what: String, level: Level| {
        out.push(Change {
            item,
            what,
            level,
            operation: false,
            motion: Motion::Changed,
            origin: origin.clone(),
        })
    };
    if old.module != new.module {
        push(
            name.to_owned(),
            format!("moved from `{}` to `{}`", old.module, new.module),
            Level::Breaking,
        );
    }
    if old.docs != new.docs {
        push(
            name.to_owned(),
            "documentation changed".to_owned(),
            Level::Docs,
        );
    }
    match (&old.shape, &new.shape) {
        (
            Shape::Struct {
                fields: old_fields,
                constructor: old_new,
            },
            Shape::Struct {
                fields: new_fields,
                constructor: new_new,
            },
        ) => {
            for (field, before, after) in pairs(old_fields, new_fields) {
                let item = format!("{name}.{field}");
                match (before, after) {
                    (None, Some(FieldSig { ty, required, .. })) => {
                        if *required {
                            push(
                                item,
                                format!(
                                    "required field added: `{ty}`, a new argument of `{name}::new`"
                                ),
                                Level::Breaking,
                            )
                        } else {
                            push(
                                item,
                                format!("optional field added: `{ty}`"),
                                Level::Additive,
                            )
                        }
                    }
                    (Some(FieldSig { ty, .. }), None) => {
                        push(item, format!("field removed (was `{ty}`)"), Level::Breaking)
                    }
                    (Some(before), Some(after)) => {
                        if before.ty != after.ty {
                            let how = match (before.required, after.required) {
                                (false, true) => " (now required)",
                                (true, false) => " (now optional)",
                                _ => "",
                            };
                            push(
                                item,
                                format!("`{}` → `{}`{how}", before.ty, after.ty),
                                Level::Breaking,
                            );
                        } else if before.docs != after.docs {
                            push(item, "documentation changed".to_owned(), Level::Docs);
                        }
                    }
                    (None, None) => {}
                }
            }
            // Arguments reordered without any being added or removed.
            let same_set = {
                let mut a = old_new.clone();
                let mut b = new_new.clone();
                a.sort();
                b.sort();
                a == b
            };
            if same_set && old_new != new_new {
                push(
                    format!("{name}::new"),
                    format!(
                        "arguments reordered: `({})` → `({})`",
                        old_new.join(", "),
                        new_new.join(", ")
                    ),
                    Level::Breaking,
                );
            }
        }
        (Shape::Enum(before), Shape::Enum(after)) => {
            for (variant, old_variant, new_variant) in pairs(before, after) {
                let item = format!("{name}::{variant}");
                match (old_variant, new_variant) {
                    (None, Some((value, _))) => push(
                        item,
                        format!("variant added (`\"{value}\"`; the enum is non-exhaustive)"),
                        Level::Additive,
                    ),
                    (Some((value, _)), None) => push(
                        item,
                        format!("variant removed (`\"{value}\"` now reads as `Unknown`)"),
                        Level::Breaking,
                    ),
                    (Some((old_value, old_docs)), Some((new_value, new_docs))) => {
                        if old_value != new_value {
                            push(
                                item,
                                format!("wire value `\"{old_value}\"` → `\"{new_value}\"`"),
                                Level::Breaking,
                            );
                        } else if old_docs != new_docs {
                            push(item, "documentation changed".to_owned(), Level::Docs);
                        }
                    }
                    (None, None) => {}
                }
            }
        }
        (Shape::Union(before), Shape::Union(after)) => {
            for (variant, old_variant, new_variant) in pairs(before, after) {
                let item = format!("{name}::{variant}");
                match (old_variant, new_variant) {
                    (None, Some(ty)) => {
                        push(item, format!("variant added (`{ty}`)"), Level::Additive)
                    }
                    (Some(_), None) => push(item, "variant removed".to_owned(), Level::Breaking),
                    (Some(a), Some(b)) if a != b => {
                        push(item, format!("`{a}` → `{b}`"), Level::Breaking)
                    }
                    _ => {}
                }
            }
        }
        (Shape::Alias(before), Shape::Alias(after)) => {
            if before != after {
                push(
                    name.to_owned(),
                    format!("`{before}` → `{after}`"),
                    Level::Breaking,
                );
            }
        }
        (before, after) => push(
            name.to_owned(),
            format!("a {} became a {}", before.kind(), after.kind()),
            Level::Breaking,
        ),
    }
    // A field's change points at the field, where the type is a component
    // (inline types are located at their first use, without a path to
    // their fields).
    if let (Shape::Struct { fields: before, .. }, Shape::Struct { fields: after, .. }) =
        (&old.shape, &new.shape)
    {
        for change in &mut out[start..] {
            let Some((_, field)) = change.item.split_once('.') else {
                continue;
            };
            let (side, sig, schema) = match (after.get(field), before.get(field)) {
                (Some(sig), _) => (Side::Head, sig, &new.origin),
                (None, Some(sig)) => (Side::Base, sig, &old.origin),
                (None, None) => continue,
            };
            if schema.as_str().starts_with("/components/schemas/") {
                change.origin = Some((side, schema.push("properties").push(&sig.wire)));
            }
        }
    }
}

/// The keys of both maps in order, with each side's value.
fn pairs<'a, V>(
    base: &'a BTreeMap<String, V>,
    head: &'a BTreeMap<String, V>,
) -> Vec<(String, Option<&'a V>, Option<&'a V>)> {
    let mut keys: Vec<&String> = base.keys().chain(head.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|key| (key.clone(), base.get(key), head.get(key)))
        .collect()
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}
