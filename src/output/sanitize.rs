//! Makes untrusted text (anything read from the cluster or a file) safe to print on a terminal.
//!
//! A node name, label or condition message may carry escape sequences that recolour, move the
//! cursor or retitle the terminal; we show them as visible escapes (`\e`, `\u{9b}`) instead.

use std::borrow::Cow;

/// Escapes C0/C1 control characters, DEL and the Unicode line/paragraph separators and
/// bidirectional overrides; everything else passes through. Borrowed when nothing needs escaping.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`] but keeps newlines, for multi-line messages printed as blocks.
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{1b}' => out.push_str("\\e"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("node-a ready ✓ 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "a\\e[31mred\\e[0m");
        assert_eq!(sanitize("bell\u{7}"), "bell\\x07");
        assert_eq!(sanitize("del\u{7f}"), "del\\x7f");
        assert_eq!(sanitize("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(sanitize("tab\there"), "tab\\there");
        assert_eq!(sanitize("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(sanitize("rtl\u{202e}txt"), "rtl\\u{202e}txt");
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(
            sanitize_multiline("a\nb\u{1b}]0;x\u{7}"),
            "a\nb\\e]0;x\\x07"
        );
    }
}
