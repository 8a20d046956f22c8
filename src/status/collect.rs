//! `status --collect DIR` and the live `status`: what an on-call engineer would read on the
//! node, written as a bundle (README "status"), so the live command and `--bundle` share one
//! analysis. Children (`systemctl`, `journalctl`) run with a deadline and capped output; host
//! files come from `--root` (the host's `/` in a debug pod) and are capped too. No secret goes
//! into a bundle: a file holding a private key is never copied, the kubeconfig is cut down to
//! its server and certificate paths, `staticPodURLHeader` values are masked.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;

use super::cmdline::{Argv, Env};
use super::hostpath::{conf_files, plain};
use super::journal::Journal;
use super::report::{Meta, Part};
use super::systemd;
use crate::error::{Error, Result};
use crate::files::read_capped;

/// Units that run a kubelet, probed in order (kubelet-status.md §1.5).
pub const UNITS: &[&str] = &[
    "kubelet.service",
    "k3s.service",
    "k3s-agent.service",
    "rke2-server.service",
    "rke2-agent.service",
    "snap.microk8s.daemon-kubelite.service",
];

const SHOW_CAP: usize = 1 << 20;
/// The most of the journal written: far above two runs of any kubelet.
const JOURNAL_CAP: usize = 256 << 20;
/// Lines asked of journalctl: the last two runs of a crash loop, or a long healthy stretch.
const JOURNAL_LINES: &str = "50000";
const FILE_CAP: u64 = 10 << 20;
const DEADLINE: Duration = Duration::from_secs(20);

/// What was gathered beside the files written, and notes.
#[derive(Debug, Default)]
pub struct Collected {
    /// Parts that could not be gathered, and why (shown as warnings).
    pub notes: Vec<String>,
    /// The journal, read as `journalctl` printed it (the analysis takes it from here, not
    /// from a copy on disk).
    pub journal: Part<Journal>,
}

