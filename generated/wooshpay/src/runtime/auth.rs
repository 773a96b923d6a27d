// @generated: a copy of generator/runtime/src/auth.rs, made by `cargo xtask codegen`. Edit it there.

//! How requests carry credentials.

use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, HeaderValue};

use super::error::Error;
use super::secret::Secret;

/// Where an API key is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

#[derive(Clone, Debug)]
enum Scheme {
    Basic {
        username: Secret,
        password: Secret,
    },
    Bearer(Secret),
    ApiKey {
        location: KeyLocation,
        name: String,
        value: Secret,
    },
}

/// The credentials of a client: any number of schemes, all applied to each
/// authenticated request. `Debug` shows which schemes, never the secrets.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    schemes: Vec<Scheme>,
}

impl Auth {
    /// No credentials.
    pub fn none() -> Self {
        Self::default()
    }

    /// HTTP Basic authentication.
    pub fn basic(username: impl Into<Secret>, password: impl Into<Secret>) -> Self {
        Self::none().and_basic(username, password)
    }

    /// Adds HTTP Basic authentication.
    pub fn and_basic(mut self, username: impl Into<Secret>, password: impl Into<Secret>) -> Self {
        self.schemes.push(Scheme::Basic {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    /// Adds a bearer token (`Authorization: Bearer …`).
    pub fn and_bearer(mut self, token: impl Into<Secret>) -> Self {
        self.schemes.push(Scheme::Bearer(token.into()));
        self
    }

    /// Adds an API key sent as the header, query parameter or cookie `name`.
    pub fn and_api_key(
        mut self,
        location: KeyLocation,
        name: impl Into<String>,
        value: impl Into<Secret>,
    ) -> Self {
        self.schemes.push(Scheme::ApiKey {
            location,
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Whether these credentials are sent in the header `name`, which a
    /// call's extra headers may then not set.
    pub(super) fn uses_header(&self, name: &HeaderName) -> bool {
        self.schemes.iter().any(|scheme| match scheme {
            Scheme::Basic { .. } | Scheme::Bearer(_) => name == AUTHORIZATION,
            Scheme::ApiKey {
                location: KeyLocation::Header,
                name: key_name,
                ..
            } => HeaderName::from_bytes(key_name.as_bytes()).is_ok_and(|key| key == name),
            Scheme::ApiKey {
                location: KeyLocation::Cookie,
                ..
            } => name == COOKIE,
            Scheme::ApiKey {
                location: KeyLocation::Query,
                ..
            } => false,
        })
    }

    /// Adds the credentials to a request. Header values are marked
    /// sensitive, so that HTTP-level logging does not print them either.
    pub(super) fn apply(
        &self,
        mut request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, Error> {
        for scheme in &self.schemes {
            request = match scheme {
                Scheme::Basic { username, password } => {
                    request.basic_auth(username.expose(), Some(password.expose()))
                }
                Scheme::Bearer(token) => request.header(
                    AUTHORIZATION,
                    sensitive(&format!("Bearer {}", token.expose()))?,
                ),
                Scheme::ApiKey {
                    location: KeyLocation::Header,
                    name,
                    value,
                } => {
                    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                        Error::InvalidRequest(format!("`{name}` is not a valid header name"))
                    })?;
                    request.header(name, sensitive(value.expose())?)
                }
                Scheme::ApiKey {
                    location: KeyLocation::Query,
                    name,
                    value,
                } => request.query(&[(name.as_str(), value.expose())]),
                Scheme::ApiKey {
                    location: KeyLocation::Cookie,
                    name,
                    value,
                } => request.header(COOKIE, sensitive(&format!("{name}={}", value.expose()))?),
            };
        }
        Ok(request)
    }
}

fn sensitive(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidRequest("a credential is not a valid header value".to_owned())
    })?;
    value.set_sensitive(true);
    Ok(value)
}
