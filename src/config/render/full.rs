//! Human output with the offending source line and a `^` marker under the key or value.

use std::io::{self, Write};

use super::super::diagnostic::FileReport;
use super::super::source::LineIndex;
use super::Paint;
use crate::output::sanitize::clean;

/// Source text with control characters replaced one-for-one, so marker columns still line up.
fn excerpt(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if c.is_control() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Widest excerpt shown. A longer line (minified JSON, a `/configz` body) is cut to a window
/// around the marker, with `…` where text was left out.
const MAX_EXCERPT: u32 = 120;
/// Characters kept before the marker when a line is cut.
const LEAD: u32 = 40;

/// Cuts `text` to at most [`MAX_EXCERPT`] characters around the 1-based columns
/// `start..end`, returning the shown text and the columns shifted to match.
fn window(text: &str, start: u32, end: u32) -> (String, u32, u32) {
    let width = text.chars().count() as u32;
    if width <= MAX_EXCERPT {
        return (text.to_string(), start, end);
    }
    let from = start.saturating_sub(1).saturating_sub(LEAD);
    let to = (from + MAX_EXCERPT).min(width);
    let mut shown = String::new();
    let mut shift = from;
    if from > 0 {
        shown.push('…');
        shift -= 1;
    }
    shown.extend(text.chars().skip(from as usize).take((to - from) as usize));
    if to < width {
        shown.push('…');
    }
    let end = end.min(to + 1);
    (
        shown,
        start - shift,
        end.saturating_sub(shift).max(start - shift + 1),
    )
}

pub fn render(reports: &[FileReport], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint(color);
    let mut first = true;
    for r in reports {
        let name = clean(&r.name);
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            if !first {
                writeln!(out)?;
            }
            first = false;
            let rule = d.rule().name;
            writeln!(
                out,
                "{}: {} {}",
                p.severity(d.severity, &format!("{}[{}]", d.severity.as_str(), d.code)),
                p.bold(&clean(&d.message)),
                p.dim(&format!("({rule})"))
            )?;
            match (d.start, d.end) {
                (Some(s), Some(e)) => {
                    let num = s.line.to_string();
                    let pad = " ".repeat(num.len());
                    writeln!(out, "{pad}{} {name}:{}:{}", p.blue("-->"), s.line, s.column)?;
                    let text = excerpt(idx.line_text(s.line));
                    let width = text.chars().count() as u32;
                    let start_col = s.column.min(width + 1);
                    let end_col = if e.line == s.line {
                        e.column.max(start_col + 1)
                    } else {
                        width + 1
                    };
                    let (text, start_col, end_col) = window(&text, start_col, end_col);
                    let len = end_col.saturating_sub(start_col).clamp(1, 200) as usize;
                    writeln!(out, "{pad} {}", p.blue("|"))?;
                    writeln!(out, "{} {} {}", p.blue(&num), p.blue("|"), text.trim_end())?;
                    writeln!(
                        out,
                        "{pad} {} {}{}",
                        p.blue("|"),
                        " ".repeat(start_col as usize - 1),
                        p.severity(d.severity, &"^".repeat(len))
                    )?;
                    writeln!(out, "{pad} {}", p.blue("|"))?;
                    if let Some(k) = &d.kubelet {
                        writeln!(out, "{pad} {} kubelet: {}", p.blue("="), clean(k))?;
                    }
                    if let Some(h) = &d.help {
                        writeln!(out, "{pad} {} help: {}", p.blue("="), clean(h))?;
                    }
                }
                _ => {
                    writeln!(out, " {} {name}", p.blue("-->"))?;
                    if let Some(k) = &d.kubelet {
                        writeln!(out, "  {} kubelet: {}", p.blue("="), clean(k))?;
                    }
                    if let Some(h) = &d.help {
                        writeln!(out, "  {} help: {}", p.blue("="), clean(h))?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn short_lines_are_kept_whole() {
        assert_eq!(window("maxPods: 1", 10, 11), ("maxPods: 1".into(), 10, 11));
    }

    #[test]
    fn long_lines_are_cut_around_the_marker() {
        let line = format!("{}maxPods{}", "a".repeat(500), "b".repeat(500));
        let (shown, s, e) = window(&line, 501, 508);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= 122);
        let marked: String = shown
            .chars()
            .skip(s as usize - 1)
            .take((e - s) as usize)
            .collect();
        assert_eq!(marked, "maxPods");
        let (shown, s, e) = window(&line, 1, 2);
        assert!(!shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!((s, e), (1, 2));
    }
}
