"""The third adversarial round (issue 26): what hung, crashed or silently printed the
wrong thing, each now done or refused with a clear message and exit code."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.state import LOCK_NAME, STATE_NAME
from generator.cli.command import main

from conftest import RECORD, SETTINGS, write_yaml

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


@contextlib.contextmanager
def tcp_server(greeting: bytes = b"", reply: bytes = b"") -> Iterator[str]:
    """A TCP service that is no Dask scheduler: it says ``greeting`` on accepting, and
    ``reply`` once it has read something (a web server says nothing before a request)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        held = []
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(conn)
            conn.settimeout(1)
            with contextlib.suppress(OSError):
                conn.sendall(greeting)
                if reply and conn.recv(1024):
                    conn.sendall(reply)
        for conn in held:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


@pytest.mark.parametrize(
    ("greeting", "reply", "expected"),
    [(b"", b"", "said nothing in 3.0 s"),
     (b"", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", "said nothing in 3.0 s"),
     (b"SSH-2.0-OpenSSH_9.6\r\n", b"", "is not a Dask scheduler"),
     (b"\xff" * 16, b"", "is not a Dask scheduler")],
)  # fmt: skip
def test_a_service_that_is_no_scheduler_fails_in_bounded_time(
    project: Path, greeting: bytes, reply: bytes, expected: str
) -> None:
    """A silent server, a web server (the dashboard's port), a server that talks first
    (eight of its bytes once read as a frame length: MemoryError)."""
    with tcp_server(greeting, reply) as address:
        started = time.monotonic()
        done = giaoban("render", str(project / "record.yaml"), "--out", str(project / "out"),
                       "--scheduler", address, env={"GIAOBAN_SCHEDULER_TIMEOUT": "3"})  # fmt: skip
    assert time.monotonic() - started < 60
    assert done.returncode == 3, done.stderr
    assert address in done.stderr and expected in done.stderr
    assert "Traceback" not in done.stderr and not (project / "out").exists()


@pytest.mark.parametrize(
    ("address", "code"),
    [("garbage", 2), ("tcp://", 2), ("http://localhost:8786", 2), ("inproc://x", 2),
     ("tcp://127.0.0.1:99999", 2), ("tcp://127.0.0.1:1", 3)],
)  # fmt: skip
@pytest.mark.parametrize("command", ["render", "digest"])
def test_a_bad_or_unreachable_scheduler_address_is_named_with_its_exit_code(
    project: Path, address: str, code: int, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    period = ["--period", "2024-Q4"] if command == "digest" else []
    args = [command, str(project / "record.yaml"), "--out", str(project / "out"),
            "--scheduler", address, *period]  # fmt: skip
    assert main(args) == code
    assert address in capsys.readouterr().err


def test_a_scheduler_without_workers_says_so_and_gives_up(project: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as cluster:
        started = time.monotonic()
        done = giaoban("render", str(project / "record.yaml"), "--out", str(project / "out"),
                       "--scheduler", cluster.scheduler_address,
                       env={"GIAOBAN_SCHEDULER_TIMEOUT": "3"})  # fmt: skip
    assert time.monotonic() - started < 60
    assert done.returncode == 3, done.stderr
    assert "has no workers yet; waiting" in done.stderr
    assert "no worker joined the scheduler" in done.stderr


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        ({"tb": {"closing": "Trân trọng {"}}, "documents.tb.closing: 'Trân trọng {'"),
        ({"digest": {"summary": "Kết quả }"}}, "documents.digest.summary: 'Kết quả }'"),
        ({"digest": {"summary": "Kết quả {{period}}"}}, "'Kết quả {{period}}'"),
        ({"tb": {"closing": "{period} nay"}}, "'{period} nay' is not a line"),
        ({"dijest": {"summary": "Kết quả"}}, "documents.dijest: unknown field 'dijest'; did you"
                                             " mean 'digest'?"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "render"])
def test_settings_lines_and_document_keys_are_checked_as_strictly_as_a_record(
    project: Path, documents: dict[str, object], expected: str, command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """A lone brace crashed the render (exit 70) after validate said 0 errors; "{{period}}"
    printed "{period}"; a misspelt document type was silently ignored."""
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "documents": documents})
    out = ["--out", str(project / "out")] if command == "render" else []
    assert main([command, str(project / "record.yaml"), *out]) == 1
    err = capsys.readouterr().err
    assert "giaoban.yaml:" in err and expected in err
    assert not (project / "out").exists()
