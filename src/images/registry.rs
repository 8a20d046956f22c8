//! Image reference -> registry host, with the Docker Hub defaults every runtime
//! applies (containerd, Docker; CRI-O only with docker.io in its search list).
//! Best effort on purpose: it groups findings, it does not validate names.

use serde::Serialize;

pub const DOCKER_HUB: &str = "docker.io";

/// An image reference split the way docker/distribution's `ParseNormalizedNamed` does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// Registry host, with a port when given (`registry.local:5000`).
    pub registry: String,
    /// Repository path inside the registry, `library/` added for official Docker Hub images.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// The reference named no registry (`nginx`, `team/app`): containerd and Docker
    /// assume Docker Hub, CRI-O resolves it through registries.conf (cause `short-name`).
    pub short_name: bool,
}

impl ImageRef {
    pub fn parse(image: &str) -> ImageRef {
        let mut rest = image.trim();
        // A scheme is invalid in an image (InvalidImageName), but the host behind it
        // is still the best grouping key.
        for scheme in ["https://", "http://"] {
            if let Some(r) = rest.strip_prefix(scheme) {
                rest = r;
            }
        }
        let (name, digest) = match rest.split_once('@') {
            Some((n, d)) => (n, Some(d.to_string())),
            None => (rest, None),
        };
        // The tag is after the last ':' of the last path component, so a port is not a tag.
        let last_slash = name.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name[last_slash..].rfind(':') {
            Some(i) => (
                &name[..last_slash + i],
                Some(name[last_slash + i + 1..].to_string()),
            ),
            None => (name, None),
        };
        let (registry, repository, short_name) = match name.split_once('/') {
            Some((first, path)) if is_domain(first) => {
                let host = if first == "index.docker.io" || first == "registry-1.docker.io" {
                    DOCKER_HUB
                } else {
                    first
                };
                (host.to_string(), path.to_string(), false)
            }
            _ => (DOCKER_HUB.to_string(), name.to_string(), true),
        };
        let repository =
            if registry == DOCKER_HUB && !repository.contains('/') && !repository.is_empty() {
                format!("library/{repository}")
            } else {
                repository
            };
        ImageRef {
            registry,
            repository,
            tag,
            digest,
            short_name,
        }
    }
}

/// Same rule as docker/distribution: the first component is a host when it has a
/// dot or a port, is `localhost`, or has upper-case letters (repositories cannot).
fn is_domain(first: &str) -> bool {
    first.contains('.')
        || first.contains(':')
        || first == "localhost"
        || first.chars().any(|c| c.is_ascii_uppercase())
}

/// The registry host an image is pulled from (`docker.io` for `nginx`).
pub fn registry_host(image: &str) -> String {
    ImageRef::parse(image).registry
}

