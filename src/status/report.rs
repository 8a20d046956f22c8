//! From what was gathered to the report: findings (the decisive one first), the verdict, and
//! the table of what was checked. Pure: [`super::bundle`] gathers, this module weighs.
//!
//! The fatal cause comes from the last finished run (kubelet-status.md §4.5); the current run
//! adds non-fatal causes; unit state, argv, config and host facts confirm a journal finding
//! (`confirmed`) or stand alone (`check-only`). [`build`] runs one `weigh_*` function per
//! part, each adding its row to the checks table and its findings.

use serde::Serialize;

use super::cause::{Cause, Severity};
use super::cmdline::{Argv, Origin};
use super::host::{Cgroup, ConfigFacts};
use super::journal::{Evidence, Journal, Run};
use super::systemd::{State, Unit};
use crate::config::FileReport;

/// The answer to "is the kubelet working?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Healthy,
    Degraded,
    Failing,
    Unknown,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Healthy => "healthy",
            Verdict::Degraded => "degraded",
            Verdict::Failing => "failing",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Where a finding's evidence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Journal,
    Unit,
    Cmdline,
    Config,
    Host,
}

/// Whether the log and a check agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// The journal says it and a check of the host, unit or files confirms it.
    Confirmed,
    LogOnly,
    CheckOnly,
}

/// One cause with its evidence and remedy.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub cause: Cause,
    pub severity: Severity,
    /// This cause ended the kubelet's last run (or keeps the unit down).
    pub fatal: bool,
    /// The journal line, or the fact checked.
    pub evidence: String,
    /// When the evidence line was logged (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// How many times the line was seen (runs in a row, for the fatal line).
    pub count: u64,
    pub source: Source,
    pub confidence: Confidence,
    /// The facts checked that confirm a journal finding (unit state, host files, argv, config).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
    pub remedy: String,
}

/// One row of the "what was checked" table.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub result: String,
}

/// `meta.json`.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_version: Option<String>,
}

/// A part of the bundle: absent, unreadable (why), or its value.
#[derive(Debug)]
pub enum Part<T> {
    Missing,
    Unreadable(String),
    Read(T),
}

/// A part nobody gathered is missing.
impl<T> Default for Part<T> {
    fn default() -> Self {
        Part::Missing
    }
}

impl<T> Part<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Part::Read(t) => Some(t),
            _ => None,
        }
    }

    fn describe_absent(&self, file: &str) -> Option<String> {
        match self {
            Part::Missing => Some(format!("not in bundle ({file})")),
            Part::Unreadable(why) => Some(format!("unreadable {file}: {why}")),
            Part::Read(_) => None,
        }
    }
}

/// The config file `--config` names, linted.
#[derive(Debug)]
pub struct ConfigPart {
    pub path: String,
    pub lint: Result<FileReport, String>,
    pub facts: ConfigFacts,
}

/// The kubeconfig's client certificate: its validity and the node's clock when collected.
#[derive(Debug)]
pub struct CertPart {
    pub path: String,
    pub not_before: i64,
    pub not_after: i64,
    /// `meta.json`'s `collectedAt`: the node's clock.
    pub now: Option<i64>,
}

/// Everything gathered, each part optional.
#[derive(Debug, Default)]
pub struct Gathered {
    pub meta: Meta,
    /// What to call the bundle in the table (its directory).
    pub origin: String,
    pub unit: Part<Unit>,
    pub journal: Part<Journal>,
    pub argv: Part<Argv>,
    /// `None` when no config path is known (no argv).
    pub config: Option<Part<ConfigPart>>,
    /// The `--config-dir` drop-ins, linted one by one (missing when there is none).
    pub dropins: Part<Vec<Part<ConfigPart>>>,
    pub swaps: Part<Vec<String>>,
    /// `/proc/sys/net/ipv4/ip_forward` (kubeadm preflight wants 1).
    pub ip_forward: Part<String>,
    pub cgroup: Part<Cgroup>,
    /// The kubeconfig's client certificate; `Read(None)` when the kubeconfig names none.
    pub cert: Part<Option<CertPart>>,
    /// Listening sockets, from `/proc/net/tcp{,6}`.
    pub listeners: Part<Vec<super::host::Listener>>,
    /// The processes holding those sockets (`listeners.json`, live runs only).
    pub port_owners: Part<Vec<super::ports::PortOwner>>,
    /// The installed kubelet's `--version` answer (`kubelet-version`, live runs only).
    pub installed: Part<String>,
    /// containerd's `config.toml`: its runc cgroup driver and disabled plugins.
    pub containerd: Part<super::host::Containerd>,
    /// What the kubelet's healthz answered when the bundle was collected.
    pub healthz: Part<super::collect::HealthzPart>,
    /// The CRI socket as found when collected.
    pub cri: Part<super::collect::CriPart>,
    /// The API server's view of the node (only with a kubeconfig).
    pub api: Part<super::api::ApiView>,
}

/// The report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub kind: &'static str,
    pub version: u32,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub checks: Vec<Check>,
    pub bundle: Meta,
}

/// `µs` since the epoch as RFC 3339 UTC, to the second.
pub fn rfc3339(us: u64) -> Option<String> {
    let secs = i64::try_from(us / 1_000_000).ok()?;
    k8s_openapi::jiff::Timestamp::from_second(secs)
        .ok()
        .map(|t| t.to_string())
}

fn journal_finding(
    cause: Cause,
    severity: Severity,
    fatal: bool,
    ev: &Evidence,
    count: u64,
) -> Finding {
    Finding {
        cause,
        severity,
        fatal,
        evidence: ev.text.trim_end().to_string(),
        time: ev.time_us.and_then(rfc3339),
        count,
        source: Source::Journal,
        confidence: Confidence::LogOnly,
        checked: Vec::new(),
        remedy: cause.remedy().to_string(),
    }
}

