//! The events join: findings whose status message carries no cause (back-off before
//! kubelet 1.32) take it from the latest `Failed to pull image` event of the same pod
//! uid and container field path. Streaming: memory is one message per finding.

use std::collections::HashMap;

use k8s_openapi::api::core::v1::Event;
use k8s_openapi::jiff::Timestamp;

use super::cause::Cause;
use super::classify::classify;
use super::finding::{CauseSource, Finding};

const CORRELATOR_PREFIX: &str = "(combined from similar events): ";
const PULL_FAILED_PREFIX: &str = "Failed to pull image \"";

/// The field selector for the one cluster-wide list the join needs.
pub const EVENT_FIELD_SELECTOR: &str =
    "involvedObject.kind=Pod,reason=Failed,type=Warning,source=kubelet";

/// Collects, per finding that needs one, the latest matching pull-failure event.
#[derive(Debug, Default)]
pub struct EventJoin {
    wanted: HashMap<(String, String), Option<Latest>>,
}

#[derive(Debug)]
struct Latest {
    at: Option<Timestamp>,
    message: String,
}

impl EventJoin {
    /// Keys of the findings whose cause is still `unknown`.
    pub fn new(findings: &[Finding]) -> EventJoin {
        let wanted = findings
            .iter()
            .filter(|f| f.needs_event())
            .map(|f| ((f.uid.clone(), f.field_path()), None))
            .collect();
        EventJoin { wanted }
    }

    /// Nothing to look up: the caller can skip listing events.
    pub fn is_empty(&self) -> bool {
        self.wanted.is_empty()
    }

    /// Considers one event; keeps it if it is a pull failure for a wanted container and
    /// newer than what is held. On equal timestamps the later-offered event wins.
    pub fn offer(&mut self, event: &Event) {
        if event.reason.as_deref() != Some("Failed") {
            return;
        }
        let Some(message) = event.message.as_deref().filter(|m| is_pull_failure(m)) else {
            return;
        };
        let obj = &event.involved_object;
        let (Some(uid), Some(path)) = (obj.uid.as_deref(), obj.field_path.as_deref()) else {
            return;
        };
        // Looking up with borrowed parts would need a custom key type; the clone is per event, not per pod.
        let Some(slot) = self.wanted.get_mut(&(uid.to_string(), path.to_string())) else {
            return;
        };
        let at = event_time(event);
        if slot.as_ref().is_none_or(|held| at >= held.at) {
            *slot = Some(Latest {
                at,
                message: message.to_string(),
            });
        }
    }

    /// Classifies each waiting finding from its event; a finding without one keeps
    /// the cause its status message gave (usually `unknown`).
    pub fn apply(mut self, findings: &mut [Finding]) {
        for f in findings.iter_mut().filter(|f| f.needs_event()) {
            let Some(Some(latest)) = self.wanted.remove(&(f.uid.clone(), f.field_path())) else {
                continue;
            };
            let cause = classify(Some(f.reason), &latest.message, Some(&f.registry));
            if cause != Cause::Unknown {
                f.cause = cause;
                f.cause_source = CauseSource::Event;
            }
            f.event_message = Some(latest.message);
        }
    }
}

/// Joins in one call; see [`EventJoin`] to stream events page by page.
pub fn join_events<'a>(findings: &mut [Finding], events: impl IntoIterator<Item = &'a Event>) {
    let mut join = EventJoin::new(findings);
    if join.is_empty() {
        return;
    }
    for e in events {
        join.offer(e);
    }
    join.apply(findings);
}

/// `Failed` also carries the bare `Error: ErrImagePull` echo, which says nothing.
fn is_pull_failure(message: &str) -> bool {
    message
        .strip_prefix(CORRELATOR_PREFIX)
        .unwrap_or(message)
        .starts_with(PULL_FAILED_PREFIX)
}

/// When the event last happened: the newest of its series, last, event and creation times
/// (core/v1 events fill different ones depending on the recorder that wrote them).
pub fn event_time(event: &Event) -> Option<Timestamp> {
    [
        event
            .series
            .as_ref()
            .and_then(|s| s.last_observed_time.as_ref())
            .map(|t| t.0),
        event.last_timestamp.as_ref().map(|t| t.0),
        event.event_time.as_ref().map(|t| t.0),
        event.first_timestamp.as_ref().map(|t| t.0),
        event.metadata.creation_timestamp.as_ref().map(|t| t.0),
    ]
    .into_iter()
    .flatten()
    .max()
}

#[cfg(test)]
mod tests {
    use super::super::finding::{ContainerKind, findings, tests::pod};
    use super::*;
    use serde_json::{Value, json};

    const UID: &str = "5a0a6b8e-1111-4c2b-9a51-6c6f0e0d0001";

    fn backoff(name: &str, image: &str) -> Value {
        json!({"name": name, "image": image, "imageID": "", "ready": false, "restartCount": 0,
               "state": {"waiting": {"reason": "ImagePullBackOff", "message": format!("Back-off pulling image \"{image}\"")}}})
    }

