// @generated: a copy of generator/runtime/src/lib.rs, made by `cargo xtask codegen`. Edit it there.

//! Support code shared by every generated SDK: the HTTP client (with safe
//! retries), credentials, request encoding, errors, pagination and webhook
//! verification.
//!
//! This module is written once, in the generator's workspace
//! (`generator/runtime`), where it is compiled and tested, and copied
//! verbatim into each SDK crate as its `runtime` module. Edit it there;
//! `cargo xtask codegen` refreshes the copies.

#![warn(missing_docs)]

mod auth;
mod client;
pub mod codec;
mod encoding;
mod error;
pub mod pagination;
mod request;
pub mod retry;
mod secret;
pub mod webhook;

pub use auth::{Auth, KeyLocation};
pub use bytes::Bytes;
pub use client::{ApiClient, ClientBuilder, IntoBaseUrl, RequestOptions, SDK_USER_AGENT};
pub use encoding::path_segment;
pub use error::{ApiError, DecodeError, Error, ErrorBody, ErrorDetails, ErrorKind};
pub use pagination::{HasId, Page, paginate};
pub use request::{File, Multipart, Request};
pub use reqwest::Method;
pub use retry::RetryPolicy;
pub use secret::Secret;
