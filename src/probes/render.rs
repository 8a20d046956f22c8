//! Output of `kubelet-doctor probes`: the table (one row per failing probe, or one per group),
//! `-o wide`, the versioned JSON document (`kind: ProbesReport`, `version: 1`) and `-o name`.
//! Every piece of cluster text in a table or a name list goes through the one sanitizer; JSON
//! keeps the raw text.

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::jiff::Timestamp;
use serde::Serialize;

use super::command::{ProbesSettings, Report};
use super::finding::{ContainerKind, Finding};
use super::group::{Group, GroupBy, NO_NODE, group};
use crate::duration::{age_since, human_age};
use crate::output::sanitize::sanitize;
use crate::output::table::{CUT, Fit, KEEP, fit_rows, render_rows};

pub const KIND: &str = "ProbesReport";
/// The JSON document's version; bump only with a breaking change of its shape.
pub const VERSION: u32 = 1;

/// `app`, or `init:proxy` for a sidecar.
fn container_label(f: &Finding) -> String {
    let name = sanitize(&f.container);
    match f.container_kind {
        ContainerKind::Container => name.into_owned(),
        ContainerKind::Init => format!("init:{name}"),
    }
}

fn count(n: i64) -> String {
    if n == 0 { "-".into() } else { n.to_string() }
}

/// `137 Error after 42s`, `OOMKilled`, `-`.
fn last_exit(f: &Finding) -> String {
    let Some(l) = &f.last_termination else {
        return "-".into();
    };
    let mut s = format!("{} {}", l.exit_code, l.reason.as_deref().unwrap_or("?"));
    if let Some(r) = l.ran_seconds {
        s.push_str(&format!(
            " after {}",
            human_age(Duration::from_secs(r as u64))
        ));
    }
    sanitize(&s).into_owned()
}

/// The probe output for a table: one line, sanitized; the note when no event is left.
fn detail(f: &Finding) -> String {
    match (&f.message, &f.note) {
        (Some(m), _) if !m.trim().is_empty() => sanitize(m.trim()).into_owned(),
        (Some(_), _) => "(empty output)".into(),
        (None, Some(n)) => n.clone(),
        (None, None) => "-".into(),
    }
}

/// One row per failing probe. On a terminal (`width`) the table fits: names and the remedy are
/// cut with `…`, then the least useful columns go; `-o wide` and pipes keep everything.
pub fn table(report: &Report, wide: bool, color: bool, width: Option<usize>) -> String {
    if report.findings.is_empty() {
        return String::new();
    }
    let fitted = width.filter(|_| !wide);
    let now = Timestamp::now();
    let headers: &[&str] = if wide {
        &[
            "NAMESPACE",
            "POD",
            "CONTAINER",
            "PROBE",
            "HANDLER",
            "CAUSE",
            "SINCE",
            "COUNT",
            "KILLS",
            "RESTARTS",
            "LAST-EXIT",
            "NODE",
            "WORKLOAD",
            "REMEDY",
            "MESSAGE",
        ]
    } else {
        &[
            "NAMESPACE",
            "POD",
            "CONTAINER",
            "PROBE",
            "CAUSE",
            "SINCE",
            "COUNT",
            "RESTARTS",
            "NODE",
            "REMEDY",
        ]
    };
    let mut rows = Vec::with_capacity(report.findings.len());
    for f in &report.findings {
        let node = sanitize(f.node.as_deref().unwrap_or(NO_NODE)).into_owned();
        let mut row = vec![
            sanitize(&f.namespace).into_owned(),
            sanitize(&f.pod).into_owned(),
            container_label(f),
            f.probe.to_string(),
        ];
        if wide {
            row.push(f.handler.to_string());
        }
        row.extend([
            f.cause.to_string(),
            age_since(f.since.as_ref(), now),
            count(f.count),
        ]);
        if wide {
            row.push(count(f.kills));
        }
        row.push(f.restarts.to_string());
        if wide {
            row.push(last_exit(f));
        }
        row.push(node);
        if wide {
            row.push(sanitize(&f.workload.key()).into_owned());
        }
        // The remedy quotes spec values (port names, paths, commands): cluster text too.
        row.push(sanitize(&f.remedy).into_owned());
        if wide {
            row.push(detail(f));
        }
        rows.push(row);
    }
    let Some(width) = fitted else {
        return render_rows(headers, rows, color);
    };
    // CAUSE, PROBE and SINCE are what the eye looks for: never cut nor dropped. The remedy and
    // names are cut; then the node goes, the count, the container, the restarts.
    let cut = |drop| Fit { cut: true, drop };
    let whole = |drop| Fit { cut: false, drop };
    let fits = [
        cut(None),
        cut(None),
        cut(Some(3)),
        KEEP,
        KEEP,
        KEEP,
        whole(Some(2)),
        whole(Some(4)),
        cut(Some(1)),
        cut(None),
    ];
    let (kept, rows) = fit_rows(headers, &fits, rows, width);
    render_rows(&kept, rows, color)
}

