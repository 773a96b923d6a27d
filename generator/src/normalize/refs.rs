//! Apifox rule 1: `$ref` values are percent-encoded JSON pointers.
//!
//! apifox writes `#/components/schemas/Payment%20Intent` for the schema
//! `Payment Intent`, sometimes inside a folded YAML scalar that leaves a
//! trailing newline. [`parse_ref`] decodes such a reference, and
//! [`canonicalize`] rewrites every `$ref` of a document into one canonical
//! form, so that later stages compare references as plain strings. A
//! reference that points outside the document (`./user.ts#/definitions/User`)
//! or at nothing becomes an untyped schema with a warning.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde_json::{Map, Value};

use super::walk;
use crate::diagnostics::{Diagnostics, Pending, Pointer};

/// What a `$ref` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefTarget {
    /// A component of this document: `#/components/{kind}/{name}`.
    Component { kind: String, name: String },
    /// Another node of this document, by its (decoded) pointer.
    Local(Pointer),
    /// A node in another file or URL, as written.
    External(String),
}

/// Parses a `$ref`: percent-decodes it and unescapes `~1` and `~0` in each
/// pointer token. Whitespace around the reference (left by folded YAML
/// scalars) is ignored; whitespace inside names is kept.
pub fn parse_ref(reference: &str) -> RefTarget {
    let reference = reference.trim();
    let Some(fragment) = reference.strip_prefix('#') else {
        return RefTarget::External(reference.to_owned());
    };
    let tokens: Vec<String> = fragment
        .split('/')
        .skip(1)
        .map(|token| {
            let decoded = percent_decode_str(token).decode_utf8_lossy();
            decoded.replace("~1", "/").replace("~0", "~")
        })
        .collect();
    match tokens.as_slice() {
        [components, kind, name] if components == "components" => RefTarget::Component {
            kind: kind.clone(),
            name: name.clone(),
        },
        _ => RefTarget::Local(
            tokens
                .iter()
                .fold(Pointer::root(), |pointer, token| pointer.push(token)),
        ),
    }
}

/// Characters that are percent-encoded in canonical references: controls,
/// space, `%` itself, and what a URI fragment may not hold. Non-ASCII
/// characters are always encoded.
const ENCODED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'{')
    .add(b'}');

/// The canonical reference to the component `name` of `kind`; [`parse_ref`]
/// turns it back into the same name.
pub fn component_ref(kind: &str, name: &str) -> String {
    let token = name.replace('~', "~0").replace('/', "~1");
    format!(
        "#/components/{kind}/{}",
        utf8_percent_encode(&token, ENCODED)
    )
}

/// Finds the component a reference means. An exact name wins; otherwise a
/// unique component whose name equals the referenced one up to surrounding
/// whitespace (apifox keeps `"User "` and `"User"` apart, but folded YAML can
/// add or drop a trailing space).
pub fn find_component<'a>(
    components: &'a Map<String, Value>,
    kind: &str,
    name: &str,
) -> Option<&'a str> {
    let entries = components.get(kind)?.as_object()?;
    if let Some((key, _)) = entries.get_key_value(name) {
        return Some(key);
    }
    let mut matches = entries.keys().filter(|key| key.trim() == name.trim());
    match (matches.next(), matches.next()) {
        (Some(key), None) => Some(key),
        _ => None,
    }
}

/// Rewrites every `$ref` in `document` to [`component_ref`] form. References
/// that cannot be followed are replaced by an untyped schema that keeps the
/// node's description, with a warning.
pub fn canonicalize(document: &mut Value, diagnostics: &mut Diagnostics) {
    // Only the names are read while the document is rewritten: the
    // components themselves are not copied.
    let names = component_names(document);
    let mut pending = Pending::default();
    rewrite(document, &mut Pointer::root(), &names, &mut pending);
    diagnostics.record(pending);
}

/// The components of `document` with their names only (every value
/// `null`), the shape [`find_component`] reads.
fn component_names(document: &Value) -> Map<String, Value> {
    let Some(components) = document.get("components").and_then(Value::as_object) else {
        return Map::new();
    };
    components
        .iter()
        .map(|(kind, entries)| {
            let names = entries.as_object().map_or_else(Map::new, |entries| {
                entries
                    .keys()
                    .map(|name| (name.clone(), Value::Null))
                    .collect()
            });
            (kind.clone(), Value::Object(names))
        })
        .collect()
}

fn rewrite(
    node: &mut Value,
    pointer: &mut Pointer,
    components: &Map<String, Value>,
    diagnostics: &mut Pending,
) {
    match node {
        Value::Object(object) => {
            rewrite_ref(object, pointer, components, diagnostics);
            let at_root = pointer.as_str().is_empty();
            for (key, child) in object.iter_mut() {
                if is_literal(key) {
                    continue;
                }
                let parent = pointer.descend(key);
                match child {
                    // The path items, most of a large document, in parallel.
                    Value::Object(items) if at_root && key == "paths" => {
                        rewrite_ref(items, pointer, components, diagnostics);
                        diagnostics.append(walk::each_entry_in_parallel(
                            items,
                            pointer,
                            &|item, pointer, pending| rewrite(item, pointer, components, pending),
                        ));
                    }
                    child => rewrite(child, pointer, components, diagnostics),
                }
                pointer.ascend(parent);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let parent = pointer.descend(index);
                rewrite(item, pointer, components, diagnostics);
                pointer.ascend(parent);
            }
        }
        _ => {}
    }
}