/// Gathers this node into `dir` (which must not exist yet; created 0700). The journal is
/// written to `dir` only with `keep_journal` (`--collect`): a live run reads it straight from
/// `journalctl`, so it needs no room on a disk that may be full.
pub async fn collect(
    dir: &Path,
    root: &Path,
    unit: Option<&str>,
    since: Option<Duration>,
    api: ApiAccess<'_>,
    keep_journal: bool,
) -> Result<Collected> {
    create_private_dir(dir)?;
    let mut out = Collected::default();
    if !rustix::process::geteuid().is_root() {
        out.notes.push(
            "not running as root: the kubelet's journal, other processes' sockets and root-only files may be hidden from this run; use sudo".into(),
        );
    }
    let host = |p: &str| root.join(p.trim_start_matches('/'));

    // meta.json first: a bundle without it is not one.
    let hostname = read_capped(&host("/proc/sys/kernel/hostname"), 4096)
        .or_else(|_| read_capped(&host("/etc/hostname"), 4096))
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|h| !h.is_empty());
    let meta = Meta {
        collected_at: Some(
            k8s_openapi::jiff::Timestamp::now()
                .round(k8s_openapi::jiff::Unit::Second)
                .map_or_else(|_| String::new(), |t| t.to_string()),
        ),
        hostname,
        tool_version: Some(env!("CARGO_PKG_VERSION").to_string()),
    };
    write_json(dir, "meta.json", &meta)?;

    // The unit: the one named, else the first loaded candidate.
    let candidates: Vec<String> = match unit {
        Some(u) if u.contains('.') => vec![u.to_string()],
        Some(u) => vec![format!("{u}.service")],
        None => UNITS.iter().map(|u| u.to_string()).collect(),
    };
    let mut chosen: Option<(String, systemd::Unit)> = None;
    let mut first_answer: Option<Vec<u8>> = None;
    for name in &candidates {
        match run("systemctl", &["show", name, "--no-pager"], SHOW_CAP).await {
            Ok(bytes) => {
                let parsed = systemd::parse(&String::from_utf8_lossy(&bytes));
                if parsed.load_state.as_deref() == Some("loaded") {
                    write(dir, "systemctl-show.txt", &bytes)?;
                    chosen = Some((name.clone(), parsed));
                    break;
                }
                first_answer.get_or_insert(bytes);
            }
            Err(why) => {
                out.notes.push(format!("systemctl: {why}"));
                break;
            }
        }
    }
    if chosen.is_none()
        && let Some(bytes) = first_answer
    {
        // No kubelet unit: systemd's answer for the first candidate says so (not-found).
        write(dir, "systemctl-show.txt", &bytes)?;
    }
    let unit_name = chosen
        .as_ref()
        .map(|(n, _)| n.clone())
        .or_else(|| unit.map(|_| candidates[0].clone()))
        .unwrap_or_else(|| UNITS[0].to_string());

    // The journal of the unit: on the host's journal directory when --root is not /. Asked
    // below, with the other questions that wait on another process.
    let mut journal_args: Vec<String> = ["-u", &unit_name, "-o", "json", "--no-pager", "--all"]
        .iter()
        .map(|a| a.to_string())
        .chain(["-n".to_string(), JOURNAL_LINES.to_string()])
        .collect();
    if root != Path::new("/") {
        journal_args.extend([
            "-D".to_string(),
            host("/var/log/journal").display().to_string(),
        ]);
    }
    // systemd.time(7): a time relative to now.
    if let Some(d) = since {
        journal_args.push(format!("--since=-{}s", d.as_secs().max(1)));
    }

    // The running kubelet's argv, or the unit's ExecStart expanded (by the analysis).
    let unit_parsed = chosen.as_ref().map(|(_, u)| u);
    let mut argv: Option<Argv> = None;
    if let Some(pid) = unit_parsed.and_then(|u| u.main_pid).filter(|p| *p > 0) {
        match read_capped(&host(&format!("/proc/{pid}/cmdline")), 1 << 20) {
            Ok(bytes) => {
                write(dir, "cmdline", &bytes)?;
                argv = Some(Argv::from_proc(&bytes));
            }
            Err(e) => out.notes.push(format!("/proc/{pid}/cmdline: {e}")),
        }
    }
    // Unit files and environment files: copied for the reconstruction.
    if let Some(u) = unit_parsed {
        let env = Env::of_unit(u, |file| copy_host_file(dir, root, file, &mut out));
        if argv.is_none() && !u.exec_start.is_empty() {
            argv = Some(env.expand(&u.exec_start));
        }
    }
    let mut config_text: Option<String> = None;
    if let Some(a) = &argv {
        if let Some(config) = a.value("config") {
            config_text = copy_config(dir, root, config, &mut out);
        }
        if let Some(config_dir) = a.value("config-dir") {
            for file in conf_files(root, config_dir).unwrap_or_default() {
                let _ = copy_config(dir, root, &file, &mut out);
            }
        }
        if let Some(kubeconfig) = a.value("kubeconfig")
            && let Some(cert) = copy_kubeconfig(dir, root, kubeconfig, &mut out)
        {
            copy_certificates(dir, root, &cert, &mut out);
        }
    }
    for file in [
        "/proc/swaps",
        "/proc/sys/net/ipv4/ip_forward",
        "/sys/fs/cgroup/cgroup.controllers",
        "/proc/net/tcp",
        "/proc/net/tcp6",
    ] {
        copy_host_file(dir, root, file, &mut out);
    }
    let main_pid = unit_parsed.and_then(|u| u.main_pid);
    // The config fields the kubelet runs with: the file's, then its flags over them.
    let mut fields = config_text
        .as_deref()
        .map(|t| super::host::config_facts(t).fields)
        .unwrap_or_default();
    if let Some(a) = &argv {
        super::config_flags::overlay(&mut fields, &super::config_flags::settings(a));
    }
    let (port, healthz_port) = super::ports::kubelet_ports(&fields);
    let ports: Vec<u16> = std::iter::once(port).chain(healthz_port).collect();
    write_port_owners(dir, root, main_pid, &ports)?;
    write_installed_version(dir, root, unit_parsed, argv.as_ref(), &mut out).await?;
    // containerd's config may hold registry credentials: only the lines status reads.
    if let Ok(bytes) = read_capped(&host("/etc/containerd/config.toml"), FILE_CAP) {
        let text = String::from_utf8_lossy(&bytes);
        let kept: String = super::host::containerd_lines(&text)
            .map(|l| format!("{l}\n"))
            .collect();
        let reduced = format!(
            "# containerd config reduced by kubelet-doctor status --collect: SystemdCgroup, disabled_plugins, version\n{kept}"
        );
        write(dir, "root/etc/containerd/config.toml", reduced.as_bytes())?;
    }
    if host("/sys/fs/cgroup").is_dir() {
        let _ = std::fs::create_dir_all(dir.join("root/sys/fs/cgroup"));
    }
    // The runtime's endpoint, as the kubelet runs with it, else its default.
    let endpoint = fields
        .get("containerRuntimeEndpoint")
        .map_or(DEFAULT_ENDPOINT, String::as_str);
    // The API server's view of this node: with the user's kubeconfig, else the kubelet's.
    let node = argv
        .as_ref()
        .and_then(|a| a.value("hostname-override").map(str::to_string))
        .or_else(|| meta.hostname.clone())
        .unwrap_or_default()
        .to_lowercase();
    let kubelet_kubeconfig = argv.as_ref().and_then(|a| a.value("kubeconfig"));
    // The journal's lines name the API server by the kubeconfig's host (api-unreachable).
    let api_host = kubelet_kubeconfig
        .and_then(bundle_path)
        .and_then(|rel| read_capped(&dir.join(rel), FILE_CAP).ok())
        .and_then(|b| super::host::kubeconfig_host(&String::from_utf8_lossy(&b)));
    let tee = keep_journal.then(|| dir.join("journal.jsonl"));
    // The four questions asked now (journalctl, the runtime, the API server, the kubelet's
    // healthz) wait on other processes and the network: asked together, the slowest sets the
    // time.
    let (journal, cri, view, healthz) = tokio::join!(
        stream_journal(&journal_args, tee.as_deref(), api_host.as_deref()),
        probe_socket(root, endpoint),
        ask_api(&api, root, kubelet_kubeconfig, &node),
        probe_healthz(&fields, argv.as_ref()),
    );
    out.journal = journal.0;
    out.notes.extend(journal.1);
    write_json(dir, "cri.json", &cri)?;
    if let Some(view) = view {
        write_json(dir, "api.json", &view)?;
    }
    write_json(dir, "healthz.json", &healthz)?;
    Ok(out)
}

