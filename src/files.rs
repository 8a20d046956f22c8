//! Reading a local file the user named (a kubelet config, a kubeconfig and the files it
//! points to, a token file), bounded: by its size as read, not as `stat` claims, so
//! `/dev/zero` and `/proc` files are capped too; and without blocking forever on a FIFO that
//! has no writer. A FIFO with a writer (`--kubeconfig <(...)`) is read as it comes.

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Directory,
    /// More than `limit` bytes; `size` when the file says how large it is.
    TooLarge {
        limit: u64,
        size: Option<u64>,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Directory => write!(f, "it is a directory"),
            ReadError::TooLarge { limit, .. } => {
                write!(f, "it is larger than {}", human(*limit))
            }
        }
    }
}

/// `bytes` as people say it: 64 KiB, 16 MiB.
pub fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// `path` read as [`read_capped`] reads it, or standard input for `-` (also capped).
pub fn read_capped_or_stdin(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if path.as_os_str() != "-" {
        return read_capped(path, limit);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, size: None });
    }
    Ok(bytes)
}

/// Reads `path` whole, refusing more than `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, forever if none
    // comes. Reads are made blocking again, so a writer that is slow is still waited for;
    // with no writer at all, the first read is end-of-file.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(ReadError::Io)?;
    rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::empty())
        .map_err(|e| ReadError::Io(e.into()))?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    // A regular file says its size: refuse a huge one without reading it.
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: Some(meta.len()),
        });
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, size: None });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_what_stat_cannot_size() {
        let err = read_capped(Path::new("/dev/zero"), 1000).unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::TooLarge {
                    limit: 1000,
                    size: None
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "it is larger than 1000 bytes");
    }

    #[test]
    fn a_fifo_without_a_writer_reads_as_empty_instead_of_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        assert_eq!(read_capped(&fifo, 100).unwrap(), b"");
    }

    #[test]
    fn directories_and_sizes_are_named() {
        assert!(matches!(
            read_capped(Path::new("/"), 10),
            Err(ReadError::Directory)
        ));
        assert_eq!(human(64 << 10), "64 KiB");
        assert_eq!(human(16 << 20), "16 MiB");
        assert_eq!(human(1500), "1500 bytes");
    }
}
