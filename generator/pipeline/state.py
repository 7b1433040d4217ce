"""What the last runs wrote into an output folder, to skip what is up to date.

``OUT/.giaoban-state.json`` maps each output (by record file, document and
format, so it is found before the record is read) to its file name, the hash
of the inputs it was made from and the hash of its own bytes. An output is
skipped only if both still match: the inputs did not change, and the file on
disk is the one giaoban wrote (not deleted, edited or replaced since). The state is written
after the outputs, atomically; a run that stops in between only means some
documents are rendered again next time.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from generator.errors import OutputError, Problem
from generator.inputs.loading import read_regular
from generator.messages import message, os_reason
from generator.pipeline.fingerprint import content_hash
from generator.pipeline.writing import write_atomic

STATE_NAME = ".giaoban-state.json"
#: Held while the state is read, merged and written, by one run at a time.
LOCK_NAME = ".giaoban-state.lock"
_FORMAT = 2


class Reason(StrEnum):
    """Why an output is rendered (each a message id, shown with ``--verbose``)."""

    NEW = "reason_new"
    CHANGED = "reason_changed"
    OUTPUT_CHANGED = "reason_output_changed"
    FORCED = "reason_forced"
    NO_SETTINGS = "reason_no_settings"


@dataclass
class Entry:
    #: The output's file name in the folder.
    name: str
    inputs: str
    output: str
    #: The record's text warnings when it was rendered, shown again when skipped.
    warnings: list[Problem] = field(default_factory=list)


def _entry(entry: Entry) -> dict[str, object]:
    warnings = [w.as_json() for w in entry.warnings]
    return {"name": entry.name, "inputs": entry.inputs, "output": entry.output,
            "warnings": warnings}  # fmt: skip


#: Largest state read: ten thousand outputs with their warnings take a few megabytes.
MAX_STATE_BYTES = 256 * 1024 * 1024
#: Largest output hashed to tell whether it is the file giaoban wrote.
MAX_OUTPUT_BYTES = 4 * 1024 * 1024 * 1024


def _read(path: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    raw = read_regular(path, MAX_STATE_BYTES)
    if raw is None:
        return {}  # no state yet, or something that is no state of ours (a FIFO)
    try:
        loaded = json.loads(raw)
        if loaded.get("format") == _FORMAT:
            for name, raw in loaded["outputs"].items():
                warnings = [Problem.from_json(w) for w in raw.get("warnings", [])]
                entries[name] = Entry(Path(raw["name"]).name, raw["inputs"], raw["output"],
                                      warnings)  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}  # no state, or not ours (or damaged): everything is rendered
    return entries


class OutputState:
    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_NAME
        self.entries = _read(self.path)
        self._recorded: set[str] = set()

    def why_stale(self, key: str, inputs: str) -> Reason | None:
        """``None`` if ``key``'s output was made from ``inputs`` and its file is as written."""
        entry = self.entries.get(key)
        if entry is None:
            return Reason.NEW
        if entry.inputs != inputs:
            return Reason.CHANGED
        data = read_regular(self.path.parent / entry.name, MAX_OUTPUT_BYTES)
        if data is None:  # gone, or replaced by something no run of ours writes
            return Reason.OUTPUT_CHANGED
        return None if content_hash(data) == entry.output else Reason.OUTPUT_CHANGED

    def record(
        self, key: str, output: Path, inputs: str, data: bytes, warnings: list[Problem]
    ) -> None:
        self.entries[key] = Entry(output.name, inputs, content_hash(data), list(warnings))
        self._recorded.add(key)

    def save(self) -> None:
        """Write what this run recorded into the state as it is on disk now.

        Another run may have written into the same folder since this one read
        the state: under a lock, the file is read again and only this run's
        entries replace theirs, so neither run's work is forgotten. A run that wrote
        nothing leaves the folder as it was (not even created).
        """
        if not self._recorded:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = _open_lock(self.path.with_name(LOCK_NAME))  # closed by the with below
        except OSError as e:
            reason = os_reason(e)
            raise OutputError(message("output_failed", path=self.path, reason=reason)) from e
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            merged = _read(self.path)
            merged.update({key: self.entries[key] for key in self._recorded})
            outputs = {key: _entry(e) for key, e in sorted(merged.items())}
            text = json.dumps({"format": _FORMAT, "outputs": outputs}, ensure_ascii=False,
                              indent=1)  # fmt: skip
            write_atomic(self.path, text.encode("utf-8"))
            self.entries = merged


def _open_lock(path: Path) -> BinaryIO:
    """The folder's lock file; anything else at its name (a FIFO, a folder's link) is no
    lock of ours and is replaced by one."""
    for _ in range(2):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.set_blocking(fd, True)
            return os.fdopen(fd, "r+b")
        os.close(fd)
        path.unlink()
    raise OSError(errno.EEXIST, "not a lock file", str(path))


def state_key(record: Path, doc: str, fmt: str) -> str:
    """Names an output in the folder's state before its record is read (by file, not id)."""
    return f"{record.resolve()}|{doc}|{fmt}"


def digest_state_key(period: object, fmt: str) -> str:
    """Names a period's report in the folder's state."""
    return f"digest|{period}|{fmt}"
