"""Benchmark: the periodic digest, and what a page of its PDF costs as it grows.

Run on demand, never in the test suite: ``make bench``, or
``.venv/bin/python benchmarks/digest.py``.

- The long digest (200 synthetic meetings with six tasks each, about 165 pages), DOCX +
  PDF, whole command on 2 cores, its PDF in one pass (``--parts 1``) and in parts, the two
  interleaved: the minimum, median and maximum of several rounds, their ratio, the PDFs'
  sizes, then the peak memory of all its processes (sampled in runs of their own).
- The parts' timeline: each part's cost in one warm process, and the PDF's time it
  predicts on 1 to 16 workers, and for a national roll-up of 63 such quarters.
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


#: The long digest of the issue: 200 meetings with six tasks each, and updates (~165 pages).
MEETINGS, TASKS = 200, 6


def whole_command(work: Path, rounds: int, verdicts: Verdicts) -> None:
    records = make_records(work / "d200", MEETINGS, tasks=TASKS)

    def argv(parts: str | None, out: str) -> list[str]:
        return [GIAOBAN, "digest", str(records), "--period", "2024-Q3", "--out", str(work / out),
                "--force", "-q", "-j", "2", *(["--parts", parts] if parts else [])]  # fmt: skip

    one, split = argv("1", "one"), argv(None, "parts")
    series = interleaved({"one pass (--parts 1)": lambda: command(one, work),
                          "in parts": lambda: command(split, work)}, rounds)  # fmt: skip
    single, parted = series.values()
    import pypdf

    pages = len(pypdf.PdfReader(work / "parts" / "digest-2024-Q3.pdf").pages)
    sizes = [(work / out / "digest-2024-Q3.pdf").stat().st_size for out in ("one", "parts")]
    peaks = {name: max(command_memory(args, work)[1] for _ in range(2))
             for name, args in (("one pass", one), ("in parts", split))}  # fmt: skip
    print(f"\ndigest of {MEETINGS} meetings, {TASKS} tasks each ({pages} pages), DOCX + PDF, "
          f"whole command, 2 cores")  # fmt: skip
    for each in (single, parted):
        print(f"  {each.line()}")
    ratio_min, ratio_median = parted.min / single.min, parted.median / single.median
    print(f"  in parts / one pass: {ratio_min:.2f} (min), {ratio_median:.2f} (median)")
    print(f"  PDF size: one pass {sizes[0] / 1024:.0f} KiB, in parts {sizes[1] / 1024:.0f} KiB "
          f"({sizes[1] / sizes[0]:.2f}x)")  # fmt: skip
    print("  peak memory of all processes: "
          + ", ".join(f"{name} {peak:.0f} MiB" for name, peak in peaks.items()))  # fmt: skip
    verdicts.add("long digest in parts / one pass, whole command", ratio_min, 0.55)
    verdicts.add("long digest in parts, peak memory", peaks["in parts"], 250, " MiB")
    verdicts.add("long digest in parts, PDF size / one pass", sizes[1] / sizes[0], 1.3)


class PartTimer(Executor):
    """Runs each task here, at once, and keeps each one's label and seconds."""

    def __init__(self) -> None:
        self.seconds: list[tuple[str, float]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        start = time.perf_counter()
        future.set_result(fn(*args, **kwargs))
        self.seconds.append((args[0].label, time.perf_counter() - start))
        return future


def scheduled(costs: list[float], workers: int) -> float:
    """When the last of ``costs`` ends on ``workers``, handed out in order as workers free
    up (what a process pool or a dask cluster does with the parts)."""
    free = [0.0] * workers
    for cost in costs:
        first = free.index(min(free))
        free[first] += cost
    return max(free)


def timeline(work: Path, rounds: int) -> None:
    """Each part's cost, laid out in one warm process, and the time they predict on 1 to
    16 workers; then the national roll-up (63 provinces' quarter, about 2,000 pages) from
    the same costs scaled."""
    from generator import Renderer
    from generator.api import digest
    from generator.output import pdf_parts

    records = work / "d200" / "records"
    renderer = Renderer()
    joins: list[float] = []
    real_join = pdf_parts.join

    def timed_join(*args: Any) -> bytes:
        start = time.perf_counter()
        data = real_join(*args)
        joins.append(time.perf_counter() - start)
        return data

    import generator.pipeline.parts as parts_module

    setattr(parts_module, "join", timed_join)  # noqa: B010 - timed where the pipeline calls it
    best: list[tuple[str, float]] | None = None
    singles = []
    for _ in range(rounds):
        timer = PartTimer()
        digest([records], period="2024-Q3", out=work / "tl", formats=("pdf",), force=True,
               renderer=renderer, executor=timer)  # fmt: skip
        if best is None or sum(t for _, t in timer.seconds) < sum(t for _, t in best):
            best = timer.seconds
        single = PartTimer()
        digest([records], period="2024-Q3", out=work / "tl1", formats=("pdf",), force=True,
               renderer=renderer, executor=single, parts=1)  # fmt: skip
        singles.append(single.seconds[0][1])
    setattr(parts_module, "join", real_join)  # noqa: B010
    assert best is not None
    costs = [t for _, t in best]
    join = min(joins)
    print(f"\nthe PDF's parts, laid out one after another in one warm process (least of {rounds})")
    print("  " + ", ".join(f"{label.split()[-1]} {t:.2f} s" for label, t in best))
    print(f"  sum {sum(costs):.2f} s against one pass {min(singles):.2f} s; join {join:.2f} s")
    print("  predicted PDF time, parts handed out in order, then the join:")
    for workers in (1, 2, 4, 8, 16):
        print(f"    {workers:>2} workers: {scheduled(costs, workers) + join:.2f} s")
    import pypdf

    pages = len(pypdf.PdfReader(work / "tl" / "digest-2024-Q3.pdf").pages)
    # 63 provinces' quarter in one digest of about 2,000 pages: the same parts, each as
    # long as 2,000 / pages of this one (each part grows with the meetings).
    scale = 2000 / pages
    national = [cost * scale for cost in costs]
    predicted = scheduled(national, 16) + join * scale
    print(f"  national roll-up, about 2,000 pages ({scale:.1f} x {pages}): one pass about "
          f"{min(singles) * scale:.0f} s; on 16 workers {predicted:.0f} s, bounded by its "
          f"largest part ({max(national):.0f} s)")  # fmt: skip


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
    parser.add_argument("--cases", default="command,timeline,pages")
    args = parser.parse_args()
    cases = set(args.cases.split(","))
    with session() as (work, verdicts):
        if "command" in cases:
            whole_command(work, args.rounds, verdicts)
        if "timeline" in cases:
            if "command" not in cases:
                make_records(work / "d200", MEETINGS, tasks=TASKS)
            timeline(work, max(2, args.rounds - 2))
        if "pages" in cases:
            per_page(work, max(2, args.rounds - 2), verdicts)


if __name__ == "__main__":
    main()