/// The config fields the command line sets: a `flags` row naming those that override a value
/// in the files, and the effective values of the ones `status` weighs.
fn weigh_config_flags(argv: &Argv, facts: &mut ConfigFacts, w: &mut Weighing) {
    use super::config_flags::{settings, shown_value};
    let set = settings(argv);
    let mut overrides = Vec::new();
    for s in &set {
        let value = shown_value(s);
        if let Some(in_file) = facts.fields.get(s.field)
            && *in_file != value
        {
            overrides.push(format!(
                "--{}={value} wins over the config's {}: {in_file}",
                s.flag, s.field
            ));
        }
    }
    // What the checks after this weigh is then the kubelet's effective value.
    super::config_flags::overlay(&mut facts.fields, &set);
    if set.is_empty() {
        return;
    }
    let fields = set.iter().map(|s| s.field).collect::<Vec<_>>().join(", ");
    let result = if overrides.is_empty() {
        format!("{fields} set on the command line")
    } else {
        format!("{fields} set on the command line; {}", overrides.join("; "))
    };
    w.check("flags", result);
}

/// Asked with the kubelet's own kubeconfig from this node, a refusal or no answer is what the
/// kubelet meets too (kubelet-status.md §7); with the user's it says nothing about the kubelet.
fn refused_kubelet(a: &super::api::ApiView) -> Option<Finding> {
    use super::api::{AskedAs, ErrorKind};
    if a.asked_as != Some(AskedAs::Kubelet) {
        return None;
    }
    let file = a.kubeconfig.as_deref().unwrap_or("its kubeconfig");
    let error = a.error.as_deref()?;
    let (cause, fact) = match a.error_kind? {
        ErrorKind::Unreachable => (
            Cause::ApiUnreachable,
            format!(
                "with the kubelet's kubeconfig ({file}), the API server did not answer from this node: {error}"
            ),
        ),
        ErrorKind::Unauthorized => (
            Cause::ApiUnauthorized,
            format!("the API server refused the kubelet's credentials ({file}): {error}"),
        ),
        _ => return None,
    };
    Some(check_finding(cause, Severity::Error, Source::Host, fact))
}

pub(super) fn check_finding(
    cause: Cause,
    severity: Severity,
    source: Source,
    evidence: String,
) -> Finding {
    Finding {
        cause,
        severity,
        fatal: false,
        evidence,
        time: None,
        count: 1,
        source,
        confidence: Confidence::CheckOnly,
        checked: Vec::new(),
        remedy: cause.remedy().to_string(),
    }
}

/// Adds a check's finding, or confirms the journal's finding of the same cause.
fn add_checked(findings: &mut Vec<Finding>, f: Finding) {
    if let Some(existing) = findings
        .iter_mut()
        .find(|e| e.cause == f.cause && e.source == Source::Journal)
    {
        existing.confidence = Confidence::Confirmed;
        existing.checked.push(f.evidence);
        return;
    }
    findings.push(f);
}

/// Weighs what was gathered.
pub fn build(g: &Gathered) -> Report {
    let mut w = Weighing::default();
    let unit = g.unit.get();
    let journal = g.journal.get();
    w.check(
        "bundle",
        format!(
            "{}: host {}, collected {}, by kubelet-doctor {}",
            g.origin,
            g.meta.hostname.as_deref().unwrap_or("?"),
            g.meta.collected_at.as_deref().unwrap_or("?"),
            g.meta.tool_version.as_deref().unwrap_or("?"),
        ),
    );
    w.check(
        "unit",
        g.unit
            .describe_absent("systemctl-show.txt")
            .unwrap_or_else(|| unit.map(Unit::describe).unwrap_or_default()),
    );
    let version = weigh_journal(g, &mut w);
    let versions = Versions::new(&g.installed, version.as_deref());
    w.check("kubelet", versions.describe());
    // The removed-flag decision is for the kubelet the next start runs: the installed one.
    let minor = versions
        .deciding()
        .and_then(crate::config::KubeletVersion::nearest)
        .map(|v| v.minor);
    weigh_unit(unit, journal, &mut w);
    weigh_cmdline(&g.argv, minor, &versions, &mut w);
    let mut facts = weigh_config(&g.config, &mut w);
    weigh_dropins(&g.dropins, &mut facts, &mut w);
    // Flags over the files: the kubelet applies them last.
    if let Part::Read(argv) = &g.argv {
        weigh_config_flags(argv, &mut facts, &mut w);
    }
    weigh_swap(&g.swaps, &facts, &mut w);
    weigh_forward(&g.ip_forward, &mut w);
    weigh_cgroup(&g.cgroup, &facts, &mut w);
    weigh_cert(&g.cert, &mut w);
    weigh_ports(g, &facts, &mut w);
    weigh_runtime_config(g, &facts, &mut w);
    weigh_cri(&g.cri, &mut w);
    weigh_api(&g.api, version.as_deref(), &mut w);
    let healthz_bad = weigh_healthz(&g.healthz, &mut w);

    // The decisive finding first: fatal, then errors, then warnings; stable otherwise.
    let Weighing {
        mut findings,
        checks,
    } = w;
    findings.sort_by_key(|f| (!f.fatal, f.severity));
    let alive = unit.is_some_and(|u| u.state() == State::Running)
        || journal
            .and_then(|j| j.current.as_ref())
            .is_some_and(|r| !r.ended() && r.lines > 0);
    let verdict = if findings.iter().any(|f| f.fatal) {
        Verdict::Failing
    } else if !findings.is_empty() || (alive && healthz_bad) {
        Verdict::Degraded
    } else if alive {
        Verdict::Healthy
    } else {
        Verdict::Unknown
    };
    Report {
        kind: "StatusReport",
        version: 1,
        verdict,
        findings,
        checks,
        bundle: g.meta.clone(),
    }
}

/// What the weighing of each part adds to: findings, and the rows of the checks table.
#[derive(Default)]
struct Weighing {
    findings: Vec<Finding>,
    checks: Vec<Check>,
}

impl Weighing {
    /// Adds a check's finding, or confirms the journal's finding of the same cause.
    fn found(&mut self, f: Finding) {
        add_checked(&mut self.findings, f);
    }

    fn check(&mut self, name: &'static str, result: impl Into<String>) {
        self.checks.push(Check {
            name,
            result: result.into(),
        });
    }

    /// The row of a part that was not read: not in the bundle, or unreadable.
    fn absent<T>(&mut self, name: &'static str, part: &Part<T>, file: &str) {
        self.check(name, part.describe_absent(file).unwrap_or_default());
    }
}

