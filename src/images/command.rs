//! `kubelet-doctor images`: the I/O around the engine. Pods are listed page by page and each
//! one is dropped as soon as its findings are taken, so memory grows with the number of stuck
//! containers, not with the cluster. Then, only if some status carries no cause, one list of
//! events for the whole scope; then, only for auth failures without a pod pull secret, one GET
//! per distinct service account.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Event, Pod, ServiceAccount};
use serde::Deserialize;

use super::cause::Cause;
use super::events::{EVENT_FIELD_SELECTOR, EventJoin};
use super::finding::{Finding, apply_service_account, findings, settle_credential_causes};
use super::group::GroupBy;
use super::reasons::Reason;
use super::render;
use crate::client::Cluster;
use crate::client::list::{Lenient, ListEvent, ListItem, ListSpec, PodScope};
use crate::client::query::name_segment;
use crate::error::{ApiCall, Error, Result};
use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;
use crate::output::stdout::emit;
use crate::output::term;

/// Validated settings of one `images` run.
#[derive(Debug, Clone)]
pub struct ImagesSettings {
    pub scope: PodScope,
    pub group_by: Option<GroupBy>,
    pub output: Output,
}

/// What `images` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// One row per stuck container.
    Table,
    /// The table with registry, pods sharing the problem, pull secrets and the message.
    Wide,
    /// The versioned `ImagesReport` document.
    Json,
    /// `pod/NAMESPACE/NAME` lines.
    Name,
}

/// What a run found, for the renderers.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Per finding: how many pods share its image and cause.
    pub sharing: Vec<usize>,
    pub pods_scanned: u64,
    /// Warnings also printed on stderr (kept for the JSON document).
    pub warnings: Vec<String>,
}

