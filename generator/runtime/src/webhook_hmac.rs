//! Webhook deliveries signed in the Stripe tradition, with an HMAC keyed by
//! the endpoint's signing secret.
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

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::secret::Secret;
use super::webhook::{Event, MalformedHeader, WebhookError, read_event};

/// How far the signature's timestamp may lie from now: five minutes.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

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
    read_event(payload)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decoding_rejects_anything_but_64_hex_digits() {
        let hex = "00ff10AB".repeat(8);
        let bytes = decode_hex(&hex).unwrap();
        assert_eq!(&bytes[..4], &[0x00, 0xff, 0x10, 0xab]);
        assert_eq!(decode_hex(&hex[..62]), None);
        assert_eq!(decode_hex(&format!("{}zz", &hex[..62])), None);
        assert_eq!(decode_hex(&format!("{hex}00")), None);
        assert_eq!(decode_hex("é".repeat(32).as_str()), None);
    }

    #[test]
    fn headers_made_here_verify() {
        let secret = Secret::new("whsec_test");
        let header = signature_header(b"{}", &secret, 1_700_000_000);
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_100);
        assert_eq!(
            verify_signature_at(b"{}", &header, &secret, DEFAULT_TOLERANCE, now),
            Ok(())
        );
    }

    #[test]
    fn timestamps_are_parsed_strictly() {
        for (header, reason) in [
            ("", MalformedHeader::Empty),
            ("  ", MalformedHeader::Empty),
            ("v1=ab", MalformedHeader::MissingTimestamp),
            ("t=,v1=ab", MalformedHeader::InvalidTimestamp),
            ("t=+5,v1=ab", MalformedHeader::InvalidTimestamp),
            ("t=-5,v1=ab", MalformedHeader::InvalidTimestamp),
            (
                "t=99999999999999999999999,v1=ab",
                MalformedHeader::InvalidTimestamp,
            ),
            ("t=1,t=2,v1=ab", MalformedHeader::DuplicateTimestamp),
        ] {
            assert_eq!(
                SignatureHeader::parse(header).err(),
                Some(WebhookError::MalformedHeader(reason)),
                "{header:?}"
            );
        }
        let header = SignatureHeader::parse(" t = 12 , v0=x, junk, v1=a ,v1=b").unwrap();
        assert_eq!(header.timestamp, 12);
        assert_eq!(header.signatures, ["a", "b"]);
    }
}