    /// A pre-1.32 pod in back-off in a regular, an init and an ephemeral container.
    fn backed_off() -> Vec<Finding> {
        let p = pod(json!({
            "metadata": {"name": "shop-0", "namespace": "shop", "uid": UID},
            "spec": {"nodeName": "node-a",
                     "initContainers": [{"name": "init-db", "image": "postgres:99"}],
                     "containers": [{"name": "app", "image": "harbor.local/shop/app:1"}, {"name": "side", "image": "envoyproxy/envoy:v9"}],
                     "ephemeralContainers": [{"name": "debug", "image": "nicolaka/netshoot"}]},
            "status": {
                "initContainerStatuses": [backoff("init-db", "postgres:99")],
                "containerStatuses": [backoff("app", "harbor.local/shop/app:1"), backoff("side", "envoyproxy/envoy:v9")],
                "ephemeralContainerStatuses": [backoff("debug", "nicolaka/netshoot")]
            }
        }));
        let f = findings(&p);
        assert!(
            f.iter()
                .all(|f| f.cause == Cause::Unknown && f.needs_event())
        );
        f
    }

    /// Shaped like `kubectl get events -o json` items written by the kubelet.
    fn event(uid: &str, field_path: &str, reason: &str, message: &str, last: &str) -> Event {
        serde_json::from_value(json!({
            "metadata": {"name": format!("shop-0.{last}"), "namespace": "shop", "creationTimestamp": last},
            "involvedObject": {"kind": "Pod", "namespace": "shop", "name": "shop-0", "uid": uid, "apiVersion": "v1", "fieldPath": field_path},
            "reason": reason, "message": message, "type": "Warning",
            "source": {"component": "kubelet", "host": "node-a"},
            "firstTimestamp": "2026-11-29T20:00:00Z", "lastTimestamp": last, "count": 3
        }))
        .unwrap()
    }

