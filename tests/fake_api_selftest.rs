// Tests of the fake API server itself, over raw TLS with a minimal HTTP/1.1 client: TLS and
// auth, list shapes, pagination, selectors, the node proxy and every injected fault. They
// pin the protocol details the CLI's integration tests rely on; none of them needs kubectl.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use fake_apiserver::util::{base64_raw_url_decode, format_time, parse_time, url_encode};
use fake_apiserver::{
    Cluster, EventFixture, FakeApiServer, Fault, Kubelet, LeaseFixture, NodeFixture, PodFixture,
    Pressure, ServerOptions, ServiceAccountFixture, Synthetic,
};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ---------------------------------------------------------------- a tiny HTTP/1.1 client

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// False when the connection ended before Content-Length bytes arrived.
    complete: bool,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

struct Req<'a> {
    path: &'a str,
    token: Option<&'a str>,
    accept: Option<&'a str>,
    timeout: Duration,
    alpn: Vec<Vec<u8>>,
    sni: &'a str,
    trust_ca: bool,
}

fn req(path: &str) -> Req<'_> {
    Req {
        path,
        token: None,
        accept: Some("application/json"),
        timeout: Duration::from_secs(10),
        alpn: vec![b"http/1.1".to_vec()],
        sni: "127.0.0.1",
        trust_ca: true,
    }
}

fn client_config(srv: &FakeApiServer, r: &Req) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    if r.trust_ca {
        roots
            .add(rustls::pki_types::CertificateDer::from(
                srv.ca_der().to_vec(),
            ))
            .expect("add CA");
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    cfg.alpn_protocols = r.alpn.clone();
    Arc::new(cfg)
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Sends one request on a fresh connection; `Err` for TLS/connect failures and timeouts.
fn send(srv: &FakeApiServer, r: Req) -> Result<Resp, String> {
    let cfg = client_config(srv, &r);
    rt().block_on(async {
        let work = async {
            let tcp = tokio::net::TcpStream::connect(srv.addr())
                .await
                .map_err(|e| e.to_string())?;
            let name = rustls::pki_types::ServerName::try_from(r.sni.to_string())
                .map_err(|e| e.to_string())?;
            let mut tls = tokio_rustls::TlsConnector::from(cfg)
                .connect(name, tcp)
                .await
                .map_err(|e| format!("tls: {e}"))?;
            let mut head = format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
                r.path,
                srv.addr()
            );
            if let Some(t) = r.token {
                head.push_str(&format!("Authorization: Bearer {t}\r\n"));
            }
            if let Some(a) = r.accept {
                head.push_str(&format!("Accept: {a}\r\n"));
            }
            head.push_str("\r\n");
            tls.write_all(head.as_bytes())
                .await
                .map_err(|e| e.to_string())?;
            let mut raw = Vec::new();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match tls.read(&mut buf).await {
                    Ok(0) => break,
                    Ok(n) => raw.extend_from_slice(&buf[..n]),
                    // A connection cut mid-body ends without close_notify.
                    Err(_) => break,
                }
            }
            parse_response(&raw)
        };
        tokio::time::timeout(r.timeout, work)
            .await
            .map_err(|_| "timeout".to_string())?
    })
}

fn parse_response(raw: &[u8]) -> Result<Resp, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no response head")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("empty head")?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let rest = &raw[end + 4..];
    let find = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let (body, complete) = if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut body = Vec::new();
        let mut p = rest;
        let mut complete = false;
        while let Some(i) = p.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&p[..i]).trim(), 16)
                .map_err(|e| e.to_string())?;
            p = &p[i + 2..];
            if size == 0 {
                complete = true;
                break;
            }
            let take = size.min(p.len());
            body.extend_from_slice(&p[..take]);
            if take < size {
                break;
            }
            p = &p[(size + 2).min(p.len())..];
        }
        (body, complete)
    } else {
        let len = find("content-length").and_then(|v| v.parse::<usize>().ok());
        (rest.to_vec(), len.is_none_or(|l| l == rest.len()))
    };
    Ok(Resp {
        status,
        headers,
        body,
        complete,
    })
}

