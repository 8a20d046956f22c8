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
