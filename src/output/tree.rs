//! A JSON document held as the dumps need it: strings borrowed from the response body where
//! they carry no escapes, objects as vectors with keys sorted and unique (the order and the
//! last-wins rule of Go's `map[string]interface{}`, which is what kubectl holds). Decoding a
//! node into this costs one pass and few allocations; `serde_json::Value` cost a `String` per
//! scalar and a B-tree per object, which was a quarter of `nodes -o yaml`'s time.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

#[derive(Debug, Clone, PartialEq)]
pub enum Tree<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Tree<'a>>),
    /// Keys in byte order, each once.
    Object(Vec<(Cow<'a, str>, Tree<'a>)>),
}

impl<'a> Tree<'a> {
    /// Decodes one JSON document, borrowing from `text` where it can.
    pub fn parse(text: &'a str) -> serde_json::Result<Tree<'a>> {
        serde_json::from_str(text)
    }

    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Tree<'a>> {
        match self {
            Tree::Object(entries) => entries
                .binary_search_by(|(k, _)| k.as_ref().cmp(key))
                .ok()
                .map(|i| &entries[i].1),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            _ => None,
        }
    }

    /// Sets `key` to `value` unless the object already has it.
    pub fn insert_missing(&mut self, key: &'static str, value: Tree<'a>) {
        if let Tree::Object(entries) = self
            && let Err(at) = entries.binary_search_by(|(k, _)| k.as_ref().cmp(key))
        {
            entries.insert(at, (Cow::Borrowed(key), value));
        }
    }

    /// Removes `key` from an object.
    pub fn remove(&mut self, key: &str) {
        if let Tree::Object(entries) = self
            && let Ok(at) = entries.binary_search_by(|(k, _)| k.as_ref().cmp(key))
        {
            entries.remove(at);
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Tree<'a>> {
        match self {
            Tree::Object(entries) => entries
                .binary_search_by(|(k, _)| k.as_ref().cmp(key))
                .ok()
                .map(|i| &mut entries[i].1),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Tree<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree<'de>, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree<'de>, E> {
        Ok(Tree::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree<'de>, E> {
        Ok(Tree::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree<'de>, E> {
        Number::from_f64(v)
            .map(Tree::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Tree<'de>, E> {
        Ok(Tree::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree<'de>, E> {
        Ok(Tree::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree<'de>, E> {
        Ok(Tree::String(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<'de>, A::Error> {
        let mut entries: Vec<(Cow<'de, str>, Tree<'de>)> = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            entries.push((key.0, map.next_value()?));
        }
        Ok(Tree::Object(sorted_unique(entries)))
    }
}

/// A key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Sorts by key (stable) and keeps the last of equal keys, as a Go map decoded from the same
/// text would.
fn sorted_unique<'a>(mut entries: Vec<(Cow<'a, str>, Tree<'a>)>) -> Vec<(Cow<'a, str>, Tree<'a>)> {
    if entries.windows(2).all(|w| w[0].0 < w[1].0) {
        return entries;
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    if entries.windows(2).all(|w| w[0].0 != w[1].0) {
        return entries;
    }
    let mut unique: Vec<(Cow<'a, str>, Tree<'a>)> = Vec::with_capacity(entries.len());
    for entry in entries {
        match unique.last_mut() {
            Some(last) if last.0 == entry.0 => *last = entry,
            _ => unique.push(entry),
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_and_last_duplicate_wins() {
        let t = Tree::parse(r#"{"b":1,"a":{"y":true,"x":null},"b":2}"#).unwrap();
        let Tree::Object(entries) = &t else { panic!() };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(t.get("b"), Some(&Tree::Number(2.into())));
        assert_eq!(t.get("a").and_then(|a| a.get("x")), Some(&Tree::Null));
    }

    #[test]
    fn plain_strings_are_borrowed_escaped_ones_owned() {
        let t = Tree::parse(r#"["plain","tab\there"]"#).unwrap();
        let Tree::Array(items) = t else { panic!() };
        assert!(matches!(&items[0], Tree::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Tree::String(Cow::Owned(s)) if s == "tab\there"));
    }

    #[test]
    fn edits_keep_the_order() {
        let mut t =
            Tree::parse(r#"{"metadata":{"name":"n","managedFields":[]},"status":{}}"#).unwrap();
        t.insert_missing("kind", Tree::String("Node".into()));
        t.insert_missing("apiVersion", Tree::String("v1".into()));
        t.insert_missing("kind", Tree::String("Other".into()));
        t.get_mut("metadata").unwrap().remove("managedFields");
        let Tree::Object(entries) = &t else { panic!() };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["apiVersion", "kind", "metadata", "status"]);
        assert_eq!(t.get("kind").and_then(Tree::as_str), Some("Node"));
        assert_eq!(t.get("metadata").and_then(|m| m.get("managedFields")), None);
    }

    #[test]
    fn numbers_keep_their_kind() {
        let t = Tree::parse(r#"[1, -1, 18446744073709551615, 2.5]"#).unwrap();
        let Tree::Array(items) = t else { panic!() };
        let n = |i: usize| match &items[i] {
            Tree::Number(n) => n.clone(),
            _ => panic!(),
        };
        assert_eq!(n(0).as_u64(), Some(1));
        assert_eq!(n(1).as_i64(), Some(-1));
        assert_eq!(n(2).as_u64(), Some(u64::MAX));
        assert_eq!(n(3).as_f64(), Some(2.5));
    }
}
