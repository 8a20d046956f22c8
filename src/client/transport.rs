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
}

/// Classifies a kube client error by walking its source chain.
pub fn classify(err: &kube::Error) -> Failure {
    if let kube::Error::Auth(auth) = err {
        return Failure::Credentials(auth.to_string());
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
