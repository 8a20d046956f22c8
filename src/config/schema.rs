//! The one field table of `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1): JSON names,
//! Go types, pointer-ness (an explicit zero survives defaulting only for pointers), the kubelet's
//! default and the first minor release that knows the field. Decoding, defaulting (`defaults`)
//! and `field!` all read it. No field has left v1beta1 within the releases modelled (1.31-1.36),
//! so there is no "last release" column yet.

/// Go type of a field, as far as decoding cares.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    Bool,
    Int32,
    Int64,
    Uint32,
    Float64,
    Str,
    /// metav1.Duration: a Go duration string.
    Dur,
    /// component-base TimeOrMetaDuration: a duration string or integer nanoseconds.
    DurOrNanos,
    /// A quantity accepted as string or number (resource.QuantityValue).
    QuantityValue,
    /// metav1.Time (RFC 3339 string or null).
    Time,
    StrList,
    Int32List,
    /// map[string]string
    StrMap,
    /// map[string]bool (featureGates)
    BoolMap,
    /// map[string][]string (staticPodURLHeader)
    StrListMap,
    /// map[string]resource.Quantity (reservedMemory[].limits)
    QuantityMap,
    Obj(&'static [Field]),
    ObjList(&'static [Field]),
}

impl PartialEq for Ty {
    fn eq(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Obj(a), Ty::Obj(b)) | (Ty::ObjList(a), Ty::ObjList(b)) => std::ptr::eq(*a, *b),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

impl Eq for Ty {}

impl Ty {
    /// The Go spelling used in `cannot unmarshal X into Go struct field ... of type T`.
    pub fn go_name(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Int32 => "int32",
            Ty::Int64 => "int64",
            Ty::Uint32 => "uint32",
            Ty::Float64 => "float64",
            Ty::Str | Ty::Dur | Ty::Time => "string",
            Ty::DurOrNanos => "v1.TimeOrMetaDuration",
            Ty::QuantityValue => "resource.QuantityValue",
            Ty::StrList => "[]string",
            Ty::Int32List => "[]int32",
            Ty::StrMap => "map[string]string",
            Ty::BoolMap => "map[string]bool",
            Ty::StrListMap => "map[string][]string",
            Ty::QuantityMap => "v1.ResourceList",
            Ty::Obj(_) => "struct",
            Ty::ObjList(_) => "[]struct",
        }
    }

    /// How a human should write a value of this type (for help lines).
    pub fn example(self) -> &'static str {
        match self {
            Ty::Bool => "true or false",
            Ty::Int32 | Ty::Int64 | Ty::Uint32 => "an unquoted integer such as 110",
            Ty::Float64 => "an unquoted number such as 0.9",
            Ty::Str => "a string; quote values YAML would read as numbers or booleans",
            Ty::Dur => "a quoted Go duration such as \"2m0s\", \"90s\" or \"1h30m\"",
            Ty::DurOrNanos => "a Go duration such as \"5s\" (or integer nanoseconds)",
            Ty::QuantityValue => "a quantity such as \"64Ki\"",
            Ty::Time => "an RFC 3339 time string",
            Ty::StrList => "a list of strings, e.g. [\"10.96.0.10\"]",
            Ty::Int32List => "a list of integers",
            Ty::StrMap => "a mapping of string keys to quoted string values",
            Ty::BoolMap => "a mapping of names to true/false",
            Ty::StrListMap => "a mapping of names to lists of strings",
            Ty::QuantityMap => "a mapping of resource names to quantities such as 1Gi",
            Ty::Obj(_) => "a mapping",
            Ty::ObjList(_) => "a list of mappings",
        }
    }
}

/// The value the kubelet's defaulting gives a field left unset (or zero, for a non-pointer
/// field): `SetDefaults_KubeletConfiguration` in pkg/kubelet/apis/config/v1beta1/defaults.go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Def {
    /// Go's zero value.
    Zero,
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Nanoseconds.
    Dur(i64),
    Str(&'static str),
    StrList(&'static [&'static str]),
    /// Depends on other fields, feature gates or the release: `defaults::View` computes it.
    Computed,
}

