//! What of a KubeletConfiguration is secret, decided here and nowhere else: every value under
//! `staticPodURLHeader`, whatever its shape or type (a string where a mapping belongs is still
//! a credential, and an earlier duplicate is as secret as the value that wins), and the user
//! info and query values of `staticPodURL`.
//!
//! Findings ask [`is_secret_path`] before quoting a value; `--diff` shows values through
//! [`shown`]; the source kept for `full` excerpts is masked by [`mask`] over [`spans`] (a parsed
//! file) or [`spans_unparsed`] (a file with a syntax error, which has no tree).

use super::source;
use super::tree::{Doc, Node, Span, Value};
use crate::output::redact;

const HEADER: &str = "staticPodURLHeader";
const URL: &str = "staticPodURL";

/// What a hidden value is shown as in `--diff`.
pub const HIDDEN: &str = "<redacted>";

/// Whether the value at the dotted `path` (`staticPodURLHeader`, `staticPodURLHeader.X-Id`,
/// `staticPodURLHeader.X-Id[0]`) is secret as a whole.
pub fn is_secret_path(path: &str) -> bool {
    path.strip_prefix(HEADER)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// A `staticPodURL` as it may be shown: `https://xxxxx@host/m?token=xxxxx`.
pub fn url(url: &str) -> String {
    redact::query(&redact::url(url)).into_owned()
}

/// The value of the field at `path` as it may be shown.
pub fn shown(path: &str, value: &str) -> String {
    if is_secret_path(path) {
        HIDDEN.to_string()
    } else if path == URL {
        url(value)
    } else {
        value.to_string()
    }
}

/// Byte spans of secret text in the source of a parsed document. Keys match in any case: a
/// wrong-case key is ignored by the kubelet, but its value is the same credential.
pub fn spans(text: &str, doc: &Doc, configz: bool) -> Vec<Span> {
    let mut root = &doc.root;
    if configz && let Some(inner) = root.get("kubeletconfig") {
        root = &inner.value;
    }
    let Value::Map(entries) = &root.value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries {
        if e.key.eq_ignore_ascii_case(HEADER) {
            header_spans(&e.value, &mut out);
        } else if e.key.eq_ignore_ascii_case(URL) {
            url_spans(text, &e.value, &mut out);
        }
    }
    out
}

/// Each header's value, every occurrence (header names stay readable, as findings name
/// them); or the whole value when it is not a mapping.
fn header_spans(node: &Node, out: &mut Vec<Span>) {
    match &node.value {
        Value::Map(entries) => out.extend(entries.iter().map(|e| e.value.span)),
        _ => out.push(node.span),
    }
}

/// The user info and query values of the URL, in the source text.
fn url_spans(text: &str, node: &Node, out: &mut Vec<Span>) {
    match &node.value {
        Value::Str(_) => {
            let (start, end) = (node.span.start as usize, node.span.end as usize);
            let Some(raw) = text.get(start..end) else {
                return;
            };
            // An escape or a folded line: offsets in the source are not offsets in the URL,
            // so all of it is hidden.
            if raw.contains(['\\', '\n']) {
                out.push(node.span);
                return;
            }
            let (inner, skip) = unquoted(raw);
            out.extend(
                redact::secret_ranges(inner)
                    .into_iter()
                    .map(|r| Span::new(start + skip + r.start, start + skip + r.end)),
            );
        }
        // Not a string (a type error): whatever URLs it holds.
        Value::Seq(items) => items.iter().for_each(|n| url_spans(text, n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| url_spans(text, &e.value, out)),
        _ => {}
    }
}

/// `raw` without its surrounding quotes, and how many bytes were dropped at the front.
fn unquoted(raw: &str) -> (&str, usize) {
    for q in ['"', '\''] {
        if raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q) {
            return (&raw[1..raw.len() - 1], 1);
        }
    }
    (raw, 0)
}

/// [`spans`] for a file that does not parse: the whole value after each `staticPodURLHeader`
/// or `staticPodURL` key, found without a parser. Generous on purpose: a broken file is
/// shown only for its error line, and hiding a little too much there costs nothing.
pub fn spans_unparsed(text: &str) -> Vec<Span> {
    let json = source::looks_like_json(text);
    // ASCII lowercasing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let needle = URL.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let key = from + found;
        let mut key_end = key + needle.len();
        if lower[key_end..].starts_with("header") {
            key_end += "header".len();
        }
        from = key_end;
        let Some(value_start) = after_colon(text, key_end) else {
            continue;
        };
        let end = if json {
            let end = json_value_end(text, value_start);
            out.push(Span::new(value_start, end));
            end
        } else {
            yaml_value_spans(text, key, value_start, &mut out)
        };
        from = end.max(from);
    }
    out
}

/// Where the value of a key ending at `key_end` starts: after an optional closing quote,
/// blanks and the `:`. `None` when this is not a key.
fn after_colon(text: &str, key_end: usize) -> Option<usize> {
    let rest = &text[key_end..];
    let rest_q = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let rest_b = rest_q.trim_start_matches([' ', '\t']);
    rest_b
        .starts_with(':')
        .then(|| text.len() - rest_b.len() + 1)
}

