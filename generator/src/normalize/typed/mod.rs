//! The normalized document read into `openapiv3`'s typed model, by hand.
//!
//! openapiv3's own `Deserialize` impls copy every object with `flatten`ed
//! extensions, every `ReferenceOr` and every schema into a buffer before
//! reading it, so a node n objects deep is copied n times: on the
//! 5,000-operation synthetic spec that read took as long as all of
//! normalize's passes together. The readers here build the same model
//! straight from the JSON tree, a few times faster, and read path items
//! and component schemas (nearly all of a large document) on the thread
//! pool, freeing each one's JSON once it is read.
//!
//! They follow openapiv3's rules and give up (`fields::Unread`) on
//! anything they are not sure of; the caller then reads what they gave up
//! on, with the rest of the document, with serde, which accepts it or says
//! where it is wrong ([`Partial`]). So they can only be faster, never
//! different: unit tests compare them with openapiv3
//! on every kind of node, a test compares the two reads of every real spec
//! (`tests/typed_read.rs`), and `cargo xtask fuzz` compares them on each
//! mutant ([`compare`]).

mod fields;
mod operation;
mod schema;

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, PathItem, Paths, ReferenceOr, Schema};
use rayon::prelude::*;
use serde_json::{Map, Value};

use fields::{Object, Read, by_serde, map, reference_or, string};

/// `document` read into the typed model. Path items and component
/// schemas are read one by one on the pool, and each one's JSON is freed
/// as soon as it is read: the model is many times the size of the JSON,
/// and the JSON it no longer needs makes room for it.
///
/// The parts the fast read gives up on come back in a [`Partial`], with
/// the rest of the document, for openapiv3 to read.
pub fn read(document: Value) -> Result<OpenAPI, Partial> {
    let Value::Object(mut root) = document else {
        return Err(Partial::whole(document));
    };
    let mut paths = match root.get_mut("paths") {
        Some(Value::Object(paths)) => take_parts(paths, is_path),
        _ => Vec::new(),
    };
    let mut schemas = match root
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
    {
        Some(Value::Object(schemas)) => Some(take_parts(schemas, |_| true)),
        _ => None,
    };
    rayon::join(
        || read_parts(&mut paths, |node| reference_or(node, operation::path_item)),
        || {
            if let Some(schemas) = &mut schemas {
                read_parts(schemas, schema::schema_or_ref);
            }
        },
    );
    let document = Value::Object(root);
    let gave_up = paths.iter().any(|part| part.read.is_none())
        || schemas.iter().flatten().any(|part| part.read.is_none());
    if !gave_up && let Ok(mut openapi) = openapi(&document) {
        openapi.paths.paths = Part::into_map(paths);
        if let (Some(components), Some(schemas)) = (&mut openapi.components, schemas) {
            components.schemas = Part::into_map(schemas);
        }
        return Ok(openapi);
    }
    Err(Partial::of(document, paths, schemas))
}

/// Whether `key` of `paths` is a path: the keys openapiv3's `Paths` reads
/// as path items (it drops the others, or keeps them as extensions).
fn is_path(key: &str) -> bool {
    key.starts_with('/')
}

/// A path item or component schema: its JSON until it is read.
struct Part<T> {
    key: String,
    node: Value,
    /// Boxed: a path item is some 9 KB of model, so the parts' list, and
    /// the map that is built from it at the end, would otherwise copy
    /// megabytes on every growth (a quarter of the read, measured on the
    /// 5,000-operation spec).
    read: Option<Box<T>>,
}

impl<T> Part<T> {
    /// The map of the parts read, in order, built in one allocation.
    fn into_map(parts: Vec<Self>) -> IndexMap<String, T> {
        let mut map = IndexMap::with_capacity(parts.len());
        map.extend(
            parts
                .into_iter()
                .filter_map(|part| Some((part.key, *part.read?))),
        );
        map
    }
}

/// The entries of `object` whose keys are `taken`, moved out of it in
/// order.
fn take_parts<T>(object: &mut Map<String, Value>, taken: impl Fn(&str) -> bool) -> Vec<Part<T>> {
    let mut parts = Vec::with_capacity(object.len());
    object.retain(|key, node| {
        if !taken(key) {
            return true;
        }
        parts.push(Part {
            key: key.clone(),
            node: node.take(),
            read: None,
        });
        false
    });
    parts
}

/// Reads each part on the pool, freeing the JSON of those read.
fn read_parts<T: Send>(parts: &mut [Part<T>], read: impl Fn(&Value) -> Read<T> + Sync) {
    parts.par_iter_mut().for_each(|part| {
        if let Ok(read) = read(&part.node) {
            part.read = Some(Box::new(read));
            part.node = Value::Null;
        }
    });
}

