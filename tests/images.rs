//! `kubelet-doctor images` through the real binary against the fake API server: every
//! kubelet reason, every container kind, the events join, the service-account check,
//! pagination with exactly one events list, grouping, --node / -n, the output formats, escape
//! sequences in messages, and the exit status a runbook branches on.

use crate::harness::{Outcome, Run, Vary, timed};
use fake_apiserver::{
    Cluster, EventFixture, FakeApiServer, Fault, NodeFixture, PodFixture, ServiceAccountFixture,
};
use serde_json::Value;

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["images"])
        .args(args)
        .run()
}

fn json(out: &Outcome) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout))
}

/// The finding for `pod`/`container` in a JSON report.
fn finding<'a>(doc: &'a Value, pod: &str, container: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pod"] == pod && f["container"] == container)
        .unwrap_or_else(|| panic!("no finding for {pod}/{container} in {doc:#}"))
}

/// How long a container has waited is measured against the clock (the fixtures' pods have
/// waited just under an hour: `59m`, or `60m` on a slow run).
const SINCE: &[Vary] = &[timed("SINCE")];

fn healthy(ns: &str, name: &str) -> PodFixture {
    PodFixture::new(ns, name).node("node-a")
}

fn stuck(ns: &str, name: &str, image: &str, reason: &str, message: &str) -> PodFixture {
    PodFixture::new(ns, name)
        .node("node-a")
        .container("app", image)
        .waiting("app", reason, message)
}

const NOT_FOUND: &str = "failed to pull and unpack image \"docker.io/library/nginx:1.99\": failed to resolve reference \"docker.io/library/nginx:1.99\": docker.io/library/nginx:1.99: not found";
const DNS: &str = "failed to pull and unpack image \"registry.corp.example/app:1\": failed to resolve reference \"registry.corp.example/app:1\": failed to do request: Head \"https://registry.corp.example/v2/app/manifests/1\": dial tcp: lookup registry.corp.example on 10.96.0.10:53: no such host";
const AUTH: &str = "failed to pull and unpack image \"ghcr.io/acme/private:2\": failed to resolve reference \"ghcr.io/acme/private:2\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized";

/// One pod per kubelet reason, each with a message typical of it.
fn every_reason() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .pod(healthy("shop", "fine"))
            .pod(stuck("shop", "errpull", "nginx:1.99", "ErrImagePull", NOT_FOUND))
            .pod(stuck(
                "shop",
                "backoff",
                "registry.corp.example/app:1",
                "ImagePullBackOff",
                &format!("Back-off pulling image \"registry.corp.example/app:1\": ErrImagePull: {DNS}"),
            ))
            .pod(stuck(
                "shop",
                "inspect",
                "nginx",
                "ImageInspectError",
                "Failed to inspect image \"nginx\": rpc error: code = Unknown desc = short-name \"nginx\" did not resolve to an alias and no unqualified-search registries are defined in \"/etc/containers/registries.conf\"",
            ))
            .pod(stuck(
                "shop",
                "never",
                "local/app:dev",
                "ErrImageNeverPull",
                "Container image \"local/app:dev\" is not present with pull policy of Never",
            ))
            .pod(stuck(
                "shop",
                "unavailable",
                "quay.io/acme/app:1",
                "RegistryUnavailable",
                "image pull failed for quay.io/acme/app:1 because the registry is unavailable: pinging container registry quay.io: Get \"https://quay.io/v2/\": dial tcp 10.0.0.1:443: connect: connection refused",
            ))
            .pod(stuck(
                "shop",
                "badname",
                "https://nginx",
                "InvalidImageName",
                "Failed to apply default image tag \"https://nginx\": couldn't parse image name \"https://nginx\": invalid reference format",
            ))
            .pod(stuck(
                "shop",
                "unsigned",
                "quay.io/acme/unsigned:1",
                "SignatureValidationFailed",
                "image pull failed for quay.io/acme/unsigned:1 because the signature validation failed: Source image rejected: A signature was required, but no signature exists",
            )),
    )
}

