//! The health summary of `kubelet-doctor nodes` (-o table / wide, --problems) through the real
//! binary: each verdict, the exit status a script branches on, and lease permissions.

use std::time::Duration;

use crate::harness::{Outcome, Run, Vary, timed, timed_after};
use fake_apiserver::{Cluster, FakeApiServer, Fault, NodeFixture, Pressure};

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["nodes"])
        .args(args)
        .run()
}

/// Lease ages are measured against the clock; AGE is not normalized: a node created 30 days
/// before the response reads `30d` for a whole day.
const LEASE_AGES: &[Vary] = &[timed("LEASE"), timed_after("PROBLEMS", "lease stale ")];

/// `node`'s lease is `nominal` seconds old, give or take the second the run takes, and a stale
/// one says the same age in PROBLEMS.
#[track_caller]
fn assert_lease_age(out: &Outcome, node: &str, nominal: u64) {
    if let Some(age) = crate::harness::lease_age_is(out, node, nominal) {
        let problems = out.cell(node, "PROBLEMS");
        assert!(
            problems.ends_with(&format!("lease stale {age}")),
            "{node}: {problems}"
        );
    }
}

const SICK_TABLE: &str = r"
NAME       STATUS                        ROLES           AGE   VERSION   LEASE           PODS   PROBLEMS                          TAINTS
cordoned   Ready,SchedulingDisabled      <none>          30d   v1.33.1   <age>           110    cordoned                          node.kubernetes.io/unschedulable:NoSchedule
deadlock   Ready                         <none>          30d   v1.33.1   <age>           110    KernelDeadlock                    <none>
healthy    Ready                         control-plane   30d   v1.33.1   <age>           110    -                                 node-role.kubernetes.io/control-plane:NoSchedule
memory     Ready                         <none>          30d   v1.33.1   <age>           110    MemoryPressure                    node.kubernetes.io/memory-pressure:NoSchedule
nolease    Ready                         <none>          30d   v1.33.1   <none>          110    no lease                          <none>
notready   NotReady (KubeletNotReady)    <none>          30d   v1.33.1   <age>           110    NotReady                          node.kubernetes.io/not-ready:NoSchedule,node.kubernetes.io/not-ready:NoExecute
stale      Ready                         <none>          30d   v1.33.1   <age> (stale)   110    lease stale <age>                 <none>
unknown    Unknown (NodeStatusUnknown)   <none>          30d   v1.33.1   <age> (stale)   110    Ready=Unknown,lease stale <age>   node.kubernetes.io/unreachable:NoSchedule,node.kubernetes.io/unreachable:NoExecute
";

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
    out.code(1)
        .stderr_is("7 of 8 nodes with problems\n")
        .table_is(SICK_TABLE, LEASE_AGES);
    // Renewed 5 s (the fixture's default), 300 s and 6 min (an Unknown node's) before the
    // server answered; we read the clock a moment later.
    for node in ["cordoned", "deadlock", "healthy", "memory", "notready"] {
        assert_lease_age(&out, node, 5);
    }
    assert_lease_age(&out, "stale", 300);
    assert_lease_age(&out, "unknown", 360);
}

#[test]
fn problems_lists_only_sick_nodes_in_any_format() {
    let srv = sick_cluster();
    run(&srv, &["--problems", "-o", "name"])
        .code(1)
        .stdout_is("node/cordoned\nnode/deadlock\nnode/memory\nnode/nolease\nnode/notready\nnode/stale\nnode/unknown\n")
        .stderr_is("7 nodes with problems\n");
    let table = run(&srv, &["--problems", "-o", "table"]);
    table.code(1).stderr_is("7 nodes with problems\n").table_is(
        r"
NAME       STATUS                        ROLES    AGE   VERSION   LEASE           PODS   PROBLEMS                          TAINTS
cordoned   Ready,SchedulingDisabled      <none>   30d   v1.33.1   <age>           110    cordoned                          node.kubernetes.io/unschedulable:NoSchedule
deadlock   Ready                         <none>   30d   v1.33.1   <age>           110    KernelDeadlock                    <none>
memory     Ready                         <none>   30d   v1.33.1   <age>           110    MemoryPressure                    node.kubernetes.io/memory-pressure:NoSchedule
nolease    Ready                         <none>   30d   v1.33.1   <none>          110    no lease                          <none>
notready   NotReady (KubeletNotReady)    <none>   30d   v1.33.1   <age>           110    NotReady                          node.kubernetes.io/not-ready:NoSchedule,node.kubernetes.io/not-ready:NoExecute
stale      Ready                         <none>   30d   v1.33.1   <age> (stale)   110    lease stale <age>                 <none>
unknown    Unknown (NodeStatusUnknown)   <none>   30d   v1.33.1   <age> (stale)   110    Ready=Unknown,lease stale <age>   node.kubernetes.io/unreachable:NoSchedule,node.kubernetes.io/unreachable:NoExecute
",
        LEASE_AGES,
    );
    assert!(!table.stdout.contains("healthy"));
    assert_lease_age(&table, "stale", 300);
}

