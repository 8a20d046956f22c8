"""Helpers shared by the benchmark scripts: build the release binaries, start the standalone
fake API server and wait for its kubeconfig, run one command measuring its own wall time,
CPU time and peak RSS (from wait4, so the figures are the child's, not ours), and the "floor"
client that lists a collection without decoding it.

The floor is what no client can beat: GET every page of PATH?limit=500 from the same server,
over one kept-alive TLS connection, following `metadata.continue`, reading each body to the end
and discarding it. Only the continue token is taken out of the first bytes of each page (a
regular expression over the list's metadata, which the API server writes before `items`); no
item is decoded. It is a plain Python loop on http.client, so its own CPU is the socket reads.
"""
import base64
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    """Builds kubelet-doctor and the fake API server in release mode; returns their paths."""
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--workspace", "--bins"],
        cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "kubelet-doctor"), os.path.join(target, "release", "fake-apiserver")


def binaries(no_build=False):
    """The release kubelet-doctor and fake-apiserver: built now, or (no_build) as already built."""
    if not no_build:
        return build()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "kubelet-doctor"), os.path.join(target, "release", "fake-apiserver")


def start_server(server, args, kubeconfig, timeout=120):
    """Starts the fake API server and returns once it has written its kubeconfig."""
    proc = subprocess.Popen([server, *args, "--kubeconfig", kubeconfig],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + timeout
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
    """Runs argv with stdout to /dev/null; returns (wall s, cpu s, peak RSS MiB, exit code, stderr)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, code, err


FLOOR = r'''
import http.client, re, ssl, sys, urllib.parse
server, ca_pem, token, path, limit = sys.argv[1:6]
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
    conn.request("GET", path + "?" + urllib.parse.urlencode(q), headers=headers)
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


def floor_argv(kubeconfig, path, limit=500):
    """The floor client's command line for listing PATH from the server in KUBECONFIG."""
    server, ca, token = kubeconfig_parts(kubeconfig)
    return [sys.executable, "-c", FLOOR, server, ca, token, path, str(limit)]
