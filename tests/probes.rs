//! `kubelet-doctor probes` through the real binary against the fake API server: every cause
//! and probe kind, messages in the formats of several kubelet versions, containers restarted
//! by an OOM kill or their own crash that must not be reported, a pod recreated under the same
//! name (events matched by uid), aggregated events with counts, one events list for the scope,
//! the output formats, grouping, escapes, and the exit status.

use std::time::Duration;

use crate::harness::{Outcome, Run, Vary, timed};
use fake_apiserver::{Cluster, EventFixture, FakeApiServer, Fault, PodFixture};
use serde_json::{Value, json};

fn run(srv: &FakeApiServer, args: &[&str]) -> Outcome {
    Run::new(Some(srv.kubeconfig_path()))
        .args(["probes"])
        .args(args)
        .run()
}

fn doc(out: &Outcome) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout))
}

const SINCE: &[Vary] = &[timed("SINCE")];

fn mins(m: u64) -> Duration {
    Duration::from_secs(60 * m)
}
fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn http(port: Value, path: &str) -> Value {
    json!({"httpGet": {"path": path, "port": port, "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
}

/// A running pod in `shop` on node-a whose `app` container has `kind` = `probe`.
fn probed(name: &str, kind: &str, probe: Value) -> PodFixture {
    PodFixture::new("shop", name)
        .node("node-a")
        .pod_ip("10.244.1.7")
        .container("app", "ghcr.io/acme/shop:1.4")
        .probe("app", kind, probe)
}

fn unhealthy(
    pod: &PodFixture,
    message: &str,
    count: i64,
    first: Duration,
    last: Duration,
) -> EventFixture {
    EventFixture::for_pod(pod, Some("app"))
        .warning("Unhealthy", message)
        .count(count)
        .first_seen_ago(first)
        .last_seen_ago(last)
}

fn killing(pod: &PodFixture, probe: &str, count: i64, last: Duration) -> EventFixture {
    EventFixture::for_pod(pod, Some("app"))
        .normal(
            "Killing",
            &format!("Container app failed {probe} probe, will be restarted"),
        )
        .count(count)
        .first_seen_ago(mins(50))
        .last_seen_ago(last)
}

/// One pod per cause, plus pods that must not be reported.
fn every_cause() -> FakeApiServer {
    let mut c = Cluster::new();
    let mut add = |pod: PodFixture, events: Vec<EventFixture>| {
        for e in events {
            c = std::mem::take(&mut c).event(e);
        }
        c = std::mem::take(&mut c).pod(pod);
    };

    // Liveness asks 8080, the app listens on 8081: refused, killed again and again (a
    // liveness restart loop that is not start-up: each instance ran for 20 minutes).
    let p = probed(
        "refused-7c9f",
        "livenessProbe",
        http(json!(8080), "/healthz"),
    )
    .port("app", Some("http"), 8081)
    .restarts("app", 2)
    .running_for("app", mins(5))
    .last_terminated("app", "Error", 137, mins(20), mins(5));
    add(
        p.clone(),
        vec![
            unhealthy(
                &p,
                "Liveness probe failed: Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused",
                6,
                mins(45),
                mins(6),
            ),
            killing(&p, "liveness", 2, mins(5)),
        ],
    );

    // Killed 30 s after start, every time: it needs longer to start (kubelet 1.28 texts).
    let p = probed(
        "slow-start-0",
        "livenessProbe",
        http(json!(8080), "/healthz"),
    )
    .port("app", None, 8080)
    .restarts("app", 3)
    .running_for("app", secs(20))
    .last_terminated("app", "Error", 137, secs(31), secs(20));
    add(
        p.clone(),
        vec![
            unhealthy(
                &p,
                "Liveness probe failed: Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused",
                9,
                mins(3),
                secs(25),
            ),
            killing(&p, "liveness", 3, secs(21)),
        ],
    );

    // The startup probe gives up before the app is up (its window is 30 s).
    let p = probed(
        "slow-startup-0",
        "startupProbe",
        http(json!(8080), "/healthz"),
    )
    .restarts("app", 4)
    .started("app", false)
    .ready("app", false)
    .running_for("app", secs(10))
    .last_terminated("app", "Error", 143, secs(33), secs(10));
    add(
        p.clone(),
        vec![
            unhealthy(
                &p,
                "Startup probe failed: Get \"http://10.244.1.7:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
                12,
                mins(4),
                secs(12),
            ),
            killing(&p, "startup", 4, secs(11)),
        ],
    );

    // Readiness too slow for timeoutSeconds: 1, unready for 25 minutes (aggregated event).
    let p = probed("timeout-5d", "readinessProbe", http(json!(8080), "/ready"))
        .ready("app", false)
        .running_for("app", mins(30));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "(combined from similar events): Readiness probe failed: Get \"http://10.244.1.7:8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
            140,
            mins(25),
            secs(10),
        )],
    );

    // A port name the container does not declare: errored, v1.33+ text; the same with the
    // v1.32 text on a startup probe (never started, never restarted).
    let p = probed(
        "portname-1",
        "readinessProbe",
        http(json!("http"), "/ready"),
    )
    .port("app", Some("web"), 8080)
    .ready("app", false)
    .running_for("app", mins(30));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"http\": invalid syntax",
            180,
            mins(30),
            secs(5),
        )],
    );
    let p = probed("portname-2", "startupProbe", http(json!("metrics"), "/"))
        .started("app", false)
        .ready("app", false)
        .running_for("app", mins(30));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Startup probe errored: strconv.Atoi: parsing \"metrics\": invalid syntax",
            180,
            mins(30),
            secs(5),
        )],
    );

    // curl in a distroless image (containerd's errored text).
    let p = probed(
        "distroless-0",
        "readinessProbe",
        json!({"exec": {"command": ["curl", "-f", "http://localhost:8080/ready"]}}),
    )
    .ready("app", false)
    .running_for("app", mins(30));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"8f2d\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown",
            90,
            mins(30),
            secs(8),
        )],
    );

    // An exec probe whose command exits 1 and prints nothing (old kubelets: no colon).
    let p = probed(
        "execfail-0",
        "livenessProbe",
        json!({"exec": {"command": ["cat", "/tmp/healthy"]}, "periodSeconds": 5}),
    )
    .running_for("app", mins(30));
    add(
        p.clone(),
        vec![unhealthy(&p, "Liveness probe failed", 2, mins(3), mins(2))],
    );

    // HTTP 500 from liveness; the kubelet killed it once after 40 minutes of life.
    let p = probed("http500-0", "livenessProbe", http(json!(8080), "/healthz"))
        .restarts("app", 1)
        .running_for("app", mins(10))
        .last_terminated("app", "Error", 143, mins(40), mins(10));
    add(p.clone(), vec![
        unhealthy(&p, "Liveness probe failed: HTTP probe failed with statuscode: 500", 3, mins(11), mins(11)),
        EventFixture::for_pod(&p, Some("app")).normal("Killing", "Killing container with id containerd://app:Container failed liveness probe.. Container will be killed and recreated.").first_seen_ago(mins(10)),
    ]);

    // 404 on readiness.
    let p = probed("http404-0", "readinessProbe", http(json!(8080), "/heath"))
        .ready("app", false)
        .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: HTTP probe failed with statuscode: 404",
            120,
            mins(20),
            secs(3),
        )],
    );

    // Plain HTTP to a TLS port answers 400; HTTPS to a plain port.
    let p = probed("tlsport-0", "readinessProbe", http(json!(8443), "/ready"))
        .ready("app", false)
        .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: HTTP probe failed with statuscode: 400",
            120,
            mins(20),
            secs(3),
        )],
    );
    let p = probed(
        "https-0",
        "readinessProbe",
        json!({"httpGet": {"path": "/ready", "port": 8080, "scheme": "HTTPS"}}),
    )
    .ready("app", false)
    .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: Get \"https://10.244.1.7:8080/ready\": http: server gave HTTP response to HTTPS client",
            120,
            mins(20),
            secs(3),
        )],
    );

    // gRPC: NOT_SERVING and no health service at all.
    let p = probed("grpc-0", "readinessProbe", json!({"grpc": {"port": 9090}}))
        .ready("app", false)
        .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: service unhealthy (responded with \"NOT_SERVING\")",
            120,
            mins(20),
            secs(3),
        )],
    );
    let p = probed("grpc-1", "livenessProbe", json!({"grpc": {"port": 9090}}))
        .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Liveness probe failed: error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health",
            2,
            mins(3),
            mins(3),
        )],
    );

    // A host name the node resolves; a node that cannot route to the pod; a reset.
    let p = probed(
        "dns-0",
        "livenessProbe",
        json!({"httpGet": {"host": "api.shop.svc", "path": "/", "port": 80}}),
    )
    .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Liveness probe failed: Get \"http://api.shop.svc:80/\": dial tcp: lookup api.shop.svc on 10.0.0.2:53: no such host",
            2,
            mins(3),
            mins(3),
        )],
    );
    let p = probed(
        "noroute-0",
        "readinessProbe",
        json!({"tcpSocket": {"port": 5432}}),
    )
    .ready("app", false)
    .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: dial tcp 10.244.1.7:5432: connect: no route to host",
            120,
            mins(20),
            secs(3),
        )],
    );
    let p = probed(
        "reset-0",
        "readinessProbe",
        http(json!(15021), "/healthz/ready"),
    )
    .ready("app", false)
    .running_for("app", mins(20));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: Get \"http://10.244.1.7:15021/healthz/ready\": read tcp 10.244.1.1:51234->10.244.1.7:15021: read: connection reset by peer",
            120,
            mins(20),
            secs(3),
        )],
    );

    // A redirect to a login page: a warning; the container stays ready.
    let p =
        probed("redirect-0", "readinessProbe", http(json!(8080), "/")).running_for("app", mins(50));
    add(p.clone(), vec![EventFixture::for_pod(&p, Some("app")).warning("ProbeWarning", "Readiness probe warning: Probe terminated redirects, Response body: <a href=\"https://sso.example.com/login\">Found</a>.").count(300).first_seen_ago(mins(50)).last_seen_ago(secs(9))]);

    // Unready for 30 minutes, its events expired; and signalled at the liveness kill time
    // with no event left (a probable liveness kill of a slow starter).
    let p = probed("expired-0", "readinessProbe", http(json!(8080), "/ready"))
        .ready("app", false)
        .running_for("app", mins(30));
    add(p, vec![]);
    let p = probed("expired-1", "livenessProbe", http(json!(8080), "/healthz"))
        .restarts("app", 2)
        .running_for("app", secs(15))
        .last_terminated("app", "Error", 137, secs(32), secs(15));
    add(p, vec![]);

    // Not probe failures: an OOM kill at the liveness kill time, a crash loop (its readiness
    // events are a symptom), readiness failing only while it warmed up, a pod recreated under
    // the name of one that failed (restarted once, so it is read in full), healthy pods, pods
    // without probes, an event of the same reason from another component.
    let p = probed("oom-0", "livenessProbe", http(json!(8080), "/healthz"))
        .restarts("app", 5)
        .running_for("app", secs(20))
        .last_terminated("app", "OOMKilled", 137, secs(30), secs(20));
    add(p, vec![]);
    let p = probed("crash-0", "livenessProbe", http(json!(8080), "/healthz"))
        .probe("app", "readinessProbe", http(json!(8080), "/ready"))
        .restarts("app", 3)
        .waiting(
            "app",
            "CrashLoopBackOff",
            "back-off 40s restarting failed container=app pod=crash-0_shop(x)",
        )
        .last_terminated("app", "Error", 1, secs(31), secs(30));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: Get \"http://10.244.1.7:8080/ready\": dial tcp 10.244.1.7:8080: connect: connection refused",
            3,
            mins(2),
            secs(40),
        )],
    );
    let p = probed("warmup-0", "readinessProbe", http(json!(8080), "/ready"))
        .running_for("app", mins(59));
    add(
        p.clone(),
        vec![unhealthy(
            &p,
            "Readiness probe failed: Get \"http://10.244.1.7:8080/ready\": dial tcp 10.244.1.7:8080: connect: connection refused",
            2,
            mins(59),
            secs(3530),
        )],
    );
    let old = probed("web-0", "livenessProbe", http(json!(8080), "/healthz"))
        .with_uid("0b5c0c0e-dead-4bee-8000-000000000001");
    let p = probed("web-0", "livenessProbe", http(json!(8080), "/healthz"))
        .owned_by("StatefulSet", "web")
        .with_uid("0b5c0c0e-beef-4bee-8000-000000000002")
        .restarts("app", 1)
        .running_for("app", mins(2))
        .last_terminated("app", "Completed", 0, mins(10), mins(2));
    add(
        p,
        vec![
            unhealthy(
                &old,
                "Liveness probe failed: HTTP probe failed with statuscode: 503",
                30,
                mins(20),
                mins(3),
            ),
            killing(&old, "liveness", 5, mins(3)),
        ],
    );
    add(
        probed("fine-0", "readinessProbe", http(json!(8080), "/ready")),
        vec![],
    );
    add(PodFixture::new("shop", "noprobe-0").node("node-a"), vec![]);

    let p = probed("fine-1", "livenessProbe", http(json!(8080), "/healthz"));
    add(
        p.clone(),
        vec![
            EventFixture::for_pod(&p, Some("app"))
                .warning("Unhealthy", "Liveness probe failed: x")
                .source("some-operator", None),
        ],
    );
    FakeApiServer::start(c)
}

