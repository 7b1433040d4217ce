"""``check`` of one file: read it, find which profile it follows, judge it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.checking.rules import check
from generator.errors import Problem, Severity
from generator.inputs.locations import DEFAULT_PROFILE, builtin_profiles
from generator.model.profiles import Profile, load_profile, profile_in_force
from generator.reading.document import Document, read_document
from generator.reading.layout import Layout, known_prefixes, lay_out, national_lines, normal

_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@dataclass(frozen=True)
class Checked:
    path: Path
    profile: Profile
    #: Whether the profile was guessed from the document (no ``--profile``).
    guessed: bool
    problems: list[Problem]


def candidates(document: Document, layout: Layout, today: dt.date | None = None) -> list[Profile]:
    """The built-in profiles the document's header calls for, the likeliest first: a Party
    document takes the Party format in force on its date (a draft with only its year: at
    that year's end, or today; an undated one: today's), then the family's others; a
    document under the State motto the State format; else the default."""
    text = {normal(p.shown).upper() for p in document.paragraphs[:40]}
    family = "party" if _PARTY in text else "state" if _STATE in text else None
    if family is None:
        return [load_profile(builtin_profiles()[DEFAULT_PROFILE])]
    now = today or dt.date.today()
    year = layout.draft_year()
    day = layout.issue_date() or (min(dt.date(year, 12, 31), now) if year else now)
    likeliest = profile_in_force(family, day)
    others = [load_profile(path) for path in builtin_profiles().values()]
    same = [p for p in others if p.in_force is not None and p.in_force.family == family]
    ordered = [likeliest] if likeliest is not None else []
    found = ordered + [p for p in same if p not in ordered]
    return found or [load_profile(builtin_profiles()[DEFAULT_PROFILE])]


def check_file(path: Path, profile: Profile | None) -> Checked:
    """The document judged against ``profile``, or, guessing, against each profile its
    header calls for, keeping the one it breaks least (the likeliest on a tie): a 2024
    meeting's notice drafted now under HD05 shows "năm 2024" and is no HD36 document."""
    document = read_document(path)
    layout = lay_out(document, national_lines())
    if profile is not None:
        return Checked(path, profile, False, check(document, layout, profile, known_prefixes()))
    judged = [(check(document, layout, p, known_prefixes()), p)
              for p in candidates(document, layout)]  # fmt: skip
    problems, chosen = min(judged, key=lambda pair: _errors(pair[0]))
    return Checked(path, chosen, True, problems)


def _errors(problems: list[Problem]) -> int:
    return sum(p.severity is Severity.ERROR for p in problems)
