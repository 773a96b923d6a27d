//! Snapshots of the IR and of the emitted code of every API in `specs/`.
//! Reviewing their diffs (`cargo insta review`) is how a spec change is
//! reviewed.

use apifox_codegen::config::Config;
use apifox_codegen::{Options, generate, ir};
use sdk_tests::workspace_root;

fn snapshot(api: &str) {
    let spec = workspace_root().join("specs").join(api);
    let config = Config::for_spec(&spec)
        .expect("the settings read")
        .expect("every API in specs/ has a codegen.toml");
    let output = generate(&spec, &config, Options { strict: true })
        .unwrap_or_else(|error| panic!("{error}"));
    insta::assert_snapshot!(format!("{api}__ir"), ir::dump::dump(&output.api));
    for (path, content) in &output.files.files {
        let path = path.to_string_lossy();
        // The runtime is a copy of `generator/runtime`, tested there; the
        // crate's own tests are derived from the same IR as its code.
        if path.starts_with("src/runtime/") || path.starts_with("tests/") {
            continue;
        }
        let name = format!("{api}__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, content);
    }
}

#[test]
fn wooshpay() {
    snapshot("wooshpay");
}

#[test]
fn useepay() {
    snapshot("useepay");
}

/// The feature specs of `tests/features` (constructs the shared corpus
/// lacks): how each maps to the IR, and the warnings it gets.
#[test]
fn features() {
    let folder = workspace_root().join("tests/features");
    let mut specs: Vec<_> = std::fs::read_dir(&folder)
        .expect("the feature specs are readable")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    specs.sort();
    for spec in specs {
        let name = spec
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let config = Config::for_spec(&spec)
            .unwrap_or_else(|error| panic!("{error}"))
            .unwrap_or_else(|| Config::named(&name));
        let output =
            generate(&spec, &config, Options::default()).unwrap_or_else(|error| panic!("{error}"));
        let warnings: Vec<String> = output
            .warnings
            .iter()
            .map(|warning| {
                let severity = match warning.severity {
                    apifox_codegen::diagnostics::Severity::Note => "note",
                    _ => "warning",
                };
                format!(
                    "{severity}: {}: {}",
                    warning.location.pointer, warning.message
                )
            })
            .collect();
        let mut dump = String::new();
        for warning in warnings {
            dump.push_str(&warning);
            dump.push('\n');
        }
        dump.push_str(&ir::dump::dump(&output.api));
        let name = name.replace('-', "_");
        insta::assert_snapshot!(format!("features__{name}"), dump);
        // A feature folder has settings, which change the emitted models
        // (decimal codecs, for one) more than the IR.
        if spec.is_dir() {
            let models = &output.files.files[std::path::Path::new("src/models.rs")];
            insta::assert_snapshot!(format!("features__{name}__models_rs"), models);
        }
    }
}
