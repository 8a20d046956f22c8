//! `config lint --node`, `--node --diff` and `--all-nodes` through the real binary against
//! the fake API server: the live `/configz` through the node proxy, RBAC refusals, kubelets
//! that hang or cannot be reached, bounded concurrency and grouped findings.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run};
use fake_apiserver::{Cluster, FakeApiServer, Fault, Kubelet, NodeFixture};
use serde_json::{Value, json};

fn lint(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["config", "lint"])
        .args(args)
        .run()
}

/// A live config as `/configz` returns it, built from kubelet fields.
fn configz(fields: Value) -> Value {
    json!({ "kubeletconfig": fields })
}

/// A hardened live config: no finding above info level.
fn hardened() -> Value {
    configz(json!({
        "enableServer": true,
        "staticPodPath": "/etc/kubernetes/manifests",
        "syncFrequency": "1m0s",
        "address": "0.0.0.0",
        "port": 10250,
        "rotateCertificates": true,
        "serverTLSBootstrap": true,
        "authentication": {
            "x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"},
            "webhook": {"enabled": true, "cacheTTL": "2m0s"},
            "anonymous": {"enabled": false}
        },
        "authorization": {"mode": "Webhook", "webhook": {"cacheAuthorizedTTL": "5m0s", "cacheUnauthorizedTTL": "30s"}},
        "readOnlyPort": 0,
        "healthzPort": 10248,
        "healthzBindAddress": "127.0.0.1",
        "clusterDomain": "cluster.local",
        "clusterDNS": ["10.96.0.10"],
        "streamingConnectionIdleTimeout": "5m0s",
        "podPidsLimit": 4096,
        "seccompDefault": true,
        "protectKernelDefaults": true,
        "makeIPTablesUtilChains": true,
        "cgroupDriver": "systemd",
        "maxPods": 110,
        "containerRuntimeEndpoint": "unix:///run/containerd/containerd.sock",
        "tlsCipherSuites": [
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
        ],
        "tlsMinVersion": "VersionTLS12"
    }))
}

/// The same with anonymous auth on and the read-only port open (two CIS warnings).
fn open_kubelet() -> Value {
    let mut v = hardened();
    v["kubeletconfig"]["authentication"]["anonymous"]["enabled"] = json!(true);
    v["kubeletconfig"]["readOnlyPort"] = json!(10255);
    v
}

/// A config the kubelet refuses to start with (image GC low threshold above the high one).
fn invalid() -> Value {
    let mut v = hardened();
    v["kubeletconfig"]["imageGCHighThresholdPercent"] = json!(70);
    v["kubeletconfig"]["imageGCLowThresholdPercent"] = json!(90);
    v
}

fn proxy_requests(srv: &FakeApiServer) -> Vec<String> {
    srv.requests()
        .into_iter()
        .filter(|r| r.path.contains("/proxy/"))
        .map(|r| r.path)
        .collect()
}

// ---------------------------------------------------------------------------------------
// --node

#[test]
fn node_lints_the_live_config_through_the_node_proxy() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz("node-a", open_kubelet()),
    );
    let out = lint(&srv, &["--node", "node-a", "-o", "concise"]);
    out.code(0)
        .stdout_has("node/node-a")
        .stdout_has("KL401 [warning]")
        .stderr_has("in 1 file.");
    assert_eq!(proxy_requests(&srv), ["/api/v1/nodes/node-a/proxy/configz"]);
    lint(&srv, &["--node", "node-a", "--strict"])
        .code(1)
        .stdout_has("warning[KL401]");
}

#[test]
fn node_with_an_invalid_live_config_exits_1() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz("node-a", invalid()),
    );
    let out = lint(&srv, &["--node", "node-a"]);
    out.code(1).stdout_has("error[KL105]");
    // A one-line JSON body is cut to a window around the marker, not printed whole.
    assert!(
        out.stdout.lines().all(|l| l.chars().count() < 200),
        "{}",
        out.stdout
    );
    let json = lint(&srv, &["--node", "node-a", "-o", "json"]);
    json.code(1);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["files"][0]["path"], "node/node-a");
    assert_eq!(doc["files"][0]["kind"], "configz");
}

