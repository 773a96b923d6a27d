//! JSON pointers (RFC 6901) into a mutant: every node, removal, and how
//! two pointers relate.

use serde_json::Value;

/// `token` as a pointer token (`~` and `/` escaped).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The pointer of the parent of `pointer` and the (unescaped) last token.
pub fn split(pointer: &str) -> Option<(&str, String)> {
    let at = pointer.rfind('/')?;
    Some((&pointer[..at], unescape(&pointer[at + 1..])))
}

/// How many tokens `pointer` has.
pub fn depth(pointer: &str) -> usize {
    pointer.matches('/').count()
}

/// `ancestor` is `pointer` or one of its ancestors.
pub fn is_ancestor_or_self(ancestor: &str, pointer: &str) -> bool {
    pointer == ancestor
        || (pointer.starts_with(ancestor) && pointer.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

/// Every node of `document`, breadth first (parents before children, the
/// root first as `""`).
pub fn pointers(document: &Value) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut next = 0;
    while next < all.len() {
        let pointer = all[next].clone();
        next += 1;
        match document.pointer(&pointer) {
            Some(Value::Object(map)) => {
                all.extend(map.keys().map(|key| format!("{pointer}/{}", escape(key))));
            }
            Some(Value::Array(items)) => {
                all.extend((0..items.len()).map(|index| format!("{pointer}/{index}")));
            }
            _ => {}
        }
    }
    all
}

/// Removes the node at `pointer`; `None` if there is none (or it is the
/// root).
pub fn remove(document: &mut Value, pointer: &str) -> Option<Value> {
    let (parent, token) = split(pointer)?;
    match document.pointer_mut(parent)? {
        Value::Object(map) => map.shift_remove(&token),
        Value::Array(items) => {
            let index: usize = token.parse().ok()?;
            (index < items.len()).then(|| items.remove(index))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_tokens_and_start_at_the_root() {
        let document = json!({ "a/b": [ { "~": 1 } ] });
        assert_eq!(pointers(&document), ["", "/a~1b", "/a~1b/0", "/a~1b/0/~0"]);
        let mut copy = document.clone();
        assert_eq!(remove(&mut copy, "/a~1b/0/~0"), Some(json!(1)));
        assert!(is_ancestor_or_self("", "/a"));
        assert!(is_ancestor_or_self("/a", "/a/b"));
        assert!(!is_ancestor_or_self("/a", "/ab"));
    }
}
