//! Typed decoding of the document into KubeletConfiguration fields, the way the kubelet does it:
//! apiVersion/kind first, then a strict pass whose complaints (unknown, wrong-case and
//! duplicate keys) are only warnings because the kubelet retries leniently, while type errors
//! are fatal.

use super::diagnostic::Diagnostic;
use super::quantity;
use super::rules::Code;
use super::schema::{self, Field, Ty};
use super::secret;
use super::source::SourceError;
use super::tree::{Doc, Entry, Node, Span, Style, Value, winner};
use crate::go::duration;

pub const API_VERSION: &str = "kubelet.config.k8s.io/v1beta1";
pub const KIND: &str = "KubeletConfiguration";

/// A decoded field.
#[derive(Clone, Debug)]
pub struct Fv {
    pub name: &'static str,
    pub key_span: Span,
    pub span: Span,
    pub val: TVal,
}

#[derive(Clone, Debug)]
pub enum TVal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Nanoseconds.
    Dur(i64),
    List(Vec<Item>),
    Map(Vec<MapItem>),
    Obj(Vec<Fv>),
}

#[derive(Clone, Debug)]
pub struct Item {
    pub span: Span,
    pub val: TVal,
}

#[derive(Clone, Debug)]
pub struct MapItem {
    pub key: String,
    pub key_span: Span,
    pub span: Span,
    pub val: TVal,
}

impl TVal {
    pub fn as_obj(&self) -> &[Fv] {
        match self {
            TVal::Obj(f) => f,
            _ => &[],
        }
    }
    pub fn as_map(&self) -> &[MapItem] {
        match self {
            TVal::Map(m) => m,
            _ => &[],
        }
    }
    pub fn as_list(&self) -> &[Item] {
        match self {
            TVal::List(l) => l,
            _ => &[],
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            TVal::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Finds a field by dotted path in decoded fields.
pub fn get<'a>(fields: &'a [Fv], path: &str) -> Option<&'a Fv> {
    let mut cur = fields;
    let mut found = None;
    for part in path.split('.') {
        let fv = cur.iter().find(|f| f.name == part)?;
        found = Some(fv);
        cur = fv.val.as_obj();
    }
    found
}

pub struct Decoded {
    pub fields: Vec<Fv>,
    /// A decode error the kubelet would die on: validation is not meaningful after it.
    pub fatal: bool,
    /// Span of the `kind` key (anchor for findings about defaults that are written nowhere).
    pub anchor: Option<Span>,
}

struct Ctx<'a> {
    diags: &'a mut Vec<Diagnostic>,
    fatal: bool,
    json: bool,
    version: u8,
}

/// Decodes a KubeletConfiguration document. `configz` skips the apiVersion/kind checks (the
/// `/configz` body has none) and unwraps `{"kubeletconfig": ...}`.
pub fn decode(
    name: &str,
    doc: &Doc,
    version: u8,
    configz: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Decoded, SourceError> {
    let not_kc = |reason: String| SourceError::NotKubeletConfiguration {
        name: name.to_string(),
        reason,
    };
    let mut root = &doc.root;
    if configz {
        let Some(inner) = root.get("kubeletconfig") else {
            return Err(not_kc(
                "the /configz response has no \"kubeletconfig\" object".into(),
            ));
        };
        root = &inner.value;
    }
    let entries = match &root.value {
        Value::Map(e) => e.as_slice(),
        Value::Null => {
            return Err(not_kc(
                "Object 'Kind' is missing (the document is empty)".into(),
            ));
        }
        other => {
            return Err(not_kc(format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}",
                other.json_kind()
            )));
        }
    };
    let mut anchor = None;
    if !configz {
        anchor = type_meta(entries, root.span, &not_kc, diags)?;
    }
    let mut ctx = Ctx {
        diags,
        fatal: false,
        json: doc.is_json,
        version,
    };
    let fields = ctx.object(entries, schema::KUBELET_CONFIGURATION, "", configz);
    Ok(Decoded {
        fields,
        fatal: ctx.fatal,
        anchor,
    })
}

