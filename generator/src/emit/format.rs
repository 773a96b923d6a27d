//! Formatting: `prettyplease` output with blank lines between items.
//!
//! `prettyplease` prints items back to back; a blank line before each item
//! (and each method) makes generated files read like hand-formatted ones.

use proc_macro2::TokenStream;

use crate::diagnostics::Error;

/// Formats the tokens of a file. The tokens are built by the emitter, so a
/// parse failure is a bug of the generator: it is reported, not panicked on.
pub fn file(tokens: TokenStream) -> Result<String, Error> {
    // The tokens are not kept for the message: copying every file's
    // tokens to report a bug that should never happen cost a fifth of the
    // parse.
    let file = syn::parse2::<syn::File>(tokens).map_err(|error| {
        Error::in_file(
            "<generated code>",
            format!("the generator produced invalid Rust ({error}); please report this"),
        )
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
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
