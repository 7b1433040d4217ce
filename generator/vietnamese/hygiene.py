"""Vietnamese text hygiene: what pasted text brings along, found and named.

Warnings by default (``--strict`` makes them errors): text that was not NFC,
legacy TCVN3/VNI text, missing or stray spaces around punctuation, doubled
spaces, straight quotes, a hyphen in a term of office, and tokens that are no
Vietnamese syllable (words glued together). Each finding names the field and
stands at the value's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.errors import Problem, Severity
from generator.inputs.loading import LoadedFile, Path_, field_name
from generator.messages import message
from generator.vietnamese.encodings import detect
from generator.vietnamese.syllables import is_acceptable_word, split_glued
from generator.vietnamese.text import DOCUMENT_SYMBOL

#: Fields whose values are codes, links or times, not prose.
SKIPPED_FIELDS = {
    "id", "url", "directive", "published", "time", "date", "deadline", "period",
    "kind", "level", "part_of_day", "status", "mode", "profile", "aggregate",
}  # fmt: skip

_CHECKS: list[tuple[str, re.Pattern[str]]] = [
    ("no_space_after", re.compile(r"(?<!\d)[,;](?=[^\W\d_])|(?<!\d):(?=[^\W\d_])")),
    ("no_space_after", re.compile(r"(?<=[^\W\d_A-Z]{2})\.(?=[^\W\d_][^\W\d_])")),
    ("space_before", re.compile(r"(?<=\S)[ \u00a0]+[,;:!?](?=\s|$)|(?<=\S)[ \u00a0]+\.(?![/.])")),
    ("space_in_brackets", re.compile(r"\([ \u00a0]+|[ \u00a0]+\)")),
    ("double_space", re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")),
    ("no_break_space", re.compile(r"(?<=\S)\u00a0(?=\S)")),
    (
        "lopsided_dash",
        re.compile(r"(?<=[^\W\d_])[-–][ ](?=[^\W\d_])|(?<=[^\W\d_])[ ][-–](?=[^\W\d_])"),
    ),
    ("straight_quote", re.compile(r"\"")),
    ("term_hyphen", re.compile(r"\b((?:19|20)\d\d)[ \u00a0]?-[ \u00a0]?((?:19|20)\d\d)\b")),
]
_TOKEN = re.compile(r"[^\W\d_]+")


def excerpt(text: str, start: int, end: int, margin: int = 18) -> str:
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in SKIPPED_FIELDS:
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def check_text(text: str, known_words: frozenset[str] = frozenset()) -> list[str]:
    """The findings of one text, as sentences."""
    legacy = detect(text, in_unicode=True)
    if legacy is not None:
        sample, fixed = excerpt(text, 0, 0, 40), excerpt(legacy.converted, 0, 0, 40)
        return [message("legacy_text", encoding=legacy.encoding, sample=sample, fixed=fixed)]
    findings = []
    for kind, pattern in _CHECKS:
        for match in pattern.finditer(text):
            findings.append(message(kind, excerpt=excerpt(text, match.start(), match.end())))
    # A document's symbol may mix cases ("CTr", "TTr"): it is no word to check.
    symbols = [m.span() for m in DOCUMENT_SYMBOL.finditer(text)]
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if is_acceptable_word(token, known_words):
            continue
        if any(start <= match.start() < end for start, end in symbols):
            continue
        split = split_glued(token)
        where = excerpt(text, match.start(), match.end())
        if split:
            findings.append(message("glued_words", token=token, left=split[0], right=split[1],
                                    excerpt=where))  # fmt: skip
        else:
            findings.append(message("not_a_syllable", token=token, excerpt=where))
    return findings


def check_file(
    loaded: LoadedFile, known_words: frozenset[str] = frozenset(), strict: bool = False
) -> list[Problem]:
    """Every finding in a loaded record, at its value's position."""
    severity = Severity.ERROR if strict else Severity.WARNING
    problems = [
        Problem(loaded.source.values[path], message(msg_id, field=field_name(path)), severity)
        for msg_id, paths in (("not_nfc", loaded.normalized), ("invisible", loaded.invisible))
        for path in paths
    ]
    for path, text in _strings(loaded.data):
        where = loaded.source.values[path]
        for finding in check_text(text, known_words):
            problems.append(Problem(where, f"{field_name(path)}: {finding}", severity))
    return problems