#[test]
fn every_kubelet_reason_is_found_with_its_cause() {
    let srv = every_reason();
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let doc = json(&out);
    assert_eq!(doc["apiVersion"], "kubelet-doctor/v1");
    assert_eq!(doc["kind"], "ImagesReport");
    assert_eq!(doc["summary"]["podsScanned"], 8);
    assert_eq!(doc["summary"]["stuckPods"], 7);
    assert_eq!(doc["summary"]["stuckContainers"], 7);
    for (pod, reason, cause) in [
        ("errpull", "ErrImagePull", "not-found"),
        ("backoff", "ImagePullBackOff", "dns"),
        ("inspect", "ImageInspectError", "short-name"),
        ("never", "ErrImageNeverPull", "never-pull-missing"),
        ("unavailable", "RegistryUnavailable", "network-unreachable"),
        ("badname", "InvalidImageName", "invalid-name"),
        ("unsigned", "SignatureValidationFailed", "signature"),
    ] {
        let f = finding(&doc, pod, "app");
        assert_eq!(f["reason"], reason, "{pod}");
        assert_eq!(f["cause"], cause, "{pod}: {f:#}");
        assert_eq!(f["causeSource"], "status", "{pod}");
        assert_eq!(f["namespace"], "shop");
        assert_eq!(f["node"], "node-a");
        assert_eq!(f["kind"], "container");
        assert!(!f["remedy"].as_str().unwrap().is_empty());
        assert!(f["since"].is_string(), "{pod}: since {f:#}");
    }
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["pod"] != "fine")
    );
    // The status carried every cause: no events list was needed.
    assert!(srv.requests_to("/api/v1/events").is_empty());

    let table = run(&srv, &[]);
    table
        .code(1)
        .stderr_is("7 containers in 7 pods stuck on images (dns 1, invalid-name 1, network-unreachable 1, never-pull-missing 1, not-found 1, short-name 1, signature 1) of 8 pods scanned\n")
        .table_is(
            r"
NAMESPACE   POD           CONTAINER   IMAGE                         REASON                      CAUSE                 NODE     SINCE   PODS   REMEDY
shop        backoff       app         registry.corp.example/app:1   ImagePullBackOff            dns                   node-a   <age>   1      fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
shop        badname       app         https://nginx                 InvalidImageName            invalid-name          node-a   <age>   1      fix the image string: no URL scheme, lowercase repository, one :tag and/or @sha256: digest
shop        errpull       app         nginx:1.99                    ErrImagePull                not-found             node-a   <age>   1      correct the tag or digest, or push the image; check the registry UI
shop        inspect       app         nginx                         ImageInspectError           short-name            node-a   <age>   1      use a fully-qualified image name (docker.io/library/nginx) or set unqualified-search-registries in registries.conf
shop        never         app         local/app:dev                 ErrImageNeverPull           never-pull-missing    node-a   <age>   1      load the image into this node's runtime (kind load, k3s ctr images import, minikube image load) or use imagePullPolicy: IfNotPresent
shop        unavailable   app         quay.io/acme/app:1            RegistryUnavailable         network-unreachable   node-a   <age>   1      check the registry is up on that port and routable from the node (localhost registries are only reachable on their host)
shop        unsigned      app         quay.io/acme/unsigned:1       SignatureValidationFailed   signature             node-a   <age>   1      sign the image, or correct policy.json / sigstore keys on the nodes
",
            SINCE,
        );
}

#[test]
fn nothing_stuck_exits_0_with_an_empty_report() {
    let srv = FakeApiServer::start(Cluster::new().pod(healthy("a", "one")).pod(
        healthy("b", "two").container("side", "busybox").waiting(
            "side",
            "CrashLoopBackOff",
            "back-off 5m0s restarting failed container",
        ),
    ));
    let out = run(&srv, &[]);
    out.code(0)
        .stdout_empty()
        .stderr_is("no container is stuck on an image (2 pods scanned)\n");
    let doc = json(run(&srv, &["-o", "json"]).code(0));
    assert_eq!(doc["findings"], Value::Array(vec![]));
    assert_eq!(doc["summary"]["stuckPods"], 0);
    run(&srv, &["-o", "name"])
        .code(0)
        .stdout_empty()
        .stderr_is("no container is stuck on an image (2 pods scanned)\n");
}