fn get(srv: &FakeApiServer, path: &str) -> Resp {
    send(
        srv,
        Req {
            token: Some(srv.token()),
            ..req(path)
        },
    )
    .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

fn get_json(srv: &FakeApiServer, path: &str) -> Value {
    let r = get(srv, path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    r.json()
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {list}"))
        .iter()
        .map(|i| i["metadata"]["name"].as_str().unwrap_or("").to_string())
        .collect()
}

fn five_nodes() -> Cluster {
    Cluster::new()
        .node(NodeFixture::new("node-a").control_plane())
        .node(NodeFixture::new("node-b").not_ready("KubeletNotReady", "PLEG is not healthy"))
        .node(NodeFixture::new("node-c").cordoned().label("tier", "gpu"))
        .node(
            NodeFixture::new("node-d")
                .pressure(Pressure::Disk)
                .label("tier", "cpu"),
        )
        .node(NodeFixture::new("node-e").unknown().label("tier", "cpu"))
        .lease_for_all_nodes()
}

fn workloads() -> Cluster {
    let stuck = PodFixture::new("shop", "api-7d4b9c8f6d-x2k9q")
        .node("node-a")
        .container("app", "registry.example.com/shop/api:v9")
        .waiting(
            "app",
            "ImagePullBackOff",
            "Back-off pulling image \"registry.example.com/shop/api:v9\"",
        );
    let event = EventFixture::pull_failed(
        &stuck,
        "app",
        "registry.example.com/shop/api:v9",
        "rpc error: code = NotFound desc = not found",
    );
    Cluster::new()
        .node(NodeFixture::new("node-a"))
        .node(NodeFixture::new("node-b"))
        .pod(stuck)
        .pod(PodFixture::new("shop", "web-5f6b7c8d9e-abcde").node("node-b"))
        .pod(
            PodFixture::new("kube-system", "coredns-668d6bf9bc-4xk2p")
                .node("node-a")
                .label("k8s-app", "kube-dns"),
        )
        .pod(PodFixture::new("default", "pending-1").phase("Pending"))
        .event(event)
        .event(
            EventFixture::new("shop", "Pod", "web-5f6b7c8d9e-abcde")
                .normal("Scheduled", "Successfully assigned shop/web to node-b"),
        )
        .service_account(
            ServiceAccountFixture::new("shop", "deployer").image_pull_secret("regcred"),
        )
}

// ---------------------------------------------------------------- TLS, auth, kubeconfig

#[test]
fn serves_tls_signed_by_its_ca_for_ip_and_localhost() {
    let srv = FakeApiServer::start(Cluster::new());
    assert!(srv.url().starts_with("https://127.0.0.1:"));
    let v = get_json(&srv, "/version");
    assert_eq!(v["gitVersion"], "v1.33.1");
    let r = send(
        &srv,
        Req {
            token: Some(srv.token()),
            sni: "localhost",
            ..req("/version")
        },
    )
    .unwrap();
    assert_eq!(r.status, 200);
    let err = send(
        &srv,
        Req {
            token: Some(srv.token()),
            trust_ca: false,
            ..req("/version")
        },
    )
    .unwrap_err();
    assert!(err.contains("tls"), "{err}");
    assert!(srv.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
}

#[test]
fn negotiates_h2_and_http11_by_alpn() {
    let srv = FakeApiServer::start(Cluster::new());
    for (offer, want) in [(&b"h2"[..], &b"h2"[..]), (b"http/1.1", b"http/1.1")] {
        let r = Req {
            alpn: vec![offer.to_vec()],
            ..req("/")
        };
        let cfg = client_config(&srv, &r);
        let proto = rt().block_on(async {
            let tcp = tokio::net::TcpStream::connect(srv.addr()).await.unwrap();
            let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
            let tls = tokio_rustls::TlsConnector::from(cfg)
                .connect(name, tcp)
                .await
                .unwrap();
            tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec)
        });
        assert_eq!(proto.as_deref(), Some(want));
    }
}

#[test]
fn rejects_missing_or_wrong_token_with_real_401() {
    let srv = FakeApiServer::start(five_nodes());
    let want = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#;
    for token in [None, Some("not-the-token")] {
        let r = send(
            &srv,
            Req {
                token,
                ..req("/api/v1/nodes")
            },
        )
        .unwrap();
        assert_eq!(r.status, 401);
        assert_eq!(r.text().trim_end(), want);
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
    let log = srv.requests();
    assert_eq!(log.len(), 2);
    assert!(!log[0].has_authorization && log[1].has_authorization && !log[1].authorized);
    assert_eq!(log[0].status, Some(401));
}

#[test]
fn writes_a_kubeconfig_with_inline_ca_and_token() {
    let srv = FakeApiServer::start_with(
        Cluster::new(),
        ServerOptions::new()
            .cluster_name("c1")
            .context_name("ctx1")
            .user_name("alice"),
    );
    let text = std::fs::read_to_string(srv.kubeconfig_path()).unwrap();
    assert!(text.contains(&format!("server: {}", srv.url())));
    assert!(text.contains(&format!("token: {}", srv.token())));
    assert!(
        text.contains("current-context: ctx1")
            && text.contains("name: c1")
            && text.contains("- name: alice")
    );
    let ca_line = text
        .lines()
        .find(|l| l.contains("certificate-authority-data:"))
        .unwrap();
    let b64 = ca_line.split_once(": ").unwrap().1;
    let url_safe: String = b64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    assert_eq!(
        String::from_utf8(base64_raw_url_decode(&url_safe).unwrap()).unwrap(),
        srv.ca_pem()
    );
    assert!(!srv.token().is_empty() && srv.token() != FakeApiServer::start(Cluster::new()).token());
    let wrong = srv.write_kubeconfig(srv.kubeconfig_path().with_file_name("wrong"), "bad");
    assert!(
        std::fs::read_to_string(wrong)
            .unwrap()
            .contains("token: bad")
    );
}

// ---------------------------------------------------------------- objects and lists

#[test]
fn lists_have_the_real_shape_and_items_have_no_type_meta() {
    let srv = FakeApiServer::start(five_nodes());
    let list = get_json(&srv, "/api/v1/nodes");
    assert_eq!(list["kind"], "NodeList");
    assert_eq!(list["apiVersion"], "v1");
    assert!(
        list["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    assert!(list["metadata"].get("continue").is_none());
    assert_eq!(
        names(&list),
        ["node-a", "node-b", "node-c", "node-d", "node-e"]
    );
    let item = &list["items"][0];
    assert!(item.get("kind").is_none() && item.get("apiVersion").is_none());

    let r = get(&srv, "/api/v1/nodes/node-a");
    assert!(
        r.text()
            .starts_with(r#"{"kind":"Node","apiVersion":"v1","metadata":{"name":"node-a""#)
    );
    let node = r.json();
    assert_eq!(
        node["metadata"]["labels"]["node-role.kubernetes.io/control-plane"],
        ""
    );
    assert_eq!(
        node["status"]["daemonEndpoints"]["kubeletEndpoint"]["Port"],
        10250
    );
    assert_eq!(node["status"]["images"].as_array().unwrap().len(), 50);
    assert!(
        node["status"]["declaredFeatures"].is_array(),
        "a field newer than k8s-openapi v1_33"
    );
    assert!(node["metadata"]["managedFields"].as_array().unwrap().len() >= 3);
    let ready = node["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Ready")
        .unwrap();
    assert_eq!(
        (ready["reason"].as_str(), ready["message"].as_str()),
        (
            Some("KubeletReady"),
            Some("kubelet is posting ready status")
        )
    );

    let unknown = get_json(&srv, "/api/v1/nodes/node-e");
    let conds = unknown["status"]["conditions"].as_array().unwrap();
    assert!(conds.iter().all(
        |c| c["status"] == "Unknown" && c["message"] == "Kubelet stopped posting node status."
    ));
    let cordoned = get_json(&srv, "/api/v1/nodes/node-c");
    assert_eq!(cordoned["spec"]["unschedulable"], true);
    assert_eq!(
        cordoned["spec"]["taints"][0]["key"],
        "node.kubernetes.io/unschedulable"
    );
}

#[test]
fn get_of_a_missing_object_is_a_real_404() {
    let srv = FakeApiServer::start(five_nodes());
    let r = get(&srv, "/api/v1/nodes/nope");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.text().trim_end(),
        r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes \"nope\" not found","reason":"NotFound","details":{"name":"nope","kind":"nodes"},"code":404}"#
    );
    let r = get(
        &srv,
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/nope",
    );
    assert_eq!(
        r.json()["message"],
        "leases.coordination.k8s.io \"nope\" not found"
    );
    assert_eq!(r.json()["details"]["group"], "coordination.k8s.io");
    assert_eq!(
        get(&srv, "/api/v1/widgets").json()["message"],
        "the server could not find the requested resource"
    );
}

#[test]
fn serves_pods_events_leases_and_service_accounts() {
    let srv = FakeApiServer::start(workloads().lease_for_all_nodes());
    let all = get_json(&srv, "/api/v1/pods");
    assert_eq!(all["kind"], "PodList");
    // etcd key order: namespace, then name.
    assert_eq!(
        names(&all),
        [
            "pending-1",
            "coredns-668d6bf9bc-4xk2p",
            "api-7d4b9c8f6d-x2k9q",
            "web-5f6b7c8d9e-abcde"
        ]
    );
    assert_eq!(
        names(&get_json(&srv, "/api/v1/namespaces/shop/pods")).len(),
        2
    );
    let pod = get_json(&srv, "/api/v1/namespaces/shop/pods/api-7d4b9c8f6d-x2k9q");
    let waiting = &pod["status"]["containerStatuses"][0]["state"]["waiting"];
    assert_eq!(waiting["reason"], "ImagePullBackOff");
    assert_eq!(pod["status"]["phase"], "Pending");
    assert_eq!(pod["spec"]["nodeName"], "node-a");

    let events = get_json(&srv, "/api/v1/events");
    assert_eq!(events["kind"], "EventList");
    let failed = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["reason"] == "Failed")
        .unwrap();
    assert_eq!(
        failed["involvedObject"]["fieldPath"],
        "spec.containers{app}"
    );
    assert_eq!(failed["involvedObject"]["uid"], pod["metadata"]["uid"]);
    assert_eq!(failed["source"]["component"], "kubelet");
    assert!(failed["eventTime"].is_null());

    let leases = get_json(
        &srv,
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
    );
    assert_eq!(
        (leases["kind"].as_str(), leases["apiVersion"].as_str()),
        (Some("LeaseList"), Some("coordination.k8s.io/v1"))
    );
    assert_eq!(names(&leases), ["node-a", "node-b"]);
    assert_eq!(
        names(&get_json(&srv, "/apis/coordination.k8s.io/v1/leases")).len(),
        2
    );
    let node_uid = get_json(&srv, "/api/v1/nodes/node-a")["metadata"]["uid"].clone();
    assert_eq!(
        leases["items"][0]["metadata"]["ownerReferences"][0]["uid"],
        node_uid
    );

    let sa = get_json(&srv, "/api/v1/namespaces/shop/serviceaccounts/deployer");
    assert_eq!(sa["imagePullSecrets"][0]["name"], "regcred");
    assert_eq!(
        get_json(&srv, "/api/v1/namespaces/shop/serviceaccounts/default")["kind"],
        "ServiceAccount"
    );
    assert_eq!(
        get(&srv, "/api/v1/namespaces/shop/serviceaccounts/nope").status,
        404
    );
    assert!(names(&get_json(&srv, "/api/v1/namespaces")).contains(&"shop".to_string()));
}

#[test]
fn lease_renew_time_stays_relative_to_each_response() {
    let srv = FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("n1"))
            .lease(LeaseFixture::new("n1").renewed_ago(Duration::from_secs(5))),
    );
    for _ in 0..2 {
        let lease = get_json(
            &srv,
            "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1",
        );
        let renew = lease["spec"]["renewTime"].as_str().unwrap();
        assert_eq!(
            renew.len(),
            "2024-05-01T10:00:00.123456Z".len(),
            "MicroTime format: {renew}"
        );
        let age = SystemTime::now()
            .duration_since(parse_time(renew).unwrap())
            .unwrap();
        assert!(
            age >= Duration::from_secs(5) && age < Duration::from_secs(7),
            "{age:?}"
        );
        assert_eq!(lease["spec"]["leaseDurationSeconds"], 40);
        std::thread::sleep(Duration::from_millis(1200));
    }
}

// ---------------------------------------------------------------- pagination

#[test]
fn paginates_with_continue_and_remaining_item_count() {
    let srv = FakeApiServer::start(five_nodes());
    let p1 = get_json(&srv, "/api/v1/nodes?limit=2");
    assert_eq!(names(&p1), ["node-a", "node-b"]);
    assert_eq!(p1["metadata"]["remainingItemCount"], 3);
    let c1 = p1["metadata"]["continue"].as_str().unwrap().to_string();
    let token = String::from_utf8(base64_raw_url_decode(&c1).unwrap()).unwrap();
    assert!(
        token.starts_with(r#"{"v":"meta.k8s.io/v1","rv":"#)
            && token.ends_with(r#""start":"node-b\u0000"}"#),
        "{token}"
    );

    let p2 = get_json(
        &srv,
        &format!("/api/v1/nodes?limit=2&continue={}", url_encode(&c1)),
    );
    assert_eq!(names(&p2), ["node-c", "node-d"]);
    assert_eq!(p2["metadata"]["remainingItemCount"], 1);
    assert_eq!(
        p2["metadata"]["resourceVersion"],
        p1["metadata"]["resourceVersion"]
    );
    let c2 = p2["metadata"]["continue"].as_str().unwrap();

    let p3 = get_json(
        &srv,
        &format!("/api/v1/nodes?limit=2&continue={}", url_encode(c2)),
    );
    assert_eq!(names(&p3), ["node-e"]);
    assert!(
        p3["metadata"].get("continue").is_none()
            && p3["metadata"].get("remainingItemCount").is_none()
    );

    let log = srv.requests_to("/api/v1/nodes");
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|r| r.param("limit") == Some("2")));
    assert!(!log[0].has_param("continue") && log[1].has_param("continue"));

    let exact = get_json(&srv, "/api/v1/nodes?limit=5");
    assert!(
        exact["metadata"].get("continue").is_none(),
        "no continue when nothing is left"
    );
}

#[test]
fn selectors_apply_before_the_limit_and_hide_remaining_count() {
    let srv = FakeApiServer::start(five_nodes());
    let p1 = get_json(&srv, "/api/v1/nodes?limit=1&labelSelector=tier%3Dcpu");
    assert_eq!(names(&p1), ["node-d"]);
    assert!(p1["metadata"].get("remainingItemCount").is_none());
    let c = p1["metadata"]["continue"].as_str().unwrap();
    let p2 = get_json(
        &srv,
        &format!(
            "/api/v1/nodes?limit=1&labelSelector=tier%3Dcpu&continue={}",
            url_encode(c)
        ),
    );
    assert_eq!(names(&p2), ["node-e"]);
    assert!(p2["metadata"].get("continue").is_none());
}

#[test]
fn rejects_bad_continue_tokens_and_expires_compacted_ones() {
    let srv = FakeApiServer::start(five_nodes());
    let r = get(&srv, "/api/v1/nodes?limit=2&continue=%21%21");
    assert_eq!(r.status, 400);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid continue token: continue key is not valid")
    );

    let p1 = get_json(&srv, "/api/v1/nodes?limit=2");
    let c1 = p1["metadata"]["continue"].as_str().unwrap().to_string();
    srv.with_state(|c| c.compact());
    let r = get(
        &srv,
        &format!("/api/v1/nodes?limit=2&continue={}", url_encode(&c1)),
    );
    assert_eq!(r.status, 410);
    let st = r.json();
    assert_eq!(st["reason"], "Expired");
    assert!(st["message"].as_str().unwrap().starts_with(
        "The provided continue parameter is too old to display a consistent list result."
    ));
    // The inconsistent token resumes after node-b at the latest resourceVersion.
    let resume = st["metadata"]["continue"].as_str().unwrap();
    let p2 = get_json(
        &srv,
        &format!("/api/v1/nodes?limit=2&continue={}", url_encode(resume)),
    );
    assert_eq!(names(&p2), ["node-c", "node-d"]);

    let r = get(
        &srv,
        &format!(
            "/api/v1/nodes?limit=2&resourceVersion=5&continue={}",
            url_encode(resume)
        ),
    );
    assert_eq!(
        r.json()["message"],
        "specifying resource version is not allowed when using continue"
    );
}

