// @generated: a copy of generator/runtime/src/request.rs, made by `cargo xtask codegen`. Edit it there.

//! A request as the generated operations describe it, before it is sent.
//!
//! Bodies are encoded when the request is built, so that a retry sends
//! exactly the same bytes.

use reqwest::Method;
use serde::Serialize;

use super::encoding;
use super::error::Error;

#[derive(Clone, Debug)]
pub(super) enum Body {
    Empty,
    Json(Vec<u8>),
    Form(Vec<(String, String)>),
    #[cfg(any())]
    Multipart(Vec<super::multipart::Part>),
    Text(String),
    Bytes(Vec<u8>),
}

/// An API request: method, path, parameters and body.
#[derive(Debug)]
pub struct Request {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Body,
    pub(super) authenticated: bool,
    /// The first problem met while building; reported when sent.
    pub(super) invalid: Option<Error>,
}

impl Request {
    /// A request for `path` (relative to the client's base URL).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            authenticated: true,
            invalid: None,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, relative to the base URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn record<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.invalid.get_or_insert(error);
                None
            }
        }
    }

    /// Adds the query parameter `name`; `None` adds nothing, lists repeat
    /// the name, objects nest in brackets.
    pub fn query<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        if let Some(pairs) = self.record(encoding::pairs(name, value)) {
            self.query.extend(pairs);
        }
        self
    }

    /// Adds every field of `value` as query parameters: a body documented as
    /// JSON on a GET, which servers read from the query string.
    pub fn query_object<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        if let Some(pairs) = self.record(encoding::object_pairs(value)) {
            self.query.extend(pairs);
        }
        self
    }

    /// Adds the header `name`; `None` adds nothing.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        if let Some(Some(text)) = self.record(encoding::text(name, value)) {
            self.headers.push((name.to_owned(), text));
        }
        self
    }

    /// Sends `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        let encoded = serde_json::to_vec(body)
            .map_err(|error| Error::InvalidRequest(format!("the body cannot be encoded: {error}")));
        if let Some(bytes) = self.record(encoded) {
            self.body = Body::Json(bytes);
        }
        self
    }

    /// Sends `body` as `application/x-www-form-urlencoded`.
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        if let Some(pairs) = self.record(encoding::object_pairs(body)) {
            self.body = Body::Form(pairs);
        }
        self
    }

    /// Sends `body` as text.
    pub fn text(mut self, body: impl Into<String>) -> Self {
        self.body = Body::Text(body.into());
        self
    }

    /// Sends `body` as raw bytes.
    pub fn bytes(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }

    /// Sends the request without credentials.
    pub fn without_auth(mut self) -> Self {
        self.authenticated = false;
        self
    }
}