#[test]
fn every_cause_probe_kind_and_kubelet_version() {
    let srv = every_cause();
    let out = run(&srv, &["-o", "json"]);
    out.code(1);
    let d = doc(&out);
    assert_eq!(d["kind"], "ProbesReport");
    assert_eq!(d["version"], 1);
    let got: Vec<(String, String, String, String)> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("pod"), s("container"), s("probe"), s("cause"))
        })
        .collect();
    let want: Vec<(String, String, String, String)> = [
        ("distroless-0", "readiness", "exec-not-found"),
        ("dns-0", "liveness", "dns"),
        ("execfail-0", "liveness", "exec-failed"),
        ("expired-0", "readiness", "unknown"),
        ("expired-1", "liveness", "startup-too-slow"),
        ("grpc-0", "readiness", "grpc-not-serving"),
        ("grpc-1", "liveness", "grpc-unimplemented"),
        ("http404-0", "readiness", "http-4xx"),
        ("http500-0", "liveness", "http-5xx"),
        ("https-0", "readiness", "scheme-mismatch"),
        ("noroute-0", "readiness", "no-route"),
        ("portname-1", "readiness", "port-unresolved"),
        ("portname-2", "startup", "port-unresolved"),
        ("redirect-0", "readiness", "redirect"),
        ("refused-7c9f", "liveness", "connection-refused"),
        ("reset-0", "readiness", "connection-reset"),
        ("slow-start-0", "liveness", "startup-too-slow"),
        ("slow-startup-0", "startup", "startup-too-slow"),
        ("timeout-5d", "readiness", "timeout"),
        ("tlsport-0", "readiness", "scheme-mismatch"),
    ]
    .iter()
    .map(|(p, k, c)| {
        (
            p.to_string(),
            "app".to_string(),
            k.to_string(),
            c.to_string(),
        )
    })
    .collect();
    assert_eq!(got, want);
    assert_eq!(d["summary"]["podsScanned"], 27);
    assert_eq!(d["summary"]["findings"], 20);
    assert_eq!(d["summary"]["pods"], 20);
    // One list of pods, one of events, for the whole scope.
    assert_eq!(srv.requests_to("/api/v1/events").len(), 1);
    assert_eq!(srv.requests_to("/api/v1/pods").len(), 1);
    assert!(
        srv.requests()
            .iter()
            .all(|r| !r.path.contains("/namespaces/"))
    );
}

