// @generated: a copy of generator/runtime/src/lib.rs, made by `cargo xtask codegen`. Edit it there.

//! Support code shared by every generated SDK: the HTTP client (with safe
//! retries), credentials, request encoding, errors, pagination and webhook
//! verification.
//!
//! This module is written once, in the generator's workspace
//! (`generator/runtime`), where it is compiled and tested, and copied
//! verbatim into each SDK crate as its `runtime` module. Edit it there;
//! `cargo xtask codegen` refreshes the copies.
//!
//! # Calls
//!
//! Every operation returns a [`Call`]: await it to send it. Options for that
//! one call (an idempotency key, extra headers, a timeout, a retry count)
//! are set on the call itself before awaiting it, and
//! [`Call::send_with_response`] also gives the response's status, headers
//! and request id.
//!
//! # Endpoints the SDK does not know
//!
//! [`ApiClient::request`] builds a call to any path of the API, sent with
//! the client's credentials, retries, idempotency keys and errors like the
//! generated ones: query parameters from any serializable struct or JSON
//! object, a JSON body, extra headers, and the response read as
//! [`serde_json::Value`] (by awaiting it) or as a type of your own
//! ([`RawRequest::send`]).
//!
#![doc = concat!(
    "```no_run\n",
    "use ", module_path!(), "::{ApiClient, Auth, ClientBuilder, Error, Method};\n",
    r#"
#[derive(serde::Deserialize)]
struct Report {
    id: String,
}

async fn example() -> Result<(), Error> {
    let client: ApiClient =
        ClientBuilder::new("https://api.example.com", Auth::basic("sk_test_...", "")).build()?;

    // Any JSON the endpoint answers with.
    let reports: serde_json::Value = client
        .request(Method::GET, "/v1/reports")
        .query(&serde_json::json!({"limit": 10, "created": {"gt": 1700000000}}))
        .await?;

    // A typed answer, with a key of your own and an extra header.
    let report: Report = client
        .request(Method::POST, "/v1/reports")
        .json(&serde_json::json!({"kind": "balance"}))
        .idempotency_key("report-2024-06")
        .header("X-Report-Format", "csv")
        .send()
        .await?;
    println!("{} and {reports}", report.id);
    Ok(())
}
```
"#
)]
#![warn(missing_docs)]

// Parts only some APIs need sit behind features (`decimal`, `multipart`,
// `pagination`, `timestamps`, `webhooks`, `webhooks-hmac`,
// `webhooks-rsa`; all on here). A generated crate carries the
// parts its API uses, with their dependencies, and not the others.

mod auth;
mod call;
mod client;
pub mod codec;
mod encoding;
pub mod enums;
mod error;
pub mod object;
mod options;
pub mod pagination;
mod request;
pub mod retry;
mod secret;
pub mod timestamp;
pub mod webhook;
pub mod webhook_hmac;

pub use auth::{Auth, KeyLocation};
pub use bytes::Bytes;
pub use call::{Call, RawRequest, Response};
pub use client::{ApiClient, ClientBuilder, IntoBaseUrl, SDK_USER_AGENT};
pub use encoding::path_segment;
pub use error::{ApiError, DecodeError, Error, ErrorBody, ErrorDetails, ErrorKind};
pub use options::RequestOptions;
pub use pagination::{HasId, Page, paginate};
pub use request::Request;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use retry::RetryPolicy;
pub use secret::{Redacted, Secret};
pub use timestamp::{Timestamp, TimestampError};
