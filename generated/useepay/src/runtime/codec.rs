// @generated: a copy of generator/runtime/src/codec.rs, made by `cargo xtask codegen`. Edit it there.

//! Field codecs: the generated models read a field through a codec's
//! `Reader` and write it through its `Writer` (serde's `with` functions
//! are here too, for hand-written types).
//!
//! - `decimal` (with the `decimal` feature): money in major units (`100.23`) read and written exactly.
//!   A JSON number is taken from its text, never through `f64`; numeric
//!   strings (`"100.23"`) are accepted too. Written back, it is a JSON
//!   number with exactly the decimal's digits.
//! - [`lenient`]: an array or object that the server sometimes sends as a
//!   JSON-encoded string (`"[\"card\"]"`) is decoded from the string.
//! - [`float`]: `f64` fields written without a fraction when they hold a
//!   whole number (`5`, not `5.0`), since APIs that type ids and counts as
//!   `number` often parse them as integers.
//! - [`drift`]: a scalar that the spec's examples show in the other form (a
//!   number for text, numeric text for a number) is read in either form;
//!   it is written in its declared form.

use super::object::{Codec, Writes};

/// Exact decimals. Use as `#[serde(with = "decimal")]` on a field whose
/// type is a `Decimal`, or an `Option`, `Vec` or string-keyed `BTreeMap` of
/// such types at any depth (`Option<BTreeMap<String, Vec<Decimal>>>`): every
/// decimal inside is read and written exactly.
pub mod decimal {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;

    use super::{Codec, Writes};
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    /// A type whose decimals this codec reads and writes exactly.
    pub trait Exact: Sized {
        /// Writes the value, each decimal as a JSON number with its exact
        /// digits.
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        /// Reads the value, each decimal from the text of its JSON number or
        /// numeric string.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Serializes `value` exactly.
    pub fn serialize<T: Exact, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }

    /// Deserializes a value exactly.
    pub fn deserialize<'de, T: Exact, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::read(deserializer)
    }

    /// This codec, for the `Serialize` impls the generator writes out.
    pub struct Writer;

    impl<T: Exact> Writes<T> for Writer {
        fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
            value.write(serializer)
        }
    }

    /// This codec, for the `Deserialize` impls the generator writes out.
    pub struct Reader;

    impl<T: Exact> Codec<T> for Reader {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    /// Reads a decimal from the text of a JSON number or string.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let trimmed = text.trim();
        let digits = match trimmed
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
        {
            Some(inner) => inner.trim(),
            None => trimmed,
        };
        Decimal::from_str_exact(digits)
            .or_else(|_| Decimal::from_scientific(digits))
            .map_err(|_| format!("`{trimmed}` is not a decimal number"))
    }

    impl Exact for Decimal {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            // A raw value is the only way to give serde_json a number's text
            // without going through `f64`.
            RawValue::from_string(self.normalize().to_string())
                .map_err(S::Error::custom)?
                .serialize(serializer)
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = Box::<RawValue>::deserialize(deserializer)?;
            parse(raw.get()).map_err(D::Error::custom)
        }
    }

    /// `null` is `None`.
    impl<T: Exact> Exact for Option<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Write(value)),
                None => serializer.serialize_none(),
            }
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<Read<T>>::deserialize(deserializer)?.map(|read| read.0))
        }
    }

    impl<T: Exact> Exact for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(Write))
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let items = Vec::<Read<T>>::deserialize(deserializer)?;
            Ok(items.into_iter().map(|read| read.0).collect())
        }
    }

    impl<T: Exact> Exact for BTreeMap<String, T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(key, value)| (key, Write(value))))
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let entries = BTreeMap::<String, Read<T>>::deserialize(deserializer)?;
            Ok(entries
                .into_iter()
                .map(|(key, read)| (key, read.0))
                .collect())
        }
    }

    /// Serializes the value it borrows with [`Exact::write`].
    struct Write<'a, T>(&'a T);

    impl<T: Exact> Serialize for Write<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// Deserializes its value with [`Exact::read`].
    struct Read<T>(T);

    impl<'de, T: Exact> Deserialize<'de> for Read<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(Read)
        }
    }
}

/// Whole `f64` values written as JSON integers. Use as
/// `#[serde(with = "float")]`, or `float::option` on `Option<f64>` fields.
pub mod float {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{Codec, Writes};

    /// Doubles below this are exactly integers when they have no fraction.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    /// Writes `5.0` as `5`, other values as they are.
    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.fract() == 0.0 && value.abs() < EXACT {
            // In range and whole, so the conversion is exact.
            serializer.serialize_i64(*value as i64)
        } else {
            serializer.serialize_f64(*value)
        }
    }

    /// Reads a number as usual.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        f64::deserialize(deserializer)
    }

    /// This codec, for the `Serialize` impls the generator writes out.
    pub struct Writer;

    impl Writes<f64> for Writer {
        fn write<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(value, serializer)
        }
    }

    /// This codec, for the `Deserialize` impls the generator writes out.
    pub struct Reader;

    impl Codec<f64> for Reader {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
            deserialize(deserializer)
        }
    }

    /// `Option<f64>` fields.
    pub mod option {
        use super::*;

        /// Writes `Some` as [`super::serialize`] does, `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<f64>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null` as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<f64>, D::Error> {
            Option::<f64>::deserialize(deserializer)
        }

        /// This codec, for the `Serialize` impls the generator writes out.
        pub struct Writer;

        impl Writes<Option<f64>> for Writer {
            fn write<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
                serialize(value, serializer)
            }
        }

        /// This codec, for the `Deserialize` impls the generator writes out.
        pub struct Reader;

        impl Codec<Option<f64>> for Reader {
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
                deserialize(deserializer)
            }
        }
    }
}

