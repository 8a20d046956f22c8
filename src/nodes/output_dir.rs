//! `--output-dir`: one file per node, written atomically (temp file + rename), so a support
//! bundle never holds a half-written node even if the run is interrupted.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether a node name is safe as a file name. Real node names are DNS subdomains; anything
/// else (a `/`, `..`, control characters) came from a hostile or broken server.
pub fn safe_file_stem(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// Creates the directory (and parents) if needed.
pub fn prepare_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `dir/<name>.<ext>` atomically and returns the final path.
pub fn write_atomically(dir: &Path, name: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = dir.join(format!("{name}.{ext}"));
    let temp = dir.join(format!(".{name}.{ext}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::Write {
            path: target.clone(),
            source,
        }
    })?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_names_that_escape_the_directory() {
        assert!(safe_file_stem("ip-10-0-0-1.ec2.internal"));
        assert!(safe_file_stem("node_1"));
        for bad in ["", "../etc/passwd", "a/b", ".hidden", "x\u{1b}", "a b"] {
            assert!(!safe_file_stem(bad), "{bad:?}");
        }
    }

    #[test]
    fn writes_and_replaces() {
        let dir = std::env::temp_dir().join(format!("kd-outdir-{}", std::process::id()));
        prepare_dir(&dir).unwrap();
        let path = write_atomically(&dir, "n1", "yaml", b"one").unwrap();
        write_atomically(&dir, "n1", "yaml", b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
