//! Human output for `--all-nodes`: one entry per group of identical findings, naming the
//! nodes that share it. Node names come from the cluster and are escaped like file text.

use std::io::{self, Write};

use super::super::fleet::Group;
use super::Paint;
use crate::output::sanitize::clean;

/// How many node names `concise` lists before `and N more`.
const CONCISE_NAMES: usize = 5;
/// How many `full` lists (`-o json` has them all).
const FULL_NAMES: usize = 20;

fn names(nodes: &[&str], limit: usize) -> String {
    let shown: Vec<String> = nodes.iter().take(limit).map(|n| clean(n)).collect();
    let mut s = shown.join(", ");
    if nodes.len() > limit {
        s.push_str(&format!(" and {} more", nodes.len() - limit));
    }
    s
}

/// `on 3 of 40 nodes (a, b, c)`, or `on all 40 nodes` when every node has the finding (a
/// list of every node says nothing).
fn share(nodes: &[&str], total: usize, limit: usize) -> String {
    match (nodes.len(), total) {
        (_, 1) => format!("on 1 node ({})", names(nodes, limit)),
        (n, t) if n == t => format!("on all {t} nodes"),
        (n, t) => format!("on {n} of {t} nodes ({})", names(nodes, limit)),
    }
}

/// `full`: like a file finding, with the nodes where the file excerpt would be.
pub fn full(
    groups: &[Group<'_>],
    total: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Paint(color);
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let d = g.diagnostic;
        let rule = d.rule().name;
        writeln!(
            out,
            "{}: {} {}",
            p.severity(d.severity, &format!("{}[{}]", d.severity.as_str(), d.code)),
            p.bold(&clean(&d.message)),
            p.dim(&format!("({rule})"))
        )?;
        writeln!(
            out,
            " {} {}",
            p.blue("-->"),
            share(&g.nodes, total, FULL_NAMES)
        )?;
        if let Some(f) = &d.field {
            writeln!(out, "  {} field: {}", p.blue("="), clean(f))?;
        }
        if let Some(k) = &d.kubelet {
            writeln!(out, "  {} kubelet: {}", p.blue("="), clean(k))?;
        }
        if let Some(h) = &d.help {
            writeln!(out, "  {} help: {}", p.blue("="), clean(h))?;
        }
    }
    Ok(())
}

/// `concise`: `CODE [severity] on N of M nodes (a, b, c, d, e and 4 more): message`.
pub fn concise(
    groups: &[Group<'_>],
    total: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Paint(color);
    for g in groups {
        let d = g.diagnostic;
        writeln!(
            out,
            "{} [{}] {}: {}",
            p.severity(d.severity, d.code.as_str()),
            d.severity.as_str(),
            share(&g.nodes, total, CONCISE_NAMES),
            clean(&d.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_node_lists_are_cut_in_concise_only() {
        let nodes = ["a", "b", "c", "d", "e", "f", "g"];
        assert_eq!(names(&nodes, CONCISE_NAMES), "a, b, c, d, e and 2 more");
        assert_eq!(names(&nodes, usize::MAX), "a, b, c, d, e, f, g");
        assert_eq!(names(&["evil\u{1b}[2J"], 5), "evil\\e[2J");
        assert_eq!(share(&["a", "b"], 40, 5), "on 2 of 40 nodes (a, b)");
        assert_eq!(share(&["a", "b"], 2, 5), "on all 2 nodes");
        assert_eq!(share(&["a"], 1, 5), "on 1 node (a)");
    }
}
