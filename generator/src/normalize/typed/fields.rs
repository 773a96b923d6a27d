//! Reading JSON nodes the way openapiv3's derived `Deserialize` impls
//! read them, for the hand-written readers of this module.
//!
//! serde's rules, as they apply to openapiv3's fields: an `Option` field
//! is `None` when its key is missing *or* `null`; a field with
//! `#[serde(default)]` takes its default only when the key is missing (a
//! `null` is an error); keys a struct does not name are ignored, except
//! that those starting with `x-` are its extensions. Anything these
//! helpers are not sure of is [`Unread`]: the caller then reads the whole
//! document with serde, which either accepts it or says where it is wrong.

use indexmap::IndexMap;
use openapiv3::ReferenceOr;
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// A node the fast read gave up on.
#[derive(Debug)]
pub struct Unread;

/// The result of reading one node.
pub type Read<T> = Result<T, Unread>;

/// A JSON object, read key by key.
#[derive(Clone, Copy)]
pub struct Object<'a>(&'a Map<String, Value>);

impl<'a> Object<'a> {
    /// `node` as an object; anything else is [`Unread`].
    pub fn of(node: &'a Value) -> Read<Self> {
        node.as_object().map(Object).ok_or(Unread)
    }

    /// The value at `key`, `null` included.
    pub fn raw(self, key: &str) -> Option<&'a Value> {
        self.0.get(key)
    }

    /// An `Option` field: `None` when `key` is missing or `null`.
    pub fn optional<T>(
        self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Read<T>,
    ) -> Read<Option<T>> {
        self.0
            .get(key)
            .map_or(Ok(None), |value| optional(value, read))
    }

    /// A `#[serde(default)]` field: the default when `key` is missing;
    /// a `null` goes to `read`, which refuses it as serde does.
    pub fn or_default<T: Default>(
        self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Read<T>,
    ) -> Read<T> {
        self.0.get(key).map_or_else(|| Ok(T::default()), read)
    }

    /// A field without a default: a missing `key` is an error.
    pub fn required<T>(self, key: &str, read: impl FnOnce(&'a Value) -> Read<T>) -> Read<T> {
        self.0.get(key).ok_or(Unread).and_then(read)
    }

    /// The object's extensions: its keys starting with `x-`, in order.
    pub fn extensions(self) -> IndexMap<String, Value> {
        self.entries()
            .filter(|(key, _)| is_extension(key))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    /// Every key and value, in order.
    pub fn entries(self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.0.iter()
    }
}

/// Whether `key` is an extension's: openapiv3 keeps those in an object's
/// `extensions`.
pub fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// The value of an `Option` field that is present: `None` if `null`.
pub fn optional<'a, T>(
    value: &'a Value,
    read: impl FnOnce(&'a Value) -> Read<T>,
) -> Read<Option<T>> {
    match value {
        Value::Null => Ok(None),
        _ => read(value).map(Some),
    }
}

/// A JSON string.
pub fn string(node: &Value) -> Read<String> {
    node.as_str().map(str::to_owned).ok_or(Unread)
}

/// A JSON boolean.
pub fn boolean(node: &Value) -> Read<bool> {
    node.as_bool().ok_or(Unread)
}

/// A `usize`: serde takes only non-negative integers, not `1.0`.
pub fn size(node: &Value) -> Read<usize> {
    node.as_u64()
        .and_then(|size| usize::try_from(size).ok())
        .ok_or(Unread)
}

/// Any JSON number, as `serde_json::Number` reads it.
pub fn number(node: &Value) -> Read<&Number> {
    match node {
        Value::Number(number) => Ok(number),
        _ => Err(Unread),
    }
}

/// Any JSON value, copied.
pub fn any(node: &Value) -> Read<Value> {
    Ok(node.clone())
}

/// A JSON array of strings.
pub fn strings(node: &Value) -> Read<Vec<String>> {
    list(node, string)
}

/// A JSON array, each item read by `read`.
///
/// Filled in a loop rather than collected: collecting `Result`s cannot
/// size the list (or the map, below) up front, and every schema's
/// properties and `required` grew through several reallocations.
pub fn list<'a, T>(node: &'a Value, read: impl Fn(&'a Value) -> Read<T>) -> Read<Vec<T>> {
    let items = node.as_array().ok_or(Unread)?;
    let mut list = Vec::with_capacity(items.len());
    for item in items {
        list.push(read(item)?);
    }
    Ok(list)
}

/// A JSON object as a map, each value read by `read`.
pub fn map<'a, T>(
    node: &'a Value,
    read: impl Fn(&'a Value) -> Read<T>,
) -> Read<IndexMap<String, T>> {
    let object = Object::of(node)?;
    let mut map = IndexMap::with_capacity(object.0.len());
    for (key, value) in object.entries() {
        map.insert(key.clone(), read(value)?);
    }
    Ok(map)
}

/// A node of a type that holds no schema (`Info`, `Server`, `Example`,
/// security schemes and the like), read by its own serde impl: these are
/// small and rare, so their buffering costs nothing worth a reader.
pub fn by_serde<T: for<'de> Deserialize<'de>>(node: &Value) -> Read<T> {
    T::deserialize(node).map_err(|_| Unread)
}

/// A `$ref` or a `T`: openapiv3 takes a node as a reference whenever its
/// `$ref` is a string, whatever else it holds.
pub fn reference_or<'a, T>(
    node: &'a Value,
    read: impl FnOnce(&'a Value) -> Read<T>,
) -> Read<ReferenceOr<T>> {
    match node.get("$ref") {
        Some(Value::String(reference)) => Ok(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        _ => read(node).map(ReferenceOr::Item),
    }
}
