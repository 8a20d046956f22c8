//! The one sanitizer: makes untrusted text (anything read from the cluster, a kubelet or a
//! file) safe to print on a terminal. Every human-readable renderer uses it; JSON keeps text
//! raw (JSON-escaped).
//!
//! A node name, label or condition message may carry escape sequences that recolour, move the
//! cursor, retitle the terminal or write the clipboard, bidi overrides that reorder what is
//! shown, or invisible characters that make two names look alike. They are shown as visible
//! escapes (`\e`, `\x07`, `\u{202e}`) instead. The character set is fd's (`src/sanitize.rs`
//! in sharkdp/fd), plus the Unicode line and paragraph separators and the Arabic letter mark.

use std::borrow::Cow;

/// Escapes C0/C1 control characters (newlines and tabs too), DEL, bidi marks, overrides and
/// isolates, zero-width and other invisible format characters, the BOM, interlinear
/// annotations and tag characters; everything else passes through. Borrowed when nothing
/// needs escaping.
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

/// [`sanitize`], owned: for text kept in a message or a table cell.
pub fn clean(text: &str) -> String {
    sanitize(text).into_owned()
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

/// Whether `c` must not reach a terminal raw (also used by the JSON reports, which write such
/// characters as `\u` escapes).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'                     // soft hyphen (invisible)
            | '\u{061C}'                   // Arabic letter mark (bidi)
            | '\u{180E}'                   // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'      // zero-width space/joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'       // line and paragraph separators
            | '\u{202A}'..='\u{202E}'      // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'      // word joiner, invisible operators, bidi isolates
            | '\u{FEFF}'                   // BOM, zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}'      // interlinear annotation
            | '\u{E0000}'..='\u{E007F}'    // tag characters
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
    fn escapes_invisible_and_bidi_characters() {
        for (c, shown) in [
            ('\u{ad}', "\\u{ad}"),
            ('\u{61c}', "\\u{61c}"),
            ('\u{200b}', "\\u{200b}"),
            ('\u{200f}', "\\u{200f}"),
            ('\u{2066}', "\\u{2066}"),
            ('\u{2069}', "\\u{2069}"),
            ('\u{2060}', "\\u{2060}"),
            ('\u{feff}', "\\u{feff}"),
            ('\u{fffb}', "\\u{fffb}"),
            ('\u{e0041}', "\\u{e0041}"),
            ('\u{85}', "\\u{85}"),
        ] {
            assert_eq!(sanitize(&format!("a{c}b")), format!("a{shown}b"), "{c:?}");
        }
        // Variation selectors, private use, combining marks and emoji are legitimate text.
        for s in ["\u{2764}\u{fe0f}", "\u{e000}", "e\u{301}", "🦀", "日本"] {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(
            sanitize_multiline("a\nb\u{1b}]0;x\u{7}"),
            "a\nb\\e]0;x\\x07"
        );
    }
}
