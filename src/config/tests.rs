//! Engine tests: one failing and one passing case per rule, positions, hostile input, the
//! real-world corpus and the output snapshots.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;

const H: &str = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

fn opts(minor: u8) -> LintOptions {
    LintOptions {
        kubelet_version: KubeletVersion { minor },
        ..LintOptions::default()
    }
}

fn lint_at(src: &str, minor: u8) -> FileReport {
    lint_source("test.yaml", src.as_bytes(), &opts(minor))
        .unwrap_or_else(|e| panic!("source error {e} for:\n{src}"))
}

fn doc(body: &str) -> String {
    if let Some(raw) = body.strip_prefix("RAW:") {
        raw.to_string()
    } else {
        format!("{H}{body}\n")
    }
}

/// (code, minor version, failing body, passing body). Bodies are appended to a valid header
/// unless they start with `RAW:`.
const CASES: &[(Code, u8, &str, &str)] = &[
    (Code::KL001, 36, "RAW:apiVersion: x\nkind: [\n", ""),
    (Code::KL002, 36, "RAW:kind: KubeletConfiguration\n", ""),
    (
        Code::KL003,
        36,
        "RAW:apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n",
        "",
    ),
    (
        Code::KL004,
        36,
        "RAW:apiVersion: kubelet.config.k8s.io/v1beta1\nmaxPods: 10\n",
        "",
    ),
    (
        Code::KL005,
        36,
        "RAW:apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfig\n",
        "",
    ),
    (Code::KL006, 36, "maxPods: \"110\"", "maxPods: 110"),
    (
        Code::KL007,
        36,
        "syncFrequency: 5 minutes",
        "syncFrequency: 5m",
    ),
    (
        Code::KL008,
        36,
        "reservedMemory:\n- numaNode: 0\n  limits:\n    memory: 1GB",
        "reservedMemory:\n- numaNode: 0\n  limits:\n    memory: 1Gi",
    ),
    (Code::KL009, 36, "MaxPods: 110", "maxPods: 110"),
    (
        Code::KL010,
        36,
        "maxPods: 100\nmaxPods: 110",
        "maxPods: 110",
    ),
    (
        Code::KL011,
        36,
        "maxPods: 110\n---\nmaxPods: 10",
        "maxPods: 110",
    ),
    (Code::KL012, 36, "maxPods: 0110", "maxPods: 110"),
    (Code::KL013, 36, "failSwapOn: no", "failSwapOn: false"),
    (Code::KL014, 36, "maxPods:", "maxPods: 110"),
    (
        Code::KL015,
        32,
        "mergeDefaultEvictionSettings: true",
        "maxPods: 110",
    ),
    (Code::KL101, 36, "maxPods: -1", "maxPods: 0"),
    (Code::KL102, 36, "port: 70000", "port: 10250"),
    (Code::KL103, 36, "oomScoreAdj: -2000", "oomScoreAdj: -999"),
    (
        Code::KL104,
        36,
        "containerLogMonitorInterval: 1s",
        "containerLogMonitorInterval: 3s",
    ),
    (
        Code::KL105,
        36,
        "imageGCLowThresholdPercent: 90",
        "imageGCLowThresholdPercent: 70",
    ),
    (
        Code::KL106,
        36,
        "imageMaximumGCAge: 1m",
        "imageMaximumGCAge: 168h",
    ),
    (
        Code::KL107,
        36,
        "systemCgroups: /system.slice",
        "systemCgroups: /system.slice\ncgroupRoot: /",
    ),
    (
        Code::KL108,
        36,
        "maxParallelImagePulls: 5\nserializeImagePulls: true",
        "maxParallelImagePulls: 5",
    ),
    (
        Code::KL109,
        36,
        "qosReserved:\n  memory: 50%",
        "featureGates:\n  QOSReserved: true\nqosReserved:\n  memory: 50%",
    ),
    (Code::KL110, 36, "runOnce: true", "runOnce: false"),
    (
        Code::KL111,
        36,
        "registerWithTaints:\n- key: a b\n  effect: NoSchedule",
        "registerWithTaints:\n- key: dedicated\n  value: gpu\n  effect: NoSchedule",
    ),
    (
        Code::KL112,
        36,
        "hairpinMode: promiscuous",
        "hairpinMode: hairpin-veth",
    ),
    (
        Code::KL113,
        36,
        "shutdownGracePeriod: 30s\nshutdownGracePeriodCriticalPods: 60s",
        "shutdownGracePeriod: 60s\nshutdownGracePeriodCriticalPods: 30s",
    ),
    (
        Code::KL114,
        36,
        "enforceNodeAllocatable: [pods, kube-reserved]",
        "enforceNodeAllocatable: [pods, kube-reserved]\nkubeReservedCgroup: /kube.slice",
    ),
    (
        Code::KL115,
        36,
        "preloadedImagesVerificationAllowlist: [registry.k8s.io/pause]",
        "imagePullCredentialsVerificationPolicy: NeverVerifyAllowlistedImages\npreloadedImagesVerificationAllowlist: [registry.k8s.io/pause]",
    ),
    (
        Code::KL116,
        36,
        "reservedSystemCPUs: 0-a",
        "reservedSystemCPUs: 0-1",
    ),
    (
        Code::KL117,
        36,
        "reservedMemory:\n- numaNode: 0\n  limits:\n    cpu: \"1\"",
        "reservedMemory:\n- numaNode: 0\n  limits:\n    memory: 1Gi",
    ),
    (
        Code::KL118,
        36,
        "showHiddenMetricsForVersion: \"1.30\"",
        "showHiddenMetricsForVersion: \"1.35\"",
    ),
    (
        Code::KL119,
        36,
        "logging:\n  vmodule:\n  - filePattern: \"\"\n    verbosity: 4",
        "logging:\n  vmodule:\n  - filePattern: kubelet*\n    verbosity: 4",
    ),
    (
        Code::KL120,
        36,
        "tracing:\n  endpoint: \"local host:4317\"",
        "tracing:\n  endpoint: localhost:4317",
    ),
    (
        Code::KL121,
        36,
        "enableSystemLogQuery: true\nenableSystemLogHandler: false",
        "enableSystemLogQuery: true",
    ),
    (
        Code::KL122,
        36,
        "podLogsDir: /var/log/pods/",
        "podLogsDir: /var/log/pods",
    ),
    (
        Code::KL201,
        36,
        "evictionHard:\n  memory.availble: 100Mi",
        "evictionHard:\n  memory.available: 100Mi",
    ),
    (
        Code::KL202,
        36,
        "evictionHard:\n  memory.available: \"<100Mi\"",
        "evictionHard:\n  memory.available: 100Mi",
    ),
    (
        Code::KL203,
        36,
        "evictionSoft:\n  memory.available: 200Mi",
        "evictionSoft:\n  memory.available: 200Mi\nevictionSoftGracePeriod:\n  memory.available: 90s",
    ),
    (
        Code::KL204,
        36,
        "evictionSoftGracePeriod:\n  memory.available: \"90\"",
        "evictionSoftGracePeriod:\n  memory.available: 90s",
    ),
    (
        Code::KL205,
        36,
        "evictionMinimumReclaim:\n  memory.available: 0%",
        "evictionMinimumReclaim:\n  memory.available: 5%",
    ),
    (
        Code::KL206,
        36,
        "kubeReserved:\n  gpu: \"1\"",
        "kubeReserved:\n  cpu: 100m",
    ),
    (
        Code::KL207,
        36,
        "tlsCipherSuites: [TLS_FOO]",
        "tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
    ),
    (
        Code::KL208,
        36,
        "tlsMinVersion: TLS12",
        "tlsMinVersion: VersionTLS12",
    ),
    (
        Code::KL209,
        36,
        "featureGates:\n  QOSReserved: true\nqosReserved:\n  memory: 150%",
        "featureGates:\n  QOSReserved: true\nqosReserved:\n  memory: 50%",
    ),
    (
        Code::KL210,
        36,
        "containerLogMaxSize: 10MB",
        "containerLogMaxSize: 10Mi",
    ),
    (
        Code::KL211,
        36,
        "tlsCurvePreferences: [29, 23, 29]",
        "tlsCurvePreferences: [4588, 29, 23]",
    ),
    (
        Code::KL301,
        36,
        "featureGates:\n  NodeSwapp: true",
        "featureGates:\n  MemoryQoS: true",
    ),
    (
        Code::KL302,
        36,
        "featureGates:\n  NodeSwap: false",
        "featureGates:\n  GracefulNodeShutdown: false",
    ),
    (
        Code::KL303,
        36,
        "featureGates:\n  NodeSwap: true",
        "featureGates:\n  MemoryQoS: true",
    ),
    (
        Code::KL304,
        36,
        "featureGates:\n  GracefulNodeShutdown: false",
        "featureGates:\n  GracefulNodeShutdown: false\n  GracefulNodeShutdownBasedOnPodPriority: false\n  WindowsGracefulNodeShutdown: false",
    ),
    (
        Code::KL401,
        36,
        "authentication:\n  anonymous:\n    enabled: true",
        "authentication:\n  anonymous:\n    enabled: false",
    ),
    (
        Code::KL402,
        36,
        "authorization:\n  mode: AlwaysAllow",
        "authorization:\n  mode: Webhook",
    ),
    (
        Code::KL403,
        36,
        "",
        "authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt",
    ),
    (Code::KL404, 36, "readOnlyPort: 10255", "readOnlyPort: 0"),
    (
        Code::KL405,
        36,
        "makeIPTablesUtilChains: false",
        "makeIPTablesUtilChains: true",
    ),
    (Code::KL406, 36, "", "serverTLSBootstrap: true"),
    (Code::KL407, 36, "", "rotateCertificates: true"),
    (
        Code::KL408,
        36,
        "featureGates:\n  RotateKubeletServerCertificate: false",
        "featureGates:\n  RotateKubeletServerCertificate: true",
    ),
    (
        Code::KL409,
        36,
        "tlsCipherSuites: [TLS_RSA_WITH_AES_128_CBC_SHA]",
        "tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
    ),
    (Code::KL410, 36, "", "podPidsLimit: 4096"),
    (Code::KL411, 36, "", "seccompDefault: true"),
    (
        Code::KL412,
        36,
        "evictionHard:\n  memory.available: 100Mi",
        "evictionHard:\n  memory.available: 100Mi\nmergeDefaultEvictionSettings: true",
    ),
    (
        Code::KL413,
        36,
        "evictionHard:\n  memory.available: 0%\nmergeDefaultEvictionSettings: true",
        "evictionHard:\n  memory.available: 100Mi\nmergeDefaultEvictionSettings: true",
    ),
    (
        Code::KL414,
        36,
        "evictionHard:\n  containerfs.available: 10%\nmergeDefaultEvictionSettings: true",
        "evictionHard:\n  nodefs.available: 10%\nmergeDefaultEvictionSettings: true",
    ),
    (
        Code::KL415,
        36,
        "healthzBindAddress: 0.0.0.0",
        "healthzBindAddress: 127.0.0.1",
    ),
    (
        Code::KL416,
        36,
        "imageGCHighThresholdPercent: 90",
        "imageGCHighThresholdPercent: 84\nimageGCLowThresholdPercent: 70",
    ),
    (
        Code::KL417,
        36,
        "staticPodURLHeader:\n  Authorization: [\"Bearer s3cr3t\"]",
        "staticPodURLHeader:\n  X-Request-Source: [kubelet]",
    ),
    (
        Code::KL418,
        36,
        "kubeReserved:\n  memory: 100m",
        "kubeReserved:\n  memory: 100Mi",
    ),
    (
        Code::KL419,
        36,
        "tlsMinVersion: VersionTLS10",
        "tlsMinVersion: VersionTLS12",
    ),
    (Code::KL420, 36, "", "protectKernelDefaults: true"),
    (
        Code::KL421,
        36,
        "singleProcessOOMKill: false",
        "singleProcessOOMKill: true",
    ),
    (Code::KL501, 36, "iptablesMasqueradeBit: 14", ""),
];

