//! Names reserved by the crate layout, and [`Namespace`], which hands out
//! unique names in spec order.

use std::collections::HashSet;

use foldhash::fast::FixedState;

/// The webhook event type enum, one of the models when an API has
/// webhooks; reserved, so that no schema takes the name.
pub const EVENT_TYPE: &str = "EventType";

/// Identifiers that generated code uses unqualified (the prelude, serde,
/// the runtime items the emitter imports, the crate's own client types), so
/// that no generated type may take them.
#[rustfmt::skip]
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // The prelude.
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "Default", "Clone",
    "Copy", "Debug", "PartialEq", "Eq", "Hash", "From", "Into", "Send", "Sync", "Sized",
    "ToString", "Iterator", "Fn", "Self_",
    // serde, serde_json, std and rust_decimal items the emitter imports.
    "Serialize", "Deserialize", "Serializer", "Deserializer", "SerializeMap", "MapAccess",
    "Visitor", "Value", "Map", "BTreeMap", "Decimal",
    // The runtime items the emitter imports, and the crate's client types.
    "ApiClient", "Auth", "Bytes", "ClientBuilder", "Error", "File", "HasId", "IntoBaseUrl",
    "KeyLocation", "Method", "Multipart", "Page", "Request", "RequestOptions", "Secret", "Stream",
    "Client", "Credentials", "Environment", EVENT_TYPE, "Event", "EventObject", "Call",
    "RawRequest", "Redacted",
];

/// Module names the crate layout uses itself, and the crates generated code
/// refers to by name.
#[rustfmt::skip]
pub const RESERVED_MODULE_NAMES: &[&str] = &[
    "models", "runtime", "client", "webhook", "prelude", "tests", "self_", "super_", "crate_",
    "std", "core", "alloc", "serde", "serde_json", "reqwest", "bytes", "futures", "tokio",
    "tracing", "rust_decimal", "percent_encoding", "serde_path_to_error", "uuid", "hmac", "sha2",
    "subtle",
];

/// Names already given in one scope; [`Namespace::claim`] hands out a free
/// variant of a wanted name.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    /// Hashed with foldhash: every type, field, method and local name of
    /// the API is claimed here, and SipHash was a visible share of the IR.
    taken: HashSet<String, FixedState>,
}

impl Namespace {
    /// A namespace in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `name` if it is free.
    pub fn try_claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// Claims `wanted`, or the first free `wanted2`, `wanted3`… (with
    /// `separator` between name and number).
    pub fn claim(&mut self, wanted: &str, separator: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        // `type_` and `Type` both want `type_`; the second is `type_2`.
        let separator = if wanted.ends_with('_') { "" } else { separator };
        (2..)
            .map(|n| format!("{wanted}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range finds a free name")
    }
}
