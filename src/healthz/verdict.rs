//! The verdict on one kubelet: a pure function from what its healthz endpoint said (and, for
//! remote probes, the node's Ready condition and Lease age) to healthy / unhealthy / unknown.
//!
//! healthz alone lies: the kubelet answers "ok" while it cannot reach the API server, so a
//! remote verdict is healthy only when healthz, Ready and the lease all agree.

use std::time::Duration;

use crate::duration::human_age;
use crate::nodes::health::{LeaseState, NodeHealth};

/// What the healthz endpoint answered, or why it did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Healthz {
    /// 200: every check passed.
    Ok,
    /// 500 (or another status): the checks that failed, from the `?verbose` listing.
    Failing { status: u16, failed: Vec<String> },
    /// Nothing listens on the port.
    Refused { detail: String },
    /// No answer within the deadline: the kubelet is hung (or the network drops packets).
    TimedOut { after: Duration },
    /// The API server could not reach the kubelet (its 503 Status message).
    Unreachable { message: String },
    /// `healthzPort: 0` in the kubelet config: there is no endpoint to ask.
    Disabled { config: String },
    /// We could not ask at all (403 on nodes/proxy, API server unreachable, node gone).
    NotProbed { reason: String },
    /// Some other failure of the request itself.
    Error { detail: String },
}

impl Healthz {
    /// Stable one-word state, for the table and the JSON `healthz.state`.
    pub fn state(&self) -> &'static str {
        match self {
            Healthz::Ok => "ok",
            Healthz::Failing { .. } => "failing",
            Healthz::Refused { .. } => "refused",
            Healthz::TimedOut { .. } => "timeout",
            Healthz::Unreachable { .. } => "unreachable",
            Healthz::Disabled { .. } => "disabled",
            Healthz::NotProbed { .. } => "not-probed",
            Healthz::Error { .. } => "error",
        }
    }

    /// Why this state, in words, with what to do where we know it.
    pub fn detail(&self, local: bool) -> Option<String> {
        Some(match self {
            Healthz::Ok => return None,
            Healthz::Failing { status, failed } if failed.is_empty() => {
                format!("healthz answered {status}")
            }
            Healthz::Failing { failed, .. } => format!("failing checks: {}", failed.join(", ")),
            Healthz::Refused { detail } if local => format!(
                "connection refused ({detail}): is the kubelet running? (systemctl status kubelet)"
            ),
            Healthz::Refused { detail } => format!("connection refused ({detail})"),
            Healthz::TimedOut { after } => format!(
                "no answer within {}: the kubelet is hung or overloaded",
                crate::duration::human_duration(*after)
            ),
            Healthz::Unreachable { message } => {
                format!("the API server cannot reach the kubelet: {message}")
            }
            Healthz::Disabled { config } => format!(
                "the healthz endpoint is disabled (healthzPort: 0 in {config}); give --url, or probe through the API server with the node's name"
            ),
            Healthz::NotProbed { reason } => reason.clone(),
            Healthz::Error { detail } => detail.clone(),
        })
    }
}

/// The three outcomes the exit status is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Healthy,
    Unhealthy,
    /// Could not be judged (not probed, endpoint disabled): exit status 2.
    Unknown,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Healthy => "Healthy",
            Verdict::Unhealthy => "Unhealthy",
            Verdict::Unknown => "Unknown",
        }
    }
}

/// The verdict on a kubelet probed directly: healthz is all there is.
pub fn local(healthz: &Healthz) -> (Verdict, Vec<String>) {
    let verdict = match healthz {
        Healthz::Ok => Verdict::Healthy,
        Healthz::Disabled { .. } | Healthz::NotProbed { .. } => Verdict::Unknown,
        _ => Verdict::Unhealthy,
    };
    (verdict, healthz.detail(true).into_iter().collect())
}

