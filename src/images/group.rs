//! Grouping for `--group-by`: an outage becomes one line (400 pods, one registry,
//! one cause) instead of 400 rows; and the per-finding count of pods sharing a problem.

use std::collections::{BTreeMap, HashMap, HashSet};

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::{Deserialize, Serialize};

use super::cause::Cause;
use super::finding::Finding;

/// Shown for findings on a pod that has no node yet.
pub const NO_NODE: &str = "<none>";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Cause,
    Image,
    Registry,
    Node,
    Namespace,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Cause,
        GroupBy::Image,
        GroupBy::Registry,
        GroupBy::Node,
        GroupBy::Namespace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Cause => "cause",
            GroupBy::Image => "image",
            GroupBy::Registry => "registry",
            GroupBy::Node => "node",
            GroupBy::Namespace => "namespace",
        }
    }

    pub fn parse(s: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.as_str() == s)
    }

    pub fn key(self, f: &Finding) -> String {
        match self {
            GroupBy::Cause => f.cause.id().to_string(),
            GroupBy::Image => f.image.clone(),
            GroupBy::Registry => f.registry.clone(),
            GroupBy::Node => f.node.clone().unwrap_or_else(|| NO_NODE.to_string()),
            GroupBy::Namespace => f.namespace.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CauseCount {
    pub cause: Cause,
    pub containers: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub key: String,
    pub containers: usize,
    /// Distinct pods (by uid): several stuck containers of one pod count once.
    pub pods: usize,
    pub nodes: usize,
    pub namespaces: usize,
    /// Most frequent first; for `--group-by cause` the single cause of the group.
    pub causes: Vec<CauseCount>,
    /// Earliest `since` of the group's findings.
    pub since: Option<Time>,
}

#[derive(Default)]
struct Acc<'a> {
    containers: usize,
    pods: HashSet<&'a str>,
    nodes: HashSet<&'a str>,
    namespaces: HashSet<&'a str>,
    causes: BTreeMap<Cause, usize>,
    since: Option<&'a Time>,
}

/// Groups findings; largest group first, then by key.
pub fn group(findings: &[Finding], by: GroupBy) -> Vec<Group> {
    let mut acc: HashMap<String, Acc<'_>> = HashMap::new();
    for f in findings {
        let a = acc.entry(by.key(f)).or_default();
        a.containers += 1;
        a.pods.insert(&f.uid);
        if let Some(n) = &f.node {
            a.nodes.insert(n);
        }
        a.namespaces.insert(&f.namespace);
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
                .map(|(cause, containers)| CauseCount { cause, containers })
                .collect();
            causes.sort_by(|x, y| y.containers.cmp(&x.containers).then(x.cause.cmp(&y.cause)));
            Group {
                key,
                containers: a.containers,
                pods: a.pods.len(),
                nodes: a.nodes.len(),
                namespaces: a.namespaces.len(),
                causes,
                since: a.since.cloned(),
            }
        })
        .collect();
    groups.sort_by(|x, y| {
        y.containers
            .cmp(&x.containers)
            .then_with(|| x.key.cmp(&y.key))
    });
    groups
}

