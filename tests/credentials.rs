//! Issue 10's credential findings through the binary: exec plugins bounded and killed, token
//! files trimmed, no credentials over plain HTTP, no silent insecure-with-CA.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{Outcome, Run, spawn};
use fake_apiserver::{Cluster, FakeApiServer, NodeFixture};

fn cluster() -> FakeApiServer {
    FakeApiServer::start(
        Cluster::new()
            .node(NodeFixture::new("a").ready())
            .lease_for_all_nodes(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The fake's kubeconfig with its `token:` line replaced by `user` (YAML, indented 4).
fn kubeconfig_with_user(srv: &FakeApiServer, dir: &Path, user: &str) -> PathBuf {
    let text = srv
        .kubeconfig_yaml(srv.token())
        .replace(&format!("    token: {}\n", srv.token()), user);
    assert!(!text.contains(srv.token()));
    write(dir, "kubeconfig", &text)
}

fn nodes(kubeconfig: &Path, args: &[&str]) -> Outcome {
    Run::new(Some(kubeconfig))
        .args(["nodes", "-o", "name"])
        .args(args)
        .run()
}

/// An exec plugin (a shell script) that starts `sleep 60` in the background, records its pid
/// in `pidfile`, and waits for it: a plugin that never answers, with a child of its own.
fn hanging_plugin(dir: &Path, pidfile: &Path) -> PathBuf {
    let plugin = write(
        dir,
        "hang",
        &format!(
            "#!/bin/sh\nsleep 60 &\necho $! > {}.tmp\nmv {0}.tmp {0}\nwait\n",
            pidfile.display()
        ),
    );
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    plugin
}

/// A cluster whose kubeconfig user gets its token from [`hanging_plugin`] (pid file
/// `sleep.pid` in the returned directory).
fn with_hanging_plugin() -> (FakeApiServer, tempfile::TempDir, PathBuf) {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let plugin = hanging_plugin(dir.path(), &dir.path().join("sleep.pid"));
    let kc = kubeconfig_with_user(&srv, dir.path(), &exec_user(&plugin));
    (srv, dir, kc)
}

fn exec_user(plugin: &Path) -> String {
    format!(
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never\n",
        plugin.display()
    )
}

fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text.trim().to_string();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} never appeared", path.display());
}

/// Whether `pid` is still running (a zombie waiting for init to reap it counts as gone).
fn alive(pid: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let running = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|stat| {
                let state = stat.rsplit(')').next().unwrap_or("").trim_start();
                !state.starts_with('Z')
            })
            .unwrap_or(false);
        if !running || Instant::now() > deadline {
            return running;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hung_exec_plugin_is_stopped_at_the_deadline_with_what_it_started() {
    let (srv, dir, kc) = with_hanging_plugin();
    let pidfile = dir.path().join("sleep.pid");
    let out = nodes(&kc, &["--request-timeout", "1s"]);
    out.code(2).stdout_is("").stderr_is(&format!(
        "error: cannot get credentials for user \"fake-admin\" in context \"fake\": the exec \
         credential plugin \"{}\" did not finish within 1s; it was stopped\n",
        dir.path().join("hang").display()
    ));
    let sleeper = wait_for_file(&pidfile);
    assert!(
        !alive(&sleeper),
        "the plugin's own child {sleeper} was left running"
    );
    assert!(srv.requests().is_empty(), "no request without credentials");
}

#[test]
fn sigterm_during_an_exec_plugin_kills_it_and_dies_of_sigterm() {
    use std::os::unix::process::ExitStatusExt;

    let (_srv, dir, kc) = with_hanging_plugin();
    let pidfile = dir.path().join("sleep.pid");
    let mut child = spawn(&kc, &["nodes", "-o", "name"]);
    let sleeper = wait_for_file(&pidfile);
    assert!(alive(&sleeper));
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(15), "{status:?}");
    assert!(!alive(&sleeper), "the plugin's child outlived us");
}

#[test]
fn a_token_file_with_a_trailing_newline_works_as_kubectl_trims_it() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let token = write(dir.path(), "token", &format!("{}\n", srv.token()));
    let kc = kubeconfig_with_user(
        &srv,
        dir.path(),
        &format!("    tokenFile: {}\n", token.display()),
    );
    nodes(&kc, &[]).code(0).stdout_is("node/a\n").stderr_is("");

    // A token "file" that never ends is refused, not read into memory.
    let kc = kubeconfig_with_user(&srv, dir.path(), "    tokenFile: /dev/zero\n");
    nodes(&kc, &[]).code(2).stderr_is(
        "error: cannot get credentials for user \"fake-admin\" in context \"fake\": token file \
         /dev/zero: larger than 64 KiB, so not a token\n",
    );
}

