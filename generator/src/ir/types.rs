//! Schemas into Rust types.
//!
//! Component schemas become named types under their own names. Inline
//! object, enum and union schemas become named types too, named after where
//! they are used (`PaymentIntent` + `last_payment_error` →
//! `PaymentIntentLastPaymentError`); structurally identical inline schemas
//! share one type. Names are only decided at the end ([`Types::finish`]),
//! when it is known which types are shared and every parent has its final
//! name.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::{
    Additional, Enum, Field, ModuleId, Scalar, Struct, TypeDef, TypeId, TypeKind, TypeRef, Union,
    UnionVariant, Variant,
};
use crate::config::NumberType;
use crate::diagnostics::{Diagnostics, Pointer};
use crate::naming::{self, Namespace};
use crate::normalize::refs::{RefTarget, parse_ref};

/// Where a schema is used, which decides the name of the type it becomes.
#[derive(Clone, Debug)]
pub struct Context {
    pub parent: Parent,
    /// Pascal-case text appended to the parent's name.
    pub suffix: String,
    /// The JSON key of the field the schema is the type of, if any.
    pub field: Option<String>,
    pub module: ModuleId,
    /// Whether `format: binary` strings are raw bytes rather than text:
    /// true for a multipart body and its own fields (file parts), false for
    /// anything nested deeper, which is sent as JSON text.
    pub bytes: bool,
    /// What a type made here is, for its docs when the schema has no
    /// description.
    pub role: String,
}

impl Context {
    /// The context of a top-level schema named `name` + `suffix`, which is
    /// `role` (`the request body of …`).
    pub fn root(name: &str, suffix: &str, module: ModuleId, role: impl Into<String>) -> Self {
        Self {
            parent: Parent::Name(name.to_owned()),
            suffix: suffix.to_owned(),
            field: None,
            module,
            bytes: false,
            role: role.into(),
        }
    }

    fn child(&self, parent: Parent, suffix: String, field: Option<String>, role: String) -> Self {
        Self {
            parent,
            suffix,
            field,
            module: self.module,
            bytes: self.bytes,
            role,
        }
    }
}

/// What an inline type's name is derived from.
#[derive(Clone, Debug, PartialEq)]
pub enum Parent {
    Type(TypeId),
    Name(String),
    /// A struct being built, which has no id yet.
    Pending(usize),
}

enum Hint {
    Component(String),
    Child { parent: Parent, suffix: String },
}

/// What a type is used as, in words, for types without a description.
enum Role {
    /// A component schema (its spec name).
    Component(String),
    /// Text complete in itself.
    Text(String),
    /// `{text}` followed by the final name of the parent type.
    OfParent(String),
}

struct Draft {
    hint: Hint,
    module: ModuleId,
    docs: Option<String>,
    /// What the type is, for its docs when the schema has no description.
    role: Role,
    origin: Pointer,
    kind: TypeKind,
    /// The suffix of every place the type is used.
    uses: Vec<String>,
}

/// A schema as a type use, or as a type definition still to be named.
enum Shape {
    Ref(TypeRef),
    Def(TypeKind),
}

enum ComponentState {
    Building(TypeId),
    Done(TypeRef),
}

/// A schema seen through a reference or directly.
#[derive(Clone, Copy)]
pub enum SchemaRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

/// Builds the types of one API.
pub struct Types<'a> {
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    number: NumberType,
    models: ModuleId,
    drafts: Vec<Draft>,
    components: HashMap<String, ComponentState>,
    interned: HashMap<TypeKind, TypeId>,
    pending: HashMap<usize, Vec<TypeId>>,
    next_token: usize,
    /// Components whose `allOf` is being flattened, to detect cycles.
    flattening: Vec<String>,
    /// Final names, filled by [`Self::claim_components`] and [`Self::finish`].
    names: Vec<Option<String>>,
    pub diagnostics: &'a mut Diagnostics,
}

