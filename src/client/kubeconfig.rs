//! Finding and loading the kubeconfig the way kubectl does: `--kubeconfig`, else every file in
//! `KUBECONFIG` (missing entries skipped with a warning), else `~/.kube/config`, else the
//! in-cluster service account. Also remembers which context/user/server was chosen, for errors.

use std::path::{Path, PathBuf};

use kube::config::{KubeConfigOptions, Kubeconfig, KubeconfigError};

use crate::error::{Error, Result};
use crate::output::sanitize::sanitize;

/// Who we are talking as, for error messages. Never holds a credential.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    pub context: String,
    pub user: String,
    pub server: String,
}

/// A loaded configuration plus the warnings met on the way (printed by the caller unless -q).
pub struct Loaded {
    pub config: kube::Config,
    pub identity: Identity,
    pub warnings: Vec<String>,
}

/// Where to look; `kubeconfig_env` is `KUBECONFIG` and `home` the home directory, passed in so
/// the search order can be tested without touching the process environment.
pub struct Sources<'a> {
    pub explicit: Option<&'a Path>,
    pub kubeconfig_env: Option<std::ffi::OsString>,
    pub home: Option<PathBuf>,
    pub context: Option<&'a str>,
}

impl Sources<'_> {
    pub fn from_env<'a>(explicit: Option<&'a Path>, context: Option<&'a str>) -> Sources<'a> {
        Sources {
            explicit,
            kubeconfig_env: std::env::var_os("KUBECONFIG"),
            home: std::env::home_dir(),
            context,
        }
    }
}

/// Loads the configuration. In-cluster config is used only when no kubeconfig file was found.
pub async fn load(sources: Sources<'_>) -> Result<Loaded> {
    let mut warnings = Vec::new();
    let (kubeconfig, origin) = match find_kubeconfig(&sources, &mut warnings)? {
        Ok(found) => found,
        Err(tried) => return in_cluster(sources.context, &tried, warnings),
    };
    choose(kubeconfig, &origin, Some(sources.context), warnings).await
}

/// Loads a kubeconfig file of the host mounted at `root` (`/` on the node itself; `/host` in a
/// debug pod): the kubelet's own, named by its `--kubeconfig` flag. Every file it names is a
/// host path too, so it is read under `root` as well; its current context is used.
pub async fn load_host_file(host_path: &str, root: &Path) -> Result<Loaded> {
    let under_root = |p: &Path| root.join(p.strip_prefix("/").unwrap_or(p));
    let host_path = Path::new(host_path);
    if !host_path.is_absolute() {
        return Err(Error::Kubeconfig(format!(
            "the kubelet's --kubeconfig {} is not an absolute path",
            sanitize(&host_path.display().to_string())
        )));
    }
    let file = under_root(host_path);
    if !file.exists() {
        return Err(Error::Kubeconfig(format!(
            "kubeconfig {} does not exist",
            file.display()
        )));
    }
    let mut kubeconfig = read_as_written(&file)?;
    let host_dir = host_path.parent().unwrap_or(Path::new("/"));
    map_paths(&mut kubeconfig, |p| host_file_under(root, host_dir, p));
    choose(
        kubeconfig,
        &format!("kubeconfig {}", file.display()),
        None,
        Vec::new(),
    )
    .await
}

/// Where a file a host kubeconfig in `host_dir` names is read: under `root`, the path cleaned
/// as the host would resolve it (`..` stops at its `/`), so that none leaves `root`.
fn host_file_under(root: &Path, host_dir: &Path, named: &Path) -> Option<String> {
    let host = crate::go::filepath::clean(host_dir.join(named).to_str()?);
    let inside = host.trim_start_matches('/');
    root.join(inside).to_str().map(str::to_string)
}

