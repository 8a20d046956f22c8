//! The API server's `Status` error body, and turning an error status into our [`Error`].

use serde::Deserialize;

use super::kubeconfig::Identity;
use crate::error::{ApiCall, Error};

/// The fields of a `meta.k8s.io/v1` `Status` we use. Lenient: anything missing defaults.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ApiStatus {
    pub kind: String,
    pub code: u16,
    pub reason: String,
    pub message: String,
    pub details: Option<StatusDetails>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct StatusDetails {
    pub name: String,
    pub group: String,
    pub kind: String,
}

impl ApiStatus {
    /// Parses a body as a Status, if it is one.
    pub fn parse(body: &[u8]) -> Option<ApiStatus> {
        serde_json::from_slice::<ApiStatus>(body)
            .ok()
            .filter(|s| s.kind == "Status")
    }

    /// The Status for an error response; a body that is not a Status (a proxy's HTML page, say)
    /// becomes a Status carrying the start of that text.
    pub fn from_error_body(code: u16, body: &[u8]) -> ApiStatus {
        ApiStatus::parse(body).unwrap_or_else(|| {
            let text = String::from_utf8_lossy(&body[..body.len().min(300)])
                .trim()
                .to_string();
            ApiStatus {
                kind: "Status".into(),
                code,
                reason: String::new(),
                message: text,
                details: None,
            }
        })
    }
}

/// Maps a final (non-retried) error status to the error a user reads.
pub fn error_for_status(
    call: &ApiCall,
    identity: &Identity,
    code: u16,
    status: ApiStatus,
) -> Error {
    match code {
        401 => Error::Unauthorized {
            call: call.clone(),
            context: identity.context.clone(),
            user: identity.user.clone(),
        },
        403 => Error::Forbidden {
            call: call.clone(),
            user: forbidden_user(&status.message),
        },
        404 if call.name.is_some() => Error::NotFound { call: call.clone() },
        _ => Error::Api {
            call: call.clone(),
            code,
            reason: status.reason,
            message: status.message,
        },
    }
}

/// The authenticated user, from the authorizer's message `... User "alice" cannot list ...`:
/// what the server thinks we are, which is what an administrator must grant to.
fn forbidden_user(message: &str) -> Option<String> {
    let start = message.find("User \"")? + "User \"".len();
    let len = message[start..].find('"')?;
    Some(message[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_real_forbidden_status() {
        let body = br#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes is forbidden: User \"system:serviceaccount:ops:doctor\" cannot list resource \"nodes\" in API group \"\" at the cluster scope","reason":"Forbidden","details":{"kind":"nodes"},"code":403}"#;
        let status = ApiStatus::parse(body).unwrap();
        assert_eq!(status.code, 403);
        assert_eq!(status.reason, "Forbidden");
        assert_eq!(status.details.as_ref().unwrap().kind, "nodes");
        let err = error_for_status(
            &ApiCall::list("nodes", "", None),
            &Identity::default(),
            403,
            status,
        );
        match err {
            Error::Forbidden { user, .. } => {
                assert_eq!(user.as_deref(), Some("system:serviceaccount:ops:doctor"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn non_status_bodies_are_kept_short() {
        let body = vec![b'x'; 5000];
        let status = ApiStatus::from_error_body(502, &body);
        assert_eq!(status.code, 502);
        assert_eq!(status.message.len(), 300);
        assert!(ApiStatus::parse(b"{\"kind\":\"Node\"}").is_none());
        assert!(ApiStatus::parse(b"not json").is_none());
    }

    #[test]
    fn unauthorized_names_context_and_user() {
        let identity = Identity {
            context: "prod".into(),
            user: "alice".into(),
            server: "https://x".into(),
        };
        let err = error_for_status(
            &ApiCall::list("nodes", "", None),
            &identity,
            401,
            ApiStatus::default(),
        );
        let text = err.to_string();
        assert!(
            text.contains("\"alice\"") && text.contains("\"prod\"") && text.contains("401"),
            "{text}"
        );
    }
}
