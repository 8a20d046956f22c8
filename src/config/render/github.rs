//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=T::message`.

use std::io::{self, Write};

use super::super::diagnostic::{FileReport, Severity};
use crate::output::sanitize::clean;

/// A message escaped as workflow commands want it.
pub(crate) fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`, `title=`) escaped: also `:` and `,`.
pub(crate) fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command for a severity.
pub(crate) fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            let level = level(d.severity);
            let mut props = format!("file={}", property(&clean(&r.name)));
            if let (Some(s), Some(e)) = (d.start, d.end) {
                props.push_str(&format!(
                    ",line={},col={},endLine={},endColumn={}",
                    s.line, s.column, e.line, e.column
                ));
            }
            let title = format!("{} {}", d.code, d.rule().name);
            props.push_str(&format!(",title={}", property(&title)));
            let mut msg = clean(&d.message);
            if let Some(h) = &d.help {
                msg.push_str("\nhelp: ");
                msg.push_str(&clean(h));
            }
            writeln!(out, "::{level} {props}::{}", data(&msg))?;
        }
    }
    Ok(())
}
