//! Paginated listing: pages of `limit` objects are handed to the caller in order, and the next
//! page is fetched (on another runtime thread) while the caller decodes and writes this one, so
//! a list costs little more than fetching it. At most one page is fetched ahead, so memory holds
//! two pages whatever the cluster's size. Items are decoded one at a time from the page's bytes,
//! so a page is never held twice (raw and parsed).
//!
//! A `410 Expired` continue token (the list took longer than the server keeps snapshots)
//! restarts the list once from the beginning; objects already handed out are skipped by uid,
//! so a streamed dump never shows a node twice.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use tokio::task::JoinHandle;

use super::query::push_param;
use super::retry::RetryPolicy;
use super::{Cluster, RawResponse};
use crate::error::{ApiCall, Error, Result};

/// What to list.
pub struct ListSpec<'a> {
    pub call: ApiCall,
    /// Collection path, e.g. `/api/v1/nodes`.
    pub path: String,
    pub label_selector: Option<&'a str>,
    pub field_selector: Option<&'a str>,
    /// Page size (`limit`).
    pub limit: u32,
}

impl<'a> ListSpec<'a> {
    /// All nodes, or those matching a label selector, `limit` a page.
    pub fn nodes(label_selector: Option<&'a str>, limit: u32) -> ListSpec<'a> {
        ListSpec {
            call: ApiCall::list("nodes", "", None),
            path: "/api/v1/nodes".to_string(),
            label_selector,
            field_selector: None,
            limit,
        }
    }
}

/// An object in a list page; the uid lets a restarted list skip what was already seen.
pub trait ListItem: DeserializeOwned {
    fn uid(&self) -> Option<&str>;
}

impl ListItem for serde_json::Value {
    fn uid(&self) -> Option<&str> {
        self.get("metadata")?.get("uid")?.as_str()
    }
}

/// What [`Cluster::list_each`] hands its caller.
pub enum ListEvent<T> {
    Item(T),
    /// The page is done; the next one is fetched after this returns.
    PageEnd,
}

/// Counts from one complete listing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListStats {
    pub pages: u32,
    pub items: u64,
    pub restarted: bool,
}

/// A page whose items stay unparsed slices of the response body until they are needed.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(default)]
    metadata: PageMeta,
    #[serde(default, borrow)]
    items: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PageMeta {
    #[serde(rename = "continue")]
    continue_token: Option<String>,
}

impl Cluster {
    /// Lists every object matching `spec`, calling `on_page` with each page's items in order.
    pub async fn list_pages<T: ListItem>(
        &self,
        spec: &ListSpec<'_>,
        mut on_page: impl FnMut(Vec<T>) -> Result<()>,
    ) -> Result<ListStats> {
        let mut page = Vec::new();
        self.list_each(spec, |event| match event {
            ListEvent::Item(item) => {
                page.push(item);
                Ok(())
            }
            ListEvent::PageEnd => on_page(std::mem::take(&mut page)),
        })
        .await
    }

    /// Lists every object matching `spec`, calling `on_event` with each object in order and
    /// after each page (a good moment to flush output).
    pub async fn list_each<T: ListItem>(
        &self,
        spec: &ListSpec<'_>,
        mut on_event: impl FnMut(ListEvent<T>) -> Result<()>,
    ) -> Result<ListStats> {
        let mut stats = ListStats::default();
        let hasher = RandomState::new();
        let mut seen: HashSet<u64> = HashSet::new();
        let decode_error = |e: serde_json::Error| Error::Decode {
            call: spec.call.clone(),
            detail: e.to_string(),
        };
        // Page buffers go back here once a page is handled, for the next fetch to fill.
        let pool = BufferPool::default();
        let mut pending = self.fetch_page(spec, None, false, &pool);
        loop {
            let response = pending.response().await?;
            if response.status == 410 {
                self.warn(&format!(
                    "the API server expired the list's continue token ({}); restarting the list once, \
                     skipping the {} already shown",
                    spec.call,
                    match stats.items {
                        1 => "1 object".to_string(),
                        n => format!("{n} objects"),
                    }
                ));
                stats.restarted = true;
                pending = self.fetch_page(spec, None, false, &pool);
                continue;
            }
            let page: Page<'_> = serde_json::from_slice(&response.body).map_err(decode_error)?;
            stats.pages += 1;
            // Ask for the next page now; it arrives while this one is decoded and written.
            // A 410 on it is kept (not an error) unless the list has already restarted once.
            let next = page
                .metadata
                .continue_token
                .filter(|t| !t.is_empty())
                .map(|token| self.fetch_page(spec, Some(token), !stats.restarted, &pool));
            for raw in page.items.unwrap_or_default() {
                let item: T = serde_json::from_str(raw.get()).map_err(decode_error)?;
                // A 64-bit hash per object, not its uid: 8 bytes an object even at 150,000 pods.
                if let Some(uid) = item.uid() {
                    let fresh = seen.insert(hasher.hash_one(uid));
                    if !fresh && stats.restarted {
                        continue;
                    }
                }
                stats.items += 1;
                on_event(ListEvent::Item(item))?;
            }
            on_event(ListEvent::PageEnd)?;
            pool.put(response.body);
            match next {
                Some(fetch) => pending = fetch,
                None => return Ok(stats),
            }
        }
    }

