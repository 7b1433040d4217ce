"""Benchmark: the main process's peak memory as a batch grows, and the time it takes.

Run on demand, never in the test suite: ``.venv/bin/python benchmarks/memory.py
[--sizes 250,1000] [--jobs 2]``. For each size, that many synthetic briefings are
rendered to DOCX + PDF by one whole command (``render RECORDS -j N --force``), in a
process of its own that reports its own peak resident memory (``ru_maxrss``: the main
process only; the workers are reported apart, as the largest of them). A run that holds
every output until the end grows with the batch; one that writes each document when it
is ready stays flat.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import make_records

#: Runs the command in this process and prints its peak memory (KiB) as JSON at the end.
RUNNER = """
import json, resource, sys
from generator.cli.command import main
code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "main_kib": usage, "worker_kib": workers}))
"""


def measure(records: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, the main process's peak MiB and the largest worker's peak MiB."""
    args = [sys.executable, "-c", RUNNER, "render", str(records), "--doc", "tb",
            "--out", str(out), "--force", "-q", "-j", str(jobs)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"render failed:\n{done.stderr}")
    return wall, report["main_kib"] / 1024, report["worker_kib"] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250,1000")
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        load = os.getloadavg()[0]
        print(f"render N briefings (tb), DOCX + PDF, -j {options.jobs}; load {load:.1f}")
        print(f"  {'N':>6}  {'seconds':>8}  {'main MiB':>9}  {'worker MiB':>10}")
        for size in sizes:
            records = make_records(work / f"n{size}", size)
            wall, main_mib, worker_mib = measure(records, work / f"out{size}", options.jobs)
            print(f"  {size:>6}  {wall:>8.1f}  {main_mib:>9.0f}  {worker_mib:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
