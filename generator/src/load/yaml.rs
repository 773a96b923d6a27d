//! YAML (and therefore JSON) text into a JSON tree.
//!
//! apifox writes YAML anchors (`&ref_0` / `*ref_0`) for repeated schemas;
//! parsing resolves aliases, and `<<` merge keys are applied before the tree
//! is converted. Mapping keys that YAML reads as numbers or booleans (an
//! unquoted `200:` response code) become strings, as in JSON.

use std::path::Path;

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::diagnostics::Error;

/// Parses `text`; `line_offset` is added to line numbers in errors (the
/// position of a Markdown code block in its page).
pub fn parse(path: &Path, text: &str, line_offset: usize) -> Result<Value, Error> {
    let syntax_error = |error: serde_yaml::Error| {
        let message = error.to_string();
        let message = match message.find(" at line ") {
            Some(index) => message[..index].to_owned(),
            None => message,
        };
        let message = match error.location() {
            Some(location) => format!(
                "invalid YAML at line {} column {}: {message}",
                location.line() + line_offset,
                location.column()
            ),
            None => format!("invalid YAML: {message}"),
        };
        Error::in_file(path, message)
    };
    let mut yaml: Yaml = serde_yaml::from_str(text).map_err(syntax_error)?;
    yaml.apply_merge().map_err(syntax_error)?;
    to_json(yaml).map_err(|message| Error::in_file(path, message))
}

/// Converts a YAML value into the equivalent JSON value.
fn to_json(yaml: Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(value) => Value::Bool(value),
        Yaml::Number(number) => {
            if let Some(value) = number.as_i64() {
                Value::from(value)
            } else if let Some(value) = number.as_u64() {
                Value::from(value)
            } else {
                number
                    .as_f64()
                    .and_then(Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Yaml::String(text) => Value::String(text),
        Yaml::Sequence(items) => {
            Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Mapping(mapping) => {
            let mut object = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                object.insert(key_text(key)?, to_json(value)?);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => to_json(tagged.value)?,
    })
}

fn key_text(key: Yaml) -> Result<String, String> {
    match key {
        Yaml::String(text) => Ok(text),
        Yaml::Number(number) => Ok(number.to_string()),
        Yaml::Bool(value) => Ok(value.to_string()),
        Yaml::Null => Ok("null".to_owned()),
        Yaml::Tagged(tagged) => key_text(tagged.value),
        Yaml::Sequence(_) | Yaml::Mapping(_) => {
            Err("a YAML mapping key is a sequence or mapping; JSON keys must be text".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn anchors_and_merge_keys_resolve() {
        let text = "a: &x {type: string}\nb: *x\nc:\n  <<: *x\n  description: d\n200: ok\n";
        let value = parse(Path::new("t.yaml"), text, 0).unwrap();
        assert_eq!(
            value,
            json!({
                "a": {"type": "string"},
                "b": {"type": "string"},
                "c": {"type": "string", "description": "d"},
                "200": "ok"
            })
        );
    }

    #[test]
    fn syntax_errors_name_the_line_in_the_page() {
        let error = parse(Path::new("page.md"), "a: [1, 2\nb: 3\n", 10).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("error: page.md#: invalid YAML at line 1"),
            "{message}"
        );
    }
}