/// The context chosen (`--context`, else the current one), its files read, and the client
/// configuration built from it. `context` is `None` when `--context` does not apply (a
/// kubeconfig the user did not choose: errors then do not suggest it).
async fn choose(
    kubeconfig: Kubeconfig,
    origin: &str,
    context: Option<Option<&str>>,
    warnings: Vec<String>,
) -> Result<Loaded> {
    let context_flag = context.is_some();
    let context = context.flatten();
    let contexts: Vec<String> = kubeconfig.contexts.iter().map(|c| c.name.clone()).collect();
    let context_name = match context {
        Some(name) => name.to_string(),
        None => match &kubeconfig.current_context {
            Some(name) if !name.is_empty() => name.clone(),
            _ => {
                let advice = if context_flag {
                    ": pick one with --context"
                } else {
                    ""
                };
                return Err(Error::Kubeconfig(format!(
                    "{origin} has no current-context{advice}{}",
                    known_list(&contexts)
                )));
            }
        },
    };
    let Some(named) = kubeconfig.contexts.iter().find(|c| c.name == context_name) else {
        return Err(Error::UnknownContext {
            name: context_name,
            known: contexts,
        });
    };
    let user = named
        .context
        .as_ref()
        .and_then(|c| c.user.clone())
        .unwrap_or_default();
    let cluster = named
        .context
        .as_ref()
        .map(|c| c.cluster.clone())
        .unwrap_or_default();
    let mut kubeconfig = kubeconfig;
    inline_files(&mut kubeconfig, &cluster, &user)?;

    let options = KubeConfigOptions {
        context: Some(context_name.clone()),
        ..Default::default()
    };
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &options)
        .await
        .map_err(|e| {
            Error::Kubeconfig(format!(
                "{origin}, context {:?}: {}",
                sanitize(&context_name),
                describe(&e)
            ))
        })?;
    let server = shown_server(&config.cluster_url);
    let identity = Identity {
        context: context_name,
        user,
        server,
    };
    Ok(Loaded {
        config,
        identity,
        warnings,
    })
}

/// The kubeconfig found and where it came from, or (`Err`) what was looked for in vain, for
/// the error that follows if there is no in-cluster account either.
fn find_kubeconfig(
    sources: &Sources<'_>,
    warnings: &mut Vec<String>,
) -> Result<std::result::Result<(Kubeconfig, String), String>> {
    if let Some(path) = sources.explicit {
        if !path.exists() {
            return Err(Error::Kubeconfig(format!(
                "kubeconfig {} does not exist (--kubeconfig)",
                path.display()
            )));
        }
        return read(path).map(|k| Ok((k, format!("kubeconfig {}", path.display()))));
    }
    if let Some(list) = sources.kubeconfig_env.as_ref().filter(|v| !v.is_empty()) {
        let mut merged: Option<Kubeconfig> = None;
        let mut used = Vec::new();
        let mut missing = Vec::new();
        for path in std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()) {
            if !path.exists() {
                missing.push(path.display().to_string());
                continue;
            }
            let next = read(&path)?;
            merged = Some(match merged {
                None => next,
                Some(m) => m.merge(next).map_err(|e| {
                    Error::Kubeconfig(format!(
                        "cannot merge kubeconfig {}: {}",
                        path.display(),
                        describe(&e)
                    ))
                })?,
            });
            used.push(path.display().to_string());
        }
        // Like kubectl: when KUBECONFIG is set, ~/.kube/config is not consulted.
        return Ok(match merged {
            Some(k) => {
                // Some entries missing is normal (kubectl skips them too); say so, quietly.
                for path in &missing {
                    warnings.push(format!("KUBECONFIG entry {path} does not exist; skipped"));
                }
                Ok((k, format!("kubeconfig {} (KUBECONFIG)", used.join(":"))))
            }
            None => Err(format!(
                "KUBECONFIG names only files that do not exist ({})",
                missing.join(", ")
            )),
        });
    }
    match &sources.home {
        Some(home) => {
            let path = home.join(".kube").join("config");
            if path.exists() {
                return read(&path).map(|k| Ok((k, format!("kubeconfig {}", path.display()))));
            }
            Ok(Err(format!(
                "no --kubeconfig, KUBECONFIG is not set, and {} does not exist",
                path.display()
            )))
        }
        None => Ok(Err(
            "no --kubeconfig, KUBECONFIG is not set, and there is no home directory".to_string(),
        )),
    }
}

/// The largest kubeconfig read: big merged ones with hundreds of contexts are well under this.
pub const MAX_KUBECONFIG: u64 = 16 << 20;
/// The largest certificate, key or CA bundle file a kubeconfig may point to.
pub const MAX_REFERENCED_FILE: u64 = 1 << 20;

/// Reads and parses one kubeconfig file (every YAML document in it, merged), with the paths
/// it holds made absolute against its directory, as kubectl does.
fn read(path: &Path) -> Result<Kubeconfig> {
    let mut kubeconfig = read_as_written(path)?;
    if let Some(dir) = path.parent() {
        map_paths(&mut kubeconfig, |p| {
            dir.join(p).to_str().map(str::to_string)
        });
    }
    Ok(kubeconfig)
}

