//! Operations' request bodies and responses: which media type is used,
//! the Rust type of each, and the examples that fit it.

use openapiv3::{
    Operation as SpecOperation, ReferenceOr, RequestBody, Response as SpecResponse, StatusCode,
};
use serde_json::Value;

use super::media::{MediaKind, choose, examples};
use super::types::{Context, SchemaRef};
use super::{
    Body, BodyEncoding, Method, Misfit, ModuleId, Response, ResponseKind, Scalar, TypeRef,
};
use crate::diagnostics::Pointer;
use crate::normalize::refs::{RefTarget, parse_ref};

use super::ops::Builder;

impl Builder<'_, '_> {
    pub(super) fn body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        method: Method,
        module: ModuleId,
        type_prefix: &str,
    ) -> Option<Body> {
        let at = self.at.push("requestBody");
        let body = match body {
            ReferenceOr::Item(body) => body.clone(),
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "requestBodies" => self
                        .setting
                        .components
                        .and_then(|components| components.request_bodies.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(body)) => body.clone(),
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
        let examples =
            self.fitting_examples(&ty, media_type, &at.push("content").push(media), true);
        Some(Body {
            encoding,
            ty,
            required: body.required,
            examples,
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
            };
        };
        let at = self.at.push("responses").push(key);
        let Some(response) = self.resolve_response(response, &at) else {
            return Response {
                status,
                kind: ResponseKind::Empty,
                examples: Vec::new(),
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
        let examples = match &kind {
            ResponseKind::Json(ty) => {
                self.fitting_examples(ty, media_type, &at.push("content").push(media), false)
            }
            _ => Vec::new(),
        };
        Response {
            status,
            kind,
            examples,
        }
    }

    /// The examples of a media type that fit `ty`; the others are reported
    /// and left out (they would only be failing tests).
    /// The examples of `media_type` that fit `ty`; each is logged, and a
    /// misfit is also a located warning.
    fn fitting_examples(
        &mut self,
        ty: &TypeRef,
        media_type: &openapiv3::MediaType,
        at: &Pointer,
        request: bool,
    ) -> Vec<Value> {
        let mut fitting = Vec::new();
        for example in examples(media_type) {
            let outcome = self.types.check_example(ty, &example, self.setting.lenient);
            let log = &mut self.types.example_log;
            let counts = if request {
                &mut log.requests
            } else {
                &mut log.responses
            };
            counts.0 += 1;
            match outcome {
                Ok(()) => {
                    counts.1 += 1;
                    fitting.push(example);
                }
                Err(problem) => {
                    let at = at.push("example");
                    let (path, reason) = problem
                        .strip_prefix("at `")
                        .and_then(|rest| rest.split_once("`, "))
                        .map_or((String::new(), problem.clone()), |(path, reason)| {
                            (path.to_owned(), reason.to_owned())
                        });
                    log.misfits.push(Misfit {
                        request,
                        at: at.clone(),
                        path,
                        reason,
                    });
                    self.types.diagnostics.warn(
                        &at,
                        format!(
                            "the example does not fit the schema ({problem}); no test is made of it"
                        ),
                    );
                }
            }
        }
        fitting
    }

    fn resolve_response(
        &mut self,
        response: &ReferenceOr<SpecResponse>,
        at: &Pointer,
    ) -> Option<SpecResponse> {
        match response {
            ReferenceOr::Item(response) => Some(response.clone()),
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "responses" => self
                        .setting
                        .components
                        .and_then(|components| components.responses.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(response)) => Some(response.clone()),
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