/// The finding of `pod` in a JSON report.
fn finding<'a>(d: &'a Value, pod: &str) -> &'a Value {
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pod"] == pod)
        .unwrap_or_else(|| panic!("no finding for {pod} in {d:#}"))
}

#[test]
fn remedies_quote_the_spec() {
    let srv = every_cause();
    let d = doc(run(&srv, &["-o", "json"]).code(1));
    for (pod, remedy) in [
        (
            "refused-7c9f",
            "the probe asks port 8080; the container declares 8081 (http): point the probe at the port the app listens on",
        ),
        (
            "slow-start-0",
            "liveness kills the container 30 s after start (initialDelaySeconds 0 + 3 x 10 s) before it has started: add a startupProbe with failureThreshold x periodSeconds above the start time",
        ),
        (
            "slow-startup-0",
            "the startupProbe gives up 30 s after start (initialDelaySeconds 0 + 3 x 10 s) before the app is up: raise its failureThreshold",
        ),
        (
            "timeout-5d",
            "timeoutSeconds is 1 (the default) and GET /ready did not answer in time: time it from inside the pod, then raise timeoutSeconds (2-5 s) or make it cheaper",
        ),
        (
            "portname-1",
            "the probe names port \"http\"; container app declares 8080 (web): add name: http to its port or use the number (results are discarded, so it never fails, it just never passes)",
        ),
        (
            "portname-2",
            "the probe names port \"metrics\"; container app declares no ports: add name: metrics to its port or use the number (results are discarded, so it never fails, it just never passes)",
        ),
        (
            "distroless-0",
            "\"curl\" is not in the image: use an httpGet/tcpSocket/grpc probe or a binary the image has",
        ),
        (
            "execfail-0",
            "`cat /tmp/healthy` exits non-zero: run it with kubectl exec -c app and fix the command or the state it tests",
        ),
        (
            "http404-0",
            "GET /heath answers 404: set httpGet.path to the app's health endpoint",
        ),
        (
            "http500-0",
            "GET /healthz answers 500: the app reports itself unhealthy (read its logs); keep dependency checks out of liveness",
        ),
        (
            "tlsport-0",
            "scheme is HTTP but port 8443 speaks TLS: set scheme: HTTPS (certificates are not verified)",
        ),
        (
            "https-0",
            "scheme is HTTPS but port 8080 speaks plain HTTP: set scheme: HTTP",
        ),
        (
            "dns-0",
            "host \"api.shop.svc\" is resolved by the node, not by cluster DNS: remove host (use a Host header for virtual hosts)",
        ),
        (
            "redirect-0",
            "GET / redirects to another host: probe a path that answers 2xx",
        ),
    ] {
        assert_eq!(finding(&d, pod)["remedy"], remedy, "{pod}");
    }
}

