//! Formatting: `prettyplease` output with blank lines between items.
//!
//! `prettyplease` prints items back to back; a blank line before each item
//! (and each method) makes generated files read like hand-formatted ones.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, File, Item};

use crate::diagnostics::Error;

/// The items of a file on their way to the printer, in order: tokens that
/// emitters quoted, which are parsed here, and syntax trees built directly
/// (`syntax.rs`), which are not.
#[derive(Default)]
pub struct Items(Vec<Piece>);

enum Piece {
    Tokens(TokenStream),
    // Boxed: an `Item` is 32 times the size of a token stream.
    Tree(Box<Item>),
}

impl Items {
    /// Appends quoted items.
    pub fn tokens(&mut self, tokens: TokenStream) {
        if tokens.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Piece::Tokens(last)) => last.extend(tokens),
            _ => self.0.push(Piece::Tokens(tokens)),
        }
    }

    /// Appends an item built as a tree.
    pub fn tree(&mut self, item: Item) {
        self.0.push(Piece::Tree(Box::new(item)));
    }

    /// Whether there is no item at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends `other`'s items.
    pub fn append(&mut self, other: Items) {
        for piece in other.0 {
            match piece {
                Piece::Tokens(tokens) => self.tokens(tokens),
                Piece::Tree(item) => self.0.push(Piece::Tree(item)),
            }
        }
    }
}

impl From<TokenStream> for Items {
    fn from(tokens: TokenStream) -> Self {
        let mut items = Items::default();
        items.tokens(tokens);
        items
    }
}

/// Formats the items of a file. The tokens among them are built by the
/// emitter, so a parse failure is a bug of the generator: it is reported,
/// not panicked on.
///
/// Items are parsed and printed one at a time, each syntax tree dropped
/// before the next is built: a file's whole tree is many times the size of
/// its text (the models or tests of a large API are megabytes of text), and
/// the memory it took was most of the generator's peak. `prettyplease`
/// prints a file as its inner attributes, then each item on its own, so the
/// text is the same as printing the whole tree at once.
pub fn file(items: impl Into<Items>) -> Result<String, Error> {
    Ok(space_items(&self::items(items)?))
}

/// Parses quoted `tokens` that go into a syntax tree built directly.
pub fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> Result<T, Error> {
    parse_with(T::parse, tokens)
}

/// [`parse`] with `parser`, such as `Block::parse_within` for statements.
pub fn parse_with<T>(parser: impl Parser<Output = T>, tokens: TokenStream) -> Result<T, Error> {
    parser.parse2(tokens).map_err(invalid)
}

/// The error for emitted tokens that do not parse. The tokens are not kept
/// for the message: copying every file's tokens to report a bug that
/// should never happen cost a fifth of the parse.
fn invalid(error: syn::Error) -> Error {
    Error::in_file(
        "<generated code>",
        format!("the generator produced invalid Rust ({error}); please report this"),
    )
}

/// `items` printed back to back, without the blank lines
/// [`space_items`] puts between them: a part of a file whose parts are
/// printed on different threads and joined before the spacing.
pub fn items(items: impl Into<Items>) -> Result<String, Error> {
    let mut printer = Printer {
        file: File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: Vec::new(),
        },
        text: String::new(),
    };
    for (index, piece) in items.into().0.into_iter().enumerate() {
        match piece {
            Piece::Tokens(tokens) => parse_with(
                |input: ParseStream<'_>| printer.parse(input, index == 0),
                tokens,
            )?,
            Piece::Tree(item) => printer.print(*item),
        }
    }
    // Inner attributes with no item after them are printed alone.
    if !printer.file.attrs.is_empty() {
        printer.text.push_str(&prettyplease::unparse(&printer.file));
    }
    Ok(printer.text)
}

/// Prints items one at a time.
struct Printer {
    /// The file around the item being printed: its inner attributes are
    /// printed with the first item, because printed alone they would lose
    /// their line breaks.
    file: File,
    text: String,
}

impl Printer {
    /// Parses and prints the items of `input`, which may begin with the
    /// file's inner attributes when it is the `first` piece.
    fn parse(&mut self, input: ParseStream<'_>, first: bool) -> syn::Result<()> {
        if first {
            self.file.attrs = input.call(Attribute::parse_inner)?;
        }
        while !input.is_empty() {
            self.print(input.parse::<Item>()?);
        }
        Ok(())
    }

    fn print(&mut self, item: Item) {
        self.file.items.push(item);
        self.text.push_str(&prettyplease::unparse(&self.file));
        self.file.attrs.clear();
        self.file.items.clear();
    }
}

