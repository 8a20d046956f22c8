//! The health summary table (`-o table`, `-o wide`).

use comfy_table::{Cell, Color};

use super::health::{LeaseState, NodeHealth};
use crate::duration::human_age;
use crate::output::sanitize::sanitize;
use crate::output::table::{Fit, KEEP, new_table, plan, render};

const HEADERS: [&str; 9] = [
    "NAME", "STATUS", "ROLES", "AGE", "VERSION", "LEASE", "PODS", "PROBLEMS", "TAINTS",
];
const WIDE_HEADERS: [&str; 16] = [
    "NAME",
    "STATUS",
    "ROLES",
    "AGE",
    "VERSION",
    "LEASE",
    "PODS",
    "PROBLEMS",
    "INTERNAL-IP",
    "EXTERNAL-IP",
    "OS-IMAGE",
    "KERNEL-VERSION",
    "CONTAINER-RUNTIME",
    "CPU",
    "MEMORY",
    "TAINTS",
];

/// Renders the rows; `color` paints verdicts green/red/yellow.
pub fn render_summary(rows: &[NodeHealth], wide: bool, color: bool) -> String {
    render_summary_fitted(rows, wide, color, None)
}

/// [`render_summary`] on a terminal `width` columns wide (`None`: a pipe, whole rows): the
/// table fits, free text (problems, taints, roles) cut with `…`, and the pod count,
/// version, roles and age go in that order when cutting is not enough. The name is never
/// cut. `-o wide` keeps everything.
pub fn render_summary_fitted(
    rows: &[NodeHealth],
    wide: bool,
    color: bool,
    width: Option<usize>,
) -> String {
    let headers: &[&str] = if wide { &WIDE_HEADERS } else { &HEADERS };
    let cells: Vec<Vec<Cell>> = rows.iter().map(|row| row_cells(row, wide)).collect();
    let Some(width) = width.filter(|_| !wide) else {
        let mut table = new_table(headers, color);
        for row in cells {
            table.add_row(row);
        }
        return render(&table);
    };
    let cut = |drop| Fit { cut: true, drop };
    let whole = |drop| Fit { cut: false, drop };
    let fits = [
        KEEP,
        KEEP,
        cut(Some(3)),
        whole(Some(4)),
        whole(Some(2)),
        KEEP,
        whole(Some(1)),
        cut(None),
        cut(None),
    ];
    let texts: Vec<Vec<String>> = cells
        .iter()
        .map(|r| r.iter().map(|c| c.content()).collect())
        .collect();
    let plan = plan(headers, &fits, &texts, width);
    let kept: Vec<&str> = plan.columns.iter().map(|&c| headers[c]).collect();
    let mut table = new_table(&kept, color);
    for (row, (cells, texts)) in rows.iter().zip(cells.into_iter().zip(&texts)) {
        let fitted: Vec<Cell> = plan
            .columns
            .iter()
            .map(|&c| match plan.cut(&texts[c], c) {
                None => cells[c].clone(),
                // Only free text is cut; a cut problem list stays red.
                Some(text) if headers[c] == "PROBLEMS" && row.has_problem() => {
                    Cell::new(text).fg(Color::Red)
                }
                Some(text) => Cell::new(text),
            })
            .collect();
        table.add_row(fitted);
    }
    render(&table)
}

fn row_cells(row: &NodeHealth, wide: bool) -> Vec<Cell> {
    let mut cells = vec![
        Cell::new(clean(&row.name)),
        status_cell(row),
        Cell::new(or_none(clean(&row.roles.join(",")))),
        Cell::new(row.age.map(human_age).unwrap_or_else(|| "<unknown>".into())),
        Cell::new(or_none(clean(&row.kubelet_version))),
        lease_cell(&row.lease),
        Cell::new(or_none(clean(&row.pods))),
        problems_cell(row),
    ];
    if wide {
        let w = &row.wide;
        for value in [
            &w.internal_ip,
            &w.external_ip,
            &w.os_image,
            &w.kernel,
            &w.runtime,
            &w.cpu,
            &w.memory,
        ] {
            cells.push(Cell::new(or_none(clean(value))));
        }
    }
    cells.push(Cell::new(or_none(clean(&row.taints.join(",")))));
    cells
}

fn clean(text: &str) -> String {
    sanitize(text).into_owned()
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "<none>".to_string()
    } else {
        text
    }
}