#[test]
fn every_rule_has_a_failing_and_a_passing_case() {
    for r in rules() {
        assert!(
            CASES.iter().any(|c| c.0 == r.code),
            "no test case for {} ({})",
            r.code,
            r.name
        );
    }
    for &(code, minor, fail, pass) in CASES {
        let bad = lint_at(&doc(fail), minor);
        assert!(
            bad.codes().contains(&code),
            "{code} should fire for:\n{}\ngot {:?}",
            doc(fail),
            bad.diagnostics
        );
        let d = bad.diagnostics.iter().find(|d| d.code == code).unwrap();
        assert_eq!(d.severity, code.rule().severity, "{code}");
        assert!(d.start.is_some(), "{code} has no position");
        let good = lint_at(&doc(pass), minor);
        assert!(
            !good.codes().contains(&code),
            "{code} should not fire for:\n{}\ngot {:?}",
            doc(pass),
            good.diagnostics
        );
    }
}

#[test]
fn defaults_alone_produce_no_errors() {
    let r = lint_at(H, 36);
    assert!(!r.has_errors(false), "{:?}", r.diagnostics);
    assert!(r.has_errors(true), "CIS warnings make --strict fail");
    for minor in OLDEST_MINOR..=NEWEST_MINOR {
        assert!(!lint_at(H, minor).has_errors(false), "1.{minor}");
    }
}

