//! The verdict on one node: a pure function from its `Node` object and its `Lease` to a
//! [`NodeHealth`], testable without a cluster.
//!
//! Liveness comes from the lease (renewed about every 10 s), not from condition heartbeats
//! (re-posted only every few minutes). Conditions are judged by `type` and `status`, never by
//! `reason`, which is free text that varies between kubelet versions and vendors.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::Node;
use k8s_openapi::jiff::Timestamp;

/// The lease duration the kubelet uses when the lease does not say (kubelet's default, 40 s).
const DEFAULT_LEASE_DURATION_SECS: i64 = 40;

/// What the lease says about the kubelet's heartbeat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeaseState {
    /// Renewed `age` ago, within its duration.
    Fresh { age: Duration },
    /// Renewed `age` ago, longer than its `limit`: the kubelet has stopped heartbeating.
    Stale { age: Duration, limit: Duration },
    /// Renew time in the future: the node's clock or the API server's is off.
    Future { ahead: Duration },
    /// No lease, or one never renewed.
    Missing,
    /// The lease is there but cannot be read (a malformed renewTime): a broken or hostile
    /// server. That node's problem only.
    Unreadable,
    /// Leases were not looked at (dump modes without --problems).
    NotChecked,
}

/// The Ready condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    /// "True", "False", "Unknown", or empty when the node has no Ready condition yet.
    pub status: String,
    pub reason: String,
}

/// A condition that signals trouble.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemCondition {
    pub type_: String,
    pub reason: String,
}

/// Extra columns of `-o wide`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WideFacts {
    pub internal_ip: String,
    pub external_ip: String,
    pub os_image: String,
    pub kernel: String,
    pub runtime: String,
    pub cpu: String,
    pub memory: String,
}

/// Everything the summary shows about one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeHealth {
    pub name: String,
    pub ready: Readiness,
    pub cordoned: bool,
    pub roles: Vec<String>,
    pub kubelet_version: String,
    pub lease: LeaseState,
    pub conditions: Vec<ProblemCondition>,
    pub taints: Vec<String>,
    pub pods: String,
    pub age: Option<Duration>,
    pub wide: WideFacts,
    /// Set when the object could not be decoded as a Node (a half-broken object, or one
    /// from an incompatible server): why. Such a node is a problem; it never stops the run.
    pub unreadable: Option<String>,
}

impl NodeHealth {
    /// The verdict on a node whose object could not be read: a problem, shown by name.
    pub fn unreadable(name: &str, error: String) -> NodeHealth {
        NodeHealth {
            name: name.to_string(),
            ready: Readiness {
                status: String::new(),
                reason: String::new(),
            },
            cordoned: false,
            roles: Vec::new(),
            kubelet_version: String::new(),
            lease: LeaseState::NotChecked,
            conditions: Vec::new(),
            taints: Vec::new(),
            pods: String::new(),
            age: None,
            wide: WideFacts::default(),
            unreadable: Some(error),
        }
    }

    /// True when the node needs someone's attention.
    pub fn has_problem(&self) -> bool {
        self.unreadable.is_some()
            || self.ready.status != "True"
            || self.cordoned
            || !self.conditions.is_empty()
            || matches!(
                self.lease,
                LeaseState::Stale { .. }
                    | LeaseState::Missing
                    | LeaseState::Future { .. }
                    | LeaseState::Unreadable
            )
    }

    /// Short descriptions of each problem, in order of urgency, for the PROBLEMS column.
    pub fn problem_list(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(error) = &self.unreadable {
            out.push(format!("object unreadable: {error}"));
            return out;
        }
        match self.ready.status.as_str() {
            "True" => {}
            "" => out.push("no Ready condition".to_string()),
            "False" => out.push("NotReady".to_string()),
            other => out.push(format!("Ready={other}")),
        }
        match &self.lease {
            LeaseState::Stale { age, .. } => {
                out.push(format!("lease stale {}", crate::duration::human_age(*age)))
            }
            LeaseState::Missing => out.push("no lease".to_string()),
            LeaseState::Future { .. } => {
                out.push("lease renewed in the future (clock skew)".to_string())
            }
            LeaseState::Unreadable => out.push("lease unreadable".to_string()),
            _ => {}
        }
        for c in &self.conditions {
            out.push(c.type_.clone());
        }
        if self.cordoned {
            out.push("cordoned".to_string());
        }
        out
    }
}