#[test]
fn an_all_healthy_cluster_exits_0() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("b").ready())
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "table"]);
    out.code(0).stderr_is("all 2 nodes healthy\n").table_is(
        r"
NAME   STATUS   ROLES    AGE   VERSION   LEASE   PODS   PROBLEMS   TAINTS
a      Ready    <none>   30d   v1.33.1   <age>   110    -          <none>
b      Ready    <none>   30d   v1.33.1   <age>   110    -          <none>
",
        LEASE_AGES,
    );
    assert_lease_age(&out, "a", 5);
    assert_lease_age(&out, "b", 5);
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
    out.code(1)
        .stderr_is("1 of 1 node with problems\n")
        .table_is(
            r"
NAME   STATUS   ROLES    AGE   VERSION   LEASE   PODS   PROBLEMS       TAINTS
disk   Ready    <none>   30d   v1.33.1   <age>   110    DiskPressure   <none>
",
            LEASE_AGES,
        );
}

#[test]
fn wide_adds_addresses_os_runtime_and_allocatable() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready().internal_ip("10.9.8.7"))
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "wide"]);
    out.code(0).stderr_is("all 1 node healthy\n").table_is(
        r"
NAME   STATUS   ROLES    AGE   VERSION   LEASE   PODS   PROBLEMS   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME     CPU   MEMORY       TAINTS
a      Ready    <none>   30d   v1.33.1   <age>   110    -          10.9.8.7      <none>        Ubuntu 24.04.2 LTS   6.8.0-59-generic   containerd://1.7.27   8     32760864Ki   <none>
",
        LEASE_AGES,
    );
}

#[test]
fn exit_zero_and_quiet() {
    let srv = sick_cluster();
    let out = run(&srv, &["-o", "table", "--exit-zero"]);
    out.code(0)
        .stderr_is("7 of 8 nodes with problems\n")
        .table_is(SICK_TABLE, LEASE_AGES);
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
    out.code(1).table_is(SICK_TABLE, LEASE_AGES);
}

