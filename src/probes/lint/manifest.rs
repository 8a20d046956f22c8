//! Manifests -> the containers to lint: Pods, the pod templates of Deployments, StatefulSets,
//! DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs, PodTemplates, and the
//! items of `kubectl get -o yaml` Lists, in every document of a stream. Each container is read
//! twice: typed (k8s-openapi, through `spec.rs`, for the rules' logic) and as the source tree
//! (for the position of each finding).

use k8s_openapi::api::core::v1::Container;

use crate::config::tree::{Node, Value};

/// A container found in a manifest.
pub struct Found<'a> {
    /// `Deployment/web`, `Pod/api-0`, `List.items[2] Pod/x`.
    pub object: String,
    pub container: String,
    /// The container's mapping in the source tree.
    pub node: &'a Node,
    /// Field path of the container: `spec.template.spec.containers[0]`.
    pub path: String,
    /// The container decoded; `None` when a field has a type the API would reject.
    pub typed: Option<Container>,
    pub init: bool,
}

/// Every container of every workload in `docs`, in source order.
pub fn containers(docs: &[Node]) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    for doc in docs {
        visit(doc, String::new(), &mut out);
    }
    out
}

fn str_at<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    match &node.get(key)?.value.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// The node at a dotted path of mapping keys.
pub fn at<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    path.iter()
        .try_fold(node, |n, key| n.get(key).map(|e| &e.value))
}

fn visit<'a>(obj: &'a Node, prefix: String, out: &mut Vec<Found<'a>>) {
    let Some(kind) = str_at(obj, "kind") else {
        return;
    };
    if kind == "List" || kind.ends_with("List") {
        if let Some(Node {
            value: Value::Seq(items),
            ..
        }) = at(obj, &["items"])
        {
            for (i, item) in items.iter().enumerate() {
                visit(item, format!("{prefix}items[{i}]."), out);
            }
        }
        return;
    }
    let template: &[&str] = match kind {
        "Pod" => &["spec"],
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "ReplicationController"
        | "Job" => &["spec", "template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        "PodTemplate" => &["template", "spec"],
        _ => return,
    };
    let Some(spec) = at(obj, template) else {
        return;
    };
    let name = obj
        .get("metadata")
        .and_then(|m| str_at(&m.value, "name"))
        .unwrap_or("<unnamed>");
    let object = format!("{kind}/{name}");
    let spec_path = format!("{prefix}{}", template.join("."));
    for (list, init) in [("initContainers", true), ("containers", false)] {
        let Some(Node {
            value: Value::Seq(cs),
            ..
        }) = at(spec, &[list])
        else {
            continue;
        };
        for (i, c) in cs.iter().enumerate() {
            let typed = serde_json::from_value::<Container>(to_json(c)).ok();
            out.push(Found {
                object: object.clone(),
                container: str_at(c, "name").unwrap_or("<unnamed>").to_string(),
                node: c,
                path: format!("{spec_path}.{list}[{i}]"),
                typed,
                init,
            });
        }
    }
}

/// The tree as JSON, as `sigs.k8s.io/yaml` hands it to the decoder (the winning entry of a
/// duplicated key).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Str(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            let mut m = serde_json::Map::new();
            for e in entries {
                if let Some(w) = crate::config::tree::winner(entries, &e.key)
                    && std::ptr::eq(w, e)
                {
                    m.insert(e.key.clone(), to_json(&e.value));
                }
            }
            J::Object(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::yaml::parse_all;

    #[test]
    fn every_workload_kind_and_lists() {
        let text = "\
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers: [{name: c1, image: x}]
---
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: b}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: i1, image: x, restartPolicy: Always}]
          containers: [{name: c2, image: x}]
---
apiVersion: v1
kind: List
items:
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {containers: [{name: c3, image: x}]}}}}
- {apiVersion: v1, kind: Service, metadata: {name: s}}
- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, spec: {template: {spec: {containers: [{name: c4, image: x, ports: \"bad\"}]}}}}
";
        let docs = parse_all(text).unwrap();
        let found = containers(&docs);
        let got: Vec<(String, String, String, bool, bool)> = found
            .iter()
            .map(|f| {
                (
                    f.object.clone(),
                    f.container.clone(),
                    f.path.clone(),
                    f.init,
                    f.typed.is_some(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Pod/a".into(),
                    "c1".into(),
                    "spec.containers[0]".into(),
                    false,
                    true
                ),
                (
                    "CronJob/b".into(),
                    "i1".into(),
                    "spec.jobTemplate.spec.template.spec.initContainers[0]".into(),
                    true,
                    true
                ),
                (
                    "CronJob/b".into(),
                    "c2".into(),
                    "spec.jobTemplate.spec.template.spec.containers[0]".into(),
                    false,
                    true
                ),
                (
                    "Deployment/d".into(),
                    "c3".into(),
                    "items[0].spec.template.spec.containers[0]".into(),
                    false,
                    true
                ),
                (
                    "StatefulSet/s".into(),
                    "c4".into(),
                    "items[2].spec.template.spec.containers[0]".into(),
                    false,
                    false
                ),
            ]
        );
    }
}
