//! Issue 10's hardening, through the binary against a hostile or broken fake API server: lists
//! that would never end, and the other limits the tool promises in SECURITY.md.

use crate::harness::Run;
use fake_apiserver::{Cluster, FakeApiServer, Fault, NodeFixture};

fn server() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .lease_for_all_nodes(),
    )
}

fn nodes(srv: &FakeApiServer, args: &[&str]) -> crate::harness::Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["nodes"])
        .args(args)
        .run()
}

/// `(node, verdict, healthz state)` of each row of a `healthz -o json` report.
fn verdicts(report: &serde_json::Value) -> Vec<(&str, &str, &str)> {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["node"].as_str().unwrap(),
                r["verdict"].as_str().unwrap(),
                r["healthz"]["state"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_repeated_continue_token_ends_the_list_with_an_error() {
    let srv = server();
    let page = r#"{"kind":"NodeList","apiVersion":"v1","metadata":{"continue":"again"},
                   "items":[{"metadata":{"name":"a","uid":"u1"}}]}"#;
    srv.inject(Fault::raw(200, "application/json", page).on("GET", "/api/v1/nodes"));
    let out = nodes(&srv, &["-o", "name"]);
    // The page that repeats the token is not shown: its items would be the first page's again.
    out.code(2).stdout_is("node/a\n").stderr_is(
        "error: cannot list nodes: the API server sent the same continue token twice (page 2), \
         so the list would never end; stopped (the API server or a proxy in front of it is broken)\n",
    );
    assert_eq!(
        srv.faults_fired(),
        [2],
        "the list stops at the repeated token"
    );
}

#[test]
fn new_tokens_forever_stop_where_remaining_item_count_says_the_list_ends() {
    let srv = server();
    // Every page claims one object is left, and then sends another page after it.
    srv.inject(Fault::endless_pages(Some(1)).on("GET", "/api/v1/nodes"));
    let out = nodes(&srv, &["-o", "name"]);
    out.code(2)
        .stdout_is("node/endless-1\nnode/endless-2\n")
        .stderr_is(
            "error: cannot list nodes: the API server asked for page 4 after saying fewer objects \
             were left; stopped (the API server or a proxy in front of it is broken)\n",
        );
    assert_eq!(srv.faults_fired(), [3]);
}

/// Runs the binary under `sh` with `redirect` applied to its stdout; returns (status, stderr).
fn with_stdout(redirect: &str, args: &[&str]) -> (Option<i32>, String) {
    let script = format!(r#"exec "$0" "$@" {redirect}"#);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_read_write_dev_null_is_a_report_discarded_on_purpose() {
    // Python's subprocess.DEVNULL and systemd's StandardOutput=null open /dev/null read-write,
    // which is also what Rust's runtime puts on a closed stdout: this must stay a success.
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kubelet-config.yaml");
    for redirect in [">/dev/null", "1<>/dev/null"] {
        assert_eq!(
            with_stdout(redirect, &["config", "lint", sample]),
            (Some(0), "No problems found in 1 file.\n".to_string()),
            "{redirect}"
        );
        assert_eq!(
            with_stdout(redirect, &["--version"]),
            (Some(0), String::new())
        );
    }
}

#[test]
fn a_full_disk_behind_help_or_version_is_a_failure() {
    let full = "error: cannot write standard output: No space left on device (os error 28)\n";
    for args in [&["--help"][..], &["--version"], &["config", "rules"]] {
        assert_eq!(
            with_stdout(">/dev/full", args),
            (Some(2), full.to_string()),
            "{args:?}"
        );
    }
}

#[test]
fn a_stdout_closed_before_start_is_a_lost_report() {
    let lost = "error: cannot write standard output: it was closed before the program started \
                (>&-); the report would be lost\n";
    for args in [&["--help"][..], &["--version"], &["config", "rules"]] {
        assert_eq!(
            with_stdout(">&-", args),
            (Some(2), lost.to_string()),
            "{args:?}"
        );
    }
    let srv = server();
    let kubeconfig = srv.kubeconfig_path().display().to_string();
    assert_eq!(
        with_stdout(">&-", &["--kubeconfig", &kubeconfig, "nodes", "-o", "name"]),
        (Some(2), lost.to_string())
    );
    // Nothing is lost when the report goes to files, and a usage error still says what is wrong.
    let dir = tempfile::tempdir().expect("tempdir");
    let dir_arg = dir.path().display().to_string();
    let (code, stderr) = with_stdout(
        ">&-",
        &[
            "--kubeconfig",
            &kubeconfig,
            "nodes",
            "--output-dir",
            &dir_arg,
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(dir.path().join("a.yaml").is_file(), "{stderr}");
    let (code, stderr) = with_stdout(">&-", &["nodes", "--no-such-flag"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: unexpected argument '--no-such-flag'"),
        "{stderr}"
    );
}

#[test]
fn node_names_that_would_climb_the_url_are_refused() {
    let srv = server();
    for args in [
        &["nodes", ".."][..],
        &["healthz", "."],
        &["config", "lint", "--node", ""],
    ] {
        let out = Run::new(Some(srv.kubeconfig_path())).args(args).run();
        out.code(2).stdout_empty();
        let name = args.last().unwrap();
        assert!(
            out.stderr
                .starts_with(&format!("error: invalid value '{name}' for ")),
            "{}",
            out.stderr
        );
    }
    assert!(srv.requests().is_empty(), "refused before any request");

    // The same names from a hostile server: that node fails alone, the others are probed.
    let list = r#"{"kind":"NodeList","apiVersion":"v1","metadata":{},"items":[
        {"metadata":{"name":"..","uid":"u0"},"status":{"conditions":[{"type":"Ready","status":"True"}]}},
        {"metadata":{"name":"a","uid":"u1"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}]}"#;
    srv.inject(
        Fault::raw(200, "application/json", list)
            .on("GET", "/api/v1/nodes")
            .exact(),
    );
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["healthz", "--all-nodes", "-o", "json"])
        .run();
    out.code(2).stderr_is(
        "error: invalid node name \"..\": may not be '.' or '..'\n1 of 2 kubelets not judged\n",
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        verdicts(&report),
        [("..", "unknown", "not-probed"), ("a", "healthy", "ok")]
    );
    assert!(
        srv.requests().iter().all(|r| !r.path.contains("/..")),
        "no request climbed the URL"
    );
}

#[test]
fn request_timeout_bounds_the_retries_too() {
    let srv = server();
    // Every answer is a 429 asking to come back in a second: without a deadline over the
    // retries, the tool would try five times (about four seconds).
    srv.inject(Fault::too_many_requests(1).on("GET", "/api/v1/nodes"));
    let out = nodes(&srv, &["-o", "name", "--request-timeout", "1500ms"]);
    out.code(2).stdout_empty();
    let fired = srv.faults_fired()[0];
    assert!(
        (1..=2).contains(&fired),
        "{fired} attempts within 1.5 s\n{}",
        out.stderr
    );
}

#[test]
fn a_kubelet_body_over_the_cap_fails_that_node_only() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("b").ready())
            .lease_for_all_nodes(),
    );
    // 5 MiB of "ok": a kubelet (or something posing as one) that never stops talking.
    let huge = "ok".repeat(5 << 19);
    srv.inject(Fault::raw(200, "text/plain", &huge).on("GET", "/api/v1/nodes/b/proxy/healthz"));
    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["healthz", "--all-nodes", "-o", "json"])
        .run();
    // A kubelet that never stops talking is not healthy: that node is, the other is not.
    out.code(1).stderr_is("1 of 2 kubelets unhealthy\n");
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();

    assert_eq!(
        verdicts(&report),
        [("a", "healthy", "ok"), ("b", "unhealthy", "error")]
    );
    assert_eq!(
        report["results"][1]["detail"],
        serde_json::json!([
            "cannot get nodes/proxy \"b\": the answer is larger than 4 MiB; stopped reading \
             (a broken or hostile server?)"
        ])
    );
}

