//! Paginated listing: pages of `limit` objects are handed to the caller in order, and the next
//! page is fetched (on another runtime thread) while the caller decodes and writes this one, so
//! a list costs little more than fetching it. At most one page is fetched ahead, so memory holds
//! two pages whatever the cluster's size. A page is decoded in one pass: the continue token is
//! read first (the API server writes `metadata` before `items`), which starts the next fetch,
//! and each item is decoded straight from the body and handed out before the next is read.
//!
//! A `410 Expired` continue token (the list took longer than the server keeps snapshots)
//! restarts the list once from the beginning; objects already handed out are skipped by uid,
//! so a streamed dump never shows a node twice.

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

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

    /// `resource` (`pods`, `events`) in `scope`'s namespace, or every namespace.
    pub fn in_scope(
        scope: &'a PodScope,
        resource: &str,
        label_selector: Option<&'a str>,
        field_selector: Option<&'a str>,
    ) -> ListSpec<'a> {
        let namespace = scope.namespace.as_deref();
        ListSpec {
            call: ApiCall::list(resource, "", namespace),
            path: match namespace {
                Some(ns) => format!(
                    "/api/v1/namespaces/{}/{resource}",
                    super::query::encode_segment(ns)
                ),
                None => format!("/api/v1/{resource}"),
            },
            label_selector,
            field_selector,
            limit: scope.chunk_size,
        }
    }

    pub fn decode_error(&self, e: serde_json::Error) -> Error {
        Error::Decode {
            call: self.call.clone(),
            detail: e.to_string(),
        }
    }
}

/// Which pods a command looks at (`images`, `probes`): `-n`/`-A`, `-l`, `--node`, and the
/// page size. Serialized as the JSON reports' `scope`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PodScope {
    /// `None`: every namespace.
    pub namespace: Option<String>,
    pub selector: Option<String>,
    pub node: Option<String>,
    #[serde(skip)]
    pub chunk_size: u32,
}

