//! The installed kubelet's version: what the next start will run, which is not always what runs
//! now (an upgraded package with an old `kubeadm-flags.env` is the classic case). The live run
//! asks the binary itself (`kubelet --version`) and keeps its answer as the bundle part
//! `kubelet-version`; the analysis reads the version out of that text.

use std::path::{Component, Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;

/// How long `--version` may take.
pub const DEADLINE: Duration = Duration::from_secs(2);
/// Bytes of its output kept.
pub const OUTPUT_CAP: usize = 4096;
/// Programs known to print their version and exit on `--version`. Anything else (a wrapper
/// script in ExecStart, microk8s's kubelite) might start a second kubelet: never run.
const KNOWN: &[&str] = &["kubelet", "k3s", "rke2"];

/// The program to ask: the unit's ExecStart program (what systemd will start next), else the
/// running process's argv[0]; absolute, and one of the programs known to answer `--version`.
pub fn program<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates.into_iter().find(|p| {
        let path = Path::new(p);
        path.is_absolute()
            && path
                .components()
                .skip(1)
                .all(|c| matches!(c, Component::Normal(_)))
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| KNOWN.contains(&n))
    })
}

/// Why the version could not be asked.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// No such program: the version is just unknown (a kubelet inside k3s has no binary).
    Missing,
    Other(String),
}

/// `program --version` under `root`: its output (at most [`OUTPUT_CAP`] bytes). Run with an
/// empty environment, no stdin, stderr discarded, in its own process group, killed with that
/// group at [`DEADLINE`].
pub async fn ask(root: &Path, program: &str) -> Result<Vec<u8>, Failure> {
    let path = inside(root, program)?;
    let mut child = tokio::process::Command::new(&path)
        .arg("--version")
        .env_clear()
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| Failure::Other(format!("cannot run: {e}")))?;
    let group = child.id();
    let mut stdout = child
        .stdout
        .take()
        .ok_or(Failure::Other("no stdout".into()))?;
    let work = async {
        let mut out = Vec::new();
        (&mut stdout)
            .take(OUTPUT_CAP as u64)
            .read_to_end(&mut out)
            .await
            .map_err(|e| e.to_string())?;
        Ok::<_, String>(out)
    };
    let out = match tokio::time::timeout(DEADLINE, work).await {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            kill_group(group);
            return Err(Failure::Other(e));
        }
        Err(_) => {
            // Before the child is reaped its PID (the group's id) cannot be reused.
            kill_group(group);
            return Err(Failure::Other(format!(
                "no answer within {}s; stopped",
                DEADLINE.as_secs()
            )));
        }
    };
    // What it printed is enough; one that keeps running past its output is stopped.
    match tokio::time::timeout(Duration::from_millis(200), child.wait()).await {
        Ok(Ok(status)) if !status.success() && out.is_empty() => Err(Failure::Other(format!(
            "exited with {status} and printed nothing"
        ))),
        Ok(_) => Ok(out),
        Err(_) => {
            kill_group(group);
            Ok(out)
        }
    }
}

/// `program` resolved under `root`, staying inside it (a link out of `--root` is not run), a
/// regular file.
fn inside(root: &Path, program: &str) -> Result<PathBuf, Failure> {
    let joined = root.join(program.trim_start_matches('/'));
    let real = match std::fs::canonicalize(&joined) {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Failure::Missing),
        Err(e) => return Err(Failure::Other(e.to_string())),
    };
    let base = std::fs::canonicalize(root).map_err(|e| Failure::Other(e.to_string()))?;
    if !real.starts_with(&base) {
        return Err(Failure::Other("it leads outside --root; not run".into()));
    }
    match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => Ok(real),
        Ok(_) => Err(Failure::Other("not a regular file; not run".into())),
        Err(e) => Err(Failure::Other(e.to_string())),
    }
}

fn kill_group(pid: Option<u32>) {
    if let Some(pid) = pid
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// The version in a `--version` answer: `Kubernetes v1.35.0` -> `v1.35.0`, `k3s version
/// v1.31.2+k3s1 (6da20424)` -> `v1.31.2+k3s1` (the first word that is `v` and a number).
pub fn version(text: &str) -> Option<&str> {
    text.split_whitespace().find(|w| {
        let mut chars = w.chars();
        w.len() <= 64
            && chars.next() == Some('v')
            && chars.next().is_some_and(|c| c.is_ascii_digit())
            && w.contains('.')
    })
}

/// Which program answered, for the report: `k3s --version`, else `kubelet --version`.
pub fn asked(text: &str) -> &'static str {
    match text.split_whitespace().next() {
        Some("k3s") => "k3s --version",
        Some("rke2") => "rke2 --version",
        _ => "kubelet --version",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_the_answers() {
        assert_eq!(version("Kubernetes v1.35.0\n"), Some("v1.35.0"));
        assert_eq!(
            version("k3s version v1.31.2+k3s1 (6da20424)\ngo version go1.22.8\n"),
            Some("v1.31.2+k3s1")
        );
        assert_eq!(version("unknown flag: --version"), None);
        assert_eq!(version("v2"), None);
        assert_eq!(asked("k3s version v1.31.2+k3s1"), "k3s --version");
        assert_eq!(asked("Kubernetes v1.35.0"), "kubelet --version");
    }

    #[test]
    fn only_known_absolute_programs_are_asked() {
        assert_eq!(
            program(["/usr/local/bin/kubelet-wrapper", "/usr/bin/kubelet"]),
            Some("/usr/bin/kubelet")
        );
        assert_eq!(program(["kubelet", "/usr/bin/../bin/kubelet"]), None);
        assert_eq!(program(["/usr/local/bin/k3s"]), Some("/usr/local/bin/k3s"));
        assert_eq!(program(["/snap/microk8s/1/kubelite"]), None);
    }

    #[test]
    fn a_program_outside_root_is_not_run() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("usr/bin")).unwrap();
        std::os::unix::fs::symlink("/bin/true", root.join("usr/bin/kubelet")).unwrap();
        assert_eq!(
            inside(&root, "/usr/bin/kubelet"),
            Err(Failure::Other("it leads outside --root; not run".into()))
        );
        assert_eq!(inside(&root, "/usr/bin/none"), Err(Failure::Missing));
    }
}
