//! Webhook signature vectors, with the expected signatures computed here
//! with `hmac` and `sha2` directly rather than by the code under test.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sdk_runtime::Secret;
use sdk_runtime::webhook::{Event, MalformedHeader, WebhookError};
use sdk_runtime::webhook_hmac::{
    DEFAULT_TOLERANCE, Verifier, construct_event_at, signature_header, verify_signature,
    verify_signature_at,
};
use serde::Deserialize;
use sha2::Sha256;

const SECRET: &str = "whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";
const SIGNED_AT: u64 = 1_687_845_304;

const PAYLOAD: &str = r#"{
  "id": "evt_1NNUrjL6kclEVx6Mb1x5dKJ3",
  "object": "event",
  "api_version": "2022-11-15",
  "created": 1687845303,
  "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 1099, "currency": "usd"}},
  "livemode": false,
  "pending_webhooks": 1,
  "request": {"id": null, "idempotency_key": null},
  "type": "payment_intent.succeeded"
}"#;

/// The hex HMAC-SHA256 of `t.body` under `secret`, as the provider makes it.
fn sign(secret: &str, timestamp: u64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn verify(payload: &str, header: &str, secret: &str, now: u64) -> Result<(), WebhookError> {
    verify_signature_at(
        payload.as_bytes(),
        header,
        &Secret::new(secret),
        DEFAULT_TOLERANCE,
        at(now),
    )
}

fn valid_header() -> String {
    format!(
        "t={SIGNED_AT},v1={}",
        sign(SECRET, SIGNED_AT, PAYLOAD.as_bytes())
    )
}

#[test]
fn a_valid_signature_passes() {
    assert_eq!(
        verify(PAYLOAD, &valid_header(), SECRET, SIGNED_AT + 5),
        Ok(())
    );
    // Other schemes next to `v1` are ignored.
    let header = format!("{},v0=deadbeef", valid_header());
    assert_eq!(verify(PAYLOAD, &header, SECRET, SIGNED_AT), Ok(()));
}

#[test]
fn the_runtimes_own_header_matches_the_providers() {
    assert_eq!(
        signature_header(PAYLOAD.as_bytes(), &Secret::new(SECRET), SIGNED_AT),
        valid_header()
    );
}

#[test]
fn a_tampered_body_fails() {
    let tampered = PAYLOAD.replace("1099", "1");
    assert_eq!(
        verify(&tampered, &valid_header(), SECRET, SIGNED_AT),
        Err(WebhookError::NoMatchingSignature)
    );
    // Even one byte of whitespace.
    let reformatted = format!("{PAYLOAD}\n");
    assert_eq!(
        verify(&reformatted, &valid_header(), SECRET, SIGNED_AT),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_wrong_secret_fails() {
    assert_eq!(
        verify(PAYLOAD, &valid_header(), "whsec_someone_else", SIGNED_AT),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_signature_for_another_timestamp_fails() {
    let header = format!(
        "t={},v1={}",
        SIGNED_AT + 1,
        sign(SECRET, SIGNED_AT, PAYLOAD.as_bytes())
    );
    assert_eq!(
        verify(PAYLOAD, &header, SECRET, SIGNED_AT),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn timestamps_outside_the_tolerance_fail() {
    let header = valid_header();
    // Exactly at the edge of five minutes is still in.
    assert_eq!(verify(PAYLOAD, &header, SECRET, SIGNED_AT + 300), Ok(()));
    assert_eq!(
        verify(PAYLOAD, &header, SECRET, SIGNED_AT + 301),
        Err(WebhookError::TimestampOutsideTolerance {
            timestamp: SIGNED_AT,
            now: SIGNED_AT + 301,
            tolerance: DEFAULT_TOLERANCE,
        })
    );
    // Signed in the future, beyond the allowed clock skew.
    assert!(matches!(
        verify(PAYLOAD, &header, SECRET, SIGNED_AT - 301),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
    // A custom tolerance.
    let strict = verify_signature_at(
        PAYLOAD.as_bytes(),
        &header,
        &Secret::new(SECRET),
        Duration::from_secs(10),
        at(SIGNED_AT + 11),
    );
    assert!(matches!(
        strict,
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
}

#[test]
fn the_current_time_is_used_by_default() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = format!("t={now},v1={}", sign(SECRET, now, PAYLOAD.as_bytes()));
    let secret = Secret::new(SECRET);
    assert_eq!(
        verify_signature(PAYLOAD.as_bytes(), &header, &secret, DEFAULT_TOLERANCE),
        Ok(())
    );
    assert!(matches!(
        verify_signature(
            PAYLOAD.as_bytes(),
            &valid_header(),
            &secret,
            DEFAULT_TOLERANCE
        ),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
}

#[test]
fn any_one_of_several_signatures_may_match() {
    let good = sign(SECRET, SIGNED_AT, PAYLOAD.as_bytes());
    let old = sign("whsec_rolled_over", SIGNED_AT, PAYLOAD.as_bytes());
    for header in [
        format!("t={SIGNED_AT},v1={old},v1={good}"),
        format!("t={SIGNED_AT},v1={good},v1={old}"),
        format!("v1={old}, t={SIGNED_AT}, v1={good}"),
        format!("t={SIGNED_AT},v1=not-hex,v1={good}"),
    ] {
        assert_eq!(
            verify(PAYLOAD, &header, SECRET, SIGNED_AT),
            Ok(()),
            "{header}"
        );
    }
    let header = format!("t={SIGNED_AT},v1={old},v1={old}");
    assert_eq!(
        verify(PAYLOAD, &header, SECRET, SIGNED_AT),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn malformed_headers_fail() {
    let signature = sign(SECRET, SIGNED_AT, PAYLOAD.as_bytes());
    for (header, expected) in [
        (
            format!("v1={signature}"),
            WebhookError::MalformedHeader(MalformedHeader::MissingTimestamp),
        ),
        (
            format!("t=yesterday,v1={signature}"),
            WebhookError::MalformedHeader(MalformedHeader::InvalidTimestamp),
        ),
        (
            format!("t=1.5,v1={signature}"),
            WebhookError::MalformedHeader(MalformedHeader::InvalidTimestamp),
        ),
        (
            String::new(),
            WebhookError::MalformedHeader(MalformedHeader::Empty),
        ),
        (
            "garbage".to_owned(),
            WebhookError::MalformedHeader(MalformedHeader::MissingTimestamp),
        ),
        (format!("t={SIGNED_AT}"), WebhookError::NoSignature),
        (
            format!("t={SIGNED_AT},v0={signature}"),
            WebhookError::NoSignature,
        ),
    ] {
        assert_eq!(
            verify(PAYLOAD, &header, SECRET, SIGNED_AT),
            Err(expected),
            "{header:?}"
        );
    }
}

/// An SDK's event type enum, with its catch-all.
#[derive(Debug, PartialEq, Deserialize)]
enum EventType {
    #[serde(rename = "payment_intent.succeeded")]
    PaymentIntentSucceeded,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, PartialEq, Deserialize)]
struct PaymentIntent {
    id: String,
    amount: i64,
}

#[test]
fn a_verified_event_is_parsed() {
    let secret = Secret::new(SECRET);
    let event: Event<EventType, PaymentIntent> = construct_event_at(
        PAYLOAD.as_bytes(),
        &valid_header(),
        &secret,
        DEFAULT_TOLERANCE,
        at(SIGNED_AT),
    )
    .unwrap();
    assert_eq!(event.id.as_deref(), Some("evt_1NNUrjL6kclEVx6Mb1x5dKJ3"));
    assert_eq!(event.object.as_deref(), Some("event"));
    assert_eq!(event.api_version.as_deref(), Some("2022-11-15"));
    assert_eq!(event.created, Some(1_687_845_303));
    assert_eq!(event.type_, EventType::PaymentIntentSucceeded);
    assert_eq!(event.livemode, Some(false));
    assert_eq!(event.pending_webhooks, Some(1));
    assert_eq!(
        event.data.object,
        PaymentIntent {
            id: "pi_1".to_owned(),
            amount: 1099
        }
    );

    // Untyped: the type as a string and the object as JSON; nulls and
    // unknown fields are fine; an unknown type lands in the catch-all.
    let payload = r#"{"id": "evt_2", "type": "charge.refunded", "api_version": null,
        "livemode": null, "data": {"object": {"id": "ch_1"}, "previous_attributes": {"amount": 5}},
        "brand_new_field": [1, 2]}"#;
    let header = format!(
        "t={SIGNED_AT},v1={}",
        sign(SECRET, SIGNED_AT, payload.as_bytes())
    );
    let event: Event<String> = construct_event_at(
        payload.as_bytes(),
        &header,
        &secret,
        DEFAULT_TOLERANCE,
        at(SIGNED_AT),
    )
    .unwrap();
    assert_eq!(event.type_, "charge.refunded");
    assert_eq!(event.api_version, None);
    assert_eq!(event.data.object["id"], "ch_1");
    assert_eq!(event.data.previous_attributes.unwrap()["amount"], 5);
    let event: Event<EventType> = construct_event_at(
        payload.as_bytes(),
        &header,
        &secret,
        DEFAULT_TOLERANCE,
        at(SIGNED_AT),
    )
    .unwrap();
    assert_eq!(event.type_, EventType::Unknown);
}

#[test]
fn an_event_is_only_parsed_once_verified() {
    let error = construct_event_at::<String, serde_json::Value>(
        b"not even json",
        &valid_header(),
        &Secret::new(SECRET),
        DEFAULT_TOLERANCE,
        at(SIGNED_AT),
    )
    .unwrap_err();
    assert_eq!(error, WebhookError::NoMatchingSignature);
}

#[test]
fn a_signed_body_of_the_wrong_shape_is_a_parse_error() {
    let payload = r#"{"id": "evt_3", "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_1", "amount": "a lot"}}}"#;
    let header = format!(
        "t={SIGNED_AT},v1={}",
        sign(SECRET, SIGNED_AT, payload.as_bytes())
    );
    let error = construct_event_at::<EventType, PaymentIntent>(
        payload.as_bytes(),
        &header,
        &Secret::new(SECRET),
        DEFAULT_TOLERANCE,
        at(SIGNED_AT),
    )
    .unwrap_err();
    match error {
        WebhookError::Parse { path, .. } => assert_eq!(path, "data.object.amount"),
        other => panic!("expected a parse error, got {other:?}"),
    }
    for payload in [
        "{\"type\": \"x\"",
        "{\"type\": \"x\", \"data\": {\"object\": 1}} trailing",
    ] {
        let header = format!(
            "t={SIGNED_AT},v1={}",
            sign(SECRET, SIGNED_AT, payload.as_bytes())
        );
        let error = construct_event_at::<String, serde_json::Value>(
            payload.as_bytes(),
            &header,
            &Secret::new(SECRET),
            DEFAULT_TOLERANCE,
            at(SIGNED_AT),
        )
        .unwrap_err();
        assert!(matches!(error, WebhookError::Parse { .. }), "{payload}");
    }
}

#[test]
fn a_verifier_checks_with_its_own_tolerance() {
    let header = valid_header();
    let payload = PAYLOAD.as_bytes();
    let default = Verifier::new(SECRET);
    let strict = Verifier::new(Secret::new(SECRET)).tolerance(Duration::from_secs(30));
    let lenient = Verifier::new(SECRET).tolerance(Duration::from_secs(3600));

    // Ten minutes late: too late for the default and the strict verifier.
    let late = at(SIGNED_AT + 600);
    assert!(matches!(
        default.verify_at(payload, &header, late),
        Err(WebhookError::TimestampOutsideTolerance { tolerance, .. }) if tolerance == DEFAULT_TOLERANCE
    ));
    assert_eq!(lenient.verify_at(payload, &header, late), Ok(()));
    // A minute late: fine by default, too late for the strict one.
    let minute = at(SIGNED_AT + 60);
    assert_eq!(default.verify_at(payload, &header, minute), Ok(()));
    assert!(matches!(
        strict.verify_at(payload, &header, minute),
        Err(WebhookError::TimestampOutsideTolerance { tolerance, .. })
            if tolerance == Duration::from_secs(30)
    ));

    let event: Event<String> = lenient.construct_event_at(payload, &header, late).unwrap();
    assert_eq!(event.type_, "payment_intent.succeeded");
    assert_eq!(
        Verifier::new("whsec_wrong").verify_at(payload, &header, minute),
        Err(WebhookError::NoMatchingSignature)
    );
    // The real clock is far from the signing time.
    assert!(lenient.verify(payload, &header).is_err());
    assert!(
        lenient
            .construct_event::<String, serde_json::Value>(payload, &header)
            .is_err()
    );
    assert!(!format!("{lenient:?}").contains(SECRET));
}
