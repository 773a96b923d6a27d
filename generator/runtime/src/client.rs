//! The HTTP client every generated operation sends through.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::{Instrument, field};

use super::auth::Auth;
use super::call::{Call, RawRequest};
use super::error::{ApiError, DecodeError, Error};
use super::options::{IDEMPOTENCY_KEY, IdempotencyKey, RequestOptions};
use super::request::{Body, Request};
use super::retry::{self, RetryPolicy};

/// The `User-Agent` of every request: the SDK crate's name and version.
pub const SDK_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Anything that names a base URL: a string, or an SDK's `Environment`.
pub trait IntoBaseUrl {
    /// The base URL, without a trailing slash.
    fn into_base_url(self) -> String;
}

impl IntoBaseUrl for &str {
    fn into_base_url(self) -> String {
        self.trim_end_matches('/').to_owned()
    }
}

impl IntoBaseUrl for String {
    fn into_base_url(self) -> String {
        self.as_str().into_base_url()
    }
}

/// Configures and builds a client. `C` is the SDK's client type.
#[must_use]
pub struct ClientBuilder<C> {
    base_url: String,
    auth: Auth,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    idempotency_keys: bool,
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &redact_url(&self.base_url))
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("idempotency_keys", &self.idempotency_keys)
            .finish_non_exhaustive()
    }
}

impl<C: From<ApiClient>> ClientBuilder<C> {
    /// A builder for a client of the API at `base_url` with `auth`.
    pub fn new(base_url: impl IntoBaseUrl, auth: Auth) -> Self {
        Self {
            base_url: base_url.into_base_url(),
            auth,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::new(),
            idempotency_keys: true,
            http: None,
            client: PhantomData,
        }
    }

    /// Sends requests to `base_url` (an `Environment`, or any URL such as a
    /// local mock server).
    pub fn base_url(mut self, base_url: impl IntoBaseUrl) -> Self {
        self.base_url = base_url.into_base_url();
        self
    }

    /// The time allowed for each attempt of a call, from connecting until
    /// the whole response body has arrived (60 s by default). When it runs
    /// out the attempt fails with [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time allowed to open a connection (10 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whether the API honours `Idempotency-Key` (on by default). When it
    /// does, every POST and PATCH call carries a fresh key, reused by its
    /// retries, so a retried call cannot run twice. When it does not, no key
    /// is generated and such calls are not retried unless the caller gives a
    /// key ([`RequestOptions::idempotency_key`]).
    pub fn idempotency_keys(mut self, honoured: bool) -> Self {
        self.idempotency_keys = honoured;
        self
    }

    /// How calls are retried (see [`RetryPolicy`]; by default up to 2
    /// retries within 30 s).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// At most `retries` attempts after the first (2 by default; `0` turns
    /// retries off).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry = self.retry.max_retries(retries);
        self
    }

    /// The time from the start of a call within which retries must end (30 s
    /// by default); see [`RetryPolicy::budget`].
    pub fn retry_budget(mut self, budget: Duration) -> Self {
        self.retry = self.retry.budget(budget);
        self
    }

    /// The wait before the first retry, doubling for each further one
    /// (500 ms by default).
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry = self.retry.base_delay(delay);
        self
    }

    /// The longest computed wait between attempts (5 s by default).
    pub fn retry_max_delay(mut self, delay: Duration) -> Self {
        self.retry = self.retry.max_delay(delay);
        self
    }

    /// Sends through an HTTP client of your own (proxies, custom TLS). Its
    /// own timeouts apply instead of [`Self::connect_timeout`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, Error> {
        let http = match self.http {
            Some(http) => http,
            None => {
                #[cfg(feature = "rustls-ring")]
                install_ring_provider();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .user_agent(SDK_USER_AGENT)
                    .build()
                    .map_err(Error::from_transport)?
            }
        };
        Ok(C::from(ApiClient {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url,
                auth: self.auth,
                timeout: self.timeout,
                retry: self.retry,
                idempotency_keys: self.idempotency_keys,
            }),
        }))
    }
}

/// With the `rustls-ring` TLS feature, reqwest needs a process-wide rustls
/// crypto provider: ring's is installed unless the application installed
/// one already (which is then kept).
#[cfg(feature = "rustls-ring")]
fn install_ring_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one first; either provider will do.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Auth,
    timeout: Duration,
    retry: RetryPolicy,
    /// Whether the API honours `Idempotency-Key`.
    idempotency_keys: bool,
}

/// A configured connection to one API. Cloning is cheap: clones share the
/// connection pool.
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<Inner>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base_url", &redact_url(&self.inner.base_url))
            .field("auth", &self.inner.auth)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A response that arrived with a success status.