#[test]
fn a_malformed_lease_is_that_nodes_problem_only() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("b").ready())
            .lease_for_all_nodes(),
    );
    assert!(srv.with_state(|c| {
        c.edit("leases", Some("kube-node-lease"), "b", |lease| {
            *lease.pointer_mut("/spec/renewTime").unwrap() = "not a time".into();
        })
    }));
    let out = nodes(&srv, &["-o", "table"]);
    out.code(1).stderr_is("1 of 2 nodes with problems\n");
    assert_eq!(out.cell("a", "PROBLEMS"), "-");
    assert_eq!(out.cell("b", "LEASE"), "<unreadable>");
    assert_eq!(out.cell("b", "PROBLEMS"), "lease unreadable");
    // A few named nodes take the GET-per-lease path: the same verdict.
    let out = nodes(&srv, &["-o", "table", "b"]);
    out.code(1).stderr_is("1 of 1 node with problems\n");
    assert_eq!(out.cell("b", "LEASE"), "<unreadable>");

    let out = Run::new(Some(srv.kubeconfig_path()))
        .args(["healthz", "--all-nodes", "-o", "json"])
        .run();
    out.code(1).stderr_is("1 of 2 kubelets unhealthy\n");
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["results"][0]["verdict"], "healthy");
    assert_eq!(report["results"][1]["lease"]["state"], "unreadable");
    assert_eq!(
        report["results"][1]["detail"],
        serde_json::json!([
            "healthz ok but lease unreadable: the API server sent a malformed lease"
        ])
    );
}

