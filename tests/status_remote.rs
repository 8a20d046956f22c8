//! `status --node NAME` and `status --all-nodes` through the real binary against the fake API
//! server: the Node's Ready condition and Lease, and the kubelet's journal through the node
//! proxy's system log query (NodeLogQuery) where the fake kubelet offers it, a `/var/log`
//! listing where the feature is off, a 404 where the handler is off.

use std::time::Duration;

use crate::harness::Run;
use fake_apiserver::{Cluster, FakeApiServer, Kubelet, NodeFixture, NodeLogs};
use serde_json::Value;

/// Two runs of a kubelet dying on swap, as `journalctl --utc --output=short-precise` prints them.
const SWAP_LOOP: &str = "-- Boot 5f0e8a --
Jun 03 10:12:03.000001 node-a systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.
Jun 03 10:12:03.100000 node-a kubelet[4242]: I0603 10:12:03.100000    4242 server.go:484] \"Kubelet version\" kubeletVersion=\"v1.33.1\"
Jun 03 10:12:03.200000 node-a kubelet[4242]: E0603 10:12:03.200000    4242 run.go:72] \"command failed\" err=\"failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false\"
Jun 03 10:12:03.300000 node-a systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE
Jun 03 10:12:03.300100 node-a systemd[1]: kubelet.service: Failed with result 'exit-code'.
Jun 03 10:12:13.400000 node-a systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 7.
Jun 03 10:12:13.500000 node-a systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.
Jun 03 10:12:13.600000 node-a kubelet[4300]: I0603 10:12:13.600000    4300 server.go:484] \"Kubelet version\" kubeletVersion=\"v1.33.1\"
Jun 03 10:12:13.700000 node-a kubelet[4300]: E0603 10:12:13.700000    4300 run.go:72] \"command failed\" err=\"failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false\"
Jun 03 10:12:13.800000 node-a systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE
";

const CNI: &str = "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

fn cluster() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(
                NodeFixture::new("node-a")
                    .not_ready("KubeletNotReady", "Kubelet stopped posting node status.")
                    .label("pool", "a")
                    .lease_renewed_ago(Duration::from_secs(600)),
            )
            .node(NodeFixture::new("node-b").ready().label("pool", "b"))
            .node(
                NodeFixture::new("node-c")
                    .not_ready("KubeletNotReady", CNI)
                    .label("pool", "a"),
            )
            .lease_for_all_nodes()
            .node_logs("node-a", NodeLogs::Journal(SWAP_LOOP.into()))
            .node_logs("node-c", NodeLogs::NotFound),
    )
}

fn json(out: &crate::harness::Outcome) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// `status --node NODE -o json`'s node, checked to be degraded by exactly one warning.
fn degraded_by_one_warning(srv: &FakeApiServer, node: &str) -> Value {
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", node, "-o", "json"])
        .run();
    out.code(1);
    let n = json(&out)["nodes"][0].clone();
    assert_eq!(n["verdict"], "degraded");
    let findings = n["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["severity"], "warning");
    n
}

#[test]
fn one_node_with_its_journal_names_the_fatal_cause() {
    let srv = cluster();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-a", "-o", "json"])
        .run();
    out.code(1);
    let doc = json(&out);
    assert_eq!(doc["kind"], "StatusNodesReport");
    assert_eq!(doc["version"], 1);
    let n = &doc["nodes"][0];
    assert_eq!(n["node"], "node-a");
    assert_eq!(n["verdict"], "failing");
    assert_eq!(n["logs"]["state"], "read");
    assert_eq!(n["logs"]["lines"], 11);
    let f = &n["findings"][0];
    assert_eq!(f["cause"], "swap-enabled");
    assert_eq!(f["fatal"], true);
    assert_eq!(f["source"], "journal");
    assert_eq!(f["count"], 2);
    // short-precise has no year: the one that puts the line in the past.
    assert!(
        f["time"].as_str().unwrap().ends_with("-06-03T10:12:13Z"),
        "{f}"
    );
    assert!(
        f["evidence"]
            .as_str()
            .unwrap()
            .ends_with("running with swap on is not supported, please disable swap or set --fail-swap-on flag to false\""),
        "{f}"
    );
    // The stale Lease is the API server's side of the same story.
    let causes: Vec<&str> = n["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cause"].as_str().unwrap())
        .collect();
    assert_eq!(causes, ["swap-enabled", "api-unreachable"]);
    assert_eq!(
        doc["causes"],
        serde_json::json!([
            {"cause": "api-unreachable", "nodes": ["node-a"]},
            {"cause": "swap-enabled", "nodes": ["node-a"]},
        ])
    );
}

