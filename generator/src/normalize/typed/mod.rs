//! The normalized document read into `openapiv3`'s typed model, by hand.
//!
//! openapiv3's own `Deserialize` impls copy every object with `flatten`ed
//! extensions, every `ReferenceOr` and every schema into a buffer before
//! reading it, so a node n objects deep is copied n times: on the
//! 5,000-operation synthetic spec that read took as long as all of
//! normalize's passes together. The readers here build the same model
//! straight from the JSON tree, a few times faster, and read path items
//! and component schemas (nearly all of a large document) on the thread
//! pool.
//!
//! They follow openapiv3's rules and give up (`fields::Unread`) on
//! anything they are not sure of; the caller then reads the whole document
//! with serde, which accepts it or says where it is wrong. So they can
//! only be faster, never different: unit tests compare them with openapiv3
//! on every kind of node, a test compares the two reads of every real spec
//! (`tests/typed_read.rs`), and `cargo xtask fuzz` compares them on each
//! mutant ([`compare`]).

mod fields;
mod operation;
mod schema;

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Paths};
use rayon::prelude::*;
use serde_json::Value;

use fields::{Object, Read, by_serde, map, reference_or, string};

/// `document` read into the typed model; `None` if the fast read gave up
/// on some node, and the caller reads it with serde instead.
pub fn read(document: &Value) -> Option<OpenAPI> {
    openapi(document).ok()
}

/// How [`read`] and openapiv3's own read of a document compare.
#[derive(Debug, PartialEq)]
pub enum Agreement {
    /// Both read it, to the same model.
    Same,
    /// The fast read gave up, so openapiv3's read is the only one.
    GaveUp,
    /// The fast read accepted what openapiv3 refuses, or read it to a
    /// different model: a bug of this module. The text says where.
    Differs(String),
}

/// Compares [`read`] with openapiv3's read of `document` (which must be
/// normalized): what the tests and `cargo xtask fuzz` hold this module to.
pub fn compare(document: &Value) -> Agreement {
    use serde::Deserialize;
    let Some(fast) = read(document) else {
        return Agreement::GaveUp;
    };
    let slow = match OpenAPI::deserialize(document) {
        Ok(slow) => slow,
        Err(error) => {
            return Agreement::Differs(format!(
                "the fast read accepts a document openapiv3 refuses ({error})"
            ));
        }
    };
    if fast == slow {
        return Agreement::Same;
    }
    let paths = fast.paths.paths.iter().zip(&slow.paths.paths);
    let schemas = fast
        .components
        .iter()
        .zip(&slow.components)
        .flat_map(|(fast, slow)| fast.schemas.iter().zip(&slow.schemas));
    let at = paths
        .map(|(fast, slow)| (format!("path `{}`", fast.0), fast != slow))
        .chain(schemas.map(|(fast, slow)| (format!("schema `{}`", fast.0), fast != slow)))
        .find_map(|(at, differs)| differs.then_some(at))
        .unwrap_or_else(|| "outside the path items and component schemas".to_owned());
    Agreement::Differs(format!("the fast read and openapiv3 differ at {at}"))
}

fn openapi(node: &Value) -> Read<OpenAPI> {
    let object = Object::of(node)?;
    let (paths, components) = rayon::join(
        || object.required("paths", paths),
        || object.optional("components", components),
    );
    Ok(OpenAPI {
        openapi: object.required("openapi", string)?,
        info: object.required("info", by_serde)?,
        servers: object.or_default("servers", by_serde)?,
        paths: paths?,
        components: components?,
        security: object.optional("security", by_serde)?,
        tags: object.or_default("tags", by_serde)?,
        external_docs: object.optional("externalDocs", by_serde)?,
        extensions: object.extensions(),
    })
}

/// `paths`: its keys starting with `/` are path items, read in parallel;
/// openapiv3 drops the other keys but its extensions.
fn paths(node: &Value) -> Read<Paths> {
    let object = Object::of(node)?;
    let items: Vec<_> = object
        .entries()
        .filter(|(key, _)| key.starts_with('/'))
        .collect();
    Ok(Paths {
        paths: in_parallel(&items, |node| reference_or(node, operation::path_item))?,
        extensions: object.extensions(),
    })
}

fn components(node: &Value) -> Read<Components> {
    let object = Object::of(node)?;
    Ok(Components {
        schemas: object.or_default("schemas", |node| {
            let schemas: Vec<_> = Object::of(node)?.entries().collect();
            in_parallel(&schemas, schema::schema_or_ref)
        })?,
        responses: object.or_default("responses", |node| {
            map(node, |node| reference_or(node, operation::response))
        })?,
        parameters: object.or_default("parameters", |node| {
            map(node, |node| reference_or(node, operation::parameter))
        })?,
        examples: object.or_default("examples", by_serde)?,
        request_bodies: object.or_default("requestBodies", |node| {
            map(node, |node| reference_or(node, operation::request_body))
        })?,
        headers: object.or_default("headers", |node| {
            map(node, |node| reference_or(node, operation::header))
        })?,
        security_schemes: object.or_default("securitySchemes", by_serde)?,
        links: object.or_default("links", by_serde)?,
        callbacks: object.or_default("callbacks", by_serde)?,
        extensions: object.extensions(),
    })
}

/// Each of `entries` read by `read` on the thread pool, in order.
fn in_parallel<T: Send>(
    entries: &[(&String, &Value)],
    read: impl Fn(&Value) -> Read<T> + Sync,
) -> Read<IndexMap<String, T>> {
    let read: Vec<_> = entries
        .par_iter()
        .map(|(key, node)| Ok(((*key).clone(), read(node)?)))
        .collect::<Read<_>>()?;
    Ok(read.into_iter().collect())
}

#[cfg(test)]
mod tests;
