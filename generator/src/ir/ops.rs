//! Operations: their names, modules, parameters, bodies and responses.

use indexmap::IndexMap;
use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr,
};
use serde_json::Value;

use super::types::{Context, Types};
use super::{Method, ModuleId, Operation, Param, ParamLocation, PathSegment, Scalar, TypeRef};
use crate::diagnostics::Pointer;
use crate::naming::{self, Namespace};
use crate::normalize::refs::{RefTarget, parse_ref};

pub use super::modules::Modules;

/// Facts about the API that decide how operations are built.
pub struct Setting<'a> {
    /// Headers the client sets itself (lower case).
    pub managed_headers: Vec<String>,
    /// Whether operations authenticate unless they opt out.
    pub authenticated_by_default: bool,
    pub components: Option<&'a openapiv3::Components>,
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

pub(super) struct Builder<'b, 'a> {
    pub(super) types: &'b mut Types<'a>,
    pub(super) setting: &'b Setting<'b>,
    /// The path item.
    pub(super) item_at: Pointer,
    /// The operation.
    pub(super) at: Pointer,
    /// How docs refer to the operation: its summary, or method and path.
    pub(super) title: String,
}

impl<'b> Builder<'b, '_> {
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
        let mut merged: IndexMap<(String, &'static str), (&Parameter, Pointer)> = IndexMap::new();
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

    /// The parameter `parameter` is or refers to: a borrow of the document,
    /// as it is only read.
    fn resolve_parameter<'s>(
        &mut self,
        parameter: &'s ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Option<&'s Parameter>
    where
        'b: 's,
    {
        match parameter {
            ReferenceOr::Item(parameter) => Some(parameter),
            ReferenceOr::Reference { reference } => {
                let found = match parse_ref(reference) {
                    RefTarget::Component { kind, name } if kind == "parameters" => self
                        .setting
                        .components
                        .and_then(|components| components.parameters.get(&name)),
                    _ => None,
                };
                match found {
                    Some(ReferenceOr::Item(parameter)) => Some(parameter),
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
                if let PathSegment::Param(position) = segment
                    && *position > index
                {
                    *position -= 1;
                }
            }
        }
        segments
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

pub(super) fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}
