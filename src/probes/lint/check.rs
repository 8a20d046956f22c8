//! The rules of `probes lint`, one function per rule over one container: the typed probes
//! (`spec.rs`, API defaults applied) decide, the source tree gives each finding its position.
//! The same functions serve manifests and, later, the cluster's workloads.

use std::net::IpAddr;

use super::manifest::{Found, at};
use super::rules::Code;
use crate::config::Severity;
use crate::config::tree::{Node, Span, Value};
use crate::probes::message::ProbeKind;
use crate::probes::spec::{ContainerProbes, Handler, Port, ProbeSpec};

/// One finding of `probes lint`.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub object: String,
    pub container: String,
    pub probe: Option<ProbeKind>,
    /// Field path of the offending field: `spec.containers[0].livenessProbe.httpGet.port`.
    pub field: String,
    pub message: String,
    pub help: String,
}

/// Images that typically take long to start (JVMs, search engines, model servers).
const SLOW_IMAGES: &[&str] = &[
    "java",
    "jdk",
    "jre",
    "temurin",
    "corretto",
    "spring",
    "tomcat",
    "jboss",
    "wildfly",
    "keycloak",
    "elasticsearch",
    "opensearch",
    "kafka",
    "zookeeper",
    "solr",
    "jenkins",
    "sonarqube",
    "nexus",
    "cassandra",
    "vllm",
    "text-generation-inference",
    "tritonserver",
    "ollama",
    "pytorch",
    "tensorflow",
];

/// Programs whose start costs more than a probe should every few seconds.
const HEAVY: &[&str] = &[
    "curl",
    "wget",
    "python",
    "python3",
    "java",
    "psql",
    "pg_isready",
    "redis-cli",
    "node",
    "ruby",
    "php",
    "perl",
    "mysql",
    "mysqladmin",
    "mongo",
    "mongosh",
    "grpc_health_probe",
];

/// Words that name a dependency or readiness in a liveness check.
const DEPENDENCY_WORDS: &[&str] = &[
    "db",
    "database",
    "redis",
    "kafka",
    "mysql",
    "postgres",
    "postgresql",
    "pg",
    "mongo",
    "mongodb",
    "rabbitmq",
    "amqp",
    "elasticsearch",
    "ready",
    "readiness",
    "deps",
    "dependencies",
    "upstream",
];

pub fn check(f: &Found<'_>) -> Vec<Diagnostic> {
    let Some(typed) = &f.typed else {
        return Vec::new();
    };
    let probes = ContainerProbes::of(typed);
    let mut c = Ctx {
        f,
        probes: &probes,
        image: typed.image.as_deref().unwrap_or(""),
        out: Vec::new(),
    };
    c.liveness_equals_readiness();
    c.no_startup_probe_slow_start();
    for kind in [
        ProbeKind::Liveness,
        ProbeKind::Readiness,
        ProbeKind::Startup,
    ] {
        let Some(spec) = probes.get(kind) else {
            continue;
        };
        c.timeout_default(kind, spec);
        c.exec_heavy(kind, spec);
        c.scheme_port(kind, spec);
        c.port_name(kind, spec);
        c.host_name(kind, spec);
        c.raw_fields(kind);
    }
    c.window();
    c.liveness_dependencies();
    c.out.sort_by_key(|d| (d.span.start, d.code));
    c.out
}

struct Ctx<'a, 'f> {
    f: &'a Found<'f>,
    probes: &'a ContainerProbes,
    image: &'a str,
    out: Vec<Diagnostic>,
}

fn handler_key(h: &Handler) -> &'static str {
    match h {
        Handler::Http { .. } => "httpGet",
        Handler::Tcp { .. } => "tcpSocket",
        Handler::Exec { .. } => "exec",
        Handler::Grpc { .. } => "grpc",
        Handler::None => "",
    }
}

impl Ctx<'_, '_> {
    /// The source node of `kind`'s probe, and of a field below it.
    fn node(&self, kind: ProbeKind, below: &[&str]) -> Option<&Node> {
        let mut path = vec![kind.field()];
        path.extend_from_slice(below);
        at(self.f.node, &path)
    }

