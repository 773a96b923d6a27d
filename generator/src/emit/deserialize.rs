//! `Deserialize` for structs, written out as one `match` over the JSON
//! keys on top of `runtime::object`, instead of serde's derive.
//!
//! The derive expands every struct into a field enum with its own visitor
//! and visitors for objects and sequences; in a large SDK that is most of
//! what `cargo check` spends. This impl keeps the derive's behaviour for
//! JSON (see the runtime module) at a fraction of the code: a field with a
//! codec is read through the codec's `Reader`, and a struct with
//! `additionalProperties` collects the keys it does not list.
//!
//! Every struct has one, so the impl is built as a syntax tree
//! (`syntax.rs`) rather than quoted and parsed again: the code it is
//! equal to is quoted in [`impl_`]'s docs.

use proc_macro2::Ident;
use syn::{
    Arm, Expr, ExprMatch, ExprWhile, Generics, Item, Pat, Path, ReturnType, Signature, Stmt,
    parse_quote, token,
};

use super::field_codec;
use super::scope::Scope;
use super::syntax::ident;
use super::syntax::{
    allow_deprecated, assoc_type, bare, binding, block, borrow_mut, call, field_value, generic_ty,
    impl_fn, let_, let_mut, method, named, semi, some, string, string_literal, struct_literal,
    terminated, trait_impl, try_, ty, var, wild,
};
use crate::ir::Struct;
use crate::naming::Namespace;

/// The impl for the struct `name`, equal to this code, with
/// `#[allow(deprecated)]` on both impls when some fields are `deprecated`:
///
/// ```text
/// impl<'de> Deserialize<'de> for Name {
///     fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
///         struct Fields;
///
///         impl<'de> Visitor<'de> for Fields {
///             type Value = Name;
///
///             fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///                 object::expecting(f, "Name")
///             }
///
///             fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Name, A::Error> {
///                 let mut field = None; // one per field
///                 let mut extra = BTreeMap::new(); // with `additionalProperties`
///                 while let Some(key) = map.next_key::<object::Key<'de>>()? {
///                     match key.as_str() {
///                         "field" => object::next(&mut map, &mut field, "field")?,
///                         _ => object::skip(&mut map)?, // or `object::extra(…)?`
///                     }
///                 }
///                 Ok(Name {
///                     field: object::required(field, "field")?, // or `object::optional(field)`
///                     extra,
///                 })
///             }
///         }
///
///         deserializer.deserialize_map(Fields)
///     }
/// }
/// ```
pub fn impl_(scope: &Scope<'_>, name: &str, structure: &Struct, deprecated: bool) -> Item {
    let type_name = ident(name);
    scope.import("serde", "Deserialize");
    scope.import("serde", "Deserializer");
    scope.import("serde::de", "MapAccess");
    scope.import("serde::de", "Visitor");
    let object = scope.import("crate::runtime", "object");
    scope.import("std", "fmt");
    let runtime = |function: &str| var([object.clone(), ident(function)]);
    SHARED.with(|shared| {
        let mut visit_map = shared.visit_map.clone();
        visit_map.output = ReturnType::Type(
            token::RArrow::default(),
            Box::new(generic_ty(
                ident("Result"),
                [ty([type_name.clone()]), ty([ident("A"), ident("Error")])],
            )),
        );
        let expecting = call(runtime("expecting"), [named("f"), string(name)]);
        let visitor = trait_impl(
            allow_deprecated(deprecated),
            shared.lifetime.clone(),
            shared.visitor.clone(),
            ty([ident("Fields")]),
            vec![
                assoc_type("Value", ty([type_name.clone()])),
                impl_fn(shared.expecting.clone(), vec![bare(expecting)]),
                impl_fn(
                    visit_map,
                    read_fields(scope, &runtime, &type_name, structure, shared),
                ),
            ],
        );
        let deserialize = impl_fn(
            shared.deserialize.clone(),
            vec![
                Stmt::Item(shared.fields.clone()),
                Stmt::Item(Item::Impl(visitor)),
                bare(shared.deserialize_map.clone()),
            ],
        );
        Item::Impl(trait_impl(
            allow_deprecated(deprecated),
            shared.lifetime.clone(),
            shared.deserialize_trait.clone(),
            ty([type_name]),
            vec![deserialize],
        ))
    })
}

