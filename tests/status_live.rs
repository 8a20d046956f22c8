//! The live `status` and `status --collect` through the real binary, with fake `systemctl` and
//! `journalctl` executables first on PATH and a temporary `--root` standing for the host's
//! `/`: the bundle written (its exact files, no secret in any of them), the arguments the fakes
//! were given, and the same findings from the live run and from `--bundle` on what it wrote.

use std::path::{Path, PathBuf};

use crate::harness::{Outcome, Run};
use fake_apiserver::cri::CriMode;
use serde_json::Value;

const SYSTEMCTL: &str = r#"#!/bin/sh
echo "$@" >> "$FAKE/systemctl.args"
case "$2" in
  kubelet.service) cat "$FAKE/show.txt" ;;
  *) printf 'Id=%s\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n' "$2" ;;
esac
"#;

const JOURNALCTL: &str = r#"#!/bin/sh
echo "$@" >> "$FAKE/journalctl.args"
cat "$FAKE/journal.jsonl"
"#;

const SECRETS: &[&str] = &[
    "s3cr3t-header",
    "s3cr3t-token",
    "S3CRETKEY",
    "PRIVATE KEY",
    "s3cr3t-registry",
];

/// A fake node: bin/ with the fakes, root/ with the host files, the journal of a swap crash
/// loop (from the swap-enabled fixture) and a unit that is running PID 4242.
struct Node {
    dir: tempfile::TempDir,
}

impl Node {
    fn new(show: &str) -> Node {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // The kubelet's healthz: a listener that answers `ok`, its port in the config.
        let healthz = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = healthz.local_addr().unwrap().port();
        std::thread::spawn(move || {
            use std::io::{Read, Write};
            for mut conn in healthz.incoming().flatten() {
                let mut buf = [0u8; 1024];
                let _ = conn.read(&mut buf);
                let _ = conn.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                );
            }
        });
        let config = format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodURLHeader:\n  Authorization: [\"Bearer s3cr3t-header\"]\nfailSwapOn: true\ncgroupDriver: systemd\nhealthzPort: {port}\n"
        );
        std::fs::create_dir_all(d.join("root/var/lib/kubelet")).unwrap();
        std::fs::write(d.join("root/var/lib/kubelet/config.yaml"), config).unwrap();
        std::fs::write(d.join("healthz.port"), port.to_string()).unwrap();
        // containerd's socket: a CRI server, ready (kept as long as the test runs).
        std::fs::create_dir_all(d.join("root/run/containerd")).unwrap();
        fake_cri(
            &d.join("root/run/containerd/containerd.sock"),
            CriMode::Ready,
        );
        // The kubelet's rotated client certificate: the certificate, then its key, in one file.
        let mut params = rcgen::CertificateParams::new(vec!["node-a".into()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2099, 1, 1);
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap().pem();
        let client_pem = format!("{cert}{}", key.serialize_pem());
        std::fs::write(d.join("cert.pem"), &cert).unwrap();
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/status/swap-enabled");
        std::fs::copy(fixture.join("journal.jsonl"), d.join("journal.jsonl")).unwrap();
        std::fs::write(d.join("show.txt"), show).unwrap();
        let files: &[(&str, &[u8])] = &[
            ("bin/systemctl", SYSTEMCTL.as_bytes()),
            ("bin/journalctl", JOURNALCTL.as_bytes()),
            ("root/proc/4242/cmdline", b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--kubeconfig=/etc/kubernetes/kubelet.conf\0"),
            ("root/etc/kubernetes/kubelet.conf", b"apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: k\nusers:\n- name: u\n  user:\n    token: s3cr3t-token\n    client-key-data: S3CRETKEY\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n"),
            ("root/var/lib/kubelet/pki/kubelet-client-current.pem", client_pem.as_bytes()),
            ("root/etc/default/kubelet", b"KUBELET_EXTRA_ARGS=\n# -----BEGIN RSA PRIVATE KEY----- pasted here by mistake\n"),
            ("root/proc/sys/kernel/hostname", b"node-a\n"),
            ("root/proc/sys/net/ipv4/ip_forward", b"1\n"),
            ("root/etc/containerd/config.toml", b"version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"registry.example\".auth]\n  password = \"s3cr3t-registry\"\n"),
            ("root/proc/swaps", b"Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img                               file\t\t2097148\t\t0\t\t-2\n"),
            ("root/sys/fs/cgroup/cgroup.controllers", b"cpuset cpu io memory hugetlb pids rdma misc\n"),
        ];
        for (name, data) in files {
            let path = d.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, data).unwrap();
        }
        for fake in ["systemctl", "journalctl"] {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                d.join("bin").join(fake),
                std::fs::Permissions::from_mode(0o755),
            )
            .unwrap();
        }
        Node { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn run(&self, args: &[&str]) -> Outcome {
        Run::new(None)
            .env("FAKE", self.dir.path())
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", self.path("bin").display()),
            )
            .current_dir(self.dir.path())
            .args(["status", "--root", "root"])
            .args(args)
            .run()
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_default()
    }
}

