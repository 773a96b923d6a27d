//! Walking a list page by page against a mock server, the way a generated
//! `…_stream` method does.

use futures::{Stream, StreamExt, TryStreamExt};
use sdk_runtime::{
    ApiClient, Auth, ClientBuilder, Error, HasId, Method, Page, Request, RequestOptions, paginate,
};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A list page as the generator emits it.
#[derive(Debug, Deserialize)]
struct ChargeList {
    #[allow(dead_code)]
    object: String,
    data: Vec<Charge>,
    has_more: bool,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Charge {
    id: Option<String>,
}

impl Page for ChargeList {
    type Item = Charge;
    fn into_parts(self) -> (Vec<Charge>, bool) {
        (self.data, self.has_more)
    }
}

impl HasId for Charge {
    fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

fn page(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "list",
        "url": "/v1/charges",
        "has_more": has_more,
        "data": data,
    }))
}

/// Serves `response` for the page after `after`, and checks on drop that it
/// was asked for exactly `times` times.
async fn mount_page(
    server: &MockServer,
    after: Option<&str>,
    response: ResponseTemplate,
    times: u64,
) {
    let mock = Mock::given(method("GET")).and(path("/v1/charges"));
    let mock = match after {
        None => mock.and(query_param_is_missing("starting_after")),
        Some(after) => mock.and(query_param("starting_after", after)),
    };
    mock.and(query_param("limit", "2"))
        .respond_with(response)
        .expect(times)
        .mount(server)
        .await;
}

/// What a generated `list_stream` does: the same parameters on every page,
/// with the cursor as `starting_after`.
fn list_stream(client: &ApiClient) -> impl Stream<Item = Result<Charge, Error>> + '_ {
    paginate(move |starting_after: Option<String>| async move {
        let request = Request::new(Method::GET, "/v1/charges")
            .query("limit", &2)
            .query("starting_after", &starting_after);
        client
            .send_json::<ChargeList>(request, &RequestOptions::new())
            .await
    })
}

async fn cursors(server: &MockServer) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            request
                .url
                .query_pairs()
                .find(|(name, _)| name == "starting_after")
                .map(|(_, value)| value.into_owned())
        })
        .collect()
}

#[tokio::test]
async fn three_pages_yield_every_item_once_in_order() {
    let server = MockServer::start().await;
    mount_page(&server, None, page(&["ch_1", "ch_2"], true), 1).await;
    mount_page(&server, Some("ch_2"), page(&["ch_3", "ch_4"], true), 1).await;
    mount_page(&server, Some("ch_4"), page(&["ch_5"], false), 1).await;
    // Were the stream to continue past `has_more: false`, it would get this.
    mount_page(&server, Some("ch_5"), page(&["ch_6"], false), 0).await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .build()
        .unwrap();

    let charges: Vec<Charge> = list_stream(&client).try_collect().await.unwrap();

    let ids: Vec<_> = charges.iter().filter_map(|c| c.id.as_deref()).collect();
    assert_eq!(ids, ["ch_1", "ch_2", "ch_3", "ch_4", "ch_5"]);
    assert_eq!(
        cursors(&server).await,
        [None, Some("ch_2".to_owned()), Some("ch_4".to_owned())]
    );
}

#[tokio::test]
async fn pages_are_fetched_only_as_items_are_read() {
    let server = MockServer::start().await;
    mount_page(&server, None, page(&["ch_1", "ch_2"], true), 1).await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .build()
        .unwrap();
    let first_two: Vec<_> = list_stream(&client).take(2).collect().await;
    assert_eq!(first_two.len(), 2);
    assert_eq!(cursors(&server).await, [None]);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = MockServer::start().await;
    mount_page(&server, None, page(&["ch_1", "ch_2"], true), 1).await;
    mount_page(
        &server,
        Some("ch_2"),
        ResponseTemplate::new(400)
            .set_body_json(json!({"error": {"type": "invalid_request_error"}})),
        1,
    )
    .await;
    let client = ClientBuilder::<ApiClient>::new(server.uri(), Auth::none())
        .build()
        .unwrap();

    let results: Vec<_> = list_stream(&client).collect().await;

    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(
        results[2]
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(400)
    );
}
