//! Host paths under a root (`--root` when collecting, a bundle's `root/` when reading one): the
//! plain-absolute-path check, reads that stay inside the root, and the `--config-dir` walk.

use std::path::{Component, Path};

use super::report::Part;
use crate::files::{ReadError, read_capped};

/// `host_path` relative to `/`, when it is a plain absolute path (no `..`).
pub fn plain(host_path: &str) -> Option<&Path> {
    let rel = Path::new(host_path.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

/// Why a host file was not read.
pub enum HostRead {
    Missing,
    Other(String),
}

impl<T> From<HostRead> for Part<T> {
    fn from(why: HostRead) -> Part<T> {
        match why {
            HostRead::Missing => Part::Missing,
            HostRead::Other(why) => Part::Unreadable(why),
        }
    }
}

fn plain_or_why(host_path: &str) -> Result<&Path, HostRead> {
    plain(host_path)
        .ok_or_else(|| HostRead::Other(format!("{host_path:?} is not a plain absolute path")))
}

/// A host file under `root`, never outside it (symlinks included: a bundle may be hostile).
pub fn host_file(root: &Path, host_path: &str, cap: u64) -> Result<String, HostRead> {
    let path = root.join(plain_or_why(host_path)?);
    match (std::fs::canonicalize(&path), std::fs::canonicalize(root)) {
        (Ok(real), Ok(base)) if !real.starts_with(&base) => {
            return Err(HostRead::Other(format!(
                "{host_path} leads outside the bundle"
            )));
        }
        (Err(e), _) if e.kind() == std::io::ErrorKind::NotFound => return Err(HostRead::Missing),
        _ => {}
    }
    match read_capped(&path, cap) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Err(HostRead::Missing),
        Err(e) => Err(HostRead::Other(e.to_string())),
    }
}

/// The most `--config-dir` drop-ins read.
const MAX_DROPINS: usize = 64;

/// Drop-ins the kubelet would merge from `--config-dir`: the host paths of the `*.conf` files
/// under it, in the kubelet's order, at most [`MAX_DROPINS`]; directories outside `root` skipped.
pub fn conf_files(root: &Path, host_dir: &str) -> Result<Vec<String>, HostRead> {
    let top = root.join(plain_or_why(host_dir)?);
    let base = std::fs::canonicalize(root).map_err(|e| HostRead::Other(e.to_string()))?;
    if !top.is_dir() {
        return Err(HostRead::Missing);
    }
    let mut out = Vec::new();
    let mut stack = vec![top];
    while let Some(dir) = stack.pop() {
        match std::fs::canonicalize(&dir) {
            Ok(real) if real.starts_with(&base) => {}
            _ => continue,
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten().take(MAX_DROPINS * 4) {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "conf")
                && let Ok(inside) = path.strip_prefix(root)
            {
                out.push(inside.to_path_buf());
            }
        }
    }
    // Compared component by component, as the kubelet's filepath.WalkDir visits them: `90/x.conf`
    // before `90-z.conf` (as strings, `-` sorts before `/`; the later drop-in wins).
    out.sort();
    out.truncate(MAX_DROPINS);
    Ok(out.iter().map(|p| format!("/{}", p.display())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_paths_stay_inside_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("etc/link")).unwrap();
        std::fs::write(root.join("etc/ok"), "fine").unwrap();
        assert!(matches!(host_file(&root, "/etc/ok", 100), Ok(t) if t == "fine"));
        assert!(matches!(
            host_file(&root, "/etc/../../secret", 100),
            Err(HostRead::Other(_))
        ));
        assert!(
            matches!(host_file(&root, "/etc/link", 100), Err(HostRead::Other(w)) if w.contains("outside"))
        );
        assert!(matches!(
            host_file(&root, "/etc/none", 100),
            Err(HostRead::Missing)
        ));
    }

    #[test]
    fn config_dir_drop_ins() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let d = root.join("etc/k.d");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["20-b.conf", "sub/10-a.conf", "notes.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        // A symlinked drop-in is merged by the kubelet too.
        std::os::unix::fs::symlink(d.join("20-b.conf"), d.join("30-link.conf")).unwrap();
        assert_eq!(
            conf_files(&root, "/etc/k.d").ok(),
            Some(vec![
                "/etc/k.d/20-b.conf".to_string(),
                "/etc/k.d/30-link.conf".to_string(),
                "/etc/k.d/sub/10-a.conf".to_string(),
            ])
        );
        assert!(matches!(
            conf_files(&root, "/etc/none"),
            Err(HostRead::Missing)
        ));
        assert!(matches!(
            conf_files(&root, "/etc/../x"),
            Err(HostRead::Other(_))
        ));
    }

    #[test]
    fn drop_ins_in_the_kubelets_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("etc/k.d");
        std::fs::create_dir_all(d.join("90")).unwrap();
        for f in ["90-z.conf", "90/x.conf"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        assert_eq!(
            conf_files(dir.path(), "/etc/k.d").ok(),
            Some(vec![
                "/etc/k.d/90/x.conf".to_string(),
                "/etc/k.d/90-z.conf".to_string(),
            ])
        );
    }
}
