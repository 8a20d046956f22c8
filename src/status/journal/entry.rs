//! One line of `journalctl -o json`, decoded with bounded memory: a hand-written scanner keeps
//! the few fields `status` needs and skips the others without building them. `MESSAGE` may be
//! a string, an array of bytes (journald's form for text that is not UTF-8) or `null` (over
//! 4096 bytes without `--all`); a string longer than [`MESSAGE_CAP`] is cut. A line cut short
//! by the reader's cap still yields the fields before the cut, so a 50 MB message is seen as
//! its first bytes instead of being lost.

/// The most of a MESSAGE kept: journald's own line limit (LineMax) is 48 KiB.
pub const MESSAGE_CAP: usize = 64 * 1024;
/// The most of any other kept field (ids, numbers).
const FIELD_CAP: usize = 128;

/// The fields of one journal entry that `status` reads.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub message: Option<String>,
    /// The message was longer than [`MESSAGE_CAP`] (or the line was cut inside it).
    pub message_truncated: bool,
    /// `__REALTIME_TIMESTAMP`, microseconds since the epoch.
    pub realtime_us: Option<u64>,
    /// `_SYSTEMD_INVOCATION_ID`: the run of the unit the writing process belongs to.
    pub invocation: Option<String>,
    /// `INVOCATION_ID`: on systemd's own lines about the unit.
    pub manager_invocation: Option<String>,
    pub pid: Option<u32>,
    pub comm: Option<String>,
    pub message_id: Option<String>,
    pub exit_status: Option<String>,
    pub n_restarts: Option<u64>,
}

/// Why a line yielded no entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Bad {
    /// Not a JSON object (a `-- No entries --` line, text, garbage).
    NotJson,
}

enum Stop {
    /// The input ended inside a value: a line cut by the reader.
    End,
    Invalid,
}

