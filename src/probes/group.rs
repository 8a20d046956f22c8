//! `--group-by cause|namespace|node|workload`: many failing probes with one story (a broken
//! node's CNI, one bad rollout) become one line each.

use std::collections::{BTreeMap, HashMap, HashSet};

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::Serialize;

use super::cause::Cause;
use super::finding::Finding;

/// Shown for a pod that has no node yet.
pub const NO_NODE: &str = "<none>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Cause,
    Namespace,
    Node,
    Workload,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Cause => "cause",
            GroupBy::Namespace => "namespace",
            GroupBy::Node => "node",
            GroupBy::Workload => "workload",
        }
    }

    /// Workloads are named with their namespace: `shop/Deployment/web`.
    pub fn key(self, f: &Finding) -> String {
        match self {
            GroupBy::Cause => f.cause.id().to_string(),
            GroupBy::Namespace => f.namespace.clone(),
            GroupBy::Node => f.node.clone().unwrap_or_else(|| NO_NODE.to_string()),
            GroupBy::Workload => format!("{}/{}", f.namespace, f.workload.key()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CauseCount {
    pub cause: Cause,
    pub findings: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub key: String,
    pub findings: usize,
    /// Distinct containers (pod uid + name).
    pub containers: usize,
    pub pods: usize,
    pub nodes: usize,
    /// Most frequent first.
    pub causes: Vec<CauseCount>,
    pub since: Option<Time>,
}

#[derive(Default)]
struct Acc<'a> {
    findings: usize,
    containers: HashSet<(&'a str, &'a str)>,
    pods: HashSet<&'a str>,
    nodes: HashSet<&'a str>,
    causes: BTreeMap<Cause, usize>,
    since: Option<&'a Time>,
}

/// Largest group first, then by key.
pub fn group(findings: &[Finding], by: GroupBy) -> Vec<Group> {
    let mut acc: HashMap<String, Acc<'_>> = HashMap::new();
    for f in findings {
        let a = acc.entry(by.key(f)).or_default();
        a.findings += 1;
        a.containers.insert((&f.uid, &f.container));
        a.pods.insert(&f.uid);
        if let Some(n) = &f.node {
            a.nodes.insert(n);
        }
        *a.causes.entry(f.cause).or_default() += 1;
        if let Some(s) = &f.since {
            a.since = Some(a.since.map_or(s, |held| held.min(s)));
        }
    }
    let mut groups: Vec<Group> = acc
        .into_iter()
        .map(|(key, a)| {
            let mut causes: Vec<CauseCount> = a
                .causes
                .into_iter()
                .map(|(cause, findings)| CauseCount { cause, findings })
                .collect();
            causes.sort_by(|x, y| y.findings.cmp(&x.findings).then(x.cause.cmp(&y.cause)));
            Group {
                key,
                findings: a.findings,
                containers: a.containers.len(),
                pods: a.pods.len(),
                nodes: a.nodes.len(),
                causes,
                since: a.since.cloned(),
            }
        })
        .collect();
    groups.sort_by(|x, y| y.findings.cmp(&x.findings).then_with(|| x.key.cmp(&y.key)));
    groups
}