/// One row per group.
pub fn group_table(report: &Report, by: GroupBy, color: bool, width: Option<usize>) -> String {
    if report.findings.is_empty() {
        return String::new();
    }
    let now = Timestamp::now();
    let key = by.as_str().to_uppercase();
    let rows: Vec<Vec<String>> = group(&report.findings, by)
        .iter()
        .map(|g| {
            let causes: Vec<String> = g
                .causes
                .iter()
                .map(|c| format!("{}:{}", c.cause, c.findings))
                .collect();
            vec![
                sanitize(&g.key).into_owned(),
                g.findings.to_string(),
                g.containers.to_string(),
                g.pods.to_string(),
                g.nodes.to_string(),
                age_since(g.since.as_ref(), now),
                causes.join(","),
            ]
        })
        .collect();
    let headers = [
        key.as_str(),
        "PROBES",
        "CONTAINERS",
        "PODS",
        "NODES",
        "SINCE",
        "CAUSES",
    ];
    let Some(width) = width else {
        return render_rows(&headers, rows, color);
    };
    let fits = [CUT, KEEP, KEEP, KEEP, KEEP, KEEP, CUT];
    let (kept, rows) = fit_rows(&headers, &fits, rows, width);
    render_rows(&kept, rows, color)
}

/// `pod/NAMESPACE/NAME`, one line per pod with a finding, in listing order.
pub fn names(report: &Report) -> String {
    crate::output::pod_names(
        report
            .findings
            .iter()
            .map(|f| (f.uid.as_str(), f.namespace.as_str(), f.pod.as_str())),
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    kind: &'static str,
    version: u32,
    scope: &'a crate::client::list::PodScope,
    summary: JsonSummary,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    group_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<Group>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSummary {
    pods_scanned: u64,
    probe_events: u64,
    pods: usize,
    findings: usize,
    by_cause: BTreeMap<&'static str, usize>,
}

/// The JSON document; raw probe output and event messages.
pub fn json(report: &Report, settings: &ProbesSettings) -> String {
    let mut by_cause = BTreeMap::new();
    for f in &report.findings {
        *by_cause.entry(f.cause.id()).or_default() += 1;
    }
    let doc = JsonReport {
        kind: KIND,
        version: VERSION,
        scope: &settings.scope,
        summary: JsonSummary {
            pods_scanned: report.pods_scanned,
            probe_events: report.probe_events,
            pods: report.pods(),
            findings: report.findings.len(),
            by_cause,
        },
        findings: &report.findings,
        group_by: settings.group_by.map(GroupBy::as_str),
        groups: settings.group_by.map(|by| group(&report.findings, by)),
        warnings: &report.warnings,
    };
    let mut out = crate::output::json::report(&doc);
    out.push('\n');
    out
}

/// The closing line on stderr.
pub fn summary_line(report: &Report) -> String {
    let scanned = report.pods_scanned;
    let pods = |n: u64| if n == 1 { "pod" } else { "pods" };
    if report.findings.is_empty() {
        return format!(
            "no failing probe ({scanned} {} scanned, {} probe {})",
            pods(scanned),
            report.probe_events,
            if report.probe_events == 1 {
                "event"
            } else {
                "events"
            }
        );
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *counts.entry(f.cause.id()).or_default() += 1;
    }
    let mut causes: Vec<(&str, usize)> = counts.into_iter().collect();
    causes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let causes: Vec<String> = causes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let n = report.findings.len();
    let in_pods = report.pods() as u64;
    format!(
        "{n} failing {} in {in_pods} {} ({}) of {scanned} {} scanned",
        if n == 1 { "probe" } else { "probes" },
        pods(in_pods),
        causes.join(", "),
        pods(scanned),
    )
}