/// The body of `visit_map`: a local per field, the loop over the keys, and
/// the struct built from the locals. `runtime(f)`: the path of
/// `object::f`.
fn read_fields(
    scope: &Scope<'_>,
    runtime: &dyn Fn(&str) -> Expr,
    type_name: &Ident,
    structure: &Struct,
    shared: &Shared,
) -> Vec<Stmt> {
    let fields = &structure.fields;
    // A local per field, named after it unless it would shadow one of the
    // visitor's own or read like a module it calls (`object::next`): then
    // with a trailing underscore.
    const TAKEN: [&str; 7] = ["map", "key", "deserializer", "f", "object", "codec", "fmt"];
    let mut locals = Namespace::with_reserved(&TAKEN);
    let mut local = |name: &str| {
        let wanted = if TAKEN.contains(&name) {
            format!("{name}_")
        } else {
            name.to_owned()
        };
        locals.claim(&wanted, "_")
    };
    let slots: Vec<Ident> = fields
        .iter()
        .map(|field| ident(&local(&field.name)))
        .collect();
    let mut stmts: Vec<Stmt> = slots
        .iter()
        .map(|slot| let_mut(slot.clone(), named("None")))
        .collect();
    let mut arms: Vec<Arm> = fields
        .iter()
        .zip(&slots)
        .map(|(field, slot)| {
            let wire = &field.wire_name;
            let codec =
                field_codec::reader(scope, field.ty.non_null(), field.is_optional(), field.drift);
            let read = read_call(
                runtime,
                "next",
                [borrow_mut(var([slot.clone()])), string(wire)],
                codec,
            );
            arm(Pat::Lit(string_literal(wire)), read)
        })
        .collect();
    // Keys the struct does not list: collected, or skipped.
    let mut extra_init = None;
    let other_keys = match &structure.additional {
        Some(additional) => {
            let claimed = local(&additional.name);
            let extra = ident(&claimed);
            let map_type = scope.import("std::collections", "BTreeMap");
            stmts.push(let_mut(
                extra.clone(),
                call(var([map_type, ident("new")]), []),
            ));
            // Field init shorthand where the local has the field's name.
            extra_init = Some(field_value(
                &additional.name,
                var([extra.clone()]),
                claimed == additional.name,
            ));
            let codec = field_codec::reader(scope, &additional.ty, false, false);
            read_call(
                runtime,
                "extra",
                [borrow_mut(var([extra])), named("key")],
                codec,
            )
        }
        None => try_(call(runtime("skip"), [borrow_mut(named("map"))])),
    };
    // A struct without fields has no keys to tell apart (and one that
    // takes no other keys either has no use for the key).
    let key = if fields.is_empty() && structure.additional.is_none() {
        wild()
    } else {
        binding(ident("key"), false)
    };
    let body = if fields.is_empty() {
        semi(other_keys)
    } else {
        arms.push(arm(wild(), other_keys));
        bare(Expr::Match(ExprMatch {
            attrs: Vec::new(),
            match_token: token::Match::default(),
            expr: Box::new(method(named("key"), "as_str", [])),
            brace_token: token::Brace::default(),
            arms,
        }))
    };
    stmts.push(bare(Expr::While(ExprWhile {
        attrs: Vec::new(),
        label: None,
        while_token: token::While::default(),
        cond: Box::new(let_(some(key), shared.next_key.clone())),
        body: block(vec![body]),
    })));
    let inits = fields.iter().zip(&slots).map(|(field, slot)| {
        let value = if field.is_optional() {
            call(runtime("optional"), [var([slot.clone()])])
        } else {
            try_(call(
                runtime("required"),
                [var([slot.clone()]), string(&field.wire_name)],
            ))
        };
        field_value(&field.name, value, false)
    });
    stmts.push(bare(call(
        named("Ok"),
        [struct_literal(
            type_name.clone().into(),
            terminated(inits.chain(extra_init)),
        )],
    )));
    stmts
}

/// `object::<function>(&mut map, args…)?`, or with `_with` and the codec
/// as the last argument when there is one.
fn read_call(
    runtime: &dyn Fn(&str) -> Expr,
    function: &str,
    args: [Expr; 2],
    codec: Option<Vec<Ident>>,
) -> Expr {
    let mut all = vec![borrow_mut(named("map"))];
    all.extend(args);
    let function = match codec {
        Some(codec) => {
            all.push(var(codec));
            format!("{function}_with")
        }
        None => function.to_owned(),
    };
    try_(call(runtime(&function), all))
}

thread_local! {
    /// What every impl has in common, parsed once per thread (syntax trees
    /// cannot cross threads) and cloned into each.
    static SHARED: Shared = Shared::parse();
}

/// The parts of the impl that do not depend on the struct.
struct Shared {
    /// `<'de>`.
    lifetime: Generics,
    /// `Deserialize<'de>`.
    deserialize_trait: Path,
    /// `Visitor<'de>`.
    visitor: Path,
    /// `fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>`.
    deserialize: Signature,
    /// `struct Fields;`.
    fields: Item,
    /// `deserializer.deserialize_map(Fields)`.
    deserialize_map: Expr,
    /// `fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result`.
    expecting: Signature,
    /// `fn visit_map<A: MapAccess<'de>>(self, mut map: A)`, whose return
    /// type names the struct.
    visit_map: Signature,
    /// `map.next_key::<object::Key<'de>>()?`.
    next_key: Expr,
}

impl Shared {
    fn parse() -> Self {
        let lifetime: Generics = parse_quote!(<'de>);
        Self {
            lifetime,
            deserialize_trait: parse_quote!(Deserialize<'de>),
            visitor: parse_quote!(Visitor<'de>),
            deserialize: parse_quote!(
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>
            ),
            fields: parse_quote!(
                struct Fields;
            ),
            deserialize_map: parse_quote!(deserializer.deserialize_map(Fields)),
            expecting: parse_quote!(fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result),
            visit_map: parse_quote!(fn visit_map<A: MapAccess<'de>>(self, mut map: A)),
            next_key: parse_quote!(map.next_key::<object::Key<'de>>()?),
        }
    }
}

/// `pat => body,`.
fn arm(pat: Pat, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        fat_arrow_token: token::FatArrow::default(),
        body: Box::new(body),
        comma: Some(token::Comma::default()),
    }
}