/// Whose kubeconfig asks the API server about this node.
pub enum ApiAccess<'a> {
    /// The user's (`--kubeconfig` or `KUBECONFIG`).
    User(crate::client::ConnectOptions<'a>),
    /// The kubelet's own (its `--kubeconfig`, under `--root`), when the user gave none; the
    /// options carry the deadline and the TLS choice.
    Kubelet(crate::client::ConnectOptions<'a>),
}

/// The longest a request with the kubelet's kubeconfig waits (unless `--request-timeout` is
/// shorter): the user did not ask for the API server, and a node whose API server is
/// unreachable is exactly where `status` runs.
const KUBELET_API_DEADLINE: Duration = Duration::from_secs(5);

/// Asks the API server about `node`; `None` when there is no kubeconfig to ask with (the
/// kubelet runs standalone, or its command line is unknown).
async fn ask_api(
    api: &ApiAccess<'_>,
    root: &Path,
    kubelet_kubeconfig: Option<&str>,
    node: &str,
) -> Option<super::api::ApiView> {
    use super::api::{ApiView, AskedAs, ask};
    use crate::client::Cluster;
    let (connected, asked_as, kubeconfig) = match api {
        ApiAccess::User(options) => (Cluster::connect(options).await, AskedAs::User, None),
        ApiAccess::Kubelet(options) => {
            let path = kubelet_kubeconfig?;
            let options = crate::client::ConnectOptions {
                request_timeout: Some(
                    options
                        .request_timeout
                        .map_or(KUBELET_API_DEADLINE, |t| t.min(KUBELET_API_DEADLINE)),
                ),
                ..*options
            };
            (
                Cluster::connect_host_kubeconfig(path, root, &options).await,
                AskedAs::Kubelet,
                Some(path.to_string()),
            )
        }
    };
    let mut view = match connected {
        Ok(cluster) => ask(&cluster, node).await,
        Err(e) => {
            let mut view = ApiView {
                node: node.to_string(),
                ..ApiView::default()
            };
            view.fail(&e);
            view
        }
    };
    view.asked_as = Some(asked_as);
    view.kubeconfig = kubeconfig;
    Some(view)
}

/// The kubelet's default `containerRuntimeEndpoint`.
pub const DEFAULT_ENDPOINT: &str = "unix:///run/containerd/containerd.sock";

/// `cri.json` in a bundle: the runtime's socket as found when collected.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CriPart {
    pub endpoint: String,
    /// `socket`, `missing`, `not-a-socket`, or `not-unix` (a tcp endpoint, not checked).
    pub state: String,
    /// Whether a connection was accepted (absent when not tried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connects: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What `Version` and `Status` answered, when the socket accepted a connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cri: Option<super::cri::Answers>,
}