    /// Span of the deepest existing field along `below` (the probe's key at least).
    fn span(&self, kind: ProbeKind, below: &[&str]) -> (Span, String) {
        for n in (0..=below.len()).rev() {
            let mut path = vec![kind.field()];
            path.extend_from_slice(&below[..n]);
            let parent = if path.len() == 1 {
                Some(self.f.node)
            } else {
                at(self.f.node, &path[..path.len() - 1])
            };
            if let Some(e) = parent.and_then(|p| p.get(path[path.len() - 1])) {
                // A value is marked where there is one; a mapping at its key.
                let span = match e.value.value {
                    Value::Map(_) | Value::Seq(_) => e.key_span,
                    _ => e.value.span,
                };
                return (span, format!("{}.{}", self.f.path, path.join(".")));
            }
        }
        (Span::default(), self.f.path.clone())
    }

    fn push(
        &mut self,
        code: Code,
        kind: Option<ProbeKind>,
        below: &[&str],
        message: String,
        help: String,
    ) {
        let (span, field) = match kind {
            Some(k) => self.span(k, below),
            None => (
                at(self.f.node, &["name"]).map_or(Span::default(), |n| n.span),
                format!("{}.name", self.f.path),
            ),
        };
        self.out.push(Diagnostic {
            code,
            severity: code.rule().severity,
            span,
            object: self.f.object.clone(),
            container: self.f.container.clone(),
            probe: kind,
            field,
            message,
            help,
        });
    }

    fn liveness_equals_readiness(&mut self) {
        let (Some(l), Some(r)) = (&self.probes.liveness, &self.probes.readiness) else {
            return;
        };
        let same = match (&l.handler, &r.handler) {
            (
                Handler::Http {
                    path: a, port: pa, ..
                },
                Handler::Http {
                    path: b, port: pb, ..
                },
            ) => self.same_port(pa, pb) && a.trim_end_matches('/') == b.trim_end_matches('/'),
            (Handler::Tcp { port: a, .. }, Handler::Tcp { port: b, .. }) => self.same_port(a, b),
            (Handler::Exec { command: a }, Handler::Exec { command: b }) => a == b,
            (
                Handler::Grpc {
                    port: a,
                    service: sa,
                },
                Handler::Grpc {
                    port: b,
                    service: sb,
                },
            ) => a == b && sa.as_deref().unwrap_or("") == sb.as_deref().unwrap_or(""),
            _ => false,
        };
        let (lw, rw) = (window(l), window(r));
        if same && lw <= rw {
            self.push(
                Code::PB001,
                Some(ProbeKind::Liveness),
                &[],
                format!(
                    "liveness runs the same check as readiness and gives up after {lw} s, no later than readiness ({rw} s): a blip restarts the container"
                ),
                "give liveness a failureThreshold x periodSeconds above readiness's, or a cheaper check of its own".into(),
            );
        }
    }

    fn same_port(&self, a: &Port, b: &Port) -> bool {
        a == b
            || matches!((self.probes.resolve(a), self.probes.resolve(b)), (Ok(x), Ok(y)) if x == y)
    }

    fn no_startup_probe_slow_start(&mut self) {
        let Some(l) = &self.probes.liveness else {
            return;
        };
        if self.probes.startup.is_some() || l.initial_delay_seconds > 10 {
            return;
        }
        let repo = self
            .image
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let path = self.image.to_ascii_lowercase();
        let Some(hit) = SLOW_IMAGES
            .iter()
            .find(|w| repo.contains(*w) || path.split('/').any(|p| p.contains(*w)))
        else {
            return;
        };
        self.push(
            Code::PB002,
            Some(ProbeKind::Liveness),
            &[],
            format!(
                "image {:?} ({hit}) usually starts slowly, but liveness may kill it {} s after start and there is no startupProbe",
                self.image,
                l.kill_after()
            ),
            "add a startupProbe (same check) with failureThreshold x periodSeconds above the worst start time".into(),
        );
    }

