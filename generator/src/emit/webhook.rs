//! The `webhook` module: the API's event types, and verification of signed
//! deliveries over the runtime's generic implementation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc_attrs;
use super::enum_::enum_;
use super::scope::Scope;
use crate::diagnostics::Pointer;
use crate::ir::{TypeDef, TypeKind, Webhooks};

/// The module's items, for an API whose settings describe its webhooks.
pub fn module(scope: &Scope<'_>, webhooks: &Webhooks, display_name: &str) -> TokenStream {
    let header = &webhooks.signature_header;
    let docs = inner_doc_attrs(&format!(
        "Webhooks of the {display_name} API: checking that a delivery comes from {display_name}, and reading \
         its event.\n\n\
         Verify the raw request body, exactly as received, with the value of its `{header}` header and the \
         signing secret of your webhook endpoint. A delivery is accepted only when one of its signatures \
         matches and it was signed within five minutes of now, so a captured delivery cannot be replayed \
         later. Deliveries may repeat: handle each event id once."
    ));
    let event_type = TypeDef {
        name: "EventType".to_owned(),
        module: scope.module,
        docs: None,
        role: format!(
            "What happened: the `type` of an event. Types this version of the SDK does not know arrive as \
             `Unknown`, so a new event type from {display_name} never breaks reading an event."
        ),
        origin: Pointer::root(),
        kind: TypeKind::Enum(webhooks.events.clone()),
    };
    let TypeKind::Enum(events) = &event_type.kind else {
        unreachable!("built as an enum above")
    };
    let event_type = enum_(scope, &event_type, events);
    let secret = scope.import("crate::runtime", "Secret");
    scope.import("crate::runtime::webhook", "DEFAULT_TOLERANCE");
    let imports = scope.imports();
    let header_docs = format!(" The header {display_name} signs deliveries in.");
    quote! {
        #docs

        #imports
        pub use crate::runtime::webhook::{EventData, MalformedHeader, WebhookError};

        #[doc = #header_docs]
        pub const SIGNATURE_HEADER: &str = #header;

        #event_type

        /// A webhook event; `T` is the type of its object: JSON by default, or
        /// the model of the object the event is about.
        pub type Event<T = serde_json::Value> = crate::runtime::webhook::Event<EventType, T>;

        /// Verifies a delivery and reads its event. `payload` is the raw
        /// request body, `signature` the value of its [`SIGNATURE_HEADER`]
        /// header, `secret` your endpoint's signing secret.
        pub fn construct_event<T: serde::de::DeserializeOwned>(
            payload: &[u8],
            signature: &str,
            secret: &#secret,
        ) -> Result<Event<T>, WebhookError> {
            crate::runtime::webhook::construct_event(payload, signature, secret, DEFAULT_TOLERANCE)
        }

        /// Verifies a delivery without reading it: `Ok(())` when one of its
        /// signatures matches and it was signed within five minutes of now.
        pub fn verify_signature(payload: &[u8], signature: &str, secret: &#secret) -> Result<(), WebhookError> {
            crate::runtime::webhook::verify_signature(payload, signature, secret, DEFAULT_TOLERANCE)
        }
    }
}