#[test]
fn every_container_kind_and_the_events_join() {
    let pod = PodFixture::new("shop", "multi")
        .node("node-b")
        .init_container("init-db", "postgres:99")
        .container("app", "harbor.corp.example/shop/app:1")
        .container("ok", "nginx:1.27.5")
        .ephemeral_container("debug", "nicolaka/netshoot:v9")
        .waiting(
            "init-db",
            "ImagePullBackOff",
            "Back-off pulling image \"postgres:99\"",
        )
        .waiting(
            "app",
            "ImagePullBackOff",
            "Back-off pulling image \"harbor.corp.example/shop/app:1\"",
        )
        .waiting("ok", "PodInitializing", "")
        .waiting("debug", "ErrImagePull", "");
    let events = [
        // The cause of each back-off is only in the latest Failed pull event.
        EventFixture::pull_failed(&pod, "app", "harbor.corp.example/shop/app:1",
            "failed to pull and unpack image \"harbor.corp.example/shop/app:1\": failed to resolve reference \"harbor.corp.example/shop/app:1\": failed to do request: Head \"https://harbor.corp.example/v2/shop/app/manifests/1\": tls: failed to verify certificate: x509: certificate signed by unknown authority"),
        EventFixture::pull_failed(&pod, "init-db", "postgres:99",
            "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/postgres:99\": failed to resolve reference \"docker.io/library/postgres:99\": docker.io/library/postgres:99: not found")
            .field_path("spec.initContainers{init-db}"),
        EventFixture::pull_failed(&pod, "debug", "nicolaka/netshoot:v9",
            "failed to pull and unpack image \"docker.io/nicolaka/netshoot:v9\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/nicolaka/netshoot/manifests/sha256:0: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.")
            .field_path("spec.ephemeralContainers{debug}"),
        // Noise the join must ignore: the bare echo, and an event of another pod.
        EventFixture::for_pod(&pod, Some("app")).warning("Failed", "Error: ImagePullBackOff"),
    ];
    let mut cluster = Cluster::new()
        .node(NodeFixture::new("node-b").ready())
        .pod(pod);
    for e in events {
        cluster = cluster.event(e);
    }
    let srv = FakeApiServer::start(cluster);
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let doc = json(&out);
    assert_eq!(doc["summary"]["stuckContainers"], 3, "{doc:#}");
    let init = finding(&doc, "multi", "init-db");
    assert_eq!(init["kind"], "init");
    assert_eq!(init["cause"], "not-found");
    assert_eq!(init["causeSource"], "event");
    let app = finding(&doc, "multi", "app");
    assert_eq!(app["kind"], "container");
    assert_eq!(app["cause"], "tls");
    assert_eq!(app["causeSource"], "event");
    assert_eq!(app["registry"], "harbor.corp.example");
    assert!(app["eventMessage"].as_str().unwrap().contains("x509"));
    assert_eq!(
        app["message"],
        "Back-off pulling image \"harbor.corp.example/shop/app:1\""
    );
    let debug = finding(&doc, "multi", "debug");
    assert_eq!(debug["kind"], "ephemeral");
    assert_eq!(debug["cause"], "rate-limit");
    // One events list, with the selector that keeps only the kubelet's Failed warnings.
    let lists = srv.requests_to("/api/v1/events");
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert_eq!(
        lists[0].param("fieldSelector"),
        Some("involvedObject.kind=Pod,reason=Failed,type=Warning,source=kubelet")
    );

    // The table shows the kind of each container; -o wide the kubelet's words, and for a
    // back-off the pull event's message behind it.
    const SUMMARY: &str = "3 containers in 1 pod stuck on images (not-found 1, rate-limit 1, tls 1) of 1 pod scanned\n";
    run(&srv, &[]).code(1).stderr_is(SUMMARY).table_is(
        r"
NAMESPACE   POD     CONTAINER         IMAGE                            REASON             CAUSE        NODE     SINCE   PODS   REMEDY
shop        multi   init:init-db      postgres:99                      ImagePullBackOff   not-found    node-b   <age>   1      correct the tag or digest, or push the image; check the registry UI
shop        multi   app               harbor.corp.example/shop/app:1   ImagePullBackOff   tls          node-b   <age>   1      install the registry CA on every node (certs.d for the runtime), renew the certificate, or fix the node clock
shop        multi   ephemeral:debug   nicolaka/netshoot:v9             ErrImagePull       rate-limit   node-b   <age>   1      authenticate pulls with a pull secret, use a pull-through cache or mirror, avoid imagePullPolicy: Always churn
",
        SINCE,
    );
    run(&srv, &["-o", "wide"]).code(1).stderr_is(SUMMARY).table_is(
        r#"
NAMESPACE   POD     CONTAINER         IMAGE                            REGISTRY              REASON             CAUSE        NODE     SINCE   PODS   PULL-SECRETS   REMEDY                                                                                                           MESSAGE
shop        multi   init:init-db      postgres:99                      docker.io             ImagePullBackOff   not-found    node-b   <age>   1      -              correct the tag or digest, or push the image; check the registry UI                                              Failed to pull image "postgres:99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/postgres:99": failed to resolve reference "docker.io/library/postgres:99": docker.io/library/postgres:99: not found
shop        multi   app               harbor.corp.example/shop/app:1   harbor.corp.example   ImagePullBackOff   tls          node-b   <age>   1      -              install the registry CA on every node (certs.d for the runtime), renew the certificate, or fix the node clock    Failed to pull image "harbor.corp.example/shop/app:1": failed to pull and unpack image "harbor.corp.example/shop/app:1": failed to resolve reference "harbor.corp.example/shop/app:1": failed to do request: Head "https://harbor.corp.example/v2/shop/app/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority
shop        multi   ephemeral:debug   nicolaka/netshoot:v9             docker.io             ErrImagePull       rate-limit   node-b   <age>   1      -              authenticate pulls with a pull secret, use a pull-through cache or mirror, avoid imagePullPolicy: Always churn   Failed to pull image "nicolaka/netshoot:v9": failed to pull and unpack image "docker.io/nicolaka/netshoot:v9": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/nicolaka/netshoot/manifests/sha256:0: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.
"#,
        SINCE,
    );
}

