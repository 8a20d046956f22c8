//! JSON as kubectl prints it (Go's `json.MarshalIndent` with four spaces): keys sorted,
//! `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, numbers as Go prints them (kubectl
//! holds an integer past int64 as a float64; floats in `encoding/json`'s form, from
//! `crate::go::strconv`), so our output diffs clean against kubectl's.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

/// serde_json's pretty printer with Go's numbers.
struct GoFormatter<'a>(PrettyFormatter<'a>);

impl GoFormatter<'_> {
    fn go_float<W: ?Sized + io::Write>(writer: &mut W, v: f64) -> io::Result<()> {
        // NaN and infinities cannot come out of a parsed JSON document.
        let text = crate::go::strconv::format_float_json(v).unwrap_or_else(|| "null".into());
        writer.write_all(text.as_bytes())
    }
}

impl Formatter for GoFormatter<'_> {
    fn write_u64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        if value > i64::MAX as u64 {
            Self::go_float(writer, value as f64)
        } else {
            self.0.write_u64(writer, value)
        }
    }
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        Self::go_float(writer, value)
    }
    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        Self::go_float(writer, f64::from(value))
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Appends `value`, pretty-printed with four-space indentation, every line after the first
/// prefixed by `indent` spaces (for items inside a streamed `List`).
pub fn write_pretty(value: &serde_json::Value, indent: usize, out: &mut Vec<u8>) {
    let mut buf = Vec::with_capacity(4096);
    let mut ser =
        Serializer::with_formatter(&mut buf, GoFormatter(PrettyFormatter::with_indent(b"    ")));
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
    fn numbers_as_go_prints_them() {
        let v = serde_json::json!({"a": 1e21, "b": 1e20, "c": 1e-7, "d": 0.000001,
            "e": 12345678901234567890u64, "f": -5, "g": 2.5});
        let mut out = Vec::new();
        write_pretty(&v, 0, &mut out);
        let want = "{\n    \"a\": 1e+21,\n    \"b\": 100000000000000000000,\n    \"c\": 1e-7,\n    \
                    \"d\": 0.000001,\n    \"e\": 12345678901234567000,\n    \"f\": -5,\n    \
                    \"g\": 2.5\n}";
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
