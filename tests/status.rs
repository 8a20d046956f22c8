//! `kubelet-doctor status --bundle` through the real binary: one bundle fixture per cause id
//! (tests/fixtures/status/, written by make.py from the upstream texts), the matching-order
//! traps and decoys, the verdicts and exit statuses, the text and JSON reports, and hostile
//! bundles (a 50 MB MESSAGE, lines that are not JSON, MESSAGE as bytes, a FIFO, symlinks out of
//! the bundle, no meta.json): exit 2 or a partial report, never a panic.

use std::path::{Path, PathBuf};

use crate::harness::{Outcome, Run};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/status")
}

/// `status --bundle NAME` run from the fixtures directory, so paths print as `NAME`.
fn status(bundle: &str, args: &[&str]) -> Outcome {
    Run::new(None)
        .current_dir(fixtures())
        .args(["status", "--bundle", bundle])
        .args(args)
        .run()
}

fn json(out: &Outcome) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout))
}

/// (cause, severity, fatal, confidence, count) of a finding.
type Row = (String, String, bool, String, u64);

/// Each finding's row, in order.
fn findings(doc: &Value) -> Vec<Row> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["cause"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["fatal"].as_bool().unwrap(),
                f["confidence"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn f(cause: &str, severity: &str, fatal: bool, confidence: &str, count: u64) -> Row {
    (
        cause.into(),
        severity.into(),
        fatal,
        confidence.into(),
        count,
    )
}

/// Every fixture: its verdict, exit status and findings, exactly.
#[test]
fn each_cause_id_from_its_bundle() {
    let cases: Vec<(&str, &str, i32, Vec<Row>)> = vec![
        (
            "swap-enabled",
            "failing",
            1,
            vec![f("swap-enabled", "error", true, "confirmed", 3)],
        ),
        (
            "unknown-flag",
            "failing",
            1,
            vec![f("unknown-flag", "error", true, "confirmed", 2)],
        ),
        (
            "k3s-unknown-flag",
            "failing",
            1,
            vec![f("unknown-flag", "error", true, "log-only", 2)],
        ),
        (
            "cgroup-v1",
            "failing",
            1,
            vec![f("cgroup-v1", "error", true, "confirmed", 2)],
        ),
        (
            "config-missing",
            "failing",
            1,
            vec![f("config-missing", "error", true, "log-only", 2)],
        ),
        (
            "config-invalid",
            "failing",
            1,
            vec![f("config-invalid", "error", true, "confirmed", 2)],
        ),
        (
            "config-dropin",
            "failing",
            1,
            vec![f("config-invalid", "error", true, "confirmed", 2)],
        ),
        (
            "runtime-socket-missing",
            "failing",
            1,
            vec![f("runtime-socket-missing", "error", true, "confirmed", 2)],
        ),
        (
            "runtime-cri-disabled",
            "failing",
            1,
            vec![f("runtime-cri-disabled", "error", true, "confirmed", 2)],
        ),
        (
            "runtime-unhealthy",
            "degraded",
            1,
            vec![f("runtime-unhealthy", "error", false, "log-only", 4)],
        ),
        (
            "cni-not-ready",
            "degraded",
            1,
            vec![f("cni-not-ready", "error", false, "log-only", 6)],
        ),
        (
            "clock-skew",
            "degraded",
            1,
            vec![f("clock-skew", "error", false, "confirmed", 3)],
        ),
        (
            "cert-expired",
            "failing",
            1,
            vec![f("cert-expired", "error", true, "confirmed", 2)],
        ),
        (
            "bootstrap-missing",
            "failing",
            1,
            vec![f("bootstrap-missing", "error", true, "log-only", 2)],
        ),
        (
            "api-unauthorized",
            "degraded",
            1,
            vec![
                f("api-unauthorized", "error", false, "log-only", 3),
                f("api-unauthorized", "error", false, "log-only", 1),
            ],
        ),
        (
            "api-unreachable",
            "degraded",
            1,
            vec![f("api-unreachable", "error", false, "log-only", 5)],
        ),
        (
            "register-rejected",
            "degraded",
            1,
            vec![f("register-rejected", "error", false, "log-only", 3)],
        ),
        (
            "node-not-found",
            "degraded",
            1,
            vec![f("node-not-found", "error", false, "log-only", 5)],
        ),
        (
            "port-in-use",
            "failing",
            1,
            vec![f("port-in-use", "error", true, "confirmed", 2)],
        ),
        (
            "resolv-conf",
            "degraded",
            1,
            vec![f("resolv-conf", "warning", false, "log-only", 2)],
        ),
        (
            "disk-pressure",
            "degraded",
            1,
            vec![f("disk-pressure", "warning", false, "log-only", 1)],
        ),
        (
            "cgroup-setup",
            "failing",
            1,
            vec![f("cgroup-setup", "error", true, "log-only", 2)],
        ),
        (
            "kernel-sysctl",
            "failing",
            1,
            vec![f("kernel-sysctl", "error", true, "log-only", 2)],
        ),
        (
            "cpu-manager-state",
            "failing",
            1,
            vec![f("cpu-manager-state", "error", true, "log-only", 2)],
        ),
        (
            "csr-pending",
            "degraded",
            1,
            vec![f("csr-pending", "warning", false, "log-only", 3)],
        ),
        (
            "cgroup-driver-mismatch",
            "degraded",
            1,
            vec![f("cgroup-driver-mismatch", "error", false, "confirmed", 1)],
        ),
        (
            "unknown",
            "failing",
            1,
            vec![f("unknown", "error", true, "log-only", 2)],
        ),
        (
            "unit-stopped",
            "failing",
            1,
            vec![f("unit-stopped", "error", true, "check-only", 1)],
        ),
        (
            "not-installed",
            "failing",
            1,
            vec![f("not-installed", "error", true, "check-only", 1)],
        ),
        (
            "version-skew",
            "degraded",
            1,
            vec![f("version-skew", "warning", false, "check-only", 1)],
        ),
        (
            "memory-pressure",
            "degraded",
            1,
            vec![f("memory-pressure", "warning", false, "check-only", 1)],
        ),
        (
            "pid-pressure",
            "degraded",
            1,
            vec![f("pid-pressure", "warning", false, "check-only", 1)],
        ),
        ("healthy", "healthy", 0, vec![]),
        ("recovered", "healthy", 0, vec![]),
        (
            "hostile",
            "failing",
            1,
            vec![f("swap-enabled", "error", true, "log-only", 1)],
        ),
        ("meta-only", "unknown", 2, vec![]),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (bundle, verdict, code, want) in cases {
        let out = status(bundle, &["-o", "json"]);
        out.code(code);
        assert_eq!(out.stderr, "", "{bundle}");
        let doc = json(&out);
        assert_eq!(doc["kind"], "StatusReport", "{bundle}");
        assert_eq!(doc["version"], 1, "{bundle}");
        assert_eq!(doc["verdict"], verdict, "{bundle}");
        assert_eq!(findings(&doc), want, "{bundle}");
        for finding in doc["findings"].as_array().unwrap() {
            seen.insert(finding["cause"].as_str().unwrap().to_string());
            assert!(!finding["remedy"].as_str().unwrap().is_empty());
            assert!(!finding["evidence"].as_str().unwrap().is_empty());
        }
    }
    // Every cause id of the taxonomy that a journal or bundle can show has a fixture.
    for id in kubelet_doctor::status::Cause::ALL.iter().map(|c| c.id()) {
        assert!(seen.contains(id), "no fixture shows {id}");
    }
}

#[test]
fn a_crash_loop_in_text_with_the_evidence_confirmed_by_the_host() {
    status("swap-enabled", &[]).code(1).stderr_is("").stdout_is(
        r#"Verdict: failing (1 fatal)

[1] swap-enabled: error, fatal, 3 runs in a row, 2025-06-03T10:12:23Z (journal, confirmed)
    E0603 10:12:23.182137    4202 run.go:72] "command failed" err="failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false"
    checked: systemd: kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 3 restarts)
    checked: swap is on: /swap.img (/proc/swaps)
    fix: swapoff -a and remove swap from /etc/fstab, or set failSwapOn: false (NodeSwap, cgroup v2 only)

CHECK     RESULT
bundle    swap-enabled: host node-a, collected 2025-06-03T10:15:00Z, by kubelet-doctor 0.1.0
unit      kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 3 restarts)
journal   27 lines, 3 runs; last run started 2025-06-03T10:12:22Z, exited (status 1); 2 failed runs before the last; restart counter 3
kubelet   version v1.34.2 (journal)
cmdline   4 flags from the unit's ExecStart, expanded
config    /var/lib/kubelet/config.yaml: 0 errors, 5 warnings (config lint)
flags     containerRuntimeEndpoint set on the command line
swap      on: /swap.img
forward   not in bundle (root/proc/sys/net/ipv4/ip_forward)
cgroup    v2
cert      not in bundle (the kubeconfig's client-certificate under root/)
port      not in bundle (root/proc/net/tcp)
runtime   not in bundle (root/etc/containerd/config.toml)
cri       not in bundle (cri.json)
api       not asked (no kubeconfig)
healthz   not in bundle (healthz.json)
"#,
    );
}

#[test]
fn a_removed_flag_is_found_in_the_expanded_exec_start_too() {
    // The kubelet died before logging its version; the installed binary said 1.35 when the
    // bundle was collected (kubelet-version): the flag is refused, not just deprecated.
    status("unknown-flag", &[]).code(1).stdout_is(
        r#"Verdict: failing (1 fatal)

[1] unknown-flag: error, fatal, 2 runs in a row, 2025-06-03T10:12:12Z (journal, confirmed)
    E0603 10:12:12.095028    5101 run.go:72] "command failed" err="failed to parse kubelet flag: unknown flag: --pod-infra-container-image"
    checked: systemd: kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 2 restarts)
    checked: --pod-infra-container-image is on the command line (from KUBELET_KUBEADM_ARGS in /var/lib/kubelet/kubeadm-flags.env); kubelet 1.35 and later refuse it
    fix: delete the flag from the file that adds it (kubeadm-flags.env, /etc/default/kubelet or a unit drop-in); move the setting to the config file if it has a field

CHECK     RESULT
bundle    unknown-flag: host node-a, collected 2025-06-03T10:15:00Z, by kubelet-doctor 0.1.0
unit      kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 2 restarts)
journal   14 lines, 2 runs; last run started 2025-06-03T10:12:11Z, exited (status 1); 1 failed run before the last; restart counter 2
kubelet   installed v1.35.0 (kubelet --version); running version unknown
cmdline   5 flags from the unit's ExecStart, expanded
config    /var/lib/kubelet/config.yaml: 0 errors, 5 warnings (config lint)
flags     containerRuntimeEndpoint set on the command line
swap      off (/proc/swaps)
forward   not in bundle (root/proc/sys/net/ipv4/ip_forward)
cgroup    v2
cert      not in bundle (the kubeconfig's client-certificate under root/)
port      not in bundle (root/proc/net/tcp)
runtime   not in bundle (root/etc/containerd/config.toml)
cri       not in bundle (cri.json)
api       not asked (no kubeconfig)
healthz   not in bundle (healthz.json)
"#,
    );
}

