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
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema_docs::{describe, enum_of};
use super::{Field, ModuleId, Scalar, TypeId, TypeKind, TypeRef};
use crate::config::NumberType;
use crate::diagnostics::{Diagnostics, Pointer};
use crate::naming::Namespace;
use crate::normalize::refs::{RefTarget, parse_ref};

mod objects;

use objects::{integer_format, is_binary, string_format};
pub(super) use objects::{lowercase_first, nullable};

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
    /// Whether `role` ends in "of" and wants the parent type's name after it
    /// (a field's type, and the items or values of a field).
    pub role_of_parent: bool,
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
            role_of_parent: false,
        }
    }

    pub(super) fn child(
        &self,
        parent: Parent,
        suffix: String,
        field: Option<String>,
        role: String,
    ) -> Self {
        Self {
            parent,
            suffix,
            field,
            module: self.module,
            bytes: self.bytes,
            role,
            role_of_parent: self.role_of_parent,
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

pub(super) enum Hint {
    Component(String),
    Child { parent: Parent, suffix: String },
}

/// What a type is used as, in words, for types without a description.
pub(super) enum Role {
    /// A component schema (its spec name).
    Component(String),
    /// Text complete in itself.
    Text(String),
    /// `{text}` followed by the final name of the parent type.
    OfParent(String),
}

pub(super) struct Draft {
    pub(super) hint: Hint,
    pub(super) module: ModuleId,
    pub(super) docs: Option<String>,
    /// What the type is, for its docs when the schema has no description.
    pub(super) role: Role,
    pub(super) origin: Pointer,
    pub(super) kind: TypeKind,
    /// The suffix of every place the type is used.
    pub(super) uses: Vec<String>,
}

/// A schema as a type use, or as a type definition still to be named.
pub(super) enum Shape {
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
    pub(super) schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    number: NumberType,
    /// Whether times become `Timestamp`s (`[types] timestamps`).
    timestamps: bool,
    pub(super) models: ModuleId,
    pub(super) drafts: Vec<Draft>,
    components: HashMap<String, ComponentState>,
    /// The inline types made so far, by the hash of their kind (compared
    /// with the draft's own, which never changes once interned): a map
    /// keyed by the kind would hold a second copy of every definition.
    interned: HashTable<(u64, TypeId)>,
    pending: HashMap<usize, Vec<TypeId>>,
    next_token: usize,
    /// Components whose `allOf` is being flattened, to detect cycles.
    pub(super) flattening: Vec<String>,
    /// Final names, filled by [`Self::claim_components`] and [`Self::finish`].
    pub(super) names: Vec<Option<String>>,
    pub diagnostics: &'a mut Diagnostics,
}

impl<'a> Types<'a> {
    pub fn new(
        schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
        settings: &crate::config::Types,
        models: ModuleId,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        Self {
            schemas,
            number: settings.number,
            timestamps: settings.timestamps,
            models,
            drafts: Vec::new(),
            components: HashMap::new(),
            interned: HashTable::new(),
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

    /// The type `ty` names once aliases are followed; `None` for a cycle of
    /// aliases (`Tag: {allOf: [$ref Tag]}`), which names nothing (the cycle
    /// is reported and broken when the types are finished).
    pub(in crate::ir) fn unaliased(&self, ty: &TypeRef) -> Option<(TypeId, &TypeKind)> {
        let mut ty = ty;
        // A chain longer than the number of types must revisit one.
        for _ in 0..=self.drafts.len() {
            let TypeRef::Named(id) = ty else {
                return None;
            };
            match &self.drafts[id.0].kind {
                TypeKind::Alias(inner) => ty = inner,
                kind => return Some((*id, kind)),
            }
        }
        None
    }

    /// The fields of the struct `ty` names (through aliases), if it is one.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<(TypeId, &[Field])> {
        match self.unaliased(ty)? {
            (id, TypeKind::Struct(structure)) => Some((id, &structure.fields)),
            _ => None,
        }
    }

    /// Whether `ty` is a string enum.
    pub fn is_enum(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty), Some((_, TypeKind::Enum(_))))
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
            role_of_parent: false,
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

    pub(super) fn reference(&mut self, reference: &str, at: &Pointer) -> TypeRef {
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
    pub(super) fn settle(&mut self, token: usize, parent: Parent) {
        for id in self.pending.remove(&token).unwrap_or_default() {
            if let Hint::Child { parent: slot, .. } = &mut self.drafts[id.0].hint {
                *slot = parent.clone();
            }
        }
    }

    pub(super) fn intern(
        &mut self,
        kind: TypeKind,
        context: &Context,
        at: &Pointer,
        docs: Option<String>,
    ) -> TypeId {
        let hash = FixedState::default().hash_one(&kind);
        let drafts = &self.drafts;
        if let Some(&(_, id)) = self
            .interned
            .find(hash, |&(_, id)| drafts[id.0].kind == kind)
        {
            self.drafts[id.0].uses.push(context.suffix.clone());
            return id;
        }
        let id = TypeId(self.drafts.len());
        if let Parent::Pending(token) = context.parent {
            self.pending.entry(token).or_default().push(id);
        }
        let role = match &context.parent {
            Parent::Type(_) | Parent::Pending(_) if context.role_of_parent => {
                Role::OfParent(context.role.clone())
            }
            _ => Role::Text(context.role.clone()),
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
            kind,
            uses: vec![context.suffix.clone()],
        });
        self.interned
            .insert_unique(hash, (hash, id), |&(hash, _)| hash);
        id
    }

    /// What `schema` is; `own` is the parent its inline children are named
    /// after.
    pub(super) fn shape(
        &mut self,
        schema: &Schema,
        context: &Context,
        at: &Pointer,
        own: Parent,
    ) -> Shape {
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
    pub(super) fn bare_shape(
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
                    Shape::Ref(TypeRef::Scalar(
                        self.time_or(Scalar::String, string_format(&string.format)),
                    ))
                }
            }
            SchemaKind::Type(Type::Number(_)) => Shape::Ref(TypeRef::Scalar(self.number_scalar())),
            SchemaKind::Type(Type::Integer(integer)) => Shape::Ref(TypeRef::Scalar(
                self.time_or(Scalar::Integer, integer_format(&integer.format)),
            )),
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
}
