//! `kubelet-doctor healthz`: is the kubelet alive, here (its own healthz endpoint) or on
//! every node (through the API server's node proxy, judged together with the node's Ready
//! condition and Lease), with `--wait` for runbooks that restart it.
//!
//! The verdict logic is pure ([`verdict`]); this module only fetches, polls and prints.

pub mod kubelet_config;
pub mod local;
pub mod remote;
pub mod render;
pub mod verdict;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use k8s_openapi::jiff::Timestamp;

use crate::client::Cluster;
use crate::client::list::{ListEvent, ListSpec};
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error, Result};
use crate::exit::ExitStatus;
use crate::nodes::Decoded;
use crate::nodes::health::{LeaseFacts, LeaseState, NodeHealth};
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;
use verdict::{Healthz, Verdict};

/// The kubelet's config file, where the local probe learns address and port.
pub const DEFAULT_CONFIG: &str = "/var/lib/kubelet/config.yaml";

const LIST_CHUNK: u32 = 500;
/// How often `--wait` asks again: about as often as the kubelet renews its lease.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// What one healthz request found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub healthz: Healthz,
    pub http_status: Option<u16>,
    pub latency: Option<Duration>,
}

/// This node's kubelet, asked directly.
#[derive(Clone, Debug)]
pub struct LocalTarget {
    /// `--url`: instead of the address and port in the config file.
    pub url: Option<String>,
    pub config: PathBuf,
    /// `--config` was given: an unreadable file is an error, not a fallback.
    pub config_explicit: bool,
}

/// Kubelets asked through the API server: these nodes, or those matching the selector, or all.
#[derive(Clone, Debug)]
pub struct RemoteTarget {
    pub names: Vec<String>,
    pub selector: Option<String>,
}

/// Validated settings of one `healthz` run.
#[derive(Clone, Debug)]
pub struct HealthzSettings {
    /// Per-probe deadline (connect, headers and body).
    pub timeout: Duration,
    pub parallel: usize,
    pub wait: Option<Duration>,
    pub json: bool,
}

/// One kubelet's line in the report.
#[derive(Clone, Debug)]
pub struct Row {
    pub node: Option<String>,
    pub url: Option<String>,
    pub probe: Probe,
    /// Ready condition status (remote only; empty when the node has none).
    pub ready: Option<String>,
    pub lease: Option<LeaseState>,
    pub verdict: Verdict,
    pub detail: Vec<String>,
}

/// Everything one round found.
#[derive(Clone, Debug)]
pub struct Report {
    pub local: bool,
    pub rows: Vec<Row>,
    /// With --wait: how long it took (to get healthy, or to give up).
    pub waited: Option<String>,
    /// Errors that stopped some kubelets from being probed at all (403 on nodes/proxy, a
    /// missing named node, unreadable leases): printed once each on stderr, exit status 2.
    pub errors: Vec<String>,
}

impl Report {
    fn status(&self) -> ExitStatus {
        let worst = self.rows.iter().map(|r| r.verdict).max();
        let rows = match worst {
            None | Some(Verdict::Healthy) => ExitStatus::Healthy,
            Some(Verdict::Unhealthy) => ExitStatus::Problems,
            Some(Verdict::Unknown) => ExitStatus::Failure,
        };
        if self.errors.is_empty() {
            rows
        } else {
            rows.combine(ExitStatus::Failure)
        }
    }

    pub(crate) fn all_healthy(&self) -> bool {
        self.errors.is_empty() && self.rows.iter().all(|r| r.verdict == Verdict::Healthy)
    }

    /// Asking again will not help: something could not be probed at all.
    fn hopeless(&self) -> bool {
        !self.errors.is_empty() || self.rows.iter().any(|r| r.verdict == Verdict::Unknown)
    }
}

/// Runs a local probe (no cluster involved).
pub async fn run_local(settings: &HealthzSettings, target: &LocalTarget) -> Result<ExitStatus> {
    let LocalTarget {
        url,
        config,
        config_explicit,
    } = target;
    let endpoint = match url {
        Some(u) => kubelet_config::Endpoint::Url(u.clone()),
        None => local_endpoint(config, *config_explicit)?,
    };
    let client = local::client(settings.timeout)?;
    let config_name = config.display().to_string();
    let report = poll(settings, |timeout| {
        let client = &client;
        let endpoint = &endpoint;
        let config_name = &config_name;
        async move {
            let (url, probe) = match endpoint {
                kubelet_config::Endpoint::Url(u) => (
                    Some(crate::output::redact::url(u).into_owned()),
                    local::probe(client, u, timeout).await,
                ),
                kubelet_config::Endpoint::Disabled => (
                    None,
                    Probe {
                        healthz: Healthz::Disabled {
                            config: config_name.clone(),
                        },
                        http_status: None,
                        latency: None,
                    },
                ),
            };
            let (verdict, detail) = verdict::local(&probe.healthz);
            Ok(Report {
                local: true,
                rows: vec![Row {
                    node: None,
                    url,
                    probe,
                    ready: None,
                    lease: None,
                    verdict,
                    detail,
                }],
                waited: None,
                errors: Vec::new(),
            })
        }
    })
    .await?;
    finish(settings, report)
}