/// An in-process CRI server on a unix socket (the fake API server crate's).
fn fake_cri(path: &Path, mode: CriMode) {
    fake_apiserver::cri::serve(path, mode).unwrap();
}

/// The unit of the swap fixture, active with PID 4242 and EnvironmentFiles on the host.
fn running_show() -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/status/swap-enabled/systemctl-show.txt");
    std::fs::read_to_string(fixture)
        .unwrap()
        .replace("ActiveState=activating", "ActiveState=active")
        .replace("SubState=auto-restart", "SubState=running")
        .replace("MainPID=0", "MainPID=4242")
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn findings(out: &Outcome) -> Value {
    let doc: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    doc["findings"].clone()
}

#[test]
fn collect_writes_a_bundle_without_secrets_and_analyses_it() {
    let node = Node::new(&running_show());
    let live = node.run(&["--collect", "out", "-o", "json"]);
    live.code(1).stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nbundle written to out\n",
    );
    assert_eq!(
        files_under(&node.path("out")),
        [
            "api.json",
            "cmdline",
            "cri.json",
            "healthz.json",
            "journal.jsonl",
            "meta.json",
            "root/etc/containerd/config.toml",
            "root/etc/kubernetes/kubelet.conf",
            "root/proc/swaps",
            "root/proc/sys/net/ipv4/ip_forward",
            "root/sys/fs/cgroup/cgroup.controllers",
            "root/var/lib/kubelet/config.yaml",
            "root/var/lib/kubelet/pki/kubelet-client-current.pem",
            "systemctl-show.txt",
        ]
    );
    // No kubeconfig given: the kubelet's own was tried (this one has no context to use).
    assert_eq!(
        node.read("out/api.json"),
        "{\"node\":\"node-a\",\"found\":false,\"askedAs\":\"kubelet\",\"kubeconfig\":\"/etc/kubernetes/kubelet.conf\",\"error\":\"kubeconfig root/etc/kubernetes/kubelet.conf has no current-context (the file defines no contexts)\",\"errorKind\":\"kubeconfig\"}\n"
    );
    // The journal as journalctl printed it, byte for byte (read and copied in one stream).
    assert_eq!(node.read("out/journal.jsonl"), node.read("journal.jsonl"));
    assert_eq!(
        node.read("out/root/etc/containerd/config.toml"),
        "# containerd config reduced by kubelet-doctor status --collect: SystemdCgroup, disabled_plugins, version\nversion = 2\nSystemdCgroup = true\n"
    );
    // Of the client certificate file, the certificate only.
    assert_eq!(
        node.read("out/root/var/lib/kubelet/pki/kubelet-client-current.pem"),
        node.read("cert.pem").replace("\r\n", "\n")
    );
    for file in files_under(&node.path("out")) {
        let text = node.read(&format!("out/{file}"));
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} in {file}:\n{text}");
        }
    }
    assert_eq!(
        node.read("out/root/etc/kubernetes/kubelet.conf"),
        "# kubeconfig reduced by kubelet-doctor status --collect: server and certificate paths only\nserver: https://10.0.0.1:6443\nclient-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n"
    );
    assert_eq!(
        node.read("out/root/var/lib/kubelet/config.yaml"),
        format!(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodURLHeader:\n  {{}}                                     \nfailSwapOn: true\ncgroupDriver: systemd\nhealthzPort: {}\n",
            node.read("healthz.port")
        )
    );
    assert_eq!(
        node.read("out/cri.json"),
        "{\"endpoint\":\"unix:///run/containerd/containerd.sock\",\"state\":\"socket\",\"connects\":true,\"cri\":{\"runtimeName\":\"containerd\",\"runtimeVersion\":\"v2.0.4\",\"conditions\":[{\"type\":\"RuntimeReady\",\"status\":true},{\"type\":\"NetworkReady\",\"status\":true}]}}\n"
    );
    // healthz, asked at the port the config names.
    let healthz: Value = serde_json::from_str(&node.read("out/healthz.json")).unwrap();
    assert_eq!(healthz["state"], "ok");
    assert_eq!(
        healthz["url"],
        format!("http://127.0.0.1:{}/healthz", node.read("healthz.port"))
    );
    let meta: Value = serde_json::from_str(&node.read("out/meta.json")).unwrap();
    assert_eq!(meta["hostname"], "node-a");
    assert_eq!(meta["toolVersion"], env!("CARGO_PKG_VERSION"));
    // What the fakes were asked: the first candidate unit, its journal in the host's directory.
    assert_eq!(
        node.read("systemctl.args"),
        "show kubelet.service --no-pager\n"
    );
    assert_eq!(
        node.read("journalctl.args"),
        format!(
            "-u kubelet.service -o json --no-pager --all -n 50000 -D {}\n",
            Path::new("root").join("var/log/journal").display()
        )
    );
    // The bundle gives the same findings anywhere.
    let offline = Run::new(None)
        .current_dir(node.dir.path())
        .args(["status", "--bundle", "out", "-o", "json"])
        .run();
    offline.code(1).stderr_is("");
    assert_eq!(findings(&live), findings(&offline));
    let found: Vec<(String, bool)> = findings(&live)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["cause"].as_str().unwrap().to_string(),
                f["fatal"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("swap-enabled".to_string(), true)]);
    // A second --collect into the same directory is refused, not merged.
    node.run(&["--collect", "out"])
        .code(2)
        .stderr_is("error: --collect out: it exists already; give a new directory\n");
}

