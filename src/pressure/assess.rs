//! The arithmetic of one node: each signal's thresholds in force and its headroom, image
//! GC's position, what the Node's allocatable should be, and where the node's pressure
//! conditions disagree with the numbers. Pure: summary, policy and Node facts in, rows out.

use super::signal::{Layout, Observation, Observations, Signal};
use super::thresholds::{Policy, Soft, Value};

/// How close one signal is to eviction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// No summary data for it: nothing is known.
    NoData,
    /// Observed, but no threshold is configured: the kubelet never evicts for it.
    NoThreshold,
    Ok,
    /// Headroom under `--margin` percentage points of capacity.
    Near,
    /// Below a soft threshold: eviction after its grace period.
    SoftMet,
    /// Below a hard threshold: the kubelet is evicting.
    HardMet,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::NoData => "no-data",
            State::NoThreshold => "no-threshold",
            State::Ok => "ok",
            State::Near => "near",
            State::SoftMet => "past-soft",
            State::HardMet => "evicting",
        }
    }

    /// Past a threshold or within the margin of one.
    pub fn is_problem(self) -> bool {
        self >= State::Near
    }
}

/// A threshold turned into a quantity for this signal's capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// As configured (`500Mi`, `10%`).
    pub value: String,
    pub quantity: i64,
}

/// One signal on one node.
#[derive(Clone, Debug, PartialEq)]
pub struct SignalRow {
    pub signal: Signal,
    pub observed: Option<Observation>,
    pub hard: Option<Applied>,
    pub soft: Option<Applied>,
    pub soft_grace: Option<String>,
    /// Where the threshold was copied from, for signals the kubelet derives.
    pub derived_from: Option<Signal>,
    /// `available − threshold`, to the first threshold that would be crossed.
    pub headroom: Option<i64>,
    /// Headroom in percentage points of the signal's capacity.
    pub headroom_percent: Option<f64>,
    pub state: State,
}

/// Image garbage collection on the image filesystem (`image_gc_manager.go`).
#[derive(Clone, Debug, PartialEq)]
pub struct ImageGc {
    /// `100 − ⌊available × 100 / capacity⌋`, integer as the kubelet computes it.
    pub used_percent: i64,
    pub high: i64,
    pub low: i64,
    pub disabled: bool,
    /// Usage is at or over `high`: GC is deleting images on its next pass (every 5 minutes).
    pub running: bool,
    /// Bytes still to be written before GC starts (0 when running).
    pub bytes_until_gc: i64,
    /// What GC tries to free when it starts (now, when running).
    pub bytes_to_free: i64,
}

/// A pressure condition that says something other than the numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub condition: String,
    pub status: String,
    pub note: String,
}

/// Computes every signal's row; `margin` is in percentage points of capacity.
pub fn signals(obs: &Observations, policy: &Policy, layout: Layout, margin: f64) -> Vec<SignalRow> {
    let mut rows = Vec::new();
    for signal in super::signal::ALL {
        let observed = obs.by_signal.get(&signal).cloned();
        let (hard, soft, derived_from) = thresholds_for(signal, policy, layout);
        if observed.is_none() && hard.is_none() && soft.is_none() {
            continue;
        }
        // The containerfs signals exist only on a split layout; elsewhere they are nodefs or
        // imagefs under another name.
        if signal.is_containerfs() && observed.is_none() {
            continue;
        }
        rows.push(row(signal, observed, hard, soft, derived_from, margin));
    }
    rows
}

type Thresholds<'a> = (Option<&'a Value>, Option<&'a Soft>, Option<Signal>);

fn thresholds_for(signal: Signal, policy: &Policy, layout: Layout) -> Thresholds<'_> {
    match signal {
        // Only a hard memory threshold is copied to the pods cgroup, and only when
        // node allocatable is enforced on pods (`addAllocatableThresholds`).
        Signal::AllocatableMemoryAvailable => {
            let hard = policy
                .hard
                .get(&Signal::MemoryAvailable)
                .filter(|_| policy.enforce_pods);
            (hard, None, hard.map(|_| Signal::MemoryAvailable))
        }
        Signal::ContainerfsAvailable | Signal::ContainerfsInodesFree
            if layout == Layout::SplitContainerfs =>
        {
            // With split filesystems the writable layers live beside the kubelet's
            // directory, so the kubelet applies the nodefs thresholds to them.
            let from = if signal == Signal::ContainerfsAvailable {
                Signal::NodefsAvailable
            } else {
                Signal::NodefsInodesFree
            };
            let hard = policy.hard.get(&from);
            let soft = policy.soft.get(&from);
            (
                hard,
                soft,
                (hard.is_some() || soft.is_some()).then_some(from),
            )
        }
        _ => (policy.hard.get(&signal), policy.soft.get(&signal), None),
    }
}

