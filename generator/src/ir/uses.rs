//! Walking every type use of an API, for the emitters that ask what the
//! API needs (runtime parts, module features).

use super::{Api, ModuleId, ResponseKind, TypeKind, TypeRef};

impl Api {
    /// Calls `f` with every type use of the API (fields, variants, alias
    /// targets, parameters, bodies and responses), with the module it is
    /// written in. Nested uses (`Vec<T>`) come as written, not unpacked.
    pub fn for_each_type_use(&self, mut f: impl FnMut(ModuleId, &TypeRef)) {
        for def in &self.types {
            match &def.kind {
                TypeKind::Struct(structure) => {
                    for field in &structure.fields {
                        f(def.module, &field.ty);
                    }
                    if let Some(additional) = &structure.additional {
                        f(def.module, &additional.ty);
                    }
                }
                TypeKind::Union(union) => {
                    for variant in &union.variants {
                        f(def.module, &variant.ty);
                    }
                }
                TypeKind::Alias(target) => f(def.module, target),
                TypeKind::Enum(_) => {}
            }
        }
        for operation in &self.operations {
            for param in &operation.params {
                f(operation.module, &param.ty);
            }
            if let Some(body) = &operation.body {
                f(operation.module, &body.ty);
            }
            if let ResponseKind::Json(ty) = &operation.response.kind {
                f(operation.module, ty);
            }
        }
    }
}
