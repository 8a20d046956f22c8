//! `kubelet-doctor pressure` against the fake API server: per-node summaries and configs whose
//! headroom is known by construction (comfortably below, within a few percent of, and past
//! each signal), the worked example of pressure.md, hung and malformed kubelets, RBAC, and
//! the JSON shape.

use crate::harness::{Outcome, Run};
use fake_apiserver::stats::fresh_times;
use fake_apiserver::{
    Cluster, FakeApiServer, Fault, J, Kubelet, NodeFixture, PodFixture, Pressure,
};
use serde_json::{Value, json};

const GI: u64 = 1 << 30;
const MI: u64 = 1 << 20;
/// Every test disk: 100 GiB and 6,553,600 inodes.
const DISK: u64 = 100 * GI;
const INODES: u64 = 6_553_600;

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["pressure"])
        .args(args)
        .run()
}

/// A summary with one filesystem for everything, `mem_free` of 16 GiB and `disk_free` of
/// 100 GiB available, `inodes_free` of 6,553,600, `pids` as `(maxpid, curproc)`.
fn summary(mem_free: u64, disk_free: u64, inodes_free: u64, pids: (u64, u64)) -> Value {
    let fs = json!({"time": "x", "availableBytes": disk_free, "capacityBytes": DISK,
        "usedBytes": DISK - disk_free, "inodesFree": inodes_free, "inodes": INODES,
        "inodesUsed": INODES - inodes_free});
    json!({"node": {"nodeName": "n",
        "memory": {"time": "x", "availableBytes": mem_free, "usageBytes": 16 * GI - mem_free,
                   "workingSetBytes": 16 * GI - mem_free},
        "fs": fs, "runtime": {"imageFs": fs, "containerFs": fs},
        "rlimit": {"time": "x", "maxpid": pids.0, "curproc": pids.1}},
      "pods": []})
}

fn fresh(v: Value) -> J {
    let mut j = J::from(v);
    fresh_times(&mut j);
    j
}

/// Nodes whose tightest signal and headroom are known by construction, against the fake's
/// default /configz (evictionHard memory.available 100Mi, nodefs.available 10%,
/// nodefs.inodesFree 5%, imagefs.available 15%, imagefs.inodesFree 5%; image GC 85/80).
fn fleet() -> Cluster {
    let node = |n: &str| NodeFixture::new(n).ready().capacity(8, 16 * 1024 * 1024);
    Cluster::new()
        // 8 GiB of memory and half the disk free: nothing near.
        .node(node("calm"))
        .summary(
            "calm",
            fresh(summary(8 * GI, 50 * GI, 5_000_000, (100_000, 1_000))),
        )
        // 100Mi threshold + 400Mi: 400Mi of headroom, 2.44 % of 16 GiB: near.
        .node(node("mem-near").label("pool", "b"))
        .summary(
            "mem-near",
            fresh(summary(500 * MI, 50 * GI, 5_000_000, (100_000, 1_000))),
        )
        // 50Mi free under a 100Mi threshold: the kubelet is evicting, and says so.
        .node(node("mem-past").pressure(Pressure::Memory))
        .summary(
            "mem-past",
            fresh(summary(50 * MI, 50 * GI, 5_000_000, (100_000, 1_000))),
        )
        // 18 GiB free: imagefs.available (15 %) binds before nodefs (10 %), 3 points away.
        .node(node("disk-near"))
        .summary(
            "disk-near",
            fresh(summary(8 * GI, 18 * GI, 5_000_000, (100_000, 1_000))),
        )
        // 4 % of the inodes free under 5 %: past, but DiskPressure is False.
        .node(node("inodes-past"))
        .summary(
            "inodes-past",
            fresh(summary(8 * GI, 50 * GI, 262_144, (100_000, 1_000))),
        )
        .lease_for_all_nodes()
}

