// Per-node kubelet behaviour behind the API server's node proxy (/api/v1/nodes/N/proxy/...):
// healthz in the exact k8s.io/apiserver healthz formats, configz, stats/summary, the system log
// handler (`/logs/`, NodeLogQuery), and the proxy's own 503 when the kubelet cannot be dialled.

use std::time::Duration;

use super::json::J;

/// How a node's kubelet answers through the node proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kubelet {
    /// `/healthz` → 200 `ok`; with `?verbose` the ping/log/syncloop listing.
    Healthy,
    /// The named check fails: 500 with `[-]<name> failed: reason withheld` (verbose or not, as
    /// the real handler is always verbose on failure).
    FailingCheck(String),
    /// Never answers; the client has to give up. Other requests are unaffected.
    Hang,
    /// The API server cannot dial the kubelet: 503 `error trying to reach service: dial tcp
    /// <InternalIP>:10250: connect: connection refused`.
    Unreachable,
    /// Answers like `Healthy` after this delay.
    Slow(Duration),
}

/// What a node's `/logs/` answers (pkg/kubelet/kubelet_server_journal.go).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum NodeLogs {
    /// NodeLogQuery off (the gate, or `enableSystemLogQuery: false`, the default): the handler
    /// is a file server on `/var/log`, so `?query=` is ignored and the directory listing comes
    /// back with 200.
    #[default]
    Listing,
    /// `enableSystemLogHandler: false`: no `/logs/` route at all, Go's 404.
    NotFound,
    /// NodeLogQuery on: `journalctl --utc --no-pager --output=short-precise` text;
    /// `sinceTime=RFC3339` (a `Z` time, here) keeps the lines from then on, then `tailLines=N`
    /// the last N of those, as journalctl's `--since` and `--lines` do.
    Journal(String),
}

/// The checks the kubelet registers on its healthz endpoint, in order.
const CHECKS: [&str; 3] = ["ping", "log", "syncloop"];

/// What the proxy should do with one request.
#[derive(Debug)]
pub enum KubeletReply {
    Respond {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// The API server itself answers (e.g. 503 when the dial fails): a Status body.
    ProxyError {
        status: u16,
        reason: &'static str,
        message: String,
    },
    Hang,
}

/// Answers a request for `path` (after `/proxy`) with `query` on a node at `node_ip`.
/// Returns how long to wait first and the reply.
pub fn answer(
    kubelet: &Kubelet,
    node_ip: &str,
    path: &str,
    query: &[(String, String)],
    logs: &NodeLogs,
    configz: impl FnOnce() -> J,
    summary: impl FnOnce() -> Vec<u8>,
) -> (Duration, KubeletReply) {
    let delay = match kubelet {
        Kubelet::Hang => return (Duration::ZERO, KubeletReply::Hang),
        Kubelet::Unreachable => {
            return (
                Duration::ZERO,
                KubeletReply::ProxyError {
                    status: 503,
                    reason: "ServiceUnavailable",
                    message: format!(
                        "error trying to reach service: dial tcp {node_ip}:10250: connect: connection refused"
                    ),
                },
            );
        }
        Kubelet::Slow(d) => *d,
        _ => Duration::ZERO,
    };
    let failing = match kubelet {
        Kubelet::FailingCheck(name) => Some(name.as_str()),
        _ => None,
    };
    let has = |k: &str| query.iter().any(|(qk, _)| qk == k);
    let reply = match path {
        "/healthz" | "/healthz/" => healthz(failing, has("verbose"), query),
        p if p.starts_with("/healthz/") => {
            let name = &p["/healthz/".len()..];
            let known = CHECKS.contains(&name) || failing == Some(name);
            if !known {
                not_found()
            } else if failing == Some(name) {
                text(
                    500,
                    format!("internal server error: {}\n", failure_reason(name)),
                )
            } else {
                text(200, "ok".into())
            }
        }
        "/configz" => KubeletReply::Respond {
            status: 200,
            content_type: "application/json",
            body: configz().to_json().into_bytes(),
        },
        // `handleSummary` takes GET and POST; `only_cpu_and_memory` is not modelled.
        "/stats/summary" | "/stats/summary/" => KubeletReply::Respond {
            status: 200,
            content_type: "application/json",
            body: summary(),
        },
        "/logs" | "/logs/" => node_logs(logs, query),
        _ => not_found(),
    };
    (delay, reply)
}

fn node_logs(logs: &NodeLogs, query: &[(String, String)]) -> KubeletReply {
    match logs {
        NodeLogs::NotFound => not_found(),
        // Go's http.FileServer directory listing.
        NodeLogs::Listing => KubeletReply::Respond {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: b"<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n<a href=\"journal/\">journal/</a>\n<a href=\"pods/\">pods/</a>\n<a href=\"syslog\">syslog</a>\n</pre>\n".to_vec(),
        },
        NodeLogs::Journal(text_) => {
            let has_query = query.iter().any(|(k, v)| k == "query" && !v.is_empty());
            if !has_query {
                // validate(): "query: Required value: cannot be empty with options".
                return text(400, "query: Required value: cannot be empty with options\n".into());
            }
            let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v);
            let windowed = match param("sinceTime") {
                Some(v) => match super::util::parse_time(v) {
                    Some(t) => super::journal::since(text_, t, std::time::SystemTime::now()),
                    // newNodeLogQuery's field error, aggregated by http.Error.
                    None => {
                        return text(
                            400,
                            format!("sinceTime: Invalid value: {v:?}: invalid time format\n"),
                        );
                    }
                },
                None => text_.clone(),
            };
            let tail = param("tailLines").and_then(|v| v.parse::<usize>().ok());
            let body = match tail {
                Some(n) => {
                    let lines: Vec<&str> = windowed.lines().collect();
                    let from = lines.len().saturating_sub(n);
                    lines[from..].iter().map(|l| format!("{l}\n")).collect()
                }
                None => windowed,
            };
            text(200, body)
        }
    }
}

