// @generated: a copy of generator/runtime/src/options.rs, made by `cargo xtask codegen`. Edit it there.

//! [`RequestOptions`]: the settings of one call, or of a handle's calls.

use std::fmt;
use std::time::Duration;

/// The header that makes a repeated request count once.
pub(super) const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Per-call settings: an idempotency key, extra headers, a timeout, a
/// retry count.
///
/// Give them to one call (`Call::options`, or the builder methods of
/// [`Call`](super::Call) itself), or to an operation group's handle, whose options every
/// call made through it starts from. Options combine with
/// [`RequestOptions::merge`]: a setting made in the newer options wins, one
/// left unset keeps the earlier value.
///
/// `Debug` shows which settings are made, never header values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// `None`: the client's default (a fresh key per `POST` or `PATCH`).
    pub(super) idempotency_key: Option<IdempotencyKey>,
    pub(super) timeout: Option<Duration>,
    pub(super) max_retries: Option<u32>,
    /// Extra headers, at most one per name (compared case-insensitively),
    /// never `Idempotency-Key`.
    pub(super) headers: Vec<(String, String)>,
}

/// Which `Idempotency-Key` a call sends, when the caller chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum IdempotencyKey {
    /// This key, on every attempt, whatever the method.
    Given(String),
    /// None: `POST` and `PATCH` calls are then never retried.
    Disabled,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = match &self.idempotency_key {
            None => "default",
            Some(IdempotencyKey::Given(_)) => "given",
            Some(IdempotencyKey::Disabled) => "disabled",
        };
        let headers: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("idempotency_key", &key)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &headers)
            .finish()
    }
}

impl RequestOptions {
    /// No per-call settings: the client's defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `Idempotency-Key` to send, on every attempt of the call. Without
    /// one, the client makes a fresh key (a UUID v4) for each `POST` or
    /// `PATCH` call; pass your own to make a call you repeat later (after a
    /// crash, say) count only once.
    ///
    /// A key identifies one operation: give each call its own (set it on
    /// the call, not on a handle shared by several calls), or the API
    /// answers the second call with a conflict.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(IdempotencyKey::Given(key.into()));
        self
    }

    /// Sends no `Idempotency-Key`. A `POST` or `PATCH` without one is never
    /// retried, since the server could not tell a retry from a new request.
    pub fn without_idempotency_key(mut self) -> Self {
        self.idempotency_key = Some(IdempotencyKey::Disabled);
        self
    }

    /// The time allowed for each attempt of the call, instead of the
    /// client's [`ClientBuilder::timeout`](super::ClientBuilder::timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// At most `retries` attempts after the first, instead of the client's
    /// [`ClientBuilder::max_retries`](super::ClientBuilder::max_retries) (`0` turns retries off for the call).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Sends the header `name: value` with the call, replacing a value set
    /// earlier for the same name (names compare case-insensitively) and any
    /// header of that name the operation or the client would send.
    ///
    /// `Idempotency-Key` is the call's key, as with
    /// [`Self::idempotency_key`]. A header that carries the client's
    /// credentials (`Authorization`, an API key header, `Cookie` when a key
    /// travels in a cookie) cannot be set: sending such a call fails with
    /// [`Error::InvalidRequest`](super::Error::InvalidRequest) and sends nothing. A name or value that is
    /// not valid in HTTP fails the same way.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let value = value.into();
        if name.eq_ignore_ascii_case(IDEMPOTENCY_KEY) {
            return self.idempotency_key(value);
        }
        self.headers
            .retain(|(existing, _)| !existing.eq_ignore_ascii_case(&name));
        self.headers.push((name, value));
        self
    }

    /// These options updated with `newer`: each setting made in `newer`
    /// (idempotency key or its absence, timeout, retry count) replaces this
    /// one's; settings `newer` leaves unset keep their value here. Headers
    /// are combined, a header of `newer` replacing one of the same name.
    pub fn merge(mut self, newer: RequestOptions) -> RequestOptions {
        let RequestOptions {
            idempotency_key,
            timeout,
            max_retries,
            headers,
        } = newer;
        if idempotency_key.is_some() {
            self.idempotency_key = idempotency_key;
        }
        self.timeout = timeout.or(self.timeout);
        self.max_retries = max_retries.or(self.max_retries);
        for (name, value) in headers {
            self = self.header(name, value);
        }
        self
    }
}
