"""The watch command: renders again on every change, goes on through mistakes, stops cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import GiaobanError, RenderResult
from generator.api import Options
from generator.commands.watch import watch

from conftest import write_yaml
from readback import pdf_words


class Rounds:
    """What a watch reports, round by round, for a test to wait on."""

    def __init__(self) -> None:
        self.seen: list[RenderResult | GiaobanError] = []
        self.arrived = threading.Event()

    def report(self, outcome: RenderResult | GiaobanError) -> None:
        self.seen.append(outcome)
        self.arrived.set()

    def next(self, why: str = "no render after the change") -> RenderResult | GiaobanError:
        assert self.arrived.wait(30), why
        self.arrived.clear()
        return self.seen[-1]


def test_watch_renders_again_on_change_and_survives_errors(project: Path) -> None:
    rounds = Rounds()
    report, next_round = rounds.report, rounds.next

    stop = threading.Event()
    out = project / "out"
    watcher = threading.Thread(target=watch, args=([project / "record.yaml"],),
                               kwargs={"report": report, "stop": stop,
                                       "options": Options(out=out, formats=("pdf",))})  # fmt: skip
    watcher.start()
    try:
        first = next_round()
        assert isinstance(first, RenderResult) and len(first.outputs) == 1
        time.sleep(0.5)  # let the watcher start before the first change
        record = project / "record.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Hội trường Tỉnh ủy", "Hội trường Ủy ban"), "utf-8")
        second = next_round()
        assert isinstance(second, RenderResult) and len(second.outputs) == 1
        assert "Hội trường Ủy ban" in " ".join(pdf_words(out / "record.tb.pdf"))
        record.write_text(text.replace("kind: briefing", "kind: party"), "utf-8")
        broken = next_round()
        assert isinstance(broken, GiaobanError)  # reported, and the watch goes on
        record.write_text(text, "utf-8")
        fixed = next_round()
        assert isinstance(fixed, RenderResult) and len(fixed.outputs) == 1
    finally:
        stop.set()
        watcher.join(30)
    assert not watcher.is_alive()


@pytest.mark.slow
def test_watch_command_renders_on_change_and_stops_on_ctrl_c(project: Path) -> None:
    import signal

    env = {**os.environ, "GIAOBAN_LANG": "en", "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-m", "generator", "watch", str(project / "record.yaml"),
            "--to", "pdf", "--out", str(project / "out")]  # fmt: skip
    # Test runners' workers may ignore SIGINT, and children inherit that: restore it,
    # as a clerk's terminal has it.
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                      signal.SIG_DFL))  # fmt: skip
    assert proc.stdout is not None

    def until_round() -> str:
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            seen.append(line)
            if "watching for changes" in line:
                return "".join(seen)
        raise AssertionError("".join(seen))

    try:
        first = until_round()
        assert "wrote" in first and "1 file written" in first
        time.sleep(0.5)
        record = project / "record.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Hội trường Tỉnh ủy", "Hội trường Ủy ban"), "utf-8")
        second = until_round()
        assert "record.tb.pdf" in second and "1 file written" in second
        assert "Hội trường Ủy ban" in " ".join(pdf_words(project / "out" / "record.tb.pdf"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 130  # interrupted, as the README says
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_watch_follows_what_the_settings_name(project: Path) -> None:
    from generator.commands.watch import watched_paths
    from generator.inputs.locations import builtin_profiles

    from conftest import SETTINGS

    (project / "mẫu").mkdir()
    (project / "profiles").mkdir()
    mine = project / "profiles" / "mine.yaml"
    mine.write_bytes(builtin_profiles()["hd36"].read_bytes())
    write_yaml(project / "giaoban.yaml",
               {**SETTINGS, "templates": "mẫu", "profile": "profiles/mine.yaml"})  # fmt: skip
    record = project / "record.yaml"
    found = watched_paths([record], Options())
    resolved = project.resolve()
    for expected in (record, project / "giaoban.yaml", project / "mẫu", mine):
        assert resolved / expected.relative_to(project) in found, expected


def test_watching_one_file_survives_editors_saving_by_rename(project: Path) -> None:
    """Editors (and ``sed -i``) write a new file and rename it over the record."""
    rounds = Rounds()
    stop = threading.Event()
    record = project / "record.yaml"
    options = Options(out=project / "out", formats=("docx",))
    kwargs = {"report": rounds.report, "stop": stop, "options": options}
    watcher = threading.Thread(target=watch, args=([record],), kwargs=kwargs)
    watcher.start()
    try:
        rounds.next("no first render")
        time.sleep(0.5)
        text = record.read_text(encoding="utf-8")
        for place in ("Hội trường Ủy ban", "Hội trường Mặt trận", "Nhà văn hóa tỉnh"):
            fresh = project / ".record.yaml.swp"
            fresh.write_text(text.replace("Hội trường Tỉnh ủy", place), encoding="utf-8")
            fresh.replace(record)
            latest = rounds.next(f"the save with {place!r} was not seen")
            assert isinstance(latest, RenderResult) and len(latest.outputs) == 1
    finally:
        stop.set()
        watcher.join(30)
    assert len(rounds.seen) == 4
