//! Every Rust identifier the generator makes comes from this module.
//!
//! Spec names are free text: `Payment Method Options`, `Page«User»`,
//! `3ds_status`, `用户信息`, summaries like `Cancel a PaymentIntent` or
//! `获取用户列表`. The rules:
//!
//! - Words are split at non-alphanumeric characters and case changes;
//!   non-ASCII letters are transliterated to ASCII first (`用户` → `yong hu`,
//!   `usuário` → `usuario`), so every identifier is plain ASCII.
//! - A leading number is spelled out (`3ds_status` → `three_ds_status`,
//!   `9pay` → `NinePay`); keywords get a trailing underscore (`type_`).
//! - Operations without an `operationId` are named from their summary with
//!   articles and the module's own noun dropped (`Cancel a PaymentIntent` in
//!   `payment_intents` → `cancel`). A summary in a non-Latin script gives
//!   way to the method and path (`GET /users/{id}` → `get_users_by_id`),
//!   which reads the same to every user of the SDK.
//! - Collisions are resolved in spec order by [`Namespace`], so names are
//!   stable as long as the spec's order is.

use heck::ToSnakeCase;

mod namespace;
mod operations;

pub use namespace::{EVENT_TYPE, Namespace, RESERVED_MODULE_NAMES, RESERVED_TYPE_NAMES};
use operations::is_latin;
pub use operations::{OperationNames, operation_names};

/// The words of a name, lower case and ASCII. A number at the very start
/// is spelled out (an identifier cannot start with a digit); numbers
/// further in stay digits (`playground_253`, `gemini_2_5_pro`).
pub fn words(raw: &str) -> Vec<String> {
    // Every field and type name passes through here: ASCII text is not
    // copied, and a run with no capital letter has no case boundary for
    // `heck` to find, so it is taken as it is.
    let ascii = deunicode::deunicode_with_tofu_cow(raw, "[?]");
    let mut words = Vec::new();
    for chunk in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|chunk| !chunk.is_empty())
    {
        if chunk.bytes().any(|b| b.is_ascii_uppercase()) {
            words.extend(
                chunk
                    .to_snake_case()
                    .split('_')
                    .filter(|word| !word.is_empty())
                    .map(str::to_owned),
            );
        } else {
            words.push(chunk.to_owned());
        }
    }
    if words
        .first()
        .is_some_and(|first| first.starts_with(|c: char| c.is_ascii_digit()))
    {
        let first = words.remove(0);
        words.splice(0..0, split_leading_number(first));
    }
    words
}

/// `3ds` → `three`, `ds`; other words are returned unchanged.
fn split_leading_number(word: String) -> Vec<String> {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return vec![word];
    }
    let mut spelled = number_words(&word[..digits]);
    if digits < word.len() {
        spelled.push(word[digits..].to_owned());
    }
    spelled
}

fn number_words(digits: &str) -> Vec<String> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let value: usize = match digits.parse() {
        Ok(value) if value < 1000 && !(digits.len() > 1 && digits.starts_with('0')) => value,
        _ => {
            return digits
                .chars()
                .map(|digit| ONES[digit.to_digit(10).unwrap_or(0) as usize].to_owned())
                .collect();
        }
    };
    let mut spelled = Vec::new();
    let (hundreds, rest) = (value / 100, value % 100);
    if hundreds > 0 {
        spelled.push(ONES[hundreds].to_owned());
        spelled.push("hundred".to_owned());
    }
    if rest >= 20 {
        spelled.push(TENS[rest / 10].to_owned());
        if rest % 10 > 0 {
            spelled.push(ONES[rest % 10].to_owned());
        }
    } else if rest > 0 || hundreds == 0 {
        spelled.push(ONES[rest].to_owned());
    }
    spelled
}

/// The words (lower-case ASCII letters and digits, as [`words`] gives
/// them) each with a capital first letter, run together.
fn pascal(words: &[String]) -> String {
    let mut name = String::with_capacity(words.iter().map(String::len).sum());
    for word in words {
        let mut letters = word.chars();
        if let Some(first) = letters.next() {
            name.push(first.to_ascii_uppercase());
            name.push_str(letters.as_str());
        }
    }
    name
}

fn snake(words: &[String]) -> String {
    words.join("_")
}

/// Rust keywords (strict, reserved, and edition 2024's `gen`), which cannot
/// be plain identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn unkeyword(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A type name: `Payment Method Options` → `PaymentMethodOptions`. `Self`,
/// the one keyword in Pascal case, becomes `SelfType`.
pub fn type_name(raw: &str) -> String {
    let name = pascal(&words(raw));
    match name.as_str() {
        "" => "Unnamed".to_owned(),
        "Self" => "SelfType".to_owned(),
        _ => name,
    }
}

/// A field, parameter or variable name: `applinkUrl` → `applink_url`,
/// `3ds_status` → `three_ds_status`, `type` → `type_`.
pub fn field_name(raw: &str) -> String {
    let name = snake(&words(raw));
    if name.is_empty() {
        "value".to_owned()
    } else {
        unkeyword(name)
    }
}

