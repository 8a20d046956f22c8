// An ordered JSON value (`J`) and pre-rendered templates (`Tmpl`). The real API server writes
// fields in Go struct order, and serde_json's `Value` sorts keys; timestamps that must stay
// relative to "now" (lease renewals, heartbeats, ages) are kept as holes filled per response.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::util::{format_time, time_ago};

/// A point in time relative to the moment a response is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ago {
    /// Milliseconds before "now"; negative means in the future.
    pub millis: i64,
    /// `metav1.MicroTime` (six fractional digits) instead of `metav1.Time`.
    pub micro: bool,
}

/// Ordered JSON. Objects keep insertion order, like Go's struct encoding.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// A timestamp rendered relative to the response time.
    Ago(Ago),
}

/// Builds an object from `(key, value)` pairs: `obj([("name", "x".into())])`.
pub fn obj<const N: usize>(pairs: [(&str, J); N]) -> J {
    J::Obj(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Builds an array.
pub fn arr<I: IntoIterator<Item = J>>(items: I) -> J {
    J::Arr(items.into_iter().collect())
}

/// A `metav1.Time` that is `d` before the response time.
pub fn ago(d: Duration) -> J {
    J::Ago(Ago {
        millis: d.as_millis() as i64,
        micro: false,
    })
}

/// A `metav1.MicroTime` that is `d` before the response time.
pub fn ago_micro(d: Duration) -> J {
    J::Ago(Ago {
        millis: d.as_millis() as i64,
        micro: true,
    })
}

/// An empty object, the `{}` of managedFields' fieldsV1 leaves.
pub fn empty() -> J {
    J::Obj(Vec::new())
}

impl From<&str> for J {
    fn from(s: &str) -> J {
        J::Str(s.to_string())
    }
}
impl From<String> for J {
    fn from(s: String) -> J {
        J::Str(s)
    }
}
impl From<&String> for J {
    fn from(s: &String) -> J {
        J::Str(s.clone())
    }
}
impl From<bool> for J {
    fn from(b: bool) -> J {
        J::Bool(b)
    }
}
impl From<i64> for J {
    fn from(n: i64) -> J {
        J::Int(n)
    }
}
impl From<i32> for J {
    fn from(n: i32) -> J {
        J::Int(n as i64)
    }
}
impl From<u16> for J {
    fn from(n: u16) -> J {
        J::Int(n as i64)
    }
}
impl From<u32> for J {
    fn from(n: u32) -> J {
        J::Int(n as i64)
    }
}
impl From<u64> for J {
    fn from(n: u64) -> J {
        J::Int(n as i64)
    }
}
impl From<usize> for J {
    fn from(n: usize) -> J {
        J::Int(n as i64)
    }
}
impl From<f64> for J {
    fn from(n: f64) -> J {
        J::Float(n)
    }
}
impl From<Vec<J>> for J {
    fn from(v: Vec<J>) -> J {
        J::Arr(v)
    }
}
impl<T: Into<J>> From<Option<T>> for J {
    fn from(o: Option<T>) -> J {
        o.map_or(J::Null, Into::into)
    }
}

impl From<serde_json::Value> for J {
    fn from(v: serde_json::Value) -> J {
        use serde_json::Value as V;
        match v {
            V::Null => J::Null,
            V::Bool(b) => J::Bool(b),
            V::Number(n) => n
                .as_i64()
                .map(J::Int)
                .unwrap_or_else(|| J::Float(n.as_f64().unwrap_or(0.0))),
            V::String(s) => J::Str(s),
            V::Array(a) => J::Arr(a.into_iter().map(J::from).collect()),
            V::Object(o) => J::Obj(o.into_iter().map(|(k, v)| (k, J::from(v))).collect()),
        }
    }
}

impl J {
    pub fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut J> {
        match self {
            J::Obj(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Replaces `key` in place (keeping its position) or appends it.
    pub fn set(&mut self, key: &str, value: impl Into<J>) -> &mut Self {
        let value = value.into();
        if let J::Obj(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => fields.push((key.to_string(), value)),
            }
        }
        self
    }

    /// Inserts `key` right after `after` (or appends) so Go field order can be kept.
    pub fn set_after(&mut self, after: &str, key: &str, value: impl Into<J>) -> &mut Self {
        let value = value.into();
        if let J::Obj(fields) = self {
            if let Some(slot) = fields.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value;
            } else {
                let at = fields
                    .iter()
                    .position(|(k, _)| k == after)
                    .map_or(fields.len(), |i| i + 1);
                fields.insert(at, (key.to_string(), value));
            }
        }
        self
    }

    pub fn remove(&mut self, key: &str) -> Option<J> {
        match self {
            J::Obj(fields) => {
                let i = fields.iter().position(|(k, _)| k == key)?;
                Some(fields.remove(i).1)
            }
            _ => None,
        }
    }

    /// Walks a JSON pointer (`/status/conditions/0/type`).
    pub fn pointer(&self, ptr: &str) -> Option<&J> {
        let mut cur = self;
        for part in ptr.split('/').skip(1) {
            cur = match cur {
                J::Obj(_) => cur.get(part)?,
                J::Arr(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    pub fn pointer_mut(&mut self, ptr: &str) -> Option<&mut J> {
        let mut cur = self;
        for part in ptr.split('/').skip(1) {
            cur = match cur {
                J::Obj(_) => cur.get_mut(part)?,
                J::Arr(items) => items.get_mut(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The object at `ptr`, creating empty objects along the way.
    pub fn entry(&mut self, ptr: &str) -> &mut J {
        let mut cur = self;
        for part in ptr.split('/').skip(1) {
            if cur.get(part).is_none() {
                cur.set(part, empty());
            }
            cur = cur.get_mut(part).expect("just inserted");
        }
        cur
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            J::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            J::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_arr(&self) -> Option<&Vec<J>> {
        match self {
            J::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_arr_mut(&mut self) -> Option<&mut Vec<J>> {
        match self {
            J::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_obj(&self) -> Option<&Vec<(String, J)>> {
        match self {
            J::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// String at `ptr`, or `""`.
    pub fn str_at(&self, ptr: &str) -> &str {
        self.pointer(ptr).and_then(J::as_str).unwrap_or("")
    }

    /// Compact JSON with relative times rendered against `now`.
    pub fn to_json_at(&self, now: SystemTime) -> String {
        let mut s = String::new();
        Tmpl::from_j(self).render_into(now, &mut s);
        s
    }

    /// Compact JSON with relative times rendered against the current time.
    pub fn to_json(&self) -> String {
        self.to_json_at(SystemTime::now())
    }

    pub fn parse(text: &str) -> Result<J, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Where rendered JSON goes: a `String` or a byte buffer.
pub trait Sink {
    fn put(&mut self, s: &str);
}
impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}
impl Sink for Vec<u8> {
    fn put(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }
}

fn write_escaped(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Go's encoder escapes these for HTML safety; matching it keeps bodies byte-identical.
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON document rendered once, with holes for relative timestamps.
#[derive(Clone, Debug)]
pub struct Tmpl {
    segs: Box<[Seg]>,
}

#[derive(Clone, Debug)]
enum Seg {
    Lit(Box<str>),
    Time(Ago),
}

/// Prefix of the string a hole is turned into when a template is parsed back into a `J`.
const HOLE: &str = "\u{0}ago:";

impl Tmpl {
    pub fn from_j(j: &J) -> Tmpl {
        let mut b = TmplBuilder {
            segs: Vec::new(),
            cur: String::new(),
        };
        b.write(j);
        if !b.cur.is_empty() || b.segs.is_empty() {
            b.segs
                .push(Seg::Lit(std::mem::take(&mut b.cur).into_boxed_str()));
        }
        Tmpl {
            segs: b.segs.into_boxed_slice(),
        }
    }

    pub fn render_into<S: Sink + ?Sized>(&self, now: SystemTime, out: &mut S) {
        for seg in self.segs.iter() {
            match seg {
                Seg::Lit(s) => out.put(s),
                Seg::Time(a) => {
                    out.put("\"");
                    out.put(&format_time(time_ago(now, a.millis), a.micro));
                    out.put("\"");
                }
            }
        }
    }

    pub fn render(&self, now: SystemTime) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.len_hint());
        self.render_into(now, &mut v);
        v
    }

    /// Renders the body with `"kind"` and `"apiVersion"` first, as a single GET returns it
    /// (list items carry neither).
    pub fn render_typed_into(
        &self,
        now: SystemTime,
        kind: &str,
        api_version: &str,
        out: &mut Vec<u8>,
    ) {
        out.extend_from_slice(
            format!("{{\"kind\":\"{kind}\",\"apiVersion\":\"{api_version}\"").as_bytes(),
        );
        let mut rest = Vec::with_capacity(self.len_hint());
        self.render_into(now, &mut rest);
        // rest starts with '{'; an empty object is "{}".
        if rest.len() > 2 {
            out.push(b',');
        }
        out.extend_from_slice(&rest[1..]);
    }

    pub fn len_hint(&self) -> usize {
        self.segs
            .iter()
            .map(|s| match s {
                Seg::Lit(s) => s.len(),
                Seg::Time(_) => 30,
            })
            .sum()
    }

    /// Parses the template back into a `J`, holes included, so an object can be edited.
    pub fn to_j(&self) -> J {
        let mut s = String::with_capacity(self.len_hint());
        for seg in self.segs.iter() {
            match seg {
                Seg::Lit(l) => s.push_str(l),
                Seg::Time(a) => {
                    let _ = write!(s, "\"\\u0000ago:{}:{}\"", a.millis, a.micro as u8);
                }
            }
        }
        J::parse(&s).expect("a template always holds valid JSON")
    }
}

struct TmplBuilder {
    segs: Vec<Seg>,
    cur: String,
}

impl TmplBuilder {
    fn write(&mut self, j: &J) {
        match j {
            J::Null => self.cur.push_str("null"),
            J::Bool(b) => self.cur.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => {
                let _ = write!(self.cur, "{n}");
            }
            J::Float(f) => {
                if f.is_finite() {
                    let _ = write!(self.cur, "{f}");
                } else {
                    self.cur.push_str("null");
                }
            }
            J::Str(s) => write_escaped(&mut self.cur, s),
            J::Arr(items) => {
                self.cur.push('[');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.cur.push(',');
                    }
                    self.write(it);
                }
                self.cur.push(']');
            }
            J::Obj(fields) => {
                self.cur.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        self.cur.push(',');
                    }
                    write_escaped(&mut self.cur, k);
                    self.cur.push(':');
                    self.write(v);
                }
                self.cur.push('}');
            }
            J::Ago(a) => {
                let lit = std::mem::take(&mut self.cur);
                if !lit.is_empty() {
                    self.segs.push(Seg::Lit(lit.into_boxed_str()));
                }
                self.segs.push(Seg::Time(*a));
            }
        }
    }
}

impl Serialize for J {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            J::Null => ser.serialize_unit(),
            J::Bool(b) => ser.serialize_bool(*b),
            J::Int(n) => ser.serialize_i64(*n),
            J::Float(f) => ser.serialize_f64(*f),
            J::Str(s) => ser.serialize_str(s),
            J::Arr(items) => {
                let mut seq = ser.serialize_seq(Some(items.len()))?;
                for it in items {
                    seq.serialize_element(it)?;
                }
                seq.end()
            }
            J::Obj(fields) => {
                let mut map = ser.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            J::Ago(a) => {
                ser.serialize_str(&format_time(time_ago(SystemTime::now(), a.millis), a.micro))
            }
        }
    }
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_none<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<J, E> {
                Ok(J::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<J, E> {
                Ok(J::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<J, E> {
                // Past i64 the value is kept as a float rather than wrapped to a negative.
                Ok(i64::try_from(n).map_or(J::Float(n as f64), J::Int))
            }
            fn visit_f64<E>(self, f: f64) -> Result<J, E> {
                Ok(J::Float(f))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<J, E> {
                if let Some(rest) = s.strip_prefix(HOLE) {
                    let (ms, micro) = rest.split_once(':').ok_or_else(|| E::custom("bad hole"))?;
                    let millis = ms.parse().map_err(E::custom)?;
                    return Ok(J::Ago(Ago {
                        millis,
                        micro: micro == "1",
                    }));
                }
                Ok(J::Str(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<J, E> {
                if s.starts_with(HOLE) {
                    return self.visit_str(&s);
                }
                Ok(J::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(it) = seq.next_element()? {
                    v.push(it);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, val)) = map.next_entry::<String, J>()? {
                    v.push((k, val));
                }
                Ok(J::Obj(v))
            }
        }
        de.deserialize_any(V)
    }
}
