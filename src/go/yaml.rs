//! go-yaml v2's scalar resolution (`resolve.go`, and `isBase60Float` from `encode.go`): what a
//! plain (unquoted) scalar reads as. The config linter decodes with it (the kubelet reads its
//! config through sigs.k8s.io/yaml, which is go-yaml v2), and the YAML emitter asks it whether a
//! string may be written plain (kubectl's `-o yaml` quotes any string that would read back as
//! something else). Checked against go-yaml v2 itself in `go::tests`.

use super::strconv::{parse_int_kind, parse_uint, underscore_ok};

/// What a plain scalar decodes to in an `interface{}` (go-yaml v2, no explicit tag).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    /// Past `i64` but within `u64`: go-yaml v2 returns a `uint64`.
    Uint(u64),
    Float(f64),
    /// A timestamp: a `time.Time` for a typed target, but the plain string again when decoded
    /// into `interface{}` (go-yaml v2 keeps the text for compatibility).
    Timestamp,
    Str,
}

/// Resolves a plain scalar as go-yaml v2 does.
pub fn resolve(s: &str) -> Resolved {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Resolved::Null;
    };
    if !has_hint(first) {
        return Resolved::Str;
    }
    if let Some(v) = from_resolve_map(s) {
        return v;
    }
    match first {
        b'.' => match dot_float(b) {
            Some(f) => Resolved::Float(f),
            None => Resolved::Str,
        },
        b'+' | b'-' | b'0'..=b'9' => number_or_time(s),
        _ => Resolved::Str,
    }
}

/// Whether go-yaml v2's encoder may write the string `s` plain: it resolves to a string and is
/// not a YAML 1.1 base-60 float (`encode.go`'s `stringv`).
pub fn plain_is_str(s: &str) -> bool {
    !s.is_empty() && resolve(s) == Resolved::Str && !is_base60_float(s.as_bytes())
}

/// [`plain_is_str`] on the bytes of a `str`, deciding most strings by their first byte alone:
/// the emitter asks this for every scalar of every object.
pub fn plain_bytes_is_str(b: &[u8]) -> bool {
    match b.first() {
        None => false,
        Some(&c) if has_hint(c) => std::str::from_utf8(b).is_ok_and(plain_is_str),
        Some(_) => true,
    }
}

/// `resolve.go`'s `resolveTable`: only a scalar starting with one of these can be anything
/// but a string.
fn has_hint(first: u8) -> bool {
    first.is_ascii_digit() || b"+-.yYnNtTfFoO~".contains(&first)
}

fn from_resolve_map(s: &str) -> Option<Resolved> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Resolved::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Resolved::Bool(false)
        }
        "~" | "null" | "Null" | "NULL" => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Resolved::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Resolved::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

/// The `'D'` hint of `resolve.go`: a timestamp, then (underscores removed) `ParseInt(s, 0, 64)`,
/// `ParseUint(s, 0, 64)`, a YAML-style float, and the `0b` / `-0b` binary forms.
fn number_or_time(s: &str) -> Resolved {
    if is_timestamp(s.as_bytes()) {
        return Resolved::Timestamp;
    }
    let plain: std::borrow::Cow<'_, str> = if s.contains('_') {
        s.replace('_', "").into()
    } else {
        s.into()
    };
    if let Ok(i) = parse_int_kind(&plain, 0, 64) {
        return Resolved::Int(i);
    }
    if let Ok(u) = parse_uint(&plain, 0, 64) {
        return Resolved::Uint(u);
    }
    if yaml_style_float(plain.as_bytes())
        && let Ok(f) = plain.parse::<f64>()
        && f.is_finite()
    {
        return Resolved::Float(f);
    }
    if let Some(rest) = plain.strip_prefix("0b") {
        if let Ok(i) = parse_int_kind(rest, 2, 64) {
            return Resolved::Int(i);
        }
        if let Ok(u) = parse_uint(rest, 2, 64) {
            return Resolved::Uint(u);
        }
    } else if let Some(rest) = plain.strip_prefix("-0b")
        && let Ok(i) = parse_int_kind(&format!("-{rest}"), 2, 64)
    {
        return Resolved::Int(i);
    }
    Resolved::Str
}