fn status_cell(row: &NodeHealth) -> Cell {
    if row.unreadable.is_some() {
        return Cell::new("Unreadable").fg(Color::Red);
    }
    let mut text = match row.ready.status.as_str() {
        "True" => "Ready".to_string(),
        "False" => "NotReady".to_string(),
        "" => "NoReadyCondition".to_string(),
        other => clean(other),
    };
    if row.ready.status != "True" && !row.ready.reason.is_empty() {
        text.push_str(&format!(" ({})", clean(&row.ready.reason)));
    }
    if row.cordoned {
        text.push_str(",SchedulingDisabled");
    }
    let cell = Cell::new(text);
    match (row.ready.status.as_str(), row.cordoned) {
        ("True", false) => cell.fg(Color::Green),
        ("True", true) => cell.fg(Color::Yellow),
        _ => cell.fg(Color::Red),
    }
}

fn lease_cell(lease: &LeaseState) -> Cell {
    match lease {
        LeaseState::Fresh { age } => Cell::new(human_age(*age)),
        LeaseState::Stale { age, .. } => {
            Cell::new(format!("{} (stale)", human_age(*age))).fg(Color::Red)
        }
        LeaseState::Future { ahead } => {
            Cell::new(format!("-{} (clock skew)", human_age(*ahead))).fg(Color::Red)
        }
        LeaseState::Missing => Cell::new("<none>").fg(Color::Red),
        LeaseState::Unreadable => Cell::new("<unreadable>").fg(Color::Red),
        LeaseState::NotChecked => Cell::new("?").fg(Color::Yellow),
    }
}

fn problems_cell(row: &NodeHealth) -> Cell {
    let problems = row.problem_list();
    if problems.is_empty() {
        Cell::new("-")
    } else {
        Cell::new(clean(&problems.join(","))).fg(Color::Red)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nodes::health::{Readiness, WideFacts};
    use std::time::Duration;

    fn row(name: &str, ready: &str) -> NodeHealth {
        NodeHealth {
            name: name.into(),
            ready: Readiness {
                status: ready.into(),
                reason: if ready == "True" {
                    "KubeletReady".into()
                } else {
                    "KubeletNotReady".into()
                },
            },
            cordoned: false,
            roles: vec![],
            kubelet_version: "v1.33.1".into(),
            lease: LeaseState::Fresh {
                age: Duration::from_secs(4),
            },
            conditions: vec![],
            taints: vec![],
            pods: "110".into(),
            age: Some(Duration::from_secs(3 * 86_400)),
            wide: WideFacts {
                internal_ip: "10.0.0.7".into(),
                ..Default::default()
            },
            unreadable: None,
        }
    }

    #[test]
    fn renders_aligned_rows_without_colour() {
        let text = render_summary(
            &[row("node-a", "True"), row("node-bb", "False")],
            false,
            false,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "NAME      STATUS                       ROLES    AGE   VERSION   LEASE   PODS   PROBLEMS   TAINTS"
        );
        assert_eq!(
            lines[1],
            "node-a    Ready                        <none>   3d    v1.33.1   4s      110    -          <none>"
        );
        assert_eq!(
            lines[2],
            "node-bb   NotReady (KubeletNotReady)   <none>   3d    v1.33.1   4s      110    NotReady   <none>"
        );
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn wide_adds_columns_and_escapes_hostile_text() {
        let mut r = row("evil\u{1b}]0;pwned\u{7}", "True");
        r.wide.os_image = "Ubuntu\u{1b}[31m".into();
        // A role comes from a label value (kubernetes.io/role) or a label key's suffix.
        r.roles = vec!["worker\u{1b}[2J".into()];
        let text = render_summary(&[r], true, false);
        assert!(text.contains("worker\\e[2J"), "{text}");
        assert!(text.starts_with("NAME"));
        assert!(text.contains("INTERNAL-IP"));
        assert!(text.contains("10.0.0.7"));
        assert!(text.contains("evil\\e]0;pwned\\x07"));
        assert!(text.contains("Ubuntu\\e[31m"));
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn colour_only_when_asked() {
        let text = render_summary(&[row("a", "False")], false, true);
        assert!(text.contains('\u{1b}'));
    }

    #[test]
    fn colour_keeps_the_layout() {
        let rows = [row("node-a", "True"), row("node-bb", "False")];
        for wide in [false, true] {
            let plain = render_summary(&rows, wide, false);
            let coloured = render_summary(&rows, wide, true);
            assert_ne!(plain, coloured);
            assert_eq!(crate::output::table::strip_sgr(&coloured), plain);
        }
    }
}
