// Discovery documents: /version, legacy discovery (/api, /apis, /api/v1, /apis/G/V) for
// clients like kube-rs, and aggregated discovery (apidiscovery.k8s.io/v2) that kubectl asks for
// first. All generated from the resource table so they cannot disagree with what is served.

use super::json::{J, arr, obj};
use super::resources::{self, ResourceDef};

pub const AGGREGATED_CONTENT_TYPE: &str =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/// Whether the client accepts aggregated discovery v2 (client-go sends it first in Accept).
pub fn wants_aggregated(accept: &str) -> bool {
    accept.split(',').any(|part| {
        let p: Vec<&str> = part.split(';').map(str::trim).collect();
        p.contains(&"g=apidiscovery.k8s.io")
            && p.contains(&"v=v2")
            && p.contains(&"as=APIGroupDiscoveryList")
    })
}

pub fn version(kube_version: &str) -> J {
    let minor = kube_version
        .trim_start_matches('v')
        .split('.')
        .nth(1)
        .unwrap_or("33")
        .to_string();
    obj([
        ("major", "1".into()),
        ("minor", minor.clone().into()),
        ("emulationMajor", "1".into()),
        ("emulationMinor", minor.clone().into()),
        ("minCompatibilityMajor", "1".into()),
        (
            "minCompatibilityMinor",
            minor
                .parse::<u32>()
                .map_or(minor, |m| (m - 1).to_string())
                .into(),
        ),
        ("gitVersion", kube_version.into()),
        (
            "gitCommit",
            "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828".into(),
        ),
        ("gitTreeState", "clean".into()),
        ("buildDate", "2025-05-15T08:19:08Z".into()),
        ("goVersion", "go1.24.2".into()),
        ("compiler", "gc".into()),
        ("platform", "linux/amd64".into()),
    ])
}

pub fn api_versions(server_address: &str) -> J {
    obj([
        ("kind", "APIVersions".into()),
        ("versions", arr(["v1".into()])),
        (
            "serverAddressByClientCIDRs",
            arr([obj([
                ("clientCIDR", "0.0.0.0/0".into()),
                ("serverAddress", server_address.into()),
            ])]),
        ),
    ])
}

fn group_version(group: &str) -> J {
    obj([
        ("groupVersion", format!("{group}/v1").into()),
        ("version", "v1".into()),
    ])
}

fn api_group(group: &str) -> J {
    obj([
        ("name", group.into()),
        ("versions", arr([group_version(group)])),
        ("preferredVersion", group_version(group)),
    ])
}

pub fn api_group_list() -> J {
    obj([
        ("kind", "APIGroupList".into()),
        ("apiVersion", "v1".into()),
        (
            "groups",
            J::Arr(resources::GROUPS.iter().map(|g| api_group(g)).collect()),
        ),
    ])
}

/// `/apis/<group>`, if served.
pub fn api_group_doc(group: &str) -> Option<J> {
    resources::GROUPS.contains(&group).then(|| {
        let mut g = obj([("kind", "APIGroup".into()), ("apiVersion", "v1".into())]);
        if let J::Obj(fields) = api_group(group) {
            for (k, v) in fields {
                g.set(&k, v);
            }
        }
        g
    })
}

fn strs(items: &[&str]) -> J {
    J::Arr(items.iter().map(|s| (*s).into()).collect())
}

fn defs_of(group: &str) -> Vec<&'static ResourceDef> {
    let mut v: Vec<&'static ResourceDef> = resources::ALL
        .iter()
        .copied()
        .filter(|r| r.group == group)
        .collect();
    v.sort_by_key(|r| r.plural);
    v
}

/// `/api/v1` or `/apis/<group>/v1` (legacy APIResourceList), if served.
pub fn resource_list(group: &str, version: &str) -> Option<J> {
    if version != "v1" || (!group.is_empty() && !resources::GROUPS.contains(&group)) {
        return None;
    }
    let mut list = obj([("kind", "APIResourceList".into())]);
    let gv = if group.is_empty() {
        "v1".to_string()
    } else {
        list.set("apiVersion", "v1");
        format!("{group}/v1")
    };
    list.set("groupVersion", gv);
    let mut items = Vec::new();
    for r in defs_of(group) {
        let mut e = obj([
            ("name", r.plural.into()),
            ("singularName", r.singular.into()),
            ("namespaced", r.namespaced.into()),
            ("kind", r.kind.into()),
            ("verbs", strs(r.verbs)),
        ]);
        if !r.short_names.is_empty() {
            e.set("shortNames", strs(r.short_names));
        }
        if !r.categories.is_empty() {
            e.set("categories", strs(r.categories));
        }
        e.set("storageVersionHash", r.storage_version_hash);
        items.push(e);
        for (sub, kind, verbs) in r.subresources {
            items.push(obj([
                ("name", format!("{}/{sub}", r.plural).into()),
                ("singularName", "".into()),
                ("namespaced", r.namespaced.into()),
                ("kind", (*kind).into()),
                ("verbs", strs(verbs)),
            ]));
        }
    }
    list.set("resources", J::Arr(items));
    Some(list)
}

fn aggregated_group(group: &str) -> J {
    let resources: Vec<J> = defs_of(group)
        .into_iter()
        .map(|r| {
            let kind = |k: &str| {
                obj([
                    ("group", r.group.into()),
                    ("version", r.version.into()),
                    ("kind", k.into()),
                ])
            };
            let mut e = obj([
                ("resource", r.plural.into()),
                ("responseKind", kind(r.kind)),
                (
                    "scope",
                    if r.namespaced {
                        "Namespaced"
                    } else {
                        "Cluster"
                    }
                    .into(),
                ),
                ("singularResource", r.singular.into()),
                ("verbs", strs(r.verbs)),
            ]);
            if !r.short_names.is_empty() {
                e.set("shortNames", strs(r.short_names));
            }
            if !r.categories.is_empty() {
                e.set("categories", strs(r.categories));
            }
            if !r.subresources.is_empty() {
                e.set(
                    "subresources",
                    J::Arr(
                        r.subresources
                            .iter()
                            .map(|(sub, k, verbs)| {
                                obj([
                                    ("subresource", (*sub).into()),
                                    ("responseKind", kind(k)),
                                    ("verbs", strs(verbs)),
                                ])
                            })
                            .collect(),
                    ),
                );
            }
            e
        })
        .collect();
    let mut metadata = obj([]);
    if !group.is_empty() {
        metadata.set("name", group);
    }
    metadata.set("creationTimestamp", J::Null);
    obj([
        ("metadata", metadata),
        (
            "versions",
            arr([obj([
                ("version", "v1".into()),
                ("resources", J::Arr(resources)),
                ("freshness", "Current".into()),
            ])]),
        ),
    ])
}

/// Aggregated discovery for `/api` (core) or `/apis` (named groups).
pub fn aggregated(core: bool) -> J {
    let items: Vec<J> = if core {
        vec![aggregated_group("")]
    } else {
        resources::GROUPS
            .iter()
            .map(|g| aggregated_group(g))
            .collect()
    };
    obj([
        ("kind", "APIGroupDiscoveryList".into()),
        ("apiVersion", "apidiscovery.k8s.io/v2".into()),
        ("metadata", obj([])),
        ("items", J::Arr(items)),
    ])
}
