"""Vietnamese writing conventions: dates, Roman numerals, case, sentence ends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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


def number(value: int | float | Decimal | str) -> str:
    """Numbers as Vietnamese documents write them ("1.234.567,5"), with every decimal the
    value has: 12.345 ha stays "12,345", never rounded to two places. A figure in words
    ("hàng chục") is printed as written."""
    from babel.numbers import format_decimal

    if isinstance(value, str):
        return value

    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return str(format_decimal(exact, locale="vi", decimal_quantization=False))
