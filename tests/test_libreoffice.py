"""The DOCX opened in a real word processor (LibreOffice, headless) shows what we meant."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import digest, render

from conftest import SETTINGS, Rendered, write_yaml
from readback import page_number_lines, pages_without_numbers, pdf_pages, pdf_words, words

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"


def convert(docx: Path, out: Path) -> Path:
    (pdf,) = convert_all([docx], out)
    return pdf


def convert_all(files: list[Path], out: Path) -> list[Path]:
    """LibreOffice's PDFs of the DOCX files, in one start of LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the test set-up (scripts/install-system-packages.sh)"
    profile = out / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [out / (docx.stem + ".pdf") for docx in files]


def test_libreoffice_shows_the_same_text_and_page_numbers(
    rendered: Rendered, tmp_path: Path
) -> None:
    as_shown = convert(rendered.files["tb.docx"], tmp_path)
    numbers = page_number_lines(as_shown)
    assert len(numbers) >= 2
    assert numbers[0] is None
    assert numbers[1] == "2"
    assert pdf_words(as_shown) == pdf_words(rendered.files["tb.pdf"])
    assert _page_starts(as_shown) == _page_starts(rendered.files["tb.pdf"])  # same page breaks


def _page_starts(path: Path) -> list[list[str]]:
    """The first words of every page, page numbers aside: where the pages break."""
    return [words(text)[:8] for text in pages_without_numbers(path)]


@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_every_example_breaks_pages_where_the_pdf_does(profile: str, tmp_path: Path) -> None:
    """Lines as tall as the PDF's and rules as thick: each page ends on the same line."""
    outputs = render(sorted(EXAMPLES.glob("*.yaml")), docs=("tb", "bc"), profile=profile,
                     out=tmp_path / "out").outputs  # fmt: skip
    docx = [o.path for o in outputs if o.format == "docx"]
    assert len(docx) == 2 * len(list(EXAMPLES.glob("*.yaml")))
    for word, pdf in zip(convert_all(docx, tmp_path / "lo"), docx, strict=True):
        assert _page_starts(word) == _page_starts(pdf.with_suffix(".pdf")), pdf.name


def test_the_digest_breaks_pages_where_the_pdf_does(tmp_path: Path) -> None:
    """Rows kept whole and the space around tables as in the PDF: same pages in both."""
    out = tmp_path / "out"
    outputs = digest([EXAMPLES], period="2023", out=out).outputs
    files = {o.format: o.path for o in outputs}
    as_shown = convert(files["docx"], tmp_path)
    assert _page_starts(as_shown) == _page_starts(files["pdf"])


def test_the_closing_sentence_stays_with_the_signature_in_word_too(tmp_path: Path) -> None:
    (output,) = render([EXAMPLES / "2023-12-01-giao-ban-hoi-quan-chung.yaml"], formats=("docx",),
                       out=tmp_path / "out").outputs  # fmt: skip
    last = pdf_pages(convert(output.path, tmp_path))[-1]
    assert "Văn phòng Tỉnh ủy thông báo ý kiến kết luận" in last and "Nơi nhận:" in last


@pytest.mark.parametrize(("profile", "restarts"), [("hd05", True), ("hd36", False)])
def test_the_appendix_numbers_its_pages_on_its_own_under_hd05(
    profile: str, restarts: bool, tmp_path: Path
) -> None:
    """HD05 numbers each appendix on its own: no number on its first page, then 2, 3…; the
    PDF and LibreOffice's view of the DOCX alike. HD36 numbers the whole file through."""
    import datetime as dt

    from synthetic import write_records

    write_yaml(tmp_path / "giaoban.yaml", {**SETTINGS, "profile": profile})
    write_records(tmp_path / "records", 60, dt.date(2023, 1, 2), 360)
    outputs = digest([tmp_path / "records"], period="2023", out=tmp_path / "out").outputs
    files = {o.format: o.path for o in outputs}
    for pdf in (files["pdf"], convert(files["docx"], tmp_path / "lo")):
        pages = pdf_pages(pdf)
        first = next(n for n, text in enumerate(pages) if "PHỤ LỤC" in text)
        numbers = page_number_lines(pdf)
        assert first >= 2 and len(pages) - first >= 3, pdf  # a body and a long appendix
        assert numbers[:first] == [None, *map(str, range(2, first + 1))], pdf
        if restarts:
            expected = [None, *map(str, range(2, len(pages) - first + 1))]
        else:
            expected = list(map(str, range(first + 1, len(pages) + 1)))
        assert numbers[first:] == expected, pdf