// ---------------------------------------------------------------- selectors

fn node_names_for(srv: &FakeApiServer, selector: &str) -> Vec<String> {
    names(&get_json(
        srv,
        &format!("/api/v1/nodes?labelSelector={}", url_encode(selector)),
    ))
}

#[test]
fn label_selectors_support_every_operator() {
    let srv = FakeApiServer::start(five_nodes());
    assert_eq!(node_names_for(&srv, "tier=cpu"), ["node-d", "node-e"]);
    assert_eq!(node_names_for(&srv, "tier==gpu"), ["node-c"]);
    assert_eq!(
        node_names_for(&srv, "tier!=cpu"),
        ["node-a", "node-b", "node-c"]
    );
    assert_eq!(
        node_names_for(&srv, "tier in (gpu, cpu)"),
        ["node-c", "node-d", "node-e"]
    );
    assert_eq!(
        node_names_for(&srv, "tier notin (cpu)"),
        ["node-a", "node-b", "node-c"]
    );
    assert_eq!(node_names_for(&srv, "tier"), ["node-c", "node-d", "node-e"]);
    assert_eq!(node_names_for(&srv, "!tier"), ["node-a", "node-b"]);
    assert_eq!(
        node_names_for(&srv, "node-role.kubernetes.io/control-plane"),
        ["node-a"]
    );
    assert_eq!(
        node_names_for(&srv, "tier=cpu,kubernetes.io/hostname=node-e"),
        ["node-e"]
    );
    assert_eq!(
        node_names_for(&srv, ""),
        ["node-a", "node-b", "node-c", "node-d", "node-e"]
    );
}

