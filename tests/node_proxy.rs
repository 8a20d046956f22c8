//! The shared client's node-proxy GET (`/api/v1/nodes/{name}/proxy/{path}`), which the healthz
//! and configz commands build on: the kubelet's answer comes back whatever its status, the
//! API server's own Status is recognised, a hung kubelet costs exactly one timeout (no hidden
//! retries), and a 403 names the `nodes/proxy` permission.

use std::time::{Duration, Instant};

use fake_apiserver::{Cluster as FakeCluster, FakeApiServer, Fault, Kubelet, NodeFixture};
use kubelet_doctor::client::{Cluster, ConnectOptions};
use kubelet_doctor::error::Error;

fn fake() -> FakeApiServer {
    FakeApiServer::start(
        FakeCluster::new()
            .node(NodeFixture::new("good").ready())
            .node(
                NodeFixture::new("failing")
                    .ready()
                    .kubelet(Kubelet::FailingCheck("syncloop".into())),
            )
            .node(NodeFixture::new("hung").ready().kubelet(Kubelet::Hang))
            .node(
                NodeFixture::new("gone")
                    .ready()
                    .kubelet(Kubelet::Unreachable),
            ),
    )
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

async fn connect(srv: &FakeApiServer) -> Cluster {
    Cluster::connect(&ConnectOptions {
        kubeconfig: Some(srv.kubeconfig_path()),
        context: None,
        request_timeout: Some(Duration::from_secs(10)),
        insecure_skip_tls_verify: false,
        verbose: false,
    })
    .await
    .unwrap()
}

#[test]
fn healthy_and_failing_kubelets_answer_through_the_proxy() {
    let srv = fake();
    block_on(async {
        let cluster = connect(&srv).await;
        let ok = cluster
            .node_proxy_get("good", "healthz", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!((ok.status, &ok.body[..]), (200, &b"ok"[..]));
        assert!(ok.api_status.is_none());

        let failing = cluster
            .node_proxy_get("failing", "healthz?verbose", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(failing.status, 500);
        // The kubelet's verbose listing, as the apiserver healthz handler writes it.
        assert_eq!(
            String::from_utf8_lossy(&failing.body),
            "[+]ping ok\n[+]log ok\n[-]syncloop failed: reason withheld\nhealthz check failed\n"
        );
        assert!(failing.api_status.is_none());
    });
    assert_eq!(
        srv.requests_to("/api/v1/nodes/failing/proxy/healthz")[0].param("verbose"),
        Some("")
    );
}

#[test]
fn an_unreachable_kubelet_is_the_api_servers_503_status() {
    let srv = fake();
    block_on(async {
        let cluster = connect(&srv).await;
        let gone = cluster
            .node_proxy_get("gone", "healthz", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(gone.status, 503);
        let status = gone.api_status.expect("the proxy's Status is parsed");
        // The node's address is the fixture's, derived from its name.
        assert_eq!(
            status.message,
            format!(
                "error trying to reach service: dial tcp {}:10250: connect: connection refused",
                NodeFixture::new("gone").default_internal_ip()
            )
        );
    });
    assert_eq!(
        srv.requests_to("/api/v1/nodes/gone/proxy/healthz").len(),
        1,
        "no retry on 503"
    );
}

#[test]
fn a_hung_kubelet_costs_one_timeout_and_no_retry() {
    let srv = fake();
    block_on(async {
        let cluster = connect(&srv).await;
        let started = Instant::now();
        let err = cluster
            .node_proxy_get("hung", "healthz", Duration::from_millis(500))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    });
    assert_eq!(srv.requests_to("/api/v1/nodes/hung/proxy/healthz").len(), 1);
}

#[test]
fn forbidden_proxy_names_the_permission() {
    let srv = fake();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes/good/proxy"));
    block_on(async {
        let cluster = connect(&srv).await;
        let err = cluster
            .node_proxy_get("good", "healthz", Duration::from_secs(5))
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
        // The command adds how powerful the permission is (see healthz_remote); the client
        // error names it.
        assert_eq!(
            text,
            "cannot get nodes/proxy \"good\": the API server refused user \"fake-admin\" (403 \
             Forbidden): grant \"get\" on \"nodes/proxy\" in API group \"\" (core) at cluster \
             scope"
        );
    });
}

#[test]
fn a_missing_node_is_the_api_servers_404() {
    let srv = fake();
    block_on(async {
        let cluster = connect(&srv).await;
        let missing = cluster
            .node_proxy_get("nope", "healthz", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(missing.status, 404);
        assert_eq!(
            missing.api_status.map(|s| s.reason),
            Some("NotFound".to_string())
        );
    });
}
