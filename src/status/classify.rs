//! Journal line -> cause id: an ordered table of signatures (kubelet-status.md §5, matching
//! order §5.1), first match wins, so the inner, decisive texts come before the wrappers that
//! carry them (`cgroup v1` before `failed to validate kubelet configuration`, the checkpoint
//! policy before `Failed to start ContainerManager`). Routine lines that look alarming (pod
//! probes and pulls, deprecation notices, "not found" before the node registered) are decoys
//! and never become findings. Pure; the run context comes in as [`Context`].

use super::cause::{Cause, Severity};
use super::logline::{Level, LogLine};

/// What is known about the run when a line is read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// `Successfully registered node` was seen earlier in this run.
    pub registered: bool,
    /// The kubeconfig's API server host, when the bundle says it.
    pub api_host: Option<&'a str>,
}

/// What one line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Nothing we know.
    Other,
    /// Routine, however it looks.
    Decoy,
    Hit(Cause, Severity),
}

/// Where a signature applies beyond its texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Any,
    /// Toward the API server: not a unix socket (those are the runtime's), and the line is an
    /// API call of the kubelet's (or names the kubeconfig's server).
    ApiCall,
    /// Only after `Successfully registered node` in the same run; before it, routine.
    AfterRegistration,
}

struct Sig {
    cause: Cause,
    /// Every one of these must be in the line.
    all: &'static [&'static str],
    /// And one of these, when not empty.
    any: &'static [&'static str],
    severity: Severity,
    scope: Scope,
}

const fn sig(cause: Cause, all: &'static [&'static str], any: &'static [&'static str]) -> Sig {
    Sig {
        cause,
        all,
        any,
        severity: Severity::Error,
        scope: Scope::Any,
    }
}

const fn warn(cause: Cause, any: &'static [&'static str]) -> Sig {
    Sig {
        cause,
        all: &[],
        any,
        severity: Severity::Warning,
        scope: Scope::Any,
    }
}

const fn scoped(
    cause: Cause,
    all: &'static [&'static str],
    any: &'static [&'static str],
    scope: Scope,
) -> Sig {
    Sig {
        cause,
        all,
        any,
        severity: Severity::Error,
        scope,
    }
}

/// Lines about one pod or one probe: a pull's `401 Unauthorized`, a probe's `dial tcp` or a
/// log file's `no such file` are the workload's, not the kubelet's. Not for fatal lines.
const DECOYS: &[&str] = &[
    "Probe failed",
    "probeResult=\"failure\"",
    "PullImage from image service failed",
    "Failed to pull image",
    "Error syncing pod, skipping",
    "Unable to fetch pod log stats",
    "Unable to fetch pod etc hosts stats",
    "Unable to read config path",
    "has been deprecated",
    "Failed to get status for pod",
    "ContainerStatus from runtime service failed",
];

/// Texts of the kubelet's own API calls (list/watch, node status, lease, registration, CSRs).
const API_CALLS: &[&str] = &[
    "Unable to register node",
    "Error updating node status",
    "Unable to update node status",
    "Failed to ensure lease exists",
    "Failed to update lease",
    "failed to list",
    "Failed to watch",
    "Failed to contact API server",
    "Error getting node",
    "certificate_manager",
    "Failed while requesting a signed certificate",
    "Failed to connect to apiserver",
    "https://",
    ":6443",
];