#[test]
fn label_selector_syntax_errors_are_real_400s() {
    let srv = FakeApiServer::start(five_nodes());
    let cases = [
        (
            "a b",
            "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
        ),
        (
            "app:x",
            "unable to parse requirement: <nil>: Invalid value: \"app:x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
        (
            "a in (x",
            "unable to parse requirement: found '', expected: ',' or ')'",
        ),
        ("a=b,", "found '', expected: identifier after ','"),
    ];
    for (sel, msg) in cases {
        let r = get(
            &srv,
            &format!("/api/v1/nodes?labelSelector={}", url_encode(sel)),
        );
        assert_eq!(r.status, 400, "{sel}");
        let st = r.json();
        assert_eq!(
            (st["reason"].as_str(), st["code"].as_i64()),
            (Some("BadRequest"), Some(400))
        );
        assert_eq!(st["message"], msg, "{sel}");
    }
}

#[test]
fn field_selectors_filter_pods_events_and_nodes() {
    let srv = FakeApiServer::start(workloads());
    let pods = |sel: &str| {
        names(&get_json(
            &srv,
            &format!("/api/v1/pods?fieldSelector={}", url_encode(sel)),
        ))
    };
    assert_eq!(
        pods("spec.nodeName=node-a"),
        ["coredns-668d6bf9bc-4xk2p", "api-7d4b9c8f6d-x2k9q"]
    );
    assert_eq!(
        pods("spec.nodeName=node-a,metadata.namespace==shop"),
        ["api-7d4b9c8f6d-x2k9q"]
    );
    assert_eq!(pods("status.phase=Pending,spec.nodeName!=").len(), 1);
    assert_eq!(
        pods("status.phase!=Pending"),
        ["coredns-668d6bf9bc-4xk2p", "web-5f6b7c8d9e-abcde"]
    );
    assert_eq!(pods("metadata.name=web-5f6b7c8d9e-abcde").len(), 1);
    let events = |sel: &str| {
        get_json(
            &srv,
            &format!("/api/v1/events?fieldSelector={}", url_encode(sel)),
        )["items"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(events("reason=Failed"), 1);
    assert_eq!(
        events(
            "involvedObject.kind=Pod,involvedObject.name=api-7d4b9c8f6d-x2k9q,involvedObject.namespace=shop"
        ),
        1
    );
    assert_eq!(
        events("involvedObject.fieldPath=spec.containers{app},type=Warning,source=kubelet"),
        1
    );
    assert_eq!(events("type=Normal"), 1);
    let uid =
        get_json(&srv, "/api/v1/namespaces/shop/pods/api-7d4b9c8f6d-x2k9q")["metadata"]["uid"]
            .as_str()
            .unwrap()
            .to_string();
    assert_eq!(events(&format!("involvedObject.uid={uid}")), 1);
    let nodes = names(&get_json(
        &srv,
        "/api/v1/nodes?fieldSelector=metadata.name%3Dnode-b",
    ));
    assert_eq!(nodes, ["node-b"]);

    let r = get(&srv, "/api/v1/pods?fieldSelector=foo%3Dbar");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "field label not supported: foo");
    let r = get(&srv, "/api/v1/nodes?fieldSelector=spec.nodeName%3Dx");
    assert_eq!(
        r.json()["message"],
        "field label not supported: spec.nodeName"
    );
    let r = get(&srv, "/api/v1/pods?fieldSelector=nonsense");
    assert_eq!(
        r.json()["message"],
        "invalid selector: 'nonsense'; can't understand 'nonsense'"
    );
}

// ---------------------------------------------------------------- node proxy

fn proxy_cluster() -> Cluster {
    Cluster::new()
        .node(NodeFixture::new("ok").internal_ip("10.0.0.4"))
        .node(NodeFixture::new("sick").kubelet(Kubelet::FailingCheck("syncloop".into())))
        .node(
            NodeFixture::new("gone")
                .internal_ip("10.0.0.5")
                .kubelet(Kubelet::Unreachable),
        )
        .node(NodeFixture::new("stuck").kubelet(Kubelet::Hang))
        .node(NodeFixture::new("slow").kubelet(Kubelet::Slow(Duration::from_millis(600))))
}

#[test]
fn node_proxy_healthz_in_the_kubelet_formats() {
    let srv = FakeApiServer::start(proxy_cluster());
    let r = get(&srv, "/api/v1/nodes/ok/proxy/healthz");
    assert_eq!((r.status, r.text().as_str()), (200, "ok"));
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    let r = get(&srv, "/api/v1/nodes/ok/proxy/healthz?verbose");
    assert_eq!(
        r.text(),
        "[+]ping ok\n[+]log ok\n[+]syncloop ok\nhealthz check passed\n"
    );

    let failing =
        "[+]ping ok\n[+]log ok\n[-]syncloop failed: reason withheld\nhealthz check failed\n";
    for q in ["", "?verbose"] {
        let r = get(&srv, &format!("/api/v1/nodes/sick/proxy/healthz{q}"));
        assert_eq!((r.status, r.text().as_str()), (500, failing));
    }
    assert_eq!(
        get(&srv, "/api/v1/nodes/sick/proxy/healthz/ping").text(),
        "ok"
    );

    let r = get(&srv, "/api/v1/nodes/gone/proxy/healthz");
    assert_eq!(r.status, 503);
    assert_eq!(
        r.text().trim_end(),
        r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"error trying to reach service: dial tcp 10.0.0.5:10250: connect: connection refused","reason":"ServiceUnavailable","code":503}"#
    );
    let r = get(&srv, "/api/v1/nodes/ok/proxy/metrics-nope");
    assert_eq!((r.status, r.text().as_str()), (404, "404 page not found\n"));
    let r = get(&srv, "/api/v1/nodes/missing/proxy/healthz");
    assert_eq!(r.json()["message"], "nodes \"missing\" not found");
    assert_eq!(
        get(&srv, "/api/v1/nodes/ok:10250/proxy/healthz").text(),
        "ok"
    );
}

#[test]
fn hanging_and_slow_kubelets_do_not_block_other_requests() {
    let srv = FakeApiServer::start(proxy_cluster());
    let started = Instant::now();
    std::thread::scope(|s| {
        let hung = s.spawn(|| {
            send(
                &srv,
                Req {
                    token: Some(srv.token()),
                    timeout: Duration::from_millis(800),
                    ..req("/api/v1/nodes/stuck/proxy/healthz")
                },
            )
        });
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(get(&srv, "/api/v1/nodes/ok/proxy/healthz").text(), "ok");
        assert!(
            started.elapsed() < Duration::from_millis(700),
            "served while another request hangs"
        );
        assert_eq!(hung.join().unwrap().unwrap_err(), "timeout");
    });
    let t = Instant::now();
    let r = get(&srv, "/api/v1/nodes/slow/proxy/healthz");
    assert_eq!(r.text(), "ok");
    assert!(t.elapsed() >= Duration::from_millis(600));
    let log = srv.requests_to("/api/v1/nodes/stuck/proxy/healthz");
    assert_eq!(log[0].status, None, "a hang never got a status");
}

#[test]
fn kubelet_behaviour_and_configz_can_change_while_serving() {
    let srv = FakeApiServer::start(proxy_cluster());
    let cfg = get_json(&srv, "/api/v1/nodes/ok/proxy/configz");
    assert_eq!(cfg["kubeletconfig"]["cgroupDriver"], "systemd");
    assert!(cfg.get("apiVersion").is_none());
    srv.set_configz("ok", serde_json::json!({"kubeletconfig": {"maxPods": 250}}));
    assert_eq!(
        get_json(&srv, "/api/v1/nodes/ok/proxy/configz")["kubeletconfig"]["maxPods"],
        250
    );

    assert_eq!(get(&srv, "/api/v1/nodes/sick/proxy/healthz").status, 500);
    srv.set_kubelet("sick", Kubelet::Healthy);
    assert_eq!(get(&srv, "/api/v1/nodes/sick/proxy/healthz").status, 200);
    srv.with_state(|c| c.add_node(NodeFixture::new("sick").not_ready("KubeletNotReady", "x")));
    assert_eq!(
        get(&srv, "/api/v1/nodes/sick/proxy/healthz").status,
        200,
        "replacing a node keeps its kubelet"
    );
}

// ---------------------------------------------------------------- faults

#[test]
fn fault_403_names_verb_resource_group_and_scope() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(
        Fault::status(403)
            .on("GET", "/api/v1/nodes")
            .exact()
            .times(1),
    );
    srv.inject(Fault::forbidden().on(
        "GET",
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
    ));
    srv.inject(Fault::forbidden().on_path("/api/v1/nodes/node-a/proxy"));
    let st = get(&srv, "/api/v1/nodes").json();
    assert_eq!(st["code"], 403);
    assert_eq!(
        st["message"],
        r#"nodes is forbidden: User "fake-admin" cannot list resource "nodes" in API group "" at the cluster scope"#
    );
    assert_eq!(st["details"], serde_json::json!({"kind": "nodes"}));
    assert_eq!(get(&srv, "/api/v1/nodes").status, 200, "times(1)");

    let st = get(
        &srv,
        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
    )
    .json();
    assert_eq!(
        st["message"],
        r#"leases.coordination.k8s.io is forbidden: User "fake-admin" cannot list resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease""#
    );
    assert_eq!(
        st["details"],
        serde_json::json!({"group": "coordination.k8s.io", "kind": "leases"})
    );

    let st = get(&srv, "/api/v1/nodes/node-a/proxy/healthz").json();
    assert_eq!(
        st["message"],
        r#"nodes "node-a" is forbidden: User "fake-admin" cannot get resource "nodes/proxy" in API group "" at the cluster scope"#
    );
    assert_eq!(
        st["details"],
        serde_json::json!({"name": "node-a", "kind": "nodes"})
    );
    assert_eq!(srv.faults_fired(), [1, 1, 1]);
}

