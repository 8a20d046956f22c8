//! YAML as the kubelet reads it: `sigs.k8s.io/yaml` parses with go-yaml v2 (YAML 1.1 scalar
//! resolution, aliases and `<<` merge keys expanded, only the first document) and converts
//! the result to JSON. This module builds the same values, with spans, from parser events.

use granit_parser::{
    ErrorKind, Event, Options, Parser, ScalarStyle, ScanError, Span as PSpan, StrInput,
};

use super::source::{MAX_DEPTH, MAX_NODES};
use super::tree::{Doc, Entry, Node, Span, Style, Value, Yaml11Note};

/// A YAML syntax error with its byte offset.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub offset: u32,
    pub message: String,
}

#[derive(Debug)]
pub enum YamlError {
    Syntax(SyntaxError),
    TooDeep,
    Aliasing,
    TooManyNodes,
}

type P<'a> = Parser<'a, StrInput<'a>>;

struct Builder<'a> {
    parser: P<'a>,
    text: &'a str,
    anchors: Vec<Option<(Node, usize)>>,
    nodes: usize,
    used_alias: bool,
    notes: Vec<Yaml11Note>,
}

/// Parses the first document of `text`.
pub fn parse(text: &str) -> Result<Doc, YamlError> {
    let mut opts = Options::default();
    opts.emit_comments = false;
    opts.flow_nesting_limit = MAX_DEPTH + 8;
    opts.block_nesting_limit = MAX_DEPTH + 8;
    let parser = Parser::new_from_str_with_options(text, opts);
    let mut b = Builder {
        parser,
        text,
        anchors: Vec::new(),
        nodes: 0,
        used_alias: false,
        notes: Vec::new(),
    };
    b.document()
}

/// Every document of `text`, in order, as kubectl reads a manifest stream (`---`-separated);
/// empty documents are skipped. For `probes lint`; the kubelet itself reads only the first.
pub fn parse_all(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut opts = Options::default();
    opts.emit_comments = false;
    opts.flow_nesting_limit = MAX_DEPTH + 8;
    opts.block_nesting_limit = MAX_DEPTH + 8;
    let mut b = Builder {
        parser: Parser::new_from_str_with_options(text, opts),
        text,
        anchors: Vec::new(),
        nodes: 0,
        used_alias: false,
        notes: Vec::new(),
    };
    let mut docs = Vec::new();
    loop {
        let (ev, _) = b.next()?;
        match ev {
            Event::StreamEnd => return Ok(docs),
            Event::DocumentStart(..) => {
                let (ev, sp) = b.next()?;
                if matches!(ev, Event::DocumentEnd) {
                    continue;
                }
                let root = b.node(ev, sp, 0)?;
                loop {
                    let (ev, _) = b.next()?;
                    if matches!(ev, Event::DocumentEnd) {
                        break;
                    }
                }
                docs.push(root);
            }
            _ => continue,
        }
    }
}

