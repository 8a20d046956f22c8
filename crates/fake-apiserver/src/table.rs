// Server-side printing (meta.k8s.io/v1 Table) for `Accept: application/json;as=Table`, with
// the columns and cell logic of pkg/printers/internalversion for the kinds served, so kubectl
// prints `get nodes`, `get pods`, `get leases` and `get events` as against a real cluster.

use std::time::SystemTime;

use serde_json::Value;

use super::json::{J, obj};
use super::resources::ResourceDef;
use super::util::{human_duration, parse_time};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeObject {
    None,
    Metadata,
    Object,
}

impl IncludeObject {
    pub fn from_param(v: Option<&str>) -> Self {
        match v {
            Some("None") => IncludeObject::None,
            Some("Object") => IncludeObject::Object,
            _ => IncludeObject::Metadata,
        }
    }
}

/// Whether the Accept header asks for a Table.
pub fn wants_table(accept: &str) -> bool {
    accept
        .split(',')
        .next()
        .is_some_and(|first| first.split(';').any(|p| p.trim() == "as=Table"))
}

type Col = (&'static str, &'static str, &'static str, i64);

const NAME: Col = ("Name", "string", "name", 0);

fn columns(def: &ResourceDef) -> Vec<Col> {
    match def.plural {
        "nodes" => vec![
            NAME,
            ("Status", "string", "", 0),
            ("Roles", "string", "", 0),
            ("Age", "string", "", 0),
            ("Version", "string", "", 0),
            ("Internal-IP", "string", "", 1),
            ("External-IP", "string", "", 1),
            ("OS-Image", "string", "", 1),
            ("Kernel-Version", "string", "", 1),
            ("Container-Runtime", "string", "", 1),
        ],
        "pods" => vec![
            NAME,
            ("Ready", "string", "", 0),
            ("Status", "string", "", 0),
            ("Restarts", "string", "", 0),
            ("Age", "string", "", 0),
            ("IP", "string", "", 1),
            ("Node", "string", "", 1),
            ("Nominated Node", "string", "", 1),
            ("Readiness Gates", "string", "", 1),
        ],
        "leases" => vec![NAME, ("Holder", "string", "", 0), ("Age", "string", "", 0)],
        // pkg/printers/internalversion/printers.go AddHandlers (certificateSigningRequestColumnDefinitions).
        "certificatesigningrequests" => vec![
            NAME,
            ("Age", "string", "", 0),
            ("SignerName", "string", "", 0),
            ("Requestor", "string", "", 0),
            ("RequestedDuration", "string", "", 0),
            ("Condition", "string", "", 0),
        ],
        "events" => vec![
            ("Last Seen", "string", "", 0),
            ("Type", "string", "", 0),
            ("Reason", "string", "", 0),
            ("Object", "string", "", 0),
            ("Subobject", "string", "", 1),
            ("Source", "string", "", 1),
            ("Message", "string", "", 0),
            ("First Seen", "string", "", 1),
            ("Count", "string", "", 1),
            ("Name", "string", "name", 1),
        ],
        "namespaces" => vec![NAME, ("Status", "string", "", 0), ("Age", "string", "", 0)],
        "serviceaccounts" => vec![NAME, ("Secrets", "string", "", 0), ("Age", "string", "", 0)],
        _ => vec![NAME, ("Age", "string", "", 0)],
    }
}

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

fn age(v: &Value, ptr: &str, now: SystemTime) -> String {
    match parse_time(s(v, ptr)) {
        Some(t) => human_duration(now.duration_since(t).unwrap_or_default()),
        None => "<unknown>".into(),
    }
}

fn or_none(x: &str) -> J {
    if x.is_empty() {
        "<none>".into()
    } else {
        x.into()
    }
}

fn cells(def: &ResourceDef, v: &Value, now: SystemTime) -> Vec<J> {
    let name: J = s(v, "/metadata/name").into();
    let created = age(v, "/metadata/creationTimestamp", now);
    match def.plural {
        "nodes" => {
            let conds = v.pointer("/status/conditions").and_then(Value::as_array);
            let mut status: Vec<String> = Vec::new();
            if let Some(c) = conds.and_then(|c| c.iter().find(|c| s(c, "/type") == "Ready")) {
                status.push(
                    if s(c, "/status") == "True" {
                        "Ready"
                    } else {
                        "NotReady"
                    }
                    .into(),
                );
            }
            if status.is_empty() {
                status.push("Unknown".into());
            }
            if v.pointer("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false)
            {
                status.push("SchedulingDisabled".into());
            }
            let mut roles: Vec<String> = Vec::new();
            if let Some(labels) = v.pointer("/metadata/labels").and_then(Value::as_object) {
                for (k, val) in labels {
                    let role = match k.strip_prefix("node-role.kubernetes.io/") {
                        Some(r) => r,
                        None if k == "kubernetes.io/role" => val.as_str().unwrap_or(""),
                        None => "",
                    };
                    if !role.is_empty() {
                        roles.push(role.into());
                    }
                }
            }
            roles.sort();
            roles.dedup();
            let addr = |t: &str| {
                v.pointer("/status/addresses")
                    .and_then(Value::as_array)
                    .and_then(|a| a.iter().find(|x| s(x, "/type") == t))
                    .map_or("", |x| s(x, "/address"))
            };
            vec![
                name,
                status.join(",").into(),
                or_none(&roles.join(",")),
                created.into(),
                s(v, "/status/nodeInfo/kubeletVersion").into(),
                or_none(addr("InternalIP")),
                or_none(addr("ExternalIP")),
                s(v, "/status/nodeInfo/osImage").into(),
                s(v, "/status/nodeInfo/kernelVersion").into(),
                s(v, "/status/nodeInfo/containerRuntimeVersion").into(),
            ]
        }
        "pods" => {
            let (ready, total, restarts, status) = pod_summary(v);
            vec![
                name,
                format!("{ready}/{total}").into(),
                status.into(),
                restarts.into(),
                created.into(),
                or_none(s(v, "/status/podIP")),
                or_none(s(v, "/spec/nodeName")),
                or_none(s(v, "/status/nominatedNodeName")),
                "<none>".into(),
            ]
        }
        "leases" => vec![name, s(v, "/spec/holderIdentity").into(), created.into()],
        "certificatesigningrequests" => {
            let conditions: Vec<&str> = v
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .map(|cs| cs.iter().filter_map(|c| c["type"].as_str()).collect())
                .unwrap_or_default();
            let mut condition = if conditions.is_empty() {
                "Pending".to_string()
            } else {
                conditions.join(",")
            };
            if !s(v, "/status/certificate").is_empty() {
                condition.push_str(",Issued");
            }
            vec![
                name,
                created.into(),
                s(v, "/spec/signerName").into(),
                s(v, "/spec/username").into(),
                "<none>".into(),
                condition.into(),
            ]
        }
        "events" => {
            let last = if s(v, "/lastTimestamp").is_empty() {
                age(v, "/eventTime", now)
            } else {
                age(v, "/lastTimestamp", now)
            };
            let first = if s(v, "/firstTimestamp").is_empty() {
                age(v, "/eventTime", now)
            } else {
                age(v, "/firstTimestamp", now)
            };
            let mut source = s(v, "/source/component").to_string();
            if !s(v, "/source/host").is_empty() {
                source = format!("{source}, {}", s(v, "/source/host"));
            }
            vec![
                last.into(),
                s(v, "/type").into(),
                s(v, "/reason").into(),
                format!(
                    "{}/{}",
                    s(v, "/involvedObject/kind").to_lowercase(),
                    s(v, "/involvedObject/name")
                )
                .into(),
                s(v, "/involvedObject/fieldPath").into(),
                source.into(),
                s(v, "/message").trim().into(),
                first.into(),
                v.pointer("/count")
                    .and_then(Value::as_i64)
                    .unwrap_or(1)
                    .into(),
                name,
            ]
        }
        "namespaces" => vec![name, s(v, "/status/phase").into(), created.into()],
        "serviceaccounts" => {
            let secrets = v
                .pointer("/secrets")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            vec![name, secrets.into(), created.into()]
        }
        _ => vec![name, created.into()],
    }
}

/// `printPod`'s READY, RESTARTS and STATUS.
fn pod_summary(v: &Value) -> (usize, usize, i64, String) {
    let total = v
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut reason = s(v, "/status/phase").to_string();
    if !s(v, "/status/reason").is_empty() {
        reason = s(v, "/status/reason").to_string();
    }
    let mut restarts = 0;
    let mut ready = 0;
    let mut initializing = false;
    let inits = v
        .pointer("/status/initContainerStatuses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let n_init = inits.len();
    for (i, c) in inits.iter().enumerate() {
        restarts += c.get("restartCount").and_then(Value::as_i64).unwrap_or(0);
        if let Some(t) = c.pointer("/state/terminated") {
            if t.get("exitCode").and_then(Value::as_i64) == Some(0) {
                continue;
            }
            let r = s(t, "/reason");
            reason = if r.is_empty() {
                format!(
                    "Init:ExitCode:{}",
                    t.get("exitCode").and_then(Value::as_i64).unwrap_or(0)
                )
            } else {
                format!("Init:{r}")
            };
        } else if let Some(w) = c
            .pointer("/state/waiting")
            .filter(|w| !s(w, "/reason").is_empty() && s(w, "/reason") != "PodInitializing")
        {
            reason = format!("Init:{}", s(w, "/reason"));
        } else {
            reason = format!("Init:{i}/{n_init}");
        }
        initializing = true;
        break;
    }
    let statuses = v
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !initializing {
        restarts = 0;
        let mut has_running = false;
        for c in statuses.iter().rev() {
            restarts += c.get("restartCount").and_then(Value::as_i64).unwrap_or(0);
            if let Some(w) = c
                .pointer("/state/waiting")
                .filter(|w| !s(w, "/reason").is_empty())
            {
                reason = s(w, "/reason").to_string();
            } else if let Some(t) = c.pointer("/state/terminated") {
                let r = s(t, "/reason");
                reason = if r.is_empty() {
                    format!(
                        "ExitCode:{}",
                        t.get("exitCode").and_then(Value::as_i64).unwrap_or(0)
                    )
                } else {
                    r.to_string()
                };
            } else if c.pointer("/state/running").is_some()
                && c.get("ready").and_then(Value::as_bool) == Some(true)
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = "Running".into();
        }
    }
    (ready, total, restarts, reason)
}

/// Renders `items` (list-item JSON, no kind/apiVersion) as a Table.
pub fn render(
    def: &ResourceDef,
    items: &[Vec<u8>],
    list_meta: J,
    include: IncludeObject,
    now: SystemTime,
) -> Vec<u8> {
    let cols = J::Arr(
        columns(def)
            .into_iter()
            .map(|(name, type_, format, priority)| {
                obj([
                    ("name", name.into()),
                    ("type", type_.into()),
                    ("format", format.into()),
                    ("description", column_description(name).into()),
                    ("priority", priority.into()),
                ])
            })
            .collect(),
    );
    let mut out = Vec::with_capacity(items.iter().map(|i| i.len() / 8 + 200).sum::<usize>() + 1024);
    out.extend_from_slice(b"{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":");
    out.extend_from_slice(list_meta.to_json_at(now).as_bytes());
    out.extend_from_slice(b",\"columnDefinitions\":");
    out.extend_from_slice(cols.to_json_at(now).as_bytes());
    out.extend_from_slice(b",\"rows\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let v: Value = serde_json::from_slice(item).unwrap_or(Value::Null);
        let cells = J::Arr(cells(def, &v, now));
        out.extend_from_slice(b"{\"cells\":");
        out.extend_from_slice(cells.to_json_at(now).as_bytes());
        match include {
            IncludeObject::None => {}
            IncludeObject::Metadata => {
                out.extend_from_slice(
                    b",\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":",
                );
                let meta = v.get("metadata").cloned().unwrap_or(Value::Null);
                out.extend_from_slice(serde_json::to_string(&meta).unwrap_or_default().as_bytes());
                out.push(b'}');
            }
            IncludeObject::Object => {
                out.extend_from_slice(
                    format!(
                        ",\"object\":{{\"kind\":\"{}\",\"apiVersion\":\"{}\"",
                        def.kind,
                        def.api_version()
                    )
                    .as_bytes(),
                );
                if item.len() > 2 {
                    out.push(b',');
                }
                out.extend_from_slice(&item[1..]);
            }
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}\n");
    out
}

fn column_description(name: &str) -> &'static str {
    match name {
        "Name" => {
            "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
        }
        "Age" => {
            "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
        }
        "Status" => "The status of the object.",
        "Roles" => "The roles of the node",
        "Version" => "Kubelet Version reported by the node.",
        "Internal-IP" => {
            "List of addresses reachable to the node. Queried from cloud provider, if available."
        }
        "External-IP" => {
            "List of addresses reachable to the node. Queried from cloud provider, if available."
        }
        "OS-Image" => {
            "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."
        }
        "Kernel-Version" => {
            "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."
        }
        "Container-Runtime" => {
            "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."
        }
        "Ready" => "The aggregate readiness state of this pod for accepting traffic.",
        "Restarts" => {
            "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
        }
        "IP" => {
            "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."
        }
        "Node" => {
            "NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements."
        }
        "Nominated Node" => {
            "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."
        }
        "Readiness Gates" => {
            "If specified, all readiness gates will be evaluated for pod readiness."
        }
        "Holder" => "holderIdentity contains the identity of the holder of a current lease.",
        "Last Seen" => "The time at which the most recent occurrence of this event was recorded.",
        "Type" => "Type of this event (Normal, Warning), new types could be added in the future",
        "Reason" => {
            "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."
        }
        "Object" => "The object that this event is about.",
        "Subobject" => {
            "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."
        }
        "Source" => {
            "The component reporting this event. Should be a short machine understandable string."
        }
        "Message" => "A human-readable description of the status of this operation.",
        "First Seen" => {
            "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"
        }
        "Count" => "The number of times this event has occurred.",
        "Secrets" => {
            "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."
        }
        _ => "",
    }
}
