//! The kubelet's probe event texts, parsed (probes.md 2.1): `Unhealthy` and `ProbeWarning`
//! messages of every version since the `errored` wording changed in v1.33, the correlator's
//! aggregate prefix, and the `Killing` messages of liveness and startup kills.

use std::fmt;

use serde::Serialize;

/// The correlator's prefix once ten distinct messages were seen (events_cache.go).
const COMBINED: &str = "(combined from similar events): ";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeKind {
    Liveness,
    Readiness,
    Startup,
}

impl ProbeKind {
    pub const ALL: [ProbeKind; 3] = [
        ProbeKind::Startup,
        ProbeKind::Liveness,
        ProbeKind::Readiness,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "liveness",
            ProbeKind::Readiness => "readiness",
            ProbeKind::Startup => "startup",
        }
    }

    /// The word starting every event message (`probeType.String()`).
    fn word(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
            ProbeKind::Startup => "Startup",
        }
    }

    /// The container field holding this probe (`livenessProbe`).
    pub fn field(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Readiness => "readinessProbe",
            ProbeKind::Startup => "startupProbe",
        }
    }
}

impl fmt::Display for ProbeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the probe ended, as the event's verb says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// `probe failed`: counted toward failureThreshold.
    Failed,
    /// `probe errored`: the kubelet threw the result away (the threshold never moves).
    Errored,
    /// `probe warning` (`ProbeWarning`): a success with a remark.
    Warning,
}

/// One `Unhealthy`/`ProbeWarning` message taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeMessage<'a> {
    pub kind: ProbeKind,
    pub verdict: Verdict,
    /// `unknown`/`failure` of `errored and resulted in <result> state` (v1.33+).
    pub result: Option<&'a str>,
    /// The probe's own output: the HTTP/TCP/gRPC error or the command's output (may be empty).
    pub output: &'a str,
}

/// Parses `^(Liveness|Readiness|Startup) probe (failed|errored|warning)(?: and resulted in (\w+)
/// state)?(?: \(...\))?(?:: (.*))?$`, after an optional correlator prefix. The parenthetical is
/// for proposals that put the failure count there (probes.md 2.1); a bare `Liveness probe
/// failed` (no colon) is what old kubelets wrote for an empty output.
pub fn parse(message: &str) -> Option<ProbeMessage<'_>> {
    let m = message.strip_prefix(COMBINED).unwrap_or(message);
    let (kind, rest) = ProbeKind::ALL
        .into_iter()
        .find_map(|k| Some((k, m.strip_prefix(k.word())?.strip_prefix(" probe ")?)))?;
    let (verdict, mut rest) = [
        ("failed", Verdict::Failed),
        ("errored", Verdict::Errored),
        ("warning", Verdict::Warning),
    ]
    .into_iter()
    .find_map(|(w, v)| Some((v, rest.strip_prefix(w)?)))?;
    let mut result = None;
    if let Some(r) = rest.strip_prefix(" and resulted in ") {
        let (word, after) = r.split_once(" state")?;
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        result = Some(word);
        rest = after;
    }
    if let Some(r) = rest.strip_prefix(" (") {
        rest = &r[r.find(')')? + 1..];
    }
    let output = match rest.strip_prefix(':') {
        Some(o) => o.strip_prefix(' ').unwrap_or(o),
        None if rest.trim().is_empty() => "",
        None => return None,
    };
    Some(ProbeMessage {
        kind,
        verdict,
        result,
        output,
    })
}

/// The probe a `Killing` event blames: `Container app failed liveness probe, will be
/// restarted` (and `startup`), or the pre-1.15 `Killing container with id docker://app:Container
/// failed liveness probe.. Container will be killed and recreated.`. Other kills (preemption,
/// deletion, a changed spec) are `None`.
pub fn killed_by(message: &str) -> Option<ProbeKind> {
    let m = message.strip_prefix(COMBINED).unwrap_or(message);
    if m.contains("failed liveness probe") {
        Some(ProbeKind::Liveness)
    } else if m.contains("failed startup probe") {
        Some(ProbeKind::Startup)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(m: &str) -> (ProbeKind, Verdict, Option<&str>, &str) {
        let got = parse(m).unwrap_or_else(|| panic!("not parsed: {m}"));
        (got.kind, got.verdict, got.result, got.output)
    }

    #[test]
    fn every_version_of_the_unhealthy_text() {
        use ProbeKind::*;
        use Verdict::*;
        assert_eq!(
            p("Liveness probe failed: HTTP probe failed with statuscode: 500"),
            (
                Liveness,
                Failed,
                None,
                "HTTP probe failed with statuscode: 500"
            )
        );
        // Up to v1.32.
        assert_eq!(
            p("Readiness probe errored: strconv.Atoi: parsing \"http\": invalid syntax"),
            (
                Readiness,
                Errored,
                None,
                "strconv.Atoi: parsing \"http\": invalid syntax"
            )
        );
        // v1.33+ (PR #125901).
        assert_eq!(
            p(
                "Startup probe errored and resulted in unknown state: strconv.Atoi: parsing \"http\": invalid syntax"
            ),
            (
                Startup,
                Errored,
                Some("unknown"),
                "strconv.Atoi: parsing \"http\": invalid syntax"
            )
        );
        assert_eq!(
            p("Readiness probe warning: Probe terminated redirects, Response body: <html>"),
            (
                Readiness,
                Warning,
                None,
                "Probe terminated redirects, Response body: <html>"
            )
        );
        // An exec probe whose command printed nothing, new and old form.
        assert_eq!(p("Liveness probe failed: "), (Liveness, Failed, None, ""));
        assert_eq!(p("Liveness probe failed"), (Liveness, Failed, None, ""));
        // Aggregated by the correlator, and the proposed count parenthetical.
        assert_eq!(
            p(
                "(combined from similar events): Readiness probe failed: Get \"http://10.1.2.3:8080/ready\": context deadline exceeded"
            ),
            (
                Readiness,
                Failed,
                None,
                "Get \"http://10.1.2.3:8080/ready\": context deadline exceeded"
            )
        );
        assert_eq!(
            p("Liveness probe failed (3/3): dial tcp 10.1.2.3:5432: connect: connection refused"),
            (
                Liveness,
                Failed,
                None,
                "dial tcp 10.1.2.3:5432: connect: connection refused"
            )
        );
        // Multi-line output stays whole.
        assert_eq!(p("Liveness probe failed: a\nb").3, "a\nb");
    }

    #[test]
    fn other_texts_are_not_probe_messages() {
        for m in [
            "",
            "Liveness",
            "liveness probe failed: x",
            "Liveness probe flaked: x",
            "Liveness probe failedx",
            "Readiness probe errored and resulted in  state: x",
            "Readiness probe errored and resulted in unknown",
            "Back-off restarting failed container app in pod p_ns(uid)",
        ] {
            assert_eq!(parse(m), None, "{m:?}");
        }
    }

    #[test]
    fn killing_messages_name_the_probe() {
        assert_eq!(
            killed_by("Container app failed liveness probe, will be restarted"),
            Some(ProbeKind::Liveness)
        );
        assert_eq!(
            killed_by("Container app failed startup probe"),
            Some(ProbeKind::Startup)
        );
        assert_eq!(
            killed_by(
                "Killing container with id docker://kubia:Container failed liveness probe.. Container will be killed and recreated."
            ),
            Some(ProbeKind::Liveness)
        );
        assert_eq!(killed_by("Stopping container app"), None);
        assert_eq!(
            killed_by("Container app definition changed, will be restarted"),
            None
        );
    }
}