#[test]
fn a_finding_in_full() {
    let srv = every_cause();
    let d = doc(run(&srv, &["-o", "json", "-n", "shop"]).code(1));
    let mut f = finding(&d, "refused-7c9f").clone();
    // Times are relative to the run; their presence and order are what is asserted.
    for k in ["firstSeen", "lastSeen", "since"] {
        assert!(f[k].as_str().unwrap().ends_with('Z'), "{k}: {f:#}");
        f[k] = json!("<time>");
    }
    let lt = &mut f["lastTermination"];
    for k in ["startedAt", "finishedAt"] {
        lt[k] = json!("<time>");
    }
    assert_eq!(
        f,
        json!({
            "namespace": "shop", "pod": "refused-7c9f", "uid": f["uid"], "container": "app",
            "containerKind": "container", "node": "node-a",
            "workload": {"kind": "ReplicaSet", "name": "refused"},
            "probe": "liveness", "handler": "http", "cause": "connection-refused", "causeSource": "event",
            "message": "Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused",
            "event": "Liveness probe failed: Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused",
            "verdict": "failed", "count": 6, "kills": 2,
            "firstSeen": "<time>", "lastSeen": "<time>", "since": "<time>",
            "restarts": 2, "ready": true, "started": true,
            "lastTermination": {"reason": "Error", "exitCode": 137, "startedAt": "<time>", "finishedAt": "<time>", "ranSeconds": 1200},
            "note": null,
            "spec": {"handler": {"type": "httpGet", "scheme": "http", "host": null, "port": 8080, "path": "/healthz"},
                     "initialDelaySeconds": 0, "periodSeconds": 10, "timeoutSeconds": 1, "failureThreshold": 3, "successThreshold": 1},
            "remedy": "the probe asks port 8080; the container declares 8081 (http): point the probe at the port the app listens on"
        })
    );
    assert_eq!(
        d["scope"],
        json!({"namespace": "shop", "selector": null, "node": null})
    );
    let e = finding(&d, "expired-0");
    assert_eq!(
        e["note"],
        "no probe events retained (events expire after an hour)"
    );
    assert_eq!(
        (e["count"].clone(), e["causeSource"].clone()),
        (json!(0), json!("none"))
    );
    let e = finding(&d, "expired-1");
    assert_eq!(
        e["note"],
        "no probe events retained; the last instance was stopped by a signal (exit 137) about when liveness would kill it"
    );
    assert_eq!(e["causeSource"], "history");
    assert_eq!(finding(&d, "portname-2")["causeSource"], "event");
}

