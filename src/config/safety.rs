//! Settings the kubelet accepts but that are unsafe or surprising: the CIS kubelet checks
//! (as kube-bench implements them, judged on effective values), eviction pitfalls, exposed
//! endpoints and secrets in the file.

use super::decode::TVal;
use super::defaults::View;
use super::diagnostic::Diagnostic;
use super::eviction::{Threshold, parse_threshold};
use super::rules::Code;
use super::tree::Span;
use super::validate::{KNOWN_CIPHERS, STRONG_CIPHERS};
use crate::go::strconv::quote as go_quote;
use crate::output::sanitize::clean;

/// One safety rule: reads the defaulted config, adds its findings.
type Check = fn(&View, &mut Vec<Diagnostic>);

/// Every safety rule, in code order (KL401..KL421, KL501; KL413/KL414 live in `eviction`,
/// KL418/KL419 where the values are parsed).
const CHECKS: &[Check] = &[
    anonymous_auth,
    always_allow,
    no_client_ca,
    read_only_port,
    no_iptables_chains,
    self_signed_serving_cert,
    no_client_cert_rotation,
    no_serving_cert_rotation,
    weak_ciphers,
    no_pid_limit,
    no_seccomp_default,
    partial_eviction,
    image_gc_headroom,
    healthz_on_all_interfaces,
    credential_headers,
    kernel_defaults_unprotected,
    needs_cgroup_v2,
    deprecated_fields,
];

pub fn run(v: &View, d: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(v, d);
    }
}

fn finding(code: Code, span: Option<Span>, field: &str, msg: String, help: &str) -> Diagnostic {
    Diagnostic::new(code, span, msg).field(field).help(help)
}

/// KL401: CIS 4.2.1.
fn anonymous_auth(v: &View, d: &mut Vec<Diagnostic>) {
    let (anon, fv) = v.bool(crate::field!("authentication.anonymous.enabled"));
    if anon {
        d.push(finding(
            Code::KL401,
            v.at(fv),
            "authentication.anonymous.enabled",
            "anonymous requests to the kubelet API are allowed".into(),
            "set `authentication.anonymous.enabled: false`",
        ));
    }
}

/// KL402: CIS 4.2.2.
fn always_allow(v: &View, d: &mut Vec<Diagnostic>) {
    let (mode, fv) = v.str(crate::field!("authorization.mode"));
    if mode == "AlwaysAllow" {
        d.push(finding(Code::KL402, v.at(fv), "authorization.mode", "authorization.mode AlwaysAllow authorizes every authenticated request, including exec into any pod".into(), "use `authorization.mode: Webhook`"));
    }
}

/// KL403: CIS 4.2.3.
fn no_client_ca(v: &View, d: &mut Vec<Diagnostic>) {
    let (ca, _) = v.str(crate::field!("authentication.x509.clientCAFile"));
    if ca.is_empty() {
        let at = v
            .get(crate::field!("authentication"))
            .map(|f| f.key_span)
            .or(v.anchor);
        d.push(finding(
            Code::KL403,
            at,
            "authentication.x509.clientCAFile",
            "no client CA file: the kubelet cannot verify client certificates".into(),
            "set `authentication.x509.clientCAFile` to the cluster CA, e.g. /etc/kubernetes/pki/ca.crt",
        ));
    }
}

/// KL404: CIS 4.2.4.
fn read_only_port(v: &View, d: &mut Vec<Diagnostic>) {
    let (ro, fv) = v.int(crate::field!("readOnlyPort"));
    if ro > 0 {
        d.push(finding(
            Code::KL404,
            v.at(fv),
            "readOnlyPort",
            format!("the unauthenticated read-only port {ro} is open"),
            "set `readOnlyPort: 0`",
        ));
    }
}

/// KL405: CIS 4.2.6.
fn no_iptables_chains(v: &View, d: &mut Vec<Diagnostic>) {
    let (chains, fv) = v.bool(crate::field!("makeIPTablesUtilChains"));
    if !chains {
        d.push(finding(
            Code::KL405,
            v.at(fv),
            "makeIPTablesUtilChains",
            "makeIPTablesUtilChains is false".into(),
            "set `makeIPTablesUtilChains: true` or remove it",
        ));
    }
}

/// KL406: CIS 4.2.9.
fn self_signed_serving_cert(v: &View, d: &mut Vec<Diagnostic>) {
    let (cert, _) = v.str(crate::field!("tlsCertFile"));
    let (key, _) = v.str(crate::field!("tlsPrivateKeyFile"));
    let (bootstrap, _) = v.bool(crate::field!("serverTLSBootstrap"));
    if (cert.is_empty() || key.is_empty()) && !bootstrap {
        d.push(finding(Code::KL406, v.anchor, "tlsCertFile", "no serving certificate (tlsCertFile/tlsPrivateKeyFile) and serverTLSBootstrap is off: the kubelet serves a self-signed certificate".into(), "set `serverTLSBootstrap: true` (and approve the CSRs) or point tlsCertFile/tlsPrivateKeyFile to a signed pair"));
    }
}

