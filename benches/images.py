#!/usr/bin/env python3
"""Benchmark `kubelet-doctor images` against the standalone fake API server and print Markdown
tables of medians (wall time, CPU time, peak RSS).

    python3 benches/images.py                      # both parts below, 3 runs each
    python3 benches/images.py --runs 1 --no-kubectl
    python3 benches/images.py --skip-large         # only the side-by-side part

Part 1, side by side (issue 5: images in at most a tenth of kubectl's wall time):
    fake-apiserver --nodes 1000 --pods 30000 --stuck-fraction 0.02
    kubelet-doctor images -o json            vs   kubectl get pods -A -o json --chunk-size=500

Part 2, alone at 150,000 pods (targets: peak RSS < 64 MiB; wall time within 2x of the floor):
    kubelet-doctor images -o json            vs   the floor

The floor is what no client can beat: GET every page of /api/v1/pods?limit=500 from the same
server, over one kept-alive TLS connection, following `metadata.continue`, reading each body
to the end and discarding it. Only the continue token is taken out of the first bytes of each
page (a regular expression over the list's metadata, which the API server writes before
`items`); no item is decoded. It is a plain Python loop on http.client, so its own CPU is the
socket reads. kubectl is never run at 150,000 pods (it needs about 20 GiB).

Each command runs as a child process; its CPU time and peak RSS come from wait4(), so the
figures are the command's own, not the server's. Output goes to /dev/null.
"""
import argparse
import base64
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import ROOT, build, measure, start_server


def stop_server(proc, kubeconfig):
    proc.kill()
    proc.wait()
    if os.path.exists(kubeconfig):
        os.remove(kubeconfig)


FLOOR = r'''
import http.client, re, ssl, sys, urllib.parse
server, ca_pem, token, limit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
u = urllib.parse.urlsplit(server)
ctx = ssl.create_default_context(cadata=ca_pem)
conn = http.client.HTTPSConnection(u.hostname, u.port, context=ctx)
headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
cont, pages, size = None, 0, 0
tok = re.compile(rb'"continue"\s*:\s*"([^"]*)"')
while True:
    q = {"limit": limit}
    if cont:
        q["continue"] = cont
    conn.request("GET", "/api/v1/pods?" + urllib.parse.urlencode(q), headers=headers)
    r = conn.getresponse()
    if r.status != 200:
        sys.exit("floor: HTTP %d" % r.status)
    head = r.read(4096)
    size += len(head)
    while True:
        chunk = r.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
    pages += 1
    m = tok.search(head.split(b'"items"', 1)[0])
    cont = m.group(1).decode() if m and m.group(1) else None
    if not cont:
        break
print("%d pages, %d bytes" % (pages, size), file=sys.stderr)
'''


def kubeconfig_parts(path):
    text = open(path).read()
    server = re.search(r"server:\s*(\S+)", text).group(1)
    ca = base64.b64decode(re.search(r"certificate-authority-data:\s*(\S+)", text).group(1)).decode()
    token = re.search(r"token:\s*(\S+)", text).group(1)
    return server, ca, token


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

    if a.no_build:
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        doctor = os.path.join(target, "release", "kubelet-doctor")
        server = os.path.join(target, "release", "fake-apiserver")
    else:
        doctor, server = build()
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
                srv_url, ca, token = kubeconfig_parts(kubeconfig)
                floor = [sys.executable, "-c", FLOOR, srv_url, ca, token, "500"]
                cases = [
                    ("kubelet-doctor images -o json", images, (0, 1)),
                    ("floor: fetch every page, decode nothing", floor, (0,)),
                ]
                m = table(f"{a.large_pods} pods on {a.nodes} nodes, {a.stuck_fraction:.0%} stuck",
                          cases, env, a.runs)
                ours, rss = m[cases[0][0]]
                print(f"\nimages / floor wall time: {ours / m[cases[1][0]][0]:.2f} (target <= 2); "
                      f"peak RSS {rss:.1f} MiB (target < 64)")
            finally:
                stop_server(srv, kubeconfig)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
