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
from generator.errors import InputError
from generator.inputs.loading import decode_text, parse_yaml, read_bytes
from generator.vietnamese.encodings import decode_8bit, detect


@dataclass(frozen=True)
class FixResult:
    path: Path
    changed_lines: int
    backup: Path | None


def fix_file(path: Path, backup: bool = True) -> FixResult:
    """Convert the file's legacy-encoded and non-NFC text to NFC Unicode."""
    text, eight_bit = _read(path)
    lines = text.split("\n")
    changed = 0
    for index, original in enumerate(lines):
        converted = _fix_line(original)
        if converted != original or eight_bit:
            lines[index] = converted
            changed += converted != original
    # a file that does not load is refused before anything is touched
    parse_yaml(path, "\n".join(lines))
    if changed == 0 and not eight_bit:
        return FixResult(path, 0, None)
    backup_path = path.with_name(path.name + ".bak") if backup else None
    if backup_path is not None:
        write_atomic(backup_path, path.read_bytes())
    write_atomic(path, "\n".join(lines).encode("utf-8"))
    return FixResult(path, changed, backup_path)


def _read(path: Path) -> tuple[str, bool]:
    """The file's text, and whether it was saved in a legacy 8-bit encoding itself."""
    raw = read_bytes(path)
    try:
        return decode_text(path, raw), False
    except InputError:
        text = decode_8bit(raw)
        if text is None:
            raise  # not UTF-8 and no legacy Vietnamese either: the loader's advice stands
        return text, True


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
