//! Message -> root cause. Kubelet texts first, then the wrappers the kubelet, gRPC,
//! the correlator and kubectl put around the runtime's error are peeled off, then the
//! runtime text is matched against [`SIGNATURES`], in order (inner causes first).

use super::cause::Cause;
use super::reasons::Reason;
use super::registry::is_cloud_credential_host;

/// Classifies one status or event message. `reason` is the container's waiting
/// reason when known; `registry` is the image's registry host, used to tell
/// node-supplied cloud credentials (ECR, ACR) from pull secrets.
pub fn classify(reason: Option<Reason>, message: &str, registry: Option<&str>) -> Cause {
    if let Some(cause) = reason.and_then(kubelet_reason_cause) {
        return cause;
    }
    if let Some(cause) = kubelet_text_cause(message) {
        return cause;
    }
    let u = unwrap(message);
    let reasons: Vec<Reason> = reason
        .into_iter()
        .chain(u.reasons.iter().copied())
        .collect();
    if let Some(cause) = reasons.iter().find_map(|r| kubelet_reason_cause(*r)) {
        return cause;
    }
    // Inspect failures are the runtime failing to read its own store; a timeout or
    // "not found" inside one says nothing about the registry.
    if u.inspect || reasons.contains(&Reason::ImageInspectError) {
        return Cause::RuntimeInspect;
    }
    let cloud = registry.is_some_and(is_cloud_credential_host) || mentions_cloud_host(message);
    let cause = match split_aggregate(u.text) {
        Some(elements) => {
            let causes: Vec<Cause> = elements
                .iter()
                .map(|e| chain_cause(&unwrap(e), cloud, true))
                .collect();
            // Extra credentials add auth noise to every aggregate: the other element is the news.
            causes
                .iter()
                .copied()
                .find(|c| !matches!(c, Cause::Auth | Cause::CredentialProvider | Cause::Unknown))
                .or_else(|| {
                    causes
                        .iter()
                        .any(|c| matches!(c, Cause::Auth | Cause::CredentialProvider))
                        .then_some(if cloud {
                            Cause::CredentialProvider
                        } else {
                            Cause::Auth
                        })
                })
                .unwrap_or(Cause::Unknown)
        }
        None => chain_cause(&u, cloud, false),
    };
    if cause == Cause::Unknown && reasons.contains(&Reason::RegistryUnavailable) {
        return Cause::NetworkUnreachable;
    }
    cause
}

/// The runtime's own text with the kubelet, gRPC, correlator and kubectl wrappers
/// removed: what a table should show as the detail of a message.
pub fn runtime_text(message: &str) -> &str {
    unwrap(message).text
}

/// Reasons the kubelet decides itself, before any runtime call.
fn kubelet_reason_cause(reason: Reason) -> Option<Cause> {
    match reason {
        Reason::InvalidImageName => Some(Cause::InvalidName),
        Reason::ErrImageNeverPull => Some(Cause::NeverPullMissing),
        Reason::SignatureValidationFailed => Some(Cause::Signature),
        _ => None,
    }
}

/// Step 1: texts only the kubelet (or CRI-O's resolver/policy) writes,
/// recognised wherever they sit in the chain.
fn kubelet_text_cause(m: &str) -> Option<Cause> {
    if m.contains("couldn't parse image")
        || m.contains("Failed to apply default image tag")
        || m.contains("invalid reference format")
    {
        return Some(Cause::InvalidName);
    }
    if m.contains("is not present with pull policy of Never") {
        return Some(Cause::NeverPullMissing);
    }
    if (m.contains("short-name")
        && (m.contains("did not resolve") || m.contains("cannot prompt without a TTY")))
        || m.contains("no registries configured")
        || m.contains("no unqualified-search registries")
    {
        return Some(Cause::ShortName);
    }
    if m.contains("SignatureValidationFailed")
        || m.contains("Source image rejected")
        || m.contains("because the signature validation failed")
        || m.contains("None of the signatures were accepted")
        || m.contains("A signature was required")
    {
        return Some(Cause::Signature);
    }
    None
}

#[derive(Debug, Default)]
struct Unwrapped<'a> {
    text: &'a str,
    reasons: Vec<Reason>,
    code: Option<&'a str>,
    inspect: bool,
    registry_unavailable: bool,
}