/// The signatures, in matching order.
const SIGNATURES: &[Sig] = &[
    // 1. pflag's errors, wrapped by server.go.
    sig(
        Cause::UnknownFlag,
        &[],
        &["unknown flag: --", "unknown shorthand flag:"],
    ),
    // 2. NewContainerManager; both wordings share the prefix.
    sig(
        Cause::SwapEnabled,
        &[],
        &[
            "running with swap on is not supported",
            "LimitedSwap but it is only supported",
        ],
    ),
    // 3. Inside "failed to validate kubelet configuration": before config-invalid.
    sig(Cause::CgroupV1, &[], &["not run on a host using cgroup v1"]),
    // 4. The --config file is absent: before config-invalid.
    sig(
        Cause::ConfigMissing,
        &["failed to load kubelet config file"],
        &["no such file or directory"],
    ),
    sig(
        Cause::ConfigInvalid,
        &[],
        &[
            "failed to load kubelet config file",
            "failed to merge kubelet configs",
            "failed to load kubelet dropin file",
            "failed to validate kubelet flags",
            "Failed to validate kubelet flags",
            "failed to validate kubelet configuration",
        ],
    ),
    // 5. validate service connection: the gRPC code decides.
    sig(
        Cause::RuntimeCriDisabled,
        &[],
        &["unknown service runtime.v1.RuntimeService"],
    ),
    sig(
        Cause::RuntimeCriDisabled,
        &["validate service connection", "code = Unimplemented"],
        &[],
    ),
    sig(
        Cause::RuntimeSocketMissing,
        &["validate service connection", "code = Unavailable"],
        &["no such file or directory", "connection refused"],
    ),
    sig(
        Cause::RuntimeUnhealthy,
        &["validate service connection"],
        &[],
    ),
    // 6. Only "is before" proves the clock is behind; "is after" is an expired certificate
    // (or a clock ahead: the host check tells).
    sig(
        Cause::ClockSkew,
        &["certificate has expired or is not yet valid", "is before"],
        &[],
    ),
    sig(
        Cause::CertExpired,
        &["certificate has expired or is not yet valid", "is after"],
        &[],
    ),
    sig(
        Cause::CertExpired,
        &[],
        &[
            "The currently active client certificate has expired",
            "No valid client certificate is found and the server is responsive",
        ],
    ),
    sig(
        Cause::CertExpired,
        &["bootstrap client certificate", "is expired"],
        &[],
    ),
    sig(
        Cause::BootstrapMissing,
        &[],
        &["unable to load bootstrap kubeconfig"],
    ),
    // 7. Never on "x509" alone.
    sig(
        Cause::ApiUnauthorized,
        &[],
        &["certificate signed by unknown authority"],
    ),
    // 8. Failed to start ContainerManager is a wrapper.
    sig(
        Cause::CpuManagerState,
        &[],
        &["differs from state checkpoint policy"],
    ),
    sig(Cause::KernelSysctl, &[], &["invalid kernel flag"]),
    sig(
        Cause::CgroupSetup,
        &[],
        &[
            "Failed to start ContainerManager",
            "Following Cgroup subsystem not mounted",
            "failed to initialize top level QOS containers",
        ],
    ),
    // 9. NodeRestriction, or no client certificate at all.
    sig(
        Cause::RegisterRejected,
        &["is not allowed to modify node"],
        &[],
    ),
    sig(
        Cause::ApiUnauthorized,
        &["forbidden", "system:anonymous"],
        &[],
    ),
    scoped(
        Cause::ApiUnauthorized,
        &[],
        &["err=\"Unauthorized\"", ": Unauthorized\""],
        Scope::ApiCall,
    ),
    sig(
        Cause::PortInUse,
        &["Failed to listen and serve", "address already in use"],
        &[],
    ),
    Sig {
        severity: Severity::Warning,
        ..sig(Cause::PortInUse, &["address already in use"], &[])
    },
    // 10. "not found" for the node only after it registered in this run.
    scoped(
        Cause::NodeNotFound,
        &["not found"],
        &[
            "Error updating node status",
            "Unable to update node status",
            "error getting node",
        ],
        Scope::AfterRegistration,
    ),
    // 11. Toward the API server only; toward the CRI socket these are runtime causes.
    scoped(
        Cause::ApiUnreachable,
        &[],
        &[
            "dial tcp",
            "i/o timeout",
            "no route to host",
            "TLS handshake timeout",
            "no such host",
            "connection refused",
        ],
        Scope::ApiCall,
    ),
    // A Ready message listing both: the runtime is the deeper cause.
    sig(
        Cause::RuntimeUnhealthy,
        &[],
        &[
            "container runtime is down",
            "PLEG is not healthy",
            "Container runtime not ready",
            "Container runtime sanity check failed",
        ],
    ),
    sig(
        Cause::CniNotReady,
        &[],
        &[
            "NetworkReady=false",
            "Container runtime network not ready",
            "cni plugin not initialized",
            "no CNI configuration file",
        ],
    ),
    sig(
        Cause::CgroupDriverMismatch,
        &[],
        &[
            "expected cgroupsPath to be of format",
            "misconfiguration: kubelet cgroup driver",
        ],
    ),
    warn(
        Cause::ResolvConf,
        &[
            "Could not open resolv conf file",
            "Nameserver limits were exceeded",
            "Nameserver limits exceeded",
            "Search Line limits were exceeded",
        ],
    ),
    warn(
        Cause::DiskPressure,
        &[
            "KubeletHasDiskPressure",
            "kubelet has disk pressure",
            "Failed to garbage collect required amount of images",
            "attempting to reclaim\" resourceName=\"ephemeral-storage\"",
        ],
    ),
    // The eviction manager's line (pkg/kubelet/eviction/eviction_manager.go; before 1.20
    // `eviction manager: attempting to reclaim memory`) and the node status event's reason.
    warn(
        Cause::MemoryPressure,
        &[
            "attempting to reclaim\" resourceName=\"memory\"",
            "attempting to reclaim memory",
            "NodeHasInsufficientMemory",
        ],
    ),
    warn(
        Cause::PidPressure,
        &[
            "attempting to reclaim\" resourceName=\"pids\"",
            "attempting to reclaim pids",
            "NodeHasInsufficientPID",
        ],
    ),
    warn(
        Cause::CsrPending,
        &["no serving certificate available for the kubelet"],
    ),
];

