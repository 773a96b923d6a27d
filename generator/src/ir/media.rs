//! Media types: which content of a body or response is used, and how it is
//! read or written.

use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr};
use serde_json::Value;

/// How a media type is read or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

/// Classifies a media type. `*/*` counts as JSON only with a schema that
/// describes structured data (Spring exports label JSON that way); without
/// one it is raw bytes.
fn classify(media: &str, media_type: &MediaType) -> MediaKind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "text/json" | "application/problem+json" => MediaKind::Json,
        "application/x-www-form-urlencoded" => MediaKind::Form,
        "*/*" | "application/*" if media_type.schema.is_some() && !is_string_schema(media_type) => {
            MediaKind::Json
        }
        _ if essence.ends_with("+json") => MediaKind::Json,
        _ if essence.starts_with("multipart/") => MediaKind::Multipart,
        _ if essence.starts_with("text/") => MediaKind::Text,
        _ => MediaKind::Binary,
    }
}

fn is_string_schema(media_type: &MediaType) -> bool {
    matches!(
        &media_type.schema,
        Some(ReferenceOr::Item(schema)) if matches!(schema.schema_kind, openapiv3::SchemaKind::Type(openapiv3::Type::String(_)))
    )
}

/// The first media type of the most preferred kind.
pub(super) fn choose<'c>(
    content: &'c IndexMap<String, MediaType>,
    preference: &[MediaKind],
) -> Option<(&'c str, &'c MediaType, MediaKind)> {
    let classified: Vec<(&str, &MediaType, MediaKind)> = content
        .iter()
        .map(|(media, media_type)| (media.as_str(), media_type, classify(media, media_type)))
        .collect();
    preference
        .iter()
        .find_map(|wanted| classified.iter().find(|(.., kind)| kind == wanted).copied())
}

/// The examples of a media type, each with where it is below the media
/// type (`example`, `examples/ok/value`).
pub(super) fn examples(media_type: &MediaType) -> Vec<(Value, Vec<String>)> {
    let named = media_type
        .examples
        .iter()
        .filter_map(|(name, example)| match example {
            ReferenceOr::Item(example) => example.value.clone().map(|value| {
                let at = vec!["examples".to_owned(), name.clone(), "value".to_owned()];
                (value, at)
            }),
            ReferenceOr::Reference { .. } => None,
        });
    media_type
        .example
        .clone()
        .map(|value| (value, vec!["example".to_owned()]))
        .into_iter()
        .chain(named)
        .collect()
}
