"""One document from its context to HTML, PDF and DOCX, with reusable state.

A ``Renderer`` is made once per run and serves every document of a batch:
the Jinja environment with its compiled templates, the stylesheet of each
profile, WeasyPrint's font configuration and the styled base DOCX are all
built once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.documents.contexts import Metadata
from generator.errors import Position, Problem, TemplateError
from generator.messages import message
from generator.model.catalog import document_types
from generator.model.profiles import Profile
from generator.output.templating import make_environment, render_template
from generator.resources import templates_dir

if TYPE_CHECKING:
    from generator.output.docx import DocxRenderer
    from generator.output.pdf import PdfRenderer

STYLESHEET = "print.css.j2"


class Renderer:
    def __init__(self, template_dirs: Sequence[Path] = ()) -> None:
        self.template_dirs = [Path(d) for d in template_dirs]
        self.env = make_environment(self.template_dirs)
        self._css: dict[str, str] = {}

    def reload(self) -> None:
        """Read the templates again (a new round of ``watch``), keeping fonts and base DOCX."""
        self.env = make_environment(self.template_dirs)
        self._css.clear()

    # WeasyPrint and python-docx take most of a cold start to import; a run
    # that renders nothing (everything up to date) never loads them.
    @cached_property
    def pdf_renderer(self) -> PdfRenderer:
        from generator.output.pdf import PdfRenderer

        return PdfRenderer([*self.template_dirs, templates_dir()])

    @cached_property
    def docx_renderer(self) -> DocxRenderer:
        from generator.output.docx import DocxRenderer

        return DocxRenderer()

    def html(self, doc_key: str, context: dict[str, Any]) -> str:
        return render_template(self.env, document_types()[doc_key].template, context)

    def css(self, profile: Profile) -> str:
        key = profile.model_dump_json()
        if key not in self._css:
            context = {"profile": profile, "styles": profile.styles()}
            self._css[key] = render_template(self.env, STYLESHEET, context)
        return self._css[key]

    def pdf(self, html: str, profile: Profile, source: Path, variant: str | None = None) -> bytes:
        data = self.pdf_renderer.render(html, self.css(profile), templates_dir(), variant)
        if self.pdf_renderer.refused:
            detail = message("fetch_refused", urls=", ".join(self.pdf_renderer.refused))
            raise TemplateError([Problem(Position(source), detail)])
        return data

    def docx(self, html: str, profile: Profile, meta: Metadata) -> bytes:
        return self.docx_renderer.render(html, profile, meta)

    def render(self, doc_key: str, context: dict[str, Any], formats: Sequence[str],
               source: Path, pdf_variant: str | None = None) -> dict[str, bytes]:  # fmt: skip
        """Every requested format of one document, in memory."""
        html = self.html(doc_key, context)
        profile: Profile = context["profile"]
        out: dict[str, bytes] = {}
        if "docx" in formats:
            out["docx"] = self.docx(html, profile, context["meta"])
        if "pdf" in formats:
            out["pdf"] = self.pdf(html, profile, source, pdf_variant)
        return out
