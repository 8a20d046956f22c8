//! The `tracing` section: component-base's `ValidateTracingConfiguration`
//! (k8s.io/component-base/tracing/api/v1/config.go), which validation.go calls.

use super::*;

/// validation.go runs component-base `ValidateTracingConfiguration` when KubeletTracing is on;
/// kubelets where the gate could be off (≤1.33) reject any `tracing` with it off.
pub(super) fn tracing(o: &mut Out) {
    let v = o.v;
    let Some(t) = v.get(crate::field!("tracing")) else {
        return;
    };
    if !v.gates.enabled("KubeletTracing") {
        o.gate_required(
            Some(t),
            "tracing",
            "KubeletTracing",
            "tracing should not be configured if KubeletTracing feature flag is disabled.",
        );
        return;
    }
    if let Some((rate, fv)) = v.opt_int(crate::field!("tracing.samplingRatePerMillion"))
        && !(0..=1_000_000).contains(&rate)
    {
        let why = if rate < 0 {
            "sampling rate must be positive"
        } else {
            "sampling rate per million must be less than or equal to one million"
        };
        o.emit(
            Diagnostic::new(
                Code::KL103,
                Some(fv.span),
                format!("`tracing.samplingRatePerMillion` is {rate}; it must be 0..1000000"),
            )
            .field("tracing.samplingRatePerMillion")
            .kubelet(format!(
                "tracing.samplingRatePerMillion: Invalid value: {rate}: {why}"
            ))
            .help("use a value from 0 to 1000000"),
        );
    }
    if let Some(fv) = v.get(crate::field!("tracing.endpoint")) {
        let ep = fv.val.as_str().unwrap_or_default();
        if let Err(why) = tracing_endpoint(ep) {
            // component-base reports the endpoint with `dns://` prepended when it had no `//`.
            let shown = if ep.contains("//") {
                ep.to_string()
            } else {
                format!("dns://{ep}")
            };
            o.emit(Diagnostic::new(Code::KL120, Some(fv.span), format!(
                    "`tracing.endpoint` {} is not a valid gRPC target: {}",
                    go_quote(&clean(ep)),
                    clean(&why)
                )).field("tracing.endpoint").kubelet(format!(
                    "tracing.endpoint: Invalid value: {}: {why}",
                    go_quote(&shown)
                )).help("use host:port (e.g. localhost:4317), dns://host:port or unix:///path/to/socket"));
        }
    }
}

/// component-base `validateEndpoint`: without `//` the endpoint gets `dns://` prepended, is
/// parsed as a URL and its scheme must be dns, unix or unix-abstract. Go's `url.Parse` is
/// modelled for the errors a config file meets (control characters, bad port, bad host).
pub fn tracing_endpoint(ep: &str) -> Result<(), String> {
    let full = if ep.contains("//") {
        ep.to_string()
    } else {
        format!("dns://{ep}")
    };
    let q = go_quote(&full);
    if full.chars().any(|c| (c as u32) < 0x20 || c as u32 == 0x7f) {
        return Err(format!(
            "parse {q}: net/url: invalid control character in URL"
        ));
    }
    let Some((scheme, rest)) = full.split_once(':') else {
        return Err(format!("parse {q}: missing protocol scheme"));
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err(format!(
            "parse {q}: first path segment in URL cannot contain colon"
        ));
    }
    let scheme = scheme.to_ascii_lowercase();
    if let Some(auth) = rest.strip_prefix("//") {
        let auth = auth.split(['/', '?', '#']).next().unwrap_or_default();
        let host = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
        if host.contains(' ') {
            return Err(format!("parse {q}: invalid character \" \" in host name"));
        }
        if !host.starts_with('[')
            && let Some((_, port)) = host.rsplit_once(':')
            && !port.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(format!(
                "parse {q}: invalid port {} after host",
                go_quote(&format!(":{port}"))
            ));
        }
    }
    match scheme.as_str() {
        "dns" | "unix" | "unix-abstract" => Ok(()),
        other => Err(format!(
            "unsupported scheme: {other}.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md"
        )),
    }
}
