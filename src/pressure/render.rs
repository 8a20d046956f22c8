//! Renders a pressure report: one row per node (tightest signal first), one row per signal
//! with `-o wide`, the versioned JSON document, node names. Node names and messages from the
//! cluster are sanitized in tables; JSON keeps them raw.

use comfy_table::{Attribute, Cell, Color};
use serde_json::{Value, json};

use super::assess::{ImageGc, SignalRow, State};
use super::ranking::Candidate;
use super::signal::{Layout, Resource, Signal};
use super::thresholds::Source;
use super::{NodeReport, Report, Verdict};
use crate::output::sanitize::sanitize;
use crate::output::table::{Fit, KEEP, fit_rows, new_table, render};

pub const KIND: &str = "PressureReport";

/// `1.30Gi`, `231.5Mi`, `500Mi`: binary units, four significant digits at most, as exact
/// as the value allows.
pub fn bytes(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs() as f64;
    let units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let mut i = 0;
    let mut x = a;
    while x >= 1024.0 && i < units.len() - 1 {
        x /= 1024.0;
        i += 1;
    }
    let text = if x.fract() == 0.0 || i == 0 {
        format!("{x:.0}")
    } else if x < 100.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    };
    format!("{sign}{text}{}", units[i])
}

/// A signal's amount in its unit: bytes, or a plain count of inodes or processes.
fn amount(signal: Signal, v: i64) -> String {
    match signal.resource() {
        Resource::Memory | Resource::Disk => bytes(v),
        Resource::Inodes | Resource::Pids => v.to_string(),
    }
}

fn available(r: &SignalRow) -> String {
    r.observed
        .as_ref()
        .map_or_else(|| "no data".into(), |o| amount(r.signal, o.available))
}

/// The threshold that binds first, and whether it is the soft one.
fn threshold(r: &SignalRow) -> String {
    let soft = r
        .soft
        .as_ref()
        .filter(|s| r.hard.as_ref().is_none_or(|h| s.quantity >= h.quantity));
    match (&r.hard, soft) {
        (_, Some(s)) => format!(
            "{} soft ({})",
            amount(r.signal, s.quantity),
            r.soft_grace.as_deref().unwrap_or("no grace period")
        ),
        (Some(h), None) => amount(r.signal, h.quantity),
        (None, None) => "none".into(),
    }
}

fn headroom(r: &SignalRow) -> String {
    match (r.headroom, r.headroom_percent) {
        (Some(h), Some(p)) => format!("{} ({p:.2}%)", amount(r.signal, h)),
        (Some(h), None) => amount(r.signal, h),
        _ => "-".into(),
    }
}

fn image_gc(gc: Option<&ImageGc>) -> String {
    match gc {
        None => "no data".into(),
        Some(g) if g.disabled => format!("{}% (GC off)", g.used_percent),
        Some(g) if g.running => format!("{}% (GC running)", g.used_percent),
        Some(g) => format!("{}% (GC at {}%)", g.used_percent, g.high),
    }
}

/// `shop/cart (3.00Gi > request 1Gi, priority 0)`: why this pod goes first.
fn candidate(signal: Signal, c: &Candidate) -> String {
    let Some(usage) = c.usage.map(|u| amount(signal, u)) else {
        // The kubelet ranks pods it has no stats for first.
        return format!(
            "{}/{} (no stats yet, priority {})",
            sanitize(&c.namespace),
            sanitize(&c.name),
            c.priority
        );
    };
    let why = match signal.resource() {
        Resource::Memory | Resource::Disk if c.exceeds_request => {
            format!("{usage} > request {}", amount(signal, c.request))
        }
        Resource::Memory | Resource::Disk => {
            format!("{usage} ≤ request {}", amount(signal, c.request))
        }
        Resource::Inodes => format!("{usage} inodes"),
        Resource::Pids => format!("{usage} processes"),
    };
    format!(
        "{}/{} ({why}, priority {})",
        sanitize(&c.namespace),
        sanitize(&c.name),
        c.priority
    )
}

