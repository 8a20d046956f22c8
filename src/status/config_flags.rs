//! Flags that set KubeletConfiguration fields (`AddKubeletConfigFlags` in
//! `cmd/kubelet/app/options/options.go`). The kubelet applies them over the `--config` file and
//! its drop-ins (`kubeletConfigFlagPrecedence`, kubelet-status.md §3.1), so a field a flag
//! sets is not what the file says: `status` weighs the effective value and says which fields
//! the command line overrides. Pure.

use std::collections::BTreeMap;

use super::cmdline::Argv;

/// Flag -> the config field it sets (a dotted path in the v1beta1 JSON names).
pub const CONFIG_FLAGS: &[(&str, &str)] = &[
    ("address", "address"),
    ("allowed-unsafe-sysctls", "allowedUnsafeSysctls"),
    ("anonymous-auth", "authentication.anonymous.enabled"),
    (
        "authentication-token-webhook",
        "authentication.webhook.enabled",
    ),
    (
        "authentication-token-webhook-cache-ttl",
        "authentication.webhook.cacheTTL",
    ),
    ("authorization-mode", "authorization.mode"),
    (
        "authorization-webhook-cache-authorized-ttl",
        "authorization.webhook.cacheAuthorizedTTL",
    ),
    (
        "authorization-webhook-cache-unauthorized-ttl",
        "authorization.webhook.cacheUnauthorizedTTL",
    ),
    ("cgroup-driver", "cgroupDriver"),
    ("cgroup-root", "cgroupRoot"),
    ("cgroups-per-qos", "cgroupsPerQOS"),
    ("client-ca-file", "authentication.x509.clientCAFile"),
    ("cluster-dns", "clusterDNS"),
    ("cluster-domain", "clusterDomain"),
    ("container-log-max-files", "containerLogMaxFiles"),
    ("container-log-max-size", "containerLogMaxSize"),
    ("container-runtime-endpoint", "containerRuntimeEndpoint"),
    ("contention-profiling", "enableContentionProfiling"),
    ("cpu-cfs-quota", "cpuCFSQuota"),
    ("cpu-cfs-quota-period", "cpuCFSQuotaPeriod"),
    ("cpu-manager-policy", "cpuManagerPolicy"),
    ("cpu-manager-policy-options", "cpuManagerPolicyOptions"),
    ("cpu-manager-reconcile-period", "cpuManagerReconcilePeriod"),
    (
        "enable-controller-attach-detach",
        "enableControllerAttachDetach",
    ),
    ("enable-debugging-handlers", "enableDebuggingHandlers"),
    ("enable-server", "enableServer"),
    ("enforce-node-allocatable", "enforceNodeAllocatable"),
    ("event-burst", "eventBurst"),
    ("event-qps", "eventRecordQPS"),
    ("eviction-hard", "evictionHard"),
    ("eviction-max-pod-grace-period", "evictionMaxPodGracePeriod"),
    ("eviction-minimum-reclaim", "evictionMinimumReclaim"),
    (
        "eviction-pressure-transition-period",
        "evictionPressureTransitionPeriod",
    ),
    ("eviction-soft", "evictionSoft"),
    ("eviction-soft-grace-period", "evictionSoftGracePeriod"),
    ("fail-cgroupv1", "failCgroupV1"),
    ("fail-swap-on", "failSwapOn"),
    ("feature-gates", "featureGates"),
    ("file-check-frequency", "fileCheckFrequency"),
    ("hairpin-mode", "hairpinMode"),
    ("healthz-bind-address", "healthzBindAddress"),
    ("healthz-port", "healthzPort"),
    ("http-check-frequency", "httpCheckFrequency"),
    ("image-gc-high-threshold", "imageGCHighThresholdPercent"),
    ("image-gc-low-threshold", "imageGCLowThresholdPercent"),
    ("image-service-endpoint", "imageServiceEndpoint"),
    ("iptables-drop-bit", "iptablesDropBit"),
    ("iptables-masquerade-bit", "iptablesMasqueradeBit"),
    ("kernel-memcg-notification", "kernelMemcgNotification"),
    ("kube-api-burst", "kubeAPIBurst"),
    ("kube-api-content-type", "contentType"),
    ("kube-api-qps", "kubeAPIQPS"),
    ("kube-reserved", "kubeReserved"),
    ("kube-reserved-cgroup", "kubeReservedCgroup"),
    ("kubelet-cgroups", "kubeletCgroups"),
    (
        "local-storage-capacity-isolation",
        "localStorageCapacityIsolation",
    ),
    ("make-iptables-util-chains", "makeIPTablesUtilChains"),
    ("manifest-url", "staticPodURL"),
    ("manifest-url-header", "staticPodURLHeader"),
    ("max-open-files", "maxOpenFiles"),
    ("max-pods", "maxPods"),
    ("memory-manager-policy", "memoryManagerPolicy"),
    ("minimum-image-ttl-duration", "imageMinimumGCAge"),
    ("node-status-max-images", "nodeStatusMaxImages"),
    ("node-status-update-frequency", "nodeStatusUpdateFrequency"),
    ("oom-score-adj", "oomScoreAdj"),
    ("pod-cidr", "podCIDR"),
    ("pod-manifest-path", "staticPodPath"),
    ("pod-max-pids", "podPidsLimit"),
    ("pods-per-core", "podsPerCore"),
    ("port", "port"),
    ("protect-kernel-defaults", "protectKernelDefaults"),
    ("provider-id", "providerID"),
    ("qos-reserved", "qosReserved"),
    ("read-only-port", "readOnlyPort"),
    ("register-node", "registerNode"),
    ("register-with-taints", "registerWithTaints"),
    ("registry-burst", "registryBurst"),
    ("registry-qps", "registryPullQPS"),
    ("reserved-cpus", "reservedSystemCPUs"),
    ("reserved-memory", "reservedMemory"),
    ("resolv-conf", "resolvConf"),
    ("rotate-certificates", "rotateCertificates"),
    ("rotate-server-certificates", "serverTLSBootstrap"),
    ("runonce", "runOnce"),
    ("runtime-request-timeout", "runtimeRequestTimeout"),
    ("serialize-image-pulls", "serializeImagePulls"),
    (
        "streaming-connection-idle-timeout",
        "streamingConnectionIdleTimeout",
    ),
    ("sync-frequency", "syncFrequency"),
    ("system-cgroups", "systemCgroups"),
    ("system-reserved", "systemReserved"),
    ("system-reserved-cgroup", "systemReservedCgroup"),
    ("tls-cert-file", "tlsCertFile"),
    ("tls-cipher-suites", "tlsCipherSuites"),
    ("tls-min-version", "tlsMinVersion"),
    ("tls-private-key-file", "tlsPrivateKeyFile"),
    ("topology-manager-policy", "topologyManagerPolicy"),
    (
        "topology-manager-policy-options",
        "topologyManagerPolicyOptions",
    ),
    ("topology-manager-scope", "topologyManagerScope"),
    ("volume-plugin-dir", "volumePluginDir"),
    ("volume-stats-agg-period", "volumeStatsAggPeriod"),
];

