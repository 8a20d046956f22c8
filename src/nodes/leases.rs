//! Reading node leases from `kube-node-lease`: the kubelet's heartbeat, shared by the `nodes`
//! summary and `healthz`. A few named nodes get a GET each; otherwise all leases are listed.

use std::collections::HashMap;

use k8s_openapi::api::coordination::v1::Lease;

use super::health::LeaseFacts;
use crate::client::Cluster;
use crate::client::list::{ListItem, ListSpec};
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error, Result};

/// Where the kubelet keeps its lease.
pub const LEASE_NAMESPACE: &str = "kube-node-lease";

impl ListItem for Lease {
    fn uid(&self) -> Option<&str> {
        self.metadata.uid.as_deref()
    }
}

/// Lease facts by node name: for `names` when there are a few, else for every node.
pub async fn fetch_leases(
    cluster: &Cluster,
    names: &[String],
    chunk_size: u32,
) -> Result<HashMap<String, LeaseFacts>> {
    let mut map = HashMap::new();
    if !names.is_empty() && names.len() <= 20 {
        // A few named nodes: a GET each is cheaper than listing every lease in the cluster.
        for name in names {
            let call = ApiCall::get("leases", "coordination.k8s.io", Some(LEASE_NAMESPACE), name);
            let uri = format!(
                "/apis/coordination.k8s.io/v1/namespaces/{LEASE_NAMESPACE}/leases/{}",
                encode_segment(name)
            );
            match cluster.get_json::<Lease>(&call, &uri).await {
                Ok(lease) => {
                    map.insert(name.clone(), LeaseFacts::from_lease(&lease));
                }
                Err(Error::NotFound { .. }) => {}
                Err(err) => return Err(err),
            }
        }
        return Ok(map);
    }
    let spec = ListSpec {
        call: ApiCall::list("leases", "coordination.k8s.io", Some(LEASE_NAMESPACE)),
        path: format!("/apis/coordination.k8s.io/v1/namespaces/{LEASE_NAMESPACE}/leases"),
        label_selector: None,
        field_selector: None,
        limit: chunk_size,
    };
    cluster
        .list_pages::<Lease>(&spec, |items| {
            for lease in items {
                if let Some(name) = lease.metadata.name.clone() {
                    map.insert(name, LeaseFacts::from_lease(&lease));
                }
            }
            Ok(())
        })
        .await?;
    Ok(map)
}
