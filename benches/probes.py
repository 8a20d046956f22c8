#!/usr/bin/env python3
"""Benchmark `kubelet-doctor probes` against the standalone fake API server and print a Markdown
table of medians (wall time, CPU time, peak RSS).

    python3 benches/probes.py                 # 30,000 pods, 150,000 events, 3 runs each
    python3 benches/probes.py --runs 1 --no-kubectl

Issue 12's targets: at most 0.1x the wall time of `kubectl get pods -A -o json` plus
`kubectl get events -A -o json`, under 64 MiB peak RSS.

    fake-apiserver --nodes 1000 --pods 30000 --probes --events 150000 --probe-failing-fraction 0.02
    kubelet-doctor probes -o json      vs   kubectl get pods -A -o json; kubectl get events -A -o json

Every pod has a liveness and a readiness probe; 2% fail (Unhealthy/Killing events); the other
events are routine kubelet ones (Pulling, Pulled, Created, Started), which the tool's one
events list (involvedObject.kind=Pod,source=kubelet) also has to read and drop. The two kubectl
commands run one after the other in one shell; wait4() of the shell counts both. Output goes to
/dev/null.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

from benchlib import binaries, measure, start_server


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=1000)
    p.add_argument("--pods", type=int, default=30000)
    p.add_argument("--events", type=int, default=150000)
    p.add_argument("--failing-fraction", type=float, default=0.02)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-kubectl", action="store_true")
    p.add_argument("--no-build", action="store_true", help="use the release binaries already built")
    a = p.parse_args()

    doctor, server = binaries(a.no_build)
    tmp = tempfile.mkdtemp(prefix="kd-bench-")
    kubeconfig = os.path.join(tmp, "kubeconfig")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["KUBECONFIG"] = kubeconfig
    env["HOME"] = tmp
    try:
        srv = start_server(server, ["--nodes", str(a.nodes), "--pods", str(a.pods), "--probes",
                                    "--events", str(a.events), "--stuck-fraction", "0",
                                    "--probe-failing-fraction", str(a.failing_fraction),
                                    "--threads", "4"], kubeconfig, timeout=900)
        try:
            cases = [("kubelet-doctor probes -o json", [doctor, "probes", "-o", "json"], (0, 1)),
                     ("kubelet-doctor probes", [doctor, "probes"], (0, 1))]
            if not a.no_kubectl and shutil.which("kubectl"):
                cases.append(("kubectl get pods -A -o json; kubectl get events -A -o json",
                              ["sh", "-c", "kubectl get pods -A -o json >/dev/null && "
                                           "kubectl get events -A -o json >/dev/null"], (0,)))
            for _, argv, _ in cases:  # one warm-up each
                measure(argv, env)
            print(f"\n{a.pods} pods on {a.nodes} nodes, about {a.events} events, "
                  f"{a.failing_fraction:.0%} of pods failing probes; median of {a.runs} runs\n")
            print("| command | wall (s) | CPU user+sys (s) | peak RSS (MiB) |")
            print("|---|---:|---:|---:|")
            medians = {}
            for name, argv, ok in cases:
                walls, cpus, rss = [], [], []
                for _ in range(a.runs):
                    wall, cpu, maxrss, code, err = measure(argv, env)
                    if code not in ok:
                        sys.exit(f"{name} exited {code}: {err}")
                    walls.append(wall)
                    cpus.append(cpu)
                    rss.append(maxrss)
                medians[name] = (statistics.median(walls), max(rss))
                print(f"| `{name}` | {statistics.median(walls):.3f} | {statistics.median(cpus):.3f} | {max(rss):.1f} |")
            if len(cases) == 3:
                ours, theirs = medians[cases[0][0]][0], medians[cases[2][0]][0]
                print(f"\nprobes / kubectl wall time: {ours / theirs:.3f} (target <= 0.1); "
                      f"peak RSS {medians[cases[0][0]][1]:.1f} MiB (target < 64)")
        finally:
            srv.kill()
            srv.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
