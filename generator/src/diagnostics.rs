//! Errors and warnings that name the spec file and the JSON pointer of the
//! node they are about.
//!
//! Every stage after loading works on one merged document, so a stage only
//! knows the pointer of a node; [`SourceMap`] turns that pointer back into
//! the file the node came from.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// A JSON pointer (RFC 6901) into a spec document, e.g.
/// `/paths/~1v1~1charges/get/responses/200`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the document root (the empty string).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// The pointer to the child `token` of this node; `/` and `~` in the
    /// token are escaped.
    pub fn push(&self, token: impl fmt::Display) -> Self {
        // One allocation: passes push a pointer for every node they visit.
        let mut pointer = String::with_capacity(self.0.len() + 24);
        pointer.push_str(&self.0);
        pointer.push('/');
        let _ = write!(Escaped(&mut pointer), "{token}");
        Self(pointer)
    }

    /// Moves this pointer to its child `token`, in place, and returns what
    /// [`Pointer::ascend`] takes to move it back. For walks over every node
    /// of a document, which would otherwise build a pointer per node for
    /// the rare diagnostic.
    pub fn descend(&mut self, token: impl fmt::Display) -> usize {
        let parent = self.0.len();
        self.0.push('/');
        let _ = write!(Escaped(&mut self.0), "{token}");
        parent
    }

    /// Moves this pointer back to where [`Pointer::descend`] found it.
    pub fn ascend(&mut self, parent: usize) {
        self.0.truncate(parent);
    }

    /// Parses a pointer written as `/a/b` (or `#/a/b`).
    pub fn parse(text: &str) -> Self {
        Self(text.trim_start_matches('#').to_owned())
    }

    /// The unescaped reference tokens, outermost first.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Writes text into a pointer, escaping `~` and `/` as JSON Pointer does.
struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        // Pointers are built for every node a pass visits, and nearly no
        // token holds either character: copy runs whole, not char by char.
        let mut rest = text;
        while let Some(at) = rest.find(['~', '/']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(if rest.as_bytes()[at] == b'~' {
                "~0"
            } else {
                "~1"
            });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        Ok(())
    }
}

/// A spec file and a node inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub pointer: Pointer,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.file.display(), self.pointer)
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Something the generator decided from the spec's own evidence (an
    /// example loosening a field): worth reading, never a failure.
    Note,
    /// The generator could go on, usually by falling back to
    /// `serde_json::Value` for the node.
    Warning,
    /// The spec cannot be turned into a crate.
    Error,
}

/// One message about one spec node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}: {}", self.location, self.message)
    }
}

/// A failed generation: one or more error diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error about the node at `location`.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Self {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                location,
                message: message.into(),
            }],
        }
    }

    /// An error about a whole file (I/O, configuration).
    pub fn in_file(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::at(
            Location {
                file: file.as_ref().to_owned(),
                pointer: Pointer::root(),
            },
            message,
        )
    }

    /// A failure made of several diagnostics (at least one).
    pub fn from_diagnostics(diagnostics: Vec<Diagnostic>) -> Self {
        Self { diagnostics }
    }

    /// The diagnostics behind the failure, in the order they were found.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Which file each top-level entry of the merged document came from.
///
/// Keys are the pointers of merged entries (`/paths/~1v1~1x`,
/// `/components/schemas/Address`); anything else belongs to the first file.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<PathBuf>,
    entries: Vec<(Pointer, usize)>,
}

impl SourceMap {
    /// Registers a loaded file; returns its index.
    pub fn add_file(&mut self, file: PathBuf) -> usize {
        self.files.push(file);
        self.files.len() - 1
    }

    /// Records that the entry at `pointer` was first defined in `file`.
    pub fn record(&mut self, pointer: Pointer, file: usize) {
        self.entries.push((pointer, file));
    }

    /// The file the entry at `pointer` was first defined in, if recorded.
    pub fn file_of_entry(&self, pointer: &Pointer) -> Option<&Path> {
        self.entries
            .iter()
            .find(|(entry, _)| entry == pointer)
            .map(|(_, file)| self.files[*file].as_path())
    }

    /// The location of the node at `pointer` in the file that defined it.
    pub fn locate(&self, pointer: &Pointer) -> Location {
        let owner = self
            .entries
            .iter()
            .filter(|(entry, _)| is_within(pointer, entry))
            .max_by_key(|(entry, _)| entry.as_str().len())
            .map(|(_, file)| *file)
            .unwrap_or(0);
        Location {
            file: self.files.get(owner).cloned().unwrap_or_default(),
            pointer: pointer.clone(),
        }
    }
}

