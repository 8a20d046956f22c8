//! One line of `journalctl --utc --output=short-precise`, the text the kubelet's system log
//! query returns through the node proxy (kubelet-status.md §4.6,
//! `pkg/kubelet/kubelet_server_journal_linux.go`): `Jun 03 10:12:13.123456 host kubelet[4242]:
//! message`. It has no year, no invocation id and no MESSAGE_ID, so runs are split by PID and
//! systemd's lines by their text, as for a hand-made journal. The year is the one that puts
//! the line at most a day after `now` (a December line read in January is last year's).

use k8s_openapi::jiff::Timestamp;
use k8s_openapi::jiff::civil::Date;
use k8s_openapi::jiff::tz::TimeZone;

use super::entry::Entry;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Decodes `line`; `None` for journalctl's own markers (`-- Boot ... --`, `-- No entries --`),
/// continuation lines of a multi-line message and anything that is not this format.
pub fn parse(line: &str, now_s: i64) -> Option<Entry> {
    if line.starts_with(char::is_whitespace) || line.starts_with("-- ") {
        return None;
    }
    let (mon, rest) = line.split_once(' ')?;
    let month = MONTHS.iter().position(|m| *m == mon)? as i8 + 1;
    // short-precise pads the day with 0; tolerate a space as `short` once did.
    let (day, rest) = rest.trim_start().split_once(' ')?;
    let day: i8 = day.parse().ok()?;
    let (time, rest) = rest.split_once(' ')?;
    let us_of_day = time_of_day(time)?;
    let (_host, rest) = rest.split_once(' ')?;
    let (ident, message) = rest.split_once(": ").or_else(|| {
        // An empty message: `host kubelet[1]:`.
        rest.strip_suffix(':').map(|i| (i, ""))
    })?;
    let (comm, pid) = match ident.split_once('[') {
        Some((c, p)) => (c, p.strip_suffix(']')?.parse::<u32>().ok()),
        None => (ident, None),
    };
    if comm.is_empty() || comm.contains(' ') || !(1..=31).contains(&day) {
        return None;
    }
    let time_us = epoch_us(month, day, us_of_day, now_s)?;
    Some(Entry {
        message: Some(super::cut(message, super::entry::MESSAGE_CAP)),
        message_truncated: message.len() > super::entry::MESSAGE_CAP,
        realtime_us: Some(time_us),
        pid,
        comm: Some(comm.to_string()),
        ..Entry::default()
    })
}

/// `10:12:13.123456` (or without fraction) as µs since midnight.
fn time_of_day(t: &str) -> Option<u64> {
    let (hms, frac) = match t.split_once('.') {
        Some((a, b)) => (a, b),
        None => (t, ""),
    };
    let mut p = hms.split(':');
    let h: u64 = p.next()?.parse().ok()?;
    let m: u64 = p.next()?.parse().ok()?;
    let s: u64 = p.next()?.parse().ok()?;
    if p.next().is_some() || h > 23 || m > 59 || s > 60 || frac.len() > 9 {
        return None;
    }
    let mut us = 0u64;
    for (i, c) in frac.bytes().take(6).enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        us += u64::from(c - b'0') * 10u64.pow(5 - i as u32);
    }
    Some(((h * 60 + m) * 60 + s) * 1_000_000 + us)
}

/// The line's time in µs since the epoch, in `now_s`'s year (UTC) or, when that would put it
/// more than a day after `now_s`, the year before.
fn epoch_us(month: i8, day: i8, us_of_day: u64, now_s: i64) -> Option<u64> {
    let year = Timestamp::from_second(now_s)
        .ok()?
        .to_zoned(TimeZone::UTC)
        .year();
    // Whole seconds decide the year; the fraction is added after.
    let at = |y: i16| Some(midnight_s(y, month, day)? + (us_of_day / 1_000_000) as i64);
    // A day this year has not got (Feb 29) is a line from the year before too.
    let secs = match at(year) {
        Some(s) if s <= now_s + 86_400 => s,
        _ => at(year - 1)?,
    };
    u64::try_from(secs)
        .ok()
        .map(|s| s * 1_000_000 + us_of_day % 1_000_000)
}

