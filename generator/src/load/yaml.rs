//! YAML (and therefore JSON) text into a JSON tree.
//!
//! apifox writes YAML anchors (`&ref_0` / `*ref_0`) for repeated schemas;
//! parsing resolves aliases, and `<<` merge keys are applied before the tree
//! is converted. Mapping keys that YAML reads as numbers or booleans (an
//! unquoted `200:` response code) become strings, as in JSON.

use std::path::Path;

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::diagnostics::{Diagnostic, Error, Location, Pointer, Severity};

/// Parses `text`; `line_offset` is added to line numbers in messages (the
/// position of a Markdown code block in its page).
///
/// apifox writes descriptions such as `Default: "16:9"` as plain scalars,
/// which YAML rejects ("mapping values are not allowed in this context").
/// Such a line is read as the text it obviously is, with a warning.
pub fn parse(
    path: &Path,
    text: &str,
    line_offset: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Value, Error> {
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
    let mut text = text.to_owned();
    let mut repaired = Vec::new();
    let mut yaml: Yaml = loop {
        match serde_yaml::from_str(&text) {
            Ok(yaml) => break yaml,
            Err(error) => {
                let line = error.location().map(|location| location.line());
                match line.and_then(|line| quote_plain_value(&text, line)) {
                    Some(fixed) if repaired.len() < MAX_REPAIRS => {
                        repaired.extend(line);
                        text = fixed;
                    }
                    _ => return Err(syntax_error(error)),
                }
            }
        }
    };
    for line in repaired {
        warnings.push(Diagnostic {
            severity: Severity::Warning,
            location: Location {
                file: path.to_owned(),
                pointer: Pointer::root(),
            },
            message: format!(
                "line {}: a value holds `: ` without quotes, which YAML does not allow; it is read as text",
                line + line_offset
            ),
        });
    }
    yaml.apply_merge().map_err(syntax_error)?;
    to_json(yaml).map_err(|message| Error::in_file(path, message))
}

/// How many lines one document may have repaired before its errors are
/// taken as real.
const MAX_REPAIRS: usize = 64;

/// `key: a value: with a colon` on line `line` (1-based) becomes
/// `key: 'a value: with a colon'`; `None` when the line is not a plain
/// `key: value` pair whose value holds what YAML rejects.
fn quote_plain_value(text: &str, line: usize) -> Option<String> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let target = *lines.get(line.checked_sub(1)?)?;
    let indentation = target.len() - target.trim_start().len();
    let rest = &target[indentation..];
    let (item, rest) = match rest.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", rest),
    };
    let colon = rest.find(": ")?;
    let (key, value) = (&rest[..colon], rest[colon + 2..].trim());
    let starts_structure = |text: &str| {
        text.starts_with([
            '\'', '"', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#',
        ])
    };
    if key.is_empty() || starts_structure(key) || value.is_empty() || starts_structure(value) {
        return None;
    }
    if !(value.contains(": ") || value.ends_with(':') || value.contains(" #")) {
        return None;
    }
    let repaired = format!(
        "{}{item}{key}: '{}'",
        &target[..indentation],
        value.replace('\'', "''")
    );
    lines[line - 1] = &repaired;
    Some(lines.join("\n"))
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
        let value = parse(Path::new("t.yaml"), text, 0, &mut Vec::new()).unwrap();
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
    fn unquoted_colons_in_values_are_read_as_text_with_a_warning() {
        let text = "schema:\n  properties:\n    ratio:\n      description: The ratio. Default: \"16:9\", range [16:9, 1:1]\n      type: string\n";
        let mut warnings = Vec::new();
        let value = parse(Path::new("page.md"), text, 5, &mut warnings).unwrap();
        assert_eq!(
            value["schema"]["properties"]["ratio"]["description"],
            "The ratio. Default: \"16:9\", range [16:9, 1:1]"
        );
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.starts_with("line 9: "),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn syntax_errors_name_the_line_in_the_page() {
        let error = parse(
            Path::new("page.md"),
            "a: [1, 2\nb: 3\n",
            10,
            &mut Vec::new(),
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("error: page.md#: invalid YAML at line 1"),
            "{message}"
        );
    }
}