fn is_within(pointer: &Pointer, entry: &Pointer) -> bool {
    let (pointer, entry) = (pointer.as_str(), entry.as_str());
    pointer == entry
        || (pointer.starts_with(entry) && pointer.as_bytes().get(entry.len()) == Some(&b'/'))
}

/// Warnings found where no [`Diagnostics`] can be reached (on another
/// thread), in the order they were found, for [`Diagnostics::record`].
#[derive(Debug, Default)]
pub struct Pending(Vec<Event>);

/// What a pass running on another thread tells [`Diagnostics`]. Aliases
/// travel with the warnings, in order: a warning is located through the
/// aliases recorded before it, not those recorded after it.
#[derive(Debug)]
enum Event {
    Warn(Pointer, String),
    Alias { made: Pointer, source: Pointer },
}

impl Pending {
    /// Notes a warning about the node at `pointer`.
    pub fn warn(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.0.push(Event::Warn(pointer.clone(), message.into()));
    }

    /// Notes that the node at `made` was made from the one at `source`
    /// ([`Diagnostics::alias`]).
    pub fn alias(&mut self, made: Pointer, source: Pointer) {
        self.0.push(Event::Alias { made, source });
    }

    /// Moves the warnings of `later` after these.
    pub fn append(&mut self, mut later: Pending) {
        self.0.append(&mut later.0);
    }
}

impl FromIterator<Pending> for Pending {
    /// The warnings of each part, one part after the other.
    fn from_iter<I: IntoIterator<Item = Pending>>(parts: I) -> Self {
        let mut all = Vec::new();
        for part in parts {
            all.extend(part.0);
        }
        Self(all)
    }
}

/// Collects warnings while the pipeline runs.
#[derive(Debug, Default)]
pub struct Diagnostics {
    sources: SourceMap,
    warnings: Vec<Diagnostic>,
    /// Nodes that normalization made from others: diagnostics about them
    /// (or below them) name the node the spec has.
    aliases: Vec<(Pointer, Pointer)>,
}

impl Diagnostics {
    /// A collector that locates pointers with `sources`.
    pub fn new(sources: SourceMap) -> Self {
        Self {
            sources,
            warnings: Vec::new(),
            aliases: Vec::new(),
        }
    }

    /// Records that the node at `made` was made from the one at `source`
    /// (an apifox override merged into a schema's properties).
    pub fn alias(&mut self, made: Pointer, source: Pointer) {
        self.aliases.push((made, source));
    }

    /// Where `pointer` is in the spec: through the node it was made from,
    /// when normalization made it.
    fn located(&self, pointer: &Pointer) -> Location {
        let text = pointer.as_str();
        let source = self.aliases.iter().rev().find_map(|(made, source)| {
            let rest = text.strip_prefix(made.as_str())?;
            (rest.is_empty() || rest.starts_with('/'))
                .then(|| Pointer::parse(&format!("{}{rest}", source.as_str())))
        });
        self.sources.locate(source.as_ref().unwrap_or(pointer))
    }

    /// Records a warning about the node at `pointer`.
    pub fn warn(&mut self, pointer: &Pointer, message: impl Into<String>) {
        let location = self.located(pointer);
        self.add(Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        });
    }

    /// Records the warnings (and aliases) found on other threads, in
    /// their order.
    pub fn record(&mut self, pending: Pending) {
        for event in pending.0 {
            match event {
                Event::Warn(pointer, message) => self.warn(&pointer, message),
                Event::Alias { made, source } => self.alias(made, source),
            }
        }
    }

    /// Records a note about the node at `pointer`: a decision made from the
    /// spec's own evidence, which `--strict` does not fail on.
    pub fn note(&mut self, pointer: &Pointer, message: impl Into<String>) {
        let location = self.located(pointer);
        self.add(Diagnostic {
            severity: Severity::Note,
            location,
            message: message.into(),
        });
    }

    /// Records a diagnostic that is already located, once.
    pub fn add(&mut self, warning: Diagnostic) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// An error about the node at `pointer`.
    pub fn error(&self, pointer: &Pointer, message: impl Into<String>) -> Error {
        Error::at(self.located(pointer), message)
    }

    /// The location of the node at `pointer`.
    pub fn locate(&self, pointer: &Pointer) -> Location {
        self.located(pointer)
    }

    /// The warnings recorded so far.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Where the document's parts came from, and the warnings (grouped, see
    /// [`grouped`]).
    pub fn into_parts(self) -> (SourceMap, Vec<Diagnostic>) {
        (self.sources, grouped(self.warnings))
    }

    /// Consumes the collector, returning its warnings (grouped, see
    /// [`grouped`]).
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        grouped(self.warnings)
    }
}

