"""The periodic report rendered in both profiles and read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image as PILImage
from pypdf import PdfReader
from synthetic import write_records

from generator import Renderer
from generator.api import digest

from conftest import SETTINGS, write_yaml
from readback import docx_words, page_number_lines, pdf_pages, pdf_words

pytestmark = pytest.mark.slow

MEETINGS = 40


@dataclass(frozen=True)
class RenderedDigest:
    profile: str
    docx: Path
    pdf: Path


@pytest.fixture(scope="session", params=["hd05", "hd36", "nd30"])
def rendered_digest(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, renderer: Renderer
) -> RenderedDigest:
    folder = tmp_path_factory.mktemp(f"digest-{request.param}")
    write_yaml(folder / "giaoban.yaml", SETTINGS)
    write_records(folder / "q3", MEETINGS, dt.date(2024, 7, 1), 91, seed=3)
    write_records(folder / "q2", 3, dt.date(2024, 4, 1), 80, seed=4)
    for path in (folder / "q2").iterdir():
        path.rename(folder / "q2" / f"early-{path.name}")  # distinct ids for the early ones
        text = (folder / "q2" / f"early-{path.name}").read_text("utf-8")
        (folder / "q2" / f"early-{path.name}").write_text(text.replace("id: m", "id: early-m"))
    result = digest([folder], period="2024-Q3", profile=request.param, out=folder / "out",
                    renderer=renderer)  # fmt: skip
    assert len(result.digest.meetings) == MEETINGS
    assert len(result.digest.left_out) == 3
    files = {o.format: o.path for o in result.outputs}
    return RenderedDigest(request.param, files["docx"], files["pdf"])


def test_title_names_the_period(rendered_digest: RenderedDigest) -> None:
    # Settings that name no bloc get a title that assumes none: the kinds of meeting held.
    title = "Kết quả các hội nghị, buổi làm việc quý III năm 2024"
    assert title in " ".join(docx_words(rendered_digest.docx))
    assert title in " ".join(pdf_words(rendered_digest.pdf))
    assert rendered_digest.pdf.name == "digest-2024-Q3.pdf"


def test_meetings_table_has_a_row_per_meeting_and_a_repeating_header(
    rendered_digest: RenderedDigest,
) -> None:
    doc = Document(str(rendered_digest.docx))
    # A long digest has the table of each month on a page of its own, numbered on.
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"
              and t.rows[0].cells[2].text == "Hội nghị"]  # fmt: skip
    assert len(tables) == 3
    rows = [row for table in tables for row in table.rows[1:]]
    assert [row.cells[0].text for row in rows] == [str(n) for n in range(1, MEETINGS + 1)]
    for table in tables:
        header_props = table.rows[0]._tr.trPr
        assert header_props.find(qn("w:tblHeader")) is not None
        body = table.rows[1]._tr.trPr
        assert body is None or body.find(qn("w:tblHeader")) is None
    parsed = [dt.datetime.strptime(row.cells[1].text, "%d/%m/%Y").date() for row in rows]
    assert parsed == sorted(parsed)
    months = [{d.month for d in (dt.datetime.strptime(r.cells[1].text, "%d/%m/%Y")
                                 for r in table.rows[1:])} for table in tables]  # fmt: skip
    assert months == [{7}, {8}, {9}]
    page_two = pdf_pages(rendered_digest.pdf)[1]
    assert "STT Ngày Hội nghị Cơ quan tổ" in page_two.replace("\n", " ")


CHART = ["Nhiệm", "vụ", "được", "giao", "theo", "tình", "trạng,", "quý", "III", "năm", "2024"]


def _chart_words(words: list[str]) -> tuple[int, int]:
    """Where the chart's own words (title, values, labels) stand among the PDF's words."""
    start = next(i for i in range(len(words)) if words[i : i + len(CHART)] == CHART)
    end = words.index("Quá", start) + 2  # the last label, "Quá hạn"
    return start, end


def test_chart_is_vector_in_the_pdf_and_print_resolution_in_the_docx(
    rendered_digest: RenderedDigest,
) -> None:
    words = pdf_words(rendered_digest.pdf)
    start, end = _chart_words(words)
    assert {"Đã", "giao", "Đang", "thực", "hiện", "hoàn", "thành"} <= set(words[start:end])
    assert not any(
        page.images for page in PdfReader(rendered_digest.pdf).pages
    )  # drawn, not a picture
    doc = Document(str(rendered_digest.docx))
    (shape,) = doc.inline_shapes
    image = shape._inline.graphic.graphicData.pic.blipFill.blip
    part = doc.part.related_parts[image.embed]
    with PILImage.open(io.BytesIO(part.blob)) as png:
        dpi = png.width / (shape.width.inches)
    assert dpi >= 290  # print resolution
    alt = shape._inline.docPr.get("descr")
    assert alt.startswith("Biểu đồ cột. Nhiệm vụ được giao theo tình trạng") and "Quá hạn:" in alt


def test_appendix_and_its_page_numbers(rendered_digest: RenderedDigest) -> None:
    """Numbered through under HD36 and NĐ30; under HD05 the appendix numbers its own pages
    (none on its first page, then 2, 3…)."""
    assert "PHỤ LỤC TÓM TẮT CÁC HỘI NGHỊ QUÝ III NĂM 2024" in " ".join(
        docx_words(rendered_digest.docx)
    )
    pages = pdf_pages(rendered_digest.pdf)
    appendix = next(i for i, text in enumerate(pages) if "PHỤ LỤC" in text)
    assert appendix > 1
    assert "Nơi nhận:" in pages[appendix - 1]  # the report is signed before its appendix
    numbers = page_number_lines(rendered_digest.pdf)
    if rendered_digest.profile == "hd05":
        restarted = [None] + [str(n) for n in range(2, len(pages) - appendix + 1)]
        assert numbers == [None] + [str(n) for n in range(2, appendix + 1)] + restarted
    else:
        assert numbers == [None] + [str(n) for n in range(2, len(pages) + 1)]
    summaries = " ".join(pages[appendix:]).count("Hội nghị giao ban khối Mặt trận")
    assert summaries >= MEETINGS


def test_same_text_in_docx_and_pdf(rendered_digest: RenderedDigest) -> None:
    headers = [
        "STT Ngày Hội nghị Cơ quan tổ chức Chủ trì",
        "STT Nội dung nhiệm vụ Đơn vị thực hiện Thời hạn Tình trạng",
    ]
    from_pdf = pdf_words(rendered_digest.pdf, repeated_headers=headers)
    start, end = _chart_words(from_pdf)  # the DOCX has the chart as a picture
    assert docx_words(rendered_digest.docx) == from_pdf[:start] + from_pdf[end:]


def test_carried_over_directives_are_listed(rendered_digest: RenderedDigest) -> None:
    text = " ".join(docx_words(rendered_digest.docx))
    assert "chuyển từ kỳ trước" in text


def test_a_long_digest_starts_each_section_and_month_on_a_new_page(
    rendered_digest: RenderedDigest,
) -> None:
    # 40 meetings make a long digest (config/documents.yaml): Word breaks the page before
    # each section but the first, and before each month's table but a section's first.
    doc = Document(str(rendered_digest.docx))
    sections = ("I. ", "II.", "III", "IV.", "V. ")
    headings = [p for p in doc.paragraphs if p.text[:3] in sections or p.text[1:3] == ". "]
    breaks = {p.text.upper(): bool(p.paragraph_format.page_break_before) for p in headings}
    assert breaks["I. TÌNH HÌNH TỔ CHỨC HỘI NGHỊ"] is False
    assert breaks["II. KẾT QUẢ ĐẠT ĐƯỢC"] is True
    assert breaks["V. NHIỆM VỤ ĐƯỢC GIAO VÀ TÌNH HÌNH THỰC HIỆN"] is True
    assert breaks["1. THÁNG 7/2024"] is False and breaks["2. THÁNG 8/2024"] is True
    assert breaks["3. NHIỆM VỤ GIAO TRONG THÁNG 8/2024"] is True
    pages = pdf_pages(rendered_digest.pdf)
    for heading in ("II. KẾT QUẢ", "2. Tháng 8/2024", "3. Nhiệm vụ giao trong tháng 8/2024"):
        page = next(p for p in pages if heading.lower() in p.lower())
        lines = [line for line in page.splitlines() if line.strip()]
        assert heading.lower() in " ".join(lines[:2]).lower()  # the number, then the heading
