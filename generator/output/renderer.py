"""A document's content to its HTML, rendered once, and from it each format's file.

A ``Renderer`` is made once per run and serves every document of a batch: the
Jinja environment with its compiled templates, the stylesheet of each profile
and one writer per format (WeasyPrint's fonts, the styled base DOCX) are all
kept between documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.model.catalog import document_types
from generator.model.components import DATA_TABLE_MARGIN_PT
from generator.model.metadata import Metadata
from generator.model.profiles import Profile
from generator.output.formats import Document, Writer, new_writer, write
from generator.output.templating import make_environment, render_template

STYLESHEET = "print.css.j2"


class Renderer:
    def __init__(self, template_dirs: Sequence[Path] = ()) -> None:
        self.template_dirs = tuple(Path(d).resolve() for d in template_dirs)
        self.env = make_environment(self.template_dirs)
        self._css: dict[str, str] = {}
        # WeasyPrint and python-docx take most of a cold start to import; a run
        # that renders nothing (everything up to date) never loads them.
        self._writers: dict[str, Writer] = {}

    def reload(self) -> None:
        """Read the templates again (a new round of ``watch``), keeping fonts and base DOCX."""
        self.env = make_environment(self.template_dirs)
        self._css.clear()

    def with_templates(self, template_dirs: Sequence[Path]) -> Renderer:
        """A renderer of other template folders that shares this one's writers."""
        sibling = Renderer(template_dirs)
        sibling._writers = self._writers
        return sibling

    def css(self, profile: Profile) -> str:
        key = profile.model_dump_json()
        if key not in self._css:
            context = {"profile": profile, "styles": profile.styles(),
                       "table_margin_pt": DATA_TABLE_MARGIN_PT}  # fmt: skip
            self._css[key] = render_template(self.env, STYLESHEET, context)
        return self._css[key]

    def document(
        self,
        doc_key: str,
        context: dict[str, Any],
        *,
        profile: Profile,
        meta: Metadata,
        source: Path,
        pdf_variant: str | None = None,
    ) -> Document:
        """The document's HTML and stylesheet, ready for every format's writer."""
        html = render_template(self.env, document_types()[doc_key].template, context)
        return Document(html, self.css(profile), profile, meta, source, self.template_dirs,
                        pdf_variant)  # fmt: skip

    def writer(self, fmt: str) -> Writer:
        if fmt not in self._writers:
            self._writers[fmt] = new_writer(fmt)
        return self._writers[fmt]

    def write(self, document: Document, fmt: str) -> bytes:
        return write(self.writer(fmt), document)