/// Hosts whose credentials usually come from the node (kubelet credential provider,
/// node IAM role, managed identity) rather than from a pull secret: ECR, ACR, Google
/// Container Registry and Artifact Registry.
pub fn is_cloud_credential_host(host: &str) -> bool {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    (host.contains(".dkr.ecr.")
        && (host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn")))
        || host.ends_with(".azurecr.io")
        || host.ends_with(".azurecr.cn")
        || host.ends_with(".azurecr.us")
        || host == "gcr.io"
        || host.ends_with(".gcr.io")
        || host.ends_with("-docker.pkg.dev")
}

/// The registry a pull error names, when it names one: the host of an `https://HOST/v2/` URL
/// (`Get https://HOST/v2/...`, `Head "https://HOST/v2/..."`), the registry API itself, not a
/// token server. Old Docker messages name the registry that refused, which is not always the
/// one in the pod's image (a mirror). Docker Hub's API host is reported as `docker.io`.
pub fn registry_in_message(message: &str) -> Option<String> {
    message.match_indices("https://").find_map(|(at, _)| {
        let rest = &message[at + "https://".len()..];
        let host_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':')))
            .unwrap_or(rest.len());
        let host = rest[..host_len].to_ascii_lowercase();
        if !rest[host_len..].starts_with("/v2") || !host.contains('.') {
            return None;
        }
        Some(match host.as_str() {
            "registry-1.docker.io" | "index.docker.io" => "docker.io".to_string(),
            _ => host,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_credential_registries() {
        for host in [
            "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
            "acme.azurecr.io",
            "gcr.io",
            "eu.gcr.io",
            "europe-west1-docker.pkg.dev",
        ] {
            assert!(is_cloud_credential_host(host), "{host}");
        }
        for host in ["docker.io", "ghcr.io", "quay.io", "notgcr.io", "pkg.dev"] {
            assert!(!is_cloud_credential_host(host), "{host}");
        }
    }

    #[test]
    fn the_registry_a_message_names() {
        assert_eq!(
            registry_in_message(
                "Error response from daemon: Get https://123.dkr.ecr.eu-west-1.amazonaws.com/v2/app/manifests/1: no basic auth credentials"
            )
            .as_deref(),
            Some("123.dkr.ecr.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            registry_in_message(
                "failed to do request: Head \"https://mirror.corp:5000/v2/x\": EOF"
            )
            .as_deref(),
            Some("mirror.corp:5000")
        );
        assert_eq!(registry_in_message("pull access denied for nginx"), None);
        // A token server is not the registry; Docker Hub's API host is docker.io.
        assert_eq!(
            registry_in_message(
                "unexpected status from GET request to https://auth.docker.io/token?scope=x: 401"
            ),
            None
        );
        assert_eq!(
            registry_in_message(
                "Head \"https://registry-1.docker.io/v2/library/nginx/manifests/1\": EOF"
            )
            .as_deref(),
            Some("docker.io")
        );
    }

    fn parts(image: &str) -> (String, String, Option<String>, Option<String>, bool) {
        let r = ImageRef::parse(image);
        (r.registry, r.repository, r.tag, r.digest, r.short_name)
    }

    #[test]
    fn docker_hub_defaults_and_library() {
        assert_eq!(
            parts("nginx"),
            ("docker.io".into(), "library/nginx".into(), None, None, true)
        );
        assert_eq!(
            parts("nginx:1.27"),
            (
                "docker.io".into(),
                "library/nginx".into(),
                Some("1.27".into()),
                None,
                true
            )
        );
        assert_eq!(
            parts("bitnami/redis:7"),
            (
                "docker.io".into(),
                "bitnami/redis".into(),
                Some("7".into()),
                None,
                true
            )
        );
        assert_eq!(parts("docker.io/nginx").1, "library/nginx");
        assert!(!ImageRef::parse("docker.io/nginx").short_name);
        assert_eq!(parts("docker.io/library/nginx:latest").1, "library/nginx");
        assert_eq!(
            registry_host("index.docker.io/library/busybox"),
            "docker.io"
        );
        assert_eq!(registry_host("registry-1.docker.io/foo/bar"), "docker.io");
    }

    #[test]
    fn hosts_ports_and_localhost() {
        assert_eq!(
            parts("registry.local:5000/team/app:v2"),
            (
                "registry.local:5000".into(),
                "team/app".into(),
                Some("v2".into()),
                None,
                false
            )
        );
        assert_eq!(
            parts("localhost:5000/app"),
            ("localhost:5000".into(), "app".into(), None, None, false)
        );
        assert_eq!(
            parts("localhost/app:dev"),
            (
                "localhost".into(),
                "app".into(),
                Some("dev".into()),
                None,
                false
            )
        );
        assert_eq!(registry_host("10.0.0.7:30500/app"), "10.0.0.7:30500");
        assert_eq!(
            registry_host("quay.io/prometheus/node-exporter:v1.8.2"),
            "quay.io"
        );
        assert_eq!(registry_host("ghcr.io/org/img"), "ghcr.io");
        // A port-looking suffix without a host component is a tag on a Hub image.
        assert_eq!(
            parts("app:5000"),
            (
                "docker.io".into(),
                "library/app".into(),
                Some("5000".into()),
                None,
                true
            )
        );
    }

    #[test]
    fn digests_with_and_without_tags() {
        let d = "sha256:0ee2018667de173d071d53fff6ee4e2783443d72035a406d0d257c109f14c97d";
        assert_eq!(
            parts(&format!("ghcr.io/a/b@{d}")),
            ("ghcr.io".into(), "a/b".into(), None, Some(d.into()), false)
        );
        assert_eq!(
            parts(&format!("nginx:1.27@{d}")),
            (
                "docker.io".into(),
                "library/nginx".into(),
                Some("1.27".into()),
                Some(d.into()),
                true
            )
        );
        assert_eq!(parts(&format!("reg:5000/x@{d}")).0, "reg:5000");
    }

    #[test]
    fn invalid_names_still_give_a_grouping_key() {
        assert_eq!(
            registry_host("https://registry.example.com/app:v1"),
            "registry.example.com"
        );
        assert_eq!(registry_host("None:None"), "docker.io");
        assert_eq!(registry_host(""), "docker.io");
        assert_eq!(ImageRef::parse("").repository, "");
    }

    #[test]
    fn cloud_credential_hosts() {
        assert!(is_cloud_credential_host(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
        ));
        assert!(is_cloud_credential_host(
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"
        ));
        assert!(is_cloud_credential_host("myreg.azurecr.io"));
        assert!(!is_cloud_credential_host("docker.io"));
        assert!(!is_cloud_credential_host("public.ecr.aws"));
        assert!(!is_cloud_credential_host("azurecr.io.evil.com"));
    }
}
