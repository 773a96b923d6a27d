//! The public Rust surface of an API: what merchants' code can name and
//! call, read off the IR exactly as the emitter turns it into Rust (a field
//! that is optional is an `Option` without a constructor argument, a
//! required one is a `new` argument…). Two surfaces are compared, not two
//! specs, so a spec edit that changes nothing in Rust reports nothing.

use std::collections::BTreeMap;

use crate::diagnostics::Pointer;
use crate::ir::{
    Api, BodyEncoding, Field, Param, ParamLocation, ResponseKind, Scalar, SecurityKind, TypeKind,
    TypeRef,
};

/// Every public item of a generated crate that a spec change can touch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Surface {
    /// By `module().operation`.
    pub operations: BTreeMap<String, OperationSig>,
    /// By Rust type name.
    pub types: BTreeMap<String, TypeSig>,
    /// How the client authenticates (`basic`, `header x-api-key`…).
    pub auth: Vec<String>,
}

/// An operation method.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationSig {
    /// `POST /v1/refunds`.
    pub route: String,
    /// The arguments and the awaited result: `(id: &str) -> Refund`.
    pub signature: String,
    /// Summary and description.
    pub docs: String,
    pub origin: Pointer,
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSig {
    /// The module it lives in (`models`, `refunds`).
    pub module: String,
    pub shape: Shape,
    pub docs: String,
    pub origin: Pointer,
}

/// What a type is, as far as merchants' code can tell.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Struct {
        /// By Rust field name.
        fields: BTreeMap<String, FieldSig>,
        /// The arguments of `new`, in order (`amount: i64`).
        constructor: Vec<String>,
    },
    /// Variants by Rust name, with their wire values and docs.
    Enum(BTreeMap<String, (String, String)>),
    /// Variants by name, with their types.
    Union(BTreeMap<String, String>),
    Alias(String),
}

impl Shape {
    /// `struct`, `enum`…: what a reader calls it.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Struct { .. } => "struct",
            Self::Enum(_) => "enum",
            Self::Union(_) => "union enum",
            Self::Alias(_) => "type alias",
        }
    }
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSig {
    /// Its JSON key.
    pub wire: String,
    /// Its Rust type, `Option` included.
    pub ty: String,
    /// Whether `new` takes it (it is not an `Option`).
    pub required: bool,
    pub docs: String,
}

/// The surface of `api`.
pub fn surface(api: &Api) -> Surface {
    let mut surface = Surface::default();
    for operation in &api.operations {
        let module = &api.module(operation.module).name;
        let mut arguments = Vec::new();
        for param in &operation.params {
            if param.location == ParamLocation::Path {
                let ty = match &param.ty {
                    TypeRef::Scalar(Scalar::String | Scalar::Binary) => "&str".to_owned(),
                    TypeRef::Named(_) => format!("&{}", rust_type(api, &param.ty)),
                    other => rust_type(api, other),
                };
                arguments.push(format!("{}: {ty}", param.name));
            }
        }
        if let Some(params) = &operation.params_type {
            arguments.push(format!("params: &{params}"));
        }
        if let Some(body) = &operation.body {
            let ty = match body.encoding {
                BodyEncoding::Text => "str".to_owned(),
                BodyEncoding::Binary => "[u8]".to_owned(),
                _ => rust_type(api, &body.ty),
            };
            arguments.push(format!("body: &{ty}"));
        }
        let output = match &operation.response.kind {
            ResponseKind::Json(ty) => rust_type(api, ty),
            ResponseKind::Text => "String".to_owned(),
            ResponseKind::Binary => "Bytes".to_owned(),
            ResponseKind::Empty => "()".to_owned(),
        };
        let docs = [
            operation.summary.as_deref(),
            operation.description.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n");
        surface.operations.insert(
            format!("{module}().{}", operation.name),
            OperationSig {
                route: format!("{} {}", operation.method.as_str(), operation.path),
                signature: format!("({}) -> {output}", arguments.join(", ")),
                docs,
                origin: operation.origin.clone(),
            },
        );
        if let Some(params) = &operation.params_type {
            let fields: Vec<Field> = operation
                .params
                .iter()
                .filter(|param| param.location != ParamLocation::Path)
                .map(Param::as_field)
                .collect();
            surface.types.insert(
                params.clone(),
                TypeSig {
                    module: module.clone(),
                    shape: struct_shape(api, &fields),
                    docs: String::new(),
                    origin: operation.origin.clone(),
                },
            );
        }
    }
    for def in &api.types {
        let shape = match &def.kind {
            TypeKind::Struct(structure) => struct_shape(api, &structure.fields),
            TypeKind::Enum(enumeration) => Shape::Enum(
                enumeration
                    .variants
                    .iter()
                    .map(|variant| {
                        let docs = variant.docs.clone().unwrap_or_default();
                        (variant.name.clone(), (variant.value.clone(), docs))
                    })
                    .collect(),
            ),
            TypeKind::Union(union) => Shape::Union(
                union
                    .variants
                    .iter()
                    .map(|variant| (variant.name.clone(), rust_type(api, &variant.ty)))
                    .collect(),
            ),
            TypeKind::Alias(target) => Shape::Alias(rust_type(api, target)),
        };
        surface.types.insert(
            def.name.clone(),
            TypeSig {
                module: api.module(def.module).name.clone(),
                shape,
                docs: def.docs.clone().unwrap_or_default(),
                origin: def.origin.clone(),
            },
        );
    }
    surface.auth = api
        .security
        .iter()
        .map(|scheme| match &scheme.kind {
            SecurityKind::HttpBasic { .. } => "HTTP Basic".to_owned(),
            SecurityKind::HttpBearer { .. } => "HTTP Bearer".to_owned(),
            SecurityKind::ApiKey {
                location,
                parameter,
                ..
            } => format!("API key in {location:?} `{parameter}`"),
        })
        .collect();
    surface
}

fn struct_shape(api: &Api, fields: &[Field]) -> Shape {
    let mut constructor = Vec::new();
    let mut by_name = BTreeMap::new();
    for field in fields {
        let inner = rust_type(api, field.ty.non_null());
        let required = !field.is_optional();
        let ty = if required {
            inner
        } else {
            format!("Option<{inner}>")
        };
        if required {
            constructor.push(format!("{}: {ty}", field.name));
        }
        let mut docs = field.docs.clone().unwrap_or_default();
        if field.deprecated {
            docs.push_str(" (deprecated)");
        }
        by_name.insert(
            field.name.clone(),
            FieldSig {
                wire: field.wire_name.clone(),
                ty,
                required,
                docs,
            },
        );
    }
    Shape::Struct {
        fields: by_name,
        constructor,
    }
}

/// A type as Rust spells it in the generated crate.
pub fn rust_type(api: &Api, ty: &TypeRef) -> String {
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
        TypeRef::Array(item) => format!("Vec<{}>", rust_type(api, item)),
        TypeRef::Map(value) if **value == TypeRef::Any => "Map<String, Value>".to_owned(),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", rust_type(api, value)),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(api, inner)),
        TypeRef::Any => "Value".to_owned(),
    }
}