#[test]
fn the_default_kubeadm_configz_has_no_errors() {
    // The fake's built-in /configz is what a v1.33 kubeadm node returns (no
    // imagePullCredentialsVerificationPolicy, which only a 1.35+ kubelet fills in by default);
    // it is clean for the default node version and for a newer kubelet alike.
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    lint(&srv, &["--node", "node-a", "-o", "concise"])
        .code(0)
        .stdout_has("node/node-a");
    let srv = FakeApiServer::start(
        Cluster::new().node(
            NodeFixture::new("node-a")
                .ready()
                .kubelet_version("v1.35.2"),
        ),
    );
    lint(&srv, &["--node", "node-a", "-o", "concise"])
        .code(0)
        .stdout_has("node/node-a");
}

#[test]
fn live_configs_are_judged_by_the_kubelet_version_each_node_reports() {
    // imagePullCredentialsVerificationPolicy needs the KubeletEnsureSecretPulledImages gate,
    // off by default before 1.35: an error on a 1.33 kubelet, fine on a 1.35 one.
    let mut body = hardened();
    body["kubeletconfig"]["imagePullCredentialsVerificationPolicy"] =
        json!("NeverVerifyPreloadedImages");
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("old").ready().kubelet_version("v1.33.1"))
            .configz("old", body.clone())
            .node(NodeFixture::new("new").ready().kubelet_version("v1.35.0"))
            .configz("new", body),
    );
    lint(&srv, &["--node", "old", "-o", "concise"])
        .code(1)
        .stdout_has("KL109 [error]");
    lint(&srv, &["--node", "new", "-o", "concise"]).code(0);
    lint(
        &srv,
        &[
            "--node",
            "old",
            "-o",
            "concise",
            "--kubelet-version",
            "1.35",
        ],
    )
    .code(0);
    lint(&srv, &["--all-nodes", "-o", "concise", "--select", "KL109"])
        .code(1)
        .stdout_has("KL109 [error] on 1 of 2 nodes (old)");
    lint(
        &srv,
        &[
            "--all-nodes",
            "--select",
            "KL109",
            "--kubelet-version",
            "1.33",
        ],
    )
    .code(1)
    .stdout_has("on all 2 nodes");
    // Without `get nodes` the version cannot be read: said once, newest rules applied.
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/old").exact());
    lint(&srv, &["--node", "old", "-o", "concise"])
        .code(0)
        .stderr_has("warning: cannot read the kubelet version of node \"old\"")
        .stderr_has("--kubelet-version");
}

#[test]
fn a_missing_get_nodes_proxy_permission_is_named() {
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/node-a/proxy"));
    lint(&srv, &["--node", "node-a"])
        .code(2)
        .stdout_empty()
        .stderr_is(
            "error: cannot get nodes/proxy \"node-a\": the API server refused user \"fake-admin\" (403 Forbidden): grant \"get\" on \"nodes/proxy\" in API group \"\" (core) at cluster scope\n",
        );
}

#[test]
fn an_unknown_node_exits_2() {
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    lint(&srv, &["--node", "node-z"])
        .code(2)
        .stderr_is("error: node \"node-z\" not found\n");
}

#[test]
fn a_hung_kubelet_times_out_with_request_timeout() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .kubelet("node-a", Kubelet::Hang),
    );
    let started = Instant::now();
    lint(&srv, &["--node", "node-a", "--request-timeout", "1s"])
        .code(2)
        .stderr_is(
            "error: cannot get nodes/proxy \"node-a\": no answer from the API server within 1s (--request-timeout)\n",
        );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_unreachable_kubelet_exits_2_with_the_proxys_reason() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .kubelet("node-a", Kubelet::Unreachable),
    );
    lint(&srv, &["--node", "node-a"])
        .code(2)
        .stderr_is(
            "error: cannot get nodes/proxy \"node-a\": the API server answered 503 ServiceUnavailable: error trying to reach service: dial tcp 10.0.73.23:10250: connect: connection refused\n",
        );
}