/// KL407: CIS 4.2.10.
fn no_client_cert_rotation(v: &View, d: &mut Vec<Diagnostic>) {
    let (rotate, fv) = v.bool(crate::field!("rotateCertificates"));
    if !rotate {
        let note = if fv.is_none() {
            " (the file default is false)"
        } else {
            ""
        };
        d.push(finding(
            Code::KL407,
            v.at(fv),
            "rotateCertificates",
            format!("client certificate rotation is off{note}"),
            "set `rotateCertificates: true`",
        ));
    }
}

/// KL408: CIS 4.2.11.
fn no_serving_cert_rotation(v: &View, d: &mut Vec<Diagnostic>) {
    if let Some(g) = v.get(crate::field!("featureGates"))
        && let Some(m) = g.val.as_map().iter().find(|m| {
            m.key == "RotateKubeletServerCertificate" && matches!(m.val, TVal::Bool(false))
        })
    {
        d.push(finding(
            Code::KL408,
            Some(m.span),
            "featureGates.RotateKubeletServerCertificate",
            "RotateKubeletServerCertificate is disabled: the serving certificate cannot rotate"
                .into(),
            "remove the entry (the gate is on by default)",
        ));
    }
}

/// KL409: CIS 4.2.12.
fn weak_ciphers(v: &View, d: &mut Vec<Diagnostic>) {
    let Some(fv) = v.get(crate::field!("tlsCipherSuites")) else {
        return;
    };
    for it in fv.val.as_list() {
        let name = it.val.as_str().unwrap_or_default();
        if KNOWN_CIPHERS.contains(&name) && !STRONG_CIPHERS.contains(&name) {
            d.push(finding(
                Code::KL409,
                Some(it.span),
                "tlsCipherSuites",
                format!("cipher suite {name} is weak (CBC, RC4, 3DES or static RSA key exchange)"),
                "keep only ECDHE suites with AES-GCM or ChaCha20-Poly1305",
            ));
        }
    }
}

/// KL410: CIS 4.2.13.
fn no_pid_limit(v: &View, d: &mut Vec<Diagnostic>) {
    let (pids, fv) = v.int(crate::field!("podPidsLimit"));
    if pids <= 0 {
        let note = if fv.is_none() {
            " (the default is -1)"
        } else {
            ""
        };
        d.push(finding(
            Code::KL410,
            v.at(fv),
            "podPidsLimit",
            format!("pods have no PID limit{note}"),
            "set `podPidsLimit` to a positive value such as 4096",
        ));
    }
}

/// KL411: CIS 4.2.14.
fn no_seccomp_default(v: &View, d: &mut Vec<Diagnostic>) {
    let (seccomp, fv) = v.bool(crate::field!("seccompDefault"));
    if !seccomp {
        d.push(finding(
            Code::KL411,
            v.at(fv),
            "seccompDefault",
            "containers without a seccomp profile run unconfined".into(),
            "set `seccompDefault: true`",
        ));
    }
}

/// KL415: healthz reachable from the network.
fn healthz_on_all_interfaces(v: &View, d: &mut Vec<Diagnostic>) {
    let (hz, fv) = v.str(crate::field!("healthzBindAddress"));
    if matches!(hz, "0.0.0.0" | "::" | "[::]") && v.int(crate::field!("healthzPort")).0 != 0 {
        d.push(finding(
            Code::KL415,
            v.at(fv),
            "healthzBindAddress",
            format!("healthz listens on all interfaces ({hz})"),
            "use 127.0.0.1 unless a remote prober really needs it",
        ));
    }
}

/// KL417: credentials in `staticPodURLHeader` (the value is never shown).
fn credential_headers(v: &View, d: &mut Vec<Diagnostic>) {
    let Some(fv) = v.get(crate::field!("staticPodURLHeader")) else {
        return;
    };
    for m in fv.val.as_map() {
        if is_credential_header(&m.key) {
            d.push(finding(
                Code::KL417,
                Some(m.key_span),
                "staticPodURLHeader",
                format!(
                    "staticPodURLHeader {} carries credentials (value not shown)",
                    go_quote(&clean(&m.key))
                ),
                "restrict the file's permissions and prefer a credential-less source for static pods; rotate the secret if the file was shared",
            ));
        }
    }
}

/// KL420: older CIS 4.2.6.
fn kernel_defaults_unprotected(v: &View, d: &mut Vec<Diagnostic>) {
    let (pkd, fv) = v.bool(crate::field!("protectKernelDefaults"));
    if !pkd {
        d.push(finding(
            Code::KL420,
            v.at(fv),
            "protectKernelDefaults",
            "protectKernelDefaults is false".into(),
            "set `protectKernelDefaults: true` once the node's sysctls match the kubelet's expectations",
        ));
    }
}

