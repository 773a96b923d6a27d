//! The `cargo xtask` commands as a user runs them: a broken spec makes the
//! process exit non-zero with located messages and no panic.

use std::fs;
use std::process::Command;

fn xtask(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_broken_spec_fails_with_its_location_and_no_panic() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = dir.path().join("api.yaml");
    fs::write(
        &spec,
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ''\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Gone'}\n",
    )
    .expect("the spec is written");
    let out = dir.path().join("out");
    let (success, _, stderr) = xtask(&[
        "generate",
        "--spec",
        spec.to_str().expect("a UTF-8 path"),
        "--out",
        out.to_str().expect("a UTF-8 path"),
        "--strict",
    ]);
    assert!(!success, "a strict run on a dangling $ref fails");
    assert!(
        stderr.contains("api.yaml#/paths/~1a/get/responses/200/content/application~1json/schema"),
        "{stderr}"
    );
    assert!(stderr.contains("no component `Gone`"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !out.join("src").exists(),
        "nothing is written for a failed spec"
    );
}

#[test]
fn a_lenient_run_writes_the_crate_and_prints_the_warning() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = dir.path().join("api.yaml");
    fs::write(
        &spec,
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: 42\n",
    )
    .expect("the spec is written");
    let out = dir.path().join("out");
    let (success, stdout, stderr) = xtask(&[
        "generate",
        "--spec",
        spec.to_str().expect("a UTF-8 path"),
        "--out",
        out.to_str().expect("a UTF-8 path"),
        "--name",
        "lenient",
    ]);
    assert!(success, "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("#/components/schemas/A/properties/x"),
        "{stderr}"
    );
    assert!(
        stdout.contains("1 warnings") || stdout.contains("1 warning"),
        "{stdout}"
    );
    let models = fs::read_to_string(out.join("src/models.rs")).expect("the models are written");
    assert!(models.contains("pub x: Option<Value>"), "{models}");
}

#[test]
fn a_missing_spec_is_an_error_not_a_panic() {
    let (success, _, stderr) = xtask(&[
        "generate",
        "--spec",
        "/nonexistent/spec.yaml",
        "--out",
        "/tmp/never",
    ]);
    assert!(!success);
    assert!(stderr.contains("/nonexistent/spec.yaml"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `review` on a repository of two commits: the second removes a field, so
/// the report says breaking, `--check` fails until the version is bumped,
/// and `--changelog` records the change.
#[test]
fn review_reports_a_breaking_commit_and_checks_the_version() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = dir.path();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(repo)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    let api = repo.join("specs/demo");
    fs::create_dir_all(&api).unwrap();
    let spec = |fields: &str| {
        format!(
            "openapi: 3.0.1\ninfo: {{title: Demo, version: '1'}}\npaths:\n  /v1/refunds/{{id}}:\n    get:\n      summary: Retrieve a refund\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: ''\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Refund'}}\ncomponents:\n  schemas:\n    Refund:\n      type: object\n      properties:\n{fields}"
        )
    };
    let settings = |version: &str| format!("[package]\nname = \"demo\"\nversion = \"{version}\"\n");
    fs::write(
        api.join("api.yaml"),
        spec("        id: {type: string}\n        note: {type: string}\n"),
    )
    .unwrap();
    fs::write(api.join("codegen.toml"), settings("0.1.0")).unwrap();
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    fs::write(api.join("api.yaml"), spec("        id: {type: string}\n")).unwrap();
    git(&["commit", "-q", "-am", "drop note"]);

    let repo_arg = repo.to_str().unwrap();
    let (success, stdout, stderr) =
        xtask(&["review", "--repo", repo_arg, "--base", "HEAD~1", "--check"]);
    assert!(
        !success,
        "an unbumped breaking change fails --check: {stdout}{stderr}"
    );
    assert!(stdout.contains("**breaking**"), "{stdout}");
    assert!(stdout.contains("`Refund.note`: field removed"), "{stdout}");
    assert!(
        stdout.contains("specs/demo/api.yaml#/components/schemas/Refund"),
        "{stdout}"
    );
    assert!(
        stderr.contains("needs at least 0.2.0") || stderr.contains("need at least 0.2.0"),
        "{stderr}"
    );

    fs::write(api.join("codegen.toml"), settings("0.2.0")).unwrap();
    let (success, stdout, stderr) = xtask(&[
        "review",
        "--repo",
        repo_arg,
        "--base",
        "HEAD~1",
        "--check",
        "--changelog",
    ]);
    assert!(success, "the bumped version passes: {stdout}{stderr}");
    let changelog = fs::read_to_string(api.join("CHANGELOG.md")).expect("a changelog");
    assert!(
        changelog.starts_with("# Changelog\n\n## 0.2.0\n\n### Breaking\n"),
        "{changelog}"
    );
    assert!(
        changelog.contains("`Refund.note`: field removed"),
        "{changelog}"
    );
}
