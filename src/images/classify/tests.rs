//! The classifier table: real-world messages per cause and runtime, written from the
//! formats in containerd's, CRI-O's and Docker's sources and from texts users pasted in
//! public issue threads.

use super::*;
use Cause::*;
use Reason::*;

struct Case {
    runtime: &'static str,
    reason: Reason,
    registry: Option<&'static str>,
    message: &'static str,
    cause: Cause,
}

const fn c(runtime: &'static str, reason: Reason, message: &'static str, cause: Cause) -> Case {
    Case {
        runtime,
        reason,
        registry: None,
        message,
        cause,
    }
}

const fn on(
    runtime: &'static str,
    reason: Reason,
    registry: &'static str,
    message: &'static str,
    cause: Cause,
) -> Case {
    Case {
        runtime,
        reason,
        registry: Some(registry),
        message,
        cause,
    }
}

const ECR: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

const CASES: &[Case] = &[
    // ---- not-found
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/api:v0.0.29": failed to resolve reference "ghcr.io/acme/api:v0.0.29": ghcr.io/acme/api:v0.0.29: not found"#,
        NotFound,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found"#,
        NotFound,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "quay.io/a/b@sha256:0ee2018667de173d071d53fff6ee4e2783443d72035a406d0d257c109f14c97d": failed to copy: httpReadSeeker: failed open: content at https://quay.io/v2/a/b/manifests/sha256:0ee2018667de173d071d53fff6ee4e2783443d72035a406d0d257c109f14c97d not found: not found"#,
        NotFound,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://quay.io/acme/api:v9: reading manifest v9 in quay.io/acme/api: manifest unknown"#,
        NotFound,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"unable to pull image or OCI artifact: pull image err: initializing source docker://ghcr.io/acme/x:1: reading manifest 1 in ghcr.io/acme/x: manifest unknown; artifact err: get manifest: build image source: reading manifest 1 in ghcr.io/acme/x: manifest unknown"#,
        NotFound,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error reading manifest v2 in registry.example.com/team/app: name unknown: repository name not known to registry"#,
        NotFound,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:1.99 not found: manifest unknown: manifest unknown"#,
        NotFound,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: manifest for registry.example.com/app:v3 not found"#,
        NotFound,
    ),
    c(
        "dockertools",
        ErrImagePull,
        r#"Tag v1 not found in repository docker.io/acme/app"#,
        NotFound,
    ),
    // ---- auth
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/controller:latest": failed to resolve reference "docker.io/library/controller:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"#,
        Auth,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "registry.gitlab.com/acme/app:1": failed to resolve reference "registry.gitlab.com/acme/app:1": failed to authorize: failed to fetch oauth token: unexpected status from POST request to https://gitlab.com/jwt/auth: 403 Forbidden"#,
        Auth,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "harbor.example.com/p/app:1": failed to resolve reference "harbor.example.com/p/app:1": unexpected status from HEAD request to https://harbor.example.com/v2/p/app/manifests/1: 401 Unauthorized"#,
        Auth,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = failed to resolve image "registry.example.com/a:1": pulling from host registry.example.com failed with status code [manifests 1]: 401 Unauthorized"#,
        Auth,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error reading manifest latest in docker.io/crio/busybox: errors: denied: requested access to the resource is denied unauthorized: authentication required"#,
        Auth,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://quay.io/private/app:1: reading manifest 1 in quay.io/private/app: unauthorized: access to the requested resource is not authorized"#,
        Auth,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: pull access denied for acme/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"#,
        Auth,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: Get "https://registry.example.com/v2/app/manifests/1": unauthorized: authentication required"#,
        Auth,
    ),
    // ---- credential-provider
    on(
        "containerd",
        ErrImagePull,
        ECR,
        r#"failed to pull and unpack image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": failed to resolve reference "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/: 401 Unauthorized"#,
        CredentialProvider,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "123456789101.dkr.ecr.ap-southeast-2.amazonaws.com/k8s-example/pause:3.9": failed to resolve reference "123456789101.dkr.ecr.ap-southeast-2.amazonaws.com/k8s-example/pause:3.9": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials"#,
        CredentialProvider,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get https://602401143452.dkr.ecr.us-west-2.amazonaws.com/v2/amazon-k8s-cni/manifests/v1.6.3: no basic auth credentials"#,
        CredentialProvider,
    ),
    on(
        "docker",
        ErrImagePull,
        "myreg.azurecr.io",
        r#"Error response from daemon: Get "https://myreg.azurecr.io/v2/app/manifests/1": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information."#,
        CredentialProvider,
    ),
    c(
        "dockertools",
        ErrImagePull,
        r#"API error (500): Get https://111122223333.dkr.ecr.eu-west-1.amazonaws.com/v2/zre/manifests/latest: no basic auth credentials"#,
        CredentialProvider,
    ),
    // ---- dns
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "registry.internal/app:1": failed to resolve reference "registry.internal/app:1": failed to do request: Head "https://registry.internal/v2/app/manifests/1": dial tcp: lookup registry.internal on 10.96.0.10:53: no such host"#,
        Dns,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to resolve reference "quay.io/a/b:1": failed to do request: Head "https://quay.io/v2/a/b/manifests/1": dial tcp: lookup quay.io: Temporary failure in name resolution"#,
        Dns,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = error pinging docker registry k8s.gcr.io: Get "https://k8s.gcr.io/v2/": dial tcp: lookup k8s.gcr.io: device or resource busy"#,
        Dns,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://quay.io/a/b:1: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io on 127.0.0.53:53: server misbehaving"#,
        Dns,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 192.168.1.1:53: no such host"#,
        Dns,
    ),
    // ---- network-timeout
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "registry.k8s.io/pause:3.9": failed to resolve reference "registry.k8s.io/pause:3.9": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.9": dial tcp 34.96.108.209:443: i/o timeout"#,
        NetworkTimeout,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "quay.io/a/b:1": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://cdn.quay.io/x": dial tcp 52.1.2.3:443: connect: connection timed out"#,
        NetworkTimeout,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = pinging docker registry returned: Get http://registry-1.docker.io/v2/: dial tcp 34.199.40.84:80: i/o timeout"#,
        NetworkTimeout,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"#,
        NetworkTimeout,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: Get "https://registry-1.docker.io/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"#,
        NetworkTimeout,
    ),
    // ---- network-unreachable
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "10.0.0.5:5000/app:1": failed to resolve reference "10.0.0.5:5000/app:1": failed to do request: Head "https://10.0.0.5:5000/v2/app/manifests/1": dial tcp 10.0.0.5:5000: connect: connection refused"#,
        NetworkUnreachable,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/eceasy/cli:latest": failed to resolve reference "docker.io/eceasy/cli:latest": failed to authorize: failed to fetch anonymous token: Get "https://auth.docker.io/token?scope=repository%3Aeceasy%2Fcli%3Apull&service=registry.docker.io": EOF"#,
        NetworkUnreachable,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "ghcr.io/a/b:1": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://pkg-containers.githubusercontent.com/x": read tcp 10.0.0.4:51234->140.82.1.1:443: read: connection reset by peer"#,
        NetworkUnreachable,
    ),
    c(
        "cri-o",
        RegistryUnavailable,
        r#"image pull failed for quay.io/a/b:1 because the registry is unavailable: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp 3.1.2.3:443: connect: connection refused"#,
        NetworkUnreachable,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = pinging docker registry returned: Get http://localhost:5000/v2/: dial tcp 127.0.0.1:5000: connect: no route to host"#,
        NetworkUnreachable,
    ),
    c(
        "cri-o",
        RegistryUnavailable,
        r#"image pull failed for registry.local/app:1 because the registry is unavailable."#,
        NetworkUnreachable,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: Get "https://registry.example.com/v2/": dial tcp 192.0.2.10:443: connect: network is unreachable"#,
        NetworkUnreachable,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get https://registry.local/v2/app/blobs/sha256:abc: unexpected EOF"#,
        NetworkUnreachable,
    ),
    // ---- pull-timeout
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Canceled desc = failed to pull and unpack image "docker.io/big/model:1": context canceled"#,
        PullTimeout,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = DeadlineExceeded desc = context deadline exceeded"#,
        PullTimeout,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"copying system image from manifest list: writing blob: storing blob to file "/var/tmp/storage123/1": context deadline exceeded"#,
        PullTimeout,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = context deadline exceeded"#,
        PullTimeout,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Canceled desc = context canceled"#,
        PullTimeout,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = net/http: request canceled"#,
        PullTimeout,
    ),
    // ---- tls
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "harbor.local/p/app:1": failed to resolve reference "harbor.local/p/app:1": failed to do request: Head "https://harbor.local/v2/p/app/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority"#,
        Tls,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = error pulling image configuration: download failed after attempts=6: x509: certificate signed by unknown authority"#,
        Tls,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://reg.example.com/a:1: pinging container registry reg.example.com: Get "https://reg.example.com/v2/": x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z is after 2025-12-01T00:00:00Z"#,
        Tls,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"pinging container registry 10.0.0.9: Get "https://10.0.0.9/v2/": tls: failed to verify certificate: x509: certificate is valid for registry.local, not 10.0.0.9"#,
        Tls,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: {"message":"Get https://10.78.0.228:5000/v1/_ping: x509: certificate signed by unknown authority"}"#,
        Tls,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get "https://registry-1.docker.io/v2/": x509: certificate signed by unknown authority"#,
        Tls,
    ),
    // ---- http-vs-https
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = failed to pull and unpack image "localhost:7439/docker.io/acme/redis:2023.1.2": failed to resolve reference "localhost:7439/docker.io/acme/redis:2023.1.2": failed to do request: Head "https://localhost:7439/v2/docker.io/acme/redis/manifests/2023.1.2": http: server gave HTTP response to HTTPS client"#,
        HttpVsHttps,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://192.168.1.20:5000/app:1: pinging container registry 192.168.1.20:5000: Get "https://192.168.1.20:5000/v2/": http: server gave HTTP response to HTTPS client"#,
        HttpVsHttps,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: Get https://192.168.1.20:5000/v2/: http: server gave HTTP response to HTTPS client"#,
        HttpVsHttps,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "10.0.0.5:5000/app:1": failed to resolve reference "10.0.0.5:5000/app:1": failed to do request: Head "https://10.0.0.5:5000/v2/app/manifests/1": tls: first record does not look like a TLS handshake"#,
        HttpVsHttps,
    ),
    c(
        "kubelet-1.32",
        ImagePullBackOff,
        r#"Back-off pulling image "registry.lan:5000/app:1": ErrImagePull: failed to pull and unpack image "registry.lan:5000/app:1": failed to resolve reference "registry.lan:5000/app:1": failed to do request: Head "https://registry.lan:5000/v2/app/manifests/1": http: server gave HTTP response to HTTPS client"#,
        HttpVsHttps,
    ),
    // ---- proxy
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/library/nginx:latest": failed to resolve reference "docker.io/library/nginx:latest": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/latest": proxyconnect tcp: dial tcp 10.1.1.1:3128: connect: connection refused"#,
        Proxy,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = error pinging docker registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp: lookup http: Temporary failure in name resolution"#,
        Proxy,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: Get "https://registry-1.docker.io/v2/": Proxy Authentication Required"#,
        Proxy,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "quay.io/a/b:1": failed to resolve reference "quay.io/a/b:1": failed to do request: Head "https://quay.io/v2/a/b/manifests/1": proxyconnect tcp: dial tcp: lookup proxy.corp.example on 10.96.0.10:53: no such host"#,
        Proxy,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 10.1.1.1:8080: i/o timeout"#,
        Proxy,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"pinging container registry quay.io: Get "https://quay.io/v2/": Proxy Authentication Required"#,
        Proxy,
    ),
    // ---- rate-limit
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/bitnami/redis:7": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/bitnami/redis/manifests/sha256:9538e0c4: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#,
        RateLimit,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"initializing source docker://nginx:1.13: reading manifest 1.13 in docker.io/library/nginx: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#,
        RateLimit,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#,
        RateLimit,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"error pulling image configuration: toomanyrequests: Too Many Requests. Please see https://docs.docker.com/docker-hub/download-rate-limit/"#,
        RateLimit,
    ),
    // ---- registry-error
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "quay.io/a/b:1": failed to resolve reference "quay.io/a/b:1": unexpected status code https://quay.io/v2/a/b/manifests/1: 502 Bad Gateway"#,
        RegistryError,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "reg.example.com/a:1": failed to copy: httpReadSeeker: failed open: unexpected status code https://reg.example.com/v2/a/blobs/sha256:1f: 503 Service Unavailable"#,
        RegistryError,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"reading manifest 1 in reg.example.com/a: received unexpected HTTP status: 500 Internal Server Error"#,
        RegistryError,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"Error reading signatures: received unexpected HTTP status: 500 Internal Server Error"#,
        RegistryError,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: received unexpected HTTP status: 500 Internal Server Error"#,
        RegistryError,
    ),
    // ---- platform (NotFound code and "not found" text: the trap)
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/kubewarden/kubewarden-controller:latest": no match for platform in manifest: not found"#,
        Platform,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/library/busybox:latest": no match for platform in manifest: not found"#,
        Platform,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error choosing image instance: no image found in manifest list for architecture arm64, variant "v8", OS linux"#,
        Platform,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"choosing an image from manifest list docker://a/b:1: no image found in image index for architecture "s390x", variant "", OS "linux""#,
        Platform,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: no matching manifest for linux/arm64/v8 in the manifest list entries: no match for platform in manifest: not found"#,
        Platform,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: no matching manifest for windows/amd64 10.0.17763 in the manifest list entries"#,
        Platform,
    ),
    // ---- disk-full
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/big/model:1": failed to extract layer sha256:5f70bf18: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/42/fs/usr/lib/libx.so: no space left on device: unknown"#,
        DiskFull,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/big/model:1": failed to prepare extraction snapshot "extract-1234 sha256:ab": mkdir /var/lib/containerd/tmp: no space left on device"#,
        DiskFull,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"copying system image from manifest list: writing blob: storing blob to file "/var/tmp/storage1/1": write /var/tmp/storage1/1: no space left on device"#,
        DiskFull,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: failed to register layer: Error processing tar file(exit status 1): write /usr/local/go/pkg/linux/trace.a: no space left on device"#,
        DiskFull,
    ),
    c(
        "dockertools",
        ErrImagePull,
        r#"Error while pulling image: Untar re-exec error: exit status 1: output: write /usr/bin/smbpasswd: no space left on device"#,
        DiskFull,
    ),
    // ---- layer-corrupt
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = FailedPrecondition desc = failed to pull and unpack image "docker.io/a/b:1": failed commit on ref "layer-sha256:3b7a": unexpected commit digest sha256:9f2d, expected sha256:3b7a: failed precondition"#,
        LayerCorrupt,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/a/b:1": failed to copy: failed size validation: 31457280 != 52428800: failed precondition"#,
        LayerCorrupt,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/a/b:1": failed to copy: unexpected EOF: failed commit on ref "layer-sha256:aa": commit failed: unexpected commit digest sha256:bb, expected sha256:aa"#,
        LayerCorrupt,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"writing blob: happened during read: Digest did not match, expected sha256:3b7a, got sha256:9f2d"#,
        LayerCorrupt,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: filesystem layer verification failed for digest sha256:3b7a"#,
        LayerCorrupt,
    ),
    // ---- image-format
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/old/app:2016": media type "application/vnd.docker.distribution.manifest.v1+prettyjws" is no longer supported since containerd v2.0, please rebuild the image as "application/vnd.docker.distribution.manifest.v2+json" or "application/vnd.oci.image.manifest.v1+json""#,
        ImageFormat,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "docker.io/old/app:2016": not implemented: media type "application/vnd.docker.distribution.manifest.v1+prettyjws" is no longer supported since containerd v2.1, please rebuild the image"#,
        ImageFormat,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"Error response from daemon: [DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support is disabled by default and will be removed in an upcoming release."#,
        ImageFormat,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"reading manifest 1 in reg.example.com/a: unsupported MediaType: "application/vnd.example.v0""#,
        ImageFormat,
    ),
    // ---- invalid-name (kubelet text, every runtime)
    c(
        "kubelet",
        InvalidImageName,
        r#"Failed to apply default image tag "https://registry.example.com/app:v1": couldn't parse image reference "https://registry.example.com/app:v1": invalid reference format"#,
        InvalidName,
    ),
    c(
        "kubelet",
        ErrImagePull,
        r#"Failed to apply default image tag "Acme/App:1": couldn't parse image name "Acme/App:1": invalid reference format: repository name must be lowercase"#,
        InvalidName,
    ),
    c(
        "kubelet",
        ImagePullBackOff,
        r#"Back-off pulling image "None:None": InvalidImageName: Failed to apply default image tag "None:None": couldn't parse image name "None:None": invalid reference format"#,
        InvalidName,
    ),
    // ---- never-pull-missing
    c(
        "kubelet",
        ErrImageNeverPull,
        r#"Container image "myapp:dev" is not present with pull policy of Never"#,
        NeverPullMissing,
    ),
    c("kubelet", ErrImageNeverPull, "", NeverPullMissing),
    c(
        "kubelet",
        ErrImagePull,
        r#"ErrImageNeverPull: Container image "local/app:1" is not present with pull policy of Never"#,
        NeverPullMissing,
    ),
    // ---- short-name (CRI-O)
    c(
        "cri-o",
        ImageInspectError,
        r#"Failed to inspect image "nginx": rpc error: code = Unknown desc = short-name "nginx" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf""#,
        ShortName,
    ),
    c(
        "cri-o",
        ImageInspectError,
        r#"Failed to inspect image "": rpc error: code = Unknown desc = short-name "app:1" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf""#,
        ShortName,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = no registries configured while trying to pull an unqualified image, add at least one in either /etc/crio/crio.conf or /etc/containers/registries.conf"#,
        ShortName,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"short-name resolution enforced but cannot prompt without a TTY"#,
        ShortName,
    ),
    // ---- runtime-inspect
    c(
        "docker",
        ImageInspectError,
        r#"Failed to inspect image "registry.local/app:1": rpc error: code = Unknown desc = Error response from daemon: readlink /var/lib/docker/overlay2: invalid argument"#,
        RuntimeInspect,
    ),
    c(
        "docker",
        ImageInspectError,
        r#"Failed to inspect image "": rpc error: code = Unknown desc = unable to convert a nil pointer to a runtime API image"#,
        RuntimeInspect,
    ),
    c(
        "containerd",
        ImageInspectError,
        r#"Failed to inspect image "docker.io/library/nginx:latest": rpc error: code = DeadlineExceeded desc = context deadline exceeded"#,
        RuntimeInspect,
    ),
    c(
        "cri-o",
        ImageInspectError,
        r#"Failed to inspect image "quay.io/a/b:1": rpc error: code = Unknown desc = layer not known"#,
        RuntimeInspect,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory""#,
        RuntimeInspect,
    ),
    // ---- signature (CRI-O >= 1.28)
    c(
        "cri-o",
        SignatureValidationFailed,
        r#"image pull failed for quay.io/a/b:1 because the signature validation failed: Source image rejected: A signature was required, but no signature exists"#,
        Signature,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"SignatureValidationFailed: unable to pull image or OCI artifact: pull image err: copying system image from manifest list: Source image rejected: None of the signatures were accepted, reasons: signature key mismatch"#,
        Signature,
    ),
    c(
        "cri-o",
        ImagePullBackOff,
        r#"Back-off pulling image "quay.io/a/b:1": SignatureValidationFailed: image pull failed for quay.io/a/b:1 because the signature validation failed: Source image rejected: A signature was required, but no signature exists"#,
        Signature,
    ),
    // ---- unknown
    c(
        "kubelet",
        ImagePullBackOff,
        r#"Back-off pulling image "registry.example.com/app:v1""#,
        Unknown,
    ),
    c("kubelet", ErrImagePull, "Error: ErrImagePull", Unknown),
    c(
        "kubelet",
        ImagePullBackOff,
        "Error: ImagePullBackOff",
        Unknown,
    ),
    c(
        "kubelet",
        ImagePullBackOff,
        r#"ImagePullBackOff: Back-off pulling image "x""#,
        Unknown,
    ),
    c("kubelet", ErrImagePull, "", Unknown),
    c(
        "dockertools",
        ErrImagePull,
        "image pull failed for unknown error",
        Unknown,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = failed to pull and unpack image "a/b:1": something nobody has seen before"#,
        Unknown,
    ),
    // ---- traps from 4.3 / 4.4 and the version timeline
    // TLS handshake timeout is a timeout, not a certificate problem.
    c(
        "docker",
        ErrImagePull,
        r#"rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: TLS handshake timeout"#,
        NetworkTimeout,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"failed to resolve reference "docker.io/library/busybox:latest": failed to do request: Head "https://registry-1.docker.io/v2/library/busybox/manifests/latest": net/http: TLS handshake timeout"#,
        NetworkTimeout,
    ),
    // A DNS lookup timing out is DNS, not a network timeout.
    c(
        "containerd",
        ErrImagePull,
        r#"failed to resolve reference "quay.io/a/b:1": failed to do request: Head "https://quay.io/v2/a/b/manifests/1": dial tcp: lookup quay.io on 10.96.0.10:53: read udp 10.244.1.5:40123->10.96.0.10:53: i/o timeout"#,
        Dns,
    ),
    c(
        "cri-o",
        ErrImagePull,
        r#"pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: Try again"#,
        Dns,
    ),
    // Aggregated credentials: auth noise plus the real cause.
    c(
        "containerd",
        ErrImagePull,
        r#"[rpc error: code = Unknown desc = failed to pull and unpack image "reg.example.com/a:1": failed to resolve reference "reg.example.com/a:1": unexpected status from HEAD request to https://reg.example.com/v2/a/manifests/1: 401 Unauthorized, rpc error: code = NotFound desc = failed to pull and unpack image "reg.example.com/a:1": failed to resolve reference "reg.example.com/a:1": reg.example.com/a:1: not found]"#,
        NotFound,
    ),
    c(
        "containerd",
        ErrImagePull,
        r#"[failed to pull and unpack image "reg.example.com/a:1": failed to resolve reference "reg.example.com/a:1": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized, failed to pull and unpack image "reg.example.com/a:1": failed to resolve reference "reg.example.com/a:1": unexpected status from HEAD request to https://reg.example.com/v2/a/manifests/1: 403 Forbidden]"#,
        Auth,
    ),
    on(
        "containerd",
        ErrImagePull,
        ECR,
        r#"[rpc error: code = Unknown desc = failed to pull and unpack image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": failed to resolve reference "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": unexpected status from HEAD request to https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/app/manifests/1: 403 Forbidden, rpc error: code = Unknown desc = failed to pull and unpack image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": failed to resolve reference "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1": unexpected status from HEAD request to https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/app/manifests/1: 401 Unauthorized]"#,
        CredentialProvider,
    ),
    c(
        "docker",
        ErrImagePull,
        r#"[rpc error: code = Unknown desc = Error response from daemon: Get https://reg.example.com/v2/a/manifests/1: unauthorized: authentication required, rpc error: code = Unknown desc = Error response from daemon: Get https://reg.example.com/v2/: x509: certificate is valid for a.example.com, b.example.com, not reg.example.com]"#,
        Tls,
    ),
    // Pre-CRI dockertools: the "no credentials" boilerplate is not an auth verdict.
    c(
        "dockertools",
        ErrImagePull,
        r#"image pull failed for registry.example.com/app:v1, this may be because there are no credentials on this request.  details: (Error: image app:v1 not found)"#,
        NotFound,
    ),
    c(
        "dockertools",
        ErrImagePull,
        r#"image pull failed for registry.example.com/app:v1, this may be because there are no credentials on this request.  details: (Get https://registry.example.com/v1/_ping: dial tcp: lookup registry.example.com on 10.0.0.2:53: no such host)"#,
        Dns,
    ),
    c(
        "dockertools",
        ErrImagePull,
        r#"Error syncing pod, skipping: failed to "StartContainer" for "web" with ErrImagePull: "image pull failed for docker.io/acme/web:2, this may be because there are no credentials on this request.  details: (Error: image acme/web not found)""#,
        NotFound,
    ),
    // 1.32+ back-off carries the previous reason and message.
    c(
        "kubelet-1.32",
        ImagePullBackOff,
        r#"Back-off pulling image "docker.io/library/nginx:1.99": ErrImagePull: failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found"#,
        NotFound,
    ),
    c(
        "kubelet-1.32",
        ImagePullBackOff,
        r#"Back-off pulling image "quay.io/a/b:1": RegistryUnavailable: image pull failed for quay.io/a/b:1 because the registry is unavailable: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io on 10.96.0.10:53: no such host"#,
        Dns,
    ),
    c(
        "kubelet-1.32",
        ImagePullBackOff,
        r#"Back-off pulling image "registry.local/app:1": RegistryUnavailable: image pull failed for registry.local/app:1 because the registry is unavailable"#,
        NetworkUnreachable,
    ),
    // Event texts: correlator prefix, kubectl describe field path, dashboard "<reason>: " prefix.
    c(
        "event",
        ErrImagePull,
        r#"(combined from similar events): Failed to pull image "bitnami/redis:7": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit."#,
        RateLimit,
    ),
    c(
        "event",
        ErrImagePull,
        r#"spec.initContainers{init-db}: Failed to pull image "postgres:99": failed to pull and unpack image "docker.io/library/postgres:99": failed to resolve reference "docker.io/library/postgres:99": docker.io/library/postgres:99: not found"#,
        NotFound,
    ),
    c(
        "dashboard",
        ErrImagePull,
        r#"ErrImagePull: rpc error: code = Unknown desc = failed to pull and unpack image "harbor.local/p/a:1": failed to resolve reference "harbor.local/p/a:1": failed to do request: Head "https://harbor.local/v2/p/a/manifests/1": x509: certificate signed by unknown authority"#,
        Tls,
    ),
    // Words that look like causes inside names must not decide.
    c(
        "containerd",
        ErrImagePull,
        r#"failed to pull and unpack image "registry.example.com/eof-team/denied-app:timeout": failed to resolve reference "registry.example.com/eof-team/denied-app:timeout": registry.example.com/eof-team/denied-app:timeout: not found"#,
        NotFound,
    ),
];

