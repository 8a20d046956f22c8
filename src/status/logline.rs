//! One journal MESSAGE, as the kubelet (or a wrapper around it) wrote it: the klog text header
//! (`E0603 10:12:13.123456 4242 server.go:302] ...`), JSON logging (`{"ts":...,"msg":...}`),
//! k3s's logrus lines (`time="..." level=error msg="..."`) and cobra's `Error: ...`. Only the
//! level and the text after the header matter to the classifier; the header's time has no
//! year, so the journal's own timestamp is used instead.

use std::borrow::Cow;

/// The writer's severity. `PRIORITY` in the journal is not it (stdout lines all get `info`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No header we know: a pflag usage dump, a wrapper's plain line.
    Plain,
    Info,
    Warning,
    Error,
    Fatal,
}

/// A message split into its level, its source location when the header names one, and the
/// text the signatures are matched on.
#[derive(Debug, PartialEq, Eq)]
pub struct LogLine<'a> {
    pub level: Level,
    /// `server.go:302` (klog) or `app/server.go:302` (JSON logging).
    pub source: Option<Cow<'a, str>>,
    pub text: Cow<'a, str>,
}

/// Splits `message`; never fails (an unknown shape is a `Plain` line of the whole text).
pub fn parse(message: &str) -> LogLine<'_> {
    let trimmed = message.trim_end_matches(['\n', '\r']);
    if let Some(line) = klog(trimmed) {
        return line;
    }
    if trimmed.starts_with('{')
        && let Some(line) = json(trimmed)
    {
        return line;
    }
    if let Some(line) = logrus(trimmed) {
        return line;
    }
    if let Some(rest) = trimmed.strip_prefix("Error: ") {
        // cobra's own report of RunE's error, printed as the process exits (k3s prints the
        // kubelet's this way).
        return LogLine {
            level: Level::Fatal,
            source: None,
            text: Cow::Borrowed(rest),
        };
    }
    LogLine {
        level: Level::Plain,
        source: None,
        text: Cow::Borrowed(trimmed),
    }
}

/// `^([IWEF])(\d{2})(\d{2}) (\d{2}:\d{2}:\d{2}\.\d{6})\s+(\d+) ([^:\]]+):(\d+)\] (.*)$`
fn klog(s: &str) -> Option<LogLine<'_>> {
    let b = s.as_bytes();
    let level = match b.first()? {
        b'I' => Level::Info,
        b'W' => Level::Warning,
        b'E' => Level::Error,
        b'F' => Level::Fatal,
        _ => return None,
    };
    // "Lmmdd hh:mm:ss.uuuuuu" is 21 bytes.
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(1..5)
        && b.get(5) == Some(&b' ')
        && digits(6..8)
        && b.get(8) == Some(&b':')
        && digits(9..11)
        && b.get(11) == Some(&b':')
        && digits(12..14)
        && b.get(14) == Some(&b'.')
        && digits(15..21))
    {
        return None;
    }
    let rest = s.get(21..)?.trim_start_matches(' ');
    let pid_end = rest.find(|c: char| !c.is_ascii_digit())?;
    if pid_end == 0 {
        return None;
    }
    let rest = rest[pid_end..].strip_prefix(' ')?;
    let close = rest
        .find("] ")
        .or_else(|| rest.ends_with(']').then(|| rest.len() - 1))?;
    let location = &rest[..close];
    let (file, line) = location.rsplit_once(':')?;
    if file.is_empty()
        || file.contains(']')
        || line.is_empty()
        || !line.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let text = rest.get(close + 2..).unwrap_or("");
    Some(LogLine {
        level,
        source: Some(Cow::Borrowed(location)),
        text: Cow::Borrowed(text),
    })
}

/// component-base's JSON logging: `msg`, `err` and the key/values as members; `v` is absent
/// on errors. The text is rebuilt in klog's structured shape (`"msg" err="..." k="v"`), so one
/// set of signatures serves both formats.
fn json(s: &str) -> Option<LogLine<'static>> {
    let value: serde_json::Value = serde_json::from_str(s).ok()?;
    let object = value.as_object()?;
    let msg = object.get("msg")?.as_str()?;
    let level = if object.contains_key("v") {
        Level::Info
    } else {
        Level::Error
    };
    let mut text = crate::go::strconv::quote(msg);
    for (key, v) in object {
        if matches!(key.as_str(), "ts" | "caller" | "msg" | "v") {
            continue;
        }
        text.push(' ');
        text.push_str(key);
        text.push('=');
        match v {
            serde_json::Value::String(s) => text.push_str(&crate::go::strconv::quote(s)),
            other => text.push_str(&other.to_string()),
        }
    }
    Some(LogLine {
        level,
        source: object
            .get("caller")
            .and_then(|c| c.as_str())
            .map(|c| Cow::Owned(c.to_string())),
        text: Cow::Owned(text),
    })
}

