//! Lines of a journal export, read with bounded memory: each line is kept up to [`LINE_CAP`]
//! bytes and the rest of it skipped, so one 50 MB line costs 1 MiB, and a 1 GB file streams
//! through a fixed buffer.

use std::io::{self, BufRead};

/// The most of one line kept. A journald entry is at most its 48 KiB LineMax plus the other
/// fields, even as a byte array (about 4 bytes a byte).
pub const LINE_CAP: usize = 1 << 20;

/// Reads the next line into `buf` (without its newline); `Ok(None)` at the end, else whether
/// the line was cut at `cap`.
pub fn next_line<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut cut = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(cut));
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(n) => (n, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        if take > room {
            cut = true;
        }
        buf.extend_from_slice(&chunk[..take.min(room)]);
        reader.consume(if done { take + 1 } else { take });
        if done {
            return Ok(Some(cut));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_at_the_cap_and_the_rest_skipped() {
        let data = b"short\nthis one is long\n\nlast";
        // A tiny buffer, so lines span reads.
        let mut r = io::BufReader::with_capacity(3, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(next_line(&mut r, &mut buf, 8).unwrap(), Some(false));
        assert_eq!(buf, b"short");
        assert_eq!(next_line(&mut r, &mut buf, 8).unwrap(), Some(true));
        assert_eq!(buf, b"this one");
        assert_eq!(next_line(&mut r, &mut buf, 8).unwrap(), Some(false));
        assert_eq!(buf, b"");
        assert_eq!(next_line(&mut r, &mut buf, 8).unwrap(), Some(false));
        assert_eq!(buf, b"last");
        assert_eq!(next_line(&mut r, &mut buf, 8).unwrap(), None);
    }
}
