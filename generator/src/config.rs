//! Per-API settings: `specs/<api>/codegen.toml`.
//!
//! A spec says what the API is; some things a crate needs are not in it:
//! the package metadata, how JSON numbers map to Rust (payment APIs that
//! send money as decimals must never go through `f64`), whether responses
//! that break their schema in known ways are read leniently, the named
//! environments, and what the Basic-auth credentials are called.
//!
//! ```toml
//! [package]
//! name = "wooshpay"
//! version = "0.1.0"
//! description = "WooshPay API client"
//!
//! [types]
//! number = "decimal"   # or "f64" (the default)
//! lenient = true       # accept JSON-encoded strings for arrays and objects
//!
//! [environments]       # in order; the first is the default
//! test = "https://apitest.wooshpay.com"
//! live = "https://api.wooshpay.com"
//!
//! [auth.basic]
//! username = "secret_key"   # the credential that is sent as the username
//! password = ""             # a fixed password, not asked of the caller
//!
//! [retries]
//! idempotency_keys = true   # the API honours Idempotency-Key (default: false)
//!
//! [webhooks]                # deliveries signed `t=…,v1=…` (HMAC-SHA256)
//! signature_header = "Wooshpay-Signature"
//! events = ["payment_intent.succeeded", "charge.refund.updated"]
//! ```

use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Error;

/// The name of the settings file in a spec folder.
pub const FILE_NAME: &str = "codegen.toml";

/// The release notes beside the settings, which the crate carries.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// Settings for one generated crate.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub package: Package,
    #[serde(default)]
    pub types: Types,
    /// Named base URLs, in order; the first is the default.
    #[serde(default)]
    pub environments: IndexMap<String, String>,
    #[serde(default)]
    pub auth: Auth,
    #[serde(default)]
    pub retries: Retries,
    #[serde(default)]
    pub webhooks: Option<Webhooks>,
    /// Fields whose values `Debug` must not print, besides the built-in
    /// list (card and bank account data, credentials).
    #[serde(default)]
    pub redact: Redact,
    /// Fields whose optionality is pinned against what the examples show.
    #[serde(default)]
    pub examples: ExampleSettings,
    /// Corrections to the spec, applied before apifox semantics (see
    /// [`Patch`]).
    #[serde(default, rename = "patch")]
    pub patches: Vec<Patch>,
    /// Hand-written documentation for the crate.
    #[serde(default)]
    pub docs: Docs,
    /// The file the settings were read from, for error messages.
    #[serde(skip)]
    pub source: Option<std::path::PathBuf>,
}

/// Documentation the spec cannot give: how a merchant uses the API.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// A Markdown file in the spec folder (`guide.md`) whose text follows
    /// the usage example of the crate's README, which is also the crate's
    /// documentation on docs.rs: its Rust code blocks are doctests, so the
    /// examples are compiled with the crate.
    #[serde(default)]
    pub guide: Option<std::path::PathBuf>,
    /// The guide's text, read with the settings.
    #[serde(skip)]
    pub guide_text: Option<String>,
    /// `CHANGELOG.md` of the spec folder, which the crate carries.
    #[serde(skip)]
    pub changelog_text: Option<String>,
}

/// Extra sensitive fields: `"field"` (a JSON key, in every struct) or
/// `"Type.field"` (a JSON key of one generated Rust type).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redact {
    #[serde(default)]
    pub fields: Vec<String>,
}

/// Pins on what the spec's examples may change (`ir/evidence.rs`): each
/// entry is `"Type.json_key"`, the type by its Rust or schema name.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSettings {
    /// Fields that stay required although a response example leaves them
    /// out or sends `null` (a broken example, not a broken schema).
    #[serde(default)]
    pub required: Vec<String>,
    /// Response fields made optional although no example shows it.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Whether a response that its examples show wrapped in an undocumented
    /// envelope (`{"code": 200, "data": …}`) is read as that envelope
    /// (`ir/envelopes.rs`).
    #[serde(default = "yes")]
    pub envelopes: bool,
}

