//! Output of `probes lint`, in `config lint`'s formats and looks: `full` (the source line with a
//! marker, rustc-style), `concise`, `json` (`kind: ProbesLintReport`, `version: 1`), `sarif`
//! (2.1.0) and `github` (workflow commands). The colours, severities, summary counts and
//! `OutputFormat` are `config lint`'s own; human formats escape file text.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::check::Diagnostic;
use super::rules::RULES;
use crate::config::render::{OutputFormat, Paint};
use crate::config::source::{LineIndex, Position};
use crate::output::sanitize::clean;

/// The findings of one input, with positions.
pub struct FileLint {
    pub name: String,
    pub source: String,
    pub diagnostics: Vec<(Diagnostic, Position, Position)>,
}

impl FileLint {
    pub fn new(name: &str, source: &str, diagnostics: Vec<Diagnostic>) -> FileLint {
        let idx = LineIndex::new(source);
        let diagnostics = diagnostics
            .into_iter()
            .map(|d| {
                let (s, e) = (idx.position(d.span.start), idx.position(d.span.end));
                (d, s, e)
            })
            .collect();
        FileLint {
            name: name.to_string(),
            source: source.to_string(),
            diagnostics,
        }
    }
}

pub fn render(
    files: &[FileLint],
    format: OutputFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => full(files, color, out),
        OutputFormat::Concise => concise(files, color, out),
        OutputFormat::Json => json_doc(files, out),
        OutputFormat::Sarif => sarif(files, out),
        OutputFormat::Github => github(files, out),
    }
}

fn whose(d: &Diagnostic) -> String {
    format!("{}, container {}", clean(&d.object), clean(&d.container))
}

fn full(files: &[FileLint], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint(color);
    let mut first = true;
    for f in files {
        let idx = LineIndex::new(&f.source);
        for (d, s, e) in &f.diagnostics {
            if !first {
                writeln!(out)?;
            }
            first = false;
            let sev = d.severity.as_str();
            writeln!(
                out,
                "{}: {} {}",
                p.severity(d.severity, &format!("{sev}[{}]", d.code)),
                p.bold(&clean(&d.message)),
                p.dim(&format!("({})", d.code.rule().name))
            )?;
            let num = s.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(
                out,
                "{pad}{} {}:{}:{} ({})",
                p.blue("-->"),
                clean(&f.name),
                s.line,
                s.column,
                whose(d)
            )?;
            let line: String = idx
                .line_text(s.line)
                .chars()
                .map(|c| {
                    if c == '\t' {
                        ' '
                    } else if c.is_control() {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let width = if e.line == s.line {
                (e.column.saturating_sub(s.column)).max(1)
            } else {
                1
            };
            writeln!(out, "{pad} {}", p.blue("|"))?;
            writeln!(out, "{} {} {line}", p.blue(&num), p.blue("|"))?;
            writeln!(
                out,
                "{pad} {} {}{}",
                p.blue("|"),
                " ".repeat(s.column as usize - 1),
                p.severity(d.severity, &"^".repeat(width as usize))
            )?;
            writeln!(out, "{pad} {} help: {}", p.blue("="), clean(&d.help))?;
        }
    }
    Ok(())
}

fn concise(files: &[FileLint], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint(color);
    for f in files {
        for (d, s, _) in &f.diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {} {} ({})",
                clean(&f.name),
                s.line,
                s.column,
                p.severity(d.severity, &format!("{} [{}]", d.code, d.severity.as_str())),
                clean(&d.message),
                whose(d)
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonDiag<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    object: &'a str,
    container: &'a str,
    probe: Option<&'static str>,
    field: &'a str,
    start: Position,
    end: Position,
}

fn json_doc(files: &[FileLint], out: &mut dyn Write) -> io::Result<()> {
    let files: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            let diags: Vec<JsonDiag<'_>> = f
                .diagnostics
                .iter()
                .map(|(d, s, e)| JsonDiag {
                    code: d.code.as_str(),
                    name: d.code.rule().name,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    help: &d.help,
                    object: &d.object,
                    container: &d.container,
                    probe: d.probe.map(|k| k.as_str()),
                    field: &d.field,
                    start: *s,
                    end: *e,
                })
                .collect();
            json!({"name": f.name, "diagnostics": diags})
        })
        .collect();
    let doc = json!({"kind": "ProbesLintReport", "version": 1, "files": files});
    writeln!(out, "{}", crate::output::json::report(&doc))
}

fn sarif(files: &[FileLint], out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code_str, "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "defaultConfiguration": {"level": crate::config::render::sarif::level(r.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for (d, s, e) in &f.diagnostics {
            results.push(json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": d.code as usize,
                "level": crate::config::render::sarif::level(d.severity),
                "message": {"text": format!("{} ({})\nhelp: {}", d.message, whose(d), d.help)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": crate::config::render::sarif::uri(&f.name)},
                    "region": {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column}
                }}],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kubelet-doctor probes lint", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    writeln!(out, "{}", crate::output::json::report(&doc))
}

fn github(files: &[FileLint], out: &mut dyn Write) -> io::Result<()> {
    use crate::config::render::github::{data, property};
    for f in files {
        for (d, s, e) in &f.diagnostics {
            let lvl = crate::config::render::github::level(d.severity);
            let title = format!("{} {}", d.code, d.code.rule().name);
            let msg = format!(
                "{} ({})\nhelp: {}",
                clean(&d.message),
                whose(d),
                clean(&d.help)
            );
            writeln!(
                out,
                "::{lvl} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&clean(&f.name)),
                s.line,
                s.column,
                e.line,
                e.column,
                property(&title),
                data(&msg)
            )?;
        }
    }
    Ok(())
}