impl PodScope {
    /// `--node` as the pods list's field selector.
    pub fn node_selector(&self) -> Option<String> {
        self.node.as_ref().map(|n| format!("spec.nodeName={n}"))
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

impl<T: ListItem> ListItem for Box<T> {
    fn uid(&self) -> Option<&str> {
        (**self).uid()
    }
}

/// An item that is `None` when it does not decode as `T`, instead of failing its page: one
/// broken object (a field of the wrong type) must not hide the others.
pub struct Lenient<T>(pub Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(Lenient(serde_json::from_str(raw.get()).ok()))
    }
}

impl<T: ListItem> ListItem for Lenient<T> {
    fn uid(&self) -> Option<&str> {
        self.0.as_ref()?.uid()
    }
}

/// The name and uid of an object that did not decode as its type (a field of the wrong type,
/// a malformed time): enough to report it as that object's problem and to skip it on a list
/// restart. Missing or unreadable, they are `None`.
pub fn name_and_uid(json: &str) -> (Option<String>, Option<String>) {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Meta {
        name: Option<String>,
        uid: Option<String>,
    }
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Named {
        metadata: Meta,
    }
    let named: Named = serde_json::from_str(json).unwrap_or_default();
    (named.metadata.name, named.metadata.uid)
}

/// How the items of a list are decoded, for items that borrow from the page's body (a
/// [`ListItem`] owns its data and is decoded through [`Owned`]).
pub trait ItemKind {
    type Item<'de>: Deserialize<'de>;
    fn uid<'a>(item: &'a Self::Item<'_>) -> Option<&'a str>;
}

/// The [`ItemKind`] of an owned [`ListItem`].
pub struct Owned<T>(PhantomData<T>);

impl<T: ListItem> ItemKind for Owned<T> {
    type Item<'de> = T;
    fn uid(item: &T) -> Option<&str> {
        item.uid()
    }
}

/// What [`Cluster::list_each`] and [`Cluster::list_stream`] hand their caller.
pub enum ListEvent<T> {
    Item(T),
    /// The page is done; the next one is fetched after this returns.
    PageEnd,
}

/// Admits each object of a list once. After a restart, objects already handed out are
/// skipped by uid; a 64-bit hash per object is kept, not its uid: 8 bytes an object even at
/// 150,000 pods.
#[derive(Default)]
struct Seen {
    hasher: RandomState,
    uids: HashSet<u64>,
    restarted: bool,
    items: u64,
}

impl Seen {
    /// Whether the object with this uid is to be handed out (and counts it if so).
    fn admit(&mut self, uid: Option<&str>) -> bool {
        if let Some(uid) = uid {
            let fresh = self.uids.insert(self.hasher.hash_one(uid));
            if !fresh && self.restarted {
                return false;
            }
        }
        self.items += 1;
        true
    }
}

/// Counts from one complete listing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListStats {
    pub pages: u32,
    pub items: u64,
    pub restarted: bool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PageMeta {
    #[serde(rename = "continue")]
    continue_token: Option<String>,
    /// How many objects the list still holds after this page (only sent without selectors).
    remaining_item_count: Option<u64>,
}

/// The most pages one list may take when the server does not say how many are left: 50
/// million objects at the default page size, hundreds of times the largest clusters.
pub const MAX_PAGES: u64 = 100_000;

/// Stops a list that would never end: a broken or hostile server that repeats a continue
/// token, or hands out new ones forever.
#[derive(Default)]
struct PageGuard {
    hasher: RandomState,
    tokens: HashSet<u64>,
    pages: u64,
    /// Set by `remainingItemCount`: a continued list reads one snapshot, so the count is
    /// exact, and with no selector every page but the last is full.
    allowed: Option<u64>,
}

impl PageGuard {
    /// Checks the metadata of one more page; `Err` says why the list must stop.
    fn page(&mut self, meta: &PageMeta, limit: u32) -> std::result::Result<(), String> {
        self.pages += 1;
        if let Some(remaining) = meta.remaining_item_count {
            let more = remaining.div_ceil(u64::from(limit.max(1)));
            // One page of slack for an off-by-one in the server's count. A later page may not
            // raise the bound: the count only goes down as the list proceeds.
            let bound = self.pages + more + 1;
            self.allowed = Some(self.allowed.map_or(bound, |a| a.min(bound)));
        }
        let Some(token) = meta.continue_token.as_deref().filter(|t| !t.is_empty()) else {
            return Ok(());
        };
        if !self.tokens.insert(self.hasher.hash_one(token)) {
            return Err(format!(
                "the API server sent the same continue token twice (page {}), so the list would never end",
                self.pages
            ));
        }
        let limit_pages = self.allowed.unwrap_or(MAX_PAGES).min(MAX_PAGES);
        if self.pages >= limit_pages {
            return Err(match self.allowed {
                Some(_) => format!(
                    "the API server asked for page {} after saying fewer objects were left",
                    self.pages + 1
                ),
                None => format!("the list went past {MAX_PAGES} pages"),
            });
        }
        Ok(())
    }
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
        on_event: impl FnMut(ListEvent<T>) -> Result<()>,
    ) -> Result<ListStats> {
        self.list_stream::<Owned<T>>(spec, on_event).await
    }

    /// Like [`Cluster::list_each`], for items that borrow from the page's body: each lives
    /// until `on_event` returns.
    pub async fn list_stream<K: ItemKind>(
        &self,
        spec: &ListSpec<'_>,
        mut on_event: impl for<'p> FnMut(ListEvent<K::Item<'p>>) -> Result<()>,
    ) -> Result<ListStats> {
        let mut stats = ListStats::default();
        let mut seen = Seen::default();
        let mut guard = PageGuard::default();
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
                    match seen.items {
                        1 => "1 object".to_string(),
                        n => format!("{n} objects"),
                    }
                ));
                stats.restarted = true;
                seen.restarted = true;
                guard = PageGuard::default();
                pending = self.fetch_page(spec, None, false, &pool);
                continue;
            }
            stats.pages += 1;
            let mut next = None;
            // Ask for the next page as soon as its token is read; it arrives while this one
            // is decoded and written. A 410 on it is kept (not an error) unless the list has
            // already restarted once. A page whose token shows the list would never end is
            // not shown at all.
            let mut on_meta = |meta: PageMeta| {
                guard
                    .page(&meta, spec.limit)
                    .map_err(|detail| Error::EndlessList {
                        call: spec.call.clone(),
                        detail,
                    })?;
                if let Some(token) = meta.continue_token.filter(|t| !t.is_empty()) {
                    next = Some(self.fetch_page(spec, Some(token), !stats.restarted, &pool));
                }
                Ok(())
            };
            let mut on_item = |item: K::Item<'_>| {
                if seen.admit(K::uid(&item)) {
                    on_event(ListEvent::Item(item))
                } else {
                    Ok(())
                }
            };
            stream_page::<K>(&response.body, &mut on_meta, &mut on_item)
                .map_err(|e| e.into_error(spec))?;
            on_event(ListEvent::PageEnd)?;
            pool.put(response.body);
            stats.items = seen.items;
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
                .get_into(
                    &call,
                    &uri,
                    RetryPolicy::READ,
                    timeout,
                    super::MAX_BODY,
                    keep,
                    buf,
                )
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

