//! `kubelet-doctor pressure`: how close each node is to eviction and image GC, by the
//! kubelet's own arithmetic, and whom the kubelet would evict first.
//!
//! Per node, `/configz` and `/stats/summary` are read through the node proxy (`--parallel` at
//! a time, each with its own deadline; a kubelet that hangs or answers garbage is that node's
//! problem only). A summary is parsed into the few numbers eviction uses and dropped, so
//! memory stays flat with the cluster's size. Pods are listed only for nodes near or past a
//! threshold, one list per such node. The arithmetic is pure: [`assess`], [`ranking`].

pub mod assess;
pub mod node;
pub mod ranking;
pub mod render;
pub mod signal;
pub mod summary;
pub mod thresholds;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use k8s_openapi::jiff::Timestamp;

use crate::client::Cluster;
use crate::client::list::{Lenient, ListEvent, ListSpec};
use crate::client::query::encode_segment;
use crate::error::{ApiCall, Error, Result};
use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;
use assess::{Disagreement, ImageGc, SignalRow, State};
use node::NodeFacts;
use ranking::{Candidate, PodSpecFacts};
use signal::{Layout, Signal};
use summary::Summary;
use thresholds::{Policy, Source};

/// Pods kept per eviction order (critical ones, listed last, are all kept): enough to act on,
/// and a bound on memory when thousands of full nodes are near a threshold.
pub const MAX_ORDER: usize = 20;

/// Stats older than this mean cAdvisor or the runtime stopped refreshing them.
const STALE_AFTER: Duration = Duration::from_secs(120);

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Table,
    Wide,
    Json,
    Name,
}

/// Validated settings of one `pressure` run.
#[derive(Clone, Debug)]
pub struct PressureSettings {
    pub names: Vec<String>,
    pub selector: Option<String>,
    pub parallel: usize,
    /// Deadline of each kubelet request.
    pub timeout: Duration,
    pub output: Output,
    pub problems: bool,
    /// Percentage points of capacity under which headroom counts as "near".
    pub margin: f64,
    pub chunk_size: u32,
}

/// The worst state on a node, or why it could not be judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Ok,
    Near,
    PastSoft,
    Evicting,
    /// The kubelet's numbers could not be read.
    Unknown,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Near => "near",
            Verdict::PastSoft => "past-soft",
            Verdict::Evicting => "evicting",
            Verdict::Unknown => "unknown",
        }
    }

    fn is_problem(self) -> bool {
        self != Verdict::Ok
    }
}

/// Everything found about one node.
#[derive(Debug)]
pub struct NodeReport {
    pub name: String,
    pub verdict: Verdict,
    pub error: Option<String>,
    /// The API server refused us the node proxy (RBAC), which is not the kubelet's fault.
    pub forbidden: bool,
    pub source: Option<Source>,
    pub layout: Option<Layout>,
    pub signals: Vec<SignalRow>,
    pub image_gc: Option<ImageGc>,
    pub disagreements: Vec<Disagreement>,
    /// `(reported, expected)` allocatable memory, when they differ.
    pub allocatable_memory: Option<(i64, i64)>,
    /// Per tight signal, the pods in the kubelet's eviction order.
    pub eviction_order: BTreeMap<Signal, Order>,
    pub notes: Vec<String>,
}

