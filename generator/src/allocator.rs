//! The allocator of the `apifox-codegen` command and of `cargo xtask`.
//!
//! Generating a crate builds and drops a token stream and a syntax tree
//! per file: many small allocations, which mimalloc serves faster than the
//! system allocator. Its default of handing freed memory back to the OS
//! after a short delay does not suit a short-lived batch process: every
//! file's syntax tree then lands on freshly mapped (transparent huge)
//! pages that the kernel has to zero again. Profiling the 5,000-operation
//! synthetic spec (`cargo xtask bench`) put a third of all CPU time in
//! that zeroing; keeping freed memory for reuse removes it, at no cost in
//! peak memory (the trees of a file are freed before the next one is
//! built).

/// The global allocator the binaries install:
/// `#[global_allocator] static ALLOCATOR: Allocator = Allocator;`.
pub use mimalloc::MiMalloc as Allocator;

/// `mi_option_purge_delay` in `mimalloc.h` (the same index in mimalloc 2
/// and 3); the Rust bindings do not name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep freed memory instead of returning it to the
/// OS. Call it first thing in `main`; it only matters with [`Allocator`]
/// installed.
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option
    // table; -1 is the documented "no purging at all" value of this
    // option. It takes no pointers and may be called at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_set() {
        keep_freed_memory();
        // SAFETY: reads an integer from mimalloc's option table.
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value, -1);
    }
}
