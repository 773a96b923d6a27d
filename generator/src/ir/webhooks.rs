//! Webhook events: their types (an enum) and the object each family of
//! events carries.
//!
//! The object of an event is found from its type: `payment_intent.succeeded`
//! belongs to the family `payment_intent`, whose last word names the
//! component `PaymentIntent`; `charge.refund.updated` to `charge.refund`,
//! which carries a `Refund`. Where the last word names no component, the
//! settings map the family (`[webhooks.objects]`).

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostics, Pointer};
use crate::naming::{self, Namespace};

use super::{Enum, EventObject, ModuleId, TypeDef, TypeId, TypeKind, TypeRef, Variant, Webhooks};

/// The webhook settings, with the event types as an enum and the objects
/// their families carry.
///
/// The event types become a type of the crate's models (`EventType`), so
/// that fields listing event types
/// (`enabled_events` of a webhook endpoint) use it too.
pub fn webhooks(
    config: &Config,
    types: &mut Vec<TypeDef>,
    diagnostics: &mut Diagnostics,
) -> Option<Webhooks> {
    let webhooks = config.webhooks.as_ref()?;
    let mut names = Namespace::with_reserved(&["Unknown"]);
    let variants: Vec<Variant> = webhooks
        .events
        .iter()
        .map(|event| Variant {
            name: names.claim(&naming::variant_name(event), ""),
            value: event.clone(),
            docs: None,
        })
        .collect();
    let event_type = TypeId(types.len());
    types.push(TypeDef {
        // Reserved for this type: no schema can have taken it.
        name: naming::EVENT_TYPE.to_owned(),
        module: ModuleId(0),
        docs: None,
        role:
            "What happened: the `type` of a webhook event. Types this version of the SDK does not \
               know arrive as `Unknown`, so a new event type never breaks reading an event."
                .to_owned(),
        origin: Pointer::root(),
        kind: TypeKind::Enum(Enum {
            variants: variants.clone(),
        }),
    });
    use_event_type(types, event_type);
    let types: &[TypeDef] = types;

    let struct_named = |name: &str| {
        types
            .iter()
            .position(|def| def.name == name && matches!(def.kind, TypeKind::Struct(_)))
            .map(TypeId)
    };
    // Family → type, the settings first.
    let mut families: BTreeMap<String, TypeId> = BTreeMap::new();
    for (family, schema) in &webhooks.objects {
        match struct_named(&naming::type_name(schema)) {
            Some(id) => {
                families.insert(family.trim_end_matches('.').to_owned(), id);
            }
            None => diagnostics.warn(
                &Pointer::root(),
                format!(
                    "codegen.toml: `[webhooks.objects]` maps `{family}` to `{schema}`, \
                     which is not an object schema of the spec"
                ),
            ),
        }
    }
    for event in &webhooks.events {
        let Some((family, _)) = event.rsplit_once('.') else {
            continue;
        };
        if families.contains_key(family) {
            continue;
        }
        let last = family.rsplit('.').next().unwrap_or(family);
        if let Some(id) = struct_named(&naming::type_name(last)) {
            families.insert(family.to_owned(), id);
        }
    }

    // One variant per type, in the order the types are first reached.
    let mut objects: Vec<EventObject> = Vec::new();
    let mut ordered: Vec<(&String, &TypeId)> = families.iter().collect();
    ordered.sort_by_key(|(family, id)| (id.0, *family));
    for (family, id) in ordered {
        let prefix = format!("{family}.");
        match objects.iter_mut().find(|object| object.ty == *id) {
            Some(object) => object.prefixes.push(prefix),
            None => objects.push(EventObject {
                variant: types[id.0].name.clone(),
                prefixes: vec![prefix],
                ty: *id,
            }),
        }
    }
    for object in &mut objects {
        object
            .prefixes
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    }
    Some(Webhooks {
        signature_header: webhooks.signature_header.clone(),
        events: Enum { variants },
        event_type,
        objects,
        tolerance_seconds: webhooks.tolerance_seconds,
        signature: webhooks.signature,
        envelope: webhooks.envelope,
    })
}

/// Fields that list event types (`enabled_events: [string]`) hold
/// `EventType`s.
fn use_event_type(types: &mut [TypeDef], event_type: TypeId) {
    let string = TypeRef::Scalar(super::Scalar::String);
    for def in types.iter_mut() {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        for field in &mut structure.fields {
            if field.wire_name != "enabled_events" {
                continue;
            }
            let list = match &mut field.ty {
                TypeRef::Nullable(inner) => inner.as_mut(),
                other => other,
            };
            if let TypeRef::Array(item) = list
                && **item == string
            {
                **item = TypeRef::Named(event_type);
            }
        }
    }
}
