//! `apifox-codegen init <api>`: a spec folder with a commented `codegen.toml`
//! listing every setting and its default.

use std::fs;
use std::path::Path;

use apifox_codegen::naming;

/// The settings file for a crate called `name`: `[package] name` set, every
/// other setting commented out at its default (or with an example where
/// there is no default).
pub fn codegen_toml(name: &str) -> String {
    format!(
        r##"# Settings of the `{name}` crate, read by apifox-codegen from the spec folder.
# Every setting is listed at its default (or with an example value where it
# has none); uncomment what you change. Unknown keys are an error.

[package]
name = "{name}"                         # the crate's name
# version = "0.1.0"
# description = "A Rust client for the {name} API"   # default: from the API's title
# license = "MIT OR Apache-2.0"
# crates.io shows these three; `apifox-codegen check` warns while they are unset:
# repository = "https://github.com/you/{name}"
# homepage = "https://example.com"
# documentation = "https://docs.rs/{name}"
# keywords = ["api", "sdk"]
# categories = ["api-bindings"]
# display_name = "{name}"               # the API's name in prose; default: the spec's title
# module_features = false               # a cargo feature per module (default: on from 100 operations)

# [types]
# number = "f64"                        # or "decimal": JSON numbers as exact rust_decimal::Decimal
# lenient = false                       # accept arrays/objects sent as JSON-encoded strings
# timestamps = false                    # points in time as `Timestamp` (Unix seconds or
                                        # milliseconds, or RFC 3339 text, all read as instants)
# metadata = "strings"                  # unset by default; "strings" or "json": every `metadata`
                                        # property is one shared `Metadata` map type

# [environments]                        # named base URLs, in order; the first is the default
                                        # (default: none, the spec's servers are used)
# test = "https://sandbox.example.com"
# live = "https://api.example.com"

# [auth.basic]                          # what the HTTP Basic credentials are called
# username = "username"                 # the credential sent as the username
# password = ""                         # a fixed password, not asked of the caller (default: asked)

# [retries]
# idempotency_keys = false              # true only if the API honours `Idempotency-Key`: then
                                        # POST/PATCH calls carry a key and are retried

# [webhooks]                            # signed deliveries, `t=…,v1=…` (HMAC-SHA256); off by default
# signature_header = "Example-Signature"   # required when [webhooks] is set
# events = ["payment_intent.succeeded"]    # the documented event types (default: none)
# tolerance_seconds = 300                  # how old a signature may be
# signature = "hmac-sha256"             # or "rsa-sha256": a base64 RSA signature of the
                                        # body, checked with the provider's public key
# envelope = "stripe"                   # {{type, data: {{object}}}}; or "named": {{id, name, data}}
# [webhooks.objects]                    # families whose last word names no schema
# issuing_authorization = "The Authorization object"

# [redact]                              # more keys Debug prints as "[redacted]"
# fields = ["tax_id", "Customer.phone"] # (default: none besides the built-in list)

# [examples]                            # response examples loosen required fields they
                                        # leave out or null; pin fields either way:
# required = ["Pet.tag"]                # stays required although an example nulls it
# optional = ["Pet.photos"]             # optional although no example shows it
# envelopes = false                     # do not read responses as the undocumented
                                        # envelope (`code`, `data`) examples show

# [docs]
# guide = "guide.md"                    # Markdown after the README's usage; its code is doctested

# Corrections to the exported spec, applied before the apifox rules (none by
# default). A patch whose target does not exist fails the build.
# [[patch]]                             # rename an operation (sets its operationId)
# operation = "GET /v1/things/{{id}}"
# name = "retrieve_thing"
# summary = "Retrieve a thing"          # and its doc title
#
# [[patch]]                             # a string field whose values a page lists
# schema = "Thing"
# field = "status"                      # dotted for nested objects: "card.brand"
# enum = ["active", "archived"]
#
# [[patch]]                             # type a body the spec leaves untyped (false: no body)
# operation = "POST /v1/things/{{id}}/archive"
# body = {{ type = "object", properties = {{ reason = {{ type = "string" }} }} }}
#
# [[patch]]                             # keys set on a field of an operation's JSON body
# operation = "POST /v1/things"
# field = "amount"
# set = {{ type = "integer" }}
#
# [[patch]]                             # an undocumented success response
# operation = "DELETE /v1/things/{{id}}"
# response = {{ "$ref" = "#/components/schemas/Thing" }}
#
# [[patch]]                             # replace a doc text
# schema = "Thing"
# description = "A thing, in full."
"##
    )
}

/// The spec folder's README.
pub fn readme(api: &str, dir: &Path) -> String {
    let folder = dir.join(api);
    let folder = folder.display();
    format!(
        "# The {api} API spec\n\
         \n\
         Drop the apifox exports of the API here: full OpenAPI exports (`.yaml`,\n\
         `.json`; in apifox: *Export data → OpenAPI*) and per-endpoint Markdown\n\
         pages (`.md` with an `## OpenAPI Specification` code block). Every file of\n\
         the folder is read and merged; Markdown files without an OpenAPI block\n\
         (like this one) are skipped. Keep the exports as apifox wrote them and put\n\
         corrections in `codegen.toml` (`[[patch]]`).\n\
         \n\
         Then generate and check the crate:\n\
         \n\
         ```sh\n\
         apifox-codegen generate --spec {folder} --out generated/{api}\n\
         apifox-codegen check --spec {folder} --out generated/{api}\n\
         ```\n"
    )
}

/// Writes `<dir>/<api>/codegen.toml` and `README.md`; refuses (writing
/// nothing) when either exists.
pub fn init(api: &str, dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let folder = dir.join(api);
    let name = naming::crate_name(api);
    let files = [
        (folder.join("codegen.toml"), codegen_toml(&name)),
        (folder.join("README.md"), readme(api, dir)),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "refusing to overwrite {} (nothing was written)",
            existing.join(" and ")
        ));
    }
    fs::create_dir_all(&folder)
        .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    for (path, text) in &files {
        fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
