//! Generates the client of `tests/features/compositions.yaml` into
//! `OUT_DIR/compositions.rs`, which `src/lib.rs` includes.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    apifox_codegen::Generator::new("../features/compositions.yaml")
        .strict(true)
        .rerun_if_changed(true)
        .write_module_to(out_dir)
        .unwrap_or_else(|error| panic!("{error}"));
}
