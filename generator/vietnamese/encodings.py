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


def _score(words: list[str]) -> int:
    return sum(map(is_acceptable_word, words))


def detect(text: str) -> Legacy | None:
    """The legacy encoding of ``text`` and the text converted, if it has suspect words."""
    suspects = tables().suspects
    words = [w for w in _WORD.findall(text) if suspects.intersection(w)]
    if not words:
        return None
    if _score([from_vni(w) for w in words]) > _score([from_tcvn3(w) for w in words]):
        return Legacy("VNI", text, _convert(text, from_vni))
    return Legacy("TCVN3", text, _convert(text, from_tcvn3))


def _convert(text: str, word_converter: Callable[[str], str]) -> str:
    """Every word of a legacy text converted; spaces and punctuation kept as they were."""
    return _WORD.sub(lambda match: word_converter(match.group(0)), text)
