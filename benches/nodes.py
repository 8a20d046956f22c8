#!/usr/bin/env python3
"""Benchmark `kubelet-doctor nodes` against the standalone fake API server, side by side with
kubectl, and print a Markdown table of medians (wall time, CPU time, peak RSS).

    python3 benches/nodes.py                 # 5,000 nodes x 50 images, 5 runs each
    python3 benches/nodes.py --nodes 500 --runs 3 --no-kubectl

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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--bin", "kubelet-doctor", "--example", "fake-apiserver"],
        cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "kubelet-doctor"), os.path.join(target, "release", "examples", "fake-apiserver")


def start_server(server, args, kubeconfig):
    proc = subprocess.Popen([server, *args, "--kubeconfig", kubeconfig],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("fake-apiserver exited: " + proc.stderr.read().decode())
        if os.path.exists(kubeconfig) and os.path.getsize(kubeconfig) > 0:
            time.sleep(0.2)
            return proc
        time.sleep(0.1)
    proc.kill()
    sys.exit("fake-apiserver did not write its kubeconfig in time")


def measure(argv, env):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, code, err


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--images", type=int, default=50)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--no-kubectl", action="store_true")
    a = p.parse_args()

    doctor, server = build()
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
        for name, argv in cases:
            walls, cpus, rss = [], [], []
            for _ in range(a.runs):
                wall, cpu, maxrss, code, err = measure(argv, env)
                if code != 0:
                    sys.exit(f"{name} exited {code}: {err}")
                walls.append(wall)
                cpus.append(cpu)
                rss.append(maxrss)
            print(f"| `{name}` | {statistics.median(walls):.3f} | {statistics.median(cpus):.3f} | {max(rss):.1f} |")
    finally:
        srv.kill()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
