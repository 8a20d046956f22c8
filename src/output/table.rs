//! Tables in kubectl's look: no borders, upper-case headers, three spaces between columns, no
//! wrapping (a table piped to `grep` or `awk` must keep one row per line).

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

/// A table with our layout; `color` enables the cells' colours.
pub fn new_table(headers: &[&str], color: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(
        headers
            .iter()
            .map(|h| Cell::new(h).set_alignment(CellAlignment::Left)),
    );
    let last = headers.len().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 3 }));
    }
    table
}

/// `text` without SGR escape sequences (`ESC [ ... m`): what a coloured table looks like once
/// the terminal has interpreted them. For tests that colour keeps the layout.
#[cfg(test)]
pub fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find('m') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Renders without trailing spaces on any line.
pub fn render(table: &Table) -> String {
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
