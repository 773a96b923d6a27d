//! The mutations `cargo xtask fuzz` applies to a spec document, and the
//! deterministic random numbers that choose them.

use serde_json::{Map, Value, json};

use super::pointer::{depth, escape, pointers, remove, split};

/// SplitMix64: tiny, fast and fully determined by its seed, so that a
/// mutant is reproduced by its seed and run number alone.
pub struct Rng(u64);

impl Rng {
    /// The generator of run `run` of a fuzzing session seeded with `seed`.
    pub fn for_run(seed: u64, run: usize) -> Self {
        let mut rng = Self(seed ^ (run as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next();
        rng
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One mutation that was applied.
#[derive(Clone, Debug)]
pub struct Applied {
    /// What was done, for the report.
    pub what: String,
    /// The pointers of the nodes it changed (before and after, for a
    /// rename), escaped as in RFC 6901.
    pub at: Vec<String>,
}

/// Applies one random mutation to `document`; `None` when the document
/// offered nothing to mutate.
pub fn mutate(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    type Mutation = fn(&mut Value, &mut Rng) -> Option<Applied>;
    // Weighted: the structural mutations come up more often.
    const MUTATIONS: [Mutation; 13] = [
        delete,
        delete,
        retype,
        retype,
        reference,
        reference,
        rename,
        rename,
        resize,
        resize,
        duplicate_operation,
        apifox_extension,
        apifox_extension,
    ];
    for _ in 0..16 {
        if let Some(applied) = rng.pick(&MUTATIONS)(document, rng) {
            return Some(applied);
        }
    }
    None
}

/// A random node, half the time among objects and arrays only (changing a
/// container does more than changing a description).
fn pick_node(document: &Value, rng: &mut Rng, root: bool) -> Option<String> {
    let mut all = pointers(document);
    if !root {
        all.remove(0);
    }
    if rng.chance(50) {
        all.retain(|pointer| {
            matches!(
                document.pointer(pointer),
                Some(Value::Object(_) | Value::Array(_))
            )
        });
    }
    (!all.is_empty()).then(|| rng.pick(&all).clone())
}

fn pick_where(
    document: &Value,
    rng: &mut Rng,
    keep: impl Fn(&str, &Value) -> bool,
) -> Option<String> {
    let all: Vec<String> = pointers(document)
        .into_iter()
        .filter(|pointer| {
            document
                .pointer(pointer)
                .is_some_and(|node| keep(pointer, node))
        })
        .collect();
    (!all.is_empty()).then(|| rng.pick(&all).clone())
}

/// A `$ref` to the component schema `name`, percent-encoded as apifox
/// writes it.
fn schema_ref(name: &str) -> String {
    let mut encoded = String::new();
    for byte in escape(name).bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("#/components/schemas/{encoded}")
}

fn schema_names(document: &Value) -> Vec<String> {
    document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default()
}

fn applied(what: impl Into<String>, at: &[&str]) -> Option<Applied> {
    Some(Applied {
        what: what.into(),
        at: at.iter().map(|pointer| (*pointer).to_owned()).collect(),
    })
}

/// Where text is cut in reports.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}… ({} chars)", &text[..at], text.chars().count()),
        None => text,
    }
}

// --- Mutations ------------------------------------------------------------

/// Deletes a random node.
fn delete(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let pointer = pick_node(document, rng, false)?;
    remove(document, &pointer)?;
    applied(format!("delete {pointer}"), &[&pointer])
}

fn type_of(value: &Value) -> usize {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// Replaces a random node (the root too) by a value of another JSON type.
fn retype(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let pointer = pick_node(document, rng, true)?;
    let node = document.pointer_mut(&pointer)?;
    let small = node.to_string().len() < 400;
    let replacement = loop {
        let candidate = match rng.below(6) {
            0 => Value::Null,
            1 => Value::Bool(rng.chance(50)),
            2 => rng
                .pick(&[json!(0), json!(-1), json!(42), json!(1.5), json!(1e300)])
                .clone(),
            3 => rng
                .pick(&[json!("fuzz"), json!("string"), json!("object"), json!("#/")])
                .clone(),
            4 if small && rng.chance(50) => json!([node.clone()]),
            4 => rng.pick(&[json!([]), json!([1, "a", null, {}])]).clone(),
            _ if small && rng.chance(50) => json!({ "fuzz": node.clone() }),
            _ => rng.pick(&[json!({}), json!({ "type": 7 })]).clone(),
        };
        if type_of(&candidate) != type_of(node) {
            break candidate;
        }
    };
    let what = format!("retype {pointer} to {}", short(&replacement));
    *node = replacement;
    applied(what, &[&pointer])
}

/// Breaks or loops a reference: a dangling `$ref`, a `$ref` to its own
/// object or parent, a schema whose property (or `allOf`, `oneOf`, items)
/// refers to the schema itself, two schemas that refer to each other.
fn reference(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let names = schema_names(document);
    if names.is_empty() || rng.chance(50) {
        let pointer = pick_where(document, rng, |pointer, node| {
            pointer.ends_with("/$ref") && node.is_string()
        })?;
        let (object, _) = split(&pointer)?;
        let object = object.to_owned();
        let parent = split(&object).map_or("", |(parent, _)| parent).to_owned();
        let target = match rng.below(9) {
            0 => "#/components/schemas/FuzzMissing".to_owned(),
            1 => "#/components/schemas/".to_owned(),
            2 => "#/nowhere/at/all".to_owned(),
            3 => "other-file.yaml#/components/schemas/X".to_owned(),
            4 => "not a reference".to_owned(),
            5 => "#".to_owned(),
            6 => format!("#{object}"),
            7 => format!("#{parent}"),
            _ => "#/components/schemas/%ZZ".to_owned(),
        };
        let what = format!("set {pointer} to {target:?}");
        *document.pointer_mut(&pointer)? = Value::String(target);
        return applied(what, &[&pointer]);
    }
    let name = rng.pick(&names).clone();
    let pointer = format!("/components/schemas/{}", escape(&name));
    let itself = json!({ "$ref": schema_ref(&name) });
    let schema = document.pointer_mut(&pointer)?;
    let what = match rng.below(6) {
        0 => {
            if !schema.is_object() {
                *schema = json!({ "type": "object" });
            }
            let object = schema.as_object_mut()?;
            let properties = object.entry("properties").or_insert_with(|| json!({}));
            if !properties.is_object() {
                *properties = json!({});
            }
            properties["fuzz_self"] = itself;
            if rng.chance(50) {
                object.insert("required".into(), json!(["fuzz_self"]));
            }
            "a property that refers to the schema itself"
        }
        1 => {
            *schema = json!({ "allOf": [itself] });
            "`allOf` of itself"
        }
        2 => {
            let keyword = *rng.pick(&["allOf", "oneOf", "anyOf"]);
            let previous = std::mem::take(schema);
            *schema = json!({ keyword: [previous, itself] });
            "the schema and itself under a composition keyword"
        }
        3 => {
            *schema = itself;
            "a `$ref` to itself"
        }
        4 => {
            *schema = json!({ "type": "array", "items": itself });
            "an array of itself"
        }
        _ => {
            let other = rng.pick(&names).clone();
            *schema = json!({ "allOf": [{ "$ref": schema_ref(&other) }] });
            let other_pointer = format!("/components/schemas/{}", escape(&other));
            *document.pointer_mut(&other_pointer)? = json!({ "$ref": schema_ref(&name) });
            return applied(
                format!("make {pointer} and {other_pointer} refer to each other"),
                &[&pointer, &other_pointer],
            );
        }
    };
    applied(format!("make {pointer} {what}"), &[&pointer])
}

/// Odd names for keys and name-like strings.
fn odd_name(rng: &mut Rng) -> String {
    match rng.below(24) {
        0 => String::new(),
        1 => " ".into(),
        2 => "\t\n".into(),
        3 => "é".into(),
        4 => "日本語の名前".into(),
        5 => "🦀".into(),
        6 => "type".into(),
        7 => "self".into(),
        8 => "Self".into(),
        9 => "super".into(),
        10 => "crate".into(),
        11 => "r#type".into(),
        12 => "_".into(),
        13 => "1st".into(),
        14 => "123".into(),
        15 => "long".repeat(200),
        16 => "a/b~c".into(),
        17 => "$ref".into(),
        18 => "a-b c.d".into(),
        19 => "null".into(),
        20 => "{id}".into(),
        21 => "async".into(),
        22 => "Result".into(),
        _ => "__proto__".into(),
    }
}

/// Renames a key (a schema, a property, a path, a response code…) to an
/// odd name, or sets a name-like string (an `operationId`, a parameter
/// name, an enum value) to one.
fn rename(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let name = odd_name(rng);
    if rng.chance(25) {
        let pointer = pick_where(document, rng, |pointer, node| {
            node.is_string()
                && (pointer.ends_with("/operationId")
                    || pointer.ends_with("/name")
                    || pointer.contains("/enum/")
                    || pointer.contains("/required/")
                    || pointer.contains("/tags/"))
        })?;
        let what = format!("set {pointer} to {}", short(&json!(name)));
        *document.pointer_mut(&pointer)? = Value::String(name);
        return applied(what, &[&pointer]);
    }
    let maps = |pointer: &str, node: &Value| {
        node.as_object().is_some_and(|map| !map.is_empty())
            && (pointer == "/paths"
                || pointer.starts_with("/components/") && depth(pointer) == 2
                || pointer.ends_with("/properties")
                || pointer.ends_with("/responses")
                || pointer.ends_with("/content"))
    };
    let object = match pick_where(document, rng, maps) {
        Some(object) if rng.chance(60) => object,
        _ => pick_where(document, rng, |_, node| {
            node.as_object().is_some_and(|map| !map.is_empty())
        })?,
    };
    let map = document.pointer_mut(&object)?.as_object_mut()?;
    let index = rng.below(map.len());
    let old = map.keys().nth(index)?.clone();
    let value = map.shift_remove(&old)?;
    map.shift_remove(&name);
    let index = index.min(map.len());
    map.shift_insert(index, name.clone(), value);
    let (from, to) = (
        format!("{object}/{}", escape(&old)),
        format!("{object}/{}", escape(&name)),
    );
    applied(
        format!("rename {from} to {}", short(&json!(name))),
        &[&from, &to],
    )
}

/// Replaces a node by a huge value (a 100,000-character string, a
/// 10,000-element array) or an empty one.
fn resize(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let pointer = pick_node(document, rng, false)?;
    let node = document.pointer_mut(&pointer)?;
    let (replacement, what) = match rng.below(6) {
        0 => {
            let text: String = "fuzz 字 ".chars().cycle().take(100_000).collect();
            (Value::String(text), "a 100,000-character string")
        }
        1 => {
            let items: Vec<Value> = match node {
                Value::Array(items) if !items.is_empty() => {
                    items.iter().cycle().take(10_000).cloned().collect()
                }
                _ => (0..10_000).map(|i| json!(format!("v{i}"))).collect(),
            };
            (Value::Array(items), "a 10,000-element array")
        }
        2 => {
            let items = (0..10_000).map(|i| json!(i)).collect();
            (Value::Array(items), "10,000 numbers")
        }
        3 => (json!({}), "{}"),
        4 => (json!([]), "[]"),
        _ => (json!(""), "\"\""),
    };
    *node = replacement;
    applied(format!("replace {pointer} by {what}"), &[&pointer])
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Copies an operation to another path, or to another method of its own
/// path (same `operationId`, same parameters).
fn duplicate_operation(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    let operation = pick_where(document, rng, |pointer, node| {
        node.is_object()
            && depth(pointer) == 3
            && pointer.starts_with("/paths/")
            && split(pointer).is_some_and(|(_, method)| METHODS.contains(&method.as_str()))
    })?;
    let (item, method) = split(&operation)?;
    let (_, path) = split(item)?;
    let copy = document.pointer(&operation)?.clone();
    let paths = document.get_mut("paths")?.as_object_mut()?;
    let (path, method) = match rng.below(3) {
        0 => {
            let suffix = *rng.pick(&["/fuzz-copy", "/{fuzzId}", "", "//", "/{unclosed"]);
            (format!("{path}{suffix}"), method)
        }
        1 => {
            let others: Vec<String> = paths.keys().filter(|p| **p != path).cloned().collect();
            if others.is_empty() {
                return None;
            }
            (rng.pick(&others).clone(), method)
        }
        _ => {
            let other = *rng.pick(&METHODS);
            (path.clone(), other.to_owned())
        }
    };
    let item = paths.entry(path.clone()).or_insert_with(|| json!({}));
    if !item.is_object() {
        *item = json!({});
    }
    item[&method] = copy;
    let target = format!("/paths/{}/{method}", escape(&path));
    applied(format!("copy {operation} to {target}"), &[&target])
}

/// Sets `x-apifox-refs`, `x-apifox-overrides` or `x-apifox-orders` to an
/// odd shape, on a schema that has them or on any schema.
fn apifox_extension(document: &mut Value, rng: &mut Rng) -> Option<Applied> {
    const KEYS: [&str; 3] = ["x-apifox-refs", "x-apifox-overrides", "x-apifox-orders"];
    let with_extension = |_: &str, node: &Value| {
        node.as_object()
            .is_some_and(|map| KEYS.iter().any(|key| map.contains_key(*key)))
    };
    let schema_like = |_: &str, node: &Value| {
        node.as_object().is_some_and(|map| {
            map.contains_key("type") || map.contains_key("properties") || map.contains_key("$ref")
        })
    };
    let object = match pick_where(document, rng, with_extension) {
        Some(object) if rng.chance(70) => object,
        _ => pick_where(document, rng, schema_like)?,
    };
    let names = schema_names(document);
    let component = if names.is_empty() {
        "#/components/schemas/FuzzMissing".to_owned()
    } else {
        schema_ref(rng.pick::<String>(&names))
    };
    let own = split(&object)
        .filter(|(parent, _)| *parent == "/components/schemas")
        .map(|(_, name)| schema_ref(&name))
        .unwrap_or_else(|| format!("#{object}"));
    let properties: Vec<String> = document
        .pointer(&format!("{object}/properties"))
        .and_then(Value::as_object)
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default();
    let key = *rng.pick(&KEYS);
    let odd = match rng.below(6) {
        0 => rng
            .pick(&[
                json!("text"),
                json!(7),
                json!(null),
                json!(true),
                json!([]),
                json!({}),
            ])
            .clone(),
        1 => json!([1, null, {}, "missing", "dup", "dup"]),
        2 => json!({ "": null, "missing": { "type": 5 } }),
        _ => match key {
            "x-apifox-refs" => match rng.below(7) {
                0 => json!({ "01FUZZ": "not an object" }),
                1 => json!({ "01FUZZ": { "$ref": 7 } }),
                2 => json!({ "01FUZZ": { "$ref": "#/components/schemas/FuzzMissing" } }),
                3 => json!({ "01FUZZ": { "$ref": own } }),
                4 => json!({ "01FUZZ": { "$ref": component, "x-apifox-overrides": "odd" } }),
                5 => json!({ "01FUZZ": { "$ref": component, "required": { "a": 1 } } }),
                _ => json!({ "01FUZZ": {}, "01FUZZ2": { "$ref": component } }),
            },
            "x-apifox-orders" => {
                let mut orders: Vec<Value> = properties.iter().rev().map(|p| json!(p)).collect();
                orders.extend([json!("01FUZZ"), json!("not-a-property"), json!(3)]);
                if let Some(first) = properties.first() {
                    orders.push(json!(first));
                }
                Value::Array(orders)
            }
            _ => {
                let mut overrides = Map::new();
                for property in &properties {
                    let value = rng
                        .pick(&[json!(null), json!("text"), json!(5), json!({ "$ref": own })])
                        .clone();
                    overrides.insert(property.clone(), value);
                }
                overrides.insert("not-a-property".into(), json!({ "type": "string" }));
                Value::Object(overrides)
            }
        },
    };
    let what = format!("set {object}/{key} to {}", short(&odd));
    document
        .pointer_mut(&object)?
        .as_object_mut()?
        .insert(key.into(), odd);
    let pointer = format!("{object}/{key}");
    applied(what, &[&pointer])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_mutants() {
        let base = json!({
            "openapi": "3.0.1",
            "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } } } } },
            "components": { "schemas": { "A": { "type": "object", "properties": {
                "b": { "$ref": "#/components/schemas/A" } } } } }
        });
        for run in 0..50 {
            let mutant = |seed| {
                let mut document = base.clone();
                let mut rng = Rng::for_run(seed, run);
                let what = mutate(&mut document, &mut rng).map(|applied| applied.what);
                (document, what)
            };
            assert_eq!(mutant(1), mutant(1));
        }
    }
}
