//! Finds the lines of a spec file that a JSON pointer names, for error
//! reports that show the offending lines.
//!
//! Best effort, without a full parser: the pointer's keys are looked up one
//! after the other, each among the lines one indentation level inside the
//! previous key's block. That follows block-style YAML (also inside an
//! apifox Markdown page's code block) and pretty-printed JSON. A key not
//! found (flow style `{a: 1}`, minified JSON, a node the normalizer made)
//! stops the walk at the deepest key found; when not even the first key is
//! found there is no span, and a report names the file alone.

use std::ops::Range;

use crate::diagnostics::Pointer;

/// Where the node at a pointer is written in a spec file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Byte range of the line's text (indentation left out).
    pub bytes: Range<usize>,
    /// 1-based line number.
    pub line: usize,
    /// Whether every token of the pointer was found (else this is the
    /// deepest ancestor that was).
    pub exact: bool,
}

/// The lines of a spec file, split and trimmed once for any number of
/// lookups ([`locate_in`]): a report of many diagnostics in one large file
/// would otherwise split the whole file again for each.
pub struct Lines {
    lines: Vec<Line>,
}

/// One line: where its text starts (indentation left out), how deep it is
/// indented, and how long its text is (trailing blanks left out).
struct Line {
    start: usize,
    indent: usize,
    len: usize,
}

impl Lines {
    /// The lines of `text`.
    pub fn of(text: &str) -> Self {
        let mut lines = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let content = raw.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_start();
            lines.push(Line {
                start: offset + (content.len() - trimmed.len()),
                indent: content.len() - trimmed.len(),
                len: trimmed.trim_end().len(),
            });
            offset += raw.len();
        }
        Self { lines }
    }
}

/// The line of `text` that holds the node at `pointer`, or its deepest
/// ancestor found; `None` for the root or when nothing matches.
pub fn locate(text: &str, pointer: &Pointer) -> Option<Span> {
    locate_in(text, &Lines::of(text), pointer)
}

/// [`locate`], with the lines of `text` already split ([`Lines::of`] the
/// same `text`).
pub fn locate_in(text: &str, lines: &Lines, pointer: &Pointer) -> Option<Span> {
    let lines = &lines.lines;
    // A line's text; empty if `lines` are of another text.
    let text_at = |index: usize| {
        let line = &lines[index];
        text.get(line.start..line.start + line.len).unwrap_or("")
    };
    // The block being searched: lines [from, to), and for a sequence item
    // the column its content starts at on its first line.
    // A JSON document's members are inside its outer braces.
    let opening = lines.iter().position(|line| line.len > 0);
    let mut from = match opening {
        Some(index) if text_at(index) == "{" => index + 1,
        _ => 0,
    };
    let mut to = lines.len();
    let mut first_column: Option<usize> = None;
    let mut found: Option<usize> = None;
    let tokens: Vec<String> = pointer.tokens().collect();
    let mut matched = 0;
    for token in &tokens {
        let column_of = |index: usize| -> (usize, &str) {
            match first_column {
                Some(column) if index == from => {
                    let rest = column
                        .checked_sub(lines[index].indent)
                        .and_then(|at| text_at(index).get(at..));
                    (column, rest.unwrap_or("").trim_start())
                }
                _ => (lines[index].indent, text_at(index)),
            }
        };
        let is_content = |index: usize| {
            let text = column_of(index).1;
            !text.is_empty()
                && !text.starts_with('#')
                && !text.starts_with("```")
                && !text.starts_with(['}', ']'])
        };
        // The indentation of the block's direct children.
        let Some(child) = (from..to)
            .filter(|&index| is_content(index))
            .map(|index| column_of(index).0)
            .min()
        else {
            break;
        };
        let at_child = |index: usize| is_content(index) && column_of(index).0 == child;
        let hit = (from..to)
            .filter(|&index| at_child(index))
            .find(|&index| is_key(column_of(index).1, token))
            .map(|index| (index, None))
            .or_else(|| {
                let wanted: usize = token.parse().ok()?;
                (from..to)
                    .filter(|&index| at_child(index))
                    .filter(|&index| is_item_start(column_of(index).1))
                    .nth(wanted)
                    .map(|index| {
                        let text = column_of(index).1;
                        let inner = text
                            .strip_prefix('-')
                            .map(|rest| child + 1 + (rest.len() - rest.trim_start().len()));
                        (index, inner)
                    })
            });
        let Some((index, inner)) = hit else {
            break;
        };
        matched += 1;
        found = Some(index);
        // The key's block: the lines after it indented deeper than it (for
        // a sequence item, the item's own line too).
        let end = (index + 1..to)
            .find(|&next| is_content(next) && lines[next].indent <= child)
            .unwrap_or(to);
        match inner {
            Some(column)
                if index < lines.len() && column < lines[index].indent + lines[index].len =>
            {
                from = index;
                first_column = Some(column);
            }
            _ => {
                from = index + 1;
                first_column = None;
            }
        }
        to = end;
    }
    let index = found?;
    let line = &lines[index];
    Some(Span {
        bytes: line.start..line.start + line.len,
        line: index + 1,
        exact: matched == tokens.len(),
    })
}