#[test]
fn classifier_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let got = classify(Some(case.reason), case.message, case.registry);
        if got != case.cause {
            failures.push(format!(
                "[{}] {:?}: expected {}, got {}\n    {}",
                case.runtime, case.reason, case.cause, got, case.message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_cause_has_several_cases() {
    for cause in Cause::ALL {
        let n = CASES.iter().filter(|c| c.cause == cause).count();
        assert!(n >= 3, "{cause}: only {n} cases");
    }
}

#[test]
fn runtime_causes_are_covered_for_each_runtime_that_produces_them() {
    // Causes whose text differs per runtime need a case from each runtime that emits them.
    let per_runtime = [
        (NotFound, &["containerd", "cri-o", "docker"][..]),
        (Auth, &["containerd", "cri-o", "docker"]),
        (Dns, &["containerd", "cri-o", "docker"]),
        (NetworkTimeout, &["containerd", "cri-o", "docker"]),
        (NetworkUnreachable, &["containerd", "cri-o", "docker"]),
        (PullTimeout, &["containerd", "cri-o", "docker"]),
        (Tls, &["containerd", "cri-o", "docker"]),
        (HttpVsHttps, &["containerd", "cri-o", "docker"]),
        (Proxy, &["containerd", "cri-o", "docker"]),
        (RateLimit, &["containerd", "cri-o", "docker"]),
        (RegistryError, &["containerd", "cri-o", "docker"]),
        (Platform, &["containerd", "cri-o", "docker"]),
        (DiskFull, &["containerd", "cri-o", "docker"]),
        (LayerCorrupt, &["containerd", "cri-o", "docker"]),
        (ImageFormat, &["containerd", "cri-o", "docker"]),
        (CredentialProvider, &["containerd", "docker"]),
    ];
    for (cause, runtimes) in per_runtime {
        for rt in runtimes {
            let n = CASES
                .iter()
                .filter(|c| c.cause == cause && c.runtime == *rt)
                .count();
            assert!(n >= 1, "{cause}: no {rt} case");
        }
    }
}

#[test]
fn the_reason_alone_decides_for_kubelet_reasons() {
    assert_eq!(classify(Some(InvalidImageName), "", None), InvalidName);
    assert_eq!(
        classify(Some(ErrImageNeverPull), "anything", None),
        NeverPullMissing
    );
    assert_eq!(
        classify(Some(SignatureValidationFailed), "", None),
        Signature
    );
    assert_eq!(classify(Some(ImageInspectError), "", None), RuntimeInspect);
    assert_eq!(
        classify(Some(RegistryUnavailable), "", None),
        NetworkUnreachable
    );
    assert_eq!(classify(None, "", None), Unknown);
}

#[test]
fn the_same_auth_text_is_credential_provider_only_on_cloud_hosts() {
    let msg = r#"failed to resolve reference "x": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized"#;
    assert_eq!(classify(Some(ErrImagePull), msg, Some("docker.io")), Auth);
    assert_eq!(
        classify(Some(ErrImagePull), msg, Some(ECR)),
        CredentialProvider
    );
    assert_eq!(
        classify(Some(ErrImagePull), msg, Some("acme.azurecr.io")),
        CredentialProvider
    );
    // Credentials were presented and refused: a pull-secret problem even on ECR.
    let presented = r#"failed to resolve reference "x": failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden"#;
    assert_eq!(classify(Some(ErrImagePull), presented, Some(ECR)), Auth);
}

#[test]
fn runtime_text_peels_every_wrapper() {
    assert_eq!(
        runtime_text(
            r#"(combined from similar events): Failed to pull image "a": rpc error: code = Unknown desc = Error response from daemon: boom"#
        ),
        "Error response from daemon: boom"
    );
    assert_eq!(
        runtime_text(
            r#"Back-off pulling image "a": ErrImagePull: rpc error: code = NotFound desc = x: not found"#
        ),
        "x: not found"
    );
    assert_eq!(runtime_text(r#"Back-off pulling image "a""#), "");
    assert_eq!(
        runtime_text("spec.containers{web}: Failed to pull image \"a\": EOF"),
        "EOF"
    );
}

#[test]
fn aggregates_split_only_where_a_new_error_starts() {
    let parts = split_aggregate(
        "[x509: certificate is valid for a, b, not c, rpc error: code = Unknown desc = y]",
    )
    .unwrap();
    assert_eq!(
        parts,
        vec![
            "x509: certificate is valid for a, b, not c",
            "rpc error: code = Unknown desc = y"
        ]
    );
    assert_eq!(split_aggregate("no brackets"), None);
}