/// The `$ref` of `object`, the node at `pointer`, rewritten; or removed
/// with a warning when it cannot be followed.
fn rewrite_ref(
    object: &mut Map<String, Value>,
    pointer: &Pointer,
    components: &Map<String, Value>,
    diagnostics: &mut Pending,
) {
    let Some(Value::String(reference)) = object.get("$ref") else {
        return;
    };
    match resolve(reference, components) {
        Ok(canonical) => {
            if canonical != *reference {
                object.insert("$ref".to_owned(), Value::String(canonical));
            }
        }
        Err(problem) => {
            diagnostics.warn(
                pointer,
                format!("{problem}; the node is typed as `serde_json::Value`"),
            );
            object.remove("$ref");
            object.remove("x-apifox-overrides");
        }
    }
}

/// Keys whose values are example data, not spec nodes.
pub(crate) fn is_literal(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "default" | "enum" | "const" | "x-apifox-enum"
    )
}

fn resolve(reference: &str, components: &Map<String, Value>) -> Result<String, String> {
    match parse_ref(reference) {
        RefTarget::Component { kind, name } => find_component(components, &kind, &name)
            .map(|found| component_ref(&kind, found))
            .ok_or_else(|| {
                format!(
                    "`$ref: {reference}` points at no component `{name}` in `components.{kind}`"
                )
            }),
        RefTarget::External(target) => Err(format!(
            "`$ref: {target}` points into another file, which is not supported"
        )),
        RefTarget::Local(target) => Err(format!(
            "`$ref: {reference}` points at {target}, which is not a component"
        )),
    }
}

/// Whether the schema `node` is a plain reference, and to which component.
pub fn schema_ref(node: &Value) -> Option<String> {
    schema_name(node.get("$ref")?.as_str()?)
}

/// The component schema `reference` points at, if it points at one.
pub fn schema_name(reference: &str) -> Option<String> {
    match parse_ref(reference) {
        RefTarget::Component { kind, name } if kind == "schemas" => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;
    use serde_json::json;

    #[test]
    fn percent_encoded_refs_decode_to_the_schema_name() {
        assert_eq!(
            parse_ref("#/components/schemas/Payment%20Intent"),
            RefTarget::Component {
                kind: "schemas".into(),
                name: "Payment Intent".into()
            }
        );
        assert_eq!(
            parse_ref("#/components/schemas/Page%C2%ABUser%C2%BB"),
            RefTarget::Component {
                kind: "schemas".into(),
                name: "Page«User»".into()
            }
        );
        assert_eq!(
            parse_ref("#/components/schemas/a~1b~0c\n"),
            RefTarget::Component {
                kind: "schemas".into(),
                name: "a/b~c".into()
            }
        );
        assert_eq!(
            parse_ref("./user.ts#/definitions/User"),
            RefTarget::External("./user.ts#/definitions/User".into())
        );
    }

    #[test]
    fn canonical_refs_round_trip() {
        for name in ["Payment Intent", "Page«User»", "a/b~c", "100%", "用户"] {
            let reference = component_ref("schemas", name);
            assert_eq!(
                parse_ref(&reference),
                RefTarget::Component {
                    kind: "schemas".into(),
                    name: name.into()
                },
                "{reference}"
            );
        }
    }

    #[test]
    fn exact_names_win_over_trimmed_ones() {
        let components = json!({"schemas": {"User": {}, "User ": {}, "Order ": {}}});
        let components = components.as_object().unwrap();
        assert_eq!(
            find_component(components, "schemas", "User "),
            Some("User ")
        );
        assert_eq!(find_component(components, "schemas", "User"), Some("User"));
        assert_eq!(
            find_component(components, "schemas", "Order"),
            Some("Order ")
        );
        assert_eq!(find_component(components, "schemas", "Missing"), None);
    }

    #[test]
    fn unresolvable_refs_become_untyped_with_a_warning() {
        let mut document = json!({
            "components": {"schemas": {"A": {"type": "object", "properties": {
                "ext": {"$ref": "./user.ts#/definitions/User", "description": "kept"},
                "gone": {"$ref": "#/components/schemas/Missing"},
                "ok": {"$ref": "#/components/schemas/A"}
            }}}}
        });
        let mut diagnostics = Diagnostics::new(SourceMap::default());
        canonicalize(&mut document, &mut diagnostics);
        let properties = &document["components"]["schemas"]["A"]["properties"];
        assert_eq!(properties["ext"], json!({"description": "kept"}));
        assert_eq!(properties["gone"], json!({}));
        assert_eq!(properties["ok"]["$ref"], "#/components/schemas/A");
        let warnings: Vec<_> = diagnostics
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0].contains("#/components/schemas/A/properties/ext"),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].contains("another file"), "{}", warnings[0]);
        assert!(
            warnings[1].contains("no component `Missing`"),
            "{}",
            warnings[1]
        );
    }
}
