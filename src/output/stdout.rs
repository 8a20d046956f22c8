//! Writing the report to stdout. A closed pipe (`| head`) ends the run quietly with success;
//! any other write failure (a full disk behind a redirect) is an error.
//!
//! A stdout closed with `>&-` is an error too, at the first write, so a command that writes
//! nothing there (`--output-dir`) still runs. Rust's runtime hides a closed stdout behind
//! `/dev/null` before `main`; the binary looks before that and says so (`started_closed`).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

static CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Records that descriptor 1 was closed when the process started (seen by `src/main.rs`).
pub fn started_closed(closed: bool) {
    CLOSED_AT_START.store(closed, Ordering::Relaxed);
}

/// The error for a report written to a stdout that was closed before the program started.
pub fn closed_error() -> Option<std::io::Error> {
    CLOSED_AT_START.load(Ordering::Relaxed).then(|| {
        std::io::Error::other(
            "it was closed before the program started (>&-); the report would be lost",
        )
    })
}

/// Writes `bytes` to stdout and flushes, so each page reaches the reader as it is produced.
pub fn emit(bytes: &[u8]) -> Result<()> {
    let mut lock = std::io::stdout().lock();
    match closed_error() {
        Some(e) => Err(e),
        None => lock.write_all(bytes).and_then(|()| lock.flush()),
    }
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
