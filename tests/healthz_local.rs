//! `kubelet-doctor healthz` on this machine: a stand-in kubelet healthz endpoint on an
//! ephemeral loopback port, for every state the real one can be in (ok, failing checks, hung,
//! refused, slow), found through the kubelet config file or --url, with proxies in the
//! environment that must not intercept it, and --wait for a kubelet that comes back.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run, known, normalize_durations, timed};

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
    /// 302 to this URL: not a kubelet.
    Redirect(String),
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
        Mode::Redirect(to) => {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return;
        }
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

/// stdout is the one-row table `want`, where the stand-in's URL (a random port) reads `<url>`
/// and the latency, measured, reads `<age>`.
#[track_caller]
fn table_is<'a>(out: &'a Outcome, url: &str, want: &str) -> &'a Outcome {
    out.table_is(want, &[known(url, "<url>"), timed("LATENCY")])
}

#[test]
fn a_healthy_kubelet_exits_0_and_is_asked_verbosely() {
    let k = StandIn::start(Mode::Ok);
    let out = healthz().args(["--url", &k.url()]).run();
    out.code(0).stderr_is("kubelet healthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
    assert_eq!(k.requests(), vec!["GET /healthz?verbose HTTP/1.1"]);
}

#[test]
fn failing_checks_are_listed_and_exit_1() {
    let k = StandIn::start(Mode::Failing);
    let out = healthz().args(["--url", &k.url()]).run();
    out.code(1).stderr_is("1 of 1 kubelet unhealthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ         LATENCY   DETAIL
<url>   Unhealthy   failing (500)   <age>     failing checks: syncloop
",
    );
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
    let out = healthz()
        .args(["--url", &k.url(), "--timeout", "500ms"])
        .run();
    out.code(1).stderr_is("1 of 1 kubelet unhealthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ   LATENCY   DETAIL
<url>   Unhealthy   timeout   -         no answer within 500ms: the kubelet is hung or overloaded
",
    );
    // No answer, no latency: the JSON says null, as README promises.
    let out = healthz()
        .args(["--url", &k.url(), "--timeout", "500ms", "-o", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["results"][0]["healthz"]["latencyMs"],
        serde_json::Value::Null
    );
    assert!(started.elapsed() >= Duration::from_millis(1000));
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
    let url = format!("http://127.0.0.1:{port}/healthz");
    let out = healthz().args(["--url", &url]).run();
    out.code(1).stderr_is("1 of 1 kubelet unhealthy\n");
    table_is(
        &out,
        &url,
        r"
URL     VERDICT     HEALTHZ   LATENCY   DETAIL
<url>   Unhealthy   refused   -         connection refused (nothing listens on the port): is the kubelet running? (systemctl status kubelet)
",
    );
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
    let out = healthz()
        .args(["--url", &k.url(), "--timeout", "100ms"])
        .run();
    out.code(1).stderr_is("1 of 1 kubelet unhealthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ   LATENCY   DETAIL
<url>   Unhealthy   timeout   -         no answer within 100ms: the kubelet is hung or overloaded
",
    );
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
    let out = healthz().args(["--config", config.to_str().unwrap()]).run();
    out.code(0).stderr_is("kubelet healthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
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
    let out = healthz().args(["--config", config.to_str().unwrap()]).run();
    out.code(0).stderr_is("kubelet healthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
    assert_eq!(k.requests().len(), 2);
}

#[test]
fn healthz_port_zero_means_disabled_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "kind: KubeletConfiguration\nhealthzPort: 0\n").unwrap();
    let out = healthz().args(["--config", config.to_str().unwrap()]).run();
    out.code(2)
        .stderr_is("1 of 1 kubelet not judged\n")
        .table_is(
            r"
URL   VERDICT   HEALTHZ    LATENCY   DETAIL
-     Unknown   disabled   -         the healthz endpoint is disabled (healthzPort: 0 in <config>); give --url, or probe through the API server with the node's name
",
            &[known(config.to_str().unwrap(), "<config>")],
        );
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
        .stderr_is(&format!(
            "error: cannot read {}: No such file or directory (os error 2)\n",
            missing.display()
        ));
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "healthzPort: [1\n").unwrap();
    healthz()
        .args(["--config", broken.to_str().unwrap()])
        .run()
        .code(2)
        .stdout_empty()
        .one_error_line()
        // The YAML parser starts its message with its own "error: ", which is dropped.
        .stderr_is(&format!(
            "error: cannot read the healthz address from {}: line 1 column 14: expected string scalar\n",
            broken.display()
        ));
}

#[test]
fn proxy_variables_do_not_intercept_the_probe() {
    let k = StandIn::start(Mode::Ok);
    let dead = "http://127.0.0.1:9"; // discard port: nothing there
    let out = healthz()
        .args(["--url", &k.url(), "--timeout", "2s"])
        .env("HTTP_PROXY", dead)
        .env("http_proxy", dead)
        .env("ALL_PROXY", dead)
        .env("all_proxy", dead)
        .env("NO_PROXY", "")
        .run();
    out.code(0).stderr_is("kubelet healthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
    assert_eq!(k.requests().len(), 1);
}

#[test]
fn wait_returns_once_the_kubelet_turns_healthy() {
    let k = StandIn::start(Mode::OkAfter(2));
    let started = Instant::now();
    let out = healthz().args(["--url", &k.url(), "--wait", "20s"]).run();
    out.code(0)
        .stderr_timed_is("(after ", "kubelet healthy (after <age>, 3 attempts)\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
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
    out.code(0);
    table_is(
        &out,
        &url,
        r"
URL     VERDICT   HEALTHZ   LATENCY   DETAIL
<url>   Healthy   ok        <age>
",
    );
    assert_eq!(k.requests().len(), 1);
    // The refused attempts never reach the stand-in; how many there were is timing.
    let waited = normalize_durations(&out.stderr, "(after ");
    let attempts: u32 = waited
        .strip_prefix("kubelet healthy (after <age>, ")
        .and_then(|rest| rest.strip_suffix(" attempts)\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(attempts >= 2, "{}", out.stderr);
    // Without --wait the same refused kubelet would have been exit 1 at once: see
    // nothing_listening_is_refused_with_a_hint.
}

#[test]
fn wait_gives_up_at_the_deadline_with_exit_1() {
    let k = StandIn::start(Mode::Failing);
    let started = Instant::now();
    let out = healthz().args(["--url", &k.url(), "--wait", "2s"]).run();
    let took = started.elapsed();
    out.code(1).stderr_timed_is(
        "(after ",
        &format!(
            "still not healthy when --wait 2s ran out\n1 of 1 kubelet unhealthy (after <age>, {} attempts)\n",
            k.requests().len()
        ),
    );
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ         LATENCY   DETAIL
<url>   Unhealthy   failing (500)   <age>     failing checks: syncloop
",
    );
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
    let out = healthz().args(["--exit-zero", "--url", &k.url()]).run();
    out.code(0).stderr_is("1 of 1 kubelet unhealthy\n");
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ         LATENCY   DETAIL
<url>   Unhealthy   failing (500)   <age>     failing checks: syncloop
",
    );
}

#[test]
fn bad_flags_are_usage_errors_before_any_probe() {
    const MORE: &str = "\n\nFor more information, try '--help'.\n";
    for (args, want) in [
        (
            vec!["--timeout", "0"],
            format!("error: invalid value '0' for '--timeout <DURATION>': a probe needs a deadline; 0 is not one{MORE}"),
        ),
        (
            vec!["--timeout", "soon"],
            format!("error: invalid value 'soon' for '--timeout <DURATION>': time: invalid duration \"soon\"{MORE}"),
        ),
        (
            vec!["--wait", "0"],
            format!("error: invalid value '0' for '--wait <DURATION>': give how long to wait, e.g. 60s{MORE}"),
        ),
        (
            vec!["--wait", "forever"],
            format!("error: invalid value 'forever' for '--wait <DURATION>': time: invalid duration \"forever\"{MORE}"),
        ),
        (
            vec!["--url", "ftp://127.0.0.1/healthz"],
            "error: --url: \"ftp://127.0.0.1/healthz\" is not an http:// URL (the kubelet serves healthz over plain HTTP)\n".to_string(),
        ),
        (
            vec!["--parallel", "0"],
            format!("error: invalid value '0' for '--parallel <N>': 0 is not in 1..=1024{MORE}"),
        ),
        (
            vec!["--config", "/x", "node-a"],
            format!("error: the argument '--config <PATH>' cannot be used with '[NODE]...'\n\nUsage: kubelet-doctor healthz --config <PATH> [NODE]...{MORE}"),
        ),
        (
            vec!["--all-nodes", "node-a"],
            format!("error: the argument '--all-nodes' cannot be used with '[NODE]...'\n\nUsage: kubelet-doctor healthz --all-nodes [NODE]...{MORE}"),
        ),
    ] {
        healthz()
            .args(&args)
            .run()
            .code(2)
            .stdout_empty()
            .stderr_is(&want);
    }
}

#[test]
fn a_redirect_is_reported_not_followed() {
    // A healthy endpoint elsewhere must not make this port look healthy.
    let healthy = StandIn::start(Mode::Ok);
    let k = StandIn::start(Mode::Redirect(healthy.url()));
    let out = healthz().args(["--url", &k.url(), "-o", "json"]).run();
    out.code(1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let result = &report["results"][0];
    assert_eq!(result["verdict"], "unhealthy");
    assert_eq!(result["healthz"]["state"], "error");
    assert_eq!(result["healthz"]["httpStatus"], 302);
    assert_eq!(
        result["detail"],
        serde_json::json!([format!(
            "answered 302 with a redirect to {}: the kubelet's healthz never redirects, so \
             something else answers on this port (not followed)",
            healthy.url()
        )])
    );
    assert!(
        healthy.requests().is_empty(),
        "the redirect was not followed"
    );
}

#[test]
fn a_config_that_never_ends_is_refused_not_read() {
    healthz()
        .args(["--config", "/dev/zero"])
        .run()
        .code(2)
        .stdout_is("")
        .stderr_is("error: cannot read /dev/zero: it is larger than 10 MiB\n");
}

#[test]
fn a_probe_cut_short_by_the_end_of_wait_says_so() {
    let k = StandIn::start(Mode::Hang);
    // The one attempt may take only the second --wait leaves, not --timeout's 10s.
    let out = healthz()
        .args(["--url", &k.url(), "--wait", "1s", "--timeout", "10s"])
        .run();
    out.code(1);
    table_is(
        &out,
        &k.url(),
        r"
URL     VERDICT     HEALTHZ   LATENCY   DETAIL
<url>   Unhealthy   timeout   -         no answer before --wait 1s ran out: the kubelet is hung or overloaded
",
    );
}