/// The first pod the kubelet would evict for `signal`, if the order is known.
fn first_to_evict(n: &NodeReport, signal: Signal) -> Option<String> {
    let order = n
        .eviction_order
        .iter()
        .find(|(s, _)| **s == signal || s.resource() == signal.resource())?;
    let c = order.1.iter().find(|c| !c.critical)?;
    Some(format!("first to evict: {}", candidate(*order.0, c)))
}

/// The one thing to say about a node in the table's last column.
fn detail(n: &NodeReport) -> String {
    if let Some(e) = &n.error {
        return sanitize(e).into_owned();
    }
    let mut parts = Vec::new();
    if let Some(t) = n.tightest().filter(|t| t.state.is_problem()) {
        parts.extend(first_to_evict(n, t.signal));
    }
    parts.extend(n.disagreements.iter().map(|d| d.note.clone()));
    parts.extend(n.notes.iter().map(|s| sanitize(s).into_owned()));
    if let Some((reported, expected)) = n.allocatable_memory {
        parts.push(allocatable_note(reported, expected));
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join("; ")
    }
}

fn allocatable_note(reported: i64, expected: i64) -> String {
    format!(
        "allocatable memory is {} but the kubelet's config gives {}: the Node and /configz disagree",
        bytes(reported),
        bytes(expected)
    )
}

fn verdict_cell(v: &str) -> Cell {
    let cell = Cell::new(v);
    match v {
        "ok" => cell.fg(Color::Green),
        "near" | "past-soft" => cell.fg(Color::Yellow),
        "evicting" => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        _ => cell.fg(Color::Yellow),
    }
}

/// Fits the rows to the terminal when there is one, then colours the verdict column.
fn finish(
    headers: &[&str],
    fits: &[Fit],
    rows: Vec<Vec<String>>,
    verdict_col: usize,
    color: bool,
) -> String {
    let (headers, rows) = match crate::output::term::stdout_width() {
        Some(width) => fit_rows(headers, fits, rows, width),
        None => (headers.to_vec(), rows),
    };
    let vcol = headers
        .iter()
        .position(|h| *h == ["VERDICT", "STATE"][verdict_col]);
    let mut t = new_table(&headers, color);
    for row in rows {
        t.add_row(row.into_iter().enumerate().map(|(i, text)| {
            if Some(i) == vcol {
                verdict_cell(&text)
            } else {
                Cell::new(text)
            }
        }));
    }
    render(&t)
}

/// One row per node, the tightest signal shown.
pub fn table(report: &Report, color: bool) -> String {
    let headers = [
        "NODE",
        "VERDICT",
        "TIGHTEST",
        "AVAILABLE",
        "THRESHOLD",
        "HEADROOM",
        "IMAGE GC",
        "DETAIL",
    ];
    let rows = report
        .nodes
        .iter()
        .map(|n| {
            let t = n.tightest();
            vec![
                sanitize(&n.name).into_owned(),
                n.verdict.name().to_string(),
                t.map_or("-", |t| t.signal.name()).to_string(),
                t.map_or_else(|| "-".into(), available),
                t.map_or_else(|| "-".into(), threshold),
                t.map_or_else(|| "-".into(), headroom),
                if n.error.is_some() {
                    "-".into()
                } else {
                    image_gc(n.image_gc.as_ref())
                },
                detail(n),
            ]
        })
        .collect();
    // The numbers are what the table is for: never cut. The detail is cut first, then goes.
    let cut = |drop| Fit { cut: true, drop };
    let fits = [
        cut(None),
        KEEP,
        KEEP,
        KEEP,
        KEEP,
        KEEP,
        Fit {
            cut: false,
            drop: Some(2),
        },
        cut(Some(1)),
    ];
    finish(&headers, &fits, rows, 0, color)
}