/// Step 2: peel wrappers off the front until none is left.
fn unwrap(message: &str) -> Unwrapped<'_> {
    let mut u = Unwrapped {
        text: message.trim(),
        ..Unwrapped::default()
    };
    loop {
        let t = u.text;
        let next = if let Some((reason, rest)) = strip_reason_token(t) {
            u.reasons.push(reason);
            Some(rest)
        } else if let Some(rest) = t.strip_prefix("(combined from similar events): ") {
            Some(rest)
        } else if let Some(rest) = strip_field_path(t) {
            Some(rest)
        } else if let Some(rest) = strip_quoted(t, "Failed to pull image \"") {
            Some(rest)
        } else if let Some(rest) = strip_quoted(t, "Back-off pulling image \"") {
            // Before 1.32 nothing follows the image: the message has no cause.
            Some(rest)
        } else if let Some(rest) = strip_quoted(t, "Failed to inspect image \"") {
            u.inspect = true;
            Some(rest)
        } else if let Some((code, rest)) = strip_grpc(t) {
            u.code = Some(code);
            Some(rest)
        } else if let Some(rest) = strip_registry_unavailable(t) {
            u.registry_unavailable = true;
            Some(rest)
        } else if let Some(rest) = strip_dockertools(t) {
            Some(rest)
        } else if let Some((reason, rest)) = strip_failed_sync(t) {
            u.reasons.push(reason);
            Some(rest)
        } else {
            ["Error while pulling image: ", "Error: "]
                .iter()
                .find_map(|p| t.strip_prefix(p))
        };
        match next {
            Some(rest) => u.text = rest.trim_start_matches([':', ' ', '.']).trim_end(),
            None => break,
        }
    }
    // CRI-O's OCI-artifact fallback repeats (or muddles) the image error: keep the first.
    if let Some(i) = u.text.find("; artifact err:") {
        u.text = &u.text[..i];
    }
    u
}

fn strip_reason_token(t: &str) -> Option<(Reason, &str)> {
    Reason::ALL.into_iter().find_map(|r| {
        let rest = t.strip_prefix(r.as_str())?;
        (rest.is_empty() || rest.starts_with(':')).then_some((r, rest))
    })
}

/// kubectl describe (2025+) prints `spec.containers{name}: ` before event messages.
fn strip_field_path(t: &str) -> Option<&str> {
    [
        "spec.containers{",
        "spec.initContainers{",
        "spec.ephemeralContainers{",
    ]
    .iter()
    .find_map(|p| {
        let rest = t.strip_prefix(p)?;
        let close = rest.find("}: ")?;
        Some(&rest[close + 3..])
    })
}

fn strip_quoted<'a>(t: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = t.strip_prefix(prefix)?;
    let close = rest.find('"')?;
    Some(&rest[close + 1..])
}

/// `rpc error: code = X desc = ` (numeric codes on 1.6-1.8 kubelets).
fn strip_grpc(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix("rpc error: code = ")?;
    let (code, rest) = rest.split_once(" desc = ")?;
    let code = match code {
        "1" => "Canceled",
        "2" => "Unknown",
        "4" => "DeadlineExceeded",
        "5" => "NotFound",
        "9" => "FailedPrecondition",
        "14" => "Unavailable",
        other => other,
    };
    Some((code, rest))
}

fn strip_registry_unavailable(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("image pull failed for ")?;
    let i = rest.find(" because the registry is unavailable")?;
    Some(&rest[i + " because the registry is unavailable".len()..])
}

/// Pre-CRI dockertools: the "no credentials" sentence is boilerplate around every
/// failure, so only the `details:` part says anything.
fn strip_dockertools(t: &str) -> Option<&str> {
    if let Some(rest) = t.strip_prefix("API error (") {
        let close = rest.find("): ")?;
        return Some(&rest[close + 3..]);
    }
    let rest = t.strip_prefix("image pull failed for ")?;
    if rest.starts_with("unknown error") {
        return Some("");
    }
    let i = rest.find("details: ")?;
    let details = &rest[i + "details: ".len()..];
    Some(
        details
            .strip_prefix('(')
            .and_then(|d| d.strip_suffix(')'))
            .unwrap_or(details),
    )
}

