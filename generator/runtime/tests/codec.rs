//! The field codecs: exact decimals, whole floats, lenient arrays and
//! objects, and drifting scalars, read and written through serde as the
//! generated models use them.
#![cfg(feature = "decimal")]

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Payment {
    #[serde(with = "sdk_runtime::codec::decimal")]
    amount: Decimal,
    #[serde(
        default,
        with = "sdk_runtime::codec::decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fee: Option<Decimal>,
    #[serde(default, deserialize_with = "sdk_runtime::codec::lenient::option")]
    methods: Option<Vec<String>>,
}

#[test]
fn decimals_are_exact_from_numbers_and_strings() {
    let big = "12345678901234567.89";
    let payment: Payment = serde_json::from_str(&format!(
        r#"{{"amount": {big}, "fee": "0.10", "methods": null}}"#
    ))
    .unwrap();
    assert_eq!(payment.amount, Decimal::from_str(big).unwrap());
    assert_eq!(payment.fee, Some(Decimal::from_str("0.10").unwrap()));
    assert_eq!(
        serde_json::to_string(&payment).unwrap(),
        r#"{"amount":12345678901234567.89,"fee":0.1,"methods":null}"#
    );
}

#[test]
fn whole_floats_are_written_as_integers() {
    #[derive(Serialize)]
    struct Video {
        #[serde(with = "sdk_runtime::codec::float")]
        seconds: f64,
        #[serde(with = "sdk_runtime::codec::float::option")]
        customer: Option<f64>,
        #[serde(with = "sdk_runtime::codec::float")]
        ratio: f64,
    }
    let video = Video {
        seconds: 5.0,
        customer: Some(1994632444.0),
        ratio: 1.5,
    };
    assert_eq!(
        serde_json::to_string(&video).unwrap(),
        r#"{"seconds":5,"customer":1994632444,"ratio":1.5}"#
    );
}

#[test]
fn nested_decimals_are_exact() {
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Prices {
        #[serde(default, with = "sdk_runtime::codec::decimal")]
        tiers: Option<BTreeMap<String, Vec<Option<Decimal>>>>,
    }
    let text = r#"{"tiers":{"eur":[12345678901234567.89,null,"0.1"]}}"#;
    let prices: Prices = serde_json::from_str(text).unwrap();
    let tiers = &prices.tiers.as_ref().unwrap()["eur"];
    assert_eq!(
        tiers[0],
        Some(Decimal::from_str("12345678901234567.89").unwrap())
    );
    assert_eq!(tiers[1], None);
    assert_eq!(
        serde_json::to_string(&prices).unwrap(),
        r#"{"tiers":{"eur":[12345678901234567.89,null,0.1]}}"#
    );
    let missing: Prices = serde_json::from_str("{}").unwrap();
    assert_eq!(missing.tiers, None);
}

#[test]
fn json_encoded_strings_decode() {
    let payment: Payment =
        serde_json::from_str(r#"{"amount": 1, "methods": "[\"card\",\"alipay\"]"}"#).unwrap();
    assert_eq!(
        payment.methods,
        Some(vec!["card".to_owned(), "alipay".to_owned()])
    );
    let payment: Payment = serde_json::from_str(r#"{"amount": 1, "methods": ["card"]}"#).unwrap();
    assert_eq!(payment.methods, Some(vec!["card".to_owned()]));
    let payment: Payment = serde_json::from_str(r#"{"amount": 1, "methods": ""}"#).unwrap();
    assert_eq!(payment.methods, None);
    assert!(serde_json::from_str::<Payment>(r#"{"amount": "abc"}"#).is_err());
}

#[derive(Debug, PartialEq, Deserialize)]
struct Drifted {
    #[serde(deserialize_with = "sdk_runtime::codec::drift::deserialize")]
    code: String,
    #[serde(default, deserialize_with = "sdk_runtime::codec::drift::deserialize")]
    page: Option<i64>,
    #[serde(default, deserialize_with = "sdk_runtime::codec::drift::deserialize")]
    price: Option<f64>,
}

#[test]
fn drifting_scalars_are_read_in_either_form() {
    let numbers: Drifted =
        serde_json::from_str(r#"{"code": 42, "page": "3", "price": "9.5"}"#).unwrap();
    let texts: Drifted =
        serde_json::from_str(r#"{"code": "42", "page": 3, "price": 9.5}"#).unwrap();
    assert_eq!(numbers, texts);
    assert_eq!(numbers.code, "42");
    let missing: Drifted = serde_json::from_str(r#"{"code": 1.5, "page": null}"#).unwrap();
    assert_eq!(
        (missing.code.as_str(), missing.page, missing.price),
        ("1.5", None, None)
    );
    for bad in [
        r#"{"code": true}"#,
        r#"{"code": "x", "page": "three"}"#,
        r#"{"code": "x", "page": 1.5}"#,
    ] {
        assert!(serde_json::from_str::<Drifted>(bad).is_err(), "{bad}");
    }
}

/// The `Writer`s the written-out `Serialize` impls use write exactly what
/// the codecs' `serialize` functions (`#[serde(serialize_with)]`) write.
#[test]
fn writers_write_as_the_serialize_functions() {
    use sdk_runtime::codec::{decimal, float};
    use sdk_runtime::object::written;

    fn json(value: impl Serialize) -> String {
        serde_json::to_string(&value).unwrap()
    }
    /// What a `serialize_with` function writes.
    fn with(
        write: impl FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>) -> serde_json::Result<()>,
    ) -> String {
        let mut out = Vec::new();
        write(&mut serde_json::Serializer::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }
    let amount = Decimal::from_str("12345678901234567.89").unwrap();
    let nested = vec![Some(amount), None];
    let written_amount = json(written(&amount, decimal::Writer));
    assert_eq!(written_amount, "12345678901234567.89");
    assert_eq!(written_amount, with(|s| decimal::serialize(&amount, s)));
    let written_nested = json(written(&nested, decimal::Writer));
    assert_eq!(written_nested, "[12345678901234567.89,null]");
    assert_eq!(written_nested, with(|s| decimal::serialize(&nested, s)));
    for value in [5.0, 1.5, -0.0, 1e300] {
        assert_eq!(
            json(written(&value, float::Writer)),
            with(|s| float::serialize(&value, s))
        );
    }
    assert_eq!(json(written(&5.0, float::Writer)), "5");
    for value in [Some(7.0), Some(0.25), None] {
        assert_eq!(
            json(written(&value, float::option::Writer)),
            with(|s| float::option::serialize(&value, s))
        );
    }
    assert_eq!(json(written(&None, float::option::Writer)), "null");
}