/// The runtime's socket: whether it is one and accepts a connection, then, over that one
/// connection, what the runtime answers.
async fn probe_socket(root: &Path, endpoint: &str) -> CriPart {
    use std::os::unix::fs::FileTypeExt;
    let mut part = CriPart {
        endpoint: endpoint.to_string(),
        ..CriPart::default()
    };
    let Some(path) = endpoint.strip_prefix("unix://") else {
        part.state = "not-unix".into();
        return part;
    };
    let host_path = root.join(path.trim_start_matches('/'));
    match std::fs::metadata(&host_path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => part.state = "missing".into(),
        Err(e) => {
            part.state = "error".into();
            part.detail = Some(e.to_string());
        }
        Ok(m) if !m.file_type().is_socket() => part.state = "not-a-socket".into(),
        Ok(_) => {
            part.state = "socket".into();
            let connect = tokio::net::UnixStream::connect(&host_path);
            match tokio::time::timeout(Duration::from_secs(2), connect).await {
                Ok(Ok(socket)) => {
                    part.connects = Some(true);
                    part.cri = Some(super::cri::ask(socket, Duration::from_secs(5)).await);
                }
                Ok(Err(e)) => {
                    part.connects = Some(false);
                    part.detail = Some(e.to_string());
                }
                Err(_) => {
                    part.connects = Some(false);
                    part.detail = Some("no answer within 2s".into());
                }
            }
        }
    }
    part
}

/// `healthz.json` in a bundle: what the kubelet's healthz answered when it was collected.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct HealthzPart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `ok`, `failing`, `refused`, `timeout`, `disabled`, `error` (as `healthz -o json`).
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
}

/// Asks the kubelet's healthz where its effective config `fields` say (`argv` tells whether a
/// flag turned it off).
async fn probe_healthz(
    fields: &std::collections::BTreeMap<&'static str, String>,
    argv: Option<&Argv>,
) -> HealthzPart {
    use crate::healthz::kubelet_config::{DEFAULT_URL, Endpoint, endpoint_at};
    let field = |name| fields.get(name).map(String::as_str);
    let url = match endpoint_at(field("healthzBindAddress"), field("healthzPort")) {
        Ok(Endpoint::Disabled) => {
            let why = if argv.and_then(|a| a.value("healthz-port")).is_some() {
                "--healthz-port=0 on the kubelet's command line"
            } else {
                "healthzPort: 0 in the kubelet config"
            };
            return HealthzPart {
                state: "disabled".into(),
                detail: Some(why.into()),
                ..HealthzPart::default()
            };
        }
        Ok(Endpoint::Url(u)) => u,
        Err(_) => DEFAULT_URL.to_string(),
    };
    let timeout = Duration::from_secs(3);
    let probe = match crate::healthz::local::client(timeout) {
        Ok(client) => crate::healthz::local::probe(&client, &url, timeout).await,
        Err(e) => {
            return HealthzPart {
                url: Some(url),
                state: "error".into(),
                detail: Some(e.to_string()),
                ..HealthzPart::default()
            };
        }
    };
    HealthzPart {
        url: Some(crate::output::redact::url(&url).into_owned()),
        state: probe.healthz.state().into(),
        detail: probe.healthz.detail(true),
        latency_ms: probe.latency.map(|d| d.as_millis() as u64),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(dir)
        .map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "it exists already; give a new directory".to_string()
            } else {
                e.to_string()
            };
            Error::Input(format!("--collect {}: {why}", dir.display()))
        })
}

fn write_json(dir: &Path, name: &str, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string(value).unwrap_or_default();
    write(dir, name, format!("{text}\n").as_bytes())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Write {
            path: parent.to_path_buf(),
            source: e,
        })?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::Write { path, source: e })
}

/// `root/<path>` in the bundle.
fn bundle_path(host_path: &str) -> Option<PathBuf> {
    plain(host_path).map(|rel| Path::new("root").join(rel))
}

/// Whether a file's text holds a private key (never copied, whatever its name).
fn has_private_key(text: &str) -> bool {
    text.contains("PRIVATE KEY-----")
}