/// Fields whose values are secrets: never shown (`staticPodURLHeader`, and `staticPodURL`
/// may carry a password).
const SECRET_FIELDS: &[&str] = &["staticPodURLHeader", "staticPodURL"];

/// One config field set on the command line.
#[derive(Debug, PartialEq, Eq)]
pub struct FlagSetting<'a> {
    pub flag: &'a str,
    pub field: &'static str,
    /// The flag's value (`None` for a boolean flag given alone: true).
    pub value: Option<&'a str>,
}

/// The config fields the command line sets, in argv order; a flag given twice counts once,
/// with its last value (pflag keeps the last).
pub fn settings(argv: &Argv) -> Vec<FlagSetting<'_>> {
    let mut out: Vec<FlagSetting<'_>> = Vec::new();
    for (name, value) in &argv.flags {
        let Some((flag, field)) = CONFIG_FLAGS.iter().find(|(f, _)| f == name) else {
            continue;
        };
        out.retain(|s| s.flag != *flag);
        out.push(FlagSetting {
            flag,
            field,
            value: value.as_deref(),
        });
    }
    out
}

/// A boolean flag's value as pflag reads it: alone is true; `=true`/`=false` and the other
/// spellings strconv.ParseBool takes.
pub fn flag_bool(value: Option<&str>) -> Option<bool> {
    match value {
        None => Some(true),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True") => Some(true),
        Some("0" | "f" | "F" | "false" | "FALSE" | "False") => Some(false),
        Some(_) => None,
    }
}

