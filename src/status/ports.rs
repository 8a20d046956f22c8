//! Who holds the kubelet's ports: each socket listening on its API port (10250) or its healthz
//! port (10248), as its config and flags set them (`/proc/net/tcp{,6}`), resolved
//! to its process through the `socket:[INODE]` links under `/proc/*/fd` (kubelet-status.md §5,
//! port-in-use), written to the bundle as `listeners.json`. The scan is capped, never follows
//! a link into anything, and skips what it cannot read; a process's argv is kept only up to its
//! first flag, so no flag value (a token) reaches a bundle.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The kubelet's port when neither `port` nor `--port` says.
pub const PORT: u16 = 10250;
/// The healthz port when neither `healthzPort` nor `--healthz-port` says.
pub const HEALTHZ_PORT: u16 = 10248;

/// The kubelet's ports from its effective config fields (files, then flags): its API port,
/// and its healthz port unless `0` turns healthz off.
pub fn kubelet_ports(fields: &BTreeMap<&'static str, String>) -> (u16, Option<u16>) {
    let port = |field, default| {
        fields
            .get(field)
            .map_or(Some(default), |v| v.trim().parse::<u16>().ok())
    };
    (
        port("port", PORT).filter(|p| *p != 0).unwrap_or(PORT),
        port("healthzPort", HEALTHZ_PORT).filter(|p| *p != 0),
    )
}
/// Process directories looked into, at most.
const MAX_PIDS: usize = 32_768;
/// Descriptors looked at in one process, at most.
const MAX_FDS: usize = 16_384;
/// Links read in the whole scan, at most (a busy node has a few hundred thousand).
const MAX_LINKS: usize = 500_000;
/// Bytes of `/proc/PID/cmdline` read.
const CMDLINE_CAP: u64 = 4096;
/// Words of the argv kept before its first flag.
const MAX_WORDS: usize = 4;
/// Characters of one kept word.
const MAX_WORD: usize = 128;

/// One entry of `listeners.json`: the process holding a socket that listens on `port`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PortOwner {
    pub port: u16,
    pub inode: u64,
    pub pid: u32,
    /// Its parent: a kubelet started by the unit's main process (RKE2) is the kubelet's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ppid: Option<u32>,
    /// `/proc/PID/comm`.
    #[serde(default)]
    pub comm: String,
    /// The program and the words before its first flag, then `...` when more followed.
    #[serde(default)]
    pub command: String,
}

impl PortOwner {
    /// How the report names it: its command, else its `comm`.
    pub fn shown(&self) -> &str {
        if !self.command.is_empty() {
            &self.command
        } else if !self.comm.is_empty() {
            &self.comm
        } else {
            "command unknown"
        }
    }
}

/// The sockets listening on `ports` (`root/proc/net/tcp{,6}`), by inode.
pub fn listening_inodes(root: &Path, ports: &[u16]) -> BTreeMap<u64, u16> {
    let mut inodes = BTreeMap::new();
    for file in ["proc/net/tcp", "proc/net/tcp6"] {
        let Ok(bytes) = crate::files::read_capped(&root.join(file), 10 << 20) else {
            continue;
        };
        for l in super::host::listening(&String::from_utf8_lossy(&bytes)) {
            // Inode 0: a socket being torn down, owned by nobody.
            if ports.contains(&l.port)
                && let Ok(n) = l.inode.parse::<u64>()
                && n != 0
            {
                inodes.insert(n, l.port);
            }
        }
    }
    inodes
}

/// The owners of `inodes`, looking at `first` (the kubelet's main PID) before the rest.
pub fn owners(root: &Path, inodes: &BTreeMap<u64, u16>, first: Option<u32>) -> Vec<PortOwner> {
    let proc_dir = root.join("proc");
    let mut pids: Vec<u32> = first.filter(|p| *p > 0).into_iter().collect();
    if let Ok(entries) = std::fs::read_dir(&proc_dir) {
        // Not following links: /proc/self and /proc/thread-self are links to a PID.
        pids.extend(
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                .filter(|p| Some(*p) != first)
                .take(MAX_PIDS),
        );
    }
    let mut left: BTreeSet<u64> = inodes.keys().copied().collect();
    let mut budget = MAX_LINKS;
    let mut out = Vec::new();
    for pid in pids {
        if left.is_empty() || budget == 0 {
            break;
        }
        for inode in sockets_of(&proc_dir.join(pid.to_string()), &left, &mut budget) {
            left.remove(&inode);
            let port = inodes.get(&inode).copied().unwrap_or_default();
            out.push(describe(&proc_dir, pid, inode, port));
        }
    }
    out.sort_by_key(|o| o.inode);
    out
}