#[test]
fn the_runtime_is_asked_over_cri() {
    // NetworkReady=false from the runtime itself: cni-not-ready, checked over CRI.
    let node = Node::new(&running_show());
    std::fs::remove_file(node.path("root/run/containerd/containerd.sock")).unwrap();
    fake_cri(
        &node.path("root/run/containerd/containerd.sock"),
        CriMode::NoNetwork,
    );
    let out = node.run(&["-o", "json"]);
    out.code(1);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let cni = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["cause"] == "cni-not-ready")
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert_eq!(
        cni["evidence"],
        "CRI Status: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"
    );
    let cri = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "cri")
        .unwrap();
    assert_eq!(
        cri["result"],
        "unix:///run/containerd/containerd.sock accepts connections; containerd v2.0.4; RuntimeReady=true, NetworkReady=false"
    );

    // A socket that answers, but no CRI v1: runtime-cri-disabled.
    let node = Node::new(&running_show());
    std::fs::remove_file(node.path("root/run/containerd/containerd.sock")).unwrap();
    fake_cri(
        &node.path("root/run/containerd/containerd.sock"),
        CriMode::Unimplemented,
    );
    let out = node.run(&["-o", "json"]);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        doc["findings"].as_array().unwrap().iter().any(|f| f["cause"] == "runtime-cri-disabled"
            && f["evidence"] == "unix:///run/containerd/containerd.sock answers but not CRI v1: Version is Unimplemented"),
        "{}",
        out.stdout
    );
}

#[test]
fn live_status_without_collect_leaves_nothing_behind() {
    let node = Node::new(&running_show());
    let out = node.run(&[]);
    out.code(1)
        .stderr_is("warning: /etc/default/kubelet: holds a private key, not copied\n");
    assert!(
        out.stdout.starts_with("Verdict: failing (1 fatal)\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\nbundle    this node: host node-a, collected "),
        "{}",
        out.stdout
    );
    assert!(!node.path("out").exists());
}

#[test]
fn a_unit_named_with_unit_and_no_kubelet_installed() {
    // --unit k3s-agent: only that unit is asked for.
    let node = Node::new(&running_show());
    node.run(&["--unit", "k3s-agent", "-o", "json"]).code(1);
    assert_eq!(
        node.read("systemctl.args"),
        "show k3s-agent.service --no-pager\n"
    );
    assert!(
        node.read("journalctl.args")
            .starts_with("-u k3s-agent.service ")
    );

    // No unit anywhere and an empty journal: not-installed.
    let node = Node::new(&running_show());
    std::fs::write(node.path("journal.jsonl"), "").unwrap();
    std::fs::write(
        node.path("show.txt"),
        "Id=kubelet.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n",
    )
    .unwrap();
    let out = node.run(&["-o", "json"]);
    out.code(1);
    assert_eq!(findings(&out)[0]["cause"], "not-installed");
    assert_eq!(
        findings(&out)[0]["evidence"],
        "systemd: kubelet.service inactive/dead (not installed)"
    );
    assert_eq!(
        node.read("systemctl.args").lines().collect::<Vec<_>>(),
        [
            "show kubelet.service --no-pager",
            "show k3s.service --no-pager",
            "show k3s-agent.service --no-pager",
            "show rke2-server.service --no-pager",
            "show rke2-agent.service --no-pager",
            "show snap.microk8s.daemon-kubelite.service --no-pager",
        ]
    );
}

