"""What every benchmark here shares: the load guard, interleaved rounds, their statistics,
and whole commands timed with the peak memory of their process tree.

The machines are shared: a figure taken while something else runs can be twice too slow.
So the load is printed before and after, and no verdict is printed when it was above
``MAX_LOAD`` (1.0 on 2 cores: another busy process). Ours and the peer run in one process
tree, round after round, alternating which goes first, and each reports its minimum (the
least disturbed run), median and maximum.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Above this one-minute load average (on 2 cores) another process was busy: no verdict.
MAX_LOAD = 1.0


def load() -> float:
    return os.getloadavg()[0]


@dataclass
class Guard:
    """The machine's load before and after a run; a verdict only if both were low."""

    before: float = field(default_factory=load)
    after: float | None = None

    def close(self) -> None:
        self.after = load()

    @property
    def quiet(self) -> bool:
        return self.before <= MAX_LOAD and (self.after is None or self.after <= MAX_LOAD)

    def report(self) -> str:
        after = f"{self.after:.2f}" if self.after is not None else "?"
        state = "quiet" if self.quiet else f"BUSY (above {MAX_LOAD}): no verdict"
        cpus = os.cpu_count()
        return f"load average before {self.before:.2f}, after {after} on {cpus} CPUs: {state}"


@dataclass
class Series:
    """The seconds of one contender over the rounds."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def line(self, unit: str = "s", scale: float = 1.0) -> str:
        figures = (scale * self.min, scale * self.median, scale * max(self.seconds))
        text = " / ".join(f"{f:.3f}" if unit == "s" else f"{f:.1f}" for f in figures)
        memory = f", peak {max(self.peaks_mib):.0f} MiB" if self.peaks_mib else ""
        return f"{self.name}: min / median / max {text} {unit} ({len(self.seconds)} rounds){memory}"


def interleaved(contenders: dict[str, Callable[[], float | tuple[float, float]]],
                rounds: int) -> dict[str, Series]:  # fmt: skip
    """Each contender once a round, the order turned round each round. A contender returns
    its seconds (or seconds and peak MiB); what it does before timing is its own affair."""
    series = {name: Series(name) for name in contenders}
    names = list(contenders)
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            result = contenders[name]()
            seconds, peak = result if isinstance(result, tuple) else (result, None)
            series[name].seconds.append(seconds)
            if peak is not None:
                series[name].peaks_mib.append(peak)
    return series


def verdict(guard: Guard, ratio: float, target: float, what: str) -> str:
    """The ratio against its target, or why there is no verdict."""
    if not guard.quiet:
        return f"{what}: {ratio:.2f} (target <= {target}); no verdict, the machine was busy"
    met = "met" if ratio <= target else "MISSED"
    return f"{what}: {ratio:.2f} (target <= {target}): {met}"


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def tree_memory_mib(pid: int) -> float:
    """Memory of a process and all its descendants now: the sum of their proportional
    set sizes, so pages that forked workers share with their parent count once."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(next(line.split()[1] for line in rollup.splitlines()
                              if line.startswith("Pss:")))  # fmt: skip
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def command(args: list[str], cwd: Path) -> float:
    """Wall time of one command, run the way a clerk runs it."""
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            check=False)  # fmt: skip
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr.decode()}")
    return wall


def command_memory(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak memory (sum over the process tree, sampled every 50 ms) of one
    command. The sampling takes some CPU: time the command with ``command`` too."""
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_memory_mib(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()}")
    return wall, peak