/// Which of `wanted` the process at `pid_dir` holds. Its `fd` must be a directory itself (not
/// a link to one); each entry is read as a link, never opened.
fn sockets_of(pid_dir: &Path, wanted: &BTreeSet<u64>, budget: &mut usize) -> Vec<u64> {
    let fd_dir = pid_dir.join("fd");
    let is_dir = std::fs::symlink_metadata(&fd_dir).is_ok_and(|m| m.file_type().is_dir());
    let entries = match std::fs::read_dir(&fd_dir) {
        Ok(entries) if is_dir => entries,
        _ => return Vec::new(),
    };
    let mut found = Vec::new();
    for entry in entries.flatten().take(MAX_FDS) {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let Ok(target) = std::fs::read_link(entry.path()) else {
            continue;
        };
        if let Some(inode) = socket_inode(&target.to_string_lossy())
            && wanted.contains(&inode)
            && !found.contains(&inode)
        {
            found.push(inode);
        }
    }
    found
}

/// `socket:[31337]` -> 31337.
fn socket_inode(link: &str) -> Option<u64> {
    link.strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

fn describe(proc_dir: &Path, pid: u32, inode: u64, port: u16) -> PortOwner {
    let dir = proc_dir.join(pid.to_string());
    let comm = read_prefix(&dir.join("comm"), 64)
        .map(|b| String::from_utf8_lossy(&b).trim_end().to_string())
        .unwrap_or_default();
    let ppid =
        read_prefix(&dir.join("stat"), 1024).and_then(|b| parent(&String::from_utf8_lossy(&b)));
    let command = read_prefix(&dir.join("cmdline"), CMDLINE_CAP)
        .map(|b| short_command(&b))
        .unwrap_or_default();
    PortOwner {
        port,
        inode,
        pid,
        ppid,
        comm,
        command,
    }
}

/// The parent PID from `/proc/PID/stat`: the field after the state, after the last `)` (the
/// command name in parentheses may hold spaces and parentheses).
fn parent(stat: &str) -> Option<u32> {
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The program and the words before its first flag, each cut, URLs without user info; `...`
/// when anything followed. Flag values (a `--token`) never make it.
pub fn short_command(cmdline: &[u8]) -> String {
    let words: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    let kept: Vec<String> = words
        .iter()
        .take(MAX_WORDS)
        .enumerate()
        .take_while(|(i, w)| *i == 0 || !w.starts_with('-'))
        .map(|(_, w)| cut(&crate::output::redact::url(w)))
        .collect();
    let mut s = kept.join(" ");
    if words.len() > kept.len() {
        s.push_str(" ...");
    }
    s
}

fn cut(word: &str) -> String {
    match word.char_indices().nth(MAX_WORD) {
        Some((at, _)) => format!("{}…", &word[..at]),
        None => word.to_string(),
    }
}

/// At most `cap` bytes of a regular file (the `/proc` files are; a FIFO planted under `--root`
/// is not, and is never opened for long: O_NONBLOCK).
fn read_prefix(path: &Path, cap: u64) -> Option<Vec<u8>> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut out = Vec::new();
    file.take(cap).read_to_end(&mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_links_and_stat_lines() {
        assert_eq!(socket_inode("socket:[31337]"), Some(31337));
        assert_eq!(socket_inode("pipe:[31337]"), None);
        assert_eq!(socket_inode("/var/lib/socket:[1]"), None);
        assert_eq!(
            parent("3117 (k3s ag) ent) S 1 3117 3117 0 -1 4194560"),
            Some(1)
        );
        assert_eq!(parent("garbage"), None);
    }

    #[test]
    fn commands_stop_before_the_first_flag() {
        assert_eq!(
            short_command(b"/usr/local/bin/k3s\0agent\0--token\0s3cr3t\0"),
            "/usr/local/bin/k3s agent ..."
        );
        assert_eq!(short_command(b"/usr/bin/kubelet\0"), "/usr/bin/kubelet");
        assert_eq!(
            short_command(b"srv\0https://u:p@h/x\0"),
            "srv https://xxxxx@h/x"
        );
        assert_eq!(short_command(b"a\0b\0c\0d\0e\0"), "a b c d ...");
        assert_eq!(short_command(b"-bash\0"), "-bash");
        let long = "x".repeat(300);
        assert_eq!(
            short_command(long.as_bytes()),
            format!("{}…", "x".repeat(128))
        );
    }
}
