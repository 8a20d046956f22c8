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
///
/// The temporary file gets an unpredictable name and is created exclusively (`O_EXCL`), so
/// a file or symlink planted in the directory is never opened; `rename` then replaces the
/// target's directory entry and never follows a symlink there. Under sudo, a predictable name
/// opened without these flags let anyone who can write the directory overwrite any file.
pub fn write_atomically(dir: &Path, name: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = dir.join(format!("{name}.{ext}"));
    let write_error = |source| Error::Write {
        path: target.clone(),
        source,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.{ext}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(&target).map_err(|e| write_error(e.error))?;
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

    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let out = dir.path().join("out");
        prepare_dir(&out).unwrap();
        // The old temporary name and the target itself both point at the victim.
        let pid = std::process::id();
        std::os::unix::fs::symlink(&victim, out.join(format!(".n1.yaml.tmp{pid}"))).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("n1.yaml")).unwrap();
        let path = write_atomically(&out, "n1", "yaml", b"node").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&path).unwrap(), b"node");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
    }
}