#[test]
fn one_node_in_text_says_what_was_not_seen() {
    let srv = cluster();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-b"])
        .run();
    out.code(0);
    out.stdout_has("Node node-b: verdict healthy (through the API server)\n");
    out.stdout_has("journal   not read: the kubelet does not answer system log queries (it served its /var/log listing): needs feature gate NodeLogQuery and enableSystemLogQuery: true\n");
    out.stdout_has("unit      not seen remotely\n");
    out.stdout_has("\nNot seen remotely: unit state, command line, config files, host files (swap, cgroups, certificates, ports, sysctls), CRI and healthz: only on the node (`sudo kubelet-doctor status` there).\n");
}

#[test]
fn all_nodes_are_grouped_by_cause() {
    let srv = cluster();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "--parallel", "2"])
        .run();
    out.code(1);
    let head: Vec<&str> = out.stdout.lines().take(4).collect();
    assert_eq!(
        head,
        [
            "api-unreachable on 1 of 3 nodes: node-a",
            "cni-not-ready on 1 of 3 nodes: node-c",
            "swap-enabled on 1 of 3 nodes: node-a",
            "healthy: 1 of 3 nodes",
        ]
    );
    let words = |node: &str| -> Vec<String> {
        out.row(0, node)
            .split_whitespace()
            .take(5)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        words("node-a"),
        [
            "node-a",
            "failing",
            "swap-enabled,api-unreachable",
            "11",
            "lines"
        ]
    );
    assert_eq!(words("node-b"), ["node-b", "healthy", "-", "not", "read"]);
    assert_eq!(
        words("node-c"),
        ["node-c", "degraded", "cni-not-ready", "not", "read"]
    );
}

#[test]
fn the_selector_and_a_handler_that_is_off() {
    let srv = cluster();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "-l", "pool=a", "-o", "json"])
        .run();
    out.code(1);
    let doc = json(&out);
    let names: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["node"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["node-a", "node-c"]);
    assert_eq!(
        doc["nodes"][1]["logs"]["why"],
        "the kubelet has no /logs/ handler (enableSystemLogHandler: false)"
    );
    assert_eq!(doc["nodes"][1]["findings"][0]["cause"], "cni-not-ready");
}

#[test]
fn a_missing_node_is_its_own_error_and_exit_2() {
    let srv = cluster();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-b", "--node", "ghost"])
        .run();
    out.code(2);
    out.stdout_has("healthy: 1 of 2 nodes\n");
    let ghost: Vec<&str> = out.row(0, "ghost").split_whitespace().collect();
    assert_eq!(
        ghost,
        [
            "ghost", "unknown", "-", "not", "read", "the", "API", "server", "has", "no", "Node",
            "named", "ghost"
        ]
    );
    out.stderr_has("node ghost: the API server has no Node named ghost\n");
}

#[test]
fn a_hung_kubelet_costs_one_timeout() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-h").ready().kubelet(Kubelet::Hang))
            .lease_for_all_nodes(),
    );
    let started = std::time::Instant::now();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args([
            "status",
            "--node",
            "node-h",
            "--timeout",
            "1s",
            "-o",
            "json",
        ])
        .run();
    assert!(started.elapsed() < Duration::from_secs(8));
    out.code(0);
    let doc = json(&out);
    assert_eq!(doc["nodes"][0]["verdict"], "healthy");
    assert_eq!(doc["nodes"][0]["logs"]["why"], "no answer within 1s");
}

#[test]
fn hostile_journal_text_is_sanitized() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-x").ready())
            .lease_for_all_nodes()
            .node_logs(
                "node-x",
                NodeLogs::Journal(
                    "Jun 03 10:00:00.000000 node-x kubelet[9]: E0603 10:00:00.000000       9 run.go:72] \"command failed\" err=\"\x1b]0;pwned\x07unknown flag: --bogus\"\nnot a journal line\n".into(),
                ),
            ),
    );
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-x"])
        .run();
    out.code(1);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    out.stdout_has("[1] unknown-flag: error, fatal");
    out.stdout_has("\njournal   2 lines, 1 run; last run started 20");
    out.stdout_has("; 1 line not from the journal, skipped (node log query)\n");
}

