//! Operations' request bodies and responses: which media type is used,
//! the Rust type of each, and the examples that fit it.

use openapiv3::{
    Operation as SpecOperation, ReferenceOr, RequestBody, Response as SpecResponse, StatusCode,
};
use serde_json::Value;

use super::media::{MediaKind, choose, examples};
use super::types::{Context, SchemaRef};
use super::{
    Body, BodyEncoding, Method, ModuleId, Recorded, Response, ResponseKind, Scalar, TypeRef,
    example_text,
};
use crate::diagnostics::Pointer;
use crate::normalize::refs::{RefTarget, parse_ref};

use super::ops::Builder;

impl<'b> Builder<'b, '_> {
    pub(super) fn body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        method: Method,
        module: ModuleId,
        type_prefix: &str,
    ) -> Option<Body> {
        let at = self.at.push("requestBody");
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "requestBodies" => self
                        .setting
                        .components
                        .and_then(|components| components.request_bodies.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(body)) => body,
                    _ => {
                        self.types.diagnostics.warn(
                            &at,
                            format!("cannot follow `$ref: {reference}`; the body is skipped"),
                        );
                        return None;
                    }
                }
            }
        };
        let (media, media_type, kind) = choose(
            &body.content,
            &[
                MediaKind::Json,
                MediaKind::Multipart,
                MediaKind::Form,
                MediaKind::Text,
                MediaKind::Binary,
            ],
        )?;
        let mut context = Context::root(
            type_prefix,
            "Request",
            module,
            format!("The request body of {}.", self.title),
        );
        context.bytes = kind == MediaKind::Multipart;
        let schema_at = at.push("content").push(media).push("schema");
        let ty = match (kind, &media_type.schema) {
            (MediaKind::Text, _) => TypeRef::Scalar(Scalar::String),
            (MediaKind::Binary, _) => TypeRef::Scalar(Scalar::Binary),
            (_, Some(schema)) => self
                .types
                .schema(SchemaRef::from(schema), &context, &schema_at),
            (_, None) => TypeRef::Any,
        };
        let encoding = match kind {
            MediaKind::Json if matches!(method, Method::Get | Method::Head) => BodyEncoding::Query,
            MediaKind::Json => BodyEncoding::Json,
            MediaKind::Form => BodyEncoding::Form,
            MediaKind::Multipart => BodyEncoding::Multipart,
            MediaKind::Text => BodyEncoding::Text,
            MediaKind::Binary => BodyEncoding::Binary,
        };
        // apifox adds an empty JSON body (`properties: {}`) to GETs by
        // default; it says nothing and would only be an argument to fill.
        let says_nothing =
            matches!(&ty, TypeRef::Any) || ty == TypeRef::Map(Box::new(TypeRef::Any));
        if encoding == BodyEncoding::Query && says_nothing && media_type.example.is_none() {
            return None;
        }
        let recorded = recorded(&ty, media_type, &at.push("content").push(media));
        Some(Body {
            encoding,
            ty,
            required: body.required,
            examples: Vec::new(),
            recorded,
        })
    }

    pub(super) fn response(
        &mut self,
        operation: &SpecOperation,
        module: ModuleId,
        type_prefix: &str,
    ) -> Response {
        let success = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| {
                let code = match status {
                    StatusCode::Code(code) => *code,
                    StatusCode::Range(2) => 200,
                    StatusCode::Range(_) => return None,
                };
                (200..300)
                    .contains(&code)
                    .then_some((code, status, response))
            })
            .min_by_key(|(code, ..)| *code);
        let Some((status, key, response)) = success else {
            return Response {
                status: 200,
                kind: ResponseKind::Empty,
                examples: Vec::new(),
                recorded: Vec::new(),
            };
        };
        let at = self.at.push("responses").push(key);
        let Some(response) = self.resolve_response(response, &at) else {
            return Response {
                status,
                kind: ResponseKind::Empty,
                examples: Vec::new(),
                recorded: Vec::new(),
            };
        };
        // 204 and 205 responses end at their headers (RFC 9110 §15.3.5,
        // §15.3.6): a client waiting for the documented body would fail on
        // every call.
        if matches!(status, 204 | 205) {
            if !response.content.is_empty() {
                self.types.diagnostics.warn(
                    &at.push("content"),
                    format!("a {status} response has no body; the documented content is not read"),
                );
            }
            return Response {
                status,
                kind: ResponseKind::Empty,
                examples: Vec::new(),
                recorded: Vec::new(),
            };
        }
        let Some((media, media_type, kind)) = choose(
            &response.content,
            &[MediaKind::Json, MediaKind::Text, MediaKind::Binary],
        ) else {
            return Response {
                status,
                kind: ResponseKind::Empty,
                examples: Vec::new(),
                recorded: Vec::new(),
            };
        };
        let context = Context::root(
            type_prefix,
            "Response",
            module,
            format!("The response of {}.", self.title),
        );
        let kind = match (kind, &media_type.schema) {
            (MediaKind::Json, Some(schema)) => {
                let schema_at = at.push("content").push(media).push("schema");
                ResponseKind::Json(
                    self.types
                        .schema(SchemaRef::from(schema), &context, &schema_at),
                )
            }
            (MediaKind::Json, None) => ResponseKind::Json(TypeRef::Any),
            (MediaKind::Text, _) => ResponseKind::Text,
            _ => ResponseKind::Binary,
        };
        let recorded = match &kind {
            ResponseKind::Json(ty) => recorded(ty, media_type, &at.push("content").push(media)),
            _ => Vec::new(),
        };
        Response {
            status,
            kind,
            examples: Vec::new(),
            recorded,
        }
    }

    /// The response `response` is or refers to: a borrow of the document,
    /// as it is only read.
    fn resolve_response<'s>(
        &mut self,
        response: &'s ReferenceOr<SpecResponse>,
        at: &Pointer,
    ) -> Option<&'s SpecResponse>
    where
        'b: 's,
    {
        match response {
            ReferenceOr::Item(response) => Some(response),
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "responses" => self
                        .setting
                        .components
                        .and_then(|components| components.responses.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(response)) => Some(response),
                    _ => {
                        self.types.diagnostics.warn(
                            at,
                            format!(
                                "cannot follow `$ref: {reference}`; the response is read as empty"
                            ),
                        );
                        None
                    }
                }
            }
        }
    }
}

/// The examples of `media_type` (at `at`), to be checked against `ty` once
/// the types are final. Text examples of structured types are read as JSON
/// with comments, as apifox users write them.
fn recorded(ty: &TypeRef, media_type: &openapiv3::MediaType, at: &Pointer) -> Vec<Recorded> {
    examples(media_type)
        .into_iter()
        .map(|(value, below)| {
            let at = below.iter().fold(at.clone(), |at, token| at.push(token));
            let parsed = match &value {
                Value::String(text) if !is_text(ty) => example_text::parse(text),
                _ => None,
            };
            match parsed {
                Some(parsed) => Recorded {
                    value: parsed.value,
                    at,
                    comments: parsed.comments,
                },
                None => Recorded {
                    value,
                    at,
                    comments: Vec::new(),
                },
            }
        })
        .collect()
}

/// Whether `ty` is plain text, whose examples are text too.
fn is_text(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Nullable(inner) => is_text(inner),
        TypeRef::Scalar(scalar) => *scalar == Scalar::String,
        _ => false,
    }
}
