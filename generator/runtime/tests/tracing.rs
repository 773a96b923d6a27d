//! The spans and events of a call: what they record, and that no credential
//! is among it. (One test in its own binary, so that the subscriber set here
//! sees every callsite.)

mod support;

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sdk_runtime::{ApiClient, Auth, ClientBuilder, KeyLocation, Method, Request, RequestOptions};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::{Interest, Subscriber};
use tracing::{Event, Metadata};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Writes every span, field recorded later and event as a line of text.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.lines.lock().unwrap().push(line);
    }

    fn text(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }
}

impl Subscriber for Capture {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::always()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        self.push(format!("span {id} {}{}", span.metadata().name(), fields.0));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        self.push(format!("record {}{}", span.into_u64(), fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.push(format!("event {}{}", event.metadata().level(), fields.0));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn each_call_and_attempt_is_a_span_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "ch_1"})))
        .mount(&server)
        .await;
    let auth = Auth::basic("sk_test_TRACEDKEY", "TRACEDPASS")
        .and_api_key(KeyLocation::Query, "api_key", "TRACEDQUERY")
        .and_api_key(KeyLocation::Header, "X-Api-Key", "TRACEDHEADER");
    let client = ClientBuilder::<ApiClient>::new(server.uri(), auth)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let request = Request::new(Method::POST, "/v1/charges")
        .query("expand", &["TRACEDPARAM"])
        .header("X-Custom", "TRACEDCUSTOM")
        .json(&json!({"card": "TRACEDBODY"}));
    let _: serde_json::Value = client
        .send_json(
            request,
            &RequestOptions::new().idempotency_key("TRACEDIDEM"),
        )
        .await
        .unwrap();

    let text = capture.text();
    assert!(
        text.contains("api_request method=POST path=\"/v1/charges\""),
        "{text}"
    );
    assert!(text.contains("attempt attempt=1"), "{text}");
    assert!(text.contains("attempt attempt=2"), "{text}");
    assert!(text.contains("status=503"), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("attempts=2"), "{text}");
    assert!(text.contains("retrying the request"), "{text}");
    for secret in ["TRACED", "api_key", "Basic "] {
        assert!(!text.contains(secret), "`{secret}` was traced:\n{text}");
    }

    // Connection failures are retried too, and say so.
    let (_held, closed_port) = support::refusing_port();
    let unreachable =
        ClientBuilder::<ApiClient>::new(format!("http://127.0.0.1:{closed_port}"), Auth::none())
            .retry_base_delay(Duration::from_millis(1))
            .build()
            .unwrap();
    let before = capture.lines.lock().unwrap().len();
    unreachable
        .send_empty(
            Request::new(Method::GET, "/v1/charges"),
            &RequestOptions::new(),
        )
        .await
        .unwrap_err();
    let retries = capture.lines.lock().unwrap()[before..]
        .iter()
        .filter(|line| line.contains("retrying the request") && line.contains("connection failed"))
        .count();
    assert_eq!(retries, 2, "{}", capture.text());
}