/// The journal: the fatal cause of the last finished run, the current run's others.
/// Returns the running kubelet's version, as its journal says.
fn weigh_journal(g: &Gathered, w: &mut Weighing) -> Option<String> {
    let unit = g.unit.get();
    let journal = g.journal.get();
    let unit_failing = unit.is_some_and(|u| u.state() == State::Failing);
    let Some(j) = journal else {
        w.absent("journal", &g.journal, "journal.jsonl");
        return None;
    };
    let cur = j.current.as_ref();
    let prev = j.previous.as_ref();
    let version = cur
        .and_then(|r| r.version.clone())
        .or_else(|| prev.and_then(|r| r.version.clone()));
    let finished: Option<(&Run, u64)> = match (cur, prev) {
        (Some(c), _) if c.ended() => Some((c, j.failed_before + 1)),
        (Some(_), Some(p)) if unit_failing && p.failed() => Some((p, j.failed_before.max(1))),
        _ => None,
    };
    // The fatal line's cause, before and after the bootstrap trap: neither repeats below.
    let mut fatal_causes = Vec::new();
    if let Some((run, in_a_row)) = finished
        && run.failed()
    {
        let cause = run.fatal_cause().unwrap_or(Cause::Unknown);
        let ev = run
            .fatal
            .as_ref()
            .map(|f| &f.evidence)
            .or(run.last_error.as_ref())
            .or(run.exit.as_ref().map(|e| &e.evidence));
        if let Some(ev) = ev {
            w.findings
                .push(journal_finding(cause, Severity::Error, true, ev, in_a_row));
            fatal_causes.push(cause);
            fatal_causes.extend(run.fatal.as_ref().map(|f| f.cause));
        }
    }
    // Without the unit's state, a last run that exited 0 is a kubelet someone stopped.
    if unit.is_none()
        && let Some((run, _)) = finished
        && !run.failed()
        && let Some(exit) = &run.exit
    {
        w.findings.push(journal_finding(
            Cause::UnitStopped,
            Severity::Error,
            true,
            &exit.evidence,
            1,
        ));
    }
    if let Some(c) = cur {
        for hit in &c.hits {
            if fatal_causes.contains(&hit.cause) {
                continue;
            }
            w.findings.push(journal_finding(
                hit.cause,
                hit.severity,
                false,
                &hit.evidence,
                hit.count,
            ));
        }
    }
    w.check(
        "journal",
        describe_journal(j, finished.is_none() && prev.is_some_and(Run::failed)),
    );
    version
}

/// The unit: down without a journal cause is still a failure.
fn weigh_unit(unit: Option<&Unit>, journal: Option<&Journal>, w: &mut Weighing) {
    let Some(u) = unit else {
        return;
    };
    let has_fatal = w.findings.iter().any(|f| f.fatal);
    let runs = journal.is_some_and(|j| j.runs_seen > 0);
    let fact = format!("systemd: {}", u.describe());
    match u.state() {
        State::NotInstalled if !runs => {
            w.findings.push(Finding {
                fatal: true,
                ..check_finding(Cause::NotInstalled, Severity::Error, Source::Unit, fact)
            });
        }
        State::Stopped => w.findings.push(Finding {
            fatal: true,
            ..check_finding(Cause::UnitStopped, Severity::Error, Source::Unit, fact)
        }),
        State::Failing if !has_fatal => w.findings.push(Finding {
            fatal: true,
            ..check_finding(Cause::Unknown, Severity::Error, Source::Unit, fact)
        }),
        State::Failing => {
            if let Some(f) = w.findings.iter_mut().find(|f| f.fatal) {
                f.checked.push(fact);
                if f.confidence == Confidence::LogOnly {
                    f.confidence = Confidence::Confirmed;
                }
            }
        }
        _ => {}
    }
}

/// The command line: flags the kubelet's version no longer has.
fn weigh_cmdline(argv: &Part<Argv>, minor: Option<u8>, versions: &Versions<'_>, w: &mut Weighing) {
    match argv {
        Part::Read(argv) => {
            let from = match argv.origin {
                Origin::Process => "the running process (cmdline)",
                Origin::Reconstructed => "the unit's ExecStart, expanded",
                Origin::Journal => "the journal's `Running kubelet` line",
            };
            w.check("cmdline", format!("{} flags from {from}", argv.flags.len()));
            for (flag, removed_in, source) in argv.removed() {
                let refused = minor.is_some_and(|m| m >= removed_in);
                let from = source.map(|s| format!(" (from {s})")).unwrap_or_default();
                let mut evidence = if refused {
                    format!(
                        "--{flag} is on the command line{from}; kubelet 1.{removed_in} and later refuse it"
                    )
                } else {
                    format!(
                        "--{flag} is on the command line{from}; it was removed in kubelet 1.{removed_in}: the kubelet will refuse to start after an upgrade"
                    )
                };
                if let Some(change) = versions.change() {
                    evidence.push_str(&format!("; {change}"));
                }
                let severity = if refused {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                w.found(check_finding(
                    Cause::UnknownFlag,
                    severity,
                    Source::Cmdline,
                    evidence,
                ));
            }
        }
        other => w.absent("cmdline", other, "cmdline"),
    }
}

/// The config file, through config lint; its facts for the checks that follow.
fn weigh_config(config: &Option<Part<ConfigPart>>, w: &mut Weighing) -> ConfigFacts {
    let mut facts = ConfigFacts::default();
    match config {
        None => w.check("config", "no --config on the command line"),
        Some(Part::Read(c)) => {
            let result = match &c.lint {
                Ok(report) => {
                    let errors = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == crate::config::Severity::Error)
                        .count();
                    format!(
                        "{}: {}, {} (config lint)",
                        c.path,
                        count(errors as u64, "error"),
                        count((report.diagnostics.len() - errors) as u64, "warning")
                    )
                }
                Err(why) => format!("{}: {why}", c.path),
            };
            w.check("config", result);
            for evidence in lint_errors(c) {
                w.found(check_finding(
                    Cause::ConfigInvalid,
                    Severity::Error,
                    Source::Config,
                    evidence,
                ));
            }
            facts = c.facts.clone();
        }
        Some(Part::Missing) => {
            w.check("config", "the --config file is not on the host");
            w.found(check_finding(
                Cause::ConfigMissing,
                Severity::Error,
                Source::Config,
                "the file --config names does not exist on the host".into(),
            ));
        }
        Some(Part::Unreadable(why)) => w.check("config", format!("unreadable: {why}")),
    }
    facts
}

