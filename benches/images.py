#!/usr/bin/env python3
"""Benchmark `kubelet-doctor images` against the standalone fake API server and print Markdown
tables of medians (wall time, CPU time, peak RSS).

    python3 benches/images.py                      # both parts below, 3 runs each
    python3 benches/images.py --runs 1 --no-kubectl
    python3 benches/images.py --skip-large         # only the side-by-side part

Part 1, side by side (issue 5: images in at most a tenth of kubectl's wall time):
    fake-apiserver --nodes 1000 --pods 30000 --stuck-fraction 0.02
    kubelet-doctor images -o json            vs   kubectl get pods -A -o json --chunk-size=500

Part 2, alone at 150,000 pods (targets: peak RSS < 64 MiB; wall time within 1.3x of the floor,
issue 8; it was 2x in issue 5):
    kubelet-doctor images -o json            vs   the floor

The floor (benchlib.py) fetches every page of /api/v1/pods and decodes nothing. kubectl is
never run at 150,000 pods (it needs about 20 GiB).

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


def stop_server(proc, kubeconfig):
    proc.kill()
    proc.wait()
    if os.path.exists(kubeconfig):
        os.remove(kubeconfig)




def table(title, cases, env, runs):
    for _, argv, _ in cases:  # one warm-up each: no cold page cache or first TLS setup
        measure(argv, env)
    print(f"\n{title}, median of {runs} runs\n")
    print("| command | wall (s) | CPU user+sys (s) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    medians = {}
    for name, argv, ok in cases:
        walls, cpus, rss = [], [], []
        for _ in range(runs):
            wall, cpu, maxrss, code, err = measure(argv, env)
            if code not in ok:
                sys.exit(f"{name} exited {code}: {err}")
            walls.append(wall)
            cpus.append(cpu)
            rss.append(maxrss)
        medians[name] = (statistics.median(walls), max(rss))
        print(f"| `{name}` | {statistics.median(walls):.3f} | {statistics.median(cpus):.3f} | {max(rss):.1f} |")
    return medians


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=1000)
    p.add_argument("--pods", type=int, default=30000)
    p.add_argument("--large-pods", type=int, default=150000)
    p.add_argument("--stuck-fraction", type=float, default=0.02)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-kubectl", action="store_true")
    p.add_argument("--skip-large", action="store_true")
    p.add_argument("--no-build", action="store_true", help="use the release binaries already built")
    a = p.parse_args()

    doctor, server = binaries(a.no_build)
    tmp = tempfile.mkdtemp(prefix="kd-bench-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["KUBECONFIG"] = kubeconfig
    env["HOME"] = tmp
    images = [doctor, "images", "-o", "json"]
    try:
        srv = start_server(server, ["--nodes", str(a.nodes), "--pods", str(a.pods),
                                    "--stuck-fraction", str(a.stuck_fraction), "--threads", "4"],
                           kubeconfig, timeout=600)
        try:
            cases = [("kubelet-doctor images -o json", images, (0, 1))]
            if not a.no_kubectl and shutil.which("kubectl"):
                cases.append(("kubectl get pods -A -o json --chunk-size=500",
                              ["kubectl", "get", "pods", "-A", "-o", "json", "--chunk-size=500"], (0,)))
            m = table(f"{a.pods} pods on {a.nodes} nodes, {a.stuck_fraction:.0%} stuck", cases, env, a.runs)
            if len(m) == 2:
                ours, theirs = m[cases[0][0]][0], m[cases[1][0]][0]
                print(f"\nimages / kubectl wall time: {ours / theirs:.3f} (target <= 0.1)")
        finally:
            stop_server(srv, kubeconfig)

        if not a.skip_large:
            srv = start_server(server, ["--nodes", str(a.nodes), "--pods", str(a.large_pods),
                                        "--stuck-fraction", str(a.stuck_fraction), "--threads", "4"],
                           kubeconfig, timeout=600)
            try:
                floor = floor_argv(kubeconfig, "/api/v1/pods")
                cases = [
                    ("kubelet-doctor images -o json", images, (0, 1)),
                    ("floor: fetch every page, decode nothing", floor, (0,)),
                ]
                m = table(f"{a.large_pods} pods on {a.nodes} nodes, {a.stuck_fraction:.0%} stuck",
                          cases, env, a.runs)
                ours, rss = m[cases[0][0]]
                print(f"\nimages / floor wall time: {ours / m[cases[1][0]][0]:.2f} (target <= 1.3); "
                      f"peak RSS {rss:.1f} MiB (target < 64)")
            finally:
                stop_server(srv, kubeconfig)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
