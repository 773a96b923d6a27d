//! Retries against a mock server: what is retried, with which idempotency
//! key, and when retrying stops.

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use sdk_runtime::{ApiClient, Auth, ClientBuilder, Error, Method, Request, RequestOptions};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

/// Answers with `responses` in turn, then keeps answering with the last.
struct Sequence(Mutex<Vec<ResponseTemplate>>);

impl Sequence {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        let mut responses = responses;
        responses.reverse();
        Self(Mutex::new(responses))
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let mut responses = self.0.lock().unwrap();
        if responses.len() > 1 {
            responses.pop().unwrap()
        } else {
            responses[0].clone()
        }
    }
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "ch_1"}))
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"error": {"type": "api_error"}}))
}

/// A client of `server` whose retries wait next to nothing.
fn builder(server: &MockServer) -> ClientBuilder<ApiClient> {
    ClientBuilder::new(server.uri(), Auth::basic("sk_test_retry", ""))
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
}

async fn mount(server: &MockServer, verb: &str, responses: Vec<ResponseTemplate>) {
    Mock::given(method(verb))
        .and(path("/v1/charges"))
        .respond_with(Sequence::new(responses))
        .mount(server)
        .await;
}

/// The `Idempotency-Key` of every request received, in order.
async fn keys(server: &MockServer) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            let values: Vec<_> = request.headers.get_all("idempotency-key").iter().collect();
            assert!(values.len() <= 1, "one Idempotency-Key at most");
            values
                .first()
                .map(|value| value.to_str().unwrap().to_owned())
        })
        .collect()
}

fn post() -> Request {
    Request::new(Method::POST, "/v1/charges").json(&json!({"amount": 100}))
}

fn api_status(error: &Error) -> u16 {
    match error {
        Error::Api(error) => error.status().as_u16(),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_post_survives_500_503_and_429_with_one_generated_key() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        vec![
            status(500),
            status(503),
            status(429).insert_header("Retry-After", "0"),
            ok(),
        ],
    )
    .await;
    let client = builder(&server).max_retries(3).build().unwrap();

    let charge: Value = client
        .send_json(post(), &RequestOptions::new())
        .await
        .unwrap();

    assert_eq!(charge["id"], "ch_1");
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 4, "three failures and the success");
    let key = keys[0].clone().expect("a generated key");
    assert!(keys.iter().all(|k| k.as_deref() == Some(key.as_str())));
    let uuid = uuid::Uuid::parse_str(&key).expect("the key is a UUID");
    assert_eq!(uuid.get_version_num(), 4);
}

#[tokio::test]
async fn each_call_gets_its_own_key() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![ok()]).await;
    let client = builder(&server).build().unwrap();
    for _ in 0..2 {
        let _: Value = client
            .send_json(post(), &RequestOptions::new())
            .await
            .unwrap();
    }
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[tokio::test]
async fn a_key_of_the_callers_is_sent_on_every_attempt() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(502), ok()]).await;
    let client = builder(&server).build().unwrap();
    let options = RequestOptions::new().idempotency_key("order-42");
    let _: Value = client.send_json(post(), &options).await.unwrap();
    assert_eq!(
        keys(&server).await,
        [Some("order-42".to_owned()), Some("order-42".to_owned())]
    );
}

#[tokio::test]
async fn a_key_among_the_operations_headers_wins_and_is_not_doubled() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(500), ok()]).await;
    let client = builder(&server).build().unwrap();
    let request = post().header("Idempotency-Key", "from-parameter");
    let options = RequestOptions::new().idempotency_key("from-options");
    let _: Value = client.send_json(request, &options).await.unwrap();
    assert_eq!(
        keys(&server).await,
        [
            Some("from-parameter".to_owned()),
            Some("from-parameter".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_post_without_a_key_is_never_retried() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(500), ok()]).await;
    let client = builder(&server).max_retries(5).build().unwrap();
    let options = RequestOptions::new().without_idempotency_key();

    let error = client
        .send_json::<Value>(post(), &options)
        .await
        .unwrap_err();

    assert_eq!(api_status(&error), 500);
    assert_eq!(keys(&server).await, [None]);
}

#[tokio::test]
async fn an_api_that_ignores_keys_gets_none_and_no_post_retries() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(500), ok()]).await;
    let client = builder(&server)
        .idempotency_keys(false)
        .max_retries(5)
        .build()
        .unwrap();

    let error = client
        .send_json::<Value>(post(), &RequestOptions::new())
        .await
        .unwrap_err();

    assert_eq!(api_status(&error), 500);
    assert_eq!(keys(&server).await, [None]);
}

#[tokio::test]
async fn a_callers_key_still_makes_a_post_retryable_when_the_api_ignores_keys() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(500), ok()]).await;
    let client = builder(&server).idempotency_keys(false).build().unwrap();

    client
        .send_json::<Value>(post(), &RequestOptions::new().idempotency_key("order-42"))
        .await
        .unwrap();

    let sent = keys(&server).await;
    assert_eq!(
        sent,
        [Some("order-42".to_owned()), Some("order-42".to_owned())]
    );
}

#[tokio::test]
async fn a_patch_without_a_key_is_never_retried() {
    let server = MockServer::start().await;
    mount(&server, "PATCH", vec![status(503), ok()]).await;
    let client = builder(&server).build().unwrap();
    let request = Request::new(Method::PATCH, "/v1/charges");
    let options = RequestOptions::new().without_idempotency_key();
    let error = client.send_empty(request, &options).await.unwrap_err();
    assert_eq!(api_status(&error), 503);
    assert_eq!(keys(&server).await.len(), 1);
}