    /// Starts fetching one page in its own task. `keep_expired`: hand a 410 back instead of
    /// failing, so the caller can restart the list.
    fn fetch_page(
        &self,
        spec: &ListSpec<'_>,
        continue_token: Option<String>,
        keep_expired: bool,
        pool: &BufferPool,
    ) -> PageFetch {
        let cluster = self.clone();
        let call = spec.call.clone();
        let uri = page_uri(spec, continue_token.as_deref());
        let timeout = self.request_timeout();
        let buf = pool.take();
        PageFetch(tokio::spawn(async move {
            let keep = move |s| keep_expired && s == 410;
            cluster
                .get_into(&call, &uri, RetryPolicy::READ, timeout, keep, buf)
                .await
        }))
    }
}

/// At most two page buffers (the page being handled and the one being fetched) live for the
/// whole list and are refilled, so a long list does not churn megabyte allocations.
#[derive(Default)]
struct BufferPool(std::sync::Mutex<Vec<Vec<u8>>>);

impl BufferPool {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut free| free.pop().unwrap_or_default())
            .unwrap_or_default()
    }

    fn put(&self, buf: Vec<u8>) {
        if let Ok(mut free) = self.0.lock() {
            free.push(buf);
        }
    }
}

/// A page being fetched. Dropping it (the caller failed, the pipe closed, Ctrl-C) cancels the
/// request, so nothing outlives the list.
struct PageFetch(JoinHandle<Result<RawResponse>>);

impl PageFetch {
    async fn response(&mut self) -> Result<RawResponse> {
        match (&mut self.0).await {
            Ok(result) => result,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            // Only cancelled when the runtime shuts down, which is an interruption.
            Err(_) => Err(Error::Interrupted),
        }
    }
}

impl Drop for PageFetch {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn page_uri(spec: &ListSpec<'_>, continue_token: Option<&str>) -> String {
    let mut uri = spec.path.clone();
    push_param(&mut uri, "limit", &spec.limit.to_string());
    if let Some(token) = continue_token {
        push_param(&mut uri, "continue", token);
    }
    if let Some(selector) = spec.label_selector.filter(|s| !s.is_empty()) {
        push_param(&mut uri, "labelSelector", selector);
    }
    if let Some(selector) = spec.field_selector.filter(|s| !s.is_empty()) {
        push_param(&mut uri, "fieldSelector", selector);
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_uri_carries_every_parameter() {
        let spec = ListSpec {
            call: ApiCall::list("pods", "", None),
            path: "/api/v1/pods".into(),
            label_selector: Some("app=web"),
            field_selector: Some("spec.nodeName=n1"),
            limit: 500,
        };
        assert_eq!(
            page_uri(&spec, Some("abc=")),
            "/api/v1/pods?limit=500&continue=abc%3D&labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1"
        );
    }

    #[test]
    fn pages_tolerate_null_items_and_missing_metadata() {
        let page: Page<'_> = serde_json::from_str(r#"{"items":null}"#).unwrap();
        assert!(page.items.is_none());
        assert!(page.metadata.continue_token.is_none());
    }
}