impl<'a> Types<'a> {
    pub fn new(
        schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
        number: NumberType,
        models: ModuleId,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        Self {
            schemas,
            number,
            models,
            drafts: Vec::new(),
            components: HashMap::new(),
            interned: HashMap::new(),
            pending: HashMap::new(),
            next_token: 0,
            flattening: Vec::new(),
            names: Vec::new(),
            diagnostics,
        }
    }

    /// The type of every component schema, in spec order, so that components
    /// are defined (and named) even when no operation uses them.
    pub fn all_components(&mut self) {
        for name in self.schemas.keys() {
            self.component(name);
        }
    }

    /// The fields of the struct `ty` names (through aliases), if it is one.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<(TypeId, &[Field])> {
        match ty {
            TypeRef::Named(id) => match &self.drafts[id.0].kind {
                TypeKind::Struct(structure) => Some((*id, &structure.fields)),
                TypeKind::Alias(inner) => self.struct_of(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether `ty` is a string enum.
    pub fn is_enum(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(id) => match &self.drafts[id.0].kind {
                TypeKind::Enum(_) => true,
                TypeKind::Alias(inner) => self.is_enum(inner),
                _ => false,
            },
            _ => false,
        }
    }

    /// The type of the component schema `name`.
    pub fn component(&mut self, name: &str) -> TypeRef {
        match self.components.get(name) {
            Some(ComponentState::Done(ty)) => return ty.clone(),
            Some(ComponentState::Building(id)) => return TypeRef::Named(*id),
            None => {}
        }
        let at = Pointer::root()
            .push("components")
            .push("schemas")
            .push(name);
        let Some(schema) = self.schemas.get(name) else {
            self.diagnostics.warn(
                &at,
                format!("no component schema `{name}`; typed as `serde_json::Value`"),
            );
            return TypeRef::Any;
        };
        let id = TypeId(self.drafts.len());
        self.drafts.push(Draft {
            hint: Hint::Component(name.to_owned()),
            module: self.models,
            docs: None,
            role: Role::Component(name.to_owned()),
            origin: at.clone(),
            kind: TypeKind::Alias(TypeRef::Any),
            uses: Vec::new(),
        });
        self.components
            .insert(name.to_owned(), ComponentState::Building(id));
        let context = Context {
            parent: Parent::Type(id),
            suffix: String::new(),
            field: None,
            module: self.models,
            bytes: false,
            role: format!("The `{name}` schema."),
        };
        // A nullable component is defined as its non-null shape; its uses
        // are nullable.
        let (shape, docs, nullable_use) = match schema {
            ReferenceOr::Reference { reference } => {
                (Shape::Ref(self.reference(reference, &at)), None, false)
            }
            ReferenceOr::Item(schema) => (
                self.bare_shape(schema, &context, &at, Parent::Type(id)),
                describe(schema),
                schema.schema_data.nullable,
            ),
        };
        let draft = &mut self.drafts[id.0];
        draft.docs = docs;
        draft.kind = match shape {
            Shape::Def(kind) => kind,
            Shape::Ref(ty) => TypeKind::Alias(ty),
        };
        let ty = if nullable_use {
            nullable(TypeRef::Named(id))
        } else {
            TypeRef::Named(id)
        };
        self.components
            .insert(name.to_owned(), ComponentState::Done(ty.clone()));
        ty
    }

    /// The type of a schema used at `at` in `context`.
    pub fn schema<'s>(
        &mut self,
        schema: impl Into<SchemaRef<'s>>,
        context: &Context,
        at: &Pointer,
    ) -> TypeRef {
        match schema.into() {
            SchemaRef::Ref(reference) => self.reference(reference, at),
            SchemaRef::Item(schema) => {
                let token = self.next_token;
                self.next_token += 1;
                match self.shape(schema, context, at, Parent::Pending(token)) {
                    Shape::Ref(ty) => {
                        self.settle(token, context.parent.clone());
                        ty
                    }
                    Shape::Def(kind) => {
                        let id = self.intern(kind, context, at, describe(schema));
                        self.settle(token, Parent::Type(id));
                        TypeRef::Named(id)
                    }
                }
            }
        }
    }

    fn reference(&mut self, reference: &str, at: &Pointer) -> TypeRef {
        match parse_ref(reference) {
            RefTarget::Component { kind, name } if kind == "schemas" => self.component(&name),
            _ => {
                self.diagnostics.warn(
                    at,
                    format!("`$ref: {reference}` is not a component schema; typed as `serde_json::Value`"),
                );
                TypeRef::Any
            }
        }
    }

    /// Gives the types created under a pending parent their real parent.
    fn settle(&mut self, token: usize, parent: Parent) {
        for id in self.pending.remove(&token).unwrap_or_default() {
            if let Hint::Child { parent: slot, .. } = &mut self.drafts[id.0].hint {
                *slot = parent.clone();
            }
        }
    }

    fn intern(
        &mut self,
        kind: TypeKind,
        context: &Context,
        at: &Pointer,
        docs: Option<String>,
    ) -> TypeId {
        if let Some(&id) = self.interned.get(&kind) {
            self.drafts[id.0].uses.push(context.suffix.clone());
            return id;
        }
        let id = TypeId(self.drafts.len());
        if let Parent::Pending(token) = context.parent {
            self.pending.entry(token).or_default().push(id);
        }
        let role = match (&context.parent, &context.field) {
            (Parent::Name(_), _) | (_, None) => Role::Text(context.role.clone()),
            (_, Some(_)) => Role::OfParent(context.role.clone()),
        };
        self.drafts.push(Draft {
            hint: Hint::Child {
                parent: context.parent.clone(),
                suffix: context.suffix.clone(),
            },
            module: context.module,
            docs,
            role,
            origin: at.clone(),
            kind: kind.clone(),
            uses: vec![context.suffix.clone()],
        });
        self.interned.insert(kind, id);
        id
    }

    /// What `schema` is; `own` is the parent its inline children are named
    /// after.
    fn shape(&mut self, schema: &Schema, context: &Context, at: &Pointer, own: Parent) -> Shape {
        let shape = self.bare_shape(schema, context, at, own.clone());
        match shape {
            Shape::Ref(ty) if schema.schema_data.nullable => Shape::Ref(nullable(ty)),
            Shape::Def(kind) if schema.schema_data.nullable => {
                let id = self.intern(kind, context, at, describe(schema));
                self.settle_own(&own, id);
                Shape::Ref(nullable(TypeRef::Named(id)))
            }
            shape => shape,
        }
    }

    /// [`Self::shape`] without the schema's own `nullable`.
    fn bare_shape(
        &mut self,
        schema: &Schema,
        context: &Context,
        at: &Pointer,
        own: Parent,
    ) -> Shape {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    Shape::Def(TypeKind::Enum(enum_of(&values, schema)))
                } else if context.bytes && is_binary(&string.format) {
                    Shape::Ref(TypeRef::Scalar(Scalar::Binary))
                } else {
                    Shape::Ref(TypeRef::Scalar(Scalar::String))
                }
            }
            SchemaKind::Type(Type::Number(_)) => Shape::Ref(TypeRef::Scalar(self.number_scalar())),
            SchemaKind::Type(Type::Integer(_)) => Shape::Ref(TypeRef::Scalar(Scalar::Integer)),
            SchemaKind::Type(Type::Boolean(_)) => Shape::Ref(TypeRef::Scalar(Scalar::Boolean)),
            SchemaKind::Type(Type::Object(object)) => self.object(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                context,
                at,
                own,
            ),
            SchemaKind::Type(Type::Array(array)) => {
                Shape::Ref(self.array(array.items.as_ref(), context, at))
            }
            SchemaKind::OneOf { one_of } => self.union(one_of, "oneOf", context, at),
            SchemaKind::AnyOf { any_of } => self.union(any_of, "anyOf", context, at),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, context, at, own),
            SchemaKind::Not { .. } => {
                self.diagnostics.warn(
                    at,
                    "`not` schemas are not supported; typed as `serde_json::Value`",
                );
                Shape::Ref(TypeRef::Any)
            }
            SchemaKind::Any(any) => self.any(any, schema, context, at, own),
        }
    }

    /// After a definition was interned early (to wrap it in `Nullable`), its
    /// children get their parent.
    fn settle_own(&mut self, own: &Parent, id: TypeId) {
        if let Parent::Pending(token) = own {
            self.settle(*token, Parent::Type(id));
        }
    }

    fn number_scalar(&self) -> Scalar {
        match self.number {
            NumberType::F64 => Scalar::Float,
            NumberType::Decimal => Scalar::Decimal,
        }
    }

    /// Schemas the typed model could not classify: mixed keywords, or no
    /// `type` at all. They are read by the keywords they have.
    fn any(
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

    fn array(
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

    fn object(
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

    fn fields(
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
            });
        }
        // Claimed after the fields, so a field keeps its natural name.
        let additional = additional.map(|ty| Additional {
            name: names.claim("additional_properties", "_"),
            ty,
        });
        Shape::Def(TypeKind::Struct(Struct { fields, additional }))
    }

    fn union(
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
    fn all_of(
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

    /// Claims the names of component types, which go first so that they
    /// keep the names the spec gives them.
    pub fn claim_components(&mut self, names: &mut Namespace) {
        self.names = vec![None; self.drafts.len()];
        for (index, draft) in self.drafts.iter().enumerate() {
            if let Hint::Component(raw) = &draft.hint {
                let base = naming::type_name(raw);
                let base = if naming::RESERVED_TYPE_NAMES.contains(&base.as_str()) {
                    format!("{base}Model")
                } else {
                    base
                };
                self.names[index] = Some(names.claim(&base, ""));
            }
        }
    }

    /// Names the remaining types and returns every definition, indexed by
    /// [`TypeId`]. Call [`Self::claim_components`] first.
    pub fn finish(mut self, names: &mut Namespace) -> Vec<TypeDef> {
        let mut finished = std::mem::take(&mut self.names);
        finished.resize(self.drafts.len(), None);
        for index in 0..self.drafts.len() {
            name_of(&self.drafts, index, &mut finished, names, 0);
        }
        let roles: Vec<String> = self
            .drafts
            .iter()
            .map(|draft| match (&draft.role, &draft.hint) {
                (Role::Component(name), _) => format!("The `{name}` schema."),
                (Role::Text(text), _) => text.clone(),
                (
                    Role::OfParent(text),
                    Hint::Child {
                        parent: Parent::Type(parent),
                        ..
                    },
                ) => {
                    let parent = finished[parent.0].as_deref().unwrap_or_default();
                    format!("{text} [`{parent}`].")
                }
                (Role::OfParent(text), _) => format!("{text} its parent."),
            })
            .collect();
        self.drafts
            .into_iter()
            .zip(finished)
            .zip(roles)
            .map(|((draft, name), role)| TypeDef {
                name: name.expect("every type was named"),
                module: draft.module,
                docs: draft.docs,
                role,
                origin: draft.origin,
                kind: draft.kind,
            })
            .collect()
    }
}

#[derive(Default)]
struct Collected {
    properties: IndexMap<String, (ReferenceOr<Box<Schema>>, Pointer)>,
    required: Vec<String>,
    additional: Option<TypeRef>,
    others: Vec<ReferenceOr<Schema>>,
}

fn name_of(
    drafts: &[Draft],
    index: usize,
    finished: &mut [Option<String>],
    names: &mut Namespace,
    depth: usize,
) -> String {
    if let Some(name) = &finished[index] {
        return name.clone();
    }
    let draft = &drafts[index];
    let Hint::Child { parent, suffix } = &draft.hint else {
        unreachable!("components are named first")
    };
    let shared_name = (draft.uses.len() > 1
        && draft.uses.iter().all(|used| used == suffix)
        && suffix.chars().filter(char::is_ascii_uppercase).count() > 1)
        .then(|| suffix.clone())
        .filter(|name| names.try_claim(name));
    let name = shared_name.unwrap_or_else(|| {
        let base = match parent {
            Parent::Type(id) if depth < 64 => name_of(drafts, id.0, finished, names, depth + 1),
            Parent::Name(name) => name.clone(),
            _ => String::new(),
        };
        let wanted = format!("{base}{suffix}");
        names.claim(
            if wanted.is_empty() {
                "Anonymous"
            } else {
                &wanted
            },
            "",
        )
    });
    finished[index] = Some(name.clone());
    name
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Any => ty,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

fn is_binary(format: &openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> bool {
    matches!(
        format,
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}

/// The description of a schema, if it has a non-empty one.
pub fn describe(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    data.description
        .as_deref()
        .or(data.title.as_deref())
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// A field's documentation: its description, and for enums of numbers
/// (which stay numbers in Rust) the documented values.
fn field_docs(schema: &Schema) -> Option<String> {
    let description = describe(schema);
    let values: Vec<&Value> = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            return append_values(
                description,
                &integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(*v))
                    .collect::<Vec<_>>(),
                schema,
            );
        }
        SchemaKind::Any(any) if !any.enumeration.iter().all(Value::is_string) => {
            any.enumeration.iter().collect()
        }
        _ => return description,
    };
    let values: Vec<Value> = values.into_iter().cloned().collect();
    append_values(description, &values, schema)
}

fn append_values(description: Option<String>, values: &[Value], schema: &Schema) -> Option<String> {
    if values.is_empty() {
        return description;
    }
    let labels = apifox_enum_docs(schema);
    let mut text = description.map(|d| format!("{d}\n\n")).unwrap_or_default();
    text.push_str("Known values:");
    for value in values {
        let key = match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        match labels.get(&key) {
            Some(label) => text.push_str(&format!("\n- `{key}`: {label}")),
            None => text.push_str(&format!("\n- `{key}`")),
        }
    }
    Some(text)
}

/// The variant docs apifox keeps in `x-apifox-enum`, by wire value.
fn apifox_enum_docs(schema: &Schema) -> HashMap<String, String> {
    let Some(Value::Array(entries)) = schema.schema_data.extensions.get("x-apifox-enum") else {
        return HashMap::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let value = match entry.get("value")? {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let text = ["description", "name"]
                .iter()
                .filter_map(|key| entry.get(*key).and_then(Value::as_str))
                .map(str::trim)
                .find(|text| !text.is_empty())?;
            Some((value, text.to_owned()))
        })
        .collect()
}

fn enum_of(values: &[String], schema: &Schema) -> Enum {
    let docs = apifox_enum_docs(schema);
    let mut names = Namespace::with_reserved(&["Unknown"]);
    let mut seen = Vec::new();
    let variants = values
        .iter()
        .filter(|value| {
            let fresh = !seen.contains(value);
            seen.push(value);
            fresh
        })
        .map(|value| Variant {
            name: names.claim(&naming::variant_name(value), ""),
            value: value.clone(),
            docs: docs.get(value).cloned(),
        })
        .collect();
    Enum { variants }
}

fn scalar_of_values(values: &[Value], number: Scalar) -> TypeRef {
    if values
        .iter()
        .all(|value| value.is_i64() || value.is_u64() || value.is_null())
    {
        TypeRef::Scalar(Scalar::Integer)
    } else if values
        .iter()
        .all(|value| value.is_number() || value.is_null())
    {
        TypeRef::Scalar(number)
    } else if values
        .iter()
        .all(|value| value.is_boolean() || value.is_null())
    {
        TypeRef::Scalar(Scalar::Boolean)
    } else {
        TypeRef::Any
    }
}
