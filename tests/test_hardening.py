"""The third adversarial round (issue 26): what hung, crashed or silently printed the
wrong thing, each now done or refused with a clear message and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build.state import LOCK_NAME, STATE_NAME

from conftest import RECORD, write_yaml

#: A run in its own process, so that a hang fails the test instead of blocking it.
RUN_TIMEOUT = 120


def giaoban(
    *args: str, env: dict[str, str] | None = None, timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, timeout=timeout, env=environment)  # fmt: skip


@pytest.mark.parametrize("fifo", [STATE_NAME, LOCK_NAME, "record.tb.docx"])
def test_a_fifo_in_the_output_folder_never_blocks_a_render(project: Path, fifo: str) -> None:
    out = project / "out"
    assert giaoban("render", str(project / "record.yaml"), "--to", "docx", "--out", str(out),
                   "-q").returncode == 0  # fmt: skip
    (out / fifo).unlink(missing_ok=True)
    os.mkfifo(out / fifo)
    write_yaml(project / "record.yaml", {**RECORD, "place": "Hội trường UBND tỉnh"})
    done = giaoban("render", str(project / "record.yaml"), "--to", "docx", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "record.tb.docx").is_file()
