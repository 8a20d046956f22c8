// The cluster's contents: objects kept pre-rendered in etcd-like key order with their labels and
// selectable fields indexed, resourceVersions, compaction, and per-node kubelet behaviour.
// Tests reach it through `FakeApiServer::with_state` while the server runs.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::fixtures::{
    EventFixture, LeaseFixture, NodeFixture, PodFixture, ServiceAccountFixture, namespace_object,
};
use super::json::{J, Tmpl};
use super::kubelet::{Kubelet, NodeLogs, default_configz};
use super::resources::{self, ResourceDef};
use super::util::format_time;

/// One stored object: its rendered JSON (as a list item: no kind/apiVersion) plus what
/// selectors need, so listing never re-parses bodies.
#[derive(Debug)]
pub struct StoredObject {
    pub name: Box<str>,
    pub namespace: Option<Box<str>>,
    pub labels: Box<[(Box<str>, Box<str>)]>,
    pub fields: Box<[(&'static str, Box<str>)]>,
    pub resource_version: u64,
    pub body: Tmpl,
}

impl StoredObject {
    pub fn label_pairs(&self) -> impl Iterator<Item = (&str, &str)> + Clone {
        self.labels.iter().map(|(k, v)| (&**k, &**v))
    }
    pub fn field_pairs(&self) -> impl Iterator<Item = (&str, &str)> + Clone {
        self.fields.iter().map(|(k, v)| (*k, &**v))
    }
}

/// A sorted view of one resource's objects, shared with list requests so they can filter and
/// page without holding the cluster lock.
pub type Snapshot = Arc<Vec<(String, Arc<StoredObject>)>>;

/// One resource's objects by etcd key, plus a lazily built sorted snapshot (rebuilt after a
/// change) that gives list pages O(log n) starts and O(1) remaining counts.
#[derive(Debug, Default)]
pub struct Store {
    map: BTreeMap<String, Arc<StoredObject>>,
    sorted: OnceLock<Snapshot>,
}

impl Store {
    fn insert(&mut self, key: String, obj: Arc<StoredObject>) {
        self.map.insert(key, obj);
        self.sorted = OnceLock::new();
    }
    fn remove(&mut self, key: &str) -> Option<Arc<StoredObject>> {
        let r = self.map.remove(key);
        if r.is_some() {
            self.sorted = OnceLock::new();
        }
        r
    }
    fn get(&self, key: &str) -> Option<&Arc<StoredObject>> {
        self.map.get(key)
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    pub fn snapshot(&self) -> Snapshot {
        self.sorted
            .get_or_init(|| {
                Arc::new(
                    self.map
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                )
            })
            .clone()
    }
}

/// What the fake knows about a node beyond its JSON (for leases and the node proxy).
#[derive(Clone, Debug)]
pub struct NodeMeta {
    pub uid: String,
    pub internal_ip: String,
    pub lease_renewed_ago: Duration,
    pub created_ago: Duration,
    pub kubelet: Kubelet,
    pub configz: Option<J>,
    /// `/stats/summary`; `None` serves a synthetic one (`stats::synthetic`).
    pub summary: Option<J>,
    /// Memory capacity, for the synthetic summary.
    pub memory_ki: u64,
    /// What `/logs/` answers (NodeLogQuery).
    pub logs: NodeLogs,
}

/// The contents of the fake cluster. Build one with the chaining methods (`node`, `pod`, ...)
/// before starting the server; change it with the `add_*`/`edit`/`remove` methods while it
/// runs.
#[derive(Debug)]
pub struct Cluster {
    stores: HashMap<&'static str, Store>,
    resource_version: u64,
    compacted: u64,
    nodes: BTreeMap<String, NodeMeta>,
    summary_pods: usize,
    /// Age of the cluster's own objects (namespaces, default service accounts).
    pub(crate) age: Duration,
}

impl Default for Cluster {
    fn default() -> Self {
        Self::new()
    }
}

impl Cluster {
    /// An empty cluster with the four namespaces kubeadm creates, each with its `default`
    /// service account.
    pub fn new() -> Self {
        let mut c = Cluster {
            stores: HashMap::new(),
            resource_version: 1000,
            compacted: 0,
            nodes: BTreeMap::new(),
            summary_pods: 3,
            age: Duration::from_secs(30 * 86_400),
        };
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            c.ensure_namespace(ns);
        }
        c
    }

    // ----- building (consuming, for chains) -----

    pub fn node(mut self, n: NodeFixture) -> Self {
        self.add_node(n);
        self
    }
    pub fn nodes(mut self, ns: impl IntoIterator<Item = NodeFixture>) -> Self {
        for n in ns {
            self.add_node(n);
        }
        self
    }
    pub fn lease(mut self, l: LeaseFixture) -> Self {
        self.add_lease(l);
        self
    }
    /// A `kube-node-lease` Lease for every node added so far, renewed as long ago as each
    /// node's fixture says (a few seconds for a live kubelet, minutes for a dead one).
    pub fn lease_for_all_nodes(mut self) -> Self {
        self.add_leases_for_all_nodes();
        self
    }
    pub fn pod(mut self, p: PodFixture) -> Self {
        self.add_pod(p);
        self
    }
    pub fn event(mut self, e: EventFixture) -> Self {
        self.add_event(e);
        self
    }
    pub fn service_account(mut self, sa: ServiceAccountFixture) -> Self {
        self.add_service_account(sa);
        self
    }
    pub fn kubelet(mut self, node: &str, k: Kubelet) -> Self {
        self.set_kubelet(node, k);
        self
    }
    pub fn configz(mut self, node: &str, body: serde_json::Value) -> Self {
        self.set_configz(node, body);
        self
    }

    // ----- changing (in place, also while serving) -----

    /// Adds or replaces a node (its kubelet behaviour and configz survive a replacement).
    pub fn add_node(&mut self, n: NodeFixture) {
        let (j, mut meta) = n.build();
        if let Some(old) = self.nodes.get(&meta_name(&j)) {
            meta.kubelet = old.kubelet.clone();
            meta.configz = old.configz.clone();
            meta.summary = old.summary.clone();
            meta.logs = old.logs.clone();
        }
        self.nodes.insert(meta_name(&j), meta);
        self.put(&resources::NODES, j);
    }

    pub fn add_lease(&mut self, l: LeaseFixture) {
        let uid = self.nodes.get(l.node_name()).map(|m| m.uid.clone());
        self.put(&resources::LEASES, l.build(uid.as_deref()));
    }

    pub fn add_leases_for_all_nodes(&mut self) {
        let nodes: Vec<(String, Duration, Duration)> = self
            .nodes
            .iter()
            .map(|(n, m)| (n.clone(), m.lease_renewed_ago, m.created_ago))
            .collect();
        for (name, renewed, created) in nodes {
            // The kubelet creates its lease as it registers the node.
            self.add_lease(
                LeaseFixture::new(&name)
                    .renewed_ago(renewed)
                    .created_ago(created),
            );
        }
    }

    pub fn add_pod(&mut self, p: PodFixture) {
        self.put(&resources::PODS, p.build());
    }

    pub fn add_event(&mut self, e: EventFixture) {
        self.put(&resources::EVENTS, e.build());
    }

    pub fn add_service_account(&mut self, sa: ServiceAccountFixture) {
        self.put(&resources::SERVICE_ACCOUNTS, sa.build());
    }

    /// Adds a CertificateSigningRequest from `username` (`system:node:NAME` or
    /// `system:bootstrap:TOKENID`) for `signer`, with `condition` (`Approved`: approved and
    /// signed, with a certificate; `Denied`; `Failed`) or none (pending).
    pub fn add_csr(&mut self, name: &str, username: &str, signer: &str, condition: Option<&str>) {
        let mut obj = csr_object(name, username, signer, "2025-06-03T10:00:00Z");
        if let Some(c) = condition {
            obj["status"]["conditions"] =
                serde_json::json!([csr_condition(c, "2025-06-03T10:00:00Z")]);
            if c == "Approved" {
                // The signer's answer: what `kubectl get csr` shows as `Approved,Issued`.
                obj["status"]["certificate"] = CSR_CERTIFICATE.into();
            }
        }
        self.add_raw("certificatesigningrequests", J::from(obj));
    }

    /// Adds a CSR approved `approved_ago` before now that no signer answered: an Approved
    /// condition and no `status.certificate` (kubelet-status.md §7.3), `Approved` alone in
    /// `kubectl get csr`.
    pub fn add_unsigned_csr(
        &mut self,
        name: &str,
        username: &str,
        signer: &str,
        approved_ago: Duration,
    ) {
        let now = std::time::SystemTime::now();
        let at = |ago: Duration| format_time(now.checked_sub(ago).unwrap_or(now), false);
        // Created a minute before it was approved.
        let mut obj = csr_object(
            name,
            username,
            signer,
            &at(approved_ago + Duration::from_secs(60)),
        );
        obj["status"]["conditions"] =
            serde_json::json!([csr_condition("Approved", &at(approved_ago))]);
        self.add_raw("certificatesigningrequests", J::from(obj));
    }

    /// Kubelet-serving CSRs from the nodes in name order, one per node: `pending` pending ones
    /// (created ten minutes ago: the CSR cleaner removes pending ones after a day), then
    /// `unsigned` approved an hour ago that no signer answered. Named `csr-NODE`.
    pub fn add_serving_csrs(&mut self, pending: usize, unsigned: usize) {
        const SERVING: &str = "kubernetes.io/kubelet-serving";
        let now = std::time::SystemTime::now();
        let created = format_time(
            now.checked_sub(Duration::from_secs(600)).unwrap_or(now),
            false,
        );
        for (i, node) in self
            .node_names()
            .iter()
            .enumerate()
            .take(pending + unsigned)
        {
            let (name, user) = (format!("csr-{node}"), format!("system:node:{node}"));
            if i < pending {
                let obj = csr_object(&name, &user, SERVING, &created);
                self.add_raw("certificatesigningrequests", J::from(obj));
            } else {
                self.add_unsigned_csr(&name, &user, SERVING, Duration::from_secs(3600));
            }
        }
    }

    /// Every node's `/logs/` answers `logs` (e.g. the same journal text everywhere).
    pub fn set_node_logs_for_all(&mut self, logs: &NodeLogs) {
        for node in self.node_names() {
            self.set_node_logs(&node, logs.clone());
        }
    }

    /// Builder form of [`Cluster::add_unsigned_csr`].
    pub fn unsigned_csr(
        mut self,
        name: &str,
        username: &str,
        signer: &str,
        approved_ago: Duration,
    ) -> Self {
        self.add_unsigned_csr(name, username, signer, approved_ago);
        self
    }

    /// Builder form of [`Cluster::add_csr`].
    pub fn csr(
        mut self,
        name: &str,
        username: &str,
        signer: &str,
        condition: Option<&str>,
    ) -> Self {
        self.add_csr(name, username, signer, condition);
        self
    }

    /// Adds any object of a served resource (`plural` as in the URL: `nodes`, `pods`, ...).
    pub fn add_raw(&mut self, plural: &str, obj: J) {
        let def =
            resources::by_plural(plural).unwrap_or_else(|| panic!("unknown resource {plural}"));
        self.put(def, obj);
    }

    /// Removes an object; returns whether it existed. Removing a node forgets its kubelet.
    pub fn remove(&mut self, plural: &str, namespace: Option<&str>, name: &str) -> bool {
        let def =
            resources::by_plural(plural).unwrap_or_else(|| panic!("unknown resource {plural}"));
        let key = key_for(def, namespace, name);
        let removed = self
            .stores
            .get_mut(def.plural)
            .and_then(|s| s.remove(&key))
            .is_some();
        if removed {
            self.resource_version += 1;
            if def.plural == "nodes" {
                self.nodes.remove(name);
            }
        }
        removed
    }

    /// Edits a stored object in place; its resourceVersion is bumped as on a real update.
    /// Returns false when there is no such object.
    pub fn edit(
        &mut self,
        plural: &str,
        namespace: Option<&str>,
        name: &str,
        f: impl FnOnce(&mut J),
    ) -> bool {
        let def =
            resources::by_plural(plural).unwrap_or_else(|| panic!("unknown resource {plural}"));
        let key = key_for(def, namespace, name);
        let Some(obj) = self.stores.get(def.plural).and_then(|s| s.get(&key)) else {
            return false;
        };
        let mut j = obj.body.to_j();
        f(&mut j);
        self.put(def, j);
        true
    }

    /// Edits every stored object of a resource in place (resourceVersions bumped). The edit
    /// must not rename an object.
    pub fn edit_every(&mut self, plural: &str, mut f: impl FnMut(&mut J)) {
        let def =
            resources::by_plural(plural).unwrap_or_else(|| panic!("unknown resource {plural}"));
        let objects: Vec<J> = self
            .stores
            .get(def.plural)
            .map(|s| s.map.values().map(|o| o.body.to_j()).collect())
            .unwrap_or_default();
        for mut j in objects {
            f(&mut j);
            self.put(def, j);
        }
    }

    /// The stored object as an ordered JSON value (relative times kept relative).
    pub fn get(&self, plural: &str, namespace: Option<&str>, name: &str) -> Option<J> {
        let def = resources::by_plural(plural)?;
        self.stores
            .get(def.plural)?
            .get(&key_for(def, namespace, name))
            .map(|o| o.body.to_j())
    }

    pub fn set_kubelet(&mut self, node: &str, k: Kubelet) {
        self.node_meta_mut(node).kubelet = k;
    }

    /// Sets what the node's `/logs/` answers (NodeLogQuery): its journal text, a 404, or the
    /// `/var/log` listing of a kubelet without the feature (the default).
    pub fn set_node_logs(&mut self, node: &str, logs: NodeLogs) {
        self.node_meta_mut(node).logs = logs;
    }

    /// Builder form of [`Cluster::set_node_logs`].
    pub fn node_logs(mut self, node: &str, logs: NodeLogs) -> Self {
        self.set_node_logs(node, logs);
        self
    }

    /// Sets the body `/configz` returns (conventionally `{"kubeletconfig": {...}}`).
    pub fn set_configz(&mut self, node: &str, body: serde_json::Value) {
        self.node_meta_mut(node).configz = Some(J::from(body));
    }

    /// Sets the body `/stats/summary` returns. Its `time` fields are left as written; see
    /// `stats::fresh_times` for fixtures with fixed dates.
    pub fn set_summary(&mut self, node: &str, body: J) {
        self.node_meta_mut(node).summary = Some(body);
    }

    /// Builder form of [`Cluster::set_summary`].
    pub fn summary(mut self, node: &str, body: J) -> Self {
        self.set_summary(node, body);
        self
    }

    /// How many pods each synthetic summary lists (default 3).
    pub fn summary_pods(mut self, n: usize) -> Self {
        self.summary_pods = n;
        self
    }

    pub(crate) fn summary_for(&self, node: &str) -> Vec<u8> {
        match self.nodes.get(node) {
            Some(NodeMeta {
                summary: Some(j), ..
            }) => j.to_json().into_bytes(),
            Some(m) => super::stats::synthetic(node, m.memory_ki, self.summary_pods),
            None => super::stats::synthetic(node, 32_863_264, self.summary_pods),
        }
    }

    /// Sets the configz body from an ordered value (keeps key order as written).
    pub fn set_configz_j(&mut self, node: &str, body: J) {
        self.node_meta_mut(node).configz = Some(body);
    }

    /// Forgets every resourceVersion up to now, like an etcd compaction: continue tokens
    /// issued before this call then get 410 Expired.
    pub fn compact(&mut self) {
        self.compacted = self.resource_version;
        self.resource_version += 1;
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    pub fn node_names(&self) -> Vec<String> {
        self.nodes.keys().cloned().collect()
    }

    pub fn count(&self, plural: &str) -> usize {
        self.stores.get(plural).map_or(0, Store::len)
    }

    // ----- used by the server -----

    pub(crate) fn compacted(&self) -> u64 {
        self.compacted
    }

    /// The sorted objects of `def` as of now.
    pub(crate) fn snapshot(&self, def: &ResourceDef) -> Snapshot {
        self.stores
            .get(def.plural)
            .map(Store::snapshot)
            .unwrap_or_default()
    }

    pub(crate) fn lookup(
        &self,
        def: &ResourceDef,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<Arc<StoredObject>> {
        self.stores
            .get(def.plural)?
            .get(&key_for(def, namespace, name))
            .cloned()
    }

    pub(crate) fn node_meta(&self, node: &str) -> Option<&NodeMeta> {
        self.nodes.get(node)
    }

    pub(crate) fn configz_for(&self, node: &str) -> J {
        self.nodes
            .get(node)
            .and_then(|m| m.configz.clone())
            .unwrap_or_else(default_configz)
    }

    fn node_meta_mut(&mut self, node: &str) -> &mut NodeMeta {
        self.nodes
            .get_mut(node)
            .unwrap_or_else(|| panic!("no node {node:?} in the fake cluster"))
    }

    fn ensure_namespace(&mut self, ns: &str) {
        let exists = self
            .stores
            .get("namespaces")
            .is_some_and(|s| s.get(ns).is_some());
        if exists {
            return;
        }
        let age = self.age;
        self.put(&resources::NAMESPACES, namespace_object(ns, age));
        self.put(
            &resources::SERVICE_ACCOUNTS,
            ServiceAccountFixture::new(ns, "default")
                .created_ago(age)
                .build(),
        );
    }

    /// Stores `obj` under a fresh resourceVersion, creating its namespace if needed.
    fn put(&mut self, def: &'static ResourceDef, mut obj: J) {
        let name = meta_name(&obj);
        let namespace = def
            .namespaced
            .then(|| obj.str_at("/metadata/namespace").to_string());
        if let Some(ns) = &namespace {
            assert!(!ns.is_empty(), "{} {name:?} needs a namespace", def.kind);
            self.ensure_namespace(ns);
        }
        self.resource_version += 1;
        let rv = self.resource_version;
        obj.entry("/metadata")
            .set_after("uid", "resourceVersion", rv.to_string());
        let labels: Vec<(Box<str>, Box<str>)> = obj
            .pointer("/metadata/labels")
            .and_then(J::as_obj)
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.as_str().into(), v.as_str().unwrap_or("").into()))
                    .collect()
            })
            .unwrap_or_default();
        let fields = selectable_fields(def, &obj);
        let stored = StoredObject {
            name: name.clone().into(),
            namespace: namespace.clone().map(Into::into),
            labels: labels.into(),
            fields: fields.into(),
            resource_version: rv,
            body: Tmpl::from_j(&obj),
        };
        let key = key_for(def, namespace.as_deref(), &name);
        self.stores
            .entry(def.plural)
            .or_default()
            .insert(key, Arc::new(stored));
    }
}

