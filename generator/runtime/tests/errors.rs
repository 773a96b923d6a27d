//! Error responses of both providers' shapes, and of shapes neither uses,
//! as a caller sees them.

use sdk_runtime::{
    ApiClient, Auth, ClientBuilder, Error, ErrorBody, ErrorKind, Method, Request, RequestOptions,
};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The error a GET answered with `response` returns (no retries).
async fn error_for(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .max_retries(0)
        .build()
        .unwrap();
    client
        .send_json::<serde_json::Value>(
            Request::new(Method::GET, "/v1/payment_intents/pi_1"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_wooshpay_card_error_is_read_from_the_nested_body() {
    let body = json!({"error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "message": "Your card has insufficient funds.",
        "param": "payment_method",
        "doc_url": "https://docs.wooshpay.com/errors#card_declined",
        "payment_intent": {"id": "pi_1"}
    }});
    let error = error_for(
        ResponseTemplate::new(402)
            .set_body_json(&body)
            .insert_header("Request-Id", "req_123"),
    )
    .await;

    assert_eq!(error.status().map(|s| s.as_u16()), Some(402));
    let api = error.api_error().expect("an API error");
    let ErrorBody::Nested(details) = api.body() else {
        panic!("expected the nested shape, got {:?}", api.body());
    };
    assert_eq!(details.kind, Some(ErrorKind::CardError));
    assert_eq!(details.code.as_deref(), Some("card_declined"));
    assert_eq!(details.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(
        details.message.as_deref(),
        Some("Your card has insufficient funds.")
    );
    assert_eq!(details.param.as_deref(), Some("payment_method"));
    assert_eq!(details.source, None);
    assert_eq!(api.kind(), Some(&ErrorKind::CardError));
    assert_eq!(api.code(), Some("card_declined"));
    assert_eq!(api.request_id(), Some("req_123"));
    assert!(!api.is_idempotency_conflict());
    // Fields the runtime does not model stay in the raw body.
    let raw: serde_json::Value = serde_json::from_str(api.raw_body()).unwrap();
    assert_eq!(raw, body);
    let shown = error.to_string();
    assert!(
        shown.contains("402") && shown.contains("card_declined"),
        "{shown}"
    );
    assert!(
        shown.contains("Your card has insufficient funds."),
        "{shown}"
    );
    assert!(shown.contains("req_123"), "{shown}");
}

#[test]
fn every_wooshpay_error_type_is_recognized() {
    for (kind, expected) in [
        ("api_error", ErrorKind::ApiError),
        ("card_error", ErrorKind::CardError),
        ("idempotency_error", ErrorKind::IdempotencyError),
        ("invalid_request_error", ErrorKind::InvalidRequestError),
        (
            "rate_limit_error",
            ErrorKind::Other("rate_limit_error".to_owned()),
        ),
    ] {
        let raw = json!({"error": {"type": kind, "message": "m"}}).to_string();
        let body = ErrorBody::parse(&raw);
        assert!(matches!(body, ErrorBody::Nested(_)), "{kind}");
        assert_eq!(body.details().unwrap().kind.as_ref(), Some(&expected));
        assert_eq!(expected.as_str(), kind);
    }
}

#[tokio::test]
async fn a_useepay_error_is_read_from_the_flat_body() {
    let body = json!({
        "code": "field_required",
        "source": "amount",
        "message": "amount is required"
    });
    let error = error_for(ResponseTemplate::new(400).set_body_json(&body)).await;

    let api = error.api_error().expect("an API error");
    assert_eq!(api.status().as_u16(), 400);
    let ErrorBody::Flat(details) = api.body() else {
        panic!("expected the flat shape, got {:?}", api.body());
    };
    assert_eq!(details.code.as_deref(), Some("field_required"));
    assert_eq!(details.source.as_deref(), Some("amount"));
    assert_eq!(details.message.as_deref(), Some("amount is required"));
    assert_eq!(details.kind, None);
    assert_eq!(details.decline_code, None);
    assert_eq!(api.message(), Some("amount is required"));
    assert!(error.to_string().contains("field_required"));
}

#[tokio::test]
async fn bodies_of_unknown_shape_are_kept_raw() {
    for (status, body, content_type) in [
        (
            500,
            r#"{"status": "failed", "reason": "upstream"}"#,
            "application/json",
        ),
        (502, "<html><body>Bad Gateway</body></html>", "text/html"),
        (404, "", "text/plain"),
        (400, r#"{"error": "invalid_grant"}"#, "application/json"),
    ] {
        let error = error_for(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .await;
        let api = error.api_error().expect("an API error");
        assert_eq!(api.status().as_u16(), status);
        assert_eq!(api.body(), &ErrorBody::Unknown, "{body}");
        assert_eq!(api.raw_body(), body);
        assert_eq!(api.details(), None);
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Intent {
    id: String,
    charges: Vec<Charge>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Charge {
    amount: i64,
}

/// The error a GET answered 200 with `body` returns when read as an
/// `Intent`.
async fn decode_error_for(body: &str) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json"),
        )
        .mount(&server)
        .await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .build()
        .unwrap();
    client
        .send_json::<Intent>(
            Request::new(Method::GET, "/v1/payment_intents/pi_1"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_body_that_does_not_decode_names_the_path_and_keeps_the_body() {
    let body = r#"{"id": "pi_1", "charges": [{"amount": 100}, {"amount": "100.00"}]}"#;
    let error = decode_error_for(body).await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.status().as_u16(), 200);
    assert_eq!(decode.path(), "charges[1].amount");
    assert_eq!(decode.body(), body);
    assert!(error.to_string().contains("charges[1].amount"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));

    let error = decode_error_for("<html>maintenance</html>").await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.body(), "<html>maintenance</html>");
}
