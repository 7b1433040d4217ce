"""The DOCX package as archives need it: document properties, and entries dated and
ordered so the same inputs give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from docx.document import Document as DocxDocument

from generator.model.metadata import Metadata


def set_properties(doc: DocxDocument, meta: Metadata) -> None:
    """Title, author, subject, language and dates: the same as the PDF's."""
    props = doc.core_properties
    props.title = meta.title
    props.author = meta.author
    props.subject = meta.subject
    props.language = meta.language
    # python-docx writes the time as UTC ("Z") whatever its zone: give it UTC.
    created = meta.created.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = created
    props.modified = created
    props.last_modified_by = meta.author
    props.revision = 1


def package(doc: DocxDocument, meta: Metadata) -> bytes:
    """The document's bytes, reproducible (see ``reproducible_zip``)."""
    out = io.BytesIO()
    doc.save(out)
    return reproducible_zip(out.getvalue(), build_time() or meta.created.replace(tzinfo=None))


def build_time() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org), when set, dates the package entries."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC).replace(tzinfo=None)


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every entry dated ``when``, in a fixed order, with fixed modes.

    python-docx stamps each entry with the current time, so two renders of the
    same record would differ byte for byte; archives and content-hash checks
    need them identical.
    """
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
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
