//! The parts of the kubelet's Summary API (`/stats/summary`, types in
//! k8s.io/kubelet/pkg/apis/stats/v1alpha1) that eviction reads. Everything else in the body
//! is skipped while parsing; a missing block stays `None` ("no data", never zero).

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Summary {
    pub node: NodeStats,
    pub pods: Vec<PodStats>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeStats {
    pub memory: Option<Memory>,
    pub fs: Option<Fs>,
    pub runtime: Option<Runtime>,
    pub rlimit: Option<Rlimit>,
    pub system_containers: Vec<SystemContainer>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Memory {
    pub time: Option<String>,
    pub available_bytes: Option<u64>,
    pub usage_bytes: Option<u64>,
    pub working_set_bytes: Option<u64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Fs {
    pub time: Option<String>,
    pub available_bytes: Option<u64>,
    pub capacity_bytes: Option<u64>,
    pub used_bytes: Option<u64>,
    pub inodes_free: Option<u64>,
    pub inodes: Option<u64>,
    pub inodes_used: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Runtime {
    pub image_fs: Option<Fs>,
    pub container_fs: Option<Fs>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Rlimit {
    pub time: Option<String>,
    pub maxpid: Option<i64>,
    pub curproc: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SystemContainer {
    pub name: String,
    pub memory: Option<Memory>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodStats {
    pub pod_ref: PodRef,
    pub memory: Option<Memory>,
    pub containers: Vec<ContainerStats>,
    pub volume: Vec<Volume>,
    #[serde(rename = "ephemeral-storage")]
    pub ephemeral_storage: Option<Fs>,
    #[serde(rename = "process_stats")]
    pub process_stats: Option<ProcessStats>,
}

/// A pod volume's stats; `pvcRef` marks a persistent volume, which is not the node's disk.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Volume {
    pub used_bytes: Option<u64>,
    pub inodes_used: Option<u64>,
    pub pvc_ref: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PodRef {
    pub name: String,
    pub namespace: String,
    pub uid: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContainerStats {
    pub name: String,
    pub rootfs: Option<Fs>,
    pub logs: Option<Fs>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProcessStats {
    pub process_count: Option<u64>,
}

impl Summary {
    pub fn parse(body: &[u8]) -> Result<Summary, String> {
        serde_json::from_slice(body).map_err(|e| format!("malformed /stats/summary: {e}"))
    }
}