#[test]
fn pending_csrs_of_the_node_are_findings() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-b").ready())
            .lease_for_all_nodes()
            .csr(
                "csr-serving",
                "system:node:node-b",
                "kubernetes.io/kubelet-serving",
                None,
            )
            .csr(
                "csr-approved",
                "system:node:node-b",
                "kubernetes.io/kube-apiserver-client-kubelet",
                Some("Approved"),
            )
            .csr(
                "csr-other",
                "system:node:node-z",
                "kubernetes.io/kubelet-serving",
                None,
            ),
    );
    let n = degraded_by_one_warning(&srv, "node-b");
    assert_eq!(n["findings"][0]["cause"], "csr-pending");
    assert_eq!(
        n["findings"][0]["evidence"],
        "CSR csr-serving from system:node:node-b for kubernetes.io/kubelet-serving is pending (neither approved nor denied), created 2025-06-03T10:00:00Z"
    );
    let api = n["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "api")
        .unwrap();
    assert!(
        api["result"]
            .as_str()
            .unwrap()
            .ends_with("; 1 pending CSR(s)"),
        "{api}"
    );
}

#[test]
fn the_csrs_are_listed_once_for_all_nodes_and_the_log_query_is_exact() {
    let srv = cluster();
    Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "-q"])
        .run()
        .code(1);
    assert_eq!(
        srv.requests_to("/apis/certificates.k8s.io/v1/certificatesigningrequests")
            .len(),
        1
    );
    let logs = srv.requests_to("/api/v1/nodes/node-a/proxy/logs/");
    assert_eq!(logs.len(), 1);
    assert_eq!(
        logs[0].query,
        [
            ("query".to_string(), "kubelet".to_string()),
            ("tailLines".to_string(), "5000".to_string())
        ]
    );
}

/// A kubelet line of the short-precise journal at `t`, its klog header at the same time.
fn journal_line(t: std::time::SystemTime, pid: u32, klog: &str) -> String {
    // 2025-06-03T10:12:03.000001Z -> 0603 10:12:03.000001
    let iso = fake_apiserver::util::format_time(t, true);
    let header = format!("{}{} {}", &iso[5..7], &iso[8..10], &iso[11..26]);
    let (level, rest) = klog.split_at(1);
    format!(
        "{} node-s kubelet[{pid}]: {level}{header}    {pid} {rest}\n",
        fake_apiserver::short_precise_time(t)
    )
}

/// A run started two hours ago that could not reach its CNI then, and is fine ten minutes ago.
fn old_cni_errors_then_quiet() -> String {
    let now = std::time::SystemTime::now();
    let ago = |m: u64| now - Duration::from_secs(m * 60);
    let cni =
        format!("Ekubelet.go:3117] \"Container runtime network not ready\" networkReady=\"{CNI}\"");
    [
        format!(
            "{} node-s systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.\n",
            fake_apiserver::short_precise_time(ago(120))
        ),
        journal_line(
            ago(120),
            4242,
            "Iserver.go:484] \"Kubelet version\" kubeletVersion=\"v1.33.1\"",
        ),
        journal_line(ago(119), 4242, &cni),
        journal_line(ago(118), 4242, &cni),
        journal_line(
            ago(10),
            4242,
            "Ikubelet.go:2459] \"SyncLoop ADD\" source=\"api\" pods=[]",
        ),
        journal_line(
            ago(9),
            4242,
            "Ikubelet.go:2459] \"SyncLoop ADD\" source=\"api\" pods=[]",
        ),
    ]
    .concat()
}

fn window_cluster() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-s").ready())
            .node(NodeFixture::new("node-t").ready())
            .lease_for_all_nodes()
            .node_logs("node-s", NodeLogs::Journal(old_cni_errors_then_quiet())),
    )
}

/// The `sinceTime` the one request to `node`'s log query carried, checked to be `since`
/// before a time between `before` and `after` (when the binary ran).
fn since_time_sent(
    srv: &FakeApiServer,
    node: &str,
    since: Duration,
    (before, after): (std::time::SystemTime, std::time::SystemTime),
) -> String {
    let logs = srv.requests_to(&format!("/api/v1/nodes/{node}/proxy/logs/"));
    assert_eq!(logs.len(), 1);
    let q = &logs[0].query;
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[0], ("query".to_string(), "kubelet".to_string()));
    assert_eq!(q[1], ("tailLines".to_string(), "5000".to_string()));
    assert_eq!(q[2].0, "sinceTime");
    let sent = &q[2].1;
    // RFC 3339 in UTC to the second, as the kubelet's time.Parse(time.RFC3339, ...) takes it.
    assert_eq!(sent.len(), 20, "{sent}");
    let t = fake_apiserver::util::parse_time(sent).unwrap_or_else(|| panic!("{sent}"));
    let whole =
        |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert!(
        whole(before - since) <= whole(t) && whole(t) <= whole(after - since),
        "{sent}"
    );
    sent.clone()
}

