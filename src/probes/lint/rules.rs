//! The catalogue of `probes lint`: probes.md section 6's anti-patterns, each with a stable code
//! (PB001...), a kebab-case name, a severity and the reason. Codes are never reused or
//! renumbered; new rules take the next number.

use serde::Serialize;

use crate::config::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    PB001,
    PB002,
    PB003,
    PB004,
    PB005,
    PB006,
    PB007,
    PB008,
    PB009,
    PB010,
    PB011,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.rule().code_str
    }

    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug)]
pub struct Rule {
    pub code: Code,
    pub code_str: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// In code order (`Code as usize` indexes it).
pub static RULES: [Rule; 11] = [
    Rule {
        code: Code::PB001,
        code_str: "PB001",
        name: "liveness-equals-readiness",
        severity: Severity::Warning,
        summary: "liveness probes the same endpoint as readiness and gives up no later",
        explanation: "When liveness and readiness run the same check and liveness's failureThreshold x periodSeconds is not longer than readiness's, a blip restarts the container instead of only taking it out of traffic. The task doc allows the same cheap endpoint with a higher failureThreshold for liveness (kube-score flags the same path/port as critical).",
    },
    Rule {
        code: Code::PB002,
        code_str: "PB002",
        name: "no-startup-probe-slow-start",
        severity: Severity::Warning,
        summary: "a slow-starting image has liveness but no startupProbe",
        explanation: "Liveness runs from container start; a JVM or model server that needs a minute to start is killed over and over (startup-too-slow). Add a startupProbe whose failureThreshold x periodSeconds covers the worst start time instead of inflating initialDelaySeconds (task doc: Protect slow starting containers with startup probes).",
    },
    Rule {
        code: Code::PB003,
        code_str: "PB003",
        name: "probe-timeout-default",
        severity: Severity::Info,
        summary: "timeoutSeconds is the 1 s default on an exec, gRPC or deep-check HTTP probe",
        explanation: "A second is shared by the dial and the whole check; exec probes also pay for a process start in the container, and exec timeouts are enforced since v1.20 (KEP-1972), so slow exec probes began failing on upgrade. Set timeoutSeconds explicitly (2-5 s).",
    },
    Rule {
        code: Code::PB004,
        code_str: "PB004",
        name: "probe-window",
        severity: Severity::Warning,
        summary: "a probe window too short to ride out a hiccup, or one that contradicts another probe",
        explanation: "The window failureThreshold x periodSeconds is how long a transient hiccup may last before action: under 10 s liveness restarts containers under load, and restarts cascade. A startup window shorter than liveness's defeats the startup probe; readiness successThreshold > 1 with a long period keeps a recovered pod out of traffic for minutes.",
    },
    Rule {
        code: Code::PB005,
        code_str: "PB005",
        name: "exec-probe-heavy",
        severity: Severity::Info,
        summary: "an exec probe starts an interpreter or client more often than every 10 s",
        explanation: "Each exec probe is a new process in the container's cgroup through CRI ExecSync (memory and PID limits, runtime work). Shells with pipelines, curl, python, java, psql or redis-cli every few seconds add up; the task doc warns of an ever growing number of processes. Prefer httpGet/tcpSocket/grpc, or a longer period.",
    },
    Rule {
        code: Code::PB006,
        code_str: "PB006",
        name: "http-scheme-on-tls-port",
        severity: Severity::Warning,
        summary: "httpGet scheme does not match the port (HTTP on a TLS port, HTTPS on a plain one)",
        explanation: "Plain HTTP to a TLS port gets a 400 or a TLS alert, HTTPS to a plain port 'server gave HTTP response to HTTPS client': the probe fails with scheme-mismatch at run time. TLS ports are those named https, tls or *-tls and 443, 6443, 8443, 9443, 10250; plain ones http, 80, 8080.",
    },
    Rule {
        code: Code::PB007,
        code_str: "PB007",
        name: "probe-port-name-missing",
        severity: Severity::Error,
        summary: "the probe names a port the container does not declare",
        explanation: "The kubelet resolves a port name in the same container's ports[] only; otherwise the probe errors (strconv.Atoi: parsing \"name\": invalid syntax) and its result is thrown away: readiness stays false forever, liveness never fires, a startup probe blocks the container. API validation does not catch it (kube-linter's livenessport has the same idea).",
    },
    Rule {
        code: Code::PB008,
        code_str: "PB008",
        name: "probe-host-name",
        severity: Severity::Warning,
        summary: "httpGet.host or tcpSocket.host is a name, resolved by the node",
        explanation: "The kubelet resolves host with the node's resolver, not cluster DNS: a Service name fails with 'no such host' (cause dns). Remove host (the pod IP is used) and set a Host header for virtual hosting.",
    },
    Rule {
        code: Code::PB009,
        code_str: "PB009",
        name: "liveness-checks-dependencies",
        severity: Severity::Warning,
        summary: "the liveness check names a dependency (db, redis, kafka, ready)",
        explanation: "A liveness probe must only say the process is beyond repair. If it checks a database or a broker, an outage of that dependency restarts every replica at once and turns a partial outage into a full one (task doc: cascading failures). Check dependencies in readiness.",
    },
    Rule {
        code: Code::PB010,
        code_str: "PB010",
        name: "probe-tgps-readiness",
        severity: Severity::Error,
        summary: "terminationGracePeriodSeconds on a readiness probe",
        explanation: "The API server rejects terminationGracePeriodSeconds on readiness probes; it only means something for liveness and startup kills.",
    },
    Rule {
        code: Code::PB011,
        code_str: "PB011",
        name: "success-threshold-liveness",
        severity: Severity::Error,
        summary: "successThreshold other than 1 on a liveness or startup probe",
        explanation: "API validation: successThreshold must be 1 for liveness and startup probes; the object is rejected.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code as usize, i);
            assert_eq!(format!("{:?}", r.code), r.code_str);
            assert_eq!(r.code.rule().name, r.name);
            let row = format!("| {} | `{}` |", r.code_str, r.name);
            assert!(
                include_str!("../../../README.md").contains(&row),
                "README lacks {row}"
            );
        }
    }
}
