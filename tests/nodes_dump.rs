//! `kubelet-doctor nodes` dump modes through the real binary against the fake API server:
//! YAML (compared object by object with what the API serves), JSON, names, --output-dir,
//! selectors, pagination, a list restart on 410, named nodes, and a closed pipe.

use std::io::Read;
use std::time::SystemTime;

use crate::harness::Run;
use fake_apiserver::{Cluster, FakeApiServer, Fault, NodeFixture};
use serde_json::Value;

fn server(names: &[&str]) -> FakeApiServer {
    let mut cluster = Cluster::new();
    for (i, name) in names.iter().enumerate() {
        let node = NodeFixture::new(name).ready();
        cluster = cluster.node(if i == 0 { node.control_plane() } else { node });
    }
    FakeApiServer::start(cluster.lease_for_all_nodes())
}

fn nodes(srv: &FakeApiServer) -> Run {
    Run::new(Some(srv.kubeconfig_path())).args(["nodes"])
}

/// Timestamps in the fake are computed per response; blank them out so two responses compare.
fn without_times(v: &mut Value) {
    match v {
        Value::String(s) if looks_like_time(s) => *s = "<time>".into(),
        Value::Array(items) => items.iter_mut().for_each(without_times),
        Value::Object(map) => map.values_mut().for_each(without_times),
        _ => {}
    }
}

fn looks_like_time(s: &str) -> bool {
    s.len() >= 20 && s.as_bytes()[4] == b'-' && s.as_bytes()[10] == b'T' && s.ends_with('Z')
}

/// The node as the API server stores it, as `kubectl get node NAME -o yaml` would show it.
fn api_object(srv: &FakeApiServer, name: &str, keep_managed: bool) -> Value {
    let j = srv
        .with_state(|c| c.get("nodes", None, name))
        .expect("node exists");
    let mut v: Value = serde_json::from_str(&j.to_json_at(SystemTime::now())).unwrap();
    let map = v.as_object_mut().unwrap();
    map.insert("apiVersion".into(), "v1".into());
    map.insert("kind".into(), "Node".into());
    if !keep_managed {
        map["metadata"]
            .as_object_mut()
            .unwrap()
            .remove("managedFields");
    }
    without_times(&mut v);
    v
}

fn parse_yaml_stream(text: &str) -> Vec<Value> {
    text.split("\n---\n")
        .map(|doc| {
            let mut v: Value = serde_saphyr::from_str(doc)
                .unwrap_or_else(|e| panic!("bad YAML document: {e}\n{doc}"));
            without_times(&mut v);
            v
        })
        .collect()
}

#[test]
fn yaml_dump_is_the_api_objects_one_document_each() {
    let srv = server(&["cp-1", "worker-1", "worker-2"]);
    let out = nodes(&srv).run();
    out.code(0);
    assert!(!out.stdout.starts_with("---"), "no leading separator");
    let docs = parse_yaml_stream(&out.stdout);
    assert_eq!(docs.len(), 3);
    for (doc, name) in docs.iter().zip(["cp-1", "worker-1", "worker-2"]) {
        assert_eq!(
            doc,
            &api_object(&srv, name, false),
            "node {name} differs from the API object"
        );
        assert!(doc["metadata"].get("managedFields").is_none());
        // A field k8s-openapi v1_33 does not know survives the raw dump.
        assert!(
            doc["status"].get("declaredFeatures").is_some(),
            "unknown field dropped"
        );
    }
    assert!(
        out.stderr.is_empty(),
        "dump writes nothing on stderr: {}",
        out.stderr
    );
}

#[test]
fn show_managed_fields_keeps_them() {
    let srv = server(&["a"]);
    let out = nodes(&srv).args(["--show-managed-fields"]).run();
    out.code(0);
    let docs = parse_yaml_stream(&out.stdout);
    assert_eq!(docs[0], api_object(&srv, "a", true));
    assert!(
        docs[0]["metadata"]["managedFields"]
            .as_array()
            .is_some_and(|m| !m.is_empty())
    );
}

#[test]
fn json_is_a_v1_list_like_kubectls() {
    let srv = server(&["a", "b"]);
    let out = nodes(&srv).args(["-o", "json"]).run();
    out.code(0);
    let mut list: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(list["apiVersion"], "v1");
    assert_eq!(list["kind"], "List");
    assert_eq!(list["metadata"]["resourceVersion"], "");
    without_times(&mut list);
    let items = list["items"].as_array().unwrap();
    assert_eq!(
        items,
        &vec![api_object(&srv, "a", false), api_object(&srv, "b", false)]
    );
    assert!(
        out.stdout
            .starts_with("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n")
    );
}

