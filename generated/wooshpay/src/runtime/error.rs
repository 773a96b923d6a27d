// @generated: a copy of generator/runtime/src/error.rs, made by `cargo xtask codegen`. Edit it there.

//! What can go wrong with a call.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use serde::Deserialize;

/// The error of an API call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or its response not read: DNS,
    /// connection, TLS, or a connection reset mid-response.
    Transport(reqwest::Error),
    /// No complete response within the configured timeout.
    Timeout,
    /// The API answered with an error status.
    Api(Box<ApiError>),
    /// A success response whose body does not have the expected shape.
    Decode(Box<DecodeError>),
    /// The request could not be built (a body that does not serialize, a
    /// header value that is not valid).
    InvalidRequest(String),
}

impl Error {
    /// The HTTP status of an API or decode error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// The error response, when the API answered with an error status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }

    /// Whether no complete response arrived in time. For a `POST` without
    /// an idempotency key the server may or may not have acted on it.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout)
    }

    /// Turns a transport error into [`Error::Timeout`] or
    /// [`Error::Transport`], dropping the URL (which may carry an API key
    /// sent as a query parameter).
    pub(super) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else {
            Self::Transport(error.without_url())
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "the request failed: {error}"),
            Self::Timeout => f.write_str("the request timed out"),
            Self::Api(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
            Self::InvalidRequest(message) => write!(f, "invalid request: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// An error response from the API.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    raw: String,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

impl ApiError {
    pub(super) fn new(
        status: StatusCode,
        raw: String,
        request_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> Self {
        Self {
            status,
            body: ErrorBody::parse(&raw),
            raw,
            request_id,
            retry_after,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error body, parsed when it has a known shape.
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }

    /// The fields of the error body, when it had a known shape.
    pub fn details(&self) -> Option<&ErrorDetails> {
        self.body.details()
    }

    /// The error's category (`card_error`…), when the body names one.
    pub fn kind(&self) -> Option<&ErrorKind> {
        self.details().and_then(|details| details.kind.as_ref())
    }

    /// The machine-readable error code, when the body has one.
    pub fn code(&self) -> Option<&str> {
        self.details().and_then(|details| details.code.as_deref())
    }

    /// The human-readable message, when the body has one.
    pub fn message(&self) -> Option<&str> {
        self.details()
            .and_then(|details| details.message.as_deref())
    }

    /// The error body exactly as received.
    pub fn raw_body(&self) -> &str {
        &self.raw
    }

    /// The request id the server sent back (`Request-Id`, `X-Request-Id`),
    /// to quote to the provider's support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How long the server asked to wait before retrying (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Whether the server reports a conflict with an earlier request that
    /// used the same idempotency key (`409`, or an `idempotency_error`).
    pub fn is_idempotency_conflict(&self) -> bool {
        self.status == StatusCode::CONFLICT
            || matches!(
                self.body.details().and_then(|d| d.kind.as_ref()),
                Some(ErrorKind::IdempotencyError)
            )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        if let Some(details) = self.body.details() {
            for part in [
                details.kind.as_ref().map(ErrorKind::as_str),
                details.code.as_deref(),
                details.message.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                write!(f, ": {part}")?;
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request {id})")?;
        }
        Ok(())
    }
}

/// The body of an error response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorBody {
    /// `{"error": {"type": …, "code": …, "message": …}}`, as WooshPay (and
    /// Stripe) send.
    Nested(ErrorDetails),
    /// `{"code": …, "message": …, "source": …}`, as UseePay sends.
    Flat(ErrorDetails),
    /// A body of another shape, or not JSON; [`ApiError::raw_body`] has it.
    Unknown,
}

impl ErrorBody {
    /// Reads an error body; shapes it does not know are [`ErrorBody::Unknown`].
    pub fn parse(raw: &str) -> Self {
        #[derive(Deserialize)]
        struct Nested {
            error: ErrorDetails,
        }
        // Not a let chain: this code ships in crates that build on 1.85.
        match serde_json::from_str::<Nested>(raw) {
            Ok(Nested { error }) if !error.is_empty() => return Self::Nested(error),
            _ => {}
        }
        match serde_json::from_str::<ErrorDetails>(raw) {
            Ok(details) if details.code.is_some() || details.message.is_some() => {
                Self::Flat(details)
            }
            _ => Self::Unknown,
        }
    }

    /// The details, when the body had a known shape.
    pub fn details(&self) -> Option<&ErrorDetails> {
        match self {
            Self::Nested(details) | Self::Flat(details) => Some(details),
            Self::Unknown => None,
        }
    }
}

/// The fields an error body may carry. Each is absent when the body does not
/// have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// The category (`card_error`…), from `type`.
    #[serde(rename = "type", default, deserialize_with = "kind")]
    pub kind: Option<ErrorKind>,
    /// A machine-readable code.
    #[serde(default, deserialize_with = "text")]
    pub code: Option<String>,
    /// A human-readable message.
    #[serde(default, deserialize_with = "text")]
    pub message: Option<String>,
    /// For card errors, the issuer's reason for declining.
    #[serde(default, deserialize_with = "text")]
    pub decline_code: Option<String>,
    /// The request parameter the error is about.
    #[serde(default, deserialize_with = "text")]
    pub param: Option<String>,
    /// The request parameter the error is about, as UseePay names it.
    #[serde(default, deserialize_with = "text")]
    pub source: Option<String>,
    /// A link to documentation about the error.
    #[serde(default, deserialize_with = "text")]
    pub doc_url: Option<String>,
}

impl ErrorDetails {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Reads a string, or any other scalar as its JSON text (codes are sometimes
/// numbers).
fn text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => Some(text),
            Some(other) => Some(other.to_string()),
        },
    )
}

/// Reads a category from any scalar, so that an odd `type` does not make the
/// whole body unreadable.
fn kind<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<ErrorKind>, D::Error> {
    Ok(text(deserializer)?.map(ErrorKind::from))
}

/// The category of an error, from the body's `type`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A problem on the provider's side.
    ApiError,
    /// The card cannot be charged.
    CardError,
    /// An idempotency key was reused with different parameters.
    IdempotencyError,
    /// The request had invalid parameters.
    InvalidRequestError,
    /// A category this version of the SDK does not know.
    Other(String),
}

