"""The DOCX read back with python-docx: what Word shows, checked against the profile."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pdfplumber
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from generator.output.docx.styles import style_name

from conftest import Rendered
from readback import chars_of

SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def tables(path: object) -> list[Table]:
    return Document(str(path)).tables


def test_page_size_and_margins(rendered: Rendered) -> None:
    section = Document(str(rendered.files["tb.docx"])).sections[0]
    page = rendered.profile.page
    tolerance = Mm(0.2)
    assert abs(section.page_width - Mm(page.width_mm)) < tolerance
    assert abs(section.page_height - Mm(page.height_mm)) < tolerance
    for side in ("top", "bottom", "left", "right"):
        expected = Mm(getattr(page.margins_mm, side))
        assert abs(getattr(section, f"{side}_margin") - expected) < tolerance, side


def test_every_component_is_a_word_style_with_its_font_and_size(rendered: Rendered) -> None:
    doc = Document(str(rendered.files["tb.docx"]))
    for component, style in rendered.profile.styles().items():
        word = doc.styles[style_name(component)]
        assert word.font.size == Pt(style.size_pt), component
        assert bool(word.font.bold) == style.bold, component
        assert bool(word.font.italic) == style.italic, component
        fonts = word.element.rPr.find(qn("w:rFonts"))
        for slot in SLOTS:
            assert fonts.get(qn(slot)) == rendered.profile.font.family, (component, slot)


def test_document_defaults_name_the_font_for_every_script(rendered: Rendered) -> None:
    doc = Document(str(rendered.files["tb.docx"]))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(s)) for s in SLOTS} == {rendered.profile.font.family}
    assert fonts.get(qn("w:asciiTheme")) is None


def test_header_is_a_borderless_two_column_table(rendered: Rendered) -> None:
    header = tables(rendered.files["tb.docx"])[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    widths = [c.width for c in header.columns]
    text_width = Mm(rendered.profile.text_width_mm)
    assert abs(sum(widths) - text_width) < Mm(0.5)
    assert abs(widths[0] - text_width * rendered.profile.header.issuer_width) < Mm(0.5)


def test_header_components_case_weight_and_style(rendered: Rendered) -> None:
    header = tables(rendered.files["tb.docx"])[0]
    issuer = [p for p in header.cell(0, 0).paragraphs if p.text]
    by_style = {p.style.name: p.text for p in issuer}
    assert by_style[style_name("parent-body")] == "ĐẢNG BỘ TỈNH ĐỒNG THÁP"
    assert by_style[style_name("issuing-body")] == "TỈNH ỦY"
    national = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in national] == [
        line.text.upper() if line.upper else line.text for line in rendered.profile.header.national
    ]
    styles = rendered.profile.styles()
    for component in ("parent-body", "issuing-body", "national-1"):
        assert styles[component].upper
    assert styles["issuing-body"].bold and not styles["parent-body"].bold
    mark = rendered.profile.header.issuing_mark
    assert ("*" in by_style.values()) == (mark == "*")


def test_rules_under_header_lines_are_as_long_as_the_profile_says(rendered: Rendered) -> None:
    header = tables(rendered.files["tb.docx"])[0]
    profile = rendered.profile
    checked = 0
    for cell, component in ((header.cell(0, 1), "national-"), (header.cell(0, 0), "issuing-body")):
        paragraphs = cell.paragraphs
        for index, paragraph in enumerate(paragraphs[:-1]):
            name = paragraph.style.name
            style_key = next(
                (k for k in profile.styles() if style_name(k) == name and k.startswith(component)),
                None,
            )
            if style_key is None or profile.styles()[style_key].rule is None:
                continue
            style = profile.styles()[style_key]
            rule = paragraphs[index + 1]
            assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
            cell_width = cell.width.pt
            length = cell_width - rule.paragraph_format.left_indent.pt
            length -= rule.paragraph_format.right_indent.pt
            # The same words as WeasyPrint laid them out in the PDF: measured independently
            # of the font metrics the DOCX writer uses.
            chars = chars_of(rendered.files["tb.pdf"], paragraph.text)
            expected = style.rule.length * (float(chars[-1]["x1"]) - float(chars[0]["x0"]))
            assert abs(length - expected) < 1.0, style_key
            checked += 1
    assert checked >= 1  # every profile rules at least one header line


def test_number_and_date_lines(rendered: Rendered) -> None:
    header = tables(rendered.files["tb.docx"])[0]
    number = header.cell(1, 0).paragraphs[0].text
    date = header.cell(1, 1).paragraphs[0].text
    # HD05, HD36: no colon, a leading zero below 10; NĐ30: colon, slash then hyphen.
    numbers = {"hd05": "Số 05-TB/TU", "hd36": "Số 05-TB/TU", "nd30": "Số: 05/TB-TU"}
    assert number == numbers[rendered.profile.name]
    assert date == "Đồng Tháp, ngày 05 tháng 01 năm 2025"
    assert header.cell(1, 1).paragraphs[0].style.font.italic


def test_unregistered_document_leaves_number_and_day_blank(rendered: Rendered) -> None:
    header = tables(rendered.files["bc.docx"])[0]
    date = header.cell(1, 1).paragraphs[0].text
    assert date.startswith("Đồng Tháp, ngày ") and date.endswith(" năm 2025")
    assert not any(ch.isdigit() for ch in date[: -len("2025")])
    assert "12" in header.cell(1, 0).paragraphs[0].text


def test_page_number_field_in_header_and_none_on_first_page(rendered: Rendered) -> None:
    section = Document(str(rendered.files["tb.docx"])).sections[0]
    assert section.different_first_page_header_footer
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header_xml = section.header._element.xml
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in header_xml
    first = section.first_page_header
    assert not any(p.text.strip() for p in first.paragraphs)
    assert not list(first._element.iter(qn("w:instrText")))
    number_style = section.header.paragraphs[0].style
    assert number_style.font.size == Pt(rendered.profile.components["page-number"].size_pt)


def test_closing_table_recipients_left_signature_right(rendered: Rendered) -> None:
    closing = tables(rendered.files["tb.docx"])[-1]
    left = [p for p in closing.cell(0, 0).paragraphs if p.text]
    right = [p for p in closing.cell(0, 1).paragraphs if p.text]
    assert left[0].text == "Nơi nhận:"
    assert left[0].style.name == style_name("recipients-label")
    party, state = "T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ"
    last, first, authority = {
        "hd05": ("- Lưu Văn phòng Tỉnh ủy.", "- Ban Thường vụ Tỉnh ủy (b/c);", party),
        "hd36": ("- Lưu Văn phòng Tỉnh ủy.", "- Ban Thường vụ Tỉnh ủy (b/c),", party),
        "nd30": ("- Lưu: Văn phòng Tỉnh ủy.", "- Ban Thường vụ Tỉnh ủy (b/c);", state),
    }[rendered.profile.name]  # fmt: skip
    assert (left[-1].text, left[1].text, right[0].text) == (last, first, authority)
    assert [p.text for p in right[1:]] == ["PHÓ BÍ THƯ", "Nguyễn Văn An"]
    assert right[-1].style.font.bold
    borders = closing._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_body_ends_with_the_closing_mark(rendered: Rendered) -> None:
    doc = Document(str(rendered.files["tb.docx"]))
    body = [p.text for p in doc.paragraphs if p.text]
    mark = {"hd05": "thực hiện.", "hd36": "thực hiện./.", "nd30": "thực hiện./."}
    assert body[-1].endswith(mark[rendered.profile.name])
    assert doc.paragraphs[-1].style.paragraph_format.first_line_indent is not None


def test_core_properties(rendered: Rendered) -> None:
    props = Document(str(rendered.files["tb.docx"])).core_properties
    assert props.title.startswith("Thông báo - Hội nghị giao ban")
    assert props.author == "Tỉnh ủy"
    assert props.language == "vi"
    # 5 January 2025, 00:00 in Vietnam (UTC+7) is 4 January, 17:00 UTC.
    assert props.created == dt.datetime(2025, 1, 4, 17, 0, tzinfo=dt.UTC)


def test_lines_are_as_tall_as_in_the_pdf(rendered: Rendered) -> None:
    """The PDF's line height in points, "exactly" where the profile fixes the pitch (HD05)
    and "at least" elsewhere: Word and the PDF then fill a page alike."""
    doc = Document(str(rendered.files["tb.docx"]))
    body = doc.styles[style_name("body")].paragraph_format
    exact = rendered.profile.components["body"].line_height_pt is not None
    rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.AT_LEAST
    assert body.line_spacing_rule == rule
    with pdfplumber.open(rendered.files["tb.pdf"]) as pdf:
        page = pdf.pages[1]  # body text only
        sized = [c for c in page.chars if round(c["size"]) == 14 and c["top"] > 80]
        baselines = sorted({round(page.height - c["matrix"][5], 2) for c in sized})
    steps = [b - a for a, b in pairwise(baselines)]
    # two one-line body paragraphs: one line height and the space after a paragraph apart
    apart = body.line_spacing.pt + body.space_after.pt
    assert any(abs(apart - step) < 0.05 for step in steps), (apart, steps)