#[test]
fn config_lint_findings_carry_the_file_position() {
    let doc = json(status("config-invalid", &["-o", "json"]).code(1));
    assert_eq!(
        doc["findings"][0]["checked"],
        serde_json::json!([
            "/var/lib/kubelet/config.yaml:18:29: KL105 imageGCLowThresholdPercent 80 must be below imageGCHighThresholdPercent 50"
        ])
    );
    // The lenient-decoding line about the unknown field is not a finding of its own.
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn config_dir_dropins_are_linted_and_weighed() {
    let doc = json(status("config-dropin", &["-o", "json"]).code(1));
    assert_eq!(
        doc["findings"][0]["checked"],
        serde_json::json!([
            "/etc/kubernetes/kubelet/config.json.d/40-nodeadm.conf:5:29: KL105 imageGCLowThresholdPercent 80 must be below imageGCHighThresholdPercent 50"
        ])
    );
    // failSwapOn: false in the drop-in: the swap on this host is no finding.
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(
        doc["checks"][6]["result"],
        "1 drop-in, 1 error (config lint)"
    );
    assert_eq!(doc["checks"][7]["result"], "on: /swap.img");
}

#[test]
fn k3s_gives_the_kubelets_arguments_in_its_journal() {
    let doc = json(status("k3s-unknown-flag", &["-o", "json"]).code(1));
    assert_eq!(doc["checks"][4]["name"], "cmdline");
    assert_eq!(
        doc["checks"][4]["result"],
        "3 flags from the journal's `Running kubelet` line"
    );
    assert_eq!(
        doc["findings"][0]["evidence"],
        "time=\"2025-06-03T10:12:01Z\" level=fatal msg=\"kubelet exited: failed to parse kubelet flag: unknown flag: --node-status-update-cache-ttl\""
    );
}

#[test]
fn a_healthy_start_with_its_routine_alarms() {
    // Refused registrations before the API server came up, "not found" before registration,
    // CNI not ready until NodeReady, a probe's dial error, x509 in a warning: all routine.
    status("healthy", &[]).code(0).stderr_is("").stdout_is(
        "Verdict: healthy (no findings)

CHECK     RESULT
bundle    healthy: host node-a, collected 2025-06-03T10:15:00Z, by kubelet-doctor 0.1.0
unit      kubelet.service active/running
journal   18 lines, 1 run; current run since 2025-06-03T10:12:00Z
kubelet   version v1.34.2 (journal)
cmdline   4 flags from the running process (cmdline)
config    /var/lib/kubelet/config.yaml: 0 errors, 5 warnings (config lint)
flags     containerRuntimeEndpoint set on the command line
swap      off (/proc/swaps)
forward   not in bundle (root/proc/sys/net/ipv4/ip_forward)
cgroup    v2
cert      /var/lib/kubelet/pki/kubelet-client-current.pem: valid until 2026-05-01T12:00:00Z
port      not in bundle (root/proc/net/tcp)
runtime   not in bundle (root/etc/containerd/config.toml)
cri       not in bundle (cri.json)
api       not asked (no kubeconfig)
healthz   not in bundle (healthz.json)
",
    );
}

#[test]
fn a_failed_previous_run_is_history_when_the_current_one_runs() {
    let doc = json(status("recovered", &["-o", "json"]).code(0));
    assert_eq!(
        doc["checks"][2]["result"],
        "16 lines, 2 runs; current run since 2025-06-03T10:12:30Z; the previous run failed (swap-enabled); 1 failed run before the last; restart counter 1"
    );
}

#[test]
fn hostile_lines_are_skipped_and_escapes_never_reach_the_terminal() {
    let out = status("hostile", &[]);
    out.code(1).stderr_is("");
    // The byte-array MESSAGE with an OSC sequence and invalid UTF-8 is decoded and escaped.
    assert!(
        out.stdout.contains(
            "err=\"failed to run Kubelet: running with swap on is not supported \\e]0;owned\\x07\u{fffd}\u{fffd}\""
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\u{1b}'));
    assert!(
        out.stdout.contains("; 3 lines not JSON, skipped\n"),
        "{}",
        out.stdout
    );
    // JSON keeps the text, escaped.
    let raw = status("hostile", &["-o", "json"]);
    assert!(!raw.stdout.contains('\u{1b}'));
    assert!(
        json(&raw)["findings"][0]["evidence"]
            .as_str()
            .unwrap()
            .contains("\u{1b}]0;owned\u{7}")
    );
}

#[test]
fn without_meta_json_it_is_not_a_bundle() {
    status("no-meta", &[]).code(2).stdout_empty().stderr_is(
        "error: no-meta: not a status bundle: it has no meta.json (a bundle is a directory written by `kubelet-doctor status --collect DIR`, or made by hand as README \"status\" describes)\n",
    );
    status("does-not-exist", &[]).code(2).one_error_line();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("meta.json"), "[1, 2]").unwrap();
    let out = Run::new(None)
        .args(["status", "--bundle"])
        .args([dir.path().to_str().unwrap()])
        .run();
    out.code(2).stdout_empty().one_error_line();
    out.stderr_has("not a status bundle: meta.json is not the expected JSON object");
}

#[test]
fn quiet_prints_nothing_and_keeps_the_status() {
    status("swap-enabled", &["-q"])
        .code(1)
        .stdout_empty()
        .stderr_is("");
    status("healthy", &["-q"]).code(0).stdout_empty();
    status("swap-enabled", &["--exit-zero"]).code(0);
}

/// A bundle in a temp dir: meta.json plus `files`.
fn temp_bundle(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("meta.json"),
        br#"{"collectedAt":"2025-06-03T10:15:00Z","hostname":"h","toolVersion":"t"}"#,
    )
    .unwrap();
    for (name, data) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    dir
}

fn status_in(dir: &Path, args: &[&str]) -> Outcome {
    Run::new(None)
        .current_dir(dir)
        .args(["status", "--bundle", "."])
        .args(args)
        .run()
}

#[test]
fn a_50_mb_message_is_cut_and_still_classified() {
    let mut journal = Vec::new();
    journal.extend_from_slice(br#"{"__REALTIME_TIMESTAMP":"1748945521000000","_PID":"42","_SYSTEMD_INVOCATION_ID":"x","MESSAGE":"E0603 10:12:01.000000      42 run.go:72] \"command failed\" err=\"failed to run Kubelet: running with swap on is not supported "#);
    journal.extend(std::iter::repeat_n(b'A', 50 << 20));
    journal.extend_from_slice(b"\"}\n");
    let dir = temp_bundle(&[("journal.jsonl", &journal)]);
    let out = status_in(dir.path(), &["-o", "json"]);
    out.code(1).stderr_is("");
    let doc = json(&out);
    assert_eq!(
        findings(&doc),
        [f("swap-enabled", "error", true, "log-only", 1)]
    );
    // The evidence is cut (2 KiB and an ellipsis), never 50 MB on a terminal.
    let evidence = doc["findings"][0]["evidence"].as_str().unwrap();
    assert_eq!(evidence.len(), 2048 + '…'.len_utf8());
    assert_eq!(
        doc["checks"][2]["result"],
        "1 line, 1 run; last run started 2025-06-03T10:12:01Z, exited; 1 message cut at 64 KiB"
    );
}

#[test]
fn a_journal_alone_names_the_cause_and_garbage_alone_is_unknown() {
    let dir = temp_bundle(&[(
        "journal.jsonl",
        b"{\"MESSAGE\":\"E0603 10:12:13.123456    4242 run.go:74] \\\"command failed\\\" err=\\\"failed to parse kubelet flag: unknown flag: --cloud-config\\\"\"}\n",
    )]);
    let doc = json(status_in(dir.path(), &["-o", "json"]).code(1));
    assert_eq!(
        findings(&doc),
        [f("unknown-flag", "error", true, "log-only", 1)]
    );
    assert!(doc["findings"][0].get("time").is_none());

    let dir = temp_bundle(&[(
        "journal.jsonl",
        b"\x00\xff garbage\n{\"no\":\"message\"}\n[]\n",
    )]);
    let out = status_in(dir.path(), &["-o", "json"]);
    out.code(2).stderr_is("");
    let doc = json(&out);
    assert_eq!(doc["verdict"], "unknown");
    assert_eq!(
        doc["checks"][2]["result"],
        "3 lines, 0 runs; 2 lines not JSON, skipped"
    );
}

#[test]
fn parts_that_cannot_be_read_fail_alone() {
    // journal.jsonl a FIFO (would never end), cmdline a directory, a config symlinked out of
    // the bundle: each reported, the rest analysed, no hang.
    let dir = temp_bundle(&[
        ("systemctl-show.txt", b"Id=kubelet.service\nLoadState=loaded\nActiveState=active\nSubState=running\nExecStart={ path=/usr/bin/kubelet ; argv[]=/usr/bin/kubelet --config=/etc/k/config.yaml ; ignore_errors=no }\n"),
        ("secret.yaml", b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"),
    ]);
    crate::harness::mkfifo(&dir.path().join("journal.jsonl"));
    std::fs::create_dir_all(dir.path().join("root/etc/k")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.yaml"),
        dir.path().join("root/etc/k/config.yaml"),
    )
    .unwrap();
    let out = status_in(dir.path(), &["-o", "json"]);
    out.code(0).stderr_is("");
    let doc = json(&out);
    let checks: Vec<String> = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}: {}",
                c["name"].as_str().unwrap(),
                c["result"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        checks[1..],
        [
            "unit: kubelet.service active/running",
            "journal: unreadable journal.jsonl: not a regular file",
            "kubelet: version unknown",
            "cmdline: 1 flags from the unit's ExecStart, expanded",
            "config: unreadable: /etc/k/config.yaml leads outside the bundle",
            "swap: not in bundle (root/proc/swaps)",
            "forward: not in bundle (root/proc/sys/net/ipv4/ip_forward)",
            "cgroup: not in bundle (root/sys/fs/cgroup)",
            "cert: not in bundle (the kubeconfig's client-certificate under root/)",
            "port: not in bundle (root/proc/net/tcp)",
            "runtime: not in bundle (root/etc/containerd/config.toml)",
            "cri: not in bundle (cri.json)",
            "api: not asked (no kubeconfig)",
            "healthz: not in bundle (healthz.json)",
        ]
    );
}

#[test]
fn ip_forward_off_is_a_host_finding() {
    let off = temp_bundle(&[("root/proc/sys/net/ipv4/ip_forward", b"0\n")]);
    let out = status_in(off.path(), &["-o", "json"]);
    out.code(1);
    let doc = json(&out);
    assert_eq!(doc["verdict"], "degraded");
    let f = &doc["findings"][0];
    assert_eq!(f["cause"], "kernel-sysctl");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["source"], "host");
    assert_eq!(
        f["evidence"],
        "net.ipv4.ip_forward = 0 (/proc/sys/net/ipv4/ip_forward): the node does not forward pod traffic (kubeadm preflight requires 1)"
    );
    assert_eq!(
        f["remedy"],
        "set net.ipv4.ip_forward = 1 in /etc/sysctl.d/ (e.g. k8s.conf) and run sysctl --system"
    );
    // On: a row, no finding (and nothing else to judge by).
    let on = temp_bundle(&[("root/proc/sys/net/ipv4/ip_forward", b"1\n")]);
    let out = status_in(on.path(), &[]);
    out.code(2);
    out.stdout_has("Verdict: unknown (no findings)\n");
    out.stdout_has("\nforward   net.ipv4.ip_forward = 1\n");
}

#[test]
fn the_port_owner_is_named_and_the_fix_says_to_stop_it() {
    let doc = json(status("port-in-use", &["-o", "json"]).code(1));
    let finding = &doc["findings"][0];
    assert_eq!(finding["cause"], "port-in-use");
    assert_eq!(
        finding["checked"],
        serde_json::json!([
            "systemd: kubelet.service activating/auto-restart (Result=exit-code, exit status 1, 2 restarts)",
            "port 10250 is held by PID 3117 (/usr/local/bin/k3s agent ...), uid 0, socket inode 31337 (/proc/net/tcp, /proc/PID/fd)"
        ])
    );
    assert_eq!(
        finding["remedy"],
        "stop PID 3117 (/usr/local/bin/k3s agent ...), which holds the kubelet's port 10250 (often a second kubelet: k3s next to kubeadm, a hand-started one), then restart the kubelet"
    );
    let port = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "port")
        .unwrap();
    assert_eq!(
        port["result"],
        "10250 in use (PID 3117 (/usr/local/bin/k3s agent ...), uid 0, socket inode 31337)"
    );
}