impl ErrorKind {
    /// The category as sent by the API.
    pub fn as_str(&self) -> &str {
        match self {
            Self::ApiError => "api_error",
            Self::CardError => "card_error",
            Self::IdempotencyError => "idempotency_error",
            Self::InvalidRequestError => "invalid_request_error",
            Self::Other(other) => other,
        }
    }
}

impl From<String> for ErrorKind {
    fn from(kind: String) -> Self {
        match kind.as_str() {
            "api_error" => Self::ApiError,
            "card_error" => Self::CardError,
            "idempotency_error" => Self::IdempotencyError,
            "invalid_request_error" => Self::InvalidRequestError,
            _ => Self::Other(kind),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

/// A success response that could not be read as the expected type.
///
/// Its `Debug` shows the body's length, not the body: a response that failed
/// to decode may still hold card data or secrets, and errors end up in logs.
/// [`DecodeError::body`] has it for code that knows what it is printing.
#[derive(Clone)]
pub struct DecodeError {
    status: StatusCode,
    path: String,
    message: String,
    body: String,
}

impl DecodeError {
    /// Locates the first problem of `body` for the type `T`.
    pub(super) fn new<T: serde::de::DeserializeOwned>(status: StatusCode, body: &[u8]) -> Self {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => (error.path().to_string(), error.inner().to_string()),
            Ok(_) => (".".to_owned(), "the body was not complete JSON".to_owned()),
        };
        Self {
            status,
            path,
            message,
            body: String::from_utf8_lossy(body).into_owned(),
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Where in the body decoding failed, as a path like
    /// `data[0].payment_method_options.card`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The body exactly as received.
    pub fn body(&self) -> &str {
        &self.body
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("path", &self.path)
            .field("message", &self.message)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response ({}) did not decode at `{}`: {}",
            self.status, self.path, self.message
        )
    }
}