    fn cause_of<'a>(f: &'a [Finding], container: &str) -> (&'a str, Cause, CauseSource) {
        let f = f.iter().find(|f| f.container == container).unwrap();
        (f.container.as_str(), f.cause, f.cause_source)
    }

    #[test]
    fn the_latest_event_wins() {
        let mut f = backed_off();
        let events = [
            event(
                UID,
                "spec.containers{app}",
                "Failed",
                "Failed to pull image \"harbor.local/shop/app:1\": x509: certificate signed by unknown authority",
                "2026-11-29T20:05:00Z",
            ),
            event(
                UID,
                "spec.containers{app}",
                "Failed",
                "Failed to pull image \"harbor.local/shop/app:1\": dial tcp 10.0.0.9:443: connect: connection refused",
                "2026-11-29T20:09:00Z",
            ),
            event(
                UID,
                "spec.containers{app}",
                "Failed",
                "Failed to pull image \"harbor.local/shop/app:1\": dial tcp: lookup harbor.local on 10.96.0.10:53: no such host",
                "2026-11-29T20:01:00Z",
            ),
        ];
        join_events(&mut f, &events);
        assert_eq!(
            cause_of(&f, "app"),
            ("app", Cause::NetworkUnreachable, CauseSource::Event)
        );
        let app = f.iter().find(|f| f.container == "app").unwrap();
        assert!(
            app.event_message
                .as_deref()
                .unwrap()
                .contains("connection refused")
        );
        // The status message stays the raw one.
        assert_eq!(
            app.message,
            "Back-off pulling image \"harbor.local/shop/app:1\""
        );
    }

    #[test]
    fn series_time_beats_an_older_last_timestamp() {
        let mut f = backed_off();
        let mut newer = event(
            UID,
            "spec.containers{app}",
            "Failed",
            "Failed to pull image \"a\": toomanyrequests: slow down",
            "2026-11-29T20:01:00Z",
        );
        newer.series = Some(
            serde_json::from_value(
                json!({"count": 9, "lastObservedTime": "2026-11-29T21:00:00.000000Z"}),
            )
            .unwrap(),
        );
        let older = event(
            UID,
            "spec.containers{app}",
            "Failed",
            "Failed to pull image \"a\": not found",
            "2026-11-29T20:30:00Z",
        );
        join_events(&mut f, [&newer, &older]);
        assert_eq!(cause_of(&f, "app").1, Cause::RateLimit);
    }

    #[test]
    fn other_containers_pods_and_echo_events_are_ignored() {
        let mut f = backed_off();
        let events = [
            // Same pod, other container.
            event(
                UID,
                "spec.containers{side}",
                "Failed",
                "Failed to pull image \"envoyproxy/envoy:v9\": docker.io/envoyproxy/envoy:v9: not found",
                "2026-11-29T20:05:00Z",
            ),
            // Same container name, another pod (a recreated pod has a new uid).
            event(
                "other-uid",
                "spec.containers{app}",
                "Failed",
                "Failed to pull image \"x\": toomanyrequests",
                "2026-11-29T20:06:00Z",
            ),
            // The `Error: <Reason>` echo and other reasons say nothing.
            event(
                UID,
                "spec.containers{app}",
                "Failed",
                "Error: ImagePullBackOff",
                "2026-11-29T20:07:00Z",
            ),
            event(
                UID,
                "spec.containers{app}",
                "BackOff",
                "Back-off pulling image \"harbor.local/shop/app:1\"",
                "2026-11-29T20:08:00Z",
            ),
            // Right container name in the wrong list.
            event(
                UID,
                "spec.initContainers{app}",
                "Failed",
                "Failed to pull image \"x\": no space left on device",
                "2026-11-29T20:09:00Z",
            ),
        ];
        join_events(&mut f, &events);
        assert_eq!(
            cause_of(&f, "side"),
            ("side", Cause::NotFound, CauseSource::Event)
        );
        assert_eq!(
            cause_of(&f, "app"),
            ("app", Cause::Unknown, CauseSource::None)
        );
        assert_eq!(
            f.iter()
                .find(|f| f.container == "app")
                .unwrap()
                .event_message,
            None
        );
    }

    #[test]
    fn init_and_ephemeral_field_paths_join() {
        let mut f = backed_off();
        let events = [
            event(
                UID,
                "spec.initContainers{init-db}",
                "Failed",
                "(combined from similar events): Failed to pull image \"postgres:99\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/postgres:99\": failed to resolve reference \"docker.io/library/postgres:99\": docker.io/library/postgres:99: not found",
                "2026-11-29T20:05:00Z",
            ),
            event(
                UID,
                "spec.ephemeralContainers{debug}",
                "Failed",
                "Failed to pull image \"nicolaka/netshoot\": failed to pull and unpack image \"docker.io/nicolaka/netshoot:latest\": no match for platform in manifest: not found",
                "2026-11-29T20:05:00Z",
            ),
        ];
        join_events(&mut f, &events);
        assert_eq!(
            cause_of(&f, "init-db"),
            ("init-db", Cause::NotFound, CauseSource::Event)
        );
        assert_eq!(
            cause_of(&f, "debug"),
            ("debug", Cause::Platform, CauseSource::Event)
        );
        assert_eq!(
            f.iter().find(|f| f.container == "debug").unwrap().kind,
            ContainerKind::Ephemeral
        );
    }

    #[test]
    fn without_an_event_the_status_cause_stays() {
        let mut f = backed_off();
        join_events(&mut f, std::iter::empty());
        assert!(
            f.iter()
                .all(|f| f.cause == Cause::Unknown && f.cause_source == CauseSource::None)
        );

        // A finding whose status already names a cause is never overwritten by an event.
        let p = pod(json!({
            "metadata": {"name": "p", "namespace": "n", "uid": "u1"},
            "spec": {"containers": [{"name": "c", "image": "quay.io/a/b:1"}]},
            "status": {"containerStatuses": [{"name": "c", "image": "quay.io/a/b:1", "imageID": "", "ready": false, "restartCount": 0,
                "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image \"quay.io/a/b:1\": ErrImagePull: reading manifest 1 in quay.io/a/b: manifest unknown"}}}]}
        }));
        let mut f = findings(&p);
        let join = EventJoin::new(&f);
        assert!(join.is_empty());
        join_events(
            &mut f,
            [&event(
                "u1",
                "spec.containers{c}",
                "Failed",
                "Failed to pull image \"x\": toomanyrequests",
                "2026-11-29T22:00:00Z",
            )],
        );
        assert_eq!(
            (f[0].cause, f[0].cause_source),
            (Cause::NotFound, CauseSource::Status)
        );
    }

    #[test]
    fn an_event_without_a_cause_is_kept_but_changes_nothing() {
        let mut f = backed_off();
        join_events(
            &mut f,
            [&event(
                UID,
                "spec.containers{app}",
                "Failed",
                "Failed to pull image \"harbor.local/shop/app:1\": something new",
                "2026-11-29T20:05:00Z",
            )],
        );
        let app = f.iter().find(|f| f.container == "app").unwrap();
        assert_eq!(
            (app.cause, app.cause_source),
            (Cause::Unknown, CauseSource::None)
        );
        assert!(app.event_message.is_some());
    }

    #[test]
    fn event_time_prefers_the_newest_field() {
        let mut e = event(
            UID,
            "spec.containers{app}",
            "Failed",
            "m",
            "2026-11-29T20:05:00Z",
        );
        assert_eq!(event_time(&e).unwrap().to_string(), "2026-11-29T20:05:00Z");
        e.last_timestamp = None;
        e.first_timestamp = None;
        e.metadata.creation_timestamp = None;
        assert_eq!(event_time(&e), None);
        e.event_time = Some(serde_json::from_value(json!("2026-11-29T20:06:00.123456Z")).unwrap());
        assert_eq!(
            event_time(&e).unwrap().to_string(),
            "2026-11-29T20:06:00.123456Z"
        );
    }
}
