//! Which fields hold data that must never reach a log: card and bank
//! account data (PCI DSS forbids storing a card number in clear, and a card
//! security code at all) and credentials. Such fields print as
//! `"[redacted]"` in `Debug`; the runtime never traces bodies.
//!
//! Some keys are sensitive wherever they appear (`cvc`, `client_secret`).
//! Others are sensitive only inside card or bank data (`number` of a card,
//! not of an invoice): a struct is card or bank data when its Rust name has
//! one of the words of [`PAYMENT_DATA_WORDS`] (`PaymentMethodCard`,
//! `CreatePaymentIntentRequestPaymentMethodDataCard`, `TheCardObject`).
//! `codegen.toml` adds keys (`[redact] fields = ["tax_id", "Customer.phone"]`).

use crate::diagnostics::{Diagnostics, Pointer};

use super::{TypeDef, TypeKind};

/// JSON keys that are secret in any object.
const ALWAYS: &[&str] = &[
    "cvc",
    "cvv",
    "cvc2",
    "cvv2",
    "card_number",
    "pan",
    "pin",
    "account_number",
    "iban",
    "client_secret",
    "secret",
    "secret_key",
    "api_key",
    "password",
    "token",
    "access_token",
    "refresh_token",
];

/// JSON keys that are secret in card or bank data.
const IN_PAYMENT_DATA: &[&str] = &[
    "number",
    "exp_month",
    "exp_year",
    "expiry",
    "expiry_month",
    "expiry_year",
    "expiration",
    "exp",
    "routing_number",
    "sort_code",
    "bsb_number",
];

/// Words of a Rust type name that make it card or bank data.
const PAYMENT_DATA_WORDS: &[&str] = &["Card", "Bank", "Sepa", "Ach", "Bacs", "Becs"];

/// Marks the sensitive fields of `types`; `extra` are the settings'
/// additions. An addition that names no field is reported: it would
/// otherwise protect nothing without anyone noticing.
pub fn mark(types: &mut [TypeDef], extra: &[String], diagnostics: &mut Diagnostics) {
    let mut used = vec![false; extra.len()];
    for def in types.iter_mut() {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        let payment_data = is_payment_data(&def.name);
        for field in &mut structure.fields {
            let key = field.wire_name.as_str();
            let mut sensitive =
                ALWAYS.contains(&key) || (payment_data && IN_PAYMENT_DATA.contains(&key));
            for (entry, used) in extra.iter().zip(used.iter_mut()) {
                let matches = match entry.split_once('.') {
                    Some((type_name, field_key)) => type_name == def.name && field_key == key,
                    None => entry == key,
                };
                if matches {
                    sensitive = true;
                    *used = true;
                }
            }
            field.sensitive = sensitive;
        }
    }
    for (entry, used) in extra.iter().zip(used) {
        if !used {
            diagnostics.warn(
                &Pointer::root(),
                format!(
                    "codegen.toml: `[redact] fields` names `{entry}`, which matches no field \
                     (write a JSON key, or `Type.key` with the generated Rust type name)"
                ),
            );
        }
    }
}

fn is_payment_data(type_name: &str) -> bool {
    words(type_name).any(|word| PAYMENT_DATA_WORDS.contains(&word))
}

/// The words of a PascalCase name: `TheCardObject` → `The`, `Card`, `Object`.
fn words(name: &str) -> impl Iterator<Item = &str> {
    let mut starts: Vec<usize> = name
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(index, _)| index)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([name.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(start, end)| &name[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;
    use crate::ir::{Field, ModuleId, Scalar, Struct, TypeRef};

    fn def(name: &str, keys: &[&str]) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            module: ModuleId(0),
            docs: None,
            role: String::new(),
            origin: Pointer::root(),
            kind: TypeKind::Struct(Struct {
                fields: keys
                    .iter()
                    .map(|key| Field {
                        name: (*key).to_owned(),
                        wire_name: (*key).to_owned(),
                        ty: TypeRef::Scalar(Scalar::String),
                        required: false,
                        docs: None,
                        deprecated: false,
                        boxed: false,
                        sensitive: false,
                        drift: false,
                    })
                    .collect(),
                additional: None,
            }),
        }
    }

    fn sensitive(def: &TypeDef) -> Vec<&str> {
        let TypeKind::Struct(structure) = &def.kind else {
            unreachable!()
        };
        structure
            .fields
            .iter()
            .filter(|field| field.sensitive)
            .map(|field| field.wire_name.as_str())
            .collect()
    }

    #[test]
    fn card_numbers_are_sensitive_only_in_card_data() {
        let mut types = vec![
            def(
                "PaymentMethodDataCard",
                &["number", "exp_month", "cvc", "brand"],
            ),
            def("Invoice", &["number", "client_secret"]),
            def("Cardholder", &["number"]),
            def(
                "BankAccount",
                &["account_number", "routing_number", "country"],
            ),
        ];
        let mut diagnostics = Diagnostics::new(SourceMap::default());
        mark(&mut types, &[], &mut diagnostics);
        assert_eq!(sensitive(&types[0]), ["number", "exp_month", "cvc"]);
        assert_eq!(sensitive(&types[1]), ["client_secret"]);
        assert!(
            sensitive(&types[2]).is_empty(),
            "Cardholder is not the word Card"
        );
        assert_eq!(sensitive(&types[3]), ["account_number", "routing_number"]);
        assert!(diagnostics.warnings().is_empty());
    }

    #[test]
    fn settings_add_keys_and_report_keys_that_match_nothing() {
        let mut types = vec![
            def("Customer", &["phone", "email"]),
            def("Other", &["email"]),
        ];
        let mut diagnostics = Diagnostics::new(SourceMap::default());
        let extra = [
            "Customer.phone".to_owned(),
            "email".to_owned(),
            "Nope.x".to_owned(),
        ];
        mark(&mut types, &extra, &mut diagnostics);
        assert_eq!(sensitive(&types[0]), ["phone", "email"]);
        assert_eq!(sensitive(&types[1]), ["email"]);
        let warnings = diagnostics.warnings();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].to_string().contains("`Nope.x`"),
            "{}",
            warnings[0]
        );
    }
}