#[test]
fn without_systemctl_and_journalctl_each_part_fails_alone() {
    let node = Node::new(&running_show());
    let out = Run::new(None)
        .env("PATH", node.path("empty-bin"))
        .current_dir(node.dir.path())
        .args(["status", "--root", "root", "-o", "json"])
        .run();
    // Nothing says the kubelet runs or fails, but swap is on: degraded from the host alone.
    out.code(1);
    assert_eq!(
        out.stderr,
        "warning: systemctl: cannot run: No such file or directory (os error 2)\nwarning: journalctl: cannot run: No such file or directory (os error 2)\n"
    );
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["verdict"], "degraded");
    assert_eq!(findings(&out)[0]["cause"], "swap-enabled");
    assert_eq!(findings(&out)[0]["confidence"], "check-only");
}

#[test]
fn with_a_kubeconfig_the_api_server_is_asked() {
    use fake_apiserver::{Cluster, FakeApiServer, NodeFixture, ServerOptions};
    // The Node is NotReady for the CNI, its Lease 5 minutes old, the server a minor older.
    let srv = FakeApiServer::start_with(
        Cluster::new()
            .node(
                NodeFixture::new("node-a")
                    .not_ready(
                        "KubeletNotReady",
                        "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
                    )
                    .kubelet_version("v1.34.2")
                    .lease_renewed_ago(std::time::Duration::from_secs(300)),
            )
            .lease_for_all_nodes()
            .csr(
                "csr-client",
                "system:node:node-a",
                "kubernetes.io/kube-apiserver-client-kubelet",
                None,
            ),
        ServerOptions::new().kube_version("v1.33.4"),
    );
    let node = Node::new(&running_show());
    let out = Run::new(Some(srv.kubeconfig_path()))
        .env("FAKE", node.dir.path())
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", node.path("bin").display()),
        )
        .current_dir(node.dir.path())
        .args(["status", "--root", "root", "--collect", "out", "-o", "json"])
        .run();
    out.code(1);
    let view: Value = serde_json::from_str(&node.read("out/api.json")).unwrap();
    assert_eq!(view["node"], "node-a");
    assert_eq!(view["found"], true);
    assert_eq!(view["serverVersion"], "v1.33.4");
    assert_eq!(view["ready"]["status"], "False");
    assert_eq!(view["pendingCsrs"][0]["name"], "csr-client");
    assert_eq!(
        view["pendingCsrs"][0]["signerName"],
        "kubernetes.io/kube-apiserver-client-kubelet"
    );
    let age = view["leaseAgeSeconds"].as_i64().unwrap();
    assert!((299..=330).contains(&age), "{age}");
    let causes: Vec<(String, String)> = findings(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["cause"].as_str().unwrap().to_string(),
                f["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for want in [
        "cni-not-ready",
        "api-unreachable",
        "version-skew",
        "csr-pending",
    ] {
        assert!(
            causes.iter().any(|(c, s)| c == want && s == "host"),
            "{want} in {causes:?}"
        );
    }
}

/// The kubelet's kubeconfig as kubeadm writes it, its files named as host paths: the CA and
/// the client certificate absolute, the token file relative to the kubeconfig's directory.
fn kubelet_kubeconfig(server: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /etc/kubernetes/pki/ca.crt\n    server: {server}\n  name: default-cluster\ncontexts:\n- context:\n    cluster: default-cluster\n    namespace: default\n    user: default-auth\n  name: default-context\ncurrent-context: default-context\nusers:\n- name: default-auth\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n    tokenFile: ../../var/lib/kubelet/token\n"
    )
}

