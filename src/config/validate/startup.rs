//! What cmd/kubelet/app/server.go parses at start-up, outside validation, and aborts on:
//! `qosReserved`, `kubeReserved`/`systemReserved` resource lists, TLS cipher suites, minimum
//! version and curve preferences.

use super::*;

pub(super) fn qos_reserved(o: &mut Out) {
    let v = o.v;
    let Some(fv) = v.get(crate::field!("qosReserved")) else {
        return;
    };
    let map = fv.val.as_map();
    if map.is_empty() {
        return;
    }
    if !v.gates.enabled("QOSReserved") {
        o.gate_required(
            Some(fv),
            "qosReserved",
            "QOSReserved",
            "qos-reserved requires feature gate QOSReserved",
        );
    }
    for m in map {
        let val = m.val.as_str().unwrap_or_default();
        if m.key != "memory" {
            o.emit(
                Diagnostic::new(
                    Code::KL209,
                    Some(m.key_span),
                    format!(
                        "qosReserved only supports memory, not {}",
                        go_quote(&clean(&m.key))
                    ),
                )
                .field("qosReserved")
                .kubelet(format!(
                    "--qos-reserved value failed to parse: cannot reserve {} resource",
                    go_quote(&m.key)
                ))
                .help("use `memory: \"50%\"`"),
            );
            continue;
        }
        let ok = val
            .strip_suffix('%')
            .and_then(|n| n.parse::<i64>().ok())
            .is_some_and(|n| (0..=100).contains(&n));
        if !ok {
            o.emit(
                Diagnostic::new(
                    Code::KL209,
                    Some(m.span),
                    format!(
                        "qosReserved memory {} is not a percentage 0%..100%",
                        go_quote(&clean(val))
                    ),
                )
                .field("qosReserved.memory")
                .kubelet(format!(
                    "--qos-reserved value failed to parse: invalid percentage: {}",
                    go_quote(val)
                ))
                .help("write an integer percentage such as \"50%\""),
            );
        }
    }
}

pub(super) fn reserved_resources(o: &mut Out, path: &str, flag: &str) {
    let Some(fv) = o.v.get(path) else { return };
    for m in fv.val.as_map() {
        let val = m.val.as_str().unwrap_or_default();
        let p = format!("{path}.{}", m.key);
        match m.key.as_str() {
            "cpu" | "memory" | "ephemeral-storage" | "pid" => {}
            other => {
                let help = schema::suggest_in(
                    ["cpu", "memory", "ephemeral-storage", "pid"].into_iter(),
                    other,
                )
                .map_or(
                    "reserve only cpu, memory, ephemeral-storage or pid".to_string(),
                    |s| format!("did you mean {s:?}?"),
                );
                o.emit(
                    Diagnostic::new(
                        Code::KL206,
                        Some(m.key_span),
                        format!("{path} cannot reserve {}", go_quote(&clean(other))),
                    )
                    .field(&p)
                    .kubelet(format!(
                        "--{flag} value failed to parse: cannot reserve {} resource",
                        go_quote(other)
                    ))
                    .help(&help),
                );
                continue;
            }
        }
        match quantity::parse(val) {
            Err(e) => o.emit(Diagnostic::new(Code::KL206, Some(m.span), format!("`{p}` {} is not a valid quantity: {e}", go_quote(&clean(val)))).field(&p).kubelet(format!("--{flag} value failed to parse: {e}")).help("use a quantity such as 500m (cpu) or 1Gi (memory)")),
            Ok(q) if q.negative => o.emit(Diagnostic::new(Code::KL206, Some(m.span), format!("`{p}` is negative")).field(&p).kubelet(format!("--{flag} value failed to parse: resource quantity for {} cannot be negative: {val}", go_quote(&m.key))).help("reserve zero or a positive amount")),
            Ok(q) if q.milli && matches!(m.key.as_str(), "memory" | "ephemeral-storage") => o.emit(Diagnostic::new(Code::KL418, Some(m.span), format!("`{p}` {} is {} bytes (`m` is milli)", go_quote(val), q.value)).field(&p).help("use Mi/Gi or M/G")),
            Ok(_) => {}
        }
    }
}

pub const STRONG_CIPHERS: &[&str] = &[
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
];

/// Cipher suite names known to component-base (Go's secure and insecure lists plus aliases).
pub const KNOWN_CIPHERS: &[&str] = &[
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
    "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_RC4_128_SHA",
];