/// Reads a host file (capped) and copies it into the bundle; its text for the caller.
fn copy_host_file(dir: &Path, root: &Path, host_path: &str, out: &mut Collected) -> Option<String> {
    let rel = bundle_path(host_path)?;
    let bytes = match read_capped(&root.join(host_path.trim_start_matches('/')), FILE_CAP) {
        Ok(b) => b,
        Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return None;
        }
        Err(e) => {
            out.notes.push(format!("{host_path}: {e}"));
            return None;
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if has_private_key(&text) {
        out.notes
            .push(format!("{host_path}: holds a private key, not copied"));
        return None;
    }
    if let Err(e) = write(dir, &rel.to_string_lossy(), text.as_bytes()) {
        out.notes.push(e.to_string());
    }
    Some(text)
}

/// The config file, with `staticPodURLHeader` values masked (positions kept for config lint).
/// Copies a config file into the bundle, masked; returns its text as read, for the checks that
/// read fields of it (one read, whether or not it could be copied).
fn copy_config(dir: &Path, root: &Path, host_path: &str, out: &mut Collected) -> Option<String> {
    let bytes = read_capped(&root.join(host_path.trim_start_matches('/')), FILE_CAP).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some(rel) = bundle_path(host_path) else {
        return Some(text);
    };
    if has_private_key(&text) {
        out.notes
            .push(format!("{host_path}: holds a private key, not copied"));
        return Some(text);
    }
    let masked = yaml_safe_mask(&text, &crate::config::secret::spans_unparsed(&text));
    if let Err(e) = write(dir, &rel.to_string_lossy(), masked.as_bytes()) {
        out.notes.push(e.to_string());
    }
    Some(text)
}

/// `source` with each secret value replaced by an empty one of the same length (`[]`, `{}` or
/// `""` padded with spaces, newlines kept): no secret, still YAML or JSON of the same shape, and
/// every other line and column unchanged for config lint. (`*` would read as a YAML alias.)
fn yaml_safe_mask(source: &str, spans: &[crate::config::tree::Span]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for s in spans {
        let Some(text) = source.get(s.start as usize..s.end as usize) else {
            continue;
        };
        let start = s.start as usize + (text.len() - text.trim_start().len());
        let value = text.trim();
        let end = start + value.len();
        let empty: &[u8] = match value.as_bytes().first() {
            Some(b'[') => b"[]",
            Some(b'{') => b"{}",
            _ if value.contains('\n') || value.contains(": ") => b"{}",
            _ => b"\"\"",
        };
        for (k, b) in bytes[start..end].iter_mut().enumerate() {
            if *b == b'\n' || *b == b'\r' {
                continue;
            }
            *b = empty.get(k).copied().unwrap_or(b' ');
        }
    }
    // Only ASCII replaced whole characters' bytes... unless a span cut a character: then lossy.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The kubeconfig cut down to what `status` reads: the server and the certificate paths.
/// Tokens, passwords, embedded keys and exec plugins never reach the bundle. Returns the
/// client certificate's path, when the kubeconfig names one.
fn copy_kubeconfig(
    dir: &Path,
    root: &Path,
    host_path: &str,
    out: &mut Collected,
) -> Option<String> {
    let rel = bundle_path(host_path)?;
    let bytes = read_capped(&root.join(host_path.trim_start_matches('/')), FILE_CAP).ok()?;
    let kept: String = String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| {
            let key = l
                .trim_start()
                .trim_start_matches("- ")
                .split(':')
                .next()
                .unwrap_or("");
            matches!(
                key,
                "server" | "client-certificate" | "certificate-authority"
            )
        })
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    let text = format!(
        "# kubeconfig reduced by kubelet-doctor status --collect: server and certificate paths only\n{kept}"
    );
    if let Err(e) = write(dir, &rel.to_string_lossy(), text.as_bytes()) {
        out.notes.push(e.to_string());
    }
    super::host::client_certificate(&kept)
}

/// Only the certificates of a PEM file that also holds the client's private key.
fn copy_certificates(dir: &Path, root: &Path, host_path: &str, out: &mut Collected) {
    let Some(rel) = bundle_path(host_path) else {
        return;
    };
    let Ok(bytes) = read_capped(&root.join(host_path.trim_start_matches('/')), FILE_CAP) else {
        return;
    };
    let certs = super::cert::certificates_only(&String::from_utf8_lossy(&bytes));
    if certs.is_empty() || has_private_key(&certs) {
        return;
    }
    if let Err(e) = write(dir, &rel.to_string_lossy(), certs.as_bytes()) {
        out.notes.push(e.to_string());
    }
}

/// `listeners.json`: the processes holding the sockets that listen on the kubelet's ports, when
/// any does (the kubelet's main PID looked at first: the usual owner, found without a full
/// scan).
fn write_port_owners(dir: &Path, root: &Path, main_pid: Option<u32>, ports: &[u16]) -> Result<()> {
    let inodes = super::ports::listening_inodes(root, ports);
    if inodes.is_empty() {
        return Ok(());
    }
    write_json(
        dir,
        "listeners.json",
        &super::ports::owners(root, &inodes, main_pid),
    )
}

/// `kubelet-version`: what the installed binary says with `--version` (the unit's ExecStart
/// program, else the running process's argv[0]); nothing when there is no such binary.
async fn write_installed_version(
    dir: &Path,
    root: &Path,
    unit: Option<&systemd::Unit>,
    argv: Option<&Argv>,
    out: &mut Collected,
) -> Result<()> {
    let exec_start = unit.and_then(|u| u.exec_start.first());
    let process = argv
        .filter(|a| a.origin == super::cmdline::Origin::Process)
        .and_then(|a| a.args.first());
    let candidates = exec_start.into_iter().chain(process).map(String::as_str);
    let Some(program) = super::installed::program(candidates) else {
        return Ok(());
    };
    match super::installed::ask(root, program).await {
        Ok(text) => write(dir, "kubelet-version", &text),
        Err(super::installed::Failure::Missing) => Ok(()),
        Err(super::installed::Failure::Other(why)) => {
            out.notes.push(format!("{program} --version: {why}"));
            Ok(())
        }
    }
}

/// Runs `journalctl ARGS` and reads its output as it comes: into the journal engine, and
/// into `tee` (the bundle's `journal.jsonl`, up to [`JOURNAL_CAP`]) when collecting. Memory
/// stays flat however much it prints. At the deadline it is stopped, and what it printed is
/// the journal. Notes say what went wrong.
async fn stream_journal(
    args: &[String],
    tee: Option<&Path>,
    api_host: Option<&str>,
) -> (Part<Journal>, Vec<String>) {
    use std::io::Write;
    let mut notes = Vec::new();
    let spawned = tokio::process::Command::new("journalctl")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => return (Part::Missing, vec![format!("journalctl: cannot run: {e}")]),
    };
    let (Some(mut stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return (Part::Missing, vec!["journalctl: no output pipe".into()]);
    };
    let mut file = match tee.map(std::fs::File::create).transpose() {
        Ok(f) => f,
        Err(e) => {
            notes.push(format!("journal.jsonl: {e}"));
            None
        }
    };
    let mut stream = super::journal::Stream::new(api_host);
    let mut printed = 0u64;
    let mut err = Vec::new();
    let work = async {
        let read_out = async {
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = stdout.read(&mut buf).await?;
                if n == 0 {
                    return Ok::<_, std::io::Error>(());
                }
                let chunk = &buf[..n];
                printed += n as u64;
                if let Some(f) = file.as_mut() {
                    let kept = if printed > JOURNAL_CAP as u64 {
                        Err(format!(
                            "more than {} of journal: the copy stops there (the analysis read it all)",
                            crate::files::human(JOURNAL_CAP as u64)
                        ))
                    } else {
                        f.write_all(chunk).map_err(|e| e.to_string())
                    };
                    if let Err(why) = kept {
                        notes.push(format!("journal.jsonl: {why}"));
                        file = None;
                    }
                }
                stream.feed(chunk);
            }
        };
        let read_err = async { (&mut stderr).take(4096).read_to_end(&mut err).await };
        let (read, _) = tokio::join!(read_out, read_err);
        read.map_err(|e| e.to_string())?;
        child.wait().await.map_err(|e| e.to_string())
    };
    let finished = tokio::time::timeout(DEADLINE, work).await;
    let journal = stream.finish();
    match finished {
        Ok(Ok(status)) if !status.success() && printed == 0 => {
            let msg = String::from_utf8_lossy(&err).trim().to_string();
            notes.push(format!("journalctl: exited with {status}: {msg}"));
            (Part::Missing, notes)
        }
        Ok(Ok(_)) if printed == 0 && hidden_from_this_user(&err) => {
            // An empty journal here would read as a kubelet that said nothing wrong.
            if let Some(path) = tee {
                let _ = std::fs::remove_file(path);
            }
            let why = "journalctl shows this user none of the kubelet's journal: run as root (or as a member of systemd-journal or adm)";
            notes.push(why.to_string());
            (Part::Unreadable(why.to_string()), notes)
        }
        Ok(Ok(_)) => (Part::Read(journal), notes),
        Ok(Err(why)) => {
            notes.push(format!("journalctl: {why}"));
            (Part::Unreadable(format!("journalctl: {why}")), notes)
        }
        Err(_) => {
            notes.push(format!(
                "journalctl: no end in {}s: stopped; what it printed is the journal",
                DEADLINE.as_secs()
            ));
            (Part::Read(journal), notes)
        }
    }
}