#[test]
fn fault_401_404_500_503_bodies() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(Fault::unauthorized().on("GET", "/api/v1/nodes").nth(1));
    srv.inject(Fault::not_found().on("GET", "/api/v1/nodes").nth(2));
    srv.inject(Fault::status(500).on("GET", "/api/v1/nodes").nth(3));
    srv.inject(
        Fault::internal_error("boom")
            .on("GET", "/api/v1/nodes")
            .nth(4),
    );
    srv.inject(Fault::status(503).on("GET", "/api/v1/nodes").nth(5));
    let codes: Vec<(u16, String)> = (0..6)
        .map(|_| {
            let r = get(&srv, "/api/v1/nodes/node-a");
            let v = r.json();
            (
                r.status,
                v.get("reason")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (401, "Unauthorized".to_string()),
            (404, "NotFound".into()),
            (500, "InternalError".into()),
            (500, "InternalError".into()),
            (503, "ServiceUnavailable".into()),
            (200, String::new())
        ]
    );
    srv.clear_faults();
    srv.inject(Fault::status(500).on("GET", "/api/v1/nodes"));
    let st = get(&srv, "/api/v1/nodes").json();
    assert_eq!(
        st["message"],
        "Internal error occurred: etcdserver: request timed out"
    );
    assert_eq!(
        st["details"]["causes"][0]["message"],
        "etcdserver: request timed out"
    );
    srv.clear_faults();
    srv.inject(Fault::not_found().on("GET", "/api/v1/nodes/node-a"));
    assert_eq!(
        get(&srv, "/api/v1/nodes/node-a").json()["message"],
        "nodes \"node-a\" not found"
    );
}

