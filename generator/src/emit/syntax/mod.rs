//! Syntax trees built directly, for the code every struct repeats.
//!
//! Most emitters quote tokens, which the printer then parses back into a
//! syntax tree: clear to read, but the parse is most of what emitting
//! costs. The `Serialize` and `Deserialize` impls are a third of a large
//! API's code and always the same few shapes, so theirs are built as trees
//! here, from these constructors, and handed to the printer as they are.
//!
//! Each constructor builds the node `syn` parses from the code in its
//! docs, so the printed text is the same as if it had been quoted (the
//! emitted-code snapshots hold it to that).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::token;
use syn::{
    AttrStyle, Attribute, Block, Expr, ExprCall, ExprLit, ExprMacro, ExprMethodCall, ExprPath,
    ExprReference, ExprTry, FieldValue, FnArg, FnModifiers, Generics, ImplItem, ImplItemFn,
    ImplModifiers, ItemImpl, Lit, LitByteStr, LitStr, Local, LocalInit, Macro, MacroDelimiter,
    Member, Meta, MetaList, Pat, PatIdent, Path, PathSegment, ReturnType, Signature, Stmt, Type,
    TypePath, Visibility,
};

/// An identifier from a name the IR made (always a valid, non-keyword Rust
/// identifier).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The path `a::b::c` of `segments`.
pub fn path<I: Into<Ident>>(segments: impl IntoIterator<Item = I>) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .into_iter()
            .map(|segment| PathSegment::from(segment.into()))
            .collect(),
    }
}

/// The type named by the path `segments`.
pub fn ty<I: Into<Ident>>(segments: impl IntoIterator<Item = I>) -> Type {
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments),
    })
}

/// The expression `a::b::c` of `segments` (a local when there is one).
pub fn var<I: Into<Ident>>(segments: impl IntoIterator<Item = I>) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments),
    })
}

/// The local or function named `name`.
pub fn named(name: &str) -> Expr {
    var([ident(name)])
}

