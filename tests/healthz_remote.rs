//! `kubelet-doctor healthz` through the API server's node proxy: a fleet of healthy, failing,
//! hung and unreachable kubelets, the verdicts that combine healthz with Ready and the Lease
//! (and say when they disagree), node selection, permissions, --wait and the JSON shape.

use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run, Vary, timed, timed_after};
use fake_apiserver::{Cluster, FakeApiServer, Fault, Kubelet, NodeFixture};

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["healthz"])
        .args(args)
        .run()
}

/// Lease ages and latencies are measured against the clock.
const TIMES: &[Vary] = &[
    timed("LEASE"),
    timed("LATENCY"),
    timed_after("DETAIL", "lease "),
];

/// `node`'s lease is `nominal` seconds old, give or take the second the run takes, and a stale
/// one says the same age in DETAIL.
#[track_caller]
fn assert_lease_age(out: &Outcome, node: &str, nominal: u64) {
    if let Some(age) = crate::harness::lease_age_is(out, node, nominal) {
        let detail = out.cell(node, "DETAIL");
        assert!(
            detail.contains(&format!("lease {age} stale")),
            "{node}: {detail}"
        );
    }
}

fn fleet() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("good").ready().label("pool", "a"))
            .node(
                NodeFixture::new("failing")
                    .ready()
                    .label("pool", "a")
                    .kubelet(Kubelet::FailingCheck("syncloop".into())),
            )
            .node(NodeFixture::new("hung").ready().kubelet(Kubelet::Hang))
            .node(
                NodeFixture::new("gone")
                    .ready()
                    .kubelet(Kubelet::Unreachable),
            )
            .node(
                NodeFixture::new("stale")
                    .ready()
                    .lease_renewed_ago(Duration::from_secs(240)),
            )
            .node(NodeFixture::new("notready").not_ready("KubeletNotReady", "PLEG is not healthy"))
            .lease_for_all_nodes(),
    )
}

#[test]
fn every_kubelet_gets_its_verdict_and_one_failure_hides_no_other() {
    let srv = fleet();
    let started = Instant::now();
    let out = run(&srv, &["--all-nodes", "--timeout", "1s"]);
    out.code(1).stderr_is("5 of 6 kubelets unhealthy\n");
    assert!(started.elapsed() < Duration::from_secs(10));
    // The fake API server answers for an unreachable kubelet as a real one does, with the
    // node's address (from its name) in Go's dial error.
    out.table_is(
        r"
NODE       VERDICT     HEALTHZ             READY   LEASE           LATENCY   DETAIL
failing    Unhealthy   failing (500)       True    <age>           <age>     failing checks: syncloop
gone       Unhealthy   unreachable (503)   True    <age>           <age>     the API server cannot reach the kubelet: error trying to reach service: dial tcp 10.0.186.74:10250: connect: connection refused
good       Healthy     ok                  True    <age>           <age>
hung       Unhealthy   timeout             True    <age>           -         no answer within 1s: the kubelet is hung or overloaded
notready   Unhealthy   ok                  False   <age>           <age>     healthz ok but node NotReady (KubeletNotReady)
stale      Unhealthy   ok                  True    <age> (stale)   <age>     healthz ok but lease <age> stale: the kubelet cannot reach the API server
",
        TIMES,
    );
    for n in ["failing", "gone", "good", "hung", "notready"] {
        assert_lease_age(&out, n, 5);
    }
    assert_lease_age(&out, "stale", 240);
    // Every kubelet was asked once, verbosely.
    for n in ["good", "failing", "hung", "gone", "stale", "notready"] {
        let reqs = srv.requests_to(&format!("/api/v1/nodes/{n}/proxy/healthz"));
        assert_eq!(reqs.len(), 1, "{n}");
        assert_eq!(reqs[0].param("verbose"), Some(""));
    }
}

#[test]
fn named_healthy_nodes_exit_0_and_only_they_are_probed() {
    let srv = fleet();
    let out = run(&srv, &["good"]);
    out.code(0).stderr_is("kubelet healthy\n").table_is(
        r"
NODE   VERDICT   HEALTHZ   READY   LEASE   LATENCY   DETAIL
good   Healthy   ok        True    <age>   <age>
",
        TIMES,
    );
    assert_eq!(srv.requests_to("/api/v1/nodes/good/proxy/healthz").len(), 1);
    assert!(srv.requests_to("/api/v1/nodes/hung/proxy").is_empty());
}

#[test]
fn a_selector_picks_the_nodes() {
    let srv = fleet();
    let out = run(&srv, &["-l", "pool=a"]);
    out.code(1)
        .stderr_is("1 of 2 kubelets unhealthy\n")
        .table_is(
            r"
NODE      VERDICT     HEALTHZ         READY   LEASE   LATENCY   DETAIL
failing   Unhealthy   failing (500)   True    <age>   <age>     failing checks: syncloop
good      Healthy     ok              True    <age>   <age>
",
            TIMES,
        );
    assert!(srv.requests_to("/api/v1/nodes/hung/proxy").is_empty());
    run(&srv, &["-l", "pool=none"])
        .code(0)
        .stdout_empty()
        .stderr_is("No nodes match the selector \"pool=none\".\n");
    let out = run(&srv, &["-l", "pool=none", "-o", "json"]);
    out.code(0)
        .stderr_is("No nodes match the selector \"pool=none\".\n");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["results"], serde_json::json!([]));
}

