//! Spec-change review: what a spec edit changes in the generated Rust API,
//! whether merchants' code still compiles, and which version to publish.
//!
//! Both sides go through the pipeline up to the IR; their [`surface`]s
//! (what Rust code can name) are compared ([`classify`]), and each change
//! is located in the spec file and node that caused it.

pub mod changelog;
pub mod classify;
pub mod surface;
mod version;

use std::fmt::Write as _;

pub use classify::{Change, Level, Motion, Side};
pub use version::{Version, required_version};

use crate::diagnostics::SourceMap;
use crate::ir::Api;

/// One side of a review: an API's IR, where its nodes came from, and the
/// crate version its settings give.
pub struct Input<'a> {
    pub api: &'a Api,
    pub sources: &'a SourceMap,
    pub version: &'a str,
}

/// The review of one API.
#[derive(Clone, Debug)]
pub struct ApiReview {
    /// The crate's name.
    pub name: String,
    pub changes: Vec<LocatedChange>,
    /// The highest level of the changes; `None` when nothing changed.
    pub verdict: Option<Level>,
    /// The version at the base, if the API existed there.
    pub base_version: Option<String>,
    /// The version in the work tree, if the API still exists.
    pub head_version: Option<String>,
    /// The lowest version the changes allow, from the base version.
    pub required: Option<String>,
}

/// A change with the spec file and node that caused it.
#[derive(Clone, Debug)]
pub struct LocatedChange {
    pub change: Change,
    /// `specs/wooshpay/create-a-refund.md#/paths/…`, when known.
    pub location: Option<String>,
}

impl ApiReview {
    /// Whether the head's version is at least what the changes require.
    pub fn version_ok(&self) -> bool {
        match (&self.required, &self.head_version) {
            (Some(required), Some(head)) => {
                match (Version::parse(required), Version::parse(head)) {
                    (Some(required), Some(head)) => head >= required,
                    _ => false,
                }
            }
            _ => true,
        }
    }
}

/// Reviews the change of one API from `base` to `head` (either may be
/// missing: an API added or removed).
pub fn review(name: &str, base: Option<Input<'_>>, head: Option<Input<'_>>) -> ApiReview {
    let empty = surface::Surface::default();
    let base_surface = base.as_ref().map(|side| surface::surface(side.api));
    let head_surface = head.as_ref().map(|side| surface::surface(side.api));
    let changes = classify::changes(
        base_surface.as_ref().unwrap_or(&empty),
        head_surface.as_ref().unwrap_or(&empty),
    );
    let located = changes
        .into_iter()
        .map(|change| {
            let location = change.origin.as_ref().and_then(|(side, pointer)| {
                let sources = match side {
                    Side::Base => base.as_ref()?.sources,
                    Side::Head => head.as_ref()?.sources,
                };
                Some(sources.locate(pointer).to_string())
            });
            LocatedChange { change, location }
        })
        .collect::<Vec<_>>();
    let verdict = located.iter().map(|c| c.change.level).max();
    let base_version = base.as_ref().map(|side| side.version.to_owned());
    let required = base_version
        .as_deref()
        .and_then(|version| required_version(version, verdict));
    ApiReview {
        name: name.to_owned(),
        changes: located,
        verdict,
        base_version,
        head_version: head.as_ref().map(|side| side.version.to_owned()),
        required,
    }
}

/// The Markdown report of `reviews`, for a pull request's description.
pub fn markdown(reviews: &[ApiReview]) -> String {
    let mut out = String::from("## Spec-change review\n");
    for review in reviews {
        let _ = writeln!(out, "\n### `{}`\n", review.name);
        let count = |operation: bool, motion: Motion| {
            review
                .changes
                .iter()
                .filter(|c| c.change.operation == operation && c.change.motion == motion)
                .map(|c| &c.change.item)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let verdict = review.verdict.map_or("no change", Level::as_str);
        let _ = writeln!(
            out,
            "Operations: {} added, {} removed, {} changed · types: {} added, {} removed, {} changed · **{verdict}**",
            count(true, Motion::Added),
            count(true, Motion::Removed),
            count(true, Motion::Changed),
            count(false, Motion::Added),
            count(false, Motion::Removed),
            count(false, Motion::Changed),
        );
        match (&review.base_version, &review.head_version, &review.required) {
            (Some(base), Some(head), Some(required)) => {
                let status = if review.version_ok() {
                    "ok".to_owned()
                } else {
                    format!("**bump `version` in codegen.toml to {required}**")
                };
                let _ = writeln!(
                    out,
                    "\nVersion: {base} → {head}; these changes need at least {required}: {status}."
                );
            }
            (None, Some(head), _) => {
                let _ = writeln!(out, "\nA new crate, at version {head}.");
            }
            (Some(base), None, _) => {
                let _ = writeln!(out, "\nThe crate (last at {base}) is gone.");
            }
            _ => {}
        }
        if !review.changes.is_empty() {
            out.push('\n');
        }
        for located in &review.changes {
            let change = &located.change;
            let level = match change.level {
                Level::Breaking => " **breaking**".to_owned(),
                other => format!(" {}", other.as_str()),
            };
            let location = located
                .location
                .as_deref()
                .map(|location| format!(" ({location})"))
                .unwrap_or_default();
            let _ = writeln!(out, "- `{}`: {}{level}{location}", change.item, change.what);
        }
    }
    out
}
