//! `kubelet-doctor probes`: the I/O around the engine. One paginated list of the kubelet's pod
//! events for the scope is folded into an index first (never one call per pod); then pods
//! stream page by page, and only a pod with probes that is unhealthy or named by a probe event
//! is decoded in full and classified, then dropped. Memory grows with the containers in
//! trouble, not with the cluster.

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::Timestamp;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::events::{EVENT_FIELD_SELECTOR, EventIndex, LightEvent};
use super::finding::{Finding, findings};
use super::group::GroupBy;
use super::render;
use crate::client::Cluster;
use crate::client::list::{Lenient, ListEvent, ListItem, ListSpec, PodScope};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;

/// Validated settings of one `probes` run.
#[derive(Debug, Clone)]
pub struct ProbesSettings {
    pub scope: PodScope,
    pub group_by: Option<GroupBy>,
    pub output: Output,
}

/// What `probes` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Table,
    Wide,
    Json,
    Name,
}

/// What a run found, for the renderers.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub pods_scanned: u64,
    pub probe_events: u64,
    /// Warnings also printed on stderr (kept for the JSON document).
    pub warnings: Vec<String>,
}

impl Report {
    fn warn(&mut self, message: String) {
        term::warning(&message);
        self.warnings.push(message);
    }

    pub fn pods(&self) -> usize {
        let mut uids: Vec<&str> = self.findings.iter().map(|f| f.uid.as_str()).collect();
        uids.sort_unstable();
        uids.dedup();
        uids.len()
    }
}

/// Runs the command and returns how it ended.
pub async fn run(cluster: &Cluster, settings: &ProbesSettings) -> Result<ExitStatus> {
    let mut report = Report::default();
    let index = list_events(cluster, settings, &mut report).await?;
    report.probe_events = index.probe_events;
    scan_pods(cluster, settings, &index, &mut report).await?;

    let out = match settings.output {
        Output::Table | Output::Wide => match settings.group_by {
            Some(by) => {
                render::group_table(&report, by, term::stdout_color(), term::stdout_width())
            }
            None => render::table(
                &report,
                settings.output == Output::Wide,
                term::stdout_color(),
                term::stdout_width(),
            ),
        },
        Output::Json => render::json(&report, settings),
        Output::Name => render::names(&report),
    };
    if !term::quiet() && !out.is_empty() {
        emit(out.as_bytes())?;
    }
    term::note(render::summary_line(&report));
    Ok(ExitStatus::from_problems(!report.findings.is_empty()))
}

/// The one events list. Refused or failed, it is a warning: findings from status alone stand
/// (with cause `unknown`), which is better than nothing at 3 a.m.
async fn list_events(
    cluster: &Cluster,
    settings: &ProbesSettings,
    report: &mut Report,
) -> Result<EventIndex> {
    let spec = ListSpec::in_scope(&settings.scope, "events", None, Some(EVENT_FIELD_SELECTOR));
    let mut index = EventIndex::default();
    let listed = cluster
        .list_each::<Lenient<LightEvent>>(&spec, |event| {
            if let ListEvent::Item(Lenient(Some(e))) = event {
                index.offer(&e);
            }
            Ok(())
        })
        .await;
    match listed {
        Ok(_) => Ok(index),
        Err(err @ (Error::Interrupted | Error::BrokenPipe)) => Err(err),
        Err(err) => {
            report.warn(format!(
                "{err}; causes are read from probe events, so findings from pod status alone have cause unknown"
            ));
            Ok(EventIndex::default())
        }
    }
}

/// A listed pod: its raw JSON and a cheap first look deciding whether to decode it in full.
struct PodItem {
    raw: Box<RawValue>,
    look: Option<Look>,
}