/// The verdict on a node's kubelet probed through the API server, told apart from what its
/// Ready condition and Lease say. `node` is `None` when the node object was not read.
pub fn remote(healthz: &Healthz, node: Option<&NodeHealth>) -> (Verdict, Vec<String>) {
    let mut detail: Vec<String> = healthz.detail(false).into_iter().collect();
    let mut verdict = match healthz {
        Healthz::Ok => Verdict::Healthy,
        Healthz::NotProbed { .. } | Healthz::Disabled { .. } => Verdict::Unknown,
        _ => Verdict::Unhealthy,
    };
    let Some(node) = node else {
        return (verdict, detail);
    };
    let ok = *healthz == Healthz::Ok;
    let prefix = if ok { "healthz ok but " } else { "" };
    match &node.lease {
        LeaseState::Stale { age, .. } => {
            detail.push(format!(
                "{prefix}lease {} stale: the kubelet cannot reach the API server",
                human_age(*age)
            ));
            verdict = verdict.max(Verdict::Unhealthy);
        }
        LeaseState::Missing => {
            detail.push(format!(
                "{prefix}no lease in kube-node-lease: the kubelet has never heartbeated"
            ));
            verdict = verdict.max(Verdict::Unhealthy);
        }
        LeaseState::Unreadable => {
            detail.push(format!(
                "{prefix}lease unreadable: the API server sent a malformed lease"
            ));
            verdict = verdict.max(Verdict::Unhealthy);
        }
        LeaseState::Future { .. } => {
            detail.push(format!(
                "{prefix}lease renewed in the future: the node's clock is off"
            ));
            verdict = verdict.max(Verdict::Unhealthy);
        }
        LeaseState::Fresh { .. } | LeaseState::NotChecked => {}
    }
    match node.ready.status.as_str() {
        "True" => {}
        status => {
            let what = match status {
                "" => "the node has no Ready condition".to_string(),
                "False" => "node NotReady".to_string(),
                other => format!("node Ready={other}"),
            };
            let reason = if node.ready.reason.is_empty() {
                String::new()
            } else {
                format!(" ({})", node.ready.reason)
            };
            detail.push(format!("{prefix}{what}{reason}"));
            verdict = verdict.max(Verdict::Unhealthy);
        }
    }
    (verdict, detail)
}

/// The failed check names in a `?verbose` listing (`[-]syncloop failed: reason withheld`).
pub fn failed_checks(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("[-]"))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nodes::health::Readiness;

    fn node(ready: &str, lease: LeaseState) -> NodeHealth {
        let mut h = NodeHealth::unreadable("n1", String::new());
        h.unreadable = None;
        h.ready = Readiness {
            status: ready.into(),
            reason: if ready == "True" {
                ""
            } else {
                "KubeletNotReady"
            }
            .into(),
        };
        h.lease = lease;
        h
    }

    fn fresh() -> LeaseState {
        LeaseState::Fresh {
            age: Duration::from_secs(3),
        }
    }

    #[test]
    fn all_agree_healthy() {
        let (v, d) = remote(&Healthz::Ok, Some(&node("True", fresh())));
        assert_eq!((v, d), (Verdict::Healthy, vec![]));
    }

    #[test]
    fn healthz_ok_but_lease_stale_is_unhealthy_and_says_why() {
        let stale = LeaseState::Stale {
            age: Duration::from_secs(240),
            limit: Duration::from_secs(40),
        };
        let (v, d) = remote(&Healthz::Ok, Some(&node("True", stale)));
        assert_eq!(v, Verdict::Unhealthy);
        assert_eq!(
            d,
            vec!["healthz ok but lease 4m stale: the kubelet cannot reach the API server"]
        );
    }

    #[test]
    fn healthz_ok_but_not_ready() {
        let (v, d) = remote(&Healthz::Ok, Some(&node("False", fresh())));
        assert_eq!(v, Verdict::Unhealthy);
        assert_eq!(d, vec!["healthz ok but node NotReady (KubeletNotReady)"]);
    }

    #[test]
    fn failing_checks_are_listed() {
        let body =
            "[+]ping ok\n[+]log ok\n[-]syncloop failed: reason withheld\nhealthz check failed\n";
        let h = Healthz::Failing {
            status: 500,
            failed: failed_checks(body),
        };
        let (v, d) = local(&h);
        assert_eq!(v, Verdict::Unhealthy);
        assert_eq!(d, vec!["failing checks: syncloop"]);
    }

    #[test]
    fn not_probed_and_disabled_are_unknown() {
        let (v, _) = local(&Healthz::Disabled {
            config: "c.yaml".into(),
        });
        assert_eq!(v, Verdict::Unknown);
        let (v, _) = remote(
            &Healthz::NotProbed {
                reason: "forbidden".into(),
            },
            Some(&node("True", fresh())),
        );
        assert_eq!(v, Verdict::Unknown);
    }

    #[test]
    fn a_hung_kubelet_on_a_not_ready_node_reports_both() {
        let (v, d) = remote(
            &Healthz::TimedOut {
                after: Duration::from_secs(2),
            },
            Some(&node("Unknown", fresh())),
        );
        assert_eq!(v, Verdict::Unhealthy);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("no answer within 2s"));
        assert_eq!(d[1], "node Ready=Unknown (KubeletNotReady)");
    }
}
