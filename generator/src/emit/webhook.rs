//! The `webhook` module: the API's event types, and verification of signed
//! deliveries over the runtime's generic implementation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, inner_doc_attrs};
use super::scope::Scope;
use super::syntax::ident;
use crate::config::{Envelope, SignatureScheme};
use crate::ir::{TypeRef, Webhooks};

/// The module's items, for an API whose settings describe its webhooks.
pub fn module(scope: &Scope<'_>, webhooks: &Webhooks, display_name: &str) -> TokenStream {
    let header = &webhooks.signature_header;
    // The enum is one of the models (fields such as `enabled_events` use it);
    // it is at home here too.
    let def = scope.api.type_def(webhooks.event_type);
    let module = ident(&scope.api.module(def.module).name);
    let name = ident(&def.name);
    let event_type = quote!(pub use crate::#module::#name;);
    let event_object = event_object(scope, webhooks);
    let (envelope, envelope_exports) = match webhooks.envelope {
        Envelope::Stripe => (
            quote!(crate::runtime::webhook::Event),
            quote!(
                pub use crate::runtime::webhook::EventData;
            ),
        ),
        Envelope::Named => (quote!(crate::runtime::webhook::NamedEvent), quote!()),
    };
    let (docs, verification) = match webhooks.signature {
        SignatureScheme::HmacSha256 => hmac(scope, webhooks, display_name, &envelope, &name),
        SignatureScheme::RsaSha256 => rsa(display_name, &envelope, &name),
    };
    let imports = scope.imports();
    let header_docs = format!(" The header {display_name} signs deliveries in.");
    quote! {
        #docs

        #imports
        pub use crate::runtime::webhook::WebhookError;
        #envelope_exports

        #[doc = #header_docs]
        pub const SIGNATURE_HEADER: &str = #header;

        #event_type

        #event_object

        /// A webhook event, with its object read as the model of its
        /// family ([`EventObject`]).
        pub type Event = #envelope<#name, EventObject>;

        #verification
    }
}

/// The module docs and verification of deliveries signed in Stripe's way:
/// an HMAC of the signing time and the body, keyed by the endpoint's secret.
fn hmac(
    scope: &Scope<'_>,
    webhooks: &Webhooks,
    display_name: &str,
    envelope: &TokenStream,
    event_type: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    let header = &webhooks.signature_header;
    let docs = inner_doc_attrs(&format!(
        "Webhooks of the {display_name} API: checking that a delivery comes from {display_name}, and reading \
         its event.\n\n\
         Verify the raw request body, exactly as received, with the value of its `{header}` header and the \
         signing secret of your webhook endpoint. A delivery is accepted only when one of its signatures \
         matches and it was signed within five minutes of now, so a captured delivery cannot be replayed \
         later. Deliveries may repeat: handle each event id once."
    ));
    let secret = scope.import("crate::runtime", "Secret");
    let tolerance = webhooks.tolerance_seconds;
    let tolerance_docs = format!(
        " How far a delivery's signature time may be from now: {tolerance} seconds, unless you pass \
         another tolerance to [`construct_event_with_tolerance`]."
    );
    let items = quote! {
        pub use crate::runtime::webhook::MalformedHeader;
        use std::time::Duration;

        #[doc = #tolerance_docs]
        pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(#tolerance);

        /// Verifies a delivery and reads its event. `payload` is the raw
        /// request body, `signature` the value of its [`SIGNATURE_HEADER`]
        /// header, `secret` your endpoint's signing secret. The signature
        /// must be at most [`DEFAULT_TOLERANCE`] old.
        pub fn construct_event(
            payload: &[u8],
            signature: &str,
            secret: &#secret,
        ) -> Result<Event, WebhookError> {
            construct_event_with_tolerance(payload, signature, secret, DEFAULT_TOLERANCE)
        }

        /// [`construct_event`] with another tolerance for the signature's
        /// age (a longer one for deliveries that sat in a queue).
        pub fn construct_event_with_tolerance(
            payload: &[u8],
            signature: &str,
            secret: &#secret,
            tolerance: Duration,
        ) -> Result<Event, WebhookError> {
            crate::runtime::webhook_hmac::verify_signature(payload, signature, secret, tolerance)?;
            let event: #envelope<#event_type> = crate::runtime::webhook::read_event(payload)?;
            Ok(event.map_object(EventObject::read))
        }

        /// Verifies a delivery without reading it: `Ok(())` when one of its
        /// signatures matches and it was signed within [`DEFAULT_TOLERANCE`].
        pub fn verify_signature(payload: &[u8], signature: &str, secret: &#secret) -> Result<(), WebhookError> {
            crate::runtime::webhook_hmac::verify_signature(payload, signature, secret, DEFAULT_TOLERANCE)
        }
    };
    (docs, items)
}

/// The module docs and verification of deliveries signed with the
/// provider's RSA key.
fn rsa(
    display_name: &str,
    envelope: &TokenStream,
    event_type: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    let docs = inner_doc_attrs(&format!(
        "Webhooks of the {display_name} API: checking that a delivery comes from {display_name}, and reading \
         its event.\n\n\
         {display_name} signs each delivery with its RSA key. Verify the raw request body, exactly as \
         received, with the value of its [`SIGNATURE_HEADER`] header and {display_name}'s public key from \
         your dashboard ([`PublicKey::parse`] reads it as shown there, or as PEM). A form body \
         (`data=…`, older API versions) is read from its `data` field. The signature holds no time, so \
         nothing stops a captured delivery from being sent again: deliveries may repeat anyway, so \
         handle each event id once."
    ));
    let items = quote! {
        pub use crate::runtime::webhook_rsa::{KeyError, PublicKey};

        /// Verifies a delivery and reads its event. `payload` is the raw
        /// request body, `signature` the value of its [`SIGNATURE_HEADER`]
        /// header, `key` the provider's public key.
        pub fn construct_event(
            payload: &[u8],
            signature: &str,
            key: &PublicKey,
        ) -> Result<Event, WebhookError> {
            let json = crate::runtime::webhook_rsa::verify_signature(payload, signature, key)?;
            let event: #envelope<#event_type> = crate::runtime::webhook::read_event(&json)?;
            Ok(event.map_object(EventObject::read))
        }

        /// Verifies a delivery without reading it: `Ok(())` when its
        /// signature matches the body and the key.
        pub fn verify_signature(payload: &[u8], signature: &str, key: &PublicKey) -> Result<(), WebhookError> {
            crate::runtime::webhook_rsa::verify_signature(payload, signature, key).map(drop)
        }
    };
    (docs, items)
}

/// `EventObject`: the object of an event as the model its family carries,
/// with the JSON kept as it came for families without a model, and for
/// objects that do not decode as their model (so nothing is lost).
fn event_object(scope: &Scope<'_>, webhooks: &Webhooks) -> TokenStream {
    let value = scope.import("serde_json", "Value");
    let name = ident(&scope.api.type_def(webhooks.event_type).name);
    let variants = webhooks.objects.iter().map(|object| {
        let variant = ident(&object.variant);
        let ty = scope.ty(&TypeRef::Named(object.ty));
        let families: Vec<String> = object
            .prefixes
            .iter()
            .map(|prefix| format!("`{prefix}*`"))
            .collect();
        let docs = doc_attrs(&format!("The object of {} events.", families.join(", ")));
        // Boxed: models are large next to `Unknown`, and an event is read
        // once per delivery.
        quote! {
            #docs
            #variant(Box<#ty>),
        }
    });
    // Longest prefixes first, so `charge.refund.` wins over `charge.`.
    let mut arms: Vec<(&String, &crate::ir::EventObject)> = webhooks
        .objects
        .iter()
        .flat_map(|object| object.prefixes.iter().map(move |prefix| (prefix, object)))
        .collect();
    arms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let arms = arms.into_iter().map(|(prefix, object)| {
        let variant = ident(&object.variant);
        quote! {
            if kind.starts_with(#prefix) {
                return match serde::Deserialize::deserialize(&object) {
                    Ok(model) => Self::#variant(Box::new(model)),
                    Err(_) => Self::Unknown(object),
                };
            }
        }
    });
    quote! {
        /// The object an event is about, as the model of its event family.
        /// An object of a family this SDK has no model for, or one that does
        /// not decode as its model, is kept as JSON in `Unknown`.
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum EventObject {
            #(#variants)*
            /// The object as JSON.
            Unknown(#value),
        }

        impl EventObject {
            /// Reads `object` as the model of the family of `kind`.
            pub fn read(kind: &#name, object: #value) -> Self {
                let kind = kind.as_str();
                #(#arms)*
                Self::Unknown(object)
            }
        }
    }
}
