//! The cause ids of `kubelet-doctor probes` (probes.md section 5) and a generic one-line remedy
//! for each. The ids are part of the JSON contract: kebab-case, stable, never renamed. The
//! remedy a finding prints is made specific with the probe spec in `remedy.rs`.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    PortUnresolved,
    ExecNotFound,
    SchemeMismatch,
    GrpcUnimplemented,
    GrpcNotServing,
    Dns,
    NoRoute,
    ConnectionRefused,
    ConnectionReset,
    Timeout,
    #[serde(rename = "http-5xx")]
    Http5xx,
    #[serde(rename = "http-4xx")]
    Http4xx,
    ExecFailed,
    Redirect,
    StartupTooSlow,
    Unknown,
}

impl Cause {
    pub const ALL: [Cause; 16] = [
        Cause::PortUnresolved,
        Cause::ExecNotFound,
        Cause::SchemeMismatch,
        Cause::GrpcUnimplemented,
        Cause::GrpcNotServing,
        Cause::Dns,
        Cause::NoRoute,
        Cause::ConnectionRefused,
        Cause::ConnectionReset,
        Cause::Timeout,
        Cause::Http5xx,
        Cause::Http4xx,
        Cause::ExecFailed,
        Cause::Redirect,
        Cause::StartupTooSlow,
        Cause::Unknown,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Cause::PortUnresolved => "port-unresolved",
            Cause::ExecNotFound => "exec-not-found",
            Cause::SchemeMismatch => "scheme-mismatch",
            Cause::GrpcUnimplemented => "grpc-unimplemented",
            Cause::GrpcNotServing => "grpc-not-serving",
            Cause::Dns => "dns",
            Cause::NoRoute => "no-route",
            Cause::ConnectionRefused => "connection-refused",
            Cause::ConnectionReset => "connection-reset",
            Cause::Timeout => "timeout",
            Cause::Http5xx => "http-5xx",
            Cause::Http4xx => "http-4xx",
            Cause::ExecFailed => "exec-failed",
            Cause::Redirect => "redirect",
            Cause::StartupTooSlow => "startup-too-slow",
            Cause::Unknown => "unknown",
        }
    }

    pub fn parse(id: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The fix when nothing more specific is known about the probe.
    pub fn remedy(self) -> &'static str {
        match self {
            Cause::PortUnresolved => {
                "name the port in this container's ports[] or give the probe the port number"
            }
            Cause::ExecNotFound => {
                "the probe command is not in the image: use httpGet/tcpSocket/grpc or an absolute path that exists"
            }
            Cause::SchemeMismatch => {
                "set scheme: HTTPS for a TLS port (certificates are not verified), HTTP otherwise"
            }
            Cause::GrpcUnimplemented => {
                "register the grpc.health.v1.Health service on that port, or use a tcpSocket probe"
            }
            Cause::GrpcNotServing => {
                "the health service answers NOT_SERVING or does not know grpc.service: fix the app state or the service name"
            }
            Cause::Dns => {
                "the node cannot resolve the probe's host (no cluster DNS there): remove host, use a Host header"
            }
            Cause::NoRoute => {
                "the node cannot reach the pod IP: check the node's CNI and host firewall, not the app"
            }
            Cause::ConnectionRefused => {
                "nothing listens on the probed port: check the port and that the app binds 0.0.0.0, not 127.0.0.1"
            }
            Cause::ConnectionReset => {
                "the server or a proxy sidecar closed the connection: probe the app port directly, read app and sidecar logs"
            }
            Cause::Timeout => {
                "no answer within timeoutSeconds: make the handler cheap, raise timeoutSeconds (2-5 s), check CPU throttling"
            }
            Cause::Http5xx => {
                "the app reports itself unhealthy: read its logs; keep dependency checks out of liveness"
            }
            Cause::Http4xx => {
                "404: wrong path; 401/403: exempt the health path from auth; 400/421: set a Host header"
            }
            Cause::ExecFailed => {
                "the probe command exits non-zero: run the same argv with kubectl exec and fix it or the state it tests"
            }
            Cause::Redirect => {
                "the endpoint redirects to another host (a login page?): probe a path that answers 2xx"
            }
            Cause::StartupTooSlow => {
                "add a startupProbe whose failureThreshold x periodSeconds exceeds the start time (or widen the existing one)"
            }
            Cause::Unknown => {
                "read the raw probe output (-o wide) and the container's logs; probe events expire after an hour"
            }
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for c in Cause::ALL {
            assert_eq!(Cause::parse(c.id()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.id());
            assert!(!c.remedy().is_empty());
        }
        assert_eq!(Cause::parse("nope"), None);
    }

    #[test]
    fn the_readme_documents_every_cause() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## `kubelet-doctor probes`").unwrap()..];
        for c in Cause::ALL {
            assert!(
                section.contains(&format!("`{}`", c.id())),
                "{c} is not in the README"
            );
        }
    }
}
