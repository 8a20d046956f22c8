//! The document model shared by the YAML and JSON readers: values as the kubelet's decoder
//! sees them after `sigs.k8s.io/yaml` turned YAML into JSON, each carrying the byte span it came from.

/// Byte range in the source text (`start..end`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }
}

/// A resolved value. Integers keep their sign class so that `u64` values above `i64::MAX`
/// survive; floats that came from an integral YAML literal are still floats here (the
/// decoder decides whether the target type accepts them).
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

impl Value {
    /// The word Go's encoding/json uses for this kind of value in type errors.
    pub fn json_kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }
}

/// How a scalar was written, for messages and for the YAML-1.1 notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
    Collection,
    Json,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    pub style: Style,
}

/// One key of a mapping. Duplicate keys are all kept, in source order; `merged` marks keys
/// that came in through a `<<` merge key.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
    pub merged: bool,
}

/// A value the YAML 1.1 resolver read differently from what a YAML 1.2 reader (or a human)
/// would expect: `yes`/`on` booleans, octal `0110`, sexagesimal-free but surprising forms.
#[derive(Clone, Debug)]
pub struct Yaml11Note {
    pub span: Span,
    pub raw: String,
    pub read_as: String,
}

/// The first document of the file, as the kubelet's decoder sees it.
#[derive(Clone, Debug)]
pub struct Doc {
    pub root: Node,
    pub is_json: bool,
    pub yaml11: Vec<Yaml11Note>,
    /// Span of the `---` that starts an ignored second document.
    pub extra_document: Option<Span>,
}

impl Node {
    /// Look up the winning entry of `key` in a mapping: the last explicit occurrence, else the
    /// first merged one (explicit keys override merged ones; earlier merges win over later).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        let Value::Map(entries) = &self.value else {
            return None;
        };
        winner(entries, key)
    }
}

pub fn winner<'a>(entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
    let mut explicit = None;
    let mut merged = None;
    for e in entries {
        if e.key == key {
            if e.merged {
                if merged.is_none() {
                    merged = Some(e);
                }
            } else {
                explicit = Some(e);
            }
        }
    }
    explicit.or(merged)
}
