//! GET on a kubelet endpoint through the API server's node proxy
//! (`/api/v1/nodes/{name}/proxy/{path}`), for healthz, configz and stats.
//!
//! One attempt with its own deadline and no retry: the answer, or the lack of one, is the
//! measurement. Whatever status comes back is returned for the caller to judge, except 401 and
//! 403, which are about us, not the kubelet (403 means `get nodes/proxy` is missing).

use std::time::{Duration, Instant};

use super::Cluster;
use super::query::name_segment;
use super::retry::RetryPolicy;
use super::status::ApiStatus;
use crate::error::{ApiCall, Result};

/// The kubelet's (or the proxy's) answer.
#[derive(Debug)]
pub struct ProxyResponse {
    pub status: u16,
    pub body: Vec<u8>,
    /// Set when the body is a `Status`: the API server speaking (node not found, kubelet
    /// unreachable), not the kubelet.
    pub api_status: Option<ApiStatus>,
    pub latency: Duration,
}

impl Cluster {
    /// GETs `path` (which may carry a query, e.g. `healthz?verbose`) from `node`'s kubelet.
    pub async fn node_proxy_get(
        &self,
        node: &str,
        path: &str,
        timeout: Duration,
    ) -> Result<ProxyResponse> {
        self.node_proxy_get_capped(node, path, timeout, super::MAX_PROXY_BODY)
            .await
    }

    /// [`Cluster::node_proxy_get`] with another body cap (the stats summary of a full node is
    /// larger than a healthz or configz answer).
    pub async fn node_proxy_get_capped(
        &self,
        node: &str,
        path: &str,
        timeout: Duration,
        max_body: usize,
    ) -> Result<ProxyResponse> {
        let call = ApiCall::get("nodes/proxy", "", None, node);
        let uri = format!(
            "/api/v1/nodes/{}/proxy/{}",
            name_segment("node", node)?,
            path.trim_start_matches('/')
        );
        let started = Instant::now();
        let response = self
            .get(
                &call,
                &uri,
                RetryPolicy::NEVER,
                Some(timeout),
                max_body,
                |s| s != 401 && s != 403,
            )
            .await?;
        let api_status = if (200..300).contains(&response.status) {
            None
        } else {
            ApiStatus::parse(&response.body)
        };
        Ok(ProxyResponse {
            status: response.status,
            body: response.body,
            api_status,
            latency: started.elapsed(),
        })
    }
}
