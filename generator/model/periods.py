"""Reporting periods: quarters, halves, nine months and years.

Written ``2024-Q3``, ``2024-H1``, ``2024-H2``, ``2024-9M`` and ``2024``; named in
documents (words from ``config/vocabulary.yaml``) "quý III năm 2024", "6 tháng đầu năm 2024",
"9 tháng năm 2024", "năm 2024". The previous period is the one of the same kind just before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from generator.model.kinds import MeetingKind


class PeriodKind(StrEnum):
    QUARTER = "Q"
    HALF = "H"
    NINE_MONTHS = "9M"
    YEAR = "Y"


_PATTERN = re.compile(r"^\s*(\d{4})(?:-(Q[1-4]|H[12]|9M))?\s*$", re.IGNORECASE)

#: First and last month of each kind of period, by index.
_MONTHS: dict[PeriodKind, dict[int, tuple[int, int]]] = {
    PeriodKind.QUARTER: {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)},
    PeriodKind.HALF: {1: (1, 6), 2: (7, 12)},
    PeriodKind.NINE_MONTHS: {0: (1, 9)},
    PeriodKind.YEAR: {0: (1, 12)},
}


class PeriodError(ValueError):
    """The text is not a period in one of the accepted notations."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    index: int = 0

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, _MONTHS[self.kind][self.index][0], 1)

    @property
    def end(self) -> dt.date:
        month = _MONTHS[self.kind][self.index][1]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def quarter_of(cls, day: dt.date) -> Period:
        return cls(day.year, PeriodKind.QUARTER, (day.month - 1) // 3 + 1)

    @classmethod
    def reviewed_at(cls, day: dt.date, kind: PeriodKind, grace_days: int) -> Period:
        """The period of ``kind`` a review held on ``day`` most likely reviews: the one
        before when held within ``grace_days`` after it (a six-month review in July reviews
        the first half), else the one it is held in (a year-end review in December)."""
        months = {PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}.get(kind)
        current = cls(day.year, kind, (day.month - 1) // months + 1 if months else 0)
        before = current.previous()
        return before if day <= before.end + dt.timedelta(days=grace_days) else current

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def previous(self) -> Period:
        if self.kind in (PeriodKind.QUARTER, PeriodKind.HALF) and self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        last = max(_MONTHS[self.kind])
        return Period(self.year - 1, self.kind, last)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"{self.year}-9M"
        return f"{self.year}-{self.kind.value}{self.index}"


def parse_period(text: str | int) -> Period:
    match = _PATTERN.match(str(text))
    if not match:
        raise PeriodError(str(text))
    year = int(match.group(1))
    if not 1900 <= year <= 2999:
        raise PeriodError(str(text))
    part = (match.group(2) or "").upper()
    if not part:
        return Period(year, PeriodKind.YEAR)
    if part == "9M":
        return Period(year, PeriodKind.NINE_MONTHS)
    return Period(year, PeriodKind(part[0]), int(part[1]))


#: The kind of period each kind of review reviews.
_REVIEWED = {
    MeetingKind.SIX_MONTH_REVIEW: PeriodKind.HALF,
    MeetingKind.ANNUAL_REVIEW: PeriodKind.YEAR,
}


#: How long after its period a review may be held, unless the settings say otherwise.
REVIEW_GRACE_DAYS = 92


def likely_reviewed(kind: MeetingKind, day: dt.date,
                    grace_days: int = REVIEW_GRACE_DAYS) -> Period | None:  # fmt: skip
    """The period a review of ``kind`` held on ``day`` most likely reviews (None for a
    meeting that is no review): what ``validate`` suggests and ``new`` writes."""
    reviewed = _REVIEWED.get(kind)
    return None if reviewed is None else Period.reviewed_at(day, reviewed, grace_days)
