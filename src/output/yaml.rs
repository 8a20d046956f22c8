//! Byte-exact YAML rendering of JSON documents ([`Tree`]) as `kubectl get -o yaml` prints them.
//! Owns the JSON -> YAML path kubectl takes: key order, style choice and the go-yaml v2
//! emitter layout; Go's number printing and go-yaml's scalar resolution come from `crate::go`.

use std::cmp::Ordering;

use super::tree::Tree;

/// Appends one YAML document (no leading `---`) for `value` to `out`, exactly as kubectl -o yaml prints it.
pub fn write_yaml(value: &Tree<'_>, out: &mut Vec<u8>) {
    let mut em = Emitter {
        out,
        column: 0,
        indent: -1,
        whitespace: true,
        indention: true,
    };
    em.document(value);
}

/// go-yaml v2's map key order, usable by other code.
pub fn yaml_key_cmp(a: &str, b: &str) -> Ordering {
    if key_less(a, b) {
        Ordering::Less
    } else if key_less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

// ---------------------------------------------------------------------------
// Key order (go-yaml v2 sorter.go, string keys only: JSON keys are strings).
// ---------------------------------------------------------------------------

fn key_less(a: &str, b: &str) -> bool {
    let ab = a.as_bytes();
    let bb = b.as_bytes();
    let common = ab.iter().zip(bb.iter()).take_while(|(x, y)| x == y).count();
    if common == ab.len() || common == bb.len() {
        // One is a prefix of the other (or equal): the shorter one sorts first.
        return ab.len() < bb.len();
    }
    // Back up to the start of the first differing character; the prefix is
    // identical, so the boundary is the same in both strings.
    let mut p = common;
    while p > 0 && (ab[p] & 0xC0) == 0x80 {
        p -= 1;
    }
    let (ta, tb) = match (a.get(p..), b.get(p..)) {
        (Some(x), Some(y)) => (x, y),
        _ => return ab < bb,
    };
    let ca = ta.chars().next().unwrap_or('\0');
    let cb = tb.chars().next().unwrap_or('\0');
    let al = is_letter(ca);
    let bl = is_letter(cb);
    if al && bl {
        return ca < cb;
    }
    if al || bl {
        return bl;
    }
    let mut an: i64 = 0;
    let mut bn: i64 = 0;
    if ca == '0' || cb == '0' {
        for ch in a[..p].chars().rev() {
            if !is_digit(ch) {
                break;
            }
            if ch != '0' {
                an = 1;
                bn = 1;
                break;
            }
        }
    }
    let mut ai = 0usize;
    for ch in ta.chars() {
        if !is_digit(ch) {
            break;
        }
        an = an.wrapping_mul(10).wrapping_add(ch as i64 - '0' as i64);
        ai += 1;
    }
    let mut bi = 0usize;
    for ch in tb.chars() {
        if !is_digit(ch) {
            break;
        }
        bn = bn.wrapping_mul(10).wrapping_add(ch as i64 - '0' as i64);
        bi += 1;
    }
    if an != bn {
        return an < bn;
    }
    if ai != bi {
        return ai < bi;
    }
    ca < cb
}

/// Go `unicode.IsLetter` (general category L, Unicode 15.0).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(&LETTER_RANGES, c as u32)
}

/// Go `unicode.IsDigit` (general category Nd, Unicode 15.0).
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(&DIGIT_RANGES, c as u32)
}

fn in_ranges(table: &[(u32, u32)], c: u32) -> bool {
    let (mut lo, mut hi) = (0usize, table.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (s, e) = table[mid];
        if c < s {
            hi = mid;
        } else if c > e {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

type Entry<'a> = (&'a str, &'a Tree<'a>);

/// Stable merge sort by `key_less`. Hand-written so that an inconsistent
/// comparison can never make it panic (std's sorts may).
fn sort_entries<'a>(v: &mut [Entry<'a>], scratch: &mut Vec<Entry<'a>>) {
    let n = v.len();
    const RUN: usize = 12;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && key_less(v[j].0, v[j - 1].0) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            if key_less(v[mid].0, v[mid - 1].0) {
                scratch.clear();
                scratch.extend_from_slice(&v[lo..mid]);
                let (mut i, mut j, mut k) = (0usize, mid, lo);
                while i < scratch.len() && j < hi {
                    if key_less(v[j].0, scratch[i].0) {
                        v[k] = v[j];
                        j += 1;
                    } else {
                        v[k] = scratch[i];
                        i += 1;
                    }
                    k += 1;
                }
                while i < scratch.len() {
                    v[k] = scratch[i];
                    i += 1;
                    k += 1;
                }
            }
            lo = hi;
        }
        width *= 2;
    }
}

// ---------------------------------------------------------------------------
// Numbers: kubectl holds JSON numbers as int64 when they fit, else float64;
// Go's encoding/json prints the float, go-yaml re-resolves that text (an
// integer literal reads back as an int or uint), and prints floats with
// strconv 'g' / -1. The Go rules themselves live in `crate::go`.
// ---------------------------------------------------------------------------

fn format_number(n: &serde_json::Number) -> String {
    match n.as_i64() {
        Some(i) => i.to_string(),
        None => yaml_of_float(n.as_f64().unwrap_or(f64::NAN)),
    }
}

fn yaml_of_float(v: f64) -> String {
    use crate::go::yaml::Resolved;

    let Some(json) = crate::go::strconv::format_float_json(v) else {
        // Not representable in JSON; mirror go-yaml's spelling anyway.
        let special = if v.is_nan() {
            ".nan"
        } else if v > 0.0 {
            ".inf"
        } else {
            "-.inf"
        };
        return special.to_string();
    };
    match crate::go::yaml::resolve(&json) {
        Resolved::Int(i) => i.to_string(),
        Resolved::Uint(u) => u.to_string(),
        _ => crate::go::strconv::format_float_g(v),
    }
}

// ---------------------------------------------------------------------------
// Strings as go-yaml sees them after parsing Go's JSON text: encoding/json
// leaves U+0085 (NEL) raw, and the YAML double-quoted scanner folds it as a
// line break together with the raw spaces around it.
//
// kubectl itself fails ("control characters are not allowed", "did not find
// expected ','", "unexpected document indicator") on strings holding U+007F,
// U+0080..U+009F other than NEL, U+FFFE/U+FFFF, on keys holding NEL, and on
// NEL directly followed by "---"/"..." and a blank. For those we still emit
// valid YAML, escaping such characters the way go-yaml's emitter would.
// ---------------------------------------------------------------------------