fn find(r: &FileReport, code: Code) -> &Diagnostic {
    r.diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", r.diagnostics))
}

fn pos(d: &Diagnostic) -> (u32, u32) {
    let s = d.start.unwrap();
    (s.line, s.column)
}

#[test]
fn positions_for_keys_and_values_block_and_flow() {
    let r = lint_at(
        &format!(
            "{H}evictionHard: {{memory.available: \"<1Mi\", nodefs.available: 10%}}\nauthentication:\n  anonymous:\n    enabled: true\nMaxPods: 3\n"
        ),
        36,
    );
    assert_eq!(pos(find(&r, Code::KL202)), (3, 34));
    assert_eq!(pos(find(&r, Code::KL401)), (6, 14));
    assert_eq!(pos(find(&r, Code::KL009)), (7, 1));
    let d = find(&r, Code::KL009);
    assert_eq!(d.end.map(|e| e.column), Some(8));
    let r = lint_at(
        &format!(
            "{H}tlsCipherSuites:\n  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n  - TLS_RSA_WITH_RC4_128_SHA\n"
        ),
        36,
    );
    assert_eq!(pos(find(&r, Code::KL409)), (5, 5));
}

#[test]
fn positions_survive_crlf_bom_and_unicode() {
    let src = format!("\u{feff}{}maxPods: \"110\"\r\n", H.replace('\n', "\r\n"));
    let r = lint_at(&src, 36);
    assert_eq!(pos(find(&r, Code::KL006)), (3, 10));
    let src = format!("{H}# é comment\nproviderID: \"é\"\nMaxPods: 1\n");
    let r = lint_at(&src, 36);
    assert_eq!(pos(find(&r, Code::KL009)), (5, 1));
    let src = format!("{H}clusterDomain: é\nreadOnlyPort: 10255 # é\n");
    assert_eq!(pos(find(&lint_at(&src, 36), Code::KL404)), (4, 15));
}

#[test]
fn positions_in_json() {
    let src = "{\n  \"apiVersion\": \"kubelet.config.k8s.io/v1beta1\",\n  \"kind\": \"KubeletConfiguration\",\n  \"maxPods\": 110.0,\n  \"readOnlyPort\": 10255\n}\n";
    let r = lint_source("c.json", src.as_bytes(), &LintOptions::default()).unwrap();
    assert_eq!(r.kind, InputKind::Json);
    assert_eq!(
        pos(find(&r, Code::KL006)),
        (4, 14),
        "JSON keeps 110.0 a float, which int32 refuses"
    );
    let src = src.replace("110.0", "110");
    let r = lint_source("c.json", src.as_bytes(), &LintOptions::default()).unwrap();
    assert_eq!(pos(find(&r, Code::KL404)), (5, 19));
}

#[test]
fn yaml_floats_that_are_integral_are_accepted() {
    for v in ["110.0", "1.1e2", "0x6e"] {
        let r = lint_at(&format!("{H}maxPods: {v}\n"), 36);
        assert!(
            !r.codes().contains(&Code::KL006),
            "{v}: {:?}",
            r.diagnostics
        );
    }
    for v in ["1.5", "3000000000", "\"110\"", "true"] {
        assert!(
            lint_at(&format!("{H}maxPods: {v}\n"), 36)
                .codes()
                .contains(&Code::KL006),
            "{v}"
        );
    }
}

#[test]
fn type_errors_are_fatal_and_stop_validation() {
    let r = lint_at(&format!("{H}maxPods: \"110\"\nport: 70000\n"), 36);
    assert!(r.codes().contains(&Code::KL006));
    assert!(
        !r.codes().contains(&Code::KL102),
        "validation does not run after a decode error"
    );
    let d = find(&r, Code::KL006);
    assert_eq!(
        d.kubelet.as_deref(),
        Some(
            "failed to decode: json: cannot unmarshal string into Go struct field KubeletConfiguration.maxPods of type int32"
        )
    );
    assert_eq!(d.help.as_deref(), Some("remove the quotes: 110"));
}