fn small() -> FakeApiServer {
    let refused = probed("api-7c9f", "livenessProbe", http(json!(8080), "/healthz"))
        .port("app", Some("http"), 8081)
        .restarts("app", 2)
        .running_for("app", mins(5))
        .last_terminated("app", "Error", 137, mins(20), mins(5));
    let timeout = probed("cart-5d", "readinessProbe", http(json!(8080), "/ready"))
        .ready("app", false)
        .running_for("app", mins(30));
    let evil = PodFixture::new("ops", "evil-0")
        .node("node-b")
        .container("app", "busybox")
        .probe(
            "app",
            "readinessProbe",
            json!({"exec": {"command": ["sh", "-c", "check"]}}),
        )
        .ready("app", false)
        .running_for("app", mins(30));
    FakeApiServer::start(
        Cluster::new()
            .pod(refused.clone())
            .pod(timeout.clone())
            .pod(evil.clone())
            .event(unhealthy(&refused, "Liveness probe failed: Get \"http://10.244.1.7:8080/healthz\": dial tcp 10.244.1.7:8080: connect: connection refused", 6, mins(45), mins(6)))
            .event(killing(&refused, "liveness", 2, mins(5)))
            .event(unhealthy(&timeout, "Readiness probe failed: Get \"http://10.244.1.7:8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", 140, mins(25), secs(10)))
            .event(EventFixture::for_pod(&evil, Some("app")).warning("Unhealthy", "Readiness probe failed: \u{1b}[2Jpwned\u{7}\n").count(3).first_seen_ago(mins(20)).last_seen_ago(secs(5))),
    )
}

