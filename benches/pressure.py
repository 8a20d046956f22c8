#!/usr/bin/env python3
"""Benchmark `kubelet-doctor pressure` and print a Markdown table of medians (wall time, CPU
time, peak RSS), next to the server's own cost of answering the same requests.

    python3 benches/pressure.py                   # 5,000 nodes, 110 pods a summary, 3 runs
    python3 benches/pressure.py --nodes 500 --runs 1

Against the standalone fake API server: every node's kubelet answers /configz and a synthetic
/stats/summary listing 110 pods (about 150 KB, generated per request), with memory and disk
headroom spread by node name so that some nodes are near a threshold (their pods are then
listed for the eviction order). Target (issue 13): under 20 s wall at --parallel 64 and under
128 MiB peak RSS.

The "fetch only" row is the floor: the same 2 x 5,000 node-proxy GETs from a Python client on
as many threads, bodies read and discarded, nothing parsed. Output goes to /dev/null.
"""
import argparse
import concurrent.futures
import http.client
import os
import shutil
import ssl
import statistics
import sys
import tempfile
import time

from benchlib import binaries, kubeconfig_parts, measure, start_server


def fetch_only(kubeconfig, nodes, parallel):
    """GETs every node's /configz and /stats/summary through the proxy; returns (wall s, bytes)."""
    server, ca, token = kubeconfig_parts(kubeconfig)
    host, port = server.removeprefix("https://").rsplit(":", 1)
    ctx = ssl.create_default_context(cadata=ca)

    def one(i):
        conn = http.client.HTTPSConnection(host, int(port), context=ctx)
        total = 0
        name = f"node-{i:05d}"
        for path in ("configz", "stats/summary"):
            conn.request("GET", f"/api/v1/nodes/{name}/proxy/{path}",
                         headers={"Authorization": f"Bearer {token}"})
            total += len(conn.getresponse().read())
        conn.close()
        return total

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        size = sum(pool.map(one, range(1, nodes + 1)))
    return time.perf_counter() - start, size


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--summary-pods", type=int, default=110)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-build", action="store_true", help="use the release binaries as built")
    a = p.parse_args()

    doctor, server = binaries(a.no_build)
    tmp = tempfile.mkdtemp(prefix="kd-bench-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["KUBECONFIG"] = kubeconfig
    env["HOME"] = tmp
    srv = start_server(server, ["--nodes", str(a.nodes), "--images-per-node", "10", "--pods", "0",
                                "--summary-pods", str(a.summary_pods), "--failing-fraction", "0",
                                "--unreachable-fraction", "0", "--threads", "2"], kubeconfig)
    try:
        wall, size = fetch_only(kubeconfig, a.nodes, 64)
        print(f"\n{a.nodes} nodes, {a.summary_pods} pods a summary "
              f"({size / a.nodes / 1024:.0f} KiB a node for /configz + /stats/summary), median of {a.runs} runs\n")
        print("| command | wall (s) | CPU user+sys (s) | peak RSS (MiB) | exit |")
        print("|---|---:|---:|---:|---:|")
        print(f"| fetch only (Python, 64 threads, no parsing) | {wall:.2f} | | | |")
        for name, argv in [
            ("kubelet-doctor pressure --parallel 64", [doctor, "pressure", "--parallel", "64"]),
            ("kubelet-doctor pressure --parallel 64 -o json", [doctor, "pressure", "--parallel", "64", "-o", "json"]),
            ("kubelet-doctor pressure (default --parallel 16)", [doctor, "pressure"]),
        ]:
            walls, cpus, rss, codes = [], [], [], set()
            for _ in range(a.runs):
                w, cpu, maxrss, code, err = measure(argv, env)
                if code not in (0, 1, 2):
                    sys.exit(f"{name} exited {code}: {err}")
                walls.append(w)
                cpus.append(cpu)
                rss.append(maxrss)
                codes.add(code)
            print(f"| `{name}` | {statistics.median(walls):.2f} | {statistics.median(cpus):.2f} "
                  f"| {max(rss):.1f} | {','.join(map(str, sorted(codes)))} |")
    finally:
        srv.kill()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