/// Texts of the lines the kubelet writes as it dies (or that a wrapper writes for it).
const FATAL_TEXTS: &[&str] = &[
    "\"command failed\"",
    "\"Failed to run kubelet\"",
    "Failed to start ContainerManager",
    "Failed to listen and serve",
    "Failed to initialize internal modules",
    "kubelet exited:",
    "The currently active client certificate has expired and the server is responsive, exiting",
    "No valid client certificate is found and the server is responsive, exiting",
];

/// Texts the journal engine also looks for in every line (run landmarks).
pub const LANDMARK_REGISTERED: &str = "Successfully registered node";
pub const LANDMARK_NODE_READY: &str = "event=\"NodeReady\"";
const SOCKET_TEXTS: &[&str] = &["unix", ".sock"];

/// Every text of the tables above, found in one pass over a line (Aho-Corasick, overlapping
/// matches) instead of one substring search per text: a journal may hold millions of lines.
/// Each text is a bit of a `u128`; each signature is two masks over them.
struct Index {
    ac: aho_corasick::AhoCorasick,
    decoys: u128,
    api_calls: u128,
    fatal: u128,
    sockets: u128,
    registered: u128,
    node_ready: u128,
    /// (all, any) per signature, in [`SIGNATURES`] order.
    sigs: Vec<(u128, u128)>,
}

static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
    let mut texts: Vec<&'static str> = Vec::new();
    let mut mask = |list: &[&'static str]| -> u128 {
        let mut m = 0u128;
        for t in list {
            let i = match texts.iter().position(|x| x == t) {
                Some(i) => i,
                None => {
                    texts.push(t);
                    texts.len() - 1
                }
            };
            assert!(i < 128, "more than 128 signature texts: widen the bitset");
            m |= 1 << i;
        }
        m
    };
    let decoys = mask(DECOYS);
    let api_calls = mask(API_CALLS);
    let fatal = mask(FATAL_TEXTS);
    let sockets = mask(SOCKET_TEXTS);
    let registered = mask(&[LANDMARK_REGISTERED]);
    let node_ready = mask(&[LANDMARK_NODE_READY]);
    let sigs = SIGNATURES
        .iter()
        .map(|s| (mask(s.all), mask(s.any)))
        .collect();
    let ac = aho_corasick::AhoCorasick::new(&texts).expect("signature texts build an automaton");
    Index {
        ac,
        decoys,
        api_calls,
        fatal,
        sockets,
        registered,
        node_ready,
        sigs,
    }
});

/// The texts of the tables found in one line, as a bitset over [`INDEX`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Found(u128);

impl Found {
    pub fn of(text: &str) -> Found {
        let mut bits = 0u128;
        for m in INDEX.ac.find_overlapping_iter(text) {
            bits |= 1 << m.pattern().as_usize();
        }
        Found(bits)
    }

    fn any(self, mask: u128) -> bool {
        self.0 & mask != 0
    }

    fn all(self, mask: u128) -> bool {
        self.0 & mask == mask
    }

    /// `Successfully registered node` is in the line.
    pub fn registered(self) -> bool {
        self.any(INDEX.registered)
    }

    /// The node's `NodeReady` event is in the line.
    pub fn node_ready(self) -> bool {
        self.any(INDEX.node_ready)
    }
}

/// Whether `line` ends the kubelet process. (The classifier asks with the signatures it has
/// already found, `is_fatal_found`.)
#[cfg(test)]
fn is_fatal(line: &LogLine<'_>) -> bool {
    is_fatal_found(line, Found::of(&line.text))
}