#[test]
fn a_back_off_without_any_event_stays_unknown() {
    let srv = FakeApiServer::start(Cluster::new().pod(stuck(
        "a",
        "p",
        "nginx:nope",
        "ImagePullBackOff",
        "Back-off pulling image \"nginx:nope\"",
    )));
    let doc = json(run(&srv, &["-o", "json"]).code(1));
    let f = finding(&doc, "p", "app");
    assert_eq!(f["cause"], "unknown");
    assert_eq!(f["causeSource"], "none");
    assert!(f["eventMessage"].is_null());
}

#[test]
fn events_refused_is_a_warning_not_a_failure() {
    let srv = FakeApiServer::start(Cluster::new().pod(stuck(
        "a",
        "p",
        "nginx:nope",
        "ImagePullBackOff",
        "Back-off pulling image \"nginx:nope\"",
    )));
    srv.inject(Fault::forbidden().on("GET", "/api/v1/events"));
    let out = run(&srv, &["-o", "json"]);
    out.code(1).stderr_is("warning: cannot list events: the API server refused user \"fake-admin\" (403 Forbidden): grant \"list\" on \"events\" in API group \"\" (core) at cluster scope; the cause of back-offs whose status does not carry it stays unknown\n1 container in 1 pod stuck on images (unknown 1) of 1 pod scanned\n");
    let doc = json(&out);
    assert_eq!(finding(&doc, "p", "app")["cause"], "unknown");
    assert_eq!(doc["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn auth_failures_say_whether_a_pull_secret_is_referenced() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .pod(stuck(
                "a",
                "bare",
                "ghcr.io/acme/private:2",
                "ErrImagePull",
                AUTH,
            ))
            .pod(stuck(
                "a",
                "bare-2",
                "ghcr.io/acme/private:2",
                "ErrImagePull",
                AUTH,
            ))
            .pod(
                stuck(
                    "a",
                    "via-pod",
                    "ghcr.io/acme/private:2",
                    "ErrImagePull",
                    AUTH,
                )
                .image_pull_secret("ghcr-creds"),
            )
            .pod(
                stuck(
                    "b",
                    "via-sa",
                    "ghcr.io/acme/private:2",
                    "ErrImagePull",
                    AUTH,
                )
                .service_account("builder"),
            )
            .service_account(ServiceAccountFixture::new("a", "default"))
            .service_account(
                ServiceAccountFixture::new("b", "builder").image_pull_secret("expired-token"),
            ),
    );
    let out = run(&srv, &["-o", "json"]);
    let doc = json(out.code(1));
    let bare = finding(&doc, "bare", "app");
    assert_eq!(bare["cause"], "auth");
    assert_eq!(bare["pullSecrets"], Value::Array(vec![]));
    assert_eq!(bare["serviceAccountPullSecrets"], Value::Array(vec![]));
    assert_eq!(bare["podsSharing"], 4);
    assert_eq!(
        finding(&doc, "via-pod", "app")["pullSecrets"][0],
        "ghcr-creds"
    );
    // Same namespace and service account as `bare`: the fact is known, the pod's own wins.
    assert_eq!(
        finding(&doc, "via-pod", "app")["serviceAccountPullSecrets"],
        Value::Array(vec![])
    );
    assert_eq!(
        finding(&doc, "via-sa", "app")["serviceAccountPullSecrets"][0],
        "expired-token"
    );
    // Each distinct service account read once; the pod with its own secret needs none.
    let sa_gets: Vec<String> = srv
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/serviceaccounts/"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        sa_gets,
        [
            "/api/v1/namespaces/a/serviceaccounts/default",
            "/api/v1/namespaces/b/serviceaccounts/builder"
        ]
    );
    run(&srv, &["-o", "wide"])
        .code(1)
        .stderr_is("4 containers in 4 pods stuck on images (auth 4) of 4 pods scanned\n")
        .table_is(
            r#"
NAMESPACE   POD       CONTAINER   IMAGE                    REGISTRY   REASON         CAUSE   NODE     SINCE   PODS   PULL-SECRETS                REMEDY                                                                                                                                                                                                                                     MESSAGE
a           bare      app         ghcr.io/acme/private:2   ghcr.io    ErrImagePull   auth    node-a   <age>   4      none                        no pull secret on the pod or service account default: check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account   failed to pull and unpack image "ghcr.io/acme/private:2": failed to resolve reference "ghcr.io/acme/private:2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized
a           bare-2    app         ghcr.io/acme/private:2   ghcr.io    ErrImagePull   auth    node-a   <age>   4      none                        no pull secret on the pod or service account default: check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account   failed to pull and unpack image "ghcr.io/acme/private:2": failed to resolve reference "ghcr.io/acme/private:2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized
a           via-pod   app         ghcr.io/acme/private:2   ghcr.io    ErrImagePull   auth    node-a   <age>   4      pod: ghcr-creds             check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account                                                         failed to pull and unpack image "ghcr.io/acme/private:2": failed to resolve reference "ghcr.io/acme/private:2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized
b           via-sa    app         ghcr.io/acme/private:2   ghcr.io    ErrImagePull   auth    node-a   <age>   4      sa/builder: expired-token   check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account                                                         failed to pull and unpack image "ghcr.io/acme/private:2": failed to resolve reference "ghcr.io/acme/private:2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized
"#,
            SINCE,
        );
}

