//! Formatting: `prettyplease` output with blank lines between items.
//!
//! `prettyplease` prints items back to back; a blank line before each item
//! (and each method) makes generated files read like hand-formatted ones.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, File, Item};

use crate::diagnostics::Error;

/// Formats the tokens of a file. The tokens are built by the emitter, so a
/// parse failure is a bug of the generator: it is reported, not panicked on.
///
/// Items are parsed and printed one at a time, each syntax tree dropped
/// before the next is built: a file's whole tree is many times the size of
/// its text (the models or tests of a large API are megabytes of text), and
/// the memory it took was most of the generator's peak. `prettyplease`
/// prints a file as its inner attributes, then each item on its own, so the
/// text is the same as printing the whole tree at once.
pub fn file(tokens: TokenStream) -> Result<String, Error> {
    Ok(space_items(&items(tokens)?))
}

/// The items of `tokens` printed back to back, without the blank lines
/// [`space_items`] puts between them: a part of a file whose parts are
/// printed on different threads and joined before the spacing.
pub fn items(tokens: TokenStream) -> Result<String, Error> {
    // The tokens are not kept for the message: copying every file's
    // tokens to report a bug that should never happen cost a fifth of the
    // parse.
    print_items.parse2(tokens).map_err(|error| {
        Error::in_file(
            "<generated code>",
            format!("the generator produced invalid Rust ({error}); please report this"),
        )
    })
}

fn print_items(input: ParseStream<'_>) -> syn::Result<String> {
    let mut file = File {
        shebang: None,
        frontmatter: None,
        attrs: input.call(Attribute::parse_inner)?,
        items: Vec::new(),
    };
    if input.is_empty() {
        return Ok(prettyplease::unparse(&file));
    }
    // The inner attributes go out with the first item: printed alone they
    // would lose their line breaks.
    let mut text = String::new();
    while !input.is_empty() {
        file.items.push(input.parse::<Item>()?);
        text.push_str(&prettyplease::unparse(&file));
        file.attrs.clear();
        file.items.clear();
    }
    Ok(text)
}

/// Inserts a blank line before an item (or a method) that follows the end
/// of another one, and after the module's own docs.
pub fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(before) = previous {
            if needs_blank(before, line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank(before: &str, line: &str) -> bool {
    let current = line.trim_start();
    let prior = before.trim_start();
    if prior.is_empty() || current.is_empty() {
        return false;
    }
    if prior.starts_with("//!") {
        return !current.starts_with("//!");
    }
    let starts_item = [
        "///",
        "#[",
        "pub ",
        "pub(",
        "impl",
        "fn ",
        "const ",
        "mod ",
        "struct ",
        "enum ",
        "type ",
        "use ",
        "async fn ",
    ]
    .iter()
    .any(|prefix| current.starts_with(prefix));
    // A doc line ending in `&gt;` ends with `;` but does not end an item.
    let ended = (prior.ends_with('}') || prior.ends_with(';')) && !prior.starts_with("//");
    let same_level = indentation(line) <= indentation(before);
    let both_imports = prior.starts_with("use ") && current.starts_with("use ");
    let both_modules = prior.starts_with("pub mod ") && current.starts_with("pub mod ")
        || prior.starts_with("mod ") && current.starts_with("pub mod ");
    starts_item && ended && same_level && !both_imports && !both_modules && !prior.starts_with("#!")
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_methods_are_separated() {
        let text = "//! Docs.\nuse a::b;\nuse c::d;\n/// A.\npub struct A {\n    x: i64,\n}\nimpl A {\n    fn a() {}\n    /// B.\n    fn b() {\n        let x = 1;\n        let y = 2;\n    }\n}\n";
        assert_eq!(
            space_items(text),
            "//! Docs.\n\nuse a::b;\nuse c::d;\n\n/// A.\npub struct A {\n    x: i64,\n}\n\nimpl A {\n    fn a() {}\n\n    /// B.\n    fn b() {\n        let x = 1;\n        let y = 2;\n    }\n}\n"
        );
    }
}
