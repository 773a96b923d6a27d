//! Operations: one async method per operation on its module's handle.

use proc_macro2::TokenStream;
use quote::quote;

use proc_macro2::{Ident, Span};
use syn::{
    AngleBracketedGenericArguments, Block, Expr, GenericArgument, Generics, ImplItem, Item,
    ItemImpl, Lifetime, Path, PathArguments, Type, TypePath, parse_quote, token,
};

use super::builder::builder;
use super::docs::{self, doc_attributes, doc_attrs, paragraphs};
use super::format::{self, Items};
use super::scope::Scope;
use super::struct_::{derives, public_field, struct_item};
use super::syntax::{
    self, Receiving, argument, bare, bind, borrow, call, generic_path, generic_ty, ident, marker,
    method_item, named, public, receiver, reference_ty, self_field, signature, slice_ty, string,
    unit_ty, var,
};
use crate::diagnostics::Error;
use crate::ir::{
    BodyEncoding, Field, Module, Operation, Param, ParamLocation, PathSegment, ResponseKind,
    Scalar, TypeKind, TypeRef,
};

/// The handle type of a module, with one method per operation (and a
/// stream method per paginated one).
///
/// The methods are built as syntax trees (`syntax.rs`): an API has one
/// per operation. The stream methods are quoted, and parsed here.
pub fn handle(
    scope: &Scope<'_>,
    module: &Module,
    operations: &[&Operation],
) -> Result<Items, Error> {
    let handle = ident(&module.handle);
    let docs = doc_attrs(&format!(
        "The operations of `{}`; get them from [`Client::{}`](crate::Client::{}).",
        module.title, module.name, module.name
    ));
    let api_client = scope.import("crate::runtime", "ApiClient");
    let options = scope.import("crate::runtime", "RequestOptions");
    let mut items = Items::from(quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct #handle<'c> {
            client: &'c #api_client,
            options: #options,
        }
    });
    let mut methods = SHARED.with(|shared| shared.handle_methods.clone());
    for operation in operations {
        methods.push(method(scope, operation)?);
        let every_page = super::pagination::stream_method(scope, operation);
        if !every_page.is_empty() {
            methods.push(format::parse(every_page)?);
        }
    }
    let lifetime = SHARED.with(|shared| shared.lifetime.clone());
    items.tree(Item::Impl(ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: token::Impl::default(),
        generics: lifetime,
        trait_: None,
        self_ty: Box::new(Type::Path(TypePath {
            attrs: Vec::new(),
            qself: None,
            path: with_lifetime(handle),
        })),
        brace_token: token::Brace::default(),
        items: methods,
    }));
    Ok(items)
}

thread_local! {
    /// What every handle has in common, parsed once per thread (syntax
    /// trees cannot cross threads) and cloned into each.
    static SHARED: Shared = Shared::parse();
}

/// The parts of a handle's impl that do not depend on its operations.
struct Shared {
    /// `<'c>`.
    lifetime: Generics,
    /// `new` and `with_options`.
    handle_methods: Vec<ImplItem>,
}

impl Shared {
    fn parse() -> Self {
        let handle: ItemImpl = parse_quote! {
            impl<'c> Handle<'c> {
                pub(crate) fn new(client: &'c ApiClient) -> Self {
                    Self { client, options: RequestOptions::new() }
                }

                /// Uses `options` for every call made through this handle, on top
                /// of those already set (what `options` sets wins). An
                /// idempotency key belongs on one call, not here: set it on the
                /// call (`.idempotency_key(key)` before `.await`).
                pub fn with_options(mut self, options: RequestOptions) -> Self {
                    self.options = self.options.merge(options);
                    self
                }
            }
        };
        Self {
            lifetime: handle.generics,
            handle_methods: handle.items,
        }
    }
}

/// `name<'c>`.
fn with_lifetime(name: Ident) -> Path {
    let mut segment = syn::PathSegment::from(name);
    segment.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: token::Lt::default(),
        args: std::iter::once(GenericArgument::Lifetime(lifetime_c())).collect(),
        gt_token: token::Gt::default(),
    });
    segment.into()
}

