//! Operations: their names, modules, parameters, bodies and responses.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response as SpecResponse, StatusCode,
};
use serde_json::Value;

use super::media::{MediaKind, choose, examples};
use super::types::{Context, SchemaRef, Types};
use super::{
    Body, BodyEncoding, Method, Module, ModuleId, Operation, Param, ParamLocation, PathSegment,
    Response, ResponseKind, Scalar, TypeRef,
};
use crate::diagnostics::Pointer;
use crate::naming::{self, Namespace};
use crate::normalize::refs::{RefTarget, parse_ref};

/// The crate's modules, created as operations name their folders.
pub struct Modules {
    pub list: Vec<Module>,
    by_folder: HashMap<String, ModuleId>,
    names: Namespace,
    /// The method names taken in each module.
    methods: Vec<Namespace>,
}

/// Methods every module handle has besides its operations.
const HANDLE_METHODS: &[&str] = &["new", "client", "with_options", "idempotency_key"];

impl Modules {
    /// The modules of a crate: `models` (component types) first.
    pub fn new() -> Self {
        let mut modules = Self {
            list: Vec::new(),
            by_folder: HashMap::new(),
            names: Namespace::with_reserved(naming::RESERVED_MODULE_NAMES),
            methods: Vec::new(),
        };
        modules.list.push(Module {
            name: "models".to_owned(),
            title: "Models".to_owned(),
            handle: String::new(),
        });
        modules.methods.push(Namespace::default());
        modules
    }

    /// The module of the operations in `folder` (`""` when they have none).
    pub fn for_folder(&mut self, folder: &str) -> ModuleId {
        if let Some(id) = self.by_folder.get(folder) {
            return *id;
        }
        let short = if folder.trim().is_empty() {
            "operations".to_owned()
        } else {
            naming::module_name(folder)
        };
        let name = if self.names.try_claim(&short) {
            short
        } else {
            self.names
                .claim(&naming::qualified_module_name(folder), "_")
        };
        let id = ModuleId(self.list.len());
        self.list.push(Module {
            handle: naming::handle_name(&name),
            name,
            title: folder.to_owned(),
        });
        self.methods.push(Namespace::with_reserved(HANDLE_METHODS));
        self.by_folder.insert(folder.to_owned(), id);
        id
    }

    fn claim_method(&mut self, module: ModuleId, candidates: &[String]) -> String {
        let names = &mut self.methods[module.0];
        candidates
            .iter()
            .find(|candidate| names.try_claim(candidate))
            .cloned()
            .unwrap_or_else(|| names.claim(&candidates[0], "_"))
    }
}

/// Facts about the API that decide how operations are built.
pub struct Setting<'a> {
    /// Headers the client sets itself (lower case).
    pub managed_headers: Vec<String>,
    /// Whether operations authenticate unless they opt out.
    pub authenticated_by_default: bool,
    pub components: Option<&'a openapiv3::Components>,
    /// Whether arrays and objects may arrive as JSON-encoded strings.
    pub lenient: bool,
}

/// Builds every operation of `document`.
pub fn operations(
    document: &OpenAPI,
    types: &mut Types<'_>,
    modules: &mut Modules,
    prefixes: &mut Namespace,
    setting: &Setting<'_>,
) -> Vec<Operation> {
    let mut operations = Vec::new();
    let paths_pointer = Pointer::root().push("paths");
    for (path, item) in &document.paths.paths {
        let item_pointer = paths_pointer.push(path);
        let ReferenceOr::Item(item) = item else {
            types.diagnostics.warn(
                &item_pointer,
                "path items that are references are not supported; the path is skipped",
            );
            continue;
        };
        for (method, operation) in item.iter() {
            let title = match operation.summary.as_deref().map(str::trim) {
                // A code span: a summary's brackets or asterisks are not Markdown.
                Some(summary) if !summary.is_empty() => format!("`{}`", summary.replace('`', "'")),
                _ => format!("`{} {path}`", method.to_ascii_uppercase()),
            };
            let builder = Builder {
                types: &mut *types,
                setting,
                item_at: item_pointer.clone(),
                at: item_pointer.push(method),
                title,
            };
            operations.push(builder.build(
                path,
                method,
                operation,
                &item.parameters,
                modules,
                prefixes,
            ));
        }
    }
    for operation in &mut operations {
        if let Some(mut pagination) = super::pagination::detect(types, operation) {
            pagination.stream_method =
                modules.claim_method(operation.module, &[format!("{}_stream", operation.name)]);
            operation.pagination = Some(pagination);
        }
    }
    operations
}

