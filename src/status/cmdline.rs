//! The kubelet's command line: the running process's `/proc/PID/cmdline` (NUL-separated), or,
//! when it is down, the unit's `ExecStart` expanded with its `Environment=` lines and
//! environment files as systemd would (kubelet-status.md §2.3: `$VAR` split on whitespace,
//! `${VAR}` one argument, unset variables vanish). Flags removed in the kubelet's version are
//! found here (§3.3). Pure.

use std::collections::BTreeMap;

use super::systemd::Unit;

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
    /// Where each flag came from, for a reconstructed argv: `KUBELET_KUBEADM_ARGS in
    /// /var/lib/kubelet/kubeadm-flags.env` (parallel to `flags`; `None` when unknown).
    pub sources: Vec<Option<String>>,
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
        let none = vec![None; args.len()];
        Argv::with_sources(origin, args, none)
    }

    /// An argv whose words each say where they came from (`arg_sources` parallel to `args`).
    pub fn with_sources(
        origin: Origin,
        args: Vec<String>,
        arg_sources: Vec<Option<String>>,
    ) -> Argv {
        let mut flags = Vec::new();
        let mut sources = Vec::new();
        // argv[0] is the program (or `k3s agent`'s own words: ignored as non-flags).
        let mut it = args.iter().zip(&arg_sources).skip(1).peekable();
        while let Some((arg, source)) = it.next() {
            let Some(body) = arg.strip_prefix("--") else {
                continue;
            };
            sources.push(source.clone());
            match body.split_once('=') {
                Some((name, value)) => flags.push((name.to_string(), Some(value.to_string()))),
                None => {
                    // The kubelet takes no positional arguments: a word after a flag is its value.
                    let value = it
                        .next_if(|(v, _)| !v.starts_with('-'))
                        .map(|(v, _)| v.clone());
                    flags.push((body.to_string(), value));
                }
            }
        }
        Argv {
            origin,
            args,
            flags,
            sources,
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

    /// Removed flags present, with the minor that removed each and where the flag came from.
    pub fn removed(&self) -> Vec<(&str, u8, Option<&str>)> {
        let mut out: Vec<(&str, u8, Option<&str>)> = Vec::new();
        for (i, (name, _)) in self.flags.iter().enumerate() {
            if let Some((n, minor)) = REMOVED.iter().find(|(r, _)| r == name)
                && !out.iter().any(|(o, _, _)| o == n)
            {
                out.push((*n, *minor, self.sources.get(i).and_then(|s| s.as_deref())));
            }
        }
        out
    }
}

/// Variables from `Environment=` lines (unit files, drop-ins) and environment files, later
/// ones winning.
#[derive(Debug, Default)]
pub struct Env {
    /// Name -> (value, the file that set it).
    vars: BTreeMap<String, (String, String)>,
}

impl Env {
    /// What `unit` sets: the `Environment=` lines of its file and drop-ins, then its environment
    /// files, each file's text given by `read` (the caller reads the host or a bundle).
    pub fn of_unit(unit: &Unit, mut read: impl FnMut(&str) -> Option<String>) -> Env {
        let mut env = Env::default();
        for file in unit.fragment_path.iter().chain(&unit.drop_in_paths) {
            if let Some(text) = read(file) {
                env.add_unit_file(&text, file);
            }
        }
        for (file, _) in &unit.environment_files {
            if let Some(text) = read(file) {
                env.add_env_file(&text, file);
            }
        }
        env
    }

    /// The `Environment=` lines of a unit file or drop-in at `path`.
    pub fn add_unit_file(&mut self, text: &str, path: &str) {
        for line in text.lines() {
            let Some(value) = line.trim().strip_prefix("Environment=") else {
                continue;
            };
            for assignment in unit_words(value) {
                if let Some((k, v)) = assignment.split_once('=') {
                    self.vars
                        .insert(k.to_string(), (v.to_string(), path.to_string()));
                }
            }
        }
    }

    /// An `EnvironmentFile=` at `path`: `KEY=VALUE` lines, `#`/`;` comments, optional quotes.
    pub fn add_env_file(&mut self, text: &str, path: &str) {
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
            self.vars
                .insert(k.trim().to_string(), (v.to_string(), path.to_string()));
        }
    }

    /// `ExecStart`'s words expanded (systemd.service(5)), as an argv that knows which variable
    /// and file gave each word.
    pub fn expand(&self, words: &[String]) -> Argv {
        let mut out = Vec::new();
        let mut sources = Vec::new();
        for w in words {
            let braced = w.strip_prefix("${").and_then(|r| r.strip_suffix('}'));
            let name = braced.or_else(|| w.strip_prefix('$'));
            match name.map(|n| (n, self.vars.get(n))) {
                Some((n, Some((value, file)))) => {
                    let source = Some(format!("{n} in {file}"));
                    if braced.is_some() {
                        out.push(value.clone());
                        sources.push(source);
                    } else {
                        for part in value.split_whitespace() {
                            out.push(part.to_string());
                            sources.push(source.clone());
                        }
                    }
                }
                // Unset: vanishes.
                Some((_, None)) => {}
                None => {
                    out.push(w.clone());
                    sources.push(None);
                }
            }
        }
        Argv::with_sources(Origin::Reconstructed, out, sources)
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
        assert_eq!(a.removed(), [("pod-infra-container-image", 35, None)]);
    }

    #[test]
    fn exec_start_expanded_like_systemd() {
        let mut env = Env::default();
        env.add_unit_file("[Service]\nEnvironment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"\nEnvironment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"\n", "/d/10-kubeadm.conf");
        env.add_env_file("# from kubeadm\nKUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10\"\n", "/var/lib/kubelet/kubeadm-flags.env");
        env.add_env_file("KUBELET_EXTRA_ARGS=\n", "/etc/default/kubelet");
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
        let a = env.expand(&words);
        assert_eq!(a.origin, Origin::Reconstructed);
        assert_eq!(a.args.len(), 6, "{:?}", a.args);
        assert_eq!(a.value("config"), Some("/var/lib/kubelet/config.yaml"));
        assert_eq!(
            a.removed(),
            [(
                "pod-infra-container-image",
                35,
                Some("KUBELET_KUBEADM_ARGS in /var/lib/kubelet/kubeadm-flags.env")
            )]
        );
        assert_eq!(
            a.sources[0].as_deref(),
            Some("KUBELET_KUBECONFIG_ARGS in /d/10-kubeadm.conf")
        );
    }
}
