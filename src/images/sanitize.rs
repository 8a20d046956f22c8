//! Escaping of untrusted cluster text (messages, image names) for table output.
//! JSON keeps the raw text (its escaping is safe); a table must never carry a raw
//! control character, terminal or not, because tables get pasted into terminals.
//! Same escapes as the crate's output::sanitize, so every command's tables agree.

use std::borrow::Cow;
use std::fmt::Write;

/// Replaces C0/C1 control characters, DEL, line/paragraph separators, bidi overrides
/// and BOM with visible escapes (`\n`, `\t`, `\e`, `\x07`, `\u{202e}`), so a message
/// cannot move the cursor, recolour the terminal, split a table row or reorder text.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if needs_escape(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escape_sequences_are_made_visible() {
        let msg = "Failed to pull image \"x\": \x1b[2J\x1b]0;pwned\x07not found\r\nfake row\u{9b}31m\u{202e}txt\u{2028}";
        let out = escape_control(msg);
        assert!(!out.chars().any(needs_escape), "{out}");
        assert_eq!(
            out,
            "Failed to pull image \"x\": \\e[2J\\e]0;pwned\\x07not found\\r\\nfake row\\u{9b}31m\\u{202e}txt\\u{2028}"
        );
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let msg =
            "dial tcp: lookup registry.example.com on 10.96.0.10:53: no such host — ünïcode 日本";
        assert!(matches!(escape_control(msg), Cow::Borrowed(m) if m == msg));
        assert_eq!(escape_control("a\tb\x7f"), "a\\tb\\x7f");
    }
}
