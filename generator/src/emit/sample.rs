//! Sample values of a type, for examples and generated tests: a Rust
//! expression that builds the value, and the JSON it must serialize to.
//! Values follow a spec example where there is one and are made up
//! otherwise. The JSON is worked out here from the IR, independently of
//! serde, so that tests comparing the two check the generated code.
//!
//! The expression is built as a syntax tree (`syntax.rs`), not quoted:
//! every operation's test holds samples, and parsing them back from
//! tokens was a fortieth of the generator's time on a large API.

use proc_macro2::{Literal, Span};
use quote::quote;
use serde_json::{Map, Value};
use syn::punctuated::Punctuated;
use syn::{Expr, Lit, LitBool, MacroDelimiter, token};

use super::scope::Scope;
use super::syntax::{self, bytes, call, ident, literal, macro_call, method, string, var};
use crate::ir::{Scalar, TypeKind, TypeRef};

/// How much of a value to fill in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Required fields only (for docs).
    Required,
    /// Also the optional fields the example has (for tests).
    Example,
    /// Every field (for tests without an example).
    Full,
}

/// A sample value.
pub struct Sample {
    /// An expression that builds the value.
    pub expr: Expr,
    /// The JSON the value serializes to; `Value::Null` for `None`.
    pub json: Value,
}

/// A sample of type `ty`, following `example` where it fits.
pub fn sample(scope: &Scope<'_>, ty: &TypeRef, example: Option<&Value>, detail: Detail) -> Sample {
    value(scope, ty, example.filter(|e| !e.is_null()), detail, 0)
}

/// Just the expression of [`sample`].
pub fn expr(scope: &Scope<'_>, ty: &TypeRef, example: Option<&Value>, detail: Detail) -> Expr {
    sample(scope, ty, example, detail).expr
}

const MAX_DEPTH: usize = 6;