/// `year-month-day` 00:00 UTC in seconds since the epoch; `None` for a day the month has not
/// got in that year.
fn midnight_s(year: i16, month: i8, day: i8) -> Option<i64> {
    let date = Date::new(year, month, day).ok()?;
    Some(date.to_zoned(TimeZone::UTC).ok()?.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2025-06-03T12:00:00Z
    const NOW: i64 = 1_748_952_000;

    #[test]
    fn a_kubelet_line() {
        let e = parse(
            "Jun 03 10:12:13.123456 node-1 kubelet[4242]: E0603 10:12:13.123456    4242 run.go:74] \"command failed\" err=\"x\"",
            NOW,
        )
        .unwrap();
        assert_eq!(e.pid, Some(4242));
        assert_eq!(e.comm.as_deref(), Some("kubelet"));
        // 2025-06-03T10:12:13.123456Z
        assert_eq!(e.realtime_us, Some(1_748_945_533_123_456));
        assert_eq!(
            e.message.as_deref(),
            Some("E0603 10:12:13.123456    4242 run.go:74] \"command failed\" err=\"x\"")
        );
    }

    #[test]
    fn systemd_lines_and_markers() {
        let e = parse(
            "Jun 03 10:12:13.200000 node-1 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE",
            NOW,
        )
        .unwrap();
        assert_eq!(e.pid, Some(1));
        assert_eq!(e.comm.as_deref(), Some("systemd"));
        assert_eq!(parse("-- Boot 0123abcd --", NOW), None);
        assert_eq!(parse("-- No entries --", NOW), None);
        assert_eq!(parse("    continued", NOW), None);
        assert_eq!(parse("<pre>", NOW), None);
        assert_eq!(parse("Jun 03 25:00:00.0 h k[1]: x", NOW), None);
        assert_eq!(parse("Jun 3", NOW), None);
        assert_eq!(parse("", NOW), None);
    }

    #[test]
    fn last_years_december() {
        // 2026-01-02T00:00:00Z; a Dec 31 line is 2025's.
        let now = 1_767_312_000;
        let e = parse("Dec 31 23:00:00.000000 h kubelet[7]: x", now).unwrap();
        assert_eq!(e.realtime_us, Some(1_767_222_000_000_000));
    }

    fn time_us(line: &str, now: i64) -> Option<u64> {
        parse(line, now)?.realtime_us
    }

    #[test]
    fn a_leap_day() {
        // 2024-03-01T00:00:00Z; 2024-02-29T12:00:00.5Z.
        let now = 1_709_251_200;
        assert_eq!(
            time_us("Feb 29 12:00:00.500000 h kubelet[7]: x", now),
            Some(1_709_208_000_500_000)
        );
    }

    #[test]
    fn across_new_year() {
        // 2026-01-01T00:30:00Z: the last second of 2025, then the first minutes of 2026.
        let now = 1_767_227_400;
        assert_eq!(
            time_us("Dec 31 23:59:59.999999 h kubelet[7]: x", now),
            Some(1_767_225_599_999_999)
        );
        assert_eq!(
            time_us("Jan 01 00:20:00.000000 h kubelet[7]: x", now),
            Some(1_767_226_800_000_000)
        );
    }

    #[test]
    fn at_most_a_day_ahead_is_this_year() {
        // NOW + 1 day (2025-06-04T12:00:00Z) is still this year, whatever the fraction;
        // a second later is last year's.
        assert_eq!(
            time_us("Jun 04 12:00:00.900000 h kubelet[7]: x", NOW),
            Some(1_749_038_400_900_000)
        );
        assert_eq!(
            time_us("Jun 04 12:00:01.000000 h kubelet[7]: x", NOW),
            Some(1_717_502_401_000_000)
        );
    }

    #[test]
    fn a_leap_day_read_in_a_common_year_is_the_leap_years() {
        // 2025-06-01T00:00:00Z: 2025 has no Feb 29, so the line is 2024-02-29T10:00:00Z
        // (it once read as 2025-03-01, after lines logged since).
        let now = 1_748_736_000;
        assert_eq!(
            time_us("Feb 29 10:00:00.000000 h kubelet[7]: x", now),
            Some(1_709_200_800_000_000)
        );
        // Days no month has are not journalctl's.
        assert_eq!(time_us("Feb 30 10:00:00.000000 h kubelet[7]: x", now), None);
        assert_eq!(time_us("Apr 31 10:00:00.000000 h kubelet[7]: x", now), None);
    }
}
