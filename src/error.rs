//! The one error type every command returns, and how each error reads on stderr.
//!
//! Every variant is something that stopped us from doing the job, so all of them map to exit
//! code 2 (130 for Ctrl-C). Messages say what failed, why, and what to do next; text that came
//! from the server is sanitized before it is shown, and no variant ever holds a credential.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::exit::ExitStatus;
use crate::output::sanitize::sanitize;

/// What we were trying to do when a request failed, so the error can say it in words
/// ("cannot list leases in namespace kube-node-lease") and name the missing permission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiCall {
    /// The Kubernetes verb the authorizer checks: `list`, `get`.
    pub verb: &'static str,
    /// Resource name as RBAC spells it: `nodes`, `leases`, `nodes/proxy`.
    pub resource: String,
    /// API group; empty for the core group.
    pub group: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
}

impl ApiCall {
    pub fn list(resource: &str, group: &str, namespace: Option<&str>) -> ApiCall {
        ApiCall {
            verb: "list",
            resource: resource.to_string(),
            group: group.to_string(),
            namespace: namespace.map(str::to_string),
            name: None,
        }
    }

    pub fn get(resource: &str, group: &str, namespace: Option<&str>, name: &str) -> ApiCall {
        ApiCall {
            verb: "get",
            resource: resource.to_string(),
            group: group.to_string(),
            namespace: namespace.map(str::to_string),
            name: Some(name.to_string()),
        }
    }

    /// The RBAC rule that would allow this call, as an administrator would write it.
    pub fn permission(&self) -> String {
        let group = if self.group.is_empty() {
            "\"\" (core)".to_string()
        } else {
            format!("{:?}", self.group)
        };
        let scope = match &self.namespace {
            Some(ns) => format!("in namespace {:?}", sanitize(ns)),
            None => "at cluster scope".to_string(),
        };
        format!(
            "{:?} on {:?} in API group {group} {scope}",
            self.verb, self.resource
        )
    }
}

impl fmt::Display for ApiCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.verb, self.resource)?;
        if let Some(name) = &self.name {
            write!(f, " {:?}", sanitize(name).as_ref())?;
        }
        if let Some(ns) = &self.namespace {
            write!(f, " in namespace {}", sanitize(ns))?;
        }
        Ok(())
    }
}

/// Why a connection to the API server could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectProblem {
    Refused,
    Dns,
    Tls(String),
    Other(String),
}

#[derive(Debug)]
pub enum Error {
    /// Wrong flags or arguments that clap could not catch.
    Usage(String),
    /// A file or a response that cannot be used: unreadable, or not what it has to be (a
    /// `--config` that cannot be read, a /configz body that is not a kubelet config).
    Input(String),
    /// A kubeconfig that exists but cannot be used (unreadable, malformed, incomplete).
    Kubeconfig(String),
    /// Nothing to connect with: no kubeconfig anywhere and not inside a pod.
    NoConfiguration(String),
    /// `--context` names a context the kubeconfig does not have.
    UnknownContext { name: String, known: Vec<String> },
    /// 401: the server did not accept the credentials.
    Unauthorized {
        call: ApiCall,
        context: String,
        user: String,
    },
    /// The credential plugin or token file could not produce credentials.
    Credentials {
        context: String,
        user: String,
        detail: String,
    },
    /// 403: authenticated, but RBAC does not allow the call.
    Forbidden { call: ApiCall, user: Option<String> },
    /// 404 on a named object.
    NotFound { call: ApiCall },
    /// Any other error status from the server (after bounded retries where they apply).
    Api {
        call: ApiCall,
        code: u16,
        reason: String,
        message: String,
    },
    /// No connection could be made.
    Connect {
        call: ApiCall,
        server: String,
        problem: ConnectProblem,
    },
    /// The request did not finish within `--request-timeout`.
    Timeout { call: ApiCall, after: Duration },
    /// The connection broke or the response was cut short.
    Transport { call: ApiCall, detail: String },
    /// The server answered with something that is not the JSON we asked for.
    Decode { call: ApiCall, detail: String },
    /// The answer was larger than we read (`limit` bytes): a broken or hostile server.
    TooLarge { call: ApiCall, limit: usize },
    /// A list that would never end (a repeated continue token, too many pages).
    EndlessList { call: ApiCall, detail: String },
    /// Writing a result file failed.
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// stdout was closed by its reader (`| head`): not a failure.
    BrokenPipe,
    /// Ctrl-C.
    Interrupted,
    /// SIGTERM.
    Terminated,
}

