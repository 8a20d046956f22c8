//! Pod (+ its probe events) -> findings: one per container and probe kind that is failing now
//! or failed recently, with the cause and the facts a remedy needs. Pure: the clock is passed
//! in. What is *not* a finding matters as much: readiness failures during warm-up, startup
//! probes failing inside their window (their job), and containers restarted by an OOM kill or
//! their own crash (probes.md section 4).

use k8s_openapi::api::core::v1::{Container, ContainerStatus, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;
use serde::Serialize;

use super::cause::Cause;
use super::classify::{Context, classify};
use super::events::{EventIndex, ProbeEvents};
use super::message::{ProbeKind, Verdict};
use super::spec::{ContainerProbes, Handler, ProbeSpec};

/// Which list of the pod spec the container is in (probes of init containers exist only on
/// restartable ones: sidecars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerKind {
    Container,
    Init,
}

impl ContainerKind {
    pub fn field_path(self, name: &str) -> String {
        match self {
            ContainerKind::Container => format!("spec.containers{{{name}}}"),
            ContainerKind::Init => format!("spec.initContainers{{{name}}}"),
        }
    }
}

/// The controller a pod belongs to (a ReplicaSet's pod counts for its Deployment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Workload {
    pub kind: String,
    pub name: String,
}

impl Workload {
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }
}

/// The previous instance of the container, as `lastState.terminated` tells it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastTermination {
    pub reason: Option<String>,
    pub exit_code: i32,
    pub started_at: Option<Time>,
    pub finished_at: Option<Time>,
    /// `finishedAt - startedAt`, when both are known.
    pub ran_seconds: Option<i64>,
}

/// Where the cause was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CauseSource {
    /// The newest probe event's output.
    Event,
    /// The probe spec itself (a port name the container does not declare).
    Spec,
    /// Restart history and timing (`startup-too-slow`).
    History,
    /// Nothing: no event retained.
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub namespace: String,
    pub pod: String,
    pub uid: String,
    pub container: String,
    pub container_kind: ContainerKind,
    pub node: Option<String>,
    pub workload: Workload,
    pub probe: ProbeKind,
    pub handler: &'static str,
    pub cause: Cause,
    pub cause_source: CauseSource,
    /// Raw output of the newest probe event (container-controlled text: sanitize before
    /// printing it to a terminal).
    pub message: Option<String>,
    /// The whole raw event message.
    pub event: Option<String>,
    pub verdict: Option<Verdict>,
    /// Failure (and warning) events for this probe, summed over event objects.
    pub count: i64,
    /// `Killing` events that blame this probe.
    pub kills: i64,
    pub first_seen: Option<Time>,
    pub last_seen: Option<Time>,
    /// When the trouble started, as far as we can tell: the first event, else the state.
    pub since: Option<Time>,
    pub restarts: i32,
    pub ready: bool,
    pub started: Option<bool>,
    pub last_termination: Option<LastTermination>,
    /// What else the tool knows (events expired, a kill inferred from exit code and timing).
    pub note: Option<String>,
    pub spec: ProbeSpec,
    /// The fix, with the spec's facts (`remedy::remedy`).
    pub remedy: String,
}

/// Exit codes of a container stopped by a signal: SIGTERM (143) or SIGKILL after grace (137).
const SIGNALLED: [i32; 2] = [137, 143];

/// Every probe finding of `pod`, in spec order (sidecars first), then startup, liveness,
/// readiness. Pods being deleted and finished pods have no running probes: none.
pub fn findings(pod: &Pod, events: &EventIndex, now: Timestamp) -> Vec<Finding> {
    let mut out = Vec::new();
    if pod.metadata.deletion_timestamp.is_some() {
        return out;
    }
    let Some(spec) = &pod.spec else {
        return out;
    };
    let status = pod.status.as_ref();
    if matches!(
        status.and_then(|s| s.phase.as_deref()),
        Some("Succeeded" | "Failed")
    ) {
        return out;
    }
    let grace = spec.termination_grace_period_seconds.unwrap_or(30).max(0);
    let lists = [
        (
            ContainerKind::Init,
            spec.init_containers.as_deref().unwrap_or_default(),
            status.and_then(|s| s.init_container_statuses.as_deref()),
        ),
        (
            ContainerKind::Container,
            spec.containers.as_slice(),
            status.and_then(|s| s.container_statuses.as_deref()),
        ),
    ];
    for (kind, containers, statuses) in lists {
        for c in containers {
            let probes = ContainerProbes::of(c);
            if !probes.any() {
                continue;
            }
            let st = statuses.into_iter().flatten().find(|s| s.name == c.name);
            let ctx = Ctx {
                pod,
                container: c,
                kind,
                status: st,
                probes: &probes,
                events,
                now,
                grace,
            };
            for probe in ProbeKind::ALL {
                if let Some(f) = ctx.finding(probe) {
                    out.push(f);
                }
            }
        }
    }
    out
}

