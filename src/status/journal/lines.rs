//! Lines of a journal export, split with bounded memory as the bytes arrive (from a file or
//! straight from `journalctl`'s pipe): each line is kept up to [`LINE_CAP`] bytes and the rest
//! of it skipped, so one 50 MB line costs 1 MiB. A line that lies whole in the chunk given is
//! handed on without a copy.

/// The most of one line kept. A journald entry is at most its 48 KiB LineMax plus the other
/// fields, even as a byte array (about 4 bytes a byte).
pub const LINE_CAP: usize = 1 << 20;

/// Splits chunks into lines (without their newline), each with whether it was cut at the cap.
#[derive(Debug)]
pub struct Splitter {
    cap: usize,
    /// The start of a line whose end has not come yet.
    pending: Vec<u8>,
    /// Bytes came after the last newline (the pending line exists, even if empty so far).
    open: bool,
    /// The pending line went past the cap.
    cut: bool,
}

impl Splitter {
    pub fn new(cap: usize) -> Splitter {
        Splitter {
            cap,
            pending: Vec::new(),
            open: false,
            cut: false,
        }
    }

    /// Takes the next bytes; `each` gets every line they end.
    pub fn feed(&mut self, mut chunk: &[u8], mut each: impl FnMut(&[u8], bool)) {
        while let Some(n) = memchr::memchr(b'\n', chunk) {
            if self.open {
                self.append(&chunk[..n]);
                each(&self.pending, self.cut);
                self.pending.clear();
                self.open = false;
                self.cut = false;
            } else {
                let line = &chunk[..n];
                each(&line[..line.len().min(self.cap)], line.len() > self.cap);
            }
            chunk = &chunk[n + 1..];
        }
        if !chunk.is_empty() {
            self.open = true;
            self.append(chunk);
        }
    }

    /// The last line, when the bytes did not end with a newline.
    pub fn finish(&mut self, mut each: impl FnMut(&[u8], bool)) {
        if self.open {
            each(&self.pending, self.cut);
            self.pending.clear();
            self.open = false;
            self.cut = false;
        }
    }

    fn append(&mut self, bytes: &[u8]) {
        let room = self.cap.saturating_sub(self.pending.len());
        if bytes.len() > room {
            self.cut = true;
        }
        self.pending
            .extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(data: &[u8], chunk: usize, cap: usize) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut s = Splitter::new(cap);
        let mut keep = |l: &[u8], cut: bool| out.push((String::from_utf8_lossy(l).into(), cut));
        for c in data.chunks(chunk) {
            s.feed(c, &mut keep);
        }
        s.finish(&mut keep);
        out
    }

    #[test]
    fn lines_are_cut_at_the_cap_and_the_rest_skipped_however_the_bytes_arrive() {
        let data = b"short\nthis one is long\n\nlast";
        let want: Vec<(String, bool)> = [
            ("short", false),
            ("this one", true),
            ("", false),
            ("last", false),
        ]
        .iter()
        .map(|(l, c)| (l.to_string(), *c))
        .collect();
        for chunk in [1, 2, 3, 7, 100] {
            assert_eq!(split(data, chunk, 8), want, "chunks of {chunk}");
        }
    }

    #[test]
    fn a_trailing_newline_ends_the_last_line_and_nothing_is_no_line() {
        assert_eq!(split(b"a\n", 1, 8), [("a".to_string(), false)]);
        assert_eq!(split(b"", 1, 8), []);
        assert_eq!(split(b"\n", 4, 8), [(String::new(), false)]);
        // Exactly the cap is not cut.
        assert_eq!(
            split(b"12345678\n", 3, 8),
            [("12345678".to_string(), false)]
        );
        assert_eq!(
            split(b"12345678\n", 100, 8),
            [("12345678".to_string(), false)]
        );
    }
}