impl NodeReport {
    pub(crate) fn failed(name: String, error: String) -> NodeReport {
        NodeReport {
            name,
            verdict: Verdict::Unknown,
            error: Some(error),
            forbidden: false,
            source: None,
            layout: None,
            signals: Vec::new(),
            image_gc: None,
            disagreements: Vec::new(),
            allocatable_memory: None,
            eviction_order: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// The signal with the least headroom (in % of its capacity) among those with thresholds.
    pub fn tightest(&self) -> Option<&SignalRow> {
        self.signals
            .iter()
            .filter(|r| r.headroom_percent.is_some())
            .min_by(|a, b| {
                let p = |r: &SignalRow| r.headroom_percent.unwrap_or(f64::INFINITY);
                p(a).total_cmp(&p(b))
            })
    }
}

/// The first pods of an eviction order, and how many more there are.
#[derive(Debug)]
pub struct Order {
    /// The first [`MAX_ORDER`] evictable pods in order, then every critical one.
    pub pods: Vec<Candidate>,
    /// Evictable pods left out after the first [`MAX_ORDER`].
    pub more: usize,
}

impl Order {
    fn cut(all: Vec<Candidate>) -> Order {
        let evictable = all.iter().filter(|c| !c.critical).count();
        let more = evictable.saturating_sub(MAX_ORDER);
        let mut kept = 0;
        let pods = all
            .into_iter()
            .filter(|c| {
                kept += usize::from(!c.critical);
                c.critical || kept <= MAX_ORDER
            })
            .collect();
        Order { pods, more }
    }
}

/// The whole run.
#[derive(Debug)]
pub struct Report {
    pub margin: f64,
    pub nodes: Vec<NodeReport>,
    /// Errors about the run, not one node (403 on nodes/proxy): printed once on stderr.
    pub errors: Vec<String>,
}

pub async fn run(cluster: &Cluster, settings: &PressureSettings) -> Result<ExitStatus> {
    let mut errors = Vec::new();
    let nodes = fetch_nodes(cluster, settings, &mut errors).await?;
    let mut reports: Vec<NodeReport> = crate::fanout::ordered(nodes, settings.parallel, |n| {
        assess_node(cluster, settings, n)
    })
    .await;
    // A 403 on nodes/proxy is the same story on every node: tell it once, on stderr.
    let forbidden = reports.iter().filter(|r| r.forbidden).count();
    if forbidden > 0 {
        errors.push(format!(
            "the API server refused the node proxy on {forbidden} of {} nodes: grant \"get\" on \
             \"nodes/proxy\" (it reaches the kubelet API: a powerful permission)",
            reports.len()
        ));
    }
    sort_tightest_first(&mut reports);
    let status = reports
        .iter()
        .map(|r| match r.verdict {
            Verdict::Ok => ExitStatus::Healthy,
            Verdict::Unknown => ExitStatus::Failure,
            _ => ExitStatus::Problems,
        })
        .fold(ExitStatus::Healthy, ExitStatus::combine);
    let status = if errors.is_empty() {
        status
    } else {
        status.combine(ExitStatus::Failure)
    };
    let total = reports.len();
    let report = Report {
        margin: settings.margin,
        nodes: if settings.problems {
            reports
                .into_iter()
                .filter(|r| r.verdict.is_problem())
                .collect()
        } else {
            reports
        },
        errors,
    };
    for e in &report.errors {
        term::error(e);
    }
    if !term::quiet() {
        let out = match settings.output {
            Output::Json => {
                render::json(&report, |piece| emit(piece.as_bytes()))?;
                None
            }
            Output::Name => Some(render::names(&report)),
            Output::Table | Output::Wide if report.nodes.is_empty() => None,
            Output::Table => Some(render::table(&report, term::stdout_color())),
            Output::Wide => Some(render::wide(&report, term::stdout_color())),
        };
        if let Some(out) = out {
            emit(out.as_bytes())?;
        }
    }
    if total == 0 {
        match &settings.selector {
            Some(s) => term::note(format!(
                "No nodes match the selector {:?}.",
                sanitize(s).as_ref()
            )),
            None if settings.names.is_empty() => term::note("The cluster has no nodes."),
            None => {}
        }
    } else {
        term::note(render::summary(&report, total));
    }
    Ok(status)
}

/// Nodes sorted by their tightest headroom, least first; unreadable ones at the end.
fn sort_tightest_first(reports: &mut [NodeReport]) {
    reports.sort_by(|a, b| {
        let key = |r: &NodeReport| {
            (
                r.verdict == Verdict::Unknown,
                r.tightest()
                    .and_then(|t| t.headroom_percent)
                    .unwrap_or(f64::INFINITY),
            )
        };
        let (ua, pa) = key(a);
        let (ub, pb) = key(b);
        ua.cmp(&ub)
            .then(pa.total_cmp(&pb))
            .then_with(|| a.name.cmp(&b.name))
    });
}

async fn fetch_nodes(
    cluster: &Cluster,
    settings: &PressureSettings,
    errors: &mut Vec<String>,
) -> Result<Vec<NodeFacts>> {
    let mut out = Vec::new();
    if settings.names.is_empty() {
        let spec = ListSpec::nodes(settings.selector.as_deref(), settings.chunk_size);
        cluster
            .list_each::<NodeFacts>(&spec, |event| {
                if let ListEvent::Item(node) = event {
                    out.push(node);
                }
                Ok(())
            })
            .await?;
        return Ok(out);
    }
    for name in &settings.names {
        let call = ApiCall::get("nodes", "", None, name);
        let uri = format!("/api/v1/nodes/{}", encode_segment(name));
        match cluster.get_json::<NodeFacts>(&call, &uri).await {
            Ok(node) => out.push(node),
            // One missing node must not hide the others.
            Err(err @ (Error::NotFound { .. } | Error::Api { .. })) => errors.push(err.to_string()),
            Err(err) => return Err(err),
        }
    }
    Ok(out)
}

/// Reads one kubelet's config and summary and judges them.
async fn assess_node(
    cluster: &Cluster,
    settings: &PressureSettings,
    node: NodeFacts,
) -> NodeReport {
    let name = node.name.clone();
    if let Some(why) = &node.broken {
        return NodeReport::failed(name, format!("node object unreadable: {}", sanitize(why)));
    }
    let timeout = settings.timeout;
    let (configz, summary) = tokio::join!(
        proxy_body(
            cluster,
            &name,
            "configz",
            timeout,
            crate::client::MAX_PROXY_BODY
        ),
        proxy_body(
            cluster,
            &name,
            "stats/summary",
            timeout,
            crate::client::MAX_SUMMARY_BODY
        ),
    );
    let summary = match summary {
        Ok(body) => match Summary::parse(&body) {
            Ok(s) => s,
            Err(e) => return NodeReport::failed(name, e),
        },
        Err(failure) => {
            let mut r = NodeReport::failed(name, failure.message);
            r.forbidden = failure.forbidden;
            return r;
        }
    };
    let mut report = judge(
        &node,
        &summary,
        configz.map_err(|f| f.message),
        settings.margin,
    );
    let layout = report.layout.unwrap_or(Layout::Shared);
    let verdict = report.verdict;
    if verdict.is_problem() {
        match node_pods(cluster, &report.name, settings.chunk_size).await {
            Ok(pods) => report.eviction_order = orders(&report.signals, layout, &pods, &summary),
            Err(e) => report.notes.push(format!(
                "eviction order unknown: cannot list the node's pods: {e}"
            )),
        }
    }
    report
}

/// Judges one node from its summary and `/configz` body (or why that could not be read):
/// everything but the eviction order, which needs the node's pods. Pure.
pub fn judge(
    node: &NodeFacts,
    summary: &Summary,
    configz: std::result::Result<Vec<u8>, String>,
    margin: f64,
) -> NodeReport {
    let mut notes = Vec::new();
    let policy = match configz.and_then(|b| Policy::from_configz(&b, node.windows)) {
        Ok(p) => p,
        Err(why) => {
            let p = Policy::defaults(node.windows);
            notes.push(format!(
                "thresholds are the kubelet's {} defaults: {why}",
                if node.windows { "Windows" } else { "Linux" }
            ));
            p
        }
    };
    for i in &policy.ignored {
        notes.push(format!("ignored by the kubelet: {i}"));
    }
    let layout = signal::layout(summary);
    let observations = signal::observe(summary, node.windows);
    let signals = assess::signals(&observations, &policy, layout, margin);
    if let Some(age) = stale(&observations) {
        notes.push(format!(
            "the kubelet's stats are {} old: cAdvisor or the container runtime is not refreshing them",
            crate::duration::human_age(age)
        ));
    }
    let image_gc = assess::image_gc(
        observations.by_signal.get(&Signal::ImagefsAvailable),
        &policy,
    );
    let disagreements =
        assess::disagreements(&signals, &node.conditions, &policy.transition_period);
    let allocatable_memory =
        node.memory_capacity
            .zip(node.memory_allocatable)
            .and_then(|(capacity, reported)| {
                let expected =
                    assess::expected_allocatable_memory(capacity, node.hugepages, &policy)?;
                (expected != reported && policy.source == Source::Configz)
                    .then_some((reported, expected))
            });
    let verdict = signals
        .iter()
        .map(|r| match r.state {
            State::HardMet => Verdict::Evicting,
            State::SoftMet => Verdict::PastSoft,
            State::Near => Verdict::Near,
            _ => Verdict::Ok,
        })
        .max()
        .unwrap_or(Verdict::Ok);
    NodeReport {
        name: node.name.clone(),
        verdict,
        error: None,
        forbidden: false,
        source: Some(policy.source),
        layout: Some(layout),
        signals,
        image_gc,
        disagreements,
        allocatable_memory,
        eviction_order: BTreeMap::new(),
        notes,
    }
}

/// Why a kubelet endpoint gave no usable body.
struct ProxyFailure {
    /// In words, for the node's row.
    message: String,
    forbidden: bool,
}

/// The body of a 2xx answer, or what went wrong.
async fn proxy_body(
    cluster: &Cluster,
    node: &str,
    path: &str,
    timeout: Duration,
    cap: usize,
) -> std::result::Result<Vec<u8>, ProxyFailure> {
    let failure = |message: String| ProxyFailure {
        message,
        forbidden: false,
    };
    match cluster
        .node_proxy_get_capped(node, path, timeout, cap)
        .await
    {
        Ok(r) if (200..300).contains(&r.status) => Ok(r.body),
        Ok(r) => Err(failure(match r.api_status {
            Some(st) => format!("/{path}: {} ({})", sanitize(&st.message), r.status),
            None => format!("/{path}: the kubelet answered {}", r.status),
        })),
        Err(Error::Timeout { after, .. }) => Err(failure(format!(
            "/{path}: no answer within {}",
            crate::duration::human_duration(after)
        ))),
        Err(Error::Forbidden { .. }) => Err(ProxyFailure {
            message: "403 Forbidden: needs get nodes/proxy".into(),
            forbidden: true,
        }),
        Err(e) => Err(failure(format!("/{path}: {e}"))),
    }
}

/// The oldest stats block, when it is older than [`STALE_AFTER`].
fn stale(obs: &signal::Observations) -> Option<Duration> {
    let now = Timestamp::now();
    obs.by_signal
        .values()
        .filter_map(|o| o.time.as_deref()?.parse::<Timestamp>().ok())
        .map(|t| now.duration_since(t))
        .filter_map(|d| Duration::try_from(d).ok())
        .max()
        .filter(|d| *d > STALE_AFTER)
}

/// Eviction orders for the tightest problem signal of each resource.
pub fn orders(
    signals: &[SignalRow],
    layout: Layout,
    pods: &[PodSpecFacts],
    summary: &Summary,
) -> BTreeMap<Signal, Order> {
    let stats: HashMap<&str, &summary::PodStats> = summary
        .pods
        .iter()
        .map(|p| (p.pod_ref.uid.as_str(), p))
        .collect();
    let mut tightest: BTreeMap<signal::Resource, &SignalRow> = BTreeMap::new();
    for r in signals.iter().filter(|r| r.state.is_problem()) {
        let p = r.headroom_percent.unwrap_or(f64::INFINITY);
        let e = tightest.entry(r.signal.resource()).or_insert(r);
        if p < e.headroom_percent.unwrap_or(f64::INFINITY) {
            *e = r;
        }
    }
    tightest
        .values()
        .map(|r| {
            let all = ranking::order(r.signal, layout, pods, &stats);
            (r.signal, Order::cut(all))
        })
        .collect()
}

async fn node_pods(cluster: &Cluster, node: &str, chunk: u32) -> Result<Vec<PodSpecFacts>> {
    let selector = format!("spec.nodeName={node}");
    let spec = ListSpec {
        call: ApiCall::list("pods", "", None),
        path: "/api/v1/pods".to_string(),
        label_selector: None,
        field_selector: Some(&selector),
        limit: chunk,
    };
    let mut pods = Vec::new();
    cluster
        // A pod that does not decode is left out of the ranking rather than failing the node.
        .list_each::<Lenient<PodSpecFacts>>(&spec, |event| {
            if let ListEvent::Item(Lenient(Some(p))) = event {
                pods.push(p);
            }
            Ok(())
        })
        .await?;
    Ok(pods)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, critical: bool) -> Candidate {
        Candidate {
            namespace: "ns".into(),
            name: name.into(),
            priority: 0,
            usage: Some(1),
            request: 0,
            exceeds_request: true,
            critical,
        }
    }

    #[test]
    fn an_order_keeps_the_first_evictable_pods_and_every_critical_one() {
        let mut all: Vec<Candidate> = (0..30).map(|i| pod(&format!("p{i}"), false)).collect();
        all.extend((0..3).map(|i| pod(&format!("c{i}"), true)));
        let order = Order::cut(all);
        assert_eq!(order.more, 10);
        let names: Vec<&str> = order.pods.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), MAX_ORDER + 3);
        assert_eq!(&names[..2], ["p0", "p1"]);
        assert_eq!(names[MAX_ORDER - 1], "p19");
        assert_eq!(&names[MAX_ORDER..], ["c0", "c1", "c2"]);
        let short = Order::cut(vec![pod("a", false), pod("b", true)]);
        assert_eq!((short.pods.len(), short.more), (2, 0));
    }
}
