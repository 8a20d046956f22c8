"""Helpers shared by the benchmark scripts: build the release binaries, start the standalone
fake API server and wait for its kubeconfig, and run one command measuring its own wall time,
CPU time and peak RSS (from wait4, so the figures are the child's, not ours)."""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    """Builds kubelet-doctor and the fake API server in release mode; returns their paths."""
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--bin", "kubelet-doctor", "--bin", "fake-apiserver"],
        cwd=ROOT, check=True)
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