/// One row per node and signal, plus image GC.
pub fn wide(report: &Report, color: bool) -> String {
    let headers = [
        "NODE",
        "SIGNAL",
        "AVAILABLE",
        "THRESHOLD",
        "HEADROOM",
        "STATE",
        "DETAIL",
    ];
    let mut rows = Vec::new();
    for n in &report.nodes {
        let name = sanitize(&n.name).into_owned();
        if n.error.is_some() {
            rows.push(vec![
                name,
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "unknown".into(),
                detail(n),
            ]);
            continue;
        }
        for r in &n.signals {
            let mut d = Vec::new();
            if r.state.is_problem() {
                d.extend(first_to_evict(n, r.signal));
            }
            if let Some(from) = r.derived_from {
                d.push(format!("threshold of {}", from.name()));
            }
            if r.state == State::NoThreshold {
                d.push("no threshold configured".into());
            }
            rows.push(vec![
                name.clone(),
                r.signal.name().into(),
                available(r),
                threshold(r),
                headroom(r),
                r.state.name().into(),
                if d.is_empty() {
                    "-".into()
                } else {
                    d.join("; ")
                },
            ]);
        }
        if let Some(g) = &n.image_gc {
            let (headroom, state, d) = if g.disabled {
                (
                    "-".to_string(),
                    "off",
                    "imageGCHighThresholdPercent is 100".to_string(),
                )
            } else if g.running {
                (
                    "0".into(),
                    "running",
                    format!(
                        "trying to free {} (down to {}% used)",
                        bytes(g.bytes_to_free),
                        g.low
                    ),
                )
            } else {
                (
                    bytes(g.bytes_until_gc),
                    "idle",
                    format!(
                        "will try to free {} (down to {}% used)",
                        bytes(g.bytes_to_free),
                        g.low
                    ),
                )
            };
            rows.push(vec![
                name.clone(),
                "image GC".into(),
                format!("{}% used", g.used_percent),
                format!("{}%", g.high),
                headroom,
                state.into(),
                d,
            ]);
        }
        let mut notes: Vec<String> = n.disagreements.iter().map(|d| d.note.clone()).collect();
        notes.extend(n.notes.iter().map(|s| sanitize(s).into_owned()));
        if let Some((reported, expected)) = n.allocatable_memory {
            notes.push(allocatable_note(reported, expected));
        }
        for note in notes {
            rows.push(vec![
                name.clone(),
                "note".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                note,
            ]);
        }
    }
    let cut = |drop| Fit { cut: true, drop };
    let fits = [cut(None), KEEP, KEEP, KEEP, KEEP, KEEP, cut(Some(1))];
    finish(&headers, &fits, rows, 1, color)
}

/// `node/NAME`, one line per node shown.
pub fn names(report: &Report) -> String {
    report
        .nodes
        .iter()
        .map(|n| format!("node/{}\n", sanitize(&n.name)))
        .collect()
}

fn layout_name(l: Layout) -> &'static str {
    match l {
        Layout::Shared => "shared",
        Layout::DedicatedImagefs => "dedicated-imagefs",
        Layout::SplitContainerfs => "split-containerfs",
    }
}

fn signal_json(r: &SignalRow) -> Value {
    let applied = |a: &Option<super::assess::Applied>| {
        a.as_ref()
            .map(|a| json!({"value": a.value, "quantity": a.quantity}))
    };
    json!({
        "signal": r.signal.name(),
        "resource": r.signal.resource().name(),
        "condition": r.signal.condition(),
        "observed": r.observed.as_ref().map(|o| json!({
            "available": o.available,
            "capacity": o.capacity,
            "time": o.time,
        })),
        "threshold": {
            "hard": applied(&r.hard),
            "soft": applied(&r.soft),
            "softGracePeriod": r.soft_grace,
            "derivedFrom": r.derived_from.map(Signal::name),
        },
        "headroom": r.headroom,
        "headroomPercent": r.headroom_percent.map(|p| (p * 100.0).round() / 100.0),
        "state": r.state.name(),
    })
}

