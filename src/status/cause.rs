//! The failure taxonomy of `status` (kubelet-status.md §5): stable kebab-case cause ids, whether
//! the cause ends the kubelet process, and the one-line remedy. The ids are part of the JSON
//! contract (README, "status"): never renamed.

use serde::Serialize;

/// Why the kubelet on a node is not working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    UnknownFlag,
    SwapEnabled,
    CgroupV1,
    ConfigMissing,
    ConfigInvalid,
    RuntimeCriDisabled,
    RuntimeSocketMissing,
    RuntimeUnhealthy,
    ClockSkew,
    CertExpired,
    BootstrapMissing,
    ApiUnauthorized,
    CpuManagerState,
    KernelSysctl,
    CgroupSetup,
    PortInUse,
    RegisterRejected,
    NodeNotFound,
    ApiUnreachable,
    CniNotReady,
    CgroupDriverMismatch,
    ResolvConf,
    DiskPressure,
    /// The Node's MemoryPressure condition is True: the kubelet is evicting for memory.
    MemoryPressure,
    /// The Node's PIDPressure condition is True: the kubelet is evicting for process ids.
    PidPressure,
    CsrPending,
    /// The kubelet newer than the API server, or more than three minors older.
    VersionSkew,
    /// No kubelet unit is installed (`LoadState=not-found`) and no journal says otherwise.
    NotInstalled,
    /// The unit is stopped (inactive after a clean exit, or never started).
    UnitStopped,
    /// A fatal line that matches no signature: shown verbatim.
    Unknown,
}