fn json_roundtrip_str(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    // NEL is C2 85; most strings have no C2 byte at all, which a plain byte scan finds fast.
    if !b.contains(&0xC2) || !b.windows(2).any(|w| w == [0xC2, 0x85]) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let run_len = rest
            .char_indices()
            .find(|&(_, c)| c != ' ' && c != '\u{85}')
            .map_or(rest.len(), |(i, _)| i);
        if run_len == 0 {
            let next = rest
                .char_indices()
                .find(|&(_, c)| c == ' ' || c == '\u{85}')
                .map_or(rest.len(), |(i, _)| i);
            out.push_str(&rest[..next]);
            rest = &rest[next..];
            continue;
        }
        let run = &rest[..run_len];
        let breaks = run.chars().filter(|&c| c == '\u{85}').count();
        if breaks == 0 {
            out.push_str(run);
        } else if breaks == 1 {
            out.push(' ');
        } else {
            (1..breaks).for_each(|_| out.push('\n'));
        }
        rest = &rest[run_len..];
    }
    std::borrow::Cow::Owned(out)
}

// ---------------------------------------------------------------------------
// Emitter (go-yaml v2 emitterc.go, block style, best_indent 2, best_width 80,
// unicode output, no tags/anchors; only empty collections use flow style).
// ---------------------------------------------------------------------------

const BEST_WIDTH: usize = 80;

#[inline]
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

#[inline]
fn width(b: u8) -> usize {
    if b & 0x80 == 0 {
        1
    } else if b & 0xE0 == 0xC0 {
        2
    } else if b & 0xF0 == 0xE0 {
        3
    } else if b & 0xF8 == 0xF0 {
        4
    } else {
        1 // never at a char boundary of valid UTF-8; keeps loops moving
    }
}

#[inline]
fn is_break(s: &[u8], i: usize) -> bool {
    match at(s, i) {
        b'\r' | b'\n' => true,
        0xC2 => at(s, i + 1) == 0x85,
        0xE2 => at(s, i + 1) == 0x80 && matches!(at(s, i + 2), 0xA8 | 0xA9),
        _ => false,
    }
}

#[inline]
fn is_blank(s: &[u8], i: usize) -> bool {
    matches!(at(s, i), b' ' | b'\t')
}

#[inline]
fn is_blankz(s: &[u8], i: usize) -> bool {
    is_blank(s, i) || is_break(s, i) || at(s, i) == 0
}