const S: i64 = 1_000_000_000;
const MIN: i64 = 60 * S;

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// Go pointer field: an explicit zero value is kept instead of being defaulted.
    pub ptr: bool,
    /// First kubelet minor version (1.x) that knows the field; 0 = older than any we model.
    pub since: u8,
    pub default: Def,
}

const fn f(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        ptr: false,
        since: 0,
        default: Def::Zero,
    }
}
const fn p(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        ptr: true,
        since: 0,
        default: Def::Zero,
    }
}
const fn def(mut fl: Field, d: Def) -> Field {
    fl.default = d;
    fl
}
const fn since(mut fl: Field, v: u8) -> Field {
    fl.since = v;
    fl
}

pub static X509: &[Field] = &[f("clientCAFile", Ty::Str)];
pub static AUTHN_WEBHOOK: &[Field] = &[
    def(p("enabled", Ty::Bool), Def::Bool(true)),
    def(f("cacheTTL", Ty::Dur), Def::Dur(2 * MIN)),
];
pub static ANONYMOUS: &[Field] = &[p("enabled", Ty::Bool)];
pub static AUTHENTICATION: &[Field] = &[
    f("x509", Ty::Obj(X509)),
    f("webhook", Ty::Obj(AUTHN_WEBHOOK)),
    f("anonymous", Ty::Obj(ANONYMOUS)),
];
pub static AUTHZ_WEBHOOK: &[Field] = &[
    def(f("cacheAuthorizedTTL", Ty::Dur), Def::Dur(5 * MIN)),
    def(f("cacheUnauthorizedTTL", Ty::Dur), Def::Dur(30 * S)),
];
pub static AUTHORIZATION: &[Field] = &[
    def(f("mode", Ty::Str), Def::Str("Webhook")),
    f("webhook", Ty::Obj(AUTHZ_WEBHOOK)),
];
pub static VMODULE: &[Field] = &[f("filePattern", Ty::Str), f("verbosity", Ty::Uint32)];
pub static OUTPUT_ROUTING: &[Field] = &[
    f("splitStream", Ty::Bool),
    f("infoBufferSize", Ty::QuantityValue),
];
pub static LOG_OPTIONS: &[Field] = &[
    f("text", Ty::Obj(OUTPUT_ROUTING)),
    f("json", Ty::Obj(OUTPUT_ROUTING)),
];
pub static LOGGING: &[Field] = &[
    def(f("format", Ty::Str), Def::Str("text")),
    def(f("flushFrequency", Ty::DurOrNanos), Def::Dur(5 * S)),
    f("verbosity", Ty::Uint32),
    f("vmodule", Ty::ObjList(VMODULE)),
    f("options", Ty::Obj(LOG_OPTIONS)),
];
pub static MEMORY_SWAP: &[Field] = &[f("swapBehavior", Ty::Str)];
pub static CRASH_LOOP: &[Field] = &[def(p("maxContainerRestartPeriod", Ty::Dur), Def::Computed)];
pub static USER_NAMESPACES: &[Field] = &[def(p("idsPerPod", Ty::Int64), Def::Int(65536))];
pub static TRACING: &[Field] = &[
    p("endpoint", Ty::Str),
    p("samplingRatePerMillion", Ty::Int32),
];
pub static SHUTDOWN_PRIORITY: &[Field] = &[
    f("priority", Ty::Int32),
    f("shutdownGracePeriodSeconds", Ty::Int64),
];
pub static RESERVED_MEMORY: &[Field] = &[f("numaNode", Ty::Int32), f("limits", Ty::QuantityMap)];
pub static TAINT: &[Field] = &[
    f("key", Ty::Str),
    f("value", Ty::Str),
    f("effect", Ty::Str),
    p("timeAdded", Ty::Time),
];

