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

/// A lease from a list, decoded leniently: one malformed lease (a renewTime that is not a
/// time) is its node's problem, not the end of the run.
enum LeaseItem {
    Read(Box<Lease>),
    Broken {
        name: Option<String>,
        uid: Option<String>,
    },
}

impl<'de> serde::Deserialize<'de> for LeaseItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(match serde_json::from_str::<Lease>(raw.get()) {
            Ok(lease) => LeaseItem::Read(Box::new(lease)),
            Err(_) => {
                let (name, uid) = crate::client::list::name_and_uid(raw.get());
                LeaseItem::Broken { name, uid }
            }
        })
    }
}

impl LeaseItem {
    fn into_facts(self) -> (Option<String>, LeaseFacts) {
        match self {
            LeaseItem::Read(lease) => (lease.metadata.name.clone(), LeaseFacts::from_lease(&lease)),
            LeaseItem::Broken { name, .. } => (name, LeaseFacts::unreadable()),
        }
    }
}

impl ListItem for LeaseItem {
    fn uid(&self) -> Option<&str> {
        match self {
            LeaseItem::Read(lease) => lease.metadata.uid.as_deref(),
            LeaseItem::Broken { uid, .. } => uid.as_deref(),
        }
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
            match cluster.get_json::<LeaseItem>(&call, &uri).await {
                Ok(lease) => {
                    map.insert(name.clone(), lease.into_facts().1);
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
        .list_pages::<LeaseItem>(&spec, |items| {
            for lease in items {
                if let (Some(name), facts) = lease.into_facts() {
                    map.insert(name, facts);
                }
            }
            Ok(())
        })
        .await?;
    Ok(map)
}