fn row(
    signal: Signal,
    observed: Option<Observation>,
    hard: Option<&Value>,
    soft: Option<&Soft>,
    derived_from: Option<Signal>,
    margin: f64,
) -> SignalRow {
    let apply = |v: &Value, capacity: i64| Applied {
        value: v.text.clone(),
        quantity: v.quantity(capacity),
    };
    let capacity = observed.as_ref().map_or(0, |o| o.capacity);
    let hard_applied = hard.map(|v| apply(v, capacity));
    let soft_applied = soft.map(|s| apply(&s.value, capacity));
    let soft_grace = soft.and_then(|s| s.grace.clone());
    let Some(o) = &observed else {
        return SignalRow {
            signal,
            observed,
            hard: hard_applied,
            soft: soft_applied,
            soft_grace,
            derived_from,
            headroom: None,
            headroom_percent: None,
            state: State::NoData,
        };
    };
    // The first threshold the signal would cross is the larger quantity.
    let binding = [&hard_applied, &soft_applied]
        .into_iter()
        .flatten()
        .map(|a| a.quantity)
        .max();
    let headroom = binding.map(|q| o.available.saturating_sub(q));
    let headroom_percent = headroom
        .filter(|_| o.capacity > 0)
        .map(|h| 100.0 * h as f64 / o.capacity as f64);
    // A threshold is met when its quantity is strictly greater than what is available.
    let met = |a: &Option<Applied>| a.as_ref().is_some_and(|a| a.quantity > o.available);
    let state = if binding.is_none() {
        State::NoThreshold
    } else if met(&hard_applied) {
        State::HardMet
    } else if met(&soft_applied) {
        State::SoftMet
    } else if headroom_percent.is_some_and(|p| p < margin) {
        State::Near
    } else {
        State::Ok
    };
    SignalRow {
        signal,
        observed,
        hard: hard_applied,
        soft: soft_applied,
        soft_grace,
        derived_from,
        headroom,
        headroom_percent,
        state,
    }
}

/// Where image GC stands, from the image filesystem's observation.
pub fn image_gc(imagefs: Option<&Observation>, policy: &Policy) -> Option<ImageGc> {
    let o = imagefs?;
    let capacity = i128::from(o.capacity);
    if capacity <= 0 {
        return None;
    }
    let available = i128::from(o.available).clamp(0, capacity);
    let used_percent = 100 - available * 100 / capacity;
    let (high, low) = (
        i128::from(policy.image_gc_high),
        i128::from(policy.image_gc_low),
    );
    let running = used_percent >= high;
    // GC starts once ⌊available × 100 / capacity⌋ ≤ 100 − high, i.e. when available × 100 <
    // (101 − high) × capacity: the last byte count that still keeps it idle is known exactly.
    let start_at = ((101 - high) * capacity - 1).div_euclid(100);
    let bytes_until_gc = if running { 0 } else { available - start_at };
    let free_from = if running { available } else { start_at };
    let bytes_to_free = (capacity * (100 - low) / 100 - free_from).max(0);
    let narrow = |v: i128| i64::try_from(v).unwrap_or(i64::MAX);
    Some(ImageGc {
        used_percent: narrow(used_percent),
        high: policy.image_gc_high,
        low: policy.image_gc_low,
        disabled: policy.image_gc_high >= 100,
        running: running && policy.image_gc_high < 100,
        bytes_until_gc: narrow(bytes_until_gc),
        bytes_to_free: narrow(bytes_to_free),
    })
}

/// `allocatable = capacity − kubeReserved − systemReserved − hard memory.available − hugepages`.
pub fn expected_allocatable_memory(capacity: i64, hugepages: i64, policy: &Policy) -> Option<i64> {
    let eviction = policy
        .hard
        .get(&Signal::MemoryAvailable)
        .map_or(0, |v| v.quantity(capacity));
    let reserved =
        policy.system_reserved_memory.unwrap_or(0) + policy.kube_reserved_memory.unwrap_or(0);
    Some(
        capacity
            .checked_sub(reserved)?
            .checked_sub(eviction)?
            .checked_sub(hugepages)?
            .max(0),
    )
}

