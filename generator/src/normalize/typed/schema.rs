//! Schemas, read as openapiv3 reads them.
//!
//! openapiv3 reads every key a schema may have into one flat record and
//! then picks the kind: a typed schema (`string`, `number`, …) when only
//! the keys of that type are present, a bare `oneOf`/`allOf`/`anyOf`/`not`
//! when that key is the only one, and [`SchemaKind::Any`] for every other
//! mix. [`Keys`] is that record and [`Keys::kind`] that choice.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
};
use serde_json::{Number, Value};

use super::fields::{
    Object, Read, Unread, any, boolean, by_serde, is_extension, list, map, number, optional,
    reference_or, size, string, strings,
};

/// A schema or a reference to one.
pub fn schema_or_ref(node: &Value) -> Read<ReferenceOr<Schema>> {
    reference_or(node, schema)
}

/// A schema or a reference to one, where openapiv3 boxes the schema.
fn boxed_or_ref(node: &Value) -> Read<ReferenceOr<Box<Schema>>> {
    reference_or(node, |node| schema(node).map(Box::new))
}

/// A schema: its data (shared by every kind) and its kind, read in one
/// pass over its keys (a schema may have thirty; most have a few).
pub fn schema(node: &Value) -> Read<Schema> {
    let mut data = SchemaData::default();
    let mut keys = Keys::default();
    for (key, value) in Object::of(node)?.entries() {
        match key.as_str() {
            "nullable" => data.nullable = boolean(value)?,
            "readOnly" => data.read_only = boolean(value)?,
            "writeOnly" => data.write_only = boolean(value)?,
            "deprecated" => data.deprecated = boolean(value)?,
            "externalDocs" => data.external_docs = optional(value, by_serde)?,
            "example" => data.example = optional(value, any)?,
            "title" => data.title = optional(value, string)?,
            "description" => data.description = optional(value, string)?,
            "discriminator" => data.discriminator = optional(value, by_serde)?,
            "default" => data.default = optional(value, any)?,
            "type" => keys.typ = optional(value, |node| node.as_str().ok_or(Unread))?,
            "pattern" => keys.pattern = optional(value, string)?,
            "multipleOf" => keys.multiple_of = optional(value, number)?,
            "exclusiveMinimum" => keys.exclusive_minimum = optional(value, boolean)?,
            "exclusiveMaximum" => keys.exclusive_maximum = optional(value, boolean)?,
            "minimum" => keys.minimum = optional(value, number)?,
            "maximum" => keys.maximum = optional(value, number)?,
            "properties" => {
                keys.properties = optional(value, |node| map(node, boxed_or_ref))?;
            }
            "required" => keys.required = optional(value, strings)?,
            "additionalProperties" => {
                keys.additional_properties = optional(value, additional)?;
            }
            "minProperties" => keys.min_properties = optional(value, size)?,
            "maxProperties" => keys.max_properties = optional(value, size)?,
            "items" => keys.items = optional(value, boxed_or_ref)?,
            "minItems" => keys.min_items = optional(value, size)?,
            "maxItems" => keys.max_items = optional(value, size)?,
            "uniqueItems" => keys.unique_items = optional(value, boolean)?,
            "enum" => keys.enumeration = optional(value, |node| node.as_array().ok_or(Unread))?,
            "format" => keys.format = optional(value, string)?,
            "minLength" => keys.min_length = optional(value, size)?,
            "maxLength" => keys.max_length = optional(value, size)?,
            "oneOf" => keys.one_of = optional(value, |node| list(node, schema_or_ref))?,
            "allOf" => keys.all_of = optional(value, |node| list(node, schema_or_ref))?,
            "anyOf" => keys.any_of = optional(value, |node| list(node, schema_or_ref))?,
            "not" => keys.not = optional(value, |node| schema_or_ref(node).map(Box::new))?,
            extension if is_extension(extension) => {
                data.extensions.insert(key.clone(), value.clone());
            }
            _ => {}
        }
    }
    Ok(Schema {
        schema_data: data,
        schema_kind: keys.kind(),
    })
}

/// The kinds of [`Type`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typed {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}

/// Every key that decides a schema's kind, each `None` when missing or
/// `null` (they are all `Option`s in openapiv3's record).
#[derive(Default)]
struct Keys<'a> {
    typ: Option<&'a str>,
    pattern: Option<String>,
    multiple_of: Option<&'a Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<&'a Number>,
    maximum: Option<&'a Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<&'a Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

impl<'a> Keys<'a> {
    /// The keys only a string schema takes.
    fn has_string_keys(&self) -> bool {
        self.pattern.is_some() || self.min_length.is_some() || self.max_length.is_some()
    }

    /// The keys only a number or integer schema takes.
    fn has_number_keys(&self) -> bool {
        self.multiple_of.is_some()
            || self.exclusive_minimum.is_some()
            || self.exclusive_maximum.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
    }

    /// The keys only an object schema takes.
    fn has_object_keys(&self) -> bool {
        self.properties.is_some()
            || self.required.is_some()
            || self.additional_properties.is_some()
            || self.min_properties.is_some()
            || self.max_properties.is_some()
    }

    /// The keys only an array schema takes.
    fn has_array_keys(&self) -> bool {
        self.items.is_some()
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.unique_items.is_some()
    }

    /// How many of `oneOf`, `allOf`, `anyOf` and `not` are present.
    fn compositions(&self) -> usize {
        usize::from(self.one_of.is_some())
            + usize::from(self.all_of.is_some())
            + usize::from(self.any_of.is_some())
            + usize::from(self.not.is_some())
    }

