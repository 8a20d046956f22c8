//! `probes --lint`: the rules of `probes lint` on what runs in the cluster. One pod per
//! workload (a Deployment's pods share one template) is linted; its spec is shown as the JSON
//! document the positions point into, named `NAMESPACE/Kind/name`. Needs only `list pods`,
//! the same scope flags as `probes`, and no access to Deployments or CronJobs.

use std::collections::HashSet;

use super::check::check;
use super::command::LintSettings;
use super::manifest::containers;
use super::render::{FileLint, render};
use crate::client::Cluster;
use crate::config::Severity;
use crate::config::render::{OutputFormat, Tally, plural};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::output::stdout::emit;
use crate::output::term;
use crate::probes::ProbesSettings;
use crate::probes::command::each_probed_pod;
use crate::probes::finding::workload;

pub async fn run(
    cluster: &Cluster,
    settings: &ProbesSettings,
    lint: &LintSettings,
) -> Result<ExitStatus> {
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    let scanned = each_probed_pod(cluster, settings, |pod| {
        let w = workload(&pod);
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let key = format!("{ns}/{}", w.key());
        if !seen.insert(key.clone()) {
            return;
        }
        // The document the positions point into: the pod's spec under the workload's name.
        let doc = serde_json::json!({
            "kind": "Pod",
            "metadata": {"name": w.key(), "namespace": ns},
            "spec": pod.spec,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let Ok(parsed) = crate::config::json::parse(&text) else {
            return;
        };
        let roots = [parsed.root];
        let diagnostics = containers(&roots)
            .iter()
            .flat_map(check)
            .map(|mut d| {
                d.object = format!("{ns}/{}", w.key());
                d
            })
            .collect();
        files.push(FileLint::new(&key, &text, diagnostics));
    })
    .await?;

    let mut tally = Tally::default();
    let mut fails = false;
    for f in &files {
        for (d, _, _) in &f.diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
            fails |=
                d.severity == Severity::Error || (lint.strict && d.severity == Severity::Warning);
        }
    }
    if !term::quiet() {
        let shown: Vec<FileLint> =
            if matches!(lint.format, OutputFormat::Json | OutputFormat::Sarif) {
                files
            } else {
                files
                    .into_iter()
                    .filter(|f| !f.diagnostics.is_empty())
                    .collect()
            };
        let mut buf = Vec::new();
        render(&shown, lint.format, term::stdout_color(), &mut buf).map_err(|e| Error::Write {
            path: "standard output".into(),
            source: e,
        })?;
        emit(&buf)?;
        let workloads = plural(seen.len(), "workload");
        let pods = plural(scanned as usize, "pod");
        term::note(if tally.errors + tally.warnings + tally.infos == 0 {
            format!("No problems found in {workloads} ({pods} scanned).")
        } else {
            format!(
                "Found {}, {} and {} in {workloads} ({pods} scanned).",
                plural(tally.errors, "error"),
                plural(tally.warnings, "warning"),
                plural(tally.infos, "info"),
            )
        });
    }
    Ok(ExitStatus::from_problems(fails))
}
