//! A container's probe spec, with the API defaults applied (probes.md 1.3) and ports resolved
//! the way the kubelet resolves them (`probe.ResolveContainerPort`, probes.md 3.5): what the
//! classifier needs to tell a TLS port, and what remedies quote.

use k8s_openapi::api::core::v1::{Container, ContainerPort, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::Serialize;

use super::message::ProbeKind;

/// A probe's port as written: a number or a `containerPort` name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Port {
    Number(i32),
    Name(String),
}

impl std::fmt::Display for Port {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Port::Number(n) => write!(f, "{n}"),
            Port::Name(s) => write!(f, "{s:?}"),
        }
    }
}

impl From<&IntOrString> for Port {
    fn from(p: &IntOrString) -> Port {
        match p {
            IntOrString::Int(n) => Port::Number(*n),
            IntOrString::String(s) => Port::Name(s.clone()),
        }
    }
}

/// The probe's handler (exactly one per probe; `None` when the spec names none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Handler {
    #[serde(rename = "httpGet")]
    Http {
        /// Lower-cased, `http` by default.
        scheme: String,
        host: Option<String>,
        port: Port,
        path: String,
    },
    #[serde(rename = "tcpSocket")]
    Tcp {
        host: Option<String>,
        port: Port,
    },
    Exec {
        command: Vec<String>,
    },
    Grpc {
        port: i32,
        service: Option<String>,
    },
    None,
}

impl Handler {
    pub fn name(&self) -> &'static str {
        match self {
            Handler::Http { .. } => "http",
            Handler::Tcp { .. } => "tcp",
            Handler::Exec { .. } => "exec",
            Handler::Grpc { .. } => "grpc",
            Handler::None => "-",
        }
    }

    pub fn port(&self) -> Option<Port> {
        match self {
            Handler::Http { port, .. } | Handler::Tcp { port, .. } => Some(port.clone()),
            Handler::Grpc { port, .. } => Some(Port::Number(*port)),
            Handler::Exec { .. } | Handler::None => None,
        }
    }
}

/// One probe with the API defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeSpec {
    pub handler: Handler,
    pub initial_delay_seconds: i32,
    pub period_seconds: i32,
    pub timeout_seconds: i32,
    pub failure_threshold: i32,
    pub success_threshold: i32,
}

impl ProbeSpec {
    pub fn new(p: &Probe) -> ProbeSpec {
        let handler = if let Some(h) = &p.http_get {
            Handler::Http {
                scheme: h.scheme.as_deref().unwrap_or("HTTP").to_ascii_lowercase(),
                host: h.host.clone().filter(|h| !h.is_empty()),
                port: Port::from(&h.port),
                path: h.path.clone().unwrap_or_default(),
            }
        } else if let Some(t) = &p.tcp_socket {
            Handler::Tcp {
                host: t.host.clone().filter(|h| !h.is_empty()),
                port: Port::from(&t.port),
            }
        } else if let Some(e) = &p.exec {
            Handler::Exec {
                command: e.command.clone().unwrap_or_default(),
            }
        } else if let Some(g) = &p.grpc {
            Handler::Grpc {
                port: g.port,
                service: g.service.clone(),
            }
        } else {
            Handler::None
        };
        // The API server defaults these; a zero or negative value never reaches a kubelet, so
        // it is read as unset rather than trusted into a division or a window.
        let or = |v: Option<i32>, d: i32, min: i32| v.filter(|&v| v >= min).unwrap_or(d);
        ProbeSpec {
            handler,
            initial_delay_seconds: or(p.initial_delay_seconds, 0, 0),
            period_seconds: or(p.period_seconds, 10, 1),
            timeout_seconds: or(p.timeout_seconds, 1, 1),
            failure_threshold: or(p.failure_threshold, 3, 1),
            success_threshold: or(p.success_threshold, 1, 1),
        }
    }

    /// Seconds from container start to the earliest kill (probes.md 1.5, grace excluded):
    /// `initialDelaySeconds + failureThreshold x periodSeconds`.
    pub fn kill_after(&self) -> i64 {
        i64::from(self.initial_delay_seconds)
            + i64::from(self.failure_threshold) * i64::from(self.period_seconds)
    }
}

/// The probes of one container, and the ports it declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerProbes {
    pub liveness: Option<ProbeSpec>,
    pub readiness: Option<ProbeSpec>,
    pub startup: Option<ProbeSpec>,
    pub ports: Vec<DeclaredPort>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeclaredPort {
    pub name: Option<String>,
    pub number: i32,
}

