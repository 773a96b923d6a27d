// @generated: a copy of generator/runtime/src/enums.rs, made by `cargo xtask codegen`. Edit it there.

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

