"""What every benchmark here shares: the load guard, interleaved rounds, their statistics,
and whole commands timed with the peak memory of their process tree.

The machines are shared: a figure taken while something else runs can be twice too slow.
So the load average is printed before and after, and no verdict is printed when it was
above ``MAX_LOAD`` (1.0 on 2 cores: another busy process) before the run. After the run the
load average holds the benchmark's own work, so what is checked then is the CPU time the
machine spent outside the benchmark's processes meanwhile (``/proc/stat`` less their
``getrusage``): above ``MAX_OTHERS`` of the machine, no verdict either. Ours and the peer
run in one process tree, round after round, alternating which goes first, and each reports
its minimum (the least disturbed run), median and maximum.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: The tests' synthetic records and settings serve the benchmarks too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

#: Above this one-minute load average (on 2 cores) before a run, another process was busy.
MAX_LOAD = 1.0
#: Above this share of the machine's CPU time used by other processes during a run: busy.
MAX_OTHERS = 0.10


def load() -> float:
    return os.getloadavg()[0]


def _busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all processes), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU time of this process and of its children that have ended."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))  # fmt: skip


def settle(timeout: float = 240) -> None:
    """Wait (up to ``timeout`` seconds) for the load average to fall below ``MAX_LOAD``: after
    a previous benchmark it takes a minute or two."""
    deadline = time.monotonic() + timeout
    if load() > MAX_LOAD:
        print(f"waiting for the load average ({load():.2f}) to fall below {MAX_LOAD}…", flush=True)
    while load() > MAX_LOAD and time.monotonic() < deadline:
        time.sleep(5)


def calibration() -> float:
    """Seconds a fixed pure-Python loop takes now: the machine's speed at this moment (a
    shared host's neighbours slow it without showing in its load)."""
    start = time.perf_counter()
    total = 0
    for step in range(5_000_000):
        total += step
    return time.perf_counter() - start


@dataclass
class Guard:
    """The machine's load before a run and other processes' CPU share during it; a verdict
    only if both were low."""

    before: float = field(default_factory=load)
    started: float = field(default_factory=time.monotonic)
    busy: float = field(default_factory=_busy_seconds)
    own: float = field(default_factory=_own_seconds)
    after: float | None = None
    others: float | None = None
    speed: list[float] = field(default_factory=lambda: [calibration()])

    def close(self) -> None:
        self.speed.append(calibration())
        self.after = load()
        wall = time.monotonic() - self.started
        theirs = (_busy_seconds() - self.busy) - (_own_seconds() - self.own)
        self.others = max(0.0, theirs) / (wall * (os.cpu_count() or 1))

    @property
    def quiet(self) -> bool:
        return self.before <= MAX_LOAD and (self.others is None or self.others <= MAX_OTHERS)

    def report(self) -> str:
        cpus = os.cpu_count()
        text = f"load average before {self.before:.2f} on {cpus} CPUs"
        if self.after is not None and self.others is not None:
            text += (f", after {self.after:.2f} (the benchmark's own work); other processes "
                     f"used {self.others:.0%} of the machine meanwhile")  # fmt: skip
        loop = " and ".join(f"{s:.2f} s" for s in self.speed)
        text += f"; a 5-million-step Python loop took {loop}"
        busy = f"BUSY (load above {MAX_LOAD} or others above {MAX_OTHERS:.0%}): no verdict"
        return f"{text}: {'quiet' if self.quiet else busy}"


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


@dataclass
class Verdicts:
    """Each figure against its target, judged once the run is over and the guard knows
    whether the machine was quiet all along."""

    rows: list[tuple[str, float, float, str]] = field(default_factory=list)

    def add(self, what: str, value: float, target: float, unit: str = "") -> None:
        self.rows.append((what, value, target, unit))

    def report(self, guard: Guard) -> str:
        lines = ["\nverdicts" + ("" if guard.quiet else ": none, the machine was busy")]
        for what, value, target, unit in self.rows:
            judged = ("met" if value <= target else "MISSED") if guard.quiet else "no verdict"
            lines.append(f"  {what}: {value:.2f}{unit} (target <= {target}{unit}): {judged}")
        return "\n".join(lines)


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


def make_records(folder: Path, count: int, tasks: int = 2) -> Path:
    """``count`` synthetic meetings of 2024-Q3 with their settings, ``tasks`` tasks each;
    the records' folder."""
    from synthetic import write_records

    from conftest import SETTINGS, write_yaml

    write_yaml(folder / "giaoban.yaml", SETTINGS)
    write_records(folder / "records", count, dt.date(2024, 7, 1), 91, tasks=tasks)
    return folder / "records"


@contextmanager
def session() -> Iterator[tuple[Path, Verdicts]]:
    """A benchmark run: on a settled machine, in a scratch folder; the verdicts judged and
    the load reported at the end."""
    settle()
    guard = Guard()
    verdicts = Verdicts()
    print(guard.report())
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp), verdicts
    guard.close()
    print(verdicts.report(guard))
    print(f"\n{guard.report()}; Python {sys.version.split()[0]}")
