//! Stage 3: the generator's own model of an API.
//!
//! The IR is the seam between the spec and the Rust code: it says what the
//! SDK is (types with their final Rust names, operations with typed
//! parameters and bodies, auth, servers), and nothing in it refers to YAML,
//! apifox or the `openapiv3` model. [`build`] creates it from a normalized
//! document; the emitter only reads it.

mod buffered;
mod build;
mod compose;
pub mod dump;
mod envelopes;
mod evidence;
mod example_text;
mod examples;
mod media;
mod modules;
mod ops;
mod pagination;
mod payloads;
mod schema_docs;
mod sensitive;
// The runtime's `Timestamp`, compiled here as well: whether an example's
// time decodes, and how it is written back, is for the runtime's own code
// to say, not for a second parser.
#[path = "../../runtime/src/timestamp.rs"]
pub mod timestamp;
mod type_names;
mod types;
mod uses;
mod webhooks;

use serde::Serialize;

use crate::diagnostics::Pointer;

pub use build::build;
pub use example_text::FieldComment;
pub use examples::lenient_decoded;

/// A whole API: what one generated crate exposes.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// The API's title from the spec (may be empty).
    pub title: String,
    /// The API's description from the spec.
    pub description: Option<String>,
    /// The API's version from the spec.
    pub version: String,
    /// Base URLs, the default first.
    pub servers: Vec<Server>,
    /// How requests authenticate.
    pub security: Vec<SecurityScheme>,
    /// Modules of the crate; [`ModuleId`]s index this list. The first module
    /// holds the component schemas.
    pub modules: Vec<Module>,
    /// Every named type; [`TypeId`]s index this list.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
    /// How webhook deliveries are signed and what events they carry, when
    /// the API's settings say.
    pub webhooks: Option<Webhooks>,
    /// How the spec's own examples fared against the generated types.
    pub examples: ExampleLog,
}

/// The examples of a spec, checked against the types they illustrate.
/// Those that fit become tests; those that do not are reported.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExampleLog {
    /// Request body examples found, and how many fit their type.
    pub requests: (usize, usize),
    /// Response body examples found, and how many fit their type.
    pub responses: (usize, usize),
    /// The examples that do not fit, in spec order.
    pub misfits: Vec<Misfit>,
}

/// An example that does not decode into its generated type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Misfit {
    /// A request example (else a response one).
    pub request: bool,
    /// Where the example is.
    pub at: Pointer,
    /// Where in the example it fails (`$.data[0].amount`).
    pub path: String,
    /// Why, in words that group alike misfits
    /// (`the required field is missing or null`).
    pub reason: String,
    /// Whether the example is a placeholder apifox filled in from the
    /// schema (every value empty or zero), not a recorded body.
    pub placeholder: bool,
}

/// Signed webhook deliveries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Webhooks {
    /// The header deliveries are signed in.
    pub signature_header: String,
    /// The event types (the `EventType` enum of the crate's `webhook`
    /// module).
    pub events: Enum,
    /// The `EventType` enum among the API's types.
    pub event_type: TypeId,
    /// The typed objects events carry, by event family.
    pub objects: Vec<EventObject>,
    /// How far a delivery's signature time may be from now, in seconds.
    pub tolerance_seconds: u64,
    /// How deliveries are signed.
    pub signature: crate::config::SignatureScheme,
    /// Where a delivery holds the event's type and object.
    pub envelope: crate::config::Envelope,
}

/// One kind of object that webhook events carry: events whose type starts
/// with one of `prefixes` (`payment_intent.`) carry a `ty`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventObject {
    /// The variant of the `EventObject` enum.
    pub variant: String,
    /// Event type prefixes, each ending in a dot, longest first.
    pub prefixes: Vec<String>,
    pub ty: TypeId,
}

impl Api {
    /// The type behind `id`.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The module behind `id`.
    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.0]
    }
}

/// A base URL the API is served from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Server {
    /// The environment name, as a Rust identifier (`Test`, `Live`).
    pub name: String,
    pub url: String,
    pub description: Option<String>,
}

/// One way requests authenticate. All schemes of [`Api::security`] are
/// applied to every authenticated request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecurityScheme {
    /// The scheme's key in the spec.
    pub key: String,
    pub kind: SecurityKind,
    pub description: Option<String>,
}

