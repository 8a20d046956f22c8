//! `config lint --node NAME [--diff PATH]` and `--all-nodes`: the live config each kubelet
//! runs, read from its `/configz` through the API server's node proxy (one GET per node, with
//! `--request-timeout`, no retry). One node's failure is reported for that node and never
//! hides the others.

use std::time::Duration;

use serde_json::Value;

use super::super::diagnostic::{FileReport, Severity};
use super::super::render::{self, OutputFormat, plural};
use super::super::{KubeletVersion, LintOptions, diff, fleet, lint_configz};
use super::LintSettings;
use super::files::{Printer, read_input, source_error_message};
use crate::client::Cluster;
use crate::client::list::ListSpec;
use crate::client::query::encode_segment;
use crate::client::status::ApiStatus;
use crate::error::{ApiCall, Error, Result};
use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;
use crate::settings::GlobalSettings;

/// Page size when listing nodes for `--all-nodes`.
const LIST_CHUNK: u32 = 500;

/// GETs a node's `/configz`. A 403 is [`Error::Forbidden`] naming `get nodes/proxy`; any other
/// error status (node unknown, kubelet unreachable) becomes an error for this node.
pub async fn fetch_configz(cluster: &Cluster, node: &str, timeout: Duration) -> Result<Vec<u8>> {
    let response = cluster.node_proxy_get(node, "configz", timeout).await?;
    if (200..300).contains(&response.status) {
        return Ok(response.body);
    }
    let status = response
        .api_status
        .unwrap_or_else(|| ApiStatus::from_error_body(response.status, &response.body));
    if response.status == 404 && status.details.as_ref().is_some_and(|d| d.kind == "nodes") {
        return Err(Error::NotFound {
            call: ApiCall::get("nodes", "", None, node),
        });
    }
    Err(Error::Api {
        call: ApiCall::get("nodes/proxy", "", None, node),
        code: response.status,
        reason: status.reason,
        message: status.message,
    })
}

/// The rules to judge a node's live config by: the kubelet version the node reports, brought
/// into the range the engine knows (an older kubelet gets the oldest rules, a newer one the
/// newest), unless `--kubelet-version` was given.
fn options_for(settings: &LintSettings, node: Option<&Value>) -> LintOptions {
    let mut options = settings.options.clone();
    if !settings.kubelet_version_explicit
        && let Some(v) = node.and_then(reported_version)
    {
        options.kubelet_version = v;
    }
    options
}

/// [`options_for`] one named node, reading its object for the version. A node that does not
/// exist ends the run; a version that cannot be read (no `get nodes`) is warned about.
async fn node_options(
    cluster: &Cluster,
    settings: &LintSettings,
    node: &str,
) -> Result<LintOptions> {
    if settings.kubelet_version_explicit {
        return Ok(settings.options.clone());
    }
    let object = match get_node(cluster, node).await {
        Ok(object) => Some(object),
        // Allowed to read /configz but not the Node: lint anyway, by the default rules.
        Err(err @ Error::Forbidden { .. }) => {
            term::warning(format!(
                "cannot read the kubelet version of node {:?} ({err}); applying the rules of kubelet {} (choose with --kubelet-version)",
                sanitize(node).as_ref(),
                settings.options.kubelet_version
            ));
            None
        }
        Err(err) => return Err(err),
    };
    Ok(options_for(settings, object.as_ref()))
}

/// The version a Node object reports in `status.nodeInfo.kubeletVersion`.
fn reported_version(node: &Value) -> Option<KubeletVersion> {
    KubeletVersion::nearest(node.pointer("/status/nodeInfo/kubeletVersion")?.as_str()?)
}

fn node_report_name(node: &str) -> String {
    format!("node/{node}")
}

/// `config lint --node NAME`: lints what one kubelet runs; `timeout` bounds the `/configz` GET.
pub async fn one_node(
    cluster: &Cluster,
    settings: &LintSettings,
    timeout: Duration,
    node: &str,
) -> Result<ExitStatus> {
    let options = node_options(cluster, settings, node).await?;
    let body = fetch_configz(cluster, node, timeout).await?;
    let report = lint_configz(&node_report_name(node), &body, &options)
        .map_err(|e| Error::Input(configz_error(node, &e)))?;
    let status = ExitStatus::from_problems(report.has_errors(settings.options.strict));
    let mut printer = Printer::new(settings);
    printer.report(report)?;
    printer.finish()?;
    Ok(status)
}

fn configz_error(node: &str, err: &super::super::SourceError) -> String {
    format!(
        "node {:?} answered /configz with something that is not a kubelet config: {}",
        node,
        source_error_message(err)
    )
}

