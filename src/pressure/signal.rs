//! Eviction signals: their names, and each one's observation `(available, capacity)` taken
//! from a summary exactly as `makeSignalObservations` (pkg/kubelet/eviction/helpers.go) takes
//! it. A signal whose block is missing is not observed, and its thresholds are skipped.

use std::collections::BTreeMap;

use super::summary::{Fs, Summary};

/// The kubelet's eviction signals, in the order the reports list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    MemoryAvailable,
    AllocatableMemoryAvailable,
    NodefsAvailable,
    NodefsInodesFree,
    ImagefsAvailable,
    ImagefsInodesFree,
    ContainerfsAvailable,
    ContainerfsInodesFree,
    PidAvailable,
}

/// What a signal is about, for units and the eviction ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resource {
    Memory,
    /// Disk bytes (`ephemeral-storage` in the kubelet's messages).
    Disk,
    Inodes,
    Pids,
}

impl Resource {
    pub fn name(self) -> &'static str {
        match self {
            Resource::Memory => "memory",
            Resource::Disk => "ephemeral-storage",
            Resource::Inodes => "inodes",
            Resource::Pids => "pids",
        }
    }
}

pub const ALL: [Signal; 9] = [
    Signal::MemoryAvailable,
    Signal::AllocatableMemoryAvailable,
    Signal::NodefsAvailable,
    Signal::NodefsInodesFree,
    Signal::ImagefsAvailable,
    Signal::ImagefsInodesFree,
    Signal::ContainerfsAvailable,
    Signal::ContainerfsInodesFree,
    Signal::PidAvailable,
];

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Signal::MemoryAvailable => "memory.available",
            Signal::AllocatableMemoryAvailable => "allocatableMemory.available",
            Signal::NodefsAvailable => "nodefs.available",
            Signal::NodefsInodesFree => "nodefs.inodesFree",
            Signal::ImagefsAvailable => "imagefs.available",
            Signal::ImagefsInodesFree => "imagefs.inodesFree",
            Signal::ContainerfsAvailable => "containerfs.available",
            Signal::ContainerfsInodesFree => "containerfs.inodesFree",
            Signal::PidAvailable => "pid.available",
        }
    }

    pub fn from_name(name: &str) -> Option<Signal> {
        ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn is_containerfs(self) -> bool {
        matches!(
            self,
            Signal::ContainerfsAvailable | Signal::ContainerfsInodesFree
        )
    }

    pub fn resource(self) -> Resource {
        match self {
            Signal::MemoryAvailable | Signal::AllocatableMemoryAvailable => Resource::Memory,
            Signal::NodefsAvailable | Signal::ImagefsAvailable | Signal::ContainerfsAvailable => {
                Resource::Disk
            }
            Signal::NodefsInodesFree
            | Signal::ImagefsInodesFree
            | Signal::ContainerfsInodesFree => Resource::Inodes,
            Signal::PidAvailable => Resource::Pids,
        }
    }

    /// The node condition the kubelet raises for this signal (`signalToNodeCondition`).
    pub fn condition(self) -> &'static str {
        match self.resource() {
            Resource::Memory => "MemoryPressure",
            Resource::Disk | Resource::Inodes => "DiskPressure",
            Resource::Pids => "PIDPressure",
        }
    }
}

/// One signal's observation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    pub available: i64,
    pub capacity: i64,
    /// The stats block's `time`, as the kubelet wrote it.
    pub time: Option<String>,
}

/// How the node's disks are laid out, which decides what disk pressure frees and ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Images, writable layers and the kubelet's directory on one filesystem.
    Shared,
    /// Images and writable layers on their own filesystem (`imagefs`).
    DedicatedImagefs,
    /// Writable layers apart from images (`KubeletSeparateDiskGC`): containerfs is its own.
    SplitContainerfs,
}

/// The observations of one summary, by signal.
#[derive(Debug, Default)]
pub struct Observations {
    pub by_signal: BTreeMap<Signal, Observation>,
}

