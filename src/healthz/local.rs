//! The local probe: one GET on the kubelet's own healthz endpoint (loopback, plain HTTP),
//! told apart into ok / failing checks / refused / timed out, with its latency.
//!
//! Proxies are off: an `HTTP_PROXY` meant for the internet must never carry a loopback probe.

use std::time::{Duration, Instant};

use super::Probe;
use super::verdict::{Healthz, failed_checks};
use crate::error::{Error, Result};

/// Bodies bigger than this are cut: a healthz listing is a few hundred bytes.
const MAX_BODY: usize = 64 * 1024;

/// A client for local probes: no proxy, no redirects, explicit connect and read deadlines.
/// The kubelet's healthz never redirects; following one would report whatever answers at the
/// other end (another port, another host) as this kubelet's health.
pub fn client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|e| Error::Usage(format!("cannot build the HTTP client: {e}")))
}

/// `url` with `verbose` added to its query, so a failure lists every check.
pub fn verbose_url(url: &str) -> String {
    if url.contains('?') {
        format!("{url}&verbose")
    } else {
        format!("{url}?verbose")
    }
}

/// GETs `url` once, giving up after `timeout` (connect, headers and body together).
pub async fn probe(client: &reqwest::Client, url: &str, timeout: Duration) -> Probe {
    let started = Instant::now();
    let attempt = async {
        let mut response = client.get(verbose_url(url)).send().await?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            return Ok((status, Answer::Redirect(location)));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            body.extend_from_slice(&chunk);
            if body.len() >= MAX_BODY {
                break;
            }
        }
        Ok::<_, reqwest::Error>((status, Answer::Body(body)))
    };
    // The request deadline covers what connect and read timeouts leave out (a server that
    // trickles bytes).
    let outcome = tokio::time::timeout(timeout, attempt).await;
    let latency = started.elapsed();
    let (healthz, http_status) = match outcome {
        Err(_) => (Healthz::TimedOut { after: timeout }, None),
        Ok(Ok((status, Answer::Redirect(location)))) => (
            Healthz::Error {
                detail: format!(
                    "answered {status} with a redirect to {}: the kubelet's healthz never \
                     redirects, so something else answers on this port (not followed)",
                    crate::output::sanitize::sanitize(&crate::output::redact::url(
                        location.as_deref().unwrap_or("nowhere")
                    ))
                ),
            },
            Some(status),
        ),
        Ok(Ok((200, _))) => (Healthz::Ok, Some(200)),
        Ok(Ok((status, Answer::Body(body)))) => (
            Healthz::Failing {
                status,
                failed: failed_checks(&String::from_utf8_lossy(&body)),
            },
            Some(status),
        ),
        // reqwest's messages quote the URL, and with it any password in it.
        Ok(Err(e)) => (classify(&e.without_url(), timeout), None),
    };
    Probe {
        healthz,
        http_status,
        // Latency is how long an answer took; with no answer (refused, timed out) there is
        // none, and the JSON says null rather than the time spent waiting.
        latency: http_status.map(|_| latency),
    }
}

/// What came back, short of an error.
enum Answer {
    Body(Vec<u8>),
    /// A 3xx and its `Location`.
    Redirect(Option<String>),
}

fn classify(err: &reqwest::Error, timeout: Duration) -> Healthz {
    if err.is_timeout() {
        return Healthz::TimedOut { after: timeout };
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return Healthz::Refused {
                        detail: "nothing listens on the port".into(),
                    };
                }
                std::io::ErrorKind::TimedOut => return Healthz::TimedOut { after: timeout },
                _ => {}
            }
        }
        source = e.source();
    }
    Healthz::Error { detail: chain(err) }
}

/// The error and its causes on one line; reqwest's top-level message alone says little.
fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(e) = source {
        let s = e.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        source = e.source();
    }
    crate::output::sanitize::sanitize(&parts.join(": ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbose_is_added_to_the_query() {
        assert_eq!(
            verbose_url("http://127.0.0.1:10248/healthz"),
            "http://127.0.0.1:10248/healthz?verbose"
        );
        assert_eq!(
            verbose_url("http://h/healthz?exclude=log"),
            "http://h/healthz?exclude=log&verbose"
        );
    }
}