#[test]
fn yaml11_booleans_in_string_positions_are_type_errors() {
    let r = lint_at(&format!("{H}evictionHard:\n  memory.available: on\n"), 36);
    let d = find(&r, Code::KL006);
    assert!(d.help.as_deref().unwrap().contains("YAML 1.1"), "{d:?}");
    let r = lint_at(
        &format!("{H}cpuManagerPolicyOptions:\n  full-pcpus-only: true\n"),
        36,
    );
    assert!(r.codes().contains(&Code::KL006));
}

#[test]
fn unknown_nested_fields_and_suggestions() {
    let r = lint_at(
        &format!(
            "{H}authentication:\n  anonymus:\n    enabled: false\nevictonHard: {{}}\nmetadata:\n  name: x\n"
        ),
        36,
    );
    let helps: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::KL009)
        .map(|d| (d.field.clone().unwrap(), d.help.clone().unwrap()))
        .collect();
    assert!(
        helps
            .iter()
            .any(|(f, h)| f == "authentication.anonymus" && h.contains("`anonymous`")),
        "{helps:?}"
    );
    assert!(
        helps
            .iter()
            .any(|(f, h)| f == "evictonHard" && h.contains("`evictionHard`"))
    );
    assert!(
        helps
            .iter()
            .any(|(f, h)| f == "metadata" && h.contains("no metadata"))
    );
}

#[test]
fn duplicates_and_merge_keys() {
    let r = lint_at(&format!("{H}maxPods: 1\nmaxPods: 2\nport: 7\n"), 36);
    let d = find(&r, Code::KL010);
    assert_eq!(pos(d), (3, 1), "the ignored (earlier) key is reported");
    let r = lint_at(
        &format!(
            "{H}x-base: &b\n  enabled: true\nauthentication:\n  anonymous:\n    <<: *b\n    enabled: false\n"
        ),
        36,
    );
    assert!(r.codes().contains(&Code::KL010), "{:?}", r.diagnostics);
    assert!(
        !r.codes().contains(&Code::KL401),
        "the explicit false overrides the merged true"
    );
    let r = lint_at(
        &format!("{H}x-anon: &a {{enabled: true}}\nauthentication:\n  anonymous: *a\n"),
        36,
    );
    assert!(r.codes().contains(&Code::KL401), "aliases are expanded");
}

#[test]
fn defaults_take_part_in_checks() {
    // only the high threshold written: low default 80 participates.
    let r = lint_at(&format!("{H}imageGCHighThresholdPercent: 75\n"), 36);
    assert!(
        find(&r, Code::KL105)
            .message
            .contains("low threshold is the default"),
        "{:?}",
        find(&r, Code::KL105)
    );
    // explicit zero in a non-pointer field is replaced by the default.
    assert!(!lint_at(&format!("{H}port: 0\nsyncFrequency: 0s\n"), 36).has_errors(false));
    // explicit zero in a pointer field is kept.
    assert!(
        lint_at(&format!("{H}containerLogMaxWorkers: 0\n"), 36)
            .codes()
            .contains(&Code::KL103)
    );
    // serializeImagePulls follows maxParallelImagePulls when omitted.
    assert!(!lint_at(&format!("{H}maxParallelImagePulls: 3\n"), 36).has_errors(false));
    // evictionHard: {} drops everything.
    assert!(
        find(
            &lint_at(&format!("{H}evictionHard: {{}}\n"), 36),
            Code::KL412
        )
        .message
        .contains("disables all hard eviction")
    );
}

#[test]
fn partial_eviction_compares_with_the_windows_defaults_on_windows_configs() {
    const WIN: &str = "cgroupsPerQOS: false\nenforceNodeAllocatable: []\n";
    // Both Windows defaults given: nothing dropped on Windows, four signals dropped on Linux.
    let both = "evictionHard:\n  memory.available: 500Mi\n  nodefs.available: 10%\n";
    assert!(
        !lint_at(&format!("{H}{WIN}{both}"), 36)
            .codes()
            .contains(&Code::KL412)
    );
    let linux = find(&lint_at(&format!("{H}{both}"), 36), Code::KL412)
        .message
        .clone();
    assert!(
        linux.contains("imagefs.available (15%)") && !linux.contains("Windows"),
        "{linux}"
    );
    // Only memory on Windows: nodefs.available is dropped, and the message says why Windows.
    let win = find(
        &lint_at(
            &format!("{H}{WIN}evictionHard:\n  memory.available: 1Gi\n"),
            36,
        ),
        Code::KL412,
    )
    .message
    .clone();
    assert!(
        win.contains("nodefs.available (10%)") && win.contains("Windows"),
        "{win}"
    );
    assert!(!win.contains("imagefs"), "{win}");
    // One of the two hints alone is not enough to call it Windows.
    let half = find(
        &lint_at(&format!("{H}cgroupsPerQOS: false\n{both}"), 36),
        Code::KL412,
    )
    .message
    .clone();
    assert!(!half.contains("Windows"), "{half}");
}

