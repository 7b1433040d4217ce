"""The DOCX writer: the document's HTML onto a copy of the profile's styled base.

Split by what each part decides: ``styles`` (the base document: page, Word
styles, page-number header), ``writer`` (HTML elements to paragraphs, runs and
tables), ``package`` (properties and a reproducible archive).
"""

from __future__ import annotations

import io

import lxml.html
from docx import Document as open_docx

from generator.model.profiles import Profile
from generator.output.docx.package import package, set_properties
from generator.output.docx.styles import base_document
from generator.output.docx.writer import HtmlWriter
from generator.output.formats import Document


class Writer:
    """Reusable across documents: the styled base document is built once per profile."""

    def __init__(self) -> None:
        self._bases: dict[str, bytes] = {}

    def base(self, profile: Profile) -> bytes:
        key = profile.model_dump_json()
        if key not in self._bases:
            self._bases[key] = base_document(profile)
        return self._bases[key]

    def write(self, document: Document) -> bytes:
        profile = document.profile
        assert profile is not None, "a DOCX is written with its profile (formats.shipped)"
        doc = open_docx(io.BytesIO(self.base(profile)))
        body = lxml.html.document_fromstring(document.html).find("body")
        HtmlWriter(doc, profile).blocks(body, doc, profile.text_width_mm * 72 / 25.4)
        set_properties(doc, document.meta)
        return package(doc, document.meta)
