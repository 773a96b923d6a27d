//! Cursor-paginated list operations, recognised by their shape.

use super::types::Types;
use super::{
    BodyEncoding, Method, Operation, Pagination, ParamLocation, ResponseKind, Scalar, TypeRef,
};

/// A list operation pages when its success response is a struct with a
/// `data` list of items that have a string `id`, and a `has_more` flag, and
/// it takes a `starting_after` cursor (a query parameter, or a field of a
/// body that is sent as the query). That is the shape of the spec, whatever
/// the operation is called.
pub(super) fn detect(types: &Types<'_>, operation: &Operation) -> Option<Pagination> {
    if operation.method != Method::Get {
        return None;
    }
    let ResponseKind::Json(response) = &operation.response.kind else {
        return None;
    };
    let (page, fields) = types.struct_of(non_null(response))?;
    let data = fields.iter().find(|field| field.wire_name == "data")?;
    let TypeRef::Array(item) = non_null(&data.ty) else {
        return None;
    };
    let has_more = fields.iter().find(|field| {
        field.wire_name == "has_more" && non_null(&field.ty) == &TypeRef::Scalar(Scalar::Boolean)
    })?;
    let (item, item_fields) = types.struct_of(item)?;
    let is_text = |ty: &TypeRef| non_null(ty) == &TypeRef::Scalar(Scalar::String);
    let id = item_fields
        .iter()
        .find(|field| field.wire_name == "id" && is_text(&field.ty))?;
    let query_cursor = operation
        .params
        .iter()
        .find(|param| {
            param.location == ParamLocation::Query
                && param.wire_name == "starting_after"
                && is_text(&param.ty)
        })
        .map(|param| (param.name.clone(), false));
    let body_cursor = || {
        let body = operation
            .body
            .as_ref()
            .filter(|body| body.encoding == BodyEncoding::Query)?;
        let (_, body_fields) = types.struct_of(&body.ty)?;
        body_fields
            .iter()
            .find(|field| field.wire_name == "starting_after" && is_text(&field.ty))
            .map(|field| (field.name.clone(), true))
    };
    let (cursor_field, cursor_in_body) = query_cursor.or_else(body_cursor)?;
    Some(Pagination {
        stream_method: String::new(),
        page,
        item,
        data_field: data.name.clone(),
        has_more_field: has_more.name.clone(),
        id_field: id.name.clone(),
        cursor_field,
        cursor_in_body,
    })
}

fn non_null(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner,
        other => other,
    }
}
