// The short-precise journal text a kubelet's node log query returns: its timestamps (written
// for fixtures, read to honour `sinceTime` the way `journalctl --since` does).

use std::time::{Duration, SystemTime};

use super::util::{format_time, parse_time};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `t` as `journalctl --utc --output=short-precise` starts a line: `Jun 03 10:12:03.000001`.
pub fn short_precise_time(t: SystemTime) -> String {
    // 2025-06-03T10:12:03.000001Z
    let iso = format_time(t, true);
    let month: usize = iso[5..7].parse().expect("two-digit month");
    format!("{} {} {}", MONTHS[month - 1], &iso[8..10], &iso[11..26])
}

/// The time a short-precise line starts with; the year it leaves out is the one that puts the
/// line at or before `now` (a day of slack for clocks), as kubelet-doctor reads it.
fn line_time(line: &str, now: SystemTime) -> Option<SystemTime> {
    let month = MONTHS.iter().position(|m| line.starts_with(m))? + 1;
    let (day, clock) = (line.get(4..6)?, line.get(7..22)?);
    let this_year: i64 = format_time(now, false)[..4].parse().ok()?;
    for year in [this_year, this_year - 1] {
        let t = parse_time(&format!("{year:04}-{month:02}-{day}T{clock}Z"))?;
        if t <= now + Duration::from_secs(86_400) {
            return Some(t);
        }
    }
    None
}

/// The lines at or after `since`, as `journalctl --since` keeps them: lines without a time
/// (`-- Boot ... --`) go with the entries after them, so those before the first kept entry
/// are dropped too.
pub fn since(text: &str, since: SystemTime, now: SystemTime) -> String {
    let mut out = String::new();
    let mut held = String::new();
    let mut keeping = false;
    for line in text.lines() {
        match line_time(line, now) {
            Some(t) => {
                keeping = t >= since;
                if keeping {
                    out.push_str(&held);
                    out.push_str(line);
                    out.push('\n');
                }
                held.clear();
            }
            None if keeping => {
                out.push_str(line);
                out.push('\n');
            }
            None => {
                held.push_str(line);
                held.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_round_trips_through_the_short_precise_form() {
        let t = parse_time("2025-06-03T10:12:03.000001Z").unwrap();
        assert_eq!(short_precise_time(t), "Jun 03 10:12:03.000001");
        let now = parse_time("2025-07-01T00:00:00Z").unwrap();
        assert_eq!(
            line_time("Jun 03 10:12:03.000001 h kubelet[1]: x", now),
            Some(t)
        );
        // December read in January is last year's.
        let jan = parse_time("2026-01-02T00:00:00Z").unwrap();
        assert_eq!(
            line_time("Dec 31 23:00:00.000000 h kubelet[1]: x", jan),
            parse_time("2025-12-31T23:00:00Z")
        );
        assert_eq!(line_time("-- Boot 5f0e8a --", now), None);
    }

    #[test]
    fn since_drops_the_lines_before_it_and_their_boot_marker() {
        let now = parse_time("2025-07-01T00:00:00Z").unwrap();
        let text = "-- Boot a --\nJun 03 10:00:00.000000 h kubelet[1]: old\n-- Boot b --\nJun 03 11:00:00.000000 h kubelet[2]: new\ncontinued\n";
        let cut = since(text, parse_time("2025-06-03T10:30:00Z").unwrap(), now);
        assert_eq!(
            cut,
            "-- Boot b --\nJun 03 11:00:00.000000 h kubelet[2]: new\ncontinued\n"
        );
        let all = since(text, parse_time("2025-06-03T09:00:00Z").unwrap(), now);
        assert_eq!(all, text);
    }
}