fn off(m: &granit_parser::Marker, text: &str) -> usize {
    m.byte_offset().unwrap_or(text.len()).min(text.len())
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, PSpan), YamlError> {
        match self.parser.next_event() {
            Some(Ok(ev)) => Ok(ev),
            Some(Err(e)) => Err(self.syntax(e)),
            None => Err(YamlError::Syntax(SyntaxError {
                offset: self.text.len() as u32,
                message: "unexpected end of stream".into(),
            })),
        }
    }

    fn syntax(&self, e: ScanError) -> YamlError {
        if matches!(e.kind(), ErrorKind::RecursionLimitExceeded) {
            return YamlError::TooDeep;
        }
        let msg = e.kind().to_string();
        let m = e.marker();
        let offset = m
            .byte_offset()
            .unwrap_or_else(|| char_to_byte(self.text, m.index()));
        YamlError::Syntax(SyntaxError {
            offset: offset.min(self.text.len()) as u32,
            message: msg,
        })
    }

    fn span(&self, s: &PSpan) -> Span {
        Span::new(off(&s.start, self.text), off(&s.end, self.text))
    }

    fn document(&mut self) -> Result<Doc, YamlError> {
        let empty = |at: usize| Node {
            value: Value::Null,
            span: Span::new(at, at),
            style: Style::Plain,
        };
        loop {
            let (ev, sp) = self.next()?;
            match ev {
                Event::StreamStart => continue,
                Event::StreamEnd => {
                    let at = self.text.len();
                    return Ok(Doc {
                        root: empty(at),
                        is_json: false,
                        yaml11: Vec::new(),
                        extra_document: None,
                    });
                }
                Event::DocumentStart(..) => break,
                _ => {
                    let _ = sp;
                    continue;
                }
            }
        }
        let (ev, sp) = self.next()?;
        let root = if matches!(ev, Event::DocumentEnd) {
            empty(off(&sp.start, self.text))
        } else {
            let root = self.node(ev, sp, 0)?;
            // Consume to the end of this document; errors inside it still count.
            loop {
                let (ev, _) = self.next()?;
                if matches!(ev, Event::DocumentEnd) {
                    break;
                }
            }
            root
        };
        // go-yaml only decodes the first document; peek whether there is another one, but a
        // syntax error in it does not matter to the kubelet.
        let extra_document = match self.parser.next_event() {
            Some(Ok((Event::DocumentStart(..), sp))) => Some(self.span(&sp)),
            _ => None,
        };
        Ok(Doc {
            root,
            is_json: false,
            yaml11: std::mem::take(&mut self.notes),
            extra_document,
        })
    }

    fn count(&mut self, n: usize) -> Result<(), YamlError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(if self.used_alias {
                YamlError::Aliasing
            } else {
                YamlError::TooManyNodes
            });
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((node.clone(), size));
    }

    /// Builds one node whose first event is `ev`. Returns the node; its subtree size is
    /// accounted in `self.nodes`.
    fn node(&mut self, ev: Event<'a>, sp: PSpan, depth: usize) -> Result<Node, YamlError> {
        if depth > MAX_DEPTH {
            return Err(YamlError::TooDeep);
        }
        let before = self.nodes;
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1)?;
                let span = self.span(&sp);
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                let node = if style == ScalarStyle::Plain && !forced_str {
                    let (value, note) = resolve_plain(&text);
                    if let Some(read_as) = note {
                        self.notes.push(Yaml11Note {
                            span,
                            raw: text.to_string(),
                            read_as,
                        });
                    }
                    Node {
                        value,
                        span,
                        style: Style::Plain,
                    }
                } else {
                    let st = match style {
                        ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                        ScalarStyle::Plain => Style::Plain,
                        _ => Style::Quoted,
                    };
                    Node {
                        value: Value::Str(text.into_owned()),
                        span,
                        style: st,
                    }
                };
                self.remember(anchor, &node, 1);
                Ok(node)
            }
            Event::Alias(id) => {
                self.used_alias = true;
                let span = self.span(&sp);
                let Some(Some((node, size))) = self.anchors.get(id).cloned() else {
                    return Err(YamlError::Syntax(SyntaxError {
                        offset: span.start,
                        message: "unknown anchor".into(),
                    }));
                };
                self.count(size)?;
                let mut node = node;
                if !matches!(node.value, Value::Seq(_) | Value::Map(_)) {
                    node.span = span;
                }
                Ok(node)
            }
            Event::SequenceStart(_, anchor, _) => {
                self.count(1)?;
                let start = off(&sp.start, self.text);
                let mut items = Vec::new();
                loop {
                    let (ev, sp2) = self.next()?;
                    if let Event::SequenceEnd = ev {
                        let end = off(&sp2.end, self.text);
                        let node = Node {
                            value: Value::Seq(items),
                            span: Span::new(start, end),
                            style: Style::Collection,
                        };
                        let size = self.nodes - before;
                        self.remember(anchor, &node, size);
                        return Ok(node);
                    }
                    items.push(self.node(ev, sp2, depth + 1)?);
                }
            }
            Event::MappingStart(_, anchor, _) => {
                self.count(1)?;
                let start = off(&sp.start, self.text);
                let mut entries: Vec<Entry> = Vec::new();
                let mut merged: Vec<Entry> = Vec::new();
                loop {
                    let (kev, ksp) = self.next()?;
                    if let Event::MappingEnd = kev {
                        let end = off(&ksp.end, self.text);
                        // Merged keys go first, so explicit keys that follow override them.
                        if !merged.is_empty() {
                            merged.append(&mut entries);
                            entries = merged;
                        }
                        let node = Node {
                            value: Value::Map(entries),
                            span: Span::new(start, end),
                            style: Style::Collection,
                        };
                        let size = self.nodes - before;
                        self.remember(anchor, &node, size);
                        return Ok(node);
                    }
                    let is_merge =
                        matches!(&kev, Event::Scalar(t, ScalarStyle::Plain, _, None) if t == "<<");
                    let key_node = self.node(kev, ksp, depth + 1)?;
                    let (vev, vsp) = self.next()?;
                    let value = self.node(vev, vsp, depth + 1)?;
                    if is_merge {
                        self.merge(&value, &mut merged)?;
                        continue;
                    }
                    let key = match key_string(&key_node) {
                        Some(k) => k,
                        None => {
                            return Err(YamlError::Syntax(SyntaxError {
                                offset: key_node.span.start,
                                message: "a mapping key must be a scalar (the kubelet's YAML-to-JSON conversion refuses complex keys)".into(),
                            }))
                        }
                    };
                    entries.push(Entry {
                        key,
                        key_span: key_node.span,
                        value,
                        merged: false,
                    });
                }
            }
            _ => Err(YamlError::Syntax(SyntaxError {
                offset: off(&sp.start, self.text) as u32,
                message: "unexpected YAML event".into(),
            })),
        }
    }

    /// `<<: *a` or `<<: [*a, *b]`: earlier maps in the list take precedence.
    fn merge(&mut self, value: &Node, merged: &mut Vec<Entry>) -> Result<(), YamlError> {
        let bad = || {
            YamlError::Syntax(SyntaxError {
                offset: value.span.start,
                message: "map merge requires map or sequence of maps as the value".into(),
            })
        };
        match &value.value {
            Value::Map(entries) => {
                for e in entries {
                    if !merged.iter().any(|m| m.key == e.key) {
                        merged.push(Entry {
                            merged: true,
                            ..e.clone()
                        });
                    }
                }
                Ok(())
            }
            Value::Seq(items) => {
                for item in items {
                    let Value::Map(entries) = &item.value else {
                        return Err(bad());
                    };
                    for e in entries {
                        if !merged.iter().any(|m| m.key == e.key) {
                            merged.push(Entry {
                                merged: true,
                                ..e.clone()
                            });
                        }
                    }
                }
                Ok(())
            }
            _ => Err(bad()),
        }
    }
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Map keys become JSON object keys the way sigs.k8s.io/yaml converts them.
fn key_string(node: &Node) -> Option<String> {
    Some(match &node.value {
        Value::Str(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::go::strconv::format_float_g(*f),
        Value::Null => "null".to_string(),
        Value::Seq(_) | Value::Map(_) => return None,
    })
}

/// go-yaml v2's resolution of a plain scalar ([`crate::go::yaml::resolve`]) as the linter's
/// value. Returns the value and, when YAML 1.1 reads it differently from YAML 1.2 / common
/// expectation, a description of what it was read as.
pub fn resolve_plain(s: &str) -> (Value, Option<String>) {
    use crate::go::yaml::{Resolved, resolve};

    let octal = |n: &dyn std::fmt::Display| {
        legacy_octal(s)
            .then(|| format!("the octal number {n} (YAML 1.1 reads a leading 0 as octal)"))
    };
    match resolve(s) {
        Resolved::Null => (Value::Null, None),
        // YAML 1.2 (and most readers' expectation) has only true/false: y, yes, on, off, ...
        // are booleans to go-yaml v2 alone.
        Resolved::Bool(b) => (
            Value::Bool(b),
            (!s.eq_ignore_ascii_case(if b { "true" } else { "false" }))
                .then(|| format!("the boolean {b}")),
        ),
        Resolved::Int(i) => (Value::Int(i), octal(&i)),
        // A uint64 past i64 becomes a JSON number on the way to the kubelet's structs, which
        // the linter holds as a float (too large for any integer field either way).
        Resolved::Uint(u) => (Value::Float(u as f64), octal(&u)),
        Resolved::Float(f) => (Value::Float(f), None),
        // Decoded into interface{}, a timestamp is its text again.
        Resolved::Timestamp | Resolved::Str => (Value::Str(s.to_string()), None),
    }
}

/// `0755`, `-012`, `0_17`: an integer that go-yaml v2 (ParseInt base 0) reads as octal.
fn legacy_octal(s: &str) -> bool {
    let digits = s.trim_start_matches(['+', '-']).replace('_', "");
    digits.len() > 1 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        parse(src).unwrap().root
    }

    #[test]
    fn yaml11_scalars() {
        assert!(matches!(resolve_plain("yes").0, Value::Bool(true)));
        assert!(matches!(resolve_plain("Off").0, Value::Bool(false)));
        assert!(matches!(resolve_plain("0110"), (Value::Int(72), Some(_))));
        assert!(matches!(resolve_plain("0x1F"), (Value::Int(31), None)));
        assert!(matches!(resolve_plain("1_000").0, Value::Int(1000)));
        assert!(matches!(resolve_plain("09").0, Value::Float(f) if f == 9.0));
        assert!(matches!(resolve_plain("1.1e2").0, Value::Float(f) if f == 110.0));
        assert!(matches!(resolve_plain("1e3").0, Value::Float(f) if f == 1000.0));
        assert!(matches!(resolve_plain(".5").0, Value::Float(f) if f == 0.5));
        assert!(matches!(resolve_plain("~").0, Value::Null));
        assert!(matches!(resolve_plain("10Mi").0, Value::Str(_)));
        assert!(matches!(resolve_plain("2m0s").0, Value::Str(_)));
        assert!(matches!(resolve_plain("-5").0, Value::Int(-5)));
        assert!(matches!(resolve_plain("2001-12-14").0, Value::Str(_)));
        assert!(matches!(
            resolve_plain("18446744073709551615").0,
            Value::Float(_)
        ));
    }

    #[test]
    fn first_document_only_and_extra_noted() {
        let d = parse("a: 1\n---\nb: [\n").unwrap();
        assert!(d.root.get("a").is_some());
        assert!(d.extra_document.is_some());
        let d = parse("---\n---\na: 1\n").unwrap();
        assert!(matches!(d.root.value, Value::Null));
    }

    #[test]
    fn aliases_and_merge_keys() {
        let r = root("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\nz: *b\n");
        let m = r.get("m").unwrap();
        assert!(matches!(
            m.value.get("a").unwrap().value.value,
            Value::Int(1)
        ));
        let y = m.value.get("b").unwrap();
        assert!(!y.merged);
        assert!(matches!(y.value.value, Value::Int(3)));
        assert!(matches!(r.get("z").unwrap().value.value, Value::Map(_)));
    }

    #[test]
    fn yaml11_keys_are_converted_like_sigs_k8s_io_yaml() {
        let r = root("y: 1\non: 2\n3: 4\n");
        let Value::Map(e) = &r.value else { panic!() };
        let keys: Vec<_> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["true", "true", "3"]);
    }

    #[test]
    fn duplicates_are_kept_in_order() {
        let r = root("a: 1\na: 2\n");
        let Value::Map(e) = &r.value else { panic!() };
        assert_eq!(e.len(), 2);
        assert!(matches!(r.get("a").unwrap().value.value, Value::Int(2)));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(matches!(parse(&s), Err(YamlError::Aliasing)));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = "[".repeat(10_000);
        assert!(matches!(parse(&s), Err(YamlError::TooDeep)));
        let mut s = String::new();
        for i in 0..200 {
            s.push_str(&" ".repeat(i));
            s.push_str("a:\n");
        }
        assert!(matches!(parse(&s), Err(YamlError::TooDeep)));
    }

    #[test]
    fn syntax_error_has_offset() {
        let Err(YamlError::Syntax(e)) = parse("a: 1\nb: [1, 2\n") else {
            panic!()
        };
        assert!(e.offset >= 5, "{e:?}");
    }

    #[test]
    fn spans_for_keys_and_values() {
        let src = "a:\n  b: \"x\"\nc: {d: 10}\n";
        let r = root(src);
        let b = r.get("a").unwrap().value.get("b").unwrap();
        assert_eq!(
            &src[b.key_span.start as usize..b.key_span.end as usize],
            "b"
        );
        assert_eq!(
            &src[b.value.span.start as usize..b.value.span.end as usize],
            "\"x\""
        );
        let d = r.get("c").unwrap().value.get("d").unwrap();
        assert_eq!(
            &src[d.value.span.start as usize..d.value.span.end as usize],
            "10"
        );
    }
}