/// A node whose kubelet's kubeconfig points at `server`, trusting `ca_pem`, with `token`.
fn node_with_kubelet_kubeconfig(server: &str, ca_pem: &str, token: &str) -> Node {
    let node = Node::new(&running_show());
    for (rel, text) in [
        (
            "root/etc/kubernetes/kubelet.conf",
            kubelet_kubeconfig(server),
        ),
        ("root/etc/kubernetes/pki/ca.crt", ca_pem.to_string()),
        ("root/var/lib/kubelet/token", format!("{token}\n")),
    ] {
        std::fs::create_dir_all(node.path(rel).parent().unwrap()).unwrap();
        std::fs::write(node.path(rel), text).unwrap();
    }
    node
}

fn api_row(out: &Outcome) -> String {
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "api")
        .map(|c| c["result"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn without_a_kubeconfig_the_kubelets_own_asks_with_its_files_under_root() {
    use fake_apiserver::{Cluster, FakeApiServer, NodeFixture, ServerOptions};
    let srv = FakeApiServer::start_with(
        Cluster::new()
            .node(
                NodeFixture::new("node-a")
                    .ready()
                    .kubelet_version("v1.34.2"),
            )
            .lease_for_all_nodes(),
        ServerOptions::new().kube_version("v1.34.1"),
    );
    let node = node_with_kubelet_kubeconfig(srv.url(), srv.ca_pem(), srv.token());
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.code(1);
    let view: Value = serde_json::from_str(&node.read("out/api.json")).unwrap();
    assert_eq!(view["askedAs"], "kubelet");
    assert_eq!(view["kubeconfig"], "/etc/kubernetes/kubelet.conf");
    assert_eq!(view["found"], true);
    assert_eq!(view["serverVersion"], "v1.34.1");
    assert_eq!(view["ready"]["status"], "True");
    assert_eq!(view.get("error"), None);
    let row = api_row(&out);
    assert!(
        row.starts_with(
            "as the kubelet (/etc/kubernetes/kubelet.conf); server v1.34.1; Node node-a Ready=True KubeletReady; lease renewed "
        ),
        "{row}"
    );
    // The token came from the file named relative to /etc/kubernetes, read under --root.
    assert!(!srv.requests_to("/api/v1/nodes/node-a").is_empty());
    // Asked with the kubelet's credentials, nothing there is a finding: only the swap loop.
    let found = findings(&out);
    let causes: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cause"].as_str().unwrap())
        .collect();
    assert_eq!(causes, ["swap-enabled"]);
}

#[test]
fn the_kubelets_credentials_refused_is_api_unauthorized() {
    use fake_apiserver::{Cluster, FakeApiServer, NodeFixture};
    let srv = FakeApiServer::start(Cluster::new().node(NodeFixture::new("node-a").ready()));
    let node = node_with_kubelet_kubeconfig(srv.url(), srv.ca_pem(), "expired-token");
    let out = node.run(&["-o", "json"]);
    out.code(1);
    let found = findings(&out);
    let refused = found
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["cause"] == "api-unauthorized")
        .unwrap_or_else(|| panic!("{found:#}"));
    assert_eq!(refused["severity"], "error");
    assert_eq!(refused["source"], "host");
    let evidence = refused["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with(
            "the API server refused the kubelet's credentials (/etc/kubernetes/kubelet.conf): "
        ),
        "{evidence}"
    );
    assert!(!evidence.contains("expired-token"), "{evidence}");
}

#[test]
fn an_api_server_the_kubelets_kubeconfig_cannot_reach_is_api_unreachable_and_asked_once() {
    // A port nobody listens on: refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", closed.local_addr().unwrap());
    drop(closed);
    let node = node_with_kubelet_kubeconfig(&url, "", "t");
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.code(1);
    let found = findings(&out);
    let unreachable = found
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["cause"] == "api-unreachable")
        .unwrap_or_else(|| panic!("{found:#}"));
    assert_eq!(unreachable["severity"], "error");
    let evidence = unreachable["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with(
            "with the kubelet's kubeconfig (/etc/kubernetes/kubelet.conf), the API server did not answer from this node: "
        ),
        "{evidence}"
    );
    let view: Value = serde_json::from_str(&node.read("out/api.json")).unwrap();
    assert_eq!(view["errorKind"], "unreachable");
    // After /version found nobody there, nothing else was tried.
    assert_eq!(view.get("csrError"), None);
}

const TCP_10250: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:280A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0\n";

impl Node {
    fn write(&self, rel: &str, data: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }

    /// `root/proc/PID/fd/FD` as a link to `target` (a link is never followed by the scan).
    fn fd(&self, pid: u32, fd: u32, target: &str) {
        let dir = self.path(&format!("root/proc/{pid}/fd"));
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink(target, dir.join(fd.to_string())).unwrap();
    }