fn value(
    scope: &Scope<'_>,
    ty: &TypeRef,
    example: Option<&Value>,
    detail: Detail,
    depth: usize,
) -> Sample {
    match ty {
        TypeRef::Scalar(scalar) => scalar_value(scope, *scalar, example),
        TypeRef::Nullable(inner) => match example {
            Some(example) => {
                let inner = value(scope, inner, Some(example), detail, depth + 1);
                Sample {
                    expr: call(syntax::named("Some"), [inner.expr]),
                    json: inner.json,
                }
            }
            None if detail == Detail::Full && depth < MAX_DEPTH => {
                let inner = value(scope, inner, None, detail, depth + 1);
                Sample {
                    expr: call(syntax::named("Some"), [inner.expr]),
                    json: inner.json,
                }
            }
            None => Sample {
                expr: syntax::named("None"),
                json: Value::Null,
            },
        },
        TypeRef::Array(item) => {
            let items: Vec<Sample> = match example {
                Some(Value::Array(items)) => items
                    .iter()
                    .take(3)
                    .map(|example| value(scope, item, Some(example), detail, depth + 1))
                    .collect(),
                None if detail == Detail::Full && depth < MAX_DEPTH => {
                    vec![value(scope, item, None, detail, depth + 1)]
                }
                _ => Vec::new(),
            };
            let (exprs, json): (Vec<Expr>, Vec<Value>) =
                items.into_iter().map(|item| (item.expr, item.json)).unzip();
            Sample {
                expr: vec_macro(exprs),
                json: Value::Array(json),
            }
        }
        TypeRef::Map(inner) if **inner == TypeRef::Any => match example {
            Some(example @ Value::Object(_)) => Sample {
                expr: json_expr(example),
                json: example.clone(),
            },
            _ => Sample {
                expr: default(),
                json: Value::Object(Map::new()),
            },
        },
        TypeRef::Map(inner) => {
            let entries: Vec<(String, Sample)> = match example {
                Some(Value::Object(entries)) => entries
                    .iter()
                    .take(3)
                    .map(|(key, entry)| {
                        (
                            key.clone(),
                            value(scope, inner, Some(entry), detail, depth + 1),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if entries.is_empty() {
                return Sample {
                    expr: default(),
                    json: Value::Object(Map::new()),
                };
            }
            let map = scope.import("std::collections", "BTreeMap");
            let mut json = Map::new();
            let pairs = entries.into_iter().map(|(key, entry)| {
                let pair = tuple([method(string(&key), "to_owned", []), entry.expr]);
                json.insert(key, entry.json);
                pair
            });
            let pairs = Expr::Array(syn::ExprArray {
                attrs: Vec::new(),
                bracket_token: token::Bracket::default(),
                elems: pairs.collect(),
            });
            Sample {
                expr: call(var([map, ident("from")]), [pairs]),
                json: Value::Object(json),
            }
        }
        TypeRef::Any => {
            let json = example.cloned().unwrap_or(Value::Null);
            Sample {
                expr: json_expr(&json),
                json,
            }
        }
        TypeRef::Named(id) => named(scope, *id, example, detail, depth),
    }
}

fn named(
    scope: &Scope<'_>,
    id: crate::ir::TypeId,
    example: Option<&Value>,
    detail: Detail,
    depth: usize,
) -> Sample {
    let def = scope.api.type_def(id);
    // Named (and so imported) only where the sample spells the type: an
    // import nothing uses would be a warning in the generated tests.
    let name = || scope.named(id);
    match &def.kind {
        TypeKind::Alias(target) => value(scope, target, example, detail, depth + 1),
        TypeKind::Enum(enumeration) => {
            let wanted = example.and_then(Value::as_str);
            let known = enumeration
                .variants
                .iter()
                .find(|variant| Some(variant.value.as_str()) == wanted)
                .or_else(|| {
                    wanted
                        .is_none()
                        .then(|| enumeration.variants.first())
                        .flatten()
                });
            match known {
                Some(variant) => Sample {
                    expr: var([name(), ident(&variant.name)]),
                    json: Value::String(variant.value.clone()),
                },
                None => {
                    let text = wanted.unwrap_or_default();
                    Sample {
                        expr: call(var([name(), ident("from")]), [string(text)]),
                        json: Value::String(text.to_owned()),
                    }
                }
            }
        }
        TypeKind::Union(union) => {
            let name = name();
            let variant = &union.variants[0];
            let inner = value(scope, &variant.ty, example, detail, depth + 1);
            let mut expr = inner.expr;
            if super::union_::boxed(scope, &variant.ty) {
                expr = call(var([ident("Box"), ident("new")]), [expr]);
            }
            Sample {
                expr: call(var([name, ident(&variant.name)]), [expr]),
                json: inner.json,
            }
        }
        TypeKind::Struct(structure) => {
            let name = name();
            // Past MAX_DEPTH only required fields are filled (below), which
            // ends any recursion a finite JSON value can have; this bound
            // only stops specs whose required fields nest without end.
            if depth >= 4 * MAX_DEPTH && structure.fields.iter().all(|f| f.is_optional()) {
                return Sample {
                    expr: call(var([name, ident("new")]), []),
                    json: Value::Object(Map::new()),
                };
            }
            let object = example.and_then(Value::as_object);
            let mut arguments = Vec::new();
            let mut setters = Vec::new();
            let mut json = Map::new();
            for field in &structure.fields {
                let field_example = object
                    .and_then(|object| object.get(&field.wire_name))
                    .filter(|e| !e.is_null());
                let inner = field.ty.non_null();
                let wanted = !field.is_optional()
                    || (detail == Detail::Example && field_example.is_some())
                    || (detail == Detail::Full && depth < MAX_DEPTH);
                if !wanted {
                    if field.required {
                        json.insert(field.wire_name.clone(), Value::Null);
                    }
                    continue;
                }
                let sample = value(scope, inner, field_example, detail, depth + 1);
                if field.is_optional() {
                    setters.push((crate::naming::setter_name(&field.name), sample.expr));
                } else {
                    arguments.push(sample.expr);
                }
                json.insert(field.wire_name.clone(), sample.json);
            }
            let built = call(var([name, ident("new")]), arguments);
            Sample {
                expr: setters.into_iter().fold(built, |built, (setter, value)| {
                    method(built, &setter, [value])
                }),
                json: Value::Object(json),
            }
        }
    }
}

fn scalar_value(scope: &Scope<'_>, scalar: Scalar, example: Option<&Value>) -> Sample {
    match scalar {
        Scalar::String => {
            let text = match example {
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
                None => "string".to_owned(),
            };
            Sample {
                expr: method(string(&text), "to_owned", []),
                json: Value::String(text),
            }
        }
        Scalar::Integer => {
            let number = example.and_then(Value::as_i64).unwrap_or(1);
            Sample {
                expr: literal(Literal::i64_unsuffixed(number)),
                json: Value::from(number),
            }
        }
        Scalar::Float => {
            let number = example.and_then(Value::as_f64).unwrap_or(1.5);
            Sample {
                expr: literal(Literal::f64_unsuffixed(number)),
                json: super::wire::number(number),
            }
        }
        Scalar::Decimal => {
            let decimal = scope.import("rust_decimal", "Decimal");
            let text = match example {
                Some(Value::Number(number)) => number.to_string(),
                Some(Value::String(text)) if text.parse::<f64>().is_ok() => text.clone(),
                _ => "10.5".to_owned(),
            };
            let (mantissa, scale) = decimal_parts(&text);
            let json = serde_json::from_str(&text).unwrap_or(Value::Null);
            let arguments = [
                literal(Literal::i64_unsuffixed(mantissa)),
                literal(Literal::u32_unsuffixed(scale)),
            ];
            Sample {
                expr: call(var([decimal, ident("new")]), arguments),
                json,
            }
        }
        Scalar::Boolean => {
            let flag = example.and_then(Value::as_bool).unwrap_or(true);
            Sample {
                expr: Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: Lit::Bool(LitBool::new(flag, Span::call_site())),
                }),
                json: Value::Bool(flag),
            }
        }
        Scalar::Binary => {
            let file = scope.import("crate::runtime", "File");
            Sample {
                expr: call(
                    var([file, ident("new")]),
                    [
                        method(bytes(b"file contents"), "to_vec", []),
                        string("file.txt"),
                    ],
                ),
                json: Value::String("file contents".to_owned()),
            }
        }
        Scalar::Timestamp => {
            // An integer example keeps its value (and so its unit, by the
            // runtime's rule); text is replaced, as writing it back
            // normalizes it to UTC.
            const MILLIS: i64 = 100_000_000_000;
            let number = example.and_then(Value::as_i64).unwrap_or(1_700_000_000);
            let timestamp = scope.import("crate::runtime", "Timestamp");
            let constructor = if number.unsigned_abs() >= MILLIS.unsigned_abs() {
                "from_unix_millis"
            } else {
                "from_unix_seconds"
            };
            let expr = call(
                var([timestamp, ident(constructor)]),
                [literal(Literal::i64_unsuffixed(number))],
            );
            Sample {
                expr,
                json: Value::from(number),
            }
        }
    }
}

/// `100.23` → `(10023, 2)`; plain integers have scale 0.
fn decimal_parts(text: &str) -> (i64, u32) {
    let text = text.trim();
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c.is_ascii_digit()) => {
            let digits = format!("{whole}{fraction}");
            (digits.parse().unwrap_or(0), fraction.len() as u32)
        }
        _ => (text.parse::<f64>().map(|n| n as i64).unwrap_or(0), 0),
    }
}

