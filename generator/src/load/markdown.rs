//! apifox per-endpoint pages: Markdown whose OpenAPI document sits in a
//! fenced code block, conventionally under a `## OpenAPI Specification`
//! heading.

/// The OpenAPI code block of a page.
#[derive(Debug, PartialEq, Eq)]
pub struct Block<'a> {
    /// The block's content, without the fences.
    pub text: &'a str,
    /// The 1-based line number of the first content line in the page, so
    /// that parse errors can point at the page's own lines.
    pub first_line: usize,
}

const HEADING: &str = "## openapi specification";

/// Whether the page claims to carry an OpenAPI document: it has the apifox
/// heading or a code block that holds one.
pub fn has_openapi_block(text: &str) -> bool {
    text.lines()
        .any(|line| line.trim().to_ascii_lowercase() == HEADING)
        || fenced_blocks(text)
            .iter()
            .any(|fence| fence.is_openapi_candidate() && fence.closed)
}

/// Finds the code blocks holding OpenAPI documents: `yaml`, `yml`, `json` or
/// untagged blocks whose content has a top-level `openapi` key. A page
/// usually has one; pages exported together can hold several, each its own
/// document.
pub fn openapi_blocks(text: &str) -> Result<Vec<Block<'_>>, String> {
    let fences = fenced_blocks(text);
    let blocks: Vec<Block<'_>> = fences
        .iter()
        .filter(|fence| fence.is_openapi_candidate() && fence.closed)
        .map(|fence| Block {
            text: fence.content,
            first_line: fence.first_line,
        })
        .collect();
    if !blocks.is_empty() {
        return Ok(blocks);
    }
    if let Some(fence) = fences
        .iter()
        .find(|fence| fence.is_openapi_candidate() && !fence.closed)
    {
        return Err(format!(
            "the OpenAPI code block that starts at line {} is never closed",
            fence.first_line - 1
        ));
    }
    Err(
        "no OpenAPI code block found: expected a ```yaml block with the document \
         under \"## OpenAPI Specification\""
            .to_owned(),
    )
}

struct Fence<'a> {
    language: String,
    content: &'a str,
    first_line: usize,
    closed: bool,
}

impl Fence<'_> {
    fn is_openapi_candidate(&self) -> bool {
        matches!(self.language.as_str(), "yaml" | "yml" | "json" | "")
            && self.content.lines().any(|line| {
                let line = line.trim_end();
                line.starts_with("openapi:")
                    || line.trim_start().starts_with("\"openapi\"")
                    || line.starts_with("'openapi':")
            })
    }
}

/// Splits a Markdown text into its fenced code blocks (``` or ~~~).
fn fenced_blocks(text: &str) -> Vec<Fence<'_>> {
    let mut fences = Vec::new();
    let mut offset = 0;
    let mut open: Option<(char, usize, String, usize, usize)> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        // As in CommonMark, a fence is indented by at most three spaces; a
        // more indented run of backticks is content (a code sample inside a
        // YAML block scalar, say).
        let indentation = line.len() - line.trim_start().len();
        let marker = trimmed.chars().next().filter(|_| indentation <= 3);
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match (&open, marker) {
            (None, Some(c @ ('`' | '~'))) if run(c) >= 3 => {
                let length = run(c);
                let language = trimmed[length..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                open = Some((c, length, language, offset, index + 2));
            }
            (Some((c, length, ..)), Some(m))
                if m == *c && run(*c) >= *length && trimmed.chars().all(|x| x == *c) =>
            {
                let (_, _, language, start, first_line) = open.take().expect("checked above");
                fences.push(Fence {
                    language,
                    content: &text[start..line_start],
                    first_line,
                    closed: true,
                });
            }
            _ => {}
        }
    }
    if let Some((_, _, language, start, first_line)) = open {
        fences.push(Fence {
            language,
            content: &text[start..],
            first_line,
            closed: false,
        });
    }
    fences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_yaml_block_under_the_heading() {
        let page =
            "# Cancel\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\npaths: {}\n```\n";
        let blocks = openapi_blocks(page).unwrap();
        assert_eq!(blocks[0].text, "openapi: 3.0.1\npaths: {}\n");
        assert_eq!(blocks[0].first_line, 6);
    }

    #[test]
    fn skips_code_blocks_that_are_not_openapi() {
        let page = "```json\n{\"a\": 1}\n```\n\n```yaml\nopenapi: 3.1.0\n```\n";
        assert_eq!(openapi_blocks(page).unwrap()[0].text, "openapi: 3.1.0\n");
    }

    #[test]
    fn every_openapi_block_of_a_page_is_found() {
        let page =
            "# A\n```yaml\nopenapi: 3.0.1\n```\n# B\n```yaml\nopenapi: 3.0.1\npaths: {}\n```\n";
        let blocks = openapi_blocks(page).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].first_line, 7);
    }

    #[test]
    fn indented_fences_inside_the_yaml_are_content() {
        let page = "```yaml\nopenapi: 3.0.1\npaths:\n  /a:\n    get:\n      description: |\n        ```json\n        {}\n        ```\n```\n";
        let blocks = openapi_blocks(page).unwrap();
        assert_eq!(blocks.len(), 1);
        assert!(
            blocks[0].text.ends_with("        ```\n"),
            "{}",
            blocks[0].text
        );
    }

    #[test]
    fn a_page_without_a_block_is_an_error() {
        let error = openapi_blocks("# Notes\n\nNothing here.\n").unwrap_err();
        assert!(error.contains("no OpenAPI code block"), "{error}");
        assert!(!has_openapi_block("# Sources\n\n| file | origin |\n"));
    }

    #[test]
    fn an_unclosed_block_is_an_error_that_names_its_line() {
        let page = "## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\n";
        assert!(has_openapi_block(page));
        let error = openapi_blocks(page).unwrap_err();
        assert!(error.contains("line 3"), "{error}");
    }
}
