//! The runtime every generated crate carries, copied from
//! `generator/runtime/src` (where it is compiled and tested once).

/// The runtime's source files, as written in `generator/runtime/src`; the
/// crate root of the runtime crate becomes the `runtime` module's `mod.rs`.
const SOURCES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    ("auth.rs", include_str!("../../runtime/src/auth.rs")),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("codec.rs", include_str!("../../runtime/src/codec.rs")),
    ("encoding.rs", include_str!("../../runtime/src/encoding.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    (
        "pagination.rs",
        include_str!("../../runtime/src/pagination.rs"),
    ),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("secret.rs", include_str!("../../runtime/src/secret.rs")),
    ("webhook.rs", include_str!("../../runtime/src/webhook.rs")),
];

/// The runtime's files for a generated crate: unit tests left out (they ran
/// in the runtime crate), a note on where to edit them added.
pub fn files() -> impl Iterator<Item = (&'static str, String)> {
    SOURCES.iter().map(|(name, source)| {
        let origin = if *name == "mod.rs" { "lib.rs" } else { name };
        let body = match source.find("\n#[cfg(test)]\nmod tests {") {
            Some(index) => &source[..=index],
            None => source,
        };
        let note = format!(
            "// @generated: a copy of generator/runtime/src/{origin}, made by `cargo xtask codegen`. Edit it there.\n\n"
        );
        (*name, format!("{note}{body}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_source_is_copied() {
        let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .map(|name| {
                if name == "lib.rs" {
                    "mod.rs".to_owned()
                } else {
                    name
                }
            })
            .collect();
        on_disk.sort();
        let mut copied: Vec<&str> = SOURCES.iter().map(|(name, _)| *name).collect();
        copied.sort();
        assert_eq!(on_disk, copied, "list new runtime files in SOURCES");
    }

    #[test]
    fn unit_tests_are_left_out() {
        for (name, source) in files() {
            assert!(
                !source.contains("#[cfg(test)]"),
                "{name} still has its tests"
            );
        }
    }
}
