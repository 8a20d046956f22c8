//! The rule catalogue: every code `config lint` can emit, with its kebab-case name, severity
//! and explanation. Codes are stable: never renumber, only add.
//!
//! KL0xx decoding (what the kubelet's decoder does with the file), KL1xx
//! `ValidateKubeletConfiguration`, KL2xx start-up parsing that aborts the kubelet, KL3xx feature
//! gates, KL4xx legal but dangerous settings (CIS and friends), KL5xx informational.

use serde::Serialize;

use super::diagnostic::Severity;

/// Declares [`Code`]: one variant per rule, in code order, so a misspelt code is a compile
/// error and a rule is found by index, never by string (as ruff generates its `Rule` enum).
macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        /// A rule's stable code. `RULES[code as usize]` is its rule (a test holds the order).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// `KL001`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }
        }
    };
}

codes!(
    KL001, KL002, KL003, KL004, KL005, KL006, KL007, KL008, KL009, KL010, KL011, KL012, KL013,
    KL014, KL015, KL101, KL102, KL103, KL104, KL105, KL106, KL107, KL108, KL109, KL110, KL111,
    KL112, KL113, KL114, KL115, KL116, KL117, KL118, KL119, KL120, KL121, KL122, KL201, KL202,
    KL203, KL204, KL205, KL206, KL207, KL208, KL209, KL210, KL211, KL301, KL302, KL303, KL304,
    KL401, KL402, KL403, KL404, KL405, KL406, KL407, KL408, KL409, KL410, KL411, KL412, KL413,
    KL414, KL415, KL416, KL417, KL418, KL419, KL420, KL421, KL501,
);

impl Code {
    /// The rule this code names.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// Position in [`RULES`], as SARIF's `ruleIndex` wants it.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Decoding,
    Validation,
    Startup,
    FeatureGates,
    Safety,
    Info,
}

#[derive(Debug, Serialize)]
pub struct Rule {
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and what the kubelet does.
    pub explanation: &'static str,
}

const fn r(
    code: Code,
    name: &'static str,
    severity: Severity,
    category: Category,
    summary: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule {
        code,
        name,
        severity,
        category,
        summary,
        explanation,
    }
}

use Category::*;
use Severity::{Error as E, Info as I, Warning as W};