#[test]
fn named_nodes_get_their_own_leases() {
    let srv = sick_cluster();
    let out = run(&srv, &["-o", "table", "healthy", "stale"]);
    out.code(1)
        .stderr_is("1 of 2 nodes with problems\n")
        .table_is(
            r"
NAME      STATUS   ROLES           AGE   VERSION   LEASE           PODS   PROBLEMS            TAINTS
healthy   Ready    control-plane   30d   v1.33.1   <age>           110    -                   node-role.kubernetes.io/control-plane:NoSchedule
stale     Ready    <none>          30d   v1.33.1   <age> (stale)   110    lease stale <age>   <none>
",
            LEASE_AGES,
        );
    assert_lease_age(&out, "healthy", 5);
    assert_lease_age(&out, "stale", 300);
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
    // Every lease shown as unknown, and no verdict that needs one (stale, no lease).
    out.stdout_is(r"NAME       STATUS                        ROLES           AGE   VERSION   LEASE   PODS   PROBLEMS         TAINTS
cordoned   Ready,SchedulingDisabled      <none>          30d   v1.33.1   ?       110    cordoned         node.kubernetes.io/unschedulable:NoSchedule
deadlock   Ready                         <none>          30d   v1.33.1   ?       110    KernelDeadlock   <none>
healthy    Ready                         control-plane   30d   v1.33.1   ?       110    -                node-role.kubernetes.io/control-plane:NoSchedule
memory     Ready                         <none>          30d   v1.33.1   ?       110    MemoryPressure   node.kubernetes.io/memory-pressure:NoSchedule
nolease    Ready                         <none>          30d   v1.33.1   ?       110    -                <none>
notready   NotReady (KubeletNotReady)    <none>          30d   v1.33.1   ?       110    NotReady         node.kubernetes.io/not-ready:NoSchedule,node.kubernetes.io/not-ready:NoExecute
stale      Ready                         <none>          30d   v1.33.1   ?       110    -                <none>
unknown    Unknown (NodeStatusUnknown)   <none>          30d   v1.33.1   ?       110    Ready=Unknown    node.kubernetes.io/unreachable:NoSchedule,node.kubernetes.io/unreachable:NoExecute
");
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
    let out = run(&srv, &["-o", "table"]);
    out.code(1)
        .stderr_is("1 of 1 node with problems\n")
        .table_is(
            r"
NAME   STATUS   ROLES    AGE   VERSION   LEASE           PODS   PROBLEMS            TAINTS
slow   Ready    <none>   30d   v1.33.1   <age> (stale)   110    lease stale <age>   <none>
",
            LEASE_AGES,
        );
    assert_lease_age(&out, "slow", 60);
    srv.with_state(|c| {
        c.edit("leases", Some("kube-node-lease"), "slow", |lease| {
            lease.entry("/spec/leaseDurationSeconds");
            *lease.pointer_mut("/spec/leaseDurationSeconds").unwrap() = 120.into();
        })
    });
    let out = run(&srv, &["-o", "table"]);
    out.code(0).stderr_is("all 1 node healthy\n").table_is(
        r"
NAME   STATUS   ROLES    AGE   VERSION   LEASE   PODS   PROBLEMS   TAINTS
slow   Ready    <none>   30d   v1.33.1   <age>   110    -          <none>
",
        LEASE_AGES,
    );
    assert_lease_age(&out, "slow", 60);
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
    // The column in the decoder's message is where "yes" sits in the fake server's JSON.
    for (format, want) in [
        (
            "table",
            r#"
NAME     STATUS       ROLES    AGE         VERSION   LEASE   PODS     PROBLEMS                                                                                  TAINTS
a        Ready        <none>   30d         v1.33.1   <age>   110      -                                                                                         <none>
broken   Unreadable   <none>   <unknown>   <none>    ?       <none>   object unreadable: invalid type: string "yes", expected a boolean at line 1 column 2446   <none>
c        Ready        <none>   30d         v1.33.1   <age>   110      -                                                                                         <none>
"#,
        ),
        (
            "wide",
            r#"
NAME     STATUS       ROLES    AGE         VERSION   LEASE   PODS     PROBLEMS                                                                                  INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME     CPU      MEMORY       TAINTS
a        Ready        <none>   30d         v1.33.1   <age>   110      -                                                                                         10.0.226.248   <none>        Ubuntu 24.04.2 LTS   6.8.0-59-generic   containerd://1.7.27   8        32760864Ki   <none>
broken   Unreadable   <none>   <unknown>   <none>    ?       <none>   object unreadable: invalid type: string "yes", expected a boolean at line 1 column 2446   <none>         <none>        <none>               <none>             <none>                <none>   <none>       <none>
c        Ready        <none>   30d         v1.33.1   <age>   110      -                                                                                         10.0.71.170    <none>        Ubuntu 24.04.2 LTS   6.8.0-59-generic   containerd://1.7.27   8        32760864Ki   <none>
"#,
        ),
    ] {
        let out = run(&srv, &["-o", format]);
        out.code(1)
            .stderr_is("1 of 3 nodes with problems\n")
            .table_is(want, LEASE_AGES);
    }
    // --problems on a dump judges the same way, and the raw dump itself still works.
    run(&srv, &["--problems", "-o", "name"])
        .code(1)
        .stdout_is("node/broken\n")
        .stderr_is("1 node with problems\n");
    run(&srv, &["-o", "yaml"])
        .code(0)
        .stdout_has("unschedulable: \"yes\"");
}

#[test]
fn a_named_node_that_does_not_exist_is_not_called_healthy() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "table", "a", "missing"]);
    out.code(2).stderr_is(
        "error: node \"missing\" not found\n1 of 2 named nodes not found; 0 of 1 shown with problems\n",
    );
    assert_eq!(out.cell("a", "STATUS"), "Ready");
}

#[test]
fn on_a_terminal_the_summary_fits_its_width() {
    let srv = sick_cluster();
    for cols in [80, 120] {
        let Some(screen) =
            crate::harness::on_terminal(srv.kubeconfig_path(), cols, "nodes -o table")
        else {
            return;
        };
        let table: Vec<&str> = screen
            .lines()
            .filter(|l| !l.contains("with problems"))
            .collect();
        for line in &table {
            assert!(
                line.chars().count() <= cols,
                "{cols}: {line:?} is too wide:\n{screen}"
            );
        }
        // Names are never cut, and every node keeps its row.
        let piped = run(&srv, &["-o", "table"]);
        assert_eq!(table.len(), piped.stdout.lines().count(), "{screen}");
        for line in piped.stdout.lines().skip(1) {
            let name = line.split_whitespace().next().unwrap();
            assert!(
                table
                    .iter()
                    .any(|l| l.split_whitespace().next() == Some(name)),
                "{name} missing or cut:\n{screen}"
            );
        }
    }
}