#[test]
fn feature_gate_dependencies_follow_component_base() {
    // Switching off a gate that default-on gates depend on: one error per dependent (1.35+).
    let body = format!("{H}featureGates:\n  GracefulNodeShutdown: false\n");
    let r = lint_at(&body, 36);
    let deps: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::KL304)
        .collect();
    assert_eq!(deps.len(), 2, "{deps:?}");
    assert_eq!(
        deps[0].kubelet.as_deref(),
        Some(
            "GracefulNodeShutdownBasedOnPodPriority is enabled, but depends on features that are disabled: [GracefulNodeShutdown]"
        )
    );
    assert_eq!(
        pos(deps[0]).0,
        4,
        "points at the gate the user switched off"
    );
    assert!(
        !lint_at(&body, 34).codes().contains(&Code::KL304),
        "no dependency checks before 1.35"
    );
    // Enabling an alpha gate without its alpha dependency.
    let body = format!("{H}featureGates:\n  InPlacePodLevelResourcesVerticalScaling: true\n");
    let r = lint_at(&body, 36);
    let d = find(&r, Code::KL304);
    assert!(
        d.kubelet
            .as_deref()
            .unwrap()
            .ends_with("[NodeDeclaredFeatures]"),
        "{d:?}"
    );
    let ok = format!("{body}  NodeDeclaredFeatures: true\n");
    assert!(!lint_at(&ok, 36).codes().contains(&Code::KL304));
    // component-base reports unknown or locked gates first and stops there.
    let body = format!("{H}featureGates:\n  GracefulNodeShutdown: false\n  NodeSwap: false\n");
    assert!(!lint_at(&body, 36).codes().contains(&Code::KL304));
}

#[test]
fn tls_curve_preferences_follow_cliflag() {
    let msg = |list: &str| {
        let r = lint_at(&format!("{H}tlsCurvePreferences: {list}\n"), 36);
        let ds: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::KL211)
            .collect();
        assert!(
            ds.len() <= 1,
            "cliflag stops at the first bad entry: {ds:?}"
        );
        ds.first().and_then(|d| d.kubelet.clone())
    };
    assert_eq!(
        msg("[0]").as_deref(),
        Some("curve preference 0 is out of range (must be 1-65535)")
    );
    assert_eq!(
        msg("[70000, 1]").as_deref(),
        Some("curve preference 70000 is out of range (must be 1-65535)")
    );
    assert_eq!(
        msg("[23, 23]").as_deref(),
        Some("duplicate curve preference 23")
    );
    assert_eq!(
        msg("[22]").as_deref(),
        Some("curve preference 22 is not supported by the current Go version")
    );
    assert_eq!(msg("[23, 24, 25, 29, 4588]"), None);
    assert_eq!(msg("[]"), None);
}

#[test]
fn logging_and_tracing_follow_component_base() {
    let kubelet = |body: &str, code: Code| {
        let r = lint_at(&format!("{H}{body}\n"), 36);
        r.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| d.kubelet.clone())
            .collect::<Vec<_>>()
    };
    // Text and JSON output routing both need LoggingAlphaOptions; no "invalid configuration".
    assert_eq!(
        kubelet(
            "logging:\n  options:\n    json:\n      splitStream: true",
            Code::KL119
        ),
        ["logging.options.json.splitStream: Forbidden: Feature LoggingAlphaOptions is disabled"]
    );
    assert!(kubelet("featureGates:\n  LoggingAlphaOptions: true\nlogging:\n  options:\n    json:\n      splitStream: true\n      infoBufferSize: 1Mi", Code::KL119).is_empty());
    assert!(
        kubelet(
            "logging:\n  options:\n    text:\n      infoBufferSize: 0",
            Code::KL119
        )
        .is_empty()
    );
    assert_eq!(
        kubelet(
            "featureGates:\n  LoggingBetaOptions: false\nlogging:\n  format: json",
            Code::KL119
        ),
        ["logging.format: Forbidden: Log format json is disabled, see LoggingBetaOptions feature"]
    );
    assert_eq!(
        kubelet(
            "logging:\n  format: json\n  vmodule:\n  - filePattern: \"a=b\"\n    verbosity: 4",
            Code::KL119
        ),
        [
            "logging.vmodule: Forbidden: Only supported for text log format",
            "logging.vmodule[0]: Invalid value: \"a=b\": File pattern must not contain equal sign or comma"
        ]
    );
    assert_eq!(
        kubelet("logging:\n  vmodule:\n  - verbosity: 4", Code::KL119),
        ["logging.vmodule[0]: Required value: File pattern must not be empty"]
    );
    // Tracing endpoints: gRPC targets, `dns://` is implied.
    for ok in [
        "localhost:4317",
        "",
        "dns:///collector:4317",
        "unix:///run/otel.sock",
        "otel.monitoring.svc:4317",
    ] {
        assert!(
            kubelet(&format!("tracing:\n  endpoint: {ok:?}"), Code::KL120).is_empty(),
            "{ok}"
        );
    }
    assert_eq!(
        kubelet("tracing:\n  endpoint: http://collector:4318", Code::KL120),
        [
            "tracing.endpoint: Invalid value: \"http://collector:4318\": unsupported scheme: http.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md"
        ]
    );
    assert_eq!(
        kubelet("tracing:\n  endpoint: localhost:otlp", Code::KL120),
        [
            "tracing.endpoint: Invalid value: \"dns://localhost:otlp\": parse \"dns://localhost:otlp\": invalid port \":otlp\" after host"
        ]
    );
    // KubeletTracing could be switched off up to 1.33.
    let body = format!(
        "{H}featureGates:\n  KubeletTracing: false\ntracing:\n  samplingRatePerMillion: 100\n"
    );
    let r = lint_at(&body, 33);
    assert_eq!(
        find(&r, Code::KL109).kubelet.as_deref(),
        Some(
            "invalid configuration: tracing should not be configured if KubeletTracing feature flag is disabled."
        )
    );
}

