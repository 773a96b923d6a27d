//! The schemas that become structs, arrays and `any` values: fields with
//! their names and docs, items, additional properties.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema};

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
                    Shape::Ref(TypeRef::Scalar(Scalar::String))
                } else {
                    Shape::Ref(scalar_of_values(&any.enumeration, self.number_scalar()))
                }
            }
            "integer" => Shape::Ref(TypeRef::Scalar(Scalar::Integer)),
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

pub(super) fn is_binary(
    format: &openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>,
) -> bool {
    matches!(
        format,
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}
