//! Renders a pressure report: one row per node (tightest signal first), one row per signal
//! with `-o wide`, the versioned JSON document, node names. Node names and messages from the
//! cluster are sanitized in tables; JSON keeps them raw.

use std::collections::BTreeMap;

use comfy_table::{Attribute, Cell, Color};
use serde::Serialize;

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
    // One order is kept per resource, for its tightest signal.
    let order = n
        .eviction_order
        .iter()
        .find(|(s, _)| s.resource() == signal.resource())?;
    let c = order.1.pods.iter().find(|c| !c.critical)?;
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
    verdict_header: &str,
    color: bool,
) -> String {
    let (headers, rows) = match crate::output::term::stdout_width() {
        Some(width) => fit_rows(headers, fits, rows, width),
        None => (headers.to_vec(), rows),
    };
    let vcol = headers.iter().position(|h| *h == verdict_header);
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
    // The numbers are what the table is for: never cut. Image GC goes first (-o wide has
    // it), so that the detail (whom the kubelet evicts first, or why a node was not
    // measured) keeps what room there is; it is cut, and goes only on a very narrow terminal.
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
            drop: Some(1),
        },
        cut(Some(2)),
    ];
    finish(&headers, &fits, rows, "VERDICT", color)
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
    finish(&headers, &fits, rows, "STATE", color)
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

#[derive(Serialize)]
struct Head {
    kind: &'static str,
    version: u32,
    #[serde(rename = "marginPercent")]
    margin_percent: f64,
    nodes: [(); 0],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeJson<'a> {
    name: &'a str,
    verdict: &'static str,
    error: Option<&'a str>,
    tightest: Option<&'static str>,
    thresholds_from: Option<&'static str>,
    layout: Option<&'static str>,
    signals: Vec<SignalJson<'a>>,
    #[serde(rename = "imageGC")]
    image_gc: Option<ImageGcJson>,
    conditions: Vec<ConditionJson<'a>>,
    allocatable_memory: Option<AllocatableJson>,
    eviction_order: BTreeMap<&'static str, OrderJson<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignalJson<'a> {
    signal: &'static str,
    resource: &'static str,
    condition: &'static str,
    observed: Option<ObservedJson<'a>>,
    threshold: ThresholdJson<'a>,
    headroom: Option<i64>,
    headroom_percent: Option<f64>,
    state: &'static str,
}

#[derive(Serialize)]
struct ObservedJson<'a> {
    available: i64,
    capacity: i64,
    time: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ThresholdJson<'a> {
    hard: Option<AppliedJson<'a>>,
    soft: Option<AppliedJson<'a>>,
    soft_grace_period: Option<&'a str>,
    derived_from: Option<&'static str>,
}

#[derive(Serialize)]
struct AppliedJson<'a> {
    value: &'a str,
    quantity: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageGcJson {
    used_percent: i64,
    high_threshold_percent: i64,
    low_threshold_percent: i64,
    disabled: bool,
    running: bool,
    #[serde(rename = "bytesUntilGC")]
    bytes_until_gc: i64,
    bytes_to_free: i64,
}

#[derive(Serialize)]
struct ConditionJson<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    status: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct AllocatableJson {
    reported: i64,
    expected: i64,
}

#[derive(Serialize)]
struct OrderJson<'a> {
    resource: &'static str,
    pods: Vec<CandidateJson<'a>>,
    /// Pods after the first [`super::MAX_ORDER`], counted, not listed.
    more: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CandidateJson<'a> {
    namespace: &'a str,
    name: &'a str,
    priority: i64,
    usage: Option<i64>,
    request: i64,
    exceeds_request: bool,
    critical: bool,
}

fn signal_json(r: &SignalRow) -> SignalJson<'_> {
    fn applied(a: &Option<super::assess::Applied>) -> Option<AppliedJson<'_>> {
        a.as_ref().map(|a| AppliedJson {
            value: &a.value,
            quantity: a.quantity,
        })
    }
    SignalJson {
        signal: r.signal.name(),
        resource: r.signal.resource().name(),
        condition: r.signal.condition(),
        observed: r.observed.as_ref().map(|o| ObservedJson {
            available: o.available,
            capacity: o.capacity,
            time: o.time.as_deref(),
        }),
        threshold: ThresholdJson {
            hard: applied(&r.hard),
            soft: applied(&r.soft),
            soft_grace_period: r.soft_grace.as_deref(),
            derived_from: r.derived_from.map(Signal::name),
        },
        headroom: r.headroom,
        headroom_percent: r.headroom_percent.map(|p| (p * 100.0).round() / 100.0),
        state: r.state.name(),
    }
}

