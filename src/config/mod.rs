//! `config lint`: the kubelet's own verdict on a KubeletConfiguration, before a restart finds out.
//!
//! This module owns the engine: reading bytes like the kubelet (`source`, `yaml`, `json`),
//! typed decoding with positions (`decode`, `schema`), the kubelet's defaulting (`defaults`),
//! its validation and start-up checks (`validate`, `eviction`, `feature_gates`), the
//! legal-but-dangerous rules (`safety`), the rule catalogue (`rules`) and the renderers
//! (`render`). The CLI calls [`lint_source`] / [`lint_configz`], then [`render`], and exits
//! 1 when [`FileReport::has_errors`] holds for any report; a [`SourceError`] means exit 2.
//!
//! Everything here is pure (bytes in, reports out) except [`command`], the I/O edge that reads
//! files, stdin and the cluster for the CLI.
//!
//! The JSON output shape is documented in `JSON_FORMAT.md` next to this file.

/// A KubeletConfiguration field path, checked against [`schema`] when the crate compiles:
/// `v.int(field!("maxPods"))`. A misspelt path does not compile.
#[macro_export]
macro_rules! field {
    ($path:literal) => {{
        const _: () = assert!(
            $crate::config::schema::has_path($path),
            concat!("not a KubeletConfiguration field: ", $path)
        );
        $path
    }};
}

pub mod command;
pub mod decode;
pub mod defaults;
pub mod diagnostic;
pub mod diff;
pub mod eviction;
pub mod feature_gates;
pub mod fleet;
pub mod json;
pub mod quantity;
pub mod render;
pub mod rules;
pub mod safety;
pub mod schema;
pub mod secret;
pub mod source;
pub mod tree;
pub mod validate;
pub mod yaml;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

pub use diagnostic::{Diagnostic, FileReport, InputKind, Severity};
pub use diff::{DiffEntry, diff};
pub use render::{OutputFormat, render};
pub use rules::{Code, Rule};
pub use source::SourceError;

/// Kubelet minor versions whose rules the engine knows (1.31 .. 1.36).
pub const OLDEST_MINOR: u8 = 31;
pub const NEWEST_MINOR: u8 = 36;

/// The kubelet release whose behaviour to model (`--kubelet-version 1.34`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KubeletVersion {
    pub minor: u8,
}

impl Default for KubeletVersion {
    fn default() -> Self {
        KubeletVersion {
            minor: NEWEST_MINOR,
        }
    }
}

impl fmt::Display for KubeletVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

impl FromStr for KubeletVersion {
    type Err = String;
    /// Accepts `1.34`, `v1.34`, `1.34.2`, `v1.34.2-eks-1`.
    fn from_str(s: &str) -> Result<Self, String> {
        let minor = KubeletVersion::minor_of(s)
            .filter(|m| (OLDEST_MINOR..=NEWEST_MINOR).contains(m))
            .ok_or_else(|| {
                format!(
                    "invalid kubelet version {s:?}: expected 1.{OLDEST_MINOR} .. 1.{NEWEST_MINOR}, e.g. 1.{NEWEST_MINOR}"
                )
            })?;
        Ok(KubeletVersion { minor })
    }
}

impl KubeletVersion {
    /// The known version nearest to what a node reports (`v1.33.1`, `v1.32.9-eks-1a2b3c`): an
    /// older kubelet gets the oldest rules, a newer one the newest. `None` if it is not `1.x`.
    pub fn nearest(reported: &str) -> Option<KubeletVersion> {
        Some(KubeletVersion {
            minor: KubeletVersion::minor_of(reported)?.clamp(OLDEST_MINOR, NEWEST_MINOR),
        })
    }

    /// The minor of any `1.x` version, known to the engine or not (`v1.30.2-eks-1` -> 30):
    /// the version-skew policy needs the real distance, not the nearest known release.
    /// `None` if it is not `1.x`.
    pub fn minor_of(version: &str) -> Option<u8> {
        let t = version.trim().trim_start_matches(['v', 'V']);
        let mut parts = t.split(['.', '-', '+']);
        if parts.next()? != "1" {
            return None;
        }
        parts.next()?.parse().ok()
    }
}

/// What to check and how strictly.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub kubelet_version: KubeletVersion,
    /// Rule codes, code prefixes (`KL4`) or names to keep; empty = all.
    pub select: Vec<String>,
    /// Rule codes, code prefixes or names to drop.
    pub ignore: Vec<String>,
    /// Warnings count as failures (see [`FileReport::has_errors`]).
    pub strict: bool,
}

/// Lints one config file (YAML or JSON, detected as the kubelet does).
pub fn lint_source(
    display_name: &str,
    bytes: &[u8],
    opts: &LintOptions,
) -> Result<FileReport, SourceError> {
    lint(display_name, bytes, opts, false)
}

/// Lints a kubelet's `/configz` body (`{"kubeletconfig": {...}}`, already defaulted and merged
/// with flags, without apiVersion/kind).
pub fn lint_configz(
    display_name: &str,
    json_bytes: &[u8],
    opts: &LintOptions,
) -> Result<FileReport, SourceError> {
    lint(display_name, json_bytes, opts, true)
}