/// `config lint --node NAME --diff PATH`: how the file differs from what the kubelet runs.
/// The file is read before connecting: a typo in its path should not wait for the network.
pub async fn diff_node(
    global: &GlobalSettings,
    settings: &LintSettings,
    timeout: Duration,
    node: &str,
    path: &std::path::Path,
) -> Result<ExitStatus> {
    let (file_name, bytes) = read_input(path).map_err(Error::Input)?;
    let cluster = Cluster::connect(&global.connect_options()).await?;
    let options = node_options(&cluster, settings, node).await?;
    let configz = fetch_configz(&cluster, node, timeout).await?;
    print_diff(settings, &options, node, &file_name, &bytes, &configz)
}

fn print_diff(
    settings: &LintSettings,
    options: &LintOptions,
    node: &str,
    file_name: &str,
    file: &[u8],
    configz: &[u8],
) -> Result<ExitStatus> {
    let live_name = node_report_name(node);
    let entries = diff::diff_named(file_name, file, &live_name, configz, options)
        .map_err(|e| Error::Input(source_error_message(&e)))?;
    if !term::quiet() {
        let mut buf = Vec::new();
        let written = match settings.format {
            OutputFormat::Json => render::diff::json(&entries, file_name, node, &mut buf),
            _ => render::diff::table(&entries, term::stdout_width(), &mut buf),
        };
        written.map_err(|e| Error::Write {
            path: "standard output".into(),
            source: e,
        })?;
        emit(&buf)?;
        let (file_name, live_name) = (sanitize(file_name), sanitize(&live_name));
        if entries.is_empty() {
            term::note(format!("{file_name} matches what {live_name} runs."));
        } else {
            term::note(format!(
                "{} differ between {file_name} and what {live_name} runs (flags and drop-ins win over the file).",
                plural(entries.len(), "field")
            ));
        }
    }
    Ok(ExitStatus::from_problems(!entries.is_empty()))
}

/// The outcome for one node of `--all-nodes`.
type NodeResult = (String, std::result::Result<FileReport, String>);

/// `config lint --all-nodes [-l SELECTOR]`: every kubelet's live config, `parallel` at a
/// time, identical findings grouped; one node's failure is reported for that node only.
pub async fn all_nodes(
    cluster: &Cluster,
    settings: &LintSettings,
    timeout: Duration,
    selector: Option<&str>,
    parallel: usize,
) -> Result<ExitStatus> {
    let nodes = list_nodes(cluster, settings, selector).await?;
    if nodes.is_empty() {
        match selector {
            Some(s) => term::note(format!(
                "No nodes match the selector {:?}.",
                sanitize(s).as_ref()
            )),
            None => term::note("The cluster has no nodes."),
        }
        return Ok(ExitStatus::Healthy);
    }
    let total = nodes.len();
    let strict = settings.options.strict;
    let mut results: Vec<NodeResult> =
        crate::fanout::ordered(nodes, parallel, |(name, options)| async move {
            let outcome = match fetch_configz(cluster, &name, timeout).await {
                Ok(body) => lint_configz(&node_report_name(&name), &body, &options)
                    .map(|mut r| {
                        // Positions in a one-line JSON body nobody has point at nothing, and
                        // grouped output shows no excerpts: drop both, keep the memory.
                        r.source = String::new();
                        for d in &mut r.diagnostics {
                            (d.span, d.start, d.end) = (None, None, None);
                        }
                        r
                    })
                    .map_err(|e| configz_error(&name, &e)),
                Err(e) => Err(e.to_string()),
            };
            (name, outcome)
        })
        .await;
    results.sort_by(|a, b| a.0.cmp(&b.0));

    let mut status = ExitStatus::Healthy;
    let mut reports = Vec::new();
    let mut failures = Vec::new();
    for (name, outcome) in results {
        match outcome {
            Ok(report) => {
                if report.has_errors(strict) {
                    status = status.combine(ExitStatus::Problems);
                }
                reports.push(report);
            }
            Err(message) => {
                status = status.combine(ExitStatus::Failure);
                failures.push((name, message));
            }
        }
    }

    if !term::quiet() && !reports.is_empty() {
        let mut buf = Vec::new();
        let groups = fleet::group(&reports);
        let written = match settings.format {
            OutputFormat::Full => {
                render::fleet::full(&groups, reports.len(), term::stdout_color(), &mut buf)
            }
            OutputFormat::Concise => {
                render::fleet::concise(&groups, reports.len(), term::stdout_color(), &mut buf)
            }
            format => render::render(&reports, format, false, &mut buf),
        };
        written.map_err(|e| Error::Write {
            path: "standard output".into(),
            source: e,
        })?;
        emit(&buf)?;
    }
    for line in group_failures(&failures) {
        term::error(line);
    }
    term::note(fleet_summary(&reports, failures.len(), total));
    Ok(status)
}