#[test]
fn version_differences() {
    let body = format!("{H}cpuCFSQuotaPeriod: 50ms\n");
    assert!(
        lint_at(&body, 35).codes().contains(&Code::KL109),
        "CustomCPUCFSQuotaPeriod is off before 1.36"
    );
    assert!(!lint_at(&body, 36).codes().contains(&Code::KL109));
    let body = format!("{H}enableSystemLogQuery: true\n");
    assert!(lint_at(&body, 35).codes().contains(&Code::KL109));
    assert!(!lint_at(&body, 36).has_errors(false));
    let body = format!("{H}crashLoopBackOff:\n  maxContainerRestartPeriod: 60s\n");
    assert!(lint_at(&body, 34).codes().contains(&Code::KL109));
    assert!(lint_at(&body, 31).codes().contains(&Code::KL015));
    assert!(!lint_at(&body, 35).has_errors(false));
    let body = format!("{H}featureGates:\n  AppArmor: true\n");
    assert!(lint_at(&body, 32).codes().contains(&Code::KL303));
    assert!(lint_at(&body, 33).codes().contains(&Code::KL301));
    assert!("1.34".parse::<KubeletVersion>().is_ok());
    assert_eq!("v1.33.2-eks-1".parse::<KubeletVersion>().unwrap().minor, 33);
    assert!("1.20".parse::<KubeletVersion>().is_err());
    assert!("2.1".parse::<KubeletVersion>().is_err());
}

#[test]
fn source_errors() {
    let o = LintOptions::default();
    assert!(matches!(
        lint_source("e", b"", &o),
        Err(SourceError::Empty(_))
    ));
    for not_kc in [
        "# only a comment\n",
        "---\n---\n",
        "- a\n- b\n",
        "just text\n",
        "apiVersion: apps/v1\nkind: Deployment\n",
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n",
    ] {
        assert!(
            matches!(
                lint_source("x", not_kc.as_bytes(), &o),
                Err(SourceError::NotKubeletConfiguration { .. })
            ),
            "{not_kc:?}"
        );
    }
}

#[test]
fn hostile_input_is_refused_quickly() {
    let o = LintOptions::default();
    let t = Instant::now();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    assert!(matches!(
        lint_source("bomb", bomb.as_bytes(), &o),
        Err(SourceError::ExcessiveAliasing { .. })
    ));
    let big = vec![b'#'; 100 * 1024 * 1024];
    assert!(matches!(
        lint_source("big", &big, &o),
        Err(SourceError::TooLarge { .. })
    ));
    let deep = format!("{H}x: {}", "[".repeat(1_000_000));
    assert!(matches!(
        lint_source("deep", deep.as_bytes(), &o),
        Err(SourceError::TooDeep { .. })
    ));
    let deep_json = format!("{{\"a\": {}", "{\"a\": ".repeat(100_000));
    assert!(matches!(
        lint_source("deep.json", deep_json.as_bytes(), &o),
        Err(SourceError::TooDeep { .. })
    ));
    assert!(matches!(
        lint_source("bad", b"apiVersion: \xc3\x28\n", &o),
        Err(SourceError::InvalidUtf8 {
            line: 1,
            col: 13,
            ..
        })
    ));
    let mut garbage = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..65536 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    assert!(lint_source("garbage", &garbage, &o).is_err());
    let nul = format!("{H}maxPods: 1\0\n");
    assert!(matches!(
        lint_source("nul", nul.as_bytes(), &o),
        Err(SourceError::Binary { .. })
    ));
    // Many keys near the size cap still finish fast.
    let mut wide = String::from(H);
    while wide.len() < 2 * 1024 * 1024 {
        wide.push_str(&format!("k{}: v\n", wide.len()));
    }
    let r = lint_source("wide", wide.as_bytes(), &o);
    assert!(r.is_ok() || r.is_err());
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "hostile inputs took {:?}",
        t.elapsed()
    );
}

#[test]
fn fuzz_like_mutations_never_panic() {
    let base = std::fs::read_to_string(fixture("corpus/kubeadm.yaml")).unwrap();
    let bytes = base.as_bytes();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    for i in 0..3000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut m = bytes.to_vec();
        let n = (x % 4) as usize + 1;
        for k in 0..n {
            let at = ((x >> (k * 8)) as usize).wrapping_add(i) % m.len();
            const ALPHABET: &[u8] = b"{}[]:-&*!|>'\"#%@`,?\n\t 0aZ";
            let b = ALPHABET[((x >> (k * 5 + 3)) as usize) % ALPHABET.len()];
            match (x >> (k + 40)) % 3 {
                0 => m[at] = b,
                1 => m.insert(at, b),
                _ => {
                    m.remove(at);
                }
            }
        }
        let _ = lint_source("m", &m, &LintOptions::default());
    }
}

#[test]
fn credentials_are_never_printed() {
    let r = lint_at(
        &format!(
            "{H}staticPodURLHeader:\n  Authorization: [\"Bearer s3cr3t-token\"]\n  X-Api-Key: [\"k3y\"]\n"
        ),
        36,
    );
    for f in render::OutputFormat::ALL {
        let mut out = Vec::new();
        render(std::slice::from_ref(&r), f, false, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("KL417"), "{f}");
        assert!(
            !s.contains("s3cr3t") && !s.contains("k3y"),
            "{f} leaks a credential:\n{s}"
        );
    }
}

#[test]
fn untrusted_text_is_escaped_in_human_formats() {
    let src = format!("{H}\"evil\\e[31m\\u202e\": 1\n");
    let r = lint_at(&src, 36);
    for f in [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Github,
    ] {
        let mut out = Vec::new();
        render(std::slice::from_ref(&r), f, false, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            !s.contains('\u{1b}') && !s.contains('\u{202e}'),
            "{f}: {s:?}"
        );
    }
}

#[test]
fn select_ignore_and_strict() {
    let src = doc("readOnlyPort: 10255\nmaxPods: -1");
    let mut o = LintOptions {
        select: vec!["KL4".into()],
        ..LintOptions::default()
    };
    let r = lint_source("t", src.as_bytes(), &o).unwrap();
    assert!(r.codes().iter().all(|c| c.as_str().starts_with("KL4")));
    assert!(!r.has_errors(false) && r.has_errors(true));
    o.select.clear();
    o.ignore = vec!["negative-value".into()];
    let r = lint_source("t", src.as_bytes(), &o).unwrap();
    assert!(!r.codes().contains(&Code::KL101));
}

