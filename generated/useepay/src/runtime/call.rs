// @generated: a copy of generator/runtime/src/call.rs, made by `cargo xtask codegen`. Edit it there.

//! Calls: what a generated operation returns ([`Call`]), a call to any
//! path of the API ([`RawRequest`]), and a response with its status,
//! headers and request id ([`Response`]).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::{
    ApiClient, Decoder, Success, bare_path, decode_bytes, decode_empty, decode_json, decode_text,
    request_id,
};
use super::error::Error;
use super::options::RequestOptions;
use super::request::Request;

/// A call ready to be sent: what a generated operation returns.
///
/// Await it to send it and get the response body as `T`:
/// `client.refunds().create(&params).await?`. Before that, the builder
/// methods set options for this call only, on top of those of the handle
/// it came from: `client.refunds().create(&params).idempotency_key("order-42").await?`.
/// [`Call::send_with_response`] also gives the status, headers and request
/// id of the response.
///
/// Nothing is sent until the call is awaited. `Debug` shows the method and
/// the path, never headers or the body.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'c, T> {
    client: &'c ApiClient,
    request: Request,
    options: RequestOptions,
    decode: Decoder<T>,
}

impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.request.method)
            .field("path", &bare_path(&self.request.path))
            .finish_non_exhaustive()
    }
}

impl<'c, T: DeserializeOwned> Call<'c, T> {
    /// A call whose response body is read as JSON into `T` (an empty body
    /// as `null`).
    pub fn json(client: &'c ApiClient, request: Request, options: &RequestOptions) -> Self {
        Self::with_decoder(client, request, options, decode_json::<T>)
    }
}

impl<'c> Call<'c, String> {
    /// A call whose response body is returned as text (invalid UTF-8
    /// replaced).
    pub fn text(client: &'c ApiClient, request: Request, options: &RequestOptions) -> Self {
        Self::with_decoder(client, request, options, decode_text)
    }
}

impl<'c> Call<'c, Bytes> {
    /// A call whose response body is returned as bytes.
    pub fn bytes(client: &'c ApiClient, request: Request, options: &RequestOptions) -> Self {
        Self::with_decoder(client, request, options, decode_bytes)
    }
}

impl<'c> Call<'c, ()> {
    /// A call whose response body is ignored.
    pub fn empty(client: &'c ApiClient, request: Request, options: &RequestOptions) -> Self {
        Self::with_decoder(client, request, options, decode_empty)
    }
}

impl<'c, T> Call<'c, T> {
    fn with_decoder(
        client: &'c ApiClient,
        request: Request,
        options: &RequestOptions,
        decode: Decoder<T>,
    ) -> Self {
        Self {
            client,
            request,
            options: options.clone(),
            decode,
        }
    }

    /// Sends `key` as this call's `Idempotency-Key` (see
    /// [`RequestOptions::idempotency_key`]).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options = self.options.idempotency_key(key);
        self
    }

    /// Sends no `Idempotency-Key` with this call (see
    /// [`RequestOptions::without_idempotency_key`]).
    pub fn without_idempotency_key(mut self) -> Self {
        self.options = self.options.without_idempotency_key();
        self
    }

    /// Sends the header `name: value` with this call (see
    /// [`RequestOptions::header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// The time allowed for each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.timeout(timeout);
        self
    }

    /// At most `retries` attempts after the first for this call.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options = self.options.max_retries(retries);
        self
    }

    /// Applies `options` to this call, on top of those already set (see
    /// [`RequestOptions::merge`]).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = self.options.merge(options);
        self
    }

    /// Sends the call and returns the response body (what awaiting the
    /// call does).
    pub async fn send(self) -> Result<T, Error> {
        self.send_with_response()
            .await
            .map(|response| response.data)
    }

    /// Sends the call and returns the response body with the response's
    /// status, headers and request id.
    pub async fn send_with_response(self) -> Result<Response<T>, Error> {
        let Self {
            client,
            request,
            options,
            decode,
        } = self;
        let Success {
            status,
            headers,
            body,
        } = client.execute(request, &options).await?;
        let data = decode(status, body)?;
        Ok(Response {
            data,
            status,
            request_id: request_id(&headers),
            headers,
        })
    }
}

