//! Webhook deliveries signed with the provider's RSA key, as UseePay signs
//! them: a `sign` header holding the base64 RSA signature (PKCS#1 v1.5,
//! SHA-256) of the request body, checked with the public key the provider
//! gives the merchant. There is no signing time, so nothing bounds a
//! replay: handle each event id once.
//!
//! The body is the event's JSON, or (in older API versions) a form whose
//! `data` field holds it URL-encoded. For such a form, the signature of the
//! raw body and that of the decoded JSON are both accepted: each is bytes
//! that only the holder of the private key can have signed.
//!
//! The event itself is the flat envelope these providers send:
//! `{"id": "evt_…", "name": "payment_intent.succeeded", "data": {…}}`
//! ([`NamedEvent`]).

use std::borrow::Cow;
use std::fmt;

use super::webhook::{NamedEvent, WebhookError, read_event};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};

/// The provider's public key, which checks its signatures.
///
/// Read from PEM (`-----BEGIN PUBLIC KEY-----`, or `RSA PUBLIC KEY`) or
/// from the bare base64 that merchant dashboards show, of either a
/// SubjectPublicKeyInfo or a PKCS#1 `RSAPublicKey`.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// The key as PKCS#1 `RSAPublicKey` DER, which `ring` takes.
    pkcs1: Vec<u8>,
}

/// Why a public key could not be read. It names no byte of the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The text is not base64 (after PEM armour and whitespace are removed).
    NotBase64,
    /// The bytes are not an RSA public key in SubjectPublicKeyInfo or
    /// PKCS#1 form.
    NotAnRsaPublicKey,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotBase64 => "the public key is not base64 or PEM text",
            Self::NotAnRsaPublicKey => "the public key is not an RSA public key",
        })
    }
}

impl std::error::Error for KeyError {}

impl PublicKey {
    /// Reads a key from PEM or bare base64 text.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let base64: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("-----"))
            .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
            .collect();
        let der = STANDARD
            .decode(base64.as_bytes())
            .map_err(|_| KeyError::NotBase64)?;
        Self::from_der(&der)
    }

    /// Reads a key from DER bytes: a SubjectPublicKeyInfo, or a PKCS#1
    /// `RSAPublicKey`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        let pkcs1 = der::rsa_key_of_spki(der).unwrap_or(der);
        if der::is_rsa_public_key(pkcs1) {
            Ok(Self {
                pkcs1: pkcs1.to_vec(),
            })
        } else {
            Err(KeyError::NotAnRsaPublicKey)
        }
    }

    fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &self.pkcs1)
            .verify(message, signature)
            .is_ok()
    }
}

/// Public keys are not secret, but their bytes say nothing useful in logs.
impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey(RSA, {} bytes)", self.pkcs1.len())
    }
}

impl std::str::FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Checks the base64 `signature` of a delivery with body `payload`, and
/// gives the event's JSON: the body, or the `data` field of a form body.
pub fn verify_signature<'a>(
    payload: &'a [u8],
    signature: &str,
    key: &PublicKey,
) -> Result<Cow<'a, [u8]>, WebhookError> {
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(WebhookError::NoSignature);
    }
    let signature = STANDARD
        .decode(signature)
        .map_err(|_| WebhookError::NoMatchingSignature)?;
    let json = event_json(payload);
    if key.verifies(payload, &signature) || key.verifies(&json, &signature) {
        Ok(json)
    } else {
        Err(WebhookError::NoMatchingSignature)
    }
}

/// Verifies a delivery (as [`verify_signature`]) and reads its event.
pub fn construct_event<K, T>(
    payload: &[u8],
    signature: &str,
    key: &PublicKey,
) -> Result<NamedEvent<K, T>, WebhookError>
where
    K: serde::de::DeserializeOwned,
    T: serde::de::DeserializeOwned,
{
    let json = verify_signature(payload, signature, key)?;
    read_event(&json)
}

/// The signature a provider holding `private_key` (PKCS#8 DER) would send
/// for `payload`: for tests of your own webhook endpoint, with a key pair
/// of your own. `None` when the key is not an RSA private key.
pub fn sign(payload: &[u8], private_key: &[u8]) -> Option<String> {
    let pair = ring::signature::RsaKeyPair::from_pkcs8(private_key).ok()?;
    let mut signature = vec![0; pair.public().modulus_len()];
    pair.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        payload,
        &mut signature,
    )
    .ok()?;
    Some(STANDARD.encode(signature))
}

/// The event's JSON in `payload`: the URL-decoded `data` field of a form
/// body (`data=%7B%22id%22…`), otherwise the body itself.
fn event_json(payload: &[u8]) -> Cow<'_, [u8]> {
    if payload.trim_ascii_start().starts_with(b"{") {
        return Cow::Borrowed(payload);
    }
    let form = payload
        .split(|&byte| byte == b'&')
        .find_map(|pair| pair.strip_prefix(b"data="));
    match form {
        Some(value) => {
            // In a form, `+` is a space; a literal plus is `%2B`.
            let spaced: Vec<u8> = value
                .iter()
                .map(|&byte| if byte == b'+' { b' ' } else { byte })
                .collect();
            Cow::Owned(percent_encoding::percent_decode(&spaced).collect())
        }
        _ => Cow::Borrowed(payload),
    }
}

