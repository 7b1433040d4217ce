"""Template contexts: plain data for one document, computed from records.

Everything the format profile decides (number line, date line, signature
prefix, recipients punctuation) is computed here, so templates only lay text
out and tests can check the wording without rendering anything.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from string import Formatter
from typing import Any, Literal

from generator.documents.aggregation import Digest, DirectiveEntry
from generator.model.catalog import document_types, vocabulary
from generator.model.kinds import DirectiveStatus
from generator.model.meeting import Directive, Meeting, Registration
from generator.model.metadata import Metadata
from generator.model.profiles import Profile
from generator.model.records import Record
from generator.model.settings import Settings, Signer, SignMode
from generator.vietnamese.text import clause, end_sentence, lower_first

#: Meetings are dated in Vietnam's local time (UTC+7, no daylight saving).
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Content:
    """What one document says: its template's context, and the file's properties."""

    #: The document type (``tb``, ``bc``, ``digest``).
    doc: str
    context: dict[str, Any]
    meta: Metadata


def fill(text: str, **values: str) -> str:
    """``text`` with ``{name}`` fields filled; unknown fields are left as written."""
    out = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        out.append(literal)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out)


def signature(signer: Signer, profile: Profile) -> dict[str, str]:
    """The signature block's lines, in the profile's forms ("T/M BAN THƯỜNG VỤ").

    An acting head's mark stands before the title ("Q. CHÁNH VĂN PHÒNG"); the
    other modes sign for a body, named on a line of its own above the title.
    """
    if signer.mode is None:
        return {"authority": "", "title": signer.title, "name": signer.name}
    prefix = profile.signature.prefixes[signer.mode.value]  # checked with the settings
    if signer.mode is SignMode.ACTING:
        return {"authority": "", "title": f"{prefix} {signer.title}", "name": signer.name}
    return {"authority": f"{prefix} {signer.on_behalf_of}", "title": signer.title,
            "name": signer.name}  # fmt: skip


def recipients(names: list[str], archive: str | None, profile: Profile) -> dict[str, Any]:
    """The list's entries in the profile's forms; the last one ends the list with a full stop
    even when there is no archive line to do it."""
    fmt = profile.recipients
    # The profile punctuates ("," in HD36, ";" elsewhere): a name typed with its own mark
    # ("… (b/c);") would show two.
    entries = [fill(fmt.entry, name=clause(name)) for name in names]
    if archive:
        entries.append(fill(fmt.archive, archive=clause(archive)))
    elif entries:
        entries[-1] = end_sentence(entries[-1])
    return {"label": fmt.label, "entries": entries}


def meeting_title(meeting: Meeting) -> str:
    """The title as it stands inside a sentence."""
    words = vocabulary().kinds[meeting.kind]
    if words.title_is_name:
        return meeting.title
    return lower_first(meeting.title)


def document_frame(
    settings: Settings,
    profile: Profile,
    doc_key: str,
    registration: Registration,
    year: int,
    meta: Metadata,
    **fields: str,
) -> dict[str, Any]:
    """What every document has: header, type, closing line, signature, recipients, metadata.

    ``fields`` fill the ``{…}`` placeholders of the type's summary and closing lines.
    """
    doc_type = document_types()[doc_key]
    doc_settings = settings.documents.get(doc_key)
    signer = (doc_settings and doc_settings.signer) or settings.signer
    names = doc_settings.recipients if doc_settings and doc_settings.recipients else None
    return {
        "doc": {
            "key": doc_key,
            "name": doc_type.name,
            "symbol": doc_type.symbol,
            "number_line": profile.number_line(
                doc_type.symbol, settings.issuer_symbol, registration.number
            ),
            "date_line": profile.date_line_text(settings.place, registration.date, year),
            "reference": profile.reference_line(
                doc_type.name,
                doc_type.symbol,
                settings.issuer_symbol,
                registration.number,
                registration.date,
                year,
                settings.issuing_body,
            ),
            "summary": document_line(settings, doc_key, "summary", **fields),
            "summary_mark": profile.marks.summary,
            "closing": document_line(settings, doc_key, "closing", **fields),
            "end_mark": profile.marks.end,
        },
        "issuer": {
            "parent_body": settings.parent_body,
            "issuing_body": settings.issuing_body,
            "mark": profile.header.issuing_mark,
        },
        "national": [line.text for line in profile.header.national],
        "words": vocabulary(),
        "signature": signature(signer, profile),
        "recipients": recipients(
            names if names is not None else settings.recipients, settings.archive, profile
        ),
        "meta": meta,
    }


def document_line(settings: Settings, doc_key: str, line: Literal["summary", "closing"],
                  **fields: str) -> str:  # fmt: skip
    """The type's summary or closing line (the settings' own, if they give one), filled."""
    doc_settings = settings.documents.get(doc_key)
    text = (doc_settings and getattr(doc_settings, line)) or getattr(
        document_types()[doc_key], line
    )
    return fill(text or "", issuer=settings.issuing_body, **fields)


def metadata(settings: Settings, doc_key: str, subject: str, created: dt.datetime) -> Metadata:
    """The file's properties: title (document type and subject), author (the issuing body)."""
    name = document_types()[doc_key].name
    return Metadata(title=f"{name} - {subject}", author=settings.issuing_body, subject=subject,
                    created=created)  # fmt: skip


@dataclass(frozen=True)
class DirectiveGroup:
    """Tasks given to the same assignees: one "Đề nghị …:" lead-in, then the tasks."""

    assignees: tuple[str, ...]
    directives: tuple[Directive, ...]

    @property
    def deadline(self) -> dt.date | str | None:
        """The deadline every task of the group shares, written once in the lead-in
        rather than after each task; None when they differ or there is one task."""
        deadlines = {d.deadline for d in self.directives}
        if len(self.directives) < 2 or len(deadlines) != 1:
            return None
        return deadlines.pop()