#[test]
fn fault_410_only_on_continue_requests() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(
        Fault::expired()
            .on("GET", "/api/v1/nodes")
            .with_continue()
            .times(1),
    );
    let p1 = get_json(&srv, "/api/v1/nodes?limit=2");
    let c = p1["metadata"]["continue"].as_str().unwrap();
    let r = get(
        &srv,
        &format!("/api/v1/nodes?limit=2&continue={}", url_encode(c)),
    );
    assert_eq!(r.status, 410);
    let st = r.json();
    assert_eq!(st["reason"], "Expired");
    assert!(st["metadata"]["continue"].is_string());
    // Restarting the list works, and so does the next continue.
    let again = get_json(&srv, "/api/v1/nodes?limit=2");
    let c = again["metadata"]["continue"].as_str().unwrap();
    assert_eq!(
        names(&get_json(
            &srv,
            &format!("/api/v1/nodes?limit=2&continue={}", url_encode(c))
        )),
        ["node-c", "node-d"]
    );
}

#[test]
fn fault_429_sets_retry_after() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(
        Fault::too_many_requests(3)
            .on("GET", "/api/v1/nodes")
            .nth(1),
    );
    srv.inject(Fault::throttled(2).on("GET", "/api/v1/nodes").nth(2));
    let r = get(&srv, "/api/v1/nodes");
    assert_eq!((r.status, r.header("retry-after")), (429, Some("3")));
    let st = r.json();
    assert_eq!(
        (
            st["reason"].as_str(),
            st["details"]["retryAfterSeconds"].as_i64()
        ),
        (Some("TooManyRequests"), Some(3))
    );
    // Every rule counts every matching request, so nth(2) is the second request overall.
    let r = get(&srv, "/api/v1/nodes");
    assert_eq!((r.status, r.header("retry-after")), (429, Some("2")));
    assert_eq!(r.text(), "Too many requests, please try again later.\n");
    assert_eq!(get(&srv, "/api/v1/nodes").status, 200);
}