    fn check(out: &Outcome, name: &str) -> String {
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["result"].as_str())
            .unwrap_or_else(|| panic!("no {name} row: {}", out.stdout))
            .to_string()
    }
}

/// The findings of one cause: (severity, evidence, remedy).
fn of_cause(out: &Outcome, cause: &str) -> Vec<(String, String, String)> {
    findings(out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cause"] == cause)
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("severity"), s("evidence"), s("remedy"))
        })
        .collect()
}

#[test]
fn the_port_owner_is_found_through_proc_fd_links() {
    // The kubelet crash-loops (MainPID=0); k3s's agent holds 10250.
    let node = Node::new(&std::fs::read_to_string(node_fixture_show()).unwrap());
    node.write("root/proc/net/tcp", TCP_10250.as_bytes());
    node.write("root/proc/3117/comm", b"k3s-agent\n");
    node.write(
        "root/proc/3117/cmdline",
        b"/usr/local/bin/k3s\0agent\0--token\0s3cr3t-token\0",
    );
    node.write(
        "root/proc/3117/stat",
        b"3117 (k3s-agent) S 1 3117 3117 0 -1 4194560 0 0\n",
    );
    node.fd(3117, 0, "/dev/null");
    node.fd(3117, 7, "socket:[31337]");
    // Decoys: another socket, an fd that is a file, not a directory.
    node.fd(3200, 3, "socket:[4242]");
    node.write("root/proc/3300/fd", b"not a directory");
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.code(1).stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nbundle written to out\n",
    );
    assert_eq!(
        node.read("out/listeners.json"),
        "[{\"port\":10250,\"inode\":31337,\"pid\":3117,\"ppid\":1,\"comm\":\"k3s-agent\",\"command\":\"/usr/local/bin/k3s agent ...\"}]\n"
    );
    assert_eq!(
        of_cause(&out, "port-in-use"),
        [(
            "error".to_string(),
            "port 10250 is held by PID 3117 (/usr/local/bin/k3s agent ...), uid 0, socket inode 31337 (/proc/net/tcp, /proc/PID/fd)".to_string(),
            "stop PID 3117 (/usr/local/bin/k3s agent ...), which holds the kubelet's port 10250 (often a second kubelet: k3s next to kubeadm, a hand-started one), then restart the kubelet".to_string()
        )]
    );

    // The running kubelet (MainPID 4242) holds it: no conflict.
    let node = Node::new(&running_show());
    node.write("root/proc/net/tcp", TCP_10250.as_bytes());
    node.fd(4242, 9, "socket:[31337]");
    let out = node.run(&["--collect", "out", "-o", "json"]);
    assert_eq!(
        node.read("out/listeners.json"),
        "[{\"port\":10250,\"inode\":31337,\"pid\":4242,\"comm\":\"\",\"command\":\"/usr/bin/kubelet ...\"}]\n"
    );
    assert_eq!(
        Node::check(&out, "port"),
        "10250 held by the kubelet, PID 4242, socket inode 31337"
    );
    assert!(of_cause(&out, "port-in-use").is_empty(), "{}", out.stdout);

    // An fd directory that is a link is not followed: nobody found.
    let node = Node::new(&std::fs::read_to_string(node_fixture_show()).unwrap());
    node.write("root/proc/net/tcp", TCP_10250.as_bytes());
    std::fs::create_dir_all(node.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink("socket:[31337]", node.path("elsewhere/7")).unwrap();
    std::fs::create_dir_all(node.path("root/proc/3117")).unwrap();
    std::os::unix::fs::symlink(node.path("elsewhere"), node.path("root/proc/3117/fd")).unwrap();
    let out = node.run(&["--collect", "out", "-o", "json"]);
    assert_eq!(node.read("out/listeners.json"), "[]\n");
    assert_eq!(
        of_cause(&out, "port-in-use")[0].1,
        "port 10250 is listened on (uid 0, socket inode 31337, no process found holding it) (/proc/net/tcp)"
    );
}

/// The crash-looping unit of the swap fixture (MainPID=0).
fn node_fixture_show() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/status/swap-enabled/systemctl-show.txt")
}

