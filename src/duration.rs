//! Go's duration grammar (`time.ParseDuration`), which kubectl flags and kubelet configs use:
//! `300ms`, `1.5h`, `2h45m`, `-1m`. kubectl's `--request-timeout` also takes a bare integer
//! as seconds, and `0` for "no timeout".

use std::time::Duration;

/// Parses a Go duration into signed nanoseconds, exactly as Go does (units ns, us, µs, μs, ms,
/// s, m, h; fractions; a sign; overflow past i64 nanoseconds is an error).
pub fn parse_go_duration(text: &str) -> Result<i64, String> {
    let bad = || format!("invalid duration {text:?}");
    let mut s = text;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(bad());
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        if let Some(rest) = s.strip_prefix('.') {
            let frac_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &rest[..frac_len];
            s = &rest[frac_len..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad());
        }
        let unit_len = s
            .char_indices()
            .find(|(_, c)| *c == '.' || c.is_ascii_digit())
            .map_or(s.len(), |(i, _)| i);
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(format!("missing unit in duration {text:?}")),
            _ => return Err(format!("unknown unit {unit:?} in duration {text:?}")),
        };
        let mut value: u128 = 0;
        for b in int_part.bytes() {
            value = value * 10 + u128::from(b - b'0');
            if value > i64::MAX as u128 + 1 {
                return Err(bad());
            }
        }
        let mut part = value * scale;
        // Fractions are scaled digit by digit, dropping what falls below a nanosecond, as Go does.
        let mut frac_scale = scale;
        for b in frac_part.bytes() {
            frac_scale /= 10;
            if frac_scale == 0 {
                break;
            }
            part += u128::from(b - b'0') * frac_scale;
        }
        total += part;
        if total > i64::MAX as u128 + 1 {
            return Err(bad());
        }
    }
    if negative {
        Ok((total as i128).wrapping_neg() as i64)
    } else if total > i64::MAX as u128 {
        Err(bad())
    } else {
        Ok(total as i64)
    }
}

/// A non-negative timeout as kubectl's `--request-timeout` reads it: a Go duration, or a bare
/// integer meaning seconds. `Ok(None)` is "no timeout" (`0`).
pub fn parse_timeout(text: &str) -> Result<Option<Duration>, String> {
    let text = text.trim();
    let nanos = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let secs: u64 = text
            .parse()
            .map_err(|_| format!("invalid timeout {text:?}"))?;
        return Ok((secs > 0).then(|| Duration::from_secs(secs)));
    } else {
        parse_go_duration(text)?
    };
    if nanos < 0 {
        return Err(format!("timeout {text:?} must not be negative"));
    }
    Ok((nanos > 0).then(|| Duration::from_nanos(nanos as u64)))
}

/// A short human age, as kubectl prints ages: `45s`, `12m`, `3h5m`, `4d`, `2y`.
pub fn human_age(d: Duration) -> String {
    let secs = d.as_secs();
    match secs {
        0..=119 => format!("{secs}s"),
        120..=599 => {
            let (m, s) = (secs / 60, secs % 60);
            if s == 0 {
                format!("{m}m")
            } else {
                format!("{m}m{s}s")
            }
        }
        600..=10_799 => format!("{}m", secs / 60),
        10_800..=28_799 => {
            let (h, m) = (secs / 3600, (secs % 3600) / 60);
            if m == 0 {
                format!("{h}h")
            } else {
                format!("{h}h{m}m")
            }
        }
        28_800..=172_799 => format!("{}h", secs / 3600),
        172_800..=691_199 => {
            let (d, h) = (secs / 86_400, (secs % 86_400) / 3600);
            if h == 0 {
                format!("{d}d")
            } else {
                format!("{d}d{h}h")
            }
        }
        691_200..=63_071_999 => format!("{}d", secs / 86_400),
        _ => format!("{}y", secs / 31_536_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("5s", 5_000_000_000),
            ("30s", 30_000_000_000),
            ("1.5h", 5_400_000_000_000),
            ("2h45m", 9_900_000_000_000),
            ("-1m", -60_000_000_000),
            ("+2ms", 2_000_000),
            ("300ms", 300_000_000),
            ("1µs", 1_000),
            ("1μs", 1_000),
            ("1us", 1_000),
            ("10ns", 10),
            (".5s", 500_000_000),
            ("1.s", 1_000_000_000),
            ("1.0000000001s", 1_000_000_000),
            ("9223372036854775807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
        ];
        for (text, want) in cases {
            assert_eq!(parse_go_duration(text), Ok(*want), "{text}");
        }
    }

    #[test]
    fn go_duration_errors() {
        for text in [
            "",
            "-",
            "5",
            "s",
            "1d",
            "1.5",
            ".s",
            "1h1",
            "9223372036854775808ns",
            "1e3s",
            " 1s",
            "1 s",
            "--1s",
        ] {
            assert!(parse_go_duration(text).is_err(), "{text:?} should fail");
        }
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("0"), Ok(None));
        assert_eq!(parse_timeout("0s"), Ok(None));
        assert_eq!(parse_timeout("10"), Ok(Some(Duration::from_secs(10))));
        assert_eq!(parse_timeout("1m"), Ok(Some(Duration::from_secs(60))));
        assert_eq!(parse_timeout("250ms"), Ok(Some(Duration::from_millis(250))));
        assert!(parse_timeout("-1s").is_err());
        assert!(parse_timeout("soon").is_err());
    }

    #[test]
    fn ages_read_like_kubectl() {
        let s = Duration::from_secs;
        assert_eq!(human_age(s(0)), "0s");
        assert_eq!(human_age(s(45)), "45s");
        assert_eq!(human_age(s(130)), "2m10s");
        assert_eq!(human_age(s(720)), "12m");
        assert_eq!(human_age(s(3 * 3600 + 300)), "3h5m");
        assert_eq!(human_age(s(20 * 3600)), "20h");
        assert_eq!(human_age(s(3 * 86_400 + 3600)), "3d1h");
        assert_eq!(human_age(s(40 * 86_400)), "40d");
        assert_eq!(human_age(s(800 * 86_400)), "2y");
    }
}
