"""Atomic writing: an interrupted write leaves the old file or none, never a part."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.pipeline.writing import write_atomic


def test_write_replaces_completely(tmp_path: Path) -> None:
    target = tmp_path / "a" / "doc.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["doc.pdf"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_failure_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.docx"
    target.write_bytes(b"old")

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OutputError, match="the disk is full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]


def test_killed_render_leaves_no_partial_output(project: Path) -> None:
    """SIGKILL a real render while it writes: each output is absent or complete."""
    out = project / "out"
    script = (
        "import os, sys, time\n"
        "import generator.pipeline.writing as w\n"
        "real = os.replace\n"
        "def slow(a, b):\n"
        "    time.sleep(30)\n"
        "    real(a, b)\n"
        "w.Path.replace = lambda self, target: slow(self, target)\n"
        "from generator.cli.command import main\n"
        f"sys.exit(main(['render', {str(project / 'record.yaml')!r}, '--out', {str(out)!r}]))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], env={**os.environ, "GIAOBAN_LANG": "en"}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.exists()
    finished = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert finished == []  # the first output was still a temporary file when killed
    from generator.cli.command import main

    assert main(["render", str(project / "record.yaml"), "--out", str(out), "-q"]) == 0
    names = sorted(p.name for p in out.iterdir())
    # and the stale temporary is gone; the folder's state file records the run
    assert names == [
        ".giaoban-state.json",
        ".giaoban-state.lock",
        "record.tb.docx",
        "record.tb.pdf",
    ]
