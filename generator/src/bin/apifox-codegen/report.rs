//! Errors and warnings as miette reports: the message, the file and JSON
//! pointer, and the spec lines the pointer names (found by
//! [`apifox_codegen::locate`]); in colour only when stderr is a terminal.

use std::io::IsTerminal;

use apifox_codegen::diagnostics::{Diagnostic, Severity};
use apifox_codegen::locate;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

/// Prints diagnostics on stderr.
pub struct Reporter {
    handler: GraphicalReportHandler,
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
        }
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
        let text = std::fs::read_to_string(&location.file).ok();
        let span = text
            .as_deref()
            .and_then(|text| locate::locate(text, &location.pointer));
        let report = match (text, span) {
            (Some(text), Some(span)) => {
                let label = if span.exact {
                    location.pointer.to_string()
                } else {
                    format!("in here: {}", location.pointer)
                };
                report = report.with_label(LabeledSpan::new_with_span(Some(label), span.bytes));
                Report::new(report)
                    .with_source_code(NamedSource::new(location.file.display().to_string(), text))
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