/// `func(args…)`.
pub fn call(func: Expr, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args…)`.
pub fn method(receiver: Expr, name: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: token::Dot::default(),
        method: ident(name),
        turbofish: None,
        paren_token: token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `expr?`.
pub fn try_(expr: Expr) -> Expr {
    Expr::Try(ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: token::Question::default(),
    })
}

/// `&expr`.
pub fn borrow(expr: Expr) -> Expr {
    reference(expr, None)
}

/// `&mut expr`.
pub fn borrow_mut(expr: Expr) -> Expr {
    reference(expr, Some(token::Mut::default()))
}

fn reference(expr: Expr, mutability: Option<token::Mut>) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: token::And::default(),
        mutability,
        expr: Box::new(expr),
    })
}

/// `self.field`.
pub fn self_field(field: &str) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(named("self")),
        dot_token: token::Dot::default(),
        member: Member::Named(ident(field)),
    })
}

/// The string literal `"value"`, escaped as `quote` escapes it.
pub fn string(value: &str) -> Expr {
    Expr::Lit(string_literal(value))
}

/// [`string`] as the literal node, which is also a pattern (`PatLit`).
pub fn string_literal(value: &str) -> ExprLit {
    ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(LitStr::new(value, Span::call_site())),
    }
}

/// The number literal `literal` (`200u16`, `-5`, `1.5`).
pub fn literal(literal: Literal) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::new(literal),
    })
}

/// The byte string literal `b"value"`.
pub fn bytes(value: &[u8]) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::ByteStr(LitByteStr::new(value, Span::call_site())),
    })
}

/// `name!(tokens)`, `name![tokens]` or `name!{tokens}`, as `delimiter` says.
pub fn macro_call(name: &str, delimiter: MacroDelimiter, tokens: TokenStream) -> Expr {
    Expr::Macro(ExprMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: ident(name).into(),
            bang_token: token::Not::default(),
            delimiter,
            tokens,
        },
    })
}

/// `let mut name = init;`.
pub fn let_mut(name: Ident, init: Expr) -> Stmt {
    local(name, true, init)
}

/// `let name = init;`.
pub fn bind(name: Ident, init: Expr) -> Stmt {
    local(name, false, init)
}

fn local(name: Ident, mutable: bool, init: Expr) -> Stmt {
    Stmt::Local(Local {
        attrs: Vec::new(),
        let_token: token::Let::default(),
        modifiers: Default::default(),
        pat: binding(name, mutable),
        init: Some(LocalInit {
            eq_token: token::Eq::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: token::Semi::default(),
    })
}

/// The pattern `name` (`mut name` when `mutable`).
pub fn binding(name: Ident, mutable: bool) -> Pat {
    Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(token::Mut::default),
        ident: name,
        subpat: None,
    })
}

/// The pattern `Some(pat)`.
pub fn some(pat: Pat) -> Pat {
    Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: ident("Some").into(),
        paren_token: token::Paren::default(),
        elems: std::iter::once(pat).collect(),
    })
}

/// The pattern `_`.
pub fn wild() -> Pat {
    Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: token::Underscore::default(),
    })
}

/// `let pat = expr`, the condition of an `if let` or `while let`.
pub fn let_(pat: Pat, expr: Expr) -> Expr {
    Expr::Let(syn::ExprLet {
        attrs: Vec::new(),
        let_token: token::Let::default(),
        pat: Box::new(pat),
        eq_token: token::Eq::default(),
        expr: Box::new(expr),
    })
}

/// `left = right`.
pub fn assign(left: Expr, right: Expr) -> Expr {
    Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: token::Eq::default(),
        right: Box::new(right),
    })
}

/// `path { fields… }`.
pub fn struct_literal(path: Path, fields: Punctuated<FieldValue, token::Comma>) -> Expr {
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: token::Brace::default(),
        fields,
        dot2_token: None,
        rest: None,
    })
}

/// `field: value`, or the shorthand `field` when `value` is the local
/// named after it.
pub fn field_value(field: &str, value: Expr, shorthand: bool) -> FieldValue {
    FieldValue {
        attrs: Vec::new(),
        member: Member::Named(ident(field)),
        colon_token: (!shorthand).then(token::Colon::default),
        expr: value,
    }
}

/// `expr;`.
pub fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(token::Semi::default()))
}

/// `expr` as a statement without `;`: a block-like expression, or the
/// value of the block.
pub fn bare(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// `{ stmts… }`.
pub fn block(stmts: Vec<Stmt>) -> Block {
    Block {
        brace_token: token::Brace::default(),
        stmts,
    }
}

/// `#[name(tokens)]`, such as `#[allow(deprecated)]`.
pub fn attribute(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList {
        path: path([ident(name)]),
        delimiter: syn::MacroDelimiter::Paren(token::Paren::default()),
        tokens,
    }))
}

/// `#[name = value]`, such as `#[doc = " Text."]`.
pub fn name_value(name: &str, value: Expr) -> Attribute {
    outer(Meta::NameValue(syn::MetaNameValue {
        path: path([ident(name)]),
        eq_token: token::Eq::default(),
        value,
    }))
}

/// `#[name]`, such as `#[must_use]`.
pub fn marker(name: &str) -> Attribute {
    marker_path([ident(name)])
}

/// `#[a::b]`, such as `#[tokio::test]`.
pub fn marker_path(segments: impl IntoIterator<Item = Ident>) -> Attribute {
    outer(Meta::Path(path(segments)))
}

fn outer(meta: Meta) -> Attribute {
    Attribute {
        pound_token: token::Pound::default(),
        style: AttrStyle::Outer,
        bracket_token: token::Bracket::default(),
        meta,
    }
}

/// `#[allow(deprecated)]` when `deprecated`: on code that sets or reads
/// every field of a struct, some of them deprecated.
pub fn allow_deprecated(deprecated: bool) -> Vec<Attribute> {
    if deprecated {
        vec![attribute("allow", quote!(deprecated))]
    } else {
        Vec::new()
    }
}

/// `items` as a punctuated list with a trailing separator, as a quoted
/// `#(#items,)*` parses.
pub fn terminated<T, P: Default>(items: impl IntoIterator<Item = T>) -> Punctuated<T, P> {
    let mut list = Punctuated::new();
    for item in items {
        list.push_value(item);
        list.push_punct(P::default());
    }
    list
}

/// `name<args…>` as a type, such as `Result<T, E>`.
pub fn generic_ty(name: Ident, args: impl IntoIterator<Item = Type>) -> Type {
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: generic_path(name, args),
    })
}