fn lifetime_c() -> Lifetime {
    Lifetime::new("'c", Span::call_site())
}

/// The method of `operation`, equal to this code:
///
/// ```text
/// /// Summary, description and route.
/// pub fn name(&self, id: &str, params: &NameParams, body: &Body) -> Call<'c, Output> {
///     let request = Request::new(Method::POST, format!("/v1/things/{}", path_segment(id)))
///         .query("wire", &params.field) // or `.header(…)`, per parameter
///         .json(body); // or `.form(body)`, `.text(body)`…
///     Call::<Output>::json(self.client, request, &self.options)
/// }
/// ```
///
/// A multipart body is built first (`let mut form = Multipart::new(); …`)
/// and the request is `form.attach(…)`; an operation that needs no
/// credentials where the API has some ends its request with
/// `.without_auth()`.
fn method(scope: &Scope<'_>, operation: &Operation) -> Result<ImplItem, Error> {
    let route = format!("`{} {}`", operation.method.as_str(), operation.path);
    let summary = operation.summary.as_deref().map(docs::spec);
    let description = operation.description.as_deref().map(docs::spec);
    let mut attrs = doc_attributes(&paragraphs([
        Some(summary.as_deref().unwrap_or(&route)),
        description.as_deref(),
        summary.is_some().then_some(route.as_str()),
    ]));
    if operation.deprecated {
        attrs.push(marker("deprecated"));
    }

    let mut arguments = vec![receiver(Receiving::Ref)];
    for param in operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path)
    {
        arguments.push(argument(&param.name, path_arg_type(scope, &param.ty)));
    }
    if let Some(params_type) = &operation.params_type {
        let params_type = syntax::ty([ident(params_type)]);
        arguments.push(argument("params", reference_ty(params_type)));
    }
    if let Some(body) = &operation.body {
        let ty = body_arg_type(scope, body.encoding, &body.ty);
        arguments.push(argument("body", reference_ty(ty)));
    }

    let request_type = scope.import("crate::runtime", "Request");
    let method_type = scope.import("crate::runtime", "Method");
    let http_method = ident(operation.method.as_str());
    let mut request = call(
        var([request_type, ident("new")]),
        [
            var([method_type, http_method]),
            path_expression(scope, operation),
        ],
    );
    for param in &operation.params {
        let value = borrow(field_of("params", &param.name));
        let wire = string(&param.wire_name);
        request = match param.location {
            ParamLocation::Path => request,
            ParamLocation::Query => syntax::method(request, "query", [wire, value]),
            ParamLocation::Header => syntax::method(request, "header", [wire, value]),
        };
    }
    let mut stmts = Vec::new();
    if let Some(body) = &operation.body {
        let attach = match body.encoding {
            BodyEncoding::Json => "json",
            BodyEncoding::Form => "form",
            BodyEncoding::Query => "query_object",
            BodyEncoding::Text => "text",
            BodyEncoding::Binary => "bytes",
            BodyEncoding::Multipart => "",
        };
        request = if attach.is_empty() {
            stmts = format::parse_with(Block::parse_within, multipart_form(scope, &body.ty))?;
            syntax::method(named("form"), "attach", [request])
        } else {
            syntax::method(request, attach, [named("body")])
        };
    }
    if !operation.authenticated && !scope.api.security.is_empty() {
        request = syntax::method(request, "without_auth", []);
    }
    stmts.push(bind(ident("request"), request));
    let call_type = scope.import("crate::runtime", "Call");
    let (output, constructor) = match &operation.response.kind {
        ResponseKind::Json(ty) => (scope.type_tree(ty), "json"),
        ResponseKind::Text => (syntax::ty([ident("String")]), "text"),
        ResponseKind::Binary => {
            let bytes = scope.import("crate::runtime", "Bytes");
            (syntax::ty([bytes]), "bytes")
        }
        ResponseKind::Empty => (unit_ty(), "empty"),
    };
    // `Call::<Output>::json(self.client, request, &self.options)`.
    let mut call_path = generic_path(call_type.clone(), [output.clone()]);
    if let Some(PathArguments::AngleBracketed(arguments)) = call_path
        .segments
        .last_mut()
        .map(|segment| &mut segment.arguments)
    {
        arguments.colon2_token = Some(token::PathSep::default());
    }
    call_path.segments.push(ident(constructor).into());
    stmts.push(bare(call(
        Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: call_path,
        }),
        [
            self_field("client"),
            named("request"),
            borrow(self_field("options")),
        ],
    )));
    // `Call<'c, Output>`.
    let mut returned = generic_path(call_type, [output]);
    if let Some(PathArguments::AngleBracketed(arguments)) = returned
        .segments
        .last_mut()
        .map(|segment| &mut segment.arguments)
    {
        arguments
            .args
            .insert(0, GenericArgument::Lifetime(lifetime_c()));
    }
    let returned = Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path: returned,
    });
    Ok(method_item(
        attrs,
        public(),
        signature(&operation.name, arguments, returned),
        stmts,
    ))
}

