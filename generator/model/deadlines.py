"""Deadlines as clerks write them, read as the last day a clerk reads in them.

A deadline is a date, or words: "trong quý II năm 2024" ends on 30/6/2024, "trước
ngày 30/6/2024" on 29/6/2024, "6 tháng đầu năm 2024" on 30/6/2024, "trong tháng
10/2024" on 31/10/2024. Documents print the words as written; a digest judges
them by that last day, as it judges a date. Ongoing work ("thường xuyên",
"hằng năm") has no last day and is never overdue; neither are words giaoban
cannot read, which ``validate`` points out instead of guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from generator.model.dates import FIRST_DATE, LAST_DATE, BadDate, parse_date
from generator.model.periods import Period, PeriodKind

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
#: "/2024", "-2024", " năm 2024", " 2024" and "năm/2024" after a period's name.
_YEAR = r"(?:\s*[/-]\s*|\s+năm\s*/?\s*|\s+)(?P<year>\d{4})"
#: What may stand before the period or day: "trước" ends the day before it; the others
#: ("trong", "đến hết", "chậm nhất là", "hoàn thành trong", …) end on its last day.
_LEAD = (
    r"^(?:(?:hoàn thành|xong|thực hiện|báo cáo)\s+)?"
    r"(?:(?P<before>trước)|chậm nhất(?:\s+(?:là|vào|trong))?|đến(?:\s+hết)?|hết"
    r"|trong(?:\s+(?:cả|suốt))?|vào(?:\s+cuối)?|cuối|hạn(?:\s+chót)?\s*:?)?\s*"
)
_PATTERNS = {
    "quarter": r"quý\s+(?P<index>iv|iii|ii|i|[1-4])" + _YEAR,
    "half": r"(?:0?6|sáu)\s+tháng\s+(?P<side>đầu|cuối)\s+năm\s*/?\s*(?P<year>\d{4})",
    "nine_months": r"(?:0?9|chín)\s+tháng(?:\s+đầu)?\s+năm\s*/?\s*(?P<year>\d{4})",
    "month": r"tháng\s+(?P<month>\d{1,2})(?:\s*[/-]\s*|\s+năm\s+)(?P<year>\d{4})",
    "year": r"năm\s+(?P<year>\d{4})",
    "day": r"(?P<day>(?:ngày\s+)?\S+|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
}
_FORMS: dict[str, re.Pattern[str]] = {
    name: re.compile(_LEAD + pattern + r"$") for name, pattern in _PATTERNS.items()
}
#: A period named inside a title ("Hội nghị sơ kết 6 tháng đầu năm 2024"), most precise first.
_NAMED = [(name, re.compile(r"(?<!\w)" + _PATTERNS[name] + r"(?!\d)"))
          for name in ("half", "nine_months", "quarter", "year")]  # fmt: skip
#: Characters pasted along with text that change nothing it says.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _normal(text: str) -> str:
    """Lower case, single spaces, no invisible characters nor final stop."""
    bare = unicodedata.normalize("NFC", text).translate(_INVISIBLE).casefold()
    return " ".join(bare.split()).rstrip(".;,")


def _period(form: str, match: re.Match[str]) -> Period | None:
    if form in ("month", "day"):
        return None
    year = int(match["year"])
    if form == "quarter":
        index = match["index"]
        return Period(year, PeriodKind.QUARTER, _ROMAN.get(index) or int(index))
    if form == "half":
        return Period(year, PeriodKind.HALF, 1 if match["side"] == "đầu" else 2)
    if form == "nine_months":
        return Period(year, PeriodKind.NINE_MONTHS)
    return Period(year, PeriodKind.YEAR)


def named_period(text: str) -> Period | None:
    """The period a text names ("tổng kết công tác năm 2024", "sơ kết 6 tháng đầu năm
    2024"), or None: what a review's title says it reviews."""
    bare = _normal(text)
    for form, pattern in _NAMED:
        match = pattern.search(bare)
        if match is not None and FIRST_DATE.year <= int(match["year"]) <= LAST_DATE.year:
            return _period(form, match)
    return None


def _span(form: str, match: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day the words name, or None if they name no real day."""
    if form != "day" and not FIRST_DATE.year <= int(match["year"]) <= LAST_DATE.year:
        return None
    period = _period(form, match)
    if period is not None:
        return period.start, period.end
    if form == "month":
        year, month = int(match["year"]), int(match["month"])
        if not 1 <= month <= 12:
            return None
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    try:
        day = parse_date(match["day"])
    except BadDate:
        return None
    return day, day


def last_day(deadline: dt.date | str) -> dt.date | None:
    """The last day a deadline allows, or None when it has none that giaoban can read
    (ongoing work, or words in a form it does not know)."""
    if isinstance(deadline, dt.date):
        return deadline
    text = _normal(deadline)
    for form, pattern in _FORMS.items():
        match = pattern.match(text)
        if match is None:
            continue
        span = _span(form, match)
        if span is None:
            return None
        first, last = span
        return first - dt.timedelta(days=1) if match["before"] else last
    return None


def is_ongoing(deadline: dt.date | str, ongoing: list[str]) -> bool:
    """Whether a deadline names work without an end ("thường xuyên", "hằng năm")."""
    return isinstance(deadline, str) and _normal(deadline) in {_normal(w) for w in ongoing}


def is_readable(deadline: dt.date | str, ongoing: list[str]) -> bool:
    """A date, words naming a last day, or ongoing work: anything ``validate`` accepts
    without a warning."""
    return last_day(deadline) is not None or is_ongoing(deadline, ongoing)
