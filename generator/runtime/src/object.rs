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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Visitor;

    /// What serde's derive makes of the same struct.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Derived {
        id: String,
        #[serde(rename = "amountDue", default)]
        amount_due: Option<i64>,
        #[serde(default)]
        tags: Option<Vec<String>>,
    }

    /// The struct with the impl the generator writes out.
    #[derive(Debug, PartialEq)]
    struct Written {
        id: String,
        amount_due: Option<i64>,
        tags: Option<Vec<String>>,
    }

    impl<'de> Deserialize<'de> for Written {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Fields;

            impl<'de> Visitor<'de> for Fields {
                type Value = Written;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    // The derive's name, so that the messages compare.
                    expecting(f, "Derived")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                    let mut id = None;
                    let mut amount_due = None;
                    let mut tags = None;
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => next(&mut map, &mut id, "id")?,
                            "amountDue" => next(&mut map, &mut amount_due, "amountDue")?,
                            "tags" => next(&mut map, &mut tags, "tags")?,
                            _ => skip(&mut map)?,
                        }
                    }
                    Ok(Written {
                        id: required(id, "id")?,
                        amount_due: optional(amount_due),
                        tags: optional(tags),
                    })
                }
            }

            deserializer.deserialize_map(Fields)
        }
    }

    impl From<Derived> for Written {
        fn from(derived: Derived) -> Self {
            Self {
                id: derived.id,
                amount_due: derived.amount_due,
                tags: derived.tags,
            }
        }
    }

    /// Both decodings of `json`: the values, or the error messages.
    fn both(json: &str) -> (Result<Written, String>, Result<Written, String>) {
        let derived = serde_json::from_str::<Derived>(json)
            .map(Written::from)
            .map_err(|error| error.to_string());
        let written = serde_json::from_str::<Written>(json).map_err(|error| error.to_string());
        (derived, written)
    }

    #[test]
    fn objects_read_as_the_derive_reads_them() {
        for json in [
            r#"{"id": "in_1", "amountDue": 5, "tags": ["a"]}"#,
            r#"{"id": "in_1"}"#,
            r#"{"id": "in_1", "amountDue": null, "tags": null}"#,
            r#"{"id": "in_1", "unknown": {"nested": [1, 2]}, "other": null}"#,
            r#"{"i\u0064": "escaped key"}"#,
            r#"{"amountDue": 5}"#,
            r#"{"id": null}"#,
            r#"{"id": "in_1", "id": "in_2"}"#,
            r#"{"id": 5}"#,
            r#""text""#,
        ] {
            let (derived, written) = both(json);
            assert_eq!(written, derived, "{json}");
        }
    }

    #[test]
    fn objects_read_from_json_values_too() {
        // Webhook events and untagged unions hand over a parsed value.
        let value = serde_json::json!({"id": "in_1", "amountDue": 7, "more": true});
        let written = Written::deserialize(&value).unwrap();
        let owned = Written::deserialize(value).unwrap();
        assert_eq!(written, owned);
        assert_eq!(written.amount_due, Some(7));
    }

    #[test]
    fn objects_read_inside_untagged_unions() {
        // serde buffers the value and offers it to each variant in turn.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(untagged)]
        enum Union {
            Text(String),
            Object(Written),
        }
        let read: Union = serde_json::from_str(r#"{"id": "in_1", "tags": ["x"]}"#).unwrap();
        assert_eq!(
            read,
            Union::Object(Written {
                id: "in_1".to_owned(),
                amount_due: None,
                tags: Some(vec!["x".to_owned()]),
            })
        );
        assert!(serde_json::from_str::<Union>(r#"{"amountDue": 1}"#).is_err());
    }

    /// A struct with a codec field and collected keys, both ways.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct DerivedExtra {
        #[serde(default, deserialize_with = "crate::codec::lenient::option")]
        tags: Option<Vec<String>>,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, serde_json::Value>,
    }

    #[derive(Debug, PartialEq)]
    struct WrittenExtra {
        tags: Option<Vec<String>>,
        extra: std::collections::BTreeMap<String, serde_json::Value>,
    }

    impl<'de> Deserialize<'de> for WrittenExtra {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Fields;

            impl<'de> Visitor<'de> for Fields {
                type Value = WrittenExtra;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    expecting(f, "DerivedExtra")
                }

                fn visit_map<A: MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<WrittenExtra, A::Error> {
                    let mut tags = None;
                    let mut extra = std::collections::BTreeMap::new();
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "tags" => next_with(
                                &mut map,
                                &mut tags,
                                "tags",
                                crate::codec::lenient::OptionReader,
                            )?,
                            _ => super::extra(&mut map, &mut extra, key)?,
                        }
                    }
                    Ok(WrittenExtra {
                        tags: optional(tags),
                        extra,
                    })
                }
            }

            deserializer.deserialize_map(Fields)
        }
    }

    #[test]
    fn codecs_and_collected_keys_read_as_the_derive_reads_them() {
        for json in [
            r#"{"tags": ["a"], "x": 1, "y": {"z": null}}"#,
            r#"{"tags": "[\"a\", \"b\"]"}"#,
            r#"{"tags": "", "x": "text"}"#,
            r#"{"tags": null}"#,
            r#"{}"#,
            r#"{"tags": "not json"}"#,
        ] {
            let derived = serde_json::from_str::<DerivedExtra>(json)
                .map(|derived| WrittenExtra {
                    tags: derived.tags,
                    extra: derived.extra,
                })
                .map_err(|error| error.to_string());
            let written =
                serde_json::from_str::<WrittenExtra>(json).map_err(|error| error.to_string());
            assert_eq!(written, derived, "{json}");
        }
    }

    /// What serde's derive writes for a struct, and the impl the generator
    /// writes out for it: an optional key, a required key that may be
    /// null, and `additionalProperties`.
    #[derive(serde::Serialize)]
    struct DerivedOut {
        id: String,
        #[serde(rename = "amountDue", skip_serializing_if = "Option::is_none")]
        amount_due: Option<i64>,
        closed_at: Option<i64>,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, serde_json::Value>,
    }

    struct WrittenOut(DerivedOut);

    impl Serialize for WrittenOut {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let this = &self.0;
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("id", &this.id)?;
            if let Some(value) = &this.amount_due {
                map.serialize_entry("amountDue", value)?;
            }
            map.serialize_entry("closed_at", &this.closed_at)?;
            for (key, value) in &this.extra {
                map.serialize_entry(key, value)?;
            }
            map.end()
        }
    }

    #[test]
    fn objects_write_as_the_derive_writes_them() {
        let extra = |pairs: &[(&str, serde_json::Value)]| {
            pairs
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect()
        };
        for derived in [
            DerivedOut {
                id: "in_1".to_owned(),
                amount_due: Some(5),
                closed_at: Some(1_700_000_000),
                extra: extra(&[]),
            },
            DerivedOut {
                id: "in_\"2\"".to_owned(),
                amount_due: None,
                closed_at: None,
                extra: extra(&[
                    ("b", serde_json::json!([1, null])),
                    ("a", serde_json::json!({})),
                ]),
            },
        ] {
            let written = WrittenOut(derived);
            assert_eq!(
                serde_json::to_string(&written).unwrap(),
                serde_json::to_string(&written.0).unwrap()
            );
            assert_eq!(
                serde_json::to_value(&written).unwrap(),
                serde_json::to_value(&written.0).unwrap()
            );
        }
    }
}
