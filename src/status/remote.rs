//! `status --node NAME` and `status --all-nodes [-l SELECTOR]`: a node judged from what the
//! API server offers (kubelet-status.md §4.6, §7): the Node (Ready classified like a journal
//! line), its Lease, and, where the kubelet answers system log queries (NodeLogQuery), its
//! journal through the node proxy, read by the same engine as on the node. Nodes are asked
//! `--parallel` at a time, each with its own `--timeout`, like `healthz --all-nodes`; one node
//! that cannot be asked is one row saying why, never the end of the run.

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;

use super::api::{self, ApiView};
use super::cause::{Cause, Severity};
use super::journal;
use super::report::{self, Finding, Gathered, Meta, Part, Report, Source, Verdict};
use crate::client::Cluster;
use crate::client::list::{ListEvent, ListSpec};
use crate::error::{Error, Result};

/// The node log query: the kubelet unit's journal, its last lines (enough for the last runs
/// without asking a node for megabytes).
pub const LOG_PATH: &str = "logs/?query=kubelet&tailLines=5000";
/// The most of a node's log answer read.
pub const LOG_CAP: usize = 4 << 20;
/// What only `status` on the node can see.
pub const NOT_REMOTE: &str = "unit state, command line, config files, host files (swap, cgroups, certificates, ports, sysctls), CRI and healthz: only on the node (`sudo kubelet-doctor status` there)";

/// Which nodes to ask.
#[derive(Clone, Debug)]
pub struct RemoteStatus {
    pub names: Vec<String>,
    pub selector: Option<String>,
    pub parallel: usize,
    pub timeout: Duration,
    /// `--since`: the journal from this long ago (the log query's `sinceTime`).
    pub since: Option<Duration>,
}

/// The log query's `sinceTime`: `now_s` minus `since`, RFC 3339 in UTC to the second (the
/// kubelet parses it with Go's `time.RFC3339` and hands journalctl the wall-clock part, so
/// a `Z` time is the one that means the same on every node that logs in UTC).
pub fn since_time(now_s: i64, since: Duration) -> Option<String> {
    let secs = i64::try_from(since.as_secs()).ok()?;
    k8s_openapi::jiff::Timestamp::from_second(now_s.checked_sub(secs)?)
        .ok()
        .map(|t| t.to_string())
}

/// The node log query's path, with `sinceTime` when there is a window; `tailLines` stays, so
/// a long window still costs one node at most its last 5000 lines.
pub fn log_path(since_time: Option<&str>) -> String {
    match since_time {
        // An RFC 3339 `Z` time has only characters a query value may carry unescaped.
        Some(t) => format!("{LOG_PATH}&sinceTime={t}"),
        None => LOG_PATH.to_string(),
    }
}

/// What a remote look cannot see, and the journal's window when `--since` narrowed it.
pub fn not_seen(since_time: Option<&str>) -> String {
    match since_time {
        Some(t) => format!("{NOT_REMOTE}; the journal before {t} (--since)"),
        None => NOT_REMOTE.to_string(),
    }
}

/// What the journal through the node proxy gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Logs {
    /// Read: this many lines.
    Read { lines: u64 },
    /// Not read, and why (the feature off, 403, timeout, ...).
    NotRead { why: String },
}

/// One node's outcome.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    pub node: String,
    pub verdict: Verdict,
    pub logs: Logs,
    pub findings: Vec<Finding>,
    pub checks: Vec<report::Check>,
    pub not_seen: String,
    /// The API server could not be asked about this node at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Asks about every node in `names`, at most `parallel` at a time; results in input order.
pub async fn ask_all(
    cluster: &Cluster,
    names: &[String],
    target: &RemoteStatus,
) -> Vec<NodeStatus> {
    // The CSRs once for all nodes, not a full list per node.
    let csrs = match tokio::time::timeout(target.timeout, api::pending_csrs(cluster)).await {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {:?}", target.timeout)),
    };
    let csrs = &csrs;
    // One window for all nodes, so their journals and the footer agree.
    let since = target
        .since
        .and_then(|d| since_time(k8s_openapi::jiff::Timestamp::now().as_second(), d));
    let since = since.as_deref();
    crate::fanout::ordered(names, target.parallel, |name| {
        ask_node(cluster, name, target.timeout, csrs, since)
    })
    .await
}

