//! The Node object facts `pressure` weighs: memory capacity, hugepages and allocatable, the
//! pressure conditions, the OS. A node that does not decode is kept by name, as its problem.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::quantity;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    metadata: Meta,
    status: Status,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Meta {
    name: String,
    uid: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Status {
    capacity: BTreeMap<String, String>,
    allocatable: BTreeMap<String, String>,
    conditions: Vec<Condition>,
    node_info: NodeInfo,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Condition {
    #[serde(rename = "type")]
    type_: String,
    status: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct NodeInfo {
    operating_system: String,
}

/// One node, decoded or not.
#[derive(Debug)]
pub struct NodeFacts {
    pub name: String,
    pub uid: Option<String>,
    pub windows: bool,
    pub memory_capacity: Option<i64>,
    pub memory_allocatable: Option<i64>,
    /// Pre-allocated hugepages of every size, in bytes.
    pub hugepages: i64,
    /// `(type, status)` of every condition.
    pub conditions: Vec<(String, String)>,
    /// Why the object could not be read, when it could not.
    pub broken: Option<String>,
}

fn bytes(q: Option<&String>) -> Option<i64> {
    let q = quantity::parse(q?).ok()?;
    Some(q.value.ceil().clamp(0.0, i64::MAX as f64) as i64)
}

impl<'de> Deserialize<'de> for NodeFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(match serde_json::from_str::<Raw>(raw.get()) {
            Ok(n) => {
                let s = &n.status;
                NodeFacts {
                    windows: s.node_info.operating_system == "windows",
                    memory_capacity: bytes(s.capacity.get("memory")),
                    memory_allocatable: bytes(s.allocatable.get("memory")),
                    hugepages: s
                        .capacity
                        .iter()
                        .filter(|(k, _)| k.starts_with("hugepages-"))
                        .filter_map(|(_, v)| bytes(Some(v)))
                        .fold(0, i64::saturating_add),
                    conditions: s
                        .conditions
                        .iter()
                        .map(|c| (c.type_.clone(), c.status.clone()))
                        .collect(),
                    name: n.metadata.name,
                    uid: n.metadata.uid,
                    broken: None,
                }
            }
            Err(e) => {
                let (name, uid) = crate::client::list::name_and_uid(raw.get());
                NodeFacts {
                    name: name.unwrap_or_default(),
                    uid,
                    windows: false,
                    memory_capacity: None,
                    memory_allocatable: None,
                    hugepages: 0,
                    conditions: Vec::new(),
                    broken: Some(e.to_string()),
                }
            }
        })
    }
}

impl crate::client::list::ListItem for NodeFacts {
    fn uid(&self) -> Option<&str> {
        self.uid.as_deref()
    }
}
