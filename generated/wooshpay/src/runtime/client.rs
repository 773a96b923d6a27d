// @generated: a copy of generator/runtime/src/client.rs, made by `cargo xtask codegen`. Edit it there.

//! The HTTP client every generated operation sends through.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;

use super::auth::Auth;
use super::error::{ApiError, DecodeError, Error};
use super::request::{Body, Part, Request};

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
    pub(super) idempotency_key: Option<String>,
    pub(super) timeout: Option<Duration>,
}

impl RequestOptions {
    /// No per-call settings: the client's defaults apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `Idempotency-Key` to send. Without one, the client makes a fresh
    /// key for each call that needs one.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The time allowed for the whole call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
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
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
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

    /// The time allowed for each call (60 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time allowed to open a connection (10 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
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
            }),
        }))
    }
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: Auth,
    timeout: Duration,
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
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .field("timeout", &self.inner.timeout)
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

    async fn execute(&self, request: Request, options: &RequestOptions) -> Result<Success, Error> {
        if let Some(error) = request.invalid {
            return Err(error);
        }
        let response = self
            .build(&request, options)?
            .send()
            .await
            .map_err(Error::from_transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::from_transport)?;
        if status.is_success() {
            Ok(Success { status, body })
        } else {
            Err(Error::Api(Box::new(ApiError::new(
                status,
                String::from_utf8_lossy(&body).into_owned(),
                request_id(&headers),
                retry_after(&headers),
            ))))
        }
    }

    fn build(
        &self,
        request: &Request,
        options: &RequestOptions,
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
        if let Some(key) = &options.idempotency_key {
            builder = builder.header("Idempotency-Key", key.as_str());
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