const TCP_10250: &[u8] = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:280A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0\n";

/// Of a bundle's JSON report: the result of the check named `row`, and two fields of each
/// finding of `cause`.
fn row_and_findings(
    files: &[(&str, &[u8])],
    row: &str,
    cause: &str,
    [a, b]: [&str; 2],
) -> (String, Vec<(String, String)>) {
    let dir = temp_bundle(files);
    let doc = json(&status_in(dir.path(), &["-o", "json"]));
    let result = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == row)
        .map(|c| c["result"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {row} row: {doc}"));
    let found = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cause"] == cause)
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap().to_string();
            (field(a), field(b))
        })
        .collect();
    (result, found)
}

/// The port row and the port-in-use findings (evidence, remedy) of a bundle.
fn port_report(files: &[(&str, &[u8])]) -> (String, Vec<(String, String)>) {
    row_and_findings(files, "port", "port-in-use", ["evidence", "remedy"])
}

#[test]
fn a_port_held_by_the_kubelet_itself_is_no_conflict() {
    let running: &[u8] = b"Id=kubelet.service\nLoadState=loaded\nActiveState=active\nSubState=running\nMainPID=4242\n";
    let stopped: &[u8] =
        b"Id=kubelet.service\nLoadState=loaded\nActiveState=inactive\nSubState=dead\nResult=success\nMainPID=0\n";
    // The kubelet's main PID holds the socket: a row, no finding.
    let own = br#"[{"port":10250,"inode":31337,"pid":4242,"comm":"kubelet","command":"/usr/bin/kubelet ..."}]"#;
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", running),
            ("root/proc/net/tcp", TCP_10250),
            ("listeners.json", own),
        ]),
        (
            "10250 held by the kubelet, PID 4242, socket inode 31337".to_string(),
            vec![]
        )
    );
    // RKE2 starts the kubelet as a child of the unit's main process: the kubelet's too.
    let child = br#"[{"port":10250,"inode":31337,"pid":5000,"ppid":4242,"comm":"kubelet"}]"#;
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", running),
            ("root/proc/net/tcp", TCP_10250),
            ("listeners.json", child),
        ])
        .0,
        "10250 held by the kubelet, PID 5000, socket inode 31337"
    );
    // The unit stopped and another process holds it: named, and the fix says to stop it.
    let other = br#"[{"port":10250,"inode":31337,"pid":999,"comm":"kubelet","command":"\u001b]0;x\u0007/opt/kubelet"}]"#;
    let (row, found) = port_report(&[
        ("systemctl-show.txt", stopped),
        ("root/proc/net/tcp", TCP_10250),
        ("listeners.json", other),
    ]);
    assert_eq!(
        row,
        "10250 in use (PID 999 (\u{1b}]0;x\u{7}/opt/kubelet), uid 0, socket inode 31337)"
    );
    assert_eq!(
        found,
        [(
            "port 10250 is held by PID 999 (\u{1b}]0;x\u{7}/opt/kubelet), uid 0, socket inode 31337 (/proc/net/tcp, /proc/PID/fd)".to_string(),
            "stop PID 999 (\u{1b}]0;x\u{7}/opt/kubelet), which holds the kubelet's port 10250 (often a second kubelet: k3s next to kubeadm, a hand-started one), then restart the kubelet".to_string()
        )]
    );
    // ... and escaped in text, the fix too.
    let dir = temp_bundle(&[
        ("systemctl-show.txt", stopped),
        ("root/proc/net/tcp", TCP_10250),
        ("listeners.json", other),
    ]);
    let out = status_in(dir.path(), &[]);
    out.code(1);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    out.stdout_has("    fix: stop PID 999 (\\e]0;x\\x07/opt/kubelet), which holds");
    // Nobody found holding it (collected without root): said so.
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", stopped),
            ("root/proc/net/tcp", TCP_10250),
            ("listeners.json", b"[]\n"),
        ])
        .1[0]
            .0,
        "port 10250 is listened on (uid 0, socket inode 31337, no process found holding it) (/proc/net/tcp)"
    );
    // A bundle made by hand, without listeners.json: as before.
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", stopped),
            ("root/proc/net/tcp", TCP_10250)
        ]),
        (
            "10250 in use (uid 0, socket inode 31337)".to_string(),
            vec![(
                "port 10250 is listened on (uid 0, socket inode 31337) (/proc/net/tcp)".to_string(),
                "stop the other process on the kubelet's port (often a second kubelet: k3s next to kubeadm, a hand-started one)".to_string()
            )]
        )
    );
}

