//! Renders a healthz report: a kubectl-style table for people, a stable versioned JSON
//! document for scripts (shape documented in README), and the one-line summary for stderr.

use comfy_table::{Attribute, Cell, Color};
use serde::Serialize;

use super::verdict::Verdict;
use super::{Report, Row};
use crate::duration::human_age;
use crate::nodes::health::LeaseState;
use crate::output::sanitize::sanitize;
use crate::output::table::{new_table, render};

/// The table: one row per kubelet.
pub fn table(report: &Report, color: bool) -> String {
    // Coloured through comfy-table (which measures the text, not the escape codes).
    let verdict_cell = |v: Verdict| {
        let cell = Cell::new(v.label());
        match v {
            Verdict::Healthy => cell.fg(Color::Green),
            Verdict::Unhealthy => cell.fg(Color::Red).add_attribute(Attribute::Bold),
            Verdict::Unknown => cell.fg(Color::Yellow),
        }
    };
    let mut t = if report.local {
        new_table(&["URL", "VERDICT", "HEALTHZ", "LATENCY", "DETAIL"], color)
    } else {
        new_table(
            &[
                "NODE", "VERDICT", "HEALTHZ", "READY", "LEASE", "LATENCY", "DETAIL",
            ],
            color,
        )
    };
    for row in &report.rows {
        let healthz = match row.probe.http_status {
            Some(code) if row.probe.healthz.state() != "ok" => {
                format!("{} ({code})", row.probe.healthz.state())
            }
            _ => row.probe.healthz.state().to_string(),
        };
        let latency = row
            .probe
            .latency
            .map(latency_text)
            .unwrap_or_else(|| "-".into());
        let detail = sanitize(&row.detail.join("; ")).into_owned();
        if report.local {
            t.add_row(vec![
                Cell::new(sanitize(row.url.as_deref().unwrap_or("-"))),
                verdict_cell(row.verdict),
                Cell::new(healthz),
                Cell::new(latency),
                Cell::new(detail),
            ]);
        } else {
            // The Ready status is the cluster's text like any other: sanitized.
            let ready = row
                .ready
                .as_deref()
                .map(|r| if r.is_empty() { "-" } else { r })
                .unwrap_or("?");
            t.add_row(vec![
                Cell::new(sanitize(row.node.as_deref().unwrap_or(""))),
                verdict_cell(row.verdict),
                Cell::new(healthz),
                Cell::new(sanitize(ready)),
                Cell::new(lease_text(row.lease.as_ref())),
                Cell::new(latency),
                Cell::new(detail),
            ]);
        }
    }
    render(&t)
}

fn latency_text(d: std::time::Duration) -> String {
    if d.as_millis() >= 1000 {
        format!("{:.1}s", d.as_secs_f64())
    } else {
        format!("{}ms", d.as_millis())
    }
}

fn lease_text(lease: Option<&LeaseState>) -> String {
    match lease {
        None | Some(LeaseState::NotChecked) => "?".into(),
        Some(LeaseState::Fresh { age }) => human_age(*age),
        Some(LeaseState::Stale { age, .. }) => format!("{} (stale)", human_age(*age)),
        Some(LeaseState::Future { .. }) => "future".into(),
        Some(LeaseState::Missing) => "none".into(),
        Some(LeaseState::Unreadable) => "unreadable".into(),
    }
}