/// Pressure conditions whose status the numbers do not explain.
pub fn disagreements(
    rows: &[SignalRow],
    conditions: &[(String, String)],
    transition_period: &str,
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for cond in ["MemoryPressure", "DiskPressure", "PIDPressure"] {
        let status = conditions
            .iter()
            .find(|(t, _)| t == cond)
            .map(|(_, s)| s.as_str());
        let signals: Vec<&SignalRow> = rows
            .iter()
            .filter(|r| r.signal.condition() == cond && r.observed.is_some())
            .filter(|r| r.hard.is_some() || r.soft.is_some())
            .collect();
        if signals.is_empty() {
            if status == Some("True") {
                out.push(Disagreement {
                    condition: cond.into(),
                    status: "True".into(),
                    note: format!(
                        "{cond}=True, but the kubelet's config has no {} threshold that could raise it",
                        resource_words(cond)
                    ),
                });
            }
            continue;
        }
        let met: Vec<&&SignalRow> = signals
            .iter()
            .filter(|r| matches!(r.state, State::HardMet | State::SoftMet))
            .collect();
        match (status, met.first()) {
            (Some("True"), None) => out.push(Disagreement {
                condition: cond.into(),
                status: "True".into(),
                note: format!(
                    "{cond}=True, but no {} signal is past its threshold now: it recovered less than \
                     evictionPressureTransitionPeriod ({transition_period}) ago, or the kubelet saw \
                     different numbers",
                    resource_words(cond)
                ),
            }),
            (Some("False") | None, Some(r)) => out.push(Disagreement {
                condition: cond.into(),
                status: status.unwrap_or("missing").into(),
                note: format!(
                    "{} is past its threshold, but {cond} is {}: the kubelet has not acted on \
                     these numbers yet, or is not updating the node's status",
                    r.signal.name(),
                    status.unwrap_or("missing")
                ),
            }),
            _ => {}
        }
    }
    out
}