impl<'c, T: Send + 'c> IntoFuture for Call<'c, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A successful response: the body read as `T`, and what else the server
/// sent with it. From [`Call::send_with_response`].
///
/// `Debug` shows header names, not their values.
#[derive(Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The response body.
    pub data: T,
    /// The HTTP status (a success status).
    pub status: StatusCode,
    /// The request id the server sent back (`Request-Id` or
    /// `X-Request-Id`), to quote to the provider's support.
    pub request_id: Option<String>,
    /// All the response headers.
    pub headers: HeaderMap,
}

impl<T> Response<T> {
    /// The response body.
    pub fn into_data(self) -> T {
        self.data
    }

    /// The response with its body turned into another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            data: f(self.data),
            status: self.status,
            request_id: self.request_id,
            headers: self.headers,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Response")
            .field("data", &self.data)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &names)
            .finish()
    }
}

/// A request to an endpoint the SDK has no method for, from
/// [`ApiClient::request`]: it goes through the same credentials, retries,
/// idempotency keys and errors as the generated calls.
///
/// Await it for the response body as JSON ([`serde_json::Value`]), or call
/// [`RawRequest::send`] for a type of your own. `Debug` shows the method and
/// the path, never headers or the body.
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest<'c> {
    client: &'c ApiClient,
    request: Request,
    options: RequestOptions,
}

impl<'c> RawRequest<'c> {
    /// A request with no options yet, sent through `client`.
    pub(super) fn new(client: &'c ApiClient, request: Request) -> Self {
        Self {
            client,
            request,
            options: RequestOptions::new(),
        }
    }
}

impl fmt::Debug for RawRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest")
            .field("method", &self.request.method)
            .field("path", &bare_path(&self.request.path))
            .finish_non_exhaustive()
    }
}

impl<'c> RawRequest<'c> {
    /// Adds every field of `params` (a struct or a JSON object) as query
    /// parameters: `None` fields are left out, lists repeat the name,
    /// objects nest in brackets (`created[gt]=1`).
    pub fn query<Q: Serialize + ?Sized>(mut self, params: &Q) -> Self {
        self.request = self.request.query_object(params);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.request = self.request.json(body);
        self
    }

    /// Sends `body` (a struct or a JSON object) as
    /// `application/x-www-form-urlencoded`.
    pub fn form<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.request = self.request.form(body);
        self
    }

    /// Sends the header `name: value` (see [`RequestOptions::header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// Sends the request without the client's credentials.
    pub fn without_auth(mut self) -> Self {
        self.request = self.request.without_auth();
        self
    }

    /// Sends `key` as the `Idempotency-Key` (see
    /// [`RequestOptions::idempotency_key`]).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options = self.options.idempotency_key(key);
        self
    }

    /// Sends no `Idempotency-Key` (see
    /// [`RequestOptions::without_idempotency_key`]).
    pub fn without_idempotency_key(mut self) -> Self {
        self.options = self.options.without_idempotency_key();
        self
    }

    /// The time allowed for each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options = self.options.timeout(timeout);
        self
    }

    /// At most `retries` attempts after the first.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options = self.options.max_retries(retries);
        self
    }

    /// Applies `options` on top of those already set (see
    /// [`RequestOptions::merge`]).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = self.options.merge(options);
        self
    }

    /// The request as a [`Call`] whose response body is read as JSON into
    /// `T`.
    pub fn into_call<T: DeserializeOwned>(self) -> Call<'c, T> {
        Call {
            client: self.client,
            request: self.request,
            options: self.options,
            decode: decode_json::<T>,
        }
    }

    /// Sends the request and reads the response body as JSON into `T`.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.into_call::<T>().send().await
    }

    /// Sends the request and reads the response body as JSON into `T`,
    /// with the response's status, headers and request id.
    pub async fn send_with_response<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        self.into_call::<T>().send_with_response().await
    }
}

impl<'c> IntoFuture for RawRequest<'c> {
    type Output = Result<serde_json::Value, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<serde_json::Value, Error>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        self.into_call::<serde_json::Value>().into_future()
    }
}
