//! The `apifox-codegen` command as a user runs it, on a tiny spec in a
//! temporary folder.

use std::fs;
use std::path::Path;
use std::process::Command;

use apifox_codegen::config::Config;

const SPEC: &str = "\
openapi: 3.0.1
info: {title: Tiny, version: '1'}
paths:
  /things/{id}:
    get:
      summary: Retrieve a thing
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_apifox-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("apifox-codegen runs");
    Run {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `# key = value` and `# [table]` lines of the template, uncommented.
fn uncommented(template: &str) -> String {
    template
        .lines()
        .map(|line| {
            let Some(rest) = line.strip_prefix("# ") else {
                return line.to_owned();
            };
            let key = rest.split(" = ").next().unwrap_or_default();
            let is_setting = rest.starts_with('[')
                || (rest.contains(" = ")
                    && !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.\"".contains(c)));
            if is_setting {
                rest.to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_writes_a_config_that_parses_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let first = run(dir.path(), &["init", "my-api", "--dir", "specs"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let folder = dir.path().join("specs/my-api");
    let template = fs::read_to_string(folder.join("codegen.toml")).expect("codegen.toml");
    assert!(folder.join("README.md").is_file());

    let config: Config = toml::from_str(&template).expect("the template parses");
    assert_eq!(config.package.name, "my-api");
    assert_eq!(config.package.version, "0.1.0");
    assert!(config.patches.is_empty() && config.webhooks.is_none());

    // Every commented setting is a valid one, with its documented default.
    let all = uncommented(&template);
    let config: Config = toml::from_str(&all).unwrap_or_else(|error| panic!("{error}\n{all}"));
    assert!(!config.types.lenient && !config.retries.idempotency_keys);
    assert_eq!(
        config.webhooks.as_ref().map(|w| w.tolerance_seconds),
        Some(300)
    );
    assert_eq!(config.patches.len(), 6);
    for key in [
        "repository",
        "documentation",
        "homepage",
        "display_name",
        "metadata",
        "tolerance_seconds",
        "[auth.basic]",
        "[webhooks.objects]",
        "[redact]",
        "guide",
        "[[patch]]",
    ] {
        assert!(template.contains(key), "{key} is listed");
    }

    fs::write(folder.join("README.md"), "mine").expect("edited");
    let again = run(dir.path(), &["init", "my-api", "--dir", "specs"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    assert_eq!(
        fs::read_to_string(folder.join("README.md")).unwrap(),
        "mine"
    );
}

#[test]
fn generate_writes_a_crate_that_check_then_accepts_until_it_is_edited() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let specs = dir.path().join("specs/tiny");
    fs::create_dir_all(&specs).unwrap();
    fs::write(specs.join("tiny.yaml"), SPEC).unwrap();

    let args = ["generate", "--spec", "specs/tiny", "--out", "out"];
    let generated = run(dir.path(), &args);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    assert!(
        generated.stdout.contains("1 operations"),
        "{}",
        generated.stdout
    );
    let manifest = fs::read_to_string(dir.path().join("out/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"tiny\""),
        "named after the folder: {manifest}"
    );
    assert!(dir.path().join("out/src/things.rs").is_file());

    let again = run(dir.path(), &args);
    assert!(again.stdout.contains("0 files written"), "{}", again.stdout);

    let check_args = ["check", "--spec", "specs/tiny", "--out", "out"];
    let check = run(dir.path(), &check_args);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("`repository`, `documentation`, `homepage` unset"),
        "{}",
        check.stderr
    );

    fs::write(dir.path().join("out/src/things.rs"), "// edited\n").unwrap();
    let stale = run(dir.path(), &check_args);
    assert_eq!(stale.code, 1, "{}", stale.stderr);
    assert!(
        stale.stderr.contains("src/things.rs (differs)"),
        "{}",
        stale.stderr
    );
}

#[test]
fn a_broken_spec_exits_3_showing_the_pointer_and_the_lines() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let broken = SPEC.replace("#/components/schemas/Thing", "#/components/schemas/Gone");
    fs::write(dir.path().join("api.yaml"), broken).unwrap();
    let pointer =
        "api.yaml#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema";

    // A warning by default; an error with --strict.
    let lenient = run(
        dir.path(),
        &["generate", "--spec", "api.yaml", "--out", "out"],
    );
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(lenient.stderr.contains(pointer), "{}", lenient.stderr);

    let strict = run(
        dir.path(),
        &[
            "generate", "--spec", "api.yaml", "--out", "strict", "--strict",
        ],
    );
    assert_eq!(strict.code, 3, "{}", strict.stderr);
    assert!(strict.stderr.contains(pointer), "{}", strict.stderr);
    assert!(
        strict.stderr.contains("no component `Gone`"),
        "{}",
        strict.stderr
    );
    assert!(
        strict
            .stderr
            .contains("schema: {$ref: '#/components/schemas/Gone'}"),
        "the offending line is shown: {}",
        strict.stderr
    );
    assert!(
        !strict.stderr.contains('\u{1b}'),
        "no colour off a terminal"
    );
    assert!(!dir.path().join("strict").exists(), "nothing is written");

    fs::write(dir.path().join("bad.yaml"), "openapi: [").unwrap();
    let bad = run(
        dir.path(),
        &["generate", "--spec", "bad.yaml", "--out", "out"],
    );
    assert_eq!(bad.code, 3, "{}", bad.stderr);
    assert!(bad.stderr.contains("bad.yaml"), "{}", bad.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    assert_eq!(run(dir.path(), &["generate", "--spec", "x"]).code, 2);
    assert_eq!(run(dir.path(), &["frobnicate"]).code, 2);
}
