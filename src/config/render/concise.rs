//! `file:line:col: CODE [severity] message`, one finding per line.

use std::io::{self, Write};

use super::super::diagnostic::FileReport;
use super::Paint;
use crate::output::sanitize::clean;

pub fn render(reports: &[FileReport], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint(color);
    for r in reports {
        let name = clean(&r.name);
        for d in &r.diagnostics {
            let (l, c) = d.start.map_or((1, 1), |s| (s.line, s.column));
            writeln!(
                out,
                "{}:{l}:{c}: {} [{}] {}",
                p.bold(&name),
                p.severity(d.severity, d.code.as_str()),
                d.severity.as_str(),
                clean(&d.message)
            )?;
        }
    }
    Ok(())
}
