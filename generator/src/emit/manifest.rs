//! The crate's `Cargo.toml` and `README.md`.

use std::fmt::Write as _;

use super::runtime::Feature;
use crate::config::Config;
use crate::ir::{Api, ParamLocation};

/// The dependencies of generated crates, which are those of the runtime
/// they carry (`generator/runtime/Cargo.toml`; a test keeps the two in
/// step): each with the optional part of the runtime that needs it, if only
/// one does. `reqwest`'s features depend on the API and the TLS choice.
pub const DEPENDENCIES: &[(&str, &str, Option<Feature>)] = &[
    ("base64", r#""0.23""#, Some(Feature::WebhooksRsa)),
    ("bytes", r#""1""#, None),
    ("futures", r#""0.3""#, Some(Feature::Pagination)),
    ("hmac", r#""0.13""#, Some(Feature::WebhooksHmac)),
    ("percent-encoding", r#""2.3""#, None),
    ("reqwest", "", None),
    (
        "ring",
        r#"{ version = "0.17", default-features = false, features = ["alloc"] }"#,
        Some(Feature::WebhooksRsa),
    ),
    (
        "rustls",
        r#"{ version = "0.23", default-features = false, features = ["ring", "std", "tls12"], optional = true }"#,
        None,
    ),
    ("rust_decimal", r#""1.39""#, Some(Feature::Decimal)),
    ("serde", r#"{ version = "1", features = ["derive"] }"#, None),
    (
        "serde_json",
        r#"{ version = "1", features = ["raw_value"] }"#,
        None,
    ),
    ("serde_path_to_error", r#""0.1""#, None),
    ("sha2", r#""0.11""#, Some(Feature::WebhooksHmac)),
    ("subtle", r#""2.6""#, Some(Feature::WebhooksHmac)),
    ("tokio", r#"{ version = "1", features = ["time"] }"#, None),
    ("tracing", r#""0.1""#, None),
    ("uuid", r#"{ version = "1", features = ["v4"] }"#, None),
];

/// `reqwest`, with multipart support only for APIs that upload files; its
/// TLS comes from the crate's features ([`TLS_FEATURES`]).
fn reqwest(features: &[Feature]) -> String {
    let mut list = vec!["json", "query", "form"];
    if features.contains(&Feature::Multipart) {
        list.push("multipart");
    }
    list.extend(["charset", "http2"]);
    let list: Vec<String> = list.iter().map(|name| format!("\"{name}\"")).collect();
    format!(
        "{{ version = \"0.13\", default-features = false, features = [{}] }}",
        list.join(", ")
    )
}

/// The crate's `[features]`: which TLS implementation reqwest uses. The
/// default was chosen by measuring a clean build of the WooshPay crate
/// (see the README): rustls with ring compiles little C, aws-lc-rs a lot,
/// native TLS needs the system's OpenSSL headers.
pub const TLS_FEATURES: &str = r#"[features]
default = ["rustls-ring"]
# TLS through rustls with the ring crypto provider: little C to compile, no
# system libraries. The client installs ring as rustls's process-wide
# provider unless the application installed one.
rustls-ring = ["reqwest/rustls-no-provider", "dep:rustls"]
# rustls with aws-lc-rs (reqwest's own default; compiles aws-lc, in C).
rustls-aws-lc = ["reqwest/rustls"]
# The platform's TLS (OpenSSL on Linux: needs libssl-dev and pkg-config).
native-tls = ["reqwest/native-tls"]
"#;

/// The `[dependencies]` of a crate whose runtime has `features`.
pub fn dependencies(features: &[Feature]) -> Vec<(&'static str, String)> {
    DEPENDENCIES
        .iter()
        .filter(|(_, _, needed_by)| needed_by.is_none_or(|feature| features.contains(&feature)))
        .map(|(name, spec, _)| {
            let spec = if *name == "reqwest" {
                reqwest(features)
            } else {
                (*spec).to_owned()
            };
            (*name, spec)
        })
        .collect()
}

/// What the crate's own tests use.
pub const DEV_DEPENDENCIES: &[(&str, &str)] = &[
    (
        "tokio",
        r#"{ version = "1", features = ["macros", "rt-multi-thread", "time"] }"#,
    ),
    ("wiremock", r#""0.6""#),
];

/// The Rust version the generated code needs (edition 2024).
pub const RUST_VERSION: &str = "1.85";

/// `Cargo.toml`.
pub fn cargo_toml(api: &Api, config: &Config) -> String {
    let package = &config.package;
    let mut toml = String::new();
    let _ = writeln!(toml, "[package]");
    let _ = writeln!(toml, "name = {}", quoted(&package.name));
    let _ = writeln!(toml, "version = {}", quoted(&package.version));
    let _ = writeln!(toml, "edition = \"2024\"");
    let _ = writeln!(toml, "rust-version = {}", quoted(RUST_VERSION));
    let description = package
        .description
        .clone()
        .unwrap_or_else(|| format!("A Rust client for the {} API", display_name(api, config)));
    let _ = writeln!(toml, "description = {}", quoted(&description));
    let _ = writeln!(toml, "license = {}", quoted(&package.license));
    for (key, value) in [
        ("repository", &package.repository),
        ("homepage", &package.homepage),
        ("documentation", &package.documentation),
    ] {
        if let Some(value) = value {
            let _ = writeln!(toml, "{key} = {}", quoted(value));
        }
    }
    let _ = writeln!(toml, "readme = \"README.md\"");
    for (key, values) in [
        ("keywords", &package.keywords),
        ("categories", &package.categories),
    ] {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|value| quoted(value)).collect();
            let _ = writeln!(toml, "{key} = [{}]", list.join(", "));
        }
    }
    let _ = writeln!(toml, "\n[dependencies]");
    for (name, spec) in dependencies(&super::runtime::features(api)) {
        let _ = writeln!(toml, "{name} = {spec}");
    }
    let modules = super::features::module_features(api, config);
    if modules.any() {
        let _ = writeln!(toml, "\n{}", module_features_toml(api, &modules));
    } else {
        let _ = writeln!(toml, "\n{TLS_FEATURES}");
    }
    let _ = writeln!(toml, "[dev-dependencies]");
    for (name, spec) in DEV_DEPENDENCIES {
        let _ = writeln!(toml, "{name} = {spec}");
    }
    toml
}

/// The `[features]` of a crate with modules behind features: TLS as
/// always, `all-modules` in the default, and a feature per module that
/// turns on the modules whose types it uses.
fn module_features_toml(api: &Api, modules: &super::features::ModuleFeatures) -> String {
    let mut text = TLS_FEATURES.replacen(
        r#"default = ["rustls-ring"]"#,
        r#"default = ["rustls-ring", "all-modules"]"#,
        1,
    );
    let all: Vec<String> = modules.names().map(quoted).collect();
    let _ = writeln!(
        text,
        "# Every module of the API. Without the default features, name the ones you\n\
         # call (`features = [\"{}\", \"rustls-ring\"]`) and compile only those.\n\
         all-modules = [{}]",
        modules.names().next().unwrap_or_default(),
        all.join(", ")
    );
    for (index, module) in api.modules.iter().enumerate() {
        let Some(feature) = modules.gate(index) else {
            continue;
        };
        let needs: Vec<String> = modules.requires[index]
            .iter()
            .filter_map(|other| modules.gate(*other))
            .map(quoted)
            .collect();
        let _ = writeln!(text, "# {}", module.title);
        let _ = writeln!(text, "{feature} = [{}]", needs.join(", "));
    }
    text
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The API's name in prose.
pub fn display_name(api: &Api, config: &Config) -> String {
    config
        .package
        .display_name
        .clone()
        .or_else(|| (!api.title.is_empty()).then(|| api.title.clone()))
        .unwrap_or_else(|| config.package.name.clone())
}

/// `README.md`, which is also the crate's documentation (so its example is
/// compiled as a doctest).
pub fn readme(api: &Api, config: &Config, example: Option<&str>) -> String {
    let name = &config.package.name;
    let crate_name = name.replace('-', "_");
    let display = display_name(api, config);
    let mut readme = String::new();
    let _ = writeln!(readme, "# {name}\n");
    if let Some(description) = &config.package.description {
        let _ = writeln!(readme, "{description}\n");
    }
    let _ = writeln!(
        readme,
        "A Rust client for the {display} API, generated from its apifox documentation. \
         Every operation is an `async` method; models are plain structs with serde derives."
    );
    let _ = writeln!(readme, "\n## Usage\n");
    let _ = writeln!(
        readme,
        "```toml\n[dependencies]\n{name} = \"{}\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n```\n",
        config.package.version
    );
    match example {
        // A guide written for the API opens with the flow a merchant does
        // first, which an example picked from the spec cannot know.
        Some(_) if config.docs.guide_text.is_some() => {}
        Some(example) => {
            let _ = writeln!(readme, "```rust,no_run\n{example}```\n");
        }
        None => {
            let _ = writeln!(
                readme,
                "The spec describes models only: the crate holds its schemas, with serde derives.\n"
            );
        }
    }
    if let Some(guide) = &config.docs.guide_text {
        let _ = writeln!(readme, "{}\n", guide.trim_end());
    }
    let _ = writeln!(readme, "## Behaviour\n");
    let _ = writeln!(
        readme,
        "- Errors are `{crate_name}::Error`: transport failures, timeouts, API errors with their status and \
         parsed body, and responses that did not decode (with the raw body and the JSON path of the problem)."
    );
    let _ = writeln!(
        readme,
        "- String enums have an `Unknown(String)` variant, so values added to the API later do not break \
         deserialization; unknown fields are ignored."
    );
    let _ = writeln!(
        readme,
        "- Structs are built with `new`, which takes the required fields, and a setter per optional field \
         (`Type::new(a, b).description(\"…\")`); only structs without required fields implement `Default`, \
         so a required field cannot be forgotten. Structs and enums are `#[non_exhaustive]`: a field or an \
         enum value the API adds is a minor release, not a breaking one."
    );
    let _ = writeln!(
        readme,
        "- An operation returns a `Call`: await it to send it, or first set options for that one call \
         (`.idempotency_key(…)`, `.header(…)`, `.timeout(…)`, `.max_retries(…)`); `.send_with_response()` \
         also gives the status, headers and request id. `client.request(method, path)` calls an endpoint \
         the SDK does not have yet, with the same credentials, retries and errors."
    );
    let _ = writeln!(
        readme,
        "- `Debug` of the client and its credentials never shows a secret, and card numbers, security codes, \
         expiry dates, account numbers, tokens and secrets in models print as `\"[redacted]\"`."
    );
    let modules = super::features::module_features(api, config);
    if let Some(first) = modules.names().next() {
        let _ = writeln!(readme, "\n## Compiling only what you call\n");
        let _ = writeln!(
            readme,
            "Each module of the API is behind a cargo feature of its name, all on by default. To compile \
             only the ones you call, turn the default features off and name them, with a TLS feature:\n\n\
             ```toml\n{name} = {{ version = \"{}\", default-features = false, features = [\"{first}\", \
             \"rustls-ring\"] }}\n```\n\n\
             A module's feature turns on the modules whose types it uses.",
            config.package.version
        );
    }
    if !api.servers.is_empty() {
        let _ = writeln!(readme, "\n## Environments\n");
        let _ = writeln!(readme, "| Environment | Base URL |\n|---|---|");
        for server in &api.servers {
            let _ = writeln!(
                readme,
                "| `Environment::{}` | <{}> |",
                server.name, server.url
            );
        }
        let _ = writeln!(
            readme,
            "\n`Client::new` uses `Environment::{}`; choose another with `Client::builder(…).base_url(Environment::…)`.",
            api.servers[0].name
        );
    }
    let _ = writeln!(readme, "\n## Endpoints\n");
    let _ = writeln!(readme, "| Method | Path | Function |\n|---|---|---|");
    for operation in &api.operations {
        let module = api.module(operation.module);
        let path_args: Vec<&str> = operation
            .params
            .iter()
            .filter(|param| param.location == ParamLocation::Path)
            .map(|param| param.name.as_str())
            .collect();
        let _ = writeln!(
            readme,
            "| `{}` | `{}` | `{}().{}({})` |",
            operation.method.as_str(),
            operation.path.replace('|', "\\|"),
            module.name,
            operation.name,
            path_args.join(", ")
        );
    }
    readme
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(spec: &toml::Value) -> Option<String> {
        match spec {
            toml::Value::String(version) => Some(version.clone()),
            toml::Value::Table(table) => table
                .get("version")
                .and_then(toml::Value::as_str)
                .map(str::to_owned),
            _ => None,
        }
    }

    /// The runtime compiles against the workspace's dependencies; each
    /// generated crate must ask for the same ones.
    #[test]
    fn generated_crates_depend_on_what_the_runtime_uses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |path: &str| -> toml::Table {
            toml::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap()
        };
        let runtime = read("generator/runtime/Cargo.toml");
        let workspace = read("Cargo.toml");
        let workspace_dependencies = workspace["workspace"]["dependencies"].as_table().unwrap();
        let mut runtime_names: Vec<&String> =
            runtime["dependencies"].as_table().unwrap().keys().collect();
        runtime_names.sort();
        let mut generated_names: Vec<&str> =
            DEPENDENCIES.iter().map(|(name, _, _)| *name).collect();
        generated_names.sort();
        assert_eq!(
            runtime_names, generated_names,
            "DEPENDENCIES must list the runtime's dependencies"
        );
        // A dependency that one part needs is behind that part's feature.
        let runtime_features = runtime["features"].as_table().unwrap();
        for (name, _, needed_by) in DEPENDENCIES {
            if let Some(feature) = needed_by {
                let enables = runtime_features[feature.name()].as_array().unwrap();
                assert!(
                    enables
                        .iter()
                        .any(|v| v.as_str() == Some(&format!("dep:{name}"))),
                    "the runtime's `{}` feature must enable `{name}`",
                    feature.name()
                );
            }
        }
        let all = [
            Feature::Decimal,
            Feature::Multipart,
            Feature::Pagination,
            Feature::Timestamps,
            Feature::Webhooks,
            Feature::WebhooksHmac,
            Feature::WebhooksRsa,
        ];
        for (name, spec) in dependencies(&all) {
            let generated: toml::Value =
                toml::from_str::<toml::Table>(&format!("x = {spec}")).unwrap()["x"].clone();
            assert_eq!(
                version(&generated),
                version(&workspace_dependencies[name]),
                "`{name}` has another version in the workspace"
            );
        }
        // The runtime is held to the version its crates claim.
        assert_eq!(
            runtime["package"]["rust-version"].as_str(),
            Some(RUST_VERSION),
            "the runtime's `rust-version` must be the generated crates'"
        );
    }
}
