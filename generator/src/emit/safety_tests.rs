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
use super::scope::Scope;
use super::syntax::ident;
use crate::config::{Envelope, SignatureScheme};
use crate::ir::{Scalar, TypeId, TypeKind, TypeRef};

/// The runtime's test key pair (`generator/runtime/tests/fixtures`), which
/// signs sample deliveries in the tests of APIs that sign with RSA.
const RSA_TEST_KEY: &str = include_str!("../../runtime/tests/fixtures/rsa-test-key.pkcs8.txt");
const RSA_TEST_PUBLIC_KEY: &str =
    include_str!("../../runtime/tests/fixtures/rsa-test-key.spki.txt");

/// A fixture's base64, without its comment lines.
fn test_key(fixture: &str) -> String {
    fixture
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect()
}

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
            let object_json = sample_json(scope, &TypeRef::Named(object.ty));
            let mut payload = Map::new();
            payload.insert("id".to_owned(), Value::String("evt_test".to_owned()));
            let object_path = match webhooks.envelope {
                Envelope::Stripe => {
                    payload.insert("object".to_owned(), Value::String("event".to_owned()));
                    payload.insert("type".to_owned(), Value::String(event.value.clone()));
                    let mut data = Map::new();
                    data.insert("object".to_owned(), object_json);
                    payload.insert("data".to_owned(), Value::Object(data));
                    quote!(event.data.object)
                }
                Envelope::Named => {
                    payload.insert("name".to_owned(), Value::String(event.value.clone()));
                    payload.insert("data".to_owned(), object_json);
                    quote!(event.data)
                }
            };
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
                        matches!(#object_path, #event_object::#variant(_)),
                        "{:?}",
                        #object_path
                    );
                }
            })
        })
        .collect();
    if tests.is_empty() {
        return None;
    }
    let event = scope.import("crate::webhook", "Event");
    let signed = match webhooks.signature {
        SignatureScheme::HmacSha256 => {
            let secret = scope.import("crate", "Secret");
            let construct = scope.import("crate::webhook", "construct_event");
            let header = scope.import("crate::runtime::webhook_hmac", "signature_header");
            quote! {
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
            }
        }
        SignatureScheme::RsaSha256 => {
            let construct = scope.import("crate::webhook", "construct_event");
            let public_key = scope.import("crate::webhook", "PublicKey");
            let sign = scope.import("crate::runtime::webhook_rsa", "sign");
            let (private, public) = (test_key(RSA_TEST_KEY), test_key(RSA_TEST_PUBLIC_KEY));
            quote! {
                /// A key pair made for these tests only (PKCS#8 and
                /// SubjectPublicKeyInfo, base64): it protects nothing.
                const TEST_PRIVATE_KEY: &str = #private;
                const TEST_PUBLIC_KEY: &str = #public;

                /// Signs `payload` with the test key and reads it back.
                fn signed(payload: &str) -> #event {
                    use base64::Engine as _;
                    let private = base64::engine::general_purpose::STANDARD
                        .decode(TEST_PRIVATE_KEY)
                        .expect("base64");
                    let signature = #sign(payload.as_bytes(), &private).expect("an RSA key");
                    let key = #public_key::parse(TEST_PUBLIC_KEY).expect("a public key");
                    #construct(payload.as_bytes(), &signature, &key).expect("a valid delivery")
                }
            }
        }
    };
    let imports = scope.imports();
    Some(quote! {
        //! A signed sample event of each event family is verified and read as
        //! the model of its family.

        #imports

        #signed

        #(#tests)*
    })
}
