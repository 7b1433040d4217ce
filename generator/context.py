"""Template contexts: plain data for one document, computed from a record.

Everything the format profile decides (number line, date line, signature
prefix, recipients punctuation) is computed here, so templates only lay text
out and tests can check the wording without rendering anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from string import Formatter
from typing import Any

from .catalog import DocumentType, document_types, vocabulary
from .models import Meeting, Registration
from .profiles import Profile
from .records import Record
from .settings import Settings, Signer

#: Meetings are dated in Vietnam's local time (UTC+7, no daylight saving).
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Metadata:
    """Document properties written into both the PDF and the DOCX."""

    title: str
    author: str
    subject: str
    created: dt.datetime
    language: str = "vi"


def fill(text: str, **values: str) -> str:
    """``text`` with ``{name}`` fields filled; unknown fields are left as written."""
    out = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        out.append(literal)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out)


def signature(signer: Signer, profile: Profile) -> dict[str, str]:
    authority = ""
    if signer.mode is not None:
        prefix = profile.signature.prefixes.get(signer.mode.value, signer.mode.value.upper())
        authority = f"{prefix} {signer.on_behalf_of}"
    return {"authority": authority, "title": signer.title, "name": signer.name}


def recipients(names: list[str], archive: str | None, profile: Profile) -> dict[str, Any]:
    fmt = profile.recipients
    entries = [fill(fmt.entry, name=name) for name in names]
    if archive:
        entries.append(fill(fmt.archive, archive=archive))
    return {"label": fmt.label, "entries": entries}


def meeting_title(meeting: Meeting) -> str:
    """The title as it stands inside a sentence."""
    words = vocabulary().kinds[meeting.kind]
    if words.title_is_name:
        return meeting.title
    return meeting.title[:1].lower() + meeting.title[1:]


def briefing_context(
    record: Record, settings: Settings, profile: Profile, doc_key: str
) -> dict[str, Any]:
    """The context of a one-meeting document (notice of conclusions, short report)."""
    meeting = record.meeting
    doc_type: DocumentType = document_types()[doc_key]
    doc_settings = settings.documents.get(doc_key)
    registration = meeting.documents.get(doc_key) or Registration()
    signer = (doc_settings and doc_settings.signer) or settings.signer
    names = doc_settings.recipients if doc_settings and doc_settings.recipients else None
    closing = (doc_settings and doc_settings.closing) or doc_type.closing
    issued = registration.date
    year = (issued or meeting.date).year
    title = meeting_title(meeting)
    return {
        "doc": {
            "key": doc_key,
            "name": doc_type.name,
            "symbol": doc_type.symbol,
            "number_line": profile.number_line(
                doc_type.symbol, settings.issuer_symbol, registration.number
            ),
            "date_line": profile.date_line_text(settings.place, issued, year),
            "closing": fill(closing, issuer=settings.issuing_body, meeting=title)
            if closing
            else "",
        },
        "issuer": {
            "parent_body": settings.parent_body,
            "issuing_body": settings.issuing_body,
            "mark": profile.header.issuing_mark,
        },
        "national": [line.text for line in profile.header.national],
        "meeting": meeting,
        "meeting_title": title,
        "words": vocabulary(),
        "signature": signature(signer, profile),
        "recipients": recipients(
            names if names is not None else settings.recipients, settings.archive, profile
        ),
        "profile": profile,
        "meta": Metadata(
            title=f"{doc_type.name} - {meeting.title}",
            author=settings.issuing_body,
            subject=meeting.title,
            created=dt.datetime.combine(
                issued or meeting.date, meeting.time or dt.time(0, 0), tzinfo=VIETNAM_TIME
            ),
        ),
    }