/// KL421: settings that only work on cgroup v2 hosts.
fn needs_cgroup_v2(v: &View, d: &mut Vec<Diagnostic>) {
    if let Some(fv) = v.get(crate::field!("singleProcessOOMKill"))
        && matches!(fv.val, TVal::Bool(false))
    {
        d.push(finding(
            Code::KL421,
            Some(fv.span),
            "singleProcessOOMKill",
            "`singleProcessOOMKill: false` is rejected on cgroup v1 hosts".into(),
            "make sure the node runs cgroup v2, or remove the field",
        ));
    }
    if let Some(fv) = v.get(crate::field!("memorySwap.swapBehavior"))
        && fv.val.as_str() == Some("LimitedSwap")
    {
        d.push(finding(
            Code::KL421,
            Some(fv.span),
            "memorySwap.swapBehavior",
            "LimitedSwap only works on cgroup v2 hosts".into(),
            "make sure the node runs cgroup v2",
        ));
    }
}

/// KL501: accepted but ignored fields (not in a /configz dump, which always carries them).
fn deprecated_fields(v: &View, d: &mut Vec<Diagnostic>) {
    if v.configz {
        return;
    }
    for dep in [
        "streamingConnectionIdleTimeout",
        "iptablesMasqueradeBit",
        "iptablesDropBit",
    ] {
        if let Some(fv) = v.get(dep) {
            d.push(finding(
                Code::KL501,
                Some(fv.key_span),
                dep,
                format!("`{dep}` is deprecated and has no effect"),
                "remove it",
            ));
        }
    }
}

/// KL412: an `evictionHard` that drops the other defaults (KL413, KL414 are in `eviction`).
fn partial_eviction(v: &View, d: &mut Vec<Diagnostic>) {
    if v.configz {
        return;
    }
    let Some(fv) = v.get(crate::field!("evictionHard")) else {
        return;
    };
    if v.minor >= 33 && v.bool(crate::field!("mergeDefaultEvictionSettings")).0 {
        return;
    }
    let written: Vec<&str> = fv.val.as_map().iter().map(|m| m.key.as_str()).collect();
    let windows = v.looks_windows();
    let dropped: Vec<String> = v
        .eviction_hard_defaults()
        .iter()
        .filter(|(k, _)| !written.contains(k))
        .map(|(k, v)| format!("{k} ({v})"))
        .collect();
    if dropped.is_empty() {
        return;
    }
    let what = match (written.is_empty(), windows) {
        (true, _) => "`evictionHard: {}` disables all hard eviction",
        (false, false) => "this evictionHard replaces the defaults",
        // Said outright, since the OS is inferred, not written.
        (false, true) => {
            "this evictionHard replaces the Windows kubelet's defaults (the file looks written \
             for Windows: cgroupsPerQOS false, enforceNodeAllocatable empty)"
        }
    };
    let fix = if v.minor >= 33 {
        "list the missing signals, or set `mergeDefaultEvictionSettings: true`"
    } else {
        "list the missing signals explicitly"
    };
    d.push(
        Diagnostic::new(
            Code::KL412,
            Some(fv.key_span),
            format!("{what}: no hard threshold for {}", dropped.join(", ")),
        )
        .field("evictionHard")
        .help(fix),
    );
}

/// KL416: image GC that cannot start before eviction.
fn image_gc_headroom(v: &View, d: &mut Vec<Diagnostic>) {
    let (high, hfv) = v.int(crate::field!("imageGCHighThresholdPercent"));
    if !(0..=100).contains(&high) || v.int(crate::field!("imageGCLowThresholdPercent")).0 >= high {
        return; // validation already reports it
    }
    if high == 100 {
        d.push(
            Diagnostic::new(
                Code::KL416,
                v.at(hfv),
                "imageGCHighThresholdPercent 100 means image garbage collection never runs",
            )
            .field("imageGCHighThresholdPercent")
            .help("use a value below the imagefs eviction threshold, e.g. 80"),
        );
        return;
    }
    let hard = v.eviction_hard();
    let pick = |sig: &str| {
        hard.iter()
            .find(|(k, ..)| k == sig)
            .and_then(|(k, val, ..)| match parse_threshold(k, val) {
                Ok(Threshold::Percent(p)) => Some((p, val.clone())),
                _ => None,
            })
    };
    let Some((p, raw)) = pick("imagefs.available").or_else(|| pick("nodefs.available")) else {
        return;
    };
    let evict_at = 100.0 - p * 100.0;
    if high as f64 > evict_at {
        d.push(
            Diagnostic::new(Code::KL416, v.at(hfv), format!("image GC starts at {high}% disk usage, after hard eviction already fires at {evict_at}% (available < {raw})"))
                .field("imageGCHighThresholdPercent")
                .help(format!("set imageGCHighThresholdPercent below {evict_at}")),
        );
    }
}

/// Which headers earn the KL417 warning. What is hidden is decided in `secret`: every header.
fn is_credential_header(name: &str) -> bool {
    let k = name.to_ascii_lowercase();
    [
        "authorization",
        "cookie",
        "token",
        "password",
        "secret",
        "api-key",
        "apikey",
        "x-auth",
        "credential",
    ]
    .iter()
    .any(|w| k.contains(w))
}