/// Arrays and objects that may arrive as JSON-encoded strings. Use as
/// `#[serde(deserialize_with = "lenient::deserialize")]`, or
/// `lenient::option` on `Option` fields (where `null` and `""` are `None`).
pub mod lenient {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::Deserializer;
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{DeserializeOwned, Error as _, MapAccess, SeqAccess, Visitor};

    use super::Codec;

    struct Lenient<T>(PhantomData<T>);

    impl<'de, T: DeserializeOwned> Visitor<'de> for Lenient<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a value, or a string holding its JSON")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            serde_json::from_str(text).map(Some).map_err(|error| {
                E::custom(format!(
                    "a JSON-encoded string that does not decode: {error}"
                ))
            })
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            T::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }
    }

    /// Reads `T`, or a string that holds `T` as JSON.
    pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer
            .deserialize_any(Lenient(PhantomData))?
            .ok_or_else(|| D::Error::custom("expected a value, found null or an empty string"))
    }

    /// Like [`deserialize`] for `Option` fields: `null` and `""` are `None`.
    pub fn option<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(Lenient(PhantomData))
    }

    /// [`deserialize`], for the `Deserialize` impls the generator writes
    /// out.
    pub struct Reader;

    impl<T: DeserializeOwned> Codec<T> for Reader {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
            deserialize(deserializer)
        }
    }

    /// [`option`], for the `Deserialize` impls the generator writes out.
    pub struct OptionReader;

    impl<T: DeserializeOwned> Codec<Option<T>> for OptionReader {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
            option(deserializer)
        }
    }
}

/// Scalars read in either form. Use as `#[serde(deserialize_with =
/// "drift::deserialize")]` on a `String`, `i64` or `f64` field, or an
/// `Option` of one.
pub mod drift {
    use std::fmt;

    use serde::Deserializer;
    use serde::de::{Error, Unexpected, Visitor};

    use super::Codec;

    /// A scalar that reads its other form too.
    pub trait Drift: Sized {
        /// Reads the value from either form.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Reads a field in either form.
    pub fn deserialize<'de, T: Drift, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::read(deserializer)
    }

    /// This codec, for the `Deserialize` impls the generator writes out.
    pub struct Reader;

    impl<T: Drift> Codec<T> for Reader {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    struct Text;

    impl Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("text or a number")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }

        fn visit_string<E: Error>(self, text: String) -> Result<String, E> {
            Ok(text)
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<String, E> {
            Ok(value.to_string())
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<String, E> {
            Ok(value.to_string())
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<String, E> {
            Ok(value.to_string())
        }
    }

    impl Drift for String {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(Text)
        }
    }

    /// A number, or text holding one, parsed as `T`.
    struct Number<T>(std::marker::PhantomData<T>);

    macro_rules! number {
        ($ty:ty, $name:literal, $from_i64:expr, $from_u64:expr, $from_f64:expr) => {
            impl Visitor<'_> for Number<$ty> {
                type Value = $ty;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(concat!($name, ", or text holding one"))
                }

                fn visit_i64<E: Error>(self, value: i64) -> Result<$ty, E> {
                    $from_i64(value)
                        .ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
                }

                fn visit_u64<E: Error>(self, value: u64) -> Result<$ty, E> {
                    $from_u64(value)
                        .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
                }

                fn visit_f64<E: Error>(self, value: f64) -> Result<$ty, E> {
                    $from_f64(value)
                        .ok_or_else(|| E::invalid_value(Unexpected::Float(value), &self))
                }

                fn visit_str<E: Error>(self, text: &str) -> Result<$ty, E> {
                    text.trim()
                        .parse()
                        .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
                }
            }

            impl Drift for $ty {
                fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_any(Number::<$ty>(std::marker::PhantomData))
                }
            }
        };
    }

    number!(
        i64,
        "an integer",
        Some,
        |value: u64| i64::try_from(value).ok(),
        |value: f64| (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
    );
    number!(
        f64,
        "a number",
        |value: i64| Some(value as f64),
        |value: u64| Some(value as f64),
        Some
    );

    /// `null` is `None`.
    impl<T: Drift> Drift for Option<T> {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Nullable<T>(std::marker::PhantomData<T>);

            impl<'de, T: Drift> Visitor<'de> for Nullable<T> {
                type Value = Option<T>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a value or null")
                }

                fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
                    Ok(None)
                }

                fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
                    Ok(None)
                }

                fn visit_some<D: Deserializer<'de>>(
                    self,
                    deserializer: D,
                ) -> Result<Option<T>, D::Error> {
                    T::read(deserializer).map(Some)
                }
            }

            deserializer.deserialize_option(Nullable(std::marker::PhantomData))
        }
    }
}
