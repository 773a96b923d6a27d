//! The runtime every generated crate carries, copied from
//! `generator/runtime/src` (where it is compiled and tested once).

use crate::ir::{Api, BodyEncoding, Scalar, TypeRef};

/// The runtime's source files, as written in `generator/runtime/src`; the
/// crate root of the runtime crate becomes the `runtime` module's `mod.rs`.
const SOURCES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    ("auth.rs", include_str!("../../runtime/src/auth.rs")),
    ("call.rs", include_str!("../../runtime/src/call.rs")),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("codec.rs", include_str!("../../runtime/src/codec.rs")),
    ("encoding.rs", include_str!("../../runtime/src/encoding.rs")),
    ("enums.rs", include_str!("../../runtime/src/enums.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    (
        "multipart.rs",
        include_str!("../../runtime/src/multipart.rs"),
    ),
    (
        "pagination.rs",
        include_str!("../../runtime/src/pagination.rs"),
    ),
    ("object.rs", include_str!("../../runtime/src/object.rs")),
    ("options.rs", include_str!("../../runtime/src/options.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("secret.rs", include_str!("../../runtime/src/secret.rs")),
    (
        "timestamp.rs",
        include_str!("../../runtime/src/timestamp.rs"),
    ),
    ("webhook.rs", include_str!("../../runtime/src/webhook.rs")),
    (
        "webhook_hmac.rs",
        include_str!("../../runtime/src/webhook_hmac.rs"),
    ),
    (
        "webhook_rsa.rs",
        include_str!("../../runtime/src/webhook_rsa.rs"),
    ),
];

/// The optional parts of the runtime (its cargo features), each with the
/// file that holds it, if a whole file does.
pub const FEATURES: &[(Feature, Option<&str>)] = &[
    (Feature::Decimal, None),
    (Feature::Multipart, Some("multipart.rs")),
    (Feature::Pagination, Some("pagination.rs")),
    (Feature::Timestamps, Some("timestamp.rs")),
    (Feature::Webhooks, Some("webhook.rs")),
    (Feature::WebhooksHmac, Some("webhook_hmac.rs")),
    (Feature::WebhooksRsa, Some("webhook_rsa.rs")),
];

/// An optional part of the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    /// Exact decimals (`rust_decimal`).
    Decimal,
    /// File uploads (`reqwest`'s multipart support).
    Multipart,
    /// Streams over list endpoints (`futures`).
    Pagination,
    /// Points in time in any wire form (`Timestamp`).
    Timestamps,
    /// Webhook events and delivery errors.
    Webhooks,
    /// Stripe-style HMAC signatures (`hmac`, `sha2`, `subtle`).
    WebhooksHmac,
    /// Signatures made with the provider's RSA key (`ring`, `base64`).
    WebhooksRsa,
}

impl Feature {
    /// The feature's name in `generator/runtime/Cargo.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Decimal => "decimal",
            Self::Multipart => "multipart",
            Self::Pagination => "pagination",
            Self::Timestamps => "timestamps",
            Self::Webhooks => "webhooks",
            Self::WebhooksHmac => "webhooks-hmac",
            Self::WebhooksRsa => "webhooks-rsa",
        }
    }
}

/// The optional parts of the runtime that `api` uses.
pub fn features(api: &Api) -> Vec<Feature> {
    let mut scalars = Vec::new();
    api.for_each_type_use(|_, ty| collect_scalars(ty, &mut scalars));
    let mut used = Vec::new();
    if scalars.contains(&Scalar::Decimal) {
        used.push(Feature::Decimal);
    }
    let multipart = api.operations.iter().any(|operation| {
        operation
            .body
            .as_ref()
            .is_some_and(|body| body.encoding == BodyEncoding::Multipart)
    });
    if multipart || scalars.contains(&Scalar::Binary) {
        used.push(Feature::Multipart);
    }
    if api.operations.iter().any(|op| op.pagination.is_some()) {
        used.push(Feature::Pagination);
    }
    if scalars.contains(&Scalar::Timestamp) {
        used.push(Feature::Timestamps);
    }
    if let Some(webhooks) = &api.webhooks {
        used.push(Feature::Webhooks);
        used.push(match webhooks.signature {
            crate::config::SignatureScheme::HmacSha256 => Feature::WebhooksHmac,
            crate::config::SignatureScheme::RsaSha256 => Feature::WebhooksRsa,
        });
    }
    used
}