/// The apiVersion/kind sniff (Go's case-insensitive encoding/json into a TypeMeta).
fn type_meta(
    entries: &[Entry],
    doc_span: Span,
    not_kc: &dyn Fn(String) -> SourceError,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Span>, SourceError> {
    let find = |key: &str| {
        winner(entries, key).or_else(|| {
            entries
                .iter()
                .rev()
                .find(|e| e.key.eq_ignore_ascii_case(key))
        })
    };
    let str_of = |e: Option<&Entry>| -> Result<Option<(String, Span, Span)>, SourceError> {
        match e {
            None => Ok(None),
            Some(e) => match &e.value.value {
                Value::Str(s) => Ok(Some((s.clone(), e.key_span, e.value.span))),
                Value::Null => Ok(None),
                v => Err(not_kc(format!(
                    "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go struct field .{} of type string",
                    v.json_kind(),
                    e.key
                ))),
            },
        }
    };
    let kind = str_of(find("kind"))?;
    let api = str_of(find("apiVersion"))?;
    let kubelet_group = |a: &str| {
        a.split('/')
            .next()
            .is_some_and(|g| g.eq_ignore_ascii_case("kubelet.config.k8s.io"))
    };
    let doc_start = Some(Span::new(doc_span.start as usize, doc_span.start as usize));
    match (&kind, &api) {
        (None, None) => Err(not_kc("Object 'Kind' is missing".into())),
        (None, Some((a, ks, _))) => {
            if kubelet_group(a) {
                diags.push(
                    Diagnostic::new(Code::KL004, Some(*ks), "kind is missing")
                        .kubelet("Object 'Kind' is missing")
                        .help(format!("add `kind: {KIND}`")),
                );
                Ok(Some(*ks))
            } else {
                Err(not_kc(format!(
                    "Object 'Kind' is missing (apiVersion is {a:?})"
                )))
            }
        }
        (Some((k, ks, vs)), _) => {
            if k != KIND {
                let close = k.eq_ignore_ascii_case(KIND)
                    || schema::levenshtein(&k.to_ascii_lowercase(), "kubeletconfiguration") <= 3
                    || k.starts_with("Kubelet") && !k.contains("Credential");
                if !close {
                    return Err(not_kc(format!(
                        "kind is {k:?}{}",
                        api.as_ref()
                            .map(|(a, ..)| format!(", apiVersion {a:?}"))
                            .unwrap_or_default()
                    )));
                }
                let gv = api.as_ref().map_or("", |(a, ..)| a.as_str());
                diags.push(
                    Diagnostic::new(
                        Code::KL005,
                        Some(*vs),
                        format!("kind {k:?} is not {KIND:?}"),
                    )
                    .field("kind")
                    .kubelet(format!(
                        "no kind {k:?} is registered for version {gv:?} in scheme"
                    ))
                    .help(format!("write `kind: {KIND}` (case-sensitive)")),
                );
            }
            match &api {
                None => diags.push(
                    Diagnostic::new(Code::KL002, Some(*ks), "apiVersion is missing")
                        .kubelet("Object 'apiVersion' is missing")
                        .help(format!("add `apiVersion: {API_VERSION}`")),
                ),
                Some((a, _, avs)) if a != API_VERSION => diags.push(
                    Diagnostic::new(
                        Code::KL003,
                        Some(*avs),
                        format!("apiVersion {a:?} is not supported"),
                    )
                    .field("apiVersion")
                    .kubelet(format!(
                        "no kind {k:?} is registered for version {a:?} in scheme"
                    ))
                    .help(format!(
                        "the only KubeletConfiguration version is `{API_VERSION}`"
                    )),
                ),
                _ => {}
            }
            Ok(Some(*ks).or(doc_start))
        }
    }
}

/// `a string`, `a number`...: what a value is, without what it says.
fn kind_only(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::Float(_) => "a number",
        Value::Str(_) => "a string",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

impl Ctx<'_> {
    fn type_error(&mut self, node: &Node, path: &str, ty: Ty) {
        // A secret value is described by its kind only, never quoted or read back.
        let secret = secret::is_secret_path(path);
        let what = match &node.value {
            _ if secret => node.value.json_kind().to_string(),
            Value::Int(i) if matches!(ty, Ty::Int32 | Ty::Int64 | Ty::Uint32) => {
                format!("number {i}")
            }
            Value::Float(f) if matches!(ty, Ty::Int32 | Ty::Int64 | Ty::Uint32) => {
                format!("number {}", crate::go::strconv::format_float_g(*f))
            }
            v => v.json_kind().to_string(),
        };
        let go = format!(
            "json: cannot unmarshal {what} into Go struct field {KIND}.{path} of type {}",
            ty.go_name()
        );
        let mut msg = format!("`{path}` must be {}", ty.example());
        let found = match &node.value {
            _ if secret => kind_only(&node.value).into(),
            Value::Str(s) if node.style == Style::Quoted || node.style == Style::Json => {
                format!("a quoted string {s:?}")
            }
            Value::Str(_) => "a string".into(),
            Value::Int(i) => format!("the number {i}"),
            Value::Float(f) => format!("the number {}", crate::go::strconv::format_float_g(*f)),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Seq(_) => "a list".into(),
            Value::Map(_) => "a mapping".into(),
            Value::Null => "null".into(),
        };
        msg.push_str(&format!(", found {found}"));
        let mut help = match (&node.value, ty) {
            (Value::Str(s), Ty::Int32 | Ty::Int64 | Ty::Uint32 | Ty::Float64)
                if !secret && s.trim().parse::<f64>().is_ok() =>
            {
                format!("remove the quotes: {}", s.trim())
            }
            (Value::Str(s), Ty::Bool) if !secret && matches!(s.as_str(), "true" | "false") => {
                format!("remove the quotes: {s}")
            }
            (Value::Int(_) | Value::Float(_), Ty::Dur) => {
                "durations are strings with a unit, e.g. \"30s\"".to_string()
            }
            (Value::Int(_) | Value::Float(_) | Value::Bool(_), Ty::Str | Ty::StrMap) => {
                "quote the value".to_string()
            }
            (Value::Str(_), Ty::StrList) => {
                "write a list: `[value]` or one `- value` per line".to_string()
            }
            (Value::Float(_), Ty::Int32 | Ty::Int64 | Ty::Uint32) => {
                "use a whole number within the type's range".to_string()
            }
            (Value::Int(_), Ty::Int32 | Ty::Int64 | Ty::Uint32) => {
                "use a value within the type's range".to_string()
            }
            _ => format!("write {}", ty.example()),
        };
        if node.style == Style::Plain
            && matches!(node.value, Value::Bool(_))
            && !matches!(ty, Ty::Bool)
        {
            help.push_str(" (YAML 1.1 reads yes/no/on/off/y/n as booleans)");
        }
        self.diags.push(
            Diagnostic::new(Code::KL006, Some(node.span), msg)
                .field(path)
                .kubelet(format!("failed to decode: {go}"))
                .help(help),
        );
        self.fatal = true;
    }

    fn object(
        &mut self,
        entries: &[Entry],
        fields: &'static [Field],
        prefix: &str,
        configz: bool,
    ) -> Vec<Fv> {
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let win = winner(entries, &e.key);
            let path = join(prefix, &e.key);
            if !win.is_some_and(|w| std::ptr::eq(w, e)) {
                match win {
                    Some(w) if e.merged && !w.merged => self.duplicate(w, &path, true),
                    Some(_) if !e.merged => self.duplicate(e, &path, false),
                    _ => {}
                }
                continue;
            }
            let Some(field) = schema::lookup(fields, &e.key) else {
                if configz {
                    continue;
                }
                let mut d = Diagnostic::new(Code::KL009, Some(e.key_span), format!("unknown field `{path}`: the kubelet ignores its value"))
                    .field(path.clone())
                    .kubelet(format!("Using lenient decoding as strict decoding failed: strict decoding error: unknown field {:?}", path));
                if let Some(s) = schema::suggest(fields, &e.key) {
                    let full = join(prefix, s);
                    let case = if s.eq_ignore_ascii_case(&e.key) {
                        " (field names are case-sensitive)"
                    } else {
                        ""
                    };
                    d = if prefix.is_empty() {
                        d.help(format!("did you mean `{s}`?{case}"))
                    } else {
                        d.help(format!("did you mean `{s}` ({full})?{case}"))
                    };
                } else if prefix.is_empty() && e.key == "metadata" {
                    d = d.help("KubeletConfiguration has no metadata; delete the block");
                } else {
                    d = d.help(format!(
                        "delete it, or check the field list with `{} config rules`",
                        crate::cli::invoked_as()
                    ));
                }
                self.diags.push(d);
                continue;
            };
            if field.since > self.version {
                self.diags.push(
                    Diagnostic::new(Code::KL015, Some(e.key_span), format!("`{path}` was added in kubelet 1.{}; kubelet 1.{} ignores it", field.since, self.version))
                        .field(path.clone())
                        .kubelet(format!("Using lenient decoding as strict decoding failed: strict decoding error: unknown field {path:?}"))
                        .help(format!("upgrade the kubelet to 1.{} or remove the field", field.since)),
                );
                continue;
            }
            if matches!(e.value.value, Value::Null) {
                self.diags.push(
                    Diagnostic::new(
                        Code::KL014,
                        Some(e.key_span),
                        format!("`{path}` is empty (null), so the kubelet uses the default"),
                    )
                    .field(path.clone())
                    .help("give it a value or delete the line"),
                );
                continue;
            }
            if let Some(val) = self.value(&e.value, field.ty, &path) {
                out.push(Fv {
                    name: field.name,
                    key_span: e.key_span,
                    span: e.value.span,
                    val,
                });
            }
        }
        out
    }

    fn duplicate(&mut self, e: &Entry, path: &str, overrides_merge: bool) {
        let kubelet = if self.json {
            format!("strict decoding error: duplicate field {:?}", e.key)
        } else {
            format!(
                "strict decoding error: yaml: unmarshal errors: key {:?} already set in map",
                e.key
            )
        };
        let msg = if overrides_merge {
            format!("`{path}` overrides a value merged in with `<<`: the merged value is ignored")
        } else {
            format!(
                "`{path}` is set again later in the same mapping: this earlier value is ignored"
            )
        };
        self.diags.push(
            Diagnostic::new(Code::KL010, Some(e.key_span), msg)
                .field(path)
                .kubelet(format!(
                    "Using lenient decoding as strict decoding failed: {kubelet}"
                ))
                .help("keep one occurrence of the key"),
        );
    }

    fn int(&mut self, node: &Node, path: &str, ty: Ty) -> Option<i64> {
        let (lo, hi) = match ty {
            Ty::Int32 => (i32::MIN as i64, i32::MAX as i64),
            Ty::Uint32 => (0, u32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        let v = match node.value {
            Value::Int(i) => Some(i),
            // YAML floats reach the decoder as JSON numbers printed by Go, which prints
            // integral values below 1e21 without a fraction; JSON keeps the literal.
            Value::Float(f) if !self.json && f.fract() == 0.0 && f.abs() < 9.2e18 => Some(f as i64),
            _ => None,
        };
        match v {
            Some(i) if (lo..=hi).contains(&i) => Some(i),
            _ => {
                self.type_error(node, path, ty);
                None
            }
        }
    }

    fn value(&mut self, node: &Node, ty: Ty, path: &str) -> Option<TVal> {
        match ty {
            Ty::Bool => match node.value {
                Value::Bool(b) => Some(TVal::Bool(b)),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::Int32 | Ty::Int64 | Ty::Uint32 => self.int(node, path, ty).map(TVal::Int),
            Ty::Float64 => match node.value {
                Value::Int(i) => Some(TVal::Float(i as f64)),
                Value::Float(f) if f.is_finite() => Some(TVal::Float(f)),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::Str | Ty::Time => match &node.value {
                Value::Str(s) => Some(TVal::Str(s.clone())),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::Dur => match &node.value {
                Value::Str(s) => self.duration(node, s, path),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::DurOrNanos => match &node.value {
                Value::Str(s) => self.duration(node, s, path),
                Value::Int(i) => Some(TVal::Dur(*i)),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::QuantityValue => self.quantity(node, path, ty),
            Ty::StrList => match &node.value {
                Value::Seq(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, it) in items.iter().enumerate() {
                        match &it.value {
                            Value::Str(s) => out.push(Item {
                                span: it.span,
                                val: TVal::Str(s.clone()),
                            }),
                            Value::Null => out.push(Item {
                                span: it.span,
                                val: TVal::Str(String::new()),
                            }),
                            _ => self.type_error(it, &format!("{path}[{i}]"), Ty::Str),
                        }
                    }
                    Some(TVal::List(out))
                }
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::Int32List => match &node.value {
                Value::Seq(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, it) in items.iter().enumerate() {
                        if let Some(v) = self.int(it, &format!("{path}[{i}]"), Ty::Int32) {
                            out.push(Item {
                                span: it.span,
                                val: TVal::Int(v),
                            });
                        }
                    }
                    Some(TVal::List(out))
                }
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::StrMap | Ty::BoolMap | Ty::StrListMap | Ty::QuantityMap => match &node.value {
                Value::Map(entries) => {
                    let elem = match ty {
                        Ty::StrMap => Ty::Str,
                        Ty::BoolMap => Ty::Bool,
                        Ty::StrListMap => Ty::StrList,
                        _ => Ty::QuantityValue,
                    };
                    let mut out = Vec::with_capacity(entries.len());
                    for e in entries {
                        let p = format!("{path}.{}", e.key);
                        let win = winner(entries, &e.key);
                        if !win.is_some_and(|w| std::ptr::eq(w, e)) {
                            match win {
                                Some(w) if e.merged && !w.merged => self.duplicate(w, &p, true),
                                Some(_) if !e.merged => self.duplicate(e, &p, false),
                                _ => {}
                            }
                            continue;
                        }
                        let v = match (&e.value.value, elem) {
                            (Value::Null, Ty::Str) => Some(TVal::Str(String::new())),
                            (Value::Null, Ty::Bool) => Some(TVal::Bool(false)),
                            (Value::Null, Ty::StrList) => Some(TVal::List(Vec::new())),
                            (Value::Str(s), Ty::Str) => Some(TVal::Str(s.clone())),
                            (_, Ty::QuantityValue) => {
                                self.quantity(&e.value, &p, Ty::QuantityValue)
                            }
                            (_, Ty::Str) => {
                                self.type_error(&e.value, &p, Ty::Str);
                                None
                            }
                            (_, t) => self.value(&e.value, t, &p),
                        };
                        if let Some(val) = v {
                            out.push(MapItem {
                                key: e.key.clone(),
                                key_span: e.key_span,
                                span: e.value.span,
                                val,
                            });
                        }
                    }
                    Some(TVal::Map(out))
                }
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::Obj(fields) => match &node.value {
                Value::Map(entries) => Some(TVal::Obj(self.object(entries, fields, path, false))),
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
            Ty::ObjList(fields) => match &node.value {
                Value::Seq(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, it) in items.iter().enumerate() {
                        let p = format!("{path}[{i}]");
                        match &it.value {
                            Value::Map(entries) => out.push(Item {
                                span: it.span,
                                val: TVal::Obj(self.object(entries, fields, &p, false)),
                            }),
                            Value::Null => out.push(Item {
                                span: it.span,
                                val: TVal::Obj(Vec::new()),
                            }),
                            _ => self.type_error(it, &p, Ty::Obj(fields)),
                        }
                    }
                    Some(TVal::List(out))
                }
                _ => {
                    self.type_error(node, path, ty);
                    None
                }
            },
        }
    }

    fn duration(&mut self, node: &Node, s: &str, path: &str) -> Option<TVal> {
        match duration::parse(s) {
            Ok(ns) => Some(TVal::Dur(ns)),
            Err(e) => {
                let help = if s.trim().ends_with('d') {
                    "Go durations have no days: write hours, e.g. \"24h\""
                } else if s.trim().bytes().all(|b| b.is_ascii_digit()) && !s.trim().is_empty() {
                    "add a unit, e.g. \"90s\" or \"5m\""
                } else {
                    "write a Go duration such as \"30s\", \"5m\" or \"1h30m\" (no spaces)"
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::KL007,
                        Some(node.span),
                        format!("`{path}` is not a valid duration: {e}"),
                    )
                    .field(path)
                    .kubelet(format!("failed to decode: {e}"))
                    .help(help),
                );
                self.fatal = true;
                None
            }
        }
    }

    fn quantity(&mut self, node: &Node, path: &str, ty: Ty) -> Option<TVal> {
        let text = match &node.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => crate::go::strconv::format_float_g(*f),
            _ => {
                self.type_error(node, path, ty);
                return None;
            }
        };
        match quantity::parse(&text) {
            Ok(_) => Some(TVal::Str(text)),
            Err(e) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::KL008,
                        Some(node.span),
                        format!("`{path}`: {text:?} is not a valid quantity: {e}"),
                    )
                    .field(path)
                    .kubelet(format!("failed to decode: {e}"))
                    .help("use a number with a Kubernetes suffix such as 1Gi, 512Mi or 100M"),
                );
                self.fatal = true;
                None
            }
        }
    }
}
