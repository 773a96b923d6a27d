//! Building the IR from a normalized document.

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as SpecScheme,
};

use super::ops::{self, Modules, Setting};
use super::types::Types;
use super::{
    Api, ApiKeyLocation, Credential, SecurityKind, SecurityScheme, Server, TypeDef, TypeId,
    TypeKind, TypeRef,
};
use crate::config::{Config, NumberType};
use crate::diagnostics::{Diagnostics, Pointer};
use crate::naming::{self, Namespace};

/// Headers the runtime always sets itself.
const RUNTIME_HEADERS: [&str; 5] = [
    "accept",
    "content-type",
    "content-length",
    "user-agent",
    "idempotency-key",
];

/// Builds the IR of `document`.
pub fn build(document: &OpenAPI, config: &Config, diagnostics: &mut Diagnostics) -> Api {
    let no_schemas = IndexMap::new();
    let components = document.components.as_ref();
    let schemas = components.map_or(&no_schemas, |components| &components.schemas);
    let (security, authenticated_by_default) = security(document, config, diagnostics);
    let servers = servers(document, config, diagnostics);

    let mut managed_headers: Vec<String> =
        RUNTIME_HEADERS.iter().map(|h| (*h).to_owned()).collect();
    for scheme in &security {
        match &scheme.kind {
            SecurityKind::ApiKey {
                location: ApiKeyLocation::Header,
                parameter,
                ..
            } => {
                managed_headers.push(parameter.to_ascii_lowercase());
            }
            SecurityKind::HttpBasic { .. } | SecurityKind::HttpBearer { .. } => {
                managed_headers.push("authorization".to_owned());
            }
            SecurityKind::ApiKey { .. } => {}
        }
    }
    let setting = Setting {
        managed_headers,
        authenticated_by_default,
        components,
    };

    let mut modules = Modules::new();
    let mut types = Types::new(schemas, &config.types, super::ModuleId(0), diagnostics);
    types.all_components();
    let mut prefixes = Namespace::default();
    let mut operations =
        ops::operations(document, &mut types, &mut modules, &mut prefixes, &setting);

    // Components keep their names; then module handles and parameter
    // structs; inline types get what is left.
    let mut names = Namespace::with_reserved(naming::RESERVED_TYPE_NAMES);
    types.claim_components(&mut names);
    // A handle named like a component (folder `Beneficiary`, schema
    // `Beneficiary`) becomes `BeneficiaryApi`.
    for module in modules.list.iter_mut().skip(1) {
        if !names.try_claim(&module.handle) {
            module.handle = names.claim(&format!("{}Api", module.handle), "");
        }
    }
    for operation in &mut operations {
        if let Some(params) = &mut operation.params_type {
            *params = names.claim(params, "");
        }
    }
    let mut type_defs = types.finish(&mut names);
    let webhooks = super::webhooks::webhooks(config, &mut type_defs, diagnostics);
    break_alias_cycles(&mut type_defs, diagnostics);
    loosen_endless_required_fields(&mut type_defs, diagnostics);
    box_recursive_fields(&mut type_defs);
    if config.examples.envelopes {
        super::envelopes::wrap(
            &mut type_defs,
            &mut operations,
            &mut names,
            config.types.number,
            config.types.lenient,
            diagnostics,
        );
    }
    super::sensitive::mark(&mut type_defs, &config.redact.fields, diagnostics);
    let examples = super::evidence::settle(
        &mut type_defs,
        &mut operations,
        &config.examples,
        config.types.lenient,
        diagnostics,
    );
    if config.types.number == NumberType::Decimal {
        super::buffered::warn_about_buffered_decimals(&type_defs, diagnostics);
    }

    Api {
        title: document.info.title.trim().to_owned(),
        description: document
            .info
            .description
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned),
        version: document.info.version.clone(),
        servers,
        security,
        modules: modules.list,
        types: type_defs,
        operations,
        webhooks,
        examples,
    }
}