fn failure_reason(name: &str) -> String {
    match name {
        "syncloop" => "sync Loop took longer than expected.".into(),
        other => format!("{other} check failed"),
    }
}

/// `k8s.io/apiserver/pkg/server/healthz.handleRootHealth`.
fn healthz(failing: Option<&str>, verbose: bool, query: &[(String, String)]) -> KubeletReply {
    let excluded: Vec<&str> = query
        .iter()
        .filter(|(k, _)| k == "exclude")
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .collect();
    let mut checks: Vec<&str> = CHECKS.to_vec();
    if let Some(f) = failing.filter(|f| !checks.contains(f)) {
        checks.push(f);
    }
    let mut out = String::new();
    let mut failed = false;
    for c in &checks {
        if excluded.contains(c) {
            out.push_str(&format!("[+]{c} excluded: ok\n"));
        } else if failing == Some(*c) {
            failed = true;
            out.push_str(&format!("[-]{c} failed: reason withheld\n"));
        } else {
            out.push_str(&format!("[+]{c} ok\n"));
        }
    }
    let unmatched: Vec<&str> = excluded
        .iter()
        .copied()
        .filter(|e| !checks.contains(e))
        .collect();
    if !unmatched.is_empty() {
        let quoted: Vec<String> = unmatched.iter().map(|e| format!("{e:?}")).collect();
        out.push_str(&format!(
            "warn: some health checks cannot be excluded: no matches for {}\n",
            quoted.join(",")
        ));
    }
    if failed {
        // http.Error appends the newline.
        return text(500, format!("{out}healthz check failed\n"));
    }
    if !verbose {
        return text(200, "ok".into());
    }
    text(200, format!("{out}healthz check passed\n"))
}

fn text(status: u16, body: String) -> KubeletReply {
    KubeletReply::Respond {
        status,
        content_type: "text/plain; charset=utf-8",
        body: body.into_bytes(),
    }
}

/// Go's `http.NotFound`.
fn not_found() -> KubeletReply {
    text(404, "404 page not found\n".into())
}

