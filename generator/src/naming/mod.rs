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
mod tests {
    use super::*;

    /// What [`words`] and [`pascal`] computed before their fast paths:
    /// every name through `deunicode` and `heck`.
    fn words_by_heck(raw: &str) -> Vec<String> {
        let ascii = deunicode::deunicode(raw);
        let spaced: String = ascii
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        let mut words: Vec<String> = spaced
            .split_whitespace()
            .flat_map(|chunk| {
                chunk
                    .to_snake_case()
                    .split('_')
                    .filter(|word| !word.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        if !words.is_empty() {
            let first = words.remove(0);
            words.splice(0..0, split_leading_number(first));
        }
        words
    }

    #[test]
    fn fast_paths_split_and_join_as_heck_does() {
        use heck::ToUpperCamelCase;
        let names = [
            "created_at",
            "line1",
            "3ds_status",
            "9pay",
            "HTTPServer",
            "userID",
            "IPv6Address",
            "a1B2c3",
            "gemini-2.5-pro",
            "Page«User»",
            "用户信息",
            "usuário",
            "café_Menu",
            "ÀÉÎ ok",
            "x_y__z",
            "",
            "  ",
            "tab\tname",
            "\u{7f}del",
            "ABC",
            "aBC",
            "v2_beta",
            "has_more",
            "Payment Method Options",
            "100_continue",
            "__private",
            "Ünïcödé",
        ];
        for name in names {
            let words = words(name);
            assert_eq!(words, words_by_heck(name), "{name:?}");
            assert_eq!(
                pascal(&words),
                words.join(" ").to_upper_camel_case(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn type_names_are_pascal_case_ascii() {
        assert_eq!(type_name("Payment Method Options"), "PaymentMethodOptions");
        assert_eq!(type_name("Page«List«User»»"), "PageListUser");
        assert_eq!(type_name("List[User]"), "ListUser");
        assert_eq!(type_name(" User "), "User");
        assert_eq!(type_name("用户信息"), "YongHuXinXi");
        assert_eq!(type_name("3ds status"), "ThreeDsStatus");
        assert_eq!(type_name("«»"), "Unnamed");
    }

    #[test]
    fn field_names_are_snake_case_and_never_keywords() {
        assert_eq!(field_name("applinkUrl"), "applink_url");
        assert_eq!(field_name("3ds_status"), "three_ds_status");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("created[gt]"), "created_gt");
        assert_eq!(field_name("x-merchant-no"), "x_merchant_no");
        assert_eq!(field_name("24h_volume"), "twenty_four_h_volume");
        assert_eq!(field_name("2024"), "two_zero_two_four");
        assert_eq!(field_name("playground_253"), "playground_253");
        assert_eq!(type_name("gemini-2.5-pro"), "Gemini25Pro");
        assert_eq!(field_name("名称"), "ming_cheng");
    }

    #[test]
    fn variants_spell_out_numbers() {
        assert_eq!(variant_name("9pay"), "NinePay");
        assert_eq!(variant_name("off_session"), "OffSession");
        assert_eq!(variant_name("MINI_APP"), "MiniApp");
        assert_eq!(variant_name("100"), "OneHundred");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("*"), "Other");
    }

    #[test]
    fn modules_come_from_the_last_folder_segment() {
        assert_eq!(
            module_name("API Reference/Payment Intents"),
            "payment_intents"
        );
        assert_eq!(module_name("User"), "user");
        assert_eq!(
            qualified_module_name("API Reference/Payouts/Beneficiary"),
            "payouts_beneficiary"
        );
    }

    #[test]
    fn operations_are_named_from_summaries_without_the_module_noun() {
        let names = |summary: &str, method: &str, path: &str, module: &str| {
            operation_names(None, Some(summary), method, path, module)
        };
        let cancel = names(
            "Cancel a PaymentIntent",
            "post",
            "/v1/payment_intents/{id}/cancel",
            "API Reference/Payment Intents",
        );
        assert_eq!(cancel.methods[0], "cancel");
        assert_eq!(cancel.type_prefixes[0], "CancelPaymentIntent");
        assert_eq!(
            names(
                "List all PaymentIntents",
                "get",
                "/v1/payment_intents",
                "Payment Intents"
            )
            .methods[0],
            "list"
        );
        assert_eq!(
            names(
                "Attach a PaymentMethod to a Customer",
                "post",
                "/x",
                "Payment Methods"
            )
            .methods[0],
            "attach_to_customer"
        );
        assert_eq!(
            names(
                "Retrieve a Customer's PaymentMethod",
                "get",
                "/x",
                "Payment Methods"
            )
            .methods[0],
            "retrieve_customer_payment_method"
        );
        assert_eq!(
            names("get-all", "get", "/users", "Users").methods[0],
            "get_all"
        );
        assert_eq!(
            names("Retrieves a customer", "get", "/c/{id}", "Customers").methods[0],
            "retrieve"
        );
        assert_eq!(
            names("Lists all invoices", "get", "/i", "Invoices").methods[0],
            "list"
        );
        assert_eq!(
            names("Access logs", "get", "/l", "Admin").methods[0],
            "access_logs"
        );
        assert_eq!(
            names("Listar usuários", "get", "/u", "Admin").methods[0],
            "listar_usuarios"
        );
    }

    #[test]
    fn non_latin_summaries_fall_back_to_method_and_path() {
        let names = operation_names(
            None,
            Some("获取用户详情"),
            "get",
            "/api/v1/users/{id}",
            "用户",
        );
        assert_eq!(names.methods, ["get_users_by_id"]);
        assert_eq!(names.type_prefixes, ["GetUsersById"]);
    }

    #[test]
    fn operation_ids_win() {
        let names = operation_names(
            Some("createOrder"),
            Some("Create"),
            "post",
            "/orders",
            "Orders",
        );
        assert_eq!(names.methods[0], "create_order");
        assert_eq!(names.type_prefixes[0], "CreateOrder");
    }

    #[test]
    fn plural_items_are_named_in_the_singular() {
        assert_eq!(item_name("products"), "Product");
        assert_eq!(item_name("payment_method_types"), "PaymentMethodType");
        assert_eq!(item_name("data"), "DataItem");
        assert_eq!(item_name("addresses"), "Address");
        assert_eq!(item_name("categories"), "Category");
        assert_eq!(item_name("status"), "StatusItem");
    }

    #[test]
    fn environments_are_named_from_their_descriptions() {
        assert_eq!(environment_name(Some("Production"), 1), "Production");
        assert_eq!(environment_name(Some("正式环境"), 1), "Production");
        assert_eq!(environment_name(Some("官网测试"), 1), "Test");
        assert_eq!(environment_name(Some("开发环境"), 2), "Development");
        assert_eq!(
            environment_name(Some("https://api.challonge.com/v2.1"), 3),
            "Server3"
        );
        assert_eq!(environment_name(Some("环境"), 4), "Server4");
        assert_eq!(environment_name(None, 5), "Server5");
    }

    #[test]
    fn crate_names_start_with_a_letter() {
        assert_eq!(crate_name("001-midway-chat-api"), "api-001-midway-chat-api");
        assert_eq!(crate_name("WooshPay"), "wooshpay");
        assert_eq!(crate_name("默认模块"), "mo-ren-mo-kuai");
    }

    #[test]
    fn namespaces_number_collisions_in_claim_order() {
        let mut namespace = Namespace::with_reserved(RESERVED_TYPE_NAMES);
        assert_eq!(namespace.claim("User", ""), "User");
        assert_eq!(namespace.claim("User", ""), "User2");
        assert_eq!(namespace.claim("Result", ""), "Result2");
    }
}