/// Top level of KubeletConfiguration v1beta1 as of kubelet 1.36.
pub static KUBELET_CONFIGURATION: &[Field] = &[
    f("apiVersion", Ty::Str),
    f("kind", Ty::Str),
    def(p("enableServer", Ty::Bool), Def::Bool(true)),
    f("staticPodPath", Ty::Str),
    def(
        since(f("podLogsDir", Ty::Str), 31),
        Def::Str("/var/log/pods"),
    ),
    def(f("syncFrequency", Ty::Dur), Def::Dur(MIN)),
    def(f("fileCheckFrequency", Ty::Dur), Def::Dur(20 * S)),
    def(f("httpCheckFrequency", Ty::Dur), Def::Dur(20 * S)),
    f("staticPodURL", Ty::Str),
    f("staticPodURLHeader", Ty::StrListMap),
    def(f("address", Ty::Str), Def::Str("0.0.0.0")),
    def(f("port", Ty::Int32), Def::Int(10250)),
    f("readOnlyPort", Ty::Int32),
    f("tlsCertFile", Ty::Str),
    f("tlsPrivateKeyFile", Ty::Str),
    f("tlsCipherSuites", Ty::StrList),
    since(f("tlsCurvePreferences", Ty::Int32List), 36),
    f("tlsMinVersion", Ty::Str),
    f("rotateCertificates", Ty::Bool),
    f("serverTLSBootstrap", Ty::Bool),
    f("authentication", Ty::Obj(AUTHENTICATION)),
    f("authorization", Ty::Obj(AUTHORIZATION)),
    def(p("registryPullQPS", Ty::Int32), Def::Int(5)),
    def(f("registryBurst", Ty::Int32), Def::Int(10)),
    def(
        since(f("imagePullCredentialsVerificationPolicy", Ty::Str), 33),
        Def::Computed,
    ),
    since(f("preloadedImagesVerificationAllowlist", Ty::StrList), 33),
    def(p("eventRecordQPS", Ty::Int32), Def::Int(50)),
    def(f("eventBurst", Ty::Int32), Def::Int(100)),
    def(p("enableDebuggingHandlers", Ty::Bool), Def::Bool(true)),
    f("enableContentionProfiling", Ty::Bool),
    def(p("healthzPort", Ty::Int32), Def::Int(10248)),
    def(f("healthzBindAddress", Ty::Str), Def::Str("127.0.0.1")),
    def(p("oomScoreAdj", Ty::Int32), Def::Int(-999)),
    f("clusterDomain", Ty::Str),
    f("clusterDNS", Ty::StrList),
    def(
        f("streamingConnectionIdleTimeout", Ty::Dur),
        Def::Dur(240 * MIN),
    ),
    def(f("nodeStatusUpdateFrequency", Ty::Dur), Def::Dur(10 * S)),
    def(f("nodeStatusReportFrequency", Ty::Dur), Def::Computed),
    def(f("nodeLeaseDurationSeconds", Ty::Int32), Def::Int(40)),
    def(f("imageMinimumGCAge", Ty::Dur), Def::Dur(2 * MIN)),
    f("imageMaximumGCAge", Ty::Dur),
    def(p("imageGCHighThresholdPercent", Ty::Int32), Def::Int(85)),
    def(p("imageGCLowThresholdPercent", Ty::Int32), Def::Int(80)),
    def(f("volumeStatsAggPeriod", Ty::Dur), Def::Dur(MIN)),
    f("kubeletCgroups", Ty::Str),
    f("systemCgroups", Ty::Str),
    f("cgroupRoot", Ty::Str),
    def(p("cgroupsPerQOS", Ty::Bool), Def::Bool(true)),
    def(f("cgroupDriver", Ty::Str), Def::Str("cgroupfs")),
    def(f("cpuManagerPolicy", Ty::Str), Def::Str("none")),
    since(p("singleProcessOOMKill", Ty::Bool), 32),
    f("cpuManagerPolicyOptions", Ty::StrMap),
    def(f("cpuManagerReconcilePeriod", Ty::Dur), Def::Dur(10 * S)),
    def(f("memoryManagerPolicy", Ty::Str), Def::Str("None")),
    def(f("topologyManagerPolicy", Ty::Str), Def::Str("none")),
    def(f("topologyManagerScope", Ty::Str), Def::Str("container")),
    f("topologyManagerPolicyOptions", Ty::StrMap),
    f("qosReserved", Ty::StrMap),
    def(f("runtimeRequestTimeout", Ty::Dur), Def::Dur(2 * MIN)),
    def(f("hairpinMode", Ty::Str), Def::Str("promiscuous-bridge")),
    def(f("maxPods", Ty::Int32), Def::Int(110)),
    f("podCIDR", Ty::Str),
    def(p("podPidsLimit", Ty::Int64), Def::Int(-1)),
    def(p("resolvConf", Ty::Str), Def::Str("/etc/resolv.conf")),
    f("runOnce", Ty::Bool),
    def(p("cpuCFSQuota", Ty::Bool), Def::Bool(true)),
    def(p("cpuCFSQuotaPeriod", Ty::Dur), Def::Dur(100_000_000)),
    def(p("nodeStatusMaxImages", Ty::Int32), Def::Int(50)),
    def(f("maxOpenFiles", Ty::Int64), Def::Int(1_000_000)),
    def(
        f("contentType", Ty::Str),
        Def::Str("application/vnd.kubernetes.protobuf"),
    ),
    def(p("kubeAPIQPS", Ty::Int32), Def::Int(50)),
    def(f("kubeAPIBurst", Ty::Int32), Def::Int(100)),
    def(p("serializeImagePulls", Ty::Bool), Def::Computed),
    p("maxParallelImagePulls", Ty::Int32),
    f("evictionHard", Ty::StrMap),
    f("evictionSoft", Ty::StrMap),
    f("evictionSoftGracePeriod", Ty::StrMap),
    def(
        f("evictionPressureTransitionPeriod", Ty::Dur),
        Def::Dur(5 * MIN),
    ),
    f("evictionMaxPodGracePeriod", Ty::Int32),
    f("evictionMinimumReclaim", Ty::StrMap),
    since(p("mergeDefaultEvictionSettings", Ty::Bool), 33),
    f("podsPerCore", Ty::Int32),
    def(p("enableControllerAttachDetach", Ty::Bool), Def::Bool(true)),
    f("protectKernelDefaults", Ty::Bool),
    def(p("makeIPTablesUtilChains", Ty::Bool), Def::Bool(true)),
    def(p("iptablesMasqueradeBit", Ty::Int32), Def::Int(14)),
    def(p("iptablesDropBit", Ty::Int32), Def::Int(15)),
    f("featureGates", Ty::BoolMap),
    def(p("failSwapOn", Ty::Bool), Def::Bool(true)),
    f("memorySwap", Ty::Obj(MEMORY_SWAP)),
    def(f("containerLogMaxSize", Ty::Str), Def::Str("10Mi")),
    def(p("containerLogMaxFiles", Ty::Int32), Def::Int(5)),
    def(p("containerLogMaxWorkers", Ty::Int32), Def::Int(1)),
    def(p("containerLogMonitorInterval", Ty::Dur), Def::Dur(10 * S)),
    def(
        f("configMapAndSecretChangeDetectionStrategy", Ty::Str),
        Def::Str("Watch"),
    ),
    f("systemReserved", Ty::StrMap),
    f("kubeReserved", Ty::StrMap),
    f("reservedSystemCPUs", Ty::Str),
    f("showHiddenMetricsForVersion", Ty::Str),
    f("systemReservedCgroup", Ty::Str),
    f("kubeReservedCgroup", Ty::Str),
    def(
        f("enforceNodeAllocatable", Ty::StrList),
        Def::StrList(&["pods"]),
    ),
    f("allowedUnsafeSysctls", Ty::StrList),
    def(
        f("volumePluginDir", Ty::Str),
        Def::Str("/usr/libexec/kubernetes/kubelet-plugins/volume/exec/"),
    ),
    f("providerID", Ty::Str),
    f("kernelMemcgNotification", Ty::Bool),
    f("logging", Ty::Obj(LOGGING)),
    def(p("enableSystemLogHandler", Ty::Bool), Def::Bool(true)),
    p("enableSystemLogQuery", Ty::Bool),
    f("shutdownGracePeriod", Ty::Dur),
    f("shutdownGracePeriodCriticalPods", Ty::Dur),
    f(
        "shutdownGracePeriodByPodPriority",
        Ty::ObjList(SHUTDOWN_PRIORITY),
    ),
    since(f("crashLoopBackOff", Ty::Obj(CRASH_LOOP)), 32),
    f("reservedMemory", Ty::ObjList(RESERVED_MEMORY)),
    def(p("enableProfilingHandler", Ty::Bool), Def::Bool(true)),
    def(p("enableDebugFlagsHandler", Ty::Bool), Def::Bool(true)),
    p("seccompDefault", Ty::Bool),
    def(p("memoryThrottlingFactor", Ty::Float64), Def::Float(0.9)),
    def(
        since(f("memoryReservationPolicy", Ty::Str), 36),
        Def::Str("None"),
    ),
    f("registerWithTaints", Ty::ObjList(TAINT)),
    def(p("registerNode", Ty::Bool), Def::Bool(true)),
    p("tracing", Ty::Obj(TRACING)),
    def(
        p("localStorageCapacityIsolation", Ty::Bool),
        Def::Bool(true),
    ),
    def(
        f("containerRuntimeEndpoint", Ty::Str),
        Def::Str("unix:///run/containerd/containerd.sock"),
    ),
    f("imageServiceEndpoint", Ty::Str),
    def(p("failCgroupV1", Ty::Bool), Def::Computed),
    since(p("userNamespaces", Ty::Obj(USER_NAMESPACES)), 33),
];