pub(super) struct Success {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
}

impl ApiClient {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A request to an endpoint the SDK has no method for: `path` is
    /// relative to the base URL (`/v1/new_endpoint`; a missing leading `/`
    /// is added). It is sent like every generated call: with the client's
    /// credentials, retries, idempotency keys and errors. See
    /// [`RawRequest`] for what can be added, and the [module docs](super)
    /// for an example.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RawRequest<'_> {
        let mut path = path.into();
        if !path.is_empty() && !path.starts_with(['/', '?']) {
            path.insert(0, '/');
        }
        RawRequest::new(self, Request::new(method, path))
    }

    /// Sends `request` and reads the response body as JSON (the same as
    /// awaiting [`Call::json`]).
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<T, Error> {
        Call::<T>::json(self, request, options).send().await
    }

    /// Sends `request` and returns the response body as text (the same as
    /// awaiting [`Call::text`]).
    pub async fn send_text(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<String, Error> {
        Call::text(self, request, options).send().await
    }

    /// Sends `request` and returns the response body as bytes (the same as
    /// awaiting [`Call::bytes`]).
    pub async fn send_bytes(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<Bytes, Error> {
        Call::bytes(self, request, options).send().await
    }

    /// Sends `request` and ignores the response body (the same as awaiting
    /// [`Call::empty`]).
    pub async fn send_empty(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<(), Error> {
        Call::empty(self, request, options).send().await
    }

    /// Sends `request`, retrying transient failures when that is safe (see
    /// [`RetryPolicy`]), within one tracing span per call and one per
    /// attempt. The spans carry the method, the path without its query
    /// string, the attempt number and the status: never headers, query
    /// values or bodies, which may hold credentials.
    pub(super) async fn execute(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<Success, Error> {
        if let Some(error) = request.invalid {
            return Err(error);
        }
        let span = tracing::info_span!(
            "api_request",
            method = %request.method,
            path = bare_path(&request.path),
            status = field::Empty,
            attempts = field::Empty,
        );
        self.execute_with_retries(&request, options, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute_with_retries(
        &self,
        request: &Request,
        options: &RequestOptions,
        call: &tracing::Span,
    ) -> Result<Success, Error> {
        // One key for the whole call, so the server sees every attempt as the
        // same request. A key among the operation's own header parameters
        // takes precedence and is sent as is.
        let key_in_request = request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(IDEMPOTENCY_KEY));
        let key = match &options.idempotency_key {
            _ if key_in_request => None,
            Some(IdempotencyKey::Given(key)) => Some(key.clone()),
            None if self.inner.idempotency_keys
                && retry::needs_idempotency_key(&request.method) =>
            {
                Some(uuid::Uuid::new_v4().to_string())
            }
            None | Some(IdempotencyKey::Disabled) => None,
        };
        let may_retry =
            !retry::needs_idempotency_key(&request.method) || key_in_request || key.is_some();
        let mut policy = self.inner.retry.clone();
        if let Some(retries) = options.max_retries {
            policy = policy.max_retries(retries);
        }
        let started = Instant::now();
        let mut attempt: u32 = 1;
        loop {
            let span = tracing::debug_span!("attempt", attempt, status = field::Empty);
            let result = self
                .attempt(request, options, key.as_deref())
                .instrument(span.clone())
                .await;
            call.record("attempts", attempt);
            if let Some(status) = result
                .as_ref()
                .map_or_else(Error::status, |s| Some(s.status))
            {
                span.record("status", status.as_u16());
                call.record("status", status.as_u16());
            }
            let error = match result {
                Ok(success) => return Ok(success),
                Err(error) => error,
            };
            let Some((reason, server_delay)) = retry::transient(&error).filter(|_| may_retry)
            else {
                return Err(error);
            };
            let Some(delay) = policy.next_delay(
                attempt - 1,
                started.elapsed(),
                server_delay,
                retry::random(),
            ) else {
                return Err(error);
            };
            tracing::warn!(
                attempt,
                reason,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying the request"
            );
            tokio::time::sleep(delay).await;
            attempt = attempt.saturating_add(1);
        }
    }

    /// One attempt: sends the request and reads the whole response.
    async fn attempt(
        &self,
        request: &Request,
        options: &RequestOptions,
        idempotency_key: Option<&str>,
    ) -> Result<Success, Error> {
        let request = self.build(request, options, idempotency_key)?;
        let response = self
            .inner
            .http
            .execute(request)
            .await
            .map_err(Error::from_transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::from_transport)?;
        if status.is_success() {
            Ok(Success {
                status,
                headers,
                body,
            })
        } else {
            Err(Error::Api(Box::new(ApiError::new(
                status,
                String::from_utf8_lossy(&body).into_owned(),
                request_id(&headers),
                retry::retry_after(&headers),
            ))))
        }
    }

    fn build(
        &self,
        request: &Request,
        options: &RequestOptions,
        idempotency_key: Option<&str>,
    ) -> Result<reqwest::Request, Error> {
        // The extra headers, checked before anything is sent.
        let mut extra = Vec::with_capacity(options.headers.len());
        for (name, value) in &options.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::InvalidRequest(format!("`{name}` is not a valid header name"))
            })?;
            if request.authenticated && self.inner.auth.uses_header(&name) {
                return Err(Error::InvalidRequest(format!(
                    "the header `{name}` carries the client's credentials and cannot be set per call"
                )));
            }
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidRequest(format!("the value of the header `{name}` is not valid"))
            })?;
            // It may be a credential of its own: keep it out of HTTP logs.
            value.set_sensitive(true);
            extra.push((name, value));
        }
        let url = format!("{}{}", self.inner.base_url, request.path);
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url)
            .timeout(options.timeout.unwrap_or(self.inner.timeout))
            .header(USER_AGENT, SDK_USER_AGENT)
            .header(reqwest::header::ACCEPT, "application/json");
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(key) = idempotency_key {
            builder = builder.header(IDEMPOTENCY_KEY, key);
        }
        builder = match &request.body {
            Body::Empty => builder,
            Body::Json(bytes) => builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(bytes.clone()),
            Body::Form(pairs) => builder.form(pairs),
            #[cfg(feature = "multipart")]
            Body::Multipart(parts) => builder.multipart(super::multipart::form(parts)?),
            Body::Text(text) => builder
                .header(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                )
                .body(text.clone()),
            Body::Bytes(bytes) => builder
                .header(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/octet-stream"),
                )
                .body(bytes.clone()),
        };
        if request.authenticated {
            builder = self.inner.auth.apply(builder)?;
        }
        let mut built = builder.build().map_err(Error::from_transport)?;
        for (name, value) in extra {
            built.headers_mut().insert(name, value);
        }
        Ok(built)
    }
}