fn collect_scalars(ty: &TypeRef, into: &mut Vec<Scalar>) {
    match ty {
        TypeRef::Scalar(scalar) => {
            if !into.contains(scalar) {
                into.push(*scalar);
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            collect_scalars(inner, into)
        }
        TypeRef::Named(_) | TypeRef::Any => {}
    }
}

/// The runtime's files for a generated crate that uses `features`: unit
/// tests left out (they ran in the runtime crate), the files of unused
/// parts left out, a note on where to edit them added.
///
/// In the sources, `#[cfg(feature = "…")]` marks what an optional part
/// adds elsewhere (a `mod` line, an enum variant). The generated crate has
/// no such features (its API needs what it needs): a used part's marker is
/// removed. An unused part's `mod` and `use` lines go with its file (a
/// `mod` line whose file is missing stops `cargo fmt`, even compiled out);
/// its other marked items become `#[cfg(any())]`, which compiles them
/// out, so the copy needs neither the part's file nor its dependencies.
pub fn files(features: &[Feature]) -> impl Iterator<Item = (&'static str, String)> {
    SOURCES
        .iter()
        .filter(|(name, _)| {
            FEATURES.iter().all(|(feature, file)| {
                *file != Some(*name) || features.contains(feature)
            })
        })
        .map(|(name, source)| {
            let origin = if *name == "mod.rs" { "lib.rs" } else { name };
            let mut body = match source.find("\n#[cfg(test)]\nmod tests {") {
                Some(index) => source[..=index].to_owned(),
                None => (*source).to_owned(),
            };
            for (feature, file) in FEATURES {
                let marker = format!("#[cfg(feature = \"{}\")]", feature.name());
                if features.contains(feature) {
                    body = remove_marker_lines(&body, &marker);
                } else {
                    if let Some(file) = file {
                        body = remove_module_lines(&body, &marker, file.trim_end_matches(".rs"));
                    }
                    body = body.replace(&marker, "#[cfg(any())]");
                }
            }
            let note = format!(
                "// @generated: a copy of generator/runtime/src/{origin}, made by `cargo xtask codegen`. Edit it there.\n\n"
            );
            (*name, format!("{note}{body}"))
        })
}

/// `source` without the `mod module;`, `pub mod module;` and one-line
/// `pub use module::…;` lines under `marker`, and without their markers.
fn remove_module_lines(source: &str, marker: &str, module: &str) -> String {
    let declares = |line: &str| {
        let line = line.trim();
        line == format!("mod {module};")
            || line == format!("pub mod {module};")
            || (line.starts_with(&format!("pub use {module}::")) && line.ends_with(';'))
    };
    let mut kept = String::with_capacity(source.len());
    let mut lines = source.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.trim() == marker && lines.peek().is_some_and(|next| declares(next)) {
            lines.next();
        } else {
            kept.push_str(line);
        }
    }
    kept
}

/// `source` without the lines that hold only `marker` (and indentation).
fn remove_marker_lines(source: &str, marker: &str) -> String {
    source
        .split_inclusive('\n')
        .filter(|line| line.trim() != marker)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_parts_are_left_out_and_compiled_out() {
        let files: Vec<(&str, String)> = files(&[Feature::Decimal]).collect();
        assert!(
            files
                .iter()
                .all(|(name, _)| *name != "webhook.rs" && *name != "pagination.rs")
        );
        let file = |wanted: &str| {
            let found = files.iter().find(|(name, _)| *name == wanted);
            found.map(|(_, source)| source.as_str()).unwrap()
        };
        let lib = file("mod.rs");
        // The left-out files are not declared (`cargo fmt` would look for
        // them) or imported from.
        for gone in ["mod webhook;", "mod pagination;", "use pagination::"] {
            assert!(!lib.contains(gone), "{gone} in {lib}");
        }
        assert!(lib.contains("\npub mod object;"), "{lib}");
        assert!(!lib.contains("feature ="), "{lib}");
        let request = file("request.rs");
        assert!(
            request.contains("#[cfg(any())]\n    Multipart("),
            "an unused part's other items are compiled out: {request}"
        );
        let codec = file("codec.rs");
        assert!(
            codec.contains("\npub mod decimal {"),
            "the used part stays, unmarked"
        );
    }

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
        for (name, source) in files(&[]) {
            assert!(
                !source.contains("#[cfg(test)]"),
                "{name} still has its tests"
            );
        }
    }
}