#[test]
fn name_output() {
    let srv = server(&["a", "b", "c"]);
    nodes(&srv)
        .args(["-o", "name"])
        .run()
        .code(0)
        .stdout_has("node/a\nnode/b\nnode/c\n");
}

#[test]
fn output_dir_writes_one_file_per_node() {
    let srv = server(&["cp-1", "worker-1"]);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bundle/nodes");
    let out = nodes(&srv)
        .args(["--output-dir", target.to_str().unwrap()])
        .run();
    out.code(0).stdout_empty().stderr_has("wrote 2 nodes to");
    let mut files: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec!["cp-1.yaml", "worker-1.yaml"],
        "no temporary files left behind"
    );
    for name in ["cp-1", "worker-1"] {
        let text = std::fs::read_to_string(target.join(format!("{name}.yaml"))).unwrap();
        assert_eq!(
            parse_yaml_stream(&text),
            vec![api_object(&srv, name, false)]
        );
    }

    let out = nodes(&srv)
        .args(["-o", "json", "--output-dir", target.to_str().unwrap()])
        .run();
    out.code(0);
    let mut one: Value =
        serde_json::from_str(&std::fs::read_to_string(target.join("worker-1.json")).unwrap())
            .unwrap();
    without_times(&mut one);
    assert_eq!(one, api_object(&srv, "worker-1", false));
}

#[test]
fn output_dir_never_writes_through_a_planted_symlink() {
    let srv = server(&["cp-1"]);
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("nodes");
    std::fs::create_dir(&target).unwrap();
    std::os::unix::fs::symlink(&victim, target.join("cp-1.yaml")).unwrap();
    nodes(&srv)
        .args(["--output-dir", target.to_str().unwrap()])
        .run()
        .code(0)
        .stderr_is(&format!("wrote 1 node to {}\n", target.display()));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let written = target.join("cp-1.yaml");
    assert!(!std::fs::symlink_metadata(&written).unwrap().is_symlink());
    assert_eq!(
        parse_yaml_stream(&std::fs::read_to_string(&written).unwrap()),
        vec![api_object(&srv, "cp-1", false)]
    );
}