/// Where the local kubelet's healthz is: from its config file when readable, else the
/// kubelet's default. A `--config` the user named must be readable.
fn local_endpoint(config: &std::path::Path, explicit: bool) -> Result<kubelet_config::Endpoint> {
    let fallback = |why: String| -> Result<kubelet_config::Endpoint> {
        if explicit {
            return Err(Error::Input(why));
        }
        term::warning(format!(
            "{why}; probing the kubelet's default {}",
            kubelet_config::DEFAULT_URL
        ));
        Ok(kubelet_config::Endpoint::Url(
            kubelet_config::DEFAULT_URL.into(),
        ))
    };
    match crate::files::read_capped(config, crate::config::source::MAX_BYTES as u64) {
        Ok(bytes) => match kubelet_config::endpoint(&String::from_utf8_lossy(&bytes)) {
            Ok(endpoint) => Ok(endpoint),
            Err(e) => fallback(format!(
                "cannot read the healthz address from {}: {}",
                config.display(),
                sanitize(&e)
            )),
        },
        // No config file at the default path (not a node, or a kubelet run with flags only):
        // the default is what the kubelet would use.
        Err(crate::files::ReadError::Io(e))
            if e.kind() == std::io::ErrorKind::NotFound && !explicit =>
        {
            Ok(kubelet_config::Endpoint::Url(
                kubelet_config::DEFAULT_URL.into(),
            ))
        }
        Err(e) => fallback(format!("cannot read {}: {e}", config.display())),
    }
}

/// Runs remote probes through the API server.
pub async fn run_remote(
    cluster: &Cluster,
    settings: &HealthzSettings,
    target: &RemoteTarget,
) -> Result<ExitStatus> {
    let RemoteTarget { names, selector } = target;
    let report = poll(settings, |timeout| {
        remote_round(cluster, names, selector.as_deref(), settings, timeout)
    })
    .await?;
    if report.rows.is_empty() && report.errors.is_empty() {
        if settings.json && !term::quiet() {
            // A script parsing stdout gets a document either way.
            emit(render::json(&report).as_bytes())?;
        }
        match selector {
            Some(s) => term::note(format!(
                "No nodes match the selector {:?}.",
                sanitize(s).as_ref()
            )),
            None => term::note("The cluster has no nodes."),
        }
        return Ok(ExitStatus::Healthy);
    }
    finish(settings, report)
}

async fn remote_round(
    cluster: &Cluster,
    names: &[String],
    selector: Option<&str>,
    settings: &HealthzSettings,
    timeout: Duration,
) -> Result<Report> {
    let mut errors = Vec::new();
    let leases = match crate::nodes::leases::fetch_leases(cluster, names, LIST_CHUNK).await {
        Ok(map) => Some(map),
        Err(err @ Error::Forbidden { .. }) => {
            errors.push(format!(
                "{err}; lease ages are not judged, so a kubelet that stopped heartbeating would not show"
            ));
            None
        }
        Err(err) => return Err(err),
    };
    // Lease ages are measured from when the leases were read.
    let now = Timestamp::now();
    let nodes = fetch_nodes(cluster, names, selector, leases.as_ref(), now, &mut errors).await?;
    let node_names: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
    let probes = remote::probe_all(cluster, &node_names, settings.parallel, timeout).await;
    // A 403 or a lost API server is the same story on every node: tell it once.
    let mut fatal_first: Option<String> = None;
    let mut fatal_more = 0usize;
    let rows = nodes
        .into_iter()
        .zip(probes)
        .map(|(node, (probe, fatal))| {
            if let Some(f) = fatal {
                if fatal_first.is_none() {
                    fatal_first = Some(f);
                } else {
                    fatal_more += 1;
                }
            }
            let (verdict, mut detail) = verdict::remote(&probe.healthz, Some(&node));
            if let Some(why) = &node.unreadable {
                detail.push(format!("node object unreadable: {why}"));
            }
            Row {
                node: Some(node.name),
                url: None,
                probe,
                ready: Some(node.ready.status),
                lease: leases.as_ref().map(|_| node.lease),
                verdict,
                detail,
            }
        })
        .collect();
    if let Some(first) = fatal_first {
        errors.push(match fatal_more {
            0 => first,
            n => format!(
                "{first} (and {n} more {})",
                if n == 1 { "node" } else { "nodes" }
            ),
        });
    }
    Ok(Report {
        local: false,
        rows,
        waited: None,
        errors,
    })
}