/// The end of a JSON value starting at `start`: the `,` or closing bracket that ends it
/// outside strings, or the end of the text.
fn json_value_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut in_string, mut i) = (0usize, false, start);
    while i < b.len() {
        match (in_string, b[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') if depth == 0 => return i,
            (false, b'}' | b']') => depth -= 1,
            (false, b',') if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The spans of a YAML value whose key starts at `key`: the rest of the key's line and every
/// following line that is blank, indented deeper than the key, or a `-` item at its level,
/// each from its first non-blank character (the indentation stays readable). Returns the end.
fn yaml_value_spans(text: &str, key: usize, value_start: usize, out: &mut Vec<Span>) -> usize {
    let line_start = text[..key].rfind('\n').map_or(0, |n| n + 1);
    let indent = indentation(&text[line_start..]);
    let mut end = text[value_start..]
        .find('\n')
        .map_or(text.len(), |n| value_start + n);
    out.push(Span::new(value_start, end));
    while end < text.len() {
        let next = end + 1;
        let line_end = text[next..].find('\n').map_or(text.len(), |n| next + n);
        let line = &text[next..line_end];
        let deeper = indentation(line) > indent;
        let item = indentation(line) == indent && line.trim_start().starts_with('-');
        if !(line.trim().is_empty() || deeper || item) {
            break;
        }
        out.push(Span::new(next + indentation(line), line_end));
        end = line_end;
    }
    end
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `source` with the characters of `spans` replaced by `*`, one for one, so that line numbers
/// and the columns of every marker stay true. Blanks around a span (a block value's span runs
/// to the next key's indentation) are left alone.
pub fn mask(source: &str, spans: &[Span]) -> String {
    let hidden: Vec<(usize, usize)> = spans
        .iter()
        .filter_map(|s| {
            let text = source.get(s.start as usize..s.end as usize)?;
            let start = s.start as usize + (text.len() - text.trim_start().len());
            Some((start, start + text.trim().len()))
        })
        .collect();
    if hidden.is_empty() {
        return source.to_string();
    }
    source
        .char_indices()
        .map(|(i, c)| {
            let secret = hidden.iter().any(|&(s, e)| (s..e).contains(&i));
            if secret && c != '\n' && c != '\r' {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// Whether `span` lies inside one of `spans` (a note about a secret value must not quote it).
pub fn within(span: Span, spans: &[Span]) -> bool {
    spans
        .iter()
        .any(|s| s.start <= span.start && span.end <= s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_under_the_header_is_secret_and_nothing_else() {
        for path in [
            "staticPodURLHeader",
            "staticPodURLHeader.X-Id",
            "staticPodURLHeader.X-Id[0]",
        ] {
            assert!(is_secret_path(path), "{path}");
        }
        for path in ["staticPodURL", "staticPodURLHeaders", "staticPodPath"] {
            assert!(!is_secret_path(path), "{path}");
        }
    }

    #[test]
    fn shown_values() {
        assert_eq!(shown("staticPodURLHeader.X", "[a]"), HIDDEN);
        assert_eq!(
            shown("staticPodURL", "https://u:p@h/m?token=t&v=1"),
            "https://xxxxx@h/m?token=xxxxx&v=xxxxx"
        );
        assert_eq!(shown("maxPods", "110"), "110");
    }

    fn masked(text: &str) -> String {
        let doc = if source::looks_like_json(text) {
            super::super::json::parse(text)
        } else {
            super::super::yaml::parse(text)
        };
        let spans = match doc {
            Ok(doc) => spans(text, &doc, false),
            Err(_) => spans_unparsed(text),
        };
        mask(text, &spans)
    }

    #[test]
    fn values_are_masked_whatever_their_shape() {
        assert_eq!(
            masked("staticPodURLHeader: \"Bearer x\"\nmaxPods: 1\n"),
            "staticPodURLHeader: **********\nmaxPods: 1\n"
        );
        assert_eq!(
            masked("staticPodURLHeader:\n  A:\n  - ab\n  A: [cd]\nx: 1\n"),
            "staticPodURLHeader:\n  A:\n  - **\n  A: ****\nx: 1\n"
        );
        assert_eq!(
            masked(r#"{"staticPodURL":"https://u:p@h/?t=1"}"#),
            r#"{"staticPodURL":"https://***@h/?t=*"}"#
        );
    }

    #[test]
    fn a_file_that_does_not_parse_is_masked_after_each_key() {
        assert_eq!(
            masked(r#"{"staticPodURLHeader":{"A":["b"]},"maxPods":1,}"#),
            r#"{"staticPodURLHeader":***********,"maxPods":1,}"#
        );
        assert_eq!(
            masked("staticPodURLHeader:\n  A: [\"b\n  C: d\nmaxPods: [\n"),
            "staticPodURLHeader:\n  ******\n  ****\nmaxPods: [\n"
        );
    }
}