    /// Whether every value of `enum` is `null` or passes `check`.
    fn enum_is(&self, check: fn(&Value) -> bool) -> bool {
        self.enumeration
            .is_none_or(|values| values.iter().all(|value| value.is_null() || check(value)))
    }

    /// The typed kind the keys fit, if any. A typed kind takes its own
    /// keys, and `enum` and `format` where it has them; any other key
    /// makes the schema [`SchemaKind::Any`].
    fn typed(&self) -> Option<Typed> {
        let typed = match self.typ? {
            "string" => Typed::String,
            "number" => Typed::Number,
            "integer" => Typed::Integer,
            "boolean" => Typed::Boolean,
            "object" => Typed::Object,
            "array" => Typed::Array,
            _ => return None,
        };
        let numeric = matches!(typed, Typed::Number | Typed::Integer);
        let whole = |number: Option<&Number>| number.is_none_or(Number::is_i64);
        let fits = self.compositions() == 0
            && (typed == Typed::String || !self.has_string_keys())
            && (numeric || !self.has_number_keys())
            && (typed == Typed::Object || !self.has_object_keys())
            && (typed == Typed::Array || !self.has_array_keys())
            && match typed {
                Typed::String => self.enum_is(Value::is_string),
                Typed::Number => self.enum_is(Value::is_number),
                Typed::Integer => {
                    self.enum_is(Value::is_i64)
                        && whole(self.multiple_of)
                        && whole(self.minimum)
                        && whole(self.maximum)
                }
                Typed::Boolean => self.format.is_none() && self.enum_is(Value::is_boolean),
                Typed::Object | Typed::Array => self.format.is_none() && self.enumeration.is_none(),
            };
        fits.then_some(typed)
    }

    fn kind(self) -> SchemaKind {
        if let Some(typed) = self.typed() {
            return SchemaKind::Type(self.into_type(typed));
        }
        let bare = self.typ.is_none()
            && !self.has_string_keys()
            && !self.has_number_keys()
            && !self.has_object_keys()
            && !self.has_array_keys()
            && self.enumeration.is_none()
            && self.format.is_none()
            && self.compositions() == 1;
        if bare {
            if let Some(one_of) = self.one_of {
                return SchemaKind::OneOf { one_of };
            }
            if let Some(all_of) = self.all_of {
                return SchemaKind::AllOf { all_of };
            }
            if let Some(any_of) = self.any_of {
                return SchemaKind::AnyOf { any_of };
            }
            if let Some(not) = self.not {
                return SchemaKind::Not { not };
            }
        }
        SchemaKind::Any(self.into_any())
    }

    fn into_type(self, typed: Typed) -> Type {
        let values = self.enumeration.map(Vec::as_slice).unwrap_or_default();
        match typed {
            Typed::String => Type::String(StringType {
                format: self.format.into(),
                pattern: self.pattern,
                enumeration: enumerated(values, |value| value.as_str().map(str::to_owned)),
                min_length: self.min_length,
                max_length: self.max_length,
            }),
            Typed::Number => Type::Number(NumberType {
                format: self.format.into(),
                multiple_of: self.multiple_of.and_then(Number::as_f64),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: self.minimum.and_then(Number::as_f64),
                maximum: self.maximum.and_then(Number::as_f64),
                enumeration: enumerated(values, Value::as_f64),
            }),
            Typed::Integer => Type::Integer(IntegerType {
                format: self.format.into(),
                multiple_of: self.multiple_of.and_then(Number::as_i64),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: self.minimum.and_then(Number::as_i64),
                maximum: self.maximum.and_then(Number::as_i64),
                enumeration: enumerated(values, Value::as_i64),
            }),
            Typed::Boolean => Type::Boolean(BooleanType {
                enumeration: enumerated(values, Value::as_bool),
            }),
            Typed::Object => Type::Object(ObjectType {
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
            }),
            Typed::Array => Type::Array(ArrayType {
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items.unwrap_or_default(),
            }),
        }
    }

    fn into_any(self) -> AnySchema {
        AnySchema {
            typ: self.typ.map(str::to_owned),
            pattern: self.pattern,
            multiple_of: self.multiple_of.and_then(Number::as_f64),
            exclusive_minimum: self.exclusive_minimum,
            exclusive_maximum: self.exclusive_maximum,
            minimum: self.minimum.and_then(Number::as_f64),
            maximum: self.maximum.and_then(Number::as_f64),
            properties: self.properties.unwrap_or_default(),
            required: self.required.unwrap_or_default(),
            additional_properties: self.additional_properties,
            min_properties: self.min_properties,
            max_properties: self.max_properties,
            items: self.items,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items,
            enumeration: self.enumeration.cloned().unwrap_or_default(),
            format: self.format,
            min_length: self.min_length,
            max_length: self.max_length,
            one_of: self.one_of.unwrap_or_default(),
            all_of: self.all_of.unwrap_or_default(),
            any_of: self.any_of.unwrap_or_default(),
            not: self.not,
        }
    }
}

/// `additionalProperties`: `true`/`false`, or a schema.
fn additional(node: &Value) -> Read<AdditionalProperties> {
    match node {
        Value::Bool(any) => Ok(AdditionalProperties::Any(*any)),
        _ => schema_or_ref(node).map(|schema| AdditionalProperties::Schema(Box::new(schema))),
    }
}

/// The values of an `enum` already checked by [`Keys::enum_is`]: each
/// converted, so `null` is `None`.
fn enumerated<T>(values: &[Value], convert: fn(&Value) -> Option<T>) -> Vec<Option<T>> {
    values.iter().map(convert).collect()
}
