//! The eviction and image-GC policy a kubelet runs with, read from its `/configz` the way
//! `ParseThresholdConfig` (pkg/kubelet/eviction/helpers.go) reads the config at start-up, with
//! the OS defaults (`defaults_linux.go`, `defaults_windows.go`) when the map is absent.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::signal::Signal;
use crate::config::eviction::{Threshold, parse_threshold};
use crate::config::quantity;

/// One threshold value as written (`"500Mi"`, `"10%"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub text: String,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// The kubelet keeps the percentage as a float32 fraction.
    Percent(f32),
    Bytes(i64),
}

impl Value {
    /// Parses a threshold as the kubelet does; `None` for `0%`/`100%` (the kubelet drops them)
    /// and for values it would refuse to start with.
    pub fn parse(signal: &str, text: &str) -> Option<Value> {
        let kind = match parse_threshold(signal, text).ok()? {
            Threshold::Dropped => return None,
            // `strconv.ParseFloat(v, 32)` then `float32 / 100`: keep the float32 rounding, so
            // a node with exactly 15.00 % free is below a `15%` threshold, as on the kubelet.
            Threshold::Percent(_) => {
                Kind::Percent(text.trim_end_matches('%').parse::<f32>().ok()? / 100.0)
            }
            // resource.Quantity.Value() rounds up.
            Threshold::Quantity(q) => Kind::Bytes(q.ceil().min(i64::MAX as f64) as i64),
        };
        Some(Value {
            text: text.to_string(),
            kind,
        })
    }

    /// `GetThresholdQuantity`: a percentage is taken of the signal's capacity.
    pub fn quantity(&self, capacity: i64) -> i64 {
        match self.kind {
            Kind::Bytes(b) => b,
            Kind::Percent(p) => (capacity as f64 * f64::from(p)) as i64,
        }
    }
}

/// A soft threshold and how long it must hold before the kubelet evicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Soft {
    pub value: Value,
    /// As written in `evictionSoftGracePeriod` (a Go duration); `None` when missing, which
    /// the kubelet refuses at start-up.
    pub grace: Option<String>,
}

/// Where the policy came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Configz,
    /// `/configz` could not be read: the kubelet's defaults for the node's OS are assumed.
    Defaults,
}

/// Everything about eviction and image GC that the numbers are judged against.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub source: Source,
    pub hard: BTreeMap<Signal, Value>,
    pub soft: BTreeMap<Signal, Soft>,
    /// `enforceNodeAllocatable` contains `pods`: a hard `memory.available` also guards the
    /// pods cgroup (`allocatableMemory.available`).
    pub enforce_pods: bool,
    pub image_gc_high: i64,
    pub image_gc_low: i64,
    pub transition_period: String,
    pub system_reserved_memory: Option<i64>,
    pub kube_reserved_memory: Option<i64>,
    /// Entries the kubelet ignores or refuses (unknown signal, unparsable value), for a note.
    pub ignored: Vec<String>,
}

/// The fields of `/configz` read here; everything else is ignored.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Config {
    eviction_hard: Option<BTreeMap<String, String>>,
    eviction_soft: BTreeMap<String, String>,
    eviction_soft_grace_period: BTreeMap<String, String>,
    eviction_pressure_transition_period: Option<String>,
    enforce_node_allocatable: Option<Vec<String>>,
    #[serde(rename = "imageGCHighThresholdPercent")]
    image_gc_high_threshold_percent: Option<i64>,
    #[serde(rename = "imageGCLowThresholdPercent")]
    image_gc_low_threshold_percent: Option<i64>,
    system_reserved: BTreeMap<String, String>,
    kube_reserved: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Configz {
    kubeletconfig: Config,
}

impl Policy {
    /// Reads `/configz` (`{"kubeletconfig": {...}}`); the error says what is wrong with it.
    pub fn from_configz(body: &[u8], windows: bool) -> Result<Policy, String> {
        let c: Configz = serde_json::from_slice(body)
            .map_err(|e| format!("/configz is not a kubelet configuration: {e}"))?;
        Ok(Policy::from_config(
            c.kubeletconfig,
            Source::Configz,
            windows,
        ))
    }

    /// The kubelet's defaults for the node's OS.
    pub fn defaults(windows: bool) -> Policy {
        Policy::from_config(Config::default(), Source::Defaults, windows)
    }

