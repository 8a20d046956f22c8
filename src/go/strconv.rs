//! Go's `strconv` as the kubelet and kubectl use it: `Quote` (Go's `%q`, in the kubelet's error
//! texts), `ParseInt` with Go's bases, underscores and error texts, and float formatting as
//! `FormatFloat(f, 'g', -1, 64)` (go-yaml v2) and `encoding/json` print it.

/// `strconv.Quote`: double quotes; `\a \b \f \n \r \t \v \\ \"`; `\xNN` for other C0 controls
/// and DEL; `\uNNNN` / `\UNNNNNNNN` for what Go does not call printable.
pub fn quote(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if !is_print(c) => {
                if (c as u32) < 0x10000 {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
/// Rust's standard library has no general categories, so this names what Go leaves out:
/// controls, other spaces, line and paragraph separators, format characters, private use and
/// noncharacters. Unassigned code points are treated as printable (Go escapes them).
fn is_print(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    !matches!(c as u32,
        0xA0 | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890 | 0x891 | 0x8E2
        | 0x1680 | 0x180E | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064
        | 0x2066..=0x206F | 0x3000 | 0xD800..=0xDFFF | 0xE000..=0xF8FF | 0xFDD0..=0xFDEF
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F | 0xF0000..=0x10FFFF)
        && (c as u32) & 0xFFFE != 0xFFFE
}

/// Why a Go integer parse failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntError {
    Syntax,
    Range,
}

/// `strconv.ParseUint(s, base, bits)`: base 0 reads a `0b`, `0o`, `0x` or legacy `0` prefix
/// and allows `_` between digits; other bases take plain digits.
pub fn parse_uint(s: &str, base: u32, bits: u32) -> Result<u64, IntError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(IntError::Syntax);
    }
    let base0 = base == 0;
    let (base, digits) = if base0 {
        match b {
            [b'0', p, ..] if b.len() >= 3 && matches!(p | 0x20, b'b' | b'o' | b'x') => (
                match p | 0x20 {
                    b'b' => 2,
                    b'o' => 8,
                    _ => 16,
                },
                &b[2..],
            ),
            [b'0', ..] => (8, &b[1..]),
            _ => (10, b),
        }
    } else {
        (base, b)
    };
    let max: u64 = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let cutoff = u64::MAX / base as u64 + 1;
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => (c - b'0') as u32,
            _ if (c | 0x20).is_ascii_lowercase() => ((c | 0x20) - b'a') as u32 + 10,
            _ => return Err(IntError::Syntax),
        };
        if d >= base {
            return Err(IntError::Syntax);
        }
        if n >= cutoff {
            return Err(IntError::Range);
        }
        n *= base as u64;
        match n.checked_add(d as u64) {
            Some(n1) if n1 <= max => n = n1,
            _ => return Err(IntError::Range),
        }
    }
    if underscores && !underscore_ok(s) {
        return Err(IntError::Syntax);
    }
    Ok(n)
}

/// `strconv.ParseInt(s, base, bits)`, the error kind only.
pub fn parse_int_kind(s: &str, base: u32, bits: u32) -> Result<i64, IntError> {
    let (neg, rest) = match s.as_bytes().first() {
        None => return Err(IntError::Syntax),
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        Some(_) => (false, s),
    };
    let un = parse_uint(rest, base, bits)?;
    let cutoff = 1u64 << (bits.clamp(1, 64) - 1);
    if (!neg && un >= cutoff) || (neg && un > cutoff) {
        return Err(IntError::Range);
    }
    Ok(if neg {
        (un as i64).wrapping_neg()
    } else {
        un as i64
    })
}

/// `strconv.ParseInt(s, base, bits)` with Go's error text
/// (`strconv.ParseInt: parsing "x": invalid syntax`).
pub fn parse_int(s: &str, base: u32, bits: u32) -> Result<i64, String> {
    parse_int_kind(s, base, bits).map_err(|e| {
        format!(
            "strconv.ParseInt: parsing {}: {}",
            quote(s),
            match e {
                IntError::Syntax => "invalid syntax",
                IntError::Range => "value out of range",
            }
        )
    })
}

