//! When a failed attempt is sent again, and after how long.
//!
//! The rule that keeps retries from charging a card twice: a request is only
//! sent again when sending it twice cannot do twice the work.
//!
//! - `GET`, `HEAD`, `OPTIONS`, `TRACE`, `DELETE` and `PUT` are idempotent by
//!   HTTP semantics (RFC 9110, section 9.2.2): `PUT` replaces a resource
//!   with the same representation however often it is sent, and `DELETE`
//!   of an already deleted resource deletes nothing more. They are retried
//!   freely.
//! - `POST`, `PATCH` and any other method are retried only when they carry
//!   an `Idempotency-Key`, which tells the server to run the request at most
//!   once and to answer repeats with the first result. The client makes one
//!   key per call (and sends it on every attempt of that call) unless the
//!   caller brings their own or opts out
//!   ([`RequestOptions::without_idempotency_key`](super::RequestOptions::without_idempotency_key)).
//!
//! What is retried: connection failures, timeouts, `429 Too Many Requests`
//! and server errors (`5xx`, except `501` and `505`, which will not change
//! on a second try). Never retried: `409 Conflict` and any
//! `idempotency_error` (the key was used for a different request, or the
//! first request is still running: sending it again cannot help), and every
//! other `4xx`, which says the request itself is wrong.
//!
//! How long: exponential backoff from [`RetryPolicy::base_delay`], doubling
//! per retry up to [`RetryPolicy::max_delay`], with jitter (a random amount
//! up to half the delay is taken off), so that many clients failing together
//! do not come back together. A `Retry-After` (in seconds) from the server
//! replaces the computed delay. No retry starts once it would end after the
//! [`RetryPolicy::budget`] counted from the start of the call.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use super::error::Error;

/// How often and how patiently a client retries (see the [module
/// docs](self) for which requests and failures qualify).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    budget: Duration,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryPolicy {
    /// The default policy: up to 2 retries within 30 s, waiting 500 ms
    /// before the first and at most 5 s before any.
    pub const fn new() -> Self {
        Self {
            max_retries: 2,
            budget: Duration::from_secs(30),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
        }
    }

    /// Never retries: every call makes exactly one attempt.
    pub const fn none() -> Self {
        Self::new().max_retries(0)
    }

    /// At most `retries` attempts after the first.
    pub const fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The time from the start of a call after which no retry ends; a retry
    /// whose wait would pass it is not made and the last failure is
    /// returned. Each attempt is still bounded by its own timeout.
    pub const fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// The wait before the first retry; it doubles for each further retry.
    pub const fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest computed wait between two attempts (a server's
    /// `Retry-After` may ask for longer, within the budget).
    pub const fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The number of retries allowed after the first attempt.
    pub const fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The backoff before retry number `retry` (1 for the first retry),
    /// before jitter: `base_delay * 2^(retry - 1)`, at most `max_delay`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }

    /// The backoff with jitter: `random` (any number, uniformly drawn)
    /// decides how much of the upper half is taken off, so the wait lies in
    /// `[backoff / 2, backoff]`.
    pub(super) fn jittered(&self, retry: u32, random: u64) -> Duration {
        let backoff = self.backoff(retry);
        let half = backoff / 2;
        // Nanoseconds of half the delay fit in u64 for any wait shorter than
        // 584 years; longer ones are not jittered.
        match u64::try_from(half.as_nanos()) {
            Ok(half_nanos) if half_nanos > 0 => {
                backoff - Duration::from_nanos(random % (half_nanos + 1))
            }
            _ => backoff,
        }
    }

    /// How long to wait before retrying after `retries_done` retries, with
    /// `elapsed` time spent on the call so far; `None` when no retry is
    /// allowed any more. `server_delay` is the server's `Retry-After`.
    pub(super) fn next_delay(
        &self,
        retries_done: u32,
        elapsed: Duration,
        server_delay: Option<Duration>,
        random: u64,
    ) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        let delay = server_delay.unwrap_or_else(|| self.jittered(retries_done + 1, random));
        match elapsed.checked_add(delay) {
            Some(end) if end <= self.budget => Some(delay),
            _ => None,
        }
    }
}

/// Whether sending a request with `method` twice has the effect of sending
/// it once, without the help of an idempotency key.
pub(super) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::TRACE,
        Method::DELETE,
        Method::PUT,
    ]
    .contains(method)
}

/// Whether a request with `method` needs an `Idempotency-Key` to be retried
/// (and so gets one made by the client).
pub(super) fn needs_idempotency_key(method: &Method) -> bool {
    !is_idempotent(method)
}

/// Why a failed attempt may be worth repeating, for logs; `None` when it is
/// not. The second value is the wait the server asked for.
pub(super) fn transient(error: &Error) -> Option<(&'static str, Option<Duration>)> {
    match error {
        Error::Timeout => Some(("timeout", None)),
        // Failures to connect, or connections dropped while the request or
        // response was in flight. A request that could not be built, or a
        // redirect loop, fails the same way every time.
        Error::Transport(error) if error.is_connect() => Some(("connection failed", None)),
        Error::Transport(error) if error.is_request() || error.is_body() || error.is_decode() => {
            Some(("connection interrupted", None))
        }
        Error::Api(error) if error.is_idempotency_conflict() => None,
        Error::Api(error) if error.status() == StatusCode::TOO_MANY_REQUESTS => {
            Some(("rate limited", error.retry_after()))
        }
        Error::Api(error)
            if error.status().is_server_error()
                && error.status() != StatusCode::NOT_IMPLEMENTED
                && error.status() != StatusCode::HTTP_VERSION_NOT_SUPPORTED =>
        {
            Some(("server error", error.retry_after()))
        }
        _ => None,
    }
}