/// A node whose kubelet 1.34.2 runs (the healthy fixture's journal) with a flag 1.35 removed,
/// from an old kubeadm-flags.env, and `kubelet` under root as `script`.
fn upgraded_node(script: Option<&str>) -> Node {
    let node = Node::new(&running_show());
    let healthy =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/status/healthy/journal.jsonl");
    std::fs::copy(healthy, node.path("journal.jsonl")).unwrap();
    node.write(
        "root/proc/4242/cmdline",
        b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--kubeconfig=/etc/kubernetes/kubelet.conf\0--pod-infra-container-image=registry.k8s.io/pause:3.9\0",
    );
    node.write(
        "root/var/lib/kubelet/kubeadm-flags.env",
        b"KUBELET_KUBEADM_ARGS=\"--pod-infra-container-image=registry.k8s.io/pause:3.9\"\n",
    );
    if let Some(script) = script {
        use std::os::unix::fs::PermissionsExt;
        let script = script.replace("$DIR", &node.dir.path().display().to_string());
        node.write("root/usr/bin/kubelet", script.as_bytes());
        std::fs::set_permissions(
            node.path("root/usr/bin/kubelet"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
    }
    node
}

#[test]
fn an_installed_kubelet_newer_than_the_running_one_refuses_the_flag_at_the_next_start() {
    // It is asked with --version only, an empty environment and no stdin.
    let node = upgraded_node(Some(
        "#!/bin/sh\necho \"$@\" > $DIR/kubelet.args\nif read line; then s=stdin; else s=eof; fi\necho \"FAKE=${FAKE:-unset} $s\" > $DIR/kubelet.env\necho Kubernetes v1.35.0\n",
    ));
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.code(1).stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nbundle written to out\n",
    );
    assert_eq!(node.read("kubelet.args"), "--version\n");
    assert_eq!(node.read("kubelet.env"), "FAKE=unset eof\n");
    assert_eq!(node.read("out/kubelet-version"), "Kubernetes v1.35.0\n");
    assert_eq!(
        Node::check(&out, "kubelet"),
        "installed v1.35.0 (kubelet --version); running v1.34.2 (journal); a restart will pick up the installed binary"
    );
    let refused = of_cause(&out, "unknown-flag");
    assert_eq!(refused.len(), 1, "{}", out.stdout);
    assert_eq!(refused[0].0, "error");
    assert_eq!(
        refused[0].1,
        "--pod-infra-container-image is on the command line; kubelet 1.35 and later refuse it; v1.35.0 is installed (kubelet --version) while v1.34.2 runs (journal): a restart will pick up the installed binary"
    );
    // Without the installed version, the running kubelet decides: a warning.
    std::fs::remove_file(node.path("out/kubelet-version")).unwrap();
    let offline = Run::new(None)
        .current_dir(node.dir.path())
        .args(["status", "--bundle", "out", "-o", "json"])
        .run();
    assert_eq!(
        Node::check(&offline, "kubelet"),
        "version v1.34.2 (journal)"
    );
    let warned = of_cause(&offline, "unknown-flag");
    assert_eq!(
        warned
            .iter()
            .map(|f| (f.0.as_str(), f.1.as_str()))
            .collect::<Vec<_>>(),
        [(
            "warning",
            "--pod-infra-container-image is on the command line; it was removed in kubelet 1.35: the kubelet will refuse to start after an upgrade"
        )]
    );
}

#[test]
fn a_kubelet_that_hangs_is_stopped_at_the_deadline_and_a_missing_one_is_unknown() {
    // It never answers, and starts a child of its own: both are stopped at 2 s.
    let node = upgraded_node(Some(
        "#!/bin/sh\n/bin/sleep 30 &\necho $! > $DIR/sleep.pid\nwait\n",
    ));
    let started = std::time::Instant::now();
    let out = node.run(&["-o", "json"]);
    let took = started.elapsed();
    out.code(1).stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nwarning: /usr/bin/kubelet --version: no answer within 2s; stopped\n",
    );
    assert!(
        took >= std::time::Duration::from_secs(2) && took < std::time::Duration::from_secs(15),
        "{took:?}"
    );
    assert_eq!(Node::check(&out, "kubelet"), "version v1.34.2 (journal)");
    let sleep: u32 = node.read("sleep.pid").trim().parse().unwrap();
    let alive = || {
        std::fs::read_to_string(format!("/proc/{sleep}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while alive() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        !alive(),
        "the kubelet's child {sleep} outlived the deadline"
    );

    // No binary at all: just unknown, no warning, no part.
    let node = upgraded_node(None);
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nbundle written to out\n",
    );
    assert!(!node.path("out/kubelet-version").exists());
    assert_eq!(Node::check(&out, "kubelet"), "version v1.34.2 (journal)");
    assert_eq!(of_cause(&out, "unknown-flag")[0].0, "warning");
}

#[test]
fn the_healthz_flags_win_over_the_config_file() {
    let node = Node::new(&running_show());
    // The config's healthzPort answers; the command line moves it to a port nobody serves.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    node.write(
        "root/proc/4242/cmdline",
        format!("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--healthz-port={port}\0")
            .as_bytes(),
    );
    node.run(&["--collect", "out", "-o", "json"]).code(1);
    let healthz: Value = serde_json::from_str(&node.read("out/healthz.json")).unwrap();
    assert_eq!(
        healthz["url"],
        format!("http://127.0.0.1:{port}/healthz").as_str()
    );
    assert_eq!(healthz["state"], "refused");
    // --healthz-port=0 turns it off, and says where that came from.
    let node = Node::new(&running_show());
    node.write(
        "root/proc/4242/cmdline",
        b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--healthz-port=0\0",
    );
    node.run(&["--collect", "out", "-o", "json"]).code(1);
    assert_eq!(
        node.read("out/healthz.json"),
        "{\"state\":\"disabled\",\"detail\":\"--healthz-port=0 on the kubelet's command line\"}\n"
    );
}

