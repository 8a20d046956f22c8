// The static table of resources the fake serves: names, kinds, scope, short names, verbs and
// the field labels each one can be selected by (as registered in pkg/apis/core/v1/conversion.go).

#[derive(Debug)]
pub struct ResourceDef {
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    pub categories: &'static [&'static str],
    pub verbs: &'static [&'static str],
    pub storage_version_hash: &'static str,
    /// Field labels accepted in `fieldSelector` besides `metadata.name`/`metadata.namespace`.
    pub field_labels: &'static [&'static str],
    pub subresources: &'static [(&'static str, &'static str, &'static [&'static str])],
}

impl ResourceDef {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    pub fn list_kind(&self) -> String {
        format!("{}List", self.kind)
    }

    /// `GroupResource.String()`: `nodes` or `leases.coordination.k8s.io`.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// Every field label the real API server accepts for this resource.
    pub fn supported_fields(&self) -> Vec<&'static str> {
        let mut v = vec!["metadata.name", "metadata.namespace"];
        v.extend_from_slice(self.field_labels);
        v
    }
}

const RW_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

pub static NODES: ResourceDef = ResourceDef {
    group: "",
    version: "v1",
    plural: "nodes",
    singular: "node",
    kind: "Node",
    namespaced: false,
    short_names: &["no"],
    categories: &[],
    verbs: RW_VERBS,
    storage_version_hash: "XwShjMxG9Fs=",
    field_labels: &["spec.unschedulable"],
    subresources: &[
        (
            "proxy",
            "NodeProxyOptions",
            &["create", "delete", "get", "patch", "update"],
        ),
        ("status", "Node", &["get", "patch", "update"]),
    ],
};

pub static PODS: ResourceDef = ResourceDef {
    group: "",
    version: "v1",
    plural: "pods",
    singular: "pod",
    kind: "Pod",
    namespaced: true,
    short_names: &["po"],
    categories: &["all"],
    verbs: RW_VERBS,
    storage_version_hash: "xPOwRZ+Yhw8=",
    field_labels: &[
        "spec.nodeName",
        "spec.restartPolicy",
        "spec.schedulerName",
        "spec.serviceAccountName",
        "spec.hostNetwork",
        "status.phase",
        "status.podIP",
        "status.podIPs",
        "status.nominatedNodeName",
    ],
    subresources: &[
        ("log", "Pod", &["get"]),
        ("status", "Pod", &["get", "patch", "update"]),
    ],
};

pub static EVENTS: ResourceDef = ResourceDef {
    group: "",
    version: "v1",
    plural: "events",
    singular: "event",
    kind: "Event",
    namespaced: true,
    short_names: &["ev"],
    categories: &[],
    verbs: RW_VERBS,
    storage_version_hash: "r2yiGXH7wu8=",
    field_labels: &[
        "involvedObject.kind",
        "involvedObject.namespace",
        "involvedObject.name",
        "involvedObject.uid",
        "involvedObject.apiVersion",
        "involvedObject.resourceVersion",
        "involvedObject.fieldPath",
        "reason",
        "reportingComponent",
        "source",
        "type",
    ],
    subresources: &[],
};

pub static NAMESPACES: ResourceDef = ResourceDef {
    group: "",
    version: "v1",
    plural: "namespaces",
    singular: "namespace",
    kind: "Namespace",
    namespaced: false,
    short_names: &["ns"],
    categories: &[],
    verbs: &[
        "create", "delete", "get", "list", "patch", "update", "watch",
    ],
    storage_version_hash: "Q3oi5N2YM8M=",
    field_labels: &["status.phase"],
    subresources: &[("status", "Namespace", &["get", "patch", "update"])],
};

pub static SERVICE_ACCOUNTS: ResourceDef = ResourceDef {
    group: "",
    version: "v1",
    plural: "serviceaccounts",
    singular: "serviceaccount",
    kind: "ServiceAccount",
    namespaced: true,
    short_names: &["sa"],
    categories: &[],
    verbs: RW_VERBS,
    storage_version_hash: "pbx9ZvyFpBE=",
    field_labels: &[],
    subresources: &[("token", "TokenRequest", &["create"])],
};

pub static LEASES: ResourceDef = ResourceDef {
    group: "coordination.k8s.io",
    version: "v1",
    plural: "leases",
    singular: "lease",
    kind: "Lease",
    namespaced: true,
    short_names: &[],
    categories: &[],
    verbs: RW_VERBS,
    storage_version_hash: "gqkMMb/YqFM=",
    field_labels: &[],
    subresources: &[],
};

/// `kubectl get csr`: the kubelet's client and serving certificate requests.
pub static CSRS: ResourceDef = ResourceDef {
    group: "certificates.k8s.io",
    version: "v1",
    plural: "certificatesigningrequests",
    singular: "certificatesigningrequest",
    kind: "CertificateSigningRequest",
    namespaced: false,
    short_names: &["csr"],
    categories: &[],
    verbs: RW_VERBS,
    storage_version_hash: "95fRKMXA+00=",
    field_labels: &["spec.signerName"],
    subresources: &[
        (
            "approval",
            "CertificateSigningRequest",
            &["get", "patch", "update"],
        ),
        (
            "status",
            "CertificateSigningRequest",
            &["get", "patch", "update"],
        ),
    ],
};

/// Every served resource, in discovery order.
pub static ALL: [&ResourceDef; 7] = [
    &NAMESPACES,
    &EVENTS,
    &NODES,
    &PODS,
    &SERVICE_ACCOUNTS,
    &LEASES,
    &CSRS,
];

/// API groups other than the core group, in discovery order.
pub static GROUPS: [&str; 2] = ["coordination.k8s.io", "certificates.k8s.io"];

pub fn find(group: &str, version: &str, plural: &str) -> Option<&'static ResourceDef> {
    ALL.iter()
        .copied()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

pub fn by_plural(plural: &str) -> Option<&'static ResourceDef> {
    ALL.iter().copied().find(|r| r.plural == plural)
}