/// A random number for jitter, from the operating system's generator that
/// also makes idempotency keys (so no second source of randomness is
/// needed).
pub(super) fn random() -> u64 {
    // Truncation keeps 64 of the v4 UUID's 122 random bits.
    uuid::Uuid::new_v4().as_u128() as u64
}

/// The wait a response's `Retry-After` header asks for, in seconds (the
/// HTTP-date form is not used by payment APIs and is ignored).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::super::error::ApiError;
    use super::*;

    fn api(status: u16, body: &str, retry_after: Option<u64>) -> Error {
        Error::Api(Box::new(ApiError::new(
            StatusCode::from_u16(status).unwrap(),
            body.to_owned(),
            None,
            retry_after.map(Duration::from_secs),
        )))
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let policy = RetryPolicy::new()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(700));
        let waits: Vec<_> = (1..=5).map(|retry| policy.backoff(retry)).collect();
        assert_eq!(
            waits,
            [100, 200, 400, 700, 700]
                .map(Duration::from_millis)
                .to_vec()
        );
        // Absurd retry numbers do not overflow.
        assert_eq!(policy.backoff(u32::MAX), Duration::from_millis(700));
        let unbounded = RetryPolicy::new()
            .base_delay(Duration::from_secs(u64::MAX))
            .max_delay(Duration::MAX);
        assert_eq!(unbounded.backoff(40), Duration::MAX);
        assert_eq!(unbounded.jittered(40, u64::MAX), Duration::MAX);
    }

    #[test]
    fn jitter_stays_in_the_upper_half() {
        let policy = RetryPolicy::new().base_delay(Duration::from_millis(400));
        for random in [0, 1, 12345, u64::MAX / 3, u64::MAX] {
            let wait = policy.jittered(1, random);
            assert!(wait >= Duration::from_millis(200) && wait <= Duration::from_millis(400));
        }
        assert_eq!(policy.jittered(1, 0), Duration::from_millis(400));
        assert_ne!(policy.jittered(1, 7), policy.jittered(1, 8));
        assert_eq!(
            RetryPolicy::new().base_delay(Duration::ZERO).jittered(1, 9),
            Duration::ZERO
        );
    }

    #[test]
    fn retries_stop_at_the_count_and_the_budget() {
        let policy = RetryPolicy::new()
            .max_retries(2)
            .base_delay(Duration::from_secs(1))
            .budget(Duration::from_secs(10));
        assert_eq!(
            policy.next_delay(0, Duration::ZERO, None, 0),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.next_delay(1, Duration::ZERO, None, 0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.next_delay(2, Duration::ZERO, None, 0), None);
        // A wait that would end after the budget is not started.
        assert_eq!(policy.next_delay(1, Duration::from_secs(9), None, 0), None);
        assert_eq!(
            RetryPolicy::none().next_delay(0, Duration::ZERO, None, 0),
            None
        );
    }

    #[test]
    fn retry_after_replaces_the_backoff_within_the_budget() {
        let policy = RetryPolicy::new().budget(Duration::from_secs(10));
        assert_eq!(
            policy.next_delay(0, Duration::ZERO, Some(Duration::from_secs(7)), 0),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            policy.next_delay(0, Duration::ZERO, Some(Duration::ZERO), 0),
            Some(Duration::ZERO)
        );
        assert_eq!(
            policy.next_delay(0, Duration::from_secs(4), Some(Duration::from_secs(7)), 0),
            None
        );
        assert_eq!(
            policy.next_delay(0, Duration::MAX, Some(Duration::from_secs(1)), 0),
            None
        );
    }

    #[test]
    fn only_transient_failures_qualify() {
        assert_eq!(transient(&Error::Timeout), Some(("timeout", None)));
        assert_eq!(
            transient(&api(429, "", Some(3))),
            Some(("rate limited", Some(Duration::from_secs(3))))
        );
        for status in [500, 502, 503, 504] {
            assert!(transient(&api(status, "", None)).is_some(), "{status}");
        }
        for status in [400, 401, 402, 403, 404, 409, 422, 501, 505] {
            assert_eq!(transient(&api(status, "", None)), None, "{status}");
        }
        let conflict = r#"{"error": {"type": "idempotency_error", "message": "in use"}}"#;
        assert_eq!(transient(&api(500, conflict, None)), None);
        assert_eq!(transient(&Error::InvalidRequest("bad".to_owned())), None);
    }

    #[test]
    fn only_unsafe_methods_need_a_key() {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::DELETE,
            Method::PUT,
        ] {
            assert!(!needs_idempotency_key(&method), "{method}");
        }
        for method in [Method::POST, Method::PATCH, Method::CONNECT] {
            assert!(needs_idempotency_key(&method), "{method}");
        }
        assert!(needs_idempotency_key(
            &Method::from_bytes(b"PURGE").unwrap()
        ));
    }
}