#[test]
fn a_refused_service_account_read_is_a_warning() {
    let srv = FakeApiServer::start(Cluster::new().pod(stuck(
        "a",
        "bare",
        "ghcr.io/acme/private:2",
        "ErrImagePull",
        AUTH,
    )));
    srv.inject(Fault::forbidden().on("GET", "/api/v1/namespaces/a/serviceaccounts/"));
    let out = run(&srv, &["-o", "json"]);
    out.code(1).stderr_is("warning: cannot get serviceaccounts \"default\" in namespace a: the API server refused user \"fake-admin\" (403 Forbidden): grant \"get\" on \"serviceaccounts\" in API group \"\" (core) in namespace \"a\"; whether service accounts carry pull secrets is not shown\n1 container in 1 pod stuck on images (auth 1) of 1 pod scanned\n");
    assert!(finding(&json(&out), "bare", "app")["serviceAccountPullSecrets"].is_null());
}

#[test]
fn pods_are_read_in_pages_and_events_listed_exactly_once() {
    let mut cluster = Cluster::new().node(NodeFixture::new("node-a").ready());
    for i in 0..9 {
        let p = stuck(
            "load",
            &format!("backoff-{i}"),
            "registry.corp.example/app:1",
            "ImagePullBackOff",
            "Back-off pulling image \"registry.corp.example/app:1\"",
        );
        cluster = cluster.event(EventFixture::pull_failed(
            &p,
            "app",
            "registry.corp.example/app:1",
            DNS,
        ));
        cluster = cluster.pod(p);
        cluster = cluster.pod(healthy("load", &format!("fine-{i}")));
    }
    let srv = FakeApiServer::start(cluster);
    let out = run(&srv, &["--chunk-size", "2", "-o", "json"]);
    out.code(1)
        .stderr_is("9 containers in 9 pods stuck on images (dns 9) of 18 pods scanned\n");
    let doc = json(&out);
    assert_eq!(doc["summary"]["podsScanned"], 18);
    assert_eq!(doc["summary"]["stuckPods"], 9);
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["cause"] == "dns" && f["causeSource"] == "event"),
        "{doc:#}"
    );
    assert_eq!(finding(&doc, "backoff-0", "app")["podsSharing"], 9);
    let pod_pages = srv.requests_to("/api/v1/pods");
    assert_eq!(pod_pages.len(), 9, "{pod_pages:?}");
    assert!(pod_pages.iter().all(|r| r.param("limit") == Some("2")));
    assert!(pod_pages[1..].iter().all(|r| r.has_param("continue")));
    let event_requests = srv.requests_to("/api/v1/events");
    // One list (paged with the same chunk size), never a call per pod.
    assert!(event_requests.len() >= 5, "{event_requests:?}");
    assert_eq!(
        event_requests
            .iter()
            .filter(|r| !r.has_param("continue"))
            .count(),
        1,
        "exactly one events list: {event_requests:?}"
    );
    assert!(
        srv.requests()
            .iter()
            .all(|r| !r.path.starts_with("/api/v1/namespaces/"))
    );
}

