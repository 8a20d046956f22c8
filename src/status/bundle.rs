//! Reading a bundle directory (layout in README "status"): `meta.json` (required),
//! `systemctl-show.txt`, `journal.jsonl`, `cmdline`, `kubelet-version`, the JSON parts and
//! `root/<host path>`, each part optional and failing alone. Every read is capped (the journal
//! is streamed); host paths are resolved inside `root/` only, so a hostile bundle cannot make
//! us read outside it (`..`, symlinks).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::cmdline::{Argv, Env, Origin};
use super::host;
use super::hostpath::{conf_files, host_file};
use super::journal;
use super::report::{CertPart, ConfigPart, Gathered, Meta, Part};
use super::systemd;
use crate::config::LintOptions;
use crate::error::{Error, Result};
use crate::files::{ReadError, read_capped};

const META_CAP: u64 = 64 * 1024;
const TEXT_CAP: u64 = 1 << 20;

/// Reads the bundle at `dir`; only a missing or broken `meta.json` is an error (exit 2).
pub fn gather(dir: &Path, lint: &LintOptions) -> Result<Gathered> {
    gather_with(dir, lint, None)
}

/// [`gather`], with the journal already read (the live run streams it from `journalctl`).
pub fn gather_with(
    dir: &Path,
    lint: &LintOptions,
    journal: Option<Part<journal::Journal>>,
) -> Result<Gathered> {
    let meta_path = dir.join("meta.json");
    let meta: Meta = match read_capped(&meta_path, META_CAP) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::Input(format!(
                "{}: not a status bundle: meta.json is not the expected JSON object ({e})",
                dir.display()
            ))
        })?,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Input(format!(
                "{}: not a status bundle: it has no meta.json (a bundle is a directory written by `{} status --collect DIR`, or made by hand as README \"status\" describes)",
                dir.display(),
                crate::cli::invoked_as()
            )));
        }
        Err(e) => {
            return Err(Error::Input(format!(
                "{}: cannot read meta.json: {e}",
                meta_path.display()
            )));
        }
    };
    let root = dir.join("root");
    let has_root = root.is_dir();
    let unit = text_part(&dir.join("systemctl-show.txt"), TEXT_CAP).map(|t| systemd::parse(&t));
    let mut argv = match read_capped(&dir.join("cmdline"), TEXT_CAP) {
        Ok(bytes) => Part::Read(Argv::from_proc(&bytes)),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => match unit.get() {
            Some(u) if !u.exec_start.is_empty() => {
                let env = Env::of_unit(u, |f| host_file(&root, f, TEXT_CAP).ok());
                Part::Read(env.expand(&u.exec_start))
            }
            _ => Part::Missing,
        },
        Err(e) => Part::Unreadable(e.to_string()),
    };
    let kubeconfig = argv
        .get()
        .and_then(|a| a.value("kubeconfig"))
        .and_then(|p| host_file(&root, p, TEXT_CAP).ok());
    let api_host = kubeconfig.as_deref().and_then(host::kubeconfig_host);
    let cert = match kubeconfig.as_deref().map(host::client_certificate) {
        None => Part::Missing,
        Some(None) => Part::Read(None),
        Some(Some(path)) => match host_file(&root, &path, TEXT_CAP) {
            Ok(text) => match super::cert::pem_certificates(&text)
                .first()
                .and_then(|d| super::cert::validity(d))
            {
                Some((not_before, not_after)) => Part::Read(Some(CertPart {
                    path,
                    not_before,
                    not_after,
                    now: meta
                        .collected_at
                        .as_deref()
                        .and_then(|t| t.parse::<k8s_openapi::jiff::Timestamp>().ok())
                        .map(|t| t.as_second()),
                })),
                None => Part::Unreadable(format!("{path}: no certificate in it")),
            },
            Err(why) => why.into(),
        },
    };
    let journal = match journal {
        Some(given) => given,
        None => read_journal(dir, api_host.as_deref()),
    };
    // k3s runs the kubelet in its own process: its journal line has the kubelet's arguments
    // (the unit's ExecStart is k3s's own), so it wins over the reconstruction.
    let cmdline_read = matches!(&argv, Part::Read(a) if a.origin == Origin::Process);
    if !cmdline_read
        && let Some(args) = journal
            .get()
            .and_then(|j| j.current.as_ref().or(j.previous.as_ref()))
            .and_then(|r| r.running_args.as_deref())
    {
        let words = std::iter::once("kubelet".to_string())
            .chain(args.split_whitespace().map(str::to_string))
            .collect();
        argv = Part::Read(Argv::new(Origin::Journal, words));
    }
    // The config is linted for the kubelet that will read it at its next start: the installed
    // one when known, else the one that ran.
    let installed = text_part(&dir.join("kubelet-version"), META_CAP);
    let version = installed
        .get()
        .and_then(|t| super::installed::version(t))
        .or_else(|| {
            journal
                .get()
                .and_then(|j| j.current.as_ref().or(j.previous.as_ref()))
                .and_then(|r| r.version.as_deref())
        })
        .and_then(crate::config::KubeletVersion::nearest);
    let mut opts = lint.clone();
    if let Some(v) = version {
        opts.kubelet_version = v;
    }
    // Host parts exist only in a bundle with a `root/`.
    let host_root = has_root.then_some(root.as_path());
    let lint_file = |path: &str| -> Part<ConfigPart> {
        host_part(
            host_root,
            path,
            crate::config::source::MAX_BYTES as u64,
            |text| ConfigPart {
                path: path.to_string(),
                lint: crate::config::lint_source(path, text.as_bytes(), &opts)
                    .map_err(|e| crate::config::command::files::source_error_message(&e)),
                facts: host::config_facts(&text),
            },
        )
    };
    let config = match argv.get().and_then(|a| a.value("config")) {
        Some(path) if has_root => Some(lint_file(path)),
        _ => None,
    };
    // --config-dir: every *.conf, in lexical order (subdirectories included), as the kubelet
    // merges them.
    let dropins = match argv.get().and_then(|a| a.value("config-dir")) {
        Some(dir) if has_root => match conf_files(&root, dir) {
            Ok(files) => Part::Read(files.iter().map(|f| lint_file(f)).collect()),
            Err(why) => why.into(),
        },
        _ => Part::Missing,
    };
    let swaps = host_part(host_root, "/proc/swaps", TEXT_CAP, |t| host::swaps(&t));
    let ip_forward = host_part(host_root, "/proc/sys/net/ipv4/ip_forward", 64, |t| t);
    let controllers = "/sys/fs/cgroup/cgroup.controllers";
    let cgroup = match host_part(host_root, controllers, TEXT_CAP, |t| host::cgroup(Some(&t))) {
        // The hierarchy without the file: cgroup v1.
        Part::Missing if root.join("sys/fs/cgroup").is_dir() => Part::Read(host::cgroup(None)),
        other => other,
    };
    let healthz = json_part(&dir.join("healthz.json"));
    let cri = json_part(&dir.join("cri.json"));
    let api = json_part(&dir.join("api.json"));
    let port_owners = json_part(&dir.join("listeners.json"));
    let containerd = host_part(host_root, "/etc/containerd/config.toml", TEXT_CAP, |t| {
        host::containerd(&t)
    });
    let listeners = if has_root {
        let mut any = false;
        let mut found = Vec::new();
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            if let Ok(t) = host_file(&root, file, TEXT_CAP) {
                any = true;
                found.extend(host::listening(&t));
            }
        }
        if any {
            Part::Read(found)
        } else {
            Part::Missing
        }
    } else {
        Part::Missing
    };
    Ok(Gathered {
        meta,
        origin: dir.display().to_string(),
        unit,
        journal,
        argv,
        config,
        dropins,
        swaps,
        ip_forward,
        cgroup,
        cert,
        listeners,
        port_owners,
        installed,
        containerd,
        healthz,
        cri,
        api,
    })
}

