"""``giaoban check``: Word documents judged against the profiles, read as Word shows them.

The documents judged here are typed in the tests as a clerk types them (python-docx,
direct formatting, Word's own tables, a style here and there), not only written by
giaoban; each defect is made alone and must give exactly one finding, at its place.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from generator.api import check_document, check_documents, render
from generator.cli.command import main
from generator.errors import InputError, Problem, Severity
from generator.reading.document import read_document

from readback import saved_by_libreoffice

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"
FONT = "Times New Roman"


# -- a notice typed by hand (NĐ30), with one defect at a time -------------------------


def _run(
    paragraph: Paragraph,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    font: str = FONT,
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = font  # ascii and hAnsi, as Word's font box sets them
    run.bold = bold
    run.italic = italic


def _para(
    container: DocxDocument | object,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    indent_cm: float = 0,
    after: float = 0,
    line: float = 1.0,
    font: str = FONT,
) -> Paragraph:
    p: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt.first_line_indent = Cm(indent_cm)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    if text:
        _run(p, text, size, bold, italic, font)
    return p


def _rule(container: object) -> None:
    """An empty paragraph whose bottom border is the rule, as clerks draw it."""
    p = _para(container, "", 6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)


def _borderless(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)  # type: ignore[attr-defined]


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(13)
    run.font.name = FONT
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.text = " PAGE "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = "2"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


#: The hand-typed notice's facts, changed one at a time by the defects.
CLEAN: dict[str, object] = {
    "margin_left_mm": 30,
    "paper": (210, 297),
    "parent": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
    "parent_bold": False,
    "issuer_bold": True,
    "issuer_rule": True,
    "motto_rule": True,
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số: 05/TB-VP",
    "date": "Đồng Tháp, ngày 05 tháng 3 năm 2024",
    "date_italic": True,
    "type": "THÔNG BÁO",
    "summary_rule": True,
    "body_size": 14,
    "body_font": FONT,
    "body_align": "justify",
    "body_indent": 1.0,
    "body_line": 1.0,
    "body_after": 6,
    "end": "./.",
    "label": "Nơi nhận:",
    "label_size": 12,
    "entry": "- Các sở, ban, ngành tỉnh;",
    "archive": "- Lưu: VT, VP.",
    "authority": "TL. CHỦ TỊCH",
    "title_bold": True,
    "page_first": False,
    "page_footer": False,
    "type_size": 14,
    "name_bold": True,
}


def hand_notice(path: Path, **changes: object) -> Path:
    """A notice of conclusions as a clerk types it in Word under NĐ30 (direct formatting)."""
    f = {**CLEAN, **changes}
    doc = Document()
    section = doc.sections[0]
    width, height = f["paper"]  # type: ignore[misc]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(float(f["margin_left_mm"])), Mm(15)  # type: ignore[arg-type]
    header = doc.add_table(rows=2, cols=2)
    _borderless(header)
    left, right = header.cell(0, 0), header.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _para(left, str(f["parent"]), 12, bold=bool(f["parent_bold"]))
    _para(left, "VĂN PHÒNG", 12, bold=bool(f["issuer_bold"]))
    if f["issuer_rule"]:
        _rule(left)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, str(f["motto"]), 13, bold=True)
    if f["motto_rule"]:
        _rule(right)
    for cell, text, italic in (
        (header.cell(1, 0), f["number"], False),
        (header.cell(1, 1), f["date"], bool(f["date_italic"])),
    ):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        _para(cell, str(text), 13, italic=italic)
    _para(doc, str(f["type"]), float(f["type_size"]), bold=True)  # type: ignore[arg-type]
    _para(
        doc,
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp giao ban tháng 3",
        14,
        bold=True,
    )
    if f["summary_rule"]:
        _rule(doc)
    body = {
        "align": str(f["body_align"]),
        "indent_cm": float(f["body_indent"]),  # type: ignore[arg-type]
        "after": float(f["body_after"]),
        "line": float(f["body_line"]),
    }  # type: ignore[arg-type]
    _para(
        doc,
        "Ngày 04 tháng 3 năm 2024, Ủy ban nhân dân tỉnh họp giao ban công tác tháng 3.",
        14,
        **body,
    )  # type: ignore[arg-type]
    _para(
        doc,
        "Đề nghị Hội Nông dân tỉnh tiếp tục vận động hội viên tham gia sản xuất.",
        float(f["body_size"]),
        font=str(f["body_font"]),
        **body,
    )  # type: ignore[arg-type]
    _para(
        doc,
        "Văn phòng thông báo để các cơ quan, đơn vị biết, thực hiện" + str(f["end"]),
        14,
        **body,
    )  # type: ignore[arg-type]
    closing = doc.add_table(rows=1, cols=2)
    _borderless(closing)
    recipients, signature = closing.cell(0, 0), closing.cell(0, 1)
    for cell in (recipients, signature):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _para(
        recipients,
        str(f["label"]),
        float(f["label_size"]),
        bold=True,
        italic=True,  # type: ignore[arg-type]
        align="left",
    )
    _para(recipients, str(f["entry"]), 11, align="left")
    _para(recipients, str(f["archive"]), 11, align="left")
    _para(signature, str(f["authority"]), 14, bold=True)
    _para(signature, "CHÁNH VĂN PHÒNG", 14, bold=bool(f["title_bold"]))
    _para(signature, "", 14)
    _para(signature, "Nguyễn Văn An", 14, bold=bool(f["name_bold"]))
    section.different_first_page_header_footer = not f["page_first"]
    margin = section.footer if f["page_footer"] else section.header
    number = margin.paragraphs[0]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)
    doc.save(path)
    return path


def _one(path: Path, profile: str = "nd30") -> Problem:
    found = check_document(path, profile)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_the_clean_hand_typed_notice_has_no_finding(tmp_path: Path) -> None:
    path = hand_notice(tmp_path / "clean.docx")
    assert check_document(path, "nd30") == []
    assert check_documents([path])[0].profile.name == "nd30"  # guessed from the motto


#: One defect each: the change, the start of the paragraph it is found at ("" for the page)
#: and words of the finding.
DEFECTS: dict[str, tuple[dict[str, object], str, str]] = {
    "margin": ({"margin_left_mm": 25}, "", "left margin 25 mm; the format requires 30–35 mm"),
    "paper": ({"paper": (216, 279)}, "", "paper 216 × 279 mm"),
    "parent bold": ({"parent_bold": True}, "ỦY BAN NHÂN DÂN", "bold; the format requires not bold"),
    "issuer not bold": ({"issuer_bold": False}, "VĂN PHÒNG", "not bold; the format requires bold"),
    "issuer rule": ({"issuer_rule": False}, "VĂN PHÒNG", "no rule under"),
    "motto rule": ({"motto_rule": False}, "Độc lập", "no rule under"),
    "motto text": ({"motto": "Độc lập – Tự do – Hạnh phúc!"}, "Độc lập", "the format requires"),
    "number colon": ({"number": "Số 05/TB-VP"}, "Số 05", "not in the form"),
    "number padding": ({"number": "Số: 5/TB-VP"}, "Số: 5", '"5"; the format requires "05"'),
    "day padding": (
        {"date": "Đồng Tháp, ngày 5 tháng 3 năm 2024"},
        "Đồng Tháp",
        '"5"; the format requires "05"',
    ),
    "month padding": (
        {"date": "Đồng Tháp, ngày 05 tháng 03 năm 2024"},
        "Đồng Tháp",
        '"03"; the format requires "3"',
    ),
    "date form": ({"date": "Đồng Tháp ngày 05 tháng 3 năm 2024"}, "Đồng Tháp", "not in the form"),
    "date upright": ({"date_italic": False}, "Đồng Tháp", "upright; the format requires italic"),
    "type size": ({"type_size": 16}, "THÔNG BÁO", "font size 16 pt; the format requires 13–14 pt"),
    "type lower case": (
        {"type": "Thông báo"},
        "Thông báo",
        "lower case; the format requires capitals",
    ),
    "summary rule": ({"summary_rule": False}, "Kết luận", "no rule under"),
    "body size": ({"body_size": 12}, "Đề nghị", "font size 12 pt; the format requires 13–14 pt"),
    "body font": ({"body_font": "Arial"}, "Đề nghị", "font Arial; the format requires Times"),
    "closing mark": ({"end": "."}, "Văn phòng thông báo", 'ends with "."'),
    "label": ({"label": "Nơi nhận"}, "Nơi nhận", '"Nơi nhận:"'),
    "label size": ({"label_size": 14}, "Nơi nhận", "font size 14 pt; the format requires 12 pt"),
    "entry": ({"entry": "- Các sở, ban, ngành tỉnh"}, "- Các sở", "not in the form"),
    "archive": ({"archive": "- Lưu VT, VP."}, "- Lưu", '"- Lưu: …."'),
    "prefix": ({"authority": "T/L CHỦ TỊCH"}, "T/L", '"T/L"; the format requires "TL."'),
    "title bold": ({"title_bold": False}, "CHÁNH VĂN PHÒNG", "not bold"),
    "name bold": ({"name_bold": False}, "Nguyễn Văn An", "not bold"),
    "page 1 numbered": ({"page_first": True}, "", "page 1 shows its number"),
    "page number in footer": ({"page_footer": True}, "", "in the footer"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_gives_exactly_one_finding_at_its_place(defect: str, tmp_path: Path) -> None:
    changes, where, words = DEFECTS[defect]
    found = _one(hand_notice(tmp_path / "defect.docx", **changes))
    assert words in found.message
    if where:
        document = read_document(tmp_path / "defect.docx")
        paragraph = next(p for p in document.paragraphs if p.index == found.position.line)
        assert paragraph.text.startswith(where)
        assert f'paragraph {paragraph.index} ("' in str(found)
    else:
        assert found.position.line == 0


@pytest.mark.parametrize(
    "change", [{"body_indent": 0.5}, {"body_align": "left"}, {"body_line": 2.0}, {"body_after": 0}]
)
def test_body_layout_rules_find_each_body_paragraph(
    change: dict[str, object], tmp_path: Path
) -> None:
    """Indent, alignment, line spacing and the space between paragraphs: the defect is
    on every body paragraph, so each is found (the space: between each pair)."""
    found = check_document(hand_notice(tmp_path / "body.docx", **change), "nd30")
    body = {"body_after": 2}.get(next(iter(change)), 3)
    assert len(found) == body, "\n".join(map(str, found))
    assert all(p.severity is Severity.ERROR for p in found)


def test_ranges_of_the_regulation_are_accepted_whole(tmp_path: Path) -> None:
    """NĐ30: body 13–14 pt, indent 1–1.27 cm, single to 1.5 lines, margins left 30–35 mm."""
    path = hand_notice(
        tmp_path / "range.docx", body_size=13, body_indent=1.27, body_line=1.5, margin_left_mm=35
    )
    assert check_document(path, "nd30") == []


def test_the_same_notice_against_the_party_format_breaks_its_rules(tmp_path: Path) -> None:
    found = check_document(hand_notice(tmp_path / "n.docx"), "hd05")
    text = "\n".join(map(str, found))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert '"TL."; the format requires "T/L"' in text


# -- formatting resolved as Word resolves it ------------------------------------------


def _xml_set(element: object, tag: str, **attrs: str) -> None:
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)  # type: ignore[attr-defined]


def _body_size_in(doc_path: Path, where: str, size: float) -> Path:
    """The notice with the second body paragraph's size set only in ``where``."""
    hand_notice(doc_path)
    doc = Document(str(doc_path))
    target = next(p for p in doc.paragraphs if p.text.startswith("Đề nghị"))
    for run in target.runs:
        run.font.size = None
    if where == "direct":
        target.runs[0].font.size = Pt(size)
    elif where == "style":
        style = doc.styles.add_style("Thân văn bản", WD_STYLE_TYPE.PARAGRAPH)
        base = doc.styles.add_style("Gốc", WD_STYLE_TYPE.PARAGRAPH)
        base.font.size = Pt(size)  # inherited through basedOn
        style.base_style = base
        target.style = style
    else:
        rpr = (
            doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        )
        for old in rpr.findall(qn("w:sz")):
            rpr.remove(old)
        _xml_set(rpr, "w:sz", val=str(round(size * 2)))
    doc.save(str(doc_path))
    return doc_path


