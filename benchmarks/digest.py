"""Benchmark: the periodic digest, and what a page of its PDF costs as it grows.

Run on demand, never in the test suite: ``make bench``, or
``.venv/bin/python benchmarks/digest.py``.

- The digest of 200 synthetic meetings (about 100 pages), DOCX + PDF, whole command on 2
  cores: the minimum, median and maximum of several rounds, then the peak memory of all
  its processes (sampled in runs of their own, the sampling costing some CPU).
- The PDF's cost per page for digests of 15 to 400 pages: each written in this process
  through the library's executor seam (an executor that runs each task here and times
  it), so that only the PDF writer is timed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from harness import Verdicts, command, command_memory, interleaved, make_records, session

GIAOBAN = str(Path(sys.executable).with_name("giaoban"))


class TimingExecutor(Executor):
    """Runs each task here, at once, and keeps how long each format took."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        start = time.perf_counter()
        future.set_result(fn(*args, **kwargs))
        self.seconds[args[0].format] = time.perf_counter() - start
        return future


def whole_command(work: Path, rounds: int, verdicts: Verdicts) -> None:
    records = make_records(work / "d200", 200)
    argv = [GIAOBAN, "digest", str(records), "--period", "2024-Q3", "--out", str(work / "out"),
            "--force", "-q", "-j", "2"]  # fmt: skip
    series = interleaved({"giaoban digest, 200 meetings": lambda: command(argv, work)}, rounds)
    (ours,) = series.values()
    peaks = [command_memory(argv, work)[1] for _ in range(2)]
    import pypdf

    pages = len(pypdf.PdfReader(work / "out" / "digest-2024-Q3.pdf").pages)
    print(f"\ndigest of 200 meetings ({pages} pages), DOCX + PDF, whole command, 2 cores")
    print(f"  {ours.line()}\n  peak memory of all its processes: {max(peaks):.0f} MiB")
    verdicts.add("digest of 200 meetings, time", ours.min, 4, " s")
    verdicts.add("digest of 200 meetings, peak memory", max(peaks), 250, " MiB")


def per_page(work: Path, rounds: int, verdicts: Verdicts) -> None:
    from generator import Renderer
    from generator.api import digest

    renderer = Renderer()
    print("\nPDF cost per page (the PDF writer alone, in one warm process)")
    costs = []
    for meetings in (30, 200, 800):
        records = make_records(work / f"p{meetings}", meetings)
        timings = []
        for _ in range(rounds):
            timer = TimingExecutor()
            result = digest([records], period="2024-Q3", out=work / f"pp{meetings}",
                            formats=("pdf",), force=True, renderer=renderer,
                            executor=timer)  # fmt: skip
            timings.append(timer.seconds["pdf"])
        import pypdf

        pages = len(pypdf.PdfReader(result.outputs[0].path).pages)
        cost = 1000 * min(timings) / pages
        costs.append(cost)
        print(f"  {meetings:>4} meetings, {pages:>3} pages: min {min(timings):.2f} s, median "
              f"{statistics.median(timings):.2f} s; {cost:.1f} ms a page")  # fmt: skip
    growth = costs[-1] / costs[0] - 1
    print(f"  cost a page, smallest to largest: {growth:+.0%}")
    verdicts.add("PDF cost a page, growth from the smallest to the largest", abs(growth), 0.10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", default="command,pages")
    args = parser.parse_args()
    cases = set(args.cases.split(","))
    with session() as (work, verdicts):
        if "command" in cases:
            whole_command(work, args.rounds, verdicts)
        if "pages" in cases:
            per_page(work, max(2, args.rounds - 2), verdicts)


if __name__ == "__main__":
    main()
