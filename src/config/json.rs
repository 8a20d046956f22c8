//! JSON as the kubelet reads it when the file starts with `{` (Go's encoding/json grammar),
//! building the same tree as the YAML reader, with spans and with duplicate keys kept.

use super::source::{MAX_DEPTH, MAX_NODES};
use super::tree::{Doc, Entry, Node, Span, Style, Value};
use super::yaml::{SyntaxError, YamlError};

struct J<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    nodes: usize,
}

pub fn parse(text: &str) -> Result<Doc, YamlError> {
    let mut j = J {
        s: text.as_bytes(),
        text,
        i: 0,
        nodes: 0,
    };
    j.ws();
    let root = j.value(0)?;
    j.ws();
    if j.i < j.s.len() {
        return Err(j.err(format!(
            "invalid character {} after top-level value",
            j.show()
        )));
    }
    Ok(Doc {
        root,
        is_json: true,
        yaml11: Vec::new(),
        extra_document: None,
    })
}

impl<'a> J<'a> {
    fn err(&self, message: String) -> YamlError {
        YamlError::Syntax(SyntaxError {
            offset: self.i.min(self.s.len()) as u32,
            message,
        })
    }

    fn show(&self) -> String {
        match self.text[self.i.min(self.text.len())..].chars().next() {
            Some(c) => format!("{:?}", c).replace('"', "'"),
            None => "end of input".into(),
        }
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, YamlError> {
        if depth > MAX_DEPTH {
            return Err(YamlError::TooDeep);
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(YamlError::TooManyNodes);
        }
        let start = self.i;
        let Some(&c) = self.s.get(self.i) else {
            return Err(self.err("unexpected end of JSON input".into()));
        };
        let value = match c {
            b'{' => {
                self.i += 1;
                let mut entries = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.s.get(self.i) != Some(&b'"') {
                            return Err(self.err(format!(
                                "invalid character {} looking for beginning of object key string",
                                self.show()
                            )));
                        }
                        let ks = self.i;
                        let key = self.string()?;
                        let key_span = Span::new(ks, self.i);
                        self.ws();
                        if self.s.get(self.i) != Some(&b':') {
                            return Err(self.err(format!(
                                "invalid character {} after object key",
                                self.show()
                            )));
                        }
                        self.i += 1;
                        self.ws();
                        let value = self.value(depth + 1)?;
                        entries.push(Entry {
                            key,
                            key_span,
                            value,
                            merged: false,
                        });
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => {
                                return Err(self.err(format!(
                                    "invalid character {} after object key:value pair",
                                    self.show()
                                )));
                            }
                        }
                    }
                }
                return Ok(Node {
                    value: Value::Map(entries),
                    span: Span::new(start, self.i),
                    style: Style::Collection,
                });
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => {
                                return Err(self.err(format!(
                                    "invalid character {} after array element",
                                    self.show()
                                )));
                            }
                        }
                    }
                }
                return Ok(Node {
                    value: Value::Seq(items),
                    span: Span::new(start, self.i),
                    style: Style::Collection,
                });
            }
            b'"' => Value::Str(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => {
                return Err(self.err(format!(
                    "invalid character {} looking for beginning of value",
                    self.show()
                )));
            }
        };
        Ok(Node {
            value,
            span: Span::new(start, self.i),
            style: Style::Json,
        })
    }

    fn word(&mut self, w: &str, v: Value) -> Result<Value, YamlError> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.err(format!("invalid character {} in literal {w}", self.show())))
        }
    }

    fn number(&mut self) -> Result<Value, YamlError> {
        let start = self.i;
        let b = self.s;
        if b[self.i] == b'-' {
            self.i += 1;
        }
        match b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while self.i < b.len() && b[self.i].is_ascii_digit() {
                    self.i += 1;
                }
            }
            _ => {
                return Err(self.err(format!(
                    "invalid character {} in numeric literal",
                    self.show()
                )));
            }
        }
        let mut float = false;
        if b.get(self.i) == Some(&b'.') {
            float = true;
            self.i += 1;
            let d = self.i;
            while self.i < b.len() && b[self.i].is_ascii_digit() {
                self.i += 1;
            }
            if d == self.i {
                return Err(self.err(format!(
                    "invalid character {} after decimal point in numeric literal",
                    self.show()
                )));
            }
        }
        if matches!(b.get(self.i), Some(b'e' | b'E')) {
            float = true;
            self.i += 1;
            if matches!(b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            let d = self.i;
            while self.i < b.len() && b[self.i].is_ascii_digit() {
                self.i += 1;
            }
            if d == self.i {
                return Err(self.err(format!(
                    "invalid character {} in exponent of numeric literal",
                    self.show()
                )));
            }
        }
        let lit = &self.text[start..self.i];
        if !float && let Ok(v) = lit.parse::<i64>() {
            return Ok(Value::Int(v));
        }
        // Non-integral literal (or out of i64 range): Go refuses it for integer fields.
        Ok(Value::Float(lit.parse::<f64>().unwrap_or(f64::INFINITY)))
    }

    fn string(&mut self) -> Result<String, YamlError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err(self.err("unexpected end of JSON input".into()));
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let Some(&e) = self.s.get(self.i) else {
                        return Err(self.err("unexpected end of JSON input".into()));
                    };
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    let c = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                                } else {
                                    self.i = save;
                                    out.push('\u{fffd}');
                                }
                            } else {
                                out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                            }
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.err(format!(
                                "invalid character {} in string escape code",
                                self.show()
                            )));
                        }
                    }
                }
                0..=0x1f => {
                    return Err(
                        self.err("invalid character in string literal (control character)".into())
                    );
                }
                _ => {
                    let rest = &self.text[self.i..];
                    let n = rest.find(['"', '\\']).unwrap_or(rest.len());
                    let chunk = &rest[..n];
                    if let Some(p) = chunk.bytes().position(|b| b < 0x20) {
                        self.i += p;
                        return Err(self.err(
                            "invalid character in string literal (control character)".into(),
                        ));
                    }
                    out.push_str(chunk);
                    self.i += n;
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, YamlError> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("invalid \\u escape".into()))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| {
            self.err("invalid character in \\u hexadecimal character escape".into())
        })?;
        self.i += 4;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_objects_with_spans_and_duplicates() {
        let src = "{\"a\": 1, \"b\": {\"c\": [true, null, \"x\\u00e9\"]}, \"a\": 2.5}";
        let d = parse(src).unwrap();
        assert!(d.is_json);
        let Value::Map(e) = &d.root.value else {
            panic!()
        };
        assert_eq!(e.len(), 3);
        assert!(matches!(d.root.get("a").unwrap().value.value, Value::Float(f) if f == 2.5));
        let a = &e[0];
        assert_eq!(
            &src[a.key_span.start as usize..a.key_span.end as usize],
            "\"a\""
        );
    }

    #[test]
    fn integers_and_floats_are_distinct() {
        let d =
            parse("{\"a\": 110, \"b\": 110.0, \"c\": 1e2, \"d\": 99999999999999999999}").unwrap();
        assert!(matches!(
            d.root.get("a").unwrap().value.value,
            Value::Int(110)
        ));
        assert!(matches!(
            d.root.get("b").unwrap().value.value,
            Value::Float(_)
        ));
        assert!(matches!(
            d.root.get("c").unwrap().value.value,
            Value::Float(_)
        ));
        assert!(matches!(
            d.root.get("d").unwrap().value.value,
            Value::Float(_)
        ));
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "{\"a\": 1,}",
            "{a: 1}",
            "{\"a\": 01}",
            "{\"a\": 1} x",
            "{\"a\": \"\\q\"}",
            "{\"a\": [1 2]}",
            "{",
        ] {
            assert!(matches!(parse(bad), Err(YamlError::Syntax(_))), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = format!("{{\"a\": {}", "[".repeat(100_000));
        assert!(matches!(parse(&s), Err(YamlError::TooDeep)));
    }
}