impl Error {
    /// The exit status this error ends the process with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Interrupted | Error::Terminated => ExitStatus::Interrupted,
            Error::BrokenPipe => ExitStatus::Healthy,
            _ => ExitStatus::Failure,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(msg) => write!(f, "{msg}"),
            Error::Input(msg) => write!(f, "{msg}"),
            Error::Kubeconfig(msg) => write!(f, "{msg}"),
            Error::NoConfiguration(msg) => write!(f, "{msg}"),
            Error::UnknownContext { name, known } => {
                write!(
                    f,
                    "context {:?} does not exist in the kubeconfig",
                    sanitize(name).as_ref()
                )?;
                if known.is_empty() {
                    write!(f, " (it defines no contexts)")
                } else {
                    let known: Vec<_> = known.iter().map(|k| sanitize(k).into_owned()).collect();
                    write!(f, "; known contexts: {}", known.join(", "))
                }
            }
            Error::Unauthorized {
                call,
                context,
                user,
            } => write!(
                f,
                "cannot {call}: the API server rejected the credentials of user {:?} in context {:?} \
                 (401 Unauthorized); they may have expired or been revoked: log in again or refresh the kubeconfig",
                sanitize(user).as_ref(),
                sanitize(context).as_ref()
            ),
            Error::Credentials {
                context,
                user,
                detail,
            } => write!(
                f,
                "cannot get credentials for user {:?} in context {:?}: {}",
                sanitize(user).as_ref(),
                sanitize(context).as_ref(),
                sanitize(detail)
            ),
            Error::Forbidden { call, user } => {
                let who = match user {
                    Some(u) => format!("user {:?}", sanitize(u).as_ref()),
                    None => "this user".to_string(),
                };
                write!(
                    f,
                    "cannot {call}: the API server refused {who} (403 Forbidden): grant {}",
                    call.permission()
                )
            }
            Error::NotFound { call } => match &call.name {
                Some(name) => write!(
                    f,
                    "{} {:?} not found",
                    singular(&call.resource),
                    sanitize(name).as_ref()
                ),
                None => write!(
                    f,
                    "cannot {call}: the server does not serve this resource (404 Not Found)"
                ),
            },
            Error::Api {
                call,
                code,
                reason,
                message,
            } => {
                write!(f, "cannot {call}: the API server answered {code}")?;
                if !reason.is_empty() {
                    write!(f, " {}", sanitize(reason))?;
                }
                if !message.is_empty() {
                    write!(f, ": {}", sanitize(message))?;
                }
                Ok(())
            }
            Error::Connect {
                call,
                server,
                problem,
            } => {
                let server = sanitize(server);
                match problem {
                    ConnectProblem::Refused => write!(
                        f,
                        "cannot {call}: connection to {server} refused: is the API server running, and is this the right cluster (--context)?"
                    ),
                    ConnectProblem::Dns => write!(
                        f,
                        "cannot {call}: the API server's host name in {server} does not resolve: check the kubeconfig's server address and DNS"
                    ),
                    ConnectProblem::Tls(detail) => write!(
                        f,
                        "cannot {call}: TLS verification of {server} failed ({}): the kubeconfig's certificate-authority does not match the server, or the server address is wrong",
                        sanitize(detail)
                    ),
                    ConnectProblem::Other(detail) => {
                        write!(
                            f,
                            "cannot {call}: cannot connect to {server}: {}",
                            sanitize(detail)
                        )
                    }
                }
            }
            Error::Timeout { call, after } => write!(
                f,
                "cannot {call}: no answer from the API server within {} (--request-timeout)",
                crate::duration::human_duration(*after)
            ),
            Error::Transport { call, detail } => {
                write!(
                    f,
                    "cannot {call}: the connection to the API server broke: {}",
                    sanitize(detail)
                )
            }
            Error::Decode { call, detail } => {
                write!(
                    f,
                    "cannot {call}: the API server sent a response that is not valid JSON for it: {}",
                    sanitize(detail)
                )
            }
            Error::TooLarge { call, limit } => write!(
                f,
                "cannot {call}: the answer is larger than {} MiB; stopped reading (a broken or hostile server?)",
                limit >> 20
            ),
            Error::EndlessList { call, detail } => write!(
                f,
                "cannot {call}: {detail}; stopped (the API server or a proxy in front of it is broken)"
            ),
            Error::Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            Error::BrokenPipe => write!(f, "standard output was closed"),
            Error::Interrupted => write!(f, "interrupted"),
            Error::Terminated => write!(f, "terminated"),
        }
    }
}

impl std::error::Error for Error {}

fn singular(resource: &str) -> &str {
    match resource {
        "nodes" => "node",
        "pods" => "pod",
        "leases" => "lease",
        "events" => "event",
        other => other,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_names_the_missing_permission() {
        let err = Error::Forbidden {
            call: ApiCall::list("leases", "coordination.k8s.io", Some("kube-node-lease")),
            user: Some("alice".into()),
        };
        let text = err.to_string();
        assert_eq!(
            text,
            "cannot list leases in namespace kube-node-lease: the API server refused user \"alice\" (403 Forbidden): \
             grant \"list\" on \"leases\" in API group \"coordination.k8s.io\" in namespace \"kube-node-lease\""
        );
        assert_eq!(err.exit_status(), ExitStatus::Failure);
    }

    #[test]
    fn core_group_permission_reads_well() {
        let call = ApiCall::list("nodes", "", None);
        assert_eq!(
            call.permission(),
            "\"list\" on \"nodes\" in API group \"\" (core) at cluster scope"
        );
    }

    #[test]
    fn server_text_is_sanitized() {
        let err = Error::Api {
            call: ApiCall::list("nodes", "", None),
            code: 500,
            reason: "InternalError".into(),
            message: "boom\u{1b}[2J".into(),
        };
        assert!(err.to_string().ends_with("500 InternalError: boom\\e[2J"));
    }

    #[test]
    fn not_found_names_the_object() {
        let err = Error::NotFound {
            call: ApiCall::get("nodes", "", None, "node-z"),
        };
        assert_eq!(err.to_string(), "node \"node-z\" not found");
    }

    #[test]
    fn interrupted_is_130() {
        assert_eq!(Error::Interrupted.exit_status().code(), 130);
    }
}
