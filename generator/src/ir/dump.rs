//! A readable text form of the IR, for snapshot tests: reviewing its diff
//! is how a spec change is reviewed.

use std::fmt::Write as _;

use super::{
    Api, ApiKeyLocation, BodyEncoding, Credential, Param, ParamLocation, ResponseKind, Scalar,
    SecurityKind, TypeKind, TypeRef,
};

/// The IR as text: servers, security, modules, types and operations.
pub fn dump(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "api: {:?} version {:?}", api.title, api.version);
    for server in &api.servers {
        let _ = writeln!(out, "server {}: {}", server.name, server.url);
    }
    for scheme in &api.security {
        let kind = match &scheme.kind {
            SecurityKind::HttpBasic { username, password } => {
                format!(
                    "http basic (username: {}, password: {})",
                    credential(username),
                    credential(password)
                )
            }
            SecurityKind::HttpBearer { token } => format!("http bearer ({})", credential(token)),
            SecurityKind::ApiKey {
                location,
                parameter,
                key,
            } => {
                let location = match location {
                    ApiKeyLocation::Header => "header",
                    ApiKeyLocation::Query => "query",
                    ApiKeyLocation::Cookie => "cookie",
                };
                format!("api key in {location} `{parameter}` ({})", credential(key))
            }
        };
        let _ = writeln!(out, "security {}: {kind}", scheme.key);
    }
    for module in &api.modules {
        let _ = writeln!(
            out,
            "module {} ({:?}) handle {}",
            module.name, module.title, module.handle
        );
    }
    out.push('\n');
    for def in &api.types {
        let module = &api.module(def.module).name;
        let kind = match &def.kind {
            TypeKind::Struct(_) => "struct",
            TypeKind::Enum(_) => "enum",
            TypeKind::Union(_) => "union",
            TypeKind::Alias(_) => "alias",
        };
        let _ = writeln!(out, "{kind} {module}::{}  at {}", def.name, def.origin);
        match &def.kind {
            TypeKind::Struct(structure) => {
                for field in &structure.fields {
                    let mut marks = Vec::new();
                    if field.required {
                        marks.push("required");
                    }
                    if field.boxed {
                        marks.push("boxed");
                    }
                    if field.deprecated {
                        marks.push("deprecated");
                    }
                    if field.drift {
                        marks.push("drift");
                    }
                    let marks = if marks.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", marks.join(", "))
                    };
                    let _ = writeln!(
                        out,
                        "    {} {:?}: {}{marks}",
                        field.name,
                        field.wire_name,
                        ty(api, &field.ty)
                    );
                }
                if let Some(additional) = &structure.additional {
                    let _ = writeln!(
                        out,
                        "    {} (other keys): {}",
                        additional.name,
                        ty(api, &additional.ty)
                    );
                }
            }
            TypeKind::Enum(enumeration) => {
                for variant in &enumeration.variants {
                    let _ = writeln!(out, "    {} = {:?}", variant.name, variant.value);
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    let _ = writeln!(out, "    {}({})", variant.name, ty(api, &variant.ty));
                }
            }
            TypeKind::Alias(target) => {
                let _ = writeln!(out, "    = {}", ty(api, target));
            }
        }
    }
    out.push('\n');
    for operation in &api.operations {
        let module = &api.module(operation.module).name;
        let _ = writeln!(
            out,
            "operation {module}::{} {} {}{}",
            operation.name,
            operation.method.as_str(),
            operation.path,
            if operation.authenticated {
                ""
            } else {
                " (no auth)"
            }
        );
        for param in &operation.params {
            let _ = writeln!(out, "    {}", param_line(api, param));
        }
        if let Some(params) = &operation.params_type {
            let _ = writeln!(out, "    params type {params}");
        }
        if let Some(body) = &operation.body {
            let encoding = match body.encoding {
                BodyEncoding::Json => "json",
                BodyEncoding::Form => "form",
                BodyEncoding::Multipart => "multipart",
                BodyEncoding::Text => "text",
                BodyEncoding::Binary => "binary",
                BodyEncoding::Query => "query (documented as a JSON body)",
            };
            let _ = writeln!(out, "    body {encoding}: {}", ty(api, &body.ty));
        }
        let response = match &operation.response.kind {
            ResponseKind::Json(response) => format!("json {}", ty(api, response)),
            ResponseKind::Text => "text".to_owned(),
            ResponseKind::Binary => "bytes".to_owned(),
            ResponseKind::Empty => "empty".to_owned(),
        };
        let _ = writeln!(
            out,
            "    response {}: {response}",
            operation.response.status
        );
        if let Some(pagination) = &operation.pagination {
            let _ = writeln!(
                out,
                "    paginated by {}: {}.{} of {} by {}, cursor {}{}",
                pagination.stream_method,
                api.type_def(pagination.page).name,
                pagination.data_field,
                api.type_def(pagination.item).name,
                pagination.id_field,
                pagination.cursor_field,
                if pagination.cursor_in_body {
                    " (in the body)"
                } else {
                    ""
                }
            );
        }
    }
    out
}

fn credential(credential: &Credential) -> String {
    match credential {
        Credential::Field(name) => format!("credentials.{name}"),
        Credential::Fixed(value) => format!("fixed {value:?}"),
    }
}

fn param_line(api: &Api, param: &Param) -> String {
    let location = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    format!(
        "{location} {} {:?}: {}{}",
        param.name,
        param.wire_name,
        ty(api, &param.ty),
        if param.required { " [required]" } else { "" }
    )
}

/// A type use in Rust-like notation.
pub fn ty(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::String => "String",
            Scalar::Integer => "i64",
            Scalar::Float => "f64",
            Scalar::Decimal => "Decimal",
            Scalar::Boolean => "bool",
            Scalar::Binary => "File",
            Scalar::Timestamp => "Timestamp",
        }
        .to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", self::ty(api, item)),
        TypeRef::Map(value) => format!("Map<String, {}>", self::ty(api, value)),
        TypeRef::Nullable(inner) => format!("Nullable<{}>", self::ty(api, inner)),
        TypeRef::Any => "Value".to_owned(),
    }
}
