//! Operation names: from an `operationId`, else the summary without
//! articles and without the module's own noun, else the method and path.

use super::{pascal, singular, snake, unkeyword, words};

/// The candidate names of an operation, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// Method names to try, in order.
    pub methods: Vec<String>,
    /// Prefixes of the operation's own type names to try, in order.
    pub type_prefixes: Vec<String>,
}

/// Names an operation from its `operationId`, its summary, or its method and
/// path. `module` is the title of the operation's module, whose noun the
/// method name leaves out.
pub fn operation_names(
    operation_id: Option<&str>,
    summary: Option<&str>,
    method: &str,
    path: &str,
    module: &str,
) -> OperationNames {
    let path_words = path_words(method, path);
    let path_name = snake(&path_words);
    let mut methods = Vec::new();
    let mut prefixes = Vec::new();
    if let Some(id) = operation_id.filter(|id| is_latin(id) && !words(id).is_empty()) {
        let id_words = words(id);
        methods.push(snake(&id_words));
        prefixes.push(pascal(&id_words));
    } else if let Some(summary) = summary.filter(|summary| is_latin(summary)) {
        let summary_words = summary_words(summary);
        if !summary_words.is_empty() {
            let full = snake(&summary_words);
            if let Some(short) = without_module_noun(summary, &summary_words, module) {
                methods.push(snake(&short));
            }
            methods.push(full);
            prefixes.push(pascal(&summary_words));
        }
    }
    methods.push(path_name);
    prefixes.push(pascal(&path_words));
    OperationNames {
        methods: unique(methods),
        type_prefixes: unique(prefixes),
    }
}

fn unique(names: Vec<String>) -> Vec<String> {
    let mut unique = Vec::new();
    for name in names.into_iter().map(unkeyword) {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
}

/// Whether `text` is written in the Latin script (ASCII, or Latin letters
/// with diacritics), so that its transliteration reads as the original.
pub(super) fn is_latin(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || c.is_whitespace()
            || "’‘“”–—«»·".contains(c)
    }) && text.chars().any(|c| c.is_ascii_alphabetic())
}

const ARTICLES: [&str; 3] = ["a", "an", "the"];

/// The words of a summary without articles, possessive `s`, and an `all`
/// that only quantifies the next word (`List all PaymentIntents`).
fn summary_words(summary: &str) -> Vec<String> {
    let all = words(&summary.replace(['\'', '’'], " "));
    let mut kept = Vec::new();
    for (index, word) in all.iter().enumerate() {
        let next_exists = index + 1 < all.len();
        let is_possessive = word == "s" && index > 0 && summary.contains(['\'', '’']);
        if ARTICLES.contains(&word.as_str()) || is_possessive || (word == "all" && next_exists) {
            continue;
        }
        kept.push(word.clone());
    }
    if let Some(first) = kept.first_mut() {
        *first = imperative(first);
    }
    kept
}

/// Verbs API docs use to title operations.
const VERBS: &[&str] = &[
    "add", "attach", "cancel", "capture", "close", "confirm", "create", "delete", "detach",
    "download", "expire", "fetch", "finalize", "get", "list", "pay", "query", "refund", "remove",
    "retrieve", "search", "send", "update", "upload", "void",
];

/// `Retrieves a customer` titles the same operation as `Retrieve a
/// customer`: a known verb in the third person becomes the imperative.
fn imperative(word: &str) -> String {
    let stem = word
        .strip_suffix("es")
        .filter(|stem| VERBS.contains(stem))
        .or_else(|| word.strip_suffix('s'));
    match stem {
        Some(stem) if VERBS.contains(&stem) => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// The summary's words with the module's noun left out
/// (`cancel payment intent` in `Payment Intents` → `cancel`), unless the
/// noun is owned by another word (`a Customer's PaymentMethod`) or nothing
/// would be left.
fn without_module_noun(
    summary: &str,
    summary_words: &[String],
    module: &str,
) -> Option<Vec<String>> {
    let noun = words(module.rsplit('/').next().unwrap_or(module));
    if noun.is_empty() {
        return None;
    }
    let singular_noun: Vec<String> = noun
        .iter()
        .enumerate()
        .map(|(index, word)| {
            if index + 1 == noun.len() {
                singular(word).unwrap_or_else(|| word.clone())
            } else {
                word.clone()
            }
        })
        .collect();
    if summary.contains("'s ") || summary.contains("’s ") {
        return None;
    }
    for candidate in [&noun, &singular_noun] {
        let len = candidate.len();
        if let Some(start) = summary_words
            .windows(len)
            .position(|window| window == candidate.as_slice())
        {
            let mut rest = summary_words.to_vec();
            rest.drain(start..start + len);
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    None
}

/// The words of a method and path: `POST /api/v1/users/{id}/roles` →
/// `post users by id roles`. `api` and version segments are left out.
fn path_words(method: &str, path: &str) -> Vec<String> {
    let mut result = vec![method.to_ascii_lowercase()];
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        let is_param = segment.starts_with('{') && segment.ends_with('}');
        let segment_words = words(segment.trim_matches(['{', '}']));
        if is_param {
            result.push("by".to_owned());
            result.extend(segment_words);
        } else if !is_version(segment) && segment != "api" {
            result.extend(segment_words);
        }
    }
    result
}

fn is_version(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower.len() > 1
        && lower.starts_with('v')
        && lower[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
}