/// The schemas of the first security requirement (top level, else the first
/// operation that has one), and whether operations authenticate by default.
/// Alternative requirements are not offered: an SDK takes one kind of
/// credentials.
fn security(
    document: &OpenAPI,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (Vec<SecurityScheme>, bool) {
    let top_level = document
        .security
        .as_ref()
        .and_then(|requirements| first_non_empty(requirements));
    let requirement = top_level.or_else(|| {
        document.operations().find_map(|(_, _, operation)| {
            operation.security.as_ref().and_then(|r| first_non_empty(r))
        })
    });
    let Some(requirement) = requirement else {
        return (Vec::new(), false);
    };
    let schemes = document
        .components
        .as_ref()
        .map(|components| &components.security_schemes);
    let mut credentials = Namespace::default();
    let mut security = Vec::new();
    for key in requirement.keys() {
        let at = Pointer::root()
            .push("components")
            .push("securitySchemes")
            .push(key);
        let Some(ReferenceOr::Item(scheme)) = schemes.and_then(|schemes| schemes.get(key)) else {
            diagnostics.warn(
                &at,
                format!(
                    "the security requirement names `{key}`, which is not defined; it is ignored"
                ),
            );
            continue;
        };
        let (kind, description) = match scheme {
            SpecScheme::APIKey {
                location,
                name,
                description,
                ..
            } => (
                SecurityKind::ApiKey {
                    location: match location {
                        APIKeyLocation::Header => ApiKeyLocation::Header,
                        APIKeyLocation::Query => ApiKeyLocation::Query,
                        APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                    },
                    parameter: name.clone(),
                    key: Credential::Field(credentials.claim(&naming::field_name(key), "_")),
                },
                description,
            ),
            SpecScheme::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("basic") => {
                let basic = config.auth.basic.clone();
                let username = basic
                    .as_ref()
                    .map_or("username", |basic| basic.username.as_str());
                let password = match basic.as_ref().and_then(|basic| basic.password.clone()) {
                    Some(fixed) => Credential::Fixed(fixed),
                    None => Credential::Field(credentials.claim("password", "_")),
                };
                (
                    SecurityKind::HttpBasic {
                        username: Credential::Field(
                            credentials.claim(&naming::field_name(username), "_"),
                        ),
                        password,
                    },
                    description,
                )
            }
            SpecScheme::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("bearer") => (
                SecurityKind::HttpBearer {
                    token: Credential::Field(credentials.claim("token", "_")),
                },
                description,
            ),
            SpecScheme::HTTP { scheme, .. } => {
                diagnostics.warn(
                    &at,
                    format!("HTTP `{scheme}` authentication is not supported; it is ignored"),
                );
                continue;
            }
            SpecScheme::OAuth2 { description, .. }
            | SpecScheme::OpenIDConnect { description, .. } => (
                SecurityKind::HttpBearer {
                    token: Credential::Field(credentials.claim("token", "_")),
                },
                description,
            ),
        };
        security.push(SecurityScheme {
            key: key.clone(),
            kind,
            description: description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
        });
    }
    (security, top_level.is_some())
}

fn first_non_empty(requirements: &[SecurityRequirement]) -> Option<&SecurityRequirement> {
    requirements
        .iter()
        .find(|requirement| !requirement.is_empty())
}

/// The environments of the settings, then the spec's servers that are not
/// among them.
fn servers(document: &OpenAPI, config: &Config, diagnostics: &mut Diagnostics) -> Vec<Server> {
    let mut names = Namespace::default();
    let mut servers: Vec<Server> = config
        .environments
        .iter()
        .map(|(name, url)| Server {
            name: names.claim(&naming::type_name(name), ""),
            url: url.trim_end_matches('/').to_owned(),
            description: None,
        })
        .collect();
    for (index, server) in document.servers.iter().enumerate() {
        let at = Pointer::root().push("servers").push(index);
        let Some(url) = base_url(server) else {
            diagnostics.warn(
                &at,
                format!(
                    "the server URL `{}` has a placeholder or no host; the client takes the base URL as an argument instead",
                    server.url
                ),
            );
            continue;
        };
        if servers.iter().any(|known| known.url == url) {
            continue;
        }
        let description = server
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let position = servers.len() + 1;
        servers.push(Server {
            name: names.claim(&naming::environment_name(description, position), ""),
            url,
            description: description.map(str::to_owned),
        });
    }
    servers
}

/// A server's URL as a usable base URL: server variables replaced by their
/// defaults, `http://` added to a bare host (`localhost:3000`); `None` for a
/// URL with a placeholder left (apifox's `{{host}}`) or no host (`/api`).
fn base_url(server: &openapiv3::Server) -> Option<String> {
    let mut url = server.url.trim().to_owned();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    if url.contains(['{', '}']) || url.is_empty() || url.starts_with('/') && !url.starts_with("//")
    {
        return None;
    }
    let url = if url.starts_with("//") {
        format!("https:{url}")
    } else if url.contains("://") {
        url
    } else {
        format!("http://{url}")
    };
    Some(url.trim_end_matches('/').to_owned())
}

/// `type A = Vec<A>` does not compile; an alias that reaches itself
/// through aliases becomes `serde_json::Value`.
fn break_alias_cycles(types: &mut [TypeDef], diagnostics: &mut Diagnostics) {
    for index in 0..types.len() {
        let TypeKind::Alias(target) = &types[index].kind else {
            continue;
        };
        let mut seen = vec![index];
        if alias_reaches(types, target, index, &mut seen) {
            diagnostics.warn(
                &types[index].origin,
                format!(
                    "`{}` is defined through itself; typed as `serde_json::Value`",
                    types[index].name
                ),
            );
            types[index].kind = TypeKind::Alias(TypeRef::Any);
        }
    }
}

fn alias_reaches(types: &[TypeDef], ty: &TypeRef, target: usize, seen: &mut Vec<usize>) -> bool {
    match ty {
        TypeRef::Named(TypeId(id)) => {
            if *id == target {
                return true;
            }
            if seen.contains(id) {
                return false;
            }
            seen.push(*id);
            matches!(&types[*id].kind, TypeKind::Alias(inner) if alias_reaches(types, inner, target, seen))
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            alias_reaches(types, inner, target, seen)
        }
        TypeRef::Scalar(_) | TypeRef::Any => false,
    }
}

/// Marks struct fields that contain their own struct without indirection
/// (a `Vec` or map is indirection enough), which must be boxed.
fn box_recursive_fields(types: &mut [TypeDef]) {
    for index in 0..types.len() {
        let TypeKind::Struct(structure) = &types[index].kind else {
            continue;
        };
        let boxed: Vec<bool> = structure
            .fields
            .iter()
            .map(|field| contains_inline(types, &field.ty, index, &mut Vec::new()))
            .collect();
        if let TypeKind::Struct(structure) = &mut types[index].kind {
            for (field, boxed) in structure.fields.iter_mut().zip(boxed) {
                field.boxed = boxed;
            }
        }
    }
}

/// A struct that requires a value of its own type (directly or through
/// other required fields) can never be given: every value would contain
/// another without end. Such a field is made optional, with a warning,
/// instead of generating a type nobody can build.
fn loosen_endless_required_fields(types: &mut [TypeDef], diagnostics: &mut Diagnostics) {
    for index in 0..types.len() {
        let TypeKind::Struct(structure) = &types[index].kind else {
            continue;
        };
        let endless: Vec<usize> = structure
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| {
                !field.is_optional() && requires(types, &field.ty, index, &mut Vec::new())
            })
            .map(|(position, _)| position)
            .collect();
        if endless.is_empty() {
            continue;
        }
        let name = types[index].name.clone();
        let origin = types[index].origin.clone();
        if let TypeKind::Struct(structure) = &mut types[index].kind {
            for position in endless {
                let field = &mut structure.fields[position];
                field.required = false;
                diagnostics.warn(
                    &origin,
                    format!(
                        "`{name}.{}` requires another `{name}` without end, so no value could have \
                         it; the field is optional",
                        field.wire_name
                    ),
                );
            }
        }
    }
}