/// Whether `text` (a line without its indentation) starts with the key
/// `token`: `key:`, `'key':` or `"key":`, or `- key:` in a sequence item.
/// Called for every line of every block searched, so it allocates nothing.
fn is_key(text: &str, token: &str) -> bool {
    let quoted = |quote: char| {
        text.strip_prefix(quote)
            .and_then(|rest| rest.strip_prefix(token))
            .and_then(|rest| rest.strip_prefix(quote))
    };
    let double = quoted('"');
    [
        text.strip_prefix(token),
        quoted('\''),
        double,
        double.and_then(|rest| rest.strip_prefix(' ')),
    ]
    .into_iter()
    .flatten()
    .filter_map(|rest| rest.strip_prefix(':'))
    .any(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Whether a line starts a sequence item: `- …` in YAML, any value but a
/// closing bracket in a JSON array.
fn is_item_start(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || !text.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, pointer: &str) -> Option<(usize, String, bool)> {
        locate(text, &Pointer::parse(pointer))
            .map(|span| (span.line, text[span.bytes].to_owned(), span.exact))
    }

    const YAML: &str = "\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - name: id
          in: path
        - name: limit
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gone'}
  /b:
    get:
      responses: {}
components:
  schemas:
    get:
      type: object
";

    #[test]
    fn yaml_keys_are_walked_level_by_level() {
        assert_eq!(
            line_of(
                YAML,
                "/paths/~1a/get/responses/200/content/application~1json/schema"
            ),
            Some((
                18,
                "schema: {$ref: '#/components/schemas/Gone'}".to_owned(),
                true
            ))
        );
        assert_eq!(
            line_of(YAML, "/paths/~1b/get"),
            Some((20, "get:".to_owned(), true))
        );
        assert_eq!(
            line_of(YAML, "/components/schemas/get/type"),
            Some((25, "type: object".to_owned(), true))
        );
    }

    #[test]
    fn sequence_items_are_counted() {
        assert_eq!(
            line_of(YAML, "/paths/~1a/get/parameters/1/schema/type"),
            Some((12, "type: integer".to_owned(), true))
        );
        assert_eq!(
            line_of(YAML, "/paths/~1a/get/parameters/1/name"),
            Some((9, "- name: limit".to_owned(), true))
        );
        assert_eq!(
            line_of(YAML, "/paths/~1a/get/parameters/0/in"),
            Some((8, "in: path".to_owned(), true))
        );
    }

    #[test]
    fn a_missing_key_stops_at_the_deepest_ancestor() {
        assert_eq!(
            line_of(YAML, "/info/title"),
            Some((2, "info: {title: t, version: '1'}".to_owned(), false))
        );
        assert_eq!(line_of(YAML, "/nowhere/x"), None);
        assert_eq!(line_of(YAML, ""), None);
    }

    #[test]
    fn pretty_json_and_markdown_pages_are_found() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"tags\": [\n          \"x\",\n          \"y\"\n        ]\n      }\n    }\n  }\n}\n";
        assert_eq!(
            line_of(json, "/paths/~1a/get/tags/1"),
            Some((7, "\"y\"".to_owned(), true))
        );
        let page = "# Create a thing\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\npaths:\n  /things:\n    post:\n      summary: Create\n```\n";
        assert_eq!(
            line_of(page, "/paths/~1things/post/summary"),
            Some((10, "summary: Create".to_owned(), true))
        );
    }

    #[test]
    fn keys_are_matched_bare_or_quoted() {
        for text in ["id:", "id: 1", "'id':", "\"id\": 1", "\"id\" : 1", "id:\t1"] {
            assert!(is_key(text, "id"), "{text}");
        }
        for text in ["idx: 1", "id", "'id\": 1", "\"id\"  : 1", "id:1", "- id: 1"] {
            assert!(!is_key(text, "id"), "{text}");
        }
        // A key that itself starts with a quote.
        assert!(is_key("'a: 1", "'a"));
    }
}