async fn get_node(cluster: &Cluster, name: &str) -> Result<Value> {
    let call = ApiCall::get("nodes", "", None, name);
    cluster
        .get_json(&call, &format!("/api/v1/nodes/{}", encode_segment(name)))
        .await
}

/// Every node's name with the options to lint its live config by.
async fn list_nodes(
    cluster: &Cluster,
    settings: &LintSettings,
    selector: Option<&str>,
) -> Result<Vec<(String, LintOptions)>> {
    let spec = ListSpec::nodes(selector, LIST_CHUNK);
    let mut nodes = Vec::new();
    cluster
        .list_pages::<Value>(&spec, |items| {
            nodes.extend(items.iter().filter_map(|node| {
                let name = node.pointer("/metadata/name")?.as_str()?.to_string();
                Some((name, options_for(settings, Some(node))))
            }));
            Ok(())
        })
        .await?;
    Ok(nodes)
}

/// Failures that read the same but for the node's name (a missing `get nodes/proxy`, a
/// timeout) become one line naming the nodes; the others stay one line per node.
fn group_failures(failures: &[(String, String)]) -> Vec<String> {
    const MARK: &str = "\u{0}NODE\u{0}";
    let mut groups: Vec<(String, Vec<&str>, &str)> = Vec::new();
    for (name, message) in failures {
        let quoted = format!("{:?}", sanitize(name).as_ref());
        let key = if message.contains(&quoted) {
            message.replacen(&quoted, MARK, 1)
        } else {
            format!("{quoted}: {message}")
        };
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1.push(name),
            None => groups.push((key, vec![name], message)),
        }
    }
    groups
        .into_iter()
        .map(|(key, names, first)| {
            if names.len() == 1 {
                if key.contains(MARK) {
                    first.to_string()
                } else {
                    format!("node {first_name:?}: {first}", first_name = names[0])
                }
            } else {
                let mut list = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
                if names.len() > 5 {
                    list.push_str(&format!(" and {} more", names.len() - 5));
                }
                let who = format!("on {} nodes ({list})", names.len());
                if key.contains(MARK) {
                    key.replacen(MARK, &who, 1)
                } else {
                    format!("{who}: {first}")
                }
            }
        })
        .collect()
}

/// `Linted 40 nodes: 2 with errors, 35 with warnings, 3 clean; 1 could not be read.`
fn fleet_summary(reports: &[FileReport], failed: usize, total: usize) -> String {
    let errors = fleet::nodes_with(reports, Severity::Error);
    let warnings = reports
        .iter()
        .filter(|r| {
            r.count(Severity::Error) == 0
                && r.diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Warning)
        })
        .count();
    let clean = reports
        .iter()
        .filter(|r| r.count(Severity::Error) + r.count(Severity::Warning) == 0)
        .count();
    let mut s = format!(
        "Linted {} of {}: {errors} with errors, {warnings} with warnings only, {clean} without either",
        reports.len(),
        plural(total, "node"),
    );
    if failed > 0 {
        s.push_str(&format!("; {failed} of {total} could not be read"));
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reported_kubelet_version_picks_the_rules() {
        let node = |v: &str| serde_json::json!({"status": {"nodeInfo": {"kubeletVersion": v}}});
        assert_eq!(
            reported_version(&node("v1.33.1")).map(|k| k.minor),
            Some(33)
        );
        assert_eq!(reported_version(&serde_json::json!({})), None);
    }

    #[test]
    fn failures_that_differ_only_by_node_are_grouped() {
        let msg = |n: &str| {
            format!(
                "cannot get nodes/proxy {n:?}: no answer from the API server within 2s (--request-timeout)"
            )
        };
        let failures = vec![
            ("a".to_string(), msg("a")),
            ("b".to_string(), msg("b")),
            ("c".to_string(), "something else".to_string()),
        ];
        let lines = group_failures(&failures);
        assert_eq!(
            lines,
            [
                "cannot get nodes/proxy on 2 nodes (a, b): no answer from the API server within 2s (--request-timeout)",
                "node \"c\": something else",
            ]
        );
        let lines = group_failures(&failures[..1]);
        assert_eq!(lines, [msg("a")]);
    }

    #[test]
    fn summary_counts_nodes_by_worst_finding() {
        let opts = crate::config::LintOptions::default();
        let ok = lint_configz(
            "node/a",
            include_bytes!("../../../tests/fixtures/config/corpus/node-configz.json"),
            &opts,
        )
        .unwrap();
        let s = fleet_summary(&[ok], 1, 2);
        assert!(s.starts_with("Linted 1 of 2 nodes: 0 with errors"), "{s}");
        assert!(s.ends_with("; 1 of 2 could not be read."), "{s}");
    }
}
