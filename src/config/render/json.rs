//! The stable JSON shape (version 1), documented in `JSON_FORMAT.md`.

use std::io::{self, Write};

use serde::Serialize;

use super::super::diagnostic::{FileReport, InputKind, Severity};
use super::super::rules::Category;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: &'static str,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    kind: InputKind,
    summary: Summary,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Diag<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    category: Option<Category>,
    message: &'a str,
    field: Option<&'a str>,
    location: Option<Location>,
    kubelet_message: Option<&'a str>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Location {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        version: FORMAT_VERSION,
        tool: "kubelet-doctor",
        files: reports
            .iter()
            .map(|r| File {
                path: &r.name,
                kind: r.kind,
                summary: Summary {
                    errors: r.count(Severity::Error),
                    warnings: r.count(Severity::Warning),
                    infos: r.count(Severity::Info),
                },
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| Diag {
                        code: d.code.as_str(),
                        name: d.rule().name,
                        severity: d.severity,
                        category: Some(d.rule().category),
                        message: &d.message,
                        field: d.field.as_deref(),
                        location: match (d.start, d.end) {
                            (Some(s), Some(e)) => Some(Location {
                                line: s.line,
                                column: s.column,
                                end_line: e.line,
                                end_column: e.column,
                            }),
                            _ => None,
                        },
                        kubelet_message: d.kubelet.as_deref(),
                        help: d.help.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    out.write_all(crate::output::json::report(&doc).as_bytes())?;
    writeln!(out)
}