/// The nodes to probe, each already judged on Ready and lease. Pages are judged as they
/// arrive, so only one page of full node objects is held at a time.
async fn fetch_nodes(
    cluster: &Cluster,
    names: &[String],
    selector: Option<&str>,
    leases: Option<&HashMap<String, LeaseFacts>>,
    now: Timestamp,
    errors: &mut Vec<String>,
) -> Result<Vec<NodeHealth>> {
    // Decoded straight into the typed Node, one at a time; a half-broken object becomes one
    // node's problem, never the end of the run.
    let mut out = Vec::new();
    if names.is_empty() {
        let spec = ListSpec::nodes(selector, LIST_CHUNK);
        cluster
            .list_each::<Decoded>(&spec, |event| {
                if let ListEvent::Item(node) = event {
                    out.push(node.judge(leases, now));
                }
                Ok(())
            })
            .await?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        return Ok(out);
    }
    for name in names {
        let call = ApiCall::get("nodes", "", None, name);
        let uri = format!("/api/v1/nodes/{}", encode_segment(name));
        match cluster.get_json::<Decoded>(&call, &uri).await {
            Ok(node) => out.push(node.judge(leases, now)),
            // One missing node must not hide the others.
            Err(err @ (Error::NotFound { .. } | Error::Api { .. })) => errors.push(err.to_string()),
            Err(err) => return Err(err),
        }
    }
    Ok(out)
}

/// Runs `round` once, or with --wait until everything is healthy or the deadline passes.
/// Each round's probes get the per-probe timeout, cut to what is left of the wait.
async fn poll<F, Fut>(settings: &HealthzSettings, mut round: F) -> Result<Report>
where
    F: FnMut(Duration) -> Fut,
    Fut: std::future::Future<Output = Result<Report>>,
{
    let Some(wait) = settings.wait else {
        return round(settings.timeout).await;
    };
    let started = Instant::now();
    let deadline = started + wait;
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let left = deadline.saturating_duration_since(Instant::now());
        let timeout = settings.timeout.min(left.max(Duration::from_millis(100)));
        let mut report = round(timeout).await?;
        if timeout < settings.timeout {
            say_the_wait_cut_it(&mut report, wait);
        }
        let elapsed = started.elapsed();
        let done = report.all_healthy() || report.hopeless() || Instant::now() >= deadline;
        if done {
            term::end_progress();
            report.waited = Some(format!(
                "{:.1}s, {attempts} {}",
                elapsed.as_secs_f64(),
                if attempts == 1 { "attempt" } else { "attempts" }
            ));
            if !report.all_healthy() && !report.hopeless() {
                term::note(format!(
                    "still not healthy when --wait {} ran out",
                    crate::duration::human_duration(wait)
                ));
            }
            return Ok(report);
        }
        {
            let bad = report
                .rows
                .iter()
                .filter(|r| r.verdict != Verdict::Healthy)
                .count();
            term::progress(format!(
                "waiting for {bad} of {} {}: {:.0}s of {}s",
                report.rows.len(),
                if report.rows.len() == 1 {
                    "kubelet"
                } else {
                    "kubelets"
                },
                elapsed.as_secs_f64(),
                wait.as_secs()
            ));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        tokio::time::sleep(POLL_EVERY.min(left)).await;
    }
}

/// A probe cut short by the end of --wait timed out on what was left of the wait, not on
/// --timeout: its detail says so, lest "no answer within 100ms" read as the kubelet's fault.
fn say_the_wait_cut_it(report: &mut Report, wait: Duration) {
    for row in &mut report.rows {
        if let Healthz::TimedOut { .. } = row.probe.healthz
            && let Some(first) = row.detail.first_mut()
        {
            *first = format!(
                "no answer before --wait {} ran out: the kubelet is hung or overloaded",
                crate::duration::human_duration(wait)
            );
        }
    }
}

/// Prints the report (stdout), the errors and the summary line (stderr); the exit status.
fn finish(settings: &HealthzSettings, report: Report) -> Result<ExitStatus> {
    for err in &report.errors {
        term::error(err);
    }
    if !term::quiet() {
        if settings.json {
            emit(render::json(&report).as_bytes())?;
        } else if !report.rows.is_empty() {
            emit(render::table(&report, term::stdout_color()).as_bytes())?;
        }
    }
    if !report.rows.is_empty() {
        term::note(render::summary(&report));
    }
    Ok(report.status())
}