fn meta_name(obj: &J) -> String {
    let name = obj.str_at("/metadata/name");
    assert!(
        !name.is_empty(),
        "object without metadata.name: {}",
        obj.to_json()
    );
    name.to_string()
}

/// The etcd key below the resource prefix: `ns/name` for namespaced resources, `name` else.
pub(crate) fn key_for(def: &ResourceDef, namespace: Option<&str>, name: &str) -> String {
    match (def.namespaced, namespace) {
        (true, Some(ns)) => format!("{ns}/{name}"),
        _ => name.to_string(),
    }
}

/// The values `fieldSelector` is evaluated against, as the registry strategies compute them
/// (`NodeToSelectableFields`, `PodToSelectableFields`, `EventToSelectableFields`, ...).
fn selectable_fields(def: &ResourceDef, o: &J) -> Vec<(&'static str, Box<str>)> {
    let s = |p: &str| -> Box<str> { o.str_at(p).into() };
    let mut f: Vec<(&'static str, Box<str>)> = vec![
        ("metadata.name", s("/metadata/name")),
        ("metadata.namespace", s("/metadata/namespace")),
    ];
    match def.plural {
        "nodes" => {
            let unsched = o
                .pointer("/spec/unschedulable")
                .and_then(J::as_bool)
                .unwrap_or(false);
            f.push(("spec.unschedulable", unsched.to_string().into()));
        }
        "pods" => {
            let host_net = o
                .pointer("/spec/hostNetwork")
                .and_then(J::as_bool)
                .unwrap_or(false);
            f.extend([
                ("spec.nodeName", s("/spec/nodeName")),
                ("spec.restartPolicy", s("/spec/restartPolicy")),
                ("spec.schedulerName", s("/spec/schedulerName")),
                ("spec.serviceAccountName", s("/spec/serviceAccountName")),
                ("spec.hostNetwork", host_net.to_string().into()),
                ("status.phase", s("/status/phase")),
                ("status.podIP", s("/status/podIP")),
                ("status.podIPs", s("/status/podIP")),
                ("status.nominatedNodeName", s("/status/nominatedNodeName")),
            ]);
        }
        "events" => {
            f.extend([
                ("involvedObject.kind", s("/involvedObject/kind")),
                ("involvedObject.namespace", s("/involvedObject/namespace")),
                ("involvedObject.name", s("/involvedObject/name")),
                ("involvedObject.uid", s("/involvedObject/uid")),
                ("involvedObject.apiVersion", s("/involvedObject/apiVersion")),
                (
                    "involvedObject.resourceVersion",
                    s("/involvedObject/resourceVersion"),
                ),
                ("involvedObject.fieldPath", s("/involvedObject/fieldPath")),
                ("reason", s("/reason")),
                ("reportingComponent", s("/reportingComponent")),
                ("source", s("/source/component")),
                ("type", s("/type")),
            ]);
        }
        "namespaces" => f.push(("status.phase", s("/status/phase"))),
        _ => {}
    }
    f
}