/// Reads and parses one kubeconfig file (every YAML document in it, merged), its paths as
/// written.
fn read_as_written(path: &Path) -> Result<Kubeconfig> {
    let fail = |why: String| {
        Error::Kubeconfig(format!("cannot load kubeconfig {}: {why}", path.display()))
    };
    let bytes = crate::files::read_capped(path, MAX_KUBECONFIG).map_err(|e| match e {
        crate::files::ReadError::TooLarge { limit, .. } => fail(format!(
            "it is larger than {}, the most this tool reads: not a kubeconfig",
            crate::files::human(limit)
        )),
        other => fail(other.to_string()),
    })?;
    parse_bytes(bytes).map_err(fail)
}

/// Parses one kubeconfig file's bytes (also the fuzz target's entry).
pub fn parse_bytes(bytes: Vec<u8>) -> std::result::Result<Kubeconfig, String> {
    let text = decode(bytes).ok_or_else(|| "it is not UTF-8 or UTF-16 text".to_string())?;
    parse(&text)
}

/// Text as kubectl accepts it: UTF-8, or UTF-16 LE with its byte-order mark (what Windows
/// PowerShell writes by default).
fn decode(bytes: Vec<u8>) -> Option<String> {
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => String::from_utf8(bytes).ok(),
    }
}

/// Every YAML document of a kubeconfig, merged. The YAML reader's default budget (250,000
/// nodes) refuses big valid kubeconfigs (a few MB, tens of thousands of contexts); the size
/// cap already bounds the work, so the node and event budgets are raised to what that size
/// can hold, while the alias and depth limits stay.
fn parse(text: &str) -> std::result::Result<Kubeconfig, String> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 8_000_000;
    budget.max_events = 32_000_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    let documents: Vec<Kubeconfig> = serde_saphyr::from_multiple_with_options(text, options)
        .map_err(|e| match &e {
            serde_saphyr::Error::Budget { .. } => {
                "it is too large or too deeply nested for a kubeconfig".to_string()
            }
            _ => yaml_error(&e),
        })?;
    documents
        .into_iter()
        .try_fold(Kubeconfig::default(), Kubeconfig::merge)
        .map_err(|e| describe(&e))
}

/// Rewrites every file path the kubeconfig holds with `to` (which gets the path as written;
/// `Path::join` keeps an absolute one as it is). `None` leaves a path alone.
fn map_paths(kubeconfig: &mut Kubeconfig, to: impl Fn(&Path) -> Option<String>) {
    let absolute = |p: &mut Option<String>| {
        if let Some(path) = p.as_deref()
            && let Some(mapped) = to(Path::new(path))
        {
            *p = Some(mapped);
        }
    };
    for cluster in kubeconfig
        .clusters
        .iter_mut()
        .filter_map(|c| c.cluster.as_mut())
    {
        absolute(&mut cluster.certificate_authority);
    }
    for auth in kubeconfig
        .auth_infos
        .iter_mut()
        .filter_map(|a| a.auth_info.as_mut())
    {
        absolute(&mut auth.client_certificate);
        absolute(&mut auth.client_key);
        absolute(&mut auth.token_file);
        // client-go resolves an exec command only when it holds a path separator, so that
        // `aws` is still looked up on PATH.
        if let Some(exec) = auth.exec.as_mut()
            && exec.command.as_deref().is_some_and(|c| c.contains('/'))
        {
            absolute(&mut exec.command);
        }
    }
}

/// Reads the certificate, key and CA files the chosen cluster and user point to, capped, into
/// the kubeconfig's `*-data` fields, so that kube (which reads them whole) never opens them.
fn inline_files(kubeconfig: &mut Kubeconfig, cluster: &str, user: &str) -> Result<()> {
    let read = |what: &str, path: &str| {
        crate::files::read_capped(Path::new(path), MAX_REFERENCED_FILE)
            .map(|bytes| super::credentials::base64(&bytes))
            .map_err(|e| Error::Kubeconfig(format!("cannot read the {what} {path}: {e}")))
    };
    if let Some(c) = kubeconfig
        .clusters
        .iter_mut()
        .find(|c| c.name == cluster)
        .and_then(|c| c.cluster.as_mut())
        && c.certificate_authority_data.is_none()
        && let Some(path) = c.certificate_authority.take()
    {
        c.certificate_authority_data = Some(read("certificate-authority", &path)?);
    }
    if let Some(a) = kubeconfig
        .auth_infos
        .iter_mut()
        .find(|a| a.name == user)
        .and_then(|a| a.auth_info.as_mut())
    {
        if a.client_certificate_data.is_none()
            && let Some(path) = a.client_certificate.take()
        {
            a.client_certificate_data = Some(read("client-certificate", &path)?);
        }
        if a.client_key_data.is_none()
            && let Some(path) = a.client_key.take()
        {
            a.client_key_data = Some(read("client-key", &path)?.into());
        }
    }
    Ok(())
}