/// Inserts a blank line before an item (or a method) that follows the end
/// of another one, and after the module's own docs.
pub fn space_items(text: &str) -> String {
    let mut out = String::new();
    space_items_into(&mut out, text);
    out
}

/// [`space_items`], appended to `out`.
///
/// Every line of a crate passes through here, most of them copied as they
/// are: the text between two inserted blank lines is copied in one piece,
/// not line by line (line by line, this was about 3% of the generator's
/// CPU on the 5,000-operation spec).
pub fn space_items_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // `str::lines` also drops a `\r` before each `\n`; prettyplease never
    // prints one outside a literal, so such text takes the plain way.
    if memchr::memchr(b'\r', bytes).is_some() {
        return space_lines(out, text);
    }
    out.reserve(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut start = 0;
    let mut previous: Option<Line<'_>> = None;
    let ends =
        memchr::memchr_iter(b'\n', bytes).chain((!text.ends_with('\n')).then_some(text.len()));
    for end in ends {
        let line = Line::new(&text[start..end]);
        if previous
            .as_ref()
            .is_some_and(|before| needs_blank(before, &line))
        {
            out.push_str(&text[copied..start]);
            out.push('\n');
            copied = start;
        }
        previous = Some(line);
        start = end + 1;
    }
    out.push_str(&text[copied..]);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
}

/// [`space_items_into`] line by line, for text with `\r\n` line ends.
fn space_lines(out: &mut String, text: &str) {
    let mut previous: Option<Line<'_>> = None;
    for text in text.lines() {
        let line = Line::new(text);
        if previous
            .as_ref()
            .is_some_and(|before| needs_blank(before, &line))
        {
            out.push('\n');
        }
        out.push_str(text);
        out.push('\n');
        previous = Some(line);
    }
}

/// A printed line: its indentation, and the text after it. Measured once
/// per line (every line of a crate passes through here, and is compared
/// with the next one too).
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    fn new(line: &'a str) -> Self {
        // prettyplease indents with spaces; any other leading whitespace
        // (inside a multi-line literal) is measured the general way.
        let spaces = line.bytes().take_while(|&byte| byte == b' ').count();
        let indent = match line.as_bytes().get(spaces) {
            Some(&byte) if !byte.is_ascii() || char::from(byte).is_whitespace() => {
                line.len() - line.trim_start().len()
            }
            _ => spaces,
        };
        Self {
            indent,
            text: &line[indent..],
        }
    }
}

fn needs_blank(before: &Line<'_>, line: &Line<'_>) -> bool {
    let (prior, current) = (before.text, line.text);
    if prior.is_empty() || current.is_empty() {
        return false;
    }
    if prior.starts_with("//!") {
        return !current.starts_with("//!");
    }
    // A doc line ending in `&gt;` ends with `;` but does not end an item.
    let ended = (prior.ends_with('}') || prior.ends_with(';')) && !prior.starts_with("//");
    if !ended || line.indent > before.indent {
        return false;
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
    let both_imports = prior.starts_with("use ") && current.starts_with("use ");
    let both_modules = prior.starts_with("pub mod ") && current.starts_with("pub mod ")
        || prior.starts_with("mod ") && current.starts_with("pub mod ");
    starts_item && !both_imports && !both_modules && !prior.starts_with("#!")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_spaced_as_it_is_line_by_line() {
        let texts = [
            "",
            "fn a() {}\nfn b() {}",
            "fn a() {}\n\nfn b() {}\n",
            "struct A;\r\nstruct B;\r\n",
            "//! Docs.\nuse a::b;\n    }\n    fn c() {}\n}\nimpl A {}\n",
        ];
        for text in texts {
            let mut lines = String::new();
            space_lines(&mut lines, text);
            assert_eq!(space_items(text), lines, "{text:?}");
        }
        assert_eq!(
            space_items("struct A;\nstruct B;"),
            "struct A;\n\nstruct B;\n"
        );
    }

    #[test]
    fn items_and_methods_are_separated() {
        let text = "//! Docs.\nuse a::b;\nuse c::d;\n/// A.\npub struct A {\n    x: i64,\n}\nimpl A {\n    fn a() {}\n    /// B.\n    fn b() {\n        let x = 1;\n        let y = 2;\n    }\n}\n";
        assert_eq!(
            space_items(text),
            "//! Docs.\n\nuse a::b;\nuse c::d;\n\n/// A.\npub struct A {\n    x: i64,\n}\n\nimpl A {\n    fn a() {}\n\n    /// B.\n    fn b() {\n        let x = 1;\n        let y = 2;\n    }\n}\n"
        );
    }
}
