//! Tables in kubectl's look: no borders, upper-case headers, three spaces between columns, no
//! wrapping (a table piped to `grep` or `awk` must keep one row per line). On a terminal a
//! table can be fitted to its width ([`fit_rows`]): free text is cut with an ellipsis and the
//! least useful columns go, one line a row still.

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

/// How a column behaves when a table must fit a terminal.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    /// Free text (names, images) that may be cut with `…`; other columns keep their content.
    pub cut: bool,
    /// Dropped when even cutting is not enough, lowest first; `None`: always shown.
    pub drop: Option<u8>,
}

/// Never cut, never dropped.
pub const KEEP: Fit = Fit {
    cut: false,
    drop: None,
};

/// Cut with `…` to fit, never dropped.
pub const CUT: Fit = Fit {
    cut: true,
    drop: None,
};

/// Which columns a table fitted to a terminal keeps, and how wide each may be.
pub struct Plan {
    /// Indexes of the columns kept, in order.
    pub columns: Vec<usize>,
    /// The width each column may take (by index; cut columns are cut to it).
    pub widths: Vec<usize>,
}

impl Plan {
    /// `text` cut to column `c`'s width with `…`, or `None` when it fits as it is.
    pub fn cut(&self, text: &str, c: usize) -> Option<String> {
        let w = self.widths[c];
        (text.chars().count() > w).then(|| {
            let mut s: String = text.chars().take(w.saturating_sub(1)).collect();
            s.push('…');
            s
        })
    }
}

/// Plans how `rows` (the cells' text) under `headers` fit into `width` columns (three spaces
/// between columns): free-text columns share the room left by the others and are cut with
/// `…`, never below their header's width (or ten characters); if that is still too wide,
/// droppable columns go, lowest `drop` first.
pub fn plan(headers: &[&str], fits: &[Fit], rows: &[Vec<String>], width: usize) -> Plan {
    let len = |s: &str| s.chars().count();
    let mut active: Vec<usize> = (0..headers.len()).collect();
    let natural: Vec<usize> = (0..headers.len())
        .map(|c| {
            rows.iter()
                .map(|r| len(&r[c]))
                .chain([len(headers[c])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // A name cut to fewer than ten characters says little: drop a column first.
    let floor = |c: usize| natural[c].min(len(headers[c]).max(10));
    loop {
        let gaps = 3 * active.len().saturating_sub(1);
        let fixed: usize = active
            .iter()
            .filter(|&&c| !fits[c].cut)
            .map(|&c| natural[c])
            .sum();
        let available = width.saturating_sub(fixed + gaps);
        let minimum: usize = active
            .iter()
            .filter(|&&c| fits[c].cut)
            .map(|&c| floor(c))
            .sum();
        let droppable = active
            .iter()
            .copied()
            .filter(|&c| fits[c].drop.is_some())
            .min_by_key(|&c| fits[c].drop);
        match droppable {
            Some(c) if minimum > available => active.retain(|&a| a != c),
            _ => {
                // Water-filling: every cut column starts at its floor and grows by one
                // character in turn until the room is used or it shows everything.
                let mut w: Vec<usize> = (0..headers.len())
                    .map(|c| if fits[c].cut { floor(c) } else { natural[c] })
                    .collect();
                let mut extra = available.saturating_sub(minimum);
                while extra > 0 {
                    let mut grew = false;
                    for &c in active.iter().filter(|&&c| fits[c].cut) {
                        if extra > 0 && w[c] < natural[c] {
                            w[c] += 1;
                            extra -= 1;
                            grew = true;
                        }
                    }
                    if !grew {
                        break;
                    }
                }
                return Plan {
                    columns: active,
                    widths: w,
                };
            }
        }
    }
}

/// [`plan`], applied: the headers and rows kept, cells cut.
pub fn fit_rows<'h>(
    headers: &[&'h str],
    fits: &[Fit],
    rows: Vec<Vec<String>>,
    width: usize,
) -> (Vec<&'h str>, Vec<Vec<String>>) {
    let plan = plan(headers, fits, &rows, width);
    let kept_headers = plan.columns.iter().map(|&c| headers[c]).collect();
    let kept_rows = rows
        .into_iter()
        .map(|r| {
            plan.columns
                .iter()
                .map(|&c| plan.cut(&r[c], c).unwrap_or_else(|| r[c].clone()))
                .collect()
        })
        .collect();
    (kept_headers, kept_rows)
}

/// `text` wrapped at `width` columns for a caller that has already written `indent` columns
/// of the first line (a key); later lines are indented as far.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line = indent;
    let mut line_start = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !line_start && line + 1 + len > width {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            line = indent;
            line_start = true;
        }
        if !line_start {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
        line_start = false;
    }
    out
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

/// A whole table of plain text rows, rendered.
pub fn render_rows(headers: &[&str], rows: Vec<Vec<String>>, color: bool) -> String {
    let mut table = new_table(headers, color);
    for row in rows {
        table.add_row(row);
    }
    render(&table)
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

#[cfg(test)]
mod tests {
    use super::{CUT, Fit, KEEP, fit_rows};

    #[test]
    fn fitting_cuts_free_text_then_drops_columns() {
        let rows = vec![vec![
            "a-very-long-namespace".to_string(),
            "ErrImagePull".to_string(),
            "node-0001.example".to_string(),
        ]];
        let node = Fit {
            cut: true,
            drop: Some(1),
        };
        // 40 columns: everything fits after cutting the namespace.
        let (h, r) = fit_rows(
            &["NAMESPACE", "REASON", "NODE"],
            &[CUT, KEEP, node],
            rows.clone(),
            40,
        );
        assert_eq!(h, ["NAMESPACE", "REASON", "NODE"]);
        assert_eq!(r[0].join("   ").chars().count(), 40);
        assert!(r[0][0].ends_with('…') && r[0][1] == "ErrImagePull", "{r:?}");
        // 30 columns: the node goes before the namespace is cut below its header.
        let (h, r) = fit_rows(
            &["NAMESPACE", "REASON", "NODE"],
            &[CUT, KEEP, node],
            rows,
            30,
        );
        assert_eq!(h, ["NAMESPACE", "REASON"]);
        assert_eq!(r[0], ["a-very-long-na…", "ErrImagePull"]);
    }

    #[test]
    fn wrap_keeps_words_and_indents() {
        // The caller wrote two columns already: "xx" + "aaa bbb" fills 9.
        assert_eq!(super::wrap("aaa bbb ccc ddd", 9, 2), "aaa bbb\n  ccc ddd");
        assert_eq!(super::wrap("one", 80, 4), "one");
    }
}
