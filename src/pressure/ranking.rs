//! Who the kubelet evicts first, per resource: `rankMemoryPressure`, `rankPIDPressure` and
//! `rankDiskPressureFunc` (pkg/kubelet/eviction/helpers.go). Each is a lexicographic sort;
//! pods without stats go first; critical pods (static, mirror, priority ≥ 2,000,000,000) are
//! never evicted and are listed last, marked.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::signal::{Layout, Resource, Signal};
use super::summary::{Fs, PodStats};
use crate::config::quantity;

/// `SystemCriticalPriority` (pkg/apis/scheduling): this priority and above is never evicted.
const CRITICAL_PRIORITY: i64 = 2_000_000_000;

/// A pod as the API server has it: what the ranking needs and nothing else.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PodSpecFacts {
    metadata: Meta,
    spec: Spec,
    status: Status,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Meta {
    name: String,
    namespace: String,
    uid: String,
    annotations: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Spec {
    priority: Option<i64>,
    containers: Vec<Container>,
    init_containers: Vec<Container>,
    overhead: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Container {
    resources: Resources,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Resources {
    requests: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Status {
    phase: String,
}

impl crate::client::list::ListItem for PodSpecFacts {
    fn uid(&self) -> Option<&str> {
        Some(self.metadata.uid.as_str()).filter(|u| !u.is_empty())
    }
}

impl PodSpecFacts {
    /// Finished pods hold nothing the kubelet could reclaim by evicting them.
    pub fn is_active(&self) -> bool {
        !matches!(self.status.phase.as_str(), "Succeeded" | "Failed")
    }

    pub fn uid(&self) -> &str {
        &self.metadata.uid
    }

    /// `kubelettypes.IsCriticalPod`.
    fn critical(&self) -> bool {
        let a = &self.metadata.annotations;
        a.contains_key("kubernetes.io/config.mirror")
            || a.get("kubernetes.io/config.source")
                .is_some_and(|s| s != "api")
            || self.spec.priority.unwrap_or(0) >= CRITICAL_PRIORITY
    }

    /// `GetResourceRequestQuantity`: the larger of the containers' sum and any one init
    /// container, plus the pod overhead.
    fn request(&self, resource: &str) -> i64 {
        let of = |m: &BTreeMap<String, String>| {
            m.get(resource)
                .and_then(|q| quantity::parse(q).ok())
                .map_or(0, |q| q.value.ceil().clamp(0.0, i64::MAX as f64) as i64)
        };
        let sum: i64 = self
            .spec
            .containers
            .iter()
            .map(|c| of(&c.resources.requests))
            .fold(0, i64::saturating_add);
        let init = self
            .spec
            .init_containers
            .iter()
            .map(|c| of(&c.resources.requests))
            .max()
            .unwrap_or(0);
        sum.max(init).saturating_add(of(&self.spec.overhead))
    }
}

/// One pod in an eviction order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub namespace: String,
    pub name: String,
    pub priority: i64,
    /// What the ranking measures (bytes, inodes or processes); `None` without stats.
    pub usage: Option<i64>,
    /// The pod's request of the resource (memory, ephemeral-storage; 0 for inodes and PIDs).
    pub request: i64,
    pub exceeds_request: bool,
    pub critical: bool,
}

/// Which usage the ranking for `signal` measures on this layout (the table in pressure.md
/// section 5).
fn usage(signal: Signal, layout: Layout, stats: &PodStats) -> Option<i64> {
    let narrow = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    let resource = signal.resource();
    match resource {
        Resource::Memory => return stats.memory.as_ref()?.working_set_bytes.map(narrow),
        Resource::Pids => return stats.process_stats.as_ref()?.process_count.map(narrow),
        Resource::Disk | Resource::Inodes => {}
    }
    let inodes = resource == Resource::Inodes;
    let pick = |used_bytes: Option<u64>, inodes_used: Option<u64>| {
        if inodes { inodes_used } else { used_bytes }
    };
    let fs = |fs: &Fs| pick(fs.used_bytes, fs.inodes_used);
    let on_imagefs = matches!(signal, Signal::ImagefsAvailable | Signal::ImagefsInodesFree);
    let (rootfs, logs_and_volumes) = match (layout, on_imagefs) {
        (Layout::Shared, _) | (Layout::SplitContainerfs, false) => (true, true),
        (Layout::DedicatedImagefs | Layout::SplitContainerfs, true) => (true, false),
        (Layout::DedicatedImagefs, false) => (false, true),
    };
    // A missing block counts nothing; a block without the value means no stats for the pod.
    let rootfs = stats
        .containers
        .iter()
        .filter(|_| rootfs)
        .filter_map(|c| c.rootfs.as_ref().map(fs));
    let logs = stats
        .containers
        .iter()
        .filter(|_| logs_and_volumes)
        .filter_map(|c| c.logs.as_ref().map(fs));
    // Local volumes only (emptyDir, configMap, ...): a persistent volume is not on the node's
    // filesystems, and the kubelet does not count it.
    let volumes = stats
        .volume
        .iter()
        .filter(|v| logs_and_volumes && v.pvc_ref.is_none())
        .map(|v| pick(v.used_bytes, v.inodes_used));
    rootfs
        .chain(logs)
        .chain(volumes)
        .try_fold(0i64, |total, v| Some(total.saturating_add(narrow(v?))))
}

/// The eviction order for `signal` among `pods` (API objects), with usage from `stats`.
pub fn order(
    signal: Signal,
    layout: Layout,
    pods: &[PodSpecFacts],
    stats: &HashMap<&str, &PodStats>,
) -> Vec<Candidate> {
    let request_name = match signal.resource() {
        Resource::Memory => Some("memory"),
        Resource::Disk => Some("ephemeral-storage"),
        Resource::Inodes | Resource::Pids => None,
    };
    let mut out: Vec<Candidate> = pods
        .iter()
        .filter(|p| p.is_active())
        .map(|p| {
            let used = stats
                .get(p.metadata.uid.as_str())
                .and_then(|s| usage(signal, layout, s));
            let request = request_name.map_or(0, |r| p.request(r));
            Candidate {
                namespace: p.metadata.namespace.clone(),
                name: p.metadata.name.clone(),
                priority: p.spec.priority.unwrap_or(0),
                usage: used,
                request,
                exceeds_request: used.is_some_and(|u| u > request),
                critical: p.critical(),
            }
        })
        .collect();
    let pids = signal.resource() == Resource::Pids;
    out.sort_by(|a, b| {
        a.critical
            .cmp(&b.critical)
            // Pods without stats first.
            .then(a.usage.is_some().cmp(&b.usage.is_some()))
            .then(if pids {
                Ordering::Equal
            } else {
                b.exceeds_request.cmp(&a.exceeds_request)
            })
            .then(a.priority.cmp(&b.priority))
            .then_with(|| {
                let over = |c: &Candidate| {
                    c.usage.map_or(0, |u| {
                        i128::from(u) - if pids { 0 } else { i128::from(c.request) }
                    })
                };
                over(b).cmp(&over(a))
            })
            .then_with(|| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pressure::summary::Summary;

    fn pod(ns: &str, name: &str, uid: &str, priority: i64, memory: Option<&str>) -> PodSpecFacts {
        let requests = memory.map_or(String::new(), |m| format!(r#""memory":"{m}""#));
        serde_json::from_str(&format!(
            r#"{{"metadata":{{"name":"{name}","namespace":"{ns}","uid":"{uid}"}},
                "spec":{{"priority":{priority},"containers":[{{"resources":{{"requests":{{{requests}}}}}}}]}},
                "status":{{"phase":"Running"}}}}"#
        ))
        .unwrap()
    }

    /// The pods of pressure.md's worked example, in the order the fixture lists them.
    fn worked_pods() -> Vec<PodSpecFacts> {
        let uid = |n: u8| format!("0b5c0000-0000-4000-8000-00000000000{n}");
        vec![
            pod("shop", "cart-7d9f8-x2k4q", &uid(1), 0, Some("1Gi")),
            pod("batch", "report-28901234-abcde", &uid(2), 0, None),
            pod("shop", "search-0", &uid(3), 100_000, Some("256Mi")),
            pod(
                "kube-system",
                "cilium-7xk2p",
                &uid(4),
                2_000_001_000,
                Some("100Mi"),
            ),
            pod("shop", "api-5f6c9-q8r2m", &uid(5), 0, Some("2Gi")),
            pod("db", "pg-0", &uid(6), 1000, Some("4Gi")),
        ]
    }

    fn names(order: &[Candidate]) -> Vec<&str> {
        order.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn the_worked_example_memory_order() {
        let summary = Summary::parse(include_bytes!(
            "../../tests/fixtures/pressure/worked-example-summary.json"
        ))
        .unwrap();
        let stats: HashMap<&str, &PodStats> = summary
            .pods
            .iter()
            .map(|p| (p.pod_ref.uid.as_str(), p))
            .collect();
        let pods = worked_pods();
        let order = order(Signal::MemoryAvailable, Layout::Shared, &pods, &stats);
        assert_eq!(
            names(&order),
            [
                "cart-7d9f8-x2k4q",
                "report-28901234-abcde",
                "search-0",
                "api-5f6c9-q8r2m",
                "pg-0",
                "cilium-7xk2p"
            ]
        );
        assert_eq!(order[0].usage, Some(3 << 30));
        assert_eq!(order[0].request, 1 << 30);
        assert!(order[0].exceeds_request && !order[3].exceeds_request);
        assert!(order[5].critical && !order[0].critical);
        // PIDs: priority first, then the most processes.
        let pid = order_of(Signal::PidAvailable, &pods, &stats);
        // cart and api tie on priority and processes: the name decides, to keep runs stable.
        assert_eq!(
            names(&pid)[..3],
            [
                "api-5f6c9-q8r2m",
                "cart-7d9f8-x2k4q",
                "report-28901234-abcde"
            ]
        );
    }

    fn order_of(
        s: Signal,
        pods: &[PodSpecFacts],
        stats: &HashMap<&str, &PodStats>,
    ) -> Vec<Candidate> {
        order(s, Layout::Shared, pods, stats)
    }

    #[test]
    fn pods_without_stats_go_first_and_finished_pods_not_at_all() {
        let mut pods = worked_pods();
        pods.push(pod("new", "fresh", "no-stats", 5, Some("1Gi")));
        let mut done = pod("old", "done", "done", 0, None);
        done.status.phase = "Succeeded".into();
        pods.push(done);
        let stats = HashMap::new();
        let order = order(Signal::MemoryAvailable, Layout::Shared, &pods[6..], &stats);
        assert_eq!(names(&order), ["fresh"]);
    }

    #[test]
    fn persistent_volumes_are_not_the_nodes_disk() {
        let summary = Summary::parse(
            br#"{"pods":[{"podRef":{"uid":"u"},"containers":[{"rootfs":{"usedBytes":1},"logs":{"usedBytes":10}}],
                "volume":[{"name":"scratch","usedBytes":100},{"name":"data","usedBytes":5000,"pvcRef":{"name":"d","namespace":"n"}}]}]}"#,
        )
        .unwrap();
        let stats: HashMap<&str, &PodStats> = [("u", &summary.pods[0])].into();
        let usage = |s, l| super::usage(s, l, stats["u"]);
        assert_eq!(usage(Signal::NodefsAvailable, Layout::Shared), Some(111));
        assert_eq!(
            usage(Signal::NodefsAvailable, Layout::DedicatedImagefs),
            Some(110)
        );
        assert_eq!(
            usage(Signal::ImagefsAvailable, Layout::DedicatedImagefs),
            Some(1)
        );
    }

    #[test]
    fn init_containers_and_overhead_count_in_the_request() {
        let p: PodSpecFacts = serde_json::from_str(
            r#"{"spec":{"containers":[{"resources":{"requests":{"memory":"100Mi"}}},{"resources":{"requests":{"memory":"100Mi"}}}],
                "initContainers":[{"resources":{"requests":{"memory":"300Mi"}}}],"overhead":{"memory":"10Mi"}}}"#,
        )
        .unwrap();
        assert_eq!(p.request("memory"), 310 << 20);
        assert_eq!(p.request("ephemeral-storage"), 0);
    }
}