/// The names of the nodes matching `selector` (all without one), sorted.
pub async fn node_names(cluster: &Cluster, selector: Option<&str>) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let spec = ListSpec::nodes(selector, 500);
    cluster
        .list_each::<serde_json::Value>(&spec, |event| {
            if let ListEvent::Item(node) = event
                && let Some(n) = node["metadata"]["name"].as_str()
            {
                names.push(n.to_string());
            }
            Ok(())
        })
        .await?;
    names.sort();
    Ok(names)
}

/// One node: the API view (the CSRs listed once for all nodes) and its journal since
/// `since_time` (RFC 3339) when given, within `timeout` each.
pub async fn ask_node(
    cluster: &Cluster,
    node: &str,
    timeout: Duration,
    csrs: &std::result::Result<HashMap<String, Vec<api::PendingCsr>>, String>,
    since_time: Option<&str>,
) -> NodeStatus {
    let view = match tokio::time::timeout(timeout, api::ask_node(cluster, node)).await {
        Ok(mut v) => {
            match csrs {
                Ok(by_node) => v.pending_csrs = by_node.get(node).cloned().unwrap_or_default(),
                Err(e) => v.csr_error = Some(e.clone()),
            }
            v
        }
        Err(_) => ApiView {
            node: node.to_string(),
            error: Some(format!("the API server did not answer within {timeout:?}")),
            ..ApiView::default()
        },
    };
    let now_s = k8s_openapi::jiff::Timestamp::now().as_second();
    let (journal, logs) = if view.found {
        fetch_logs(cluster, node, timeout, now_s, since_time).await
    } else {
        let why = if view.error.is_some() {
            "not asked: the API server's view failed".to_string()
        } else {
            "not asked: no such Node".to_string()
        };
        (None, Logs::NotRead { why })
    };
    judge(node, view, journal, logs, now_s, since_time)
}

/// GETs the node log query and reads it; `(None, why)` when the kubelet does not offer it.
async fn fetch_logs(
    cluster: &Cluster,
    node: &str,
    timeout: Duration,
    now_s: i64,
    since_time: Option<&str>,
) -> (Option<journal::Journal>, Logs) {
    let not = |why: String| (None, Logs::NotRead { why });
    match cluster
        .node_proxy_get_capped(node, &log_path(since_time), timeout, LOG_CAP)
        .await
    {
        Ok(r) if (200..300).contains(&r.status) => {
            let text = String::from_utf8_lossy(&r.body);
            if looks_like_html(&text) {
                return not(
                    "the kubelet does not answer system log queries (it served its /var/log listing): needs feature gate NodeLogQuery and enableSystemLogQuery: true".into(),
                );
            }
            let j = journal::read_short(&text, None, now_s);
            let lines = j.lines;
            (Some(j), Logs::Read { lines })
        }
        Ok(r) => match (r.status, &r.api_status) {
            (502..=504, Some(st)) => not(format!(
                "the API server could not reach the kubelet: {}",
                crate::output::sanitize::sanitize(&st.message)
            )),
            (404, None) => {
                not("the kubelet has no /logs/ handler (enableSystemLogHandler: false)".into())
            }
            (status, _) => not(format!(
                "the kubelet answered {status}: {}",
                crate::output::sanitize::sanitize(first_line(&String::from_utf8_lossy(&r.body)))
            )),
        },
        Err(Error::Timeout { .. }) => not(format!("no answer within {timeout:?}")),
        Err(Error::Forbidden { .. }) => not("403 Forbidden: needs get nodes/proxy".into()),
        Err(e) => not(e.to_string()),
    }
}

fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    // Bytes, not a str slice: byte 64 may fall inside a character.
    let head = &head.as_bytes()[..head.len().min(64)].to_ascii_lowercase();
    head.starts_with(b"<!doctype") || head.starts_with(b"<pre>") || head.starts_with(b"<html")
}

