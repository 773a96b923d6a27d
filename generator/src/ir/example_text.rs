//! Example bodies that apifox keeps as text: JSON written by hand, often
//! with `//` comments and trailing commas (`"name": "麻薯", // 名字`).
//!
//! The text is read with `jsonc-parser`, and a comment beside a property
//! is kept with the property's path: it is often the only description of
//! the field anywhere in the spec.

use jsonc_parser::ast::{self, ObjectProp};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};
use serde_json::Value;

/// A comment written beside a property of an example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldComment {
    /// The property's keys from the root; list levels are `[]`.
    pub path: Vec<String>,
    /// The comment's text, trimmed.
    pub text: String,
}

/// An example read from its text.
#[derive(Debug)]
pub struct ParsedText {
    pub value: Value,
    pub comments: Vec<FieldComment>,
}

/// Reads `text` as JSON with comments, when it holds an object or a list;
/// `None` for other text (which is then a plain string example).
pub fn parse(text: &str) -> Option<ParsedText> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') && !trimmed.starts_with('[') {
        return None;
    }
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Separate,
        tokens: false,
    };
    let parsed = parse_to_ast(text, &collect, &ParseOptions::default()).ok()?;
    let root = parsed.value?;
    // Each comment once (the map keys a comment by the tokens on both
    // sides), in text order, with where it starts.
    let mut comments: Vec<(usize, String)> = parsed
        .comments
        .iter()
        .flat_map(|map| map.values())
        .flat_map(|list| list.iter())
        .map(|comment| {
            let start = match comment {
                ast::Comment::Line(line) => line.range.start,
                ast::Comment::Block(block) => block.range.start,
            };
            (start, comment.text().trim().to_owned())
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    comments.sort();
    comments.dedup();
    let mut properties = Vec::new();
    collect_properties(&root, &mut Vec::new(), &mut properties);
    properties.sort_by_key(|(start, _)| *start);
    let mut field_comments = Vec::new();
    for (comment_start, comment) in comments {
        // The first property on the comment's line: the outermost one, so
        // that a comment after `"tags": [{"id": 1}], // …` describes `tags`.
        let line_start = text[..comment_start].rfind('\n').map_or(0, |at| at + 1);
        let owner = properties
            .iter()
            .find(|(start, _)| (line_start..comment_start).contains(start));
        if let Some((_, path)) = owner {
            field_comments.push(FieldComment {
                path: path.clone(),
                text: comment,
            });
        }
    }
    Some(ParsedText {
        value: Value::from(root),
        comments: field_comments,
    })
}

/// Every property under `value`, with where it starts and its path.
fn collect_properties(
    value: &ast::Value<'_>,
    path: &mut Vec<String>,
    into: &mut Vec<(usize, Vec<String>)>,
) {
    match value {
        ast::Value::Object(object) => {
            for ObjectProp {
                range, name, value, ..
            } in &object.properties
            {
                path.push(name.as_str().to_owned());
                into.push((range.start, path.clone()));
                collect_properties(value, path, into);
                path.pop();
            }
        }
        ast::Value::Array(array) => {
            path.push("[]".to_owned());
            for element in &array.elements {
                collect_properties(element, path, into);
            }
            path.pop();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_read() {
        let parsed = parse(
            r#"{
  "name": "麻薯", // 名字
  "age": 2, /* 年龄 */
  "owner": { // 主人
    "tags": [{"id": 1}, {"id": 2}], // 标签
  },
}"#,
        )
        .unwrap();
        assert_eq!(
            parsed.value,
            serde_json::json!({"name": "麻薯", "age": 2, "owner": {"tags": [{"id": 1}, {"id": 2}]}})
        );
        let comments: Vec<(String, &str)> = parsed
            .comments
            .iter()
            .map(|comment| (comment.path.join("."), comment.text.as_str()))
            .collect();
        assert_eq!(
            comments,
            [
                ("name".to_owned(), "名字"),
                ("age".to_owned(), "年龄"),
                ("owner".to_owned(), "主人"),
                ("owner.tags".to_owned(), "标签"),
            ]
        );
    }

    #[test]
    fn plain_text_and_broken_json_are_not_examples_of_objects() {
        assert!(parse("hello").is_none());
        assert!(parse("{\"a\": }").is_none());
        assert!(parse("  [1, 2,]").is_some());
    }
}
