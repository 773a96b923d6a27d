// @generated: a copy of generator/runtime/src/webhook.rs, made by `cargo xtask codegen`. Edit it there.

//! Webhook deliveries: the events they carry and why one is rejected.
//!
//! How a delivery is checked depends on the provider: `webhook_hmac`
//! checks Stripe-style `t=…,v1=…` HMAC signatures made with the endpoint's
//! secret, `webhook_rsa` RSA signatures made with the provider's key (an
//! SDK carries the module of its provider's scheme).
//! Both verify the raw body exactly as received, before any JSON parsing
//! (a re-serialized body does not have the signed bytes), then read it with
//! [`read_event`] as an [`Event`] (`{type, data: {object}}`) or a
//! [`NamedEvent`] (`{id, name, data}`).

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Why a webhook delivery was rejected. Neither `Display` nor `Debug` shows
/// the secret, the signatures or the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature header is not of the form `t=…,v1=…`.
    MalformedHeader(MalformedHeader),
    /// The header has no signature: no `v1` entry, or (for RSA-signed
    /// deliveries) an empty value.
    NoSignature,
    /// The signature's timestamp is further from now than the tolerance
    /// allows (a replayed or long-delayed delivery, or a wrong clock).
    TimestampOutsideTolerance {
        /// The timestamp in the header, in Unix seconds.
        timestamp: u64,
        /// The time it was checked against, in Unix seconds.
        now: u64,
        /// The tolerance it was checked with.
        tolerance: Duration,
    },
    /// No signature matches the body and the secret: the body was altered,
    /// the secret is not this endpoint's, or the request is forged.
    NoMatchingSignature,
    /// The signature is valid but the body is not the expected event.
    Parse {
        /// Where in the body reading failed, like `data.object.amount`.
        path: String,
        /// What was wrong there.
        message: String,
    },
}

/// What is wrong with a signature header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedHeader {
    /// The header is empty.
    Empty,
    /// The header has no `t=` timestamp.
    MissingTimestamp,
    /// The header has more than one `t=` timestamp.
    DuplicateTimestamp,
    /// The `t=` value is not a whole number of seconds.
    InvalidTimestamp,
}

impl fmt::Display for MalformedHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "the header is empty",
            Self::MissingTimestamp => "it has no `t=` timestamp",
            Self::DuplicateTimestamp => "it has more than one `t=` timestamp",
            Self::InvalidTimestamp => "its `t=` value is not a number of seconds",
        })
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MalformedHeader(reason) => {
                write!(f, "the webhook signature header is malformed: {reason}")
            }
            Self::NoSignature => f.write_str("the webhook signature header holds no signature"),
            Self::TimestampOutsideTolerance {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "the webhook was signed at {timestamp}, more than {} s from now ({now})",
                tolerance.as_secs()
            ),
            Self::NoMatchingSignature => {
                f.write_str("no webhook signature matches the body and the secret")
            }
            Self::Parse { path, message } => {
                write!(f, "the webhook event did not decode at `{path}`: {message}")
            }
        }
    }
}

impl std::error::Error for WebhookError {}

/// Reads a verified delivery's JSON as `E` (an [`Event`], or another
/// envelope), saying where it did not decode.
pub fn read_event<E: serde::de::DeserializeOwned>(json: &[u8]) -> Result<E, WebhookError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let event = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        WebhookError::Parse {
            path: error.path().to_string(),
            message: error.inner().to_string(),
        }
    })?;
    deserializer.end().map_err(|error| WebhookError::Parse {
        path: ".".to_owned(),
        message: error.to_string(),
    })?;
    Ok(event)
}

/// A webhook event: something happened to an object of the API.
///
/// `K` is the type of the event's `type` (an SDK's event type enum, which
/// keeps values it does not know, or `String`); `T` that of the object,
/// by default any JSON. Fields other than `type` and `data` may be missing
/// or `null`; fields this struct does not know are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event<K, T = serde_json::Value> {
    /// The event's id (`evt_…`): deliveries may repeat, so handle each id
    /// once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The kind of object, `"event"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The API version the event is rendered in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// When the event happened, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    /// The object the event is about.
    pub data: EventData<T>,
    /// What happened (`payment_intent.succeeded`…).
    #[serde(rename = "type")]
    pub type_: K,
    /// Whether the event happened in live mode (or in test mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub livemode: Option<bool>,
    /// How many deliveries of the event have not succeeded yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_webhooks: Option<i64>,
}

/// The object an event is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventData<T = serde_json::Value> {
    /// The object as it was when the event happened.
    pub object: T,
    /// For `*.updated` events, the values of the fields that changed, as
    /// they were before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<serde_json::Value>,
}

impl<K, T> Event<K, T> {
    /// The same event with its object turned into another type by `f`,
    /// which is given the event's type: how an SDK reads the object as the
    /// model its event family carries.
    pub fn map_object<U>(self, f: impl FnOnce(&K, T) -> U) -> Event<K, U> {
        let object = f(&self.type_, self.data.object);
        Event {
            id: self.id,
            object: self.object,
            api_version: self.api_version,
            created: self.created,
            data: EventData {
                object,
                previous_attributes: self.data.previous_attributes,
            },
            type_: self.type_,
            livemode: self.livemode,
            pending_webhooks: self.pending_webhooks,
        }
    }
}

/// A webhook event in the flat envelope: the event's id, its `name`
/// (what happened) and the object it is about as `data`.
///
/// `K` is the type of the name (an SDK's event type enum, which keeps values
/// it does not know, or `String`); `T` that of the object, by default any
/// JSON. Fields this struct does not know are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedEvent<K, T = serde_json::Value> {
    /// The event's id (`evt_…`): deliveries may repeat, so handle each id
    /// once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What happened (`payment_intent.succeeded`…).
    pub name: K,
    /// The object the event is about, as it was when the event happened.
    pub data: T,
}

impl<K, T> NamedEvent<K, T> {
    /// The same event with its object turned into another type by `f`,
    /// which is given the event's name: how an SDK reads the object as the
    /// model its event family carries.
    pub fn map_object<U>(self, f: impl FnOnce(&K, T) -> U) -> NamedEvent<K, U> {
        let data = f(&self.name, self.data);
        NamedEvent {
            id: self.id,
            name: self.name,
            data,
        }
    }
}