@pytest.mark.parametrize("size", [14, 12])
def test_a_size_in_the_defaults_in_a_style_or_direct_resolves_the_same(
    size: float, tmp_path: Path
) -> None:
    found = {
        where: [
            str(p).split(":", 1)[1]
            for p in check_document(_body_size_in(tmp_path / f"{where}.docx", where, size), "nd30")
        ]
        for where in ("defaults", "style", "direct")
    }
    assert found["defaults"] == found["style"] == found["direct"]
    assert len(found["direct"]) == (0 if size == 14 else 1)


def test_bold_in_the_paragraph_style_and_the_character_style_toggles_off(tmp_path: Path) -> None:
    """ECMA-376 §17.7.3: a toggle property set by two styles of the hierarchy cancels."""
    path = hand_notice(tmp_path / "toggle.docx")
    doc = Document(str(path))
    parent = doc.tables[0].cell(0, 0).paragraphs[0]
    para_style = doc.styles.add_style("Cơ quan đậm", WD_STYLE_TYPE.PARAGRAPH)
    para_style.font.bold = True
    char_style = doc.styles.add_style("Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
    char_style.font.bold = True
    parent.style = para_style
    parent.runs[0].bold = None
    doc.save(str(tmp_path / "paragraph-style-only.docx"))
    assert (
        "bold; the format requires not bold" in _one(tmp_path / "paragraph-style-only.docx").message
    )
    parent.runs[0].style = char_style
    doc.save(str(path))
    assert check_document(path, "nd30") == []


def test_theme_fonts_come_from_the_theme(tmp_path: Path) -> None:
    path = hand_notice(tmp_path / "theme.docx")
    doc = Document(str(path))
    target = next(p for p in doc.paragraphs if p.text.startswith("Đề nghị"))
    fonts = target.runs[0]._r.get_or_add_rPr().find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi"):
        fonts.attrib.pop(qn(slot))
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    doc.save(str(path))
    theme_font = _theme_minor_font(path)
    assert theme_font and theme_font != FONT
    assert f"font {theme_font};" in _one(path).message


def _theme_minor_font(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        theme = archive.read("word/theme/theme1.xml").decode()
    start = theme.index("<a:minorFont>")
    return theme[start:].split('typeface="', 1)[1].split('"', 1)[0]


def test_tracked_changes_fields_and_lists_read_as_word_shows_them(tmp_path: Path) -> None:
    path = hand_notice(tmp_path / "tracked.docx")
    doc = Document(str(path))
    target = next(p for p in doc.paragraphs if p.text.startswith("Đề nghị"))
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = "CHỮ ĐÃ XOÁ "
    run.append(gone)
    deleted.append(run)
    target._p.insert(1, deleted)
    inserted = OxmlElement("w:ins")
    inserted.append(target.runs[0]._r)
    target._p.append(inserted)
    doc.save(str(path))
    paragraph = next(p for p in read_document(path).paragraphs if "Đề nghị" in p.text)
    assert paragraph.text.startswith("Đề nghị Hội Nông dân")
    assert "XOÁ" not in paragraph.text
    assert check_document(path, "nd30") == []


# -- every document giaoban writes conforms ------------------------------------------


def _examples(out: Path, profile: str) -> list[Path]:
    written = render([EXAMPLES], docs=("tb", "bc"), formats=("docx",), profile=profile, out=out)
    return sorted(o.path for o in written.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_every_example_giaoban_writes_conforms(profile: str, tmp_path: Path) -> None:
    files = _examples(tmp_path, profile)
    assert len(files) == 10
    for result in check_documents(files, profile):
        assert result.problems == [], "\n".join(map(str, result.problems))


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_the_digest_conforms(profile: str, tmp_path: Path) -> None:
    from generator.api import digest

    result = digest([EXAMPLES], period="2024", formats=("docx",), profile=profile, out=tmp_path)
    (written,) = [o.path for o in result.outputs]
    assert check_document(written, profile) == []


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_documents_saved_again_by_libreoffice_conform(profile: str, tmp_path: Path) -> None:
    files = _examples(tmp_path / "out", profile)
    resaved = saved_by_libreoffice(files, tmp_path / "saved")
    assert all(path.exists() for path in resaved)
    for result in check_documents(resaved, profile):
        assert result.problems == [], "\n".join(map(str, result.problems))


# -- the command ----------------------------------------------------------------------


def test_exit_codes_and_the_guess_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = hand_notice(tmp_path / "clean.docx")
    assert main(["check", str(clean)]) == 0
    out = capsys.readouterr().out
    assert "checked against nd30 (30/2020/NĐ-CP), guessed" in out
    bad = hand_notice(tmp_path / "bad.docx", body_size=12)
    assert main(["check", "--profile", "nd30", str(bad)]) == 1
    out = capsys.readouterr().out
    assert 'bad.docx:paragraph 13 ("Đề nghị Hội Nông dân tỉnh' in out
    assert main(["check", "--profile", "no-such-profile", str(bad)]) == 1
    assert main(["check", "--nonsense", str(bad)]) == 2


def test_recipients_typed_in_one_paragraph_are_read_line_by_line(tmp_path: Path) -> None:
    path = hand_notice(tmp_path / "n.docx")
    doc = Document(str(path))
    cell = doc.tables[1].cell(0, 0)
    label, entry, archive = cell.paragraphs
    for p in (entry, archive):
        label.add_run().add_break()
        run = label.add_run(p.text)
        run.font.size, run.font.name = Pt(11), FONT
        p._p.getparent().remove(p._p)
    doc.save(str(path))
    assert check_document(path, "nd30") == []
    label.runs[-1].text = "- Lưu VT."
    doc.save(str(path))
    assert '"- Lưu: …."' in _one(path).message


def test_warnings_count_only_with_strict(tmp_path: Path) -> None:
    path = hand_notice(tmp_path / "n.docx")
    doc = Document(str(path))
    header = doc.sections[0].header
    for p in header.paragraphs:
        p._p.getparent().remove(p._p)
    header.add_paragraph("")
    doc.save(str(path))
    (found,) = check_document(path, "nd30")
    assert found.severity is Severity.WARNING
    assert main(["check", "--profile", "nd30", str(path)]) == 0
    assert main(["check", "--profile", "nd30", "--strict", str(path)]) == 1


def test_json_lists_findings_with_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    bad = hand_notice(tmp_path / "bad.docx", margin_left_mm=25)
    assert main(["check", "--json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    (finding,) = data["files"][0]["findings"]
    assert data["ok"] is False and data["files"][0]["guessed"] is True
    assert finding["where"] == "page 1" and finding["severity"] == "error"


@pytest.mark.parametrize(
    ("words", "expected"),
    [("giaoban ch", "plain,check"), ("giaoban check a.docx --profile h", "plain,hd05")],
)
def test_completion_knows_check(words: str, expected: str, tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "_GIAOBAN_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1)}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "generator"], capture_output=True, text=True,
                            env=env, check=False, cwd=tmp_path)  # fmt: skip
    assert expected in result.stdout.split()


# -- hostile input --------------------------------------------------------------------


def _cfb(extra: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


HOSTILE: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "binary doc": (lambda _: _cfb(b"WordDocument".decode().encode("utf-16-le")), "old binary Word"),
    "encrypted": (lambda _: _cfb("EncryptedPackage".encode("utf-16-le")), "password-protected"),
    "pdf": (lambda _: b"%PDF-1.7\n%\xe2\xe3\n", "this is a PDF"),
    "rtf": (lambda _: b"{\\rtf1\\ansi hello}", "RTF"),
    "odt": (
        lambda _: _zip(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
        ),
        "OpenDocument",
    ),
    "xlsx": (lambda _: _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "Excel"),
    "text": (lambda _: "Thông báo kết luận".encode(), "not a Word document"),
    "truncated zip": (lambda p: (p.parent / "clean.docx").read_bytes()[:3000], "damaged"),
    "bad xml": (
        lambda p: _with_part(
            p.parent / "clean.docx", "word/document.xml", b"<w:document><unclosed>"
        ),
        "damaged",
    ),
    "entity bomb": (
        lambda p: _with_part(
            p.parent / "clean.docx",
            "word/document.xml",
            b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>',
        ),
        "not a Word document",
    ),
    "zip bomb": (
        lambda p: _with_part(
            p.parent / "clean.docx", "word/document.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>"
        ),
        "zip bomb",
    ),
}


def _with_part(source: Path, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == name else old.read(info))
    return out.getvalue()


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_input_is_refused_with_a_clear_message(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_notice(tmp_path / "clean.docx")
    make, words = HOSTILE[kind]
    path = tmp_path / "input.docx"
    path.write_bytes(make(path))
    with pytest.raises(InputError) as caught:
        check_document(path, "nd30")
    assert words in str(caught.value)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as stream:
        stream.truncate(60 * 1024 * 1024)  # sparse: nothing is written to disk
    with pytest.raises(InputError, match="over the 20 MB limit"):
        check_document(path, "nd30")


@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_the_guess_keeps_the_profile_a_draft_was_written_in(profile: str, tmp_path: Path) -> None:
    """Found by review: an undated HD36 draft of a 2023 meeting ("năm 2023" only) was
    guessed HD05 (today's) and got hundreds of findings. The guess tries the profiles the
    header calls for and keeps the one the document breaks least."""
    examples = Path(__file__).resolve().parent.parent / "examples" / "records"
    outputs = render(sorted(examples.glob("*.yaml")), docs=("tb", "bc"), formats=("docx",),
                     profile=profile, out=tmp_path).outputs  # fmt: skip
    for result in check_documents([o.path for o in outputs]):
        assert (result.profile.name, result.guessed, result.problems) == (profile, True, [])


def test_a_signers_name_at_13_pt_conforms_to_nd30(tmp_path: Path) -> None:
    """Found by review: NĐ30 allows 13–14 pt for the signature block; 13 was flagged."""
    examples = Path(__file__).resolve().parent.parent / "examples" / "records"
    (output,) = render([examples / "2024-09-25-giao-ban-quy-3.yaml"], formats=("docx",),
                       profile="nd30", out=tmp_path).outputs  # fmt: skip
    doc = Document(str(output.path))
    for paragraph in doc.tables[-1].cell(0, 1).paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(13)
    doc.save(str(output.path))
    assert check_document(output.path, "nd30") == []


#: A line as Word 2010+ and LibreOffice write a shape: mc:AlternateContent, a drawing and
#: its VML fallback (Insert ▸ Shapes ▸ Line).
LINE_SHAPE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"> <mc:AlternateContent><mc:Choice'
    ' Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300"'
    ' distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0"'
    ' locked="0" layoutInCell="1" allowOverlap="1"> <wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>800100</wp:posOffset>'
    '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>'
    '38100</wp:posOffset></wp:positionV> <wp:extent cx="1000000" cy="0"/>'
    '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1"'
    ' name="Straight Connector 1"/><wp:cNvGraphicFramePr/> <a:graphic><a:graphicData'
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1000000"'
    ' cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln'
    ' w="6350"/></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
    '</wp:anchor></w:drawing></mc:Choice> <mc:Fallback><w:pict><v:line id="c1"'
    ' from="63pt,3pt" to="141.75pt,3pt" strokeweight=".5pt"/></w:pict></mc:Fallback>'
    "</mc:AlternateContent></w:r>"
)


@pytest.mark.parametrize("where", ["own paragraph", "in the text's paragraph"])
def test_a_rule_drawn_as_a_shape_is_a_rule(tmp_path: Path, where: str) -> None:
    """Found by review: shapes written as mc:AlternateContent were not seen, so nearly
    every hand-typed notice got "no rule under the issuing body"."""
    from docx.oxml import parse_xml

    path = hand_notice(tmp_path / "mc.docx")
    doc = Document(str(path))
    issuer = next(p for p in doc.tables[0].cell(0, 0).paragraphs if p.text == "VĂN PHÒNG")
    rule = issuer._p.getnext()
    borders = rule.find(qn("w:pPr")).find(qn("w:pBdr"))
    borders.getparent().remove(borders)
    if where == "own paragraph":
        rule.append(parse_xml(LINE_SHAPE))
    else:
        rule.getparent().remove(rule)
        issuer._p.append(parse_xml(LINE_SHAPE))
    doc.save(str(path))
    assert check_document(path, "nd30") == []


def test_an_issuing_body_on_two_bold_lines(tmp_path: Path) -> None:
    """Found by review: "ỦY BAN NHÂN DÂN / TỈNH ĐỒNG THÁP", a people's committee issuing
    its own notice (both lines bold, no parent body), got "bold; required not bold"."""
    path = hand_notice(tmp_path / "b.docx", parent="ỦY BAN NHÂN DÂN", parent_bold=True)
    doc = Document(str(path))
    issuer = next(p for p in doc.tables[0].cell(0, 0).paragraphs if p.text == "VĂN PHÒNG")
    issuer.runs[0].text = "TỈNH ĐỒNG THÁP"
    doc.save(str(path))
    assert check_document(path, "nd30") == []
    # A parent body typed bold above a bold issuing body is still found: its own line.
    mistaken = hand_notice(tmp_path / "m.docx", parent_bold=True)
    (finding,) = check_document(mistaken, "nd30")
    assert "paragraph 1 " in str(finding) and "the format requires not bold" in str(finding)