/// An expression that parses `value` from its JSON text (into whatever
/// type the context wants). A `json!` literal would be prettier, but JSON
/// string escapes are not always valid Rust.
pub fn json_expr(value: &Value) -> Expr {
    let parsed = call(
        var([ident("serde_json"), ident("from_str")]),
        [string(&value.to_string())],
    );
    method(parsed, "expect", [string("valid JSON")])
}

/// `Default::default()`.
fn default() -> Expr {
    call(var([ident("Default"), ident("default")]), [])
}

/// `vec![items…]`.
fn vec_macro(items: Vec<Expr>) -> Expr {
    macro_call(
        "vec",
        MacroDelimiter::Bracket(token::Bracket::default()),
        quote!(#(#items),*),
    )
}

/// `(items…)`.
fn tuple<const N: usize>(items: [Expr; N]) -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: token::Paren::default(),
        elems: items.into_iter().collect::<Punctuated<_, _>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The sample of the example below, as the generated tests print it.
    const EXAMPLE: &str = r#"fn f() {
    let value = PostThingsRequest::new(
            "quote \" and \\ slash".to_owned(),
            PostThingsRequestKind::A,
            -5,
        )
        .other(PostThingsRequestKind::from("c"))
        .ratio(-2.5)
        .flag(false)
        .tags(vec!["x".to_owned(), "y".to_owned()])
        .labels(BTreeMap::from([("k".to_owned(), 1)]))
        .extra(serde_json::from_str("{\"k\":[1,\"2\"]}").expect("valid JSON"))
        .anything(serde_json::from_str("{\"a\":null}").expect("valid JSON"))
        .note("n".to_owned())
        .either(
            PostThingsRequestEither::Variant1(
                Box::new(PostThingsRequestEitherVariant1::new().x("1".to_owned())),
            ),
        )
        .nested(PostThingsRequestNested::new("i".to_owned()).at(3));
}
"#;

    /// A sample built as a tree prints as the same code quoted and parsed
    /// would: the tree has the shape syn gives that code (a method called
    /// on a call, a negative literal, a macro), so the generated tests
    /// read as they did when the samples were quoted.
    #[test]
    fn samples_print_as_their_code_parsed() {
        let config = Config::named("t");
        let (api, _) = crate::ir::tests::from_yaml(
            r#"openapi: 3.0.1
info: {title: T, version: '1'}
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name, kind, count]
              properties:
                name: {type: string}
                kind: {type: string, enum: [a, b]}
                other: {type: string, enum: [a, b]}
                count: {type: integer}
                ratio: {type: number}
                flag: {type: boolean}
                tags: {type: array, items: {type: string}}
                labels: {type: object, additionalProperties: {type: integer}}
                extra: {type: object, additionalProperties: true}
                anything: {}
                note: {type: string, nullable: true}
                either:
                  oneOf:
                    - {type: object, properties: {x: {type: string}}}
                    - {type: integer}
                nested:
                  type: object
                  required: [id]
                  properties: {id: {type: string}, at: {type: integer}}
            example:
              name: "quote \" and \\ slash"
              kind: a
              other: c
              count: -5
              ratio: -2.5
              flag: false
              tags: [x, y]
              labels: {k: 1}
              extra: {"k": [1, "2"]}
              anything: {"a": null}
              note: n
              either: {x: "1"}
              nested: {id: i, at: 3}
      responses:
        '200': {description: ok}
"#,
            &config,
        );
        let body = api.operations[0].body.as_ref().expect("a body");
        let scope = Scope::outside(&api, &config);
        for (example, detail) in [
            (body.examples.first(), Detail::Example),
            (None, Detail::Full),
            (None, Detail::Required),
        ] {
            let expr = sample(&scope, &body.ty, example, detail).expr;
            let parsed: Expr = syn::parse2(quote!(#expr)).expect("the sample parses");
            // The statement goes into the tree as it is, not through tokens.
            let print = |expr: Expr| {
                let mut item: syn::ItemFn = syn::parse_quote!(
                    fn f() {}
                );
                item.block.stmts.push(syntax::bind(ident("value"), expr));
                prettyplease::unparse(&syn::File {
                    shebang: None,
                    frontmatter: None,
                    attrs: Vec::new(),
                    items: vec![syn::Item::Fn(item)],
                })
            };
            let (built, reparsed) = (print(expr), print(parsed));
            if detail == Detail::Example {
                assert_eq!(built, EXAMPLE);
            }
            assert_eq!(built, reparsed);
        }
    }

    #[test]
    fn decimal_literals_keep_their_digits() {
        assert_eq!(decimal_parts("100.23"), (10023, 2));
        assert_eq!(decimal_parts("7"), (7, 0));
    }
}