/// The name of the struct for a response envelope that the examples show
/// and the schema leaves out: after the type it wraps (`RoleDtoEnvelope`),
/// or, around a value of no named type, the operation's response
/// (`GetRolesAvailableResponse`, from the prefix of its type names).
pub fn envelope_type_name(wrapped: Option<&str>, operation_prefix: &str) -> String {
    match wrapped {
        Some(name) => format!("{name}Envelope"),
        None => format!("{operation_prefix}Response"),
    }
}

/// The setter of an optional field of a generated struct: the field's own
/// name, except where that is the constructor's (`new` → `with_new`).
pub fn setter_name(field: &str) -> String {
    match field {
        "new" => "with_new".to_owned(),
        other => other.to_owned(),
    }
}

/// The generated test that `type_name`'s `Debug` hides its sensitive
/// fields.
pub fn redaction_test_name(type_name: &str) -> String {
    field_name(&format!("{type_name} prints no sensitive value"))
}

/// The generated test that a signed `event` is read as `variant`.
pub fn event_test_name(event: &str, variant: &str) -> String {
    field_name(&format!("{event} events carry a {variant}"))
}

/// An enum variant for a wire value: `off_session` → `OffSession`,
/// `9pay` → `NinePay`, `""` → `Empty`.
pub fn variant_name(raw: &str) -> String {
    let name = pascal(&words(raw));
    if name.is_empty() {
        if raw.is_empty() {
            "Empty".to_owned()
        } else {
            "Other".to_owned()
        }
    } else {
        unkeyword(name)
    }
}

/// A module name from an apifox folder or tag: the last folder segment,
/// `API Reference/Payment Intents` → `payment_intents`.
pub fn module_name(folder: &str) -> String {
    let last = folder
        .rsplit('/')
        .map(str::trim)
        .find(|segment| !segment.is_empty())
        .unwrap_or(folder);
    field_name(last)
}

/// A module name that also names the parent folders, for when the last
/// segment alone collides (`Payouts/Beneficiary` → `payouts_beneficiary`).
pub fn qualified_module_name(folder: &str) -> String {
    let segments: Vec<&str> = folder
        .split('/')
        .map(str::trim)
        .filter(|segment| !segment.is_empty())
        .collect();
    let tail = &segments[segments.len().saturating_sub(2)..];
    field_name(&tail.join(" "))
}

/// A Cargo package name: lower case words joined by `-`, starting with a
/// letter (`001-midway chat` → `api-001-midway-chat`).
pub fn crate_name(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw).to_ascii_lowercase();
    let name = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match name.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => name,
        Some(_) => format!("api-{name}"),
        None => "api".to_owned(),
    }
}

/// The handle type of a module: `payment_intents` → `PaymentIntents`.
pub fn handle_name(module: &str) -> String {
    type_name(module)
}

/// The Rust name of an environment (a server): from its name in the
/// settings or its description when that is Latin text, else by position
/// (`Server1`).
pub fn environment_name(label: Option<&str>, position: usize) -> String {
    // A description that only repeats the URL says nothing.
    let Some(label) = label.filter(|label| !label.contains("://")) else {
        return format!("Server{position}");
    };
    // Chinese descriptions name environments with a few common words.
    const WORDS: [(&str, &str); 9] = [
        ("测试", "Test"),
        ("沙箱", "Sandbox"),
        ("预发", "Staging"),
        ("开发", "Development"),
        ("本地", "Local"),
        ("生产", "Production"),
        ("正式", "Production"),
        ("线上", "Production"),
        ("官网", "Production"),
    ];
    if let Some((_, name)) = WORDS.iter().find(|(word, _)| label.contains(word)) {
        return (*name).to_owned();
    }
    if is_latin(label) {
        type_name(label)
    } else {
        format!("Server{position}")
    }
}

/// The singular of an English plural noun, if `word` looks like one.
pub fn singular(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    let stem = if let Some(stem) = lower.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes", "zes"]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
    {
        lower[..lower.len() - 2].to_owned()
    } else if lower.ends_with('s')
        && !["ss", "us", "is"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
        && lower.len() > 3
    {
        lower[..lower.len() - 1].to_owned()
    } else {
        return None;
    };
    Some(stem)
}

/// The name of the element type of an array field: the field's singular
/// (`products` → `Product`) or, when it has none, `…Item`.
pub fn item_name(field: &str) -> String {
    let mut field_words = words(field);
    match field_words.last().and_then(|last| singular(last)) {
        Some(singular) => {
            field_words.pop();
            field_words.push(singular);
            pascal(&field_words)
        }
        None => {
            field_words.push("item".to_owned());
            pascal(&field_words)
        }
    }
}

/// The cargo feature of a module: its name. Module names are snake case,
/// so only cargo's own `default` can clash; the crate's other features
/// (`rustls-ring`, `all-modules`…) have hyphens.
pub fn module_feature(module: &str) -> String {
    if module == "default" {
        format!("{module}_api")
    } else {
        module.to_owned()
    }
}

#[cfg(test)]
mod tests;
