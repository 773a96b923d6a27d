// @generated: a copy of generator/runtime/src/codec.rs, made by `cargo xtask codegen`. Edit it there.

//! Field codecs the generated models name in `#[serde(with = …)]`.
//!
//! - [`decimal`]: money in major units (`100.23`) read and written exactly.
//!   A JSON number is taken from its text, never through `f64`; numeric
//!   strings (`"100.23"`) are accepted too. Written back, it is a JSON
//!   number with exactly the decimal's digits.
//! - [`lenient`]: an array or object that the server sometimes sends as a
//!   JSON-encoded string (`"[\"card\"]"`) is decoded from the string.
//! - [`float`]: `f64` fields written without a fraction when they hold a
//!   whole number (`5`, not `5.0`), since APIs that type ids and counts as
//!   `number` often parse them as integers.

/// Exact decimals. Use as `#[serde(with = "decimal")]` on a `Decimal` field,
/// or the submodules for `Option`, `Vec` and `Option<Vec>` fields.
pub mod decimal {
    use rust_decimal::Decimal;
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

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

    /// The decimal as a raw JSON number.
    fn raw(value: &Decimal) -> Result<Box<RawValue>, String> {
        RawValue::from_string(value.normalize().to_string()).map_err(|error| error.to_string())
    }

    /// Serializes as a JSON number with the decimal's exact digits.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        raw(value).map_err(S::Error::custom)?.serialize(serializer)
    }

    /// Deserializes from a JSON number or a numeric string, exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        parse(raw.get()).map_err(D::Error::custom)
    }

    /// `Option<Decimal>` fields; `null` is `None`.
    pub mod option {
        use super::*;

        /// Serializes `Some` as an exact JSON number and `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Deserializes `null` as `None`, else as [`super::deserialize`].
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            let raw = Option::<Box<RawValue>>::deserialize(deserializer)?;
            match raw {
                Some(raw) if raw.get().trim() != "null" => {
                    parse(raw.get()).map(Some).map_err(D::Error::custom)
                }
                _ => Ok(None),
            }
        }
    }

    /// `Vec<Decimal>` fields.
    pub mod list {
        use super::*;

        /// Serializes each item as an exact JSON number.
        pub fn serialize<S: Serializer>(
            values: &[Decimal],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let raws = values
                .iter()
                .map(raw)
                .collect::<Result<Vec<_>, _>>()
                .map_err(S::Error::custom)?;
            raws.serialize(serializer)
        }

        /// Deserializes each item exactly.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<Decimal>, D::Error> {
            let raws = Vec::<Box<RawValue>>::deserialize(deserializer)?;
            raws.iter()
                .map(|raw| parse(raw.get()))
                .collect::<Result<_, _>>()
                .map_err(D::Error::custom)
        }
    }

    /// `Option<Vec<Decimal>>` fields.
    pub mod option_list {
        use super::*;

        /// Serializes `Some` as a list of exact JSON numbers.
        pub fn serialize<S: Serializer>(
            values: &Option<Vec<Decimal>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match values {
                Some(values) => super::list::serialize(values, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Deserializes `null` as `None`, else each item exactly.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<Decimal>>, D::Error> {
            let raws = Option::<Vec<Box<RawValue>>>::deserialize(deserializer)?;
            raws.map(|raws| {
                raws.iter()
                    .map(|raw| parse(raw.get()))
                    .collect::<Result<_, _>>()
            })
            .transpose()
            .map_err(D::Error::custom)
        }
    }
}

/// Whole `f64` values written as JSON integers. Use as
/// `#[serde(with = "float")]`, or `float::option` on `Option<f64>` fields.
pub mod float {
    use serde::{Deserialize, Deserializer, Serializer};

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
}

