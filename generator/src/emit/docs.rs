//! Doc comments.
//!
//! Spec descriptions are Markdown-ish free text written for a web page. As
//! rustdoc input they must not turn into doctests (an indented line or an
//! untagged code fence is compiled as Rust by `cargo test`), nor into broken
//! intra-doc links or unclosed HTML tags; [`spec`] makes them safe and keeps
//! their lines. Text the generator writes itself is trusted Markdown and
//! goes to [`doc_attrs`] as it is.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Attribute;

use super::syntax;
use crate::ir::TypeDef;

/// The docs of a named type: its spec description, else what it is used as.
pub fn of_type(def: &TypeDef) -> String {
    match &def.docs {
        Some(docs) => spec(docs),
        None => def.role.clone(),
    }
}

/// A spec description as safe Markdown.
pub fn spec(text: &str) -> String {
    clean(text).join("\n")
}

/// `#[doc = "…"]` attributes for the trusted Markdown `text`, one per line.
pub fn doc_attrs(text: &str) -> TokenStream {
    let attrs = doc_attributes(text);
    quote!(#(#attrs)*)
}

/// [`doc_attrs`] as syntax trees.
pub fn doc_attributes(text: &str) -> Vec<Attribute> {
    text.trim()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            syntax::name_value("doc", syntax::string(&line))
        })
        .collect()
}

/// `#![doc = "…"]` attributes (a module's own docs) for the trusted
/// Markdown `text`.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let attrs = text.trim().lines().map(|line| {
        let line = line.trim_end();
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Documentation made of several paragraphs; empty ones are skipped.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The first paragraph of `text`.
pub fn first_paragraph(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The lines of a description, made safe for rustdoc.
fn clean(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    for raw in text.trim().lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let language = trimmed.trim_start_matches(['`', '~']).trim();
            if !in_fence && (language.is_empty() || language == "rust") {
                lines.push(format!("{}text", &trimmed[..3]));
            } else {
                lines.push(trimmed.to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(line.to_owned());
        } else {
            // Leading indentation would make an indented code block.
            lines.push(escape(trimmed));
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    // Collapse runs of blank lines.
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    lines
}

/// Escapes what rustdoc would read as HTML or an intra-doc link, and wraps
/// bare URLs so they become links.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(url_length) = bare_url(rest) {
            let url = &rest[..url_length];
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url_length..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of the URL `text` starts with, if it starts with one.
fn bare_url(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let length = text
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']' | '，' | '。')
        })
        .unwrap_or(text.len());
    let url = text[..length].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_kept_and_indentation_dropped() {
        assert_eq!(
            clean("Possible values:\n    Y – authenticated\n\n\n    N – failed"),
            ["Possible values:", "Y – authenticated", "", "N – failed"]
        );
    }

    #[test]
    fn untagged_fences_are_not_doctests() {
        assert_eq!(
            clean("Example:\n```\n{\"a\": 1}\n```"),
            ["Example:", "```text", "{\"a\": 1}", "```"]
        );
        assert_eq!(clean("```json\n{}\n```"), ["```json", "{}", "```"]);
        assert_eq!(clean("```\nunclosed"), ["```text", "unclosed", "```"]);
    }

    #[test]
    fn html_links_and_urls_are_escaped() {
        assert_eq!(clean("a <b> [c] d"), ["a &lt;b&gt; \\[c\\] d"]);
        assert_eq!(
            clean("see https://example.com/x."),
            ["see <https://example.com/x>."]
        );
    }
}