fn clamp(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn fs_bytes(fs: &Fs) -> Option<Observation> {
    Some(Observation {
        available: clamp(fs.available_bytes?),
        capacity: clamp(fs.capacity_bytes?),
        time: fs.time.clone(),
    })
}

fn fs_inodes(fs: &Fs) -> Option<Observation> {
    Some(Observation {
        available: clamp(fs.inodes_free?),
        capacity: clamp(fs.inodes?),
        time: fs.time.clone(),
    })
}

/// Two stats blocks describe the same filesystem (the kubelet knows by device; the summary
/// only shows the numbers, which are identical when it is one filesystem).
fn same_fs(a: &Fs, b: &Fs) -> bool {
    a.capacity_bytes == b.capacity_bytes
        && a.available_bytes == b.available_bytes
        && a.inodes == b.inodes
        && a.inodes_free == b.inodes_free
}

/// The disk layout the summary shows.
pub fn layout(summary: &Summary) -> Layout {
    let runtime = summary.node.runtime.as_ref();
    let image = runtime.and_then(|r| r.image_fs.as_ref());
    let container = runtime.and_then(|r| r.container_fs.as_ref());
    match (summary.node.fs.as_ref(), image, container) {
        (_, Some(i), Some(c)) if !same_fs(i, c) => Layout::SplitContainerfs,
        (Some(n), Some(i), _) if !same_fs(n, i) => Layout::DedicatedImagefs,
        _ => Layout::Shared,
    }
}

/// `makeSignalObservations`. On Windows, memory comes from the node block when it is there
/// and else from the commit-charge system container.
pub fn observe(summary: &Summary, windows: bool) -> Observations {
    let mut by_signal = BTreeMap::new();
    let node = &summary.node;
    let memory = node.memory.as_ref().and_then(|m| {
        Some(Observation {
            available: clamp(m.available_bytes?),
            capacity: clamp(m.available_bytes?).saturating_add(clamp(m.working_set_bytes?)),
            time: m.time.clone(),
        })
    });
    let memory = memory.or_else(|| {
        let commit = node
            .system_containers
            .iter()
            .find(|c| windows && c.name == "windows-global-commit-memory")?
            .memory
            .as_ref()?;
        Some(Observation {
            available: clamp(commit.available_bytes?),
            capacity: clamp(commit.available_bytes?).saturating_add(clamp(commit.usage_bytes?)),
            time: commit.time.clone(),
        })
    });
    if let Some(o) = memory {
        by_signal.insert(Signal::MemoryAvailable, o);
    }
    let pods = node
        .system_containers
        .iter()
        .find(|c| c.name == "pods")
        .and_then(|c| c.memory.as_ref())
        .and_then(|m| {
            Some(Observation {
                available: clamp(m.available_bytes?),
                capacity: clamp(m.available_bytes?).saturating_add(clamp(m.working_set_bytes?)),
                time: m.time.clone(),
            })
        });
    if let Some(o) = pods {
        by_signal.insert(Signal::AllocatableMemoryAvailable, o);
    }
    let mut put = |signal, o: Option<Observation>| {
        if let Some(o) = o {
            by_signal.insert(signal, o);
        }
    };
    if let Some(fs) = &node.fs {
        put(Signal::NodefsAvailable, fs_bytes(fs));
        put(Signal::NodefsInodesFree, fs_inodes(fs));
    }
    if let Some(runtime) = &node.runtime {
        if let Some(fs) = &runtime.image_fs {
            put(Signal::ImagefsAvailable, fs_bytes(fs));
            put(Signal::ImagefsInodesFree, fs_inodes(fs));
        }
        if layout(summary) == Layout::SplitContainerfs
            && let Some(fs) = &runtime.container_fs
        {
            put(Signal::ContainerfsAvailable, fs_bytes(fs));
            put(Signal::ContainerfsInodesFree, fs_inodes(fs));
        }
    }
    if let Some(r) = &node.rlimit
        && let (Some(max), Some(cur)) = (r.maxpid, r.curproc)
    {
        put(
            Signal::PidAvailable,
            Some(Observation {
                available: max.saturating_sub(cur),
                capacity: max,
                time: r.time.clone(),
            }),
        );
    }
    Observations { by_signal }
}
