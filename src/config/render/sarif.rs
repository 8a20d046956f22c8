//! SARIF 2.1.0 with the full rule catalogue in `tool.driver.rules`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::super::diagnostic::{FileReport, Severity};
use super::super::rules::RULES;

/// SARIF's level for a severity.
pub(crate) fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for the artifact (forward slashes, reserved bytes escaped).
pub(crate) fn uri(name: &str) -> String {
    let mut out = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "defaultConfiguration": {"level": level(r.severity)},
                "help": {"text": r.explanation},
                "properties": {"category": r.category},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let idx = d.code.index();
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            let mut phys = json!({"artifactLocation": {"uri": uri(&r.name)}});
            if let (Some(s), Some(e)) = (d.start, d.end) {
                phys["region"] = json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column.max(if e.line == s.line { s.column } else { 1 })});
            }
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": idx,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{"physicalLocation": phys}],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kubelet-doctor", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    out.write_all(crate::output::json::report(&doc).as_bytes())?;
    writeln!(out)
}
