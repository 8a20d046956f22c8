#!/usr/bin/env python3
"""Benchmark `kubelet-doctor config lint` (issue 3's targets) and print a Markdown report.

    python3 benches/config_lint.py                  # 500 single runs, 10,000 files x 5 runs
    python3 benches/config_lint.py --single-runs 100 --files 2000 --batch-runs 3

1. One file, end to end, process start included: the release binary linting
   examples/kubelet-config.yaml (clean) and tests/fixtures/config/snapshots/broken.yaml
   (findings, `full` output), run many times; median and p90 wall time. Target: < 5 ms.
   `/bin/true` is measured the same way, to show what spawning a process costs here at all.
2. 10,000 files in one run, pinned to one core with `taskset -c 0`: realistic configs (the
   corpus and the fixtures, each copy with a different maxPods so no two files are equal),
   in `concise`, `full` and `json`. Target: < 2 s.

Each command runs as a child process; its CPU time and peak RSS come from wait4(). Output goes
to /dev/null. The machine and its load average are described at the top of the report: on a
shared machine, run it when nothing else is building.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    subprocess.run(["cargo", "build", "--release", "--locked", "--bin", "kubelet-doctor"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "kubelet-doctor")


def measure(argv):
    """Wall seconds, CPU seconds, peak RSS MiB and exit code of one run."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=null, stderr=null, close_fds=False)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cpu}, {os.cpu_count()} logical CPUs{mem}; {platform.system()} {platform.release()}; {rustc}; release profile (lto=fat, codegen-units=1)"


def make_files(n, directory):
    sources = []
    for d in ["tests/fixtures/config/corpus", "tests/fixtures/config/snapshots"]:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith((".yaml", ".json")) and not name.startswith("expected"):
                with open(os.path.join(ROOT, d, name), "rb") as f:
                    sources.append((name, f.read()))
    with open(os.path.join(ROOT, "examples/kubelet-config.yaml"), "rb") as f:
        sources.append(("kubelet-config.yaml", f.read()))
    paths = []
    for i in range(n):
        name, body = sources[i % len(sources)]
        if name.endswith(".yaml") and b"\nmaxPods:" not in body:
            # Vary one value so the files differ (YAML only: appending to JSON breaks it).
            body = body.rstrip(b"\n") + b"\nmaxPods: %d\n" % (100 + i % 150)
        path = os.path.join(directory, f"{i:05d}-{name}")
        with open(path, "wb") as f:
            f.write(body)
        paths.append(path)
    return paths


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--single-runs", type=int, default=500)
    p.add_argument("--files", type=int, default=10_000)
    p.add_argument("--batch-runs", type=int, default=5)
    a = p.parse_args()

    doctor = build()
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    if not pin:
        print("warning: taskset not found; the batch runs are not pinned", file=sys.stderr)

    print(f"Machine: {machine()}\n")
    print(f"Load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("## One file, end to end (process start included), target < 5 ms\n")
    print(f"{a.single_runs} runs each, after 20 warm-up runs.\n")
    print("| command | median wall | p90 wall | min wall | median CPU | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    sample = os.path.join(ROOT, "examples/kubelet-config.yaml")
    broken = os.path.join(ROOT, "tests/fixtures/config/snapshots/broken.yaml")
    cases = [
        ("`/bin/true` (cost of spawning any process here)", ["/bin/true"]),
        ("`config lint examples/kubelet-config.yaml` (clean)", [doctor, "config", "lint", sample]),
        ("`config lint broken.yaml` (6 findings, full)", [doctor, "config", "lint", broken]),
        ("`config lint -o json broken.yaml`", [doctor, "config", "lint", "-o", "json", broken]),
    ]
    for label, argv in cases:
        for _ in range(20):
            measure(argv)
        runs = [measure(argv) for _ in range(a.single_runs)]
        walls = [r[0] * 1000 for r in runs]
        print(f"| {label} | {statistics.median(walls):.2f} ms | {percentile(walls, 90):.2f} ms | {min(walls):.2f} ms "
              f"| {statistics.median(r[1] * 1000 for r in runs):.2f} ms | {runs[0][3]} |")

    print(f"\n## {a.files:,} files in one run, pinned to one core (`{' '.join(pin) or 'unpinned'}`), target < 2 s\n")
    print(f"Median of {a.batch_runs} runs (after one warm-up run that also fills the page cache). Peak RSS")
    print("comes from wait4() and has a floor of ~15 MiB: the forked Python parent before exec.\n")
    print("| command | median wall | min wall | median CPU | peak RSS | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    tmp = tempfile.mkdtemp(prefix="kd-lint-bench-")
    try:
        paths = make_files(a.files, tmp)
        total = sum(os.path.getsize(x) for x in paths)
        for fmt in ["concise", "full", "json"]:
            argv = [*pin, doctor, "config", "lint", "--exit-zero", "-o", fmt, *paths]
            measure(argv)
            runs = [measure(argv) for _ in range(a.batch_runs)]
            walls = [r[0] for r in runs]
            print(f"| `config lint -o {fmt}` on {a.files:,} files ({total / 1e6:.1f} MB) | {statistics.median(walls):.3f} s "
                  f"| {min(walls):.3f} s | {statistics.median(r[1] for r in runs):.3f} s | {max(r[2] for r in runs):.1f} MiB | {runs[0][3]} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