/// How a credential is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SecurityKind {
    /// `Authorization: Basic base64(username:password)`.
    HttpBasic {
        username: Credential,
        password: Credential,
    },
    /// `Authorization: Bearer <token>`.
    HttpBearer { token: Credential },
    /// A key in a header, query parameter or cookie.
    ApiKey {
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        parameter: String,
        key: Credential,
    },
}

/// Where the value of a credential comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Credential {
    /// A field of the generated `Credentials` struct, by Rust name.
    Field(String),
    /// A value fixed by the API (WooshPay's empty Basic password).
    Fixed(String),
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// Index of a [`Module`] in [`Api::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ModuleId(pub usize);

/// A module of the generated crate: one apifox folder (or tag).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Module {
    /// The module's Rust name (`payment_intents`).
    pub name: String,
    /// The folder or tag it comes from (`API Reference/Payment Intents`).
    pub title: String,
    /// The name of the handle type whose methods are the module's
    /// operations (`PaymentIntents`).
    pub handle: String,
}

/// Index of a [`TypeDef`] in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TypeId(pub usize);

/// A named Rust type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust name, unique in the crate.
    pub name: String,
    pub module: ModuleId,
    /// The schema's description, as written in the spec.
    pub docs: Option<String>,
    /// What the type is used as (Markdown made by the generator), for
    /// types whose schema has no description.
    pub role: String,
    /// Where the type's schema is in the spec (its first use, for inline
    /// schemas).
    pub origin: Pointer,
    pub kind: TypeKind,
}

/// What a named type is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum with a catch-all for unknown values.
    Enum(Enum),
    /// One of several shapes (`oneOf`/`anyOf`), tried in order.
    Union(Union),
    /// Another name for a type (a component that is an array, a string…).
    Alias(TypeRef),
}

/// An object with known fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Keys not listed in `fields`, when the schema describes them
    /// (`additionalProperties`).
    pub additional: Option<Additional>,
}

/// The field that collects the keys a struct does not list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Additional {
    /// The Rust name of the map field.
    pub name: String,
    /// The type of the values.
    pub ty: TypeRef,
}

/// A field of a struct.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Field {
    /// The Rust name.
    pub name: String,
    /// The JSON key.
    pub wire_name: String,
    pub ty: TypeRef,
    /// Whether the key must be present. A field that is optional or whose
    /// type is [`TypeRef::Nullable`] is an `Option`.
    pub required: bool,
    pub docs: Option<String>,
    pub deprecated: bool,
    /// Whether the field's type contains its struct without indirection and
    /// must be boxed.
    pub boxed: bool,
    /// Whether the value is card or account data, or a credential, that
    /// `Debug` must not print (decided in `ir/sensitive.rs`).
    pub sensitive: bool,
    /// Whether the spec's examples show the value in the other scalar form
    /// (a number where text is declared, or numeric text for a number): it
    /// is read in either form and written as declared (`ir/evidence.rs`).
    pub drift: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn is_optional(&self) -> bool {
        !self.required || matches!(self.ty, TypeRef::Nullable(_))
    }
}

/// A string enum.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Enum {
    pub variants: Vec<Variant>,
}

/// A known value of a string enum.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Variant {
    /// The Rust name.
    pub name: String,
    /// The wire value.
    pub value: String,
    pub docs: Option<String>,
}

/// One of several shapes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
}

/// A shape of a union.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
}

/// A use of a type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TypeRef {
    Named(TypeId),
    Scalar(Scalar),
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// A value that may be `null`.
    Nullable(Box<TypeRef>),
    /// Any JSON value.
    Any,
}

impl TypeRef {
    /// The type without its `Nullable`: what a value that is not `null`
    /// holds (the `T` of an `Option<T>` field).
    pub fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner,
            other => other,
        }
    }
}

/// A primitive value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Scalar {
    String,
    /// A JSON integer, as `i64`.
    Integer,
    /// A JSON number, as `f64`.
    Float,
    /// A JSON number read and written exactly (money in major units).
    Decimal,
    Boolean,
    /// Raw bytes: a file part of a multipart body.
    Binary,
    /// A point in time, as Unix seconds, milliseconds or RFC 3339 text:
    /// the runtime's `Timestamp` (`[types] timestamps`).
    Timestamp,
}