/// `owner.field`.
fn field_of(owner: &str, field: &str) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(named(owner)),
        dot_token: token::Dot::default(),
        member: syn::Member::Named(ident(field)),
    })
}

/// The path as a string literal, or a `format!` that percent-encodes each
/// path parameter.
fn path_expression(scope: &Scope<'_>, operation: &Operation) -> Expr {
    let mut template = String::new();
    let mut values = Vec::new();
    for segment in &operation.segments {
        match segment {
            PathSegment::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathSegment::Param(index) => {
                template.push_str("{}");
                values.push(ident(&operation.params[*index].name));
            }
        }
    }
    if values.is_empty() {
        return string(&template);
    }
    let segment = scope.import("crate::runtime", "path_segment");
    syntax::macro_call(
        "format",
        syn::MacroDelimiter::Paren(token::Paren::default()),
        quote!(#template, #(#segment(#values)),*),
    )
}

/// The type of a path parameter.
fn path_arg_type(scope: &Scope<'_>, ty: &TypeRef) -> Type {
    match ty {
        TypeRef::Scalar(Scalar::String | Scalar::Binary) => {
            reference_ty(syntax::ty([ident("str")]))
        }
        TypeRef::Named(_) => reference_ty(scope.type_tree(ty)),
        other => scope.type_tree(other),
    }
}

/// The type behind the `body: &…` argument.
fn body_arg_type(scope: &Scope<'_>, encoding: BodyEncoding, ty: &TypeRef) -> Type {
    match (encoding, ty) {
        (BodyEncoding::Text, _) => syntax::ty([ident("str")]),
        (BodyEncoding::Binary, _) => slice_ty(syntax::ty([ident("u8")])),
        (_, TypeRef::Nullable(inner)) => body_arg_type(scope, encoding, inner),
        (_, TypeRef::Array(item)) => slice_ty(scope.type_tree(item)),
        (_, other) => scope.type_tree(other),
    }
}

/// `let form = Multipart::new()…;` with a part per field of the body.
fn multipart_form(scope: &Scope<'_>, ty: &TypeRef) -> TokenStream {
    let multipart = scope.import("crate::runtime", "Multipart");
    let fields = match ty {
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            TypeKind::Struct(structure) => Some(&structure.fields),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        // A free-form object: each key is a text field.
        return quote! {
            let mut form = #multipart::new();
            for (name, value) in body {
                form = form.text(name, value);
            }
        };
    };
    let parts = fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire_name;
        let inner = field.ty.non_null();
        match (inner, field.is_optional()) {
            (TypeRef::Scalar(Scalar::Binary), false) => {
                quote!(form = form.file(#wire, &body.#name);)
            }
            (TypeRef::Scalar(Scalar::Binary), true) => {
                quote!(form = form.optional_file(#wire, body.#name.as_ref());)
            }
            (TypeRef::Array(item), optional) if **item == TypeRef::Scalar(Scalar::Binary) => {
                let files = if optional {
                    quote!(body.#name.iter().flatten())
                } else {
                    quote!(body.#name.iter())
                };
                quote! {
                    for file in #files {
                        form = form.file(#wire, file);
                    }
                }
            }
            _ => quote!(form = form.text(#wire, &body.#name);),
        }
    });
    quote! {
        let mut form = #multipart::new();
        #(#parts)*
    }
}

/// The struct of an operation's query and header parameters.
pub fn params_struct(scope: &Scope<'_>, module: &Module, operation: &Operation) -> Items {
    let Some(params_type) = &operation.params_type else {
        return Items::default();
    };
    let docs = doc_attributes(&format!(
        "The query and header parameters of [`{}::{}`].",
        module.handle, operation.name
    ));
    let params: Vec<&Param> = operation
        .params
        .iter()
        .filter(|param| param.location != ParamLocation::Path)
        .collect();
    let fields = params.iter().map(|param| {
        let where_ = match param.location {
            ParamLocation::Query => "query parameter",
            _ => "header",
        };
        let description = param.docs.as_deref().map(docs::spec);
        let docs = doc_attributes(&paragraphs([
            description.as_deref(),
            Some(&format!("Sent as the `{}` {where_}.", param.wire_name)),
        ]));
        let mut ty = scope.type_tree(param.ty.non_null());
        if !param.required || matches!(param.ty, TypeRef::Nullable(_)) {
            ty = generic_ty(ident("Option"), [ty]);
        }
        syn::Field {
            attrs: docs,
            ..public_field(&param.name, ty)
        }
    });
    let as_fields: Vec<Field> = params.iter().map(|param| param.as_field()).collect();
    let mut items = Items::default();
    items.tree(struct_item(
        docs,
        params_type,
        derives(&as_fields, true),
        fields,
    ));
    items.tree(builder(scope, params_type, &as_fields, None));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::ir::ModuleId;

    /// The methods built as trees print as their quoted form would: for
    /// each kind of argument, body and response.
    #[test]
    fn methods_print_as_quoted_code() {
        let config = Config::named("t");
        let (api, _) = crate::ir::tests::from_yaml(
            r#"openapi: 3.0.1
info: {title: T, version: '1'}
security: [{key: []}]
components:
  securitySchemes:
    key: {type: http, scheme: bearer}
paths:
  /things/{id}/file:
    put:
      summary: Upload a file
      deprecated: true
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        '204': {description: done}
  /notes:
    post:
      security: []
      requestBody:
        content:
          text/plain:
            schema: {type: string}
      responses:
        '200':
          description: ok
          content:
            text/plain:
              schema: {type: string}
  /uploads:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                note: {type: string}
      responses:
        '200':
          description: ok
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
"#,
            &config,
        );
        let module = api
            .modules
            .iter()
            .position(|module| !module.handle.is_empty())
            .expect("a module with operations");
        let scope = Scope::new(&api, &config, ModuleId(module));
        let operations: Vec<&Operation> = api.operations.iter().collect();
        let items = handle(&scope, &api.modules[module], &operations).unwrap();
        let text = format::items(items).unwrap();
        let parsed: syn::File = syn::parse_str(&text).expect("the printed handle parses");
        assert_eq!(prettyplease::unparse(&parsed), text);
        let flat = |text: &str| {
            text.split_whitespace()
                .collect::<String>()
                .replace(",)", ")")
        };
        let printed = flat(&text);
        for shape in [
            "/// Upload a file /// /// `PUT /things/{id}/file` #[deprecated] pub fn",
            "(&self, id: &str, params: &",
            "body: &[u8]) -> Call<'c, ()> {",
            "Request::new(Method::PUT, format!(\"/things/{}/file\", path_segment(id)))",
            ".header(\"X-Trace\", &params.x_trace)",
            ".bytes(body);",
            "Call::<()>::empty(self.client, request, &self.options)",
            "body: &str) -> Call<'c, String> {",
            "Request::new(Method::POST, \"/notes\").text(body).without_auth();",
            "Call::<String>::text(",
            "let mut form = Multipart::new(); form = form.file(\"file\", &body.file);",
            "form.attach(Request::new(Method::POST, \"/uploads\"));",
            "Call::<Bytes>::bytes(",
        ] {
            assert!(printed.contains(&flat(shape)), "{shape} in:\n{text}");
        }
    }
}