fn node_json(n: &NodeReport) -> Value {
    let order: serde_json::Map<String, Value> = n
        .eviction_order
        .iter()
        .map(|(s, pods)| {
            let pods: Vec<Value> = pods
                .iter()
                .map(|c| {
                    json!({
                        "namespace": c.namespace,
                        "name": c.name,
                        "priority": c.priority,
                        "usage": c.usage,
                        "request": c.request,
                        "exceedsRequest": c.exceeds_request,
                        "critical": c.critical,
                    })
                })
                .collect();
            (
                s.name().to_string(),
                json!({"resource": s.resource().name(), "pods": pods}),
            )
        })
        .collect();
    json!({
        "name": n.name,
        "verdict": n.verdict.name(),
        "error": n.error,
        "tightest": n.tightest().map(|t| t.signal.name()),
        "thresholdsFrom": n.source.as_ref().map(|s| match s {
            Source::Configz => "configz",
            Source::Defaults { .. } => "defaults",
        }),
        "layout": n.layout.map(layout_name),
        "signals": n.signals.iter().map(signal_json).collect::<Vec<_>>(),
        "imageGC": n.image_gc.as_ref().map(|g| json!({
            "usedPercent": g.used_percent,
            "highThresholdPercent": g.high,
            "lowThresholdPercent": g.low,
            "disabled": g.disabled,
            "running": g.running,
            "bytesUntilGC": g.bytes_until_gc,
            "bytesToFree": g.bytes_to_free,
        })),
        "conditions": n.disagreements.iter().map(|d| json!({
            "type": d.condition, "status": d.status, "note": d.note,
        })).collect::<Vec<_>>(),
        "allocatableMemory": n.allocatable_memory.map(|(reported, expected)| json!({
            "reported": reported, "expected": expected,
        })),
        "evictionOrder": order,
        "notes": n.notes,
    })
}

/// The versioned JSON document (README, "pressure -o json").
pub fn json(report: &Report) -> String {
    crate::output::json::report(&json!({
        "kind": KIND,
        "version": 1,
        "marginPercent": report.margin,
        "nodes": report.nodes.iter().map(node_json).collect::<Vec<_>>(),
    }))
}

/// The line on stderr that sums the run up.
pub fn summary(report: &Report, total: usize) -> String {
    let count = |v: Verdict| report.nodes.iter().filter(|n| n.verdict == v).count();
    let noun = if total == 1 { "node" } else { "nodes" };
    let parts: Vec<String> = [
        (Verdict::Evicting, "evicting"),
        (Verdict::PastSoft, "past a soft threshold"),
        (Verdict::Near, "near a threshold"),
        (Verdict::Unknown, "not measured"),
    ]
    .into_iter()
    .filter_map(|(v, words)| {
        let c = count(v);
        (c > 0).then(|| format!("{c} {words}"))
    })
    .collect();
    if parts.is_empty() {
        format!(
            "{total} {noun}: none near an eviction threshold (margin {}%)",
            report.margin
        )
    } else {
        format!(
            "{total} {noun}: {} (margin {}%)",
            parts.join(", "),
            report.margin
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_like_the_worked_example() {
        assert_eq!(bytes(766_997_760), "731.5Mi");
        assert_eq!(bytes(524_288_000), "500Mi");
        assert_eq!(bytes(17_500_000_000), "16.30Gi");
        assert_eq!(bytes(1_395_762_509), "1.30Gi");
        assert_eq!(bytes(16_104_237_491), "15.00Gi");
        assert_eq!(bytes(-242_709_760), "-231.5Mi");
        assert_eq!(bytes(0), "0");
        assert_eq!(bytes(1023), "1023");
    }
}