/// Lease facts for one node, from its Lease in `kube-node-lease`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaseFacts {
    pub renew_time: Option<Timestamp>,
    pub duration_secs: Option<i64>,
    /// The lease could not be decoded (a renewTime that is not a time, a field of the wrong
    /// type); the other fields are then empty.
    pub unreadable: bool,
}

impl LeaseFacts {
    pub fn from_lease(lease: &Lease) -> LeaseFacts {
        let spec = lease.spec.as_ref();
        LeaseFacts {
            renew_time: spec.and_then(|s| s.renew_time.as_ref()).map(|t| t.0),
            duration_secs: spec.and_then(|s| s.lease_duration_seconds).map(i64::from),
            unreadable: false,
        }
    }

    pub fn unreadable() -> LeaseFacts {
        LeaseFacts {
            renew_time: None,
            duration_secs: None,
            unreadable: true,
        }
    }
}

/// Judges one node. `lease` is `None` when leases were not fetched, `Some(None)` when the
/// node has no lease.
pub fn assess(node: &Node, lease: Option<Option<&LeaseFacts>>, now: Timestamp) -> NodeHealth {
    let meta = &node.metadata;
    let spec = node.spec.as_ref();
    let status = node.status.as_ref();
    let conditions = status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);

    let ready = conditions
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| Readiness {
            status: c.status.clone(),
            reason: c.reason.clone().unwrap_or_default(),
        })
        .unwrap_or(Readiness {
            status: String::new(),
            reason: String::new(),
        });

    let problem_conditions = conditions
        .iter()
        // Every condition but Ready is a problem when True: the kubelet's own pressure and
        // NetworkUnavailable, and the non-standard ones node-problem-detector sets.
        .filter(|c| c.type_ != "Ready" && c.status == "True")
        .map(|c| ProblemCondition {
            type_: c.type_.clone(),
            reason: c.reason.clone().unwrap_or_default(),
        })
        .collect();

    let labels = meta.labels.as_ref();
    let mut roles: Vec<String> = labels
        .map(|l| {
            l.iter()
                .filter_map(|(k, v)| {
                    if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                        (!role.is_empty()).then(|| role.to_string())
                    } else if k == "kubernetes.io/role" && !v.is_empty() {
                        Some(v.clone())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    roles.sort();
    roles.dedup();

    let taints = spec
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[])
        .iter()
        .map(|t| match t.value.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => format!("{}={}:{}", t.key, v, t.effect),
            None => format!("{}:{}", t.key, t.effect),
        })
        .collect();

    let node_info = status.and_then(|s| s.node_info.as_ref());
    let addresses = status.and_then(|s| s.addresses.as_deref()).unwrap_or(&[]);
    let address = |kind: &str| {
        addresses
            .iter()
            .find(|a| a.type_ == kind)
            .map(|a| a.address.clone())
            .unwrap_or_default()
    };
    let quantity = |map: Option<
        &std::collections::BTreeMap<
            String,
            k8s_openapi::apimachinery::pkg::api::resource::Quantity,
        >,
    >,
                    key: &str| {
        map.and_then(|m| m.get(key))
            .map(|q| q.0.clone())
            .unwrap_or_default()
    };
    let allocatable = status.and_then(|s| s.allocatable.as_ref());

    NodeHealth {
        name: meta.name.clone().unwrap_or_default(),
        ready,
        cordoned: spec.and_then(|s| s.unschedulable).unwrap_or(false),
        roles,
        kubelet_version: node_info
            .map(|i| i.kubelet_version.clone())
            .unwrap_or_default(),
        lease: match lease {
            None => LeaseState::NotChecked,
            Some(facts) => lease_state(facts, now),
        },
        conditions: problem_conditions,
        taints,
        pods: quantity(status.and_then(|s| s.capacity.as_ref()), "pods"),
        age: meta.creation_timestamp.as_ref().map(|t| since(t.0, now)),
        wide: WideFacts {
            internal_ip: address("InternalIP"),
            external_ip: address("ExternalIP"),
            os_image: node_info.map(|i| i.os_image.clone()).unwrap_or_default(),
            kernel: node_info
                .map(|i| i.kernel_version.clone())
                .unwrap_or_default(),
            runtime: node_info
                .map(|i| i.container_runtime_version.clone())
                .unwrap_or_default(),
            cpu: quantity(allocatable, "cpu"),
            memory: quantity(allocatable, "memory"),
        },
        unreadable: None,
    }
}

fn lease_state(facts: Option<&LeaseFacts>, now: Timestamp) -> LeaseState {
    if facts.is_some_and(|f| f.unreadable) {
        return LeaseState::Unreadable;
    }
    let Some(renewed) = facts.and_then(|f| f.renew_time) else {
        return LeaseState::Missing;
    };
    let limit_secs = facts
        .and_then(|f| f.duration_secs)
        .filter(|d| *d > 0)
        .unwrap_or(DEFAULT_LEASE_DURATION_SECS);
    let limit = Duration::from_secs(limit_secs as u64);
    let delta_ms = now.as_millisecond() - renewed.as_millisecond();
    // A little skew between the API server's clock and ours is normal; only flag real drift.
    if delta_ms < -(limit.as_millis() as i64) {
        return LeaseState::Future {
            ahead: Duration::from_millis(delta_ms.unsigned_abs()),
        };
    }
    let age = Duration::from_millis(delta_ms.max(0) as u64);
    if age > limit {
        LeaseState::Stale { age, limit }
    } else {
        LeaseState::Fresh { age }
    }
}

fn since(then: Timestamp, now: Timestamp) -> Duration {
    Duration::from_secs((now.as_second() - then.as_second()).max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: serde_json::Value) -> Node {
        serde_json::from_value(json).unwrap()
    }

    fn now() -> Timestamp {
        "2025-06-01T12:00:00Z".parse().unwrap()
    }

    fn healthy_json() -> serde_json::Value {
        serde_json::json!({
            "metadata": {"name": "n1", "creationTimestamp": "2025-05-01T12:00:00Z",
                "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "infra"}},
            "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]},
            "status": {
                "capacity": {"pods": "110"},
                "allocatable": {"cpu": "3800m", "memory": "15Gi"},
                "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}],
                "conditions": [
                    {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
                    {"type": "DiskPressure", "status": "False"},
                    {"type": "PIDPressure", "status": "False"},
                    {"type": "Ready", "status": "True", "reason": "KubeletReady"},
                    {"type": "KernelDeadlock", "status": "False", "reason": "KernelHasNoDeadlock"}
                ],
                "nodeInfo": {"kubeletVersion": "v1.33.1", "osImage": "Ubuntu", "kernelVersion": "6.8",
                    "containerRuntimeVersion": "containerd://1.7.27", "architecture": "amd64", "bootID": "",
                    "kubeProxyVersion": "", "machineID": "", "operatingSystem": "linux", "systemUUID": ""}
            }
        })
    }

    fn fresh_lease() -> LeaseFacts {
        LeaseFacts {
            renew_time: Some("2025-06-01T11:59:55Z".parse().unwrap()),
            duration_secs: Some(40),
            unreadable: false,
        }
    }

    #[test]
    fn healthy_node_has_no_problem() {
        let lease = fresh_lease();
        let h = assess(&node(healthy_json()), Some(Some(&lease)), now());
        assert!(!h.has_problem(), "{h:?}");
        assert_eq!(h.roles, vec!["control-plane", "infra"]);
        assert_eq!(
            h.lease,
            LeaseState::Fresh {
                age: Duration::from_secs(5)
            }
        );
        assert_eq!(
            h.taints,
            vec!["node-role.kubernetes.io/control-plane:NoSchedule"]
        );
        assert_eq!(h.pods, "110");
        assert_eq!(h.age, Some(Duration::from_secs(31 * 86_400)));
        assert_eq!(h.wide.cpu, "3800m");
        assert_eq!(h.wide.internal_ip, "10.0.0.1");
    }

    #[test]
    fn not_ready_and_unknown_are_problems_with_reason() {
        for (status, reason) in [
            ("False", "KubeletNotReady"),
            ("Unknown", "NodeStatusUnknown"),
        ] {
            let mut j = healthy_json();
            j["status"]["conditions"][3] =
                serde_json::json!({"type": "Ready", "status": status, "reason": reason});
            let lease = fresh_lease();
            let h = assess(&node(j), Some(Some(&lease)), now());
            assert!(h.has_problem());
            assert_eq!(h.ready.reason, reason);
        }
    }

    #[test]
    fn judged_by_type_not_reason() {
        // A Ready=True condition with an alarming reason is still ready...
        let mut j = healthy_json();
        j["status"]["conditions"][3]["reason"] = "KubeletNotReady".into();
        // ...and a pressure condition with a soothing reason is still pressure.
        j["status"]["conditions"][1] = serde_json::json!({"type": "DiskPressure", "status": "True", "reason": "KubeletHasNoDiskPressure"});
        let lease = fresh_lease();
        let h = assess(&node(j), Some(Some(&lease)), now());
        assert_eq!(h.ready.status, "True");
        assert_eq!(
            h.conditions,
            vec![ProblemCondition {
                type_: "DiskPressure".into(),
                reason: "KubeletHasNoDiskPressure".into()
            }]
        );
        assert!(h.has_problem());
    }

    #[test]
    fn npd_conditions_that_are_true_are_problems() {
        let mut j = healthy_json();
        j["status"]["conditions"][4]["status"] = "True".into();
        let lease = fresh_lease();
        let h = assess(&node(j), Some(Some(&lease)), now());
        assert_eq!(h.problem_list(), vec!["KernelDeadlock"]);
    }

    #[test]
    fn lease_verdicts() {
        let n = node(healthy_json());
        let stale = LeaseFacts {
            renew_time: Some("2025-06-01T11:55:00Z".parse().unwrap()),
            duration_secs: Some(40),
            unreadable: false,
        };
        assert!(matches!(
            assess(&n, Some(Some(&stale)), now()).lease,
            LeaseState::Stale { .. }
        ));
        let broken = LeaseFacts::unreadable();
        assert_eq!(
            assess(&n, Some(Some(&broken)), now()).lease,
            LeaseState::Unreadable
        );
        assert!(assess(&n, Some(Some(&broken)), now()).has_problem());
        let custom = LeaseFacts {
            renew_time: Some("2025-06-01T11:55:00Z".parse().unwrap()),
            duration_secs: Some(600),
            unreadable: false,
        };
        assert!(matches!(
            assess(&n, Some(Some(&custom)), now()).lease,
            LeaseState::Fresh { .. }
        ));
        let default_duration = LeaseFacts {
            renew_time: Some("2025-06-01T11:59:00Z".parse().unwrap()),
            duration_secs: None,
            unreadable: false,
        };
        assert!(matches!(
            assess(&n, Some(Some(&default_duration)), now()).lease,
            LeaseState::Stale { .. }
        ));
        assert_eq!(assess(&n, Some(None), now()).lease, LeaseState::Missing);
        assert!(assess(&n, Some(None), now()).has_problem());
        assert_eq!(assess(&n, None, now()).lease, LeaseState::NotChecked);
        assert!(!assess(&n, None, now()).has_problem());
        let future = LeaseFacts {
            renew_time: Some("2025-06-01T13:00:00Z".parse().unwrap()),
            duration_secs: Some(40),
            unreadable: false,
        };
        assert!(matches!(
            assess(&n, Some(Some(&future)), now()).lease,
            LeaseState::Future { .. }
        ));
    }

    #[test]
    fn cordoned_is_a_problem() {
        let mut j = healthy_json();
        j["spec"]["unschedulable"] = true.into();
        let lease = fresh_lease();
        let h = assess(&node(j), Some(Some(&lease)), now());
        assert!(h.cordoned && h.has_problem());
        assert_eq!(h.problem_list(), vec!["cordoned"]);
    }

    #[test]
    fn an_unreadable_node_is_a_problem_of_its_own() {
        let h = NodeHealth::unreadable("n9", "invalid type: integer `5`, expected a string".into());
        assert!(h.has_problem());
        assert_eq!(
            h.problem_list(),
            vec!["object unreadable: invalid type: integer `5`, expected a string"]
        );
    }

    #[test]
    fn a_node_without_status_is_judged_not_ready() {
        let h = assess(
            &node(serde_json::json!({"metadata": {"name": "bare"}})),
            None,
            now(),
        );
        assert!(h.has_problem());
        assert_eq!(h.problem_list(), vec!["no Ready condition"]);
    }
}