fn resource_words(cond: &str) -> &'static str {
    match cond {
        "MemoryPressure" => "memory",
        "DiskPressure" => "disk",
        _ => "PID",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pressure::signal::observe;
    use crate::pressure::summary::Summary;

    /// The node of pressure.md's worked example (section 8).
    pub(crate) const WORKED: &str =
        include_str!("../../tests/fixtures/pressure/worked-example-summary.json");
    pub(crate) const WORKED_CONFIGZ: &str =
        include_str!("../../tests/fixtures/pressure/worked-example-configz.json");

    fn worked() -> (Vec<SignalRow>, Option<ImageGc>, Policy) {
        let summary = Summary::parse(WORKED.as_bytes()).unwrap();
        let policy = Policy::from_configz(WORKED_CONFIGZ.as_bytes(), false).unwrap();
        let obs = observe(&summary, false);
        let layout = super::super::signal::layout(&summary);
        assert_eq!(layout, Layout::Shared);
        let rows = signals(&obs, &policy, layout, 5.0);
        let gc = image_gc(obs.by_signal.get(&Signal::ImagefsAvailable), &policy);
        (rows, gc, policy)
    }

    fn get(rows: &[SignalRow], s: Signal) -> &SignalRow {
        rows.iter().find(|r| r.signal == s).unwrap()
    }

    #[test]
    fn the_worked_example_signals() {
        let (rows, _, _) = worked();
        let expect = [
            (
                Signal::AllocatableMemoryAvailable,
                766_997_760,
                14_666_997_760,
                524_288_000,
                242_709_760,
                "1.65",
                State::Near,
            ),
            (
                Signal::MemoryAvailable,
                1_012_000_000,
                16_277_610_496,
                524_288_000,
                487_712_000,
                "3.00",
                State::Near,
            ),
            (
                Signal::ImagefsAvailable,
                17_500_000_000,
                107_361_579_008,
                16_104_237_491,
                1_395_762_509,
                "1.30",
                State::Near,
            ),
            (
                Signal::NodefsAvailable,
                17_500_000_000,
                107_361_579_008,
                10_736_158_060,
                6_763_841_940,
                "6.30",
                State::Ok,
            ),
            (
                Signal::NodefsInodesFree,
                5_900_000,
                6_553_600,
                327_680,
                5_572_320,
                "85.03",
                State::Ok,
            ),
            (
                Signal::ImagefsInodesFree,
                5_900_000,
                6_553_600,
                327_680,
                5_572_320,
                "85.03",
                State::Ok,
            ),
        ];
        for (signal, available, capacity, threshold, headroom, percent, state) in expect {
            let r = get(&rows, signal);
            let o = r.observed.as_ref().unwrap();
            assert_eq!(
                (o.available, o.capacity),
                (available, capacity),
                "{signal:?}"
            );
            assert_eq!(r.hard.as_ref().unwrap().quantity, threshold, "{signal:?}");
            assert_eq!(r.headroom, Some(headroom), "{signal:?}");
            assert_eq!(
                format!("{:.2}", r.headroom_percent.unwrap()),
                percent,
                "{signal:?}"
            );
            assert_eq!(r.state, state, "{signal:?}");
        }
        let pid = get(&rows, Signal::PidAvailable);
        assert_eq!(pid.observed.as_ref().unwrap().available, 124_690);
        assert_eq!(pid.state, State::NoThreshold);
        assert!(rows.iter().all(|r| !r.signal.is_containerfs()));
    }

    #[test]
    fn the_worked_example_image_gc() {
        let (_, gc, _) = worked();
        let gc = gc.unwrap();
        assert_eq!(gc.used_percent, 84);
        assert!(!gc.running);
        // GC starts at 17,177,852,641 bytes available: 322,147,359 bytes from now.
        assert_eq!(gc.bytes_until_gc, 322_147_359);
        // ... and then tries to get back to 80 % used: 21,472,315,801 − 17,177,852,641.
        assert_eq!(gc.bytes_to_free, 4_294_463_160);
    }

    #[test]
    fn image_gc_boundary_is_the_kubelets_integer_division() {
        let policy = Policy::defaults(false);
        let at = |available| {
            image_gc(
                Some(&Observation {
                    available,
                    capacity: 1000,
                    time: None,
                }),
                &policy,
            )
            .unwrap()
        };
        // 160/1000 free: ⌊16.0⌋ = 16 → 84 % used, idle; 159: ⌊15.9⌋ = 15 → 85 %, running.
        assert_eq!(
            (
                at(160).used_percent,
                at(160).running,
                at(160).bytes_until_gc
            ),
            (84, false, 1)
        );
        assert_eq!(
            (at(159).used_percent, at(159).running, at(159).bytes_to_free),
            (85, true, 41)
        );
    }

    #[test]
    fn the_worked_example_allocatable() {
        let (_, _, policy) = worked();
        // 15896104Ki − 512Mi − 1Gi − 500Mi = 13811240Ki.
        assert_eq!(
            expected_allocatable_memory(15_896_104 * 1024, 0, &policy),
            Some(13_811_240 * 1024)
        );
    }

    #[test]
    fn soft_thresholds_bind_first_and_hard_ones_evict() {
        let body = br#"{"kubeletconfig":{"evictionHard":{"memory.available":"100Mi"},
            "evictionSoft":{"memory.available":"1Gi"},"evictionSoftGracePeriod":{"memory.available":"2m"}}}"#;
        let policy = Policy::from_configz(body, false).unwrap();
        let judge = |available: i64| {
            let mut obs = Observations::default();
            obs.by_signal.insert(
                Signal::MemoryAvailable,
                Observation {
                    available,
                    capacity: 16 << 30,
                    time: None,
                },
            );
            let rows = signals(&obs, &policy, Layout::Shared, 5.0);
            let r = get(&rows, Signal::MemoryAvailable).clone();
            (r.state, r.headroom)
        };
        assert_eq!(judge(4 << 30), (State::Ok, Some(3 << 30)));
        assert_eq!(judge((1 << 30) + 100), (State::Near, Some(100)));
        // Exactly at the threshold is not below it.
        assert_eq!(judge(1 << 30), (State::Near, Some(0)));
        assert_eq!(judge((1 << 30) - 1), (State::SoftMet, Some(-1)));
        assert_eq!(
            judge(50 << 20),
            (State::HardMet, Some((50 << 20) - (1 << 30)))
        );
    }

    #[test]
    fn conditions_that_the_numbers_do_not_explain() {
        let (rows, _, _) = worked();
        let conds = |m: &str, d: &str| {
            vec![
                ("MemoryPressure".to_string(), m.to_string()),
                ("DiskPressure".to_string(), d.to_string()),
            ]
        };
        assert_eq!(disagreements(&rows, &conds("False", "False"), "5m0s"), []);
        let d = disagreements(&rows, &conds("True", "False"), "5m0s");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].condition, "MemoryPressure");
        assert!(
            d[0].note
                .contains("evictionPressureTransitionPeriod (5m0s)"),
            "{}",
            d[0].note
        );
    }
}