/// What the fast read left to openapiv3: the document without the path
/// items and schemas it read, and those it read, to merge back in.
pub struct Partial {
    document: Value,
    paths: Vec<(String, Option<ReferenceOr<PathItem>>)>,
    schemas: Vec<(String, Option<ReferenceOr<Schema>>)>,
}

impl Partial {
    fn whole(document: Value) -> Self {
        Self {
            document,
            paths: Vec::new(),
            schemas: Vec::new(),
        }
    }

    /// The document with the parts not read put back (after the other
    /// keys of `paths`, which are extensions or ignored: they hold no
    /// error), and the parts read kept apart.
    fn of(
        mut document: Value,
        paths: Vec<Part<ReferenceOr<PathItem>>>,
        schemas: Option<Vec<Part<ReferenceOr<Schema>>>>,
    ) -> Self {
        fn put_back<T>(
            object: Option<&mut Value>,
            parts: Vec<Part<T>>,
        ) -> Vec<(String, Option<T>)> {
            let mut object = match object {
                Some(Value::Object(object)) => Some(object),
                _ => None,
            };
            parts
                .into_iter()
                .map(|part| {
                    if part.read.is_none()
                        && let Some(object) = object.as_deref_mut()
                    {
                        object.insert(part.key.clone(), part.node);
                    }
                    (part.key, part.read.map(|read| *read))
                })
                .collect()
        }
        let paths = put_back(document.get_mut("paths"), paths);
        let schemas = put_back(
            document
                .get_mut("components")
                .and_then(|components| components.get_mut("schemas")),
            schemas.unwrap_or_default(),
        );
        Self {
            document,
            paths,
            schemas,
        }
    }

    /// The document as openapiv3 is to read it: whole but for the parts
    /// read, so that its first error, and the deepest schema that does
    /// not read, are the whole document's (the parts read have none).
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// [`Partial::document`], for the search of the deepest schema that
    /// does not read (which reads each schema in place).
    pub fn document_mut(&mut self) -> &mut Value {
        &mut self.document
    }

    /// The whole model: `read`, openapiv3's model of [`Partial::document`],
    /// with the parts the fast read read put back in their places.
    pub fn complete(self, mut read: OpenAPI) -> OpenAPI {
        read.paths.paths = merge(self.paths, std::mem::take(&mut read.paths.paths));
        if let Some(components) = &mut read.components {
            components.schemas = merge(self.schemas, std::mem::take(&mut components.schemas));
        }
        read
    }
}

/// The entries in order of `parts` (every key there is): each the fast
/// read's, or else `read`'s. `read`'s own order does not matter, so its
/// entries are taken out without shifting the others.
fn merge<T>(parts: Vec<(String, Option<T>)>, mut read: IndexMap<String, T>) -> IndexMap<String, T> {
    parts
        .into_iter()
        .filter_map(|(key, fast)| {
            let value = fast.or_else(|| read.swap_remove(&key))?;
            Some((key, value))
        })
        .collect()
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
    let Ok(fast) = read(document.clone()) else {
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

/// The document around its path items and component schemas, which
/// [`read`] reads apart.
fn openapi(node: &Value) -> Read<OpenAPI> {
    let object = Object::of(node)?;
    Ok(OpenAPI {
        openapi: object.required("openapi", string)?,
        info: object.required("info", by_serde)?,
        servers: object.or_default("servers", by_serde)?,
        paths: object.required("paths", paths)?,
        components: object.optional("components", components)?,
        security: object.optional("security", by_serde)?,
        tags: object.or_default("tags", by_serde)?,
        external_docs: object.optional("externalDocs", by_serde)?,
        extensions: object.extensions(),
    })
}

/// `paths`: its keys starting with `/` are path items (there are none
/// left when [`read`] has taken them out); openapiv3 drops the other keys
/// but its extensions.
fn paths(node: &Value) -> Read<Paths> {
    let object = Object::of(node)?;
    Ok(Paths {
        paths: object
            .entries()
            .filter(|(key, _)| is_path(key))
            .map(|(key, node)| Ok((key.clone(), reference_or(node, operation::path_item)?)))
            .collect::<Read<_>>()?,
        extensions: object.extensions(),
    })
}

fn components(node: &Value) -> Read<Components> {
    let object = Object::of(node)?;
    Ok(Components {
        schemas: object.or_default("schemas", |node| map(node, schema::schema_or_ref))?,
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

#[cfg(test)]
mod tests;