/// The values the config files give the fields in [`CONFIG_FLAGS`] (later files win), shown
/// compactly; secret fields are marked set without their value.
pub fn file_values(value: &serde_json::Value) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    for (_, field) in CONFIG_FLAGS {
        let mut at = value;
        let mut found = true;
        for key in field.split('.') {
            match at.get(key) {
                Some(v) => at = v,
                None => {
                    found = false;
                    break;
                }
            }
        }
        if !found || at.is_null() {
            continue;
        }
        let shown = if SECRET_FIELDS.contains(field) {
            "(set)".to_string()
        } else {
            match at {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            }
        };
        out.insert(*field, shown);
    }
    out
}

/// The command line's settings laid over the files' values: what the kubelet runs with
/// (shown values: secrets stay hidden).
pub fn overlay(fields: &mut BTreeMap<&'static str, String>, set: &[FlagSetting<'_>]) {
    for s in set {
        fields.insert(s.field, shown_value(s));
    }
}

/// How a flag's value is shown: secrets never.
pub fn shown_value(setting: &FlagSetting<'_>) -> String {
    if SECRET_FIELDS.contains(&setting.field) {
        return "(set)".to_string();
    }
    setting.value.unwrap_or("true").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::cmdline::Origin;

    fn argv(words: &[&str]) -> Argv {
        Argv::new(
            Origin::Process,
            words.iter().map(|w| w.to_string()).collect(),
        )
    }

    #[test]
    fn flags_that_set_config_fields_are_found_last_one_winning() {
        let a = argv(&[
            "kubelet",
            "--config=/var/lib/kubelet/config.yaml",
            "--cgroup-driver=systemd",
            "--fail-swap-on",
            "--node-ip=10.0.0.5",
            "--cgroup-driver",
            "cgroupfs",
        ]);
        assert_eq!(
            settings(&a),
            [
                FlagSetting {
                    flag: "fail-swap-on",
                    field: "failSwapOn",
                    value: None
                },
                FlagSetting {
                    flag: "cgroup-driver",
                    field: "cgroupDriver",
                    value: Some("cgroupfs")
                },
            ]
        );
    }

    #[test]
    fn booleans_read_as_pflag_reads_them() {
        assert_eq!(flag_bool(None), Some(true));
        assert_eq!(flag_bool(Some("false")), Some(false));
        assert_eq!(flag_bool(Some("F")), Some(false));
        assert_eq!(flag_bool(Some("yes")), None);
    }

    #[test]
    fn file_values_follow_dotted_paths_and_hide_secrets() {
        let v: serde_json::Value = serde_json::json!({
            "cgroupDriver": "systemd",
            "authentication": {"anonymous": {"enabled": false}},
            "staticPodURL": "https://u:pw@h/x",
            "maxPods": 110,
            "evictionHard": {"memory.available": "100Mi"},
            "notAFlagField": 1
        });
        let got = file_values(&v);
        assert_eq!(got["cgroupDriver"], "systemd");
        assert_eq!(got["authentication.anonymous.enabled"], "false");
        assert_eq!(got["staticPodURL"], "(set)");
        assert_eq!(got["maxPods"], "110");
        assert_eq!(got["evictionHard"], "{\"memory.available\":\"100Mi\"}");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn the_table_is_sorted_and_has_no_duplicates() {
        for pair in CONFIG_FLAGS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
    }
}