#[test]
fn a_missing_named_node_is_reported_and_the_others_still_shown() {
    let srv = fleet();
    let out = run(&srv, &["good", "nope"]);
    out.code(2)
        .one_error_line()
        .stderr_is("error: node \"nope\" not found\nkubelet healthy\n")
        .table_is(
            r"
NODE   VERDICT   HEALTHZ   READY   LEASE   LATENCY   DETAIL
good   Healthy   ok        True    <age>   <age>
",
            TIMES,
        );
}

#[test]
fn forbidden_node_proxy_names_the_permission_and_its_power() {
    let srv = fleet();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/good/proxy"));
    let out = run(&srv, &["good"]);
    out.code(2)
        .one_error_line()
        .stderr_is("error: cannot get nodes/proxy \"good\": the API server refused user \"fake-admin\" (403 Forbidden): grant \"get\" on \"nodes/proxy\" in API group \"\" (core) at cluster scope (a powerful permission: it reaches the kubelet's whole API, exec and logs included)\n1 of 1 kubelet not judged\n")
        ;
    out.table_is(
        r"
NODE   VERDICT   HEALTHZ      READY   LEASE   LATENCY   DETAIL
good   Unknown   not-probed   True    <age>   -         403 Forbidden: needs get nodes/proxy
",
        TIMES,
    );

    // Forbidden everywhere: still one error line, not one per node.
    let srv = fleet();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/").times(1000));
    let out = run(&srv, &["--all-nodes"]);
    out.code(2)
        .one_error_line()
        .stderr_is("error: cannot get nodes/proxy \"failing\": the API server refused user \"fake-admin\" (403 Forbidden): grant \"get\" on \"nodes/proxy\" in API group \"\" (core) at cluster scope (a powerful permission: it reaches the kubelet's whole API, exec and logs included) (and 5 more nodes)\n6 of 6 kubelets not judged\n")
        ;
    out.table_is(
        r"
NODE       VERDICT   HEALTHZ      READY   LEASE           LATENCY   DETAIL
failing    Unknown   not-probed   True    <age>           -         403 Forbidden: needs get nodes/proxy
gone       Unknown   not-probed   True    <age>           -         403 Forbidden: needs get nodes/proxy
good       Unknown   not-probed   True    <age>           -         403 Forbidden: needs get nodes/proxy
hung       Unknown   not-probed   True    <age>           -         403 Forbidden: needs get nodes/proxy
notready   Unknown   not-probed   False   <age>           -         403 Forbidden: needs get nodes/proxy; node NotReady (KubeletNotReady)
stale      Unknown   not-probed   True    <age> (stale)   -         403 Forbidden: needs get nodes/proxy; lease <age> stale: the kubelet cannot reach the API server
",
        TIMES,
    );
    assert_lease_age(&out, "stale", 240);
}

#[test]
fn unreadable_leases_still_probe_but_cannot_claim_success() {
    let srv = fleet();
    srv.inject(Fault::forbidden().on(
        "GET",
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
    ));
    let out = run(&srv, &["-l", "pool=a"]);
    out.code(2)
        .one_error_line()
        .stderr_is("error: cannot list leases in namespace kube-node-lease: the API server refused user \"fake-admin\" (403 Forbidden): grant \"list\" on \"leases\" in API group \"coordination.k8s.io\" in namespace \"kube-node-lease\"; lease ages are not judged, so a kubelet that stopped heartbeating would not show\n1 of 2 kubelets unhealthy\n")
        ;
    out.table_is(
        r"
NODE      VERDICT     HEALTHZ         READY   LEASE   LATENCY   DETAIL
failing   Unhealthy   failing (500)   True    ?       <age>     failing checks: syncloop
good      Healthy     ok              True    ?       <age>
",
        TIMES,
    );
}

