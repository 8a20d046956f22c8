//! JSON as kubectl prints it (Go's `json.MarshalIndent` with four spaces): keys sorted,
//! `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, so our output diffs clean against
//! kubectl's.

use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};

/// Appends `value`, pretty-printed with four-space indentation, every line after the first
/// prefixed by `indent` spaces (for items inside a streamed `List`).
pub fn write_pretty(value: &serde_json::Value, indent: usize, out: &mut Vec<u8>) {
    let mut buf = Vec::with_capacity(4096);
    let mut ser = Serializer::with_formatter(&mut buf, PrettyFormatter::with_indent(b"    "));
    // Serializing a Value into memory cannot fail.
    value
        .serialize(&mut ser)
        .expect("serializing a JSON value to memory");
    out.reserve(buf.len() + buf.len() / 8);
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        i += 1;
        match b {
            // U+2028 and U+2029 (E2 80 A8/A9) are valid raw in JSON, but Go escapes them.
            0xE2 if buf.get(i) == Some(&0x80) && matches!(buf.get(i + 1), Some(0xA8 | 0xA9)) => {
                out.extend_from_slice(if buf[i + 1] == 0xA8 {
                    b"\\u2028"
                } else {
                    b"\\u2029"
                });
                i += 2;
            }
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            b'\n' => {
                out.push(b'\n');
                out.extend(std::iter::repeat_n(b' ', indent));
            }
            _ => out.push(b),
        }
    }
}

/// Streams a kubectl-style `v1` `List`: call [`ListWriter::item`] per object, then
/// [`ListWriter::finish`].
pub struct ListWriter {
    items: usize,
}

impl ListWriter {
    pub fn start(out: &mut Vec<u8>) -> ListWriter {
        out.extend_from_slice(b"{\n    \"apiVersion\": \"v1\",\n    \"items\": [");
        ListWriter { items: 0 }
    }

    pub fn item(&mut self, value: &serde_json::Value, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.items == 0 {
            b"\n        "
        } else {
            b",\n        "
        });
        write_pretty(value, 8, out);
        self.items += 1;
    }

    pub fn finish(self, out: &mut Vec<u8>) {
        if self.items > 0 {
            out.extend_from_slice(b"\n    ");
        }
        out.extend_from_slice(b"],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_go_marshal_indent() {
        let v = serde_json::json!({"b": [1, {"c": "x<y>&z"}], "a": {}, "e": [], "d": "\u{2028}"});
        let mut out = Vec::new();
        write_pretty(&v, 0, &mut out);
        let want = "{\n    \"a\": {},\n    \"b\": [\n        1,\n        {\n            \"c\": \"x\\u003cy\\u003e\\u0026z\"\n        }\n    ],\n    \"d\": \"\\u2028\",\n    \"e\": []\n}";
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn list_is_valid_json_of_kubectls_shape() {
        let mut out = Vec::new();
        let mut list = ListWriter::start(&mut out);
        list.item(
            &serde_json::json!({"kind": "Node", "metadata": {"name": "a"}}),
            &mut out,
        );
        list.item(
            &serde_json::json!({"kind": "Node", "metadata": {"name": "b"}}),
            &mut out,
        );
        list.finish(&mut out);
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed["kind"], "List");
        assert_eq!(parsed["items"][1]["metadata"]["name"], "b");
        assert_eq!(parsed["metadata"]["resourceVersion"], "");
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("\n        {\n            \"kind\": \"Node\"")
        );
    }

    #[test]
    fn empty_list() {
        let mut out = Vec::new();
        ListWriter::start(&mut out).finish(&mut out);
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed["items"], serde_json::json!([]));
        assert!(String::from_utf8(out).unwrap().contains("\"items\": [],"));
    }
}
