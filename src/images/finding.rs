//! Pod -> findings: one per container (regular, init, ephemeral) waiting on one of
//! the kubelet's image reasons, with everything a person needs to act on it.
//! Phase is ignored on purpose: a Running pod can have a container stuck on its image.

use k8s_openapi::api::core::v1::{ContainerStatus, Pod, PodCondition, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::Serialize;

use super::cause::Cause;
use super::classify::classify;
use super::reasons::Reason;
use super::registry::{is_cloud_credential_host, registry_host, registry_in_message};

/// Which list of the pod spec the container is in; init containers block the whole pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerKind {
    Container,
    Init,
    Ephemeral,
}

impl ContainerKind {
    /// The `involvedObject.fieldPath` the kubelet puts on this container's events
    /// (pkg/kubelet/container/ref.go).
    pub fn field_path(self, container: &str) -> String {
        let list = match self {
            ContainerKind::Container => "containers",
            ContainerKind::Init => "initContainers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        };
        format!("spec.{list}{{{container}}}")
    }
}

/// Where the finding's cause was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CauseSource {
    /// The container's waiting reason or message.
    Status,
    /// The pod's latest `Failed to pull image` event (status message was generic).
    Event,
    /// Neither said anything: the cause is `unknown`.
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub namespace: String,
    pub pod: String,
    pub uid: String,
    pub container: String,
    pub kind: ContainerKind,
    pub image: String,
    pub registry: String,
    pub node: Option<String>,
    pub reason: Reason,
    /// `state.waiting.message` exactly as the kubelet wrote it: untrusted, escape
    /// it (`crate::output::sanitize::sanitize`) before it reaches a terminal.
    pub message: String,
    pub cause: Cause,
    pub cause_source: CauseSource,
    /// Raw message of the event the cause came from, when the join found one.
    pub event_message: Option<String>,
    /// Best estimate of when the container got stuck (see `since`).
    pub since: Option<Time>,
    /// `spec.imagePullSecrets`: the only secrets the kubelet uses for this pod.
    pub pull_secrets: Vec<String>,
    pub service_account: String,
    /// The service account's `imagePullSecrets`, once looked up (`apply_service_account`).
    pub service_account_pull_secrets: Option<Vec<String>>,
}

impl Finding {
    pub fn remedy(&self) -> &'static str {
        self.cause.remedy()
    }

    pub fn field_path(&self) -> String {
        self.kind.field_path(&self.container)
    }

    /// The status message carried no cause, so the pod's events are worth reading.
    pub fn needs_event(&self) -> bool {
        self.cause == Cause::Unknown
    }

    /// Whether the pod or its service account names any pull secret at all.
    pub fn references_pull_secret(&self) -> bool {
        !self.pull_secrets.is_empty()
            || self
                .service_account_pull_secrets
                .as_ref()
                .is_some_and(|s| !s.is_empty())
    }
}

/// Every container of `pod` stuck on an image error, in spec order: init, regular, ephemeral.
pub fn findings(pod: &Pod) -> Vec<Finding> {
    let Some(status) = pod.status.as_ref() else {
        return Vec::new();
    };
    let lists = [
        (
            ContainerKind::Init,
            status.init_container_statuses.as_deref(),
        ),
        (
            ContainerKind::Container,
            status.container_statuses.as_deref(),
        ),
        (
            ContainerKind::Ephemeral,
            status.ephemeral_container_statuses.as_deref(),
        ),
    ];
    lists
        .into_iter()
        .flat_map(|(kind, statuses)| statuses.unwrap_or_default().iter().map(move |s| (kind, s)))
        .filter_map(|(kind, s)| finding(pod, kind, s))
        .collect()
}

