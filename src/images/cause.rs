//! Root-cause ids behind the kubelet's image errors (the reasons of pkg/kubelet/images/types.go;
//! the causes are told apart by the runtimes' own error texts) and the one-line remedy for each.
//! The ids are part of the JSON contract (README, "images"): kebab-case, stable, never renamed.

use serde::{Deserialize, Serialize};

/// Why a pull failed, as far as the message lets us tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    NotFound,
    Auth,
    CredentialProvider,
    Dns,
    NetworkTimeout,
    NetworkUnreachable,
    PullTimeout,
    Tls,
    HttpVsHttps,
    Proxy,
    RateLimit,
    RegistryError,
    Platform,
    DiskFull,
    LayerCorrupt,
    ImageFormat,
    InvalidName,
    NeverPullMissing,
    ShortName,
    RuntimeInspect,
    Signature,
    Unknown,
}

impl Cause {
    pub const ALL: [Cause; 22] = [
        Cause::NotFound,
        Cause::Auth,
        Cause::CredentialProvider,
        Cause::Dns,
        Cause::NetworkTimeout,
        Cause::NetworkUnreachable,
        Cause::PullTimeout,
        Cause::Tls,
        Cause::HttpVsHttps,
        Cause::Proxy,
        Cause::RateLimit,
        Cause::RegistryError,
        Cause::Platform,
        Cause::DiskFull,
        Cause::LayerCorrupt,
        Cause::ImageFormat,
        Cause::InvalidName,
        Cause::NeverPullMissing,
        Cause::ShortName,
        Cause::RuntimeInspect,
        Cause::Signature,
        Cause::Unknown,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Cause::NotFound => "not-found",
            Cause::Auth => "auth",
            Cause::CredentialProvider => "credential-provider",
            Cause::Dns => "dns",
            Cause::NetworkTimeout => "network-timeout",
            Cause::NetworkUnreachable => "network-unreachable",
            Cause::PullTimeout => "pull-timeout",
            Cause::Tls => "tls",
            Cause::HttpVsHttps => "http-vs-https",
            Cause::Proxy => "proxy",
            Cause::RateLimit => "rate-limit",
            Cause::RegistryError => "registry-error",
            Cause::Platform => "platform",
            Cause::DiskFull => "disk-full",
            Cause::LayerCorrupt => "layer-corrupt",
            Cause::ImageFormat => "image-format",
            Cause::InvalidName => "invalid-name",
            Cause::NeverPullMissing => "never-pull-missing",
            Cause::ShortName => "short-name",
            Cause::RuntimeInspect => "runtime-inspect",
            Cause::Signature => "signature",
            Cause::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The runbook line for this cause, short enough for one table cell.
    pub fn remedy(self) -> &'static str {
        match self {
            Cause::NotFound => {
                "correct the tag or digest, or push the image; check the registry UI"
            }
            Cause::Auth => {
                "check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account"
            }
            Cause::CredentialProvider => {
                "check the node's cloud identity (ECR read policy, AcrPull) and the kubelet credential-provider config and plugin; restart the node if tokens are stale"
            }
            Cause::Dns => {
                "fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling"
            }
            Cause::NetworkTimeout => {
                "open egress from the node to the registry (firewall, NAT, security groups) or use a reachable mirror"
            }
            Cause::NetworkUnreachable => {
                "check the registry is up on that port and routable from the node (localhost registries are only reachable on their host)"
            }
            Cause::PullTimeout => {
                "pre-pull or shrink the image, or raise the runtime's pull progress timeout; check node bandwidth"
            }
            Cause::Tls => {
                "install the registry CA on every node (certs.d for the runtime), renew the certificate, or fix the node clock"
            }
            Cause::HttpVsHttps => {
                "declare the registry as plain HTTP/insecure in the runtime config (hosts.toml, registries.conf, insecure-registries) or give it TLS"
            }
            Cause::Proxy => {
                "fix HTTP_PROXY/HTTPS_PROXY/NO_PROXY in the runtime's service environment; put the registry and cluster CIDRs in NO_PROXY"
            }
            Cause::RateLimit => {
                "authenticate pulls with a pull secret, use a pull-through cache or mirror, avoid imagePullPolicy: Always churn"
            }
            Cause::RegistryError => {
                "the registry returned 5xx: retry, check its status page, or fail over to a mirror"
            }
            Cause::Platform => {
                "the image has no variant for the node's OS/arch: use a multi-arch image or schedule onto matching nodes"
            }
            Cause::DiskFull => {
                "free space on the node's image filesystem (prune images, image GC thresholds) or grow the disk"
            }
            Cause::LayerCorrupt => {
                "remove the partial content on the node (or restart the runtime) and retry; check proxies or mirrors that alter blobs"
            }
            Cause::ImageFormat => {
                "rebuild and re-push the image as OCI or Docker schema 2, or use a newer tag"
            }
            Cause::InvalidName => {
                "fix the image string: no URL scheme, lowercase repository, one :tag and/or @sha256: digest"
            }
            Cause::NeverPullMissing => {
                "load the image into this node's runtime (kind load, k3s ctr images import, minikube image load) or use imagePullPolicy: IfNotPresent"
            }
            Cause::ShortName => {
                "use a fully-qualified image name (docker.io/library/nginx) or set unqualified-search-registries in registries.conf"
            }
            Cause::RuntimeInspect => {
                "the runtime cannot read its own image store: check its health and storage on the node, restart it"
            }
            Cause::Signature => {
                "sign the image, or correct policy.json / sigstore keys on the nodes"
            }
            Cause::Unknown => {
                "no cause in the message: read the pod's latest 'Failed to pull image' event, or run crictl pull on the node"
            }
        }
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for c in Cause::ALL {
            assert_eq!(Cause::from_id(c.id()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.id());
            assert!(!c.remedy().is_empty());
            assert!(!c.remedy().contains('\n'), "{c}: one line");
        }
        assert_eq!(Cause::from_id("nope"), None);
    }

    #[test]
    fn the_issue_lists_exactly_these_ids() {
        let ids: Vec<&str> = Cause::ALL.iter().map(|c| c.id()).collect();
        let issue = "not-found, auth, credential-provider, dns, network-timeout, network-unreachable, \
                     pull-timeout, tls, http-vs-https, proxy, rate-limit, registry-error, platform, \
                     disk-full, layer-corrupt, image-format, invalid-name, never-pull-missing, \
                     short-name, runtime-inspect, signature, unknown";
        let expected: Vec<&str> = issue.split(',').map(str::trim).collect();
        assert_eq!(ids, expected);
    }
}