    fn timeout_default(&mut self, kind: ProbeKind, spec: &ProbeSpec) {
        if spec.timeout_seconds != 1 {
            return;
        }
        let why = match &spec.handler {
            Handler::Exec { .. } => "an exec probe (a process start in the container)",
            Handler::Grpc { .. } => "a gRPC probe (dial and RPC share it)",
            Handler::Http { path, .. } if deep_path(path) => {
                "an HTTP path that suggests a deep check"
            }
            _ => return,
        };
        let set = self.node(kind, &["timeoutSeconds"]).is_some();
        self.push(
            Code::PB003,
            Some(kind),
            &["timeoutSeconds"],
            format!(
                "{kind} timeoutSeconds is {} on {why}",
                if set { "1" } else { "unset (1 s)" }
            ),
            "set timeoutSeconds explicitly, 2-5 s is common".into(),
        );
    }

    fn exec_heavy(&mut self, kind: ProbeKind, spec: &ProbeSpec) {
        let Handler::Exec { command } = &spec.handler else {
            return;
        };
        if spec.period_seconds >= 10 {
            return;
        }
        let words: Vec<&str> = command
            .iter()
            .flat_map(|a| a.split(|c: char| c.is_whitespace() || c == '|' || c == ';' || c == '&'))
            .map(|w| w.rsplit('/').next().unwrap_or(w))
            .collect();
        let shell_pipeline = command.first().is_some_and(|a| {
            matches!(
                a.rsplit('/').next(),
                Some("sh" | "bash" | "ash" | "dash" | "zsh")
            )
        }) && command.iter().any(|a| a.contains('|'));
        let heavy = words.iter().find(|w| HEAVY.contains(w));
        let what = match (heavy, shell_pipeline) {
            (Some(h), _) => format!("runs {h}"),
            (None, true) => "runs a shell pipeline".to_string(),
            _ => return,
        };
        self.push(
            Code::PB005,
            Some(kind),
            &["periodSeconds"],
            format!("{kind} exec probe {what} every {} s", spec.period_seconds),
            "use an httpGet/tcpSocket/grpc probe, or periodSeconds of 10 s or more".into(),
        );
    }

    fn scheme_port(&mut self, kind: ProbeKind, spec: &ProbeSpec) {
        let Handler::Http { scheme, port, .. } = &spec.handler else {
            return;
        };
        let plain = match port {
            Port::Name(n) => n.eq_ignore_ascii_case("http"),
            Port::Number(n) => [80, 8080].contains(n),
        };
        let message = if scheme == "http" && self.probes.tls_port(port) {
            format!("{kind} sends plain HTTP to port {port}, which looks like TLS")
        } else if scheme == "https" && plain {
            format!("{kind} sends HTTPS to port {port}, which looks like plain HTTP")
        } else {
            return;
        };
        self.push(
            Code::PB006,
            Some(kind),
            &["httpGet", "scheme"],
            message,
            "set httpGet.scheme to what the port speaks: HTTPS for TLS (certificates are not verified), HTTP otherwise".into(),
        );
    }

    fn port_name(&mut self, kind: ProbeKind, spec: &ProbeSpec) {
        let Some(Port::Name(name)) = spec.handler.port() else {
            return;
        };
        let Err(err) = self.probes.resolve(&Port::Name(name.clone())) else {
            return;
        };
        let declared: Vec<String> = self
            .probes
            .ports
            .iter()
            .filter_map(|p| p.name.clone())
            .collect();
        let has = if declared.is_empty() {
            "no named ports".to_string()
        } else {
            format!("ports named {}", declared.join(", "))
        };
        self.push(
            Code::PB007,
            Some(kind),
            &[handler_key(&spec.handler), "port"],
            format!("{kind} probe port {name:?} is not a port of this container ({has}); the kubelet will say: {err}"),
            format!("add `name: {name}` to the container's port, or give the number"),
        );
    }