fn is_fatal_found(line: &LogLine<'_>, found: Found) -> bool {
    line.level == Level::Fatal
        || (line.level >= Level::Error || line.level == Level::Plain) && found.any(INDEX.fatal)
}

/// The class of one line in its run.
pub fn classify(line: &LogLine<'_>, cx: Context<'_>) -> Class {
    judge(line, Found::of(&line.text), cx).0
}

/// The class of one line and whether it is fatal, from the texts already found in it.
pub fn judge(line: &LogLine<'_>, found: Found, cx: Context<'_>) -> (Class, bool) {
    let text: &str = &line.text;
    let fatal = is_fatal_found(line, found);
    if !fatal && found.any(INDEX.decoys) {
        return (Class::Decoy, fatal);
    }
    for (s, &(all, any)) in SIGNATURES.iter().zip(&INDEX.sigs) {
        if !found.all(all) || (any != 0 && !found.any(any)) {
            continue;
        }
        match s.scope {
            Scope::Any => {}
            Scope::ApiCall => {
                if found.any(INDEX.sockets) {
                    continue;
                }
                let named = cx
                    .api_host
                    .is_some_and(|h| !h.is_empty() && text.contains(h));
                if !named && !found.any(INDEX.api_calls) {
                    continue;
                }
            }
            Scope::AfterRegistration => {
                if !cx.registered {
                    return (Class::Decoy, fatal);
                }
            }
        }
        // An info line quoting a fatal cause (a retry, a note) is not yet the failure.
        let severity = if line.level <= Level::Info && !fatal && line.level != Level::Plain {
            Severity::Warning
        } else {
            s.severity
        };
        return (Class::Hit(s.cause, severity), fatal);
    }
    (Class::Other, fatal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::logline::parse;

    fn class(message: &str) -> Class {
        classify(&parse(message), Context::default())
    }

    fn cause(message: &str) -> Option<Cause> {
        match class(message) {
            Class::Hit(c, _) => Some(c),
            _ => None,
        }
    }

    const E: &str = "E0603 10:12:13.123456    4242 run.go:74] \"command failed\" err=";

    #[test]
    fn the_eviction_managers_reclaim_line_names_the_pressure() {
        let line = |resource: &str| {
            format!(
                "I0603 10:12:13.123456    4242 eviction_manager.go:369] \"Eviction manager: attempting to reclaim\" resourceName=\"{resource}\""
            )
        };
        assert_eq!(cause(&line("memory")), Some(Cause::MemoryPressure));
        assert_eq!(cause(&line("pids")), Some(Cause::PidPressure));
        assert_eq!(cause(&line("ephemeral-storage")), Some(Cause::DiskPressure));
        assert_eq!(
            cause(
                "W1016 09:50:55.056703 17144 eviction_manager.go:331] eviction manager: attempting to reclaim memory"
            ),
            Some(Cause::MemoryPressure)
        );
        // An info line: a warning, never an error.
        assert_eq!(
            class(&line("memory")),
            Class::Hit(Cause::MemoryPressure, Severity::Warning)
        );
        // The all-clear is not a finding.
        assert_eq!(
            cause(
                "I0603 10:12:13.123456    4242 event.go:389] \"Event occurred\" object=\"node-a\" kind=\"Node\" reason=\"NodeHasSufficientMemory\""
            ),
            None
        );
    }

    #[test]
    fn each_cause_from_its_upstream_text() {
        let cases: &[(&str, Cause)] = &[
            (
                "\"failed to parse kubelet flag: unknown flag: --pod-infra-container-image\"",
                Cause::UnknownFlag,
            ),
            (
                "\"failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false\"",
                Cause::SwapEnabled,
            ),
            (
                "\"failed to validate kubelet configuration, error: kubelet is configured to not run on a host using cgroup v1. cgroup v1 support is in maintenance mode, please migrate to cgroup v2, path: &TypeMeta{}\"",
                Cause::CgroupV1,
            ),
            (
                "\"failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\\"/var/lib/kubelet/config.yaml\\\", error: open /var/lib/kubelet/config.yaml: no such file or directory\"",
                Cause::ConfigMissing,
            ),
            (
                "\"failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to decode: strict decoding error: unknown field \\\"maxPod\\\"\"",
                Cause::ConfigInvalid,
            ),
            (
                "\"failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\\"unix:///run/containerd/containerd.sock\\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService\"",
                Cause::RuntimeCriDisabled,
            ),
            (
                "\"failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\\"unix:///run/containerd/containerd.sock\\\": rpc error: code = Unavailable desc = connection error: desc = \\\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\\"\"",
                Cause::RuntimeSocketMissing,
            ),
            (
                "\"failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\\"unix:///run/containerd/containerd.sock\\\": rpc error: code = DeadlineExceeded desc = context deadline exceeded\"",
                Cause::RuntimeUnhealthy,
            ),
            (
                "\"failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory\"",
                Cause::BootstrapMissing,
            ),
            (
                "\"failed to run Kubelet: failed to create kubelet: could not initialize checkpoint manager: could not restore state from checkpoint: configured policy \\\"static\\\" differs from state checkpoint policy \\\"none\\\", please drain this node and delete the CPU manager checkpoint file \\\"/var/lib/kubelet/cpu_manager_state\\\" before restarting Kubelet\"",
                Cause::CpuManagerState,
            ),
        ];
        for (err, want) in cases {
            let line = format!("{E}{err}");
            assert_eq!(class(&line), Class::Hit(*want, Severity::Error), "{line}");
            assert!(is_fatal(&parse(&line)), "{line}");
        }
    }

    #[test]
    fn wrappers_and_traps_follow_the_matching_order() {
        // The CPU manager and sysctl texts inside the ContainerManager wrapper.
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 kubelet.go:1660] \"Failed to start ContainerManager\" err=\"[invalid kernel flag: vm/overcommit_memory, expected value: 1, actual value: 0]\""
            ),
            Some(Cause::KernelSysctl)
        );
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 kubelet.go:1660] \"Failed to start ContainerManager\" err=\"system validation failed - Following Cgroup subsystem not mounted: [memory]\""
            ),
            Some(Cause::CgroupSetup)
        );
        // "no such file" on the CRI socket is not the config file's.
        assert_eq!(
            cause(&format!(
                "{E}\"failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\\"unix:///run/crio/crio.sock\\\": rpc error: code = Unavailable desc = connection error: desc = \\\"transport: Error while dialing: dial unix /run/crio/crio.sock: connect: connection refused\\\"\""
            )),
            Some(Cause::RuntimeSocketMissing)
        );
        // is before: the clock; is after: the certificate.
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 reflector.go:158] \"Unhandled Error\" err=\"failed to list *v1.Node: Get \\\"https://10.0.0.1:6443/api/v1/nodes\\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2020-01-01T00:00:00Z is before 2025-05-01T00:00:00Z\""
            ),
            Some(Cause::ClockSkew)
        );
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 reflector.go:158] \"Unhandled Error\" err=\"failed to list *v1.Node: Get \\\"https://10.0.0.1:6443/api/v1/nodes\\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2027-01-01T00:00:00Z is after 2026-05-01T00:00:00Z\""
            ),
            Some(Cause::CertExpired)
        );
        // x509 alone is nothing.
        assert_eq!(
            cause("E0603 10:12:13.123456 1 a.go:1] \"x509 something\""),
            None
        );
        // NodeRestriction vs anonymous.
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 kubelet_node_status.go:95] \"Unable to register node with API server\" err=\"nodes \\\"b\\\" is forbidden: node \\\"a\\\" is not allowed to modify node \\\"b\\\"\" node=\"b\""
            ),
            Some(Cause::RegisterRejected)
        );
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 kubelet_node_status.go:95] \"Unable to register node with API server\" err=\"nodes is forbidden: User \\\"system:anonymous\\\" cannot create resource \\\"nodes\\\"\" node=\"b\""
            ),
            Some(Cause::ApiUnauthorized)
        );
    }

    #[test]
    fn dial_errors_are_the_api_servers_only_on_api_calls() {
        let api = "E0603 10:12:13.123456 1 kubelet_node_status.go:95] \"Unable to register node with API server\" err=\"Post \\\"https://10.0.0.1:6443/api/v1/nodes\\\": dial tcp 10.0.0.1:6443: connect: connection refused\" node=\"a\"";
        assert_eq!(cause(api), Some(Cause::ApiUnreachable));
        // A pod's probe is the workload's business.
        let probe = "I0603 10:12:13.123456 1 prober.go:107] \"Probe failed\" probeType=\"Liveness\" pod=\"shop/web-1\" output=\"Get \\\"http://10.1.0.5:8080/healthz\\\": dial tcp 10.1.0.5:8080: connect: connection refused\"";
        assert_eq!(class(probe), Class::Decoy);
        // An unknown host that is not an API call of the kubelet's.
        assert_eq!(
            cause(
                "E0603 10:12:13.123456 1 a.go:1] \"something\" err=\"dial tcp 10.9.9.9:80: i/o timeout\""
            ),
            None
        );
        // ...unless it names the kubeconfig's server.
        let named = "E0603 10:12:13.123456 1 a.go:1] \"something\" err=\"dial tcp api.example:443: i/o timeout\"";
        assert_eq!(
            classify(
                &parse(named),
                Context {
                    api_host: Some("api.example"),
                    ..Context::default()
                }
            ),
            Class::Hit(Cause::ApiUnreachable, Severity::Error)
        );
    }

    #[test]
    fn node_not_found_counts_only_after_registration() {
        let line = "E0603 10:12:13.123456 1 kubelet_node_status.go:548] \"Error updating node status, will retry\" err=\"error getting node \\\"a\\\": node \\\"a\\\" not found\"";
        assert_eq!(class(line), Class::Decoy);
        let cx = Context {
            registered: true,
            ..Context::default()
        };
        assert_eq!(
            classify(&parse(line), cx),
            Class::Hit(Cause::NodeNotFound, Severity::Error)
        );
    }

    #[test]
    fn the_one_pass_index_agrees_with_plain_substring_search() {
        // Every text of every table, and lines holding several, overlapping ones.
        let lines = [
            "E0603 10:12:13.123456 1 a.go:1] \"command failed\" err=\"failed to load kubelet config file, path: /x, error: open /x: no such file or directory\"",
            "E0603 10:12:13.123456 1 a.go:1] \"Failed to start ContainerManager\" err=\"invalid kernel flag: vm/overcommit_memory\"",
            "unix:///run/containerd/containerd.sock dial tcp https://",
        ];
        for line in lines {
            let found = Found::of(line);
            for (s, &(all, any)) in SIGNATURES.iter().zip(&INDEX.sigs) {
                assert_eq!(
                    found.all(all),
                    s.all.iter().all(|t| line.contains(t)),
                    "{line}"
                );
                assert_eq!(
                    any == 0 || found.any(any),
                    s.any.is_empty() || s.any.iter().any(|t| line.contains(t)),
                    "{line}"
                );
            }
            assert_eq!(
                found.any(INDEX.fatal),
                FATAL_TEXTS.iter().any(|t| line.contains(t))
            );
            assert_eq!(
                found.any(INDEX.sockets),
                line.contains("unix") || line.contains(".sock")
            );
        }
        assert_eq!(INDEX.sigs.len(), SIGNATURES.len());
    }

    #[test]
    fn decoys_and_info_lines() {
        for line in [
            "W0603 10:12:13.123456 1 server.go:1] Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.",
            "E0603 10:12:13.123456 1 log_metrics.go:65] \"Failed to get pod stats\" err=\"failed to get pod or container map: no such file or directory\"",
            "E0603 10:12:13.123456 1 file.go:1] \"Unable to read config path\" err=\"path does not exist, ignoring\" path=\"/etc/kubernetes/manifests\"",
            "E0603 10:12:13.123456 1 pod_workers.go:1301] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"app\\\" with ErrImagePull: \\\"failed to pull and unpack image: 401 Unauthorized\\\"\"",
        ] {
            assert!(matches!(class(line), Class::Decoy | Class::Other), "{line}");
        }
        // Swap on with failSwapOn: false is an info line, not the fatal one.
        assert_eq!(
            cause(
                "I0603 10:12:13.123456 1 swap_util.go:1] \"Swap is on\" /proc/swaps contents=\"...\""
            ),
            None
        );
        // An info line quoting a cause is a warning, not an error.
        assert_eq!(
            class(
                "I0603 10:12:13.123456 1 kubelet.go:1] \"Container runtime network not ready\" networkReady=\"NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\""
            ),
            Class::Hit(Cause::CniNotReady, Severity::Warning)
        );
        assert_eq!(
            class(
                "E0603 10:12:13.123456 1 kubelet.go:1] \"Container runtime network not ready\" networkReady=\"NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\""
            ),
            Class::Hit(Cause::CniNotReady, Severity::Error)
        );
    }
}