#[test]
fn each_node_shows_its_tightest_signal_tightest_first() {
    let srv = FakeApiServer::start(fleet());
    let out = run(&srv, &[]);
    out.code(1).stdout_is(
        "NODE          VERDICT    TIGHTEST            AVAILABLE   THRESHOLD   HEADROOM           IMAGE GC          DETAIL\n\
         inodes-past   evicting   nodefs.inodesFree   262144      327680      -65536 (-1.00%)    50% (GC at 85%)   nodefs.inodesFree is past its threshold, but DiskPressure is False: the kubelet has not acted on these numbers yet, or is not updating the node's status\n\
         mem-past      evicting   memory.available    50Mi        100Mi       -50Mi (-0.31%)     50% (GC at 85%)   -\n\
         mem-near      near       memory.available    500Mi       100Mi       400Mi (2.44%)      50% (GC at 85%)   -\n\
         disk-near     near       imagefs.available   18Gi        15.00Gi     3.00Gi (3.00%)     82% (GC at 85%)   -\n\
         calm          ok         imagefs.available   50Gi        15.00Gi     35.00Gi (35.00%)   50% (GC at 85%)   -\n",
    );
    out.stderr_is("5 nodes: 2 evicting, 2 near a threshold (margin 5%)\n");
}

const WORKED: &str = "ip-10-0-1-23.eu-west-1.compute.internal";

