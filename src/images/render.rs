//! Output of `kubelet-doctor images`: the table (one row per stuck container, or one per
//! group), `-o wide`, the versioned JSON document and `-o name`. Every piece of cluster text in
//! a table or a name list goes through the crate's sanitizer; JSON keeps the raw text.

use std::collections::BTreeMap;

use k8s_openapi::jiff::Timestamp;
use serde::Serialize;

use super::cause::Cause;
use super::command::{ImagesSettings, Report};
use super::finding::{ContainerKind, Finding};
use super::group::{GroupBy, group};
use crate::duration::age_since;
use crate::output::sanitize::sanitize;
use crate::output::table::{CUT, Fit, KEEP, fit_rows, render_rows, wrap};

/// The JSON document's version; bump only with a breaking change of its shape.
pub const API_VERSION: &str = "kubelet-doctor/v1";
pub const KIND: &str = "ImagesReport";

/// `app`, `init:db`, `ephemeral:debug`: container names are DNS labels, so the prefix is
/// unambiguous and the column stays one word.
fn container_label(f: &Finding) -> String {
    let name = sanitize(&f.container);
    match f.kind {
        ContainerKind::Container => name.into_owned(),
        ContainerKind::Init => format!("init:{name}"),
        ContainerKind::Ephemeral => format!("ephemeral:{name}"),
    }
}

/// Where the pull credentials would come from: `pod: a,b`, `sa/NAME: a`, `none` (checked:
/// neither the pod nor its service account has one), `-` (not checked).
pub fn pull_secret_note(f: &Finding) -> String {
    if !f.pull_secrets.is_empty() {
        return format!("pod: {}", f.pull_secrets.join(","));
    }
    match &f.service_account_pull_secrets {
        Some(s) if !s.is_empty() => format!("sa/{}: {}", f.service_account, s.join(",")),
        Some(_) => "none".to_string(),
        None => "-".to_string(),
    }
}

/// The remedy, with the one fact that changes it for a credential failure: no pull secret at
/// all on the pod or its service account.
fn remedy(f: &Finding) -> String {
    let credentials = matches!(f.cause, Cause::Auth | Cause::CredentialProvider);
    if credentials
        && f.service_account_pull_secrets
            .as_ref()
            .is_some_and(|s| s.is_empty())
        && f.pull_secrets.is_empty()
    {
        format!(
            "no pull secret on the pod or service account {}: {}",
            f.service_account,
            f.remedy()
        )
    } else {
        f.remedy().to_string()
    }
}

/// The message that decided the cause: the event's when it came from the event.
fn detail(f: &Finding) -> &str {
    match (&f.event_message, f.message.is_empty()) {
        (Some(e), _) if f.cause_source == super::finding::CauseSource::Event => e,
        (_, false) => &f.message,
        (Some(e), true) => e,
        (None, true) => "",
    }
}

/// One row per stuck container. On a terminal of `width` columns (`None`: a pipe, full rows)
/// the table fits the width: the remedy, the same for every row of a cause, is said once per
/// cause below the table, and long names are cut with `…` (`-o wide` and JSON keep them).
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
            "IMAGE",
            "REGISTRY",
            "REASON",
            "CAUSE",
            "NODE",
            "SINCE",
            "PODS",
            "PULL-SECRETS",
            "REMEDY",
            "MESSAGE",
        ]
    } else {
        &[
            "NAMESPACE",
            "POD",
            "CONTAINER",
            "IMAGE",
            "REASON",
            "CAUSE",
            "NODE",
            "SINCE",
            "PODS",
            "REMEDY",
        ]
    };
    let headers = if fitted.is_some() {
        &headers[..headers.len() - 1]
    } else {
        headers
    };
    let mut rows = Vec::with_capacity(report.findings.len());
    for (f, shared) in report.findings.iter().zip(&report.sharing) {
        let node = f.node.as_deref().unwrap_or("<none>");
        let mut row: Vec<String> = vec![
            sanitize(&f.namespace).into_owned(),
            sanitize(&f.pod).into_owned(),
            container_label(f),
            sanitize(&f.image).into_owned(),
        ];
        if wide {
            row.push(sanitize(&f.registry).into_owned());
        }
        row.extend([
            f.reason.to_string(),
            f.cause.to_string(),
            sanitize(node).into_owned(),
            age_since(f.since.as_ref(), now),
            shared.to_string(),
        ]);
        if wide {
            row.push(sanitize(&pull_secret_note(f)).into_owned());
        }
        if fitted.is_none() {
            row.push(remedy(f));
        }
        if wide {
            let d = detail(f);
            row.push(if d.is_empty() {
                "-".to_string()
            } else {
                sanitize(d).into_owned()
            });
        }
        rows.push(row);
    }
    let Some(width) = fitted else {
        return render_rows(headers, rows, color);
    };
    // CAUSE and SINCE are what the eye looks for: never cut nor dropped. Names are cut; when
    // that is not enough the node goes, then the container, the pod count, and the kubelet's
    // reason (the cause says more; `-o wide` has them all).
    let cut = |drop| Fit { cut: true, drop };
    let whole = |drop| Fit { cut: false, drop };
    let fits = [
        cut(None),
        cut(None),
        cut(Some(2)),
        cut(None),
        whole(Some(4)),
        KEEP,
        cut(Some(1)),
        KEEP,
        whole(Some(3)),
    ];
    let (kept, rows) = fit_rows(headers, &fits, rows, width);
    let mut out = render_rows(&kept, rows, color);
    remedy_legend(report.findings.iter().map(|f| f.cause), width, &mut out);
    out
}