impl ContainerProbes {
    pub fn of(c: &Container) -> ContainerProbes {
        ContainerProbes {
            liveness: c.liveness_probe.as_ref().map(ProbeSpec::new),
            readiness: c.readiness_probe.as_ref().map(ProbeSpec::new),
            startup: c.startup_probe.as_ref().map(ProbeSpec::new),
            ports: c.ports.iter().flatten().map(declared).collect(),
        }
    }

    pub fn get(&self, kind: ProbeKind) -> Option<&ProbeSpec> {
        match kind {
            ProbeKind::Liveness => self.liveness.as_ref(),
            ProbeKind::Readiness => self.readiness.as_ref(),
            ProbeKind::Startup => self.startup.as_ref(),
        }
    }

    pub fn any(&self) -> bool {
        self.liveness.is_some() || self.readiness.is_some() || self.startup.is_some()
    }

    /// `ResolveContainerPort`: a number as is; a name looked up in this container's ports, else
    /// parsed as a number. `Err` carries the kubelet's error text.
    pub fn resolve(&self, port: &Port) -> Result<i32, String> {
        let n = match port {
            Port::Number(n) => *n,
            Port::Name(name) => match self
                .ports
                .iter()
                .find(|p| p.name.as_deref() == Some(name.as_str()))
            {
                Some(p) => p.number,
                None => name
                    .parse::<i32>()
                    .map_err(|_| format!("strconv.Atoi: parsing {name:?}: invalid syntax"))?,
            },
        };
        if (1..=65535).contains(&n) {
            Ok(n)
        } else {
            Err(format!("invalid port number: {n}"))
        }
    }

    /// Whether the port looks like it speaks TLS: named `https`, `tls` or `*-tls`/`*-https`,
    /// or numbered 443, 6443, 8443, 9443, 10250 (probes.md 3.1 and 6).
    pub fn tls_port(&self, port: &Port) -> bool {
        let by_name = |n: &str| {
            let n = n.to_ascii_lowercase();
            n == "https" || n == "tls" || n.ends_with("-tls") || n.ends_with("-https")
        };
        if let Port::Name(n) = port
            && by_name(n)
        {
            return true;
        }
        let Ok(n) = self.resolve(port) else {
            return false;
        };
        TLS_PORTS.contains(&n)
            || self
                .ports
                .iter()
                .any(|p| p.number == n && p.name.as_deref().is_some_and(by_name))
    }
}

/// Port numbers conventionally serving TLS.
pub const TLS_PORTS: [i32; 5] = [443, 6443, 8443, 9443, 10250];

fn declared(p: &ContainerPort) -> DeclaredPort {
    DeclaredPort {
        name: p.name.clone().filter(|n| !n.is_empty()),
        number: p.container_port,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn container(v: serde_json::Value) -> ContainerProbes {
        ContainerProbes::of(&serde_json::from_value(v).unwrap())
    }

    #[test]
    fn defaults_and_handlers() {
        let c = container(json!({"name": "app",
            "ports": [{"containerPort": 8080, "name": "http"}, {"containerPort": 8443, "name": "web-tls"}],
            "livenessProbe": {"httpGet": {"port": "http", "path": "/healthz", "scheme": "HTTPS"}},
            "readinessProbe": {"tcpSocket": {"port": 5432}, "periodSeconds": 0, "timeoutSeconds": 3},
            "startupProbe": {"exec": {"command": ["cat", "/tmp/ok"]}, "failureThreshold": 30}}));
        let l = c.liveness.as_ref().unwrap();
        assert_eq!(
            (
                l.period_seconds,
                l.timeout_seconds,
                l.failure_threshold,
                l.kill_after()
            ),
            (10, 1, 3, 30)
        );
        assert!(matches!(&l.handler, Handler::Http { scheme, .. } if scheme == "https"));
        let r = c.readiness.as_ref().unwrap();
        assert_eq!((r.period_seconds, r.timeout_seconds), (10, 3));
        assert_eq!(c.startup.as_ref().unwrap().kill_after(), 300);
        assert_eq!(c.resolve(&Port::Name("http".into())), Ok(8080));
        assert_eq!(c.resolve(&Port::Name("8081".into())), Ok(8081));
        assert_eq!(
            c.resolve(&Port::Name("metrics".into())),
            Err("strconv.Atoi: parsing \"metrics\": invalid syntax".into())
        );
        assert_eq!(
            c.resolve(&Port::Number(70000)),
            Err("invalid port number: 70000".into())
        );
        assert!(c.tls_port(&Port::Number(8443)));
        assert!(c.tls_port(&Port::Name("web-tls".into())));
        assert!(c.tls_port(&Port::Name("https".into())));
        assert!(!c.tls_port(&Port::Name("http".into())));
        assert!(!c.tls_port(&Port::Number(8080)));
    }
}