/// How bad a finding is: `error` findings make the verdict `failing` (fatal) or `degraded`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Cause {
    pub const ALL: [Cause; 30] = [
        Cause::UnknownFlag,
        Cause::SwapEnabled,
        Cause::CgroupV1,
        Cause::ConfigMissing,
        Cause::ConfigInvalid,
        Cause::RuntimeCriDisabled,
        Cause::RuntimeSocketMissing,
        Cause::RuntimeUnhealthy,
        Cause::ClockSkew,
        Cause::CertExpired,
        Cause::BootstrapMissing,
        Cause::ApiUnauthorized,
        Cause::CpuManagerState,
        Cause::KernelSysctl,
        Cause::CgroupSetup,
        Cause::PortInUse,
        Cause::RegisterRejected,
        Cause::NodeNotFound,
        Cause::ApiUnreachable,
        Cause::CniNotReady,
        Cause::CgroupDriverMismatch,
        Cause::ResolvConf,
        Cause::DiskPressure,
        Cause::MemoryPressure,
        Cause::PidPressure,
        Cause::CsrPending,
        Cause::VersionSkew,
        Cause::NotInstalled,
        Cause::UnitStopped,
        Cause::Unknown,
    ];

    /// The id, as in JSON and the table.
    pub fn id(self) -> &'static str {
        match self {
            Cause::UnknownFlag => "unknown-flag",
            Cause::SwapEnabled => "swap-enabled",
            Cause::CgroupV1 => "cgroup-v1",
            Cause::ConfigMissing => "config-missing",
            Cause::ConfigInvalid => "config-invalid",
            Cause::RuntimeCriDisabled => "runtime-cri-disabled",
            Cause::RuntimeSocketMissing => "runtime-socket-missing",
            Cause::RuntimeUnhealthy => "runtime-unhealthy",
            Cause::ClockSkew => "clock-skew",
            Cause::CertExpired => "cert-expired",
            Cause::BootstrapMissing => "bootstrap-missing",
            Cause::ApiUnauthorized => "api-unauthorized",
            Cause::CpuManagerState => "cpu-manager-state",
            Cause::KernelSysctl => "kernel-sysctl",
            Cause::CgroupSetup => "cgroup-setup",
            Cause::PortInUse => "port-in-use",
            Cause::RegisterRejected => "register-rejected",
            Cause::NodeNotFound => "node-not-found",
            Cause::ApiUnreachable => "api-unreachable",
            Cause::CniNotReady => "cni-not-ready",
            Cause::CgroupDriverMismatch => "cgroup-driver-mismatch",
            Cause::ResolvConf => "resolv-conf",
            Cause::DiskPressure => "disk-pressure",
            Cause::MemoryPressure => "memory-pressure",
            Cause::PidPressure => "pid-pressure",
            Cause::CsrPending => "csr-pending",
            Cause::VersionSkew => "version-skew",
            Cause::NotInstalled => "not-installed",
            Cause::UnitStopped => "unit-stopped",
            Cause::Unknown => "unknown",
        }
    }

    /// What to do, in one line.
    pub fn remedy(self) -> &'static str {
        match self {
            Cause::UnknownFlag => {
                "delete the flag from the file that adds it (kubeadm-flags.env, /etc/default/kubelet or a unit drop-in); move the setting to the config file if it has a field"
            }
            Cause::SwapEnabled => {
                "swapoff -a and remove swap from /etc/fstab, or set failSwapOn: false (NodeSwap, cgroup v2 only)"
            }
            Cause::CgroupV1 => {
                "boot the unified cgroup hierarchy (systemd.unified_cgroup_hierarchy=1 or a newer OS); stopgap: failCgroupV1: false"
            }
            Cause::ConfigMissing => {
                "join the node (kubeadm join/init), or restore the file (kubeadm upgrade node phase kubelet-config)"
            }
            Cause::ConfigInvalid => {
                "fix the named field (kubelet-doctor config lint FILE shows each error with its position)"
            }
            Cause::RuntimeCriDisabled => {
                "remove \"cri\" from disabled_plugins in /etc/containerd/config.toml (or regenerate it with `containerd config default`), then restart containerd"
            }
            Cause::RuntimeSocketMissing => {
                "start and enable the container runtime (systemctl enable --now containerd), or point containerRuntimeEndpoint at its real socket"
            }
            Cause::RuntimeUnhealthy => {
                "restart the container runtime; look for I/O stalls (slow disk, full disk) behind it"
            }
            Cause::ClockSkew => {
                "fix time sync (timedatectl, chrony or ntp), then restart the kubelet"
            }
            Cause::CertExpired => {
                "issue a new client certificate (regenerate kubelet.conf or re-join the node) and keep rotateCertificates: true"
            }
            Cause::BootstrapMissing => "re-join the node with a fresh bootstrap token",
            Cause::ApiUnauthorized => {
                "re-bootstrap the kubelet's credentials; check that the kubeconfig's CA is the cluster's"
            }
            Cause::CpuManagerState => {
                "drain the node, delete /var/lib/kubelet/cpu_manager_state (or memory_manager_state), restart the kubelet"
            }
            Cause::KernelSysctl => {
                "set the kernel tunables in /etc/sysctl.d/ and run sysctl --system, or turn protectKernelDefaults off"
            }
            Cause::CgroupSetup => {
                "enable the missing cgroup controllers (e.g. cgroup_enable=memory) or fix the reserved-cgroup settings"
            }
            Cause::PortInUse => {
                "stop the other process on the kubelet's port (often a second kubelet: k3s next to kubeadm, a hand-started one)"
            }
            Cause::RegisterRejected => {
                "make the node name (hostname or --hostname-override) match the client certificate's system:node:<name>"
            }
            Cause::NodeNotFound => {
                "restart the kubelet so it registers again; find who deleted the Node (the cloud node lifecycle controller?)"
            }
            Cause::ApiUnreachable => {
                "check DNS and TCP to the kubeconfig's server from this node (firewall, load balancer, proxy variables)"
            }
            Cause::CniNotReady => {
                "install or repair the CNI add-on on this node (/etc/cni/net.d, /opt/cni/bin)"
            }
            Cause::CgroupDriverMismatch => {
                "use the systemd cgroup driver on both sides (cgroupDriver: systemd, SystemdCgroup = true), restart the runtime, then the kubelet"
            }
            Cause::ResolvConf => {
                "point resolvConf at a file that exists; keep at most 3 nameservers"
            }
            Cause::DiskPressure => {
                "free disk space or inodes under /var/lib/kubelet and the runtime's root"
            }
            Cause::MemoryPressure => {
                "the kubelet is evicting pods for memory: `kubelet-doctor pressure NODE` shows the headroom and who goes first; lower the load or the pods' usage over their requests"
            }
            Cause::PidPressure => {
                "the kubelet is evicting pods for process ids: find the pod forking without bound (`kubelet-doctor pressure NODE -o wide`), set podPidsLimit"
            }
            Cause::CsrPending => {
                "verify and approve the node's CSR (kubectl certificate approve), or run an approver"
            }
            Cause::VersionSkew => {
                "run a kubelet no newer than the API server and at most three minors older (upgrade the control plane first)"
            }
            Cause::NotInstalled => {
                "install the kubelet package, or give the unit's name with --unit (k3s, rke2-agent, snap.microk8s.daemon-kubelite)"
            }
            Cause::UnitStopped => "start the unit: systemctl enable --now kubelet",
            Cause::Unknown => "read the line shown; it matches no known signature",
        }
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_serde_names_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Cause::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.id(), "{c:?}");
            assert!(seen.insert(c.id()), "{c:?}");
            assert!(!c.remedy().is_empty());
        }
    }
}
