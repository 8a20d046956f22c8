// What a request is about, parsed from its path the way k8s.io/apiserver's RequestInfoFactory
// does: verb, API group/version, namespace, resource, name and subresource. Routing, the
// authorizer-style Forbidden messages and fault matching all use it.

use super::util::{parse_query, url_decode};

#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    pub path: String,
    pub query: Vec<(String, String)>,
    pub resource_request: bool,
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
    pub verb: String,
    pub group: String,
    pub version: String,
    pub namespace: Option<String>,
    pub resource: String,
    pub name: Option<String>,
    pub subresource: Option<String>,
    /// Path after the subresource (`/healthz` for `.../nodes/n/proxy/healthz`).
    pub rest: String,
}

impl RequestInfo {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn parse(method: &str, path: &str, raw_query: Option<&str>) -> RequestInfo {
        let query = raw_query.map(parse_query).unwrap_or_default();
        let mut info = RequestInfo {
            path: path.to_string(),
            query,
            ..Default::default()
        };
        let verb = match method {
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "get",
        };
        info.verb = verb.to_string();
        let trailing_slash = path.ends_with('/') && path.len() > 1;
        let parts: Vec<String> = path.trim_matches('/').split('/').map(url_decode).collect();
        let mut cur: &[String] = &parts;
        match cur.first().map(String::as_str) {
            Some("api") if cur.len() >= 3 => {
                info.version = cur[1].clone();
                cur = &cur[2..];
            }
            Some("apis") if cur.len() >= 4 => {
                info.group = cur[1].clone();
                info.version = cur[2].clone();
                cur = &cur[3..];
            }
            _ => return info,
        }
        info.resource_request = true;
        if cur[0] == "namespaces" && cur.len() > 1 {
            info.namespace = Some(cur[1].clone());
            if cur.len() > 2 {
                cur = &cur[2..];
            }
        }
        info.resource = cur[0].clone();
        if cur.len() >= 2 {
            info.name = Some(cur[1].clone());
        }
        if cur.len() >= 3 {
            info.subresource = Some(cur[2].clone());
        }
        if cur.len() >= 4 {
            info.rest = format!("/{}", cur[3..].join("/"));
            if trailing_slash {
                info.rest.push('/');
            }
        }
        if info.name.is_none() && method == "GET" {
            let watch = info.param("watch").is_some_and(|v| v == "true" || v == "1");
            info.verb = if watch { "watch" } else { "list" }.into();
        } else if info.name.is_none() && method == "DELETE" {
            info.verb = "deletecollection".into();
        }
        info
    }
}