impl Report {
    pub fn stuck_pods(&self) -> usize {
        self.findings
            .iter()
            .map(|f| f.uid.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Runs the command and returns how it ended.
pub async fn run(cluster: &Cluster, settings: &ImagesSettings) -> Result<ExitStatus> {
    let mut report = Report::default();
    let (found, scanned, unreadable) = scan_pods(cluster, settings).await?;
    report.findings = found;
    report.pods_scanned = scanned;
    let mut stuck_unreadable = false;
    for u in unreadable {
        stuck_unreadable |= u.stuck;
        let what = if u.stuck {
            "waits on an image but could not be decoded"
        } else {
            "could not be decoded"
        };
        report.warn(format!(
            "pod {} {what} ({}); it is not in the report",
            sanitize(&u.name),
            sanitize(&u.error)
        ));
    }
    join_events(cluster, settings, &mut report).await?;
    check_service_accounts(cluster, &mut report).await?;
    report.sharing = super::group::pods_sharing(&report.findings);

    let out = match settings.output {
        Output::Table | Output::Wide => {
            let wide = settings.output == Output::Wide;
            match settings.group_by {
                Some(by) => {
                    render::group_table(&report, by, term::stdout_color(), term::stdout_width())
                }
                None => render::table(&report, wide, term::stdout_color(), term::stdout_width()),
            }
        }
        Output::Json => render::json(&report, settings),
        Output::Name => render::names(&report),
    };
    if !term::quiet() && !out.is_empty() {
        emit(out.as_bytes())?;
    }
    term::note(render::summary_line(&report, settings));
    Ok(ExitStatus::from_problems(
        !report.findings.is_empty() || stuck_unreadable,
    ))
}

impl Report {
    fn warn(&mut self, message: String) {
        term::warning(&message);
        self.warnings.push(message);
    }
}

/// A pod as listed: most pods are not stuck, so a cheap first pass over the status decides
/// whether the full `Pod` is decoded at all. A pod whose object does not fit the types is
/// reported by name instead of failing the whole list.
enum PodItem {
    Stuck(Box<Pod>),
    Fine {
        uid: Option<String>,
    },
    /// `stuck`: the first pass saw an image reason, so the pod is stuck even though its
    /// findings cannot be built.
    Broken {
        name: String,
        error: String,
        stuck: bool,
    },
}

/// Only what tells whether a pod waits on an image (and its uid, for the list's de-duplication).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Probe {
    metadata: ProbeMeta,
    status: ProbeStatus,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProbeMeta {
    uid: Option<String>,
    name: Option<String>,
    namespace: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ProbeStatus {
    container_statuses: Option<Vec<ProbeContainer>>,
    init_container_statuses: Option<Vec<ProbeContainer>>,
    ephemeral_container_statuses: Option<Vec<ProbeContainer>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProbeContainer {
    state: Option<ProbeState>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProbeState {
    waiting: Option<ProbeWaiting>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProbeWaiting {
    reason: Option<String>,
}

impl Probe {
    fn stuck(&self) -> bool {
        [
            &self.status.container_statuses,
            &self.status.init_container_statuses,
            &self.status.ephemeral_container_statuses,
        ]
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|c| c.state.as_ref()?.waiting.as_ref()?.reason.as_deref())
        .any(|r| Reason::parse(r).is_some())
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
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let probe = match serde_json::from_str::<Probe>(raw.get()) {
            Ok(p) => p,
            Err(e) => {
                return Ok(PodItem::Broken {
                    name: name_of(raw.get()),
                    error: e.to_string(),
                    stuck: false,
                });
            }
        };
        if !probe.stuck() {
            return Ok(PodItem::Fine {
                uid: probe.metadata.uid,
            });
        }
        Ok(match serde_json::from_str::<Pod>(raw.get()) {
            Ok(pod) => PodItem::Stuck(Box::new(pod)),
            Err(e) => PodItem::Broken {
                name: probe.name(),
                error: e.to_string(),
                stuck: true,
            },
        })
    }
}

/// `namespace/name` of an object that did not decode, as far as it can be read.
fn name_of(raw: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
    let meta = |k: &str| {
        v.pointer(&format!("/metadata/{k}"))
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string()
    };
    format!("{}/{}", meta("namespace"), meta("name"))
}

impl ListItem for Event {
    fn uid(&self) -> Option<&str> {
        self.metadata.uid.as_deref()
    }
}

impl ListItem for PodItem {
    fn uid(&self) -> Option<&str> {
        match self {
            PodItem::Stuck(pod) => pod.metadata.uid.as_deref(),
            PodItem::Fine { uid } => uid.as_deref(),
            PodItem::Broken { .. } => None,
        }
    }
}

/// A pod whose object does not fit the types: reported by name on stderr.
pub struct Unreadable {
    name: String,
    error: String,
    stuck: bool,
}

/// Lists pods page by page and keeps only the findings (and the names of undecodable pods).
async fn scan_pods(
    cluster: &Cluster,
    settings: &ImagesSettings,
) -> Result<(Vec<Finding>, u64, Vec<Unreadable>)> {
    let scope = &settings.scope;
    let field_selector = scope.node_selector();
    let spec = ListSpec::in_scope(
        scope,
        "pods",
        scope.selector.as_deref(),
        field_selector.as_deref(),
    );
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let stats = cluster
        .list_each::<PodItem>(&spec, |event| {
            match event {
                ListEvent::Item(PodItem::Stuck(pod)) => found.extend(findings(&pod)),
                ListEvent::Item(PodItem::Broken { name, error, stuck }) => {
                    unreadable.push(Unreadable { name, error, stuck })
                }
                ListEvent::Item(PodItem::Fine { .. }) | ListEvent::PageEnd => {}
            }
            Ok(())
        })
        .await?;
    Ok((found, stats.items, unreadable))
}

/// One list of the kubelet's `Failed` events over the scanned scope, joined to the findings
/// whose status carries no cause. Skipped when every finding already has one. A failure here
/// is a warning: the findings stand, their cause stays `unknown`.
async fn join_events(
    cluster: &Cluster,
    settings: &ImagesSettings,
    report: &mut Report,
) -> Result<()> {
    let mut join = EventJoin::new(&report.findings);
    if join.is_empty() {
        return Ok(());
    }
    let spec = ListSpec::in_scope(&settings.scope, "events", None, Some(EVENT_FIELD_SELECTOR));
    let listed = cluster
        .list_each::<Lenient<Box<Event>>>(&spec, |event| {
            if let ListEvent::Item(Lenient(Some(e))) = event {
                join.offer(&e);
            }
            Ok(())
        })
        .await;
    match listed {
        Ok(_) => join.apply(&mut report.findings),
        Err(err @ (Error::Interrupted | Error::BrokenPipe)) => return Err(err),
        Err(err) => report.warn(format!(
            "{err}; the cause of back-offs whose status does not carry it stays unknown"
        )),
    }
    Ok(())
}

/// Pull-credential failures on pods without a pull secret of their own: does the pod's service
/// account give one? Each distinct service account is read once. A refusal is a warning.
async fn check_service_accounts(cluster: &Cluster, report: &mut Report) -> Result<()> {
    let wanted: BTreeSet<(String, String)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.cause, Cause::Auth | Cause::CredentialProvider))
        .filter(|f| f.pull_secrets.is_empty())
        .map(|f| (f.namespace.clone(), f.service_account.clone()))
        .collect();
    let mut refused = false;
    for (ns, name) in wanted {
        let call = ApiCall::get("serviceaccounts", "", Some(&ns), &name);
        // Both names come from pod specs, so from the cluster: a bad one is that lookup's
        // problem only.
        let uri = name_segment("namespace", &ns).and_then(|ns| {
            Ok(format!(
                "/api/v1/namespaces/{ns}/serviceaccounts/{}",
                name_segment("service account", &name)?
            ))
        });
        let fetched = match uri {
            Ok(uri) => cluster.get_json::<ServiceAccount>(&call, &uri).await,
            Err(err) => Err(err),
        };
        match fetched {
            Ok(sa) => apply_service_account(&mut report.findings, &sa),
            Err(err @ (Error::Interrupted | Error::BrokenPipe)) => return Err(err),
            // One warning for a missing permission, not one per service account.
            Err(err @ Error::Forbidden { .. }) => {
                if !refused {
                    refused = true;
                    report.warn(format!(
                        "{err}; whether service accounts carry pull secrets is not shown"
                    ));
                }
            }
            Err(err) => report.warn(format!("{err}; its pull secrets are not shown")),
        }
    }
    settle_credential_causes(&mut report.findings);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(v: serde_json::Value) -> PodItem {
        serde_json::from_value(v).unwrap()
    }

    fn waiting(reason: &str) -> serde_json::Value {
        json!({"name": "app", "image": "x", "imageID": "", "ready": false, "restartCount": 0,
               "state": {"waiting": {"reason": reason, "message": "m"}}})
    }

    #[test]
    fn only_pods_waiting_on_an_image_are_decoded_in_full() {
        let meta = json!({"name": "p", "namespace": "n", "uid": "u1"});
        for (statuses, stuck) in [
            (
                json!({"containerStatuses": [waiting("ErrImagePull")]}),
                true,
            ),
            (
                json!({"initContainerStatuses": [waiting("ImagePullBackOff")]}),
                true,
            ),
            (
                json!({"ephemeralContainerStatuses": [waiting("InvalidImageName")]}),
                true,
            ),
            (
                json!({"containerStatuses": [waiting("CrashLoopBackOff")]}),
                false,
            ),
            (
                json!({"containerStatuses": [waiting("imagepullbackoff")]}),
                false,
            ),
            (json!({}), false),
        ] {
            let got =
                item(json!({"metadata": meta, "spec": {"containers": []}, "status": statuses}));
            assert_eq!(got.uid(), Some("u1"));
            assert_eq!(matches!(got, PodItem::Stuck(_)), stuck, "{statuses}");
        }
        assert!(matches!(
            item(json!({"metadata": meta})),
            PodItem::Fine { .. }
        ));
    }

    #[test]
    fn an_odd_pod_is_named_not_fatal() {
        // Stuck by the first pass, but a field of the wrong type breaks the full decode.
        let mut s = waiting("ErrImagePull");
        s["restartCount"] = json!("many");
        let got = item(
            json!({"metadata": {"name": "p", "namespace": "n"}, "status": {"containerStatuses": [s]}}),
        );
        let PodItem::Broken { name, stuck, .. } = got else {
            panic!("not broken");
        };
        assert_eq!((name.as_str(), stuck), ("n/p", true));
        // Broken already for the first pass: not known to be stuck.
        let got = item(json!({"metadata": {"name": 7, "namespace": "n"}}));
        assert!(matches!(got, PodItem::Broken { stuck: false, .. }));
    }

    #[test]
    fn node_becomes_a_field_selector() {
        let mut s = PodScope::default();
        assert_eq!(s.node_selector(), None);
        s.node = Some("node-a".into());
        assert_eq!(s.node_selector().as_deref(), Some("spec.nodeName=node-a"));
    }
}
