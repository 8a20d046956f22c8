//! Probe output -> cause id: an ordered table of signatures (probes.md section 5), first hit
//! wins, inner causes before the wrappers that carry them. The handler type and whether the
//! port looks like TLS disambiguate the few signatures that need it. Derived causes
//! (`startup-too-slow`) are decided later, from history, in `finding.rs`.

use super::cause::Cause;
use super::message::Verdict;

/// What the classifier knows about the probe beyond its output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub exec: bool,
    pub grpc: bool,
    /// An HTTP probe with scheme HTTP on a port that looks like TLS (name or number).
    pub http_on_tls_port: bool,
}

type Test = fn(&str, Context) -> bool;

/// Ordered: the first signature that matches names the cause.
const SIGNATURES: &[(Cause, Test)] = &[
    (Cause::PortUnresolved, |o, _| {
        o.contains("strconv.Atoi: parsing \"") || o.contains("invalid port number")
    }),
    (Cause::ExecNotFound, |o, c| {
        o.contains("executable file not found in $PATH")
            || (c.exec && o.contains("no such file or directory"))
    }),
    (Cause::SchemeMismatch, |o, c| {
        o.contains("server gave HTTP response to HTTPS client")
            || o.contains("first record does not look like a TLS handshake")
            || o.contains("malformed HTTP response")
            || (c.http_on_tls_port && status_code(o) == Some(400))
    }),
    (Cause::GrpcUnimplemented, |o, _| {
        o.contains("does not implement the grpc health protocol")
    }),
    (Cause::GrpcNotServing, |o, c| {
        o.contains("service unhealthy (responded with") || (c.grpc && o.contains("code = NotFound"))
    }),
    (Cause::Dns, |o, _| {
        o.contains("lookup ") && (o.contains("no such host") || o.contains("server misbehaving"))
    }),
    (Cause::NoRoute, |o, _| {
        o.contains("no route to host") || o.contains("network is unreachable")
    }),
    (Cause::ConnectionRefused, |o, _| {
        o.contains("connection refused")
    }),
    (Cause::ConnectionReset, |o, _| {
        o.contains("connection reset by peer")
            || o.contains("broken pipe")
            || o.trim_end().ends_with(": EOF")
    }),
    (Cause::Timeout, |o, _| {
        o.contains("Client.Timeout exceeded")
            || o.contains("Client.Timeout or context cancellation")
            || o.contains("i/o timeout")
            || o.contains("context deadline exceeded")
            || o.contains("timed out")
            || o.contains("did not complete within")
            || within_seconds(o)
    }),
    (Cause::Http5xx, |o, _| {
        status_code(o).is_some_and(|c| (500..600).contains(&c))
    }),
    (Cause::Http4xx, |o, _| {
        status_code(o).is_some_and(|c| (400..500).contains(&c))
    }),
];

/// The cause of one probe event's output. `verdict` is the event's verb: a `ProbeWarning` with
/// a redirect text is `redirect`; an exec probe that *failed* for none of the known reasons is
/// `exec-failed` (its output is the command's own, often empty).
pub fn classify(output: &str, verdict: Verdict, ctx: Context) -> Cause {
    // The HTTP prober's redirect to another host is the only `Warning` result. Its text is
    // `Probe terminated redirects, Response body: ...` in current kubelets, but older ones
    // (pkg/probe/http/http.go before the text was added) sent the bare response body.
    if verdict == Verdict::Warning {
        return Cause::Redirect;
    }
    if let Some((cause, _)) = SIGNATURES.iter().find(|(_, test)| test(output, ctx)) {
        return *cause;
    }
    if ctx.exec && verdict == Verdict::Failed {
        return Cause::ExecFailed;
    }
    Cause::Unknown
}