impl Default for ExampleSettings {
    fn default() -> Self {
        Self {
            required: Vec::new(),
            optional: Vec::new(),
            envelopes: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// One maintainer correction of the spec, without editing the exported
/// files: the target is an operation (`operation = "GET /v1/x/{id}"`) or a
/// component schema (`schema = "Refund"`), optionally one of its fields
/// (`field = "status"`, dotted for nested objects: `"card.brand"`).
///
/// ```toml
/// [[patch]]
/// operation = "GET /v1/checkout/sessions/{id}"
/// name = "retrieve_session"           # the Rust method name
///
/// [[patch]]
/// schema = "Refund"
/// field = "status"
/// enum = ["pending", "succeeded", "failed", "canceled"]
///
/// [[patch]]
/// operation = "POST /v1/payment_intents/{id}/capture"
/// body = { type = "object", properties = { amount_to_capture = { type = "integer" } } }
///
/// [[patch]]
/// schema = "Refund"
/// description = "A refund of a payment, in part or in full."
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// `METHOD /path` of the operation to change.
    #[serde(default)]
    pub operation: Option<String>,
    /// The component schema to change.
    #[serde(default)]
    pub schema: Option<String>,
    /// A field of the schema (dotted for nested objects).
    #[serde(default)]
    pub field: Option<String>,
    /// The operation's Rust method name (sets its `operationId`).
    #[serde(default)]
    pub name: Option<String>,
    /// The values of a string field, which then becomes an enum.
    #[serde(default, rename = "enum")]
    pub values: Option<Vec<String>>,
    /// The JSON request body's schema, for an operation whose body the
    /// spec leaves untyped (any OpenAPI schema, or `{ "$ref" = "..." }`);
    /// `false` removes a body the operation does not really take.
    #[serde(default)]
    pub body: Option<toml::Value>,
    /// Keys to set on the target schema (a schema, or a field of a schema
    /// or of an operation's JSON body): `set = { type = "integer" }`.
    #[serde(default)]
    pub set: Option<toml::Table>,
    /// The schema of the operation's success response.
    #[serde(default)]
    pub response: Option<toml::Value>,
    /// The operation's summary (its doc title).
    #[serde(default)]
    pub summary: Option<String>,
    /// The description to use instead of the spec's.
    #[serde(default)]
    pub description: Option<String>,
}

/// Signed webhook deliveries, Stripe style: a header
/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhooks {
    /// The header deliveries are signed in (`Wooshpay-Signature`).
    pub signature_header: String,
    /// The documented event types; others arrive as `EventType::Unknown`.
    #[serde(default)]
    pub events: Vec<String>,
    /// Which component schema the events of a family carry, where the
    /// family's last word does not name it (`"charge.refund" = "Refund"`
    /// is found by itself; `"issuing_authorization" = "The Authorization
    /// object"` is not).
    #[serde(default)]
    pub objects: IndexMap<String, String>,
    /// How far a delivery's signature time may be from now (default 300),
    /// for schemes that sign a time.
    #[serde(default = "default_tolerance")]
    pub tolerance_seconds: u64,
    /// How deliveries are signed.
    #[serde(default)]
    pub signature: SignatureScheme,
    /// Where in a delivery the event's type and object are.
    #[serde(default)]
    pub envelope: Envelope,
}

/// How a provider signs webhook deliveries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureScheme {
    /// Stripe's scheme: `t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`,
    /// keyed by the endpoint's signing secret, with a tolerance on `t`.
    #[default]
    HmacSha256,
    /// A base64 RSA signature (PKCS#1 v1.5, SHA-256) of the body, checked
    /// with the provider's public key (UseePay).
    RsaSha256,
}

/// Where a delivery holds the event's type and object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Envelope {
    /// `{"type": …, "data": {"object": …, "previous_attributes": …}}`.
    #[default]
    Stripe,
    /// `{"id": …, "name": …, "data": <the object>}`.
    Named,
}

fn default_tolerance() -> u64 {
    300
}

/// Cargo package metadata of the generated crate.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    #[serde(default = "default_version")]
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "default_license")]
    pub license: String,
    #[serde(default)]
    pub repository: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    /// The API's name in prose (`WooshPay`); defaults to the spec's title or
    /// the package name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// A cargo feature per module, so that merchants compile only the
    /// modules they call. Unset: on for APIs of 100 operations or more.
    #[serde(default)]
    pub module_features: Option<bool>,
}

impl Default for Package {
    fn default() -> Self {
        Self {
            name: "api".to_owned(),
            version: default_version(),
            description: None,
            license: default_license(),
            repository: None,
            homepage: None,
            documentation: None,
            keywords: Vec::new(),
            categories: Vec::new(),
            display_name: None,
            module_features: None,
        }
    }
}

fn default_version() -> String {
    "0.1.0".to_owned()
}

fn default_license() -> String {
    "MIT OR Apache-2.0".to_owned()
}

/// How spec types map to Rust.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Types {
    #[serde(default)]
    pub number: NumberType,
    /// Accept a JSON-encoded string where an array or object is expected,
    /// as some APIs send them.
    #[serde(default)]
    pub lenient: bool,
    /// Points in time as the runtime's `Timestamp`, whatever their wire
    /// form: strings and integers whose `format` is `date-time` or
    /// `unix-time`, and string or integer fields named `created`,
    /// `updated`, `date`, `period_start`, `period_end` or `…_at`. Off by default, because an
    /// API that sends local times without an offset cannot be read as
    /// instants.
    #[serde(default)]
    pub timestamps: bool,
    /// Every property named `metadata` is the one `Metadata` type, however
    /// each page describes it: a map of strings (`"strings"`) or of any
    /// JSON values (`"json"`, for APIs whose examples show numbers there).
    #[serde(default)]
    pub metadata: Option<MetadataValues>,
}