/// The "kubelet" row and the unknown-flag findings (severity, evidence) of a bundle.
fn version_report(files: &[(&str, &[u8])]) -> (String, Vec<(String, String)>) {
    row_and_findings(files, "kubelet", "unknown-flag", ["severity", "evidence"])
}

#[test]
fn the_installed_version_decides_whether_a_removed_flag_is_refused() {
    let cmdline: &[u8] =
        b"/usr/bin/kubelet\0--pod-infra-container-image=registry.k8s.io/pause:3.9\0";
    let journal: &[u8] = br#"{"_PID":"7","MESSAGE":"I0603 10:12:13.123456 7 server.go:530] \"Kubelet version\" kubeletVersion=\"v1.34.2\""}
"#;
    let base = [("cmdline", cmdline), ("journal.jsonl", journal)];
    let with = |version: &'static [u8]| {
        let mut files = base.to_vec();
        files.push(("kubelet-version", version));
        version_report(&files)
    };
    // Running 1.34 (accepts it), installed 1.35 (refuses it): refused at the next start.
    assert_eq!(
        with(b"Kubernetes v1.35.0\n"),
        (
            "installed v1.35.0 (kubelet --version); running v1.34.2 (journal); a restart will pick up the installed binary".to_string(),
            vec![(
                "error".to_string(),
                "--pod-infra-container-image is on the command line; kubelet 1.35 and later refuse it; v1.35.0 is installed (kubelet --version) while v1.34.2 runs (journal): a restart will pick up the installed binary".to_string()
            )]
        )
    );
    // Without the installed version: the running one decides, a warning.
    assert_eq!(
        version_report(&base),
        (
            "version v1.34.2 (journal)".to_string(),
            vec![(
                "warning".to_string(),
                "--pod-infra-container-image is on the command line; it was removed in kubelet 1.35: the kubelet will refuse to start after an upgrade".to_string()
            )]
        )
    );
    // The same version installed and running: no difference to mention.
    assert_eq!(
        with(b"Kubernetes v1.34.2\n").0,
        "installed v1.34.2 (kubelet --version); running v1.34.2 (journal)"
    );
    // k3s answers for its embedded kubelet.
    assert_eq!(
        with(b"k3s version v1.35.1+k3s1 (6da20424)\ngo version go1.24.4\n").0,
        "installed v1.35.1+k3s1 (k3s --version); running v1.34.2 (journal); a restart will pick up the installed binary"
    );
    // An answer without a version: unknown, and the running version decides.
    let (row, found) = with(b"\x1b[31mflag provided but not defined\n");
    assert_eq!(
        row,
        "installed version unknown (no version in kubelet-version); running v1.34.2 (journal)"
    );
    assert_eq!(found[0].0, "warning");
}