/// The --config-dir drop-ins: each a KubeletConfiguration of its own; later ones win.
fn weigh_dropins(dropins: &Part<Vec<Part<ConfigPart>>>, facts: &mut ConfigFacts, w: &mut Weighing) {
    match dropins {
        Part::Read(files) => {
            let mut errors = 0;
            for part in files {
                match part {
                    Part::Read(c) => {
                        facts
                            .fields
                            .extend(c.facts.fields.iter().map(|(k, v)| (*k, v.clone())));
                        for evidence in lint_errors(c) {
                            errors += 1;
                            w.found(check_finding(
                                Cause::ConfigInvalid,
                                Severity::Error,
                                Source::Config,
                                evidence,
                            ));
                        }
                    }
                    Part::Unreadable(why) => {
                        errors += 1;
                        w.found(check_finding(
                            Cause::ConfigInvalid,
                            Severity::Error,
                            Source::Config,
                            why.clone(),
                        ));
                    }
                    Part::Missing => {}
                }
            }
            w.check(
                "dropins",
                format!(
                    "{}, {} (config lint)",
                    count(files.len() as u64, "drop-in"),
                    count(errors, "error")
                ),
            );
        }
        Part::Unreadable(why) => w.check("dropins", format!("unreadable: {why}")),
        Part::Missing => {}
    }
}

/// Swap on, unless failSwapOn: false.
fn weigh_swap(swaps: &Part<Vec<String>>, facts: &ConfigFacts, w: &mut Weighing) {
    match swaps {
        Part::Read(devices) if devices.is_empty() => w.check("swap", "off (/proc/swaps)"),
        Part::Read(devices) => {
            let fact = format!("swap is on: {} (/proc/swaps)", devices.join(", "));
            w.check("swap", format!("on: {}", devices.join(", ")));
            if facts.fail_swap_on() != Some(false) {
                w.found(check_finding(
                    Cause::SwapEnabled,
                    Severity::Warning,
                    Source::Host,
                    fact,
                ));
            }
        }
        other => w.absent("swap", other, "root/proc/swaps"),
    }
}

/// Not a kubelet failure but a node that cannot route pod traffic (kubeadm preflight's
/// FileContent--proc-sys-net-ipv4-ip_forward): a fact of its own, never a confirmation of a
/// protectKernelDefaults line.
fn weigh_forward(ip_forward: &Part<String>, w: &mut Weighing) {
    match ip_forward {
        Part::Read(v) => {
            let v = v.trim();
            w.check("forward", format!("net.ipv4.ip_forward = {v}"));
            if v == "0" {
                let mut f = check_finding(
                    Cause::KernelSysctl,
                    Severity::Warning,
                    Source::Host,
                    "net.ipv4.ip_forward = 0 (/proc/sys/net/ipv4/ip_forward): the node does not forward pod traffic (kubeadm preflight requires 1)".into(),
                );
                f.remedy = "set net.ipv4.ip_forward = 1 in /etc/sysctl.d/ (e.g. k8s.conf) and run sysctl --system".into();
                w.findings.push(f);
            }
        }
        other => w.absent("forward", other, "root/proc/sys/net/ipv4/ip_forward"),
    }
}

/// cgroup v1 (unless failCgroupV1: false), or v2 without a controller the kubelet needs.
fn weigh_cgroup(cgroup: &Part<Cgroup>, facts: &ConfigFacts, w: &mut Weighing) {
    match cgroup {
        Part::Read(cg @ Cgroup::V2(_)) => {
            let missing = cg.missing_controllers();
            if missing.is_empty() {
                w.check("cgroup", "v2");
            } else {
                let fact = format!(
                    "cgroup v2 without the {} controller(s) (cgroup.controllers)",
                    missing.join(", ")
                );
                w.check("cgroup", format!("v2, missing {}", missing.join(", ")));
                w.found(check_finding(
                    Cause::CgroupSetup,
                    Severity::Warning,
                    Source::Host,
                    fact,
                ));
            }
        }
        Part::Read(Cgroup::V1) => {
            w.check("cgroup", "v1");
            if facts.fail_cgroup_v1() != Some(false) {
                w.found(check_finding(
                    Cause::CgroupV1,
                    Severity::Warning,
                    Source::Host,
                    "cgroup v1: no /sys/fs/cgroup/cgroup.controllers".into(),
                ));
            }
        }
        other => w.absent("cgroup", other, "root/sys/fs/cgroup"),
    }
}

/// The client certificate against the node's clock.
fn weigh_cert(cert: &Part<Option<CertPart>>, w: &mut Weighing) {
    match cert {
        Part::Read(None) => w.check(
            "cert",
            "the kubeconfig names no client-certificate file (a token, exec credentials or embedded data)",
        ),
        Part::Read(Some(c)) => {
            let at =
                |s: i64| rfc3339(u64::try_from(s).unwrap_or(0) * 1_000_000).unwrap_or_default();
            let result = match c
                .now
                .map(|now| (now, super::cert::judge(c.not_before, c.not_after, now)))
            {
                None => format!(
                    "{}: valid {} to {} (no clock to compare)",
                    c.path,
                    at(c.not_before),
                    at(c.not_after)
                ),
                Some((_, super::cert::Verdict::Valid { not_after })) => {
                    format!("{}: valid until {}", c.path, at(not_after))
                }
                Some((now, super::cert::Verdict::NotYetValid { not_before })) => {
                    let fact = format!(
                        "the node's clock ({}) is before the client certificate's NotBefore ({}) in {}",
                        at(now),
                        at(not_before),
                        c.path
                    );
                    w.found(check_finding(
                        Cause::ClockSkew,
                        Severity::Error,
                        Source::Host,
                        fact,
                    ));
                    format!("{}: not valid before {}", c.path, at(not_before))
                }
                Some((now, super::cert::Verdict::Expired { not_after })) => {
                    let fact = format!(
                        "the client certificate {} expired at {} (node clock {})",
                        c.path,
                        at(not_after),
                        at(now)
                    );
                    w.found(check_finding(
                        Cause::CertExpired,
                        Severity::Error,
                        Source::Host,
                        fact,
                    ));
                    format!("{}: expired at {}", c.path, at(not_after))
                }
            };
            w.check("cert", result);
        }
        other => w.absent(
            "cert",
            other,
            "the kubeconfig's client-certificate under root/",
        ),
    }
}