/// A placeholder for a signed certificate (base64 of a PEM header): the fake never parses it,
/// only its presence matters.
const CSR_CERTIFICATE: &str = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";

/// A CSR without a status (pending): the real server leaves `conditions` out until decided.
fn csr_object(name: &str, username: &str, signer: &str, created: &str) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "certificates.k8s.io/v1",
        "kind": "CertificateSigningRequest",
        "metadata": {
            "name": name,
            "uid": format!("csr-uid-{name}"),
            "creationTimestamp": created
        },
        "spec": {
            "request": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K",
            "signerName": signer,
            // What the kubelet's certificate manager asks for each signer.
            "usages": if signer == "kubernetes.io/kubelet-serving" {
                serde_json::json!(["digital signature", "server auth"])
            } else {
                serde_json::json!(["digital signature", "client auth"])
            },
            "username": username,
            "groups": ["system:nodes", "system:authenticated"]
        },
        "status": {}
    })
}

/// A decision on a CSR at `at`, as `kubectl certificate approve|deny` (or a signer that
/// failed) writes it.
fn csr_condition(kind: &str, at: &str) -> serde_json::Value {
    let (reason, message) = match kind {
        "Denied" => (
            "KubectlDeny",
            "This CSR was denied by kubectl certificate deny.",
        ),
        "Failed" => (
            "SignerValidationFailure",
            "the signer could not sign this request",
        ),
        _ => (
            "KubectlApprove",
            "This CSR was approved by kubectl certificate approve.",
        ),
    };
    serde_json::json!({
        "type": kind, "status": "True", "reason": reason, "message": message,
        "lastUpdateTime": at, "lastTransitionTime": at
    })
}