#[test]
fn json_is_a_stable_document() {
    let srv = fleet();
    let out = run(&srv, &["--all-nodes", "--timeout", "1s", "-o", "json"]);
    out.code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["apiVersion"], "kubelet-doctor/v1");
    assert_eq!(v["kind"], "HealthzReport");
    assert_eq!(v["mode"], "remote");
    assert_eq!(v["healthy"], false);
    assert_eq!(
        v["summary"],
        serde_json::json!({"total": 6, "healthy": 1, "unhealthy": 5, "unknown": 0})
    );
    let results = v["results"].as_array().unwrap();
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["node"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["failing", "gone", "good", "hung", "notready", "stale"]
    );
    let by = |n: &str| results.iter().find(|r| r["node"] == n).unwrap();
    let good = by("good");
    assert_eq!(good["verdict"], "healthy");
    assert_eq!(good["healthz"]["state"], "ok");
    assert_eq!(good["healthz"]["httpStatus"], 200);
    assert!(good["healthz"]["latencyMs"].as_f64().unwrap() >= 0.0);
    assert_eq!(good["ready"], "True");
    assert_eq!(good["lease"]["state"], "fresh");
    assert_eq!(good["url"], serde_json::Value::Null);
    assert_eq!(good["detail"], serde_json::json!([]));
    let hung = by("hung");
    assert_eq!(hung["healthz"]["state"], "timeout");
    assert_eq!(hung["healthz"]["httpStatus"], serde_json::Value::Null);
    assert_eq!(hung["healthz"]["latencyMs"], serde_json::Value::Null);
    assert_eq!(
        by("failing")["healthz"]["failedChecks"],
        serde_json::json!(["syncloop"])
    );
    assert_eq!(by("gone")["healthz"]["state"], "unreachable");
    let stale = by("stale");
    assert_eq!(stale["verdict"], "unhealthy");
    assert_eq!(stale["lease"]["state"], "stale");
    assert!(stale["lease"]["ageSeconds"].as_u64().unwrap() >= 240);
    assert_eq!(by("notready")["ready"], "False");
}

#[test]
fn hundreds_of_hung_kubelets_cost_a_bounded_time() {
    let mut cluster = Cluster::new();
    for i in 0..40 {
        cluster = cluster.node(
            NodeFixture::new(&format!("hung-{i:02}"))
                .ready()
                .kubelet(Kubelet::Hang),
        );
    }
    let srv = FakeApiServer::start(cluster.lease_for_all_nodes());
    let started = Instant::now();
    let out = run(
        &srv,
        &["--all-nodes", "--timeout", "500ms", "--parallel", "10"],
    );
    let took = started.elapsed();
    out.code(1).stderr_is("40 of 40 kubelets unhealthy\n");
    let mut want =
        String::from("NODE      VERDICT     HEALTHZ   READY   LEASE   LATENCY   DETAIL\n");
    for i in 0..40 {
        want += &format!(
            "hung-{i:02}   Unhealthy   timeout   True    <age>   -         no answer within 500ms: the kubelet is hung or overloaded\n"
        );
    }
    out.table_is(&want, TIMES);
    // 40 hung / 10 at a time x 0.5 s = 2 s; one at a time would be 20 s.
    assert!(took < Duration::from_secs(8), "{took:?}");
    assert!(took >= Duration::from_secs(2), "{took:?}");
}

#[test]
fn wait_polls_until_the_kubelet_recovers() {
    let srv = fleet();
    std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(1500));
            srv.set_kubelet("failing", Kubelet::Healthy);
        });
        let out = run(&srv, &["failing", "--wait", "20s"]);
        // One attempt per probe of the kubelet; how many fit before it recovers is timing.
        let attempts = srv.requests_to("/api/v1/nodes/failing/proxy/healthz").len();
        assert!(attempts >= 2, "{attempts}");
        out.code(0)
            .stderr_timed_is(
                "(after ",
                &format!("kubelet healthy (after <age>, {attempts} attempts)\n"),
            )
            .table_is(
                r"
NODE      VERDICT   HEALTHZ   READY   LEASE   LATENCY   DETAIL
failing   Healthy   ok        True    <age>   <age>
",
                TIMES,
            );
    });
    // ...and gives up with exit 1 when it never does. The last attempt's deadline is what was
    // left of the wait (at least 100ms), not the full --timeout, and the detail says so.
    let out = run(&srv, &["hung", "--wait", "2s", "--timeout", "1s"]);
    out.code(1)
        .stderr_timed_is(
            "(after ",
            "still not healthy when --wait 2s ran out\n1 of 1 kubelet unhealthy (after <age>, 2 attempts)\n",
        )
        .table_is(
            r"
NODE   VERDICT     HEALTHZ   READY   LEASE   LATENCY   DETAIL
hung   Unhealthy   timeout   True    <age>   -         no answer before --wait 2s ran out: the kubelet is hung or overloaded
",
            &[timed("LEASE")],
        );
}

#[test]
fn quiet_prints_nothing_but_keeps_the_status() {
    let srv = fleet();
    let out = run(&srv, &["-q", "failing"]);
    out.code(1).stdout_empty();
    assert_eq!(out.stderr, "");
    run(&srv, &["--exit-zero", "failing"])
        .code(0)
        .stderr_is("1 of 1 kubelet unhealthy\n")
        .table_is(
            r"
NODE      VERDICT     HEALTHZ         READY   LEASE   LATENCY   DETAIL
failing   Unhealthy   failing (500)   True    <age>   <age>     failing checks: syncloop
",
            TIMES,
        );
}

#[test]
fn json_is_not_healthy_when_a_node_could_not_be_judged() {
    // Every shown row is healthy, but a named node does not exist: exit 2, and the JSON's
    // verdict must agree with the exit status.
    let srv = fleet();
    let out = run(&srv, &["good", "nope", "-o", "json"]);
    out.code(2)
        .stderr_is("error: node \"nope\" not found\nkubelet healthy\n");
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["unhealthy"], 0, "{}", out.stdout);
    assert_eq!(doc["healthy"], false, "{}", out.stdout);
}