/// Reads a success body into the type a call returns.
pub(super) type Decoder<T> = fn(StatusCode, Bytes) -> Result<T, Error>;

pub(super) fn decode_json<T: DeserializeOwned>(
    status: StatusCode,
    body: Bytes,
) -> Result<T, Error> {
    match serde_json::from_slice(&body) {
        Ok(value) => Ok(value),
        // An empty body reads as `null`, for types that accept it (`()`,
        // `Option`, `serde_json::Value`).
        Err(_) if body.trim_ascii().is_empty() => serde_json::from_slice(b"null")
            .map_err(|_| Error::Decode(Box::new(DecodeError::new::<T>(status, &body)))),
        Err(_) => Err(Error::Decode(Box::new(DecodeError::new::<T>(
            status, &body,
        )))),
    }
}

pub(super) fn decode_text(_: StatusCode, body: Bytes) -> Result<String, Error> {
    Ok(String::from_utf8_lossy(&body).into_owned())
}

pub(super) fn decode_bytes(_: StatusCode, body: Bytes) -> Result<Bytes, Error> {
    Ok(body)
}

pub(super) fn decode_empty(_: StatusCode, _: Bytes) -> Result<(), Error> {
    Ok(())
}

/// A path without its query string or fragment, for logs.
pub(super) fn bare_path(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or_default()
}

pub(super) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["request-id", "x-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// A base URL for `Debug`: without user name, password, query or fragment,
/// which could hold credentials.
fn redact_url(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    let authority_start = url.find("://").map_or(0, |index| index + 3);
    let authority_end = url[authority_start..]
        .find('/')
        .map_or(url.len(), |index| authority_start + index);
    match url[authority_start..authority_end].rfind('@') {
        Some(at) => format!(
            "{}***@{}",
            &url[..authority_start],
            &url[authority_start + at + 1..]
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_urls_lose_credentials() {
        assert_eq!(
            redact_url("https://api.example.com/v1"),
            "https://api.example.com/v1"
        );
        assert_eq!(
            redact_url("https://user:pa@ss@api.example.com/v1?key=k#f"),
            "https://***@api.example.com/v1"
        );
        assert_eq!(redact_url("user:pw@host/x@y"), "***@host/x@y");
        assert_eq!(redact_url(""), "");
        assert_eq!(redact_url("?"), "");
    }
}