#[test]
fn configz_is_linted_without_type_meta() {
    let body = br#"{"kubeletconfig":{"enableServer":true,"readOnlyPort":10255,"podPidsLimit":-1,"authentication":{"anonymous":{"enabled":false},"x509":{"clientCAFile":"/etc/kubernetes/pki/ca.crt"}},"evictionHard":{"memory.available":"100Mi"},"syncFrequency":"1m0s","someFutureField":1}}"#;
    let r = lint_configz("node-a", body, &LintOptions::default()).unwrap();
    assert_eq!(r.kind, InputKind::Configz);
    let codes = r.codes();
    assert!(codes.contains(&Code::KL404) && codes.contains(&Code::KL410));
    assert!(
        !codes.contains(&Code::KL009)
            && !codes.contains(&Code::KL412)
            && !codes.contains(&Code::KL002),
        "{codes:?}"
    );
    assert!(lint_configz("x", br#"{"foo":1}"#, &LintOptions::default()).is_err());
}

#[test]
fn diff_against_live_config() {
    let file = doc("maxPods: 50\nreadOnlyPort: 0\nevictionHard:\n  memory.available: 200Mi");
    let live = br#"{"kubeletconfig":{"maxPods":50,"readOnlyPort":10255,"syncFrequency":"1m0s","evictionHard":{"memory.available":"500Mi"}}}"#;
    let d = diff(file.as_bytes(), live, &LintOptions::default()).unwrap();
    let fields: Vec<_> = d.iter().map(|e| e.field.as_str()).collect();
    assert!(
        fields.contains(&"readOnlyPort") && fields.contains(&"evictionHard.memory.available"),
        "{d:?}"
    );
    assert!(
        !fields.contains(&"maxPods") && !fields.contains(&"syncFrequency"),
        "{d:?}"
    );
    let ro = d.iter().find(|e| e.field == "readOnlyPort").unwrap();
    assert_eq!(
        (ro.file.as_deref(), ro.live.as_deref()),
        (Some("0"), Some("10255"))
    );
}

#[test]
fn diff_never_shows_credentials() {
    let file =
        doc("staticPodURLHeader:\n  Authorization: [\"Bearer old-s3cr3t\"]\n  X-Source: [a]");
    let live = br#"{"kubeletconfig":{"staticPodURLHeader":{"Authorization":["Bearer new-s3cr3t"],"X-Source":["b"]}}}"#;
    let d = diff::diff_named(
        "f.yaml",
        file.as_bytes(),
        "node/a",
        live,
        &LintOptions::default(),
    )
    .unwrap();
    let text = format!("{d:?}");
    assert!(!text.contains("s3cr3t"), "{text}");
    let auth = d
        .iter()
        .find(|e| e.field == "staticPodURLHeader.Authorization")
        .expect("the header differs");
    assert_eq!(auth.live.as_deref(), Some(diff::REDACTED));
    let src = d
        .iter()
        .find(|e| e.field == "staticPodURLHeader.X-Source")
        .unwrap();
    // Every header's value is secret, not only the credential-looking ones.
    assert_eq!(src.live.as_deref(), Some(diff::REDACTED));
    // Equal secrets are not a difference, and not shown either.
    let same = br#"{"kubeletconfig":{"staticPodURLHeader":{"Authorization":["Bearer old-s3cr3t"],"X-Source":["a"]}}}"#;
    let d = diff::diff_named(
        "f.yaml",
        file.as_bytes(),
        "node/a",
        same,
        &LintOptions::default(),
    )
    .unwrap();
    assert!(
        !d.iter().any(|e| e.field.starts_with("staticPodURLHeader")),
        "{d:?}"
    );
}

#[test]
fn diff_names_its_inputs_in_errors() {
    let err =
        diff::diff_named("my.yaml", b"", "node/a", b"{}", &LintOptions::default()).unwrap_err();
    assert!(err.to_string().contains("my.yaml"), "{err}");
}

#[test]
fn saved_configz_bodies_are_recognised() {
    assert!(looks_like_configz(
        br#" {"kubeletconfig": {"maxPods": 110}}"#
    ));
    assert!(!looks_like_configz(
        br#"{"kubeletconfig": {}, "kind": "x"}"#
    ));
    assert!(!looks_like_configz(br#"{"kubeletconfig": 1}"#));
    assert!(!looks_like_configz(b"kubeletconfig: {}"));
    assert!(!looks_like_configz(b"{\"kubeletconfig\": {\xff}}"));
}

#[test]
fn reported_kubelet_versions_map_to_the_nearest_known_rules() {
    let minor = |v: &str| KubeletVersion::nearest(v).map(|k| k.minor);
    assert_eq!(minor("v1.33.1"), Some(33));
    assert_eq!(minor("v1.32.9-eks-1a2b3c"), Some(32));
    assert_eq!(minor("1.34"), Some(34));
    assert_eq!(minor("v1.28.0"), Some(OLDEST_MINOR));
    assert_eq!(minor("v1.99.0"), Some(NEWEST_MINOR));
    assert_eq!(minor("v2.0.0"), None);
    assert_eq!(minor("garbage"), None);
    // Unclamped, for the version-skew policy.
    assert_eq!(KubeletVersion::minor_of("v1.28.0"), Some(28));
    assert_eq!(KubeletVersion::minor_of("V1.99.0+k3s1"), Some(99));
    assert_eq!(KubeletVersion::minor_of("v2.0.0"), None);
}

#[test]
fn rules_are_explained() {
    assert_eq!(explain("KL009").unwrap().name, "unknown-field");
    assert_eq!(explain("kl009").unwrap().code, Code::KL009);
    assert!(explain("KL999").is_none());
    assert!(rules().len() >= 60);
}

// ---------------------------------------------------------------------------------------
// Fixtures: the real-world corpus, the sample config and the output snapshots.

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(rel)
}

#[test]
fn real_world_corpus_has_no_errors() {
    let dir = fixture("corpus");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let minor = name
            .split("-1.")
            .nth(1)
            .and_then(|v| v.split('.').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(NEWEST_MINOR);
        let r = if name.contains("configz") {
            lint_configz(&name, &bytes, &opts(minor))
        } else {
            lint_source(&name, &bytes, &opts(minor))
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error || d.code == Code::KL009 || d.code == Code::KL010
            })
            .collect();
        assert!(errors.is_empty(), "{name} (1.{minor}):\n{errors:#?}");
        if name.starts_with("cis-hardened") {
            assert!(
                r.diagnostics.iter().all(|d| d.severity == Severity::Info),
                "{name}: {:#?}",
                r.diagnostics
            );
        }
        n += 1;
    }
    assert!(n >= 8, "corpus has only {n} files");
}

#[test]
fn shipped_example_is_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kubelet-config.yaml");
    let r = lint_source(
        "examples/kubelet-config.yaml",
        &std::fs::read(path).unwrap(),
        &LintOptions::default(),
    )
    .unwrap();
    assert!(
        r.diagnostics.iter().all(|d| d.severity == Severity::Info),
        "{:#?}",
        r.diagnostics
    );
}

fn snapshot_reports() -> Vec<FileReport> {
    let o = LintOptions::default();
    let mut v = Vec::new();
    for name in ["broken.yaml", "unsafe.yaml"] {
        let bytes = std::fs::read(fixture(&format!("snapshots/{name}"))).unwrap();
        v.push(lint_source(name, &bytes, &o).unwrap());
    }
    v
}

#[test]
fn output_snapshots() {
    let reports = snapshot_reports();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for f in OutputFormat::ALL {
        let mut out = Vec::new();
        render(&reports, f, false, &mut out).unwrap();
        let got = String::from_utf8(out).unwrap();
        let ext = match f {
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            _ => "txt",
        };
        let path = fixture(&format!("snapshots/expected.{f}.{ext}"));
        if update {
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
        assert_eq!(
            got, want,
            "{f} output changed; review it and rerun with UPDATE_SNAPSHOTS=1"
        );
    }
}

#[test]
fn json_and_sarif_are_well_formed() {
    let reports = snapshot_reports();
    let mut out = Vec::new();
    render(&reports, OutputFormat::Json, false, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    let d0 = &v["files"][0]["diagnostics"][0];
    for k in [
        "code",
        "name",
        "severity",
        "category",
        "message",
        "field",
        "location",
        "kubelet_message",
        "help",
    ] {
        assert!(d0.get(k).is_some(), "missing {k}");
    }
    let mut out = Vec::new();
    render(&reports, OutputFormat::Sarif, false, &mut out).unwrap();
    let s: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let rules = s["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for res in s["runs"][0]["results"].as_array().unwrap() {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().unwrap() >= 1
                && region["startColumn"].as_u64().unwrap() >= 1
        );
    }
}

#[test]
fn colored_output_only_when_asked() {
    let reports = snapshot_reports();
    let mut plain = Vec::new();
    render(&reports, OutputFormat::Full, false, &mut plain).unwrap();
    let mut color = Vec::new();
    render(&reports, OutputFormat::Full, true, &mut color).unwrap();
    assert!(!plain.contains(&0x1b) && color.contains(&0x1b));
}

#[test]
#[ignore = "benchmark: cargo test --release -- --ignored bench --nocapture"]
#[allow(clippy::print_stdout)] // a measurement run by hand
fn bench_lint_speed() {
    let bytes = std::fs::read(fixture("corpus/kubeadm.yaml")).unwrap();
    let o = LintOptions::default();
    let n = 10_000;
    let t = Instant::now();
    for _ in 0..n {
        let r = lint_source("kubeadm.yaml", &bytes, &o).unwrap();
        std::hint::black_box(r);
    }
    let el = t.elapsed();
    println!("{n} lints of kubeadm.yaml in {el:?} ({:?} each)", el / n);
}

#[test]
#[ignore = "prints the corpus findings for review"]
#[allow(clippy::print_stdout)] // a review aid, run by hand
fn print_corpus() {
    let mut entries: Vec<_> = std::fs::read_dir(fixture("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let reports: Vec<_> = entries
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(p).unwrap();
            if name.contains("configz") {
                lint_configz(&name, &bytes, &LintOptions::default())
            } else {
                lint_source(&name, &bytes, &LintOptions::default())
            }
            .unwrap()
        })
        .collect();
    let mut out = Vec::new();
    render(&reports, OutputFormat::Concise, false, &mut out).unwrap();
    println!("{}", String::from_utf8(out).unwrap());
}

#[test]
fn full_format_marks_multi_line_values_on_their_first_line() {
    let r = lint_at(&format!("{H}clusterDNS:\n  a: b\n"), 36);
    let mut out = Vec::new();
    render(
        std::slice::from_ref(&r),
        OutputFormat::Full,
        false,
        &mut out,
    )
    .unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("4 |   a: b\n  |   ^^^^\n"), "{s}");
    let r = lint_configz(
        "node/a",
        br#"{"kubeletconfig":{"readOnlyPort":10255}}"#,
        &LintOptions::default(),
    )
    .unwrap();
    let mut out = Vec::new();
    render(
        std::slice::from_ref(&r),
        OutputFormat::Full,
        false,
        &mut out,
    )
    .unwrap();
    assert!(String::from_utf8(out).unwrap().contains("--> node/a:1:"));
}
