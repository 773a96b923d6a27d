// @generated: a copy of generator/runtime/src/webhook.rs, made by `cargo xtask codegen`. Edit it there.

//! Checking that a webhook request comes from the API, and reading its
//! event.
//!
//! Providers in the Stripe tradition sign each delivery with a header such
//! as `Wooshpay-Signature: t=1492774577,v1=6fdfb9c3…`: `t` is the time of
//! signing in Unix seconds, each `v1` a hex HMAC-SHA256, keyed by the
//! endpoint's signing secret, of `t + "." + body`. Several `v1` entries may
//! appear (while a secret is being rolled) and any one matching suffices;
//! other elements (`v0`, future schemes) are ignored.
//!
//! Verify the raw body exactly as received, before any JSON parsing: a
//! re-serialized body does not have the signed bytes. A signature is only
//! accepted when its timestamp lies within a tolerance of the current time
//! (five minutes by default, in either direction, to allow for clock skew),
//! so that a captured delivery cannot be replayed later.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::secret::Secret;

/// How far the signature's timestamp may lie from now: five minutes.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Why a webhook delivery was rejected. Neither `Display` nor `Debug` shows
/// the secret, the signatures or the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature header is not of the form `t=…,v1=…`.
    MalformedHeader(MalformedHeader),
    /// The header has no `v1` signature.
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
            Self::NoSignature => f.write_str("the webhook signature header has no `v1` signature"),
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

/// The parts of a signature header this module uses.
struct SignatureHeader<'a> {
    timestamp: u64,
    signatures: Vec<&'a str>,
}

impl<'a> SignatureHeader<'a> {
    fn parse(header: &'a str) -> Result<Self, WebhookError> {
        let malformed = |reason| Err(WebhookError::MalformedHeader(reason));
        if header.trim().is_empty() {
            return malformed(MalformedHeader::Empty);
        }
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for element in header.split(',') {
            // Elements other than `t` and `v1`, with or without a value, are
            // left for other schemes.
            let Some((key, value)) = element.split_once('=') else {
                continue;
            };
            match key.trim() {
                "t" if timestamp.is_some() => {
                    return malformed(MalformedHeader::DuplicateTimestamp);
                }
                "t" => {
                    let value = value.trim();
                    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
                        return malformed(MalformedHeader::InvalidTimestamp);
                    }
                    match value.parse::<u64>() {
                        Ok(seconds) => timestamp = Some(seconds),
                        Err(_) => return malformed(MalformedHeader::InvalidTimestamp),
                    }
                }
                "v1" => signatures.push(value.trim()),
                _ => {}
            }
        }
        let Some(timestamp) = timestamp else {
            return malformed(MalformedHeader::MissingTimestamp);
        };
        Ok(Self {
            timestamp,
            signatures,
        })
    }
}

/// The HMAC-SHA256 of `timestamp.payload` under `secret`.
fn mac(payload: &[u8], secret: &Secret, timestamp: u64) -> Option<[u8; 32]> {
    // HMAC takes keys of any length, so this never fails; were it to, no
    // signature would match.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose().as_bytes()).ok()?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    let mut out = [0u8; 32];
    let bytes = mac.finalize().into_bytes();
    if bytes.len() != out.len() {
        return None;
    }
    out.copy_from_slice(&bytes);
    Some(out)
}

