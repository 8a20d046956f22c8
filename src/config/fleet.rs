//! `config lint --all-nodes`: the findings of many kubelets' live configs, with identical
//! findings grouped ("KL401 on 37 of 40 nodes") so a fleet-wide problem reads as one line.
//! Pure: the reports come in, the groups come out; fetching them is the command's job.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, FileReport, Severity};

/// One finding shared by several nodes.
#[derive(Debug)]
pub struct Group<'a> {
    /// The finding as the first node (by name) has it; the others have the same code,
    /// field, message, kubelet message and help.
    pub diagnostic: &'a Diagnostic,
    /// The nodes that have it, sorted by name.
    pub nodes: Vec<&'a str>,
}

/// The node a report is about: its name without the `node/` prefix.
pub fn node_name(report: &FileReport) -> &str {
    report.name.strip_prefix("node/").unwrap_or(&report.name)
}

/// Groups identical findings across `reports` (one per node): errors first, then the most
/// widespread, then by code.
pub fn group(reports: &[FileReport]) -> Vec<Group<'_>> {
    type Key<'a> = (
        super::rules::Code,
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
    );
    let mut index: HashMap<Key<'_>, usize> = HashMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut sorted: Vec<&FileReport> = reports.iter().collect();
    sorted.sort_by(|a, b| node_name(a).cmp(node_name(b)));
    for report in sorted {
        let node = node_name(report);
        for d in &report.diagnostics {
            let key = (
                d.code,
                d.field.as_deref(),
                d.message.as_str(),
                d.kubelet.as_deref(),
                d.help.as_deref(),
            );
            match index.get(&key) {
                Some(&i) => {
                    // The same finding twice in one node's config counts that node once.
                    if groups[i].nodes.last() != Some(&node) {
                        groups[i].nodes.push(node);
                    }
                }
                None => {
                    index.insert(key, groups.len());
                    groups.push(Group {
                        diagnostic: d,
                        nodes: vec![node],
                    });
                }
            }
        }
    }
    groups.sort_by(|a, b| {
        (
            a.diagnostic.severity,
            std::cmp::Reverse(a.nodes.len()),
            a.diagnostic.code,
        )
            .cmp(&(
                b.diagnostic.severity,
                std::cmp::Reverse(b.nodes.len()),
                b.diagnostic.code,
            ))
    });
    groups
}

/// How many nodes have at least one finding of `severity`.
pub fn nodes_with(reports: &[FileReport], severity: Severity) -> usize {
    reports
        .iter()
        .filter(|r| r.diagnostics.iter().any(|d| d.severity == severity))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{LintOptions, lint_configz};

    fn node(name: &str, body: &str) -> FileReport {
        lint_configz(
            &format!("node/{name}"),
            body.as_bytes(),
            &LintOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn identical_findings_are_grouped_across_nodes() {
        let open = r#"{"kubeletconfig":{"readOnlyPort":10255,"authentication":{"anonymous":{"enabled":true}}}}"#;
        let closed = r#"{"kubeletconfig":{"readOnlyPort":0,"authentication":{"anonymous":{"enabled":false}}}}"#;
        let reports = vec![node("c", open), node("a", open), node("b", closed)];
        let groups = group(&reports);
        let ro = groups
            .iter()
            .find(|g| g.diagnostic.field.as_deref() == Some("readOnlyPort"))
            .expect("a read-only-port finding");
        assert_eq!(ro.nodes, ["a", "c"]);
        for g in &groups {
            assert!(g.nodes.windows(2).all(|w| w[0] < w[1]), "{:?}", g.nodes);
        }
        // Ordered by severity, then by how many nodes share the finding.
        assert!(groups.windows(2).all(|w| {
            (
                w[0].diagnostic.severity,
                std::cmp::Reverse(w[0].nodes.len()),
            ) <= (
                w[1].diagnostic.severity,
                std::cmp::Reverse(w[1].nodes.len()),
            )
        }));
        assert_eq!(nodes_with(&reports, Severity::Error), 0);
    }

    #[test]
    fn different_values_are_different_findings() {
        let a = r#"{"kubeletconfig":{"imageGCHighThresholdPercent":100,"imageGCLowThresholdPercent":99}}"#;
        let b = r#"{"kubeletconfig":{"imageGCHighThresholdPercent":100,"imageGCLowThresholdPercent":98}}"#;
        let reports = vec![node("a", a), node("b", b)];
        let groups = group(&reports);
        let total: usize = groups.iter().map(|g| g.nodes.len()).sum();
        let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        assert_eq!(total, findings, "every finding is in exactly one group");
    }
}