#[test]
fn insecure_skip_tls_verify_with_a_ca_is_refused_as_kubectl_refuses_it() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let text = srv.kubeconfig_yaml(srv.token()).replace(
        "    certificate-authority-data:",
        "    insecure-skip-tls-verify: true\n    certificate-authority-data:",
    );
    let kc = write(dir.path(), "kubeconfig", &text);
    nodes(&kc, &[]).code(2).stdout_is("").stderr_is(
        "error: context \"fake\": the cluster sets both insecure-skip-tls-verify and a \
         certificate-authority; kubectl refuses this too (\"specifying a root certificates file \
         with the insecure flag is not allowed\"): remove one of them\n",
    );
    assert!(srv.requests().is_empty());
    // The flag is different: it overrides the file's CA, as kubectl's flag does.
    nodes(&kc, &["--insecure-skip-tls-verify"])
        .code(0)
        .stdout_is("node/a\n");
}

#[test]
fn no_credentials_are_sent_over_plain_http() {
    // A plain-HTTP "API server" that records what it was sent and answers an empty list.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(String::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            log.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&head));
            let body = r#"{"kind":"NodeList","apiVersion":"v1","metadata":{},"items":[]}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let kc = write(
        dir.path(),
        "kubeconfig",
        &format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:{port}\n\
             users:\n- name: ops\n  user:\n    token: secret-token-123\n\
             contexts:\n- name: x\n  context: {{cluster: c, user: ops}}\ncurrent-context: x\n"
        ),
    );
    let out = nodes(&kc, &[]);
    out.code(0).stdout_is("").stderr_is(&format!(
        "warning: not sending the credentials of user \"ops\" to http://127.0.0.1:{port} over \
         plain HTTP, where anyone on the path could read them: use the https:// address (a local \
         `kubectl proxy` needs no credentials)\n"
    ));
    let sent = seen.lock().unwrap().clone();
    assert!(
        sent.starts_with("GET /api/v1/nodes?limit=500 HTTP/1.1\r\n"),
        "{sent}"
    );
    assert!(
        !sent.to_ascii_lowercase().contains("authorization"),
        "{sent}"
    );
    assert!(!sent.contains("secret-token-123"), "{sent}");
}

#[test]
fn a_password_in_a_url_is_never_printed() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    // A closed port behind a URL with user info: the connection error names the server.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let text = srv.kubeconfig_yaml(srv.token()).replace(
        srv.url(),
        &format!("https://admin:hunter2@127.0.0.1:{port}"),
    );
    let kc = write(dir.path(), "kubeconfig", &text);
    let out = nodes(&kc, &[]);
    out.code(2).never_shows("hunter2").stderr_is(&format!(
        "error: cannot list nodes: connection to https://xxxxx@127.0.0.1:{port} refused: is the \
         API server running, and is this the right cluster (--context)?\n"
    ));

    // The same for healthz --url, in the table, the JSON and the error detail.
    for format in ["table", "json"] {
        let out = Run::new(None)
            .args([
                "healthz",
                "--url",
                &format!("http://admin:hunter2@127.0.0.1:{port}/healthz"),
                "-o",
                format,
            ])
            .run();
        out.code(1).never_shows("hunter2");
        assert!(
            out.stdout
                .contains(&format!("http://xxxxx@127.0.0.1:{port}/healthz")),
            "{}",
            out.stdout
        );
    }
}