/// For each finding, how many distinct pods are stuck on the same image with the same
/// cause (itself included): "1 of 40" reads differently from "1".
pub fn pods_sharing(findings: &[Finding]) -> Vec<usize> {
    let mut pods: HashMap<(&str, Cause), HashSet<&str>> = HashMap::new();
    for f in findings {
        pods.entry((&f.image, f.cause)).or_default().insert(&f.uid);
    }
    findings
        .iter()
        .map(|f| pods[&(f.image.as_str(), f.cause)].len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::finding::{CauseSource, ContainerKind};
    use super::super::reasons::Reason;
    use super::*;

    fn at(s: &str) -> Option<Time> {
        Some(serde_json::from_value(serde_json::json!(s)).unwrap())
    }

    fn f(
        ns: &str,
        uid: &str,
        container: &str,
        image: &str,
        node: Option<&str>,
        cause: Cause,
        since: &str,
    ) -> Finding {
        Finding {
            namespace: ns.into(),
            pod: format!("pod-{uid}"),
            uid: uid.into(),
            container: container.into(),
            kind: ContainerKind::Container,
            image: image.into(),
            registry: super::super::registry::registry_host(image),
            node: node.map(Into::into),
            reason: Reason::ErrImagePull,
            message: String::new(),
            cause,
            cause_source: CauseSource::Status,
            event_message: None,
            since: at(since),
            pull_secrets: vec![],
            service_account: "default".into(),
            service_account_pull_secrets: None,
        }
    }

    /// A registry outage across two nodes, a typo in one namespace, a full disk on one node.
    fn sample() -> Vec<Finding> {
        vec![
            f(
                "shop",
                "u1",
                "app",
                "harbor.local/shop/app:1",
                Some("node-a"),
                Cause::NetworkTimeout,
                "2026-11-29T20:10:00Z",
            ),
            f(
                "shop",
                "u1",
                "side",
                "harbor.local/shop/side:1",
                Some("node-a"),
                Cause::NetworkTimeout,
                "2026-11-29T20:09:00Z",
            ),
            f(
                "shop",
                "u2",
                "app",
                "harbor.local/shop/app:1",
                Some("node-b"),
                Cause::NetworkTimeout,
                "2026-11-29T20:05:00Z",
            ),
            f(
                "blog",
                "u3",
                "web",
                "harbor.local/blog/web:2",
                Some("node-b"),
                Cause::NetworkTimeout,
                "2026-11-29T20:07:00Z",
            ),
            f(
                "blog",
                "u4",
                "web",
                "nginx:1.999",
                Some("node-c"),
                Cause::NotFound,
                "2026-11-29T18:00:00Z",
            ),
            f(
                "ml",
                "u5",
                "model",
                "ghcr.io/acme/model:7",
                Some("node-c"),
                Cause::DiskFull,
                "2026-11-29T21:00:00Z",
            ),
            f(
                "ml",
                "u6",
                "model",
                "ghcr.io/acme/model:7",
                None,
                Cause::Unknown,
                "2026-11-29T21:30:00Z",
            ),
        ]
    }

    fn keys(g: &[Group]) -> Vec<(&str, usize, usize)> {
        g.iter()
            .map(|g| (g.key.as_str(), g.containers, g.pods))
            .collect()
    }

    #[test]
    fn by_registry_an_outage_is_one_line() {
        let g = group(&sample(), GroupBy::Registry);
        assert_eq!(
            keys(&g),
            vec![
                ("harbor.local", 4, 3),
                ("ghcr.io", 2, 2),
                ("docker.io", 1, 1)
            ]
        );
        assert_eq!(g[0].nodes, 2);
        assert_eq!(g[0].namespaces, 2);
        assert_eq!(
            g[0].causes,
            vec![CauseCount {
                cause: Cause::NetworkTimeout,
                containers: 4
            }]
        );
        assert_eq!(g[0].since, at("2026-11-29T20:05:00Z"));
        // Mixed causes: most frequent first, ties in id order.
        assert_eq!(
            g[1].causes,
            vec![
                CauseCount {
                    cause: Cause::DiskFull,
                    containers: 1
                },
                CauseCount {
                    cause: Cause::Unknown,
                    containers: 1
                }
            ]
        );
        assert_eq!(g[1].nodes, 1, "a finding without a node adds no node");
    }

    #[test]
    fn by_cause_node_namespace_and_image() {
        let s = sample();
        assert_eq!(
            keys(&group(&s, GroupBy::Cause)),
            vec![
                ("network-timeout", 4, 3),
                ("disk-full", 1, 1),
                ("not-found", 1, 1),
                ("unknown", 1, 1)
            ]
        );
        assert_eq!(
            keys(&group(&s, GroupBy::Node)),
            vec![
                ("node-a", 2, 1),
                ("node-b", 2, 2),
                ("node-c", 2, 2),
                ("<none>", 1, 1)
            ]
        );
        assert_eq!(
            keys(&group(&s, GroupBy::Namespace)),
            vec![("shop", 3, 2), ("blog", 2, 2), ("ml", 2, 2)]
        );
        let by_image = group(&s, GroupBy::Image);
        assert_eq!(
            keys(&by_image),
            vec![
                ("ghcr.io/acme/model:7", 2, 2),
                ("harbor.local/shop/app:1", 2, 2),
                ("harbor.local/blog/web:2", 1, 1),
                ("harbor.local/shop/side:1", 1, 1),
                ("nginx:1.999", 1, 1),
            ]
        );
        assert!(group(&[], GroupBy::Cause).is_empty());
    }

    #[test]
    fn group_by_names_parse_and_serialize() {
        for g in GroupBy::ALL {
            assert_eq!(GroupBy::parse(g.as_str()), Some(g));
            assert_eq!(serde_json::to_value(g).unwrap(), g.as_str());
        }
        assert_eq!(GroupBy::parse("pod"), None);
        let v = serde_json::to_value(&group(&sample(), GroupBy::Registry)[0]).unwrap();
        assert_eq!(v["causes"][0]["cause"], "network-timeout");
        assert_eq!(v["since"], "2026-11-29T20:05:00Z");
    }

    #[test]
    fn pods_sharing_counts_distinct_pods_per_image_and_cause() {
        let s = sample();
        // u1 and u2 share app:1 + network-timeout; u1's sidecar is a different image.
        assert_eq!(pods_sharing(&s), vec![2, 1, 2, 1, 1, 1, 1]);
    }
}