/// Why a page could not be streamed: it is not a list page, or the caller stopped.
pub(crate) enum PageError {
    Decode(serde_json::Error),
    Caller(Error),
}

impl PageError {
    fn into_error(self, spec: &ListSpec<'_>) -> Error {
        match self {
            PageError::Decode(e) => spec.decode_error(e),
            PageError::Caller(e) => e,
        }
    }
}

type OnMeta<'a> = &'a mut dyn FnMut(PageMeta) -> Result<()>;
type OnItem<'a, 'de, K> = &'a mut dyn FnMut(<K as ItemKind>::Item<'de>) -> Result<()>;

/// Decodes one list page from `body`: `on_meta` with its list metadata (the continue token),
/// `on_item` with each item in order.
pub(crate) fn stream_page<'de, K: ItemKind>(
    body: &'de [u8],
    on_meta: OnMeta<'_>,
    on_item: OnItem<'_, 'de, K>,
) -> std::result::Result<(), PageError> {
    let mut stopped = None;
    let mut de = serde_json::Deserializer::from_slice(body);
    let visitor = PageVisitor::<K> {
        on_meta,
        on_item,
        stopped: &mut stopped,
    };
    let parsed = de::Deserializer::deserialize_map(&mut de, visitor).and_then(|()| de.end());
    match (parsed, stopped) {
        (_, Some(e)) => Err(PageError::Caller(e)),
        (Err(e), None) => Err(PageError::Decode(e)),
        (Ok(()), None) => Ok(()),
    }
}

struct PageVisitor<'a, 'de, K: ItemKind> {
    on_meta: OnMeta<'a>,
    on_item: OnItem<'a, 'de, K>,
    /// The caller's error, when it stopped the page (the parser only sees "stopped").
    stopped: &'a mut Option<Error>,
}

