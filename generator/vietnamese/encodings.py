"""Text in the legacy TCVN3 (ABC) and VNI encodings, found and converted.

Pasted from old Word files typed in .VnTime or VNI-Times fonts, such text
shows as Latin-1 look-alikes ("Céng hßa", "Coäng hoøa"). A word holding a
character that no Vietnamese word has is a suspect; it is converted with
both tables, and the one giving real syllables wins.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from generator.caches import cached
from generator.inputs.loading import load_yaml
from generator.resources import config_dir
from generator.vietnamese.syllables import is_acceptable_word

#: A word: what no punctuation splits. Typographic marks no legacy table uses for a letter
#: (curly quotes, dashes, "…", "%", "*", "+", "•") end a word too, so "kiÕn—kÕt" is two.
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'“”‘’/\\\-–—…%*+•]+")
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


def detect(text: str, in_unicode: bool = False) -> Legacy | None:
    """The legacy encoding of ``text`` and the text converted, if it holds legacy words.

    Legacy text comes in runs (a fragment pasted from an old file), so each word
    is judged with its neighbours. A word is legacy when it is no Vietnamese
    word as it stands and becomes one converted ("hoäi" → "hội"); it is Unicode
    when the reverse holds, or when it has a letter no legacy table produces
    ("Đoàn", "việc"). A word that could be either ("Céng", "công") takes the
    side of the nearest word that is decided.

    Both tables turn many Latin-1 words into syllables ("Dû" → "Dỷ", "Loïc" →
    "Lọc"), so a text is converted only on evidence no Western prose gives:
    legacy words outnumber the foreign ones, and one of them has a sign no
    Latin word has (TCVN3's "x·", "th­êng", a capital inside "ViÖt"; VNI's
    mark after a vowel, "hoäi", "hoøa"), with a second legacy word for VNI,
    whose signs are all Latin letters. Valid Vietnamese and other Latin
    languages ("Müller", "Loïc", "où, là, hôtel") stay exactly as written.
    ``in_unicode``: the text is valid Unicode (a font's legacy letters typed into a UTF-8
    file), not bytes that could be nothing else: two legacy words are asked of either
    table, as one alone ("gÖ", "¡°") could be any stray characters.
    """
    if not tables().suspects.intersection(text):
        return None
    found = [(name, _legacy_spans(text, convert, sign, in_unicode))
             for name, convert, sign in _CONVERTERS]  # fmt: skip
    name, spans = max(found, key=lambda item: len(item[1]))
    if not spans:
        return None
    converter = next(convert for n, convert, _ in _CONVERTERS if n == name)
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], converter(text[start:end])]
        last = end
    return Legacy(name, text, "".join([*out, text[last:]]))


def read_8bit(raw: bytes) -> str:
    """Bytes saved in TCVN3 or VNI itself (one byte a letter, not UTF-8) as the text a
    Western font shows of them, which ``detect`` converts (a byte Windows-1252 leaves
    undefined stands for the character of its number)."""
    text = raw.decode("cp1252", errors="surrogateescape")
    return re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)


def read_mixed(raw: bytes) -> str:
    """A line that is not UTF-8 as a whole: its valid UTF-8 characters as they are (a line
    typed in Unicode, then a paste of legacy bytes), its other bytes as ``read_8bit`` shows
    them, for ``detect`` to convert. ASCII reads the same either way."""
    text = raw.decode("utf-8", errors="surrogateescape")
    return re.sub("[\udc80-\udcff]+", lambda m: read_8bit(m.group().encode("utf-8",
                  "surrogateescape")), text)  # fmt: skip


#: Letters of Western prose in Windows-1252: a word made only of these may be a Latin word.
_WESTERN = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(map(chr, range(0xC0, 0x100)))
    + "ŒœŠšŽžŸƒ"
) - frozenset("×÷")
#: VNI marks that no Western word puts right after a vowel ("hoäi", "hoøa", "xaõ", "chuû").
_VNI_SIGNS = re.compile("[aeiouyAEIOUYôöÔÖ][äøõûåãàÄØÕÛÅÃÀ]")


def _tcvn3_sign(word: str) -> bool:
    """A TCVN3 word no Western prose has: a symbol for a letter, or a capital inside."""
    return any(ch not in _WESTERN for ch in word if not ch.isascii()) or any(
        a.islower() and b.isupper() for a, b in itertools.pairwise(word)
    )


def _vni_sign(word: str) -> bool:
    return _VNI_SIGNS.search(word) is not None


_CONVERTERS: tuple[tuple[str, Callable[[str], str], Callable[[str], bool]], ...] = (
    ("TCVN3", from_tcvn3, _tcvn3_sign), ("VNI", from_vni, _vni_sign),
)  # fmt: skip


def _plain_case(word: str) -> bool:
    """Lower case, capitals, or a capital first: how a converted word can be written."""
    return word in (word.lower(), word.upper(), word[:1].upper() + word[1:].lower())


@cached
def _same_in_tcvn3() -> frozenset[str]:
    """Letters a TCVN3 byte shows as themselves ("ý", byte 0xFD): a word with them ("quý")
    reads the same either way, so it follows its neighbours instead of deciding."""
    shown = (read_8bit(bytes([b])) for b in range(0x80, 0x100))
    return frozenset(c for c in shown if c in VIETNAMESE_LETTERS and from_tcvn3(c) == c)


@dataclass(frozen=True)
class _Judgement:
    """Each non-ASCII word of a text judged for one table, and the counts of evidence."""

    words: list[re.Match[str]]
    #: True: legacy, False: Unicode or foreign, None: either.
    sides: list[bool | None]
    legacy: int
    either: int
    signed: int
    foreign: int


def _judged(text: str, converter: Callable[[str], str], sign: Callable[[str], bool]) -> _Judgement:
    t = tables()
    domain = set(t.tcvn3) | set(t.vni_letters) | set(t.vni_marks) | _same_in_tcvn3()
    words = [m for m in _WORD.finditer(text) if not m.group(0).isascii()]
    sides: list[bool | None] = []
    legacy = either = signed = foreign = 0
    for match in words:
        word = match.group(0)
        converted = converter(word)
        as_is = is_acceptable_word(word)
        # Converted into capitals, a word must still be a syllable in lower case: symbols
        # that happen to map to capitals ("¡¯" → "ĂẰ") look like an acronym, not a word.
        as_converted = _plain_case(converted) and is_acceptable_word(converted.lower())
        if any(not ch.isascii() and ch not in domain for ch in word):
            sides.append(False)
        elif converted == word:  # the same in both ("quý", "lý"): it follows its neighbours
            sides.append(None)
        elif as_is != as_converted:
            sides.append(as_converted)
        elif not as_is:  # Vietnamese in neither reading ("Müller"): left as written
            sides.append(False)
        else:
            sides.append(None)
        legacy += sides[-1] is True
        either += sides[-1] is None
        # A sign counts in a word that also has a plain letter: symbols alone ("¡°", "¸")
        # map to lone vowels, which any stray punctuation could be.
        signed += sides[-1] is True and sign(word) and any(c.isascii() for c in word)
        foreign += sides[-1] is False or not (as_is or as_converted)
    return _Judgement(words, sides, legacy, either, signed, foreign)


def foreign_words(text: str, encoding: str) -> int:
    """How many words of ``text`` are neither Vietnamese as they stand nor once converted
    from ``encoding`` ("hôtel", "Métropole"): a line with any is not converted on the
    evidence of other lines."""
    converter, sign = next((c, s) for name, c, s in _CONVERTERS if name == encoding)
    return _judged(text, converter, sign).foreign


def _legacy_spans(
    text: str, converter: Callable[[str], str], sign: Callable[[str], bool], in_unicode: bool
) -> list[tuple[int, int]]:
    """Where the legacy words of ``text`` are, for one table; none without its evidence."""
    judged = _judged(text, converter, sign)
    least = 2 if sign is _vni_sign or in_unicode else 1
    if (not judged.signed or judged.legacy + judged.either < least
            or judged.legacy <= judged.foreign):  # fmt: skip
        return []
    sides = judged.sides
    decided = [i for i, side in enumerate(sides) if side is not None]
    spans = []
    for i, match in enumerate(judged.words):
        side = sides[i]
        if side is None and decided:
            side = sides[min(decided, key=lambda j: (abs(j - i), j))]
        if side:
            spans.append(match.span())
    return spans
