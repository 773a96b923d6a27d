// @generated: a copy of generator/runtime/src/object.rs, made by `cargo xtask codegen`. Edit it there.

//! Reading JSON objects into generated structs, key by key, and writing
//! them back.
//!
//! `#[derive(Deserialize)]` expands, for every struct, into a field enum
//! with its own visitor, a visitor for objects and one for sequences:
//! hundreds of lines that the compiler checks once per struct, and most of
//! a large SDK's build time. A generated struct instead implements
//! `Deserialize` with one `match` over its JSON keys and calls these
//! helpers, which the compiler checks once. They behave as the derive
//! does for JSON: unknown keys are skipped (or collected, for a struct
//! with `additionalProperties`), a repeated key is an error, a missing or
//! `null` key gives `None` for an `Option` field and an error (`missing
//! field`) for any other, and a field with a codec is read through it.
//!
//! The same holds for `#[derive(Serialize)]`, whose expansion cost a large
//! SDK a third of its `cargo check`: a struct writes itself as a map,
//! one `serialize_entry` per key, and a field with a codec is written
//! through [`written`].

use std::borrow::Cow;
use std::fmt;

use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Serialize, Serializer};

/// A JSON key, borrowed from the input where it has no escapes.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the value at the current key of `map` into `slot`; an error if the
/// key came before (`key` names it).
pub fn next<'de, A, T>(map: &mut A, slot: &mut Option<T>, key: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// How a field is read when not by its own `Deserialize`: one of the
/// codecs of [`super::codec`] (`Reader` in each of them), named
/// by the generated impl as `#[serde(deserialize_with)]` would name it.
pub trait Codec<T> {
    /// Reads the value.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Like [`next`], reading the value through the codec `C` (the argument
/// only names it: `next_with(&mut map, &mut amount, "amount", decimal::Reader)`).
pub fn next_with<'de, A, T, C>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
    _codec: C,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    C: Codec<T>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value_seed(Through::<T, C>(PhantomData))?);
    Ok(())
}

/// A value of `T` read through the codec `C`.
struct Through<T, C>(PhantomData<fn() -> (T, C)>);

impl<'de, T, C: Codec<T>> DeserializeSeed<'de> for Through<T, C> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        C::read(deserializer)
    }
}

/// Reads the value at the current key of `map` into `extra`, the map of
/// keys the struct does not list (`additionalProperties`); a repeated key
/// keeps its last value.
pub fn extra<'de, A, V>(
    map: &mut A,
    extra: &mut std::collections::BTreeMap<String, V>,
    key: Key<'de>,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    V: Deserialize<'de>,
{
    extra.insert(key.0.into_owned(), map.next_value()?);
    Ok(())
}

/// Like [`extra`], reading the value through the codec `C`: the exact
/// decimals of `additionalProperties: {type: number}`.
pub fn extra_with<'de, A, V, C>(
    map: &mut A,
    extra: &mut std::collections::BTreeMap<String, V>,
    key: Key<'de>,
    _codec: C,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    C: Codec<V>,
{
    extra.insert(
        key.0.into_owned(),
        map.next_value_seed(Through::<V, C>(PhantomData))?,
    );
    Ok(())
}

/// Skips the value at the current key of `map`: a key the struct does not
/// know.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of an `Option` field: `None` when the key is missing or
/// `null`.
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// The value of a key that must be there.
pub fn required<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(key))
}

/// Writes what a struct's visitor expects: `struct Name`, as serde's
/// derive does.
pub fn expecting(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    write!(f, "struct {name}")
}

/// How a field is written when not by its own `Serialize`: the `Writer`
/// of a codec of [`super::codec`], named by the generated impl as
/// `#[serde(serialize_with)]` would name it.
pub trait Writes<T: ?Sized> {
    /// Writes the value.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// `value` written through the codec `C` (the argument only names it):
/// `map.serialize_entry("amount", &written(&self.amount, decimal::Writer))`.
pub fn written<T: ?Sized, C: Writes<T>>(value: &T, _codec: C) -> Written<'_, T, C> {
    Written(value, PhantomData)
}

/// A value to be written through the codec `C`; see [`written`].
pub struct Written<'a, T: ?Sized, C>(&'a T, PhantomData<fn() -> C>);

impl<T: ?Sized, C: Writes<T>> Serialize for Written<'_, T, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::write(self.0, serializer)
    }
}

