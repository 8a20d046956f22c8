//! Remote probes: each node's healthz through the API server's node proxy, many at once but
//! never more than `--parallel`, each with its own deadline, so hundreds of hung kubelets cost
//! (hung / parallel) x timeout and never stop the others from being reported.

use std::time::Duration;

use super::Probe;
use super::verdict::{Healthz, failed_checks};
use crate::client::Cluster;
use crate::error::Error;

/// What a probe found, and the error to print once on stderr when the node could not be
/// probed for a reason that is about us (403, API server gone), not about the kubelet.
pub type Outcome = (Probe, Option<String>);

/// Probes every node in `names`, at most `parallel` at a time; results in input order.
pub async fn probe_all(
    cluster: &Cluster,
    names: &[String],
    parallel: usize,
    timeout: Duration,
) -> Vec<Outcome> {
    crate::fanout::ordered(names, parallel, |name| probe(cluster, name, timeout)).await
}

/// GETs one node's `healthz?verbose` through the proxy.
pub async fn probe(cluster: &Cluster, node: &str, timeout: Duration) -> Outcome {
    match cluster
        .node_proxy_get(node, "healthz?verbose", timeout)
        .await
    {
        Ok(r) => {
            let healthz = match (r.status, &r.api_status) {
                (200..=299, _) => Healthz::Ok,
                // The API server speaking, not the kubelet: it could not dial it.
                (502..=504, Some(st)) => Healthz::Unreachable {
                    message: crate::output::sanitize::sanitize(&st.message).into_owned(),
                },
                (404, Some(_)) => Healthz::NotProbed {
                    reason: "the node no longer exists".into(),
                },
                (status, _) => Healthz::Failing {
                    status,
                    failed: failed_checks(&String::from_utf8_lossy(&r.body)),
                },
            };
            let probe = Probe {
                healthz,
                http_status: Some(r.status),
                latency: Some(r.latency),
            };
            (probe, None)
        }
        Err(err) => {
            let (healthz, fatal) = match &err {
                Error::Timeout { after, .. } => (Healthz::TimedOut { after: *after }, None),
                Error::Forbidden { .. } => (
                    Healthz::NotProbed {
                        reason: "403 Forbidden: needs get nodes/proxy".into(),
                    },
                    Some(forbidden_message(&err)),
                ),
                // A kubelet that answers garbage or without end is not healthy.
                Error::Transport { .. } | Error::TooLarge { .. } => (
                    Healthz::Error {
                        detail: err.to_string(),
                    },
                    None,
                ),
                _ => (
                    Healthz::NotProbed {
                        reason: "not probed (see the error)".into(),
                    },
                    Some(err.to_string()),
                ),
            };
            let probe = Probe {
                healthz,
                http_status: None,
                latency: None,
            };
            (probe, fatal)
        }
    }
}

/// The client's 403 names the rule to grant; say also what granting it means.
pub fn forbidden_message(err: &Error) -> String {
    format!(
        "{err} (a powerful permission: it reaches the kubelet's whole API, exec and logs included)"
    )
}