/// strconv's `underscoreOK`: each `_` sits between digits, or between a base prefix and a digit.
pub fn underscore_ok(s: &str) -> bool {
    let mut b = s.as_bytes();
    if let [b'+' | b'-', rest @ ..] = b {
        b = rest;
    }
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1] | 0x20 == b'x';
    }
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() || (hex && (b'a'..=b'f').contains(&(c | 0x20))) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

/// The shortest decimal digits that read back as `v` (finite), as strconv finds them.
pub struct Decimal {
    pub neg: bool,
    /// ASCII digits without leading or trailing zeros (`"0"` for zero).
    pub digits: String,
    /// Decimal point position: the value is `0.digits × 10^point`.
    pub point: i32,
}

impl Decimal {
    pub fn shortest(v: f64) -> Decimal {
        let mut sci = format!("{v:e}");
        // Shortest length is unique, but when two candidates of that length are equally close
        // Go rounds half to even where Rust's shortest mode rounds up; the exactly rounded
        // form at that length (ties to even) is Go's whenever it still reads back as `v`.
        let len = sci
            .bytes()
            .take_while(|&c| c != b'e')
            .filter(u8::is_ascii_digit)
            .count();
        if len > 1 {
            let exact = format!("{:.*e}", len - 1, v);
            if exact
                .parse::<f64>()
                .is_ok_and(|f| f.to_bits() == v.to_bits())
            {
                sci = exact;
            }
        }
        let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let neg = mantissa.starts_with('-');
        let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        while digits.len() > 1 && digits.ends_with('0') {
            digits.pop();
        }
        Decimal {
            neg,
            digits,
            point: exp + 1,
        }
    }

    fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// `%e` with the shortest digits: `1.5e+06`, `1e-07`.
    fn write_e(&self, out: &mut String) {
        let (first, rest) = self.digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let exp = if self.is_zero() { 0 } else { self.point - 1 };
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        if exp.unsigned_abs() < 10 {
            out.push('0');
        }
        out.push_str(&exp.unsigned_abs().to_string());
    }

    /// `%f` with the shortest digits: `0.000001`, `100000000000000000000`, `12345.6789`.
    fn write_f(&self, out: &mut String) {
        let nd = self.digits.len() as i32;
        if self.is_zero() {
            out.push('0');
        } else if self.point <= 0 {
            out.push_str("0.");
            (0..-self.point).for_each(|_| out.push('0'));
            out.push_str(&self.digits);
        } else if self.point >= nd {
            out.push_str(&self.digits);
            (0..self.point - nd).for_each(|_| out.push('0'));
        } else {
            let (int, frac) = self.digits.split_at(self.point as usize);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        }
    }
}

/// `strconv.FormatFloat(v, 'g', -1, 64)`: `%e` when the decimal exponent is below -4 or at
/// least 6 (Go's rule for the shortest form), else `%f`; `+Inf`, `-Inf`, `NaN`.
pub fn format_float_g(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let d = Decimal::shortest(v);
    let mut out = String::with_capacity(24);
    if d.neg {
        out.push('-');
    }
    let exp = if d.is_zero() { 0 } else { d.point - 1 };
    if !(-4..6).contains(&exp) {
        d.write_e(&mut out);
    } else {
        d.write_f(&mut out);
    }
    out
}

/// How `encoding/json` marshals a float64: `%f` (shortest) for magnitudes in [1e-6, 1e21) and
/// zero, else `%e` with a one-digit negative exponent unpadded (`1e-7`, `1e+21`). `None` for
/// NaN and infinities, which JSON cannot hold.
pub fn format_float_json(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    let d = Decimal::shortest(v);
    let mut out = String::with_capacity(24);
    if d.neg {
        out.push('-');
    }
    let abs = v.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        d.write_e(&mut out);
        if let Some(pos) = out.rfind("e-0")
            && pos + 4 == out.len()
        {
            out.remove(pos + 2);
        }
    } else {
        d.write_f(&mut out);
    }
    Some(out)
}
