//! Generated tests of what a merchant relies on for safety, one file each:
//!
//! - `tests/redaction.rs`: every sensitive field of every model prints as
//!   `"[redacted]"` in `Debug`, never as its value;
//! - `tests/webhooks.rs`: a signed sample event of each event family is
//!   verified and read as the model of its family.
//!
//! Sample values come from [`super::sample`], so these tests grow with the
//! spec: a new card field or event family brings its own check.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use super::sample::{self, Detail};
use super::scope::{Scope, ident};
use crate::ir::{Scalar, TypeId, TypeKind, TypeRef};

/// `tests/redaction.rs`, if the crate has sensitive fields.
pub fn redaction(scope: &Scope<'_>) -> Option<TokenStream> {
    let tests: Vec<TokenStream> = scope
        .api
        .types
        .iter()
        .enumerate()
        .filter_map(|(index, def)| {
            let TypeKind::Struct(structure) = &def.kind else {
                return None;
            };
            if !structure.fields.iter().any(|field| field.sensitive) {
                return None;
            }
            let id = TypeId(index);
            let Value::Object(mut json) = sample_json(scope, &TypeRef::Named(id)) else {
                return None;
            };
            let mut secrets = Vec::new();
            for (n, field) in structure.fields.iter().filter(|f| f.sensitive).enumerate() {
                let Some(value) = secret_value(scope, &field.ty, n) else {
                    continue;
                };
                secrets.push(match &value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                });
                json.insert(field.wire_name.clone(), value);
            }
            if secrets.is_empty() {
                return None;
            }
            let ty = scope.named(id);
            let name = ident(&crate::naming::redaction_test_name(&def.name));
            let text = Value::Object(json).to_string();
            Some(quote! {
                #[test]
                fn #name() {
                    let value: #ty = serde_json::from_str(#text).expect("the sample decodes");
                    let printed = format!("{value:?}");
                    #(assert!(!printed.contains(#secrets), "a sensitive value is printed: {printed}");)*
                    assert!(printed.contains("[redacted]"), "{printed}");
                }
            })
        })
        .collect();
    if tests.is_empty() {
        return None;
    }
    let imports = scope.imports();
    Some(quote! {
        //! Card data, account numbers and credentials never reach `Debug`
        //! (and so never a log line): one test per model that holds them.

        #imports

        #(#tests)*
    })
}

/// The JSON of a full sample of `ty`. Only the JSON is used, so the
/// sample's expression is built in a scope of its own, whose imports are
/// dropped.
fn sample_json(scope: &Scope<'_>, ty: &TypeRef) -> Value {
    let throwaway = Scope::outside(scope.api, scope.config);
    sample::sample(&throwaway, ty, None, Detail::Full).json
}

/// A value of `ty` that no sample or field name contains, so that finding
/// it in `Debug` output can only mean it leaked; `None` for types whose
/// values cannot be told apart that way.
fn secret_value(scope: &Scope<'_>, ty: &TypeRef, n: usize) -> Option<Value> {
    match ty {
        TypeRef::Nullable(inner) => secret_value(scope, inner, n),
        TypeRef::Scalar(Scalar::String) => Some(Value::String(format!("SENSITIVE-{n}-4242424242"))),
        TypeRef::Scalar(Scalar::Integer) => Some(Value::from(987_654_321_i64 + n as i64)),
        TypeRef::Named(id) => match &scope.api.type_def(*id).kind {
            TypeKind::Alias(target) => secret_value(scope, target, n),
            _ => None,
        },
        _ => None,
    }
}

/// `tests/webhooks.rs`, if the API has event families with models.
pub fn webhooks(scope: &Scope<'_>) -> Option<TokenStream> {
    let webhooks = scope.api.webhooks.as_ref()?;
    let event_object = scope.import("crate::webhook", "EventObject");
    let tests: Vec<TokenStream> = webhooks
        .objects
        .iter()
        .filter_map(|object| {
            let event = webhooks.events.variants.iter().find(|variant| {
                object
                    .prefixes
                    .iter()
                    .any(|prefix| variant.value.starts_with(prefix.as_str()))
            })?;
            let mut data = Map::new();
            data.insert(
                "object".to_owned(),
                sample_json(scope, &TypeRef::Named(object.ty)),
            );
            let mut payload = Map::new();
            payload.insert("id".to_owned(), Value::String("evt_test".to_owned()));
            payload.insert("object".to_owned(), Value::String("event".to_owned()));
            payload.insert("type".to_owned(), Value::String(event.value.clone()));
            payload.insert("data".to_owned(), Value::Object(data));
            let payload = Value::Object(payload).to_string();
            let variant = ident(&object.variant);
            let name = ident(&crate::naming::event_test_name(
                &event.value,
                &object.variant,
            ));
            Some(quote! {
                #[test]
                fn #name() {
                    let event = signed(#payload);
                    assert!(
                        matches!(event.data.object, #event_object::#variant(_)),
                        "{:?}",
                        event.data.object
                    );
                }
            })
        })
        .collect();
    if tests.is_empty() {
        return None;
    }
    let secret = scope.import("crate", "Secret");
    let construct = scope.import("crate::webhook", "construct_event");
    let event = scope.import("crate::webhook", "Event");
    let header = scope.import("crate::runtime::webhook", "signature_header");
    let imports = scope.imports();
    Some(quote! {
        //! A signed sample event of each event family is verified and read as
        //! the model of its family.

        #imports

        /// Signs `payload` now with a test secret and reads it back.
        fn signed(payload: &str) -> #event {
            let secret = #secret::from("whsec_test");
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("the clock is after 1970")
                .as_secs();
            let signature = #header(payload.as_bytes(), &secret, now);
            #construct(payload.as_bytes(), &signature, &secret).expect("a valid delivery")
        }

        #(#tests)*
    })
}
