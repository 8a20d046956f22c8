//! The status report for people (verdict, findings as blocks, the checks as a table) and for
//! scripts (`-o json`, kind StatusReport). Text from the bundle is sanitized for the terminal;
//! JSON keeps it raw (escaped by `output::json::report`). Pure.

use super::report::{Confidence, Finding, Report};
use crate::output::sanitize::sanitize;

/// The human-readable report.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let fatal = report.findings.iter().filter(|f| f.fatal).count();
    let others = report.findings.len() - fatal;
    out.push_str(&format!("Verdict: {}", report.verdict.as_str()));
    match (fatal, others) {
        (0, 0) => out.push_str(" (no findings)\n"),
        (0, n) => out.push_str(&format!(" ({})\n", plural(n, "finding"))),
        (f, 0) => out.push_str(&format!(" ({f} fatal)\n")),
        (f, n) => out.push_str(&format!(" ({f} fatal, {} more)\n", plural(n, "finding"))),
    }
    for (i, f) in report.findings.iter().enumerate() {
        out.push('\n');
        out.push_str(&finding(i + 1, f));
    }
    out.push('\n');
    let rows = report
        .checks
        .iter()
        .map(|c| vec![c.name.to_string(), sanitize(&c.result).into_owned()])
        .collect();
    out.push_str(&crate::output::table::render_rows(
        &["CHECK", "RESULT"],
        rows,
        false,
    ));
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn finding(n: usize, f: &Finding) -> String {
    let mut head = vec![f.severity.as_str().to_string()];
    if f.fatal {
        head.push("fatal".into());
    }
    if f.count > 1 {
        head.push(if f.fatal && f.source == super::report::Source::Journal {
            format!("{} runs in a row", f.count)
        } else {
            format!("{} times", f.count)
        });
    }
    if let Some(t) = &f.time {
        head.push(t.clone());
    }
    let how = match f.confidence {
        Confidence::Confirmed => "confirmed",
        Confidence::LogOnly => "log only",
        Confidence::CheckOnly => "check only",
    };
    let source = serde_json::to_value(f.source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut s = format!(
        "[{n}] {}: {} ({source}, {how})\n",
        f.cause.id(),
        head.join(", ")
    );
    s.push_str(&format!("    {}\n", sanitize(&f.evidence)));
    for c in &f.checked {
        s.push_str(&format!("    checked: {}\n", sanitize(c)));
    }
    s.push_str(&format!("    fix: {}\n", f.remedy));
    s
}

/// `-o json`.
pub fn json(report: &Report) -> String {
    let mut s = crate::output::json::report(report);
    s.push('\n');
    s
}
