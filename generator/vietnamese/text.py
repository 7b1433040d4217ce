"""Vietnamese writing conventions: dates, Roman numerals, case, sentence ends."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from generator.caches import cached

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def roman(number: int) -> str:
    """Quarters and section numbers are written in Roman numerals ("quý III")."""
    if number <= 0:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def day_month_year(
    day: dt.date, *, pad_day_below: int = 0, pad_months: frozenset[int] = frozenset()
) -> tuple[str, str, str]:
    """Day, month and year as the date line writes them.

    NĐ30 and HD36 pad days below 10 and the months January and February with a
    leading zero ("ngày 05 tháng 01", but "tháng 6"); prose writes no zeros.
    """
    d = f"{day.day:02d}" if day.day < pad_day_below else str(day.day)
    m = f"{day.month:02d}" if day.month in pad_months else str(day.month)
    return d, m, str(day.year)


def date_prose(day: dt.date) -> str:
    """ "ngày 25 tháng 9 năm 2024", as a date is written in running text."""
    d, m, y = day_month_year(day)
    return f"ngày {d} tháng {m} năm {y}"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


#: What may end a document's content: the mark of one standard is replaced by another's.
END_MARKS = ("./.", ".", ";", ":", ",")


def end_document(text: str, mark: str = "./.") -> str:
    """The content's last sentence with the format's closing mark: "./." (NĐ30, HD36) or a
    full stop (HD05), whatever mark the text was written with."""
    stripped = text.rstrip()
    if mark == "." and stripped.endswith(("…", "!", "?")):
        return stripped  # a sentence already ended: no second stop
    while stripped.endswith(END_MARKS):
        stripped = stripped.removesuffix("./.").rstrip(".;:,").rstrip()
    return stripped + mark


def end_sentence(text: str) -> str:
    stripped = text.rstrip()
    if stripped.endswith((".", "!", "?", ":", "…")):
        return stripped
    return stripped.rstrip(";,") + "."


def clause(text: str) -> str:
    """A text as part of a longer sentence: without its final stop, so nothing doubles
    ("… năm 2032. (thời hạn…)." becomes "… năm 2032 (thời hạn…).")."""
    return text.rstrip().rstrip(".;,:").rstrip()


def sentence(text: str) -> str:
    """A fragment as a paragraph: capital first letter, closing full stop."""
    return end_sentence(upper_first(text))


#: A document's number and symbol ("01-CTr/MTTQ", "15-KH/HND", "05/BC-UBND").
DOCUMENT_SYMBOL = re.compile(r"\b\d+[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ&]*)+")
_QUARTER = re.compile(r"\b([Qq]uý|QUÝ) (I{1,3}|IV)/(?=\d{4}\b)")
_SPACED_DASH = re.compile(r"(?<=\w) – (?=\w)")
#: Joins that keep their parts on one line: a no-break space, a no-break hyphen, and a
#: word joiner after a symbol's slash (a line may otherwise break after "/").
_NO_BREAK_SPACE, _NO_BREAK_HYPHEN, _WORD_JOINER = "\u00a0", "\u2011", "\u2060"


def _symbol_joined(match: re.Match[str]) -> str:
    return match.group().replace("-", _NO_BREAK_HYPHEN).replace("/", "/" + _WORD_JOINER)


def joined(text: str) -> str:
    """Text whose units a reader never sees split over two lines: "quý I/2024", a document
    symbol ("15-KH/HND"), a term joined by a spaced dash ("chính trị – xã hội")."""
    text = _QUARTER.sub(lambda m: f"{m[1]}{_NO_BREAK_SPACE}{m[2]}/", text)
    text = DOCUMENT_SYMBOL.sub(_symbol_joined, text)
    return _SPACED_DASH.sub(f"{_NO_BREAK_SPACE}–{_NO_BREAK_SPACE}", text)


def unjoined(text: str) -> str:
    """``joined`` undone: the text as a clerk types it (plain spaces and hyphens, no word
    joiners), for a document read back into a record."""
    return (text.replace(_NO_BREAK_SPACE, " ").replace(_NO_BREAK_HYPHEN, "-")
            .replace(_WORD_JOINER, ""))  # fmt: skip


#: A number as Vietnamese documents write it: dots between thousands, a decimal comma.
_VN_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")


def read_number(text: str) -> int | float | None:
    """ "1.250" (one thousand two hundred fifty), "1,5" (one and a half), "1.250.000,5":
    the Vietnamese convention; None when the text is no number written that way."""
    bare = text.strip()
    if not _VN_NUMBER.match(bare):
        return None
    plain = bare.replace(".", "").replace(",", ".")
    return float(plain) if "." in plain else int(plain)


def number(value: int | float | Decimal | str) -> str:
    """Numbers as Vietnamese documents write them ("1.234.567,5"), with every decimal the
    value has: 12.345 ha stays "12,345", never rounded to two places. A figure in words
    ("hàng chục") is printed as written."""
    from babel.numbers import format_decimal

    if isinstance(value, str):
        return value

    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return str(format_decimal(exact, locale="vi", decimal_quantization=False))


#: Combining marks of the five tones; where a word carries its tone is a matter of style.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+")
#: A syllable whose whole rhyme is "y" after a consonant ("tỷ", "kỹ", "lý") is also
#: written with "i" ("tỉ", "kĩ", "lí"); "uy" ("thủy", "tuy") is another rhyme.
_Y_RHYME = re.compile(r"([bcdđghklmnprstvx]+)y")


def _spelling(word: str) -> str:
    """One spelling of a word a Vietnamese reader sees as one: the tone moved to the end
    ("hoà" and "hòa", "uỷ" and "ủy"), a lone final "y" as "i" ("tỷ lệ" and "tỉ lệ")."""
    decomposed = unicodedata.normalize("NFD", word)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    tones = "".join(c for c in decomposed if c in _TONES)
    if match := _Y_RHYME.fullmatch(base):
        base = match.group(1) + "i"
    return base + tones


@cached  # names and labels come back in every record; ``watch`` clears it between rounds
def name_key(text: str) -> str:
    """Two texts name the same thing when they differ only in spacing, case, final stop or
    the spelling variants of one word ("Uỷ"/"Ủy", "hoà"/"hòa", "tỷ lệ"/"tỉ lệ")."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().rstrip(".;").casefold()
    return _WORD.sub(lambda word: _spelling(word.group()), folded)