fn node_json(n: &NodeReport) -> NodeJson<'_> {
    NodeJson {
        name: &n.name,
        verdict: n.verdict.name(),
        error: n.error.as_deref(),
        tightest: n.tightest().map(|t| t.signal.name()),
        thresholds_from: n.source.as_ref().map(|s| match s {
            Source::Configz => "configz",
            Source::Defaults => "defaults",
        }),
        layout: n.layout.map(layout_name),
        signals: n.signals.iter().map(signal_json).collect(),
        image_gc: n.image_gc.as_ref().map(|g| ImageGcJson {
            used_percent: g.used_percent,
            high_threshold_percent: g.high,
            low_threshold_percent: g.low,
            disabled: g.disabled,
            running: g.running,
            bytes_until_gc: g.bytes_until_gc,
            bytes_to_free: g.bytes_to_free,
        }),
        conditions: n
            .disagreements
            .iter()
            .map(|d| ConditionJson {
                type_: &d.condition,
                status: &d.status,
                note: &d.note,
            })
            .collect(),
        allocatable_memory: n
            .allocatable_memory
            .map(|(reported, expected)| AllocatableJson { reported, expected }),
        eviction_order: n
            .eviction_order
            .iter()
            .map(|(s, order)| {
                let pods = order
                    .pods
                    .iter()
                    .map(|c| CandidateJson {
                        namespace: &c.namespace,
                        name: &c.name,
                        priority: c.priority,
                        usage: c.usage,
                        request: c.request,
                        exceeds_request: c.exceeds_request,
                        critical: c.critical,
                    })
                    .collect();
                (
                    s.name(),
                    OrderJson {
                        resource: s.resource().name(),
                        pods,
                        more: order.more,
                    },
                )
            })
            .collect(),
        notes: &n.notes,
    }
}

/// The versioned JSON document (README, "pressure -o json"), handed to `write` a piece at a
/// time: one node's value exists at once, so 5,000 nodes cost no more memory than one.
/// The pieces are exactly what pretty-printing the whole document would give.
pub fn json(
    report: &Report,
    mut write: impl FnMut(&str) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    let head = crate::output::json::report(&Head {
        kind: KIND,
        version: 1,
        margin_percent: report.margin,
        nodes: [],
    });
    if report.nodes.is_empty() {
        return write(&(head + "\n"));
    }
    // `"nodes": []` is the last field: open the array there and fill it node by node.
    let open = head
        .strip_suffix("[]\n}")
        .expect("the nodes array closes the document");
    let mut chunk = String::with_capacity(1 << 16);
    chunk.push_str(open);
    chunk.push_str("[\n");
    for (i, n) in report.nodes.iter().enumerate() {
        if i > 0 {
            chunk.push_str(",\n");
        }
        for (j, line) in crate::output::json::report(&node_json(n))
            .lines()
            .enumerate()
        {
            if j > 0 {
                chunk.push('\n');
            }
            chunk.push_str("    ");
            chunk.push_str(line);
        }
        if chunk.len() >= 1 << 16 {
            write(&chunk)?;
            chunk.clear();
        }
    }
    chunk.push_str("\n  ]\n}\n");
    write(&chunk)
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

    fn streamed(report: &Report) -> String {
        let mut out = String::new();
        json(report, |piece| {
            out.push_str(piece);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn the_streamed_document_is_the_whole_document_pretty_printed() {
        let mut report = Report {
            margin: 5.0,
            nodes: Vec::new(),
            errors: Vec::new(),
        };
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Whole<'a> {
            kind: &'static str,
            version: u32,
            margin_percent: f64,
            nodes: Vec<NodeJson<'a>>,
        }
        let whole = |r: &Report| {
            let v = Whole {
                kind: KIND,
                version: 1,
                margin_percent: r.margin,
                nodes: r.nodes.iter().map(node_json).collect(),
            };
            serde_json::to_string_pretty(&v).unwrap() + "\n"
        };
        assert_eq!(streamed(&report), whole(&report));
        for name in ["a", "b", "c"] {
            report
                .nodes
                .push(NodeReport::failed(name.into(), format!("{name} hung")));
        }
        assert_eq!(streamed(&report), whole(&report));
    }

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
