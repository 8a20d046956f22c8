//! Sorting the client library's connection errors into what a person can act on: refused,
//! DNS, TLS verification, a broken connection, a credential plugin that failed.

use std::error::Error as StdError;

use crate::error::ConnectProblem;

/// What went wrong below HTTP.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// No connection at all; retrying right away will not help.
    Connect(ConnectProblem),
    /// The credential plugin or token source failed.
    Credentials(String),
    /// The connection was made but broke (reset, closed early, cut body): worth a bounded retry.
    Broken(String),
    /// The body was larger than this many bytes; reading stopped there. Not retried.
    TooLarge(usize),
}

/// Classifies a kube client error by walking its source chain.
pub fn classify(err: &kube::Error) -> Failure {
    if let kube::Error::Auth(auth) = err {
        return Failure::Credentials(describe_auth(auth));
    }
    let mut messages = Vec::new();
    let mut refused = false;
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            refused = true;
        }
        messages.push(e.to_string());
        current = e.source();
    }
    let all = messages.join(": ").to_lowercase();
    if refused || all.contains("connection refused") {
        return Failure::Connect(ConnectProblem::Refused);
    }
    if all.contains("dns error")
        || all.contains("failed to lookup address")
        || all.contains("name or service not known")
    {
        return Failure::Connect(ConnectProblem::Dns);
    }
    if let Some(tls) = messages.iter().find(|m| {
        let m = m.to_lowercase();
        m.contains("invalid peer certificate")
            || m.contains("certificate verify")
            || m.contains("unknownissuer")
    }) {
        return Failure::Connect(ConnectProblem::Tls(tls.clone()));
    }
    if all.contains("network is unreachable") || all.contains("no route to host") {
        return Failure::Connect(ConnectProblem::Other(
            messages.last().cloned().unwrap_or_default(),
        ));
    }
    Failure::Broken(messages.last().cloned().unwrap_or_else(|| err.to_string()))
}

/// A credential failure in words that cannot leak a secret: kube's own messages for a failed
/// exec plugin include the plugin's whole stdout, which may hold a token. Only the plugin's
/// stderr (its explanation to the user) is shown, and only its last line.
pub fn describe_auth(err: &kube::client::AuthError) -> String {
    use kube::client::AuthError as A;
    match err {
        A::AuthExecStart(io) => format!("the exec credential plugin could not be started: {io}"),
        A::AuthExecRun { out, .. } => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let last = stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            let last: String = last.chars().take(200).collect();
            let status = out
                .status
                .code()
                .map_or("a signal".to_string(), |c| format!("status {c}"));
            if last.is_empty() {
                format!("the exec credential plugin failed with {status}")
            } else {
                format!(
                    "the exec credential plugin failed with {status}: {}",
                    crate::output::sanitize::sanitize(&last)
                )
            }
        }
        A::AuthExecParse(_) | A::ExecPluginFailed => {
            "the exec credential plugin did not print a valid ExecCredential".to_string()
        }
        A::ReadTokenFile(io, path) => format!("cannot read token file {}: {io}", path.display()),
        A::MissingCommand => "the kubeconfig's exec section has no command".to_string(),
        A::MalformedTokenExpirationDate(_) => {
            "the exec credential plugin returned a malformed expirationTimestamp".to_string()
        }
        A::InvalidBearerToken(_) | A::InvalidBasicAuth(_) => {
            "the kubeconfig's token or password is not a valid HTTP header value".to_string()
        }
        A::AuthExec(_) | A::ParseTokenKey(_) => {
            // Free text that can quote the plugin's output: say what failed, not what it said.
            "the kubeconfig's credential plugin or auth provider failed".to_string()
        }
        other => other.to_string(),
    }
}
