// List pages like the etcd3 storage layer cuts them: items in key order, selectors applied
// before `limit`, opaque continue tokens (base64 of {"v","rv","start"}), remainingItemCount
// only when no selector is set, and 410 Expired for tokens older than a compaction.

use std::sync::Arc;

use super::resources::ResourceDef;
use super::selectors::{FieldSelector, LabelSelector};
use super::state::{Cluster, Snapshot, StoredObject};
use super::util::{base64_raw_url, base64_raw_url_decode};

pub struct ListOptions {
    pub limit: Option<usize>,
    pub continue_token: Option<String>,
    pub labels: LabelSelector,
    pub fields: FieldSelector,
}

pub struct Page {
    pub items: Vec<Arc<StoredObject>>,
    pub resource_version: u64,
    pub continue_token: Option<String>,
    pub remaining: Option<u64>,
}

pub enum ListError {
    BadRequest(String),
    /// 410; carries the token that resumes at the latest resourceVersion.
    Expired(Option<String>),
}

/// `storage.EncodeContinue`: `start` is the key (relative to the listed prefix) to resume at.
pub fn encode_continue(rv: i64, start: &str) -> String {
    let start = serde_json::to_string(start).expect("a string always serialises");
    base64_raw_url(format!("{{\"v\":\"meta.k8s.io/v1\",\"rv\":{rv},\"start\":{start}}}").as_bytes())
}

/// `storage.DecodeContinue`, with its error texts.
pub fn decode_continue(token: &str) -> Result<(i64, String), String> {
    const INVALID: &str = "continue key is not valid";
    let data = base64_raw_url_decode(token).map_err(|e| format!("{INVALID}: {e}"))?;
    let v: serde_json::Value =
        serde_json::from_slice(&data).map_err(|e| format!("{INVALID}: {e}"))?;
    let version = v.get("v").and_then(|x| x.as_str()).unwrap_or("");
    if version != "meta.k8s.io/v1" {
        return Err(format!(
            "server does not recognize this encoded version {version}"
        ));
    }
    let rv = v.get("rv").and_then(|x| x.as_i64()).unwrap_or(0);
    if rv == 0 {
        return Err(format!(
            "{INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"
        ));
    }
    let start = v.get("start").and_then(|x| x.as_str()).unwrap_or("");
    if start.is_empty() {
        return Err(format!(
            "{INVALID}: encoded start key empty (version meta.k8s.io/v1)"
        ));
    }
    if start.split('/').any(|p| p == ".." || p == ".") || start.starts_with('/') {
        return Err(format!("{INVALID}: {start}"));
    }
    Ok((rv, start.to_string()))
}

/// What a list request needs from the cluster, taken under the lock and used without it.
pub struct ListSource {
    pub objects: Snapshot,
    pub resource_version: u64,
    pub compacted: u64,
}

impl ListSource {
    pub fn of(cluster: &Cluster, def: &ResourceDef) -> ListSource {
        ListSource {
            objects: cluster.snapshot(def),
            resource_version: cluster.resource_version(),
            compacted: cluster.compacted(),
        }
    }
}

/// Selects one page of `def` objects (in `namespace`, or all).
pub fn select(
    src: &ListSource,
    def: &ResourceDef,
    namespace: Option<&str>,
    opts: &ListOptions,
) -> Result<Page, ListError> {
    let prefix = match (def.namespaced, namespace) {
        (true, Some(ns)) => format!("{ns}/"),
        _ => String::new(),
    };
    let (list_rv, start) = match &opts.continue_token {
        Some(tok) => {
            let (rv, start) = decode_continue(tok)
                .map_err(|e| ListError::BadRequest(format!("invalid continue token: {e}")))?;
            if rv != -1 && (rv as u64) <= src.compacted {
                return Err(ListError::Expired(Some(encode_continue(-1, &start))));
            }
            (
                if rv == -1 {
                    src.resource_version
                } else {
                    rv as u64
                },
                Some(start),
            )
        }
        None => (src.resource_version, None),
    };
    let all = &src.objects[..];
    // The keys under `prefix` form one contiguous run of the sorted snapshot.
    let lo = all.partition_point(|(k, _)| k.as_str() < prefix.as_str());
    let hi = lo + all[lo..].partition_point(|(k, _)| k.starts_with(&prefix));
    let from = format!("{prefix}{}", start.as_deref().unwrap_or(""));
    let begin = lo + all[lo..hi].partition_point(|(k, _)| k.as_str() < from.as_str());
    let unfiltered = opts.labels.is_empty() && opts.fields.is_empty();
    let limit = opts.limit.filter(|&l| l > 0);
    let mut items = Vec::new();
    let mut last = None;
    for (i, (_, obj)) in all[begin..hi].iter().enumerate() {
        let keep = (opts.labels.is_empty() || opts.labels.matches(obj.label_pairs()))
            && (opts.fields.is_empty() || opts.fields.matches(obj.field_pairs()));
        if keep {
            items.push(obj.clone());
            last = Some(begin + i);
            if limit.is_some_and(|l| items.len() >= l) {
                break;
            }
        }
    }
    let mut continue_token = None;
    let mut remaining = None;
    if let (Some(l), Some(last)) = (limit, last)
        && items.len() >= l
    {
        // Like etcd's `more` flag: any key left, matching or not, means another page.
        let rest = (hi - last - 1) as u64;
        if rest > 0 {
            let rel = &all[last].0[prefix.len()..];
            continue_token = Some(encode_continue(list_rv as i64, &format!("{rel}\u{0}")));
            if unfiltered {
                remaining = Some(rest);
            }
        }
    }
    Ok(Page {
        items,
        resource_version: list_rv,
        continue_token,
        remaining,
    })
}
