"""HTML to PDF with WeasyPrint, fetching nothing outside the allowed folders.

One ``PdfRenderer`` serves many documents: it keeps WeasyPrint's font
configuration and each profile's parsed stylesheet, which are the costly parts
of a render after the layout itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from generator.output.libraries import linker_cache_lookup

with linker_cache_lookup():
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


class PdfRenderer:
    def __init__(self, allowed_dirs: Sequence[Path]) -> None:
        self.fetcher = _FolderFetcher(allowed_dirs)
        self.font_config = FontConfiguration()
        self._stylesheets: dict[str, CSS] = {}

    def stylesheet(self, css: str) -> CSS:
        sheet = self._stylesheets.get(css)
        if sheet is None:
            sheet = CSS(string=css, font_config=self.font_config, url_fetcher=self.fetcher)
            self._stylesheets[css] = sheet
        return sheet

    @property
    def refused(self) -> list[str]:
        return self.fetcher.refused

    def render(self, html: str, css: str, base_dir: Path, variant: str | None = None) -> bytes:
        """The PDF of ``html``; URLs that were refused are left in ``refused``.

        ``variant`` is one of WeasyPrint's (``pdf/a-2b`` for archives, ``pdf/ua-1``…).
        """
        self.fetcher.refused = []
        document = HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=self.fetcher).render(
            stylesheets=[self.stylesheet(css)], font_config=self.font_config
        )
        data: bytes = document.write_pdf(pdf_variant=variant)
        return data


def fast_subsetting() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (else fontTools: several times slower)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def pdf_variants() -> list[str]:
    """The PDF variants WeasyPrint can write, "debug" aside."""
    from weasyprint.pdf import VARIANTS

    return sorted(name for name in VARIANTS if name != "debug")
