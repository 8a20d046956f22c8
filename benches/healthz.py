#!/usr/bin/env python3
"""Benchmark `kubelet-doctor healthz`, remote and local, and print Markdown tables of medians
(wall time, CPU time, peak RSS).

    python3 benches/healthz.py                    # 5,000 nodes, 5% hung, 2 s timeout, 3 runs
    python3 benches/healthz.py --nodes 500 --runs 1

Remote: `healthz --all-nodes --timeout 2s` against the standalone fake API server, where a
fraction of kubelets never answer through the node proxy (plus 1% failing, 1% unreachable).
Target: under 15 s wall with memory bounded.

Local: `healthz --url` against a stand-in healthz endpoint on loopback (a tiny HTTP server in
this script answering `ok` like the kubelet). Target: under 10 ms end to end, process start
included.

Each command runs as a child process; its CPU time and peak RSS come from wait4(), so the
figures are the command's own, not the server's. Output goes to /dev/null.
"""
import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from benchlib import ROOT, build, measure, start_server


class Healthz(http.server.BaseHTTPRequestHandler):
    """The kubelet's healthz, verbose listing included."""
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"[+]ping ok\n[+]log ok\n[+]syncloop ok\nhealthz check passed\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def table(title, cases, runs, env, unit="s"):
    scale = 1000.0 if unit == "ms" else 1.0
    print(f"\n{title}\n")
    print(f"| command | wall ({unit}) | CPU user+sys ({unit}) | peak RSS (MiB) | exit |")
    print("|---|---:|---:|---:|---:|")
    for name, argv, want in cases:
        walls, cpus, rss, codes = [], [], [], set()
        for _ in range(runs):
            wall, cpu, maxrss, code, err = measure(argv, env)
            if code != want:
                sys.exit(f"{name} exited {code}, want {want}: {err}")
            walls.append(wall)
            cpus.append(cpu)
            rss.append(maxrss)
            codes.add(code)
        print(f"| `{name}` | {statistics.median(walls) * scale:.3f} | {statistics.median(cpus) * scale:.3f} "
              f"| {max(rss):.1f} | {','.join(map(str, sorted(codes)))} |")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--hang-fraction", type=float, default=0.05)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--local-runs", type=int, default=50)
    a = p.parse_args()

    doctor, server = build()
    tmp = tempfile.mkdtemp(prefix="kd-bench-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["KUBECONFIG"] = kubeconfig
    env["HOME"] = tmp

    local = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthz)
    threading.Thread(target=local.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{local.server_address[1]}/healthz"
    local_cases = [("kubelet-doctor healthz --url (healthy)", [doctor, "healthz", "--url", url], 0)]
    measure(local_cases[0][1], env)
    table(f"local probe, median of {a.local_runs} runs", local_cases, a.local_runs, env, unit="ms")
    local.shutdown()

    srv = start_server(server, ["--nodes", str(a.nodes), "--images-per-node", "50", "--pods", "0",
                                "--hang-fraction", str(a.hang_fraction)], kubeconfig)
    try:
        hung = int(a.nodes * a.hang_fraction)
        remote = []
        for parallel in (64, 128):
            remote.append((f"kubelet-doctor healthz --all-nodes --timeout 2s --parallel {parallel}",
                           [doctor, "healthz", "--all-nodes", "--timeout", "2s", "--parallel", str(parallel)], 1))
        table(f"{a.nodes} nodes, about {hung} hung kubelets, median of {a.runs} runs", remote, a.runs, env)
    finally:
        srv.kill()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
