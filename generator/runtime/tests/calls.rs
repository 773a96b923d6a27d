//! Calls: per-call options (idempotency keys, extra headers) and how they
//! combine with a handle's, responses with their request id, and raw
//! requests to endpoints the SDK does not know.

use std::pin::pin;
use std::sync::Mutex;
use std::time::Duration;

use futures::TryStreamExt;
use sdk_runtime::pagination::{HasId, Page, paginate};
use sdk_runtime::{
    ApiClient, Auth, Bytes, Call, ClientBuilder, Error, Method, Request, RequestOptions, Response,
};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

const SECRET_KEY: &str = "sk_test_CALLSKEY";

/// Answers with `responses` in turn, then keeps answering with the last.
struct Sequence(Mutex<Vec<ResponseTemplate>>);

impl Sequence {
    fn new(mut responses: Vec<ResponseTemplate>) -> Self {
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

async fn server_answering(responses: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/v1/charges"))
        .respond_with(Sequence::new(responses))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> ApiClient {
    ClientBuilder::new(server.uri(), Auth::basic(SECRET_KEY, ""))
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
        .build()
        .unwrap()
}

fn post() -> Request {
    Request::new(Method::POST, "/v1/charges").json(&json!({"amount": 100}))
}

/// The values of header `name` in every request received, in order.
async fn sent(server: &MockServer, name: &str) -> Vec<Vec<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            request
                .headers
                .get_all(name)
                .iter()
                .map(|value| value.to_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

/// The single `Idempotency-Key` of every request received.
async fn keys(server: &MockServer) -> Vec<Option<String>> {
    sent(server, "idempotency-key")
        .await
        .into_iter()
        .map(|values| {
            assert!(values.len() <= 1, "one Idempotency-Key at most: {values:?}");
            values.into_iter().next()
        })
        .collect()
}

#[derive(Debug, Deserialize, PartialEq)]
struct Charge {
    id: String,
}

#[tokio::test]
async fn each_call_has_its_own_key_and_none_leaks_to_the_next() {
    let server = server_answering(vec![ok()]).await;
    let client = client(&server);
    // The options of a handle that every call starts from.
    let handle = RequestOptions::new().header("X-Team", "payments");

    let created: Charge = Call::json(&client, post(), &handle)
        .idempotency_key("create-1")
        .await
        .unwrap();
    let _: Charge = Call::json(&client, post(), &handle)
        .idempotency_key("capture-1")
        .await
        .unwrap();
    let _: Value = Call::json(&client, post(), &handle).await.unwrap();
    let _: Value = Call::json(&client, post(), &handle).await.unwrap();

    assert_eq!(created.id, "ch_1");
    let keys = keys(&server).await;
    assert_eq!(keys[0].as_deref(), Some("create-1"));
    assert_eq!(keys[1].as_deref(), Some("capture-1"));
    let generated: Vec<&str> = keys[2..].iter().map(|k| k.as_deref().unwrap()).collect();
    for key in &generated {
        assert!(uuid::Uuid::parse_str(key).is_ok(), "{key} is generated");
    }
    assert_ne!(generated[0], generated[1], "a fresh key per call");
    assert_eq!(handle, RequestOptions::new().header("X-Team", "payments"));
    assert!(
        sent(&server, "x-team")
            .await
            .iter()
            .all(|values| values == &["payments"])
    );
}

#[tokio::test]
async fn a_retried_post_reuses_the_key_of_its_call() {
    let server = server_answering(vec![ResponseTemplate::new(503), ok()]).await;
    let client = client(&server);
    let _: Charge = Call::json(&client, post(), &RequestOptions::new())
        .await
        .unwrap();
    let server_given = server_answering(vec![ResponseTemplate::new(500), ok()]).await;
    let client_given = self::client(&server_given);
    let _: Charge = Call::json(&client_given, post(), &RequestOptions::new())
        .idempotency_key("order-7")
        .await
        .unwrap();

    let keys = keys(&server).await;
    assert_eq!(keys.len(), 2);
    assert!(keys[0].is_some());
    assert_eq!(keys[0], keys[1]);
    let given = self::keys(&server_given).await;
    assert_eq!(
        given,
        [Some("order-7".to_owned()), Some("order-7".to_owned())]
    );
}

#[test]
fn merged_options_keep_what_the_newer_ones_leave_unset() {
    let handle = RequestOptions::new()
        .idempotency_key("handle-key")
        .timeout(Duration::from_secs(5))
        .header("X-A", "1")
        .header("X-B", "2");

    // Only a retry count: the key, timeout and headers stay.
    assert_eq!(
        handle.clone().merge(RequestOptions::new().max_retries(0)),
        RequestOptions::new()
            .idempotency_key("handle-key")
            .timeout(Duration::from_secs(5))
            .header("X-A", "1")
            .header("X-B", "2")
            .max_retries(0)
    );
    // Set values win; a header of the same name (in any case) is replaced,
    // others are added.
    let newer = RequestOptions::new()
        .idempotency_key("call-key")
        .timeout(Duration::from_secs(1))
        .header("x-b", "3")
        .header("X-C", "4");
    assert_eq!(
        handle.clone().merge(newer),
        RequestOptions::new()
            .idempotency_key("call-key")
            .timeout(Duration::from_secs(1))
            .header("X-A", "1")
            .header("x-b", "3")
            .header("X-C", "4")
    );
    // Turning keys off is a setting too, and so is a key given afterwards.
    let off = handle
        .clone()
        .merge(RequestOptions::new().without_idempotency_key());
    assert_eq!(off, handle.clone().without_idempotency_key());
    assert_eq!(
        off.merge(RequestOptions::new().idempotency_key("again")),
        handle.clone().idempotency_key("again")
    );
    // Merging nothing changes nothing, and nothing merged with options
    // gives those options.
    assert_eq!(handle.clone().merge(RequestOptions::new()), handle);
    assert_eq!(RequestOptions::new().merge(handle.clone()), handle);
}

#[test]
fn an_idempotency_key_header_is_the_key() {
    assert_eq!(
        RequestOptions::new().header("idempotency-KEY", "k1"),
        RequestOptions::new().idempotency_key("k1")
    );
    assert_eq!(
        RequestOptions::new()
            .idempotency_key("old")
            .merge(RequestOptions::new().header("Idempotency-Key", "new")),
        RequestOptions::new().idempotency_key("new")
    );
    // Setting a header again replaces it.
    assert_eq!(
        RequestOptions::new().header("X-A", "1").header("x-a", "2"),
        RequestOptions::new().header("x-a", "2")
    );
}

#[tokio::test]
async fn an_idempotency_key_header_is_sent_once_on_every_attempt() {
    let server = server_answering(vec![ResponseTemplate::new(502), ok()]).await;
    let client = client(&server);
    let _: Value = Call::json(&client, post(), &RequestOptions::new())
        .header("idempotency-key", "from-header")
        .await
        .unwrap();
    assert_eq!(
        keys(&server).await,
        [
            Some("from-header".to_owned()),
            Some("from-header".to_owned())
        ]
    );
}

#[tokio::test]
async fn extra_headers_are_sent_and_replace_the_operations_own() {
    let server = server_answering(vec![ok()]).await;
    let client = client(&server);
    let handle = RequestOptions::new()
        .header("X-Tenant", "acme")
        .header("X-Version", "old");
    let request = post().header("X-Operation", &"from-spec");
    let _: Value = Call::json(&client, request, &handle)
        .header("X-Version", "2024-06-01")
        .header("x-operation", "from-caller")
        .await
        .unwrap();

    assert_eq!(sent(&server, "x-tenant").await, [["acme"]]);
    assert_eq!(sent(&server, "x-version").await, [["2024-06-01"]]);
    assert_eq!(sent(&server, "x-operation").await, [["from-caller"]]);
    let authorization = &sent(&server, "authorization").await[0];
    assert_eq!(authorization.len(), 1);
    assert!(authorization[0].starts_with("Basic "));
}

#[tokio::test]
async fn extra_headers_never_replace_credentials() {
    let server = server_answering(vec![ok()]).await;
    let client = client(&server);
    for name in ["Authorization", "authorization"] {
        let error = Call::<Value>::json(&client, post(), &RequestOptions::new())
            .header(name, "Bearer someone-else")
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(!error.to_string().contains("someone-else"), "{error}");
    }
    let error = Call::empty(&client, post(), &RequestOptions::new())
        .header("X Bad Name", "1")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    let error = Call::empty(&client, post(), &RequestOptions::new())
        .header("X-Ok", "line\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());

    // Without credentials on the request, the header is the caller's.
    let request = post().without_auth();
    let _: Value = Call::json(&client, request, &RequestOptions::new())
        .header("Authorization", "Bearer delegated")
        .await
        .unwrap();
    assert_eq!(sent(&server, "authorization").await, [["Bearer delegated"]]);
}

#[tokio::test]
async fn a_success_carries_its_request_id_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/charges"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": "ch_9"}))
                .insert_header("Request-Id", "req_success_1")
                .insert_header("X-Extra", "yes"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v1/other"))
        .respond_with(ResponseTemplate::new(200).insert_header("X-Request-Id", "req_x_2"))
        .mount(&server)
        .await;
    let client = client(&server);

    let response: Response<Charge> = Call::json(&client, post(), &RequestOptions::new())
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.data.id, "ch_9");
    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(response.request_id.as_deref(), Some("req_success_1"));
    assert_eq!(response.headers["x-extra"], "yes");
    let debug = format!("{response:?}");
    assert!(
        debug.contains("x-extra") && !debug.contains("yes"),
        "{debug}"
    );

    let other = Call::empty(
        &client,
        Request::new(Method::GET, "/v1/other"),
        &RequestOptions::new(),
    )
    .send_with_response()
    .await
    .unwrap();
    assert_eq!(other.request_id.as_deref(), Some("req_x_2"));
    let bytes: Response<Bytes> = Call::bytes(
        &client,
        Request::new(Method::GET, "/v1/other"),
        &RequestOptions::new(),
    )
    .send_with_response()
    .await
    .unwrap();
    assert!(bytes.data.is_empty());
    let text = Call::text(
        &client,
        Request::new(Method::GET, "/v1/charges"),
        &RequestOptions::new(),
    )
    .await
    .unwrap();
    assert!(text.contains("ch_9"));
}

#[tokio::test]
async fn a_raw_request_goes_through_auth_query_body_and_decoding() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/reports/run"))
        .and(query_param("limit", "10"))
        .and(query_param("created[gt]", "1700000000"))
        .and(query_param("expand", "data"))
        .and(header("x-report-format", "csv"))
        .and(body_json(json!({"kind": "balance"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "rep_1", "rows": 3}))
                .insert_header("request-id", "req_raw"),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1/reports/rep_1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    #[derive(serde::Serialize)]
    struct Params {
        limit: u32,
        created: Value,
        expand: Vec<&'static str>,
        skipped: Option<u32>,
    }
    let params = Params {
        limit: 10,
        created: json!({"gt": 1_700_000_000}),
        expand: vec!["data"],
        skipped: None,
    };
    let raw = || {
        client
            .request(Method::POST, "v1/reports/run")
            .query(&params)
            .json(&json!({"kind": "balance"}))
            .header("X-Report-Format", "csv")
    };

    let value: Value = raw().idempotency_key("report-1").await.unwrap();
    assert_eq!(value["rows"], 3);
    #[derive(Deserialize)]
    struct Report {
        id: String,
    }
    let typed: Report = raw().send().await.unwrap();
    assert_eq!(typed.id, "rep_1");
    let response = raw().send_with_response::<Report>().await.unwrap();
    assert_eq!(response.request_id.as_deref(), Some("req_raw"));
    let call: Call<'_, Report> = raw().into_call();
    assert_eq!(call.await.unwrap().id, "rep_1");
    // A typed answer that does not fit is a decode error, as for any call.
    let error = raw().send::<Vec<u32>>().await.unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    // An empty body reads as `null`.
    let deleted = client
        .request(Method::DELETE, "/v1/reports/rep_1")
        .await
        .unwrap();
    assert_eq!(deleted, Value::Null);

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 6);
    for request in &received {
        let authorization = request.headers.get("authorization").unwrap();
        assert!(authorization.to_str().unwrap().starts_with("Basic "));
    }
    let keys = keys(&server).await;
    assert_eq!(keys[0].as_deref(), Some("report-1"));
    assert!(keys[1].is_some() && keys[1] != keys[0] && keys[1] != keys[2]);
    assert_eq!(keys[5], None, "a DELETE gets no generated key");
}