/// Decodes `line`; `cut` says the reader stopped at its cap, so an early end is expected.
pub fn parse(line: &[u8], cut: bool) -> Result<Entry, Bad> {
    let mut s = Scanner {
        b: line,
        i: 0,
        seen_key: false,
    };
    let mut entry = Entry::default();
    match s.object(&mut entry) {
        Ok(()) => Ok(entry),
        Err(Stop::End) if cut && s.seen_key => Ok(entry),
        Err(_) => Err(Bad::NotJson),
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// At least one member was read: a cut line that got this far was JSON.
    seen_key: bool,
}

impl<'a> Scanner<'a> {
    fn ws(&mut self) {
        while let Some(c) = self.b.get(self.i) {
            if !matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
                break;
            }
            self.i += 1;
        }
    }

    fn peek(&self) -> Result<u8, Stop> {
        self.b.get(self.i).copied().ok_or(Stop::End)
    }

    fn expect(&mut self, c: u8) -> Result<(), Stop> {
        self.ws();
        if self.peek()? == c {
            self.i += 1;
            Ok(())
        } else {
            Err(Stop::Invalid)
        }
    }

    fn object(&mut self, entry: &mut Entry) -> Result<(), Stop> {
        self.expect(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return self.trailing();
        }
        loop {
            self.ws();
            if self.peek()? != b'"' {
                return Err(Stop::Invalid);
            }
            let (key, _, complete) = self.raw_string()?;
            if !complete {
                return Err(Stop::End);
            }
            self.expect(b':')?;
            self.ws();
            self.seen_key = true;
            self.member(key, entry)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return self.trailing();
                }
                _ => return Err(Stop::Invalid),
            }
        }
    }

    fn trailing(&mut self) -> Result<(), Stop> {
        self.ws();
        if self.i == self.b.len() {
            Ok(())
        } else {
            Err(Stop::Invalid)
        }
    }

    fn member(&mut self, key: &[u8], entry: &mut Entry) -> Result<(), Stop> {
        let first = self.peek()?;
        match key {
            b"MESSAGE" => match first {
                b'"' => {
                    let (raw, escaped, complete) = self.raw_string()?;
                    let (text, cut) = unescape(raw, escaped, MESSAGE_CAP);
                    entry.message = Some(text);
                    entry.message_truncated = cut || !complete;
                    if !complete {
                        return Err(Stop::End);
                    }
                    Ok(())
                }
                b'[' => {
                    let (bytes, cut, done) = self.byte_array()?;
                    entry.message = Some(String::from_utf8_lossy(&bytes).into_owned());
                    entry.message_truncated = cut || !done;
                    if done { Ok(()) } else { Err(Stop::End) }
                }
                _ => self.skip_value(),
            },
            b"__REALTIME_TIMESTAMP" => {
                entry.realtime_us = self.short_string()?.and_then(|s| s.parse().ok());
                Ok(())
            }
            b"_SYSTEMD_INVOCATION_ID" => {
                entry.invocation = self.short_string()?;
                Ok(())
            }
            b"INVOCATION_ID" => {
                entry.manager_invocation = self.short_string()?;
                Ok(())
            }
            b"_PID" => {
                entry.pid = self.short_string()?.and_then(|s| s.parse().ok());
                Ok(())
            }
            b"_COMM" => {
                entry.comm = self.short_string()?;
                Ok(())
            }
            b"MESSAGE_ID" => {
                entry.message_id = self.short_string()?;
                Ok(())
            }
            b"EXIT_STATUS" => {
                entry.exit_status = self.short_string()?;
                Ok(())
            }
            b"N_RESTARTS" => {
                entry.n_restarts = self.short_string()?.and_then(|s| s.parse().ok());
                Ok(())
            }
            _ => self.skip_value(),
        }
    }

    /// A string field of ours, or `None` for another type or a value too long to be one.
    fn short_string(&mut self) -> Result<Option<String>, Stop> {
        if self.peek()? != b'"' {
            self.skip_value()?;
            return Ok(None);
        }
        let (raw, escaped, complete) = self.raw_string()?;
        if !complete {
            return Err(Stop::End);
        }
        let (text, cut) = unescape(raw, escaped, FIELD_CAP);
        Ok((!cut).then_some(text))
    }

    /// The bytes between the quotes at `self.i`, whether they hold escapes, and whether the
    /// closing quote was found (else the input ended inside).
    fn raw_string(&mut self) -> Result<(&'a [u8], bool, bool), Stop> {
        self.i += 1; // the opening quote
        let start = self.i;
        let mut escaped = false;
        loop {
            match memchr::memchr2(b'"', b'\\', &self.b[self.i..]) {
                None => {
                    self.i = self.b.len();
                    return Ok((&self.b[start..], escaped, false));
                }
                Some(k) => {
                    let at = self.i + k;
                    if self.b[at] == b'"' {
                        self.i = at + 1;
                        return Ok((&self.b[start..at], escaped, true));
                    }
                    escaped = true;
                    // Skip the backslash and the character it escapes.
                    self.i = (at + 2).min(self.b.len());
                    if at + 1 >= self.b.len() {
                        return Ok((&self.b[start..at], escaped, false));
                    }
                }
            }
        }
    }

    /// `[72, 105]` as bytes, at most [`MESSAGE_CAP`] kept; (bytes, cut, closed).
    fn byte_array(&mut self) -> Result<(Vec<u8>, bool, bool), Stop> {
        self.i += 1;
        let mut out = Vec::new();
        let mut cut = false;
        self.ws();
        if self.peek().ok() == Some(b']') {
            self.i += 1;
            return Ok((out, false, true));
        }
        loop {
            self.ws();
            let start = self.i;
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            if self.i == self.b.len() {
                return Ok((out, cut, false));
            }
            let n: u32 = std::str::from_utf8(&self.b[start..self.i])
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or(Stop::Invalid)?;
            let byte = u8::try_from(n).map_err(|_| Stop::Invalid)?;
            if out.len() < MESSAGE_CAP {
                out.push(byte);
            } else {
                cut = true;
            }
            self.ws();
            match self.b.get(self.i) {
                None => return Ok((out, cut, false)),
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok((out, cut, true));
                }
                Some(_) => return Err(Stop::Invalid),
            }
        }
    }

    /// Skips any JSON value (nesting counted, strings honoured), without checking its grammar
    /// closely: only the fields we keep need to be right.
    fn skip_value(&mut self) -> Result<(), Stop> {
        let mut depth = 0usize;
        loop {
            let c = self.peek()?;
            match c {
                b'"' => {
                    let (_, _, complete) = self.raw_string()?;
                    if !complete {
                        return Err(Stop::End);
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                    self.i += 1;
                }
                b',' if depth == 0 => return Ok(()),
                _ => self.i += 1,
            }
            if depth == 0 && matches!(c, b'"' | b'}' | b']') {
                return Ok(());
            }
        }
    }
}

