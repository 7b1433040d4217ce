"""``check`` of one file: read it, find which profile it follows, judge it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.checking.rules import check
from generator.errors import Problem
from generator.inputs.locations import DEFAULT_PROFILE, builtin_profiles
from generator.model.profiles import Profile, load_profile, profile_in_force
from generator.reading.document import Document, read_document
from generator.reading.layout import Layout, known_prefixes, lay_out, national_lines, normal

_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Checked:
    path: Path
    profile: Profile
    #: Whether the profile was guessed from the document (no ``--profile``).
    guessed: bool
    problems: list[Problem]


def issue_date(layout: Layout) -> dt.date | None:
    """The document's date, from its place-date line, when day and month are written."""
    for p in layout.role("place-date")[:1]:
        match = _DATE.search(" ".join(p.text.replace("\u00a0", " ").split()))
        if match:
            try:
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                return None
    return None


def guess_profile(document: Document, layout: Layout) -> Profile:
    """The built-in profile the document's header and date call for: a Party document
    takes the Party format in force on its date (the current one when undated), a
    document under the State motto the State format; else the default."""
    text = {normal(p.shown).upper() for p in document.paragraphs[:40]}
    family = "party" if _PARTY in text else "state" if _STATE in text else None
    if family is not None:
        found = profile_in_force(family, issue_date(layout) or dt.date.today())
        if found is not None:
            return found
    return load_profile(builtin_profiles()[DEFAULT_PROFILE])


def check_file(path: Path, profile: Profile | None) -> Checked:
    document = read_document(path)
    layout = lay_out(document, national_lines())
    chosen = profile or guess_profile(document, layout)
    problems = check(document, layout, chosen, known_prefixes())
    return Checked(path, chosen, profile is None, problems)
