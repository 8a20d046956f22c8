//! Writing the report to stdout. A closed pipe (`| head`) ends the run quietly with success;
//! any other write failure (a full disk behind a redirect) is an error, and so is a closed
//! stdout (`>&-`), which Rust's standard library would otherwise hide by discarding every
//! write: a lost report must not look like success.

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

/// Whether the process was started with stdout closed (`>&-`). Rust's runtime reopens a closed
/// descriptor 0, 1 or 2 on `/dev/null` (read-write) before `main`, so a closed stdout looks
/// like `/dev/null`; a shell's `>/dev/null` opens it write-only, which tells the two apart.
/// Only Linux exposes the open flags (`/proc/self/fdinfo`); elsewhere this says false.
pub fn is_closed() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return false;
    };
    if target != std::path::Path::new("/dev/null") {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
    const O_ACCMODE: u32 = 0o3;
    const O_RDWR: u32 = 0o2;
    flags.is_some_and(|f| f & O_ACCMODE == O_RDWR)
}

/// The error for a closed stdout.
pub fn closed_error() -> Error {
    Error::Input(
        "standard output is closed, so the report would be lost: redirect it to /dev/null to \
         discard it"
            .to_string(),
    )
}