/// logrus's text formatter as k3s and RKE2 use it: `time="..." level=error msg="..."`.
fn logrus(s: &str) -> Option<LogLine<'_>> {
    let rest = s.strip_prefix("time=\"")?;
    let (_, rest) = rest.split_once("\" level=")?;
    let (level, rest) = rest.split_once(' ')?;
    let level = match level {
        "trace" | "debug" | "info" => Level::Info,
        "warning" | "warn" => Level::Warning,
        "error" => Level::Error,
        "fatal" | "panic" => Level::Fatal,
        _ => return None,
    };
    let msg = rest.strip_prefix("msg=")?;
    let text = match msg.strip_prefix('"') {
        Some(_) => Cow::Owned(go_unquote(msg).unwrap_or_else(|| msg.to_string())),
        None => Cow::Borrowed(msg),
    };
    Some(LogLine {
        level,
        source: None,
        text,
    })
}

/// The content of a Go-quoted string at the start of `s` (`"a \"b\""` -> `a "b"`); what
/// follows the closing quote is ignored. `None` when it is not closed.
fn go_unquote(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.strip_prefix('"')?.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn klog_text_header() {
        let l = parse(
            "E0603 10:12:13.123456    4242 run.go:74] \"command failed\" err=\"failed to parse kubelet flag: unknown flag: --x\"",
        );
        assert_eq!(l.level, Level::Error);
        assert_eq!(l.source.as_deref(), Some("run.go:74"));
        assert_eq!(
            l.text,
            "\"command failed\" err=\"failed to parse kubelet flag: unknown flag: --x\""
        );
        assert_eq!(
            parse("F0101 00:00:00.000000 1 a.go:1] boom").level,
            Level::Fatal
        );
        assert_eq!(
            parse("I0101 00:00:00.000000 1 a.go:1] ok").level,
            Level::Info
        );
        assert_eq!(
            parse("W0101 00:00:00.000000 1 a.go:1] hm").level,
            Level::Warning
        );
    }

    #[test]
    fn not_quite_klog_is_plain() {
        for s in [
            "E0603 10:12:13 4242 run.go:74] x",
            "Ewhatever",
            "E0603 10:12:13.123456 x run.go:74] x",
            "E0603 10:12:13.123456 1 run.go] x",
            "",
        ] {
            assert_eq!(parse(s).level, Level::Plain, "{s:?}");
        }
    }

    #[test]
    fn json_logging_is_rebuilt_in_klog_shape() {
        let l = parse(
            r#"{"ts":1717409533123.456,"caller":"app/server.go:302","msg":"Failed to run kubelet","err":"failed to run Kubelet: x \"y\""}"#,
        );
        assert_eq!(l.level, Level::Error);
        assert_eq!(l.source.as_deref(), Some("app/server.go:302"));
        assert_eq!(
            l.text,
            r#""Failed to run kubelet" err="failed to run Kubelet: x \"y\"""#
        );
        let info = parse(r#"{"ts":1,"caller":"a.go:1","msg":"Started kubelet","v":0}"#);
        assert_eq!(info.level, Level::Info);
        // Not an object with msg: plain.
        assert_eq!(parse("{not json").level, Level::Plain);
        assert_eq!(parse(r#"{"a":1}"#).level, Level::Plain);
    }

    #[test]
    fn k3s_logrus_and_cobra() {
        let l = parse(
            r#"time="2025-06-03T10:12:13Z" level=fatal msg="kubelet exited: failed to run Kubelet: \"x\"""#,
        );
        assert_eq!(l.level, Level::Fatal);
        assert_eq!(l.text, r#"kubelet exited: failed to run Kubelet: "x""#);
        let c = parse("Error: failed to parse kubelet flag: unknown flag: --network-plugin");
        assert_eq!(c.level, Level::Fatal);
        assert_eq!(
            c.text,
            "failed to parse kubelet flag: unknown flag: --network-plugin"
        );
    }
}