/// Appended to every string the cluster sends: a colour, a window-title OSC ending in BEL, a
/// right-to-left override, a C1 CSI clearing the screen, a zero-width space.
const POISON: &str = "\u{1b}[31mX\u{1b}]0;owned\u{7}\u{202e}\u{9b}2J\u{200b}";

/// What must never reach a terminal from the cluster.
fn controls_in(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}')
        })
        .collect()
}

/// Appends [`POISON`] to every string in `j`, except the identity keys the fake server stores
/// objects by and, unless `all`, the keys the tool's logic branches on (reason, type, status),
/// so that the first pass reaches every renderer and the second poisons those too.
fn poison(j: &mut fake_apiserver::J, key: &str, all: bool) {
    use fake_apiserver::J;
    const IDENTITY: &[&str] = &[
        "name",
        "namespace",
        "uid",
        "resourceVersion",
        "kind",
        "apiVersion",
    ];
    const LOGIC: &[&str] = &["reason", "type", "status", "nodeName", "holderIdentity"];
    match j {
        J::Str(s) if !IDENTITY.contains(&key) && (all || !LOGIC.contains(&key)) => {
            s.push_str(POISON)
        }
        J::Arr(items) => items.iter_mut().for_each(|i| poison(i, key, all)),
        J::Obj(entries) => {
            for (k, v) in entries.iter_mut() {
                // Label and annotation keys are names too, but their values are free text.
                poison(
                    v,
                    if key == "labels" || key == "annotations" {
                        ""
                    } else {
                        k
                    },
                    all,
                );
            }
        }
        _ => {}
    }
}

#[test]
fn escape_sequences_from_the_cluster_never_reach_a_terminal() {
    use fake_apiserver::{EventFixture, PodFixture};

    for all in [false, true] {
        let pod = PodFixture::new("shop", "web")
            .node("a")
            .container("app", "registry.corp.example/app:1")
            .waiting("app", "ErrImagePull", "failed to pull image: not found");
        let srv = FakeApiServer::start(
            Cluster::new()
                .node(NodeFixture::new("a").ready().control_plane())
                .node(NodeFixture::new("b").ready())
                .pod(pod.clone())
                .event(EventFixture::pull_failed(
                    &pod,
                    "app",
                    "registry.corp.example/app:1",
                    "not found",
                ))
                .lease_for_all_nodes(),
        );
        srv.with_state(|c| {
            for plural in ["nodes", "leases", "pods", "events"] {
                c.edit_every(plural, |j| poison(j, "", all));
            }
        });
        let views: &[&[&str]] = &[
            &["nodes", "-o", "table"],
            &["nodes", "-o", "wide"],
            &["nodes", "-o", "name"],
            &["nodes", "--problems", "-o", "table"],
            &["healthz", "--all-nodes"],
            &["healthz", "--all-nodes", "-o", "json"],
            &["images"],
            &["images", "-o", "wide"],
            &["images", "--group-by", "cause"],
            &["images", "--group-by", "node"],
            &["images", "-o", "json"],
            &["pressure"],
            &["pressure", "-o", "wide", "--margin", "100"],
            &["pressure", "-o", "name"],
            &["pressure", "-o", "json", "--margin", "100"],
        ];
        for view in views {
            let out = Run::new(Some(srv.kubeconfig_path())).args(*view).run();
            assert!(out.code.is_some_and(|c| c <= 2), "{view:?}: {:?}", out.code);
            assert_eq!(
                controls_in(&out.stderr),
                Vec::<char>::new(),
                "{view:?} stderr:\n{}",
                out.stderr
            );
            assert_eq!(
                controls_in(&out.stdout),
                Vec::<char>::new(),
                "{view:?} stdout:\n{}",
                out.stdout
            );
        }
        if !all {
            // The poisoned text is shown, escaped, not dropped: the table still says what it
            // is. (In the second pass the waiting reason is poisoned too, so nothing is stuck.)
            let out = Run::new(Some(srv.kubeconfig_path()))
                .args(["images", "-o", "wide"])
                .run();
            assert!(
                out.stdout.contains("\\e[31mX\\e]0;owned\\x07\\u{202e}"),
                "{}",
                out.stdout
            );
            // JSON keeps the raw text, JSON-escaped, for scripts.
            let out = Run::new(Some(srv.kubeconfig_path()))
                .args(["images", "-o", "json"])
                .run();
            let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
            assert!(
                doc["findings"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.ends_with(POISON)),
                "{:#}",
                doc["findings"][0]
            );
        }
    }
}

#[test]
fn help_into_a_pipe_closed_early_is_not_an_error() {
    // `--help | head -1`: the reader stopped on purpose. Here the reader exits at once
    // (`true` reads nothing), long before the binary has started, so the write meets EPIPE.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" "$@" | true; exit "${PIPESTATUS[0]}""#)
        .arg(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(["config", "lint", "--help"])
        .output()
        .expect("run bash");
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).as_ref()
        ),
        (Some(0), "")
    );
}
