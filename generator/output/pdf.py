"""HTML to PDF with WeasyPrint, fetching nothing outside the allowed folders.

Resources are served only from the template folders and ``data:`` URLs; any
other URL (the network, a file elsewhere) is refused and reported, so a
template cannot read the machine's files into a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from generator.errors import Position, Problem, TemplateError
from generator.messages import message
from generator.output.ffi_cache import prepared_declarations
from generator.output.formats import Document
from generator.output.libraries import linker_cache_lookup
from generator.output.signature_fields import finisher
from generator.resources import templates_dir

with linker_cache_lookup(), prepared_declarations():
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """A document asked for a resource giaoban does not serve."""


class _FolderFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``file:`` URLs inside the allowed folders and ``data:`` URLs, nothing else.

    Refused URLs are remembered so the run can report them instead of
    silently printing a document with a hole in it.
    """

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = [d.resolve() for d in allowed]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            target = Path(unquote(parsed.path)).resolve()
            if any(target.is_relative_to(d) for d in self.allowed):
                return super().fetch(url, headers)
        self.refused.append(url)
        raise FetchRefused(url)


class Writer:
    """Keeps WeasyPrint's font configuration and each parsed stylesheet between documents:
    after the layout itself, they are the costly parts of a render."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()
        self._fetchers: dict[tuple[Path, ...], _FolderFetcher] = {}
        self._stylesheets: dict[tuple[str, tuple[Path, ...]], CSS] = {}

    def _fetcher(self, allowed: tuple[Path, ...]) -> _FolderFetcher:
        if allowed not in self._fetchers:
            self._fetchers[allowed] = _FolderFetcher(allowed)
        return self._fetchers[allowed]

    def _stylesheet(self, css: str, allowed: tuple[Path, ...]) -> CSS:
        key = (css, allowed)
        if key not in self._stylesheets:
            self._stylesheets[key] = CSS(string=css, font_config=self.font_config,
                                         url_fetcher=self._fetcher(allowed))  # fmt: skip
        return self._stylesheets[key]

    def write(self, document: Document) -> bytes:
        """The PDF of the document; a resource it asked for and may not have is an error.

        ``document.pdf_variant`` is one of WeasyPrint's (``pdf/a-2b`` for
        archives, ``pdf/ua-1``…).
        """
        allowed = (*document.asset_dirs, templates_dir())
        fetcher = self._fetcher(allowed)
        fetcher.refused = []
        html = HTML(string=document.html, base_url=str(templates_dir()) + "/", url_fetcher=fetcher)
        rendered = html.render(stylesheets=[self._stylesheet(document.css, allowed)],
                               font_config=self.font_config)  # fmt: skip
        data: bytes = rendered.write_pdf(pdf_variant=document.pdf_variant, finisher=finisher)
        if fetcher.refused:
            detail = message("fetch_refused", urls=", ".join(fetcher.refused))
            raise TemplateError([Problem(Position(document.source), detail)])
        return data


def fast_subsetting() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (else fontTools: several times slower)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def pdf_variants() -> list[str]:
    """The PDF variants WeasyPrint can write, "debug" aside."""
    from weasyprint.pdf import VARIANTS

    return sorted(name for name in VARIANTS if name != "debug")