/// Only what tells whether a pod can have a probe finding.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Look {
    metadata: LookMeta,
    spec: LookSpec,
    status: LookStatus,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LookMeta {
    name: Option<String>,
    namespace: Option<String>,
    uid: Option<String>,
    deletion_timestamp: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LookSpec {
    containers: Vec<LookContainer>,
    init_containers: Vec<LookContainer>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LookContainer {
    liveness_probe: Option<IgnoredAny>,
    readiness_probe: Option<IgnoredAny>,
    startup_probe: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LookStatus {
    phase: Option<String>,
    container_statuses: Vec<LookContainerStatus>,
    init_container_statuses: Vec<LookContainerStatus>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LookContainerStatus {
    ready: bool,
    restart_count: i64,
    started: Option<bool>,
}

impl Look {
    fn has_probes(&self) -> bool {
        self.spec
            .containers
            .iter()
            .chain(&self.spec.init_containers)
            .any(|c| {
                c.liveness_probe.is_some()
                    || c.readiness_probe.is_some()
                    || c.startup_probe.is_some()
            })
    }

    /// Every regular container ready, started and never restarted: nothing a probe finding
    /// could come from, unless a probe event names the pod. (Init containers that ran to
    /// completion are not ready; only sidecars carry probes, and those show in events.)
    fn all_well(&self) -> bool {
        self.status
            .container_statuses
            .iter()
            .all(|c| c.ready && c.restart_count == 0 && c.started != Some(false))
            && self
                .status
                .init_container_statuses
                .iter()
                .all(|c| c.restart_count == 0)
    }

    fn name(&self) -> String {
        format!(
            "{}/{}",
            self.metadata.namespace.as_deref().unwrap_or(""),
            self.metadata.name.as_deref().unwrap_or("")
        )
    }
}

impl<'de> Deserialize<'de> for PodItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let look = serde_json::from_str::<Look>(raw.get()).ok();
        Ok(PodItem { raw, look })
    }
}

impl ListItem for PodItem {
    fn uid(&self) -> Option<&str> {
        self.look.as_ref()?.metadata.uid.as_deref()
    }
}

fn pod_list<'a>(settings: &'a ProbesSettings, field_selector: Option<&'a str>) -> ListSpec<'a> {
    let scope = &settings.scope;
    ListSpec::in_scope(scope, "pods", scope.selector.as_deref(), field_selector)
}

/// For `probes --lint`: every pod of the scope that has probes (deleted ones too: their spec
/// is the workload's), decoded; a pod that does not decode is a warning. Returns how many pods
/// were listed.
pub(crate) async fn each_probed_pod(
    cluster: &Cluster,
    settings: &ProbesSettings,
    mut f: impl FnMut(Pod),
) -> Result<u64> {
    let field_selector = settings.scope.node_selector();
    let spec = pod_list(settings, field_selector.as_deref());
    let mut unreadable = Vec::new();
    let stats = cluster
        .list_each::<PodItem>(&spec, |event| {
            if let ListEvent::Item(item) = event
                && item.look.as_ref().is_none_or(Look::has_probes)
            {
                match serde_json::from_str::<Pod>(item.raw.get()) {
                    Ok(pod) => f(pod),
                    Err(e) => unreadable.push((
                        item.look.as_ref().map_or_else(String::new, Look::name),
                        e.to_string(),
                    )),
                }
            }
            Ok(())
        })
        .await?;
    for (name, error) in unreadable {
        term::warning(format!(
            "pod {} could not be decoded ({}); its probes are not linted",
            sanitize(&name),
            sanitize(&error)
        ));
    }
    Ok(stats.items)
}

async fn scan_pods(
    cluster: &Cluster,
    settings: &ProbesSettings,
    index: &EventIndex,
    report: &mut Report,
) -> Result<()> {
    let field_selector = settings.scope.node_selector();
    let spec = pod_list(settings, field_selector.as_deref());
    let now = Timestamp::now();
    let mut found = Vec::new();
    let mut unreadable: Vec<(String, String)> = Vec::new();
    let stats = cluster
        .list_each::<PodItem>(&spec, |event| {
            let ListEvent::Item(item) = event else {
                return Ok(());
            };
            let Some(look) = &item.look else {
                let (name, _) = crate::client::list::name_and_uid(item.raw.get());
                unreadable.push((
                    name.unwrap_or_default(),
                    "its metadata, spec or status has an unexpected shape".into(),
                ));
                return Ok(());
            };
            if !look.has_probes()
                || look.metadata.deletion_timestamp.is_some()
                || matches!(look.status.phase.as_deref(), Some("Succeeded" | "Failed"))
            {
                return Ok(());
            }
            let named = look
                .metadata
                .uid
                .as_deref()
                .is_some_and(|u| index.knows_uid(u));
            if !named && look.all_well() {
                return Ok(());
            }
            match serde_json::from_str::<Pod>(item.raw.get()) {
                Ok(pod) => found.extend(findings(&pod, index, now)),
                Err(e) => unreadable.push((look.name(), e.to_string())),
            }
            Ok(())
        })
        .await?;
    report.findings = found;
    report.pods_scanned = stats.items;
    for (name, error) in unreadable {
        report.warn(format!(
            "pod {} could not be decoded ({}); it is not in the report",
            sanitize(&name),
            sanitize(&error)
        ));
    }
    Ok(())
}
