//! Reading the bytes of a config file the way the kubelet does, before any YAML: the empty-file
//! check, UTF-8, the JSON-or-YAML sniff, and the limits that keep hostile input harmless.

use super::tree::Span;

/// Largest file accepted. A real KubeletConfiguration is a few KiB; 10 MiB leaves room for
/// anything legitimate while bounding time and memory.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Deepest nesting of mappings/sequences accepted (the real schema needs 4).
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to, aliases included (a real config has a few hundred).
pub const MAX_NODES: usize = 200_000;

/// Why a file could not be linted at all (the CLI maps every variant to exit code 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("kubelet config file \"{0}\" was empty")]
    Empty(String),
    #[error(
        "{name}: file is {size} bytes, larger than the {limit}-byte limit; this is not a kubelet config"
    )]
    TooLarge {
        name: String,
        size: usize,
        limit: usize,
    },
    #[error(
        "{name}:{line}:{col}: invalid UTF-8 (the kubelet rejects it too: yaml: invalid leading UTF-8 octet)"
    )]
    InvalidUtf8 {
        name: String,
        line: usize,
        col: usize,
    },
    #[error(
        "{name}:{line}:{col}: binary data (NUL or control bytes); this is not a kubelet config"
    )]
    Binary {
        name: String,
        line: usize,
        col: usize,
    },
    #[error("{name}: nesting deeper than {limit} levels; refusing to read further")]
    TooDeep { name: String, limit: usize },
    #[error(
        "{name}: document contains excessive aliasing (expands to more than {limit} nodes); the kubelet refuses it too"
    )]
    ExcessiveAliasing { name: String, limit: usize },
    #[error("{name}: document has more than {limit} nodes; this is not a kubelet config")]
    TooManyNodes { name: String, limit: usize },
    #[error("{name}: not a KubeletConfiguration: {reason}")]
    NotKubeletConfiguration { name: String, reason: String },
}

/// Whether the kubelet's serializer will treat the bytes as JSON: the first byte that is not
/// whitespace is `{`. A UTF-8 BOM is not whitespace, so BOM-prefixed JSON goes the YAML way.
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches([' ', '\t', '\r', '\n', '\u{b}', '\u{c}'])
        .starts_with('{')
}

/// Checks size, emptiness, UTF-8 and binary content; returns the text.
pub fn check<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty(name.to_string()));
    }
    if bytes.len() > MAX_BYTES {
        return Err(SourceError::TooLarge {
            name: name.to_string(),
            size: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = line_col_bytes(bytes, e.valid_up_to());
            return Err(SourceError::InvalidUtf8 {
                name: name.to_string(),
                line,
                col,
            });
        }
    };
    // YAML forbids C0 controls other than tab/CR/LF; a NUL or a run of them means binary.
    if let Some(pos) = text
        .bytes()
        .position(|b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')))
    {
        let (line, col) = line_col_bytes(bytes, pos);
        return Err(SourceError::Binary {
            name: name.to_string(),
            line,
            col,
        });
    }
    Ok(text)
}

fn line_col_bytes(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, pos - line_start + 1)
}

/// 1-based line and column (in characters) of a byte offset; a leading BOM does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to positions. Built once per file that has diagnostics.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: u32) -> Position {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut prefix = &self.text[start..end];
        if line == 0 {
            prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
        }
        Position {
            line: line as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
        }
    }

    /// The text of a 1-based line without its line break (and without a BOM).
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let l = self.text[start..end].trim_end_matches(['\n', '\r']);
        if i == 0 {
            l.strip_prefix('\u{feff}').unwrap_or(l)
        } else {
            l
        }
    }

    pub fn span_text(&self, span: Span) -> &'a str {
        let (s, e) = (span.start as usize, span.end as usize);
        self.text.get(s..e.min(self.text.len())).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_limits() {
        assert!(matches!(check("f", b""), Err(SourceError::Empty(_))));
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(matches!(
            check("f", &big),
            Err(SourceError::TooLarge { .. })
        ));
        assert!(matches!(
            check("f", b"a: 1\n\xff\xfe"),
            Err(SourceError::InvalidUtf8 {
                line: 2,
                col: 1,
                ..
            })
        ));
        assert!(matches!(
            check("f", b"a: \x00"),
            Err(SourceError::Binary {
                line: 1,
                col: 4,
                ..
            })
        ));
        assert!(check("f", b"a: 1\r\n\tb: 2").is_ok());
    }

    #[test]
    fn json_sniff() {
        assert!(looks_like_json("  \n{\"a\":1}"));
        assert!(!looks_like_json("\u{feff}{\"a\":1}"));
        assert!(!looks_like_json("a: {}"));
    }

    #[test]
    fn positions_count_chars_and_skip_bom() {
        let t = "\u{feff}ab: 1\r\nc: \"é\" x\n";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(3), Position { line: 1, column: 1 });
        let x = t.find('x').unwrap() as u32;
        assert_eq!(idx.position(x), Position { line: 2, column: 8 });
        assert_eq!(idx.line_text(1), "ab: 1");
        assert_eq!(idx.line_text(2), "c: \"é\" x");
    }
}
