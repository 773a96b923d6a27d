//! Reading the generated string enums.
//!
//! serde's `#[serde(from = "String")]` reads every value into a new
//! `String` first, to be dropped again for each value the enum knows. A
//! generated enum reads through [`string`] instead: the text is matched
//! where it lies, and only a value the SDK does not know is copied, into
//! the `Unknown` variant.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Reads a JSON string into the enum `T`: from the borrowed text when the
/// input lends it, or from the owned `String` the deserializer already made.
pub fn string<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: From<String> + for<'a> From<&'a str>,
{
    struct Text<T>(PhantomData<fn() -> T>);

    impl<T> Visitor<'_> for Text<T>
    where
        T: From<String> + for<'a> From<&'a str>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_string(Text(PhantomData))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    /// A generated enum, as the generator writes it.
    #[derive(Debug, PartialEq)]
    enum Status {
        Paid,
        Unknown(String),
    }

    impl Status {
        fn known(value: &str) -> Option<Self> {
            match value {
                "paid" => Some(Self::Paid),
                _ => None,
            }
        }
    }

    impl From<String> for Status {
        fn from(value: String) -> Self {
            Self::known(&value).unwrap_or(Self::Unknown(value))
        }
    }

    impl From<&str> for Status {
        fn from(value: &str) -> Self {
            Self::known(value).unwrap_or_else(|| Self::Unknown(value.to_owned()))
        }
    }

    impl<'de> Deserialize<'de> for Status {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::string(deserializer)
        }
    }

    /// What `#[serde(from = "String")]` made of the same enum.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(from = "String")]
    struct Derived(Status);

    impl From<String> for Derived {
        fn from(value: String) -> Self {
            Self(Status::from(value))
        }
    }

    #[test]
    fn enums_read_as_from_string_read_them() {
        for json in [
            r#""paid""#,
            r#""refunded""#,
            r#""pa\u0069d""#,
            "5",
            "null",
            "[]",
        ] {
            let derived = serde_json::from_str::<Derived>(json)
                .map(|derived| derived.0)
                .map_err(|error| error.to_string());
            let read = serde_json::from_str::<Status>(json).map_err(|error| error.to_string());
            assert_eq!(read, derived, "{json}");
        }
        // From a parsed value too (webhook events, untagged unions).
        let value = serde_json::json!("refunded");
        assert_eq!(
            Status::deserialize(&value).unwrap(),
            Status::Unknown("refunded".to_owned())
        );
        assert_eq!(
            Status::deserialize(value).unwrap(),
            Status::Unknown("refunded".to_owned())
        );
    }
}
