//! Go's `time.ParseDuration` grammar (what `metav1.Duration` and the kubelet's flags use) and
//! `time.Duration.String()`, with Go's error texts. Checked against Go itself in `go::tests`.

/// The `time` package's own `quote` (not `strconv.Quote`): `"` and `\` escaped, every byte of
/// a control or non-ASCII character as `\xNN`.
fn time_quote(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if (c as u32) < 0x20 || !c.is_ascii() {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "\\x{b:02x}");
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Parses a Go duration string into nanoseconds. The error text is Go's.
pub fn parse(s: &str) -> Result<i64, String> {
    let orig = s;
    let quoted = || time_quote(orig);
    let mut s = s;
    let mut neg = false;
    if let Some(r) = s.strip_prefix('-') {
        neg = true;
        s = r;
    } else if let Some(r) = s.strip_prefix('+') {
        s = r;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(format!("time: invalid duration {}", quoted()));
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(format!("time: invalid duration {}", quoted()));
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        let mut had_dot = false;
        if let Some(r) = s.strip_prefix('.') {
            had_dot = true;
            let n = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            frac_part = &r[..n];
            s = &r[n..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(format!("time: invalid duration {}", quoted()));
        }
        let _ = had_dot;
        let unit_len = s
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {}", quoted()));
        }
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit),
                    quoted()
                ));
            }
        };
        let mut v: u128 = 0;
        for c in int_part.bytes() {
            v = v * 10 + u128::from(c - b'0');
            if v > (1u128 << 63) {
                return Err(format!("time: invalid duration {}", quoted()));
            }
        }
        let mut part = v * scale;
        if !frac_part.is_empty() {
            let mut f: u128 = 0;
            let mut div: u128 = 1;
            for c in frac_part.bytes().take(30) {
                f = f * 10 + u128::from(c - b'0');
                div *= 10;
            }
            part += f * scale / div;
        }
        total += part;
        if total > (1u128 << 63) {
            return Err(format!("time: invalid duration {}", quoted()));
        }
    }
    if !neg && total > i64::MAX as u128 {
        return Err(format!("time: invalid duration {}", quoted()));
    }
    Ok(if neg {
        (total as i128).wrapping_neg() as i64
    } else {
        total as i64
    })
}

/// Go's `time.Duration.String()`: `2m0s`, `1h0m0s`, `1.5s`, `500ms`, `0s`.
pub fn format(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let neg = ns < 0;
    let u = ns.unsigned_abs();
    let mut out = String::new();
    if u < 1_000_000_000 {
        let (unit, div) = if u < 1_000 {
            ("ns", 1)
        } else if u < 1_000_000 {
            ("\u{b5}s", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        out.push_str(&frac(u, div));
        out.push_str(unit);
    } else {
        let h = u / 3_600_000_000_000;
        let rem = u % 3_600_000_000_000;
        let m = rem / 60_000_000_000;
        let s = rem % 60_000_000_000;
        if h > 0 {
            out.push_str(&format!("{h}h"));
        }
        if h > 0 || m > 0 {
            out.push_str(&format!("{m}m"));
        }
        out.push_str(&frac(s, 1_000_000_000));
        out.push('s');
    }
    if neg { format!("-{out}") } else { out }
}

fn frac(v: u64, div: u64) -> String {
    let int = v / div;
    let rem = v % div;
    if rem == 0 {
        return int.to_string();
    }
    let width = div.to_string().len() - 1;
    let f = format!("{rem:0width$}");
    format!("{int}.{}", f.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_go_forms() {
        let cases = [
            ("0", 0),
            ("90s", 90_000_000_000),
            ("1h2m3.5s", 3_723_500_000_000),
            ("1.5h", 5_400_000_000_000),
            ("300ms", 300_000_000),
            ("-5m", -300_000_000_000),
            ("+1s", 1_000_000_000),
            (".5s", 500_000_000),
            ("1.s", 1_000_000_000),
            ("1\u{b5}s", 1_000),
            ("1\u{3bc}s", 1_000),
            ("2m0s", 120_000_000_000),
        ];
        for (s, ns) in cases {
            assert_eq!(parse(s), Ok(ns), "{s}");
        }
    }

    #[test]
    fn rejects_with_go_messages() {
        assert_eq!(parse(""), Err("time: invalid duration \"\"".into()));
        assert_eq!(
            parse("90"),
            Err("time: missing unit in duration \"90\"".into())
        );
        assert_eq!(
            parse("1d"),
            Err("time: unknown unit \"d\" in duration \"1d\"".into())
        );
        assert_eq!(
            parse("5 minutes"),
            Err("time: unknown unit \" minutes\" in duration \"5 minutes\"".into())
        );
        assert!(parse("s").is_err());
        assert!(parse(".s").is_err());
        assert!(parse("-").is_err());
        assert!(parse("9999999999h").is_err());
    }

    #[test]
    fn formats_like_go() {
        assert_eq!(format(120_000_000_000), "2m0s");
        assert_eq!(format(3_600_000_000_000), "1h0m0s");
        assert_eq!(format(500_000_000), "500ms");
        assert_eq!(format(1_500_000_000), "1.5s");
        assert_eq!(format(0), "0s");
        assert_eq!(format(-1_000_000_000), "-1s");
    }
}