#[test]
fn the_healthz_ports_owner_is_found_too() {
    let node = Node::new(&running_show());
    // The config in Node::new moves healthz to a local listener's port: that one is weighed.
    let healthz_port: u16 = node.read("healthz.port").parse().unwrap();
    let row = |port: u16, inode: u32| {
        format!(
            "   0: 0100007F:{port:04X} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 {inode} 1 0000000000000000 100 0 0 10 0\n"
        )
    };
    let tcp = format!(
        "{}{}{}",
        TCP_10250,
        row(healthz_port, 31340),
        row(10248, 31341)
    );
    node.write("root/proc/net/tcp", tcp.as_bytes());
    node.fd(4242, 9, "socket:[31337]");
    node.fd(777, 3, "socket:[31340]");
    node.fd(778, 3, "socket:[31341]");
    node.write("root/proc/777/cmdline", b"/opt/squatter\0--listen\0x\0");
    let out = node.run(&["--collect", "out", "-o", "json"]);
    // 10248 is not the kubelet's healthz port here: its holder is not looked for.
    assert_eq!(
        node.read("out/listeners.json"),
        format!(
            "[{{\"port\":10250,\"inode\":31337,\"pid\":4242,\"comm\":\"\",\"command\":\"/usr/bin/kubelet ...\"}},{{\"port\":{healthz_port},\"inode\":31340,\"pid\":777,\"comm\":\"\",\"command\":\"/opt/squatter ...\"}}]\n"
        )
    );
    assert_eq!(
        of_cause(&out, "port-in-use")
            .into_iter()
            .map(|(severity, evidence, _)| (severity, evidence))
            .collect::<Vec<_>>(),
        [(
            "warning".to_string(),
            format!(
                "port {healthz_port} (healthz) is held by PID 777 (/opt/squatter ...), uid 0, socket inode 31340 (/proc/net/tcp, /proc/PID/fd)"
            )
        )]
    );
}

#[test]
fn a_journal_closed_to_the_user_is_unreadable_not_empty() {
    let node = Node::new(&running_show());
    // journalctl as a user outside systemd-journal: nothing on stdout, a hint on stderr.
    node.write(
        "bin/journalctl",
        b"#!/bin/sh\necho 'Hint: You are currently not seeing messages from other users and the system.' >&2\necho '      Users in groups '\"'\"'adm'\"'\"', '\"'\"'systemd-journal'\"'\"' can see all messages.' >&2\n",
    );
    let out = node.run(&["--collect", "out", "-o", "json"]);
    out.code(1).stderr_is(
        "warning: /etc/default/kubelet: holds a private key, not copied\nwarning: journalctl shows this user none of the kubelet's journal: run as root (or as a member of systemd-journal or adm)\nbundle written to out\n",
    );
    assert_eq!(
        Node::check(&out, "journal"),
        "unreadable journal.jsonl: journalctl shows this user none of the kubelet's journal: run as root (or as a member of systemd-journal or adm)"
    );
    // No empty journal.jsonl left to read as a quiet kubelet later.
    assert!(!node.path("out/journal.jsonl").exists());
}
