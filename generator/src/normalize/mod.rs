//! Stage 2: apifox semantics, applied to the merged document.
//!
//! Each apifox rule is a pass over the JSON tree in its own module. The
//! passes run in a fixed order ([`normalize`]) and leave a plain OpenAPI 3.0
//! document, which is then read into the typed `openapiv3` model. Nothing
//! after this stage knows about apifox.

pub mod apifox_refs;
pub mod extensions;
pub mod metadata;
pub mod not_implemented;
pub mod openapi31;
pub mod orders;
pub mod patches;
pub mod refs;
pub mod sanitize;
pub mod siblings;
pub mod typed;
pub mod walk;

use std::path::Path;

use serde_json::Value;

use crate::config::{Config, MetadataValues, Patch};
use crate::diagnostics::{Diagnostics, Error, Pointer};

/// What the API's settings ask of this stage.
#[derive(Clone, Copy, Debug)]
pub struct Settings<'a> {
    /// The maintainer's corrections.
    pub patches: &'a [Patch],
    /// The `codegen.toml` they were read from, for errors.
    pub file: &'a Path,
    /// Whether every `metadata` property becomes the one `Metadata` type,
    /// and what its values are.
    pub shared_metadata: Option<MetadataValues>,
}

impl<'a> Settings<'a> {
    /// What `config` asks of this stage; `file` is where it was read from
    /// ([`Config::settings_file`]).
    pub fn of(config: &'a Config, file: &'a Path) -> Self {
        Self {
            patches: &config.patches,
            file,
            shared_metadata: config.types.metadata,
        }
    }
}

impl Settings<'static> {
    /// No corrections and no shared `Metadata`: the apifox rules alone,
    /// as the tests and `cargo xtask fuzz` apply them to any spec.
    pub fn none() -> Self {
        Self {
            patches: &[],
            file: Path::new(crate::config::FILE_NAME),
            shared_metadata: None,
        }
    }
}

/// Applies every apifox rule to `document` and reads the result into the
/// typed model; `settings` are the API's own corrections.
pub fn normalize(
    document: Value,
    settings: Settings<'_>,
    diagnostics: &mut Diagnostics,
) -> Result<openapiv3::OpenAPI, Error> {
    let document = apply(document, settings, diagnostics)?;
    read(document, diagnostics)
}

/// Applies every apifox rule to `document`: the plain OpenAPI 3.0
/// document that [`read`] reads.
pub fn apply(
    mut document: Value,
    settings: Settings<'_>,
    diagnostics: &mut Diagnostics,
) -> Result<Value, Error> {
    // Spelling first, so that every later pass sees one form of each key
    // and each reference.
    extensions::canonicalize(&mut document);
    refs::canonicalize(&mut document, diagnostics);
    openapi31::downgrade(&mut document, diagnostics);
    sanitize::sanitize(&mut document, diagnostics);
    // The maintainer's corrections, on the spec as apifox wrote it (with
    // canonical spellings), before any apifox rule reshapes it.
    patches::apply(&mut document, settings.patches, settings.file)?;
    // Then meaning: fields that do not exist go before references are
    // expanded, so that overrides deleting them count as no adjustment;
    // and fields take their listed order. Both rules rewrite a schema
    // without reading any other, so one walk applies them.
    let not_implemented = not_implemented::NotImplemented::declared_in(&document);
    walk::rewrite_each_schema(&mut document, &|node| {
        not_implemented.drop_from(node);
        orders::order_fields(node);
    });
    apifox_refs::resolve_refs(&mut document, diagnostics);
    // On plain schemas, before a reference's sibling description is kept.
    if let Some(values) = settings.shared_metadata {
        metadata::share_metadata(&mut document, values);
    }
    siblings::keep_ref_siblings(&mut document);
    Ok(document)
}

/// `document`, normalized by [`apply`], read into the typed model; an
/// error names the deepest node that does not read.
pub fn read(document: Value, diagnostics: &mut Diagnostics) -> Result<openapiv3::OpenAPI, Error> {
    // Read by hand, in parallel parts, which is the fast way for the
    // valid documents nearly all are; only what the fast read gives up on
    // is read by openapiv3, path by path, to accept it or say where it is
    // wrong.
    let mut partial = match typed::read(document) {
        Ok(openapi) => return Ok(openapi),
        Err(partial) => partial,
    };
    let error = match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(partial.document())
    {
        Ok(openapi) => return Ok(partial.complete(openapi)),
        Err(error) => error,
    };
    let document = partial.document_mut();
    let pointer = pointer_of(error.path(), Pointer::root());
    // The typed model's `flatten`ed extensions hide the path below them
    // (`/paths` is as deep as it goes): the deepest schema that does not
    // read says where instead.
    if pointer.tokens().count() <= 1
        && let Some((at, message)) = deepest_invalid_schema(document)
    {
        return Err(diagnostics.error(&at, format!("not a valid schema: {message}")));
    }
    Err(diagnostics.error(
        &pointer,
        format!("not a valid OpenAPI 3 node: {}", error.inner()),
    ))
}

/// `base` extended by a serde path.
fn pointer_of(path: &serde_path_to_error::Path, base: Pointer) -> Pointer {
    path.iter().fold(base, |pointer, segment| {
        use serde_path_to_error::Segment;
        match segment {
            Segment::Seq { index } => pointer.push(index),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { variant } => pointer.push(variant),
            Segment::Unknown => pointer,
        }
    })
}

/// The deepest schema of `document` that the typed model cannot read, with
/// where inside it reading stopped and why. Only called on a document that
/// failed, so the clones cost nothing in the common case.
fn deepest_invalid_schema(document: &mut Value) -> Option<(Pointer, String)> {
    let mut deepest: Option<(usize, Pointer, String)> = None;
    walk::each_schema(document, &mut |node, pointer| {
        let depth = pointer.tokens().count();
        if deepest.as_ref().is_some_and(|(best, ..)| *best >= depth) {
            return;
        }
        let read = serde_path_to_error::deserialize::<_, openapiv3::ReferenceOr<openapiv3::Schema>>(
            &*node,
        );
        if let Err(error) = read {
            let at = pointer_of(error.path(), pointer.clone());
            deepest = Some((depth, at, error.inner().to_string()));
        }
    });
    deepest.map(|(_, at, message)| (at, message))
}