/// JSON string content to text, at most `cap` bytes (cut on a character boundary); returns
/// whether it was cut. Bad escapes and lone surrogates become U+FFFD; never fails.
fn unescape(raw: &[u8], escaped: bool, cap: usize) -> (String, bool) {
    if !escaped {
        let take = raw.len().min(cap);
        let text = String::from_utf8_lossy(&raw[..take]);
        let mut text = text.into_owned();
        // A cut through a multi-byte character leaves a replacement character: drop it.
        if take < raw.len()
            && text.ends_with('\u{FFFD}')
            && std::str::from_utf8(&raw[..take]).is_err()
        {
            text.pop();
        }
        return (text, take < raw.len());
    }
    let mut out: Vec<u8> = Vec::with_capacity(raw.len().min(cap));
    let mut i = 0;
    while i < raw.len() {
        if out.len() >= cap {
            return (finish(out), true);
        }
        let c = raw[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = raw.get(i + 1) else { break };
        i += 2;
        let ch = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = hex4(raw.get(i..i + 4));
                i += 4;
                match hi {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let lo = (raw.get(i..i + 2) == Some(b"\\u"))
                            .then(|| hex4(raw.get(i + 2..i + 6)))
                            .flatten();
                        match lo {
                            Some(l @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                char::from_u32(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00))
                                    .unwrap_or('\u{FFFD}')
                            }
                            _ => '\u{FFFD}',
                        }
                    }
                    Some(h) => char::from_u32(h).unwrap_or('\u{FFFD}'),
                    None => '\u{FFFD}',
                }
            }
            _ => '\u{FFFD}',
        };
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    (finish(out), false)
}

fn finish(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = std::str::from_utf8(digits?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_fields_status_reads() {
        let line = br#"{"__CURSOR":"s=1;i=2","__REALTIME_TIMESTAMP":"1748945533123456","_PID":"4242","_COMM":"kubelet","_SYSTEMD_INVOCATION_ID":"abc","MESSAGE":"E0603 x \"y\"\n","PRIORITY":"6","_X":{"a":[1,"]"]},"N":null}"#;
        let e = parse(line, false).unwrap();
        assert_eq!(e.message.as_deref(), Some("E0603 x \"y\"\n"));
        assert!(!e.message_truncated);
        assert_eq!(e.realtime_us, Some(1748945533123456));
        assert_eq!(e.pid, Some(4242));
        assert_eq!(e.comm.as_deref(), Some("kubelet"));
        assert_eq!(e.invocation.as_deref(), Some("abc"));
    }

    #[test]
    fn manager_fields() {
        let line = br#"{"_PID":"1","INVOCATION_ID":"i1","MESSAGE_ID":"98e322203f7a4ed290d09fe03c09fe15","EXIT_STATUS":"1","N_RESTARTS":"7","MESSAGE":"kubelet.service: Main process exited, code=exited, status=1/FAILURE"}"#;
        let e = parse(line, false).unwrap();
        assert_eq!(e.manager_invocation.as_deref(), Some("i1"));
        assert_eq!(e.exit_status.as_deref(), Some("1"));
        assert_eq!(e.n_restarts, Some(7));
    }

    #[test]
    fn message_as_bytes_and_null() {
        let e = parse(br#"{"MESSAGE":[69,48,32,255,104,105]}"#, false).unwrap();
        assert_eq!(e.message.as_deref(), Some("E0 \u{FFFD}hi"));
        let e = parse(br#"{"MESSAGE":null}"#, false).unwrap();
        assert_eq!(e.message, None);
        assert!(parse(br#"{"MESSAGE":[300]}"#, false).is_err());
    }

    #[test]
    fn escapes_and_surrogates() {
        let e = parse(br#"{"MESSAGE":"a\u00e9\ud83e\udd80\ud800x\/\t"}"#, false).unwrap();
        assert_eq!(e.message.as_deref(), Some("a\u{e9}🦀\u{FFFD}x/\t"));
    }

    #[test]
    fn long_messages_are_cut_and_cut_lines_keep_what_came_first() {
        let long = format!(
            r#"{{"_PID":"9","MESSAGE":"{}","_SYSTEMD_INVOCATION_ID":"z"}}"#,
            "é".repeat(MESSAGE_CAP)
        );
        let e = parse(long.as_bytes(), false).unwrap();
        assert!(e.message_truncated);
        assert_eq!(e.message.as_ref().unwrap().len(), MESSAGE_CAP);
        assert_eq!(e.invocation.as_deref(), Some("z"));
        // The reader cut the line inside MESSAGE: the fields before it and the text so far.
        let e = parse(
            br#"{"_PID":"9","MESSAGE":"running with swap on is not sup"#,
            true,
        )
        .unwrap();
        assert_eq!(e.pid, Some(9));
        assert_eq!(
            e.message.as_deref(),
            Some("running with swap on is not sup")
        );
        assert!(e.message_truncated);
        // Not cut by the reader: an unterminated line is not JSON.
        assert!(parse(br#"{"_PID":"9","MESSAGE":"x"#, false).is_err());
    }

    #[test]
    fn what_is_not_a_json_object() {
        for line in [
            &b"-- No entries --"[..],
            b"",
            b"[1]",
            b"{\"a\":1} x",
            b"{\"a\" 1}",
            b"\xff\xfe",
        ] {
            assert_eq!(parse(line, false), Err(Bad::NotJson), "{line:?}");
        }
    }
}
