#!/usr/bin/env python3
"""Benchmark `kubelet-doctor nodes` against the standalone fake API server, side by side with
kubectl, and print a Markdown table of medians (wall time, CPU time, peak RSS).

    python3 benches/nodes.py                 # 5,000 nodes x 50 images, 5 runs each
    python3 benches/nodes.py --nodes 500 --runs 3 --no-kubectl

Beside kubectl, the floor (benchlib.py: fetch every page of /api/v1/nodes, decode nothing)
shows what no client can beat; issue 8's target is `nodes -o yaml` within 1.5x of it.

Each command runs as a child process; its CPU time and peak RSS come from wait4(), so the
figures are the command's own, not the server's. Output goes to /dev/null.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import binaries, floor_argv, measure, start_server


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--images", type=int, default=50)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--no-kubectl", action="store_true")
    p.add_argument("--no-build", action="store_true", help="use the release binaries already built")
    a = p.parse_args()

    doctor, server = binaries(a.no_build)
    tmp = tempfile.mkdtemp(prefix="kd-bench-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    srv = start_server(server, ["--nodes", str(a.nodes), "--images-per-node", str(a.images)], kubeconfig)
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["KUBECONFIG"] = kubeconfig
    env["HOME"] = tmp
    cases = [
        ("kubelet-doctor nodes -o yaml", [doctor, "nodes", "-o", "yaml"]),
        ("kubelet-doctor nodes -o json", [doctor, "nodes", "-o", "json"]),
        ("kubelet-doctor nodes -o wide", [doctor, "nodes", "-o", "wide", "--exit-zero"]),
        ("floor: fetch every page, decode nothing", floor_argv(kubeconfig, "/api/v1/nodes")),
    ]
    if not a.no_kubectl and shutil.which("kubectl"):
        cases += [
            ("kubectl get nodes -o yaml", ["kubectl", "get", "nodes", "-o", "yaml"]),
            ("kubectl get nodes -o wide", ["kubectl", "get", "nodes", "-o", "wide"]),
        ]
    try:
        # One warm-up of each, so neither side pays for a cold page cache or TLS session setup.
        for _, argv in cases:
            measure(argv, env)
        print(f"\n{a.nodes} nodes x {a.images} images, median of {a.runs} runs\n")
        print("| command | wall (s) | CPU user+sys (s) | peak RSS (MiB) |")
        print("|---|---:|---:|---:|")
        medians = {}
        for name, argv in cases:
            walls, cpus, rss = [], [], []
            for _ in range(a.runs):
                wall, cpu, maxrss, code, err = measure(argv, env)
                if code != 0:
                    sys.exit(f"{name} exited {code}: {err}")
                walls.append(wall)
                cpus.append(cpu)
                rss.append(maxrss)
            medians[name] = statistics.median(walls)
            print(f"| `{name}` | {statistics.median(walls):.3f} | {statistics.median(cpus):.3f} | {max(rss):.1f} |")
        ratio = medians["kubelet-doctor nodes -o yaml"] / medians["floor: fetch every page, decode nothing"]
        print(f"\nnodes -o yaml / floor wall time: {ratio:.2f} (target <= 1.5)")
    finally:
        srv.kill()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
