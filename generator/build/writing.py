"""Atomic output: a file is either absent, the old one, or complete.

Each output is written to a temporary file in the same folder, flushed to
disk and renamed over the target, so an interrupted run never leaves a
truncated DOCX or PDF that Word would refuse to open.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import OutputError
from generator.messages import message, os_reason


def _mode_for(path: Path) -> int:
    """The mode a plainly created file would get: the old file's, else 0666 less umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_orphans(path: Path) -> None:
    """Temporary files of ``path`` left by runs that were killed mid-write.

    A temporary file's name holds the process that writes it; one whose process
    is gone is an orphan. Another run's, writing into the same folder right
    now, is left alone.
    """
    for stale in path.parent.glob(f".{path.name}.*.part"):
        pid = stale.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            stale.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but another user's
    return True


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file of a unique name, renamed over it:
    runs writing into the same folder at once never touch each other's files. The file
    gets ``mode``, else the old file's, else what a plainly created file would get."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{path.name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=path.parent)
    except OSError as e:
        raise OutputError(message("output_failed", path=path, reason=os_reason(e))) from e
    try:
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
        _remove_orphans(path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            reason = os_reason(e)
            raise OutputError(message("output_failed", path=path, reason=reason)) from e
        raise
