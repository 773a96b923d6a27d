//! `CHANGELOG.md` entries written from a review: the changes of one
//! release, grouped as breaking, added and fixed (documentation), under the
//! version they ship in.

use std::fmt::Write as _;

use super::{ApiReview, Level};

/// The title a changelog starts with.
const TITLE: &str = "# Changelog";

/// The entry for `review`'s changes under `version`; `None` when nothing
/// changed.
pub fn entry(review: &ApiReview, version: &str) -> Option<String> {
    if review.changes.is_empty() {
        return None;
    }
    let mut out = format!("## {version}\n");
    for (level, heading) in [
        (Level::Breaking, "Breaking"),
        (Level::Additive, "Added"),
        (Level::Docs, "Fixed"),
    ] {
        let lines: Vec<String> = review
            .changes
            .iter()
            .filter(|located| located.change.level == level)
            .map(|located| format!("- `{}`: {}", located.change.item, located.change.what))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {heading}\n\n{}\n", lines.join("\n"));
    }
    Some(out)
}

/// `existing` (a changelog, or empty) with `entry` for `version` first,
/// replacing an earlier entry for the same version.
pub fn update(existing: &str, version: &str, entry: &str) -> String {
    let heading = format!("## {version}\n");
    let mut sections: Vec<String> = Vec::new();
    let body = existing
        .trim_start()
        .strip_prefix(TITLE)
        .unwrap_or(existing)
        .trim();
    for section in body.split("\n## ").filter(|s| !s.trim().is_empty()) {
        let section = if section.starts_with("## ") {
            section.to_owned()
        } else {
            format!("## {section}")
        };
        if !section.starts_with(&heading) {
            sections.push(section.trim_end().to_owned());
        }
    }
    sections.insert(0, entry.trim_end().to_owned());
    format!("{TITLE}\n\n{}\n", sections.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_go_first_and_replace_their_own_version() {
        let first = update("", "0.1.0", "## 0.1.0\n\n### Added\n\n- `a`: added");
        assert_eq!(
            first,
            "# Changelog\n\n## 0.1.0\n\n### Added\n\n- `a`: added\n"
        );
        let second = update(
            &first,
            "0.2.0",
            "## 0.2.0\n\n### Breaking\n\n- `b`: removed",
        );
        assert!(second.starts_with("# Changelog\n\n## 0.2.0\n"), "{second}");
        assert!(second.contains("## 0.1.0\n\n### Added"), "{second}");
        let again = update(
            &second,
            "0.2.0",
            "## 0.2.0\n\n### Breaking\n\n- `c`: removed",
        );
        assert_eq!(again.matches("## 0.2.0").count(), 1, "{again}");
        assert!(again.contains("`c`") && !again.contains("`b`"), "{again}");
    }
}