/// The kubelet's ports (10250, healthz 10248, or what its config and flags say): someone
/// else holds one when the kubelet is not the one running.
fn weigh_ports(g: &Gathered, facts: &ConfigFacts, w: &mut Weighing) {
    match &g.listeners {
        Part::Read(l) => {
            let unit = g.unit.get();
            let (api, healthz) = super::ports::kubelet_ports(&facts.fields);
            let mut result = weigh_port(api, PortRole::Api, l, &g.port_owners, unit, w);
            if let Some(port) = healthz
                && let Some(held) = weigh_port(port, PortRole::Healthz, l, &g.port_owners, unit, w)
            {
                result = Some(match result {
                    Some(r) => format!("{r}; {held}"),
                    None => held,
                });
            }
            w.check(
                "port",
                result.unwrap_or_else(|| format!("{api} free (/proc/net/tcp)")),
            );
        }
        other => w.absent("port", other, "root/proc/net/tcp"),
    }
}

/// The runtime's config: the CRI plugin disabled, or a cgroup driver other than the
/// kubelet's. The drivers cannot differ once the kubelet takes the runtime's (its journal
/// says so), and are compared only when the kubelet's config was read.
fn weigh_runtime_config(g: &Gathered, facts: &ConfigFacts, w: &mut Weighing) {
    match &g.containerd {
        Part::Read(c) => {
            let mut result = Vec::new();
            if c.cri_disabled {
                result.push("disabled_plugins includes cri".to_string());
                w.found(check_finding(
                    Cause::RuntimeCriDisabled,
                    Severity::Error,
                    Source::Host,
                    "disabled_plugins in /etc/containerd/config.toml includes cri".into(),
                ));
            }
            let runtime = if c.systemd_cgroup == Some(true) {
                "systemd"
            } else {
                "cgroupfs"
            };
            result.push(format!(
                "runc cgroup driver {runtime} (SystemdCgroup = {})",
                c.systemd_cgroup
                    .map_or("unset".to_string(), |b| b.to_string())
            ));
            let from_cri = g
                .journal
                .get()
                .and_then(|j| j.current.as_ref().or(j.previous.as_ref()))
                .is_some_and(|r| r.driver_from_cri);
            let config_read = matches!(&g.config, Some(Part::Read(_)));
            let kubelet = facts.cgroup_driver().unwrap_or("cgroupfs");
            if config_read && !from_cri && kubelet != runtime {
                w.found(check_finding(
                        Cause::CgroupDriverMismatch,
                        Severity::Warning,
                        Source::Host,
                        format!(
                            "the kubelet's cgroupDriver is {kubelet} (config), containerd's runc uses {runtime} (SystemdCgroup in /etc/containerd/config.toml)"
                        ),
                    ),
                );
            }
            w.check("runtime", format!("containerd: {}", result.join("; ")));
        }
        other => w.absent("runtime", other, "root/etc/containerd/config.toml"),
    }
}

/// The CRI socket: absent or refusing is runtime-socket-missing.
fn weigh_cri(cri: &Part<super::collect::CriPart>, w: &mut Weighing) {
    match cri {
        Part::Read(c) => {
            let problem = match (c.state.as_str(), c.connects) {
                ("missing", _) => Some(format!("{} does not exist", c.endpoint)),
                ("not-a-socket", _) => Some(format!("{} is not a socket", c.endpoint)),
                ("socket", Some(false)) => Some(format!(
                    "{} refuses connections: {}",
                    c.endpoint,
                    c.detail.as_deref().unwrap_or("")
                )),
                _ => None,
            };
            let result = match &problem {
                Some(p) => p.clone(),
                None if c.connects == Some(true) => format!("{} accepts connections", c.endpoint),
                None => format!("{}: {}", c.endpoint, c.state),
            };
            if let Some(p) = problem {
                w.found(check_finding(
                    Cause::RuntimeSocketMissing,
                    Severity::Error,
                    Source::Host,
                    p,
                ));
            }
            let mut result = result;
            if let Some(a) = &c.cri {
                if let (Some(name), Some(version)) = (&a.runtime_name, &a.runtime_version) {
                    result.push_str(&format!("; {name} {version}"));
                }
                if a.version_code == Some(super::cri::UNIMPLEMENTED) {
                    result.push_str("; Version: Unimplemented");
                    let fact = format!(
                        "{} answers but not CRI v1: Version is Unimplemented",
                        c.endpoint
                    );
                    w.found(check_finding(
                        Cause::RuntimeCriDisabled,
                        Severity::Error,
                        Source::Host,
                        fact,
                    ));
                }
                for cond in &a.conditions {
                    let cause = match cond.kind.as_str() {
                        "RuntimeReady" => Cause::RuntimeUnhealthy,
                        "NetworkReady" => Cause::CniNotReady,
                        _ => continue,
                    };
                    if !cond.status {
                        let fact = format!("CRI Status: {}", cond.kubelet_text());
                        w.found(check_finding(cause, Severity::Error, Source::Host, fact));
                    }
                }
                let ready: Vec<String> = a
                    .conditions
                    .iter()
                    .map(|c| format!("{}={}", c.kind, c.status))
                    .collect();
                if !ready.is_empty() {
                    result.push_str(&format!("; {}", ready.join(", ")));
                }
                if let Some(e) = &a.error {
                    result.push_str(&format!("; {e}"));
                }
            }
            w.check("cri", result);
        }
        other => w.absent("cri", other, "cri.json"),
    }
}