/// Below a table fitted to a terminal: each cause's remedy once, wrapped to `width`.
fn remedy_legend(causes: impl Iterator<Item = Cause>, width: usize, out: &mut String) {
    let mut causes: Vec<Cause> = causes.collect();
    causes.sort_by_key(|c| c.to_string());
    causes.dedup();
    out.push_str("\nREMEDY\n");
    let key = causes
        .iter()
        .map(|c| c.to_string().len())
        .max()
        .unwrap_or(0);
    for cause in causes {
        out.push_str(&format!("  {:<key$}   ", cause.to_string()));
        out.push_str(&wrap(cause.remedy(), width, key + 5));
        out.push('\n');
    }
}

/// One row per group: an outage as one line.
pub fn group_table(report: &Report, by: GroupBy, color: bool, width: Option<usize>) -> String {
    if report.findings.is_empty() {
        return String::new();
    }
    let now = Timestamp::now();
    let key = by.as_str().to_uppercase();
    let groups = group(&report.findings, by);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for g in &groups {
        let causes: Vec<String> = g
            .causes
            .iter()
            .map(|c| format!("{}:{}", c.cause, c.containers))
            .collect();
        let mut row = vec![
            sanitize(&g.key).into_owned(),
            g.containers.to_string(),
            g.pods.to_string(),
            g.nodes.to_string(),
            g.namespaces.to_string(),
            age_since(g.since.as_ref(), now),
            causes.join(","),
        ];
        // On a terminal the remedies go below the table, once per cause, as in the plain
        // table; elsewhere each row carries its own.
        if width.is_none() {
            row.push(
                g.causes
                    .first()
                    .map_or("", |c| c.cause.remedy())
                    .to_string(),
            );
        }
        rows.push(row);
    }
    let headers = [
        key.as_str(),
        "CONTAINERS",
        "PODS",
        "NODES",
        "NAMESPACES",
        "SINCE",
        "CAUSES",
        "REMEDY",
    ];
    let Some(width) = width else {
        return render_rows(&headers, rows, color);
    };
    let fits = [CUT, KEEP, KEEP, KEEP, KEEP, KEEP, CUT];
    let (kept, rows) = fit_rows(&headers[..7], &fits, rows, width);
    let mut out = render_rows(&kept, rows, color);
    remedy_legend(
        groups.iter().flat_map(|g| g.causes.iter().map(|c| c.cause)),
        width,
        &mut out,
    );
    out
}

/// `pod/NAMESPACE/NAME`, one line per stuck pod, in the order they were listed.
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
    api_version: &'static str,
    kind: &'static str,
    scope: &'a crate::client::list::PodScope,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<super::group::Group>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSummary {
    pods_scanned: u64,
    stuck_pods: usize,
    stuck_containers: usize,
    by_cause: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    remedy: &'static str,
    pods_sharing: usize,
}

/// The JSON document (`apiVersion: kubelet-doctor/v1`, `kind: ImagesReport`); raw messages.
pub fn json(report: &Report, settings: &ImagesSettings) -> String {
    let mut by_cause = BTreeMap::new();
    for f in &report.findings {
        *by_cause.entry(f.cause.id()).or_default() += 1;
    }
    let doc = JsonReport {
        api_version: API_VERSION,
        kind: KIND,
        scope: &settings.scope,
        summary: JsonSummary {
            pods_scanned: report.pods_scanned,
            stuck_pods: report.stuck_pods(),
            stuck_containers: report.findings.len(),
            by_cause,
        },
        findings: report
            .findings
            .iter()
            .zip(&report.sharing)
            .map(|(f, &pods_sharing)| JsonFinding {
                finding: f,
                remedy: f.remedy(),
                pods_sharing,
            })
            .collect(),
        group_by: settings.group_by.map(GroupBy::as_str),
        groups: settings.group_by.map(|by| group(&report.findings, by)),
        warnings: &report.warnings,
    };
    let mut out = crate::output::json::report(&doc);
    out.push('\n');
    out
}

