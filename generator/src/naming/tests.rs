//! The naming rules, on the awkward names real specs have.

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
