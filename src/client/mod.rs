//! The shared cluster client every cluster command goes through: connecting with the user's
//! kubeconfig, one GET with a deadline and bounded retries, paginated listing ([`list`]) and
//! the kubelet's endpoints through the API server's node proxy ([`proxy`]).
//!
//! kube's own retry layer is switched off: retries here are explicit, bounded, announced on
//! stderr, and never applied to node-proxy calls.

pub mod credentials;
pub mod kubeconfig;
pub mod list;
pub mod proxy;
pub mod query;
pub mod retry;
pub mod status;
pub mod transport;

use std::path::Path;
use std::time::Duration;

use http::header::{ACCEPT, RETRY_AFTER, USER_AGENT};

use crate::error::{ApiCall, Error, Result};
use kubeconfig::Identity;
use retry::RetryPolicy;
use status::ApiStatus;
use transport::Failure;

/// How to reach the cluster, from the global flags.
pub struct ConnectOptions<'a> {
    pub kubeconfig: Option<&'a Path>,
    pub context: Option<&'a str>,
    /// Deadline for one request, body included. `None`: wait forever.
    pub request_timeout: Option<Duration>,
    pub insecure_skip_tls_verify: bool,
    /// `-v`: an exec credential plugin's stderr is shown when it fails.
    pub verbose: bool,
}

/// A connected client plus what it needs to explain failures. Cheap to clone (the client is a
/// shared handle), so a task can own one.
#[derive(Clone)]
pub struct Cluster {
    client: kube::Client,
    identity: Identity,
    request_timeout: Option<Duration>,
}

/// One response, whatever its status.
pub(crate) struct RawResponse {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

/// Why one attempt did not produce a response.
enum AttemptError {
    Failed(Failure),
    TimedOut,
}

impl Cluster {
    /// Loads the kubeconfig and builds the client. Nothing is sent yet.
    pub async fn connect(opts: &ConnectOptions<'_>) -> Result<Cluster> {
        let loaded =
            kubeconfig::load(kubeconfig::Sources::from_env(opts.kubeconfig, opts.context)).await?;
        Cluster::build(loaded, opts).await
    }

    /// Like [`Cluster::connect`], with a kubeconfig file of the host mounted at `root` (the
    /// kubelet's own): see [`kubeconfig::load_host_file`]. `opts.kubeconfig` and
    /// `opts.context` are not used.
    pub async fn connect_host_kubeconfig(
        host_path: &str,
        root: &Path,
        opts: &ConnectOptions<'_>,
    ) -> Result<Cluster> {
        let loaded = kubeconfig::load_host_file(host_path, root).await?;
        Cluster::build(loaded, opts).await
    }

    async fn build(loaded: kubeconfig::Loaded, opts: &ConnectOptions<'_>) -> Result<Cluster> {
        for warning in &loaded.warnings {
            crate::output::term::warning(warning);
        }
        let mut config = loaded.config;
        config.default_retry = false;
        let settle = credentials::Settle {
            identity: &loaded.identity,
            insecure_flag: opts.insecure_skip_tls_verify,
            verbose: opts.verbose,
            request_timeout: opts.request_timeout,
        };
        for warning in credentials::settle(&mut config, &settle).await? {
            crate::output::term::warning(warning);
        }
        if let Some(t) = opts.request_timeout {
            // The overall deadline below is what counts; this only stops a connect from
            // outliving it.
            config.connect_timeout = Some(t);
        }
        let client = kube::Client::try_from(config).map_err(|e| match &e {
            // Exec plugins run as the client is built; their failure is about credentials.
            kube::Error::Auth(auth) => Error::Credentials {
                context: loaded.identity.context.clone(),
                user: loaded.identity.user.clone(),
                detail: transport::describe_auth(auth),
            },
            _ => Error::Kubeconfig(format!(
                "cannot set up a client for context {:?}: {}",
                loaded.identity.context,
                crate::output::sanitize::sanitize(&e.to_string())
            )),
        })?;
        Ok(Cluster {
            client,
            identity: loaded.identity,
            request_timeout: opts.request_timeout,
        })
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// A warning on stderr (unless `-q`), through the terminal channel.
    pub(crate) fn warn(&self, message: &str) {
        crate::output::term::warning(message);
    }

    /// GETs `uri` (path and query) and returns the body of a 2xx answer, retrying as `policy`
    /// allows. Error statuses become [`Error`]s, except those `keep` accepts, which are handed
    /// back for the caller to judge (e.g. 410 for a list that can restart).
    ///
    /// `timeout` bounds the whole call, retries and their back-off included; a body larger
    /// than `max_body` bytes is an error, not a reason to keep reading.
    pub(crate) async fn get(
        &self,
        call: &ApiCall,
        uri: &str,
        policy: RetryPolicy,
        timeout: Option<Duration>,
        max_body: usize,
        keep: impl Fn(u16) -> bool,
    ) -> Result<RawResponse> {
        self.get_into(call, uri, policy, timeout, max_body, keep, Vec::new())
            .await
    }

    /// [`Cluster::get`], reading the body into `buf` (cleared first): a list reuses the same
    /// few page buffers instead of allocating and freeing megabytes a page, which leaves the
    /// allocator holding memory across threads.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn get_into(
        &self,
        call: &ApiCall,
        uri: &str,
        policy: RetryPolicy,
        timeout: Option<Duration>,
        max_body: usize,
        keep: impl Fn(u16) -> bool,
        mut buf: Vec<u8>,
    ) -> Result<RawResponse> {
        let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
        let left = || deadline.map(|d| d.saturating_duration_since(tokio::time::Instant::now()));
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            buf.clear();
            let outcome = self
                .attempt(uri, left(), max_body, std::mem::take(&mut buf))
                .await;
            let delay = match &outcome {
                Ok(resp) if (200..300).contains(&resp.status) || keep(resp.status) => None,
                Ok(resp) => policy.delay_for_status(attempt, resp.status, resp.retry_after),
                Err(AttemptError::Failed(Failure::Broken(_))) => policy.delay_for_broken(attempt),
                Err(_) => None,
            };
            // No retry that could not start before the deadline: the last failure is the answer.
            let delay = delay.filter(|d| left().is_none_or(|l| *d < l));
            if let Some(delay) = delay {
                self.warn(&format!(
                    "{} ({}); retrying in {}",
                    describe_outcome(&outcome),
                    call,
                    crate::duration::human_duration(delay)
                ));
                if let Ok(resp) = outcome {
                    buf = resp.body;
                }
                tokio::time::sleep(delay).await;
                continue;
            }
            return match outcome {
                Ok(resp) if (200..300).contains(&resp.status) || keep(resp.status) => Ok(resp),
                Ok(resp) => {
                    let status = ApiStatus::from_error_body(resp.status, &resp.body);
                    Err(status::error_for_status(
                        call,
                        &self.identity,
                        resp.status,
                        status,
                    ))
                }
                Err(AttemptError::TimedOut) => Err(Error::Timeout {
                    call: call.clone(),
                    after: timeout.unwrap_or_default(),
                }),
                Err(AttemptError::Failed(failure)) => Err(self.failure_error(call, failure)),
            };
        }
    }