/// pressure.md's worked example (section 8): the node, its /configz, its summary, and the
/// six pods with their priorities and memory requests.
fn worked_example(allocatable_ki: u64) -> Cluster {
    let fixture = |name: &str| {
        let path = format!(
            "{}/tests/fixtures/pressure/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str::<Value>(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let pods = [
        ("shop", "cart-7d9f8-x2k4q", 0, Some("1Gi")),
        ("batch", "report-28901234-abcde", 0, None),
        ("shop", "search-0", 100_000, Some("256Mi")),
        ("kube-system", "cilium-7xk2p", 2_000_001_000, Some("100Mi")),
        ("shop", "api-5f6c9-q8r2m", 0, Some("2Gi")),
        ("db", "pg-0", 1000, Some("4Gi")),
    ];
    let mut summary = fixture("worked-example-summary.json");
    let mut cluster = Cluster::new()
        .node(NodeFixture::new(WORKED).ready().capacity(4, 15_896_104))
        .lease_for_all_nodes()
        .configz(WORKED, fixture("worked-example-configz.json"));
    for (i, (ns, name, priority, memory)) in pods.into_iter().enumerate() {
        let pod = PodFixture::new(ns, name).node(WORKED).running("app");
        // The summary names pods by uid: give it the fake's.
        summary["pods"][i]["podRef"]["uid"] = pod.uid().into();
        cluster.add_pod(pod);
        cluster.edit("pods", Some(ns), name, |j| {
            j.entry("/spec").set("priority", priority as i64);
            if let Some(m) = memory {
                j.pointer_mut("/spec/containers/0")
                    .unwrap()
                    .entry("/resources/requests")
                    .set("memory", m);
            }
        });
    }
    cluster.edit("nodes", None, WORKED, |j| {
        j.entry("/status/allocatable")
            .set("memory", format!("{allocatable_ki}Ki"));
    });
    cluster.set_summary(WORKED, fresh(summary));
    cluster
}

#[test]
fn the_worked_example_as_the_tool_prints_it() {
    // 15896104Ki − 512Mi − 1Gi − 500Mi = 13811240Ki: the Node agrees with /configz.
    let srv = FakeApiServer::start(worked_example(13_811_240));
    let out = run(&srv, &["-o", "wide"]);
    out.code(1).stdout_is(&format!(
        "NODE{pad}SIGNAL                        AVAILABLE   THRESHOLD   HEADROOM           STATE          DETAIL\n\
         {w}   memory.available              965.1Mi     500Mi       465.1Mi (3.00%)    near           first to evict: shop/cart-7d9f8-x2k4q (3Gi > request 1Gi, priority 0)\n\
         {w}   allocatableMemory.available   731.5Mi     500Mi       231.5Mi (1.65%)    near           first to evict: shop/cart-7d9f8-x2k4q (3Gi > request 1Gi, priority 0); threshold of memory.available\n\
         {w}   nodefs.available              16.30Gi     10.00Gi     6.30Gi (6.30%)     ok             -\n\
         {w}   nodefs.inodesFree             5900000     327680      5572320 (85.03%)   ok             -\n\
         {w}   imagefs.available             16.30Gi     15.00Gi     1.30Gi (1.30%)     near           first to evict: batch/report-28901234-abcde (2.88Gi > request 0, priority 0)\n\
         {w}   imagefs.inodesFree            5900000     327680      5572320 (85.03%)   ok             -\n\
         {w}   pid.available                 124690      none        -                  no-threshold   no threshold configured\n\
         {w}   image GC                      84% used    85%         307.2Mi            idle           will try to free 4.00Gi (down to 80% used)\n",
        pad = " ".repeat(WORKED.len() - 1),
        w = WORKED,
    ));
}

fn node(name: &str) -> NodeFixture {
    NodeFixture::new(name).ready().capacity(8, 16 * 1024 * 1024)
}

#[test]
fn one_broken_kubelet_is_that_nodes_row_only() {
    let calm = || fresh(summary(8 * GI, 50 * GI, 5_000_000, (100_000, 1_000)));
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(node("good"))
            .summary("good", calm())
            .node(node("hung").kubelet(Kubelet::Hang))
            .node(node("gone").kubelet(Kubelet::Unreachable))
            .node(node("garbled"))
            .node(node("huge"))
            .node(node("no-config"))
            .summary("no-config", calm())
            .lease_for_all_nodes(),
    );
    srv.inject(
        Fault::raw(200, "application/json", r#"{"node": {"memory": "lots"}}"#)
            .on("GET", "/api/v1/nodes/garbled/proxy/stats/summary"),
    );
    // Over the 16 MiB cap for a summary.
    let huge = format!(r#"{{"pods":[],"x":"{}"}}"#, "a".repeat(17 << 20));
    srv.inject(
        Fault::raw(200, "application/json", &huge)
            .on("GET", "/api/v1/nodes/huge/proxy/stats/summary"),
    );
    srv.inject(Fault::internal_error("boom").on("GET", "/api/v1/nodes/no-config/proxy/configz"));
    let out = run(&srv, &["--timeout", "1s", "-o", "wide"]);
    out.code(2);
    out.stdout_is(
        "NODE        SIGNAL                        AVAILABLE   THRESHOLD   HEADROOM           STATE          DETAIL\n\
         good        memory.available              8Gi         100Mi       7.90Gi (49.39%)    ok             -\n\
         good        allocatableMemory.available   no data     100Mi       -                  no-data        threshold of memory.available\n\
         good        nodefs.available              50Gi        10.00Gi     40.00Gi (40.00%)   ok             -\n\
         good        nodefs.inodesFree             5000000     327680      4672320 (71.29%)   ok             -\n\
         good        imagefs.available             50Gi        15.00Gi     35.00Gi (35.00%)   ok             -\n\
         good        imagefs.inodesFree            5000000     327680      4672320 (71.29%)   ok             -\n\
         good        pid.available                 99000       none        -                  no-threshold   no threshold configured\n\
         good        image GC                      50% used    85%         34.00Gi            idle           will try to free 4.00Gi (down to 80% used)\n\
         no-config   memory.available              8Gi         100Mi       7.90Gi (49.39%)    ok             -\n\
         no-config   allocatableMemory.available   no data     100Mi       -                  no-data        threshold of memory.available\n\
         no-config   nodefs.available              50Gi        10.00Gi     40.00Gi (40.00%)   ok             -\n\
         no-config   nodefs.inodesFree             5000000     327680      4672320 (71.29%)   ok             -\n\
         no-config   imagefs.available             50Gi        15.00Gi     35.00Gi (35.00%)   ok             -\n\
         no-config   imagefs.inodesFree            5000000     327680      4672320 (71.29%)   ok             -\n\
         no-config   pid.available                 99000       none        -                  no-threshold   no threshold configured\n\
         no-config   image GC                      50% used    85%         34.00Gi            idle           will try to free 4.00Gi (down to 80% used)\n\
         no-config   note                          -           -           -                  -              thresholds are the kubelet's Linux defaults: /configz: Internal error occurred: boom (500)\n\
         garbled     -                             -           -           -                  unknown        malformed /stats/summary: invalid type: string \"lots\", expected struct Memory at line 1 column 26\n\
         gone        -                             -           -           -                  unknown        /stats/summary: error trying to reach service: dial tcp 10.0.186.74:10250: connect: connection refused (503)\n\
         huge        -                             -           -           -                  unknown        /stats/summary: cannot get nodes/proxy \"huge\": the answer is larger than 16 MiB; stopped reading (a broken or hostile server?)\n\
         hung        -                             -           -           -                  unknown        /stats/summary: no answer within 1s\n",
    );
    out.stderr_is("6 nodes: 4 not measured (margin 5%)\n");
}

fn json_of(out: &Outcome) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn signal<'a>(node: &'a Value, name: &str) -> &'a Value {
    node["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["signal"] == name)
        .unwrap_or_else(|| panic!("no {name} in {node:#}"))
}

#[test]
fn the_worked_example_as_json_with_the_eviction_order() {
    // One Ki off: the Node's allocatable no longer matches what /configz reserves.
    let srv = FakeApiServer::start(worked_example(13_811_239));
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let doc = json_of(&out);
    assert_eq!(
        (doc["kind"].as_str(), doc["version"].as_i64()),
        (Some("PressureReport"), Some(1))
    );
    let node = &doc["nodes"][0];
    assert_eq!(node["name"], WORKED);
    assert_eq!(node["verdict"], "near");
    assert_eq!(node["tightest"], "imagefs.available");
    assert_eq!(node["thresholdsFrom"], "configz");
    assert_eq!(node["layout"], "shared");
    let alloc = signal(node, "allocatableMemory.available");
    assert_eq!(
        alloc,
        &json!({"signal": "allocatableMemory.available", "resource": "memory",
            "condition": "MemoryPressure",
            "observed": {"available": 766_997_760_i64, "capacity": 14_666_997_760_i64,
                         "time": alloc["observed"]["time"]},
            "threshold": {"hard": {"value": "500Mi", "quantity": 524_288_000},
                          "soft": null, "softGracePeriod": null, "derivedFrom": "memory.available"},
            "headroom": 242_709_760, "headroomPercent": 1.65, "state": "near"})
    );
    let imagefs = signal(node, "imagefs.available");
    assert_eq!(imagefs["threshold"]["hard"]["quantity"], 16_104_237_491_i64);
    assert_eq!(imagefs["headroom"], 1_395_762_509_i64);
    assert_eq!(
        node["imageGC"],
        json!({"usedPercent": 84, "highThresholdPercent": 85, "lowThresholdPercent": 80,
            "disabled": false, "running": false, "bytesUntilGC": 322_147_359,
            "bytesToFree": 4_294_463_160_i64})
    );
    assert_eq!(
        node["allocatableMemory"],
        json!({"reported": 13_811_239_i64 * 1024, "expected": 13_811_240_i64 * 1024})
    );
    // Memory: over-request first (cart by 2Gi, report by 600Mi at priority 0, then search at
    // 100000), then the pods within their requests; cilium is critical and never evicted.
    let order = &node["evictionOrder"]["allocatableMemory.available"];
    assert_eq!(order["resource"], "memory");
    let pods: Vec<(&str, bool, bool)> = order["pods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["exceedsRequest"].as_bool().unwrap(),
                p["critical"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pods,
        [
            ("cart-7d9f8-x2k4q", true, false),
            ("report-28901234-abcde", true, false),
            ("search-0", true, false),
            ("api-5f6c9-q8r2m", false, false),
            ("pg-0", false, false),
            ("cilium-7xk2p", true, true),
        ]
    );
    assert_eq!(order["more"], 0);
    assert_eq!(order["pods"][0]["usage"], 3_221_225_472_i64);
    assert_eq!(order["pods"][0]["request"], 1_073_741_824_i64);
    // memory.available is less tight than its allocatable copy: one order per resource.
    assert!(node["evictionOrder"].get("memory.available").is_none());
    assert_eq!(
        node["evictionOrder"]["imagefs.available"]["resource"],
        "ephemeral-storage"
    );
}

#[test]
fn soft_thresholds_partial_maps_and_a_dedicated_image_filesystem() {
    let mut s = summary(3 * GI, 50 * GI, 5_000_000, (100_000, 99_000));
    // Images on their own 200 GiB disk with 20 GiB free: 10 % free.
    s["node"]["runtime"]["imageFs"] = json!({"time": "x", "availableBytes": 20 * GI,
        "capacityBytes": 200 * GI, "usedBytes": 180 * GI, "inodesFree": 100, "inodes": 1000});
    s["node"]["runtime"]["containerFs"] = s["node"]["runtime"]["imageFs"].clone();
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(node("tuned").pressure(Pressure::Memory))
            .summary("tuned", fresh(s))
            .configz(
                "tuned",
                json!({"kubeletconfig": {
                    // Partial: only memory and pids; the disk defaults are gone.
                    "evictionHard": {"memory.available": "500Mi", "pid.available": "2%"},
                    "evictionSoft": {"memory.available": "4Gi"},
                    "evictionSoftGracePeriod": {"memory.available": "1m30s"},
                    "imageGCHighThresholdPercent": 90, "imageGCLowThresholdPercent": 70}}),
            )
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let doc = json_of(&out);
    let node = &doc["nodes"][0];
    assert_eq!(node["layout"], "dedicated-imagefs");
    let mem = signal(node, "memory.available");
    assert_eq!(mem["state"], "past-soft");
    assert_eq!(
        mem["threshold"]["soft"],
        json!({"value": "4Gi", "quantity": 4 * GI})
    );
    assert_eq!(mem["threshold"]["softGracePeriod"], "1m30s");
    assert_eq!(mem["headroom"], -(GI as i64));
    // 2 % of 100,000 PIDs is 1,999 to the kubelet: float32(0.02) is 0.0199999996, and the
    // product is truncated. 1,000 left: 999 under.
    let pid = signal(node, "pid.available");
    assert_eq!(pid["threshold"]["hard"]["quantity"], 1999);
    assert_eq!(
        (pid["headroom"].as_i64(), pid["state"].as_str()),
        (Some(-999), Some("evicting"))
    );
    assert_eq!(node["verdict"], "evicting");
    for s in [
        "nodefs.available",
        "imagefs.available",
        "imagefs.inodesFree",
    ] {
        assert_eq!(signal(node, s)["state"], "no-threshold", "{s}");
    }
    // 10 % free of the image disk: 90 % used, at the (raised) high threshold: GC is running
    // and wants the disk back to 70 %: 30 % of 200 GiB free, 40 GiB more.
    assert_eq!(node["imageGC"]["usedPercent"], 90);
    assert_eq!(node["imageGC"]["running"], true);
    assert_eq!(node["imageGC"]["bytesToFree"], 40 * GI);
    // PIDPressure is False although pid.available is past its threshold.
    assert_eq!(
        node["conditions"],
        json!([{"type": "PIDPressure", "status": "False",
            "note": "pid.available is past its threshold, but PIDPressure is False: the kubelet has not acted on these numbers yet, or is not updating the node's status"}])
    );
}

#[test]
fn windows_nodes_without_an_eviction_map_get_the_windows_defaults() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(node("win"))
            .summary(
                "win",
                fresh(summary(700 * MI, 50 * GI, 5_000_000, (100_000, 1_000))),
            )
            .configz("win", json!({"kubeletconfig": {}}))
            .lease_for_all_nodes(),
    );
    srv.with_state(|c| {
        c.edit("nodes", None, "win", |j| {
            j.entry("/status/nodeInfo")
                .set("operatingSystem", "windows");
        });
    });
    let out = run(&srv, &["-o", "json"]);
    let doc = json_of(&out);
    let mem = signal(&doc["nodes"][0], "memory.available");
    // Windows: 500Mi, not Linux's 100Mi, and no inode thresholds.
    assert_eq!(mem["threshold"]["hard"]["value"], "500Mi");
    assert_eq!(mem["headroom"], 200 * MI);
    assert_eq!(
        signal(&doc["nodes"][0], "nodefs.inodesFree")["state"],
        "no-threshold"
    );
    out.code(1);
}

