//! The API server's view of this node (kubelet-status.md §7), asked only with a kubeconfig the
//! user gives (`--kubeconfig` or `KUBECONFIG`): the Node (its Ready condition, the kubelet
//! version it reports), its Lease's age, and the server's version. Kept as `api.json` in the
//! bundle; weighed in `report`.

use serde::{Deserialize, Serialize};

use crate::client::Cluster;
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error};

/// `api.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiView {
    /// `/version`'s `gitVersion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    pub node: String,
    /// The Node object exists.
    pub found: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Ready>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubelet_version: Option<String>,
    /// Seconds since the Lease was renewed, when it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_age_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_duration_seconds: Option<i64>,
    /// Why something could not be asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The Node's Ready condition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ready {
    pub status: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub message: String,
}

/// Asks the API server about `node`; failures are kept in `error`, never returned.
pub async fn ask(cluster: &Cluster, node: &str) -> ApiView {
    let mut view = ApiView {
        node: node.to_string(),
        ..ApiView::default()
    };
    let version = ApiCall::get("version", "", None, "version");
    match cluster
        .get_json::<serde_json::Value>(&version, "/version")
        .await
    {
        Ok(v) => view.server_version = v["gitVersion"].as_str().map(str::to_string),
        Err(e) => view.error = Some(e.to_string()),
    }
    let call = ApiCall::get("nodes", "", None, node);
    match cluster
        .get_json::<serde_json::Value>(&call, &format!("/api/v1/nodes/{}", encode_segment(node)))
        .await
    {
        Ok(n) => {
            view.found = true;
            view.kubelet_version = n["status"]["nodeInfo"]["kubeletVersion"]
                .as_str()
                .map(str::to_string);
            view.ready = n["status"]["conditions"].as_array().and_then(|cs| {
                cs.iter().find(|c| c["type"] == "Ready").map(|c| Ready {
                    status: c["status"].as_str().unwrap_or("").to_string(),
                    reason: c["reason"].as_str().unwrap_or("").to_string(),
                    message: c["message"].as_str().unwrap_or("").to_string(),
                })
            });
        }
        Err(Error::NotFound { .. }) => {}
        Err(e) => {
            view.error.get_or_insert(e.to_string());
            return view;
        }
    }
    let call = ApiCall::get(
        "leases",
        "coordination.k8s.io",
        Some("kube-node-lease"),
        node,
    );
    let uri = format!(
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{}",
        encode_segment(node)
    );
    match cluster.get_json::<serde_json::Value>(&call, &uri).await {
        Ok(l) => {
            view.lease_duration_seconds = l["spec"]["leaseDurationSeconds"].as_i64();
            view.lease_age_seconds = l["spec"]["renewTime"]
                .as_str()
                .and_then(|t| t.parse::<k8s_openapi::jiff::Timestamp>().ok())
                .map(|t| k8s_openapi::jiff::Timestamp::now().as_second() - t.as_second());
        }
        Err(Error::NotFound { .. }) => {}
        Err(e) => {
            view.error.get_or_insert(e.to_string());
        }
    }
    view
}

/// The minor of a version string (`v1.34.2-eks-1` -> 34).
pub fn minor(version: &str) -> Option<u32> {
    let t = version.trim().trim_start_matches('v');
    let mut parts = t.split(['.', '-', '+']);
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}

/// The version-skew policy: the kubelet not newer than the API server, at most three minors
/// older. `Some(why)` when it is broken.
pub fn skew(kubelet: &str, server: &str) -> Option<String> {
    let (k, s) = (minor(kubelet)?, minor(server)?);
    if k > s {
        Some(format!(
            "kubelet {kubelet} is newer than the API server {server}"
        ))
    } else if s - k > 3 {
        Some(format!(
            "kubelet {kubelet} is {} minors older than the API server {server} (at most 3)",
            s - k
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_skew_policy() {
        assert_eq!(skew("v1.34.2", "v1.34.0"), None);
        assert_eq!(skew("v1.31.0", "v1.34.0"), None);
        assert_eq!(
            skew("v1.35.0", "v1.34.1"),
            Some("kubelet v1.35.0 is newer than the API server v1.34.1".into())
        );
        assert_eq!(
            skew("v1.30.0", "v1.34.1-eks-1"),
            Some(
                "kubelet v1.30.0 is 4 minors older than the API server v1.34.1-eks-1 (at most 3)"
                    .into()
            )
        );
        assert_eq!(skew("garbage", "v1.34.0"), None);
    }
}
