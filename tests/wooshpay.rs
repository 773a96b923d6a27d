//! The generated WooshPay crate against the seed documents and a mock
//! server.

use sdk_tests::{documented_examples, seed, workspace_root};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wooshpay::Client;
use wooshpay::models::{PaymentIntent, PaymentMethodType, SetupFutureUsage};
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
    let body = CancelPaymentIntentRequest::new("requested_by_customer");
    let intent: PaymentIntent = client
        .payment_intents()
        .cancel("pi_123", &body)
        .await
        .expect("the cancel call succeeds");
    assert_eq!(intent.currency, "string");
    assert_eq!(
        intent.payment_method_types,
        Some(vec![PaymentMethodType::Alipay])
    );
}

#[test]
fn the_documented_response_decodes_into_payment_intent() {
    let intent: PaymentIntent =
        serde_json::from_value(documented_cancel_response()).expect("the example decodes");
    assert_eq!(intent.amount, 0);
    assert_eq!(
        intent.setup_future_usage,
        Some(SetupFutureUsage::OffSession)
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

/// The pages document `created` in Unix seconds, and their PaymentIntent
/// examples show milliseconds (`1671261323000`): both read as the same
/// instant, and each is written back as it came.
#[test]
fn times_in_seconds_and_milliseconds_are_one_instant() {
    let mut response = documented_cancel_response();
    for (created, written) in [
        (1_671_261_323_000_i64, "1671261323000"),
        (1_671_261_323, "1671261323"),
    ] {
        response["created"] = json!(created);
        let intent: PaymentIntent = serde_json::from_value(response.clone()).unwrap();
        let time = intent.created.expect("the example has `created`");
        assert_eq!(time.unix_seconds(), 1_671_261_323);
        assert_eq!(time.to_string(), "2022-12-17T07:15:23Z");
        assert_eq!(
            serde_json::to_value(&intent).unwrap()["created"].to_string(),
            written
        );
    }
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
        Some(SetupFutureUsage::Unknown("on_a_whim".to_owned()))
    );
    assert_eq!(
        intent.payment_method_types,
        Some(vec![
            PaymentMethodType::Card,
            PaymentMethodType::Unknown("quantum_wallet".to_owned())
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

/// A page of the list endpoint with the given ids.
fn page(ids: &[&str], has_more: bool) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "amount": 100, "currency": "USD"}))
        .collect();
    json!({"object": "list", "url": "/v1/payment_intents", "has_more": has_more, "data": data})
}

#[tokio::test]
async fn list_stream_walks_every_page_with_the_last_id_as_cursor() {
    use futures::TryStreamExt;
    use wiremock::matchers::query_param;
    use wiremock::matchers::query_param_is_missing;
    use wooshpay::models::{ListRequest, ListRequestCreated};

    let server = MockServer::start().await;
    // The filters documented as a JSON body on this GET go in the query.
    let filters = || query_param("limit", "2");
    Mock::given(method("GET"))
        .and(path("/v1/payment_intents"))
        .and(filters())
        .and(query_param("created[gt]", "1700000000"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["pi_1", "pi_2"], true)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(filters())
        .and(query_param("starting_after", "pi_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["pi_3", "pi_4"], true)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(filters())
        .and(query_param("starting_after", "pi_4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["pi_5"], false)))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .unwrap();
    let filters = ListRequest::new()
        .limit(2)
        .created(ListRequestCreated::new().gt("1700000000"));
    let intents: Vec<PaymentIntent> = client
        .payment_intents()
        .list_stream(&filters)
        .try_collect()
        .await
        .expect("every page is read");
    let ids: Vec<_> = intents
        .iter()
        .map(|intent| intent.id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["pi_1", "pi_2", "pi_3", "pi_4", "pi_5"]);
}

#[test]
fn webhook_deliveries_are_verified_and_typed() {
    use wooshpay::Secret;
    use wooshpay::runtime::webhook_hmac::signature_header;
    use wooshpay::webhook::{Event, EventObject, EventType, WebhookError, construct_event};

    let secret = Secret::from("whsec_test_secret");
    let payload = json!({
        "id": "evt_1", "object": "event", "api_version": "2022-11-15", "created": 1687845303,
        "type": "payment_intent.succeeded", "livemode": false, "pending_webhooks": 1,
        "data": {"object": {"id": "pi_1", "amount": 1000, "currency": "USD", "status": "succeeded"}}
    })
    .to_string();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = signature_header(payload.as_bytes(), &secret, now);

    let event: Event =
        construct_event(payload.as_bytes(), &header, &secret).expect("a valid delivery");
    assert_eq!(event.type_, EventType::PaymentIntentSucceeded);
    let EventObject::PaymentIntent(intent) = &event.data.object else {
        panic!("a payment_intent event carries a PaymentIntent: {event:?}");
    };
    assert_eq!(intent.amount, 1000);

    let unknown = payload.replace("payment_intent.succeeded", "payment_intent.teleported");
    let header = signature_header(unknown.as_bytes(), &secret, now);
    let event: Event =
        construct_event(unknown.as_bytes(), &header, &secret).expect("a valid delivery");
    assert_eq!(
        event.type_,
        EventType::Unknown("payment_intent.teleported".to_owned())
    );

    let tampered = payload.replace("1000", "1");
    let error = construct_event(tampered.as_bytes(), &header, &secret).unwrap_err();
    assert!(
        matches!(error, WebhookError::NoMatchingSignature),
        "{error:?}"
    );
}

#[tokio::test]
async fn no_secret_shows_in_debug_or_display() {
    let secret_key = "sk_live_DO_NOT_PRINT_4242";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(402).set_body_json(json!({
            "error": {"type": "card_error", "code": "card_declined", "message": "Your card was declined.", "decline_code": "insufficient_funds"}
        })))
        .mount(&server)
        .await;
    let builder = Client::builder(secret_key).base_url(server.uri());
    let builder_text = format!("{builder:?}");
    let client = builder.build().unwrap();
    let credentials = wooshpay::Credentials::from(secret_key);
    let error = client
        .payment_intents()
        .cancel("pi_1", &CancelPaymentIntentRequest::new("duplicate"))
        .await
        .unwrap_err();
    let api_error = error.api_error().expect("an API error");
    assert_eq!(api_error.status().as_u16(), 402);
    assert_eq!(api_error.code(), Some("card_declined"));
    for text in [
        builder_text,
        format!("{client:?}"),
        format!("{credentials:?}"),
        format!("{error:?}"),
        format!("{error}"),
    ] {
        assert!(!text.contains(secret_key), "a secret leaked: {text}");
        assert!(
            !text.contains("c2tfbGl2ZV9ET19OT1RfUFJJTlRfNDI0Mjo"),
            "the Authorization value leaked: {text}"
        );
    }
}

/// The documented examples of the seed pages, through the generated types.
#[test]
fn the_seeds_documented_examples_round_trip() {
    use sdk_tests::assert_round_trip;
    use wooshpay::models::ListRequest;
    use wooshpay::payment_intents::{ListPaymentIntentsResponse, UpdatePaymentIntentRequest};

    // Cancel a PaymentIntent (000): request and response.
    let cancel = documented_examples(&seed("000"));
    assert_round_trip::<CancelPaymentIntentRequest>(&cancel[0], &[]);
    assert_round_trip::<PaymentIntent>(&cancel[1], &[]);

    // Update a PaymentIntent (003): the response is a real one, with JSON in
    // strings (read leniently) and a key the schema does not declare.
    let update = documented_examples(&seed("003"));
    assert_round_trip::<UpdatePaymentIntentRequest>(&update[0], &[]);
    assert_round_trip::<PaymentIntent>(&update[1], &["cancel_at"]);

    // List all PaymentIntents (004): the filters and the page.
    let list = documented_examples(&seed("004"));
    assert_round_trip::<ListRequest>(&list[0], &[]);
    assert_round_trip::<ListPaymentIntentsResponse>(&list[1], &[]);
}

/// What a merchant's checkout does: create a PaymentIntent, confirm it,
/// capture it, refund part of it, and read the refund's status. Each POST
/// carries its own idempotency key: the caller's on create and capture, a
/// fresh one on confirm and refund, never one call's key on another.
#[tokio::test]
async fn a_payment_is_created_confirmed_captured_and_partly_refunded() {
    use wiremock::matchers::header_exists;
    use wooshpay::models::{PaymentIntentStatus, RefundStatus};
    use wooshpay::payment_intents::{
        CapturePaymentIntentRequest, ConfirmPaymentIntentRequest, CreatePaymentIntentRequest,
    };
    use wooshpay::refunds::CreateRefundRequest;

    let server = MockServer::start().await;
    let intent = |status: &str, received: i64| {
        json!({"id": "pi_1", "object": "payment_intent", "amount": 1000, "currency": "USD",
               "status": status, "amount_received": received, "capture_method": "manual"})
    };
    Mock::given(method("POST"))
        .and(path("/v1/payment_intents"))
        .and(header("idempotency-key", "order-42-create"))
        .and(body_json(
            json!({"amount": 1000, "currency": "USD", "description": "Order 42"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(intent("requires_confirmation", 0)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/payment_intents/pi_1/confirm"))
        .and(header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intent("requires_capture", 0)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/payment_intents/pi_1/capture"))
        .and(header("idempotency-key", "order-42-capture"))
        .and(body_json(json!({"amount_to_capture": 1000})))
        .respond_with(ResponseTemplate::new(200).set_body_json(intent("succeeded", 1000)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .and(header_exists("idempotency-key"))
        .and(body_json(
            json!({"amount": 300, "payment_intent": "pi_1", "reason": "requested_by_customer"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "re_1", "object": "refund", "amount": 300, "currency": "USD",
            "payment_intent": "pi_1", "reason": "requested_by_customer", "status": "succeeded"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .unwrap();
    let payments = client.payment_intents();
    let created = payments
        .create(&CreatePaymentIntentRequest::new(1000, "USD").description("Order 42"))
        .idempotency_key("order-42-create")
        .await
        .expect("created");
    assert_eq!(
        created.status,
        Some(PaymentIntentStatus::RequiresConfirmation)
    );
    let id = created.id.as_deref().unwrap();
    let confirmed = payments
        .confirm(id, &ConfirmPaymentIntentRequest::new())
        .await
        .expect("confirmed");
    assert_eq!(confirmed.status, Some(PaymentIntentStatus::RequiresCapture));
    let captured = payments
        .capture(
            id,
            &CapturePaymentIntentRequest::new().amount_to_capture(1000),
        )
        .idempotency_key("order-42-capture")
        .await
        .expect("captured");
    assert_eq!(captured.status, Some(PaymentIntentStatus::Succeeded));
    assert_eq!(captured.amount_received, Some(1000));
    let refund = client
        .refunds()
        .create(
            &CreateRefundRequest::new()
                .amount(300)
                .payment_intent("pi_1")
                .reason(wooshpay::refunds::CreateRefundRequestReason::RequestedByCustomer),
        )
        .send_with_response()
        .await
        .expect("refunded");
    assert_eq!(refund.data.status, Some(RefundStatus::Succeeded));
    assert_eq!(refund.data.amount, Some(300));

    // Four POSTs, four different keys.
    let requests = server.received_requests().await.unwrap();
    let keys: std::collections::BTreeSet<_> = requests
        .iter()
        .map(|request| {
            request
                .headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
}

/// Card data in a request never reaches `Debug` (and so never a log line).
#[test]
fn card_data_is_redacted_in_debug() {
    use wooshpay::payment_intents::CreatePaymentIntentRequest;
    let request: CreatePaymentIntentRequest = serde_json::from_value(json!({
        "amount": 1000, "currency": "USD",
        "payment_method_data": {"type": "card", "card": {
            "number": "4242424242424242", "exp_month": "12", "exp_year": "2030", "cvc": "737"
        }}
    }))
    .expect("the request decodes");
    let text = format!("{request:?}");
    for secret in ["4242424242424242", "737", "2030"] {
        assert!(!text.contains(secret), "`{secret}` leaked: {text}");
    }
    assert!(text.contains("[redacted]"), "{text}");
}
