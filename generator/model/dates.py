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

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class BadDate(ValueError):
    """Why a text is no date, as a message id: ``invalid_date`` (not written as a date),
    ``no_such_day`` (31/9: the format was right) or ``date_range``."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(kind, value)
        self.kind = kind
        self.value = value


def looks_like_date(text: str) -> bool:
    return bool(_VN_DATE.match(text) or _ISO_DATE.match(text))


def parse_date(text: str) -> dt.date:
    """ "25/9/2024" as well as ISO "2024-09-25"; impossible days and far years refused."""
    match = _VN_DATE.match(text) or _ISO_DATE.match(text)
    if match is None:
        raise BadDate("invalid_date", text)
    parts = [int(g) for g in match.groups()]
    year, month, number = parts if match.re is _ISO_DATE else parts[::-1]
    try:
        day = dt.date(year, month, number)
    except ValueError as e:
        raise BadDate("no_such_day", text) from e
    return checked(day, text)


def checked(day: dt.date, text: str) -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise BadDate("date_range", text)
    return day
