//! `kubelet-doctor healthz` on this machine: a stand-in kubelet healthz endpoint on an
//! ephemeral loopback port, for every state the real one can be in (ok, failing checks, hung,
//! refused, slow), found through the kubelet config file or --url, with proxies in the
//! environment that must not intercept it, and --wait for a kubelet that comes back.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::Run;

/// How the stand-in kubelet answers.
#[derive(Clone, Debug)]
enum Mode {
    Ok,
    /// 500 with the verbose listing, syncloop failing (the apiserver healthz handler's words).
    Failing,
    /// Accepts the connection and never answers.
    Hang,
    /// Answers ok after this long.
    Slow(Duration),
    /// Failing for the first n requests, then ok: a kubelet coming back after a restart.
    OkAfter(usize),
}

struct StandIn {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl StandIn {
    fn start(mode: Mode) -> StandIn {
        StandIn::start_on(TcpListener::bind("127.0.0.1:0").unwrap(), mode)
    }

    fn start_on(listener: TcpListener, mode: Mode) -> StandIn {
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let mode = mode.clone();
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, mode, seen));
            }
        });
        StandIn { port, requests }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/healthz", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, mode: Mode, seen: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let line = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let n = {
        let mut seen = seen.lock().unwrap();
        seen.push(line);
        seen.len()
    };
    const OK: &str = "[+]ping ok\n[+]log ok\n[+]syncloop ok\nhealthz check passed\n";
    const FAILING: &str =
        "[+]ping ok\n[+]log ok\n[-]syncloop failed: reason withheld\nhealthz check failed\n";
    let (status, body) = match mode {
        Mode::Ok => (200, OK),
        Mode::Failing => (500, FAILING),
        Mode::Hang => {
            std::thread::sleep(Duration::from_secs(60));
            return;
        }
        Mode::Slow(d) => {
            std::thread::sleep(d);
            (200, OK)
        }
        Mode::OkAfter(k) if n > k => (200, OK),
        Mode::OkAfter(_) => (500, FAILING),
    };
    let reason = if status == 200 {
        "OK"
    } else {
        "Internal Server Error"
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn healthz() -> Run {
    Run::new(None).args(["healthz"])
}

#[test]
fn a_healthy_kubelet_exits_0_and_is_asked_verbosely() {
    let k = StandIn::start(Mode::Ok);
    let out = healthz().args(["--url", &k.url()]).run();
    out.code(0)
        .stdout_has("URL")
        .stdout_has(&k.url())
        .stdout_has("Healthy")
        .stderr_is("kubelet healthy\n");
    assert_eq!(k.requests(), vec!["GET /healthz?verbose HTTP/1.1"]);
}

#[test]
fn failing_checks_are_listed_and_exit_1() {
    let k = StandIn::start(Mode::Failing);
    healthz()
        .args(["--url", &k.url()])
        .run()
        .code(1)
        .stdout_has("Unhealthy")
        .stdout_has("failing (500)")
        .stdout_has("failing checks: syncloop")
        .stderr_is("1 of 1 kubelet unhealthy\n");
    let json = healthz().args(["--url", &k.url(), "-o", "json"]).run();
    json.code(1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["kind"], "HealthzReport");
    assert_eq!(v["mode"], "local");
    assert_eq!(v["healthy"], false);
    assert_eq!(v["results"][0]["verdict"], "unhealthy");
    assert_eq!(v["results"][0]["healthz"]["state"], "failing");
    assert_eq!(v["results"][0]["healthz"]["httpStatus"], 500);
    assert_eq!(
        v["results"][0]["healthz"]["failedChecks"],
        serde_json::json!(["syncloop"])
    );
}

#[test]
fn a_hung_kubelet_times_out_at_the_deadline() {
    let k = StandIn::start(Mode::Hang);
    let started = Instant::now();
    healthz()
        .args(["--url", &k.url(), "--timeout", "500ms"])
        .run()
        .code(1)
        .stdout_has("timeout")
        .stdout_has("no answer within 500ms: the kubelet is hung");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn nothing_listening_is_refused_with_a_hint() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    healthz()
        .args(["--url", &format!("http://127.0.0.1:{port}/healthz")])
        .run()
        .code(1)
        .stdout_has("refused")
        .stdout_has("is the kubelet running?");
}

#[test]
fn a_slow_kubelet_is_healthy_within_the_timeout_and_its_latency_shows() {
    let k = StandIn::start(Mode::Slow(Duration::from_millis(400)));
    let out = healthz()
        .args(["--url", &k.url(), "--timeout", "3s", "-o", "json"])
        .run();
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["results"][0]["verdict"], "healthy");
    let ms = v["results"][0]["healthz"]["latencyMs"].as_f64().unwrap();
    assert!((400.0..3000.0).contains(&ms), "latency {ms}");
    // ...and hung when slower than the timeout.
    healthz()
        .args(["--url", &k.url(), "--timeout", "100ms"])
        .run()
        .code(1)
        .stdout_has("no answer within 100ms");
}

