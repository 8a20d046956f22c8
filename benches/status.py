#!/usr/bin/env python3
"""Benchmark `kubelet-doctor status --bundle` on a 1 GB journal.jsonl (issue 11's target:
under 3 s and under 64 MiB) and print a Markdown report.

    python3 benches/status.py                 # 1 GiB, 3 runs
    python3 benches/status.py --gib 0.25 --runs 5 --no-build

The journal is what `journalctl -u kubelet -o json` writes for a busy node over a long time:
lines of about 1.3 KB (journald's fields around a klog MESSAGE), mostly routine info lines, a
share of errors (CNI not ready, probe failures, refused registrations), a run restarted every
50,000 lines with systemd's lines around it, one MESSAGE in 2,000 a byte array, and the last
run dying on swap. Only the last two runs matter, so the whole file must stream: the peak RSS
is the figure to watch. The file is written once to a temp dir (or --keep DIR) and removed.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

BASE = 1748945520


def fields(us, inv, pid, message):
    return {
        "__CURSOR": f"s=9c3e0d1f2a3b4c5d6e7f8091a2b3c4d5;i={us:x};b=5f1c2d3e4a5b6c7d8e9fa0b1c2d3e4f5;m={us:x};t={us:x};x=1a2b3c4d5e6f7081",
        "__REALTIME_TIMESTAMP": str(us),
        "__MONOTONIC_TIMESTAMP": str(us - BASE * 1000000 + 9000000000),
        "_BOOT_ID": "5f1c2d3e4a5b6c7d8e9fa0b1c2d3e4f5",
        "PRIORITY": "6",
        "SYSLOG_FACILITY": "3",
        "SYSLOG_IDENTIFIER": "kubelet",
        "_PID": str(pid),
        "_UID": "0",
        "_GID": "0",
        "_COMM": "kubelet",
        "_EXE": "/usr/bin/kubelet",
        "_CMDLINE": "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock",
        "_CAP_EFFECTIVE": "1ffffffffff",
        "_SELINUX_CONTEXT": "unconfined\n",
        "_SYSTEMD_CGROUP": "/system.slice/kubelet.service",
        "_SYSTEMD_UNIT": "kubelet.service",
        "_SYSTEMD_SLICE": "system.slice",
        "_SYSTEMD_INVOCATION_ID": inv,
        "_TRANSPORT": "stdout",
        "_STREAM_ID": "1f2e3d4c5b6a79880716253443526170",
        "_HOSTNAME": "node-a",
        "_MACHINE_ID": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "MESSAGE": message,
    }


ROUTINE = [
    'I0603 10:12:13.123456    {pid} kubelet.go:2459] "SyncLoop (PLEG): event for pod" pod="shop/web-{n}" event={{"ID":"3c9d","Type":"ContainerStarted","Data":"0a1b2c"}}',
    'I0603 10:12:13.123456    {pid} prober.go:107] "Probe failed" probeType="Readiness" pod="shop/web-{n}" podUID="3c9d" containerName="web" probeResult="failure" output="Get \\"http://10.1.0.5:8080/ready\\": dial tcp 10.1.0.5:8080: connect: connection refused"',
    'I0603 10:12:13.123456    {pid} reconciler_common.go:245] "operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access-{n}\\" (UniqueName: \\"kubernetes.io/projected/3c9d-kube-api-access\\") pod \\"web-{n}\\" (UID: \\"3c9d\\") " pod="shop/web-{n}"',
    'E0603 10:12:13.123456    {pid} kubelet.go:3002] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
    'E0603 10:12:13.123456    {pid} pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with CrashLoopBackOff: \\"back-off 5m0s restarting failed container=app pod=app-{n}\\"" pod="shop/app-{n}"',
]


def write_journal(path, target_bytes):
    written = 0
    us = BASE * 1000000
    run = 0
    line_no = 0
    with open(path, "w") as out:
        while written < target_bytes:
            inv = f"{run:08x}" + "c0ffee00" * 3
            pid = 4000 + run
            for i in range(50000):
                us += 1000
                line_no += 1
                message = ROUTINE[line_no % len(ROUTINE)].format(pid=pid, n=line_no % 97)
                entry = fields(us, inv, pid, message)
                if line_no % 2000 == 0:
                    entry["MESSAGE"] = list(message.encode())
                line = json.dumps(entry, separators=(",", ":")) + "\n"
                out.write(line)
                written += len(line)
                if written >= target_bytes:
                    break
            run += 1
        inv = "ffffffff" + "c0ffee00" * 3
        fatal = 'E0603 10:12:13.123456    9999 run.go:72] "command failed" err="failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false"'
        out.write(json.dumps(fields(us + 1000, inv, 9999, fatal), separators=(",", ":")) + "\n")
    return os.path.getsize(path), line_no + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gib", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--keep", help="write the bundle here and keep it (an existing one is reused)")
    args = ap.parse_args()
    binary, _ = benchlib.binaries(args.no_build)
    tmp = args.keep or tempfile.mkdtemp(prefix="kd-status-bench-")
    try:
        os.makedirs(tmp, exist_ok=True)
        with open(os.path.join(tmp, "meta.json"), "w") as f:
            json.dump({"collectedAt": "2025-06-03T10:15:00Z", "hostname": "node-a", "toolVersion": "bench"}, f)
        journal = os.path.join(tmp, "journal.jsonl")
        if args.keep and os.path.exists(journal):
            with open(journal, "rb") as f:
                size, lines = os.path.getsize(journal), sum(1 for _ in f)
        else:
            size, lines = write_journal(journal, int(args.gib * (1 << 30)))
        walls, cpus, rsss = [], [], []
        for _ in range(args.runs):
            wall, cpu, rss, code, err = benchlib.measure([binary, "status", "--bundle", tmp], dict(os.environ))
            if code != 1:
                sys.exit(f"unexpected exit {code}: {err}")
            walls.append(wall)
            cpus.append(cpu)
            rsss.append(rss)
        print(f"### status --bundle, {size / (1 << 20):.0f} MiB journal.jsonl ({lines:,} lines)\n")
        print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}\n")
        print("| runs | median wall | best wall | median CPU | peak RSS |")
        print("|---|---|---|---|---|")
        print(f"| {args.runs} | {statistics.median(walls):.2f} s | {min(walls):.2f} s | {statistics.median(cpus):.2f} s | {max(rsss):.1f} MiB |")
        print(f"\nTarget: < 3 s and < 64 MiB. Throughput {size / (1 << 20) / statistics.median(walls):.0f} MiB/s.")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