#[test]
fn credentials_in_the_live_config_are_never_printed() {
    let mut body = hardened();
    body["kubeletconfig"]["staticPodURL"] = json!("https://pods.example/manifests");
    body["kubeletconfig"]["staticPodURLHeader"] =
        json!({"Authorization": ["Bearer s3cr3t-live-token"]});
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz("node-a", body),
    );
    for format in ["full", "concise", "json", "sarif", "github"] {
        lint(&srv, &["--node", "node-a", "-o", format])
            .stdout_has("KL417")
            .never_shows("s3cr3t-live-token");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    std::fs::write(
        &file,
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodURLHeader:\n  Authorization: [\"Bearer s3cr3t-file-token\"]\n",
    )
    .unwrap();
    for format in ["full", "json"] {
        lint(
            &srv,
            &[
                "--node",
                "node-a",
                "--diff",
                &file.display().to_string(),
                "-o",
                format,
            ],
        )
        .code(1)
        .stdout_has("staticPodURLHeader.Authorization")
        .never_shows("s3cr3t-live-token")
        .never_shows("s3cr3t-file-token");
    }
}

// ---------------------------------------------------------------------------------------
// --node --diff

fn write(dir: &tempfile::TempDir, name: &str, body: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

const HEADER: &str = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

#[test]
fn diff_shows_what_flags_and_drop_ins_changed() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz(
                "node-a",
                configz(json!({"maxPods": 250, "readOnlyPort": 10255, "clusterDomain": "cluster.local"})),
            ),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "config.yaml",
        &format!("{HEADER}maxPods: 110\nreadOnlyPort: 0\nclusterDomain: cluster.local\n"),
    );
    let out = lint(&srv, &["--node", "node-a", "--diff", &file]);
    out.code(1)
        .stdout_has("FIELD")
        .stderr_has("2 fields differ")
        .stderr_has("flags and drop-ins win");
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["maxPods", "110", "250"],
            vec!["readOnlyPort", "0", "10255"]
        ]
    );

    let json = lint(&srv, &["--node", "node-a", "--diff", &file, "-o", "json"]);
    json.code(1);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["node"], "node-a");
    assert_eq!(doc["file"], file.as_str());
    assert_eq!(
        doc["differences"][1],
        json!({"field": "readOnlyPort", "file": "0", "live": "10255"})
    );
}

#[test]
fn diff_of_a_file_the_kubelet_runs_unchanged_exits_0() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz(
                "node-a",
                configz(json!({"maxPods": 110, "readOnlyPort": 0})),
            ),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "same.yaml",
        &format!("{HEADER}maxPods: 110\nreadOnlyPort: 0\n"),
    );
    lint(&srv, &["--node", "node-a", "--diff", &file])
        .code(0)
        .stdout_empty()
        .stderr_is(&format!("{file} matches what node/node-a runs.\n"));
}

#[test]
fn diff_with_an_unreadable_file_fails_before_asking_the_cluster() {
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    lint(
        &srv,
        &["--node", "node-a", "--diff", "/nonexistent/config.yaml"],
    )
    .code(2)
    .one_error_line()
    .stderr_has("cannot read /nonexistent/config.yaml");
    assert!(
        proxy_requests(&srv).is_empty(),
        "{:?}",
        proxy_requests(&srv)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "c.yaml", HEADER);
    lint(&srv, &["--node", "node-a", "--diff", &file, "-o", "sarif"]).code(2);
}

// ---------------------------------------------------------------------------------------
// --all-nodes

fn fleet() -> FakeApiServer {
    let mut c = Cluster::new();
    for i in 1..=6 {
        let name = format!("worker-{i}");
        c = c
            .node(NodeFixture::new(&name).ready().label("pool", "general"))
            .configz(&name, open_kubelet());
    }
    c = c
        .node(NodeFixture::new("cp-1").ready().control_plane())
        .configz("cp-1", invalid())
        .node(NodeFixture::new("gpu-1").ready().label("pool", "gpu"))
        .configz("gpu-1", hardened());
    FakeApiServer::start(c)
}