fn finding(pod: &Pod, kind: ContainerKind, status: &ContainerStatus) -> Option<Finding> {
    let waiting = status.state.as_ref()?.waiting.as_ref()?;
    let reason = Reason::parse(waiting.reason.as_deref()?)?;
    let message = waiting.message.clone().unwrap_or_default();
    let image = spec_image(pod, kind, &status.name).unwrap_or_else(|| status.image.clone());
    let registry = registry_in_message(&message).unwrap_or_else(|| registry_host(&image));
    let cause = classify(Some(reason), &message, Some(&registry));
    let spec = pod.spec.as_ref();
    Some(Finding {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        pod: pod.metadata.name.clone().unwrap_or_default(),
        uid: pod.metadata.uid.clone().unwrap_or_default(),
        container: status.name.clone(),
        kind,
        image,
        registry,
        node: spec.and_then(|s| s.node_name.clone()),
        reason,
        message,
        cause,
        cause_source: if cause == Cause::Unknown {
            CauseSource::None
        } else {
            CauseSource::Status
        },
        event_message: None,
        since: since(pod, kind, status),
        pull_secrets: spec
            .and_then(|s| s.image_pull_secrets.as_ref())
            .map(|refs| {
                refs.iter()
                    .map(|r| r.name.clone())
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        service_account: spec
            .and_then(|s| s.service_account_name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "default".to_string()),
        service_account_pull_secrets: None,
    })
}

/// The image as written in the spec (what the user must fix); the status copy is the fallback.
fn spec_image(pod: &Pod, kind: ContainerKind, name: &str) -> Option<String> {
    let spec = pod.spec.as_ref()?;
    match kind {
        ContainerKind::Container => spec
            .containers
            .iter()
            .find(|c| c.name == name)?
            .image
            .clone(),
        ContainerKind::Init => spec
            .init_containers
            .as_ref()?
            .iter()
            .find(|c| c.name == name)?
            .image
            .clone(),
        ContainerKind::Ephemeral => spec
            .ephemeral_containers
            .as_ref()?
            .iter()
            .find(|c| c.name == name)?
            .image
            .clone(),
    }
}

/// No field records when a container started waiting. The best evidence is the
/// moment its readiness condition last turned False (ContainersReady for regular
/// containers, Initialized for init ones) or the end of its previous run, whichever
/// is later; then the pod's start and creation. Ephemeral containers have no
/// condition, so theirs can be earlier than the truth.
fn since(pod: &Pod, kind: ContainerKind, status: &ContainerStatus) -> Option<Time> {
    let condition = match kind {
        ContainerKind::Container => Some("ContainersReady"),
        ContainerKind::Init => Some("Initialized"),
        ContainerKind::Ephemeral => None,
    };
    let pod_status = pod.status.as_ref();
    let turned_false = condition.and_then(|wanted| {
        pod_status?
            .conditions
            .as_ref()?
            .iter()
            .find(|c: &&PodCondition| c.type_ == wanted && c.status == "False")?
            .last_transition_time
            .clone()
    });
    let last_run = status
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .and_then(|t| t.finished_at.clone());
    turned_false
        .into_iter()
        .chain(last_run)
        .max()
        .or_else(|| pod_status.and_then(|s| s.start_time.clone()))
        .or_else(|| pod.metadata.creation_timestamp.clone())
}

/// A credential failure at a registry whose credentials come from the node (ECR, ACR, GCR,
/// Artifact Registry) is the node's credential provider's when neither the pod nor its service
/// account names a pull secret, whatever the runtime's wording; with a pull secret, it is
/// that secret's. A service account that could not be read leaves the cause as the message
/// says.
pub fn settle_credential_causes(findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| {
        matches!(f.cause, Cause::Auth | Cause::CredentialProvider)
            && is_cloud_credential_host(&f.registry)
    }) {
        if f.references_pull_secret() {
            f.cause = Cause::Auth;
        } else if f.service_account_pull_secrets.is_some() {
            f.cause = Cause::CredentialProvider;
        }
    }
}

/// Records the service account's pull secrets on the findings of pods that use it.
/// The admission plugin copies them into pods created afterwards only, so a pod can
/// lack secrets its service account has: `pull_secrets` empty, these not.
pub fn apply_service_account(findings: &mut [Finding], sa: &ServiceAccount) {
    let (Some(ns), Some(name)) = (
        sa.metadata.namespace.as_deref(),
        sa.metadata.name.as_deref(),
    ) else {
        return;
    };
    let secrets: Vec<String> = sa
        .image_pull_secrets
        .iter()
        .flatten()
        .map(|r| r.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    for f in findings
        .iter_mut()
        .filter(|f| f.namespace == ns && f.service_account == name)
    {
        f.service_account_pull_secrets = Some(secrets.clone());
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{Value, json};

    pub(crate) fn pod(v: Value) -> Pod {
        serde_json::from_value(v).expect("valid pod JSON")
    }

    fn waiting(name: &str, image: &str, reason: &str, message: &str) -> Value {
        json!({"name": name, "image": image, "imageID": "", "ready": false, "restartCount": 0,
               "started": false, "state": {"waiting": {"reason": reason, "message": message}}})
    }

    fn running(name: &str, image: &str) -> Value {
        json!({"name": name, "image": image, "imageID": "docker.io/library/x@sha256:1", "ready": true,
               "restartCount": 0, "started": true, "state": {"running": {"startedAt": "2026-11-29T20:00:00Z"}}})
    }

    /// Shaped like `kubectl get pod -o json` of a pod stuck in every container kind.
    fn stuck_everywhere() -> Pod {
        pod(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web-7d48b5667c-7tlz7", "namespace": "shop", "uid": "0b9bd5da-0497-4cb4-28e6-690dd45219e2",
                         "creationTimestamp": "2026-11-29T20:00:00Z"},
            "spec": {
                "nodeName": "node-a",
                "serviceAccountName": "web",
                "imagePullSecrets": [{"name": "regcred"}],
                "initContainers": [{"name": "migrate", "image": "registry.example.com/shop/migrate:v3"}],
                "containers": [
                    {"name": "app", "image": "registry.example.com/shop/app:v3"},
                    {"name": "sidecar", "image": "envoyproxy/envoy:v1.31.0"},
                    {"name": "ok", "image": "busybox"}
                ],
                "ephemeralContainers": [{"name": "debugger-x1", "image": "nicolaka/netshoot", "targetContainerName": "app"}]
            },
            "status": {
                "phase": "Pending",
                "startTime": "2026-11-29T20:00:01Z",
                "conditions": [
                    {"type": "Initialized", "status": "False", "lastTransitionTime": "2026-11-29T20:00:02Z", "reason": "ContainersNotInitialized"},
                    {"type": "ContainersReady", "status": "False", "lastTransitionTime": "2026-11-29T20:00:03Z", "reason": "ContainersNotReady"},
                    {"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-29T20:00:00Z"}
                ],
                "initContainerStatuses": [waiting("migrate", "registry.example.com/shop/migrate:v3", "ErrImagePull",
                    "failed to pull and unpack image \"registry.example.com/shop/migrate:v3\": failed to resolve reference \"registry.example.com/shop/migrate:v3\": registry.example.com/shop/migrate:v3: not found")],
                "containerStatuses": [
                    waiting("app", "registry.example.com/shop/app:v3", "PodInitializing", ""),
                    waiting("sidecar", "envoyproxy/envoy:v1.31.0", "ImagePullBackOff", "Back-off pulling image \"envoyproxy/envoy:v1.31.0\""),
                    running("ok", "busybox")
                ],
                "ephemeralContainerStatuses": [waiting("debugger-x1", "nicolaka/netshoot", "ErrImageNeverPull",
                    "Container image \"nicolaka/netshoot\" is not present with pull policy of Never")]
            }
        }))
    }

    #[test]
    fn every_container_kind_is_reported_and_other_waits_are_not() {
        let f = findings(&stuck_everywhere());
        let got: Vec<(&str, ContainerKind, Reason, Cause)> = f
            .iter()
            .map(|f| (f.container.as_str(), f.kind, f.reason, f.cause))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "migrate",
                    ContainerKind::Init,
                    Reason::ErrImagePull,
                    Cause::NotFound
                ),
                (
                    "sidecar",
                    ContainerKind::Container,
                    Reason::ImagePullBackOff,
                    Cause::Unknown
                ),
                (
                    "debugger-x1",
                    ContainerKind::Ephemeral,
                    Reason::ErrImageNeverPull,
                    Cause::NeverPullMissing
                ),
            ]
        );
    }

    #[test]
    fn a_finding_carries_what_a_person_needs() {
        let f = findings(&stuck_everywhere());
        let init = &f[0];
        assert_eq!(
            (init.namespace.as_str(), init.pod.as_str()),
            ("shop", "web-7d48b5667c-7tlz7")
        );
        assert_eq!(init.uid, "0b9bd5da-0497-4cb4-28e6-690dd45219e2");
        assert_eq!(init.image, "registry.example.com/shop/migrate:v3");
        assert_eq!(init.registry, "registry.example.com");
        assert_eq!(init.node.as_deref(), Some("node-a"));
        assert!(init.message.starts_with("failed to pull and unpack image"));
        assert_eq!(init.cause_source, CauseSource::Status);
        assert_eq!(init.pull_secrets, vec!["regcred"]);
        assert_eq!(init.service_account, "web");
        assert!(init.references_pull_secret());
        assert_eq!(init.field_path(), "spec.initContainers{migrate}");
        assert_eq!(init.remedy(), Cause::NotFound.remedy());
        // Init containers: when Initialized turned False; regular ones: ContainersReady.
        assert_eq!(
            init.since.as_ref().unwrap().0.to_string(),
            "2026-11-29T20:00:02Z"
        );
        assert_eq!(
            f[1].since.as_ref().unwrap().0.to_string(),
            "2026-11-29T20:00:03Z"
        );
        assert_eq!(f[1].registry, "docker.io");
        assert_eq!(f[1].cause_source, CauseSource::None);
        assert!(f[1].needs_event());
        assert!(!init.needs_event());
        // Ephemeral containers have no condition: pod start time.
        assert_eq!(
            f[2].since.as_ref().unwrap().0.to_string(),
            "2026-11-29T20:00:01Z"
        );
        assert_eq!(f[2].field_path(), "spec.ephemeralContainers{debugger-x1}");
    }

    #[test]
    fn several_stuck_containers_in_one_running_pod() {
        let p = pod(json!({
            "metadata": {"name": "api-0", "namespace": "default", "uid": "u-1"},
            "spec": {"nodeName": "node-b", "containers": [
                {"name": "api", "image": "ghcr.io/acme/api:2.0"},
                {"name": "worker", "image": "ghcr.io/acme/worker:2.0"},
                {"name": "metrics", "image": "quay.io/prometheus/statsd-exporter:v0.26.0"}]},
            "status": {"phase": "Running", "containerStatuses": [
                {"name": "api", "image": "ghcr.io/acme/api:2.0", "imageID": "", "ready": false, "restartCount": 3,
                 "lastState": {"terminated": {"exitCode": 0, "reason": "Completed", "finishedAt": "2026-11-29T21:10:00Z"}},
                 "state": {"waiting": {"reason": "ErrImagePull", "message": "rpc error: code = Unknown desc = failed to pull and unpack image \"ghcr.io/acme/api:2.0\": failed to resolve reference \"ghcr.io/acme/api:2.0\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token: 401 Unauthorized"}}},
                waiting("worker", "ghcr.io/acme/worker:2.0", "ImagePullBackOff",
                    "Back-off pulling image \"ghcr.io/acme/worker:2.0\": ErrImagePull: failed to pull and unpack image \"ghcr.io/acme/worker:2.0\": failed to resolve reference \"ghcr.io/acme/worker:2.0\": ghcr.io/acme/worker:2.0: not found"),
                running("metrics", "quay.io/prometheus/statsd-exporter:v0.26.0")
            ]}
        }));
        let f = findings(&p);
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].container.as_str(), f[0].cause), ("api", Cause::Auth));
        assert_eq!(
            (f[1].container.as_str(), f[1].cause),
            ("worker", Cause::NotFound)
        );
        assert!(!f[0].references_pull_secret());
        assert_eq!(f[0].service_account, "default");
        // The end of its last run is the best "since" for a restarted container.
        assert_eq!(
            f[0].since.as_ref().unwrap().0.to_string(),
            "2026-11-29T21:10:00Z"
        );
        assert!(
            f.iter()
                .all(|f| f.kind == ContainerKind::Container && f.node.as_deref() == Some("node-b"))
        );
    }

    #[test]
    fn healthy_pods_and_pods_without_status_give_nothing() {
        let healthy = pod(json!({
            "metadata": {"name": "ok", "namespace": "default", "uid": "u-2"},
            "spec": {"containers": [{"name": "c", "image": "busybox"}]},
            "status": {"phase": "Running", "containerStatuses": [running("c", "busybox")]}
        }));
        assert!(findings(&healthy).is_empty());
        let crashing = pod(json!({
            "metadata": {"name": "crash", "namespace": "default", "uid": "u-3"},
            "spec": {"containers": [{"name": "c", "image": "busybox"}]},
            "status": {"containerStatuses": [waiting("c", "busybox", "CrashLoopBackOff", "back-off 5m0s restarting failed container=c")]}
        }));
        assert!(findings(&crashing).is_empty());
        let no_status = pod(
            json!({"metadata": {"name": "new", "namespace": "default"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}),
        );
        assert!(findings(&no_status).is_empty());
        let empty_status =
            pod(json!({"metadata": {"name": "pending"}, "status": {"phase": "Pending"}}));
        assert!(findings(&empty_status).is_empty());
    }

    #[test]
    fn every_reason_is_recognised() {
        for reason in Reason::ALL {
            let p = pod(json!({
                "metadata": {"name": "p", "namespace": "n", "uid": "u"},
                "spec": {"containers": [{"name": "c", "image": "x"}]},
                "status": {"containerStatuses": [waiting("c", "x", reason.as_str(), "")]}
            }));
            let f = findings(&p);
            assert_eq!(f.len(), 1, "{reason}");
            assert_eq!(f[0].reason, reason);
        }
    }

    #[test]
    fn status_image_and_creation_time_are_fallbacks() {
        let p = pod(json!({
            "metadata": {"name": "p", "namespace": "n", "uid": "u", "creationTimestamp": "2026-11-29T19:00:00Z"},
            "status": {"containerStatuses": [waiting("gone", "localhost:5000/app:dev", "ErrImagePull",
                "failed to resolve reference \"localhost:5000/app:dev\": failed to do request: Head \"https://localhost:5000/v2/app/manifests/dev\": http: server gave HTTP response to HTTPS client")]}
        }));
        let f = findings(&p);
        assert_eq!(f[0].image, "localhost:5000/app:dev");
        assert_eq!(f[0].registry, "localhost:5000");
        assert_eq!(f[0].node, None);
        assert_eq!(f[0].cause, Cause::HttpVsHttps);
        assert_eq!(
            f[0].since.as_ref().unwrap().0.to_string(),
            "2026-11-29T19:00:00Z"
        );
    }

    #[test]
    fn service_account_secrets_are_recorded_for_its_pods_only() {
        let mut f = findings(&stuck_everywhere());
        f[0].pull_secrets.clear();
        assert!(!f[0].references_pull_secret());
        let other: ServiceAccount = serde_json::from_value(json!({"metadata": {"name": "web", "namespace": "other"}, "imagePullSecrets": [{"name": "x"}]})).unwrap();
        apply_service_account(&mut f, &other);
        assert_eq!(f[0].service_account_pull_secrets, None);
        let sa: ServiceAccount = serde_json::from_value(json!({"metadata": {"name": "web", "namespace": "shop"}, "imagePullSecrets": [{"name": "hub"}]})).unwrap();
        apply_service_account(&mut f, &sa);
        assert_eq!(
            f[0].service_account_pull_secrets,
            Some(vec!["hub".to_string()])
        );
        assert!(f[0].references_pull_secret());
        let bare: ServiceAccount =
            serde_json::from_value(json!({"metadata": {"name": "web", "namespace": "shop"}}))
                .unwrap();
        apply_service_account(&mut f, &bare);
        assert!(!f[0].references_pull_secret());
    }

    #[test]
    fn json_keeps_the_raw_message_and_stable_ids() {
        let mut f = findings(&stuck_everywhere()).remove(0);
        f.message = "not found\x1b[31m".into();
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["message"], "not found\x1b[31m");
        assert_eq!(v["kind"], "init");
        assert_eq!(v["reason"], "ErrImagePull");
        assert_eq!(v["cause"], "not-found");
        assert_eq!(v["causeSource"], "status");
        assert_eq!(v["pullSecrets"], json!(["regcred"]));
        assert_eq!(v["serviceAccountPullSecrets"], Value::Null);
        assert_eq!(v["since"], "2026-11-29T20:00:02Z");
        assert!(serde_json::to_string(&f).unwrap().contains("\\u001b[31m"));
    }
}
