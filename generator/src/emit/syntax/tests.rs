//! The trees of `syntax` print as the code they stand for.

use crate::config::Config;
use crate::emit::scope::Scope;
use crate::emit::{format, struct_};
use crate::ir::{ModuleId, Scalar, TypeKind, TypeRef};

/// The items built as trees print as the code they stand for would,
/// quoted: their text, parsed and printed again, is the same text, and
/// it holds every shape of the code (the snapshots of generated crates
/// hold the rest of it).
#[test]
fn built_items_print_as_quoted_code() {
    let mut config = Config::named("t");
    config.types.lenient = true;
    let (mut api, _) = crate::ir::tests::from_yaml(
        "openapi: 3.0.1
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Thing:
      type: object
      required: [id, note]
      properties:
        id: {type: string}
        note: {type: string, nullable: true}
        amount: {type: number}
        price: {type: string}
        tags: {type: array, items: {type: number}}
        old: {type: string, deprecated: true}
        map: {type: string}
        key: {type: integer}
        f: {$ref: '#/components/schemas/Inner'}
    Inner:
      type: object
      properties:
        name: {type: string}
      additionalProperties: {type: number}
    Open:
      type: object
      properties:
        name: {type: string}
      additionalProperties: {type: string}
    Empty:
      type: object
      properties:
        name: {type: string}
    Node:
      type: object
      required: [count]
      properties:
        count: {type: integer}
        child: {$ref: '#/components/schemas/Node'}
",
        &config,
    );
    for def in &mut api.types {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        match def.name.as_str() {
            "Empty" => structure.fields.clear(),
            "Thing" => {
                let price = structure
                    .fields
                    .iter_mut()
                    .find(|field| field.name == "price");
                price.expect("a price field").ty = TypeRef::Scalar(Scalar::Decimal);
            }
            _ => {}
        }
    }
    let scope = Scope::new(&api, &config, ModuleId(0));
    let mut printed = String::new();
    for def in &api.types {
        let TypeKind::Struct(structure) = &def.kind else {
            continue;
        };
        let text = format::items(struct_::struct_(&scope, def, structure)).unwrap();
        let parsed: syn::File = syn::parse_str(&text).expect("the printed items parse");
        assert_eq!(prettyplease::unparse(&parsed), text);
        printed.push_str(&text);
    }
    // Every shape the impls have was built (compared without the
    // spaces and trailing commas of lines the printer broke).
    let flat = |text: &str| {
        text.split_whitespace()
            .collect::<String>()
            .replace(",)", ")")
    };
    let printed = flat(&printed);
    for shape in [
        "object::next_with(&mut map, &mut amount, \"amount\", codec::float::option::Reader)?",
        "codec::decimal::Reader",
        "codec::lenient::OptionReader",
        "object::next(&mut map, &mut map_, \"map\")?",
        "object::next(&mut map, &mut key_, \"key\")?",
        "object::extra_with(&mut map, &mut additional_properties, key, codec::float::Reader)?",
        "object::extra(&mut map, &mut additional_properties, key)?",
        "object::required(id, \"id\")?",
        "object::optional(note)",
        "map.serialize_entry(\"note\", &self.note)?;",
        "&object::written(value, codec::decimal::Writer)",
        "for (key, value) in &self.additional_properties {",
        "#[allow(deprecated)]\nimpl<'de> Visitor<'de> for Fields {",
        "serializer.serialize_map(Some(0))?.end()",
        "#[derive(Clone, Debug, PartialEq)] #[non_exhaustive] pub struct Thing { #[allow(missing_docs)] pub id: String,",
        "**Deprecated** in the API. pub old: Option<String>,",
        "/// Keys the schema does not list. pub additional_properties: BTreeMap<String, f64>, }",
        "#[derive(Clone, Debug, Default, PartialEq)] #[non_exhaustive] pub struct Empty {}",
        "pub child: Option<Box<Node>>,",
        "#[allow(deprecated)] impl Thing {",
        "#[must_use] pub fn new(id: impl Into<String>) -> Self {",
        "Self { id: id.into(), note: None, amount: None,",
        "/// Sets [`old`](Self::old). #[deprecated] #[must_use] pub fn old(mut self, value: impl Into<String>) -> Self { self.old = Some(value.into()); self }",
        "pub fn tags(mut self, value: Vec<f64>) -> Self { self.tags = Some(value); self }",
        "Self { name: None, additional_properties: Default::default(), }",
        "pub fn new(count: i64) -> Self { Self { count, child: None } }",
        "self.child = Some(Box::new(value));",
        "while let Some(_) = map.next_key::<object::Key<'de>>()? { object::skip(&mut map)?; } Ok(Empty {})",
    ] {
        assert!(printed.contains(&flat(shape)), "{shape} in:\n{printed}");
    }
}