#[test]
fn the_table_and_wide() {
    let srv = small();
    run(&srv, &[])
        .code(1)
        .stderr_is("3 failing probes in 3 pods (connection-refused 1, exec-failed 1, timeout 1) of 3 pods scanned\n")
        .table_is(
            r"
NAMESPACE   POD        CONTAINER   PROBE       CAUSE                SINCE   COUNT   RESTARTS   NODE     REMEDY
ops         evil-0     app         readiness   exec-failed          <age>   3       0          node-b   `sh -c check` exits non-zero: run it with kubectl exec -c app and fix the command or the state it tests
shop        api-7c9f   app         liveness    connection-refused   <age>   6       2          node-a   the probe asks port 8080; the container declares 8081 (http): point the probe at the port the app listens on
shop        cart-5d    app         readiness   timeout              <age>   140     0          node-a   timeoutSeconds is 1 (the default) and GET /ready did not answer in time: time it from inside the pod, then raise timeoutSeconds (2-5 s) or make it cheaper
",
            SINCE,
        );
    let wide = run(&srv, &["-o", "wide"]);
    wide.code(1).table_is(
        r#"
NAMESPACE   POD        CONTAINER   PROBE       HANDLER   CAUSE                SINCE   COUNT   KILLS   RESTARTS   LAST-EXIT                NODE     WORKLOAD          REMEDY   MESSAGE
ops         evil-0     app         readiness   exec      exec-failed          <age>   3       -       0          -                        node-b   ReplicaSet/evil   R1       \e[2Jpwned\x07
shop        api-7c9f   app         liveness    http      connection-refused   <age>   6       2       2          137 Error after <age>    node-a   ReplicaSet/api    R2       Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused
shop        cart-5d    app         readiness   http      timeout              <age>   140     -       0          -                        node-a   ReplicaSet/cart   R3       Get "http://10.244.1.7:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
"#,
        &[
            timed("SINCE"),
            timed("LAST-EXIT"),
            Vary::Known { value: "`sh -c check` exits non-zero: run it with kubectl exec -c app and fix the command or the state it tests", placeholder: "R1" },
            Vary::Known { value: "the probe asks port 8080; the container declares 8081 (http): point the probe at the port the app listens on", placeholder: "R2" },
            Vary::Known { value: "timeoutSeconds is 1 (the default) and GET /ready did not answer in time: time it from inside the pod, then raise timeoutSeconds (2-5 s) or make it cheaper", placeholder: "R3" },
        ],
    );
    assert!(!wide.stdout.contains('\u{1b}') && !wide.stdout.contains('\u{7}'));
    // JSON keeps the container's text raw.
    let d = doc(run(&srv, &["-o", "json"]).code(1));
    assert_eq!(finding(&d, "evil-0")["message"], "\u{1b}[2Jpwned\u{7}\n");
}

#[test]
fn names_groups_and_scope() {
    let srv = small();
    run(&srv, &["-o", "name"])
        .code(1)
        .stdout_is("pod/ops/evil-0\npod/shop/api-7c9f\npod/shop/cart-5d\n");
    run(&srv, &["--group-by", "cause"]).code(1).table_is(
        r"
CAUSE                PROBES   CONTAINERS   PODS   NODES   SINCE   CAUSES
connection-refused   1        1            1      1       <age>   connection-refused:1
exec-failed          1        1            1      1       <age>   exec-failed:1
timeout              1        1            1      1       <age>   timeout:1
",
        SINCE,
    );
    run(&srv, &["--group-by", "namespace"]).code(1).table_is(
        r"
NAMESPACE   PROBES   CONTAINERS   PODS   NODES   SINCE   CAUSES
shop        2        2            2      1       <age>   connection-refused:1,timeout:1
ops         1        1            1      1       <age>   exec-failed:1
",
        SINCE,
    );
    run(&srv, &["--group-by", "workload", "-n", "shop"])
        .code(1)
        .table_is(
            r"
WORKLOAD              PROBES   CONTAINERS   PODS   NODES   SINCE   CAUSES
shop/ReplicaSet/api   1        1            1      1       <age>   connection-refused:1
shop/ReplicaSet/cart  1        1            1      1       <age>   timeout:1
",
            SINCE,
        );
    let d = doc(run(&srv, &["--group-by", "node", "-o", "json"]).code(1));
    assert_eq!(d["groupBy"], "node");
    assert_eq!(
        d["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["key"].as_str().unwrap(), g["findings"].as_u64().unwrap()))
            .collect::<Vec<_>>(),
        [("node-a", 2), ("node-b", 1)]
    );
    // --node and -n narrow the pod list with selectors; the events list stays one call.
    srv.clear_requests();
    run(&srv, &["--node", "node-b", "-o", "name"])
        .code(1)
        .stdout_is("pod/ops/evil-0\n");
    let pods = srv.requests_to("/api/v1/pods");
    assert_eq!(pods.len(), 1);
    assert!(
        pods[0].query.contains(&(
            "fieldSelector".to_string(),
            "spec.nodeName=node-b".to_string()
        )),
        "{:?}",
        pods[0].query
    );
    run(&srv, &["-n", "ops", "-o", "name"])
        .code(1)
        .stdout_is("pod/ops/evil-0\n");
    assert_eq!(srv.requests_to("/api/v1/namespaces/ops/events").len(), 1);
    run(&srv, &["-n", "nowhere"])
        .code(0)
        .stdout_empty()
        .stderr_is("no failing probe (0 pods scanned, 0 probe events)\n");
    run(&srv, &["--group-by", "cause", "-o", "name"]).code(2);
}

#[test]
fn nothing_failing_exits_0() {
    let p = probed("fine-0", "readinessProbe", http(json!(8080), "/ready"));
    let srv = FakeApiServer::start(
        Cluster::new()
            .pod(p)
            .pod(PodFixture::new("a", "b").node("n")),
    );
    run(&srv, &[])
        .code(0)
        .stdout_empty()
        .stderr_is("no failing probe (2 pods scanned, 0 probe events)\n");
    let d = doc(run(&srv, &["-o", "json"]).code(0));
    assert_eq!(d["findings"], json!([]));
}

#[test]
fn events_refused_is_a_warning_pods_refused_is_exit_2() {
    let srv = small();
    srv.inject(Fault::forbidden().on_path("/api/v1/events"));
    let out = run(&srv, &["-o", "name"]);
    out.code(1).stdout_is("pod/ops/evil-0\npod/shop/cart-5d\n");
    assert!(
        out.stderr.contains("causes are read from probe events"),
        "{}",
        out.stderr
    );
    srv.clear_faults();
    srv.inject(Fault::forbidden().on_path("/api/v1/pods"));
    run(&srv, &[]).code(2).stdout_empty();
}

#[test]
fn pages_of_pods_and_events() {
    let srv = every_cause();
    let d = doc(run(&srv, &["--chunk-size", "2", "-o", "json"]).code(1));
    assert_eq!(d["summary"]["findings"], 20);
    assert!(srv.requests_to("/api/v1/events").len() > 2);
}

#[test]
fn on_a_terminal_the_table_fits() {
    let srv = every_cause();
    for cols in [80, 120, 200] {
        let Some(screen) = crate::harness::on_terminal(srv.kubeconfig_path(), cols, "probes")
        else {
            return;
        };
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| !l.contains("failing probes in"))
            .collect();
        assert_eq!(rows.len(), 21, "{screen}");
        for l in &rows {
            assert!(l.chars().count() <= cols, "{cols} columns: {l:?}\n{screen}");
        }
        // The eye looks for these: never dropped.
        for h in ["PROBE", "CAUSE", "SINCE"] {
            assert!(rows[0].contains(h), "{screen}");
        }
        assert!(
            rows.iter().any(|r| r.contains("startup-too-slow")),
            "{screen}"
        );
    }
}

#[test]
fn lint_the_running_workloads() {
    let bad = |name: &str| {
        PodFixture::new("shop", name)
            .node("node-a")
            .container("app", "nginx:1.27")
            .port("app", Some("web"), 8080)
            .probe(
                "app",
                "readinessProbe",
                json!({"httpGet": {"path": "/ready", "port": "http"}}),
            )
    };
    let srv = FakeApiServer::start(
        Cluster::new()
            // Two pods of one Deployment: linted once.
            .pod(bad("web-5d4f8b9c7-abcde"))
            .pod(bad("web-5d4f8b9c7-fghij"))
            .pod(probed(
                "fine-0",
                "readinessProbe",
                http(json!(8080), "/ready"),
            ))
            .pod(PodFixture::new("shop", "noprobe-0").node("node-a")),
    );
    let out = run(&srv, &["--lint=concise"]);
    out.code(1)
        .stdout_is("shop/Deployment/web:23:21: PB007 [error] readiness probe port \"http\" is not a port of this container (ports named web); the kubelet will say: strconv.Atoi: parsing \"http\": invalid syntax (shop/Deployment/web, container app)\n")
        .stderr_is("Found 1 error, 0 warnings and 0 infos in 2 workloads (4 pods scanned).\n");
    // The positions point into the spec of one of its pods, shown as JSON.
    run(&srv, &["--lint"]).code(1).stdout_is(
        r#"error[PB007]: readiness probe port "http" is not a port of this container (ports named web); the kubelet will say: strconv.Atoi: parsing "http": invalid syntax (probe-port-name-missing)
  --> shop/Deployment/web:23:21 (shop/Deployment/web, container app)
   |
23 |             "port": "http"
   |                     ^^^^^^
   = help: add `name: http` to the container's port, or give the number
"#,
    );
    // No events are read for a lint.
    assert!(srv.requests_to("/api/v1/events").is_empty());
    run(&srv, &["--lint", "-l", "app=fine"])
        .code(0)
        .stdout_empty()
        .stderr_is("No problems found in 1 workload (1 pod scanned).\n");
    let d = doc(run(&srv, &["--lint=json"]).code(1));
    assert_eq!(d["kind"], "ProbesLintReport");
    assert_eq!(d["files"].as_array().unwrap().len(), 2);
    run(&srv, &["--lint", "--group-by", "cause"]).code(2);
}

/// The benchmark's cluster, small: every pod probed, a fraction failing, routine events around.
#[test]
fn a_synthetic_cluster_with_probes() {
    let spec = fake_apiserver::synth::Synthetic {
        nodes: 20,
        pods: 400,
        probes: true,
        probe_failing_fraction: 0.1,
        events: 2000,
        stuck_fraction: 0.0,
        ..Default::default()
    };
    let cluster = spec.build();
    let events = cluster.count("events");
    let srv = FakeApiServer::start(cluster);
    let d = doc(run(&srv, &["-o", "json", "--chunk-size", "100"]).code(1));
    let findings = d["findings"].as_array().unwrap();
    // Each failing pod has one Unhealthy (and maybe one Killing) event on top of its five
    // routine ones, and exactly one finding.
    let failing = events - 400 * 5;
    assert!(
        findings.len() >= 20 && findings.len() <= failing,
        "{} of {failing}",
        findings.len()
    );
    assert_eq!(d["summary"]["podsScanned"], 400);
    assert_eq!(d["summary"]["pods"], findings.len());
    let causes: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["cause"].as_str().unwrap())
        .collect();
    assert_eq!(
        causes,
        ["http-5xx", "port-unresolved", "startup-too-slow", "timeout"].into()
    );
}
