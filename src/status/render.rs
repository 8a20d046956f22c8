//! The status report for people (verdict, findings as blocks, the checks as a table) and for
//! scripts (`-o json`, kind StatusReport). Text from the bundle is sanitized for the terminal;
//! JSON keeps it raw (escaped by `output::json::report`). Pure.

use super::report::{Check, Confidence, Finding, Report};
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
    findings_and_checks(&mut out, &report.findings, &report.checks);
    out
}

/// Each finding as a block, then the checks table: one node's report, local or remote.
fn findings_and_checks(out: &mut String, findings: &[Finding], checks: &[Check]) {
    for (i, f) in findings.iter().enumerate() {
        out.push('\n');
        out.push_str(&finding(i + 1, f));
    }
    out.push('\n');
    let rows = checks
        .iter()
        .map(|c| vec![c.name.to_string(), sanitize(&c.result).into_owned()])
        .collect();
    out.push_str(&crate::output::table::render_rows(
        &["CHECK", "RESULT"],
        rows,
        false,
    ));
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn finding(n: usize, f: &Finding) -> String {
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
    // A remedy may name a process from the host (port-in-use).
    s.push_str(&format!("    fix: {}\n", sanitize(&f.remedy)));
    s
}

/// `-o json`.
pub fn json(report: &Report) -> String {
    let mut s = crate::output::json::report(report);
    s.push('\n');
    s
}

/// `status --node`/`--all-nodes` for people: one node in full, several grouped by cause
/// ("cni-not-ready on 12 of 40 nodes: ...") then one row per node, fitted to `width` (a
/// terminal's: DETAIL is cut, the rest kept whole) or whole. Cluster text sanitized.
pub fn remote_text(
    nodes: &[super::remote::NodeStatus],
    full: bool,
    width: Option<usize>,
) -> String {
    let mut out = String::new();
    if full && let [n] = nodes {
        out.push_str(&format!(
            "Node {}: verdict {} (through the API server)\n",
            sanitize(&n.node),
            n.verdict.as_str()
        ));
        findings_and_checks(&mut out, &n.findings, &n.checks);
        out.push_str(&format!("\nNot seen remotely: {}.\n", n.not_seen));
        return out;
    }
    let total = nodes.len();
    for (cause, names) in super::remote::by_cause(nodes) {
        let shown: Vec<String> = names
            .iter()
            .take(10)
            .map(|n| sanitize(n).into_owned())
            .collect();
        let more = if names.len() > 10 {
            format!(", and {} more", names.len() - 10)
        } else {
            String::new()
        };
        let line = format!(
            "{} on {} of {total} nodes: {}{more}",
            cause.id(),
            names.len(),
            shown.join(", ")
        );
        match width {
            Some(w) => out.push_str(&crate::output::table::wrap(&line, w, 2)),
            None => out.push_str(&line),
        }
        out.push('\n');
    }
    let healthy = nodes
        .iter()
        .filter(|n| n.verdict == super::report::Verdict::Healthy)
        .count();
    out.push_str(&format!("healthy: {healthy} of {total} nodes\n\n"));
    let rows = nodes
        .iter()
        .map(|n| {
            let mut causes: Vec<&str> = Vec::new();
            for f in &n.findings {
                if !causes.contains(&f.cause.id()) {
                    causes.push(f.cause.id());
                }
            }
            let journal = match &n.logs {
                super::remote::Logs::Read { lines } => format!("{lines} lines"),
                super::remote::Logs::NotRead { .. } => "not read".to_string(),
            };
            let detail = match &n.error {
                Some(e) => e.clone(),
                None => n
                    .findings
                    .first()
                    .map(|f| f.evidence.clone())
                    .unwrap_or_default(),
            };
            vec![
                sanitize(&n.node).into_owned(),
                n.verdict.as_str().to_string(),
                if causes.is_empty() {
                    "-".into()
                } else {
                    causes.join(",")
                },
                journal,
                sanitize(&detail).into_owned(),
            ]
        })
        .collect();
    let headers = ["NODE", "VERDICT", "CAUSES", "JOURNAL", "DETAIL"];
    let (headers, rows) = match width {
        Some(w) => {
            use crate::output::table::{CUT, KEEP};
            crate::output::table::fit_rows(&headers, &[KEEP, KEEP, KEEP, KEEP, CUT], rows, w)
        }
        None => (headers.to_vec(), rows),
    };
    out.push_str(&crate::output::table::render_rows(&headers, rows, false));
    // Every node was asked the same window.
    let not_seen = nodes
        .first()
        .map_or(super::remote::NOT_REMOTE, |n| n.not_seen.as_str());
    let footer = format!("Not seen remotely: {not_seen}.");
    match width {
        Some(w) => out.push_str(&format!(
            "\n{}\n",
            crate::output::table::wrap(&footer, w, 0)
        )),
        None => out.push_str(&format!("\n{footer}\n")),
    }
    out
}

/// `status --node`/`--all-nodes -o json` (kind StatusNodesReport).
pub fn remote_json(nodes: &[super::remote::NodeStatus]) -> String {
    #[derive(serde::Serialize)]
    struct Group<'a> {
        cause: super::Cause,
        nodes: Vec<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        kind: &'static str,
        version: u32,
        causes: Vec<Group<'a>>,
        nodes: &'a [super::remote::NodeStatus],
    }
    let doc = Doc {
        kind: "StatusNodesReport",
        version: 1,
        causes: super::remote::by_cause(nodes)
            .into_iter()
            .map(|(cause, nodes)| Group { cause, nodes })
            .collect(),
        nodes,
    };
    let mut s = crate::output::json::report(&doc);
    s.push('\n');
    s
}
