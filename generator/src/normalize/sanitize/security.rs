//! Security schemes and requirements: made-up scheme types mapped to the
//! ones the typed model reads, and apidog's `combination` schemes replaced
//! by their members.

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostics, Pointer};
use crate::normalize::walk::METHODS;

pub(super) fn sanitize_security_requirements(requirements: &mut Value) -> bool {
    let Value::Array(list) = requirements else {
        return false;
    };
    list.retain_mut(|requirement| {
        let Value::Object(requirement) = requirement else {
            return false;
        };
        requirement.retain(|_, scopes| {
            if let Value::Array(items) = scopes {
                items.retain(Value::is_string);
                true
            } else {
                false
            }
        });
        true
    });
    true
}

/// Rewrites a security scheme into one of the forms the typed model reads;
/// returns whether to keep it. OAuth 2 and OpenID Connect are read as bearer
/// tokens: the SDK is handed a token, it does not run the flows.
pub(super) fn sanitize_security_scheme(
    scheme: &mut Value,
    pointer: &Pointer,
    diagnostics: &mut Diagnostics,
) -> bool {
    let Value::Object(object) = scheme else {
        return false;
    };
    let description = object.get("description").filter(|d| d.is_string()).cloned();
    // Hand-written exports spell the types freely (`apikey`, `Bearer`).
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut clean = Map::new();
    match kind.as_str() {
        "apikey" => {
            let location = object
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or("header")
                .to_ascii_lowercase();
            let location = location.as_str();
            let Some(name) = object.get("name").and_then(Value::as_str) else {
                diagnostics.warn(
                    pointer,
                    "an `apiKey` security scheme needs a `name`; it is ignored",
                );
                return false;
            };
            if !matches!(location, "header" | "query" | "cookie") {
                diagnostics.warn(
                    pointer,
                    format!("an `apiKey` cannot be sent `in: {location}`; it is ignored"),
                );
                return false;
            }
            clean.insert("type".into(), "apiKey".into());
            clean.insert("in".into(), location.into());
            clean.insert("name".into(), name.into());
        }
        // apidog's `jwt` is a bearer token.
        "http" | "bearer" | "basic" | "oauth2" | "openidconnect" | "jwt" => {
            let scheme_name = match kind.as_str() {
                "http" => object
                    .get("scheme")
                    .and_then(Value::as_str)
                    .unwrap_or("bearer")
                    .to_ascii_lowercase(),
                "basic" => "basic".to_owned(),
                _ => "bearer".to_owned(),
            };
            clean.insert("type".into(), "http".into());
            clean.insert("scheme".into(), scheme_name.into());
        }
        other => {
            diagnostics.warn(
                pointer,
                format!("unknown security scheme type `{other}`; the scheme is ignored"),
            );
            return false;
        }
    }
    if let Some(description) = description {
        clean.insert("description".into(), description);
    }
    *object = clean;
    true
}

/// apidog's `combination` scheme groups other schemes that a request sends
/// together. It is not an OpenAPI type: each one is replaced, in every
/// security requirement that names it, by the schemes it names (any string
/// in it that is the name of another scheme). One that names none is
/// dropped with a single warning.
pub(super) fn expand_combinations(root: &mut Map<String, Value>, diagnostics: &mut Diagnostics) {
    let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("securitySchemes"))
    else {
        return;
    };
    let is_combination = |scheme: &Value| {
        scheme
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|kind| kind.eq_ignore_ascii_case("combination"))
    };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| !is_combination(scheme))
        .map(|(name, _)| name.clone())
        .collect();
    let mut members: Vec<(String, Vec<String>)> = Vec::new();
    schemes.retain(|name, scheme| {
        if !is_combination(scheme) {
            return true;
        }
        let mut named: Vec<String> = Vec::new();
        strings_in(scheme, &mut |text| {
            if names.iter().any(|other| other == text) && !named.iter().any(|n| n == text) {
                named.push(text.to_owned());
            }
        });
        if named.is_empty() {
            diagnostics.warn(
                &Pointer::root()
                    .push("components")
                    .push("securitySchemes")
                    .push(name),
                "apidog's `combination` scheme names no other scheme of this spec; requests that \
                 require it are sent without it",
            );
        }
        members.push((name.clone(), named));
        false
    });
    if members.is_empty() {
        return;
    }
    let rewrite = |requirements: &mut Value| {
        let Value::Array(list) = requirements else {
            return;
        };
        for requirement in list.iter_mut() {
            let Value::Object(requirement) = requirement else {
                continue;
            };
            for (combination, named) in &members {
                if requirement.remove(combination).is_some() {
                    for member in named {
                        requirement
                            .entry(member.clone())
                            .or_insert_with(|| Value::Array(Vec::new()));
                    }
                }
            }
        }
    };
    if let Some(security) = root.get_mut("security") {
        rewrite(security);
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            let Value::Object(item) = item else {
                continue;
            };
            for (method, operation) in item.iter_mut() {
                if METHODS.contains(&method.as_str())
                    && let Some(security) = operation.get_mut("security")
                {
                    rewrite(security);
                }
            }
        }
    }
}

/// Calls `found` with every string inside `value`.
fn strings_in(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::String(text) => found(text),
        Value::Array(items) => items.iter().for_each(|item| strings_in(item, found)),
        Value::Object(entries) => entries.values().for_each(|entry| strings_in(entry, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::sanitized;

    #[test]
    fn made_up_security_schemes_are_mapped_or_dropped() {
        let (document, warnings) = sanitized(json!({
            "components": {"securitySchemes": {
                "a": {"type": "bearer", "scheme": "bearer"},
                "b": {"type": "oauth2", "flows": {"authorizationCode": {}}},
                "c": {"type": "magic"}
            }}
        }));
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["a"], json!({"type": "http", "scheme": "bearer"}));
        assert_eq!(schemes["b"], json!({"type": "http", "scheme": "bearer"}));
        assert!(schemes.get("c").is_none());
        assert!(warnings[0].contains("unknown security scheme type `magic`"));
    }

    #[test]
    fn apidog_jwt_is_bearer_and_combinations_become_their_members() {
        let (document, warnings) = sanitized(json!({
            "security": [{"both": []}],
            "paths": {"/a": {"get": {"security": [{"both": [], "token": []}], "responses": {}}}},
            "components": {"securitySchemes": {
                "token": {"type": "jwt"},
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "both": {"type": "combination", "schemes": [{"name": "token"}, {"name": "key"}]},
                "empty": {"type": "combination", "schemes": []}
            }}
        }));
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(
            schemes["token"],
            json!({"type": "http", "scheme": "bearer"})
        );
        assert!(schemes.get("both").is_none() && schemes.get("empty").is_none());
        assert_eq!(document["security"], json!([{"token": [], "key": []}]));
        assert_eq!(
            document["paths"]["/a"]["get"]["security"],
            json!([{"token": [], "key": []}])
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("names no other scheme"),
            "{warnings:?}"
        );
    }
}
