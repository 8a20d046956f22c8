//! The health summary of `kubelet-doctor nodes` (-o table / wide, --problems) through the real
//! binary: each verdict, the exit status a script branches on, and lease permissions.

use std::time::Duration;

use crate::harness::{Outcome, Run};
use fake_apiserver::{Cluster, FakeApiServer, Fault, NodeFixture, Pressure};

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["nodes"])
        .args(args)
        .run()
}

fn row<'a>(out: &'a Outcome, name: &str) -> &'a str {
    out.row(0, name)
}

fn sick_cluster() -> FakeApiServer {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("healthy").ready().control_plane())
            .node(NodeFixture::new("notready").not_ready("KubeletNotReady", "PLEG is not healthy"))
            .node(NodeFixture::new("unknown").unknown())
            .node(
                NodeFixture::new("memory")
                    .ready()
                    .pressure(Pressure::Memory),
            )
            .node(
                NodeFixture::new("stale")
                    .ready()
                    .lease_renewed_ago(Duration::from_secs(300)),
            )
            .node(NodeFixture::new("cordoned").ready().cordoned())
            .node(NodeFixture::new("deadlock").ready().condition(
                "KernelDeadlock",
                "True",
                "DockerHung",
                "task docker blocked",
            ))
            .node(NodeFixture::new("nolease").ready())
            .lease_for_all_nodes(),
    );
    assert!(srv.with_state(|c| c.remove("leases", Some("kube-node-lease"), "nolease")));
    srv
}

#[test]
fn each_verdict_shows_in_its_row_and_the_run_exits_1() {
    let srv = sick_cluster();
    let out = run(&srv, &["-o", "table"]);
    out.code(1).stderr_is("7 of 8 nodes with problems\n");
    let header = out.stdout.lines().next().unwrap();
    assert!(header.starts_with("NAME") && header.contains("LEASE") && header.contains("PROBLEMS"));

    let healthy = row(&out, "healthy");
    assert!(
        healthy.contains(" Ready ") && healthy.contains("control-plane"),
        "{healthy}"
    );
    assert!(row(&out, "notready").contains("NotReady (KubeletNotReady)"));
    assert!(row(&out, "unknown").contains("Unknown (NodeStatusUnknown)"));
    assert!(row(&out, "memory").contains("MemoryPressure"));
    assert!(row(&out, "stale").contains("(stale)"));
    // Renewed 300 s before the server answered; we read the clock a moment later or earlier.
    let stale = row(&out, "stale");
    assert!(
        stale.contains("lease stale 4m59s") || stale.contains("lease stale 5m"),
        "{stale}"
    );
    assert!(row(&out, "cordoned").contains("Ready,SchedulingDisabled"));
    assert!(row(&out, "cordoned").contains("cordoned"));
    assert!(row(&out, "deadlock").contains("KernelDeadlock"));
    assert!(row(&out, "nolease").contains("no lease"));
    assert!(!row(&out, "healthy").contains("stale"));
}

#[test]
fn problems_lists_only_sick_nodes_in_any_format() {
    let srv = sick_cluster();
    let out = run(&srv, &["--problems", "-o", "name"]);
    out.code(1);
    assert_eq!(
        out.stdout,
        "node/cordoned\nnode/deadlock\nnode/memory\nnode/nolease\nnode/notready\nnode/stale\nnode/unknown\n"
    );
    let table = run(&srv, &["--problems", "-o", "table"]);
    table.code(1);
    assert!(!table.stdout.contains("healthy"));
    assert_eq!(table.stdout.lines().count(), 8, "header plus 7 rows");
}

#[test]
fn an_all_healthy_cluster_exits_0() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("b").ready())
            .lease_for_all_nodes(),
    );
    run(&srv, &["-o", "table"])
        .code(0)
        .stderr_is("all 2 nodes healthy\n");
    let out = run(&srv, &["--problems", "-o", "table"]);
    out.code(0)
        .stdout_empty()
        .stderr_is("no node has a problem\n");
}

#[test]
fn conditions_are_judged_by_type_not_reason() {
    // A pressure condition whose reason claims all is well is still pressure.
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("disk").ready().condition(
                "DiskPressure",
                "True",
                "KubeletHasNoDiskPressure",
                "ok",
            ))
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "table"]);
    out.code(1);
    assert!(row(&out, "disk").contains("DiskPressure"));
}