#[test]
fn since_asks_the_log_query_from_then_and_the_lines_before_are_not_read() {
    let srv = window_cluster();
    // Without a window the CNI errors of two hours ago are read.
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-s", "-o", "json"])
        .run();
    let doc = json(&out);
    assert_eq!(doc["nodes"][0]["logs"]["lines"], 6);
    assert_eq!(doc["nodes"][0]["findings"][0]["cause"], "cni-not-ready");
    assert_eq!(
        srv.requests_to("/api/v1/nodes/node-s/proxy/logs/")[0]
            .query
            .len(),
        2
    );

    let srv = window_cluster();
    let before = std::time::SystemTime::now();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--node", "node-s", "--since", "30m"])
        .run();
    let sent = since_time_sent(
        &srv,
        "node-s",
        Duration::from_secs(1800),
        (before, std::time::SystemTime::now()),
    );
    out.code(0);
    out.stdout_has("Node node-s: verdict healthy (through the API server)\n");
    // The fake's journalctl kept the last ten minutes' two lines only.
    out.stdout_has("\njournal   2 lines, 1 run;");
    out.stdout_has(&format!(" (node log query since {sent})\n"));
    assert!(!out.stdout.contains("cni"), "{}", out.stdout);
    out.stdout_has(&format!(
        "\nNot seen remotely: unit state, command line, config files, host files (swap, cgroups, certificates, ports, sysctls), CRI and healthz: only on the node (`sudo kubelet-doctor status` there); the journal before {sent} (--since).\n"
    ));
}

#[test]
fn since_with_all_nodes_is_one_window_for_every_node() {
    let srv = window_cluster();
    let before = std::time::SystemTime::now();
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "--since", "1h", "-o", "json"])
        .run();
    let after = std::time::SystemTime::now();
    out.code(0);
    let hour = Duration::from_secs(3600);
    let sent = since_time_sent(&srv, "node-s", hour, (before, after));
    assert_eq!(since_time_sent(&srv, "node-t", hour, (before, after)), sent);
    let doc = json(&out);
    assert_eq!(doc["nodes"][0]["logs"]["lines"], 2);
    assert_eq!(doc["nodes"][0]["findings"], serde_json::json!([]));
    for n in doc["nodes"].as_array().unwrap() {
        assert!(
            n["notSeen"]
                .as_str()
                .unwrap()
                .ends_with(&format!("; the journal before {sent} (--since)")),
            "{n}"
        );
    }
    // A bundle has no log query to narrow.
    let out = Run::new(None)
        .args(["status", "--bundle", "b", "--since", "1h"])
        .run();
    out.code(2);
    out.stderr_has("'--bundle <DIR>' cannot be used with '--since <DURATION>'");
}

#[test]
fn an_approved_csr_without_a_certificate_names_the_missing_signer() {
    let node = "system:node:node-b";
    let serving = "kubernetes.io/kubelet-serving";
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("node-b").ready())
            .lease_for_all_nodes()
            .unsigned_csr("csr-unsigned", node, serving, Duration::from_secs(5 * 3600))
            // A signer may still be at it: not yet a finding.
            .unsigned_csr("csr-just-approved", node, serving, Duration::from_secs(60))
            .csr("csr-signed", node, serving, Some("Approved"))
            .csr("csr-denied", node, serving, Some("Denied"))
            .csr("csr-failed", node, serving, Some("Failed")),
    );
    let n = degraded_by_one_warning(&srv, "node-b");
    let f = &n["findings"][0];
    assert_eq!(f["cause"], "csr-pending");
    assert_eq!(
        f["evidence"],
        "CSR csr-unsigned from system:node:node-b for kubernetes.io/kubelet-serving was approved 5h ago but no certificate was issued: no signer is running for kubernetes.io/kubelet-serving"
    );
    assert_eq!(
        f["remedy"],
        "nobody signs it by default: kube-controller-manager's csrsigning controller signs kubernetes.io/kubelet-serving only when it runs with --cluster-signing-cert-file and --cluster-signing-key-file (or --cluster-signing-kubelet-serving-cert-file and --cluster-signing-kubelet-serving-key-file) and --controllers does not leave csrsigning out; or run the external signer for kubernetes.io/kubelet-serving; it then signs the approved CSR"
    );
}