#[test]
fn fault_drop_mid_body_cuts_the_connection() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(
        Fault::drop_mid_body()
            .on("GET", "/api/v1/nodes")
            .exact()
            .times(1),
    );
    let r = send(
        &srv,
        Req {
            token: Some(srv.token()),
            ..req("/api/v1/nodes")
        },
    )
    .unwrap();
    assert_eq!(r.status, 200);
    assert!(!r.complete, "body must be cut short");
    assert!(!r.body.is_empty() && serde_json::from_slice::<Value>(&r.body).is_err());
    let full = get(&srv, "/api/v1/nodes");
    assert!(full.complete && full.body.len() > r.body.len());
}

#[test]
fn fault_delay_and_hang() {
    let srv = FakeApiServer::start(five_nodes());
    srv.inject(
        Fault::delay(Duration::from_millis(500))
            .on("GET", "/api/v1/nodes")
            .nth(1),
    );
    srv.inject(Fault::hang().on("GET", "/version"));
    let t = Instant::now();
    assert_eq!(get(&srv, "/api/v1/nodes").status, 200);
    assert!(t.elapsed() >= Duration::from_millis(500));
    let t = Instant::now();
    assert_eq!(get(&srv, "/api/v1/nodes").status, 200);
    assert!(t.elapsed() < Duration::from_millis(500), "nth(1) only");
    let e = send(
        &srv,
        Req {
            token: Some(srv.token()),
            timeout: Duration::from_millis(300),
            ..req("/version")
        },
    )
    .unwrap_err();
    assert_eq!(e, "timeout");
}

// ---------------------------------------------------------------- kubectl-facing extras