/// A small JSON part of the bundle (`healthz.json`, `cri.json`).
fn json_part<T: serde::de::DeserializeOwned>(path: &Path) -> Part<T> {
    match read_capped(path, META_CAP) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(v) => Part::Read(v),
            Err(e) => Part::Unreadable(e.to_string()),
        },
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Part::Missing,
        Err(e) => Part::Unreadable(e.to_string()),
    }
}

fn text_part(path: &Path, cap: u64) -> Part<String> {
    match read_capped(path, cap) {
        Ok(bytes) => Part::Read(String::from_utf8_lossy(&bytes).into_owned()),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Part::Missing,
        Err(e) => Part::Unreadable(e.to_string()),
    }
}

impl<T> Part<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Part<U> {
        match self {
            Part::Read(t) => Part::Read(f(t)),
            Part::Missing => Part::Missing,
            Part::Unreadable(w) => Part::Unreadable(w),
        }
    }
}

/// The bundle's `journal.jsonl`, streamed.
fn read_journal(dir: &Path, api_host: Option<&str>) -> Part<journal::Journal> {
    match open_regular(&dir.join("journal.jsonl")) {
        Ok(Some(file)) => match journal::read(BufReader::with_capacity(1 << 20, file), api_host) {
            Ok(j) => Part::Read(j),
            Err(e) => Part::Unreadable(e.to_string()),
        },
        Ok(None) => Part::Missing,
        Err(why) => Part::Unreadable(why),
    }
}

/// The journal file for streaming: a regular file only (a FIFO or device would not end).
fn open_regular(path: &Path) -> std::result::Result<Option<File>, String> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
        Ok(m) if !m.is_file() => Err("not a regular file".into()),
        Ok(_) => File::open(path).map(Some).map_err(|e| e.to_string()),
    }
}

/// A host file of the bundle, made into a part by `f`; missing when the bundle has no `root/`.
fn host_part<T>(
    root: Option<&Path>,
    host_path: &str,
    cap: u64,
    f: impl FnOnce(String) -> T,
) -> Part<T> {
    let Some(root) = root else {
        return Part::Missing;
    };
    match host_file(root, host_path, cap) {
        Ok(text) => Part::Read(f(text)),
        Err(why) => why.into(),
    }
}
