//! Everything that can go wrong between the binary and the API server, through the real
//! binary: kubeconfig problems, refused and unverifiable connections, 401/403/404, retries on
//! 429/5xx/dropped connections, timeouts, credential plugins, and Ctrl-C.
//! Each failure must be one clear line on stderr, exit 2, and never show a credential.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run};
use fake_apiserver::{Cluster, FakeApiServer, Fault, NodeFixture};

fn cluster() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .node(NodeFixture::new("b").ready())
            .lease_for_all_nodes(),
    )
}

fn nodes_with(kubeconfig: &Path, args: &[&str]) -> Outcome {
    Run::new(Some(kubeconfig))
        .args(["nodes", "-o", "name"])
        .args(args)
        .run()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_working_cluster_for_reference() {
    let srv = cluster();
    nodes_with(srv.kubeconfig_path(), &[])
        .code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is("");
    let sent = srv.requests();
    assert!(
        sent.iter().all(|r| r.authorized),
        "bearer token sent on every request"
    );
}

#[test]
fn rejected_token_names_context_and_user_but_never_a_token() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let bad = srv.write_kubeconfig(dir.path().join("bad"), "expired-token-s3cr3t");
    let out = nodes_with(&bad, &[]);
    out.code(2).stderr_is(
        "error: cannot list nodes: the API server rejected the credentials of user \"fake-admin\" \
         in context \"fake\" (401 Unauthorized); they may have expired or been revoked: log in \
         again or refresh the kubeconfig\n",
    );
    out.never_shows("expired-token-s3cr3t")
        .never_shows(srv.token())
        .stdout_empty();
}

#[test]
fn forbidden_names_the_missing_permission() {
    let srv = cluster();
    srv.inject(Fault::forbidden().on("GET", "/api/v1/nodes").exact());
    let out = nodes_with(srv.kubeconfig_path(), &[]);
    out.code(2).stderr_is(
        "error: cannot list nodes: the API server refused user \"fake-admin\" (403 Forbidden): \
         grant \"list\" on \"nodes\" in API group \"\" (core) at cluster scope\n",
    );
}

#[test]
fn a_404_on_the_collection_is_reported() {
    let srv = cluster();
    srv.inject(Fault::not_found().on("GET", "/api/v1/nodes").exact());
    nodes_with(srv.kubeconfig_path(), &[]).code(2).stderr_is(
        "error: cannot list nodes: the API server answered 404 NotFound: the server could \
             not find the requested resource\n",
    );
}

#[test]
fn a_closed_port_is_refused() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let text = srv
        .kubeconfig_yaml(srv.token())
        .replace(&format!(":{}", srv.port()), &format!(":{port}"));
    let kc = write(dir.path(), "kc", &text);
    let out = nodes_with(&kc, &[]);
    out.code(2).stderr_is(&format!(
        "error: cannot list nodes: connection to https://127.0.0.1:{port} refused: is the API \
         server running, and is this the right cluster (--context)?\n"
    ));
    out.never_shows(srv.token());
}

#[test]
fn a_wrong_ca_fails_verification_unless_told_to_skip_it() {
    let srv = cluster();
    let other = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca = write(dir.path(), "other-ca.pem", &other.cert.pem());
    let text: String = srv
        .kubeconfig_yaml(srv.token())
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("certificate-authority-data:") {
                format!("    certificate-authority: {}\n", ca.display())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let kc = write(dir.path(), "kc", &text);
    let out = nodes_with(&kc, &[]);
    // The reason in parentheses is rustls's.
    out.code(2)
        .one_error_line()
        .stderr_is(&format!(
            "error: cannot list nodes: TLS verification of https://127.0.0.1:{} failed (invalid \
             peer certificate: UnknownIssuer): the kubeconfig's certificate-authority does not \
             match the server, or the server address is wrong\n",
            srv.port()
        ))
        .never_shows(srv.token());
    nodes_with(&kc, &["--insecure-skip-tls-verify"])
        .code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is("");
}

#[test]
fn kubeconfig_problems_are_caught_before_any_request() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();

    let nope = dir.path().join("nope");
    nodes_with(&nope, &[])
        .code(2)
        .one_error_line()
        .stderr_is(&format!(
            "error: kubeconfig {} does not exist (--kubeconfig)\n",
            nope.display()
        ));

    let broken = write(
        dir.path(),
        "broken",
        "apiVersion: v1\nusers:\n- name: x\n  user:\n    token: leaked-token-123\n  : [\n",
    );
    let out = nodes_with(&broken, &[]);
    out.code(2)
        .one_error_line()
        .stderr_is(&format!(
            "error: cannot load kubeconfig {}: not valid kubeconfig YAML (at line 6, column 3)\n",
            broken.display()
        ))
        .never_shows("leaked-token-123");

    let out = nodes_with(srv.kubeconfig_path(), &["--context", "prod"]);
    out.code(2).one_error_line().stderr_is(
        "error: context \"prod\" does not exist in the kubeconfig; known contexts: fake\n",
    );

    let no_current = write(
        dir.path(),
        "nocurrent",
        &srv.kubeconfig_yaml(srv.token())
            .replace("current-context: fake", ""),
    );
    nodes_with(&no_current, &[])
        .code(2)
        .one_error_line()
        .stderr_is(&format!(
            "error: kubeconfig {} has no current-context: pick one with --context (known: fake)\n",
            no_current.display()
        ));

    assert!(
        srv.requests().is_empty(),
        "no request was sent for a bad kubeconfig"
    );
}

