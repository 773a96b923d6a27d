//! `Serialize` for structs, written out as one `serialize_entry` per key,
//! instead of serde's derive.
//!
//! The derive expands every field attribute (`rename`,
//! `skip_serializing_if`, `serialize_with`) into its own wrapper type and
//! impl; in a large SDK that is a third of what `cargo check` spends. The
//! impl written here behaves as the derive did for JSON: a struct is an
//! object with its keys in field order, an optional key is left out when
//! `None`, a required key that may be null is written as `null`, a field
//! with a codec is written through the codec's `Writer`, and the keys of
//! `additionalProperties` follow the declared ones.
//!
//! Like `Deserialize`, the impl is built as a syntax tree (`syntax.rs`);
//! the code it is equal to is quoted in [`impl_`]'s docs.

use syn::{Expr, ExprForLoop, ExprIf, Item, Pat, PatTuple, Signature, Stmt, parse_quote, token};

use super::field_codec;
use super::scope::Scope;
use super::syntax::ident;
use super::syntax::{
    allow_deprecated, bare, binding, block, borrow, call, impl_fn, let_, method, named, self_field,
    semi, some, string, trait_impl, try_, ty, var,
};
use crate::ir::{Field, Struct, TypeRef};

/// The impl for the struct `name`, equal to this code, with
/// `#[allow(deprecated)]` when some fields are `deprecated`:
///
/// ```text
/// impl Serialize for Name {
///     fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
///         let mut map = serializer.serialize_map(None)?;
///         map.serialize_entry("required", &self.required)?;
///         if let Some(value) = &self.optional {
///             map.serialize_entry("optional", value)?;
///         }
///         for (key, value) in &self.extra { // with `additionalProperties`
///             map.serialize_entry(key, value)?;
///         }
///         map.end()
///     }
/// }
/// ```
///
/// A value with a codec is written as `&object::written(value, codec)`;
/// a struct with no keys at all as `serializer.serialize_map(Some(0))?.end()`.
pub fn impl_(scope: &Scope<'_>, name: &str, structure: &Struct, deprecated: bool) -> Item {
    scope.import("serde", "Serialize");
    scope.import("serde", "Serializer");
    // `end` is a method of this trait, so even an empty map needs it.
    scope.import("serde::ser", "SerializeMap");
    SHARED.with(|shared| {
        let stmts = if structure.fields.is_empty() && structure.additional.is_none() {
            vec![bare(shared.empty.clone())]
        } else {
            let mut stmts = vec![shared.open.clone()];
            stmts.extend(structure.fields.iter().map(|field| entry(scope, field)));
            if let Some(additional) = &structure.additional {
                let value = through_codec(scope, &additional.ty, false, named("value"));
                stmts.push(bare(Expr::ForLoop(ExprForLoop {
                    attrs: Vec::new(),
                    label: None,
                    for_token: token::For::default(),
                    pat: Box::new(Pat::Tuple(PatTuple {
                        attrs: Vec::new(),
                        paren_token: token::Paren::default(),
                        elems: [ident("key"), ident("value")]
                            .into_iter()
                            .map(|name| binding(name, false))
                            .collect(),
                    })),
                    in_token: token::In::default(),
                    expr: Box::new(borrow(self_field(&additional.name))),
                    body: block(vec![write(named("key"), value)]),
                })));
            }
            stmts.push(bare(shared.end.clone()));
            stmts
        };
        Item::Impl(trait_impl(
            allow_deprecated(deprecated),
            Default::default(),
            ident("Serialize").into(),
            ty([ident(name)]),
            vec![impl_fn(shared.serialize.clone(), stmts)],
        ))
    })
}

thread_local! {
    /// What every impl has in common, parsed once per thread (syntax trees
    /// cannot cross threads) and cloned into each.
    static SHARED: Shared = Shared::parse();
}

/// The parts of the impl that do not depend on the struct.
struct Shared {
    /// `fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>`.
    serialize: Signature,
    /// `let mut map = serializer.serialize_map(None)?;`.
    open: Stmt,
    /// `map.end()`.
    end: Expr,
    /// `serializer.serialize_map(Some(0))?.end()`.
    empty: Expr,
}

impl Shared {
    fn parse() -> Self {
        Self {
            serialize: parse_quote!(
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>
            ),
            open: parse_quote!(let mut map = serializer.serialize_map(None)?;),
            end: parse_quote!(map.end()),
            empty: parse_quote!(serializer.serialize_map(Some(0))?.end()),
        }
    }
}

/// The statement that writes `field`'s key, if it is written.
fn entry(scope: &Scope<'_>, field: &Field) -> Stmt {
    let wire = string(&field.wire_name);
    let inner = field.ty.non_null();
    // An optional key that is `None` is left out; a required one that may
    // be null is written, as `null`.
    if field.is_optional() && !field.required {
        let value = through_codec(scope, inner, false, named("value"));
        bare(Expr::If(ExprIf {
            attrs: Vec::new(),
            if_token: token::If::default(),
            cond: Box::new(let_(
                some(binding(ident("value"), false)),
                borrow(self_field(&field.name)),
            )),
            then_branch: block(vec![write(wire, value)]),
            else_branch: None,
        }))
    } else {
        let value = borrow(self_field(&field.name));
        write(
            wire,
            through_codec(scope, inner, field.is_optional(), value),
        )
    }
}

/// `map.serialize_entry(key, value)?;`.
fn write(key: Expr, value: Expr) -> Stmt {
    semi(try_(method(named("map"), "serialize_entry", [key, value])))
}

/// `value` (a reference to a `ty`, or to an `Option` of one when
/// `optional`), wrapped to be written through its codec if it has one.
fn through_codec(scope: &Scope<'_>, ty: &TypeRef, optional: bool, value: Expr) -> Expr {
    match field_codec::writer(scope, ty, optional) {
        Some(codec) => {
            let object = scope.import("crate::runtime", "object");
            borrow(call(var([object, ident("written")]), [value, var(codec)]))
        }
        None => value,
    }
}