#[test]
fn all_nodes_groups_identical_findings() {
    let srv = fleet();
    let out = lint(&srv, &["--all-nodes"]);
    out.code(1)
        .stdout_has("warning[KL401]")
        .stdout_has("on 6 of 8 nodes (worker-1, worker-2, worker-3, worker-4, worker-5, worker-6)")
        .stdout_has("error[KL105]")
        .stdout_has("on 1 of 8 nodes (cp-1)")
        .stderr_has("Linted 8 of 8 nodes: 1 with errors, 6 with warnings only, 1 without either.");
    // Errors come first.
    let e = out.stdout.find("error[KL105]").unwrap();
    let w = out.stdout.find("warning[KL401]").unwrap();
    assert!(e < w, "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("warning[KL401]").count(),
        1,
        "grouped: {}",
        out.stdout
    );

    let concise = lint(&srv, &["--all-nodes", "-o", "concise", "--select", "KL401"]);
    concise.code(0).stdout_has(
        "KL401 [warning] on 6 of 8 nodes (worker-1, worker-2, worker-3, worker-4, worker-5 and 1 more): ",
    );
    assert_eq!(concise.stdout.lines().count(), 1, "{}", concise.stdout);
}

#[test]
fn all_nodes_in_json_has_one_entry_per_node_sorted_by_name() {
    let srv = fleet();
    let out = lint(&srv, &["--all-nodes", "-o", "json"]);
    out.code(1);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 8);
    assert!(paths.contains(&"node/gpu-1"));
    assert!(
        doc["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["location"].is_null())
    );
    let sarif = lint(&srv, &["--all-nodes", "-o", "sarif"]);
    let doc: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
}

#[test]
fn all_nodes_with_a_selector_asks_only_the_matching_kubelets() {
    let srv = fleet();
    let out = lint(&srv, &["--all-nodes", "-l", "pool=gpu"]);
    out.code(0)
        .stderr_is("Linted 1 of 1 node: 0 with errors, 0 with warnings only, 1 without either.\n");
    assert_eq!(proxy_requests(&srv), ["/api/v1/nodes/gpu-1/proxy/configz"]);
    let list = srv.requests_to("/api/v1/nodes");
    assert_eq!(list[0].param("labelSelector"), Some("pool=gpu"));
    lint(&srv, &["--all-nodes", "-l", "pool=none"])
        .code(0)
        .stdout_empty()
        .stderr_is("No nodes match the selector \"pool=none\".\n");
}

#[test]
fn one_nodes_failure_never_hides_the_others() {
    let srv = fleet();
    srv.set_kubelet("worker-2", Kubelet::Hang);
    srv.set_kubelet("worker-3", Kubelet::Hang);
    srv.set_kubelet("gpu-1", Kubelet::Unreachable);
    let started = Instant::now();
    let out = lint(&srv, &["--all-nodes", "--request-timeout", "1s"]);
    let elapsed = started.elapsed();
    out.code(2)
        .stdout_has("on 4 of 5 nodes (worker-1, worker-4, worker-5, worker-6)")
        .stdout_has("on 1 of 5 nodes (cp-1)")
        .stderr_has("cannot get nodes/proxy on 2 nodes (worker-2, worker-3): no answer")
        .stderr_has("nodes/proxy \"gpu-1\": the API server answered 503")
        .stderr_has("Linted 5 of 8 nodes")
        .stderr_has("3 of 8 could not be read.");
    // The two hung kubelets were waited for at the same time, not one after the other.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    // --exit-zero does not forgive a node that could not be read.
    Run::new(Some(srv.kubeconfig_path()))
        .args([
            "--exit-zero",
            "config",
            "lint",
            "--all-nodes",
            "--request-timeout",
            "1s",
        ])
        .run()
        .code(2);
}

#[test]
fn a_missing_permission_on_every_node_reads_as_one_line() {
    let srv = fleet();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/"));
    let out = lint(&srv, &["--all-nodes"]);
    out.code(2)
        .stdout_empty()
        .stderr_is(
            "error: cannot get nodes/proxy on 8 nodes (cp-1, gpu-1, worker-1, worker-2, worker-3 and 3 more): the API server refused user \"fake-admin\" (403 Forbidden): grant \"get\" on \"nodes/proxy\" in API group \"\" (core) at cluster scope\nLinted 0 of 8 nodes: 0 with errors, 0 with warnings only, 0 without either; 8 of 8 could not be read.\n",
        );
}

#[test]
fn listing_nodes_needs_list_nodes() {
    let srv = fleet();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes").exact());
    lint(&srv, &["--all-nodes"])
        .code(2)
        .stderr_is(
            "error: cannot list nodes: the API server refused user \"fake-admin\" (403 Forbidden): grant \"list\" on \"nodes\" in API group \"\" (core) at cluster scope\n",
        );
    assert!(proxy_requests(&srv).is_empty());
}