#[test]
fn address_and_port_come_from_the_kubelet_config() {
    let k = StandIn::start(Mode::Ok);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(
        &config,
        format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nhealthzBindAddress: 127.0.0.1\nhealthzPort: {}\nmaxPods: 110\n",
            k.port
        ),
    )
    .unwrap();
    healthz()
        .args(["--config", config.to_str().unwrap()])
        .run()
        .code(0)
        .stdout_has(&k.url());
    assert_eq!(k.requests().len(), 1);
    // A wildcard bind address is reached on loopback; JSON configs work too.
    std::fs::write(
        &config,
        format!(
            "{{\"kind\":\"KubeletConfiguration\",\"healthzBindAddress\":\"0.0.0.0\",\"healthzPort\":{}}}",
            k.port
        ),
    )
    .unwrap();
    healthz()
        .args(["--config", config.to_str().unwrap()])
        .run()
        .code(0)
        .stdout_has(&k.url());
    assert_eq!(k.requests().len(), 2);
}

#[test]
fn healthz_port_zero_means_disabled_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "kind: KubeletConfiguration\nhealthzPort: 0\n").unwrap();
    healthz()
        .args(["--config", config.to_str().unwrap()])
        .run()
        .code(2)
        .stdout_has("Unknown")
        .stdout_has("disabled")
        .stdout_has("healthzPort: 0 in");
}

#[test]
fn an_unreadable_config_given_explicitly_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.yaml");
    healthz()
        .args(["--config", missing.to_str().unwrap()])
        .run()
        .code(2)
        .stdout_empty()
        .one_error_line()
        .stderr_has("cannot read");
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "healthzPort: [1\n").unwrap();
    healthz()
        .args(["--config", broken.to_str().unwrap()])
        .run()
        .code(2)
        .one_error_line()
        .stderr_has("cannot read the healthz address from");
}

#[test]
fn proxy_variables_do_not_intercept_the_probe() {
    let k = StandIn::start(Mode::Ok);
    let dead = "http://127.0.0.1:9"; // discard port: nothing there
    healthz()
        .args(["--url", &k.url(), "--timeout", "2s"])
        .env("HTTP_PROXY", dead)
        .env("http_proxy", dead)
        .env("ALL_PROXY", dead)
        .env("all_proxy", dead)
        .env("NO_PROXY", "")
        .run()
        .code(0)
        .stdout_has("Healthy");
    assert_eq!(k.requests().len(), 1);
}

#[test]
fn wait_returns_once_the_kubelet_turns_healthy() {
    let k = StandIn::start(Mode::OkAfter(2));
    let started = Instant::now();
    healthz()
        .args(["--url", &k.url(), "--wait", "20s"])
        .run()
        .code(0)
        .stdout_has("Healthy")
        .stderr_has("3 attempts");
    assert_eq!(k.requests().len(), 3);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn wait_rides_out_a_restart_from_refused_to_healthy() {
    // The port is free while the kubelet "restarts"; it comes back on it a second later.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/healthz");
    let back = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1200));
        StandIn::start_on(TcpListener::bind(("127.0.0.1", port)).unwrap(), Mode::Ok)
    });
    let out = healthz().args(["--url", &url, "--wait", "20s"]).run();
    let k = back.join().unwrap();
    out.code(0)
        .stdout_has("Healthy")
        .stderr_has("kubelet healthy (after");
    assert_eq!(k.requests().len(), 1);
    // Without --wait the same refused kubelet would have been exit 1 at once: see
    // nothing_listening_is_refused_with_a_hint.
}

#[test]
fn wait_gives_up_at_the_deadline_with_exit_1() {
    let k = StandIn::start(Mode::Failing);
    let started = Instant::now();
    healthz()
        .args(["--url", &k.url(), "--wait", "2s"])
        .run()
        .code(1)
        .stdout_has("failing checks: syncloop")
        .stderr_has("still not healthy when --wait 2s ran out");
    let took = started.elapsed();
    assert!(
        (Duration::from_secs(2)..Duration::from_secs(6)).contains(&took),
        "{took:?}"
    );
    assert!(k.requests().len() >= 2, "{:?}", k.requests());
}

#[test]
fn quiet_and_exit_zero() {
    let k = StandIn::start(Mode::Failing);
    let out = healthz().args(["-q", "--url", &k.url()]).run();
    out.code(1).stdout_empty();
    assert_eq!(out.stderr, "");
    healthz()
        .args(["--exit-zero", "--url", &k.url()])
        .run()
        .code(0)
        .stdout_has("Unhealthy");
}

#[test]
fn bad_flags_are_usage_errors_before_any_probe() {
    for (args, needle) in [
        (
            vec!["--timeout", "0"],
            "invalid value '0' for '--timeout <DURATION>': a probe needs a deadline",
        ),
        (
            vec!["--timeout", "soon"],
            "invalid value 'soon' for '--timeout <DURATION>': time: invalid duration \"soon\"",
        ),
        (
            vec!["--wait", "0"],
            "invalid value '0' for '--wait <DURATION>': give how long to wait",
        ),
        (
            vec!["--wait", "forever"],
            "invalid value 'forever' for '--wait",
        ),
        (
            vec!["--url", "ftp://127.0.0.1/healthz"],
            "is not an http:// URL",
        ),
        (vec!["--parallel", "0"], "--parallel"),
        (vec!["--config", "/x", "node-a"], "cannot be used with"),
        (vec!["--all-nodes", "node-a"], "cannot be used with"),
    ] {
        healthz()
            .args(&args)
            .run()
            .code(2)
            .stdout_empty()
            .stderr_has(needle);
    }
}
