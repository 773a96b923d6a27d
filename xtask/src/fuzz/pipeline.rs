//! One mutant through the generator, on a worker thread with a time bound,
//! a panic caught with its message, place and stack.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use apifox_codegen::Options;
use apifox_codegen::config::Config;
use apifox_codegen::diagnostics::{Diagnostic, Diagnostics};
use apifox_codegen::normalize::{self, typed};

use super::{STACK_SIZE, first_line};

pub(super) enum Outcome {
    Ok,
    Failed(Vec<Diagnostic>),
    Panicked(PanicReport),
    Hung,
}

#[derive(Clone)]
pub(super) struct PanicReport {
    pub(super) message: String,
    pub(super) location: String,
    pub(super) thread: String,
    pub(super) backtrace: String,
}

/// The first panic since the last [`run_pipeline`] began (the generator
/// emits on several threads, so a thread-local would miss some).
static LAST_PANIC: Mutex<Option<PanicReport>> = Mutex::new(None);

pub(super) fn record_panic(info: &panic::PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| {
            info.payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
        })
        .unwrap_or_else(|| "unknown panic".to_owned());
    let report = PanicReport {
        message: first_line(&message),
        location: info
            .location()
            .map(|location| format!("{}:{}", location.file(), location.line()))
            .unwrap_or_default(),
        thread: thread::current().name().unwrap_or("unnamed").to_owned(),
        backtrace: std::backtrace::Backtrace::force_capture().to_string(),
    };
    let mut slot = LAST_PANIC
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    if slot.is_none() {
        *slot = Some(report);
    }
}

/// Generates a crate from the spec at `path` on a worker thread; a panic
/// is caught, and no answer within `timeout` is a hang.
pub(super) fn run_pipeline(path: &Path, timeout: Duration, run: usize) -> Outcome {
    LAST_PANIC
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .take();
    let (sender, receiver) = mpsc::channel();
    let spec = path.to_owned();
    let worker = thread::Builder::new()
        .name(if run == usize::MAX {
            "fuzz-minimize".to_owned()
        } else {
            format!("fuzz-run-{run}")
        })
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                apifox_codegen::generate(&spec, &Config::named("fuzz"), Options { strict: false })
                    .map(|_| ())
            }));
            let _ = sender.send(result.map_err(|payload| {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "unknown panic".to_owned());
                first_line(&message)
            }));
        });
    let worker = match worker {
        Ok(worker) => worker,
        Err(error) => {
            return Outcome::Panicked(PanicReport {
                message: format!("cannot start a worker thread: {error}"),
                location: String::new(),
                thread: String::new(),
                backtrace: String::new(),
            });
        }
    };
    let answer = receiver.recv_timeout(timeout);
    if matches!(answer, Err(RecvTimeoutError::Timeout)) {
        return Outcome::Hung;
    }
    let _ = worker.join();
    let recorded = LAST_PANIC
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .take();
    match answer {
        Ok(Ok(Ok(()))) => Outcome::Ok,
        Ok(Ok(Err(error))) => Outcome::Failed(error.diagnostics().to_vec()),
        Ok(Err(message)) => Outcome::Panicked(recorded.unwrap_or(PanicReport {
            message,
            location: String::new(),
            thread: String::new(),
            backtrace: String::new(),
        })),
        Err(_) => Outcome::Panicked(recorded.unwrap_or(PanicReport {
            message: "the worker thread died without an answer".to_owned(),
            location: String::new(),
            thread: String::new(),
            backtrace: String::new(),
        })),
    }
}

/// How the generator's fast read of the spec at `path`, normalized,
/// differs from openapiv3's own read, if it does. A mutant that does not
/// load or normalize has nothing to compare (its error is judged
/// elsewhere); one the fast read gives up on is read by openapiv3 alone.
pub(super) fn misread(path: &Path) -> Option<String> {
    let loaded = apifox_codegen::load::load(path).ok()?;
    let mut diagnostics = Diagnostics::new(loaded.sources);
    let document = normalize::apply(
        loaded.document,
        normalize::Settings::none(),
        &mut diagnostics,
    )
    .ok()?;
    match typed::compare(&document) {
        typed::Agreement::Same | typed::Agreement::GaveUp => None,
        typed::Agreement::Differs(how) => Some(how),
    }
}