/// Whether the dotted `path` names a KubeletConfiguration field (any key below a map field
/// counts). A `const fn`, so that [`field!`](crate::field) turns a misspelt path into a
/// compile error instead of a field that silently reads as zero.
pub const fn has_path(path: &str) -> bool {
    let b = path.as_bytes();
    let mut fields: &[Field] = KUBELET_CONFIGURATION;
    let mut start = 0;
    loop {
        let mut end = start;
        while end < b.len() && b[end] != b'.' {
            end += 1;
        }
        let mut i = 0;
        let mut found = None;
        while i < fields.len() {
            if segment_is(fields[i].name.as_bytes(), b, start, end) {
                found = Some(&fields[i]);
                break;
            }
            i += 1;
        }
        let Some(field) = found else {
            return false;
        };
        if end == b.len() {
            return true;
        }
        match field.ty {
            Ty::Obj(sub) | Ty::ObjList(sub) => {
                fields = sub;
                start = end + 1;
            }
            Ty::StrMap | Ty::BoolMap | Ty::StrListMap | Ty::QuantityMap => {
                return end + 1 < b.len();
            }
            _ => return false,
        }
    }
}

const fn segment_is(name: &[u8], path: &[u8], start: usize, end: usize) -> bool {
    if name.len() != end - start {
        return false;
    }
    let mut i = 0;
    while i < name.len() {
        if name[i] != path[start + i] {
            return false;
        }
        i += 1;
    }
    true
}

