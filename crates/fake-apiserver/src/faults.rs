// Programmable failures: a Fault matches requests by method and path prefix (optionally only
// the Nth, the first N, or those carrying `continue`) and replaces or delays the response.

use std::time::Duration;

use super::request::RequestInfo;

/// What an injected fault does to a matching request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultAction {
    /// A Status for this code: 401/403/404/410/429/500 get their real bodies (403 and 404 are
    /// generated from the request like the authorizer and registry would), others a generic one.
    Status(u16),
    /// 429 with `Retry-After` and a TooManyRequests Status.
    TooManyRequests { retry_after: u32 },
    /// 429 with `Retry-After` and the plain-text body priority-and-fairness really sends.
    Throttled { retry_after: u32 },
    /// 500 InternalError Status with this cause.
    InternalError(String),
    /// 503 ServiceUnavailable Status with this message.
    ServiceUnavailable(String),
    /// Sends the headers and part of the real body, then aborts the connection.
    DropMidBody,
    /// Waits this long before answering normally (a slow API server).
    Delay(Duration),
    /// Never answers.
    Hang,
    /// A list page with one made-up item and a new continue token every time, so a client
    /// that trusts tokens pages forever. `remaining` is sent as `remainingItemCount`; `page`
    /// is filled in per request.
    EndlessPages { remaining: Option<u64>, page: usize },
    /// Any response at all.
    Raw {
        code: u16,
        content_type: String,
        body: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Which {
    All,
    Nth(usize),
    FirstN(usize),
}

/// A fault rule. Build with a constructor, then narrow with `on`/`nth`/`times`/`with_continue`:
/// `Fault::status(403).on("GET", "/api/v1/nodes").times(1)`.
#[derive(Clone, Debug)]
pub struct Fault {
    method: Option<String>,
    path_prefix: String,
    exact: bool,
    which: Which,
    only_continue: bool,
    action: FaultAction,
    seen: usize,
    fired: usize,
}

impl Fault {
    pub fn new(action: FaultAction) -> Self {
        Fault {
            method: None,
            path_prefix: "/".into(),
            exact: false,
            which: Which::All,
            only_continue: false,
            action,
            seen: 0,
            fired: 0,
        }
    }

    /// A real-looking Status error for `code` (see [`FaultAction::Status`]).
    pub fn status(code: u16) -> Self {
        Self::new(match code {
            429 => FaultAction::TooManyRequests { retry_after: 1 },
            _ => FaultAction::Status(code),
        })
    }
    pub fn unauthorized() -> Self {
        Self::status(401)
    }
    pub fn forbidden() -> Self {
        Self::status(403)
    }
    pub fn not_found() -> Self {
        Self::status(404)
    }
    /// 410 Expired, as for a continue token older than the last compaction.
    pub fn expired() -> Self {
        Self::status(410)
    }
    pub fn too_many_requests(retry_after_secs: u32) -> Self {
        Self::new(FaultAction::TooManyRequests {
            retry_after: retry_after_secs,
        })
    }
    pub fn throttled(retry_after_secs: u32) -> Self {
        Self::new(FaultAction::Throttled {
            retry_after: retry_after_secs,
        })
    }
    pub fn internal_error(cause: &str) -> Self {
        Self::new(FaultAction::InternalError(cause.into()))
    }
    pub fn service_unavailable(message: &str) -> Self {
        Self::new(FaultAction::ServiceUnavailable(message.into()))
    }
    pub fn drop_mid_body() -> Self {
        Self::new(FaultAction::DropMidBody)
    }
    pub fn delay(d: Duration) -> Self {
        Self::new(FaultAction::Delay(d))
    }
    pub fn hang() -> Self {
        Self::new(FaultAction::Hang)
    }
    /// See [`FaultAction::EndlessPages`].
    pub fn endless_pages(remaining: Option<u64>) -> Self {
        Self::new(FaultAction::EndlessPages { remaining, page: 0 })
    }
    pub fn raw(code: u16, content_type: &str, body: &str) -> Self {
        Self::new(FaultAction::Raw {
            code,
            content_type: content_type.into(),
            body: body.into(),
        })
    }

    /// Only requests with this method whose path starts with `path_prefix`.
    pub fn on(mut self, method: &str, path_prefix: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self.path_prefix = path_prefix.into();
        self
    }
    /// Any method, path starting with `path_prefix`.
    pub fn on_path(mut self, path_prefix: &str) -> Self {
        self.path_prefix = path_prefix.into();
        self
    }
    /// The path must equal the prefix exactly (so `/api/v1/nodes` does not also hit
    /// `/api/v1/nodes/x/proxy/healthz`).
    pub fn exact(mut self) -> Self {
        self.exact = true;
        self
    }
    /// Only the `n`th matching request (1-based).
    pub fn nth(mut self, n: usize) -> Self {
        self.which = Which::Nth(n);
        self
    }
    /// Only the first `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.which = Which::FirstN(n);
        self
    }
    /// Only requests that carry a `continue` parameter (later pages of a list).
    pub fn with_continue(mut self) -> Self {
        self.only_continue = true;
        self
    }

    pub fn action(&self) -> &FaultAction {
        &self.action
    }
    /// How many requests this fault has replaced or delayed so far.
    pub fn fired(&self) -> usize {
        self.fired
    }

    fn matches(&self, method: &str, info: &RequestInfo) -> bool {
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        let path_ok = if self.exact {
            info.path == self.path_prefix
        } else {
            info.path.starts_with(&self.path_prefix)
        };
        path_ok && (!self.only_continue || info.param("continue").is_some_and(|c| !c.is_empty()))
    }
}

/// Counts `method info` against every fault and returns the action of the first that fires.
/// Every matching rule counts the request, whether or not an earlier rule fired, so `nth(n)`
/// always means the n-th matching request overall.
pub fn check(faults: &mut [Fault], method: &str, info: &RequestInfo) -> Option<FaultAction> {
    let mut hit = None;
    for f in faults.iter_mut() {
        if !f.matches(method, info) {
            continue;
        }
        f.seen += 1;
        let fires = match f.which {
            Which::All => true,
            Which::Nth(n) => f.seen == n,
            Which::FirstN(n) => f.seen <= n,
        };
        if fires && hit.is_none() {
            f.fired += 1;
            hit = Some(match f.action {
                FaultAction::EndlessPages { remaining, .. } => FaultAction::EndlessPages {
                    remaining,
                    page: f.fired,
                },
                ref action => action.clone(),
            });
        }
    }
    hit
}