/// The path `name<args…>`, such as `Into<String>`.
pub fn generic_path(name: Ident, args: impl IntoIterator<Item = Type>) -> Path {
    let mut segment = PathSegment::from(name);
    segment.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: token::Lt::default(),
        args: args.into_iter().map(syn::GenericArgument::Type).collect(),
        gt_token: token::Gt::default(),
    });
    Path {
        leading_colon: None,
        segments: std::iter::once(segment).collect(),
    }
}

/// A method of a trait impl: `sig { stmts… }`.
pub fn impl_fn(sig: Signature, stmts: Vec<Stmt>) -> ImplItem {
    method_item(Vec::new(), Visibility::Inherited, sig, stmts)
}

/// `fn name(inputs…) -> output`.
pub fn signature(name: &str, inputs: impl IntoIterator<Item = FnArg>, output: Type) -> Signature {
    Signature {
        constness: None,
        asyncness: None,
        safety: syn::Safety::Default,
        abi: None,
        fn_token: token::Fn::default(),
        ident: ident(name),
        generics: Default::default(),
        paren_token: token::Paren::default(),
        inputs: inputs.into_iter().collect(),
        variadic: None,
        output: ReturnType::Type(token::RArrow::default(), Box::new(output)),
    }
}

/// How a method takes `self`.
pub enum Receiving {
    /// `&self`.
    Ref,
    /// `mut self`.
    MutValue,
}

/// The `self` parameter.
pub fn receiver(receiving: Receiving) -> FnArg {
    let (mutability, kind) = match receiving {
        Receiving::Ref => (
            None,
            syn::ReceiverKind::Reference(token::And::default(), None, None),
        ),
        Receiving::MutValue => (Some(token::Mut::default()), syn::ReceiverKind::Value),
    };
    FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability,
        self_token: token::SelfValue::default(),
        kind,
    })
}

/// The parameter `name: ty`.
pub fn argument(name: &str, ty: Type) -> FnArg {
    FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(binding(ident(name), false)),
        colon_token: token::Colon::default(),
        ty: Box::new(ty),
    })
}

/// `pub`.
pub fn public() -> Visibility {
    Visibility::Public(token::Pub::default())
}

/// `attrs vis sig { stmts… }` in an impl.
pub fn method_item(
    attrs: Vec<Attribute>,
    vis: Visibility,
    sig: Signature,
    stmts: Vec<Stmt>,
) -> ImplItem {
    ImplItem::Fn(ImplItemFn {
        attrs,
        vis,
        modifiers: FnModifiers::default(),
        sig,
        block: block(stmts),
    })
}

/// `&ty`.
pub fn reference_ty(ty: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: token::And::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(ty),
    })
}

/// `[ty]`.
pub fn slice_ty(ty: Type) -> Type {
    Type::Slice(syn::TypeSlice {
        attrs: Vec::new(),
        bracket_token: token::Bracket::default(),
        elem: Box::new(ty),
    })
}

/// `()`.
pub fn unit_ty() -> Type {
    Type::Tuple(syn::TypeTuple {
        attrs: Vec::new(),
        paren_token: token::Paren::default(),
        elems: Punctuated::new(),
    })
}

/// `type name = ty;` in a trait impl.
pub fn assoc_type(name: &str, ty: Type) -> ImplItem {
    ImplItem::Type(syn::ImplItemType {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        modifiers: Default::default(),
        type_token: token::Type::default(),
        ident: ident(name),
        generics: Generics::default(),
        eq_token: token::Eq::default(),
        ty,
        semi_token: token::Semi::default(),
    })
}

/// `attrs impl generics trait_ for self_ty { items… }`.
pub fn trait_impl(
    attrs: Vec<Attribute>,
    generics: Generics,
    trait_: Path,
    self_ty: Type,
    items: Vec<ImplItem>,
) -> ItemImpl {
    ItemImpl {
        attrs,
        modifiers: ImplModifiers::default(),
        unsafety: None,
        impl_token: token::Impl::default(),
        generics,
        trait_: Some((trait_, token::For::default())),
        self_ty: Box::new(self_ty),
        brace_token: token::Brace::default(),
        items,
    }
}

#[cfg(test)]
mod tests;
