"""``giaoban fix``: legacy TCVN3/VNI text and non-NFC text converted in the file itself.

Only the text changes: comments, keys, quoting and layout stay as the user
wrote them, because the conversion runs word by word on the file's own lines
(keys are ASCII, which no legacy table touches). A line that is valid UTF-8
is never decoded again: only the lines whose bytes are not UTF-8 (a paste
from an old file saved in TCVN3 or VNI) are read as 8-bit text, and a line
that reads as neither is refused by its number with the file untouched.
The original is kept as ``FILE.bak`` (``FILE.bak.1``… when that exists, with
the file's own mode) unless the caller asks not to; a symbolic link stays a
link, its target converted; the new file is written atomically.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, Position, Problem
from generator.inputs.loading import encoding_problem, parse_yaml, read_bytes
from generator.messages import message
from generator.pipeline.writing import write_atomic
from generator.vietnamese.encodings import detect, foreign_words, read_mixed


@dataclass(frozen=True)
class FixResult:
    path: Path
    changed_lines: int
    backup: Path | None


def fix_file(path: Path, backup: bool = True) -> FixResult:
    """Convert the file's legacy-encoded and non-NFC text to NFC Unicode."""
    target = path.resolve()  # a link's target is converted and the link kept
    raw = read_bytes(target)
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    lines = _decoded_lines(path, raw[len(bom) :])
    changed = sum(line.converted != line.original for line in lines)
    text = "\n".join(line.converted for line in lines)
    # a file that does not load is refused before anything is touched
    parse_yaml(path, text)
    if changed == 0:
        return FixResult(path, 0, None)
    backup_path = _free_backup_name(path) if backup else None
    mode = target.stat().st_mode & 0o7777
    if backup_path is not None:
        write_atomic(backup_path, raw, mode=mode)
    write_atomic(target, bom + text.encode("utf-8"), mode=mode)
    return FixResult(path, changed, backup_path)


@dataclass(frozen=True)
class _Line:
    #: The line as read: UTF-8, or for a line that is not, the Windows-1252 reading of its bytes.
    original: str
    converted: str


def _decoded_lines(path: Path, raw: bytes) -> list[_Line]:
    """Each line as UTF-8, except those that are not: these are 8-bit legacy text, converted."""
    decoded: list[str | None] = []
    for chunk in raw.split(b"\n"):
        try:
            decoded.append(chunk.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    eight_bit = [i for i, text in enumerate(decoded) if text is None]
    if eight_bit and b"\x00" in raw:  # UTF-16, UTF-32 or no text at all: the loader's words
        raise InputError([encoding_problem(path, raw)])
    legacy = _legacy_lines(path, raw.split(b"\n"), eight_bit)
    return [
        _Line(legacy[i][0], legacy[i][1]) if text is None else _Line(text, _fix_line(text))
        for i, text in enumerate(decoded)
    ]


def _legacy_lines(
    path: Path, chunks: list[bytes], indexes: list[int]
) -> dict[int, tuple[str, str]]:
    """The lines that are not UTF-8, as read and converted; a line that is no legacy
    Vietnamese either (another 8-bit encoding, a binary file) is refused by its number."""
    if not indexes:
        return {}
    read = [read_mixed(chunks[i]) for i in indexes]
    # The file's legacy part is judged as one text: one table for all of it, and the
    # evidence of each line counts for the others (a line of names has little of its own),
    # but only for a line that has its own evidence or no word against it: a French line
    # in Windows-1252 beside a TCVN3 one ("Jean Dû, hôtel") is refused, not converted.
    found = detect("\n".join(read))
    converted = found.converted.split("\n") if found is not None else read
    out: dict[int, tuple[str, str]] = {}
    for i, before, after in zip(indexes, read, converted, strict=True):
        alone = detect(before)
        if alone is not None and alone.encoding == (found.encoding if found else None):
            after = alone.converted
        elif found is None or foreign_words(before, found.encoding):
            after = before
        if after == before:
            where = Position(path, i + 1)
            raise InputError([Problem(where, message("fix_line_not_legacy", line=i + 1))])
        out[i] = (before, unicodedata.normalize("NFC", after))
    return out


def _free_backup_name(path: Path) -> Path:
    """``FILE.bak``, or the first ``FILE.bak.N`` free: an older backup is never overwritten."""
    candidate = path.with_name(path.name + ".bak")
    number = 0
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    return candidate


_COMMENT = re.compile(r"(?:^|\s)#")


def _fix_text(text: str) -> str:
    normal = unicodedata.normalize("NFC", text)
    legacy = detect(normal, in_unicode=True)
    return legacy.converted if legacy is not None else normal


def _fix_line(line: str) -> str:
    """One line with its legacy words converted; a comment is a text of its own."""
    comment = _COMMENT.search(line)
    if comment is None:
        return _fix_text(line)
    return _fix_text(line[: comment.start()]) + _fix_text(line[comment.start() :])