/// Whether every value of `ty` must contain a `target` (through required,
/// non-null fields; for a union, through every variant).
fn requires(types: &[TypeDef], ty: &TypeRef, target: usize, seen: &mut Vec<usize>) -> bool {
    let TypeRef::Named(TypeId(id)) = ty else {
        return false;
    };
    if *id == target {
        return true;
    }
    if seen.contains(id) {
        return false;
    }
    seen.push(*id);
    match &types[*id].kind {
        TypeKind::Struct(structure) => structure
            .fields
            .iter()
            .any(|field| !field.is_optional() && requires(types, &field.ty, target, seen)),
        TypeKind::Union(union) => {
            !union.variants.is_empty()
                && union
                    .variants
                    .iter()
                    .all(|variant| requires(types, &variant.ty, target, seen))
        }
        TypeKind::Alias(inner) => requires(types, inner, target, seen),
        TypeKind::Enum(_) => false,
    }
}

fn contains_inline(types: &[TypeDef], ty: &TypeRef, target: usize, seen: &mut Vec<usize>) -> bool {
    match ty {
        TypeRef::Named(TypeId(id)) => {
            if *id == target {
                return true;
            }
            if seen.contains(id) {
                return false;
            }
            seen.push(*id);
            match &types[*id].kind {
                TypeKind::Struct(structure) => structure
                    .fields
                    .iter()
                    .any(|field| !field.boxed && contains_inline(types, &field.ty, target, seen)),
                TypeKind::Union(union) => union
                    .variants
                    .iter()
                    .any(|variant| contains_inline(types, &variant.ty, target, seen)),
                TypeKind::Alias(inner) => contains_inline(types, inner, target, seen),
                TypeKind::Enum(_) => false,
            }
        }
        TypeRef::Nullable(inner) => contains_inline(types, inner, target, seen),
        TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Scalar(_) | TypeRef::Any => false,
    }
}