#[test]
fn server_side_tables_for_kubectl() {
    let srv = FakeApiServer::start(five_nodes());
    let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    let r = send(
        &srv,
        Req {
            token: Some(srv.token()),
            accept: Some(accept),
            ..req("/api/v1/nodes?limit=500")
        },
    )
    .unwrap();
    let t = r.json();
    assert_eq!(
        (t["kind"].as_str(), t["apiVersion"].as_str()),
        (Some("Table"), Some("meta.k8s.io/v1"))
    );
    let cols: Vec<&str> = t["columnDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(&cols[..5], ["Name", "Status", "Roles", "Age", "Version"]);
    let rows = t["rows"].as_array().unwrap();
    let status: Vec<&str> = rows
        .iter()
        .map(|r| r["cells"][1].as_str().unwrap())
        .collect();
    assert_eq!(
        status,
        [
            "Ready",
            "NotReady",
            "Ready,SchedulingDisabled",
            "Ready",
            "NotReady"
        ]
    );
    assert_eq!(rows[0]["cells"][2], "control-plane");
    assert_eq!(rows[0]["cells"][3], "30d");
    assert_eq!(rows[0]["object"]["kind"], "PartialObjectMetadata");
}

#[test]
fn discovery_legacy_and_aggregated() {
    let srv = FakeApiServer::start(Cluster::new());
    assert_eq!(get_json(&srv, "/api")["versions"][0], "v1");
    let core = get_json(&srv, "/api/v1");
    let nodes = core["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "nodes")
        .unwrap()
        .clone();
    assert_eq!(
        (nodes["kind"].as_str(), nodes["namespaced"].as_bool()),
        (Some("Node"), Some(false))
    );
    assert!(
        core["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "nodes/proxy")
    );
    assert_eq!(
        get_json(&srv, "/apis")["groups"][0]["name"],
        "coordination.k8s.io"
    );
    assert_eq!(
        get_json(&srv, "/apis/coordination.k8s.io/v1")["resources"][0]["name"],
        "leases"
    );
    let accept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    let r = send(
        &srv,
        Req {
            token: Some(srv.token()),
            accept: Some(accept),
            ..req("/apis")
        },
    )
    .unwrap();
    assert_eq!(
        r.header("content-type"),
        Some("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
    );
    assert_eq!(
        r.json()["items"][0]["versions"][0]["resources"][0]["resource"],
        "leases"
    );
}

#[test]
fn state_can_be_edited_while_serving() {
    let srv = FakeApiServer::start(five_nodes());
    let rv0 = get_json(&srv, "/api/v1/nodes")["metadata"]["resourceVersion"].clone();
    srv.with_state(|c| {
        assert!(c.edit("nodes", None, "node-b", |n| {
            n.pointer_mut("/metadata/labels")
                .unwrap()
                .set("edited", "yes");
        }));
        assert!(c.remove("nodes", None, "node-e"));
        c.add_pod(PodFixture::new("late", "p-1").node("node-a"));
    });
    let list = get_json(&srv, "/api/v1/nodes");
    assert_ne!(list["metadata"]["resourceVersion"], rv0);
    assert_eq!(names(&list), ["node-a", "node-b", "node-c", "node-d"]);
    assert_eq!(node_names_for(&srv, "edited=yes"), ["node-b"]);
    let node_b = get_json(&srv, "/api/v1/nodes/node-b");
    assert!(
        node_b["metadata"]["creationTimestamp"]
            .as_str()
            .unwrap()
            .ends_with('Z'),
        "relative times survive an edit"
    );
    assert_eq!(
        names(&get_json(&srv, "/api/v1/namespaces/late/pods")),
        ["p-1"]
    );
}

#[test]
fn synthetic_clusters_are_deterministic() {
    let spec = Synthetic {
        nodes: 40,
        pods: 300,
        stuck_fraction: 0.2,
        ..Default::default()
    };
    let (a, b) = (spec.build(), spec.build());
    assert_eq!(a.count("nodes"), 40);
    assert_eq!(a.count("pods"), 300);
    assert!(a.count("events") > 0);
    let now = SystemTime::now();
    for name in ["node-00001", "node-00040"] {
        assert_eq!(
            a.get("nodes", None, name).unwrap().to_json_at(now),
            b.get("nodes", None, name).unwrap().to_json_at(now)
        );
    }
}

#[test]
fn utilities_format_like_go() {
    let t = SystemTime::UNIX_EPOCH + Duration::new(1_714_557_600, 123_456_789);
    assert_eq!(format_time(t, true), "2024-05-01T10:00:00.123456Z");
    assert_eq!(format_time(t, false), "2024-05-01T10:00:00Z");
    assert_eq!(
        parse_time("2024-05-01T10:00:00.123456Z"),
        Some(SystemTime::UNIX_EPOCH + Duration::new(1_714_557_600, 123_456_000))
    );
}

// ---------------------------------------------------------------- the real kube-rs client

/// kube-rs (the client the CLI uses) must load the kubeconfig, trust the CA, page, decode the
/// typed objects and see real Status errors.
#[test]
fn kube_rs_client_works_unmodified() {
    use k8s_openapi::api::coordination::v1::Lease;
    use k8s_openapi::api::core::v1::Node;
    use kube::api::{Api, ListParams};

    let srv = FakeApiServer::start(five_nodes());
    srv.inject(Fault::forbidden().on("GET", "/api/v1/namespaces/kube-system/pods"));
    let path = srv.kubeconfig_path().to_path_buf();
    rt().block_on(async move {
        let kc = kube::config::Kubeconfig::read_from(&path).expect("read kubeconfig");
        let cfg = kube::Config::from_custom_kubeconfig(kc, &Default::default()).await.expect("config");
        let client = kube::Client::try_from(cfg).expect("client");

        let nodes: Api<Node> = Api::all(client.clone());
        let mut seen = Vec::new();
        let mut params = ListParams::default().limit(2);
        loop {
            let page = nodes.list(&params).await.expect("list nodes");
            seen.extend(page.items.iter().map(|n| n.metadata.name.clone().unwrap_or_default()));
            match page.metadata.continue_ {
                Some(c) if !c.is_empty() => params = params.continue_token(&c),
                _ => break,
            }
        }
        assert_eq!(seen, ["node-a", "node-b", "node-c", "node-d", "node-e"]);
        let node = nodes.get("node-b").await.expect("get node");
        let info = node.status.unwrap().node_info.unwrap();
        assert_eq!(info.kubelet_version, "v1.33.1");

        let leases: Api<Lease> = Api::namespaced(client.clone(), "kube-node-lease");
        let lease = leases.get("node-a").await.expect("get lease");
        assert_eq!(lease.spec.unwrap().lease_duration_seconds, Some(40));

        match nodes.get("nope").await {
            Err(kube::Error::Api(s)) => assert_eq!((s.code, s.reason.as_str()), (404, "NotFound")),
            other => panic!("expected a 404 Status, got {other:?}"),
        }
        let pods: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(client.clone(), "kube-system");
        match pods.list(&ListParams::default()).await {
            Err(kube::Error::Api(s)) => {
                assert_eq!(s.code, 403);
                assert!(s.message.contains("cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\""));
            }
            other => panic!("expected a 403 Status, got {other:?}"),
        }
        let req = http::Request::get("/api/v1/nodes/node-a/proxy/healthz?verbose").body(Vec::new()).unwrap();
        let text = client.request_text(req).await.expect("proxy healthz");
        assert!(text.ends_with("healthz check passed\n"));
    });
    assert!(srv.requests().iter().all(|r| r.authorized));
}
