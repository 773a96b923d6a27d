//! The builder of a struct: `new`, which takes the fields that are not
//! `Option`s, and a chained setter per `Option`.
//!
//! Every struct and every parameters struct has one, so it is built as a
//! syntax tree (`syntax.rs`) rather than quoted and parsed again; the code
//! it is equal to is quoted in [`builder`]'s docs.

use syn::{Expr, ImplItem, Item, ItemImpl, Type, TypeImplTrait, TypeParamBound, token};

use super::docs::doc_attributes;
use super::scope::Scope;
use super::syntax::{
    Receiving, allow_deprecated, argument, assign, bare, call, field_value, generic_path, ident,
    marker, method, method_item, named, public, receiver, self_field, semi, signature,
    struct_literal, terminated, ty, var,
};
use crate::ir::{Additional, Field, Scalar, TypeRef};

/// The builder of the struct `type_name`, equal to this code, with
/// `#[allow(deprecated)]` on the impl when some fields are `deprecated`
/// and `#[deprecated]` on their setters:
///
/// ```text
/// impl Name {
///     /// A `Name` with its required fields (`id`); set optional ones with the methods named after them.
///     #[must_use]
///     pub fn new(id: impl Into<String>, amount: i64) -> Self {
///         Self {
///             id: id.into(),
///             amount, // `amount: Box::new(amount)` when boxed
///             note: None,
///             extra: Default::default(), // with `additionalProperties`
///         }
///     }
///
///     /// Sets [`note`](Self::note).
///     #[must_use]
///     pub fn note(mut self, value: impl Into<String>) -> Self {
///         self.note = Some(value.into());
///         self
///     }
/// }
/// ```
pub fn builder(
    scope: &Scope<'_>,
    type_name: &str,
    fields: &[Field],
    additional: Option<&Additional>,
) -> Item {
    let (required, optional): (Vec<&Field>, Vec<&Field>) =
        fields.iter().partition(|field| !field.is_optional());
    let mut items = vec![new(scope, type_name, fields, &required, additional)];
    items.extend(optional.iter().map(|field| setter(scope, field)));
    Item::Impl(ItemImpl {
        attrs: allow_deprecated(fields.iter().any(|field| field.deprecated)),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: token::Impl::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(ty([ident(type_name)])),
        brace_token: token::Brace::default(),
        items,
    })
}

/// `new`, with a parameter per `required` field.
fn new(
    scope: &Scope<'_>,
    type_name: &str,
    fields: &[Field],
    required: &[&Field],
    additional: Option<&Additional>,
) -> ImplItem {
    let params = required
        .iter()
        .map(|field| argument(&field.name, param_type(scope, &field.ty)));
    let inits = fields.iter().map(|field| {
        if field.is_optional() {
            return field_value(&field.name, named("None"), false);
        }
        let value = converted(&field.ty, named(&field.name));
        match (field.boxed, &field.ty) {
            (true, _) => field_value(&field.name, boxed(value), false),
            (false, TypeRef::Scalar(Scalar::String)) => field_value(&field.name, value, false),
            // Field init shorthand, as a person would write it.
            (false, _) => field_value(&field.name, value, true),
        }
    });
    let additional = additional.map(|additional| {
        let default = call(var([ident("Default"), ident("default")]), []);
        field_value(&additional.name, default, false)
    });
    let docs = if required.is_empty() {
        format!(
            "An empty `{type_name}`: every field is optional; set the ones you need with the methods named after them."
        )
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|field| format!("`{}`", field.name))
            .collect();
        format!(
            "A `{type_name}` with its required fields ({}); set optional ones with the methods named after them.",
            names.join(", ")
        )
    };
    let mut attrs = doc_attributes(&docs);
    attrs.push(marker("must_use"));
    let value = struct_literal(ident("Self").into(), terminated(inits.chain(additional)));
    method_item(
        attrs,
        public(),
        signature("new", params, ty([ident("Self")])),
        vec![bare(value)],
    )
}

/// The setter of the optional `field`.
fn setter(scope: &Scope<'_>, field: &Field) -> ImplItem {
    let inner = field.ty.non_null();
    let value = converted(inner, named("value"));
    let value = if field.boxed { boxed(value) } else { value };
    let mut attrs = doc_attributes(&format!("Sets [`{0}`](Self::{0}).", field.name));
    if field.deprecated {
        attrs.push(marker("deprecated"));
    }
    attrs.push(marker("must_use"));
    let sig = signature(
        &crate::naming::setter_name(&field.name),
        [
            receiver(Receiving::MutValue),
            argument("value", param_type(scope, inner)),
        ],
        ty([ident("Self")]),
    );
    let set = assign(self_field(&field.name), call(named("Some"), [value]));
    method_item(attrs, public(), sig, vec![semi(set), bare(named("self"))])
}

/// `Box::new(value)`.
fn boxed(value: Expr) -> Expr {
    call(var([ident("Box"), ident("new")]), [value])
}

/// The parameter type of a constructor or setter for a value of type `of`:
/// strings take anything that becomes a `String` (`"eur"` as well as an
/// owned string); other types are taken as they are, so that literals such
/// as `vec![]` need no annotation.
fn param_type(scope: &Scope<'_>, of: &TypeRef) -> Type {
    match of {
        TypeRef::Scalar(Scalar::String) => Type::ImplTrait(TypeImplTrait {
            attrs: Vec::new(),
            impl_token: token::Impl::default(),
            bounds: std::iter::once(TypeParamBound::Trait(syn::TraitBound {
                paren_token: None,
                lifetimes: None,
                modifiers: Default::default(),
                maybe: None,
                path: generic_path(ident("Into"), [ty([ident("String")])]),
            }))
            .collect(),
        }),
        other => scope.type_tree(other),
    }
}

/// `value` converted for [`param_type`].
fn converted(ty: &TypeRef, value: Expr) -> Expr {
    match ty {
        TypeRef::Scalar(Scalar::String) => method(value, "into", []),
        _ => value,
    }
}