#[test]
fn parallel_bounds_how_many_kubelets_are_asked_at_once() {
    let mut c = Cluster::new();
    for i in 1..=4 {
        let name = format!("n{i}");
        c = c
            .node(NodeFixture::new(&name).ready())
            .configz(&name, hardened())
            .kubelet(&name, Kubelet::Slow(Duration::from_millis(700)));
    }
    let srv = FakeApiServer::start(c);
    let time = |parallel: &str| {
        let started = Instant::now();
        lint(&srv, &["--all-nodes", "--parallel", parallel, "-q"]).code(0);
        started.elapsed()
    };
    let serial = time("1");
    assert!(
        serial >= Duration::from_millis(2800),
        "--parallel 1 took {serial:?}"
    );
    let parallel = time("4");
    assert!(
        parallel < Duration::from_millis(2600),
        "--parallel 4 took {parallel:?} (serial {serial:?})"
    );
}

#[test]
fn quiet_all_nodes_prints_no_report() {
    let srv = fleet();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["-q", "config", "lint", "--all-nodes"])
        .run();
    out.code(1).stdout_empty();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn no_kubeconfig_is_exit_2_before_any_lint() {
    let home = tempfile::tempdir().unwrap();
    let out = Run::new(Some(Path::new("/nonexistent/kubeconfig")))
        .env("HOME", home.path())
        .args(["config", "lint", "--node", "a"])
        .run();
    out.code(2).one_error_line();
}

#[test]
fn a_finding_every_node_has_does_not_list_them_all() {
    let mut c = Cluster::new();
    for name in ["a", "b", "c"] {
        c = c
            .node(NodeFixture::new(name).ready())
            .configz(name, open_kubelet());
    }
    let srv = FakeApiServer::start(c);
    lint(&srv, &["--all-nodes", "--select", "KL401"])
        .code(0)
        .stdout_has(" --> on all 3 nodes\n");
    lint(&srv, &["--all-nodes", "--select", "KL401", "-o", "concise"])
        .code(0)
        .stdout_has("KL401 [warning] on all 3 nodes: anonymous requests");
}

#[test]
fn diff_never_shows_static_pod_url_credentials_or_any_header_value() {
    let mut body = hardened();
    body["kubeletconfig"]["staticPodURL"] =
        json!("https://kubelet:l1ve-pass@pods.example/m?token=l1ve-tok&v=l1ve-v");
    body["kubeletconfig"]["staticPodURLHeader"] =
        json!({"X-Custom": ["l1ve-hdr"], "Authorization": ["Bearer l1ve-auth"]});
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz("node-a", body),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "c.yaml",
        &format!(
            "{HEADER}staticPodURL: https://f1le-user@pods.example/m?token=f1le-tok\nstaticPodURLHeader:\n  X-Custom: [f1le-hdr]\n  Authorization: [\"Bearer f1le-auth\"]\n"
        ),
    );
    let secrets = [
        "l1ve-pass",
        "l1ve-tok",
        "l1ve-v",
        "l1ve-hdr",
        "l1ve-auth",
        "f1le-user",
        "f1le-tok",
        "f1le-hdr",
        "f1le-auth",
    ];
    let table = lint(&srv, &["--node", "node-a", "--diff", &file]);
    table.code(1);
    for secret in secrets {
        table.never_shows(secret);
    }
    let rows: Vec<Vec<&str>> = table
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|r: &Vec<&str>| r[0].starts_with("staticPodURL"))
        .collect();
    assert_eq!(
        rows,
        [
            vec![
                "staticPodURL",
                "https://xxxxx@pods.example/m?token=xxxxx",
                "https://xxxxx@pods.example/m?token=xxxxx&v=xxxxx"
            ],
            vec![
                "staticPodURLHeader.Authorization",
                "<redacted>",
                "<redacted>"
            ],
            vec!["staticPodURLHeader.X-Custom", "<redacted>", "<redacted>"],
        ],
        "{}",
        table.stdout
    );
    let json = lint(&srv, &["--node", "node-a", "--diff", &file, "-o", "json"]);
    json.code(1);
    for secret in secrets {
        json.never_shows(secret);
    }
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let url = doc["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "staticPodURL")
        .expect("staticPodURL differs");
    assert_eq!(
        url,
        &json!({
            "field": "staticPodURL",
            "file": "https://xxxxx@pods.example/m?token=xxxxx",
            "live": "https://xxxxx@pods.example/m?token=xxxxx&v=xxxxx"
        })
    );
}

