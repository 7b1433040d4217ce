"""Reading produced DOCX and PDF files back, as a user's viewer would show them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pdfplumber
from docx import Document
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

MM = 72 / 25.4


def blocks(doc: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, table cells row by row."""
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield item


def words(text: str) -> list[str]:
    """Words as a reader sees them: a no-break space is a space, a word joiner nothing."""
    return text.replace("\u00a0", " ").replace("\u2060", "").split()


def docx_words(path: Path) -> list[str]:
    doc = Document(str(path))
    return [w for p in blocks(doc) for w in words(p.text)]


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def strip_page_number(text: str, number: str | None) -> str:
    """The page's text without its page number line (first or last line): ``number`` as
    the page shows it (``page_number_lines``; an appendix may number its pages anew)."""
    lines = text.splitlines()
    for index in (0, -1):
        if number is not None and lines and lines[index].strip() == number:
            lines.pop(index)
            break
    return "\n".join(lines)


def pages_without_numbers(path: Path) -> list[str]:
    """Each page's text without the page number it shows."""
    shown = page_number_lines(path)
    return [strip_page_number(text, number) for text, number in zip(pdf_pages(path), shown,
                                                                     strict=True)]  # fmt: skip


def page_number_lines(path: Path) -> list[str | None]:
    """The text standing in the top margin of each page (the page number), or None."""
    out: list[str | None] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top = page.within_bbox((0, 0, page.width, 20 * MM))
            text = (top.extract_text() or "").strip()
            out.append(text or None)
    return out


def pdf_words(path: Path, repeated_headers: Sequence[str] = ()) -> list[str]:
    """The words of the PDF in reading order, without page numbers.

    A table header that the PDF repeats at the top of a page (``repeated_headers``)
    is dropped there: it is shown again, not written again.
    """
    out: list[str] = []
    for number, text in enumerate(pages_without_numbers(path), 1):
        page = words(text)
        for header in map(words, repeated_headers):
            if number > 1 and page[: len(header)] == header:
                page = page[len(header) :]
        out.extend(page)
    return out


def chars_of(path: Path, text: str, page: int = 0) -> list[dict[str, object]]:
    """The characters of the first line on ``page`` that contains ``text``."""
    with pdfplumber.open(path) as pdf:
        plumb = pdf.pages[page]
        for line in plumb.extract_text_lines(return_chars=True):
            joined = "".join(c["text"] for c in line["chars"])
            start = joined.replace("\u00a0", " ").find(text)
            if start == -1:
                start = re.sub(r"\s+", "", joined).find(re.sub(r"\s+", "", text))
                if start == -1:
                    continue
                chars = [c for c in line["chars"] if not c["text"].isspace()]
                return chars[start : start + len(re.sub(r"\s+", "", text))]
            return line["chars"][start : start + len(text)]
    raise AssertionError(f"{text!r} not found on page {page + 1} of {path}")


def saved_by_libreoffice(files: Sequence[Path], out: Path) -> list[Path]:
    """The DOCX files opened and saved again as DOCX by LibreOffice (one start of it)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the test set-up (scripts/install-system-packages.sh)"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(out / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [out / path.name for path in files]