/// Reads a hex signature; `None` when it is not 32 bytes of hex.
fn decode_hex(text: &str) -> Option<[u8; 32]> {
    fn nibble(byte: u8) -> Option<u8> {
        match byte {
            b'0'..=b'9' => Some(byte - b'0'),
            b'a'..=b'f' => Some(byte - b'a' + 10),
            b'A'..=b'F' => Some(byte - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        *slot = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

/// Unix seconds of `time`; times before 1970 count as 0.
fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Checks the signature `header` of a delivery with body `payload` against
/// the endpoint's `secret`, and that it was signed within `tolerance` of
/// now.
pub fn verify_signature(
    payload: &[u8],
    header: &str,
    secret: &Secret,
    tolerance: Duration,
) -> Result<(), WebhookError> {
    verify_signature_at(payload, header, secret, tolerance, SystemTime::now())
}

/// [`verify_signature`] with the current time given, for tests and for
/// checking deliveries stored earlier.
pub fn verify_signature_at(
    payload: &[u8],
    header: &str,
    secret: &Secret,
    tolerance: Duration,
    now: SystemTime,
) -> Result<(), WebhookError> {
    let header = SignatureHeader::parse(header)?;
    if header.signatures.is_empty() {
        return Err(WebhookError::NoSignature);
    }
    let expected =
        mac(payload, secret, header.timestamp).ok_or(WebhookError::NoMatchingSignature)?;
    // Every candidate is compared, in constant time, so the time taken does
    // not tell which one (or how much of it) matched.
    let matched = header
        .signatures
        .iter()
        .filter_map(|signature| decode_hex(signature))
        .fold(subtle::Choice::from(0), |matched, candidate| {
            matched | expected.ct_eq(&candidate)
        });
    if !bool::from(matched) {
        return Err(WebhookError::NoMatchingSignature);
    }
    // Checked after the signature, so that the timestamp reported is one
    // the provider signed.
    let now = unix_seconds(now);
    if now.abs_diff(header.timestamp) > tolerance.as_secs() {
        return Err(WebhookError::TimestampOutsideTolerance {
            timestamp: header.timestamp,
            now,
            tolerance,
        });
    }
    Ok(())
}

/// The signature header value for `payload` signed with `secret` at
/// `timestamp` (Unix seconds): what the provider would send. For testing
/// your own webhook endpoint.
pub fn signature_header(payload: &[u8], secret: &Secret, timestamp: u64) -> String {
    let mut header = format!("t={timestamp},v1=");
    for byte in mac(payload, secret, timestamp).unwrap_or_default() {
        header.push_str(&format!("{byte:02x}"));
    }
    header
}

/// Verifies a delivery (as [`verify_signature`]) and reads its event.
pub fn construct_event<K, T>(
    payload: &[u8],
    header: &str,
    secret: &Secret,
    tolerance: Duration,
) -> Result<Event<K, T>, WebhookError>
where
    K: serde::de::DeserializeOwned,
    T: serde::de::DeserializeOwned,
{
    construct_event_at(payload, header, secret, tolerance, SystemTime::now())
}

/// [`construct_event`] with the current time given.
pub fn construct_event_at<K, T>(
    payload: &[u8],
    header: &str,
    secret: &Secret,
    tolerance: Duration,
    now: SystemTime,
) -> Result<Event<K, T>, WebhookError>
where
    K: serde::de::DeserializeOwned,
    T: serde::de::DeserializeOwned,
{
    verify_signature_at(payload, header, secret, tolerance, now)?;
    let mut deserializer = serde_json::Deserializer::from_slice(payload);
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

/// The verifier of one webhook endpoint's deliveries: its signing secret
/// and the tolerance for the signature's timestamp ([`DEFAULT_TOLERANCE`]
/// unless set). `Debug` does not show the secret.
///
/// `Verifier::new(secret).tolerance(Duration::from_secs(60)).construct_event(payload, header)`
/// is [`construct_event`] with those values.
#[derive(Clone, Debug)]
pub struct Verifier {
    secret: Secret,
    tolerance: Duration,
}

impl Verifier {
    /// A verifier for the endpoint whose signing secret is `secret`, with
    /// the default tolerance of five minutes.
    pub fn new(secret: impl Into<Secret>) -> Self {
        Self {
            secret: secret.into(),
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// Accepts signatures made up to `tolerance` before or after now.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks a delivery: see [`verify_signature`].
    pub fn verify(&self, payload: &[u8], header: &str) -> Result<(), WebhookError> {
        verify_signature(payload, header, &self.secret, self.tolerance)
    }

    /// [`Self::verify`] with the current time given.
    pub fn verify_at(
        &self,
        payload: &[u8],
        header: &str,
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        verify_signature_at(payload, header, &self.secret, self.tolerance, now)
    }

    /// Checks a delivery and reads its event: see [`construct_event`].
    pub fn construct_event<K, T>(
        &self,
        payload: &[u8],
        header: &str,
    ) -> Result<Event<K, T>, WebhookError>
    where
        K: serde::de::DeserializeOwned,
        T: serde::de::DeserializeOwned,
    {
        construct_event(payload, header, &self.secret, self.tolerance)
    }

    /// [`Self::construct_event`] with the current time given.
    pub fn construct_event_at<K, T>(
        &self,
        payload: &[u8],
        header: &str,
        now: SystemTime,
    ) -> Result<Event<K, T>, WebhookError>
    where
        K: serde::de::DeserializeOwned,
        T: serde::de::DeserializeOwned,
    {
        construct_event_at(payload, header, &self.secret, self.tolerance, now)
    }
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

