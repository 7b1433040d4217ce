"""Atomic output: a file is either absent, the old one, or complete.

Each output is written to a temporary file in the same folder, flushed to
disk and renamed over the target, so an interrupted run never leaves a
truncated DOCX or PDF that Word would refuse to open.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from generator.errors import OutputError
from generator.messages import message


def _mode_for(path: Path) -> int:
    """The mode a plainly created file would get: the old file's, else 0666 less umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: A temporary file older than this was left by a run that was killed mid-write; a
#: younger one may be another run's, writing into the same folder right now.
ORPHAN_AGE_SECONDS = 600


def _remove_orphans(path: Path) -> None:
    now = time.time()
    for stale in path.parent.glob(f".{path.name}.*.part"):
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if now - stale.stat().st_mtime > ORPHAN_AGE_SECONDS:
                stale.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of a unique name, renamed over it:
    runs writing into the same folder at once never touch each other's files."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise OutputError(message("output_failed", path=path, reason=e.strerror or e)) from e
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
        _remove_orphans(path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            reason = e.strerror or e
            raise OutputError(message("output_failed", path=path, reason=reason)) from e
        raise
