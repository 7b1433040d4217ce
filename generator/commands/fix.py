"""``giaoban fix``: legacy TCVN3/VNI text and non-NFC text converted in the file itself.

Only the text changes: comments, keys, quoting and layout stay as the user
wrote them, because the conversion runs word by word on the file's own lines
(keys are ASCII, which no legacy table touches). The original is kept as
``FILE.bak`` unless the caller asks not to, and the new file is written
atomically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.build.writing import write_atomic
from generator.inputs.loading import load_yaml, read_text
from generator.vietnamese.encodings import detect


@dataclass(frozen=True)
class FixResult:
    path: Path
    changed_lines: int
    backup: Path | None


def fix_file(path: Path, backup: bool = True) -> FixResult:
    """Convert the file's legacy-encoded and non-NFC text to NFC Unicode."""
    load_yaml(path)  # refuses a file that does not load, before anything is touched
    lines = read_text(path).split("\n")
    changed = 0
    for index, original in enumerate(lines):
        converted = _fix_line(original)
        if converted != original:
            lines[index] = converted
            changed += 1
    if changed == 0:
        return FixResult(path, 0, None)
    backup_path = path.with_name(path.name + ".bak") if backup else None
    if backup_path is not None:
        write_atomic(backup_path, path.read_bytes())
    write_atomic(path, "\n".join(lines).encode("utf-8"))
    return FixResult(path, changed, backup_path)


_COMMENT = re.compile(r"(?:^|\s)#")


def _fix_text(text: str) -> str:
    normal = unicodedata.normalize("NFC", text)
    legacy = detect(normal)
    return legacy.converted if legacy is not None else normal


def _fix_line(line: str) -> str:
    """One line with its legacy words converted; a comment is a text of its own."""
    comment = _COMMENT.search(line)
    if comment is None:
        return _fix_text(line)
    return _fix_text(line[: comment.start()]) + _fix_text(line[comment.start() :])