#[test]
fn a_hostile_live_config_never_shows_its_header_values() {
    let mut body = hardened();
    // A kubelet would never serve this shape; a hostile or broken one can.
    body["kubeletconfig"]["staticPodURL"] =
        json!("https://kubelet:h0stile-pass@pods.example/m?token=h0stile-tok");
    body["kubeletconfig"]["staticPodURLHeader"] = json!("Bearer h0stile-str");
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-a").ready())
            .configz("node-a", body),
    );
    for format in ["full", "concise", "json", "sarif", "github"] {
        lint(&srv, &["--node", "node-a", "-o", format])
            .code(1)
            .stdout_has(
                "`staticPodURLHeader` must be a mapping of names to lists of strings, found a string",
            )
            .never_shows("h0stile");
    }
}

#[test]
fn diff_compares_both_sides_after_defaulting_and_says_unset() {
    // The live config as a kubeadm node's /configz shows it: every field, defaults included.
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    let dir = tempfile::tempdir().unwrap();
    // A small file: what it leaves out reads as the kubelet's default. cgroupDriver is the
    // live value; the rest (logging buffer sizes, maxPods...) equal the defaults.
    let file = write(
        &dir,
        "small.yaml",
        &format!("{HEADER}cgroupDriver: systemd\nmaxPods: 110\ntlsCertFile: \"\"\n"),
    );
    let out = lint(&srv, &["--node", "node-a", "--diff", &file, "-o", "json"]);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let fields: Vec<&str> = doc["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert!(
        !fields.iter().any(|f| f.starts_with("logging.")),
        "defaults equal to the live values are not differences: {fields:?}"
    );
    assert!(
        !fields.contains(&"cgroupDriver") && !fields.contains(&"maxPods"),
        "{fields:?}"
    );
    let tls = doc["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "tlsCertFile")
        .expect("tlsCertFile differs");
    assert_eq!(
        tls,
        &json!({"field": "tlsCertFile", "file": null, "live": "/var/lib/kubelet/pki/kubelet.crt"})
    );
    let table = lint(&srv, &["--node", "node-a", "--diff", &file]);
    table.code(1);
    let row = table
        .stdout
        .lines()
        .find(|l| l.starts_with("tlsCertFile "))
        .expect("a tlsCertFile row");
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["tlsCertFile", "<unset>", "/var/lib/kubelet/pki/kubelet.crt"]
    );
}

#[test]
fn on_a_terminal_the_diff_fits_its_width() {
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    let dir = tempfile::tempdir().unwrap();
    let long = format!("/etc/{}/resolv.conf", "very-long-directory-name/".repeat(4));
    let file = write(
        &dir,
        "long.yaml",
        &format!(
            "{HEADER}resolvConf: {long}\ncontainerRuntimeEndpoint: unix:///run/k3s/containerd/containerd.sock\n"
        ),
    );
    let piped = lint(&srv, &["--node", "node-a", "--diff", &file]);
    assert!(
        piped.stdout.contains(&long),
        "a pipe gets whole values:\n{}",
        piped.stdout
    );
    for cols in [80, 120] {
        let Some(screen) = crate::harness::on_terminal(
            srv.kubeconfig_path(),
            cols,
            &format!("config lint --node node-a --diff '{file}'"),
        ) else {
            return;
        };
        let table: Vec<&str> = screen.lines().filter(|l| !l.contains("differ")).collect();
        for line in &table {
            assert!(
                line.chars().count() <= cols,
                "{cols}: {line:?} is too wide:\n{screen}"
            );
        }
        assert_eq!(table.len(), piped.stdout.lines().count(), "{screen}");
        assert!(
            table
                .iter()
                .any(|l| l.starts_with("resolvConf ") && l.contains('…')),
            "{screen}"
        );
    }
}
