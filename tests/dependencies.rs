//! What each shipped SDK crate depends on. Merchants compile every one of
//! these crates, so a new dependency (or one that an API does not need) is
//! a change to review here, not a side effect of a spec edit.

use sdk_tests::workspace_root;

/// The `[dependencies]` of `generated/<api>/Cargo.toml`, by name.
fn dependencies(api: &str) -> Vec<String> {
    let path = workspace_root()
        .join("generated")
        .join(api)
        .join("Cargo.toml");
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut names: Vec<String> = manifest["dependencies"]
        .as_table()
        .expect("a [dependencies] table")
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

/// What every crate needs: HTTP (with rustls for the default TLS), JSON,
/// retries, tracing.
const CORE: &[&str] = &[
    "bytes",
    "percent-encoding",
    "reqwest",
    "rustls",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "tokio",
    "tracing",
    "uuid",
];

fn with(extra: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = CORE
        .iter()
        .chain(extra)
        .map(|name| (*name).to_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn wooshpay_needs_pagination_and_webhooks_but_no_decimals() {
    // Amounts are integers in minor units: no rust_decimal. List streams
    // (futures) and signed webhooks (hmac, sha2, subtle).
    assert_eq!(
        dependencies("wooshpay"),
        with(&["futures", "hmac", "sha2", "subtle"])
    );
}

#[test]
fn useepay_needs_decimals_pagination_and_rsa_but_no_hmac() {
    // Amounts are exact decimals. UseePay signs webhooks with RSA (`ring`,
    // which rustls already brings by default, and `base64`), so the HMAC
    // dependencies stay out.
    assert_eq!(
        dependencies("useepay"),
        with(&["base64", "futures", "ring", "rust_decimal"])
    );
}

#[test]
fn no_crate_uploads_files_so_none_carries_multipart() {
    for api in ["wooshpay", "useepay"] {
        let path = workspace_root()
            .join("generated")
            .join(api)
            .join("Cargo.toml");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            !text.contains("\"multipart\""),
            "{api} asks for reqwest's multipart"
        );
    }
}
