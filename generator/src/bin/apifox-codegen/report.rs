//! Errors and warnings as miette reports: the message, the file and JSON
//! pointer, and the spec lines the pointer names (found by
//! [`apifox_codegen::locate`]); in colour only when stderr is a terminal.
//!
//! A large spec can have dozens of notes in one file of tens of thousands
//! of lines. Each file is therefore read and split into lines once, and
//! miette is shown only the lines around a report's span: on a whole text
//! it counts the lines from the start for every report, which took a
//! quarter of a run on the 180-operation corpus export.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use apifox_codegen::diagnostics::{Diagnostic, Severity};
use apifox_codegen::locate::{self, Lines};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, Report, SourceCode, SourceSpan, SpanContents,
};

/// Prints diagnostics on stderr.
pub struct Reporter {
    handler: GraphicalReportHandler,
    /// The spec files read so far; `None` for one that cannot be read.
    files: RefCell<HashMap<PathBuf, Option<Arc<SpecText>>>>,
}

/// A spec file's text, with where its lines start.
struct SpecText {
    text: String,
    lines: Lines,
    /// The byte offset of each line's first character (only the first
    /// line's when the file is to be shown whole).
    line_starts: Vec<usize>,
}

impl SpecText {
    fn read(path: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(path).ok()?;
        let lines = Lines::of(&text);
        // miette also ends a line at a lone `\r`; such a rare file is
        // shown whole rather than cut at the wrong places.
        let lone_cr = text
            .match_indices('\r')
            .any(|(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'));
        let line_starts = if lone_cr {
            vec![0]
        } else {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        };
        Some(Self {
            text,
            lines,
            line_starts,
        })
    }

    /// The index of the line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }
}

/// A spec file as miette's source code, read only near the span asked for.
struct Excerpt(Arc<SpecText>);

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let spec = &self.0;
        let end = span.offset() + span.len();
        if end > spec.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // Whole lines, from the first context line before the span to one
        // line past the last context line after it: miette reads the same
        // there as in the whole text, since it looks no further.
        let first = spec
            .line_of(span.offset())
            .saturating_sub(context_lines_before);
        let last = spec.line_of(end.saturating_sub(1)) + context_lines_after + 1;
        let from = spec.line_starts[first];
        let to = spec
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(spec.text.len());
        let window = &spec.text.as_bytes()[from..to];
        let inner = SourceSpan::new((span.offset() - from).into(), span.len());
        let contents = window.read_span(&inner, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + from).into(),
                contents.span().len(),
            ),
            contents.line() + first,
            contents.column(),
            contents.line_count() + first,
        )))
    }
}

impl Reporter {
    pub fn new() -> Self {
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Self {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_wrap_lines(false)
                .with_context_lines(2),
            files: RefCell::new(HashMap::new()),
        }
    }

    /// The text of the spec file at `path`, read once.
    fn spec_text(&self, path: &Path) -> Option<Arc<SpecText>> {
        self.files
            .borrow_mut()
            .entry(path.to_owned())
            .or_insert_with(|| SpecText::read(path).map(Arc::new))
            .clone()
    }

    /// Prints one spec diagnostic.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        let severity = match diagnostic.severity {
            Severity::Note => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        };
        let location = &diagnostic.location;
        let mut report = MietteDiagnostic::new(format!("{location}: {}", diagnostic.message))
            .with_severity(severity);
        let spec = self.spec_text(&location.file);
        let span = spec
            .as_deref()
            .and_then(|spec| locate::locate_in(&spec.text, &spec.lines, &location.pointer));
        let report = match (spec, span) {
            (Some(spec), Some(span)) => {
                let label = if span.exact {
                    location.pointer.to_string()
                } else {
                    format!("in here: {}", location.pointer)
                };
                report = report.with_label(LabeledSpan::new_with_span(Some(label), span.bytes));
                Report::new(report).with_source_code(NamedSource::new(
                    location.file.display().to_string(),
                    Excerpt(spec),
                ))
            }
            _ => Report::new(report),
        };
        self.print(&report);
    }

    /// Prints a message that is about no spec node.
    pub fn message(&self, severity: miette::Severity, message: impl Into<String>) {
        let report = Report::new(MietteDiagnostic::new(message).with_severity(severity));
        self.print(&report);
    }

    fn print(&self, report: &Report) {
        let mut out = String::new();
        if self
            .handler
            .render_report(&mut out, report.as_ref())
            .is_err()
        {
            out = format!("{report}\n");
        }
        eprint!("{out}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report of `span` in `text` as miette prints it from a source.
    fn rendered(source: impl SourceCode + 'static, span: std::ops::Range<usize>) -> String {
        let report = MietteDiagnostic::new("message")
            .with_label(LabeledSpan::new_with_span(Some("label".to_owned()), span));
        let report = Report::new(report).with_source_code(NamedSource::new("spec.yaml", source));
        let mut out = String::new();
        Reporter::new()
            .handler
            .render_report(&mut out, report.as_ref())
            .expect("the report renders");
        out
    }

    fn spec_text(text: &str) -> Arc<SpecText> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("spec.yaml");
        std::fs::write(&path, text).expect("the spec is written");
        Arc::new(SpecText::read(&path).expect("the spec is read"))
    }

    /// The excerpt prints as the whole text does, line numbers and
    /// context included, wherever the span is.
    #[test]
    fn an_excerpt_prints_as_the_whole_text() {
        let lines: Vec<String> = (1..=40).map(|n| format!("  key{n}: value {n}")).collect();
        // Line ends of one kind, and `\n` with a lone `\r` every third line.
        let mixed = lines
            .iter()
            .enumerate()
            .map(|(index, line)| format!("{line}{}", if index % 3 == 2 { "\r" } else { "\n" }))
            .collect::<String>();
        let texts = ["\n", "\r\n", "\r"]
            .map(|newline| (newline, lines.join(newline)))
            .into_iter()
            .chain([("mixed", mixed)]);
        for (newline, text) in texts {
            let spec = spec_text(&text);
            for line in [0, 1, 2, 20, 38, 39] {
                let start = text
                    .find(&format!("key{}:", line + 1))
                    .expect("the key is there");
                let span = start..start + 4;
                assert_eq!(
                    rendered(Excerpt(spec.clone()), span.clone()),
                    rendered(text.clone(), span),
                    "line {line} with {newline:?}"
                );
            }
        }
    }
}