    fn host_name(&mut self, kind: ProbeKind, spec: &ProbeSpec) {
        let (Handler::Http { host: Some(h), .. } | Handler::Tcp { host: Some(h), .. }) =
            &spec.handler
        else {
            return;
        };
        if h.parse::<IpAddr>().is_ok() {
            return;
        }
        self.push(
            Code::PB008,
            Some(kind),
            &[handler_key(&spec.handler), "host"],
            format!("{kind} probe host {h:?} is a name: the node resolves it, without cluster DNS"),
            "remove host (the pod IP is probed); for virtual hosts set an httpHeaders Host entry"
                .into(),
        );
    }

    /// Rules on fields the API rejects, read from the source: the typed spec has defaulted them.
    fn raw_fields(&mut self, kind: ProbeKind) {
        if kind == ProbeKind::Readiness
            && self
                .node(kind, &["terminationGracePeriodSeconds"])
                .is_some()
        {
            self.push(
                Code::PB010,
                Some(kind),
                &["terminationGracePeriodSeconds"],
                "terminationGracePeriodSeconds on a readiness probe: the API server rejects it"
                    .into(),
                "remove it; it only applies to liveness and startup kills".into(),
            );
        }
        if kind != ProbeKind::Readiness
            && let Some(Node {
                value: Value::Int(n),
                ..
            }) = self.node(kind, &["successThreshold"])
            && *n != 1
        {
            self.push(
                Code::PB011,
                Some(kind),
                &["successThreshold"],
                format!(
                    "{kind} successThreshold is {n}: must be 1 for liveness and startup probes"
                ),
                "set successThreshold: 1 (or remove it)".into(),
            );
        }
    }

    fn window(&mut self) {
        if let Some(l) = &self.probes.liveness {
            let w = window(l);
            if w < 10 {
                self.push(
                    Code::PB004,
                    Some(ProbeKind::Liveness),
                    &["failureThreshold"],
                    format!(
                        "liveness restarts the container after {w} s of failures ({} x {} s): a GC pause or a load spike is enough",
                        l.failure_threshold, l.period_seconds
                    ),
                    "make failureThreshold x periodSeconds at least 10 s (30 s is the default)".into(),
                );
            }
            if let Some(s) = &self.probes.startup
                && window(s) < w
            {
                self.push(
                    Code::PB004,
                    Some(ProbeKind::Startup),
                    &["failureThreshold"],
                    format!(
                        "the startup probe gives up after {} s, sooner than liveness would ({w} s)",
                        window(s)
                    ),
                    "give the startup probe the longer window: it exists to cover slow starts"
                        .into(),
                );
            }
        }
        if let Some(r) = &self.probes.readiness
            && r.success_threshold > 1
            && r.period_seconds >= 30
        {
            self.push(
                Code::PB004,
                Some(ProbeKind::Readiness),
                &["successThreshold"],
                format!(
                    "readiness needs {} successes {} s apart: a recovered pod stays out of traffic for {} s",
                    r.success_threshold,
                    r.period_seconds,
                    i64::from(r.success_threshold) * i64::from(r.period_seconds)
                ),
                "lower successThreshold or periodSeconds".into(),
            );
        }
    }

    fn liveness_dependencies(&mut self) {
        let Some(l) = &self.probes.liveness else {
            return;
        };
        let (text, below): (String, &[&str]) = match &l.handler {
            Handler::Http { path, .. } => (path.clone(), &["httpGet", "path"]),
            Handler::Exec { command } => (command.join(" "), &["exec", "command"]),
            Handler::Grpc {
                service: Some(s), ..
            } => (s.clone(), &["grpc", "service"]),
            _ => return,
        };
        let lower = text.to_ascii_lowercase();
        let Some(word) = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| DEPENDENCY_WORDS.contains(w))
        else {
            return;
        };
        self.push(
            Code::PB009,
            Some(ProbeKind::Liveness),
            below,
            format!("the liveness check {text:?} names {word:?}: an outage there would restart every replica"),
            "check only the process itself in liveness; move dependency checks to readiness".into(),
        );
    }
}

fn window(p: &ProbeSpec) -> i64 {
    i64::from(p.failure_threshold) * i64::from(p.period_seconds)
}

fn deep_path(path: &str) -> bool {
    let p = path.trim_end_matches('/');
    p == "/health" || p == "/status" || p.starts_with("/actuator/health")
}
