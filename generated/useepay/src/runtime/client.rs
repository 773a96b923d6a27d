// @generated: a copy of generator/runtime/src/client.rs, made by `cargo xtask codegen`. Edit it there.

//! The HTTP client every generated operation sends through.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;
use tracing::{Instrument, field};

use super::auth::Auth;
use super::error::{ApiError, DecodeError, Error};
use super::request::{Body, Part, Request};
use super::retry::{self, RetryPolicy};

/// The header that makes a repeated request count once.
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

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

/// Per-call settings, set on an operation group's handle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(super) idempotency_key: IdempotencyKey,
    pub(super) timeout: Option<Duration>,
    pub(super) max_retries: Option<u32>,
}

/// Which `Idempotency-Key` a call sends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) enum IdempotencyKey {
    /// A fresh key per call for methods that need one (`POST`, `PATCH`).
    #[default]
    Generated,
    /// This key, on every call and every method.
    Given(String),
    /// None: such calls are then never retried.
    Disabled,
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
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = IdempotencyKey::Given(key.into());
        self
    }

    /// Sends no `Idempotency-Key`. A `POST` or `PATCH` without one is never
    /// retried, since the server could not tell a retry from a new request.
    pub fn without_idempotency_key(mut self) -> Self {
        self.idempotency_key = IdempotencyKey::Disabled;
        self
    }

    /// The time allowed for each attempt of the call, instead of the
    /// client's [`ClientBuilder::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// At most `retries` attempts after the first, instead of the client's
    /// [`ClientBuilder::max_retries`] (`0` turns retries off for the call).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
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
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(SDK_USER_AGENT)
                .build()
                .map_err(Error::from_transport)?,
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
struct Success {
    status: StatusCode,
    body: Bytes,
}

impl ApiClient {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends `request` and reads the response body as JSON.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<T, Error> {
        let success = self.execute(request, options).await?;
        serde_json::from_slice(&success.body).map_err(|_| {
            Error::Decode(Box::new(DecodeError::new::<T>(
                success.status,
                &success.body,
            )))
        })
    }

    /// Sends `request` and returns the response body as text.
    pub async fn send_text(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<String, Error> {
        let success = self.execute(request, options).await?;
        Ok(String::from_utf8_lossy(&success.body).into_owned())
    }

    /// Sends `request` and returns the response body as bytes.
    pub async fn send_bytes(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<Bytes, Error> {
        Ok(self.execute(request, options).await?.body)
    }

    /// Sends `request` and ignores the response body.
    pub async fn send_empty(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<(), Error> {
        self.execute(request, options).await.map(|_| ())
    }

    /// Sends `request`, retrying transient failures when that is safe (see
    /// [`RetryPolicy`]), within one tracing span per call and one per
    /// attempt. The spans carry the method, the path without its query
    /// string, the attempt number and the status: never headers, query
    /// values or bodies, which may hold credentials.
    async fn execute(&self, request: Request, options: &RequestOptions) -> Result<Success, Error> {
        if let Some(error) = request.invalid {
            return Err(error);
        }
        let path = request.path.split(['?', '#']).next().unwrap_or_default();
        let span = tracing::info_span!(
            "api_request",
            method = %request.method,
            path,
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
            IdempotencyKey::Given(key) => Some(key.clone()),
            IdempotencyKey::Generated
                if self.inner.idempotency_keys && retry::needs_idempotency_key(&request.method) =>
            {
                Some(uuid::Uuid::new_v4().to_string())
            }
            IdempotencyKey::Generated | IdempotencyKey::Disabled => None,
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
        let response = self
            .build(request, options, idempotency_key)?
            .send()
            .await
            .map_err(Error::from_transport)?;
        let status = response.status();
        let request_id = request_id(response.headers());
        let retry_after = retry_after(response.headers());
        let body = response.bytes().await.map_err(Error::from_transport)?;
        if status.is_success() {
            Ok(Success { status, body })
        } else {
            Err(Error::Api(Box::new(ApiError::new(
                status,
                String::from_utf8_lossy(&body).into_owned(),
                request_id,
                retry_after,
            ))))
        }
    }

    fn build(
        &self,
        request: &Request,
        options: &RequestOptions,
        idempotency_key: Option<&str>,
    ) -> Result<reqwest::RequestBuilder, Error> {
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
            Body::Multipart(parts) => builder.multipart(multipart_form(parts)?),
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
        Ok(builder)
    }
}

fn multipart_form(parts: &[Part]) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(name.clone(), value.clone()),
            Part::File { name, file } => {
                let mut body = reqwest::multipart::Part::bytes(file.bytes.clone());
                if let Some(file_name) = &file.file_name {
                    body = body.file_name(file_name.clone());
                }
                let content_type = file
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                body = body.mime_str(content_type).map_err(|_| {
                    Error::InvalidRequest(format!("`{content_type}` is not a media type"))
                })?;
                form.part(name.clone(), body)
            }
        };
    }
    Ok(form)
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    ["request-id", "x-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by payment APIs
/// and is ignored).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
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