/// Whether `bytes` are a saved `/configz` body (`kubectl get --raw
/// /api/v1/nodes/NAME/proxy/configz > f.json`): a JSON object whose only key is
/// `kubeletconfig`. Such a file has no apiVersion/kind and is linted with [`lint_configz`].
pub fn looks_like_configz(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    if !source::looks_like_json(text) || !text.contains("\"kubeletconfig\"") {
        return false;
    }
    matches!(
        serde_json::from_str::<serde_json::Value>(text),
        Ok(serde_json::Value::Object(m)) if m.len() == 1 && m.get("kubeletconfig").is_some_and(serde_json::Value::is_object)
    )
}

/// Every rule, in code order.
pub fn rules() -> &'static [Rule] {
    rules::rules()
}

/// The rule for a code or kebab-case name.
pub fn explain(code: &str) -> Option<&'static Rule> {
    rules::explain(code)
}

/// Parses a document into the tree, mapping parser failures to diagnostics or source errors.
pub(crate) fn parse_doc(
    name: &str,
    text: &str,
    force_json: bool,
) -> Result<Result<tree::Doc, Diagnostic>, SourceError> {
    let is_json = force_json || source::looks_like_json(text);
    let parsed = if is_json {
        json::parse(text)
    } else {
        yaml::parse(text)
    };
    match parsed {
        Ok(doc) => Ok(Ok(doc)),
        Err(yaml::YamlError::Syntax(e)) => {
            let lang = if is_json { "JSON" } else { "YAML" };
            let at = tree::Span::new(e.offset as usize, e.offset as usize);
            let kubelet = if is_json {
                format!("failed to decode: {}", e.message)
            } else {
                format!("failed to decode: yaml: {}", e.message)
            };
            Ok(Err(Diagnostic::new(
                Code::KL001,
                Some(at),
                format!("{lang} syntax error: {}", e.message),
            )
            .kubelet(kubelet)
            .help(
                "fix the syntax; the kubelet cannot read the file at all",
            )))
        }
        Err(yaml::YamlError::TooDeep) => Err(SourceError::TooDeep {
            name: name.into(),
            limit: source::MAX_DEPTH,
        }),
        Err(yaml::YamlError::Aliasing) => Err(SourceError::ExcessiveAliasing {
            name: name.into(),
            limit: source::MAX_NODES,
        }),
        Err(yaml::YamlError::TooManyNodes) => Err(SourceError::TooManyNodes {
            name: name.into(),
            limit: source::MAX_NODES,
        }),
    }
}

fn lint(
    name: &str,
    bytes: &[u8],
    opts: &LintOptions,
    configz: bool,
) -> Result<FileReport, SourceError> {
    let text = source::check(name, bytes)?;
    let kind = if configz {
        InputKind::Configz
    } else if source::looks_like_json(text) {
        InputKind::Json
    } else {
        InputKind::Yaml
    };
    let mut diags = Vec::new();
    let doc = match parse_doc(name, text, configz)? {
        Ok(doc) => doc,
        Err(d) => {
            diags.push(d);
            let secrets = secret::spans_unparsed(text);
            return Ok(finish(name, kind, text, diags, opts).with_redactions(&secrets));
        }
    };
    let secrets = secret::spans(text, &doc, configz);
    let minor = opts.kubelet_version.minor;
    let decoded = decode::decode(name, &doc, minor, configz, &mut diags)?;
    // A note under staticPodURLHeader would quote the value; its type error says enough.
    for n in doc
        .yaml11
        .iter()
        .filter(|n| !secret::within(n.span, &secrets))
    {
        let octal = n.read_as.contains("octal");
        let code = if octal { Code::KL012 } else { Code::KL013 };
        let help = if octal {
            format!(
                "write {} without the leading zero, or quote it if it is text",
                n.read_as.split_whitespace().nth(2).unwrap_or("the number")
            )
        } else {
            "write true or false".into()
        };
        diags.push(
            Diagnostic::new(
                code,
                Some(n.span),
                format!(
                    "`{}` is read as {}",
                    crate::output::sanitize::sanitize(&n.raw),
                    n.read_as
                ),
            )
            .help(help),
        );
    }
    if let Some(sp) = doc.extra_document {
        diags.push(
            Diagnostic::new(Code::KL011, Some(sp), "a second YAML document starts here; the kubelet reads only the first one and ignores everything below")
                .help("move these settings into the first document, or delete the `---` and what follows"),
        );
    }
    let fatal = decoded.fatal
        || diags.iter().any(|d| {
            matches!(
                d.code,
                Code::KL002 | Code::KL003 | Code::KL004 | Code::KL005
            )
        });
    if !fatal {
        let view = defaults::View::new(&decoded.fields, minor, decoded.anchor, configz);
        validate::run(&view, &mut diags);
        eviction::run(&view, &mut diags);
        validate::feature_gates(&view, &mut diags);
        safety::run(&view, &mut diags);
    }
    Ok(finish(name, kind, text, diags, opts).with_redactions(&secrets))
}

fn finish(
    name: &str,
    kind: InputKind,
    text: &str,
    mut diags: Vec<Diagnostic>,
    opts: &LintOptions,
) -> FileReport {
    diags.retain(|d| rules::enabled(d.code, &opts.select, &opts.ignore));
    FileReport::new(name, kind, text, diags)
}