#[test]
fn problems_names_margin_and_exit_status() {
    let srv = FakeApiServer::start(fleet());
    run(&srv, &["--problems", "-o", "name"])
        .code(1)
        .stdout_is("node/inodes-past\nnode/mem-past\nnode/mem-near\nnode/disk-near\n");
    // A 2-point margin: disk-near (3.00 %) is fine now; mem-near (2.44 %) is not.
    run(&srv, &["--problems", "-o", "name", "--margin", "2"])
        .code(1)
        .stdout_is("node/inodes-past\nnode/mem-past\n")
        .stderr_is("5 nodes: 2 evicting (margin 2%)\n");
    run(
        &srv,
        &["calm", "disk-near", "--margin", "2.5%", "-o", "name"],
    )
    .code(0)
    .stdout_is("node/disk-near\nnode/calm\n")
    .stderr_is("2 nodes: none near an eviction threshold (margin 2.5%)\n");
    run(&srv, &["mem-near", "--exit-zero", "-o", "name"]).code(0);
    run(&srv, &["-l", "pool=b", "-o", "name"])
        .code(1)
        .stdout_is("node/mem-near\n");
    run(&srv, &["-l", "pool=none"])
        .code(0)
        .stdout_is("")
        .stderr_is("No nodes match the selector \"pool=none\".\n");
    run(&srv, &["--margin", "120"]).code(2).stderr_has(
        "invalid value '120' for '--margin <PERCENT>': \"120\" is not between 0 and 100",
    );
}