/// The unit of a running kubelet (from the `healthy` fixture).
fn running_unit() -> Vec<u8> {
    std::fs::read(fixtures().join("healthy/systemctl-show.txt")).unwrap()
}

#[test]
fn flags_win_over_the_config_files_and_the_checks_weigh_the_effective_values() {
    let swap_on = b"Filename\tType\tSize\tUsed\tPriority\n/swap.img file 2097148 0 -2\n";
    let config: &[u8] = b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfailSwapOn: true\ncgroupDriver: systemd\nmaxPods: 110\nstaticPodURL: https://u:s3cr3t@h/x\n";
    let unit = running_unit();
    let run = |argv: &[u8]| {
        let dir = temp_bundle(&[
            ("systemctl-show.txt", &unit),
            ("cmdline", argv),
            ("root/var/lib/kubelet/config.yaml", config),
            ("root/proc/swaps", swap_on),
        ]);
        let out = status_in(dir.path(), &["-o", "json"]);
        let doc = json(&out);
        let row = doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "flags")
            .map(|c| c["result"].as_str().unwrap().to_string());
        let swap = findings(&doc).into_iter().any(|f| f.0 == "swap-enabled");
        (row, swap, out)
    };
    // --fail-swap-on=false on the command line: swap on is allowed, whatever the file says;
    // the same value as the file is no override; a secret's value is never shown.
    let (row, swap, out) = run(b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--fail-swap-on=false\0--max-pods=110\0--manifest-url=https://u:0ther@h/y\0");
    assert_eq!(
        row.as_deref(),
        Some(
            "failSwapOn, maxPods, staticPodURL set on the command line; --fail-swap-on=false wins over the config's failSwapOn: true"
        )
    );
    assert!(!swap, "{}", out.stdout);
    assert!(!out.stdout.contains("s3cr3t") && !out.stdout.contains("0ther"));
    // Without the flag the file's failSwapOn: true stands, and swap on is a finding.
    let (row, swap, _) = run(b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0");
    assert_eq!(row, None);
    assert!(swap);
    // A boolean flag alone is true.
    let (row, swap, _) = run(b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--fail-swap-on\0--cgroup-driver\0cgroupfs\0");
    assert_eq!(
        row.as_deref(),
        Some(
            "failSwapOn, cgroupDriver set on the command line; --cgroup-driver=cgroupfs wins over the config's cgroupDriver: systemd"
        )
    );
    assert!(swap);
}

#[test]
fn the_healthz_port_and_a_configured_port_are_weighed_too() {
    let running: &[u8] = b"Id=kubelet.service\nLoadState=loaded\nActiveState=active\nSubState=running\nMainPID=4242\n";
    let stopped: &[u8] =
        b"Id=kubelet.service\nLoadState=loaded\nActiveState=inactive\nSubState=dead\nResult=success\nMainPID=0\n";
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    let row = |n: u32, port: u16, inode: u32| {
        format!(
            "   {n}: 00000000:{port:04X} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 {inode} 1 0000000000000000 100 0 0 10 0\n"
        )
    };
    // The running kubelet holds 10250; node-exporter-like squatter holds 10248.
    let tcp = format!("{header}{}{}", row(0, 10250, 31337), row(1, 10248, 31338));
    let owners = br#"[{"port":10250,"inode":31337,"pid":4242,"comm":"kubelet","command":"/usr/bin/kubelet ..."},{"port":10248,"inode":31338,"pid":777,"comm":"squatter","command":"/opt/squatter"}]"#;
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", running),
            ("root/proc/net/tcp", tcp.as_bytes()),
            ("listeners.json", owners),
        ]),
        (
            "10250 held by the kubelet, PID 4242, socket inode 31337; 10248 (healthz) in use (PID 777 (/opt/squatter), uid 0, socket inode 31338)".to_string(),
            vec![(
                "port 10248 (healthz) is held by PID 777 (/opt/squatter), uid 0, socket inode 31338 (/proc/net/tcp, /proc/PID/fd)".to_string(),
                "stop PID 777 (/opt/squatter), which holds the kubelet's healthz port 10248, or move the kubelet's healthz (healthzPort); until then its healthz server cannot start".to_string()
            )]
        )
    );
    // healthzPort: 0 turns healthz off: 10248 is nobody's business then.
    let config: &[u8] = b"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nhealthzPort: 0\nport: 11250\n";
    let cmdline: &[u8] = b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0";
    let tcp = format!("{header}{}{}", row(0, 10250, 31337), row(1, 10248, 31338));
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", stopped),
            ("cmdline", cmdline),
            ("root/var/lib/kubelet/config.yaml", config),
            ("root/proc/net/tcp", tcp.as_bytes()),
        ]),
        ("11250 free (/proc/net/tcp)".to_string(), vec![])
    );
    // The configured port (11250, here from the flag over the file) is the one weighed.
    let cmdline: &[u8] = b"/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--port=11251\0";
    let tcp = format!("{header}{}", row(0, 11251, 4000));
    assert_eq!(
        port_report(&[
            ("systemctl-show.txt", stopped),
            ("cmdline", cmdline),
            ("root/var/lib/kubelet/config.yaml", config),
            ("root/proc/net/tcp", tcp.as_bytes()),
        ]),
        (
            "11251 in use (uid 0, socket inode 4000)".to_string(),
            vec![(
                "port 11251 is listened on (uid 0, socket inode 4000) (/proc/net/tcp)".to_string(),
                "stop the other process on the kubelet's port (often a second kubelet: k3s next to kubeadm, a hand-started one)".to_string()
            )]
        )
    );
}

#[test]
fn a_kubeconfig_without_a_client_certificate_file_says_so() {
    let unit = running_unit();
    let cmdline: &[u8] = b"/usr/bin/kubelet\0--kubeconfig=/etc/kubernetes/kubelet.conf\0";
    let reduced: &[u8] = b"# kubeconfig reduced by kubelet-doctor status --collect: server and certificate paths only\nserver: https://10.0.0.1:6443\n";
    let (row, _) = row_and_findings(
        &[
            ("systemctl-show.txt", &unit),
            ("cmdline", cmdline),
            ("root/etc/kubernetes/kubelet.conf", reduced),
        ],
        "cert",
        "cert-expired",
        ["evidence", "remedy"],
    );
    assert_eq!(
        row,
        "the kubeconfig names no client-certificate file (a token, exec credentials or embedded data)"
    );
    // No kubeconfig in the bundle at all: not in the bundle, as before.
    let (row, _) = row_and_findings(
        &[("systemctl-show.txt", &unit), ("cmdline", cmdline)],
        "cert",
        "cert-expired",
        ["evidence", "remedy"],
    );
    assert_eq!(
        row,
        "not in bundle (the kubeconfig's client-certificate under root/)"
    );
}