#[test]
fn kubeconfig_from_the_environment_skips_missing_entries() {
    let srv = cluster();
    let list = format!(
        "/nonexistent/kubeconfig:{}",
        srv.kubeconfig_path().display()
    );
    let out = Run::new(None)
        .args(["nodes", "-o", "name"])
        .env("KUBECONFIG", &list)
        .run();
    out.code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is("warning: KUBECONFIG entry /nonexistent/kubeconfig does not exist; skipped\n");
    let quiet = Run::new(None)
        .args(["nodes", "-o", "name", "-q"])
        .env("KUBECONFIG", &list)
        .run();
    // -q silences warnings (and, as everywhere, the output).
    quiet.code(0).stdout_empty().stderr_is("");
}

#[test]
fn home_kubeconfig_is_the_fallback_and_no_config_at_all_is_explained() {
    let srv = cluster();
    let run = Run::new(None).args(["nodes", "-o", "name"]);
    let kube_dir = run.home().join(".kube");
    std::fs::create_dir_all(&kube_dir).unwrap();
    std::fs::copy(srv.kubeconfig_path(), kube_dir.join("config")).unwrap();
    run.run()
        .code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is("");

    let run = Run::new(None).args(["nodes"]);
    let home = run.home();
    run.run()
        .code(2)
        .one_error_line()
        .stdout_empty()
        .stderr_is(&format!(
            "error: no kubeconfig found: no --kubeconfig, KUBECONFIG is not set, and \
             {}/.kube/config does not exist; and not running inside a pod: pass --kubeconfig \
             PATH or set KUBECONFIG\n",
            home.display()
        ));
}

#[test]
fn a_kubeconfig_list_of_missing_files_names_them() {
    // Not "tried --kubeconfig": none was given. The paths tried are what helps.
    let out = Run::new(None)
        .args(["nodes"])
        .env("KUBECONFIG", "/nonexistent/a:/nonexistent/b")
        .run();
    out.code(2).stdout_empty().stderr_is(
        "error: no kubeconfig found: KUBECONFIG names only files that do not exist \
         (/nonexistent/a, /nonexistent/b); and not running inside a pod: pass --kubeconfig PATH \
         or set KUBECONFIG\n",
    );
}

