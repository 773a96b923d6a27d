//! The allocator of the `apifox-codegen` command and of `cargo xtask`.
//!
//! Generating a crate builds and drops a token stream and a syntax tree
//! per file: many small allocations, which mimalloc serves faster than the
//! system allocator. Two of its defaults do not suit a short-lived batch
//! process, and [`configure`] changes them:
//!
//! - It hands freed memory back to the OS after a short delay, so every
//!   file's syntax tree lands on freshly mapped pages that the kernel has
//!   to zero again. Profiling the 5,000-operation synthetic spec (`cargo
//!   xtask bench`) put a third of all CPU time in that zeroing. Freed
//!   memory is now kept for reuse, at no cost in peak memory (the trees of
//!   a file are freed before the next one is built).
//! - It asks for transparent huge pages (`MADV_HUGEPAGE`). Where the
//!   kernel compacts memory on demand for such requests (`defrag` set to
//!   `madvise`, a common default), a run right after a build, when memory
//!   is fragmented, stalls in the kernel. Measured here (`apifox-codegen
//!   generate` right after `cargo build`, then again): the 180-operation
//!   corpus export took 0.17-0.22 s cold and 0.07-0.10 s warm with huge
//!   pages, 0.08-0.09 s either way without, in half the memory (40-48 MB
//!   instead of 72-80 MB). The 5,000-operation synthetic spec took
//!   1.66-1.71 s cold and 1.19-1.21 s warm with them, 1.29-1.42 s either
//!   way without: the one case they help is a very large spec on a machine
//!   that has huge pages free. The process therefore does without them.

/// The global allocator the binaries install:
/// `#[global_allocator] static ALLOCATOR: Allocator = Allocator;`.
pub use mimalloc::MiMalloc as Allocator;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h`; the Rust
/// bindings do not name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep freed memory instead of returning it to the OS,
/// and the kernel not to back this process with transparent huge pages.
/// Call it first thing in `main`; the first only matters with
/// [`Allocator`] installed.
pub fn configure() {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option
    // table; -1 is the documented "no purging at all" value of this
    // option. It takes no pointers and may be called at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    // mimalloc has already mapped (and asked huge pages for) its first
    // arena before `main`, so its own `allow_thp` option would come too
    // late; the process-wide switch also covers that arena.
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes an integer flag and no pointers;
    // the only effect is on which pages later page faults get. A kernel
    // that does not know it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_kept() {
        configure();
        // SAFETY: reads an integer from mimalloc's option table.
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value, -1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_off() {
        configure();
        // SAFETY: `PR_GET_THP_DISABLE` takes no arguments and returns the
        // flag.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
