//! Turns apifox OpenAPI exports into Rust SDK crates.

pub mod diagnostics;
pub mod load;
pub mod normalize;