/// What the standalone fake's `--pending-csrs 1 --unsigned-csrs 1 --node-logs FILE` build:
/// the first node's serving CSR pending, the second's approved and never signed, the same
/// journal behind every node's log query.
#[test]
fn the_standalone_fakes_csrs_and_journal_are_judged() {
    let spec = fake_apiserver::synth::Synthetic {
        nodes: 3,
        pods: 0,
        stuck_fraction: 0.0,
        failing_fraction: 0.0,
        unreachable_fraction: 0.0,
        sick_fraction: 0.0,
        ..Default::default()
    };
    let mut cluster = spec.build();
    cluster.add_serving_csrs(1, 1);
    cluster.set_node_logs_for_all(&NodeLogs::Journal(SWAP_LOOP.into()));
    let srv = FakeApiServer::start(cluster);
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "-o", "json"])
        .run();
    out.code(1);
    let doc = json(&out);
    assert_eq!(
        doc["causes"],
        serde_json::json!([
            {"cause": "swap-enabled", "nodes": ["node-00001", "node-00002", "node-00003"]},
            {"cause": "csr-pending", "nodes": ["node-00001", "node-00002"]},
        ])
    );
    let csr = |node: usize| {
        let findings = doc["nodes"][node]["findings"].as_array().unwrap();
        let f = findings
            .iter()
            .find(|f| f["cause"] == "csr-pending")
            .unwrap();
        f["evidence"].as_str().unwrap().to_string()
    };
    let pending = csr(0);
    assert!(
        pending.starts_with("CSR csr-node-00001 from system:node:node-00001 for kubernetes.io/kubelet-serving is pending (neither approved nor denied), created 20"),
        "{pending}"
    );
    assert_eq!(
        csr(1),
        "CSR csr-node-00002 from system:node:node-00002 for kubernetes.io/kubelet-serving was approved 60m ago but no certificate was issued: no signer is running for kubernetes.io/kubelet-serving"
    );
}

#[test]
fn on_a_terminal_the_node_table_fits_and_only_the_detail_is_cut() {
    let srv = cluster();
    let Some(screen) =
        crate::harness::on_terminal(srv.kubeconfig_path(), 100, "status --all-nodes")
    else {
        return;
    };
    assert!(screen.lines().all(|l| l.chars().count() <= 100), "{screen}");
    let row = |node: &str| {
        screen
            .lines()
            .find(|l| l.starts_with(node))
            .unwrap_or_else(|| panic!("no {node} row:\n{screen}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    // Names, verdicts and causes whole; the CNI message cut with an ellipsis.
    let c = row("node-c");
    assert_eq!(c[..3], ["node-c", "degraded", "cni-not-ready"], "{screen}");
    assert!(c.last().unwrap().ends_with('…'), "{screen}");
    // Off a terminal the detail is whole (scripts read -o json, people may pipe to less).
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes"])
        .run();
    assert!(
        out.stdout
            .contains(&format!("Node node-c Ready=False KubeletNotReady: {CNI}")),
        "{}",
        out.stdout
    );
}

#[test]
fn the_nodes_pressure_conditions_are_findings() {
    use fake_apiserver::Pressure;
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("disk").ready().pressure(Pressure::Disk))
            .node(
                NodeFixture::new("mem-pid")
                    .ready()
                    .pressure(Pressure::Memory)
                    .pressure(Pressure::Pid),
            )
            .node(NodeFixture::new("fine").ready())
            .lease_for_all_nodes(),
    );
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["status", "--all-nodes", "-o", "json"])
        .run();
    out.code(1);
    let doc = json(&out);
    let causes = |node: &str| -> Vec<(String, String)> {
        doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["node"] == node)
            .unwrap()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["cause"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let w = |c: &str| (c.to_string(), "warning".to_string());
    assert_eq!(causes("disk"), [w("disk-pressure")]);
    assert_eq!(causes("mem-pid"), [w("memory-pressure"), w("pid-pressure")]);
    assert_eq!(causes("fine"), []);
}
