//! The generated WooshPay crate against the seed documents and a mock
//! server.

use sdk_tests::{documented_examples, seed, workspace_root};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wooshpay::Client;
use wooshpay::models::{
    PaymentIntent, PaymentIntentPaymentMethodType, PaymentIntentSetupFutureUsage,
};
use wooshpay::payment_intents::CancelPaymentIntentRequest;

/// The documented response of "Cancel a PaymentIntent" (seed 000).
fn documented_cancel_response() -> serde_json::Value {
    let examples = documented_examples(&seed("000"));
    assert_eq!(
        examples.len(),
        2,
        "the page documents a request and a response"
    );
    examples[1].clone()
}

#[tokio::test]
async fn cancel_posts_the_json_body_with_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/payment_intents/pi_123/cancel"))
        // base64("sk_test_123:"): the secret key as username, an empty password.
        .and(header("authorization", "Basic c2tfdGVzdF8xMjM6"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"cancellation_reason": "requested_by_customer"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_cancel_response()))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .expect("the client builds");
    let body = CancelPaymentIntentRequest {
        cancellation_reason: "requested_by_customer".to_owned(),
    };
    let intent: PaymentIntent = client
        .payment_intents()
        .cancel("pi_123", &body)
        .await
        .expect("the cancel call succeeds");
    assert_eq!(intent.currency, "string");
    assert_eq!(
        intent.payment_method_types,
        Some(vec![PaymentIntentPaymentMethodType::Alipay])
    );
}

#[test]
fn the_documented_response_decodes_into_payment_intent() {
    let intent: PaymentIntent =
        serde_json::from_value(documented_cancel_response()).expect("the example decodes");
    assert_eq!(intent.amount, 0);
    assert_eq!(
        intent.setup_future_usage,
        Some(PaymentIntentSetupFutureUsage::OffSession)
    );
    let shipping = intent.shipping.expect("the example has shipping");
    assert_eq!(
        shipping.address.and_then(|address| address.city).as_deref(),
        Some("string")
    );
    let three_ds = intent
        .three_ds_status
        .expect("`3ds_status` maps to `three_ds_status`");
    assert_eq!(three_ds.eci, Some(0));
}

#[test]
fn nulls_and_unknown_enum_values_are_tolerated() {
    let mut response = documented_cancel_response();
    response["customer"] = json!(null);
    response["shipping"] = json!(null);
    response["last_payment_error"] = json!(null);
    response["setup_future_usage"] = json!("on_a_whim");
    response["payment_method_types"] = json!(["card", "quantum_wallet"]);
    response["a_field_added_later"] = json!({"x": 1});
    let intent: PaymentIntent = serde_json::from_value(response).expect("the response decodes");
    assert_eq!(intent.customer, None);
    assert_eq!(intent.shipping, None);
    assert_eq!(
        intent.setup_future_usage,
        Some(PaymentIntentSetupFutureUsage::Unknown(
            "on_a_whim".to_owned()
        ))
    );
    assert_eq!(
        intent.payment_method_types,
        Some(vec![
            PaymentIntentPaymentMethodType::Card,
            PaymentIntentPaymentMethodType::Unknown("quantum_wallet".to_owned())
        ])
    );
    // Unknown values go back out as they came in.
    let json = serde_json::to_value(&intent).expect("the intent serializes");
    assert_eq!(json["setup_future_usage"], "on_a_whim");
    assert_eq!(
        json["payment_method_types"],
        json!(["card", "quantum_wallet"])
    );
}

#[test]
fn not_implemented_fields_are_not_generated() {
    let models = std::fs::read_to_string(workspace_root().join("generated/wooshpay/src/models.rs"))
        .expect("the generated models are readable");
    for field in [
        "statement_descriptor_suffix",
        "statement_descriptor",
        "on_behalf_of",
        "processing",
        "review",
        "transfer_data",
        "transfer_group",
        "application",
        "application_fee_amount",
        "automatic_payment_methods",
    ] {
        assert!(
            !models.contains(&format!("pub {field}:")),
            "`{field}` is marked （未实现） but was generated"
        );
    }
    assert!(models.contains("pub struct PaymentIntent {"));
    let operations =
        std::fs::read_to_string(workspace_root().join("generated/wooshpay/src/payment_intents.rs"))
            .expect("the generated operations are readable");
    assert!(
        !operations.contains("struct CancelPaymentIntentResponse"),
        "no copy of PaymentIntent named after the operation"
    );
}
