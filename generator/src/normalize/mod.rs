//! Stage 2: apifox semantics, applied to the merged document.

pub mod apifox_refs;
pub mod extensions;
pub mod not_implemented;
pub mod openapi31;
pub mod orders;
pub mod refs;
pub mod siblings;
pub mod walk;
