//! Writing the report to stdout. A closed pipe (`| head`) ends the run quietly with success;
//! any other write failure (a full disk behind a redirect) is an error.

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