#[test]
fn group_by_turns_an_outage_into_one_line() {
    let mut cluster = Cluster::new();
    for i in 0..6 {
        cluster = cluster.pod(
            stuck(
                "shop",
                &format!("dns-{i}"),
                "registry.corp.example/app:1",
                "ErrImagePull",
                DNS,
            )
            .node(if i % 2 == 0 { "node-a" } else { "node-b" }),
        );
    }
    cluster = cluster
        .pod(stuck(
            "web",
            "typo",
            "nginx:1.99",
            "ErrImagePull",
            NOT_FOUND,
        ))
        .pod(
            stuck(
                "web",
                "private",
                "ghcr.io/acme/private:2",
                "ErrImagePull",
                AUTH,
            )
            .image_pull_secret("x"),
        );
    let srv = FakeApiServer::start(cluster);

    // Biggest group first; the remedy is the one of the group's commonest cause.
    for (key, want) in [
        (
            "cause",
            r"
CAUSE       CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES        REMEDY
dns         6            6      2       1            <age>   dns:6         fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
auth        1            1      1       1            <age>   auth:1        check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account
not-found   1            1      1       1            <age>   not-found:1   correct the tag or digest, or push the image; check the registry UI
",
        ),
        (
            "registry",
            r"
REGISTRY                CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES        REMEDY
registry.corp.example   6            6      2       1            <age>   dns:6         fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
docker.io               1            1      1       1            <age>   not-found:1   correct the tag or digest, or push the image; check the registry UI
ghcr.io                 1            1      1       1            <age>   auth:1        check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account
",
        ),
        (
            "image",
            r"
IMAGE                         CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES        REMEDY
registry.corp.example/app:1   6            6      2       1            <age>   dns:6         fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
ghcr.io/acme/private:2        1            1      1       1            <age>   auth:1        check the image name first (registries answer the same for a typo); then create or fix the pull secret for this registry host and reference it from the pod or its service account
nginx:1.99                    1            1      1       1            <age>   not-found:1   correct the tag or digest, or push the image; check the registry UI
",
        ),
        (
            "node",
            r"
NODE     CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES                     REMEDY
node-a   5            5      1       2            <age>   dns:3,not-found:1,auth:1   fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
node-b   3            3      1       1            <age>   dns:3                      fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
",
        ),
        (
            "namespace",
            r"
NAMESPACE   CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES               REMEDY
shop        6            6      2       1            <age>   dns:6                fix the node's DNS (resolv.conf, upstream resolver) and check the registry host spelling
web         2            2      1       1            <age>   not-found:1,auth:1   correct the tag or digest, or push the image; check the registry UI
",
        ),
    ] {
        run(&srv, &["--group-by", key])
            .code(1)
            .stderr_is(
                "8 containers in 8 pods stuck on images (dns 6, auth 1, not-found 1) of 8 pods scanned\n",
            )
            .table_is(want, SINCE);
    }

    let doc = json(run(&srv, &["--group-by", "node", "-o", "json"]).code(1));
    assert_eq!(doc["groupBy"], "node");
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups[0]["key"], "node-a");
    assert_eq!(groups[0]["containers"], 5);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 8);

    run(&srv, &["--group-by", "cause", "-o", "name"])
        .code(2)
        .one_error_line()
        .stdout_empty()
        .stderr_is(
            "error: --group-by groups rows of a table or JSON; -o name lists pods, one per line\n",
        );
    run(&srv, &["--group-by", "colour"])
        .code(2)
        .stdout_empty()
        .stderr_is("error: invalid value 'colour' for '--group-by <KEY>'\n  [possible values: cause, image, registry, node, namespace]\n\nFor more information, try '--help'.\n");
}

#[test]
fn node_and_namespace_narrow_the_scan_on_the_server() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .pod(stuck("shop", "here", "nginx:1.99", "ErrImagePull", NOT_FOUND).node("node-a"))
            .pod(stuck("shop", "there", "nginx:1.99", "ErrImagePull", NOT_FOUND).node("node-b"))
            .pod(stuck("web", "elsewhere", "nginx:1.99", "ErrImagePull", NOT_FOUND).node("node-a"))
            .pod(
                stuck(
                    "web",
                    "backoff",
                    "nginx:1.98",
                    "ImagePullBackOff",
                    "Back-off pulling image \"nginx:1.98\"",
                )
                .node("node-b"),
            ),
    );
    run(&srv, &["--node", "node-a", "-o", "name"])
        .code(1)
        .stdout_is("pod/shop/here\npod/web/elsewhere\n")
        .stderr_is("2 containers in 2 pods stuck on images (not-found 2) of 2 pods scanned\n");
    let pods = srv.requests_to("/api/v1/pods");
    assert_eq!(pods[0].param("fieldSelector"), Some("spec.nodeName=node-a"));
    srv.clear_requests();

    run(&srv, &["-n", "web", "-o", "name"])
        .code(1)
        .stdout_is("pod/web/backoff\npod/web/elsewhere\n")
        .stderr_is(
            "2 containers in 2 pods stuck on images (not-found 1, unknown 1) of 2 pods scanned\n",
        );
    // The namespace scopes the events list too.
    assert_eq!(srv.requests_to("/api/v1/namespaces/web/pods").len(), 1);
    assert_eq!(srv.requests_to("/api/v1/namespaces/web/events").len(), 1);
    assert!(srv.requests_to("/api/v1/events").is_empty());

    for args in [&["--node", "node-c"], &["-n", "nowhere"]] {
        run(&srv, args)
            .code(0)
            .stdout_empty()
            .stderr_is("no container is stuck on an image (0 pods scanned)\n");
    }
    // -A is the default, accepted for kubectl habits.
    run(&srv, &["-A", "-o", "name"])
        .code(1)
        .stdout_is("pod/shop/here\npod/shop/there\npod/web/backoff\npod/web/elsewhere\n")
        .stderr_is(
            "4 containers in 4 pods stuck on images (not-found 3, unknown 1) of 4 pods scanned\n",
        );
    // The usage line names --kubeconfig because the test passes it.
    run(&srv, &["-A", "-n", "web"])
        .code(2)
        .stdout_empty()
        .stderr_is("error: the argument '--all-namespaces' cannot be used with '--namespace <NAMESPACE>'\n\nUsage: kubelet-doctor images --all-namespaces --kubeconfig <PATH>\n\nFor more information, try '--help'.\n");
    run(&srv, &["--node", ""])
        .code(2)
        .one_error_line()
        .stdout_empty()
        .stderr_is("error: --node: the node name is empty\n");
}

