"""The PDF read back with pypdf and pdfplumber: pages, fonts, sizes, page numbers."""

from __future__ import annotations

import pdfplumber
from pypdf import PdfReader

from conftest import Rendered
from readback import MM, chars_of, page_number_lines, pdf_pages


def test_page_size(rendered: Rendered) -> None:
    reader = PdfReader(rendered.files["tb.pdf"])
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - rendered.profile.page.width_mm * MM) < 0.5
    assert abs(float(box.height) - rendered.profile.page.height_mm * MM) < 0.5


def test_fonts_are_embedded_and_carry_vietnamese(rendered: Rendered) -> None:
    reader = PdfReader(rendered.files["tb.pdf"])
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
        names.append(str(font["/BaseFont"]))
    assert any("Tinos" in n or "LiberationSerif" in n or "TimesNewRoman" in n for n in names)
    text = pdf_pages(rendered.files["tb.pdf"])[0]
    for phrase in ("ĐẢNG BỘ TỈNH ĐỒNG THÁP", "Thường trực Tỉnh ủy", "Phạm Thị Tố Hải"):
        assert phrase in text


def test_text_stays_inside_the_margins(rendered: Rendered) -> None:
    """Within 1.5 pt (0.5 mm): WeasyPrint's justified lines end up to ~1.1 pt past the
    edge (glyph advances vs. Pango positions); a wrong margin is off by millimetres."""
    page = rendered.profile.page
    with pdfplumber.open(rendered.files["tb.pdf"]) as pdf:
        for number, plumb in enumerate(pdf.pages, 1):
            body = [c for c in plumb.chars if c["top"] > page.margins_mm.top * MM]
            left = min(c["x0"] for c in body)
            right = max(c["x1"] for c in body)
            assert left >= page.margins_mm.left * MM - 1.5, number
            assert right <= (page.width_mm - page.margins_mm.right) * MM + 1.5, number
            assert abs(left - page.margins_mm.left * MM) < 2, number
            bottom = max(c["bottom"] for c in plumb.chars)
            assert bottom <= (page.height_mm - page.margins_mm.bottom) * MM + 1.5


def test_header_components_sizes_and_faces(rendered: Rendered) -> None:
    pdf = rendered.files["tb.pdf"]
    styles = rendered.profile.styles()
    national = rendered.profile.header.national[0]
    checks = {
        national.text.upper(): styles["national-1"],
        "TỈNH ỦY": styles["issuing-body"],
        "ĐẢNG BỘ TỈNH ĐỒNG THÁP": styles["parent-body"],
        "Đồng Tháp, ngày 05 tháng 01 năm 2025": styles["place-date"],
        "THÔNG BÁO": styles["doc-type"],
    }
    for text, style in checks.items():
        chars = chars_of(pdf, text)
        assert {round(c["size"], 1) for c in chars} == {style.size_pt}, text
        fontnames = {str(c["fontname"]) for c in chars}
        assert all(("Bold" in f) == style.bold for f in fontnames), (text, fontnames)
        assert all(("Italic" in f) == style.italic for f in fontnames), (text, fontnames)


def test_number_and_date_share_a_line(rendered: Rendered) -> None:
    first = pdf_pages(rendered.files["tb.pdf"])[0].splitlines()
    expected = "Số: 05/TB-TU" if rendered.profile.name == "nd30" else "Số 05-TB/TU"
    line = next(line for line in first if line.startswith(expected))
    assert line == f"{expected} Đồng Tháp, ngày 05 tháng 01 năm 2025"


def test_no_page_number_on_page_one_and_two_on_page_two(rendered: Rendered) -> None:
    numbers = page_number_lines(rendered.files["tb.pdf"])
    assert len(numbers) >= 2
    assert numbers[0] is None
    assert numbers[1:] == [str(n) for n in range(2, len(numbers) + 1)]
    chars = chars_of(rendered.files["tb.pdf"], "2", page=1)
    assert {round(c["size"], 1) for c in chars} == {
        rendered.profile.components["page-number"].size_pt
    }
    assert abs((chars[0]["x0"] + chars[0]["x1"]) / 2 - _text_centre(rendered)) < 2


def _text_centre(rendered: Rendered) -> float:
    m = rendered.profile.page.margins_mm
    return (m.left + (rendered.profile.page.width_mm - m.right)) / 2 * MM


def test_metadata(rendered: Rendered) -> None:
    meta = PdfReader(rendered.files["tb.pdf"]).metadata
    assert meta is not None
    assert meta.title.startswith("Thông báo - Hội nghị giao ban")
    assert meta.author == "Tỉnh ủy"


def test_the_fonts_used_cover_the_whole_vietnamese_alphabet(rendered: Rendered) -> None:
    from fontTools.ttLib import TTFont

    from generator.output.fonts import font_file
    from generator.vietnamese.encodings import VIETNAMESE_LETTERS

    for bold in (False, True):
        for italic in (False, True):
            path = font_file(rendered.profile.font.family, bold, italic)
            assert path, "no font found for the profile's family"
            cmap = TTFont(path, lazy=True).getBestCmap()
            missing = [ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap]
            assert not missing, (path, missing)
