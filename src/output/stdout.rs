//! Writing the report to stdout. A closed pipe (`| head`) ends the run quietly with success;
//! any other write failure (a full disk behind a redirect) is an error.
//!
//! A stdout closed with `>&-` cannot be told apart here: Rust's runtime reopens a closed
//! descriptor 0, 1 or 2 on `/dev/null` (read-write) before `main`, which looks exactly like a
//! parent's `/dev/null` (Python's `subprocess.DEVNULL`, systemd's `StandardOutput=null`,
//! both read-write). Refusing that would break callers that discard the report on purpose.

use std::io::Write;

use crate::error::{Error, Result};

/// Writes `bytes` to stdout and flushes, so each page reaches the reader as it is produced.
pub fn emit(bytes: &[u8]) -> Result<()> {
    let mut lock = std::io::stdout().lock();
    lock.write_all(bytes)
        .and_then(|()| lock.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Error::BrokenPipe
            } else {
                Error::Write {
                    path: "standard output".into(),
                    source: e,
                }
            }
        })
}