#[test]
fn wide_adds_addresses_os_runtime_and_allocatable() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready().internal_ip("10.9.8.7"))
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "wide"]);
    out.code(0);
    let header = out.stdout.lines().next().unwrap();
    for col in [
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
        "CPU",
        "MEMORY",
    ] {
        assert!(header.contains(col), "{col} missing: {header}");
    }
    assert!(row(&out, "a").contains("10.9.8.7"));
    assert!(row(&out, "a").contains("containerd://"));
}

#[test]
fn exit_zero_and_quiet() {
    let srv = sick_cluster();
    let out = run(&srv, &["-o", "table", "--exit-zero"]);
    out.code(0).stdout_has("NotReady");
    let quiet = run(&srv, &["-o", "table", "-q"]);
    quiet.code(1).stdout_empty();
    assert!(
        quiet.stderr.is_empty(),
        "-q prints nothing: {}",
        quiet.stderr
    );
}

#[test]
fn colour_only_when_asked() {
    let srv = sick_cluster();
    assert!(
        !run(&srv, &["-o", "table"]).stdout.contains('\u{1b}'),
        "no colour into a pipe"
    );
    assert!(
        run(&srv, &["-o", "table", "--color", "always"])
            .stdout
            .contains("\u{1b}[")
    );
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["nodes", "-o", "table", "--color", "auto"])
        .env("NO_COLOR", "1")
        .run();
    assert!(!out.stdout.contains('\u{1b}'));
}

#[test]
fn named_nodes_get_their_own_leases() {
    let srv = sick_cluster();
    let out = run(&srv, &["-o", "table", "healthy", "stale"]);
    out.code(1).stderr_is("1 of 2 nodes with problems\n");
    assert_eq!(
        srv.requests_to("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases")
            .len(),
        0
    );
    assert_eq!(
        srv.requests_to("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/stale")
            .len(),
        1
    );
}

#[test]
fn forbidden_leases_still_show_the_table_but_exit_2() {
    let srv = sick_cluster();
    srv.inject(Fault::forbidden().on(
        "GET",
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
    ));
    let out = run(&srv, &["-o", "table"]);
    out.code(2).one_error_line().stderr_is("error: cannot list leases in namespace kube-node-lease: the API server refused user \"fake-admin\" (403 Forbidden): grant \"list\" on \"leases\" in API group \"coordination.k8s.io\" in namespace \"kube-node-lease\"; lease ages are not shown\n5 of 8 nodes with problems (leases unknown: a kubelet that stopped heartbeating would not show)\n");
    assert!(
        row(&out, "healthy").contains(" ? "),
        "lease shown as unknown: {}",
        row(&out, "healthy")
    );
    assert!(row(&out, "notready").contains("NotReady"));
    out.stderr_has("(leases unknown");
}

#[test]
fn a_stale_lease_respects_the_leases_own_duration() {
    // Renewed 60 s ago: stale with the default 40 s, fresh with a 120 s lease.
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(
                NodeFixture::new("slow")
                    .ready()
                    .lease_renewed_ago(Duration::from_secs(60)),
            )
            .lease_for_all_nodes(),
    );
    run(&srv, &["-o", "table"]).code(1);
    srv.with_state(|c| {
        c.edit("leases", Some("kube-node-lease"), "slow", |lease| {
            lease.entry("/spec/leaseDurationSeconds");
            *lease.pointer_mut("/spec/leaseDurationSeconds").unwrap() = 120.into();
        })
    });
    run(&srv, &["-o", "table"]).code(0);
}

#[test]
fn a_half_broken_node_is_one_problem_row_not_the_end_of_the_run() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("broken").ready())
            .node(NodeFixture::new("c").ready())
            .lease_for_all_nodes(),
    );
    // A field of the wrong type: the typed Node cannot hold it.
    assert!(srv.with_state(|c| c.edit("nodes", None, "broken", |node| {
        node.entry("/spec/unschedulable");
        *node.pointer_mut("/spec/unschedulable").unwrap() = "yes".into();
    })));
    for format in ["table", "wide"] {
        let out = run(&srv, &["-o", format]);
        out.code(1).stderr_is("1 of 3 nodes with problems\n");
        assert!(row(&out, "broken").contains("Unreadable"));
        assert!(row(&out, "broken").contains("object unreadable"));
        assert!(row(&out, "a").contains("Ready") && row(&out, "c").contains("Ready"));
    }
    // --problems on a dump judges the same way, and the raw dump itself still works.
    let out = run(&srv, &["--problems", "-o", "name"]);
    out.code(1);
    assert_eq!(out.stdout, "node/broken\n");
    run(&srv, &["-o", "yaml"])
        .code(0)
        .stdout_has("unschedulable: \"yes\"");
}
