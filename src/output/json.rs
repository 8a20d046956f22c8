//! JSON as kubectl prints it (Go's `json.MarshalIndent` with four spaces): keys sorted,
//! `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, numbers as Go prints them (kubectl
//! holds an integer past int64 as a float64; floats in `encoding/json`'s form, from
//! `crate::go::strconv`), so our output diffs clean against kubectl's. Also our own reports
//! ([`report`]), which escape what could drive a terminal.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::tree::Tree;

/// A report of ours (healthz, images, config lint) as pretty JSON. Text from the cluster stays
/// raw for scripts, but the characters that could drive a terminal (C1 controls such as the
/// one-byte CSI, bidi overrides, zero-width characters; serde_json already escapes C0) are
/// written as `\u` escapes, so `cat report.json` is as safe as the table. Parsed, the text is
/// the same.
pub fn report<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    // Serializing our own report types into memory cannot fail.
    value.serialize(&mut ser).expect("report serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

struct Escaping<'a>(PrettyFormatter<'a>);

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is printable ASCII (serde_json has already escaped C0): one copy.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if super::sanitize::needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane but the tag
                // characters, which JSON writes as a surrogate pair.
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Appends `value`, pretty-printed with four-space indentation, every line after the first
/// prefixed by `indent` spaces (for items inside a streamed `List`).
pub fn write_pretty(value: &Tree<'_>, indent: usize, out: &mut Vec<u8>) {
    match value {
        Tree::Null => out.extend_from_slice(b"null"),
        Tree::Bool(true) => out.extend_from_slice(b"true"),
        Tree::Bool(false) => out.extend_from_slice(b"false"),
        Tree::Number(n) => write_number(n, out),
        Tree::String(s) => write_string(s, out),
        Tree::Array(items) if items.is_empty() => out.extend_from_slice(b"[]"),
        Tree::Object(entries) if entries.is_empty() => out.extend_from_slice(b"{}"),
        Tree::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                newline(indent + 4, out);
                write_pretty(item, indent + 4, out);
            }
            newline(indent, out);
            out.push(b']');
        }
        Tree::Object(entries) => {
            out.push(b'{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                newline(indent + 4, out);
                write_string(key, out);
                out.extend_from_slice(b": ");
                write_pretty(item, indent + 4, out);
            }
            newline(indent, out);
            out.push(b'}');
        }
    }
}

fn newline(indent: usize, out: &mut Vec<u8>) {
    out.push(b'\n');
    out.extend(std::iter::repeat_n(b' ', indent));
}

/// kubectl holds an integer past int64 as a float64, and prints floats in `encoding/json`'s
/// form.
fn write_number(n: &serde_json::Number, out: &mut Vec<u8>) {
    let text = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(u)) => go_float(u as f64),
        (None, None) => go_float(n.as_f64().unwrap_or(f64::NAN)),
    };
    out.extend_from_slice(text.as_bytes());
}

fn go_float(v: f64) -> String {
    // NaN and infinities cannot come out of a parsed JSON document.
    crate::go::strconv::format_float_json(v).unwrap_or_else(|| "null".into())
}

/// A string as Go's `encoding/json` writes it with HTML escaping on (kubectl's setting):
/// `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, `\b`, `\f`, `\n`, `\r`, `\t` short,
/// other controls as `\u00XX`; DEL and everything else raw.
fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let escape: Option<&[u8]> = match c {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0x08 => Some(b"\\b"),
            0x0C => Some(b"\\f"),
            b'<' => Some(b"\\u003c"),
            b'>' => Some(b"\\u003e"),
            b'&' => Some(b"\\u0026"),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                Some(if b[i + 2] == 0xA8 {
                    b"\\u2028"
                } else {
                    b"\\u2029"
                })
            }
            0x00..=0x1F => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[run..i]);
        match escape {
            Some(text) => {
                out.extend_from_slice(text);
                i += if c == 0xE2 { 3 } else { 1 };
            }
            None => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(c >> 4)]);
                out.push(HEX[usize::from(c & 0xF)]);
                i += 1;
            }
        }
        run = i;
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
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

    pub fn item(&mut self, value: &Tree<'_>, out: &mut Vec<u8>) {
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

    fn pretty(v: &serde_json::Value) -> String {
        let text = v.to_string();
        let mut out = Vec::new();
        write_pretty(&Tree::parse(&text).unwrap(), 0, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn reports_escape_what_could_drive_a_terminal_and_parse_back_the_same() {
        let text = "a\u{1b}[31m\u{9b}2J\u{202e}\u{200b}\u{e0041}é<>";
        let json = report(&serde_json::json!({ "m": text }));
        assert_eq!(
            json,
            "{\n  \"m\": \"a\\u001b[31m\\u009b2J\\u202e\\u200b\\udb40\\udc41é<>\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["m"], text);
    }

    #[test]
    fn strings_escaped_as_go_does() {
        let v = serde_json::json!(
            "q\"b\\ n\n r\r t\t b\u{8} f\u{c} nul\u{0} us\u{1f} del\u{7f} <>& \u{2028}\u{2029} é"
        );
        let want = r#""q\"b\\ n\n r\r t\t b\b f\f nul\u0000 us\u001f del"#.to_string()
            + "\u{7f}"
            + r#" \u003c\u003e\u0026 \u2028\u2029 é""#;
        assert_eq!(pretty(&v), want);
    }

    #[test]
    fn matches_go_marshal_indent() {
        let v = serde_json::json!({"b": [1, {"c": "x<y>&z"}], "a": {}, "e": [], "d": "\u{2028}"});
        let want = "{\n    \"a\": {},\n    \"b\": [\n        1,\n        {\n            \"c\": \"x\\u003cy\\u003e\\u0026z\"\n        }\n    ],\n    \"d\": \"\\u2028\",\n    \"e\": []\n}";
        assert_eq!(pretty(&v), want);
    }

    #[test]
    fn numbers_as_go_prints_them() {
        let v = serde_json::json!({"a": 1e21, "b": 1e20, "c": 1e-7, "d": 0.000001,
            "e": 12345678901234567890u64, "f": -5, "g": 2.5});
        let want = "{\n    \"a\": 1e+21,\n    \"b\": 100000000000000000000,\n    \"c\": 1e-7,\n    \
                    \"d\": 0.000001,\n    \"e\": 12345678901234567000,\n    \"f\": -5,\n    \
                    \"g\": 2.5\n}";
        assert_eq!(pretty(&v), want);
    }

    #[test]
    fn list_is_valid_json_of_kubectls_shape() {
        let mut out = Vec::new();
        let mut list = ListWriter::start(&mut out);
        for text in [
            r#"{"kind": "Node", "metadata": {"name": "a"}}"#,
            r#"{"kind": "Node", "metadata": {"name": "b"}}"#,
        ] {
            list.item(&Tree::parse(text).unwrap(), &mut out);
        }
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