/// Legacy `FailedSync` event: `Error syncing pod, skipping: failed to "StartContainer"
/// for "c" with ErrImagePull: "<text>"`.
fn strip_failed_sync(t: &str) -> Option<(Reason, &str)> {
    let rest = t.strip_prefix("Error syncing pod, skipping: ")?;
    let i = rest.find(" with ")?;
    let (reason, after) = strip_reason_token(&rest[i + 6..])?;
    let after = after.trim_start_matches([':', ' ']);
    let inner = after.strip_prefix('"').unwrap_or(after);
    Some((reason, inner.strip_suffix('"').unwrap_or(inner)))
}

/// Splits an aggregated `[err1, err2]` on the `, ` that starts a new error chain
/// (an element may itself contain `, `).
fn split_aggregate(text: &str) -> Option<Vec<&str>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    const STARTS: [&str; 17] = [
        "rpc error:",
        "failed to ",
        "Failed to ",
        "Error ",
        "error ",
        "initializing source",
        "pinging ",
        "reading manifest",
        "unable to ",
        "RegistryUnavailable",
        "SignatureValidationFailed",
        "Get ",
        "Head ",
        "pull access denied",
        "unexpected status",
        "image pull failed",
        "Back-off pulling",
    ];
    let mut parts = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(i) = inner[search..].find(", ") {
        let at = search + i;
        let next = &inner[at + 2..];
        if STARTS.iter().any(|s| next.starts_with(s)) {
            parts.push(&inner[start..at]);
            start = at + 2;
        }
        search = at + 2;
    }
    parts.push(&inner[start..]);
    Some(parts)
}

fn mentions_cloud_host(message: &str) -> bool {
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':')))
        .any(|word| word.contains('.') && is_cloud_credential_host(word.trim_matches(['.', ':'])))
}

