"""The dates a record, an option or a build stamp may hold.

A typo in a year ("2204", "0024") is caught at its line, and every date fits
the formats documents and their files are written in (a DOCX package cannot
date its entries after 2107). A module of its own, free of the models, so the
command line checks its date options without loading them.
"""

from __future__ import annotations

import datetime as dt
import re

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

#: Invisible characters pasted along with a date from a web page or a chat (a trailing
#: zero-width space is common); they never change what the date says.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
#: Day first (Vietnamese order) with "/", "-" or "." between; a two-digit year is 20YY.
_VN_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
#: Year first (ISO order), with "-" or "/".
_ISO_DATE = re.compile(r"^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$")
#: "ngày 30/6/2024" and "ngày 30 tháng 6 năm 2024", as a date is written in prose.
_IN_WORDS = re.compile(r"^(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$")


class BadDate(ValueError):
    """Why a text is no date, as a message id: ``invalid_date`` (not written as a date),
    ``no_such_day`` (31/9: the format was right) or ``date_range``."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(kind, value)
        self.kind = kind
        self.value = value


def _parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a text written as a date, or None."""
    bare = " ".join(text.translate(_INVISIBLE).split())
    if bare[:5].casefold() == "ngày ":
        bare = bare[5:]
    if match := _VN_DATE.match(bare):
        day, _, month, year = match.groups()
        return (2000 + int(year) if len(year) == 2 else int(year)), int(month), int(day)
    if match := _ISO_DATE.match(bare):
        year, _, month, day = match.groups()
        return int(year), int(month), int(day)
    if match := _IN_WORDS.match(bare.casefold()):
        day, month, year = match.groups()
        return int(year), int(month), int(day)
    return None


def looks_like_date(text: str) -> bool:
    """Whether ``text`` is written as a date (it may still be an impossible day)."""
    return _parts(text) is not None


def parse_date(text: str) -> dt.date:
    """A date as clerks type it: "25/9/2024", "25-9-2024", "25.9.2024", "25/9/24", ISO
    "2024-09-25" or "2024/9/25", "ngày 25/9/2024"; impossible days and far years refused."""
    parts = _parts(text)
    if parts is None:
        raise BadDate("invalid_date", text)
    try:
        day = dt.date(*parts)
    except ValueError as e:
        raise BadDate("no_such_day", text) from e
    return checked(day, text)


def checked(day: dt.date, text: str) -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise BadDate("date_range", text)
    return day