#[tokio::test]
async fn a_raw_request_is_retried_and_reports_api_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/flaky"))
        .respond_with(Sequence::new(vec![
            ResponseTemplate::new(503),
            ResponseTemplate::new(200).set_body_json(json!({"ok": true})),
        ]))
        .mount(&server)
        .await;
    Mock::given(path("/v1/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error": {"type": "invalid_request_error"}}))
                .insert_header("Request-Id", "req_404"),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let value = client
        .request(Method::POST, "/v1/flaky")
        .json(&json!({}))
        .await
        .unwrap();
    assert_eq!(value["ok"], true);
    let flaky_keys: Vec<_> = keys(&server).await;
    assert_eq!(flaky_keys.len(), 2);
    assert_eq!(flaky_keys[0], flaky_keys[1]);

    let error = client
        .request(Method::GET, "/v1/missing")
        .max_retries(3)
        .await
        .unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.request_id(), Some("req_404"));
}

#[tokio::test]
async fn debug_shows_method_and_path_only() {
    let server = MockServer::start().await;
    let client = client(&server);
    let request = Request::new(Method::POST, "/v1/charges?expand=SECRETQUERY")
        .header("X-Operation", &"SECRETPARAM")
        .json(&json!({"card": "SECRETBODY"}));
    let call = Call::<Value>::json(
        &client,
        request,
        &RequestOptions::new().header("X-Handle", "SECRETHANDLE"),
    )
    .idempotency_key("SECRETKEY")
    .header("X-Api-Version", "SECRETHEADER");
    let raw = client
        .request(Method::PUT, "/v1/things")
        .json(&json!({"SECRETBODY": 1}))
        .header("X-Token", "SECRETHEADER");
    let options = RequestOptions::new()
        .header("X-Token", "SECRETHEADER")
        .idempotency_key("SECRETKEY");
    for shown in [
        format!("{call:?}"),
        format!("{call:#?}"),
        format!("{raw:?}"),
        format!("{options:?}"),
    ] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(!shown.contains(SECRET_KEY), "{shown}");
    }
    assert!(format!("{call:?}").contains("POST"));
    assert!(format!("{call:?}").contains("\"/v1/charges\""));
    assert!(format!("{raw:?}").contains("\"/v1/things\""));
    assert!(format!("{options:?}").contains("X-Token"));
}

