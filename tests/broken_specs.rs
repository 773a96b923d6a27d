//! Broken specs: every problem names the spec file and the JSON pointer of
//! the node, says what was expected, and never panics. Problems the
//! generator can work around are warnings (the node becomes
//! `serde_json::Value`); with `strict` they are errors.

use std::fs;
use std::path::{Path, PathBuf};

use apifox_codegen::config::Config;
use apifox_codegen::diagnostics::{Diagnostic, Severity};
use apifox_codegen::{Options, generate};

/// Writes `files` into a fresh folder and returns it.
fn spec_folder(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, content) in files {
        fs::write(dir.path().join(name), content).expect("the spec is written");
    }
    let path = dir.path().to_owned();
    (dir, path)
}

fn errors(spec: &Path) -> Vec<Diagnostic> {
    match generate(spec, &Config::named("broken"), Options::default()) {
        Ok(_) => panic!("{} should not generate", spec.display()),
        Err(error) => error.diagnostics().to_vec(),
    }
}

fn warnings(spec: &Path) -> Vec<Diagnostic> {
    generate(spec, &Config::named("broken"), Options::default())
        .unwrap_or_else(|error| panic!("{error}"))
        .warnings
}

fn only(diagnostics: Vec<Diagnostic>) -> Diagnostic {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    diagnostics.into_iter().next().expect("one diagnostic")
}

const HEAD: &str = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\n";

#[test]
fn bad_yaml_names_the_file_and_line() {
    let (_dir, path) = spec_folder(&[("api.yaml", "openapi: 3.0.1\npaths:\n  /a: [unclosed\n")]);
    let error = only(errors(&path.join("api.yaml")));
    assert_eq!(error.severity, Severity::Error);
    assert!(error.location.file.ends_with("api.yaml"));
    assert!(
        error.message.starts_with("invalid YAML at line"),
        "{}",
        error.message
    );
}

#[test]
fn bad_json_names_the_file_and_line() {
    let (_dir, path) = spec_folder(&[("api.json", "{\"openapi\": \"3.0.1\",\n \"paths\": {,}}")]);
    let error = only(errors(&path.join("api.json")));
    assert!(
        error.message.starts_with("invalid JSON at line 2"),
        "{}",
        error.message
    );
}

#[test]
fn yaml_errors_in_a_page_count_lines_of_the_page() {
    let page = "# Broken\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\npaths:\n  /a: [unclosed\n```\n";
    let (_dir, path) = spec_folder(&[("page.md", page)]);
    let error = only(errors(&path.join("page.md")));
    // The YAML starts on line 6 of the page; the problem is on line 8 or 9.
    assert!(
        error.message.contains("line 8") || error.message.contains("line 9"),
        "{}",
        error.message
    );
}

#[test]
fn markdown_without_a_spec_fence_is_an_error() {
    let (_dir, path) = spec_folder(&[("notes.md", "# Create a user\n\nPOST /users\n")]);
    let error = only(errors(&path.join("notes.md")));
    assert!(error.location.file.ends_with("notes.md"));
    assert!(
        error.message.contains("no OpenAPI code block"),
        "{}",
        error.message
    );
}

#[test]
fn markdown_documentation_in_a_spec_folder_is_skipped() {
    let (_dir, path) = spec_folder(&[
        ("api.yaml", &format!("{HEAD}paths: {{}}\n")),
        ("SOURCES.md", "# Sources\n\n| file | from |\n|---|---|\n"),
    ]);
    assert!(warnings(&path).is_empty());
}

#[test]
fn a_folder_without_specs_is_an_error() {
    let (_dir, path) = spec_folder(&[("README.md", "# Nothing here\n")]);
    let error = only(errors(&path));
    assert!(error.message.contains("no spec files"), "{}", error.message);
}

#[test]
fn swagger_2_is_rejected_with_a_reason() {
    let (_dir, path) = spec_folder(&[("api.json", "{\"swagger\": \"2.0\", \"paths\": {}}")]);
    let error = only(errors(&path.join("api.json")));
    assert!(error.message.contains("Swagger 2.0"), "{}", error.message);
}

#[test]
fn a_dangling_ref_is_located_and_typed_as_value() {
    let spec = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ''\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n"
    );
    let (_dir, path) = spec_folder(&[("api.yaml", &spec)]);
    let warning = only(warnings(&path.join("api.yaml")));
    assert!(warning.location.file.ends_with("api.yaml"));
    assert_eq!(
        warning.location.pointer.as_str(),
        "/paths/~1a/get/responses/200/content/application~1json/schema"
    );
    assert!(
        warning.message.contains("no component `Missing`"),
        "{}",
        warning.message
    );
    assert!(
        warning.message.contains("serde_json::Value"),
        "{}",
        warning.message
    );

    // In strict mode (how `cargo xtask codegen` runs) it is an error.
    let strict = generate(
        &path.join("api.yaml"),
        &Config::named("broken"),
        Options { strict: true },
    );
    let error = only(
        strict
            .expect_err("strict mode fails")
            .diagnostics()
            .to_vec(),
    );
    assert_eq!(error.severity, Severity::Error);
    assert_eq!(error.location.pointer, warning.location.pointer);
}

