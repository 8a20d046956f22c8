//! Credentials settled before the client is built, with the limits kube's own loader lacks.
//! kube runs an exec credential plugin synchronously while the client is built, with no
//! deadline, buffers its output whole and keeps its stderr for the error message; it sends
//! credentials over plain `http://` and reads a token file as is. Here:
//!
//! - an exec plugin runs with a deadline ([`EXEC_TIMEOUT`], [`EXEC_TIMEOUT_INTERACTIVE`] when
//!   it may prompt a person), is killed when the run is interrupted, and its output is capped
//!   ([`MAX_PLUGIN_OUTPUT`]); its stderr is shown only with `-v`, sanitized, as it may quote a
//!   token;
//! - a token file is read up to [`MAX_TOKEN_FILE`] bytes and trimmed, as client-go does;
//! - no credential goes to a plain `http://` server (it would cross the network in clear);
//! - `insecure-skip-tls-verify` together with a certificate authority is refused, as kubectl
//!   refuses it; the `--insecure-skip-tls-verify` flag drops the CA instead, as kubectl's does.
//!
//! A token is fetched once per run and not refreshed: runs are short.

use std::io::IsTerminal;
use std::process::Stdio;
use std::time::Duration;

use kube::config::{AuthInfo, ExecConfig, ExecInteractiveMode};
use serde::Deserialize;
use tokio::io::AsyncReadExt;

use super::kubeconfig::Identity;
use crate::error::{Error, Result};
use crate::output::sanitize::sanitize;

/// How long a non-interactive exec plugin may take when `--request-timeout` is 0 (never);
/// otherwise the request timeout bounds it (cloud CLIs answer in a second or two).
pub const EXEC_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a plugin that may prompt a person (a browser or device-code login) may take.
pub const EXEC_TIMEOUT_INTERACTIVE: Duration = Duration::from_secs(300);
/// The most a plugin may print on stdout (an ExecCredential is a few KiB) or stderr.
pub const MAX_PLUGIN_OUTPUT: usize = 1 << 20;
/// The largest token file read (a service-account token is about 1 KiB).
pub const MAX_TOKEN_FILE: u64 = 64 << 10;

/// What settling the credentials needs besides the config.
pub struct Settle<'a> {
    pub identity: &'a Identity,
    /// `--insecure-skip-tls-verify` was given.
    pub insecure_flag: bool,
    /// `-v`: show an exec plugin's stderr when it fails.
    pub verbose: bool,
    /// `--request-timeout`: also the deadline of a non-interactive exec plugin.
    pub request_timeout: Option<Duration>,
}

/// Settles `config`'s credentials in place; returns warnings for the caller to print.
pub async fn settle(config: &mut kube::Config, how: &Settle<'_>) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let has_ca = config.root_cert.is_some() || config.root_cert_file.is_some();
    if how.insecure_flag {
        config.accept_invalid_certs = true;
        config.root_cert = None;
        config.root_cert_file = None;
    } else if config.accept_invalid_certs && has_ca {
        return Err(Error::Kubeconfig(format!(
            "context {:?}: the cluster sets both insecure-skip-tls-verify and a \
             certificate-authority; kubectl refuses this too (\"specifying a root certificates \
             file with the insecure flag is not allowed\"): remove one of them",
            sanitize(&how.identity.context)
        )));
    }
    if config.cluster_url.scheme_str() == Some("http") {
        if has_credentials(&config.auth_info) {
            warnings.push(format!(
                "not sending the credentials of user {:?} to {} over plain HTTP, where anyone \
                 on the path could read them: use the https:// address (a local `kubectl proxy` \
                 needs no credentials)",
                sanitize(&how.identity.user),
                how.identity.server
            ));
        }
        config.auth_info = AuthInfo::default();
        return Ok(warnings);
    }
    let auth = &mut config.auth_info;
    if auth.token.is_none()
        && let Some(path) = auth.token_file.take()
    {
        auth.token = Some(read_token_file(&path, how.identity)?.into());
    }
    if auth.token.is_none()
        && let Some(exec) = auth.exec.take()
    {
        let status = run_plugin(&exec, how).await?;
        match (status.client_certificate_data, status.client_key_data) {
            (Some(cert), Some(key)) => {
                // kube reads these fields as base64 of the PEM, as in a kubeconfig file.
                auth.client_certificate_data = Some(base64(cert.as_bytes()));
                auth.client_key_data = Some(base64(key.as_bytes()).into());
            }
            _ => match status.token {
                Some(token) if !token.is_empty() => auth.token = Some(token.into()),
                _ => {
                    return Err(credentials_error(
                        how.identity,
                        "the exec credential plugin printed an ExecCredential with neither a \
                         token nor a client certificate"
                            .to_string(),
                    ));
                }
            },
        }
    }
    Ok(warnings)
}