    async fn attempt(
        &self,
        uri: &str,
        timeout: Option<Duration>,
        max_body: usize,
        buf: Vec<u8>,
    ) -> std::result::Result<RawResponse, AttemptError> {
        let request = http::Request::get(uri)
            .header(ACCEPT, "application/json")
            .header(
                USER_AGENT,
                concat!("kubelet-doctor/", env!("CARGO_PKG_VERSION")),
            )
            .body(kube::client::Body::empty())
            .map_err(|e| AttemptError::Failed(Failure::Broken(e.to_string())))?;
        let exchange = async {
            let response = self
                .client
                .send(request)
                .await
                .map_err(|e| transport::classify(&e))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let body = read_body(response.into_body(), buf, max_body).await?;
            Ok::<_, Failure>(RawResponse {
                status,
                retry_after,
                body,
            })
        };
        match timeout {
            Some(limit) => match tokio::time::timeout(limit, exchange).await {
                Ok(result) => result.map_err(AttemptError::Failed),
                Err(_) => Err(AttemptError::TimedOut),
            },
            None => exchange.await.map_err(AttemptError::Failed),
        }
    }

    fn failure_error(&self, call: &ApiCall, failure: Failure) -> Error {
        match failure {
            Failure::Connect(problem) => Error::Connect {
                call: call.clone(),
                server: self.identity.server.clone(),
                problem,
            },
            Failure::Credentials(detail) => Error::Credentials {
                context: self.identity.context.clone(),
                user: self.identity.user.clone(),
                detail,
            },
            Failure::Broken(detail) => Error::Transport {
                call: call.clone(),
                detail,
            },
            Failure::TooLarge(limit) => Error::TooLarge {
                call: call.clone(),
                limit,
            },
        }
    }

    /// GETs one object and decodes it, with the read retry policy and `--request-timeout`.
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        call: &ApiCall,
        uri: &str,
    ) -> Result<T> {
        let response = self
            .get(
                call,
                uri,
                RetryPolicy::READ,
                self.request_timeout,
                MAX_BODY,
                |_| false,
            )
            .await?;
        serde_json::from_slice(&response.body).map_err(|e| Error::Decode {
            call: call.clone(),
            detail: e.to_string(),
        })
    }

    pub(crate) fn request_timeout(&self) -> Option<Duration> {
        self.request_timeout
    }
}

/// Reads a response body into `buf`, refusing more than `max_body` bytes.
async fn read_body(
    mut body: kube::client::Body,
    mut buf: Vec<u8>,
    max_body: usize,
) -> std::result::Result<Vec<u8>, Failure> {
    use http_body_util::BodyExt;

    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| match transport::classify(&e) {
            // Once headers arrived, any failure is the connection breaking mid-body.
            Failure::Connect(_) => Failure::Broken(e.to_string()),
            other => other,
        })?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > max_body {
                return Err(Failure::TooLarge(max_body));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(buf)
}

/// The largest response body read from the API server: a page of 500 objects is a few MB; far
/// more is a broken or hostile server, and must not exhaust the node's memory.
pub(crate) const MAX_BODY: usize = 256 << 20;

/// The largest body read from a kubelet through the node proxy: healthz is a few hundred
/// bytes, configz a few KiB.
pub(crate) const MAX_PROXY_BODY: usize = 4 << 20;

/// The largest `/stats/summary` read through the node proxy: a node with 110 pods answers
/// 100-200 KB, one with hundreds of pods and volumes a few MB.
pub(crate) const MAX_SUMMARY_BODY: usize = 16 << 20;

fn describe_outcome(outcome: &std::result::Result<RawResponse, AttemptError>) -> String {
    match outcome {
        Ok(resp) => {
            let status = ApiStatus::from_error_body(resp.status, &resp.body);
            let reason = if status.reason.is_empty() {
                String::new()
            } else {
                format!(" {}", status.reason)
            };
            format!(
                "the API server answered {}{}",
                resp.status,
                crate::output::sanitize::sanitize(&reason)
            )
        }
        Err(AttemptError::Failed(Failure::Broken(detail))) => {
            format!(
                "the connection broke: {}",
                crate::output::sanitize::sanitize(detail)
            )
        }
        Err(_) => "the request failed".to_string(),
    }
}