def directive_groups(directives: Sequence[Directive]) -> list[DirectiveGroup]:
    """Directives grouped by their assignees, in the order the assignees first appear."""
    groups: dict[tuple[str, ...], list[Directive]] = {}
    for directive in directives:
        groups.setdefault(tuple(directive.assignees), []).append(directive)
    return [DirectiveGroup(names, tuple(items)) for names, items in groups.items()]


def _counted(counter: Counter[str]) -> list[tuple[str, str]]:
    """("02", "hội nghị giao ban"): counts as reports write them, two digits at least."""
    return [(f"{n:02d}", what) for what, n in counter.items() if n]


def overview(digest: Digest) -> dict[str, Any]:
    """What the digest's first section counts: meetings by their own noun ("hội nghị giao
    ban", or a record's ``noun``) and by level, and the tasks by status at the period's end."""
    words = vocabulary()
    nouns = Counter(r.meeting.noun or words.kinds[r.meeting.kind].label.lower()
                    for r in digest.meetings)  # fmt: skip
    levels = Counter(words.levels[r.meeting.level] for r in digest.meetings)
    statuses = Counter({said: digest.status_counts[s] for s, said in words.status_counts.items()})
    return {"total": f"{len(digest.meetings):02d}", "kinds": _counted(nouns),
            "levels": _counted(levels), "statuses": _counted(statuses)}  # fmt: skip


def briefing_context(record: Record, settings: Settings, profile: Profile, doc_key: str) -> Content:
    """The context of a one-meeting document (notice of conclusions, short report)."""
    meeting = record.meeting
    registration = meeting.documents.get(doc_key) or Registration()
    issued = registration.date or meeting.date
    title = meeting_title(meeting)
    created = dt.datetime.combine(issued, meeting.time or dt.time(0, 0), tzinfo=VIETNAM_TIME)
    meta = metadata(settings, doc_key, meeting.title, created)
    frame = document_frame(
        settings,
        profile,
        doc_key,
        registration,
        year=issued.year,
        meta=meta,
        meeting=title,
    )
    context = {**frame, "meeting": meeting, "meeting_title": title,
               "directive_groups": directive_groups(meeting.directives)}  # fmt: skip
    return Content(doc_key, context, meta)


@dataclass(frozen=True)
class Month:
    """The rows of a long digest's table (or appendix) of one month: each month starts a
    page, under a heading of its own, and the rows keep their numbers (``start`` is the
    first one's)."""

    #: The month's first day; ``None`` for what was carried over from earlier periods
    #: (and for all the rows of a digest that is not long: one group, no heading).
    first: dt.date | None
    items: tuple[Any, ...]
    start: int


def _held(record: Record) -> dt.date:
    return record.meeting.date


def _given(directive: DirectiveEntry) -> dt.date:
    return directive.given_on


def _carried(directive: DirectiveEntry) -> bool:
    return directive.carried_over


def _never(_: object) -> bool:
    return False


def months(items: Sequence[Any], day: Callable[[Any], dt.date],
           before: Callable[[Any], bool], long: bool) -> list[Month]:  # fmt: skip
    """``items`` (in date order) by month, those ``before`` the period first; one group
    when the digest is not ``long``."""
    if not long:
        return [Month(None, tuple(items), 1)] if items else []
    found: list[Month] = []
    for item in items:
        first = None if before(item) else day(item).replace(day=1)
        if found and found[-1].first == first:
            last = found[-1]
            found[-1] = Month(first, (*last.items, item), last.start)
        else:
            start = found[-1].start + len(found[-1].items) if found else 1
            found.append(Month(first, (item,), start))
    return found


def digest_context(
    digest: Digest, settings: Settings, profile: Profile, registration: Registration
) -> Content:
    """The context of a periodic report, with what its chart shows (drawn by the template)."""
    words = vocabulary()
    period_name = words.period_name(digest.period)
    # Undated, a report is written after its period: "năm 2025" on the report of 2024.
    issued = registration.date or digest.period.end + dt.timedelta(days=1)
    created = dt.datetime.combine(issued, dt.time(0, 0), tzinfo=VIETNAM_TIME)
    # "hội nghị", or "hội nghị, buổi làm việc" when the period had both kinds.
    held = digest.meetings or tuple(review.record for review in digest.reviews)
    nouns = ", ".join(dict.fromkeys(words.noun(r.meeting) for r in held))
    fields = {"period": period_name, "meetings": nouns}
    summary = document_line(settings, "digest", "summary", **fields)
    meta = metadata(settings, "digest", summary or period_name, created)
    frame = document_frame(
        settings, profile, "digest", registration, year=issued.year, meta=meta, **fields
    )
    long = document_types()["digest"].is_long(len(held))
    statuses = list(DirectiveStatus)
    chart_width_mm = profile.text_width_mm * 0.8
    labels = [words.statuses[s] for s in statuses]
    values = [digest.status_counts[s] for s in statuses]
    title = words.chart_title.format(period=period_name)
    bars = [f"{label}: {value}" for label, value in zip(labels, values, strict=True)]
    context = {
        **frame,
        "digest": digest,
        "period_name": period_name,
        "overview": overview(digest),
        "sections_on_new_page": long,
        "months": {
            "meetings": months(digest.meetings, _held, _never, long),
            "directives": months(digest.directives, _given, _carried, long),
        },
        "chart": {
            "labels": labels,
            "values": values,
            "title": title,
            "alt": words.chart_alt.format(title=title, bars="; ".join(bars)),
            "family": profile.font.family,
            "width_mm": chart_width_mm,
        },
    }
    return Content("digest", context, meta)