    fn from_config(c: Config, source: Source, windows: bool) -> Policy {
        let mut ignored = Vec::new();
        let hard_map = c.eviction_hard.unwrap_or_else(|| default_hard(windows));
        let hard = thresholds(&hard_map, "evictionHard", &mut ignored);
        let soft = thresholds(&c.eviction_soft, "evictionSoft", &mut ignored)
            .into_iter()
            .map(|(signal, value)| {
                let grace = c.eviction_soft_grace_period.get(signal.name()).cloned();
                (signal, Soft { value, grace })
            })
            .collect();
        let memory = |m: &BTreeMap<String, String>| {
            let q = quantity::parse(m.get("memory")?).ok()?;
            Some(q.value.ceil() as i64)
        };
        Policy {
            source,
            hard,
            soft,
            enforce_pods: c
                .enforce_node_allocatable
                .is_none_or(|v| v.iter().any(|e| e == "pods")),
            image_gc_high: c.image_gc_high_threshold_percent.unwrap_or(85),
            image_gc_low: c.image_gc_low_threshold_percent.unwrap_or(80),
            transition_period: c
                .eviction_pressure_transition_period
                .unwrap_or_else(|| "5m0s".into()),
            system_reserved_memory: memory(&c.system_reserved),
            kube_reserved_memory: memory(&c.kube_reserved),
            ignored,
        }
    }
}

/// The kubelet's `evictionHard` when the config has none.
fn default_hard(windows: bool) -> BTreeMap<String, String> {
    let pairs: &[(&str, &str)] = if windows {
        &[
            ("memory.available", "500Mi"),
            ("nodefs.available", "10%"),
            ("imagefs.available", "15%"),
        ]
    } else {
        &[
            ("memory.available", "100Mi"),
            ("nodefs.available", "10%"),
            ("nodefs.inodesFree", "5%"),
            ("imagefs.available", "15%"),
            ("imagefs.inodesFree", "5%"),
        ]
    };
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Parses a signal map. `containerfs.*` entries are ignored, as the kubelet does (it derives
/// them from nodefs or imagefs).
fn thresholds(
    map: &BTreeMap<String, String>,
    field: &str,
    ignored: &mut Vec<String>,
) -> BTreeMap<Signal, Value> {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        match Signal::from_name(k) {
            Some(s) if s.is_containerfs() => ignored.push(format!(
                "{field}.{k} (the kubelet derives containerfs thresholds)"
            )),
            Some(s) => match Value::parse(k, v) {
                Some(value) => {
                    out.insert(s, value);
                }
                None if v == "0%" || v == "100%" => {}
                None => ignored.push(format!("{field}.{k}: {v:?} is not a valid threshold")),
            },
            None => ignored.push(format!("{field}.{k} (not an eviction signal)")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_keep_the_kubelets_float32_rounding() {
        let v = Value::parse("imagefs.available", "15%").unwrap();
        // float32(0.15) = 0.150000006: the worked example's 16,104,237,491, not ...236,851.
        assert_eq!(v.quantity(107_361_579_008), 16_104_237_491);
        let v = Value::parse("nodefs.available", "10%").unwrap();
        assert_eq!(v.quantity(107_361_579_008), 10_736_158_060);
        let v = Value::parse("memory.available", "500Mi").unwrap();
        assert_eq!(v.quantity(1), 524_288_000);
        assert_eq!(Value::parse("memory.available", "0%"), None);
        assert_eq!(Value::parse("memory.available", "-1Gi"), None);
    }

    #[test]
    fn a_partial_map_keeps_only_what_it_names() {
        let body = br#"{"kubeletconfig":{"evictionHard":{"memory.available":"1Gi","containerfs.available":"5%"},
            "evictionSoft":{"nodefs.available":"20%"},"evictionSoftGracePeriod":{"nodefs.available":"1m30s"},
            "enforceNodeAllocatable":["pods","system-reserved"],"systemReserved":{"memory":"512Mi"},
            "imageGCHighThresholdPercent":90,"imageGCLowThresholdPercent":70}}"#;
        let p = Policy::from_configz(body, false).unwrap();
        assert_eq!(
            p.hard.keys().collect::<Vec<_>>(),
            [&Signal::MemoryAvailable]
        );
        assert_eq!(
            p.soft[&Signal::NodefsAvailable].grace.as_deref(),
            Some("1m30s")
        );
        assert!(p.enforce_pods);
        assert_eq!(p.system_reserved_memory, Some(536_870_912));
        assert_eq!(p.kube_reserved_memory, None);
        assert_eq!(
            p.ignored,
            ["evictionHard.containerfs.available (the kubelet derives containerfs thresholds)"]
        );
        assert_eq!((p.image_gc_high, p.image_gc_low), (90, 70));
    }

    #[test]
    fn defaults_follow_the_os() {
        let linux = Policy::defaults(false);
        assert_eq!(linux.hard.len(), 5);
        assert_eq!(linux.hard[&Signal::MemoryAvailable].text, "100Mi");
        let windows = Policy::defaults(true);
        assert_eq!(windows.hard.len(), 3);
        assert_eq!(windows.hard[&Signal::MemoryAvailable].text, "500Mi");
        let absent = Policy::from_configz(br#"{"kubeletconfig":{}}"#, false).unwrap();
        assert_eq!(absent.hard, linux.hard);
        assert!(Policy::from_configz(b"[]", false).is_err());
    }
}