/// `HTTP probe failed with statuscode: 503` -> 503.
fn status_code(o: &str) -> Option<u16> {
    let (_, rest) = o.split_once("HTTP probe failed with statuscode: ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// gRPC's `... within 1s` / `within 1.5s`.
fn within_seconds(o: &str) -> bool {
    o.match_indices("within ").any(|(i, w)| {
        let rest = &o[i + w.len()..];
        let num: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        !num.is_empty() && rest[num.len()..].starts_with('s')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTTP: Context = Context {
        exec: false,
        grpc: false,
        http_on_tls_port: false,
    };
    const EXEC: Context = Context {
        exec: true,
        grpc: false,
        http_on_tls_port: false,
    };
    const GRPC: Context = Context {
        exec: false,
        grpc: true,
        http_on_tls_port: false,
    };
    const TLS: Context = Context {
        exec: false,
        grpc: false,
        http_on_tls_port: true,
    };

    /// Outputs as probes.md section 3 quotes them (HTTP, TCP, exec, gRPC), with their cause.
    #[test]
    fn every_documented_output() {
        use Cause::*;
        use Verdict::*;
        let cases: &[(&str, Verdict, Context, Cause)] = &[
            // 3.5 port resolution
            (
                "strconv.Atoi: parsing \"http\": invalid syntax",
                Errored,
                HTTP,
                PortUnresolved,
            ),
            ("invalid port number: 0", Errored, HTTP, PortUnresolved),
            // 3.3 exec
            (
                "rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"4f1e\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown",
                Errored,
                EXEC,
                ExecNotFound,
            ),
            (
                "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/bin/check\": stat /bin/check: no such file or directory: unknown",
                Failed,
                EXEC,
                ExecNotFound,
            ),
            (
                "command \"sh -c pg_isready -h localhost\" timed out",
                Failed,
                EXEC,
                Timeout,
            ),
            (
                "rpc error: code = DeadlineExceeded desc = failed to exec in container: timeout 1s exceeded: context deadline exceeded",
                Errored,
                EXEC,
                Timeout,
            ),
            ("", Failed, EXEC, ExecFailed),
            (
                "cat: can't open '/tmp/healthy': No such file or directory\n",
                Failed,
                EXEC,
                ExecFailed,
            ),
            // 3.1 HTTP
            (
                "Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused",
                Failed,
                HTTP,
                ConnectionRefused,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
                Failed,
                HTTP,
                Timeout,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: i/o timeout (Client.Timeout exceeded while awaiting headers)",
                Failed,
                HTTP,
                Timeout,
            ),
            (
                "Get \"http://10.244.1.7:8080/big\": net/http: request canceled (Client.Timeout or context cancellation while reading body)",
                Errored,
                HTTP,
                Timeout,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": read tcp 10.244.1.1:40312->10.244.1.7:8080: read: connection reset by peer",
                Failed,
                HTTP,
                ConnectionReset,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": EOF",
                Failed,
                HTTP,
                ConnectionReset,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": write tcp 10.244.1.1:40312->10.244.1.7:8080: write: broken pipe",
                Failed,
                HTTP,
                ConnectionReset,
            ),
            (
                "Get \"https://10.244.1.7:8080/healthz\": http: server gave HTTP response to HTTPS client",
                Failed,
                HTTP,
                SchemeMismatch,
            ),
            (
                "Get \"https://10.244.1.7:8080/healthz\": tls: first record does not look like a TLS handshake",
                Failed,
                HTTP,
                SchemeMismatch,
            ),
            (
                "Get \"http://10.244.1.7:8443/healthz\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \"\\x15\\x03\\x01\\x00\\x02\\x02\"",
                Failed,
                HTTP,
                SchemeMismatch,
            ),
            (
                "HTTP probe failed with statuscode: 400",
                Failed,
                TLS,
                SchemeMismatch,
            ),
            (
                "HTTP probe failed with statuscode: 400",
                Failed,
                HTTP,
                Http4xx,
            ),
            (
                "HTTP probe failed with statuscode: 404",
                Failed,
                HTTP,
                Http4xx,
            ),
            (
                "HTTP probe failed with statuscode: 503",
                Failed,
                HTTP,
                Http5xx,
            ),
            (
                "HTTP probe failed with statuscode: 500",
                Failed,
                TLS,
                Http5xx,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: no route to host",
                Failed,
                HTTP,
                NoRoute,
            ),
            (
                "Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: network is unreachable",
                Failed,
                HTTP,
                NoRoute,
            ),
            (
                "Get \"http://db.shop.svc:8080/healthz\": dial tcp: lookup db.shop.svc on 10.0.0.2:53: no such host",
                Failed,
                HTTP,
                Dns,
            ),
            (
                "Get \"http://db:8080/\": dial tcp: lookup db on 127.0.0.53:53: server misbehaving",
                Failed,
                HTTP,
                Dns,
            ),
            (
                "Get \"https://10.244.1.7:8443/healthz\": remote error: tls: certificate required",
                Failed,
                HTTP,
                Unknown,
            ),
            (
                "Get \"http://10.244.1.7:8080/\": stopped after 10 redirects",
                Failed,
                HTTP,
                Unknown,
            ),
            (
                "Probe terminated redirects, Response body: <a href=\"https://sso.example.com/login\">Found</a>.",
                Warning,
                HTTP,
                Redirect,
            ),
            // Older kubelets sent the redirect's bare body.
            (
                "<a href=\"https://sso.example.com/login\">Found</a>.",
                Warning,
                HTTP,
                Redirect,
            ),
            // 3.2 TCP
            (
                "dial tcp 10.244.1.7:5432: connect: connection refused",
                Failed,
                HTTP,
                ConnectionRefused,
            ),
            (
                "dial tcp 10.244.1.7:5432: i/o timeout",
                Failed,
                HTTP,
                Timeout,
            ),
            // 3.4 gRPC
            (
                "timeout: failed to connect service \"10.244.1.7:9090\" within 1s: context deadline exceeded",
                Failed,
                GRPC,
                Timeout,
            ),
            (
                "timeout: failed to connect service \"10.244.1.7:9090\" within 2s",
                Failed,
                GRPC,
                Timeout,
            ),
            (
                "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health",
                Failed,
                GRPC,
                GrpcUnimplemented,
            ),
            (
                "timeout: health rpc did not complete within 1s",
                Failed,
                GRPC,
                Timeout,
            ),
            (
                "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service",
                Failed,
                GRPC,
                GrpcNotServing,
            ),
            (
                "service unhealthy (responded with \"NOT_SERVING\")",
                Failed,
                GRPC,
                GrpcNotServing,
            ),
            (
                "service unhealthy (responded with \"UNKNOWN\")",
                Failed,
                GRPC,
                GrpcNotServing,
            ),
            (
                "error: failed to connect service at \"10.244.1.7:9090\": dial tcp 10.244.1.7:9090: connect: connection refused",
                Failed,
                GRPC,
                ConnectionRefused,
            ),
            // Runtime errors and friends stay unknown (probes.md 5, `unknown`).
            (
                "rpc error: code = Unknown desc = command error: cannot register an exec PID: container is stopping, stdout: , stderr: , exit code -1",
                Errored,
                EXEC,
                Unknown,
            ),
            ("", Failed, HTTP, Unknown),
        ];
        for (output, verdict, ctx, want) in cases {
            assert_eq!(classify(output, *verdict, *ctx), *want, "{output:?}");
        }
    }

    #[test]
    fn order_puts_inner_causes_first() {
        // A refused dial inside a DNS-named URL is the refusal, not DNS.
        assert_eq!(
            classify(
                "Get \"http://lookup.example:80/\": dial tcp 10.0.0.1:80: connect: connection refused",
                Verdict::Failed,
                HTTP
            ),
            Cause::ConnectionRefused
        );
        // A status code in the body of a redirect warning is still a redirect.
        assert_eq!(
            classify(
                "Probe terminated redirects, Response body: HTTP probe failed with statuscode: 500",
                Verdict::Warning,
                HTTP
            ),
            Cause::Redirect
        );
        // `within` without a duration is not a timeout.
        assert_eq!(
            classify("not within reach", Verdict::Failed, HTTP),
            Cause::Unknown
        );
    }
}
