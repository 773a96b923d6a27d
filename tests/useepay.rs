//! The generated UseePay crate against the seed documents and a mock server:
//! three API-key headers, money as exact decimals, times as instants, and
//! RSA-signed webhook deliveries.

use std::str::FromStr;

use rust_decimal::Decimal;
use sdk_tests::{documented_examples, seed};
use serde_json::json;
use useepay::models::PaymentIntent;
use useepay::payment_intents::CancelPaymentIntentRequest;
use useepay::{Client, Credentials};
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The documented response of UseePay's "Cancel a PaymentIntent" (seed 001).
fn documented_cancel_response() -> serde_json::Value {
    let examples = documented_examples(&seed("001"));
    assert_eq!(
        examples.len(),
        2,
        "the page documents a request and a response"
    );
    examples[1].clone()
}

fn credentials() -> Credentials {
    Credentials {
        merchant_no: "500000000007245".into(),
        api_key: "UseePay_SK_test".into(),
        app_id: "www.pay.com".into(),
    }
}

#[tokio::test]
async fn cancel_sends_the_three_api_key_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/payment_intents/1012411211459019141/cancel"))
        .and(header("x-merchant-no", "500000000007245"))
        .and(header("x-api-key", "UseePay_SK_test"))
        .and(header("x-app-id", "www.pay.com"))
        .and(body_json(json!({"cancellation_reason": "Order cancelled"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_cancel_response()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(credentials())
        .base_url(server.uri())
        .build()
        .unwrap();
    let intent = client
        .payment_intents()
        .cancel(
            "1012411211459019141",
            &CancelPaymentIntentRequest::new("Order cancelled"),
        )
        .await
        .expect("the cancel call succeeds");
    assert_eq!(intent.amount, Some(Decimal::from_str("100.23").unwrap()));
}

#[tokio::test]
async fn posts_are_not_retried_without_a_key_because_useepay_does_not_document_them() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(credentials())
        .base_url(server.uri())
        .build()
        .unwrap();
    let error = client
        .payment_intents()
        .cancel("pi_1", &CancelPaymentIntentRequest::new("x"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    // With a key of the caller's, the same call may be retried.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    let client = Client::builder(credentials())
        .base_url(server.uri())
        .retry_base_delay(std::time::Duration::from_millis(1))
        .build()
        .unwrap();
    let _ = client
        .payment_intents()
        .cancel("pi_1", &CancelPaymentIntentRequest::new("x"))
        .idempotency_key("order-42-cancel")
        .await;
}

#[test]
fn the_documented_response_decodes_with_exact_amounts() {
    let intent: PaymentIntent =
        serde_json::from_value(documented_cancel_response()).expect("the example decodes");
    assert_eq!(intent.amount, Some(Decimal::from_str("100.23").unwrap()));
    let product = &intent.order.as_ref().unwrap().products.as_ref().unwrap()[0];
    assert_eq!(product.price, Some(Decimal::from_str("100.01").unwrap()));
    // Written back, the amount is the same JSON number, not a rounded float.
    let json = serde_json::to_value(&intent).unwrap();
    assert_eq!(json["amount"].to_string(), "100.23");
}

#[test]
fn amounts_beyond_f64_precision_stay_exact() {
    // The SDK decodes response bodies from their text, so no digit of an
    // amount goes through f64.
    let text = documented_cancel_response()
        .to_string()
        .replace("100.23", "12345678901234567.89");
    let intent: PaymentIntent = serde_json::from_str(&text).expect("the response decodes");
    assert_eq!(
        intent.amount,
        Some(Decimal::from_str("12345678901234567.89").unwrap())
    );
    let written = serde_json::to_string(&intent).unwrap();
    assert!(
        written.contains(r#""amount":12345678901234567.89"#),
        "{written}"
    );
}

/// The documented request and response of the seed page, through the
/// generated types.
#[test]
fn the_seeds_documented_examples_round_trip() {
    let examples = documented_examples(&seed("001"));
    sdk_tests::assert_round_trip::<CancelPaymentIntentRequest>(&examples[0], &[]);
    sdk_tests::assert_round_trip::<PaymentIntent>(&examples[1], &[]);
}

/// The runtime's test key pair, without the fixtures' comment lines.
fn test_key(name: &str) -> String {
    let path = sdk_tests::workspace_root()
        .join("generator/runtime/tests/fixtures")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect()
}

/// `payload` signed as UseePay signs deliveries, with the test key.
fn sign(payload: &[u8]) -> String {
    use base64::Engine as _;
    let private = base64::engine::general_purpose::STANDARD
        .decode(test_key("rsa-test-key.pkcs8.txt"))
        .unwrap();
    useepay::runtime::webhook_rsa::sign(payload, &private).unwrap()
}

/// The documented delivery (docs-v2.useepay.com/7598891m0), in both of its
/// forms: JSON (2025-11-06) and a form whose `data` holds the JSON
/// (2024-10-10).
#[test]
fn rsa_signed_deliveries_are_verified_and_typed_in_both_forms() {
    use useepay::webhook::{self, EventObject, EventType, PublicKey};

    let key: PublicKey = test_key("rsa-test-key.spki.txt").parse().unwrap();
    let json = r#"{"id":"evt_7f560319eabb4127a9a282d1937b60dc","name":"payment_intent.succeeded","data":{"id":"1012506201612797898","amount":10.05,"currency":"USD","status":"succeeded","create_at":"2024-10-25T07:14:09Z"}}"#;
    let form = format!(
        "data={}",
        percent_encoding::utf8_percent_encode(json, percent_encoding::NON_ALPHANUMERIC)
    );
    for body in [json.as_bytes(), form.as_bytes()] {
        let event = webhook::construct_event(body, &sign(body), &key).expect("a valid delivery");
        assert_eq!(event.name, EventType::PaymentIntentSucceeded);
        let EventObject::PaymentIntent(intent) = &event.data else {
            panic!("not a PaymentIntent: {:?}", event.data);
        };
        assert_eq!(intent.amount, Some(Decimal::from_str("10.05").unwrap()));
        let created = intent.create_at.expect("the time decodes");
        assert_eq!(created.unix_seconds(), 1_729_840_449);
    }

    // One changed byte, another key's signature, or none: rejected.
    let tampered = json.replace("10.05", "1005");
    assert_eq!(
        webhook::verify_signature(tampered.as_bytes(), &sign(json.as_bytes()), &key),
        Err(webhook::WebhookError::NoMatchingSignature)
    );
    assert_eq!(
        webhook::verify_signature(json.as_bytes(), "", &key),
        Err(webhook::WebhookError::NoSignature)
    );
}
