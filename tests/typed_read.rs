//! The generator reads normalized specs into openapiv3's model by hand,
//! because openapiv3's own read copies each node once per level it is
//! nested at (`normalize/typed`). This holds the hand-written read to
//! openapiv3's on every real spec there is: the apifox corpus, the
//! providers' specs and the feature specs, each with every apifox rule
//! applied. Each must read the fast way, to the model openapiv3 reads.

use std::path::{Path, PathBuf};

use apifox_codegen::diagnostics::Diagnostics;
use apifox_codegen::normalize::{self, typed};
use sdk_tests::{shared_dir, workspace_root};

/// The spec files and folders directly inside `dir`.
fn specs_in(dir: &Path) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| {
            path.is_dir()
                || path.extension().is_some_and(|extension| {
                    ["json", "yaml", "yml", "md"].contains(&extension.to_string_lossy().as_ref())
                })
        })
        .collect();
    specs.sort();
    specs
}

#[test]
fn every_real_spec_reads_the_fast_way_to_openapiv3s_model() {
    let root = workspace_root();
    let specs: Vec<PathBuf> = [
        shared_dir().join("apifox-corpus/open"),
        root.join("specs"),
        root.join("tests/features"),
    ]
    .iter()
    .flat_map(|dir| specs_in(dir))
    .collect();
    assert!(specs.len() > 50, "only {} specs found", specs.len());
    let mut failures = Vec::new();
    for spec in &specs {
        let loaded = apifox_codegen::load::load(spec)
            .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
        let mut diagnostics = Diagnostics::new(loaded.sources);
        let document = normalize::apply(
            loaded.document,
            normalize::Settings::none(),
            &mut diagnostics,
        )
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
        let agreement = typed::compare(&document);
        if agreement != typed::Agreement::Same {
            failures.push(format!("{}: {agreement:?}", spec.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