/// `strconv.ParseFloat` of a scalar starting with `.` (Go literal syntax, so `_` may separate
/// digits): the value, or `None` when Go refuses it (bad syntax, overflow).
fn dot_float(s: &[u8]) -> Option<f64> {
    if !dot_float_ok(s) {
        return None;
    }
    let text: String = s
        .iter()
        .filter(|&&c| c != b'_')
        .map(|&c| c as char)
        .collect();
    // Go refuses what overflows (`.1e400`); Rust would give infinity.
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Go strconv.ParseFloat success for a string starting with '.' (Go literal
/// syntax, so '_' may separate digits).
fn dot_float_ok(s: &[u8]) -> bool {
    let n = s.len();
    let mut i = 1;
    let mut digits = false;
    while i < n && (s[i].is_ascii_digit() || s[i] == b'_') {
        digits |= s[i] != b'_';
        i += 1;
    }
    if !digits {
        return false;
    }
    if i < n && (s[i] | 0x20) == b'e' {
        i += 1;
        if i < n && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        if i >= n || !s[i].is_ascii_digit() {
            return false;
        }
        while i < n && (s[i].is_ascii_digit() || s[i] == b'_') {
            i += 1;
        }
    }
    // Only digits, `.`, `e`, signs and `_` got here: ASCII.
    i == n && (!s.contains(&b'_') || std::str::from_utf8(s).is_ok_and(underscore_ok))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &[u8]) -> bool {
    // How many ASCII digits start at `i`; moves `i` past them.
    let digits = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    if s.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if s.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
pub fn is_base60_float(s: &[u8]) -> bool {
    if !s.contains(&b':') {
        return false;
    }
    let n = s.len();
    let mut i = 0;
    if i < n && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    if i >= n || !s[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < n && (s[i].is_ascii_digit() || s[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < n && s[i] == b':' {
        i += 1;
        if i + 1 < n && (b'0'..=b'5').contains(&s[i]) && s[i + 1].is_ascii_digit() {
            i += 2;
        } else if i < n && s[i].is_ascii_digit() {
            i += 1;
        } else {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < n && s[i] == b'.' {
        i += 1;
        while i < n && (s[i].is_ascii_digit() || s[i] == b'_') {
            i += 1;
        }
    }
    i == n
}

#[derive(Clone, Copy)]
enum TsFormat {
    UpperT,
    LowerT,
    Space,
    DateOnly,
}

/// go-yaml v2 parseTimestamp: time.Parse with the four allowed layouts.
fn is_timestamp(s: &[u8]) -> bool {
    let lead = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if lead != 4 || lead == s.len() || s[4] != b'-' {
        return false;
    }
    [
        TsFormat::UpperT,
        TsFormat::LowerT,
        TsFormat::Space,
        TsFormat::DateOnly,
    ]
    .iter()
    .any(|&f| parse_time(s, f))
}

fn getnum(s: &[u8], p: &mut usize, fixed: bool) -> Option<u32> {
    let d0 = *s.get(*p).filter(|c| c.is_ascii_digit())?;
    match s.get(*p + 1).filter(|c| c.is_ascii_digit()) {
        Some(&d1) => {
            *p += 2;
            Some((d0 - b'0') as u32 * 10 + (d1 - b'0') as u32)
        }
        None if fixed => None,
        None => {
            *p += 1;
            Some((d0 - b'0') as u32)
        }
    }
}

fn expect(s: &[u8], p: &mut usize, c: u8) -> Option<()> {
    if s.get(*p) == Some(&c) {
        *p += 1;
        Some(())
    } else {
        None
    }
}

fn parse_time(s: &[u8], f: TsFormat) -> bool {
    parse_time_opt(s, f).is_some()
}

fn parse_time_opt(s: &[u8], f: TsFormat) -> Option<()> {
    let year = s[..4].iter().fold(0u32, |a, &c| a * 10 + (c - b'0') as u32);
    let mut p = 4;
    expect(s, &mut p, b'-')?;
    let month = getnum(s, &mut p, false)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    expect(s, &mut p, b'-')?;
    let day = getnum(s, &mut p, false)?;
    match f {
        TsFormat::DateOnly => {}
        TsFormat::UpperT | TsFormat::LowerT => {
            expect(
                s,
                &mut p,
                if matches!(f, TsFormat::UpperT) {
                    b'T'
                } else {
                    b't'
                },
            )?;
            clock(s, &mut p)?;
            if s.get(p) == Some(&b'Z') {
                p += 1;
            } else {
                if s.len() < p + 6 || s[p + 3] != b':' {
                    return None;
                }
                let sign = s[p];
                let mut q = p + 1;
                let hr = getnum(s, &mut q, true)?;
                let mut q = p + 4;
                let mm = getnum(s, &mut q, true)?;
                if hr > 24 || mm > 60 || (sign != b'+' && sign != b'-') {
                    return None;
                }
                p += 6;
            }
        }
        TsFormat::Space => {
            if p < s.len() && s[p] != b' ' {
                return None;
            }
            while p < s.len() && s[p] == b' ' {
                p += 1;
            }
            clock(s, &mut p)?;
        }
    }
    if p != s.len() {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return None;
    }
    Some(())
}

/// `15:4:5` plus an optional `.999999999` (',' also accepted) fraction.
fn clock(s: &[u8], p: &mut usize) -> Option<()> {
    let h = getnum(s, p, false)?;
    expect(s, p, b':')?;
    let m = getnum(s, p, false)?;
    expect(s, p, b':')?;
    let sec = getnum(s, p, false)?;
    if h >= 24 || m >= 60 || sec >= 60 {
        return None;
    }
    if *p + 1 < s.len() && (s[*p] == b'.' || s[*p] == b',') && s[*p + 1].is_ascii_digit() {
        *p += 1;
        while *p < s.len() && s[*p].is_ascii_digit() {
            *p += 1;
        }
    }
    Some(())
}