pub static RULES: &[Rule] = &[
    r(
        Code::KL001,
        "yaml-syntax-error",
        E,
        Decoding,
        "The file is not valid YAML/JSON.",
        "The kubelet cannot parse the file and refuses to start (`failed to decode`).",
    ),
    r(
        Code::KL002,
        "missing-api-version",
        E,
        Decoding,
        "apiVersion is missing.",
        "The kubelet needs `apiVersion: kubelet.config.k8s.io/v1beta1` to decode the file; without it start-up fails with `Object 'apiVersion' is missing`.",
    ),
    r(
        Code::KL003,
        "unsupported-api-version",
        E,
        Decoding,
        "apiVersion is not kubelet.config.k8s.io/v1beta1.",
        "v1beta1 is the only registered version of KubeletConfiguration; any other group/version fails with `no kind \"KubeletConfiguration\" is registered for version ...`.",
    ),
    r(
        Code::KL004,
        "missing-kind",
        E,
        Decoding,
        "kind is missing.",
        "Without `kind: KubeletConfiguration` the decoder stops with `Object 'Kind' is missing`.",
    ),
    r(
        Code::KL005,
        "wrong-kind",
        E,
        Decoding,
        "kind is not KubeletConfiguration.",
        "The kind must be exactly `KubeletConfiguration` (case-sensitive); anything else is not registered or cannot be cast to a KubeletConfiguration.",
    ),
    r(
        Code::KL006,
        "type-mismatch",
        E,
        Decoding,
        "A value has the wrong type for its field.",
        "Decoding is typed and a mismatch is fatal: quoted numbers or booleans (`maxPods: \"110\"`), unquoted numbers where strings are required (durations, map values such as evictionHard), scalars where lists are required, fractional or out-of-range integers. YAML 1.1 also reads `yes/no/on/off` as booleans.",
    ),
    r(
        Code::KL007,
        "invalid-duration",
        E,
        Decoding,
        "A duration is not in Go's duration syntax.",
        "Durations are parsed by Go's time.ParseDuration: a number with a unit (ns, us, ms, s, m, h), elements may repeat (`1h30m`). There are no days (`1d`), no spaces, and the unit is mandatory except for `0`. A bad duration stops the kubelet at decode time.",
    ),
    r(
        Code::KL008,
        "invalid-quantity",
        E,
        Decoding,
        "A resource quantity does not parse.",
        "Quantities follow Kubernetes' grammar: a number with an optional suffix (Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent). `MB`, `GB`, `KiB`, `K` and spaces are invalid.",
    ),
    r(
        Code::KL009,
        "unknown-field",
        W,
        Decoding,
        "A key is not a field of KubeletConfiguration; its value is ignored.",
        "The strict decoder rejects unknown, misspelt and wrong-case keys; the kubelet then logs `Using lenient decoding as strict decoding failed` and starts with the value dropped, so the default applies instead of what you wrote.",
    ),
    r(
        Code::KL010,
        "duplicate-key",
        W,
        Decoding,
        "A key appears twice in one mapping; the earlier value is ignored.",
        "The strict decoder rejects duplicate keys; the lenient decoder that the kubelet falls back to keeps the last value. A key that overrides one brought in by a `<<` merge counts too.",
    ),
    r(
        Code::KL011,
        "extra-document",
        W,
        Decoding,
        "The file holds more than one YAML document; only the first is read.",
        "The kubelet decodes the first document of the stream and silently ignores the rest, including any settings in them.",
    ),
    r(
        Code::KL012,
        "yaml11-octal",
        W,
        Decoding,
        "A number with a leading 0 is read as octal.",
        "The kubelet's YAML parser follows YAML 1.1, where `0110` is the octal number 72. Quote it or drop the leading zero.",
    ),
    r(
        Code::KL013,
        "yaml11-boolean",
        I,
        Decoding,
        "yes/no/on/off/y/n are read as booleans.",
        "YAML 1.1 reads these words as true/false. They work for boolean fields, but `true`/`false` are portable; in string positions they are type errors.",
    ),
    r(
        Code::KL014,
        "null-value",
        I,
        Decoding,
        "A key has an empty or null value and is treated as omitted.",
        "`key:` with nothing after it is null, which the decoder treats like a missing key: the default applies.",
    ),
    r(
        Code::KL015,
        "field-newer-than-kubelet",
        W,
        Decoding,
        "A field is unknown to the targeted kubelet version and will be ignored.",
        "The field was added to KubeletConfiguration after the kubelet version selected with --kubelet-version; that kubelet drops it with a lenient-decoding warning.",
    ),
    r(
        Code::KL101,
        "negative-value",
        E,
        Validation,
        "A count, rate or age is negative.",
        "ValidateKubeletConfiguration rejects negative values for QPS/burst limits, maxPods, podsPerCore, maxOpenFiles, nodeLeaseDurationSeconds (which must be > 0) and image GC ages.",
    ),
    r(
        Code::KL102,
        "port-out-of-range",
        E,
        Validation,
        "A port is outside 1..65535.",
        "port must be 1..65535; readOnlyPort and healthzPort may also be 0 (disabled).",
    ),
    r(
        Code::KL103,
        "value-out-of-range",
        E,
        Validation,
        "A number is outside the range the kubelet accepts.",
        "Covers percentages (0..100), iptables bits (0..31), oomScoreAdj (-1000..1000), nodeStatusMaxImages (>= -1), maxParallelImagePulls (>= 1), containerLogMaxWorkers (>= 1), containerLogMaxFiles (> 1), memoryThrottlingFactor ((0, 1]) and tracing.samplingRatePerMillion (0..1000000).",
    ),
    r(
        Code::KL104,
        "duration-out-of-range",
        E,
        Validation,
        "A duration is outside the range the kubelet accepts.",
        "cpuCFSQuotaPeriod must be 1ms..1s, crashLoopBackOff.maxContainerRestartPeriod 1s..300s, containerLogMonitorInterval >= 3s, shutdown grace periods 0 or >= 1s.",
    ),
    r(
        Code::KL105,
        "image-gc-thresholds-inverted",
        E,
        Validation,
        "imageGCLowThresholdPercent is not below imageGCHighThresholdPercent.",
        "The low threshold must be strictly lower than the high one. Defaults (80/85) take part: setting only `imageGCLowThresholdPercent: 90` fails.",
    ),
    r(
        Code::KL106,
        "image-gc-age-inverted",
        E,
        Validation,
        "imageMaximumGCAge is not greater than imageMinimumGCAge.",
        "When imageMaximumGCAge is set (non-zero) it must exceed imageMinimumGCAge (default 2m).",
    ),
    r(
        Code::KL107,
        "system-cgroups-without-cgroup-root",
        E,
        Validation,
        "systemCgroups is set but cgroupRoot is not.",
        "The kubelet refuses `systemCgroups` without `cgroupRoot`.",
    ),
    r(
        Code::KL108,
        "parallel-pulls-need-serialize-false",
        E,
        Validation,
        "maxParallelImagePulls > 1 while serializeImagePulls is true.",
        "Parallel image pulls only work with `serializeImagePulls: false`.",
    ),
    r(
        Code::KL109,
        "feature-gate-required",
        E,
        Validation,
        "A field is set whose feature gate is disabled.",
        "Several fields may only be set when their feature gate is on (e.g. enableSystemLogQuery needs NodeLogQuery, qosReserved needs QOSReserved); the kubelet refuses to start otherwise.",
    ),
    r(
        Code::KL110,
        "run-once-unsupported",
        E,
        Validation,
        "runOnce is true.",
        "Run-once mode was removed; the kubelet rejects `runOnce: true`.",
    ),
    r(
        Code::KL111,
        "invalid-taint",
        E,
        Validation,
        "A registerWithTaints entry is not a valid taint.",
        "Each taint needs a valid qualified-name key, a label-value-like value, an effect of NoSchedule, PreferNoSchedule or NoExecute, and no timeAdded.",
    ),
    r(
        Code::KL112,
        "invalid-enum-value",
        E,
        Validation,
        "A field has a value outside its fixed set of options.",
        "Covers topologyManagerPolicy/Scope, hairpinMode, memorySwap.swapBehavior, imagePullCredentialsVerificationPolicy, memoryReservationPolicy, logging.format, authorization.mode, cgroupDriver, cpuManagerPolicy, memoryManagerPolicy and configMapAndSecretChangeDetectionStrategy. Values are case-sensitive.",
    ),
    r(
        Code::KL113,
        "shutdown-grace-period-conflict",
        E,
        Validation,
        "Graceful-shutdown settings contradict each other.",
        "shutdownGracePeriodCriticalPods must not exceed shutdownGracePeriod, and shutdownGracePeriodByPodPriority cannot be combined with the two plain periods.",
    ),
    r(
        Code::KL114,
        "invalid-enforce-node-allocatable",
        E,
        Validation,
        "enforceNodeAllocatable has invalid or conflicting entries.",
        "Entries must be pods, system-reserved, system-reserved-compressible, kube-reserved, kube-reserved-compressible or none; none excludes the others; the reserved entries need their cgroup set; a compressible entry excludes its plain twin; entries need cgroupsPerQOS.",
    ),
    r(
        Code::KL115,
        "invalid-preloaded-images-allowlist",
        E,
        Validation,
        "preloadedImagesVerificationAllowlist is misused or malformed.",
        "The allowlist only works with imagePullCredentialsVerificationPolicy NeverVerifyAllowlistedImages, and entries must be image names without tag or digest, optionally ending in `/*`.",
    ),
    r(
        Code::KL116,
        "invalid-reserved-system-cpus",
        E,
        Validation,
        "reservedSystemCPUs is malformed or combined with reserved cgroups.",
        "reservedSystemCPUs must be a cpuset list like `0-3,8` and cannot be used together with systemReservedCgroup or kubeReservedCgroup.",
    ),
    r(
        Code::KL117,
        "invalid-reserved-memory",
        E,
        Validation,
        "A reservedMemory entry is invalid.",
        "Limits may only name memory or hugepages-<size>, must not be zero, and a NUMA node/resource pair may appear only once.",
    ),
    r(
        Code::KL118,
        "invalid-show-hidden-metrics-version",
        E,
        Validation,
        "showHiddenMetricsForVersion is not the previous minor version.",
        "Only the minor version immediately before the kubelet's own may be given (e.g. 1.35 for a 1.36 kubelet).",
    ),
    r(
        Code::KL119,
        "invalid-logging",
        E,
        Validation,
        "The logging section is invalid.",
        "vmodule entries need a file pattern without `=` or `,`; options need their logging feature gates.",
    ),
    r(
        Code::KL120,
        "invalid-tracing",
        E,
        Validation,
        "The tracing section is invalid.",
        "tracing.endpoint must be a valid host:port or URL.",
    ),
    r(
        Code::KL121,
        "system-log-query-needs-handler",
        E,
        Validation,
        "enableSystemLogQuery is true while enableSystemLogHandler is false.",
        "The log query endpoint is served by the system log handler.",
    ),
    r(
        Code::KL122,
        "invalid-pod-logs-dir",
        E,
        Validation,
        "podLogsDir is not an absolute, normalized, ASCII path.",
        "podLogsDir is not resolved against the config file's directory; it must be absolute, equal to its cleaned form (no trailing `/`, `..` or `//`) and ASCII only.",
    ),
    r(
        Code::KL201,
        "unsupported-eviction-signal",
        E,
        Startup,
        "An eviction map uses an unknown signal.",
        "Signals are memory.available, allocatableMemory.available, nodefs.available, nodefs.inodesFree, imagefs.available, imagefs.inodesFree, containerfs.available, containerfs.inodesFree and pid.available (case-sensitive). The kubelet aborts with `unsupported eviction signal`.",
    ),
    r(
        Code::KL202,
        "invalid-eviction-threshold",
        E,
        Startup,
        "An evictionHard/evictionSoft value does not parse or is out of range.",
        "Values are a percentage (`10%`, 0..100) or a positive quantity (`100Mi`). The `<` operator belongs to the command-line flag only. Zero quantities are rejected.",
    ),
    r(
        Code::KL203,
        "missing-eviction-grace-period",
        E,
        Startup,
        "A soft eviction threshold has no grace period.",
        "Every evictionSoft signal needs an evictionSoftGracePeriod entry.",
    ),
    r(
        Code::KL204,
        "invalid-eviction-grace-period",
        E,
        Startup,
        "An evictionSoftGracePeriod value is not a valid non-negative duration.",
        "Grace periods are Go durations such as `1m30s`; negative values are rejected.",
    ),
    r(
        Code::KL205,
        "invalid-eviction-minimum-reclaim",
        E,
        Startup,
        "An evictionMinimumReclaim value is invalid.",
        "Percentages must be greater than 0%, quantities must not be negative.",
    ),
    r(
        Code::KL206,
        "invalid-reserved-resources",
        E,
        Startup,
        "kubeReserved/systemReserved has an unknown resource or a bad quantity.",
        "Only cpu, memory, ephemeral-storage and pid may be reserved, with non-negative quantities.",
    ),
    r(
        Code::KL207,
        "unknown-tls-cipher-suite",
        E,
        Startup,
        "tlsCipherSuites names a cipher suite Go does not know.",
        "The kubelet aborts with `Cipher suite X not supported or doesn't exist`.",
    ),
    r(
        Code::KL208,
        "unknown-tls-version",
        E,
        Startup,
        "tlsMinVersion is not VersionTLS10..VersionTLS13.",
        "The kubelet aborts with `unknown tls version`.",
    ),
    r(
        Code::KL209,
        "invalid-qos-reserved",
        E,
        Startup,
        "qosReserved is malformed.",
        "Only `memory` may be reserved, as a percentage 0%..100%.",
    ),
    r(
        Code::KL210,
        "invalid-container-log-max-size",
        E,
        Startup,
        "containerLogMaxSize is not a valid quantity.",
        "The container log manager parses it as a quantity such as `10Mi`; an invalid value stops the kubelet.",
    ),
    r(
        Code::KL211,
        "invalid-tls-curve-preference",
        E,
        Startup,
        "tlsCurvePreferences has an ID out of range, twice, or unknown to Go.",
        "tlsCurvePreferences (1.36+) takes numeric Go crypto/tls CurveIDs (23 P-256, 24 P-384, 25 P-521, 29 X25519, 4588 X25519MLKEM768), not names. At start-up component-base rejects an ID outside 1-65535 (`curve preference N is out of range (must be 1-65535)`), a repeated ID (`duplicate curve preference N`) and one the Go runtime has no name for (`curve preference N is not supported by the current Go version`), and the kubelet does not start.",
    ),
    r(
        Code::KL301,
        "unknown-feature-gate",
        E,
        FeatureGates,
        "featureGates names a gate the kubelet does not know.",
        "An unknown gate (a typo, or a gate removed after it went GA) stops the kubelet: `unrecognized feature gate`.",
    ),
    r(
        Code::KL302,
        "locked-feature-gate",
        E,
        FeatureGates,
        "A locked feature gate is set to the opposite of its locked value.",
        "GA and some deprecated gates are locked; setting them to the other value stops the kubelet: `cannot set feature gate X to false, feature is locked to true`.",
    ),
    r(
        Code::KL303,
        "feature-gate-pending-removal",
        W,
        FeatureGates,
        "A locked feature gate is set; it has no effect and will be removed.",
        "Setting a locked gate to its locked value is accepted but pointless, and once the gate is removed in a later release the kubelet refuses to start. Delete the entry.",
    ),
    r(
        Code::KL304,
        "feature-gate-dependency",
        E,
        FeatureGates,
        "An enabled feature gate depends on a gate that is disabled.",
        "Since 1.35 component-base knows which gates depend on which (e.g. GracefulNodeShutdownBasedOnPodPriority and WindowsGracefulNodeShutdown on GracefulNodeShutdown) and refuses an enabled gate whose dependency is off: `X is enabled, but depends on features that are disabled: [Y]`. In a config file this already fails while defaults are applied, as a panic (`failed to merge global and in-flight KubeletConfiguration while setting defaults`). Switching a gate off can therefore break gates that are on by default.",
    ),
    r(
        Code::KL401,
        "anonymous-auth-enabled",
        W,
        Safety,
        "Anonymous requests to the kubelet API are allowed (CIS 4.2.1).",
        "With authentication.anonymous.enabled true, unauthenticated requests reach the kubelet API as system:anonymous. Set it to false.",
    ),
    r(
        Code::KL402,
        "authorization-always-allow",
        W,
        Safety,
        "Every authenticated request is authorized (CIS 4.2.2).",
        "authorization.mode AlwaysAllow lets anyone who can authenticate exec into pods. Use Webhook.",
    ),
    r(
        Code::KL403,
        "missing-client-ca-file",
        W,
        Safety,
        "No client CA is configured for x509 authentication (CIS 4.2.3).",
        "Without authentication.x509.clientCAFile the kubelet cannot authenticate the API server's client certificate.",
    ),
    r(
        Code::KL404,
        "read-only-port-enabled",
        W,
        Safety,
        "The unauthenticated read-only port is open (CIS 4.2.4).",
        "readOnlyPort serves pod and node data without any authentication. Set it to 0.",
    ),
    r(
        Code::KL405,
        "iptables-util-chains-disabled",
        W,
        Safety,
        "makeIPTablesUtilChains is false (CIS 4.2.6).",
        "The kubelet should manage its iptables utility chains.",
    ),
    r(
        Code::KL406,
        "self-signed-serving-certificate",
        I,
        Safety,
        "No serving certificate and no serverTLSBootstrap (CIS 4.2.9).",
        "Without tlsCertFile/tlsPrivateKeyFile or serverTLSBootstrap the kubelet serves with a self-signed certificate that clients cannot verify.",
    ),
    r(
        Code::KL407,
        "certificate-rotation-disabled",
        W,
        Safety,
        "Client certificate rotation is off (CIS 4.2.10).",
        "rotateCertificates defaults to false in the file; without it the client certificate expires and the node goes NotReady.",
    ),
    r(
        Code::KL408,
        "server-certificate-rotation-disabled",
        W,
        Safety,
        "RotateKubeletServerCertificate is disabled (CIS 4.2.11).",
        "The serving certificate cannot be rotated.",
    ),
    r(
        Code::KL409,
        "weak-tls-cipher-suite",
        W,
        Safety,
        "tlsCipherSuites contains a suite outside the CIS-recommended strong set (CIS 4.2.12).",
        "Restrict tlsCipherSuites to ECDHE suites with AES-GCM or ChaCha20-Poly1305.",
    ),
    r(
        Code::KL410,
        "pod-pids-limit-unset",
        W,
        Safety,
        "Pods have no PID limit (CIS 4.2.13).",
        "podPidsLimit defaults to -1 (unlimited): one pod can fork-bomb the node.",
    ),
    r(
        Code::KL411,
        "seccomp-default-disabled",
        I,
        Safety,
        "RuntimeDefault seccomp is not applied by default (CIS 4.2.14).",
        "seccompDefault: true confines every container that has no seccomp profile.",
    ),
    r(
        Code::KL412,
        "partial-eviction-hard",
        W,
        Safety,
        "evictionHard is set partially, which drops the other default thresholds.",
        "Defaults apply only when evictionHard is omitted entirely; any map (even `{}`) replaces all of them, so unnamed signals have no hard threshold. Add the missing signals or set mergeDefaultEvictionSettings: true (1.33+).",
    ),
    r(
        Code::KL413,
        "eviction-threshold-disables-signal",
        W,
        Safety,
        "An eviction threshold of 0% or 100% silently disables that signal.",
        "The kubelet drops thresholds that are exactly 0% or 100%; the signal is then not watched at all.",
    ),
    r(
        Code::KL414,
        "containerfs-signal-ignored",
        W,
        Safety,
        "containerfs.* eviction signals have no effect.",
        "The kubelet overrides containerfs thresholds with the nodefs/imagefs ones and logs that it ignores them.",
    ),
    r(
        Code::KL415,
        "healthz-on-all-interfaces",
        W,
        Safety,
        "The healthz endpoint listens on all interfaces.",
        "healthzBindAddress 0.0.0.0 or :: exposes an unauthenticated endpoint to the network; the default 127.0.0.1 is enough for local probes.",
    ),
    r(
        Code::KL416,
        "image-gc-no-headroom",
        W,
        Safety,
        "Image garbage collection starts too late to prevent disk-pressure eviction.",
        "If imageGCHighThresholdPercent is at or above the disk usage at which imagefs.available (or nodefs.available) eviction fires, pods are evicted before images are collected; 100 disables image GC.",
    ),
    r(
        Code::KL417,
        "static-pod-url-header-credentials",
        W,
        Safety,
        "staticPodURLHeader carries credentials in the config file.",
        "Authorization, cookie or token headers put secrets in a file that is often world-readable and copied around. The values are not shown.",
    ),
    r(
        Code::KL418,
        "memory-milli-quantity",
        W,
        Safety,
        "A memory or storage quantity uses the milli suffix `m`.",
        "`m` means 1/1000: `100m` of memory is 0.1 byte. You probably meant `Mi` or `M`.",
    ),
    r(
        Code::KL419,
        "old-tls-min-version",
        W,
        Safety,
        "tlsMinVersion allows TLS 1.0 or 1.1.",
        "TLS 1.0/1.1 are deprecated; use VersionTLS12 or VersionTLS13.",
    ),
    r(
        Code::KL420,
        "protect-kernel-defaults-disabled",
        I,
        Safety,
        "protectKernelDefaults is false (older CIS 4.2.6).",
        "With true the kubelet refuses to start when kernel tunables differ from its expectations, instead of changing them.",
    ),
    r(
        Code::KL421,
        "cgroup-v1-sensitive",
        I,
        Safety,
        "A setting fails or changes behaviour on cgroup v1 hosts.",
        "failCgroupV1 (true by default since 1.35) stops the kubelet on cgroup v1; singleProcessOOMKill false and LimitedSwap are rejected there. Only the host can tell.",
    ),
    r(
        Code::KL501,
        "deprecated-field",
        I,
        Info,
        "A field is deprecated and has no effect.",
        "streamingConnectionIdleTimeout, iptablesMasqueradeBit and iptablesDropBit are accepted but ignored.",
    ),
];