pub(super) fn tls(o: &mut Out) {
    let v = o.v;
    if let Some(fv) = v.get(crate::field!("tlsCipherSuites")) {
        for it in fv.val.as_list() {
            let name = it.val.as_str().unwrap_or_default();
            if !KNOWN_CIPHERS.contains(&name) {
                let help = schema::suggest_in(KNOWN_CIPHERS.iter().copied(), name).map_or_else(
                    || {
                        "use Go cipher suite names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
                            .to_string()
                    },
                    |s| format!("did you mean {s}?"),
                );
                o.emit(
                    Diagnostic::new(
                        Code::KL207,
                        Some(it.span),
                        format!("unknown cipher suite {}", go_quote(&clean(name))),
                    )
                    .field("tlsCipherSuites")
                    .kubelet(format!(
                        "Cipher suite {name} not supported or doesn't exist"
                    ))
                    .help(&help),
                );
            }
        }
    }
    curves(o);
    let (ver, fv) = v.str(crate::field!("tlsMinVersion"));
    if !ver.is_empty() {
        let known = [
            "VersionTLS10",
            "VersionTLS11",
            "VersionTLS12",
            "VersionTLS13",
        ];
        if !known.contains(&ver) {
            let help = schema::suggest_in(known.iter().copied(), ver).map_or_else(
                || "use VersionTLS12 or VersionTLS13".to_string(),
                |s| format!("did you mean {s}?"),
            );
            o.emit(
                Diagnostic::new(
                    Code::KL208,
                    v.at(fv),
                    format!("unknown TLS version {}", go_quote(&clean(ver))),
                )
                .field("tlsMinVersion")
                .kubelet(format!("unknown tls version {}", go_quote(ver)))
                .help(&help),
            );
        } else if matches!(ver, "VersionTLS10" | "VersionTLS11") {
            o.emit(
                Diagnostic::new(
                    Code::KL419,
                    v.at(fv),
                    format!("`tlsMinVersion: {ver}` allows deprecated TLS versions"),
                )
                .field("tlsMinVersion")
                .help("use VersionTLS12 or VersionTLS13"),
            );
        }
    }
}

/// Go `crypto/tls` CurveIDs whose `String()` is a name: P-256, P-384, P-521, X25519 and
/// X25519MLKEM768 (Go 1.24+), plus SecP256r1MLKEM768 and SecP384r1MLKEM1024 (Go 1.26). Which
/// of the last two a kubelet accepts depends on the Go release it was built with; they are
/// accepted here rather than guessed wrong.
pub const KNOWN_CURVES: &[(i64, &str)] = &[
    (23, "CurveP256"),
    (24, "CurveP384"),
    (25, "CurveP521"),
    (29, "X25519"),
    (4587, "SecP256r1MLKEM768"),
    (4588, "X25519MLKEM768"),
    (4589, "SecP384r1MLKEM1024"),
];

/// `tlsCurvePreferences` (1.36+): numeric CurveIDs, parsed at start-up by component-base
/// `cliflag.TLSCurvePreferences`, which stops at the first bad entry.
pub(super) fn curves(o: &mut Out) {
    let v = o.v;
    if v.minor < 36 {
        return;
    }
    let Some(fv) = v.get(crate::field!("tlsCurvePreferences")) else {
        return;
    };
    let mut seen: Vec<i64> = Vec::new();
    for it in fv.val.as_list() {
        let TVal::Int(id) = it.val else { continue };
        let (msg, kubelet) = if !(1..=65535).contains(&id) {
            (
                format!("curve ID {id} is out of range"),
                format!("curve preference {id} is out of range (must be 1-65535)"),
            )
        } else if seen.contains(&id) {
            (
                format!("curve ID {id} is listed twice"),
                format!("duplicate curve preference {id}"),
            )
        } else if !KNOWN_CURVES.iter().any(|(c, _)| *c == id) {
            (
                format!("curve ID {id} is not a curve Go's crypto/tls knows"),
                format!("curve preference {id} is not supported by the current Go version"),
            )
        } else {
            seen.push(id);
            continue;
        };
        o.emit(Diagnostic::new(Code::KL211, Some(it.span), msg).field("tlsCurvePreferences").kubelet(kubelet).help("use numeric Go CurveIDs, each once: 23 (P-256), 24 (P-384), 25 (P-521), 29 (X25519), 4588 (X25519MLKEM768)"));
        return;
    }
}
