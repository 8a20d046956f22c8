#!/usr/bin/env python3
"""Benchmark the live `kubelet-doctor status` on a healthy node (issue 11's target: under
300 ms wall) and print a Markdown report.

    python3 benches/status_live.py                      # 20 runs, a 20,000-line journal
    python3 benches/status_live.py --lines 50000 --runs 10 --no-build

This machine has no kubelet and no systemd journal, so the node is built from parts that
answer like a real one, and every part of the live run is exercised:
- `systemctl` and `journalctl` are shell scripts first on PATH: `systemctl show` prints a
  running kubelet.service (kubeadm's unit, MainPID 4242), `journalctl` prints a healthy run of
  LINES journal entries in `-o json` (a start, registration, then routine info lines), as the
  real one would for `-u kubelet -o json -n 50000`;
- the host is a temporary `--root`: the kubelet's argv under `proc/4242/cmdline`, its config
  (`healthzPort` pointing at a local listener that answers `ok`), unit files, kubeadm's flags
  file, `/proc/swaps` without swap, cgroup v2, ip_forward on, containerd's config;
- the container runtime is the fake CRI server (`fake-apiserver --cri-socket`) on
  `root/run/containerd/containerd.sock`, answering `Version` and `Status` (ready) over gRPC;
- the API server is the fake API server, asked with the kubelet's own kubeconfig
  (`root/etc/kubernetes/kubelet.conf`, no `--kubeconfig` given): `/version`, the Node, its
  Lease and the CSR list, over TLS.

The run must end `healthy` (exit 0); the script stops otherwise and prints what was found.
What a real node adds is journalctl's own time to read its journal files, which a shell
`cat` does not show: on a node, `time journalctl -u kubelet -o json -n 50000 >/dev/null`
gives that part.
"""
import argparse
import http.server
import json
import os
import shutil
import socketserver
import statistics
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import status  # noqa: E402  (the journal entry shape)

SYSTEMCTL = """#!/bin/sh
case "$2" in
  kubelet.service) cat "$FAKE/show.txt" ;;
  *) printf 'Id=%s\\nLoadState=not-found\\nActiveState=inactive\\nSubState=dead\\n' "$2" ;;
esac
"""

JOURNALCTL = """#!/bin/sh
cat "$FAKE/journal.jsonl"
"""

ROUTINE = [
    'I1203 10:12:13.123456    4242 kubelet.go:2459] "SyncLoop (PLEG): event for pod" pod="shop/web-{n}" event={{"ID":"3c9d","Type":"ContainerStarted","Data":"0a1b2c"}}',
    'I1203 10:12:13.123456    4242 reconciler_common.go:245] "operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access-{n}\\"" pod="shop/web-{n}"',
    'I1203 10:12:13.123456    4242 kuberuntime_manager.go:1050] "Creating PodSandbox for pod" pod="shop/web-{n}"',
    'I1203 10:12:13.123456    4242 prober.go:107] "Probe failed" probeType="Readiness" pod="shop/web-{n}" podUID="3c9d" containerName="web" probeResult="failure" output="HTTP probe failed with statuscode: 503"',
]


def healthy_journal(path, lines, node):
    """One kubelet run, started an hour ago: systemd's start, the kubelet's landmarks, then
    routine lines."""
    import time
    us = int((time.time() - 3600) * 1_000_000)
    inv = "7f3e2d1c" + "c0ffee00" * 3
    start = [
        "Started kubelet.service - kubelet: The Kubernetes Node Agent.",
        'I1203 10:12:13.100000    4242 server.go:484] "Kubelet version" kubeletVersion="v1.33.1"',
        f'I1203 10:12:14.100000    4242 kubelet_node_status.go:78] "Successfully registered node" node="{node}"',
        f'I1203 10:12:20.100000    4242 kubelet_node_status.go:512] "Fast updating node status as it just became ready" node="{node}"',
    ]
    with open(path, "w") as out:
        for i in range(lines):
            us += 1000
            message = start[i] if i < len(start) else ROUTINE[i % len(ROUTINE)].format(n=i % 97)
            entry = status.fields(us, inv, 4242, message)
            entry["_HOSTNAME"] = node
            if i == 0:
                entry.update({"_PID": "1", "_COMM": "systemd", "SYSLOG_IDENTIFIER": "systemd",
                              "UNIT": "kubelet.service", "INVOCATION_ID": inv})
                del entry["_SYSTEMD_INVOCATION_ID"]
            out.write(json.dumps(entry, separators=(",", ":")) + "\n")
    return os.path.getsize(path)


def serve_healthz():
    class Ok(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Ok)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w" if isinstance(text, str) else "wb") as f:
        f.write(text)
    if mode:
        os.chmod(path, mode)


