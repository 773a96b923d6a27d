//! The schemas that become structs, arrays and `any` values: fields with
//! their names and docs, items, additional properties.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ReferenceOr, Schema, StringFormat,
    VariantOrUnknownOrEmpty,
};

use super::super::schema_docs::{enum_of, field_docs, scalar_of_values};
use super::super::{Additional, Field, Scalar, Struct, TypeId, TypeKind, TypeRef};
use super::*;
use crate::config::NumberType;
use crate::diagnostics::Pointer;
use crate::naming;

impl Types<'_> {
    /// After a definition was interned early (to wrap it in `Nullable`), its
    /// children get their parent.
    pub(in crate::ir) fn settle_own(&mut self, own: &Parent, id: TypeId) {
        if let Parent::Pending(token) = own {
            self.settle(*token, Parent::Type(id));
        }
    }

    pub(in crate::ir) fn number_scalar(&self) -> Scalar {
        match self.number {
            NumberType::F64 => Scalar::Float,
            NumberType::Decimal => Scalar::Decimal,
        }
    }

    /// `Timestamp` for a string or integer whose `format` names a time,
    /// when times are typed; `scalar` otherwise.
    pub(in crate::ir) fn time_or(&self, scalar: Scalar, format: Option<&str>) -> Scalar {
        if self.timestamps && format.is_some_and(is_time_format) {
            Scalar::Timestamp
        } else {
            scalar
        }
    }

    /// A field's type, as a `Timestamp` when times are typed and the field
    /// is an integer or string named like a time (`created`, `expires_at`):
    /// pages of Stripe-like APIs give such fields no `format`, only a
    /// description in words, and type some of them as strings.
    fn field_type(&self, wire_name: &str, ty: TypeRef) -> TypeRef {
        if !self.timestamps || !names_a_time(wire_name) {
            return ty;
        }
        let is_time =
            |ty: &TypeRef| matches!(ty, TypeRef::Scalar(Scalar::Integer | Scalar::String));
        match ty {
            ty if is_time(&ty) => TypeRef::Scalar(Scalar::Timestamp),
            TypeRef::Nullable(inner) if is_time(&inner) => {
                TypeRef::Nullable(Box::new(TypeRef::Scalar(Scalar::Timestamp)))
            }
            other => other,
        }
    }

    /// Schemas the typed model could not classify: mixed keywords, or no
    /// `type` at all. They are read by the keywords they have.
    pub(in crate::ir) fn any(
        &mut self,
        any: &AnySchema,
        schema: &Schema,
        context: &Context,
        at: &Pointer,
        own: Parent,
    ) -> Shape {
        let kind = any.typ.as_deref().unwrap_or_else(|| {
            if !any.properties.is_empty() || any.additional_properties.is_some() {
                "object"
            } else if any.items.is_some() {
                "array"
            } else if !any.all_of.is_empty() {
                "allOf"
            } else if !any.one_of.is_empty() {
                "oneOf"
            } else if !any.any_of.is_empty() {
                "anyOf"
            } else if !any.enumeration.is_empty() {
                "enum"
            } else {
                ""
            }
        });
        match kind {
            "object" => self.object(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                context,
                at,
                own,
            ),
            "array" => Shape::Ref(self.array(any.items.as_ref(), context, at)),
            "allOf" => self.all_of(&any.all_of, context, at, own),
            "oneOf" => self.union(&any.one_of, "oneOf", context, at),
            "anyOf" => self.union(&any.any_of, "anyOf", context, at),
            "string" | "enum" => {
                let values: Vec<String> = any
                    .enumeration
                    .iter()
                    .filter_map(|value| value.as_str().map(str::to_owned))
                    .collect();
                if !values.is_empty()
                    && values.len() == any.enumeration.iter().filter(|v| !v.is_null()).count()
                {
                    Shape::Def(TypeKind::Enum(enum_of(&values, schema)))
                } else if kind == "string" {
                    Shape::Ref(TypeRef::Scalar(
                        self.time_or(Scalar::String, any.format.as_deref()),
                    ))
                } else {
                    Shape::Ref(scalar_of_values(&any.enumeration, self.number_scalar()))
                }
            }
            "integer" => Shape::Ref(TypeRef::Scalar(
                self.time_or(Scalar::Integer, any.format.as_deref()),
            )),
            "number" => Shape::Ref(TypeRef::Scalar(self.number_scalar())),
            "boolean" => Shape::Ref(TypeRef::Scalar(Scalar::Boolean)),
            _ => Shape::Ref(TypeRef::Any),
        }
    }

    pub(in crate::ir) fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        context: &Context,
        at: &Pointer,
    ) -> TypeRef {
        let Some(items) = items else {
            return TypeRef::Array(Box::new(TypeRef::Any));
        };
        let suffix = match &context.field {
            Some(field) => naming::item_name(field),
            None => format!("{}Item", context.suffix),
        };
        let item_context = context.child(
            context.parent.clone(),
            suffix,
            None,
            format!("An item of {}", lowercase_first(&context.role)),
        );
        TypeRef::Array(Box::new(self.schema(
            items,
            &item_context,
            &at.push("items"),
        )))
    }

    pub(in crate::ir) fn object(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        context: &Context,
        at: &Pointer,
        own: Parent,
    ) -> Shape {
        let additional = match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_context = context.child(
                    if properties.is_empty() {
                        context.parent.clone()
                    } else {
                        own.clone()
                    },
                    format!(
                        "{}Value",
                        if properties.is_empty() {
                            context.suffix.as_str()
                        } else {
                            ""
                        }
                    ),
                    None,
                    format!("A value of {}", lowercase_first(&context.role)),
                );
                Some(self.schema(
                    schema.as_ref(),
                    &value_context,
                    &at.push("additionalProperties"),
                ))
            }
            _ => None,
        };
        if properties.is_empty() {
            // A free-form object: a map keeps every key the server sends.
            return Shape::Ref(TypeRef::Map(Box::new(additional.unwrap_or(TypeRef::Any))));
        }
        let entries: Vec<(String, SchemaRef<'_>, Pointer)> = properties
            .iter()
            .map(|(name, schema)| {
                (
                    name.clone(),
                    schema.into(),
                    at.push("properties").push(name),
                )
            })
            .collect();
        self.fields(entries, required, additional, context, own)
    }

    pub(in crate::ir) fn fields(
        &mut self,
        entries: Vec<(String, SchemaRef<'_>, Pointer)>,
        required: &[String],
        additional: Option<TypeRef>,
        context: &Context,
        own: Parent,
    ) -> Shape {
        let mut names = Namespace::default();
        let mut fields = Vec::with_capacity(entries.len());
        for (wire_name, schema, at) in entries {
            let mut field_context = context.child(
                own.clone(),
                naming::type_name(&wire_name),
                Some(wire_name.clone()),
                format!("The `{wire_name}` field of"),
            );
            field_context.bytes = context.bytes && matches!(context.parent, Parent::Name(_));
            field_context.role_of_parent = true;
            let ty = self.schema(schema, &field_context, &at);
            let ty = self.field_type(&wire_name, ty);
            let (docs, deprecated) = match schema {
                SchemaRef::Item(schema) => (field_docs(schema), schema.schema_data.deprecated),
                SchemaRef::Ref(_) => (None, false),
            };
            fields.push(Field {
                name: names.claim(&naming::field_name(&wire_name), "_"),
                required: required.contains(&wire_name),
                wire_name,
                ty,
                docs,
                deprecated,
                boxed: false,
                sensitive: false,
                drift: false,
            });
        }
        // Claimed after the fields, so a field keeps its natural name.
        let additional = additional.map(|ty| Additional {
            name: names.claim("additional_properties", "_"),
            ty,
        });
        Shape::Def(TypeKind::Struct(Struct { fields, additional }))
    }
}

pub(in crate::ir) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(in crate::ir) fn nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Any => ty,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

/// The `format` of a string schema, as written.
pub(super) fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
        VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => None,
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name),
    }
}

/// The `format` of an integer schema, when it is not one of the sizes
/// (`int32`, `int64`).
pub(super) fn integer_format(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name),
        VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Formats that hold a point in time: RFC 3339 text, or Unix time in the
/// spellings apifox users write.
fn is_time_format(format: &str) -> bool {
    matches!(
        format,
        "date-time" | "unix-time" | "unix-timestamp" | "timestamp" | "epoch"
    )
}

/// Field names that Stripe-like APIs give to Unix times: `created`,
/// `updated`, `date`, `period_start`, `period_end` and `…_at`.
fn names_a_time(wire_name: &str) -> bool {
    matches!(
        wire_name,
        "created" | "updated" | "date" | "period_start" | "period_end"
    ) || (wire_name.len() > 3 && wire_name.ends_with("_at"))
}

pub(super) fn is_binary(
    format: &openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>,
) -> bool {
    matches!(
        format,
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}