/// Waits for `child` at most `limit`; a child still running then is a failure (and killed).
fn finishes_within(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("still running after {limit:?}");
}

#[test]
fn kubeconfig_reads_are_capped_and_never_block() {
    let dir = tempfile::tempdir().unwrap();
    let capped = "larger than 16 MiB, the most this tool reads: not a kubeconfig";
    Run::new(Some(Path::new("/dev/zero")))
        .args(["nodes"])
        .run()
        .code(2)
        .stderr_is(&format!(
            "error: cannot load kubeconfig /dev/zero: it is {capped}\n"
        ));
    // A FIFO nobody writes to reads as empty instead of hanging the tool.
    let fifo = dir.path().join("fifo");
    crate::harness::mkfifo(&fifo);
    let out = finishes_within(spawn(&fifo, &["nodes"]), Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: kubeconfig {} has no current-context: pick one with --context (the file \
             defines no contexts)\n",
            fifo.display()
        )
    );
}

#[test]
fn a_kubeconfig_through_a_pipe_works() {
    let srv = cluster();
    let text = srv.kubeconfig_yaml(srv.token());
    let out = Run::new(Some(Path::new("/dev/stdin")))
        .args(["nodes", "-o", "name"])
        .stdin(text)
        .run();
    out.code(0).stdout_is("node/a\n");
}

#[test]
fn files_a_kubeconfig_points_to_are_capped_and_relative_to_it() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    // The CA as a file beside the kubeconfig, named relatively: it is found and used.
    let ca = write(dir.path(), "ca.crt", srv.ca_pem());
    assert!(ca.exists());
    let with_file = |ca_path: &str| {
        let text = srv.kubeconfig_yaml(srv.token());
        let start = text.find("    certificate-authority-data:").unwrap();
        let end = start + text[start..].find('\n').unwrap() + 1;
        format!(
            "{}    certificate-authority: {ca_path}\n{}",
            &text[..start],
            &text[end..]
        )
    };
    let kc = write(dir.path(), "kubeconfig", &with_file("ca.crt"));
    nodes(&kc, &[]).code(0).stdout_is("node/a\n");
    // One that never ends is refused, not read.
    let kc = write(dir.path(), "kubeconfig", &with_file("/dev/zero"));
    nodes(&kc, &[]).code(2).stderr_is(
        "error: cannot read the certificate-authority /dev/zero: it is larger than 1 MiB\n",
    );
}

#[test]
fn a_big_valid_kubeconfig_is_read() {
    // 22,000 clusters and contexts: past the YAML reader's default budget of 250,000 nodes,
    // well under the 16 MiB cap.
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let mut text = srv.kubeconfig_yaml(srv.token());
    let mut clusters = String::new();
    let mut contexts = String::new();
    for i in 0..22_000 {
        clusters.push_str(&format!(
            "- name: spare-{i}\n  cluster:\n    server: https://10.1.{}.{}:6443\n",
            i / 250,
            i % 250
        ));
        contexts.push_str(&format!(
            "- name: spare-{i}\n  context:\n    cluster: spare-{i}\n    user: nobody\n"
        ));
    }
    text = text
        .replace("clusters:\n", &format!("clusters:\n{clusters}"))
        .replace("contexts:\n", &format!("contexts:\n{contexts}"));
    let kc = write(dir.path(), "kubeconfig", &text);
    nodes(&kc, &[]).code(0).stdout_is("node/a\n");
}

#[test]
fn an_exec_plugin_that_never_stops_printing_is_stopped_at_1_mib() {
    let srv = cluster();
    let dir = tempfile::tempdir().unwrap();
    let plugin = write(dir.path(), "chatty", "#!/bin/sh\nexec cat /dev/zero\n");
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let kc = kubeconfig_with_user(&srv, dir.path(), &exec_user(&plugin));
    nodes(&kc, &[]).code(2).stdout_is("").stderr_is(&format!(
        "error: cannot get credentials for user \"fake-admin\" in context \"fake\": the exec \
         credential plugin \"{}\" printed more than 1 MiB; it was stopped\n",
        plugin.display()
    ));
    assert!(srv.requests().is_empty());
}