/// `EOF` as a whole word (not inside an image or host name).
fn has_eof(t: &str) -> bool {
    t.match_indices("EOF").any(|(i, _)| {
        let before = t[..i].chars().next_back();
        let after = t[i + 3..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn any(l: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| l.contains(n))
}

/// The innermost runtime text of one chain, as the signatures read it.
struct Text<'a> {
    raw: &'a str,
    lower: String,
    /// A digest or size check failed: an `EOF` inside such a message is not the network.
    integrity: bool,
}

/// One root cause's signature: any of `needles` in the lower-cased text, or `test` for what
/// substrings alone cannot say.
struct Signature {
    cause: Cause,
    needles: &'static [&'static str],
    test: Option<fn(&Text<'_>) -> bool>,
}

impl Signature {
    fn matches(&self, t: &Text<'_>) -> bool {
        any(&t.lower, self.needles) || self.test.is_some_and(|f| f(t))
    }
}

const INTEGRITY: &[&str] = &[
    "unexpected commit digest",
    "failed size validation",
    "digest did not match",
    "layer verification failed",
    "failed commit on ref",
];

/// The runtime texts behind each cause, in matching order: the first signature that matches
/// wins, so the inner, more specific causes come first (a proxy before DNS, a TLS handshake
/// *timeout* before TLS, DNS before "not found", an EOF inside a digest error is corruption).
const SIGNATURES: &[Signature] = &[
    Signature {
        cause: Cause::Proxy,
        needles: &["proxyconnect", "proxy authentication required"],
        test: None,
    },
    Signature {
        cause: Cause::Dns,
        needles: &[
            "dial tcp: lookup ",
            "no such host",
            "server misbehaving",
            "temporary failure in name resolution",
            "name or service not known",
        ],
        test: Some(|t| {
            t.lower.contains("lookup ")
                && (t.lower.contains(":53") || t.lower.contains("try again"))
        }),
    },
    Signature {
        cause: Cause::HttpVsHttps,
        needles: &[
            "server gave http response to https client",
            "first record does not look like a tls handshake",
        ],
        test: None,
    },
    Signature {
        cause: Cause::NetworkTimeout,
        needles: &["tls handshake timeout"],
        test: None,
    },
    Signature {
        cause: Cause::Tls,
        needles: &[
            "x509:",
            "tls: ",
            "certificate signed by unknown authority",
            "certificate has expired",
        ],
        test: None,
    },
    Signature {
        cause: Cause::NetworkTimeout,
        needles: &[
            "i/o timeout",
            "connection timed out",
            "operation timed out",
            "client.timeout exceeded",
            "timeout awaiting response headers",
            "request canceled while waiting for connection",
        ],
        test: Some(|t| t.lower.contains("dial tcp") && t.lower.contains("deadline exceeded")),
    },
    Signature {
        cause: Cause::NetworkUnreachable,
        needles: &[
            "connection refused",
            "connection reset",
            "no route to host",
            "network is unreachable",
            "host is unreachable",
            "broken pipe",
        ],
        test: Some(|t| has_eof(t.raw) && !t.integrity),
    },
    Signature {
        cause: Cause::DiskFull,
        needles: &["no space left on device", "disk quota exceeded"],
        test: None,
    },
    Signature {
        cause: Cause::Platform,
        needles: &[
            "no match for platform",
            "no matching manifest for",
            "no image found in manifest list",
            "no image found in image index",
            "choosing image instance",
        ],
        test: None,
    },
    Signature {
        cause: Cause::LayerCorrupt,
        needles: &["failed precondition"],
        test: Some(|t| t.integrity),
    },
    Signature {
        cause: Cause::ImageFormat,
        needles: &[
            "manifest.v1+prettyjws",
            "no longer supported since containerd",
            "docker image format v1",
            "schema 1 support is disabled",
            "unsupported mediatype",
            "unsupported media type",
        ],
        test: None,
    },
    Signature {
        cause: Cause::RateLimit,
        needles: &["toomanyrequests", "too many requests", "status 429"],
        test: None,
    },
    Signature {
        cause: Cause::RegistryError,
        needles: &[
            "500 internal server error",
            "502 bad gateway",
            "503 service unavailable",
            "504 gateway timeout",
            "received unexpected http status: 5",
            "internal server error",
            "bad gateway",
            "service unavailable",
        ],
        test: None,
    },
    // Auth, or CredentialProvider when the registry is served by node credentials and the
    // runtime presented nothing: decided in `chain_cause`.
    Signature {
        cause: Cause::Auth,
        needles: &[
            "pull access denied",
            "access to the resource is denied",
            "insufficient_scope",
            "unauthorized",
            "forbidden",
            "authentication required",
            "no basic auth credentials",
            "failed to authorize",
            "failed to fetch anonymous token",
            "failed to fetch oauth token",
            "authorization failed",
            "denied:",
            "access denied",
        ],
        test: None,
    },
    Signature {
        cause: Cause::RuntimeInspect,
        needles: &[
            "readlink /var/lib/docker",
            "unable to convert a nil pointer to a runtime api image",
        ],
        test: None,
    },
    Signature {
        cause: Cause::NotFound,
        needles: &["manifest unknown", "name unknown", "not found"],
        test: None,
    },
    Signature {
        cause: Cause::PullTimeout,
        needles: &[
            "context deadline exceeded",
            "context canceled",
            "request canceled",
            "deadline exceeded",
        ],
        test: None,
    },
];

/// One unwrapped chain: its [`SIGNATURES`] match, else its gRPC code, else `unknown`.
fn chain_cause(u: &Unwrapped<'_>, cloud: bool, aggregated: bool) -> Cause {
    let lower = u.text.to_ascii_lowercase();
    let text = Text {
        raw: u.text,
        integrity: any(&lower, INTEGRITY),
        lower,
    };
    let cause = SIGNATURES
        .iter()
        .find(|s| s.matches(&text))
        .map(|s| match s.cause {
            Cause::Auth => {
                let presented_nothing = aggregated
                    || any(
                        &text.lower,
                        &[
                            "no basic auth credentials",
                            "failed to fetch anonymous token",
                            "authentication required",
                        ],
                    );
                if cloud && presented_nothing {
                    Cause::CredentialProvider
                } else {
                    Cause::Auth
                }
            }
            cause => cause,
        });
    cause
        .or(match u.code {
            Some("NotFound") => Some(Cause::NotFound),
            Some("FailedPrecondition") => Some(Cause::LayerCorrupt),
            Some("Canceled" | "DeadlineExceeded") => Some(Cause::PullTimeout),
            // The kubelet could not reach the runtime's socket at all.
            Some("Unavailable") => Some(Cause::RuntimeInspect),
            _ => None,
        })
        .or(
            (u.registry_unavailable || u.reasons.contains(&Reason::RegistryUnavailable))
                .then_some(Cause::NetworkUnreachable),
        )
        .unwrap_or(Cause::Unknown)
}

#[cfg(test)]
mod tests;