/// The API server's view: the Node's Ready message classified like a journal line, a stale
/// Lease, the version-skew policy.
fn weigh_api(api: &Part<super::api::ApiView>, version: Option<&str>, w: &mut Weighing) {
    match api {
        Part::Read(a) => {
            let mut result = Vec::new();
            if let Some(v) = &a.server_version {
                result.push(format!("server {v}"));
            }
            if !a.found && a.error.is_none() {
                result.push(format!("no Node {}", a.node));
                w.found(check_finding(
                    Cause::NodeNotFound,
                    Severity::Warning,
                    Source::Host,
                    format!("the API server has no Node named {}", a.node),
                ));
            }
            if let Some(r) = &a.ready {
                result.push(
                    format!("Node {} Ready={} {}", a.node, r.status, r.reason)
                        .trim_end()
                        .to_string(),
                );
                if r.status != "True" {
                    let line = super::logline::LogLine {
                        level: super::logline::Level::Error,
                        source: None,
                        text: std::borrow::Cow::Borrowed(r.message.as_str()),
                    };
                    if let super::classify::Class::Hit(cause, _) =
                        super::classify::classify(&line, super::classify::Context::default())
                    {
                        let fact = format!(
                            "Node {} Ready={} {}: {}",
                            a.node, r.status, r.reason, r.message
                        );
                        w.found(check_finding(cause, Severity::Error, Source::Host, fact));
                    }
                }
            }
            // The kubelet says it is evicting: the pressure conditions it sets.
            for c in &a.pressure {
                let cause = match c.kind.as_str() {
                    "DiskPressure" => Cause::DiskPressure,
                    "MemoryPressure" => Cause::MemoryPressure,
                    _ => Cause::PidPressure,
                };
                result.push(format!("{}=True", c.kind));
                let fact = format!(
                    "Node {} {}=True {}: {}",
                    a.node, c.kind, c.reason, c.message
                );
                w.found(check_finding(cause, Severity::Warning, Source::Host, fact));
            }
            if let (Some(age), Some(duration)) = (a.lease_age_seconds, a.lease_duration_seconds) {
                result.push(format!("lease renewed {age}s ago ({duration}s)"));
                if a.lease_fresh() == Some(false) {
                    let fact = format!(
                        "the Node's Lease was renewed {age}s ago, past its {duration}s: the kubelet is not reaching the API server"
                    );
                    w.found(check_finding(
                        Cause::ApiUnreachable,
                        Severity::Error,
                        Source::Host,
                        fact,
                    ));
                }
            }
            let kubelet = version
                .map(str::to_string)
                .or_else(|| a.kubelet_version.clone());
            if let (Some(k), Some(s)) = (kubelet, &a.server_version)
                && let Some(why) = super::api::skew(&k, s)
            {
                w.found(check_finding(
                    Cause::VersionSkew,
                    Severity::Warning,
                    Source::Host,
                    why,
                ));
            }
            // §7.3: a client CSR nobody approves keeps the node out; a serving one leaves it
            // without a serving certificate (logs, exec, metrics fail).
            for csr in &a.pending_csrs {
                let serving = csr.signer_name == "kubernetes.io/kubelet-serving";
                let severity = if serving {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let mut f =
                    check_finding(Cause::CsrPending, severity, Source::Host, csr.evidence());
                // Approved but never signed: the signer, not an approval, is missing.
                if let Some(remedy) = csr.remedy() {
                    f.remedy = remedy;
                }
                w.found(f);
            }
            if !a.pending_csrs.is_empty() {
                result.push(format!("{} pending CSR(s)", a.pending_csrs.len()));
            }
            if let Some(e) = &a.csr_error {
                result.push(format!("CSRs not listed: {e}"));
            }
            if let Some(e) = &a.error {
                result.push(e.clone());
            }
            if let Some(finding) = refused_kubelet(a) {
                w.found(finding);
            }
            if a.asked_as == Some(super::api::AskedAs::Kubelet) {
                let file = a.kubeconfig.as_deref().unwrap_or("its kubeconfig");
                result.insert(0, format!("as the kubelet ({file})"));
            }
            w.check("api", result.join("; "));
        }
        // Without a kubeconfig the API server is not asked: say that, not "not in bundle".
        Part::Missing => w.check("api", "not asked (no kubeconfig)"),
        other => w.absent("api", other, "api.json"),
    }
}

/// healthz, as the collector found it: a row, not a cause of its own (the journal and the
/// unit say why), but a running unit whose healthz does not answer ok is not healthy.
fn weigh_healthz(healthz: &Part<super::collect::HealthzPart>, w: &mut Weighing) -> bool {
    match healthz {
        Part::Read(h) => {
            let mut result = h.state.clone();
            if let Some(ms) = h.latency_ms {
                result.push_str(&format!(" in {ms} ms"));
            }
            if let Some(u) = &h.url {
                result.push_str(&format!(" ({u})"));
            }
            if let Some(d) = &h.detail {
                result.push_str(&format!(": {d}"));
            }
            w.check("healthz", result);
        }
        other => w.absent("healthz", other, "healthz.json"),
    }
    healthz
        .get()
        .is_some_and(|h| !matches!(h.state.as_str(), "ok" | "disabled"))
}

/// Which of the kubelet's ports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PortRole {
    /// Its API (10250): the kubelet exits when it cannot listen there.
    Api,
    /// Its healthz (10248): it retries every 5 s and runs on, unhealthy to anyone who asks.
    Healthz,
}