/// Every rule, in code order.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// The rule for a code (`KL009`) or a name (`unknown-field`).
pub fn explain(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.as_str().eq_ignore_ascii_case(code) || r.name == code)
}

/// Whether `code` is enabled by `--select`/`--ignore` lists of codes, code prefixes (`KL4`)
/// or names. An empty select list selects everything.
pub fn enabled(code: Code, select: &[String], ignore: &[String]) -> bool {
    let name = code.rule().name;
    let code = code.as_str();
    let matches = |pat: &String| {
        let pat = pat.trim();
        (!pat.is_empty() && code.len() >= pat.len() && code[..pat.len()].eq_ignore_ascii_case(pat))
            || pat.eq_ignore_ascii_case("all")
            || name == pat
    };
    (select.is_empty() || select.iter().any(matches)) && !ignore.iter().any(matches)
}

/// Whether a `--select`/`--ignore` entry (code, code prefix, name or `all`) matches at least
/// one rule; an entry that matches none is a typo the user must hear about.
pub fn selects_any(pattern: &str) -> bool {
    let none: &[String] = &[];
    RULES
        .iter()
        .any(|r| enabled(r.code, &[pattern.to_string()], none))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        // The enum and the table agree, in order: `Code::rule` indexes by position.
        assert_eq!(Code::ALL.len(), RULES.len());
        for (i, (code, rule)) in Code::ALL.iter().zip(RULES).enumerate() {
            assert_eq!((*code, code.index()), (rule.code, i));
        }
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code.as_str()).collect();
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "rules must be in code order"
        );
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            assert!(r.code.as_str().len() == 5, "{}", r.code);
            assert!(
                r.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.name
            );
            assert!(
                r.summary.ends_with('.') || r.summary.ends_with(')'),
                "{}",
                r.code
            );
        }
    }

    #[test]
    fn select_and_ignore() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(enabled(Code::KL401, &[], &[]));
        assert!(enabled(Code::KL401, &s(&["KL4"]), &[]));
        assert!(!enabled(Code::KL101, &s(&["KL4"]), &[]));
        assert!(!enabled(Code::KL401, &[], &s(&["anonymous-auth-enabled"])));
        assert!(!enabled(Code::KL401, &s(&["ALL"]), &s(&["kl40"])));
        assert_eq!(explain("unknown-field").map(|r| r.code), Some(Code::KL009));
        assert_eq!(explain("kl009").map(|r| r.name), Some("unknown-field"));
    }
}