/// Just enough DER to find the RSA key in a SubjectPublicKeyInfo and to
/// check the shape of a PKCS#1 key; `ring` checks the numbers themselves.
mod der {
    const SEQUENCE: u8 = 0x30;
    const INTEGER: u8 = 0x02;
    const BIT_STRING: u8 = 0x03;
    /// The DER of OID 1.2.840.113549.1.1.1, `rsaEncryption`.
    const RSA_ENCRYPTION: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
    ];

    /// Splits the element of type `tag` at the start of `input` into its
    /// contents and what follows it.
    fn element(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
        let (&first, rest) = input.split_first()?;
        if first != tag {
            return None;
        }
        let (&length, mut rest) = rest.split_first()?;
        let length = if length < 0x80 {
            usize::from(length)
        } else {
            // Long form: the low bits count the length's bytes.
            let count = usize::from(length & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let (bytes, after) = rest.split_at(count);
            rest = after;
            bytes
                .iter()
                .fold(0usize, |length, &byte| length << 8 | usize::from(byte))
        };
        (rest.len() >= length).then(|| rest.split_at(length))
    }

    /// The `RSAPublicKey` inside a SubjectPublicKeyInfo of an RSA key.
    pub(super) fn rsa_key_of_spki(der: &[u8]) -> Option<&[u8]> {
        let (info, trailing) = element(der, SEQUENCE)?;
        if !trailing.is_empty() {
            return None;
        }
        let (algorithm, rest) = element(info, SEQUENCE)?;
        if !algorithm.starts_with(RSA_ENCRYPTION) {
            return None;
        }
        let (bits, trailing) = element(rest, BIT_STRING)?;
        if !trailing.is_empty() {
            return None;
        }
        // The first byte counts unused bits, which a key has none of.
        bits.strip_prefix(&[0])
    }

    /// Whether `der` is a SEQUENCE of two INTEGERs (modulus, exponent).
    pub(super) fn is_rsa_public_key(der: &[u8]) -> bool {
        let Some((key, trailing)) = element(der, SEQUENCE) else {
            return false;
        };
        let Some((_, rest)) = element(key, INTEGER) else {
            return false;
        };
        matches!(element(rest, INTEGER), Some((_, []))) && trailing.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test key pair in `tests/fixtures`, without its comment lines.
    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect()
    }

    fn key() -> PublicKey {
        PublicKey::parse(&fixture("rsa-test-key.spki.txt")).unwrap()
    }

    fn signed(payload: &[u8]) -> String {
        let private = STANDARD.decode(fixture("rsa-test-key.pkcs8.txt")).unwrap();
        sign(payload, &private).unwrap()
    }

    const EVENT: &str =
        r#"{"id":"evt_1","name":"payment_intent.succeeded","data":{"id":"pi_1","amount":10}}"#;

    #[test]
    fn a_signed_json_body_is_read_as_its_event() {
        let event: NamedEvent<String> =
            construct_event(EVENT.as_bytes(), &signed(EVENT.as_bytes()), &key()).unwrap();
        assert_eq!(event.name, "payment_intent.succeeded");
        assert_eq!(event.id.as_deref(), Some("evt_1"));
        assert_eq!(event.data["amount"], 10);
    }

    #[test]
    fn a_form_body_is_verified_over_either_form_and_read_from_data() {
        let form = format!(
            "data={}",
            percent_encoding::utf8_percent_encode(EVENT, percent_encoding::NON_ALPHANUMERIC)
        );
        for signed_bytes in [form.as_bytes(), EVENT.as_bytes()] {
            let event: NamedEvent<String> =
                construct_event(form.as_bytes(), &signed(signed_bytes), &key()).unwrap();
            assert_eq!(event.data["id"], "pi_1");
        }
    }

    #[test]
    fn altered_bodies_and_bad_signatures_are_rejected() {
        let signature = signed(EVENT.as_bytes());
        let altered = EVENT.replace("10", "1000");
        assert_eq!(
            verify_signature(altered.as_bytes(), &signature, &key()).unwrap_err(),
            WebhookError::NoMatchingSignature
        );
        assert_eq!(
            verify_signature(EVENT.as_bytes(), "  ", &key()).unwrap_err(),
            WebhookError::NoSignature
        );
        assert_eq!(
            verify_signature(EVENT.as_bytes(), "not base64!", &key()).unwrap_err(),
            WebhookError::NoMatchingSignature
        );
    }

    #[test]
    fn keys_are_read_from_pem_spki_and_pkcs1() {
        let base64 = fixture("rsa-test-key.spki.txt");
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{base64}\n-----END PUBLIC KEY-----\n");
        assert_eq!(PublicKey::parse(&pem).unwrap(), key());
        let spki = STANDARD.decode(&base64).unwrap();
        let pkcs1 = der::rsa_key_of_spki(&spki).unwrap();
        assert_eq!(PublicKey::from_der(pkcs1).unwrap(), key());
        assert_eq!(
            PublicKey::parse("not a key").unwrap_err(),
            KeyError::NotBase64
        );
        assert_eq!(
            PublicKey::parse("AAAA").unwrap_err(),
            KeyError::NotAnRsaPublicKey
        );
        assert_eq!(format!("{:?}", key()), "PublicKey(RSA, 270 bytes)");
    }
}