#[test]
fn selector_is_passed_to_the_server() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .pod(stuck("shop", "web", "nginx:1.99", "ErrImagePull", NOT_FOUND).label("app", "web"))
            .pod(stuck("shop", "db", "nginx:1.99", "ErrImagePull", NOT_FOUND).label("app", "db")),
    );
    run(&srv, &["-l", "app=web", "-o", "name"])
        .code(1)
        .stdout_is("pod/shop/web\n")
        .stderr_is("1 container in 1 pod stuck on images (not-found 1) of 1 pod scanned\n");
    assert_eq!(
        srv.requests_to("/api/v1/pods")[0].param("labelSelector"),
        Some("app=web")
    );
}

#[test]
fn pods_forbidden_exits_2_naming_the_permission() {
    let srv = every_reason();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/pods"));
    run(&srv, &[])
        .code(2)
        .one_error_line()
        .stdout_empty()
        .stderr_is("error: cannot list pods: the API server refused user \"fake-admin\" (403 Forbidden): grant \"list\" on \"pods\" in API group \"\" (core) at cluster scope\n");
}

#[test]
fn escape_sequences_never_reach_the_table_raw_but_stay_in_json() {
    let evil = "not found\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mRED\rover\u{202e}txt";
    let srv = FakeApiServer::start(Cluster::new().pod(stuck(
        "shop",
        "evil",
        "nginx:1.99",
        "ErrImagePull",
        evil,
    )));
    for args in [
        &[][..],
        &["-o", "wide"][..],
        &["--group-by", "cause"][..],
        &["-o", "name"][..],
    ] {
        let out = run(&srv, args);
        out.code(1);
        for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
            assert!(
                !out.stdout.contains(raw),
                "{args:?}: raw {raw:?} in {:?}",
                out.stdout
            );
            assert!(!out.stderr.contains(raw), "{args:?}: raw {raw:?} on stderr");
        }
    }
    // Each control character is shown escaped, in the message column only.
    run(&srv, &[]).table_is(
        r"
NAMESPACE   POD    CONTAINER   IMAGE        REASON         CAUSE       NODE     SINCE   PODS   REMEDY
shop        evil   app         nginx:1.99   ErrImagePull   not-found   node-a   <age>   1      correct the tag or digest, or push the image; check the registry UI
",
        SINCE,
    );
    run(&srv, &["-o", "wide"]).table_is(
        r"
NAMESPACE   POD    CONTAINER   IMAGE        REGISTRY    REASON         CAUSE       NODE     SINCE   PODS   PULL-SECRETS   REMEDY                                                                MESSAGE
shop        evil   app         nginx:1.99   docker.io   ErrImagePull   not-found   node-a   <age>   1      -              correct the tag or digest, or push the image; check the registry UI   not found\e]0;pwned\x07\e[2J\e[31mRED\rover\u{202e}txt
",
        SINCE,
    );
    run(&srv, &["--group-by", "cause"]).table_is(
        r"
CAUSE       CONTAINERS   PODS   NODES   NAMESPACES   SINCE   CAUSES        REMEDY
not-found   1            1      1       1            <age>   not-found:1   correct the tag or digest, or push the image; check the registry UI
",
        SINCE,
    );
    let doc = json(run(&srv, &["-o", "json"]).code(1));
    assert_eq!(finding(&doc, "evil", "app")["message"], evil);
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_status() {
    let srv = every_reason();
    let out = run(&srv, &["-q"]);
    out.code(1).stdout_empty();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    Run::new(Some(srv.kubeconfig_path()))
        .args(["--exit-zero", "images"])
        .run()
        .code(0)
        .stderr_is("7 containers in 7 pods stuck on images (dns 1, invalid-name 1, network-unreachable 1, never-pull-missing 1, not-found 1, short-name 1, signature 1) of 8 pods scanned\n");
}

#[test]
fn an_undecodable_pod_is_named_on_stderr_and_the_others_are_reported() {
    let srv = FakeApiServer::start(Cluster::new().pod(stuck(
        "shop",
        "typo",
        "nginx:1.99",
        "ErrImagePull",
        NOT_FOUND,
    )));
    let broken = r#"{"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "odd", "namespace": "shop", "uid": "0000-odd"},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]},
        "status": {"containerStatuses": [{"name": "app", "image": "nginx", "imageID": "", "ready": false,
            "restartCount": "many", "state": {"waiting": {"reason": "ErrImagePull", "message": "x"}}}]}}"#;
    srv.with_state(|c| c.add_raw("pods", fake_apiserver::J::parse(broken).unwrap()));
    let out = run(&srv, &["-o", "name"]);
    out.code(1)
        .stdout_is("pod/shop/typo\n")
        .stderr_is("warning: pod shop/odd waits on an image but could not be decoded (invalid type: string \"many\", expected i32 at line 1 column 283); it is not in the report\n1 container in 1 pod stuck on images (not-found 1) of 2 pods scanned\n");
}

