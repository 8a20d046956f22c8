//! Output of `config lint --node NAME --diff PATH`: the fields whose value in the file is not
//! what the kubelet runs. A table for people, a versioned JSON document for scripts.

use std::io::{self, Write};

use serde::Serialize;

use super::super::diff::DiffEntry;
use crate::output::sanitize::clean;
use crate::output::table::{CUT, KEEP, fit_rows};

/// Shown for a field one side does not have.
const UNSET: &str = "<unset>";

/// `FIELD  FILE  LIVE`, one row per differing field, no borders (kubectl's table look). On a
/// terminal `width` columns wide the values are cut with `…` to fit (`None`: a pipe, whole
/// values; `-o json` always has them).
pub fn table(entries: &[DiffEntry], width: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                clean(&e.field),
                clean(e.file.as_deref().unwrap_or(UNSET)),
                clean(e.live.as_deref().unwrap_or(UNSET)),
            ]
        })
        .collect();
    let headers = ["FIELD", "FILE", "LIVE"];
    if let Some(width) = width {
        rows = fit_rows(&headers, &[KEEP, CUT, CUT], rows, width).1;
    }
    let header = headers.map(String::from).to_vec();
    let width = |i: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    for r in std::iter::once(&header).chain(&rows) {
        let line = format!("{:<w0$}   {:<w1$}   {}", r[0], r[1], r[2]);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: &'static str,
    file: &'a str,
    node: &'a str,
    differences: &'a [DiffEntry],
}

/// The JSON shape documented in `JSON_FORMAT.md` ("--diff").
pub fn json(entries: &[DiffEntry], file: &str, node: &str, out: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        version: super::json::FORMAT_VERSION,
        tool: "kubelet-doctor",
        file,
        node,
        differences: entries,
    };
    out.write_all(crate::output::json::report(&doc).as_bytes())?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_and_escapes() {
        let entries = vec![
            DiffEntry {
                field: "readOnlyPort".into(),
                file: Some("0".into()),
                live: Some("10255".into()),
            },
            DiffEntry {
                field: "clusterDomain".into(),
                file: None,
                live: Some("evil\u{1b}[2J".into()),
            },
        ];
        let mut out = Vec::new();
        table(&entries, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "FIELD           FILE      LIVE\n\
             readOnlyPort    0         10255\n\
             clusterDomain   <unset>   evil\\e[2J\n"
        );
    }
}