#[test]
fn a_missing_node_and_a_forbidden_proxy_are_errors_not_silence() {
    let srv = FakeApiServer::start(fleet());
    let out = run(&srv, &["calm", "nope", "-o", "name"]);
    out.code(2).stdout_is("node/calm\n").stderr_is(
        "error: node \"nope\" not found\n1 node: none near an eviction threshold (margin 5%)\n",
    );
    for n in ["calm", "mem-near"] {
        srv.inject(Fault::forbidden().on("GET", &format!("/api/v1/nodes/{n}/proxy/")));
    }
    let out = run(&srv, &["calm", "mem-near"]);
    out.code(2).stderr_has(
        "error: the API server refused the node proxy on 2 of 2 nodes: grant \"get\" on \"nodes/proxy\" (it reaches the kubelet API: a powerful permission)\n",
    );
    assert_eq!(out.stderr.matches("error:").count(), 1, "{}", out.stderr);
}

#[test]
fn a_split_container_filesystem_gets_the_nodefs_thresholds() {
    // Writable layers on the node's disk (containerfs = nodefs, 12 GiB free of 100), images on
    // their own 200 GiB disk with 100 GiB free (KubeletSeparateDiskGC).
    let mut s = summary(8 * GI, 12 * GI, 5_000_000, (100_000, 1_000));
    s["node"]["runtime"]["imageFs"] = json!({"time": "x", "availableBytes": 100 * GI,
        "capacityBytes": 200 * GI, "usedBytes": 100 * GI, "inodesFree": 500, "inodes": 1000});
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(node("split"))
            .summary("split", fresh(s))
            .lease_for_all_nodes(),
    );
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let doc = json_of(&out);
    let n = &doc["nodes"][0];
    assert_eq!(n["layout"], "split-containerfs");
    let c = signal(n, "containerfs.available");
    assert_eq!(c["threshold"]["derivedFrom"], "nodefs.available");
    assert_eq!(c["threshold"]["hard"]["value"], "10%");
    // 12 GiB free, 10 % of 100 GiB is 10.0000001 GiB: 2 points of headroom, near.
    assert_eq!(
        (c["headroomPercent"].as_f64(), c["state"].as_str()),
        (Some(2.0), Some("near"))
    );
    assert_eq!(signal(n, "imagefs.available")["headroomPercent"], 35.0);
    assert_eq!(n["tightest"], "nodefs.available");
}

