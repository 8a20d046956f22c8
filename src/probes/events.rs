//! The probe events of the scope, folded per container instance key (pod uid + fieldPath +
//! probe kind) while the one events list streams: failure counts, first and last seen, the
//! newest output, and liveness/startup kills. Keyed by uid, so a pod recreated under the same
//! name never inherits its predecessor's events. Memory grows with the containers that have
//! probe events, not with the number of events.

use std::collections::HashMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::jiff::Timestamp;
use serde::Deserialize;

use super::message::{self, ProbeKind, Verdict};

/// The field selector of the one events list: the kubelet's events about pods. Field
/// selectors cannot OR reasons, so `Unhealthy`, `ProbeWarning` and `Killing` (a Normal event)
/// are picked client-side.
pub const EVENT_FIELD_SELECTOR: &str = "involvedObject.kind=Pod,source=kubelet";

/// Only the fields the join reads: an events list is mostly other reasons, and decoding the
/// full `Event` for each would cost the benchmark's budget.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LightEvent {
    pub metadata: LightMeta,
    pub involved_object: LightObject,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub count: Option<i64>,
    pub first_timestamp: Option<Time>,
    pub last_timestamp: Option<Time>,
    pub event_time: Option<MicroTime>,
    pub series: Option<LightSeries>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LightMeta {
    pub uid: Option<String>,
    pub creation_timestamp: Option<Time>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LightObject {
    pub uid: Option<String>,
    pub field_path: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LightSeries {
    pub count: Option<i64>,
    pub last_observed_time: Option<MicroTime>,
}

impl LightEvent {
    /// When it last happened: the newest of series, last, event and creation times (recorders
    /// fill different ones).
    fn last(&self) -> Option<Timestamp> {
        [
            self.series
                .as_ref()
                .and_then(|s| s.last_observed_time.as_ref())
                .map(|t| t.0),
            self.last_timestamp.as_ref().map(|t| t.0),
            self.event_time.as_ref().map(|t| t.0),
            self.first_timestamp.as_ref().map(|t| t.0),
            self.metadata.creation_timestamp.as_ref().map(|t| t.0),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    fn first(&self) -> Option<Timestamp> {
        [
            self.first_timestamp.as_ref().map(|t| t.0),
            self.event_time.as_ref().map(|t| t.0),
            self.metadata.creation_timestamp.as_ref().map(|t| t.0),
        ]
        .into_iter()
        .flatten()
        .min()
        .or_else(|| self.last())
    }

    /// How many times it happened; a missing or zero count is once.
    fn times(&self) -> i64 {
        let series = self.series.as_ref().and_then(|s| s.count).unwrap_or(0);
        self.count.unwrap_or(0).max(series).max(1)
    }
}

/// The newest probe output of a container's probe kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    pub at: Option<Timestamp>,
    pub verdict: Verdict,
    /// The probe output (after the kubelet's prefix), raw.
    pub output: String,
    /// The whole event message, raw.
    pub message: String,
}

/// What the events say about one probe of one container instance key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProbeEvents {
    /// `Unhealthy` and `ProbeWarning` occurrences, summed over event objects.
    pub failures: i64,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub latest: Option<Latest>,
    /// `Killing` occurrences that blame this probe.
    pub kills: i64,
    pub last_kill: Option<Timestamp>,
}

/// The fold: offer each listed event, then look containers up.
#[derive(Debug, Default)]
pub struct EventIndex {
    /// Pod uid -> (fieldPath, events per probe kind): containers per pod are few.
    by_uid: HashMap<String, Vec<(String, [ProbeEvents; 3])>>,
    pub probe_events: u64,
}

fn slot(kind: ProbeKind) -> usize {
    match kind {
        ProbeKind::Liveness => 0,
        ProbeKind::Readiness => 1,
        ProbeKind::Startup => 2,
    }
}

impl EventIndex {
    pub fn offer(&mut self, e: &LightEvent) {
        let (Some(reason), Some(msg)) = (e.reason.as_deref(), e.message.as_deref()) else {
            return;
        };
        // Kubelets before 1.2 wrote the reasons in lower case (`unhealthy`, `killing`).
        let is = |r: &str| reason.eq_ignore_ascii_case(r);
        let (kind, parsed) = if is("Unhealthy") || is("ProbeWarning") {
            match message::parse(msg) {
                Some(p) => (p.kind, Some(p)),
                None => return,
            }
        } else if is("Killing") {
            match message::killed_by(msg) {
                Some(k) => (k, None),
                None => return,
            }
        } else {
            return;
        };
        let (Some(uid), Some(path)) = (
            e.involved_object.uid.as_deref(),
            e.involved_object.field_path.as_deref(),
        ) else {
            return;
        };
        self.probe_events += 1;
        let containers = self.by_uid.entry(uid.to_string()).or_default();
        let i = match containers.iter().position(|(p, _)| p == path) {
            Some(i) => i,
            None => {
                containers.push((path.to_string(), Default::default()));
                containers.len() - 1
            }
        };
        let pe = &mut containers[i].1[slot(kind)];
        let last = e.last();
        match parsed {
            None => {
                pe.kills += e.times();
                pe.last_kill = pe.last_kill.max(last);
            }
            Some(p) => {
                pe.failures += e.times();
                let first = e.first();
                pe.first = match (pe.first, first) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                pe.last = pe.last.max(last);
                // On equal times the event listed later wins (the newer object).
                if pe.latest.as_ref().is_none_or(|held| last >= held.at) {
                    pe.latest = Some(Latest {
                        at: last,
                        verdict: p.verdict,
                        output: p.output.to_string(),
                        message: msg.to_string(),
                    });
                }
            }
        }
    }

    pub fn get(&self, uid: &str, field_path: &str, kind: ProbeKind) -> Option<&ProbeEvents> {
        self.by_uid
            .get(uid)?
            .iter()
            .find(|(p, _)| p == field_path)
            .map(|(_, a)| &a[slot(kind)])
            .filter(|pe| pe.failures > 0 || pe.kills > 0)
    }

    /// Whether any probe event names this pod (lets the pod scan skip healthy pods cheaply).
    pub fn knows_uid(&self, uid: &str) -> bool {
        self.by_uid.contains_key(uid)
    }
}

impl crate::client::list::ListItem for LightEvent {
    fn uid(&self) -> Option<&str> {
        self.metadata.uid.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(
        uid: &str,
        path: &str,
        reason: &str,
        message: &str,
        count: i64,
        first: &str,
        last: &str,
    ) -> LightEvent {
        serde_json::from_value(json!({
            "metadata": {"uid": format!("e-{first}-{message}"), "creationTimestamp": first},
            "involvedObject": {"kind": "Pod", "uid": uid, "fieldPath": path},
            "reason": reason, "message": message, "count": count,
            "firstTimestamp": first, "lastTimestamp": last, "eventTime": null
        }))
        .unwrap()
    }

    #[test]
    fn counts_sum_and_the_newest_output_wins() {
        let mut idx = EventIndex::default();
        let p = "spec.containers{app}";
        idx.offer(&ev(
            "u1",
            p,
            "Unhealthy",
            "Liveness probe failed: HTTP probe failed with statuscode: 500",
            7,
            "2026-12-01T10:00:00Z",
            "2026-12-01T10:20:00Z",
        ));
        idx.offer(&ev(
            "u1",
            p,
            "Unhealthy",
            "Liveness probe failed: Get \"http://10.0.0.1:8080/\": context deadline exceeded",
            2,
            "2026-12-01T10:05:00Z",
            "2026-12-01T10:30:00Z",
        ));
        idx.offer(&ev(
            "u1",
            p,
            "Killing",
            "Container app failed liveness probe, will be restarted",
            3,
            "2026-12-01T10:01:00Z",
            "2026-12-01T10:31:00Z",
        ));
        // Kubelets before 1.2: a lower-case reason.
        idx.offer(&ev(
            "u1",
            p,
            "unhealthy",
            "Readiness probe failed: x",
            1,
            "2026-12-01T10:05:00Z",
            "2026-12-01T10:05:00Z",
        ));
        // Other pods, other containers, other reasons, unparsable texts.
        idx.offer(&ev(
            "u2",
            p,
            "Unhealthy",
            "Liveness probe failed: y",
            1,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z",
        ));
        idx.offer(&ev(
            "u1",
            "spec.containers{side}",
            "Unhealthy",
            "Liveness probe failed: z",
            1,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z",
        ));
        idx.offer(&ev(
            "u1",
            p,
            "BackOff",
            "Back-off restarting failed container app in pod p_n(u1)",
            9,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z",
        ));
        idx.offer(&ev(
            "u1",
            p,
            "Unhealthy",
            "something else",
            9,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z",
        ));
        idx.offer(&ev(
            "u1",
            p,
            "Killing",
            "Stopping container app",
            1,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z",
        ));
        let l = idx.get("u1", p, ProbeKind::Liveness).unwrap();
        assert_eq!((l.failures, l.kills), (9, 3));
        assert_eq!(l.first.unwrap().to_string(), "2026-12-01T10:00:00Z");
        assert_eq!(l.last.unwrap().to_string(), "2026-12-01T10:30:00Z");
        let latest = l.latest.as_ref().unwrap();
        assert!(latest.output.ends_with("context deadline exceeded"));
        assert!(latest.message.starts_with("Liveness probe failed: Get"));
        assert_eq!(idx.get("u1", p, ProbeKind::Readiness).unwrap().failures, 1);
        assert!(idx.get("u1", p, ProbeKind::Startup).is_none());
        assert!(idx.get("u3", p, ProbeKind::Liveness).is_none());
        assert!(idx.knows_uid("u2") && !idx.knows_uid("u3"));
        assert_eq!(idx.probe_events, 6);
    }

    #[test]
    fn series_counts_and_times() {
        let e: LightEvent = serde_json::from_value(json!({
            "involvedObject": {"uid": "u", "fieldPath": "spec.containers{a}"},
            "reason": "Unhealthy", "message": "Readiness probe failed: ", "count": null,
            "eventTime": "2026-12-01T10:00:00.000000Z",
            "series": {"count": 12, "lastObservedTime": "2026-12-01T10:40:00.000000Z"}
        }))
        .unwrap();
        assert_eq!(e.times(), 12);
        assert_eq!(e.last().unwrap().to_string(), "2026-12-01T10:40:00Z");
        assert_eq!(e.first().unwrap().to_string(), "2026-12-01T10:00:00Z");
        let bare: LightEvent = serde_json::from_value(json!({})).unwrap();
        assert_eq!((bare.times(), bare.last(), bare.first()), (1, None, None));
    }
}
