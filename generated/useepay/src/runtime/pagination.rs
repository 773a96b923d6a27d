// @generated: a copy of generator/runtime/src/pagination.rs, made by `cargo xtask codegen`. Edit it there.

//! Walking through a list operation page by page.
//!
//! List operations answer with one page, shaped
//! `{"object": "list", "data": [...], "has_more": true}`, and take a
//! `starting_after` cursor: the id of the last item already seen. A page
//! type implements [`Page`], its items [`HasId`], and [`paginate`] turns a
//! function that fetches one page into a stream of every item.
//!
//! The generated code is meant to use it like this. For a list operation
//! `list(&self, params: &ListPaymentIntentsParams) -> Result<PaymentIntentList, Error>`
//! the generator emits `impl Page for PaymentIntentList` (with
//! `type Item = PaymentIntent`, returning `data` and `has_more`) and
//! `impl HasId for PaymentIntent` (returning its `id`), and next to `list`
//! a `list_stream(&self, params)` method whose body calls `paginate` with a
//! closure that receives the cursor, clones `params`, sets their
//! `starting_after` to the cursor (leaving the caller's own starting point
//! for the first page when the cursor is `None`) and returns
//! `self.list(&params)` (a future, or a [`Call`](super::Call), which
//! `paginate` awaits as it is). A caller then writes
//! `let mut items = pin!(client.payment_intents().list_stream(&params));`
//! and reads it with `while let Some(intent) = items.try_next().await? { … }`
//! (`futures::TryStreamExt`), or collects it with `try_collect`.
//!
//! The stream asks for the next page only once the current one has been
//! read, and ends — rather than asking forever — when a page says there is
//! no more, when a page is empty, when its last item has no id to continue
//! from, or when the server hands back a page that ends with the very item
//! it was asked to start after (a server ignoring the cursor, which would
//! otherwise repeat the same page without end). An error is yielded as an
//! item and ends the stream.

use std::collections::VecDeque;
use std::future::IntoFuture;

use futures::Stream;

use super::error::Error;

/// A page of a list: its items and whether more follow.
pub trait Page {
    /// The type of the listed items.
    type Item;

    /// The page's items, in order, and whether the server has more after
    /// them (`has_more`).
    fn into_parts(self) -> (Vec<Self::Item>, bool);
}

/// An item that can serve as a cursor: the next page starts after its id.
pub trait HasId {
    /// The item's id, if it has one.
    fn id(&self) -> Option<&str>;
}

/// Where the walk through the pages stands.
struct State<F, I> {
    fetch: F,
    /// Items fetched but not yet yielded.
    buffer: VecDeque<I>,
    /// The cursor for the next page; `None` once there is no next page.
    next: Option<Option<String>>,
}

/// Every item of a list, page after page: `fetch` is called with the cursor
/// (`None` for the first page, then the id of the last item received) and
/// returns one page: a future, or anything awaitable such as a
/// [`Call`](super::Call). See the [module docs](self) for when the stream
/// ends.
pub fn paginate<P, F, Fut>(fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    P::Item: HasId,
    F: FnMut(Option<String>) -> Fut,
    Fut: IntoFuture<Output = Result<P, Error>>,
{
    let state = State {
        fetch,
        buffer: VecDeque::new(),
        next: Some(None),
    };
    futures::stream::try_unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffer.pop_front() {
                return Ok(Some((item, state)));
            }
            let Some(cursor) = state.next.take() else {
                return Ok(None);
            };
            let (items, has_more) = (state.fetch)(cursor.clone()).await?.into_parts();
            let last = items.last().and_then(HasId::id).map(str::to_owned);
            if cursor.is_some() && last == cursor {
                tracing::warn!(
                    "the server answered with the page it was asked to continue after; \
                     stopping instead of fetching it again"
                );
                return Ok(None);
            }
            if has_more {
                state.next = last.map(Some);
            }
            state.buffer.extend(items);
        }
    })
}