#[test]
fn on_a_terminal_the_numbers_stay_whole_and_text_is_cut() {
    let srv = FakeApiServer::start(worked_example(13_811_240));
    let Some(screen) = crate::harness::on_terminal(srv.kubeconfig_path(), 150, "pressure") else {
        return;
    };
    // 150 columns: every number stays whole; the long node name and the detail are cut.
    assert_eq!(
        screen,
        "NODE                            VERDICT   TIGHTEST            AVAILABLE   THRESHOLD   HEADROOM         IMAGE GC          DETAIL\n\
         ip-10-0-1-23.eu-west-1.compu…   near      imagefs.available   16.30Gi     15.00Gi     1.30Gi (1.30%)   84% (GC at 85%)   first to evict: batch/report…\n\
         1 node: 1 near a threshold (margin 5%)\n"
    );
    assert!(screen.lines().all(|l| l.chars().count() <= 150), "{screen}");
}

#[test]
fn hostile_names_and_config_keys_are_escaped_in_tables_and_raw_in_json() {
    const EVIL: &str = "\u{1b}]0;owned\u{7}\u{202e}";
    let mut cluster = fleet();
    // A pod whose name no API server would accept, on a node near a threshold, so that it
    // is named as the first to evict; and a /configz key that is no signal.
    let mut pod = J::from(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("x{EVIL}"), "namespace": "shop", "uid": "evil-uid"},
        "spec": {"nodeName": "mem-near", "containers": [{"name": "app", "image": "x"}]},
        "status": {"phase": "Running"}}));
    fresh_times(&mut pod);
    cluster.add_raw("pods", pod);
    cluster.set_configz(
        "mem-near",
        json!({"kubeletconfig": {"evictionHard": {"memory.available": "100Mi", (format!("k{EVIL}")): "1"}}}),
    );
    let srv = FakeApiServer::start(cluster);
    for view in [&["mem-near"][..], &["mem-near", "-o", "wide"]] {
        let out = run(&srv, view);
        out.code(1);
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{202e}'),
            "{view:?}: {}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains("shop/x\\e]0;owned\\x07\\u{202e} (no stats yet"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("evictionHard.k\\e]0;owned"),
            "{}",
            out.stdout
        );
    }
    let doc = json_of(&run(&srv, &["mem-near", "-o", "json"]));
    let node = &doc["nodes"][0];
    assert_eq!(
        node["evictionOrder"]["memory.available"]["pods"][0]["name"],
        format!("x{EVIL}")
    );
    assert_eq!(
        node["notes"][0],
        format!("ignored by the kubelet: evictionHard.k{EVIL} (not an eviction signal)")
    );
}
