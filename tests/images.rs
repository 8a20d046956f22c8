//! `kubelet-doctor images` through the real binary against the fake API server: every
//! kubelet reason, every container kind, the events join, the service-account check,
//! pagination with exactly one events list, grouping, --node / -n, the output formats, escape
//! sequences in messages, and the exit status a runbook branches on.

use crate::harness::{Outcome, Run};
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

fn row<'a>(out: &'a Outcome, pod: &str) -> &'a str {
    out.row(1, pod)
}

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
        .stdout_has("NAMESPACE")
        .stdout_has("REMEDY")
        .stderr_is("7 containers in 7 pods stuck on images (dns 1, invalid-name 1, network-unreachable 1, never-pull-missing 1, not-found 1, short-name 1, signature 1) of 8 pods scanned\n")
        ;
    let r = row(&table, "errpull");
    for part in [
        "shop",
        "app",
        "nginx:1.99",
        "ErrImagePull",
        "not-found",
        "node-a",
    ] {
        assert!(r.contains(part), "{part} in {r}");
    }
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
    run(&srv, &["-o", "name"]).code(0).stdout_empty();
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

    let table = run(&srv, &[]);
    table
        .code(1)
        .stdout_has("init:init-db")
        .stdout_has("ephemeral:debug");
    let wide = run(&srv, &["-o", "wide"]);
    wide.code(1)
        .stdout_has("REGISTRY")
        .stdout_has("MESSAGE")
        .stdout_has("x509: certificate signed by unknown authority");
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
    out.code(1).stderr_has("warning:").stderr_has("events");
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
    let wide = run(&srv, &["-o", "wide"]);
    wide.code(1);
    assert!(
        row(&wide, "bare").contains(" none "),
        "{}",
        row(&wide, "bare")
    );
    assert!(row(&wide, "bare").contains("no pull secret on the pod or service account default"));
    assert!(row(&wide, "via-pod").contains("pod: ghcr-creds"));
    assert!(row(&wide, "via-sa").contains("sa/builder: expired-token"));
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
    out.code(1)
        .stderr_has("warning:")
        .stderr_has("serviceaccounts");
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
    let doc = json(out.code(1));
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

    let out = run(&srv, &["--group-by", "cause"]);
    out.code(1).stdout_has("CAUSE").stdout_has("CONTAINERS");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    let dns = lines[1].split_whitespace().collect::<Vec<_>>();
    assert_eq!(&dns[..5], ["dns", "6", "6", "2", "1"], "{}", lines[1]);
    assert!(lines[1].contains("fix the node's DNS"));

    let by_registry = run(&srv, &["--group-by", "registry"]);
    by_registry.code(1).stdout_has("REGISTRY");
    assert!(
        by_registry
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("registry.corp.example ")
    );
    for key in ["image", "node", "namespace"] {
        let out = run(&srv, &["--group-by", key]);
        out.code(1).stdout_has(&key.to_uppercase());
    }
    let by_ns = run(&srv, &["--group-by", "namespace"]);
    assert!(
        by_ns.stdout.contains("web ") && by_ns.stdout.contains("not-found:1"),
        "{}",
        by_ns.stdout
    );

    let doc = json(run(&srv, &["--group-by", "node", "-o", "json"]).code(1));
    assert_eq!(doc["groupBy"], "node");
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups[0]["key"], "node-a");
    assert_eq!(groups[0]["containers"], 5);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 8);

    run(&srv, &["--group-by", "cause", "-o", "name"])
        .code(2)
        .one_error_line();
    run(&srv, &["--group-by", "colour"]).code(2);
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
    let out = run(&srv, &["--node", "node-a", "-o", "name"]);
    out.code(1);
    assert_eq!(out.stdout, "pod/shop/here\npod/web/elsewhere\n");
    let pods = srv.requests_to("/api/v1/pods");
    assert_eq!(pods[0].param("fieldSelector"), Some("spec.nodeName=node-a"));
    srv.clear_requests();

    let out = run(&srv, &["-n", "web", "-o", "name"]);
    out.code(1);
    assert_eq!(out.stdout, "pod/web/backoff\npod/web/elsewhere\n");
    // The namespace scopes the events list too.
    assert_eq!(srv.requests_to("/api/v1/namespaces/web/pods").len(), 1);
    assert_eq!(srv.requests_to("/api/v1/namespaces/web/events").len(), 1);
    assert!(srv.requests_to("/api/v1/events").is_empty());

    run(&srv, &["--node", "node-c"]).code(0).stdout_empty();
    run(&srv, &["-n", "nowhere"]).code(0);
    // -A is the default, accepted for kubectl habits.
    let all = run(&srv, &["-A", "-o", "name"]);
    all.code(1);
    assert_eq!(all.stdout.lines().count(), 4);
    run(&srv, &["-A", "-n", "web"]).code(2);
    run(&srv, &["--node", ""]).code(2).one_error_line();
}

#[test]
fn selector_is_passed_to_the_server() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .pod(stuck("shop", "web", "nginx:1.99", "ErrImagePull", NOT_FOUND).label("app", "web"))
            .pod(stuck("shop", "db", "nginx:1.99", "ErrImagePull", NOT_FOUND).label("app", "db")),
    );
    let out = run(&srv, &["-l", "app=web", "-o", "name"]);
    out.code(1);
    assert_eq!(out.stdout, "pod/shop/web\n");
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
    let wide = run(&srv, &["-o", "wide"]);
    wide.stdout_has("\\e]0;pwned\\x07\\e[2J");
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
        .code(0);
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
        .stderr_has("warning: pod shop/odd waits on an image but could not be decoded");
    assert_eq!(out.stdout, "pod/shop/typo\n");
}
