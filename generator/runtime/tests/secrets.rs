//! No secret reaches `Debug` or `Display`: clients and builders, credentials,
//! options, and every kind of error, for every authentication scheme.

mod support;

use std::fmt::Debug;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sdk_runtime::webhook_hmac::{self as webhook, DEFAULT_TOLERANCE};
use sdk_runtime::{
    ApiClient, Auth, ClientBuilder, Error, KeyLocation, Method, Request, RequestOptions, Secret,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BASIC_USER: &str = "sk_test_BASICUSER7f3a";
const BASIC_PASSWORD: &str = "pw-BASICPASS91c2";
const BEARER: &str = "tok-BEARER55e1";
const HEADER_KEY: &str = "key-HEADER0b9d";
const QUERY_KEY: &str = "key-QUERY4c8e";
const COOKIE_KEY: &str = "key-COOKIEd2f1";
const URL_PASSWORD: &str = "urlpass-URLPASS9z8y";
const WEBHOOK_SECRET: &str = "whsec_WEBHOOKa1b2";

/// Text that must never be shown: each secret, the distinctive part of it,
/// and the encodings in which credentials travel.
fn forbidden() -> Vec<String> {
    let mut texts: Vec<String> = [
        BASIC_USER,
        BASIC_PASSWORD,
        BEARER,
        HEADER_KEY,
        QUERY_KEY,
        COOKIE_KEY,
        URL_PASSWORD,
        WEBHOOK_SECRET,
        "BASICUSER",
        "BASICPASS",
        "BEARER55e1",
        "HEADER0b9d",
        "QUERY4c8e",
        "COOKIEd2f1",
        "URLPASS",
        "WEBHOOKa1b2",
        "INVALIDCRED",
    ]
    .map(str::to_owned)
    .to_vec();
    texts.push(base64(&format!("{BASIC_USER}:{BASIC_PASSWORD}")));
    texts.push(base64(&format!("{BASIC_USER}:")));
    texts
}

/// Standard base64, to look for an `Authorization: Basic` value.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Everything shown of `value`: `Debug`, pretty `Debug`.
fn debug_of(value: &impl Debug) -> Vec<String> {
    vec![format!("{value:?}"), format!("{value:#?}")]
}

/// Everything shown of an error: `Debug`, `Display` and its sources'.
fn shown_error(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut shown = vec![
        format!("{error}"),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let mut source = error.source();
    while let Some(inner) = source {
        shown.push(format!("{inner}"));
        shown.push(format!("{inner:?}"));
        source = inner.source();
    }
    shown
}

fn assert_no_secret(what: &str, shown: &[String]) {
    for text in shown {
        for secret in forbidden() {
            assert!(!text.contains(&secret), "{what} shows `{secret}`:\n{text}");
        }
    }
}

fn schemes() -> Vec<(&'static str, Auth)> {
    vec![
        ("basic", Auth::basic(BASIC_USER, BASIC_PASSWORD)),
        ("basic without password", Auth::basic(BASIC_USER, "")),
        ("bearer", Auth::none().and_bearer(BEARER)),
        (
            "api key in a header",
            Auth::none().and_api_key(KeyLocation::Header, "X-Api-Key", HEADER_KEY),
        ),
        (
            "api key in the query",
            Auth::none().and_api_key(KeyLocation::Query, "api_key", QUERY_KEY),
        ),
        (
            "api key in a cookie",
            Auth::none().and_api_key(KeyLocation::Cookie, "session", COOKIE_KEY),
        ),
        (
            "all at once",
            Auth::basic(BASIC_USER, BASIC_PASSWORD)
                .and_bearer(BEARER)
                .and_api_key(KeyLocation::Header, "X-Api-Key", HEADER_KEY)
                .and_api_key(KeyLocation::Query, "api_key", QUERY_KEY)
                .and_api_key(KeyLocation::Cookie, "session", COOKIE_KEY),
        ),
    ]
}

async fn mock_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api-error"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {
            "type": "invalid_request_error",
            "message": "Invalid API Key provided: sk_test_****7f3a"
        }})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/decode"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"id\": 1}"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    server
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Typed {
    id: String,
}

