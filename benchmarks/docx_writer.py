"""Benchmark: the DOCX writer alone, on the long digest (200 meetings, 6 tasks each).

Run on demand, never in the test suite: ``.venv/bin/python benchmarks/docx_writer.py``
(``--baseline REF`` to time the writer of a git ref beside this tree's, ``--profile`` for
the cProfile of one write).

A digest's DOCX is written in the parent process while the PDF's parts are laid out on the
workers: on 2 cores it takes a core from them, so its own cost counts. Each contender is a
warm process of its own (the base document, fonts and templates loaded) that writes the
digest through the library's executor seam (``TimingExecutor``: each task run there and
timed), so only the writer is timed, not the records' reading nor the HTML. With a
baseline, the two processes are asked in turn, round after round (``interleaved``), the
order turned round each round, under the harness's load guard.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tarfile
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

from digest import TimingExecutor
from harness import interleaved, make_records, session

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2024-Q3"
#: What a source checkout runs from: the package and its templates, profiles and examples.
TREE = ("generator", "templates", "config", "examples")


class Warm:
    """A warm writer in this process: one call writes the digest's DOCX and times it."""

    def __init__(self, records: Path, out: Path) -> None:
        from generator import Renderer

        self.records, self.out, self.renderer = records, out, Renderer()
        self()  # the first write loads the base document, fonts and templates

    def __call__(self, timer: TimingExecutor | None = None) -> float:
        from generator.api import digest

        timer = timer or TimingExecutor()
        digest([self.records], period=PERIOD, out=self.out, formats=("docx",), force=True,
               renderer=self.renderer, executor=timer)  # fmt: skip
        return timer.seconds["docx"]


class ProfilingExecutor(TimingExecutor):
    """Runs each task here under cProfile: the writer's profile, not the records' reading."""

    def __init__(self) -> None:
        super().__init__()
        self.profiler = cProfile.Profile()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def profiled(*inner: Any, **named: Any) -> Any:
            return self.profiler.runcall(fn, *inner, **named)

        return super().submit(profiled, *args, **kwargs)


def serve(records: Path, out: Path) -> None:
    """A contender's process: the package it runs, then for each line read one write and
    its seconds, on stdout."""
    import generator

    warm = Warm(records, out)
    print(Path(generator.__file__).parent, flush=True)
    for _ in sys.stdin:
        print(f"{warm():.6f}", flush=True)


class Contender:
    """A warm writer in a process of its own, running the ``generator`` found in ``tree``."""

    def __init__(self, tree: Path, records: Path, out: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(records), str(out)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.package = self._pipes()[1].readline().strip()

    def __call__(self) -> float:
        stdin, stdout = self._pipes()
        stdin.write("\n")
        stdin.flush()
        return float(stdout.readline())

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        return self.proc.stdin, self.proc.stdout

    def close(self) -> None:
        self._pipes()[0].close()
        if self.proc.wait(timeout=60) != 0:
            raise SystemExit(f"a contender failed (exit {self.proc.returncode})")


def export(ref: str, folder: Path) -> Path:
    """The source tree of git ``ref`` (the package and the data it reads beside it),
    unpacked under ``folder``."""
    data = subprocess.run(["git", "archive", ref, *TREE], cwd=ROOT, check=True,
                          capture_output=True).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def profile(records: Path, out: Path, top: int) -> None:
    """The cProfile of one warm write (the DOCX task alone), by own time."""
    warm = Warm(records, out)
    timer = ProfilingExecutor()
    seconds = warm(timer)
    text = io.StringIO()
    pstats.Stats(timer.profiler, stream=text).sort_stats("tottime").print_stats(top)
    print(f"\ncProfile of one warm write ({seconds:.2f} s under the profiler), by own time")
    print(text.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--baseline", metavar="REF", help="a git ref to time beside this tree")
    parser.add_argument("--profile", action="store_true", help="cProfile one write")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--serve", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    with session() as (work, _verdicts):
        records = make_records(work / "d200", 200, tasks=6)
        trees = {"this tree": ROOT}
        if args.baseline:
            trees[args.baseline] = export(args.baseline, work / "baseline")
        contenders = {name: Contender(tree, records, work / name.replace(" ", "-"))
                      for name, tree in trees.items()}  # fmt: skip
        try:
            series = interleaved(dict(contenders), args.rounds)
        finally:
            for contender in contenders.values():
                contender.close()
        print(f"\nDOCX of the digest of 200 meetings with 6 tasks each, {PERIOD}: the writer "
              "alone, in a warm process")  # fmt: skip
        for name, line in series.items():
            print(f"  {line.line()}; {contenders[name].package}")
        if args.baseline:
            ratio = series["this tree"].min / series[args.baseline].min
            print(f"  this tree / {args.baseline}, minimum: {ratio:.2f}")
        if args.profile:
            profile(records, work / "profile", args.top)


if __name__ == "__main__":
    main()