/// Who listens on `port`, by socket inode: the kubelet's main PID (or a child of it, as RKE2
/// starts it) is no conflict; another process is named in the evidence and the remedy. Without
/// `listeners.json` the sockets are known by uid and inode only. `None` when nothing listens
/// there, or (healthz) only the kubelet.
fn weigh_port(
    port: u16,
    role: PortRole,
    sockets: &[super::host::Listener],
    owners: &Part<Vec<super::ports::PortOwner>>,
    unit: Option<&Unit>,
    w: &mut Weighing,
) -> Option<String> {
    let main_pid = unit.and_then(|u| u.main_pid).filter(|p| *p > 0);
    let is_kubelet =
        |o: &super::ports::PortOwner| main_pid.is_some_and(|m| o.pid == m || o.ppid == Some(m));
    let mut own = Vec::new();
    let mut others = Vec::new();
    let mut foreign = Vec::new();
    for l in sockets.iter().filter(|l| l.port == port) {
        let (uid, inode) = (&l.uid, &l.inode);
        let owner = owners.get().and_then(|list| {
            list.iter()
                .find(|o| inode.parse::<u64>().is_ok_and(|i| i == o.inode))
        });
        match owner {
            Some(o) if is_kubelet(o) => {
                own.push(format!("the kubelet, PID {}, socket inode {inode}", o.pid))
            }
            Some(o) => {
                others.push(format!(
                    "PID {} ({}), uid {uid}, socket inode {inode}",
                    o.pid,
                    o.shown()
                ));
                foreign.push(o);
            }
            None if owners.get().is_some() => others.push(format!(
                "uid {uid}, socket inode {inode}, no process found holding it"
            )),
            None => others.push(format!("uid {uid}, socket inode {inode}")),
        }
    }
    let what = match role {
        PortRole::Api => format!("{port}"),
        PortRole::Healthz => format!("{port} (healthz)"),
    };
    if others.is_empty() {
        return match (role, own.is_empty()) {
            (_, true) => None,
            (PortRole::Healthz, false) => None,
            (PortRole::Api, false) => Some(format!("{what} held by {}", own.join("; "))),
        };
    }
    let kubelet_down = unit.is_some_and(|u| u.state() != State::Running);
    let said = w
        .findings
        .iter()
        .any(|f| f.cause == Cause::PortInUse && f.evidence.contains(&format!(":{port}")));
    let held_by_another = !foreign.is_empty() && role == PortRole::Healthz;
    if said || kubelet_down || held_by_another {
        let fact = if foreign.is_empty() {
            format!(
                "port {what} is listened on ({}) (/proc/net/tcp)",
                others.join("; ")
            )
        } else {
            format!(
                "port {what} is held by {} (/proc/net/tcp, /proc/PID/fd)",
                others.join("; ")
            )
        };
        let severity = match role {
            PortRole::Api => Severity::Error,
            PortRole::Healthz => Severity::Warning,
        };
        w.found(check_finding(
            Cause::PortInUse,
            severity,
            Source::Host,
            fact,
        ));
        if let Some(o) = foreign.first() {
            let remedy = match role {
                PortRole::Api => format!(
                    "stop PID {} ({}), which holds the kubelet's port {port} (often a second kubelet: k3s next to kubeadm, a hand-started one), then restart the kubelet",
                    o.pid,
                    o.shown()
                ),
                PortRole::Healthz => format!(
                    "stop PID {} ({}), which holds the kubelet's healthz port {port}, or move the kubelet's healthz (healthzPort); until then its healthz server cannot start",
                    o.pid,
                    o.shown()
                ),
            };
            for f in w
                .findings
                .iter_mut()
                .filter(|f| f.cause == Cause::PortInUse && f.evidence.contains(&port.to_string()))
            {
                f.remedy.clone_from(&remedy);
            }
        }
    }
    others.extend(own);
    Some(format!("{what} in use ({})", others.join("; ")))
}

/// The kubelet's versions and where each came from: the installed binary's `--version`
/// (`kubelet-version`) and the running one's `"Kubelet version"` line (the journal).
struct Versions<'a> {
    installed: Installed<'a>,
    running: Option<&'a str>,
}

enum Installed<'a> {
    /// Not asked (a bundle without `kubelet-version`, no binary found).
    NotAsked,
    Unknown(String),
    Known {
        version: &'a str,
        asked: &'static str,
    },
}

impl<'a> Versions<'a> {
    fn new(part: &'a Part<String>, running: Option<&'a str>) -> Versions<'a> {
        use super::installed;
        let installed = match part {
            Part::Missing => Installed::NotAsked,
            Part::Unreadable(why) => {
                Installed::Unknown(format!("unreadable kubelet-version: {why}"))
            }
            Part::Read(text) => match installed::version(text) {
                Some(version) => Installed::Known {
                    version,
                    asked: installed::asked(text),
                },
                None => Installed::Unknown("no version in kubelet-version".into()),
            },
        };
        Versions { installed, running }
    }

    /// The version whose removed flags count: the installed one, else the running one.
    fn deciding(&self) -> Option<&'a str> {
        match self.installed {
            Installed::Known { version, .. } => Some(version),
            _ => self.running,
        }
    }

    /// `v1.35.0 is installed (kubelet --version) while v1.34.2 runs (journal): ...`, when the
    /// two differ.
    fn change(&self) -> Option<String> {
        let (Installed::Known { version, asked }, Some(running)) = (&self.installed, self.running)
        else {
            return None;
        };
        (version.trim_start_matches('v') != running.trim_start_matches('v')).then(|| {
            format!(
                "{version} is installed ({asked}) while {running} runs (journal): a restart will pick up the installed binary"
            )
        })
    }

    /// The "kubelet" row.
    fn describe(&self) -> String {
        let running = self
            .running
            .map(|v| format!("running {v} (journal)"))
            .unwrap_or_else(|| "running version unknown".into());
        match &self.installed {
            Installed::NotAsked => self
                .running
                .map(|v| format!("version {v} (journal)"))
                .unwrap_or_else(|| "version unknown".into()),
            Installed::Unknown(why) => format!("installed version unknown ({why}); {running}"),
            Installed::Known { version, asked } => {
                let mut s = format!("installed {version} ({asked}); {running}");
                if self.change().is_some() {
                    s.push_str("; a restart will pick up the installed binary");
                }
                s
            }
        }
    }
}

fn describe_journal(j: &Journal, previous_failed: bool) -> String {
    let mut s = format!("{}, {}", count(j.lines, "line"), count(j.runs_seen, "run"));
    if let Some(c) = &j.current {
        let since = c.first_us.and_then(rfc3339).unwrap_or_else(|| "?".into());
        if c.ended() {
            let status = c
                .exit
                .as_ref()
                .and_then(|e| e.status.clone())
                .map(|st| format!(" (status {st})"))
                .unwrap_or_default();
            s.push_str(&format!("; last run started {since}, exited{status}"));
        } else {
            s.push_str(&format!("; current run since {since}"));
        }
    }
    if previous_failed && let Some(p) = &j.previous {
        let cause = p.fatal_cause().unwrap_or(Cause::Unknown);
        s.push_str(&format!("; the previous run failed ({cause})"));
    }
    if j.failed_before > 0 {
        s.push_str(&format!(
            "; {} before the last",
            count(j.failed_before, "failed run")
        ));
    }
    if let Some((n, _)) = &j.restarts {
        s.push_str(&format!("; restart counter {n}"));
    }
    if j.not_json > 0 {
        let what = if j.short_text {
            "not from the journal"
        } else {
            "not JSON"
        };
        s.push_str(&format!("; {} {what}, skipped", count(j.not_json, "line")));
    }
    if j.truncated > 0 {
        s.push_str(&format!(
            "; {} cut at 64 KiB",
            count(j.truncated, "message")
        ));
    }
    s
}

