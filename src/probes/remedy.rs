//! The one-line fix of a finding, made specific with the probe spec: the port the probe asks
//! versus the ports the container declares, the timeout it allows, the time liveness gives a
//! container to start. Falls back to the cause's generic remedy.

use super::cause::Cause;
use super::finding::Finding;
use super::message::ProbeKind;
use super::spec::ContainerProbes;
use super::spec::{Handler, Port};

/// `p`: the container's probes and declared ports, for what the spec says.
pub fn remedy(f: &Finding, p: &ContainerProbes) -> String {
    let s = &f.spec;
    let declared = || {
        let ports: Vec<String> = p
            .ports
            .iter()
            .map(|d| match &d.name {
                Some(n) => format!("{} ({n})", d.number),
                None => d.number.to_string(),
            })
            .collect();
        if ports.is_empty() {
            "no ports".to_string()
        } else {
            ports.join(", ")
        }
    };
    let resolved = || s.handler.port().and_then(|port| p.resolve(&port).ok());
    let what = match &s.handler {
        Handler::Http { path, .. } => format!("GET {}", if path.is_empty() { "/" } else { path }),
        Handler::Exec { command } => format!("`{}`", command.join(" ")),
        Handler::Tcp { .. } => "the TCP connect".to_string(),
        Handler::Grpc { .. } => "the gRPC health check".to_string(),
        Handler::None => "the probe".to_string(),
    };
    match f.cause {
        Cause::ConnectionRefused => match resolved() {
            Some(n) if !p.ports.is_empty() && !p.ports.iter().any(|d| d.number == n) => format!(
                "the probe asks port {n}; the container declares {}: point the probe at the port the app listens on",
                declared()
            ),
            Some(n) => format!(
                "nothing listens on port {n}: check the app listens there on 0.0.0.0 (not 127.0.0.1); if it is still starting, add a startupProbe"
            ),
            None => Cause::ConnectionRefused.remedy().to_string(),
        },
        Cause::Timeout => {
            let default = if s.timeout_seconds == 1 {
                " (the default)"
            } else {
                ""
            };
            format!(
                "timeoutSeconds is {}{default} and {what} did not answer in time: time it from inside the pod, then raise timeoutSeconds (2-5 s) or make it cheaper",
                s.timeout_seconds
            )
        }
        Cause::PortUnresolved => match s.handler.port() {
            // The events say unresolvable but the spec declares it: a port of another
            // container (a sidecar) is not found either, yet this one is; say what is known.
            Some(Port::Name(name)) if p.resolve(&Port::Name(name.clone())).is_ok() => format!(
                "the kubelet could not resolve port {name:?} although container {} declares it: check the events belong to this pod's spec; use the port number",
                f.container
            ),
            Some(Port::Name(name)) => format!(
                "the probe names port {name:?}; container {} declares {}: add name: {name} to its port or use the number (results are discarded, so it never fails, it just never passes)",
                f.container,
                declared()
            ),
            _ => Cause::PortUnresolved.remedy().to_string(),
        },
        Cause::SchemeMismatch => match (&s.handler, resolved()) {
            (Handler::Http { scheme, .. }, Some(n)) if scheme == "https" => {
                format!("scheme is HTTPS but port {n} speaks plain HTTP: set scheme: HTTP")
            }
            (Handler::Http { .. }, Some(n)) => format!(
                "scheme is HTTP but port {n} speaks TLS: set scheme: HTTPS (certificates are not verified)"
            ),
            _ => Cause::SchemeMismatch.remedy().to_string(),
        },
        Cause::Http4xx | Cause::Http5xx => {
            let code = f
                .message
                .as_deref()
                .and_then(|m| m.rsplit_once("statuscode: "))
                .map(|(_, c)| c.trim().to_string())
                .unwrap_or_default();
            match (f.cause, code.as_str()) {
                (Cause::Http4xx, "404") => {
                    format!("{what} answers 404: set httpGet.path to the app's health endpoint")
                }
                (Cause::Http4xx, "401" | "403") => {
                    format!("{what} answers {code}: exempt the health path from authentication")
                }
                (Cause::Http5xx, _) if f.probe == ProbeKind::Liveness => format!(
                    "{what} answers {code}: the app reports itself unhealthy (read its logs); keep dependency checks out of liveness"
                ),
                (Cause::Http5xx, _) => format!(
                    "{what} answers {code}: the app reports itself unhealthy; read its logs at the event times"
                ),
                _ => f.cause.remedy().to_string(),
            }
        }
        Cause::ExecNotFound => match &s.handler {
            Handler::Exec { command } if !command.is_empty() => format!(
                "{:?} is not in the image: use an httpGet/tcpSocket/grpc probe or a binary the image has",
                command[0]
            ),
            _ => Cause::ExecNotFound.remedy().to_string(),
        },
        Cause::ExecFailed => format!(
            "{what} exits non-zero: run it with kubectl exec -c {} and fix the command or the state it tests",
            f.container
        ),
        Cause::Dns => match &s.handler {
            Handler::Http { host: Some(h), .. } | Handler::Tcp { host: Some(h), .. } => format!(
                "host {h:?} is resolved by the node, not by cluster DNS: remove host (use a Host header for virtual hosts)"
            ),
            _ => Cause::Dns.remedy().to_string(),
        },
        Cause::StartupTooSlow => {
            let t = s.kill_after();
            let how = format!(
                "initialDelaySeconds {} + {} x {} s",
                s.initial_delay_seconds, s.failure_threshold, s.period_seconds
            );
            if f.probe == ProbeKind::Startup {
                format!(
                    "the startupProbe gives up {t} s after start ({how}) before the app is up: raise its failureThreshold"
                )
            } else {
                format!(
                    "liveness kills the container {t} s after start ({how}) before it has started: add a startupProbe with failureThreshold x periodSeconds above the start time"
                )
            }
        }
        Cause::Redirect => {
            format!("{what} redirects to another host: probe a path that answers 2xx")
        }
        other => other.remedy().to_string(),
    }
}