#[test]
fn too_many_requests_waits_for_retry_after_then_succeeds() {
    let srv = cluster();
    srv.inject(
        Fault::too_many_requests(1)
            .on("GET", "/api/v1/nodes")
            .exact()
            .times(1),
    );
    let started = Instant::now();
    let out = nodes_with(srv.kubeconfig_path(), &[]);
    out.code(0).stdout_is("node/a\nnode/b\n").stderr_is(
        "warning: the API server answered 429 TooManyRequests (list nodes); retrying in 1s\n",
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    assert_eq!(srv.requests_to("/api/v1/nodes").len(), 2);
}

#[test]
fn server_errors_and_dropped_connections_are_retried_a_bounded_number_of_times() {
    let srv = cluster();
    srv.inject(
        Fault::internal_error("etcdserver: leader changed")
            .on("GET", "/api/v1/nodes")
            .exact()
            .times(2),
    );
    const RETRY_500: &str =
        "warning: the API server answered 500 InternalError (list nodes); retrying in";
    nodes_with(srv.kubeconfig_path(), &[])
        .code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is(&format!("{RETRY_500} 250ms\n{RETRY_500} 500ms\n"));

    let srv = cluster();
    srv.inject(
        Fault::drop_mid_body()
            .on("GET", "/api/v1/nodes")
            .exact()
            .times(1),
    );
    let out = nodes_with(srv.kubeconfig_path(), &[]);
    // Nothing from the cut response leaks into the output.
    out.code(0).stdout_is("node/a\nnode/b\n");
    // Between the two is the TLS library's own explanation of the cut.
    assert!(
        out.stderr.starts_with("warning: the connection broke: ")
            && out.stderr.ends_with(" (list nodes); retrying in 250ms\n")
            && out.stderr.lines().count() == 1,
        "{}",
        out.stderr
    );

    let srv = cluster();
    srv.inject(
        Fault::internal_error("etcdserver: request timed out")
            .on("GET", "/api/v1/nodes")
            .exact(),
    );
    let out = nodes_with(srv.kubeconfig_path(), &[]);
    out.code(2).stdout_empty().stderr_is(&format!(
        "{RETRY_500} 250ms\n{RETRY_500} 500ms\n{RETRY_500} 1s\n{RETRY_500} 2s\n\
         error: cannot list nodes: the API server answered 500 InternalError: Internal error \
         occurred: etcdserver: request timed out\n"
    ));
    assert_eq!(
        srv.requests_to("/api/v1/nodes").len(),
        5,
        "5 attempts in all, then give up"
    );
}

#[test]
fn a_slow_server_times_out() {
    let srv = cluster();
    srv.inject(
        Fault::delay(Duration::from_secs(30))
            .on("GET", "/api/v1/nodes")
            .exact(),
    );
    let started = Instant::now();
    let out = nodes_with(srv.kubeconfig_path(), &["--request-timeout", "1s"]);
    out.code(2).one_error_line().stdout_empty().stderr_is(
        "error: cannot list nodes: no answer from the API server within 1s (--request-timeout)\n",
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the timeout bounds the run"
    );
}

#[test]
fn a_bad_request_timeout_is_a_usage_error() {
    let srv = cluster();
    nodes_with(srv.kubeconfig_path(), &["--request-timeout", "soon"])
        .code(2)
        .one_error_line()
        .stdout_empty()
        .stderr_is(
            "error: invalid value 'soon' for '--request-timeout <DURATION>': time: invalid \
             duration \"soon\"\n\nFor more information, try '--help'.\n",
        );
    assert!(srv.requests().is_empty());
}

#[test]
fn exec_credential_plugins_supply_the_token() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let plugin = write(
        dir.path(),
        "get-token",
        &format!(
            "#!/bin/sh\necho '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{}\"}}}}'\n",
            srv.token()
        ),
    );
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let exec_user = format!(
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never\n",
        plugin.display()
    );
    let text = srv
        .kubeconfig_yaml(srv.token())
        .replace(&format!("    token: {}\n", srv.token()), &exec_user);
    assert!(
        !text.contains(srv.token()),
        "the kubeconfig itself holds no token now"
    );
    let kc = write(dir.path(), "kc", &text);
    nodes_with(&kc, &[])
        .code(0)
        .stdout_is("node/a\nnode/b\n")
        .stderr_is("");

    // A failing plugin's stdout and stderr may carry a token: neither is shown unless asked.
    std::fs::write(
        &plugin,
        "#!/bin/sh\necho '{\"status\":{\"token\":\"plugin-secret-999\"}}'\necho 'sso session expired; token plugin-secret-999' >&2\nexit 1\n",
    )
    .unwrap();
    let out = nodes_with(&kc, &[]);
    out.code(2)
        .stderr_is(&format!(
            "error: cannot get credentials for user \"fake-admin\" in context \"fake\": the exec \
             credential plugin \"{}\" exited with status 1; its error output is not shown, as it \
             may hold a secret: run with -v to see it, or run the plugin yourself\n",
            plugin.display()
        ))
        .never_shows("plugin-secret-999");
    // With -v, its stderr is shown (sanitized); its stdout never is.
    let out = nodes_with(&kc, &["-v"]);
    out.code(2).stderr_is(&format!(
        "error: cannot get credentials for user \"fake-admin\" in context \"fake\": the exec \
         credential plugin \"{}\" exited with status 1; its stderr: sso session expired; token \
         plugin-secret-999\n",
        plugin.display()
    ));
    assert_eq!(out.stdout, "");
}

/// Sends SIGINT to `pid` once the fake server has seen the nodes request (mid-run).
fn interrupt_when_listing(srv: &FakeApiServer, pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while srv.requests_to("/api/v1/nodes").is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn ctrl_c_dies_of_sigint() {
    use std::os::unix::process::ExitStatusExt;

    let srv = cluster();
    srv.inject(Fault::hang().on("GET", "/api/v1/nodes").exact());
    let child = crate::harness::spawn(srv.kubeconfig_path(), &["nodes"]);
    interrupt_when_listing(&srv, child.id());
    let out = child.wait_with_output().unwrap();
    // Killed by the re-raised SIGINT (so a calling shell loop stops too), not exit(130).
    assert_eq!(
        (out.status.code(), out.status.signal()),
        (None, Some(2)),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn ctrl_c_is_130_to_a_shell() {
    let srv = cluster();
    srv.inject(Fault::hang().on("GET", "/api/v1/nodes").exact());
    let shell = Command::new("sh")
        .args(["-c", "\"$0\" \"$@\"; echo \"rc=$?\""])
        .arg(env!("CARGO_BIN_EXE_kubelet-doctor"))
        .args(["nodes", "--kubeconfig"])
        .arg(srv.kubeconfig_path())
        .env("HOME", srv.kubeconfig_path().parent().unwrap())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The shell's child is the tool; signal it alone, as the shell would see a Ctrl-C'd child.
    let deadline = Instant::now() + Duration::from_secs(10);
    let pid = loop {
        let out = Command::new("pgrep")
            .args(["-P", &shell.id().to_string()])
            .output()
            .unwrap();
        if let Some(pid) = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
        {
            break pid.parse::<u32>().unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "the shell never started the tool"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    interrupt_when_listing(&srv, pid);
    let out = shell.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "rc=130\n");
}
