"""Text in the legacy TCVN3 (ABC) and VNI encodings, found and converted.

Pasted from old Word files typed in .VnTime or VNI-Times fonts, such text
shows as Latin-1 look-alikes ("Céng hßa", "Coäng hoøa"). A word holding a
character that no Vietnamese word has is a suspect; it is converted with
both tables, and the one giving real syllables wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from generator.caches import cached
from generator.inputs.loading import load_yaml
from generator.resources import config_dir
from generator.vietnamese.syllables import is_acceptable_word

_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'“”/\\-]+")
_VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
VIETNAMESE_LETTERS = frozenset(_VIETNAMESE + _VIETNAMESE.upper() + "fjwzFJWZ")


@dataclass(frozen=True)
class Tables:
    tcvn3: dict[str, str]
    vni_letters: dict[str, str]
    vni_marks: dict[str, str]
    suspects: frozenset[str]


@cached
def tables() -> Tables:
    data = load_yaml(config_dir() / "vietnamese" / "legacy-encodings.yaml").data
    tcvn3 = data["tcvn3"]
    letters, marks = data["vni"]["letters"], data["vni"]["marks"]
    suspects = frozenset((set(tcvn3) | set(letters) | set(marks)) - VIETNAMESE_LETTERS)
    return Tables(tcvn3, letters, marks, suspects)


def from_tcvn3(word: str) -> str:
    table = tables().tcvn3
    return unicodedata.normalize("NFC", "".join(table.get(ch, ch) for ch in word))


def from_vni(word: str) -> str:
    t = tables()
    out: list[str] = []
    for ch in word:
        if ch in t.vni_marks and out and out[-1][:1].lower() in "aeiouyơư":
            out[-1] += t.vni_marks[ch]
        else:
            out.append(t.vni_letters.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


@dataclass(frozen=True)
class Legacy:
    encoding: str  # "TCVN3" or "VNI"
    original: str
    converted: str


def detect(text: str) -> Legacy | None:
    """The legacy encoding of ``text`` and the text converted, if it holds legacy words.

    Legacy text comes in runs (a fragment pasted from an old file), so each word
    is judged with its neighbours. A word is legacy when it is no Vietnamese
    word as it stands and becomes one converted ("hoäi" → "hội"); it is Unicode
    when the reverse holds, or when it has a letter no legacy table produces
    ("Đoàn", "việc"). A word that could be either ("Céng", "công") takes the
    side of the nearest word that is decided. Only legacy words are converted:
    valid Vietnamese and other Latin languages ("Müller", "Zürich", "naïve")
    stay exactly as written.
    """
    if not tables().suspects.intersection(text):
        return None
    found = [(name, _legacy_spans(text, convert)) for name, convert in _CONVERTERS]
    name, spans = max(found, key=lambda item: len(item[1]))
    if not spans:
        return None
    converter = dict(_CONVERTERS)[name]
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], converter(text[start:end])]
        last = end
    return Legacy(name, text, "".join([*out, text[last:]]))


def decode_8bit(raw: bytes) -> str | None:
    """A file saved in TCVN3 or VNI itself (one byte a letter, not UTF-8) as the text a
    Western font shows of it, which ``detect`` converts; ``None`` if it holds no legacy
    Vietnamese (then it is some other encoding, and giaoban does not guess)."""
    if b"\x00" in raw:  # UTF-16 or binary
        return None
    text = raw.decode("cp1252", errors="surrogateescape")
    text = re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)
    return text if detect(text) is not None else None


_CONVERTERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("TCVN3", from_tcvn3), ("VNI", from_vni),
)  # fmt: skip


def _legacy_spans(text: str, converter: Callable[[str], str]) -> list[tuple[int, int]]:
    """Where the legacy words of ``text`` are, for one table."""
    t = tables()
    domain = set(t.tcvn3) | set(t.vni_letters) | set(t.vni_marks)
    words = [m for m in _WORD.finditer(text) if not m.group(0).isascii()]
    sides: list[bool | None] = []  # True: legacy, False: Unicode, None: either
    for match in words:
        word = match.group(0)
        converted = converter(word)
        as_is, as_converted = is_acceptable_word(word), is_acceptable_word(converted)
        if converted == word or any(not ch.isascii() and ch not in domain for ch in word):
            sides.append(False)
        elif as_is != as_converted:
            sides.append(as_converted)
        else:
            sides.append(None)
    decided = [i for i, side in enumerate(sides) if side is not None]
    spans = []
    for i, match in enumerate(words):
        side = sides[i]
        if side is None and decided:
            side = sides[min(decided, key=lambda j: (abs(j - i), j))]
        if side:
            spans.append(match.span())
    return spans