#[test]
fn a_ref_cycle_through_all_of_is_located() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - type: object\n          properties: {{a: {{type: string}}}}\n    B:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - type: object\n          properties: {{b: {{type: string}}}}\n"
    );
    let (_dir, path) = spec_folder(&[("api.yaml", &spec)]);
    let diagnostics = warnings(&path.join("api.yaml"));
    let warning = diagnostics
        .iter()
        .find(|warning| warning.message.contains("cycle"))
        .unwrap_or_else(|| panic!("no cycle warning in {diagnostics:#?}"));
    assert!(
        warning.message.contains("A → B → A") || warning.message.contains("B → A → B"),
        "{}",
        warning.message
    );
    assert!(
        warning
            .location
            .pointer
            .as_str()
            .starts_with("/components/schemas/"),
        "{}",
        warning.location
    );
}

#[test]
fn wrong_types_where_a_schema_is_expected_are_located() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id: string\n        tags:\n          type: array\n          items: 42\n        size:\n          type: integer\n          minimum: lots\n"
    );
    let (_dir, path) = spec_folder(&[("api.yaml", &spec)]);
    let diagnostics = warnings(&path.join("api.yaml"));
    let pointers: Vec<&str> = diagnostics
        .iter()
        .map(|d| d.location.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/components/schemas/A/properties/id",
            "/components/schemas/A/properties/tags/items",
            "/components/schemas/A/properties/size/minimum"
        ],
        "{diagnostics:#?}"
    );
    assert!(
        diagnostics[0]
            .message
            .contains("expected a schema (a mapping), found a string")
    );
    assert!(
        diagnostics[1]
            .message
            .contains("`items` must be a schema (a mapping), found a number"),
        "{}",
        diagnostics[1].message
    );
    assert!(
        diagnostics[2]
            .message
            .contains("`minimum` must be a number, found a string"),
        "{}",
        diagnostics[2].message
    );
}

#[test]
fn different_definitions_under_one_name_name_both_files() {
    let page = |city_type: &str| {
        format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Address:\n      type: object\n      properties:\n        city: {{type: {city_type}}}\n"
        )
    };
    let (_dir, path) = spec_folder(&[("a.yaml", &page("string")), ("b.yaml", &page("integer"))]);
    let error = only(errors(&path));
    assert!(error.location.file.ends_with("b.yaml"));
    assert_eq!(
        error.location.pointer.as_str(),
        "/components/schemas/Address/properties/city/type"
    );
    assert!(error.message.contains("a.yaml and "), "{}", error.message);
}

#[test]
fn external_refs_are_warnings_with_their_location() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    User:\n      type: object\n      properties:\n        profile:\n          $ref: ./user.ts#/definitions/Profile\n"
    );
    let (_dir, path) = spec_folder(&[("api.yaml", &spec)]);
    let warning = only(warnings(&path.join("api.yaml")));
    assert_eq!(
        warning.location.pointer.as_str(),
        "/components/schemas/User/properties/profile"
    );
    assert!(
        warning.message.contains("another file"),
        "{}",
        warning.message
    );
}

/// Found by `cargo xtask fuzz`: a schema whose `allOf` is itself names no
/// shape; it becomes `serde_json::Value` with a warning, not a stack
/// overflow.
#[test]
fn a_schema_made_of_itself_is_untyped_with_a_warning() {
    let (_dir, spec) = spec_folder(&[(
        "api.yaml",
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /tags:\n    get:\n      responses:\n        '200':\n          description: ''\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Tag'}\ncomponents:\n  schemas:\n    Tag:\n      allOf:\n        - $ref: '#/components/schemas/Tag'\n",
    )]);
    let warning = only(warnings(&spec));
    assert_eq!(warning.location.pointer.as_str(), "/components/schemas/Tag");
    assert!(
        warning.message.contains("defined through itself"),
        "{}",
        warning.message
    );
}

/// Found by `cargo xtask fuzz`: a required field of a struct's own type
/// could never be given (every value would hold another without end); it
/// is made optional with a warning, and the crate's samples stay finite.
#[test]
fn a_struct_that_requires_itself_gets_an_optional_field() {
    let (_dir, spec) = spec_folder(&[(
        "api.yaml",
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /nodes:\n    get:\n      responses:\n        '200':\n          description: ''\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Node'}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      required: [next]\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n",
    )]);
    let warning = only(warnings(&spec));
    assert!(
        warning
            .message
            .contains("`Node.next` requires another `Node`"),
        "{}",
        warning.message
    );
    let generated = generate(&spec, &Config::named("broken"), Options::default()).unwrap();
    let models = &generated.files.files[Path::new("src/models.rs")];
    assert!(models.contains("pub next: Option<Box<Node>>"), "{models}");
}

/// The typed model's flattened extensions hide the path below `/paths`:
/// the error names the deepest schema that does not read instead, where
/// the spec has it: the override that made it.
#[test]
fn a_schema_broken_by_an_override_is_named_not_its_path_item() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    get:
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                type: object
                x-apifox-refs:
                  01ABC:
                    $ref: '#/components/schemas/Reply'
                    x-apifox-overrides:
                      data: []
                properties: {{}}
                x-apifox-orders: [01ABC]
components:
  schemas:
    Reply:
      type: object
      properties:
        data: {{type: string}}
"
    );
    let (_dir, path) = spec_folder(&[("api.yaml", &spec)]);
    let error = only(errors(&path.join("api.yaml")));
    assert_eq!(
        error.location.pointer.to_string(),
        "#/paths/~1a/get/responses/200/content/application~1json/schema/x-apifox-refs/01ABC/x-apifox-overrides/data"
    );
    assert!(
        error.message.starts_with("not a valid schema"),
        "{}",
        error.message
    );
}
