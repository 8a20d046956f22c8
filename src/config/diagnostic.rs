//! One finding of `config lint` and the per-file report that carries them.

use serde::Serialize;

use super::rules::{self, Code};
use super::source::{LineIndex, Position};
use super::tree::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A finding: rule code, where, what, what the kubelet itself says, and how to fix it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Byte span of the offending key or value; `None` when the finding concerns the file as a
    /// whole or a default value that is not written anywhere.
    pub span: Option<Span>,
    /// Dotted field path (`evictionHard.memory.available`) when there is one.
    pub field: Option<String>,
    pub message: String,
    /// The kubelet's own error or log text, where it has one.
    pub kubelet: Option<String>,
    pub help: Option<String>,
    /// Filled in by [`FileReport`] from `span`.
    pub start: Option<Position>,
    pub end: Option<Position>,
}

impl Diagnostic {
    /// A diagnostic whose severity is the rule's.
    pub fn new(code: Code, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.rule().severity,
            span,
            field: None,
            message: message.into(),
            kubelet: None,
            help: None,
            start: None,
            end: None,
        }
    }
    pub fn field(mut self, f: impl Into<String>) -> Self {
        self.field = Some(f.into());
        self
    }
    pub fn kubelet(mut self, k: impl Into<String>) -> Self {
        self.kubelet = Some(k.into());
        self
    }
    /// The kubelet's text of a validation error, after its `invalid configuration: ` prefix.
    pub fn invalid(self, k: impl std::fmt::Display) -> Self {
        self.kubelet(format!("invalid configuration: {k}"))
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    pub fn rule(&self) -> &'static rules::Rule {
        self.code.rule()
    }
}

/// Where the findings of one input came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Yaml,
    Json,
    /// A kubelet's `/configz` body.
    Configz,
}

/// All findings for one input, sorted by position.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub name: String,
    pub kind: InputKind,
    /// The source text (for the `full` renderer's excerpts).
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub(crate) fn new(
        name: &str,
        kind: InputKind,
        source: &str,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Self {
        if !diagnostics.is_empty() {
            let idx = LineIndex::new(source);
            for d in &mut diagnostics {
                if let Some(sp) = d.span {
                    d.start = Some(idx.position(sp.start));
                    d.end = Some(idx.position(sp.end.max(sp.start)));
                }
            }
            diagnostics.sort_by(|a, b| {
                let ka = (a.start.map(|p| (p.line, p.column)), a.code);
                let kb = (b.start.map(|p| (p.line, p.column)), b.code);
                ka.cmp(&kb)
            });
            diagnostics
                .dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
        }
        FileReport {
            name: name.to_string(),
            kind,
            source: source.to_string(),
            diagnostics,
        }
    }

    /// Masks the secret `spans` (see `secret`) in the source kept for excerpts.
    pub(crate) fn with_redactions(mut self, spans: &[super::tree::Span]) -> Self {
        self.source = super::secret::mask(&self.source, spans);
        self
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }

    /// Whether this report makes `config lint` exit 1: any error, or with `strict` any warning.
    pub fn has_errors(&self, strict: bool) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
    }

    pub fn codes(&self) -> Vec<Code> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}