/// How many nodes one message may name separately before they are grouped.
const GROUP_AT: usize = 3;
/// How many of a group's other nodes its message lists.
const LISTED: usize = 3;

/// The diagnostics with each message that hits three (`GROUP_AT`) or more nodes
/// of one file printed once, at its first node, with the count and the
/// first few other pointers: 242 copies of one warning bury the few that
/// matter.
pub fn grouped(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Key = (Severity, PathBuf, String);
    let key = |diagnostic: &Diagnostic| -> Key {
        (
            diagnostic.severity,
            diagnostic.location.file.clone(),
            diagnostic.message.clone(),
        )
    };
    let mut nodes: std::collections::HashMap<Key, Vec<Pointer>> = std::collections::HashMap::new();
    for diagnostic in &diagnostics {
        nodes
            .entry(key(diagnostic))
            .or_default()
            .push(diagnostic.location.pointer.clone());
    }
    let mut out = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let Some(pointers) = nodes.get(&key(&diagnostic)) else {
            // A group already printed at its first node.
            continue;
        };
        if pointers.len() < GROUP_AT {
            out.push(diagnostic);
            continue;
        }
        let others = &pointers[1..];
        let listed: Vec<String> = others
            .iter()
            .take(LISTED)
            .map(ToString::to_string)
            .collect();
        let more = if others.len() > LISTED { ", …" } else { "" };
        let message = format!(
            "{} (and at {} more nodes: {}{more})",
            diagnostic.message,
            others.len(),
            listed.join(", ")
        );
        nodes.remove(&key(&diagnostic));
        out.push(Diagnostic {
            message,
            ..diagnostic
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_at_many_nodes_prints_once_with_a_count() {
        let at = |pointer: &str, message: &str| Diagnostic {
            severity: Severity::Warning,
            location: Location {
                file: "a.json".into(),
                pointer: Pointer::parse(pointer),
            },
            message: message.to_owned(),
        };
        let mut many: Vec<Diagnostic> = (0..6)
            .map(|n| at(&format!("/paths/p{n}"), "unknown type"))
            .collect();
        many.insert(2, at("/x", "something else"));
        many.push(at("/y", "twice"));
        many.push(at("/z", "twice"));
        let grouped = grouped(many);
        let messages: Vec<String> = grouped.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "warning: a.json#/paths/p0: unknown type (and at 5 more nodes: #/paths/p1, \
                 #/paths/p2, #/paths/p3, …)",
                "warning: a.json#/x: something else",
                "warning: a.json#/y: twice",
                "warning: a.json#/z: twice",
            ]
        );
    }

    #[test]
    fn pointer_tokens_are_escaped_and_unescaped() {
        let pointer = Pointer::root().push("paths").push("/v1/a~b").push("get");
        assert_eq!(pointer.as_str(), "/paths/~1v1~1a~0b/get");
        assert_eq!(
            pointer.tokens().collect::<Vec<_>>(),
            ["paths", "/v1/a~b", "get"]
        );
    }

    #[test]
    fn source_map_attributes_nodes_to_the_file_of_their_entry() {
        let mut sources = SourceMap::default();
        let first = sources.add_file("a.yaml".into());
        let second = sources.add_file("b.md".into());
        sources.record(Pointer::parse("/paths/~1x"), first);
        sources.record(Pointer::parse("/paths/~1x~1y"), second);
        let location = sources.locate(&Pointer::parse("/paths/~1x~1y/get/responses"));
        assert_eq!(location.file, Path::new("b.md"));
        let location = sources.locate(&Pointer::parse("/paths/~1x/get"));
        assert_eq!(location.file, Path::new("a.yaml"));
        assert_eq!(
            location.to_string(),
            "a.yaml#/paths/~1x/get",
            "locations print as file#pointer"
        );
    }
}
