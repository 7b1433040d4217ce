"""Atomic output: a file is either absent, the old one, or complete.

Each output is written to a temporary file in the same folder, flushed to
disk and renamed over the target, so an interrupted run never leaves a
truncated DOCX or PDF that Word would refuse to open; what a killed run left
is removed by the next (``remove_orphans``, once per run and folder).
"""

from __future__ import annotations

import hashlib
import os
import re
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


def remove_orphans(folder: Path) -> None:
    """Temporary files left in ``folder`` by runs that were killed mid-write: once per run
    (listing a folder of twenty thousand outputs at every write cost 12 ms a file).

    A temporary file's name holds the process that writes it; one whose process
    is gone is an orphan. Another run's, writing into the same folder right
    now, is left alone.
    """
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".part")]
    except OSError:
        return  # no folder yet: nothing left behind in it
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match is not None and not _running(int(match.group("pid"))):
            (folder / name).unlink(missing_ok=True)


#: ``.NAME.PID.RANDOM.part``: what ``write_atomic`` writes before renaming.
_TEMPORARY = re.compile(r"\..+\.(?P<pid>\d+)\.[^.]+\.part")
#: Bytes of the target's name kept in a temporary name: with the process id, the random
#: part and the suffix, the whole stays within the 255 bytes a file name may have.
_NAME_BYTES = 200


def _temporary_prefix(path: Path) -> str:
    """``.NAME.PID.`` with NAME cut short (and a hash of it added) when it is long."""
    name = path.name
    if len(name.encode("utf-8", "surrogateescape")) > _NAME_BYTES:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        short = name.encode("utf-8", "surrogateescape")[: _NAME_BYTES - 13]
        name = short.decode("utf-8", "ignore") + "~" + digest
    return f".{name}.{os.getpid()}."


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
        fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=".part",
                                   dir=path.parent)  # fmt: skip
    except OSError as e:
        raise OutputError(message("output_failed", path=path, reason=os_reason(e))) from e
    try:
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            reason = os_reason(e)
            raise OutputError(message("output_failed", path=path, reason=reason)) from e
        raise