pub fn lookup(fields: &'static [Field], name: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.name == name)
}

/// Resolves a dotted path (`authentication.anonymous.enabled`) to its field.
pub fn field_at(path: &str) -> Option<&'static Field> {
    let mut fields = KUBELET_CONFIGURATION;
    let mut found = None;
    for part in path.split('.') {
        let fl = lookup(fields, part)?;
        found = Some(fl);
        if let Ty::Obj(sub) = fl.ty {
            fields = sub;
        }
    }
    found
}

/// The closest known name to `name` among `fields`: an exact case-insensitive match, else
/// a small edit distance (for typos such as `evictonHard`).
pub fn suggest(fields: &'static [Field], name: &str) -> Option<&'static str> {
    suggest_in(fields.iter().map(|f| f.name), name)
}

pub fn suggest_in<'s>(names: impl Iterator<Item = &'s str> + Clone, name: &str) -> Option<&'s str> {
    if let Some(n) = names.clone().find(|n| n.eq_ignore_ascii_case(name)) {
        return Some(n);
    }
    let lower = name.to_ascii_lowercase();
    let limit = match name.len() {
        0..=3 => 0,
        4..=6 => 1,
        7..=12 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        if n.len().abs_diff(name.len()) > limit {
            continue;
        }
        let d = levenshtein(&lower, &n.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}

/// Edit distance counting an adjacent transposition as one edit.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked_against_the_schema() {
        for ok in [
            "maxPods",
            "authentication.anonymous.enabled",
            "logging.options.json.infoBufferSize",
            "evictionHard.memory.available",
            "featureGates.AnyGate",
        ] {
            assert!(has_path(ok), "{ok}");
        }
        for bad in [
            "maxPod",
            "MaxPods",
            "authentication.anonymous",
            "authentication.anonymous.enabled.x",
            "authentication.anonymous.enable",
            "maxPods.x",
            "evictionHard",
            "",
            ".",
            "evictionHard.",
        ] {
            assert_eq!(
                has_path(bad),
                bad == "authentication.anonymous" || bad == "evictionHard",
                "{bad}"
            );
        }
    }

    /// The defaults that depend on other fields, gates or the release are computed by path in
    /// `defaults.rs` (a match arm cannot be a `field!`): every path named there must be a field
    /// marked `Def::Computed`, or that computation would never run.
    #[test]
    fn computed_defaults_name_computed_fields() {
        let source = include_str!("defaults.rs");
        let mut checked = 0;
        let lines: Vec<&str> = source.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = line.trim_start().strip_prefix('"') else {
                continue;
            };
            let Some((path, after)) = rest.split_once('"') else {
                continue;
            };
            let after = after.trim_start();
            // A pattern: `"path" =>`, or `"path"` with its guard on the next line.
            let guard_next = after.is_empty()
                && lines
                    .get(i + 1)
                    .is_some_and(|next| next.trim_start().starts_with("if "));
            if after.starts_with("=>") || after.starts_with("if ") || guard_next {
                let field = field_at(path).unwrap_or_else(|| panic!("{path:?} is not a field"));
                assert_eq!(field.default, Def::Computed, "{path}");
                checked += 1;
            }
        }
        let computed = count_computed(KUBELET_CONFIGURATION);
        assert_eq!(checked, computed, "every computed default has its arm");
    }

    fn count_computed(fields: &[Field]) -> usize {
        fields
            .iter()
            .map(|f| match f.ty {
                Ty::Obj(sub) | Ty::ObjList(sub) => count_computed(sub),
                _ => usize::from(f.default == Def::Computed),
            })
            .sum()
    }

    #[test]
    fn table_defaults_are_the_kubelets() {
        let default = |path: &str| field_at(path).map(|f| f.default);
        assert_eq!(default("port"), Some(Def::Int(10250)));
        assert_eq!(
            default("authentication.webhook.enabled"),
            Some(Def::Bool(true))
        );
        assert_eq!(default("authorization.mode"), Some(Def::Str("Webhook")));
        assert_eq!(default("syncFrequency"), Some(Def::Dur(60 * S)));
        assert_eq!(
            default("enforceNodeAllocatable"),
            Some(Def::StrList(&["pods"]))
        );
        assert_eq!(default("staticPodPath"), Some(Def::Zero));
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest(KUBELET_CONFIGURATION, "MaxPods"), Some("maxPods"));
        assert_eq!(
            suggest(KUBELET_CONFIGURATION, "evictonHard"),
            Some("evictionHard")
        );
        assert_eq!(
            suggest(KUBELET_CONFIGURATION, "evictionHrad"),
            Some("evictionHard")
        );
        assert_eq!(
            suggest(KUBELET_CONFIGURATION, "cgroupDriverr"),
            Some("cgroupDriver")
        );
        assert_eq!(suggest(KUBELET_CONFIGURATION, "metadata"), None);
        assert_eq!(suggest(AUTHENTICATION, "anonymus"), Some("anonymous"));
    }

    #[test]
    fn paths_resolve() {
        assert_eq!(
            field_at("authentication.anonymous.enabled").map(|f| f.ty),
            Some(Ty::Bool)
        );
        assert!(field_at("authentication.anonymous.enabled").unwrap().ptr);
        assert!(field_at("nope").is_none());
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = KUBELET_CONFIGURATION.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len());
    }
}