/// The values of the shared `Metadata` map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetadataValues {
    /// `BTreeMap<String, String>`.
    Strings,
    /// `serde_json::Map<String, Value>`.
    Json,
}

/// The Rust type of JSON `number` values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberType {
    /// `f64`.
    #[default]
    F64,
    /// `rust_decimal::Decimal`, read and written without rounding.
    Decimal,
}

/// What makes retries safe.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retries {
    /// Whether the API honours `Idempotency-Key`: then POST and PATCH calls
    /// carry a fresh key and are retried like other calls. Off unless the
    /// provider documents it, because retrying a POST against an API that
    /// ignores the key could charge twice.
    #[serde(default)]
    pub idempotency_keys: bool,
}

/// Names of credentials.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    #[serde(default)]
    pub basic: Option<BasicAuth>,
}

/// HTTP Basic credentials.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    /// The name of the credential sent as the username.
    #[serde(default = "default_username")]
    pub username: String,
    /// A fixed password; when absent the caller provides one.
    #[serde(default)]
    pub password: Option<String>,
}

fn default_username() -> String {
    "username".to_owned()
}

impl Config {
    /// The links crates.io shows that `[package]` leaves unset
    /// (`repository`, `documentation`, `homepage`): worth a warning before
    /// publishing, never an error.
    pub fn unset_links(&self) -> Vec<&'static str> {
        let package = &self.package;
        [
            ("repository", &package.repository),
            ("documentation", &package.documentation),
            ("homepage", &package.homepage),
        ]
        .into_iter()
        .filter(|(_, value)| value.is_none())
        .map(|(key, _)| key)
        .collect()
    }

    /// The settings file errors about these settings name: the one they
    /// were read from, else where the spec folder `spec` would have it.
    pub fn settings_file(&self, spec: &Path) -> std::path::PathBuf {
        self.source.clone().unwrap_or_else(|| spec.join(FILE_NAME))
    }

    /// Reads `codegen.toml` from the spec folder `spec`, if there is one.
    pub fn for_spec(spec: &Path) -> Result<Option<Self>, Error> {
        let path = spec.join(FILE_NAME);
        if !spec.is_dir() || !path.exists() {
            return Ok(None);
        }
        Self::read(&path).map(Some)
    }

    /// Reads a settings file at any path, with the files it names beside
    /// it: the `docs.guide`, and the `CHANGELOG.md` that `cargo xtask
    /// review --changelog` keeps there.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let folder = path.parent().unwrap_or(Path::new(""));
        let read = |file: &Path, what: &str| {
            std::fs::read_to_string(file).map_err(|error| {
                Error::in_file(
                    path,
                    format!("cannot read {what} {}: {error}", file.display()),
                )
            })
        };
        let text = read(path, "the settings")?;
        let mut config: Self = toml::from_str(&text)
            .map_err(|error| Error::in_file(path, format!("invalid settings: {error}")))?;
        if let Some(guide) = &config.docs.guide {
            config.docs.guide_text = Some(read(&folder.join(guide), "the guide")?);
        }
        let changelog = folder.join(CHANGELOG);
        if changelog.is_file() {
            config.docs.changelog_text = Some(read(&changelog, "the changelog")?);
        }
        config.source = Some(path.to_owned());
        Ok(config)
    }

    /// Default settings for a crate called `name`.
    pub fn named(name: &str) -> Self {
        Self {
            package: Package {
                name: name.to_owned(),
                ..Package::default()
            },
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_settings_file() {
        let config: Config = toml::from_str(
            r#"
            [package]
            name = "useepay"
            description = "UseePay API client"
            [types]
            number = "decimal"
            lenient = true
            [environments]
            test = "https://openapi1.uat.useepay.com"
            live = "https://openapi.useepay.com"
            [auth.basic]
            username = "secret_key"
            password = ""
            [retries]
            idempotency_keys = true
            "#,
        )
        .unwrap();
        assert_eq!(config.types.number, NumberType::Decimal);
        assert!(config.types.lenient);
        assert_eq!(
            config.environments.keys().collect::<Vec<_>>(),
            ["test", "live"]
        );
        let basic = config.auth.basic.unwrap();
        assert_eq!(
            (basic.username.as_str(), basic.password.as_deref()),
            ("secret_key", Some(""))
        );
        assert_eq!(config.package.version, "0.1.0");
        assert!(config.retries.idempotency_keys);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let error =
            toml::from_str::<Config>("[package]\nname = \"x\"\nnmae = \"y\"\n").unwrap_err();
        assert!(error.to_string().contains("nmae"), "{error}");
    }
}
