"""Benchmark: render the digest of N synthetic meetings, DOCX and PDF.

Run on demand (not part of the test suite): ``.venv/bin/python benchmarks/digest.py``.
Each N runs in a fresh process, so peak memory (ru_maxrss) is that of one run;
time is the best of --repeat warm runs in that process, after one cold run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def one(count: int, repeat: int) -> dict[str, float]:
    from synthetic import write_records

    from generator import Renderer
    from generator.api import digest

    from conftest import SETTINGS, write_yaml

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_yaml(folder / "giaoban.yaml", SETTINGS)
        write_records(folder / "records", count, dt.date(2024, 7, 1), 91)
        renderer = Renderer()
        start = time.perf_counter()
        digest([folder / "records"], period="2024-Q3", out=folder / "out", renderer=renderer)
        cold = time.perf_counter() - start
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = digest([folder / "records"], period="2024-Q3", out=folder / "out",
                            renderer=renderer)  # fmt: skip
            warm.append(time.perf_counter() - start)
        pages = len(__import__("pypdf").PdfReader(result.outputs[1].path).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"meetings": count, "cold_s": cold, "warm_s": min(warm), "pages": pages,
            "peak_mib": peak}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one(args.child, args.repeat)))
        return
    print(f"{'meetings':>8} {'pages':>6} {'cold s':>8} {'warm s':>8} {'ms/meeting':>11} "
          f"{'peak MiB':>9}")  # fmt: skip
    for size in map(int, args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{r['meetings']:>8} {r['pages']:>6} {r['cold_s']:>8.2f} {r['warm_s']:>8.2f} "
              f"{1000 * r['warm_s'] / r['meetings']:>11.1f} {r['peak_mib']:>9.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
