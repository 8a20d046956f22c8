// metav1.Status error bodies exactly as k8s.io/apimachinery/pkg/api/errors builds them
// (NewUnauthorized, NewForbidden, NewNotFound, NewResourceExpired, NewTooManyRequests, ...).

use super::json::{J, obj};
use super::request::RequestInfo;
use super::resources;

/// An error response: HTTP status, body, content type and extra headers.
#[derive(Clone, Debug)]
pub struct ErrorReply {
    pub code: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl ErrorReply {
    pub fn status(code: u16, body: J) -> Self {
        let mut text = body.to_json();
        text.push('\n');
        ErrorReply {
            code,
            content_type: "application/json",
            body: text.into_bytes(),
            headers: Vec::new(),
        }
    }

    /// A plain-text reply like Go's `http.Error` (used by filters that run before the API
    /// machinery, e.g. max-in-flight throttling).
    pub fn plain(code: u16, text: &str) -> Self {
        ErrorReply {
            code,
            content_type: "text/plain; charset=utf-8",
            body: format!("{text}\n").into_bytes(),
            headers: vec![("X-Content-Type-Options", "nosniff".into())],
        }
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

fn status_body(code: u16, reason: &str, message: &str, details: Option<J>, metadata: J) -> J {
    let mut s = obj([
        ("kind", "Status".into()),
        ("apiVersion", "v1".into()),
        ("metadata", metadata),
        ("status", "Failure".into()),
        ("message", message.into()),
        ("reason", reason.into()),
    ]);
    if let Some(d) = details {
        s.set("details", d);
    }
    s.set("code", code);
    s
}

fn simple(code: u16, reason: &str, message: &str, details: Option<J>) -> ErrorReply {
    ErrorReply::status(code, status_body(code, reason, message, details, obj([])))
}

pub fn unauthorized() -> ErrorReply {
    simple(401, "Unauthorized", "Unauthorized", None)
}

/// The group/resource a request is about, as `GroupResource.String()` prints it.
fn qualified(group: &str, resource: &str) -> String {
    if group.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{group}")
    }
}

fn details(name: Option<&str>, group: &str, kind: &str) -> J {
    let mut d = obj([]);
    if let Some(n) = name {
        d.set("name", n);
    }
    if !group.is_empty() {
        d.set("group", group);
    }
    if !kind.is_empty() {
        d.set("kind", kind);
    }
    d
}

/// What the RBAC authorizer's denial looks like for `user` making request `info`
/// (responsewriters.Forbidden + forbiddenMessage).
pub fn forbidden(user: &str, info: &RequestInfo) -> ErrorReply {
    if !info.resource_request {
        let msg = format!("forbidden: User {user:?} cannot get path {:?}", info.path);
        return simple(403, "Forbidden", &msg, Some(obj([])));
    }
    let mut resource = info.resource.clone();
    if let Some(sub) = &info.subresource {
        resource = format!("{resource}/{sub}");
    }
    let reason = match &info.namespace {
        Some(ns) => format!(
            "User {user:?} cannot {} resource {resource:?} in API group {:?} in the namespace {ns:?}",
            info.verb, info.group
        ),
        None => format!(
            "User {user:?} cannot {} resource {resource:?} in API group {:?} at the cluster scope",
            info.verb, info.group
        ),
    };
    let gr = qualified(&info.group, &info.resource);
    let name = info.name.as_deref();
    let message = match name {
        Some(n) => format!("{gr} {n:?} is forbidden: {reason}"),
        None => format!("{gr} is forbidden: {reason}"),
    };
    simple(
        403,
        "Forbidden",
        &message,
        Some(details(name, &info.group, &info.resource)),
    )
}

/// `NewNotFound(qualifiedResource, name)`.
pub fn not_found(group: &str, resource: &str, name: &str) -> ErrorReply {
    let gr = qualified(group, resource);
    simple(
        404,
        "NotFound",
        &format!("{gr} {name:?} not found"),
        Some(details(Some(name), group, resource)),
    )
}

/// What the API server says for a path it does not serve under a known group/version.
pub fn not_found_generic() -> ErrorReply {
    simple(
        404,
        "NotFound",
        "the server could not find the requested resource",
        Some(obj([])),
    )
}

/// A NotFound for whatever `info` names, or the generic one.
pub fn not_found_for(info: &RequestInfo) -> ErrorReply {
    match (
        &info.name,
        resources::find(&info.group, &info.version, &info.resource),
    ) {
        (Some(name), Some(_)) => not_found(&info.group, &info.resource, name),
        _ => not_found_generic(),
    }
}

pub fn bad_request(message: &str) -> ErrorReply {
    simple(400, "BadRequest", message, None)
}

pub fn method_not_allowed() -> ErrorReply {
    simple(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        Some(obj([])),
    )
}

/// The inconsistent-continue text from k8s.io/apiserver/pkg/storage/etcd3/errors.go.
pub const INCONSISTENT_CONTINUE: &str = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

/// 410 Expired for a stale continue token; `inconsistent` is the token that resumes the list
/// at the latest resourceVersion, as the real server hands one back.
pub fn expired(inconsistent: Option<String>) -> ErrorReply {
    let (message, metadata) = match inconsistent {
        Some(tok) => (INCONSISTENT_CONTINUE, obj([("continue", tok.into())])),
        None => (
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
            obj([]),
        ),
    };
    ErrorReply::status(410, status_body(410, "Expired", message, None, metadata))
}

/// `NewTooManyRequests(message, retryAfterSeconds)` plus the `Retry-After` header.
pub fn too_many_requests(retry_after: u32) -> ErrorReply {
    simple(
        429,
        "TooManyRequests",
        "Too many requests, please try again later.",
        Some(obj([("retryAfterSeconds", retry_after.into())])),
    )
    .with_header("Retry-After", retry_after.to_string())
}

/// What max-in-flight / priority-and-fairness throttling really sends: plain text.
pub fn throttled(retry_after: u32) -> ErrorReply {
    ErrorReply::plain(429, "Too many requests, please try again later.")
        .with_header("Retry-After", retry_after.to_string())
}

/// `NewInternalError(err)`.
pub fn internal_error(cause: &str) -> ErrorReply {
    simple(
        500,
        "InternalError",
        &format!("Internal error occurred: {cause}"),
        Some(obj([(
            "causes",
            J::Arr(vec![obj([("message", cause.into())])]),
        )])),
    )
}

pub fn service_unavailable(message: &str) -> ErrorReply {
    simple(503, "ServiceUnavailable", message, None)
}

/// A Status for any other code, with the reason `StatusReasonForCode` would give.
pub fn generic(code: u16) -> ErrorReply {
    let (reason, message) = match code {
        400 => (
            "BadRequest",
            "the server rejected our request for an unknown reason",
        ),
        405 => (
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        ),
        406 => (
            "NotAcceptable",
            "the server was unable to respond with a content type that the client supports",
        ),
        409 => ("Conflict", "the server reported a conflict"),
        415 => (
            "UnsupportedMediaType",
            "the server was unable to respond with a content type that the client supports",
        ),
        422 => (
            "Invalid",
            "the server rejected our request due to an error in our request",
        ),
        500 => (
            "InternalError",
            "an error on the server has prevented the request from succeeding",
        ),
        503 => (
            "ServiceUnavailable",
            "the server is currently unable to handle the request",
        ),
        504 => (
            "Timeout",
            "the server was unable to return a response in the time allotted, but may still be processing the request",
        ),
        _ => (
            "Unknown",
            "an error on the server has prevented the request from succeeding",
        ),
    };
    simple(code, reason, message, None)
}