impl<'de, K: ItemKind> Visitor<'de> for PageVisitor<'_, 'de, K> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list page (an object with items)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "metadata" => {
                    let meta: Option<PageMeta> = map.next_value()?;
                    if let Err(e) = (self.on_meta)(meta.unwrap_or_default()) {
                        *self.stopped = Some(e);
                        return Err(de::Error::custom("stopped by the caller"));
                    }
                }
                "items" => map.next_value_seed(ItemsSeed::<K> {
                    on_item: &mut *self.on_item,
                    stopped: &mut *self.stopped,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ItemsSeed<'a, 'de, K: ItemKind> {
    on_item: OnItem<'a, 'de, K>,
    stopped: &'a mut Option<Error>,
}

impl<'de, K: ItemKind> DeserializeSeed<'de> for ItemsSeed<'_, 'de, K> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, K: ItemKind> Visitor<'de> for ItemsSeed<'_, 'de, K> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of items")
    }

    /// `"items": null` is what the API server sends for an empty list in some versions.
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(item) = seq.next_element::<K::Item<'de>>()? {
            if let Err(e) = (self.on_item)(item) {
                *self.stopped = Some(e);
                return Err(de::Error::custom("stopped by the caller"));
            }
        }
        Ok(())
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
    fn a_lenient_item_that_does_not_decode_is_none_and_the_rest_stand() {
        #[derive(serde::Deserialize)]
        struct Small {
            metadata: Meta,
            n: u32,
        }
        #[derive(serde::Deserialize)]
        struct Meta {
            uid: String,
        }
        impl ListItem for Small {
            fn uid(&self) -> Option<&str> {
                Some(&self.metadata.uid)
            }
        }
        let items: Vec<Lenient<Small>> = serde_json::from_str(
            r#"[{"metadata": {"uid": "a"}, "n": 1}, {"metadata": {"uid": "b"}, "n": "two"}]"#,
        )
        .unwrap();
        assert_eq!(items[0].0.as_ref().map(|s| s.n), Some(1));
        assert_eq!(items[0].uid(), Some("a"));
        assert!(items[1].0.is_none());
        assert_eq!(items[1].uid(), None);
    }

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

    /// Streams `body` as a page of JSON values; returns the tokens and items seen.
    fn stream(
        body: &str,
        stop_at: Option<usize>,
    ) -> (
        Vec<String>,
        Vec<serde_json::Value>,
        std::result::Result<(), PageError>,
    ) {
        let mut tokens = Vec::new();
        let mut items = Vec::new();
        let result = stream_page::<Owned<serde_json::Value>>(
            body.as_bytes(),
            &mut |m| {
                tokens.extend(m.continue_token);
                Ok(())
            },
            &mut |item| {
                if stop_at == Some(items.len()) {
                    return Err(Error::Interrupted);
                }
                items.push(item);
                Ok(())
            },
        );
        (tokens, items, result)
    }

    #[test]
    fn pages_tolerate_null_items_and_missing_metadata() {
        for body in [r#"{"items":null}"#, r#"{"metadata":null}"#, "{}"] {
            let (tokens, items, result) = stream(body, None);
            assert!(
                tokens.is_empty() && items.is_empty() && result.is_ok(),
                "{body}"
            );
        }
    }

    #[test]
    fn token_and_items_in_order_whatever_the_key_order() {
        let body = r#"{"kind":"NodeList","metadata":{"continue":"t1","resourceVersion":"9"},
                       "items":[{"a":1},{"b":[2]}],"extra":{"x":[1,2]}}"#;
        let (tokens, items, result) = stream(body, None);
        assert!(result.is_ok());
        assert_eq!(tokens, ["t1"]);
        assert_eq!(
            items,
            [serde_json::json!({"a":1}), serde_json::json!({"b":[2]})]
        );

        let (tokens, items, _) = stream(r#"{"items":[1],"metadata":{"continue":"late"}}"#, None);
        assert_eq!(
            (tokens.as_slice(), items.len()),
            (["late".to_string()].as_slice(), 1)
        );
    }

    #[test]
    fn a_caller_error_stops_the_page_and_is_returned_as_is() {
        let (_, items, result) = stream(r#"{"items":[1,2,3]}"#, Some(1));
        assert_eq!(items.len(), 1);
        assert!(matches!(result, Err(PageError::Caller(Error::Interrupted))));
    }

    fn meta(token: &str, remaining: Option<u64>) -> PageMeta {
        PageMeta {
            continue_token: Some(token.to_string()),
            remaining_item_count: remaining,
        }
    }

    #[test]
    fn a_repeated_continue_token_stops_the_list() {
        let mut guard = PageGuard::default();
        assert!(guard.page(&meta("a", None), 500).is_ok());
        assert!(guard.page(&meta("b", None), 500).is_ok());
        let err = guard.page(&meta("a", None), 500).unwrap_err();
        assert!(err.contains("same continue token twice (page 3)"), "{err}");
    }

    #[test]
    fn remaining_item_count_bounds_the_pages() {
        // 1,200 objects left at 500 a page: 3 more pages, plus one of slack; a later page
        // claiming more does not extend that.
        let mut guard = PageGuard::default();
        assert!(guard.page(&meta("t1", Some(1200)), 500).is_ok());
        assert!(guard.page(&meta("t2", Some(5000)), 500).is_ok());
        for t in ["t3", "t4"] {
            assert!(guard.page(&meta(t, None), 500).is_ok(), "{t}");
        }
        let err = guard.page(&meta("t5", None), 500).unwrap_err();
        assert!(
            err.contains("page 6 after saying fewer objects were left"),
            "{err}"
        );
        // The last page carries no token and always passes.
        let mut guard = PageGuard::default();
        assert!(guard.page(&meta("t1", Some(0)), 500).is_ok());
        assert!(guard.page(&PageMeta::default(), 500).is_ok());
    }

    #[test]
    fn without_a_count_the_documented_maximum_applies() {
        let mut guard = PageGuard {
            pages: MAX_PAGES - 2,
            ..PageGuard::default()
        };
        assert!(guard.page(&meta("x", None), 500).is_ok());
        let err = guard.page(&meta("y", None), 500).unwrap_err();
        assert!(err.contains("past 100000 pages"), "{err}");
    }

    #[test]
    fn malformed_pages_are_decode_errors() {
        for body in [
            r#"{"items":{}}"#,
            r#"[1]"#,
            r#"{"items":[1,"#,
            r#"{"items":[]} x"#,
        ] {
            let (_, _, result) = stream(body, None);
            assert!(matches!(result, Err(PageError::Decode(_))), "{body}");
        }
    }
}