/// journalctl's notices when the system journal is closed to the caller: "No journal files
/// were opened due to insufficient permissions." and "Hint: You are currently not seeing
/// messages from other users and the system."
fn hidden_from_this_user(stderr: &[u8]) -> bool {
    let text = String::from_utf8_lossy(stderr);
    text.contains("insufficient permissions") || text.contains("not seeing messages from other")
}

/// Runs `program args`, capped and with a deadline; stdout, or why not.
async fn run(program: &str, args: &[&str], cap: usize) -> std::result::Result<Vec<u8>, String> {
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let work = async {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let read_out = async {
            (&mut stdout)
                .take(cap as u64 + 1)
                .read_to_end(&mut out)
                .await
        };
        let read_err = async { (&mut stderr).take(4096).read_to_end(&mut err).await };
        let (a, _) = tokio::join!(read_out, read_err);
        a.map_err(|e| e.to_string())?;
        if out.len() > cap {
            return Err(format!(
                "more than {} of output",
                crate::files::human(cap as u64)
            ));
        }
        let status = child.wait().await.map_err(|e| e.to_string())?;
        if !status.success() && out.is_empty() {
            let msg = String::from_utf8_lossy(&err).trim().to_string();
            return Err(format!("exited with {status}: {msg}"));
        }
        Ok(out)
    };
    match tokio::time::timeout(DEADLINE, work).await {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {}s", DEADLINE.as_secs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_paths_stay_under_root() {
        assert_eq!(bundle_path("/etc/a"), Some(PathBuf::from("root/etc/a")));
        assert_eq!(bundle_path("/etc/../x"), None);
    }

    #[test]
    fn masked_configs_stay_valid_and_lose_their_secrets() {
        for text in [
            "kind: KubeletConfiguration\nstaticPodURLHeader:\n  Authorization: [\"Bearer s3cr3t\"]\nmaxPods: 110\n",
            "kind: KubeletConfiguration\nstaticPodURLHeader: {\"Authorization\": [\"Bearer s3cr3t\"]}\nmaxPods: 110\n",
            "kind: KubeletConfiguration\nstaticPodURL: https://u:s3cr3t@h/x\nmaxPods: 110\n",
        ] {
            let masked = yaml_safe_mask(text, &crate::config::secret::spans_unparsed(text));
            assert!(!masked.contains("s3cr3t"), "{masked}");
            assert_eq!(masked.len(), text.len());
            assert!(masked.ends_with("maxPods: 110\n"), "{masked}");
            let parsed: serde_json::Value = serde_saphyr::from_str(&masked).unwrap();
            assert_eq!(parsed["maxPods"], 110, "{masked}");
        }
    }

    #[tokio::test]
    async fn a_socket_nobody_listens_on_does_not_connect() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("run")).unwrap();
        let path = dir.path().join("run/c.sock");
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        let part = probe_socket(dir.path(), "unix:///run/c.sock").await;
        assert_eq!(
            (part.state.as_str(), part.connects),
            ("socket", Some(false))
        );
        assert!(part.detail.is_some() && part.cri.is_none(), "{part:?}");
    }

    #[test]
    fn private_keys_are_recognised() {
        assert!(has_private_key("-----BEGIN EC PRIVATE KEY-----\nx"));
        assert!(has_private_key("-----BEGIN PRIVATE KEY-----"));
        assert!(!has_private_key("-----BEGIN CERTIFICATE-----"));
    }
}
