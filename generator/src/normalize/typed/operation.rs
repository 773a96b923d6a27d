//! Path items and what they hold (operations, parameters, bodies,
//! responses, headers), read as openapiv3 reads them: the nodes on the way
//! from the document to its schemas.

use indexmap::IndexMap;
use openapiv3::{
    Header, MediaType, Operation, Parameter, ParameterData, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody, Response, Responses, StatusCode,
};
use serde_json::Value;

use super::fields::{
    Object, Read, Unread, any, boolean, by_serde, list, map, reference_or, string, strings,
};
use super::schema::schema_or_ref;

pub fn path_item(node: &Value) -> Read<PathItem> {
    let object = Object::of(node)?;
    Ok(PathItem {
        summary: object.optional("summary", string)?,
        description: object.optional("description", string)?,
        get: object.optional("get", operation)?,
        put: object.optional("put", operation)?,
        post: object.optional("post", operation)?,
        delete: object.optional("delete", operation)?,
        options: object.optional("options", operation)?,
        head: object.optional("head", operation)?,
        patch: object.optional("patch", operation)?,
        trace: object.optional("trace", operation)?,
        servers: object.or_default("servers", by_serde)?,
        parameters: object.or_default("parameters", parameters)?,
        extensions: object.extensions(),
    })
}

fn operation(node: &Value) -> Read<Operation> {
    let object = Object::of(node)?;
    Ok(Operation {
        tags: object.or_default("tags", strings)?,
        summary: object.optional("summary", string)?,
        description: object.optional("description", string)?,
        external_docs: object.optional("externalDocs", by_serde)?,
        operation_id: object.optional("operationId", string)?,
        parameters: object.or_default("parameters", parameters)?,
        request_body: object.optional("requestBody", |node| reference_or(node, request_body))?,
        responses: object.required("responses", responses)?,
        callbacks: object.or_default("callbacks", by_serde)?,
        deprecated: object.or_default("deprecated", boolean)?,
        security: object.optional("security", by_serde)?,
        servers: object.or_default("servers", by_serde)?,
        extensions: object.extensions(),
    })
}

/// A path item's or operation's parameters.
fn parameters(node: &Value) -> Read<Vec<ReferenceOr<Parameter>>> {
    list(node, |node| reference_or(node, parameter))
}

/// A parameter: openapiv3 tells the four kinds apart by `in`.
pub fn parameter(node: &Value) -> Read<Parameter> {
    let object = Object::of(node)?;
    let parameter_data = parameter_data(object)?;
    match object.raw("in").and_then(Value::as_str).ok_or(Unread)? {
        "query" => Ok(Parameter::Query {
            parameter_data,
            allow_reserved: object.or_default("allowReserved", boolean)?,
            style: object.or_default("style", by_serde)?,
            allow_empty_value: object.optional("allowEmptyValue", boolean)?,
        }),
        "header" => Ok(Parameter::Header {
            parameter_data,
            style: object.or_default("style", by_serde)?,
        }),
        "path" => Ok(Parameter::Path {
            parameter_data,
            style: object.or_default("style", by_serde)?,
        }),
        "cookie" => Ok(Parameter::Cookie {
            parameter_data,
            style: object.or_default("style", by_serde)?,
        }),
        _ => Err(Unread),
    }
}

fn parameter_data(object: Object<'_>) -> Read<ParameterData> {
    Ok(ParameterData {
        name: object.required("name", string)?,
        description: object.optional("description", string)?,
        required: object.or_default("required", boolean)?,
        deprecated: object.optional("deprecated", boolean)?,
        format: schema_or_content(object)?,
        example: object.optional("example", any)?,
        examples: object.or_default("examples", by_serde)?,
        explode: object.optional("explode", boolean)?,
        extensions: object.extensions(),
    })
}

/// A parameter's or header's `schema` or `content`: exactly one of them
/// (openapiv3 takes the first of two; such a node is left to it).
fn schema_or_content(object: Object<'_>) -> Read<ParameterSchemaOrContent> {
    match (object.raw("schema"), object.raw("content")) {
        (Some(schema), None) => schema_or_ref(schema).map(ParameterSchemaOrContent::Schema),
        (None, Some(content)) => map(content, media_type).map(ParameterSchemaOrContent::Content),
        _ => Err(Unread),
    }
}

pub fn request_body(node: &Value) -> Read<RequestBody> {
    let object = Object::of(node)?;
    Ok(RequestBody {
        description: object.optional("description", string)?,
        content: object.or_default("content", |node| map(node, media_type))?,
        required: object.or_default("required", boolean)?,
        extensions: object.extensions(),
    })
}

fn media_type(node: &Value) -> Read<MediaType> {
    let object = Object::of(node)?;
    Ok(MediaType {
        schema: object.optional("schema", schema_or_ref)?,
        example: object.optional("example", any)?,
        examples: object.or_default("examples", by_serde)?,
        encoding: object.or_default("encoding", by_serde)?,
        extensions: object.extensions(),
    })
}

/// An operation's responses: `default`, and every key that reads as a
/// status code (`200`, `4XX`); openapiv3 skips the other keys, `default`
/// among them.
fn responses(node: &Value) -> Read<Responses> {
    let object = Object::of(node)?;
    let mut responses = IndexMap::new();
    for (key, value) in object.entries() {
        if let Some(code) = status_code(key) {
            responses.insert(code, reference_or(value, response)?);
        }
    }
    Ok(Responses {
        default: object.optional("default", |node| reference_or(node, response))?,
        responses,
        extensions: object.extensions(),
    })
}

pub fn response(node: &Value) -> Read<Response> {
    let object = Object::of(node)?;
    Ok(Response {
        description: object.required("description", string)?,
        headers: object.or_default("headers", |node| {
            map(node, |node| reference_or(node, header))
        })?,
        content: object.or_default("content", |node| map(node, media_type))?,
        links: object.or_default("links", by_serde)?,
        extensions: object.extensions(),
    })
}

pub fn header(node: &Value) -> Read<Header> {
    let object = Object::of(node)?;
    Ok(Header {
        description: object.optional("description", string)?,
        style: object.or_default("style", by_serde)?,
        required: object.or_default("required", boolean)?,
        deprecated: object.optional("deprecated", boolean)?,
        format: schema_or_content(object)?,
        example: object.optional("example", any)?,
        examples: object.or_default("examples", by_serde)?,
        extensions: object.extensions(),
    })
}

/// A key of `responses` as openapiv3's `StatusCode` reads it: three
/// characters, either a number from 100 to 999 or a digit and `XX` (in
/// either case).
fn status_code(key: &str) -> Option<StatusCode> {
    if key.len() != 3 {
        return None;
    }
    if let Ok(number) = key.parse::<u16>() {
        return (100..1000)
            .contains(&number)
            .then_some(StatusCode::Code(number));
    }
    match key.as_bytes() {
        [digit @ b'0'..=b'9', x, y]
            if x.eq_ignore_ascii_case(&b'X') && y.eq_ignore_ascii_case(&b'X') =>
        {
            Some(StatusCode::Range(u16::from(digit - b'0')))
        }
        _ => None,
    }
}