#[test]
fn node_credential_registries_without_a_pull_secret_are_the_credential_provider() {
    const ECR: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    let forbidden = format!(
        "failed to pull and unpack image \"{ECR}/shop/app:1\": failed to resolve reference \"{ECR}/shop/app:1\": unexpected status from HEAD request to https://{ECR}/v2/shop/app/manifests/1: 403 Forbidden"
    );
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            // 403 in whatever wording, no pull secret anywhere: the node's credentials failed.
            .pod(stuck("shop", "ecr", &format!("{ECR}/shop/app:1"), "ErrImagePull", &forbidden))
            // The same with a pull secret: that secret is what was refused.
            .pod(
                stuck("shop", "ecr-secret", &format!("{ECR}/shop/app:1"), "ErrImagePull", &forbidden)
                    .image_pull_secret("ecr-creds"),
            )
            // An old Docker message names the registry that refused, not the pod's image.
            .pod(stuck(
                "shop",
                "old-docker",
                "app:1",
                "ErrImagePull",
                &format!("Error response from daemon: Get https://{ECR}/v2/app/manifests/1: no basic auth credentials"),
            ))
            // Google Artifact Registry is served by node credentials too.
            .pod(stuck(
                "shop",
                "gar",
                "europe-docker.pkg.dev/acme/app/web:1",
                "ErrImagePull",
                "failed to pull and unpack image \"europe-docker.pkg.dev/acme/app/web:1\": failed to resolve reference \"europe-docker.pkg.dev/acme/app/web:1\": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized",
            )),
    );
    let doc = json(&run(&srv, &["-o", "json"]));
    let seen = |pod: &str| {
        let f = finding(&doc, pod, "app");
        (
            f["cause"].as_str().unwrap().to_string(),
            f["registry"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(seen("ecr"), ("credential-provider".into(), ECR.into()));
    assert_eq!(seen("ecr-secret"), ("auth".into(), ECR.into()));
    assert_eq!(
        seen("old-docker"),
        ("credential-provider".into(), ECR.into())
    );
    assert_eq!(
        seen("gar"),
        ("credential-provider".into(), "europe-docker.pkg.dev".into())
    );
}

fn on_terminal(srv: &FakeApiServer, cols: usize, args: &str) -> Option<String> {
    crate::harness::on_terminal(srv.kubeconfig_path(), cols, args)
}

/// A terminal screen of `images` split at its first empty line into the table and what
/// follows (the remedies, the summary), after checking that no line is wider than `cols` (the
/// summary line on stderr is a sentence, not a table row).
fn table_and_legend(screen: &str, cols: usize) -> (Vec<&str>, Vec<&str>) {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.is_empty())
        .expect("a blank line");
    for line in lines.iter().filter(|l| !l.contains("stuck on images")) {
        assert!(
            line.chars().count() <= cols,
            "{cols}: {line:?} is too wide:\n{screen}"
        );
    }
    (lines[..at].to_vec(), lines[at..].to_vec())
}

#[test]
fn on_a_terminal_the_table_fits_and_says_each_remedy_once() {
    let srv = every_reason();
    for cols in [80, 120] {
        let Some(screen) = on_terminal(&srv, cols, "images") else {
            return;
        };
        let (table, rest) = table_and_legend(&screen, cols);
        assert!(
            table[0].starts_with("NAMESPACE") && !table[0].contains("REMEDY"),
            "{screen}"
        );
        // One row per stuck container still, and each remedy said once, below, by cause.
        assert_eq!(
            table.len() - 1,
            run(&srv, &[]).stdout.lines().count() - 1,
            "{screen}"
        );
        assert_eq!(rest[1], "REMEDY", "{screen}");
        let not_found = rest
            .iter()
            .filter(|l| l.starts_with("  not-found "))
            .count();
        assert_eq!(not_found, 1, "{screen}");
        assert!(
            rest.iter()
                .any(|l| l.contains("correct the tag or digest, or push the image")),
            "{screen}"
        );
    }
    // The grouped view too: one row per cause, remedies below.
    for cols in [80, 120] {
        let Some(screen) = on_terminal(&srv, cols, "images --group-by cause") else {
            return;
        };
        let (table, rest) = table_and_legend(&screen, cols);
        assert!(
            table[0].starts_with("CAUSE ") && !table[0].contains("REMEDY"),
            "{screen}"
        );
        assert_eq!(rest[1], "REMEDY", "{screen}");
    }
    // Into a pipe, full rows as before: scripts see every column.
    let piped = run(&srv, &[]);
    assert!(
        piped.stdout.lines().next().unwrap().ends_with("REMEDY"),
        "{}",
        piped.stdout
    );
}
