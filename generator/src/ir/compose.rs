//! `allOf`, `oneOf` and `anyOf`: compositions into structs and unions.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::types::{Context, Hint, Parent, SchemaRef, Shape, Types, lowercase_first};
use super::{Scalar, TypeKind, TypeRef, Union, UnionVariant};
use crate::diagnostics::Pointer;
use crate::naming::{self, Namespace};
use crate::normalize::refs::{RefTarget, parse_ref};

impl Types<'_> {
    pub(super) fn union(
        &mut self,
        members: &[ReferenceOr<Schema>],
        keyword: &str,
        context: &Context,
        at: &Pointer,
    ) -> Shape {
        let mut types: Vec<TypeRef> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_context = context.child(
                context.parent.clone(),
                format!("{}Variant{}", context.suffix, index + 1),
                None,
                format!("A possible shape of {}", lowercase_first(&context.role)),
            );
            let ty = self.schema(member, &member_context, &at.push(keyword).push(index));
            if !types.contains(&ty) {
                types.push(ty);
            }
        }
        if types.is_empty() || types.contains(&TypeRef::Any) {
            return Shape::Ref(TypeRef::Any);
        }
        if types.len() == 1 {
            return Shape::Ref(types.remove(0));
        }
        let mut names = Namespace::default();
        let variants = types
            .into_iter()
            .map(|ty| UnionVariant {
                name: names.claim(&self.variant_name(&ty), ""),
                ty,
            })
            .collect();
        Shape::Def(TypeKind::Union(Union { variants }))
    }

    fn variant_name(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => match &self.drafts[id.0].hint {
                Hint::Component(name) => naming::type_name(name),
                Hint::Child { suffix, .. } => suffix
                    .rsplit_once("Variant")
                    .map_or(suffix.clone(), |(_, n)| format!("Variant{n}")),
            },
            TypeRef::Scalar(Scalar::String) => "String".to_owned(),
            TypeRef::Scalar(Scalar::Integer) => "Integer".to_owned(),
            TypeRef::Scalar(Scalar::Timestamp) => "Timestamp".to_owned(),
            TypeRef::Scalar(Scalar::Float | Scalar::Decimal) => "Number".to_owned(),
            TypeRef::Scalar(Scalar::Boolean) => "Boolean".to_owned(),
            TypeRef::Scalar(Scalar::Binary) => "Bytes".to_owned(),
            TypeRef::Array(_) => "List".to_owned(),
            TypeRef::Map(_) => "Map".to_owned(),
            TypeRef::Nullable(inner) => self.variant_name(inner),
            TypeRef::Any => "Value".to_owned(),
        }
    }

    /// `allOf`: one member is that member (with the node's description);
    /// several object members are merged into one struct.
    pub(super) fn all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        context: &Context,
        at: &Pointer,
        own: Parent,
    ) -> Shape {
        if let [only] = members {
            return match only {
                ReferenceOr::Reference { reference } => {
                    Shape::Ref(self.reference(reference, &at.push("allOf").push(0)))
                }
                ReferenceOr::Item(schema) => {
                    self.shape(schema, context, &at.push("allOf").push(0), own)
                }
            };
        }
        let mut collected = Collected::default();
        if !self.collect(members, at, &mut collected) {
            return Shape::Ref(TypeRef::Any);
        }
        if collected.properties.is_empty() {
            return match collected.others.as_slice() {
                [only] => Shape::Ref(self.schema(only, context, at)),
                _ => Shape::Ref(TypeRef::Map(Box::new(
                    collected.additional.unwrap_or(TypeRef::Any),
                ))),
            };
        }
        if !collected.others.is_empty() {
            self.diagnostics.warn(
                at,
                "`allOf` mixes objects with other schemas; only the object members are used",
            );
        }
        let properties = std::mem::take(&mut collected.properties);
        let entries = properties
            .iter()
            .map(|(name, (schema, at))| (name.clone(), SchemaRef::from(schema), at.clone()))
            .collect();
        self.fields(
            entries,
            &collected.required,
            collected.additional,
            context,
            own,
        )
    }

    /// Gathers the members of an `allOf`, following references; returns
    /// `false` on a reference cycle.
    fn collect(
        &mut self,
        members: &[ReferenceOr<Schema>],
        at: &Pointer,
        into: &mut Collected,
    ) -> bool {
        for (index, member) in members.iter().enumerate() {
            let member_at = at.push("allOf").push(index);
            let (schema, schema_at) = match member {
                ReferenceOr::Reference { reference } => {
                    let RefTarget::Component { name, .. } = parse_ref(reference) else {
                        into.others.push(member.clone());
                        continue;
                    };
                    if self.flattening.contains(&name) {
                        let mut cycle = self.flattening.clone();
                        cycle.push(name);
                        self.diagnostics.warn(
                            &member_at,
                            format!(
                                "`$ref` cycle through `allOf` ({}); typed as `serde_json::Value`",
                                cycle.join(" → ")
                            ),
                        );
                        return false;
                    }
                    let Some(ReferenceOr::Item(schema)) = self.schemas.get(&name) else {
                        into.others.push(member.clone());
                        continue;
                    };
                    let schema_at = Pointer::root()
                        .push("components")
                        .push("schemas")
                        .push(&name);
                    self.flattening.push(name);
                    let found = self.collect_schema(schema, &schema_at, member, into);
                    self.flattening.pop();
                    if !found {
                        return false;
                    }
                    continue;
                }
                ReferenceOr::Item(schema) => (schema, member_at),
            };
            if !self.collect_schema(schema, &schema_at, member, into) {
                return false;
            }
        }
        true
    }

    fn collect_schema(
        &mut self,
        schema: &Schema,
        at: &Pointer,
        member: &ReferenceOr<Schema>,
        into: &mut Collected,
    ) -> bool {
        let (properties, required, additional) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (
                &object.properties,
                &object.required,
                &object.additional_properties,
            ),
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                (&any.properties, &any.required, &any.additional_properties)
            }
            SchemaKind::AllOf { all_of } => return self.collect(all_of, at, into),
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                return self.collect(&any.all_of, at, into);
            }
            _ => {
                into.others.push(member.clone());
                return true;
            }
        };
        for (name, property) in properties {
            into.properties
                .entry(name.clone())
                .or_insert_with(|| (property.clone(), at.push("properties").push(name)));
        }
        for name in required {
            if !into.required.contains(name) {
                into.required.push(name.clone());
            }
        }
        if let (Some(AdditionalProperties::Schema(schema)), None) = (additional, &into.additional) {
            let context = Context::root("", "Value", self.models, "A value of a map.");
            into.additional =
                Some(self.schema(schema.as_ref(), &context, &at.push("additionalProperties")));
        }
        true
    }
}

#[derive(Default)]
struct Collected {
    properties: IndexMap<String, (ReferenceOr<Box<Schema>>, Pointer)>,
    required: Vec<String>,
    additional: Option<TypeRef>,
    others: Vec<ReferenceOr<Schema>>,
}
