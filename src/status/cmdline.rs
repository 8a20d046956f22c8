//! The kubelet's command line: the running process's `/proc/PID/cmdline` (NUL-separated), or,
//! when it is down, the unit's `ExecStart` expanded with its `Environment=` lines and
//! environment files as systemd would (kubelet-status.md §2.3: `$VAR` split on whitespace,
//! `${VAR}` one argument, unset variables vanish). Flags removed in the kubelet's version are
//! found here (§3.3). Pure.

use std::collections::BTreeMap;

/// Where the argv came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `/proc/PID/cmdline` of the running kubelet: ground truth.
    Process,
    /// The unit's ExecStart, expanded by us.
    Reconstructed,
    /// k3s's `Running kubelet ...` journal line: the kubelet runs inside k3s, without a PID.
    Journal,
}

/// A kubelet command line, split into flags.
#[derive(Debug, PartialEq, Eq)]
pub struct Argv {
    pub origin: Origin,
    pub args: Vec<String>,
    /// `--name` -> value (`None` for a flag alone), in order.
    pub flags: Vec<(String, Option<String>)>,
}

/// Flags the kubelet no longer knows, with the minor release that removed them.
pub const REMOVED: &[(&str, u8)] = &[
    ("container-runtime", 27),
    ("keep-terminated-pod-volumes", 31),
    ("cloud-config", 34),
    ("register-schedulable", 34),
    ("pod-infra-container-image", 35),
];

impl Argv {
    pub fn new(origin: Origin, args: Vec<String>) -> Argv {
        let mut flags = Vec::new();
        // argv[0] is the program (or `k3s agent`'s own words: ignored as non-flags).
        let mut it = args.iter().skip(1).peekable();
        while let Some(arg) = it.next() {
            let Some(body) = arg.strip_prefix("--") else {
                continue;
            };
            match body.split_once('=') {
                Some((name, value)) => flags.push((name.to_string(), Some(value.to_string()))),
                None => {
                    // The kubelet takes no positional arguments: a word after a flag is its value.
                    let value = it.next_if(|v| !v.starts_with('-')).cloned();
                    flags.push((body.to_string(), value));
                }
            }
        }
        Argv {
            origin,
            args,
            flags,
        }
    }

    /// From `/proc/PID/cmdline` bytes.
    pub fn from_proc(bytes: &[u8]) -> Argv {
        let args = bytes
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        Argv::new(Origin::Process, args)
    }

    /// The last value of `--name` (pflag keeps the last).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Removed flags present, with the minor that removed each.
    pub fn removed(&self) -> Vec<(&str, u8)> {
        let mut out = Vec::new();
        for (name, _) in &self.flags {
            if let Some((n, minor)) = REMOVED.iter().find(|(r, _)| r == name)
                && !out.iter().any(|(o, _)| o == n)
            {
                out.push((*n, *minor));
            }
        }
        out
    }
}

/// Variables from `Environment=` lines (unit files, drop-ins) and environment files, later
/// ones winning.
#[derive(Debug, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    /// The `Environment=` lines of a unit file or drop-in.
    pub fn add_unit_file(&mut self, text: &str) {
        for line in text.lines() {
            let Some(value) = line.trim().strip_prefix("Environment=") else {
                continue;
            };
            for assignment in unit_words(value) {
                if let Some((k, v)) = assignment.split_once('=') {
                    self.vars.insert(k.to_string(), v.to_string());
                }
            }
        }
    }

    /// An `EnvironmentFile=`: `KEY=VALUE` lines, `#`/`;` comments, optional quotes.
    pub fn add_env_file(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
                .unwrap_or(v);
            self.vars.insert(k.trim().to_string(), v.to_string());
        }
    }

    /// `ExecStart`'s words expanded (systemd.service(5)).
    pub fn expand(&self, words: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for w in words {
            if let Some(name) = w.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
                if let Some(v) = self.vars.get(name) {
                    out.push(v.clone());
                }
            } else if let Some(name) = w.strip_prefix('$') {
                if let Some(v) = self.vars.get(name) {
                    out.extend(v.split_whitespace().map(str::to_string));
                }
            } else {
                out.push(w.clone());
            }
        }
        out
    }
}

/// `"A=1 2" B=3` -> [`A=1 2`, `B=3`].
fn unit_words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in value.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_cmdline_and_flags() {
        let a = Argv::from_proc(b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--kubeconfig\0/etc/kubernetes/kubelet.conf\0--v\0--pod-infra-container-image=registry.k8s.io/pause:3.9\0--fail-swap-on=false\0");
        assert_eq!(a.value("config"), Some("/var/lib/kubelet/config.yaml"));
        assert_eq!(a.value("kubeconfig"), Some("/etc/kubernetes/kubelet.conf"));
        assert_eq!(a.value("v"), None);
        assert_eq!(a.removed(), [("pod-infra-container-image", 35)]);
    }

    #[test]
    fn exec_start_expanded_like_systemd() {
        let mut env = Env::default();
        env.add_unit_file("[Service]\nEnvironment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"\nEnvironment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"\n");
        env.add_env_file("# from kubeadm\nKUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10\"\n");
        env.add_env_file("KUBELET_EXTRA_ARGS=\n");
        let words: Vec<String> = [
            "/usr/bin/kubelet",
            "$KUBELET_KUBECONFIG_ARGS",
            "$KUBELET_CONFIG_ARGS",
            "$KUBELET_KUBEADM_ARGS",
            "$KUBELET_EXTRA_ARGS",
            "${UNSET}",
        ]
        .map(str::to_string)
        .to_vec();
        let a = Argv::new(Origin::Reconstructed, env.expand(&words));
        assert_eq!(a.args.len(), 6, "{:?}", a.args);
        assert_eq!(a.value("config"), Some("/var/lib/kubelet/config.yaml"));
        assert_eq!(a.removed(), [("pod-infra-container-image", 35)]);
    }
}
