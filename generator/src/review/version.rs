//! Crate versions, and the bump a change needs under Cargo's rules: for
//! `0.x.y` a breaking change bumps `x` and anything else `y`; from `1.0.0`
//! on, breaking bumps the major, additive the minor, docs the patch.

use super::Level;

/// `major.minor.patch` (pre-release and build metadata are ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// Reads `1.2.3` (a `-pre` or `+build` tail is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|part| part.parse::<u64>().ok());
        let version = Self {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The lowest version after `base` that changes of `level` allow; `base`
/// itself when nothing changed, `None` when `base` is not a version.
pub fn required_version(base: &str, level: Option<Level>) -> Option<String> {
    let base = Version::parse(base)?;
    let Some(level) = level else {
        return Some(base.to_string());
    };
    let next = match (base.major, level) {
        (0, Level::Breaking) => Version {
            minor: base.minor + 1,
            patch: 0,
            ..base
        },
        (0, _) => Version {
            patch: base.patch + 1,
            ..base
        },
        (_, Level::Breaking) => Version {
            major: base.major + 1,
            minor: 0,
            patch: 0,
        },
        (_, Level::Additive) => Version {
            minor: base.minor + 1,
            patch: 0,
            ..base
        },
        (_, Level::Docs) => Version {
            patch: base.patch + 1,
            ..base
        },
    };
    Some(next.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_cargos_rules_for_0_x_and_1_x() {
        assert_eq!(
            required_version("0.1.0", Some(Level::Breaking)).unwrap(),
            "0.2.0"
        );
        assert_eq!(
            required_version("0.1.3", Some(Level::Additive)).unwrap(),
            "0.1.4"
        );
        assert_eq!(
            required_version("0.1.3", Some(Level::Docs)).unwrap(),
            "0.1.4"
        );
        assert_eq!(
            required_version("1.4.2", Some(Level::Breaking)).unwrap(),
            "2.0.0"
        );
        assert_eq!(
            required_version("1.4.2", Some(Level::Additive)).unwrap(),
            "1.5.0"
        );
        assert_eq!(
            required_version("1.4.2", Some(Level::Docs)).unwrap(),
            "1.4.3"
        );
        assert_eq!(required_version("1.4.2", None).unwrap(), "1.4.2");
        assert_eq!(required_version("one", Some(Level::Docs)), None);
    }

    #[test]
    fn versions_parse_and_order() {
        assert!(Version::parse("0.2.0").unwrap() > Version::parse("0.1.9").unwrap());
        assert_eq!(Version::parse("1.0.0-beta.1"), Version::parse("1.0.0"));
        assert_eq!(Version::parse("1.0"), None);
    }
}
