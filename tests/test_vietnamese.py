"""Vietnamese conventions: dates with their leading zeros, Roman numerals, endings."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.inputs.locations import builtin_profiles
from generator.model.profiles import load_profile
from generator.vietnamese.text import date_prose, end_document, roman, sentence


@pytest.mark.parametrize(("n", "text"), [(1, "I"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"),
                                         (2024, "MMXXIV")])  # fmt: skip
def test_roman(n: int, text: str) -> None:
    assert roman(n) == text


def test_roman_needs_a_positive_number() -> None:
    with pytest.raises(ValueError):
        roman(0)


@pytest.mark.parametrize("name", ["hd05", "hd36", "nd30"])
@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (dt.date(2018, 2, 20), "Hà Nội, ngày 20 tháng 02 năm 2018"),
        (dt.date(2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
        (dt.date(2024, 9, 25), "Hà Nội, ngày 25 tháng 9 năm 2024"),
        (dt.date(2024, 12, 9), "Hà Nội, ngày 09 tháng 12 năm 2024"),
        (dt.date(2024, 3, 10), "Hà Nội, ngày 10 tháng 3 năm 2024"),
    ],
)
def test_date_line_leading_zeros(name: str, day: dt.date, line: str) -> None:
    profile = load_profile(builtin_profiles()[name])
    assert profile.date_line_text("Hà Nội", day, day.year) == line


def test_prose_dates_have_no_leading_zeros() -> None:
    assert date_prose(dt.date(2023, 2, 6)) == "ngày 6 tháng 2 năm 2023"


@pytest.mark.parametrize(
    ("name", "number", "line"),
    [
        ("hd05", 5, "Số 05-TB/TU"),
        ("hd05", 127, "Số 127-TB/TU"),
        ("hd36", 5, "Số 05-TB/TU"),
        ("hd36", 123, "Số 123-TB/TU"),
        ("nd30", 5, "Số: 05/TB-TU"),
        ("nd30", 123, "Số: 123/TB-TU"),
    ],
)
def test_number_line(name: str, number: int, line: str) -> None:
    assert load_profile(builtin_profiles()[name]).number_line("TB", "TU", number) == line


def test_document_and_sentence_endings() -> None:
    assert end_document("biết, thực hiện.") == "biết, thực hiện./."
    assert end_document("biết, thực hiện./.") == "biết, thực hiện./."
    assert end_document("biết, thực hiện;") == "biết, thực hiện./."
    # HD05 ends with a full stop: a closing written with another standard's mark takes it.
    assert end_document("biết, thực hiện./.", ".") == "biết, thực hiện."
    assert end_document("biết, thực hiện ./. ", ".") == "biết, thực hiện."
    assert end_document("biết, thực hiện.", ".") == "biết, thực hiện."
    assert end_document("biết, thực hiện;", ".") == "biết, thực hiện."
    assert end_document("còn tiếp…", ".") == "còn tiếp…"  # already ended: no second stop
    assert sentence("năm 2023, tiếp tục đổi mới") == "Năm 2023, tiếp tục đổi mới."
    assert sentence("Đã xong…") == "Đã xong…"