#[tokio::test]
async fn idempotent_methods_are_retried_without_a_key() {
    for verb in [Method::GET, Method::PUT, Method::DELETE] {
        let server = MockServer::start().await;
        mount(&server, verb.as_str(), vec![status(503), ok()]).await;
        let client = builder(&server).build().unwrap();
        let request = Request::new(verb.clone(), "/v1/charges");
        let options = RequestOptions::new().without_idempotency_key();
        let _: Value = client.send_json(request, &options).await.unwrap();
        assert_eq!(keys(&server).await, [None, None], "{verb}");
    }
}

#[tokio::test]
async fn a_get_gets_no_generated_key() {
    let server = MockServer::start().await;
    mount(&server, "GET", vec![ok()]).await;
    let client = builder(&server).build().unwrap();
    let _: Value = client
        .send_json(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(keys(&server).await, [None]);
}

#[tokio::test]
async fn retries_stop_at_the_configured_count() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(503)]).await;
    let client = builder(&server).max_retries(2).build().unwrap();
    let error = client
        .send_json::<Value>(post(), &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(api_status(&error), 503);
    assert_eq!(
        keys(&server).await.len(),
        3,
        "the first attempt and 2 retries"
    );

    // A call can lower the count.
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(503)]).await;
    let client = builder(&server).max_retries(2).build().unwrap();
    let options = RequestOptions::new().max_retries(0);
    client
        .send_json::<Value>(post(), &options)
        .await
        .unwrap_err();
    assert_eq!(keys(&server).await.len(), 1);
}

#[tokio::test]
async fn the_default_policy_retries_twice() {
    let server = MockServer::start().await;
    mount(&server, "GET", vec![status(500)]).await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    client
        .send_empty(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(keys(&server).await.len(), 3);
}

#[tokio::test]
async fn retries_stop_at_the_time_budget() {
    let server = MockServer::start().await;
    mount(&server, "POST", vec![status(503)]).await;
    let client = builder(&server)
        .max_retries(10)
        .retry_base_delay(Duration::from_millis(200))
        .retry_max_delay(Duration::from_secs(10))
        .retry_budget(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    client
        .send_json::<Value>(post(), &RequestOptions::new())
        .await
        .unwrap_err();
    // Waits of 100..=200 ms, then 200..=400 ms: the second wait cannot end
    // within 300 ms except in the rare case of both minimal waits and a
    // near-instant server.
    let attempts = keys(&server).await.len();
    assert!((2..=3).contains(&attempts), "{attempts} attempts");
    assert!(started.elapsed() < Duration::from_millis(600));
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        vec![status(429).insert_header("Retry-After", "1"), ok()],
    )
    .await;
    let client = builder(&server)
        .retry_budget(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .send_empty(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(api_status(&error), 429);
    assert_eq!(
        error.api_error().unwrap().retry_after(),
        Some(Duration::from_secs(1))
    );
    assert_eq!(keys(&server).await.len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        vec![status(429).insert_header("Retry-After", "1"), ok()],
    )
    .await;
    let client = builder(&server).build().unwrap();
    let started = Instant::now();
    let _: Value = client
        .send_json(post(), &RequestOptions::new())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?} instead of the server's 1 s",
        started.elapsed()
    );
    assert_eq!(keys(&server).await.len(), 2);
}

#[tokio::test]
async fn a_timeout_surfaces_as_timeout() {
    let server = MockServer::start().await;
    mount(&server, "GET", vec![ok().set_delay(Duration::from_secs(3))]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .send_empty(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(error.is_timeout());
    assert!(started.elapsed() < Duration::from_secs(2));

    // A per-call timeout applies too, and timeouts are retried.
    let client = builder(&server).max_retries(1).build().unwrap();
    let options = RequestOptions::new().timeout(Duration::from_millis(100));
    let error = client
        .send_empty(Request::new(Method::GET, "/v1/charges"), &options)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(keys(&server).await.len(), 3, "1 + 2 attempts");
}

#[tokio::test]
async fn a_post_without_a_key_that_times_out_is_not_sent_again() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        vec![ok().set_delay(Duration::from_secs(3))],
    )
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let options = RequestOptions::new().without_idempotency_key();
    let error = client.send_empty(post(), &options).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(keys(&server).await.len(), 1);
}

#[tokio::test]
async fn an_idempotency_conflict_is_surfaced_not_retried() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        vec![
            ResponseTemplate::new(409).set_body_json(json!({"error": {
                "type": "idempotency_error",
                "message": "Keys for idempotent requests can only be used with the same parameters"
            }})),
            ok(),
        ],
    )
    .await;
    let client = builder(&server).build().unwrap();
    let error = client
        .send_json::<Value>(post(), &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(api_status(&error), 409);
    assert!(error.api_error().unwrap().is_idempotency_conflict());
    assert_eq!(keys(&server).await.len(), 1);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for code in [400, 401, 402, 404] {
        let server = MockServer::start().await;
        mount(&server, "POST", vec![status(code), ok()]).await;
        let client = builder(&server).build().unwrap();
        let error = client
            .send_json::<Value>(post(), &RequestOptions::new())
            .await
            .unwrap_err();
        assert_eq!(api_status(&error), code);
        assert_eq!(keys(&server).await.len(), 1, "{code}");
    }
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error_after_retries() {
    let (_held, port) = support::refusing_port();
    let client = ClientBuilder::<ApiClient>::new(format!("http://127.0.0.1:{port}"), Auth::none())
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let error = client
        .send_empty(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}