struct Ctx<'a> {
    pod: &'a Pod,
    container: &'a Container,
    kind: ContainerKind,
    status: Option<&'a ContainerStatus>,
    probes: &'a ContainerProbes,
    events: &'a EventIndex,
    now: Timestamp,
    grace: i64,
}

impl Ctx<'_> {
    fn running_since(&self) -> Option<Timestamp> {
        let running = self.status?.state.as_ref()?.running.as_ref()?;
        Some(running.started_at.as_ref().map_or(self.now, |t| t.0))
    }

    fn running_for(&self) -> Option<i64> {
        self.running_since()
            .map(|s| (self.now.as_second() - s.as_second()).max(0))
    }

    fn last_termination(&self) -> Option<LastTermination> {
        let t = self.status?.last_state.as_ref()?.terminated.as_ref()?;
        let ran_seconds = match (&t.started_at, &t.finished_at) {
            (Some(s), Some(f)) => Some((f.0.as_second() - s.0.as_second()).max(0)),
            _ => None,
        };
        Some(LastTermination {
            reason: t.reason.clone(),
            exit_code: t.exit_code,
            started_at: t.started_at.clone(),
            finished_at: t.finished_at.clone(),
            ran_seconds,
        })
    }

    /// The previous instance ended the way a kill by `spec` ends: signalled (not an OOM kill),
    /// after about the time from start to the earliest kill (probes.md 1.5 and 4). `slack`
    /// covers the sync loop, the stop, and a grace period spent ignoring SIGTERM.
    fn looks_killed_by(&self, spec: &ProbeSpec, last: &LastTermination) -> bool {
        let signalled = SIGNALLED.contains(&last.exit_code)
            && last.reason.as_deref() != Some("OOMKilled")
            && last.reason.as_deref() != Some("ContainerStatusUnknown");
        signalled
            && last
                .ran_seconds
                .is_some_and(|ran| self.near_kill_time(spec, ran))
    }

    fn near_kill_time(&self, spec: &ProbeSpec, ran: i64) -> bool {
        let t = spec.kill_after();
        let period = i64::from(spec.period_seconds);
        ran >= t - period && ran <= t + period + self.grace + 5
    }

    fn finding(&self, probe: ProbeKind) -> Option<Finding> {
        let spec = self.probes.get(probe)?;
        let path = self.kind.field_path(&self.container.name);
        let uid = self.pod.metadata.uid.as_deref().unwrap_or_default();
        let ev = self.events.get(uid, &path, probe);
        let last = self.last_termination();
        let ready = self.status.is_some_and(|s| s.ready);
        let started = self.status.and_then(|s| s.started);
        let running_for = self.running_for();
        let mut note = None;
        let mut inferred_kill = false;

        let report = match probe {
            ProbeKind::Readiness => {
                // Readiness fails by design until the app is up: only a container that has
                // been running past that window and is unready, or that failed after it, counts.
                let window = spec.kill_after() + i64::from(spec.period_seconds);
                let unready_now =
                    running_for.is_some_and(|r| r > window) && started != Some(false) && !ready;
                let after_warm_up = ev.is_some_and(|e| {
                    e.latest
                        .as_ref()
                        .is_some_and(|l| l.verdict == Verdict::Warning)
                        || match (e.last, self.running_since()) {
                            (Some(last), Some(since)) => {
                                last.as_second() > since.as_second() + window
                            }
                            _ => false,
                        }
                });
                self.running_since().is_some() && (unready_now || after_warm_up)
            }
            ProbeKind::Startup => {
                // Failing inside its window is the startup probe's job; stuck past it (its
                // results thrown away) or killing the container is not.
                let stuck = started == Some(false)
                    && running_for
                        .is_some_and(|r| r > spec.kill_after() + i64::from(spec.period_seconds));
                let killed = ev.is_some_and(|e| e.kills > 0);
                if !killed
                    && !stuck
                    && let Some(l) = &last
                    && self.looks_killed_by(spec, l)
                    && ev.is_none()
                {
                    inferred_kill = true;
                }
                stuck || killed || inferred_kill
            }
            ProbeKind::Liveness => {
                let failing = ev.is_some_and(|e| e.failures > 0 || e.kills > 0);
                // Without events, a signalled exit at the liveness kill time is a probable
                // kill; any other exit is the app's own crash or an OOM kill: not ours.
                if !failing
                    && self.probes.startup.is_none()
                    && self.status.is_some_and(|s| s.restart_count > 0)
                    && let Some(l) = &last
                    && self.looks_killed_by(spec, l)
                {
                    inferred_kill = true;
                }
                failing || inferred_kill
            }
        };
        if !report {
            return None;
        }

        let ctx = Context {
            exec: matches!(spec.handler, Handler::Exec { .. }),
            grpc: matches!(spec.handler, Handler::Grpc { .. }),
            http_on_tls_port: match &spec.handler {
                Handler::Http { scheme, port, .. } => {
                    scheme == "http" && self.probes.tls_port(port)
                }
                _ => false,
            },
        };
        let latest = ev.and_then(|e| e.latest.as_ref());
        let (mut cause, mut source) = match latest {
            Some(l) => (classify(&l.output, l.verdict, ctx), CauseSource::Event),
            None => match spec.handler.port().map(|p| self.probes.resolve(&p)) {
                Some(Err(_)) => (Cause::PortUnresolved, CauseSource::Spec),
                _ => (Cause::Unknown, CauseSource::None),
            },
        };
        if latest.is_none() && source == CauseSource::None {
            note = Some(if inferred_kill {
                format!(
                    "no probe events retained; the last instance was stopped by a signal (exit {}) about when {probe} would kill it",
                    last.as_ref().map_or(0, |l| l.exit_code)
                )
            } else {
                "no probe events retained (events expire after an hour)".to_string()
            });
        }
        if self.startup_too_slow(probe, spec, ev, last.as_ref(), cause, inferred_kill) {
            cause = Cause::StartupTooSlow;
            source = CauseSource::History;
        }

        let since = ev
            .and_then(|e| e.first)
            .or_else(|| self.running_since().filter(|_| !inferred_kill))
            .or_else(|| {
                last.as_ref()
                    .and_then(|l| l.finished_at.as_ref().map(|t| t.0))
            });
        let mut finding = Finding {
            namespace: self.pod.metadata.namespace.clone().unwrap_or_default(),
            pod: self.pod.metadata.name.clone().unwrap_or_default(),
            uid: uid.to_string(),
            container: self.container.name.clone(),
            container_kind: self.kind,
            node: self
                .pod
                .spec
                .as_ref()
                .and_then(|s| s.node_name.clone())
                .filter(|n| !n.is_empty()),
            workload: workload(self.pod),
            probe,
            handler: spec.handler.name(),
            cause,
            cause_source: source,
            message: latest.map(|l| l.output.clone()),
            event: latest.map(|l| l.message.clone()),
            verdict: latest.map(|l| l.verdict),
            count: ev.map_or(0, |e| e.failures),
            kills: ev.map_or(0, |e| e.kills),
            first_seen: ev.and_then(|e| e.first).map(Time),
            last_seen: ev.and_then(|e| e.last).map(Time),
            since: since.map(Time),
            restarts: self.status.map_or(0, |s| s.restart_count),
            ready,
            started,
            last_termination: last,
            note,
            spec: spec.clone(),
            remedy: String::new(),
        };
        finding.remedy = super::remedy::remedy(&finding, self.probes);
        Some(finding)
    }

    /// probes.md 5, `startup-too-slow`: (a) liveness or startup kills (events, or a signalled
    /// exit at the kill time), (b) the app was not answering yet (refused, timeout, 5xx, or no
    /// output left), (c) the killed instance never got past start-up: it died at about the
    /// earliest moment the probe could kill it. A liveness probe behind a startup probe only
    /// runs after start-up, so its kills are not this.
    fn startup_too_slow(
        &self,
        probe: ProbeKind,
        spec: &ProbeSpec,
        ev: Option<&ProbeEvents>,
        last: Option<&LastTermination>,
        cause: Cause,
        inferred_kill: bool,
    ) -> bool {
        if probe == ProbeKind::Readiness
            || (probe == ProbeKind::Liveness && self.probes.startup.is_some())
        {
            return false;
        }
        let killed = inferred_kill || ev.is_some_and(|e| e.kills > 0);
        let warm_up_cause = matches!(
            cause,
            Cause::ConnectionRefused | Cause::Timeout | Cause::Http5xx | Cause::Unknown
        );
        let died_early = last.and_then(|l| l.ran_seconds).is_some_and(|ran| {
            ran <= spec.kill_after() + i64::from(spec.period_seconds) + self.grace + 5
        });
        killed && warm_up_cause && died_early
    }
}