/// The closing line on stderr.
pub fn summary_line(report: &Report, settings: &ImagesSettings) -> String {
    let scanned = report.pods_scanned;
    let pods = |n: u64| if n == 1 { "pod" } else { "pods" };
    if report.findings.is_empty() {
        return format!(
            "no container is stuck on an image ({scanned} {} scanned)",
            pods(scanned)
        );
    }
    let mut by_cause: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *counts.entry(f.cause.id()).or_default() += 1;
    }
    for (cause, n) in counts {
        by_cause.entry(n).or_default().push(cause);
    }
    let causes: Vec<String> = by_cause
        .iter()
        .rev()
        .flat_map(|(n, cs)| cs.iter().map(move |c| format!("{c} {n}")))
        .collect();
    let containers = report.findings.len();
    let stuck = report.stuck_pods() as u64;
    let hint = if settings.group_by.is_none() && containers > 20 {
        "; --group-by cause shows one line per cause"
    } else {
        ""
    };
    format!(
        "{containers} {} in {stuck} {} stuck on images ({}) of {scanned} {} scanned{hint}",
        if containers == 1 {
            "container"
        } else {
            "containers"
        },
        pods(stuck),
        causes.join(", "),
        pods(scanned),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::finding::findings;
    use crate::images::group::pods_sharing;
    use serde_json::json;

    fn report(pods: &[(&str, &str, &str, &str)]) -> Report {
        let mut found = Vec::new();
        for (name, container, reason, message) in pods {
            let pod = serde_json::from_value(json!({
                "metadata": {"name": name, "namespace": "ns", "uid": format!("uid-{name}")},
                "spec": {"nodeName": "node-a", "containers": [{"name": container, "image": "ghcr.io/a/b:1"}]},
                "status": {"containerStatuses": [{"name": container, "image": "ghcr.io/a/b:1", "imageID": "",
                    "ready": false, "restartCount": 0,
                    "state": {"waiting": {"reason": reason, "message": message}}}]}
            }))
            .unwrap();
            found.extend(findings(&pod));
        }
        Report {
            sharing: pods_sharing(&found),
            findings: found,
            pods_scanned: 10,
            warnings: Vec::new(),
        }
    }

    const AUTH: &str = "failed to pull and unpack image \"ghcr.io/a/b:1\": failed to resolve reference \"ghcr.io/a/b:1\": pulling from host ghcr.io failed with status code [manifests 1]: 401 Unauthorized";

    #[test]
    fn tables_escape_control_characters_and_name_lists_dedupe() {
        let r = report(&[
            (
                "evil\u{1b}[2J",
                "app",
                "ErrImagePull",
                "x\u{1b}]0;t\u{7} not found",
            ),
            ("evil\u{1b}[2J", "app", "ErrImagePull", "dup"),
            ("ok", "app", "ErrImagePull", AUTH),
        ]);
        for out in [
            table(&r, false, false, None),
            table(&r, true, false, None),
            group_table(&r, GroupBy::Cause, false, None),
            names(&r),
        ] {
            assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        }
        assert!(table(&r, true, false, None).contains("x\\e]0;t\\x07 not found"));
        assert_eq!(names(&r), "pod/ns/evil\\e[2J\npod/ns/ok\n");
    }

    #[test]
    fn pull_secret_facts_in_words() {
        let mut r = report(&[("p", "app", "ErrImagePull", AUTH)]);
        let f = &mut r.findings[0];
        assert_eq!(f.cause, Cause::Auth);
        assert_eq!(pull_secret_note(f), "-");
        assert_eq!(remedy(f), f.remedy());
        f.service_account_pull_secrets = Some(vec![]);
        assert_eq!(pull_secret_note(f), "none");
        assert!(remedy(f).starts_with("no pull secret on the pod or service account default: "));
        f.service_account_pull_secrets = Some(vec!["sa-secret".into()]);
        assert_eq!(pull_secret_note(f), "sa/default: sa-secret");
        f.pull_secrets = vec!["a".into(), "b".into()];
        assert_eq!(pull_secret_note(f), "pod: a,b");
        assert_eq!(remedy(f), f.remedy());
    }

    #[test]
    fn summary_counts_containers_pods_and_causes() {
        let settings = ImagesSettings {
            scope: crate::client::list::PodScope::default(),
            group_by: None,
            output: crate::images::Output::Table,
        };
        let r = report(&[
            ("a", "app", "ErrImagePull", AUTH),
            ("b", "app", "ErrImagePull", AUTH),
            (
                "c",
                "app",
                "ImagePullBackOff",
                "Back-off pulling image \"ghcr.io/a/b:1\"",
            ),
        ]);
        assert_eq!(
            summary_line(&r, &settings),
            "3 containers in 3 pods stuck on images (auth 2, unknown 1) of 10 pods scanned"
        );
        assert_eq!(
            summary_line(&report(&[]), &settings),
            "no container is stuck on an image (10 pods scanned)"
        );
        let doc: serde_json::Value = serde_json::from_str(&json(&r, &settings)).unwrap();
        assert_eq!(doc["summary"]["byCause"], json!({"auth": 2, "unknown": 1}));
        assert_eq!(doc["findings"][0]["podsSharing"], 2);
        assert!(doc.get("groups").is_none());
    }
}