/// A linted file's errors as evidence lines (`path:line:col: CODE message`); a file that could
/// not be linted is one line saying why.
fn lint_errors(c: &ConfigPart) -> Vec<String> {
    match &c.lint {
        Ok(report) => report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::config::Severity::Error)
            .map(|d| {
                let at = d
                    .start
                    .map(|p| format!("{}:{}:{}", c.path, p.line, p.column))
                    .unwrap_or_else(|| c.path.clone());
                format!("{at}: {} {}", d.code.rule().code, d.message)
            })
            .collect(),
        Err(why) => vec![format!("{}: {why}", c.path)],
    }
}

/// `1 run`, `3 runs`.
fn count(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::journal;

    fn gathered() -> Gathered {
        Gathered {
            origin: "b".into(),
            ..Gathered::default()
        }
    }

    fn causes(r: &Report) -> Vec<(Cause, bool, Confidence)> {
        r.findings
            .iter()
            .map(|f| (f.cause, f.fatal, f.confidence))
            .collect()
    }

    #[test]
    fn nothing_gathered_is_unknown() {
        let r = build(&gathered());
        assert_eq!(r.verdict, Verdict::Unknown);
        assert!(r.findings.is_empty());
    }

    #[test]
    fn a_failing_unit_without_a_journal_is_failing_for_an_unknown_cause() {
        let mut g = gathered();
        g.unit = Part::Read(crate::status::systemd::parse(
            "Id=kubelet.service\nLoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\nExecMainStatus=1\n",
        ));
        let r = build(&g);
        assert_eq!(r.verdict, Verdict::Failing);
        assert_eq!(causes(&r), [(Cause::Unknown, true, Confidence::CheckOnly)]);
        assert_eq!(
            r.findings[0].evidence,
            "systemd: kubelet.service failed/failed (Result=exit-code, exit status 1)"
        );
    }

    #[test]
    fn a_removed_flag_is_an_error_only_when_the_version_refuses_it() {
        let mut g = gathered();
        g.argv = Part::Read(Argv::from_proc(b"kubelet\0--cloud-config=/x\0"));
        let r = build(&g);
        assert_eq!(r.findings[0].severity, Severity::Warning);
        assert_eq!(r.verdict, Verdict::Degraded);
        let version = r#"{"_PID":"7","MESSAGE":"I0603 10:12:13.123456 7 server.go:530] \"Kubelet version\" kubeletVersion=\"v1.34.0\""}"#;
        g.journal = Part::Read(journal::read(version.as_bytes(), None).unwrap());
        let r = build(&g);
        assert_eq!(r.findings[0].severity, Severity::Error);
        assert_eq!(
            r.findings[0].evidence,
            "--cloud-config is on the command line; kubelet 1.34 and later refuse it"
        );
    }

    #[test]
    fn swap_is_not_a_finding_when_the_config_allows_it() {
        let mut g = gathered();
        g.swaps = Part::Read(vec!["/swap.img".into()]);
        assert_eq!(
            causes(&build(&g)),
            [(Cause::SwapEnabled, false, Confidence::CheckOnly)]
        );
        g.argv = Part::Read(Argv::from_proc(b"kubelet\0--config=/c\0"));
        g.config = Some(Part::Read(ConfigPart {
            path: "/c".into(),
            lint: Err("x".into()),
            facts: ConfigFacts {
                fields: [("failSwapOn", "false".to_string())].into(),
            },
        }));
        let r = build(&g);
        assert_eq!(
            causes(&r),
            [(Cause::ConfigInvalid, false, Confidence::CheckOnly)]
        );
    }

    #[test]
    fn a_clean_exit_in_the_journal_alone_is_a_stopped_unit() {
        let mut g = gathered();
        let lines = [
            r#"{"_PID":"7","_SYSTEMD_INVOCATION_ID":"a","MESSAGE":"I0603 10:12:13.123456 7 kubelet.go:1] \"Started kubelet\""}"#,
            r#"{"_PID":"1","INVOCATION_ID":"a","__REALTIME_TIMESTAMP":"1748945533000000","MESSAGE_ID":"98e322203f7a4ed290d09fe03c09fe15","EXIT_STATUS":"0","MESSAGE":"kubelet.service: Main process exited, code=exited, status=0/SUCCESS"}"#,
        ];
        g.journal = Part::Read(journal::read(lines.join("\n").as_bytes(), None).unwrap());
        let r = build(&g);
        assert_eq!(r.verdict, Verdict::Failing);
        assert_eq!(
            causes(&r),
            [(Cause::UnitStopped, true, Confidence::LogOnly)]
        );
        assert_eq!(r.findings[0].time.as_deref(), Some("2025-06-03T10:12:13Z"));
    }

    #[test]
    fn a_running_unit_whose_healthz_fails_is_degraded() {
        let mut g = gathered();
        g.unit = Part::Read(crate::status::systemd::parse(
            "Id=kubelet.service\nLoadState=loaded\nActiveState=active\nSubState=running\n",
        ));
        assert_eq!(build(&g).verdict, Verdict::Healthy);
        g.healthz = Part::Read(crate::status::collect::HealthzPart {
            url: Some("http://127.0.0.1:10248/healthz".into()),
            state: "timeout".into(),
            detail: Some("no answer within 3s".into()),
            latency_ms: None,
        });
        let r = build(&g);
        assert_eq!(r.verdict, Verdict::Degraded);
        assert!(r.findings.is_empty());
        let row = r.checks.iter().find(|c| c.name == "healthz").unwrap();
        assert_eq!(
            row.result,
            "timeout (http://127.0.0.1:10248/healthz): no answer within 3s"
        );
    }

    #[test]
    fn a_cri_socket_that_refuses_is_runtime_socket_missing() {
        let mut g = gathered();
        g.cri = Part::Read(crate::status::collect::CriPart {
            endpoint: "unix:///run/containerd/containerd.sock".into(),
            state: "socket".into(),
            connects: Some(false),
            detail: Some("Connection refused (os error 111)".into()),
            cri: None,
        });
        let r = build(&g);
        assert_eq!(
            causes(&r),
            [(Cause::RuntimeSocketMissing, false, Confidence::CheckOnly)]
        );
        assert_eq!(
            r.findings[0].evidence,
            "unix:///run/containerd/containerd.sock refuses connections: Connection refused (os error 111)"
        );
    }

    #[test]
    fn times_are_rfc3339_seconds() {
        assert_eq!(
            rfc3339(1_748_945_533_123_456).as_deref(),
            Some("2025-06-03T10:12:13Z")
        );
    }
}
