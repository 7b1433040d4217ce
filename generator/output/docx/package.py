"""The DOCX package as archives need it: document properties, and entries dated and
ordered so the same inputs give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from docx.document import Document as DocxDocument

from generator.model.metadata import Metadata

#: The longest text a core property may hold (python-docx and Word refuse longer).
_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    """A property as long as a DOCX allows; the document's text keeps it whole."""
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


def set_properties(doc: DocxDocument, meta: Metadata) -> None:
    """Title, author, subject, language and dates: the same as the PDF's."""
    props = doc.core_properties
    props.title = _fit(meta.title)
    props.author = _fit(meta.author)
    props.subject = _fit(meta.subject)
    props.language = meta.language
    # python-docx writes the time as UTC ("Z") whatever its zone: give it UTC.
    created = meta.created.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = created
    props.modified = created
    props.last_modified_by = _fit(meta.author)
    props.revision = 1


def package(doc: DocxDocument, meta: Metadata) -> bytes:
    """The document's bytes, reproducible (see ``reproducible_zip``)."""
    out = io.BytesIO()
    doc.save(out)
    return reproducible_zip(out.getvalue(), build_time() or meta.created.replace(tzinfo=None))


#: What a ZIP entry's date can say (DOS dates: 1980 to 2107).
_ZIP_FIRST, _ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)


def build_time() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org), when set, dates the package entries.

    A value the DOCX package cannot hold is brought to its nearest end (the
    entries' dates are not shown to readers; the document's own date is).
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    seconds = min(int(value), int((_ZIP_LAST - dt.datetime(1970, 1, 1)).total_seconds()))
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every entry dated ``when``, in a fixed order, with fixed modes.

    python-docx stamps each entry with the current time, so two renders of the
    same record would differ byte for byte; archives and content-hash checks
    need them identical.
    """
    stamp = min(max(when, _ZIP_FIRST), _ZIP_LAST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        # [Content_Types].xml first, as Office writes it; then the parts in name order.
        ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
