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

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.errors import Problem
from generator.build.fingerprint import content_hash
from generator.build.writing import write_atomic

STATE_NAME = ".giaoban-state.json"
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


class OutputState:
    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_NAME
        self.entries: dict[str, Entry] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if loaded.get("format") == _FORMAT:
                for name, raw in loaded["outputs"].items():
                    warnings = [Problem.from_json(w) for w in raw.get("warnings", [])]
                    self.entries[name] = Entry(
                        Path(raw["name"]).name, raw["inputs"], raw["output"], warnings
                    )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}  # no state, or not ours: everything is rendered

    def why_stale(self, key: str, inputs: str) -> Reason | None:
        """``None`` if ``key``'s output was made from ``inputs`` and its file is as written."""
        entry = self.entries.get(key)
        if entry is None:
            return Reason.NEW
        if entry.inputs != inputs:
            return Reason.CHANGED
        try:
            data = (self.path.parent / entry.name).read_bytes()
        except OSError:
            return Reason.OUTPUT_CHANGED
        return None if content_hash(data) == entry.output else Reason.OUTPUT_CHANGED

    def record(
        self, key: str, output: Path, inputs: str, data: bytes, warnings: list[Problem]
    ) -> None:
        self.entries[key] = Entry(output.name, inputs, content_hash(data), list(warnings))

    def save(self) -> None:
        outputs = {key: _entry(e) for key, e in sorted(self.entries.items())}
        text = json.dumps({"format": _FORMAT, "outputs": outputs}, ensure_ascii=False, indent=1)
        write_atomic(self.path, text.encode("utf-8"))


def state_key(record: Path, doc: str, fmt: str) -> str:
    """Names an output in the folder's state before its record is read (by file, not id)."""
    return f"{record.resolve()}|{doc}|{fmt}"


def digest_state_key(period: object, fmt: str) -> str:
    """Names a period's report in the folder's state."""
    return f"digest|{period}|{fmt}"