fn first_line(s: &str) -> &str {
    let l = s.lines().next().unwrap_or("").trim();
    match l.char_indices().nth(200) {
        Some((i, _)) => &l[..i],
        None => l,
    }
}

/// Causes with the nodes that have them, most nodes first (then by cause id).
pub fn by_cause(nodes: &[NodeStatus]) -> Vec<(Cause, Vec<&str>)> {
    let mut groups: Vec<(Cause, Vec<&str>)> = Vec::new();
    for n in nodes {
        let mut seen = Vec::new();
        for f in &n.findings {
            if seen.contains(&f.cause) {
                continue;
            }
            seen.push(f.cause);
            match groups.iter_mut().find(|(c, _)| *c == f.cause) {
                Some((_, names)) => names.push(&n.node),
                None => groups.push((f.cause, vec![&n.node])),
            }
        }
    }
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.id().cmp(b.0.id())));
    groups
}

/// Weighs one node with the bundle's engine, then says what a remote look cannot see (with
/// the journal's window when it was asked `since_time`). Pure.
pub fn judge(
    node: &str,
    view: ApiView,
    journal: Option<journal::Journal>,
    logs: Logs,
    now_s: i64,
    since_time: Option<&str>,
) -> NodeStatus {
    // A name the API server does not know is a typo or a deleted node: nothing to judge.
    let error = if view.found {
        None
    } else {
        Some(
            view.error
                .clone()
                .unwrap_or_else(|| format!("the API server has no Node named {node}")),
        )
    };
    let ready = view.ready.clone();
    let lease_fresh = view.lease_fresh() == Some(true);
    let g = Gathered {
        meta: Meta {
            collected_at: k8s_openapi::jiff::Timestamp::from_second(now_s)
                .ok()
                .map(|t| t.to_string()),
            hostname: Some(node.to_string()),
            tool_version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
        origin: format!("node {node} through the API server"),
        journal: journal.map_or(Part::Missing, Part::Read),
        api: Part::Read(view),
        // Everything else is only seen on the node.
        ..Gathered::default()
    };
    let mut r: Report = report::build(&g);
    if error.is_some() {
        r.findings.clear();
    }
    // A Ready condition the taxonomy does not name is still a node that is not Ready.
    if let Some(rd) = &ready
        && rd.status != "True"
        && r.findings.is_empty()
    {
        let fact = format!(
            "Node {node} Ready={} {}: {}",
            rd.status, rd.reason, rd.message
        );
        r.findings.push(report::check_finding(
            Cause::Unknown,
            Severity::Error,
            Source::Host,
            fact,
        ));
    }
    // Without the unit, a Ready node renewing its Lease is the remote proof of life.
    let alive = ready.as_ref().is_some_and(|rd| rd.status == "True") && lease_fresh;
    r.verdict = if error.is_some() {
        Verdict::Unknown
    } else if r.findings.iter().any(|f| f.fatal) {
        Verdict::Failing
    } else if !r.findings.is_empty() {
        Verdict::Degraded
    } else if alive || r.verdict == Verdict::Healthy {
        Verdict::Healthy
    } else {
        Verdict::Unknown
    };
    for c in &mut r.checks {
        match c.name {
            "bundle" | "api" => {}
            "journal" => {
                if let Logs::NotRead { why } = &logs {
                    c.result = format!("not read: {why}");
                } else {
                    c.result.push_str(" (node log query");
                    if let Some(t) = since_time {
                        c.result.push_str(" since ");
                        c.result.push_str(t);
                    }
                    c.result.push(')');
                }
            }
            _ => c.result = "not seen remotely".into(),
        }
    }
    NodeStatus {
        node: node.to_string(),
        verdict: r.verdict,
        logs,
        findings: r.findings,
        checks: r.checks,
        not_seen: not_seen(since_time),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::api::Ready;
    use crate::status::report::Confidence;

    fn view(status: &str, message: &str, lease: Option<(i64, i64)>) -> ApiView {
        ApiView {
            node: "n1".into(),
            found: true,
            ready: Some(Ready {
                status: status.into(),
                reason: "KubeletNotReady".into(),
                message: message.into(),
            }),
            lease_age_seconds: lease.map(|l| l.0),
            lease_duration_seconds: lease.map(|l| l.1),
            ..ApiView::default()
        }
    }

    fn not_read() -> Logs {
        Logs::NotRead { why: "off".into() }
    }

    #[test]
    fn ready_and_renewing_is_healthy() {
        let s = judge(
            "n1",
            view("True", "", Some((3, 40))),
            None,
            not_read(),
            0,
            None,
        );
        assert_eq!(s.verdict, Verdict::Healthy);
        assert!(s.findings.is_empty());
    }

    #[test]
    fn a_stale_lease_is_degraded() {
        let s = judge(
            "n1",
            view("True", "", Some((300, 40))),
            None,
            not_read(),
            0,
            None,
        );
        assert_eq!(s.verdict, Verdict::Degraded);
        assert_eq!(s.findings[0].cause, Cause::ApiUnreachable);
    }

    #[test]
    fn not_ready_for_an_unknown_reason_is_still_a_finding() {
        let s = judge(
            "n1",
            view("False", "something odd", Some((3, 40))),
            None,
            not_read(),
            0,
            None,
        );
        assert_eq!(s.verdict, Verdict::Degraded);
        assert_eq!(s.findings[0].cause, Cause::Unknown);
        assert_eq!(
            s.findings[0].evidence,
            "Node n1 Ready=False KubeletNotReady: something odd"
        );
        let f = &s.findings[0];
        assert_eq!((f.severity, f.fatal, f.count), (Severity::Error, false, 1));
        assert_eq!(
            (f.source, f.confidence),
            (Source::Host, Confidence::CheckOnly)
        );
        assert_eq!((f.time.as_deref(), f.checked.len()), (None, 0));
        assert_eq!(f.remedy, Cause::Unknown.remedy());
    }

    #[test]
    fn the_window_is_a_utc_since_time_next_to_tail_lines() {
        // 2025-06-03T10:12:13Z minus 30m.
        let t = since_time(1_748_945_533, Duration::from_secs(1800));
        assert_eq!(t.as_deref(), Some("2025-06-03T09:42:13Z"));
        assert_eq!(
            log_path(t.as_deref()),
            "logs/?query=kubelet&tailLines=5000&sinceTime=2025-06-03T09:42:13Z"
        );
        assert_eq!(log_path(None), LOG_PATH);
        // Before the epoch's range: no window rather than a wrong one.
        assert_eq!(since_time(i64::MIN + 1, Duration::from_secs(10)), None);
    }

    #[test]
    fn the_window_is_said_in_the_journal_row_and_what_was_not_seen() {
        let journal = journal::read_short(
            "Jun 03 10:00:00.000000 n1 kubelet[9]: I0603 10:00:00.000000       9 server.go:484] \"Kubelet version\" kubeletVersion=\"v1.33.1\"\n",
            None,
            1_748_945_533,
        );
        let s = judge(
            "n1",
            view("True", "", Some((3, 40))),
            Some(journal),
            Logs::Read { lines: 1 },
            1_748_945_533,
            Some("2025-06-03T09:42:13Z"),
        );
        let row = s.checks.iter().find(|c| c.name == "journal").unwrap();
        assert!(
            row.result
                .ends_with(" (node log query since 2025-06-03T09:42:13Z)"),
            "{}",
            row.result
        );
        assert_eq!(
            s.not_seen,
            format!("{NOT_REMOTE}; the journal before 2025-06-03T09:42:13Z (--since)")
        );
        let s = judge("n1", view("True", "", None), None, not_read(), 0, None);
        assert_eq!(s.not_seen, NOT_REMOTE);
    }

    #[test]
    fn html_is_the_file_server() {
        assert!(looks_like_html("<!doctype html>\n<pre>"));
        assert!(looks_like_html("<pre>\n<a href=\"x\">x</a>"));
        assert!(!looks_like_html("Jun 03 10:00:00.000000 h kubelet[1]: x"));
        // Byte 64 inside a two-byte character: no panic.
        assert!(!looks_like_html(&"é".repeat(40)));
    }
}
