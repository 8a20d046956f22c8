//! Durations on the command line: kubectl's `--request-timeout` grammar (a Go duration such as
//! `300ms` or `2h45m`, a bare integer meaning seconds, `0` for "no timeout") and kubectl-style
//! ages for tables. The Go grammar itself lives in `crate::go::duration`.

use std::time::Duration;

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
        crate::go::duration::parse(text)?
    };
    if nanos < 0 {
        return Err(format!("timeout {text:?} must not be negative"));
    }
    Ok((nanos > 0).then(|| Duration::from_nanos(nanos as u64)))
}

/// A deadline flag as the command line gives it: `None` is "never" (`0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeout(pub Option<Duration>);

/// clap value parser of `--request-timeout` (kubectl's grammar; `0` = never).
pub fn parse_timeout_flag(text: &str) -> Result<Timeout, String> {
    parse_timeout(text).map(Timeout)
}

/// clap value parser of a probe's `--timeout`: a probe needs a real deadline.
pub fn parse_probe_timeout(text: &str) -> Result<Duration, String> {
    parse_timeout(text)?.ok_or_else(|| "a probe needs a deadline; 0 is not one".to_string())
}

/// clap value parser of `--wait`: how long to keep asking; 0 would mean not waiting at all.
pub fn parse_wait(text: &str) -> Result<Duration, String> {
    parse_timeout(text)?.ok_or_else(|| "give how long to wait, e.g. 60s".to_string())
}

/// A timeout or wait as the user would type it back: `2s` when whole seconds, else `1500ms`.
pub fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// How long ago `since` was, as [`human_age`] prints it; `-` when it is unknown, and `0s`
/// for a time in the future (a clock ahead of ours).
pub fn age_since(
    since: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>,
    now: k8s_openapi::jiff::Timestamp,
) -> String {
    since.map_or_else(
        || "-".to_string(),
        |t| {
            human_age(Duration::from_secs(
                (now.as_second() - t.0.as_second()).max(0) as u64,
            ))
        },
    )
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
            assert_eq!(crate::go::duration::parse(text), Ok(*want), "{text}");
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
            assert!(
                crate::go::duration::parse(text).is_err(),
                "{text:?} should fail"
            );
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
    fn durations_read_as_typed() {
        assert_eq!(human_duration(Duration::from_secs(2)), "2s");
        assert_eq!(human_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1500ms");
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
