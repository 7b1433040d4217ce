"""Periods: parsing, Vietnamese names, boundaries, previous period."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.catalog import vocabulary
from generator.model.periods import Period, PeriodError, PeriodKind, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "name", "start", "end"),
    [
        ("2024-Q1", "quý I năm 2024", D(2024, 1, 1), D(2024, 3, 31)),
        ("2024-Q2", "quý II năm 2024", D(2024, 4, 1), D(2024, 6, 30)),
        ("2024-Q3", "quý III năm 2024", D(2024, 7, 1), D(2024, 9, 30)),
        ("2024-q4", "quý IV năm 2024", D(2024, 10, 1), D(2024, 12, 31)),
        ("2024-H1", "6 tháng đầu năm 2024", D(2024, 1, 1), D(2024, 6, 30)),
        ("2024-H2", "6 tháng cuối năm 2024", D(2024, 7, 1), D(2024, 12, 31)),
        ("2024-9M", "9 tháng năm 2024", D(2024, 1, 1), D(2024, 9, 30)),
        ("2024", "năm 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ],
)
def test_parse_name_and_bounds(text: str, name: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(text)
    assert vocabulary().period_name(period) == name
    assert (period.start, period.end) == (start, end)
    assert str(parse_period(str(period))) == str(period)


def test_membership_on_every_boundary() -> None:
    q1, q2 = parse_period("2024-Q1"), parse_period("2024-Q2")
    assert D(2024, 3, 31) in q1 and D(2024, 3, 31) not in q2
    assert D(2024, 4, 1) in q2 and D(2024, 4, 1) not in q1
    assert D(2024, 6, 30) in parse_period("2024-H1")
    assert D(2024, 7, 1) not in parse_period("2024-H1")
    assert D(2024, 9, 30) in parse_period("2024-9M")
    assert D(2024, 10, 1) not in parse_period("2024-9M")
    assert D(2024, 12, 31) in parse_period("2024")
    assert D(2025, 1, 1) not in parse_period("2024")
    assert "2024-05-01" not in q2  # only dates belong to periods


def test_leap_years() -> None:
    assert D(2024, 2, 29) in parse_period("2024-Q1")
    assert parse_period("2023-Q1").end == D(2023, 3, 31)
    assert parse_period("2100-H1").start == D(2100, 1, 1)


def test_previous() -> None:
    assert str(parse_period("2024-Q1").previous()) == "2023-Q4"
    assert str(parse_period("2024-Q3").previous()) == "2024-Q2"
    assert str(parse_period("2024-H1").previous()) == "2023-H2"
    assert str(parse_period("2024-H2").previous()) == "2024-H1"
    assert str(parse_period("2024-9M").previous()) == "2023-9M"
    assert parse_period(2024).previous() == Period(2023, PeriodKind.YEAR)


@pytest.mark.parametrize("text", ["2024-Q5", "2024-H3", "24-Q1", "Q1-2024", "", "2024-8M", "0999"])
def test_rejects(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)