fn in_cluster(context: Option<&str>, tried: &str, warnings: Vec<String>) -> Result<Loaded> {
    if std::env::var_os("KUBERNETES_SERVICE_HOST").is_none() {
        return Err(Error::NoConfiguration(format!(
            "no kubeconfig found: {tried}; and not running inside a pod: pass --kubeconfig PATH \
             or set KUBECONFIG"
        )));
    }
    if let Some(name) = context {
        return Err(Error::UnknownContext {
            name: name.to_string(),
            known: Vec::new(),
        });
    }
    let config = kube::Config::incluster().map_err(|e| {
        Error::Kubeconfig(format!("cannot use the in-cluster service account: {e}"))
    })?;
    let identity = Identity {
        context: "in-cluster".to_string(),
        user: "service account".to_string(),
        server: shown_server(&config.cluster_url),
    };
    Ok(Loaded {
        config,
        identity,
        warnings,
    })
}

/// The server address as errors show it: no trailing slash, no user info (a password in the
/// URL must not reach a terminal or a log).
fn shown_server(url: &http::Uri) -> String {
    let text = url.to_string();
    crate::output::redact::url(text.trim_end_matches('/')).into_owned()
}

/// A YAML error in our words: only its position, as serde-saphyr's own message may quote the
/// offending text, and that text can be a token or a key.
fn yaml_error(err: &serde_saphyr::Error) -> String {
    match err.location() {
        Some(loc) => format!(
            "not valid kubeconfig YAML (at line {}, column {})",
            loc.line(),
            loc.column()
        ),
        None => "not valid kubeconfig YAML".to_string(),
    }
}

/// A kube config error in our words.
fn describe(err: &KubeconfigError) -> String {
    match err {
        KubeconfigError::Parse(inner) => yaml_error(inner),
        KubeconfigError::ReadConfig(io, _) => io.to_string(),
        KubeconfigError::MissingClusterUrl => "its cluster has no server address".to_string(),
        KubeconfigError::LoadContext(name) => {
            format!("context {:?} is not defined", sanitize(name))
        }
        KubeconfigError::LoadClusterOfContext(name) => {
            format!("cluster {:?} is not defined", sanitize(name))
        }
        KubeconfigError::LoadCertificateAuthority(_) => {
            "its certificate-authority cannot be loaded".to_string()
        }
        KubeconfigError::LoadClientCertificate(_) => {
            "its client-certificate cannot be loaded".to_string()
        }
        KubeconfigError::LoadClientKey(_) => "its client-key cannot be loaded".to_string(),
        KubeconfigError::ParseCertificates(_) => "its certificates are not valid PEM".to_string(),
        other => other.to_string(),
    }
}

fn known_list(contexts: &[String]) -> String {
    if contexts.is_empty() {
        " (the file defines no contexts)".to_string()
    } else {
        let names: Vec<_> = contexts.iter().map(|c| sanitize(c).into_owned()).collect();
        format!(" (known: {})", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_kubeconfigs_files_are_read_under_root_and_never_above_it() {
        let at = |named: &str| {
            host_file_under(
                Path::new("/host"),
                Path::new("/etc/kubernetes"),
                Path::new(named),
            )
            .unwrap()
        };
        assert_eq!(
            at("/var/lib/kubelet/pki/kubelet-client-current.pem"),
            "/host/var/lib/kubelet/pki/kubelet-client-current.pem"
        );
        assert_eq!(at("pki/ca.crt"), "/host/etc/kubernetes/pki/ca.crt");
        assert_eq!(
            at("../../var/lib/kubelet/token"),
            "/host/var/lib/kubelet/token"
        );
        // As on the host, `..` stops at its `/`: nothing above /host is reached.
        assert_eq!(at("../../../../../etc/shadow"), "/host/etc/shadow");
        assert_eq!(at("/../../x"), "/host/x");
    }
}