/// The pod's controller; a ReplicaSet named `<deployment>-<pod-template-hash>` counts for its
/// Deployment. A bare pod is its own workload.
pub fn workload(pod: &Pod) -> Workload {
    let owner = pod
        .metadata
        .owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true));
    let Some(o) = owner else {
        return Workload {
            kind: "Pod".into(),
            name: pod.metadata.name.clone().unwrap_or_default(),
        };
    };
    let hash = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get("pod-template-hash"));
    if o.kind == "ReplicaSet"
        && let Some(hash) = hash
        && let Some(base) = o
            .name
            .strip_suffix(hash.as_str())
            .and_then(|b| b.strip_suffix('-'))
    {
        return Workload {
            kind: "Deployment".into(),
            name: base.to_string(),
        };
    }
    Workload {
        kind: o.kind.clone(),
        name: o.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probes::events::LightEvent;
    use serde_json::{Value, json};

    fn pod(v: Value) -> Pod {
        serde_json::from_value(v).unwrap()
    }

    fn now() -> Timestamp {
        "2026-12-03T12:00:00Z".parse().unwrap()
    }

    /// A pod with a sidecar (restartable init container) whose readiness probe fails, and a
    /// regular container whose liveness kills it.
    fn sidecar_pod(extra_meta: Value, phase: &str) -> Pod {
        let mut meta = json!({"name": "web-5d4f8b9c7-x2x9q", "namespace": "shop", "uid": "u1",
            "labels": {"pod-template-hash": "5d4f8b9c7"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f8b9c7", "uid": "rs", "controller": true}]});
        meta.as_object_mut()
            .unwrap()
            .extend(extra_meta.as_object().unwrap().clone());
        pod(json!({
            "metadata": meta,
            "spec": {"nodeName": "node-a",
                "initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always",
                    "readinessProbe": {"httpGet": {"port": 15021, "path": "/healthz/ready"}}}],
                "containers": [{"name": "app", "image": "app", "livenessProbe": {"tcpSocket": {"port": 8080}}}]},
            "status": {"phase": phase,
                "initContainerStatuses": [{"name": "proxy", "image": "envoy", "imageID": "", "ready": false, "restartCount": 0, "started": true,
                    "state": {"running": {"startedAt": "2026-12-03T11:00:00Z"}}}],
                "containerStatuses": [{"name": "app", "image": "app", "imageID": "", "ready": true, "restartCount": 1, "started": true,
                    "state": {"running": {"startedAt": "2026-12-03T11:50:00Z"}},
                    "lastState": {"terminated": {"exitCode": 143, "reason": "Error", "startedAt": "2026-12-03T11:00:00Z", "finishedAt": "2026-12-03T11:50:00Z"}}}]}
        }))
    }

    fn index() -> EventIndex {
        index_of("u1")
    }

    /// The pod's probe events, as if they were about the pod of `uid`.
    fn index_of(uid: &str) -> EventIndex {
        let mut idx = EventIndex::default();
        for (path, reason, message) in [
            (
                "spec.initContainers{proxy}",
                "Unhealthy",
                "Readiness probe failed: Get \"http://10.1.1.1:15021/healthz/ready\": dial tcp 10.1.1.1:15021: connect: connection refused",
            ),
            (
                "spec.containers{app}",
                "Unhealthy",
                "Liveness probe failed: dial tcp 10.1.1.1:8080: i/o timeout",
            ),
            (
                "spec.containers{app}",
                "Killing",
                "Container app failed liveness probe, will be restarted",
            ),
        ] {
            let e: LightEvent = serde_json::from_value(json!({
                "involvedObject": {"uid": uid, "fieldPath": path}, "reason": reason, "message": message,
                "count": 2, "firstTimestamp": "2026-12-03T11:40:00Z", "lastTimestamp": "2026-12-03T11:55:00Z"}))
            .unwrap();
            idx.offer(&e);
        }
        idx
    }

    #[test]
    fn sidecars_and_regular_containers() {
        let f = findings(&sidecar_pod(json!({}), "Running"), &index(), now());
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.container.as_str(), f.container_kind, f.probe, f.cause))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "proxy",
                    ContainerKind::Init,
                    ProbeKind::Readiness,
                    Cause::ConnectionRefused
                ),
                // Killed after 50 minutes of life: not start-up, a timeout restart loop.
                (
                    "app",
                    ContainerKind::Container,
                    ProbeKind::Liveness,
                    Cause::Timeout
                ),
            ]
        );
        assert_eq!(f[1].kills, 2);
        assert_eq!(
            f[1].last_termination.as_ref().unwrap().ran_seconds,
            Some(3000)
        );
        assert_eq!(
            f[0].workload,
            Workload {
                kind: "Deployment".into(),
                name: "web".into()
            }
        );
    }

    #[test]
    fn deleted_and_finished_pods_have_no_running_probes() {
        let deleting = sidecar_pod(
            json!({"deletionTimestamp": "2026-12-03T11:59:00Z"}),
            "Running",
        );
        assert!(findings(&deleting, &index(), now()).is_empty());
        for phase in ["Succeeded", "Failed"] {
            assert!(findings(&sidecar_pod(json!({}), phase), &index(), now()).is_empty());
        }
        // Events of another uid (the same name, recreated) say nothing about this pod: only
        // the sidecar's readiness, failing by its status, remains, its cause unknown.
        let got: Vec<_> = findings(&sidecar_pod(json!({}), "Running"), &index_of("u2"), now())
            .into_iter()
            .map(|f| (f.container, f.probe, f.cause))
            .collect();
        assert_eq!(
            got,
            [("proxy".to_string(), ProbeKind::Readiness, Cause::Unknown)]
        );
    }

    #[test]
    fn an_unresolvable_port_the_spec_declares_is_not_called_undeclared() {
        let p = pod(json!({
            "metadata": {"name": "p", "namespace": "n", "uid": "u2"},
            "spec": {"containers": [{"name": "app", "image": "x", "ports": [{"name": "http", "containerPort": 8080}],
                "readinessProbe": {"httpGet": {"port": "http", "path": "/"}}}]},
            "status": {"containerStatuses": [{"name": "app", "image": "x", "imageID": "", "ready": false, "restartCount": 0, "started": true,
                "state": {"running": {"startedAt": "2026-12-03T11:00:00Z"}}}]}
        }));
        let mut idx = EventIndex::default();
        let e: LightEvent = serde_json::from_value(json!({
            "involvedObject": {"uid": "u2", "fieldPath": "spec.containers{app}"}, "reason": "Unhealthy",
            "message": "Readiness probe errored: strconv.Atoi: parsing \"http\": invalid syntax",
            "firstTimestamp": "2026-12-03T11:00:00Z", "lastTimestamp": "2026-12-03T11:59:00Z"}))
        .unwrap();
        idx.offer(&e);
        let f = findings(&p, &idx, now());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].cause, Cause::PortUnresolved);
        assert_eq!(
            f[0].remedy,
            "the kubelet could not resolve port \"http\" although container app declares it: check the events belong to this pod's spec; use the port number"
        );
    }

    #[test]
    fn a_bare_pod_is_its_own_workload() {
        let p = pod(
            json!({"metadata": {"name": "solo", "namespace": "n"}, "spec": {"containers": []}}),
        );
        assert_eq!(workload(&p).key(), "Pod/solo");
    }
}