/// An API call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operation {
    /// The method name, unique in its module (`cancel`).
    pub name: String,
    /// The prefix of the operation's own type names (`CancelPaymentIntent`).
    pub type_prefix: String,
    pub module: ModuleId,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub method: Method,
    /// The path as written in the spec (`/v1/payment_intents/{id}/cancel`).
    pub path: String,
    /// The path split into literal text and parameters.
    pub segments: Vec<PathSegment>,
    /// Path, query and header parameters the caller provides.
    pub params: Vec<Param>,
    /// The struct holding the query and header parameters, if any.
    pub params_type: Option<String>,
    pub body: Option<Body>,
    pub response: Response,
    /// Whether the operation sends credentials.
    pub authenticated: bool,
    /// Set when the operation returns one page of a cursor-paginated list.
    pub pagination: Option<Pagination>,
    /// Where the operation is in the spec.
    pub origin: Pointer,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// The method as written in HTTP.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PathSegment {
    Literal(String),
    /// A path parameter, by its index in [`Operation::params`].
    Param(usize),
}

/// A parameter of an operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Param {
    /// The Rust name.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
}

impl Param {
    /// Whether the Rust field of the parameter is an `Option`.
    pub fn is_optional(&self) -> bool {
        !self.required || matches!(self.ty, TypeRef::Nullable(_))
    }

    /// The parameter as a field of its operation's parameters struct.
    pub fn as_field(&self) -> Field {
        Field {
            name: self.name.clone(),
            wire_name: self.wire_name.clone(),
            ty: self.ty.clone(),
            required: self.required,
            docs: self.docs.clone(),
            deprecated: false,
            boxed: false,
            sensitive: false,
            drift: false,
        }
    }
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A request body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Body {
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
    pub required: bool,
    /// Example bodies from the spec that fit the type, for generated tests.
    pub examples: Vec<serde_json::Value>,
    /// Every example as the spec gives it, until the types are final.
    #[serde(skip)]
    pub recorded: Vec<Recorded>,
}

/// An example body as the spec gives it, kept until the types are final:
/// then it may correct them (`ir/evidence.rs`), and it is checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub value: serde_json::Value,
    /// Where the example is.
    pub at: Pointer,
    /// Comments beside its properties, when it was JSON text with comments.
    pub comments: Vec<FieldComment>,
}

/// How a request body is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BodyEncoding {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `text/*`.
    Text,
    /// `application/octet-stream` and other binary types.
    Binary,
    /// Documented as a JSON body on a GET (or other body-less method):
    /// sent as query parameters, nested objects as `key[sub]=value`.
    Query,
}

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Response {
    /// The status code documented for success.
    pub status: u16,
    pub kind: ResponseKind,
    /// Example responses from the spec that fit the type, for generated
    /// tests.
    pub examples: Vec<serde_json::Value>,
    /// Every example as the spec gives it, until the types are final.
    #[serde(skip)]
    pub recorded: Vec<Recorded>,
}

/// How a successful response is read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ResponseKind {
    Json(TypeRef),
    Text,
    Binary,
    Empty,
}

/// How a list operation pages: its response is a page
/// `{data: [...], has_more}` of items with an `id`, and it takes a
/// `starting_after` cursor (the id of the last item seen). Detected from
/// the shape of the spec, not from operation names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pagination {
    /// The name of the method that streams every item (`list_stream`).
    pub stream_method: String,
    /// The page type (the success response).
    pub page: TypeId,
    /// The item type.
    pub item: TypeId,
    /// The Rust name of the page's `data` field.
    pub data_field: String,
    /// The Rust name of the page's `has_more` field.
    pub has_more_field: String,
    /// The Rust name of the item's `id` field.
    pub id_field: String,
    /// The Rust name of the `starting_after` field of the request.
    pub cursor_field: String,
    /// Whether the cursor is a field of the (query-encoded) body rather than
    /// of the parameters struct.
    pub cursor_in_body: bool,
}

#[cfg(test)]
pub(crate) mod tests;
