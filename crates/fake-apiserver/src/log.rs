// The request log tests read back: what each request asked for (never the token itself) and
// what status it got, so tests can assert on paging, retries and auth headers.

/// One request as the fake saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// Decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Whether an `Authorization` header was sent (its value is never kept).
    pub has_authorization: bool,
    /// Whether the bearer token was the right one.
    pub authorized: bool,
    pub accept: Option<String>,
    pub user_agent: Option<String>,
    pub http2: bool,
    /// The status sent, once known (`None` for hangs and dropped connections before headers).
    pub status: Option<u16>,
}

impl LoggedRequest {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_param(&self, key: &str) -> bool {
        self.query.iter().any(|(k, _)| k == key)
    }

    /// `GET /api/v1/nodes?limit=2` style, for assertion messages.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            let q: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{} {}?{}", self.method, self.path, q.join("&"))
        }
    }
}