fn has_credentials(auth: &AuthInfo) -> bool {
    auth.token.is_some()
        || auth.token_file.is_some()
        || auth.password.is_some()
        || auth.exec.is_some()
        || auth.auth_provider.is_some()
        || auth.client_key.is_some()
        || auth.client_key_data.is_some()
}

fn credentials_error(identity: &Identity, detail: String) -> Error {
    Error::Credentials {
        context: identity.context.clone(),
        user: identity.user.clone(),
        detail,
    }
}

/// The token in `path`, whitespace trimmed (client-go trims; editors add a newline).
fn read_token_file(path: &str, identity: &Identity) -> Result<String> {
    let fail = |why: String| credentials_error(identity, format!("token file {path}: {why}"));
    let bytes = crate::files::read_capped(std::path::Path::new(path), MAX_TOKEN_FILE).map_err(
        |e| match e {
            crate::files::ReadError::TooLarge { limit, .. } => fail(format!(
                "larger than {}, so not a token",
                crate::files::human(limit)
            )),
            other => fail(other.to_string()),
        },
    )?;
    let text = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".to_string()))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(fail("empty".to_string()));
    }
    Ok(token.to_string())
}

#[derive(Deserialize)]
struct ExecCredential {
    status: Option<ExecStatus>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExecStatus {
    token: Option<String>,
    client_certificate_data: Option<String>,
    client_key_data: Option<String>,
}

/// Runs the plugin as client-go does (its args and env, `KUBERNETES_EXEC_INFO`), bounded.
async fn run_plugin(exec: &ExecConfig, how: &Settle<'_>) -> Result<ExecStatus> {
    let fail = |detail: String| credentials_error(how.identity, detail);
    let Some(program) = exec.command.as_deref().filter(|c| !c.is_empty()) else {
        return Err(fail(
            "the kubeconfig's exec section has no command".to_string(),
        ));
    };
    let name = sanitize(program).into_owned();
    let interactive =
        exec.interactive_mode != Some(ExecInteractiveMode::Never) && std::io::stdin().is_terminal();
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(exec.args.iter().flatten());
    for pair in exec.env.iter().flatten() {
        if let (Some(k), Some(v)) = (pair.get("name"), pair.get("value")) {
            cmd.env(k, v);
        }
    }
    let mut spec = serde_json::json!({ "interactive": interactive });
    if exec.provide_cluster_info
        && let Some(cluster) = &exec.cluster
    {
        spec["cluster"] = serde_json::to_value(cluster).unwrap_or_default();
    }
    let info = serde_json::json!({
        "apiVersion": exec.api_version.as_deref().unwrap_or("client.authentication.k8s.io/v1"),
        "kind": "ExecCredential",
        "spec": spec,
    });
    cmd.env("KUBERNETES_EXEC_INFO", info.to_string());
    for var in exec.drop_env.iter().flatten() {
        cmd.env_remove(var);
    }
    // A plugin that may prompt gets the terminal (its prompts are for the person); otherwise
    // its stderr is kept, and shown only with -v.
    if interactive {
        cmd.stdin(Stdio::inherit()).stderr(Stdio::inherit());
    } else {
        // Its own process group, so that stopping it stops what it started too (a shell
        // script's `sleep`, a CLI's helper). Not for an interactive one: it must stay in the
        // terminal's foreground group to read from it.
        cmd.stdin(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0);
    }
    cmd.stdout(Stdio::piped()).kill_on_drop(true);
    let mut child = cmd.spawn().map_err(|e| {
        let hint = exec
            .install_hint
            .as_deref()
            .map(|h| format!(" ({})", sanitize(h)))
            .unwrap_or_default();
        fail(format!(
            "the exec credential plugin {name:?} could not be started: {e}{hint}"
        ))
    })?;
    // Dropped on every way out before the plugin exits (deadline, Ctrl-C, SIGTERM, too much
    // output): the group is killed.
    let mut group = (!interactive)
        .then(|| child.id().map(|pid| ProcessGroup { pid, armed: true }))
        .flatten();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take();
    let limit = if interactive {
        EXEC_TIMEOUT_INTERACTIVE
    } else {
        how.request_timeout.unwrap_or(EXEC_TIMEOUT)
    };
    // stderr is read on its own task: a plugin that floods stdout while keeping stderr open
    // must be stopped at the stdout cap, not wait for a stderr that never ends.
    let stderr_task = tokio::spawn(async move {
        let mut err = Vec::new();
        if let Some(e) = stderr {
            let _ = e.take(MAX_PLUGIN_OUTPUT as u64).read_to_end(&mut err).await;
        }
        err
    });
    let run = async {
        let mut out = Vec::new();
        (&mut stdout)
            .take(MAX_PLUGIN_OUTPUT as u64 + 1)
            .read_to_end(&mut out)
            .await?;
        if out.len() > MAX_PLUGIN_OUTPUT {
            return Ok((None, out));
        }
        let status = child.wait().await?;
        Ok::<_, std::io::Error>((Some(status), out))
    };
    let (status, out) = match tokio::time::timeout(limit, run).await {
        Err(_) => {
            return Err(fail(format!(
                "the exec credential plugin {name:?} did not finish within {}; it was stopped",
                crate::duration::human_duration(limit)
            )));
        }
        Ok(Err(e)) => {
            return Err(fail(format!(
                "cannot read the output of the exec credential plugin {name:?}: {e}"
            )));
        }
        Ok(Ok(done)) => done,
    };
    if status.is_some()
        && let Some(group) = &mut group
    {
        // It exited by itself; what it leaves running (a credential cache) is its business.
        group.armed = false;
    }
    let Some(status) = status else {
        return Err(fail(format!(
            "the exec credential plugin {name:?} printed more than {} MiB; it was stopped",
            MAX_PLUGIN_OUTPUT >> 20
        )));
    };
    if !status.success() {
        let how_ended = status
            .code()
            .map_or("was killed by a signal".to_string(), |c| {
                format!("exited with status {c}")
            });
        let said = if interactive {
            String::new()
        } else if how.verbose {
            // It has exited; its stderr ends with it (unless a child of its own holds it).
            let err = tokio::time::timeout(Duration::from_secs(1), stderr_task)
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&err);
            let text = text.trim();
            if text.is_empty() {
                "; it printed nothing on stderr".to_string()
            } else {
                format!("; its stderr: {}", sanitize(text))
            }
        } else {
            "; its error output is not shown, as it may hold a secret: run with -v to see it, \
             or run the plugin yourself"
                .to_string()
        };
        return Err(fail(format!(
            "the exec credential plugin {name:?} {how_ended}{said}"
        )));
    }
    // client-go decodes the output with a YAML-tolerant decoder; some plugins print YAML.
    let credential: ExecCredential = serde_json::from_slice(&out)
        .or_else(|_| serde_saphyr::from_slice(&out))
        .map_err(|_| {
            fail(format!(
                "the exec credential plugin {name:?} did not print a valid ExecCredential"
            ))
        })?;
    credential.status.ok_or_else(|| {
        fail(format!(
            "the exec credential plugin {name:?} printed an ExecCredential without a status"
        ))
    })
}

/// A plugin's process group, killed when this is dropped while armed.
struct ProcessGroup {
    pid: u32,
    armed: bool,
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        if let Some(pid) = i32::try_from(self.pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_says() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn token_files_are_trimmed_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let id = Identity::default();
        let path = dir.path().join("token");
        std::fs::write(&path, "abc.def\n").unwrap();
        assert_eq!(
            read_token_file(path.to_str().unwrap(), &id).unwrap(),
            "abc.def"
        );
        std::fs::write(&path, " \n").unwrap();
        assert!(read_token_file(path.to_str().unwrap(), &id).is_err());
        let err = read_token_file("/dev/zero", &id).unwrap_err().to_string();
        assert!(err.contains("larger than 64 KiB"), "{err}");
    }
}