#[inline]
fn is_printable(s: &[u8], i: usize) -> bool {
    let b = at(s, i);
    match b {
        0x0A | 0x20..=0x7E => true,
        0xC2 => at(s, i + 1) >= 0xA0,
        0xC3..=0xEC => true,
        0xED => at(s, i + 1) < 0xA0,
        0xEE => true,
        0xEF => {
            let (b1, b2) = (at(s, i + 1), at(s, i + 2));
            !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF))
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(v: &[u8]) -> Analysis {
    if v.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let n = v.len();
    let mut block_indicators = v.starts_with(b"---") || v.starts_with(b"...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let (mut previous_space, mut previous_break) = (false, false);
    let mut i = 0;
    while i < n {
        let c = v[i];
        // Fast path: after the first byte, printable ASCII other than space, `:` and `#` only
        // ends any run of spaces or breaks; it cannot be an indicator or need escaping.
        if i > 0 && matches!(c, 0x21..=0x7E) && c != b':' && c != b'#' {
            previous_space = false;
            previous_break = false;
            preceded_by_whitespace = false;
            i += 1;
            continue;
        }
        let w = width(c);
        let followed_by_whitespace = i + w >= n || is_blank(v, i + w);
        if i == 0 {
            match c {
                b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>'
                | b'\'' | b'"' | b'%' | b'@' | b'`' => block_indicators = true,
                b'?' | b':' | b'-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                b':' if followed_by_whitespace => block_indicators = true,
                b'#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(v, i) {
            special = true;
        }
        if c == b' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + w == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(v, i) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + w == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(v, i);
        i += w;
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// encode.go stringv + emitterc.go select_scalar_style.
fn choose_style(v: &[u8], a: &Analysis, simple_key: bool) -> Style {
    let mut style = if v.contains(&b'\n') {
        Style::Literal
    } else if crate::go::yaml::plain_bytes_is_str(v) {
        Style::Plain
    } else {
        Style::Double
    };
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain_allowed || (v.is_empty() && simple_key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

enum Frame<'a> {
    Seq {
        items: std::slice::Iter<'a, Tree<'a>>,
        saved: i32,
    },
    MapDirect {
        iter: std::slice::Iter<'a, (std::borrow::Cow<'a, str>, Tree<'a>)>,
        saved: i32,
    },
    MapSorted {
        entries: Vec<Entry<'a>>,
        pos: usize,
        saved: i32,
    },
}

struct Emitter<'o> {
    out: &'o mut Vec<u8>,
    column: usize,
    indent: i32,
    whitespace: bool,
    indention: bool,
}

impl Emitter<'_> {
    fn document<'a>(&mut self, root: &'a Tree<'a>) {
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut pool: Vec<Vec<Entry<'_>>> = Vec::new();
        let mut scratch: Vec<Entry<'_>> = Vec::new();
        self.node(root, false, &mut stack, &mut pool, &mut scratch);
        loop {
            let (child, in_map) = match stack.last_mut() {
                None => break,
                Some(Frame::Seq { items, saved }) => match items.next() {
                    Some(item) => {
                        self.write_indent();
                        self.write_indicator(b"-", true, false, true);
                        (item, false)
                    }
                    None => {
                        self.indent = *saved;
                        stack.pop();
                        continue;
                    }
                },
                Some(Frame::MapDirect { iter, saved }) => match iter.next() {
                    Some((k, v)) => {
                        self.key(k);
                        (v, true)
                    }
                    None => {
                        self.indent = *saved;
                        stack.pop();
                        continue;
                    }
                },
                Some(Frame::MapSorted {
                    entries,
                    pos,
                    saved,
                }) => match entries.get(*pos) {
                    Some(&(k, v)) => {
                        *pos += 1;
                        self.key(k);
                        (v, true)
                    }
                    None => {
                        self.indent = *saved;
                        if let Some(Frame::MapSorted { mut entries, .. }) = stack.pop() {
                            entries.clear();
                            pool.push(entries);
                        }
                        continue;
                    }
                },
            };
            self.node(child, in_map, &mut stack, &mut pool, &mut scratch);
        }
        // DOCUMENT-END (implicit): finish the last line.
        self.indent = -1;
        self.write_indent();
    }

    fn node<'a>(
        &mut self,
        v: &'a Tree<'a>,
        mapping_context: bool,
        stack: &mut Vec<Frame<'a>>,
        pool: &mut Vec<Vec<Entry<'a>>>,
        scratch: &mut Vec<Entry<'a>>,
    ) {
        match v {
            Tree::Null => self.plain_simple(b"null"),
            Tree::Bool(true) => self.plain_simple(b"true"),
            Tree::Bool(false) => self.plain_simple(b"false"),
            Tree::Number(n) => {
                self.plain_simple(format_number(n).as_bytes());
            }
            // A word for `plain_fast` is printable ASCII, which the NEL folding leaves alone,
            // so the fold is only looked for when the fast path declines.
            Tree::String(s) => {
                if !self.plain_fast(s.as_bytes()) {
                    let s = json_roundtrip_str(s);
                    let b = s.as_bytes();
                    let a = analyze(b);
                    self.scalar(b, &a, false);
                }
            }
            Tree::Array(items) if items.is_empty() => self.empty_flow(b"[", b"]"),
            Tree::Object(m) if m.is_empty() => self.empty_flow(b"{", b"}"),
            Tree::Array(items) => {
                let saved = self.indent;
                let indentless = mapping_context && !self.indention;
                if self.indent < 0 {
                    self.indent = 0;
                } else if !indentless {
                    self.indent += 2;
                }
                stack.push(Frame::Seq {
                    items: items.iter(),
                    saved,
                });
            }
            Tree::Object(m) => {
                let saved = self.indent;
                self.indent = if self.indent < 0 { 0 } else { self.indent + 2 };
                // Tree keys are in byte order, which usually is already go-yaml's
                // order; only sort when it is not.
                let sorted = m.windows(2).all(|w| key_less(&w[0].0, &w[1].0));
                if sorted {
                    stack.push(Frame::MapDirect {
                        iter: m.iter(),
                        saved,
                    });
                } else {
                    let mut entries = pool.pop().unwrap_or_default();
                    entries.extend(m.iter().map(|(k, v)| (k.as_ref(), v)));
                    sort_entries(&mut entries, scratch);
                    stack.push(Frame::MapSorted {
                        entries,
                        pos: 0,
                        saved,
                    });
                }
            }
        }
    }

    fn key(&mut self, k: &str) {
        self.write_indent();
        if k.len() <= 128 && self.plain_fast(k.as_bytes()) {
            self.write_indicator(b":", false, false, false);
            return;
        }
        let k = json_roundtrip_str(k);
        let b = k.as_bytes();
        let a = analyze(b);
        if !a.multiline && b.len() <= 128 {
            self.scalar(b, &a, true);
            self.write_indicator(b":", false, false, false);
        } else {
            self.write_indicator(b"?", true, false, true);
            self.scalar(b, &a, false);
            self.write_indent();
            self.write_indicator(b":", true, false, true);
        }
    }

    /// Most scalars of a Kubernetes object (names, labels, image references, quantities) are
    /// one word of printable ASCII: when `v` is one that go-yaml writes plain, writes it in
    /// one copy and returns true, skipping the character-by-character analysis. Otherwise
    /// writes nothing.
    fn plain_fast(&mut self, v: &[u8]) -> bool {
        let Some((&first, rest)) = v.split_first() else {
            return false;
        };
        // No indicator can start it; inside, `:` is one only before whitespace (here: at the
        // end) and `#` only after whitespace (there is none).
        let word = (first.is_ascii_alphanumeric() || first == b'/' || first == b'_')
            && rest.iter().all(|&c| matches!(c, 0x21..=0x7E))
            && v.last() != Some(&b':');
        if !word || !crate::go::yaml::plain_bytes_is_str(v) {
            return false;
        }
        self.plain_simple(v);
        true
    }

    fn empty_flow(&mut self, open: &[u8], close: &[u8]) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    /// A plain scalar known to be ASCII without spaces or breaks (null, bools, numbers, words).
    fn plain_simple(&mut self, v: &[u8]) {
        if !self.whitespace {
            self.put(b' ');
        }
        self.out.extend_from_slice(v);
        self.column += v.len();
        self.whitespace = false;
        self.indention = false;
    }

    fn scalar(&mut self, v: &[u8], a: &Analysis, simple_key: bool) {
        let style = choose_style(v, a, simple_key);
        let saved = self.indent;
        self.indent = if saved < 0 { 2 } else { saved + 2 };
        match style {
            Style::Plain => self.write_plain(v, !simple_key),
            Style::Single => self.write_single(v, !simple_key),
            Style::Double => self.write_double(v, !simple_key),
            Style::Literal => self.write_literal(v),
        }
        self.indent = saved;
    }

    #[inline]
    fn put(&mut self, b: u8) {
        self.out.push(b);
        self.column += 1;
    }

    #[inline]
    fn put_break(&mut self) {
        self.out.push(b'\n');
        self.column = 0;
    }

    /// Copies one character (or a run of plain ASCII) and advances `i`.
    #[inline]
    fn write_char(&mut self, v: &[u8], i: &mut usize) {
        let w = width(v[*i]);
        let end = (*i + w).min(v.len());
        self.out.extend_from_slice(&v[*i..end]);
        self.column += 1;
        *i = end;
    }

    fn write_all(&mut self, v: &[u8]) {
        let mut i = 0;
        while i < v.len() {
            self.write_char(v, &mut i);
        }
    }

    fn write_break(&mut self, v: &[u8], i: &mut usize) {
        if v[*i] == b'\n' {
            self.put_break();
            *i += 1;
        } else {
            self.write_char(v, i);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(b' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        ind: &[u8],
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(b' ');
        }
        self.write_all(ind);
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    /// Length of the run of bytes from `i` that need no special handling in
    /// any writer (printable ASCII except space and quote/escape characters).
    #[inline]
    fn boring_run(v: &[u8], i: usize) -> usize {
        v[i..]
            .iter()
            .take_while(|&&c| (0x21..=0x7E).contains(&c) && c != b'\'' && c != b'"' && c != b'\\')
            .count()
    }

    fn write_plain(&mut self, v: &[u8], allow_breaks: bool) {
        if !self.whitespace {
            self.put(b' ');
        }
        let (mut spaces, mut breaks) = (false, false);
        let mut i = 0;
        while i < v.len() {
            if v[i] == b' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && at(v, i + 1) != b' ' {
                    self.write_indent();
                    i += 1;
                } else {
                    self.write_char(v, &mut i);
                }
                spaces = true;
            } else if is_break(v, i) {
                if !breaks && v[i] == b'\n' {
                    self.put_break();
                }
                self.write_break(v, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                let run = Self::boring_run(v, i);
                if run > 1 {
                    self.out.extend_from_slice(&v[i..i + run]);
                    self.column += run;
                    i += run;
                } else {
                    self.write_char(v, &mut i);
                }
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, v: &[u8], allow_breaks: bool) {
        self.write_indicator(b"'", true, false, false);
        let (mut spaces, mut breaks) = (false, false);
        let mut i = 0;
        while i < v.len() {
            if v[i] == b' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i < v.len() - 1
                    && at(v, i + 1) != b' '
                {
                    self.write_indent();
                    i += 1;
                } else {
                    self.write_char(v, &mut i);
                }
                spaces = true;
            } else if is_break(v, i) {
                if !breaks && v[i] == b'\n' {
                    self.put_break();
                }
                self.write_break(v, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                let run = Self::boring_run(v, i);
                if run > 1 {
                    self.out.extend_from_slice(&v[i..i + run]);
                    self.column += run;
                    i += run;
                } else {
                    if v[i] == b'\'' {
                        self.put(b'\'');
                    }
                    self.write_char(v, &mut i);
                }
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator(b"'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, v: &[u8], allow_breaks: bool) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.write_indicator(b"\"", true, false, false);
        // go-yaml's is_bom() looks at the start of the value, not at `i`: a
        // value that begins with U+FEFF gets every character escaped.
        let escape_all = v.starts_with(&[0xEF, 0xBB, 0xBF]);
        let mut spaces = false;
        let mut i = 0;
        while i < v.len() {
            let c = v[i];
            if escape_all || !is_printable(v, i) || is_break(v, i) || c == b'"' || c == b'\\' {
                let w = width(c);
                let mut cp: u32 = match w {
                    1 => (c & 0x7F) as u32,
                    2 => (c & 0x1F) as u32,
                    3 => (c & 0x0F) as u32,
                    _ => (c & 0x07) as u32,
                };
                for k in 1..w {
                    cp = (cp << 6) + (at(v, i + k) & 0x3F) as u32;
                }
                i += w;
                self.put(b'\\');
                let esc = match cp {
                    0x00 => Some(b'0'),
                    0x07 => Some(b'a'),
                    0x08 => Some(b'b'),
                    0x09 => Some(b't'),
                    0x0A => Some(b'n'),
                    0x0B => Some(b'v'),
                    0x0C => Some(b'f'),
                    0x0D => Some(b'r'),
                    0x1B => Some(b'e'),
                    0x22 => Some(b'"'),
                    0x5C => Some(b'\\'),
                    0x85 => Some(b'N'),
                    0xA0 => Some(b'_'),
                    0x2028 => Some(b'L'),
                    0x2029 => Some(b'P'),
                    _ => None,
                };
                match esc {
                    Some(e) => self.put(e),
                    None => {
                        let digits = if cp <= 0xFF {
                            self.put(b'x');
                            2
                        } else if cp <= 0xFFFF {
                            self.put(b'u');
                            4
                        } else {
                            self.put(b'U');
                            8
                        };
                        for k in (0..digits).rev() {
                            self.put(HEX[((cp >> (4 * k)) & 0xF) as usize]);
                        }
                    }
                }
                spaces = false;
            } else if c == b' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i < v.len() - 1 {
                    self.write_indent();
                    if at(v, i + 1) == b' ' {
                        self.put(b'\\');
                    }
                    i += 1;
                } else {
                    self.write_char(v, &mut i);
                }
                spaces = true;
            } else {
                let run = Self::boring_run(v, i);
                if run > 1 {
                    self.out.extend_from_slice(&v[i..i + run]);
                    self.column += run;
                    i += run;
                } else {
                    self.write_char(v, &mut i);
                }
                spaces = false;
            }
        }
        self.write_indicator(b"\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, v: &[u8]) {
        self.write_indicator(b"|", true, false, false);
        // Block scalar hints.
        if at(v, 0) == b' ' || is_break(v, 0) {
            self.write_indicator(b"2", false, false, false);
        }
        let chomp: Option<&[u8]> = if v.is_empty() {
            Some(b"-")
        } else {
            let mut i = v.len() - 1;
            while i > 0 && (v[i] & 0xC0) == 0x80 {
                i -= 1;
            }
            if !is_break(v, i) {
                Some(b"-")
            } else if i == 0 {
                Some(b"+")
            } else {
                i -= 1;
                while i > 0 && (v[i] & 0xC0) == 0x80 {
                    i -= 1;
                }
                if is_break(v, i) { Some(b"+") } else { None }
            }
        };
        if let Some(c) = chomp {
            self.write_indicator(c, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        let mut i = 0;
        while i < v.len() {
            if is_break(v, i) {
                self.write_break(v, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                let run = v[i..]
                    .iter()
                    .take_while(|&&c| (0x20..=0x7E).contains(&c))
                    .count();
                if run > 1 {
                    self.out.extend_from_slice(&v[i..i + run]);
                    self.column += run;
                    i += run;
                } else {
                    self.write_char(v, &mut i);
                }
                self.indention = false;
                breaks = false;
            }
        }
    }
}

// Unicode 15.0 general-category ranges above U+007F (generated).
#[rustfmt::skip]
static LETTER_RANGES: [(u32, u32); 657] = [
    (0xAA, 0xAA), (0xB5, 0xB5), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2C1),
    (0x2C6, 0x2D1), (0x2E0, 0x2E4), (0x2EC, 0x2EC), (0x2EE, 0x2EE), (0x370, 0x374),
    (0x376, 0x377), (0x37A, 0x37D), (0x37F, 0x37F), (0x386, 0x386), (0x388, 0x38A),
    (0x38C, 0x38C), (0x38E, 0x3A1), (0x3A3, 0x3F5), (0x3F7, 0x481), (0x48A, 0x52F),
    (0x531, 0x556), (0x559, 0x559), (0x560, 0x588), (0x5D0, 0x5EA), (0x5EF, 0x5F2),
    (0x620, 0x64A), (0x66E, 0x66F), (0x671, 0x6D3), (0x6D5, 0x6D5), (0x6E5, 0x6E6),
    (0x6EE, 0x6EF), (0x6FA, 0x6FC), (0x6FF, 0x6FF), (0x710, 0x710), (0x712, 0x72F),
    (0x74D, 0x7A5), (0x7B1, 0x7B1), (0x7CA, 0x7EA), (0x7F4, 0x7F5), (0x7FA, 0x7FA),
    (0x800, 0x815), (0x81A, 0x81A), (0x824, 0x824), (0x828, 0x828), (0x840, 0x858),
    (0x860, 0x86A), (0x870, 0x887), (0x889, 0x88E), (0x8A0, 0x8C9), (0x904, 0x939),
    (0x93D, 0x93D), (0x950, 0x950), (0x958, 0x961), (0x971, 0x980), (0x985, 0x98C),
    (0x98F, 0x990), (0x993, 0x9A8), (0x9AA, 0x9B0), (0x9B2, 0x9B2), (0x9B6, 0x9B9),
    (0x9BD, 0x9BD), (0x9CE, 0x9CE), (0x9DC, 0x9DD), (0x9DF, 0x9E1), (0x9F0, 0x9F1),
    (0x9FC, 0x9FC), (0xA05, 0xA0A), (0xA0F, 0xA10), (0xA13, 0xA28), (0xA2A, 0xA30),
    (0xA32, 0xA33), (0xA35, 0xA36), (0xA38, 0xA39), (0xA59, 0xA5C), (0xA5E, 0xA5E),
    (0xA72, 0xA74), (0xA85, 0xA8D), (0xA8F, 0xA91), (0xA93, 0xAA8), (0xAAA, 0xAB0),
    (0xAB2, 0xAB3), (0xAB5, 0xAB9), (0xABD, 0xABD), (0xAD0, 0xAD0), (0xAE0, 0xAE1),
    (0xAF9, 0xAF9), (0xB05, 0xB0C), (0xB0F, 0xB10), (0xB13, 0xB28), (0xB2A, 0xB30),
    (0xB32, 0xB33), (0xB35, 0xB39), (0xB3D, 0xB3D), (0xB5C, 0xB5D), (0xB5F, 0xB61),
    (0xB71, 0xB71), (0xB83, 0xB83), (0xB85, 0xB8A), (0xB8E, 0xB90), (0xB92, 0xB95),
    (0xB99, 0xB9A), (0xB9C, 0xB9C), (0xB9E, 0xB9F), (0xBA3, 0xBA4), (0xBA8, 0xBAA),
    (0xBAE, 0xBB9), (0xBD0, 0xBD0), (0xC05, 0xC0C), (0xC0E, 0xC10), (0xC12, 0xC28),
    (0xC2A, 0xC39), (0xC3D, 0xC3D), (0xC58, 0xC5A), (0xC5D, 0xC5D), (0xC60, 0xC61),
    (0xC80, 0xC80), (0xC85, 0xC8C), (0xC8E, 0xC90), (0xC92, 0xCA8), (0xCAA, 0xCB3),
    (0xCB5, 0xCB9), (0xCBD, 0xCBD), (0xCDD, 0xCDE), (0xCE0, 0xCE1), (0xCF1, 0xCF2),
    (0xD04, 0xD0C), (0xD0E, 0xD10), (0xD12, 0xD3A), (0xD3D, 0xD3D), (0xD4E, 0xD4E),
    (0xD54, 0xD56), (0xD5F, 0xD61), (0xD7A, 0xD7F), (0xD85, 0xD96), (0xD9A, 0xDB1),
    (0xDB3, 0xDBB), (0xDBD, 0xDBD), (0xDC0, 0xDC6), (0xE01, 0xE30), (0xE32, 0xE33),
    (0xE40, 0xE46), (0xE81, 0xE82), (0xE84, 0xE84), (0xE86, 0xE8A), (0xE8C, 0xEA3),
    (0xEA5, 0xEA5), (0xEA7, 0xEB0), (0xEB2, 0xEB3), (0xEBD, 0xEBD), (0xEC0, 0xEC4),
    (0xEC6, 0xEC6), (0xEDC, 0xEDF), (0xF00, 0xF00), (0xF40, 0xF47), (0xF49, 0xF6C),
    (0xF88, 0xF8C), (0x1000, 0x102A), (0x103F, 0x103F), (0x1050, 0x1055), (0x105A, 0x105D),
    (0x1061, 0x1061), (0x1065, 0x1066), (0x106E, 0x1070), (0x1075, 0x1081), (0x108E, 0x108E),
    (0x10A0, 0x10C5), (0x10C7, 0x10C7), (0x10CD, 0x10CD), (0x10D0, 0x10FA), (0x10FC, 0x1248),
    (0x124A, 0x124D), (0x1250, 0x1256), (0x1258, 0x1258), (0x125A, 0x125D), (0x1260, 0x1288),
    (0x128A, 0x128D), (0x1290, 0x12B0), (0x12B2, 0x12B5), (0x12B8, 0x12BE), (0x12C0, 0x12C0),
    (0x12C2, 0x12C5), (0x12C8, 0x12D6), (0x12D8, 0x1310), (0x1312, 0x1315), (0x1318, 0x135A),
    (0x1380, 0x138F), (0x13A0, 0x13F5), (0x13F8, 0x13FD), (0x1401, 0x166C), (0x166F, 0x167F),
    (0x1681, 0x169A), (0x16A0, 0x16EA), (0x16F1, 0x16F8), (0x1700, 0x1711), (0x171F, 0x1731),
    (0x1740, 0x1751), (0x1760, 0x176C), (0x176E, 0x1770), (0x1780, 0x17B3), (0x17D7, 0x17D7),
    (0x17DC, 0x17DC), (0x1820, 0x1878), (0x1880, 0x1884), (0x1887, 0x18A8), (0x18AA, 0x18AA),
    (0x18B0, 0x18F5), (0x1900, 0x191E), (0x1950, 0x196D), (0x1970, 0x1974), (0x1980, 0x19AB),
    (0x19B0, 0x19C9), (0x1A00, 0x1A16), (0x1A20, 0x1A54), (0x1AA7, 0x1AA7), (0x1B05, 0x1B33),
    (0x1B45, 0x1B4C), (0x1B83, 0x1BA0), (0x1BAE, 0x1BAF), (0x1BBA, 0x1BE5), (0x1C00, 0x1C23),
    (0x1C4D, 0x1C4F), (0x1C5A, 0x1C7D), (0x1C80, 0x1C88), (0x1C90, 0x1CBA), (0x1CBD, 0x1CBF),
    (0x1CE9, 0x1CEC), (0x1CEE, 0x1CF3), (0x1CF5, 0x1CF6), (0x1CFA, 0x1CFA), (0x1D00, 0x1DBF),
    (0x1E00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4),
    (0x1FB6, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3),
    (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x2071, 0x2071),
    (0x207F, 0x207F), (0x2090, 0x209C), (0x2102, 0x2102), (0x2107, 0x2107), (0x210A, 0x2113),
    (0x2115, 0x2115), (0x2119, 0x211D), (0x2124, 0x2124), (0x2126, 0x2126), (0x2128, 0x2128),
    (0x212A, 0x212D), (0x212F, 0x2139), (0x213C, 0x213F), (0x2145, 0x2149), (0x214E, 0x214E),
    (0x2183, 0x2184), (0x2C00, 0x2CE4), (0x2CEB, 0x2CEE), (0x2CF2, 0x2CF3), (0x2D00, 0x2D25),
    (0x2D27, 0x2D27), (0x2D2D, 0x2D2D), (0x2D30, 0x2D67), (0x2D6F, 0x2D6F), (0x2D80, 0x2D96),
    (0x2DA0, 0x2DA6), (0x2DA8, 0x2DAE), (0x2DB0, 0x2DB6), (0x2DB8, 0x2DBE), (0x2DC0, 0x2DC6),
    (0x2DC8, 0x2DCE), (0x2DD0, 0x2DD6), (0x2DD8, 0x2DDE), (0x2E2F, 0x2E2F), (0x3005, 0x3006),
    (0x3031, 0x3035), (0x303B, 0x303C), (0x3041, 0x3096), (0x309D, 0x309F), (0x30A1, 0x30FA),
    (0x30FC, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E), (0x31A0, 0x31BF), (0x31F0, 0x31FF),
    (0x3400, 0x4DBF), (0x4E00, 0xA48C), (0xA4D0, 0xA4FD), (0xA500, 0xA60C), (0xA610, 0xA61F),
    (0xA62A, 0xA62B), (0xA640, 0xA66E), (0xA67F, 0xA69D), (0xA6A0, 0xA6E5), (0xA717, 0xA71F),
    (0xA722, 0xA788), (0xA78B, 0xA7CA), (0xA7D0, 0xA7D1), (0xA7D3, 0xA7D3), (0xA7D5, 0xA7D9),
    (0xA7F2, 0xA801), (0xA803, 0xA805), (0xA807, 0xA80A), (0xA80C, 0xA822), (0xA840, 0xA873),
    (0xA882, 0xA8B3), (0xA8F2, 0xA8F7), (0xA8FB, 0xA8FB), (0xA8FD, 0xA8FE), (0xA90A, 0xA925),
    (0xA930, 0xA946), (0xA960, 0xA97C), (0xA984, 0xA9B2), (0xA9CF, 0xA9CF), (0xA9E0, 0xA9E4),
    (0xA9E6, 0xA9EF), (0xA9FA, 0xA9FE), (0xAA00, 0xAA28), (0xAA40, 0xAA42), (0xAA44, 0xAA4B),
    (0xAA60, 0xAA76), (0xAA7A, 0xAA7A), (0xAA7E, 0xAAAF), (0xAAB1, 0xAAB1), (0xAAB5, 0xAAB6),
    (0xAAB9, 0xAABD), (0xAAC0, 0xAAC0), (0xAAC2, 0xAAC2), (0xAADB, 0xAADD), (0xAAE0, 0xAAEA),
    (0xAAF2, 0xAAF4), (0xAB01, 0xAB06), (0xAB09, 0xAB0E), (0xAB11, 0xAB16), (0xAB20, 0xAB26),
    (0xAB28, 0xAB2E), (0xAB30, 0xAB5A), (0xAB5C, 0xAB69), (0xAB70, 0xABE2), (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFA6D), (0xFA70, 0xFAD9), (0xFB00, 0xFB06),
    (0xFB13, 0xFB17), (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB36), (0xFB38, 0xFB3C),
    (0xFB3E, 0xFB3E), (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFBB1), (0xFBD3, 0xFD3D),
    (0xFD50, 0xFD8F), (0xFD92, 0xFDC7), (0xFDF0, 0xFDFB), (0xFE70, 0xFE74), (0xFE76, 0xFEFC),
    (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF66, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC), (0x10000, 0x1000B), (0x1000D, 0x10026),
    (0x10028, 0x1003A), (0x1003C, 0x1003D), (0x1003F, 0x1004D), (0x10050, 0x1005D),
    (0x10080, 0x100FA), (0x10280, 0x1029C), (0x102A0, 0x102D0), (0x10300, 0x1031F),
    (0x1032D, 0x10340), (0x10342, 0x10349), (0x10350, 0x10375), (0x10380, 0x1039D),
    (0x103A0, 0x103C3), (0x103C8, 0x103CF), (0x10400, 0x1049D), (0x104B0, 0x104D3),
    (0x104D8, 0x104FB), (0x10500, 0x10527), (0x10530, 0x10563), (0x10570, 0x1057A),
    (0x1057C, 0x1058A), (0x1058C, 0x10592), (0x10594, 0x10595), (0x10597, 0x105A1),
    (0x105A3, 0x105B1), (0x105B3, 0x105B9), (0x105BB, 0x105BC), (0x10600, 0x10736),
    (0x10740, 0x10755), (0x10760, 0x10767), (0x10780, 0x10785), (0x10787, 0x107B0),
    (0x107B2, 0x107BA), (0x10800, 0x10805), (0x10808, 0x10808), (0x1080A, 0x10835),
    (0x10837, 0x10838), (0x1083C, 0x1083C), (0x1083F, 0x10855), (0x10860, 0x10876),
    (0x10880, 0x1089E), (0x108E0, 0x108F2), (0x108F4, 0x108F5), (0x10900, 0x10915),
    (0x10920, 0x10939), (0x10980, 0x109B7), (0x109BE, 0x109BF), (0x10A00, 0x10A00),
    (0x10A10, 0x10A13), (0x10A15, 0x10A17), (0x10A19, 0x10A35), (0x10A60, 0x10A7C),
    (0x10A80, 0x10A9C), (0x10AC0, 0x10AC7), (0x10AC9, 0x10AE4), (0x10B00, 0x10B35),
    (0x10B40, 0x10B55), (0x10B60, 0x10B72), (0x10B80, 0x10B91), (0x10C00, 0x10C48),
    (0x10C80, 0x10CB2), (0x10CC0, 0x10CF2), (0x10D00, 0x10D23), (0x10E80, 0x10EA9),
    (0x10EB0, 0x10EB1), (0x10F00, 0x10F1C), (0x10F27, 0x10F27), (0x10F30, 0x10F45),
    (0x10F70, 0x10F81), (0x10FB0, 0x10FC4), (0x10FE0, 0x10FF6), (0x11003, 0x11037),
    (0x11071, 0x11072), (0x11075, 0x11075), (0x11083, 0x110AF), (0x110D0, 0x110E8),
    (0x11103, 0x11126), (0x11144, 0x11144), (0x11147, 0x11147), (0x11150, 0x11172),
    (0x11176, 0x11176), (0x11183, 0x111B2), (0x111C1, 0x111C4), (0x111DA, 0x111DA),
    (0x111DC, 0x111DC), (0x11200, 0x11211), (0x11213, 0x1122B), (0x1123F, 0x11240),
    (0x11280, 0x11286), (0x11288, 0x11288), (0x1128A, 0x1128D), (0x1128F, 0x1129D),
    (0x1129F, 0x112A8), (0x112B0, 0x112DE), (0x11305, 0x1130C), (0x1130F, 0x11310),
    (0x11313, 0x11328), (0x1132A, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339),
    (0x1133D, 0x1133D), (0x11350, 0x11350), (0x1135D, 0x11361), (0x11400, 0x11434),
    (0x11447, 0x1144A), (0x1145F, 0x11461), (0x11480, 0x114AF), (0x114C4, 0x114C5),
    (0x114C7, 0x114C7), (0x11580, 0x115AE), (0x115D8, 0x115DB), (0x11600, 0x1162F),
    (0x11644, 0x11644), (0x11680, 0x116AA), (0x116B8, 0x116B8), (0x11700, 0x1171A),
    (0x11740, 0x11746), (0x11800, 0x1182B), (0x118A0, 0x118DF), (0x118FF, 0x11906),
    (0x11909, 0x11909), (0x1190C, 0x11913), (0x11915, 0x11916), (0x11918, 0x1192F),
    (0x1193F, 0x1193F), (0x11941, 0x11941), (0x119A0, 0x119A7), (0x119AA, 0x119D0),
    (0x119E1, 0x119E1), (0x119E3, 0x119E3), (0x11A00, 0x11A00), (0x11A0B, 0x11A32),
    (0x11A3A, 0x11A3A), (0x11A50, 0x11A50), (0x11A5C, 0x11A89), (0x11A9D, 0x11A9D),
    (0x11AB0, 0x11AF8), (0x11C00, 0x11C08), (0x11C0A, 0x11C2E), (0x11C40, 0x11C40),
    (0x11C72, 0x11C8F), (0x11D00, 0x11D06), (0x11D08, 0x11D09), (0x11D0B, 0x11D30),
    (0x11D46, 0x11D46), (0x11D60, 0x11D65), (0x11D67, 0x11D68), (0x11D6A, 0x11D89),
    (0x11D98, 0x11D98), (0x11EE0, 0x11EF2), (0x11F02, 0x11F02), (0x11F04, 0x11F10),
    (0x11F12, 0x11F33), (0x11FB0, 0x11FB0), (0x12000, 0x12399), (0x12480, 0x12543),
    (0x12F90, 0x12FF0), (0x13000, 0x1342E), (0x13441, 0x13446), (0x14400, 0x14646),
    (0x16800, 0x16A38), (0x16A40, 0x16A5E), (0x16A70, 0x16ABE), (0x16AD0, 0x16AED),
    (0x16B00, 0x16B2F), (0x16B40, 0x16B43), (0x16B63, 0x16B77), (0x16B7D, 0x16B8F),
    (0x16E40, 0x16E7F), (0x16F00, 0x16F4A), (0x16F50, 0x16F50), (0x16F93, 0x16F9F),
    (0x16FE0, 0x16FE1), (0x16FE3, 0x16FE3), (0x17000, 0x187F7), (0x18800, 0x18CD5),
    (0x18D00, 0x18D08), (0x1AFF0, 0x1AFF3), (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122), (0x1B132, 0x1B132), (0x1B150, 0x1B152), (0x1B155, 0x1B155),
    (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1BC00, 0x1BC6A), (0x1BC70, 0x1BC7C),
    (0x1BC80, 0x1BC88), (0x1BC90, 0x1BC99), (0x1D400, 0x1D454), (0x1D456, 0x1D49C),
    (0x1D49E, 0x1D49F), (0x1D4A2, 0x1D4A2), (0x1D4A5, 0x1D4A6), (0x1D4A9, 0x1D4AC),
    (0x1D4AE, 0x1D4B9), (0x1D4BB, 0x1D4BB), (0x1D4BD, 0x1D4C3), (0x1D4C5, 0x1D505),
    (0x1D507, 0x1D50A), (0x1D50D, 0x1D514), (0x1D516, 0x1D51C), (0x1D51E, 0x1D539),
    (0x1D53B, 0x1D53E), (0x1D540, 0x1D544), (0x1D546, 0x1D546), (0x1D54A, 0x1D550),
    (0x1D552, 0x1D6A5), (0x1D6A8, 0x1D6C0), (0x1D6C2, 0x1D6DA), (0x1D6DC, 0x1D6FA),
    (0x1D6FC, 0x1D714), (0x1D716, 0x1D734), (0x1D736, 0x1D74E), (0x1D750, 0x1D76E),
    (0x1D770, 0x1D788), (0x1D78A, 0x1D7A8), (0x1D7AA, 0x1D7C2), (0x1D7C4, 0x1D7CB),
    (0x1DF00, 0x1DF1E), (0x1DF25, 0x1DF2A), (0x1E030, 0x1E06D), (0x1E100, 0x1E12C),
    (0x1E137, 0x1E13D), (0x1E14E, 0x1E14E), (0x1E290, 0x1E2AD), (0x1E2C0, 0x1E2EB),
    (0x1E4D0, 0x1E4EB), (0x1E7E0, 0x1E7E6), (0x1E7E8, 0x1E7EB), (0x1E7ED, 0x1E7EE),
    (0x1E7F0, 0x1E7FE), (0x1E800, 0x1E8C4), (0x1E900, 0x1E943), (0x1E94B, 0x1E94B),
    (0x1EE00, 0x1EE03), (0x1EE05, 0x1EE1F), (0x1EE21, 0x1EE22), (0x1EE24, 0x1EE24),
    (0x1EE27, 0x1EE27), (0x1EE29, 0x1EE32), (0x1EE34, 0x1EE37), (0x1EE39, 0x1EE39),
    (0x1EE3B, 0x1EE3B), (0x1EE42, 0x1EE42), (0x1EE47, 0x1EE47), (0x1EE49, 0x1EE49),
    (0x1EE4B, 0x1EE4B), (0x1EE4D, 0x1EE4F), (0x1EE51, 0x1EE52), (0x1EE54, 0x1EE54),
    (0x1EE57, 0x1EE57), (0x1EE59, 0x1EE59), (0x1EE5B, 0x1EE5B), (0x1EE5D, 0x1EE5D),
    (0x1EE5F, 0x1EE5F), (0x1EE61, 0x1EE62), (0x1EE64, 0x1EE64), (0x1EE67, 0x1EE6A),
    (0x1EE6C, 0x1EE72), (0x1EE74, 0x1EE77), (0x1EE79, 0x1EE7C), (0x1EE7E, 0x1EE7E),
    (0x1EE80, 0x1EE89), (0x1EE8B, 0x1EE9B), (0x1EEA1, 0x1EEA3), (0x1EEA5, 0x1EEA9),
    (0x1EEAB, 0x1EEBB), (0x20000, 0x2A6DF), (0x2A700, 0x2B739), (0x2B740, 0x2B81D),
    (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0), (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
    (0x31350, 0x323AF),
];
#[rustfmt::skip]
static DIGIT_RANGES: [(u32, u32); 63] = [
    (0x660, 0x669), (0x6F0, 0x6F9), (0x7C0, 0x7C9), (0x966, 0x96F), (0x9E6, 0x9EF),
    (0xA66, 0xA6F), (0xAE6, 0xAEF), (0xB66, 0xB6F), (0xBE6, 0xBEF), (0xC66, 0xC6F),
    (0xCE6, 0xCEF), (0xD66, 0xD6F), (0xDE6, 0xDEF), (0xE50, 0xE59), (0xED0, 0xED9),
    (0xF20, 0xF29), (0x1040, 0x1049), (0x1090, 0x1099), (0x17E0, 0x17E9), (0x1810, 0x1819),
    (0x1946, 0x194F), (0x19D0, 0x19D9), (0x1A80, 0x1A89), (0x1A90, 0x1A99), (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9), (0x1C40, 0x1C49), (0x1C50, 0x1C59), (0xA620, 0xA629), (0xA8D0, 0xA8D9),
    (0xA900, 0xA909), (0xA9D0, 0xA9D9), (0xA9F0, 0xA9F9), (0xAA50, 0xAA59), (0xABF0, 0xABF9),
    (0xFF10, 0xFF19), (0x104A0, 0x104A9), (0x10D30, 0x10D39), (0x11066, 0x1106F),
    (0x110F0, 0x110F9), (0x11136, 0x1113F), (0x111D0, 0x111D9), (0x112F0, 0x112F9),
    (0x11450, 0x11459), (0x114D0, 0x114D9), (0x11650, 0x11659), (0x116C0, 0x116C9),
    (0x11730, 0x11739), (0x118E0, 0x118E9), (0x11950, 0x11959), (0x11C50, 0x11C59),
    (0x11D50, 0x11D59), (0x11DA0, 0x11DA9), (0x11F50, 0x11F59), (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9), (0x16B50, 0x16B59), (0x1D7CE, 0x1D7FF), (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9), (0x1E4F0, 0x1E4F9), (0x1E950, 0x1E959), (0x1FBF0, 0x1FBF9),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn y(v: &serde_json::Value) -> String {
        let text = v.to_string();
        let mut out = Vec::new();
        write_yaml(&Tree::parse(&text).unwrap(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn key_order() {
        assert_eq!(yaml_key_cmp("z9", "z10"), Ordering::Less);
        assert_eq!(yaml_key_cmp("a0", "a00"), Ordering::Less);
        assert_eq!(yaml_key_cmp("a_b", "ab"), Ordering::Less);
        assert_eq!(yaml_key_cmp("B", "a"), Ordering::Less);
        assert_eq!(yaml_key_cmp("x", "x"), Ordering::Equal);
    }

    // Expected texts are kubectl 1.32 output for the same objects.
    #[test]
    fn scalars() {
        let v = json!({"spec": {"a": "yes", "b": "0110", "c": "1:20", "d": "2024-01-15",
            "e": "- x", "f": "", "g": "x\u{1b}[31my", "h": "a\tb", "i": "😀", "n": 1e21,
            "o": 12345678901234567890u64, "p": -0.0, "q": "\u{feff}a", "r": ".2_40e99", "y": null}});
        assert_eq!(
            y(&v),
            "spec:\n  a: \"yes\"\n  b: \"0110\"\n  c: \"1:20\"\n  d: \"2024-01-15\"\n  e: '- x'\n  \
             f: \"\"\n  g: \"x\\e[31my\"\n  h: \"a\\tb\"\n  i: \"\\U0001F600\"\n  \"n\": 1e+21\n  \
             o: 12345678901234567000\n  p: 0\n  q: \"\\uFEFF\\x61\"\n  r: \".2_40e99\"\n  \"y\": null\n"
        );
    }

    #[test]
    fn blocks_and_folding() {
        let long =
            "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq";
        let v = json!({"spec": {"l": ["x", [], {}, {"k": [1]}], "m": "a\nb\n\n", "s": long, "t": " x\ny"}});
        assert_eq!(
            y(&v),
            "spec:\n  l:\n  - x\n  - []\n  - {}\n  - k:\n    - 1\n  m: |+\n    a\n    b\n\n  \
             s: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp\n    \
             qqqq\n  t: |2-\n     x\n    y\n"
        );
    }
}