#[test]
fn output_dir_does_not_let_a_duplicate_name_overwrite_a_node() {
    let srv = server(&[]);
    // A broken or hostile server: two different nodes (two uids) with one name.
    let node = |name: &str, uid: &str, zone: &str| {
        format!(r#"{{"metadata":{{"name":"{name}","uid":"{uid}","labels":{{"zone":"{zone}"}}}}}}"#)
    };
    let list = format!(
        r#"{{"kind":"NodeList","apiVersion":"v1","metadata":{{"resourceVersion":"7"}},"items":[{},{},{}]}}"#,
        node("a", "u1", "first"),
        node("a", "u2", "second"),
        node("c", "u3", "third")
    );
    srv.inject(Fault::raw(200, "application/json", &list).on("GET", "/api/v1/nodes"));
    let dir = tempfile::tempdir().unwrap();
    let out = nodes(&srv)
        .args(["--output-dir", dir.path().to_str().unwrap()])
        .run();
    out.code(2).stdout_empty().stderr_is(&format!(
        "error: node a came twice; the second copy was not written (the file holds the first)\n\
         wrote 2 nodes to {}\n",
        dir.path().display()
    ));
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["a.yaml", "c.yaml"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
        "apiVersion: v1\nkind: Node\nmetadata:\n  labels:\n    zone: first\n  name: a\n  uid: u1\n"
    );
}

#[test]
fn output_dir_with_a_table_format_is_a_usage_error() {
    let srv = server(&["a"]);
    let out = nodes(&srv).args(["-o", "table", "--output-dir", "x"]).run();
    out.code(2).one_error_line().stderr_has("--output-dir");
    assert!(
        srv.requests().is_empty(),
        "usage errors are caught before any request"
    );
}

#[test]
fn label_selector_reaches_the_server() {
    let srv = server(&["cp-1", "worker-1", "worker-2"]);
    let out = nodes(&srv)
        .args(["-o", "name", "-l", "node-role.kubernetes.io/control-plane"])
        .run();
    out.code(0);
    assert_eq!(out.stdout, "node/cp-1\n");
    let out = nodes(&srv)
        .args(["-o", "name", "-l", "!node-role.kubernetes.io/control-plane"])
        .run();
    assert_eq!(out.stdout, "node/worker-1\nnode/worker-2\n");
    let sent = srv.requests_to("/api/v1/nodes");
    assert_eq!(
        sent[0].param("labelSelector"),
        Some("node-role.kubernetes.io/control-plane")
    );
}

#[test]
fn a_bad_selector_is_the_servers_400() {
    let srv = server(&["a"]);
    let out = nodes(&srv).args(["-l", "a in b"]).run();
    out.code(2).one_error_line().stderr_is("error: cannot list nodes: the API server answered 400 BadRequest: unable to parse requirement: found 'b' expected: '('\n");
}

#[test]
fn pages_are_followed_to_the_end() {
    let names: Vec<String> = (1..=7).map(|i| format!("n{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let srv = server(&refs);
    let out = nodes(&srv).args(["-o", "name", "--chunk-size", "2"]).run();
    out.code(0);
    let want: String = names.iter().map(|n| format!("node/{n}\n")).collect();
    assert_eq!(out.stdout, want);
    let sent = srv.requests_to("/api/v1/nodes");
    assert_eq!(
        sent.len(),
        4,
        "7 nodes in pages of 2: {:?}",
        sent.iter().map(|r| r.line()).collect::<Vec<_>>()
    );
    assert!(sent.iter().all(|r| r.param("limit") == Some("2")));
    assert!(!sent[0].has_param("continue"));
    assert!(sent[1..].iter().all(|r| r.has_param("continue")));
}

#[test]
fn an_expired_continue_token_restarts_once_without_repeating_nodes() {
    let names: Vec<String> = (1..=5).map(|i| format!("n{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let srv = server(&refs);
    srv.inject(
        Fault::expired()
            .on("GET", "/api/v1/nodes")
            .exact()
            .with_continue()
            .times(1),
    );
    let out = nodes(&srv).args(["-o", "name", "--chunk-size", "2"]).run();
    out.code(0).stderr_has("restarting the list once");
    let want: String = names.iter().map(|n| format!("node/{n}\n")).collect();
    assert_eq!(out.stdout, want, "every node exactly once, in order");
}

#[test]
fn an_expired_token_twice_is_an_error() {
    let srv = server(&["n1", "n2", "n3"]);
    srv.inject(
        Fault::expired()
            .on("GET", "/api/v1/nodes")
            .exact()
            .with_continue(),
    );
    let out = nodes(&srv).args(["-o", "name", "--chunk-size", "1"]).run();
    out.code(2).stderr_is("warning: the API server expired the list's continue token (list nodes); restarting the list once, skipping the 1 object already shown\nerror: cannot list nodes: the API server answered 410 Expired: The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.\n");
}

#[test]
fn named_nodes_are_fetched_and_a_missing_one_does_not_hide_the_others() {
    let srv = server(&["a", "b", "c"]);
    let out = nodes(&srv).args(["c", "missing", "a", "-o", "name"]).run();
    out.code(2)
        .one_error_line()
        .stderr_is("error: node \"missing\" not found\n");
    assert_eq!(out.stdout, "node/c\nnode/a\n");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let names: Vec<String> = (1..=300).map(|i| format!("node-{i:04}")).collect();
    let mut cluster = Cluster::new();
    for n in &names {
        cluster = cluster.node(NodeFixture::new(n).ready());
    }
    let srv = FakeApiServer::start(cluster);
    let mut child = crate::harness::spawn(srv.kubeconfig_path(), &["nodes"]);
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    assert!(first.starts_with(b"apiVersion: v1\n"));
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(
        stderr.is_empty(),
        "nothing to report for a closed pipe: {stderr}"
    );
}

/// Numbers come out as kubectl prints them (Go's encoding/json, then go-yaml), whatever the
/// server wrote: floats in Go's form, an integer past int64 as a float64. In YAML, 1e20 is a
/// float again: go-yaml re-reads JSON's `100000000000000000000`, which fits no 64-bit integer.
#[test]
fn numbers_print_as_kubectl_prints_them() {
    let srv = server(&[]);
    let raw = r#"{"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "nums", "uid": "u-nums", "resourceVersion": "1"},
        "status": {"x": {"big": 1e21, "wide": 1e20, "tiny": 0.0000001, "huge": 12345678901234567890}}}"#;
    srv.with_state(|c| c.add_raw("nodes", fake_apiserver::J::parse(raw).unwrap()));
    let json = nodes(&srv).args(["nums", "-o", "json"]).run();
    json.code(0)
        .stdout_has(
            "\"x\": {\n                    \"big\": 1e+21,\n                    \"huge\": 12345678901234567000,\n                    \"tiny\": 1e-7,\n                    \"wide\": 100000000000000000000\n                }",
        );
    nodes(&srv).args(["nums"]).run().code(0).stdout_has(
        "  x:\n    big: 1e+21\n    huge: 12345678901234567000\n    tiny: 1e-07\n    wide: 1e+20\n",
    );
}
