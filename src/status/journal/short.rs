//! One line of `journalctl --utc --output=short-precise`, the text the kubelet's system log
//! query returns through the node proxy (kubelet-status.md §4.6,
//! `pkg/kubelet/kubelet_server_journal_linux.go`): `Jun 03 10:12:13.123456 host kubelet[4242]:
//! message`. It has no year, no invocation id and no MESSAGE_ID, so runs are split by PID and
//! systemd's lines by their text, as for a hand-made journal. The year is the one that puts
//! the line at most a day after `now` (a December line read in January is last year's).

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
    let month = MONTHS.iter().position(|m| *m == mon)? as u32 + 1;
    // short-precise pads the day with 0; tolerate a space as `short` once did.
    let (day, rest) = rest.trim_start().split_once(' ')?;
    let day: u32 = day.parse().ok()?;
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

fn epoch_us(month: u32, day: u32, us_of_day: u64, now_s: i64) -> Option<u64> {
    let year = year_of(now_s);
    let at = |y: i64| days_from_civil(y, month, day) * 86_400 + (us_of_day / 1_000_000) as i64;
    let mut secs = at(year);
    if secs > now_s + 86_400 {
        secs = at(year - 1);
    }
    u64::try_from(secs)
        .ok()
        .map(|s| s * 1_000_000 + us_of_day % 1_000_000)
}

fn year_of(now_s: i64) -> i64 {
    // The civil year of a day count (Howard Hinnant's civil_from_days, year only).
    let z = now_s.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(m <= 2)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
}