/// The one line on stderr that sums the run up.
pub fn summary(report: &Report) -> String {
    let count = |v: Verdict| report.rows.iter().filter(|r| r.verdict == v).count();
    let (total, unhealthy, unknown) = (
        report.rows.len(),
        count(Verdict::Unhealthy),
        count(Verdict::Unknown),
    );
    let noun = if total == 1 { "kubelet" } else { "kubelets" };
    let mut line = if unhealthy == 0 && unknown == 0 {
        if total == 1 {
            "kubelet healthy".to_string()
        } else {
            format!("all {total} {noun} healthy")
        }
    } else if unknown == 0 {
        format!("{unhealthy} of {total} {noun} unhealthy")
    } else if unhealthy == 0 {
        format!("{unknown} of {total} {noun} not judged")
    } else {
        format!("{unhealthy} of {total} {noun} unhealthy, {unknown} not judged")
    };
    if let Some(w) = &report.waited {
        line.push_str(&format!(" (after {})", w));
    }
    line
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    api_version: &'static str,
    kind: &'static str,
    mode: &'static str,
    healthy: bool,
    summary: JsonSummary,
    results: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    total: usize,
    healthy: usize,
    unhealthy: usize,
    unknown: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonRow<'a> {
    node: Option<&'a str>,
    url: Option<&'a str>,
    verdict: Verdict,
    healthz: JsonHealthz<'a>,
    ready: Option<&'a str>,
    lease: Option<JsonLease>,
    detail: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonHealthz<'a> {
    state: &'static str,
    http_status: Option<u16>,
    failed_checks: &'a [String],
    latency_ms: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLease {
    state: &'static str,
    age_seconds: Option<u64>,
}

/// The JSON document (`apiVersion: kubelet-doctor/v1`, `kind: HealthzReport`).
pub fn json(report: &Report) -> String {
    let count = |v: Verdict| report.rows.iter().filter(|r| r.verdict == v).count();
    let doc = JsonReport {
        api_version: "kubelet-doctor/v1",
        kind: "HealthzReport",
        mode: if report.local { "local" } else { "remote" },
        // Same rule as the exit status: a node that could not even be judged is not healthy.
        healthy: report.all_healthy(),
        summary: JsonSummary {
            total: report.rows.len(),
            healthy: count(Verdict::Healthy),
            unhealthy: count(Verdict::Unhealthy),
            unknown: count(Verdict::Unknown),
        },
        results: report.rows.iter().map(json_row).collect(),
    };
    let mut out = crate::output::json::report(&doc);
    out.push('\n');
    out
}

fn json_row(row: &Row) -> JsonRow<'_> {
    use super::verdict::Healthz;
    static NONE: [String; 0] = [];
    JsonRow {
        node: row.node.as_deref(),
        url: row.url.as_deref(),
        verdict: row.verdict,
        healthz: JsonHealthz {
            state: row.probe.healthz.state(),
            http_status: row.probe.http_status,
            failed_checks: match &row.probe.healthz {
                Healthz::Failing { failed, .. } => failed,
                _ => &NONE,
            },
            latency_ms: row
                .probe
                .latency
                .map(|d| (d.as_secs_f64() * 1e6).round() / 1e3),
        },
        ready: row.ready.as_deref(),
        lease: row.lease.as_ref().and_then(|l| {
            let (state, age) = match l {
                LeaseState::Fresh { age } => ("fresh", Some(age.as_secs())),
                LeaseState::Stale { age, .. } => ("stale", Some(age.as_secs())),
                LeaseState::Future { .. } => ("future", None),
                LeaseState::Missing => ("missing", None),
                LeaseState::Unreadable => ("unreadable", None),
                LeaseState::NotChecked => return None,
            };
            Some(JsonLease {
                state,
                age_seconds: age,
            })
        }),
        detail: &row.detail,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::healthz::Probe;
    use crate::healthz::verdict::Healthz;

    fn row(node: &str, healthz: Healthz, verdict: Verdict, detail: &str) -> Row {
        Row {
            node: Some(node.into()),
            url: None,
            probe: Probe {
                healthz,
                http_status: Some(200),
                latency: Some(Duration::from_millis(12)),
            },
            ready: Some("True".into()),
            lease: Some(LeaseState::Fresh {
                age: Duration::from_secs(4),
            }),
            verdict,
            detail: vec![detail.into()],
        }
    }

    #[test]
    fn colour_keeps_the_layout() {
        // Pre-coloured strings in cells used to count their escape codes as width.
        let report = Report {
            local: false,
            rows: vec![
                row("a", Healthz::Ok, Verdict::Healthy, ""),
                row("node-bb", Healthz::Ok, Verdict::Unhealthy, "lease stale"),
            ],
            waited: None,
            errors: Vec::new(),
        };
        let plain = table(&report, false);
        let coloured = table(&report, true);
        assert_ne!(plain, coloured);
        assert_eq!(crate::output::table::strip_sgr(&coloured), plain);
    }

    #[test]
    fn table_escapes_cluster_text_and_sums_up() {
        let mut hostile = row(
            "evil\u{1b}[2J",
            Healthz::Ok,
            Verdict::Unhealthy,
            "healthz ok but node NotReady (x\u{7})",
        );
        // The Ready condition's status is the cluster's text too.
        hostile.ready = Some("True\u{1b}]0;x\u{7}".into());
        let report = Report {
            local: false,
            rows: vec![row("a", Healthz::Ok, Verdict::Healthy, ""), hostile],
            waited: None,
            errors: Vec::new(),
        };
        let text = table(&report, false);
        assert!(text.contains("True\\e]0;x\\x07"), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(text.contains("evil\\e[2J"), "{text}");
        assert!(text.lines().nth(1).unwrap().starts_with("a "), "{text}");
        assert!(text.contains("12ms"));
        assert_eq!(summary(&report), "1 of 2 kubelets unhealthy");
    }

    #[test]
    fn json_of_an_empty_run_is_still_a_document() {
        let report = Report {
            local: false,
            rows: Vec::new(),
            waited: None,
            errors: Vec::new(),
        };
        let v: serde_json::Value = serde_json::from_str(&json(&report)).unwrap();
        assert_eq!(v["healthy"], true);
        assert_eq!(v["summary"]["total"], 0);
        assert_eq!(v["results"], serde_json::json!([]));
    }
}