#[tokio::test]
async fn calls_can_be_spawned() {
    let server = server_answering(vec![ok()]).await;
    let client = client(&server);
    let task = tokio::spawn(async move {
        Call::<Charge>::json(&client, post(), &RequestOptions::new())
            .idempotency_key("spawned")
            .await
    });
    assert_eq!(task.await.unwrap().unwrap().id, "ch_1");
    assert_eq!(keys(&server).await, [Some("spawned".to_owned())]);
}

#[derive(Deserialize)]
struct ChargeList {
    data: Vec<Charge>,
    has_more: bool,
}

impl Page for ChargeList {
    type Item = Charge;
    fn into_parts(self) -> (Vec<Charge>, bool) {
        (self.data, self.has_more)
    }
}

impl HasId for Charge {
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
}

#[tokio::test]
async fn pagination_awaits_calls() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/charges"))
        .and(query_param("starting_after", "ch_2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"id": "ch_3"}], "has_more": false})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v1/charges"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"id": "ch_1"}, {"id": "ch_2"}], "has_more": true})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let options = RequestOptions::new();
    let stream = paginate(|cursor: Option<String>| {
        let request = Request::new(Method::GET, "/v1/charges").query("starting_after", &cursor);
        Call::<ChargeList>::json(&client, request, &options)
    });
    let charges: Vec<Charge> = pin!(stream).try_collect().await.unwrap();
    let ids: Vec<&str> = charges.iter().map(|charge| charge.id.as_str()).collect();
    assert_eq!(ids, ["ch_1", "ch_2", "ch_3"]);
}