/// A kubeadm-style live configuration as `/configz` returns it: `{"kubeletconfig": {...}}`,
/// defaults applied, no apiVersion/kind, fields in KubeletConfiguration struct order.
pub fn default_configz() -> J {
    J::parse(DEFAULT_CONFIGZ).expect("valid built-in configz")
}

const DEFAULT_CONFIGZ: &str = r#"{"kubeletconfig":{"enableServer":true,"staticPodPath":"/etc/kubernetes/manifests","podLogsDir":"/var/log/pods","syncFrequency":"1m0s","fileCheckFrequency":"20s","httpCheckFrequency":"20s","address":"0.0.0.0","port":10250,"tlsCertFile":"/var/lib/kubelet/pki/kubelet.crt","tlsPrivateKeyFile":"/var/lib/kubelet/pki/kubelet.key","rotateCertificates":true,"authentication":{"x509":{"clientCAFile":"/etc/kubernetes/pki/ca.crt"},"webhook":{"enabled":true,"cacheTTL":"2m0s"},"anonymous":{"enabled":false}},"authorization":{"mode":"Webhook","webhook":{"cacheAuthorizedTTL":"5m0s","cacheUnauthorizedTTL":"30s"}},"registryPullQPS":5,"registryBurst":10,"eventRecordQPS":50,"eventBurst":100,"enableDebuggingHandlers":true,"healthzPort":10248,"healthzBindAddress":"127.0.0.1","oomScoreAdj":-999,"clusterDomain":"cluster.local","clusterDNS":["10.96.0.10"],"streamingConnectionIdleTimeout":"4h0m0s","nodeStatusUpdateFrequency":"10s","nodeStatusReportFrequency":"5m0s","nodeLeaseDurationSeconds":40,"imageMinimumGCAge":"2m0s","imageMaximumGCAge":"0s","imageGCHighThresholdPercent":85,"imageGCLowThresholdPercent":80,"volumeStatsAggPeriod":"1m0s","cgroupsPerQOS":true,"cgroupDriver":"systemd","cpuManagerPolicy":"none","cpuManagerReconcilePeriod":"10s","memoryManagerPolicy":"None","topologyManagerPolicy":"none","topologyManagerScope":"container","runtimeRequestTimeout":"2m0s","hairpinMode":"promiscuous-bridge","maxPods":110,"podPidsLimit":-1,"resolvConf":"/run/systemd/resolve/resolv.conf","cpuCFSQuota":true,"cpuCFSQuotaPeriod":"100ms","nodeStatusMaxImages":50,"maxOpenFiles":1000000,"contentType":"application/vnd.kubernetes.protobuf","kubeAPIQPS":50,"kubeAPIBurst":100,"serializeImagePulls":true,"evictionHard":{"imagefs.available":"15%","imagefs.inodesFree":"5%","memory.available":"100Mi","nodefs.available":"10%","nodefs.inodesFree":"5%"},"evictionPressureTransitionPeriod":"5m0s","enableControllerAttachDetach":true,"makeIPTablesUtilChains":true,"iptablesMasqueradeBit":14,"iptablesDropBit":15,"failSwapOn":true,"memorySwap":{},"containerLogMaxSize":"10Mi","containerLogMaxFiles":5,"containerLogMaxWorkers":1,"containerLogMonitorInterval":"10s","configMapAndSecretChangeDetectionStrategy":"Watch","enforceNodeAllocatable":["pods"],"volumePluginDir":"/usr/libexec/kubernetes/kubelet-plugins/volume/exec/","logging":{"format":"text","flushFrequency":"5s","verbosity":0,"options":{"text":{"infoBufferSize":"0"},"json":{"infoBufferSize":"0"}}},"enableSystemLogHandler":true,"enableSystemLogQuery":false,"shutdownGracePeriod":"0s","shutdownGracePeriodCriticalPods":"0s","enableProfilingHandler":true,"enableDebugFlagsHandler":true,"seccompDefault":false,"memoryThrottlingFactor":0.9,"registerNode":true,"localStorageCapacityIsolation":true,"containerRuntimeEndpoint":"unix:///var/run/containerd/containerd.sock","failCgroupV1":false}}"#;