#[tokio::test]
async fn no_secret_is_shown_by_clients_credentials_options_or_errors() {
    let server = mock_server().await;
    let (_held, closed_port) = support::refusing_port();
    let options = RequestOptions::new()
        .idempotency_key("order-1")
        .timeout(Duration::from_millis(200));
    assert_no_secret("RequestOptions", &debug_of(&options));

    for (scheme, auth) in schemes() {
        let what = |thing: &str| format!("{thing} ({scheme})");
        assert_no_secret(&what("Auth"), &debug_of(&auth));

        let builder = ClientBuilder::<ApiClient>::new(server.uri(), auth.clone())
            .timeout(Duration::from_millis(200))
            .max_retries(0);
        assert_no_secret(&what("ClientBuilder"), &debug_of(&builder));
        let client = builder.build().unwrap();
        assert_no_secret(&what("ApiClient"), &debug_of(&client));

        let get = |path: &str| Request::new(Method::GET, path);
        let api = client
            .send_json::<Typed>(get("/api-error"), &options)
            .await
            .unwrap_err();
        assert!(matches!(api, Error::Api(_)), "{api:?}");
        let decode = client
            .send_json::<Typed>(get("/decode"), &options)
            .await
            .unwrap_err();
        assert!(matches!(decode, Error::Decode(_)), "{decode:?}");
        let timeout = client
            .send_json::<Typed>(get("/slow"), &options)
            .await
            .unwrap_err();
        assert!(matches!(timeout, Error::Timeout), "{timeout:?}");

        // A base URL with credentials of its own, to a port nobody listens on.
        let unreachable = ClientBuilder::<ApiClient>::new(
            format!("http://user:{URL_PASSWORD}@127.0.0.1:{closed_port}/v1?token={URL_PASSWORD}"),
            auth,
        )
        .max_retries(0)
        .build()
        .unwrap();
        assert_no_secret(
            &what("ApiClient with URL credentials"),
            &debug_of(&unreachable),
        );
        let transport = unreachable
            .send_json::<Typed>(get("/charges"), &options)
            .await
            .unwrap_err();
        assert!(matches!(transport, Error::Transport(_)), "{transport:?}");

        for (kind, error) in [
            ("API error", &api),
            ("decode error", &decode),
            ("timeout", &timeout),
            ("transport error", &transport),
        ] {
            assert_no_secret(&what(kind), &shown_error(error));
        }
    }

    // The credentials did travel, so their absence above means something.
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<String> = requests
        .iter()
        .map(|request| format!("{} {:?}", request.url, request.headers))
        .collect();
    for needle in [
        base64(&format!("{BASIC_USER}:{BASIC_PASSWORD}")),
        BEARER.to_owned(),
        HEADER_KEY.to_owned(),
        QUERY_KEY.to_owned(),
        COOKIE_KEY.to_owned(),
    ] {
        assert!(
            sent.iter().any(|request| request.contains(&needle)),
            "`{needle}` was never sent"
        );
    }
}

#[tokio::test]
async fn a_credential_that_is_not_a_header_value_is_not_shown() {
    let server = mock_server().await;
    for auth in [
        Auth::none().and_bearer("tok\nINVALIDCRED"),
        Auth::none().and_api_key(KeyLocation::Header, "X-Api-Key", "INVALIDCRED\r\n"),
    ] {
        let client = ClientBuilder::<ApiClient>::new(server.uri(), auth)
            .build()
            .unwrap();
        let error = client
            .send_empty(Request::new(Method::GET, "/decode"), &RequestOptions::new())
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert_no_secret("invalid credential", &shown_error(&error));
    }
}

#[test]
fn webhook_errors_do_not_show_the_secret() {
    let secret = Secret::new(WEBHOOK_SECRET);
    assert_no_secret("webhook secret", &debug_of(&secret));
    assert_no_secret("webhook secret", &[secret.to_string()]);
    let body = br#"{"id": "evt_1", "type": "x", "data": {"object": 5}}"#;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let valid = webhook::signature_header(body, &secret, now);
    let at = |seconds| UNIX_EPOCH + Duration::from_secs(seconds);
    let mut errors = vec![
        webhook::verify_signature(body, "", &secret, DEFAULT_TOLERANCE),
        webhook::verify_signature(body, "t=abc,v1=00", &secret, DEFAULT_TOLERANCE),
        webhook::verify_signature(body, &format!("t={now}"), &secret, DEFAULT_TOLERANCE),
        webhook::verify_signature(b"{}", &valid, &secret, DEFAULT_TOLERANCE),
        webhook::verify_signature_at(body, &valid, &secret, DEFAULT_TOLERANCE, at(now + 3600)),
    ];
    errors.push(
        webhook::construct_event::<String, String>(body, &valid, &secret, DEFAULT_TOLERANCE)
            .map(|_| ()),
    );
    assert_eq!(errors.len(), 6);
    for result in errors {
        let error = result.expect_err("each case fails");
        assert_no_secret("webhook error", &shown_error(&error));
    }
}