struct Builder<'b, 'a> {
    types: &'b mut Types<'a>,
    setting: &'b Setting<'b>,
    /// The path item.
    item_at: Pointer,
    /// The operation.
    at: Pointer,
    /// How docs refer to the operation: its summary, or method and path.
    title: String,
}

impl Builder<'_, '_> {
    fn build(
        mut self,
        path: &str,
        method: &str,
        operation: &SpecOperation,
        shared_parameters: &[ReferenceOr<Parameter>],
        modules: &mut Modules,
        prefixes: &mut Namespace,
    ) -> Operation {
        let folder = operation
            .extensions
            .get("x-apifox-folder")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|folder| !folder.is_empty())
            .or(operation.tags.first().map(String::as_str))
            .unwrap_or("");
        let module = modules.for_folder(folder);
        let names = naming::operation_names(
            operation.operation_id.as_deref(),
            operation.summary.as_deref(),
            method,
            path,
            folder,
        );
        let name = modules.claim_method(module, &names.methods);
        let type_prefix = names
            .type_prefixes
            .iter()
            .find(|prefix| prefixes.try_claim(prefix))
            .cloned()
            .unwrap_or_else(|| prefixes.claim(&names.type_prefixes[0], ""));

        let method = parse_method(method);
        let mut arguments = Namespace::with_reserved(&["params", "body", "self_"]);
        let mut params = self.parameters(
            shared_parameters,
            &operation.parameters,
            module,
            &type_prefix,
            &mut arguments,
        );
        let segments = self.segments(&braced(path), &mut params, &mut arguments);
        let body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.body(body, method, module, &type_prefix));
        let response = self.response(operation, module, &type_prefix);
        let params_type = params
            .iter()
            .any(|param| param.location != ParamLocation::Path)
            .then(|| format!("{type_prefix}Params"));
        let authenticated = match &operation.security {
            Some(requirements) => !requirements.is_empty(),
            None => self.setting.authenticated_by_default,
        };
        Operation {
            name,
            type_prefix,
            module,
            summary: non_empty(operation.summary.as_deref()),
            description: non_empty(operation.description.as_deref()),
            deprecated: operation.deprecated,
            method,
            path: path.to_owned(),
            segments,
            params,
            params_type,
            body,
            response,
            authenticated,
            pagination: None,
            origin: self.at,
        }
    }

    fn parameters(
        &mut self,
        shared: &[ReferenceOr<Parameter>],
        own: &[ReferenceOr<Parameter>],
        module: ModuleId,
        type_prefix: &str,
        arguments: &mut Namespace,
    ) -> Vec<Param> {
        let mut merged: IndexMap<(String, &'static str), (Parameter, Pointer)> = IndexMap::new();
        let lists = [
            (shared, self.item_at.push("parameters")),
            (own, self.at.push("parameters")),
        ];
        for (list, list_at) in lists {
            for (index, parameter) in list.iter().enumerate() {
                let at = list_at.push(index);
                let Some(parameter) = self.resolve_parameter(parameter, &at) else {
                    continue;
                };
                let location = match &parameter {
                    Parameter::Query { .. } => "query",
                    Parameter::Header { .. } => "header",
                    Parameter::Path { .. } => "path",
                    Parameter::Cookie { .. } => "cookie",
                };
                let key = (
                    parameter.parameter_data_ref().name.to_ascii_lowercase(),
                    location,
                );
                merged.insert(key, (parameter, at));
            }
        }
        let params_name = format!("{type_prefix}Params");
        let mut params = Vec::new();
        for ((_, location), (parameter, at)) in merged {
            let data = parameter.parameter_data_ref();
            let location = match location {
                "query" => ParamLocation::Query,
                "path" => ParamLocation::Path,
                "header" => {
                    if self
                        .setting
                        .managed_headers
                        .contains(&data.name.to_ascii_lowercase())
                    {
                        continue;
                    }
                    ParamLocation::Header
                }
                _ => {
                    self.types.diagnostics.warn(
                        &at,
                        "cookie parameters are not supported; the parameter is skipped",
                    );
                    continue;
                }
            };
            let context = Context::root(
                &params_name,
                &naming::type_name(&data.name),
                module,
                format!("The `{}` parameter of {}.", data.name, self.title),
            );
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.types.schema(schema, &context, &at.push("schema"))
                }
                ParameterSchemaOrContent::Content(content) => content
                    .iter()
                    .next()
                    .and_then(|(media, media_type)| Some((media, media_type.schema.as_ref()?)))
                    .map_or(TypeRef::Scalar(Scalar::String), |(media, schema)| {
                        self.types.schema(
                            schema,
                            &context,
                            &at.push("content").push(media).push("schema"),
                        )
                    }),
            };
            let ty = if location == ParamLocation::Path {
                self.path_type(ty)
            } else {
                ty
            };
            params.push(Param {
                name: arguments.claim(&naming::field_name(&data.name), "_"),
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParamLocation::Path,
                ty,
                docs: non_empty(data.description.as_deref()),
            });
        }
        params
    }

    /// Path parameters are text, numbers, booleans or string enums;
    /// anything else is sent as text.
    fn path_type(&self, ty: TypeRef) -> TypeRef {
        match ty {
            TypeRef::Scalar(Scalar::Binary) => TypeRef::Scalar(Scalar::String),
            TypeRef::Scalar(_) => ty,
            TypeRef::Named(_) if self.types.is_enum(&ty) => ty,
            TypeRef::Nullable(inner) => self.path_type(*inner),
            _ => TypeRef::Scalar(Scalar::String),
        }
    }

    fn resolve_parameter(
        &mut self,
        parameter: &ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Option<Parameter> {
        match parameter {
            ReferenceOr::Item(parameter) => Some(parameter.clone()),
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "parameters" => self
                        .setting
                        .components
                        .and_then(|components| components.parameters.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(parameter)) => Some(parameter.clone()),
                    _ => {
                        self.types.diagnostics.warn(
                            at,
                            format!("cannot follow `$ref: {reference}`; the parameter is skipped"),
                        );
                        None
                    }
                }
            }
        }
    }

    /// Splits the path template into literals and parameters; placeholders
    /// the spec does not declare become string parameters, declared path
    /// parameters missing from the template are dropped.
    fn segments(
        &mut self,
        path: &str,
        params: &mut Vec<Param>,
        arguments: &mut Namespace,
    ) -> Vec<PathSegment> {
        let mut segments = Vec::new();
        let mut used = Vec::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            let Some(length) = rest[start..].find('}') else {
                break;
            };
            let end = start + length;
            let closing = rest[end..].chars().take_while(|&c| c == '}').count();
            let raw = rest[start..end + closing].trim_matches(['{', '}']).trim();
            if start > 0 {
                segments.push(PathSegment::Literal(rest[..start].to_owned()));
            }
            let index = match params.iter().position(|param| {
                param.location == ParamLocation::Path && param.wire_name.eq_ignore_ascii_case(raw)
            }) {
                Some(index) => index,
                None => {
                    params.push(Param {
                        name: arguments.claim(&naming::field_name(raw), "_"),
                        wire_name: raw.to_owned(),
                        location: ParamLocation::Path,
                        ty: TypeRef::Scalar(Scalar::String),
                        required: true,
                        docs: None,
                    });
                    params.len() - 1
                }
            };
            used.push(index);
            segments.push(PathSegment::Param(index));
            rest = &rest[end + closing..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_owned()));
        }
        let unused: Vec<usize> = (0..params.len())
            .filter(|index| params[*index].location == ParamLocation::Path && !used.contains(index))
            .collect();
        for index in unused.into_iter().rev() {
            self.types.diagnostics.warn(
                &self.at,
                format!(
                    "path parameter `{}` does not appear in the path; it is skipped",
                    params[index].wire_name
                ),
            );
            params.remove(index);
            for segment in &mut segments {
                if let PathSegment::Param(position) = segment {
                    if *position > index {
                        *position -= 1;
                    }
                }
            }
        }
        segments
    }

    fn body(
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
        let examples = self.fitting_examples(&ty, media_type, &at.push("content").push(media));
        Some(Body {
            encoding,
            ty,
            required: body.required,
            examples,
        })
    }

    fn response(
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
                self.fitting_examples(ty, media_type, &at.push("content").push(media))
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
    fn fitting_examples(
        &mut self,
        ty: &TypeRef,
        media_type: &openapiv3::MediaType,
        at: &Pointer,
    ) -> Vec<Value> {
        examples(media_type)
            .into_iter()
            .filter(|example| match self.types.check_example(ty, example, self.setting.lenient) {
                Ok(()) => true,
                Err(problem) => {
                    self.types.diagnostics.warn(
                        &at.push("example"),
                        format!("the example does not fit the schema ({problem}); no test is made of it"),
                    );
                    false
                }
            })
            .collect()
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

/// Express-style path parameters (`/blogs/:blogId`) in OpenAPI's braces
/// (`/blogs/{blogId}`).
fn braced(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name)
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                format!("{{{name}}}")
            }
            _ => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn parse_method(method: &str) -> Method {
    match method {
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        _ => Method::Get,
    }
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}