def build_node(tmp, server, lines):
    root = os.path.join(tmp, "root")
    node = "node-00001"
    sock = os.path.join(root, "run/containerd/containerd.sock")
    os.makedirs(os.path.dirname(sock))
    admin = os.path.join(tmp, "admin.conf")
    proc = benchlib.start_server(server, [
        "--nodes", "1", "--pods", "0", "--stuck-fraction", "0", "--hang-fraction", "0",
        "--failing-fraction", "0", "--unreachable-fraction", "0", "--sick-fraction", "0",
        "--cri-socket", sock], admin)
    # The kubelet's own kubeconfig: the fake's (CA data inline, a bearer token).
    shutil.copy(admin, os.path.join(tmp, "kubelet.conf"))
    write(os.path.join(root, "etc/kubernetes/kubelet.conf"), open(admin).read())
    port = serve_healthz()
    fixture = os.path.join(benchlib.ROOT, "tests/fixtures/status/swap-enabled/systemctl-show.txt")
    show = (open(fixture).read()
            .replace("ActiveState=activating", "ActiveState=active")
            .replace("SubState=auto-restart", "SubState=running")
            .replace("MainPID=0", "MainPID=4242")
            .replace("NRestarts=3", "NRestarts=0")
            .replace("Result=exit-code", "Result=success")
            .replace("ExecMainCode=1", "ExecMainCode=0")
            .replace("ExecMainStatus=1", "ExecMainStatus=0"))
    write(os.path.join(tmp, "show.txt"), show)
    write(os.path.join(tmp, "bin/systemctl"), SYSTEMCTL, 0o755)
    write(os.path.join(tmp, "bin/journalctl"), JOURNALCTL, 0o755)
    size = healthy_journal(os.path.join(tmp, "journal.jsonl"), lines, node)
    argv = ["/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
            "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
            "--container-runtime-endpoint=unix:///run/containerd/containerd.sock"]
    files = {
        "proc/4242/cmdline": "\0".join(argv) + "\0",
        "proc/sys/kernel/hostname": node + "\n",
        "proc/sys/net/ipv4/ip_forward": "1\n",
        "proc/swaps": "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n",
        "sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory hugetlb pids rdma misc\n",
        "etc/containerd/config.toml": "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n",
        "var/lib/kubelet/config.yaml": (
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
            "cgroupDriver: systemd\nhealthzBindAddress: 127.0.0.1\n"
            f"healthzPort: {port}\nrotateCertificates: true\nserverTLSBootstrap: true\n"
            "authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\n"
            "authorization:\n  mode: Webhook\nreadOnlyPort: 0\nprotectKernelDefaults: true\n"
            "tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n"),
        "var/lib/kubelet/kubeadm-flags.env": "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock\"\n",
        "usr/lib/systemd/system/kubelet.service": "[Service]\nExecStart=/usr/bin/kubelet\nRestart=always\n",
        "usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": (
            "[Service]\nEnvironment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"\n"
            "Environment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"\n"),
    }
    for rel, text in files.items():
        write(os.path.join(root, rel), text)
    return proc, size


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=20000, help="journal entries journalctl prints")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    binary, server = benchlib.binaries(args.no_build)
    tmp = tempfile.mkdtemp(prefix="kd-status-live-")
    proc = None
    try:
        proc, size = build_node(tmp, server, args.lines)
        env = {"PATH": os.path.join(tmp, "bin") + ":/usr/bin:/bin", "FAKE": tmp, "HOME": tmp}
        argv = [binary, "status", "--root", os.path.join(tmp, "root")]
        walls, cpus, rsss = [], [], []
        for i in range(args.runs + 1):
            wall, cpu, rss, code, err = benchlib.measure(argv, env)
            if code != 0:
                import subprocess
                report = subprocess.run(argv, env=env, capture_output=True, text=True)
                sys.exit(f"not healthy (exit {code}): {err}\n{report.stdout}")
            if i == 0:
                continue  # the first run warms the page cache
            walls.append(wall)
            cpus.append(cpu)
            rsss.append(rss)
        print(f"### live status on a healthy node, journal of {args.lines:,} entries ({size / (1 << 20):.1f} MiB)\n")
        print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}\n")
        print("| runs | median wall | best wall | worst wall | median CPU | peak RSS |")
        print("|---|---|---|---|---|---|")
        print(f"| {args.runs} | {statistics.median(walls) * 1000:.0f} ms | {min(walls) * 1000:.0f} ms | "
              f"{max(walls) * 1000:.0f} ms | {statistics.median(cpus) * 1000:.0f} ms | {max(rsss):.1f} MiB |")
        print("\nTarget: < 300 ms wall (verdict healthy, exit 0).")
    finally:
        if proc:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
